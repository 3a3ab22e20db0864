/* map.c: choropleth map pages and map panels with cairo and pango.
 *
 * The page is composed in millimetres and drawn in points (PDF/SVG user
 * space; the PNG surface is scaled by dpi/72 so that one user unit is one
 * point there too). Map coordinates are transformed here rather than with
 * a cairo matrix, so line widths stay in points whatever the map scale.
 *
 * Placement of everything except the texts depends only on the paper and
 * the map extent (bs_map_frame_get promises that): header, footer and
 * legend get fixed reservations, and texts are fitted into them.
 *
 * The map panel (context, areas, points, highlights, inset, labels) is
 * drawn by one function for a page, for bs_map_draw and for every panel of
 * small multiples. Labels stay inside the map frame and treat everything
 * drawn in it (inset, in-panel furniture, point symbols) as obstacles; the
 * page's legend, scale bar and arrow lie outside the frame. */
#include "buurtscan/map.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/number.h"
#include "buurtscan/topology.h"

#define PT_PER_MM (72.0 / 25.4)
#define MM(v) ((v) * PT_PER_MM)

/* Sizes at A4 (mm); larger paper scales them by f. Type sizes, colours and
 * line widths are in bs_style. */
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
#define SYMBOL_SIZE 2.6       /* default point symbol width */
#define LEADER_REACH 12.0     /* how far a label may move out of its area */
#define PANEL_GAP 6.0         /* between panels of small multiples */
#define CORNER_GAP 2.0        /* in-frame furniture to the frame edge */

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

/* --- colours and style ------------------------------------------------------ */

