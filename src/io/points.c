/* points.c: point layers from CSV files (coordinate columns, through
 * bs_csv_read) and point shapefiles (shapelib), reprojected through
 * bs_crs_transform.
 *
 * Both kinds of file end up as a bs_table of attributes plus x/y arrays;
 * keys are then checked (bs_keys_check_unique, as for every other keyed
 * table), and only then are coordinates parsed, so that every coordinate
 * message can name the point's key. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <shapefil.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/crs.h"
#include "buurtscan/join.h"
#include "buurtscan/number.h"
#include "buurtscan/points.h"
#include "buurtscan/vector.h"
#include "dbf.h"

#define WGS84 "EPSG:4326"

void bs_pointset_free(bs_pointset *p)
{
    if (!p)
        return;
    free(p->path);
    free(p->x);
    free(p->y);
    free(p->key);
    free(p->name);
    free(p->kind);
    free(p->line);
    bs_table_free(p->attrs);
    free(p->crs);
    free(p);
}

void bs_pointset_where(const bs_pointset *p, size_t i, char *buf, size_t n)
{
    if (p->by_record)
        snprintf(buf, n, "%s: %s %ld", p->path,
                 p->by_record == BS_ROWS_FEATURE ? "feature" : "record",
                 p->line[i]);
    else
        snprintf(buf, n, "%s:%ld", p->path, p->line[i]);
}

/* ---- small helpers ---------------------------------------------------- */

static int ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), m = strlen(ext);

    return n >= m && strcasecmp(s + n - m, ext) == 0;
}

