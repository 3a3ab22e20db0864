/* test_vector_inputs.c: point layers from a GeoPackage (RD New) and an RFC
 * 7946 GeoJSON (WGS84), made with ogr2ogr from the demo's CSV files, give
 * the same scores, supply, designation and priorities as the CSV files;
 * a bad feature stops the run with its number and writes nothing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* A project on the demo's wijken, with the two point layers given by
 * ikc and basis (each the lines of its [points] section before key). */
static char *project(const char *name, const char *ikc, const char *basis)
{
    char text[4096];
    const char *g = bs_test_src("geodata");
    char geo[1024];

    snprintf(geo, sizeof geo, "%s", g);
    snprintf(text, sizeof text,
             "[project]\ntitle = t\n"
             "[areas]\nshapefile = %s/leeuwarden_wijken_2022.shp\nkey = code\n"
             "name = name\n"
             "[data illustratief]\nfile = %s/leeuwarden_illustratief.csv\n"
             "key = code\n"
             "[indicator armoede]\ncolumn = income_low\ndirection = +\n"
             "[indicator jeugdhulp]\nformula = 100 * jeugdhulp / jongeren_0_17\n"
             "direction = +\n"
             "[points ikc]\n%s\nkey = code\nname = naam\n"
             "[points basis]\n%s\nkey = code\nname = naam\nkind = soort\n"
             "[supply sociale_basis]\npoints = basis\n"
             "kinds = sportclub bibliotheek buurthuis huisarts-poh\n"
             "per = jongeren_0_17\n"
             "[designate plus-ikc]\npoints = ikc\ntop = 10\n"
             "previous = %s/plus_ikc_vorige.csv\nkeep_until_rank = 13\n"
             "[prioritise scan]\nneed = score\nsupply = sociale_basis_per1000\n"
             "[map score]\ncolumn = score\nclasses = 5\nmethod = quantile\n"
             "palette = YlOrRd\nformat = pdf\n", geo, geo, ikc, basis, geo);
    return bs_test_write(dir, name, text);
}

static void ogr2ogr(const char *args)
{
    char *out = bs_test_cmd("ogr2ogr %s 2>&1", args);

    ck_assert_msg(out != NULL, "ogr2ogr %s failed", args);
    free(out);
}

static void assert_same_file(const char *a, const char *b)
{
    char *x = bs_test_slurp(a), *y = bs_test_slurp(b);

    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(y);
    ck_assert_msg(strcmp(x, y) == 0, "%s and %s differ", a, b);
    free(x);
    free(y);
}

START_TEST(gpkg_and_geojson_points_give_the_csv_results)
{
    char args[2048], csv_ikc[1024], csv_basis[1024], a[1200], b[1200];
    char *p1, *p2, out1[1024], out2[1024];
    const char *files[] = { "scores.csv", "designation-plus-ikc.csv",
                            "priorities-scan.csv" };
    size_t i;

    snprintf(args, sizeof args, "-f GPKG '%s/ikc.gpkg' '%s' -nln ikc "
             "-oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:28992",
             dir, bs_test_src("geodata/ikc.csv"));
    ogr2ogr(args);
    snprintf(args, sizeof args, "-f GeoJSON -lco RFC7946=YES "
             "'%s/basis.geojson' '%s' -oo X_POSSIBLE_NAMES=x "
             "-oo Y_POSSIBLE_NAMES=y -s_srs EPSG:28992 -t_srs EPSG:4326", dir,
             bs_test_src("geodata/sociale_basis.csv"));
    ogr2ogr(args);
    snprintf(csv_ikc, sizeof csv_ikc, "file = %s\nx = x\ny = y\n"
             "crs = EPSG:28992", bs_test_src("geodata/ikc.csv"));
    snprintf(csv_basis, sizeof csv_basis, "file = %s\nx = x\ny = y\n"
             "crs = EPSG:28992", bs_test_src("geodata/sociale_basis.csv"));
    p1 = project("csv.ini", csv_ikc, csv_basis);
    snprintf(a, sizeof a, "file = %s/ikc.gpkg", dir);
    snprintf(b, sizeof b, "file = %s/basis.geojson", dir);
    p2 = project("vector.ini", a, b);
    snprintf(out1, sizeof out1, "%s", bs_test_run_project(p1, dir));
    snprintf(out2, sizeof out2, "%s/out-vector", dir);
    {
        const char *argv[] = { "-q", "run", p2, "-o", out2, NULL };
        char err[2048] = "";
        ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s",
                      err);
    }
    for (i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(a, sizeof a, "%s/%s", out1, files[i]);
        snprintf(b, sizeof b, "%s/%s", out2, files[i]);
        assert_same_file(a, b);
    }
    free(p1);
    free(p2);
}
END_TEST

