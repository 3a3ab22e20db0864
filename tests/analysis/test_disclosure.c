/* test_disclosure.c: the CBS suppression and rounding rules of
 * disclosure.h on hand-computed cases. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/disclosure.h"
#include "testutil.h"

static bs_disc_settings cbs(void)
{
    bs_disc_settings s;
    bs_disc_settings_init(&s);
    return s;
}

static void count_is(const bs_disc_settings *s, double v, bs_disc_flag want,
                     double want_out)
{
    double out = -1;
    bs_disc_flag f = bs_disclose_count(v, s, &out);

    ck_assert_msg(f == want, "count %g: flag %d, want %d", v, f, want);
    if (isnan(want_out))
        ck_assert_msg(isnan(out), "count %g: printed %g, want nothing", v, out);
    else
        ck_assert_msg(out == want_out, "count %g: printed %g, want %g", v, out,
                      want_out);
}

START_TEST(defaults_are_cbs_practice)
{
    bs_disc_settings s = cbs();

    ck_assert(s.min_count == 10 && s.round_base == 5 && s.min_denominator == 50);
    ck_assert_int_eq(bs_disc_settings_check(&s, NULL), 0);
}
END_TEST

START_TEST(counts_below_ten_are_suppressed)
{
    bs_disc_settings s = cbs();

    count_is(&s, 0, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 1, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 9, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 9.99, BS_DISC_SUPPRESSED, NAN);
}
END_TEST

START_TEST(counts_are_rounded_to_five)
{
    bs_disc_settings s = cbs();

    count_is(&s, 10, BS_DISC_ROUNDED, 10);
    count_is(&s, 12, BS_DISC_ROUNDED, 10);     /* 2.4 -> 2 */
    count_is(&s, 12.5, BS_DISC_ROUNDED, 15);   /* 2.5 -> 3: half away */
    count_is(&s, 13, BS_DISC_ROUNDED, 15);
    count_is(&s, 15, BS_DISC_ROUNDED, 15);
    count_is(&s, 1234, BS_DISC_ROUNDED, 1235); /* 246.8 -> 247 */
    count_is(&s, 1232, BS_DISC_ROUNDED, 1230); /* 246.4 -> 246 */
}
END_TEST

START_TEST(missing_and_negative_counts_are_missing)
{
    bs_disc_settings s = cbs();

    count_is(&s, NAN, BS_DISC_MISSING, NAN);
    count_is(&s, -3, BS_DISC_MISSING, NAN);
    count_is(&s, INFINITY, BS_DISC_MISSING, NAN);
}
END_TEST

START_TEST(rounding_never_prints_below_the_threshold)
{
    bs_disc_settings s = cbs();

    s.min_count = 7;       /* 7 rounds to 5 < 7: rounded up to 10 */
    count_is(&s, 7, BS_DISC_ROUNDED, 10);
    count_is(&s, 6, BS_DISC_SUPPRESSED, NAN);
    s.min_count = 10;
    s.round_base = 10;     /* Kerncijfers uitkeringen */
    count_is(&s, 14, BS_DISC_ROUNDED, 10);
    count_is(&s, 15, BS_DISC_ROUNDED, 20);
    s.round_base = 0;      /* no rounding */
    count_is(&s, 12, BS_DISC_OK, 12);
    s.round_base = 1;
    count_is(&s, 12.4, BS_DISC_ROUNDED, 12);
}
END_TEST

START_TEST(rates_on_small_denominators_are_suppressed)
{
    bs_disc_settings s = cbs();
    double out = -1;

    ck_assert_int_eq(bs_disclose_rate(12.5, 49, &s, &out), BS_DISC_SUPPRESSED);
    ck_assert(isnan(out));
    ck_assert_int_eq(bs_disclose_rate(12.5, 50, &s, &out), BS_DISC_OK);
    ck_assert(out == 12.5);
    ck_assert_int_eq(bs_disclose_rate(12.5, NAN, &s, &out), BS_DISC_SUPPRESSED);
    ck_assert_int_eq(bs_disclose_rate(NAN, 500, &s, &out), BS_DISC_MISSING);
    ck_assert(isnan(out));
}
END_TEST

