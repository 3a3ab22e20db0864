/* typeset_doc.h: the document of typeset.h as the files of the typesetter
 * share it (not installed).
 *
 * typeset.c           dates, the house style, text shaping (a cache of
 *                     pango layouts), pages and their furniture and
 *                     footnotes, the two passes (bs_doc_render)
 * typeset_writer.c    the thread that writes finished pages into the PDF
 * typeset_contents.c  headings, the outline and the table of contents
 * typeset_text.c      texts, paragraphs, bullets, callouts, footnotes,
 *                     blocks drawn by callbacks
 * typeset_table.c     tables that break across pages */
#ifndef BS_TYPESET_DOC_H
#define BS_TYPESET_DOC_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>
#include "buurtscan/typeset.h"
#include "buurtscan/words.h"

#define MM BS_MM_PT
#define TO_MM(pu) ((double)(pu) / PANGO_SCALE / MM)   /* pango units -> mm */

typedef struct entry {        /* a heading, recorded in the measuring pass */
    char *text;
    int level;
    int page;                 /* final page number */
    double y;                 /* mm */
    int contents;             /* listed in the contents */
    size_t nchildren;         /* level 1: level-2 entries under it */
} entry;

typedef struct note {
    char *symbol, *text;
} note;

/* A text laid out once and kept: an atlas sets the same strings on every
 * page (questions, column headers, labels, legend entries, the running
 * header), and most texts are measured before they are drawn. Shaping
 * them again each time was a third of a national atlas's run time. */
typedef struct tslot {
    char *text;               /* NULL: empty */
    unsigned key;             /* kind and the flags that change the layout */
    int width;                /* pango units; -1 = no wrapping */
    PangoLayout *lay;
    int lw, lh;               /* pango_layout_get_size */
    int log_x, log_w;         /* logical extents */
    unsigned long used;       /* when last asked for (d->tick) */
} tslot;

/* The cache has TCACHE_SETS sets of TCACHE_WAYS slots; a text goes into
 * the set of its hash, in place of the one asked for longest ago. A page of
 * a profile sets some 60 texts, half of them on every page (questions,
 * column headers, legend entries): with one slot per set two such texts
 * that met in a set pushed each other out on every page, and a national
 * atlas laid out some 30,000 texts twice over. */
#define TCACHE_WAYS 4
#define TCACHE_SETS 256       /* a power of two */
#define TCACHE_SLOTS (TCACHE_WAYS * TCACHE_SETS)

struct bs_doc {
    bs_doc_style st;
    char *title, *header, *footer;
    bs_lang lang;
    PangoFontMap *fm;
    PangoContext *ctx;
    tslot *tcache;            /* TCACHE_SLOTS */
    unsigned long tick;       /* cache clock */
    PangoLayout *flow;        /* paragraphs, which outlive page breaks */
    PangoFontDescription *fd;
    double line_factor[BS_TEXT_NKINDS];   /* pango line spacing per kind */

    int measuring;
    const char *path;         /* the PDF's file, for messages */
    cairo_surface_t *surf;    /* the PDF; only the writer draws on it */
    struct writer *wr;        /* drawing pass: the writer thread */
    cairo_surface_t *rec;     /* drawing pass: the page being composed */
    cairo_t *cr;              /* on rec */
    int page;                 /* pages begun (the current page's number) */
    int open;                 /* a page is open */
    unsigned page_flags;
    double y;                 /* mm from the page top */
    int fresh;                /* nothing set on this page yet */
    char *section;            /* running header text */
    char *page_section;       /* what this page's header shows */
    note *notes;
    size_t nnotes, capnotes;
    double notes_h;           /* mm taken by this page's footnotes */

    entry *ent;
    size_t nent, capent;
    size_t cursor;            /* drawing pass: next entry expected */
    int contents_first;       /* first contents page (measuring numbering); 0 = none */
    char *contents_title;
    int contents_pages;
    int total;
    int last_l1;              /* index of the last level-1 entry, -1 = none */
};

/* An item for the writer: a finished page or an outline entry. */
typedef struct witem {
    cairo_surface_t *page;    /* a finished page, or NULL: an outline entry */
    int level, flags;
    const char *text;         /* outline: entry text (owned by the doc) */
    char attrs[64];
} witem;

struct writer;

/* ---- typeset.c ---- */

/* The line height of a kind in mm (one line of text). */
double bs_ts_line_mm(const bs_doc *d, bs_text_kind k);
/* Prepares layout l for text; w_mm <= 0: no wrapping. */
int bs_ts_setup(bs_doc *d, PangoLayout *l, const char *text,
                bs_text_kind kind, unsigned flags, double w_mm, bs_error *err);
/* text laid out for kind, flags and width w_mm (<= 0: no wrapping), from
 * the cache or laid out now into its slot. The slot stays valid until the
 * next call; a caller that keeps the layout longer takes a reference. NULL
 * on bad markup. */
const tslot *bs_ts_shaped(bs_doc *d, const char *text, bs_text_kind kind,
                          unsigned flags, double w_mm, bs_error *err);
bs_colour bs_ts_flag_colour(const bs_doc *d, unsigned flags);
void bs_ts_set_colour(cairo_t *cr, bs_colour c);
/* Shows layout l with its top-left at x, y (mm). */
void bs_ts_show(bs_doc *d, PangoLayout *l, double x, double y, bs_colour c);
/* Where the text frame ends: above this page's footnotes. */
double bs_ts_frame_bottom(const bs_doc *d);
/* -1 with a message naming the PDF when the writer failed (s), else 0. */
int bs_ts_writer_check(bs_doc *d, cairo_status_t s, bs_error *err);
/* Errors of the page being composed and of the writer. */
int bs_ts_cairo_check(bs_doc *d, bs_error *err);
/* Ends the open page (furniture, footnotes, to the writer). */
int bs_ts_finish_page(bs_doc *d, bs_error *err);
/* A page is open, or a new one is begun. */
int bs_ts_ensure_page(bs_doc *d, bs_error *err);

/* ---- typeset_writer.c ---- */

/* A writer thread painting pages into surf; NULL when it cannot start. */
struct writer *bs_ts_writer_start(cairo_surface_t *surf);
/* Hands an item to the writer (waiting while the queue is full); returns
 * the writer's status so far. The writer owns it->page from here on. */
cairo_status_t bs_ts_writer_put(struct writer *w, const witem *it);
cairo_status_t bs_ts_writer_status(struct writer *w);
/* Lets the writer finish the queue, joins it, frees it and returns its
 * status. */
cairo_status_t bs_ts_writer_stop(struct writer *w);

/* ---- typeset_contents.c ---- */

/* Lays out the contents: counts pages (draw = 0) or draws them. */
int bs_ts_contents_run(bs_doc *d, const char *title, int draw, int *pages,
                       bs_error *err);

#endif
