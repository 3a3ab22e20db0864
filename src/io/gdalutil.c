/* gdalutil.c: GDAL set-up and error capture shared by the vector readers
 * and writers. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include "gdalmod.h"
#include "gdalutil.h"

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_drivers(void)
{
    GDALAllRegister();
}

void bs_gdal_begin(void)
{
    pthread_once(&registered, register_drivers);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

void bs_gdal_end(void)
{
    CPLPopErrorHandler();
}

const char *bs_gdal_reason(const char *fallback)
{
    const char *m = CPLGetLastErrorMsg();

    return m && *m ? m : fallback;
}

int bs_gdal_open(const char *path, GDALDatasetH *ds, bs_error *err)
{
    const char *label, *drivers[2] = { NULL, NULL };
    struct stat st;

    *ds = NULL;
    if (!(drivers[0] = bs_gdal_driver_for(path, &label)))
        return bs_error_set(err, "%s: not a file GDAL reads for buurtscan "
                            "(.gpkg, .geojson, .json, .fgb)", path);
    if (stat(path, &st) != 0)
        return errno == ENOENT
               ? bs_error_set(err, "%s: the file does not exist", path)
               : bs_error_set(err, "%s: cannot open: %s", path,
                              strerror(errno));
    if (!S_ISREG(st.st_mode))
        return bs_error_set(err, "%s: cannot open: not a regular file", path);
    CPLErrorReset();
    *ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL,
                     NULL);
    if (!*ds)
        return bs_error_set(err, "%s: not %s: %s", path, label,
                            bs_gdal_reason("GDAL does not recognise it"));
    return 0;
}

int bs_gdal_replace(const char *path, bs_error *err)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0
               : bs_error_set(err, "%s: cannot replace: %s", path,
                              strerror(errno));
    if (!S_ISREG(st.st_mode))
        return bs_error_set(err, "%s: cannot replace: not a regular file",
                            path);
    if (remove(path) != 0)
        return bs_error_set(err, "%s: cannot replace: %s", path,
                            strerror(errno));
    return 0;
}
