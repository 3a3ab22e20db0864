/* spatial.c: point in polygon with an exact border rule, a uniform grid
 * index over ring bounding boxes, counts per area and rates per 1,000.
 * The border rule is stated in spatial.h. */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/spatial.h"

/* ---- exact orientation ------------------------------------------------ */

/* a + b = s + t exactly (Knuth's Two-Sum; any order of magnitudes). */
static void two_sum(double a, double b, double *s, double *t)
{
    double x = a + b, bv = x - a, av = x - bv;

    *s = x;
    *t = (a - av) + (b - bv);
}

/* a * b = p + t exactly (fma gives the rounding error of the product). */
static void two_prod(double a, double b, double *p, double *t)
{
    double x = a * b;

    *p = x;
    *t = fma(a, b, -x);
}

/* Adds b to the non-overlapping expansion e[0..m) (increasing magnitude,
 * zeros dropped) in place; returns the new length, at most m + 1
 * (Shewchuk's Grow-Expansion with zero elimination). */
static size_t grow_expansion(double *e, size_t m, double b)
{
    double q = b, s, t;
    size_t i, k = 0;

    for (i = 0; i < m; i++) {
        two_sum(q, e[i], &s, &t);
        if (t != 0)
            e[k++] = t;
        q = s;
    }
    if (q != 0 || k == 0)
        e[k++] = q;
    return k;
}

/* Sign of (bx - ax)(py - ay) - (by - ay)(px - ax), computed exactly from
 * the sixteen products of the exact differences. Only reached when the
 * filter in orient() cannot decide: points within rounding distance of
 * the line through a and b. */
static int orient_exact(double ax, double ay, double bx, double by,
                        double px, double py)
{
    double d[4][2], term[16], e[17];
    size_t i, j, m = 0, k = 0;

    two_sum(bx, -ax, &d[0][0], &d[0][1]);
    two_sum(py, -ay, &d[1][0], &d[1][1]);
    two_sum(by, -ay, &d[2][0], &d[2][1]);
    two_sum(px, -ax, &d[3][0], &d[3][1]);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++) {
            two_prod(d[0][i], d[1][j], &term[k], &term[k + 1]);
            k += 2;
            two_prod(-d[2][i], d[3][j], &term[k], &term[k + 1]);
            k += 2;
        }
    for (k = 0; k < 16; k++)
        m = grow_expansion(e, m, term[k]);
    /* The largest component of a non-overlapping expansion decides. */
    return e[m - 1] > 0 ? 1 : e[m - 1] < 0 ? -1 : 0;
}

/* +1 if p is left of the directed line a->b, -1 if right, 0 if on it.
 * Shewchuk's error bound for the double-precision determinant: when |det|
 * exceeds it the sign is certain, else the exact path decides. */
static int orient(double ax, double ay, double bx, double by, double px,
                  double py)
{
    static const double eps = DBL_EPSILON / 2;
    double l = (bx - ax) * (py - ay);
    double r = (by - ay) * (px - ax);
    double det = l - r;
    double bound = (3.0 + 16.0 * eps) * eps * (fabs(l) + fabs(r));

    if (det > bound)
        return 1;
    if (-det > bound)
        return -1;
    return orient_exact(ax, ay, bx, by, px, py);
}

/* ---- one ring --------------------------------------------------------- */

/* Crossing parity of the ring x[0..n) (closed implicitly: the last point
 * joins the first; a repeated closing point is a zero-length edge that is
 * never counted) for the ray from (px, py) towards +x. An edge counts when
 * py lies in [lower y, upper y) and p is strictly left of it. */
static int ring_parity(const double *x, const double *y, size_t n, double px,
                       double py)
{
    size_t i, j = n - 1;
    int c = 0;

    for (i = 0; i < n; j = i++) {
        double lx, ly, ux, uy;

        if ((y[i] > py) == (y[j] > py))
            continue;
        if (y[i] < y[j]) {
            lx = x[i], ly = y[i], ux = x[j], uy = y[j];
        } else {
            lx = x[j], ly = y[j], ux = x[i], uy = y[i];
        }
        /* The edge spans py; left of both ends is left of the edge, right
         * of (or level with) both is not: exact without arithmetic. */
        if (px < lx && px < ux)
            c ^= 1;
        else if (px < lx || px < ux)
            c ^= orient(lx, ly, ux, uy, px, py) > 0;
    }
    return c;
}

int bs_area_contains(const bs_areas *a, size_t i, double x, double y)
{
    size_t r;
    int c = 0;

    if (i >= a->n || isnan(x) || isnan(y))
        return 0;
    for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
        size_t p0 = a->pt_first[r];
        c ^= ring_parity(a->x + p0, a->y + p0, a->pt_first[r + 1] - p0, x, y);
    }
    return c;
}

