/* topology.c: rings cut into shared arcs, each arc simplified once, rings
 * rebuilt from the simplified arcs (see topology.h).
 *
 * The steps, each over flat arrays:
 *  1. vertices: every distinct coordinate pair gets an id (a hash of the
 *     exact coordinates); each ring becomes a cyclic sequence of ids with
 *     repeated points and the closing point dropped;
 *  2. nodes: a vertex is a node when it is passed with two different pairs
 *     of neighbours (by any rings): there the set of rings sharing the
 *     border changes. Elsewhere each vertex has one pair of neighbours, so
 *     a walk along a border is the same whichever ring takes it;
 *  3. arcs: each ring is cut at its nodes; a piece is looked up by its
 *     first edge, forwards or backwards, so a border shared by two rings
 *     becomes one arc that the one ring uses forwards and the other in
 *     reverse. A ring without nodes (an island, or an enclave and the hole
 *     it fills) is one closed arc, started at its smallest vertex id so
 *     that both rings that share it cut it at the same place;
 *  4. every arc gets a Douglas-Peucker importance per vertex, once;
 *  5. a ring that would collapse keeps more vertices of its arcs;
 *  6. the rings are written out from their arcs, and the arcs as runs of
 *     the rings' new points, so that a renderer strokes each border once.
 * Vertex ids and arc references are 32-bit to halve the memory of a
 * national set (2 million points); the limit is checked. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/topology.h"

#define NONE UINT32_MAX

typedef struct topo {
    const bs_areas *in;
    double kx, ky;            /* distance scale per axis */
    double tol2;              /* squared tolerance, scaled units */
    /* 1. vertices and cleaned rings */
    uint32_t nv;
    uint32_t *pt;             /* nv: each vertex's first point: its x, y are
                               * in->x[pt[v]], in->y[pt[v]] (a copy of them
                               * would take 12 MB more for England) */
    uint32_t *seq;            /* cyclic vertex sequences of the rings */
    size_t *seq_first;        /* nrings + 1 */
    unsigned char *closed;    /* nrings: input ring ends on its first point */
    signed char *turn;        /* nrings: sign of the input ring's area */
    /* 2. nodes */
    uint32_t *nb;             /* 2 nv: first (lower, higher) neighbour pair */
    unsigned char *node;      /* nv */
    /* 3. arcs, 4. importance */
    size_t narcs;
    size_t *arc_first;        /* narcs + 1, into av and imp */
    uint32_t *av;             /* vertex ids along the arcs */
    double *imp;              /* squared importance; INFINITY = always kept */
    size_t *ref_first;        /* nrings + 1, into ref */
    uint32_t *ref;            /* the arcs of each ring: arc << 1 | reversed */
    size_t nref;
    size_t maxring;           /* most arc vertices one ring uses */
} topo;

static void topo_free(topo *t)
{
    free(t->pt);
    free(t->seq);
    free(t->seq_first);
    free(t->closed);
    free(t->turn);
    free(t->nb);
    free(t->node);
    free(t->arc_first);
    free(t->av);
    free(t->imp);
    free(t->ref_first);
    free(t->ref);
}

static int ring_valid(const topo *t, size_t r)
{
    return t->seq_first[r + 1] - t->seq_first[r] >= 3;
}

/* Twice the signed area of the ring through vertices v[0..n), relative to
 * the first vertex against cancellation. */
static double ring_area2(const topo *t, const uint32_t *v, size_t n)
{
    const double *x = t->in->x, *y = t->in->y;
    const uint32_t *pt = t->pt;
    double x0, y0, area = 0;
    size_t i;

    if (n < 3)
        return 0;
    x0 = x[pt[v[0]]];
    y0 = y[pt[v[0]]];
    for (i = 1; i + 1 < n; i++) {
        size_t a = pt[v[i]], b = pt[v[i + 1]];
        area += (x[a] - x0) * (y[b] - y0) - (x[b] - x0) * (y[a] - y0);
    }
    return area;
}

static signed char sign(double v)
{
    return (signed char)((v > 0) - (v < 0));
}

/* --- 1. vertices ------------------------------------------------------ */

static uint64_t mix64(uint64_t z)
{
    z ^= z >> 33;
    z *= 0xff51afd7ed558ccdULL;
    z ^= z >> 33;
    z *= 0xc4ceb9fe1a85ec53ULL;
    z ^= z >> 33;
    return z;
}

