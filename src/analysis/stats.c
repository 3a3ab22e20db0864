/* stats.c: outlier treatment, imputation, empirical-Bayes rates,
 * correlations and Cronbach's alpha (COINr R/treat.R, R/impute.R;
 * Marshall 1991). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/stats.h"

static const char *label(const char *what)
{
    return what ? what : "indicator";
}

/* Central sums of the present values: m, sum d^2, d^3, d^4. Two passes, so
 * that a large mean does not swamp the deviations. */
static size_t moments(const double *x, size_t n, double *s2, double *s3,
                      double *s4)
{
    double mean = 0;
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            mean += x[i];
            m++;
        }
    *s2 = *s3 = *s4 = 0;
    if (m == 0)
        return 0;
    mean /= (double)m;
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            double d = x[i] - mean, d2 = d * d;
            *s2 += d2;
            *s3 += d2 * d;
            *s4 += d2 * d2;
        }
    return m;
}

double bs_skewness(const double *x, size_t n)
{
    double s2, s3, s4, m;
    size_t k = moments(x, n, &s2, &s3, &s4);

    if (k < 3 || !(s2 > 0))
        return NAN;
    m = (double)k;
    return sqrt(m) * s3 / pow(s2, 1.5) * sqrt(m * (m - 1)) / (m - 2);
}

double bs_kurtosis(const double *x, size_t n)
{
    double s2, s3, s4, m, r;
    size_t k = moments(x, n, &s2, &s3, &s4);

    if (k < 4 || !(s2 > 0))
        return NAN;
    m = (double)k;
    r = m * s4 / (s2 * s2);
    return ((m + 1) * (r - 3) + 6) * (m - 1) / ((m - 2) * (m - 3));
}

/* 1 when the outlier rule says treat: |skew| >= 2 and kurt >= 3.5. NaN
 * (no spread) never needs treatment. */
static int needs_treatment(const double *x, size_t n)
{
    double sk = bs_skewness(x, n), kt = bs_kurtosis(x, n);

    return fabs(sk) >= BS_SKEW_LIMIT && kt >= BS_KURT_LIMIT;
}

static size_t count_present(const double *x, size_t n)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        m += !isnan(x[i]);
    return m;
}

int bs_winsorise(const double *x, size_t n, size_t winmax, const char *what,
                 double *out, signed char *treated, size_t *nchanged,
                 bs_error *err)
{
    size_t i, changed = 0, m = count_present(x, n);
    signed char *mark = calloc(n ? n : 1, 1);

    if (!mark)
        return bs_error_set(err, "%s: out of memory", label(what));
    if (m < 4) {
        free(mark);
        return bs_error_set(err, "%s: %zu value%s present, need at least 4 "
                            "for skewness and kurtosis", label(what), m,
                            m == 1 ? "" : "s");
    }
    if (out != x)
        memcpy(out, x, n * sizeof *out);
    while (changed < winmax && needs_treatment(out, n)) {
        int high = bs_skewness(out, n) >= 0;
        double ext = high ? -INFINITY : INFINITY, next;
        next = ext;
        for (i = 0; i < n; i++)
            if (!isnan(out[i]) && (high ? out[i] > ext : out[i] < ext))
                ext = out[i];
        for (i = 0; i < n; i++)
            if (!isnan(out[i]) && out[i] != ext &&
                (high ? out[i] > next : out[i] < next))
                next = out[i];
        if (isinf(next)) {
            free(mark);
            return bs_error_set(err, "%s: winsorising further would leave "
                                "fewer than 2 distinct values", label(what));
        }
        /* COINr stops with an error here too: one distinct value left. */
        {
            size_t others = 0;
            for (i = 0; i < n; i++)
                others += !isnan(out[i]) && out[i] != ext && out[i] != next;
            if (others == 0) {
                free(mark);
                return bs_error_set(err, "%s: winsorising further would "
                                    "leave fewer than 2 distinct values",
                                    label(what));
            }
        }
        for (i = 0; i < n; i++) {
            if (isnan(out[i]) || out[i] != ext)
                continue;
            out[i] = next;
            if (!mark[i])
                changed++;
            mark[i] = high ? 1 : -1;
        }
    }
    if (treated)
        memcpy(treated, mark, n);
    if (nchanged)
        *nchanged = changed;
    free(mark);
    return 0;
}

