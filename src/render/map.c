/* map.c: choropleth map pages and map panels with cairo and pango (the
 * contract is in map.h; the rooms of the map are listed in mapint.h): the
 * checks of a map's input, the single map page, and one map panel drawn
 * into a caller's cairo context. */
#include "mapint.h"

#include <math.h>

#include "buurtscan/limits.h"

int bs_map_check(const bs_map *m, bs_error *err)
{
    double box[4];

    if (!m || !m->areas || !m->cls)
        return bs_error_set(err, "map: no areas or classes given");
    if (m->k < 0 || m->k > BS_CLASSES_MAX)
        return bs_error_set(err, "map: %d classes is not a number of classes (0 to %d)",
                            m->k, BS_CLASSES_MAX);
    if (m->k > 0 && (!m->fill || !m->lower || !m->upper || !m->count))
        return bs_error_set(err, "map: colours, bounds or counts missing for the legend");
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] < -2 || m->cls[i] >= m->k)
            return bs_error_set(err, "map: area %zu has class %d, outside -2..%d",
                                i + 1, m->cls[i], m->k - 1);
    if (m->extent && bs_map_extent(m, box) != 0)
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

/* --- the page ----------------------------------------------------------- */

static int draw_page(cairo_t *cr, const bs_map *m, const bs_map_layout *L, bs_error *err)
{
    bs_style sbuf;
    const bs_style *st = bs_map_style_of(m->style, &sbuf);
    bs_map_legend_spec ls;
    bs_map_panel_opts po;
    bs_map_panel P;
    bs_rtext t;
    int rc;

    if (bs_map_page_start(cr, st, &t, err) != 0)
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
    bs_map_panel_set(&P, L->fr.x0_mm, L->fr.y0_mm, L->fr.width_mm, L->fr.height_mm,
                     L->fr.scale, L->fr.minx, L->fr.maxy, L->f);
    P.clip = m->extent != NULL || m->context != NULL;

    bs_map_inset_on_page(cr, &t, m, st, L, &P, &ls, &po, err);
    rc = bs_map_panel_draw(cr, &t, m, st, &P, &po, err);
    if (rc == 0) {
        bs_map_draw_north_arrow(cr, &t, st, L->f, MM(L->arrow_x + 2.5 * L->f),
                                MM(L->fr.y0_mm));
        bs_map_draw_scale_bar(cr, &t, st, m->language, L->f, MM(L->fr.x0_mm),
                              MM(L->scale_y + 3.0 * L->f), L->fr.width_mm, L->fr.scale);
        bs_map_draw_header(&t, st, m->title, m->subtitle, L);
        rc = bs_map_draw_legend(cr, &t, m, st, L->f, &ls, 0, NULL, err);
    }
    if (rc == 0)
        rc = bs_map_draw_footer(&t, st, m->source, m->date, m->language, L, err);
    bs_rtext_free(&t);
    return rc;
}

typedef struct single {
    const bs_map *m;
    const bs_map_layout *L;
} single;

static int draw_single(cairo_t *cr, const void *ud, bs_error *err)
{
    const single *s = ud;
    return draw_page(cr, s->m, s->L, err);
}

int bs_map_render(const bs_map *m, bs_format fmt, double dpi,
                  const char *path, bs_error *err)
{
    bs_map_layout L;
    single s;

    if (!path)
        return bs_error_set(err, "map: no output path");
    if (bs_map_check(m, err) != 0)
        return -1;
    if (bs_map_layout_compute(m, &L) != 0)
        return bs_error_set(err, "%s: no area has geometry, or the paper size is unset", path);
    s.m = m;
    s.L = &L;
    return bs_map_render_page(L.W, L.H, m->title, m->iso_date, fmt, dpi, path, draw_single,
                              &s, err);
}

int bs_map_draw(cairo_t *cr, const bs_map *m, double x_mm, double y_mm,
                double w_mm, double h_mm, bs_error *err)
{
    bs_style sbuf;
    const bs_style *st;
    bs_map_panel_opts po;
    bs_map_panel P;
    bs_rtext t;
    int rc;
    cairo_status_t cs;

    if (!cr)
        return bs_error_set(err, "map: no cairo context");
    if (bs_map_check(m, err) != 0)
        return -1;
    if (!(w_mm > 0 && h_mm > 0) || !isfinite(x_mm) || !isfinite(y_mm))
        return bs_error_set(err, "map: the panel rectangle is empty");
    st = bs_map_style_of(m->style, &sbuf);
    if (bs_map_panel_fit(&P, m, x_mm, y_mm, w_mm, h_mm, bs_map_size_factor(&m->paper)) != 0)
        return bs_error_set(err, "map: no area has geometry");
    P.clip = m->extent != NULL || m->context != NULL;
    memset(&po, 0, sizeof po);
    po.furniture = m->furniture;
    po.language = m->language;
    cairo_save(cr);
    if (bs_rtext_init(&t, cr, st->font) != 0) {
        bs_rtext_free(&t);
        cairo_restore(cr);
        return bs_error_set(err, "map: cannot set up text layout");
    }
    rc = bs_map_panel_draw(cr, &t, m, st, &P, &po, err);
    bs_rtext_free(&t);
    cairo_restore(cr);
    cs = cairo_status(cr);
    if (rc == 0 && cs != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "map: drawing the panel failed: %s",
                          cairo_status_to_string(cs));
    return rc;
}
