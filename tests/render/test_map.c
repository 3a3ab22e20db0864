/* test_map.c: paper sizes, map frame placement and rendered output; the
 * panel API, layers (context, points, highlights, fade, zoom, the secret
 * class, inset), small multiples and the style file. */
#include <cairo.h>
#include <check.h>
#include <math.h>
#include <png.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/limits.h"
#include "buurtscan/map.h"
#include "buurtscan/style.h"
#include "buurtscan/topology.h"
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

/* Output of a command that must succeed (malloc'd). */
static char *run(const char *cmd)
{
    char *out = bs_test_cmd("%s", cmd);

    ck_assert_msg(out != NULL, "failed: %s", cmd);
    return out;
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

/* A map holds up to BS_CLASSES_MAX classes, each with its legend row; one
 * more is refused. */
START_TEST(test_legend_holds_the_most_classes_and_more_are_refused)
{
    char *dir = strdup(bs_test_tmpdir()), *out, line[64];
    bs_rgb fill[BS_CLASSES_MAX + 1];
    double lower[BS_CLASSES_MAX + 1], upper[BS_CLASSES_MAX + 1];
    size_t count[BS_CLASSES_MAX + 1];
    bs_error err;
    grid g;

    grid_make(&g, "A4 landscape");
    for (int c = 0; c <= BS_CLASSES_MAX; c++) {
        fill[c] = (bs_rgb){(unsigned char)(20 * c), 100, (unsigned char)(240 - 15 * c)};
        lower[c] = c;
        upper[c] = c + 0.5;
        count[c] = c < 8 ? 1 : 0;
    }
    for (int i = 0; i < 8; i++)
        g.cls[i] = i;
    g.m.k = BS_CLASSES_MAX;
    g.m.fill = fill;
    g.m.lower = lower;
    g.m.upper = upper;
    g.m.count = count;
    out = pdf_text(&g, dir);
    for (int c = 0; c < BS_CLASSES_MAX; c++) {
        snprintf(line, sizeof line, "%d,0 \u2013 %d,5 (%zu)", c, c, count[c]);
        ck_assert_msg(has_line(out, line), "%s missing: %s", line, out);
    }
    ck_assert_msg(has_line(out, "geen gegevens (1)"), "%s", out);
    free(out);

    g.m.k = BS_CLASSES_MAX + 1;
    err.msg[0] = '\0';
    ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, bs_test_path(dir, "x.pdf"),
                                   &err), -1);
    snprintf(line, sizeof line, "%d classes", BS_CLASSES_MAX + 1);
    ck_assert_msg(strstr(err.msg, line) != NULL, "%s", err.msg);
    ck_assert_int_eq(bs_test_count_entries(dir), 1);   /* text.pdf only */
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

/* A PNG read back with libpng itself: size, colour type, bit depth, the
 * pHYs resolution (0 when absent) and the 8-bit samples, 3 or 4 a pixel. */
typedef struct png_read {
    png_uint_32 w, h, ppm_x, ppm_y;
    int channels, depth, unit;
    unsigned char *px;
} png_read;

static void png_load(const char *path, png_read *r)
{
    FILE *f = fopen(path, "rb");
    png_structp png;
    png_infop info;
    png_bytep *rows;

    ck_assert_ptr_nonnull(f);
    memset(r, 0, sizeof *r);
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(png);
    info = png_create_info_struct(png);
    ck_assert_ptr_nonnull(info);
    if (setjmp(png_jmpbuf(png)))
        ck_abort_msg("%s: libpng cannot read it", path);
    png_init_io(png, f);
    png_read_info(png, info);
    r->w = png_get_image_width(png, info);
    r->h = png_get_image_height(png, info);
    r->channels = png_get_channels(png, info);
    r->depth = png_get_bit_depth(png, info);
    png_get_pHYs(png, info, &r->ppm_x, &r->ppm_y, &r->unit);
    r->px = malloc((size_t)r->w * r->h * r->channels);
    rows = malloc(r->h * sizeof *rows);
    ck_assert(r->px && rows);
    for (png_uint_32 y = 0; y < r->h; y++)
        rows[y] = r->px + (size_t)y * r->w * r->channels;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    fclose(f);
}

static uint32_t png_rgb(const png_read *r, double px, double py)
{
    const unsigned char *p = r->px + ((size_t)floor(py) * r->w + (size_t)floor(px)) * r->channels;
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

START_TEST(test_png_records_dpi_and_exact_colours)
{
    const double dpi = 150;
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "grid.png");
    bs_map_frame fr;
    bs_error err;
    png_read r;
    grid g;
    double px, py;

    grid_make(&g, "A4 landscape");
    ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), 0);
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_PNG, dpi, path, &err) == 0, "%s", err.msg);
    png_load(path, &r);
    ck_assert_uint_eq(r.w, 1754);    /* 297 mm at 150 dpi */
    ck_assert_uint_eq(r.h, 1240);
    ck_assert_int_eq(r.channels, 3); /* an opaque page: RGB, no alpha */
    ck_assert_int_eq(r.depth, 8);
    ck_assert_int_eq(r.unit, PNG_RESOLUTION_METER);
    ck_assert_uint_eq(r.ppm_x, 5906);   /* 150 / 0.0254 */
    ck_assert_uint_eq(r.ppm_y, 5906);
    for (int i = 0; i < 9; i++) {
        if (i == NODATA_SQ || i == HOLE_SQ)
            continue;
        to_px(&fr, dpi, (i % 3) * 1000 + 500, (i / 3) * 1000 + 500, &px, &py);
        ck_assert_msg(png_rgb(&r, px, py) == rgb32(g.fill[g.cls[i]]),
                      "square %d: %06x", i, png_rgb(&r, px, py));
    }
    free(r.px);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Premultiplied ARGB comes out as straight RGBA; an opaque ARGB surface
 * as RGB. */
