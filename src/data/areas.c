/* areas.c: the area set (flat geometry arrays) and selecting areas. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/areas.h"

void bs_areas_free(bs_areas *a)
{
    if (!a)
        return;
    bs_table_free(a->attrs);
    free(a->path);
    free(a->record);
    free(a->ring_first);
    free(a->pt_first);
    free(a->x);
    free(a->y);
    free(a->crs);
    free(a->arcs);       /* one block, see bs_arcs in topology.h */
    free(a);
}

int bs_areas_bbox(const bs_areas *a, double box[4])
{
    size_t i;

    /* Every point belongs to a ring of some area, so the points suffice. */
    if (a->npts == 0)
        return -1;
    box[0] = box[2] = a->x[0];
    box[1] = box[3] = a->y[0];
    for (i = 1; i < a->npts; i++) {
        if (a->x[i] < box[0]) box[0] = a->x[i];
        if (a->x[i] > box[2]) box[2] = a->x[i];
        if (a->y[i] < box[1]) box[1] = a->y[i];
        if (a->y[i] > box[3]) box[3] = a->y[i];
    }
    return 0;
}

/* Compacts in place, front to back: an item is only ever moved to an index
 * at or below its own, and each offset is read before its slot is written. */
int bs_areas_keep(bs_areas *a, const unsigned char *keep, bs_error *err)
{
    bs_table *t = a->attrs;
    size_t i, c, j = 0, rr = 0, pp = 0;

    if (t && t->nrows != a->n)
        return bs_error_set(err, "%s: %zu attribute rows for %zu areas",
                            a->path, t->nrows, a->n);
    for (i = 0; i < a->n; i++) {
        size_t r, r0 = a->ring_first[i], r1 = a->ring_first[i + 1];

        if (!keep[i]) {
            if (t)
                for (c = 0; c < t->ncols; c++)
                    free(t->cells[c][i]);
            continue;
        }
        a->ring_first[j] = rr;
        for (r = r0; r < r1; r++) {
            size_t p0 = a->pt_first[r], np = a->pt_first[r + 1] - p0;
            memmove(a->x + pp, a->x + p0, np * sizeof *a->x);
            memmove(a->y + pp, a->y + p0, np * sizeof *a->y);
            a->pt_first[rr++] = pp;
            pp += np;
        }
        a->record[j] = a->record[i];
        if (t) {
            for (c = 0; c < t->ncols; c++)
                t->cells[c][j] = t->cells[c][i];
            t->lines[j] = t->lines[i];
        }
        j++;
    }
    a->ring_first[j] = rr;
    a->pt_first[rr] = pp;
    a->n = j;
    a->nrings = rr;
    a->npts = pp;
    if (t)
        t->nrows = j;
    /* arcs name rings and areas by their old numbers */
    free(a->arcs);
    a->arcs = NULL;
    return 0;
}

int bs_areas_check_ring(const double *x, const double *y, size_t n,
                        const char *where, int ring, size_t first,
                        const bs_diag *diag, bs_error *err)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (!isfinite(x[k]) || !isfinite(y[k]))
            return bs_error_set(err, "%s: point %zu is not a finite number",
                                where, first + k);
    if (n < 3) {
        bs_warn(diag, "%s: ring %d has %zu point%s, fewer than a polygon "
                "needs; dropped", where, ring, n, n == 1 ? "" : "s");
        return 1;
    }
    return 0;
}

/* Even-odd test of (px, py) against ring r. */
static int ring_contains(const bs_areas *a, size_t r, double px, double py)
{
    size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1], i, j;
    int in = 0;

    for (i = p0, j = p1 - 1; i < p1; j = i++) {
        double xi = a->x[i], yi = a->y[i], xj = a->x[j], yj = a->y[j];
        if ((yi > py) != (yj > py)
            && px < (xj - xi) * (py - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

static void ring_box(const bs_areas *a, size_t r, double box[4])
{
    size_t k;

    box[0] = box[2] = a->x[a->pt_first[r]];
    box[1] = box[3] = a->y[a->pt_first[r]];
    for (k = a->pt_first[r] + 1; k < a->pt_first[r + 1]; k++) {
        if (a->x[k] < box[0]) box[0] = a->x[k];
        if (a->x[k] > box[2]) box[2] = a->x[k];
        if (a->y[k] < box[1]) box[1] = a->y[k];
        if (a->y[k] > box[3]) box[3] = a->y[k];
    }
}

/* Whether ring q lies inside ring r: two of three sample vertices. */
static int ring_inside(const bs_areas *a, size_t q, size_t r,
                       const double *bq, const double *br)
{
    size_t p0 = a->pt_first[q], n = a->pt_first[q + 1] - p0, s;
    int votes = 0;

    if (bq[0] < br[0] || bq[1] < br[1] || bq[2] > br[2] || bq[3] > br[3])
        return 0;
    for (s = 0; s < 3; s++) {
        size_t k = p0 + s * n / 3;
        votes += ring_contains(a, r, a->x[k], a->y[k]);
    }
    return votes >= 2;
}

int bs_areas_ring_parents(const bs_areas *a, size_t i, long *parent)
{
    size_t r0 = a->ring_first[i], n = a->ring_first[i + 1] - r0, q, r;
    double *box = malloc((n ? n : 1) * 4 * sizeof *box);
    size_t *depth = calloc(n ? n : 1, sizeof *depth);

    if (!box || !depth) {
        free(box);
        free(depth);
        return -1;
    }
    for (q = 0; q < n; q++)
        ring_box(a, r0 + q, box + 4 * q);
    for (q = 0; q < n; q++)
        for (r = 0; r < n; r++)
            if (r != q && ring_inside(a, r0 + q, r0 + r, box + 4 * q,
                                      box + 4 * r))
                depth[q]++;
    for (q = 0; q < n; q++) {
        parent[q] = -1;
        if (depth[q] % 2 == 0)
            continue;
        /* the innermost holder: the deepest ring that holds q */
        for (r = 0; r < n; r++)
            if (r != q && depth[r] + 1 == depth[q]
                && ring_inside(a, r0 + q, r0 + r, box + 4 * q, box + 4 * r)) {
                parent[q] = (long)r;
                break;
            }
    }
    free(box);
    free(depth);
    return 0;
}

/* One UTF-8 character: a lead byte and its continuation bytes. */
static const char *utf8_next(const char *s)
{
    s++;
    while (((unsigned char)*s & 0xC0) == 0x80)
        s++;
    return s;
}

/* Iterative with one backtrack point: on a mismatch after a '*', let that
 * '*' swallow one more character and retry. Linear in practice, no
 * recursion on hostile patterns. */
int bs_glob_match(const char *pattern, const char *text)
{
    const char *p = pattern, *s = text, *star = NULL, *retry = NULL;

    while (*s) {
        if (*p == '*') {
            while (*p == '*')
                p++;
            if (!*p)
                return 1;
            star = p;
            retry = s;
        } else if (*p == '?') {
            p++;
            s = utf8_next(s);
        } else if (*p && tolower((unsigned char)*p)
                         == tolower((unsigned char)*s)) {
            p++;
            s++;
        } else if (star) {
            retry = utf8_next(retry);
            p = star;
            s = retry;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}
