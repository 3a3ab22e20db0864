/* test_chart.c: the trend chart and the sparkline, checked by their pixels
 * (through the frame the chart promises) and by the text of a PDF. The
 * series are Lelystad's T1 (12,7 % in 2023, 11,9 % in 2024, target -2pp by
 * 2028) and Leeuwarden's youth-care share (T14/T15: 9,7 % in 2015, a break
 * before 2021, 17,6 % in 2022, 17,9 % voorlopig in 2023). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/chart.h"
#include "testutil.h"

#define DPI 200.0
#define W 160.0
#define H 80.0

typedef struct fixture {
    bs_period period[8];
    double value[8];
    unsigned char prov[8];
    bs_period brk;
    bs_series s;
    bs_monitor_spec m;
    bs_monitor_point pt[8];
    bs_chart c;
    bs_chart_colours col;
} fixture;

static bs_period per(const char *text)
{
    bs_period p;
    bs_error err;

    ck_assert_msg(bs_period_parse(text, NULL, &p, &err) == 0, "%s", err.msg);
    return p;
}

/* periods[] NULL-terminated; target text; break before `brk` (or NULL). */
static void make(fixture *f, const char *const *periods, const double *v,
                 const char *baseline, const char *target, int dir,
                 const char *brk, const char *language)
{
    bs_error err;
    size_t n;

    memset(f, 0, sizeof *f);
    for (n = 0; periods[n]; n++) {
        f->period[n] = per(periods[n]);
        f->value[n] = v[n];
    }
    f->s.n = n;
    f->s.period = f->period;
    f->s.value = f->value;
    f->s.provisional = f->prov;
    f->m.direction = dir;
    f->m.baseline = per(baseline);
    f->m.percent = 1;
    ck_assert_int_eq(bs_target_parse(target, NULL, &f->m.target, &err), 0);
    if (brk) {
        f->brk = per(brk);
        f->m.breaks = &f->brk;
        f->m.nbreaks = 1;
    }
    ck_assert_msg(bs_monitor_evaluate(&f->m, NULL, &f->s, f->pt, NULL, NULL, &err) == 0,
                  "%s", err.msg);
    bs_chart_colours_default(&f->col);
    f->c.series = &f->s;
    f->c.spec = &f->m;
    f->c.points = f->pt;
    f->c.title = "Jeugdigen in jeugdhulp zonder verblijf";
    f->c.unit = "%";
    f->c.language = language;
    f->c.decimals = 1;
}

/* The chart on a white PNG surface at DPI; *fr the frame it promises. */
static cairo_surface_t *render(const fixture *f, bs_chart_frame *fr)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                      (int)(W / 25.4 * DPI),
                                                      (int)(H / 25.4 * DPI));
    cairo_t *cr = cairo_create(img);
    bs_error err;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, DPI / 72, DPI / 72);
    ck_assert_msg(bs_chart_draw(cr, &f->c, 0, 0, W, H, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    ck_assert_int_eq(bs_chart_frame_get(&f->c, W, H, fr, &err), 0);
    return img;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);

    ck_assert(x >= 0 && y >= 0 && x < cairo_image_surface_get_width(s)
              && y < cairo_image_surface_get_height(s));
    return *(const uint32_t *)(const void *)(d + (size_t)y * cairo_image_surface_get_stride(s)
                                             + 4 * (size_t)x) & 0xffffff;
}