START_TEST(test_png_from_argb_surfaces)
{
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "argb.png");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 3, 1);
    uint32_t *d;
    bs_error err;
    png_read r;

    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(s);
    d = (uint32_t *)(void *)cairo_image_surface_get_data(s);
    d[0] = 0xff336699u;    /* opaque */
    d[1] = 0x80800040u;    /* half-transparent red with a little blue */
    d[2] = 0x00000000u;    /* transparent */
    cairo_surface_mark_dirty(s);
    ck_assert_msg(bs_map_write_png(s, 96, path, &err) == 0, "%s", err.msg);
    png_load(path, &r);
    ck_assert_int_eq(r.channels, 4);
    ck_assert_uint_eq(r.ppm_x, 3780);   /* 96 / 0.0254 */
    {
        static const unsigned char want[12] = {0x33, 0x66, 0x99, 0xff,
                                               0xff, 0x00, 0x80, 0x80,
                                               0x00, 0x00, 0x00, 0x00};
        ck_assert_mem_eq(r.px, want, 12);
    }
    free(r.px);

    cairo_surface_flush(s);
    d[1] = 0xff000000u;
    d[2] = 0xffffffffu;
    cairo_surface_mark_dirty(s);
    ck_assert_msg(bs_map_write_png(s, 96, path, &err) == 0, "%s", err.msg);
    png_load(path, &r);
    ck_assert_int_eq(r.channels, 3);
    {
        static const unsigned char want[9] = {0x33, 0x66, 0x99, 0, 0, 0,
                                              0xff, 0xff, 0xff};
        ck_assert_mem_eq(r.px, want, 9);
    }
    free(r.px);

    /* libpng's own errors (a full disk here) come back as ours */
    err.msg[0] = '\0';
    ck_assert_int_eq(bs_map_write_png(s, 96, "/dev/full", &err), -1);
    ck_assert_msg(strstr(err.msg, "/dev/full") != NULL, "%s", err.msg);
    cairo_surface_destroy(s);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

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

/* --- helpers for the layer tests ------------------------------------------ */

/* Renders g to a PNG at dpi and loads it; the frame comes back in fr. */
static cairo_surface_t *render_png(grid *g, double dpi, bs_map_frame *fr)
{
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "map.png");
    cairo_surface_t *img;
    bs_error err;

    if (fr)
        ck_assert_int_eq(bs_map_frame_get(&g->m, fr), 0);
    ck_assert_msg(bs_map_render(&g->m, BS_FORMAT_PNG, dpi, path, &err) == 0, "%s", err.msg);
    img = cairo_image_surface_create_from_png(path);
    ck_assert_int_eq(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
    return img;
}

static uint32_t map_pixel(cairo_surface_t *img, const bs_map_frame *fr, double dpi,
                          double x, double y)
{
    double px, py;
    to_px(fr, dpi, x, y, &px, &py);
    return pixel(img, px, py);
}

static int channel_near(uint32_t p, int shift, double want)
{
    return fabs((double)(p >> shift & 0xff) - want) <= 1.0;
}

/* Whether pixel p is colour c faded to keep (share kept, rest white). */
static int is_faded(uint32_t p, bs_rgb c, double keep)
{
    return channel_near(p, 16, 255 - keep * (255 - c.r)) &&
           channel_near(p, 8, 255 - keep * (255 - c.g)) &&
           channel_near(p, 0, 255 - keep * (255 - c.b));
}

static int grey_level(uint32_t p)
{
    int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
    return r == g && g == b ? r : -1;
}

/* A pixel without the bounds assertion, for loops over a whole image
 * (Check records every passing assertion through a pipe). */
static uint32_t fast_pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    return *(const uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s)
                               + 4 * (size_t)x) & 0xffffff;
}

/* Grey ink (hatch) pixels in a box of map metres. */
static int count_hatch(cairo_surface_t *img, const bs_map_frame *fr, double dpi,
                       double x0, double y0, double x1, double y1)
{
    double ax, ay, bx, by;
    int n = 0;

    to_px(fr, dpi, x0, y1, &ax, &ay);
    to_px(fr, dpi, x1, y0, &bx, &by);
    for (int y = (int)ay; y < (int)by; y++)
        for (int x = (int)ax; x < (int)bx; x++) {
            int gl = grey_level(fast_pixel(img, x, y));
            n += gl >= 0 && gl < 200;
        }
    return n;
}

/* One big square around the grid: context for the layer tests. */
typedef struct context {
    bs_areas a;
    size_t rf[2], pf[2];
    double x[5], y[5];
} context;

static void context_make(context *c)
{
    const double xs[5] = {-3000, 6000, 6000, -3000, -3000};
    const double ys[5] = {-3000, -3000, 6000, 6000, -3000};

    memset(c, 0, sizeof *c);
    memcpy(c->x, xs, sizeof xs);
    memcpy(c->y, ys, sizeof ys);
    c->rf[1] = 1;
    c->pf[1] = 5;
    c->a.n = 1;
    c->a.nrings = 1;
    c->a.npts = 5;
    c->a.ring_first = c->rf;
    c->a.pt_first = c->pf;
    c->a.x = c->x;
    c->a.y = c->y;
}

/* --- the panel API ------------------------------------------------------------- */

/* bs_map_draw fits the map into a rectangle of a caller's context, keeps
 * its aspect, centres it, and leaves the context's state as it was. */
