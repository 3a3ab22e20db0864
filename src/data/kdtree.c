/* kdtree.c: a static 2-d tree (see kdtree.h).
 *
 * The points are copied in tree order; a node owns a range of them and its
 * bounding box. Inner nodes split their range at the median along the
 * longer side of their box (quickselect), so the tree is balanced; ranges
 * of LEAF points or fewer are scanned. Queries prune on the distance from
 * the query to a node's box: a box no nearer than the current k-th nearest
 * cannot hold a nearer point (and one exactly as near is still visited, for
 * the tie-break by index). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "buurtscan/kdtree.h"

#define LEAF 8
#define NONE SIZE_MAX

typedef struct node {
    double box[4];            /* minx, miny, maxx, maxy of its points */
    size_t lo, hi;            /* its points: px[lo .. hi) */
    size_t left, right;       /* children, NONE for a leaf */
} node;

struct bs_kdtree {
    size_t n;                 /* points in the tree */
    double *px, *py;          /* n, in tree order */
    size_t *id;               /* n: the caller's index of each */
    node *nodes;
    size_t nnodes;
};

static double coord(const bs_kdtree *t, size_t i, int axis)
{
    return axis ? t->py[i] : t->px[i];
}

static void swap_points(bs_kdtree *t, size_t a, size_t b)
{
    double x = t->px[a], y = t->py[a];
    size_t id = t->id[a];

    t->px[a] = t->px[b];
    t->py[a] = t->py[b];
    t->id[a] = t->id[b];
    t->px[b] = x;
    t->py[b] = y;
    t->id[b] = id;
}

/* Puts the point that belongs at k (sorted along axis) at k, smaller ones
 * before it and larger ones after (Hoare's quickselect, middle pivot). */
static void select_kth(bs_kdtree *t, size_t lo, size_t hi, size_t k, int axis)
{
    while (hi - lo > 1) {
        double pivot = coord(t, lo + (hi - lo - 1) / 2, axis);
        size_t i = lo, j = hi - 1;

        for (;;) {
            while (coord(t, i, axis) < pivot)
                i++;
            while (coord(t, j, axis) > pivot)
                j--;
            if (i >= j)
                break;
            swap_points(t, i, j);
            i++;
            j--;
        }
        /* [lo, j] <= pivot <= [j+1, hi) */
        if (k <= j)
            hi = j + 1;
        else
            lo = j + 1;
    }
}

static size_t build(bs_kdtree *t, size_t lo, size_t hi)
{
    size_t me = t->nnodes++, i, mid;
    node *nd = &t->nodes[me];
    int axis;

    nd->lo = lo;
    nd->hi = hi;
    nd->left = nd->right = NONE;
    nd->box[0] = nd->box[1] = INFINITY;
    nd->box[2] = nd->box[3] = -INFINITY;
    for (i = lo; i < hi; i++) {
        nd->box[0] = fmin(nd->box[0], t->px[i]);
        nd->box[1] = fmin(nd->box[1], t->py[i]);
        nd->box[2] = fmax(nd->box[2], t->px[i]);
        nd->box[3] = fmax(nd->box[3], t->py[i]);
    }
    if (hi - lo <= LEAF)
        return me;
    axis = nd->box[3] - nd->box[1] > nd->box[2] - nd->box[0];
    mid = lo + (hi - lo) / 2;
    select_kth(t, lo, hi, mid, axis);
    nd->left = build(t, lo, mid);     /* nodes[] is allocated in full */
    nd->right = build(t, mid, hi);
    return me;
}

int bs_kdtree_new(const double *x, const double *y, size_t n, bs_kdtree **out,
                  bs_error *err)
{
    bs_kdtree *t = calloc(1, sizeof *t);
    size_t i, m = 0;

    *out = NULL;
    if (!t)
        return bs_error_set(err, "k-d tree: out of memory");
    for (i = 0; i < n; i++)
        m += isfinite(x[i]) && isfinite(y[i]);
    t->px = malloc((m ? m : 1) * sizeof *t->px);
    t->py = malloc((m ? m : 1) * sizeof *t->py);
    t->id = malloc((m ? m : 1) * sizeof *t->id);
    /* a binary tree over m points with at most LEAF per leaf has fewer
     * than 2 m / (LEAF / 2) + 1 nodes */
    t->nodes = malloc((m / (LEAF / 2) * 2 + 1) * sizeof *t->nodes);
    if (!t->px || !t->py || !t->id || !t->nodes) {
        bs_kdtree_free(t);
        return bs_error_set(err, "k-d tree: out of memory");
    }
    for (i = 0; i < n; i++)
        if (isfinite(x[i]) && isfinite(y[i])) {
            t->px[t->n] = x[i];
            t->py[t->n] = y[i];
            t->id[t->n++] = i;
        }
    if (t->n > 0)
        build(t, 0, t->n);
    *out = t;
    return 0;
}

void bs_kdtree_free(bs_kdtree *t)
{
    if (!t)
        return;
    free(t->px);
    free(t->py);
    free(t->id);
    free(t->nodes);
    free(t);
}

size_t bs_kdtree_size(const bs_kdtree *t)
{
    return t->n;
}

/* Squared distance from (x, y) to the box (0 inside it). */
static double box_d2(const double *b, double x, double y)
{
    double dx = x < b[0] ? b[0] - x : x > b[2] ? x - b[2] : 0;
    double dy = y < b[1] ? b[1] - y : y > b[3] ? y - b[3] : 0;

    return dx * dx + dy * dy;
}

/* Squared distance from (x, y) to the farthest corner of the box. */
static double box_far_d2(const double *b, double x, double y)
{
    double dx = fmax(fabs(x - b[0]), fabs(x - b[2]));
    double dy = fmax(fabs(y - b[1]), fabs(y - b[3]));

    return dx * dx + dy * dy;
}

