/* test_rtext.c: the one text set-up of maps and reports: contexts at 72
 * units per inch with unhinted metrics (text measures the same on PDF, SVG
 * and PNG at any resolution), the reports' unrounded glyphs, and the map
 * rooms' text box (sizes in points, line limits, balancing). */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <check.h>
#include <math.h>
#include <string.h>

#include "buurtscan/housestyle.h"
#include "buurtscan/rtext.h"
#include "testutil.h"

#define FONT "DejaVu Sans,Sans"
#define SAMPLE "Gemeente S\u00fadwest-Frysl\u00e2n: 12,3 % (wijk 0042)"

/* Width and height (pt) of SAMPLE at 9 pt on a fresh context of cr. */
static void measure_on(cairo_t *cr, double *w, double *h)
{
    bs_rtext t;

    ck_assert_int_eq(bs_rtext_init(&t, cr, FONT), 0);
    bs_rtext_set(&t, SAMPLE, 9, 0, 0, 0);
    *w = bs_rtext_width(&t);
    *h = bs_rtext_height(&t);
    bs_rtext_free(&t);
}

START_TEST(test_text_measures_the_same_on_pdf_svg_and_png)
{
    cairo_surface_t *pdf = cairo_pdf_surface_create(NULL, 595, 842);
    cairo_surface_t *svg = cairo_svg_surface_create(NULL, 595, 842);
    cairo_surface_t *png = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
    cairo_t *cp = cairo_create(pdf), *cs = cairo_create(svg), *ci = cairo_create(png);
    double wp, hp, ws, hs, wi, hi, wi2, hi2;

    measure_on(cp, &wp, &hp);
    measure_on(cs, &ws, &hs);
    cairo_scale(ci, 300 / 72.0, 300 / 72.0);    /* a PNG page at 300 dpi */
    measure_on(ci, &wi, &hi);
    cairo_identity_matrix(ci);
    cairo_scale(ci, 96 / 72.0, 96 / 72.0);
    measure_on(ci, &wi2, &hi2);
    ck_assert(wp > 100 && wp < 250);
    ck_assert_double_eq_tol(ws, wp, 1e-9);
    ck_assert_double_eq_tol(wi, wp, 1e-9);
    ck_assert_double_eq_tol(wi2, wp, 1e-9);
    ck_assert_double_eq_tol(hs, hp, 1e-9);
    ck_assert_double_eq_tol(hi, hp, 1e-9);
    ck_assert_double_eq_tol(hi2, hp, 1e-9);
    cairo_destroy(cp);
    cairo_destroy(cs);
    cairo_destroy(ci);
    cairo_surface_destroy(pdf);
    cairo_surface_destroy(svg);
    cairo_surface_destroy(png);
}
END_TEST

static void check_setup(PangoContext *ctx, int rounded)
{
    const cairo_font_options_t *fo = pango_cairo_context_get_font_options(ctx);

    ck_assert_ptr_nonnull(fo);
    ck_assert_int_eq(cairo_font_options_get_hint_metrics(fo), CAIRO_HINT_METRICS_OFF);
    ck_assert_int_eq(cairo_font_options_get_hint_style(fo), CAIRO_HINT_STYLE_NONE);
    ck_assert_double_eq(pango_cairo_context_get_resolution(ctx), 72.0);
    ck_assert_int_eq(!!pango_context_get_round_glyph_positions(ctx), rounded);
}

START_TEST(test_contexts_for_maps_and_reports_share_the_setup)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    PangoContext *map = bs_rtext_context_for(cr, 0), *doc;
    PangoFontMap *fm;

    ck_assert_ptr_nonnull(map);
    check_setup(map, 1);
    ck_assert_int_eq(bs_rtext_context_own(&fm, &doc, BS_RTEXT_UNROUNDED), 0);
    ck_assert_ptr_nonnull(fm);
    ck_assert_ptr_nonnull(doc);
    ck_assert_ptr_eq(pango_context_get_font_map(doc), fm);
    check_setup(doc, 0);
    g_object_unref(doc);
    g_object_unref(fm);
    g_object_unref(map);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}
