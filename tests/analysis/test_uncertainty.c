/* test_uncertainty.c: the Monte Carlo engine: identical results for any
 * thread count, the nominal ranking when nothing varies, hand-checked rank
 * intervals and sensitivities, and errors. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/score.h"
#include "buurtscan/uncertainty.h"
#include "testutil.h"

/* A synthetic data set: n areas, 4 indicators with missing values and
 * ties, from a fixed LCG. */
enum { SYN_N = 700, SYN_K = 4 };
static double syn[SYN_K][SYN_N];

static void make_synthetic(void)
{
    unsigned long long s = 2024;
    size_t i, j;

    for (j = 0; j < SYN_K; j++)
        for (i = 0; i < SYN_N; i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((s >> 60) == 0)
                syn[j][i] = NAN;               /* about 1 in 16 missing */
            else if (j == 3)
                syn[j][i] = (double)((s >> 33) % 9);  /* many ties */
            else
                syn[j][i] = (double)(s >> 11) / 9007199254740992.0 * 50;
        }
}

static void fill_norms(bs_norm_params *np, const bs_norm *m, size_t nm,
                       const int *dir, size_t k)
{
    size_t c, j;

    for (c = 0; c < nm; c++)
        for (j = 0; j < k; j++)
            bs_norm_params_init(&np[c * k + j], m[c], dir[j]);
}

static void run_ok(const bs_unc_input *in, const bs_unc_options *o,
                   bs_unc_result *r)
{
    bs_error err = {{0}};
    int rc = bs_unc_run(in, o, r, &err);
    ck_assert_msg(rc == 0, "bs_unc_run failed: %s", err.msg);
}

START_TEST(same_seed_gives_identical_results_for_1_and_8_threads)
{
    const bs_norm m[] = {BS_NORM_ZSCORE, BS_NORM_MINMAX, BS_NORM_RANK};
    const int dir[] = {1, -1, 1, 1};
    const double w[] = {0.4, 0.3, 0.2, 0.1};
    const double *raw[SYN_K];
    bs_norm_params np[3 * SYN_K];
    bs_unc_input in;
    bs_unc_options o = {300, 0.25, 70, 25, 987654321ULL, 1};
    bs_unc_result a, b, c;
    size_t j, n = SYN_N, differ = 0, i;

    make_synthetic();
    for (j = 0; j < SYN_K; j++)
        raw[j] = syn[j];
    fill_norms(np, m, 3, dir, SYN_K);
    in = (bs_unc_input){raw, SYN_K, SYN_N, w, np, 3, {BS_AGG_MEAN, 1}, 0.7,
                        NULL, NULL, 0, NULL, NULL, NULL, 0};
    run_ok(&in, &o, &a);
    o.threads = 8;
    run_ok(&in, &o, &b);
    ck_assert(memcmp(a.rank_nominal, b.rank_nominal, n * sizeof(double)) == 0);
    ck_assert(memcmp(a.rank_p05, b.rank_p05, n * sizeof(double)) == 0);
    ck_assert(memcmp(a.rank_median, b.rank_median, n * sizeof(double)) == 0);
    ck_assert(memcmp(a.rank_p95, b.rank_p95, n * sizeof(double)) == 0);
    ck_assert(memcmp(a.p_top, b.p_top, n * sizeof(double)) == 0);
    ck_assert(memcmp(a.sensitivity, b.sensitivity,
                     (SYN_K + 1) * sizeof(double)) == 0);
    /* A different seed gives different intervals: the runs do vary. */
    o.seed = 1;
    run_ok(&in, &o, &c);
    for (i = 0; i < n; i++)
        differ += !isnan(a.rank_median[i]) &&
                  a.rank_median[i] != c.rank_median[i];
    ck_assert_msg(differ > 0, "seed has no effect");
    /* Some areas lack coverage 0.7 and have no ranks at all. */
    ck_assert(a.nscored < n && a.nscored > n / 2);
    for (i = 0; i < n; i++)
        ck_assert(isnan(a.rank_nominal[i]) == isnan(a.rank_p95[i]));
    bs_unc_result_free(&a);
    bs_unc_result_free(&b);
    bs_unc_result_free(&c);
}
END_TEST

