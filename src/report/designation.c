/* designation.c: the Plus-IKC (re)designation of the first [designate]:
 * its rule, every IKC by rank with its area, score, chance of the top and
 * whether it is designated now and was before, and the changes with their
 * reasons. */
#include "internal.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"

/* One IKC of the designation. */
typedef struct ikc_row {
    const char *key, *name;
    const char *area;         /* name of the area it lies in; may be NULL */
    double score, rank;       /* NaN = no score */
    double p_top;             /* share of uncertainty runs in the top */
    int designated;
    int previous;             /* 0 / 1, -1 = no previous designation */
    bs_change change;
    const char *reason;
} ikc_row;

typedef struct ikc_tab {
    rctx *c;
    const bs_scan_designation *des;
    ikc_row *row;             /* by rank, IKCs without a rank last */
    size_t n;
    int has_ptop, has_prev;
    size_t nchanged, ndes;
} ikc_tab;

static const char *change_text(const rctx *c, bs_change ch)
{
    switch (ch) {
    case BS_CHANGE_CONTINUED: return W(c, BS_W_CHANGE_CONTINUED);
    case BS_CHANGE_NEW: return W(c, BS_W_CHANGE_NEW);
    case BS_CHANGE_DROPPED: return W(c, BS_W_CHANGE_DROPPED);
    default: return "\xe2\x80\x94";
    }
}

/* The rows of the first designation, by rank (stable). */
static int make_rows(ikc_tab *it)
{
    const bs_scan *s = it->c->s;
    const bs_scan_designation *d = it->des;
    const bs_designation *ds = d->result;
    const bs_scan_layer *l = &s->layers[d->layer];

    it->n = ds->n;
    it->row = calloc(it->n + 1, sizeof *it->row);
    if (!it->row)
        return -1;
    for (size_t i = 0; i < it->n; i++) {
        ikc_row *r = &it->row[i];
        r->key = l->pts->key[i];
        r->name = l->pts->name ? l->pts->name[i] : NULL;
        r->area = l->area[i] >= 0 ? s->name[l->area[i]] : NULL;
        r->score = d->score[i];
        r->rank = ds->ikc[i].rank;
        r->p_top = d->p_top ? d->p_top[i] : NAN;
        r->designated = ds->ikc[i].designated;
        r->previous = d->has_previous ? ds->ikc[i].previous : -1;
        r->change = ds->ikc[i].change;
        r->reason = ds->ikc[i].reason;
        it->has_ptop |= isfinite(r->p_top);
        it->has_prev |= r->previous >= 0;
        it->nchanged += r->change == BS_CHANGE_NEW || r->change == BS_CHANGE_DROPPED;
        it->ndes += r->designated != 0;
    }
    for (size_t a = 1; a < it->n; a++)
        for (size_t b = a; b > 0; b--) {
            double ra = it->row[b - 1].rank, rb = it->row[b].rank;
            ikc_row t;
            if (!((isnan(ra) && !isnan(rb)) || (!isnan(ra) && !isnan(rb) && rb < ra)))
                break;
            t = it->row[b];
            it->row[b] = it->row[b - 1];
            it->row[b - 1] = t;
        }
    return 0;
}

static void ikc_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const ikc_tab *it = ud;
    const rctx *c = it->c;
    const ikc_row *k = &it->row[r];
    size_t cc = col;

    if (cc >= 4 && !it->has_ptop)
        cc++;
    if (cc >= 5 && !it->has_prev)
        cc++;
    switch (cc) {
    case 0:
        if (isfinite(k->rank))
            o->text = bs_rep_rank(c, k->rank, o->buf, sizeof o->buf);
        break;
    case 1: o->text = k->name ? k->name : k->key; break;
    case 2: o->text = k->area; break;
    case 3:
        if (isfinite(k->score))
            o->text = bs_rep_num(c, k->score, 2, o->buf, sizeof o->buf);
        else
            o->text = "\xe2\x80\x94";
        break;
    case 4:
        if (isfinite(k->p_top))
            o->text = bs_rep_pct(c, k->p_top, o->buf, sizeof o->buf);
        break;
    case 5:
        o->text = W(c, k->previous > 0 ? BS_W_YES : BS_W_NO);
        break;
    case 6:
        o->text = W(c, k->designated ? BS_W_YES : BS_W_NO);
        o->bold = k->designated;
        break;
    case 7:
        o->text = change_text(c, k->change);
        o->bold = k->change == BS_CHANGE_NEW || k->change == BS_CHANGE_DROPPED;
        break;
    }
}

