/* test_checks.c: the plausibility checks of checks.h, on hand-made values
 * and on real CBS files: KWB 2024 (Mannen_6 + Vrouwen_7 against
 * AantalInwoners_5, each rounded to 5 by CBS) and a raw StatLine export. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/checks.h"
#include "buurtscan/csv.h"
#include "buurtscan/table.h"
#include "testutil.h"

static const char *keys5[5] = {"WK01", "WK02", "WK03", "WK04", "WK05"};

START_TEST(severity_words)
{
    bs_check_severity s = BS_CHECK_NOTE;

    ck_assert_int_eq(bs_check_severity_parse("Error", &s), 0);
    ck_assert_int_eq(s, BS_CHECK_ERROR);
    ck_assert_int_eq(bs_check_severity_parse("warning", &s), 0);
    ck_assert_int_eq(s, BS_CHECK_WARNING);
    ck_assert_int_eq(bs_check_severity_parse("fatal", &s), -1);
    ck_assert_str_eq(bs_check_severity_name(BS_CHECK_NOTE), "note");
}
END_TEST

START_TEST(percentages_outside_0_to_100)
{
    double v[5] = {-0.5, 12, 100, 100.4, NAN};
    bs_check_list l;

    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_percent("armoede", v, 5, keys5, BS_CHECK_WARNING,
                                      &l, NULL), 0);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.row[0].check, "percent armoede");
    ck_assert_str_eq(l.row[0].key, "WK01");
    ck_assert(l.row[0].value == -0.5);
    ck_assert_str_eq(l.row[1].key, "WK04");
    ck_assert_str_eq(l.row[1].message, "armoede: 100.4 % is outside 0 to 100");
    ck_assert_uint_eq(l.count[BS_CHECK_WARNING], 2);
    bs_check_list_free(&l);
}
END_TEST

START_TEST(negative_counts_and_numerators_above_denominators)
{
    double n[5] = {3, -2, 0, NAN, 8}, den[5] = {10, 10, 0, 5, 7};
    bs_check_list l;

    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_negative("jeugdhulp", n, 5, NULL, BS_CHECK_ERROR,
                                       &l, NULL), 0);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(l.row[0].key, "area 2");  /* no keys: numbered from 1 */
    ck_assert_int_eq(l.row[0].severity, BS_CHECK_ERROR);
    ck_assert_int_eq(bs_check_ratio("jeugdhulp", n, den, 5, keys5,
                                    BS_CHECK_WARNING, &l, NULL), 0);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.row[1].key, "WK05");
    ck_assert_str_eq(l.row[1].message,
                     "jeugdhulp: numerator 8 is above its denominator 7");
    ck_assert_uint_eq(l.count[BS_CHECK_ERROR], 1);
    bs_check_list_free(&l);
}
END_TEST

START_TEST(outliers_by_robust_z)
{
    /* median 14.5; |x - 14.5| sorted: .5 .5 1.5 1.5 2.5 2.5 3.5 3.5 4.5
     * 85.5, so MAD 2.5; 100 has robust z 85.5 / (1.4826 * 2.5) = 23.07 */
    double v[10] = {10, 11, 12, 13, 14, 15, 16, 17, 18, 100};
    double flat[5] = {7, 7, 7, 7, 30};
    bs_check_list l;

    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_outliers("x", v, 10, NULL, 5, &l, NULL), 0);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(l.row[0].key, "area 10");
    ck_assert_int_eq(l.row[0].severity, BS_CHECK_NOTE);
    ck_assert_msg(strstr(l.row[0].message, "robust z 23.1; median 14.5, MAD 2.5"),
                  "%s", l.row[0].message);
    /* no spread in most values: MAD 0, not judged */
    ck_assert_int_eq(bs_check_outliers("y", flat, 5, NULL, 5, &l, NULL), 0);
    ck_assert_uint_eq(l.n, 1);
    bs_check_list_free(&l);
}
END_TEST

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double sorted_median(double *s, size_t m)
{
    qsort(s, m, sizeof *s, cmp_dbl);
    return m % 2 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
}

/* The median and MAD come by selection, not sorting: on 2,000 random sets
 * (odd and even sizes, many ties, NaN left out) the flagged areas are those
 * a sort-based median and MAD give, and so are the printed figures. */
