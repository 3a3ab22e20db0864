/* typeset.h: a small page-layout engine for A4 reports on cairo PDF
 * surfaces, with pango for text.
 *
 * A document is composed by a callback that calls the functions below in
 * reading order: pages, headings, paragraphs, bullet lists, tables, blocks
 * drawn by the caller (maps, charts) and footnotes. bs_doc_render runs the
 * callback twice:
 *   1. measuring: text is laid out and pages are counted, nothing is drawn
 *      (bs_doc_cairo returns NULL, block callbacks are not called);
 *   2. drawing: the same calls, now with the total number of pages and the
 *      page of every heading known, so that the footer can say "pagina 3
 *      van 40" and the contents can give page numbers.
 * The callback must therefore make the same calls in both passes (it may
 * skip work that only draws). The engine checks that both passes give the
 * same pages and fails with an error otherwise.
 *
 * Page furniture: a running header (document title left, the current
 * section right, a hairline under them) and footer (info->footer left,
 * "pagina N van M" right) on every page except those begun with
 * BS_PAGE_PLAIN. Footnotes registered on a page are set above the footer.
 * Headings add entries to the PDF outline (level 1 under the root, level 2
 * under the last level 1) and to the table of contents.
 *
 * Paragraphs are set ragged right (no justification, no hyphenation) at
 * most style.measure wide; they break across pages between lines, keeping
 * at least two lines on each side. Tables break between rows and repeat
 * their header (and caption, marked "(vervolg)") on every page; a table
 * starts on a new page unless its header and first four rows fit, and its
 * last three rows never stand alone on a page.
 *
 * Units: the API takes millimetres from the top-left corner of the page;
 * cairo contexts handed to callbacks have one user unit = one point, with
 * the origin at the top-left of the page. One PangoFontMap, context and a
 * few layouts serve the whole document (both passes). Nothing aborts: cairo
 * and pango errors come back as -1 with a message.
 *
 * Threads: in the drawing pass every page is composed into a cairo
 * recording surface, and a writer thread writes the finished pages into
 * the PDF while the next ones are composed. So the context bs_doc_cairo
 * returns is the current page's (a new one on every page). A surface the
 * callback paints as a source (cairo_set_source_surface) may be destroyed
 * or drawn on while its page is still being composed (cairo then keeps a
 * copy in the page), but not after that page is finished, until
 * bs_doc_render returns: the writer may be reading it. Simplest is a
 * surface per page, destroyed right after painting it; cairo's PDF writer
 * keeps one XObject for all that carry the same CAIRO_MIME_TYPE_UNIQUE_ID.
 * The callback itself runs on the calling thread, and only there is pango
 * used. */
#ifndef BUURTSCAN_TYPESET_H
#define BUURTSCAN_TYPESET_H

#include <cairo.h>
#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/style.h"

#define BS_MM_PT (72.0 / 25.4)   /* points per millimetre */

/* ---- dates ---- */

/* Formats an ISO date "YYYY-MM-DD" (anything after the day, such as
 * "T00:00:00", is ignored) for people: "22 november 2026" in "nl" (also
 * NULL), "22 November 2026" in "en". Returns 0, or -1 for a malformed or
 * impossible date (2026-02-29) or an unknown language. */
int bs_date_format(const char *iso, const char *language, char *buf, size_t n);

/* ---- the look ---- */

typedef struct bs_doc_style {
    char font[96];            /* pango family list */
    double body_size;         /* pt */
    double leading;           /* line height as a multiple of the size */
    double small_size;        /* captions, notes in tables, footnotes */
    double table_size;
    double h1_size, h2_size;
    double title_size, subtitle_size;   /* cover page */
    double furniture_size;    /* running header and footer */
    bs_colour text, subtle, accent, rule, zebra, shade;
    double page_width, page_height;     /* mm (A4 portrait: 210 x 297) */
    double margin_top, margin_bottom, margin_left, margin_right;  /* mm */
    double measure;           /* mm: widest running paragraph */
} bs_doc_style;

/* The house style: DejaVu Sans 9.5/13.3 pt, a dark blue accent, A4 with
 * 22 mm side margins and a 140 mm measure. */
void bs_doc_style_default(bs_doc_style *s);

/* Metadata and furniture texts (all copied; NULL = none). */
typedef struct bs_doc_info {
    const char *title;        /* PDF title; the running header by default */
    const char *author, *subject, *keywords;
    const char *creator;      /* NULL = "buurtscan" */
    const char *iso_date;     /* "YYYY-MM-DD[Thh:mm:ss]": PDF create and mod
                                 date; NULL = now (or SOURCE_DATE_EPOCH).
                                 A fixed date gives a byte-identical PDF. */
    const char *language;     /* "nl" (also NULL) or "en" */
    const char *header;       /* running header, left; NULL = title */
    const char *footer;       /* footer, left; may be NULL */
} bs_doc_info;