/* "a, b, c" for messages: up to 30 names. */
static void column_list(const bs_table *t, char *buf, size_t n)
{
    size_t c, used = 0;

    buf[0] = '\0';
    for (c = 0; c < t->ncols && c < 30 && used + 1 < n; c++) {
        int k = snprintf(buf + used, n - used, "%s%s", c ? ", " : "",
                         t->names[c]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (t->ncols > 30 && used + 6 < n)
        snprintf(buf + used, n - used, ", ...");
    if (t->ncols == 0)
        snprintf(buf, n, "none");
}

/* Index of the column `name` plays role `role` in ("key", "x" ...). */
static int find_column(const bs_table *t, const char *path, const char *role,
                       const char *name, long *col, bs_error *err)
{
    char list[700];

    if ((*col = bs_table_find(t, name)) >= 0)
        return 0;
    column_list(t, list, sizeof list);
    return bs_error_set(err, "%s: the %s column '%s' is not in the file "
                        "(columns: %s)", path, role, name, list);
}

/* ---- the spec --------------------------------------------------------- */

static int check_spec(const bs_pointset_spec *s, int shp, bs_error *err)
{
    int xy = s->x || s->y, ll = s->lon || s->lat;

    if (!s->key || !*s->key)
        return bs_error_set(err, "%s: points need a key column", s->file);
    if (shp) {
        if (xy || ll)
            return bs_error_set(err, "%s: %s points come from its "
                                "geometry; leave out x/y/lon/lat", s->file,
                                ends_with(s->file, ".shp") ? "a shapefile's"
                                : "a vector file's");
        return 0;
    }
    if (xy && ll)
        return bs_error_set(err, "%s: give either x/y (with a crs) or "
                            "lon/lat, not both", s->file);
    if (!xy && !ll)
        return bs_error_set(err, "%s: points need coordinate columns: x and "
                            "y with a crs, or lon and lat", s->file);
    if (xy && (!s->x || !s->y))
        return bs_error_set(err, "%s: give both x and y columns", s->file);
    if (ll && (!s->lon || !s->lat))
        return bs_error_set(err, "%s: give both lon and lat columns",
                            s->file);
    if (xy && (!s->crs || !*s->crs))
        return bs_error_set(err, "%s: x/y columns need a crs (e.g. "
                            "EPSG:28992 for RD New)", s->file);
    if (ll && s->crs)
        return bs_error_set(err, "%s: lon/lat are WGS84 degrees (EPSG:4326); "
                            "crs is for x/y columns", s->file);
    return 0;
}

/* ---- point shapefiles ------------------------------------------------ */

static int is_point_type(int type)
{
    return type == SHPT_POINT || type == SHPT_POINTZ || type == SHPT_POINTM
           || type == SHPT_MULTIPOINT || type == SHPT_MULTIPOINTZ
           || type == SHPT_MULTIPOINTM;
}

static int open_shp(bs_dbf_trio *t, bs_error *err)
{
    struct stat st;
    int i;

    if (stat(t->path, &st) != 0)
        return bs_error_set(err, "%s: cannot open: %s", t->path,
                            strerror(errno));
    if (bs_input_regular(t->path, err) != 0)
        return -1;
    if (bs_dbf_open_shp(t, t->path, is_point_type, "points", err) != 0)
        return -1;
    if ((i = bs_dbf_bad_record(t, (unsigned long long)st.st_size)) >= 0)
        return bs_error_set(err, "%s: record %d: the .shp is truncated or "
                            "its .shx is damaged", t->path, i + 1);
    bs_dbf_reason_clear();
    if (!(t->dbf = DBFOpenLL(t->path, "rb", &t->hooks)))
        return bs_error_set(err, "%s: cannot read the .dbf beside it: %s",
                            t->path,
                            bs_dbf_reason("missing or not a valid .dbf"));
    return bs_dbf_check_count(t, err);
}

/* Geometry of every record into p->x/y and the number of points of each
 * into count; needs p->key for messages. */
static int read_shp_points(const bs_dbf_trio *t, bs_pointset *p, int *count,
                           bs_error *err)
{
    int i;

    for (i = 0; i < t->nrec; i++) {
        SHPObject *o;

        bs_dbf_reason_clear();
        if (!(o = SHPReadObject(t->shp, i)))
            return bs_error_set(err, "%s: record %d: point '%s': cannot read "
                                "the shape: %s", t->path, i + 1, p->key[i],
                                bs_dbf_reason("unknown error"));
        count[i] = o->nSHPType == SHPT_NULL ? 0 : o->nVertices;
        if (count[i] > 0) {
            p->x[i] = o->padfX[0];
            p->y[i] = o->padfY[0];
        }
        SHPDestroyObject(o);
    }
    return 0;
}

/* The rule for every point file's geometry (shapefile records and GDAL
 * features): exactly one finite point each. count[i] is the number of
 * points of point i, whose coordinates are in p->x/y when it is 1. */
static int check_geometry(const bs_pointset *p, const int *count,
                          bs_error *err)
{
    char where[600];
    size_t i;

    for (i = 0; i < p->n; i++) {
        if (count[i] == 1 && isfinite(p->x[i]) && isfinite(p->y[i]))
            continue;
        bs_pointset_where(p, i, where, sizeof where);
        if (count[i] <= 0)
            return bs_error_set(err, "%s: point '%s' has no geometry", where,
                                p->key[i]);
        if (count[i] > 1)
            return bs_error_set(err, "%s: point '%s' is a multipoint of %d "
                                "points; one point per %s, please", where,
                                p->key[i], count[i],
                                bs_table_row_word(p->attrs));
        return bs_error_set(err, "%s: point '%s' has a coordinate that is "
                            "not a finite number", where, p->key[i]);
    }
    return 0;
}

/* ---- the points ------------------------------------------------------- */

/* Fills key/name/kind/line from the table; checks the keys. */
static int take_columns(bs_pointset *p, const bs_pointset_spec *s, bs_error *err)
{
    const bs_table *t = p->attrs;
    long kc, nc = -1, tc = -1;
    size_t i, n = t->nrows;

    if (find_column(t, p->path, "key", s->key, &kc, err) != 0
        || (s->name && find_column(t, p->path, "name", s->name, &nc, err))
        || (s->kind && find_column(t, p->path, "kind", s->kind, &tc, err)))
        return -1;
    if (bs_keys_check_unique(t, (size_t)kc, err) != 0)
        return -1;
    p->n = n;
    p->by_record = t->by_record;
    p->key = malloc((n ? n : 1) * sizeof *p->key);
    p->line = malloc((n ? n : 1) * sizeof *p->line);
    p->x = malloc((n ? n : 1) * sizeof *p->x);
    p->y = malloc((n ? n : 1) * sizeof *p->y);
    if (nc >= 0)
        p->name = malloc((n ? n : 1) * sizeof *p->name);
    if (tc >= 0)
        p->kind = malloc((n ? n : 1) * sizeof *p->kind);
    if (!p->key || !p->line || !p->x || !p->y || (nc >= 0 && !p->name)
        || (tc >= 0 && !p->kind))
        return bs_error_set(err, "%s: out of memory", p->path);
    for (i = 0; i < n; i++) {
        p->key[i] = t->cells[kc][i];
        p->line[i] = t->lines[i];
        if (p->name)
            p->name[i] = t->cells[nc][i];
        if (p->kind)
            p->kind[i] = t->cells[tc][i];
    }
    return 0;
}

/* Parses one coordinate column (role "x", "lat" ...) into v[n]. */
static int parse_coord(const bs_pointset *p, const char *role, const char *col,
                       double *v, bs_error *err)
{
    const bs_table *t = p->attrs;
    long c;
    size_t i;
    char where[600], label[300];

    if (find_column(t, p->path, role, col, &c, err) != 0)
        return -1;
    if (strcasecmp(t->names[c], role) == 0)
        snprintf(label, sizeof label, "%s", role);
    else
        snprintf(label, sizeof label, "%s (column '%s')", role, t->names[c]);
    for (i = 0; i < p->n; i++) {
        const char *cell = t->cells[c][i];
        bs_num_status st = bs_parse_number(cell, t->decimal, &v[i]);

        if (st == BS_NUM_OK)
            continue;
        bs_pointset_where(p, i, where, sizeof where);
        if (st == BS_NUM_MISSING)
            return bs_error_set(err, "%s: point '%s' has no %s", where,
                                p->key[i], label);
        return bs_error_set(err, "%s: point '%s': %s is '%s', which is not a "
                            "number", where, p->key[i], label, cell);
    }
    return 0;
}

/* lon in [-180, 180], lat in [-90, 90]: catches RD metres given as
 * lon/lat, the most likely mistake. */
static int check_degrees(const bs_pointset *p, bs_error *err)
{
    size_t i;
    char where[600], num[64];

    for (i = 0; i < p->n; i++) {
        int badlon = fabs(p->x[i]) > 180, badlat = fabs(p->y[i]) > 90;
        if (!badlon && !badlat)
            continue;
        bs_pointset_where(p, i, where, sizeof where);
        bs_format_csv_number(badlon ? p->x[i] : p->y[i], num, sizeof num);
        return bs_error_set(err, "%s: point '%s': %s %s is not between %s "
                            "(lon/lat are degrees; for RD New metres use x/y "
                            "with crs = EPSG:28992)", where, p->key[i],
                            badlon ? "lon" : "lat", num,
                            badlon ? "-180 and 180" : "-90 and 90");
    }
    return 0;
}

/* Reprojects copies, so that a failure leaves the points as read and the
 * first point PROJ could not transform can be named. */
static int reproject(bs_pointset *p, const char *to, bs_error *err)
{
    double *nx, *ny;
    size_t i;
    char *crs;

    if (!to || strcmp(p->crs, to) == 0)
        return 0;
    nx = malloc((p->n ? p->n : 1) * sizeof *nx);
    ny = malloc((p->n ? p->n : 1) * sizeof *ny);
    crs = strdup(to);
    if (!nx || !ny || !crs) {
        free(nx), free(ny), free(crs);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    memcpy(nx, p->x, p->n * sizeof *nx);
    memcpy(ny, p->y, p->n * sizeof *ny);
    if (bs_crs_transform(p->crs, to, nx, ny, p->n, err) != 0) {
        char msg[BS_ERROR_MAX], where[600], a[64], b[64];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        for (i = 0; i < p->n; i++)
            if (!isfinite(nx[i]) || !isfinite(ny[i]))
                break;
        if (i < p->n) {
            bs_pointset_where(p, i, where, sizeof where);
            bs_error_set(err, "%s: point '%s' (%s, %s) cannot be transformed: "
                         "%s", where, p->key[i],
                         bs_format_csv_number(p->x[i], a, sizeof a),
                         bs_format_csv_number(p->y[i], b, sizeof b), msg);
        } else {
            bs_error_set(err, "%s: %s", p->path, msg);
        }
        free(nx), free(ny), free(crs);
        return -1;
    }
    free(p->x);
    free(p->y);
    free(p->crs);
    p->x = nx;
    p->y = ny;
    p->crs = crs;
    return 0;
}

static int read_csv_points(const bs_pointset_spec *s, bs_pointset *p,
                           bs_error *err)
{
    int ll = s->lon != NULL;

    if (bs_csv_read(s->file, s->csv, &p->attrs, err) != 0)
        return -1;
    if (ll) {
        if (!(p->crs = strdup(WGS84)))
            return bs_error_set(err, "%s: out of memory", p->path);
    } else {
        if (bs_crs_check(s->crs, s->file, err) != 0)
            return -1;
        if (!(p->crs = strdup(s->crs)))
            return bs_error_set(err, "%s: out of memory", p->path);
    }
    if (take_columns(p, s, err) != 0
        || parse_coord(p, ll ? "lon" : "x", ll ? s->lon : s->x, p->x, err)
        || parse_coord(p, ll ? "lat" : "y", ll ? s->lat : s->y, p->y, err))
        return -1;
    return ll ? check_degrees(p, err) : 0;
}

static int read_shp_file(const bs_pointset_spec *s, bs_pointset *p,
                         const bs_diag *diag, bs_error *err)
{
    bs_dbf_trio t;
    int rc = -1, *count = NULL;

    if (bs_dbf_trio_init(&t, s->file, err) == 0 && open_shp(&t, err) == 0
        && bs_dbf_read_cpg(&t, err) == 0
        && bs_dbf_read_prj(&t, s->crs, s->file, "give the points a crs",
                           &p->crs, err) == 0
        && bs_dbf_read_table(&t, s->file, diag, &p->attrs, err) == 0
        && take_columns(p, s, err) == 0) {
        if (!(count = malloc((p->n ? p->n : 1) * sizeof *count)))
            bs_error_set(err, "%s: out of memory", p->path);
        else if (read_shp_points(&t, p, count, err) == 0
                 && check_geometry(p, count, err) == 0)
            rc = 0;
    }
    free(count);
    bs_dbf_trio_close(&t);
    return rc;
}

/* GeoPackage, GeoJSON, FlatGeobuf: the features of the point layer. */
static int read_vector_file(const bs_pointset_spec *s, bs_pointset *p,
                            const bs_diag *diag, bs_error *err)
{
    bs_vector_points v;
    int rc = -1;

    if (bs_vector_read_points(s->file, s->layer, s->crs, &v, diag, err) != 0)
        return -1;
    p->attrs = v.attrs;
    p->crs = v.crs;
    v.attrs = NULL;
    v.crs = NULL;
    if (take_columns(p, s, err) == 0) {
        memcpy(p->x, v.x, p->n * sizeof *p->x);
        memcpy(p->y, v.y, p->n * sizeof *p->y);
        rc = check_geometry(p, v.count, err);
    }
    bs_vector_points_clear(&v);
    return rc;
}

int bs_pointset_read(const bs_pointset_spec *spec, const char *target_crs,
                   bs_pointset **out, const bs_diag *diag, bs_error *err)
{
    bs_pointset *p;
    int shp, vec, rc;

    *out = NULL;
    if (!spec->file || !*spec->file)
        return bs_error_set(err, "points: no file given");
    vec = bs_vector_is_vector_file(spec->file);
    shp = ends_with(spec->file, ".shp");
    if (!shp && !vec && !ends_with(spec->file, ".csv")
        && !ends_with(spec->file, ".txt") && !ends_with(spec->file, ".tsv"))
        return bs_error_set(err, "%s: unknown kind of point file (use .csv, "
                            ".shp, .gpkg, .geojson or .fgb)", spec->file);
    if (check_spec(spec, shp || vec, err) != 0)
        return -1;
    if (spec->layer && !vec)
        return bs_error_set(err, "%s: only a GeoPackage, GeoJSON or "
                            "FlatGeobuf file has layers; leave out layer",
                            spec->file);
    if (!(p = calloc(1, sizeof *p)) || !(p->path = strdup(spec->file))) {
        free(p);
        return bs_error_set(err, "%s: out of memory", spec->file);
    }
    rc = vec ? read_vector_file(spec, p, diag, err)
         : shp ? read_shp_file(spec, p, diag, err)
               : read_csv_points(spec, p, err);
    if (rc == 0)
        rc = reproject(p, target_crs, err);
    if (rc != 0) {
        bs_pointset_free(p);
        return -1;
    }
    *out = p;
    return 0;
}
