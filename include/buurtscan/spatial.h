/* spatial.h: which area a point lies in (point in polygon, with a grid
 * index), counts of points per area and rates per 1,000.
 *
 * The border rule. A point belongs to an area when the point nudged a hair
 * to the right (+x), and then a far smaller hair up (+y), lies inside it:
 * p is in A  <=>  p + (d, e) is in the interior of A for all small enough
 * 0 < e << d. In words:
 *   - a point on a border between two areas belongs to the area on its
 *     right (east); on a horizontal border, to the area above it (north);
 *   - a point on a vertex belongs to the area just right of it, just above
 *     the horizontal through it (the area that owns the north-east side of
 *     the vertex, looking along the +x axis);
 *   - a point on the outer boundary of the whole map belongs to the area
 *     when the area lies to its right/above, and to none otherwise.
 * So where areas tile the plane, every point of the union is in exactly one
 * area: no point on a shared border is counted twice or lost. This is the
 * crossing-number (even-odd) test with a ray to +x, edges counted on the
 * half-open interval [lower y, upper y), and "left of the edge" decided by
 * an exact orientation predicate (a floating-point filter with an exact
 * fallback), so rounding never breaks the rule. Rings are combined with the
 * even-odd rule, as areas.h says: a point in a hole is not in the area, a
 * point on an island inside the hole is.
 *
 * Overlapping areas (bad data) can both contain a point; it then goes to
 * the first of them in file order, and the batch functions count these
 * points so that the caller can say so.
 *
 * Everything here is read-only on its inputs and keeps no global state: an
 * index may be shared by threads that locate points at the same time. */
#ifndef BUURTSCAN_SPATIAL_H
#define BUURTSCAN_SPATIAL_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/points.h"

/* 1 if (x, y) lies in area i by the border rule above, else 0. Tests every
 * ring of the area; no index. NaN coordinates are in no area. */
int bs_area_contains(const bs_areas *a, size_t i, double x, double y);

/* A uniform grid over the bounding box of all rings; each cell lists the
 * rings whose bounding box touches it. Built once, then queried. */
typedef struct bs_pip_index bs_pip_index;

/* Builds the index over a (*out, caller frees with bs_pip_index_free).
 * a is borrowed: it must outlive the index and not change meanwhile.
 * An area set without geometry gives an index that finds nothing.
 * Errors: out of memory, more than 2^32 - 1 rings. */
int bs_pip_index_new(const bs_areas *a, bs_pip_index **out, bs_error *err);
void bs_pip_index_free(bs_pip_index *ix);

/* The area (x, y) lies in, or -1 (outside every area, NaN). Same answer as
 * the lowest i with bs_area_contains(a, i, x, y). */
long bs_pip_locate(const bs_pip_index *ix, double x, double y);

/* Locates n points: area[k] for point k (-1: outside every area).
 * *noverlap (may be NULL) gets the number of points that lie in more than
 * one area; each of those went to the first. Cannot fail. */
void bs_pip_locate_all(const bs_pip_index *ix, const double *x,
                       const double *y, size_t n, long *area,
                       size_t *noverlap);

/* Builds an index, locates every point of p in a and frees the index.
 * area[k] (p->n entries) as bs_pip_locate_all. The points and the areas
 * must be in the same CRS: read the points with target_crs = a->crs (an
 * error if both CRS are set and their text differs). Points in more than
 * one area get one warning naming the first such point and the shapefile
 * records. Points outside every area are not warned about: the caller lists
 * the points with area -1. */
int bs_pointset_locate(const bs_pointset *p, const bs_areas *a, long *area,
                     const bs_diag *diag, bs_error *err);

/* Counts per area: count[i] (nareas entries) = the number of points k with
 * area[k] == i and, when nkinds > 0, whose kind[k] equals one of kinds[]
 * (trimmed, case-insensitive; a point without a kind matches none).
 * nkinds == 0 counts every point (kind may be NULL). Points with area -1 are
 * skipped. Errors: area[k] >= nareas; a kind filter without kinds
 * (kind == NULL while nkinds > 0). */
int bs_count_per_area(const long *area, const char *const *kind,
                      size_t npts, const char *const *kinds, size_t nkinds,
                      size_t nareas, size_t *count, bs_error *err);

/* Counts per 1,000 of a denominator (e.g. facilities per 1,000 youths):
 * out[i] = 1000 * count[i] / denom[i]; NaN where denom[i] is NaN or 0.
 * keys (may be NULL) name the areas in messages. Errors: a negative or
 * infinite denominator ("area WK008010: denominator -5 is negative"). */
int bs_per_1000(const size_t *count, const double *denom, size_t n,
                const char *const *keys, double *out, bs_error *err);

#endif
