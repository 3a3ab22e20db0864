/* test_autocorr.c: global Moran's I, local Moran and Getis-Ord against the
 * references (Columbus, the esda 3 x 3 lattice, the Getis-Ord six points in
 * references.md), with the moments also derived here from the textbook
 * formulas on a dense matrix read from columbus.gal by this test; the
 * permutation tests against exact permutation distributions of small
 * examples, and the same results for any number of threads; missing
 * values, islands, FDR and errors. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/autocorr.h"
#include "buurtscan/contiguity.h"
#include "buurtscan/gal.h"
#include "buurtscan/shapefile.h"
#include "testutil.h"

#define N 49

/* ---- Columbus ---- */

static bs_areas *columbus_areas(void)
{
    bs_areas *a;
    bs_error err;

    if (bs_shapefile_read(bs_test_shared("data/reference/columbus/"
                                         "columbus.shp"),
                          "EPSG:28992", &a, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    ck_assert_uint_eq(a->n, N);
    return a;
}

static void column(const bs_areas *a, const char *name, double *out)
{
    long c = bs_table_find(a->attrs, name);
    bs_error err;

    ck_assert_int_ge(c, 0);
    if (bs_table_column_numeric(a->attrs, (size_t)c, out, &err) != 0)
        ck_abort_msg("%s", err.msg);
}

/* columbus.gal read by the product, row-standardised. */
static bs_weights *columbus_queen(const bs_areas *a)
{
    long c = bs_table_find(a->attrs, "POLYID");
    bs_weights *w;
    bs_error err;

    if (bs_weights_read(bs_test_shared("data/reference/columbus/columbus.gal"),
                        (const char *const *)a->attrs->cells[c], a->n, &w,
                        NULL, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    return w;
}

/* columbus.gal read here, independently, as a dense row-standardised
 * matrix (ids are the record numbers 1..49 there). */
static void dense_columbus(double W[N][N])
{
    FILE *f = fopen(bs_test_shared("data/reference/columbus/columbus.gal"),
                    "r");
    int n, r, id, k, j, nb;

    ck_assert_ptr_nonnull(f);
    memset(W, 0, sizeof(double) * N * N);
    ck_assert_int_eq(fscanf(f, "%d", &n), 1);
    ck_assert_int_eq(n, N);
    for (r = 0; r < N; r++) {
        ck_assert_int_eq(fscanf(f, "%d %d", &id, &k), 2);
        for (j = 0; j < k; j++) {
            ck_assert_int_eq(fscanf(f, "%d", &nb), 1);
            W[id - 1][nb - 1] = 1.0 / k;
        }
    }
    fclose(f);
}

/* The moments of Moran's I from the textbook formulas (Cliff and Ord
 * 1981) on a dense n x n matrix. */
typedef struct moments {
    double i, s0, s1, s2, b2, var_norm, var_rand;
} moments;

static moments dense_moments(const double *W, const double *y, int n)
{
    double mean = 0, m2 = 0, m4 = 0, cross = 0, ei = -1.0 / (n - 1);
    double s02, nn = n;
    moments m = {0};
    int i, j;

    for (i = 0; i < n; i++)
        mean += y[i] / n;
    for (i = 0; i < n; i++) {
        double rs = 0, cs = 0;

        m2 += (y[i] - mean) * (y[i] - mean);
        m4 += pow(y[i] - mean, 4);
        for (j = 0; j < n; j++) {
            double a = W[i * n + j], b = W[j * n + i];

            m.s0 += a;
            m.s1 += 0.5 * (a + b) * (a + b);
            rs += a;
            cs += b;
            cross += a * (y[i] - mean) * (y[j] - mean);
        }
        m.s2 += (rs + cs) * (rs + cs);
    }
    s02 = m.s0 * m.s0;
    m.i = nn / m.s0 * cross / m2;
    m.b2 = nn * m4 / (m2 * m2);
    m.var_norm = (nn * nn * m.s1 - nn * m.s2 + 3 * s02)
                 / ((nn * nn - 1) * s02) - ei * ei;
    m.var_rand = (nn * ((nn * nn - 3 * nn + 3) * m.s1 - nn * m.s2 + 3 * s02)
                  - m.b2 * ((nn * nn - nn) * m.s1 - 2 * nn * m.s2 + 6 * s02))
                 / ((nn - 1) * (nn - 2) * (nn - 3) * s02) - ei * ei;
    return m;
}

static const bs_perm_options NO_PERM = {0, 0, 1};

static bs_moran moran(const bs_weights *w, const double *y,
                      const bs_perm_options *perm)
{
    bs_moran m;
    bs_error err;

    if (bs_moran_global(w, y, perm, &m, &err) != 0)
        ck_abort_msg("%s", err.msg);
    return m;
}

START_TEST(columbus_crime_queen_matches_the_references_and_the_formulas)
{
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    static double W[N][N];
    double y[N];
    moments d;
    bs_moran m;

    column(a, "CRIME", y);
    dense_columbus(W);
    d = dense_moments(&W[0][0], y, N);
    m = moran(w, y, &NO_PERM);
    /* the references (esda) */
    ck_assert_double_eq_tol(m.i, 0.500188557, 1e-9);
    ck_assert_double_eq_tol(m.expected, -1.0 / 48, 1e-15);
    ck_assert_double_eq_tol(m.var_norm, 0.008563413, 5e-10);
    ck_assert_double_eq_tol(m.var_rand, 0.008689289, 5e-10);
    ck_assert_double_eq_tol(m.z_norm, 5.630312788, 5e-9);
    ck_assert_double_eq_tol(m.z_rand, 5.589382675, 5e-9);
    ck_assert_double_eq_tol(m.p_norm, erfc(5.630312788 / sqrt(2)), 1e-12);
    /* the textbook formulas on the dense matrix */
    ck_assert_double_eq_tol(d.i, 0.500188557, 1e-9);
    ck_assert_double_eq_tol(d.var_norm, 0.008563413, 5e-10);
    ck_assert_double_eq_tol(d.var_rand, 0.008689289, 5e-10);
    ck_assert_double_eq_tol(m.s0, d.s0, 1e-12);
    ck_assert_double_eq_tol(m.s1, d.s1, 1e-12);
    ck_assert_double_eq_tol(m.s2, d.s2, 1e-10);
    ck_assert_double_eq_tol(m.kurtosis, d.b2, 1e-12);
    ck_assert_double_eq_tol(m.var_norm, d.var_norm, 1e-15);
    ck_assert_double_eq_tol(m.var_rand, d.var_rand, 1e-15);
    ck_assert_uint_eq(m.n, N);
    ck_assert_uint_eq(m.nmissing, 0);
    ck_assert_uint_eq(m.nislands, 0);
    ck_assert(isnan(m.p_sim));
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(columbus_rook_inc_and_hoval_match_the_references)
{
    bs_areas *a = columbus_areas();
    bs_weights *q = columbus_queen(a), *r;
    double crime[N], inc[N], hoval[N];
    bs_error err;
    bs_moran m;

    column(a, "CRIME", crime);
    column(a, "INC", inc);
    column(a, "HOVAL", hoval);
    ck_assert_int_eq(bs_weights_contiguity(a, BS_CONTIGUITY_ROOK, 0, &r, &err),
                     0);
    bs_weights_set_style(r, BS_WEIGHTS_ROW);
    m = moran(r, crime, &NO_PERM);
    ck_assert_double_eq_tol(m.i, 0.523670213, 1e-9);
    ck_assert_double_eq_tol(m.var_norm, 0.0098089, 5e-8);
    ck_assert_double_eq_tol(m.var_rand, 0.009952987, 5e-10);
    ck_assert_double_eq_tol(m.z_norm, 5.497820515, 5e-6);
    ck_assert_double_eq_tol(m.z_rand, 5.457880046, 5e-9);
    m = moran(q, inc, &NO_PERM);
    ck_assert_double_eq_tol(m.i, 0.415628778, 1e-9);
    ck_assert_double_eq_tol(m.var_rand, 0.008391926, 5e-10);
    ck_assert_double_eq_tol(m.z_norm, 4.716535434, 5e-9);
    ck_assert_double_eq_tol(m.z_rand, 4.764482491, 5e-9);
    m = moran(q, hoval, &NO_PERM);
    ck_assert_double_eq_tol(m.i, 0.180093114, 1e-9);
    ck_assert_double_eq_tol(m.var_rand, 0.008287783, 5e-10);
    ck_assert_double_eq_tol(m.z_norm, 2.171269131, 5e-9);
    ck_assert_double_eq_tol(m.z_rand, 2.207079278, 5e-9);
    bs_weights_free(q);
    bs_weights_free(r);
    bs_areas_free(a);
}
END_TEST

START_TEST(national_income_low_matches_an_independent_computation)
{
    /* queen on the 3,340 wijken, the 196 without income_low left out and
     * the rows re-standardised: I computed in Python from GDAL's WKT */
    bs_areas *a;
    bs_weights *w;
    bs_error err;
    double *y;
    bs_moran m;

    if (bs_shapefile_read(bs_test_shared("data/nl-wijken-2022/"
                                         "NLD_dist_2022.shp"),
                          NULL, &a, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    y = malloc(a->n * sizeof *y);
    column(a, "income_low", y);
    ck_assert_int_eq(bs_weights_contiguity(a, BS_CONTIGUITY_QUEEN, 0, &w,
                                           &err), 0);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    m = moran(w, y, &NO_PERM);
    ck_assert_uint_eq(m.n, 3144);
    ck_assert_uint_eq(m.nmissing, 196);
    ck_assert_double_eq_tol(m.i, 0.2711127129941847, 1e-12);
    free(y);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

/* ---- the esda 3 x 3 lattice ---- */

/* lat2W(3, 3): binary rook on a 3 x 3 grid, area r * 3 + c. */
static bs_weights *lattice_weights(int rows, int cols)
{
    size_t first[64], nb[256], l = 0;
    int r, c, i = 0;
    bs_weights *w;
    bs_error err;

    first[0] = 0;
    for (r = 0; r < rows; r++)
        for (c = 0; c < cols; c++) {
            if (r > 0)
                nb[l++] = (size_t)((r - 1) * cols + c);
            if (c > 0)
                nb[l++] = (size_t)(r * cols + c - 1);
            if (c + 1 < cols)
                nb[l++] = (size_t)(r * cols + c + 1);
            if (r + 1 < rows)
                nb[l++] = (size_t)((r + 1) * cols + c);
            first[++i] = l;
        }
    if (bs_weights_from_lists((size_t)(rows * cols), first, nb, NULL, &w,
                              &err) != 0)
        ck_abort_msg("%s", err.msg);
    return w;
}

START_TEST(lattice_3x3_binary_rook_variances_are_esdas)
{
    bs_weights *w = lattice_weights(3, 3);
    double y[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, W[81] = {0};
    size_t i, k;
    moments d;
    bs_moran m;

    for (i = 0; i < 9; i++)
        for (k = w->first[i]; k < w->first[i + 1]; k++)
            W[i * 9 + w->nb[k]] = 1;
    d = dense_moments(W, y, 9);
    m = moran(w, y, &NO_PERM);
    ck_assert_double_eq_tol(m.var_rand, 0.0596875, 1e-12);
    ck_assert_double_eq_tol(m.var_norm, 0.053125, 1e-12);
    ck_assert_double_eq_tol(d.var_rand, 0.0596875, 1e-12);
    ck_assert_double_eq_tol(d.var_norm, 0.053125, 1e-12);
    ck_assert_double_eq_tol(m.i, d.i, 1e-14);
    ck_assert(m.s0 == 24 && m.s1 == 48 && m.s2 == d.s2);
    bs_weights_free(w);
}
END_TEST

/* ---- permutations ---- */

START_TEST(columbus_permutation_test_is_reproducible_for_any_thread_count)
{
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    bs_perm_options p = {BS_PERMUTATIONS_DEFAULT, 12345, 1};
    bs_moran m1, m2, m3, m4;
    double y[N];

    column(a, "CRIME", y);
    m1 = moran(w, y, &p);
    p.threads = 2;
    m2 = moran(w, y, &p);
    p.threads = 3;
    m3 = moran(w, y, &p);
    /* I = 0.50 is 5.6 sd out: none of 999 permutations reaches it */
    ck_assert_double_eq_tol(m1.p_sim, 0.001, 1e-15);
    ck_assert_uint_eq(m1.permutations, 999);
    ck_assert(m1.mean_sim == m2.mean_sim && m1.sd_sim == m2.sd_sim);
    ck_assert(m1.mean_sim == m3.mean_sim && m1.z_sim == m3.z_sim);
    /* the permutation distribution has the randomisation moments */
    ck_assert_double_eq_tol(m1.mean_sim, m1.expected,
                            4 * sqrt(m1.var_rand / 999));
    ck_assert_double_eq_tol(m1.sd_sim, sqrt(m1.var_rand),
                            0.1 * sqrt(m1.var_rand));
    p.seed = 54321;
    m4 = moran(w, y, &p);
    ck_assert(m4.mean_sim != m1.mean_sim);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

/* Next permutation of idx[0..n) in lexicographic order; 0 after the last. */
static int next_perm(int *idx, int n)
{
    int i = n - 2, j, t;

    while (i >= 0 && idx[i] >= idx[i + 1])
        i--;
    if (i < 0)
        return 0;
    for (j = n - 1; idx[j] <= idx[i]; j--)
        ;
    t = idx[i], idx[i] = idx[j], idx[j] = t;
    for (i++, j = n - 1; i < j; i++, j--)
        t = idx[i], idx[i] = idx[j], idx[j] = t;
    return 1;
}

/* A small irregular graph of 7 areas, row-standardised. */
static bs_weights *small_graph(void)
{
    size_t first[] = {0, 2, 5, 7, 10, 12, 15, 16};
    size_t nb[] = {1, 3, 0, 2, 4, 1, 5, 0, 4, 6, 1, 3, 2, 4, 6, 3};
    bs_weights *w;
    bs_error err;

    /* 5 -> 2, 4, 6 and 6 -> 3 only, so the graph is not symmetric */
    if (bs_weights_from_lists(7, first, nb, NULL, &w, &err) != 0)
        ck_abort_msg("%s", err.msg);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    return w;
}

static const double SMALL_Y[7] = {3.1, 7.4, 1.2, 5.5, 9.8, 2.6, 6.3};

START_TEST(global_pseudo_p_approaches_the_exact_permutation_distribution)
{
    bs_weights *w = small_graph();
    bs_perm_options p = {20000, 7, 2};
    int idx[7] = {0, 1, 2, 3, 4, 5, 6}, total = 0, ge = 0, i;
    double y[7];
    bs_moran m = moran(w, SMALL_Y, &p), e;

    do {
        for (i = 0; i < 7; i++)
            y[i] = SMALL_Y[idx[i]];
        e = moran(w, y, &NO_PERM);
        ge += e.i >= m.i - 1e-12;
        total++;
    } while (next_perm(idx, 7));
    ck_assert_int_eq(total, 5040);
    {
        double pge = (double)ge / total;
        double want = pge < 1 - pge ? pge : 1 - pge;

        ck_assert_double_eq_tol(m.p_sim, want, 0.015);
    }
    bs_weights_free(w);
}
END_TEST

/* ---- local Moran ---- */

static bs_lisa lisa(const bs_weights *w, const double *y, size_t perms,
                    unsigned threads, int fdr)
{
    bs_lisa_options o = {{perms, 2024, threads}, 0.05, fdr};
    bs_lisa l;
    bs_error err;

    if (bs_moran_local(w, y, &o, &l, &err) != 0)
        ck_abort_msg("%s", err.msg);
    return l;
}

START_TEST(columbus_local_moran_matches_the_references)
{
    static const double first5[] = {0.736818, 0.528777, 0.093851, 0.004821,
                                     0.303606};
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    double y[N], sum = 0, zsum = 0, zz = 0;
    bs_moran m;
    bs_lisa l;
    size_t i, counts[BS_LISA_NCLASSES] = {0};

    column(a, "CRIME", y);
    m = moran(w, y, &NO_PERM);
    l = lisa(w, y, 999, 1, 0);
    for (i = 0; i < 5; i++)
        ck_assert_double_eq_tol(l.local_i[i], first5[i], 5e-7);
    for (i = 0; i < N; i++) {
        unsigned char q;

        sum += l.local_i[i];
        zsum += l.z[i];
        zz += l.z[i] * l.z[i];
        /* recomputed here from z, the lag and p */
        q = l.z[i] > 0 ? (l.zlag[i] > 0 ? BS_LISA_HH : BS_LISA_HL)
                       : (l.zlag[i] > 0 ? BS_LISA_LH : BS_LISA_LL);
        ck_assert_int_eq(l.quadrant[i], q);
        ck_assert_int_eq(l.cluster[i], l.p[i] < 0.05 ? q
                                                     : BS_LISA_NOT_SIGNIFICANT);
        ck_assert(l.p[i] >= 0.001 && l.p[i] <= 0.501);
        ck_assert_double_eq_tol(l.local_i[i], l.z[i] * l.zlag[i], 1e-15);
        counts[l.cluster[i]]++;
    }
    /* sum of I_i = n I for row-standardised weights */
    ck_assert_double_eq_tol(sum, N * m.i, 1e-9);
    ck_assert_double_eq_tol(l.moran_i, m.i, 1e-12);
    ck_assert_double_eq_tol(zsum, 0, 1e-12);
    ck_assert_double_eq_tol(zz, N, 1e-10);
    ck_assert(memcmp(counts, l.count, sizeof counts) == 0);
    /* Columbus crime clusters: high crime in the centre, low in the
     * suburbs; both kinds are there */
    ck_assert_uint_gt(l.count[BS_LISA_HH], 0);
    ck_assert_uint_gt(l.count[BS_LISA_LL], 0);
    ck_assert(l.threshold == 0.05);
    ck_assert_uint_eq(l.nused, N);
    bs_lisa_free(&l);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(local_permutations_are_the_same_for_any_thread_count)
{
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    double y[N];
    bs_lisa l1, l2, l3;

    column(a, "HOVAL", y);
    l1 = lisa(w, y, 999, 1, 0);
    l2 = lisa(w, y, 999, 2, 0);
    l3 = lisa(w, y, 999, 3, 0);
    ck_assert(memcmp(l1.p, l2.p, N * sizeof *l1.p) == 0);
    ck_assert(memcmp(l1.p, l3.p, N * sizeof *l1.p) == 0);
    ck_assert(memcmp(l1.cluster, l3.cluster, N) == 0);
    bs_lisa_free(&l1);
    bs_lisa_free(&l2);
    bs_lisa_free(&l3);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

/* The exact conditional-permutation p of area i: every ordered choice of
 * k_i distinct other areas for its neighbours, equally likely. */
static double exact_local_p(const bs_weights *w, const double *z, size_t i)
{
    size_t k = w->first[i + 1] - w->first[i], n = w->n, c[8], d, e;
    double obs = 0;
    long ge = 0, total = 0;

    for (d = 0; d < k; d++)
        obs += w->w[w->first[i] + d] * z[w->nb[w->first[i] + d]];
    obs *= z[i];
    /* odometer over k-tuples of areas; keep those distinct and not i */
    memset(c, 0, sizeof c);
    for (;;) {
        int ok = 1;
        double s = 0;

        for (d = 0; d < k && ok; d++) {
            ok = c[d] != i;
            for (e = 0; e < d && ok; e++)
                ok = c[e] != c[d];
        }
        if (ok) {
            for (d = 0; d < k; d++)
                s += w->w[w->first[i] + d] * z[c[d]];
            ge += z[i] * s >= obs - 1e-12;
            total++;
        }
        for (d = 0; d < k && ++c[d] == n; d++)
            c[d] = 0;
        if (d == k)
            break;
    }
    {
        double p = (double)ge / (double)total;

        return p < 1 - p ? p : 1 - p;
    }
}

START_TEST(local_pseudo_p_approaches_the_exact_conditional_distribution)
{
    bs_weights *w = small_graph();
    bs_lisa l = lisa(w, SMALL_Y, 20000, 2, 0);
    size_t i;

    for (i = 0; i < 7; i++)
        ck_assert_msg(fabs(l.p[i] - exact_local_p(w, l.z, i)) < 0.015,
                      "area %zu: p %g, exact %g", i, l.p[i],
                      exact_local_p(w, l.z, i));
    bs_lisa_free(&l);
    bs_weights_free(w);
}
END_TEST

/* log C(n, k) */
static double lchoose(int n, int k)
{
    return lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0);
}

/* A hub (area 0) with k neighbours 1..k, of which the first `ones` have
 * value 1 and the rest 0; the other areas (k+1 .. n-1) form a chain, every
 * third of them 1. With equal weights and 0/1 values the hub's simulated
 * lag counts the ones drawn: hypergeometric, many of them exact ties. */
static void hub_test(int n, int k, int ones, unsigned threads)
{
    size_t *first = calloc((size_t)n + 1, sizeof *first);
    size_t *nb = malloc(4 * (size_t)n * sizeof *nb), l = 0;
    double *y = malloc((size_t)n * sizeof *y), pge = 0, want;
    int i, K = 0, x;
    bs_weights *w;
    bs_error err;
    bs_lisa lo, hi;

    for (i = 0; i < n; i++) {
        if (i == 0) {
            for (x = 1; x <= k; x++)
                nb[l++] = (size_t)x;
        } else if (i <= k) {
            nb[l++] = 0;
        } else {
            if (i > k + 1)
                nb[l++] = (size_t)i - 1;
            if (i + 1 < n)
                nb[l++] = (size_t)i + 1;
        }
        first[i + 1] = l;
        y[i] = i == 0 ? 1 : i <= k ? (i <= ones) : (i % 3 == 0);
        K += i > 0 && y[i] == 1;
    }
    ck_assert_int_eq(bs_weights_from_lists((size_t)n, first, nb, NULL, &w,
                                           &err), 0);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    lo = lisa(w, y, 20000, 1, 0);
    hi = lisa(w, y, 20000, threads, 0);
    ck_assert(memcmp(lo.p, hi.p, (size_t)n * sizeof *lo.p) == 0);
    ck_assert(lo.z[0] > 0);         /* so the sims grow with the ones drawn */
    for (x = ones; x <= k && x <= K; x++)
        if (k - x <= n - 1 - K)
            pge += exp(lchoose(K, x) + lchoose(n - 1 - K, k - x)
                       - lchoose(n - 1, k));
    want = pge < 1 - pge ? pge : 1 - pge;
    ck_assert_msg(fabs(lo.p[0] - want) < 0.01, "k %d: p %g, exact %g", k,
                  lo.p[0], want);
    bs_lisa_free(&lo);
    bs_lisa_free(&hi);
    bs_weights_free(w);
    free(first);
    free(nb);
    free(y);
}

START_TEST(few_and_many_neighbours_match_the_hypergeometric_distribution)
{
    hub_test(60, 10, 7, 2);      /* 10 neighbours: rejection sampling */
    hub_test(200, 60, 28, 3);    /* 60 > 48: a partial shuffle */
    hub_test(200, 60, 20, 2);    /* near the middle */
}
END_TEST

/* ---- missing values, islands ---- */

START_TEST(a_missing_value_drops_the_area_and_its_links)
{
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    static double W[N][N], D[(N - 1) * (N - 1)];
    double y[N], yd[N - 1];
    int i, j, r, c;
    moments d;
    bs_moran m;
    bs_lisa l;

    column(a, "CRIME", y);
    y[4] = NAN;
    /* the expected: area 5 out of the dense matrix, rows re-standardised */
    dense_columbus(W);
    for (i = 0, r = 0; i < N; i++) {
        double sum = 0;

        if (i == 4)
            continue;
        for (j = 0; j < N; j++)
            if (j != 4)
                sum += W[i][j] > 0;
        for (j = 0, c = 0; j < N; j++)
            if (j != 4)
                D[r * (N - 1) + c++] = W[i][j] > 0 ? 1.0 / sum : 0;
        yd[r++] = y[i];
    }
    d = dense_moments(D, yd, N - 1);
    m = moran(w, y, &NO_PERM);
    ck_assert_uint_eq(m.n, N - 1);
    ck_assert_uint_eq(m.nmissing, 1);
    ck_assert_double_eq_tol(m.i, d.i, 1e-12);
    ck_assert_double_eq_tol(m.var_rand, d.var_rand, 1e-14);
    l = lisa(w, y, 99, 1, 0);
    ck_assert_int_eq(l.cluster[4], BS_LISA_MISSING);
    ck_assert(isnan(l.z[4]) && isnan(l.local_i[4]) && isnan(l.p[4]));
    ck_assert_uint_eq(l.nmissing, 1);
    ck_assert_uint_eq(l.count[BS_LISA_MISSING], 1);
    ck_assert_double_eq_tol(l.moran_i, d.i, 1e-12);
    bs_lisa_free(&l);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(islands_count_in_the_global_statistic_and_are_flagged_locally)
{
    /* the 3 x 3 lattice and a tenth area without neighbours */
    size_t first[11], nb[24], i, k;
    double y[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 20}, W[100] = {0};
    bs_weights *l9 = lattice_weights(3, 3), *w;
    bs_error err;
    moments d;
    bs_moran m;
    bs_lisa l;

    memcpy(first, l9->first, 10 * sizeof *first);
    first[10] = first[9];
    memcpy(nb, l9->nb, 24 * sizeof *nb);
    ck_assert_int_eq(bs_weights_from_lists(10, first, nb, NULL, &w, &err), 0);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    for (i = 0; i < 9; i++)
        for (k = w->first[i]; k < w->first[i + 1]; k++)
            W[i * 10 + w->nb[k]] = w->w[k];
    d = dense_moments(W, y, 10);
    m = moran(w, y, &NO_PERM);
    ck_assert_uint_eq(m.n, 10);
    ck_assert_uint_eq(m.nislands, 1);
    ck_assert_double_eq_tol(m.i, d.i, 1e-14);
    ck_assert_double_eq_tol(m.s0, 9, 1e-14);
    l = lisa(w, y, 99, 1, 0);
    ck_assert_int_eq(l.cluster[9], BS_LISA_ISLAND);
    ck_assert_int_eq(l.quadrant[9], BS_LISA_ISLAND);
    ck_assert(!isnan(l.z[9]) && isnan(l.local_i[9]) && isnan(l.p[9]));
    ck_assert(isnan(l.lag[9]));
    ck_assert_uint_eq(l.nislands, 1);
    ck_assert_uint_eq(l.count[BS_LISA_ISLAND], 1);
    bs_lisa_free(&l);
    bs_weights_free(w);
    bs_weights_free(l9);
}
END_TEST

START_TEST(bad_input_is_refused_with_a_reason)
{
    bs_weights *w = lattice_weights(2, 2), *w3 = lattice_weights(3, 3);
    double y[4] = {1, 2, 3, 4}, same[4] = {5, 5, 5, 5};
    double three[4] = {1, NAN, 3, 4}, inf[4] = {1, 2, INFINITY, 4};
    bs_perm_options p = {99, 1, 0};
    bs_lisa_options o = {{99, 1, 1}, 0, 0};
    bs_moran m;
    bs_lisa l;
    bs_error err;

    ck_assert_int_eq(bs_moran_global(w, three, &NO_PERM, &m, &err), -1);
    ck_assert_str_eq(err.msg, "Moran's I needs at least 4 areas with a value, "
                     "there are 3");
    ck_assert_int_eq(bs_moran_global(w, same, &NO_PERM, &m, &err), -1);
    ck_assert_str_eq(err.msg, "Moran's I: all 4 values are equal");
    ck_assert_int_eq(bs_moran_global(w, inf, &NO_PERM, &m, &err), -1);
    ck_assert_str_eq(err.msg, "area 3: the value is infinite");
    ck_assert_int_eq(bs_moran_global(w, y, &p, &m, &err), -1);
    ck_assert_str_eq(err.msg, "threads must be at least 1");
    ck_assert_int_eq(bs_moran_local(w, y, &o, &l, &err), -1);
    ck_assert_str_eq(err.msg, "local Moran: alpha must lie between 0 and 1 "
                     "(it is 0)");
    bs_lisa_free(&l);
    /* all but one area missing: no links left among those with a value */
    {
        double y9[9] = {1, NAN, 3, NAN, 5, NAN, 7, NAN, 9};

        ck_assert_int_eq(bs_moran_global(w3, y9, &NO_PERM, &m, &err), -1);
        ck_assert_str_eq(err.msg, "Moran's I: no area with a value has a "
                         "neighbour with a value");
    }
    bs_weights_free(w);
    bs_weights_free(w3);
}
END_TEST

/* ---- Getis-Ord ---- */

static bs_weights *six_points(void)
{
    double x[] = {10, 20, 40, 15, 30, 30}, y[] = {10, 10, 10, 20, 20, 30};
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(bs_weights_distance(x, y, 6, 15, &w, &err), 0);
    return w;
}

static const double SIX_Y[6] = {2, 3, 3.2, 5, 8, 7};

START_TEST(getis_ord_six_points_match_the_references)
{
    bs_weights *w = six_points();
    bs_gi_options o = {0, 0.05, 0};
    bs_getis_ord g;
    bs_gi gi, gs, gr;
    bs_error err;
    size_t i;

    ck_assert_int_eq(bs_getis_ord_global(w, SIX_Y, &g, &err), 0);
    ck_assert_double_eq_tol(g.g, 0.55709779, 5e-9);
    ck_assert_double_eq_tol(g.p_norm / 2, 0.172936, 5e-7);
    ck_assert_double_eq_tol(g.expected, 14.0 / 30, 1e-15);
    ck_assert_int_eq(bs_getis_ord_local(w, SIX_Y, &o, &gi, &err), 0);
    ck_assert_double_eq_tol(gi.z[0], -1.0136729, 5e-8);
    o.star = 1;
    ck_assert_int_eq(bs_getis_ord_local(w, SIX_Y, &o, &gs, &err), 0);
    ck_assert_double_eq_tol(gs.z[0], -1.39727626, 5e-9);
    /* Gi*(0) = (y0 + y1 + y3) / sum y */
    ck_assert_double_eq_tol(gs.g[0], 10.0 / 28.2, 1e-15);
    /* row-standardised: the same z */
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    ck_assert_int_eq(bs_getis_ord_local(w, SIX_Y, &o, &gr, &err), 0);
    for (i = 0; i < 6; i++) {
        ck_assert_double_eq_tol(gr.z[i], gs.z[i], 1e-15);
        ck_assert_double_eq_tol(gs.p[i], erfc(fabs(gs.z[i]) / sqrt(2)),
                                1e-15);
        ck_assert_int_eq(gs.cls[i], gs.p[i] >= 0.05 ? BS_GI_NOT_SIGNIFICANT
                                    : gs.z[i] > 0 ? BS_GI_HOT : BS_GI_COLD);
    }
    bs_gi_free(&gi);
    bs_gi_free(&gs);
    bs_gi_free(&gr);
    bs_weights_free(w);
}
END_TEST

START_TEST(gi_star_finds_a_hot_spot_and_a_cold_spot)
{
    /* a 7 x 7 lattice (queen via rook + diagonals is not needed: rook)
     * with a block of high values in one corner and low in the other */
    bs_weights *w = lattice_weights(7, 7);
    bs_gi_options o = {1, 0.05, 0};
    double y[49];
    bs_gi g;
    bs_error err;
    int r, c;

    for (r = 0; r < 7; r++)
        for (c = 0; c < 7; c++)
            y[r * 7 + c] = (r < 2 && c < 2) ? 50 : (r > 4 && c > 4) ? 0
                           : 20 + (r * 7 + c) % 5;
    ck_assert_int_eq(bs_getis_ord_local(w, y, &o, &g, &err), 0);
    ck_assert_int_eq(g.cls[0], BS_GI_HOT);
    ck_assert_int_eq(g.cls[48], BS_GI_COLD);
    ck_assert_int_eq(g.cls[24], BS_GI_NOT_SIGNIFICANT);
    ck_assert_uint_eq(g.count[BS_GI_HOT] + g.count[BS_GI_COLD]
                      + g.count[BS_GI_NOT_SIGNIFICANT], 49);
    bs_gi_free(&g);
    y[3] = -1;
    ck_assert_int_eq(bs_getis_ord_global(w, y, &(bs_getis_ord){0}, &err), -1);
    ck_assert_str_eq(err.msg, "area 4: G needs values of 0 or more, it is -1");
    bs_weights_free(w);
}
END_TEST

/* ---- FDR ---- */

START_TEST(fdr_threshold_is_esdas_benjamini_hochberg)
{
    double p[] = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205,
                  0.212, 0.216, NAN};
    double none[] = {0.2, 0.5, 0.9};

    /* k = 2 is the largest with p_(k) < k 0.05 / 10 (the NaN not counted) */
    ck_assert_double_eq_tol(bs_fdr_threshold(p, 11, 0.05), 0.01, 1e-15);
    ck_assert_double_eq_tol(bs_fdr_threshold(none, 3, 0.05), 0.05 / 3, 1e-15);
}
END_TEST

START_TEST(lisa_with_fdr_uses_the_stricter_threshold)
{
    bs_areas *a = columbus_areas();
    bs_weights *w = columbus_queen(a);
    double y[N];
    bs_lisa l, f;
    size_t i;

    column(a, "CRIME", y);
    l = lisa(w, y, 999, 2, 0);
    f = lisa(w, y, 999, 2, 1);
    ck_assert_double_eq_tol(f.threshold, bs_fdr_threshold(l.p, N, 0.05),
                            1e-15);
    ck_assert(f.threshold <= 0.05);
    for (i = 0; i < N; i++) {
        ck_assert(l.p[i] == f.p[i]);
        ck_assert_int_eq(f.cluster[i], f.p[i] < f.threshold
                         ? f.quadrant[i] : BS_LISA_NOT_SIGNIFICANT);
    }
    ck_assert_uint_le(f.count[BS_LISA_HH], l.count[BS_LISA_HH]);
    ck_assert_str_eq(bs_lisa_class_name(BS_LISA_LH), "LH");
    ck_assert_str_eq(bs_lisa_class_name(BS_LISA_NOT_SIGNIFICANT),
                     "not significant");
    bs_lisa_free(&l);
    bs_lisa_free(&f);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

static Suite *autocorr_suite(void)
{
    Suite *s = suite_create("autocorr");
    TCase *glob = tcase_create("global");
    TCase *perm = tcase_create("permutations");
    TCase *loc = tcase_create("local");
    TCase *gi = tcase_create("getis-ord");

    tcase_add_test(glob,
        columbus_crime_queen_matches_the_references_and_the_formulas);
    tcase_add_test(glob, columbus_rook_inc_and_hoval_match_the_references);
    tcase_add_test(glob, lattice_3x3_binary_rook_variances_are_esdas);
    tcase_add_test(glob, a_missing_value_drops_the_area_and_its_links);
    tcase_add_test(glob,
        islands_count_in_the_global_statistic_and_are_flagged_locally);
    tcase_add_test(glob, bad_input_is_refused_with_a_reason);
    suite_add_tcase(s, glob);
    tcase_add_test(bs_test_national(s),
                   national_income_low_matches_an_independent_computation);
    tcase_add_test(perm,
        columbus_permutation_test_is_reproducible_for_any_thread_count);
    tcase_add_test(perm,
        global_pseudo_p_approaches_the_exact_permutation_distribution);
    tcase_add_test(perm, local_permutations_are_the_same_for_any_thread_count);
    tcase_add_test(perm,
        local_pseudo_p_approaches_the_exact_conditional_distribution);
    tcase_add_test(perm,
        few_and_many_neighbours_match_the_hypergeometric_distribution);
    suite_add_tcase(s, perm);
    tcase_add_test(loc, columbus_local_moran_matches_the_references);
    tcase_add_test(loc, fdr_threshold_is_esdas_benjamini_hochberg);
    tcase_add_test(loc, lisa_with_fdr_uses_the_stricter_threshold);
    suite_add_tcase(s, loc);
    tcase_add_test(gi, getis_ord_six_points_match_the_references);
    tcase_add_test(gi, gi_star_finds_a_hot_spot_and_a_cold_spot);
    suite_add_tcase(s, gi);
    return s;
}

int main(void)
{
    return bs_test_run_suite(autocorr_suite(), 1);
}