START_TEST(test_draw_panel_into_a_rectangle_of_any_context)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
    cairo_t *cr = cairo_create(img);
    const double k = 72 / 25.4;   /* pixels per mm at one pixel per point */
    bs_error err;
    grid g;

    grid_make(&g, "A4 landscape");
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_line_width(cr, 7);
    /* a 100 x 50 mm rectangle at (20, 10): the 3 km square map becomes
     * 50 x 50 mm at x = 45 mm */
    ck_assert_msg(bs_map_draw(cr, &g.m, 20, 10, 100, 50, &err) == 0, "%s", err.msg);
    ck_assert_double_eq(cairo_get_line_width(cr), 7);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(img);
    for (int i = 0; i < 8; i++) {
        double x = 45 + ((i % 3) * 1000 + 500) / 60.0, y = 10 + (3000 - (i / 3) * 1000 - 500) / 60.0;
        if (i == HOLE_SQ)
            x -= 350 / 60.0;
        ck_assert_msg(pixel(img, x * k, y * k) == rgb32(g.fill[g.cls[i]]), "square %d", i);
    }
    /* left and right of the map, inside the rectangle: untouched */
    ck_assert_uint_eq(pixel(img, 30 * k, 35 * k), 0xffffff);
    ck_assert_uint_eq(pixel(img, 110 * k, 35 * k), 0xffffff);
    /* an empty rectangle or no context is an error */
    ck_assert_int_eq(bs_map_draw(cr, &g.m, 20, 10, 0, 50, &err), -1);
    ck_assert_int_eq(bs_map_draw(NULL, &g.m, 20, 10, 100, 50, &err), -1);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    grid_free(&g);
}
END_TEST

/* The furniture flags put a scale bar and a north arrow in the panel. */
START_TEST(test_draw_panel_furniture_flags)
{
    cairo_surface_t *img[2];
    bs_error err;
    grid g;
    int dark[2] = {0, 0};

    grid_make(&g, "A4 landscape");
    for (int f = 0; f < 2; f++) {
        cairo_t *cr;
        img[f] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 400);
        cr = cairo_create(img[f]);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        g.m.furniture = f ? BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW : 0;
        ck_assert_msg(bs_map_draw(cr, &g.m, 10, 10, 120, 120, &err) == 0, "%s", err.msg);
        cairo_destroy(cr);
        cairo_surface_flush(img[f]);
        for (int y = 0; y < 400; y++)
            for (int x = 0; x < 400; x++) {
                int gl = grey_level(fast_pixel(img[f], x, y));
                dark[f] += gl >= 0 && gl < 60;
            }
        cairo_surface_destroy(img[f]);
    }
    /* the grid has no dark colour of its own: dark ink is furniture */
    ck_assert_int_eq(dark[0], 0);
    ck_assert_int_gt(dark[1], 100);
    grid_free(&g);
}
END_TEST

/* --- layers ------------------------------------------------------------------------ */

START_TEST(test_highlighted_outline_is_dark)
{
    const double dpi = 100;
    bs_map_frame fr;
    const size_t hl[1] = {HOLE_SQ};
    grid g;
    int darkest[2];

    grid_make(&g, "A4 landscape");
    for (int h = 0; h < 2; h++) {
        cairo_surface_t *img;
        double px, py;
        g.m.highlight = h ? hl : NULL;
        g.m.nhighlight = h ? 1 : 0;
        img = render_png(&g, dpi, &fr);
        darkest[h] = 255;
        /* along the left edge of square 4, and around its hole */
        for (int k = 0; k < 2; k++) {
            to_px(&fr, dpi, k ? 1300 : 1000, 1500, &px, &py);
            for (int dy = -2; dy <= 2; dy++)
                for (int dx = -2; dx <= 2; dx++) {
                    uint32_t p = pixel(img, px + dx, py + dy);
                    int m = (int)fmax(p >> 16 & 0xff, fmax(p >> 8 & 0xff, p & 0xff));
                    if (m < darkest[h])
                        darkest[h] = m;
                }
        }
        cairo_surface_destroy(img);
    }
    ck_assert_int_gt(darkest[0], 0x60);   /* the plain outline is mid grey */
    ck_assert_int_lt(darkest[1], 0x30);   /* the highlight is near black */
    grid_free(&g);
}
END_TEST

START_TEST(test_point_symbols_have_their_colours_and_legend)
{
    const double dpi = 100;
    const bs_point_style st[3] = {
        {BS_SYMBOL_CIRCLE, {0x31, 0x82, 0xbd}, {255, 255, 255}, 4.0, "IKC"},
        {BS_SYMBOL_SQUARE, {0x33, 0xa0, 0x2c}, {0, 0, 0}, 4.0, "School"},
        {BS_SYMBOL_DIAMOND, {0x6a, 0x3d, 0x9a}, {0, 0, 0}, 4.0, NULL},
    };
    const double x[4] = {500, 2500, 1500, 2500}, y[4] = {500, 1500, 2500, 500};
    const int kind[4] = {0, 1, 2, 1};
    bs_points pts = {4, x, y, kind, st, 3};
    char *dir = strdup(bs_test_tmpdir()), *out;
    cairo_surface_t *img;
    bs_map_frame fr;
    grid g;

    grid_make(&g, "A4 landscape");
    g.m.points = &pts;
    img = render_png(&g, dpi, &fr);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 500), 0x3182bd);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 2500, 1500), 0x33a02c);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 1500, 2500), 0x6a3d9a);
    /* away from the symbol the class colour is back */
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 850), rgb32(g.fill[0]));
    cairo_surface_destroy(img);
    out = pdf_text(&g, dir);
    ck_assert_msg(has_line(out, "IKC (1)"), "%s", out);
    ck_assert_msg(has_line(out, "School (2)"), "%s", out);
    free(out);
    /* a symbol index outside the styles is an error */
    {
        const int bad[4] = {0, 1, 3, 0};
        bs_error err;
        pts.kind = bad;
        ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, "/tmp/never.pdf", &err), -1);
        ck_assert_ptr_nonnull(strstr(err.msg, "point 3"));
    }
    grid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Context polygons show light grey around a zoomed map and in holes. */
