/* gdalmod.h: the boundary between buurtscan and its GDAL module.
 *
 * GDAL pulls in some 65 shared libraries; linking them into every run cost
 * 0.1 s of CPU and 20 MB of memory at start-up, also for the runs (nearly
 * all) that read shapefiles only. So the code that calls GDAL (ogr.c,
 * ogrwrite.c, gpkg.c, geojson.c, gdalutil.c) is built as a module,
 * buurtscan-gdal.so, which is opened the first time a run reads or writes
 * a GeoPackage, GeoJSON or FlatGeobuf file. The public functions of
 * vector.h and vectorout.h live in gdalload.c and forward to the module's
 * table below; nothing else in buurtscan knows the module exists.
 *
 * The module calls back into buurtscan (bs_table_*, bs_areas_*, bs_error_*
 * ...): the program that loads it exports those symbols (the tool and the
 * tests link with --export-dynamic), or libbuurtscan.so provides them.
 *
 * Where the module is looked for, in order:
 *   1. $BUURTSCAN_MODULE_DIR, when set;
 *   2. the build tree's src/ folder, when the running program lies in the
 *      build tree (the tests, the tool run from build/);
 *   3. LIBDIR/buurtscan, where `meson install` puts it.
 * A module from another buurtscan version or ABI is refused with a message
 * naming both. Not public API. */
#ifndef BUURTSCAN_IO_GDALMOD_H
#define BUURTSCAN_IO_GDALMOD_H

#include <stddef.h>
#include "buurtscan/vector.h"
#include "buurtscan/vectorout.h"

/* Raised whenever the table below changes shape or meaning. */
#define BS_GDAL_MODULE_ABI 1

/* The file name of the module and the symbol it exports. */
#define BS_GDAL_MODULE_FILE "buurtscan-gdal.so"
#define BS_GDAL_MODULE_ENTRY "bs_gdal_module_entry"

typedef struct bs_gdal_module {
    unsigned abi;              /* BS_GDAL_MODULE_ABI */
    size_t size;               /* sizeof (bs_gdal_module) */
    const char *version;       /* buurtscan's version it was built as */
    const char *(*gdal_version)(void);   /* GDAL's RELEASE_NAME */
    int (*read_areas)(const char *path, const char *layer,
                      const char *crs_override, bs_areas **out,
                      const bs_diag *diag, bs_error *err);
    int (*read_points)(const char *path, const char *layer,
                       const char *crs_override, bs_vector_points *out,
                       const bs_diag *diag, bs_error *err);
    int (*gpkg_create)(const char *path, const char *timestamp,
                       bs_gpkg **out, bs_error *err);
    int (*gpkg_add_layer)(bs_gpkg *g, const bs_typed_table *t,
                          const bs_layer_geometry *geom,
                          const char *description, bs_error *err);
    int (*gpkg_add_style)(bs_gpkg *g, const char *layer,
                          const char *style_name, const char *qml,
                          const char *description, int use_as_default,
                          bs_error *err);
    int (*gpkg_close)(bs_gpkg *g, bs_error *err);
    void (*gpkg_discard)(bs_gpkg *g);
    int (*geojson_write)(const char *path, const bs_typed_table *t,
                         const bs_layer_geometry *geom, bs_error *err);
} bs_gdal_module;

/* The module's one exported function (defined in the module only). */
const bs_gdal_module *bs_gdal_module_entry(void);

/* Loads the module once per process (thread-safe) and returns its table;
 * NULL with err set ("cannot load the GDAL module PATH: REASON", listing
 * where it looked) when it cannot. `what` starts the message (a file). */
const bs_gdal_module *bs_gdal_module_load(const char *what, bs_error *err);

/* GDAL's version if this process has loaded the module, else NULL. */
const char *bs_gdal_module_gdal_version(void);

/* What a file of path's extension is called in messages ("a GeoPackage",
 * "a GeoJSON file", "a FlatGeobuf file") and the GDAL driver that reads
 * it; NULL for an extension buurtscan does not read through GDAL. Part of
 * buurtscan proper (no GDAL needed), used by the module too. */
const char *bs_gdal_driver_for(const char *path, const char **label);

/* The module's implementations, named apart from the public functions
 * that forward to them (defined in the module only). */
int bsg_read_areas(const char *path, const char *layer,
                   const char *crs_override, bs_areas **out,
                   const bs_diag *diag, bs_error *err);
int bsg_read_points(const char *path, const char *layer,
                    const char *crs_override, bs_vector_points *out,
                    const bs_diag *diag, bs_error *err);
int bsg_gpkg_create(const char *path, const char *timestamp, bs_gpkg **out,
                    bs_error *err);
int bsg_gpkg_add_layer(bs_gpkg *g, const bs_typed_table *t,
                       const bs_layer_geometry *geom, const char *description,
                       bs_error *err);
int bsg_gpkg_add_style(bs_gpkg *g, const char *layer, const char *style_name,
                       const char *qml, const char *description,
                       int use_as_default, bs_error *err);
int bsg_gpkg_close(bs_gpkg *g, bs_error *err);
void bsg_gpkg_discard(bs_gpkg *g);
int bsg_geojson_write(const char *path, const bs_typed_table *t,
                      const bs_layer_geometry *geom, bs_error *err);

#endif
