/* test_classify.c: class breaks against the published mapclassify values on
 * calemp (references.md iii A) and mapclassify's own tests, fit statistics
 * against mapclassify and the classInt formulas, R classInt on the national
 * wijken, and Fisher-Jenks against a brute-force DP. */
#include <check.h>
#include <math.h>
#include <shapefil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/classify.h"
#include "buurtscan/number.h"
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

    const bs_class_method ms[] = {BS_CLASS_QUANTILE, BS_CLASS_EQUAL,
                                  BS_CLASS_FISHER_JENKS, BS_CLASS_MAXBREAKS};

    for (m = 0; m < 4; m++) {
        ck_assert_int_eq(bs_classify(v, 8, ms[m], 7, NULL, 0, &c, &err), -1);
        ck_assert_msg(strstr(err.msg, "k = 7 classes but only 4 distinct "
                             "values; choose k <= 4") != NULL, "message: %s",
                      err.msg);
        ck_assert_msg(strstr(err.msg, bs_class_method_name(ms[m])) == err.msg,
                      "message: %s", err.msg);
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

/* ---- the other mapclassify methods ------------------------------------ */

static void classify_p(const double *v, size_t n, const bs_class_params *p,
                       bs_classes *c)
{
    bs_error err = {{0}};
    int rc = bs_classify_ex(v, n, p, c, &err);
    ck_assert_msg(rc == 0, "bs_classify_ex failed: %s", err.msg);
}

/* Runs p on v and expects an error whose message contains want. */
static void classify_fails(const double *v, size_t n,
                           const bs_class_params *p, const char *want)
{
    bs_error err = {{0}};
    bs_classes c;

    ck_assert_int_eq(bs_classify_ex(v, n, p, &c, &err), -1);
    ck_assert_msg(strstr(err.msg, want) != NULL, "message \"%s\", want \"%s\"",
                  err.msg, want);
    ck_assert(c.upper == NULL && c.count == NULL && c.k == 0);
}

START_TEST(stdmean_matches_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {-967.36235382, -420.71712519, 672.57333208,
                            1219.21856072, 4111.45};
    const size_t count[] = {0, 0, 56, 1, 1};
    bs_class_params p;
    bs_classes c;
    int j;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_STDMEAN, 5);
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_int_eq(c.k, 5);
    for (j = 0; j < 5; j++) {
        /* mapclassify prints 8 decimals. */
        ck_assert_msg(fabs(c.upper[j] - upper[j]) <= 5e-9, "bound %d: %.17g",
                      j, c.upper[j]);
        ck_assert_uint_eq(c.count[j], count[j]);
    }
    bs_classes_free(&c);
}
END_TEST

START_TEST(stdmean_takes_multiples_and_anchor)
{
    double v[CALEMP_N];
    const double m3[] = {-3, -1.5, 1.5, 3};
    const double u3[] = {-1514.00758246, -694.03973951, 945.8959464,
                         1765.86378936, 4111.45};
    const size_t c3[] = {0, 0, 57, 0, 1};
    const double ua[] = {125.92810345, 672.57333208, 1219.21856072,
                         1765.86378936, 2312.50901799, 2859.15424663,
                         3405.79947527, 3952.4447039, 4111.45};
    const size_t ca[] = {50, 6, 1, 0, 0, 0, 0, 0, 1};
    bs_class_params p;
    bs_classes c;
    int j;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_STDMEAN, 0);
    p.multiples = m3;
    p.nmult = 4;
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_int_eq(c.k, 5);
    for (j = 0; j < 5; j++) {
        ck_assert_msg(fabs(c.upper[j] - u3[j]) <= 5e-9, "bound %d: %.17g", j,
                      c.upper[j]);
        ck_assert_uint_eq(c.count[j], c3[j]);
    }
    bs_classes_free(&c);

    /* anchor=True (mapclassify test_StdMeanAnchor): one bound is the mean,
     * steps of one sd, the multiples are not used. */
    p.anchor = 1;
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_int_eq(c.k, 9);
    for (j = 0; j < 9; j++) {
        ck_assert_msg(fabs(c.upper[j] - ua[j]) <= 5e-9, "bound %d: %.17g", j,
                      c.upper[j]);
        ck_assert_uint_eq(c.count[j], ca[j]);
    }
    assert_rel(c.upper[0], 125.928103448, 1e-11);
    bs_classes_free(&c);
}
END_TEST

