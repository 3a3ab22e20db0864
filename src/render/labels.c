/* labels.c: poles of inaccessibility and collision-free label placement.
 *
 * polylabel follows Mapbox's algorithm (github mapbox/polylabel, ISC):
 * cover the part's bounding box with square cells, keep them in a max-heap
 * on the best distance a cell could still hold (its centre's distance plus
 * half its diagonal), and split cells until none can beat the best found
 * by more than the precision.
 *
 * Placement is greedy and checks every candidate box against a uniform
 * grid of what is already on the page (placed boxes and obstacles), so a
 * box that is accepted overlaps nothing: the guarantee is by construction,
 * not by a later repair pass. Labels with the most room (largest pole
 * distance) go first; all inside placements are made before any label is
 * moved out, so a leader label never takes the room of a label that fits. */
#include "buurtscan/labels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SIZE_STEP 0.5         /* pt between tried sizes */
#define LEADER_STEP 1.5       /* mm between tried leader lengths */
#define INSIDE_MARGIN 0.4     /* mm kept between an inside label and its boundary */
#define GRID_CELL 8.0         /* mm, collision grid */
#define OBSTACLE SIZE_MAX     /* grid tag of an obstacle */
#define NO_SKIP (SIZE_MAX - 1) /* grid_hits: skip no tag */

/* --- one part of an area ------------------------------------------------- */

typedef struct part {
    const bs_areas *a;
    size_t *ring;             /* ring[0] is the outer ring */
    size_t n;
} part;

static double ring_area(const bs_areas *a, size_t r)
{
    size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
    double s = 0;

    for (size_t p = p0, q = p1 - 1; p < p1; q = p++)
        s += (a->x[q] - a->x[p]) * (a->y[q] + a->y[p]);
    return s / 2;
}

/* Crossing-number test of (x, y) against ring r. */
static int ring_contains(const bs_areas *a, size_t r, double x, double y)
{
    size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
    int in = 0;

    for (size_t p = p0, q = p1 - 1; p < p1; q = p++) {
        double xp = a->x[p], yp = a->y[p], xq = a->x[q], yq = a->y[q];
        if ((yp > y) != (yq > y) && x < (xq - xp) * (y - yp) / (yq - yp) + xp)
            in = !in;
    }
    return in;
}

static int rings_contain(const bs_areas *a, const size_t *ring, size_t n,
                         double x, double y)
{
    int in = 0;
    for (size_t k = 0; k < n; k++)
        in ^= ring_contains(a, ring[k], x, y);
    return in;
}

static double seg_dist2(double px, double py, double ax, double ay, double bx,
                        double by)
{
    double dx = bx - ax, dy = by - ay, t = 0;

    if (dx != 0 || dy != 0) {
        t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
        if (t > 1) t = 1;
        else if (t < 0) t = 0;
    }
    dx = ax + t * dx - px;
    dy = ay + t * dy - py;
    return dx * dx + dy * dy;
}

/* Distance from (x, y) to the part's boundary; negative outside. */
static double part_dist(const part *pt, double x, double y)
{
    const bs_areas *a = pt->a;
    double best = INFINITY;

    for (size_t k = 0; k < pt->n; k++) {
        size_t p0 = a->pt_first[pt->ring[k]], p1 = a->pt_first[pt->ring[k] + 1];
        for (size_t p = p0, q = p1 - 1; p < p1; q = p++) {
            double d = seg_dist2(x, y, a->x[q], a->y[q], a->x[p], a->y[p]);
            if (d < best) best = d;
        }
    }
    best = sqrt(best);
    return rings_contain(a, pt->ring, pt->n, x, y) ? best : -best;
}

/* The rings of area i's largest part: the outer ring (one inside an even
 * number of the area's other rings) of largest area net of the rings
 * directly inside it, followed by every ring inside it. Rings of fewer
 * than 3 points are ignored. Returns -1 when there is none or no memory. */
