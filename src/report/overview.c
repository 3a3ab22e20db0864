/* overview.c: the maps and the ranking of the report: the overview map of
 * the score, all areas by rank (with the rank interval of the uncertainty
 * runs as a bar), and a small map of every indicator, six to a page. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- overview map ---- */

int bs_rep_overview(bs_doc *d, rctx *c, bs_error *err)
{
    double x, w, h, lh;
    mapjob mj;

    if (bs_rep_section_start(d, c, BS_SEC_OVERVIEW, err) != 0)
        return -1;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    lh = bs_rep_legend_height(d, &c->score, w / 2, 1, 1, err);
    if (lh < 0)
        return -1;
    bs_doc_skip(d, 3);
    h = bs_rep_map_height(c, w, 90, bs_doc_room(d) - lh - 14);
    memset(&mj, 0, sizeof mj);
    mj.c = c;
    mj.m = &c->score;
    mj.cls = c->score.cls;
    mj.furniture = BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW;
    if (bs_doc_block(d, h, bs_rep_draw_map, &mj, err) != 0)
        return -1;
    bs_doc_skip(d, 4);
    if (bs_doc_need(d, lh, err) != 0 ||
        bs_rep_legend_draw(d, c, &c->score, x, bs_doc_y(d), w / 2, 1, 1, 1, -9,
                           err) != 0)
        return -1;
    bs_doc_set_y(d, bs_doc_y(d) + lh + 3);
    return bs_rep_source(d, c, err);
}

/* ---- ranking ---- */

static void rank_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const rctx *c = ud;
    const bs_scan *s = c->s;
    size_t i = c->order[r];

    switch (col) {
    case 0:
        if (isfinite(s->rank[i]))
            o->text = bs_rep_rank(c, s->rank[i], o->buf, sizeof o->buf);
        break;
    case 1: o->text = s->key[i]; break;
    case 2: o->text = s->name[i]; break;
    case 3:
        if (isfinite(s->score[i])) {
            o->text = bs_rep_num(c, s->score[i], 2, o->buf, sizeof o->buf);
        } else {
            o->text = "\xe2\x80\x94";
            o->note_symbol = "\xe2\x80\x94";
            o->note_text = bs_rep_status(c, s->status[i]);
        }
        break;
    case 4:
        if (isfinite(s->decile[i]))
            o->text = bs_rep_num(c, s->decile[i], 0, o->buf, sizeof o->buf);
        break;
    case 6:
        if (s->has_unc && isfinite(s->unc.rank_p05[i])) {
            char a[48], b[48];
            bs_rep_num(c, s->unc.rank_p05[i], 0, a, sizeof a);
            bs_rep_num(c, s->unc.rank_p95[i], 0, b, sizeof b);
            if (strcmp(a, b) == 0)
                snprintf(o->buf, sizeof o->buf, "%s", a);
            else
                snprintf(o->buf, sizeof o->buf, "%s\xe2\x80\x93%s", a, b);
            o->text = o->buf;
        }
        break;
    case 7:
        if (s->has_unc && isfinite(s->unc.p_top[i]))
            o->text = bs_rep_pct(c, s->unc.p_top[i], o->buf, sizeof o->buf);
        break;
    }
}

static int rank_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                     double y, double w, double h, bs_error *err)
{
    const rctx *c = ud;

    (void)col;
    (void)err;
    bs_rep_rank_bar(cr, c, c->order[r], x, y, w, h);
    return 0;
}

