/* test_notes.c: notes.csv: notes per area and question, keys compared
 * trimmed and case-insensitively, errors with file and line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/notes.h"
#include "testutil.h"

static const char *const keys[3] = {"WK008010", "WK008020", "WK008061"};

static char *tmp;

static void setup(void)
{
    tmp = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(tmp);
    free(tmp);
}

START_TEST(notes_go_to_their_area_and_question)
{
    char *csv, **notes = NULL;
    bs_error err;

    csv = bs_test_write(tmp, "notes.csv",
                        "vragen,code,ondersteunen,aansluiten,anders\n"
                        ",wk008020 ,Jongerenwerk in de avond,"
                        "\"Buurthuis De Schakel, elke woensdag\",x\n"
                        "Veel vragen over schulden,WK008061,,,y\n");
    ck_assert_msg(bs_report_notes_read(csv, keys, 3, &notes, &err) == 0, "%s",
                  err.msg);
    ck_assert_ptr_null(notes[0]);
    ck_assert_ptr_null(notes[1]);
    ck_assert_ptr_null(notes[2]);
    ck_assert_str_eq(notes[3], "Buurthuis De Schakel, elke woensdag");
    ck_assert_ptr_null(notes[4]);
    ck_assert_str_eq(notes[5], "Jongerenwerk in de avond");
    ck_assert_ptr_null(notes[6]);
    ck_assert_str_eq(notes[7], "Veel vragen over schulden");
    ck_assert_ptr_null(notes[8]);
    bs_report_notes_free(notes, 3);
    free(csv);
}
END_TEST

START_TEST(notes_errors_name_file_and_line)
{
    char *csv, **notes = NULL, want[512];
    bs_error err;

    csv = bs_test_write(tmp, "n1.csv", "code,aansluiten,vragen,ondersteunen\n"
                                       "WK008010,a,b,c\nWK999999,a,b,c\n");
    ck_assert_int_eq(bs_report_notes_read(csv, keys, 3, &notes, &err), -1);
    snprintf(want, sizeof want, "%s:3: unknown area code 'WK999999'", csv);
    ck_assert_str_eq(err.msg, want);
    ck_assert(notes == NULL);
    free(csv);
    csv = bs_test_write(tmp, "n2.csv", "code,aansluiten,vragen,ondersteunen\n"
                                       "WK008010,a,b,c\nwk008010,d,e,f\n");
    ck_assert_int_eq(bs_report_notes_read(csv, keys, 3, &notes, &err), -1);
    snprintf(want, sizeof want, "%s:3: area code 'wk008010' is given twice "
             "(also at line 2)", csv);
    ck_assert_str_eq(err.msg, want);
    free(csv);
    csv = bs_test_write(tmp, "n3.csv", "code,aansluiten,ondersteunen\nWK008010,a,c\n");
    ck_assert_int_eq(bs_report_notes_read(csv, keys, 3, &notes, &err), -1);
    ck_assert(strstr(err.msg, "no column 'vragen'") != NULL);
    free(csv);
    csv = bs_test_write(tmp, "n4.csv", "gebied,aansluiten,vragen,ondersteunen\n"
                                       "WK008010,a,b,c\n");
    ck_assert_int_eq(bs_report_notes_read(csv, keys, 3, &notes, &err), -1);
    ck_assert(strstr(err.msg, "no column 'code'") != NULL);
    free(csv);
}
END_TEST

static Suite *notes_suite(void)
{
    Suite *s = suite_create("notes");
    TCase *tc = tcase_create("read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, notes_go_to_their_area_and_question);
    tcase_add_test(tc, notes_errors_name_file_and_line);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(notes_suite(), 1);
}
