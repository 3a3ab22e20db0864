/* test_crs.c: CRS checks and reprojection through PROJ. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/crs.h"
#include "buurtscan/shapefile.h"
#include "testutil.h"

/* The Amersfoort origin of RD New, (155000, 463000), is at 52.15517440 N,
 * 5.38720621 E in ETRS89 (the RDNAPTRANS value). PROJ has no RDNAPTRANS
 * grid here (no network, grid not installed), so it uses the EPSG 7-parameter
 * Helmert "Amersfoort to WGS 84 (4)", stated accurate to 1 m; it lands
 * 0.2 m from the published point (2.7e-6 deg lon, 2.1e-6 deg lat). 5e-6 deg
 * allows that and still catches a wrong datum (~100 m) or swapped axes. */
START_TEST(rd_new_origin_to_wgs84_lonlat)
{
    double x = 155000, y = 463000;
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_transform("EPSG:28992", "EPSG:4326", &x, &y, 1,
                                      &err), 0);
    ck_assert_double_eq_tol(x, 5.38720621, 5e-6);
    ck_assert_double_eq_tol(y, 52.15517440, 5e-6);
}
END_TEST

START_TEST(rd_new_round_trip_keeps_millimetres)
{
    double x[3] = { 155000, 13565, 278026 }, y[3] = { 463000, 306846, 619232 };
    double x0[3], y0[3];
    bs_error err = { "" };
    int i;

    memcpy(x0, x, sizeof x);
    memcpy(y0, y, sizeof y);
    ck_assert_int_eq(bs_crs_transform("EPSG:28992", "EPSG:4326", x, y, 3,
                                      &err), 0);
    ck_assert(x[1] > 3 && x[1] < 4 && y[1] > 50 && y[1] < 51);
    ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:28992", x, y, 3,
                                      &err), 0);
    for (i = 0; i < 3; i++) {
        ck_assert_double_eq_tol(x[i], x0[i], 1e-3);
        ck_assert_double_eq_tol(y[i], y0[i], 1e-3);
    }
}
END_TEST

/* Charing Cross, London: 51.5 N, 0.126236 W is about E 530157, N 179576
 * (approximate published position). 25 m covers the source's rounding;
 * a missing OSGB36 datum shift would be ~120 m off. */
START_TEST(wgs84_to_british_national_grid_london)
{
    double x = -0.126236, y = 51.5;
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:27700", &x, &y, 1,
                                      &err), 0);
    ck_assert_double_eq_tol(x, 530157, 25);
    ck_assert_double_eq_tol(y, 179576, 25);
}
END_TEST

/* Ordnance Survey, "A guide to coordinate systems in Great Britain",
 * worked example (Caister water tower): OSGB36 52d39'27.2531"N
 * 1d43'04.5177"E projects to E 651409.903, N 313177.270. */
START_TEST(osgb36_to_national_grid_matches_os_worked_example)
{
    double x = 1 + 43 / 60.0 + 4.5177 / 3600, y = 52 + 39 / 60.0 + 27.2531 / 3600;
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_transform("EPSG:4277", "EPSG:27700", &x, &y, 1,
                                      &err), 0);
    ck_assert_double_eq_tol(x, 651409.903, 1e-3);
    ck_assert_double_eq_tol(y, 313177.270, 1e-3);
}
END_TEST

START_TEST(transform_of_an_unreadable_crs_fails)
{
    double x = 1, y = 2;
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_transform("EPSG:99999", "EPSG:4326", &x, &y, 1,
                                      &err), -1);
    ck_assert_str_eq(err.msg,
                     "PROJ cannot read the CRS 'EPSG:99999': crs not found");
}
END_TEST

START_TEST(transform_of_impossible_points_counts_them)
{
    /* Latitudes beyond the pole cannot be projected. */
    double x[3] = { 5, 5, 6 }, y[3] = { 52, 95, 120 };
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:3857", x, y, 3, &err),
                     -1);
    ck_assert_msg(strstr(err.msg, "could not transform 2 of 3 points") != NULL,
                  "%s", err.msg);
}
END_TEST

