/* test_points.c: point layers from CSV (x/y with a CRS, lon/lat) and from
 * point shapefiles; reprojection; every error with its exact message. */
#include <check.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/points.h"
#include "testutil.h"

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

/* A spec for the CSV file name in dir with RD x/y columns. */
static bs_pointset_spec rd_spec(const char *path)
{
    bs_pointset_spec s;

    memset(&s, 0, sizeof s);
    s.file = path;
    s.key = "code";
    s.x = "x";
    s.y = "y";
    s.crs = "EPSG:28992";
    return s;
}

/* Reads and must succeed. */
static bs_pointset *read_ok(const bs_pointset_spec *s, const char *target)
{
    bs_pointset *p = NULL;
    bs_error err;

    ck_assert_msg(bs_pointset_read(s, target, &p, NULL, &err) == 0, "%s",
                  err.msg);
    ck_assert_ptr_nonnull(p);
    return p;
}

/* Reads and must fail; returns the message with "DIR/" cut off. */
static const char *read_err(bs_pointset_spec *s, const char *target)
{
    static bs_error err;
    bs_pointset *p = (bs_pointset *)1;
    size_t n = strlen(dir);

    ck_assert_int_eq(bs_pointset_read(s, target, &p, NULL, &err), -1);
    ck_assert_ptr_null(p);
    if (strncmp(err.msg, dir, n) == 0 && err.msg[n] == '/')
        return err.msg + n + 1;
    return err.msg;
}

/* Writes text to dir/name; returns the path (the caller frees it). */
static char *csv(const char *name, const char *text)
{
    return bs_test_write(dir, name, text);
}

/* ---- CSV ---- */

START_TEST(rd_csv_is_read_with_names_kinds_and_lines)
{
    char *path = csv("ikc.csv",
        "code,naam,soort,x,y,leerlingen\n"
        "IKC1,De Kameleon,IKC,182585.2,579340.5,210\n"
        "\n"
        "IKC2,Het Anker,ikc,183000,580000,95\n"
        "SB1,Buurtkamer Oost,,184000.75,578000.25,\n");
    bs_pointset_spec s = rd_spec(path);
    bs_pointset *p;
    char where[600];

    s.name = "naam";
    s.kind = "soort";
    p = read_ok(&s, NULL);
    ck_assert_uint_eq(p->n, 3);
    ck_assert_str_eq(p->key[0], "IKC1");
    ck_assert_str_eq(p->key[2], "SB1");
    ck_assert_str_eq(p->name[1], "Het Anker");
    ck_assert_str_eq(p->kind[0], "IKC");
    ck_assert_str_eq(p->kind[1], "ikc");
    ck_assert_ptr_null(p->kind[2]);
    ck_assert(p->x[0] == 182585.2 && p->y[0] == 579340.5);
    ck_assert(p->x[2] == 184000.75 && p->y[2] == 578000.25);
    /* the empty line 3 is skipped but still counted */
    ck_assert_int_eq(p->line[0], 2);
    ck_assert_int_eq(p->line[1], 4);
    ck_assert_int_eq(p->line[2], 5);
    ck_assert_int_eq(p->by_record, 0);
    ck_assert_str_eq(p->crs, "EPSG:28992");
    ck_assert_uint_eq(p->attrs->ncols, 6);
    ck_assert_str_eq(p->attrs->cells[5][0], "210");
    bs_pointset_where(p, 1, where, sizeof where);
    ck_assert_str_eq(where + strlen(dir) + 1, "ikc.csv:4");
    bs_pointset_free(p);
    free(path);
}
END_TEST

START_TEST(semicolons_and_decimal_commas)
{
    char *path = csv("p.csv", "code;x;y\nA;182585,25;579340,5\nB;1;2\n");
    bs_pointset_spec s = rd_spec(path);
    bs_pointset *p = read_ok(&s, NULL);

    ck_assert_uint_eq(p->n, 2);
    ck_assert(p->x[0] == 182585.25 && p->y[0] == 579340.5);
    ck_assert(p->name == NULL && p->kind == NULL);
    bs_pointset_free(p);
    free(path);
}
END_TEST

/* The RD origin: Amersfoort (155000, 463000) is at 52.15517440 N,
 * 5.38720621 E in WGS84 (the reference point of the Schreutelkamp & Strang
 * van Hees RD <-> WGS84 approximation, accurate to about a metre). */
