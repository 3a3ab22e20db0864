/* map.c: one choropleth map page with cairo and pango.
 *
 * The page is composed in millimetres and drawn in points (PDF/SVG user
 * space; the PNG surface is scaled by dpi/72 so that one user unit is one
 * point there too). Map coordinates are transformed here rather than with
 * a cairo matrix, so line widths stay in points whatever the map scale.
 *
 * Placement of everything except the texts depends only on the paper and
 * the areas' bounding box (bs_map_frame_get promises that): header, footer
 * and legend get fixed reservations, and texts are fitted into them. */
#include "buurtscan/map.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ctype.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/number.h"

#define PT_PER_MM (72.0 / 25.4)
#define MM(v) ((v) * PT_PER_MM)
#define FONT_FAMILY "DejaVu Sans,Sans"

/* Sizes at A4 (mm, or pt for fonts); larger paper scales them by f. */
#define MARGIN 12.0
#define HEAD_H 20.0           /* title + subtitle block */
#define HEAD_GAP 5.0
#define FOOT_H 6.5            /* two lines of source text */
#define FOOT_GAP 4.0
#define SCALE_H 9.0           /* strip under the frame for the scale bar */
#define ARROW_W 8.0           /* column right of the frame for the arrow */
#define LEGEND_W 60.0         /* legend column beside the map */
#define LEGEND_BELOW_W 95.0   /* legend block below the map */
#define LEGEND_BELOW_H 46.0  /* 5 classes; more flow into two columns */
#define LEGEND_GAP 10.0       /* frame (and arrow) to legend, beside */
#define LEGEND_GAP_BELOW 6.0
#define SWATCH_W 7.0
#define SWATCH_H 4.2
#define ROW_PITCH 5.6
#define HATCH_STEP 2.5        /* mm between hatch lines along an axis */

#define FS_TITLE 18.0
#define FS_SUBTITLE 11.0
#define FS_LEGEND_TITLE 10.0
#define FS_LABEL 9.0
#define FS_SMALL 7.5          /* scale bar */
#define FS_NORTH 9.0
#define FS_SOURCE 7.0
#define FS_MIN 7.0

typedef struct rgbf {
    double r, g, b;
} rgbf;

static const rgbf C_TEXT = {0.10, 0.10, 0.10};
static const rgbf C_SUBTLE = {0.30, 0.30, 0.30};
static const rgbf C_SOURCE = {0.42, 0.42, 0.42};
static const rgbf C_OUTLINE = {0.45, 0.45, 0.45};
static const rgbf C_HATCH = {0.50, 0.50, 0.50};

/* --- paper ------------------------------------------------------------- */

int bs_paper_parse(const char *text, bs_paper *out)
{
    static const struct { const char *name; double w, h; } sizes[] = {
        {"A4", 210, 297}, {"A3", 297, 420}, {"A2", 420, 594},
    };
    char word[16];
    const char *p = text;
    int size = -1, orient = -1;   /* orient: 0 portrait, 1 landscape */

    if (!p || !out)
        return -1;
    for (;;) {
        size_t n = 0;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        while (*p && !isspace((unsigned char)*p)) {
            if (n + 1 >= sizeof word)
                return -1;
            word[n++] = *p++;
        }
        word[n] = '\0';
        if (strcasecmp(word, "portrait") == 0 || strcasecmp(word, "landscape") == 0) {
            if (orient >= 0)
                return -1;
            orient = strcasecmp(word, "landscape") == 0;
            continue;
        }
        if (size >= 0)
            return -1;
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            if (strcasecmp(word, sizes[i].name) == 0)
                size = (int)i;
        if (size < 0)
            return -1;
    }
    if (size < 0)
        return -1;
    out->width_mm = orient == 1 ? sizes[size].h : sizes[size].w;
    out->height_mm = orient == 1 ? sizes[size].w : sizes[size].h;
    return 0;
}

/* --- page layout --------------------------------------------------------- */