START_TEST(check_accepts_epsg_wkt_and_proj_strings)
{
    bs_error err = { "" };
    char *wkt = bs_test_slurp(
        bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.prj"));

    ck_assert_ptr_nonnull(wkt);
    ck_assert_int_eq(bs_crs_check("EPSG:28992", "t", &err), 0);
    ck_assert_int_eq(bs_crs_check(wkt, "t", &err), 0);
    ck_assert_int_eq(bs_crs_check("+proj=longlat +datum=WGS84", "t", &err), 0);
    free(wkt);
}
END_TEST

START_TEST(check_rejects_garbage_naming_the_origin)
{
    bs_error err = { "" };

    ck_assert_int_eq(bs_crs_check("this is not WKT", "wijken.prj", &err), -1);
    ck_assert_str_eq(err.msg, "wijken.prj: PROJ cannot read this CRS: "
                     "unrecognized format / unknown name");
    ck_assert_int_eq(bs_crs_check("PROJCS[\"RD\"", "wijken.prj", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "wijken.prj: PROJ cannot read"));
    ck_assert_int_eq(bs_crs_check("", "crs", &err), -1);
    ck_assert_str_eq(err.msg, "crs: PROJ cannot read this CRS: it is empty");
    /* A PROJ operation is not a CRS. */
    ck_assert_int_eq(bs_crs_check("+proj=pipeline +step +proj=axisswap "
                                  "+order=2,1", "crs", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "not a CRS"));
}
END_TEST

START_TEST(is_geographic_tells_degrees_from_metres)
{
    bs_error err = { "" };
    char *wkt = bs_test_slurp(
        bs_test_shared("data/england-lsoa-2011/lsoa2011_wgs84.prj"));

    ck_assert_int_eq(bs_crs_is_geographic("EPSG:4326", &err), 1);
    ck_assert_int_eq(bs_crs_is_geographic(wkt, &err), 1);
    ck_assert_int_eq(bs_crs_is_geographic("EPSG:28992", &err), 0);
    ck_assert_int_eq(bs_crs_is_geographic("EPSG:27700", &err), 0);
    /* RD New + NAP height: compound, horizontal part projected. */
    ck_assert_int_eq(bs_crs_is_geographic("EPSG:7415", &err), 0);
    ck_assert_int_eq(bs_crs_is_geographic("+proj=longlat +ellps=GRS80", &err),
                     1);
    ck_assert_int_eq(bs_crs_is_geographic("nonsense", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "nonsense"));
    free(wkt);
}
END_TEST

/* Two areas, the second without geometry, in RD New. */
static bs_areas *tiny_areas(void)
{
    bs_areas *a = calloc(1, sizeof *a);

    a->path = strdup("tiny.shp");
    a->n = 2;
    a->record = malloc(2 * sizeof *a->record);
    a->record[0] = 1;
    a->record[1] = 2;
    a->ring_first = malloc(3 * sizeof *a->ring_first);
    a->ring_first[0] = 0;
    a->ring_first[1] = a->ring_first[2] = 1;
    a->nrings = 1;
    a->pt_first = malloc(2 * sizeof *a->pt_first);
    a->pt_first[0] = 0;
    a->pt_first[1] = 4;
    a->npts = 4;
    a->x = malloc(4 * sizeof *a->x);
    a->y = malloc(4 * sizeof *a->y);
    a->x[0] = 155000; a->y[0] = 463000;
    a->x[1] = 156000; a->y[1] = 463000;
    a->x[2] = 155000; a->y[2] = 464000;
    a->x[3] = 155000; a->y[3] = 463000;
    a->crs = strdup("EPSG:28992");
    return a;
}

/* Points that cannot lie on Earth, by the CRS's unit: the WKT root
 * decides without PROJ, EPSG:n through PROJ; the message names the record
 * and the point. */
START_TEST(points_off_the_earth_are_refused)
{
    bs_areas *a = tiny_areas();
    bs_error err;

    ck_assert_int_eq(bs_areas_check_earth(a, &err), 0);       /* RD New */
    free(a->crs);
    a->crs = strdup("PROJCS[\"RD_New\",GEOGCS[\"GCS_Amersfoort\"]]");
    ck_assert_int_eq(bs_areas_check_earth(a, &err), 0);
    /* RD metres under a CRS of degrees */
    free(a->crs);
    a->crs = strdup("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID["
                    "\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\","
                    "0.0],UNIT[\"Degree\",0.0174532925199433]]");
    ck_assert_int_eq(bs_areas_check_earth(a, &err), -1);
    ck_assert_str_eq(err.msg, "tiny.shp: record 1: point (155000, 463000) cannot "
                     "lie on Earth in a CRS of degrees: the CRS is wrong (set "
                     "crs = in [areas]) or the file is damaged");
    free(a->crs);
    a->crs = strdup("EPSG:4326");
    ck_assert_int_eq(bs_areas_check_earth(a, &err), -1);
    /* in degrees: the Netherlands passes; 1e300 in RD New does not */
    a->x[0] = a->x[3] = 5.3; a->y[0] = a->y[3] = 52.1;
    a->x[1] = 5.4; a->y[1] = 52.1;
    a->x[2] = 5.3; a->y[2] = 52.2;
    ck_assert_int_eq(bs_areas_check_earth(a, &err), 0);
    free(a->crs);
    a->crs = strdup("EPSG:28992");
    a->x[2] = 1e300;
    ck_assert_int_eq(bs_areas_check_earth(a, &err), -1);
    ck_assert_msg(strstr(err.msg, "point (1e+300, 52.2) cannot lie on Earth in "
                         "a CRS of metres"), "%s", err.msg);
    a->x[2] = 9e7;                  /* far, but on the projection's plane */
    ck_assert_int_eq(bs_areas_check_earth(a, &err), 0);
    bs_areas_free(a);
}
END_TEST

START_TEST(reproject_areas_moves_points_and_sets_crs)
{
    bs_areas *a = tiny_areas();
    bs_error err = { "" };

    ck_assert_int_eq(bs_areas_reproject(a, "EPSG:4326", &err), 0);
    ck_assert_str_eq(a->crs, "EPSG:4326");
    ck_assert_double_eq_tol(a->x[0], 5.38720621, 5e-6);
    ck_assert_double_eq_tol(a->y[0], 52.15517440, 5e-6);
    ck_assert(a->x[1] > a->x[0]);
    ck_assert(a->y[2] > a->y[0]);
    ck_assert_double_eq(a->x[3], a->x[0]);
    bs_areas_free(a);
}
END_TEST

START_TEST(reproject_to_the_same_crs_leaves_points_alone)
{
    bs_areas *a = tiny_areas();
    bs_error err = { "" };
    char *wkt = bs_test_slurp(
        bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.prj"));

    /* The ESRI WKT of the shipped .prj is RD New too. */
    free(a->crs);
    a->crs = wkt;
    ck_assert_int_eq(bs_areas_reproject(a, "EPSG:28992", &err), 0);
    ck_assert_str_eq(a->crs, "EPSG:28992");
    ck_assert(a->x[1] == 156000 && a->y[2] == 464000);
    bs_areas_free(a);
}
END_TEST

START_TEST(failed_reproject_leaves_areas_unchanged)
{
    bs_areas *a = tiny_areas();
    bs_error err = { "" };
    size_t i;

    free(a->crs);
    a->crs = strdup("EPSG:4326");
    for (i = 0; i < a->npts; i++) {
        a->x[i] = 5 + (a->x[i] - 155000) / 1e5;
        a->y[i] = 52 + (a->y[i] - 463000) / 1e5;
    }
    a->y[1] = 95;   /* beyond the pole */
    ck_assert_int_eq(bs_areas_reproject(a, "EPSG:3857", &err), -1);
    ck_assert_msg(strstr(err.msg, "tiny.shp: PROJ could not transform 1 of 4 "
                         "points") == err.msg, "%s", err.msg);
    ck_assert_str_eq(a->crs, "EPSG:4326");
    ck_assert(a->x[0] == 5 && a->y[0] == 52 && a->y[1] == 95);
    ck_assert_int_eq(bs_areas_reproject(a, "bogus", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "'bogus'"));
    bs_areas_free(a);
}
END_TEST

/* Large transforms are split over threads, one PROJ context and
 * transformation each. The result must be that of one piece, bit for bit:
 * here all of England's LSOA points at once against the same points sent
 * in pieces of 60,000 (too few to be split). On a single-core machine both
 * run in one thread and the test shows nothing. */
START_TEST(split_transform_equals_the_one_piece_transform_bit_for_bit)
{
    bs_areas *a = NULL;
    bs_error err = { "" };
    double *x, *y;
    size_t i, n;

    ck_assert_msg(bs_shapefile_read(bs_test_shared(
                      "data/england-lsoa-2011/lsoa2011_wgs84.shp"), NULL, &a,
                      NULL, &err) == 0, "%s", err.msg);
    n = a->npts;
    ck_assert_uint_gt(n, 1000000);
    x = malloc(n * sizeof *x);
    y = malloc(n * sizeof *y);
    memcpy(x, a->x, n * sizeof *x);
    memcpy(y, a->y, n * sizeof *y);
    ck_assert_int_eq(bs_areas_reproject(a, "EPSG:27700", &err), 0);
    for (i = 0; i < n; i += 60000) {
        size_t m = n - i < 60000 ? n - i : 60000;
        ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:27700", x + i,
                                          y + i, m, &err), 0);
    }
    ck_assert_mem_eq(x, a->x, n * sizeof *x);
    ck_assert_mem_eq(y, a->y, n * sizeof *y);
    /* and it is British National Grid: England within 0..700 km E. */
    for (i = 0; i < n; i += 9973)
        ck_assert(x[i] > 50000 && x[i] < 700000 && y[i] > 0 && y[i] < 700000);
    free(x);
    free(y);
    bs_areas_free(a);
}
END_TEST