START_TEST(rate_of_a_small_count_is_suppressed)
{
    bs_disc_settings s = cbs();
    double out = -1;

    /* 9 of 1000: the denominator is large, the count is not */
    ck_assert_int_eq(bs_disclose_rate_of(9, 1000, 1000, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert(isnan(out));
    ck_assert_int_eq(bs_disclose_rate_of(30, 400, 1000, &s, &out), BS_DISC_OK);
    ck_assert(out == 75.0);
    ck_assert_int_eq(bs_disclose_rate_of(30, 40, 1000, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert_int_eq(bs_disclose_rate_of(30, 0, 1000, &s, &out),
                     BS_DISC_MISSING);
    ck_assert_int_eq(bs_disclose_rate_of(NAN, 400, 1000, &s, &out),
                     BS_DISC_MISSING);
}
END_TEST

START_TEST(array_forms_match_the_single_values)
{
    bs_disc_settings s = cbs();
    double v[5] = {3, 11, NAN, 48, 100}, out[5];
    double r[3] = {1.5, 2.5, 3.5}, den[3] = {20, 50, NAN}, rout[3];
    unsigned char f[5], rf[3];

    bs_disclose_counts(v, 5, &s, out, f);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_ROUNDED);
    ck_assert(out[1] == 10);
    ck_assert_int_eq(f[2], BS_DISC_MISSING);
    ck_assert(out[3] == 50 && out[4] == 100);
    bs_disclose_rates(r, den, 3, &s, rout, rf);
    ck_assert_int_eq(rf[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(rf[1], BS_DISC_OK);
    ck_assert(rout[1] == 2.5);
    ck_assert_int_eq(rf[2], BS_DISC_SUPPRESSED);
}
END_TEST

START_TEST(one_suppressed_cell_takes_the_next_smallest_with_it)
{
    bs_disc_settings s = cbs();
    double v[4] = {120, 7, 45, 33}, out[4], total;
    unsigned char f[4], tf;
    size_t nsec = 99;

    /* primary: 7 suppressed; total 205 printed; 205 - 120 - 45 - 35 would
     * give 5 +- rounding back, so 33 (the smallest printed) goes too */
    bs_disclose_group(v, 4, &s, 1, out, f, &total, &tf, &nsec);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);
    ck_assert(out[0] == 120);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(out[2] == 45);
    ck_assert_int_eq(f[3], BS_DISC_SUPPRESSED);
    ck_assert(isnan(out[3]));
    ck_assert_int_eq(tf, BS_DISC_ROUNDED);
    ck_assert(total == 205);
    ck_assert_uint_eq(nsec, 1);
}
END_TEST

START_TEST(equal_candidates_take_the_first)
{
    bs_disc_settings s = cbs();
    double v[4] = {7, 20, 20, 50}, out[4], total;
    unsigned char f[4], tf;

    bs_disclose_group(v, 4, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(total == 95);   /* 97 -> 95 */
}
END_TEST

START_TEST(two_suppressed_cells_need_nothing_more)
{
    bs_disc_settings s = cbs();
    double v[3] = {3, 4, 50}, out[3], total;
    unsigned char f[3], tf;
    size_t nsec = 99;

    bs_disclose_group(v, 3, &s, 1, out, f, &total, &tf, &nsec);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(out[2] == 50);
    ck_assert(total == 55);   /* 57 -> 55 */
    ck_assert_uint_eq(nsec, 0);
}
END_TEST

START_TEST(no_secondary_suppression_without_a_printed_total)
{
    bs_disc_settings s = cbs();
    double v[3] = {120, 7, 45}, out[3], total;
    unsigned char f[3], tf;

    bs_disclose_group(v, 3, &s, 0, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert_int_eq(tf, BS_DISC_SUPPRESSED);
    ck_assert(isnan(total));
}
END_TEST

START_TEST(a_missing_cell_makes_the_total_missing)
{
    bs_disc_settings s = cbs();
    double v[3] = {120, 7, NAN}, out[3], total;
    unsigned char f[3], tf;

    bs_disclose_group(v, 3, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(tf, BS_DISC_MISSING);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);   /* no total: nothing to protect */
    ck_assert(out[0] == 120);
}
END_TEST

START_TEST(a_small_total_is_suppressed_and_protects_itself)
{
    bs_disc_settings s = cbs();
    double v[2] = {4, 3}, out[2], total;
    unsigned char f[2], tf;

    bs_disclose_group(v, 2, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(tf, BS_DISC_SUPPRESSED);
}
END_TEST

START_TEST(one_cell_next_to_a_suppressed_one_goes_too)
{
    bs_disc_settings s = cbs();
    double v[2] = {4, 50}, out[2], total;
    unsigned char f[2], tf;

    /* 54 -> 55 printed; 50 printed would give 4 +- 5 back */
    bs_disclose_group(v, 2, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(tf, BS_DISC_ROUNDED);
    ck_assert(total == 55);
}
END_TEST

START_TEST(bad_settings_are_named)
{
    bs_disc_settings s = cbs();
    bs_error err;

    s.round_base = 2.5;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "round") != NULL);
    s = cbs();
    s.min_count = -1;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "min_count") != NULL);
    s = cbs();
    s.min_denominator = NAN;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "min_denominator") != NULL);
}
END_TEST

START_TEST(footnotes_in_both_languages)
{
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, "nl"),
                     "geheim of onbetrouwbaar");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, NULL),
                     "geheim of onbetrouwbaar");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, "en"),
                     "secret or unreliable");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_MISSING, "nl"), "onbekend");
    ck_assert(bs_disc_footnote(BS_DISC_ROUNDED, "nl") == NULL);
}
END_TEST

static Suite *disclosure_suite(void)
{
    Suite *s = suite_create("disclosure");
    TCase *tc = tcase_create("cells");

    tcase_add_test(tc, defaults_are_cbs_practice);
    tcase_add_test(tc, counts_below_ten_are_suppressed);
    tcase_add_test(tc, counts_are_rounded_to_five);
    tcase_add_test(tc, missing_and_negative_counts_are_missing);
    tcase_add_test(tc, rounding_never_prints_below_the_threshold);
    tcase_add_test(tc, rates_on_small_denominators_are_suppressed);
    tcase_add_test(tc, rate_of_a_small_count_is_suppressed);
    tcase_add_test(tc, array_forms_match_the_single_values);
    tcase_add_test(tc, bad_settings_are_named);
    tcase_add_test(tc, footnotes_in_both_languages);
    suite_add_tcase(s, tc);
    tc = tcase_create("groups");
    tcase_add_test(tc, one_suppressed_cell_takes_the_next_smallest_with_it);
    tcase_add_test(tc, equal_candidates_take_the_first);
    tcase_add_test(tc, two_suppressed_cells_need_nothing_more);
    tcase_add_test(tc, no_secondary_suppression_without_a_printed_total);
    tcase_add_test(tc, a_missing_cell_makes_the_total_missing);
    tcase_add_test(tc, a_small_total_is_suppressed_and_protects_itself);
    tcase_add_test(tc, one_cell_next_to_a_suppressed_one_goes_too);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(disclosure_suite(), 1);
}
