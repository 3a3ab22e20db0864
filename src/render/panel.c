/* panel.c: one map panel: the frame on the page, the map in it (context,
 * classed areas, highlights, points), the furniture inside the frame (north
 * arrow, scale bar, inset) in corners that cover no area, and the area
 * labels. The panel is drawn by one function for a page, for bs_map_draw
 * and for every panel of small multiples. Labels stay inside the map frame
 * and treat everything drawn in it (inset, in-panel furniture, point
 * symbols) as obstacles; the page's legend, scale bar and arrow lie
 * outside the frame. */
#include "mapint.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_map_panel_set(bs_map_panel *P, double x0, double y0, double w, double h,
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
int bs_map_panel_fit(bs_map_panel *P, const bs_map *m, double x, double y, double w,
                     double h, double f)
{
    double box[4], bw, bh, s;

    if (bs_map_extent(m, box) != 0 || !(w > 0 && h > 0))
        return -1;
    bs_map_extent_size(box, &bw, &bh);
    s = fmin(w / bw, h / bh);
    bs_map_panel_set(P, x + (w - bw * s) / 2, y + (h - bh * s) / 2, bw * s, bh * s, s,
                     box[0], box[3], f);
    return 0;
}

void bs_map_to_page(const bs_map_panel *P, double x, double y, double *px, double *py)
{
    *px = P->x0 + (x - P->minx) * P->scale;
    *py = P->y0 + (P->maxy - y) * P->scale;
}

static bs_label_box frame_box(const bs_map_panel *P)
{
    bs_label_box b = {P->x0, P->y0, P->x0 + P->w, P->y0 + P->h};
    return b;
}

/* Whether a page box (mm) covers any area of m. */
int bs_map_box_covers_areas(const bs_map *m, const bs_map_panel *P, bs_label_box b)
{
    return bs_areas_touch_box(m->areas, P->minx + (b.x0 - P->x0) / P->scale,
                              P->maxy - (b.y1 - P->y0) / P->scale,
                              P->minx + (b.x1 - P->x0) / P->scale,
                              P->maxy - (b.y0 - P->y0) / P->scale);
}

/* How much of a page box is covered by areas: touched cells of a 6 x 6
 * grid over it. */
static int box_coverage(const bs_map *m, const bs_map_panel *P, bs_label_box b)
{
    int n = 0;
    double cw = (b.x1 - b.x0) / 6, ch = (b.y1 - b.y0) / 6;

    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            bs_label_box c = {b.x0 + i * cw, b.y0 + j * ch, b.x0 + (i + 1) * cw,
                              b.y0 + (j + 1) * ch};
            n += bs_map_box_covers_areas(m, P, c);
        }
    return n;
}

/* Corner boxes of size w x h inside the frame: 0 top-left, 1 top-right,
 * 2 bottom-left, 3 bottom-right. */