static uint64_t hash_xy(double x, double y)
{
    uint64_t a, b;

    memcpy(&a, &x, sizeof a);
    memcpy(&b, &y, sizeof b);
    return mix64(a ^ mix64(b));
}

static size_t pow2_at_least(size_t n)
{
    size_t c = 16;

    while (c < n)
        c <<= 1;
    return c;
}

/* Finding a point's vertex, exactly or within the snap distance. */
typedef struct vertex_index {
    const topo *t;
    double snap;              /* 0: exact coordinates */
    double cell;              /* snap: grid cell size, 16 snap */
    size_t cap;
    uint32_t *slot;           /* exact: a vertex; snap: a cell's first vertex */
    uint32_t *next;           /* snap: the next vertex in the same cell */
} vertex_index;

static double vx(const topo *t, uint32_t v)
{
    return t->in->x[t->pt[v]] * t->kx;
}

static double vy(const topo *t, uint32_t v)
{
    return t->in->y[t->pt[v]] * t->ky;
}

static uint32_t new_vertex(topo *t, size_t p)
{
    t->pt[t->nv] = (uint32_t)p;
    return t->nv++;
}

static uint64_t cell_hash(int64_t cx, int64_t cy)
{
    return mix64((uint64_t)cx ^ mix64((uint64_t)cy));
}

/* The slot of cell (cx, cy): where its first vertex is, or would go. */
static size_t cell_slot(const vertex_index *ix, int64_t cx, int64_t cy)
{
    size_t h = (size_t)cell_hash(cx, cy) & (ix->cap - 1);
    uint32_t v;

    while ((v = ix->slot[h]) != NONE
           && !((int64_t)floor(vx(ix->t, v) / ix->cell) == cx
                && (int64_t)floor(vy(ix->t, v) / ix->cell) == cy))
        h = (h + 1) & (ix->cap - 1);
    return h;
}

static uint32_t cell_find(const vertex_index *ix, int64_t cx, int64_t cy,
                          double x, double y)
{
    uint32_t v = ix->slot[cell_slot(ix, cx, cy)];

    for (; v != NONE; v = ix->next[v])
        if (fabs(vx(ix->t, v) - x) <= ix->snap
            && fabs(vy(ix->t, v) - y) <= ix->snap)
            return v;
    return NONE;
}

/* The vertex of point p (scaled x, y), made if there is none yet. With a
 * snap distance, the first vertex within it on both axes is taken: in its
 * own grid cell, then in the neighbouring cells the point is that close to
 * (cells are 16 snap wide, so most points need no neighbour). */
static uint32_t vertex_of(vertex_index *ix, topo *t, size_t p, double x,
                          double y)
{
    uint32_t id;
    size_t h;

    if (ix->snap == 0) {
        h = (size_t)hash_xy(x, y) & (ix->cap - 1);
        while ((id = ix->slot[h]) != NONE
               && !(vx(t, id) == x && vy(t, id) == y))
            h = (h + 1) & (ix->cap - 1);
        if (id == NONE) {
            id = new_vertex(t, p);
            ix->slot[h] = id;
        }
        return id;
    } else {
        double fx = x / ix->cell, fy = y / ix->cell;
        int64_t cx = (int64_t)floor(fx), cy = (int64_t)floor(fy), dx, dy;
        double ox = (fx - (double)cx) * ix->cell, oy = (fy - (double)cy) * ix->cell;
        int lox = ox <= ix->snap, hix = ix->cell - ox <= ix->snap;
        int loy = oy <= ix->snap, hiy = ix->cell - oy <= ix->snap;

        if ((id = cell_find(ix, cx, cy, x, y)) != NONE)
            return id;
        for (dx = -1; dx <= 1; dx++)
            for (dy = -1; dy <= 1; dy++) {
                if ((dx == 0 && dy == 0) || (dx < 0 && !lox) || (dx > 0 && !hix)
                    || (dy < 0 && !loy) || (dy > 0 && !hiy))
                    continue;
                if ((id = cell_find(ix, cx + dx, cy + dy, x, y)) != NONE)
                    return id;
            }
        id = new_vertex(t, p);
        h = cell_slot(ix, cx, cy);
        ix->next[id] = ix->slot[h];
        ix->slot[h] = id;
        return id;
    }
}