static int largest_part(const bs_areas *a, size_t i, part *out)
{
    size_t r0 = a->ring_first[i], r1 = a->ring_first[i + 1], nr = r1 - r0;
    size_t *depth, best = 0, k, j;
    double best_net = -1;

    memset(out, 0, sizeof *out);
    out->a = a;
    if (nr == 0)
        return -1;
    depth = calloc(nr, sizeof *depth);
    out->ring = malloc(nr * sizeof *out->ring);
    if (!depth || !out->ring) {
        free(depth);
        free(out->ring);
        out->ring = NULL;
        return -1;
    }
    for (k = 0; k < nr; k++) {
        size_t r = r0 + k;
        if (a->pt_first[r + 1] - a->pt_first[r] < 3)
            continue;
        for (j = 0; j < nr; j++)
            if (j != k && a->pt_first[r0 + j + 1] - a->pt_first[r0 + j] >= 3 &&
                ring_contains(a, r0 + j, a->x[a->pt_first[r]], a->y[a->pt_first[r]]))
                depth[k]++;
    }
    for (k = 0; k < nr; k++) {
        size_t r = r0 + k;
        double net;
        if (depth[k] % 2 || a->pt_first[r + 1] - a->pt_first[r] < 3)
            continue;
        net = fabs(ring_area(a, r));
        for (j = 0; j < nr; j++) {
            size_t s = r0 + j;
            if (depth[j] == depth[k] + 1 && a->pt_first[s + 1] - a->pt_first[s] >= 3 &&
                ring_contains(a, r, a->x[a->pt_first[s]], a->y[a->pt_first[s]]))
                net -= fabs(ring_area(a, s));
        }
        if (net > best_net) {
            best_net = net;
            best = k;
        }
    }
    if (best_net < 0) {
        free(depth);
        free(out->ring);
        out->ring = NULL;
        return -1;
    }
    out->ring[out->n++] = r0 + best;
    for (j = 0; j < nr; j++) {
        size_t s = r0 + j;
        if (j != best && depth[j] > depth[best] &&
            a->pt_first[s + 1] - a->pt_first[s] >= 3 &&
            ring_contains(a, r0 + best, a->x[a->pt_first[s]], a->y[a->pt_first[s]]))
            out->ring[out->n++] = s;
    }
    free(depth);
    return 0;
}

/* --- polylabel ------------------------------------------------------------- */

typedef struct cell {
    double x, y, h, d, max;
} cell;

typedef struct heap {
    cell *c;
    size_t n, cap;
} heap;

static cell cell_make(const part *pt, double x, double y, double h)
{
    cell c;
    c.x = x;
    c.y = y;
    c.h = h;
    c.d = part_dist(pt, x, y);
    c.max = c.d + h * M_SQRT2;
    return c;
}

static int heap_push(heap *hp, cell c)
{
    size_t i;

    if (hp->n == hp->cap) {
        size_t cap = hp->cap ? 2 * hp->cap : 64;
        cell *nc = realloc(hp->c, cap * sizeof *nc);
        if (!nc)
            return -1;
        hp->c = nc;
        hp->cap = cap;
    }
    for (i = hp->n++; i > 0 && hp->c[(i - 1) / 2].max < c.max; i = (i - 1) / 2)
        hp->c[i] = hp->c[(i - 1) / 2];
    hp->c[i] = c;
    return 0;
}

static cell heap_pop(heap *hp)
{
    cell top = hp->c[0], last = hp->c[--hp->n];
    size_t i = 0;

    for (;;) {
        size_t l = 2 * i + 1, m = l;
        if (l >= hp->n)
            break;
        if (l + 1 < hp->n && hp->c[l + 1].max > hp->c[l].max)
            m = l + 1;
        if (hp->c[m].max <= last.max)
            break;
        hp->c[i] = hp->c[m];
        i = m;
    }
    if (hp->n)
        hp->c[i] = last;
    return top;
}

