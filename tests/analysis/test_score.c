/* test_score.c: normalisation, ranking, aggregation and deciles on small
 * hand-computed cases (COINr conventions, references.md iii E). */
#include <check.h>
#include <math.h>
#include <string.h>
#include "buurtscan/score.h"
#include "testutil.h"

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

static void normalise_ex_ok(const double *x, size_t n, const bs_norm_params *p,
                            double *out)
{
    bs_error err = {{0}};
    int rc = bs_normalise_ex(x, n, p, "test", out, &err);
    ck_assert_msg(rc == 0, "bs_normalise_ex failed: %s", err.msg);
}

START_TEST(minmax_range_maps_onto_lo_hi)
{
    /* t = 0, 1/4, 1/4, 1 onto 1 .. 100: 1 + 99 t. */
    const double up[] = {1, 25.75, 25.75, 100};
    const double down[] = {100, 75.25, 75.25, 1};
    bs_norm_params p;
    bs_error err = {{0}};
    double out[4];

    bs_norm_params_init(&p, BS_NORM_MINMAX, 1);
    p.range_lo = 1;
    p.range_hi = 100;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, up, 4, 1e-12);
    p.direction = -1;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, down, 4, 1e-12);
    p.range_hi = 1;
    ck_assert_int_eq(bs_normalise_ex(X, 4, &p, "armoede", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "armoede") && strstr(err.msg, "range"),
                  "%s", err.msg);
}
END_TEST

START_TEST(exprank_matches_imd_reference_values)
{
    /* references.md (iii) E: X(1) = 100, X(0.9) = 50.4267, X(0.5) =
     * 15.6468, X(1/32844) = 0.000691. Domain ranks with rank 1 = most
     * deprived take direction -1: R = (n - rank + 1) / n. */
    static double x[32844], out[32844];
    const double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double tie[] = {1, 1, 3};
    double o10[10], o3[3];
    bs_norm_params p;
    size_t i;

    bs_norm_params_init(&p, BS_NORM_EXPRANK, -1);
    normalise_ex_ok(ten, 10, &p, o10);
    ck_assert_msg(fabs(o10[0] - 100) < 1e-12, "X(1) = %.17g", o10[0]);
    ck_assert_msg(fabs(o10[1] - 50.4267) < 5e-5, "X(0.9) = %.17g", o10[1]);
    for (i = 1; i < 10; i++)
        ck_assert(o10[i] < o10[i - 1]);
    for (i = 0; i < 32844; i++)
        x[i] = (double)(i + 1);
    normalise_ex_ok(x, 32844, &p, out);
    ck_assert_msg(fabs(out[0] - 100) < 1e-12, "X(1) = %.17g", out[0]);
    /* rank 16423 is R = 16422 / 32844 = 0.5 */
    ck_assert_msg(fabs(out[16422] - 15.6468) < 5e-5, "X(0.5) = %.17g",
                  out[16422]);
    ck_assert_msg(fabs(out[32843] - 0.000691) < 5e-7, "X(1/N) = %.17g",
                  out[32843]);
    /* Direction +1: the largest value is the most need. */
    p.direction = 1;
    normalise_ex_ok(ten, 10, &p, o10);
    ck_assert(fabs(o10[9] - 100) < 1e-12 && fabs(o10[8] - 50.4267) < 5e-5);
    /* Average ties: R = 0.5, 0.5, 1. */
    normalise_ex_ok(tie, 3, &p, o3);
    ck_assert(fabs(o3[0] - 15.6468) < 5e-5 && o3[0] == o3[1]);
    ck_assert(fabs(o3[2] - 100) < 1e-12);
}
END_TEST

