/* front.c: the front matter of the report: the cover, and the method with
 * every indicator, how the score is made, missing data, small areas and
 * disclosure control, the uncertainty runs and the caveat. (The contents
 * are typeset.h's.) */
#include "internal.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"

/* ---- cover ---- */

static int logo_cb(void *ud, cairo_t *cr, double x, double y, double w,
                   double h, bs_error *err)
{
    cairo_surface_t *img = ud;
    double iw = cairo_image_surface_get_width(img);
    double ih = cairo_image_surface_get_height(img);
    double s = fmin(w * MM / iw, h * MM / ih);

    (void)err;
    cairo_translate(cr, x * MM, y * MM);
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    return 0;
}

/* A line of text at x, *y (mm) when text is given; *y moves below it. */
static int cover_line(bs_doc *d, double x, double *y, double w, const char *text,
                      bs_text_kind kind, unsigned flags, double after,
                      bs_error *err)
{
    double h;

    if (!text)
        return 0;
    h = bs_doc_text(d, x, *y, w, text, kind, flags, err);
    if (h < 0)
        return -1;
    *y += h + after;
    return 0;
}

int bs_rep_cover(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    double x, top, w, y, mw = 118, mh;
    const bs_doc_style *st = bs_doc_get_style(d);
    mapjob mj;

    if (bs_doc_new_page(d, BS_PAGE_PLAIN, err) != 0 ||
        bs_doc_mark(d, 1, W(c, BS_W_COVER), 0, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    if (c->logo && bs_doc_draw_at(d, x, 22, 55, 22, logo_cb, c->logo, err) != 0)
        return -1;
    y = 92;
    if (bs_doc_draw_at(d, x, y, 28, 2.2, bs_rep_bar, c, err) != 0)
        return -1;
    y += 8;
    if (cover_line(d, x, &y, w * 0.9, c->title, BS_TEXT_TITLE, 0, 5, err) != 0 ||
        cover_line(d, x, &y, w * 0.9, s->report.subtitle, BS_TEXT_SUBTITLE,
                   BS_T_SUBTLE, 4, err) != 0)
        return -1;
    /* the areas as a quiet silhouette, right of centre */
    mh = 236 - 10 - (y + 6);
    memset(&mj, 0, sizeof mj);
    mj.c = c;
    mj.m = &c->plain;
    mj.cls = c->plain.cls;
    if (mh > 40 &&
        bs_doc_draw_at(d, x + w - mw, y + 6, mw, mh, bs_rep_draw_map, &mj, err) != 0)
        return -1;
    y = 236;
    if (cover_line(d, x, &y, w, s->report.gemeente, BS_TEXT_BODY, BS_T_BOLD, 0,
                   err) != 0 ||
        cover_line(d, x, &y, w, c->date, BS_TEXT_BODY, 0, 0, err) != 0 ||
        cover_line(d, x, &y, w, s->report.author, BS_TEXT_BODY, 0, 0, err) != 0)
        return -1;
    if (s->source) {
        double sh;
        if (bs_doc_text_size(d, w, s->source, BS_TEXT_SMALL, 0, NULL, &sh,
                             err) != 0)
            return -1;
        if (bs_doc_text(d, x, st->page_height - st->margin_bottom - sh, w,
                        s->source, BS_TEXT_SMALL, BS_T_SUBTLE, err) < 0)
            return -1;
    }
    return 0;
}

/* ---- method and sources ---- */

static void method_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const rctx *c = ud;
    const bs_scan_indicator *in = &c->ind[r];

    switch (col) {
    case 0: o->text = bs_rep_label_unit(in, o->buf, sizeof o->buf); break;
    case 1: o->text = W(c, in->direction < 0 ? BS_W_DIR_LOW : BS_W_DIR_HIGH); break;
    case 2: o->text = bs_rep_num(c, in->weight, in->weight == floor(in->weight)
                                 ? 0 : 2, o->buf, sizeof o->buf); break;
    case 3: o->text = bs_rep_norm(c, in->norm); break;
    case 4: o->text = in->source; break;
    case 5: o->text = in->year; break;
    }
}

static const char *agg_text(const rctx *c, bs_agg_spec a, char *buf, size_t n)
{
    char p[64];

    switch (a.method) {
    case BS_AGG_MEAN: return W(c, BS_W_AGG_MEAN);
    case BS_AGG_GEOMETRIC: return W(c, BS_W_AGG_GEOMETRIC);
    case BS_AGG_HARMONIC: return W(c, BS_W_AGG_HARMONIC);
    case BS_AGG_POWER:
        snprintf(buf, n, "%s (p = %s)", W(c, BS_W_AGG_POWER),
                 bs_rep_num(c, a.p, 1, p, sizeof p));
        return buf;
    }
    return "?";
}

/* The table of indicators and their definitions. */
static int method_indicators(bs_doc *d, rctx *c, bs_error *err)
{
    bs_doc_column cols[6] = {
        {W(c, BS_W_INDICATOR), 44, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_DIRECTION), 25, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_WEIGHT), 15, BS_ALIGN_RIGHT, 0, 0},
        {W(c, BS_W_NORMALISATION), 24, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_SOURCE), 0, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_YEAR), 11, BS_ALIGN_RIGHT, 0, 0}};
    bs_doc_table tb;
    size_t k;
    int any_def = 0, any_year = 0;

    if (bs_doc_heading(d, 2, W(c, BS_W_H_INDICATORS), 30, err) != 0)
        return -1;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    for (k = 0; k < c->nind; k++) {
        any_year |= c->ind[k].year != NULL;
        any_def |= c->ind[k].definition != NULL;
    }
    tb.ncols = any_year ? 6 : 5;
    tb.nrows = c->nind;
    tb.cell = method_cell;
    tb.ud = c;
    tb.zebra = 1;
    if (bs_doc_table_run(d, &tb, err) != 0)
        return -1;
    if (!any_def)
        return 0;
    if (bs_doc_heading(d, 2, W(c, BS_W_H_DEFINITIONS), 15, err) != 0)
        return -1;
    for (k = 0; k < c->nind; k++) {
        char *l, *t, *s;
        int rc;
        if (!c->ind[k].definition)
            continue;
        l = g_markup_escape_text(c->ind[k].label, -1);
        t = g_markup_escape_text(c->ind[k].definition, -1);
        s = bs_text_printf("<b>%s.</b> %s", l, t);
        g_free(l);
        g_free(t);
        if (!s)
            return bs_error_set(err, "report: out of memory");
        rc = bs_doc_paragraph(d, s, BS_TEXT_BODY, BS_T_MARKUP, err);
        free(s);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* How the score is made, and what rank and decile mean. */
static int method_score(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    char buf[128];

    if (bs_doc_heading(d, 2, W(c, BS_W_H_HOW_SCORE), 20, err) != 0 ||
        bs_rep_paraf(d, 0, err, W(c, BS_W_M_SCORE), c->area1,
                     agg_text(c, s->rules.aggregate, buf, sizeof buf),
                     s->ndom ? W(c, BS_W_M_DOMAINS) : "") != 0 ||
        bs_rep_paraf(d, 0, err, W(c, BS_W_M_RANK), c->areas, c->areas,
                     c->nscored, c->n, c->areas) != 0)
        return -1;
    return 0;
}

/* Missing data, small areas and disclosure control, as bullets. */
static int method_missing(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    const bs_disc_settings *disc = &s->report.disc;
    char *items[6], a[64], b[64], e[64];
    size_t ni = 0, ncov = 0, nsmall = 0, nimp = 0;

    if (bs_doc_heading(d, 2, W(c, BS_W_H_MISSING), 25, err) != 0)
        return -1;
    for (size_t i = 0; i < c->n; i++) {
        ncov += s->status[i] == BS_STATUS_COVERAGE;
        nsmall += s->status[i] == BS_STATUS_SMALL;
    }
    for (size_t k = 0; k < c->nind; k++)
        nimp += c->ind[k].nimputed;
    items[ni++] = bs_text_printf(W(c, BS_W_M_COVERAGE), c->area1,
                                 bs_rep_pct(c, s->rules.min_coverage, a, sizeof a),
                                 ncov, ncov == 1 ? c->area1 : c->areas,
                                 W(c, ncov == 1 ? BS_W_HAS : BS_W_HAVE));
    if (s->rules.min_population >= 0)
        items[ni++] = bs_text_printf(W(c, BS_W_M_SMALL), c->Areas,
                                     bs_rep_num(c, s->rules.min_population, 0, b,
                                                sizeof b), nsmall);
    if (nimp)
        items[ni++] = bs_text_printf(W(c, BS_W_M_IMPUTED), nimp);
    items[ni++] = bs_text_printf(W(c, BS_W_M_DISCLOSURE),
                                 bs_rep_num(c, disc->min_count, 0, a, sizeof a),
                                 bs_rep_num(c, disc->round_base, 0, b, sizeof b),
                                 bs_rep_num(c, disc->min_denominator, 0, e,
                                            sizeof e));
    items[ni++] = bs_text_dup(W(c, BS_W_M_SECONDARY));
    items[ni++] = bs_text_dup(W(c, BS_W_M_POINT));
    return bs_rep_bullets(d, items, ni, 0, err);
}

/* The uncertainty runs: how they vary the score, what the interval is. */
static int method_uncertainty(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    char nl[256] = "", a[64], b[64], e[64];
    size_t used = 0, top = s->unc_rules.top;

    for (size_t q = 0; q < s->unc_rules.nnormalise && used < sizeof nl; q++)
        used += (size_t)snprintf(nl + used, sizeof nl - used, "%s%s",
                                 q ? ", " : "",
                                 bs_rep_norm(c, s->unc_rules.normalise[q]));
    if (bs_doc_heading(d, 2, W(c, BS_W_H_UNCERTAINTY), 25, err) != 0 ||
        bs_rep_paraf(d, 0, err, W(c, BS_W_M_UNCERTAINTY),
                     bs_rep_num(c, (double)s->unc_rules.runs, 0, a, sizeof a),
                     bs_rep_num(c, 1 - s->unc_rules.weights, 2, b, sizeof b),
                     bs_rep_num(c, 1 + s->unc_rules.weights, 2, e, sizeof e), nl,
                     (unsigned long long)s->unc_rules.seed) != 0)
        return -1;
    if (top && bs_rep_paraf(d, 0, err, W(c, BS_W_M_TOP_CHANCE), top, c->area1,
                            top) != 0)
        return -1;
    return 0;
}

/* issue 12: the plausibility findings, a short list (checks.csv has all). */
static int method_checks(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_check_list *l = c->s->checks;
    char *items[10];
    size_t n, i;

    if (!l || l->n == 0)
        return 0;
    n = l->n < 10 ? l->n : 10;
    for (i = 0; i < n; i++)
        items[i] = bs_text_printf("%s%s%s: %s", l->row[i].check,
                                  l->row[i].key ? ", " : "",
                                  l->row[i].key ? l->row[i].key : "",
                                  l->row[i].message);
    if (bs_doc_heading(d, 2, W(c, BS_W_H_CHECKS), 25, err) != 0 ||
        bs_rep_paraf(d, 0, err, W(c, BS_W_M_CHECKS), n, l->n) != 0) {
        for (i = 0; i < n; i++)
            free(items[i]);
        return -1;
    }
    return bs_rep_bullets(d, items, n, 0, err);
}

int bs_rep_method(bs_doc *d, rctx *c, bs_error *err)
{
    if (bs_rep_section_start(d, c, BS_SEC_METHOD, err) != 0 ||
        method_indicators(d, c, err) != 0 || method_score(d, c, err) != 0 ||
        method_missing(d, c, err) != 0)
        return -1;
    if (c->s->has_unc && method_uncertainty(d, c, err) != 0)
        return -1;
    if (method_checks(d, c, err) != 0)
        return -1;
    if (c->t->caveat && bs_doc_callout(d, c->t->caveat_title, c->t->caveat, 0,
                                       err) != 0)
        return -1;
    return 0;
}