/* The snap distance: a thousandth of the tolerance, but no more than a
 * 400th of the mean segment (mapshaper's automatic snapping), so that a
 * huge tolerance cannot merge the vertices of a ring. 0 (exact) when the
 * grid cells would be finer than the coordinates' precision. */
static double snap_distance(const topo *t, double tolerance)
{
    const bs_areas *a = t->in;
    double len = 0, big = 0, snap;
    size_t r, p, nseg = 0;

    for (r = 0; r < a->nrings; r++)
        for (p = a->pt_first[r]; p + 1 < a->pt_first[r + 1]; p++) {
            double dx = (a->x[p + 1] - a->x[p]) * t->kx;
            double dy = (a->y[p + 1] - a->y[p]) * t->ky;
            len += sqrt(dx * dx + dy * dy);
            nseg++;
        }
    for (p = 0; p < a->npts; p++) {
        big = fmax(big, fabs(a->x[p] * t->kx));
        big = fmax(big, fabs(a->y[p] * t->ky));
    }
    if (nseg == 0 || !isfinite(len) || !isfinite(big))
        return 0;
    snap = fmin(tolerance / 1000, len / (double)nseg / 400);
    return snap > 0 && big / (16 * snap) < 0x1p50 ? snap : 0;
}

static int build_vertices(topo *t, double tolerance, bs_error *err)
{
    const bs_areas *a = t->in;
    vertex_index ix;
    size_t i, r, p, k = 0;

    for (p = 0; p < a->npts; p++)
        if (!isfinite(a->x[p]) || !isfinite(a->y[p])) {
            if (a->n == 0)
                return bs_error_set(err, "%s: point %zu is not a finite "
                                    "number", a->path, p + 1);
            for (i = 0; i + 1 < a->n && a->pt_first[a->ring_first[i + 1]] <= p;
                 i++)
                ;
            return bs_error_set(err, "%s: record %ld: point %zu is not a "
                                "finite number", a->path, a->record[i],
                                p - a->pt_first[a->ring_first[i]] + 1);
        }
    memset(&ix, 0, sizeof ix);
    ix.t = t;
    ix.snap = snap_distance(t, tolerance);
    ix.cell = 16 * ix.snap;
    ix.cap = pow2_at_least(a->npts * 2);
    ix.slot = malloc(ix.cap * sizeof *ix.slot);
    ix.next = ix.snap > 0 ? malloc((a->npts ? a->npts : 1) * sizeof *ix.next)
                          : NULL;
    /* At most one vertex per point; pages never touched cost nothing. */
    t->pt = malloc((a->npts ? a->npts : 1) * sizeof *t->pt);
    t->seq = malloc((a->npts ? a->npts : 1) * sizeof *t->seq);
    t->seq_first = malloc((a->nrings + 1) * sizeof *t->seq_first);
    t->closed = malloc(a->nrings ? a->nrings : 1);
    if (!ix.slot || (ix.snap > 0 && !ix.next) || !t->pt || !t->seq
        || !t->seq_first || !t->closed) {
        free(ix.slot);
        free(ix.next);
        return bs_error_set(err, "%s: out of memory", a->path);
    }
    memset(ix.slot, 0xff, ix.cap * sizeof *ix.slot);
    for (r = 0; r < a->nrings; r++) {
        size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1], start = k;

        t->seq_first[r] = k;
        for (p = p0; p < p1; p++) {
            /* + 0.0 makes -0.0 into 0.0: one vertex */
            uint32_t id = vertex_of(&ix, t, p, a->x[p] * t->kx + 0.0,
                                    a->y[p] * t->ky + 0.0);
            if (k == start || t->seq[k - 1] != id)
                t->seq[k++] = id;
        }
        t->closed[r] = p1 > p0 && a->x[p0] == a->x[p1 - 1]
                       && a->y[p0] == a->y[p1 - 1];
        while (k - start > 1 && t->seq[k - 1] == t->seq[start])
            k--;
    }
    t->seq_first[a->nrings] = k;
    free(ix.slot);
    free(ix.next);
    return 0;
}

/* --- 2. nodes --------------------------------------------------------- */

