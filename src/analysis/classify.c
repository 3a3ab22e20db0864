/* classify.c: class breaks as in PySAL mapclassify (right-closed classes).
 *
 * All methods work on the sorted non-missing values. Fisher-Jenks runs the
 * exact dynamic program on the distinct values with their multiplicities, so
 * a class boundary never splits equal values (splitting ties is never
 * optimal, and it would contradict the right-closed assignment rule). The
 * other methods follow mapclassify's classifiers.py; where its bounds stop
 * short of the maximum the maximum is appended, as its UserDefined does, so
 * that every value has a class with a bound at or above it. */
#include <math.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/classify.h"

/* mapclassify's defaults. */
static const double default_multiples[] = {-2, -1, 1, 2};
static const double default_pct[] = {1, 10, 50, 90, 99, 100};

void bs_class_params_init(bs_class_params *p, bs_class_method m, int k)
{
    memset(p, 0, sizeof *p);
    p->method = m;
    p->k = k;
    p->multiples = NULL;
    p->pct = NULL;
    p->breaks = NULL;
    p->hinge = 1.5;
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

/* ---- quantiles and means ---------------------------------------------- */

/* Linear interpolation between order statistics s[lo] and s[lo+1] at
 * position h (R type 7, numpy's default). */
static double interpolate(const double *s, size_t n, double h)
{
    size_t lo = (size_t)floor(h);
    double frac = h - (double)lo;

    if (lo + 1 >= n)
        return s[n - 1];
    return frac == 0 ? s[lo] : s[lo] + frac * (s[lo + 1] - s[lo]);
}

/* The j/k quantile: h = (n-1) j / k, so that exact positions stay exact. */
static double quantile7(const double *s, size_t n, size_t j, size_t k)
{
    return interpolate(s, n, (double)(n - 1) * (double)j / (double)k);
}

/* The p-th percentile, positioned as scipy's scoreatpercentile does
 * (p / 100 * (n-1)), which mapclassify's Percentiles uses. */
static double percentile7(const double *s, size_t n, double p)
{
    return interpolate(s, n, p / 100.0 * (double)(n - 1));
}

static double mean_of(const double *s, size_t a, size_t b)
{
    double sum = 0;
    size_t i;

    /* All equal (a head/tail head of ties): the mean is that value, not a
     * sum divided back that can be an ulp off and miss the maximum. */
    if (s[a] == s[b - 1])
        return s[a];
    for (i = a; i < b; i++)
        sum += s[i];
    return sum / (double)(b - a);
}

/* ---- bounds per method ------------------------------------------------ */

/* Sorted data: s[0..ns) with nu distinct values. */
typedef struct sorted_data {
    const double *s;
    size_t ns;
    size_t nu;
} sorted_data;

static int alloc_upper(bs_classes *out, size_t cap, bs_error *err)
{
    out->upper = malloc((cap ? cap : 1) * sizeof *out->upper);
    if (!out->upper)
        return bs_error_set(err, "classification: out of memory");
    return 0;
}

/* Appends the maximum when the bounds stop below it (UserDefined's rule);
 * upper has room for one more. */
static void append_max(bs_classes *out, const sorted_data *d)
{
    double max = d->s[d->ns - 1];

    if (out->k == 0 || out->upper[out->k - 1] < max)
        out->upper[out->k++] = max;
}

static int bounds_quantile(const sorted_data *d, int k, bs_classes *out,
                           bs_error *err)
{
    int j, kept = 1;

    if (alloc_upper(out, (size_t)k, err) != 0)
        return -1;
    for (j = 0; j < k; j++)
        out->upper[j] = quantile7(d->s, d->ns, (size_t)j + 1, (size_t)k);
    /* Ties can make quantiles coincide; mapclassify keeps the unique bounds
     * (np.unique), so fewer classes result rather than empty duplicates. */
    for (j = 1; j < k; j++)
        if (out->upper[j] > out->upper[kept - 1])
            out->upper[kept++] = out->upper[j];
    out->k = kept;
    return 0;
}

static int bounds_equal(const sorted_data *d, int k, bs_classes *out,
                        bs_error *err)
{
    double lo = d->s[0], hi = d->s[d->ns - 1];
    int j;

    if (alloc_upper(out, (size_t)k, err) != 0)
        return -1;
    for (j = 0; j < k - 1; j++)
        out->upper[j] = lo + (double)(j + 1) * (hi - lo) / (double)k;
    out->upper[k - 1] = hi;
    out->k = k;
    return 0;
}

static int bounds_fisher(const sorted_data *d, int k, bs_classes *out,
                         bs_error *err)
{
    double *u = malloc(d->nu * sizeof *u), *w = malloc(d->nu * sizeof *w);
    size_t i, m = 0;
    int rc = -1;

    if (!u || !w || alloc_upper(out, (size_t)k, err) != 0)
        goto done;
    /* Distinct values with multiplicities. */
    for (i = 0; i < d->ns; i++) {
        if (m > 0 && d->s[i] == u[m - 1]) {
            w[m - 1] += 1;
        } else {
            u[m] = d->s[i];
            w[m++] = 1;
        }
    }
    if (fisher_jenks(u, w, m, k, out->upper) != 0)
        goto done;
    out->k = k;
    rc = 0;
done:
    if (rc != 0)
        bs_error_set(err, "classification: out of memory");
    free(u);
    free(w);
    return rc;
}

static int bounds_manual(const sorted_data *d, const bs_class_params *p,
                         bs_classes *out, bs_error *err)
{
    if (alloc_upper(out, p->nbreaks + 1, err) != 0)
        return -1;
    memcpy(out->upper, p->breaks, p->nbreaks * sizeof *p->breaks);
    out->k = (int)p->nbreaks;
    append_max(out, d);
    return 0;
}

static int bounds_stdmean(const sorted_data *d, const bs_class_params *p,
                          bs_classes *out, bs_error *err)
{
    const double *mult = p->multiples ? p->multiples : default_multiples;
    size_t nmult = p->multiples ? p->nmult : 4, i;
    double mean = mean_of(d->s, 0, d->ns), ss = 0, sd;
    long zlo = 0, zhi = 0;

    for (i = 0; i < d->ns; i++)
        ss += (d->s[i] - mean) * (d->s[i] - mean);
    sd = d->ns > 1 ? sqrt(ss / (double)(d->ns - 1)) : 0;
    if (!(sd > 0) || !isfinite(sd))
        return bs_error_set(err, "std-mean classification: the standard "
                            "deviation is %g; need at least 2 distinct "
                            "values", sd);
    if (p->anchor) {
        /* Python's int() truncates towards zero: the first bound is above
         * the minimum. A sample z-score is below sqrt(n), so the count is
         * modest. */
        zlo = (long)((d->s[0] - mean) / sd);
        zhi = (long)((d->s[d->ns - 1] - mean) / sd) + 1;
        nmult = (size_t)(zhi - zlo);
    }
    if (alloc_upper(out, nmult + 1, err) != 0)
        return -1;
    for (i = 0; i < nmult; i++)
        out->upper[i] = mean + sd * (p->anchor ? (double)(zlo + (long)i)
                                                : mult[i]);
    out->k = (int)nmult;
    append_max(out, d);
    return 0;
}

static int bounds_boxplot(const sorted_data *d, double hinge,
                          bs_classes *out, bs_error *err)
{
    double q1 = quantile7(d->s, d->ns, 1, 4), q2 = quantile7(d->s, d->ns, 2, 4);
    double q3 = quantile7(d->s, d->ns, 3, 4), max = d->s[d->ns - 1];
    double pivot = hinge * (q3 - q1);

    if (alloc_upper(out, 6, err) != 0)
        return -1;
    out->upper[0] = q1 - pivot;
    out->upper[1] = q1;
    out->upper[2] = q2;
    out->upper[3] = q3;
    out->upper[4] = q3 + pivot;
    out->k = 5;
    /* An upper fence below the maximum leaves a class of high outliers. */
    if (out->upper[4] < max)
        out->upper[out->k++] = max;
    return 0;
}

static int bounds_percentiles(const sorted_data *d, const bs_class_params *p,
                              bs_classes *out, bs_error *err)
{
    const double *pct = p->pct ? p->pct : default_pct;
    size_t npct = p->pct ? p->npct : 6, i;

    if (alloc_upper(out, npct + 1, err) != 0)
        return -1;
    for (i = 0; i < npct; i++)
        out->upper[i] = percentile7(d->s, d->ns, pct[i]);
    out->k = (int)npct;
    append_max(out, d);
    return 0;
}

typedef struct gap {
    double width;
    size_t at; /* between distinct values at and at+1 */
} gap;

/* Widest first; of equal widths the higher gap first (a stable argsort taken
 * from the end, as mapclassify reads it). */
static int cmp_gap(const void *a, const void *b)
{
    const gap *x = a, *y = b;

    if (x->width != y->width)
        return x->width < y->width ? 1 : -1;
    return (x->at < y->at) - (x->at > y->at);
}

static int bounds_maxbreaks(const sorted_data *d, int k, bs_classes *out,
                            bs_error *err)
{
    double *u = malloc(d->nu * sizeof *u);
    gap *g = malloc((d->nu > 1 ? d->nu - 1 : 1) * sizeof *g);
    size_t i, m = 0, nk = (size_t)k - 1;
    int rc = -1;

    if (!u || !g || alloc_upper(out, (size_t)k, err) != 0) {
        bs_error_set(err, "classification: out of memory");
        goto done;
    }
    for (i = 0; i < d->ns; i++)
        if (m == 0 || d->s[i] != u[m - 1])
            u[m++] = d->s[i];
    /* Gaps between equal values are zero and never among the k-1 widest
     * (k <= m), so distinct values give mapclassify's breaks. */
    for (i = 0; i + 1 < m; i++) {
        g[i].width = u[i + 1] - u[i];
        g[i].at = i;
    }
    qsort(g, m - 1, sizeof *g, cmp_gap);
    for (i = 0; i < nk; i++)
        out->upper[i] = (u[g[i].at] + u[g[i].at + 1]) / 2.0;
    qsort(out->upper, nk, sizeof *out->upper, cmp_double);
    out->upper[nk] = u[m - 1];
    out->k = k;
    rc = 0;
done:
    free(u);
    free(g);
    return rc;
}

static int bounds_headtail(const sorted_data *d, bs_classes *out,
                           bs_error *err)
{
    size_t lo = 0;

    /* Each step drops at least the smallest value of the head, so there are
     * at most nu means, plus the appended maximum. */
    if (alloc_upper(out, d->nu + 1, err) != 0)
        return -1;
    out->k = 0;
    for (;;) {
        double mean = mean_of(d->s, lo, d->ns);
        /* The head mean can round to the previous mean (mapclassify #117). */
        if (out->k > 0 && out->upper[out->k - 1] == mean)
            break;
        out->upper[out->k++] = mean;
        if (d->s[lo] == d->s[d->ns - 1])
            break;
        while (lo < d->ns && !(d->s[lo] > mean))
            lo++;
        if (lo == d->ns)
            break;
    }
    append_max(out, d);
    return 0;
}

/* mapclassify's _pretty_number: 1, 2, 5 or 10 times a power of ten, the
 * nearest (rounded) or the next at or above x. */
static double pretty_number(double x, int rounded)
{
    double e = floor(log10(x));
    double f = x / pow(10.0, e), nf;

    if (rounded)
        nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * pow(10.0, e);
}

static int bounds_pretty(const sorted_data *d, int k, bs_classes *out,
                         bs_error *err)
{
    double lo = d->s[0], hi = d->s[d->ns - 1];
    double range = pretty_number(hi - lo, 0);
    double step = pretty_number(range / (double)(k - 1), 1);
    double first = floor(lo / step) * step, last = ceil(hi / step) * step;
    double len = ceil((last + 0.5 * step - first) / step), delta;
    size_t n, i;

    if (!isfinite(step) || !(step > 0) || !isfinite(len))
        return bs_error_set(err, "pretty classification: no usable step "
                            "for the range %g to %g", lo, hi);
    if (len > 1e6)
        return bs_error_set(err, "pretty classification: k = %d gives %.0f "
                            "classes, too many", k, len - 1);
    n = len < 2 ? 2 : (size_t)len;
    if (alloc_upper(out, n - 1, err) != 0)
        return -1;
    /* np.arange(first, last + step/2, step) without its first element;
     * numpy fills element i as first + i * ((first + step) - first). */
    delta = (first + step) - first;
    out->upper[0] = first + step;
    for (i = 2; i < n; i++)
        out->upper[i - 1] = first + (double)i * delta;
    out->k = (int)(n - 1);
    /* ceil(max/step)*step can round an ulp below the maximum. */
    if (out->upper[out->k - 1] < hi)
        out->upper[out->k - 1] = hi;
    return 0;
}

/* ---- assignment and fit ----------------------------------------------- */

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

double bs_class_lower(const bs_classes *c, int j)
{
    if (j > 0)
        return c->upper[j - 1];
    return c->min <= c->upper[0] ? c->min : -INFINITY;
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

static double median_of(const double *s, size_t a, size_t n)
{
    return n % 2 ? s[a + n / 2] : (s[a + n / 2 - 1] + s[a + n / 2]) / 2;
}

/* Counts per class and the fit statistics on the sorted values s[0..n),
 * with the assignment rule of bs_class_of so that legend counts and fit
 * agree. Classes are then runs of s, so class medians need no sorting. */
static int fill_counts_fit(bs_classes *c, const double *s, size_t n)
{
    double *cmean = calloc((size_t)c->k, sizeof *cmean);
    double *cmed = calloc((size_t)c->k, sizeof *cmed);
    double mean = 0, med, sdam = 0, sdcm = 0, adm = 0, adcmean = 0;
    double adam = 0, adcm = 0;
    size_t i, start = 0;
    int j;

    if (!cmean || !cmed) {
        free(cmean);
        free(cmed);
        return -1;
    }
    for (i = 0; i < n; i++) {
        j = bs_class_of(c, s[i]);
        c->count[j]++;
        cmean[j] += s[i];
        mean += s[i];
    }
    mean /= (double)n;
    med = median_of(s, 0, n);
    for (j = 0; j < c->k; j++) {
        if (c->count[j]) {
            cmean[j] /= (double)c->count[j];
            cmed[j] = median_of(s, start, c->count[j]);
        }
        start += c->count[j];
    }
    for (i = 0; i < n; i++) {
        double dm = s[i] - mean;
        j = bs_class_of(c, s[i]);
        sdam += dm * dm;
        sdcm += (s[i] - cmean[j]) * (s[i] - cmean[j]);
        adm += fabs(dm);
        adcmean += fabs(s[i] - cmean[j]);
        adam += fabs(s[i] - med);
        adcm += fabs(s[i] - cmed[j]);
    }
    free(cmean);
    free(cmed);
    /* No spread at all (one distinct value): the fit is undefined, except
     * that mapclassify calls an invariant array's GADF 1. */
    c->gvf = n < 2 || sdam == 0 ? NAN : 1 - sdcm / sdam;
    c->tai = adm == 0 ? NAN : 1 - adcmean / adm;
    c->adcm = adcm;
    c->gadf = adam == 0 ? 1 : 1 - adcm / adam;
    return 0;
}

/* ---- entry points ----------------------------------------------------- */

static int uses_k(bs_class_method m)
{
    return m == BS_CLASS_QUANTILE || m == BS_CLASS_EQUAL ||
           m == BS_CLASS_FISHER_JENKS || m == BS_CLASS_MAXBREAKS ||
           m == BS_CLASS_PRETTY;
}

/* Checks a list of numbers: finite, strictly increasing, within [lo, hi]. */
static int check_list(const char *method, const char *what, const double *x,
                      size_t n, double lo, double hi, bs_error *err)
{
    size_t i;

    if (n == 0)
        return bs_error_set(err, "%s classification: no %s", method, what);
    if (n > (size_t)INT_MAX - 1)
        return bs_error_set(err, "%s classification: too many %s", method,
                            what);
    for (i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return bs_error_set(err, "%s classification: %s %zu is not a "
                                "finite number", method, what, i + 1);
        if (x[i] < lo || x[i] > hi)
            return bs_error_set(err, "%s classification: %s %zu is %g, "
                                "outside [%g, %g]", method, what, i + 1, x[i],
                                lo, hi);
        if (i > 0 && !(x[i] > x[i - 1]))
            return bs_error_set(err, "%s classification: %s not strictly "
                                "increasing (%g after %g)", method, what, x[i],
                                x[i - 1]);
    }
    return 0;
}

static int check_params(const bs_class_params *p, bs_error *err)
{
    const char *name = bs_class_method_name(p->method);

    if ((unsigned)p->method > (unsigned)BS_CLASS_PRETTY)
        return bs_error_set(err, "classification: unknown method %d",
                            (int)p->method);
    if (p->method == BS_CLASS_PRETTY && p->k < 2)
        return bs_error_set(err, "pretty classification: k = %d classes, need "
                            "at least 2 (the step is range / (k - 1))", p->k);
    if (uses_k(p->method) && p->k < 1)
        return bs_error_set(err, "%s classification: k = %d classes, need at "
                            "least 1", name, p->k);
    switch (p->method) {
    case BS_CLASS_MANUAL:
        if (p->nbreaks == 0 || !p->breaks)
            return bs_error_set(err, "manual classification: no breaks");
        return check_list(name, "breaks", p->breaks, p->nbreaks, -INFINITY,
                          INFINITY, err);
    case BS_CLASS_STDMEAN:
        if (p->multiples && !p->anchor)
            return check_list(name, "multiples", p->multiples, p->nmult,
                              -INFINITY, INFINITY, err);
        return 0;
    case BS_CLASS_PERCENTILES:
        if (p->pct)
            return check_list(name, "percentiles", p->pct, p->npct, 0, 100,
                              err);
        return 0;
    case BS_CLASS_BOXPLOT:
        if (!isfinite(p->hinge) || p->hinge < 0)
            return bs_error_set(err, "boxplot classification: hinge %g, need "
                                "a finite number >= 0", p->hinge);
        return 0;
    default:
        return 0;
    }
}

/* Non-missing values of v[0..n) appended to s (sorted later by the caller). */
static void take_values(const double *v, size_t n, double *s, size_t *ns,
                        size_t *missing)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (isnan(v[i]))
            (*missing)++;
        else
            s[(*ns)++] = v[i];
    }
}