START_TEST(lower_bound_is_open_when_first_class_is_below_the_data)
{
    double v[CALEMP_N];
    bs_class_params p;
    bs_classes c;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_STDMEAN, 0);
    classify_p(v, CALEMP_N, &p, &c);
    /* Class 0 is (-inf, -967.36]: the legend must not read "0.13 - -967". */
    ck_assert(isinf(bs_class_lower(&c, 0)) && bs_class_lower(&c, 0) < 0);
    ck_assert(bs_class_lower(&c, 1) == c.upper[0]);
    ck_assert(bs_class_lower(&c, 4) == c.upper[3]);
    bs_classes_free(&c);

    bs_class_params_init(&p, BS_CLASS_FISHER_JENKS, 5);
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert(bs_class_lower(&c, 0) == 0.13);
    ck_assert(bs_class_lower(&c, 2) == 192.05);
    bs_classes_free(&c);
}
END_TEST

START_TEST(boxplot_matches_mapclassify)
{
    double v[CALEMP_N], a[100];
    const double upper[] = {-52.87625, 2.5675, 9.365, 39.53, 94.97375,
                            4111.45};
    const size_t count[] = {0, 15, 14, 14, 6, 9};
    const double ua[] = {-49.5, 24.75, 49.5, 74.25, 148.5};
    const size_t ca[] = {0, 25, 25, 25, 25};
    bs_class_params p;
    bs_classes c;
    int i;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_BOXPLOT, 0);
    ck_assert(p.hinge == 1.5);
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, upper, count, 6);
    bs_classes_free(&c);

    /* BoxPlot(arange(100)): the upper fence is above the maximum, so it is
     * the top bound and there is no class of high outliers. */
    for (i = 0; i < 100; i++)
        a[i] = i;
    classify_p(a, 100, &p, &c);
    assert_classes(&c, ua, ca, 5);
    bs_classes_free(&c);

    /* hinge 0: fences on the quartiles, the outer classes hold ties only. */
    p.hinge = 0;
    classify_p(a, 100, &p, &c);
    ck_assert_int_eq(c.k, 6);
    ck_assert(c.upper[0] == 24.75 && c.upper[4] == 74.25 && c.upper[5] == 99);
    ck_assert_uint_eq(c.count[0], 25);
    ck_assert_uint_eq(c.count[4], 0);
    ck_assert_uint_eq(c.count[5], 25);
    bs_classes_free(&c);
}
END_TEST

START_TEST(percentiles_match_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {0.1357, 0.553, 9.365, 213.914, 2179.948, 4111.45};
    const size_t count[] = {1, 5, 23, 23, 5, 1};
    const double p2[] = {50, 100}, p1[] = {50};
    const double u2[] = {9.365, 4111.45};
    const size_t c2[] = {29, 29};
    bs_class_params p;
    bs_classes c;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_PERCENTILES, 0);
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, upper, count, 6);
    bs_classes_free(&c);

    p.pct = p2;
    p.npct = 2;
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, u2, c2, 2);
    bs_classes_free(&c);

    /* A last percentile below 100 gets the maximum appended (UserDefined's
     * rule), so the values above the median still have a class. */
    p.pct = p1;
    p.npct = 1;
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, u2, c2, 2);
    bs_classes_free(&c);
}
END_TEST

START_TEST(maxbreaks_match_mapclassify_on_calemp)
{
    double v[CALEMP_N];
    const double upper[] = {146.005, 228.49, 546.675, 2417.15, 4111.45};
    const size_t count[] = {50, 2, 4, 1, 1};
    bs_class_params p;
    bs_classes c;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_MAXBREAKS, 5);
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, upper, count, 5);
    bs_classes_free(&c);
}
END_TEST

START_TEST(maxbreaks_ignore_ties_and_take_the_higher_of_equal_gaps)
{
    /* Distinct values 1, 5, 9, 20: gaps 4, 4, 11. The widest (11) and then
     * the higher of the two 4s: midpoints 14.5 and 7. */
    const double v[] = {9, 1, 1, 20, 5, 1, 5};
    const double upper[] = {7, 14.5, 20};
    const size_t count[] = {5, 1, 1};
    const double even[] = {0, 1, 2, 3};
    const double ue[] = {2.5, 3};
    const size_t ce[] = {3, 1};
    bs_class_params p;
    bs_classes c;

    bs_class_params_init(&p, BS_CLASS_MAXBREAKS, 3);
    classify_p(v, 7, &p, &c);
    assert_classes(&c, upper, count, 3);
    bs_classes_free(&c);
    bs_class_params_init(&p, BS_CLASS_MAXBREAKS, 2);
    classify_p(even, 4, &p, &c);
    assert_classes(&c, ue, ce, 2);
    bs_classes_free(&c);
}
END_TEST