static int find_nodes(topo *t, bs_error *err)
{
    size_t r, i;

    t->nb = malloc(2 * (size_t)(t->nv ? t->nv : 1) * sizeof *t->nb);
    t->node = calloc(t->nv ? t->nv : 1, 1);
    t->turn = calloc(t->in->nrings ? t->in->nrings : 1, 1);
    if (!t->nb || !t->node || !t->turn)
        return bs_error_set(err, "%s: out of memory", t->in->path);
    memset(t->nb, 0xff, 2 * (size_t)t->nv * sizeof *t->nb);
    for (r = 0; r < t->in->nrings; r++) {
        size_t s = t->seq_first[r], m = t->seq_first[r + 1] - s;
        const uint32_t *q = t->seq + s;

        if (!ring_valid(t, r))
            continue;
        t->turn[r] = sign(ring_area2(t, q, m));
        for (i = 0; i < m; i++) {
            uint32_t v = q[i], p = q[i ? i - 1 : m - 1], n = q[i + 1 < m ? i + 1 : 0];
            uint32_t lo = p < n ? p : n, hi = p < n ? n : p;

            if (t->nb[2 * (size_t)v] == NONE) {
                t->nb[2 * (size_t)v] = lo;
                t->nb[2 * (size_t)v + 1] = hi;
            } else if (t->nb[2 * (size_t)v] != lo
                       || t->nb[2 * (size_t)v + 1] != hi) {
                t->node[v] = 1;
            }
        }
    }
    /* only the node flags are needed from here on: the pairs go before the
     * arcs are built, the step that needs the most memory (7 MB for
     * England) */
    free(t->nb);
    t->nb = NULL;
    return 0;
}

/* --- 3. arcs ---------------------------------------------------------- */

/* Arcs by a directed edge: (first, second vertex) finds the arc forwards,
 * (last, second-to-last) finds it backwards. */
typedef struct edge_map {
    size_t cap;
    uint64_t *key;            /* UINT64_MAX = empty (no vertex id is NONE) */
    uint32_t *val;            /* arc << 1 | reversed */
} edge_map;

static uint64_t edge_key(uint32_t u, uint32_t v)
{
    return (uint64_t)u << 32 | v;
}

static uint32_t *edge_slot(edge_map *m, uint64_t key, int *found)
{
    size_t h = (size_t)mix64(key) & (m->cap - 1);

    while (m->key[h] != UINT64_MAX && m->key[h] != key)
        h = (h + 1) & (m->cap - 1);
    *found = m->key[h] == key;
    m->key[h] = key;
    return &m->val[h];
}

/* The ring's vertices q[i], q[i+1], ... (cyclic, m of them), n in all,
 * become an arc reference of ring r: an existing arc, or a new one. */
static void add_piece(topo *t, edge_map *em, const uint32_t *q, size_t m,
                      size_t i, size_t n)
{
    uint32_t *fwd, *back, v0 = q[i], v1 = q[(i + 1) % m];
    uint32_t vl = q[(i + n - 1) % m], vl1 = q[(i + n - 2) % m];
    size_t k, base;
    int found;

    fwd = edge_slot(em, edge_key(v0, v1), &found);
    if (found) {
        t->ref[t->nref++] = *fwd;
        return;
    }
    *fwd = (uint32_t)(t->narcs << 1);
    back = edge_slot(em, edge_key(vl, vl1), &found);
    if (!found)
        *back = (uint32_t)(t->narcs << 1 | 1);
    base = t->arc_first[t->narcs];
    for (k = 0; k < n; k++)
        t->av[base + k] = q[(i + k) % m];
    t->arc_first[++t->narcs] = base + n;
    t->ref[t->nref++] = (uint32_t)((t->narcs - 1) << 1);
}