START_TEST(test_context_is_light_grey_around_and_in_holes)
{
    const double dpi = 100, ext[4] = {-1000, -1000, 4000, 4000};
    bs_style def;
    bs_map_frame fr;
    cairo_surface_t *img;
    context c;
    grid g;
    uint32_t p;

    bs_style_default(&def);
    context_make(&c);
    grid_make(&g, "A4 landscape");
    g.m.context = &c.a;
    g.m.extent = ext;
    img = render_png(&g, dpi, &fr);
    ck_assert_double_eq(fr.minx, -1000);
    ck_assert_double_eq(fr.maxy, 4000);
    p = map_pixel(img, &fr, dpi, -500, -500);
    ck_assert_msg(grey_level(p) >= 0 && fabs(grey_level(p) - 255 * def.context_colour.r) <= 1,
                  "around: %06x", p);
    p = map_pixel(img, &fr, dpi, 1500, 1500);   /* the hole in square 4 */
    ck_assert_msg(grey_level(p) >= 0 && fabs(grey_level(p) - 255 * def.context_colour.r) <= 1,
                  "hole: %06x", p);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 500), rgb32(g.fill[0]));
    cairo_surface_destroy(img);
    grid_free(&g);
}
END_TEST

/* A diverging scheme centred on 0: the class holding 0 is the neutral
 * middle colour on the page. */
START_TEST(test_diverging_centre_class_is_neutral_on_the_map)
{
    const double dpi = 100, upper[3] = {-1, 1, 3};
    bs_map_frame fr;
    cairo_surface_t *img;
    grid g;

    grid_make(&g, "A4 landscape");
    ck_assert_int_eq(bs_palette_diverging("RdBu", 3, upper, 0.0, 0, g.fill), 0);
    img = render_png(&g, dpi, &fr);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 1500, 500), 0xf7f7f7);   /* class 1 */
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 500), 0xef8a62);    /* below */
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 2500, 500), 0x67a9cf);   /* above */
    cairo_surface_destroy(img);
    grid_free(&g);
}
END_TEST

/* cls = -2: crossed hatch (about twice the ink of the no-data hatch) and
 * a legend entry with its count, only when such areas exist. */
START_TEST(test_secret_class_is_cross_hatched_with_a_legend_entry)
{
    const double dpi = 100;
    char *dir = strdup(bs_test_tmpdir()), *out;
    cairo_surface_t *img;
    bs_map_frame fr;
    grid g;
    int single, crossed;

    grid_make(&g, "A4 landscape");
    out = pdf_text(&g, dir);
    ck_assert_ptr_null(strstr(out, "te klein"));
    free(out);
    g.cls[0] = -2;
    g.count[0]--;
    img = render_png(&g, dpi, &fr);
    single = count_hatch(img, &fr, dpi, 2100, 2100, 2900, 2900);   /* square 8 */
    crossed = count_hatch(img, &fr, dpi, 100, 100, 900, 900);      /* square 0 */
    ck_assert_int_gt(single, 100);
    ck_assert_msg(crossed > 1.6 * single && crossed < 2.4 * single, "%d vs %d",
                  crossed, single);
    cairo_surface_destroy(img);
    out = pdf_text(&g, dir);
    ck_assert_msg(has_line(out, "te klein of geheim (1)"), "%s", out);
    ck_assert_msg(has_line(out, "geen gegevens (1)"), "%s", out);
    free(out);
    g.m.language = "en";
    out = pdf_text(&g, dir);
    ck_assert_msg(has_line(out, "too small or confidential (1)"), "%s", out);
    free(out);
    g.cls[0] = -3;
    {
        bs_error err;
        ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, "/tmp/never.pdf", &err), -1);
        ck_assert_ptr_nonnull(strstr(err.msg, "outside -2..2"));
    }
    grid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Atlas pages: the focus at full colour, the others faded towards white. */
START_TEST(test_fade_keeps_the_focus_and_fades_the_rest)
{
    const double dpi = 100;
    const size_t focus[1] = {0};
    bs_style def;
    bs_map_frame fr;
    cairo_surface_t *img;
    grid g;
    uint32_t p;

    bs_style_default(&def);
    grid_make(&g, "A4 landscape");
    g.m.focus = focus;
    g.m.nfocus = 1;
    img = render_png(&g, dpi, &fr);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 500), rgb32(g.fill[0]));
    p = map_pixel(img, &fr, dpi, 1500, 500);
    ck_assert_msg(is_faded(p, g.fill[1], def.fade), "%06x", p);
    p = map_pixel(img, &fr, dpi, 2500, 500);
    ck_assert_msg(is_faded(p, g.fill[2], def.fade), "%06x", p);
    cairo_surface_destroy(img);
    g.m.nfocus = 1;
    g.m.focus = (const size_t[]){9};
    {
        bs_error err;
        ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, "/tmp/never.pdf", &err), -1);
        ck_assert_ptr_nonnull(strstr(err.msg, "focus"));
    }
    grid_free(&g);
}
END_TEST