/* ---- grid index ------------------------------------------------------- */

struct bs_pip_index {
    const bs_areas *a;
    size_t nrings;
    double *rbox;         /* 4 per ring: minx, miny, maxx, maxy */
    uint32_t *ring_area;  /* area of each ring */
    double box[4];        /* all rings */
    int have_geometry;    /* some ring has points */
    double cw, ch;        /* cell width and height */
    size_t nx, ny;
    size_t *cell_first;   /* nx * ny + 1 offsets into cell_ring */
    uint32_t *cell_ring;  /* ring ids, ascending within a cell */
};

/* The cell column (row) of coordinate v. floor and the clamp are monotone
 * in v, so a ring whose box contains v in closed form is listed in v's
 * cell: ring boxes and points go through this same function. */
static size_t cell_of(double v, double v0, double size, size_t n)
{
    double t = floor((v - v0) / size);

    if (!(t > 0))
        return 0;
    if (t >= (double)n)
        return n - 1;
    return (size_t)t;
}

/* Grid of about `target` square cells over the box. */
static void grid_shape(bs_pip_index *ix, double target)
{
    double w = ix->box[2] - ix->box[0], h = ix->box[3] - ix->box[1], s;

    if (target < 1)
        target = 1;
    if (w > 0 && h > 0) {
        s = sqrt(w * h / target);
        ix->nx = (size_t)fmin(ceil(w / s), 4096);
        ix->ny = (size_t)fmin(ceil(h / s), 4096);
    } else if (w > 0) {
        ix->nx = (size_t)fmin(target, 4096);
        ix->ny = 1;
    } else if (h > 0) {
        ix->nx = 1;
        ix->ny = (size_t)fmin(target, 4096);
    } else {
        ix->nx = ix->ny = 1;
    }
    if (ix->nx < 1)
        ix->nx = 1;
    if (ix->ny < 1)
        ix->ny = 1;
    ix->cw = w > 0 ? w / (double)ix->nx : 1;
    ix->ch = h > 0 ? h / (double)ix->ny : 1;
}

/* Cell span of ring r: columns c0..c1, rows r0..r1. */
static void ring_cells(const bs_pip_index *ix, size_t r, size_t *c0,
                       size_t *c1, size_t *r0, size_t *r1)
{
    const double *b = ix->rbox + 4 * r;

    *c0 = cell_of(b[0], ix->box[0], ix->cw, ix->nx);
    *c1 = cell_of(b[2], ix->box[0], ix->cw, ix->nx);
    *r0 = cell_of(b[1], ix->box[1], ix->ch, ix->ny);
    *r1 = cell_of(b[3], ix->box[1], ix->ch, ix->ny);
}

/* 1 if ring r has no points (an empty box). */
static int ring_empty(const bs_pip_index *ix, size_t r)
{
    return ix->rbox[4 * r] > ix->rbox[4 * r + 2];
}

static size_t grid_entries(const bs_pip_index *ix)
{
    size_t r, total = 0, c0, c1, r0, r1;

    for (r = 0; r < ix->nrings; r++) {
        if (ring_empty(ix, r))
            continue;
        ring_cells(ix, r, &c0, &c1, &r0, &r1);
        total += (c1 - c0 + 1) * (r1 - r0 + 1);
    }
    return total;
}

/* Ring boxes, the box of them all and each ring's area. A ring without
 * points (never made by the shapefile reader) gets an empty box, which no
 * point and no grid cell matches. */
static void ring_boxes(bs_pip_index *ix)
{
    const bs_areas *a = ix->a;
    size_t i, r, k;
    int have = 0;

    for (i = 0; i < a->n; i++)
        for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
            double *b = ix->rbox + 4 * r;
            size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];

            ix->ring_area[r] = (uint32_t)i;
            if (p0 == p1) {
                b[0] = b[1] = INFINITY;
                b[2] = b[3] = -INFINITY;
                continue;
            }
            b[0] = b[2] = a->x[p0];
            b[1] = b[3] = a->y[p0];
            for (k = p0 + 1; k < p1; k++) {
                if (a->x[k] < b[0]) b[0] = a->x[k];
                if (a->x[k] > b[2]) b[2] = a->x[k];
                if (a->y[k] < b[1]) b[1] = a->y[k];
                if (a->y[k] > b[3]) b[3] = a->y[k];
            }
            if (!have || b[0] < ix->box[0]) ix->box[0] = b[0];
            if (!have || b[1] < ix->box[1]) ix->box[1] = b[1];
            if (!have || b[2] > ix->box[2]) ix->box[2] = b[2];
            if (!have || b[3] > ix->box[3]) ix->box[3] = b[3];
            have = 1;
        }
    ix->have_geometry = have;
}

