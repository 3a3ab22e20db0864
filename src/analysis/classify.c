/* classify.c: class breaks as in PySAL mapclassify (right-closed classes).
 *
 * All methods work on the sorted non-missing values. Fisher-Jenks runs the
 * exact dynamic program on the distinct values with their multiplicities, so
 * a class boundary never splits equal values (splitting ties is never
 * optimal, and it would contradict the right-closed assignment rule). */
#include <math.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/classify.h"

int bs_class_method_parse(const char *name, bs_class_method *out)
{
    static const struct {
        const char *name;
        bs_class_method m;
    } words[] = {
        {"quantile", BS_CLASS_QUANTILE},
        {"equal", BS_CLASS_EQUAL},
        {"fisher-jenks", BS_CLASS_FISHER_JENKS},
        {"fisherjenks", BS_CLASS_FISHER_JENKS},
        {"jenks", BS_CLASS_FISHER_JENKS},
        {"manual", BS_CLASS_MANUAL},
    };
    size_t i;

    if (!name)
        return -1;
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(name, words[i].name) == 0) {
            *out = words[i].m;
            return 0;
        }
    }
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- Fisher-Jenks ----------------------------------------------------- */

/* Distinct sorted values u[0..m) with weights w (multiplicities) and prefix
 * sums over values shifted by `shift` (the mean): without the shift the
 * sum-of-squares formula loses the small spreads of large values (1e9 + x)
 * to cancellation. */
typedef struct fj_data {
    size_t m;
    double *s1; /* s1[i] = sum of w*(u-shift) over u[0..i) */
    double *s2; /* s2[i] = sum of w*(u-shift)^2 */
    double *sw; /* sw[i] = sum of w */
} fj_data;

/* Sum of squared deviations about their mean of the values u[a..b]. */
static double fj_cost(const fj_data *d, size_t a, size_t b)
{
    double w = d->sw[b + 1] - d->sw[a];
    double s = d->s1[b + 1] - d->s1[a];
    double c = (d->s2[b + 1] - d->s2[a]) - s * s / w;
    return c > 0 ? c : 0;
}

/* One row of the DP: cur[i] = min over l of prev[l-1] + cost(l, i), for i in
 * [ilo, ihi], knowing the optimal l lies in [lo, hi]. The optimal start of
 * the last class is non-decreasing in i (the SSE cost is Monge), so the
 * divide and conquer needs O(m log m) cost evaluations per row. */
static void fj_row(const fj_data *d, const double *prev, double *cur,
                   size_t *arg, size_t c, size_t ilo, size_t ihi, size_t lo,
                   size_t hi)
{
    size_t mid = ilo + (ihi - ilo) / 2;
    size_t l, best_l = 0;
    size_t from = lo > c ? lo : c;
    size_t to = hi < mid ? hi : mid;
    double best = INFINITY;

    /* The smallest optimal l wins ties, as in the plain O(k n^2) DP. */
    for (l = from; l <= to; l++) {
        double v = prev[l - 1] + fj_cost(d, l, mid);
        if (v < best) {
            best = v;
            best_l = l;
        }
    }
    cur[mid] = best;
    arg[mid] = best_l;
    /* Halving the range bounds the recursion depth by log2(m). */
    if (mid > ilo)
        fj_row(d, prev, cur, arg, c, ilo, mid - 1, lo, best_l);
    if (mid < ihi)
        fj_row(d, prev, cur, arg, c, mid + 1, ihi, best_l, hi);
}

/* Optimal upper bounds of k classes over the distinct values u[0..m),
 * weights w; k <= m. Writes k bounds into upper. */