static void set_colour(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static bs_colour from_rgb(bs_rgb c)
{
    bs_colour o = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    return o;
}

/* keep = share of the colour kept, the rest is white */
static bs_colour fade_colour(bs_colour c, double keep)
{
    bs_colour o = {1 - keep * (1 - c.r), 1 - keep * (1 - c.g), 1 - keep * (1 - c.b)};
    return o;
}

static const bs_style *style_of(const bs_style *s, bs_style *buf)
{
    if (s)
        return s;
    bs_style_default(buf);
    return buf;
}

/* Bigger paper hangs further away: grow type and furniture, gently. */
static double size_factor(const bs_paper *p)
{
    if (!(p->width_mm > 0 && p->height_mm > 0))
        return 1.0;
    return sqrt(fmin(p->width_mm, p->height_mm) / 210.0);
}

/* The part of the map to show: the extent, or all areas. */
static int map_extent(const bs_map *m, double box[4])
{
    if (m->extent) {
        const double *e = m->extent;
        for (int i = 0; i < 4; i++)
            if (!isfinite(e[i]))
                return -1;
        if (!(e[2] > e[0] && e[3] > e[1]))
            return -1;
        memcpy(box, e, 4 * sizeof *box);
        return 0;
    }
    return bs_areas_bbox(m->areas, box);
}

/* A line or a point still gets a frame: a missing extent takes the other
 * one, or 1 m. */
static void extent_size(const double box[4], double *bw, double *bh)
{
    *bw = box[2] - box[0];
    *bh = box[3] - box[1];
    if (!(*bw > 0)) *bw = fmax(*bh, 1.0);
    if (!(*bh > 0)) *bh = fmax(*bw, 1.0);
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

/* Page size, margins, header and footer: everything but the map. */
static int layout_page(const bs_paper *paper, layout *L)
{
    if (!(paper->width_mm > 0 && paper->height_mm > 0))
        return -1;
    memset(L, 0, sizeof *L);
    L->W = paper->width_mm;
    L->H = paper->height_mm;
    L->f = size_factor(paper);
    L->margin = MARGIN * L->f;
    L->head_y = L->margin;
    L->head_h = HEAD_H * L->f;
    L->foot_h = FOOT_H * L->f;
    L->region_y0 = L->head_y + L->head_h + HEAD_GAP * L->f;
    L->region_y1 = L->H - L->margin - L->foot_h - FOOT_GAP * L->f;
    return 0;
}

static int layout_compute(const bs_map *m, layout *L)
{
    double box[4], bw, bh, f;
    placement a, b, *c;

    if (!m || !m->areas || layout_page(&m->paper, L) != 0)
        return -1;
    if (map_extent(m, box) != 0)
        return -1;
    f = L->f;
    extent_size(box, &bw, &bh);

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

static int text_init(text *t, cairo_t *cr, const char *font)
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
    pango_font_description_set_family(t->fd, font);
    return 0;
}

static void text_free(text *t)
{
    if (t->fd) pango_font_description_free(t->fd);
    if (t->lay) g_object_unref(t->lay);
    if (t->ctx) g_object_unref(t->ctx);
}

/* A page begins white, with the even-odd fill rule throughout (as the areas
 * need it) and text set up in the style's font. -1 with a message when
 * pango cannot be set up (t is then freed). */
static int page_start(cairo_t *cr, const bs_style *st, text *t, bs_error *err)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    if (text_init(t, cr, st->font) != 0) {
        text_free(t);
        return bs_error_set(err, "map: cannot set up text layout");
    }
    return 0;
}

/* Lays out s at size pt; width_pt > 0 wraps at that width and max_lines > 0
 * ellipsizes after that many lines. Lines are left-aligned. */
static void text_set(text *t, const char *s, double size, int bold,
                     double width_pt, int max_lines)
{
    pango_font_description_set_absolute_size(t->fd, size * PANGO_SCALE);
    pango_font_description_set_weight(t->fd, bold ? PANGO_WEIGHT_BOLD
                                                  : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(t->lay, t->fd);
    pango_layout_set_alignment(t->lay, PANGO_ALIGN_LEFT);
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

static void text_show(text *t, double x_pt, double y_pt, bs_colour c)
{
    set_colour(t->cr, c);
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

/* Per-area flags for one panel. */
#define A_HIDDEN 1u           /* wholly outside the frame: not drawn */
#define A_FADED 2u            /* outside the focus set */

/* One path per class, filled once: cheap even for tens of thousands of
 * polygons, and neighbours of one class never show seams between them.
 * Takes the areas whose fade flag equals faded. */
static int add_class_path(cairo_t *cr, const bs_map *m, int cls, const xform *T,
                          const unsigned char *flag, unsigned faded)
{
    int any = 0;

    cairo_new_path(cr);
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] == cls && !(flag[i] & A_HIDDEN) && (flag[i] & A_FADED) == faded) {
            add_area(cr, m->areas, i, T);
            any = 1;
        }
    return any;
}

/* Fills the current path as "geen gegevens": white with grey diagonal
 * hatching, or for "te klein of geheim" (crossed) with lines both ways.
 * The lines are stroked inside a clip rather than taken from a repeating
 * pattern: vector in PDF and SVG all the same, and cairo 1.16's SVG backend
 * leaks memory on every page that uses a recording-surface pattern. The
 * lines are anchored to the page, so map and legend agree. */
static void fill_hatch(cairo_t *cr, const bs_style *st, double f, int crossed,
                       bs_colour colour)
{
    double step = MM(st->hatch_step) * f;   /* between lines, along the x axis */
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
        /* and y = x - c */
        if (crossed)
            for (double c = floor((x0 - y1) / step) * step; c <= x1 - y0 + step; c += step) {
                cairo_move_to(cr, c + y0 - 1, y0 - 1);
                cairo_line_to(cr, c + y1 + 1, y1 + 1);
            }
        set_colour(cr, colour);
        cairo_set_line_width(cr, st->hatch_width * f);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_new_path(cr);
}

/* --- the map panel ------------------------------------------------------- */

typedef struct panel {
    double x0, y0, w, h;      /* the frame on the page, mm */
    double scale;             /* mm per map unit */
    double minx, miny, maxx, maxy;  /* the map units the frame shows */
    double f;                 /* size factor */
    int clip;                 /* clip to the frame, with a neat line */
    xform T;
} panel;

static void panel_set(panel *P, double x0, double y0, double w, double h,
                      double scale, double minx, double maxy, double f)
{
    memset(P, 0, sizeof *P);
    P->x0 = x0;
    P->y0 = y0;
    P->w = w;
    P->h = h;
    P->scale = scale;
    P->minx = minx;
    P->maxy = maxy;
    P->maxx = minx + w / scale;
    P->miny = maxy - h / scale;
    P->f = f;
    P->T.a = MM(scale);
    P->T.bx = MM(x0) - P->T.a * minx;
    P->T.by = MM(y0) + P->T.a * maxy;
}

/* The map extent fitted into a rectangle, centred. */
static int panel_fit(panel *P, const bs_map *m, double x, double y, double w,
                     double h, double f)
{
    double box[4], bw, bh, s;

    if (map_extent(m, box) != 0 || !(w > 0 && h > 0))
        return -1;
    extent_size(box, &bw, &bh);
    s = fmin(w / bw, h / bh);
    panel_set(P, x + (w - bw * s) / 2, y + (h - bh * s) / 2, bw * s, bh * s, s,
              box[0], box[3], f);
    return 0;
}

static void to_page(const panel *P, double x, double y, double *px, double *py)
{
    *px = P->x0 + (x - P->minx) * P->scale;
    *py = P->y0 + (P->maxy - y) * P->scale;
}

static bs_label_box frame_box(const panel *P)
{
    bs_label_box b = {P->x0, P->y0, P->x0 + P->w, P->y0 + P->h};
    return b;
}

/* Whether a page box (mm) covers any area of m. */
static int box_covers_areas(const bs_map *m, const panel *P, bs_label_box b)
{
    return bs_areas_touch_box(m->areas, P->minx + (b.x0 - P->x0) / P->scale,
                              P->maxy - (b.y1 - P->y0) / P->scale,
                              P->minx + (b.x1 - P->x0) / P->scale,
                              P->maxy - (b.y0 - P->y0) / P->scale);
}

/* How much of a page box is covered by areas: touched cells of a 6 x 6
 * grid over it. */
static int box_coverage(const bs_map *m, const panel *P, bs_label_box b)
{
    int n = 0;
    double cw = (b.x1 - b.x0) / 6, ch = (b.y1 - b.y0) / 6;

    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            bs_label_box c = {b.x0 + i * cw, b.y0 + j * ch, b.x0 + (i + 1) * cw,
                              b.y0 + (j + 1) * ch};
            n += box_covers_areas(m, P, c);
        }
    return n;
}

/* Corner boxes of size w x h inside the frame: 0 top-left, 1 top-right,
 * 2 bottom-left, 3 bottom-right. */
static bs_label_box corner_box(const panel *P, int corner, double w, double h)
{
    double g = CORNER_GAP * P->f;
    bs_label_box b;

    b.x0 = corner % 2 ? P->x0 + P->w - g - w : P->x0 + g;
    b.y0 = corner / 2 ? P->y0 + P->h - g - h : P->y0 + g;
    b.x1 = b.x0 + w;
    b.y1 = b.y0 + h;
    return b;
}

/* Of the corners in order[], the first whose box covers no area and no box
 * in taken[]; failing that, the least covered free one; -1 if none fits. */
static int pick_corner(const bs_map *m, const panel *P, const int *order, int n,
                       double w, double h, const bs_label_box *taken,
                       size_t ntaken, bs_label_box *out)
{
    int best = -1, bestcov = 1 << 30;

    if (w + 2 * CORNER_GAP * P->f > P->w || h + 2 * CORNER_GAP * P->f > P->h)
        return -1;
    for (int k = 0; k < n; k++) {
        bs_label_box b = corner_box(P, order[k], w, h);
        int clash = 0, cov;
        for (size_t j = 0; j < ntaken; j++)
            clash |= bs_label_box_overlap(&b, &taken[j]);
        if (clash)
            continue;
        if (!box_covers_areas(m, P, b)) {
            *out = b;
            return order[k];
        }
        cov = box_coverage(m, P, b);
        if (cov < bestcov) {
            bestcov = cov;
            best = order[k];
        }
    }
    if (best >= 0)
        *out = corner_box(P, best, w, h);
    return best;
}

static void area_bbox(const bs_areas *a, size_t i, double b[4])
{
    b[0] = b[1] = INFINITY;
    b[2] = b[3] = -INFINITY;
    for (size_t p = a->pt_first[a->ring_first[i]]; p < a->pt_first[a->ring_first[i + 1]]; p++) {
        b[0] = fmin(b[0], a->x[p]);
        b[1] = fmin(b[1], a->y[p]);
        b[2] = fmax(b[2], a->x[p]);
        b[3] = fmax(b[3], a->y[p]);
    }
}

static int bbox_outside(const double b[4], const panel *P)
{
    return !(b[2] >= P->minx && b[0] <= P->maxx && b[3] >= P->miny && b[1] <= P->maxy);
}

static void draw_context(cairo_t *cr, const bs_areas *c, const bs_style *st,
                         const panel *P)
{
    double b[4];

    cairo_new_path(cr);
    for (size_t i = 0; i < c->n; i++) {
        area_bbox(c, i, b);
        if (b[0] <= b[2] && !bbox_outside(b, P))
            add_area(cr, c, i, &P->T);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_colour(cr, st->context_colour);
    if (st->context_outline_width > 0) {
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, st->context_outline_width * P->f);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        set_colour(cr, st->context_outline_colour);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Outlines thin out where areas are small on paper: the house width from a
 * typical area of 3 mm up (the median of the square root of the areas'
 * bounding boxes), down to a fifth of it for tiny areas, so that dense
 * cities on a national map show their class colours and not a grey mesh. */
static double outline_factor(const bs_map *m, const panel *P,
                             const unsigned char *flag)
{
    size_t n = 0, i, r, k;
    double *size = malloc((m->areas->n ? m->areas->n : 1) * sizeof *size);
    double f = 1;

    if (!size)
        return 1;
    for (i = 0; i < m->areas->n; i++) {
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        if (flag[i] & A_HIDDEN)
            continue;
        for (r = m->areas->ring_first[i]; r < m->areas->ring_first[i + 1]; r++)
            for (k = m->areas->pt_first[r]; k < m->areas->pt_first[r + 1]; k++) {
                x0 = fmin(x0, m->areas->x[k]);
                x1 = fmax(x1, m->areas->x[k]);
                y0 = fmin(y0, m->areas->y[k]);
                y1 = fmax(y1, m->areas->y[k]);
            }
        if (x1 > x0 && y1 > y0)
            size[n++] = sqrt((x1 - x0) * (y1 - y0)) * P->scale;
    }
    if (n > 0) {
        qsort(size, n, sizeof *size, cmp_double);
        f = fmin(1, fmax(0.2, size[n / 2] / 3.0));
    }
    free(size);
    return f;
}

/* Arcs stroked at a time. The image backend turns a stroke into polygon
 * edges before it rasterises any of them: stroking all of England's
 * borders at once at 300 dpi took 90 MB more than in batches of this
 * size. Batches meet at nodes, where two round caps overlap on the same
 * colour; nothing shows. */
#define STROKE_BATCH 2048

/* Strokes the arcs of the borders whose fade flag (see draw_areas) equals
 * faded (line width, caps and colour set by the caller): a border with a visible area at full colour on either side is
 * drawn at full colour, one between faded areas (or a faded area and the
 * outside or a hidden area) faded. */
static void stroke_arcs(cairo_t *cr, const bs_areas *ar, const xform *T,
                        const unsigned char *flag, unsigned faded)
{
    const bs_arcs *arcs = ar->arcs;
    size_t inpath = 0;

    cairo_new_path(cr);
    for (size_t k = 0; k < arcs->n; k++) {
        const bs_arc *a = &arcs->arc[k];
        unsigned seen = 0, full = 0;
        for (int s = 0; s < 2; s++) {
            size_t i = a->side[s];
            if (i == SIZE_MAX || (flag[i] & A_HIDDEN))
                continue;
            seen = 1;
            full |= !(flag[i] & A_FADED);
        }
        if (!seen || (full ? 0 : A_FADED) != faded)
            continue;
        size_t p0 = ar->pt_first[a->ring], len = ar->pt_first[a->ring + 1] - p0;
        size_t p = a->start;
        cairo_move_to(cr, T->bx + T->a * ar->x[p0 + p], T->by - T->a * ar->y[p0 + p]);
        for (size_t j = 1; j < a->n; j++) {
            if (++p == len)
                p = 0;
            cairo_line_to(cr, T->bx + T->a * ar->x[p0 + p], T->by - T->a * ar->y[p0 + p]);
        }
        if (++inpath == STROKE_BATCH) {
            cairo_stroke(cr);
            inpath = 0;
        }
    }
    cairo_stroke(cr);
}

/* A vector target (PDF, SVG, PostScript, or a recording that will end up in
 * one), as opposed to pixels. */
static int vector_target(cairo_t *cr)
{
    switch (cairo_surface_get_type(cairo_get_target(cr))) {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_RECORDING:
        return 1;
    default:
        return 0;
    }
}

/* The outline pen (width, round joins, colour) for a pass. */
static void outline_pen(cairo_t *cr, const bs_style *st, double width,
                        int faded_pass)
{
    cairo_set_line_width(cr, width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    set_colour(cr, fade_colour(st->outline_colour, faded_pass ? st->fade : 1.0));
}

/* On a vector target: each class path is filled and stroked in one go,
 * which cairo's PDF writer turns into one "B" operator with the path
 * written once, instead of a fill and then the borders again as arcs: a
 * third fewer coordinates to print and compress. A border between two
 * classes is stroked by both; the later stroke lies whole on top, over the
 * half of the earlier one that the later fill covered, so the map looks as
 * when all outlines go last. Faded areas go first, so a border of a
 * full-colour area is drawn at full colour. */
static void draw_areas_vector(cairo_t *cr, const bs_map *m, const bs_style *st,
                              const panel *P, const unsigned char *flag,
                              int any_faded)
{
    double f = P->f, w = st->outline_width * f * outline_factor(m, P, flag);

    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? A_FADED : 0;
        double keep = pass == 0 ? st->fade : 1.0;
        for (int c = 0; c < m->k; c++) {
            if (!add_class_path(cr, m, c, &P->T, flag, faded))
                continue;
            set_colour(cr, fade_colour(from_rgb(m->fill[c]), keep));
            cairo_fill_preserve(cr);
            outline_pen(cr, st, w, pass == 0);
            cairo_stroke(cr);
        }
        for (int c = -1; c >= -2; c--) {
            /* the no-data hatch is always drawn, empty or not */
            int any = add_class_path(cr, m, c, &P->T, flag, faded);
            if (!any && !(c == -1 && pass == 1))
                continue;
            fill_hatch(cr, st, f, c == -2, fade_colour(st->hatch_colour, keep));
            if (any && add_class_path(cr, m, c, &P->T, flag, faded)) {
                outline_pen(cr, st, w, pass == 0);
                cairo_stroke(cr);
            }
        }
        cairo_new_path(cr);
    }
}

/* Fills (faded areas first, so the focus outlines lie on top), the two
 * hatches, then outlines. With arcs (simplified geometry) every border is
 * stroked once, not once from each side: half the path for the rasteriser.
 * Arcs end at nodes, so they get round caps, which meet like the round
 * joins of a ring stroked whole. Vector targets: draw_areas_vector. */
static void draw_areas(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const panel *P, const unsigned char *flag, int any_faded)
{
    double f = P->f;

    if (vector_target(cr)) {
        draw_areas_vector(cr, m, st, P, flag, any_faded);
        return;
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? A_FADED : 0;
        double keep = pass == 0 ? st->fade : 1.0;
        for (int c = 0; c < m->k; c++) {
            if (!add_class_path(cr, m, c, &P->T, flag, faded) && pass == 0)
                continue;
            set_colour(cr, fade_colour(from_rgb(m->fill[c]), keep));
            cairo_fill(cr);
        }
        /* the no-data hatch is always drawn, empty or not, as it always was */
        if (add_class_path(cr, m, -1, &P->T, flag, faded) || pass == 1)
            fill_hatch(cr, st, f, 0, fade_colour(st->hatch_colour, keep));
        if (add_class_path(cr, m, -2, &P->T, flag, faded))
            fill_hatch(cr, st, f, 1, fade_colour(st->hatch_colour, keep));
        cairo_new_path(cr);
    }
    double thin = outline_factor(m, P, flag);
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? A_FADED : 0;
        outline_pen(cr, st, st->outline_width * f * thin, pass == 0);
        if (m->areas->arcs) {
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
            stroke_arcs(cr, m->areas, &P->T, flag, faded);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        } else {
            cairo_new_path(cr);
            for (size_t i = 0; i < m->areas->n; i++)
                if (!(flag[i] & A_HIDDEN) && (flag[i] & A_FADED) == faded)
                    add_area(cr, m->areas, i, &P->T);
            cairo_stroke(cr);
        }
    }
}

/* Thick dark outlines over a white casing, so they read on every class. */
static void draw_highlights(cairo_t *cr, const bs_map *m, const bs_style *st,
                            const panel *P)
{
    cairo_new_path(cr);
    for (size_t k = 0; k < m->nhighlight; k++)
        add_area(cr, m->areas, m->highlight[k], &P->T);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, (st->highlight_width + 1.2) * P->f);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_stroke_preserve(cr);
    cairo_set_line_width(cr, st->highlight_width * P->f);
    set_colour(cr, st->highlight_colour);
    cairo_stroke(cr);
}

static double symbol_mm(const bs_point_style *ps, double f)
{
    return (ps->size_mm > 0 ? ps->size_mm : SYMBOL_SIZE) * f;
}

/* A symbol of width w (pt) centred on cx, cy, as a path. The shapes are
 * sized to look about equally heavy. */
static void symbol_path(cairo_t *cr, bs_symbol s, double cx, double cy, double w)
{
    double r = w / 2;

    cairo_new_path(cr);
    switch (s) {
    case BS_SYMBOL_SQUARE:
        r *= 0.89;
        cairo_rectangle(cr, cx - r, cy - r, 2 * r, 2 * r);
        break;
    case BS_SYMBOL_TRIANGLE:
        r *= 1.2;
        cairo_move_to(cr, cx, cy - r);
        cairo_line_to(cr, cx + r * 0.866, cy + r * 0.5);
        cairo_line_to(cr, cx - r * 0.866, cy + r * 0.5);
        cairo_close_path(cr);
        break;
    case BS_SYMBOL_DIAMOND:
        r *= 1.2;
        cairo_move_to(cr, cx, cy - r);
        cairo_line_to(cr, cx + r, cy);
        cairo_line_to(cr, cx, cy + r);
        cairo_line_to(cr, cx - r, cy);
        cairo_close_path(cr);
        break;
    case BS_SYMBOL_CIRCLE:
    default:
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        break;
    }
}

static void draw_symbol(cairo_t *cr, const bs_point_style *ps, double cx_pt,
                        double cy_pt, double f)
{
    symbol_path(cr, ps->symbol, cx_pt, cy_pt, MM(symbol_mm(ps, f)));
    set_colour(cr, from_rgb(ps->fill));
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.5 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    set_colour(cr, from_rgb(ps->outline));
    cairo_stroke(cr);
}

static int point_visible(const panel *P, double x, double y)
{
    return isfinite(x) && isfinite(y) && x >= P->minx && x <= P->maxx &&
           y >= P->miny && y <= P->maxy;
}

static void draw_points(cairo_t *cr, const bs_points *pts, const panel *P)
{
    for (size_t i = 0; i < pts->n; i++) {
        double px, py;
        if (!point_visible(P, pts->x[i], pts->y[i]))
            continue;
        to_page(P, pts->x[i], pts->y[i], &px, &py);
        draw_symbol(cr, &pts->style[pts->kind[i]], MM(px), MM(py), P->f);
    }
}

/* --- map furniture --------------------------------------------------------- */

static int is_en(const char *language)
{
    return language && strcmp(language, "en") == 0;
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

/* The scale bar's label, "500 m" or "2 km". */
static void scale_label(double len, const char *language, char *lab, size_t n)
{
    char num[64];

    if (len >= 1000)
        snprintf(lab, n, "%s km", bs_format_number(len / 1000, 0, language, num, sizeof num));
    else
        snprintf(lab, n, "%s m", bs_format_number(len, 0, language, num, sizeof num));
}

/* The bar's top left at x, y (pt), for a frame frame_w_mm wide showing
 * scale mm per metre. */
static void draw_scale_bar(cairo_t *cr, text *t, const bs_style *st,
                           const char *language, double f, double x, double y,
                           double frame_w_mm, double scale)
{
    double len = scale_length(frame_w_mm / scale);
    double w = MM(len * scale), h = MM(1.5 * f);
    double lead = len / pow(10, floor(log10(len) + 1e-9));
    int nseg = lead > 4 ? 5 : 4;
    char lab[80];

    for (int i = 0; i < nseg; i++) {
        cairo_rectangle(cr, x + w * i / nseg, y, w / nseg, h);
        if (i % 2 == 0)
            set_colour(cr, st->text_colour);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, w, h);
    set_colour(cr, st->text_colour);
    cairo_set_line_width(cr, 0.4 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);

    text_set(t, "0", st->scale_size * f, 0, 0, 0);
    text_show(t, x - text_w(t) / 2, y + h + MM(0.8 * f), st->text_colour);
    scale_label(len, language, lab, sizeof lab);
    text_set(t, lab, st->scale_size * f, 0, 0, 0);
    text_show(t, x + w - text_w(t) / 2, y + h + MM(0.8 * f), st->text_colour);
}

/* Size (mm) of the scale bar with its labels, and the offset of the bar's
 * left end from the box's left edge. */
static void scale_bar_size(text *t, const bs_style *st, const char *language,
                           double f, double frame_w_mm, double scale,
                           double *w, double *h, double *xoff)
{
    double len = scale_length(frame_w_mm / scale);
    char lab[80];
    double zero, right;

    text_set(t, "0", st->scale_size * f, 0, 0, 0);
    zero = text_w(t) / PT_PER_MM;
    scale_label(len, language, lab, sizeof lab);
    text_set(t, lab, st->scale_size * f, 0, 0, 0);
    right = text_w(t) / PT_PER_MM;
    *xoff = zero / 2;
    *w = zero / 2 + len * scale + right / 2;
    *h = 1.5 * f + 0.8 * f + text_h(t) / PT_PER_MM;
}

/* "N" over a two-tone arrowhead; cx, top in pt. */
static void draw_north_arrow(cairo_t *cr, text *t, const bs_style *st, double f,
                             double cx, double top)
{
    double hw = MM(2.2 * f), len = MM(8.5 * f), notch = MM(2.2 * f);
    double tip, base;

    text_set(t, "N", st->north_size * f, 1, 0, 0);
    text_show(t, cx - text_w(t) / 2, top, st->text_colour);
    tip = top + text_h(t) + MM(0.6 * f);
    base = tip + len;

    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx - hw, base);
    cairo_line_to(cr, cx, base - notch);
    cairo_close_path(cr);
    set_colour(cr, st->text_colour);
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

static void north_arrow_size(text *t, const bs_style *st, double f, double *w,
                             double *h)
{
    text_set(t, "N", st->north_size * f, 1, 0, 0);
    *w = fmax(4.4 * f + 0.5 * f, text_w(t) / PT_PER_MM);
    *h = text_h(t) / PT_PER_MM + 0.6 * f + 8.5 * f + 0.3 * f;
}

/* A white ground under furniture that sits over the map. */
static void backing(cairo_t *cr, bs_label_box b, double pad)
{
    cairo_rectangle(cr, MM(b.x0 - pad), MM(b.y0 - pad), MM(b.x1 - b.x0 + 2 * pad),
                    MM(b.y1 - b.y0 + 2 * pad));
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_fill(cr);
}

/* --- inset ---------------------------------------------------------------- */

/* The inset's size for the context's extent, at most 40 % of the frame. */
static int inset_size(const bs_map *m, const bs_style *st, const panel *P,
                      double *w, double *h, double cbox[4])
{
    double cw, ch, s = st->inset_size * P->f, k;

    if (!m->inset || !m->context || bs_areas_bbox(m->context, cbox) != 0)
        return -1;
    extent_size(cbox, &cw, &ch);
    if (cw >= ch) {
        *w = s;
        *h = s * ch / cw;
    } else {
        *h = s;
        *w = s * cw / ch;
    }
    k = fmin(1.0, fmin(0.4 * P->w / *w, 0.4 * P->h / *h));
    *w *= k;
    *h *= k;
    return 0;
}

static void draw_inset(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const panel *P, bs_label_box b, const double cbox[4])
{
    double cw, ch, f = P->f, x0, y0, x1, y1, minw = MM(1.6 * f);
    panel I;

    extent_size(cbox, &cw, &ch);
    panel_fit(&I, &(bs_map){.areas = m->context}, b.x0, b.y0, b.x1 - b.x0,
              b.y1 - b.y0, f);
    cairo_save(cr);
    cairo_rectangle(cr, MM(b.x0), MM(b.y0), MM(b.x1 - b.x0), MM(b.y1 - b.y0));
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    {
        bs_style s2 = *st;
        s2.context_outline_width = fmin(st->context_outline_width, 0.2);
        draw_context(cr, m->context, &s2, &I);
    }
    /* the map's extent, never smaller than a visible box */
    x0 = I.T.bx + I.T.a * P->minx;
    x1 = I.T.bx + I.T.a * P->maxx;
    y0 = I.T.by - I.T.a * P->maxy;
    y1 = I.T.by - I.T.a * P->miny;
    if (x1 - x0 < minw) {
        x0 = (x0 + x1 - minw) / 2;
        x1 = x0 + minw;
    }
    if (y1 - y0 < minw) {
        y0 = (y0 + y1 - minw) / 2;
        y1 = y0 + minw;
    }
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    set_colour(cr, st->inset_colour);
    cairo_set_line_width(cr, 1.0 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, MM(b.x0), MM(b.y0), MM(b.x1 - b.x0), MM(b.y1 - b.y0));
    set_colour(cr, st->outline_colour);
    cairo_set_line_width(cr, 0.5 * f);
    cairo_stroke(cr);
}

/* --- labels ---------------------------------------------------------------- */

static int measure_label(void *ud, const char *s, double size, double *w, double *h)
{
    text *t = ud;

    text_set(t, s, size, 0, 0, 0);
    *w = text_w(t) / PT_PER_MM;
    *h = text_h(t) / PT_PER_MM;
    return 0;
}

static void draw_labels(cairo_t *cr, text *t, const bs_style *st, double f,
                        const bs_label_set *ls)
{
    /* leaders first, on a white casing, with a dot on the pole */
    for (size_t k = 0; k < ls->n; k++) {
        const bs_label *l = &ls->label[k];
        if (l->how != BS_LABEL_LEADER)
            continue;
        cairo_new_path(cr);
        cairo_move_to(cr, MM(l->ax), MM(l->ay));
        cairo_line_to(cr, MM(l->lx), MM(l->ly));
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_width(cr, (st->leader_width + 1.0) * f);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_stroke_preserve(cr);
        cairo_set_line_width(cr, st->leader_width * f);
        set_colour(cr, st->leader_colour);
        cairo_stroke(cr);
        cairo_arc(cr, MM(l->ax), MM(l->ay), MM(0.45 * f), 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    }
    for (size_t k = 0; k < ls->n; k++) {
        const bs_label *l = &ls->label[k];
        if (l->how != BS_LABEL_INSIDE && l->how != BS_LABEL_LEADER)
            continue;
        text_set(t, l->text, l->size_pt, 0, 0, 0);
        pango_layout_set_alignment(t->lay, PANGO_ALIGN_CENTER);
        cairo_new_path(cr);
        cairo_move_to(cr, MM(l->box.x0), MM(l->box.y0));
        pango_cairo_layout_path(cr, t->lay);
        if (st->halo && st->halo_width > 0) {
            set_colour(cr, st->halo_colour);
            cairo_set_line_width(cr, 2 * st->halo_width * f);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
            cairo_stroke_preserve(cr);
        }
        set_colour(cr, st->text_colour);
        cairo_fill(cr);
    }
}

/* --- one panel -------------------------------------------------------------- */

/* What goes into the panel besides the map, decided by the caller. */
typedef struct panel_opts {
    unsigned furniture;       /* BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW inside */
    int inset_placed;         /* inset_box set by the page (legend column) */
    bs_label_box inset_box;
    const char *language;
} panel_opts;

static int draw_panel(cairo_t *cr, text *t, const bs_map *m, const bs_style *st,
                      const panel *P, const panel_opts *o, bs_error *err)
{
    const bs_areas *a = m->areas;
    unsigned char *flag = calloc(a->n ? a->n : 1, 1);
    bs_label_box obst[3], *all = NULL;
    size_t nobst = 0, nall;
    int any_faded = 0, rc = 0, have_inset = 0;
    double cbox[4], iw, ih, f = P->f;
    bs_label_box inset_b = {0, 0, 0, 0};

    if (!flag)
        return bs_error_set(err, "map: out of memory");
    for (size_t i = 0; i < a->n; i++) {
        if (m->extent) {
            double b[4];
            area_bbox(a, i, b);
            if (!(b[0] <= b[2]) || bbox_outside(b, P))
                flag[i] |= A_HIDDEN;
        }
        if (m->nfocus)
            flag[i] |= A_FADED;
    }
    for (size_t k = 0; k < m->nfocus; k++)
        flag[m->focus[k]] &= (unsigned char)~A_FADED;
    for (size_t i = 0; i < a->n && m->nfocus; i++)
        any_faded |= (flag[i] & A_FADED) != 0;

    cairo_save(cr);
    if (P->clip) {
        cairo_rectangle(cr, MM(P->x0), MM(P->y0), MM(P->w), MM(P->h));
        cairo_clip(cr);
    }
    if (m->context)
        draw_context(cr, m->context, st, P);
    draw_areas(cr, m, st, P, flag, any_faded);
    if (m->nhighlight)
        draw_highlights(cr, m, st, P);
    if (m->points)
        draw_points(cr, m->points, P);
    cairo_restore(cr);
    if (P->clip) {   /* a neat line where the map is cut */
        cairo_rectangle(cr, MM(P->x0), MM(P->y0), MM(P->w), MM(P->h));
        set_colour(cr, st->outline_colour);
        cairo_set_line_width(cr, 0.5 * f);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
        cairo_stroke(cr);
    }

    /* furniture in the frame: arrow top right (or left), scale bar bottom
     * left (or right), the inset in a corner left free */
    if (o->furniture & BS_MAP_NORTH_ARROW) {
        static const int order[] = {1, 0};
        double w, h;
        bs_label_box b;
        north_arrow_size(t, st, f, &w, &h);
        if (pick_corner(m, P, order, 2, w, h, obst, nobst, &b) >= 0) {
            if (box_covers_areas(m, P, b))
                backing(cr, b, 0.8 * f);
            draw_north_arrow(cr, t, st, f, MM((b.x0 + b.x1) / 2), MM(b.y0));
            obst[nobst++] = b;
        }
    }
    if (o->furniture & BS_MAP_SCALE_BAR) {
        static const int order[] = {2, 3};
        double w, h, xoff;
        bs_label_box b;
        scale_bar_size(t, st, o->language, f, P->w, P->scale, &w, &h, &xoff);
        if (pick_corner(m, P, order, 2, w, h, obst, nobst, &b) >= 0) {
            if (box_covers_areas(m, P, b))
                backing(cr, b, 0.8 * f);
            draw_scale_bar(cr, t, st, o->language, f, MM(b.x0 + xoff), MM(b.y0),
                           P->w, P->scale);
            obst[nobst++] = b;
        }
    }
    if (o->inset_placed) {
        inset_b = o->inset_box;
        have_inset = inset_size(m, st, P, &iw, &ih, cbox) == 0;
    } else if (inset_size(m, st, P, &iw, &ih, cbox) == 0) {
        static const int order[] = {0, 1, 2, 3};
        have_inset = pick_corner(m, P, order, 4, iw, ih, obst, nobst, &inset_b) >= 0;
    }
    if (have_inset) {
        draw_inset(cr, m, st, P, inset_b, cbox);
        obst[nobst++] = inset_b;
    }

    if (m->labels) {
        bs_label_job job;
        bs_label_set ls;
        size_t npts = 0;

        if (m->points)
            for (size_t i = 0; i < m->points->n; i++)
                npts += point_visible(P, m->points->x[i], m->points->y[i]);
        nall = nobst + npts;
        all = malloc((nall ? nall : 1) * sizeof *all);
        if (!all) {
            free(flag);
            return bs_error_set(err, "map: out of memory");
        }
        memcpy(all, obst, nobst * sizeof *all);
        nall = nobst;
        for (size_t i = 0; m->points && i < m->points->n; i++) {
            double px, py, r;
            if (!point_visible(P, m->points->x[i], m->points->y[i]))
                continue;
            to_page(P, m->points->x[i], m->points->y[i], &px, &py);
            r = symbol_mm(&m->points->style[m->points->kind[i]], f) * 0.6;
            all[nall++] = (bs_label_box){px - r, py - r, px + r, py + r};
        }
        memset(&job, 0, sizeof job);
        job.areas = a;
        job.text = m->labels;
        job.scale = P->scale;
        job.ox = P->x0 - P->minx * P->scale;
        job.oy = P->y0 + P->maxy * P->scale;
        job.bounds = frame_box(P);
        job.obstacles = all;
        job.nobstacles = nall;
        job.size_pt = st->label_size * f;
        job.min_size_pt = fmax(6.5, st->label_min_size) * f;
        job.pad_mm = (st->halo ? st->halo_width / PT_PER_MM * f : 0) + 0.3 * f;
        job.leader_mm = LEADER_REACH * f;
        job.precision = fmax(1.0, 0.1 / P->scale);   /* 0.1 mm on paper */
        job.measure = measure_label;
        job.ud = t;
        rc = bs_labels_place(&job, &ls, err);
        if (rc == 0) {
            draw_labels(cr, t, st, f, &ls);
            if (m->label_result) {
                bs_label_set_free(m->label_result);
                *m->label_result = ls;
            } else {
                bs_label_set_free(&ls);
            }
        }
        free(all);
    }
    free(flag);
    return rc;
}

/* --- texts around the map ------------------------------------------------ */

/* Title and subtitle in the fixed header block: a long title wraps, and
 * shrinks a step or two when two lines plus subtitle would not fit. */
static void draw_header(text *t, const bs_style *st, const char *title,
                        const char *subtitle, const layout *L)
{
    const double tsz[] = {st->title_size, st->title_size * 16 / 18, st->title_size * 14 / 18};
    const double ssz[] = {st->subtitle_size, st->subtitle_size * 10 / 11,
                          st->subtitle_size * 9 / 11};
    double f = L->f, w = MM(L->W - 2 * L->margin), room = MM(L->head_h);
    double gap = MM(1.5 * f), th = 0, sh = 0;
    int has_sub = subtitle && *subtitle, i;

    for (i = 0; i < 3; i++) {
        th = sh = 0;
        if (title && *title) {
            text_set(t, title, tsz[i] * f, 1, w, 0);
            th = text_h(t);
        }
        if (has_sub) {
            text_set(t, subtitle, ssz[i] * f, 0, w, 0);
            sh = text_h(t) + gap;
        }
        if (th + sh <= room)
            break;
    }
    if (i == 3)
        i = 2;   /* smallest sizes, with line limits below */
    double y = MM(L->head_y);
    if (title && *title) {
        text_set(t, title, tsz[i] * f, 1, w, 2);
        text_balance(t, w);
        text_show(t, MM(L->margin), y, st->text_colour);
        y += text_h(t) + gap;
    }
    if (has_sub) {
        double left = MM(L->head_y) + room - y;
        text_set(t, subtitle, ssz[i] * f, 0, w, 0);
        if (text_h(t) > left) {
            int lines = text_lines(t);
            int fit = (int)(left / (text_h(t) / lines));
            text_set(t, subtitle, ssz[i] * f, 0, w, fit > 1 ? fit : 1);
        }
        text_show(t, MM(L->margin), y, st->subtle_colour);
    }
}

static int draw_footer(text *t, const bs_style *st, const char *source,
                       const char *date, const char *language, const layout *L,
                       bs_error *err)
{
    double f = L->f, w = MM(L->W - 2 * L->margin);
    const char *credit = is_en(language) ? "map: buurtscan" : "kaart: buurtscan";
    const char *src = source && *source ? source : NULL;
    size_t n;
    char *s;

    date = date && *date ? date : NULL;
    n = (src ? strlen(src) : 0) + (date ? strlen(date) : 0) + 64;
    s = malloc(n);
    if (!s)
        return bs_error_set(err, "map source line: out of memory");
    snprintf(s, n, "%s%s%s%s%s", src ? src : "", src ? " \u00b7 " : "", credit,
             date ? ", " : "", date ? date : "");
    /* Three lines at most: the third uses the gap above the footer. */
    text_set(t, s, st->source_size * f, 0, w, 3);
    text_show(t, MM(L->margin), MM(L->H - L->margin) - text_h(t), st->source_colour);
    free(s);
    return 0;
}

static void format_range(const bs_map *m, int c, char *buf, size_t n)
{
    char a[64], b[64];

    if (m->class_labels && m->class_labels[c]) {
        snprintf(buf, n, "%s", m->class_labels[c]);
        return;
    }
    bs_format_number(m->lower[c], m->decimals, m->language, a, sizeof a);
    bs_format_number(m->upper[c], m->decimals, m->language, b, sizeof b);
    if (!isfinite(m->lower[c]))   /* a class wholly below the data (std-mean) */
        snprintf(buf, n, "\u2264 %s", b);
    else if (strcmp(a, b) == 0)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s \u2013 %s", a, b);   /* en dash */
}

static void swatch_outline(cairo_t *cr, const bs_style *st, double x, double y,
                           double w, double h, double f)
{
    cairo_rectangle(cr, x, y, w, h);
    set_colour(cr, st->outline_colour);
    cairo_set_line_width(cr, 0.3 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

static size_t count_class(const bs_map *m, int c)
{
    size_t n = 0;
    for (size_t i = 0; i < m->areas->n; i++)
        n += m->cls[i] == c;
    return n;
}

/* Where a legend goes: beside the map it starts level with the frame and
 * may move up within ry0..ry1; below the map it has a fixed block, and
 * rows that do not fit flow into a second column. */
typedef struct legend_spec {
    double x, y, w, h;        /* mm */
    int beside;
    double ry0, ry1;
    int counts;               /* show counts in parentheses */
} legend_spec;

enum { ROW_CLASS, ROW_NODATA, ROW_SECRET, ROW_POINT };

/* Legend: title, one row per class (swatch, range, count in parentheses
 * in a right-aligned column), the hatched "geen gegevens" row, the
 * cross-hatched "te klein of geheim" row when such areas exist, then the
 * point symbols with their counts. dry = only compute *bottom (mm). */
static int draw_legend(cairo_t *cr, text *t, const bs_map *m, const bs_style *st,
                       double f, const legend_spec *ls, int dry, double *bottom,
                       bs_error *err)
{
    const bs_points *pts = m->points;
    size_t nsecret = count_class(m, -2);
    int npts = 0, rows, i, ncol = 1, per_col, ngap, pstart, title_lines = ls->beside ? 4 : 2;
    double lw = MM(ls->w), cw;
    double sw = MM(SWATCH_W * f), sh = MM(SWATCH_H * f), pitch = MM(ROW_PITCH * f);
    double tgap = MM(2.2 * f), xgap = MM(2.5 * f), cgap = ls->counts ? MM(2.5 * f) : 0;
    double colgap = MM(6.0 * f), nd_gap = MM(1.2 * f);
    double size = st->legend_size * f, title_h = 0;
    double labw = 0, cntw = 0, x, y, avail, need, end = 0;
    char (*lab)[160], (*cnt)[72];
    int *kind, *idx;
    char num[64];

    for (int s = 0; pts && s < pts->nstyles; s++)
        npts += pts->style[s].label != NULL;
    rows = m->k + 1 + (nsecret > 0) + npts;
    pstart = m->k + 1 + (nsecret > 0);
    ngap = 1 + (npts > 0);
    lab = malloc((size_t)rows * sizeof *lab);
    cnt = malloc((size_t)rows * sizeof *cnt);
    kind = malloc((size_t)rows * sizeof *kind);
    idx = malloc((size_t)rows * sizeof *idx);
    if (!lab || !cnt || !kind || !idx) {
        free(lab);
        free(cnt);
        free(kind);
        free(idx);
        return bs_error_set(err, "map legend: out of memory");
    }
    for (i = 0; i < m->k; i++) {
        kind[i] = ROW_CLASS;
        idx[i] = i;
        format_range(m, i, lab[i], sizeof lab[i]);
        snprintf(cnt[i], sizeof cnt[i], "(%s)",
                 bs_format_number((double)m->count[i], 0, m->language, num, sizeof num));
    }
    kind[i] = ROW_NODATA;
    snprintf(lab[i], sizeof lab[i], "%s", st->nodata_text[0] ? st->nodata_text
             : is_en(m->language) ? "no data" : "geen gegevens");
    snprintf(cnt[i], sizeof cnt[i], "(%s)",
             bs_format_number((double)m->missing, 0, m->language, num, sizeof num));
    i++;
    if (nsecret > 0) {
        kind[i] = ROW_SECRET;
        snprintf(lab[i], sizeof lab[i], "%s", st->secret_text[0] ? st->secret_text
                 : is_en(m->language) ? "too small or confidential" : "te klein of geheim");
        snprintf(cnt[i], sizeof cnt[i], "(%s)",
                 bs_format_number((double)nsecret, 0, m->language, num, sizeof num));
        i++;
    }
    for (int s = 0; pts && s < pts->nstyles; s++) {
        size_t n = 0;
        if (!pts->style[s].label)
            continue;
        for (size_t p = 0; p < pts->n; p++)
            n += pts->kind[p] == s;
        kind[i] = ROW_POINT;
        idx[i] = s;
        snprintf(lab[i], sizeof lab[i], "%s", pts->style[s].label);
        snprintf(cnt[i], sizeof cnt[i], "(%s)",
                 bs_format_number((double)n, 0, m->language, num, sizeof num));
        i++;
    }
    if (!ls->counts)
        for (i = 0; i < rows; i++)
            cnt[i][0] = '\0';

    if (m->legend_title && *m->legend_title) {
        text_set(t, m->legend_title, st->legend_title_size * f, 1, lw, title_lines);
        title_h = text_h(t) + tgap;
    }
    need = title_h + rows * pitch + ngap * nd_gap;
    if (ls->beside) {
        avail = MM(ls->ry1) - MM(ls->y);
        y = need <= avail ? MM(ls->y) : fmax(MM(ls->ry0), MM(ls->ry1) - need);
        avail = MM(ls->ry1) - y;
    } else {
        y = MM(ls->y);
        avail = MM(ls->h);
        if (need > avail + 1e-6)
            ncol = 2;
    }
    per_col = (rows + ncol - 1) / ncol;
    need = title_h + per_col * pitch + (ncol == 1 ? ngap * nd_gap : 0);
    if (need > avail) {   /* squeeze the pitch, keep the swatch */
        pitch = fmax(sh + MM(0.4 * f), (avail - title_h - ngap * nd_gap) / per_col);
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
        if (sw + xgap + labw + cgap + cntw <= cw || size <= st->min_size * f + 1e-9)
            break;
        size = fmax(st->min_size * f, size - 0.5 * f);
    }
    labw = fmin(labw, cw - sw - xgap - cgap - cntw);

    x = MM(ls->x);
    if (title_h > 0) {
        if (!dry) {
            text_set(t, m->legend_title, st->legend_title_size * f, 1, lw, title_lines);
            text_balance(t, lw);
            text_show(t, x, y, st->text_colour);
        }
        y += title_h;
    }
    for (i = 0; i < rows; i++) {
        int col = i / per_col, r = i % per_col;
        double rx = x + col * (cw + colgap), ry = y + r * pitch;

        /* a small gap before the no-data group and before the symbols */
        if (i >= m->k && m->k / per_col == col && m->k % per_col > 0)
            ry += nd_gap;
        if (npts && i >= pstart && pstart / per_col == col && pstart % per_col > 0)
            ry += nd_gap;
        end = fmax(end, ry + pitch);
        if (dry)
            continue;
        switch (kind[i]) {
        case ROW_CLASS:
            cairo_rectangle(cr, rx, ry, sw, sh);
            set_colour(cr, from_rgb(m->fill[i]));
            cairo_fill(cr);
            swatch_outline(cr, st, rx, ry, sw, sh, f);
            break;
        case ROW_NODATA:
        case ROW_SECRET:
            cairo_rectangle(cr, rx, ry, sw, sh);
            fill_hatch(cr, st, f, kind[i] == ROW_SECRET, st->hatch_colour);
            swatch_outline(cr, st, rx, ry, sw, sh, f);
            break;
        default:
            draw_symbol(cr, &pts->style[idx[i]], rx + sw / 2, ry + sh / 2, f);
            break;
        }
        text_set(t, lab[i], size, 0, labw + 0.5, 1);
        text_show(t, rx + sw + xgap, ry + (sh - text_h(t)) / 2, st->text_colour);
        if (ls->counts) {
            text_set(t, cnt[i], size, 0, 0, 0);
            text_show(t, rx + sw + xgap + labw + cgap + cntw - text_w(t),
                      ry + (sh - text_h(t)) / 2, st->subtle_colour);
        }
    }
    if (bottom)
        *bottom = end / PT_PER_MM;
    free(lab);
    free(cnt);
    free(kind);
    free(idx);
    return 0;
}

/* --- input -------------------------------------------------------------------- */

static int check_input(const bs_map *m, bs_error *err)
{
    double box[4];

    if (!m || !m->areas || !m->cls)
        return bs_error_set(err, "map: no areas or classes given");
    if (m->k < 0 || m->k > 64)
        return bs_error_set(err, "map: %d classes is not a number of classes", m->k);
    if (m->k > 0 && (!m->fill || !m->lower || !m->upper || !m->count))
        return bs_error_set(err, "map: colours, bounds or counts missing for the legend");
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] < -2 || m->cls[i] >= m->k)
            return bs_error_set(err, "map: area %zu has class %d, outside -2..%d",
                                i + 1, m->cls[i], m->k - 1);
    if (m->extent && map_extent(m, box) != 0)
        return bs_error_set(err, "map: the extent is not a box (minx < maxx, miny < maxy)");
    for (size_t k = 0; k < m->nfocus; k++)
        if (!m->focus || m->focus[k] >= m->areas->n)
            return bs_error_set(err, "map: focus area %zu does not exist", k + 1);
    for (size_t k = 0; k < m->nhighlight; k++)
        if (!m->highlight || m->highlight[k] >= m->areas->n)
            return bs_error_set(err, "map: highlighted area %zu does not exist", k + 1);
    if (m->points) {
        const bs_points *p = m->points;
        if (p->n && (!p->x || !p->y || !p->kind || !p->style || p->nstyles < 1))
            return bs_error_set(err, "map: points without coordinates or styles");
        for (size_t i = 0; i < p->n; i++)
            if (p->kind[i] < 0 || p->kind[i] >= p->nstyles)
                return bs_error_set(err, "map: point %zu has symbol %d, outside 0..%d",
                                    i + 1, p->kind[i], p->nstyles - 1);
    }
    return 0;
}

/* --- the page ---------------------------------------------------------------- */

static int draw_page(cairo_t *cr, const bs_map *m, const layout *L, bs_error *err)
{
    bs_style sbuf;
    const bs_style *st = style_of(m->style, &sbuf);
    legend_spec ls;
    panel_opts po;
    panel P;
    text t;
    int rc;

    if (page_start(cr, st, &t, err) != 0)
        return -1;
    memset(&ls, 0, sizeof ls);
    ls.x = L->leg_x;
    ls.y = L->leg_y;
    ls.w = L->leg_w;
    ls.h = L->leg_h;
    ls.beside = L->legend_right;
    ls.ry0 = L->region_y0;
    ls.ry1 = L->region_y1;
    ls.counts = 1;
    memset(&po, 0, sizeof po);
    po.language = m->language;
    panel_set(&P, L->fr.x0_mm, L->fr.y0_mm, L->fr.width_mm, L->fr.height_mm,
              L->fr.scale, L->fr.minx, L->fr.maxy, L->f);
    P.clip = m->extent != NULL || m->context != NULL;

    /* The inset goes in a free corner of the frame, else under the legend
     * (beside the map) or beside it (below the map), else in the least
     * covered corner. */
    if (m->inset && m->context) {
        double iw, ih, cbox[4], lb;
        bs_label_box b;
        static const int order[] = {0, 1, 2, 3};
        double g = CORNER_GAP * L->f;
        if (inset_size(m, st, &P, &iw, &ih, cbox) == 0) {
            int c = -1;
            for (int k = 0; k < 4 && c < 0; k++) {
                b = corner_box(&P, order[k], iw, ih);
                if (!box_covers_areas(m, &P, b))
                    c = order[k];
            }
            if (c < 0 && draw_legend(cr, &t, m, st, L->f, &ls, 1, &lb, err) == 0) {
                if (L->legend_right && L->region_y1 - lb >= ih + 2 * g) {
                    b = (bs_label_box){L->leg_x, lb + g, L->leg_x + iw, lb + g + ih};
                    c = 4;
                } else if (!L->legend_right) {
                    double right = L->fr.x0_mm + L->fr.width_mm;
                    double x0 = L->leg_x + L->leg_w + 2 * g;
                    if (right - x0 >= iw && L->leg_h >= ih) {
                        b = (bs_label_box){right - iw, L->leg_y, right, L->leg_y + ih};
                        c = 4;
                    }
                }
            }
            if (c < 0)
                c = pick_corner(m, &P, order, 4, iw, ih, NULL, 0, &b);
            if (c >= 0) {
                po.inset_placed = 1;
                po.inset_box = b;
            }
        }
    }
    rc = draw_panel(cr, &t, m, st, &P, &po, err);
    if (rc == 0) {
        draw_north_arrow(cr, &t, st, L->f, MM(L->arrow_x + 2.5 * L->f), MM(L->fr.y0_mm));
        draw_scale_bar(cr, &t, st, m->language, L->f, MM(L->fr.x0_mm),
                       MM(L->scale_y + 3.0 * L->f), L->fr.width_mm, L->fr.scale);
        draw_header(&t, st, m->title, m->subtitle, L);
        rc = draw_legend(cr, &t, m, st, L->f, &ls, 0, NULL, err);
    }
    if (rc == 0)
        rc = draw_footer(&t, st, m->source, m->date, m->language, L, err);
    text_free(&t);
    return rc;
}

/* --- output -------------------------------------------------------------------- */

static int surface_error(cairo_surface_t *s, const char *what, const char *path,
                         bs_error *err)
{
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS)
        return 0;
    return bs_error_set(err, "%s: cannot %s: %s", path, what, cairo_status_to_string(st));
}

/* libpng reports errors through this: the message is kept for ours, then
 * control returns to the setjmp in bs_map_write_png (libpng's rule: an
 * error handler must not return). */
typedef struct png_failure {
    char msg[200];
} png_failure;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_failure *f = png_get_error_ptr(png);
    snprintf(f->msg, sizeof f->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;     /* warnings (none for what is written here) are not errors */
}

/* Whether every pixel of an ARGB32 surface is opaque. */
static int surface_opaque(const unsigned char *data, int w, int h, int stride)
{
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++)
            if ((px[x] >> 24) != 0xff)
                return 0;
    }
    return 1;
}

