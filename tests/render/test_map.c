/* test_map.c: paper sizes, map frame placement and rendered output. */
#include <cairo.h>
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/map.h"
#include "testutil.h"

/* --- paper ------------------------------------------------------------- */

START_TEST(test_paper_parse_sizes_and_orientation)
{
    bs_paper p;

    ck_assert_int_eq(bs_paper_parse("A4", &p), 0);
    ck_assert_double_eq(p.width_mm, 210);
    ck_assert_double_eq(p.height_mm, 297);
    ck_assert_int_eq(bs_paper_parse("a3 LANDSCAPE", &p), 0);
    ck_assert_double_eq(p.width_mm, 420);
    ck_assert_double_eq(p.height_mm, 297);
    ck_assert_int_eq(bs_paper_parse("A2 portrait", &p), 0);
    ck_assert_double_eq(p.width_mm, 420);
    ck_assert_double_eq(p.height_mm, 594);
    ck_assert_int_eq(bs_paper_parse("  A4   Landscape ", &p), 0);
    ck_assert_double_eq(p.width_mm, 297);
    ck_assert_double_eq(p.height_mm, 210);
}
END_TEST

START_TEST(test_paper_parse_rejects_unknown)
{
    bs_paper p;

    ck_assert_int_eq(bs_paper_parse("A5", &p), -1);
    ck_assert_int_eq(bs_paper_parse("A4 sideways", &p), -1);
    ck_assert_int_eq(bs_paper_parse("", &p), -1);
    ck_assert_int_eq(bs_paper_parse("landscape", &p), -1);
    ck_assert_int_eq(bs_paper_parse("A4 A3", &p), -1);
    ck_assert_int_eq(bs_paper_parse("A4 landscape portrait", &p), -1);
    ck_assert_int_eq(bs_paper_parse("letter", &p), -1);
    ck_assert_int_eq(bs_paper_parse(NULL, &p), -1);
}
END_TEST

/* --- a synthetic map: 3 x 3 squares of 1 km ----------------------------- */

/* Square i = row * 3 + col, row 0 at the bottom. Square 4 (the centre)
 * has a 400 m hole in its middle; square 8 (top right) has no data. */
#define HOLE_SQ 4
#define NODATA_SQ 8

typedef struct grid {
    bs_areas a;
    int cls[9];
    bs_rgb fill[3];
    double lower[3], upper[3];
    size_t count[3];
    bs_map m;
} grid;

static void ring(bs_areas *a, double x0, double y0, double x1, double y1)
{
    const double xs[5] = {x0, x1, x1, x0, x0}, ys[5] = {y0, y0, y1, y1, y0};
    for (int i = 0; i < 5; i++) {
        a->x[a->npts] = xs[i];
        a->y[a->npts] = ys[i];
        a->npts++;
    }
    a->pt_first[++a->nrings] = a->npts;
}

static void grid_make(grid *g, const char *paper)
{
    bs_areas *a = &g->a;

    memset(g, 0, sizeof *g);
    a->n = 9;
    a->ring_first = malloc(10 * sizeof *a->ring_first);
    a->pt_first = malloc(11 * sizeof *a->pt_first);
    a->x = malloc(50 * sizeof *a->x);
    a->y = malloc(50 * sizeof *a->y);
    ck_assert(a->ring_first && a->pt_first && a->x && a->y);
    a->ring_first[0] = 0;
    a->pt_first[0] = 0;
    for (int i = 0; i < 9; i++) {
        double x = (i % 3) * 1000.0, y = (i / 3) * 1000.0;
        ring(a, x, y, x + 1000, y + 1000);
        if (i == HOLE_SQ)   /* drawn clockwise or not, even-odd makes it a hole */
            ring(a, x + 300, y + 300, x + 700, y + 700);
        a->ring_first[i + 1] = a->nrings;
        g->cls[i] = i == NODATA_SQ ? -1 : i % 3;
    }
    ck_assert_int_eq(bs_palette_get("YlOrRd", 3, g->fill), 0);
    for (int c = 0; c < 3; c++) {
        g->lower[c] = 1000.5 * c;
        g->upper[c] = 1000.5 * (c + 1);
        g->count[c] = c == 2 ? 2 : 3;
    }
    g->upper[2] = g->lower[2];   /* a singleton class */
    g->m.areas = a;
    g->m.cls = g->cls;
    g->m.k = 3;
    g->m.fill = g->fill;
    g->m.lower = g->lower;
    g->m.upper = g->upper;
    g->m.count = g->count;
    g->m.missing = 1;
    g->m.decimals = 1;
    g->m.language = "nl";
    g->m.title = "Testkaart met negen vierkanten";
    g->m.subtitle = "Drie klassen, een gat en een vak zonder gegevens";
    g->m.legend_title = "Waarde (%)";
    g->m.source = "Bron: testgegevens";
    g->m.date = "22-11-2026";
    ck_assert_int_eq(bs_paper_parse(paper, &g->m.paper), 0);
}