START_TEST(goalposts_clamp_and_reverse_for_direction_minus)
{
    /* posts 5 .. 15, scale 100. Direction -1: (x - 15) / (5 - 15). */
    const double x[] = {0, 5, 10, 20, NAN};
    const double up[] = {0, 0, 50, 100, NAN};
    const double down[] = {100, 100, 50, 0, NAN};
    bs_norm_params p;
    bs_error err = {{0}};
    double out[5];

    bs_norm_params_init(&p, BS_NORM_GOALPOSTS, 1);
    ck_assert_int_eq(bs_normalise_ex(x, 5, &p, "schooluitval", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "schooluitval") &&
                  strstr(err.msg, "goalposts"), "%s", err.msg);
    p.post_lo = 5;
    p.post_hi = 15;
    p.scale = 100;
    normalise_ex_ok(x, 5, &p, out);
    assert_vec(out, up, 5, 1e-12);
    p.direction = -1;
    normalise_ex_ok(x, 5, &p, out);
    assert_vec(out, down, 5, 1e-12);
    p.post_hi = 5;
    ck_assert_int_eq(bs_normalise_ex(x, 5, &p, "schooluitval", out, &err), -1);
    p.post_hi = 15;
    p.scale = 0;
    ck_assert_int_eq(bs_normalise_ex(x, 5, &p, "schooluitval", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "scale") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(distance_follows_coinr_dist2ref)
{
    /* COINr n_dist2ref: 1 - (ref - x) / (ref - min) on x' = direction x.
     * X = 2, 4, 4, 10, ref 6: (x - 2) / 4. Direction -1: x' = -x, ref' =
     * -6, min' = -10: (10 - x) / 4. */
    const double up[] = {0, 0.5, 0.5, 2}, up_cap[] = {0, 0.5, 0.5, 1};
    const double down[] = {2, 1.5, 1.5, 0}, down_cap[] = {1, 1, 1, 0};
    const double up100[] = {0, 50, 50, 200};
    bs_norm_params p;
    bs_error err = {{0}};
    double out[4];

    bs_norm_params_init(&p, BS_NORM_DISTANCE, 1);
    ck_assert_int_eq(bs_normalise_ex(X, 4, &p, "wmo", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "reference") != NULL, "%s", err.msg);
    p.ref = 6;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, up, 4, 1e-15);
    p.scale = 100;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, up100, 4, 1e-12);
    p.scale = 1;
    p.cap = 1;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, up_cap, 4, 1e-15);
    p.cap = 0;
    p.direction = -1;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, down, 4, 1e-15);
    p.cap = 1;
    normalise_ex_ok(X, 4, &p, out);
    assert_vec(out, down_cap, 4, 1e-15);
    /* A reference at the lowest need leaves nothing to measure from. */
    p.ref = 10;
    ck_assert_int_eq(bs_normalise_ex(X, 4, &p, "wmo", out, &err), -1);
    ck_assert_msg(strstr(err.msg, "wmo") && strstr(err.msg, "highest"), "%s",
                  err.msg);
    p.direction = 1;
    p.ref = 2;
    ck_assert_int_eq(bs_normalise_ex(X, 4, &p, "wmo", out, &err), -1);
}
END_TEST

START_TEST(none_keeps_x_and_negates_for_direction_minus)
{
    const double x[] = {-1.5, NAN, 0, 7};
    const double up[] = {-1.5, NAN, 0, 7}, down[] = {1.5, NAN, 0, -7};
    const double one[] = {NAN, 3};
    double out[4];

    normalise_ok(x, 4, BS_NORM_NONE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, up, 4, 0);
    normalise_ok(x, 4, BS_NORM_NONE, -1, BS_TIES_AVERAGE, out);
    assert_vec(out, down, 4, 0);
    /* No statistics, so one value is enough. */
    normalise_ok(one, 2, BS_NORM_NONE, 1, BS_TIES_AVERAGE, out);
    assert_vec(out, one, 2, 0);
}
END_TEST

/* a = 1, 4, NaN; b = 4, 4, 2; weights 1, 3. */
static const double AG_A[] = {1, 4, NAN}, AG_B[] = {4, 4, 2};
static const double AG_W[] = {1, 3};

