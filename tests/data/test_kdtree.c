/* test_kdtree.c: the k-d tree against brute force (nearest k with ties by
 * index, skipping a point, counts and visits within a distance), points
 * without coordinates, empty trees. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/kdtree.h"
#include "testutil.h"

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
    return (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

/* The k nearest by brute force: (d2, index) ascending, skipping `skip`. */
static size_t brute_nearest(const double *x, const double *y, size_t n,
                            double qx, double qy, size_t k, size_t skip,
                            size_t *idx)
{
    size_t m = 0, i, j;
    double *d = malloc(n * sizeof *d);

    for (i = 0; i < n; i++) {
        double dd;
        size_t at;

        if (i == skip || !isfinite(x[i]) || !isfinite(y[i]))
            continue;
        dd = (x[i] - qx) * (x[i] - qx) + (y[i] - qy) * (y[i] - qy);
        /* insert into the sorted list of the best m */
        for (at = m; at > 0 && (d[at - 1] > dd); at--)
            ;
        if (at >= k)
            continue;
        for (j = (m < k ? m : k - 1); j > at; j--) {
            d[j] = d[j - 1];
            idx[j] = idx[j - 1];
        }
        d[at] = dd;
        idx[at] = i;
        if (m < k)
            m++;
    }
    free(d);
    return m;
}

START_TEST(nearest_agrees_with_brute_force_including_ties)
{
    /* a 20 x 20 grid (many equal distances) plus random points */
    size_t n = 400 + 600, i, q, k;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    uint64_t seed = 42;
    bs_kdtree *t;
    bs_error err;

    for (i = 0; i < 400; i++) {
        x[i] = (double)(i % 20);
        y[i] = (double)(i / 20);
    }
    for (; i < n; i++) {
        x[i] = unit(&seed) * 20;
        y[i] = unit(&seed) * 20;
    }
    ck_assert_int_eq(bs_kdtree_new(x, y, n, &t, &err), 0);
    ck_assert_uint_eq(bs_kdtree_size(t), n);
    for (q = 0; q < 300; q++) {
        double qx = q < 100 ? x[q * 3] : unit(&seed) * 24 - 2;
        double qy = q < 100 ? y[q * 3] : unit(&seed) * 24 - 2;
        size_t skip = q < 100 ? q * 3 : SIZE_MAX;

        for (k = 1; k <= 9; k += 4) {
            size_t got[9], want[9], ng, nw, j;
            double d2[9];

            ng = bs_kdtree_nearest(t, qx, qy, k, skip, got, d2);
            nw = brute_nearest(x, y, n, qx, qy, k, skip, want);
            ck_assert_uint_eq(ng, nw);
            for (j = 0; j < ng; j++) {
                ck_assert_uint_eq(got[j], want[j]);
                ck_assert(d2[j] == (x[want[j]] - qx) * (x[want[j]] - qx)
                                   + (y[want[j]] - qy) * (y[want[j]] - qy));
            }
        }
    }
    bs_kdtree_free(t);
    free(x);
    free(y);
}
END_TEST

typedef struct seen {
    unsigned char *hit;
    size_t count;
} seen;

static void mark(void *ud, size_t i, double d2)
{
    seen *s = ud;

    (void)d2;
    ck_assert(!s->hit[i]);
    s->hit[i] = 1;
    s->count++;
}

START_TEST(within_counts_and_visits_every_point_in_the_circle)
{
    size_t n = 2000, i, q;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    uint64_t seed = 7;
    bs_kdtree *t;
    bs_error err;
    seen s;

    for (i = 0; i < n; i++) {
        x[i] = floor(unit(&seed) * 100);    /* integers: exact distances */
        y[i] = floor(unit(&seed) * 100);
    }
    ck_assert_int_eq(bs_kdtree_new(x, y, n, &t, &err), 0);
    s.hit = malloc(n);
    for (q = 0; q < 200; q++) {
        double qx = floor(unit(&seed) * 120) - 10;
        double qy = floor(unit(&seed) * 120) - 10, r = (double)(q % 40);
        size_t want = 0;

        memset(s.hit, 0, n);
        s.count = 0;
        bs_kdtree_within(t, qx, qy, r, mark, &s);
        for (i = 0; i < n; i++) {
            int in = (x[i] - qx) * (x[i] - qx) + (y[i] - qy) * (y[i] - qy)
                     <= r * r;

            want += in;
            ck_assert_int_eq(s.hit[i], in);     /* on the circle counts */
        }
        ck_assert_uint_eq(s.count, want);
        ck_assert_uint_eq(bs_kdtree_count_within(t, qx, qy, r), want);
    }
    free(s.hit);
    bs_kdtree_free(t);
    free(x);
    free(y);
}
END_TEST

START_TEST(points_without_coordinates_are_never_found)
{
    double x[] = {0, NAN, 2, 3, INFINITY}, y[] = {0, 1, NAN, 3, 0};
    size_t idx[5], n;
    double d2[5];
    bs_kdtree *t;
    bs_error err;

    ck_assert_int_eq(bs_kdtree_new(x, y, 5, &t, &err), 0);
    ck_assert_uint_eq(bs_kdtree_size(t), 2);
    n = bs_kdtree_nearest(t, 1, 1, 5, SIZE_MAX, idx, d2);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(idx[0], 0);
    ck_assert_uint_eq(idx[1], 3);
    ck_assert_uint_eq(bs_kdtree_count_within(t, 0, 0, 100), 2);
    ck_assert_uint_eq(bs_kdtree_nearest(t, NAN, 0, 1, SIZE_MAX, idx, d2), 0);
    ck_assert_uint_eq(bs_kdtree_count_within(t, 0, NAN, 100), 0);
    bs_kdtree_free(t);
}
END_TEST

START_TEST(an_empty_tree_finds_nothing)
{
    size_t idx[1];
    double d2[1];
    bs_kdtree *t;
    bs_error err;

    ck_assert_int_eq(bs_kdtree_new(NULL, NULL, 0, &t, &err), 0);
    ck_assert_uint_eq(bs_kdtree_nearest(t, 0, 0, 1, SIZE_MAX, idx, d2), 0);
    ck_assert_uint_eq(bs_kdtree_count_within(t, 0, 0, 1e9), 0);
    bs_kdtree_free(t);
}
END_TEST

START_TEST(identical_points_go_by_index)
{
    double x[] = {5, 5, 5, 5, 1}, y[] = {5, 5, 5, 5, 1};
    size_t idx[3];
    double d2[3];
    bs_kdtree *t;
    bs_error err;

    ck_assert_int_eq(bs_kdtree_new(x, y, 5, &t, &err), 0);
    ck_assert_uint_eq(bs_kdtree_nearest(t, 5, 5, 3, 1, idx, d2), 3);
    ck_assert_uint_eq(idx[0], 0);
    ck_assert_uint_eq(idx[1], 2);
    ck_assert_uint_eq(idx[2], 3);
    bs_kdtree_free(t);
}
END_TEST

static Suite *kdtree_suite(void)
{
    Suite *s = suite_create("kdtree");
    TCase *tc = tcase_create("queries");

    tcase_add_test(tc, nearest_agrees_with_brute_force_including_ties);
    tcase_add_test(tc, within_counts_and_visits_every_point_in_the_circle);
    tcase_add_test(tc, points_without_coordinates_are_never_found);
    tcase_add_test(tc, an_empty_tree_finds_nothing);
    tcase_add_test(tc, identical_points_go_by_index);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(kdtree_suite(), 1);
}
