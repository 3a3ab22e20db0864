/* test_xlsx.c: Excel workbooks of typed tables (xlsx.h), read back with
 * openpyxl (Debian's python3-openpyxl, hence /usr/bin/python3). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buurtscan/xlsx.h"
#include "testutil.h"

#define PY "/usr/bin/python3"

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

/* Three wijken of Leeuwarden (CBS 2022), one with its population
 * suppressed and its income missing. */
static const char *codes[3] = { "WK008010", "WK008074", "WK008020" };
static const char *names[3] = { "Binnenstad", "Middelsee", "Oud-Oost" };
static double pop[3] = { 6125, 55, 12350 };
static double income[3] = { 56.7, NAN, 52.4 };
static const unsigned char small[3] = { 0, 1, 0 };

static bs_typed_column cols[4] = {
    { "code", "Wijkcode", BS_COL_TEXT, NULL, codes, NULL, -1 },
    { "name", "Wijk", BS_COL_TEXT, NULL, names, NULL, -1 },
    { "population", "Inwoners", BS_COL_INTEGER, pop, NULL, small, 0 },
    { "income_low", "Personen met laag inkomen (%)", BS_COL_REAL, income,
      NULL, NULL, 1 },
};

static const bs_typed_table scores = { "scores", 3, 4, cols };

/* Writes path with the scores sheet and a method sheet. */
static void write_book(const char *path, long long created)
{
    static const char *keys[2] = { "armoede", "werk" };
    static const char *defs[2] = { "Personen met laag inkomen", "Werkzaam" };
    bs_typed_column m[2] = {
        { "indicator", "Indicator", BS_COL_TEXT, NULL, keys, NULL, -1 },
        { "definition", "Definitie", BS_COL_TEXT, NULL, defs, NULL, -1 },
    };
    bs_typed_table method = { "methode", 2, 2, m };
    bs_xlsx *x;
    bs_error err;

    ck_assert_msg(bs_xlsx_create(path, created, &x, &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_xlsx_add_sheet(x, &scores, "Bron: CBS Kerncijfers wijken "
                                    "en buurten 2022\nIllustratief", NULL,
                                    &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_xlsx_add_sheet(x, &method, NULL, NULL, &err) == 0, "%s",
                  err.msg);
    ck_assert_msg(bs_xlsx_close(x, &err) == 0, "%s", err.msg);
}

START_TEST(numbers_are_numbers_and_suppressed_cells_a_dot)
{
    char path[512], *out;

    snprintf(path, sizeof path, "%s/scores.xlsx", dir);
    write_book(path, 1719705600);
    out = bs_test_cmd(PY " -c \"import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "print(wb.sheetnames)\n"
        "ws = wb['scores']\n"
        "print(ws.freeze_panes, ws.auto_filter.ref)\n"
        "for row in ws.iter_rows(min_row=1, max_row=ws.max_row):\n"
        "  print([(c.value, c.data_type) for c in row])\n"
        "print(ws['C2'].number_format, ws['D2'].number_format, "
        "ws['A1'].font.b)\" '%s'", path);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out,
        "['scores', 'methode']\n"
        "A2 A1:D4\n"
        "[('Wijkcode', 's'), ('Wijk', 's'), ('Inwoners', 's'), "
        "('Personen met laag inkomen (%)', 's')]\n"
        "[('WK008010', 's'), ('Binnenstad', 's'), (6125, 'n'), (56.7, 'n')]\n"
        "[('WK008074', 's'), ('Middelsee', 's'), ('.', 's'), (None, 'n')]\n"
        "[('WK008020', 's'), ('Oud-Oost', 's'), (12350, 'n'), (52.4, 'n')]\n"
        "[(None, 'n'), (None, 'n'), (None, 'n'), (None, 'n')]\n"
        "[('Bron: CBS Kerncijfers wijken en buurten 2022', 's'), "
        "(None, 'n'), (None, 'n'), (None, 'n')]\n"
        "[('Illustratief', 's'), (None, 'n'), (None, 'n'), (None, 'n')]\n"
        "[('" BS_XLSX_SUPPRESSED_NL "', 's'), (None, 'n'), (None, 'n'), "
        "(None, 'n')]\n"
        "0 0.0 True\n");
    free(out);
}
END_TEST

START_TEST(same_tables_and_time_give_the_same_bytes)
{
    char a[512], b[512], *cmp;

    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    write_book(a, 1719705600);
    sleep(2);   /* a time taken from the clock would now differ */
    write_book(b, 1719705600);
    cmp = bs_test_cmd("cmp '%s' '%s' && echo same", a, b);
    ck_assert_ptr_nonnull(cmp);
    ck_assert_str_eq(cmp, "same\n");
    free(cmp);
}
END_TEST

START_TEST(what_excel_refuses_is_an_error_and_nothing_is_printed)
{
    bs_xlsx *x;
    bs_error err;
    bs_typed_table t = scores;
    char path[512], msg[BS_ERROR_MAX];
    char *long_text = malloc(40000);
    const char *texts[3] = { "a", NULL, NULL };
    bs_typed_column c = { "note", NULL, BS_COL_TEXT, NULL, texts, NULL, -1 };
    bs_typed_table lt = { "long", 3, 1, &c };
    FILE *cap = tmpfile();
    int saved = dup(2);

    fflush(stderr);
    dup2(fileno(cap), 2);
    memset(long_text, 'x', 39999);
    long_text[39999] = '\0';
    texts[2] = long_text;
    snprintf(path, sizeof path, "%s/bad.xlsx", dir);
    ck_assert_int_eq(bs_xlsx_create("/nonexistent/x.xlsx", 0, &x, &err), -1);
    ck_assert_str_eq(err.msg, "/nonexistent/x.xlsx: cannot write: No such "
                     "file or directory");
    ck_assert_int_eq(bs_xlsx_create(path, 0, &x, &err), 0);
    t.name = "scores [2024]";
    ck_assert_int_eq(bs_xlsx_add_sheet(x, &t, NULL, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: sheet 'scores [2024]': ", path);
    ck_assert_msg(strncmp(err.msg, msg, strlen(msg)) == 0, "%s", err.msg);
    t.name = "a name longer than the thirty-one characters";
    ck_assert_int_eq(bs_xlsx_add_sheet(x, &t, NULL, NULL, &err), -1);
    t.name = "scores";
    ck_assert_int_eq(bs_xlsx_add_sheet(x, &t, NULL, NULL, &err), 0);
    ck_assert_int_eq(bs_xlsx_add_sheet(x, &t, NULL, NULL, &err), -1);
    ck_assert_int_eq(bs_xlsx_add_sheet(x, &lt, NULL, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: sheet 'long': row 3, column 'note': the "
             "text is longer than a cell holds (32767 characters)", path);
    ck_assert_str_eq(err.msg, msg);
    bs_xlsx_discard(x);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(cap, 0, SEEK_END);
    ck_assert_int_eq(ftell(cap), 0);
    fclose(cap);
    ck_assert_int_eq(access(path, F_OK), -1);
    free(long_text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("xlsx");
    TCase *tc = tcase_create("write");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, numbers_are_numbers_and_suppressed_cells_a_dot);
    tcase_add_test(tc, same_tables_and_time_give_the_same_bytes);
    tcase_add_test(tc, what_excel_refuses_is_an_error_and_nothing_is_printed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