START_TEST(nothing_varies_so_every_run_is_the_nominal_ranking)
{
    const bs_norm m[] = {BS_NORM_EXPRANK};
    const int dir[] = {1, 1, -1, 1};
    const double w[] = {0.225, 0.135, 0.093, 0.5};
    const double *raw[SYN_K], *norm[SYN_K];
    double nv[SYN_K][SYN_N], score[SYN_N], rank[SYN_N];
    bs_norm_params np[SYN_K];
    bs_unc_input in;
    bs_unc_options o = {200, 0, 50, 10, 7, 4};
    bs_unc_result r;
    bs_error err = {{0}};
    size_t i, j, top = 0;

    make_synthetic();
    for (j = 0; j < SYN_K; j++)
        raw[j] = syn[j];
    fill_norms(np, m, 1, dir, SYN_K);
    in = (bs_unc_input){raw, SYN_K, SYN_N, w, np, 1, {BS_AGG_MEAN, 1}, 0.5,
                        NULL, NULL, 0, NULL, NULL, NULL, 0};
    run_ok(&in, &o, &r);
    /* The nominal ranking, computed the plain way. */
    for (j = 0; j < SYN_K; j++) {
        ck_assert_int_eq(bs_normalise_ex(raw[j], SYN_N, &np[j], "t", nv[j],
                                         &err), 0);
        norm[j] = nv[j];
    }
    bs_aggregate_mean(norm, w, SYN_K, SYN_N, 0.5, score, NULL);
    bs_rank(score, SYN_N, 0, BS_TIES_MIN, rank);
    for (i = 0; i < SYN_N; i++) {
        if (isnan(rank[i])) {
            ck_assert(isnan(r.rank_nominal[i]) && isnan(r.p_top[i]));
            continue;
        }
        ck_assert(r.rank_nominal[i] == rank[i]);
        ck_assert(r.rank_p05[i] == rank[i]);
        ck_assert(r.rank_median[i] == rank[i]);
        ck_assert(r.rank_p95[i] == rank[i]);
        ck_assert(r.p_top[i] == (rank[i] <= 50 ? 1.0 : 0.0));
        top += rank[i] <= 50;
    }
    ck_assert(top >= 50);
    for (j = 0; j <= SYN_K; j++)
        ck_assert(r.sensitivity[j] == 0);
    bs_unc_result_free(&r);
}
END_TEST

START_TEST(weights_cannot_move_a_dominance_order)
{
    /* Area i has value i on every indicator: any positive weights keep the
     * order, so with w = 0.5 every run still gives area 5 rank 1. */
    double a[6], b[6], c[6];
    const double *raw[] = {a, b, c};
    const double w[] = {1, 2, 3};
    const bs_norm m[] = {BS_NORM_MINMAX};
    const int dir[] = {1, 1, 1};
    bs_norm_params np[3];
    bs_unc_input in;
    bs_unc_options o = {500, 0.5, 2, 100, 99, 3};
    bs_unc_result r;
    size_t i;

    for (i = 0; i < 6; i++)
        a[i] = b[i] = c[i] = (double)i;
    fill_norms(np, m, 1, dir, 3);
    in = (bs_unc_input){raw, 3, 6, w, np, 1, {BS_AGG_MEAN, 1}, 0, NULL, NULL, 0, NULL, NULL, NULL, 0};
    run_ok(&in, &o, &r);
    for (i = 0; i < 6; i++) {
        ck_assert(r.rank_nominal[i] == 6 - (double)i);
        ck_assert(r.rank_p05[i] == r.rank_nominal[i]);
        ck_assert(r.rank_p95[i] == r.rank_nominal[i]);
        ck_assert(r.p_top[i] == (i >= 4 ? 1.0 : 0.0));
    }
    for (i = 0; i <= 3; i++)
        ck_assert(r.sensitivity[i] == 0);
    bs_unc_result_free(&r);
}
END_TEST