START_TEST(lon_lat_is_reprojected_to_rd)
{
    char *path = csv("ll.csv", "id,lat,lon\nAMF,52.15517440,5.38720621\n");
    bs_pointset_spec s;
    bs_pointset *p;

    memset(&s, 0, sizeof s);
    s.file = path;
    s.key = "id";
    s.lon = "lon";
    s.lat = "lat";
    p = read_ok(&s, "EPSG:28992");
    ck_assert_msg(fabs(p->x[0] - 155000) < 1 && fabs(p->y[0] - 463000) < 1,
                  "got (%f, %f)", p->x[0], p->y[0]);
    ck_assert_str_eq(p->crs, "EPSG:28992");
    bs_pointset_free(p);
    free(path);
}
END_TEST

START_TEST(rd_is_reprojected_to_lon_lat_and_back)
{
    char *path = csv("p.csv", "code,x,y\nAMF,155000,463000\nLWD,182585,579340\n");
    bs_pointset_spec s = rd_spec(path);
    bs_pointset *p = read_ok(&s, "EPSG:4326");

    ck_assert_msg(fabs(p->y[0] - 52.15517440) < 2e-5
                  && fabs(p->x[0] - 5.38720621) < 2e-5, "got (%f, %f)",
                  p->x[0], p->y[0]);
    /* Leeuwarden lies north-east of Amersfoort */
    ck_assert(p->x[1] > 5.7 && p->x[1] < 5.9 && p->y[1] > 53.1
              && p->y[1] < 53.3);
    bs_pointset_free(p);
    free(path);
}
END_TEST

START_TEST(missing_coordinate_names_the_line_and_key)
{
    char *path = csv("t.csv", "code,x,y\nIKC1,1,2\nIKC12,,3\n");
    bs_pointset_spec s = rd_spec(path);

    ck_assert_str_eq(read_err(&s, NULL), "t.csv:3: point 'IKC12' has no x");
    free(path);
    path = csv("t.csv", "code,x,y\nIKC1,1,2\nIKC12,5,x\n");
    s = rd_spec(path);
    ck_assert_str_eq(read_err(&s, NULL), "t.csv:3: point 'IKC12' has no y");
    free(path);
}
END_TEST

START_TEST(coordinate_column_under_another_name_is_named)
{
    char *path = csv("t.csv", "code,x_rd,y_rd\nA,1,2\nB,,2\n");
    bs_pointset_spec s = rd_spec(path);

    s.x = "X_RD";
    s.y = "y_rd";
    ck_assert_str_eq(read_err(&s, NULL),
                     "t.csv:3: point 'B' has no x (column 'x_rd')");
    free(path);
}
END_TEST

START_TEST(non_numeric_coordinate_is_an_error)
{
    char *path = csv("t.csv", "code,x,y\nIKC1,1,2\nIKC2,3,4\nIKC3,5,56x\n");
    bs_pointset_spec s = rd_spec(path);

    ck_assert_str_eq(read_err(&s, NULL),
                     "t.csv:4: point 'IKC3': y is '56x', which is not a number");
    free(path);
}
END_TEST

START_TEST(duplicate_key_names_both_lines)
{
    char *path = csv("t.csv", "code,x,y\nIKC1,1,2\nIKC2,3,4\nIKC3,5,6\n"
                     "ikc1 ,7,8\n");
    bs_pointset_spec s = rd_spec(path);

    ck_assert_str_eq(read_err(&s, NULL),
                     "t.csv:5: duplicate key 'ikc1' in column 'code' (also at "
                     "line 2)");
    free(path);
}
END_TEST

START_TEST(empty_key_is_an_error)
{
    char *path = csv("t.csv", "code,x,y\nIKC1,1,2\n,3,4\n");
    bs_pointset_spec s = rd_spec(path);

    ck_assert_str_eq(read_err(&s, NULL), "t.csv:3: empty key in column 'code'");
    free(path);
}
END_TEST

START_TEST(missing_columns_are_errors)
{
    char *path = csv("t.csv", "id,x,y\nIKC1,1,2\n");
    bs_pointset_spec s = rd_spec(path);

    ck_assert_str_eq(read_err(&s, NULL), "t.csv: the key column 'code' is not "
                     "in the file (columns: id, x, y)");
    s.key = "id";
    s.name = "naam";
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: the name column 'naam' is "
                     "not in the file (columns: id, x, y)");
    s.name = NULL;
    s.kind = "soort";
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: the kind column 'soort' is "
                     "not in the file (columns: id, x, y)");
    s.kind = NULL;
    s.x = "xcoord";
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: the x column 'xcoord' is "
                     "not in the file (columns: id, x, y)");
    free(path);
}
END_TEST

