/* profiles.c: the area pages (atlas): a page on how to read a profile,
 * then a page per area: its map zoomed in with the neighbours faded, its
 * key figures, a table of every indicator with the area's place among all
 * areas, the social base, and the three questions of the scan with the
 * notes (questions.c). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"
#include "buurtscan/topology.h"

#define NAMES_MAP_MAX 60      /* areas up to which the profiles section
                                 opens with a map of their names */
#define CONTENTS_AREAS_MAX 150 /* areas up to which the contents list every
                                 profile (the outline always does) */
#define ATLAS_LABELS_MAX 500  /* areas up to which profile maps name the
                                 neighbours; the map renderer sets labels as
                                 glyph outlines, which would double the
                                 file of a national atlas */

/* ---- the map ---- */

/* The areas whose box meets ext, clipped to ext with a small margin
 * (c->win, reused from page to page), with their classes and labels, so
 * that an atlas map draws only what it shows. The focus area's index
 * among them goes to *sub_focus. */
static int cull(rctx *c, const double ext[4], size_t focus, size_t *sub_focus,
                bs_error *err)
{
    double box[4], mx = 0.03 * (ext[2] - ext[0]), my = 0.03 * (ext[3] - ext[1]);
    const bs_areas *sub = &c->win.sub;

    box[0] = ext[0] - mx;
    box[1] = ext[1] - my;
    box[2] = ext[2] + mx;
    box[3] = ext[3] + my;
    if (bs_window_cut(&c->win, c->s->areas, c->bbox, box, err) != 0)
        return -1;
    if (sub->n + 1 > c->cap_sub) {
        size_t cap = 2 * (sub->n + 1);
        int *cl = realloc(c->sub_cls, cap * sizeof *cl);
        const char **lb = cl ? realloc(c->sub_labels, cap * sizeof *lb) : NULL;
        if (cl)
            c->sub_cls = cl;
        if (!lb)
            return bs_error_set(err, "report: out of memory");
        c->sub_labels = lb;
        c->cap_sub = cap;
    }
    for (size_t k = 0; k < sub->n; k++) {
        size_t i = c->win.of[k];
        c->sub_cls[k] = c->score.cls[i];
        c->sub_labels[k] = i == focus ? NULL : c->s->name[i];
        if (i == focus)
            *sub_focus = k;
    }
    return 0;
}

/* Area i's map, mw x mh mm at x, y, zoomed to it with its neighbours. */
static int profile_map(bs_doc *d, rctx *c, size_t i, double x, double y,
                       double mw, double mh, bs_error *err)
{
    double *b = &c->bbox[4 * i], ext[4], dx = b[2] - b[0], dy = b[3] - b[1];
    double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2, asp = mw / mh;
    size_t focus = 0;
    mapjob mj;

    if (isnan(b[0]))
        return 0;             /* no geometry */
    dx = fmax(dx, 1.0) * 1.3;
    dy = fmax(dy, 1.0) * 1.3;
    if (dx / dy < asp)
        dx = dy * asp;
    else
        dy = dx / asp;
    ext[0] = cx - dx / 2;
    ext[1] = cy - dy / 2;
    ext[2] = cx + dx / 2;
    ext[3] = cy + dy / 2;
    /* The areas in view, clipped to it, then simplified to 0.1 mm at this
     * map's scale (a rural wijk shows far less detail than the file holds)
     * and cut into arcs, so that each border is stroked once, not once
     * from either side: fewer outline points for the PDF writer to print
     * on every page. With labels nothing is dropped (tolerance 0 removes
     * only points on a straight line), so that they are placed as on the
     * full geometry. */
    if (!bs_doc_measuring(d)) {
        bs_areas_free(c->page);
        c->page = NULL;
        if (cull(c, ext, i, &focus, err) != 0 ||
            bs_areas_simplify(&c->win.sub, c->n <= ATLAS_LABELS_MAX ? 0
                              : bs_print_tolerance(dx, mw, 0.1),
                              &c->page, err) != 0)
            return -1;
    }
    memset(&mj, 0, sizeof mj);
    mj.c = c;
    mj.m = &c->score;
    mj.areas = c->page ? c->page : &c->win.sub;
    mj.cls = c->sub_cls;
    mj.extent = ext;
    mj.focus = &focus;
    mj.nfocus = 1;
    mj.labels = c->n <= ATLAS_LABELS_MAX ? c->sub_labels : NULL;
    mj.furniture = BS_MAP_SCALE_BAR;
    return bs_doc_draw_at(d, x, y, mw, mh, bs_rep_draw_map, &mj, err);
}

