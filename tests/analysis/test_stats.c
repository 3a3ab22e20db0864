/* test_stats.c: skewness, kurtosis, winsorisation, log transform, outlier
 * treatment, imputation, empirical-Bayes rates, correlations and Cronbach's
 * alpha on small hand-computed cases. */
#include <check.h>
#include <math.h>
#include <string.h>
#include "buurtscan/stats.h"
#include "testutil.h"

static void assert_vec(const double *got, const double *want, size_t n,
                       double tol)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (isnan(want[i]))
            ck_assert_msg(isnan(got[i]), "[%zu] = %.17g, want NaN", i, got[i]);
        else
            ck_assert_msg(fabs(got[i] - want[i]) <= tol,
                          "[%zu] = %.17g, want %.17g", i, got[i], want[i]);
    }
}

START_TEST(skewness_and_kurtosis_are_e1071_type_2)
{
    /* x = 1, 2, 3, 4, 10: mean 4, d = -3 -2 -1 0 6; sum d^2 = 50,
     * d^3 = 180, d^4 = 1394. skew = sqrt(5) 180 / 50^1.5 * sqrt(20) / 3
     * = 12 / sqrt(50); r = 5 * 1394 / 2500 = 2.788, kurt = (6 (2.788 - 3)
     * + 6) * 4 / 6 = 3.152. NaN is skipped. */
    const double x[] = {1, NAN, 2, 3, 4, 10};
    const double three[] = {1, 2, 9}, flat[] = {2, 2, 2, 2};

    ck_assert(fabs(bs_skewness(x, 6) - 12 / sqrt(50)) < 1e-14);
    ck_assert(fabs(bs_kurtosis(x, 6) - 3.152) < 1e-13);
    /* Too few values, or no spread: undefined. */
    ck_assert(!isnan(bs_skewness(three, 3)));
    ck_assert(isnan(bs_kurtosis(three, 3)));
    ck_assert(isnan(bs_skewness(three, 2)));
    ck_assert(isnan(bs_skewness(flat, 4)) && isnan(bs_kurtosis(flat, 4)));
}
END_TEST

/* 1..20, 200, 300, 400: skew 2.7126, kurt 6.5905 (fails); pulling 400 in
 * gives 2.4913 / 4.9123 (fails), then 300 and 300 give 2.3173 / 3.7606
 * (fails), then the three 200s go to 20: passes. */
static void ramp(double *x)
{
    int i;

    for (i = 0; i < 20; i++)
        x[i] = i + 1;
    x[20] = 200;
    x[21] = 300;
    x[22] = 400;
}

START_TEST(winsorise_pulls_maxima_in_until_the_rule_passes)
{
    double x[23], out[23], want[23];
    signed char t[23];
    size_t nc = 99, i;
    bs_error err = {{0}};

    ramp(x);
    memcpy(want, x, sizeof x);
    want[20] = want[21] = want[22] = 20;
    ck_assert_int_eq(bs_winsorise(x, 23, 5, "armoede", out, t, &nc, &err), 0);
    assert_vec(out, want, 23, 0);
    ck_assert_uint_eq(nc, 3);
    for (i = 0; i < 23; i++)
        ck_assert_int_eq(t[i], i >= 20 ? 1 : 0);
    ck_assert(!(fabs(bs_skewness(out, 23)) >= BS_SKEW_LIMIT &&
                bs_kurtosis(out, 23) >= BS_KURT_LIMIT));
    /* winmax 2: 400 -> 300, then both 300s -> 200: 2 changed, stop. */
    want[20] = 200;
    want[21] = want[22] = 200;
    ck_assert_int_eq(bs_winsorise(x, 23, 2, "armoede", out, t, &nc, &err), 0);
    assert_vec(out, want, 23, 0);
    ck_assert_uint_eq(nc, 2);
    /* In place. */
    ck_assert_int_eq(bs_winsorise(x, 23, 5, "armoede", x, NULL, NULL, &err), 0);
    ck_assert(x[22] == 20 && x[19] == 20 && x[0] == 1);
}
END_TEST

