/* crs.h: coordinate reference systems through PROJ.
 * Nothing else in buurtscan touches PROJ. */
#ifndef BUURTSCAN_CRS_H
#define BUURTSCAN_CRS_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* 0 if PROJ understands crs (EPSG:n, WKT, PROJ string), else -1 with a
 * message "WHAT: ..." where WHAT names the origin (e.g. "wijken.prj"). */
int bs_crs_check(const char *crs, const char *what, bs_error *err);

/* Transforms n points in place from crs `from` to crs `to`, in the
 * traditional GIS order (x = easting/longitude, y = northing/latitude).
 * A point that cannot be transformed is an error; x and y are then left
 * partly transformed. */
int bs_crs_transform(const char *from, const char *to, double *x, double *y,
                     size_t n, bs_error *err);

/* Reprojects all area geometry to `to` and sets a->crs. No-op when the CRS
 * are the same. On error the areas are left as they were. */
int bs_areas_reproject(bs_areas *a, const char *to, bs_error *err);

/* The bounding box, in crs `to`, of the areas' geometry (in a->crs), from
 * the four extreme points of every area reprojected: the far ends of a
 * reprojected set are points that are extreme in their own area, to within
 * the curvature of the projection across one area. Returns 0, 1 when no
 * area has geometry, -1 on error. */
int bs_areas_bbox_in(const bs_areas *a, const char *to, double box[4],
                     bs_error *err);

/* Simplifies the areas for print in their own CRS and reprojects only the
 * points kept to `to`: the result is as bs_areas_simplify's (see
 * topology.h), in `to`, and no vertex dropped lies further than `tolerance`
 * (in units of `to`) from the simplified border once both are in `to`.
 * For a national set in degrees this reprojects a sixth of the points.
 *
 * How: in degrees, distances are measured in metres with the length of a
 * degree of longitude at the latitude nearest the equator and of latitude
 * nearest a pole (bs_areas_simplify_scaled), so that no step is measured
 * shorter than it is on the ground. The largest stretch from those units
 * to `to` (a projection's scale factor: 1.0007 at the edge of the British
 * National Grid, 1.6 for Web Mercator at 52 N) is measured on small steps
 * east and north from up to 256 of the areas' own points, and the
 * tolerance divided by it plus 0.5 % for the places between the samples.
 * Projections that stretch unequally in different directions are measured
 * on the two axes only. */
int bs_areas_simplify_to(const bs_areas *a, const char *to, double tolerance,
                         bs_areas **out, bs_error *err);

/* 1 if PROJ takes crs a and crs b for the same CRS (axis order aside), 0 if
 * not, -1 when it cannot read one of them. */
int bs_crs_equivalent(const char *a, const char *b, bs_error *err);

/* 1 if crs is geographic (degrees), 0 if projected, -1 on error. */
int bs_crs_is_geographic(const char *crs, bs_error *err);

/* Largest coordinates an area may have: longitude -360..360 and latitude
 * -90..90 degrees in a geographic CRS; 100,000 km from the origin in a
 * projected one (the Earth's circumference is 40,000 km). */
#define BS_EARTH_MAX_DEG_X 360.0
#define BS_EARTH_MAX_DEG_Y 90.0
#define BS_EARTH_MAX_M 1e8

/* Checks that every point of the areas (in a->crs) can lie on Earth, so
 * that no later step meets a coordinate such as 1e300 (which the print
 * simplification cannot grid). -1 with "PATH: record R: point (X, Y)
 * cannot lie on Earth in a CRS of metres|degrees: the CRS is wrong (set
 * crs = in [areas]) or the file is damaged" (feature F for a GDAL layer)
 * for the first one that cannot, or when PROJ cannot read the CRS. */
int bs_areas_check_earth(const bs_areas *a, bs_error *err);

#endif