/* A zoom extent sets the frame (bs_map_frame_get agrees) and clips. */
START_TEST(test_extent_zooms_and_clips)
{
    const double dpi = 100, ext[4] = {0, 0, 1000, 1000};
    bs_map_frame whole, fr;
    cairo_surface_t *img;
    grid g;

    grid_make(&g, "A4 landscape");
    ck_assert_int_eq(bs_map_frame_get(&g.m, &whole), 0);
    g.m.extent = ext;
    img = render_png(&g, dpi, &fr);
    ck_assert_double_eq(fr.minx, 0);
    ck_assert_double_eq(fr.maxy, 1000);
    ck_assert_double_eq_tol(fr.scale, 3 * whole.scale, 1e-9);
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 500, 500), rgb32(g.fill[0]));
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 50, 950), rgb32(g.fill[0]));
    /* just outside the frame the neighbours are cut off: page white */
    ck_assert_uint_eq(map_pixel(img, &fr, dpi, 1030, 500), 0xffffff);
    cairo_surface_destroy(img);
    g.m.extent = (const double[4]){5, 5, 5, 10};
    {
        bs_error err;
        ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), -1);
        ck_assert_int_eq(bs_map_render(&g.m, BS_FORMAT_PDF, 0, "/tmp/never.pdf", &err), -1);
        ck_assert_ptr_nonnull(strstr(err.msg, "extent"));
    }
    grid_free(&g);
}
END_TEST

static int count_colour(cairo_surface_t *img, uint32_t c)
{
    int n = 0, w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            n += fast_pixel(img, x, y) == c;
    return n;
}

/* The locator inset draws the map's extent in red, only when asked and
 * when there is context to locate it in. */
START_TEST(test_inset_marks_the_extent_in_red)
{
    const double ext[4] = {0, 0, 1500, 1500};
    cairo_surface_t *img;
    context c;
    grid g;

    context_make(&c);
    grid_make(&g, "A4 landscape");
    g.m.extent = ext;
    g.m.context = &c.a;
    img = render_png(&g, 100, NULL);
    ck_assert_int_eq(count_colour(img, 0xe31a1c), 0);
    cairo_surface_destroy(img);
    g.m.inset = 1;
    img = render_png(&g, 100, NULL);
    ck_assert_int_gt(count_colour(img, 0xe31a1c), 30);
    cairo_surface_destroy(img);
    g.m.context = NULL;
    img = render_png(&g, 100, NULL);
    ck_assert_int_eq(count_colour(img, 0xe31a1c), 0);
    cairo_surface_destroy(img);
    grid_free(&g);
}
END_TEST

/* Labels on the grid: all fit inside their squares, inside the frame, and
 * the result lists every one. */
START_TEST(test_labels_fill_the_result)
{
    const char *names[9] = {"Vak een", "Vak twee", "Vak drie", "Vak vier", NULL,
                            "Vak zes", "Vak zeven", "Vak acht", "Vak negen"};
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "labels.svg");
    bs_label_set ls = {0};
    bs_map_frame fr;
    bs_error err;
    grid g;

    grid_make(&g, "A4 landscape");
    g.m.labels = names;
    g.m.label_result = &ls;
    ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), 0);
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_SVG, 0, path, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ls.n, 8);
    ck_assert_uint_eq(ls.ninside, 8);
    for (size_t i = 0; i < ls.n; i++) {
        const bs_label *l = &ls.label[i];
        double cx = fr.x0_mm + ((l->area % 3) * 1000 + 500) * fr.scale;
        double cy = fr.y0_mm + (3000 - (l->area / 3) * 1000.0 - 500) * fr.scale;
        ck_assert_str_eq(l->text, names[l->area]);
        ck_assert(l->box.x0 > cx - 500 * fr.scale && l->box.x1 < cx + 500 * fr.scale);
        ck_assert(l->box.y0 > cy - 500 * fr.scale && l->box.y1 < cy + 500 * fr.scale);
        for (size_t j = 0; j < i; j++)
            ck_assert(!bs_label_box_overlap(&l->box, &ls.label[j].box));
    }
    bs_label_set_free(&ls);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* --- small multiples ---------------------------------------------------------------- */

static int count_lines(const char *text, const char *line)
{
    int n = 0;
    size_t len = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p += len)
        if ((p == text || p[-1] == '\n') && (p[len] == '\n' || p[len] == '\0'))
            n++;
    return n;
}