static void classes_reset(bs_classes *c)
{
    memset(c, 0, sizeof *c);
    c->min = NAN;
    c->gvf = c->tai = c->adcm = c->gadf = NAN;
}

/* Classifies sorted values s[0..ns), ns > 0; out->missing is set by the
 * caller. */
static int classify_sorted(const double *s, size_t ns,
                           const bs_class_params *p, bs_classes *out,
                           bs_error *err)
{
    const char *name = bs_class_method_name(p->method);
    sorted_data d = {s, ns, 0};
    size_t i;
    int j, rc = -1;

    for (i = 0; i < ns; i++)
        if (i == 0 || s[i] != s[i - 1])
            d.nu++;
    if (p->method != BS_CLASS_PRETTY && uses_k(p->method) &&
        (size_t)p->k > d.nu)
        return bs_error_set(err, "%s classification: k = %d classes but only "
                            "%zu distinct value%s; choose k <= %zu or manual "
                            "breaks", name, p->k, d.nu, d.nu == 1 ? "" : "s",
                            d.nu);
    if (p->method == BS_CLASS_PRETTY && d.nu < 2)
        return bs_error_set(err, "pretty classification: all %zu values are "
                            "%g; need at least 2 distinct values", ns, s[0]);

    switch (p->method) {
    case BS_CLASS_QUANTILE: rc = bounds_quantile(&d, p->k, out, err); break;
    case BS_CLASS_EQUAL: rc = bounds_equal(&d, p->k, out, err); break;
    case BS_CLASS_FISHER_JENKS: rc = bounds_fisher(&d, p->k, out, err); break;
    case BS_CLASS_MANUAL: rc = bounds_manual(&d, p, out, err); break;
    case BS_CLASS_STDMEAN: rc = bounds_stdmean(&d, p, out, err); break;
    case BS_CLASS_BOXPLOT: rc = bounds_boxplot(&d, p->hinge, out, err); break;
    case BS_CLASS_PERCENTILES: rc = bounds_percentiles(&d, p, out, err); break;
    case BS_CLASS_MAXBREAKS: rc = bounds_maxbreaks(&d, p->k, out, err); break;
    case BS_CLASS_HEADTAIL: rc = bounds_headtail(&d, out, err); break;
    case BS_CLASS_PRETTY: rc = bounds_pretty(&d, p->k, out, err); break;
    }
    if (rc != 0)
        return -1;
    /* Values near DBL_MAX can push a computed bound to infinity. */
    for (j = 0; j < out->k; j++)
        if (!isfinite(out->upper[j]))
            return bs_error_set(err, "%s classification: bound %d is not a "
                                "finite number (values too large)", name,
                                j + 1);
    out->min = s[0];
    out->count = calloc((size_t)out->k, sizeof *out->count);
    if (!out->count || fill_counts_fit(out, s, ns) != 0)
        return bs_error_set(err, "classification: out of memory");
    return 0;
}

