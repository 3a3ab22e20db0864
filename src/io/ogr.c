/* ogr.c (GDAL module): areas and points from GeoPackage, GeoJSON and
 * FlatGeobuf through GDAL's vector C API (vector.h, gdalmod.h), into the models the shapefile readers
 * fill. GDAL's messages are kept (a quiet handler per call) and end up in
 * bs_error; nothing is printed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include "buurtscan/crs.h"
#include "buurtscan/number.h"
#include "buurtscan/text.h"
#include "buurtscan/vector.h"
#include "gdalmod.h"
#include "gdalutil.h"

/* One layer being read: the file, its fields and where the caller wants
 * warnings. */
typedef struct vreader {
    const char *path;
    const bs_diag *diag;
    GDALDatasetH ds;
    OGRLayerH layer;
    bs_table *attrs;
    long feature;           /* 1-based position of the current feature */
    char where[700];        /* "PATH: feature N" */
} vreader;

/* The growing geometry of an area set. */
typedef struct vgrow {
    size_t areas_cap, rings_cap, pts_cap;
} vgrow;

/* ---- opening and choosing a layer ---------------------------------- */

static int is_polygonal(OGRwkbGeometryType t)
{
    t = wkbFlatten(t);
    return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon
           || t == wkbMultiSurface || t == wkbSurface;
}

static int is_punctual(OGRwkbGeometryType t)
{
    t = wkbFlatten(t);
    return t == wkbPoint || t == wkbMultiPoint;
}

/* "a, b, c" for messages, at most n bytes. */
static void layer_list(GDALDatasetH ds, char *buf, size_t n)
{
    int i, nl = GDALDatasetGetLayerCount(ds);
    size_t used = 0;

    buf[0] = '\0';
    for (i = 0; i < nl && used + 8 < n; i++) {
        OGRLayerH l = GDALDatasetGetLayer(ds, i);
        int k = snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
                         OGR_L_GetName(l));
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (nl == 0)
        snprintf(buf, n, "none");
}

/* Picks the layer by name, or the only layer with geometry. kind is
 * "polygon" or "point"; fits tells whether a declared type can hold it
 * (an unknown or collection type can hold anything). */
static int pick_layer(vreader *r, const char *name, const char *kind,
                      int (*fits)(OGRwkbGeometryType), bs_error *err)
{
    int i, nl = GDALDatasetGetLayerCount(r->ds), ngeom = 0;
    char list[600];
    OGRwkbGeometryType t;

    if (name) {
        r->layer = GDALDatasetGetLayerByName(r->ds, name);
        if (!r->layer) {
            layer_list(r->ds, list, sizeof list);
            return bs_error_set(err, "%s: no layer '%s' (layers: %s)",
                                r->path, name, list);
        }
    } else {
        for (i = 0; i < nl; i++) {
            OGRLayerH l = GDALDatasetGetLayer(r->ds, i);
            if (OGR_L_GetGeomType(l) != wkbNone) {
                ngeom++;
                r->layer = l;
            }
        }
        if (ngeom != 1) {
            layer_list(r->ds, list, sizeof list);
            if (ngeom == 0)
                return bs_error_set(err, "%s: no layer with geometry "
                                    "(layers: %s)", r->path, list);
            return bs_error_set(err, "%s: %d layers (%s): choose one with "
                                "layer = ...", r->path, ngeom, list);
        }
    }
    t = wkbFlatten(OGR_L_GetGeomType(r->layer));
    if (t != wkbUnknown && t != wkbGeometryCollection && !fits(t))
        return bs_error_set(err, "%s: layer '%s' holds %s geometries, not "
                            "%ss", r->path, OGR_L_GetName(r->layer),
                            OGRGeometryTypeToName(t), kind);
    return 0;
}

/* The layer's CRS, or NULL. A GeoPackage without one stores the
 * placeholders "Undefined geographic SRS" (srs_id 0) or "Undefined
 * cartesian SRS" (-1), which GDAL reports as a CRS: they are none. */
static OGRSpatialReferenceH layer_srs(OGRLayerH l)
{
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l);
    const char *name = srs ? OSRGetName(srs) : NULL;

    if (srs && name && strncmp(name, "Undefined ", 10) == 0
        && !OSRGetAuthorityName(srs, NULL))
        return NULL;
    return srs;
}

