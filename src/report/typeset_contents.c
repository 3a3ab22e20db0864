/* typeset_contents.c: headings, outline entries and
 * the table of contents (typeset.h). */
#include "typeset_doc.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"

static int record(bs_doc *d, int level, const char *text, int contents,
                  bs_error *err)
{
    if (d->measuring) {
        entry *e;
        if (d->nent == d->capent) {
            size_t cap = d->capent ? d->capent * 2 : 64;
            entry *ne = realloc(d->ent, cap * sizeof *ne);
            if (!ne)
                return bs_error_set(err, "typeset: out of memory");
            d->ent = ne;
            d->capent = cap;
        }
        e = &d->ent[d->nent];
        memset(e, 0, sizeof *e);
        e->text = bs_text_dup(text ? text : "");
        if (!e->text)
            return bs_error_set(err, "typeset: out of memory");
        e->level = level;
        e->page = d->page;
        e->y = d->y;
        e->contents = contents;
        if (level == 1)
            d->last_l1 = (int)d->nent;
        else if (d->last_l1 >= 0)
            d->ent[d->last_l1].nchildren++;
        d->nent++;
        return 0;
    } else {
        entry *e;
        witem it = {0};
        if (d->cursor >= d->nent || strcmp(d->ent[d->cursor].text,
                                           text ? text : "") != 0 ||
            d->ent[d->cursor].page != d->page)
            return bs_error_set(err, "typeset: the drawing pass put '%s' on "
                                "page %d, the measuring pass elsewhere",
                                text ? text : "", d->page);
        e = &d->ent[d->cursor++];
        snprintf(it.attrs, sizeof it.attrs, "page=%d pos=[0 %d]", e->page,
                 (int)floor(fmax(0, e->y - 6) * MM));
        it.level = level;
        it.text = e->text;
        it.flags = level == 1 && e->nchildren <= 40
                       ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0;
        return bs_ts_writer_check(d, bs_ts_writer_put(d->wr, &it), err);
    }
}

int bs_doc_mark(bs_doc *d, int level, const char *text, int contents,
                bs_error *err)
{
    if (level < 1 || level > 2)
        return bs_error_set(err, "typeset: heading level %d (1 or 2)", level);
    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    return record(d, level, text, contents, err);
}

int bs_doc_heading(bs_doc *d, int level, const char *text, double keep,
                   bs_error *err)
{
    bs_text_kind k = level == 1 ? BS_TEXT_H1 : BS_TEXT_H2;
    double before = level == 1 ? 0 : 5.0, after = level == 1 ? 5.0 : 2.2;
    double w, h;

    if (level < 1 || level > 2)
        return bs_error_set(err, "typeset: heading level %d (1 or 2)", level);
    bs_doc_frame(d, NULL, NULL, &w, NULL);
    if (bs_doc_text_size(d, w, text, k, 0, NULL, &h, err) != 0)
        return -1;
    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    if (!d->fresh && d->y + before + h + keep > bs_ts_frame_bottom(d))
        if (bs_doc_new_page(d, 0, err) != 0)
            return -1;
    if (!d->fresh)
        d->y += before;
    if (level == 1)
        bs_doc_section(d, text);
    if (record(d, level, text, 1, err) != 0)
        return -1;
    if (bs_doc_text(d, d->st.margin_left, d->y, w, text, k,
                    level == 1 ? BS_T_ACCENT : 0, err) < 0)
        return -1;
    d->y += h + after;
    d->fresh = 0;
    return 0;
}

/* Lays out the contents: counts pages (draw = 0) or draws them. Every
 * entry is one line, so the layout is arithmetic. */
int bs_ts_contents_run(bs_doc *d, const char *title, int draw, int *pages,
                       bs_error *err)
{
    double x, top, w, bottom, th, y, numw;
    double lh2 = bs_ts_line_mm(d, BS_TEXT_BODY), lh1 = lh2 + 0.4;
    int np = 1;

    bs_doc_frame(d, &x, &top, &w, NULL);
    bottom = d->st.page_height - d->st.margin_bottom;
    if (bs_doc_text_size(d, w, title, BS_TEXT_H1, 0, NULL, &th, err) != 0)
        return -1;
    if (draw) {
        if (bs_doc_new_page(d, 0, err) != 0)
            return -1;
        bs_doc_section(d, title);
        if (bs_doc_text(d, x, top, w, title, BS_TEXT_H1, BS_T_ACCENT, err) < 0)
            return -1;
    }
    y = top + th + 6.0;
    /* the leader dots stop short of the widest page number */
    {
        char tot[16];
        snprintf(tot, sizeof tot, "%d", d->measuring ? 9999 : d->total);
        if (bs_doc_text_size(d, 0, tot, BS_TEXT_BODY, BS_T_BOLD, &numw, NULL,
                             err) != 0)
            return -1;
    }
    for (size_t i = 0; i < d->nent; i++) {
        const entry *e = &d->ent[i];
        double need = e->level == 1 ? lh1 + 2.2 : lh2;
        char num[16];
        double ind = e->level == 1 ? 0 : 7.0, nw = 12.0, tw, dummy;
        unsigned fl = e->level == 1 ? BS_T_BOLD : 0;

        if (!e->contents)
            continue;
        if (y + need > bottom) {
            np++;
            y = top;
            if (draw && bs_doc_new_page(d, 0, err) != 0)
                return -1;
        }
        if (e->level == 1 && y > top)
            y += 2.2;
        if (draw) {
            /* no link annotations: cairo 1.16 writes them with object
             * numbers that do not exist (a damaged file); the outline
             * gives the same navigation */
            snprintf(num, sizeof num, "%d", e->page);
            if (bs_doc_text_size(d, w - ind - nw - 4, e->text, BS_TEXT_BODY,
                                 fl | BS_T_ONELINE, &tw, &dummy, err) != 0)
                return -1;
            bs_doc_text(d, x + ind, y, w - ind - nw - 4, e->text, BS_TEXT_BODY,
                        fl | BS_T_ONELINE, err);
            bs_doc_text(d, x + w - nw, y, nw, num, BS_TEXT_BODY,
                        fl | BS_T_RIGHT, err);
            /* leader dots on a fixed grid from the right, so that they
             * line up from entry to entry */
            bs_ts_set_colour(d->cr, d->st.subtle);
            for (double dx = x + w - numw - 2.5; dx > x + ind + tw + 2.0;
                 dx -= 2.0) {
                cairo_new_sub_path(d->cr);
                cairo_arc(d->cr, dx * MM, (y + lh2 * 0.66) * MM, 0.42, 0,
                          2 * M_PI);
            }
            cairo_fill(d->cr);
        }
        y += e->level == 1 ? lh1 : lh2;
    }
    if (draw) {
        d->y = y;
        d->fresh = 0;
        if (bs_ts_finish_page(d, err) != 0)
            return -1;
    }
    *pages = np;
    return 0;
}

int bs_doc_contents(bs_doc *d, const char *title, bs_error *err)
{
    if (bs_ts_finish_page(d, err) != 0)
        return -1;
    if (d->measuring) {
        if (d->contents_first)
            return bs_error_set(err, "typeset: a second table of contents");
        d->contents_first = d->page + 1;
        d->contents_title = bs_text_dup(title ? title : "");
        bs_doc_section(d, title);
        return 0;
    } else {
        int np;
        if (bs_ts_contents_run(d, title, 1, &np, err) != 0)
            return -1;
        if (np != d->contents_pages)
            return bs_error_set(err, "typeset: the contents took %d pages, "
                                "%d were planned", np, d->contents_pages);
        return 0;
    }
}