/* Type 7 quantile of `ones` values 1 followed by m - ones values 2. */
static double q7_two_values(size_t ones, size_t m, double p)
{
    double h = (double)(m - 1) * p, lo = floor(h);
    size_t k = (size_t)lo;
    double xk = k < ones ? 1 : 2, xk1 = k + 1 < ones ? 1 : 2;

    return xk + (h - lo) * (xk1 - xk);
}

START_TEST(normalisation_choice_swaps_two_areas_by_hand)
{
    /* ind1 = 10 3 2 0, ind2 = 1 3 2 0, equal weights.
     * minmax: 1 + 1/3, 0.3 + 1, 0.2 + 2/3, 0: areas ranked 1 2 3 4.
     * rank:   4 + 2, 3 + 4, 2 + 3, 1 + 1:    areas ranked 2 1 3 4.
     * Normalisation sensitivity: (0 + (1 + 1 + 0 + 0) / 4) / 2 = 0.25.
     * With w = 0 each run is one of the two rankings: area 0 has rank 1 in
     * the share p_top of the runs (top = 1) and rank 2 in the others. */
    const double i1[] = {10, 3, 2, 0}, i2[] = {1, 3, 2, 0};
    const double *raw[] = {i1, i2};
    const double w[] = {1, 1};
    const bs_norm m[] = {BS_NORM_MINMAX, BS_NORM_RANK};
    const int dir[] = {1, 1};
    bs_norm_params np[4];
    bs_unc_input in;
    bs_unc_options o = {2001, 0, 1, 0, 31337, 2};
    bs_unc_result r;
    size_t ones, i;
    const double ps[] = {0.05, 0.5, 0.95};

    fill_norms(np, m, 2, dir, 2);
    in = (bs_unc_input){raw, 2, 4, w, np, 2, {BS_AGG_MEAN, 1}, 0, NULL, NULL, 0, NULL, NULL, NULL, 0};
    run_ok(&in, &o, &r);
    ck_assert(r.rank_nominal[0] == 1 && r.rank_nominal[1] == 2);
    ck_assert(r.rank_nominal[2] == 3 && r.rank_nominal[3] == 4);
    ck_assert_msg(fabs(r.sensitivity[2] - 0.25) < 1e-15, "%.17g",
                  r.sensitivity[2]);
    /* sa_runs = 0: no weight sensitivity. */
    ck_assert(isnan(r.sensitivity[0]) && isnan(r.sensitivity[1]));
    /* Each choice is drawn with probability 1/2: 2001 runs put p_top within
     * 4 standard deviations (0.045) of 0.5 (the seed fixes the outcome). */
    ck_assert_msg(fabs(r.p_top[0] - 0.5) < 0.045, "p_top %g", r.p_top[0]);
    ck_assert(r.p_top[0] + r.p_top[1] == 1);
    ones = (size_t)llround(r.p_top[0] * 2001);
    for (i = 0; i < 3; i++) {
        const double *q = i == 0 ? r.rank_p05 : i == 1 ? r.rank_median
                                                       : r.rank_p95;
        ck_assert(q[0] == q7_two_values(ones, 2001, ps[i]));
        ck_assert(q[1] == q7_two_values(2001 - ones, 2001, ps[i]));
        ck_assert(q[2] == 3 && q[3] == 4);
    }
    ck_assert(r.rank_p05[0] == 1 && r.rank_p95[0] == 2);
    bs_unc_result_free(&r);
    /* Seven runs put the interpolation points on the boundary between the
     * ones and the twos for some seeds. */
    for (o.seed = 1; o.seed <= 40; o.seed++) {
        o.runs = 7;
        run_ok(&in, &o, &r);
        ones = (size_t)llround(r.p_top[0] * 7);
        for (i = 0; i < 3; i++) {
            const double *q = i == 0 ? r.rank_p05 : i == 1 ? r.rank_median
                                                           : r.rank_p95;
            ck_assert_msg(q[0] == q7_two_values(ones, 7, ps[i]),
                          "seed %llu, %zu ones, p %g: %g",
                          (unsigned long long)o.seed, ones, ps[i], q[0]);
        }
        bs_unc_result_free(&r);
    }
}
END_TEST

