/* test_classify.c: class breaks against the published mapclassify values on
 * calemp (references.md iii A) and Fisher-Jenks against a brute-force DP. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/classify.h"
#include "testutil.h"

#define CALEMP_N 58

/* The last field of each row is "emp/sq km" (unquoted); earlier fields hold
 * quoted commas, so take the text after the last comma. */
static size_t read_calemp(double *v, size_t max)
{
    FILE *f = fopen(bs_test_shared("data/reference/calemp/calempdensity.csv"),
                    "r");
    char line[1024];
    size_t n = 0;

    ck_assert_msg(f != NULL, "cannot open calempdensity.csv");
    ck_assert(fgets(line, sizeof line, f) != NULL);
    ck_assert(strstr(line, "\"emp/sq km\"") != NULL);
    while (fgets(line, sizeof line, f)) {
        char *comma = strrchr(line, ','), *end;
        if (!comma)
            continue;
        ck_assert(n < max);
        v[n] = strtod(comma + 1, &end);
        ck_assert(end != comma + 1);
        n++;
    }
    fclose(f);
    return n;
}

static void calemp(double *v)
{
    ck_assert_uint_eq(read_calemp(v, CALEMP_N), CALEMP_N);
    ck_assert(v[0] == 329.92 && v[CALEMP_N - 1] == 6.97);
}

static void assert_rel(double got, double want, double tol)
{
    ck_assert_msg(fabs(got - want) <= tol * fmax(fabs(want), 1e-300),
                  "got %.17g, want %.17g", got, want);
}

static void assert_classes(const bs_classes *c, const double *upper,
                           const size_t *count, int k)
{
    int j;

    ck_assert_int_eq(c->k, k);
    for (j = 0; j < k; j++) {
        assert_rel(c->upper[j], upper[j], 1e-9);
        ck_assert_msg(c->count[j] == count[j], "class %d: count %zu, want %zu",
                      j, c->count[j], count[j]);
    }
}

static void classify_ok(const double *v, size_t n, bs_class_method m, int k,
                        const double *breaks, size_t nbreaks, bs_classes *c)
{
    bs_error err = {{0}};
    int rc = bs_classify(v, n, m, k, breaks, nbreaks, c, &err);
    ck_assert_msg(rc == 0, "bs_classify failed: %s", err.msg);
}

START_TEST(equal_interval_matches_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {822.394, 1644.658, 2466.922, 3289.186, 4111.45};
    const size_t count[] = {57, 0, 0, 0, 1};
    bs_classes c;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_EQUAL, 5, NULL, 0, &c);
    assert_classes(&c, upper, count, 5);
    ck_assert(c.min == 0.13);
    ck_assert_uint_eq(c.missing, 0);
    bs_classes_free(&c);
}
END_TEST

START_TEST(quantiles_match_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {1.464, 5.798, 13.278, 54.616, 4111.45};
    const size_t count[] = {12, 11, 12, 11, 12};
    bs_classes c;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_QUANTILE, 5, NULL, 0, &c);
    assert_classes(&c, upper, count, 5);
    assert_rel(c.gvf, 0.172923, 1e-6 / 0.172923);
    bs_classes_free(&c);
}
END_TEST

START_TEST(fisher_jenks_k5_matches_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {75.29, 192.05, 370.5, 722.85, 4111.45};
    const size_t count[] = {49, 3, 4, 1, 1};
    bs_classes c;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_FISHER_JENKS, 5, NULL, 0, &c);
    assert_classes(&c, upper, count, 5);
    ck_assert_msg(fabs(c.gvf - 0.998435) <= 1e-6, "gvf %.9f", c.gvf);
    bs_classes_free(&c);
}
END_TEST

START_TEST(fisher_jenks_k4_matches_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {110.74, 370.5, 722.85, 4111.45};
    const size_t count[] = {50, 6, 1, 1};
    bs_classes c;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_FISHER_JENKS, 4, NULL, 0, &c);
    assert_classes(&c, upper, count, 4);
    ck_assert_msg(fabs(c.gvf - 0.996721) <= 1e-6, "gvf %.9f", c.gvf);
    bs_classes_free(&c);
}
END_TEST