/* cairo's rows (native-endian 32-bit words, alpha premultiplied) to
 * libpng's (8-bit R, G, B and, with alpha, straight A), n rows of w. */
static void png_rows(png_structp png, unsigned char *row, const unsigned char *data,
                     int stride, int w, int n, int alpha)
{
    for (int y = 0; y < n; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        unsigned char *o = row;
        for (int x = 0; x < w; x++) {
            uint32_t p = px[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (alpha) {
                unsigned a = p >> 24;
                if (a == 0) {
                    r = g = b = 0;
                } else if (a < 255) {
                    r = (r * 255 + a / 2) / a;
                    g = (g * 255 + a / 2) / a;
                    b = (b * 255 + a / 2) / a;
                }
                o[0] = (unsigned char)r;
                o[1] = (unsigned char)g;
                o[2] = (unsigned char)b;
                o[3] = (unsigned char)a;
                o += 4;
            } else {
                o[0] = (unsigned char)r;
                o[1] = (unsigned char)g;
                o[2] = (unsigned char)b;
                o += 3;
            }
        }
        png_write_row(png, row);
    }
}

/* Fills band (an image surface) with the rows of the picture from top on;
 * returns 0 or -1 with err set. */
typedef int (*band_fn)(cairo_surface_t *band, int top, const void *ud, bs_error *err);

/* Writes a w x h picture to path as PNG, band_h rows at a time: fill draws
 * each band into `band` (an image surface band_h rows high, or the whole
 * picture), and its rows are written before the next band is drawn. */
static int png_write_bands(const char *path, double dpi, int w, int h, int alpha,
                           cairo_surface_t *band, int band_h, band_fn fill,
                           const void *ud, bs_error *err)
{
    png_failure fail = {""};
    png_structp png;
    png_infop info;
    FILE *f;
    /* set after setjmp and used after a longjmp back to it: volatile */
    unsigned char *volatile row = NULL;
    volatile int rc = 0;

    f = fopen(path, "wb");
    if (!f)
        return bs_error_set(err, "%s: cannot write PNG: %s", path, strerror(errno));
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &fail, png_fail, png_warn);
    info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: out of memory", path);
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: %s", path,
                            fail.msg[0] ? fail.msg : "libpng error");
    }
    png_init_io(png, f);
    /* Level 3, no filter: a map is large flat fills that deflate finds as
     * long repeats anyway. cairo's writer (level 6 and adaptive filters)
     * took 0.45 s for England at 300 dpi and wrote 1.79 MB; this takes
     * about 0.11 s and writes 1.66 MB (the SUB filter: 1.90 MB). */
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
                 PNG_FILTER_TYPE_BASE);
    {
        png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);   /* per metre */
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    row = malloc((size_t)w * (alpha ? 4 : 3));
    if (!row)
        png_error(png, "out of memory");
    for (int top = 0; top < h && rc == 0; top += band_h) {
        int n = h - top < band_h ? h - top : band_h;
        if (fill(band, top, ud, err) != 0) {
            rc = -1;
            break;
        }
        cairo_surface_flush(band);
        png_rows(png, row, cairo_image_surface_get_data(band),
                 cairo_image_surface_get_stride(band), w, n, alpha);
    }
    if (rc == 0)
        png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (rc != 0) {
        fclose(f);
        return -1;
    }
    if (ferror(f)) {
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: write error", path);
    }
    if (fclose(f) != 0)
        return bs_error_set(err, "%s: cannot write PNG: %s", path, strerror(errno));
    return 0;
}