/* The outer ring's centroid cell: a good first guess for most shapes. */
static cell centroid_cell(const part *pt)
{
    const bs_areas *a = pt->a;
    size_t r = pt->ring[0], p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
    double area = 0, cx = 0, cy = 0;

    for (size_t p = p0, q = p1 - 1; p < p1; q = p++) {
        double f = a->x[p] * a->y[q] - a->x[q] * a->y[p];
        cx += (a->x[p] + a->x[q]) * f;
        cy += (a->y[p] + a->y[q]) * f;
        area += f * 3;
    }
    if (area == 0)
        return cell_make(pt, a->x[p0], a->y[p0], 0);
    return cell_make(pt, cx / area, cy / area, 0);
}

static int polylabel_part(const part *pt, double precision, double *x,
                          double *y, double *dist)
{
    const bs_areas *a = pt->a;
    size_t r = pt->ring[0], p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    double w, h, size, hh;
    heap hp = {0};
    cell best, c;
    int rc = 0;

    for (size_t p = p0; p < p1; p++) {
        minx = fmin(minx, a->x[p]);
        miny = fmin(miny, a->y[p]);
        maxx = fmax(maxx, a->x[p]);
        maxy = fmax(maxy, a->y[p]);
    }
    w = maxx - minx;
    h = maxy - miny;
    size = fmin(w, h);
    if (!(size > 0)) {
        *x = minx;
        *y = miny;
        *dist = 0;
        return 0;
    }
    hh = size / 2;
    for (double cx = minx; cx < maxx && rc == 0; cx += size)
        for (double cy = miny; cy < maxy && rc == 0; cy += size)
            rc = heap_push(&hp, cell_make(pt, cx + hh, cy + hh, hh));
    best = centroid_cell(pt);
    c = cell_make(pt, minx + w / 2, miny + h / 2, 0);
    if (c.d > best.d)
        best = c;
    while (rc == 0 && hp.n) {
        c = heap_pop(&hp);
        if (c.d > best.d)
            best = c;
        if (c.max - best.d <= precision)
            continue;
        hh = c.h / 2;
        rc |= heap_push(&hp, cell_make(pt, c.x - hh, c.y - hh, hh));
        rc |= heap_push(&hp, cell_make(pt, c.x + hh, c.y - hh, hh));
        rc |= heap_push(&hp, cell_make(pt, c.x - hh, c.y + hh, hh));
        rc |= heap_push(&hp, cell_make(pt, c.x + hh, c.y + hh, hh));
    }
    free(hp.c);
    *x = best.x;
    *y = best.y;
    *dist = best.d;
    return rc ? -1 : 0;
}

int bs_polylabel(const bs_areas *a, size_t i, double precision, double *x,
                 double *y, double *dist)
{
    part pt;
    int rc;

    if (!a || i >= a->n || !(precision > 0) || largest_part(a, i, &pt) != 0)
        return -1;
    rc = polylabel_part(&pt, precision, x, y, dist);
    free(pt.ring);
    return rc;
}

/* --- boxes and the collision grid ------------------------------------------- */

int bs_label_box_overlap(const bs_label_box *a, const bs_label_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static bs_label_box box_grow(bs_label_box b, double d)
{
    b.x0 -= d;
    b.y0 -= d;
    b.x1 += d;
    b.y1 += d;
    return b;
}

static int box_within(const bs_label_box *in, const bs_label_box *out)
{
    return in->x0 >= out->x0 && in->y0 >= out->y0 && in->x1 <= out->x1 &&
           in->y1 <= out->y1;
}

/* Whether segment (x0,y0)-(x1,y1) meets box b (Liang-Barsky). */
static int seg_hits_box(double x0, double y0, double x1, double y1,
                        const bs_label_box *b)
{
    double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {x0 - b->x0, b->x1 - x0, y0 - b->y0, b->y1 - y0};

    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return 0;
        } else {
            double t = q[k] / p[k];
            if (p[k] < 0) {
                if (t > t1) return 0;
                if (t > t0) t0 = t;
            } else {
                if (t < t0) return 0;
                if (t < t1) t1 = t;
            }
        }
    }
    return 1;
}

typedef struct bucket {
    size_t n, cap;
    size_t *id;
} bucket;

typedef struct grid {
    bs_label_box b;
    int nx, ny;
    bucket *cell;
    bs_label_box *box;
    size_t *tag;              /* per box: the label it belongs to, or OBSTACLE */
    size_t n, cap;
} grid;