START_TEST(impossible_points_are_counted_in_every_share)
{
    size_t n = 400001, i;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    bs_error err = { "" };

    for (i = 0; i < n; i++) {
        x[i] = -5 + 10.0 * (double)(i % 1000) / 1000;
        y[i] = 50 + 5.0 * (double)(i / 1000) / 400;
    }
    y[0] = y[n / 2] = y[n - 1] = 95;   /* beyond the pole */
    ck_assert_int_eq(bs_crs_transform("EPSG:4326", "EPSG:3857", x, y, n,
                                      &err), -1);
    ck_assert_msg(strstr(err.msg, "could not transform 3 of 400001 points")
                  != NULL, "%s", err.msg);
    ck_assert(isfinite(x[1]) && fabs(x[1]) > 1000);   /* the rest moved */
    free(x);
    free(y);
}
END_TEST


static double seg_dist(double px, double py, double ax, double ay, double bx,
                       double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0)
        t = fmax(0, fmin(1, ((px - ax) * dx + (py - ay) * dy) / l2));
    return hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/* Simplifying in degrees and reprojecting only the points kept must keep
 * every dropped point within the tolerance once both are in the map's CRS,
 * measured here against the full-detail rings reprojected: in British
 * National Grid, and in Web Mercator, which stretches London by 1.6 (a
 * tolerance taken as metres on the ground would miss by that much). The
 * budget must also be used: some point must move by more than half of it. */