typedef struct layout {
    double W, H;              /* page, mm */
    double f;                 /* size factor relative to A4 */
    double margin;
    double head_y, head_h;    /* title block: x = margin, full content width */
    double foot_h;            /* footer text sits on the bottom margin */
    double region_y0, region_y1;  /* between header and footer */
    int legend_right;         /* legend beside the frame, else below it */
    bs_map_frame fr;
    double arrow_x;           /* left edge of the north arrow column */
    double scale_y;           /* top of the scale bar strip */
    double leg_x, leg_y, leg_w, leg_h;  /* room for the legend */
} layout;

typedef struct placement {
    double scale, gx, gy;     /* mm per metre; group origin */
} placement;

/* Legend beside (right = 1) or below the frame; centres the group of
 * frame, arrow column, scale strip and legend in the region. */
static placement fit_option(const layout *L, double bw, double bh, int right)
{
    double f = L->f, cw = L->W - 2 * L->margin;
    double rh = L->region_y1 - L->region_y0;
    double aw = ARROW_W * f, sh = SCALE_H * f;
    double gap = (right ? LEGEND_GAP : LEGEND_GAP_BELOW) * f;
    double availw, availh, gw, gh;
    placement r;

    if (right) {
        availw = cw - aw - gap - LEGEND_W * f;
        availh = rh - sh;
    } else {
        availw = cw - aw;
        availh = rh - sh - gap - LEGEND_BELOW_H * f;
    }
    if (availw < 1) availw = 1;
    if (availh < 1) availh = 1;
    r.scale = fmin(availw / bw, availh / bh);
    if (right) {
        gw = bw * r.scale + aw + gap + LEGEND_W * f;
        gh = bh * r.scale + sh;
    } else {
        gw = fmax(bw * r.scale + aw, LEGEND_BELOW_W * f);
        if (gw > cw) gw = cw;
        gh = bh * r.scale + sh + gap + LEGEND_BELOW_H * f;
    }
    r.gx = L->margin + (cw - gw) / 2;
    r.gy = L->region_y0 + (rh - gh) / 2;
    return r;
}

static int layout_compute(const bs_map *m, layout *L)
{
    double box[4], bw, bh, f;
    placement a, b, *c;

    if (!m || !m->areas || m->paper.width_mm <= 0 || m->paper.height_mm <= 0)
        return -1;
    if (bs_areas_bbox(m->areas, box) != 0)
        return -1;
    memset(L, 0, sizeof *L);
    L->W = m->paper.width_mm;
    L->H = m->paper.height_mm;
    /* Bigger paper hangs further away: grow type and furniture, gently. */
    L->f = f = sqrt(fmin(L->W, L->H) / 210.0);
    L->margin = MARGIN * f;
    L->head_y = L->margin;
    L->head_h = HEAD_H * f;
    L->foot_h = FOOT_H * f;
    L->region_y0 = L->head_y + L->head_h + HEAD_GAP * f;
    L->region_y1 = L->H - L->margin - L->foot_h - FOOT_GAP * f;

    /* A line or a point still gets a frame: a missing extent takes the
     * other one, or 1 m. */
    bw = box[2] - box[0];
    bh = box[3] - box[1];
    if (!(bw > 0)) bw = fmax(bh, 1.0);
    if (!(bh > 0)) bh = fmax(bw, 1.0);

    /* The legend goes where it costs the map least; ties go to the
     * side on landscape paper and below on portrait. */
    a = fit_option(L, bw, bh, 1);
    b = fit_option(L, bw, bh, 0);
    if (L->W >= L->H)
        L->legend_right = a.scale >= b.scale * 0.98;
    else
        L->legend_right = a.scale > b.scale * 1.02;
    c = L->legend_right ? &a : &b;

    L->fr.scale = c->scale;
    L->fr.minx = box[0];
    L->fr.maxy = box[3];
    L->fr.x0_mm = c->gx;
    L->fr.y0_mm = c->gy;
    L->fr.width_mm = bw * c->scale;
    L->fr.height_mm = bh * c->scale;
    L->arrow_x = c->gx + L->fr.width_mm + 2.5 * f;
    L->scale_y = c->gy + L->fr.height_mm;
    if (L->legend_right) {
        L->leg_x = c->gx + L->fr.width_mm + ARROW_W * f + LEGEND_GAP * f;
        L->leg_y = c->gy;
        L->leg_w = LEGEND_W * f;
        L->leg_h = L->region_y1 - L->region_y0;   /* may move up, see draw_legend */
    } else {
        L->leg_x = c->gx;
        L->leg_y = L->scale_y + SCALE_H * f + LEGEND_GAP_BELOW * f;
        L->leg_w = fmin(LEGEND_BELOW_W * f, L->W - 2 * L->margin);
        L->leg_h = LEGEND_BELOW_H * f;
    }
    return 0;
}