START_TEST(headtail_matches_mapclassify)
{
    double y[1000], v[CALEMP_N];
    const double third[] = {1 + 0x1p-52, 1, 1};
    const size_t c1[] = {975, 21, 2, 1}, c2[] = {980, 17, 1, 2};
    const double uc[] = {125.92810345, 811.26, 4111.45};
    const size_t cc[] = {50, 7, 1};
    bs_class_params p;
    bs_classes c;
    int i;

    /* test_HeadTailBreaks: y = i^-2, i = 1..999. */
    for (i = 0; i < 999; i++)
        y[i] = pow(i + 1, -2);
    bs_class_params_init(&p, BS_CLASS_HEADTAIL, 5);
    classify_p(y, 999, &p, &c);
    ck_assert_int_eq(c.k, 4);
    for (i = 0; i < 4; i++)
        ck_assert_uint_eq(c.count[i], c1[i]);
    ck_assert(c.upper[3] == 1);
    bs_classes_free(&c);

    /* test_HeadTailBreaks_doublemax: the maximum twice. */
    y[999] = 1;
    classify_p(y, 1000, &p, &c);
    ck_assert_int_eq(c.k, 4);
    for (i = 0; i < 4; i++)
        ck_assert_uint_eq(c.count[i], c2[i]);
    bs_classes_free(&c);

    /* test_HeadTailBreaks_float: the mean of 1+eps, 1, 1 rounds to 1. */
    classify_p(third, 3, &p, &c);
    ck_assert_int_eq(c.k, 2);
    ck_assert_uint_eq(c.count[0], 2);
    ck_assert_uint_eq(c.count[1], 1);
    bs_classes_free(&c);

    /* The HeadTailBreaks docstring on calemp; the requested k is ignored. */
    calemp(v);
    p.k = 9;
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_int_eq(c.k, 3);
    for (i = 0; i < 3; i++) {
        ck_assert_msg(fabs(c.upper[i] - uc[i]) <= 5e-9, "bound %d: %.17g", i,
                      c.upper[i]);
        ck_assert_uint_eq(c.count[i], cc[i]);
    }
    bs_classes_free(&c);
}
END_TEST

START_TEST(headtail_top_bound_is_the_maximum_of_a_tied_head)
{
    /* The head 0.7, 0.7, 0.7 sums to 2.0999999999999996: divided by 3 that
     * is an ulp below 0.7. The mean of equal values is taken as the value,
     * so no sliver class (0.6999999999999998, 0.7] appears. */
    const double v[] = {0.7, 0, 0.7, 0.7};
    bs_class_params p;
    bs_classes c;

    bs_class_params_init(&p, BS_CLASS_HEADTAIL, 0);
    classify_p(v, 4, &p, &c);
    ck_assert_int_eq(c.k, 2);
    assert_rel(c.upper[0], 0.525, 1e-15);
    ck_assert(c.upper[1] == 0.7);
    ck_assert_uint_eq(c.count[0], 1);
    ck_assert_uint_eq(c.count[1], 3);
    bs_classes_free(&c);
}
END_TEST

START_TEST(pretty_matches_mapclassify)
{
    double v[CALEMP_N];
    const double upper[] = {1000, 2000, 3000, 4000, 5000};
    const size_t count[] = {57, 0, 0, 0, 1};
    /* By hand from mapclassify's _pretty: range 39 -> 50, step 50/3 -> 20,
     * np.arange(0, 70, 20)[1:]. */
    const double a[] = {17, 3, 42}, ua[] = {20, 40, 60};
    const size_t ca[] = {2, 0, 1};
    /* Range 9.5 -> 10, step 10/4 = 2.5 -> 2 (f < 3 rounds to 2), from
     * floor(-7.3/2)*2 = -8 to ceil(2.2/2)*2 = 4. */
    const double b[] = {2.2, -7.3}, ub[] = {-6, -4, -2, 0, 2, 4};
    const size_t cb[] = {1, 0, 0, 0, 0, 1};
    bs_class_params p;
    bs_classes c;

    calemp(v);
    bs_class_params_init(&p, BS_CLASS_PRETTY, 5);
    classify_p(v, CALEMP_N, &p, &c);
    assert_classes(&c, upper, count, 5);
    bs_classes_free(&c);
    p.k = 4;
    classify_p(a, 3, &p, &c);
    assert_classes(&c, ua, ca, 3);
    bs_classes_free(&c);
    p.k = 5;
    classify_p(b, 2, &p, &c);
    assert_classes(&c, ub, cb, 6);
    ck_assert(bs_class_lower(&c, 0) == -7.3);
    bs_classes_free(&c);
}
END_TEST

