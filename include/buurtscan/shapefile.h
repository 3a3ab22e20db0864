/* shapefile.h: reading polygon shapefiles with shapelib.
 * Nothing else in buurtscan touches shapelib. */
#ifndef BUURTSCAN_SHAPEFILE_H
#define BUURTSCAN_SHAPEFILE_H

#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* Reads PATH (.shp, with .shx and .dbf beside it; .prj and .cpg optional).
 * - Polygon, PolygonZ, PolygonM: every ring kept (holes and multipolygons).
 * - Null or empty shapes: kept as areas with no geometry, one warning each.
 * - DBF fields as text (Integer, Real, String; empty = missing) decoded per
 *   .cpg (UTF-8; Latin-1/CP1252/1252/8859-1 converted to UTF-8); with no .cpg,
 *   UTF-8 if valid, else CP1252.
 * - CRS from the .prj (WKT, checked with PROJ), or crs_override if not NULL.
 *   No .prj and no override is an error.
 * Errors: missing files, a truncated .shp, a shape that cannot be read
 * ("PATH: record N: ..."), .shp/.dbf record-count mismatch, non-polygon type,
 * a .prj PROJ cannot read. */
int bs_shapefile_read(const char *path, const char *crs_override,
                      bs_areas **out, const bs_diag *diag, bs_error *err);

#endif
