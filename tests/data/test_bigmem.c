/* test_bigmem.c: large arrays in huge pages behave as malloc'd ones. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/bigmem.h"
#include "testutil.h"

START_TEST(small_blocks_are_plain_malloc)
{
    unsigned char *p = bs_big_alloc(0), *q = bs_big_alloc(100);

    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(q);
    memset(q, 7, 100);
    ck_assert_int_eq(q[99], 7);
    free(p);
    free(q);
}
END_TEST

/* A big block starts on a huge page, holds what is written into it, and
 * grows and shrinks with realloc keeping its contents. */
START_TEST(big_blocks_are_aligned_and_resizable)
{
    size_t n = BS_BIG_MIN + 12345, i;
    double *p = bs_big_alloc(n * sizeof *p), *q;

    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq((uintptr_t)p % ((uintptr_t)2 << 20), 0);
    for (i = 0; i < n; i++)
        p[i] = (double)i * 0.5;
    q = realloc(p, 2 * n * sizeof *q);
    ck_assert_ptr_nonnull(q);
    for (i = 0; i < n; i += 4099)
        ck_assert_double_eq(q[i], (double)i * 0.5);
    ck_assert_double_eq(q[n - 1], (double)(n - 1) * 0.5);
    p = realloc(q, 1000 * sizeof *p);
    ck_assert_ptr_nonnull(p);
    ck_assert_double_eq(p[999], 499.5);
    free(p);
}
END_TEST

START_TEST(an_impossible_size_is_null)
{
    ck_assert_ptr_null(bs_big_alloc(SIZE_MAX - 4096));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bigmem");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, small_blocks_are_plain_malloc);
    tcase_add_test(tc, big_blocks_are_aligned_and_resizable);
    tcase_add_test(tc, an_impossible_size_is_null);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
