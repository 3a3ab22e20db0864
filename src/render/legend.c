/* legend.c: a map's legend: title, one row per class (swatch, range, count
 * in parentheses in a right-aligned column), the hatched "geen gegevens"
 * row, the cross-hatched "te klein of geheim" row when such areas exist,
 * then the point symbols with their counts. */
#include "mapint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/number.h"

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
    bs_map_set_colour(cr, st->outline_colour);
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

enum { ROW_CLASS, ROW_NODATA, ROW_SECRET, ROW_POINT };

typedef struct lrow {
    int kind;
    int idx;                  /* class or point style */
    char lab[160], cnt[72];
} lrow;

/* The rows of m's legend (malloc'd, *nrows of them; NULL when out of
 * memory): the classes, "geen gegevens", "te klein of geheim" when such
 * areas exist, and the listed point styles from *pstart on (*npts). */
static lrow *legend_rows(const bs_map *m, const bs_style *st, int counts,
                         int *nrows, int *pstart, int *npts)
{
    const bs_points *pts = m->points;
    size_t nsecret = count_class(m, -2);
    int rows, i;
    char num[64];
    lrow *row;

    *npts = 0;
    for (int s = 0; pts && s < pts->nstyles; s++)
        *npts += pts->style[s].label != NULL;
    rows = m->k + 1 + (nsecret > 0) + *npts;
    *pstart = m->k + 1 + (nsecret > 0);
    *nrows = rows;
    row = calloc((size_t)rows, sizeof *row);
    if (!row)
        return NULL;
    for (i = 0; i < m->k; i++) {
        row[i].kind = ROW_CLASS;
        row[i].idx = i;
        format_range(m, i, row[i].lab, sizeof row[i].lab);
        snprintf(row[i].cnt, sizeof row[i].cnt, "(%s)",
                 bs_format_number((double)m->count[i], 0, m->language, num, sizeof num));
    }
    row[i].kind = ROW_NODATA;
    snprintf(row[i].lab, sizeof row[i].lab, "%s", st->nodata_text[0] ? st->nodata_text
             : bs_map_is_en(m->language) ? "no data" : "geen gegevens");
    snprintf(row[i].cnt, sizeof row[i].cnt, "(%s)",
             bs_format_number((double)m->missing, 0, m->language, num, sizeof num));
    i++;
    if (nsecret > 0) {
        row[i].kind = ROW_SECRET;
        snprintf(row[i].lab, sizeof row[i].lab, "%s", st->secret_text[0] ? st->secret_text
                 : bs_map_is_en(m->language) ? "too small or confidential"
                                             : "te klein of geheim");
        snprintf(row[i].cnt, sizeof row[i].cnt, "(%s)",
                 bs_format_number((double)nsecret, 0, m->language, num, sizeof num));
        i++;
    }
    for (int s = 0; pts && s < pts->nstyles; s++) {
        size_t n = 0;
        if (!pts->style[s].label)
            continue;
        for (size_t p = 0; p < pts->n; p++)
            n += pts->kind[p] == s;
        row[i].kind = ROW_POINT;
        row[i].idx = s;
        snprintf(row[i].lab, sizeof row[i].lab, "%s", pts->style[s].label);
        snprintf(row[i].cnt, sizeof row[i].cnt, "(%s)",
                 bs_format_number((double)n, 0, m->language, num, sizeof num));
        i++;
    }
    if (!counts)
        for (i = 0; i < rows; i++)
            row[i].cnt[0] = '\0';
    return row;
}

/* The legend's geometry (pt): where it starts, its columns and rows, and
 * the type size its labels fit at. */
typedef struct lgeom {
    int nrows, pstart, npts;  /* as legend_rows */
    int title_lines;
    int ncol, per_col;
    double lw, cw;            /* legend and column width */
    double x, y;              /* left edge; top of the title */
    double title_h;           /* title and the gap under it; 0 = no title */
    double sw, sh, pitch;     /* swatch, row pitch */
    double xgap, cgap, colgap, nd_gap;
    double size, labw, cntw;  /* label size; label and count column widths */
} lgeom;