START_TEST(test_small_multiples_shared_or_own_legends)
{
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "multi.pdf");
    char cmd[1024], *out;
    const char *titles[4] = {"Paneel 2019", "Paneel 2020", "Paneel 2021", "Paneel 2022"};
    bs_map panels[4];
    bs_rgb other[3];
    bs_page page;
    bs_error err;
    double w = 0, h = 0;
    grid g;

    grid_make(&g, "A4 landscape");
    for (int i = 0; i < 4; i++) {
        panels[i] = g.m;
        panels[i].title = titles[i];
    }
    memset(&page, 0, sizeof page);
    page.title = "Vier jaren";
    page.source = "Bron: testgegevens";
    page.date = "22-11-2026";
    page.iso_date = "2026-11-22T00:00:00";
    page.language = "nl";
    ck_assert_int_eq(bs_paper_parse("A4 landscape", &page.paper), 0);
    ck_assert_msg(bs_map_render_multi(panels, 4, 0, 1, &page, BS_FORMAT_PDF, 0, path,
                                      &err) == 0, "%s", err.msg);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    out = run(cmd);
    ck_assert_int_eq(sscanf(strstr(out, "Page size:"), "Page size: %lf x %lf", &w, &h), 2);
    ck_assert_double_eq_tol(w, 842, 0.5);
    ck_assert_ptr_nonnull(strstr(out, "Vier jaren"));
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' -", path);
    out = run(cmd);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(strstr(out, titles[i]) != NULL, "%s", out);
    /* one legend, without counts (they differ per panel) */
    ck_assert_msg(count_lines(out, "0,0 \u2013 1.000,5") == 1, "%s", out);
    ck_assert_msg(count_lines(out, "0,0 \u2013 1.000,5 (3)") == 0, "%s", out);
    ck_assert_msg(has_line(out, "Bron: testgegevens \u00b7 kaart: buurtscan, 22-11-2026"),
                  "%s", out);
    free(out);

    /* different classes in one panel: a legend with counts per panel */
    ck_assert_int_eq(bs_palette_get("Blues", 3, other), 0);
    panels[3].fill = other;
    ck_assert_msg(bs_map_render_multi(panels, 4, 2, 1, &page, BS_FORMAT_PDF, 0, path,
                                      &err) == 0, "%s", err.msg);
    out = run(cmd);
    ck_assert_msg(count_lines(out, "0,0 \u2013 1.000,5 (3)") == 4, "%s", out);
    free(out);

    /* PNG and SVG too; bad requests are errors */
    free(path);
    path = tmp_path(dir, "multi.png");
    ck_assert_msg(bs_map_render_multi(panels, 3, 3, 0, &page, BS_FORMAT_PNG, 50, path,
                                      &err) == 0, "%s", err.msg);
    free(path);
    path = tmp_path(dir, "multi.svg");
    ck_assert_msg(bs_map_render_multi(panels, 2, 1, 0, &page, BS_FORMAT_SVG, 0, path,
                                      &err) == 0, "%s", err.msg);
    out = bs_test_slurp(path);
    ck_assert(strncmp(out, "<?xml", 5) == 0 || strncmp(out, "<svg", 4) == 0);
    free(out);
    ck_assert_int_eq(bs_map_render_multi(panels, 0, 0, 0, &page, BS_FORMAT_SVG, 0, path,
                                         &err), -1);
    ck_assert_int_eq(bs_map_render_multi(panels, 2, 3, 0, &page, BS_FORMAT_SVG, 0, path,
                                         &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "3 columns"));
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* --- style ------------------------------------------------------------------------------ */

static void expect_style_error(const char *dir, const char *text, const char *want)
{
    char *path = bs_test_write(dir, "style.ini", text);
    char full[600];
    bs_style st;
    bs_error err;

    bs_style_default(&st);
    err.msg[0] = '\0';
    ck_assert_msg(bs_style_read(path, &st, &err) == -1, "accepted: %s", text);
    snprintf(full, sizeof full, "%s:%s", path, want);
    ck_assert_msg(strncmp(err.msg, full, strlen(full)) == 0, "got '%s', want '%s...'",
                  err.msg, full);
    free(path);
}