/* The layer's CRS as text for the crs module (malloc'd in *crs). */
static int layer_crs(vreader *r, const char *override,
                     const char *override_name, const char *hint, char **crs,
                     bs_error *err)
{
    OGRSpatialReferenceH srs = layer_srs(r->layer);
    const char *auth, *code;
    char *wkt = NULL;
    const char *const opts[] = { "FORMAT=WKT2_2019", NULL };

    *crs = NULL;
    if (override) {
        if (bs_crs_check(override, override_name, err) != 0)
            return -1;
        *crs = bs_text_dup(override);
    } else if (!srs) {
        return bs_error_set(err, "%s: layer '%s' has no CRS; %s", r->path,
                            OGR_L_GetName(r->layer), hint);
    } else if ((auth = OSRGetAuthorityName(srs, NULL))
               && strcasecmp(auth, "EPSG") == 0
               && (code = OSRGetAuthorityCode(srs, NULL))) {
        *crs = bs_text_printf("EPSG:%s", code);
    } else {
        if (OSRExportToWktEx(srs, &wkt, opts) != OGRERR_NONE || !wkt) {
            CPLFree(wkt);
            return bs_error_set(err, "%s: layer '%s': the CRS cannot be "
                                "written as WKT: %s", r->path,
                                OGR_L_GetName(r->layer),
                                bs_gdal_reason("unknown error"));
        }
        if (bs_crs_check(wkt, r->path, err) != 0) {
            CPLFree(wkt);
            return -1;
        }
        *crs = bs_text_dup(wkt);
        CPLFree(wkt);
    }
    return *crs ? 0 : bs_error_set(err, "%s: out of memory", r->path);
}

/* ---- attributes -------------------------------------------------------- */

/* Field f of feature h as text into buf (or *s pointing into the feature),
 * NULL for a null or unset field. */
static const char *field_text(OGRFeatureH h, int f, char *buf, size_t n)
{
    OGRFieldDefnH fd = OGR_F_GetFieldDefnRef(h, f);
    int y, m, d, hh, mm, tz;
    float ss;

    if (!OGR_F_IsFieldSetAndNotNull(h, f))
        return NULL;
    switch (OGR_Fld_GetType(fd)) {
    case OFTInteger:
    case OFTInteger64:
        snprintf(buf, n, "%lld", (long long)OGR_F_GetFieldAsInteger64(h, f));
        return buf;
    case OFTReal:
        bs_format_exact_number(OGR_F_GetFieldAsDouble(h, f), buf, n);
        return buf;
    case OFTDate:
    case OFTDateTime:
    case OFTTime:
        if (!OGR_F_GetFieldAsDateTimeEx(h, f, &y, &m, &d, &hh, &mm, &ss, &tz))
            return NULL;
        if (OGR_Fld_GetType(fd) == OFTDate)
            snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
        else if (OGR_Fld_GetType(fd) == OFTTime)
            snprintf(buf, n, "%02d:%02d:%02d", hh, mm, (int)ss);
        else
            snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm,
                     (int)ss);
        return buf;
    default:
        return OGR_F_GetFieldAsString(h, f);
    }
}

static int make_table(vreader *r, bs_error *err)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(r->layer);
    int f, nf = OGR_FD_GetFieldCount(defn);

    if (!(r->attrs = bs_table_new(r->path)))
        return bs_error_set(err, "%s: out of memory", r->path);
    r->attrs->by_record = BS_ROWS_FEATURE;
    r->attrs->decimal = '.';
    for (f = 0; f < nf; f++)
        if (bs_table_add_column(r->attrs, OGR_Fld_GetNameRef(
                                OGR_FD_GetFieldDefn(defn, f))) < 0)
            return bs_error_set(err, "%s: out of memory", r->path);
    return 0;
}

/* Appends the feature's row. Text that is not UTF-8 (GeoPackage, GeoJSON
 * and FlatGeobuf are UTF-8 by definition) is repaired with a warning. */
