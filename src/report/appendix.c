/* appendix.c: the data table: every area by every indicator, in chunks of
 * indicators that fit the page beside code and name, breaking across pages
 * with repeated headers, closed by the total of count columns and the
 * municipal and national values. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"

enum { ROW_TOTAL = 1, ROW_MUNI, ROW_NAT };

typedef struct app_tab {
    rctx *c;
    size_t k0, k1;            /* indicators [k0, k1) */
    int score;                /* score and rank columns */
    int extra[3];             /* ROW_* after the areas */
    size_t nextra;
} app_tab;

#define APP_CODE 18.0
#define APP_NAME 34.0         /* narrowest name column */
#define APP_SCORE 15.0
#define APP_RANK 12.0
#define APP_COL 14.5          /* an indicator column (rotated header) */

/* A cell of area i's row. */
static void area_cell(const app_tab *at, size_t i, size_t col, bs_doc_cell *o)
{
    const rctx *c = at->c;
    const bs_scan *s = c->s;
    size_t nk = at->k1 - at->k0;

    if (col == 0)
        o->text = s->key[i];
    else if (col == 1)
        o->text = s->name[i];
    else if (col - 2 < nk)
        bs_rep_value_cell(c, at->k0 + col - 2, i, o);
    else if (col - 2 == nk && isfinite(s->score[i]))
        o->text = bs_rep_num(c, s->score[i], 2, o->buf, sizeof o->buf);
    else if (col - 2 == nk) {
        o->text = "\xe2\x80\x94";
        o->note_symbol = "\xe2\x80\x94";
        o->note_text = bs_rep_status(c, s->status[i]);
    } else if (col - 2 == nk + 1 && isfinite(s->rank[i]))
        o->text = bs_rep_rank(c, s->rank[i], o->buf, sizeof o->buf);
}

static void app_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const app_tab *at = ud;
    const rctx *c = at->c;
    size_t nk = at->k1 - at->k0, k = at->k0 + col - 2;
    int ind = col >= 2 && col - 2 < nk;

    if (r < c->n) {
        area_cell(at, r, col, o);
        return;
    }
    switch (at->extra[r - c->n]) {
    case ROW_TOTAL:
        if (col == 1)
            o->text = W(c, BS_W_TOTAL);
        else if (ind && c->ind[k].kind == BS_DISC_COUNT) {
            if (c->tflag[k] == BS_DISC_SUPPRESSED || c->tflag[k] == BS_DISC_MISSING)
                bs_rep_secret_cell(c, (bs_disc_flag)c->tflag[k], o);
            else
                o->text = bs_rep_num(c, c->total[k], 0, o->buf, sizeof o->buf);
        }
        break;
    case ROW_MUNI:
        if (col == 1)
            o->text = W(c, BS_W_MUNICIPALITY);
        else if (ind)
            bs_rep_muni_cell(c, k, o);
        break;
    case ROW_NAT:
        if (col == 1)
            o->text = W(c, BS_W_NETHERLANDS);
        else if (ind)
            bs_rep_ref_cell(c, k, c->ind[k].national, o);
        break;
    }
}

static unsigned app_flags(void *ud, size_t r)
{
    const app_tab *at = ud;

    if (r < at->c->n)
        return 0;
    return (r == at->c->n ? BS_ROW_RULE : 0) | BS_ROW_BOLD;
}

/* The rows after the areas for indicators [k0, k1): a total when a count
 * column has one, municipal and national values when given. */
static void extra_rows(const rctx *c, app_tab *at)
{
    for (size_t k = at->k0; k < at->k1; k++)
        if (c->ind[k].kind == BS_DISC_COUNT && c->tflag[k] != BS_DISC_MISSING)
            at->extra[0] = ROW_TOTAL;
    if (at->extra[0])
        at->nextra = 1;
    for (size_t k = at->k0; k < at->k1; k++)
        if (isfinite(c->ind[k].municipal)) {
            at->extra[at->nextra++] = ROW_MUNI;
            break;
        }
    for (size_t k = at->k0; k < at->k1; k++)
        if (isfinite(c->ind[k].national)) {
            at->extra[at->nextra++] = ROW_NAT;
            break;
        }
}