/* Places the legend: beside the map it moves up when it does not fit
 * below the frame's top; below the map it flows into two columns; then the
 * pitch is squeezed (the swatch kept) and the labels shrink (not below the
 * minimum size) until label and count columns fit beside the swatches;
 * beyond that, labels are shortened when drawn. */
static void legend_fit(bs_rtext *t, const bs_map *m, const bs_style *st, double f,
                       const bs_map_legend_spec *ls, const lrow *row, lgeom *g)
{
    int ngap = 1 + (g->npts > 0), rows = g->nrows, i;
    double avail, need;

    g->ncol = 1;
    g->title_lines = ls->beside ? 4 : 2;
    g->lw = MM(ls->w);
    g->sw = MM(SWATCH_W * f);
    g->sh = MM(SWATCH_H * f);
    g->pitch = MM(ROW_PITCH * f);
    g->xgap = MM(2.5 * f);
    g->cgap = ls->counts ? MM(2.5 * f) : 0;
    g->colgap = MM(6.0 * f);
    g->nd_gap = MM(1.2 * f);
    g->size = st->legend_size * f;
    g->title_h = 0;
    if (m->legend_title && *m->legend_title) {
        bs_rtext_set(t, m->legend_title, st->legend_title_size * f, 1, g->lw,
                     g->title_lines);
        g->title_h = bs_rtext_height(t) + MM(2.2 * f);
    }
    need = g->title_h + rows * g->pitch + ngap * g->nd_gap;
    if (ls->beside) {
        avail = MM(ls->ry1) - MM(ls->y);
        g->y = need <= avail ? MM(ls->y) : fmax(MM(ls->ry0), MM(ls->ry1) - need);
        avail = MM(ls->ry1) - g->y;
    } else {
        g->y = MM(ls->y);
        avail = MM(ls->h);
        if (need > avail + 1e-6)
            g->ncol = 2;
    }
    g->per_col = (rows + g->ncol - 1) / g->ncol;
    need = g->title_h + g->per_col * g->pitch + (g->ncol == 1 ? ngap * g->nd_gap : 0);
    if (need > avail) {   /* squeeze the pitch, keep the swatch */
        g->pitch = fmax(g->sh + MM(0.4 * f),
                        (avail - g->title_h - ngap * g->nd_gap) / g->per_col);
        g->sh = fmin(g->sh, g->pitch - MM(0.4 * f));
    }
    g->cw = (g->lw - (g->ncol - 1) * g->colgap) / g->ncol;
    g->x = MM(ls->x);

    for (;;) {
        g->labw = g->cntw = 0;
        for (i = 0; i < rows; i++) {
            bs_rtext_set(t, row[i].lab, g->size, 0, 0, 0);
            g->labw = fmax(g->labw, bs_rtext_width(t));
            bs_rtext_set(t, row[i].cnt, g->size, 0, 0, 0);
            g->cntw = fmax(g->cntw, bs_rtext_width(t));
        }
        if (g->sw + g->xgap + g->labw + g->cgap + g->cntw <= g->cw ||
            g->size <= st->min_size * f + 1e-9)
            break;
        g->size = fmax(st->min_size * f, g->size - 0.5 * f);
    }
    g->labw = fmin(g->labw, g->cw - g->sw - g->xgap - g->cgap - g->cntw);
}

/* One row's swatch (or symbol), label and count with its top left at rx,
 * ry (pt). */