START_TEST(rd_metres_given_as_lon_lat_are_caught)
{
    char *path = csv("t.csv", "code,lon,lat\nA,5.8,53.2\nB,182585,579340\n");
    bs_pointset_spec s;

    memset(&s, 0, sizeof s);
    s.file = path;
    s.key = "code";
    s.lon = "lon";
    s.lat = "lat";
    ck_assert_str_eq(read_err(&s, "EPSG:28992"),
                     "t.csv:3: point 'B': lon 182585 is not between -180 and "
                     "180 (lon/lat are degrees; for RD New metres use x/y "
                     "with crs = EPSG:28992)");
    free(path);
    path = csv("t.csv", "code,lon,lat\nA,5.8,91\n");
    s.file = path;
    ck_assert_str_eq(read_err(&s, NULL),
                     "t.csv:2: point 'A': lat 91 is not between -90 and 90 "
                     "(lon/lat are degrees; for RD New metres use x/y with "
                     "crs = EPSG:28992)");
    free(path);
}
END_TEST

START_TEST(point_proj_cannot_transform_is_named)
{
    char *path = csv("t.csv", "code,lon,lat\nA,3,46.5\nB,3,-90\n");
    bs_pointset_spec s;

    memset(&s, 0, sizeof s);
    s.file = path;
    s.key = "code";
    s.lon = "lon";
    s.lat = "lat";
    ck_assert_str_eq(read_err(&s, "EPSG:2154"),
                     "t.csv:3: point 'B' (3, -90) cannot be transformed: PROJ "
                     "could not transform 1 of 2 points from WGS 84 to RGF93 "
                     "v1 / Lambert-93 (outside the area the CRS covers?)");
    free(path);
}
END_TEST

START_TEST(incomplete_or_contradictory_specs_are_errors)
{
    char *path = csv("t.csv", "code,x,y,lon,lat\nA,1,2,3,4\n");
    bs_pointset_spec s = rd_spec(path);

    s.crs = NULL;
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: x/y columns need a crs (e.g. "
                     "EPSG:28992 for RD New)");
    s.crs = "EPSG:28992";
    s.lon = "lon";
    s.lat = "lat";
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: give either x/y (with a crs) "
                     "or lon/lat, not both");
    s.x = s.y = NULL;
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: lon/lat are WGS84 degrees "
                     "(EPSG:4326); crs is for x/y columns");
    s.crs = NULL;
    s.lat = NULL;
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: give both lon and lat "
                     "columns");
    s.lon = NULL;
    s.x = "x";
    s.crs = "EPSG:28992";
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: give both x and y columns");
    s.x = NULL;
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: points need coordinate "
                     "columns: x and y with a crs, or lon and lat");
    s.x = "x";
    s.y = "y";
    s.key = NULL;
    ck_assert_str_eq(read_err(&s, NULL), "t.csv: points need a key column");
    s.key = "code";
    s.crs = "EPSG:99999999";
    ck_assert_msg(strncmp(read_err(&s, NULL), "t.csv: PROJ cannot read this "
                          "CRS: ", 34) == 0, "%s", read_err(&s, NULL));
    free(path);
}
END_TEST

START_TEST(unknown_file_kind_and_missing_file_are_errors)
{
    bs_pointset_spec s = rd_spec("ikc.xlsx");
    char *path;

    ck_assert_str_eq(read_err(&s, NULL), "ikc.xlsx: unknown kind of point file "
                     "(use .csv, .shp, .gpkg, .geojson or .fgb)");
    path = malloc(strlen(dir) + 16);
    sprintf(path, "%s/none.csv", dir);
    s.file = path;
    ck_assert_str_eq(read_err(&s, NULL),
                     "none.csv: cannot open: No such file or directory");
    free(path);
}
END_TEST

/* ---- point shapefiles ---- */

/* dir/name.ext */
static char *fx(const char *name, const char *ext)
{
    char *p = malloc(strlen(dir) + strlen(name) + strlen(ext) + 3);

    sprintf(p, "%s/%s.%s", dir, name, ext);
    return p;
}

/* Points (x[i], y[i]) with DBF fields code and naam; a NaN x writes a null
 * shape. With prj, the RD New .prj of the national wijken beside it. */
