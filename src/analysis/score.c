/* score.c: normalisation, weighted aggregation and ranking of indicators,
 * following the COINr conventions (n_zscore, n_minmax, n_rank, n_prank,
 * a_amean). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/score.h"

int bs_norm_parse(const char *name, bs_norm *out)
{
    static const struct {
        const char *name;
        bs_norm m;
    } words[] = {
        {"zscore", BS_NORM_ZSCORE},
        {"z-score", BS_NORM_ZSCORE},
        {"minmax", BS_NORM_MINMAX},
        {"min-max", BS_NORM_MINMAX},
        {"rank", BS_NORM_RANK},
        {"percentile", BS_NORM_PERCENTILE},
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

int bs_ties_parse(const char *name, bs_ties *out)
{
    if (name && strcmp(name, "average") == 0) {
        *out = BS_TIES_AVERAGE;
        return 0;
    }
    if (name && strcmp(name, "min") == 0) {
        *out = BS_TIES_MIN;
        return 0;
    }
    return -1;
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

/* Orders by value, then by position: qsort is not stable, and the index
 * makes the order (and so any tie handling) deterministic. */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Ranks with a caller-provided work array of n entries; see bs_rank. */
static void rank_into(const double *x, size_t n, int ascending, bs_ties ties,
                      ranked *r, double *rank)
{
    size_t m = 0, p, q, t;

    for (p = 0; p < n; p++) {
        rank[p] = NAN;
        if (!isnan(x[p])) {
            /* Negating turns a descending rank into an ascending one. */
            r[m].v = ascending ? x[p] : -x[p];
            r[m].i = p;
            m++;
        }
    }
    qsort(r, m, sizeof *r, cmp_ranked);
    for (p = 0; p < m; p = q) {
        double value;
        for (q = p + 1; q < m && r[q].v == r[p].v; q++)
            ;
        /* Positions p..q-1 (0-based) share one rank. */
        value = ties == BS_TIES_MIN ? (double)(p + 1)
                                    : ((double)(p + 1) + (double)q) / 2;
        for (t = p; t < q; t++)
            rank[r[t].i] = value;
    }
}

void bs_rank(const double *x, size_t n, int ascending, bs_ties ties,
             double *rank)
{
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    size_t i;

    if (!r) {
        /* No way to report: leave every rank missing rather than wrong. */
        for (i = 0; i < n; i++)
            rank[i] = NAN;
        return;
    }
    rank_into(x, n, ascending, ties, r, rank);
    free(r);
}

int bs_normalise(const double *x, size_t n, bs_norm m, int direction,
                 bs_ties ties, const char *what, double *out, bs_error *err)
{
    double mean = 0, ss = 0, lo = INFINITY, hi = -INFINITY;
    size_t i, np = 0;
    const char *name = what ? what : "indicator";

    if (direction != 1 && direction != -1)
        return bs_error_set(err, "%s: direction must be 1 or -1, not %d",
                            name, direction);
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
    if (np < 2)
        return bs_error_set(err, "%s: %zu value%s present, need at least 2 "
                            "to normalise", name, np, np == 1 ? "" : "s");
    if (lo == hi && m != BS_NORM_RANK)
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
            out[i] = isnan(x[i]) ? NAN : direction * (x[i] - mean) / sd;
        break;
    }
    case BS_NORM_MINMAX:
        for (i = 0; i < n; i++) {
            if (isnan(x[i]))
                out[i] = NAN;
            else
                out[i] = direction > 0 ? (x[i] - lo) / (hi - lo)
                                       : (hi - x[i]) / (hi - lo);
        }
        break;
    case BS_NORM_RANK:
    case BS_NORM_PERCENTILE: {
        ranked *r = malloc(n * sizeof *r);
        if (!r)
            return bs_error_set(err, "%s: out of memory", name);
        /* Ascending rank of the direction-adjusted values: the highest need
         * gets rank n. Percentile is COINr n_prank, always with min ties,
         * so that the lowest value(s) get exactly 0. */
        if (m == BS_NORM_RANK) {
            rank_into(x, n, direction > 0, ties, r, out);
        } else {
            rank_into(x, n, direction > 0, BS_TIES_MIN, r, out);
            for (i = 0; i < n; i++)
                out[i] = (out[i] - 1) / (double)(np - 1);
        }
        free(r);
        break;
    }
    default:
        return bs_error_set(err, "%s: unknown normalisation %d", name, (int)m);
    }
    return 0;
}

void bs_aggregate_mean(const double *const *norm, const double *weight,
                       size_t nind, size_t n, double min_coverage,
                       double *score, double *coverage)
{
    double total = 0;
    size_t i, j;

    for (j = 0; j < nind; j++)
        total += weight[j];
    for (i = 0; i < n; i++) {
        double pw = 0, sum = 0, cov;
        for (j = 0; j < nind; j++) {
            double v = norm[j][i];
            if (!isnan(v)) {
                pw += weight[j];
                sum += weight[j] * v;
            }
        }
        cov = total > 0 ? pw / total : 0;
        if (coverage)
            coverage[i] = cov;
        /* The tolerance lets coverage 0.75 pass a threshold written as 0.75
         * despite rounding in the weight sums. */
        score[i] = pw > 0 && cov >= min_coverage - 1e-12 ? sum / pw : NAN;
    }
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
