/* text.c: the one text set-up of maps and reports, and the map rooms' text
 * box (contract in rtext.h). */
#include "buurtscan/rtext.h"

#include <math.h>
#include <string.h>

void bs_rtext_setup(PangoContext *ctx, unsigned flags)
{
    cairo_font_options_t *fo = cairo_font_options_create();

    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    if (flags & BS_RTEXT_UNROUNDED)
        pango_context_set_round_glyph_positions(ctx, FALSE);
}

PangoContext *bs_rtext_context_for(cairo_t *cr, unsigned flags)
{
    PangoContext *ctx = pango_cairo_create_context(cr);

    if (ctx)
        bs_rtext_setup(ctx, flags);
    return ctx;
}

int bs_rtext_context_own(PangoFontMap **fm, PangoContext **ctx, unsigned flags)
{
    *ctx = NULL;
    *fm = pango_cairo_font_map_new();
    if (!*fm)
        return -1;
    *ctx = pango_font_map_create_context(*fm);
    bs_rtext_setup(*ctx, flags);
    return 0;
}

int bs_rtext_init(bs_rtext *t, cairo_t *cr, const char *font)
{
    memset(t, 0, sizeof *t);
    t->cr = cr;
    t->ctx = bs_rtext_context_for(cr, 0);
    if (!t->ctx)
        return -1;
    t->lay = pango_layout_new(t->ctx);
    t->fd = pango_font_description_new();
    if (!t->lay || !t->fd)
        return -1;
    pango_font_description_set_family(t->fd, font);
    return 0;
}

void bs_rtext_free(bs_rtext *t)
{
    if (t->fd) pango_font_description_free(t->fd);
    if (t->lay) g_object_unref(t->lay);
    if (t->ctx) g_object_unref(t->ctx);
}

void bs_rtext_set(bs_rtext *t, const char *s, double size, int bold,
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

double bs_rtext_width(const bs_rtext *t)
{
    int w, h;
    pango_layout_get_size(t->lay, &w, &h);
    return (double)w / PANGO_SCALE;
}

double bs_rtext_height(const bs_rtext *t)
{
    int w, h;
    pango_layout_get_size(t->lay, &w, &h);
    return (double)h / PANGO_SCALE;
}

int bs_rtext_lines(const bs_rtext *t)
{
    return pango_layout_get_line_count(t->lay);
}

void bs_rtext_balance(bs_rtext *t, double width_pt)
{
    int n = bs_rtext_lines(t);
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

void bs_rtext_show(bs_rtext *t, double x_pt, double y_pt, bs_colour c)
{
    cairo_set_source_rgb(t->cr, c.r, c.g, c.b);
    cairo_move_to(t->cr, x_pt, y_pt);
    pango_cairo_show_layout(t->cr, t->lay);
}
