/* multiples.c: a page of small multiples (bs_map_render_multi): panels in
 * a grid under one title, with one shared legend when the panels share
 * their classes, and the scale bar and north arrow in the first panel
 * (in every panel when their scales differ). */
#include "mapint.h"

#include <math.h>
#include <string.h>

typedef struct multi {
    const bs_map *panels;
    size_t n;
    int columns;
    int shared;               /* one legend serves all */
    const bs_page *page;
    bs_map_layout L;
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

typedef struct grid_geom {
    int cols, rows;
    double x0, y0, cw, ch;    /* grid origin, cell size (mm) */
    double title_h, legend_h; /* per cell */
} grid_geom;

static void grid_cells(const multi *mu, bs_rtext *t, const bs_style *st, int cols,
                       double gx, double gy, double gw, double gh, grid_geom *g)
{
    double f = mu->L.f, gap = PANEL_GAP * f;

    g->cols = cols;
    g->rows = (int)((mu->n + (size_t)cols - 1) / (size_t)cols);
    g->x0 = gx;
    g->y0 = gy;
    g->cw = (gw - (cols - 1) * gap) / cols;
    g->ch = (gh - (g->rows - 1) * gap) / g->rows;
    bs_rtext_set(t, "Ag", st->panel_title_size * f, 1, 0, 0);
    g->title_h = bs_rtext_height(t) / PT_PER_MM + 1.2 * f;
    g->legend_h = 0;
    if (!mu->shared)
        for (size_t i = 0; i < mu->n; i++)
            g->legend_h = fmax(g->legend_h, bs_map_legend_height_below(
                                   t, &mu->panels[i], st, f, g->cw) + 2.0 * f);
}

/* The smallest map scale over the panels for a grid (0 if none fits). */
static double grid_scale(const multi *mu, const grid_geom *g)
{
    double best = INFINITY, mh = g->ch - g->title_h - g->legend_h;

    if (!(g->cw > 0 && mh > 0))
        return 0;
    for (size_t i = 0; i < mu->n; i++) {
        double box[4], bw, bh;
        if (bs_map_extent(&mu->panels[i], box) != 0)
            return 0;
        bs_map_extent_size(box, &bw, &bh);
        best = fmin(best, fmin(g->cw / bw, mh / bh));
    }
    return best;
}

/* The room of the shared legend: a column on the right on landscape
 * paper, a block under the grid on portrait. Narrows the grid (*gw, *gh). */
static void shared_legend_room(const bs_map_layout *L, double *gw, double *gh,
                               bs_map_legend_spec *ls)
{
    double f = L->f, cw = L->W - 2 * L->margin, rh = L->region_y1 - L->region_y0;
    double gx = L->margin, gy = L->region_y0;

    if (L->W >= L->H) {   /* a legend column on the right */
        *gw = cw - (LEGEND_W + LEGEND_GAP) * f;
        ls->beside = 1;
        ls->x = gx + *gw + LEGEND_GAP * f;
        ls->y = gy;
        ls->w = LEGEND_W * f;
    } else {              /* a block under the grid */
        *gh = rh - (LEGEND_BELOW_H + LEGEND_GAP_BELOW) * f;
        ls->x = gx;
        ls->y = gy + *gh + LEGEND_GAP_BELOW * f;
        ls->w = fmin(LEGEND_BELOW_W * f, cw);
        ls->h = LEGEND_BELOW_H * f;
    }
    ls->ry0 = L->region_y0;
    ls->ry1 = L->region_y1;
}

/* The grid: the caller's columns, or the count that gives the largest
 * maps. */
static void grid_choose(const multi *mu, bs_rtext *t, const bs_style *st,
                        double gx, double gy, double gw, double gh, grid_geom *g)
{
    double best = -1;

    if (mu->columns > 0) {
        grid_cells(mu, t, st, mu->columns, gx, gy, gw, gh, g);
        return;
    }
    for (int c = 1; c <= (int)mu->n; c++) {
        grid_geom gc;
        double s;
        grid_cells(mu, t, st, c, gx, gy, gw, gh, &gc);
        s = grid_scale(mu, &gc);
        if (s > best * 1.0001) {
            best = s;
            *g = gc;
        }
    }
}

/* Whether every panel gets the scale of the first. */
static int same_scale(const multi *mu, const grid_geom *g)
{
    double first_scale = 0;

    for (size_t i = 0; i < mu->n; i++) {
        double box[4], bw, bh, s;
        bs_map_extent(&mu->panels[i], box);
        bs_map_extent_size(box, &bw, &bh);
        s = fmin(g->cw / bw, (g->ch - g->title_h - g->legend_h) / bh);
        if (i == 0)
            first_scale = s;
        else if (fabs(s - first_scale) > 1e-9 * first_scale)
            return 0;
    }
    return 1;
}

/* Panel i in its cell: its title, the map, and its own legend unless one
 * legend serves all. */
static int draw_cell(cairo_t *cr, bs_rtext *t, const multi *mu, const bs_style *st,
                     const grid_geom *g, size_t i, int one_scale, bs_error *err)
{
    const bs_map *m = &mu->panels[i];
    const bs_style *pst = m->style ? m->style : st;
    double f = mu->L.f;
    int col = (int)(i % (size_t)g->cols), row = (int)(i / (size_t)g->cols), rc;
    double x = g->x0 + col * (g->cw + PANEL_GAP * f);
    double y = g->y0 + row * (g->ch + PANEL_GAP * f);
    double mh = g->ch - g->title_h - g->legend_h;
    bs_map_panel_opts po;
    bs_map_panel P;

    if (m->title && *m->title) {
        bs_rtext_set(t, m->title, pst->panel_title_size * f, 1, MM(g->cw), 1);
        bs_rtext_show(t, MM(x), MM(y), pst->text_colour);
    }
    memset(&po, 0, sizeof po);
    po.language = m->language ? m->language : mu->page->language;
    if (i == 0)
        po.furniture = BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW;
    else if (!one_scale)
        po.furniture = BS_MAP_SCALE_BAR;
    bs_map_panel_fit(&P, m, x, y + g->title_h, g->cw, mh, f);
    P.clip = m->extent != NULL || m->context != NULL;
    rc = bs_map_panel_draw(cr, t, m, pst, &P, &po, err);
    if (rc == 0 && !mu->shared) {
        bs_map_legend_spec pl;
        memset(&pl, 0, sizeof pl);
        pl.x = x;
        pl.y = y + g->title_h + mh + 2.0 * f;
        pl.w = g->cw;
        pl.h = g->legend_h - 2.0 * f;
        pl.counts = 1;
        rc = bs_map_draw_legend(cr, t, m, pst, f, &pl, 0, NULL, err);
    }
    return rc;
}

static int draw_multi(cairo_t *cr, const void *ud, bs_error *err)
{
    const multi *mu = ud;
    const bs_page *pg = mu->page;
    const bs_map_layout *L = &mu->L;
    bs_style sbuf;
    const bs_style *st = bs_map_style_of(pg->style, &sbuf);
    double gw = L->W - 2 * L->margin, gh = L->region_y1 - L->region_y0;
    bs_map_legend_spec ls;
    grid_geom g;
    int rc = 0, one_scale;
    bs_rtext t;

    if (bs_map_page_start(cr, st, &t, err) != 0)
        return -1;
    memset(&ls, 0, sizeof ls);
    if (mu->shared)
        shared_legend_room(L, &gw, &gh, &ls);
    grid_choose(mu, &t, st, L->margin, L->region_y0, gw, gh, &g);
    if (!(grid_scale(mu, &g) > 0)) {
        bs_rtext_free(&t);
        return bs_error_set(err, "map: %zu panels in %d columns do not fit the page",
                            mu->n, g.cols);
    }
    one_scale = same_scale(mu, &g);
    for (size_t i = 0; i < mu->n && rc == 0; i++)
        rc = draw_cell(cr, &t, mu, st, &g, i, one_scale, err);
    if (rc == 0 && mu->shared)
        rc = bs_map_draw_legend(cr, &t, &mu->panels[0], st, L->f, &ls, 0, NULL, err);
    if (rc == 0) {
        bs_map_draw_header(&t, st, pg->title, pg->subtitle, L);
        rc = bs_map_draw_footer(&t, st, pg->source, pg->date, pg->language, L, err);
    }
    bs_rtext_free(&t);
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
        if (bs_map_check(&panels[i], err) != 0)
            return -1;
        if (bs_map_extent(&panels[i], box) != 0)
            return bs_error_set(err, "%s: panel %zu has no geometry", path, i + 1);
    }
    memset(&mu, 0, sizeof mu);
    if (bs_map_layout_page(&page->paper, &mu.L) != 0)
        return bs_error_set(err, "%s: the paper size is unset", path);
    mu.panels = panels;
    mu.n = n;
    mu.columns = columns;
    mu.page = page;
    mu.shared = shared_legend != 0;
    for (size_t i = 1; i < n && mu.shared; i++)
        mu.shared = same_classes(&panels[0], &panels[i]);
    return bs_map_render_page(mu.L.W, mu.L.H, page->title, page->iso_date, fmt, dpi, path,
                              draw_multi, &mu, err);
}