/* ---- key figures ---- */

typedef struct rankbar_job {
    const rctx *c;
    size_t i;
} rankbar_job;

static int rankbar_cb(void *ud, cairo_t *cr, double x, double y, double w,
                      double h, bs_error *err)
{
    const rankbar_job *rb = ud;

    (void)err;
    bs_rep_rank_bar(cr, rb->c, rb->i, x * MM, y * MM, w * MM, h * MM);
    return 0;
}

#define LINE(text, kind, flags, after)                                        \
    do {                                                                      \
        h = bs_doc_text(d, x, y, w, (text), (kind), (flags), err);           \
        if (h < 0)                                                            \
            return -1;                                                        \
        y += h + (after);                                                     \
    } while (0)

/* The rank interval of area i, from y; returns the bottom. */
static double key_interval(bs_doc *d, rctx *c, size_t i, double x, double y,
                           double w, bs_error *err)
{
    const bs_scan *s = c->s;
    char buf[256], a[64], b[64], e[64];
    rankbar_job rb = {c, i};
    double h;

    LINE(W(c, BS_W_RANK_UNCERTAIN), BS_TEXT_SMALL, BS_T_SUBTLE, 0.5);
    if (bs_doc_draw_at(d, x - 1.4, y, w + 2.8, 5, rankbar_cb, &rb, err) != 0)
        return -1;
    y += 5.5;
    snprintf(buf, sizeof buf, W(c, BS_W_P_INTERVAL),
             bs_rep_num(c, s->unc.rank_p05[i], 0, a, sizeof a),
             bs_rep_num(c, s->unc.rank_p95[i], 0, b, sizeof b),
             bs_rep_num(c, s->unc.rank_median[i], 0, e, sizeof e));
    LINE(buf, BS_TEXT_SMALL, 0, 1.5);
    if (s->unc_rules.top && isfinite(s->unc.p_top[i])) {
        snprintf(buf, sizeof buf, W(c, BS_W_P_CHANCE_TOP), s->unc_rules.top,
                 bs_rep_pct(c, s->unc.p_top[i], a, sizeof a));
        LINE(buf, BS_TEXT_BODY, 0, 2.5);
    }
    return y;
}

/* Key figures of area i in the column x, y, w (mm); returns the bottom. */
static double key_figures(bs_doc *d, rctx *c, size_t i, double x, double y,
                          double w, bs_error *err)
{
    const bs_scan *s = c->s;
    char buf[256], a[64], b[64];
    double h;

    LINE(W(c, BS_W_SCORE), BS_TEXT_SMALL, BS_T_SUBTLE, 0.3);
    if (isfinite(s->score[i])) {
        LINE(bs_rep_num(c, s->score[i], 2, buf, sizeof buf), BS_TEXT_H1,
             BS_T_ACCENT, 0.8);
        snprintf(buf, sizeof buf, W(c, BS_W_P_RANK_OF),
                 bs_rep_rank(c, s->rank[i], a, sizeof a), c->nscored,
                 bs_rep_num(c, s->decile[i], 0, b, sizeof b));
        LINE(buf, BS_TEXT_BODY, 0, 2.5);
    } else {
        LINE(bs_rep_status(c, s->status[i]), BS_TEXT_BODY, BS_T_BOLD, 2.5);
    }
    if (s->has_unc && isfinite(s->unc.rank_p05[i]) &&
        (y = key_interval(d, c, i, x, y, w, err)) < 0)
        return -1;
    if (isfinite(s->coverage[i])) {
        snprintf(buf, sizeof buf, W(c, BS_W_P_COVERAGE),
                 bs_rep_pct(c, s->coverage[i], a, sizeof a));
        LINE(buf, BS_TEXT_SMALL, BS_T_SUBTLE, 0);
    }
    return y;
}

#undef LINE

/* ---- the tables ---- */

enum { PC_LABEL, PC_AREA, PC_MUNI, PC_NAT, PC_NORM, PC_STRIP };

typedef struct profile {
    rctx *c;
    size_t i;                 /* the area */
    int kind[6];              /* PC_* per table column */
} profile;

