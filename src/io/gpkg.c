/* gpkg.c: GeoPackages of typed tables, with QGIS styles in layer_styles
 * (vectorout.h), through GDAL's GPKG driver. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cpl_conv.h>
#include <ogr_api.h>
#include "buurtscan/text.h"
#include "buurtscan/vectorout.h"
#include "gdalmod.h"
#include "gdalutil.h"
#include "ogrwrite.h"

struct bs_gpkg {
    char *path;
    char *timestamp;       /* NULL: now */
    GDALDatasetH ds;
};

/* The fields of QGIS's layer_styles table, in its order and widths. */
static const struct {
    const char *name;
    OGRFieldType type;
    int width;
} style_fields[] = {
    { "f_table_catalog", OFTString, 256 },
    { "f_table_schema", OFTString, 256 },
    { "f_table_name", OFTString, 256 },
    { "f_geometry_column", OFTString, 256 },
    { "styleName", OFTString, 30 },
    { "styleQML", OFTString, 0 },
    { "styleSLD", OFTString, 0 },
    { "useAsDefault", OFTInteger, 0 },   /* Boolean subtype */
    { "description", OFTString, 0 },
    { "owner", OFTString, 30 },
    { "ui", OFTString, 30 },
    { "update_time", OFTDateTime, 0 },
};

#define NSTYLE_FIELDS (sizeof style_fields / sizeof *style_fields)

/* GDAL stamps gpkg_contents.last_change with OGR_CURRENT_DATE when set. */
static void begin(const bs_gpkg *g)
{
    bs_gdal_begin();
    if (g->timestamp)
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", g->timestamp);
}

static void end(const bs_gpkg *g)
{
    if (g->timestamp)
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", NULL);
    bs_gdal_end();
}

static void gpkg_free(bs_gpkg *g)
{
    free(g->path);
    free(g->timestamp);
    free(g);
}

/* "YYYY-MM-DDTHH:MM:SSZ" and nothing else. */
static int timestamp_ok(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t i;

    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    return 1;
}

int bsg_gpkg_create(const char *path, const char *timestamp, bs_gpkg **out,
                   bs_error *err)
{
    bs_gpkg *g;
    GDALDriverH drv;

    *out = NULL;
    if (timestamp && !timestamp_ok(timestamp))
        return bs_error_set(err, "%s: the time '%s' is not "
                            "YYYY-MM-DDTHH:MM:SSZ", path, timestamp);
    if (!(g = calloc(1, sizeof *g)) || !(g->path = bs_text_dup(path))
        || (timestamp && !(g->timestamp = bs_text_dup(timestamp)))) {
        if (g)
            gpkg_free(g);
        return bs_error_set(err, "%s: out of memory", path);
    }
    if (bs_gdal_replace(path, err) != 0) {
        gpkg_free(g);
        return -1;
    }
    begin(g);
    if ((drv = GDALGetDriverByName("GPKG")))
        g->ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!g->ds)
        bs_error_set(err, "%s: cannot create: %s", path,
                     bs_gdal_reason(drv ? "unknown error"
                                        : "GDAL has no GPKG driver"));
    end(g);
    if (!g->ds) {
        gpkg_free(g);
        return -1;
    }
    *out = g;
    return 0;
}

int bsg_gpkg_add_layer(bs_gpkg *g, const bs_typed_table *t,
                      const bs_layer_geometry *geom, const char *description,
                      bs_error *err)
{
    char *desc = description ? bs_text_printf("DESCRIPTION=%s", description)
                             : NULL;
    const char *opts[] = { "FID=fid", "GEOMETRY_NAME=geom", desc, NULL };
    int rc;

    if (description && !desc)
        return bs_error_set(err, "%s: out of memory", g->path);
    begin(g);
    rc = bs_ogr_write_layer(g->ds, g->path, t, geom, opts, err);
    end(g);
    free(desc);
    return rc;
}