int bs_log_ct(const double *x, size_t n, const char *what, double *out,
              bs_error *err)
{
    double lo = INFINITY, hi = -INFINITY, a;
    size_t i, m = 0;

    for (i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        m++;
        if (x[i] < lo)
            lo = x[i];
        if (x[i] > hi)
            hi = x[i];
    }
    if (m < 2)
        return bs_error_set(err, "%s: %zu value%s present, need at least 2 "
                            "for a log transform", label(what), m,
                            m == 1 ? "" : "s");
    if (lo == hi)
        return bs_error_set(err, "%s: all %zu values are equal (%g), the log "
                            "transform log(x - min + 0.01 range) is "
                            "undefined", label(what), m, lo);
    a = 0.01 * (hi - lo);
    for (i = 0; i < n; i++)
        out[i] = isnan(x[i]) ? NAN : log(x[i] - lo + a);
    return 0;
}

int bs_treat(const double *x, size_t n, size_t winmax, const char *what,
             double *out, signed char *treated, bs_treatment *done,
             size_t *nchanged, bs_error *err)
{
    double *w = malloc((n ? n : 1) * sizeof *w);
    signed char *mark = malloc(n ? n : 1);
    size_t i, changed = 0;
    bs_treatment how;

    if (!w || !mark) {
        free(w);
        free(mark);
        return bs_error_set(err, "%s: out of memory", label(what));
    }
    if (bs_winsorise(x, n, winmax, what, w, mark, &changed, err) != 0) {
        free(w);
        free(mark);
        return -1;
    }
    if (!needs_treatment(w, n)) {
        how = changed ? BS_TREAT_WINSORISED : BS_TREAT_NONE;
        memcpy(out, w, n * sizeof *out);
    } else {
        /* Winsorising winmax values was not enough: the log of the original
         * values replaces it. */
        if (bs_log_ct(x, n, what, out, err) != 0) {
            free(w);
            free(mark);
            return -1;
        }
        how = BS_TREAT_LOG;
        changed = 0;
        for (i = 0; i < n; i++) {
            mark[i] = isnan(out[i]) ? 0 : 2;
            changed += !isnan(out[i]);
        }
    }
    if (treated)
        memcpy(treated, mark, n);
    if (done)
        *done = how;
    if (nchanged)
        *nchanged = changed;
    free(w);
    free(mark);
    return 0;
}

/* --- imputation ---------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct keyed {
    const char *prefix;  /* NUL-terminated copy of the first prefix_len */
    size_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->prefix, y->prefix);
    if (c)
        return c;
    return (x->i > y->i) - (x->i < y->i);
}

/* Parent means: sort the areas by key prefix, then fill each group's
 * missing values with the mean of its present ones. */
