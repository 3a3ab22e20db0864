/* score.c: normalisation, weighted aggregation and ranking of indicators,
 * following the COINr conventions (R/normalise.R: n_zscore, n_minmax,
 * n_rank, n_prank, n_goalposts, n_dist2ref; R/aggregate.R: a_amean,
 * a_gmean, a_hmean) plus the English IMD exponential rank transform. */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/score.h"

/* --- ranks --------------------------------------------------------------- */

#define DIGIT_BITS 11
#define DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)

struct bs_rank_work {
    size_t cap;
    uint32_t *idx[2];
    uint32_t count[DIGITS][1u << DIGIT_BITS];  /* radix histograms */
};

bs_rank_work *bs_rank_work_new(size_t n)
{
    bs_rank_work *w;
    size_t m = n ? n : 1;

    /* Positions are kept in 32 bits: a quarter of the memory of (key,
     * size_t) pairs, which matters more than the sort itself. */
    if (n > UINT32_MAX)
        return NULL;
    w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->cap = n;
    w->idx[0] = malloc(m * sizeof *w->idx[0]);
    w->idx[1] = malloc(m * sizeof *w->idx[1]);
    if (!w->idx[0] || !w->idx[1]) {
        bs_rank_work_free(w);
        return NULL;
    }
    return w;
}

void bs_rank_work_free(bs_rank_work *w)
{
    if (!w)
        return;
    free(w->idx[0]);
    free(w->idx[1]);
    free(w);
}

/* Maps a double (not NaN) to an unsigned key with the same order, so that
 * an integer radix sort orders the values; desc complements the key,
 * reversing the order. -0 and +0 get adjacent keys, and ties are found by
 * comparing the values, so they still share a rank. */
static uint64_t order_key(double v, int desc)
{
    uint64_t u;

    memcpy(&u, &v, sizeof u);
    u = (u >> 63) ? ~u : u | ((uint64_t)1 << 63);
    return desc ? ~u : u;
}

/* LSD radix sort of the positions w->idx[0][0..m) by the keys of their
 * values, 11 bits a pass (6 passes for 64 bits), skipping digits that all
 * keys share. Stable, so tied values stay in position order: the same
 * order, and so the same ranks, whatever the machine. Returns the buffer
 * holding the sorted positions. */
#define DIGIT(k, b) (((k) >> (DIGIT_BITS * (b))) & ((1u << DIGIT_BITS) - 1))

static uint32_t *radix_sort(bs_rank_work *w, const double *x, size_t m,
                            int desc)
{
    uint32_t *is = w->idx[0], *id = w->idx[1], *it;
    size_t i, b, d;
    uint32_t(*count)[1u << DIGIT_BITS] = w->count;

    memset(w->count, 0, sizeof w->count);
    for (i = 0; i < m; i++) {
        uint64_t k = order_key(x[is[i]], desc);
        for (b = 0; b < DIGITS; b++)
            count[b][DIGIT(k, b)]++;
    }
    for (b = 0; m > 1 && b < DIGITS; b++) {
        uint32_t *c = count[b], sum = 0;
        if (c[DIGIT(order_key(x[is[0]], desc), b)] == m)
            continue;
        for (d = 0; d < (1u << DIGIT_BITS); d++) {
            uint32_t t = c[d];
            c[d] = sum;
            sum += t;
        }
        for (i = 0; i < m; i++) {
            uint64_t k = order_key(x[is[i]], desc);
            id[c[DIGIT(k, b)]++] = is[i];
        }
        it = is, is = id, id = it;
    }
    return is;
}