typedef struct bs_doc bs_doc;

/* Composes the document (see the top of this file). Returns 0 or -1. */
typedef int (*bs_doc_compose_fn)(bs_doc *d, void *ud, bs_error *err);

/* Renders the document to a PDF at path (written directly; on failure the
 * file is removed). *pages (may be NULL) gets the page count. Errors: bad
 * info (date, language), cairo errors naming path, the callback's own
 * errors, and passes that disagree. */
int bs_doc_render(const bs_doc_info *info, const bs_doc_style *style,
                  bs_doc_compose_fn compose, void *ud, const char *path,
                  int *pages, bs_error *err);

/* ---- state ---- */

int bs_doc_measuring(const bs_doc *d);      /* 1 in the measuring pass */
cairo_t *bs_doc_cairo(bs_doc *d);           /* NULL while measuring */
const bs_doc_style *bs_doc_get_style(const bs_doc *d);

/* The text frame of the page: left x, top y, width, and the y where the
 * footnotes (or the bottom margin) begin. */
void bs_doc_frame(const bs_doc *d, double *x, double *top, double *w,
                  double *bottom);
double bs_doc_y(const bs_doc *d);           /* current position, mm */
void bs_doc_set_y(bs_doc *d, double y_mm);  /* move (down or up) on the page */
double bs_doc_room(const bs_doc *d);        /* mm from y to bottom */

/* ---- flow ---- */

#define BS_PAGE_PLAIN 1u      /* no running header or footer (cover) */

/* Starts a new page (finishing the current one). */
int bs_doc_new_page(bs_doc *d, unsigned flags, bs_error *err);

/* Starts a new page unless h_mm fits below the current position. */
int bs_doc_need(bs_doc *d, double h_mm, bs_error *err);

/* Vertical space; ignored at the top of a page. */
void bs_doc_skip(bs_doc *d, double h_mm);

/* Sets the running header's section text for this page and the next. */
void bs_doc_section(bs_doc *d, const char *text);

/* A heading of level 1 or 2: starts a new page unless the heading and
 * keep_mm below it fit, sets it, adds an outline entry and a contents
 * entry (level 1 also becomes the running section). */
int bs_doc_heading(bs_doc *d, int level, const char *text, double keep_mm,
                   bs_error *err);

/* An outline (and, with contents != 0, contents) entry at the current
 * position, without printing anything (e.g. for the cover). */
int bs_doc_mark(bs_doc *d, int level, const char *text, int contents,
                bs_error *err);

/* The table of contents, from a new page, with page numbers (and dot leaders);
 * the next call starts on a fresh page. Entries are single lines (long
 * ones are shortened with an ellipsis); level-2 entries are indented. */
int bs_doc_contents(bs_doc *d, const char *title, bs_error *err);

/* ---- text ---- */

typedef enum bs_text_kind {
    BS_TEXT_BODY = 0,
    BS_TEXT_SMALL,
    BS_TEXT_TABLE,
    BS_TEXT_H1,
    BS_TEXT_H2,
    BS_TEXT_TITLE,
    BS_TEXT_SUBTITLE,
    BS_TEXT_FURNITURE,
    BS_TEXT_NKINDS
} bs_text_kind;

#define BS_T_BOLD 1u
#define BS_T_ITALIC 2u
#define BS_T_MARKUP 4u        /* pango markup (<b>, <i>, <sup>) */
#define BS_T_RIGHT 8u
#define BS_T_CENTRE 16u
#define BS_T_SUBTLE 32u       /* grey */
#define BS_T_ACCENT 64u       /* accent colour */
#define BS_T_ONELINE 128u     /* one line, shortened with an ellipsis */
#define BS_T_FULL 256u        /* paragraphs: the full frame width, not the measure */
#define BS_T_WHITE 512u
#define BS_T_BREAKWORDS 1024u /* a word wider than the box breaks, with a
                                 hyphen (table headers use this) */

/* Sets text at x, y (top of the first line) in a box w wide (w <= 0: no
 * wrapping; then BS_T_RIGHT aligns the text's end at x). Draws only in the
 * drawing pass; returns the height in mm in both passes (-1 on bad markup,
 * with the reason in err). */
double bs_doc_text(bs_doc *d, double x, double y, double w, const char *text,
                   bs_text_kind kind, unsigned flags, bs_error *err);

/* Width and height in mm of text set w wide (w <= 0: natural width). */
int bs_doc_text_size(bs_doc *d, double w, const char *text, bs_text_kind kind,
                     unsigned flags, double *tw, double *th, bs_error *err);

