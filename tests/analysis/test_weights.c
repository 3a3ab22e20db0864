/* test_weights.c: spatial weights: queen and rook contiguity on squares
 * (corners, shared edges, snap, islands, multipolygons, holes) and on the
 * Columbus polygons against columbus.gal link for link; the weight
 * constants S0, S1, S2 of the references; k nearest neighbours and distance
 * bands on points; styles, subsets and the checks of neighbour lists. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/gal.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/contiguity.h"
#include "testutil.h"

/* ---- area sets in memory ---- */

static bs_areas *areas_new(void)
{
    bs_areas *a = calloc(1, sizeof *a);

    ck_assert_ptr_nonnull(a);
    a->path = strdup("test.shp");
    a->ring_first = calloc(1, sizeof *a->ring_first);
    a->pt_first = calloc(1, sizeof *a->pt_first);
    a->crs = strdup("EPSG:28992");
    return a;
}

static void area_begin(bs_areas *a)
{
    a->n++;
    a->ring_first = realloc(a->ring_first, (a->n + 1) * sizeof *a->ring_first);
    a->record = realloc(a->record, a->n * sizeof *a->record);
    a->ring_first[a->n] = a->nrings;
    a->record[a->n - 1] = (long)a->n;
}

static void ring_add(bs_areas *a, const double *xy, size_t np)
{
    size_t k;

    a->x = realloc(a->x, (a->npts + np + 1) * sizeof *a->x);
    a->y = realloc(a->y, (a->npts + np + 1) * sizeof *a->y);
    for (k = 0; k < np; k++) {
        a->x[a->npts + k] = xy[2 * k];
        a->y[a->npts + k] = xy[2 * k + 1];
    }
    a->npts += np;
    a->nrings++;
    a->pt_first = realloc(a->pt_first, (a->nrings + 1) * sizeof *a->pt_first);
    a->pt_first[a->nrings] = a->npts;
    a->ring_first[a->n] = a->nrings;
}

/* A closed square ring with corner (x0, y0) and side s, clockwise. */
static void square(bs_areas *a, double x0, double y0, double s)
{
    double xy[] = {x0, y0, x0, y0 + s, x0 + s, y0 + s, x0 + s, y0, x0, y0};

    ring_add(a, xy, 5);
}

/* A rows x cols block of unit squares, area r * cols + c at (c, r). */
static bs_areas *lattice(int rows, int cols)
{
    bs_areas *a = areas_new();
    int r, c;

    for (r = 0; r < rows; r++)
        for (c = 0; c < cols; c++) {
            area_begin(a);
            square(a, c, r, 1);
        }
    return a;
}

static int linked(const bs_weights *w, size_t i, size_t j)
{
    size_t k;

    for (k = w->first[i]; k < w->first[i + 1]; k++)
        if (w->nb[k] == j)
            return 1;
    return 0;
}

static bs_weights *contiguity(const bs_areas *a, bs_contiguity kind,
                              double snap)
{
    bs_weights *w;
    bs_error err;

    if (bs_weights_contiguity(a, kind, snap, &w, &err) != 0)
        ck_abort_msg("%s", err.msg);
    return w;
}

/* ---- contiguity on squares ---- */

START_TEST(queen_counts_corners_and_rook_only_edges)
{
    bs_areas *a = lattice(3, 3);
    bs_weights *q = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    bs_weights *r = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    size_t i, j;

    /* 3 x 3: rook 12 edges = 24 links, queen adds 8 diagonals = 40 */
    ck_assert_uint_eq(r->nlinks, 24);
    ck_assert_uint_eq(q->nlinks, 40);
    for (i = 0; i < 9; i++)
        for (j = 0; j < 9; j++) {
            int dr = abs((int)(i / 3) - (int)(j / 3));
            int dc = abs((int)(i % 3) - (int)(j % 3));

            ck_assert_int_eq(linked(q, i, j), i != j && dr <= 1 && dc <= 1);
            ck_assert_int_eq(linked(r, i, j), dr + dc == 1);
        }
    ck_assert(q->symmetric && r->symmetric);
    ck_assert_uint_eq(q->nislands, 0);
    ck_assert_int_eq(q->style, BS_WEIGHTS_BINARY);
    bs_weights_free(q);
    bs_weights_free(r);
    bs_areas_free(a);
}
END_TEST

