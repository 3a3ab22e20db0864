/* test_access.c: distance to the nearest facility per kind and counts
 * within a radius, against brute force on random points; areas without a
 * point, kinds without facilities, ties, facilities on the radius, errors. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/access.h"
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

START_TEST(random_points_agree_with_brute_force)
{
    size_t na = 300, nf = 2000, nk = 4, i, j, k;
    double *ax = malloc(na * sizeof *ax), *ay = malloc(na * sizeof *ay);
    double *fx = malloc(nf * sizeof *fx), *fy = malloc(nf * sizeof *fy);
    size_t *kind = malloc(nf * sizeof *kind);
    uint64_t seed = 2024;
    bs_access acc;
    bs_error err;

    /* metres on a 10 km square; whole metres so that distances compare
     * exactly; kind 3 has no facilities, some facilities have no kind */
    for (i = 0; i < na; i++) {
        ax[i] = floor(unit(&seed) * 10000);
        ay[i] = floor(unit(&seed) * 10000);
    }
    ax[7] = NAN;
    for (j = 0; j < nf; j++) {
        fx[j] = floor(unit(&seed) * 10000);
        fy[j] = floor(unit(&seed) * 10000);
        kind[j] = j % 10 == 9 ? SIZE_MAX : splitmix64(&seed) % 3;
    }
    ck_assert_int_eq(bs_access_compute(ax, ay, na, fx, fy, kind, nf, nk, 800,
                                       NULL, &acc, &err), 0);
    ck_assert_uint_eq(acc.nareas, na);
    ck_assert_uint_eq(acc.nkinds, nk);
    for (i = 0; i < na; i++)
        for (k = 0; k < nk; k++) {
            size_t c = i * nk + k, best = SIZE_MAX, count = 0;
            double bd = INFINITY;

            for (j = 0; j < nf && !isnan(ax[i]); j++) {
                double d;

                if (kind[j] != k)
                    continue;
                d = hypot(fx[j] - ax[i], fy[j] - ay[i]);
                if (d < bd)
                    bd = d, best = j;
                count += (fx[j] - ax[i]) * (fx[j] - ax[i])
                         + (fy[j] - ay[i]) * (fy[j] - ay[i]) <= 800.0 * 800;
            }
            ck_assert_uint_eq(acc.within[c], count);
            ck_assert_uint_eq(acc.nearest_id[c], best);
            if (best == SIZE_MAX)
                ck_assert(isnan(acc.nearest[c]));
            else
                ck_assert_double_eq_tol(acc.nearest[c], bd, 1e-9);
        }
    bs_access_free(&acc);
    free(ax), free(ay), free(fx), free(fy), free(kind);
}
END_TEST

START_TEST(ties_go_to_the_lower_index_and_the_radius_is_inclusive)
{
    double ax[] = {0}, ay[] = {0};
    double fx[] = {5, 3, 0, -3}, fy[] = {0, 4, -5, -4};   /* all at 5 */
    bs_access acc;
    bs_error err;

    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, NULL, 4, 1, 5, NULL,
                                       &acc, &err), 0);
    ck_assert_uint_eq(acc.nearest_id[0], 0);
    ck_assert(acc.nearest[0] == 5);
    ck_assert_uint_eq(acc.within[0], 4);
    bs_access_free(&acc);
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, NULL, 4, 1, 4.999,
                                       NULL, &acc, &err), 0);
    ck_assert_uint_eq(acc.within[0], 0);
    bs_access_free(&acc);
}
END_TEST

START_TEST(bad_facilities_and_settings_are_refused)
{
    static const char *const keys[] = {"IKC1", "IKC2"};
    double ax[] = {0}, ay[] = {0}, fx[] = {1, 2}, fy[] = {1, NAN};
    size_t kind[] = {0, 1};
    bs_access acc;
    bs_error err;

    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 2, 100,
                                       keys, &acc, &err), -1);
    ck_assert_str_eq(err.msg, "facility 'IKC2': no coordinates");
    fy[1] = 2;
    kind[1] = 2;
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 2, 100,
                                       keys, &acc, &err), -1);
    ck_assert_str_eq(err.msg, "facility 'IKC2': kind 2, but there are 2 "
                     "kinds");
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 2, 100,
                                       NULL, &acc, &err), -1);
    ck_assert_str_eq(err.msg, "facility 2: kind 2, but there are 2 kinds");
    kind[1] = 1;
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 2, -1,
                                       keys, &acc, &err), -1);
    ck_assert_str_eq(err.msg, "accessibility: the radius must be 0 or more "
                     "(it is -1)");
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 0, 1,
                                       keys, &acc, &err), -1);
    ck_assert_str_eq(err.msg, "accessibility: no kinds of facility");
    ck_assert_int_eq(bs_access_compute(ax, ay, 1, fx, fy, kind, 2, 2, 1,
                                       keys, &acc, &err), 0);
    ck_assert_double_eq_tol(acc.nearest[0], sqrt(2), 1e-15);
    ck_assert_double_eq_tol(acc.nearest[1], sqrt(8), 1e-15);
    ck_assert_uint_eq(acc.within[0] + acc.within[1], 0);
    bs_access_free(&acc);
}
END_TEST

static Suite *access_suite(void)
{
    Suite *s = suite_create("access");
    TCase *tc = tcase_create("nearest");

    tcase_add_test(tc, random_points_agree_with_brute_force);
    tcase_add_test(tc, ties_go_to_the_lower_index_and_the_radius_is_inclusive);
    tcase_add_test(tc, bad_facilities_and_settings_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(access_suite(), 1);
}