static void aggregate_ok(bs_agg m, double p, double min_cov, double *score,
                         double *cov)
{
    const double *norm[] = {AG_A, AG_B};
    const bs_agg_spec spec = {m, p};
    bs_error err = {{0}};
    int rc = bs_aggregate(norm, AG_W, 2, 3, spec, min_cov, NULL, NULL, score,
                          cov, &err);
    ck_assert_msg(rc == 0, "bs_aggregate failed: %s", err.msg);
}

START_TEST(geometric_harmonic_and_power_means_by_hand)
{
    /* Area 0: geometric exp((ln 1 + 3 ln 4) / 4) = 4^(3/4); harmonic
     * 4 / (1/1 + 3/4) = 16/7; p = 2: sqrt((1 + 3 * 16) / 4) = 3.5;
     * p = 0.5: ((1 + 3 * 2) / 4)^2 = 3.0625. Area 1: 4 throughout. Area 2
     * (coverage 3/4): b alone, 2. */
    const double geo[] = {pow(4, 0.75), 4, 2}, har[] = {16.0 / 7, 4, 2};
    const double p2[] = {3.5, 4, 2}, phalf[] = {3.0625, 4, 2};
    const double mean[] = {3.25, 4, 2}, cov_want[] = {1, 1, 0.75};
    double s[3], t[3], cov[3];

    aggregate_ok(BS_AGG_GEOMETRIC, 0, 0, s, cov);
    assert_vec(s, geo, 3, 1e-12);
    assert_vec(cov, cov_want, 3, 0);
    aggregate_ok(BS_AGG_HARMONIC, 0, 0, s, NULL);
    assert_vec(s, har, 3, 1e-12);
    aggregate_ok(BS_AGG_POWER, 2, 0, s, NULL);
    assert_vec(s, p2, 3, 1e-12);
    aggregate_ok(BS_AGG_POWER, 0.5, 0, s, NULL);
    assert_vec(s, phalf, 3, 1e-12);
    aggregate_ok(BS_AGG_MEAN, 0, 0, s, NULL);
    assert_vec(s, mean, 3, 1e-15);
    /* p = 1, 0, -1 are the arithmetic, geometric, harmonic means. */
    aggregate_ok(BS_AGG_POWER, 1, 0, t, NULL);
    assert_vec(t, mean, 3, 0);
    aggregate_ok(BS_AGG_POWER, 0, 0, t, NULL);
    aggregate_ok(BS_AGG_GEOMETRIC, 0, 0, s, NULL);
    assert_vec(t, s, 3, 0);
    aggregate_ok(BS_AGG_POWER, -1, 0, t, NULL);
    assert_vec(t, har, 3, 1e-12);
    /* ... and p near 0 approaches the geometric mean. */
    aggregate_ok(BS_AGG_POWER, 1e-6, 0, t, NULL);
    assert_vec(t, geo, 3, 1e-6);
    /* The coverage rule is the one of bs_aggregate_mean. */
    aggregate_ok(BS_AGG_GEOMETRIC, 0, 0.8, s, NULL);
    ck_assert(isnan(s[2]) && !isnan(s[1]));
}
END_TEST

START_TEST(bs_aggregate_mean_equals_bs_aggregate)
{
    const double a[] = {0.2, NAN, 0.2, NAN}, b[] = {0.4, 0.4, 0.4, NAN};
    const double c[] = {0.6, 0.6, NAN, NAN};
    const double *norm[] = {a, b, c};
    const double w[] = {0.1, 0.2, 0.7};
    const bs_agg_spec mean = {BS_AGG_MEAN, 1};
    double s1[4], c1[4], s2[4], c2[4];

    bs_aggregate_mean(norm, w, 3, 4, 0.25, s1, c1);
    ck_assert_int_eq(bs_aggregate(norm, w, 3, 4, mean, 0.25, NULL, NULL, s2,
                                  c2, NULL), 0);
    ck_assert(memcmp(c1, c2, sizeof c1) == 0);
    assert_vec(s2, s1, 4, 0);
}
END_TEST