static int fisher_jenks(const double *u, const double *w, size_t m, int k,
                        double *upper)
{
    fj_data d = {m, NULL, NULL, NULL};
    double *prev = NULL, *cur = NULL, shift = 0, tw = 0;
    size_t *arg = NULL, i, c, end;
    size_t kk = (size_t)k;
    int rc = -1;

    d.s1 = malloc((m + 1) * sizeof *d.s1);
    d.s2 = malloc((m + 1) * sizeof *d.s2);
    d.sw = malloc((m + 1) * sizeof *d.sw);
    prev = malloc(m * sizeof *prev);
    cur = malloc(m * sizeof *cur);
    arg = malloc(kk * m * sizeof *arg);
    if (!d.s1 || !d.s2 || !d.sw || !prev || !cur || !arg)
        goto done;

    for (i = 0; i < m; i++) {
        shift += w[i] * u[i];
        tw += w[i];
    }
    shift /= tw;
    d.s1[0] = d.s2[0] = d.sw[0] = 0;
    for (i = 0; i < m; i++) {
        double x = u[i] - shift;
        d.s1[i + 1] = d.s1[i] + w[i] * x;
        d.s2[i + 1] = d.s2[i] + w[i] * x * x;
        d.sw[i + 1] = d.sw[i] + w[i];
    }

    /* Row c (0-based) holds the best split of u[0..i] into c+1 classes,
     * defined for i >= c; arg[c*m + i] is the first index of the last class. */
    for (i = 0; i < m; i++) {
        prev[i] = fj_cost(&d, 0, i);
        arg[i] = 0;
    }
    for (c = 1; c < kk; c++) {
        /* The last row only needs i = m-1. */
        size_t ilo = c == kk - 1 ? m - 1 : c;
        double *t;
        fj_row(&d, prev, cur, arg + c * m, c, ilo, m - 1, c, m - 1);
        t = prev;
        prev = cur;
        cur = t;
    }

    end = m - 1;
    for (c = kk; c-- > 0;) {
        upper[c] = u[end];
        if (c > 0)
            end = arg[c * m + end] - 1;
    }
    rc = 0;
done:
    free(d.s1);
    free(d.s2);
    free(d.sw);
    free(prev);
    free(cur);
    free(arg);
    return rc;
}

/* ---- the other methods ------------------------------------------------ */

/* Linear interpolation between order statistics (R type 7, numpy default):
 * h = (n-1) q. Computed as (n-1) j / k so that exact positions stay exact. */
static double quantile7(const double *s, size_t n, size_t j, size_t k)
{
    double h = (double)(n - 1) * (double)j / (double)k;
    size_t lo = (size_t)floor(h);
    double frac = h - (double)lo;

    if (lo + 1 >= n)
        return s[n - 1];
    return frac == 0 ? s[lo] : s[lo] + frac * (s[lo + 1] - s[lo]);
}