START_TEST(test_style_file_errors_name_the_line)
{
    char *dir = strdup(bs_test_tmpdir());
    bs_style st;
    bs_error err;

    expect_style_error(dir, "font = Foo\n\ncolour = #000000\n", "3: unknown key 'colour'");
    expect_style_error(dir, "; comment\n[style]\noutline_colour = grey\n",
                       "3: outline_colour = 'grey' is not a colour");
    expect_style_error(dir, "title_size = big\n", "1: title_size = 'big' is not a number");
    expect_style_error(dir, "\n\nfade = 1.5\n", "3: fade = '1.5' is out of range");
    expect_style_error(dir, "label_size = 5\n", "1: label_size = '5' is out of range");
    expect_style_error(dir, "halo = maybe\n", "1: halo = 'maybe' is not yes or no");
    expect_style_error(dir, "[kaart]\nfont = X\n", "2: unknown section [kaart]");
    expect_style_error(dir, "font = X\njust words\n", "2: expected 'key = value' or '[section]'");
    /* the first error counts, even after a line inih rejects itself */
    expect_style_error(dir, "a line\nnope = 1\n", "1: expected 'key = value' or '[section]'");
    expect_style_error(dir, "title_size = 20\nnope = 1\nfont\n", "2: unknown key 'nope'");
    {
        /* a line longer than inih's buffer is an error, never cut short */
        char longline[400];
        memset(longline, 'x', sizeof longline);
        memcpy(longline, "font = ", 7);
        longline[sizeof longline - 2] = '\n';
        longline[sizeof longline - 1] = '\0';
        expect_style_error(dir, longline, "1: line longer than");
    }
    bs_style_default(&st);
    ck_assert_int_eq(bs_style_read("/nonexistent/style.ini", &st, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/style.ini: cannot open"));
    ck_assert_int_eq(bs_style_parse("x = 1\n", "inline", &st, &err), -1);
    ck_assert_str_eq(err.msg, "inline:1: unknown key 'x'");
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_style_file_sets_values)
{
    bs_style st, def;
    bs_error err;

    bs_style_default(&def);
    st = def;
    ck_assert_msg(bs_style_parse("font = DejaVu Serif\ntitle_size = 20.5\n"
                                 "[style]\nOUTLINE_COLOUR = #ff8000\nhalo = no\n"
                                 "secret_text = geheim\n", "s", &st, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(st.font, "DejaVu Serif");
    ck_assert_double_eq(st.title_size, 20.5);
    ck_assert_double_eq(st.outline_colour.r, 1.0);
    ck_assert_double_eq(st.outline_colour.g, 128 / 255.0);
    ck_assert_double_eq(st.outline_colour.b, 0.0);
    ck_assert_int_eq(st.halo, 0);
    ck_assert_str_eq(st.secret_text, "geheim");
    ck_assert_double_eq(st.legend_size, def.legend_size);   /* untouched */
}
END_TEST

/* The shipped template is the house style, to the nearest #rrggbb. */
START_TEST(test_style_template_is_the_house_style)
{
    bs_style st, def;
    bs_error err;
    const bs_colour *a = &st.text_colour, *b = &def.text_colour;

    bs_style_default(&def);
    memset(&st, 0, sizeof st);
    bs_style_default(&st);
    st.title_size = st.fade = st.outline_width = -1;
    st.halo = 0;
    st.font[0] = '\0';
    ck_assert_msg(bs_style_read(bs_test_src("templates/style.ini"), &st, &err) == 0, "%s",
                  err.msg);
    ck_assert_str_eq(st.font, def.font);
    ck_assert_double_eq(st.title_size, def.title_size);
    ck_assert_double_eq(st.fade, def.fade);
    ck_assert_double_eq(st.outline_width, def.outline_width);
    ck_assert_int_eq(st.halo, 1);
    for (; a <= &st.inset_colour; a++, b++)
        ck_assert(fabs(a->r - b->r) <= 0.5 / 255 && fabs(a->g - b->g) <= 0.5 / 255 &&
                  fabs(a->b - b->b) <= 0.5 / 255);
    ck_assert_int_eq(memcmp(&st.outline_width, &def.outline_width,
                            sizeof st - offsetof(bs_style, outline_width)), 0);
}
END_TEST

/* A style reaches the page: a red outline; no style and the default
 * style give the same picture. */
START_TEST(test_style_colours_reach_the_page)
{
    const double dpi = 100;
    bs_style st;
    bs_map_frame fr;
    cairo_surface_t *a, *b;
    grid g;
    uint32_t p;
    int same = 1;

    grid_make(&g, "A4 landscape");
    a = render_png(&g, dpi, &fr);
    bs_style_default(&st);
    g.m.style = &st;
    b = render_png(&g, dpi, &fr);
    for (int y = 0; y < cairo_image_surface_get_height(a) && same; y++)
        for (int x = 0; x < cairo_image_surface_get_width(a) && same; x++)
            same = fast_pixel(a, x, y) == fast_pixel(b, x, y);
    ck_assert(same);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    st.outline_colour = (bs_colour){1, 0, 0};
    st.outline_width = 3;
    a = render_png(&g, dpi, &fr);
    p = map_pixel(a, &fr, dpi, 1000, 500);   /* the edge between squares 0 and 1 */
    ck_assert_msg((p >> 16 & 0xff) > 0xe0 && (p >> 8 & 0xff) < 0x40 && (p & 0xff) < 0x40,
                  "%06x", p);
    cairo_surface_destroy(a);
    grid_free(&g);
}
END_TEST

/* --- outlines from arcs ---------------------------------------------------------- */

static long record[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static int is_red(uint32_t p)
{
    return (p >> 16 & 0xff) > 0xe0 && (p >> 8 & 0xff) < 0x40 && (p & 0xff) < 0x40;
}

/* Simplified geometry strokes each border once, from its arcs: the same
 * outlines as the rings give (inner and outer borders, the hole, the
 * no-data square), at full colour where a focus area is on either side
 * and faded only between faded areas. */
START_TEST(test_arc_outlines_match_the_ring_outlines)
{
    const double dpi = 100;
    const size_t focus[1] = {0};
    bs_areas *simple = NULL;
    bs_style st;
    bs_map_frame fr;
    bs_error err;
    cairo_surface_t *img[2];
    grid g;
    long differ = 0;

    grid_make(&g, "A4 landscape");
    g.a.record = record;
    ck_assert_msg(bs_areas_simplify(&g.a, 0, &simple, &err) == 0, "%s", err.msg);
    ck_assert_ptr_nonnull(simple->arcs);
    bs_style_default(&st);
    st.outline_colour = (bs_colour){1, 0, 0};
    st.outline_width = 3;
    g.m.style = &st;
    for (int k = 0; k < 2; k++) {
        g.m.areas = k ? simple : &g.a;
        img[k] = render_png(&g, dpi, &fr);
        /* inner border, outer border, hole, border of the no-data square */
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 1000, 500)), "%d", k);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 1, 1500)), "%d", k);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 1300, 1500)), "%d", k);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 2500, 2000)), "%d", k);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 2000, 2500)), "%d", k);
        /* not on a border: the class colour */
        ck_assert_uint_eq(map_pixel(img[k], &fr, dpi, 500, 500), rgb32(g.fill[0]));
    }
    /* Only the anti-aliased rims differ (a border stroked twice is a
     * shade denser there). */
    for (int y = 0; y < cairo_image_surface_get_height(img[0]); y++)
        for (int x = 0; x < cairo_image_surface_get_width(img[0]); x++) {
            uint32_t a = fast_pixel(img[0], x, y), b = fast_pixel(img[1], x, y);
            for (int sh = 0; sh < 24; sh += 8)
                if (abs((int)(a >> sh & 0xff) - (int)(b >> sh & 0xff)) > 96) {
                    differ++;
                    break;
                }
        }
    ck_assert_msg(differ == 0, "%ld pixels differ", differ);
    cairo_surface_destroy(img[0]);
    cairo_surface_destroy(img[1]);

    /* atlas fade: the border of the focus at full colour, between two
     * faded squares faded */
    g.m.focus = focus;
    g.m.nfocus = 1;
    for (int k = 0; k < 2; k++) {
        uint32_t p;
        g.m.areas = k ? simple : &g.a;
        img[k] = render_png(&g, dpi, &fr);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 1000, 500)), "%d", k);
        ck_assert_msg(is_red(map_pixel(img[k], &fr, dpi, 500, 1000)), "%d", k);
        p = map_pixel(img[k], &fr, dpi, 2000, 500);
        ck_assert_msg(is_faded(p, (bs_rgb){255, 0, 0}, st.fade), "%d: %06x", k, p);
        cairo_surface_destroy(img[k]);
    }
    bs_areas_free(simple);
    grid_free(&g);
}
END_TEST