START_TEST(fisher_jenks_is_shift_invariant)
{
    /* Counts in the millions (e.g. WOZ values in euros) must give the same
     * classes as small numbers: no cancellation in the sums of squares. */
    double v[CALEMP_N];
    const size_t count[] = {49, 3, 4, 1, 1};
    bs_classes c;
    size_t i;

    calemp(v);
    for (i = 0; i < CALEMP_N; i++)
        v[i] += 1e9;
    classify_ok(v, CALEMP_N, BS_CLASS_FISHER_JENKS, 5, NULL, 0, &c);
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(c.count[i], count[i]);
    ck_assert(c.upper[0] == 1e9 + 75.29 && c.upper[3] == 1e9 + 722.85);
    bs_classes_free(&c);
}
END_TEST

START_TEST(manual_breaks_append_max_as_user_defined)
{
    double v[CALEMP_N];
    const double b1[] = {20}, b2[] = {20, 30}, b3[] = {20, 4111.45};
    const double u1[] = {20, 4111.45}, u2[] = {20, 30, 4111.45};
    const size_t c1[] = {37, 21}, c2[] = {37, 4, 17};
    bs_classes c;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_MANUAL, 0, b1, 1, &c);
    assert_classes(&c, u1, c1, 2);
    bs_classes_free(&c);
    classify_ok(v, CALEMP_N, BS_CLASS_MANUAL, 0, b2, 2, &c);
    assert_classes(&c, u2, c2, 3);
    bs_classes_free(&c);
    /* A last break at the maximum gets nothing appended. */
    classify_ok(v, CALEMP_N, BS_CLASS_MANUAL, 0, b3, 2, &c);
    assert_classes(&c, u1, c1, 2);
    bs_classes_free(&c);
}
END_TEST

START_TEST(manual_breaks_above_max_keep_empty_classes)
{
    const double v[] = {1, 2, 3}, b[] = {2, 10, 20};
    const double upper[] = {2, 10, 20};
    const size_t count[] = {2, 1, 0};
    bs_classes c;

    classify_ok(v, 3, BS_CLASS_MANUAL, 0, b, 3, &c);
    assert_classes(&c, upper, count, 3);
    bs_classes_free(&c);
}
END_TEST

START_TEST(quantile_interpolates_linearly)
{
    double v[1000];
    const double q4[] = {249.75, 499.5, 749.25, 999};
    const double q3[] = {333, 666, 999};
    const size_t c4[] = {250, 250, 250, 250}, c3[] = {334, 333, 333};
    bs_classes c;
    int i;

    /* Descending order: the input order must not matter. */
    for (i = 0; i < 1000; i++)
        v[i] = 999 - i;
    classify_ok(v, 1000, BS_CLASS_QUANTILE, 4, NULL, 0, &c);
    assert_classes(&c, q4, c4, 4);
    bs_classes_free(&c);
    classify_ok(v, 1000, BS_CLASS_QUANTILE, 3, NULL, 0, &c);
    assert_classes(&c, q3, c3, 3);
    bs_classes_free(&c);
}
END_TEST

START_TEST(quantile_drops_coinciding_bounds)
{
    /* Quartiles of seven 1s and 2, 3, 4 (h = 2.25, 4.5, 6.75, 9): 1, 1,
     * 1.75, 4; the repeated 1 goes, as np.unique does in mapclassify. */
    const double v[] = {1, 1, 1, 1, 1, 1, 1, 2, 3, 4};
    const double upper[] = {1, 1.75, 4};
    const size_t count[] = {7, 0, 3};
    bs_classes c;

    classify_ok(v, 10, BS_CLASS_QUANTILE, 4, NULL, 0, &c);
    assert_classes(&c, upper, count, 3);
    bs_classes_free(&c);
}
END_TEST

START_TEST(class_of_matches_find_bin)
{
    double v[CALEMP_N];
    const double x[] = {0, 1, 3, 5, 50, 70, 101, 202, 390, 505, 800, 5000,
                        5001};
    const int want[] = {0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 4, 4, 4};
    bs_classes c;
    size_t i;

    calemp(v);
    classify_ok(v, CALEMP_N, BS_CLASS_FISHER_JENKS, 5, NULL, 0, &c);
    for (i = 0; i < sizeof x / sizeof x[0]; i++)
        ck_assert_msg(bs_class_of(&c, x[i]) == want[i], "%g -> %d, want %d",
                      x[i], bs_class_of(&c, x[i]), want[i]);
    ck_assert_int_eq(bs_class_of(&c, NAN), -1);
    bs_classes_free(&c);
}
END_TEST