static int grid_init(grid *g, bs_label_box b)
{
    memset(g, 0, sizeof *g);
    g->b = b;
    g->nx = (int)fmax(1, fmin(512, ceil((b.x1 - b.x0) / GRID_CELL)));
    g->ny = (int)fmax(1, fmin(512, ceil((b.y1 - b.y0) / GRID_CELL)));
    g->cell = calloc((size_t)g->nx * (size_t)g->ny, sizeof *g->cell);
    return g->cell ? 0 : -1;
}

static void grid_free(grid *g)
{
    if (g->cell)
        for (int k = 0; k < g->nx * g->ny; k++)
            free(g->cell[k].id);
    free(g->cell);
    free(g->box);
    free(g->tag);
    memset(g, 0, sizeof *g);
}

static void grid_span(const grid *g, const bs_label_box *b, int *cx0, int *cy0,
                      int *cx1, int *cy1)
{
    double sx = g->nx / (g->b.x1 - g->b.x0 > 0 ? g->b.x1 - g->b.x0 : 1);
    double sy = g->ny / (g->b.y1 - g->b.y0 > 0 ? g->b.y1 - g->b.y0 : 1);

    *cx0 = (int)fmax(0, fmin(g->nx - 1, floor((b->x0 - g->b.x0) * sx)));
    *cx1 = (int)fmax(0, fmin(g->nx - 1, floor((b->x1 - g->b.x0) * sx)));
    *cy0 = (int)fmax(0, fmin(g->ny - 1, floor((b->y0 - g->b.y0) * sy)));
    *cy1 = (int)fmax(0, fmin(g->ny - 1, floor((b->y1 - g->b.y0) * sy)));
}

static int grid_add(grid *g, bs_label_box b, size_t tag)
{
    int cx0, cy0, cx1, cy1;

    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        bs_label_box *nb = realloc(g->box, cap * sizeof *nb);
        size_t *nt;
        if (!nb)
            return -1;
        g->box = nb;
        nt = realloc(g->tag, cap * sizeof *nt);
        if (!nt)
            return -1;
        g->tag = nt;
        g->cap = cap;
    }
    g->box[g->n] = b;
    g->tag[g->n] = tag;
    grid_span(g, &b, &cx0, &cy0, &cx1, &cy1);
    for (int y = cy0; y <= cy1; y++)
        for (int x = cx0; x <= cx1; x++) {
            bucket *bk = &g->cell[y * g->nx + x];
            if (bk->n == bk->cap) {
                size_t cap = bk->cap ? 2 * bk->cap : 8;
                size_t *ni = realloc(bk->id, cap * sizeof *ni);
                if (!ni)
                    return -1;
                bk->id = ni;
                bk->cap = cap;
            }
            bk->id[bk->n++] = g->n;
        }
    g->n++;
    return 0;
}

/* Whether q overlaps a stored box whose tag is not skip_tag. */
static int grid_hits(const grid *g, const bs_label_box *q, size_t skip_tag)
{
    int cx0, cy0, cx1, cy1;

    grid_span(g, q, &cx0, &cy0, &cx1, &cy1);
    for (int y = cy0; y <= cy1; y++)
        for (int x = cx0; x <= cx1; x++) {
            const bucket *bk = &g->cell[y * g->nx + x];
            for (size_t k = 0; k < bk->n; k++)
                if (g->tag[bk->id[k]] != skip_tag &&
                    bs_label_box_overlap(q, &g->box[bk->id[k]]))
                    return 1;
        }
    return 0;
}

/* Whether a segment crosses a stored box. */
static int grid_seg_hits(const grid *g, double x0, double y0, double x1, double y1)
{
    bs_label_box q = {fmin(x0, x1), fmin(y0, y1), fmax(x0, x1), fmax(y0, y1)};
    int cx0, cy0, cx1, cy1;

    grid_span(g, &q, &cx0, &cy0, &cx1, &cy1);
    for (int y = cy0; y <= cy1; y++)
        for (int x = cx0; x <= cx1; x++) {
            const bucket *bk = &g->cell[y * g->nx + x];
            for (size_t k = 0; k < bk->n; k++)
                if (seg_hits_box(x0, y0, x1, y1, &g->box[bk->id[k]]))
                    return 1;
        }
    return 0;
}

