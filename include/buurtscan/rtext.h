/* rtext.h: the one text set-up of everything buurtscan draws with pango:
 * map pages and panels (render) and the reports' typesetting (report).
 *
 * Every pango context is made here, with unhinted metrics and outlines, so
 * that text measures the same on PDF, SVG and PNG (what fits in one fits in
 * all), and with 72 units per inch, so that absolute sizes are points, the
 * user unit of every surface buurtscan draws on.
 *
 * bs_rtext is the small text box the map rooms set labels, legends and
 * furniture with: one layout and one font description, reset for each
 * text. */
#ifndef BUURTSCAN_RTEXT_H
#define BUURTSCAN_RTEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include "buurtscan/style.h"

/* Glyph positions: pango's default rounds them to whole units (points
 * here); BS_RTEXT_UNROUNDED keeps them where the font puts them, for even
 * spacing and whole words in a PDF instead of one position correction per
 * glyph (the reports use it; the maps keep the default). */
#define BS_RTEXT_UNROUNDED 1u

/* Gives ctx the set-up above (flags: BS_RTEXT_UNROUNDED or 0). */
void bs_rtext_setup(PangoContext *ctx, unsigned flags);

/* A new context for drawing on cr (the thread's default font map, cr's
 * target options), set up with flags. NULL when pango fails. The caller
 * unrefs it (g_object_unref). */
PangoContext *bs_rtext_context_for(cairo_t *cr, unsigned flags);

/* A font map of the caller's own and a context on it, set up with flags,
 * for text measured apart from any surface (a document laid out before it
 * is drawn). Returns 0, or -1 when pango cannot make the font map (then
 * *fm and *ctx are NULL). The caller unrefs both. */
int bs_rtext_context_own(PangoFontMap **fm, PangoContext **ctx, unsigned flags);

/* A text box on cr in the font family list font. */
typedef struct bs_rtext {
    cairo_t *cr;
    PangoContext *ctx;
    PangoLayout *lay;
    PangoFontDescription *fd;
} bs_rtext;

/* Sets t up for drawing on cr. Returns 0, or -1 when pango fails (call
 * bs_rtext_free all the same). */
int bs_rtext_init(bs_rtext *t, cairo_t *cr, const char *font);

/* Frees what bs_rtext_init made (also after a failed init). */
void bs_rtext_free(bs_rtext *t);

/* Lays out s (NULL = "") at size pt, bold or not; width_pt > 0 wraps at
 * that width (between words, within a word that is wider) and max_lines >
 * 0 shortens with an ellipsis after that many lines. Lines are
 * left-aligned. */
void bs_rtext_set(bs_rtext *t, const char *s, double size, int bold,
                  double width_pt, int max_lines);

/* Width and height (pt) of the text last set, and its number of lines. */
double bs_rtext_width(const bs_rtext *t);
double bs_rtext_height(const bs_rtext *t);
int bs_rtext_lines(const bs_rtext *t);

/* Narrows a wrapped layout as far as it keeps its line count, so that two
 * lines come out about even rather than one full line and a lone word. */
void bs_rtext_balance(bs_rtext *t, double width_pt);

/* Draws the text last set with its top left at x, y (pt) in colour c. */
void bs_rtext_show(bs_rtext *t, double x_pt, double y_pt, bs_colour c);

#endif