START_TEST(weight_sensitivity_finds_the_weight_that_matters)
{
    /* Normalisation none, weights 1 1 1: score = (w1 i + w2 0 + w3 (3 - i))
     * / (w1 + w2 + w3), so all four areas tie at rank 1. Weight 2 alone
     * cannot break the tie (its indicator is 0 everywhere): shift 0.
     * Weight 1 (or 3) alone, at any factor but 1, orders the areas 1 2 3 4
     * one way or the other: shifts 0 1 2 3 against rank 1, mean 1.5 in
     * every run. */
    const double i1[] = {0, 1, 2, 3}, i2[] = {0, 0, 0, 0}, i3[] = {3, 2, 1, 0};
    const double *raw[] = {i1, i2, i3};
    const double w[] = {1, 1, 1};
    const bs_norm m[] = {BS_NORM_NONE};
    const int dir[] = {1, 1, 1};
    bs_norm_params np[3];
    bs_unc_input in;
    bs_unc_options o = {100, 0.3, 1, 200, 5, 2};
    bs_unc_result r;
    size_t i;

    fill_norms(np, m, 1, dir, 3);
    in = (bs_unc_input){raw, 3, 4, w, np, 1, {BS_AGG_MEAN, 1}, 0, NULL, NULL, 0, NULL, NULL, NULL, 0};
    run_ok(&in, &o, &r);
    for (i = 0; i < 4; i++)
        ck_assert(r.rank_nominal[i] == 1);
    ck_assert(r.sensitivity[1] == 0);
    ck_assert_msg(fabs(r.sensitivity[0] - 1.5) < 1e-12, "%.17g",
                  r.sensitivity[0]);
    ck_assert_msg(fabs(r.sensitivity[2] - 1.5) < 1e-12, "%.17g",
                  r.sensitivity[2]);
    ck_assert(r.sensitivity[3] == 0);
    /* In the joint runs the areas spread over ranks 1..4. */
    ck_assert(r.rank_p05[0] == 1 && r.rank_p95[0] == 4);
    bs_unc_result_free(&r);
}
END_TEST

/* With every area its own group (weight 1) and group_top = top, a group is
 * in the top exactly when its area ranks <= top (min ties): group_p_top
 * equals p_top. Pairs of areas as groups give the weighted mean's ranking:
 * checked against a direct count over the same runs for 1 and 4 threads. */
START_TEST(groups_p_top_follows_the_runs)
{
    const bs_norm m[] = {BS_NORM_ZSCORE, BS_NORM_RANK};
    const int dir[] = {1, -1, 1, 1};
    const double w[] = {0.4, 0.3, 0.2, 0.1};
    const double *raw[SYN_K];
    bs_norm_params np[2 * SYN_K];
    bs_unc_input in;
    bs_unc_options o = {200, 0.3, 50, 0, 77ULL, 1};
    bs_unc_result a, b;
    size_t *first = malloc((SYN_N + 1) * sizeof *first);
    size_t *member = malloc(SYN_N * sizeof *member);
    double *mw = malloc(SYN_N * sizeof *mw);
    size_t i, j;

    make_synthetic();
    for (j = 0; j < SYN_K; j++)
        raw[j] = syn[j];
    fill_norms(np, m, 2, dir, SYN_K);
    for (i = 0; i <= SYN_N; i++)
        first[i] = i;
    for (i = 0; i < SYN_N; i++) {
        member[i] = i;
        mw[i] = 1;
    }
    in = (bs_unc_input){raw, SYN_K, SYN_N, w, np, 2, {BS_AGG_MEAN, 1}, 0.7,
                        NULL, NULL, SYN_N, first, member, mw, 50};
    run_ok(&in, &o, &a);
    ck_assert_uint_eq(a.ngroups, SYN_N);
    for (i = 0; i < SYN_N; i++) {
        if (isnan(a.p_top[i]))
            ck_assert_double_eq(a.group_p_top[i], 0);   /* never scored */
        else
            ck_assert_double_eq(a.group_p_top[i], a.p_top[i]);
    }
    o.threads = 4;
    run_ok(&in, &o, &b);
    ck_assert(memcmp(a.group_p_top, b.group_p_top, SYN_N * sizeof(double)) == 0);
    bs_unc_result_free(&a);
    bs_unc_result_free(&b);
    free(first);
    free(member);
    free(mw);
}
END_TEST

