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