static int add_row(vreader *r, OGRFeatureH h, bs_error *err)
{
    size_t f, row;
    long got = bs_table_add_row(r->attrs, r->feature);
    char buf[64];

    if (got < 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    row = (size_t)got;
    for (f = 0; f < r->attrs->ncols; f++) {
        const char *s = field_text(h, (int)f, buf, sizeof buf);
        char *fixed = NULL;
        int rc;

        if (!s)
            continue;
        if (!bs_text_utf8_valid(s)) {
            bs_warn(r->diag, "%s: field '%s' is not valid UTF-8; bad bytes "
                    "replaced", r->where, r->attrs->names[f]);
            if (!(fixed = bs_text_utf8_repair(s, strlen(s), NULL)))
                return bs_error_set(err, "%s: out of memory", r->path);
            s = fixed;
        }
        rc = bs_table_set(r->attrs, f, row, s, strlen(s));
        free(fixed);
        if (rc != 0)
            return bs_error_set(err, "%s: out of memory", r->path);
    }
    return 0;
}

/* Calls one(r, feature, geometry, ud) for every feature, in order, with
 * r->feature and r->where set; then checks that the layer ended cleanly. */
static int each_feature(vreader *r,
                        int (*one)(vreader *, OGRFeatureH, OGRGeometryH,
                                   void *, bs_error *),
                        void *ud, bs_error *err)
{
    OGRFeatureH h;

    OGR_L_ResetReading(r->layer);
    CPLErrorReset();
    r->feature = 0;
    while ((h = OGR_L_GetNextFeature(r->layer)) != NULL) {
        int rc;

        r->feature++;
        snprintf(r->where, sizeof r->where, "%s: feature %ld", r->path,
                 r->feature);
        rc = add_row(r, h, err);
        if (rc == 0)
            rc = one(r, h, OGR_F_GetGeometryRef(h), ud, err);
        OGR_F_Destroy(h);
        if (rc != 0)
            return -1;
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        return bs_error_set(err, "%s: feature %ld: cannot read: %s", r->path,
                            r->feature + 1, bs_gdal_reason("read error"));
    return 0;
}

/* ---- areas --------------------------------------------------------- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 64;
    void *np;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    if (!(np = realloc(*p, n * size)))
        return -1;
    *p = np;
    *cap = n;
    return 0;
}

typedef struct area_state {
    bs_areas *a;
    vgrow g;
    int ring;               /* rings seen in this feature */
    size_t point;           /* points seen in this feature */
} area_state;

/* Appends one ring of a polygon after bs_areas_check_ring. */
static int add_ring(vreader *r, area_state *s, OGRGeometryH ring,
                    bs_error *err)
{
    bs_areas *a = s->a;
    size_t n = (size_t)OGR_G_GetPointCount(ring), pts_cap = s->g.pts_cap;
    int rc;

    /* x and y share one capacity: pts_cap is a copy for x's growth */
    s->ring++;
    if (grow((void **)&a->pt_first, &s->g.rings_cap, a->nrings + 2,
             sizeof *a->pt_first) != 0
        || grow((void **)&a->x, &pts_cap, a->npts + n, sizeof *a->x) != 0
        || grow((void **)&a->y, &s->g.pts_cap, a->npts + n, sizeof *a->y))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (n > 0)
        OGR_G_GetPoints(ring, a->x + a->npts, sizeof *a->x, a->y + a->npts,
                        sizeof *a->y, NULL, 0);
    rc = bs_areas_check_ring(a->x + a->npts, a->y + a->npts, n, r->where,
                             s->ring, s->point + 1, r->diag, err);
    s->point += n;
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    a->pt_first[a->nrings++] = a->npts;
    a->npts += n;
    a->pt_first[a->nrings] = a->npts;
    return 0;
}

/* Appends the rings of any polygonal geometry; curves are linearised. */
static int add_polygonal(vreader *r, area_state *s, OGRGeometryH g,
                         bs_error *err)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    int i, n = OGR_G_GetGeometryCount(g);

    if (t == wkbPolygon) {
        for (i = 0; i < n; i++)
            if (add_ring(r, s, OGR_G_GetGeometryRef(g, i), err) != 0)
                return -1;
        return 0;
    }
    if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (i = 0; i < n; i++)
            if (add_polygonal(r, s, OGR_G_GetGeometryRef(g, i), err) != 0)
                return -1;
        return 0;
    }
    if (t == wkbCurvePolygon || t == wkbMultiSurface) {
        OGRGeometryH lin = OGR_G_GetLinearGeometry(g, 0, NULL);
        int rc;
        if (!lin)
            return bs_error_set(err, "%s: cannot linearise the %s: %s",
                                r->where, OGR_G_GetGeometryName(g),
                                bs_gdal_reason("unknown error"));
        rc = add_polygonal(r, s, lin, err);
        OGR_G_DestroyGeometry(lin);
        return rc;
    }
    return bs_error_set(err, "%s: a %s geometry in a polygon layer",
                        r->where, OGR_G_GetGeometryName(g));
}

static int add_area(vreader *r, OGRFeatureH h, OGRGeometryH g, void *ud,
                    bs_error *err)
{
    area_state *s = ud;
    bs_areas *a = s->a;
    size_t i = a->n;

    (void)h;
    /* record and ring_first share one capacity; ring_first needs n + 1 */
    if (i + 2 > s->g.areas_cap) {
        size_t cap = s->g.areas_cap ? s->g.areas_cap * 2 : 128;
        long *nr = realloc(a->record, cap * sizeof *nr);
        size_t *nf;
        if (nr)
            a->record = nr;
        if (!nr || !(nf = realloc(a->ring_first, cap * sizeof *nf)))
            return bs_error_set(err, "%s: out of memory", r->path);
        a->ring_first = nf;
        s->g.areas_cap = cap;
    }
    a->record[i] = r->feature;
    a->ring_first[i] = a->nrings;
    a->n = i + 1;
    s->ring = 0;
    s->point = 0;
    if (!g || OGR_G_IsEmpty(g)) {
        bs_warn(r->diag, "%s: no geometry", r->where);
        return 0;
    }
    return add_polygonal(r, s, g, err);
}

