/* test_vector.c: areas and points from GeoPackage, GeoJSON and FlatGeobuf
 * through GDAL (vector.h), against the shapefile reader on the same data. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include "buurtscan/crs.h"
#include "buurtscan/number.h"
#include "buurtscan/points.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/vector.h"
#include "testutil.h"

#define NL_WIJKEN_2022 "data/nl-wijken-2022/NLD_dist_2022.shp"
#define NL_GEMEENTEN_2022 "data/nl-wijken-2022/NLD_muni_2022.shp"
#define NL_WIJKEN_2024 "data/nl-wijken-2024/wijken_2024.geojson"

/* ---- warnings, and nothing printed ---- */

typedef struct warnings {
    int n;
    char msg[8][BS_ERROR_MAX];
} warnings;

static void collect(void *ud, const char *msg)
{
    warnings *w = ud;

    if (w->n < 8)
        snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
    w->n++;
}

/* bs_areas_read with stderr captured: GDAL must not print either. */
static int read_quiet(const char *path, const char *layer, const char *crs,
                      bs_areas **out, warnings *w, bs_error *err)
{
    bs_diag d = { collect, w };
    FILE *cap = tmpfile();
    int saved, rc;
    long printed;

    ck_assert_ptr_nonnull(cap);
    fflush(stderr);
    saved = dup(2);
    dup2(fileno(cap), 2);
    rc = bs_areas_read(path, layer, crs, out, &d, err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(cap, 0, SEEK_END);
    printed = ftell(cap);
    fclose(cap);
    ck_assert_msg(printed == 0, "%ld bytes printed to stderr", printed);
    return rc;
}

static bs_areas *read_ok(const char *path, const char *layer)
{
    bs_areas *a = NULL;
    bs_error err = { "" };
    warnings w = { 0 };

    ck_assert_msg(read_quiet(path, layer, NULL, &a, &w, &err) == 0, "%s",
                  err.msg);
    return a;
}

static const char *read_err(const char *path, const char *layer)
{
    static bs_error err;
    bs_areas *a = NULL;
    warnings w = { 0 };

    ck_assert_int_eq(read_quiet(path, layer, NULL, &a, &w, &err), -1);
    ck_assert_ptr_null(a);
    return err.msg;
}

static long row_of(const bs_areas *a, const char *col, const char *key)
{
    long c = bs_table_find(a->attrs, col);
    size_t i;

    ck_assert_int_ge(c, 0);
    for (i = 0; i < a->n; i++)
        if (a->attrs->cells[c][i] && strcmp(a->attrs->cells[c][i], key) == 0)
            return (long)i;
    ck_abort_msg("no %s %s", col, key);
    return -1;
}

static const char *cell(const bs_areas *a, long row, const char *col)
{
    long c = bs_table_find(a->attrs, col);

    ck_assert_int_ge(c, 0);
    return a->attrs->cells[c][row];
}

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

/* ogr2ogr ARGS, failing the test when it fails. */
static void ogr2ogr(const char *args)
{
    char *out = bs_test_cmd("ogr2ogr %s 2>&1", args);

    ck_assert_msg(out != NULL, "ogr2ogr %s failed", args);
    free(out);
}

/* ---- the 2024 wijken as published: GeoJSON, WGS84 ---- */

START_TEST(geojson_2024_wijken_are_read_directly)
{
    bs_areas *a = read_ok(bs_test_shared(NL_WIJKEN_2024), NULL);
    bs_error err;
    double box[4];
    long lw;
    size_t r0;

    ck_assert_uint_eq(a->n, 3475);
    ck_assert_str_eq(a->crs, "EPSG:4326");
    ck_assert_int_eq(bs_crs_is_geographic(a->crs, &err), 1);
    ck_assert_int_eq(a->attrs->by_record, BS_ROWS_FEATURE);
    /* lon/lat order, the extent ogrinfo reports */
    ck_assert_int_eq(bs_areas_bbox(a, box), 0);
    ck_assert_double_eq_tol(box[0], 3.30794, 1e-9);
    ck_assert_double_eq_tol(box[1], 50.75037, 1e-9);
    ck_assert_double_eq_tol(box[2], 7.2275, 1e-9);
    ck_assert_double_eq_tol(box[3], 53.57642, 1e-9);
    lw = row_of(a, "wijkcode", "WK008010");
    ck_assert_str_eq(cell(a, lw, "wijknaam"), "Binnenstad");
    ck_assert_str_eq(cell(a, lw, "gemeentecode"), "GM0080");
    ck_assert_str_eq(cell(a, lw, "aantal_inwoners"), "6710");
    ck_assert_str_eq(cell(a, lw, "gem_huishouden_grootte"), "1.2");
    ck_assert_int_eq(a->record[lw], lw + 1);
    /* its first ring starts where the file's polygon starts */
    r0 = a->ring_first[lw];
    ck_assert_double_eq(a->x[a->pt_first[r0]], 5.79801);
    ck_assert_double_eq(a->y[a->pt_first[r0]], 53.20701);
    /* water-only wijken are there too; 82 wijken have no key figures */
    lw = row_of(a, "wijkcode", "WK036399");
    ck_assert_str_eq(cell(a, lw, "wijknaam"), "Groot water");
    {
        long c = bs_table_find(a->attrs, "aantal_inwoners");
        size_t i, with = 0;
        for (i = 0; i < a->n; i++)
            with += a->attrs->cells[c][i] != NULL;
        ck_assert_uint_eq(with, 3393);
    }
    bs_areas_free(a);
}
END_TEST

/* ---- the 2022 wijken: GeoPackage against the shapefile ---- */

/* Ring r of a as the text of its vertices, for comparing rings whatever
 * their order in the area (GDAL groups holes after their outer ring). */
static int same_ring(const bs_areas *a, size_t ra, const bs_areas *b,
                     size_t rb)
{
    size_t n = a->pt_first[ra + 1] - a->pt_first[ra], k;

    if (n != b->pt_first[rb + 1] - b->pt_first[rb])
        return 0;
    for (k = 0; k < n; k++)
        if (a->x[a->pt_first[ra] + k] != b->x[b->pt_first[rb] + k]
            || a->y[a->pt_first[ra] + k] != b->y[b->pt_first[rb] + k])
            return 0;
    return 1;
}

/* Every ring of area i of a is a ring of area i of b, vertex for vertex,
 * and they have as many rings. */
static void assert_same_geometry(const bs_areas *a, const bs_areas *b,
                                 size_t i)
{
    size_t r, s, na = a->ring_first[i + 1] - a->ring_first[i];

    ck_assert_uint_eq(na, b->ring_first[i + 1] - b->ring_first[i]);
    for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
        int found = 0;
        for (s = b->ring_first[i]; s < b->ring_first[i + 1] && !found; s++)
            found = same_ring(a, r, b, s);
        ck_assert_msg(found, "area %zu ring %zu differs", i,
                      r - a->ring_first[i]);
    }
}