static int impute_parent(const double *x, size_t n, const char *const *keys,
                         size_t plen, const char *what, double *out,
                         unsigned char *flag, bs_error *err)
{
    keyed *k = malloc((n ? n : 1) * sizeof *k);
    char *buf = malloc((n ? n : 1) * (plen + 1));
    size_t i, p, q;

    if (!k || !buf) {
        free(k);
        free(buf);
        return bs_error_set(err, "%s: out of memory", label(what));
    }
    for (i = 0; i < n; i++) {
        if (!keys[i] || strlen(keys[i]) < plen) {
            bs_error_set(err, "%s: area key '%s' is shorter than the %zu "
                         "characters that name its parent", label(what),
                         keys[i] ? keys[i] : "", plen);
            free(k);
            free(buf);
            return -1;
        }
        memcpy(buf + i * (plen + 1), keys[i], plen);
        buf[i * (plen + 1) + plen] = '\0';
        k[i].prefix = buf + i * (plen + 1);
        k[i].i = i;
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    for (p = 0; p < n; p = q) {
        double sum = 0;
        size_t m = 0, t;
        for (q = p; q < n && strcmp(k[q].prefix, k[p].prefix) == 0; q++)
            if (!isnan(x[k[q].i])) {
                sum += x[k[q].i];
                m++;
            }
        for (t = p; t < q; t++) {
            size_t a = k[t].i;
            if (isnan(x[a]) && m > 0) {
                out[a] = sum / (double)m;
                flag[a] = 1;
            }
        }
    }
    free(k);
    free(buf);
    return 0;
}

int bs_impute_values(const double *x, size_t n, bs_impute m,
                     const char *const *keys, size_t prefix_len,
                     const char *what, double *out, unsigned char *imputed,
                     size_t *nimputed, bs_error *err)
{
    unsigned char *flag = calloc(n ? n : 1, 1);
    double *tmp = malloc((n ? n : 1) * sizeof *tmp), fill = NAN;
    size_t i, np = 0, count = 0;
    int rc = -1;

    if (!flag || !tmp) {
        bs_error_set(err, "%s: out of memory", label(what));
        goto done;
    }
    for (i = 0; i < n; i++)
        if (!isnan(x[i]))
            tmp[np++] = x[i];
    /* Work on tmp until the end, so that out may be x. */
    switch (m) {
    case BS_IMPUTE_MEAN:
    case BS_IMPUTE_MEDIAN:
        if (np == 0) {
            bs_error_set(err, "%s: no value present to impute from",
                         label(what));
            goto done;
        }
        if (m == BS_IMPUTE_MEAN) {
            double sum = 0;
            for (i = 0; i < np; i++)
                sum += tmp[i];
            fill = sum / (double)np;
        } else {
            qsort(tmp, np, sizeof *tmp, cmp_double);
            fill = np % 2 ? tmp[np / 2]
                          : (tmp[np / 2 - 1] + tmp[np / 2]) / 2;
        }
        for (i = 0; i < n; i++) {
            tmp[i] = isnan(x[i]) ? fill : x[i];
            flag[i] = isnan(x[i]);
        }
        break;
    case BS_IMPUTE_PARENT:
        if (!keys || prefix_len == 0) {
            bs_error_set(err, "%s: parent imputation needs area keys and the "
                         "length of the parent's prefix", label(what));
            goto done;
        }
        memcpy(tmp, x, n * sizeof *tmp);
        if (impute_parent(x, n, keys, prefix_len, what, tmp, flag, err) != 0)
            goto done;
        break;
    default:
        bs_error_set(err, "%s: unknown imputation %d", label(what), (int)m);
        goto done;
    }
    memcpy(out, tmp, n * sizeof *out);
    for (i = 0; i < n; i++)
        count += flag[i];
    if (imputed)
        memcpy(imputed, flag, n);
    if (nimputed)
        *nimputed = count;
    rc = 0;
done:
    free(flag);
    free(tmp);
    return rc;
}

/* --- empirical Bayes ----------------------------------------------------- */

int bs_eb_shrink(const double *num, const double *den, size_t n,
                 const char *what, double *rate, bs_eb_info *info,
                 bs_error *err)
{
    double so = 0, sn = 0, b, s2 = 0, a;
    size_t i, used = 0;

    for (i = 0; i < n; i++) {
        if (num[i] < 0 || den[i] < 0)
            return bs_error_set(err, "%s: area %zu: numerator %g and "
                                "denominator %g must not be negative",
                                label(what), i + 1, num[i], den[i]);
    }
    for (i = 0; i < n; i++)
        if (!isnan(num[i]) && den[i] > 0) {
            so += num[i];
            sn += den[i];
            used++;
        }
    if (used == 0)
        return bs_error_set(err, "%s: no area with a numerator and a "
                            "denominator above 0", label(what));
    b = so / sn;
    for (i = 0; i < n; i++)
        if (!isnan(num[i]) && den[i] > 0) {
            double r = num[i] / den[i];
            s2 += den[i] * (r - b) * (r - b);
        }
    s2 /= sn;
    a = s2 - b / (sn / (double)used);
    if (a < 0)
        a = 0;
    for (i = 0; i < n; i++) {
        if (isnan(num[i]) || !(den[i] > 0)) {
            rate[i] = NAN;
            continue;
        }
        /* a = b = 0 (no events anywhere): every rate is b. */
        rate[i] = a > 0 ? b + a / (a + b / den[i]) * (num[i] / den[i] - b)
                        : b;
    }
    if (info) {
        info->nused = used;
        info->b = b;
        info->s2 = s2;
        info->a = a;
    }
    return 0;
}

/* --- correlation and reliability ----------------------------------------- */

void bs_correlation(const double *const *x, size_t nvar, size_t n,
                    double *r, size_t *npairs)
{
    size_t u, v, i;

    for (u = 0; u < nvar; u++) {
        for (v = u; v < nvar; v++) {
            double mu = 0, mv = 0, suu = 0, svv = 0, suv = 0, c = NAN;
            size_t m = 0;
            for (i = 0; i < n; i++)
                if (!isnan(x[u][i]) && !isnan(x[v][i])) {
                    mu += x[u][i];
                    mv += x[v][i];
                    m++;
                }
            if (m >= 2) {
                mu /= (double)m;
                mv /= (double)m;
                for (i = 0; i < n; i++)
                    if (!isnan(x[u][i]) && !isnan(x[v][i])) {
                        double du = x[u][i] - mu, dv = x[v][i] - mv;
                        suu += du * du;
                        svv += dv * dv;
                        suv += du * dv;
                    }
                if (suu > 0 && svv > 0) {
                    c = u == v ? 1 : suv / sqrt(suu * svv);
                    c = c > 1 ? 1 : c < -1 ? -1 : c;
                }
            }
            r[u * nvar + v] = r[v * nvar + u] = c;
            if (npairs)
                npairs[u * nvar + v] = npairs[v * nvar + u] = m;
        }
    }
}

int bs_cronbach_alpha(const double *const *x, size_t nvar, size_t n,
                      const char *what, double *alpha, size_t *ncomplete,
                      bs_error *err)
{
    double *mean = calloc(nvar ? nvar : 1, sizeof *mean);
    double *ss = calloc(nvar ? nvar : 1, sizeof *ss);
    double tmean = 0, tss = 0, sumvar = 0, k = (double)nvar;
    size_t i, v, m = 0;

    if (!mean || !ss) {
        free(mean);
        free(ss);
        return bs_error_set(err, "%s: out of memory", label(what));
    }
    if (nvar < 2) {
        free(mean);
        free(ss);
        return bs_error_set(err, "%s: Cronbach's alpha needs at least 2 "
                            "indicators, not %zu", label(what), nvar);
    }
    for (i = 0; i < n; i++) {
        double t = 0;
        for (v = 0; v < nvar && !isnan(x[v][i]); v++)
            t += x[v][i];
        if (v < nvar)
            continue;
        for (v = 0; v < nvar; v++)
            mean[v] += x[v][i];
        tmean += t;
        m++;
    }
    if (ncomplete)
        *ncomplete = m;
    if (m < 2) {
        free(mean);
        free(ss);
        return bs_error_set(err, "%s: %zu area%s with all %zu indicators "
                            "present, need at least 2 for Cronbach's alpha",
                            label(what), m, m == 1 ? "" : "s", nvar);
    }
    for (v = 0; v < nvar; v++)
        mean[v] /= (double)m;
    tmean /= (double)m;
    for (i = 0; i < n; i++) {
        double t = 0;
        for (v = 0; v < nvar && !isnan(x[v][i]); v++)
            t += x[v][i];
        if (v < nvar)
            continue;
        for (v = 0; v < nvar; v++)
            ss[v] += (x[v][i] - mean[v]) * (x[v][i] - mean[v]);
        tss += (t - tmean) * (t - tmean);
    }
    for (v = 0; v < nvar; v++)
        sumvar += ss[v] / (double)(m - 1);
    free(mean);
    free(ss);
    if (!(tss > 0))
        return bs_error_set(err, "%s: the sum of the indicators has no "
                            "spread, Cronbach's alpha is undefined",
                            label(what));
    *alpha = k / (k - 1) * (1 - sumvar / (tss / (double)(m - 1)));
    return 0;
}