/* layer_styles, created with QGIS's fields on first use. */
static OGRLayerH style_layer(bs_gpkg *g, bs_error *err)
{
    OGRLayerH l = GDALDatasetGetLayerByName(g->ds, "layer_styles");
    size_t i;

    if (l)
        return l;
    if (!(l = GDALDatasetCreateLayer(g->ds, "layer_styles", NULL, wkbNone,
                                     NULL))) {
        bs_error_set(err, "%s: cannot create layer_styles: %s", g->path,
                     bs_gdal_reason("unknown error"));
        return NULL;
    }
    for (i = 0; i < NSTYLE_FIELDS; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(style_fields[i].name,
                                          style_fields[i].type);
        OGRErr e;
        OGR_Fld_SetWidth(fd, style_fields[i].width);
        if (style_fields[i].type == OFTInteger)
            OGR_Fld_SetSubType(fd, OFSTBoolean);
        e = OGR_L_CreateField(l, fd, 0);
        OGR_Fld_Destroy(fd);
        if (e != OGRERR_NONE) {
            bs_error_set(err, "%s: cannot create layer_styles: %s", g->path,
                         bs_gdal_reason("unknown error"));
            return NULL;
        }
    }
    return l;
}

/* The date and time of g->timestamp, or now (UTC). */
static void style_time(const bs_gpkg *g, int t[6])
{
    if (g->timestamp) {
        sscanf(g->timestamp, "%d-%d-%dT%d:%d:%d", &t[0], &t[1], &t[2], &t[3],
               &t[4], &t[5]);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        t[0] = tm.tm_year + 1900, t[1] = tm.tm_mon + 1, t[2] = tm.tm_mday;
        t[3] = tm.tm_hour, t[4] = tm.tm_min, t[5] = tm.tm_sec;
    }
}

static int insert_style(bs_gpkg *g, OGRLayerH l, const char *layer,
                        const char *geomcol, const char *style_name,
                        const char *qml, const char *description,
                        int use_as_default, bs_error *err)
{
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    int t[6];
    OGRErr e;

    if (!f)
        return bs_error_set(err, "%s: out of memory", g->path);
    style_time(g, t);
    OGR_F_SetFieldString(f, 0, "");
    OGR_F_SetFieldString(f, 1, "");
    OGR_F_SetFieldString(f, 2, layer);
    OGR_F_SetFieldString(f, 3, geomcol);
    OGR_F_SetFieldString(f, 4, style_name);
    OGR_F_SetFieldString(f, 5, qml);
    OGR_F_SetFieldString(f, 6, "");
    OGR_F_SetFieldInteger(f, 7, use_as_default ? 1 : 0);
    OGR_F_SetFieldString(f, 8, description ? description : "");
    OGR_F_SetFieldString(f, 9, "");
    OGR_F_SetFieldNull(f, 10);
    OGR_F_SetFieldDateTimeEx(f, 11, t[0], t[1], t[2], t[3], t[4],
                             (float)t[5], 100);
    e = OGR_L_CreateFeature(l, f);
    OGR_F_Destroy(f);
    if (e != OGRERR_NONE)
        return bs_error_set(err, "%s: cannot store the style '%s': %s",
                            g->path, style_name, bs_gdal_reason("write error"));
    return 0;
}

int bsg_gpkg_add_style(bs_gpkg *g, const char *layer, const char *style_name,
                      const char *qml, const char *description,
                      int use_as_default, bs_error *err)
{
    OGRLayerH target, l;
    const char *geomcol;
    int rc = -1;

    begin(g);
    if (!(target = GDALDatasetGetLayerByName(g->ds, layer))) {
        bs_error_set(err, "%s: no layer '%s' to style", g->path, layer);
        goto done;
    }
    geomcol = OGR_L_GetGeometryColumn(target);
    if ((l = style_layer(g, err)))
        rc = insert_style(g, l, layer, geomcol ? geomcol : "", style_name,
                          qml, description, use_as_default, err);
done:
    end(g);
    return rc;
}

int bsg_gpkg_close(bs_gpkg *g, bs_error *err)
{
    int rc = 0;

    begin(g);
    CPLErrorReset();
    GDALClose(g->ds);
    if (CPLGetLastErrorType() >= CE_Failure)
        rc = bs_error_set(err, "%s: cannot write: %s", g->path,
                          bs_gdal_reason("close failed"));
    end(g);
    if (rc != 0)
        remove(g->path);
    gpkg_free(g);
    return rc;
}

void bsg_gpkg_discard(bs_gpkg *g)
{
    if (!g)
        return;
    begin(g);
    GDALClose(g->ds);
    end(g);
    remove(g->path);
    gpkg_free(g);
}