/* Same cells: text equal, or both numbers with the same value (the .dbf
 * holds "60.299999999999997", the GeoPackage the double 60.3). */
static void assert_same_cell(const bs_table *a, const bs_table *b, size_t c,
                             size_t i)
{
    const char *x = a->cells[c][i], *y = b->cells[c][i];
    double u, v;

    if (!x || !y) {
        ck_assert_msg(!x && !y, "%s row %zu: '%s' against '%s'", a->names[c],
                      i, x ? x : "(empty)", y ? y : "(empty)");
        return;
    }
    if (strcmp(x, y) == 0)
        return;
    ck_assert_msg(bs_parse_number(x, '.', &u) == BS_NUM_OK
                  && bs_parse_number(y, '.', &v) == BS_NUM_OK && u == v,
                  "%s row %zu: '%s' against '%s'", a->names[c], i, x, y);
}

START_TEST(gpkg_of_national_wijken_reads_as_the_shapefile)
{
    char args[2048], gpkg[1024];
    bs_areas *shp, *gp;
    bs_error err;
    size_t i, c;

    snprintf(gpkg, sizeof gpkg, "%s/wijken.gpkg", dir);
    snprintf(args, sizeof args, "-f GPKG '%s' '%s'", gpkg,
             bs_test_shared(NL_WIJKEN_2022));
    ogr2ogr(args);
    shp = read_ok(bs_test_shared(NL_WIJKEN_2022), NULL);
    gp = read_ok(gpkg, NULL);
    ck_assert_uint_eq(gp->n, 3340);
    ck_assert_uint_eq(gp->n, shp->n);
    ck_assert_uint_eq(gp->npts, shp->npts);
    ck_assert_uint_eq(gp->nrings, shp->nrings);
    ck_assert_int_eq(bs_crs_equivalent(gp->crs, shp->crs, &err), 1);
    ck_assert_uint_eq(gp->attrs->ncols, shp->attrs->ncols);
    for (c = 0; c < shp->attrs->ncols; c++)
        ck_assert_str_eq(gp->attrs->names[c], shp->attrs->names[c]);
    for (i = 0; i < shp->n; i++) {
        ck_assert_int_eq(gp->record[i], shp->record[i]);
        assert_same_geometry(shp, gp, i);
        for (c = 0; c < shp->attrs->ncols; c++)
            assert_same_cell(shp->attrs, gp->attrs, c, i);
    }
    /* WK008074 Middelsee: no income figures in either */
    i = (size_t)row_of(gp, "code", "WK008074");
    ck_assert_ptr_null(cell(gp, (long)i, "income_low"));
    ck_assert_str_eq(cell(gp, (long)i, "population"), "55");
    bs_areas_free(shp);
    bs_areas_free(gp);
}
END_TEST

