/* typeset_text.c: texts, paragraphs that flow
 * across pages, bullets, callouts, footnotes and blocks drawn by callbacks
 * (typeset.h). */
#include "typeset_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/text.h"

int bs_doc_text_size(bs_doc *d, double w, const char *text, bs_text_kind kind,
                     unsigned flags, double *tw, double *th, bs_error *err)
{
    const tslot *s = bs_ts_shaped(d, text, kind, flags, w, err);

    if (!s)
        return -1;
    if (tw)
        *tw = w > 0 && !(flags & (BS_T_RIGHT | BS_T_CENTRE))
                  ? TO_MM(s->log_x + s->log_w) : TO_MM(s->log_w);
    if (th)
        *th = TO_MM(s->lh);
    return 0;
}

double bs_doc_text(bs_doc *d, double x, double y, double w, const char *text,
                   bs_text_kind kind, unsigned flags, bs_error *err)
{
    const tslot *s = bs_ts_shaped(d, text, kind, flags, w, err);

    if (!s)
        return -1;
    if (w <= 0 && (flags & BS_T_RIGHT))
        x -= TO_MM(s->lw);
    else if (w <= 0 && (flags & BS_T_CENTRE))
        x -= TO_MM(s->lw) / 2;
    if (!d->measuring)
        bs_ts_show(d, s->lay, x, y, bs_ts_flag_colour(d, flags));
    return TO_MM(s->lh);
}

/* Flows the lines of the layout in d->flow from the current position, at
 * x, breaking between lines with orphan and widow control. */
static int flow_lines(bs_doc *d, double x, bs_colour c, bs_error *err)
{
    PangoLayoutIter *it;
    int n = pango_layout_get_line_count(d->flow), i = 0, k;
    double *top = malloc(sizeof(double) * (size_t)(n + 1) * 4), *bot, *base, *lx;

    if (!top)
        return bs_error_set(err, "typeset: out of memory");
    bot = top + n + 1;
    base = bot + n + 1;
    lx = base + n + 1;
    it = pango_layout_get_iter(d->flow);
    for (k = 0; k < n; k++) {
        int y0, y1;
        PangoRectangle lr;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        top[k] = TO_MM(y0);
        bot[k] = TO_MM(y1);
        base[k] = TO_MM(pango_layout_iter_get_baseline(it));
        lx[k] = TO_MM(lr.x);
        pango_layout_iter_next_line(it);
    }
    pango_layout_iter_free(it);

    while (i < n) {
        double room = bs_ts_frame_bottom(d) - d->y;
        int fit = i;
        while (fit < n && bot[fit] - top[i] <= room + 1e-9)
            fit++;
        if (fit < n) {
            if (fit - i < 2 && !d->fresh) {     /* orphan: move on */
                if (bs_doc_new_page(d, 0, err) != 0)
                    goto fail;
                continue;
            }
            if (n - fit < 2 && fit - 1 - i >= 2)  /* widow: take one along */
                fit--;
            if (fit == i)
                fit = i + 1;                  /* a line taller than a page */
        }
        if (!d->measuring) {
            bs_ts_set_colour(d->cr, c);
            for (k = i; k < fit; k++) {
                cairo_move_to(d->cr, (x + lx[k]) * MM,
                              (d->y + base[k] - top[i]) * MM);
                pango_cairo_show_layout_line(
                    d->cr, pango_layout_get_line_readonly(d->flow, k));
            }
            cairo_new_path(d->cr);
        }
        d->y += bot[fit - 1] - top[i];
        d->fresh = 0;
        i = fit;
        if (i < n && bs_doc_new_page(d, 0, err) != 0)
            goto fail;
    }
    free(top);
    return 0;
fail:
    free(top);
    return -1;
}

int bs_doc_paragraph(bs_doc *d, const char *text, bs_text_kind kind,
                     unsigned flags, bs_error *err)
{
    double x, w;

    if (!text || !*text)
        return 0;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (!(flags & BS_T_FULL) && d->st.measure > 0 && d->st.measure < w)
        w = d->st.measure;
    if (bs_ts_ensure_page(d, err) != 0 ||
        bs_ts_setup(d, d->flow, text, kind, flags, w, err) != 0 ||
        flow_lines(d, x, bs_ts_flag_colour(d, flags), err) != 0)
        return -1;
    d->y += bs_ts_line_mm(d, kind) * 0.5;
    return 0;
}

int bs_doc_bullets(bs_doc *d, const char *const *items, size_t n,
                   unsigned flags, bs_error *err)
{
    double x, w, ind = 4.5, lh = bs_ts_line_mm(d, BS_TEXT_BODY);

    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (!(flags & BS_T_FULL) && d->st.measure > 0 && d->st.measure < w)
        w = d->st.measure;
    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int lines;
        if (bs_ts_setup(d, d->flow, items[i], BS_TEXT_BODY, flags, w - ind,
                        err) != 0)
            return -1;
        /* the bullet and the item's first two lines stay together, so the
         * first line is set here, where the bullet goes */
        lines = pango_layout_get_line_count(d->flow);
        if (bs_doc_need(d, (lines < 2 ? lines : 2) * lh, err) != 0 ||
            bs_ts_setup(d, d->flow, items[i], BS_TEXT_BODY, flags, w - ind,
                        err) != 0)
            return -1;
        if (!d->measuring) {
            bs_ts_set_colour(d->cr, d->st.accent);
            cairo_arc(d->cr, (x + 1.3) * MM, (d->y + lh * 0.5) * MM, 1.35, 0,
                      2 * M_PI);
            cairo_fill(d->cr);
        }
        if (flow_lines(d, x + ind, bs_ts_flag_colour(d, flags), err) != 0)
            return -1;
        d->y += lh * 0.25;
    }
    d->y += lh * 0.25;
    return 0;
}

