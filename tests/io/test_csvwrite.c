/* test_csvwrite.c: the CSV writer's two dialects, byte for byte, and read
 * back by buurtscan's own CSV reader. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buurtscan/csv.h"
#include "buurtscan/csvwrite.h"
#include "testutil.h"

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

static const char *codes[3] = { "WK008010", "WK008074", "WK008020" };
static const char *names[3] = { "Binnenstad", "Middelsee; dorp", "Oud-Oost, \"Vlietzone\"" };
static double pop[3] = { 6125, 55, 12350 };
static double income[3] = { 56.7, NAN, 0.000012 };
static const unsigned char small[3] = { 0, 1, 0 };
static bs_typed_column cols[4] = {
    { "code", NULL, BS_COL_TEXT, NULL, codes, NULL, -1 },
    { "name", NULL, BS_COL_TEXT, NULL, names, NULL, -1 },
    { "population", NULL, BS_COL_INTEGER, pop, NULL, small, 0 },
    { "income_low", NULL, BS_COL_REAL, income, NULL, NULL, 1 },
};
static const bs_typed_table t = { "scores", 3, 4, cols };

START_TEST(plain_is_comma_and_point)
{
    char path[512], *text;
    bs_error err;

    snprintf(path, sizeof path, "%s/plain.csv", dir);
    ck_assert_msg(bs_csv_write_table(path, &t, BS_CSV_PLAIN, &err) == 0, "%s",
                  err.msg);
    text = bs_test_slurp(path);
    ck_assert_str_eq(text,
        "code,name,population,income_low\n"
        "WK008010,Binnenstad,6125,56.7\n"
        "WK008074,Middelsee; dorp,.,\n"
        "WK008020,\"Oud-Oost, \"\"Vlietzone\"\"\",12350,1.2e-05\n");
    free(text);
}
END_TEST

START_TEST(excel_nl_is_semicolon_decimal_comma_and_bom)
{
    char path[512], *text;
    bs_error err;
    bs_table *back;
    double v[3];

    snprintf(path, sizeof path, "%s/excel.csv", dir);
    ck_assert_int_eq(bs_csv_write_table(path, &t, BS_CSV_EXCEL_NL, &err), 0);
    text = bs_test_slurp(path);
    ck_assert_str_eq(text,
        "\xEF\xBB\xBF" "code;name;population;income_low\r\n"
        "WK008010;Binnenstad;6125;56,7\r\n"
        "WK008074;\"Middelsee; dorp\";.;\r\n"
        "WK008020;\"Oud-Oost, \"\"Vlietzone\"\"\";12350;1,2e-05\r\n");
    free(text);
    /* buurtscan's reader detects the dialect and reads the same values */
    ck_assert_msg(bs_csv_read(path, NULL, &back, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(back->ncols, 4);
    ck_assert_str_eq(back->names[0], "code");
    ck_assert_int_eq(back->decimal, ',');
    ck_assert_str_eq(back->cells[1][1], "Middelsee; dorp");
    ck_assert_int_eq(bs_table_column_numeric(back, 3, v, &err), 0);
    ck_assert_double_eq(v[0], 56.7);
    ck_assert(isnan(v[1]));
    ck_assert_double_eq(v[2], 0.000012);
    ck_assert_int_eq(bs_table_column_numeric(back, 2, v, &err), 0);
    ck_assert(isnan(v[1]));     /* "." is the CBS sign for missing */
    bs_table_free(back);
}
END_TEST

START_TEST(row_by_row_and_the_dialect_names)
{
    char path[512], *text;
    bs_error err;
    bs_csvw *w;
    bs_csv_dialect d;

    ck_assert_int_eq(bs_csv_dialect_parse(" Excel-NL ", &d), 0);
    ck_assert_int_eq(d, BS_CSV_EXCEL_NL);
    ck_assert_int_eq(bs_csv_dialect_parse("plain", &d), 0);
    ck_assert_int_eq(d, BS_CSV_PLAIN);
    ck_assert_int_eq(bs_csv_dialect_parse("excel", &d), -1);
    ck_assert_str_eq(bs_csv_dialect_name(BS_CSV_EXCEL_NL), "excel-nl");
    snprintf(path, sizeof path, "%s/rows.csv", dir);
    w = bs_csvw_open(path, BS_CSV_EXCEL_NL, &err);
    ck_assert_ptr_nonnull(w);
    bs_csvw_text(w, "class");
    bs_csvw_text(w, "upper");
    bs_csvw_end_row(w);
    bs_csvw_int(w, 1);
    bs_csvw_num(w, -1234567.25);
    bs_csvw_end_row(w);
    bs_csvw_text(w, NULL);
    bs_csvw_num(w, NAN);
    bs_csvw_end_row(w);
    ck_assert_int_eq(bs_csvw_close(w, &err), 0);
    text = bs_test_slurp(path);
    ck_assert_str_eq(text, "\xEF\xBB\xBF" "class;upper\r\n1;-1234567,25\r\n"
                     ";\r\n");
    free(text);
}
END_TEST

START_TEST(write_errors_are_reported)
{
    bs_error err;
    bs_csvw *w;

    ck_assert_ptr_null(bs_csvw_open("/nonexistent/x.csv", BS_CSV_PLAIN, &err));
    ck_assert_str_eq(err.msg, "/nonexistent/x.csv: cannot write: No such file "
                     "or directory");
    if (access("/dev/full", W_OK) != 0)
        return;
    w = bs_csvw_open("/dev/full", BS_CSV_PLAIN, &err);
    ck_assert_ptr_nonnull(w);
    bs_csvw_text(w, "x");
    bs_csvw_end_row(w);
    ck_assert_int_eq(bs_csvw_close(w, &err), -1);
    ck_assert_str_eq(err.msg, "/dev/full: write error: No space left on "
                     "device");
    ck_assert_int_eq(access("/dev/full", F_OK), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("csvwrite");
    TCase *tc = tcase_create("write");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_is_comma_and_point);
    tcase_add_test(tc, excel_nl_is_semicolon_decimal_comma_and_bom);
    tcase_add_test(tc, row_by_row_and_the_dialect_names);
    tcase_add_test(tc, write_errors_are_reported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
