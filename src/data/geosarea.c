/* geosarea.c: rings of the area model nested into GEOS polygons. */
#include <math.h>
#include <stdlib.h>
#include "geosarea.h"

/* 1 inside ring (x, y, n points, closed), 0 outside, -1 on its boundary. */
static int ring_contains(const double *x, const double *y, size_t n, double px,
                         double py)
{
    size_t i, j;
    int in = 0;

    for (i = 0, j = n - 1; i < n; j = i++) {
        double cross = (x[i] - px) * (y[j] - py) - (x[j] - px) * (y[i] - py);
        if (cross == 0 && px >= fmin(x[i], x[j]) && px <= fmax(x[i], x[j])
            && py >= fmin(y[i], y[j]) && py <= fmax(y[i], y[j]))
            return -1;
        if ((y[i] > py) != (y[j] > py)
            && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i])
            in = !in;
    }
    return in;
}

/* Whether ring b lies inside ring a: the first vertex of b not on a's
 * boundary decides (rings of a valid area do not cross). */
static int ring_inside(const bs_areas *A, size_t a, size_t b)
{
    size_t pa = A->pt_first[a], na = A->pt_first[a + 1] - pa;
    size_t pb = A->pt_first[b], nb = A->pt_first[b + 1] - pb, k;

    for (k = 0; k < nb; k++) {
        int c = ring_contains(A->x + pa, A->y + pa, na, A->x[pb + k], A->y[pb + k]);
        if (c >= 0)
            return c;
    }
    return 0;
}

/* Ring r as a GEOS linear ring (closed if it was not); NULL for a ring of
 * fewer than 3 distinct points (skipped) or on a GEOS error. */
static GEOSGeometry *make_ring(GEOSContextHandle_t ctx, const bs_areas *A, size_t r)
{
    size_t p0 = A->pt_first[r], n = A->pt_first[r + 1] - p0, m;
    int closed = n > 0 && A->x[p0] == A->x[p0 + n - 1] && A->y[p0] == A->y[p0 + n - 1];
    GEOSCoordSequence *cs;

    m = n + !closed;
    if (m < 4)
        return NULL;
    if (closed) {
        cs = GEOSCoordSeq_copyFromArrays_r(ctx, A->x + p0, A->y + p0, NULL,
                                           NULL, (unsigned)n);
    } else {
        size_t k;
        cs = GEOSCoordSeq_create_r(ctx, (unsigned)m, 2);
        for (k = 0; cs && k < m; k++)
            GEOSCoordSeq_setXY_r(ctx, cs, (unsigned)k, A->x[p0 + k % n],
                                 A->y[p0 + k % n]);
    }
    return cs ? GEOSGeom_createLinearRing_r(ctx, cs) : NULL;
}

static void ring_box(const bs_areas *A, size_t r, double b[4])
{
    size_t k;

    b[0] = b[1] = INFINITY;
    b[2] = b[3] = -INFINITY;
    for (k = A->pt_first[r]; k < A->pt_first[r + 1]; k++) {
        b[0] = fmin(b[0], A->x[k]);
        b[1] = fmin(b[1], A->y[k]);
        b[2] = fmax(b[2], A->x[k]);
        b[3] = fmax(b[3], A->y[k]);
    }
}

/* Depth of each of the k rings of an area (rings containing it) and its
 * parent (the deepest ring containing it, -1 for none). */
static int ring_nesting(const bs_areas *A, size_t r0, size_t k, int *depth,
                        long *parent)
{
    double (*box)[4] = malloc(k * sizeof *box);
    size_t a, b;

    if (!box)
        return -1;
    for (a = 0; a < k; a++) {
        ring_box(A, r0 + a, box[a]);
        depth[a] = 0;
        parent[a] = -1;
    }
    for (b = 0; b < k; b++)
        for (a = 0; a < k; a++) {
            if (a == b || box[a][0] > box[b][0] || box[a][1] > box[b][1]
                || box[a][2] < box[b][2] || box[a][3] < box[b][3])
                continue;
            if (ring_inside(A, r0 + a, r0 + b))
                depth[b]++;
        }
    for (b = 0; b < k; b++)
        for (a = 0; a < k; a++)
            if (a != b && depth[a] == depth[b] - 1 && box[a][0] <= box[b][0]
                && box[a][1] <= box[b][1] && box[a][2] >= box[b][2]
                && box[a][3] >= box[b][3] && ring_inside(A, r0 + a, r0 + b))
                parent[b] = (long)a;
    free(box);
    return 0;
}

/* Polygon of shell ring s (index within the area) with its holes. */
static GEOSGeometry *make_polygon(GEOSContextHandle_t ctx, const bs_areas *A, size_t r0, size_t k,
                                  size_t s, const int *depth, const long *parent)
{
    GEOSGeometry *shell = make_ring(ctx, A, r0 + s), **holes;
    GEOSGeometry *poly;
    unsigned nh = 0;
    size_t h;

    if (!shell)
        return NULL;
    holes = malloc(k * sizeof *holes);
    if (!holes) {
        GEOSGeom_destroy_r(ctx, shell);
        return NULL;
    }
    for (h = 0; h < k; h++)
        if (depth[h] % 2 == 1 && parent[h] == (long)s) {
            GEOSGeometry *hr = make_ring(ctx, A, r0 + h);
            if (hr)
                holes[nh++] = hr;
        }
    poly = GEOSGeom_createPolygon_r(ctx, shell, holes, nh);
    free(holes);
    return poly;
}

GEOSGeometry *bs_geos_area(GEOSContextHandle_t ctx, const bs_areas *A, size_t i, int *fail)
{
    size_t r0 = A->ring_first[i], k = A->ring_first[i + 1] - r0, s, np = 0;
    int *depth;
    long *parent;
    GEOSGeometry **polys, *g;

    *fail = 0;
    if (k == 0)
        return NULL;
    depth = malloc(k * sizeof *depth);
    parent = malloc(k * sizeof *parent);
    polys = malloc(k * sizeof *polys);
    if (!depth || !parent || !polys || ring_nesting(A, r0, k, depth, parent)) {
        free(depth);
        free(parent);
        free(polys);
        *fail = 1;
        return NULL;
    }
    for (s = 0; s < k; s++)
        if (depth[s] % 2 == 0) {
            GEOSGeometry *p = make_polygon(ctx, A, r0, k, s, depth, parent);
            if (p)
                polys[np++] = p;
        }
    g = np ? GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polys,
                                         (unsigned)np) : NULL;
    free(depth);
    free(parent);
    free(polys);
    return g;
}