static char *write_point_shp(const char *name, int type, const double *x,
                             const double *y, const char *const *code,
                             const char *const *naam, int n, int prj)
{
    char *shp = fx(name, "shp"), *dbf = fx(name, "dbf");
    SHPHandle h = SHPCreate(shp, type);
    DBFHandle d = DBFCreate(dbf);
    int i;

    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(DBFAddField(d, "code", FTString, 20, 0), 0);
    ck_assert_int_eq(DBFAddField(d, "naam", FTString, 40, 0), 1);
    for (i = 0; i < n; i++) {
        SHPObject *o = isnan(x[i])
            ? SHPCreateObject(SHPT_NULL, -1, 0, NULL, NULL, 0, NULL, NULL,
                              NULL, NULL)
            : SHPCreateSimpleObject(type, 1, &x[i], &y[i], NULL);
        ck_assert_int_ge(SHPWriteObject(h, -1, o), 0);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(d, i, 0, code[i]);
        DBFWriteStringAttribute(d, i, 1, naam[i]);
    }
    SHPClose(h);
    DBFClose(d);
    if (prj) {
        char *wkt = bs_test_slurp(
            bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.prj"));
        char file[128];
        ck_assert_ptr_nonnull(wkt);
        snprintf(file, sizeof file, "%s.prj", name);
        free(bs_test_write(dir, file, wkt));
        free(wkt);
    }
    free(dbf);
    return shp;
}

static bs_pointset_spec shp_spec(const char *path)
{
    bs_pointset_spec s;

    memset(&s, 0, sizeof s);
    s.file = path;
    s.key = "code";
    s.name = "naam";
    return s;
}

START_TEST(point_shapefile_is_read_with_records)
{
    static const double x[] = { 155000, 182585.5 }, y[] = { 463000, 579340 };
    static const char *const code[] = { "AMF", "LWD" };
    static const char *const naam[] = { "Amersfoort", "Leeuwarden" };
    char *shp = write_point_shp("pts", SHPT_POINT, x, y, code, naam, 2, 1);
    bs_pointset_spec s = shp_spec(shp);
    bs_pointset *p = read_ok(&s, NULL);
    char where[600];

    ck_assert_uint_eq(p->n, 2);
    ck_assert_str_eq(p->key[1], "LWD");
    ck_assert_str_eq(p->name[0], "Amersfoort");
    ck_assert(p->x[1] == 182585.5 && p->y[1] == 579340);
    ck_assert_int_eq(p->by_record, 1);
    ck_assert_int_eq(p->line[1], 2);
    ck_assert_ptr_nonnull(strstr(p->crs, "PROJCS[\"RD_New\""));
    bs_pointset_where(p, 1, where, sizeof where);
    ck_assert_str_eq(where + strlen(dir) + 1, "pts.shp: record 2");
    bs_pointset_free(p);

    p = read_ok(&s, "EPSG:4326");
    ck_assert_msg(fabs(p->y[0] - 52.15517440) < 2e-5
                  && fabs(p->x[0] - 5.38720621) < 2e-5, "got (%f, %f)",
                  p->x[0], p->y[0]);
    bs_pointset_free(p);
    free(shp);
}
END_TEST

START_TEST(pointz_and_single_multipoints_are_points)
{
    static const double x[] = { 1, 2 }, y[] = { 3, 4 };
    static const char *const code[] = { "A", "B" };
    static const char *const naam[] = { "a", "b" };
    char *shp = write_point_shp("z", SHPT_POINTZ, x, y, code, naam, 2, 1);
    bs_pointset_spec s = shp_spec(shp);
    bs_pointset *p = read_ok(&s, NULL);

    ck_assert(p->n == 2 && p->x[1] == 2 && p->y[1] == 4);
    bs_pointset_free(p);
    free(shp);
    shp = write_point_shp("m", SHPT_MULTIPOINT, x, y, code, naam, 2, 1);
    s = shp_spec(shp);
    p = read_ok(&s, NULL);
    ck_assert(p->n == 2 && p->x[0] == 1 && p->y[0] == 3);
    bs_pointset_free(p);
    free(shp);
}
END_TEST

START_TEST(shapefile_errors_name_the_record)
{
    static const double x[] = { 1, NAN, 3 }, y[] = { 1, 2, 3 };
    static const char *const code[] = { "A", "B", "C" };
    static const char *const dup[] = { "A", "B", "a" };
    static const char *const naam[] = { "a", "b", "c" };
    char *shp = write_point_shp("n", SHPT_POINT, x, y, code, naam, 3, 1);
    bs_pointset_spec s = shp_spec(shp);

    ck_assert_str_eq(read_err(&s, NULL),
                     "n.shp: record 2: point 'B' has no geometry");
    free(shp);
    shp = write_point_shp("d", SHPT_POINT, y, y, dup, naam, 3, 1);
    s = shp_spec(shp);
    ck_assert_str_eq(read_err(&s, NULL),
                     "d.shp: record 3: duplicate key 'a' in column 'code' "
                     "(also at record 1)");
    s.x = "x";
    ck_assert_str_eq(read_err(&s, NULL), "d.shp: a shapefile's points come "
                     "from its geometry; leave out x/y/lon/lat");
    free(shp);
}
END_TEST

START_TEST(shapefile_without_prj_needs_a_crs)
{
    static const double x[] = { 155000 }, y[] = { 463000 };
    static const char *const code[] = { "A" };
    static const char *const naam[] = { "a" };
    char *shp = write_point_shp("np", SHPT_POINT, x, y, code, naam, 1, 0);
    bs_pointset_spec s = shp_spec(shp);
    bs_pointset *p;

    ck_assert_str_eq(read_err(&s, NULL),
                     "np.shp: no .prj file; give the points a crs");
    s.crs = "EPSG:28992";
    p = read_ok(&s, NULL);
    ck_assert_str_eq(p->crs, "EPSG:28992");
    bs_pointset_free(p);
    free(shp);
}
END_TEST

START_TEST(polygon_shapefile_is_not_a_point_layer)
{
    char *shp = strdup(bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    bs_pointset_spec s = shp_spec(shp);
    bs_error err;
    bs_pointset *p;

    ck_assert_int_eq(bs_pointset_read(&s, NULL, &p, NULL, &err), -1);
    ck_assert_str_eq(err.msg + strlen(shp), ": the shapes are Polygon, not "
                     "points");
    free(shp);
}
END_TEST

START_TEST(cp1252_dbf_text_becomes_utf8)
{
    static const double x[] = { 1 }, y[] = { 1 };
    static const char *const code[] = { "A" };
    static const char *const naam[] = { "Caf\xE9 \x80" };
    char *shp = write_point_shp("enc", SHPT_POINT, x, y, code, naam, 1, 1);
    bs_pointset_spec s = shp_spec(shp);
    bs_pointset *p;

    /* no .cpg: not UTF-8, so read as Windows-1252 */
    p = read_ok(&s, NULL);
    ck_assert_str_eq(p->name[0], "Caf\xC3\xA9 \xE2\x82\xAC");
    bs_pointset_free(p);
    free(bs_test_write(dir, "enc.cpg", "1252\n"));
    p = read_ok(&s, NULL);
    ck_assert_str_eq(p->name[0], "Caf\xC3\xA9 \xE2\x82\xAC");
    bs_pointset_free(p);
    free(bs_test_write(dir, "enc.cpg", "EBCDIC"));
    ck_assert_str_eq(read_err(&s, NULL), "enc.cpg: unknown code page 'EBCDIC' "
                     "(buurtscan reads UTF-8 and Windows-1252/ISO-8859-1)");
    free(shp);
}
END_TEST

static Suite *points_suite(void)
{
    Suite *s = suite_create("points");
    TCase *c = tcase_create("csv");
    TCase *h = tcase_create("shapefile");

    tcase_add_checked_fixture(c, setup, teardown);
    tcase_add_test(c, rd_csv_is_read_with_names_kinds_and_lines);
    tcase_add_test(c, semicolons_and_decimal_commas);
    tcase_add_test(c, lon_lat_is_reprojected_to_rd);
    tcase_add_test(c, rd_is_reprojected_to_lon_lat_and_back);
    tcase_add_test(c, missing_coordinate_names_the_line_and_key);
    tcase_add_test(c, coordinate_column_under_another_name_is_named);
    tcase_add_test(c, non_numeric_coordinate_is_an_error);
    tcase_add_test(c, duplicate_key_names_both_lines);
    tcase_add_test(c, empty_key_is_an_error);
    tcase_add_test(c, missing_columns_are_errors);
    tcase_add_test(c, rd_metres_given_as_lon_lat_are_caught);
    tcase_add_test(c, point_proj_cannot_transform_is_named);
    tcase_add_test(c, incomplete_or_contradictory_specs_are_errors);
    tcase_add_test(c, unknown_file_kind_and_missing_file_are_errors);
    suite_add_tcase(s, c);

    tcase_add_checked_fixture(h, setup, teardown);
    tcase_add_test(h, point_shapefile_is_read_with_records);
    tcase_add_test(h, pointz_and_single_multipoints_are_points);
    tcase_add_test(h, shapefile_errors_name_the_record);
    tcase_add_test(h, shapefile_without_prj_needs_a_crs);
    tcase_add_test(h, polygon_shapefile_is_not_a_point_layer);
    tcase_add_test(h, cp1252_dbf_text_becomes_utf8);
    suite_add_tcase(s, h);
    return s;
}

int main(void)
{
    return bs_test_run_suite(points_suite(), 1);
}
