/* getisord.c: Getis-Ord global G (Getis and Ord 1992) and local Gi / Gi*
 * (Ord and Getis 1995) with normal z-scores (see autocorr.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/autocorr.h"
#include "autocorr_util.h"

int bs_getis_ord_global(const bs_weights *w, const double *y,
                        bs_getis_ord *out, bs_error *err)
{
    bs_ac_data d;
    double s0, s1, s2, m1 = 0, m2 = 0, m3 = 0, m4 = 0, num = 0, den;
    double n, n2, s02, b0, b1, b2, b3, b4, eg2;
    size_t i, k;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (bs_ac_prepare(w, y, &d, err) != 0)
        return -1;
    out->n = d.n;
    out->nmissing = d.nmissing;
    for (i = 0; i < d.n; i++)
        if (d.y[i] < 0) {
            bs_error_set(err, "area %zu: G needs values of 0 or more, it is "
                         "%g", bs_ac_area(&d, i) + 1, d.y[i]);
            goto done;
        }
    if (d.n < 4) {
        bs_error_set(err, "G needs at least 4 areas with a value, there %s "
                     "%zu", d.n == 1 ? "is" : "are", d.n);
        goto done;
    }
    for (i = 0; i < d.n; i++) {
        double v = d.y[i], lag = 0;

        m1 += v;
        m2 += v * v;
        m3 += v * v * v;
        m4 += v * v * v * v;
        for (k = d.w->first[i]; k < d.w->first[i + 1]; k++)
            lag += d.w->w[k] * d.y[d.w->nb[k]];
        num += v * lag;
    }
    den = m1 * m1 - m2;
    if (!(den > 0)) {
        bs_error_set(err, "G: fewer than two areas have a value above 0");
        goto done;
    }
    bs_weights_sums(d.w, &s0, &s1, &s2);
    n = (double)d.n;
    n2 = n * n;
    s02 = s0 * s0;
    b0 = (n2 - 3 * n + 3) * s1 - n * s2 + 3 * s02;
    b1 = -((n2 - n) * s1 - 2 * n * s2 + 6 * s02);
    b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s02);
    b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s02;
    b4 = s1 - s2 + s02;
    eg2 = (b0 * m2 * m2 + b1 * m4 + b2 * m1 * m1 * m2 + b3 * m1 * m3
           + b4 * m1 * m1 * m1 * m1)
          / (den * den * n * (n - 1) * (n - 2) * (n - 3));
    out->g = num / den;
    out->expected = s0 / (n * (n - 1));
    out->var = eg2 - out->expected * out->expected;
    out->z = (out->g - out->expected) / sqrt(out->var);
    out->p_norm = bs_ac_p_normal(out->z);
    rc = 0;
done:
    bs_ac_release(&d);
    return rc;
}

void bs_gi_free(bs_gi *g)
{
    free(g->g);
    free(g->z);
    free(g->p);
    free(g->cls);
    memset(g, 0, sizeof *g);
}

static int gi_alloc(bs_gi *g, size_t n)
{
    size_t i, m = n ? n : 1;

    g->n = n;
    g->g = malloc(m * sizeof *g->g);
    g->z = malloc(m * sizeof *g->z);
    g->p = malloc(m * sizeof *g->p);
    g->cls = malloc(m);
    if (!g->g || !g->z || !g->p || !g->cls)
        return -1;
    for (i = 0; i < n; i++) {
        g->g[i] = g->z[i] = g->p[i] = NAN;
        g->cls[i] = BS_GI_MISSING;
    }
    return 0;
}

/* Gi or Gi* of used area i, given the mean of all n values, their sum
 * and their sum of squared deviations ss. */