/* --- placement ----------------------------------------------------------------- */

typedef struct variant {
    char *text;               /* one line, or wrapped on two */
    double size, w, h;
} variant;

typedef struct cand {
    size_t slot;              /* index into out->label */
    double pole;              /* pole distance, map units: room in the area */
    size_t prio;              /* job->priority of its area, or 0 */
    variant *v;
    size_t nv;
} cand;

/* The text wrapped at the space, hyphen or slash nearest its middle, or
 * NULL when it has none. */
static char *wrap_text(const char *s)
{
    size_t n = strlen(s), best = 0, bestd = (size_t)-1;
    char *w;

    for (size_t k = 1; k + 1 < n; k++)
        if (s[k] == ' ' || s[k] == '-' || s[k] == '/') {
            size_t cut = s[k] == ' ' ? k : k + 1;
            size_t d = cut > n - cut ? cut - (n - cut) : (n - cut) - cut;
            if (d < bestd) {
                bestd = d;
                best = k;
            }
        }
    if (bestd == (size_t)-1)
        return NULL;
    w = malloc(n + 2);
    if (!w)
        return NULL;
    if (s[best] != ' ') {   /* a hyphen or slash stays on the first line */
        memcpy(w, s, best + 1);
        w[best + 1] = '\n';
        memcpy(w + best + 2, s + best + 1, n - best);
    } else {
        memcpy(w, s, n + 1);
        w[best] = '\n';
    }
    return w;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Sizes from large to small, one line before two at each size. */
static int make_variants(const bs_label_job *job, const char *text, cand *c,
                         bs_error *err)
{
    char *wrapped = wrap_text(text);
    double lo = fmax(job->min_size_pt, 1.0), hi = fmax(job->size_pt, lo);
    int nsizes = (int)floor((hi - lo) / SIZE_STEP + 1e-9) + 1;

    c->v = calloc((size_t)nsizes * 2, sizeof *c->v);
    if (!c->v) {
        free(wrapped);
        return bs_error_set(err, "labels: out of memory");
    }
    for (int k = 0; k < nsizes; k++) {
        double size = k == nsizes - 1 ? lo : hi - k * SIZE_STEP;
        for (int wr = 0; wr < 2; wr++) {
            variant *v = &c->v[c->nv];
            if (wr && !wrapped)
                continue;
            v->text = dup(wr ? wrapped : text);
            if (!v->text) {
                free(wrapped);
                return bs_error_set(err, "labels: out of memory");
            }
            v->size = size;
            c->nv++;
            if (job->measure(job->ud, v->text, size, &v->w, &v->h) != 0) {
                free(wrapped);
                return bs_error_set(err, "labels: cannot measure '%s'", text);
            }
        }
    }
    free(wrapped);
    return 0;
}

static void to_map(const bs_label_job *job, double px, double py, double *x,
                   double *y)
{
    *x = (px - job->ox) / job->scale;
    *y = (job->oy - py) / job->scale;
}

/* How page box b lies against area i: 1 when an edge of the area crosses
 * or lies in it; else 0, with *inside telling whether the box is inside. */
static int box_vs_area(const bs_label_job *job, size_t i, const bs_label_box *b,
                       int *inside)
{
    const bs_areas *a = job->areas;
    double x0, y0, x1, y1;
    bs_label_box m;

    to_map(job, b->x0, b->y1, &x0, &y0);
    to_map(job, b->x1, b->y0, &x1, &y1);
    m = (bs_label_box){x0, y0, x1, y1};
    *inside = 0;
    for (size_t r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
        size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
        if (p1 - p0 < 2)
            continue;
        *inside ^= ring_contains(a, r, (x0 + x1) / 2, (y0 + y1) / 2);
        for (size_t p = p0, q = p1 - 1; p < p1; q = p++) {
            double ax = a->x[q], ay = a->y[q], bx = a->x[p], by = a->y[p];
            if (fmax(ax, bx) < m.x0 || fmin(ax, bx) > m.x1 ||
                fmax(ay, by) < m.y0 || fmin(ay, by) > m.y1)
                continue;
            if (seg_hits_box(ax, ay, bx, by, &m))
                return 1;
        }
    }
    return 0;
}

static int box_in_area(const bs_label_job *job, size_t i, const bs_label_box *b)
{
    int inside;
    return !box_vs_area(job, i, b, &inside) && inside;
}

static int box_touches_area(const bs_label_job *job, size_t i, const bs_label_box *b)
{
    int inside;
    return box_vs_area(job, i, b, &inside) || inside;
}

/* Whether segments p1-p2 and p3-p4 cross (touching ends count). */
static int segs_cross(double x1, double y1, double x2, double y2, double x3,
                      double y3, double x4, double y4)
{
    double d1 = (x4 - x3) * (y1 - y3) - (y4 - y3) * (x1 - x3);
    double d2 = (x4 - x3) * (y2 - y3) - (y4 - y3) * (x2 - x3);
    double d3 = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1);
    double d4 = (x2 - x1) * (y4 - y1) - (y2 - y1) * (x4 - x1);
    return ((d1 > 0) != (d2 > 0) || d1 == 0 || d2 == 0) &&
           ((d3 > 0) != (d4 > 0) || d3 == 0 || d4 == 0) &&
           fmax(x1, x2) >= fmin(x3, x4) && fmax(x3, x4) >= fmin(x1, x2) &&
           fmax(y1, y2) >= fmin(y3, y4) && fmax(y3, y4) >= fmin(y1, y2);
}

