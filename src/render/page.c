/* page.c: the part of the map shown, and the layout of a map page (paper
 * sizes are data/paper.c).
 *
 * Placement of everything except the texts depends only on the paper and
 * the map extent (bs_map_frame_get promises that): header, footer and
 * legend get fixed reservations, and texts are fitted into them. */
#include "mapint.h"

#include <math.h>
#include <string.h>

#include "buurtscan/housestyle.h"

const bs_style *bs_map_style_of(const bs_style *s, bs_style *buf)
{
    if (s)
        return s;
    bs_style_default(buf);
    return buf;
}

double bs_map_size_factor(const bs_paper *p)
{
    if (!(p->width_mm > 0 && p->height_mm > 0))
        return 1.0;
    return sqrt(fmin(p->width_mm, p->height_mm) / 210.0);
}

int bs_map_extent(const bs_map *m, double box[4])
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

void bs_map_extent_size(const double box[4], double *bw, double *bh)
{
    *bw = box[2] - box[0];
    *bh = box[3] - box[1];
    if (!(*bw > 0)) *bw = fmax(*bh, 1.0);
    if (!(*bh > 0)) *bh = fmax(*bw, 1.0);
}

/* --- page layout -------------------------------------------------------- */

typedef struct placement {
    double scale, gx, gy;     /* mm per metre; group origin */
} placement;

/* Legend beside (right = 1) or below the frame; centres the group of
 * frame, arrow column, scale strip and legend in the region. */
static placement fit_option(const bs_map_layout *L, double bw, double bh, int right)
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

int bs_map_layout_page(const bs_paper *paper, bs_map_layout *L)
{
    if (!(paper->width_mm > 0 && paper->height_mm > 0))
        return -1;
    memset(L, 0, sizeof *L);
    L->W = paper->width_mm;
    L->H = paper->height_mm;
    L->f = bs_map_size_factor(paper);
    L->margin = MARGIN * L->f;
    L->head_y = L->margin;
    L->head_h = HEAD_H * L->f;
    L->foot_h = FOOT_H * L->f;
    L->region_y0 = L->head_y + L->head_h + HEAD_GAP * L->f;
    L->region_y1 = L->H - L->margin - L->foot_h - FOOT_GAP * L->f;
    return 0;
}

int bs_map_layout_compute(const bs_map *m, bs_map_layout *L)
{
    double box[4], bw, bh, f;
    placement a, b, *c;

    if (!m || !m->areas || bs_map_layout_page(&m->paper, L) != 0)
        return -1;
    if (bs_map_extent(m, box) != 0)
        return -1;
    f = L->f;
    bs_map_extent_size(box, &bw, &bh);

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
        L->leg_h = L->region_y1 - L->region_y0;   /* may move up, see legend.c */
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
    bs_map_layout L;

    if (!out || bs_map_layout_compute(m, &L) != 0)
        return -1;
    *out = L.fr;
    return 0;
}

int bs_map_page_start(cairo_t *cr, const bs_style *st, bs_rtext *t, bs_error *err)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    if (bs_rtext_init(t, cr, st->font) != 0) {
        bs_rtext_free(t);
        return bs_error_set(err, "map: cannot set up text layout");
    }
    return 0;
}
