/* shapefile.c: reading polygon shapefiles (.shp/.shx/.dbf/.prj/.cpg) into a
 * bs_areas with shapelib. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <shapefil.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/bigmem.h"
#include "buurtscan/shapefile.h"
#include "dbf.h"

/* Everything one read needs; freed by shp_close. */
typedef struct shp_reader {
    const char *path;
    const bs_diag *diag;
    bs_dbf_trio t;
    char *shp_path, *dbf_path;
    bs_areas *a;
    size_t rings_cap, pts_cap;
} shp_reader;

/* ---- geometry ---- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 64;
    void *np;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    /* the first allocation of a national file's points is tens of MB:
     * in huge pages its first writes cost a tenth */
    if (!(np = *p ? realloc(*p, n * size) : bs_big_alloc(n * size)))
        return -1;
    *p = np;
    *cap = n;
    return 0;
}

/* x and y share one capacity. */
static int grow_points(shp_reader *r, size_t need)
{
    bs_areas *a = r->a;
    size_t cap = r->pts_cap;
    double *ny;

    if (need <= cap)
        return 0;
    if (grow((void **)&a->x, &cap, need, sizeof *a->x) != 0)
        return -1;
    if (!(ny = a->y ? realloc(a->y, cap * sizeof *ny) : bs_big_alloc(cap * sizeof *ny)))
        return -1;
    a->y = ny;
    r->pts_cap = cap;
    return 0;
}

static int is_polygon(int type)
{
    return type == SHPT_POLYGON || type == SHPT_POLYGONZ
           || type == SHPT_POLYGONM;
}

/* The .shx gives each record's offset and length; a .shp cut short would
 * make shapelib read past its end, so check them all before reading. */
static int check_truncation(shp_reader *r, bs_error *err)
{
    const SHPHandle shp = r->t.shp;
    struct stat st;
    unsigned long long end;
    int i;

    if (stat(r->shp_path, &st) != 0)
        return bs_error_set(err, "%s: %s", r->shp_path, strerror(errno));
    if ((i = bs_dbf_bad_record(&r->t, (unsigned long long)st.st_size)) < 0)
        return 0;
    if (shp->panRecOffset[i] < 100)
        return bs_error_set(err, "%s: record %d: the .shx gives an "
                            "impossible offset (%u); the .shx is damaged",
                            r->path, i + 1, shp->panRecOffset[i]);
    end = (unsigned long long)shp->panRecOffset[i] + 8 + shp->panRecSize[i];
    return bs_error_set(err, "%s: record %d: the .shp is truncated (the "
                        "record ends at byte %llu, the file has %lld bytes)",
                        r->path, i + 1, end, (long long)st.st_size);
}

/* Appends the rings of record i (0-based) to the area set. */
static int add_shape(shp_reader *r, int i, bs_error *err)
{
    bs_areas *a = r->a;
    SHPObject *o;
    int part, nparts;
    long rec = i + 1;
    char where[600];

    a->record[i] = rec;
    a->ring_first[i] = a->nrings;
    bs_dbf_reason_clear();
    o = SHPReadObject(r->t.shp, i);
    if (!o)
        return bs_error_set(err, "%s: record %ld: cannot read the shape: %s",
                            r->path, rec, bs_dbf_reason("unknown error"));
    if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
        bs_warn(r->diag, "%s: record %ld: no geometry (null shape)", r->path,
                rec);
        SHPDestroyObject(o);
        return 0;
    }
    if (!is_polygon(o->nSHPType)) {
        bs_error_set(err, "%s: record %ld: a %s shape in a polygon shapefile",
                     r->path, rec, SHPTypeName(o->nSHPType));
        SHPDestroyObject(o);
        return -1;
    }
    nparts = o->nParts > 0 ? o->nParts : 1;
    for (part = 0; part < nparts; part++) {
        int p0 = o->nParts > 0 ? o->panPartStart[part] : 0;
        int p1 = part + 1 < o->nParts ? o->panPartStart[part + 1]
                                      : o->nVertices;
        int k;

        if (p0 < 0 || p1 < p0 || p1 > o->nVertices) {
            bs_error_set(err, "%s: record %ld: part %d has an impossible "
                         "point range (%d..%d of %d)", r->path, rec, part + 1,
                         p0, p1, o->nVertices);
            SHPDestroyObject(o);
            return -1;
        }
        snprintf(where, sizeof where, "%s: record %ld", r->path, rec);
        k = bs_areas_check_ring(o->padfX + p0, o->padfY + p0,
                                (size_t)(p1 - p0), where, part + 1,
                                (size_t)p0 + 1, r->diag, err);
        if (k < 0) {
            SHPDestroyObject(o);
            return -1;
        }
        if (k > 0)
            continue;
        if (grow((void **)&a->pt_first, &r->rings_cap, a->nrings + 2,
                 sizeof *a->pt_first) != 0
            || grow_points(r, a->npts + (size_t)(p1 - p0)) != 0) {
            SHPDestroyObject(o);
            return bs_error_set(err, "%s: out of memory", r->path);
        }
        a->pt_first[a->nrings++] = a->npts;
        memcpy(a->x + a->npts, o->padfX + p0, (size_t)(p1 - p0) * sizeof *a->x);
        memcpy(a->y + a->npts, o->padfY + p0, (size_t)(p1 - p0) * sizeof *a->y);
        a->npts += (size_t)(p1 - p0);
        a->pt_first[a->nrings] = a->npts;
    }
    SHPDestroyObject(o);
    return 0;
}

