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

/* 1 if crs is geographic (degrees), 0 if projected, -1 on error. */
int bs_crs_is_geographic(const char *crs, bs_error *err);

#endif
