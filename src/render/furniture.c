/* furniture.c: what a map page carries besides the map and its legend:
 * the title block, the source line, the scale bar with a round length and
 * the north arrow. */
#include "mapint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/number.h"

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
void bs_map_draw_scale_bar(cairo_t *cr, bs_rtext *t, const bs_style *st,
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
            bs_map_set_colour(cr, st->text_colour);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, w, h);
    bs_map_set_colour(cr, st->text_colour);
    cairo_set_line_width(cr, 0.4 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);

    bs_rtext_set(t, "0", st->scale_size * f, 0, 0, 0);
    bs_rtext_show(t, x - bs_rtext_width(t) / 2, y + h + MM(0.8 * f), st->text_colour);
    scale_label(len, language, lab, sizeof lab);
    bs_rtext_set(t, lab, st->scale_size * f, 0, 0, 0);
    bs_rtext_show(t, x + w - bs_rtext_width(t) / 2, y + h + MM(0.8 * f), st->text_colour);
}

/* Size (mm) of the scale bar with its labels, and the offset of the bar's
 * left end from the box's left edge. */
void bs_map_scale_bar_size(bs_rtext *t, const bs_style *st, const char *language,
                           double f, double frame_w_mm, double scale,
                           double *w, double *h, double *xoff)
{
    double len = scale_length(frame_w_mm / scale);
    char lab[80];
    double zero, right;

    bs_rtext_set(t, "0", st->scale_size * f, 0, 0, 0);
    zero = bs_rtext_width(t) / PT_PER_MM;
    scale_label(len, language, lab, sizeof lab);
    bs_rtext_set(t, lab, st->scale_size * f, 0, 0, 0);
    right = bs_rtext_width(t) / PT_PER_MM;
    *xoff = zero / 2;
    *w = zero / 2 + len * scale + right / 2;
    *h = 1.5 * f + 0.8 * f + bs_rtext_height(t) / PT_PER_MM;
}

/* "N" over a two-tone arrowhead; cx, top in pt. */
void bs_map_draw_north_arrow(cairo_t *cr, bs_rtext *t, const bs_style *st, double f,
                             double cx, double top)
{
    double hw = MM(2.2 * f), len = MM(8.5 * f), notch = MM(2.2 * f);
    double tip, base;

    bs_rtext_set(t, "N", st->north_size * f, 1, 0, 0);
    bs_rtext_show(t, cx - bs_rtext_width(t) / 2, top, st->text_colour);
    tip = top + bs_rtext_height(t) + MM(0.6 * f);
    base = tip + len;

    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx - hw, base);
    cairo_line_to(cr, cx, base - notch);
    cairo_close_path(cr);
    bs_map_set_colour(cr, st->text_colour);
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

void bs_map_north_arrow_size(bs_rtext *t, const bs_style *st, double f, double *w,
                             double *h)
{
    bs_rtext_set(t, "N", st->north_size * f, 1, 0, 0);
    *w = fmax(4.4 * f + 0.5 * f, bs_rtext_width(t) / PT_PER_MM);
    *h = bs_rtext_height(t) / PT_PER_MM + 0.6 * f + 8.5 * f + 0.3 * f;
}

/* A white ground under furniture that sits over the map. */
void bs_map_backing(cairo_t *cr, bs_label_box b, double pad)
{
    cairo_rectangle(cr, MM(b.x0 - pad), MM(b.y0 - pad), MM(b.x1 - b.x0 + 2 * pad),
                    MM(b.y1 - b.y0 + 2 * pad));
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_fill(cr);
}

/* Title and subtitle in the fixed header block: a long title wraps, and
 * shrinks a step or two when two lines plus subtitle would not fit. */
void bs_map_draw_header(bs_rtext *t, const bs_style *st, const char *title,
                        const char *subtitle, const bs_map_layout *L)
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
            bs_rtext_set(t, title, tsz[i] * f, 1, w, 0);
            th = bs_rtext_height(t);
        }
        if (has_sub) {
            bs_rtext_set(t, subtitle, ssz[i] * f, 0, w, 0);
            sh = bs_rtext_height(t) + gap;
        }
        if (th + sh <= room)
            break;
    }
    if (i == 3)
        i = 2;   /* smallest sizes, with line limits below */
    double y = MM(L->head_y);
    if (title && *title) {
        bs_rtext_set(t, title, tsz[i] * f, 1, w, 2);
        bs_rtext_balance(t, w);
        bs_rtext_show(t, MM(L->margin), y, st->text_colour);
        y += bs_rtext_height(t) + gap;
    }
    if (has_sub) {
        double left = MM(L->head_y) + room - y;
        bs_rtext_set(t, subtitle, ssz[i] * f, 0, w, 0);
        if (bs_rtext_height(t) > left) {
            int lines = bs_rtext_lines(t);
            int fit = (int)(left / (bs_rtext_height(t) / lines));
            bs_rtext_set(t, subtitle, ssz[i] * f, 0, w, fit > 1 ? fit : 1);
        }
        bs_rtext_show(t, MM(L->margin), y, st->subtle_colour);
    }
}

int bs_map_draw_footer(bs_rtext *t, const bs_style *st, const char *source,
                       const char *date, const char *language, const bs_map_layout *L,
                       bs_error *err)
{
    double f = L->f, w = MM(L->W - 2 * L->margin);
    const char *credit = bs_map_is_en(language) ? "map: buurtscan" : "kaart: buurtscan";
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
    bs_rtext_set(t, s, st->source_size * f, 0, w, 3);
    bs_rtext_show(t, MM(L->margin), MM(L->H - L->margin) - bs_rtext_height(t), st->source_colour);
    free(s);
    return 0;
}
