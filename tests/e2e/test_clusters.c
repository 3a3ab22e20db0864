/* test_clusters.c: [spatial NAME] end to end through the CLI (issue 15):
 * Columbus with GeoDa's columbus.gal against the published reference
 * values (references.md), and the [supply] columns per kind and their
 * accessibility (the national run is in test_clusters_national.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/labels.h"
#include "buurtscan/shapefile.h"
#include "testutil.h"

#define NCOL 49

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

static char *columbus_project(const char *dir, const char *extra)
{
    char text[16384], shp[4096], gal[4096];

    snprintf(shp, sizeof shp, "%s",
             bs_test_shared("data/reference/columbus/columbus.shp"));
    snprintf(gal, sizeof gal, "%s",
             bs_test_shared("data/reference/columbus/columbus.gal"));
    snprintf(text, sizeof text,
             "[project]\n"
             "title = Columbus\n"
             "[areas]\n"
             "shapefile = %s\n"
             "key = POLYID\n"
             "crs = EPSG:28992\n"
             "[indicator crime]\ndirection = +\n"
             "column = CRIME\n"
             "[spatial crime]\n"
             "column = crime\n"
             "weights = %s\n"
             "%s", shp, gal, extra);
    return bs_test_write(dir, "project.ini", text);
}

START_TEST(test_columbus_gal_through_the_cli)
{
    /* references.md: CRIME, columbus.gal, row-standardised */
    static const double first5[5] = {0.736818, 0.528777, 0.093851, 0.004821,
                                     0.303606};
    char *dir = strdup(bs_test_tmpdir());
    char *ini = columbus_project(dir, "");
    const char *out = bs_test_run_project(ini, dir);
    double sum = 0, mean = 0, moran_i;
    bs_test_csv c;
    int r, nsig = 0;

    moran_i = global_value(out, "crime", "moran_i");
    ck_assert_double_eq_tol(moran_i, 0.500188557, 1e-9);
    ck_assert_double_eq_tol(global_value(out, "crime", "expected_i"),
                            -1.0 / 48, 1e-10);
    ck_assert_double_eq_tol(global_value(out, "crime", "variance_normality"),
                            0.008563413, 5e-10);
    ck_assert_double_eq_tol(global_value(out, "crime",
                                         "variance_randomisation"),
                            0.008689289, 5e-10);
    ck_assert_double_eq_tol(global_value(out, "crime", "z_normality"),
                            5.630312788, 5e-9);
    ck_assert_double_eq_tol(global_value(out, "crime", "z_randomisation"),
                            5.589382675, 5e-9);
    ck_assert_double_eq_tol(global_value(out, "crime", "n"), 49, 0.5);
    ck_assert_double_eq_tol(global_value(out, "crime", "islands"), 0, 0.5);
    {
        /* 999 permutations of an I with z 5.6: none as large */
        double p = global_value(out, "crime", "p_permutation");
        ck_assert_double_eq_tol(p, 0.001, 1e-12);
    }

    bs_test_csv_read(bs_test_path(out, "spatial-crime.csv"), &c);
    ck_assert_int_eq(c.nrows, NCOL);
    ck_assert_str_eq(c.head[0], "code");
    ck_assert_str_eq(c.head[8], "gi_star_p");
    for (r = 0; r < 5; r++)
        ck_assert_double_eq_tol(bs_test_csv_num(&c, r, "local_i"), first5[r],
                                5e-7);
    for (r = 0; r < NCOL; r++) {
        sum += bs_test_csv_num(&c, r, "local_i");
        mean += bs_test_csv_num(&c, r, "value") / NCOL;
    }
    /* row-standardised: sum of the local I = n I (Anselin 1995) */
    ck_assert_double_eq_tol(sum, NCOL * moran_i, 1e-7);
    /* the cluster words recomputed from the value, its lag and p: with
     * row-standardised weights the lag lies above the mean exactly when
     * the standardised lag is positive */
    for (r = 0; r < NCOL; r++) {
        double v = bs_test_csv_num(&c, r, "value");
        double lag = bs_test_csv_num(&c, r, "lag");
        double p = bs_test_csv_num(&c, r, "p_value");
        const char *cl = c.cell[r][bs_test_csv_col(&c, "cluster")];
        const char *want = p >= 0.05 ? "niet significant"
                           : v > mean && lag > mean ? "hoog-hoog"
                           : v <= mean && lag <= mean ? "laag-laag"
                           : v > mean ? "hoog-laag" : "laag-hoog";
        ck_assert_msg(p > 0 && p <= 0.5, "row %d: p %g", r, p);
        ck_assert_msg(strcmp(cl, want) == 0, "row %d: %s, expected %s", r, cl,
                      want);
        nsig += p < 0.05;
        ck_assert(isfinite(bs_test_csv_num(&c, r, "gi_star_z")));
    }
    ck_assert_int_gt(nsig, 5);
    bs_test_csv_free(&c);
    {
        /* the maps say the permutations and the correction */
        char *t;
        ck_assert_int_eq(bs_test_pdf_pages(bs_test_path(out,
                         "map-spatial-crime-gi.pdf")), 1);
        t = bs_test_page_text(bs_test_path(out, "map-spatial-crime-lisa.pdf"), 1);
        ck_assert_ptr_nonnull(t);
        ck_assert_msg(strstr(t, "hoog-hoog") && strstr(t, "999 permutaties") &&
                      strstr(t, "niet gecorrigeerd"), "%s", t);
        free(t);
    }
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

