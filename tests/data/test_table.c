/* test_table.c: the text-cell table. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/table.h"
#include "testutil.h"

/* code | v, three rows from lines 2, 3 and 5 */
static bs_table *sample(void)
{
    bs_table *t = bs_table_new("data/k.csv");

    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(bs_table_add_column(t, " code "), 0);
    ck_assert_int_eq(bs_table_add_column(t, "Inwoners"), 1);
    ck_assert_int_eq(bs_table_add_row(t, 2), 0);
    ck_assert_int_eq(bs_table_add_row(t, 3), 1);
    ck_assert_int_eq(bs_table_add_row(t, 5), 2);
    ck_assert_int_eq(bs_table_set(t, 0, 0, "WK1", 3), 0);
    ck_assert_int_eq(bs_table_set(t, 1, 0, " 12 ", 4), 0);
    ck_assert_int_eq(bs_table_set(t, 0, 1, "WK2", 3), 0);
    ck_assert_int_eq(bs_table_set(t, 1, 1, "  .", 3), 0);
    ck_assert_int_eq(bs_table_set(t, 0, 2, "WK3", 3), 0);
    ck_assert_int_eq(bs_table_set(t, 1, 2, "abc", 3), 0);
    return t;
}

START_TEST(columns_and_rows_are_added)
{
    bs_table *t = sample();

    ck_assert_uint_eq(t->ncols, 2);
    ck_assert_uint_eq(t->nrows, 3);
    ck_assert_str_eq(t->names[0], "code");
    ck_assert_str_eq(t->path, "data/k.csv");
    ck_assert_int_eq(t->decimal, '.');
    ck_assert_int_eq(t->lines[2], 5);
    /* columns cannot be added once there are rows */
    ck_assert_int_eq(bs_table_add_column(t, "late"), -1);
    ck_assert_uint_eq(t->ncols, 2);
    bs_table_free(t);
}
END_TEST

START_TEST(many_rows_grow_the_table)
{
    bs_table *t = bs_table_new("x");
    char text[32];
    long r;

    bs_table_add_column(t, "a");
    bs_table_add_column(t, "b");
    for (r = 0; r < 1000; r++) {
        ck_assert_int_eq(bs_table_add_row(t, r + 2), r);
        snprintf(text, sizeof text, "%ld", r);
        ck_assert_int_eq(bs_table_set(t, 1, (size_t)r, text, strlen(text)), 0);
    }
    ck_assert_ptr_null(t->cells[0][999]);
    ck_assert_str_eq(t->cells[1][999], "999");
    ck_assert_int_eq(t->lines[999], 1001);
    bs_table_free(t);
}
END_TEST

START_TEST(set_trims_and_empties)
{
    bs_table *t = sample();

    ck_assert_str_eq(t->cells[1][0], "12");
    ck_assert_str_eq(t->cells[1][1], ".");
    /* only len bytes count */
    ck_assert_int_eq(bs_table_set(t, 0, 0, "WK036300  xyz", 10), 0);
    ck_assert_str_eq(t->cells[0][0], "WK036300");
    /* blank text leaves the cell NULL, replacing what was there */
    ck_assert_int_eq(bs_table_set(t, 0, 0, " \t ", 3), 0);
    ck_assert_ptr_null(t->cells[0][0]);
    bs_table_free(t);
}
END_TEST

START_TEST(find_is_case_insensitive)
{
    bs_table *t = sample();

    ck_assert_int_eq(bs_table_find(t, "CODE"), 0);
    ck_assert_int_eq(bs_table_find(t, "  inwoners "), 1);
    ck_assert_int_eq(bs_table_find(t, "inwoner"), -1);
    ck_assert_int_eq(bs_table_find(t, "inwonersx"), -1);
    bs_table_free(t);
}
END_TEST

START_TEST(where_names_line_or_record)
{
    bs_table *t = sample();
    char buf[128];

    bs_table_where(t, 2, buf, sizeof buf);
    ck_assert_str_eq(buf, "data/k.csv:5");
    t->by_record = 1;
    bs_table_where(t, 2, buf, sizeof buf);
    ck_assert_str_eq(buf, "data/k.csv: record 5");
    bs_table_free(t);
}
END_TEST

START_TEST(numeric_column_reports_bad_cell)
{
    bs_table *t = sample();
    double v[3];
    bs_error err;

    ck_assert_int_eq(bs_table_column_numeric(t, 1, v, &err), -1);
    ck_assert_str_eq(err.msg,
        "data/k.csv:5: column 'Inwoners' holds 'abc', which is not a number");
    t->by_record = 1;
    ck_assert_int_eq(bs_table_column_numeric(t, 1, v, &err), -1);
    ck_assert_str_eq(err.msg,
        "data/k.csv: record 5: column 'Inwoners' holds 'abc', which is not a number");

    bs_table_set(t, 1, 2, "1,5", 3);
    t->decimal = ',';
    ck_assert_int_eq(bs_table_column_numeric(t, 1, v, &err), 0);
    ck_assert_double_eq(v[0], 12);
    ck_assert(isnan(v[1]));
    ck_assert_double_eq(v[2], 1.5);
    bs_table_free(t);
}
END_TEST

START_TEST(free_accepts_null_and_empty)
{
    bs_table *t = bs_table_new(NULL);

    ck_assert_str_eq(t->path, "");
    bs_table_free(t);
    t = bs_table_new("x");
    bs_table_add_column(t, "only");
    bs_table_free(t);
    bs_table_free(NULL);
}
END_TEST

static Suite *table_suite(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("table");

    tcase_add_test(tc, columns_and_rows_are_added);
    tcase_add_test(tc, many_rows_grow_the_table);
    tcase_add_test(tc, set_trims_and_empties);
    tcase_add_test(tc, find_is_case_insensitive);
    tcase_add_test(tc, where_names_line_or_record);
    tcase_add_test(tc, numeric_column_reports_bad_cell);
    tcase_add_test(tc, free_accepts_null_and_empty);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(table_suite(), 1);
}
