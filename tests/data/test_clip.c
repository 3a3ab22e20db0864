/* test_clip.c: rings clipped to a box (areas by the shoelace formula,
 * hand-computed), area boxes and the window of an area set. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/clip.h"
#include "testutil.h"

static double ring_area(const double *x, const double *y, size_t n)
{
    double s = 0;

    for (size_t i = 0; i + 1 < n; i++)
        s += x[i] * y[i + 1] - x[i + 1] * y[i];
    return fabs(s) / 2;
}

START_TEST(a_square_is_cut_to_the_box)
{
    /* the square 0..10 cut to x 5..20, y -5..4: 5 x 4 */
    const double x[5] = {0, 10, 10, 0, 0}, y[5] = {0, 0, 10, 10, 0};
    const double box[4] = {5, -5, 20, 4};
    double ox[18], oy[18], scratch[4 * 18];
    size_t m = bs_clip_ring(x, y, 5, box, ox, oy, scratch, 18);

    ck_assert_uint_ge(m, 4);
    ck_assert(ox[0] == ox[m - 1] && oy[0] == oy[m - 1]);   /* closed */
    ck_assert_double_eq_tol(ring_area(ox, oy, m), 20.0, 1e-12);
    for (size_t i = 0; i < m; i++) {
        ck_assert(ox[i] >= 5 && ox[i] <= 10);
        ck_assert(oy[i] >= 0 && oy[i] <= 4);
    }
}
END_TEST

START_TEST(a_triangle_loses_its_corner)
{
    /* the triangle (0,0) (4,0) (0,4) below y = 1: area 8 - 4.5 = 3.5 */
    const double x[4] = {0, 4, 0, 0}, y[4] = {0, 0, 4, 0};
    const double box[4] = {-1, -1, 5, 1};
    double ox[16], oy[16], scratch[4 * 16];
    size_t m = bs_clip_ring(x, y, 4, box, ox, oy, scratch, 16);

    ck_assert_uint_eq(m, 5);
    ck_assert_double_eq_tol(ring_area(ox, oy, m), 3.5, 1e-12);
}
END_TEST

START_TEST(outside_is_nothing_and_too_little_room_says_so)
{
    const double x[5] = {0, 10, 10, 0, 0}, y[5] = {0, 0, 10, 10, 0};
    const double far[4] = {20, 20, 30, 30}, cut[4] = {5, 5, 20, 20};
    double ox[18], oy[18], scratch[4 * 18];

    ck_assert_uint_eq(bs_clip_ring(x, y, 5, far, ox, oy, scratch, 18), 0);
    /* the cut square has 4 corners and needs 5 points closed */
    ck_assert_uint_eq(bs_clip_ring(x, y, 5, cut, ox, oy, scratch, 4), 5);
    ck_assert_uint_eq(bs_clip_ring(x, y, 5, cut, ox, oy, scratch, 5), 5);
    ck_assert_double_eq_tol(ring_area(ox, oy, 5), 25.0, 1e-12);
}
END_TEST

/* Three unit-ish squares at x 0, 10, 20 and an area without geometry. */
typedef struct set {
    bs_areas a;
    size_t rf[5], pf[4];
    double x[15], y[15];
} set;

static void make_set(set *s)
{
    memset(s, 0, sizeof *s);
    for (int k = 0; k < 3; k++) {
        const double sx[5] = {0, 8, 8, 0, 0}, sy[5] = {0, 0, 8, 8, 0};
        for (int p = 0; p < 5; p++) {
            s->x[5 * k + p] = sx[p] + 10 * k;
            s->y[5 * k + p] = sy[p];
        }
        s->rf[k] = (size_t)k;
        s->pf[k] = 5 * (size_t)k;
    }
    s->rf[3] = 3;
    s->rf[4] = 3;             /* area 3: no rings */
    s->pf[3] = 15;
    s->a.n = 4;
    s->a.ring_first = s->rf;
    s->a.nrings = 3;
    s->a.pt_first = s->pf;
    s->a.npts = 15;
    s->a.x = s->x;
    s->a.y = s->y;
    s->a.path = "test.shp";
    s->a.crs = "EPSG:28992";
}

START_TEST(boxes_are_per_area_and_nan_without_geometry)
{
    set s;
    double b[16];

    make_set(&s);
    bs_areas_boxes(&s.a, b);
    ck_assert_double_eq(b[4], 10);
    ck_assert_double_eq(b[5], 0);
    ck_assert_double_eq(b[6], 18);
    ck_assert_double_eq(b[7], 8);
    ck_assert(isnan(b[12]) && isnan(b[15]));
}
END_TEST

START_TEST(a_window_holds_the_areas_in_view_clipped)
{
    set s;
    double b[16];
    const double view[4] = {-1, -1, 14, 9}, small[4] = {21, 1, 23, 3};
    bs_window w;
    bs_error err;

    make_set(&s);
    bs_areas_boxes(&s.a, b);
    memset(&w, 0, sizeof w);
    ck_assert_msg(bs_window_cut(&w, &s.a, b, view, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(w.sub.n, 2);
    ck_assert_uint_eq(w.of[0], 0);
    ck_assert_uint_eq(w.of[1], 1);
    /* the first lies inside: copied as it is; the second is cut at x 14 */
    ck_assert_uint_eq(w.sub.pt_first[1] - w.sub.pt_first[0], 5);
    ck_assert(memcmp(w.sub.x, s.x, 5 * sizeof *s.x) == 0);
    ck_assert_double_eq_tol(ring_area(w.sub.x + w.sub.pt_first[1],
                                      w.sub.y + w.sub.pt_first[1],
                                      w.sub.npts - w.sub.pt_first[1]), 32.0, 1e-12);
    ck_assert_str_eq(w.sub.crs, "EPSG:28992");
    ck_assert_int_eq(w.sub.record[1], 2);
    /* a second cut reuses the window */
    ck_assert_msg(bs_window_cut(&w, &s.a, b, small, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(w.sub.n, 1);
    ck_assert_uint_eq(w.of[0], 2);
    ck_assert_double_eq_tol(ring_area(w.sub.x, w.sub.y, w.sub.npts), 4.0, 1e-12);
    bs_window_free(&w);
    ck_assert_ptr_null(w.of);
}
END_TEST

static Suite *clip_suite(void)
{
    Suite *s = suite_create("clip");
    TCase *tc = tcase_create("clip");

    tcase_add_test(tc, a_square_is_cut_to_the_box);
    tcase_add_test(tc, a_triangle_loses_its_corner);
    tcase_add_test(tc, outside_is_nothing_and_too_little_room_says_so);
    tcase_add_test(tc, boxes_are_per_area_and_nan_without_geometry);
    tcase_add_test(tc, a_window_holds_the_areas_in_view_clipped);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(clip_suite(), 1);
}