START_TEST(winsorise_pulls_minimum_up_on_negative_skew_and_moves_ties)
{
    /* 10..20, 0.5, -100: skew -3.4546, kurt 12.188: -100 goes up to 0.5
     * and the rule passes (-1.1547). */
    double x[13], out[13];
    signed char t[22];
    size_t nc, i;
    bs_error err = {{0}};
    /* 14 zeros, 1..6, 100, 1000: 1000 -> 100, then both 100s -> 6. */
    double z[22] = {0}, zo[22];

    for (i = 0; i < 11; i++)
        x[i] = 10 + (double)i;
    x[11] = 0.5;
    x[12] = -100;
    ck_assert_int_eq(bs_winsorise(x, 13, 5, "x", out, t, &nc, &err), 0);
    ck_assert(out[12] == 0.5 && t[12] == -1 && nc == 1);
    for (i = 0; i < 12; i++)
        ck_assert(out[i] == x[i] && t[i] == 0);

    for (i = 0; i < 6; i++)
        z[14 + i] = (double)(i + 1);
    z[20] = 100;
    z[21] = 1000;
    ck_assert_int_eq(bs_winsorise(z, 22, 5, "x", zo, t, &nc, &err), 0);
    ck_assert(zo[20] == 6 && zo[21] == 6 && zo[19] == 6 && nc == 2);
    ck_assert(t[20] == 1 && t[21] == 1 && t[19] == 0);
}
END_TEST

START_TEST(winsorise_leaves_heavy_tails_without_skew_alone)
{
    /* -100, 1..20, 121: skew exactly 0, kurtosis 9.77. The rule needs
     * both, so nothing is treated. */
    double x[22], out[22];
    signed char t[22];
    size_t nc = 99, i;
    bs_error err = {{0}};

    x[0] = -100;
    for (i = 1; i <= 20; i++)
        x[i] = (double)i;
    x[21] = 121;
    ck_assert(bs_kurtosis(x, 22) > 9.77 && fabs(bs_skewness(x, 22)) < 1e-12);
    ck_assert_int_eq(bs_winsorise(x, 22, 5, "x", out, t, &nc, &err), 0);
    ck_assert_uint_eq(nc, 0);
    assert_vec(out, x, 22, 0);
}
END_TEST

