/* test_clusters_national.c: [spatial NAME] through the CLI on the
 * national CBS wijken (issue 15): income_low with queen contiguity built
 * from the polygons; the I is the one test_autocorr computes independently
 * (in Python from GDAL's WKT). Suite national. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

/* The value of a statistic in spatial-NAME-global.csv. */
static double global_value(const char *out, const char *name, const char *stat)
{
    char file[256];
    bs_test_csv c;
    double v;

    snprintf(file, sizeof file, "spatial-%s-global.csv", name);
    bs_test_csv_read(bs_test_path(out, file), &c);
    ck_assert_str_eq(c.head[0], "statistic");
    ck_assert_str_eq(c.head[1], "value");
    v = bs_test_csv_num(&c, bs_test_csv_row(&c, stat), "value");
    bs_test_csv_free(&c);
    return v;
}

START_TEST(test_national_income_low_queen)
{
    /* the national wijken, queen from the polygons: 196 wijken without
     * income_low left out (I from an independent computation in
     * test_autocorr); validate names the islands */
    char *dir = strdup(bs_test_tmpdir());
    char text[16384], shp[4096], err[16384], *ini, *summary;
    const char *out;
    const char *argv[] = {"validate", NULL, NULL};

    snprintf(shp, sizeof shp, "%s",
             bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    snprintf(text, sizeof text,
             "[project]\n"
             "title = NL\n"
             "[areas]\n"
             "shapefile = %s\n"
             "key = code\n"
             "name = name\n"
             "[indicator laaginkomen]\ndirection = +\n"
             "column = income_low\n"
             "[spatial inkomen]\n"
             "column = laaginkomen\n"
             "weights = queen\n", shp);
    ini = bs_test_write(dir, "project.ini", text);
    out = bs_test_run_project(ini, dir);
    ck_assert_double_eq_tol(global_value(out, "inkomen", "moran_i"),
                            0.2711127129941847, 1e-9);
    ck_assert_double_eq_tol(global_value(out, "inkomen", "n"), 3144, 0.5);
    ck_assert_double_eq_tol(global_value(out, "inkomen", "p_permutation"),
                            0.001, 1e-12);
    argv[1] = ini;
    ck_assert_int_eq(bs_test_run_cli(dir, argv, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "2 of 3340 areas have no neighbours"), "%s", err);
    summary = bs_test_cmd("cd '%s' && '%s' validate project.ini 2>/dev/null",
                          dir, getenv("BS_BIN"));
    ck_assert_ptr_nonnull(summary);
    ck_assert_msg(strstr(summary, "spatial   inkomen: 2 islands (no "
                         "neighbours): WK"), "%s", summary);
    ck_assert_msg(strstr(summary, "Moran's I 0.271113"), "%s", summary);
    free(summary);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("clusters_national");
    TCase *tc = tcase_create("national");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_national_income_low_queen);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