/* A paragraph in the flow, followed by half a line of space. */
int bs_doc_paragraph(bs_doc *d, const char *text, bs_text_kind kind,
                     unsigned flags, bs_error *err);

/* A bullet list (items with hanging indent), in the flow. */
int bs_doc_bullets(bs_doc *d, const char *const *items, size_t n,
                   unsigned flags, bs_error *err);

/* A shaded box with an accent bar on the left, a bold title and text;
 * kept on one page. */
int bs_doc_callout(bs_doc *d, const char *title, const char *text,
                   unsigned flags, bs_error *err);

/* Registers a footnote for the current page: "symbol  text". The same
 * symbol and text once per page; the same symbol with other texts are set
 * on one line ("·  onbekend; geheim of onbetrouwbaar"). Returns the mm the
 * page's text area lost (0 when the note was already there). */
double bs_doc_note(bs_doc *d, const char *symbol, const char *text);

/* What bs_doc_note would cost on this page, without registering it. */
double bs_doc_note_cost(bs_doc *d, const char *symbol, const char *text);

/* ---- drawn blocks ---- */

/* Draws into x, y, w, h (mm; cr in points, origin at the page corner). */
typedef int (*bs_doc_draw_fn)(void *ud, cairo_t *cr, double x, double y,
                              double w, double h, bs_error *err);

/* A block h_mm high in the flow, the full frame width: starts a new page
 * unless it fits, calls draw (drawing pass only), moves below it. */
int bs_doc_block(bs_doc *d, double h_mm, bs_doc_draw_fn draw, void *ud,
                 bs_error *err);

/* Calls draw for a rectangle placed by the caller (drawing pass only). */
int bs_doc_draw_at(bs_doc *d, double x, double y, double w, double h,
                   bs_doc_draw_fn draw, void *ud, bs_error *err);

/* ---- tables ---- */

typedef enum bs_align {
    BS_ALIGN_LEFT = 0,
    BS_ALIGN_RIGHT = 1,       /* numbers */
    BS_ALIGN_CENTRE = 2
} bs_align;

typedef struct bs_doc_column {
    const char *title;        /* header; wraps between words */
    double width;             /* mm; 0 = an equal share of what is left. A
                                 fixed column is widened to the widest word
                                 of its header while the free columns keep
                                 25 mm; otherwise that word breaks with a
                                 hyphen */
    bs_align align;
    int graphic;              /* cells drawn by the table's draw callback */
    int rotate;               /* header set upwards (narrow number columns
                                 under long labels); lines of at most 52 mm */
} bs_doc_column;

/* What the cell callback fills in (zeroed before each call). */
typedef struct bs_doc_cell {
    char buf[256];
    const char *text;         /* NULL = empty; may point into buf */
    int bold;
    int subtle;
    const char *note_symbol;  /* a footnote this cell needs on its page */
    const char *note_text;
} bs_doc_cell;

#define BS_ROW_BOLD 1u        /* every cell bold (totals) */
#define BS_ROW_RULE 2u        /* a rule above the row */
#define BS_ROW_SHADE 4u       /* highlighted */

typedef struct bs_doc_table {
    const bs_doc_column *cols;
    size_t ncols;
    size_t nrows;
    const char *caption;      /* above the table; NULL = none */
    int zebra;                /* shade every other row */
    double x, width;          /* mm; width 0 = the frame (x ignored) */
    double min_row;           /* mm; 0 = from the type size */
    void (*cell)(void *ud, size_t row, size_t col, bs_doc_cell *out);
    unsigned (*row_flags)(void *ud, size_t row);   /* BS_ROW_*, may be NULL */
    int (*draw)(void *ud, cairo_t *cr, size_t row, size_t col, double x,
                double y, double w, double h, bs_error *err);
    void *ud;
} bs_doc_table;

/* Sets a table in the flow (see the top of this file). Left-aligned text
 * cells wrap; numbers do not. Returns 0 or -1. */
int bs_doc_table_run(bs_doc *d, const bs_doc_table *t, bs_error *err);

/* ---- test hook ---- */

/* Called for every text box the drawing pass shows: its page (1-based),
 * top-left x, y and size w, h (mm, the ink of its lines) and its text. */
typedef void (*bs_doc_box_fn)(void *ud, int page, double x, double y,
                              double w, double h, const char *text);

/* Sets the process-wide box hook (NULL: none), for tests that check the
 * layout (e.g. that no two text boxes of a page overlap). Not for use while
 * another thread typesets. */
void bs_doc_set_box_hook(bs_doc_box_fn fn, void *ud);

#endif