START_TEST(flatgeobuf_reads_as_the_shapefile)
{
    char args[2048], fgb[1024];
    bs_areas *shp, *fg;
    size_t i;

    snprintf(fgb, sizeof fgb, "%s/leeuwarden.fgb", dir);
    snprintf(args, sizeof args, "-f FlatGeobuf '%s' '%s' -where \"code LIKE "
             "'WK0080%%'\"", fgb, bs_test_shared(NL_WIJKEN_2022));
    ogr2ogr(args);
    fg = read_ok(fgb, NULL);
    ck_assert_uint_eq(fg->n, 22);
    shp = read_ok(bs_test_shared(NL_WIJKEN_2022), NULL);
    for (i = 0; i < fg->n; i++) {
        long r = row_of(shp, "code", cell(fg, (long)i, "code"));
        size_t c = (size_t)bs_table_find(shp->attrs, "income_low");
        ck_assert_uint_eq(fg->ring_first[i + 1] - fg->ring_first[i],
                          shp->ring_first[r + 1] - shp->ring_first[r]);
        ck_assert_str_eq(cell(fg, (long)i, "name"), cell(shp, r, "name"));
        if (shp->attrs->cells[c][r]) {
            double u, v;
            bs_parse_number(shp->attrs->cells[c][r], '.', &u);
            bs_parse_number(cell(fg, (long)i, "income_low"), '.', &v);
            ck_assert_double_eq(u, v);
        }
    }
    bs_areas_free(shp);
    bs_areas_free(fg);
}
END_TEST

/* ---- layers ---- */

START_TEST(several_layers_need_layer_and_the_error_lists_them)
{
    char args[2048], gpkg[512], msg[BS_ERROR_MAX];
    bs_areas *a;

    snprintf(gpkg, sizeof gpkg, "%s/wijkenbuurten.gpkg", dir);
    snprintf(args, sizeof args, "-f GPKG '%s' '%s' -nln gemeenten", gpkg,
             bs_test_shared(NL_GEMEENTEN_2022));
    ogr2ogr(args);
    snprintf(args, sizeof args, "-update -f GPKG '%s' '%s' -nln wijken", gpkg,
             bs_test_shared(NL_WIJKEN_2022));
    ogr2ogr(args);
    snprintf(msg, sizeof msg, "%s: 2 layers (gemeenten, wijken): choose one "
             "with layer = ...", gpkg);
    ck_assert_str_eq(read_err(gpkg, NULL), msg);
    snprintf(msg, sizeof msg, "%s: no layer 'buurten' (layers: gemeenten, "
             "wijken)", gpkg);
    ck_assert_str_eq(read_err(gpkg, "buurten"), msg);
    a = read_ok(gpkg, "wijken");
    ck_assert_uint_eq(a->n, 3340);
    bs_areas_free(a);
    a = read_ok(gpkg, "gemeenten");
    ck_assert_uint_eq(a->n, 345);
    ck_assert_str_eq(cell(a, row_of(a, "code", "GM0080"), "name"),
                     "Leeuwarden");
    bs_areas_free(a);
}
END_TEST

