/* typeset_table.c: tables that break across pages
 * with repeated headers (typeset.h). */
#include "typeset_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD_X 1.4
#define PAD_Y 0.95
#define TABLE_KEEP 4          /* rows kept with the header at a table's start */
#define ROT_MAX 52.0          /* mm: longest line of a rotated header */

/* The widest word of text in bold table type, in mm. */
static int widest_word(bs_doc *d, const char *text, double *out, bs_error *err)
{
    char word[256];
    const char *p = text;

    *out = 0;
    while (*p) {
        size_t n = strcspn(p, " ");
        double ww;
        if (n && n < sizeof word) {
            memcpy(word, p, n);
            word[n] = '\0';
            if (bs_doc_text_size(d, 0, word, BS_TEXT_TABLE, BS_T_BOLD, &ww, NULL,
                                 err) != 0)
                return -1;
            if (ww > *out)
                *out = ww;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

typedef struct tstate {
    const bs_doc_table *t;
    double x, w;
    double *cw;               /* column widths */
    PangoLayout **lay;        /* per column: the row's cell, from the cache */
    bs_doc_cell *cells;       /* one per column */
    double header_h;
} tstate;

static int table_header(bs_doc *d, tstate *ts, int cont, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double x = ts->x, y = d->y;

    if (t->caption) {
        char cap[512];
        double ch;
        snprintf(cap, sizeof cap, "%s%s", t->caption,
                 cont ? bs_word(BS_W_DOC_CONTINUED, d->lang) : "");
        ch = bs_doc_text(d, x, y, ts->w, cap, BS_TEXT_SMALL, BS_T_BOLD, err);
        if (ch < 0)
            return -1;
        y += ch + 1.2;
    }
    if (!d->measuring) {
        cairo_set_line_width(d->cr, 0.8);
        bs_ts_set_colour(d->cr, d->st.text);
        cairo_move_to(d->cr, x * MM, y * MM);
        cairo_line_to(d->cr, (x + ts->w) * MM, y * MM);
        cairo_stroke(d->cr);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        const bs_doc_column *col = &t->cols[c];
        double hh;
        unsigned fl = BS_T_BOLD | BS_T_BREAKWORDS |
                      (col->align == BS_ALIGN_RIGHT ? BS_T_RIGHT
                                   : col->align == BS_ALIGN_CENTRE ? BS_T_CENTRE
                                                                   : 0);
        const tslot *s;
        if (col->rotate) {
            /* set upwards from the bottom line, lines stacked to the
             * column's right edge */
            if (!(s = bs_ts_shaped(d, col->title, BS_TEXT_TABLE, BS_T_BOLD,
                                   ROT_MAX, err)))
                return -1;
            if (!d->measuring) {
                cairo_save(d->cr);
                cairo_translate(d->cr, (x + ts->cw[c] - PAD_X - TO_MM(s->lh)) * MM,
                                (y + ts->header_h - PAD_Y) * MM);
                cairo_rotate(d->cr, -M_PI / 2);
                bs_ts_set_colour(d->cr, d->st.text);
                cairo_move_to(d->cr, 0, 0);
                pango_cairo_show_layout(d->cr, s->lay);
                cairo_new_path(d->cr);
                cairo_restore(d->cr);
            }
            x += ts->cw[c];
            continue;
        }
        if (!(s = bs_ts_shaped(d, col->title, BS_TEXT_TABLE, fl,
                               ts->cw[c] - 2 * PAD_X, err)))
            return -1;
        hh = TO_MM(s->lh);
        /* header texts sit on a common bottom line */
        if (!d->measuring)
            bs_ts_show(d, s->lay, x + PAD_X, y + ts->header_h - PAD_Y - hh,
                       d->st.text);
        x += ts->cw[c];
    }
    y += ts->header_h;
    if (!d->measuring) {
        cairo_set_line_width(d->cr, 0.4);
        bs_ts_set_colour(d->cr, d->st.text);
        cairo_move_to(d->cr, ts->x * MM, y * MM);
        cairo_line_to(d->cr, (ts->x + ts->w) * MM, y * MM);
        cairo_stroke(d->cr);
    }
    d->y = y;
    d->fresh = 0;
    return 0;
}

static void table_end_rule(bs_doc *d, tstate *ts)
{
    if (d->measuring)
        return;
    cairo_set_line_width(d->cr, 0.8);
    bs_ts_set_colour(d->cr, d->st.text);
    cairo_move_to(d->cr, ts->x * MM, d->y * MM);
    cairo_line_to(d->cr, (ts->x + ts->w) * MM, d->y * MM);
    cairo_stroke(d->cr);
}

/* Fills the row's cells and layouts; returns its height in mm. */
static double table_row_measure(bs_doc *d, tstate *ts, size_t r,
                                unsigned rflags, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double h = t->min_row > 0 ? t->min_row
                              : bs_ts_line_mm(d, BS_TEXT_TABLE) + 2 * PAD_Y;

    for (size_t c = 0; c < t->ncols; c++) {
        bs_doc_cell *cell = &ts->cells[c];
        const bs_doc_column *col = &t->cols[c];
        unsigned fl;
        const tslot *s;
        memset(cell, 0, sizeof *cell);
        if (col->graphic)
            continue;
        t->cell(t->ud, r, c, cell);
        fl = (cell->bold || (rflags & BS_ROW_BOLD) ? BS_T_BOLD : 0) |
             (col->align == BS_ALIGN_RIGHT ? BS_T_RIGHT
              : col->align == BS_ALIGN_CENTRE ? BS_T_CENTRE : 0);
        if (!(s = bs_ts_shaped(d, cell->text, BS_TEXT_TABLE, fl,
                               ts->cw[c] - 2 * PAD_X, err)))
            return -1;
        /* held until the row is drawn: the next cells may reuse the slot */
        if (ts->lay[c])
            g_object_unref(ts->lay[c]);
        ts->lay[c] = g_object_ref(s->lay);
        if (TO_MM(s->lh) + 2 * PAD_Y > h)
            h = TO_MM(s->lh) + 2 * PAD_Y;
    }
    return h;
}

/* The column widths: fixed columns widened to their header's widest word
 * where the table can give way, the free ones sharing the rest. */
static int table_widths(bs_doc *d, tstate *ts, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double fixed = 0;
    size_t nfree = 0, c;

    for (c = 0; c < t->ncols; c++) {
        ts->cw[c] = t->cols[c].width;
        /* a fixed column is widened to the widest word of its header, so
         * that header words break only when the table cannot give way */
        if (ts->cw[c] > 0 && !t->cols[c].rotate && t->cols[c].title) {
            double ww;
            if (widest_word(d, t->cols[c].title, &ww, err) != 0)
                return -1;
            if (ww + 2 * PAD_X + 0.2 > ts->cw[c])
                ts->cw[c] = ww + 2 * PAD_X + 0.2;
        }
        fixed += ts->cw[c];
        if (ts->cw[c] <= 0)
            nfree++;
    }
    if (fixed > ts->w + 1e-6 || (nfree && ts->w - fixed < nfree * 25.0)) {
        /* no room to widen: back to the widths asked for */
        fixed = 0;
        for (c = 0; c < t->ncols; c++) {
            ts->cw[c] = t->cols[c].width;
            fixed += ts->cw[c] > 0 ? ts->cw[c] : 0;
        }
    }
    if (fixed > ts->w + 1e-6 || (nfree && ts->w - fixed < nfree * 4.0))
        return bs_error_set(err, "typeset: the table's columns (%.1f mm) do "
                            "not fit in %.1f mm", fixed, ts->w);
    for (c = 0; c < t->ncols; c++)
        if (ts->cw[c] <= 0)
            ts->cw[c] = (ts->w - fixed) / (double)nfree;
    if (!nfree)
        ts->w = fixed;
    return 0;
}

/* The header's height: the tallest wrapped header text; a rotated one is
 * as tall as its longest line. */
static int table_header_height(bs_doc *d, tstate *ts, bs_error *err)
{
    const bs_doc_table *t = ts->t;

    for (size_t c = 0; c < t->ncols; c++) {
        double hh;
        if (t->cols[c].rotate) {
            if (bs_doc_text_size(d, ROT_MAX, t->cols[c].title, BS_TEXT_TABLE,
                                 BS_T_BOLD, &hh, NULL, err) != 0)
                return -1;
        } else if (bs_doc_text_size(d, ts->cw[c] - 2 * PAD_X, t->cols[c].title,
                                    BS_TEXT_TABLE, BS_T_BOLD | BS_T_BREAKWORDS,
                                    NULL, &hh, err) != 0)
            return -1;
        if (hh + 2 * PAD_Y > ts->header_h)
            ts->header_h = hh + 2 * PAD_Y;
    }
    return 0;
}

static unsigned row_flags(const bs_doc_table *t, size_t r)
{
    return t->row_flags ? t->row_flags(t->ud, r) : 0;
}

/* The caption, the header and the first rows go together: the whole table
 * when it has at most TABLE_KEEP rows, else that many. */
static int table_start(bs_doc *d, tstate *ts, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double cap = 0, first = 0;

    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    if (!d->fresh)
        d->y += 1.5;
    if (t->caption && bs_doc_text_size(d, ts->w, t->caption, BS_TEXT_SMALL,
                                       BS_T_BOLD, NULL, &cap, err) != 0)
        return -1;
    for (size_t r = 0; r < t->nrows && r < TABLE_KEEP; r++) {
        double h = table_row_measure(d, ts, r, row_flags(t, r), err);
        if (h < 0)
            return -1;
        first += h;
    }
    if (bs_doc_need(d, (t->caption ? cap + 1.2 : 0) + ts->header_h + first,
                    err) != 0)
        return -1;
    return table_header(d, ts, 0, err);
}

/* The height the footnotes of the row's cells add to the page (each note
 * once). */
static double row_notes_cost(bs_doc *d, const tstate *ts)
{
    const bs_doc_cell *cl = ts->cells;
    double cost = 0;

    for (size_t c = 0; c < ts->t->ncols; c++) {
        int seen = 0;
        if (!cl[c].note_symbol || !cl[c].note_text)
            continue;
        for (size_t e = 0; e < c; e++)
            if (cl[e].note_symbol && cl[e].note_text &&
                !strcmp(cl[e].note_symbol, cl[c].note_symbol) &&
                !strcmp(cl[e].note_text, cl[c].note_text))
                seen = 1;
        if (!seen)
            cost += bs_doc_note_cost(d, cl[c].note_symbol, cl[c].note_text);
    }
    return cost;
}

/* Draws row r (measured: its cells in ts) at d->y, h mm high. */
static int row_draw(bs_doc *d, tstate *ts, size_t r, unsigned rf, double h,
                    bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double cx = ts->x;

    if ((rf & BS_ROW_SHADE) || (t->zebra && r % 2 == 1)) {
        bs_ts_set_colour(d->cr, (rf & BS_ROW_SHADE) ? d->st.shade : d->st.zebra);
        cairo_rectangle(d->cr, ts->x * MM, d->y * MM, ts->w * MM, h * MM);
        cairo_fill(d->cr);
    }
    if (rf & BS_ROW_RULE) {
        cairo_set_line_width(d->cr, 0.4);
        bs_ts_set_colour(d->cr, d->st.text);
        cairo_move_to(d->cr, ts->x * MM, d->y * MM);
        cairo_line_to(d->cr, (ts->x + ts->w) * MM, d->y * MM);
        cairo_stroke(d->cr);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].graphic) {
            if (t->draw) {
                int rc;
                cairo_save(d->cr);
                rc = t->draw(t->ud, d->cr, r, c, cx * MM, d->y * MM,
                             ts->cw[c] * MM, h * MM, err);
                cairo_restore(d->cr);
                if (rc != 0)
                    return -1;
            }
        } else {
            bs_ts_show(d, ts->lay[c], cx + PAD_X, d->y + PAD_Y,
                       ts->cells[c].subtle ? d->st.subtle : d->st.text);
        }
        cx += ts->cw[c];
    }
    return 0;
}

/* Whether the last TABLE_KEEP - 1 rows, from r, must go over together: no
 * fewer than that alone on a table's last page. Measures row r again (its
 * cells in ts) into *h. -1 on error. */
static int keep_last_rows(bs_doc *d, tstate *ts, size_t r, unsigned rf,
                          double cost, double *h, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double rest = 0;
    int brk;

    for (size_t q = r; q < t->nrows; q++) {
        double hq = table_row_measure(d, ts, q, row_flags(t, q), err);
        if (hq < 0)
            return -1;
        rest += hq;
    }
    brk = d->y + rest > bs_ts_frame_bottom(d) - cost + 1e-9;
    if ((*h = table_row_measure(d, ts, r, rf, err)) < 0)
        return -1;
    return brk;
}

/* The rows, breaking pages between them with the header repeated. */
static int table_rows(bs_doc *d, tstate *ts, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    size_t rows_on_page = 0;

    for (size_t r = 0; r < t->nrows; r++) {
        unsigned rf = row_flags(t, r);
        double h = table_row_measure(d, ts, r, rf, err), cost;
        int brk = 0;
        if (h < 0)
            return -1;
        cost = row_notes_cost(d, ts);
        if (t->nrows - r == TABLE_KEEP - 1 && t->nrows >= 2 * TABLE_KEEP &&
            rows_on_page >= TABLE_KEEP &&
            (brk = keep_last_rows(d, ts, r, rf, cost, &h, err)) < 0)
            return -1;
        if (brk || d->y + h > bs_ts_frame_bottom(d) - cost + 1e-9) {
            rows_on_page = 0;
            table_end_rule(d, ts);
            if (bs_doc_new_page(d, 0, err) != 0 ||
                table_header(d, ts, 1, err) != 0)
                return -1;
        }
        rows_on_page++;
        for (size_t c = 0; c < t->ncols; c++)
            bs_doc_note(d, ts->cells[c].note_symbol, ts->cells[c].note_text);
        if (!d->measuring && row_draw(d, ts, r, rf, h, err) != 0)
            return -1;
        d->y += h;
    }
    return 0;
}

int bs_doc_table_run(bs_doc *d, const bs_doc_table *t, bs_error *err)
{
    tstate ts;
    double x, w;
    int rc = -1;

    memset(&ts, 0, sizeof ts);
    ts.t = t;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    ts.x = t->width > 0 ? t->x : x;
    ts.w = t->width > 0 ? t->width : w;
    if (!t->ncols || !t->cell)
        return bs_error_set(err, "typeset: a table needs columns and a cell "
                            "callback");
    ts.cw = calloc(t->ncols, sizeof *ts.cw);
    ts.lay = calloc(t->ncols, sizeof *ts.lay);
    ts.cells = calloc(t->ncols, sizeof *ts.cells);
    if (!ts.cw || !ts.lay || !ts.cells) {
        bs_error_set(err, "typeset: out of memory");
        goto done;
    }
    if (table_widths(d, &ts, err) != 0 || table_header_height(d, &ts, err) != 0 ||
        table_start(d, &ts, err) != 0 || table_rows(d, &ts, err) != 0)
        goto done;
    table_end_rule(d, &ts);
    d->y += bs_ts_line_mm(d, BS_TEXT_BODY) * 0.8;
    rc = bs_ts_cairo_check(d, err);
done:
    if (ts.lay)
        for (size_t c = 0; c < t->ncols; c++)
            if (ts.lay[c])
                g_object_unref(ts.lay[c]);
    free(ts.lay);
    free(ts.cw);
    free(ts.cells);
    return rc;
}
