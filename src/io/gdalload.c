/* gdalload.c: the public vector.h and vectorout.h functions, which open
 * buurtscan's GDAL module (gdalmod.h) on first use and forward to it, and
 * the parts of vector.h that need no GDAL. */
#include <dlfcn.h>
#include <unistd.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/shapefile.h"
#include "buurtscan/table.h"
#include "buurtscan/vector.h"
#include "buurtscan/vectorout.h"
#include "gdalmod.h"

#ifndef BS_MODULE_DIR
#error "BS_MODULE_DIR (where meson installs the module) must be defined"
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const bs_gdal_module *module;
static char why[2048];          /* why it could not be loaded */

/* Tries dir/BS_GDAL_MODULE_FILE; 0 and sets module if it is a good one,
 * else -1 with the reason appended to why. */
static int try_dir(const char *dir)
{
    char path[1024];
    void *h;
    const bs_gdal_module *(*entry)(void);
    const bs_gdal_module *m;
    size_t used = strlen(why);

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
                         BS_GDAL_MODULE_FILE) >= sizeof path) {
        snprintf(why + used, sizeof why - used, "%s%s: the folder name is "
                 "too long", used ? "; " : "", dir);
        return -1;
    }
    h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why + used, sizeof why - used, "%s%s", used ? "; " : "",
                 dlerror());
        return -1;
    }
    *(void **)&entry = dlsym(h, BS_GDAL_MODULE_ENTRY);
    m = entry ? entry() : NULL;
    if (!m || m->abi != BS_GDAL_MODULE_ABI || m->size != sizeof *m
        || strcmp(m->version, BS_VERSION) != 0) {
        /* abi comes first in every version of the table; the rest is read
         * only when the layout is ours */
        int ours = m && m->abi == BS_GDAL_MODULE_ABI && m->size == sizeof *m;
        snprintf(why + used, sizeof why - used,
                 "%s%s is from another buurtscan (%s, interface %u; this is "
                 "%s, interface %u): install them together",
                 used ? "; " : "", path, ours ? m->version : "unknown",
                 m ? m->abi : 0u, BS_VERSION, (unsigned)BS_GDAL_MODULE_ABI);
        dlclose(h);
        return -1;
    }
    module = m;                 /* kept open for the life of the process */
    return 0;
}

/* 1 if the running program lies under dir. */
static int running_from(const char *dir)
{
    char exe[PATH_MAX], root[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    size_t m;

    if (n <= 0 || !realpath(dir, root))
        return 0;
    exe[n] = '\0';
    m = strlen(root);
    return strncmp(exe, root, m) == 0 && exe[m] == '/';
}

static void load(void)
{
    const char *env = getenv("BUURTSCAN_MODULE_DIR");

    if (env && *env) {
        try_dir(env);
        return;
    }
#ifdef BS_BUILD_ROOT
    if (running_from(BS_BUILD_ROOT)) {
        try_dir(BS_BUILD_MODULE_DIR);
        return;
    }
#endif
    try_dir(BS_MODULE_DIR);
}

const bs_gdal_module *bs_gdal_module_load(const char *what, bs_error *err)
{
    pthread_once(&once, load);
    if (!module)
        bs_error_set(err, "%s: reading and writing GeoPackage, GeoJSON and "
                     "FlatGeobuf needs buurtscan's GDAL module, which cannot "
                     "be loaded: %s", what, why);
    return module;
}

const char *bs_gdal_module_gdal_version(void)
{
    return module ? module->gdal_version() : NULL;
}

const char *bs_gdal_driver_for(const char *path, const char **label)
{
    static const struct {
        const char *ext, *driver, *label;
    } kinds[] = {
        { ".gpkg", "GPKG", "a GeoPackage" },
        { ".geojson", "GeoJSON", "a GeoJSON file" },
        { ".json", "GeoJSON", "a GeoJSON file" },
        { ".fgb", "FlatGeobuf", "a FlatGeobuf file" },
    };
    size_t n = strlen(path), i;

    for (i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t m = strlen(kinds[i].ext);
        if (n > m && strcasecmp(path + n - m, kinds[i].ext) == 0) {
            if (label)
                *label = kinds[i].label;
            return kinds[i].driver;
        }
    }
    return NULL;
}

int bs_vector_is_vector_file(const char *path)
{
    return bs_gdal_driver_for(path, NULL) != NULL;
}

int bs_areas_read(const char *path, const char *layer,
                  const char *crs_override, bs_areas **out,
                  const bs_diag *diag, bs_error *err)
{
    size_t n = strlen(path);

    *out = NULL;
    if (n > 4 && strcasecmp(path + n - 4, ".shp") == 0) {
        if (layer)
            return bs_error_set(err, "%s: a shapefile has one layer; leave "
                                "out layer = %s", path, layer);
        return bs_shapefile_read(path, crs_override, out, diag, err);
    }
    if (!bs_vector_is_vector_file(path))
        return bs_error_set(err, "%s: unknown kind of map file (buurtscan "
                            "reads .shp, .gpkg, .geojson/.json and .fgb)",
                            path);
    return bs_vector_read_areas(path, layer, crs_override, out, diag, err);
}

void bs_vector_points_clear(bs_vector_points *p)
{
    bs_table_free(p->attrs);
    free(p->x);
    free(p->y);
    free(p->count);
    free(p->crs);
    memset(p, 0, sizeof *p);
}

/* ---- forwarding to the module ------------------------------------- */

int bs_vector_read_areas(const char *path, const char *layer,
                         const char *crs_override, bs_areas **out,
                         const bs_diag *diag, bs_error *err)
{
    const bs_gdal_module *m = bs_gdal_module_load(path, err);

    *out = NULL;
    return m ? m->read_areas(path, layer, crs_override, out, diag, err) : -1;
}

int bs_vector_read_points(const char *path, const char *layer,
                          const char *crs_override, bs_vector_points *out,
                          const bs_diag *diag, bs_error *err)
{
    const bs_gdal_module *m = bs_gdal_module_load(path, err);

    memset(out, 0, sizeof *out);
    return m ? m->read_points(path, layer, crs_override, out, diag, err) : -1;
}

int bs_gpkg_create(const char *path, const char *timestamp, bs_gpkg **out,
                   bs_error *err)
{
    const bs_gdal_module *m = bs_gdal_module_load(path, err);

    *out = NULL;
    return m ? m->gpkg_create(path, timestamp, out, err) : -1;
}

/* A bs_gpkg exists only once the module is loaded. */
int bs_gpkg_add_layer(bs_gpkg *g, const bs_typed_table *t,
                      const bs_layer_geometry *geom, const char *description,
                      bs_error *err)
{
    return module->gpkg_add_layer(g, t, geom, description, err);
}

int bs_gpkg_add_style(bs_gpkg *g, const char *layer, const char *style_name,
                      const char *qml, const char *description,
                      int use_as_default, bs_error *err)
{
    return module->gpkg_add_style(g, layer, style_name, qml, description,
                                  use_as_default, err);
}

int bs_gpkg_close(bs_gpkg *g, bs_error *err)
{
    return module->gpkg_close(g, err);
}

void bs_gpkg_discard(bs_gpkg *g)
{
    if (g)
        module->gpkg_discard(g);
}

int bs_geojson_write(const char *path, const bs_typed_table *t,
                     const bs_layer_geometry *geom, bs_error *err)
{
    const bs_gdal_module *m = bs_gdal_module_load(path, err);

    return m ? m->geojson_write(path, t, geom, err) : -1;
}
