/* vectorout.h: layers for GIS, written through GDAL: GeoPackage (several
 * layers, and QGIS styles in its layer_styles table as QGIS stores them)
 * and GeoJSON (RFC 7946: one layer, WGS84 lon/lat). A layer is a typed
 * table (typedtable.h) with polygons, points or no geometry.
 *
 * Columns become fields of their type (REAL: Real, INTEGER: Integer, or
 * Integer64 when a value needs it, TEXT: String); missing and suppressed
 * cells are null. Polygons are written as MultiPolygons: the rings of an
 * area are told apart into outer rings and holes by nesting
 * (bs_areas_ring_parents), outer rings counter-clockwise and holes
 * clockwise; an area without rings has a null geometry. */
#ifndef BUURTSCAN_VECTOROUT_H
#define BUURTSCAN_VECTOROUT_H

#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/typedtable.h"

/* The geometry of a layer's rows: polygons, points, or neither (a table
 * without geometry). */
typedef struct bs_layer_geometry {
    const bs_areas *areas;   /* polygons: area i is row i, in areas->crs */
    const double *x, *y;     /* or points: row i at (x[i], y[i]), in crs;
                              * NaN gives a null geometry */
    const char *crs;         /* the points' CRS (EPSG:n, WKT, PROJ) */
} bs_layer_geometry;

typedef struct bs_gpkg bs_gpkg;

/* Creates the GeoPackage path (an existing file is replaced). timestamp,
 * "YYYY-MM-DDTHH:MM:SSZ", is the time recorded in gpkg_contents and
 * layer_styles, so that the same inputs give the same file; NULL: now.
 * Errors: "PATH: cannot create: REASON". */
int bs_gpkg_create(const char *path, const char *timestamp, bs_gpkg **out,
                   bs_error *err);

/* Adds the layer t->name with t's rows and geometry geom (NULL: none).
 * description goes into gpkg_contents (may be NULL). Errors: a table that
 * fails bs_typed_table_check, an area count that is not t->nrows, a layer
 * name already used, a CRS GDAL cannot read, GDAL's write errors; each
 * "PATH: layer 'NAME': ...". */
int bs_gpkg_add_layer(bs_gpkg *g, const bs_typed_table *t,
                      const bs_layer_geometry *geom, const char *description,
                      bs_error *err);

/* Stores a QGIS style (QML text, see qml.h) for layer in layer_styles,
 * creating the table as QGIS does on first use. With use_as_default, QGIS
 * applies it when the layer is opened. The layer must have been added. */
int bs_gpkg_add_style(bs_gpkg *g, const char *layer, const char *style_name,
                      const char *qml, const char *description,
                      int use_as_default, bs_error *err);

/* Finishes and closes the file; g is freed either way. On error the file is
 * removed. */
int bs_gpkg_close(bs_gpkg *g, bs_error *err);

/* Closes and removes the file (after a failure elsewhere); g may be NULL. */
void bs_gpkg_discard(bs_gpkg *g);

/* Writes t with geometry geom (NULL: none) as an RFC 7946 GeoJSON file:
 * coordinates reprojected to WGS84 lon/lat with 7 decimals, right-hand
 * winding. An existing file is replaced; on error nothing is left. */
int bs_geojson_write(const char *path, const bs_typed_table *t,
                     const bs_layer_geometry *geom, bs_error *err);

#endif
