/* contiguity.c: queen and rook contiguity of polygons (see weights.h).
 *
 * One pass over the boundary points, area by area: each point looks up the
 * points already seen with the same key (its exact coordinates, or with a
 * snap distance its grid cell, 16 snap wide, and the cells next to it when
 * it lies within snap of their edge), then joins them. A point of another
 * area near it makes a queen neighbour, and a rook neighbour when the next
 * point along its ring is also near the other point's next or previous
 * one (the segment is shared, in either direction). Every pair of near
 * points is so seen once, by the later of the two; the links found are made
 * symmetric and sorted by bs_weights_from_lists.
 *
 * The hash table holds a point index per slot (the first point of a key;
 * keys are compared through that point's coordinates, as topology.c's
 * vertex index does) and the points of a key chain on from there: 4 bytes a
 * slot and 4 a point. No pair of areas is compared that shares no key. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/contiguity.h"

#define NONE UINT32_MAX

typedef struct grid {
    const bs_areas *a;
    double snap;              /* 0: exact coordinates */
    double cell;              /* snap: grid cell width, 16 snap */
    size_t cap;               /* slots, a power of 2 */
    uint32_t *slot;           /* first point of a key, NONE: empty */
    uint32_t *next;           /* npts: next point with the same key */
    uint32_t *ring;           /* npts: the point's ring */
    size_t *ring_area;        /* nrings: the ring's area */
    size_t *ring_end;         /* nrings: end of its points without the
                                 closing copy of the first */
} grid;

static uint64_t mix64(uint64_t z)
{
    z ^= z >> 33;
    z *= 0xff51afd7ed558ccdULL;
    z ^= z >> 33;
    z *= 0xc4ceb9fe1a85ec53ULL;
    z ^= z >> 33;
    return z;
}

/* The key of a point: its coordinates' bits (exact) or its cell. */
static void key_of(const grid *g, size_t p, int64_t *kx, int64_t *ky)
{
    double x = g->a->x[p] + 0.0, y = g->a->y[p] + 0.0;   /* -0.0 is 0.0 */

    if (g->snap == 0) {
        memcpy(kx, &x, sizeof x);
        memcpy(ky, &y, sizeof y);
    } else {
        *kx = (int64_t)floor(x / g->cell);
        *ky = (int64_t)floor(y / g->cell);
    }
}

/* The slot of key (kx, ky): where its first point is, or would go. */
static size_t slot_of(const grid *g, int64_t kx, int64_t ky)
{
    size_t h = (size_t)mix64((uint64_t)kx ^ mix64((uint64_t)ky)) & (g->cap - 1);
    uint32_t p;

    while ((p = g->slot[h]) != NONE) {
        int64_t px, py;

        key_of(g, p, &px, &py);
        if (px == kx && py == ky)
            break;
        h = (h + 1) & (g->cap - 1);
    }
    return h;
}

static int near(const grid *g, size_t p, size_t q)
{
    double dx = g->a->x[p] - g->a->x[q], dy = g->a->y[p] - g->a->y[q];

    if (g->snap == 0)
        return dx == 0 && dy == 0;
    return dx * dx + dy * dy <= g->snap * g->snap;
}

/* The next (dir 1) or previous (dir -1) point along p's ring that is not
 * near p, going round; NONE when the whole ring is near p. */
static uint32_t step(const grid *g, uint32_t p, int dir)
{
    size_t r = g->ring[p], lo = g->a->pt_first[r], hi = g->ring_end[r];
    size_t q = p, k;

    for (k = lo; k < hi; k++) {
        q = dir > 0 ? (q + 1 < hi ? q + 1 : lo) : (q > lo ? q - 1 : hi - 1);
        if (q == p)
            return NONE;
        if (!near(g, p, q))
            return (uint32_t)q;
    }
    return NONE;
}

