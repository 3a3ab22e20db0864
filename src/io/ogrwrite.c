/* ogrwrite.c: a typed table with polygons, points or no geometry as one
 * layer of a GDAL dataset (GeoPackage, GeoJSON). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include "gdalutil.h"
#include "ogrwrite.h"

#define INT32_LIMIT 2147483647.0

/* ---- fields ------------------------------------------------------------ */

/* Integer, or Integer64 when some value does not fit 32 bits. */
static OGRFieldType integer_type(const bs_typed_column *c, size_t nrows)
{
    size_t r;

    for (r = 0; r < nrows; r++)
        if (!isnan(c->num[r]) && fabs(c->num[r]) > INT32_LIMIT)
            return OFTInteger64;
    return OFTInteger;
}

static int create_fields(OGRLayerH l, const char *where,
                         const bs_typed_table *t, bs_error *err)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        const bs_typed_column *c = &t->cols[i];
        OGRFieldType type = c->type == BS_COL_TEXT ? OFTString
                            : c->type == BS_COL_REAL ? OFTReal
                            : integer_type(c, t->nrows);
        OGRFieldDefnH fd = OGR_Fld_Create(c->name, type);
        OGRErr e = OGR_L_CreateField(l, fd, 0);

        OGR_Fld_Destroy(fd);
        if (e != OGRERR_NONE)
            return bs_error_set(err, "%s: cannot create the field '%s': %s",
                                where, c->name, bs_gdal_reason("unknown"));
    }
    return 0;
}

static void set_fields(OGRFeatureH f, const bs_typed_table *t, size_t row)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        const bs_typed_column *c = &t->cols[i];

        if (bs_typed_cell_empty(c, row))
            OGR_F_SetFieldNull(f, (int)i);
        else if (c->type == BS_COL_TEXT)
            OGR_F_SetFieldString(f, (int)i, c->text[row]);
        else if (c->type == BS_COL_REAL)
            OGR_F_SetFieldDouble(f, (int)i, c->num[row]);
        else
            OGR_F_SetFieldInteger64(f, (int)i, (GIntBig)c->num[row]);
    }
}

/* ---- geometry ---------------------------------------------------------- */

static double signed_area(const bs_areas *a, size_t r)
{
    size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1], i, j;
    double s = 0;

    for (i = p0, j = p1 - 1; i < p1; j = i++)
        s += (a->x[j] - a->x[i]) * (a->y[j] + a->y[i]);
    return s / 2;   /* > 0: counter-clockwise */
}

/* Ring r as an OGR linear ring, counter-clockwise when ccw, else
 * clockwise; closed. */
static OGRGeometryH make_ring(const bs_areas *a, size_t r, int ccw)
{
    OGRGeometryH g = OGR_G_CreateGeometry(wkbLinearRing);
    size_t p0 = a->pt_first[r], n = a->pt_first[r + 1] - p0, k;
    int flip = (signed_area(a, r) > 0) != ccw;

    if (!g)
        return NULL;
    OGR_G_SetPointCount(g, (int)n);
    for (k = 0; k < n; k++) {
        size_t p = flip ? p0 + n - 1 - k : p0 + k;
        OGR_G_SetPoint_2D(g, (int)k, a->x[p], a->y[p]);
    }
    OGR_G_CloseRings(g);
    return g;
}

/* Area i as a MultiPolygon (NULL geometry for an area without rings in
 * *out); -1 when out of memory. */
static int area_geometry(const bs_areas *a, size_t i, OGRGeometryH *out)
{
    size_t r0 = a->ring_first[i], n = a->ring_first[i + 1] - r0, q, h;
    long *parent;
    OGRGeometryH multi;

    *out = NULL;
    if (n == 0)
        return 0;
    if (!(parent = malloc(n * sizeof *parent))
        || bs_areas_ring_parents(a, i, parent) != 0
        || !(multi = OGR_G_CreateGeometry(wkbMultiPolygon))) {
        free(parent);
        return -1;
    }
    for (q = 0; q < n; q++) {
        OGRGeometryH poly;
        if (parent[q] >= 0)
            continue;
        poly = OGR_G_CreateGeometry(wkbPolygon);
        OGR_G_AddGeometryDirectly(poly, make_ring(a, r0 + q, 1));
        for (h = 0; h < n; h++)
            if (parent[h] == (long)q)
                OGR_G_AddGeometryDirectly(poly, make_ring(a, r0 + h, 0));
        OGR_G_AddGeometryDirectly(multi, poly);
    }
    free(parent);
    *out = multi;
    return 0;
}

static OGRGeometryH point_geometry(double x, double y)
{
    OGRGeometryH g;

    if (!isfinite(x) || !isfinite(y))
        return NULL;
    g = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(g, 0, x, y);
    return g;
}