START_TEST(islands_are_listed_and_get_no_neighbours)
{
    bs_areas *a = lattice(1, 2);
    bs_weights *w;

    area_begin(a);                 /* area 2: far away */
    square(a, 10, 10, 1);
    area_begin(a);                 /* area 3: no geometry */
    w = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    ck_assert_uint_eq(w->nislands, 2);
    ck_assert_uint_eq(w->islands[0], 2);
    ck_assert_uint_eq(w->islands[1], 3);
    ck_assert_uint_eq(w->first[3] - w->first[2], 0);
    ck_assert_uint_eq(w->first[4] - w->first[3], 0);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    ck_assert(w->w[0] == 1.0);     /* 0 -> 1, its only neighbour */
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(snap_joins_borders_that_do_not_quite_meet)
{
    bs_areas *a = areas_new();
    bs_weights *w;

    area_begin(a);
    square(a, 0, 0, 1);
    area_begin(a);                 /* 0.003 to the right of area 0 */
    square(a, 1.003, 0, 1);
    area_begin(a);                 /* touches area 1's corner diagonally,
                                      0.003 off on both axes: 0.0042 away */
    square(a, 2.006, 1.003, 1);
    w = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    ck_assert_uint_eq(w->nlinks, 0);
    ck_assert_uint_eq(w->nislands, 3);
    bs_weights_free(w);
    w = contiguity(a, BS_CONTIGUITY_ROOK, 0.004);
    ck_assert_uint_eq(w->nlinks, 2);            /* 0 - 1 */
    ck_assert(linked(w, 0, 1) && linked(w, 1, 0));
    bs_weights_free(w);
    w = contiguity(a, BS_CONTIGUITY_QUEEN, 0.004);
    ck_assert_uint_eq(w->nlinks, 2);            /* the corner is too far */
    bs_weights_free(w);
    w = contiguity(a, BS_CONTIGUITY_QUEEN, 0.005);
    ck_assert_uint_eq(w->nlinks, 4);            /* now it is not */
    ck_assert(linked(w, 1, 2) && !linked(w, 0, 2));
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(rings_of_one_area_do_not_make_it_its_own_neighbour)
{
    bs_areas *a = areas_new();
    double hole[] = {1, 1, 2, 1, 2, 2, 1, 2, 1, 1};
    bs_weights *w;

    /* area 0: two touching squares (a multipolygon) and a square with a
     * hole; area 1 fills the hole exactly (an enclave) */
    area_begin(a);
    square(a, 0, 10, 1);
    square(a, 1, 10, 1);
    square(a, 0, 0, 3);
    ring_add(a, hole, 5);
    area_begin(a);
    square(a, 1, 1, 1);
    w = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    ck_assert_uint_eq(w->nlinks, 2);
    ck_assert(linked(w, 0, 1) && linked(w, 1, 0));
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(a_vertex_on_the_other_side_still_shares_the_border)
{
    bs_areas *a = areas_new();
    /* area 1's left side has an extra vertex at (1, 0.5) that area 0's
     * right side lacks; they still share (1, 0) - (1, 1)'s end points, so
     * queen links them, and rook does not (no segment in common) */
    double b[] = {1, 0, 1, 0.5, 1, 1, 2, 1, 2, 0, 1, 0};
    bs_weights *w;

    area_begin(a);
    square(a, 0, 0, 1);
    area_begin(a);
    ring_add(a, b, 6);
    w = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    ck_assert_uint_eq(w->nlinks, 2);
    bs_weights_free(w);
    w = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    ck_assert_uint_eq(w->nlinks, 0);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(contiguity_errors_name_the_record)
{
    bs_areas *a = lattice(1, 2);
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(bs_weights_contiguity(a, BS_CONTIGUITY_QUEEN, -1, &w,
                                           &err), -1);
    ck_assert_str_eq(err.msg, "test.shp: snap must be 0 or more (it is -1)");
    a->y[7] = NAN;                 /* area 2, point 3 */
    ck_assert_int_eq(bs_weights_contiguity(a, BS_CONTIGUITY_QUEEN, 0, &w,
                                           &err), -1);
    ck_assert_str_eq(err.msg, "test.shp: record 2: point 3 is not a finite "
                     "number");
    ck_assert_ptr_null(w);
    bs_areas_free(a);
}
END_TEST

/* ---- Columbus ---- */

static bs_areas *columbus(void)
{
    bs_areas *a;
    bs_error err;

    /* the shapefile has no .prj; its units are not metres, any CRS will do
     * for contiguity */
    if (bs_shapefile_read(bs_test_shared("data/reference/columbus/"
                                         "columbus.shp"),
                          "EPSG:28992", &a, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    ck_assert_uint_eq(a->n, 49);
    return a;
}

static bs_weights *columbus_gal(const bs_areas *a)
{
    long col = bs_table_find(a->attrs, "POLYID");
    bs_weights *w;
    bs_error err;

    ck_assert_int_ge(col, 0);
    if (bs_weights_read(bs_test_shared("data/reference/columbus/columbus.gal"),
                        (const char *const *)a->attrs->cells[col], a->n, &w,
                        NULL, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    return w;
}

START_TEST(queen_from_columbus_polygons_equals_columbus_gal)
{
    bs_areas *a = columbus();
    bs_weights *q = contiguity(a, BS_CONTIGUITY_QUEEN, 0), *g = columbus_gal(a);
    size_t i;

    ck_assert_uint_eq(g->nlinks, 236);
    ck_assert_uint_eq(q->nlinks, 236);
    for (i = 0; i <= 49; i++)
        ck_assert_uint_eq(q->first[i], g->first[i]);
    for (i = 0; i < 236; i++)
        ck_assert_uint_eq(q->nb[i], g->nb[i]);
    ck_assert_uint_eq(q->nislands, 0);
    ck_assert(q->symmetric);
    bs_weights_free(q);
    bs_weights_free(g);
    bs_areas_free(a);
}
END_TEST

START_TEST(rook_from_columbus_has_200_links_all_of_them_queen_links)
{
    bs_areas *a = columbus();
    bs_weights *q = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    bs_weights *r = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    size_t i, k;

    ck_assert_uint_eq(r->nlinks, 200);
    ck_assert(r->symmetric);
    for (i = 0; i < 49; i++)
        for (k = r->first[i]; k < r->first[i + 1]; k++)
            ck_assert(linked(q, i, r->nb[k]));
    bs_weights_free(q);
    bs_weights_free(r);
    bs_areas_free(a);
}
END_TEST

START_TEST(columbus_weight_constants_match_the_references)
{
    bs_areas *a = columbus();
    bs_weights *q = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    bs_weights *r = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    double s0, s1, s2;

    bs_weights_set_style(q, BS_WEIGHTS_ROW);
    bs_weights_sums(q, &s0, &s1, &s2);
    ck_assert_double_eq_tol(s0, 49, 1e-12);
    ck_assert_double_eq_tol(s1, 22.751186697, 5e-9);
    ck_assert_double_eq_tol(s2, 203.709098639, 5e-9);
    bs_weights_set_style(r, BS_WEIGHTS_ROW);
    bs_weights_sums(r, &s0, &s1, &s2);
    ck_assert_double_eq_tol(s1, 25.778253968, 5e-9);
    ck_assert_double_eq_tol(s2, 205.566130008, 5e-9);
    /* binary: s0 = links, s1 = 2 links, s2 = sum (2 k_i)^2 */
    bs_weights_set_style(q, BS_WEIGHTS_BINARY);
    bs_weights_sums(q, &s0, &s1, &s2);
    ck_assert(s0 == 236 && s1 == 472);
    bs_weights_free(q);
    bs_weights_free(r);
    bs_areas_free(a);
}
END_TEST

START_TEST(national_wijken_queen_matches_an_independent_count)
{
    /* 19,116 links and two island wijken (Ameland's and Schiermonnikoog's
     * single wijk), counted with GDAL's WKT and a Python set of shared
     * vertices */
    bs_areas *a;
    bs_weights *w;
    bs_error err;
    long code;

    if (bs_shapefile_read(bs_test_shared("data/nl-wijken-2022/"
                                         "NLD_dist_2022.shp"),
                          NULL, &a, NULL, &err) != 0)
        ck_abort_msg("%s", err.msg);
    code = bs_table_find(a->attrs, "code");
    w = contiguity(a, BS_CONTIGUITY_QUEEN, 0);
    ck_assert_uint_eq(w->n, 3340);
    ck_assert_uint_eq(w->nlinks, 19116);
    ck_assert(w->symmetric);
    ck_assert_uint_eq(w->nislands, 2);
    ck_assert_str_eq(a->attrs->cells[code][w->islands[0]], "WK006000");
    ck_assert_str_eq(a->attrs->cells[code][w->islands[1]], "WK008800");
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

/* ---- points ---- */

START_TEST(knn_takes_the_nearest_with_ties_to_the_lower_index)
{
    /* points on a line at 0, 1, 2, 3, 10 and one without coordinates */
    double x[] = {0, 1, 2, 3, 10, NAN}, y[] = {0, 0, 0, 0, 0, 0};
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(bs_weights_knn(x, y, 6, 2, &w, &err), 0);
    /* 1: 0 and 2 at distance 1 (tie); 2: 1 and 3 */
    ck_assert(linked(w, 0, 1) && linked(w, 0, 2));
    ck_assert(linked(w, 1, 0) && linked(w, 1, 2));
    ck_assert(linked(w, 2, 1) && linked(w, 2, 3));
    ck_assert(linked(w, 4, 3) && linked(w, 4, 2));
    ck_assert_uint_eq(w->first[6] - w->first[5], 0);
    ck_assert_uint_eq(w->nislands, 1);
    ck_assert_uint_eq(w->islands[0], 5);
    ck_assert(!w->symmetric);                   /* 4 -> 3, not 3 -> 4 */
    ck_assert_uint_eq(w->nlinks, 10);
    bs_weights_free(w);
    ck_assert_int_eq(bs_weights_knn(x, y, 6, 5, &w, &err), -1);
    ck_assert_str_eq(err.msg, "k nearest neighbours: k = 5 but only 4 other "
                     "areas have a point");
    ck_assert_int_eq(bs_weights_knn(x, y, 6, 0, &w, &err), -1);
}
END_TEST

START_TEST(distance_band_gives_the_getis_ord_example_lists)
{
    double x[] = {10, 20, 40, 15, 30, 30}, y[] = {10, 10, 10, 20, 20, 30};
    size_t want[6][4] = {{1, 3}, {0, 3, 4}, {4}, {0, 1, 4}, {1, 2, 3, 5}, {4}};
    size_t len[6] = {2, 3, 1, 3, 4, 1}, i, k;
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(bs_weights_distance(x, y, 6, 15, &w, &err), 0);
    for (i = 0; i < 6; i++) {
        ck_assert_uint_eq(w->first[i + 1] - w->first[i], len[i]);
        for (k = 0; k < len[i]; k++)
            ck_assert_uint_eq(w->nb[w->first[i] + k], want[i][k]);
    }
    ck_assert(w->symmetric);
    bs_weights_free(w);
    /* (30, 30) - (30, 20) is exactly 10: inside a band of 10 */
    ck_assert_int_eq(bs_weights_distance(x, y, 6, 10, &w, &err), 0);
    ck_assert(linked(w, 5, 4) && linked(w, 0, 1));
    ck_assert_uint_eq(w->nlinks, 4);
    ck_assert_uint_eq(w->nislands, 2);          /* (40, 10), (15, 20) */
    ck_assert_uint_eq(w->islands[0], 2);
    ck_assert_uint_eq(w->islands[1], 3);
    bs_weights_free(w);
    ck_assert_int_eq(bs_weights_distance(x, y, 6, 0, &w, &err), -1);
    ck_assert_str_eq(err.msg, "distance band: the distance must be positive "
                     "(it is 0)");
}
END_TEST

/* ---- styles, subsets, checks ---- */

START_TEST(row_standardising_and_subsets_keep_rows_summing_to_one)
{
    bs_areas *a = lattice(3, 3);
    bs_weights *w = contiguity(a, BS_CONTIGUITY_ROOK, 0), *s;
    unsigned char keep[9] = {1, 0, 1, 1, 1, 1, 1, 1, 1};
    size_t map[8], i, k;
    bs_error err;

    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    for (i = 0; i < 9; i++) {
        double sum = 0;

        for (k = w->first[i]; k < w->first[i + 1]; k++)
            sum += w->w[k];
        ck_assert_double_eq_tol(sum, 1, 1e-15);
    }
    /* corner 0 has neighbours 1 and 3: 1/2 each */
    ck_assert(w->w[w->first[0]] == 0.5);
    ck_assert_int_eq(bs_weights_subset(w, keep, &s, map, &err), 0);
    ck_assert_uint_eq(s->n, 8);
    ck_assert_uint_eq(map[1], 2);
    ck_assert_int_eq(s->style, BS_WEIGHTS_ROW);
    /* old 0 keeps only 3 (new 2), with weight 1; old 2 only 5 (new 4) */
    ck_assert_uint_eq(s->first[1] - s->first[0], 1);
    ck_assert_uint_eq(s->nb[s->first[0]], 2);
    ck_assert(s->w[s->first[0]] == 1.0);
    ck_assert_uint_eq(s->nb[s->first[1]], 4);
    /* old 4 (centre) loses 1: three left at 1/3 */
    ck_assert_uint_eq(s->first[4] - s->first[3], 3);
    ck_assert_double_eq_tol(s->w[s->first[3]], 1.0 / 3, 1e-15);
    bs_weights_free(s);
    /* dropping 1 and 3 leaves corner 0 an island */
    keep[3] = 0;
    ck_assert_int_eq(bs_weights_subset(w, keep, &s, NULL, &err), 0);
    ck_assert_uint_eq(s->nislands, 1);
    ck_assert_uint_eq(s->islands[0], 0);
    bs_weights_free(s);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

START_TEST(neighbour_lists_are_checked_and_sorted)
{
    size_t first[] = {0, 2, 3, 4}, nb[] = {2, 1, 0, 0};
    double raw[] = {2, 6, 1, 1};
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(bs_weights_from_lists(3, first, nb, raw, &w, &err), 0);
    ck_assert_uint_eq(w->nb[0], 1);
    ck_assert(w->raw[0] == 6 && w->raw[1] == 2);
    ck_assert_int_eq(w->style, BS_WEIGHTS_RAW);
    ck_assert(w->symmetric);        /* weights differ, links go both ways */
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    ck_assert(w->w[0] == 0.75 && w->w[1] == 0.25);
    bs_weights_free(w);
    nb[2] = 1;
    ck_assert_int_eq(bs_weights_from_lists(3, first, nb, raw, &w, &err), -1);
    ck_assert_str_eq(err.msg, "area 2: neighbour 2 is the area itself");
    nb[2] = 3;
    ck_assert_int_eq(bs_weights_from_lists(3, first, nb, raw, &w, &err), -1);
    ck_assert_str_eq(err.msg, "area 2: neighbour 4 is not an area (there are "
                     "3)");
    nb[2] = 0;
    nb[1] = 2;
    ck_assert_int_eq(bs_weights_from_lists(3, first, nb, raw, &w, &err), -1);
    ck_assert_str_eq(err.msg, "area 1: neighbour 3 is listed twice");
    nb[1] = 1;
    raw[3] = -1;
    ck_assert_int_eq(bs_weights_from_lists(3, first, nb, raw, &w, &err), -1);
    ck_assert_str_eq(err.msg, "area 3: the weight of neighbour 1 is -1; "
                     "weights must be positive and finite");
}
END_TEST

START_TEST(lag_is_the_weighted_sum_of_the_neighbours)
{
    bs_areas *a = lattice(1, 3);
    bs_weights *w = contiguity(a, BS_CONTIGUITY_ROOK, 0);
    double z[] = {1, 2, 4}, lag[3];

    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    bs_weights_lag(w, z, lag);
    ck_assert(lag[0] == 2 && lag[1] == 2.5 && lag[2] == 2);
    ck_assert_uint_eq(bs_weights_max_neighbours(w), 2);
    bs_weights_free(w);
    bs_areas_free(a);
}
END_TEST

static Suite *weights_suite(void)
{
    Suite *s = suite_create("weights");
    TCase *sq = tcase_create("contiguity");
    TCase *col = tcase_create("columbus");
    TCase *pts = tcase_create("points");
    TCase *ops = tcase_create("operations");

    tcase_add_test(sq, queen_counts_corners_and_rook_only_edges);
    tcase_add_test(sq, islands_are_listed_and_get_no_neighbours);
    tcase_add_test(sq, snap_joins_borders_that_do_not_quite_meet);
    tcase_add_test(sq, rings_of_one_area_do_not_make_it_its_own_neighbour);
    tcase_add_test(sq, a_vertex_on_the_other_side_still_shares_the_border);
    tcase_add_test(sq, contiguity_errors_name_the_record);
    suite_add_tcase(s, sq);
    tcase_add_test(col, queen_from_columbus_polygons_equals_columbus_gal);
    tcase_add_test(col, rook_from_columbus_has_200_links_all_of_them_queen_links);
    tcase_add_test(col, columbus_weight_constants_match_the_references);
    suite_add_tcase(s, col);
    tcase_add_test(bs_test_national(s),
                   national_wijken_queen_matches_an_independent_count);
    tcase_add_test(pts, knn_takes_the_nearest_with_ties_to_the_lower_index);
    tcase_add_test(pts, distance_band_gives_the_getis_ord_example_lists);
    suite_add_tcase(s, pts);
    tcase_add_test(ops, row_standardising_and_subsets_keep_rows_summing_to_one);
    tcase_add_test(ops, neighbour_lists_are_checked_and_sorted);
    tcase_add_test(ops, lag_is_the_weighted_sum_of_the_neighbours);
    suite_add_tcase(s, ops);
    return s;
}

int main(void)
{
    return bs_test_run_suite(weights_suite(), 1);
}
