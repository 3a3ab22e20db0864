/* inset.c: the locator inset: the context (e.g. all gemeenten) with the
 * map's extent in red, in a corner of the frame that covers no area, or on
 * the single page beside the legend. */
#include "mapint.h"

#include <math.h>

int bs_map_inset_size(const bs_map *m, const bs_style *st, const bs_map_panel *P,
                      double *w, double *h)
{
    double cbox[4], cw, ch, s = st->inset_size * P->f, k;

    if (!m->inset || !m->context || bs_areas_bbox(m->context, cbox) != 0)
        return -1;
    bs_map_extent_size(cbox, &cw, &ch);
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

void bs_map_draw_inset(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const bs_map_panel *P, bs_label_box b)
{
    double f = P->f, x0, y0, x1, y1, minw = MM(1.6 * f);
    bs_map_panel I;

    bs_map_panel_fit(&I, &(bs_map){.areas = m->context}, b.x0, b.y0,
                     b.x1 - b.x0, b.y1 - b.y0, f);
    cairo_save(cr);
    cairo_rectangle(cr, MM(b.x0), MM(b.y0), MM(b.x1 - b.x0), MM(b.y1 - b.y0));
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    {
        bs_style s2 = *st;
        s2.context_outline_width = fmin(st->context_outline_width, 0.2);
        bs_map_draw_context(cr, m->context, &s2, &I);
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
    bs_map_set_colour(cr, st->inset_colour);
    cairo_set_line_width(cr, 1.0 * f);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, MM(b.x0), MM(b.y0), MM(b.x1 - b.x0), MM(b.y1 - b.y0));
    bs_map_set_colour(cr, st->outline_colour);
    cairo_set_line_width(cr, 0.5 * f);
    cairo_stroke(cr);
}

/* A free corner of the frame (-1: none). */
static int free_corner(const bs_map *m, const bs_map_panel *P, double iw,
                       double ih, bs_label_box *b)
{
    static const int order[] = {0, 1, 2, 3};

    for (int k = 0; k < 4; k++) {
        *b = bs_map_corner_box(P, order[k], iw, ih);
        if (!bs_map_box_covers_areas(m, P, *b))
            return order[k];
    }
    return -1;
}

void bs_map_inset_on_page(cairo_t *cr, bs_rtext *t, const bs_map *m,
                          const bs_style *st, const bs_map_layout *L,
                          const bs_map_panel *P, const bs_map_legend_spec *ls,
                          bs_map_panel_opts *o, bs_error *err)
{
    static const int order[] = {0, 1, 2, 3};
    double iw, ih, lb, g = CORNER_GAP * L->f;
    bs_label_box b;
    int c;

    if (!m->inset || !m->context || bs_map_inset_size(m, st, P, &iw, &ih) != 0)
        return;
    c = free_corner(m, P, iw, ih, &b);
    if (c < 0 && bs_map_draw_legend(cr, t, m, st, L->f, ls, 1, &lb, err) == 0) {
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
        c = bs_map_pick_corner(m, P, order, 4, iw, ih, NULL, 0, &b);
    if (c >= 0) {
        o->inset_placed = 1;
        o->inset_box = b;
    }
}