/* srs itself, or the EPSG CRS GDAL takes it for with at least 90 %
 * confidence (a .prj in ESRI's WKT names no code), so that the file
 * records the code and QGIS shows "EPSG:28992". */
static OGRSpatialReferenceH with_epsg(OGRSpatialReferenceH srs)
{
    OGRSpatialReferenceH *matches, found = NULL;
    int n = 0, *conf = NULL;
    const char *auth = OSRGetAuthorityName(srs, NULL);

    if (auth)
        return srs;
    matches = OSRFindMatches(srs, NULL, &n, &conf);
    if (matches && n > 0 && conf[0] >= 90
        && (auth = OSRGetAuthorityName(matches[0], NULL))
        && strcmp(auth, "EPSG") == 0)
        found = OSRClone(matches[0]);
    OSRFreeSRSArray(matches);
    CPLFree(conf);
    if (!found)
        return srs;
    OSRDestroySpatialReference(srs);
    return found;
}

/* The CRS for GDAL, x = east whatever the CRS's axis order; NULL with err
 * set when GDAL cannot read crs. */
static OGRSpatialReferenceH make_srs(const char *crs, const char *where,
                                     bs_error *err)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);

    if (!srs) {
        bs_error_set(err, "%s: out of memory", where);
        return NULL;
    }
    if (OSRSetFromUserInput(srs, crs) != OGRERR_NONE) {
        bs_error_set(err, "%s: GDAL cannot read the CRS '%.80s': %s", where,
                     crs, bs_gdal_reason("unknown CRS"));
        OSRDestroySpatialReference(srs);
        return NULL;
    }
    srs = with_epsg(srs);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

/* ---- the layer --------------------------------------------------------- */

static int write_rows(OGRLayerH l, const char *where, const bs_typed_table *t,
                      const bs_layer_geometry *geom, bs_error *err)
{
    size_t row;

    for (row = 0; row < t->nrows; row++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        OGRGeometryH g = NULL;
        OGRErr e;

        if (!f)
            return bs_error_set(err, "%s: out of memory", where);
        set_fields(f, t, row);
        if (geom && geom->areas) {
            if (area_geometry(geom->areas, row, &g) != 0) {
                OGR_F_Destroy(f);
                return bs_error_set(err, "%s: out of memory", where);
            }
        } else if (geom && geom->x) {
            g = point_geometry(geom->x[row], geom->y[row]);
        }
        if (g)
            OGR_F_SetGeometryDirectly(f, g);
        e = OGR_L_CreateFeature(l, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE)
            return bs_error_set(err, "%s: row %zu: cannot write: %s", where,
                                row + 1, bs_gdal_reason("write error"));
    }
    return 0;
}

int bs_ogr_write_layer(GDALDatasetH ds, const char *path,
                       const bs_typed_table *t, const bs_layer_geometry *geom,
                       const char *const *opts, bs_error *err)
{
    OGRSpatialReferenceH srs = NULL;
    OGRwkbGeometryType type = wkbNone;
    OGRLayerH l;
    const char *crs = NULL;
    char where[700];
    int rc = -1, tx;

    if (bs_typed_table_check(t, err) != 0)
        return -1;
    snprintf(where, sizeof where, "%s: layer '%s'", path, t->name);
    if (geom && geom->areas) {
        if (geom->areas->n != t->nrows)
            return bs_error_set(err, "%s: %zu areas for %zu rows", where,
                                geom->areas->n, t->nrows);
        type = wkbMultiPolygon;
        crs = geom->areas->crs;
    } else if (geom && geom->x) {
        if (!geom->y || !geom->crs)
            return bs_error_set(err, "%s: points need y and a crs", where);
        type = wkbPoint;
        crs = geom->crs;
    }
    if (GDALDatasetGetLayerByName(ds, t->name))
        return bs_error_set(err, "%s: the file has a layer of that name "
                            "already", where);
    if (crs && !(srs = make_srs(crs, where, err)))
        return -1;
    l = GDALDatasetCreateLayer(ds, t->name, srs, type, (char **)opts);
    if (srs)
        OSRDestroySpatialReference(srs);
    if (!l)
        return bs_error_set(err, "%s: cannot create: %s", where,
                            bs_gdal_reason("unknown error"));
    if (create_fields(l, where, t, err) != 0)
        return -1;
    tx = GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE;
    rc = write_rows(l, where, t, geom, err);
    if (tx && rc == 0 && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        rc = bs_error_set(err, "%s: cannot write: %s", where,
                          bs_gdal_reason("commit failed"));
    else if (tx && rc != 0)
        GDALDatasetRollbackTransaction(ds);
    if (rc == 0 && OGR_L_SyncToDisk(l) != OGRERR_NONE)
        rc = bs_error_set(err, "%s: cannot write: %s", where,
                          bs_gdal_reason("write error"));
    return rc;
}