START_TEST(geometric_mean_rejects_zero_naming_indicator_and_area)
{
    const double a[] = {1, 2, 3}, b[] = {4, 0, NAN};
    const double *norm[] = {a, b};
    const double w[] = {1, 1};
    const char *names[] = {"project.ini:12: [indicator armoede]",
                           "project.ini:20: [indicator jeugdzorg]"};
    const char *keys[] = {"WK008001", "WK008002", "WK008003"};
    const bs_agg_spec geo = {BS_AGG_GEOMETRIC, 0};
    const bs_agg_spec p2 = {BS_AGG_POWER, 2}, pm2 = {BS_AGG_POWER, -2};
    bs_error err = {{0}};
    double s[3];

    ck_assert_int_eq(bs_aggregate(norm, w, 2, 3, geo, 0, names, keys, s, NULL,
                                  &err), -1);
    ck_assert_msg(strstr(err.msg, "[indicator jeugdzorg]") &&
                  strstr(err.msg, "WK008002") &&
                  strstr(err.msg, "geometric mean needs values above 0") &&
                  strstr(err.msg, "use minmax with range 1 100"), "%s",
                  err.msg);
    ck_assert_int_eq(bs_aggregate(norm, w, 2, 3, geo, 0, NULL, NULL, s, NULL,
                                  &err), -1);
    ck_assert_msg(strstr(err.msg, "indicator 2") && strstr(err.msg, "area 2"),
                  "%s", err.msg);
    /* A positive power tolerates 0, a negative one does not. */
    ck_assert_int_eq(bs_aggregate(norm, w, 2, 3, p2, 0, NULL, NULL, s, NULL,
                                  &err), 0);
    ck_assert(fabs(s[1] - sqrt(2)) < 1e-12);
    ck_assert_int_eq(bs_aggregate(norm, w, 2, 3, pm2, 0, NULL, NULL, s, NULL,
                                  &err), -1);
    ck_assert_msg(strstr(err.msg, "p = -2") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(domains_aggregate_per_level_with_effective_coverage)
{
    /* Indicators 0, 1 in domain 0 (weights 1, 1), indicator 2 in domain 1;
     * domain weights 3, 1. Effective weights 0.375, 0.375, 0.25.
     * Area 0: d0 = 0.3, d1 = 0.8, index (0.9 + 0.8) / 4 = 0.425, cov 1.
     * Area 1: i0 missing: d0 = 0.4, index (1.2 + 0.8) / 4 = 0.5, cov 0.625.
     * Area 2: i2 missing: d0 = 0.4, d1 missing, index 0.4, cov 0.75.
     * Area 3: nothing. */
    const double i0[] = {0.2, NAN, 0.2, NAN}, i1[] = {0.4, 0.4, 0.6, NAN};
    const double i2[] = {0.8, 0.8, NAN, NAN};
    const double *norm[] = {i0, i1, i2};
    const double w[] = {1, 1, 1}, dw[] = {3, 1};
    const size_t dom[] = {0, 0, 1};
    const char *dnames[] = {"[domain inkomen]", "[domain onderwijs]"};
    const double d0_want[] = {0.3, 0.4, 0.4, NAN};
    const double d1_want[] = {0.8, 0.8, NAN, NAN};
    const double all[] = {0.425, 0.5, 0.4, NAN};
    const double at07[] = {0.425, NAN, 0.4, NAN};
    const double cov_want[] = {1, 0.625, 0.75, 0};
    const double geo0 = (3 * sqrt(0.08) + 0.8) / 4;
    double d0[4], d1[4], *ds[] = {d0, d1}, s[4], cov[4];
    bs_domains d = {2, dom, dw, dnames, {BS_AGG_MEAN, 1}, {BS_AGG_MEAN, 1}};
    bs_error err = {{0}};
    size_t bad[] = {0, 2, 1};

    ck_assert_int_eq(bs_aggregate_domains(norm, w, 3, 4, &d, 0, NULL, NULL,
                                          ds, s, cov, &err), 0);
    assert_vec(d0, d0_want, 4, 1e-15);
    assert_vec(d1, d1_want, 4, 0);
    assert_vec(s, all, 4, 1e-15);
    assert_vec(cov, cov_want, 4, 1e-15);
    ck_assert_int_eq(bs_aggregate_domains(norm, w, 3, 4, &d, 0.7, NULL, NULL,
                                          NULL, s, NULL, &err), 0);
    assert_vec(s, at07, 4, 1e-15);
    /* Each level has its own method: geometric within the domain. */
    d.ind_agg.method = BS_AGG_GEOMETRIC;
    ck_assert_int_eq(bs_aggregate_domains(norm, w, 3, 4, &d, 0, NULL, NULL,
                                          NULL, s, NULL, &err), 0);
    ck_assert_msg(fabs(s[0] - geo0) < 1e-15, "%.17g", s[0]);
    /* Structure errors name what is wrong. */
    d.domain = bad;
    ck_assert_int_eq(bs_aggregate_domains(norm, w, 3, 4, &d, 0, NULL, NULL,
                                          NULL, s, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "indicator 2") && strstr(err.msg, "domain 3"),
                  "%s", err.msg);
    bad[1] = 0;
    bad[2] = 0;
    ck_assert_int_eq(bs_aggregate_domains(norm, w, 3, 4, &d, 0, NULL, NULL,
                                          NULL, s, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "[domain onderwijs]") != NULL, "%s",
                  err.msg);
}
END_TEST

START_TEST(ranks_put_most_need_first_and_deciles_follow)
{
    /* Scores 0.1, 0.9, 0.5, NaN, 0.9: rank 1 = most need (min ties: 1, 1,
     * 3, 4), deciles ceil(10 r / 4). */
    const double score[] = {0.1, 0.9, 0.5, NAN, 0.9};
    const double rank_want[] = {4, 1, 3, NAN, 1};
    const double avg_want[] = {4, 1.5, 3, NAN, 1.5};
    const double dec_want[] = {10, 3, 8, NAN, 3};
    double rank[5], dec[5];

    bs_rank(score, 5, 0, BS_TIES_MIN, rank);
    assert_vec(rank, rank_want, 5, 0);
    bs_deciles(rank, 5, dec);
    assert_vec(dec, dec_want, 5, 0);
    bs_rank(score, 5, 0, BS_TIES_AVERAGE, rank);
    assert_vec(rank, avg_want, 5, 0);
}
END_TEST

START_TEST(radix_rank_matches_counting_definition)
{
    /* Ranks by definition: ascending min rank = 1 + #(v < x), average =
     * #(v < x) + (#(v == x) + 1) / 2. Values with signs, zeros of both
     * signs, infinities, ties and NaN, in a reused workspace. */
    enum { N = 600 };
    static double x[N], r[N];
    bs_rank_work *w = bs_rank_work_new(N);
    unsigned long long s = 12345;
    size_t i, k;
    int asc, t;

    ck_assert_ptr_nonnull(w);
    for (i = 0; i < N; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        switch ((s >> 33) % 8) {
        case 0: x[i] = NAN; break;
        case 1: x[i] = (i % 2) ? 0.0 : -0.0; break;
        case 2: x[i] = (double)((s >> 40) % 5); break;
        case 3: x[i] = (i % 3) ? INFINITY : -INFINITY; break;
        case 4: x[i] = -1e300 * (double)((s >> 20) % 7); break;
        default: x[i] = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * 1e-3;
        }
    }
    for (asc = 0; asc < 2; asc++)
        for (t = 0; t < 2; t++) {
            bs_ties ties = t ? BS_TIES_MIN : BS_TIES_AVERAGE;
            bs_rank_with(w, x, N, asc, ties, r);
            for (i = 0; i < N; i++) {
                size_t before = 0, same = 0;
                double want;
                if (isnan(x[i])) {
                    ck_assert(isnan(r[i]));
                    continue;
                }
                for (k = 0; k < N; k++) {
                    if (isnan(x[k]))
                        continue;
                    before += asc ? x[k] < x[i] : x[k] > x[i];
                    same += x[k] == x[i];
                }
                want = ties == BS_TIES_MIN ? (double)before + 1
                                           : (double)before + (same + 1) / 2.0;
                ck_assert_msg(r[i] == want, "x[%zu] = %g: rank %g, want %g",
                              i, x[i], r[i], want);
            }
        }
    bs_rank_work_free(w);
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
    ck_assert_int_eq(bs_norm_parse("exprank", &m), 0);
    ck_assert_int_eq(m, BS_NORM_EXPRANK);
    ck_assert_int_eq(bs_norm_parse("goalposts", &m), 0);
    ck_assert_int_eq(m, BS_NORM_GOALPOSTS);
    ck_assert_int_eq(bs_norm_parse("distance", &m), 0);
    ck_assert_int_eq(m, BS_NORM_DISTANCE);
    ck_assert_int_eq(bs_norm_parse("none", &m), 0);
    ck_assert_int_eq(m, BS_NORM_NONE);
    ck_assert_int_eq(bs_norm_parse("borda", &m), -1);
    ck_assert_int_eq(bs_ties_parse("average", &t), 0);
    ck_assert_int_eq(t, BS_TIES_AVERAGE);
    ck_assert_int_eq(bs_ties_parse("min", &t), 0);
    ck_assert_int_eq(t, BS_TIES_MIN);
    ck_assert_int_eq(bs_ties_parse("max", &t), -1);
}
END_TEST

START_TEST(aggregation_words_parse)
{
    bs_agg a = BS_AGG_MEAN;

    ck_assert_int_eq(bs_agg_parse("geometric", &a), 0);
    ck_assert_int_eq(a, BS_AGG_GEOMETRIC);
    ck_assert_int_eq(bs_agg_parse("arithmetic", &a), 0);
    ck_assert_int_eq(a, BS_AGG_MEAN);
    ck_assert_int_eq(bs_agg_parse("harmonic", &a), 0);
    ck_assert_int_eq(a, BS_AGG_HARMONIC);
    ck_assert_int_eq(bs_agg_parse("mean", &a), 0);
    ck_assert_int_eq(a, BS_AGG_MEAN);
    ck_assert_int_eq(bs_agg_parse("generalised", &a), 0);
    ck_assert_int_eq(a, BS_AGG_POWER);
    a = BS_AGG_MEAN;
    ck_assert_int_eq(bs_agg_parse("generalized", &a), 0);
    ck_assert_int_eq(a, BS_AGG_POWER);
    ck_assert_int_eq(bs_agg_parse("copeland", &a), -1);
}
END_TEST

/* Every normalisation has an output name, and that name parses back to it. */
START_TEST(norm_names_round_trip)
{
    bs_norm m, back;

    for (m = BS_NORM_ZSCORE; m <= BS_NORM_NONE; m++) {
        ck_assert_str_ne(bs_norm_name(m), "?");
        ck_assert_int_eq(bs_norm_parse(bs_norm_name(m), &back), 0);
        ck_assert_int_eq(back, m);
    }
    ck_assert_str_eq(bs_norm_name(BS_NORM_ZSCORE), "zscore");
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
    tcase_add_test(tc, minmax_range_maps_onto_lo_hi);
    tcase_add_test(tc, exprank_matches_imd_reference_values);
    tcase_add_test(tc, goalposts_clamp_and_reverse_for_direction_minus);
    tcase_add_test(tc, distance_follows_coinr_dist2ref);
    tcase_add_test(tc, none_keeps_x_and_negates_for_direction_minus);
    tcase_add_test(tc, geometric_harmonic_and_power_means_by_hand);
    tcase_add_test(tc, bs_aggregate_mean_equals_bs_aggregate);
    tcase_add_test(tc, geometric_mean_rejects_zero_naming_indicator_and_area);
    tcase_add_test(tc, domains_aggregate_per_level_with_effective_coverage);
    tcase_add_test(tc, ranks_put_most_need_first_and_deciles_follow);
    tcase_add_test(tc, radix_rank_matches_counting_definition);
    tcase_add_test(tc, aggregation_words_parse);
    tcase_add_test(tc, norm_names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(score_suite(), 1);
}