static int build_arcs(topo *t, bs_error *err)
{
    size_t nr = t->in->nrings, r, i, occ = 0, maxref, maxav;
    edge_map em = { 0, NULL, NULL };

    for (r = 0; r < nr; r++)
        if (ring_valid(t, r))
            for (i = t->seq_first[r]; i < t->seq_first[r + 1]; i++)
                occ += t->node[t->seq[i]];
    maxref = occ + nr;                      /* pieces: nodes, or 1 per ring */
    maxav = t->seq_first[nr] + maxref;      /* each piece adds its end */
    if (maxref >= (size_t)1 << 31 || maxav >= NONE)
        return bs_error_set(err, "%s: too many points to simplify",
                            t->in->path);
    em.cap = pow2_at_least(maxref * 4);
    em.key = malloc(em.cap * sizeof *em.key);
    em.val = malloc(em.cap * sizeof *em.val);
    t->ref_first = malloc((nr + 1) * sizeof *t->ref_first);
    t->ref = malloc((maxref ? maxref : 1) * sizeof *t->ref);
    t->arc_first = malloc((maxref + 1) * sizeof *t->arc_first);
    t->av = malloc((maxav ? maxav : 1) * sizeof *t->av);
    if (!em.key || !em.val || !t->ref_first || !t->ref || !t->arc_first
        || !t->av) {
        free(em.key);
        free(em.val);
        return bs_error_set(err, "%s: out of memory", t->in->path);
    }
    memset(em.key, 0xff, em.cap * sizeof *em.key);
    t->arc_first[0] = 0;
    for (r = 0; r < nr; r++) {
        size_t s = t->seq_first[r], m = t->seq_first[r + 1] - s, f = m, j;
        const uint32_t *q = t->seq + s;

        t->ref_first[r] = t->nref;
        if (!ring_valid(t, r))
            continue;
        for (i = 0; i < m && f == m; i++)
            if (t->node[q[i]])
                f = i;
        if (f == m) {
            f = 0;
            for (i = 1; i < m; i++)
                if (q[i] < q[f])
                    f = i;
            add_piece(t, &em, q, m, f, m + 1);
        } else {
            i = f;
            do {
                for (j = 1; j < m && !t->node[q[(i + j) % m]]; j++)
                    ;
                add_piece(t, &em, q, m, i, j + 1);
                i = (i + j) % m;
            } while (i != f);
        }
        for (i = t->ref_first[r], j = 0; i < t->nref; i++) {
            uint32_t a = t->ref[i] >> 1;
            j += t->arc_first[a + 1] - t->arc_first[a];
        }
        if (j > t->maxring)
            t->maxring = j;
    }
    t->ref_first[nr] = t->nref;
    free(em.key);
    free(em.val);
    /* The bound was for arcs all distinct; most borders are shared. */
    if (t->arc_first[t->narcs] > 0) {
        uint32_t *av = realloc(t->av, t->arc_first[t->narcs] * sizeof *av);
        if (av)
            t->av = av;
    }
    return 0;
}

/* --- 4. importance ---------------------------------------------------- */

/* Squared distance from p to the segment a-b, all in scaled units. */
static double seg_dist2(double px, double py, double ax, double ay,
                        double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, u, ex, ey;

    if (l2 > 0) {
        u = ((px - ax) * dx + (py - ay) * dy) / l2;
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        ex = ax + u * dx - px;
        ey = ay + u * dy - py;
    } else {
        ex = ax - px;
        ey = ay - py;
    }
    return ex * ex + ey * ey;
}

typedef struct span {
    size_t i, j;
    double limit;
} span;

/* Only spans with a vertex inside go on the stack: they are disjoint and
 * have 2 edges or more each, so an arc of n points needs n / 2 places. */
static void push(span *stack, size_t *top, size_t i, size_t j, double limit)
{
    if (j - i >= 2)
        stack[(*top)++] = (span){ i, j, limit };
}

/* Douglas-Peucker once over the whole arc, recording for each vertex the
 * squared distance at which it was split off, capped by that of the vertex
 * that made its span: keeping the vertices whose importance exceeds tol^2
 * is then exactly Douglas-Peucker at tolerance tol, for any tol. A closed
 * arc is first split at the vertex furthest from its start. Iterative, so
 * that a long arc cannot overflow the call stack. */