int bs_map_frame_get(const bs_map *m, bs_map_frame *out)
{
    layout L;

    if (!out || layout_compute(m, &L) != 0)
        return -1;
    *out = L.fr;
    return 0;
}

/* --- text ------------------------------------------------------------- */

typedef struct text {
    cairo_t *cr;
    PangoContext *ctx;
    PangoLayout *lay;
    PangoFontDescription *fd;
} text;

static int text_init(text *t, cairo_t *cr)
{
    cairo_font_options_t *fo;

    memset(t, 0, sizeof *t);
    t->cr = cr;
    t->ctx = pango_cairo_create_context(cr);
    if (!t->ctx)
        return -1;
    /* Unhinted metrics: text measures the same on PDF, SVG and PNG, so
     * what fits in one fits in all. Absolute sizes are user units (pt). */
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(t->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(t->ctx, 72.0);
    t->lay = pango_layout_new(t->ctx);
    t->fd = pango_font_description_new();
    if (!t->lay || !t->fd)
        return -1;
    pango_font_description_set_family(t->fd, FONT_FAMILY);
    return 0;
}

static void text_free(text *t)
{
    if (t->fd) pango_font_description_free(t->fd);
    if (t->lay) g_object_unref(t->lay);
    if (t->ctx) g_object_unref(t->ctx);
}

/* Lays out s at size pt; width_pt > 0 wraps at that width and max_lines > 0
 * ellipsizes after that many lines. */
static void text_set(text *t, const char *s, double size, int bold,
                     double width_pt, int max_lines)
{
    pango_font_description_set_absolute_size(t->fd, size * PANGO_SCALE);
    pango_font_description_set_weight(t->fd, bold ? PANGO_WEIGHT_BOLD
                                                  : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(t->lay, t->fd);
    pango_layout_set_width(t->lay, width_pt > 0 ? (int)(width_pt * PANGO_SCALE) : -1);
    pango_layout_set_wrap(t->lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(t->lay, max_lines > 0 ? -max_lines : -1);
    /* With ellipsizing on, pango reads height -1 as "one line". */
    pango_layout_set_ellipsize(t->lay, max_lines > 0 ? PANGO_ELLIPSIZE_END
                                                     : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text(t->lay, s ? s : "", -1);
}

static double text_w(text *t)
{
    int w, h;
    pango_layout_get_size(t->lay, &w, &h);
    return (double)w / PANGO_SCALE;
}

static double text_h(text *t)
{
    int w, h;
    pango_layout_get_size(t->lay, &w, &h);
    return (double)h / PANGO_SCALE;
}

static int text_lines(text *t)
{
    return pango_layout_get_line_count(t->lay);
}

/* Narrows a wrapped layout as far as it keeps its line count, so two lines
 * come out about even rather than one full line and a lone word. */
static void text_balance(text *t, double width_pt)
{
    int n = text_lines(t);
    double lo = width_pt * 0.3, hi = width_pt;

    if (n < 2 || pango_layout_is_ellipsized(t->lay))
        return;
    for (int it = 0; it < 14; it++) {
        double mid = (lo + hi) / 2;
        pango_layout_set_width(t->lay, (int)(mid * PANGO_SCALE));
        if (pango_layout_get_line_count(t->lay) > n || pango_layout_is_ellipsized(t->lay))
            lo = mid;
        else
            hi = mid;
    }
    pango_layout_set_width(t->lay, (int)ceil(hi * PANGO_SCALE));
}

static void text_show(text *t, double x_pt, double y_pt, rgbf c)
{
    cairo_set_source_rgb(t->cr, c.r, c.g, c.b);
    cairo_move_to(t->cr, x_pt, y_pt);
    pango_cairo_show_layout(t->cr, t->lay);
}

/* --- map geometry ---------------------------------------------------------- */

typedef struct xform {
    double a, bx, by;         /* page_pt = b + a * (x, -y) */
} xform;

static void add_area(cairo_t *cr, const bs_areas *ar, size_t i, const xform *T)
{
    for (size_t r = ar->ring_first[i]; r < ar->ring_first[i + 1]; r++) {
        size_t p0 = ar->pt_first[r], p1 = ar->pt_first[r + 1];
        if (p1 <= p0)
            continue;
        cairo_move_to(cr, T->bx + T->a * ar->x[p0], T->by - T->a * ar->y[p0]);
        for (size_t p = p0 + 1; p < p1; p++)
            cairo_line_to(cr, T->bx + T->a * ar->x[p], T->by - T->a * ar->y[p]);
        cairo_close_path(cr);
    }
}

/* One path per class, filled once: cheap even for tens of thousands of
 * polygons, and neighbours of one class never show seams between them. */
static void add_class_path(cairo_t *cr, const bs_map *m, int cls, const xform *T)
{
    cairo_new_path(cr);
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] == cls)
            add_area(cr, m->areas, i, T);
}

/* Fills the current path as "geen gegevens": white with grey diagonal
 * hatching. The lines are stroked inside a clip rather than taken from a
 * repeating pattern: vector in PDF and SVG all the same, and cairo 1.16's
 * SVG backend leaks memory on every page that uses a recording-surface
 * pattern. The lines are anchored to the page, so map and legend agree. */
static void fill_nodata(cairo_t *cr, double f)
{
    double step = MM(HATCH_STEP) * f;   /* between lines, along the x axis */
    double x0, y0, x1, y1;

    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 > x0 && y1 > y0) {
        /* Lines y = c - x with c a multiple of step, covering the extents. */
        for (double c = floor((x0 + y0) / step) * step; c <= x1 + y1 + step; c += step) {
            cairo_move_to(cr, c - y0 + 1, y0 - 1);
            cairo_line_to(cr, c - y1 - 1, y1 + 1);
        }
        cairo_set_source_rgb(cr, C_HATCH.r, C_HATCH.g, C_HATCH.b);
        cairo_set_line_width(cr, 0.45 * f);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_new_path(cr);
}

static void draw_areas(cairo_t *cr, const bs_map *m, const layout *L)
{
    xform T;

    T.a = MM(L->fr.scale);
    T.bx = MM(L->fr.x0_mm) - T.a * L->fr.minx;
    T.by = MM(L->fr.y0_mm) + T.a * L->fr.maxy;
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int c = 0; c < m->k; c++) {
        add_class_path(cr, m, c, &T);
        cairo_set_source_rgb(cr, m->fill[c].r / 255.0, m->fill[c].g / 255.0,
                             m->fill[c].b / 255.0);
        cairo_fill(cr);
    }
    add_class_path(cr, m, -1, &T);
    fill_nodata(cr, L->f);

    cairo_new_path(cr);
    for (size_t i = 0; i < m->areas->n; i++)
        add_area(cr, m->areas, i, &T);
    cairo_set_line_width(cr, 0.25 * L->f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgb(cr, C_OUTLINE.r, C_OUTLINE.g, C_OUTLINE.b);
    cairo_stroke(cr);
}

/* --- map furniture --------------------------------------------------------- */

static int is_en(const bs_map *m)
{
    return m->language && strcmp(m->language, "en") == 0;
}

/* A round length near a fifth of the frame: 1, 2 or 5 times a power of 10. */
static double scale_length(double frame_m)
{
    double target = frame_m / 5, best = 1, bestd = INFINITY;
    double p = pow(10, floor(log10(target)));
    static const double steps[] = {1, 2, 5, 10};

    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        double d = fabs(log(steps[i] * p / target));
        if (d < bestd) {
            bestd = d;
            best = steps[i] * p;
        }
    }
    return best;
}

static void draw_scale_bar(cairo_t *cr, text *t, const bs_map *m, const layout *L)
{
    double f = L->f, len = scale_length(L->fr.width_mm / L->fr.scale);
    double x = MM(L->fr.x0_mm), y = MM(L->scale_y + 3.0 * f);
    double w = MM(len * L->fr.scale), h = MM(1.5 * f);
    double lead = len / pow(10, floor(log10(len) + 1e-9));
    int nseg = lead > 4 ? 5 : 4;
    char num[64], lab[80];

    for (int i = 0; i < nseg; i++) {
        cairo_rectangle(cr, x + w * i / nseg, y, w / nseg, h);
        if (i % 2 == 0)
            cairo_set_source_rgb(cr, C_TEXT.r, C_TEXT.g, C_TEXT.b);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, C_TEXT.r, C_TEXT.g, C_TEXT.b);
    cairo_set_line_width(cr, 0.4 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);

    text_set(t, "0", FS_SMALL * f, 0, 0, 0);
    text_show(t, x - text_w(t) / 2, y + h + MM(0.8 * f), C_TEXT);
    if (len >= 1000)
        snprintf(lab, sizeof lab, "%s km",
                 bs_format_number(len / 1000, 0, m->language, num, sizeof num));
    else
        snprintf(lab, sizeof lab, "%s m",
                 bs_format_number(len, 0, m->language, num, sizeof num));
    text_set(t, lab, FS_SMALL * f, 0, 0, 0);
    text_show(t, x + w - text_w(t) / 2, y + h + MM(0.8 * f), C_TEXT);
}

/* "N" over a two-tone arrowhead, top-aligned with the frame. */
static void draw_north_arrow(cairo_t *cr, text *t, const layout *L)
{
    double f = L->f, cx = MM(L->arrow_x + 2.5 * f), top = MM(L->fr.y0_mm);
    double hw = MM(2.2 * f), len = MM(8.5 * f), notch = MM(2.2 * f);
    double tip, base;

    text_set(t, "N", FS_NORTH * f, 1, 0, 0);
    text_show(t, cx - text_w(t) / 2, top, C_TEXT);
    tip = top + text_h(t) + MM(0.6 * f);
    base = tip + len;

    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx - hw, base);
    cairo_line_to(cr, cx, base - notch);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, C_TEXT.r, C_TEXT.g, C_TEXT.b);
    cairo_fill(cr);

    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx - hw, base);
    cairo_line_to(cr, cx, base - notch);
    cairo_line_to(cr, cx + hw, base);
    cairo_close_path(cr);
    cairo_set_line_width(cr, 0.5 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

/* --- texts around the map ------------------------------------------------ */

/* Title and subtitle in the fixed header block: a long title wraps, and
 * shrinks a step or two when two lines plus subtitle would not fit. */
static void draw_header(text *t, const bs_map *m, const layout *L)
{
    static const double tsz[] = {FS_TITLE, 16, 14}, ssz[] = {FS_SUBTITLE, 10, 9};
    double f = L->f, w = MM(L->W - 2 * L->margin), room = MM(L->head_h);
    double gap = MM(1.5 * f), th = 0, sh = 0;
    int has_sub = m->subtitle && *m->subtitle, i;

    for (i = 0; i < 3; i++) {
        th = sh = 0;
        if (m->title && *m->title) {
            text_set(t, m->title, tsz[i] * f, 1, w, 0);
            th = text_h(t);
        }
        if (has_sub) {
            text_set(t, m->subtitle, ssz[i] * f, 0, w, 0);
            sh = text_h(t) + gap;
        }
        if (th + sh <= room)
            break;
    }
    if (i == 3)
        i = 2;   /* smallest sizes, with line limits below */
    double y = MM(L->head_y);
    if (m->title && *m->title) {
        text_set(t, m->title, tsz[i] * f, 1, w, 2);
        text_balance(t, w);
        text_show(t, MM(L->margin), y, C_TEXT);
        y += text_h(t) + gap;
    }
    if (has_sub) {
        double left = MM(L->head_y) + room - y;
        text_set(t, m->subtitle, ssz[i] * f, 0, w, 0);
        if (text_h(t) > left) {
            int lines = text_lines(t);
            int fit = (int)(left / (text_h(t) / lines));
            text_set(t, m->subtitle, ssz[i] * f, 0, w, fit > 1 ? fit : 1);
        }
        text_show(t, MM(L->margin), y, C_SUBTLE);
    }
}

static int draw_footer(text *t, const bs_map *m, const layout *L, bs_error *err)
{
    double f = L->f, w = MM(L->W - 2 * L->margin);
    const char *credit = is_en(m) ? "map: buurtscan" : "kaart: buurtscan";
    const char *src = m->source && *m->source ? m->source : NULL;
    const char *date = m->date && *m->date ? m->date : NULL;
    size_t n = (src ? strlen(src) : 0) + (date ? strlen(date) : 0) + 64;
    char *s = malloc(n);

    if (!s)
        return bs_error_set(err, "map source line: out of memory");
    snprintf(s, n, "%s%s%s%s%s", src ? src : "", src ? " \u00b7 " : "", credit,
             date ? ", " : "", date ? date : "");
    /* Three lines at most: the third uses the gap above the footer. */
    text_set(t, s, FS_SOURCE * f, 0, w, 3);
    text_show(t, MM(L->margin), MM(L->H - L->margin) - text_h(t), C_SOURCE);
    free(s);
    return 0;
}

static void format_range(const bs_map *m, int c, char *buf, size_t n)
{
    char a[64], b[64];

    bs_format_number(m->lower[c], m->decimals, m->language, a, sizeof a);
    bs_format_number(m->upper[c], m->decimals, m->language, b, sizeof b);
    if (!isfinite(m->lower[c]))   /* a class wholly below the data (std-mean) */
        snprintf(buf, n, "\u2264 %s", b);
    else if (strcmp(a, b) == 0)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s \u2013 %s", a, b);   /* en dash */
}

static void swatch_outline(cairo_t *cr, double x, double y, double w, double h,
                           double f)
{
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, C_OUTLINE.r, C_OUTLINE.g, C_OUTLINE.b);
    cairo_set_line_width(cr, 0.3 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

/* Legend: title, one row per class (swatch, range, count in parentheses
 * in a right-aligned column), then the hatched "geen gegevens" row. Below
 * the map, rows that do not fit the block flow into a second column. */
static int draw_legend(cairo_t *cr, text *t, const bs_map *m, const layout *L,
                       bs_error *err)
{
    int rows = m->k + 1, i, ncol = 1, per_col, title_lines = L->legend_right ? 4 : 2;
    double f = L->f, lw = MM(L->leg_w), cw;
    double sw = MM(SWATCH_W * f), sh = MM(SWATCH_H * f), pitch = MM(ROW_PITCH * f);
    double tgap = MM(2.2 * f), xgap = MM(2.5 * f), cgap = MM(2.5 * f);
    double colgap = MM(6.0 * f), nd_gap = MM(1.2 * f);
    double size = FS_LABEL * f, title_h = 0;
    double labw = 0, cntw = 0, x, y, avail, need;
    char (*lab)[160] = malloc((size_t)rows * sizeof *lab);
    char (*cnt)[72] = malloc((size_t)rows * sizeof *cnt);
    char num[64];

    if (!lab || !cnt) {
        free(lab);
        free(cnt);
        return bs_error_set(err, "map legend: out of memory");
    }
    for (i = 0; i < m->k; i++) {
        format_range(m, i, lab[i], sizeof lab[i]);
        snprintf(cnt[i], sizeof cnt[i], "(%s)",
                 bs_format_number((double)m->count[i], 0, m->language, num, sizeof num));
    }
    snprintf(lab[m->k], sizeof lab[m->k], "%s", is_en(m) ? "no data" : "geen gegevens");
    snprintf(cnt[m->k], sizeof cnt[m->k], "(%s)",
             bs_format_number((double)m->missing, 0, m->language, num, sizeof num));

    if (m->legend_title && *m->legend_title) {
        text_set(t, m->legend_title, FS_LEGEND_TITLE * f, 1, lw, title_lines);
        title_h = text_h(t) + tgap;
    }
    /* Beside the map the legend starts level with the frame, moving up
     * only when it would run past the region; below the map it has a
     * fixed block. */
    need = title_h + rows * pitch + nd_gap;
    if (L->legend_right) {
        avail = MM(L->region_y1) - MM(L->leg_y);
        y = need <= avail ? MM(L->leg_y)
                          : fmax(MM(L->region_y0), MM(L->region_y1) - need);
        avail = MM(L->region_y1) - y;
    } else {
        y = MM(L->leg_y);
        avail = MM(L->leg_h);
        if (need > avail + 1e-6)
            ncol = 2;
    }
    per_col = (rows + ncol - 1) / ncol;
    need = title_h + per_col * pitch + (ncol == 1 ? nd_gap : 0);
    if (need > avail) {   /* squeeze the pitch, keep the swatch */
        pitch = fmax(sh + MM(0.4 * f), (avail - title_h - nd_gap) / per_col);
        sh = fmin(sh, pitch - MM(0.4 * f));
    }
    cw = (lw - (ncol - 1) * colgap) / ncol;

    /* Shrink the labels (not below the minimum) until label and count
     * columns fit beside the swatches; beyond that, ellipsize. */
    for (;;) {
        labw = cntw = 0;
        for (i = 0; i < rows; i++) {
            text_set(t, lab[i], size, 0, 0, 0);
            labw = fmax(labw, text_w(t));
            text_set(t, cnt[i], size, 0, 0, 0);
            cntw = fmax(cntw, text_w(t));
        }
        if (sw + xgap + labw + cgap + cntw <= cw || size <= FS_MIN * f + 1e-9)
            break;
        size = fmax(FS_MIN * f, size - 0.5 * f);
    }
    labw = fmin(labw, cw - sw - xgap - cgap - cntw);

    x = MM(L->leg_x);
    if (title_h > 0) {
        text_set(t, m->legend_title, FS_LEGEND_TITLE * f, 1, lw, title_lines);
        text_balance(t, lw);
        text_show(t, x, y, C_TEXT);
        y += title_h;
    }
    for (i = 0; i < rows; i++) {
        int col = i / per_col, r = i % per_col;
        double rx = x + col * (cw + colgap);
        double ry = y + r * pitch + (i == m->k && r > 0 ? nd_gap : 0);

        cairo_rectangle(cr, rx, ry, sw, sh);
        if (i < m->k) {
            cairo_set_source_rgb(cr, m->fill[i].r / 255.0, m->fill[i].g / 255.0,
                                 m->fill[i].b / 255.0);
            cairo_fill(cr);
        } else {
            fill_nodata(cr, f);
        }
        swatch_outline(cr, rx, ry, sw, sh, f);

        text_set(t, lab[i], size, 0, labw + 0.5, 1);
        text_show(t, rx + sw + xgap, ry + (sh - text_h(t)) / 2, C_TEXT);
        text_set(t, cnt[i], size, 0, 0, 0);
        text_show(t, rx + sw + xgap + labw + cgap + cntw - text_w(t),
                  ry + (sh - text_h(t)) / 2, C_SUBTLE);
    }
    free(lab);
    free(cnt);
    return 0;
}

/* --- rendering -------------------------------------------------------------- */

static int check_input(const bs_map *m, bs_error *err)
{
    if (!m || !m->areas || !m->cls)
        return bs_error_set(err, "map: no areas or classes given");
    if (m->k < 0 || m->k > 64)
        return bs_error_set(err, "map: %d classes is not a number of classes", m->k);
    if (m->k > 0 && (!m->fill || !m->lower || !m->upper || !m->count))
        return bs_error_set(err, "map: colours, bounds or counts missing for the legend");
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] < -1 || m->cls[i] >= m->k)
            return bs_error_set(err, "map: area %zu has class %d, outside -1..%d",
                                i + 1, m->cls[i], m->k - 1);
    return 0;
}