/* The whole picture is already there. */
static int band_is_drawn(cairo_surface_t *band, int top, const void *ud, bs_error *err)
{
    (void)band, (void)top, (void)ud, (void)err;
    return 0;
}

int bs_map_write_png(cairo_surface_t *s, double dpi, const char *path,
                     bs_error *err)
{
    const unsigned char *data;
    cairo_format_t fmt;
    int w, h, stride, alpha;

    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE)
        return bs_error_set(err, "%s: cannot write PNG: not an image surface", path);
    fmt = cairo_image_surface_get_format(s);
    if (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32)
        return bs_error_set(err, "%s: cannot write PNG: unsupported pixel format", path);
    if (!(dpi > 0 && dpi <= 2400))
        return bs_error_set(err, "%s: PNG resolution %g dpi is out of range", path, dpi);
    cairo_surface_flush(s);
    data = cairo_image_surface_get_data(s);
    w = cairo_image_surface_get_width(s);
    h = cairo_image_surface_get_height(s);
    stride = cairo_image_surface_get_stride(s);
    if (!data || w < 1 || h < 1)
        return bs_error_set(err, "%s: cannot write PNG: empty image", path);
    /* an opaque ARGB32 surface (a white page) is written as RGB, as RGB24 is */
    alpha = fmt == CAIRO_FORMAT_ARGB32 && !surface_opaque(data, w, h, stride);
    return png_write_bands(path, dpi, w, h, alpha, s, h, band_is_drawn, NULL, err);
}