void bs_rank_with(bs_rank_work *w, const double *x, size_t n, int ascending,
                  bs_ties ties, double *rank)
{
    uint32_t *ix;
    size_t m = 0, p, q, t;

    assert(n <= w->cap);
    for (p = 0; p < n; p++) {
        rank[p] = NAN;
        if (!isnan(x[p]))
            w->idx[0][m++] = (uint32_t)p;
    }
    ix = radix_sort(w, x, m, !ascending);
    for (p = 0; p < m; p = q) {
        double value;
        for (q = p + 1; q < m && x[ix[q]] == x[ix[p]]; q++)
            ;
        /* Positions p..q-1 (0-based) share one rank. */
        value = ties == BS_TIES_MIN ? (double)(p + 1)
                                    : ((double)(p + 1) + (double)q) / 2;
        for (t = p; t < q; t++)
            rank[ix[t]] = value;
    }
}

void bs_rank(const double *x, size_t n, int ascending, bs_ties ties,
             double *rank)
{
    bs_rank_work *w = bs_rank_work_new(n);
    size_t i;

    if (!w) {
        /* No way to report: leave every rank missing rather than wrong. */
        for (i = 0; i < n; i++)
            rank[i] = NAN;
        return;
    }
    bs_rank_with(w, x, n, ascending, ties, rank);
    bs_rank_work_free(w);
}

/* --- normalisation ------------------------------------------------------- */

void bs_norm_params_init(bs_norm_params *p, bs_norm method, int direction)
{
    memset(p, 0, sizeof *p);
    p->method = method;
    p->direction = direction;
    p->ties = BS_TIES_AVERAGE;
    p->range_lo = 0;
    p->range_hi = 1;
    p->post_lo = NAN;
    p->post_hi = NAN;
    p->ref = NAN;
    p->scale = 1;
    p->cap = 0;
}

/* IMD exponential transform of R in (0, 1]: X(1) = 100. log1p and expm1
 * keep the top end exact: 1 - R (1 - e^(-100/23)) is e^(-100/23) at R = 1. */
static double exp_transform(double r)
{
    return -23.0 * log1p(-r * -expm1(-100.0 / 23.0));
}

/* Ascending rank of direction * x (n = most need) into out. */
static int need_rank(const double *x, size_t n, int direction, bs_ties ties,
                     const char *name, double *out, bs_error *err)
{
    bs_rank_work *w = bs_rank_work_new(n);

    if (!w)
        return bs_error_set(err, "%s: out of memory", name);
    bs_rank_with(w, x, n, direction > 0, ties, out);
    bs_rank_work_free(w);
    return 0;
}