/* Whether a leader from a to p with box b would cross a leader placed
 * before, or such a leader would run through b. */
static int crosses_leaders(const bs_label_set *out, const bs_label_box *b,
                           double ax, double ay, double px, double py)
{
    for (size_t k = 0; k < out->n; k++) {
        const bs_label *l = &out->label[k];
        if (l->how != BS_LABEL_LEADER)
            continue;
        if (seg_hits_box(l->ax, l->ay, l->lx, l->ly, b) ||
            segs_cross(ax, ay, px, py, l->ax, l->ay, l->lx, l->ly))
            return 1;
    }
    return 0;
}

static int by_room(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->pole != b->pole)
        return a->pole > b->pole ? -1 : 1;
    return a->slot < b->slot ? -1 : a->slot > b->slot;
}

static int by_priority(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->prio != b->prio)
        return a->prio < b->prio ? -1 : 1;
    return by_room(pa, pb);
}

static int accept(bs_label_set *out, grid *placed, const cand *c,
                  const variant *v, bs_label_box b, bs_label_how how)
{
    bs_label *l = &out->label[c->slot];

    l->how = how;
    l->box = b;
    l->size_pt = v->size;
    free(l->text);
    l->text = dup(v->text);
    if (!l->text || grid_add(placed, b, c->slot) != 0)
        return -1;
    if (how == BS_LABEL_INSIDE)
        out->ninside++;
    else
        out->nleader++;
    return 0;
}

static int try_inside(const bs_label_job *job, bs_label_set *out, grid *placed,
                      const cand *c, int *done)
{
    const bs_label *l = &out->label[c->slot];

    /* centred on the pole in any size, else shifted by a line or half the
     * width when a symbol or another label is in the way */
    static const double shift[][2] = {
        {0, 0}, {0, -1}, {0, 1}, {-0.5, 0}, {0.5, 0},
        {-0.5, -1}, {0.5, -1}, {-0.5, 1}, {0.5, 1},
    };

    *done = 0;
    for (size_t j = 0; j < sizeof shift / sizeof shift[0]; j++)
        for (size_t k = 0; k < c->nv; k++) {
            const variant *v = &c->v[k];
            double cx = l->ax + shift[j][0] * v->w, cy = l->ay + shift[j][1] * v->h;
            bs_label_box b = {cx - v->w / 2, cy - v->h / 2, cx + v->w / 2, cy + v->h / 2};
            bs_label_box pb = box_grow(b, job->pad_mm);
            if (!box_within(&b, &job->bounds) || grid_hits(placed, &pb, NO_SKIP))
                continue;
            if (!box_in_area(job, l->area, &(bs_label_box){b.x0 - INSIDE_MARGIN,
                             b.y0 - INSIDE_MARGIN, b.x1 + INSIDE_MARGIN,
                             b.y1 + INSIDE_MARGIN}))
                continue;
            *done = 1;
            return accept(out, placed, c, v, b, BS_LABEL_INSIDE);
        }
    return 0;
}

