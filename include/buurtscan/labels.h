/* labels.h: area labels: the pole of inaccessibility of an area (Mapbox's
 * polylabel) and placement on the page without collisions.
 *
 * Placement works in page millimetres (y down) on boxes the caller measures
 * with its own fonts, so it knows nothing of cairo or pango. Each label is
 * tried inside its area at its pole (then shifted a little from it), from
 * the preferred size down to the smallest, on one line and wrapped on two;
 * a label that fits nowhere inside is moved out, clear of its area and of
 * other leaders, with a leader line to the nearest free spot within reach;
 * otherwise it is dropped and reported. Placed boxes keep a clear margin
 * from each other and from the obstacles, and stay inside the bounds: no
 * overlap is possible by construction. */
#ifndef BUURTSCAN_LABELS_H
#define BUURTSCAN_LABELS_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* A box on the page in millimetres, x to the right and y down. */
typedef struct bs_label_box {
    double x0, y0, x1, y1;
} bs_label_box;

/* The pole of inaccessibility of area i's largest part (the outer ring of
 * largest net area, with the holes inside it): the inside point farthest
 * from the boundary, found to within precision map units (Mapbox polylabel:
 * a priority queue of square cells ordered by the best distance they could
 * hold). Sets *x, *y and *dist (the distance from there to the boundary).
 * Returns 0, or -1 when the area has no geometry or precision <= 0. */
int bs_polylabel(const bs_areas *a, size_t i, double precision, double *x,
                 double *y, double *dist);

typedef enum bs_label_how {
    BS_LABEL_OFF_MAP = 0,     /* no geometry, or its pole lies outside the bounds */
    BS_LABEL_INSIDE,          /* inside its area: at the pole, or shifted by a
                                 line or half its width when that is taken */
    BS_LABEL_LEADER,          /* outside, with a leader line to the pole */
    BS_LABEL_DROPPED          /* no room nearby: not drawn */
} bs_label_how;

typedef struct bs_label {
    size_t area;
    bs_label_how how;
    char *text;               /* as drawn: may hold one '\n' where it wraps */
    double size_pt;
    bs_label_box box;         /* where the text goes (INSIDE, LEADER) */
    double ax, ay;            /* the pole on the page (not OFF_MAP) */
    double lx, ly;            /* where the leader meets the box (LEADER) */
} bs_label;

/* One entry per area that has a label text, in area order. */
typedef struct bs_label_set {
    size_t n;
    bs_label *label;
    size_t ninside, nleader, ndropped;
} bs_label_set;

/* Frees the texts and the array; s may be NULL or zeroed. Leaves s zeroed. */
void bs_label_set_free(bs_label_set *s);

/* Measures text (one '\n' at most) set at size_pt: logical width and
 * height in mm. Returns 0, or -1 on failure. */
typedef int (*bs_label_measure)(void *ud, const char *text, double size_pt,
                                double *w_mm, double *h_mm);

typedef struct bs_label_job {
    const bs_areas *areas;
    const char *const *text;      /* per area; NULL or "" = no label */
    double scale, ox, oy;         /* page mm = (ox + x * scale, oy - y * scale) */
    bs_label_box bounds;          /* boxes stay inside (the map frame) */
    const bs_label_box *obstacles;   /* never covered (inset, legend, symbols) */
    size_t nobstacles;
    double size_pt, min_size_pt;  /* tried from size down to min in 0.5 pt steps */
    double pad_mm;                /* clear margin around every box (the halo) */
    double leader_mm;             /* how far a label may move out; 0 = never */
    double precision;             /* polylabel precision, map units */
    bs_label_measure measure;
    void *ud;
    const size_t *priority;       /* per area: its place in the order of
                                   * importance (0 first; bs_label_order), or
                                   * NULL: by room. With it each label tries
                                   * inside, then a leader, before the next */
} bs_label_job;

/* Places the labels of job into out (zeroed first; free with
 * bs_label_set_free). Returns 0, or -1 when measuring fails or memory
 * runs out. */
int bs_labels_place(const bs_label_job *job, bs_label_set *out, bs_error *err);

/* Whether two boxes overlap (touching edges do not). */
int bs_label_box_overlap(const bs_label_box *a, const bs_label_box *b);

/* Whether any area of a touches the map-unit box minx..maxx, miny..maxy:
 * an edge crosses or lies in it, or the box lies inside an area. Used to
 * find a corner of the map that covers nothing. */
int bs_areas_touch_box(const bs_areas *a, double minx, double miny,
                       double maxx, double maxy);

#endif