static void grid_free(grid *g)
{
    free(g->a.ring_first);
    free(g->a.pt_first);
    free(g->a.x);
    free(g->a.y);
}

static char *tmp_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    ck_assert_ptr_nonnull(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* --- frame -------------------------------------------------------------------- */

START_TEST(test_frame_keeps_aspect_and_fits_the_page)
{
    grid g;
    bs_map_frame fr;

    grid_make(&g, "A4 landscape");
    ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), 0);
    ck_assert_double_eq_tol(fr.width_mm, 3000 * fr.scale, 1e-9);
    ck_assert_double_eq_tol(fr.height_mm, 3000 * fr.scale, 1e-9);
    ck_assert_double_eq(fr.minx, 0);
    ck_assert_double_eq(fr.maxy, 3000);
    /* A square map on landscape paper is limited by the height. */
    ck_assert(fr.height_mm > 100 && fr.height_mm < 210 - 24);
    ck_assert(fr.x0_mm >= 12 && fr.x0_mm + fr.width_mm <= 297 - 12);
    ck_assert(fr.y0_mm >= 12 && fr.y0_mm + fr.height_mm <= 210 - 12);
    grid_free(&g);
}
END_TEST

START_TEST(test_frame_needs_geometry)
{
    size_t rf[2] = {0, 0}, pf[1] = {0};
    int cls[1] = {-1};
    bs_areas a = {0};
    bs_map m = {0};
    bs_map_frame fr;
    bs_error err;

    a.n = 1;
    a.ring_first = rf;
    a.pt_first = pf;
    m.areas = &a;
    m.cls = cls;
    ck_assert_int_eq(bs_paper_parse("A4", &m.paper), 0);
    ck_assert_int_eq(bs_map_frame_get(&m, &fr), -1);
    ck_assert_int_eq(bs_map_render(&m, BS_FORMAT_PDF, 0, "/tmp/never-written.pdf", &err), -1);
}
END_TEST

/* --- PNG pixels --------------------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, double px, double py)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    int x = (int)floor(px), y = (int)floor(py);
    ck_assert(x >= 0 && y >= 0 && x < cairo_image_surface_get_width(s) &&
              y < cairo_image_surface_get_height(s));
    return *(const uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s)
                               + 4 * (size_t)x) & 0xffffff;
}

static uint32_t rgb32(bs_rgb c)
{
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Map metres to PNG pixels through the frame the renderer promises. */
static void to_px(const bs_map_frame *fr, double dpi, double x, double y,
                  double *px, double *py)
{
    *px = (fr->x0_mm + (x - fr->minx) * fr->scale) / 25.4 * dpi;
    *py = (fr->y0_mm + (fr->maxy - y) * fr->scale) / 25.4 * dpi;
}

