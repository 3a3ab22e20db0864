/* contiguity.h: building spatial weights (weights.h) from geometry:
 * queen and rook contiguity of polygons (a shared boundary point; a shared
 * boundary segment), k nearest neighbours and distance bands on points
 * (label points, population-weighted points). Deterministic and
 * thread-safe. */
#ifndef BUURTSCAN_CONTIGUITY_H
#define BUURTSCAN_CONTIGUITY_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/weights.h"

/* Contiguity of polygons. */
typedef enum bs_contiguity {
    BS_CONTIGUITY_QUEEN,      /* at least one boundary point in common */
    BS_CONTIGUITY_ROOK        /* at least one boundary segment in common */
} bs_contiguity;

/* Contiguity weights (binary) of the areas' polygons. Two boundary points
 * are the same when they lie within `snap` (map units, Euclidean) of each
 * other; snap 0 asks for the same coordinates exactly (as CBS and ONS
 * boundary sets share their border vertices, and as libpysal's Queen and
 * Rook do). Queen: two areas are neighbours when a boundary point of one
 * is a boundary point of the other (so corners count). Rook: when a
 * segment between two consecutive boundary points of one has both ends on
 * consecutive boundary points of the other. A border where one side has a
 * vertex and the other does not still counts through its shared end
 * points; two areas that only touch in the middle of a segment without a
 * vertex there are not neighbours. Rings of one area never make it its own
 * neighbour. Areas without geometry are islands. Points are found through
 * a hash of their coordinates (exact) or of a grid of cells snap wide
 * (snap > 0), not by comparing all pairs: time and memory are linear in
 * the number of points. The result is symmetric.
 * Errors: snap negative or not finite, a point that is not finite
 * ("PATH: record 12: point 5 is not a finite number"), more than
 * 4,294,967,294 points, out of memory. */
int bs_weights_contiguity(const bs_areas *a, bs_contiguity kind, double snap,
                          bs_weights **out, bs_error *err);

/* k nearest neighbours (binary) of the points (x[i], y[i]), i < n, by
 * straight-line distance (project CRS units); ties in distance go to the
 * lower index. A point with a NaN coordinate (an area without a label
 * point) is an island and nobody's neighbour. Not symmetric in general.
 * Errors: k == 0, or k not below the number of points that have
 * coordinates ("k = 6 but only 4 other areas have a point"). */
int bs_weights_knn(const double *x, const double *y, size_t n, size_t k,
                   bs_weights **out, bs_error *err);

/* Distance band (binary): i and j are neighbours when their points lie at
 * most `band` apart. Points without coordinates, and points with nobody
 * within the band, are islands. Symmetric.
 * Errors: band not positive and finite. */
int bs_weights_distance(const double *x, const double *y, size_t n,
                        double band, bs_weights **out, bs_error *err);

#endif