static int try_leader(const bs_label_job *job, bs_label_set *out, grid *placed,
                      const grid *anchors, const cand *c, int *done)
{
    static const double dirs[8][2] = {
        {1, 0}, {-1, 0}, {M_SQRT1_2, -M_SQRT1_2}, {-M_SQRT1_2, -M_SQRT1_2},
        {M_SQRT1_2, M_SQRT1_2}, {-M_SQRT1_2, M_SQRT1_2}, {0, -1}, {0, 1},
    };
    bs_label *l = &out->label[c->slot];

    *done = 0;
    for (double d = LEADER_STEP; d <= job->leader_mm + 1e-9; d += LEADER_STEP)
        for (int k = 0; k < 8; k++)
            for (size_t vi = 0; vi < c->nv; vi++) {
                const variant *v = &c->v[vi];
                double ux = dirs[k][0], uy = dirs[k][1];
                double px = l->ax + d * ux, py = l->ay + d * uy;
                bs_label_box b, pb;

                b.x0 = ux > 0 ? px : ux < 0 ? px - v->w : px - v->w / 2;
                b.y0 = uy > 0 ? py : uy < 0 ? py - v->h : py - v->h / 2;
                b.x1 = b.x0 + v->w;
                b.y1 = b.y0 + v->h;
                pb = box_grow(b, job->pad_mm);
                if (!box_within(&b, &job->bounds) ||
                    grid_hits(placed, &pb, NO_SKIP) ||
                    grid_hits(anchors, &pb, c->slot) ||
                    grid_seg_hits(placed, l->ax, l->ay, px, py))
                    continue;
                /* clear of its own area (a label half on it reads as the
                 * neighbour's), and of the other leaders */
                if (box_touches_area(job, l->area, &b) ||
                    crosses_leaders(out, &pb, l->ax, l->ay, px, py))
                    continue;
                l->lx = px;
                l->ly = py;
                *done = 1;
                return accept(out, placed, c, v, b, BS_LABEL_LEADER);
            }
    return 0;
}

int bs_areas_touch_box(const bs_areas *a, double minx, double miny,
                       double maxx, double maxy)
{
    bs_label_box m = {minx, miny, maxx, maxy};
    double cx = (minx + maxx) / 2, cy = (miny + maxy) / 2;

    for (size_t i = 0; a && i < a->n; i++) {
        int in = 0;
        for (size_t r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
            size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
            if (p1 - p0 < 2)
                continue;
            in ^= ring_contains(a, r, cx, cy);
            for (size_t p = p0, q = p1 - 1; p < p1; q = p++) {
                double ax = a->x[q], ay = a->y[q], bx = a->x[p], by = a->y[p];
                if (fmax(ax, bx) < minx || fmin(ax, bx) > maxx ||
                    fmax(ay, by) < miny || fmin(ay, by) > maxy)
                    continue;
                if (seg_hits_box(ax, ay, bx, by, &m))
                    return 1;
            }
        }
        if (in)
            return 1;
    }
    return 0;
}

void bs_label_set_free(bs_label_set *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < s->n; k++)
        free(s->label[k].text);
    free(s->label);
    memset(s, 0, sizeof *s);
}