static uint32_t rgb32(bs_rgb c)
{
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Whether pixel p is within 24 of colour c in every channel. */
static int close_to(uint32_t p, uint32_t c)
{
    int k;

    for (k = 0; k < 24; k += 8)
        if (abs((int)((p >> k) & 0xff) - (int)((c >> k) & 0xff)) > 24)
            return 0;
    return 1;
}

/* Pixel position of (t, v) through the frame. */
static void at(const bs_chart_frame *fr, double t, double v, int *x, int *y)
{
    *x = (int)floor((fr->plot_x + (t - fr->t0) * fr->x_scale) / 25.4 * DPI);
    *y = (int)floor((fr->plot_y + (fr->v_top - v) * fr->y_scale) / 25.4 * DPI);
}

/* Whether a pixel within r pixels of (x, y) is close to c. */
static int near(cairo_surface_t *s, int x, int y, int r, uint32_t c)
{
    int dx, dy;

    for (dy = -r; dy <= r; dy++)
        for (dx = -r; dx <= r; dx++)
            if (close_to(pixel(s, x + dx, y + dy), c))
                return 1;
    return 0;
}

static const char *const t1_periods[] = { "2023", "2024", NULL };
static const double t1_values[] = { 12.7, 11.9 };

/* T1: the latest value (11,9 in 2024) ahead of the path is a green disc;
 * the target (10,7 in 2028) a black diamond; the nulwaarde a grey line;
 * the path from (2023, 12,7) to (2028, 10,7) dashed: along it both the path
 * colour and gaps of white. */
START_TEST(t1_latest_green_target_baseline_and_dashed_path)
{
    fixture f;
    bs_chart_frame fr;
    cairo_surface_t *img;
    int x, y, k, ink = 0, gap = 0;

    make(&f, t1_periods, t1_values, "2023", "-2pp by 2028", -1, NULL, "nl");
    img = render(&f, &fr);
    ck_assert_int_eq(f.pt[1].status, BS_STATUS_GREEN);
    at(&fr, 2024, 11.9, &x, &y);
    ck_assert_uint_eq(pixel(img, x, y), rgb32(f.col.status[BS_STATUS_GREEN]));
    at(&fr, 2028, 10.7, &x, &y);
    ck_assert_uint_eq(pixel(img, x, y), rgb32(f.col.target));
    at(&fr, 2026.5, 12.7, &x, &y);        /* the path is 1.4 lower there */
    ck_assert(near(img, x, y, 1, rgb32(f.col.baseline)));
    for (k = 1; k < 60; k++) {
        double t = 2023.6 + 3.6 * k / 60;   /* clear of the discs */
        at(&fr, t, 12.7 - 2 * (t - 2023) / 5, &x, &y);
        if (near(img, x, y, 1, rgb32(f.col.path)))
            ink++;
        else if (close_to(pixel(img, x, y), 0xffffff) || close_to(pixel(img, x, y),
                                                                 rgb32(f.col.axis)))
            gap++;
    }
    ck_assert_int_gt(ink, 20);
    ck_assert_int_gt(gap, 10);
    /* the value line from 2023 to 2024 */
    at(&fr, 2023.5, 12.3, &x, &y);
    ck_assert(near(img, x, y, 1, rgb32(f.col.line)));
    cairo_surface_destroy(img);
}
END_TEST

/* T2 under -15% by 2026: 1,8 is behind the path and worse than 1,7: red. */
START_TEST(t2_latest_is_red)
{
    static const double v[] = { 1.7, 1.8 };
    fixture f;
    bs_chart_frame fr;
    cairo_surface_t *img;
    int x, y;

    make(&f, t1_periods, v, "2023", "-15% by 2026", -1, NULL, "nl");
    img = render(&f, &fr);
    at(&fr, 2024, 1.8, &x, &y);
    ck_assert_uint_eq(pixel(img, x, y), rgb32(f.col.status[BS_STATUS_RED]));
    cairo_surface_destroy(img);
}
END_TEST

/* T14/T15 with baseline 2022 and "down": 2015 stands alone behind the
 * break (no line to 2022), the line 2022-2023 is drawn, and 2023 is
 * voorlopig: a hollow disc (white inside, its ring in the red of its
 * stoplicht: 17,9 is worse than 17,6). */
START_TEST(break_is_a_gap_and_provisional_is_hollow)
{
    static const char *const p[] = { "2015", "2022", "2023", NULL };
    static const double v[] = { 9.7, 17.6, 17.9 };
    fixture f;
    bs_chart_frame fr;
    cairo_surface_t *img;
    int x, y, k, line = 0;

    make(&f, p, v, "2022", "down", -1, "2021", "nl");
    f.prov[2] = 1;
    {
        bs_error err;
        ck_assert_int_eq(bs_monitor_evaluate(&f.m, NULL, &f.s, f.pt, NULL, NULL, &err), 0);
    }
    ck_assert_int_eq(f.pt[2].status, BS_STATUS_RED);
    img = render(&f, &fr);
    for (k = 1; k < 20; k++) {          /* along 2015 -> 2022: nothing */
        double t = 2015 + 7.0 * k / 20;
        at(&fr, t, 9.7 + (17.6 - 9.7) * (t - 2015) / 7, &x, &y);
        line += near(img, x, y, 1, rgb32(f.col.line));
    }
    ck_assert_int_eq(line, 0);
    at(&fr, 2022.5, 17.75, &x, &y);      /* 2022 -> 2023: drawn */
    ck_assert(near(img, x, y, 1, rgb32(f.col.line)));
    at(&fr, 2015, 9.7, &x, &y);          /* 2015 itself: a filled marker */
    ck_assert_uint_eq(pixel(img, x, y), rgb32(f.col.line));
    at(&fr, 2023, 17.9, &x, &y);
    ck_assert_uint_eq(pixel(img, x, y), 0xffffff);
    ck_assert(near(img, x + (int)(1.7 / 25.4 * DPI), y, 2,
                   rgb32(f.col.status[BS_STATUS_RED])));
    cairo_surface_destroy(img);
}
END_TEST

static char *pdf_text(const fixture *f)
{
    char *dir = bs_test_tmpdir(), path[512], *text;
    cairo_surface_t *pdf;
    cairo_t *cr;
    bs_error err;

    snprintf(path, sizeof path, "%s/chart.pdf", dir);
    pdf = cairo_pdf_surface_create(path, W / 25.4 * 72, H / 25.4 * 72);
    cr = cairo_create(pdf);
    ck_assert_msg(bs_chart_draw(cr, &f->c, 0, 0, W, H, &err) == 0, "%s", err.msg);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    ck_assert_int_eq(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
    text = bs_test_page_text(path, 1);
    bs_test_rmtree(dir);
    return text;
}

START_TEST(pdf_names_nulwaarde_target_and_periods)
{
    fixture f;
    char *t;

    make(&f, t1_periods, t1_values, "2023", "-2pp by 2028", -1, NULL, "nl");
    t = pdf_text(&f);
    ck_assert_msg(strstr(t, "nulwaarde 12,7%") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "doel 10,7% (2028)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "11,9%") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "Jeugdigen in jeugdhulp zonder verblijf") != NULL, "%s", t);
    ck_assert(strstr(t, "2023") && strstr(t, "2024") && strstr(t, "2028"));
    free(t);
    make(&f, t1_periods, t1_values, "2023", "-2pp by 2028", -1, NULL, "en");
    f.prov[1] = 1;
    t = pdf_text(&f);
    ck_assert_msg(strstr(t, "baseline 12.7%") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "target 10.7% (2028)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "11.9% (provisional)") != NULL, "%s", t);
    free(t);
}
END_TEST

/* T3 under >= 95: a threshold line, no path; half years on the axis. */
START_TEST(pdf_threshold_and_half_years)
{
    static const char *const p[] = { "2023HJ02", "2024HJ01", "2024HJ02", NULL };
    static const double v[] = { 95.3, 95.1, 95.2 };
    fixture f;
    char *t;

    make(&f, p, v, "2023HJ02", ">= 95", +1, "2024HJ01", "nl");
    f.prov[2] = 1;
    t = pdf_text(&f);
    ck_assert_msg(strstr(t, "norm >= 95,0%") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "2024 2e hj") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "95,2% (voorlopig)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "trendbreuk") != NULL, "%s", t);
    ck_assert(strstr(t, "doel") == NULL);
    free(t);
}
END_TEST

/* A sparkline of T14/T15: no line across the break, the last value a dot
 * in the colour given, hollow when provisional. */
START_TEST(sparkline_gap_and_last_dot)
{
    static const char *const p[] = { "2015", "2022", "2023", NULL };
    static const double v[] = { 9.7, 17.6, 17.9 };
    const bs_rgb line = { 0x2c, 0x5d, 0x8a }, last = { 0xd7, 0x19, 0x1c };
    fixture f;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 100);
    cairo_t *cr = cairo_create(img);
    bs_error err;
    const double k = 400 / (40 / 25.4 * 72);   /* 40 x 10 mm on 400 x 100 px */
    int ink = 0, i;

    make(&f, p, v, "2022", "down", -1, "2021", "nl");
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    ck_assert_int_eq(bs_sparkline_draw(cr, &f.s, &f.brk, 1, line, last, 0, 0, 40, 10,
                                       &err), 0);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    /* the last dot: right edge, top (17,9 is the highest value) */
    ck_assert(close_to(pixel(img, 400 - 7, 7), rgb32(last)));
    /* between 2015 and 2022 (x from 0 to 7/8 of the width): no line */
    for (i = 20; i < 330; i++) {
        int y;
        for (y = 0; y < 100; y++)
            ink += close_to(pixel(img, i, y), rgb32(line));
    }
    ck_assert_int_eq(ink, 0);
    /* provisional: hollow */
    f.prov[2] = 1;
    cairo_surface_destroy(img);
    img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 100);
    cr = cairo_create(img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    ck_assert_int_eq(bs_sparkline_draw(cr, &f.s, &f.brk, 1, line, last, 0, 0, 40, 10,
                                       &err), 0);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    ck_assert_uint_eq(pixel(img, 400 - 7, 7), 0xffffff);
    cairo_surface_destroy(img);
}
END_TEST

START_TEST(nothing_to_draw_is_an_error)
{
    static const char *const p[] = { "2023", "2024", NULL };
    static const double v[] = { NAN, NAN };
    fixture f;
    bs_chart_frame fr;
    bs_error err;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(img);
    const bs_rgb c = { 0, 0, 0 };

    make(&f, p, v, "2023", "down", -1, NULL, "nl");
    ck_assert_int_eq(bs_chart_frame_get(&f.c, W, H, &fr, &err), -1);
    ck_assert_str_eq(err.msg, "chart Jeugdigen in jeugdhulp zonder verblijf: nothing to "
                              "draw (no value, nulwaarde or target)");
    ck_assert_int_eq(bs_chart_draw(cr, &f.c, 0, 0, W, H, &err), -1);
    ck_assert_int_eq(bs_sparkline_draw(cr, &f.s, NULL, 0, c, c, 0, 0, 40, 10, &err), -1);
    ck_assert_str_eq(err.msg, "sparkline: no value to draw");
    make(&f, t1_periods, t1_values, "2023", "down", -1, NULL, "nl");
    ck_assert_int_eq(bs_chart_frame_get(&f.c, 30, 20, &fr, &err), -1);
    ck_assert_str_eq(err.msg, "chart: 30 x 20 mm is too small (at least 40 x 25)");
    cairo_destroy(cr);
    cairo_surface_destroy(img);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t1_latest_green_target_baseline_and_dashed_path);
    tcase_add_test(tc, t2_latest_is_red);
    tcase_add_test(tc, break_is_a_gap_and_provisional_is_hollow);
    tcase_add_test(tc, pdf_names_nulwaarde_target_and_periods);
    tcase_add_test(tc, pdf_threshold_and_half_years);
    tcase_add_test(tc, sparkline_gap_and_last_dot);
    tcase_add_test(tc, nothing_to_draw_is_an_error);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
