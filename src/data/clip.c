/* clip.c: rings clipped to a box and the window of an area set (clip.h). */
#include "buurtscan/clip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One Sutherland-Hodgman stage: the part of ring (x, y, n) on the inside
 * of box edge e (0: x >= r[0], 1: x <= r[2], 2: y >= r[1], 3: y <= r[3]).
 * Returns the points written to ox, oy (at most cap), or cap + 1 when
 * they do not fit. */
static size_t clip_stage(const double *x, const double *y, size_t n,
                         const double r[4], int e, double *ox, double *oy,
                         size_t cap)
{
    size_t m = 0;

#define INSIDE(px, py) (e == 0 ? (px) >= r[0] : e == 1 ? (px) <= r[2]        \
                        : e == 2 ? (py) >= r[1] : (py) <= r[3])
#define EMIT(px, py)                                                          \
    do {                                                                      \
        if (m == cap)                                                         \
            return cap + 1;                                                   \
        ox[m] = (px);                                                         \
        oy[m] = (py);                                                         \
        m++;                                                                  \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        double px = x[(i + n - 1) % n], py = y[(i + n - 1) % n];
        double qx = x[i], qy = y[i];
        int pin = INSIDE(px, py), qin = INSIDE(qx, qy);
        if (pin != qin) {
            double t, ix, iy;
            if (e < 2) {
                double bx = e == 0 ? r[0] : r[2];
                t = (bx - px) / (qx - px);
                ix = bx;
                iy = py + t * (qy - py);
            } else {
                double by = e == 2 ? r[1] : r[3];
                t = (by - py) / (qy - py);
                ix = px + t * (qx - px);
                iy = by;
            }
            EMIT(ix, iy);
        }
        if (qin)
            EMIT(qx, qy);
    }
#undef INSIDE
#undef EMIT
    return m;
}

size_t bs_clip_ring(const double *x, const double *y, size_t n,
                    const double box[4], double *ox, double *oy,
                    double *scratch, size_t cap)
{
    double *t1x = scratch, *t1y = scratch + cap;
    double *t2x = scratch + 2 * cap, *t2y = scratch + 3 * cap;
    size_t m;

    if (n > 1 && x[0] == x[n - 1] && y[0] == y[n - 1])
        n--;
    if (cap < 1)
        return cap + 1;
    m = clip_stage(x, y, n, box, 0, t1x, t1y, cap - 1);
    if (m <= cap - 1)
        m = clip_stage(t1x, t1y, m, box, 1, t2x, t2y, cap - 1);
    if (m <= cap - 1)
        m = clip_stage(t2x, t2y, m, box, 2, t1x, t1y, cap - 1);
    if (m <= cap - 1)
        m = clip_stage(t1x, t1y, m, box, 3, ox, oy, cap - 1);
    if (m > cap - 1)
        return cap + 1;
    if (m < 3)
        return 0;
    ox[m] = ox[0];
    oy[m] = oy[0];
    return m + 1;
}

void bs_areas_boxes(const bs_areas *a, double *boxes)
{
    for (size_t i = 0; i < a->n; i++) {
        double *b = &boxes[4 * i];
        b[0] = b[1] = INFINITY;
        b[2] = b[3] = -INFINITY;
        for (size_t r = a->ring_first[i]; r < a->ring_first[i + 1]; r++)
            for (size_t p = a->pt_first[r]; p < a->pt_first[r + 1]; p++) {
                if (a->x[p] < b[0]) b[0] = a->x[p];
                if (a->y[p] < b[1]) b[1] = a->y[p];
                if (a->x[p] > b[2]) b[2] = a->x[p];
                if (a->y[p] > b[3]) b[3] = a->y[p];
            }
        if (!(b[0] <= b[2]))
            b[0] = b[1] = b[2] = b[3] = NAN;
    }
}

static int meets(const double *b, const double box[4])
{
    return !(isnan(b[0]) || b[0] > box[2] || b[2] < box[0] || b[1] > box[3] ||
             b[3] < box[1]);
}

/* Room in w for na areas, nr rings, np points and clipping scratch for a
 * ring of longest points; doubles what must grow. */
