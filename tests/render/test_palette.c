/* test_palette.c: ColorBrewer schemes by name and number of classes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/palette.h"

/* Compares the scheme with a space-separated list of "#rrggbb". */
static void expect_scheme(const char *name, int k, const char *hexes)
{
    bs_rgb c[9];
    char buf[8], want[8];
    const char *p = hexes;

    ck_assert_int_eq(bs_palette_get(name, k, c), 0);
    for (int i = 0; i < k; i++) {
        memcpy(want, p, 7);
        want[7] = '\0';
        ck_assert_str_eq(bs_rgb_hex(c[i], buf), want);
        p += 8;
    }
}

START_TEST(test_known_values_match_colorbrewer)
{
    expect_scheme("YlOrRd", 5, "#ffffb2 #fecc5c #fd8d3c #f03b20 #bd0026");
    expect_scheme("Blues", 3, "#deebf7 #9ecae1 #3182bd");
    expect_scheme("OrRd", 7, "#fef0d9 #fdd49e #fdbb84 #fc8d59 #ef6548 #d7301f #990000");
    expect_scheme("PuBu", 4, "#f1eef6 #bdc9e1 #74a9cf #0570b0");
    expect_scheme("GnBu", 3, "#e0f3db #a8ddb5 #43a2ca");
    expect_scheme("Greys", 9, "#ffffff #f0f0f0 #d9d9d9 #bdbdbd #969696 #737373 "
                              "#525252 #252525 #000000");
    expect_scheme("YlGnBu", 9, "#ffffd9 #edf8b1 #c7e9b4 #7fcdbb #41b6c4 #1d91c0 "
                               "#225ea8 #253494 #081d58");
    expect_scheme("Reds", 8, "#fff5f0 #fee0d2 #fcbba1 #fc9272 #fb6a4a #ef3b2c "
                             "#cb181d #99000d");
}
END_TEST

START_TEST(test_name_is_case_insensitive)
{
    expect_scheme("ylorrd", 3, "#ffeda0 #feb24c #f03b20");
    expect_scheme("PUBUGN", 3, "#ece2f0 #a6bddb #1c9099");
}
END_TEST

START_TEST(test_unknown_name_fails)
{
    bs_rgb c[9];
    ck_assert_int_eq(bs_palette_get("Viridis", 5, c), -1);
    ck_assert_int_eq(bs_palette_get("RdYlGn", 5, c), -1);   /* diverging: not offered */
    ck_assert_int_eq(bs_palette_get("", 5, c), -1);
    ck_assert_int_eq(bs_palette_get(NULL, 5, c), -1);
}
END_TEST

START_TEST(test_k_out_of_range_fails)
{
    bs_rgb c[12];
    ck_assert_int_eq(bs_palette_get("Blues", 0, c), -1);
    ck_assert_int_eq(bs_palette_get("Blues", -3, c), -1);
    ck_assert_int_eq(bs_palette_get("Blues", 10, c), -1);
}
END_TEST

START_TEST(test_one_or_two_classes_use_ends_of_three)
{
    /* Two classes: lightest and darkest of the 3-class scheme; one class:
     * the darkest, never a near-white that reads as "no data". */
    expect_scheme("YlOrRd", 2, "#ffeda0 #f03b20");
    expect_scheme("YlOrRd", 1, "#f03b20");
    expect_scheme("Blues", 2, "#deebf7 #3182bd");
}
END_TEST

static double lightness(bs_rgb c)
{
    return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

START_TEST(test_all_names_resolve_and_darken)
{
    const char *const *names = bs_palette_names();
    int n = 0;

    for (; names[n]; n++) {
        for (int k = 3; k <= 9; k++) {
            bs_rgb c[9];
            ck_assert_msg(bs_palette_get(names[n], k, c) == 0, "%s %d", names[n], k);
            /* Sequential: every class darker than the one before. */
            for (int i = 1; i < k; i++)
                ck_assert_msg(lightness(c[i]) < lightness(c[i - 1]),
                              "%s %d: class %d not darker", names[n], k, i);
        }
    }
    ck_assert_int_eq(n, 18);
}
END_TEST

START_TEST(test_rgb_hex_formats_lowercase)
{
    char buf[8];
    bs_rgb c = {0x0a, 0xff, 0x80};
    ck_assert_str_eq(bs_rgb_hex(c, buf), "#0aff80");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("palette");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_known_values_match_colorbrewer);
    tcase_add_test(tc, test_name_is_case_insensitive);
    tcase_add_test(tc, test_unknown_name_fails);
    tcase_add_test(tc, test_k_out_of_range_fails);
    tcase_add_test(tc, test_one_or_two_classes_use_ends_of_three);
    tcase_add_test(tc, test_all_names_resolve_and_darken);
    tcase_add_test(tc, test_rgb_hex_formats_lowercase);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