START_TEST(methods_without_k_allow_singleton_classes)
{
    /* k is not used by these methods: a k above the number of distinct
     * values is no error, and classes of one value are fine. */
    const double v[] = {1, 2, 2, 3, 4, 4, NAN, 1};
    const bs_class_method m[] = {BS_CLASS_STDMEAN, BS_CLASS_BOXPLOT,
                                 BS_CLASS_PERCENTILES, BS_CLASS_HEADTAIL,
                                 BS_CLASS_PRETTY};
    bs_class_params p;
    bs_classes c;
    size_t i, total;
    int j;

    for (i = 0; i < sizeof m / sizeof m[0]; i++) {
        bs_class_params_init(&p, m[i], 7);
        classify_p(v, 8, &p, &c);
        ck_assert_uint_eq(c.missing, 1);
        for (j = 0, total = 0; j < c.k; j++)
            total += c.count[j];
        ck_assert_uint_eq(total, 7);
        ck_assert(c.upper[c.k - 1] >= 4);
        bs_classes_free(&c);
    }
    /* Max-breaks with k = distinct values: one value per class. */
    bs_class_params_init(&p, BS_CLASS_MAXBREAKS, 4);
    classify_p(v, 8, &p, &c);
    ck_assert(c.upper[0] == 1.5 && c.upper[1] == 2.5 && c.upper[2] == 3.5 &&
              c.upper[3] == 4);
    ck_assert(c.count[0] == 2 && c.count[1] == 2 && c.count[2] == 1 &&
              c.count[3] == 2);
    bs_classes_free(&c);
}
END_TEST

START_TEST(bad_parameters_are_errors)
{
    const double v[] = {1, 2, 3, 4}, same[] = {5, 5, 5};
    const double down[] = {1, -1}, nan2[] = {-1, NAN};
    const double over[] = {50, 101}, dup[] = {10, 10}, neg[] = {-1, 50};
    bs_class_params p;

    bs_class_params_init(&p, BS_CLASS_STDMEAN, 0);
    p.multiples = down;
    p.nmult = 2;
    classify_fails(v, 4, &p, "multiples not strictly increasing (-1 after 1)");
    p.multiples = nan2;
    classify_fails(v, 4, &p, "multiples 2 is not a finite number");
    p.nmult = 0;
    classify_fails(v, 4, &p, "no multiples");
    bs_class_params_init(&p, BS_CLASS_STDMEAN, 0);
    classify_fails(same, 3, &p, "need at least 2 distinct values");
    p.anchor = 1;
    classify_fails(same, 3, &p, "need at least 2 distinct values");

    bs_class_params_init(&p, BS_CLASS_PERCENTILES, 0);
    p.pct = over;
    p.npct = 2;
    classify_fails(v, 4, &p, "percentiles 2 is 101, outside [0, 100]");
    p.pct = neg;
    classify_fails(v, 4, &p, "percentiles 1 is -1, outside [0, 100]");
    p.pct = dup;
    classify_fails(v, 4, &p, "percentiles not strictly increasing");

    bs_class_params_init(&p, BS_CLASS_BOXPLOT, 0);
    p.hinge = -0.5;
    classify_fails(v, 4, &p, "hinge -0.5, need a finite number >= 0");
    p.hinge = NAN;
    classify_fails(v, 4, &p, "hinge");

    bs_class_params_init(&p, BS_CLASS_PRETTY, 1);
    classify_fails(v, 4, &p, "pretty classification: k = 1 classes, need at "
                   "least 2");
    p.k = 5;
    classify_fails(same, 3, &p, "need at least 2 distinct values");

    bs_class_params_init(&p, BS_CLASS_MAXBREAKS, 0);
    classify_fails(v, 4, &p, "max-breaks classification: k = 0 classes");

    bs_class_params_init(&p, (bs_class_method)99, 5);
    classify_fails(v, 4, &p, "unknown method 99");
}
END_TEST