/* ---- bad files ---- */

START_TEST(missing_and_unreadable_files_say_what_is_wrong)
{
    char path[512], msg[BS_ERROR_MAX];
    const char *e;

    snprintf(path, sizeof path, "%s/none.gpkg", dir);
    snprintf(msg, sizeof msg, "%s: the file does not exist", path);
    ck_assert_str_eq(read_err(path, NULL), msg);
    /* an existing .gpkg never gives "No such file or directory" */
    free(bs_test_write(dir, "text.gpkg", "this is not a database\n"));
    snprintf(path, sizeof path, "%s/text.gpkg", dir);
    e = read_err(path, NULL);
    snprintf(msg, sizeof msg, "%s: not a GeoPackage: ", path);
    ck_assert_msg(strncmp(e, msg, strlen(msg)) == 0, "%s", e);
    ck_assert_ptr_null(strstr(e, "No such file"));
    free(bs_test_write(dir, "broken.geojson", "{\"type\": \"FeatureCollection\", "
                       "\"features\": [ {\"type\": \"Feat"));
    snprintf(path, sizeof path, "%s/broken.geojson", dir);
    e = read_err(path, NULL);
    snprintf(msg, sizeof msg, "%s: not a GeoJSON file: ", path);
    ck_assert_msg(strncmp(e, msg, strlen(msg)) == 0, "%s", e);
    snprintf(path, sizeof path, "%s/w.xlsx", dir);
    snprintf(msg, sizeof msg, "%s: unknown kind of map file (buurtscan reads "
             ".shp, .gpkg, .geojson/.json and .fgb)", path);
    ck_assert_str_eq(read_err(path, NULL), msg);
    snprintf(msg, sizeof msg, "%s: a shapefile has one layer; leave out "
             "layer = wijken", bs_test_shared(NL_WIJKEN_2022));
    ck_assert_str_eq(read_err(bs_test_shared(NL_WIJKEN_2022), "wijken"), msg);
}
END_TEST

#define SQUARE "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"

static char *feature_collection(const char *name, const char *features)
{
    char *text = malloc(strlen(features) + 128), *path;

    sprintf(text, "{\"type\": \"FeatureCollection\", \"features\": [%s]}",
            features);
    path = bs_test_write(dir, name, text);
    free(text);
    return path;
}

START_TEST(a_non_polygon_feature_is_an_error_naming_it)
{
    char *path = feature_collection("mixed.geojson",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\"},\"geometry\":"
        "{\"type\":\"Point\",\"coordinates\":[3,4]}}");
    char msg[BS_ERROR_MAX];

    snprintf(msg, sizeof msg, "%s: feature 2: a POINT geometry in a polygon "
             "layer", path);
    ck_assert_str_eq(read_err(path, NULL), msg);
    free(path);
}
END_TEST

START_TEST(null_geometry_and_short_rings_warn_as_for_shapefiles)
{
    char *path = feature_collection("gaps.geojson",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":"
        "null},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\"},\"geometry\":"
        "{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE ","
        "[[[5,5],[6,6]]]]}}");
    bs_areas *a = NULL;
    bs_error err;
    warnings w = { 0 };
    char msg[BS_ERROR_MAX];

    ck_assert_msg(read_quiet(path, NULL, "EPSG:28992", &a, &w, &err) == 0,
                  "%s", err.msg);
    ck_assert_uint_eq(a->n, 2);
    ck_assert_uint_eq(a->ring_first[1] - a->ring_first[0], 0);
    ck_assert_uint_eq(a->ring_first[2] - a->ring_first[1], 1);
    ck_assert_uint_eq(a->npts, 5);
    ck_assert_str_eq(a->crs, "EPSG:28992");
    ck_assert_int_eq(w.n, 2);
    snprintf(msg, sizeof msg, "%s: feature 1: no geometry", path);
    ck_assert_str_eq(w.msg[0], msg);
    snprintf(msg, sizeof msg, "%s: feature 2: ring 2 has 2 points, fewer "
             "than a polygon needs; dropped", path);
    ck_assert_str_eq(w.msg[1], msg);
    bs_areas_free(a);
    free(path);
}
END_TEST

/* A GeoPackage made with GDAL itself: one square with a NaN corner when
 * nan is set, with the CRS EPSG:28992 unless nocrs. */