START_TEST(a_bad_feature_stops_the_run_and_nothing_is_written)
{
    char *pts = bs_test_write(dir, "ikc.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"IKC01\",\"naam\":"
        "\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
        "[5.79,53.2]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"IKC02\",\"naam\":"
        "\"b\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[5.79,53.2],[5.8,53.2],[5.8,53.21],[5.79,53.2]]]}}]}");
    char ikc[1024], basis[1024], out[1024], err[2048] = "", want[1200];
    char *p;
    const char *argv[] = { "-q", "run", NULL, "-o", out, NULL };

    snprintf(ikc, sizeof ikc, "file = %s", pts);
    snprintf(basis, sizeof basis, "file = %s\nx = x\ny = y\ncrs = EPSG:28992",
             bs_test_src("geodata/sociale_basis.csv"));
    p = project("bad.ini", ikc, basis);
    argv[2] = p;
    snprintf(out, sizeof out, "%s/out-bad", dir);
    ck_assert_int_eq(bs_test_run_cli(dir, argv, err, sizeof err), 1);
    snprintf(want, sizeof want, "%s: feature 2: a POLYGON geometry in a point "
             "layer", pts);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    ck_assert_int_eq(bs_test_count_entries(out), -1);
    free(pts);
    free(p);
}
END_TEST

/* Without buurtscan's GDAL module (BUURTSCAN_MODULE_DIR names an empty
 * folder), a project with a GeoJSON layer is refused by validate and run
 * alike, naming the file and the module; a project on shapefiles and CSV
 * runs as before, since it never opens GDAL, and its manifest says so. */
START_TEST(without_the_gdal_module_only_gdal_files_fail)
{
    char *pts = bs_test_write(dir, "ikc.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"IKC01\",\"naam\":"
        "\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
        "[5.79,53.2]}}]}");
    char ikc[1024], basis[1024], out[1024], err[4096] = "", want[1200];
    char empty[1024], *p, *q, *manifest;
    const char *argv[] = { "-q", "run", NULL, "-o", out, NULL };
    const char *check[] = { "-q", "validate", NULL, NULL };

    snprintf(empty, sizeof empty, "%s/no-module", dir);
    ck_assert_int_eq(mkdir(empty, 0777), 0);
    setenv("BUURTSCAN_MODULE_DIR", empty, 1);
    snprintf(ikc, sizeof ikc, "file = %s", pts);
    snprintf(basis, sizeof basis, "file = %s\nx = x\ny = y\ncrs = EPSG:28992",
             bs_test_src("geodata/sociale_basis.csv"));
    p = project("gdal.ini", ikc, basis);
    snprintf(want, sizeof want, "%s: reading and writing GeoPackage, GeoJSON "
             "and FlatGeobuf needs buurtscan's GDAL module, which cannot be "
             "loaded: %s/buurtscan-gdal.so", pts, empty);
    check[2] = p;
    ck_assert_int_eq(bs_test_run_cli(dir, check, err, sizeof err), 1);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    argv[2] = p;
    snprintf(out, sizeof out, "%s/out-gdal", dir);
    err[0] = '\0';
    ck_assert_int_eq(bs_test_run_cli(dir, argv, err, sizeof err), 1);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    ck_assert_int_eq(bs_test_count_entries(out), -1);

    snprintf(ikc, sizeof ikc, "file = %s\nx = x\ny = y\ncrs = EPSG:28992",
             bs_test_src("geodata/ikc.csv"));
    q = project("csv.ini", ikc, basis);
    argv[2] = q;
    snprintf(out, sizeof out, "%s/out-csv", dir);
    err[0] = '\0';
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    manifest = bs_test_slurp(bs_test_path(out, "manifest.json"));
    ck_assert_ptr_nonnull(manifest);
    ck_assert_msg(strstr(manifest, "\"GDAL\": \"not used in this run\"")
                  != NULL, "%s", manifest);
    free(manifest);
    free(pts);
    free(p);
    free(q);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("vector_inputs");
    TCase *tc = tcase_create("run");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, gpkg_and_geojson_points_give_the_csv_results);
    tcase_add_test(tc, a_bad_feature_stops_the_run_and_nothing_is_written);
    tcase_add_test(tc, without_the_gdal_module_only_gdal_files_fail);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
