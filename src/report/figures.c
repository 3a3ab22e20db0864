/* figures.c: what the report draws besides text: class swatches and
 * legends, maps of the whole set or a part of it, the strip of an
 * indicator's normalised values and the bar of a rank interval (cairo user
 * unit = 1 pt; positions given in mm are converted here). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/map.h"
#include "buurtscan/topology.h"

static void rgbset(cairo_t *cr, bs_rgb c)
{
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

void bs_rep_colset(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* A swatch at x, y (pt): a class colour, or hatched (cls -1) or
 * cross-hatched (cls -2) as the maps draw areas without a class. */
static void swatch(cairo_t *cr, const rmap *m, int cls, double x, double y,
                   double w, double h)
{
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    if (cls >= 0) {
        rgbset(cr, m->fill[cls]);
        cairo_fill_preserve(cr);
    } else {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_save(cr);
        cairo_clip(cr);
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        cairo_set_line_width(cr, 0.45);
        for (double t = -h; t < w; t += 2.6) {
            cairo_move_to(cr, x + t, y + h);
            cairo_line_to(cr, x + t + h, y);
            if (cls == -2) {
                cairo_move_to(cr, x + t, y);
                cairo_line_to(cr, x + t + h, y + h);
            }
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_rectangle(cr, x, y, w, h);
    }
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    cairo_set_line_width(cr, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static int legend_entries(const rmap *m)
{
    return m->k + (m->missing > 0) + (m->secret > 0);
}

static void legend_label(const rctx *c, const rmap *m, int e, int counts,
                         char *buf, size_t n)
{
    char a[64], b[64];
    size_t cnt;

    if (e < m->k) {
        if (isinf(m->lower[e]) || (e == 0 && isnan(m->lower[e])))
            snprintf(buf, n, "\xe2\x89\xa4 %s", bs_rep_num(c, m->upper[e], m->decimals,
                                                 b, sizeof b));
        else if (strcmp(bs_rep_num(c, m->lower[e], m->decimals, a, sizeof a),
                        bs_rep_num(c, m->upper[e], m->decimals, b, sizeof b)) == 0)
            snprintf(buf, n, "%s", a);
        else
            snprintf(buf, n, "%s \xe2\x80\x93 %s", a, b);
        cnt = m->count[e];
    } else if (e == m->k && m->missing) {
        snprintf(buf, n, "%s", W(c, BS_W_NO_DATA));
        cnt = m->missing;
    } else {
        snprintf(buf, n, "%s", W(c, BS_W_TOO_SMALL_OR_SECRET));
        cnt = m->secret;
    }
    if (counts) {
        size_t l = strlen(buf);
        snprintf(buf + l, n - l, " (%zu)", cnt);
    }
}

/* Height of a legend in mm: the title (wrapped to w) and the entries in
 * cols columns. */
double bs_rep_legend_height(bs_doc *d, const rmap *m, double w, int cols,
                            int title, bs_error *err)
{
    double th = 0;
    int rows = (legend_entries(m) + cols - 1) / cols;

    if (title && m->title && *m->title &&
        bs_doc_text_size(d, w, m->title, BS_TEXT_SMALL, BS_T_BOLD, NULL, &th,
                         err) != 0)
        return -1;
    return th + (th > 0 ? 1.5 : 0) + rows * LEG_ROW;
}

/* Draws (or, measuring, only sets out) a legend; mark = an entry to set
 * in bold (the class of the area on an atlas page), -9 = none. */
int bs_rep_legend_draw(bs_doc *d, const rctx *c, const rmap *m, double x,
                       double y, double w, int cols, int title, int counts,
                       int mark, bs_error *err)
{
    int ne = legend_entries(m), rows = (ne + cols - 1) / cols;
    double colw = w / cols;
    cairo_t *cr = bs_doc_cairo(d);

    if (title && m->title && *m->title) {
        double th = bs_doc_text(d, x, y, w, m->title, BS_TEXT_SMALL, BS_T_BOLD,
                                err);
        if (th < 0)
            return -1;
        y += th + 1.5;
    }
    for (int e = 0; e < ne; e++) {
        double ex = x + (e / rows) * colw, ey = y + (e % rows) * LEG_ROW;
        int cls = e < m->k ? e : (e == m->k && m->missing) ? -1 : -2;
        char lab[160];
        legend_label(c, m, e, counts, lab, sizeof lab);
        if (cr)
            swatch(cr, m, cls, ex * MM, (ey + 0.35) * MM, 6.0 * MM, 3.3 * MM);
        if (bs_doc_text(d, ex + 7.8, ey, colw - 8.5, lab, BS_TEXT_SMALL,
                        BS_T_ONELINE | (cls == mark ? BS_T_BOLD : 0), err) < 0)
            return -1;
    }
    return 0;
}

/* The areas for a map of the whole set drawn into a frame w x h mm: simplified
 * so that no border moves by more than 0.1 mm at the scale the map gets
 * there (the frame's width, or less when its height bounds the map; the
 * renderer never draws larger). A small multiple thus writes a fraction of
 * the vertices of a page-wide map, and each border once instead of twice.
 * A set already made for a scale up to a fifth finer serves again. NULL on
 * error. */
static const bs_areas *whole_at(rctx *c, double w, double h, bs_error *err)
{
    double dx = c->wbox[2] - c->wbox[0], dy = c->wbox[3] - c->wbox[1];
    double drawn = w, tol;
    struct whole_set *slot = NULL;

    if (dx > 0 && dy > 0 && h * dx / dy < w)
        drawn = h * dx / dy;
    tol = bs_print_tolerance(dx, drawn, 0.1);   /* 0 when dx is not > 0 */
    for (size_t k = 0; k < WHOLE_SETS; k++) {
        struct whole_set *ws = &c->whole[k];
        if (ws->a && ws->tol <= tol && ws->tol >= 0.8 * tol)
            return ws->a;
        if (!slot && !ws->a)
            slot = ws;
    }
    if (!slot) {              /* all taken: the finest goes */
        slot = &c->whole[0];
        for (size_t k = 1; k < WHOLE_SETS; k++)
            if (c->whole[k].tol < slot->tol)
                slot = &c->whole[k];
        bs_areas_free(slot->a);
        slot->a = NULL;
    }
    if (bs_areas_simplify(c->s->areas, tol, &slot->a, err) != 0)
        return NULL;
    slot->tol = tol;
    return slot->a;
}

const bs_areas *bs_rep_whole_at(rctx *c, double w, double h, bs_error *err)
{
    return whole_at(c, w, h, err);
}

int bs_rep_draw_map(void *ud, cairo_t *cr, double x, double y, double w,
                    double h, bs_error *err)
{
    mapjob *mj = ud;
    rctx *c = mj->c;
    bs_map m;

    if (mj->m->k < 1)
        return 0;     /* no values at all: the legend says so */
    memset(&m, 0, sizeof m);
    m.areas = mj->areas ? mj->areas : whole_at(c, w, h, err);
    if (!m.areas)
        return -1;
    m.cls = mj->cls;
    m.k = mj->m->k;
    m.fill = mj->m->fill;
    m.lower = mj->m->lower;
    m.upper = mj->m->upper;
    m.count = mj->m->count;
    m.missing = mj->m->missing;
    m.decimals = mj->m->decimals;
    m.language = c->lang;
    m.title = c->title;
    m.legend_title = mj->m->title;
    m.source = c->s->source;
    m.date = c->date;
    m.iso_date = c->s->iso_date;
    m.paper.width_mm = 210;
    m.paper.height_mm = 297;
    m.extent = mj->extent;
    m.focus = mj->focus;
    m.nfocus = mj->nfocus;
    m.labels = mj->labels;
    m.furniture = mj->furniture;
    return bs_map_draw(cr, &m, x, y, w, h, err);
}

/* Height (mm) for a map of the whole area set w mm wide, kept between
 * lo and hi. */
double bs_rep_map_height(const rctx *c, double w, double lo, double hi)
{
    double b[4], h;

    if (bs_areas_bbox(c->s->areas, b) != 0 || !(b[2] > b[0]))
        return lo;
    h = w * (b[3] - b[1]) / (b[2] - b[0]);
    return h < lo ? lo : h > hi ? hi : h;
}

/* The strip of an indicator's normalised values, without an area's dot:
 * every area a tick (a histogram when there are many), the median a
 * longer tick. The same on every profile page. */
static void strip_ground(cairo_t *cr, const rctx *c, size_t k, double x,
                         double y, double w, double h)
{
    double lo = c->nmin[k], hi = c->nmax[k], x0 = x + 4, x1 = x + w - 4;
    double ym = y + h / 2;

#define XPOS(val) (hi > lo ? x0 + ((val) - lo) / (hi - lo) * (x1 - x0) : (x0 + x1) / 2)
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, x0, ym);
    cairo_line_to(cr, x1, ym);
    cairo_stroke(cr);
    if (c->n <= 150) {
        cairo_set_source_rgb(cr, 0.62, 0.62, 0.62);
        cairo_set_line_width(cr, 0.5);
        for (size_t a = 0; a < c->n; a++) {
            double u = c->s->norm[k][a];
            if (!isfinite(u) || c->vflag[k][a] == BS_DISC_SUPPRESSED)
                continue;
            cairo_move_to(cr, XPOS(u), ym - 2.4);
            cairo_line_to(cr, XPOS(u), ym + 2.4);
        }
        cairo_stroke(cr);
    } else {
        enum { NB = 24 };
        size_t bin[NB] = {0}, most = 1;
        for (size_t a = 0; a < c->n; a++) {
            double u = c->s->norm[k][a];
            int b;
            if (!isfinite(u) || c->vflag[k][a] == BS_DISC_SUPPRESSED)
                continue;
            b = hi > lo ? (int)((u - lo) / (hi - lo) * NB) : NB / 2;
            if (b >= NB) b = NB - 1;
            if (b < 0) b = 0;
            if (++bin[b] > most)
                most = bin[b];
        }
        /* one step outline: far less PDF than a rectangle per bin */
        cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
        cairo_move_to(cr, x0, ym + 2.5);
        for (int b = 0; b < NB; b++) {
            double top = ym + 2.5 - (bin[b] ? fmax(0.5, 5.0 * (double)bin[b] /
                                                        (double)most) : 0);
            cairo_line_to(cr, x0 + b * (x1 - x0) / NB, top);
            cairo_line_to(cr, x0 + (b + 1) * (x1 - x0) / NB, top);
        }
        cairo_line_to(cr, x1, ym + 2.5);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, XPOS(c->nmed[k]), ym - 3.6);
    cairo_line_to(cr, XPOS(c->nmed[k]), ym + 3.6);
    cairo_stroke(cr);
#undef XPOS
}

/* The ground of indicator k's strip as a form of its own, w x h pt, named
 * for cairo's PDF writer (CAIRO_MIME_TYPE_UNIQUE_ID) by indicator and size:
 * the writer keeps one XObject per name, so every profile page carries
 * only a reference to it and the dot, instead of some 150 coordinates per
 * strip. Each page records its own form, so that no surface is shared
 * with the thread that writes the pages (see typeset.h, Threads). NULL on
 * error (the caller then draws the ground itself). */
static cairo_surface_t *strip_form(const rctx *c, size_t k, double w, double h)
{
    cairo_rectangle_t ext = {0, 0, w, h};
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
                                                        &ext);
    cairo_t *rc = cairo_create(s);
    char *id = malloc(64);

    strip_ground(rc, c, k, 0, 0, w, h);
    cairo_destroy(rc);
    if (id) {
        int n = snprintf(id, 64, "buurtscan-strip-%zu-%.3f-%.3f", k, w, h);
        if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID,
                                        (unsigned char *)id, (unsigned long)n,
                                        free, id) != CAIRO_STATUS_SUCCESS)
            free(id);
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* The strip of indicator k with area i as a dot (the ground: strip_form). */
void bs_rep_strip(cairo_t *cr, rctx *c, size_t k, size_t i, double x,
                  double y, double w, double h)
{
    double lo = c->nmin[k], hi = c->nmax[k], x0 = x + 4, x1 = x + w - 4;
    double ym = y + h / 2, v = c->s->norm[k][i];
    int show = c->vflag[k][i] != BS_DISC_SUPPRESSED && isfinite(v);
    bs_colour acc = c->accent;
    cairo_surface_t *f;

    if (!isfinite(lo))
        return;
    if ((f = strip_form(c, k, w, h))) {
        cairo_save(cr);
        cairo_set_source_surface(cr, f, x, y);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(f);   /* the page keeps its own copy */
    } else {
        strip_ground(cr, c, k, x, y, w, h);
    }
#define XPOS(val) (hi > lo ? x0 + ((val) - lo) / (hi - lo) * (x1 - x0) : (x0 + x1) / 2)
    if (show) {
        cairo_arc(cr, XPOS(v), ym, 2.3, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_arc(cr, XPOS(v), ym, 1.75, 0, 2 * M_PI);
        bs_rep_colset(cr, acc);
        cairo_fill(cr);
        cairo_new_path(cr);
    }
#undef XPOS
}

/* Area i's rank interval p05-p95 on an axis of ranks 1 (left) .. nscored:
 * a bar, the median as a tick and the nominal rank as a dot. */
void bs_rep_rank_bar(cairo_t *cr, const rctx *c, size_t i, double x, double y,
                     double w, double h)
{
    const bs_unc_result *u = &c->s->unc;
    double N = (double)c->nscored, x0 = x + 4, x1 = x + w - 4, ym = y + h / 2;
    double a = u->rank_p05[i], b = u->rank_p95[i], md = u->rank_median[i];
    double r = c->s->rank[i];
    bs_colour acc = c->accent;

    if (!isfinite(a) || !isfinite(b) || N < 1)
        return;
#define RX(val) (N > 1 ? x0 + ((val) - 1) / (N - 1) * (x1 - x0) : (x0 + x1) / 2)
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, x0, ym);
    cairo_line_to(cr, x1, ym);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.6 + 0.4 * acc.r, 0.6 + 0.4 * acc.g,
                         0.6 + 0.4 * acc.b);
    cairo_rectangle(cr, RX(a) - 0.8, ym - 2.2, RX(b) - RX(a) + 1.6, 4.4);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_set_line_width(cr, 0.9);
    cairo_move_to(cr, RX(md), ym - 3.4);
    cairo_line_to(cr, RX(md), ym + 3.4);
    cairo_stroke(cr);
    if (isfinite(r)) {
        bs_rep_colset(cr, acc);
        cairo_arc(cr, RX(r), ym, 1.5, 0, 2 * M_PI);
        cairo_fill(cr);
    }
#undef RX
}

/* A bar of the accent colour filling its frame (positions in mm). */
int bs_rep_bar(void *ud, cairo_t *cr, double x, double y, double w, double h,
               bs_error *err)
{
    const rctx *c = ud;

    (void)err;
    bs_rep_colset(cr, c->accent);
    cairo_rectangle(cr, x * MM, y * MM, w * MM, h * MM);
    cairo_fill(cr);
    return 0;
}
