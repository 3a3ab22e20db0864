/* points.h: point layers (IKCs, schools, GP practices, buurtkamers ...)
 * read from a CSV file with coordinate columns or from a point shapefile,
 * reprojected to the project CRS. Nothing else in buurtscan reads them. */
#ifndef BUURTSCAN_POINTS_H
#define BUURTSCAN_POINTS_H

#include <stddef.h>
#include "buurtscan/csv.h"
#include "buurtscan/error.h"
#include "buurtscan/table.h"

/* n points in crs. key, name and kind point into attrs (do not free them).
 * Point i is row i of attrs and comes from source line/record line[i]. */
typedef struct bs_pointset {
    char *path;           /* the file, for messages */
    size_t n;
    double *x, *y;        /* n: coordinates in crs */
    const char **key;     /* n: the key (never NULL, unique ignoring case) */
    const char **name;    /* n, or NULL without a name column; a cell may be
                           * NULL (empty) */
    const char **kind;    /* n, or NULL without a kind column; a cell may be
                           * NULL (no kind) */
    long *line;           /* n: CSV line or shapefile record (1-based) */
    int by_record;        /* BS_ROWS_*: what line[] counts (CSV lines,
                           * shapefile records, GDAL features) */
    bs_table *attrs;      /* every column / DBF field, row i = point i */
    char *crs;            /* CRS of x and y */
} bs_pointset;

/* What to read. Column names are matched trimmed and case-insensitively.
 * A CSV (.csv, .txt, .tsv) needs either x and y with crs (e.g. RD New:
 * x = x, y = y, crs = EPSG:28992) or lon and lat (degrees, WGS84,
 * EPSG:4326; crs then stays NULL). A shapefile (.shp: Point, PointZ,
 * PointM, or MultiPoint records of one point) takes its coordinates from
 * the geometry and its CRS from the .prj; crs, if set, replaces the .prj;
 * x/y/lon/lat must stay NULL. A GeoPackage, GeoJSON or FlatGeobuf file
 * (vector.h) is read as a shapefile is, from its point layer `layer` (NULL:
 * its only layer with geometry); CRS from the layer. */
typedef struct bs_pointset_spec {
    const char *file;
    const char *key;      /* required */
    const char *name;     /* optional */
    const char *kind;     /* optional: the facility type, as text */
    const char *x, *y;
    const char *lon, *lat;
    const char *crs;
    const bs_csv_options *csv;   /* NULL: detect delimiter/decimal/encoding */
    const char *layer;    /* GeoPackage etc.: the layer; NULL otherwise */
} bs_pointset_spec;

/* Reads the points spec describes into *out (caller frees) and reprojects
 * them to target_crs (NULL: keep the source CRS).
 * Errors, each naming the file and, for a point, its line or record:
 *   "FILE: the key column 'code' is not in the file (columns: a, b)"
 *   "FILE:7: empty key in column 'code'"
 *   "FILE:9: duplicate key 'IKC3' in column 'code' (also at line 4)"
 *   "FILE:12: point 'IKC12' has no x"
 *   "FILE:12: point 'IKC12': x is '18a', which is not a number"
 *   "FILE:12: point 'IKC12': lat 562175 is not between -90 and 90 ..."
 *   "FILE: record 3: point 'IKC3' has no geometry" ("feature 3" for GDAL)
 *   "FILE:5: point 'IKC1' (x, y) cannot be transformed from A to B ..."
 * and a spec that is incomplete or contradictory ("FILE: x/y columns need
 * a crs ..."). Warnings: none. */
int bs_pointset_read(const bs_pointset_spec *spec, const char *target_crs,
                   bs_pointset **out, const bs_diag *diag, bs_error *err);

void bs_pointset_free(bs_pointset *p);

/* Writes "PATH:LINE" or "PATH: record N" for point i into buf. */
void bs_pointset_where(const bs_pointset *p, size_t i, char *buf, size_t n);

#endif