static void legend_row(cairo_t *cr, bs_rtext *t, const bs_map *m,
                       const bs_style *st, double f, int counts, const lgeom *g,
                       const lrow *r, double rx, double ry)
{
    double sw = g->sw, sh = g->sh;

    switch (r->kind) {
    case ROW_CLASS:
        cairo_rectangle(cr, rx, ry, sw, sh);
        bs_map_set_colour(cr, bs_map_from_rgb(m->fill[r->idx]));
        cairo_fill(cr);
        swatch_outline(cr, st, rx, ry, sw, sh, f);
        break;
    case ROW_NODATA:
    case ROW_SECRET:
        cairo_rectangle(cr, rx, ry, sw, sh);
        bs_map_fill_hatch(cr, st, f, r->kind == ROW_SECRET, st->hatch_colour);
        swatch_outline(cr, st, rx, ry, sw, sh, f);
        break;
    default:
        bs_map_draw_symbol(cr, &m->points->style[r->idx], rx + sw / 2, ry + sh / 2, f);
        break;
    }
    bs_rtext_set(t, r->lab, g->size, 0, g->labw + 0.5, 1);
    bs_rtext_show(t, rx + sw + g->xgap, ry + (sh - bs_rtext_height(t)) / 2,
                  st->text_colour);
    if (counts) {
        bs_rtext_set(t, r->cnt, g->size, 0, 0, 0);
        bs_rtext_show(t, rx + sw + g->xgap + g->labw + g->cgap + g->cntw -
                      bs_rtext_width(t), ry + (sh - bs_rtext_height(t)) / 2,
                      st->subtle_colour);
    }
}

int bs_map_draw_legend(cairo_t *cr, bs_rtext *t, const bs_map *m,
                       const bs_style *st, double f, const bs_map_legend_spec *ls,
                       int dry, double *bottom, bs_error *err)
{
    lgeom g;
    lrow *row;
    double y, end = 0;

    memset(&g, 0, sizeof g);
    row = legend_rows(m, st, ls->counts, &g.nrows, &g.pstart, &g.npts);
    if (!row)
        return bs_error_set(err, "map legend: out of memory");
    legend_fit(t, m, st, f, ls, row, &g);
    y = g.y;
    if (g.title_h > 0) {
        if (!dry) {
            bs_rtext_set(t, m->legend_title, st->legend_title_size * f, 1, g.lw,
                         g.title_lines);
            bs_rtext_balance(t, g.lw);
            bs_rtext_show(t, g.x, y, st->text_colour);
        }
        y += g.title_h;
    }
    for (int i = 0; i < g.nrows; i++) {
        int col = i / g.per_col, r = i % g.per_col;
        double rx = g.x + col * (g.cw + g.colgap), ry = y + r * g.pitch;

        /* a small gap before the no-data group and before the symbols */
        if (i >= m->k && m->k / g.per_col == col && m->k % g.per_col > 0)
            ry += g.nd_gap;
        if (g.npts && i >= g.pstart && g.pstart / g.per_col == col &&
            g.pstart % g.per_col > 0)
            ry += g.nd_gap;
        end = fmax(end, ry + g.pitch);
        if (!dry)
            legend_row(cr, t, m, st, f, ls->counts, &g, &row[i], rx, ry);
    }
    if (bottom)
        *bottom = end / PT_PER_MM;
    free(row);
    return 0;
}

double bs_map_legend_height_below(bs_rtext *t, const bs_map *m, const bs_style *st,
                                  double f, double w)
{
    int rows = m->k + 1 + (count_class(m, -2) > 0), ncol = w >= 90 * f ? 2 : 1;
    double title = 0;

    for (int s = 0; m->points && s < m->points->nstyles; s++)
        rows += m->points->style[s].label != NULL;
    if (m->legend_title && *m->legend_title) {
        bs_rtext_set(t, m->legend_title, st->legend_title_size * f, 1, MM(w), 2);
        title = bs_rtext_height(t) / PT_PER_MM + 2.2 * f;
    }
    return title + ((rows + ncol - 1) / ncol) * ROW_PITCH * f + (ncol == 1 ? 2.4 * f : 0);
}