int bs_pip_index_new(const bs_areas *a, bs_pip_index **out, bs_error *err)
{
    bs_pip_index *ix;
    size_t r, c, ncells, total, c0, c1, r0, r1, cx, cy;
    double target;
    int tries;

    *out = NULL;
    if (a->nrings >= UINT32_MAX || a->n >= UINT32_MAX)
        return bs_error_set(err, "%s: too many rings for the point index",
                            a->path);
    if (!(ix = calloc(1, sizeof *ix)))
        return bs_error_set(err, "%s: out of memory", a->path);
    ix->a = a;
    ix->nrings = a->nrings;
    ix->rbox = malloc((a->nrings ? a->nrings : 1) * 4 * sizeof *ix->rbox);
    ix->ring_area = malloc((a->nrings ? a->nrings : 1)
                           * sizeof *ix->ring_area);
    if (!ix->rbox || !ix->ring_area)
        goto oom;
    ring_boxes(ix);

    /* About two cells per ring; a grid whose lists would hold more than
     * 16 entries per ring (rings with huge boxes) is made coarser. */
    target = 2.0 * (double)a->nrings;
    for (tries = 0;; tries++) {
        grid_shape(ix, target);
        total = grid_entries(ix);
        if (total <= 16 * a->nrings + 64 || tries == 8)
            break;
        target /= 4;
    }
    ncells = ix->nx * ix->ny;
    ix->cell_first = calloc(ncells + 1, sizeof *ix->cell_first);
    ix->cell_ring = malloc((total ? total : 1) * sizeof *ix->cell_ring);
    if (!ix->cell_first || !ix->cell_ring)
        goto oom;
    for (r = 0; r < ix->nrings; r++) {
        if (ring_empty(ix, r))
            continue;
        ring_cells(ix, r, &c0, &c1, &r0, &r1);
        for (cy = r0; cy <= r1; cy++)
            for (cx = c0; cx <= c1; cx++)
                ix->cell_first[cy * ix->nx + cx + 1]++;
    }
    for (c = 0; c < ncells; c++)
        ix->cell_first[c + 1] += ix->cell_first[c];
    /* Fill in ring order, so each cell lists its rings ascending, grouped
     * by area; cell_first[c] runs ahead as the fill cursor and is moved
     * back afterwards. */
    for (r = 0; r < ix->nrings; r++) {
        if (ring_empty(ix, r))
            continue;
        ring_cells(ix, r, &c0, &c1, &r0, &r1);
        for (cy = r0; cy <= r1; cy++)
            for (cx = c0; cx <= c1; cx++)
                ix->cell_ring[ix->cell_first[cy * ix->nx + cx]++]
                    = (uint32_t)r;
    }
    for (c = ncells; c > 0; c--)
        ix->cell_first[c] = ix->cell_first[c - 1];
    ix->cell_first[0] = 0;
    *out = ix;
    return 0;
oom:
    bs_pip_index_free(ix);
    return bs_error_set(err, "%s: out of memory", a->path);
}

void bs_pip_index_free(bs_pip_index *ix)
{
    if (!ix)
        return;
    free(ix->rbox);
    free(ix->ring_area);
    free(ix->cell_first);
    free(ix->cell_ring);
    free(ix);
}

/* Settles area `cur` with crossing parity `parity` during a cell scan:
 * returns 1 when the scan can stop. */
static int settle(long cur, int parity, long *found, int *more)
{
    if (!parity)
        return 0;
    if (*found >= 0) {
        *more = 1;
        return 1;
    }
    *found = cur;
    return more == NULL;
}

/* The first area containing (x, y), or -1; with `more` set, keeps looking
 * and stores in *more whether a second area contains it too. A ring whose
 * closed box misses p contributes an even number of crossings (a closed
 * ring crosses the line y = py an even number of times, and either all or
 * none of those crossings are right of p), so it is skipped. The cell's
 * rings come grouped by area, so each area's parity is complete when the
 * next area starts. */
static long locate(const bs_pip_index *ix, double x, double y, int *more)
{
    const bs_areas *a = ix->a;
    size_t c, k, k1;
    long found = -1, cur = -1;
    int parity = 0;

    if (more)
        *more = 0;
    if (!ix->have_geometry || !(x >= ix->box[0] && x <= ix->box[2]
                             && y >= ix->box[1] && y <= ix->box[3]))
        return -1;
    c = cell_of(y, ix->box[1], ix->ch, ix->ny) * ix->nx
        + cell_of(x, ix->box[0], ix->cw, ix->nx);
    k1 = ix->cell_first[c + 1];
    for (k = ix->cell_first[c]; k < k1; k++) {
        size_t r = ix->cell_ring[k], p0;
        long area = (long)ix->ring_area[r];
        const double *b = ix->rbox + 4 * r;

        if (area != cur) {
            if (settle(cur, parity, &found, more))
                return found;
            cur = area;
            parity = 0;
        }
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3])
            continue;
        p0 = a->pt_first[r];
        parity ^= ring_parity(a->x + p0, a->y + p0, a->pt_first[r + 1] - p0,
                              x, y);
    }
    settle(cur, parity, &found, more);
    return found;
}

