/* clip.h: polygons cut to a rectangle, for maps that show part of an area
 * set (the report's profile pages): the rings of the areas in view clipped
 * to it, so a page draws only what it shows.
 *
 * Boxes are {xmin, ymin, xmax, ymax}. Data level: every layer may use it. */
#ifndef BUURTSCAN_CLIP_H
#define BUURTSCAN_CLIP_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* Ring (x, y, n; closed or not) clipped to box (Sutherland-Hodgman), closed
 * again, into ox, oy (room for cap points). Returns the number of points
 * (0: nothing inside), or cap + 1 when the result does not fit. scratch
 * holds 4 * cap doubles. A ring of len points needs at most 2 len + 8. */
size_t bs_clip_ring(const double *x, const double *y, size_t n,
                    const double box[4], double *ox, double *oy,
                    double *scratch, size_t cap);

/* The box of every area into boxes[4 * i .. 4 * i + 3]; NaN for an area
 * without geometry. */
void bs_areas_boxes(const bs_areas *a, double *boxes);

/* The areas in view of a box, clipped to it; its arrays are kept from one
 * cut to the next (a page of an atlas after another), grown as needed. */
typedef struct bs_window {
    bs_areas sub;             /* the areas whose box meets the view, in
                                 order, their rings clipped (rings outside
                                 dropped); path and crs are the set's */
    size_t *of;               /* sub.n: the index of each in the set */
    size_t cap_areas, cap_rings, cap_pts, cap_clip;   /* private */
    double *clip;             /* private: clipping scratch */
} bs_window;

/* Cuts w to box from a, whose area boxes are boxes (bs_areas_boxes). An
 * area that lies inside the box is copied whole. Start from a zeroed w.
 * Errors: out of memory (w stays valid for bs_window_free). */
int bs_window_cut(bs_window *w, const bs_areas *a, const double *boxes,
                  const double box[4], bs_error *err);

/* Frees w's arrays (the sub-set's too) and zeroes it. */
void bs_window_free(bs_window *w);

#endif