static int point_error(const bs_areas *a, size_t p, bs_error *err)
{
    size_t i;

    for (i = 0; i + 1 < a->n && a->pt_first[a->ring_first[i + 1]] <= p; i++)
        ;
    return bs_error_set(err, "%s: record %ld: point %zu is not a finite "
                        "number", a->path, a->n ? a->record[i] : 0L,
                        p - (a->n ? a->pt_first[a->ring_first[i]] : 0) + 1);
}

static void grid_free(grid *g)
{
    free(g->slot);
    free(g->next);
    free(g->ring);
    free(g->ring_area);
    free(g->ring_end);
}

static int grid_build(grid *g, const bs_areas *a, double snap, bs_error *err)
{
    size_t i, r, p;
    double span = 0;

    memset(g, 0, sizeof *g);
    g->a = a;
    g->snap = snap;
    g->cell = 16 * snap;
    if (a->npts >= NONE || a->n >= NONE)
        return bs_error_set(err, "%s: too many points for contiguity (%zu)",
                            a->path, a->npts);
    for (p = 0; p < a->npts; p++) {
        if (!isfinite(a->x[p]) || !isfinite(a->y[p]))
            return point_error(a, p, err);
        span = fmax(span, fmax(fabs(a->x[p]), fabs(a->y[p])));
    }
    if (snap > 0 && span / g->cell >= 0x1p52)
        return bs_error_set(err, "%s: snap %g is too small for coordinates "
                            "up to %g (use 0 for exact matching)", a->path,
                            snap, span);
    for (g->cap = 16; g->cap < 2 * a->npts; g->cap <<= 1)
        ;
    g->slot = malloc(g->cap * sizeof *g->slot);
    g->next = malloc((a->npts ? a->npts : 1) * sizeof *g->next);
    g->ring = malloc((a->npts ? a->npts : 1) * sizeof *g->ring);
    g->ring_area = malloc((a->nrings ? a->nrings : 1) * sizeof *g->ring_area);
    g->ring_end = malloc((a->nrings ? a->nrings : 1) * sizeof *g->ring_end);
    if (!g->slot || !g->next || !g->ring || !g->ring_area || !g->ring_end)
        return bs_error_set(err, "%s: out of memory", a->path);
    memset(g->slot, 0xff, g->cap * sizeof *g->slot);
    for (i = 0; i < a->n; i++)
        for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++)
            g->ring_area[r] = i;
    for (r = 0; r < a->nrings; r++) {
        size_t lo = a->pt_first[r], hi = a->pt_first[r + 1];

        /* the closing copy of the first point is left out */
        if (hi - lo > 1 && a->x[hi - 1] == a->x[lo] && a->y[hi - 1] == a->y[lo])
            hi--;
        g->ring_end[r] = hi;
        for (p = lo; p < a->pt_first[r + 1]; p++)
            g->ring[p] = (uint32_t)r;
    }
    return 0;
}

/* Links found, as (area << 32 | neighbour), both directions. */
typedef struct pairs {
    uint64_t *v;
    size_t n, cap;
} pairs;

static int pairs_add(pairs *s, uint64_t a, uint64_t b)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        uint64_t *v = realloc(s->v, cap * sizeof *v);

        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = a << 32 | b;
    s->v[s->n++] = b << 32 | a;
    return 0;
}

/* Whether point q (another area's) makes area a's point p a link of kind. */
static int touches(const grid *g, bs_contiguity kind, uint32_t p, uint32_t q)
{
    uint32_t pn, qn, qp;

    if (kind == BS_CONTIGUITY_QUEEN)
        return 1;
    if ((pn = step(g, p, 1)) == NONE)
        return 0;
    qn = step(g, q, 1);
    qp = step(g, q, -1);
    return (qn != NONE && near(g, pn, qn)) || (qp != NONE && near(g, pn, qp));
}

