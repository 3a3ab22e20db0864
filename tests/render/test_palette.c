/* test_palette.c: ColorBrewer schemes by name and number of classes, their
 * colourblind/print flags, and diverging schemes centred on a value. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/palette.h"
#include "testutil.h"

/* Compares the scheme with a space-separated list of "#rrggbb". */
static void expect_scheme(const char *name, int k, const char *hexes)
{
    bs_rgb c[11];
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
    ck_assert_int_eq(bs_palette_get("Set1", 5, c), -1);   /* qualitative: not offered */
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
    /* diverging: 3 to 11, and never fewer than 3 (a centre needs sides) */
    ck_assert_int_eq(bs_palette_get("RdBu", 11, c), 0);
    ck_assert_int_eq(bs_palette_get("RdBu", 12, c), -1);
    ck_assert_int_eq(bs_palette_get("RdBu", 2, c), -1);
    ck_assert_int_eq(bs_palette_get("RdBu", 1, c), -1);
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

/* --- diverging schemes and flags ---------------------------------------- */

START_TEST(test_diverging_values_match_colorbrewer)
{
    expect_scheme("RdBu", 5, "#ca0020 #f4a582 #f7f7f7 #92c5de #0571b0");
    expect_scheme("BrBG", 3, "#d8b365 #f5f5f5 #5ab4ac");
    expect_scheme("PRGn", 4, "#7b3294 #c2a5cf #a6dba0 #008837");
    expect_scheme("RdYlGn", 7, "#d73027 #fc8d59 #fee08b #ffffbf #d9ef8b #91cf60 #1a9850");
    expect_scheme("Spectral", 11, "#9e0142 #d53e4f #f46d43 #fdae61 #fee08b #ffffbf "
                                  "#e6f598 #abdda4 #66c2a5 #3288bd #5e4fa2");
    expect_scheme("PuOr", 10, "#7f3b08 #b35806 #e08214 #fdb863 #fee0b6 #d8daeb "
                              "#b2abd2 #8073ac #542788 #2d004b");
    expect_scheme("rdgy", 6, "#b2182b #ef8a62 #fddbc7 #e0e0e0 #999999 #4d4d4d");
}
END_TEST

/* Every diverging scheme is lightest in the middle and darkens towards
 * both ends; with odd k the middle colour is the lightest of all. */
START_TEST(test_all_diverging_names_resolve_light_in_the_middle)
{
    const char *const *names = bs_palette_diverging_names();
    int n = 0;

    for (; names[n]; n++)
        for (int k = 3; k <= 11; k++) {
            bs_rgb c[11];
            bs_palette_kind kind;
            ck_assert_msg(bs_palette_get(names[n], k, c) == 0, "%s %d", names[n], k);
            ck_assert_int_eq(bs_palette_info(names[n], k, &kind, NULL, NULL), 0);
            ck_assert_int_eq(kind, BS_PALETTE_DIVERGING);
            for (int i = 1; i <= (k - 1) / 2; i++) {
                ck_assert_msg(lightness(c[i]) > lightness(c[i - 1]), "%s %d left %d",
                              names[n], k, i);
                ck_assert_msg(lightness(c[k - 1 - i]) > lightness(c[k - i]),
                              "%s %d right %d", names[n], k, i);
            }
        }
    ck_assert_int_eq(n, 9);
    /* the sequential list holds no diverging scheme */
    for (const char *const *s = bs_palette_names(); *s; s++) {
        bs_palette_kind kind;
        ck_assert_int_eq(bs_palette_info(*s, 5, &kind, NULL, NULL), 0);
        ck_assert_int_eq(kind, BS_PALETTE_SEQUENTIAL);
    }
}
END_TEST

static void expect_flags(const char *name, int k, bs_palette_flag blind,
                         bs_palette_flag print)
{
    bs_palette_flag b = 9, p = 9;
    ck_assert_msg(bs_palette_info(name, k, NULL, &b, &p) == 0, "%s %d", name, k);
    ck_assert_msg(b == blind && p == print, "%s %d: blind %d print %d", name, k, b, p);
}

/* Spot checks against colorbrewer2.org's schemes file. */
START_TEST(test_flags_match_colorbrewer)
{
    expect_flags("YlOrRd", 3, BS_PALETTE_YES, BS_PALETTE_YES);
    expect_flags("YlOrRd", 5, BS_PALETTE_YES, BS_PALETTE_MAYBE);
    expect_flags("YlOrRd", 7, BS_PALETTE_YES, BS_PALETTE_NO);
    expect_flags("Greens", 3, BS_PALETTE_YES, BS_PALETTE_YES);
    expect_flags("Greens", 4, BS_PALETTE_YES, BS_PALETTE_NO);
    expect_flags("YlGnBu", 8, BS_PALETTE_YES, BS_PALETTE_MAYBE);
    expect_flags("RdYlGn", 3, BS_PALETTE_MAYBE, BS_PALETTE_YES);
    expect_flags("RdYlGn", 5, BS_PALETTE_MAYBE, BS_PALETTE_YES);
    expect_flags("RdYlGn", 6, BS_PALETTE_NO, BS_PALETTE_MAYBE);
    expect_flags("RdYlGn", 7, BS_PALETTE_NO, BS_PALETTE_NO);
    expect_flags("Spectral", 6, BS_PALETTE_NO, BS_PALETTE_NO);
    expect_flags("RdBu", 11, BS_PALETTE_YES, BS_PALETTE_NO);
    expect_flags("RdBu", 6, BS_PALETTE_YES, BS_PALETTE_YES);
    expect_flags("RdGy", 4, BS_PALETTE_MAYBE, BS_PALETTE_YES);
    expect_flags("PuOr", 5, BS_PALETTE_YES, BS_PALETTE_MAYBE);
    expect_flags("RdYlBu", 7, BS_PALETTE_YES, BS_PALETTE_MAYBE);
    /* 1 and 2 sequential classes are taken from the 3-class scheme */
    expect_flags("Purples", 1, BS_PALETTE_YES, BS_PALETTE_YES);
}
END_TEST

START_TEST(test_info_rejects_unknown_or_k)
{
    bs_palette_kind kind;
    ck_assert_int_eq(bs_palette_info("Viridis", 5, &kind, NULL, NULL), -1);
    ck_assert_int_eq(bs_palette_info(NULL, 5, &kind, NULL, NULL), -1);
    ck_assert_int_eq(bs_palette_info("Blues", 10, &kind, NULL, NULL), -1);
    ck_assert_int_eq(bs_palette_info("Blues", 0, &kind, NULL, NULL), -1);
    ck_assert_int_eq(bs_palette_info("RdBu", 2, &kind, NULL, NULL), -1);
    ck_assert_int_eq(bs_palette_info("RdBu", 12, &kind, NULL, NULL), -1);
}
END_TEST

/* Compares out[k] with entries first..first+k-1 of scheme (name, n). */
static void expect_slice(const bs_rgb *out, int k, const char *name, int n, int first)
{
    bs_rgb ref[11];
    char a[8], b[8];
    ck_assert_int_eq(bs_palette_get(name, n, ref), 0);
    for (int i = 0; i < k; i++)
        ck_assert_msg(memcmp(&out[i], &ref[first + i], sizeof out[i]) == 0,
                      "class %d: %s, want %s (%s %d, #%d)", i, bs_rgb_hex(out[i], a),
                      bs_rgb_hex(ref[first + i], b), name, n, first + i);
}

START_TEST(test_diverging_centre_inside_a_class_gets_neutral)
{
    /* z-scores in five classes, 0 inside the middle one */
    const double upper[5] = {-1.5, -0.5, 0.5, 1.5, 3.2};
    bs_rgb c[5];
    char hex[8];

    ck_assert_int_eq(bs_palette_diverging("RdBu", 5, upper, 0.0, 0, c), 0);
    ck_assert_str_eq(bs_rgb_hex(c[2], hex), "#f7f7f7");
    expect_slice(c, 5, "RdBu", 5, 0);
    /* reversed: blue below the centre */
    ck_assert_int_eq(bs_palette_diverging("RdBu", 5, upper, 0.0, 1, c), 0);
    ck_assert_str_eq(bs_rgb_hex(c[0], hex), "#0571b0");
    ck_assert_str_eq(bs_rgb_hex(c[2], hex), "#f7f7f7");
    /* a centre at the top bound of the top class is inside it */
    ck_assert_int_eq(bs_palette_diverging("RdBu", 5, upper, 3.2, 0, c), 0);
    expect_slice(c, 5, "RdBu", 9, 0);
}
END_TEST

/* Steps are symmetric: a short side stops early instead of stretching. */
START_TEST(test_diverging_short_side_steps_like_the_long_one)
{
    const double upper[4] = {-0.5, 0.5, 1.5, 2.5};
    bs_rgb c[4];
    char hex[8];

    /* -1 in class 0 (everything up to -0.5): neutral, then 3 steps up, the
     * 7-class scheme's top half */
    ck_assert_int_eq(bs_palette_diverging("PuOr", 4, upper, -1.0, 0, c), 0);
    expect_slice(c, 4, "PuOr", 7, 3);
    ck_assert_str_eq(bs_rgb_hex(c[0], hex), "#f7f7f7");
    /* 0 in class 1: one step down, neutral, two up */
    ck_assert_int_eq(bs_palette_diverging("PuOr", 4, upper, 0.0, 0, c), 0);
    expect_slice(c, 4, "PuOr", 5, 1);
    /* 1 in class 2: two down, neutral, one up */
    ck_assert_int_eq(bs_palette_diverging("PuOr", 4, upper, 1.0, 0, c), 0);
    expect_slice(c, 4, "PuOr", 5, 0);
}
END_TEST

START_TEST(test_diverging_centre_on_a_break_splits_an_even_scheme)
{
    const double six[6] = {-2, -1, 0, 1, 2, 3.5}, three[3] = {-1, 0, 1};
    const double up[3] = {1, 2, 3};
    bs_rgb c[6];

    /* 0 is the bound between classes 2 and 3: no neutral class */
    ck_assert_int_eq(bs_palette_diverging("RdBu", 6, six, 0.0, 0, c), 0);
    expect_slice(c, 6, "RdBu", 6, 0);
    /* two classes below the break and one above: the 4-class scheme */
    ck_assert_int_eq(bs_palette_diverging("BrBG", 3, three, 0.0, 0, c), 0);
    expect_slice(c, 3, "BrBG", 4, 0);
    /* a centre above all classes: all on the low side */
    ck_assert_int_eq(bs_palette_diverging("RdBu", 3, up, 10.0, 0, c), 0);
    expect_slice(c, 3, "RdBu", 6, 0);
}
END_TEST

START_TEST(test_diverging_rejects_bad_input)
{
    const double upper[7] = {1, 2, 3, 4, 5, 6, 7}, unsorted[3] = {1, 3, 2};
    bs_rgb c[7];

    ck_assert_int_eq(bs_palette_diverging("YlOrRd", 3, upper, 2.5, 0, c), -1);
    ck_assert_int_eq(bs_palette_diverging("Nope", 3, upper, 2.5, 0, c), -1);
    ck_assert_int_eq(bs_palette_diverging("RdBu", 3, unsorted, 2.5, 0, c), -1);
    ck_assert_int_eq(bs_palette_diverging("RdBu", 3, upper, NAN, 0, c), -1);
    ck_assert_int_eq(bs_palette_diverging("RdBu", 0, upper, 1, 0, c), -1);
    /* six steps on one side: ColorBrewer stops at 11 colours */
    ck_assert_int_eq(bs_palette_diverging("RdBu", 7, upper, 0.5, 0, c), -1);
    ck_assert_int_eq(bs_palette_diverging("RdBu", 6, upper, 0.5, 0, c), 0);
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

    tcase_add_test(tc, test_known_values_match_colorbrewer);
    tcase_add_test(tc, test_name_is_case_insensitive);
    tcase_add_test(tc, test_unknown_name_fails);
    tcase_add_test(tc, test_k_out_of_range_fails);
    tcase_add_test(tc, test_one_or_two_classes_use_ends_of_three);
    tcase_add_test(tc, test_all_names_resolve_and_darken);
    tcase_add_test(tc, test_diverging_values_match_colorbrewer);
    tcase_add_test(tc, test_all_diverging_names_resolve_light_in_the_middle);
    tcase_add_test(tc, test_flags_match_colorbrewer);
    tcase_add_test(tc, test_info_rejects_unknown_or_k);
    tcase_add_test(tc, test_diverging_centre_inside_a_class_gets_neutral);
    tcase_add_test(tc, test_diverging_short_side_steps_like_the_long_one);
    tcase_add_test(tc, test_diverging_centre_on_a_break_splits_an_even_scheme);
    tcase_add_test(tc, test_diverging_rejects_bad_input);
    tcase_add_test(tc, test_rgb_hex_formats_lowercase);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