static unsigned ikc_flags(void *ud, size_t r)
{
    const ikc_tab *it = ud;
    return it->row[r].designated ? BS_ROW_SHADE : 0;
}

/* The table of every IKC. */
static int ikc_table(bs_doc *d, ikc_tab *it, bs_error *err)
{
    rctx *c = it->c;
    bs_doc_column cols[8];
    bs_doc_table tb;
    size_t nc = 0;

    cols[nc++] = (bs_doc_column){W(c, BS_W_RANK), 12, BS_ALIGN_RIGHT, 0, 0};
    cols[nc++] = (bs_doc_column){"IKC", 0, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){c->Area1, 34, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){W(c, BS_W_SCORE), 15, BS_ALIGN_RIGHT, 0, 0};
    if (it->has_ptop)
        cols[nc++] = (bs_doc_column){W(c, BS_W_D_CHANCE_TOP), 16, BS_ALIGN_RIGHT,
                                     0, 0};
    if (it->has_prev)
        cols[nc++] = (bs_doc_column){W(c, BS_W_D_BEFORE), 15, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){W(c, BS_W_D_NOW), 12, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){W(c, BS_W_D_CHANGE), 20, BS_ALIGN_LEFT, 0, 0};
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = nc;
    tb.nrows = it->n;
    tb.cell = ikc_cell;
    tb.row_flags = ikc_flags;
    tb.ud = it;
    return bs_doc_table_run(d, &tb, err);
}

/* The changes since the previous designation, with their reasons. */
static int changes(bs_doc *d, ikc_tab *it, bs_error *err)
{
    rctx *c = it->c;
    char **items;
    size_t ni = 0;
    int rc;

    if (bs_doc_heading(d, 2, W(c, BS_W_H_CHANGES), 15, err) != 0)
        return -1;
    if (!it->has_prev)
        return bs_rep_paraf(d, 0, err, "%s", W(c, BS_W_D_NO_PREVIOUS));
    if (!it->nchanged)
        return bs_rep_paraf(d, 0, err, "%s", W(c, BS_W_D_NO_CHANGES));
    items = calloc(it->nchanged + 1, sizeof *items);
    if (!items)
        return bs_error_set(err, "report: out of memory");
    for (size_t r = 0; r < it->n; r++) {
        const ikc_row *k = &it->row[r];
        const char *why, *at;
        char *nm, *rs;
        if (k->change != BS_CHANGE_NEW && k->change != BS_CHANGE_DROPPED)
            continue;
        nm = g_markup_escape_text(k->name ? k->name : k->key, -1);
        /* the reason opens with its own "nieuw: " or "vervalt: ", which the
         * bullet already says in brackets: once is enough */
        why = k->reason;
        if (why && (at = strstr(why, ": ")) != NULL)
            why = at + 2;
        rs = g_markup_escape_text(why ? why : "", -1);
        items[ni++] = bs_text_printf("<b>%s</b> (%s)%s%s", nm,
                                     change_text(c, k->change),
                                     why && *why ? ": " : "", rs);
        g_free(nm);
        g_free(rs);
    }
    rc = bs_rep_bullets(d, items, ni, BS_T_MARKUP, err);
    free(items);
    return rc;
}

int bs_rep_designation(bs_doc *d, rctx *c, bs_error *err)
{
    ikc_tab it;
    char rule[200];
    int rc = -1;

    if (!c->s->ndesignate || !c->s->designate[0].result->n)
        return 0;
    memset(&it, 0, sizeof it);
    it.c = c;
    it.des = &c->s->designate[0];
    if (make_rows(&it) != 0)
        return bs_error_set(err, "report: out of memory");
    if (it.des->top && it.des->keep_until_rank)
        snprintf(rule, sizeof rule, W(c, BS_W_D_RULE_TOP_KEEP), it.des->top,
                 it.des->keep_until_rank);
    else if (it.des->top)
        snprintf(rule, sizeof rule, "top %d", it.des->top);
    else
        snprintf(rule, sizeof rule, "score >= %g", it.des->threshold);
    if (bs_rep_section_start(d, c, BS_SEC_DESIGNATION, err) == 0 &&
        bs_rep_paraf(d, 0, err, W(c, BS_W_D_RULE), rule, it.ndes, it.n) == 0 &&
        ikc_table(d, &it, err) == 0 && changes(d, &it, err) == 0)
        rc = 0;
    free(it.row);
    return rc;
}