START_TEST(test_columbus_english_binary_fdr)
{
    /* language = en gives English cluster words; fdr = yes marks no more
     * areas significant than without it; binary weights change I */
    char *dir = strdup(bs_test_tmpdir());
    char *ini = columbus_project(dir, "style = B\nfdr = yes\n");
    const char *out;
    char text[16384];
    bs_test_csv c;
    int r, nsig = 0;

    {
        /* English: language = en in [project] */
        char *t = bs_test_slurp(ini), *at;
        ck_assert_ptr_nonnull(t);
        at = strstr(t, "[areas]\n");
        ck_assert_ptr_nonnull(at);
        *at = '\0';
        snprintf(text, sizeof text, "%slanguage = en\n[areas]\n%s", t, at + 8);
        free(t);
        free(bs_test_write(dir, "project.ini", text));
    }
    out = bs_test_run_project(ini, dir);
    ck_assert(fabs(global_value(out, "crime", "moran_i") - 0.500188557) > 1e-3);
    bs_test_csv_read(bs_test_path(out, "spatial-crime.csv"), &c);
    for (r = 0; r < NCOL; r++) {
        const char *cl = c.cell[r][bs_test_csv_col(&c, "cluster")];
        ck_assert_msg(strcmp(cl, "not significant") == 0 ||
                      strcmp(cl, "high-high") == 0 ||
                      strcmp(cl, "low-low") == 0 ||
                      strcmp(cl, "high-low") == 0 ||
                      strcmp(cl, "low-high") == 0, "%s", cl);
        if (strcmp(cl, "not significant") != 0) {
            nsig++;
            ck_assert(bs_test_csv_num(&c, r, "p_value") < 0.05);
        }
    }
    ck_assert_int_gt(nsig, 0);
    bs_test_csv_free(&c);
    {
        char *g = bs_test_slurp(bs_test_path(out, "spatial-crime-global.csv"));
        ck_assert_ptr_nonnull(g);
        ck_assert_ptr_nonnull(strstr(g, "\nn,49\n"));
        free(g);
    }
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

/* [supply] per kind and accessibility: counts per kind add up to the
 * count of all; distances recomputed here by brute force from the label
 * points (bs_polylabel, as the maps place labels) to every facility of
 * sociale_basis.csv, read with plain text parsing, and the facilities
 * within 1500 m counted the same way. */
START_TEST(test_supply_kinds_and_distances)
{
    static const char *kinds[4] = {"bibliotheek", "buurthuis", "huisarts-poh",
                                   "sportclub"};
    char *dir = strdup(bs_test_tmpdir());
    char text[16384], shp[4096], csv[4096], pts[4096], *ini, *fac, *line;
    double fx[200], fy[200];
    int fk[200], nf = 0, r, k;
    const char *out;
    bs_areas *a;
    bs_error err;
    bs_test_csv c;

    snprintf(shp, sizeof shp, "%s", bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    snprintf(csv, sizeof csv, "%s", bs_test_src("geodata/leeuwarden_illustratief.csv"));
    snprintf(pts, sizeof pts, "%s", bs_test_src("geodata/sociale_basis.csv"));
    snprintf(text, sizeof text,
             "[project]\ntitle = A\n[areas]\nshapefile = %s\nkey = code\n"
             "[data d]\nfile = %s\nkey = code\n"
             "[points basis]\nfile = %s\nkey = code\nkind = soort\nx = x\n"
             "y = y\ncrs = EPSG:28992\n"
             "[supply sb]\npoints = basis\nper = jongeren_0_17\nradius = 1500\n"
             "[indicator all]\ndirection = +\ncolumn = sb\n"
             "[indicator within]\ndirection = +\ncolumn = sb_within\n"
             "[indicator d0]\ndirection = +\ncolumn = sb_bibliotheek_distance\n"
             "[indicator d1]\ndirection = +\ncolumn = sb_buurthuis_distance\n"
             "[indicator d2]\ndirection = +\ncolumn = sb_huisarts-poh_distance\n"
             "[indicator d3]\ndirection = +\ncolumn = sb_sportclub_distance\n"
             "[indicator dall]\ndirection = +\ncolumn = sb_distance\n"
             "[indicator n0]\ndirection = +\ncolumn = sb_bibliotheek\n"
             "[indicator n1]\ndirection = +\ncolumn = sb_buurthuis\n"
             "[indicator n2]\ndirection = +\ncolumn = sb_huisarts-poh\n"
             "[indicator n3]\ndirection = +\ncolumn = sb_sportclub\n"
             "[indicator p3]\ndirection = +\ncolumn = sb_sportclub_per1000\n"
             "[indicator youth]\ndirection = +\ncolumn = jongeren_0_17\n", shp, csv, pts);
    ini = bs_test_write(dir, "project.ini", text);
    out = bs_test_run_project(ini, dir);
    fac = bs_test_slurp(pts);
    ck_assert_ptr_nonnull(fac);
    for (line = strchr(fac, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        char kind[64];
        ck_assert_int_eq(sscanf(line, "%*[^;];%*[^;];%63[^;];%lf;%lf", kind,
                                &fx[nf], &fy[nf]), 3);
        for (fk[nf] = -1, k = 0; k < 4; k++)
            if (strcmp(kind, kinds[k]) == 0)
                fk[nf] = k;
        ck_assert_int_ge(fk[nf], 0);
        nf++;
        if (!strchr(line, '\n'))
            break;
    }
    ck_assert_int_eq(nf, 101);
    ck_assert_int_eq(bs_shapefile_read(shp, NULL, &a, NULL, &err), 0);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    ck_assert_int_eq(c.nrows, (int)a->n);
    for (r = 0; r < c.nrows; r++) {
        double x, y, d, best[5] = {INFINITY, INFINITY, INFINITY, INFINITY,
                                   INFINITY}, sum = 0, near = 0;
        char col[8];
        ck_assert_int_eq(bs_polylabel(a, (size_t)r, 1.0, &x, &y, &d), 0);
        for (int f = 0; f < nf; f++) {
            double e = hypot(fx[f] - x, fy[f] - y);
            if (e < best[fk[f]])
                best[fk[f]] = e;
            if (e < best[4])
                best[4] = e;
            near += e <= 1500;
        }
        for (k = 0; k < 4; k++) {
            snprintf(col, sizeof col, "d%d", k);
            ck_assert_double_eq_tol(bs_test_csv_num(&c, r, col), best[k], 1e-4);
            snprintf(col, sizeof col, "n%d", k);
            sum += bs_test_csv_num(&c, r, col);
        }
        ck_assert_double_eq_tol(bs_test_csv_num(&c, r, "dall"), best[4], 1e-4);
        ck_assert_double_eq_tol(sum, bs_test_csv_num(&c, r, "all"), 1e-9);
        ck_assert_double_eq_tol(bs_test_csv_num(&c, r, "within"), near, 1e-9);
        ck_assert_double_eq_tol(bs_test_csv_num(&c, r, "p3"),
                                1000 * bs_test_csv_num(&c, r, "n3") /
                                bs_test_csv_num(&c, r, "youth"), 1e-6);
    }
    bs_test_csv_free(&c);
    bs_areas_free(a);
    free(fac);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("clusters");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_columbus_gal_through_the_cli);
    tcase_add_test(tc, test_columbus_english_binary_fdr);
    tcase_add_test(tc, test_supply_kinds_and_distances);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
