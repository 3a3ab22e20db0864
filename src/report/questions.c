/* questions.c: the close of an area page: the three questions of the scan,
 * each in a box with the notes of the conversations in the area (or a
 * dash), and the source line. */
#include "internal.h"

#include <math.h>

#define QGAP 3.0              /* mm between the question boxes */

typedef struct qbox {
    const rctx *c;
    double h[3];
} qbox;

static int qbox_cb(void *ud, cairo_t *cr, double x, double y, double w,
                   double h, bs_error *err)
{
    const qbox *qb = ud;

    (void)h;
    (void)err;
    for (int q = 0; q < 3; q++) {
        cairo_set_source_rgb(cr, 0.953, 0.957, 0.965);
        cairo_rectangle(cr, x * MM, y * MM, w * MM, qb->h[q] * MM);
        cairo_fill(cr);
        bs_rep_colset(cr, qb->c->accent);
        cairo_rectangle(cr, x * MM, y * MM, w * MM, 0.9);
        cairo_fill(cr);
        y += qb->h[q] + QGAP;
    }
    return 0;
}

/* The boxes, sharing the rest of the page (hq, hn: the heights of the
 * questions and the notes; sh: of the source line). */
static int boxes(bs_doc *d, rctx *c, const char *const note[3],
                 const double hq[3], const double hn[3], double pad,
                 double room, double need, double sh, bs_error *err)
{
    double x, w, bottom, extra = (room - need) / 3, y = bs_doc_y(d);
    qbox qb;

    bs_doc_frame(d, &x, NULL, &w, NULL);
    qb.c = c;
    for (int q = 0; q < 3; q++)
        qb.h[q] = hq[q] + hn[q] + 2 * pad + 1.2 + extra;
    if (bs_doc_draw_at(d, x, y, w, room + 2 * QGAP, qbox_cb, &qb, err) != 0)
        return -1;
    for (int q = 0; q < 3; q++) {
        if (bs_doc_text(d, x + pad, y + pad, w - 2 * pad, c->t->question[q],
                        BS_TEXT_BODY, BS_T_BOLD | BS_T_ACCENT, err) < 0 ||
            bs_doc_text(d, x + pad, y + pad + hq[q] + 1.2, w - 2 * pad,
                        note[q] ? note[q] : "\xe2\x80\x94", BS_TEXT_BODY,
                        note[q] ? 0 : BS_T_SUBTLE, err) < 0)
            return -1;
        y += qb.h[q] + QGAP;
    }
    /* the source line closes the frame, above the page's footnotes */
    bs_doc_frame(d, NULL, NULL, NULL, &bottom);
    if (c->s->source &&
        bs_doc_text(d, x, bottom - sh, w, c->s->source, BS_TEXT_SMALL,
                    BS_T_SUBTLE, err) < 0)
        return -1;
    bs_doc_set_y(d, bottom);
    return 0;
}

/* Notes too long for the page: the questions flow on, each under a rule. */
static int flowing(bs_doc *d, rctx *c, const char *const note[3],
                   const double hq[3], bs_error *err)
{
    double x, w;

    bs_doc_frame(d, &x, NULL, &w, NULL);
    for (int q = 0; q < 3; q++) {
        if (bs_doc_need(d, hq[q] + 2 * 5, err) != 0 ||
            bs_doc_draw_at(d, x, bs_doc_y(d), w, 0.32, bs_rep_bar, c, err) != 0)
            return -1;
        bs_doc_set_y(d, bs_doc_y(d) + 1.6);
        if (bs_doc_paragraph(d, c->t->question[q], BS_TEXT_BODY,
                             BS_T_BOLD | BS_T_ACCENT | BS_T_FULL, err) != 0)
            return -1;
        bs_doc_set_y(d, bs_doc_y(d) - 1.6);
        if (bs_doc_paragraph(d, note[q] ? note[q] : "\xe2\x80\x94", BS_TEXT_BODY,
                             note[q] ? BS_T_FULL : BS_T_SUBTLE, err) != 0)
            return -1;
    }
    return bs_rep_source(d, c, err);
}

/* The three questions of the scan, each in a box with the notes (or a
 * dash); the boxes share the rest of the page, which leaves room to write
 * at the partner table. Notes too long for the page flow on instead. The
 * source line closes the page. */
int bs_rep_questions(bs_doc *d, rctx *c, size_t i, bs_error *err)
{
    double x, w, sh = 0, room, need = 0, hq[3], hn[3], pad = 2.6;
    const char *note[3];

    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (c->s->source && bs_doc_text_size(d, w, c->s->source, BS_TEXT_SMALL, 0,
                                         NULL, &sh, err) != 0)
        return -1;
    for (int q = 0; q < 3; q++) {
        const char *n = c->s->report.notes ? c->s->report.notes[3 * i + q] : NULL;
        note[q] = n && *n ? n : NULL;
        if (bs_doc_text_size(d, w - 2 * pad, c->t->question[q], BS_TEXT_BODY,
                             BS_T_BOLD, NULL, &hq[q], err) != 0 ||
            bs_doc_text_size(d, w - 2 * pad, note[q] ? note[q] : "\xe2\x80\x94",
                             BS_TEXT_BODY, 0, NULL, &hn[q], err) != 0)
            return -1;
        need += hq[q] + hn[q] + 2 * pad + 1.2;
    }
    bs_doc_skip(d, 1);
    room = bs_doc_room(d) - sh - 4 - 2 * QGAP;
    if (need > room && need - 3 * 2 * (pad - 1.4) <= room) {
        need -= 3 * 2 * (pad - 1.4);   /* tighter boxes before giving up */
        pad = 1.4;
    }
    if (need <= room)
        return boxes(d, c, note, hq, hn, pad, room, need, sh, err);
    return flowing(d, c, note, hq, err);
}