int bs_classify_ex(const double *v, size_t n, const bs_class_params *p,
                   bs_classes *out, bs_error *err)
{
    double *s = NULL;
    size_t ns = 0, missing = 0;
    int rc = -1;

    classes_reset(out);
    if (check_params(p, err) != 0)
        return -1;
    s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return bs_error_set(err, "classification: out of memory");
    take_values(v, n, s, &ns, &missing);
    if (ns == 0) {
        bs_error_set(err, "%s classification: no values (all %zu missing)",
                     bs_class_method_name(p->method), n);
        goto done;
    }
    qsort(s, ns, sizeof *s, cmp_double);
    rc = classify_sorted(s, ns, p, out, err);
done:
    free(s);
    if (rc != 0)
        bs_classes_free(out);
    else
        out->missing = missing;
    return rc;
}

int bs_classify(const double *v, size_t n, bs_class_method m, int k,
                const double *breaks, size_t nbreaks, bs_classes *out,
                bs_error *err)
{
    bs_class_params p;

    bs_class_params_init(&p, m, k);
    p.breaks = breaks;
    p.nbreaks = nbreaks;
    return bs_classify_ex(v, n, &p, out, err);
}

int bs_classify_pooled(const double *const *v, const size_t *n,
                       size_t narrays, const bs_class_params *p,
                       bs_classes *out, bs_classes *global, bs_error *err)
{
    const char *name = bs_class_method_name(p->method);
    bs_classes g;
    double *all = NULL, *s = NULL;
    size_t i, total = 0, most = 0, ns, missing;
    int rc = -1;

    classes_reset(&g);
    for (i = 0; i < narrays; i++)
        classes_reset(&out[i]);
    if (global)
        classes_reset(global);
    if (narrays == 0)
        return bs_error_set(err, "pooled %s classification: no arrays", name);
    for (i = 0; i < narrays; i++) {
        if (n[i] > SIZE_MAX / sizeof(double) - total)
            return bs_error_set(err, "pooled %s classification: too many "
                                "values", name);
        total += n[i];
        if (n[i] > most)
            most = n[i];
    }
    all = malloc((total ? total : 1) * sizeof *all);
    s = malloc((most ? most : 1) * sizeof *s);
    if (!all || !s) {
        bs_error_set(err, "classification: out of memory");
        goto done;
    }
    for (i = 0, total = 0; i < narrays; i++) {
        if (n[i])
            memcpy(all + total, v[i], n[i] * sizeof *all);
        total += n[i];
    }
    if (bs_classify_ex(all, total, p, &g, err) != 0)
        goto done;

    /* Each array on the common bounds, as mapclassify applies UserDefined
     * with the pooled bins to each column; the top bound is at or above
     * every array's maximum, so nothing is appended and k is common. */
    for (i = 0; i < narrays; i++) {
        bs_classes *c = &out[i];
        ns = missing = 0;
        take_values(v[i], n[i], s, &ns, &missing);
        if (ns == 0) {
            bs_error_set(err, "pooled %s classification: array %zu has no "
                         "values (all %zu missing)", name, i + 1, n[i]);
            goto done;
        }
        qsort(s, ns, sizeof *s, cmp_double);
        c->k = g.k;
        c->min = s[0];
        c->missing = missing;
        c->upper = malloc((size_t)g.k * sizeof *c->upper);
        c->count = calloc((size_t)g.k, sizeof *c->count);
        if (!c->upper || !c->count) {
            bs_error_set(err, "classification: out of memory");
            goto done;
        }
        memcpy(c->upper, g.upper, (size_t)g.k * sizeof *c->upper);
        if (fill_counts_fit(c, s, ns) != 0) {
            bs_error_set(err, "classification: out of memory");
            goto done;
        }
    }
    rc = 0;
done:
    free(all);
    free(s);
    if (rc != 0) {
        for (i = 0; i < narrays; i++)
            bs_classes_free(&out[i]);
        bs_classes_free(&g);
    } else if (global) {
        *global = g;
    } else {
        bs_classes_free(&g);
    }
    return rc;
}