bs_label_box bs_map_corner_box(const bs_map_panel *P, int corner, double w, double h)
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
int bs_map_pick_corner(const bs_map *m, const bs_map_panel *P, const int *order, int n,
                       double w, double h, const bs_label_box *taken,
                       size_t ntaken, bs_label_box *out)
{
    int best = -1, bestcov = 1 << 30;

    if (w + 2 * CORNER_GAP * P->f > P->w || h + 2 * CORNER_GAP * P->f > P->h)
        return -1;
    for (int k = 0; k < n; k++) {
        bs_label_box b = bs_map_corner_box(P, order[k], w, h);
        int clash = 0, cov;
        for (size_t j = 0; j < ntaken; j++)
            clash |= bs_label_box_overlap(&b, &taken[j]);
        if (clash)
            continue;
        if (!bs_map_box_covers_areas(m, P, b)) {
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
        *out = bs_map_corner_box(P, best, w, h);
    return best;
}

/* --- labels ------------------------------------------------------------- */

static int measure_label(void *ud, const char *s, double size, double *w, double *h)
{
    bs_rtext *t = ud;

    bs_rtext_set(t, s, size, 0, 0, 0);
    *w = bs_rtext_width(t) / PT_PER_MM;
    *h = bs_rtext_height(t) / PT_PER_MM;
    return 0;
}

static void draw_labels(cairo_t *cr, bs_rtext *t, const bs_style *st, double f,
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
        bs_map_set_colour(cr, st->leader_colour);
        cairo_stroke(cr);
        cairo_arc(cr, MM(l->ax), MM(l->ay), MM(0.45 * f), 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    }
    for (size_t k = 0; k < ls->n; k++) {
        const bs_label *l = &ls->label[k];
        if (l->how != BS_LABEL_INSIDE && l->how != BS_LABEL_LEADER)
            continue;
        bs_rtext_set(t, l->text, l->size_pt, 0, 0, 0);
        pango_layout_set_alignment(t->lay, PANGO_ALIGN_CENTER);
        cairo_new_path(cr);
        cairo_move_to(cr, MM(l->box.x0), MM(l->box.y0));
        pango_cairo_layout_path(cr, t->lay);
        if (st->halo && st->halo_width > 0) {
            bs_map_set_colour(cr, st->halo_colour);
            cairo_set_line_width(cr, 2 * st->halo_width * f);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
            cairo_stroke_preserve(cr);
        }
        bs_map_set_colour(cr, st->text_colour);
        cairo_fill(cr);
    }
}

/* --- one panel ---------------------------------------------------------- */

/* Per-area flags (BS_MAP_HIDDEN, BS_MAP_FADED), malloc'd; NULL when out of
 * memory. *any_faded: some area is faded. */
static unsigned char *area_flags(const bs_map *m, const bs_map_panel *P,
                                 int *any_faded)
{
    const bs_areas *a = m->areas;
    unsigned char *flag = calloc(a->n ? a->n : 1, 1);

    *any_faded = 0;
    if (!flag)
        return NULL;
    for (size_t i = 0; i < a->n; i++) {
        if (m->extent) {
            double b[4];
            bs_map_area_bbox(a, i, b);
            if (!(b[0] <= b[2]) || bs_map_bbox_outside(b, P))
                flag[i] |= BS_MAP_HIDDEN;
        }
        if (m->nfocus)
            flag[i] |= BS_MAP_FADED;
    }
    for (size_t k = 0; k < m->nfocus; k++)
        flag[m->focus[k]] &= (unsigned char)~BS_MAP_FADED;
    for (size_t i = 0; i < a->n && m->nfocus; i++)
        *any_faded |= (flag[i] & BS_MAP_FADED) != 0;
    return flag;
}

/* The map itself: context, areas, highlights and points, clipped to the
 * frame with a neat line where the map is cut. */
static void draw_map(cairo_t *cr, const bs_map *m, const bs_style *st,
                     const bs_map_panel *P, const unsigned char *flag, int any_faded)
{
    cairo_save(cr);
    if (P->clip) {
        cairo_rectangle(cr, MM(P->x0), MM(P->y0), MM(P->w), MM(P->h));
        cairo_clip(cr);
    }
    if (m->context)
        bs_map_draw_context(cr, m->context, st, P);
    bs_map_draw_areas(cr, m, st, P, flag, any_faded);
    if (m->nhighlight)
        bs_map_draw_highlights(cr, m, st, P);
    if (m->points)
        bs_map_draw_points(cr, m->points, P);
    cairo_restore(cr);
    if (P->clip) {
        cairo_rectangle(cr, MM(P->x0), MM(P->y0), MM(P->w), MM(P->h));
        bs_map_set_colour(cr, st->outline_colour);
        cairo_set_line_width(cr, 0.5 * P->f);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
        cairo_stroke(cr);
    }
}

/* Furniture in the frame: arrow top right (or left), scale bar bottom left
 * (or right), the inset in a corner left free (or where the page put it).
 * Their boxes go into obst[3]; returns how many. */
static size_t draw_frame_furniture(cairo_t *cr, bs_rtext *t, const bs_map *m,
                                   const bs_style *st, const bs_map_panel *P,
                                   const bs_map_panel_opts *o, bs_label_box *obst)
{
    size_t nobst = 0;
    double iw, ih, f = P->f;
    int have_inset = 0;
    bs_label_box inset_b = {0, 0, 0, 0};

    if (o->furniture & BS_MAP_NORTH_ARROW) {
        static const int order[] = {1, 0};
        double w, h;
        bs_label_box b;
        bs_map_north_arrow_size(t, st, f, &w, &h);
        if (bs_map_pick_corner(m, P, order, 2, w, h, obst, nobst, &b) >= 0) {
            if (bs_map_box_covers_areas(m, P, b))
                bs_map_backing(cr, b, 0.8 * f);
            bs_map_draw_north_arrow(cr, t, st, f, MM((b.x0 + b.x1) / 2), MM(b.y0));
            obst[nobst++] = b;
        }
    }
    if (o->furniture & BS_MAP_SCALE_BAR) {
        static const int order[] = {2, 3};
        double w, h, xoff;
        bs_label_box b;
        bs_map_scale_bar_size(t, st, o->language, f, P->w, P->scale, &w, &h, &xoff);
        if (bs_map_pick_corner(m, P, order, 2, w, h, obst, nobst, &b) >= 0) {
            if (bs_map_box_covers_areas(m, P, b))
                bs_map_backing(cr, b, 0.8 * f);
            bs_map_draw_scale_bar(cr, t, st, o->language, f, MM(b.x0 + xoff),
                                  MM(b.y0), P->w, P->scale);
            obst[nobst++] = b;
        }
    }
    if (o->inset_placed) {
        inset_b = o->inset_box;
        have_inset = bs_map_inset_size(m, st, P, &iw, &ih) == 0;
    } else if (bs_map_inset_size(m, st, P, &iw, &ih) == 0) {
        static const int order[] = {0, 1, 2, 3};
        have_inset = bs_map_pick_corner(m, P, order, 4, iw, ih, obst, nobst,
                                        &inset_b) >= 0;
    }
    if (have_inset) {
        bs_map_draw_inset(cr, m, st, P, inset_b);
        obst[nobst++] = inset_b;
    }
    return nobst;
}

/* Places and draws the area labels around the obstacles (the furniture's
 * boxes and the visible point symbols); fills m->label_result. */
static int draw_area_labels(cairo_t *cr, bs_rtext *t, const bs_map *m,
                            const bs_style *st, const bs_map_panel *P,
                            const bs_label_box *obst, size_t nobst, bs_error *err)
{
    bs_label_job job;
    bs_label_set ls;
    bs_label_box *all;
    size_t npts = 0, nall;
    double f = P->f;
    int rc;

    if (m->points)
        for (size_t i = 0; i < m->points->n; i++)
            npts += bs_map_point_visible(P, m->points->x[i], m->points->y[i]);
    nall = nobst + npts;
    all = malloc((nall ? nall : 1) * sizeof *all);
    if (!all)
        return bs_error_set(err, "map: out of memory");
    memcpy(all, obst, nobst * sizeof *all);
    nall = nobst;
    for (size_t i = 0; m->points && i < m->points->n; i++) {
        double px, py, r;
        if (!bs_map_point_visible(P, m->points->x[i], m->points->y[i]))
            continue;
        bs_map_to_page(P, m->points->x[i], m->points->y[i], &px, &py);
        r = bs_map_symbol_mm(&m->points->style[m->points->kind[i]], f) * 0.6;
        all[nall++] = (bs_label_box){px - r, py - r, px + r, py + r};
    }
    memset(&job, 0, sizeof job);
    job.areas = m->areas;
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
    job.priority = m->label_priority;
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
    return rc;
}

int bs_map_panel_draw(cairo_t *cr, bs_rtext *t, const bs_map *m,
                      const bs_style *st, const bs_map_panel *P,
                      const bs_map_panel_opts *o, bs_error *err)
{
    bs_label_box obst[3];
    size_t nobst;
    int any_faded, rc = 0;
    unsigned char *flag = area_flags(m, P, &any_faded);

    if (!flag)
        return bs_error_set(err, "map: out of memory");
    draw_map(cr, m, st, P, flag, any_faded);
    nobst = draw_frame_furniture(cr, t, m, st, P, o, obst);
    if (m->labels)
        rc = draw_area_labels(cr, t, m, st, P, obst, nobst, err);
    free(flag);
    return rc;
}
