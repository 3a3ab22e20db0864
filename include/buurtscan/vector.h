/* vector.h: reading areas and points from GeoPackage (.gpkg), GeoJSON
 * (.geojson, .json) and FlatGeobuf (.fgb) through GDAL's vector API, into
 * the same models the shapefile readers fill (areas.h, points.h), with the
 * same checks. Shapefiles stay on shapelib (shapefile.h); bs_areas_read
 * picks the reader by the file's extension. Nothing else in buurtscan reads
 * vector files through GDAL.
 *
 * Features are numbered by their position in the layer, from 1; messages
 * about one read "FILE: feature N: message" and table rows say "feature"
 * (BS_ROWS_FEATURE). */
#ifndef BUURTSCAN_VECTOR_H
#define BUURTSCAN_VECTOR_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/table.h"

/* 1 if path names a file GDAL reads for buurtscan (.gpkg, .geojson, .json,
 * .fgb, any case), else 0. */
int bs_vector_is_vector_file(const char *path);

/* Reads the polygon layer `layer` of path into *out (caller frees).
 * - layer NULL: the file's only layer with geometry; a file with several
 *   is an error listing them ("FILE: 3 layers (gemeenten, wijken,
 *   buurten): choose one with layer = ...").
 * - Polygon and MultiPolygon (curved types linearised): every ring kept,
 *   outer rings and holes alike, as areas.h describes; a null or empty
 *   geometry is an area with no geometry and a warning; a ring of fewer
 *   than three points is dropped with a warning (bs_areas_check_ring).
 * - Every field as text (UTF-8): Integer as digits, Real in the shortest
 *   form that reads back to the same double, Date as YYYY-MM-DD; null or
 *   unset is an empty cell. The FID and the geometry column are not fields.
 * - CRS from the layer (WKT2, or "EPSG:n" when the layer names its EPSG
 *   code), or crs_override if not NULL (checked with PROJ as "[areas]
 *   crs"). A layer without a CRS and no override is an error.
 * Errors: a missing file ("FILE: the file does not exist"), a file GDAL
 * cannot read as its extension says ("FILE: not a GeoPackage: REASON"), no
 * such layer or no polygon layer (the message lists the layers), a
 * non-polygon geometry ("FILE: feature N: a LINESTRING geometry in a
 * polygon layer"), a coordinate that is not finite ("FILE: feature N:
 * point K is not a finite number"), a CRS PROJ cannot read. */
int bs_vector_read_areas(const char *path, const char *layer,
                         const char *crs_override, bs_areas **out,
                         const bs_diag *diag, bs_error *err);

/* Areas from any file buurtscan reads: .shp through bs_shapefile_read
 * (layer must then be NULL: a shapefile has one), the others through
 * bs_vector_read_areas. Other extensions are an error naming the formats. */
int bs_areas_read(const char *path, const char *layer,
                  const char *crs_override, bs_areas **out,
                  const bs_diag *diag, bs_error *err);

/* The features of a point layer, before points.h makes a bs_pointset of
 * them (it checks keys first, so that geometry messages can name them). */
typedef struct bs_vector_points {
    bs_table *attrs;    /* every field; row i = feature i + 1 */
    double *x, *y;      /* attrs->nrows; NaN where count[i] != 1 */
    int *count;         /* points in feature i's geometry (0: none) */
    char *crs;          /* as for areas */
} bs_vector_points;

/* Reads the point layer `layer` of path (NULL: the only layer with
 * geometry) into *out; crs_override as for areas (its name in messages is
 * `what`, e.g. the file). Point and MultiPoint geometries are read; any
 * other type is an error "FILE: feature N: a POLYGON geometry in a point
 * layer". On failure *out is cleared. */
int bs_vector_read_points(const char *path, const char *layer,
                          const char *crs_override, bs_vector_points *out,
                          const bs_diag *diag, bs_error *err);

/* Frees what *p holds and zeroes it. */
void bs_vector_points_clear(bs_vector_points *p);

#endif
