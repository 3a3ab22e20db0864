/* weights.c: sparse spatial weights (data level): the one constructor that
 * checks and sorts neighbour lists, styles, subsets, the weight constants
 * and the lag. The builders (contiguity, k nearest neighbours, distance
 * bands) are in analysis (contiguity.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/weights.h"

void bs_weights_free(bs_weights *w)
{
    if (!w)
        return;
    free(w->first);
    free(w->nb);
    free(w->raw);
    free(w->w);
    free(w->islands);
    free(w);
}

typedef struct link {
    size_t nb;
    double raw;
} link;

static int link_cmp(const void *a, const void *b)
{
    size_t x = ((const link *)a)->nb, y = ((const link *)b)->nb;

    return (x > y) - (x < y);
}

/* The weight of link i -> j, or 0 when there is none (rows are sorted). */
static double weight_of(const bs_weights *w, size_t i, size_t j)
{
    size_t lo = w->first[i], hi = w->first[i + 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (w->nb[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->first[i + 1] && w->nb[lo] == j ? w->w[lo] : 0;
}

static int has_link(const bs_weights *w, size_t i, size_t j)
{
    size_t lo = w->first[i], hi = w->first[i + 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (w->nb[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->first[i + 1] && w->nb[lo] == j;
}

/* Islands and symmetry, once the rows are sorted. */
static int finish(bs_weights *w, bs_error *err)
{
    size_t i, k;

    w->nislands = 0;
    for (i = 0; i < w->n; i++)
        w->nislands += w->first[i + 1] == w->first[i];
    free(w->islands);
    w->islands = malloc((w->nislands ? w->nislands : 1) * sizeof *w->islands);
    if (!w->islands)
        return bs_error_set(err, "weights: out of memory");
    for (i = 0, k = 0; i < w->n; i++)
        if (w->first[i + 1] == w->first[i])
            w->islands[k++] = i;
    w->symmetric = 1;
    for (i = 0; i < w->n && w->symmetric; i++)
        for (k = w->first[i]; k < w->first[i + 1]; k++)
            if (!has_link(w, w->nb[k], i)) {
                w->symmetric = 0;
                break;
            }
    return 0;
}

int bs_weights_from_lists(size_t n, const size_t *first, const size_t *nb,
                          const double *raw, bs_weights **out, bs_error *err)
{
    bs_weights *w = calloc(1, sizeof *w);
    size_t i, k, base = first[0], m = first[n] - first[0], widest = 0;
    link *row = NULL;

    *out = NULL;
    if (!w)
        return bs_error_set(err, "weights: out of memory");
    w->n = n;
    w->nlinks = m;
    w->first = malloc((n + 1) * sizeof *w->first);
    w->nb = malloc((m ? m : 1) * sizeof *w->nb);
    w->raw = malloc((m ? m : 1) * sizeof *w->raw);
    w->w = malloc((m ? m : 1) * sizeof *w->w);
    for (i = 0; i < n; i++)
        if (first[i + 1] - first[i] > widest)
            widest = first[i + 1] - first[i];
    row = malloc((widest ? widest : 1) * sizeof *row);
    if (!w->first || !w->nb || !w->raw || !w->w || !row)
        goto oom;
    w->first[0] = 0;
    for (i = 0; i < n; i++) {
        size_t len = first[i + 1] - first[i];

        for (k = 0; k < len; k++) {
            row[k].nb = nb[first[i] + k];
            row[k].raw = raw ? raw[first[i] + k] : 1;
            if (row[k].nb >= n) {
                bs_error_set(err, "area %zu: neighbour %zu is not an area "
                             "(there are %zu)", i + 1, row[k].nb + 1, n);
                goto fail;
            }
            if (row[k].nb == i) {
                bs_error_set(err, "area %zu: neighbour %zu is the area "
                             "itself", i + 1, i + 1);
                goto fail;
            }
            if (!(row[k].raw > 0) || !isfinite(row[k].raw)) {
                bs_error_set(err, "area %zu: the weight of neighbour %zu is "
                             "%g; weights must be positive and finite", i + 1,
                             row[k].nb + 1, row[k].raw);
                goto fail;
            }
        }
        qsort(row, len, sizeof *row, link_cmp);
        for (k = 0; k < len; k++) {
            if (k > 0 && row[k].nb == row[k - 1].nb) {
                bs_error_set(err, "area %zu: neighbour %zu is listed twice",
                             i + 1, row[k].nb + 1);
                goto fail;
            }
            w->nb[first[i] - base + k] = row[k].nb;
            w->raw[first[i] - base + k] = row[k].raw;
        }
        w->first[i + 1] = first[i + 1] - base;
    }
    free(row);
    w->style = raw ? BS_WEIGHTS_RAW : BS_WEIGHTS_BINARY;
    bs_weights_set_style(w, w->style);
    if (finish(w, err) != 0) {
        bs_weights_free(w);
        return -1;
    }
    *out = w;
    return 0;
oom:
    bs_error_set(err, "weights: out of memory");
fail:
    free(row);
    bs_weights_free(w);
    return -1;
}

void bs_weights_set_style(bs_weights *w, bs_weights_style style)
{
    size_t i, k;

    w->style = style;
    for (i = 0; i < w->n; i++) {
        double sum = 0;

        for (k = w->first[i]; k < w->first[i + 1]; k++)
            sum += w->raw[k];
        for (k = w->first[i]; k < w->first[i + 1]; k++)
            w->w[k] = style == BS_WEIGHTS_BINARY ? 1
                      : style == BS_WEIGHTS_ROW ? w->raw[k] / sum : w->raw[k];
    }
}

int bs_weights_subset(const bs_weights *w, const unsigned char *keep,
                      bs_weights **out, size_t *map, bs_error *err)
{
    size_t *newid = malloc((w->n ? w->n : 1) * sizeof *newid);
    size_t *first = malloc((w->n + 1) * sizeof *first);
    size_t *nb = malloc((w->nlinks ? w->nlinks : 1) * sizeof *nb);
    double *raw = malloc((w->nlinks ? w->nlinks : 1) * sizeof *raw);
    size_t i, k, m = 0, l = 0;
    int rc;

    *out = NULL;
    if (!newid || !first || !nb || !raw) {
        free(newid), free(first), free(nb), free(raw);
        return bs_error_set(err, "weights: out of memory");
    }
    for (i = 0; i < w->n; i++) {
        newid[i] = keep[i] ? m : SIZE_MAX;
        if (keep[i] && map)
            map[m] = i;
        m += keep[i] != 0;
    }
    first[0] = 0;
    for (i = 0; i < w->n; i++) {
        if (!keep[i])
            continue;
        for (k = w->first[i]; k < w->first[i + 1]; k++)
            if (keep[w->nb[k]]) {
                nb[l] = newid[w->nb[k]];
                raw[l++] = w->raw[k];
            }
        first[newid[i] + 1] = l;
    }
    rc = bs_weights_from_lists(m, first, nb, raw, out, err);
    if (rc == 0)
        bs_weights_set_style(*out, w->style);
    free(newid), free(first), free(nb), free(raw);
    return rc;
}

void bs_weights_sums(const bs_weights *w, double *s0, double *s1, double *s2)
{
    double *col = calloc(w->n ? w->n : 1, sizeof *col);
    double a = 0, b = 0, c = 0;
    size_t i, k;

    for (i = 0; i < w->n; i++)
        for (k = w->first[i]; k < w->first[i + 1]; k++) {
            size_t j = w->nb[k];
            double back = weight_of(w, j, i), sum = w->w[k] + back;

            a += w->w[k];
            /* the ordered pairs (i, j) and, when j lists no i, (j, i) */
            b += sum * sum;
            if (!has_link(w, j, i))
                b += w->w[k] * w->w[k];
            if (col)
                col[j] += w->w[k];
        }
    for (i = 0; i < w->n && col; i++) {
        double row = 0;

        for (k = w->first[i]; k < w->first[i + 1]; k++)
            row += w->w[k];
        c += (row + col[i]) * (row + col[i]);
    }
    free(col);
    *s0 = a;
    *s1 = b / 2;
    *s2 = col ? c : NAN;
}

void bs_weights_lag(const bs_weights *w, const double *z, double *lag)
{
    size_t i, k;

    for (i = 0; i < w->n; i++) {
        double s = 0;

        for (k = w->first[i]; k < w->first[i + 1]; k++)
            s += w->w[k] * z[w->nb[k]];
        lag[i] = s;
    }
}

size_t bs_weights_max_neighbours(const bs_weights *w)
{
    size_t i, m = 0;

    for (i = 0; i < w->n; i++)
        if (w->first[i + 1] - w->first[i] > m)
            m = w->first[i + 1] - w->first[i];
    return m;
}
