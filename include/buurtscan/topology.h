/* topology.h: topology-aware simplification of area geometry for print.
 *
 * Neighbouring areas in CBS and ONS boundary sets share their border
 * vertices. Simplifying each ring on its own would move a shared border
 * differently on its two sides and open cracks or overlaps between
 * neighbours. Here the rings are first cut into arcs: maximal runs of
 * vertices between nodes, a node being a vertex where the set of rings
 * running through it changes. Each arc is simplified once (Douglas-Peucker,
 * its end nodes kept) and every ring is rebuilt from its arcs, so both
 * sides of a border get the same vertices and the areas still tile.
 *
 * Vertices are matched by their coordinates, snapped: points less than
 * snap = min(tolerance / 1000, mean segment length / 400) apart on both
 * axes are one vertex, written with the coordinates of its first point.
 * Shared vertices are not always bit for bit equal: in the ONS LSOA file
 * converted to WGS84 the two copies of a border vertex differ by about
 * 1e-11 degree, some by up to 1e-6 degree (0.1 m). The 1/400 is
 * mapshaper's automatic snapping interval. Tolerance 0 matches exactly.
 *
 * The results are bs_areas holding geometry only (see bs_areas_simplify).
 * Ring i of the result is ring i of the input, simplified: same area, same
 * direction (so holes stay holes under the even-odd rule), its points some
 * of the input ring's points in their order (each moved by at most the
 * snap distance), possibly starting at another one of them. A ring never
 * drops below 3 distinct points, to zero area or to the opposite direction
 * (turned inside out): if it would, its arcs keep their most important
 * vertices until it does not (in the end, all of them). A ring that has
 * fewer than 3 distinct points to begin with is copied as it was. Arcs may
 * still cross one another after simplification; at a print tolerance that
 * is below what shows. */
#ifndef BUURTSCAN_TOPOLOGY_H
#define BUURTSCAN_TOPOLOGY_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* One arc: a border between two nodes (or a whole ring without nodes),
 * held once however many rings run along it. Its points are the ring's own
 * points in the simplified area set: point k (0 <= k < n) of the arc is
 * x[pt_first[ring] + (start + k) % len], y[...] likewise, with len the
 * ring's point count (pt_first[ring + 1] - pt_first[ring]). A closed ring
 * (last point repeating the first) never wraps: its last arc ends on the
 * closing point; an open ring's last arc wraps to its first point. So the
 * arcs stay valid when the points are transformed in place, as by
 * bs_areas_reproject. side[0] is the area of `ring`, side[1] the area of
 * the first other ring that uses the arc (it may be the same area, for a
 * border between two of its rings), or SIZE_MAX on the outer border of
 * the set. Areas that overlap another's border by three or more rings
 * (not a tiling) list only the first two. */
typedef struct bs_arc {
    size_t ring;
    size_t start;             /* offset within the ring */
    size_t n;                 /* points, >= 2 */
    size_t side[2];           /* areas on either side; SIZE_MAX = none */
} bs_arc;

/* All arcs of an area set, in one allocation (bs_areas_free frees it with
 * free()). Every edge of the rings, the edge back to a ring's start
 * included, lies in exactly one arc, an edge two rings share in the same
 * one: stroking the arcs draws each border once. A ring of fewer than 3
 * distinct points (copied as it was) is one arc of its own, its side[1]
 * SIZE_MAX; a ring of fewer than 2 points is in none. */
typedef struct bs_arcs {
    size_t n;
    bs_arc arc[];
} bs_arcs;

/* The tolerance, in map units, at which a simplified border stays within
 * mm_on_paper millimetres of the original on paper, for a map map_width_m
 * units wide drawn frame_width_mm millimetres wide: mm_on_paper *
 * map_width_m / frame_width_mm (mm_on_paper times the scale denominator).
 * 0.1 mm is below what a printed line of 0.25 pt shows. Returns 0 when an
 * argument is not positive and finite. */
double bs_print_tolerance(double map_width_m, double frame_width_mm,
                          double mm_on_paper);

/* Simplifies every ring of `in` (see above) so that no removed vertex lies
 * further than `tolerance` (in the units of in->x, in->y) from the
 * simplified border; tolerance 0 removes only vertices exactly on the line
 * between their neighbours. Also removes repeated consecutive points.
 *
 * On success *out is a new area set that owns copies of path, crs, record
 * and ring_first, and new points; its attrs is NULL: area i of *out is
 * area i of `in`, whose attrs row i still describes it. Its arcs lists the
 * simplified borders (see bs_arcs), for drawing each one once. Free *out with
 * bs_areas_free; `in` is not changed. Thread-safe (no shared state).
 * Errors: a negative or non-finite tolerance, non-finite coordinates, more
 * than 4,294,967,294 points, out of memory. */
int bs_areas_simplify(const bs_areas *in, double tolerance, bs_areas **out,
                      bs_error *err);

/* As bs_areas_simplify, but measures distances after scaling x by kx and y
 * by ky: sqrt((kx dx)^2 + (ky dy)^2) <= tolerance. This simplifies in the
 * source CRS before reprojecting, so that only the kept points are
 * reprojected. For a source in degrees of longitude (x) and latitude (y),
 * with the tolerance in metres:
 *     bs_metres_per_degree(lat0, &kx, &ky);
 *     bs_areas_simplify_scaled(in, tolerance_m, kx, ky, &out, err);
 * with lat0 the middle latitude of the areas (of their bounding box). The
 * east-west distances are then off by the factor cos(lat) / cos(lat0):
 * within 7 % across England (50 to 55.8 N), 2 % across the Netherlands.
 * (A cruder choice, tolerance_m / ky with bs_areas_simplify, never exceeds
 * the tolerance but keeps more points than needed east-west.)
 * kx and ky must be positive and finite. */
int bs_areas_simplify_scaled(const bs_areas *in, double tolerance, double kx,
                             double ky, bs_areas **out, bs_error *err);

/* Metres per degree of longitude and of latitude at latitude lat_deg on
 * the WGS84 ellipsoid (the lengths of a degree along the parallel and the
 * meridian there). */
void bs_metres_per_degree(double lat_deg, double *per_lon, double *per_lat);

#endif