static void importance(const topo *t, size_t a, span *stack)
{
    size_t f = t->arc_first[a], n = t->arc_first[a + 1] - f, top = 0, k;
    const uint32_t *v = t->av + f;
    double *imp = t->imp + f;

#define PX(k) (t->in->x[t->pt[v[k]]] * t->kx)
#define PY(k) (t->in->y[t->pt[v[k]]] * t->ky)
    imp[0] = imp[n - 1] = INFINITY;
    if (n < 3)
        return;
    if (v[0] == v[n - 1]) {
        double x0 = PX(0), y0 = PY(0), best = -1;
        size_t far = 1;
        for (k = 1; k < n - 1; k++) {
            double dx = PX(k) - x0, dy = PY(k) - y0, d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                far = k;
            }
        }
        imp[far] = best;
        push(stack, &top, 0, far, best);
        push(stack, &top, far, n - 1, best);
    } else {
        push(stack, &top, 0, n - 1, INFINITY);
    }
    while (top > 0) {
        span s = stack[--top];
        double ax, ay, bx, by, best = -1;
        size_t far = 0;

        ax = PX(s.i);
        ay = PY(s.i);
        bx = PX(s.j);
        by = PY(s.j);
        for (k = s.i + 1; k < s.j; k++) {
            double d = seg_dist2(PX(k), PY(k), ax, ay, bx, by);
            if (d > best) {
                best = d;
                far = k;
            }
        }
        imp[far] = best < s.limit ? best : s.limit;
        push(stack, &top, s.i, far, imp[far]);
        push(stack, &top, far, s.j, imp[far]);
    }
#undef PX
#undef PY
}

static int rank_vertices(topo *t, bs_error *err)
{
    size_t a, longest = 0;
    span *stack;

    t->imp = malloc((t->arc_first[t->narcs] ? t->arc_first[t->narcs] : 1)
                    * sizeof *t->imp);
    for (a = 0; a < t->narcs; a++)
        if (t->arc_first[a + 1] - t->arc_first[a] > longest)
            longest = t->arc_first[a + 1] - t->arc_first[a];
    stack = malloc((longest / 2 + 2) * sizeof *stack);
    if (!t->imp || !stack) {
        free(stack);
        return bs_error_set(err, "%s: out of memory", t->in->path);
    }
    for (a = 0; a < t->narcs; a++)
        importance(t, a, stack);
    free(stack);
    return 0;
}

/* --- 5. rings that would collapse ---------------------------------------- */

static int kept(const topo *t, size_t k)
{
    return t->imp[k] > t->tol2;
}

/* The kept vertices of ring r, in ring order, without the closing one. */
static size_t ring_vertices(const topo *t, size_t r, uint32_t *buf)
{
    size_t q, k, n = 0;

    for (q = t->ref_first[r]; q < t->ref_first[r + 1]; q++) {
        uint32_t a = t->ref[q] >> 1;
        size_t f = t->arc_first[a], l = t->arc_first[a + 1] - 1;

        if (!(t->ref[q] & 1)) {
            for (k = f; k < l; k++)
                if (kept(t, k))
                    buf[n++] = t->av[k];
        } else {
            for (k = l; k > f; k--)
                if (kept(t, k))
                    buf[n++] = t->av[k];
        }
    }
    return n;
}

/* Fewer than 3 distinct vertices, no area, or turned inside out (a small
 * ring simplified to a twisted shape): under the even-odd rule that would
 * still fill, but no longer the area's shape. */
static int collapsed(const topo *t, size_t r, const uint32_t *v, size_t n)
{
    uint32_t d[3];
    size_t nd = 0, i, j;
    signed char s;

    for (i = 0; i < n && nd < 3; i++) {
        for (j = 0; j < nd && d[j] != v[i]; j++)
            ;
        if (j == nd)
            d[nd++] = v[i];
    }
    if (nd < 3)
        return 1;
    s = sign(ring_area2(t, v, n));
    return s == 0 || s != t->turn[r];
}

/* Keeping a vertex of an arc keeps it in every ring that uses the arc, so
 * the borders stay shared; rings only ever gain vertices here, so one pass
 * leaves none collapsed. The vertex kept first is the ring's most important
 * one left out: for a ring simplified to a line, its furthest point. */
static void keep_rings_open(topo *t, uint32_t *buf)
{
    size_t r, q, k;

    for (r = 0; r < t->in->nrings; r++) {
        if (!ring_valid(t, r))
            continue;
        while (collapsed(t, r, buf, ring_vertices(t, r, buf))) {
            size_t best = SIZE_MAX;
            for (q = t->ref_first[r]; q < t->ref_first[r + 1]; q++) {
                uint32_t a = t->ref[q] >> 1;
                for (k = t->arc_first[a] + 1; k + 1 < t->arc_first[a + 1]; k++)
                    if (!kept(t, k) && (best == SIZE_MAX
                                        || t->imp[k] > t->imp[best]))
                        best = k;
            }
            if (best == SIZE_MAX)
                break;          /* all kept: the ring as it came */
            t->imp[best] = INFINITY;
        }
    }
}