static void profile_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const profile *pf = ud;
    const rctx *c = pf->c;
    double v;

    switch (pf->kind[col]) {
    case PC_LABEL:
        o->text = bs_rep_label_unit(&c->ind[r], o->buf, sizeof o->buf);
        break;
    case PC_AREA:
        bs_rep_value_cell(c, r, pf->i, o);
        o->bold = 1;
        break;
    case PC_MUNI:
        bs_rep_muni_cell(c, r, o);
        break;
    case PC_NAT:
        bs_rep_ref_cell(c, r, c->ind[r].national, o);
        break;
    case PC_NORM:
        v = c->s->norm[r][pf->i];
        if (c->vflag[r][pf->i] == BS_DISC_SUPPRESSED || !isfinite(v))
            bs_rep_secret_cell(c, c->vflag[r][pf->i] == BS_DISC_SUPPRESSED
                                      ? BS_DISC_SUPPRESSED : BS_DISC_MISSING, o);
        else
            o->text = bs_rep_num(c, v, 2, o->buf, sizeof o->buf);
        break;
    }
}

static int profile_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                        double y, double w, double h, bs_error *err)
{
    const profile *pf = ud;

    (void)col;
    (void)err;
    bs_rep_strip(cr, pf->c, r, pf->i, x, y, w, h);
    return 0;
}

/* The table of every indicator for area i. */
static int indicator_table(bs_doc *d, rctx *c, size_t i, bs_error *err)
{
    profile pf;
    bs_doc_column cols[6];
    bs_doc_table tb;
    int nc = 0;

    memset(&pf, 0, sizeof pf);
    pf.c = c;
    pf.i = i;
    cols[nc] = (bs_doc_column){W(c, BS_W_INDICATOR), 0, BS_ALIGN_LEFT, 0, 0};
    pf.kind[nc++] = PC_LABEL;
    cols[nc] = (bs_doc_column){c->Area1, 16, BS_ALIGN_RIGHT, 0, 0};
    pf.kind[nc++] = PC_AREA;
    if (c->any_municipal) {
        cols[nc] = (bs_doc_column){W(c, BS_W_MUNICIPALITY), 16, BS_ALIGN_RIGHT,
                                   0, 0};
        pf.kind[nc++] = PC_MUNI;
    }
    if (c->any_national) {
        cols[nc] = (bs_doc_column){W(c, BS_W_NETHERLANDS), 16, BS_ALIGN_RIGHT,
                                   0, 0};
        pf.kind[nc++] = PC_NAT;
    }
    cols[nc] = (bs_doc_column){W(c, BS_W_P_NORMALISED), 16, BS_ALIGN_RIGHT, 0, 0};
    pf.kind[nc++] = PC_NORM;
    cols[nc] = (bs_doc_column){W(c, BS_W_P_POSITION), 36, BS_ALIGN_CENTRE, 1, 0};
    pf.kind[nc++] = PC_STRIP;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = (size_t)nc;
    tb.nrows = c->nind;
    tb.zebra = 1;
    tb.cell = profile_cell;
    tb.draw = profile_draw;
    tb.ud = &pf;
    return bs_doc_table_run(d, &tb, err);
}

typedef struct social_row {
    rctx *c;
    size_t i;
} social_row;

/* The social base: counts of places (printed as they are) and, with a
 * common denominator, their rate per 1,000 (disclosed as rates are). */
static void social_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const social_row *sr = ud;
    const rctx *c = sr->c;
    double v = c->s->supply[r].count[sr->i], out = v;
    bs_disc_flag f;

    if (col == 0) {
        o->text = c->s->supply[r].label;
        return;
    }
    if (col == 1) {
        f = isfinite(v) ? BS_DISC_OK : BS_DISC_MISSING;
    } else {
        double base = c->social_base[sr->i];
        f = isfinite(v) && isfinite(base) && base > 0
                ? bs_disclose_rate(1000 * v / base, base, &c->s->report.disc, &out)
                : BS_DISC_MISSING;
    }
    if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
        bs_rep_secret_cell(c, f, o);
        return;
    }
    o->text = bs_rep_num(c, out, col == 1 ? 0 : 1, o->buf, sizeof o->buf);
}

static int social_table(bs_doc *d, rctx *c, size_t i, double x, bs_error *err)
{
    bs_doc_column sc[3] = {
        {W(c, BS_W_P_SOCIAL_BASE), 0, BS_ALIGN_LEFT, 0, 0},
        {W(c, BS_W_P_NUMBER), 22, BS_ALIGN_RIGHT, 0, 0},
        {c->per_label, 34, BS_ALIGN_RIGHT, 0, 0}};
    social_row sr = {c, i};
    bs_doc_table tb;

    memset(&tb, 0, sizeof tb);
    tb.cols = sc;
    tb.ncols = c->social_base ? 3 : 2;
    tb.nrows = c->s->nsupply;
    tb.width = 100;
    tb.x = x;
    tb.cell = social_cell;
    tb.ud = &sr;
    tb.zebra = 1;
    return bs_doc_table_run(d, &tb, err);
}