typedef int (*page_fn)(cairo_t *cr, const void *ud, bs_error *err);

/* A PNG page is drawn in bands of at most this many bytes of pixels: an
 * A4 page at 300 dpi (35 MB) in two halves, each drawn from the whole map
 * and clipped by its surface, its rows written before the next is drawn.
 * The national England map then needs 10 MB less at its peak (129 -> 119
 * MB) for about 0.2 s more (the drawing runs twice, beside the PDF that
 * render_map writes at the same time). The pixels are the same, bit for
 * bit. */
#define PNG_BAND_BYTES (18u << 20)

typedef struct png_page {
    page_fn draw;
    const void *ud;
    double s;                 /* pixels per point */
    const char *path;
} png_page;

static int draw_band(cairo_surface_t *band, int top, const void *ud, bs_error *err)
{
    const png_page *pg = ud;
    cairo_t *cr = cairo_create(band);
    cairo_status_t st;
    int rc;

    cairo_translate(cr, 0, -top);
    cairo_scale(cr, pg->s, pg->s);
    rc = pg->draw(cr, pg->ud, err);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "%s: drawing the map failed: %s", pg->path,
                          cairo_status_to_string(st));
    return rc;
}

static int render_png(double wpt, double hpt, double dpi, const char *path,
                      page_fn draw, const void *ud, bs_error *err)
{
    png_page pg = { draw, ud, dpi / 72.0, path };
    double pw = round(wpt * pg.s), ph = round(hpt * pg.s);
    cairo_surface_t *band;
    int stride, band_h, rc;

    if (!(dpi >= 10 && dpi <= 2400))
        return bs_error_set(err, "%s: PNG resolution %g dpi is out of range", path, dpi);
    if (pw > 32767 || ph > 32767)
        return bs_error_set(err, "%s: %g dpi makes the PNG too large", path, dpi);
    stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, (int)pw);
    band_h = stride > 0 ? (int)(PNG_BAND_BYTES / (unsigned)stride) : 1;
    if (band_h < 1)
        band_h = 1;
    if (band_h >= (int)ph) {
        band_h = (int)ph;
    } else {   /* equal bands: two halves rather than one and a sliver */
        int nb = ((int)ph + band_h - 1) / band_h;
        band_h = ((int)ph + nb - 1) / nb;
    }
    band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, band_h);
    if (surface_error(band, "create the map file", path, err) != 0) {
        cairo_surface_destroy(band);
        return -1;
    }
    rc = png_write_bands(path, dpi, (int)pw, (int)ph, 0, band, band_h, draw_band, &pg, err);
    cairo_surface_destroy(band);
    return rc;
}