START_TEST(test_png_pixels_show_classes_hole_and_hatch)
{
    const double dpi = 100;
    char *dir = bs_test_tmpdir(), *path;
    cairo_surface_t *img;
    bs_map_frame fr;
    bs_error err;
    grid g;
    double px, py;

    dir = strdup(dir);
    path = tmp_path(dir, "grid.png");
    grid_make(&g, "A4 landscape");
    ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), 0);
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_PNG, dpi, path, &err) == 0, "%s", err.msg);

    img = cairo_image_surface_create_from_png(path);
    ck_assert_int_eq(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    ck_assert_int_eq(cairo_image_surface_get_width(img), 1169);    /* 297 mm */
    ck_assert_int_eq(cairo_image_surface_get_height(img), 827);    /* 210 mm */

    for (int i = 0; i < 9; i++) {
        double cx = (i % 3) * 1000 + 500, cy = (i / 3) * 1000 + 500;
        if (i == NODATA_SQ)
            continue;
        if (i == HOLE_SQ)   /* between the hole and the outer edge */
            cx -= 350;
        to_px(&fr, dpi, cx, cy, &px, &py);
        ck_assert_msg(pixel(img, px, py) == rgb32(g.fill[g.cls[i]]),
                      "square %d: %06x", i, pixel(img, px, py));
    }

    /* The hole shows the page, not the class colour. */
    to_px(&fr, dpi, 1500, 1500, &px, &py);
    ck_assert_uint_ne(pixel(img, px, py), rgb32(g.fill[g.cls[HOLE_SQ]]));
    ck_assert_uint_eq(pixel(img, px, py), 0xffffff);

    /* No data: white background with grey hatch lines, no class colour. */
    {
        int white = 0, hatch = 0, other = 0;
        double x0, y0, x1, y1;
        to_px(&fr, dpi, 2000 + 200, 3000 - 200, &x0, &y0);
        to_px(&fr, dpi, 3000 - 200, 2000 + 200, &x1, &y1);
        for (int y = (int)y0; y < (int)y1; y++)
            for (int x = (int)x0; x < (int)x1; x++) {
                uint32_t p = pixel(img, x, y);
                int r = p >> 16 & 0xff, gg = p >> 8 & 0xff, b = p & 0xff;
                if (p == 0xffffff)
                    white++;
                else if (r == gg && gg == b && r < 200)
                    hatch++;
                else if (r != gg || gg != b)
                    other++;
            }
        ck_assert_int_gt(white, 100);
        ck_assert_int_gt(hatch, 100);
        ck_assert_int_eq(other, 0);
    }
    cairo_surface_destroy(img);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Long texts wrap or shrink inside the page: the outer 6 mm stay blank. */
START_TEST(test_png_long_texts_stay_inside_the_page)
{
    const double dpi = 72;
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "long.png");
    char title[400], source[1024];   /* 20 x 43 bytes of source text */
    cairo_surface_t *img;
    bs_error err;
    grid g;
    int w, h, edge = (int)(6 / 25.4 * dpi);

    grid_make(&g, "A4 portrait");
    strcpy(title, "");
    for (int i = 0; i < 12; i++)
        strcat(title, "Jeugdhulpgebruik per wijk ");
    strcpy(source, "Bron:");
    for (int i = 0; i < 20; i++)
        strcat(source, " CBS Kerncijfers wijken en buurten 2022 \u00b7");
    g.m.title = title;
    g.m.subtitle = title;
    g.m.legend_title = title;
    g.m.source = source;
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_PNG, dpi, path, &err) == 0, "%s", err.msg);
    img = cairo_image_surface_create_from_png(path);
    ck_assert_int_eq(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    w = cairo_image_surface_get_width(img);
    h = cairo_image_surface_get_height(img);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (x < edge || y < edge || x >= w - edge || y >= h - edge)
                ck_assert_msg(pixel(img, x, y) == 0xffffff, "ink at %d,%d", x, y);
    cairo_surface_destroy(img);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* --- PDF and SVG ---------------------------------------------------------------- */

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);

    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(buf);
    n = fread(buf, 1, cap - 1, p);
    buf[n] = '\0';
    ck_assert_int_eq(pclose(p), 0);
    return buf;
}

START_TEST(test_pdf_is_a4_landscape_with_metadata)
{
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "grid.pdf");
    char cmd[1024], *out, *data, *line;
    double w = 0, h = 0;
    bs_error err;
    grid g;

    grid_make(&g, "A4 landscape");
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_PDF, 0, path, &err) == 0, "%s", err.msg);
    data = bs_test_slurp(path);
    ck_assert_ptr_nonnull(data);
    ck_assert(strncmp(data, "%PDF", 4) == 0);
    free(data);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    out = run(cmd);
    line = strstr(out, "Page size:");
    ck_assert_ptr_nonnull(line);
    ck_assert_int_eq(sscanf(line, "Page size: %lf x %lf", &w, &h), 2);
    ck_assert_double_eq_tol(w, 842, 0.5);
    ck_assert_double_eq_tol(h, 595, 0.5);
    ck_assert_ptr_nonnull(strstr(out, "Testkaart met negen vierkanten"));
    ck_assert_ptr_nonnull(strstr(out, "buurtscan"));
    free(out);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Whether text has line as a whole line. */
static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

