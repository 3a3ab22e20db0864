/* gdalentry.c (GDAL module): the table buurtscan-gdal.so hands to
 * buurtscan (gdalmod.h). The only symbol the module exports. */
#include <gdal.h>
#include "gdalmod.h"

static const char *gdal_version(void)
{
    return GDALVersionInfo("RELEASE_NAME");
}

__attribute__((visibility("default")))
const bs_gdal_module *bs_gdal_module_entry(void)
{
    static const bs_gdal_module table = {
        BS_GDAL_MODULE_ABI, sizeof(bs_gdal_module), BS_VERSION,
        gdal_version,
        bsg_read_areas, bsg_read_points,
        bsg_gpkg_create, bsg_gpkg_add_layer, bsg_gpkg_add_style,
        bsg_gpkg_close, bsg_gpkg_discard,
        bsg_geojson_write,
    };
    return &table;
}