START_TEST(value_on_a_bound_goes_to_the_lower_class)
{
    const double v[] = {0, 1, 2, 3, 4};
    const double b[] = {2};
    bs_classes c;

    /* Equal interval k=2: bound 2; the value 2 is in class 0. */
    classify_ok(v, 5, BS_CLASS_EQUAL, 2, NULL, 0, &c);
    ck_assert(c.upper[0] == 2 && c.upper[1] == 4);
    ck_assert_uint_eq(c.count[0], 3);
    ck_assert_uint_eq(c.count[1], 2);
    ck_assert_int_eq(bs_class_of(&c, 2), 0);
    ck_assert_int_eq(bs_class_of(&c, nextafter(2, 3)), 1);
    ck_assert_int_eq(bs_class_of(&c, 4), 1);
    ck_assert_int_eq(bs_class_of(&c, -7), 0);
    bs_classes_free(&c);

    classify_ok(v, 5, BS_CLASS_MANUAL, 0, b, 1, &c);
    ck_assert_uint_eq(c.count[0], 3);
    ck_assert_uint_eq(c.count[1], 2);
    bs_classes_free(&c);
}
END_TEST

START_TEST(nan_values_are_skipped_and_counted_missing)
{
    double v[CALEMP_N + 3], *w = v;
    const double upper[] = {75.29, 192.05, 370.5, 722.85, 4111.45};
    const size_t count[] = {49, 3, 4, 1, 1};
    bs_classes c;

    v[0] = NAN;
    calemp(v + 1);
    v[CALEMP_N + 1] = NAN;
    v[CALEMP_N + 2] = NAN;
    classify_ok(w, CALEMP_N + 3, BS_CLASS_FISHER_JENKS, 5, NULL, 0, &c);
    assert_classes(&c, upper, count, 5);
    ck_assert_uint_eq(c.missing, 3);
    ck_assert(c.min == 0.13);
    bs_classes_free(&c);
}
END_TEST

START_TEST(more_classes_than_distinct_values_is_an_error)
{
    const double v[] = {1, 2, 2, 3, 4, 4, NAN, 1};
    bs_error err = {{0}};
    bs_classes c;
    int m;

    for (m = BS_CLASS_QUANTILE; m <= BS_CLASS_FISHER_JENKS; m++) {
        ck_assert_int_eq(bs_classify(v, 8, (bs_class_method)m, 7, NULL, 0, &c,
                                     &err), -1);
        ck_assert_msg(strstr(err.msg, "k = 7 classes but only 4 distinct "
                             "values") != NULL, "message: %s", err.msg);
        ck_assert(c.upper == NULL && c.count == NULL);
    }
    /* k equal to the number of distinct values is fine: one per class. */
    classify_ok(v, 8, BS_CLASS_FISHER_JENKS, 4, NULL, 0, &c);
    ck_assert(c.upper[0] == 1 && c.upper[1] == 2 && c.upper[2] == 3 &&
              c.upper[3] == 4);
    ck_assert(c.gvf == 1);
    bs_classes_free(&c);
}
END_TEST