START_TEST(new_method_names_parse)
{
    static const struct {
        const char *name;
        bs_class_method m;
    } t[] = {
        {"std-mean", BS_CLASS_STDMEAN},      {"stdmean", BS_CLASS_STDMEAN},
        {"boxplot", BS_CLASS_BOXPLOT},       {"percentiles", BS_CLASS_PERCENTILES},
        {"max-breaks", BS_CLASS_MAXBREAKS},  {"maxbreaks", BS_CLASS_MAXBREAKS},
        {"maximumbreaks", BS_CLASS_MAXBREAKS}, {"head-tail", BS_CLASS_HEADTAIL},
        {"headtail", BS_CLASS_HEADTAIL},     {"headtailbreaks", BS_CLASS_HEADTAIL},
        {"pretty", BS_CLASS_PRETTY},         {"prettybreaks", BS_CLASS_PRETTY},
    };
    bs_class_method m;
    size_t i;
    int j;

    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        m = BS_CLASS_QUANTILE;
        ck_assert_msg(bs_class_method_parse(t[i].name, &m) == 0, "%s",
                      t[i].name);
        ck_assert_int_eq(m, t[i].m);
    }
    ck_assert_int_eq(bs_class_method_parse("box", &m), -1);
    ck_assert_int_eq(bs_class_method_parse("Pretty", &m), -1);
    /* The canonical name parses back to its method. */
    for (j = BS_CLASS_QUANTILE; j <= BS_CLASS_PRETTY; j++) {
        ck_assert_int_eq(bs_class_method_parse(
                             bs_class_method_name((bs_class_method)j), &m), 0);
        ck_assert_int_eq(m, j);
    }
    ck_assert_str_eq(bs_class_method_name(BS_CLASS_FISHER_JENKS),
                     "fisher-jenks");
    ck_assert_str_eq(bs_class_method_name(BS_CLASS_HEADTAIL), "head-tail");
}
END_TEST

/* ---- fit statistics --------------------------------------------------- */

START_TEST(fit_statistics_match_references_on_calemp)
{
    double v[CALEMP_N];
    bs_class_params p;
    bs_classes c;

    calemp(v);
    /* FisherJenks k=5: GVF, TAI (classInt jenks.tests formulas), GADF and
     * ADCM (mapclassify: fj.adcm == 799.24). */
    bs_class_params_init(&p, BS_CLASS_FISHER_JENKS, 5);
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_msg(fabs(c.gvf - 0.998435) <= 1e-6, "gvf %.9f", c.gvf);
    ck_assert_msg(fabs(c.tai - 0.916818) <= 1e-6, "tai %.9f", c.tai);
    ck_assert_msg(fabs(c.gadf - 0.887903) <= 1e-6, "gadf %.9f", c.gadf);
    ck_assert_msg(fabs(c.adcm - 799.24) <= 0.01, "adcm %.9f", c.adcm);
    bs_classes_free(&c);

    /* KClassifiers(cal).best: FisherJenks k=4, GADF 0.8481032719908105. */
    p.k = 4;
    classify_p(v, CALEMP_N, &p, &c);
    assert_rel(c.gadf, 0.8481032719908105, 1e-11);
    ck_assert_msg(fabs(c.tai - 0.889597) <= 1e-6, "tai %.9f", c.tai);
    bs_classes_free(&c);

    /* Quantiles k=5; gadf(cal, pct=0.2) gives 0.21710231966462412. */
    bs_class_params_init(&p, BS_CLASS_QUANTILE, 5);
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_msg(fabs(c.gvf - 0.172923) <= 1e-6, "gvf %.9f", c.gvf);
    ck_assert_msg(fabs(c.tai - 0.311281) <= 1e-6, "tai %.9f", c.tai);
    ck_assert_msg(fabs(c.gadf - 0.217102) <= 1e-6, "gadf %.9f", c.gadf);
    assert_rel(c.gadf, 0.21710231966462412, 1e-11);
    bs_classes_free(&c);

    /* gadf(cal) stops at Quantiles k=15 with 0.3740257590909283. */
    p.k = 15;
    classify_p(v, CALEMP_N, &p, &c);
    ck_assert_int_eq(c.k, 15);
    assert_rel(c.gadf, 0.3740257590909283, 1e-11);
    bs_classes_free(&c);
}
END_TEST

START_TEST(fit_statistics_by_hand)
{
    /* Classes {1, 2, 6} and {10, 11}: class medians 2 and 10.5, so ADCM =
     * 1+0+4 + 0.5+0.5 = 6; overall median 6: ADAM = 5+4+0+4+5 = 18, GADF =
     * 1 - 6/18. Mean 6: sum|x - mean| = 18; class means 3 and 10.5: sum =
     * 2+1+3 + 0.5+0.5 = 7, TAI = 1 - 7/18. SDAM = 25+16+0+16+25 = 82, SDCM =
     * 4+1+9 + 0.25+0.25 = 14.5, GVF = 1 - 14.5/82. */
    const double v[] = {11, 1, 6, 2, 10}, b[] = {6};
    bs_classes c;

    classify_ok(v, 5, BS_CLASS_MANUAL, 0, b, 1, &c);
    assert_rel(c.adcm, 6, 1e-15);
    assert_rel(c.gadf, 1 - 6.0 / 18, 1e-15);
    assert_rel(c.tai, 1 - 7.0 / 18, 1e-15);
    assert_rel(c.gvf, 1 - 14.5 / 82, 1e-15);
    bs_classes_free(&c);
}
END_TEST