START_TEST(outliers_agree_with_sorted_median_and_mad)
{
    unsigned seed = 12345;
    size_t t;

    for (t = 0; t < 2000; t++) {
        size_t n = 3 + t % 61, i, m = 0, want = 0;
        double v[64], s[64], med, mad;
        bs_check_list l;

        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = (double)((seed >> 16) % (t % 7 + 2));     /* ties */
            if ((seed >> 8) % 11 == 0)
                v[i] = 40 + (double)((seed >> 4) % 50);     /* outliers */
            if ((seed >> 12) % 13 == 0)
                v[i] = NAN;
        }
        for (i = 0; i < n; i++)
            if (isfinite(v[i]))
                s[m++] = v[i];
        bs_check_list_init(&l);
        ck_assert_int_eq(bs_check_outliers("x", v, n, NULL, 3, &l, NULL), 0);
        if (m >= 3) {
            med = sorted_median(s, m);
            for (i = 0; i < m; i++)
                s[i] = fabs(s[i] - med);
            mad = sorted_median(s, m);
            for (i = 0; i < n && mad > 0; i++)
                if (isfinite(v[i]) && fabs((v[i] - med) / (1.4826 * mad)) > 3)
                    want++;
        }
        ck_assert_uint_eq(l.n, want);
        bs_check_list_free(&l);
    }
}
END_TEST

START_TEST(period_columns_by_name)
{
    ck_assert(bs_check_is_period_column("Perioden"));
    ck_assert(bs_check_is_period_column("jaar"));
    ck_assert(bs_check_is_period_column("peiljaar"));
    ck_assert(bs_check_is_period_column("cr_jaar"));
    ck_assert(bs_check_is_period_column("Perioden_2"));
    ck_assert(!bs_check_is_period_column("jaarinkomen"));
    ck_assert(!bs_check_is_period_column("Mannen_6"));
}
END_TEST

START_TEST(a_file_that_mixes_periods)
{
    char *dir = bs_test_tmpdir(), *path;
    bs_table *t = NULL;
    bs_check_list l;
    bs_error err;

    path = bs_test_write(dir, "mixed.csv",
                         "code;Perioden;bijstand\n"
                         "WK01;2023JJ00;12\n"
                         "WK02;2023JJ00;15\n"
                         "WK01;2024JJ00;11\n");
    ck_assert_msg(bs_csv_read(path, NULL, &t, &err) == 0, "%s", err.msg);
    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_periods(t, BS_CHECK_ERROR, &l, &err), 0);
    ck_assert_uint_eq(l.n, 1);
    ck_assert(l.row[0].area == BS_CHECK_NO_AREA && l.row[0].key == NULL);
    ck_assert(l.row[0].value == 2);
    ck_assert_msg(strstr(l.row[0].message, "column Perioden holds 2 periods: "
                         "2023JJ00 (first at ") &&
                  strstr(l.row[0].message, "mixed.csv:2), 2024JJ00 (first at ") &&
                  strstr(l.row[0].message, "mixed.csv:4)"), "%s", l.row[0].message);
    bs_check_list_free(&l);
    bs_table_free(t);
    /* a real StatLine export of one period: nothing */
    ck_assert_msg(bs_csv_read(bs_test_shared("data/statline/ses-woa-amsterdam-2019.csv"),
                              NULL, &t, &err) == 0, "%s", err.msg);
    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_periods(t, BS_CHECK_ERROR, &l, &err), 0);
    ck_assert_uint_eq(l.n, 0);
    bs_check_list_free(&l);
    bs_table_free(t);
    free(path);
    bs_test_rmtree(dir);
}
END_TEST