/* ---- the page ---- */

static int area_page(bs_doc *d, rctx *c, size_t i, bs_error *err)
{
    const bs_scan *s = c->s;
    /* a social-base table takes some of the map's height */
    double x, w, top, mw = 98, mh = s->nsupply ? 72 : 84, kx, y, h, kb, lh, ly;
    char title[512];

    if (bs_doc_new_page(d, 0, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    snprintf(title, sizeof title, "%s (%s)", s->name[i], s->key[i]);
    if (bs_doc_mark(d, 2, title, c->n <= CONTENTS_AREAS_MAX, err) != 0)
        return -1;
    y = top;
    h = bs_doc_text(d, x, y, w * 0.75, s->name[i], BS_TEXT_H1,
                    BS_T_ACCENT | BS_T_ONELINE, err);
    if (h < 0 || bs_doc_text(d, x + w, y + 2.2, 0, s->key[i], BS_TEXT_BODY,
                             BS_T_SUBTLE | BS_T_RIGHT, err) < 0)
        return -1;
    y += h + 3;
    if (profile_map(d, c, i, x, y, mw, mh, err) != 0)
        return -1;
    /* the legend ends with the map, or under the key figures when they
     * reach down that far */
    kx = x + mw + 7;
    kb = key_figures(d, c, i, kx, y, x + w - kx, err);
    if (kb < 0)
        return -1;
    lh = bs_rep_legend_height(d, &c->score, x + w - kx, 1, 1, err);
    if (lh < 0)
        return -1;
    ly = fmax(y + mh - lh, kb + 4);
    if (bs_rep_legend_draw(d, c, &c->score, kx, ly, x + w - kx, 1, 1, 0,
                           c->score.cls[i], err) != 0)
        return -1;
    bs_doc_set_y(d, fmax(y + mh, ly + lh) + 6);
    if (indicator_table(d, c, i, err) != 0 ||
        (s->nsupply && social_table(d, c, i, x, err) != 0))
        return -1;
    return bs_rep_questions(d, c, i, err);
}

/* The page on how to read a profile, with a map of the names. */
static int how_to_read(bs_doc *d, rctx *c, bs_error *err)
{
    char *items[5];
    size_t ni = 0;

    if (bs_doc_heading(d, 2, W(c, BS_W_H_HOW_TO_READ), 30, err) != 0)
        return -1;
    items[ni++] = bs_text_printf(W(c, BS_W_A_MAP), c->area1);
    items[ni++] = bs_text_dup(W(c, BS_W_A_NORMALISED));
    items[ni++] = bs_text_printf(W(c, BS_W_A_POSITION), c->area1, c->area1);
    if (c->s->has_unc)
        items[ni++] = bs_text_dup(W(c, BS_W_A_UNCERTAINTY));
    items[ni++] = bs_text_printf(W(c, BS_W_A_QUESTIONS), c->area1);
    if (bs_rep_bullets(d, items, ni, 0, err) != 0)
        return -1;
    /* a map with the names, to find a profile (legible up to some 60);
     * the labels are placed on the full geometry */
    if (c->n <= NAMES_MAP_MAX && bs_doc_room(d) > 90) {
        mapjob mj;
        memset(&mj, 0, sizeof mj);
        mj.c = c;
        mj.m = &c->plain;
        mj.areas = c->s->areas;
        mj.cls = c->plain.cls;
        mj.labels = c->s->name;
        bs_doc_skip(d, 3);
        if (bs_doc_block(d, bs_doc_room(d) - 2, bs_rep_draw_map, &mj, err) != 0)
            return -1;
    }
    return 0;
}

int bs_rep_areas(bs_doc *d, rctx *c, bs_error *err)
{
    /* the comparison is promised only with the values the project gives */
    int both = c->any_municipal && c->any_national;
    const char *cmp = both ? W(c, BS_W_P_COMPARE_BOTH)
                      : c->any_municipal ? W(c, BS_W_P_COMPARE_MUNI)
                      : c->any_national ? W(c, BS_W_P_COMPARE_NAT) : NULL;

    if (bs_rep_section_start(d, c, BS_SEC_AREAS, err) != 0 ||
        (cmp && bs_rep_paras(d, cmp, BS_TEXT_BODY, 0, err) != 0) ||
        how_to_read(d, c, err) != 0)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        if (area_page(d, c, i, err) != 0)
            return -1;
    return 0;
}
