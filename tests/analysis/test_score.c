/* test_score.c: normalisation, ranking, aggregation and deciles on small
 * hand-computed cases (COINr conventions, references.md iii E). */
#include <check.h>
#include <math.h>
#include <string.h>
#include "buurtscan/score.h"

/* Compares element-wise; NaN must meet NaN. */
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

static void normalise_ok(const double *x, size_t n, bs_norm m, int dir,
                         bs_ties ties, double *out)
{
    bs_error err = {{0}};
    int rc = bs_normalise(x, n, m, dir, ties, "test", out, &err);
    ck_assert_msg(rc == 0, "bs_normalise failed: %s", err.msg);
}

/* x = 2, 4, 4, 10: mean 5, deviations -3 -1 -1 5, sum of squares 36,
 * sample sd sqrt(36/3) = sqrt(12). */
static const double X[] = {2, 4, 4, 10};

START_TEST(zscore_uses_sample_sd_in_both_directions)
{
    const double sd = sqrt(12);
    const double up[] = {-3 / sd, -1 / sd, -1 / sd, 5 / sd};
    const double down[] = {3 / sd, 1 / sd, 1 / sd, -5 / sd};
    const double x[] = {1, NAN, 3};
    const double withnan[] = {-1 / sqrt(2), NAN, 1 / sqrt(2)};
    double out[4];

    normalise_ok(X, 4, BS_NORM_ZSCORE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, up, 4, 1e-12);
    normalise_ok(X, 4, BS_NORM_ZSCORE, -1, BS_TIES_AVERAGE, out);
    assert_vec(out, down, 4, 1e-12);
    normalise_ok(x, 3, BS_NORM_ZSCORE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, withnan, 3, 1e-12);
}
END_TEST

START_TEST(minmax_maps_to_unit_interval_in_both_directions)
{
    const double up[] = {0, 0.25, 0.25, 1}, down[] = {1, 0.75, 0.75, 0};
    const double x[] = {NAN, 0, 5, 10}, withnan[] = {NAN, 0, 0.5, 1};
    double out[4];

    normalise_ok(X, 4, BS_NORM_MINMAX, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, up, 4, 0);
    normalise_ok(X, 4, BS_NORM_MINMAX, -1, BS_TIES_AVERAGE, out);
    assert_vec(out, down, 4, 0);
    normalise_ok(x, 4, BS_NORM_MINMAX, 1, BS_TIES_MIN, out);
    assert_vec(out, withnan, 4, 0);
}
END_TEST

START_TEST(rank_normalisation_follows_ties_and_direction)
{
    const double avg_up[] = {1, 2.5, 2.5, 4}, min_up[] = {1, 2, 2, 4};
    const double avg_down[] = {4, 2.5, 2.5, 1}, min_down[] = {4, 2, 2, 1};
    double out[4];

    normalise_ok(X, 4, BS_NORM_RANK, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, avg_up, 4, 0);
    normalise_ok(X, 4, BS_NORM_RANK, 1, BS_TIES_MIN, out);
    assert_vec(out, min_up, 4, 0);
    normalise_ok(X, 4, BS_NORM_RANK, -1, BS_TIES_AVERAGE, out);
    assert_vec(out, avg_down, 4, 0);
    normalise_ok(X, 4, BS_NORM_RANK, -1, BS_TIES_MIN, out);
    assert_vec(out, min_down, 4, 0);
}
END_TEST

START_TEST(percentile_is_coinr_prank_with_min_ties)
{
    /* (rank_min - 1) / (n - 1), whatever the ties setting. */
    const double up[] = {0, 1.0 / 3, 1.0 / 3, 1};
    const double down[] = {1, 1.0 / 3, 1.0 / 3, 0};
    const double x[] = {7, NAN, 3, 5}, withnan[] = {1, NAN, 0, 0.5};
    double out[4];

    normalise_ok(X, 4, BS_NORM_PERCENTILE, 1, BS_TIES_MIN, out);
    assert_vec(out, up, 4, 1e-15);
    normalise_ok(X, 4, BS_NORM_PERCENTILE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, up, 4, 1e-15);
    normalise_ok(X, 4, BS_NORM_PERCENTILE, -1, BS_TIES_AVERAGE, out);
    assert_vec(out, down, 4, 1e-15);
    normalise_ok(x, 4, BS_NORM_PERCENTILE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, withnan, 4, 0);
}
END_TEST

