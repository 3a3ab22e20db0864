/* test_number.c: parsing and formatting numbers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include "buurtscan/number.h"
#include "testutil.h"

static const char *const markers[] = {
    ".", "x", "X", "-", "?", "-99999999", "-99997", "", "   ", "       .",
};

START_TEST(cbs_markers_are_missing)
{
    double v = 0;
    size_t i;

    for (i = 0; i < sizeof markers / sizeof *markers; i++) {
        v = 0;
        ck_assert_msg(bs_parse_number(markers[i], '.', &v) == BS_NUM_MISSING,
                      "'%s' is not missing", markers[i]);
        ck_assert(isnan(v));
        ck_assert_int_eq(bs_parse_number(markers[i], ',', &v), BS_NUM_MISSING);
    }
    ck_assert_int_eq(bs_parse_number(NULL, '.', &v), BS_NUM_MISSING);
    ck_assert(isnan(v));
}
END_TEST

START_TEST(decimal_comma)
{
    double v;

    ck_assert_int_eq(bs_parse_number("1,5", ',', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 1.5);
    ck_assert_int_eq(bs_parse_number("-0,25", ',', &v), BS_NUM_OK);
    ck_assert_double_eq(v, -0.25);
    /* with a decimal comma a point is a thousands separator: refused */
    ck_assert_int_eq(bs_parse_number("1.5", ',', &v), BS_NUM_BAD);
    ck_assert(isnan(v));
    ck_assert_int_eq(bs_parse_number("1,5", '.', &v), BS_NUM_BAD);
    ck_assert_int_eq(bs_parse_number("1,5,3", ',', &v), BS_NUM_BAD);
}
END_TEST

START_TEST(decimal_point_padding_and_exponent)
{
    double v;

    ck_assert_int_eq(bs_parse_number("1.5", '.', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 1.5);
    ck_assert_int_eq(bs_parse_number("    457400", '.', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 457400);
    ck_assert_int_eq(bs_parse_number("  -0.022 \t", '.', &v), BS_NUM_OK);
    ck_assert_double_eq_tol(v, -0.022, 1e-15);
    ck_assert_int_eq(bs_parse_number("+7", '.', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 7);
    ck_assert_int_eq(bs_parse_number("1.5e3", '.', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 1500);
    ck_assert_int_eq(bs_parse_number("2E-2", '.', &v), BS_NUM_OK);
    ck_assert_double_eq_tol(v, 0.02, 1e-15);
    ck_assert_int_eq(bs_parse_number("1,5e2", ',', &v), BS_NUM_OK);
    ck_assert_double_eq(v, 150);
}
END_TEST

START_TEST(not_numbers_are_bad)
{
    static const char *const bad[] = {
        "inf", "-inf", "nan", "NaN", "0x10", "12abc", "1 2", "e5", "1e",
        "--1", "1e999", "Infinity", "abc", "1.2.3",
    };
    double v = 0;
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = 0;
        ck_assert_msg(bs_parse_number(bad[i], '.', &v) == BS_NUM_BAD,
                      "'%s' is not bad", bad[i]);
        ck_assert(isnan(v));
    }
}
END_TEST

START_TEST(csv_number_format)
{
    char buf[64];

    ck_assert_str_eq(bs_format_csv_number(NAN, buf, sizeof buf), "");
    ck_assert_str_eq(bs_format_csv_number(0.1, buf, sizeof buf), "0.1");
    ck_assert_str_eq(bs_format_csv_number(-0.0, buf, sizeof buf), "0");
    ck_assert_str_eq(bs_format_csv_number(457400, buf, sizeof buf), "457400");
    ck_assert_str_eq(bs_format_csv_number(-2.25, buf, sizeof buf), "-2.25");
    ck_assert_str_eq(bs_format_csv_number(1.0 / 3, buf, sizeof buf),
                     "0.3333333333");
}
END_TEST

START_TEST(people_number_format)
{
    char buf[64];

    ck_assert_str_eq(bs_format_number(1234.5, 1, "nl", buf, sizeof buf), "1.234,5");
    ck_assert_str_eq(bs_format_number(1234.5, 1, "en", buf, sizeof buf), "1,234.5");
    ck_assert_str_eq(bs_format_number(-1234567.891, 2, "nl", buf, sizeof buf),
                     "-1.234.567,89");
    ck_assert_str_eq(bs_format_number(999, 0, "nl", buf, sizeof buf), "999");
    ck_assert_str_eq(bs_format_number(100000, 0, "en", buf, sizeof buf), "100,000");
    ck_assert_str_eq(bs_format_number(NAN, 1, "nl", buf, sizeof buf), ".");
    ck_assert_str_eq(bs_format_number(-0.04, 1, "nl", buf, sizeof buf), "0,0");
    ck_assert_str_eq(bs_format_number(-0.06, 1, "nl", buf, sizeof buf), "-0,1");
}
END_TEST

START_TEST(people_number_format_huge)
{
    /* 1e70 has 71 digits: it used to be cut to 63 by a short buffer */
    char buf[256];
    const char *s = bs_format_number(1e70, 0, "en", buf, sizeof buf);
    size_t digits = 0;

    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            digits++;
    ck_assert_uint_eq(digits, 71);
    ck_assert_int_eq(buf[0], '1');
}
END_TEST

START_TEST(yesno_words_in_dutch_and_english)
{
    static const char *yes[] = {"yes", "Ja", "TRUE", "1", " ja "};
    static const char *no[] = {"no", "NEE", "false", "0"};
    static const char *bad[] = {"", "y", "jawel", "2", "on", NULL};
    int v;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        v = -7;
        ck_assert_int_eq(bs_parse_yesno(yes[i], &v), 0);
        ck_assert_int_eq(v, 1);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        v = -7;
        ck_assert_int_eq(bs_parse_yesno(no[i], &v), 0);
        ck_assert_int_eq(v, 0);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = -7;
        ck_assert_int_eq(bs_parse_yesno(bad[i], &v), -1);
        ck_assert_int_eq(v, -7);
    }
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("number");

    tcase_add_test(tc, cbs_markers_are_missing);
    tcase_add_test(tc, decimal_comma);
    tcase_add_test(tc, decimal_point_padding_and_exponent);
    tcase_add_test(tc, not_numbers_are_bad);
    tcase_add_test(tc, csv_number_format);
    tcase_add_test(tc, people_number_format);
    tcase_add_test(tc, people_number_format_huge);
    tcase_add_test(tc, yesno_words_in_dutch_and_english);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(number_suite(), 1);
}