START_TEST(errors_name_the_problem)
{
    const double i1[] = {0, 1, 2}, i2[] = {1, NAN, 3};
    const double *raw[] = {i1, i2};
    const double w[] = {1, 1};
    const char *names[] = {"[indicator armoede]", "[indicator jeugdzorg]"};
    const bs_norm m[] = {BS_NORM_ZSCORE, BS_NORM_MINMAX};
    const int dir[] = {1, 1};
    bs_norm_params np[4];
    bs_unc_input in;
    bs_unc_options o = {10, 0.25, 1, 0, 1, 1};
    bs_unc_result r;
    bs_error err = {{0}};

    fill_norms(np, m, 2, dir, 2);
    /* Geometric mean after minmax 0..1 meets a 0 (choice 2). */
    in = (bs_unc_input){raw, 2, 3, w, np, 2, {BS_AGG_GEOMETRIC, 0}, 0, names,
                        NULL, 0, NULL, NULL, NULL, 0};
    ck_assert_int_eq(bs_unc_run(&in, &o, &r, &err), -1);
    ck_assert_msg(strstr(err.msg, "geometric mean needs values above 0") &&
                  strstr(err.msg, "[indicator"), "%s", err.msg);
    bs_unc_result_free(&r);
    /* No area with full coverage. */
    in.agg.method = BS_AGG_MEAN;
    in.min_coverage = 1;
    {
        const double j2[] = {NAN, NAN, NAN};
        const double *raw2[] = {i1, j2};
        bs_norm_params np2[2];
        fill_norms(np2, m, 1, dir, 2);
        np2[1].method = BS_NORM_NONE;
        in.raw = raw2;
        in.norm = np2;
        in.nnorm = 1;
        ck_assert_int_eq(bs_unc_run(&in, &o, &r, &err), -1);
        ck_assert_msg(strstr(err.msg, "no area") != NULL, "%s", err.msg);
    }
    in.raw = raw;
    in.norm = np;
    in.nnorm = 2;
    in.min_coverage = 0;
    o.weight_spread = 1;
    ck_assert_int_eq(bs_unc_run(&in, &o, &r, &err), -1);
    ck_assert_msg(strstr(err.msg, "spread") != NULL, "%s", err.msg);
    o.weight_spread = 0.25;
    o.threads = 0;
    ck_assert_int_eq(bs_unc_run(&in, &o, &r, &err), -1);
    o.threads = 1;
    o.runs = 0;
    ck_assert_int_eq(bs_unc_run(&in, &o, &r, &err), -1);
}
END_TEST

static Suite *uncertainty_suite(void)
{
    Suite *s = suite_create("uncertainty");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, same_seed_gives_identical_results_for_1_and_8_threads);
    tcase_add_test(tc, nothing_varies_so_every_run_is_the_nominal_ranking);
    tcase_add_test(tc, weights_cannot_move_a_dominance_order);
    tcase_add_test(tc, normalisation_choice_swaps_two_areas_by_hand);
    tcase_add_test(tc, weight_sensitivity_finds_the_weight_that_matters);
    tcase_add_test(tc, groups_p_top_follows_the_runs);
    tcase_add_test(tc, errors_name_the_problem);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(uncertainty_suite(), 1);
}