/* Creates the surface for a W x H mm page, lets draw fill it and writes
 * the file. */
static int render_page(double W, double H, const char *title, const char *iso_date,
                       bs_format fmt, double dpi, const char *path, page_fn draw,
                       const void *ud, bs_error *err)
{
    double wpt = MM(W), hpt = MM(H);
    cairo_surface_t *surf;
    cairo_status_t st;
    cairo_t *cr;
    int rc;

    switch (fmt) {
    case BS_FORMAT_PDF:
        surf = cairo_pdf_surface_create(path, wpt, hpt);
        break;
    case BS_FORMAT_SVG:
        surf = cairo_svg_surface_create(path, wpt, hpt);
        break;
    case BS_FORMAT_PNG:
        return render_png(wpt, hpt, dpi, path, draw, ud, err);
    default:
        return bs_error_set(err, "%s: unknown output format", path);
    }
    if (surface_error(surf, "create the map file", path, err) != 0) {
        cairo_surface_destroy(surf);
        return -1;
    }
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    if (fmt == BS_FORMAT_PDF) {
        if (title)
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "buurtscan");
        /* a fixed date makes the PDF byte-reproducible */
        if (iso_date) {
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                           iso_date);
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                           iso_date);
        }
    }
    if (fmt == BS_FORMAT_SVG)
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PT);
#endif

    cr = cairo_create(surf);
    rc = draw(cr, ud, err);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "%s: drawing the map failed: %s", path,
                          cairo_status_to_string(st));
    cairo_surface_finish(surf);
    if (rc == 0)
        rc = surface_error(surf, "write the map file", path, err);
    cairo_surface_destroy(surf);
    return rc;
}