int bs_labels_place(const bs_label_job *job, bs_label_set *out, bs_error *err)
{
    const bs_areas *a;
    cand *cs = NULL;
    size_t nc = 0, k, slot;
    grid placed, anchors;
    int rc = -1, gi = 0;

    if (!out)
        return bs_error_set(err, "labels: no result given");
    memset(out, 0, sizeof *out);
    memset(&placed, 0, sizeof placed);
    memset(&anchors, 0, sizeof anchors);
    if (!job || !job->areas || !job->measure || !(job->scale > 0) ||
        !(job->precision > 0))
        return bs_error_set(err, "labels: incomplete placement job");
    if (!job->text)
        return 0;
    a = job->areas;
    for (k = 0; k < a->n; k++)
        if (job->text[k] && *job->text[k])
            out->n++;
    if (out->n == 0)
        return 0;
    out->label = calloc(out->n, sizeof *out->label);
    cs = calloc(out->n, sizeof *cs);
    if (!out->label || !cs) {
        bs_error_set(err, "labels: out of memory");
        goto done;
    }
    if (grid_init(&placed, job->bounds) != 0 || grid_init(&anchors, job->bounds) != 0) {
        bs_error_set(err, "labels: out of memory");
        goto done;
    }
    gi = 1;
    for (k = 0; k < job->nobstacles; k++)
        if (grid_add(&placed, job->obstacles[k], OBSTACLE) != 0) {
            bs_error_set(err, "labels: out of memory");
            goto done;
        }

    /* poles; a label whose pole is off the map is not a candidate */
    for (k = 0, nc = 0, slot = 0; k < a->n; k++) {
        bs_label *l;
        double x, y, d;
        if (!job->text[k] || !*job->text[k])
            continue;
        l = &out->label[slot++];
        l->area = k;
        l->how = BS_LABEL_OFF_MAP;
        l->text = dup(job->text[k]);
        if (!l->text) {
            bs_error_set(err, "labels: out of memory");
            goto done;
        }
        if (bs_polylabel(a, k, job->precision, &x, &y, &d) != 0)
            continue;
        l->ax = job->ox + x * job->scale;
        l->ay = job->oy - y * job->scale;
        if (l->ax < job->bounds.x0 || l->ax > job->bounds.x1 ||
            l->ay < job->bounds.y0 || l->ay > job->bounds.y1)
            continue;
        l->how = BS_LABEL_DROPPED;
        cs[nc].slot = slot - 1;
        cs[nc].pole = d;
        cs[nc].prio = job->priority ? job->priority[k] : 0;
        if (make_variants(job, job->text[k], &cs[nc], err) != 0) {
            nc++;
            goto done;
        }
        if (grid_add(&anchors, (bs_label_box){l->ax, l->ay, l->ax, l->ay},
                     slot - 1) != 0) {
            nc++;
            bs_error_set(err, "labels: out of memory");
            goto done;
        }
        nc++;
    }
    qsort(cs, nc, sizeof *cs, job->priority ? by_priority : by_room);

    for (k = 0; k < nc; k++) {
        int done;
        if (try_inside(job, out, &placed, &cs[k], &done) != 0 ||
            /* in order of importance: a leader before the next label */
            (job->priority && !done && job->leader_mm > 0 &&
             try_leader(job, out, &placed, &anchors, &cs[k], &done) != 0)) {
            bs_error_set(err, "labels: out of memory");
            goto done;
        }
    }
    for (k = 0; k < nc && job->leader_mm > 0 && !job->priority; k++) {
        int done;
        if (out->label[cs[k].slot].how != BS_LABEL_DROPPED)
            continue;
        if (try_leader(job, out, &placed, &anchors, &cs[k], &done) != 0) {
            bs_error_set(err, "labels: out of memory");
            goto done;
        }
    }
    for (k = 0; k < out->n; k++)
        if (out->label[k].how == BS_LABEL_DROPPED)
            out->ndropped++;
    rc = 0;
done:
    for (k = 0; k < nc; k++) {
        for (size_t v = 0; v < cs[k].nv; v++)
            free(cs[k].v[v].text);
        free(cs[k].v);
    }
    free(cs);
    if (gi) {
        grid_free(&placed);
        grid_free(&anchors);
    }
    if (rc != 0)
        bs_label_set_free(out);
    return rc;
}