/* Links area i's point p to the points seen before it in slot h. */
static int link_slot(const grid *g, bs_contiguity kind, size_t i, uint32_t p,
                     size_t h, size_t *stamp, pairs *out)
{
    uint32_t q;

    for (q = g->slot[h]; q != NONE; q = g->next[q]) {
        size_t j = g->ring_area[g->ring[q]];

        if (j == i || stamp[j] == i + 1 || !near(g, p, q)
            || !touches(g, kind, p, q))
            continue;
        stamp[j] = i + 1;
        if (pairs_add(out, i, j) != 0)
            return -1;
    }
    return 0;
}

/* Links the points of area i to those seen before, then adds them to the
 * table (stamp[] marks the neighbours area i has found). */
static int area_links(grid *g, bs_contiguity kind, size_t i, size_t *stamp,
                      pairs *out)
{
    const bs_areas *a = g->a;
    size_t r, p;

    for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++)
        for (p = a->pt_first[r]; p < g->ring_end[r]; p++) {
            int64_t kx, ky, dx, dy;
            size_t h;

            key_of(g, p, &kx, &ky);
            h = slot_of(g, kx, ky);
            if (link_slot(g, kind, i, (uint32_t)p, h, stamp, out) != 0)
                return -1;
            if (g->snap > 0) {
                /* the cells next door, when p is within snap of them */
                double ox = a->x[p] + 0.0 - (double)kx * g->cell;
                double oy = a->y[p] + 0.0 - (double)ky * g->cell;
                int lox = ox <= g->snap, hix = g->cell - ox <= g->snap;
                int loy = oy <= g->snap, hiy = g->cell - oy <= g->snap;

                for (dx = -1; dx <= 1; dx++)
                    for (dy = -1; dy <= 1; dy++) {
                        if ((dx == 0 && dy == 0) || (dx < 0 && !lox)
                            || (dx > 0 && !hix) || (dy < 0 && !loy)
                            || (dy > 0 && !hiy))
                            continue;
                        if (link_slot(g, kind, i, (uint32_t)p,
                                      slot_of(g, kx + dx, ky + dy), stamp,
                                      out) != 0)
                            return -1;
                    }
            }
            g->next[p] = g->slot[h];
            g->slot[h] = (uint32_t)p;
        }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

int bs_weights_contiguity(const bs_areas *a, bs_contiguity kind, double snap,
                          bs_weights **out, bs_error *err)
{
    grid g;
    pairs links = {NULL, 0, 0};
    size_t *stamp = NULL, *first = NULL, *nb = NULL, i, k, m = 0;
    int rc = -1;

    *out = NULL;
    if (!(snap >= 0) || !isfinite(snap))
        return bs_error_set(err, "%s: snap must be 0 or more (it is %g)",
                            a->path, snap);
    if (grid_build(&g, a, snap, err) != 0)
        goto done;
    stamp = calloc(a->n ? a->n : 1, sizeof *stamp);
    first = calloc(a->n + 1, sizeof *first);
    if (!stamp || !first)
        goto oom;
    /* each link is found from the later area, once per area pair; both
     * directions are added and copies (from either side) dropped */
    for (i = 0; i < a->n; i++)
        if (area_links(&g, kind, i, stamp, &links) != 0)
            goto oom;
    if (links.n)                /* links.v is NULL while empty */
        qsort(links.v, links.n, sizeof *links.v, cmp_u64);
    if (!(nb = malloc((links.n ? links.n : 1) * sizeof *nb)))
        goto oom;
    for (k = 0; k < links.n; k++) {
        if (k > 0 && links.v[k] == links.v[k - 1])
            continue;
        nb[m++] = (size_t)(links.v[k] & 0xffffffffu);
        first[(links.v[k] >> 32) + 1]++;
    }
    for (i = 0; i < a->n; i++)
        first[i + 1] += first[i];
    rc = bs_weights_from_lists(a->n, first, nb, NULL, out, err);
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", a->path);
done:
    grid_free(&g);
    free(links.v);
    free(stamp);
    free(first);
    free(nb);
    return rc;
}
