/* chart.c: the trend chart of a monitor and the sparkline. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/chart.h"
#include "buurtscan/housestyle.h"
#include "buurtscan/number.h"
#include "buurtscan/rtext.h"

#define PT (72.0 / 25.4)       /* points per millimetre */
#define TICK_SIZE 7.0          /* pt: axis labels */
#define LABEL_SIZE 7.0         /* pt: labels in the plot */
#define TITLE_SIZE 9.0         /* pt */
#define MARKER_R 1.1           /* mm: a value */
#define LATEST_R 1.7           /* mm: the latest value, in its stoplicht colour */
#define DIAMOND_R 1.9          /* mm: the target */

static bs_rgb hex(unsigned v)
{
    bs_rgb c = { (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
    return c;
}

void bs_chart_colours_default(bs_chart_colours *c)
{
    c->status[BS_STATUS_GREY] = hex(0xa6a6a6);
    c->status[BS_STATUS_GREEN] = hex(0x1a9641);
    c->status[BS_STATUS_ORANGE] = hex(0xf28e1c);
    c->status[BS_STATUS_RED] = hex(0xd7191c);
    c->line = hex(0x2c5d8a);
    c->baseline = hex(0x7f7f7f);
    c->path = hex(0x404040);
    c->target = hex(0x000000);
    c->axis = hex(0xbdbdbd);
}

static void rgb(cairo_t *cr, bs_rgb c)
{
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

/* --- text ------------------------------------------------------------------ */

typedef struct text {
    bs_rtext r;             /* the one text set-up (rtext.h) */
    bs_colour colour;
} text;

static int text_init(text *t, cairo_t *cr, const bs_style *st)
{
    t->colour = st->text_colour;
    return bs_rtext_init(&t->r, cr, st->font);
}

static void text_free(text *t)
{
    bs_rtext_free(&t->r);
}

/* Lays out s; *w and *h (may be NULL) get its size in mm. */
static void text_set(text *t, const char *s, double size, int bold, double *w,
                     double *h)
{
    bs_rtext_set(&t->r, s, size, bold, 0, 0);
    if (w)
        *w = bs_rtext_width(&t->r) / PT;
    if (h)
        *h = bs_rtext_height(&t->r) / PT;
}

/* Shows the laid-out text with its top left at x, y (mm). */
static void text_show(text *t, double x, double y)
{
    bs_rtext_show(&t->r, x * PT, y * PT, t->colour);
}

/* --- labels ------------------------------------------------------------------ */

static int nl(const bs_chart *c)
{
    return c->language && strcmp(c->language, "nl") == 0;
}

/* v with the unit: "12,7%", "17.300 euro". */
static void value_text(const bs_chart *c, double v, int decimals, char *buf,
                       size_t n)
{
    char num[64];

    bs_format_number(v, decimals, nl(c) ? "nl" : "en", num, sizeof num);
    if (!c->unit || !*c->unit)
        snprintf(buf, n, "%s", num);
    else
        snprintf(buf, n, "%s%s%s", num, strcmp(c->unit, "%") == 0 ? "" : " ", c->unit);
}

/* A period as an axis label: "2024", "2024 2e hj" / "2024 H2",
 * "2024 K1" / "2024 Q1", "2024-03". */
static void period_label(const bs_chart *c, const bs_period *p, char *buf, size_t n)
{
    switch (p->kind) {
    case BS_PERIOD_YEAR:
        snprintf(buf, n, "%d", p->year);
        break;
    case BS_PERIOD_HALF:
        snprintf(buf, n, nl(c) ? "%d %de hj" : "%d H%d", p->year, p->part);
        break;
    case BS_PERIOD_QUARTER:
        snprintf(buf, n, nl(c) ? "%d K%d" : "%d Q%d", p->year, p->part);
        break;
    case BS_PERIOD_MONTH:
        snprintf(buf, n, "%d-%02d", p->year, p->part);
        break;
    }
}

/* --- the frame ------------------------------------------------------------- */

/* A round step of about range / 4: 1, 2, 2.5 or 5 times a power of ten. */
static double nice_step(double range)
{
    double raw = range / 4, p = pow(10, floor(log10(raw))), f = raw / p;

    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

static int step_decimals(double step)
{
    int d;

    for (d = 0; d < 6; d++)
        if (fabs(step * pow(10, d) - round(step * pow(10, d))) < 1e-9 * pow(10, d))
            return d;
    return 6;
}

static int has_deadline(const bs_chart *c)
{
    return c->spec && c->points && (c->spec->target.kind == BS_TARGET_ABSOLUTE
                                     || c->spec->target.kind == BS_TARGET_RELATIVE
                                     || c->spec->target.kind == BS_TARGET_PP);
}

static int has_threshold(const bs_chart *c)
{
    return c->spec && (c->spec->target.kind == BS_TARGET_AT_LEAST
                       || c->spec->target.kind == BS_TARGET_AT_MOST);
}

static void widen(double v, double *lo, double *hi)
{
    if (isnan(v))
        return;
    *lo = fmin(*lo, v);
    *hi = fmax(*hi, v);
}

/* The value and time ranges of everything drawn. */
static int ranges(const bs_chart *c, double *vlo, double *vhi, double *tlo,
                  double *thi, double *minlen)
{
    const bs_series *s = c->series;
    size_t i;

    *vlo = *tlo = *minlen = INFINITY;
    *vhi = *thi = -INFINITY;
    for (i = 0; i < s->n; i++) {
        widen(bs_period_time(&s->period[i]), tlo, thi);
        *minlen = fmin(*minlen, bs_period_length(&s->period[i]));
        widen(s->value[i], vlo, vhi);
    }
    if (c->points && s->n) {
        widen(c->points[0].baseline, vlo, vhi);
        widen(c->points[0].target, vlo, vhi);
    }
    if (has_threshold(c))
        widen(c->spec->target.amount, vlo, vhi);
    if (has_deadline(c) && !isnan(c->points[0].target))
        widen(bs_period_time(&c->spec->target.by), tlo, thi);
    if (!(*vlo <= *vhi) || !(*tlo <= *thi))
        return -1;
    if (!isfinite(*minlen))
        *minlen = 1;
    return 0;
}

/* The frame; t measures the labels. */
static int frame(const bs_chart *c, text *t, double w, double h,
                 bs_chart_frame *f, int *tick_decimals, bs_error *err)
{
    double vlo, vhi, tlo, thi, minlen, step, pad, lw = 0, th = 0, tw, lh;
    char buf[96];
    double v;

    if (w < 40 || h < 25)
        return bs_error_set(err, "chart: %.0f x %.0f mm is too small (at least "
                            "40 x 25)", w, h);
    if (!c->series || ranges(c, &vlo, &vhi, &tlo, &thi, &minlen))
        return bs_error_set(err, "chart%s%s: nothing to draw (no value, "
                            "nulwaarde or target)", c->title ? " " : "",
                            c->title ? c->title : "");
    if (vhi - vlo < 1e-9 * fmax(1, fabs(vhi)))
        vlo -= fmax(1e-6, fabs(vlo) * 0.1), vhi += fmax(1e-6, fabs(vhi) * 0.1);
    step = nice_step(vhi - vlo);
    f->v_step = step;
    f->v_bottom = floor(vlo / step - 0.15) * step;
    f->v_top = ceil(vhi / step + 0.15) * step;
    *tick_decimals = step_decimals(step);
    for (v = f->v_bottom; v <= f->v_top + step * 1e-6; v += step) {
        value_text(c, v, *tick_decimals, buf, sizeof buf);
        text_set(t, buf, TICK_SIZE, 0, &tw, NULL);
        lw = fmax(lw, tw);
    }
    if (c->title && *c->title)
        text_set(t, c->title, TITLE_SIZE, 1, NULL, &th);
    text_set(t, "2024", TICK_SIZE, 0, NULL, &lh);
    pad = minlen / 2 + 0.03 * (thi - tlo);
    f->t0 = tlo - pad;
    f->t1 = thi + pad;
    f->plot_x = lw + 2.0;
    f->plot_y = (th > 0 ? th + 2.0 : 0) + 1.5;
    f->plot_w = w - f->plot_x - 2.0;
    f->plot_h = h - f->plot_y - lh - 2.5;
    if (f->plot_w < 20 || f->plot_h < 10)
        return bs_error_set(err, "chart: %.0f x %.0f mm leaves no room for the "
                            "plot", w, h);
    f->x_scale = f->plot_w / (f->t1 - f->t0);
    f->y_scale = f->plot_h / (f->v_top - f->v_bottom);
    return 0;
}

int bs_chart_frame_get(const bs_chart *c, double w_mm, double h_mm,
                       bs_chart_frame *out, bs_error *err)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    cairo_t *cr = cairo_create(s);
    bs_style st;
    text t;
    int rc, dec;

    memset(&t, 0, sizeof t);
    if (c->style)
        st = *c->style;
    else
        bs_style_default(&st);
    rc = text_init(&t, cr, &st) ? bs_error_set(err, "chart: cannot set up text")
                                : frame(c, &t, w_mm, h_mm, out, &dec, err);
    text_free(&t);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return rc;
}

/* --- drawing ------------------------------------------------------------- */

typedef struct draw {
    cairo_t *cr;
    const bs_chart *c;
    bs_chart_frame f;
    double x0, y0;            /* the rectangle's top left, mm */
    bs_chart_colours col;
    text t;
    int dec;                  /* decimals of the value ticks */
} draw;

static double X(const draw *d, double t)
{
    return (d->x0 + d->f.plot_x + (t - d->f.t0) * d->f.x_scale) * PT;
}

static double Y(const draw *d, double v)
{
    return (d->y0 + d->f.plot_y + (d->f.v_top - v) * d->f.y_scale) * PT;
}

/* Whether a break lies between periods a and b (a before b). */
static int broken(const bs_monitor_spec *m, const bs_period *a, const bs_period *b)
{
    size_t k;

    for (k = 0; m && k < m->nbreaks; k++) {
        double tk = bs_period_time(&m->breaks[k]);
        if (tk > bs_period_time(a) + 1e-9 && tk <= bs_period_time(b) + 1e-9)
            return 1;
    }
    return 0;
}

static void hline(const draw *d, double v, bs_rgb c, double width_pt,
                  const double *dash, int ndash)
{
    cairo_t *cr = d->cr;

    cairo_save(cr);
    rgb(cr, c);
    cairo_set_line_width(cr, width_pt);
    cairo_set_dash(cr, dash, ndash, 0);
    cairo_move_to(cr, X(d, d->f.t0), Y(d, v));
    cairo_line_to(cr, X(d, d->f.t1), Y(d, v));
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void draw_axes(draw *d)
{
    const bs_series *s = d->c->series;
    double step = d->f.v_step, v, w, h, right = -1e9;
    char buf[96];
    size_t i;

    for (v = d->f.v_bottom; v <= d->f.v_top + step * 1e-6; v += step) {
        hline(d, v, d->col.axis, 0.3, NULL, 0);
        value_text(d->c, v, d->dec, buf, sizeof buf);
        text_set(&d->t, buf, TICK_SIZE, 0, &w, &h);
        text_show(&d->t, d->x0 + d->f.plot_x - 1.2 - w, Y(d, v) / PT - h / 2);
    }
    cairo_save(d->cr);
    rgb(d->cr, d->col.axis);
    cairo_set_line_width(d->cr, 0.6);
    cairo_move_to(d->cr, X(d, d->f.t0), Y(d, d->f.v_bottom));
    cairo_line_to(d->cr, X(d, d->f.t1), Y(d, d->f.v_bottom));
    cairo_stroke(d->cr);
    cairo_restore(d->cr);
    for (i = 0; i <= s->n; i++) {
        const bs_period *p = i < s->n ? &s->period[i]
                           : has_deadline(d->c) ? &d->c->spec->target.by : NULL;
        double x;
        if (!p || (i == s->n && s->n && bs_period_cmp(p, &s->period[s->n - 1]) <= 0))
            continue;
        period_label(d->c, p, buf, sizeof buf);
        text_set(&d->t, buf, TICK_SIZE, 0, &w, &h);
        x = X(d, bs_period_time(p)) / PT - w / 2;
        if (x < right + 1.0)
            continue;       /* no room: every label that fits */
        text_show(&d->t, x, d->y0 + d->f.plot_y + d->f.plot_h + 1.0);
        right = x + w;
    }
}

static void draw_breaks(draw *d)
{
    const bs_monitor_spec *m = d->c->spec;
    static const double dots[] = { 0.8, 1.6 };
    size_t k;
    double w;

    for (k = 0; m && k < m->nbreaks; k++) {
        double t = bs_period_time(&m->breaks[k]);
        if (t <= d->f.t0 || t >= d->f.t1)
            continue;
        cairo_save(d->cr);
        rgb(d->cr, d->col.axis);
        cairo_set_line_width(d->cr, 0.8);
        cairo_set_dash(d->cr, dots, 2, 0);
        cairo_move_to(d->cr, X(d, t), Y(d, d->f.v_top));
        cairo_line_to(d->cr, X(d, t), Y(d, d->f.v_bottom));
        cairo_stroke(d->cr);
        cairo_restore(d->cr);
        text_set(&d->t, nl(d->c) ? "trendbreuk" : "series break", LABEL_SIZE, 0, &w, NULL);
        text_show(&d->t, X(d, t) / PT + 0.8, d->y0 + d->f.plot_y);
    }
}

/* The nulwaarde line, a threshold, the path and the target diamond. */
static void draw_reference(draw *d)
{
    const bs_chart *c = d->c;
    const bs_monitor_point *p = c->points;
    static const double dash[] = { 2.0 * PT, 1.2 * PT }, dots[] = { 0.6, 1.8 };
    char num[64], buf[160], per[32];
    double w, h;

    if (has_threshold(c)) {
        double v = c->spec->target.amount;
        hline(d, v, d->col.target, 0.9, dots, 2);
        value_text(c, v, c->decimals, num, sizeof num);
        snprintf(buf, sizeof buf, "%s %s %s", nl(c) ? "norm" : "norm",
                 c->spec->target.kind == BS_TARGET_AT_LEAST ? ">=" : "<=", num);
        text_set(&d->t, buf, LABEL_SIZE, 0, &w, &h);
        text_show(&d->t, X(d, d->f.t1) / PT - w - 0.5, Y(d, v) / PT - h - 0.3);
    }
    if (!p || !c->series->n || isnan(p[0].baseline))
        return;
    hline(d, p[0].baseline, d->col.baseline, 0.8, NULL, 0);
    value_text(c, p[0].baseline, c->decimals, num, sizeof num);
    snprintf(buf, sizeof buf, "%s %s", nl(c) ? "nulwaarde" : "baseline", num);
    text_set(&d->t, buf, LABEL_SIZE, 0, &w, &h);
    text_show(&d->t, d->x0 + d->f.plot_x + 0.8, Y(d, p[0].baseline) / PT - h - 0.2);
    if (!has_deadline(c) || isnan(p[0].target))
        return;
    {
        double tb = bs_period_time(&c->spec->baseline), tt = bs_period_time(&c->spec->target.by);
        double x = X(d, tt), y = Y(d, p[0].target), r = DIAMOND_R * PT;
        cairo_save(d->cr);
        rgb(d->cr, d->col.path);
        cairo_set_line_width(d->cr, 0.9);
        cairo_set_dash(d->cr, dash, 2, 0);
        cairo_move_to(d->cr, X(d, tb), Y(d, p[0].baseline));
        cairo_line_to(d->cr, x, y);
        cairo_stroke(d->cr);
        cairo_restore(d->cr);
        cairo_move_to(d->cr, x, y - r);
        cairo_line_to(d->cr, x + r, y);
        cairo_line_to(d->cr, x, y + r);
        cairo_line_to(d->cr, x - r, y);
        cairo_close_path(d->cr);
        rgb(d->cr, d->col.target);
        cairo_fill(d->cr);
        value_text(c, p[0].target, c->decimals, num, sizeof num);
        period_label(c, &c->spec->target.by, per, sizeof per);
        snprintf(buf, sizeof buf, "%s %s (%s)", nl(c) ? "doel" : "target", num, per);
        text_set(&d->t, buf, LABEL_SIZE, 0, &w, &h);
        text_show(&d->t, x / PT - w - DIAMOND_R - 0.8, y / PT + DIAMOND_R * 0.4);
    }
}

static void marker(cairo_t *cr, double x, double y, double r_mm, bs_rgb c,
                   int hollow, double ring_pt)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r_mm * PT, 0, 2 * M_PI);
    if (hollow) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        rgb(cr, c);
        cairo_set_line_width(cr, ring_pt);
        cairo_stroke(cr);
    } else {
        rgb(cr, c);
        cairo_fill(cr);
    }
}

static void draw_series(draw *d)
{
    const bs_chart *c = d->c;
    const bs_series *s = c->series;
    long latest = bs_series_latest(s);
    size_t i;
    char num[64], buf[128];
    double w, h;

    cairo_save(d->cr);
    rgb(d->cr, d->col.line);
    cairo_set_line_width(d->cr, 1.4);
    cairo_set_line_join(d->cr, CAIRO_LINE_JOIN_ROUND);
    for (i = 1; i < s->n; i++) {
        if (isnan(s->value[i - 1]) || isnan(s->value[i])
            || broken(c->spec, &s->period[i - 1], &s->period[i]))
            continue;
        cairo_move_to(d->cr, X(d, bs_period_time(&s->period[i - 1])), Y(d, s->value[i - 1]));
        cairo_line_to(d->cr, X(d, bs_period_time(&s->period[i])), Y(d, s->value[i]));
    }
    cairo_stroke(d->cr);
    for (i = 0; i < s->n; i++) {
        int prov = s->provisional && s->provisional[i];
        if (isnan(s->value[i]) || (long)i == latest)
            continue;
        marker(d->cr, X(d, bs_period_time(&s->period[i])), Y(d, s->value[i]), MARKER_R,
               d->col.line, prov, 0.8);
    }
    if (latest >= 0) {
        int prov = s->provisional && s->provisional[latest];
        bs_rgb col = c->points ? d->col.status[c->points[latest].status] : d->col.line;
        double x = X(d, bs_period_time(&s->period[latest])), y = Y(d, s->value[latest]);
        marker(d->cr, x, y, LATEST_R, col, prov, 1.6);
        value_text(c, s->value[latest], c->decimals, num, sizeof num);
        snprintf(buf, sizeof buf, "%s%s", num, !prov ? "" : nl(c) ? " (voorlopig)"
                                                        : " (provisional)");
        text_set(&d->t, buf, LABEL_SIZE, 1, &w, &h);
        text_show(&d->t, x / PT + LATEST_R + 0.8 + w > d->x0 + d->f.plot_x + d->f.plot_w
                         ? x / PT - LATEST_R - 0.8 - w : x / PT + LATEST_R + 0.8,
                  y / PT - LATEST_R - h);
    }
    cairo_restore(d->cr);
}

int bs_chart_draw(cairo_t *cr, const bs_chart *c, double x_mm, double y_mm,
                  double w_mm, double h_mm, bs_error *err)
{
    draw d;
    bs_style st;
    int rc = 0;
    cairo_status_t cs;

    memset(&d, 0, sizeof d);
    d.cr = cr;
    d.c = c;
    d.x0 = x_mm;
    d.y0 = y_mm;
    if (c->colours)
        d.col = *c->colours;
    else
        bs_chart_colours_default(&d.col);
    if (c->style)
        st = *c->style;
    else
        bs_style_default(&st);
    cairo_save(cr);
    if (text_init(&d.t, cr, &st))
        rc = bs_error_set(err, "chart: cannot set up text");
    else if (frame(c, &d.t, w_mm, h_mm, &d.f, &d.dec, err))
        rc = -1;
    if (rc == 0) {
        if (c->title && *c->title) {
            text_set(&d.t, c->title, TITLE_SIZE, 1, NULL, NULL);
            text_show(&d.t, x_mm, y_mm);
        }
        draw_axes(&d);
        draw_breaks(&d);
        draw_reference(&d);
        draw_series(&d);
    }
    text_free(&d.t);
    cairo_restore(cr);
    cs = cairo_status(cr);
    if (rc == 0 && cs != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "chart: cairo: %s", cairo_status_to_string(cs));
    return rc;
}

int bs_sparkline_draw(cairo_t *cr, const bs_series *s, const bs_period *breaks,
                      size_t nbreaks, bs_rgb line, bs_rgb last, double x_mm,
                      double y_mm, double w_mm, double h_mm, bs_error *err)
{
    bs_monitor_spec m;
    long latest = bs_series_latest(s);
    double lo = INFINITY, hi = -INFINITY, t0, t1, r = 0.7, sx, sy;
    size_t i;
    cairo_status_t cs;

    if (latest < 0)
        return bs_error_set(err, "sparkline: no value to draw");
    memset(&m, 0, sizeof m);
    m.breaks = breaks;
    m.nbreaks = nbreaks;
    for (i = 0; i < s->n; i++)
        widen(s->value[i], &lo, &hi);
    if (hi - lo < 1e-12 * fmax(1, fabs(hi)))
        lo -= 1, hi += 1;
    t0 = bs_period_time(&s->period[0]);
    t1 = bs_period_time(&s->period[s->n - 1]);
    sx = t1 > t0 ? (w_mm - 2 * r) / (t1 - t0) : 0;
    sy = (h_mm - 2 * r) / (hi - lo);
#define SX(t) ((x_mm + r + ((t) - t0) * sx + (t1 > t0 ? 0 : (w_mm - 2 * r) / 2)) * PT)
#define SY(v) ((y_mm + r + (hi - (v)) * sy) * PT)
    cairo_save(cr);
    rgb(cr, line);
    cairo_set_line_width(cr, 0.75);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (i = 1; i < s->n; i++) {
        if (isnan(s->value[i - 1]) || isnan(s->value[i])
            || broken(&m, &s->period[i - 1], &s->period[i]))
            continue;
        cairo_move_to(cr, SX(bs_period_time(&s->period[i - 1])), SY(s->value[i - 1]));
        cairo_line_to(cr, SX(bs_period_time(&s->period[i])), SY(s->value[i]));
    }
    cairo_stroke(cr);
    marker(cr, SX(bs_period_time(&s->period[latest])), SY(s->value[latest]), r, last,
           s->provisional && s->provisional[latest], 0.8);
#undef SX
#undef SY
    cairo_restore(cr);
    cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "sparkline: cairo: %s", cairo_status_to_string(cs));
    return 0;
}