START_TEST(fit_statistics_of_constant_data)
{
    const double v[] = {5, 5, 5};
    bs_classes c;

    classify_ok(v, 3, BS_CLASS_QUANTILE, 1, NULL, 0, &c);
    ck_assert(isnan(c.gvf) && isnan(c.tai));
    /* mapclassify's get_gadf: an invariant array has GADF 1. */
    ck_assert(c.gadf == 1 && c.adcm == 0);
    bs_classes_free(&c);
}
END_TEST

/* ---- pooled classes --------------------------------------------------- */

START_TEST(pooled_halves_of_calemp_share_the_calemp_bounds)
{
    double v[CALEMP_N + 1], *half[2];
    const double upper[] = {1.464, 5.798, 13.278, 54.616, 4111.45};
    const size_t count[] = {12, 11, 12, 11, 12};
    size_t n[2];
    bs_class_params p;
    bs_classes out[2], g;
    int j;

    calemp(v);
    /* A NaN in the second half: counted missing there, not in the first. */
    v[CALEMP_N] = NAN;
    half[0] = v;
    half[1] = v + 29;
    n[0] = 29;
    n[1] = 30;
    bs_class_params_init(&p, BS_CLASS_QUANTILE, 5);
    ck_assert_int_eq(bs_classify_pooled((const double *const *)half, n, 2, &p,
                                        out, &g, NULL), 0);
    assert_classes(&g, upper, count, 5);
    ck_assert_uint_eq(g.missing, 1);
    for (j = 0; j < 5; j++) {
        ck_assert(out[0].upper[j] == g.upper[j]);
        ck_assert(out[1].upper[j] == g.upper[j]);
        ck_assert_uint_eq(out[0].count[j] + out[1].count[j], count[j]);
    }
    ck_assert_int_eq(out[0].k, 5);
    ck_assert_int_eq(out[1].k, 5);
    ck_assert_uint_eq(out[0].missing, 0);
    ck_assert_uint_eq(out[1].missing, 1);
    /* Own minima: 0.13 is in the second half, the first starts at 0.14. */
    ck_assert(out[0].min == 0.14 && out[1].min == 0.13);
    /* The first half holds 329.92 and 4111.45 (its own fit statistics). */
    ck_assert(out[0].count[4] > 0 && !isnan(out[0].gvf));
    bs_classes_free(&out[0]);
    bs_classes_free(&out[1]);
    bs_classes_free(&g);
}
END_TEST

START_TEST(pooled_matches_mapclassify_pooled)
{
    /* mapclassify Pooled docstring and test_pooled: three columns
     * 20..39, 40..59, 60..79. */
    double col[3][20];
    const double *cols[3] = {col[0], col[1], col[2]};
    const size_t n[3] = {20, 20, 20};
    const double u5[] = {31.8, 43.6, 55.4, 67.2, 79};
    const size_t c5[3][5] = {{12, 8, 0, 0, 0}, {0, 4, 12, 4, 0},
                             {0, 0, 0, 8, 12}};
    const size_t c4a[] = {15, 5, 0, 0}, c4c[] = {0, 0, 5, 15};
    const double ub[] = {-9.5, 34.75, 49.5, 64.25, 108.5};
    bs_class_params p;
    bs_classes out[3], g;
    int i, j;

    for (i = 0; i < 3; i++)
        for (j = 0; j < 20; j++)
            col[i][j] = j + (i + 1) * 20;
    bs_class_params_init(&p, BS_CLASS_QUANTILE, 5);
    ck_assert_int_eq(bs_classify_pooled(cols, n, 3, &p, out, &g, NULL), 0);
    for (i = 0; i < 3; i++) {
        assert_classes(&out[i], u5, c5[i], 5);
        bs_classes_free(&out[i]);
    }
    for (j = 0; j < 5; j++)
        ck_assert_uint_eq(g.count[j], 12);
    bs_classes_free(&g);

    p.k = 4;
    ck_assert_int_eq(bs_classify_pooled(cols, n, 3, &p, out, NULL, NULL), 0);
    for (j = 0; j < 4; j++) {
        ck_assert_uint_eq(out[0].count[j], c4a[j]);
        ck_assert_uint_eq(out[2].count[j], c4c[j]);
    }
    for (i = 0; i < 3; i++)
        bs_classes_free(&out[i]);

    bs_class_params_init(&p, BS_CLASS_BOXPLOT, 0);
    ck_assert_int_eq(bs_classify_pooled(cols, n, 3, &p, out, NULL, NULL), 0);
    ck_assert_int_eq(out[0].k, 5);
    for (j = 0; j < 5; j++)
        assert_rel(out[0].upper[j], ub[j], 1e-12);
    for (i = 0; i < 3; i++)
        bs_classes_free(&out[i]);
}
END_TEST

