/* ogrwrite.h: one typed table with its geometry as a layer of an open GDAL
 * dataset; what the GeoPackage and GeoJSON writers share. Not public API. */
#ifndef BUURTSCAN_IO_OGRWRITE_H
#define BUURTSCAN_IO_OGRWRITE_H

#include <gdal.h>
#include "buurtscan/vectorout.h"

/* Creates layer t->name in ds with layer creation options opts (NULL-ended,
 * may be NULL) and writes every row, inside one transaction when the
 * driver has them. path names the file in messages ("PATH: layer 'NAME':
 * ..."). Call between bs_gdal_begin and bs_gdal_end. */
int bs_ogr_write_layer(GDALDatasetH ds, const char *path,
                       const bs_typed_table *t, const bs_layer_geometry *geom,
                       const char *const *opts, bs_error *err);

#endif
