/* test_reproject.c: maps of areas delivered in another CRS than the map's.
 *
 * When only [map]s draw the areas, the job simplifies them for print in
 * their own CRS and reprojects only the points kept (job.c, write.c); with
 * a point layer (or a report) it reprojects them all first, as before. The
 * two roads must give the same map: here 981 London LSOAs, delivered in
 * WGS84 and drawn in British National Grid, once each way. The second
 * project differs only by a point layer that no map draws. */
#include <cairo.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static char *project(const char *dir, const char *name, int with_points)
{
    char text[12288], shp[4096], csv[4096], pts[512] = "";

    snprintf(shp, sizeof shp, "%s",
             bs_test_shared("data/england-lsoa-2011/lsoa2011_wgs84.shp"));
    snprintf(csv, sizeof csv, "%s",
             bs_test_shared("data/england-lsoa-2011/imd2019_domain_ranks.csv"));
    if (with_points) {
        free(bs_test_write(dir, "pts.csv", "id,lon,lat\nbank,-0.0886,51.5133\n"));
        snprintf(pts, sizeof pts, "[points ref]\nfile = pts.csv\nkey = id\n"
                 "lon = lon\nlat = lat\n");
    }
    snprintf(text, sizeof text,
             "[project]\ntitle = London\ncrs = EPSG:27700\ndate = 2019-09-26\n"
             "[areas]\nshapefile = %s\nkey = code\nselect = E01000*\n"
             "source = ONS\n"
             "[data imd]\nfile = %s\nkey = lsoa11cd\nsource = MHCLG\n"
             "[indicator income]\ncolumn = income_rank\ndirection = -\n"
             "[indicator health]\ncolumn = health_rank\ndirection = -\n"
             "%s"
             "[map score]\nclasses = 5\nmethod = quantile\npalette = YlOrRd\n"
             "paper = A4 portrait\nformat = png\ndpi = 150\n",
             shp, csv, pts);
    return bs_test_write(dir, name, text);
}

/* Runs the project (not quietly) into dir/OUT; returns its messages. */
static char *run(const char *dir, const char *ini, const char *out)
{
    static char msg[16384];
    const char *argv[] = { "run", ini, "-o", out, NULL };

    ck_assert_msg(bs_test_run_cli(dir, argv, msg, sizeof msg) == 0, "%s", msg);
    return msg;
}

START_TEST(test_simplified_before_reprojecting_draws_the_same_map)
{
    char *dir = strdup(bs_test_tmpdir());
    char *a = project(dir, "a.ini", 0), *b = project(dir, "b.ini", 1);
    char *msg, *csv_a, *csv_b, pa[4200], pb[4200];
    cairo_surface_t *ia, *ib;
    int w, h, sa, sb, x, y;
    long differ = 0;
    unsigned char *da, *db;

    msg = run(dir, a, "A");
    ck_assert_msg(strstr(msg, "reprojecting") == NULL, "%s", msg);
    ck_assert_msg(strstr(msg, "simplified the borders") != NULL, "%s", msg);
    msg = run(dir, b, "B");
    ck_assert_msg(strstr(msg, "reprojecting 981 areas") != NULL, "%s", msg);
    /* the same classes and counts */
    csv_a = bs_test_slurp(bs_test_path(dir, "A/map-score.csv"));
    csv_b = bs_test_slurp(bs_test_path(dir, "B/map-score.csv"));
    ck_assert_ptr_nonnull(csv_a);
    ck_assert_ptr_nonnull(csv_b);
    ck_assert_str_eq(csv_a, csv_b);
    /* and the same picture, up to the odd edge pixel: the two roads keep
     * slightly different points within the same 0.1 mm */
    snprintf(pa, sizeof pa, "%s", bs_test_path(dir, "A/map-score.png"));
    snprintf(pb, sizeof pb, "%s", bs_test_path(dir, "B/map-score.png"));
    ia = cairo_image_surface_create_from_png(pa);
    ib = cairo_image_surface_create_from_png(pb);
    ck_assert_int_eq(cairo_surface_status(ia), CAIRO_STATUS_SUCCESS);
    ck_assert_int_eq(cairo_surface_status(ib), CAIRO_STATUS_SUCCESS);
    w = cairo_image_surface_get_width(ia);
    h = cairo_image_surface_get_height(ia);
    ck_assert_int_eq(w, cairo_image_surface_get_width(ib));
    ck_assert_int_eq(h, cairo_image_surface_get_height(ib));
    da = cairo_image_surface_get_data(ia);
    db = cairo_image_surface_get_data(ib);
    sa = cairo_image_surface_get_stride(ia);
    sb = cairo_image_surface_get_stride(ib);
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            uint32_t pxa, pxb;
            memcpy(&pxa, da + (size_t)y * sa + 4 * (size_t)x, 4);
            memcpy(&pxb, db + (size_t)y * sb + 4 * (size_t)x, 4);
            for (int c = 0; c < 24; c += 8) {
                int d = (int)((pxa >> c) & 0xff) - (int)((pxb >> c) & 0xff);
                if (d > 48 || d < -48) {
                    differ++;
                    break;
                }
            }
        }
    ck_assert_msg(differ * 1000 < (long)w * h, "%ld of %d pixels differ", differ,
                  w * h);
    cairo_surface_destroy(ia);
    cairo_surface_destroy(ib);
    free(csv_a);
    free(csv_b);
    free(a);
    free(b);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("reproject");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_simplified_before_reprojecting_draws_the_same_map);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
