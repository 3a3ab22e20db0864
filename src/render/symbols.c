/* symbols.c: point symbols (IKC's, schools...) on a map panel and in its
 * legend. */
#include "mapint.h"

#include <math.h>

double bs_map_symbol_mm(const bs_point_style *ps, double f)
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

void bs_map_draw_symbol(cairo_t *cr, const bs_point_style *ps, double cx_pt,
                        double cy_pt, double f)
{
    symbol_path(cr, ps->symbol, cx_pt, cy_pt, MM(bs_map_symbol_mm(ps, f)));
    bs_map_set_colour(cr, bs_map_from_rgb(ps->fill));
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.5 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    bs_map_set_colour(cr, bs_map_from_rgb(ps->outline));
    cairo_stroke(cr);
}

int bs_map_point_visible(const bs_map_panel *P, double x, double y)
{
    return isfinite(x) && isfinite(y) && x >= P->minx && x <= P->maxx &&
           y >= P->miny && y <= P->maxy;
}

void bs_map_draw_points(cairo_t *cr, const bs_points *pts, const bs_map_panel *P)
{
    for (size_t i = 0; i < pts->n; i++) {
        double px, py;
        if (!bs_map_point_visible(P, pts->x[i], pts->y[i]))
            continue;
        bs_map_to_page(P, pts->x[i], pts->y[i], &px, &py);
        bs_map_draw_symbol(cr, &pts->style[pts->kind[i]], MM(px), MM(py), P->f);
    }
}