static void gi_one(const bs_ac_data *d, size_t i, int star, double mean,
                   double sum, double ss, double *g, double *z)
{
    const bs_weights *w = d->w;
    double n = (double)d->n, k = (double)(w->first[i + 1] - w->first[i]);
    double nbsum = 0, wsum, m, var, dev = 0, top, bottom;
    size_t j;

    for (j = w->first[i]; j < w->first[i + 1]; j++)
        nbsum += d->y[w->nb[j]];
    if (star) {
        /* W_i = S1_i = k + 1 (binary, the area itself included) */
        wsum = k + 1;
        m = mean;
        var = ss / n;
        for (j = w->first[i]; j < w->first[i + 1]; j++)
            dev += d->y[w->nb[j]] - m;
        dev += d->y[i] - m;
        top = n * wsum - wsum * wsum;
        bottom = sqrt(var * top / (n - 1));
        *g = sum != 0 ? (nbsum + d->y[i]) / sum : NAN;
    } else {
        /* the other n - 1 values: their mean and squared deviations */
        double di = d->y[i] - mean;

        wsum = k;
        m = (sum - d->y[i]) / (n - 1);
        var = (ss - di * di * n / (n - 1)) / (n - 1);
        for (j = w->first[i]; j < w->first[i + 1]; j++)
            dev += d->y[w->nb[j]] - m;
        top = (n - 1) * wsum - wsum * wsum;
        bottom = sqrt(var * top / (n - 2));
        *g = sum - d->y[i] != 0 ? nbsum / (sum - d->y[i]) : NAN;
    }
    /* an area next to every other one (top 0), or constant others: no z */
    *z = bottom > 0 ? dev / bottom : NAN;
}

int bs_getis_ord_local(const bs_weights *w, const double *y,
                       const bs_gi_options *opt, bs_gi *out, bs_error *err)
{
    bs_ac_data d;
    double mean = 0, sum = 0, ss = 0;
    size_t i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!(opt->alpha > 0 && opt->alpha < 1))
        return bs_error_set(err, "Getis-Ord Gi: alpha must lie between 0 and "
                            "1 (it is %g)", opt->alpha);
    if (bs_ac_prepare(w, y, &d, err) != 0)
        return -1;
    if (gi_alloc(out, w->n) != 0) {
        bs_error_set(err, "Getis-Ord Gi: out of memory");
        goto done;
    }
    if (d.n < 3) {
        bs_error_set(err, "Getis-Ord Gi needs at least 3 areas with a value, "
                     "there %s %zu", d.n == 1 ? "is" : "are", d.n);
        goto done;
    }
    for (i = 0; i < d.n; i++)
        sum += d.y[i];
    mean = sum / (double)d.n;
    for (i = 0; i < d.n; i++)
        ss += (d.y[i] - mean) * (d.y[i] - mean);
    if (!(ss > 0)) {
        bs_error_set(err, "Getis-Ord Gi: all %zu values are equal", d.n);
        goto done;
    }
    out->nused = d.n;
    out->nmissing = d.nmissing;
    out->nislands = d.w->nislands;
    for (i = 0; i < d.n; i++) {
        size_t a = bs_ac_area(&d, i);

        if (d.w->first[i + 1] == d.w->first[i]) {
            out->cls[a] = BS_GI_ISLAND;
            continue;
        }
        gi_one(&d, i, opt->star, mean, sum, ss, &out->g[a], &out->z[a]);
        out->p[a] = bs_ac_p_normal(out->z[a]);
        out->cls[a] = BS_GI_NOT_SIGNIFICANT;
    }
    out->threshold = opt->fdr ? bs_fdr_threshold(out->p, out->n, opt->alpha)
                              : opt->alpha;
    for (i = 0; i < out->n; i++) {
        if (out->cls[i] == BS_GI_NOT_SIGNIFICANT && out->p[i] < out->threshold)
            out->cls[i] = out->z[i] > 0 ? BS_GI_HOT : BS_GI_COLD;
        out->count[out->cls[i]]++;
    }
    rc = 0;
done:
    bs_ac_release(&d);
    return rc;
}