START_TEST(rules_need_one_comparison)
{
    bs_check_rule *r = NULL;
    bs_error err;

    ck_assert_int_eq(bs_check_rule_parse("g", "mannen + vrouwen", 0,
                                         BS_CHECK_WARNING, "p.ini:12", &r, &err), -1);
    ck_assert_str_eq(err.msg, "p.ini:12: rule: no comparison (<, <=, =, >=, >)");
    ck_assert_int_eq(bs_check_rule_parse("g", "a < b < c", 0, BS_CHECK_WARNING,
                                         "p.ini:12", &r, &err), -1);
    ck_assert_str_eq(err.msg, "p.ini:12: rule: more than one comparison (position 7)");
    ck_assert_int_eq(bs_check_rule_parse("g", "a != b", 0, BS_CHECK_WARNING,
                                         "p.ini:12", &r, &err), -1);
    ck_assert(strstr(err.msg, "'!' at position 3"));
    ck_assert_int_eq(bs_check_rule_parse("g", "a = b *", 0, BS_CHECK_WARNING,
                                         "p.ini:12", &r, &err), -1);
    ck_assert_msg(strstr(err.msg, "p.ini:12: rule, right of '=': formula: "
                         "unexpected end"), "%s", err.msg);
    ck_assert_int_eq(bs_check_rule_parse("g", "a = b", -1, BS_CHECK_WARNING,
                                         "p.ini:13", &r, &err), -1);
    ck_assert_str_eq(err.msg, "p.ini:13: rule: tolerance must be a number >= 0");
    ck_assert(r == NULL);
    /* a comparison inside backticks is part of a column name */
    ck_assert_int_eq(bs_check_rule_parse("g", "`a<b` + c >= `d=e`", 0,
                                         BS_CHECK_WARNING, "p", &r, &err), 0);
    ck_assert_uint_eq(bs_check_rule_ncolumns(r), 3);
    ck_assert_str_eq(bs_check_rule_column(r, 0), "a<b");
    ck_assert_str_eq(bs_check_rule_column(r, 2), "d=e");
    bs_check_rule_free(r);
}
END_TEST

/* How many of d[] break "left OP right" with tolerance tol. */
static size_t broken(const char *op, double tol, const double *d, size_t n)
{
    char text[64];
    double zero[16] = {0};
    const double *cols[2] = {d, zero};
    bs_check_rule *r;
    bs_check_list l;
    size_t nb = 99, nj = 99;
    bs_error err;

    snprintf(text, sizeof text, "a %s b", op);
    ck_assert_msg(bs_check_rule_parse("t", text, tol, BS_CHECK_WARNING, "p", &r,
                                      &err) == 0, "%s", err.msg);
    bs_check_list_init(&l);
    ck_assert_int_eq(bs_check_rule_eval(r, cols, n, NULL, &l, &nb, &nj, &err), 0);
    ck_assert_uint_eq(l.n, nb);
    ck_assert_uint_eq(nj, n - 1);   /* the NaN is not judged */
    bs_check_list_free(&l);
    bs_check_rule_free(r);
    return nb;
}

START_TEST(rule_operators_with_a_tolerance)
{
    /* differences left - right */
    double d[6] = {-6, -5, 0, 5, 6, NAN};

    ck_assert_uint_eq(broken("=", 5, d, 6), 2);    /* -6, 6 */
    ck_assert_uint_eq(broken("==", 0, d, 6), 4);
    ck_assert_uint_eq(broken("<=", 5, d, 6), 1);   /* 6 */
    ck_assert_uint_eq(broken("<", 5, d, 6), 2);    /* 5, 6 */
    ck_assert_uint_eq(broken("<", 0, d, 6), 3);    /* 0, 5, 6 */
    ck_assert_uint_eq(broken(">=", 5, d, 6), 1);   /* -6 */
    ck_assert_uint_eq(broken(">", 5, d, 6), 2);    /* -6, -5 */
    ck_assert_uint_eq(broken(">", 0, d, 6), 3);
}
END_TEST

/* KWB 2024: Mannen_6 + Vrouwen_7 = AantalInwoners_5 over the wijken (WK)
 * or the gemeenten (GM) of the file. */
