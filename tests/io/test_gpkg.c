/* test_gpkg.c: GeoPackage and GeoJSON layers (vectorout.h) and QGIS styles
 * (qml.h), read back with GDAL's own tools and reader. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gdal.h>
#include <ogr_api.h>
#include "buurtscan/crs.h"
#include "buurtscan/number.h"
#include "buurtscan/qml.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/vector.h"
#include "buurtscan/vectorout.h"
#include "testutil.h"

#define LEEUWARDEN "geodata/leeuwarden_wijken_2022.shp"
#define NL_WIJKEN_2022 "data/nl-wijken-2022/NLD_dist_2022.shp"

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

/* ---- a table of the Leeuwarden wijken ---- */

typedef struct wijken {
    bs_areas *a;
    const char **code, **name;
    double *pop, *income;
    unsigned char *small;      /* population suppressed below 100 */
    bs_typed_column cols[4];
    bs_typed_table t;
} wijken;

static void wijken_load(wijken *w, const char *path)
{
    bs_error err;
    long cc, cn, cp, ci;
    size_t i, n;

    memset(w, 0, sizeof *w);
    ck_assert_msg(bs_shapefile_read(path, NULL, &w->a, NULL, &err) == 0, "%s",
                  err.msg);
    n = w->a->n;
    cc = bs_table_find(w->a->attrs, "code");
    cn = bs_table_find(w->a->attrs, "name");
    cp = bs_table_find(w->a->attrs, "population");
    ci = bs_table_find(w->a->attrs, "income_low");
    w->code = malloc(n * sizeof *w->code);
    w->name = malloc(n * sizeof *w->name);
    w->pop = malloc(n * sizeof *w->pop);
    w->income = malloc(n * sizeof *w->income);
    w->small = malloc(n);
    ck_assert_int_eq(bs_table_column_numeric(w->a->attrs, (size_t)cp, w->pop,
                                             &err), 0);
    ck_assert_int_eq(bs_table_column_numeric(w->a->attrs, (size_t)ci,
                                             w->income, &err), 0);
    for (i = 0; i < n; i++) {
        w->code[i] = w->a->attrs->cells[cc][i];
        w->name[i] = w->a->attrs->cells[cn][i];
        w->small[i] = w->pop[i] < 100;
    }
    w->cols[0] = (bs_typed_column){ "code", "Wijkcode", BS_COL_TEXT, NULL,
                                    w->code, NULL, -1 };
    w->cols[1] = (bs_typed_column){ "name", "Wijk", BS_COL_TEXT, NULL,
                                    w->name, NULL, -1 };
    w->cols[2] = (bs_typed_column){ "population", "Inwoners", BS_COL_INTEGER,
                                    w->pop, NULL, w->small, 0 };
    w->cols[3] = (bs_typed_column){ "income_low", "Laag inkomen (%)",
                                    BS_COL_REAL, w->income, NULL, NULL, 1 };
    w->t = (bs_typed_table){ "scores", n, 4, w->cols };
}

static void wijken_free(wijken *w)
{
    bs_areas_free(w->a);
    free(w->code);
    free(w->name);
    free(w->pop);
    free(w->income);
    free(w->small);
}

static long row_of(const wijken *w, const char *code)
{
    size_t i;

    for (i = 0; i < w->a->n; i++)
        if (strcmp(w->code[i], code) == 0)
            return (long)i;
    ck_abort_msg("no %s", code);
    return -1;
}

/* ---- GeoPackage ---- */