START_TEST(pooled_errors_leave_nothing_allocated)
{
    const double a[] = {1, 2, 3, 4}, b[] = {NAN, NAN};
    const double *two[2] = {a, b};
    const size_t n[2] = {4, 2};
    bs_class_params p;
    bs_classes out[2], g;
    bs_error err = {{0}};

    bs_class_params_init(&p, BS_CLASS_QUANTILE, 2);
    ck_assert_int_eq(bs_classify_pooled(two, n, 2, &p, out, &g, &err), -1);
    ck_assert_msg(strstr(err.msg, "array 2 has no values (all 2 missing)") !=
                  NULL, "%s", err.msg);
    ck_assert(out[0].upper == NULL && out[1].upper == NULL && g.upper == NULL);
    p.k = 9;
    ck_assert_int_eq(bs_classify_pooled(two, n, 1, &p, out, &g, &err), -1);
    ck_assert_msg(strstr(err.msg, "k = 9 classes but only 4 distinct") != NULL,
                  "%s", err.msg);
    ck_assert(out[0].upper == NULL && g.upper == NULL);
    ck_assert_int_eq(bs_classify_pooled(two, n, 0, &p, out, &g, &err), -1);
    ck_assert_msg(strstr(err.msg, "no arrays") != NULL, "%s", err.msg);
}
END_TEST

/* ---- R classInt on the national wijken -------------------------------- */

/* income_low of all 3,340 wijken 2022 (3,144 present), read with shapelib
 * and the project's number parser. */