START_TEST(bad_input_is_an_error)
{
    const double v[] = {1, 2, 3}, nan3[] = {NAN, NAN, NAN};
    const double dup[] = {1, 2, 2}, down[] = {3, 1}, bad[] = {1, NAN};
    bs_error err = {{0}};
    bs_classes c;

    ck_assert_int_eq(bs_classify(nan3, 3, BS_CLASS_EQUAL, 2, NULL, 0, &c,
                                 &err), -1);
    ck_assert_msg(strstr(err.msg, "no values") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_classify(v, 0, BS_CLASS_QUANTILE, 1, NULL, 0, &c,
                                 &err), -1);
    ck_assert_msg(strstr(err.msg, "no values") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_QUANTILE, 0, NULL, 0, &c,
                                 &err), -1);
    ck_assert_msg(strstr(err.msg, "k = 0") != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_FISHER_JENKS, -2, NULL, 0, &c,
                                 &err), -1);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_MANUAL, 0, dup, 3, &c, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "not strictly increasing") != NULL, "%s",
                  err.msg);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_MANUAL, 0, down, 2, &c, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "not strictly increasing") != NULL, "%s",
                  err.msg);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_MANUAL, 0, bad, 2, &c, &err),
                     -1);
    ck_assert_int_eq(bs_classify(v, 3, BS_CLASS_MANUAL, 0, bad, 0, &c, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "no breaks") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(one_class_and_constant_data)
{
    const double v[] = {5, 5, NAN, 5};
    bs_classes c;

    classify_ok(v, 4, BS_CLASS_FISHER_JENKS, 1, NULL, 0, &c);
    ck_assert_int_eq(c.k, 1);
    ck_assert(c.upper[0] == 5 && c.min == 5);
    ck_assert_uint_eq(c.count[0], 3);
    ck_assert_uint_eq(c.missing, 1);
    ck_assert(isnan(c.gvf));
    bs_classes_free(&c);
}
END_TEST

START_TEST(method_names_parse)
{
    bs_class_method m = BS_CLASS_MANUAL;

    ck_assert_int_eq(bs_class_method_parse("quantile", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_QUANTILE);
    ck_assert_int_eq(bs_class_method_parse("equal", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_EQUAL);
    ck_assert_int_eq(bs_class_method_parse("fisher-jenks", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_FISHER_JENKS);
    m = BS_CLASS_QUANTILE;
    ck_assert_int_eq(bs_class_method_parse("fisherjenks", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_FISHER_JENKS);
    m = BS_CLASS_QUANTILE;
    ck_assert_int_eq(bs_class_method_parse("jenks", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_FISHER_JENKS);
    ck_assert_int_eq(bs_class_method_parse("manual", &m), 0);
    ck_assert_int_eq(m, BS_CLASS_MANUAL);
    ck_assert_int_eq(bs_class_method_parse("natural", &m), -1);
    ck_assert_int_eq(bs_class_method_parse("", &m), -1);
}
END_TEST

/* ---- Fisher-Jenks against the classic O(k n^2) program ---------------- */

static uint64_t rng_next(uint64_t *s)
{
    /* xorshift64*: reproducible on every platform, unlike rand(). */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Jenks' original formulation on the sorted raw values (duplicates not
 * merged): for each end i, grow the last class backwards with running sums.
 * Returns the minimal within-class sum of squares; bounds into upper[k]. */
static double brute_fisher(const double *s, size_t n, int k, double *upper)
{
    double *cost = calloc(n * (size_t)k, sizeof *cost);
    size_t *start = malloc(n * (size_t)k * sizeof *start);
    size_t i, l, end;
    double best;
    int c;

    for (i = 0; i < n; i++) {
        double s1 = 0, s2 = 0;
        for (l = i + 1; l-- > 0;) {
            double w = (double)(i - l + 1), var;
            s1 += s[l];
            s2 += s[l] * s[l];
            var = s2 - s1 * s1 / w;
            if (l == 0) {
                cost[i] = var;
                start[i] = 0;
            }
            for (c = 1; c < k; c++) {
                double v;
                if (l < (size_t)c)
                    continue;
                v = cost[(size_t)(c - 1) * n + l - 1] + var;
                if (l == i || v <= cost[(size_t)c * n + i]) {
                    cost[(size_t)c * n + i] = v;
                    start[(size_t)c * n + i] = l;
                }
            }
        }
    }
    best = cost[(size_t)(k - 1) * n + n - 1];
    end = n - 1;
    for (c = k - 1; c >= 0; c--) {
        upper[c] = s[end];
        if (c > 0)
            end = start[(size_t)c * n + end] - 1;
    }
    free(cost);
    free(start);
    return best;
}

/* Within-class sum of squares of a classification (classes by bs_class_of). */
static double sdcm(const bs_classes *c, const double *v, size_t n)
{
    double *sum = calloc((size_t)c->k, sizeof *sum), total = 0;
    size_t *cnt = calloc((size_t)c->k, sizeof *cnt), i;

    for (i = 0; i < n; i++) {
        int j = bs_class_of(c, v[i]);
        sum[j] += v[i];
        cnt[j]++;
    }
    for (i = 0; i < n; i++) {
        int j = bs_class_of(c, v[i]);
        double d = v[i] - sum[j] / (double)cnt[j];
        total += d * d;
    }
    free(sum);
    free(cnt);
    return total;
}

static void check_against_brute(double *v, size_t n, int k, int distinct)
{
    double *s = malloc(n * sizeof *s), *upper = malloc((size_t)k * sizeof *upper);
    double best, got, scale = 0, mean = 0;
    bs_classes c;
    size_t i;
    int j;

    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_d);
    best = brute_fisher(s, n, k, upper);
    classify_ok(v, n, BS_CLASS_FISHER_JENKS, k, NULL, 0, &c);
    ck_assert_int_eq(c.k, k);
    got = sdcm(&c, v, n);
    for (i = 0; i < n; i++)
        mean += v[i] / (double)n;
    for (i = 0; i < n; i++)
        scale += (v[i] - mean) * (v[i] - mean);
    ck_assert_msg(fabs(got - best) <= 1e-9 * scale,
                  "n=%zu k=%d: SSE %.17g, brute force %.17g", n, k, got, best);
    /* With distinct values the optimum is unique: the bounds must agree. */
    if (distinct)
        for (j = 0; j < k; j++)
            ck_assert_msg(c.upper[j] == upper[j],
                          "n=%zu k=%d bound %d: %.17g, brute force %.17g", n,
                          k, j, c.upper[j], upper[j]);
    for (j = 0; j < k; j++)
        ck_assert_uint_gt(c.count[j], 0);
    bs_classes_free(&c);
    free(s);
    free(upper);
}

START_TEST(fisher_jenks_equals_brute_force_on_random_data)
{
    static const size_t sizes[] = {7, 31, 200, 2000};
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    size_t t, i;

    for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t];
        double *v = malloc(n * sizeof *v);
        int k;
        /* Skewed like most indicator data: exp of a uniform. */
        for (i = 0; i < n; i++)
            v[i] = exp(8 * rng_unit(&seed));
        for (k = 2; k <= 7 && (size_t)k <= n; k++)
            check_against_brute(v, n, k, 1);
        free(v);
    }
}
END_TEST

START_TEST(fisher_jenks_equals_brute_force_with_duplicates)
{
    uint64_t seed = 12345;
    size_t i, n = 600;
    double *v = malloc(n * sizeof *v);
    int k;

    /* Integer percentages with many ties, and a block of one repeated value. */
    for (i = 0; i < n; i++)
        v[i] = floor(40 * rng_unit(&seed) * rng_unit(&seed));
    for (i = 0; i < 100; i++)
        v[i] = 17;
    for (k = 2; k <= 9; k++)
        check_against_brute(v, n, k, 0);
    for (i = 0; i < n; i++)
        v[i] = floor(8 * rng_unit(&seed));
    for (k = 2; k <= 8; k++)
        check_against_brute(v, n, k, 0);
    free(v);
}
END_TEST

static Suite *classify_suite(void)
{
    Suite *s = suite_create("classify");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, equal_interval_matches_mapclassify_on_calemp);
    tcase_add_test(tc, quantiles_match_mapclassify_on_calemp);
    tcase_add_test(tc, fisher_jenks_k5_matches_mapclassify_on_calemp);
    tcase_add_test(tc, fisher_jenks_k4_matches_mapclassify_on_calemp);
    tcase_add_test(tc, fisher_jenks_is_shift_invariant);
    tcase_add_test(tc, manual_breaks_append_max_as_user_defined);
    tcase_add_test(tc, manual_breaks_above_max_keep_empty_classes);
    tcase_add_test(tc, quantile_interpolates_linearly);
    tcase_add_test(tc, quantile_drops_coinciding_bounds);
    tcase_add_test(tc, class_of_matches_find_bin);
    tcase_add_test(tc, value_on_a_bound_goes_to_the_lower_class);
    tcase_add_test(tc, nan_values_are_skipped_and_counted_missing);
    tcase_add_test(tc, more_classes_than_distinct_values_is_an_error);
    tcase_add_test(tc, bad_input_is_an_error);
    tcase_add_test(tc, one_class_and_constant_data);
    tcase_add_test(tc, method_names_parse);
    tcase_add_test(tc, fisher_jenks_equals_brute_force_on_random_data);
    tcase_add_test(tc, fisher_jenks_equals_brute_force_with_duplicates);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(classify_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