START_TEST(gpkg_layer_reads_back_with_types_values_and_crs)
{
    wijken w;
    bs_gpkg *g;
    bs_error err;
    char path[512];
    char *info, *feat;
    double ikx[2] = { 182500, 184000 }, iky[2] = { 579500, 580000 };
    const char *ikcode[2] = { "IKC1", "IKC2" };
    bs_typed_column ikcols[1] = {
        { "key", NULL, BS_COL_TEXT, NULL, ikcode, NULL, -1 },
    };
    bs_typed_table ik = { "ikc", 2, 1, ikcols };
    bs_layer_geometry geom = { 0 }, pts = { NULL, ikx, iky, "EPSG:28992" };

    wijken_load(&w, bs_test_src(LEEUWARDEN));
    geom.areas = w.a;
    snprintf(path, sizeof path, "%s/scores.gpkg", dir);
    ck_assert_int_eq(bs_gpkg_create(path, "2024-06-30T12:00:00Z", &g, &err), 0);
    ck_assert_msg(bs_gpkg_add_layer(g, &w.t, &geom, "Gebiedsscan", &err) == 0,
                  "%s", err.msg);
    ck_assert_msg(bs_gpkg_add_layer(g, &ik, &pts, NULL, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(bs_gpkg_add_layer(g, &ik, &pts, NULL, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "layer 'ikc': the file has a layer "
                                 "of that name already"));
    ck_assert_msg(bs_gpkg_close(g, &err) == 0, "%s", err.msg);

    info = bs_test_cmd("ogrinfo -so '%s' scores", path);
    ck_assert_ptr_nonnull(info);
    ck_assert_ptr_nonnull(strstr(info, "Feature Count: 22"));
    ck_assert_ptr_nonnull(strstr(info, "Geometry: Multi Polygon"));
    ck_assert_ptr_nonnull(strstr(info, "code: String"));
    ck_assert_ptr_nonnull(strstr(info, "population: Integer"));
    ck_assert_ptr_nonnull(strstr(info, "income_low: Real"));
    ck_assert_ptr_nonnull(strstr(info, "ID[\"EPSG\",28992]"));
    free(info);
    feat = bs_test_cmd("ogrinfo -q '%s' scores -where \"code = 'WK008010'\"",
                       path);
    ck_assert_ptr_nonnull(feat);
    ck_assert_ptr_nonnull(strstr(feat, "name (String) = Binnenstad"));
    ck_assert_ptr_nonnull(strstr(feat, "population (Integer) = 6125"));
    ck_assert_ptr_nonnull(strstr(feat, "income_low (Real) = 56.7"));
    ck_assert_ptr_nonnull(strstr(feat, "MULTIPOLYGON (((182448 580120,"));
    free(feat);
    /* a suppressed cell is null in a GIS layer */
    feat = bs_test_cmd("ogrinfo -q '%s' scores -where \"population IS NULL\"",
                       path);
    ck_assert_ptr_nonnull(feat);
    {
        long i;
        size_t n = 0, k;
        for (k = 0; k < w.a->n; k++)
            n += w.small[k];
        ck_assert_uint_gt(n, 0);
        i = row_of(&w, "WK008074");
        ck_assert_int_eq(w.small[i], 1);
        ck_assert_ptr_nonnull(strstr(feat, "code (String) = WK008074"));
    }
    free(feat);
    info = bs_test_cmd("ogrinfo -so '%s' ikc", path);
    ck_assert_ptr_nonnull(info);
    ck_assert_ptr_nonnull(strstr(info, "Geometry: Point"));
    ck_assert_ptr_nonnull(strstr(info, "Feature Count: 2"));
    free(info);
    wijken_free(&w);
}
END_TEST

START_TEST(gpkg_read_back_is_the_same_areas)
{
    wijken w;
    bs_gpkg *g;
    bs_error err;
    bs_areas *back;
    bs_layer_geometry geom = { 0 };
    char path[512], cell[64];
    size_t i;

    wijken_load(&w, bs_test_src(LEEUWARDEN));
    geom.areas = w.a;
    snprintf(path, sizeof path, "%s/back.gpkg", dir);
    ck_assert_int_eq(bs_gpkg_create(path, NULL, &g, &err), 0);
    ck_assert_int_eq(bs_gpkg_add_layer(g, &w.t, &geom, NULL, &err), 0);
    ck_assert_int_eq(bs_gpkg_close(g, &err), 0);
    ck_assert_msg(bs_vector_read_areas(path, NULL, NULL, &back, NULL, &err)
                  == 0, "%s", err.msg);
    ck_assert_uint_eq(back->n, w.a->n);
    ck_assert_uint_eq(back->nrings, w.a->nrings);
    ck_assert_uint_eq(back->npts, w.a->npts);
    ck_assert_int_eq(bs_crs_equivalent(back->crs, "EPSG:28992", &err), 1);
    for (i = 0; i < w.a->n; i++) {
        ck_assert_str_eq(back->attrs->cells[0][i], w.code[i]);
        if (w.small[i])
            ck_assert_ptr_null(back->attrs->cells[2][i]);
        else
            ck_assert_str_eq(back->attrs->cells[2][i],
                             bs_format_exact_number(w.pop[i], cell,
                                                    sizeof cell));
    }
    bs_areas_free(back);
    wijken_free(&w);
}
END_TEST

/* Polygon areas with GDAL: per feature of layer 0 of path. */
static double *feature_areas(const char *path, size_t *n, size_t *invalid)
{
    GDALDatasetH ds;
    OGRLayerH l;
    OGRFeatureH f;
    double *out;
    size_t k = 0;

    GDALAllRegister();
    ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    l = GDALDatasetGetLayer(ds, 0);
    *n = (size_t)OGR_L_GetFeatureCount(l, 1);
    out = calloc(*n, sizeof *out);
    *invalid = 0;
    while ((f = OGR_L_GetNextFeature(l))) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        out[k++] = g ? OGR_G_Area(g) : 0;
        *invalid += g && !OGR_G_IsValid(g);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return out;
}

START_TEST(holes_and_islands_of_the_national_wijken_keep_their_area)
{
    bs_areas *a;
    bs_error err;
    bs_gpkg *g;
    bs_layer_geometry geom = { 0 };
    bs_typed_table t = { "wijken", 0, 0, NULL };
    char path[512];
    double *src, *out;
    size_t n, m, bad_src, bad_out, i, holed = 0;

    ck_assert_int_eq(bs_shapefile_read(bs_test_shared(NL_WIJKEN_2022), NULL,
                                       &a, NULL, &err), 0);
    /* wijken with a hole: count them from the ring nesting */
    for (i = 0; i < a->n; i++) {
        size_t r, nr = a->ring_first[i + 1] - a->ring_first[i];
        long parent[512];
        if (nr > 512)
            continue;
        ck_assert_int_eq(bs_areas_ring_parents(a, i, parent), 0);
        for (r = 0; r < nr; r++)
            if (parent[r] >= 0) {
                holed++;
                break;
            }
    }
    ck_assert_uint_gt(holed, 10);
    t.nrows = a->n;
    geom.areas = a;
    snprintf(path, sizeof path, "%s/nl.gpkg", dir);
    ck_assert_int_eq(bs_gpkg_create(path, NULL, &g, &err), 0);
    ck_assert_msg(bs_gpkg_add_layer(g, &t, &geom, NULL, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(bs_gpkg_close(g, &err), 0);
    src = feature_areas(bs_test_shared(NL_WIJKEN_2022), &n, &bad_src);
    out = feature_areas(path, &m, &bad_out);
    ck_assert_uint_eq(n, 3340);
    ck_assert_uint_eq(m, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(fabs(src[i] - out[i]) <= 1e-9 * src[i], "feature %zu: "
                      "area %.3f, written %.3f", i + 1, src[i], out[i]);
    ck_assert_uint_le(bad_out, bad_src);
    free(src);
    free(out);
    bs_areas_free(a);
}
END_TEST

START_TEST(same_tables_and_time_give_the_same_gpkg_bytes)
{
    wijken w;
    bs_gpkg *g;
    bs_error err;
    bs_layer_geometry geom = { 0 };
    char a[512], b[512], *cmp;
    int k;

    wijken_load(&w, bs_test_src(LEEUWARDEN));
    geom.areas = w.a;
    snprintf(a, sizeof a, "%s/a.gpkg", dir);
    snprintf(b, sizeof b, "%s/b.gpkg", dir);
    for (k = 0; k < 2; k++) {
        ck_assert_int_eq(bs_gpkg_create(k ? b : a, "2024-06-30T00:00:00Z", &g,
                                        &err), 0);
        ck_assert_int_eq(bs_gpkg_add_layer(g, &w.t, &geom, NULL, &err), 0);
        ck_assert_int_eq(bs_gpkg_add_style(g, "scores", "score", "<qgis/>",
                                           NULL, 1, &err), 0);
        ck_assert_int_eq(bs_gpkg_close(g, &err), 0);
    }
    cmp = bs_test_cmd("cmp '%s' '%s' && echo same", a, b);
    ck_assert_ptr_nonnull(cmp);
    ck_assert_str_eq(cmp, "same\n");
    free(cmp);
    wijken_free(&w);
}
END_TEST

START_TEST(bad_tables_and_paths_are_errors)
{
    bs_gpkg *g;
    bs_error err;
    double v[2] = { 1.5, 2 };
    bs_typed_column c[2] = {
        { "n", NULL, BS_COL_INTEGER, v, NULL, NULL, 0 },
        { "N", NULL, BS_COL_REAL, v, NULL, NULL, 0 },
    };
    bs_typed_table t = { "t", 2, 1, c };
    char path[512];

    ck_assert_int_eq(bs_gpkg_create("/nonexistent/dir/x.gpkg", NULL, &g, &err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/dir/x.gpkg: cannot "
                                 "create"));
    ck_assert_int_eq(bs_gpkg_create("x.gpkg", "30-06-2024", &g, &err), -1);
    snprintf(path, sizeof path, "%s/t.gpkg", dir);
    ck_assert_int_eq(bs_gpkg_create(path, NULL, &g, &err), 0);
    ck_assert_int_eq(bs_gpkg_add_layer(g, &t, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "t: column 'n': row 1 holds 1.5, not a whole "
                     "number");
    t.ncols = 2;
    c[0].type = BS_COL_REAL;
    ck_assert_int_eq(bs_gpkg_add_layer(g, &t, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "t: two columns are called 'N'");
    ck_assert_int_eq(bs_gpkg_add_style(g, "none", "s", "<qgis/>", NULL, 1,
                                       &err), -1);
    bs_gpkg_discard(g);
    ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

/* ---- GeoJSON ---- */

START_TEST(geojson_is_rfc7946_lon_lat)
{
    wijken w;
    bs_error err;
    bs_layer_geometry geom = { 0 };
    bs_areas *back;
    char path[512], *text;
    double x = 182448, y = 580120;
    long i;

    wijken_load(&w, bs_test_src(LEEUWARDEN));
    geom.areas = w.a;
    snprintf(path, sizeof path, "%s/scores.geojson", dir);
    ck_assert_msg(bs_geojson_write(path, &w.t, &geom, &err) == 0, "%s",
                  err.msg);
    text = bs_test_slurp(path);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_null(strstr(text, "\"crs\""));      /* RFC 7946: none */
    ck_assert_ptr_nonnull(strstr(text, "\"population\": 6125"));
    ck_assert_ptr_nonnull(strstr(text, "\"population\": null"));
    free(text);
    ck_assert_msg(bs_vector_read_areas(path, NULL, NULL, &back, NULL, &err)
                  == 0, "%s", err.msg);
    ck_assert_uint_eq(back->n, 22);
    ck_assert_int_eq(bs_crs_is_geographic(back->crs, &err), 1);
    /* the RD corner of WK008010, in degrees: lon first */
    ck_assert_int_eq(bs_crs_transform("EPSG:28992", "EPSG:4326", &x, &y, 1,
                                      &err), 0);
    i = row_of(&w, "WK008010");
    {
        size_t p, r0 = back->ring_first[i], found = 0;
        for (p = back->pt_first[r0]; p < back->pt_first[r0 + 1]; p++)
            found += fabs(back->x[p] - x) < 1e-7 && fabs(back->y[p] - y) < 1e-7;
        ck_assert_uint_eq(found, 2);   /* first and closing point */
        ck_assert_double_gt(back->x[back->pt_first[r0]], 5.7);
        ck_assert_double_lt(back->x[back->pt_first[r0]], 5.9);
        ck_assert_double_gt(back->y[back->pt_first[r0]], 53.1);
    }
    bs_areas_free(back);
    wijken_free(&w);
}
END_TEST

/* ---- QGIS styles ---- */

static const bs_qml_class five[5] = {
    { 0, 10.5, NULL, { 255, 255, 178 }, "0,0 - 10,5" },
    { 10.5, 20, NULL, { 254, 204, 92 }, "10,5 - 20,0" },
    { 20, 30, NULL, { 253, 141, 60 }, "20,0 - 30,0" },
    { 30, 40, NULL, { 240, 59, 32 }, "30,0 - 40,0" },
    { 40, 56.700000000000003, NULL, { 189, 0, 38 }, "40,0 - 56,7" },
};

/* The rules and colours of a QML file, parsed strictly by Python's XML
 * parser: one line "label|filter|colour" per rule. */
static char *qml_rules(const char *path)
{
    return bs_test_cmd(
        "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E\n"
        "r = E.parse(sys.argv[1]).getroot()\n"
        "sym = {s.get('name'): s for s in r.iter('symbol')}\n"
        "for rule in r.iter('rule'):\n"
        "  s = sym[rule.get('symbol')]\n"
        "  c = [o.get('value') for o in s.find('layer').iter('Option') "
        "if o.get('name') == 'color'][0]\n"
        "  print(rule.get('label') + '|' + rule.get('filter') + '|' + c)\n"
        "print('labels', r.get('labelsEnabled'), "
        "r.find('labeling/settings/text-style').get('fieldName'))\n"
        "print('hatch', len([l for l in r.iter('layer') "
        "if l.get('class') == 'LinePatternFill']))\" '%s'", path);
}

START_TEST(qml_has_one_rule_per_class_with_its_colour)
{
    bs_qml_style s = { 0 };
    bs_error err;
    char path[512], *rules;

    s.field = "income_low";
    s.classes = five;
    s.nclasses = 5;
    s.label_field = "name";
    s.outline[0] = s.outline[1] = s.outline[2] = 90;
    snprintf(path, sizeof path, "%s/map-armoede.qml", dir);
    ck_assert_msg(bs_qml_write(path, &s, &err) == 0, "%s", err.msg);
    rules = qml_rules(path);
    ck_assert_ptr_nonnull(rules);
    ck_assert_str_eq(rules,
        "0,0 - 10,5|\"income_low\" >= 0 AND \"income_low\" <= 10.5|"
        "255,255,178,255\n"
        "10,5 - 20,0|\"income_low\" > 10.5 AND \"income_low\" <= 20|"
        "254,204,92,255\n"
        "20,0 - 30,0|\"income_low\" > 20 AND \"income_low\" <= 30|"
        "253,141,60,255\n"
        "30,0 - 40,0|\"income_low\" > 30 AND \"income_low\" <= 40|"
        "240,59,32,255\n"
        "40,0 - 56,7|\"income_low\" > 40 AND \"income_low\" <= 56.7|"
        "189,0,38,255\n"
        "geen gegevens|\"income_low\" IS NULL|255,255,255,255\n"
        "labels 1 name\n"
        "hatch 1\n");
    free(rules);
}
END_TEST

START_TEST(qml_categorised_points_and_bad_styles)
{
    bs_qml_class cats[2] = {
        { 0, 0, "1", { 189, 0, 38 }, "Plus-IKC" },
        { 0, 0, "it's 0", { 200, 200, 200 }, "IKC" },
    };
    bs_qml_style s = { 0 };
    bs_error err;
    char path[512], *rules, *text;

    s.field = "designated";
    s.kind = BS_QML_CATEGORISED;
    s.geometry = BS_QML_POINT;
    s.classes = cats;
    s.nclasses = 2;
    s.missing = BS_QML_MISSING_GREY;
    snprintf(path, sizeof path, "%s/ikc.qml", dir);
    ck_assert_int_eq(bs_qml_write(path, &s, &err), 0);
    text = bs_test_slurp(path);
    ck_assert_ptr_nonnull(strstr(text, "<symbol type=\"marker\""));
    ck_assert_ptr_nonnull(strstr(text, "<layerGeometryType>0<"));
    ck_assert_ptr_null(strstr(text, "<labeling"));
    free(text);
    rules = bs_test_cmd("/usr/bin/python3 -c \"import sys, xml.etree."
                        "ElementTree as E\nfor r in E.parse(sys.argv[1])."
                        "getroot().iter('rule'): print(r.get('filter'))\" "
                        "'%s'", path);
    ck_assert_ptr_nonnull(rules);
    ck_assert_str_eq(rules, "\"designated\" = '1'\n"
                     "\"designated\" = 'it''s 0'\nELSE\n");
    free(rules);
    cats[1].value = NULL;
    ck_assert_ptr_null(bs_qml_text(&s, &err));
    ck_assert_str_eq(err.msg, "QGIS style for 'designated': class 2 has no "
                     "value");
    s.kind = BS_QML_GRADUATED;
    cats[0].lower = 2;
    cats[0].upper = 1;
    ck_assert_ptr_null(bs_qml_text(&s, &err));
    ck_assert_str_eq(err.msg, "QGIS style for 'designated': class 1 has the "
                     "bounds 2 .. 1");
    ck_assert_int_eq(bs_qml_write("/nonexistent/x.qml", &s, &err), -1);
}
END_TEST

START_TEST(style_stored_in_layer_styles_as_qgis_does)
{
    wijken w;
    bs_gpkg *g;
    bs_error err;
    bs_layer_geometry geom = { 0 };
    bs_qml_style s = { 0 };
    char path[512], *qml, *out;

    wijken_load(&w, bs_test_src(LEEUWARDEN));
    geom.areas = w.a;
    s.field = "income_low";
    s.classes = five;
    s.nclasses = 5;
    qml = bs_qml_text(&s, &err);
    ck_assert_ptr_nonnull(qml);
    snprintf(path, sizeof path, "%s/styled.gpkg", dir);
    ck_assert_int_eq(bs_gpkg_create(path, "2024-06-30T00:00:00Z", &g, &err), 0);
    ck_assert_int_eq(bs_gpkg_add_layer(g, &w.t, &geom, NULL, &err), 0);
    ck_assert_msg(bs_gpkg_add_style(g, "scores", "armoede", qml,
                                    "Laag inkomen", 1, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(bs_gpkg_add_style(g, "scores", "score", qml, NULL, 0,
                                       &err), 0);
    ck_assert_int_eq(bs_gpkg_close(g, &err), 0);
    out = bs_test_cmd("ogrinfo -q '%s' layer_styles -fid 1", path);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "f_table_catalog (String) = \n"));
    ck_assert_ptr_nonnull(strstr(out, "f_table_name (String) = scores"));
    ck_assert_ptr_nonnull(strstr(out, "f_geometry_column (String) = geom"));
    ck_assert_ptr_nonnull(strstr(out, "styleName (String) = armoede"));
    ck_assert_ptr_nonnull(strstr(out, "useAsDefault (Integer(Boolean)) = 1"));
    ck_assert_ptr_nonnull(strstr(out, "update_time (DateTime) = "
                                 "2024/06/30 00:00:00+00"));
    ck_assert_ptr_nonnull(strstr(out, "RuleRenderer"));
    free(out);
    out = bs_test_cmd("ogrinfo -q -sql \"SELECT count(*) AS n FROM "
                      "layer_styles WHERE useAsDefault = 0\" '%s'", path);
    ck_assert_ptr_nonnull(strstr(out, "n (Integer) = 1"));
    free(out);
    free(qml);
    wijken_free(&w);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gpkg");
    TCase *tc = tcase_create("write");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, gpkg_layer_reads_back_with_types_values_and_crs);
    tcase_add_test(tc, gpkg_read_back_is_the_same_areas);
    tcase_add_test(tc, holes_and_islands_of_the_national_wijken_keep_their_area);
    tcase_add_test(tc, same_tables_and_time_give_the_same_gpkg_bytes);
    tcase_add_test(tc, bad_tables_and_paths_are_errors);
    tcase_add_test(tc, geojson_is_rfc7946_lon_lat);
    tcase_add_test(tc, qml_has_one_rule_per_class_with_its_colour);
    tcase_add_test(tc, qml_categorised_points_and_bad_styles);
    tcase_add_test(tc, style_stored_in_layer_styles_as_qgis_does);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