/* The table of one chunk, indicators [k0, k1) of the nchunks. */
static int chunk(bs_doc *d, rctx *c, size_t k0, size_t k1, size_t nchunks,
                 char *const *heads, bs_doc_column *cols, bs_error *err)
{
    app_tab at;
    bs_doc_table tb;
    char cap[160];
    size_t nc = 0;

    memset(&at, 0, sizeof at);
    at.c = c;
    at.k0 = k0;
    at.k1 = k1;
    at.score = k0 == 0;
    extra_rows(c, &at);
    cols[nc++] = (bs_doc_column){W(c, BS_W_CODE), APP_CODE, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){c->Area1, 0, BS_ALIGN_LEFT, 0, 0};
    for (size_t k = k0; k < k1; k++)
        cols[nc++] = (bs_doc_column){heads[k], APP_COL, BS_ALIGN_RIGHT, 0, 1};
    if (at.score) {
        cols[nc++] = (bs_doc_column){W(c, BS_W_SCORE), APP_SCORE, BS_ALIGN_RIGHT,
                                     0, 0};
        cols[nc++] = (bs_doc_column){W(c, BS_W_RANK), APP_RANK, BS_ALIGN_RIGHT,
                                     0, 0};
    }
    if (nchunks > 1 && k1 > k0 + 1)
        snprintf(cap, sizeof cap, W(c, BS_W_APP_CHUNK), k0 + 1, k1, c->nind);
    else if (nchunks > 1)
        snprintf(cap, sizeof cap, W(c, BS_W_APP_CHUNK1), k0 + 1, c->nind);
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = nc;
    tb.nrows = c->n + at.nextra;
    tb.caption = nchunks > 1 ? cap : NULL;
    tb.zebra = 1;
    tb.cell = app_cell;
    tb.row_flags = app_flags;
    tb.ud = &at;
    return bs_doc_table_run(d, &tb, err);
}

int bs_rep_appendix(bs_doc *d, rctx *c, bs_error *err)
{
    char **heads = calloc(c->nind + 1, sizeof *heads);
    bs_doc_column *cols = calloc(c->nind + 5, sizeof *cols);
    size_t *chunk_end = calloc(c->nind + 2, sizeof *chunk_end);
    size_t k0 = 0, nchunks = 0;
    double x, w;
    int rc = -1;

    if (!heads || !cols || !chunk_end) {
        bs_error_set(err, "report: out of memory");
        goto done;
    }
    bs_doc_frame(d, &x, NULL, &w, NULL);
    for (size_t k = 0; k < c->nind; k++) {
        heads[k] = c->ind[k].unit
                       ? bs_text_printf("%s (%s)", c->ind[k].label, c->ind[k].unit)
                       : bs_text_dup(c->ind[k].label);
        if (!heads[k]) {
            bs_error_set(err, "report: out of memory");
            goto done;
        }
    }
    /* indicators in chunks that fit beside code and name (and, in the
     * first chunk, score and rank); long header words break. Every chunk
     * holds at least one indicator, so there are at most nind + 1. */
    while (k0 < c->nind || nchunks == 0) {
        double room = w - APP_CODE - APP_NAME - (nchunks == 0 ? APP_SCORE + APP_RANK : 0);
        size_t k1 = k0 + (size_t)(room / APP_COL);
        if (k1 <= k0 && k0 < c->nind)
            k1 = k0 + 1;
        if (k1 > c->nind)
            k1 = c->nind;
        chunk_end[nchunks++] = k1;
        k0 = k1;
    }
    if (bs_rep_section_start(d, c, BS_SEC_APPENDIX, err) != 0)
        goto done;
    for (size_t ch = 0, k = 0; ch < nchunks; k = chunk_end[ch++])
        if (chunk(d, c, k, chunk_end[ch], nchunks, heads, cols, err) != 0)
            goto done;
    rc = bs_rep_source(d, c, err);
done:
    if (heads)
        for (size_t k = 0; k < c->nind; k++)
            free(heads[k]);
    free(heads);
    free(cols);
    free(chunk_end);
    return rc;
}
