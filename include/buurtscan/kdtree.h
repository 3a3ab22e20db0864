/* kdtree.h: a static 2-d tree over points, for nearest-neighbour and
 * within-distance queries (k nearest neighbour and distance-band weights,
 * distances to facilities).
 *
 * Distances are straight-line (Euclidean) in the units of x and y: the
 * points must be in a projected CRS for distances in metres. Points with a
 * NaN or infinite coordinate are not in the tree (they are never found);
 * they keep their index, so that results name the caller's points.
 *
 * Ties are broken by index: of two points at the same distance the lower
 * index is nearer. So every query has one answer, whatever the shape of the
 * tree. The tree is read-only once built: threads may query it at once. */
#ifndef BUURTSCAN_KDTREE_H
#define BUURTSCAN_KDTREE_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef struct bs_kdtree bs_kdtree;

/* Builds a tree over the n points (x[i], y[i]) into *out (free with
 * bs_kdtree_free). x and y are copied. n may be 0 (a tree that finds
 * nothing). Errors: out of memory. */
int bs_kdtree_new(const double *x, const double *y, size_t n, bs_kdtree **out,
                  bs_error *err);
void bs_kdtree_free(bs_kdtree *t);

/* Number of points in the tree (those with finite coordinates). */
size_t bs_kdtree_size(const bs_kdtree *t);

/* The k points nearest to (qx, qy), nearest first (ties by index), leaving
 * out point `skip` (SIZE_MAX: none; used to find a point's neighbours among
 * the others). Writes their indices to idx[] and squared distances to
 * d2[] (both with room for k), and returns how many were found: k, or
 * fewer when the tree holds fewer. A NaN query finds nothing. Cannot fail
 * (no memory is allocated). */
size_t bs_kdtree_nearest(const bs_kdtree *t, double qx, double qy, size_t k,
                         size_t skip, size_t *idx, double *d2);

/* Number of points at distance <= r from (qx, qy). Subtrees that lie
 * wholly inside the circle are counted without visiting their points. */
size_t bs_kdtree_count_within(const bs_kdtree *t, double qx, double qy,
                              double r);

/* Calls visit(ud, i, d2) for every point i at distance <= r from (qx, qy),
 * in no particular order; d2 is the squared distance. */
void bs_kdtree_within(const bs_kdtree *t, double qx, double qy, double r,
                      void (*visit)(void *ud, size_t i, double d2), void *ud);

#endif