int bs_doc_callout(bs_doc *d, const char *title, const char *text,
                   unsigned flags, bs_error *err)
{
    double x, w, th = 0, bh, pad = 3.5;

    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (!(flags & BS_T_FULL) && d->st.measure > 0 && d->st.measure < w)
        w = d->st.measure;
    if (title && bs_doc_text_size(d, w - 2 * pad - 1.5, title, BS_TEXT_BODY,
                                  BS_T_BOLD, NULL, &th, err) != 0)
        return -1;
    if (bs_doc_text_size(d, w - 2 * pad - 1.5, text, BS_TEXT_BODY, flags, NULL,
                         &bh, err) != 0)
        return -1;
    if (bs_doc_need(d, th + bh + 2 * pad + (title ? 1.2 : 0), err) != 0)
        return -1;
    if (!d->measuring) {
        double h = th + bh + 2 * pad + (title ? 1.2 : 0);
        bs_ts_set_colour(d->cr, d->st.shade);
        cairo_rectangle(d->cr, x * MM, d->y * MM, w * MM, h * MM);
        cairo_fill(d->cr);
        bs_ts_set_colour(d->cr, d->st.accent);
        cairo_rectangle(d->cr, x * MM, d->y * MM, 1.2 * MM, h * MM);
        cairo_fill(d->cr);
    }
    if (title)
        bs_doc_text(d, x + pad + 1.5, d->y + pad, w - 2 * pad - 1.5, title,
                    BS_TEXT_BODY, BS_T_BOLD, err);
    if (bs_doc_text(d, x + pad + 1.5, d->y + pad + th + (title ? 1.2 : 0),
                    w - 2 * pad - 1.5, text, BS_TEXT_BODY, flags, err) < 0)
        return -1;
    d->y += th + bh + 2 * pad + (title ? 1.2 : 0) +
            bs_ts_line_mm(d, BS_TEXT_BODY) * 0.6;
    d->fresh = 0;
    return 0;
}

/* ---- footnotes ---- */

static double note_height(bs_doc *d, const char *symbol, const char *text)
{
    double w = d->st.page_width - d->st.margin_left - d->st.margin_right - 6;
    double h = 0;
    int first = d->nnotes == 0;

    for (size_t i = 0; i < d->nnotes; i++)
        if (strcmp(d->notes[i].symbol, symbol) == 0) {
            if (strcmp(d->notes[i].text, text) == 0)
                return 0;
            /* joined onto the symbol's line: re-measure that line */
            {
                char line[1024];
                size_t used = (size_t)snprintf(line, sizeof line, "%s",
                                               d->notes[i].text);
                double h0 = 0, h1 = 0;
                for (size_t j = i + 1; j < d->nnotes && used < sizeof line; j++)
                    if (strcmp(d->notes[j].symbol, symbol) == 0)
                        used += (size_t)snprintf(line + used, sizeof line - used,
                                                 "; %s", d->notes[j].text);
                bs_doc_text_size(d, w, line, BS_TEXT_SMALL, 0, NULL, &h0, NULL);
                if (used < sizeof line)
                    snprintf(line + used, sizeof line - used, "; %s", text);
                bs_doc_text_size(d, w, line, BS_TEXT_SMALL, 0, NULL, &h1, NULL);
                return h1 - h0;
            }
        }
    bs_doc_text_size(d, w, text, BS_TEXT_SMALL, 0, NULL, &h, NULL);
    return h + (first ? 3.0 : 0);
}

double bs_doc_note_cost(bs_doc *d, const char *symbol, const char *text)
{
    if (!symbol || !text)
        return 0;
    return note_height(d, symbol, text);
}

double bs_doc_note(bs_doc *d, const char *symbol, const char *text)
{
    double h;

    if (!symbol || !text)
        return 0;
    if (!d->open && bs_ts_ensure_page(d, NULL) != 0)
        return 0;
    h = note_height(d, symbol, text);
    for (size_t i = 0; i < d->nnotes; i++)
        if (strcmp(d->notes[i].symbol, symbol) == 0 &&
            strcmp(d->notes[i].text, text) == 0)
            return 0;
    if (d->nnotes == d->capnotes) {
        size_t cap = d->capnotes ? d->capnotes * 2 : 8;
        note *nn = realloc(d->notes, cap * sizeof *nn);
        if (!nn)
            return 0;
        d->notes = nn;
        d->capnotes = cap;
    }
    d->notes[d->nnotes].symbol = bs_text_dup(symbol);
    d->notes[d->nnotes].text = bs_text_dup(text);
    d->nnotes++;
    d->notes_h += h;
    return h;
}

/* ---- blocks ---- */

int bs_doc_block(bs_doc *d, double h, bs_doc_draw_fn draw, void *ud,
                 bs_error *err)
{
    double x, w;

    if (bs_doc_need(d, h, err) != 0)
        return -1;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (!d->measuring && draw) {
        cairo_save(d->cr);
        if (draw(ud, d->cr, x, d->y, w, h, err) != 0) {
            cairo_restore(d->cr);
            return -1;
        }
        cairo_restore(d->cr);
        if (bs_ts_cairo_check(d, err) != 0)
            return -1;
    }
    d->y += h;
    d->fresh = 0;
    return 0;
}

int bs_doc_draw_at(bs_doc *d, double x, double y, double w, double h,
                   bs_doc_draw_fn draw, void *ud, bs_error *err)
{
    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    d->fresh = 0;
    if (d->measuring || !draw)
        return 0;
    cairo_save(d->cr);
    if (draw(ud, d->cr, x, y, w, h, err) != 0) {
        cairo_restore(d->cr);
        return -1;
    }
    cairo_restore(d->cr);
    return bs_ts_cairo_check(d, err);
}
