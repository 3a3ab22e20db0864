/* test_choropleth.c: the classed areas drawn into part of a raster: a PNG
 * page is drawn band by band, each band leaving out the areas above and
 * below its rows (choropleth.c); every band must still hold exactly the
 * pixels of the page drawn whole. Hatches and text are the exception, as
 * they were before areas were left out: the hatch lines run over the
 * extents of a clip that ends at the band's rows, and cairo flattens the
 * curves of glyphs in device space (a band is drawn shifted up by its top
 * row), so the pixels of hatch lines and labels' halos can be a few steps
 * of 255 apart (up to 5 here). */
#include <cairo.h>
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/map.h"
#include "mapgrid.h"
#include "testutil.h"

#define PAGE_W_PT 420.0
#define PAGE_H_PT 560.0

/* Rows top .. top + h of the panel of m, drawn at dpi into a surface of
 * their own, as surface.c draws a band of a PNG page. */
static cairo_surface_t *draw_rows(const bs_map *m, double dpi, int top, int h)
{
    double s = dpi / 72.0;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                      (int)round(PAGE_W_PT * s), h);
    cairo_t *cr = cairo_create(img);
    bs_error err;

    cairo_translate(cr, 0, -top);
    cairo_scale(cr, s, s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    ck_assert_msg(bs_map_draw(cr, m, 8, 8, PAGE_W_PT * 25.4 / 72 - 16,
                              PAGE_H_PT * 25.4 / 72 - 16, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    return img;
}

static int channel_diff(uint32_t a, uint32_t b)
{
    int d = 0;
    for (int sh = 0; sh < 24; sh += 8) {
        int e = abs((int)(a >> sh & 0xff) - (int)(b >> sh & 0xff));
        d = e > d ? e : d;
    }
    return d;
}

/* The page drawn whole and in bands of the given heights: the same rows,
 * no channel of a pixel more than tol apart (0: bit for bit). Returns how
 * many pixels of the map are not white (that the map is there at all). */
static long bands_match_whole(const bs_map *m, double dpi, const int *heights, int nb,
                              int tol)
{
    int H = (int)round(PAGE_H_PT * dpi / 72.0), top = 0;
    cairo_surface_t *whole = draw_rows(m, dpi, 0, H);
    int stride = cairo_image_surface_get_stride(whole);
    int w = cairo_image_surface_get_width(whole);
    const unsigned char *wd = cairo_image_surface_get_data(whole);
    long coloured = 0;

    for (int b = 0; b <= nb && top < H; b++) {
        int h = b < nb ? heights[b] : H - top;
        cairo_surface_t *band = draw_rows(m, dpi, top, h);
        const unsigned char *bd = cairo_image_surface_get_data(band);
        ck_assert_int_eq(cairo_image_surface_get_stride(band), stride);
        for (int y = 0; y < h; y++) {
            const uint32_t *pw = (const uint32_t *)(wd + (size_t)(top + y) * (size_t)stride);
            const uint32_t *pb = (const uint32_t *)(bd + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                /* one assertion per mismatch only: Check logs each one */
                if (channel_diff(pw[x], pb[x]) > tol)
                    ck_abort_msg("band %d (rows %d..%d), pixel %d,%d: %06x whole, %06x band",
                                 b, top, top + h, x, top + y, pw[x] & 0xffffff,
                                 pb[x] & 0xffffff);
                coloured += (pw[x] & 0xffffff) != 0xffffff;
            }
        }
        cairo_surface_destroy(band);
        top += h;
    }
    cairo_surface_destroy(whole);
    return coloured;
}

/* 45 x 56 areas: 5,000 borders, more than one batch of strokes; bands cut
 * through areas, borders, hatches and labels anywhere, one of them a
 * single row. */
START_TEST(test_bands_hold_the_pixels_of_the_whole_page)
{
    const int heights[4] = { 301, 1, 250, 97 };
    size_t focus[40];
    int *cls;
    bs_style st;
    mapgrid g;

    mapgrid_make(&g, 45, 56, 1);
    ck_assert_uint_gt(g.simple->arcs->n, 4096);
    cls = malloc(g.a.n * sizeof *cls);
    ck_assert_ptr_nonnull(cls);
    memcpy(cls, g.cls, g.a.n * sizeof *cls);
    for (size_t k = 0; k < g.a.n; k++)   /* no hatches to begin with */
        g.cls[k] = g.cls[k] < 0 ? 0 : g.cls[k];
    bs_style_default(&st);
    st.outline_width = 1.5;     /* wide pens reach across a band's edge */
    g.m.style = &st;
    ck_assert_int_gt(bands_match_whole(&g.m, 150, heights, 4, 0), 100000);
    /* faded areas outside a focus: two passes of fills and outlines */
    for (size_t k = 0; k < 40; k++)
        focus[k] = 97 * k % g.a.n;
    g.m.focus = focus;
    g.m.nfocus = 40;
    ck_assert_int_gt(bands_match_whole(&g.m, 100, heights, 3, 0), 40000);
    g.m.focus = NULL;
    g.m.nfocus = 0;
    /* rings without arcs: outlined area by area */
    g.m.areas = &g.a;
    ck_assert_int_gt(bands_match_whole(&g.m, 150, heights, 4, 0), 100000);
    /* the fine house outline */
    g.m.areas = g.simple;
    g.m.style = NULL;
    ck_assert_int_gt(bands_match_whole(&g.m, 200, heights, 4, 0), 200000);
    /* hatched areas and labels with their halos: a few steps apart at most */
    memcpy(g.cls, cls, g.a.n * sizeof *cls);
    g.m.labels = (const char *const *)g.label;
    ck_assert_int_gt(bands_match_whole(&g.m, 150, heights, 4, 8), 100000);
    free(cls);
    mapgrid_free(&g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("choropleth");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_bands_hold_the_pixels_of_the_whole_page);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