int bs_class_of(const bs_classes *c, double v)
{
    int lo = 0, hi = c->k - 1;

    if (isnan(v))
        return -1;
    /* First bound >= v; above the last bound stays in the top class. */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (v <= c->upper[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

void bs_classes_free(bs_classes *c)
{
    if (!c)
        return;
    free(c->upper);
    free(c->count);
    c->upper = NULL;
    c->count = NULL;
    c->k = 0;
}

/* Counts per class and the goodness of variance fit, using the same
 * assignment rule as bs_class_of so that legend counts and fit agree. */
static int fill_counts_gvf(bs_classes *c, const double *s, size_t n)
{
    double *sum = calloc((size_t)c->k, sizeof *sum);
    double mean = 0, sdam = 0, sdcm = 0;
    size_t i;
    int j;

    if (!sum)
        return -1;
    for (i = 0; i < n; i++) {
        j = bs_class_of(c, s[i]);
        c->count[j]++;
        sum[j] += s[i];
        mean += s[i];
    }
    mean /= (double)n;
    for (j = 0; j < c->k; j++)
        if (c->count[j])
            sum[j] /= (double)c->count[j];
    for (i = 0; i < n; i++) {
        double dm = s[i] - mean, dc = s[i] - sum[bs_class_of(c, s[i])];
        sdam += dm * dm;
        sdcm += dc * dc;
    }
    free(sum);
    /* No spread at all (one distinct value): the fit is undefined. */
    c->gvf = n < 2 || sdam == 0 ? NAN : 1 - sdcm / sdam;
    return 0;
}

static const char *method_name(bs_class_method m)
{
    switch (m) {
    case BS_CLASS_QUANTILE: return "quantile";
    case BS_CLASS_EQUAL: return "equal";
    case BS_CLASS_FISHER_JENKS: return "fisher-jenks";
    case BS_CLASS_MANUAL: return "manual";
    }
    return "?";
}

int bs_classify(const double *v, size_t n, bs_class_method m, int k,
                const double *breaks, size_t nbreaks, bs_classes *out,
                bs_error *err)
{
    double *s = NULL, *u = NULL, *w = NULL;
    size_t ns = 0, nu = 0, i;
    int j, rc = -1;

    memset(out, 0, sizeof *out);
    out->gvf = NAN;

    if (m != BS_CLASS_MANUAL && k < 1)
        return bs_error_set(err, "%s classification: k = %d classes, need at "
                            "least 1", method_name(m), k);
    if (m == BS_CLASS_MANUAL) {
        if (nbreaks == 0)
            return bs_error_set(err, "manual classification: no breaks");
        for (i = 0; i < nbreaks; i++) {
            if (!isfinite(breaks[i]))
                return bs_error_set(err, "manual classification: break %zu "
                                    "is not a finite number", i + 1);
            if (i > 0 && !(breaks[i] > breaks[i - 1]))
                return bs_error_set(err, "manual classification: breaks not "
                                    "strictly increasing (%g after %g)",
                                    breaks[i], breaks[i - 1]);
        }
        if (nbreaks > (size_t)INT_MAX - 1)
            return bs_error_set(err, "manual classification: too many breaks");
    }

    s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return bs_error_set(err, "classification: out of memory");
    for (i = 0; i < n; i++) {
        if (isnan(v[i]))
            out->missing++;
        else
            s[ns++] = v[i];
    }
    if (ns == 0) {
        bs_error_set(err, "%s classification: no values (all %zu missing)",
                     method_name(m), n);
        goto fail;
    }
    qsort(s, ns, sizeof *s, cmp_double);

    /* Distinct values with multiplicities (the Fisher-Jenks input). */
    u = malloc(ns * sizeof *u);
    w = malloc(ns * sizeof *w);
    if (!u || !w) {
        bs_error_set(err, "classification: out of memory");
        goto fail;
    }
    for (i = 0; i < ns; i++) {
        if (nu > 0 && s[i] == u[nu - 1]) {
            w[nu - 1] += 1;
        } else {
            u[nu] = s[i];
            w[nu++] = 1;
        }
    }
    if (m != BS_CLASS_MANUAL && (size_t)k > nu) {
        bs_error_set(err, "%s classification: k = %d classes but only %zu "
                     "distinct value%s", method_name(m), k, nu,
                     nu == 1 ? "" : "s");
        goto fail;
    }

    out->min = s[0];
    if (m == BS_CLASS_MANUAL)
        k = (int)nbreaks + (s[ns - 1] > breaks[nbreaks - 1]);
    out->k = k;
    out->upper = malloc((size_t)k * sizeof *out->upper);
    out->count = calloc((size_t)k, sizeof *out->count);
    if (!out->upper || !out->count) {
        bs_error_set(err, "classification: out of memory");
        goto fail;
    }

    switch (m) {
    case BS_CLASS_QUANTILE:
        for (j = 0; j < k; j++)
            out->upper[j] = quantile7(s, ns, (size_t)j + 1, (size_t)k);
        /* Ties can make quantiles coincide; mapclassify keeps the unique
         * bounds (np.unique), so fewer classes result rather than empty
         * duplicates. */
        {
            int kept = 1;
            for (j = 1; j < k; j++)
                if (out->upper[j] > out->upper[kept - 1])
                    out->upper[kept++] = out->upper[j];
            out->k = kept;
        }
        break;
    case BS_CLASS_EQUAL:
        for (j = 0; j < k - 1; j++)
            out->upper[j] = s[0] + (double)(j + 1) * (s[ns - 1] - s[0]) /
                                       (double)k;
        out->upper[k - 1] = s[ns - 1];
        break;
    case BS_CLASS_FISHER_JENKS:
        if (fisher_jenks(u, w, nu, k, out->upper) != 0) {
            bs_error_set(err, "classification: out of memory");
            goto fail;
        }
        break;
    case BS_CLASS_MANUAL:
        memcpy(out->upper, breaks, nbreaks * sizeof *breaks);
        if (k > (int)nbreaks)
            out->upper[k - 1] = s[ns - 1];
        break;
    }

    if (fill_counts_gvf(out, s, ns) != 0) {
        bs_error_set(err, "classification: out of memory");
        goto fail;
    }
    rc = 0;
    goto done;
fail:
    bs_classes_free(out);
done:
    free(s);
    free(u);
    free(w);
    return rc;
}