END_TEST

/* Sizes are points: twice the size, twice the width (to a few per cent:
 * the maps' glyph positions are rounded to whole points); a line of 10 pt
 * type is a little over 10 pt high (DejaVu Sans: ascent + descent
 * 1.164 em). */
START_TEST(test_sizes_are_points)
{
    cairo_surface_t *s = cairo_pdf_surface_create(NULL, 595, 842);
    cairo_t *cr = cairo_create(s);
    bs_rtext t;
    double w10, h10, w20;

    ck_assert_int_eq(bs_rtext_init(&t, cr, FONT), 0);
    bs_rtext_set(&t, SAMPLE, 10, 0, 0, 0);
    w10 = bs_rtext_width(&t);
    h10 = bs_rtext_height(&t);
    bs_rtext_set(&t, SAMPLE, 20, 0, 0, 0);
    w20 = bs_rtext_width(&t);
    ck_assert_double_eq_tol(w20 / w10, 2.0, 0.05);
    ck_assert_double_eq_tol(h10, 11.64, 0.1);
    ck_assert_int_eq(bs_rtext_lines(&t), 1);
    bs_rtext_set(&t, SAMPLE, 10, 1, 0, 0);
    ck_assert(bs_rtext_width(&t) > w10);   /* bold is wider */
    bs_rtext_free(&t);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}
END_TEST

START_TEST(test_max_lines_shorten_and_balance_keeps_the_lines)
{
    static const char *longer =
        "Aandeel huishoudens met een inkomen tot 120 % van het sociaal minimum";
    cairo_surface_t *s = cairo_pdf_surface_create(NULL, 595, 842);
    cairo_t *cr = cairo_create(s);
    bs_rtext t;
    double full, balanced;
    int lines;

    ck_assert_int_eq(bs_rtext_init(&t, cr, FONT), 0);
    bs_rtext_set(&t, longer, 10, 0, 120, 0);
    lines = bs_rtext_lines(&t);
    ck_assert_int_ge(lines, 3);
    bs_rtext_set(&t, longer, 10, 0, 120, 2);
    ck_assert_int_eq(bs_rtext_lines(&t), 2);
    ck_assert(pango_layout_is_ellipsized(t.lay));

    /* two lines, the second short: balancing narrows the box, keeps two */
    bs_rtext_set(&t, longer, 10, 0, 0, 0);
    full = bs_rtext_width(&t);
    bs_rtext_set(&t, longer, 10, 0, full * 0.8, 0);
    ck_assert_int_eq(bs_rtext_lines(&t), 2);
    bs_rtext_balance(&t, full * 0.8);
    ck_assert_int_eq(bs_rtext_lines(&t), 2);
    balanced = pango_layout_get_width(t.lay) / (double)PANGO_SCALE;
    ck_assert(balanced < full * 0.65);
    ck_assert(balanced > full * 0.45);
    bs_rtext_free(&t);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}
END_TEST

/* The house style lives with the renderer; its font is the one set up. */
START_TEST(test_house_style_font_sets_text)
{
    cairo_surface_t *s = cairo_pdf_surface_create(NULL, 595, 842);
    cairo_t *cr = cairo_create(s);
    bs_style st;
    bs_rtext t;

    bs_style_default(&st);
    ck_assert_str_eq(st.font, FONT);
    ck_assert_double_eq(st.title_size, 18.0);
    ck_assert_int_eq(bs_rtext_init(&t, cr, st.font), 0);
    bs_rtext_set(&t, "N", st.north_size, 1, 0, 0);
    ck_assert(bs_rtext_width(&t) > 0);
    bs_rtext_show(&t, 10, 10, st.text_colour);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    bs_rtext_free(&t);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rtext");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_text_measures_the_same_on_pdf_svg_and_png);
    tcase_add_test(tc, test_contexts_for_maps_and_reports_share_the_setup);
    tcase_add_test(tc, test_sizes_are_points);
    tcase_add_test(tc, test_max_lines_shorten_and_balance_keeps_the_lines);
    tcase_add_test(tc, test_house_style_font_sets_text);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