int bs_normalise_ex(const double *x, size_t n, const bs_norm_params *p,
                    const char *what, double *out, bs_error *err)
{
    double mean = 0, ss = 0, lo = INFINITY, hi = -INFINITY;
    size_t i, np = 0;
    const char *name = what ? what : "indicator";
    const int d = p->direction;
    const bs_norm m = p->method;

    if (d != 1 && d != -1)
        return bs_error_set(err, "%s: direction must be 1 or -1, not %d",
                            name, d);
    if ((m == BS_NORM_GOALPOSTS || m == BS_NORM_DISTANCE) && !(p->scale > 0))
        return bs_error_set(err, "%s: scale must be above 0, not %g", name,
                            p->scale);
    for (i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        np++;
        mean += x[i];
        if (x[i] < lo)
            lo = x[i];
        if (x[i] > hi)
            hi = x[i];
    }
    if (np < 2 && m != BS_NORM_GOALPOSTS && m != BS_NORM_NONE &&
        m != BS_NORM_DISTANCE)
        return bs_error_set(err, "%s: %zu value%s present, need at least 2 "
                            "to normalise", name, np, np == 1 ? "" : "s");
    if (lo == hi && (m == BS_NORM_ZSCORE || m == BS_NORM_MINMAX ||
                     m == BS_NORM_PERCENTILE))
        return bs_error_set(err, "%s: all %zu values are equal (%g), nothing "
                            "to normalise", name, np, lo);

    switch (m) {
    case BS_NORM_ZSCORE: {
        double sd;
        mean /= (double)np;
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                ss += (x[i] - mean) * (x[i] - mean);
        sd = sqrt(ss / (double)(np - 1));
        if (!(sd > 0))
            return bs_error_set(err, "%s: standard deviation is 0, nothing "
                                "to normalise", name);
        for (i = 0; i < n; i++)
            out[i] = isnan(x[i]) ? NAN : d * (x[i] - mean) / sd;
        break;
    }
    case BS_NORM_MINMAX: {
        const double a = p->range_lo, b = p->range_hi;
        if (!(b > a) || !isfinite(a) || !isfinite(b))
            return bs_error_set(err, "%s: minmax range must run from low to "
                                "high, not %g .. %g", name, a, b);
        for (i = 0; i < n; i++) {
            double t;
            if (isnan(x[i])) {
                out[i] = NAN;
                continue;
            }
            t = d > 0 ? (x[i] - lo) / (hi - lo) : (hi - x[i]) / (hi - lo);
            /* The default range 0 .. 1 gives t itself, bit for bit. */
            out[i] = a == 0 && b == 1 ? t : a + t * (b - a);
        }
        break;
    }
    case BS_NORM_RANK:
        /* Ascending rank of the direction-adjusted values: the highest need
         * gets rank n. */
        return need_rank(x, n, d, p->ties, name, out, err);
    case BS_NORM_PERCENTILE:
        /* COINr n_prank, always with min ties, so that the lowest value(s)
         * get exactly 0. */
        if (need_rank(x, n, d, BS_TIES_MIN, name, out, err) != 0)
            return -1;
        for (i = 0; i < n; i++)
            out[i] = (out[i] - 1) / (double)(np - 1);
        break;
    case BS_NORM_EXPRANK:
        if (need_rank(x, n, d, p->ties, name, out, err) != 0)
            return -1;
        for (i = 0; i < n; i++)
            if (!isnan(out[i]))
                out[i] = exp_transform(out[i] / (double)np);
        break;
    case BS_NORM_GOALPOSTS: {
        const double gl = p->post_lo, gh = p->post_hi;
        if (!isfinite(gl) || !isfinite(gh) || !(gl < gh))
            return bs_error_set(err, "%s: goalposts must be two numbers, low "
                                "then high, not %g %g", name, gl, gh);
        for (i = 0; i < n; i++) {
            double y;
            if (isnan(x[i])) {
                out[i] = NAN;
                continue;
            }
            y = d > 0 ? (x[i] - gl) / (gh - gl) : (x[i] - gh) / (gl - gh);
            y = y < 0 ? 0 : y > 1 ? 1 : y;
            out[i] = y * p->scale;
        }
        break;
    }
    case BS_NORM_DISTANCE: {
        /* In direction-adjusted units: x' = d x, ref' = d ref, min' is the
         * lowest x' (hi when d = -1). */
        double mn = d > 0 ? lo : -hi, rf = d * p->ref;
        if (np == 0)
            return bs_error_set(err, "%s: no value present to normalise",
                                name);
        if (!isfinite(p->ref))
            return bs_error_set(err, "%s: distance needs a reference value",
                                name);
        if (!(rf > mn))
            return bs_error_set(err, "%s: reference %g is not beyond the %s "
                                "value %g: nothing to measure the distance "
                                "from", name, p->ref,
                                d > 0 ? "lowest" : "highest", d > 0 ? lo : hi);
        for (i = 0; i < n; i++) {
            double y;
            if (isnan(x[i])) {
                out[i] = NAN;
                continue;
            }
            y = (d * x[i] - mn) / (rf - mn);
            if (p->cap && y > 1)
                y = 1;
            out[i] = y * p->scale;
        }
        break;
    }
    case BS_NORM_NONE:
        for (i = 0; i < n; i++)
            out[i] = isnan(x[i]) ? NAN : d * x[i];
        break;
    default:
        return bs_error_set(err, "%s: unknown normalisation %d", name, (int)m);
    }
    return 0;
}