static void write_gpkg(const char *path, int nan, int nocrs)
{
    GDALDriverH drv;
    GDALDatasetH ds;
    OGRSpatialReferenceH srs = NULL;
    OGRLayerH l;
    OGRFeatureH f;
    OGRGeometryH poly, ring;
    OGRFieldDefnH fd;

    GDALAllRegister();
    drv = GDALGetDriverByName("GPKG");
    ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    ck_assert_ptr_nonnull(ds);
    if (!nocrs) {
        srs = OSRNewSpatialReference(NULL);
        OSRImportFromEPSG(srs, 28992);
    }
    l = GDALDatasetCreateLayer(ds, "wijken", srs, wkbPolygon, NULL);
    fd = OGR_Fld_Create("code", OFTString);
    OGR_L_CreateField(l, fd, 1);
    OGR_Fld_Destroy(fd);
    f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    OGR_F_SetFieldString(f, 0, "WK1");
    ring = OGR_G_CreateGeometry(wkbLinearRing);
    OGR_G_AddPoint_2D(ring, 0, 0);
    OGR_G_AddPoint_2D(ring, nan ? NAN : 100, 0);
    OGR_G_AddPoint_2D(ring, 100, 100);
    OGR_G_AddPoint_2D(ring, 0, 0);
    poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(poly, ring);
    OGR_F_SetGeometryDirectly(f, poly);
    ck_assert_int_eq(OGR_L_CreateFeature(l, f), OGRERR_NONE);
    OGR_F_Destroy(f);
    GDALClose(ds);
    if (srs)
        OSRDestroySpatialReference(srs);
}

START_TEST(non_finite_points_and_a_missing_crs_are_errors)
{
    char path[512], msg[BS_ERROR_MAX];
    bs_areas *a = NULL;
    bs_error err;
    warnings w = { 0 };

    snprintf(path, sizeof path, "%s/nan.gpkg", dir);
    write_gpkg(path, 1, 0);
    snprintf(msg, sizeof msg, "%s: feature 1: point 2 is not a finite number",
             path);
    ck_assert_str_eq(read_err(path, NULL), msg);
    snprintf(path, sizeof path, "%s/nocrs.gpkg", dir);
    write_gpkg(path, 0, 1);
    snprintf(msg, sizeof msg, "%s: layer 'wijken' has no CRS; set crs = ... "
             "in [areas]", path);
    ck_assert_str_eq(read_err(path, NULL), msg);
    ck_assert_int_eq(read_quiet(path, NULL, "EPSG:28992", &a, &w, &err), 0);
    ck_assert_uint_eq(a->n, 1);
    ck_assert_double_eq(a->x[1], 100);
    bs_areas_free(a);
    ck_assert_int_eq(read_quiet(path, NULL, "EPSG:99999", &a, &w, &err), -1);
}
END_TEST

/* ---- points ---- */

static bs_pointset_spec point_spec(const char *file)
{
    bs_pointset_spec s;

    memset(&s, 0, sizeof s);
    s.file = file;
    s.key = "code";
    s.name = "naam";
    return s;
}