START_TEST(rank_keeps_nan_and_handles_ties)
{
    const double x[] = {NAN, 3, 1, NAN, 2};
    const double asc[] = {NAN, 3, 1, NAN, 2}, desc[] = {NAN, 1, 3, NAN, 2};
    const double t[] = {5, 1, 5, 5, 3};
    const double t_avg[] = {4, 1, 4, 4, 2}, t_min[] = {3, 1, 3, 3, 2};
    const double t_avg_d[] = {2, 5, 2, 2, 4}, t_min_d[] = {1, 5, 1, 1, 4};
    double r[5];

    bs_rank(x, 5, 1, BS_TIES_AVERAGE, r);
    assert_vec(r, asc, 5, 0);
    bs_rank(x, 5, 0, BS_TIES_MIN, r);
    assert_vec(r, desc, 5, 0);
    bs_rank(t, 5, 1, BS_TIES_AVERAGE, r);
    assert_vec(r, t_avg, 5, 0);
    bs_rank(t, 5, 1, BS_TIES_MIN, r);
    assert_vec(r, t_min, 5, 0);
    bs_rank(t, 5, 0, BS_TIES_AVERAGE, r);
    assert_vec(r, t_avg_d, 5, 0);
    bs_rank(t, 5, 0, BS_TIES_MIN, r);
    assert_vec(r, t_min_d, 5, 0);
}
END_TEST

START_TEST(rank_of_many_ties_is_exact)
{
    /* 1000 values cycling 0..9: each value occurs 100 times, so value v
     * holds ranks 100v+1 .. 100v+100 (average 100v + 50.5, min 100v + 1). */
    double x[1000], r[1000];
    int i;

    for (i = 0; i < 1000; i++)
        x[i] = (i * 7) % 10;
    bs_rank(x, 1000, 1, BS_TIES_AVERAGE, r);
    for (i = 0; i < 1000; i++)
        ck_assert(r[i] == 100 * x[i] + 50.5);
    bs_rank(x, 1000, 0, BS_TIES_MIN, r);
    for (i = 0; i < 1000; i++)
        ck_assert(r[i] == 100 * (9 - x[i]) + 1);
}
END_TEST