static size_t read_income_low(double *v, size_t max)
{
    DBFHandle h = DBFOpen(
        bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.dbf"), "rb");
    int f, i, nrec;
    size_t n = 0;

    ck_assert_msg(h != NULL, "cannot open NLD_dist_2022.dbf");
    f = DBFGetFieldIndex(h, "income_low");
    ck_assert_int_ge(f, 0);
    nrec = DBFGetRecordCount(h);
    ck_assert_int_eq(nrec, 3340);
    for (i = 0; i < nrec; i++) {
        double x;
        if (DBFIsAttributeNULL(h, i, f))
            continue;
        if (bs_parse_number(DBFReadStringAttribute(h, i, f), '.', &x) ==
            BS_NUM_OK) {
            ck_assert(n < max);
            v[n++] = x;
        }
    }
    DBFClose(h);
    return n;
}

/* Reference breaks from R 4.2.2 Patched (2022-11-10 r83330), classInt 0.4.9,
 * foreign 0.8.84 (Debian bookworm r-cran-classint), printed with
 * sprintf("%.17g"):
 *   d <- foreign::read.dbf("NLD_dist_2022.dbf", as.is = TRUE)
 *   x <- d$income_low; x <- x[!is.na(x)]          # 3144 values, 308 distinct
 *   for (s in c("fisher", "jenks", "quantile", "equal", "maximum"))
 *     print(classInt::classIntervals(x, n = 5, style = s)$brks)
 *   print(classInt::classIntervals(x, style = "box")$brks)
 *   tabulate(classInt::findCols(classInt::classIntervals(x, 5, "jenks")))
 * classInt returns k+1 breaks starting at the minimum (15.8). "jenks" breaks
 * are right-closed upper bounds (our convention); "fisher" puts each break
 * midway between a class maximum and the next class minimum. "box" starts
 * with the minimum; the mapclassify bounds are its breaks 2..7 here. */
START_TEST(classint_agrees_on_national_income_low)
{
    static double v[3340];
    static const double jenks[] = {33, 38.299999999999997, 43,
                                   50.600000000000001, 84.900000000000006};
    static const double fisher_mid[] = {33.049999999999997, 38.349999999999994,
                                        43.049999999999997, 50.700000000000003};
    static const size_t jenks_count[] = {282, 1038, 1247, 511, 66};
    static const double quantile[] = {35.600000000000001, 38.100000000000001,
                                      40.200000000000003, 42.700000000000003,
                                      84.900000000000006};
    static const double equal[] = {29.620000000000005, 43.440000000000005,
                                   57.260000000000005, 71.080000000000013,
                                   84.900000000000006};
    static const double maximum[] = {17.350000000000001, 63.25,
                                     71.050000000000011, 81.099999999999994,
                                     84.900000000000006};
    static const double box[] = {27.749999999999993, 36.299999999999997,
                                 39.200000000000003, 42, 50.550000000000004,
                                 84.900000000000006};
    static const struct {
        bs_class_method m;
        const double *upper;
        int k;
    } t[] = {
        {BS_CLASS_FISHER_JENKS, jenks, 5}, {BS_CLASS_QUANTILE, quantile, 5},
        {BS_CLASS_EQUAL, equal, 5},        {BS_CLASS_MAXBREAKS, maximum, 5},
        {BS_CLASS_BOXPLOT, box, 6},
    };
    size_t n = read_income_low(v, 3340), i, r;
    bs_class_params p;
    bs_classes c;
    int j;

    ck_assert_uint_eq(n, 3144);
    for (r = 0; r < sizeof t / sizeof t[0]; r++) {
        bs_class_params_init(&p, t[r].m, 5);
        classify_p(v, n, &p, &c);
        ck_assert_msg(c.k == t[r].k, "%s: k = %d",
                      bs_class_method_name(t[r].m), c.k);
        ck_assert(c.min == 15.8);
        for (j = 0; j < c.k; j++)
            ck_assert_msg(fabs(c.upper[j] - t[r].upper[j]) <= 1e-9,
                          "%s bound %d: %.17g, classInt %.17g",
                          bs_class_method_name(t[r].m), j, c.upper[j],
                          t[r].upper[j]);
        if (t[r].m == BS_CLASS_FISHER_JENKS) {
            for (j = 0; j < 5; j++)
                ck_assert_uint_eq(c.count[j], jenks_count[j]);
            /* classInt "fisher" (the Fortran code): the same partition. */
            for (j = 0; j < 4; j++) {
                double next = INFINITY;
                for (i = 0; i < n; i++)
                    if (v[i] > c.upper[j] && v[i] < next)
                        next = v[i];
                ck_assert_msg(fabs((c.upper[j] + next) / 2 - fisher_mid[j]) <=
                              1e-9, "fisher break %d: %.17g", j,
                              (c.upper[j] + next) / 2);
            }
        }
        bs_classes_free(&c);
    }
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

    tc = tcase_create("methods");
    tcase_add_test(tc, stdmean_matches_mapclassify_on_calemp);
    tcase_add_test(tc, stdmean_takes_multiples_and_anchor);
    tcase_add_test(tc, lower_bound_is_open_when_first_class_is_below_the_data);
    tcase_add_test(tc, boxplot_matches_mapclassify);
    tcase_add_test(tc, percentiles_match_mapclassify_on_calemp);
    tcase_add_test(tc, maxbreaks_match_mapclassify_on_calemp);
    tcase_add_test(tc, maxbreaks_ignore_ties_and_take_the_higher_of_equal_gaps);
    tcase_add_test(tc, headtail_matches_mapclassify);
    tcase_add_test(tc, headtail_top_bound_is_the_maximum_of_a_tied_head);
    tcase_add_test(tc, pretty_matches_mapclassify);
    tcase_add_test(tc, methods_without_k_allow_singleton_classes);
    tcase_add_test(tc, bad_parameters_are_errors);
    tcase_add_test(tc, new_method_names_parse);
    suite_add_tcase(s, tc);

    tc = tcase_create("fit");
    tcase_add_test(tc, fit_statistics_match_references_on_calemp);
    tcase_add_test(tc, fit_statistics_by_hand);
    tcase_add_test(tc, fit_statistics_of_constant_data);
    suite_add_tcase(s, tc);

    tc = tcase_create("pooled");
    tcase_add_test(tc, pooled_halves_of_calemp_share_the_calemp_bounds);
    tcase_add_test(tc, pooled_matches_mapclassify_pooled);
    tcase_add_test(tc, pooled_errors_leave_nothing_allocated);
    suite_add_tcase(s, tc);

    tc = tcase_create("classint");
    tcase_add_test(tc, classint_agrees_on_national_income_low);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(classify_suite(), 1);
}