static int draw_page(cairo_t *cr, const bs_map *m, const layout *L, bs_error *err)
{
    text t;
    int rc;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (text_init(&t, cr) != 0) {
        text_free(&t);
        return bs_error_set(err, "map: cannot set up text layout");
    }
    draw_areas(cr, m, L);
    draw_north_arrow(cr, &t, L);
    draw_scale_bar(cr, &t, m, L);
    draw_header(&t, m, L);
    rc = draw_legend(cr, &t, m, L, err);
    if (rc == 0)
        rc = draw_footer(&t, m, L, err);
    text_free(&t);
    return rc;
}

static int surface_error(cairo_surface_t *s, const char *what, const char *path,
                         bs_error *err)
{
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS)
        return 0;
    return bs_error_set(err, "%s: cannot %s: %s", path, what, cairo_status_to_string(st));
}

int bs_map_render(const bs_map *m, bs_format fmt, double dpi,
                  const char *path, bs_error *err)
{
    double wpt, hpt, s = 1.0;
    cairo_surface_t *surf;
    cairo_status_t st;
    cairo_t *cr;
    layout L;
    int rc;

    if (!path)
        return bs_error_set(err, "map: no output path");
    if (check_input(m, err) != 0)
        return -1;
    if (layout_compute(m, &L) != 0)
        return bs_error_set(err, "%s: no area has geometry, or the paper size is unset", path);
    wpt = MM(L.W);
    hpt = MM(L.H);

    switch (fmt) {
    case BS_FORMAT_PDF:
        surf = cairo_pdf_surface_create(path, wpt, hpt);
        break;
    case BS_FORMAT_SVG:
        surf = cairo_svg_surface_create(path, wpt, hpt);
        break;
    case BS_FORMAT_PNG: {
        double pw, ph;
        if (!(dpi >= 10 && dpi <= 2400))
            return bs_error_set(err, "%s: PNG resolution %g dpi is out of range", path, dpi);
        s = dpi / 72.0;
        pw = round(wpt * s);
        ph = round(hpt * s);
        if (pw > 32767 || ph > 32767)
            return bs_error_set(err, "%s: %g dpi makes the PNG too large", path, dpi);
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
        break;
    }
    default:
        return bs_error_set(err, "%s: unknown output format", path);
    }
    if (surface_error(surf, "create the map file", path, err) != 0) {
        cairo_surface_destroy(surf);
        return -1;
    }
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    if (fmt == BS_FORMAT_PDF) {
        if (m->title)
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, m->title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "buurtscan");
        /* a fixed date makes the PDF byte-reproducible */
        if (m->iso_date) {
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                           m->iso_date);
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                           m->iso_date);
        }
    }
    if (fmt == BS_FORMAT_SVG)
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PT);
#endif

    cr = cairo_create(surf);
    cairo_scale(cr, s, s);
    rc = draw_page(cr, m, &L, err);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "%s: drawing the map failed: %s", path,
                          cairo_status_to_string(st));
    if (rc == 0 && fmt == BS_FORMAT_PNG) {
        st = cairo_surface_write_to_png(surf, path);
        if (st != CAIRO_STATUS_SUCCESS)
            rc = bs_error_set(err, "%s: cannot write PNG: %s", path,
                              cairo_status_to_string(st));
    }
    cairo_surface_finish(surf);
    if (rc == 0)
        rc = surface_error(surf, "write the map file", path, err);
    cairo_surface_destroy(surf);
    return rc;
}