typedef struct single {
    const bs_map *m;
    const layout *L;
} single;

static int draw_single(cairo_t *cr, const void *ud, bs_error *err)
{
    const single *s = ud;
    return draw_page(cr, s->m, s->L, err);
}

int bs_map_render(const bs_map *m, bs_format fmt, double dpi,
                  const char *path, bs_error *err)
{
    layout L;
    single s;

    if (!path)
        return bs_error_set(err, "map: no output path");
    if (check_input(m, err) != 0)
        return -1;
    if (layout_compute(m, &L) != 0)
        return bs_error_set(err, "%s: no area has geometry, or the paper size is unset", path);
    s.m = m;
    s.L = &L;
    return render_page(L.W, L.H, m->title, m->iso_date, fmt, dpi, path, draw_single,
                       &s, err);
}

int bs_map_draw(cairo_t *cr, const bs_map *m, double x_mm, double y_mm,
                double w_mm, double h_mm, bs_error *err)
{
    bs_style sbuf;
    const bs_style *st;
    panel_opts po;
    panel P;
    text t;
    int rc;
    cairo_status_t cs;

    if (!cr)
        return bs_error_set(err, "map: no cairo context");
    if (check_input(m, err) != 0)
        return -1;
    if (!(w_mm > 0 && h_mm > 0) || !isfinite(x_mm) || !isfinite(y_mm))
        return bs_error_set(err, "map: the panel rectangle is empty");
    st = style_of(m->style, &sbuf);
    if (panel_fit(&P, m, x_mm, y_mm, w_mm, h_mm, size_factor(&m->paper)) != 0)
        return bs_error_set(err, "map: no area has geometry");
    P.clip = m->extent != NULL || m->context != NULL;
    memset(&po, 0, sizeof po);
    po.furniture = m->furniture;
    po.language = m->language;
    cairo_save(cr);
    if (text_init(&t, cr, st->font) != 0) {
        text_free(&t);
        cairo_restore(cr);
        return bs_error_set(err, "map: cannot set up text layout");
    }
    rc = draw_panel(cr, &t, m, st, &P, &po, err);
    text_free(&t);
    cairo_restore(cr);
    cs = cairo_status(cr);
    if (rc == 0 && cs != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "map: drawing the panel failed: %s",
                          cairo_status_to_string(cs));
    return rc;
}