/* ---- k nearest: a max-heap on (d2, index) of the best k so far ---- */

typedef struct knn {
    const bs_kdtree *t;
    double qx, qy;
    size_t k, skip, n;
    size_t *idx;
    double *d2;
} knn;

static int farther(double da, size_t ia, double db, size_t ib)
{
    return da > db || (da == db && ia > ib);
}

static void heap_sift_down(knn *h, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        double td;
        size_t ti;

        if (l < h->n && farther(h->d2[l], h->idx[l], h->d2[m], h->idx[m]))
            m = l;
        if (r < h->n && farther(h->d2[r], h->idx[r], h->d2[m], h->idx[m]))
            m = r;
        if (m == i)
            return;
        td = h->d2[i], h->d2[i] = h->d2[m], h->d2[m] = td;
        ti = h->idx[i], h->idx[i] = h->idx[m], h->idx[m] = ti;
        i = m;
    }
}

static void heap_offer(knn *h, size_t id, double d2)
{
    size_t i;

    if (h->n < h->k) {
        i = h->n++;
        while (i > 0 && farther(d2, id, h->d2[(i - 1) / 2], h->idx[(i - 1) / 2])) {
            h->d2[i] = h->d2[(i - 1) / 2];
            h->idx[i] = h->idx[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h->d2[i] = d2;
        h->idx[i] = id;
    } else if (farther(h->d2[0], h->idx[0], d2, id)) {
        h->d2[0] = d2;
        h->idx[0] = id;
        heap_sift_down(h, 0);
    }
}

static void knn_visit(knn *h, size_t ni)
{
    const node *nd = &h->t->nodes[ni];
    size_t i, first, second;

    if (h->n == h->k && box_d2(nd->box, h->qx, h->qy) > h->d2[0])
        return;
    if (nd->left == NONE) {
        for (i = nd->lo; i < nd->hi; i++) {
            double dx = h->t->px[i] - h->qx, dy = h->t->py[i] - h->qy;

            if (h->t->id[i] != h->skip)
                heap_offer(h, h->t->id[i], dx * dx + dy * dy);
        }
        return;
    }
    first = nd->left;
    second = nd->right;
    if (box_d2(h->t->nodes[second].box, h->qx, h->qy)
        < box_d2(h->t->nodes[first].box, h->qx, h->qy))
        first = nd->right, second = nd->left;
    knn_visit(h, first);
    knn_visit(h, second);
}

size_t bs_kdtree_nearest(const bs_kdtree *t, double qx, double qy, size_t k,
                         size_t skip, size_t *idx, double *d2)
{
    knn h;
    size_t i, n;

    if (k == 0 || t->n == 0 || !isfinite(qx) || !isfinite(qy))
        return 0;
    h.t = t;
    h.qx = qx;
    h.qy = qy;
    h.k = k;
    h.skip = skip;
    h.n = 0;
    h.idx = idx;
    h.d2 = d2;
    knn_visit(&h, 0);
    /* heap to nearest-first order: pop the farthest to the end */
    n = h.n;
    for (i = n; i > 1; i--) {
        double td = d2[0];
        size_t ti = idx[0];

        d2[0] = d2[i - 1];
        idx[0] = idx[i - 1];
        d2[i - 1] = td;
        idx[i - 1] = ti;
        h.n = i - 1;
        heap_sift_down(&h, 0);
    }
    return n;
}

/* ---- within a distance ---- */

static size_t count_visit(const bs_kdtree *t, size_t ni, double qx, double qy,
                          double r2)
{
    const node *nd = &t->nodes[ni];
    size_t i, c = 0;

    if (box_d2(nd->box, qx, qy) > r2)
        return 0;
    if (box_far_d2(nd->box, qx, qy) <= r2)
        return nd->hi - nd->lo;
    if (nd->left != NONE)
        return count_visit(t, nd->left, qx, qy, r2)
               + count_visit(t, nd->right, qx, qy, r2);
    for (i = nd->lo; i < nd->hi; i++) {
        double dx = t->px[i] - qx, dy = t->py[i] - qy;

        c += dx * dx + dy * dy <= r2;
    }
    return c;
}

size_t bs_kdtree_count_within(const bs_kdtree *t, double qx, double qy,
                              double r)
{
    if (t->n == 0 || !isfinite(qx) || !isfinite(qy) || !(r >= 0))
        return 0;
    return count_visit(t, 0, qx, qy, r * r);
}

static void within_visit(const bs_kdtree *t, size_t ni, double qx, double qy,
                         double r2, void (*visit)(void *, size_t, double),
                         void *ud)
{
    const node *nd = &t->nodes[ni];
    size_t i;

    if (box_d2(nd->box, qx, qy) > r2)
        return;
    if (nd->left != NONE) {
        within_visit(t, nd->left, qx, qy, r2, visit, ud);
        within_visit(t, nd->right, qx, qy, r2, visit, ud);
        return;
    }
    for (i = nd->lo; i < nd->hi; i++) {
        double dx = t->px[i] - qx, dy = t->py[i] - qy;
        double d2 = dx * dx + dy * dy;

        if (d2 <= r2)
            visit(ud, t->id[i], d2);
    }
}

void bs_kdtree_within(const bs_kdtree *t, double qx, double qy, double r,
                      void (*visit)(void *ud, size_t i, double d2), void *ud)
{
    if (t->n == 0 || !isfinite(qx) || !isfinite(qy) || !(r >= 0))
        return;
    within_visit(t, 0, qx, qy, r * r, visit, ud);
}