int bs_normalise(const double *x, size_t n, bs_norm m, int direction,
                 bs_ties ties, const char *what, double *out, bs_error *err)
{
    bs_norm_params p;

    bs_norm_params_init(&p, m, direction);
    p.ties = ties;
    return bs_normalise_ex(x, n, &p, what, out, err);
}

/* --- aggregation --------------------------------------------------------- */

/* The method actually computed: POWER with p = 1, 0, -1 is the arithmetic,
 * geometric, harmonic mean. */
static bs_agg agg_kind(bs_agg_spec a)
{
    if (a.method != BS_AGG_POWER)
        return a.method;
    if (a.p == 1)
        return BS_AGG_MEAN;
    if (a.p == 0)
        return BS_AGG_GEOMETRIC;
    if (a.p == -1)
        return BS_AGG_HARMONIC;
    return BS_AGG_POWER;
}

static const char *ind_label(const char *const *names, size_t j,
                             const char *kind, char *buf, size_t n)
{
    if (names && names[j])
        return names[j];
    snprintf(buf, n, "%s %zu", kind, j + 1);
    return buf;
}

static const char *area_label(const char *const *keys, size_t i, char *buf,
                              size_t n)
{
    if (keys && keys[i])
        snprintf(buf, n, "area %s", keys[i]);
    else
        snprintf(buf, n, "area %zu", i + 1);
    return buf;
}

/* Checks that a present value is in the method's domain; fills err naming
 * the indicator and area if not. */
static int agg_value_ok(bs_agg_spec a, bs_agg kind, double v,
                        const char *const *names, size_t j,
                        const char *kind_name, const char *const *keys,
                        size_t i, bs_error *err)
{
    char ib[64], ab[300];

    switch (kind) {
    case BS_AGG_MEAN:
        return 0;
    case BS_AGG_GEOMETRIC:
    case BS_AGG_HARMONIC:
        if (v > 0)
            return 0;
        return bs_error_set(err, "%s, %s: %s mean needs values above 0 (got "
                            "%g); use minmax with range 1 100",
                            ind_label(names, j, kind_name, ib, sizeof ib),
                            area_label(keys, i, ab, sizeof ab),
                            kind == BS_AGG_GEOMETRIC ? "geometric"
                                                     : "harmonic", v);
    case BS_AGG_POWER:
        if (a.p > 0 ? v >= 0 : v > 0)
            return 0;
        return bs_error_set(err, "%s, %s: power mean with p = %g needs values "
                            "%s 0 (got %g); use minmax with range 1 100",
                            ind_label(names, j, kind_name, ib, sizeof ib),
                            area_label(keys, i, ab, sizeof ab), a.p,
                            a.p > 0 ? "of at least" : "above", v);
    }
    return bs_error_set(err, "unknown aggregation method %d", (int)a.method);
}

/* The aggregation of bs_aggregate; kind_name names the rows of norm
 * ("indicator", "domain") when names is NULL. */