/* On a vector target each shown area is filled and outlined whole, in one
 * path per class (cairo writes it once, as fill-and-stroke); an area wholly
 * outside a zoomed frame is not drawn, but its borders with areas that are
 * drawn still are, as parts of the shown areas' rings. In the SVG, where
 * clipping leaves the paths in: the map's red-stroked paths (round joins;
 * the legend's swatches have mitred ones) hold exactly the rings of the
 * shown areas, each filled in the same path, except the hatched "no data"
 * ones, which are outlined after their hatching. */
START_TEST(test_vector_outlines_every_shown_ring_once_with_its_fill)
{
    const double ext[4] = {0, 0, 1900, 1900};
    char *dir = strdup(bs_test_tmpdir()), *path = tmp_path(dir, "rings.svg"), *data;
    bs_areas *simple = NULL;
    size_t want = 0, want_hatched = 0, hidden_n = 0, got = 0, got_hatched = 0;
    bs_style st;
    bs_map_frame fr;
    bs_error err;
    grid g;

    grid_make(&g, "A4 portrait");
    g.a.record = record;
    ck_assert_msg(bs_areas_simplify(&g.a, 0, &simple, &err) == 0, "%s", err.msg);
    bs_style_default(&st);
    st.outline_colour = (bs_colour){1, 0, 0};
    g.m.style = &st;
    g.m.areas = simple;
    g.m.extent = ext;
    ck_assert_int_eq(bs_map_frame_get(&g.m, &fr), 0);
    for (int i = 0; i < 9; i++) {
        double x0 = (i % 3) * 1000.0, y0 = (i / 3) * 1000.0;
        int hidden = x0 > fr.minx + fr.width_mm / fr.scale || x0 + 1000 < fr.minx ||
                     y0 > fr.maxy || y0 + 1000 < fr.maxy - fr.height_mm / fr.scale;
        hidden_n += hidden;
        if (!hidden)
            *(g.cls[i] >= 0 ? &want : &want_hatched) +=
                simple->ring_first[i + 1] - simple->ring_first[i];
    }
    ck_assert_uint_gt(hidden_n, 0);
    ck_assert_uint_lt(hidden_n, 9);
    ck_assert_msg(bs_map_render(&g.m, BS_FORMAT_SVG, 0, path, &err) == 0, "%s", err.msg);
    data = bs_test_slurp(path);
    ck_assert_ptr_nonnull(data);
    for (char *p = data; (p = strstr(p, "<path")) != NULL; p++) {
        char *end = strstr(p, "/>"), *d;
        ck_assert_ptr_nonnull(end);
        *end = 0;
        if (strstr(p, "stroke:rgb(100%,0%,0%)") && strstr(p, "stroke-linejoin:round") &&
            (d = strstr(p, " d=\"")) != NULL) {
            size_t *n = strstr(p, "fill:none") ? &got_hatched : &got;
            for (; *d; d++)
                *n += *d == 'Z';   /* one per closed ring */
        }
        *end = '/';
    }
    ck_assert_uint_gt(want, 2);
    ck_assert_uint_eq(got, want);
    ck_assert_uint_eq(got_hatched, want_hatched);
    free(data);
    bs_areas_free(simple);
    grid_free(&g);
    bs_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("map");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_paper_parse_sizes_and_orientation);
    tcase_add_test(tc, test_paper_parse_rejects_unknown);
    tcase_add_test(tc, test_frame_keeps_aspect_and_fits_the_page);
    tcase_add_test(tc, test_frame_needs_geometry);
    tcase_add_test(tc, test_png_pixels_show_classes_hole_and_hatch);
    tcase_add_test(tc, test_png_long_texts_stay_inside_the_page);
    tcase_add_test(tc, test_png_records_dpi_and_exact_colours);
    tcase_add_test(tc, test_png_from_argb_surfaces);
    tcase_add_test(tc, test_pdf_is_a4_landscape_with_metadata);
    tcase_add_test(tc, test_pdf_legend_texts_dutch_and_english);
    tcase_add_test(tc, test_legend_holds_the_most_classes_and_more_are_refused);
    tcase_add_test(tc, test_svg_is_written);
    tcase_add_test(tc, test_unwritable_path_gives_error);
    tcase_add_test(tc, test_bad_class_or_dpi_gives_error);
    tcase_add_test(tc, test_draw_panel_into_a_rectangle_of_any_context);
    tcase_add_test(tc, test_draw_panel_furniture_flags);
    tcase_add_test(tc, test_highlighted_outline_is_dark);
    tcase_add_test(tc, test_point_symbols_have_their_colours_and_legend);
    tcase_add_test(tc, test_context_is_light_grey_around_and_in_holes);
    tcase_add_test(tc, test_diverging_centre_class_is_neutral_on_the_map);
    tcase_add_test(tc, test_secret_class_is_cross_hatched_with_a_legend_entry);
    tcase_add_test(tc, test_fade_keeps_the_focus_and_fades_the_rest);
    tcase_add_test(tc, test_extent_zooms_and_clips);
    tcase_add_test(tc, test_inset_marks_the_extent_in_red);
    tcase_add_test(tc, test_labels_fill_the_result);
    tcase_add_test(tc, test_small_multiples_shared_or_own_legends);
    tcase_add_test(tc, test_style_file_errors_name_the_line);
    tcase_add_test(tc, test_style_file_sets_values);
    tcase_add_test(tc, test_style_template_is_the_house_style);
    tcase_add_test(tc, test_style_colours_reach_the_page);
    tcase_add_test(tc, test_arc_outlines_match_the_ring_outlines);
    tcase_add_test(tc, test_vector_outlines_every_shown_ring_once_with_its_fill);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