START_TEST(normalise_rejects_no_spread_and_too_few_values)
{
    const double flat[] = {5, NAN, 5, 5}, one[] = {NAN, 7, NAN};
    const double rank_flat_avg[] = {2, NAN, 2, 2};
    bs_error err = {{0}};
    double out[4];

    ck_assert_int_eq(bs_normalise(flat, 4, BS_NORM_ZSCORE, 1, BS_TIES_MIN,
                                  "jeugdzorg", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "jeugdzorg") && strstr(err.msg, "equal"),
                  "%s", err.msg);
    ck_assert_int_eq(bs_normalise(flat, 4, BS_NORM_MINMAX, -1, BS_TIES_MIN,
                                  "jeugdzorg", out, &err), -1);
    ck_assert_int_eq(bs_normalise(flat, 4, BS_NORM_PERCENTILE, 1, BS_TIES_MIN,
                                  "jeugdzorg", out, &err), -1);
    /* Ranks of equal values are well defined. */
    normalise_ok(flat, 4, BS_NORM_RANK, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, rank_flat_avg, 4, 0);

    ck_assert_int_eq(bs_normalise(one, 3, BS_NORM_RANK, 1, BS_TIES_MIN,
                                  "armoede", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "armoede") && strstr(err.msg, "1 value "),
                  "%s", err.msg);
    ck_assert_int_eq(bs_normalise(one, 0, BS_NORM_MINMAX, 1, BS_TIES_MIN,
                                  "armoede", out, &err), -1);
    ck_assert_int_eq(bs_normalise(X, 4, BS_NORM_MINMAX, 0, BS_TIES_MIN,
                                  "armoede", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "direction") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(aggregate_rescales_weights_over_present_indicators)
{
    /* Weights 1, 1, 2 (total 4). Area 0 complete: (0.2 + 0.4 + 2*0.6)/4.
     * Area 1 lacks indicator 0: coverage 3/4, (0.4 + 2*0.6)/3. Area 2 lacks
     * indicator 2: coverage 1/2, (0.2 + 0.4)/2. Area 3 has nothing. */
    const double a[] = {0.2, NAN, 0.2, NAN};
    const double b[] = {0.4, 0.4, 0.4, NAN};
    const double c[] = {0.6, 0.6, NAN, NAN};
    const double *norm[] = {a, b, c};
    const double w[] = {1, 1, 2};
    const double cov_want[] = {1, 0.75, 0.5, 0};
    const double at075[] = {0.45, 1.6 / 3, NAN, NAN};
    const double at080[] = {0.45, NAN, NAN, NAN};
    const double at050[] = {0.45, 1.6 / 3, 0.3, NAN};
    const double at0[] = {0.45, 1.6 / 3, 0.3, NAN};
    double score[4], cov[4];

    bs_aggregate_mean(norm, w, 3, 4, 0.75, score, cov);
    assert_vec(cov, cov_want, 4, 0);
    assert_vec(score, at075, 4, 1e-15);
    bs_aggregate_mean(norm, w, 3, 4, 0.8, score, cov);
    assert_vec(score, at080, 4, 1e-15);
    bs_aggregate_mean(norm, w, 3, 4, 0.5, score, cov);
    assert_vec(score, at050, 4, 1e-15);
    bs_aggregate_mean(norm, w, 3, 4, 0, score, cov);
    assert_vec(score, at0, 4, 1e-15);
}
END_TEST

START_TEST(aggregate_coverage_threshold_tolerates_rounding)
{
    /* Weights 0.1, 0.2, 0.7 with the first missing: in doubles the coverage
     * is 0.8999999999999999, which must still pass min_coverage 0.9. */
    const double a[] = {NAN}, b[] = {1}, c[] = {2};
    const double *norm[] = {a, b, c};
    const double w[] = {0.1, 0.2, 0.7};
    double score[1], cov[1];

    bs_aggregate_mean(norm, w, 3, 1, 0.9, score, cov);
    ck_assert(cov[0] < 0.9 && cov[0] > 0.9 - 1e-15);
    ck_assert_msg(fabs(score[0] - 1.6 / 0.9) < 1e-12, "score %.17g",
                  score[0]);
    bs_aggregate_mean(norm, w, 3, 1, 0.9 + 1e-9, score, cov);
    ck_assert(isnan(score[0]));
}
END_TEST

START_TEST(deciles_of_22_ranks)
{
    /* ceil(10 r / 22): r = 1,2 -> 1; 3,4 -> 2; 5,6 -> 3; 7,8 -> 4;
     * 9,10,11 -> 5 (110/22 = 5 exactly); 12,13 -> 6; 14,15 -> 7; 16,17 -> 8;
     * 18,19 -> 9; 20,21,22 -> 10. */
    const double want[] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5,
                           6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 10};
    double rank[24], dec[24];
    int i;

    for (i = 0; i < 22; i++)
        rank[i] = i + 1;
    bs_deciles(rank, 22, dec);
    assert_vec(dec, want, 22, 0);

    /* Missing ranks stay missing and do not count in nscored. */
    rank[22] = NAN;
    rank[23] = NAN;
    bs_deciles(rank, 24, dec);
    assert_vec(dec, want, 22, 0);
    ck_assert(isnan(dec[22]) && isnan(dec[23]));
}
END_TEST

START_TEST(norm_and_ties_words_parse)
{
    bs_norm m = BS_NORM_RANK;
    bs_ties t = BS_TIES_MIN;

    ck_assert_int_eq(bs_norm_parse("zscore", &m), 0);
    ck_assert_int_eq(m, BS_NORM_ZSCORE);
    m = BS_NORM_RANK;
    ck_assert_int_eq(bs_norm_parse("z-score", &m), 0);
    ck_assert_int_eq(m, BS_NORM_ZSCORE);
    ck_assert_int_eq(bs_norm_parse("minmax", &m), 0);
    ck_assert_int_eq(m, BS_NORM_MINMAX);
    m = BS_NORM_RANK;
    ck_assert_int_eq(bs_norm_parse("min-max", &m), 0);
    ck_assert_int_eq(m, BS_NORM_MINMAX);
    ck_assert_int_eq(bs_norm_parse("rank", &m), 0);
    ck_assert_int_eq(m, BS_NORM_RANK);
    ck_assert_int_eq(bs_norm_parse("percentile", &m), 0);
    ck_assert_int_eq(m, BS_NORM_PERCENTILE);
    ck_assert_int_eq(bs_norm_parse("borda", &m), -1);
    ck_assert_int_eq(bs_ties_parse("average", &t), 0);
    ck_assert_int_eq(t, BS_TIES_AVERAGE);
    ck_assert_int_eq(bs_ties_parse("min", &t), 0);
    ck_assert_int_eq(t, BS_TIES_MIN);
    ck_assert_int_eq(bs_ties_parse("max", &t), -1);
}
END_TEST

static Suite *score_suite(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, zscore_uses_sample_sd_in_both_directions);
    tcase_add_test(tc, minmax_maps_to_unit_interval_in_both_directions);
    tcase_add_test(tc, rank_normalisation_follows_ties_and_direction);
    tcase_add_test(tc, percentile_is_coinr_prank_with_min_ties);
    tcase_add_test(tc, rank_keeps_nan_and_handles_ties);
    tcase_add_test(tc, rank_of_many_ties_is_exact);
    tcase_add_test(tc, normalise_rejects_no_spread_and_too_few_values);
    tcase_add_test(tc, aggregate_rescales_weights_over_present_indicators);
    tcase_add_test(tc, aggregate_coverage_threshold_tolerates_rounding);
    tcase_add_test(tc, deciles_of_22_ranks);
    tcase_add_test(tc, norm_and_ties_words_parse);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(score_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