int bs_rep_ranking(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    char top[64], cap[160];
    bs_doc_column cols[8] = {
        {W(c, BS_W_RANK), 12, BS_ALIGN_RIGHT, 0, 0},
        {W(c, BS_W_CODE), 20, BS_ALIGN_LEFT, 0, 0},
        {c->Area1, 0, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_SCORE), 16, BS_ALIGN_RIGHT, 0, 0},
        {W(c, BS_W_DECILE), 14, BS_ALIGN_RIGHT, 0, 0},
        {W(c, BS_W_RANK_UNCERTAIN), 40, BS_ALIGN_CENTRE, 1, 0},
        {W(c, BS_W_P5_P95), 15, BS_ALIGN_RIGHT, 0, 0},
        {top, 16, BS_ALIGN_RIGHT, 0, 0}};
    bs_doc_table tb;

    snprintf(top, sizeof top, W(c, BS_W_R_CHANCE_TOP_N), s->unc_rules.top);
    if (bs_rep_section_start(d, c, BS_SEC_RANKING, err) != 0)
        return -1;
    if (s->has_unc &&
        bs_rep_paraf(d, 0, err, W(c, BS_W_R_BAR),
                     bs_rep_num(c, (double)s->unc_rules.runs, 0, cap, sizeof cap),
                     c->nscored) != 0)
        return -1;
    snprintf(cap, sizeof cap, W(c, BS_W_R_CAPTION), c->Areas);
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = !s->has_unc ? 5 : s->unc_rules.top ? 8 : 7;
    tb.nrows = c->n;
    tb.caption = cap;
    tb.zebra = 1;
    tb.cell = rank_cell;
    tb.draw = rank_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

/* ---- indicator maps ---- */

/* One row of two indicator maps, from k, at the top of the row y. */
static int map_row(bs_doc *d, rctx *c, size_t k, double x, double y, double pw,
                   double gap, double th, double mh, double aspect, bs_error *err)
{
    for (size_t q = k; q < k + 2 && q < c->nind; q++) {
        double px = x + (double)(q - k) * (pw + gap);
        mapjob mj;
        memset(&mj, 0, sizeof mj);
        mj.c = c;
        mj.m = &c->imap[q];
        mj.cls = c->imap[q].cls;
        if (bs_doc_text(d, px, y, pw, c->imap[q].title, BS_TEXT_SMALL,
                        BS_T_BOLD, err) < 0 ||
            bs_doc_draw_at(d, px, y + th + 1.5, fmin(pw, mh * aspect), mh,
                           bs_rep_draw_map, &mj, err) != 0 ||
            bs_rep_legend_draw(d, c, &c->imap[q], px, y + th + 1.5 + mh + 2, pw,
                               2, 0, 1, -9, err) != 0)
            return -1;
    }
    return 0;
}

int bs_rep_indicators(bs_doc *d, rctx *c, bs_error *err)
{
    double x, w, gap = 8, pw, mh, lh = 0, th = 0, ph, aspect, b[4], sh = 0, fit;
    size_t k;

    if (!c->nind)
        return 0;
    if (bs_rep_section_start(d, c, BS_SEC_INDICATORS, err) != 0)
        return -1;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    pw = (w - gap) / 2;
    mh = bs_rep_map_height(c, pw, 42, 62);
    aspect = bs_areas_bbox(c->s->areas, b) == 0 && b[3] > b[1]
                 ? (b[2] - b[0]) / (b[3] - b[1]) : 1.0;
    /* one panel height for all: the tallest title and legend */
    for (k = 0; k < c->nind; k++) {
        double h1 = bs_rep_legend_height(d, &c->imap[k], pw, 2, 0, err), h2;
        if (h1 < 0 || bs_doc_text_size(d, pw, c->imap[k].title, BS_TEXT_SMALL,
                                       BS_T_BOLD, NULL, &h2, err) != 0)
            return -1;
        if (h1 > lh) lh = h1;
        if (h2 > th) th = h2;
    }
    /* three rows of panels (six maps) on a page, the first one included */
    if (c->s->source && bs_doc_text_size(d, w, c->s->source, BS_TEXT_SMALL, 0,
                                         NULL, &sh, err) != 0)
        return -1;
    fit = (bs_doc_room(d) - sh - 4 - 2 * 7) / 3 - th - 3.5 - lh;
    mh = fmin(mh, fmax(30, fit));
    ph = th + 1.5 + mh + 2 + lh;
    for (k = 0; k < c->nind; k += 2) {
        double y;
        if (bs_doc_need(d, ph, err) != 0)
            return -1;
        y = bs_doc_y(d);
        if (map_row(d, c, k, x, y, pw, gap, th, mh, aspect, err) != 0)
            return -1;
        bs_doc_set_y(d, y + ph + (k + 2 < c->nind ? 7 : 3));
    }
    return bs_rep_source(d, c, err);
}