long bs_pip_locate(const bs_pip_index *ix, double x, double y)
{
    return locate(ix, x, y, NULL);
}

void bs_pip_locate_all(const bs_pip_index *ix, const double *x,
                       const double *y, size_t n, long *area,
                       size_t *noverlap)
{
    size_t k, over = 0;
    int more;

    for (k = 0; k < n; k++) {
        area[k] = locate(ix, x[k], y[k], noverlap ? &more : NULL);
        if (noverlap && more)
            over++;
    }
    if (noverlap)
        *noverlap = over;
}

/* The next area after `first` that contains (x, y), or -1. */
static long second_area(const bs_areas *a, long first, double x, double y)
{
    size_t i;

    for (i = (size_t)first + 1; i < a->n; i++)
        if (bs_area_contains(a, i, x, y))
            return (long)i;
    return -1;
}

int bs_pointset_locate(const bs_pointset *p, const bs_areas *a, long *area,
                     const bs_diag *diag, bs_error *err)
{
    bs_pip_index *ix;
    size_t k, over = 0;
    int more;

    if (p->crs && a->crs && strcmp(p->crs, a->crs) != 0)
        return bs_error_set(err, "%s: the points are in another CRS than the "
                            "areas of %s; read them with the areas' CRS as "
                            "target", p->path, a->path);
    if (bs_pip_index_new(a, &ix, err) != 0)
        return -1;
    for (k = 0; k < p->n; k++) {
        area[k] = locate(ix, p->x[k], p->y[k], &more);
        if (more && over++ == 0) {
            char where[600];
            long second = second_area(a, area[k], p->x[k], p->y[k]);
            bs_pointset_where(p, k, where, sizeof where);
            bs_warn(diag, "%s: point '%s' lies in more than one area of %s "
                    "(records %ld and %ld overlap); it is counted in the "
                    "first", where, p->key[k], a->path,
                    a->record ? a->record[area[k]] : area[k] + 1,
                    second < 0 ? -1
                    : a->record ? a->record[second] : second + 1);
        }
    }
    if (over > 1)
        bs_warn(diag, "%s: %zu points lie in more than one area of %s; each "
                "is counted in the first in file order", p->path, over,
                a->path);
    bs_pip_index_free(ix);
    return 0;
}

/* ---- counts ----------------------------------------------------------- */

/* Trimmed, ASCII case-insensitive equality. */
static int kind_equal(const char *a, const char *b)
{
    size_t la, lb;

    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la > 0 && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb > 0 && isspace((unsigned char)b[lb - 1]))
        lb--;
    if (la != lb)
        return 0;
    for (; la > 0; la--, a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return 1;
}

int bs_count_per_area(const long *area, const char *const *kind,
                      size_t npts, const char *const *kinds, size_t nkinds,
                      size_t nareas, size_t *count, bs_error *err)
{
    size_t k, j;

    if (nkinds > 0 && !kind)
        return bs_error_set(err, "a kind filter needs points with a kind "
                            "column");
    for (k = 0; k < npts; k++)
        if (area[k] >= 0 && (size_t)area[k] >= nareas)
            return bs_error_set(err, "point %zu: area %ld, but there are "
                                "only %zu areas", k + 1, area[k], nareas);
    memset(count, 0, nareas * sizeof *count);
    for (k = 0; k < npts; k++) {
        int match = nkinds == 0;

        if (area[k] < 0)
            continue;
        for (j = 0; j < nkinds && !match && kind[k]; j++)
            match = kinds[j] && kind_equal(kind[k], kinds[j]);
        if (match)
            count[area[k]]++;
    }
    return 0;
}

int bs_per_1000(const size_t *count, const double *denom, size_t n,
                const char *const *keys, double *out, bs_error *err)
{
    size_t i;

    for (i = 0; i < n; i++) {
        double d = denom[i];

        if (isnan(d) || d == 0) {
            out[i] = NAN;
        } else if (d < 0 || !isfinite(d)) {
            char who[64];
            if (keys && keys[i])
                return bs_error_set(err, "area %s: denominator %g is %s",
                                    keys[i], d, d < 0 ? "negative"
                                                      : "not finite");
            snprintf(who, sizeof who, "area %zu", i + 1);
            return bs_error_set(err, "%s: denominator %g is %s", who, d,
                                d < 0 ? "negative" : "not finite");
        } else {
            out[i] = 1000.0 * (double)count[i] / d;
        }
    }
    return 0;
}