static int window_room(bs_window *w, size_t na, size_t nr, size_t np,
                       size_t longest)
{
    size_t ca = na + 1 > w->cap_areas ? 2 * (na + 1) : w->cap_areas;
    size_t cr = nr + 1 > w->cap_rings ? 2 * (nr + 1) : w->cap_rings;
    size_t cp = np + 1 > w->cap_pts ? 2 * (np + 1) : w->cap_pts;
    size_t cc = longest > w->cap_clip ? 2 * longest : w->cap_clip;
    size_t *rf, *of, *pf;
    long *rec;
    double *x, *y, *t;

    if (na + 1 <= w->cap_areas && nr + 1 <= w->cap_rings &&
        np + 1 <= w->cap_pts && longest <= w->cap_clip)
        return 0;
    rf = realloc(w->sub.ring_first, (ca + 1) * sizeof *rf);
    rec = rf ? realloc(w->sub.record, (ca + 1) * sizeof *rec) : NULL;
    of = rec ? realloc(w->of, (ca + 1) * sizeof *of) : NULL;
    pf = of ? realloc(w->sub.pt_first, (cr + 1) * sizeof *pf) : NULL;
    x = pf ? realloc(w->sub.x, cp * sizeof *x) : NULL;
    y = x ? realloc(w->sub.y, cp * sizeof *y) : NULL;
    t = y ? realloc(w->clip, 4 * cc * sizeof *t) : NULL;
    if (rf) w->sub.ring_first = rf;
    if (rec) w->sub.record = rec;
    if (of) w->of = of;
    if (pf) w->sub.pt_first = pf;
    if (x) w->sub.x = x;
    if (y) w->sub.y = y;
    if (!t)
        return -1;
    w->clip = t;
    w->cap_areas = ca;
    w->cap_rings = cr;
    w->cap_pts = cp;
    w->cap_clip = cc;
    return 0;
}

int bs_window_cut(bs_window *w, const bs_areas *a, const double *boxes,
                  const double box[4], bs_error *err)
{
    size_t na = 0, nr = 0, np = 0, longest = 0;

    /* room: every ring may grow to 2 len + 8 points when clipped */
    for (size_t i = 0; i < a->n; i++) {
        if (!meets(&boxes[4 * i], box))
            continue;
        for (size_t r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
            size_t len = a->pt_first[r + 1] - a->pt_first[r];
            np += 2 * len + 8;
            if (2 * len + 8 > longest)
                longest = 2 * len + 8;
        }
        nr += a->ring_first[i + 1] - a->ring_first[i];
        na++;
    }
    if (window_room(w, na, nr, np, longest) != 0)
        return bs_error_set(err, "%s: out of memory", a->path ? a->path : "areas");
    na = nr = np = 0;
    for (size_t i = 0; i < a->n; i++) {
        const double *b = &boxes[4 * i];
        int inside = b[0] >= box[0] && b[2] <= box[2] && b[1] >= box[1] &&
                     b[3] <= box[3];
        if (!meets(b, box))
            continue;
        w->of[na] = i;
        w->sub.record[na] = a->record ? a->record[i] : (long)i + 1;
        w->sub.ring_first[na] = nr;
        for (size_t r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
            const double *rx = a->x + a->pt_first[r], *ry = a->y + a->pt_first[r];
            size_t len = a->pt_first[r + 1] - a->pt_first[r], m;
            size_t cap = 2 * len + 8;
            m = inside ? cap + 1
                       : bs_clip_ring(rx, ry, len, box, w->sub.x + np,
                                      w->sub.y + np, w->clip, cap);
            if (m > cap) {            /* inside the box, or too many points */
                memcpy(w->sub.x + np, rx, len * sizeof *rx);
                memcpy(w->sub.y + np, ry, len * sizeof *ry);
                m = len;
            }
            if (m == 0)
                continue;             /* the ring lies outside the box */
            w->sub.pt_first[nr++] = np;
            np += m;
        }
        na++;
    }
    w->sub.ring_first[na] = nr;
    w->sub.pt_first[nr] = np;
    w->sub.n = na;
    w->sub.nrings = nr;
    w->sub.npts = np;
    w->sub.path = a->path;
    w->sub.crs = a->crs;
    w->sub.attrs = NULL;
    w->sub.arcs = NULL;
    return 0;
}

void bs_window_free(bs_window *w)
{
    free(w->sub.ring_first);
    free(w->sub.pt_first);
    free(w->sub.x);
    free(w->sub.y);
    free(w->sub.record);
    free(w->of);
    free(w->clip);
    memset(w, 0, sizeof *w);
}