/* --- 6. output -------------------------------------------------------- */

/* The arcs as runs of the written rings' points (bs_arcs). An arc is
 * placed at its first use, which is always forwards, by the ring that made
 * it (add_piece): there its kept points are consecutive, from the point
 * the ring has reached to the first point of the ring's next arc (the
 * closing point or, for an open ring, the first point). The rings copied
 * as they were follow as arcs of their own. */
static int write_arcs(const topo *t, bs_areas *o, bs_error *err)
{
    const bs_areas *in = t->in;
    size_t r, q, k, i = 0, n = t->narcs, extra = 0;
    bs_arcs *arcs;

    for (r = 0; r < in->nrings; r++)
        extra += !ring_valid(t, r) && o->pt_first[r + 1] - o->pt_first[r] >= 2;
    arcs = malloc(sizeof *arcs + (t->narcs + extra) * sizeof arcs->arc[0]);
    if (!arcs)
        return bs_error_set(err, "%s: out of memory", in->path);
    for (k = 0; k < t->narcs; k++)
        arcs->arc[k].n = 0;             /* not placed yet */
    for (r = 0; r < in->nrings; r++) {
        size_t p0 = o->pt_first[r], len = o->pt_first[r + 1] - p0, pos = 0;

        while (in->ring_first[i + 1] <= r)
            i++;                        /* i: the area of ring r */
        if (!ring_valid(t, r)) {
            if (len >= 2) {
                int open = o->x[p0] != o->x[p0 + len - 1]
                           || o->y[p0] != o->y[p0 + len - 1];
                arcs->arc[n++] = (bs_arc){ r, 0, len + (size_t)open,
                                           { i, SIZE_MAX } };
            }
            continue;
        }
        for (q = t->ref_first[r]; q < t->ref_first[r + 1]; q++) {
            uint32_t a = t->ref[q] >> 1;
            size_t cnt = 0;
            bs_arc *arc = &arcs->arc[a];

            /* kept points without the last (= the first of the next arc);
             * the same count backwards, as both ends are always kept */
            for (k = t->arc_first[a]; k + 1 < t->arc_first[a + 1]; k++)
                cnt += kept(t, k);
            if (arc->n == 0)
                *arc = (bs_arc){ r, pos, cnt + 1, { i, SIZE_MAX } };
            else if (arc->side[1] == SIZE_MAX)
                arc->side[1] = i;
            pos += cnt;
        }
    }
    arcs->n = n;
    o->arcs = arcs;
    return 0;
}

static int write_areas(const topo *t, uint32_t *buf, bs_areas **out,
                       bs_error *err)
{
    const bs_areas *in = t->in;
    bs_areas *o = calloc(1, sizeof *o);
    size_t r, i, n, np = 0;

    if (!o)
        return bs_error_set(err, "%s: out of memory", in->path);
    o->n = in->n;
    o->nrings = in->nrings;
    o->path = strdup(in->path ? in->path : "");
    o->crs = in->crs ? strdup(in->crs) : NULL;
    o->record = malloc((in->n ? in->n : 1) * sizeof *o->record);
    o->ring_first = malloc((in->n + 1) * sizeof *o->ring_first);
    o->pt_first = malloc((in->nrings + 1) * sizeof *o->pt_first);
    if (!o->path || (in->crs && !o->crs) || !o->record || !o->ring_first
        || !o->pt_first)
        goto oom;
    if (in->n)
        memcpy(o->record, in->record, in->n * sizeof *o->record);
    memcpy(o->ring_first, in->ring_first, (in->n + 1) * sizeof *o->ring_first);
    for (r = 0; r < in->nrings; r++) {
        o->pt_first[r] = np;
        if (ring_valid(t, r))
            np += ring_vertices(t, r, buf) + t->closed[r];
        else
            np += in->pt_first[r + 1] - in->pt_first[r];
    }
    o->pt_first[in->nrings] = np;
    o->npts = np;
    o->x = malloc((np ? np : 1) * sizeof *o->x);
    o->y = malloc((np ? np : 1) * sizeof *o->y);
    if (!o->x || !o->y)
        goto oom;
    for (r = 0; r < in->nrings; r++) {
        double *x = o->x + o->pt_first[r], *y = o->y + o->pt_first[r];
        if (!ring_valid(t, r)) {
            size_t p0 = in->pt_first[r], m = in->pt_first[r + 1] - p0;
            memcpy(x, in->x + p0, m * sizeof *x);
            memcpy(y, in->y + p0, m * sizeof *y);
            continue;
        }
        n = ring_vertices(t, r, buf);
        for (i = 0; i < n; i++) {
            x[i] = t->in->x[t->pt[buf[i]]];
            y[i] = t->in->y[t->pt[buf[i]]];
        }
        if (t->closed[r]) {
            x[n] = x[0];
            y[n] = y[0];
        }
    }
    if (write_arcs(t, o, err) != 0) {
        bs_areas_free(o);
        return -1;
    }
    *out = o;
    return 0;
oom:
    bs_areas_free(o);
    return bs_error_set(err, "%s: out of memory", in->path);
}