/* The legend and scale bar text, as pdftotext reads it back. */
static char *pdf_text(grid *g, const char *dir)
{
    char *path = tmp_path(dir, "text.pdf"), cmd[1024], *out;
    bs_error err;

    ck_assert_msg(bs_map_render(&g->m, BS_FORMAT_PDF, 0, path, &err) == 0, "%s", err.msg);
    snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' -", path);
    out = run(cmd);
    free(path);
    return out;
}

START_TEST(test_pdf_legend_texts_dutch_and_english)
{
    char *dir = strdup(bs_test_tmpdir()), *out;
    grid g;

    grid_make(&g, "A4 landscape");
    out = pdf_text(&g, dir);
    ck_assert_msg(has_line(out, "0,0 \u2013 1.000,5 (3)"), "%s", out);
    ck_assert_msg(has_line(out, "1.000,5 \u2013 2.001,0 (3)"), "%s", out);
    ck_assert_msg(has_line(out, "2.001,0 (2)"), "singleton, no dash: %s", out);
    ck_assert_msg(has_line(out, "geen gegevens (1)"), "%s", out);
    ck_assert_msg(has_line(out, "0 500 m"), "scale bar: %s", out);
    ck_assert_msg(has_line(out, "Bron: testgegevens \u00b7 kaart: buurtscan, 22-11-2026"),
                  "%s", out);
    free(out);

    g.m.language = "en";
    g.m.missing = 0;
    out = pdf_text(&g, dir);
    ck_assert_msg(has_line(out, "1,000.5 \u2013 2,001.0 (3)"), "%s", out);
    ck_assert_msg(has_line(out, "no data (0)"), "the symbol shows even when unused: %s", out);
    ck_assert_msg(has_line(out, "Bron: testgegevens \u00b7 map: buurtscan, 22-11-2026"),
                  "%s", out);
    free(out);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_svg_is_written)
{
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "grid.svg"), *data;
    bs_error err;
    grid g;

    grid_make(&g, "A3");
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_SVG, 0, path, &err) == 0, "%s", err.msg);
    data = bs_test_slurp(path);
    ck_assert_ptr_nonnull(data);
    ck_assert(strncmp(data, "<?xml", 5) == 0 || strncmp(data, "<svg", 4) == 0);
    /* Physical size in points: A3 portrait is 297 x 420 mm. */
    ck_assert_ptr_nonnull(strstr(data, "width=\"841.889764pt\""));
    ck_assert_ptr_nonnull(strstr(data, "height=\"1190.55"));
    free(data);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* --- errors -------------------------------------------------------------------- */

START_TEST(test_unwritable_path_gives_error)
{
    static const bs_format fmts[] = {BS_FORMAT_PDF, BS_FORMAT_PNG, BS_FORMAT_SVG};
    const char *path = "/nonexistent-buurtscan-dir/map.out";
    bs_error err;
    grid g;

    grid_make(&g, "A4");
    for (size_t i = 0; i < 3; i++) {
        err.msg[0] = '\0';
        ck_assert_int_eq(bs_map_render(&g.m, fmts[i], 72, path, &err), -1);
        ck_assert_msg(strstr(err.msg, path) != NULL, "%s", err.msg);
    }
    grid_free(&g);
}
END_TEST

START_TEST(test_bad_class_or_dpi_gives_error)
{
    bs_error err;
    grid g;

    grid_make(&g, "A4");
    g.cls[2] = 3;   /* k = 3: classes are 0..2 */
    ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, "/tmp/never.pdf", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "area 3"));
    g.cls[2] = 1;
    ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PNG, 0, "/tmp/never.png", &err), -1);
    grid_free(&g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("map");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_paper_parse_sizes_and_orientation);
    tcase_add_test(tc, test_paper_parse_rejects_unknown);
    tcase_add_test(tc, test_frame_keeps_aspect_and_fits_the_page);
    tcase_add_test(tc, test_frame_needs_geometry);
    tcase_add_test(tc, test_png_pixels_show_classes_hole_and_hatch);
    tcase_add_test(tc, test_png_long_texts_stay_inside_the_page);
    tcase_add_test(tc, test_pdf_is_a4_landscape_with_metadata);
    tcase_add_test(tc, test_pdf_legend_texts_dutch_and_english);
    tcase_add_test(tc, test_svg_is_written);
    tcase_add_test(tc, test_unwritable_path_gives_error);
    tcase_add_test(tc, test_bad_class_or_dpi_gives_error);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