static int aggregate(const double *const *norm, const double *weight,
                     size_t nind, size_t n, bs_agg_spec agg,
                     double min_coverage, const char *const *names,
                     const char *kind_name, const char *const *keys,
                     double *score, double *coverage, bs_error *err)
{
    const bs_agg kind = agg_kind(agg);
    double total = 0;
    size_t i, j;
    char ib[64];

    if (agg.method == BS_AGG_POWER && !isfinite(agg.p))
        return bs_error_set(err, "power mean needs a finite p, not %g", agg.p);
    if ((unsigned)agg.method > BS_AGG_POWER)
        return bs_error_set(err, "unknown aggregation method %d",
                            (int)agg.method);
    for (j = 0; j < nind; j++) {
        if (!(weight[j] >= 0) || !isfinite(weight[j]))
            return bs_error_set(err, "%s: weight must be a number of at least "
                                "0, not %g",
                                ind_label(names, j, kind_name, ib, sizeof ib),
                                weight[j]);
        total += weight[j];
    }
    if (nind > 0 && !(total > 0))
        return bs_error_set(err, "all %zu %s weights are 0", nind, kind_name);
    if (kind != BS_AGG_MEAN)
        for (j = 0; j < nind; j++)
            for (i = 0; i < n; i++)
                if (!isnan(norm[j][i]) &&
                    agg_value_ok(agg, kind, norm[j][i], names, j, kind_name,
                                 keys, i, err) != 0)
                    return -1;

    for (i = 0; i < n; i++) {
        double pw = 0, sum = 0, cov, v;
        for (j = 0; j < nind; j++) {
            v = norm[j][i];
            if (isnan(v))
                continue;
            pw += weight[j];
            switch (kind) {
            case BS_AGG_MEAN: sum += weight[j] * v; break;
            case BS_AGG_GEOMETRIC: sum += weight[j] * log(v); break;
            case BS_AGG_HARMONIC: sum += weight[j] / v; break;
            case BS_AGG_POWER: sum += weight[j] * pow(v, agg.p); break;
            }
        }
        cov = total > 0 ? pw / total : 0;
        if (coverage)
            coverage[i] = cov;
        /* The tolerance lets coverage 0.75 pass a threshold written as 0.75
         * despite rounding in the weight sums. */
        if (!(pw > 0) || cov < min_coverage - 1e-12) {
            score[i] = NAN;
            continue;
        }
        switch (kind) {
        case BS_AGG_MEAN: score[i] = sum / pw; break;
        case BS_AGG_GEOMETRIC: score[i] = exp(sum / pw); break;
        case BS_AGG_HARMONIC: score[i] = pw / sum; break;
        case BS_AGG_POWER: score[i] = pow(sum / pw, 1 / agg.p); break;
        }
    }
    return 0;
}

void bs_aggregate_mean(const double *const *norm, const double *weight,
                       size_t nind, size_t n, double min_coverage,
                       double *score, double *coverage)
{
    const bs_agg_spec mean = {BS_AGG_MEAN, 1};
    size_t i;

    /* Fails only on weights outside the contract (below 0, not finite):
     * leave every score missing rather than wrong. */
    if (aggregate(norm, weight, nind, n, mean, min_coverage, NULL,
                  "indicator", NULL, score, coverage, NULL) != 0)
        for (i = 0; i < n; i++) {
            score[i] = NAN;
            if (coverage)
                coverage[i] = NAN;
        }
}

int bs_aggregate(const double *const *norm, const double *weight,
                 size_t nind, size_t n, bs_agg_spec agg, double min_coverage,
                 const char *const *names, const char *const *keys,
                 double *score, double *coverage, bs_error *err)
{
    return aggregate(norm, weight, nind, n, agg, min_coverage, names,
                     "indicator", keys, score, coverage, err);
}