/* --- the API ---------------------------------------------------------- */

int bs_areas_simplify_scaled(const bs_areas *in, double tolerance, double kx,
                             double ky, bs_areas **out, bs_error *err)
{
    topo t;
    uint32_t *buf = NULL;
    int rc = -1;

    *out = NULL;
    if (!(tolerance >= 0) || !isfinite(tolerance))
        return bs_error_set(err, "%s: simplification tolerance %g: not a "
                            "number >= 0", in->path, tolerance);
    if (!(kx > 0) || !(ky > 0) || !isfinite(kx) || !isfinite(ky))
        return bs_error_set(err, "%s: simplification scale %g, %g: not "
                            "numbers > 0", in->path, kx, ky);
    if (in->npts >= NONE)
        return bs_error_set(err, "%s: %zu points, too many to simplify",
                            in->path, in->npts);
    memset(&t, 0, sizeof t);
    t.in = in;
    t.kx = kx;
    t.ky = ky;
    t.tol2 = tolerance * tolerance;
    if (build_vertices(&t, tolerance, err) != 0 || find_nodes(&t, err) != 0
        || build_arcs(&t, err) != 0)
        goto done;
    /* Steps 1-2 are done with: give their memory back before step 4. */
    free(t.seq);
    free(t.nb);
    free(t.node);
    t.seq = t.nb = NULL;
    t.node = NULL;
    if (rank_vertices(&t, err) != 0)
        goto done;
    if (!(buf = malloc((t.maxring ? t.maxring : 1) * sizeof *buf))) {
        bs_error_set(err, "%s: out of memory", in->path);
        goto done;
    }
    keep_rings_open(&t, buf);
    rc = write_areas(&t, buf, out, err);
done:
    free(buf);
    topo_free(&t);
    return rc;
}

int bs_areas_simplify(const bs_areas *in, double tolerance, bs_areas **out,
                      bs_error *err)
{
    return bs_areas_simplify_scaled(in, tolerance, 1, 1, out, err);
}

double bs_print_tolerance(double map_width_m, double frame_width_mm,
                          double mm_on_paper)
{
    if (!(map_width_m > 0) || !(frame_width_mm > 0) || !(mm_on_paper > 0)
        || !isfinite(map_width_m) || !isfinite(frame_width_mm)
        || !isfinite(mm_on_paper))
        return 0;
    return mm_on_paper * map_width_m / frame_width_mm;
}

/* WGS84: a = 6378137 m, e^2 = 0.00669437999014. The length of a degree
 * along the parallel is pi/180 * N cos(lat), along the meridian
 * pi/180 * M, with the radii of curvature N (prime vertical) and M
 * (meridian). */
void bs_metres_per_degree(double lat_deg, double *per_lon, double *per_lat)
{
    const double a = 6378137.0, e2 = 0.00669437999014;
    double phi = lat_deg * M_PI / 180, s = sin(phi), w = 1 - e2 * s * s;

    *per_lon = M_PI / 180 * a * cos(phi) / sqrt(w);
    *per_lat = M_PI / 180 * a * (1 - e2) / (w * sqrt(w));
}
