/* test_labelorder.c: the order in which map labels claim room. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include "buurtscan/labelorder.h"
#include "buurtscan/score.h"
#include "testutil.h"

START_TEST(most_need_first_then_the_rest_in_rank_order)
{
    /* a score map: rank 1 (1.9, area 3) first, no score last */
    double score[6] = {0.2, -1.0, NAN, 1.9, 0.7, 0.2};
    size_t order[6], prio[6], want[6] = {3, 4, 0, 5, 1, 2};
    double rank[6];
    size_t i;

    ck_assert_int_eq(bs_label_order(score, 1, NULL, 6, order, prio, NULL), 0);
    for (i = 0; i < 6; i++)
        ck_assert_uint_eq(order[i], want[i]);
    ck_assert_uint_eq(prio[3], 0);
    ck_assert_uint_eq(prio[2], 5);
    /* the same order as the scan's ranks (ties: area order) */
    bs_rank(score, 6, 0, BS_TIES_MIN, rank);
    for (i = 0; i + 2 < 6; i++)
        ck_assert(rank[order[i]] <= rank[order[i + 1]]);
}
END_TEST

START_TEST(highlighted_areas_come_first)
{
    double v[5] = {5, 9, 1, 7, 3};
    unsigned char hl[5] = {0, 0, 1, 0, 1};
    size_t order[5], want[5] = {4, 2, 1, 3, 0};
    size_t i;

    ck_assert_int_eq(bs_label_order(v, 1, hl, 5, order, NULL, NULL), 0);
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(order[i], want[i]);
}
END_TEST

START_TEST(direction_minus_one_puts_low_values_first)
{
    /* employment: the lowest share is the most need */
    double v[4] = {71.5, 64.0, 80.2, 64.0};
    size_t order[4], want[4] = {1, 3, 0, 2};
    size_t i;
    bs_error err;

    ck_assert_int_eq(bs_label_order(v, -1, NULL, 4, order, NULL, NULL), 0);
    for (i = 0; i < 4; i++)
        ck_assert_uint_eq(order[i], want[i]);
    ck_assert_int_eq(bs_label_order(v, 0, NULL, 4, order, NULL, &err), -1);
}
END_TEST

START_TEST(a_categorical_map_keeps_area_order_after_highlights)
{
    unsigned char hl[4] = {0, 0, 0, 1};
    size_t order[4], want[4] = {3, 0, 1, 2};
    size_t i;

    ck_assert_int_eq(bs_label_order(NULL, 1, hl, 4, order, NULL, NULL), 0);
    for (i = 0; i < 4; i++)
        ck_assert_uint_eq(order[i], want[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("labelorder");
    TCase *tc = tcase_create("order");

    tcase_add_test(tc, most_need_first_then_the_rest_in_rank_order);
    tcase_add_test(tc, highlighted_areas_come_first);
    tcase_add_test(tc, direction_minus_one_puts_low_values_first);
    tcase_add_test(tc, a_categorical_map_keeps_area_order_after_highlights);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