START_TEST(points_from_geojson_are_reprojected_and_checked)
{
    char *path = feature_collection("ikc.geojson",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"IKC1\",\"naam\":"
        "\"De Toren\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
        "[5.79801,53.20701]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"IKC2\",\"naam\":"
        "null},\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":"
        "[[5.8,53.2]]}}");
    bs_pointset_spec s = point_spec(path);
    bs_pointset *p = NULL;
    bs_error err;
    double x = 5.79801, y = 53.20701;
    char msg[BS_ERROR_MAX], where[1100];

    ck_assert_msg(bs_pointset_read(&s, "EPSG:28992", &p, NULL, &err) == 0,
                  "%s", err.msg);
    ck_assert_uint_eq(p->n, 2);
    ck_assert_str_eq(p->key[0], "IKC1");
    ck_assert_str_eq(p->name[0], "De Toren");
    ck_assert_ptr_null(p->name[1]);
    ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:28992", &x, &y, 1,
                                      &err), 0);
    ck_assert_double_eq_tol(p->x[0], x, 1e-6);
    ck_assert_double_eq_tol(p->y[0], y, 1e-6);
    ck_assert_double_gt(p->x[0], 180000);   /* RD metres, Leeuwarden */
    bs_pointset_where(p, 1, where, sizeof where);
    snprintf(msg, sizeof msg, "%s: feature 2", path);
    ck_assert_str_eq(where, msg);
    bs_pointset_free(p);
    free(path);

    path = feature_collection("bad.geojson",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":"
        "{\"type\":\"Point\",\"coordinates\":[5,52]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\"},\"geometry\":"
        "null},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":"
        "{\"type\":\"Point\",\"coordinates\":[5,52]}}");
    s = point_spec(path);
    s.name = NULL;
    ck_assert_int_eq(bs_pointset_read(&s, NULL, &p, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: feature 3: duplicate key 'A' in column "
             "'code' (also at feature 1)", path);
    ck_assert_str_eq(err.msg, msg);
    free(path);
    path = feature_collection("nogeom.geojson",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":"
        "{\"type\":\"Point\",\"coordinates\":[5,52]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\"},\"geometry\":"
        "null},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"C\"},\"geometry\":"
        "{\"type\":\"MultiPoint\",\"coordinates\":[[5,52],[6,52]]}}");
    s.file = path;
    ck_assert_int_eq(bs_pointset_read(&s, NULL, &p, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: feature 2: point 'B' has no geometry", path);
    ck_assert_str_eq(err.msg, msg);
    free(path);
}
END_TEST

START_TEST(points_from_a_gpkg_layer_beside_polygons)
{
    char args[2048], gpkg[512], msg[BS_ERROR_MAX];
    char *csv = bs_test_write(dir, "ikc.csv",
                              "code,naam,x,y\nIKC1,De Toren,182500,579500\n"
                              "IKC2,Het Anker,184000,580000\n");
    bs_pointset_spec s;
    bs_pointset *p = NULL;
    bs_error err;

    snprintf(gpkg, sizeof gpkg, "%s/lw.gpkg", dir);
    snprintf(args, sizeof args, "-f GPKG '%s' '%s' -nln wijken -where "
             "\"code LIKE 'WK0080%%'\"", gpkg, bs_test_shared(NL_WIJKEN_2022));
    ogr2ogr(args);
    snprintf(args, sizeof args, "-update -f GPKG '%s' '%s' -nln ikc "
             "-oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:28992",
             gpkg, csv);
    ogr2ogr(args);
    s = point_spec(gpkg);
    ck_assert_int_eq(bs_pointset_read(&s, NULL, &p, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: 2 layers (wijken, ikc): choose one with "
             "layer = ...", gpkg);
    ck_assert_str_eq(err.msg, msg);
    s.layer = "wijken";
    ck_assert_int_eq(bs_pointset_read(&s, NULL, &p, NULL, &err), -1);
    snprintf(msg, sizeof msg, "%s: layer 'wijken' holds Polygon "
             "geometries, not points", gpkg);
    ck_assert_str_eq(err.msg, msg);
    s.layer = "ikc";
    ck_assert_msg(bs_pointset_read(&s, NULL, &p, NULL, &err) == 0, "%s",
                  err.msg);
    ck_assert_uint_eq(p->n, 2);
    ck_assert_str_eq(p->name[1], "Het Anker");
    ck_assert_double_eq(p->x[1], 184000);
    ck_assert_double_eq(p->y[1], 580000);
    ck_assert_str_eq(p->crs, "EPSG:28992");
    bs_pointset_free(p);
    free(csv);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("vector");
    TCase *tc = tcase_create("read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, geojson_2024_wijken_are_read_directly);
    tcase_add_test(tc, gpkg_of_national_wijken_reads_as_the_shapefile);
    tcase_add_test(tc, flatgeobuf_reads_as_the_shapefile);
    tcase_add_test(tc, several_layers_need_layer_and_the_error_lists_them);
    tcase_add_test(tc, missing_and_unreadable_files_say_what_is_wrong);
    tcase_add_test(tc, a_non_polygon_feature_is_an_error_naming_it);
    tcase_add_test(tc, null_geometry_and_short_rings_warn_as_for_shapefiles);
    tcase_add_test(tc, non_finite_points_and_a_missing_crs_are_errors);
    tcase_add_test(tc, points_from_geojson_are_reprojected_and_checked);
    tcase_add_test(tc, points_from_a_gpkg_layer_beside_polygons);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
