/* neighbours.c: weights on points: k nearest neighbours and distance bands
 * (see contiguity.h), through the k-d tree. */
#include <math.h>
#include <stdlib.h>
#include "buurtscan/contiguity.h"
#include "buurtscan/kdtree.h"

int bs_weights_knn(const double *x, const double *y, size_t n, size_t k,
                   bs_weights **out, bs_error *err)
{
    bs_kdtree *t;
    size_t *first, *nb, i, valid, l = 0;
    double *d2;
    int rc;

    *out = NULL;
    if (k == 0)
        return bs_error_set(err, "k nearest neighbours: k must be at least 1");
    if (bs_kdtree_new(x, y, n, &t, err) != 0)
        return -1;
    valid = bs_kdtree_size(t);
    if (k >= valid) {
        bs_kdtree_free(t);
        return bs_error_set(err, "k nearest neighbours: k = %zu but only %zu "
                            "other areas have a point", k,
                            valid ? valid - 1 : 0);
    }
    first = malloc((n + 1) * sizeof *first);
    nb = malloc((valid > 0 ? valid * k : 1) * sizeof *nb);
    d2 = malloc(k * sizeof *d2);
    if (!first || !nb || !d2) {
        bs_kdtree_free(t);
        free(first), free(nb), free(d2);
        return bs_error_set(err, "k nearest neighbours: out of memory");
    }
    first[0] = 0;
    for (i = 0; i < n; i++) {
        l += bs_kdtree_nearest(t, x[i], y[i], k, i, nb + l, d2);
        first[i + 1] = l;
    }
    bs_kdtree_free(t);
    free(d2);
    rc = bs_weights_from_lists(n, first, nb, NULL, out, err);
    free(first), free(nb);
    return rc;
}

typedef struct band {
    size_t self, *nb, len, cap;
    int oom;
} band;

static void band_visit(void *ud, size_t j, double d2)
{
    band *b = ud;

    (void)d2;
    if (j == b->self || b->oom)
        return;
    if (b->len == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        size_t *nb = realloc(b->nb, cap * sizeof *nb);

        if (!nb) {
            b->oom = 1;
            return;
        }
        b->nb = nb;
        b->cap = cap;
    }
    b->nb[b->len++] = j;
}

int bs_weights_distance(const double *x, const double *y, size_t n,
                        double band_width, bs_weights **out, bs_error *err)
{
    bs_kdtree *t;
    band b = {0, NULL, 0, 0, 0};
    size_t *first, i;
    int rc;

    *out = NULL;
    if (!(band_width > 0) || !isfinite(band_width))
        return bs_error_set(err, "distance band: the distance must be "
                            "positive (it is %g)", band_width);
    if (!(first = malloc((n + 1) * sizeof *first)))
        return bs_error_set(err, "distance band: out of memory");
    if (bs_kdtree_new(x, y, n, &t, err) != 0) {
        free(first);
        return -1;
    }
    first[0] = 0;
    for (i = 0; i < n && !b.oom; i++) {
        b.self = i;
        bs_kdtree_within(t, x[i], y[i], band_width, band_visit, &b);
        first[i + 1] = b.len;
    }
    bs_kdtree_free(t);
    if (b.oom) {
        free(first), free(b.nb);
        return bs_error_set(err, "distance band: out of memory (%zu links so "
                            "far; is the distance too large?)", b.len);
    }
    rc = bs_weights_from_lists(n, first, b.nb, NULL, out, err);
    free(first), free(b.nb);
    return rc;
}
