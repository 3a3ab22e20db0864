/* gdalutil.h: what the GDAL readers and writers (ogr.c, gpkg.c, geojson.c)
 * share: registering the drivers once, keeping GDAL's messages instead of
 * printing them, and opening a file with the driver its extension names.
 * Not public API. */
#ifndef BUURTSCAN_IO_GDALUTIL_H
#define BUURTSCAN_IO_GDALUTIL_H

#include <gdal.h>
#include "buurtscan/error.h"

/* Registers GDAL's drivers (once per process), then installs a quiet error
 * handler on this thread and clears the last error. Every bs_gdal_begin has
 * its bs_gdal_end, which restores the handler before it. */
void bs_gdal_begin(void);
void bs_gdal_end(void);

/* GDAL's last error message on this thread, or fallback when it has none. */
const char *bs_gdal_reason(const char *fallback);

/* Opens path read-only with the driver its extension names (between
 * bs_gdal_begin and bs_gdal_end). Errors: "PATH: the file does not exist",
 * "PATH: cannot open: REASON" (not a regular file, no permission), "PATH:
 * not a GeoPackage: REASON". */
int bs_gdal_open(const char *path, GDALDatasetH *ds, bs_error *err);

/* Makes way for a new file at path: removes a regular file there (GDAL's
 * drivers will not create over one); anything else there is an error
 * "PATH: cannot replace: ...". */
int bs_gdal_replace(const char *path, bs_error *err);

#endif