static void check_simplify_to(const char *to, double tol)
{
    bs_areas *a = NULL, *s = NULL;
    bs_error err = { "" };
    unsigned char *keep;
    double *x, *y, worst = 0;
    size_t i, r, k;

    ck_assert_msg(bs_shapefile_read(bs_test_shared(
                      "data/england-lsoa-2011/lsoa2011_wgs84.shp"), NULL, &a,
                      NULL, &err) == 0, "%s", err.msg);
    keep = calloc(a->n, 1);
    for (i = 0; i < a->n && i < 3000; i++)
        keep[i] = 1;
    ck_assert_int_eq(bs_areas_keep(a, keep, &err), 0);
    free(keep);
    ck_assert_msg(bs_areas_simplify_to(a, to, tol, &s, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(s->crs, to);
    ck_assert_uint_eq(s->nrings, a->nrings);
    ck_assert_uint_lt(s->npts, a->npts * 6 / 10);
    x = malloc(a->npts * sizeof *x);
    y = malloc(a->npts * sizeof *y);
    memcpy(x, a->x, a->npts * sizeof *x);
    memcpy(y, a->y, a->npts * sizeof *y);
    ck_assert_int_eq(bs_crs_transform(a->crs, to, x, y, a->npts, &err), 0);
    for (r = 0; r < a->nrings; r++) {
        size_t s0 = s->pt_first[r], s1 = s->pt_first[r + 1];
        for (k = a->pt_first[r]; k < a->pt_first[r + 1]; k++) {
            double best = INFINITY;
            for (size_t q = s0; q < s1; q++) {
                size_t q2 = q + 1 < s1 ? q + 1 : s0;
                best = fmin(best, seg_dist(x[k], y[k], s->x[q], s->y[q],
                                           s->x[q2], s->y[q2]));
            }
            worst = fmax(worst, best);
        }
    }
    /* snapping may move a point by a thousandth of the tolerance */
    ck_assert_msg(worst <= tol * 1.001, "%s: a point %.3f from the border, "
                  "tolerance %.3f", to, worst, tol);
    ck_assert_msg(worst > tol * 0.5, "%s: largest move %.3f of %.3f", to,
                  worst, tol);
    free(x);
    free(y);
    bs_areas_free(s);
    bs_areas_free(a);
}

START_TEST(simplify_to_keeps_the_tolerance_in_the_map_crs)
{
    check_simplify_to("EPSG:27700", 100);
    check_simplify_to("EPSG:3857", 100);
}
END_TEST

START_TEST(bbox_in_matches_the_reprojected_box)
{
    bs_areas *a = NULL;
    bs_error err = { "" };
    double box[4], full[4];

    ck_assert_msg(bs_shapefile_read(bs_test_shared(
                      "data/england-lsoa-2011/lsoa2011_wgs84.shp"), NULL, &a,
                      NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(bs_areas_bbox_in(a, "EPSG:27700", box, &err), 0);
    ck_assert_int_eq(bs_areas_reproject(a, "EPSG:27700", &err), 0);
    ck_assert_int_eq(bs_areas_bbox(a, full), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(fabs(box[i] - full[i]) < 0.01, "side %d: %.3f against "
                      "%.3f", i, box[i], full[i]);
    bs_areas_free(a);
}
END_TEST

START_TEST(equivalent_tells_the_same_crs_in_other_words)
{
    bs_error err = { "" };
    char *wkt = bs_test_slurp(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.prj"));

    ck_assert_ptr_nonnull(wkt);
    ck_assert_int_eq(bs_crs_equivalent("EPSG:28992", wkt, &err), 1);
    ck_assert_int_eq(bs_crs_equivalent("EPSG:4326", "EPSG:27700", &err), 0);
    ck_assert_int_eq(bs_crs_equivalent("EPSG:4326", "no such crs", &err), -1);
    ck_assert_msg(strstr(err.msg, "no such crs") != NULL, "%s", err.msg);
    free(wkt);
}
END_TEST

static Suite *crs_suite(void)
{
    Suite *s = suite_create("crs");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, rd_new_origin_to_wgs84_lonlat);
    tcase_add_test(tc, rd_new_round_trip_keeps_millimetres);
    tcase_add_test(tc, wgs84_to_british_national_grid_london);
    tcase_add_test(tc, osgb36_to_national_grid_matches_os_worked_example);
    tcase_add_test(tc, transform_of_an_unreadable_crs_fails);
    tcase_add_test(tc, transform_of_impossible_points_counts_them);
    tcase_add_test(tc, check_accepts_epsg_wkt_and_proj_strings);
    tcase_add_test(tc, check_rejects_garbage_naming_the_origin);
    tcase_add_test(tc, is_geographic_tells_degrees_from_metres);
    tcase_add_test(tc, points_off_the_earth_are_refused);
    tcase_add_test(tc, reproject_areas_moves_points_and_sets_crs);
    tcase_add_test(tc, reproject_to_the_same_crs_leaves_points_alone);
    tcase_add_test(tc, failed_reproject_leaves_areas_unchanged);
    tcase_add_test(tc, simplify_to_keeps_the_tolerance_in_the_map_crs);
    tcase_add_test(tc, equivalent_tells_the_same_crs_in_other_words);
    suite_add_tcase(s, tc);
    TCase *nat = bs_test_national(s);
    tcase_add_test(nat, split_transform_equals_the_one_piece_transform_bit_for_bit);
    tcase_add_test(nat, impossible_points_are_counted_in_every_share);
    tcase_add_test(nat, bbox_in_matches_the_reprojected_box);
    return s;
}

int main(void)
{
    return bs_test_run_suite(crs_suite(), 1);
}