START_TEST(winsorise_errors_name_the_indicator)
{
    const double few[] = {1, 2, NAN, 100};
    double out[12] = {0}, two[12] = {0};
    bs_error err = {{0}};

    ck_assert_int_eq(bs_winsorise(few, 4, 5, "jeugdzorg", out, NULL, NULL,
                                  &err), -1);
    ck_assert_msg(strstr(err.msg, "jeugdzorg") && strstr(err.msg, "4"), "%s",
                  err.msg);
    /* Eleven zeros and one 100: pulling 100 in leaves one value. */
    two[11] = 100;
    ck_assert_int_eq(bs_winsorise(two, 12, 5, "jeugdzorg", out, NULL, NULL,
                                  &err), -1);
    ck_assert_msg(strstr(err.msg, "distinct") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(log_ct_is_log_of_x_minus_min_plus_one_percent_range)
{
    /* min 1, range 10, a = 0.1. */
    const double x[] = {1, 2, NAN, 11}, flat[] = {3, 3};
    const double want[] = {log(0.1), log(1.1), NAN, log(10.1)};
    double out[4];
    bs_error err = {{0}};

    ck_assert_int_eq(bs_log_ct(x, 4, "x", out, &err), 0);
    assert_vec(out, want, 4, 1e-15);
    ck_assert_int_eq(bs_log_ct(flat, 2, "huur", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "huur") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(treat_falls_back_to_log_of_the_original_values)
{
    double x[23], out[23];
    signed char t[23];
    size_t nc, i;
    bs_treatment done;
    bs_error err = {{0}};
    const double passing[] = {1, 2, 3, 4, 5};

    ramp(x);
    /* winmax 5 is enough (3 changed). */
    ck_assert_int_eq(bs_treat(x, 23, 5, "x", out, t, &done, &nc, &err), 0);
    ck_assert_int_eq(done, BS_TREAT_WINSORISED);
    ck_assert(nc == 3 && out[22] == 20);
    /* winmax 2 is not: log_CT of the original, min 1, a = 0.01 * 399. */
    ck_assert_int_eq(bs_treat(x, 23, 2, "x", out, t, &done, &nc, &err), 0);
    ck_assert_int_eq(done, BS_TREAT_LOG);
    ck_assert_uint_eq(nc, 23);
    for (i = 0; i < 23; i++) {
        ck_assert(fabs(out[i] - log(x[i] - 1 + 3.99)) < 1e-14);
        ck_assert_int_eq(t[i], 2);
    }
    ck_assert_int_eq(bs_treat(passing, 5, 5, "x", out, t, &done, &nc, &err),
                     0);
    ck_assert(done == BS_TREAT_NONE && nc == 0 && out[4] == 5 && t[4] == 0);
}
END_TEST

START_TEST(impute_mean_median_and_parent)
{
    const double x[] = {1, NAN, 3, NAN, NAN, 8};
    const char *keys[] = {"WK000101", "WK000102", "WK000201", "WK000202",
                          "WK000301", "WK000203"};
    /* Mean of 1, 3, 8 = 4; median 3. Parent (6 characters): WK0001 -> 1,
     * WK0002 -> (3 + 8) / 2, WK0003 has nothing and stays missing. */
    const double mean[] = {1, 4, 3, 4, 4, 8}, median[] = {1, 3, 3, 3, 3, 8};
    const double parent[] = {1, 1, 3, 5.5, NAN, 8};
    const unsigned char pflag[] = {0, 1, 0, 1, 0, 0};
    const double even[] = {4, 1, NAN, 3, 10};
    double out[6];
    unsigned char flag[6];
    size_t k;
    bs_impute m;
    bs_error err = {{0}};

    ck_assert_int_eq(bs_impute_values(x, 6, BS_IMPUTE_MEAN, NULL, 0, "x", out,
                                      flag, &k, &err), 0);
    assert_vec(out, mean, 6, 0);
    ck_assert(k == 3 && flag[1] && flag[4] && !flag[0]);
    ck_assert_int_eq(bs_impute_values(x, 6, BS_IMPUTE_MEDIAN, NULL, 0, "x",
                                      out, NULL, &k, &err), 0);
    assert_vec(out, median, 6, 0);
    ck_assert_int_eq(bs_impute_values(x, 6, BS_IMPUTE_PARENT, keys, 6, "x",
                                      out, flag, &k, &err), 0);
    assert_vec(out, parent, 6, 0);
    ck_assert(memcmp(flag, pflag, 6) == 0 && k == 2);
    /* Median of an even count: (3 + 4) / 2. */
    ck_assert_int_eq(bs_impute_values(even, 5, BS_IMPUTE_MEDIAN, NULL, 0, "x",
                                      out, NULL, NULL, &err), 0);
    ck_assert(out[2] == 3.5);
    /* In place. */
    memcpy(out, x, sizeof out);
    ck_assert_int_eq(bs_impute_values(out, 6, BS_IMPUTE_MEAN, NULL, 0, "x",
                                      out, NULL, NULL, &err), 0);
    assert_vec(out, mean, 6, 0);
    ck_assert_int_eq(bs_impute_parse("parent", &m), 0);
    ck_assert_int_eq(m, BS_IMPUTE_PARENT);
    ck_assert_int_eq(bs_impute_parse("median", &m), 0);
    ck_assert_int_eq(m, BS_IMPUTE_MEDIAN);
    ck_assert_int_eq(bs_impute_parse("knn", &m), -1);
}
END_TEST

START_TEST(impute_errors_name_the_indicator)
{
    const double none[] = {NAN, NAN}, x[] = {1, NAN};
    const char *keys[] = {"WK0001", "WK"};
    double out[2];
    bs_error err = {{0}};

    ck_assert_int_eq(bs_impute_values(none, 2, BS_IMPUTE_MEAN, NULL, 0,
                                      "armoede", out, NULL, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "armoede") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_impute_values(x, 2, BS_IMPUTE_PARENT, keys, 4,
                                      "armoede", out, NULL, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "'WK'") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_impute_values(x, 2, BS_IMPUTE_PARENT, NULL, 4,
                                      "armoede", out, NULL, NULL, &err), -1);
}
END_TEST

START_TEST(eb_shrinkage_by_hand)
{
    /* O = 1, 10, 0, 15; n = 10, 100, 5, 20 (area 4 has no denominator,
     * area 5 no numerator). b = 26/135; r = 0.1, 0.1, 0, 0.75;
     * s2 = sum n (r - b)^2 / 135 = 0.0543895747599451;
     * a = s2 - b / (135 / 4) = 0.0486831275720165. Shrunk rates, exact
     * fractions: 481/3810, 1469/14190, 208/2445, 4303/6540. */
    const double num[] = {1, 10, 0, 15, 3, NAN};
    const double den[] = {10, 100, 5, 20, 0, 40};
    const double want[] = {481.0 / 3810, 1469.0 / 14190, 208.0 / 2445,
                           4303.0 / 6540, NAN, NAN};
    const double same_num[] = {1, 2, 3}, same_den[] = {10, 20, 30};
    double rate[6];
    bs_eb_info info;
    bs_error err = {{0}};

    ck_assert_int_eq(bs_eb_shrink(num, den, 6, "x", rate, &info, &err), 0);
    assert_vec(rate, want, 6, 1e-15);
    ck_assert_uint_eq(info.nused, 4);
    ck_assert(fabs(info.b - 26.0 / 135) < 1e-16);
    ck_assert(fabs(info.a - 0.0486831275720165) < 1e-15);
    /* The smallest denominator moves most: area 3 (n = 5) from 0 to 0.085,
     * area 1 (n = 100) keeps close to its 0.1. */
    ck_assert(rate[2] - 0 > fabs(rate[1] - 0.1));
    /* Equal rates: s2 = 0, a < 0 -> 0, every rate is b = 0.1. */
    ck_assert_int_eq(bs_eb_shrink(same_num, same_den, 3, "x", rate, &info,
                                  &err), 0);
    ck_assert(info.a == 0 && rate[0] == info.b && rate[2] == info.b);
    ck_assert(fabs(info.b - 0.1) < 1e-16);
}
END_TEST

START_TEST(eb_shrinkage_rejects_negative_counts)
{
    const double num[] = {1, -2}, den[] = {10, 10}, zero[] = {0, 0};
    double rate[2];
    bs_error err = {{0}};

    ck_assert_int_eq(bs_eb_shrink(num, den, 2, "jeugdzorg", rate, NULL, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "jeugdzorg") && strstr(err.msg, "area 2"),
                  "%s", err.msg);
    ck_assert_int_eq(bs_eb_shrink(den, zero, 2, "jeugdzorg", rate, NULL, &err),
                     -1);
}
END_TEST

START_TEST(correlation_uses_pairwise_complete_areas)
{
    /* R: cor(cbind(x, y, w), use = "pairwise.complete.obs"): x-y 1 (4
     * pairs), x-w 0.8315218406203 (5.5 / sqrt(43.75)), y-w 0.8 (5 pairs). */
    const double x[] = {1, 2, 3, 4, NAN}, y[] = {2, 4, 6, 8, 10};
    const double w[] = {1, 3, 2, 5, 4}, flat[] = {7, 7, 7, 7, 7};
    const double *v[] = {x, y, w, flat};
    double r[16];
    size_t np[16];

    bs_correlation(v, 4, 5, r, np);
    ck_assert(r[0] == 1 && r[5] == 1 && r[10] == 1 && isnan(r[15]));
    ck_assert(fabs(r[1] - 1) < 1e-15 && r[1] == r[4]);
    ck_assert(fabs(r[2] - 5.5 / sqrt(43.75)) < 1e-15);
    ck_assert(fabs(r[2] - 0.8315218406203) < 1e-12);
    ck_assert(fabs(r[6] - 0.8) < 1e-15 && r[6] == r[9]);
    ck_assert(isnan(r[3]) && isnan(r[12]));
    ck_assert(np[1] == 4 && np[2] == 4 && np[6] == 5 && np[0] == 4);
}
END_TEST

START_TEST(cronbach_alpha_over_complete_areas)
{
    /* a = 1 2 3 4 (var 5/3), b = 2 2 4 4 (4/3), c = 1 3 3 5 (8/3); sums
     * 4 7 10 13 (var 15). alpha = 3/2 (1 - (17/3) / 15) = 14/15. The fifth
     * area is incomplete and left out. */
    const double a[] = {1, 2, 3, 4, 100}, b[] = {2, 2, 4, 4, NAN};
    const double c[] = {1, 3, 3, 5, 0};
    const double *v[] = {a, b, c};
    double alpha = 0;
    size_t m = 0;
    bs_error err = {{0}};

    ck_assert_int_eq(bs_cronbach_alpha(v, 3, 5, "schaal", &alpha, &m, &err),
                     0);
    ck_assert_msg(fabs(alpha - 14.0 / 15) < 1e-15, "alpha %.17g", alpha);
    ck_assert_uint_eq(m, 4);
    ck_assert_int_eq(bs_cronbach_alpha(v, 1, 5, "schaal", &alpha, NULL, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "schaal") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_cronbach_alpha(v, 3, 1, "schaal", &alpha, NULL, &err),
                     -1);
}
END_TEST

static Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, skewness_and_kurtosis_are_e1071_type_2);
    tcase_add_test(tc, winsorise_pulls_maxima_in_until_the_rule_passes);
    tcase_add_test(tc,
                   winsorise_pulls_minimum_up_on_negative_skew_and_moves_ties);
    tcase_add_test(tc, winsorise_leaves_heavy_tails_without_skew_alone);
    tcase_add_test(tc, winsorise_errors_name_the_indicator);
    tcase_add_test(tc, log_ct_is_log_of_x_minus_min_plus_one_percent_range);
    tcase_add_test(tc, treat_falls_back_to_log_of_the_original_values);
    tcase_add_test(tc, impute_mean_median_and_parent);
    tcase_add_test(tc, impute_errors_name_the_indicator);
    tcase_add_test(tc, eb_shrinkage_by_hand);
    tcase_add_test(tc, eb_shrinkage_rejects_negative_counts);
    tcase_add_test(tc, correlation_uses_pairwise_complete_areas);
    tcase_add_test(tc, cronbach_alpha_over_complete_areas);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(stats_suite(), 1);
}