/* --- small multiples ----------------------------------------------------------- */

typedef struct multi {
    const bs_map *panels;
    size_t n;
    int columns;
    int shared;               /* one legend serves all */
    const bs_page *page;
    layout L;
} multi;

static int same_bound(double a, double b)
{
    return a == b || (isnan(a) && isnan(b)) || (isinf(a) && isinf(b) && (a > 0) == (b > 0));
}

static int same_classes(const bs_map *a, const bs_map *b)
{
    if (a->k != b->k || a->decimals != b->decimals)
        return 0;
    for (int c = 0; c < a->k; c++)
        if (a->fill[c].r != b->fill[c].r || a->fill[c].g != b->fill[c].g ||
            a->fill[c].b != b->fill[c].b || !same_bound(a->lower[c], b->lower[c]) ||
            !same_bound(a->upper[c], b->upper[c]))
            return 0;
    return 1;
}

/* Height (mm) a legend needs below a panel of width w. */
static double panel_legend_h(text *t, const bs_map *m, const bs_style *st, double f,
                             double w)
{
    int rows = m->k + 1 + (count_class(m, -2) > 0), ncol = w >= 90 * f ? 2 : 1;
    double title = 0;

    for (int s = 0; m->points && s < m->points->nstyles; s++)
        rows += m->points->style[s].label != NULL;
    if (m->legend_title && *m->legend_title) {
        text_set(t, m->legend_title, st->legend_title_size * f, 1, MM(w), 2);
        title = text_h(t) / PT_PER_MM + 2.2 * f;
    }
    return title + ((rows + ncol - 1) / ncol) * ROW_PITCH * f + (ncol == 1 ? 2.4 * f : 0);
}

typedef struct grid_geom {
    int cols, rows;
    double x0, y0, cw, ch;    /* grid origin, cell size (mm) */
    double title_h, legend_h; /* per cell */
} grid_geom;

static void grid_cells(const multi *mu, text *t, const bs_style *st, int cols,
                       double gx, double gy, double gw, double gh, grid_geom *g)
{
    double f = mu->L.f, gap = PANEL_GAP * f;

    g->cols = cols;
    g->rows = (int)((mu->n + (size_t)cols - 1) / (size_t)cols);
    g->x0 = gx;
    g->y0 = gy;
    g->cw = (gw - (cols - 1) * gap) / cols;
    g->ch = (gh - (g->rows - 1) * gap) / g->rows;
    text_set(t, "Ag", st->panel_title_size * f, 1, 0, 0);
    g->title_h = text_h(t) / PT_PER_MM + 1.2 * f;
    g->legend_h = 0;
    if (!mu->shared)
        for (size_t i = 0; i < mu->n; i++)
            g->legend_h = fmax(g->legend_h, panel_legend_h(t, &mu->panels[i], st, f,
                                                           g->cw) + 2.0 * f);
}

/* The smallest map scale over the panels for a grid (0 if none fits). */
static double grid_scale(const multi *mu, const grid_geom *g)
{
    double best = INFINITY, mh = g->ch - g->title_h - g->legend_h;

    if (!(g->cw > 0 && mh > 0))
        return 0;
    for (size_t i = 0; i < mu->n; i++) {
        double box[4], bw, bh;
        if (map_extent(&mu->panels[i], box) != 0)
            return 0;
        extent_size(box, &bw, &bh);
        best = fmin(best, fmin(g->cw / bw, mh / bh));
    }
    return best;
}

static int draw_multi(cairo_t *cr, const void *ud, bs_error *err)
{
    const multi *mu = ud;
    const bs_page *pg = mu->page;
    const layout *L = &mu->L;
    bs_style sbuf;
    const bs_style *st = style_of(pg->style, &sbuf);
    double f = L->f, cw = L->W - 2 * L->margin, rh = L->region_y1 - L->region_y0;
    double gx = L->margin, gy = L->region_y0, gw = cw, gh = rh, first_scale = 0;
    legend_spec ls;
    grid_geom g;
    int rc = 0, same_scale = 1;
    text t;

    if (page_start(cr, st, &t, err) != 0)
        return -1;
    memset(&ls, 0, sizeof ls);
    if (mu->shared) {
        if (L->W >= L->H) {   /* a legend column on the right */
            gw = cw - (LEGEND_W + LEGEND_GAP) * f;
            ls.beside = 1;
            ls.x = gx + gw + LEGEND_GAP * f;
            ls.y = gy;
            ls.w = LEGEND_W * f;
        } else {              /* a block under the grid */
            gh = rh - (LEGEND_BELOW_H + LEGEND_GAP_BELOW) * f;
            ls.x = gx;
            ls.y = gy + gh + LEGEND_GAP_BELOW * f;
            ls.w = fmin(LEGEND_BELOW_W * f, cw);
            ls.h = LEGEND_BELOW_H * f;
        }
        ls.ry0 = L->region_y0;
        ls.ry1 = L->region_y1;
    }
    if (mu->columns > 0) {
        grid_cells(mu, &t, st, mu->columns, gx, gy, gw, gh, &g);
    } else {
        double best = -1;
        for (int c = 1; c <= (int)mu->n; c++) {
            grid_geom gc;
            double s;
            grid_cells(mu, &t, st, c, gx, gy, gw, gh, &gc);
            s = grid_scale(mu, &gc);
            if (s > best * 1.0001) {
                best = s;
                g = gc;
            }
        }
    }
    if (!(grid_scale(mu, &g) > 0)) {
        text_free(&t);
        return bs_error_set(err, "map: %zu panels in %d columns do not fit the page",
                            mu->n, g.cols);
    }
    for (size_t i = 0; i < mu->n; i++) {
        double box[4], bw, bh, s;
        map_extent(&mu->panels[i], box);
        extent_size(box, &bw, &bh);
        s = fmin(g.cw / bw, (g.ch - g.title_h - g.legend_h) / bh);
        if (i == 0)
            first_scale = s;
        else if (fabs(s - first_scale) > 1e-9 * first_scale)
            same_scale = 0;
    }

    for (size_t i = 0; i < mu->n && rc == 0; i++) {
        const bs_map *m = &mu->panels[i];
        const bs_style *pst = m->style ? m->style : st;
        int col = (int)(i % (size_t)g.cols), row = (int)(i / (size_t)g.cols);
        double x = g.x0 + col * (g.cw + PANEL_GAP * f);
        double y = g.y0 + row * (g.ch + PANEL_GAP * f);
        double mh = g.ch - g.title_h - g.legend_h;
        panel_opts po;
        panel P;

        if (m->title && *m->title) {
            text_set(&t, m->title, pst->panel_title_size * f, 1, MM(g.cw), 1);
            text_show(&t, MM(x), MM(y), pst->text_colour);
        }
        memset(&po, 0, sizeof po);
        po.language = m->language ? m->language : pg->language;
        if (i == 0)
            po.furniture = BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW;
        else if (!same_scale)
            po.furniture = BS_MAP_SCALE_BAR;
        panel_fit(&P, m, x, y + g.title_h, g.cw, mh, f);
        P.clip = m->extent != NULL || m->context != NULL;
        rc = draw_panel(cr, &t, m, pst, &P, &po, err);
        if (rc == 0 && !mu->shared) {
            legend_spec pl;
            memset(&pl, 0, sizeof pl);
            pl.x = x;
            pl.y = y + g.title_h + mh + 2.0 * f;
            pl.w = g.cw;
            pl.h = g.legend_h - 2.0 * f;
            pl.counts = 1;
            rc = draw_legend(cr, &t, m, pst, f, &pl, 0, NULL, err);
        }
    }
    if (rc == 0 && mu->shared)
        rc = draw_legend(cr, &t, &mu->panels[0], st, f, &ls, 0, NULL, err);
    if (rc == 0) {
        draw_header(&t, st, pg->title, pg->subtitle, L);
        rc = draw_footer(&t, st, pg->source, pg->date, pg->language, L, err);
    }
    text_free(&t);
    return rc;
}

int bs_map_render_multi(const bs_map *panels, size_t n, int columns,
                        int shared_legend, const bs_page *page, bs_format fmt,
                        double dpi, const char *path, bs_error *err)
{
    multi mu;

    if (!path)
        return bs_error_set(err, "map: no output path");
    if (!panels || n == 0 || !page)
        return bs_error_set(err, "%s: no panels to draw", path);
    if (columns < 0 || (size_t)columns > n)
        return bs_error_set(err, "%s: %d columns for %zu panels", path, columns, n);
    for (size_t i = 0; i < n; i++) {
        double box[4];
        if (check_input(&panels[i], err) != 0)
            return -1;
        if (map_extent(&panels[i], box) != 0)
            return bs_error_set(err, "%s: panel %zu has no geometry", path, i + 1);
    }
    memset(&mu, 0, sizeof mu);
    if (layout_page(&page->paper, &mu.L) != 0)
        return bs_error_set(err, "%s: the paper size is unset", path);
    mu.panels = panels;
    mu.n = n;
    mu.columns = columns;
    mu.page = page;
    mu.shared = shared_legend != 0;
    for (size_t i = 1; i < n && mu.shared; i++)
        mu.shared = same_classes(&panels[0], &panels[i]);
    return render_page(mu.L.W, mu.L.H, page->title, page->iso_date, fmt, dpi, path,
                       draw_multi, &mu, err);
}