/* The most points the records can hold, from their sizes in the .shx
 * (checked against the .shp already): a polygon record has 44 bytes of
 * type, box and counts before its part starts and 16 bytes per point. */
static size_t points_bound(const shp_reader *r)
{
    size_t total = 0;
    int i;

    for (i = 0; i < r->t.nrec; i++)
        if (r->t.shp->panRecSize[i] > 44)
            total += (r->t.shp->panRecSize[i] - 44) / 16;
    return total;
}

/* The points are reserved at their bound before reading: growing by
 * doubling would copy them several times over, which costs more than the
 * reading itself for a national file. The slack (Z and M values, counted
 * as points) is given back at the end. */
static int read_geometry(shp_reader *r, bs_error *err)
{
    bs_areas *a = r->a;
    size_t n = (size_t)r->t.nrec;
    int i;

    a->record = malloc((n ? n : 1) * sizeof *a->record);
    a->ring_first = malloc((n + 1) * sizeof *a->ring_first);
    if (!a->record || !a->ring_first
        || grow((void **)&a->pt_first, &r->rings_cap, n + 1,
                sizeof *a->pt_first)
        || grow_points(r, points_bound(r)) != 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    a->pt_first[0] = 0;
    for (i = 0; i < r->t.nrec; i++)
        if (add_shape(r, i, err) != 0)
            return -1;
    a->ring_first[n] = a->nrings;
    a->n = n;
    if (a->npts > 0 && a->npts < r->pts_cap) {
        double *nx = realloc(a->x, a->npts * sizeof *nx);
        double *ny;
        if (nx)
            a->x = nx;
        if ((ny = realloc(a->y, a->npts * sizeof *ny)))
            a->y = ny;
        r->pts_cap = a->npts;
    }
    return 0;
}

/* ---- the whole read ---- */

static void shp_close(shp_reader *r)
{
    bs_dbf_trio_close(&r->t);
    free(r->shp_path);
    free(r->dbf_path);
}

static int open_files(shp_reader *r, bs_error *err)
{
    int exists;
    char *shx_path;

    if (!(r->shp_path = bs_dbf_sibling(r->t.base, ".shp", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists)
        return bs_error_set(err, "%s: cannot open: %s", r->path,
                            strerror(ENOENT));
    if (bs_input_regular(r->shp_path, err) != 0)
        return -1;
    if (!(shx_path = bs_dbf_sibling(r->t.base, ".shx", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists) {
        bs_error_set(err, "%s: not found; a shapefile needs its .shx and "
                     ".dbf beside the .shp", shx_path);
        free(shx_path);
        return -1;
    }
    if (bs_input_regular(shx_path, err) != 0) {
        free(shx_path);
        return -1;
    }
    free(shx_path);
    if (!(r->dbf_path = bs_dbf_sibling(r->t.base, ".dbf", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists)
        return bs_error_set(err, "%s: not found; a shapefile needs its .shx "
                            "and .dbf beside the .shp", r->dbf_path);
    if (bs_input_regular(r->dbf_path, err) != 0)
        return -1;
    if (bs_dbf_open_shp(&r->t, r->shp_path, is_polygon, "polygons", err) != 0
        || check_truncation(r, err) != 0)
        return -1;
    bs_dbf_reason_clear();
    if (!(r->t.dbf = DBFOpenLL(r->dbf_path, "rb", &r->t.hooks)))
        return bs_error_set(err, "%s: cannot read: %s", r->dbf_path,
                            bs_dbf_reason("not a valid .dbf"));
    return bs_dbf_check_count(&r->t, err);
}

int bs_shapefile_read(const char *path, const char *crs_override,
                      bs_areas **out, const bs_diag *diag, bs_error *err)
{
    shp_reader r;
    int rc = -1;

    *out = NULL;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.diag = diag;
    if (!(r.a = calloc(1, sizeof *r.a)) || !(r.a->path = strdup(path))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    if (bs_dbf_trio_init(&r.t, path, err) == 0 && open_files(&r, err) == 0
        && bs_dbf_read_cpg(&r.t, err) == 0
        && bs_dbf_read_prj(&r.t, crs_override, "[areas] crs",
                           "set crs = ... in [areas]", &r.a->crs, err) == 0
        && read_geometry(&r, err) == 0
        && bs_dbf_read_table(&r.t, r.dbf_path, diag, &r.a->attrs, err) == 0)
        rc = 0;
done:
    shp_close(&r);
    if (rc == 0)
        *out = r.a;
    else
        bs_areas_free(r.a);
    return rc;
}