static void kwb_rule(const char *prefix, double tol, size_t *nbroken,
                     size_t *njudged, bs_check_list *l)
{
    bs_table *t = NULL;
    bs_check_rule *r = NULL;
    double *cols[3];
    const char **keys;
    size_t c, i, m = 0;
    bs_error err;

    ck_assert_msg(bs_csv_read(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"),
                              NULL, &t, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(bs_check_rule_parse("geslacht",
                                         "Mannen_6 + Vrouwen_7 = AantalInwoners_5",
                                         tol, BS_CHECK_WARNING, "kwb.ini:3", &r,
                                         &err), 0);
    ck_assert_uint_eq(bs_check_rule_ncolumns(r), 3);
    keys = malloc(t->nrows * sizeof *keys);
    for (c = 0; c < 3; c++) {
        long col = bs_table_find(t, bs_check_rule_column(r, c));
        double *all = malloc(t->nrows * sizeof *all);
        ck_assert(col >= 0);
        ck_assert_msg(bs_table_column_numeric(t, (size_t)col, all, &err) == 0,
                      "%s", err.msg);
        cols[c] = malloc(t->nrows * sizeof **cols);
        for (i = 0, m = 0; i < t->nrows; i++)
            if (strncmp(t->cells[0][i], prefix, 2) == 0) {
                cols[c][m] = all[i];
                keys[m++] = t->cells[0][i];
            }
        free(all);
    }
    ck_assert_int_eq(bs_check_rule_eval(r, (const double *const *)cols, m, keys,
                                        l, nbroken, njudged, &err), 0);
    for (c = 0; c < 3; c++)
        free(cols[c]);
    free(keys);
    bs_check_rule_free(r);
    bs_table_free(t);
}

/* The same count by awk, reading the CSV on its own. */
static size_t awk_broken(const char *prefix, int tol)
{
    char *out = bs_test_cmd("awk -F, 'NR > 1 && $1 ~ /^%s/ && $2 != \"\" && "
                            "$3 != \"\" && $4 != \"\" { d = $3 + $4 - $2; "
                            "if (d < 0) d = -d; if (d > %d) b++ } END { print b + 0 }' %s",
                            prefix, tol,
                            bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    size_t b;

    ck_assert(out != NULL);
    b = (size_t)strtoul(out, NULL, 10);
    free(out);
    return b;
}

START_TEST(kwb_2024_men_and_women_add_up_to_inhabitants_within_rounding)
{
    bs_check_list l;
    size_t nb, nj;
    long f;

    /* tolerance 5 (CBS rounds each of the three to 5): 50 of the 3,393
     * wijken still differ by 10 */
    bs_check_list_init(&l);
    kwb_rule("WK", 5, &nb, &nj, &l);
    ck_assert_uint_eq(nj, 3393);
    ck_assert_uint_eq(nb, 50);
    ck_assert_uint_eq(nb, awk_broken("WK", 5));
    for (f = 0; f < (long)l.n && strcmp(l.row[f].key, "WK168006") != 0; f++)
        ;
    ck_assert_int_lt(f, (long)l.n);
    ck_assert_str_eq(l.row[f].message, "Mannen_6 + Vrouwen_7 (465) = "
                     "AantalInwoners_5 (475) fails: difference -10, tolerance 5");
    ck_assert_str_eq(l.row[f].check, "rule geslacht");
    bs_check_list_free(&l);
    /* tolerance 0: 1,487 wijken */
    bs_check_list_init(&l);
    kwb_rule("WK", 0, &nb, &nj, &l);
    ck_assert_uint_eq(nb, 1487);
    ck_assert_uint_eq(nb, awk_broken("WK", 0));
    ck_assert_uint_eq(l.count[BS_CHECK_WARNING], 1487);
    bs_check_list_free(&l);
    /* the 342 gemeenten are not rounded: none */
    bs_check_list_init(&l);
    kwb_rule("GM", 0, &nb, &nj, &l);
    ck_assert_uint_eq(nj, 342);
    ck_assert_uint_eq(nb, 0);
    bs_check_list_free(&l);
}
END_TEST

static Suite *checks_suite(void)
{
    Suite *s = suite_create("checks");
    TCase *tc = tcase_create("values");

    tcase_add_test(tc, severity_words);
    tcase_add_test(tc, percentages_outside_0_to_100);
    tcase_add_test(tc, negative_counts_and_numerators_above_denominators);
    tcase_add_test(tc, outliers_by_robust_z);
    tcase_add_test(tc, outliers_agree_with_sorted_median_and_mad);
    tcase_add_test(tc, period_columns_by_name);
    tcase_add_test(tc, a_file_that_mixes_periods);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_test(tc, rules_need_one_comparison);
    tcase_add_test(tc, rule_operators_with_a_tolerance);
    tcase_add_test(tc, kwb_2024_men_and_women_add_up_to_inhabitants_within_rounding);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(checks_suite(), 1);
}