int bs_aggregate_domains(const double *const *norm, const double *weight,
                         size_t nind, size_t n, const bs_domains *d,
                         double min_coverage, const char *const *names,
                         const char *const *keys, double *const *domain_score,
                         double *score, double *coverage, bs_error *err)
{
    const size_t nd = d->ndom;
    double *dw = calloc(nd ? nd : 1, sizeof *dw);        /* indicator weight */
    double *eff = malloc((nind ? nind : 1) * sizeof *eff);
    double *own = NULL, **dsc = malloc((nd ? nd : 1) * sizeof *dsc);
    const double **sub = malloc((nind ? nind : 1) * sizeof *sub);
    double *subw = malloc((nind ? nind : 1) * sizeof *subw);
    const char **subn = malloc((nind ? nind : 1) * sizeof *subn);
    char *lab = malloc((nind ? nind : 1) * 32);
    double dtotal = 0, etotal = 0;
    size_t i, j, k;
    int rc = -1;
    char ib[64], db[64];

    if (!dw || !eff || !dsc || !sub || !subw || !subn || !lab) {
        bs_error_set(err, "out of memory aggregating domains");
        goto done;
    }
    if (nd == 0) {
        bs_error_set(err, "no domains to aggregate into");
        goto done;
    }
    for (j = 0; j < nind; j++) {
        if (d->domain[j] >= nd) {
            bs_error_set(err, "%s: domain %zu does not exist (%zu domains)",
                         ind_label(names, j, "indicator", ib, sizeof ib),
                         d->domain[j] + 1, nd);
            goto done;
        }
        if (!(weight[j] >= 0) || !isfinite(weight[j])) {
            bs_error_set(err, "%s: weight must be a number of at least 0, not "
                         "%g", ind_label(names, j, "indicator", ib, sizeof ib),
                         weight[j]);
            goto done;
        }
        dw[d->domain[j]] += weight[j];
    }
    for (k = 0; k < nd; k++) {
        if (!(d->domain_weight[k] >= 0) || !isfinite(d->domain_weight[k])) {
            bs_error_set(err, "%s: weight must be a number of at least 0, not "
                         "%g", ind_label(d->domain_names, k, "domain", db,
                                         sizeof db), d->domain_weight[k]);
            goto done;
        }
        if (!(dw[k] > 0)) {
            bs_error_set(err, "%s: no indicator with a weight above 0",
                         ind_label(d->domain_names, k, "domain", db,
                                   sizeof db));
            goto done;
        }
        dtotal += d->domain_weight[k];
    }
    if (!(dtotal > 0)) {
        bs_error_set(err, "all %zu domain weights are 0", nd);
        goto done;
    }
    for (j = 0; j < nind; j++) {
        k = d->domain[j];
        eff[j] = weight[j] / dw[k] * (d->domain_weight[k] / dtotal);
        etotal += eff[j];
    }

    if (!domain_score) {
        own = malloc(nd * (n ? n : 1) * sizeof *own);
        if (!own) {
            bs_error_set(err, "out of memory aggregating domains");
            goto done;
        }
    }
    for (k = 0; k < nd; k++) {
        size_t m = 0;
        dsc[k] = domain_score ? domain_score[k] : own + k * n;
        for (j = 0; j < nind; j++) {
            if (d->domain[j] != k)
                continue;
            sub[m] = norm[j];
            subw[m] = weight[j];
            /* Unnamed indicators keep their overall number in messages. */
            if (names && names[j]) {
                subn[m] = names[j];
            } else {
                snprintf(lab + 32 * m, 32, "indicator %zu", j + 1);
                subn[m] = lab + 32 * m;
            }
            m++;
        }
        if (aggregate(sub, subw, m, n, d->ind_agg, 0, subn, "indicator",
                      keys, dsc[k], NULL, err) != 0)
            goto done;
    }
    if (aggregate((const double *const *)dsc, d->domain_weight, nd, n,
                  d->dom_agg, 0, d->domain_names, "domain", keys, score, NULL,
                  err) != 0)
        goto done;
    for (i = 0; i < n; i++) {
        double pres = 0, cov;
        for (j = 0; j < nind; j++)
            if (!isnan(norm[j][i]))
                pres += eff[j];
        cov = pres / etotal;
        if (coverage)
            coverage[i] = cov;
        if (cov < min_coverage - 1e-12)
            score[i] = NAN;
    }
    rc = 0;
done:
    free(dw);
    free(eff);
    free(own);
    free(dsc);
    free(sub);
    free(subw);
    free(subn);
    free(lab);
    return rc;
}

void bs_deciles(const double *rank, size_t n, double *decile)
{
    size_t i, nscored = 0;

    for (i = 0; i < n; i++)
        if (!isnan(rank[i]))
            nscored++;
    for (i = 0; i < n; i++)
        decile[i] = isnan(rank[i]) ? NAN
                                   : ceil(10 * rank[i] / (double)nscored);
}