static void vreader_close(vreader *r)
{
    if (r->ds)
        GDALClose(r->ds);
    r->ds = NULL;
}

int bsg_read_areas(const char *path, const char *layer,
                   const char *crs_override, bs_areas **out,
                   const bs_diag *diag, bs_error *err)
{
    vreader r;
    area_state s;
    int rc = -1;

    *out = NULL;
    memset(&r, 0, sizeof r);
    memset(&s, 0, sizeof s);
    r.path = path;
    r.diag = diag;
    bs_gdal_begin();
    if (!(s.a = calloc(1, sizeof *s.a)) || !(s.a->path = strdup(path))
        || !(s.a->pt_first = malloc(sizeof *s.a->pt_first))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    s.g.rings_cap = 1;
    s.a->pt_first[0] = 0;
    if (bs_gdal_open(path, &r.ds, err) != 0
        || pick_layer(&r, layer, "polygon", is_polygonal, err) != 0
        || layer_crs(&r, crs_override, "[areas] crs",
                     "set crs = ... in [areas]", &s.a->crs, err) != 0
        || make_table(&r, err) != 0
        || each_feature(&r, add_area, &s, err) != 0)
        goto done;
    if (s.a->n == 0 && (!(s.a->record = malloc(sizeof *s.a->record))
                        || !(s.a->ring_first = malloc(sizeof *s.a->ring_first)))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    s.a->ring_first[s.a->n] = s.a->nrings;
    s.a->attrs = r.attrs;
    r.attrs = NULL;
    rc = 0;
done:
    vreader_close(&r);
    bs_table_free(r.attrs);
    bs_gdal_end();
    if (rc == 0)
        *out = s.a;
    else
        bs_areas_free(s.a);
    return rc;
}

/* ---- points -------------------------------------------------------- */

typedef struct point_state {
    bs_vector_points *p;
    size_t cap;
} point_state;

static int add_point(vreader *r, OGRFeatureH h, OGRGeometryH g, void *ud,
                     bs_error *err)
{
    point_state *s = ud;
    bs_vector_points *p = s->p;
    size_t i = (size_t)(r->feature - 1), cx = s->cap, cy = s->cap;
    OGRwkbGeometryType t;

    (void)h;
    if (grow((void **)&p->x, &cx, i + 1, sizeof *p->x) != 0
        || grow((void **)&p->y, &cy, i + 1, sizeof *p->y) != 0
        || grow((void **)&p->count, &s->cap, i + 1, sizeof *p->count) != 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    p->x[i] = p->y[i] = NAN;
    p->count[i] = 0;
    if (!g || OGR_G_IsEmpty(g))
        return 0;
    t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbMultiPoint) {
        p->count[i] = OGR_G_GetGeometryCount(g);
        if (p->count[i] == 1)
            g = OGR_G_GetGeometryRef(g, 0);
    } else if (t == wkbPoint) {
        p->count[i] = 1;
    } else {
        return bs_error_set(err, "%s: a %s geometry in a point layer",
                            r->where, OGR_G_GetGeometryName(g));
    }
    if (p->count[i] == 1) {
        p->x[i] = OGR_G_GetX(g, 0);
        p->y[i] = OGR_G_GetY(g, 0);
    }
    return 0;
}

int bsg_read_points(const char *path, const char *layer,
                    const char *crs_override, bs_vector_points *out,
                    const bs_diag *diag, bs_error *err)
{
    vreader r;
    point_state s = { out, 0 };
    int rc = -1;

    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.path = path;
    r.diag = diag;
    bs_gdal_begin();
    if (bs_gdal_open(path, &r.ds, err) == 0
        && pick_layer(&r, layer, "point", is_punctual, err) == 0
        && layer_crs(&r, crs_override, path, "give the points a crs",
                     &out->crs, err) == 0
        && make_table(&r, err) == 0
        && each_feature(&r, add_point, &s, err) == 0)
        rc = 0;
    out->attrs = r.attrs;
    vreader_close(&r);
    bs_gdal_end();
    if (rc != 0)
        bs_vector_points_clear(out);
    return rc;
}
