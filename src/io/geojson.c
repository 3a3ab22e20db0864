/* geojson.c: RFC 7946 GeoJSON of a typed table (vectorout.h), through
 * GDAL's GeoJSON driver, which reprojects to WGS84 and fixes the winding
 * when asked for RFC 7946. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cpl_error.h>
#include "buurtscan/vectorout.h"
#include "gdalmod.h"
#include "gdalutil.h"
#include "ogrwrite.h"

int bsg_geojson_write(const char *path, const bs_typed_table *t,
                      const bs_layer_geometry *geom, bs_error *err)
{
    static const char *const opts[] = {
        "RFC7946=YES", "COORDINATE_PRECISION=7", "WRITE_BBOX=NO", NULL
    };
    GDALDriverH drv;
    GDALDatasetH ds = NULL;
    int rc = -1;

    if (bs_gdal_replace(path, err) != 0)
        return -1;
    bs_gdal_begin();
    if ((drv = GDALGetDriverByName("GeoJSON")))
        ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!ds) {
        bs_error_set(err, "%s: cannot create: %s", path,
                     bs_gdal_reason(drv ? "unknown error"
                                        : "GDAL has no GeoJSON driver"));
    } else {
        rc = bs_ogr_write_layer(ds, path, t, geom, opts, err);
        CPLErrorReset();
        GDALClose(ds);
        if (rc == 0 && CPLGetLastErrorType() >= CE_Failure)
            rc = bs_error_set(err, "%s: cannot write: %s", path,
                              bs_gdal_reason("close failed"));
        if (rc != 0)
            remove(path);
    }
    bs_gdal_end();
    return rc;
}
