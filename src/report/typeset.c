/* typeset.c: pages, furniture, headings, paragraphs, lists, tables and
 * footnotes on cairo PDF surfaces with pango (contract in typeset.h).
 *
 * Two passes share one bs_doc: the first lays out text and counts pages
 * (no surface), the second draws with the page count and the page of
 * every heading known. The headings recorded in the first pass are the
 * contents; the contents pages themselves are left out of the first pass
 * and added afterwards, which is exact because they start and end on page
 * boundaries. */
#include "buurtscan/typeset.h"
#include "buurtscan/rtext.h"
#include "buurtscan/text.h"
#include "buurtscan/words.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MM BS_MM_PT
#define TO_MM(pu) ((double)(pu) / PANGO_SCALE / MM)   /* pango units -> mm */

/* ---- dates ---- */

static int parse_iso(const char *iso, int *y, int *m, int *dd)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap;

    if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            return -1;
    if (iso[10] && iso[10] != 'T' && iso[10] != ' ')
        return -1;
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *dd = atoi(iso + 8);
    if (*m < 1 || *m > 12 || *dd < 1)
        return -1;
    leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    if (*dd > mdays[*m - 1] + (*m == 2 && leap))
        return -1;
    return 0;
}

int bs_date_format(const char *iso, const char *language, char *buf, size_t n)
{
    int y, m, dd;
    bs_lang lang;

    if (parse_iso(iso, &y, &m, &dd) != 0 || bs_lang_parse(language, &lang) != 0)
        return -1;
    snprintf(buf, n, "%d %s %d", dd,
             bs_word((bs_wordkey)(BS_W_JANUARY + m - 1), lang), y);
    return 0;
}

/* ---- style ---- */

static bs_colour rgb(unsigned hex)
{
    bs_colour c = {((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0,
                   (hex & 255) / 255.0};
    return c;
}

void bs_doc_style_default(bs_doc_style *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->font, sizeof s->font, "%s", "DejaVu Sans,Sans");
    s->body_size = 9.5;
    s->leading = 1.4;
    s->small_size = 7.5;
    s->table_size = 8.0;
    s->h1_size = 17.0;
    s->h2_size = 11.5;
    s->title_size = 28.0;
    s->subtitle_size = 14.0;
    s->furniture_size = 7.0;
    s->text = rgb(0x1a1a1a);
    s->subtle = rgb(0x5f5f5f);
    s->accent = rgb(0x1d4f73);
    s->rule = rgb(0xa6a6a6);
    s->zebra = rgb(0xf1f3f5);
    s->shade = rgb(0xe4edf4);
    s->page_width = 210.0;
    s->page_height = 297.0;
    s->margin_top = 24.0;
    s->margin_bottom = 22.0;
    s->margin_left = 22.0;
    s->margin_right = 22.0;
    s->measure = 140.0;
}

/* ---- the document ---- */

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

static double kind_size(const bs_doc *d, bs_text_kind k)
{
    switch (k) {
    case BS_TEXT_BODY: return d->st.body_size;
    case BS_TEXT_SMALL: return d->st.small_size;
    case BS_TEXT_TABLE: return d->st.table_size;
    case BS_TEXT_H1: return d->st.h1_size;
    case BS_TEXT_H2: return d->st.h2_size;
    case BS_TEXT_TITLE: return d->st.title_size;
    case BS_TEXT_SUBTITLE: return d->st.subtitle_size;
    case BS_TEXT_FURNITURE: return d->st.furniture_size;
    default: return d->st.body_size;
    }
}

/* Leading of a kind, as a multiple of its size. */
static double kind_leading(const bs_doc *d, bs_text_kind k)
{
    switch (k) {
    case BS_TEXT_H1: case BS_TEXT_TITLE: return 1.15;
    case BS_TEXT_H2: case BS_TEXT_SUBTITLE: return 1.25;
    case BS_TEXT_TABLE: case BS_TEXT_SMALL: case BS_TEXT_FURNITURE: return 1.3;
    default: return d->st.leading;
    }
}

/* The line height of a kind in mm (one line of text). */
static double line_mm(const bs_doc *d, bs_text_kind k)
{
    return kind_size(d, k) * kind_leading(d, k) / MM;
}

static int text_init(bs_doc *d, bs_error *err)
{
    /* the house text set-up, with glyphs where the font puts them, not
     * rounded to whole points: the spacing is even, and the PDF gets whole
     * words instead of one position correction per glyph, a sixth less to
     * write and to compress */
    if (bs_rtext_context_own(&d->fm, &d->ctx, BS_RTEXT_UNROUNDED) != 0)
        return bs_error_set(err, "typeset: cannot create a pango font map");
    d->tcache = calloc(TCACHE_SLOTS, sizeof *d->tcache);
    if (!d->tcache)
        return bs_error_set(err, "typeset: out of memory");
    d->flow = pango_layout_new(d->ctx);
    d->fd = pango_font_description_from_string(d->st.font);
    pango_font_description_set_family(d->fd, d->st.font);
    /* pango's line spacing factor multiplies the font's own line height;
     * compute it once per kind so that baselines are leading * size apart */
    for (int k = 0; k < BS_TEXT_NKINDS; k++) {
        PangoFontMetrics *fm;
        double h;
        pango_font_description_set_absolute_size(
            d->fd, kind_size(d, (bs_text_kind)k) * PANGO_SCALE);
        fm = pango_context_get_metrics(d->ctx, d->fd, NULL);
        h = (double)(pango_font_metrics_get_ascent(fm) +
                     pango_font_metrics_get_descent(fm)) / PANGO_SCALE;
        pango_font_metrics_unref(fm);
        if (!(h > 0))
            return bs_error_set(err, "typeset: font '%s' has no metrics",
                                d->st.font);
        d->line_factor[k] = kind_size(d, (bs_text_kind)k) *
                            kind_leading(d, (bs_text_kind)k) / h;
    }
    return 0;
}

static void text_free(bs_doc *d)
{
    if (d->tcache)
        for (size_t i = 0; i < TCACHE_SLOTS; i++) {
            free(d->tcache[i].text);
            if (d->tcache[i].lay)
                g_object_unref(d->tcache[i].lay);
        }
    free(d->tcache);
    if (d->flow) g_object_unref(d->flow);
    if (d->ctx) g_object_unref(d->ctx);
    if (d->fm) g_object_unref(d->fm);
    if (d->fd) pango_font_description_free(d->fd);
}

/* Prepares layout l for text; w_mm <= 0: no wrapping. */
static int setup(bs_doc *d, PangoLayout *l, const char *text,
                 bs_text_kind kind, unsigned flags, double w_mm, bs_error *err)
{
    PangoAttrList *attrs = pango_attr_list_new();

    pango_font_description_set_absolute_size(d->fd, kind_size(d, kind) *
                                             PANGO_SCALE);
    pango_font_description_set_weight(d->fd, (flags & BS_T_BOLD) ||
                                      kind == BS_TEXT_H1 || kind == BS_TEXT_H2 ||
                                      kind == BS_TEXT_TITLE
                                      ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d->fd, (flags & BS_T_ITALIC)
                                     ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, d->fd);
    pango_layout_set_line_spacing(l, (float)d->line_factor[kind]);
    if (w_mm > 0) {
        pango_layout_set_width(l, (int)(w_mm * MM * PANGO_SCALE));
        pango_layout_set_wrap(l, (flags & BS_T_BREAKWORDS) ? PANGO_WRAP_WORD_CHAR
                                                           : PANGO_WRAP_WORD);
    } else {
        pango_layout_set_width(l, -1);
    }
    pango_layout_set_ellipsize(l, (flags & BS_T_ONELINE) && w_mm > 0
                               ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_alignment(l, (flags & BS_T_RIGHT) ? PANGO_ALIGN_RIGHT
                               : (flags & BS_T_CENTRE) ? PANGO_ALIGN_CENTER
                               : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(l, FALSE);
    if (flags & BS_T_MARKUP) {
        PangoAttrList *ma = NULL;
        char *plain = NULL;
        GError *ge = NULL;
        if (!pango_parse_markup(text ? text : "", -1, 0, &ma, &plain, NULL,
                                &ge)) {
            bs_error_set(err, "typeset: bad markup in '%.60s': %s",
                         text ? text : "", ge ? ge->message : "?");
            if (ge)
                g_error_free(ge);
            pango_attr_list_unref(attrs);
            return -1;
        }
        pango_attr_list_unref(attrs);
        attrs = ma;
        pango_layout_set_text(l, plain, -1);
        g_free(plain);
    } else {
        pango_layout_set_text(l, text ? text : "", -1);
    }
    /* no hyphenation, except where a word must break (BS_T_BREAKWORDS) */
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(
                                      (flags & BS_T_BREAKWORDS) != 0));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    return 0;
}

/* The flags that change a layout (not its colour). */
#define LAYOUT_FLAGS (BS_T_BOLD | BS_T_ITALIC | BS_T_MARKUP | BS_T_RIGHT |      \
                      BS_T_CENTRE | BS_T_ONELINE | BS_T_BREAKWORDS)

/* text laid out for kind, flags and width w_mm (<= 0: no wrapping), from
 * the cache or laid out now into its slot. The slot stays valid until the
 * next call; a caller that keeps the layout longer takes a reference (the
 * slot then gets a new layout when it is reused). NULL on bad markup. */
static const tslot *shaped(bs_doc *d, const char *text, bs_text_kind kind,
                           unsigned flags, double w_mm, bs_error *err)
{
    unsigned key = (unsigned)kind << 16 | (flags & LAYOUT_FLAGS);
    int width = w_mm > 0 ? (int)(w_mm * MM * PANGO_SCALE) : -1;
    uint32_t h = 2166136261u;             /* FNV-1a over text, key, width */
    tslot *set, *s;
    PangoRectangle log;

    if (!text)
        text = "";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ key) * 16777619u;
    h = (h ^ (uint32_t)width) * 16777619u;
    set = &d->tcache[((h ^ h >> 15) & (TCACHE_SETS - 1)) * TCACHE_WAYS];
    s = set;
    for (int k = 0; k < TCACHE_WAYS; k++) {
        tslot *t = &set[k];
        if (t->text && t->key == key && t->width == width &&
            strcmp(t->text, text) == 0) {
            t->used = ++d->tick;
            return t;
        }
        if (s->text && (!t->text || t->used < s->used))
            s = t;            /* an empty slot, else the least recently used */
    }
    s->used = ++d->tick;
    free(s->text);
    s->text = NULL;
    if (s->lay && G_OBJECT(s->lay)->ref_count > 1) {
        g_object_unref(s->lay);           /* a table still shows it */
        s->lay = NULL;
    }
    if (!s->lay)
        s->lay = pango_layout_new(d->ctx);
    if (setup(d, s->lay, text, kind, flags, w_mm, err) != 0)
        return NULL;
    pango_layout_get_size(s->lay, &s->lw, &s->lh);
    pango_layout_get_extents(s->lay, NULL, &log);
    s->log_x = log.x;
    s->log_w = log.width;
    s->key = key;
    s->width = width;
    s->text = bs_text_dup(text);
    return s;   /* out of memory for the copy: laid out, but not kept */
}

static bs_colour flag_colour(const bs_doc *d, unsigned flags)
{
    if (flags & BS_T_WHITE)
        return rgb(0xffffff);
    if (flags & BS_T_ACCENT)
        return d->st.accent;
    if (flags & BS_T_SUBTLE)
        return d->st.subtle;
    return d->st.text;
}

static void set_colour(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Shows layout l with its top-left at x, y (mm). */
static void show(bs_doc *d, PangoLayout *l, double x, double y, bs_colour c)
{
    if (!d->cr)
        return;
    set_colour(d->cr, c);
    cairo_move_to(d->cr, x * MM, y * MM);
    pango_cairo_show_layout(d->cr, l);
    cairo_new_path(d->cr);   /* no current point for a later arc to join */
}

/* ---- state ---- */

int bs_doc_measuring(const bs_doc *d) { return d->measuring; }
cairo_t *bs_doc_cairo(bs_doc *d) { return d->measuring ? NULL : d->cr; }
const bs_doc_style *bs_doc_get_style(const bs_doc *d) { return &d->st; }

static double frame_bottom(const bs_doc *d)
{
    return d->st.page_height - d->st.margin_bottom - d->notes_h;
}

void bs_doc_frame(const bs_doc *d, double *x, double *top, double *w,
                  double *bottom)
{
    if (x) *x = d->st.margin_left;
    if (top) *top = d->st.margin_top;
    if (w) *w = d->st.page_width - d->st.margin_left - d->st.margin_right;
    if (bottom) *bottom = frame_bottom(d);
}

double bs_doc_y(const bs_doc *d) { return d->y; }

void bs_doc_set_y(bs_doc *d, double y)
{
    d->y = y;
    d->fresh = 0;
}

double bs_doc_room(const bs_doc *d) { return frame_bottom(d) - d->y; }

/* ---- the writer ----
 *
 * In the drawing pass each page is composed into a cairo recording surface
 * (text laid out with pango, maps and charts drawn by the callbacks), and
 * a writer thread paints the finished pages, one after another, into the
 * PDF surface and shows them. cairo's PDF writer (content streams, zlib)
 * thus runs beside the composition of the next pages instead of after it.
 * Outline entries go through the same queue, so the writer adds each while
 * its page is the current one, as a single thread would. Only the writer
 * touches the PDF surface; only the composing thread uses pango. At most
 * WRITER_DEPTH items (pages and outline entries) wait, which bounds the
 * memory. */

#define WRITER_DEPTH 16       /* some eight profile pages, a few MB: on the
                                 national atlas the writer then waits
                                 0.17 s in all for pages (0.22 s with 4) */

typedef struct witem {
    cairo_surface_t *page;    /* a finished page, or NULL: an outline entry */
    int level, flags;
    const char *text;         /* outline: entry text (owned by the doc) */
    char attrs[64];
} witem;

typedef struct writer {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    witem q[WRITER_DEPTH];
    size_t head, n;
    cairo_surface_t *spent[2 * WRITER_DEPTH];   /* pages written, for the */
    size_t nspent;                              /* composer to free */
    int closing;
    cairo_status_t status;    /* the first error; later items are dropped */
    cairo_surface_t *surf;
    cairo_t *cr;
    int outline_l1;           /* cairo outline id of the last level 1 */
} writer;

static cairo_status_t writer_do(writer *w, witem *it)
{
    if (it->page) {
        cairo_set_source_surface(w->cr, it->page, 0, 0);
        cairo_paint(w->cr);
        cairo_set_source_rgb(w->cr, 0, 0, 0);   /* drops the page */
        cairo_show_page(w->cr);
        pthread_mutex_lock(&w->mu);
        if (w->nspent < 2 * WRITER_DEPTH) {
            w->spent[w->nspent++] = it->page;
            it->page = NULL;
        }
        pthread_mutex_unlock(&w->mu);
        if (it->page)
            cairo_surface_destroy(it->page);
    } else {
        int parent = it->level == 1 || w->outline_l1 <= 0
                         ? CAIRO_PDF_OUTLINE_ROOT : w->outline_l1;
        int id = cairo_pdf_surface_add_outline(w->surf, parent, it->text,
                                               it->attrs, it->flags);
        if (it->level == 1)
            w->outline_l1 = id;
    }
    if (cairo_status(w->cr) != CAIRO_STATUS_SUCCESS)
        return cairo_status(w->cr);
    return cairo_surface_status(w->surf);
}

static void *writer_run(void *arg)
{
    writer *w = arg;

    for (;;) {
        witem it;
        cairo_status_t s;
        pthread_mutex_lock(&w->mu);
        while (!w->n && !w->closing)
            pthread_cond_wait(&w->more, &w->mu);
        if (!w->n) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        it = w->q[w->head];
        w->head = (w->head + 1) % WRITER_DEPTH;
        w->n--;
        s = w->status;
        pthread_cond_signal(&w->room);
        pthread_mutex_unlock(&w->mu);
        if (s == CAIRO_STATUS_SUCCESS)
            s = writer_do(w, &it);
        else if (it.page)
            cairo_surface_destroy(it.page);
        if (s != CAIRO_STATUS_SUCCESS) {
            pthread_mutex_lock(&w->mu);
            if (w->status == CAIRO_STATUS_SUCCESS)
                w->status = s;
            pthread_mutex_unlock(&w->mu);
        }
    }
}

/* Hands an item to the writer (waiting while the queue is full); returns
 * the writer's status so far. The writer owns it->page from here on. */
static cairo_status_t writer_put(writer *w, const witem *it)
{
    cairo_surface_t *spent[2 * WRITER_DEPTH];
    size_t nspent;
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    while (w->n == WRITER_DEPTH)
        pthread_cond_wait(&w->room, &w->mu);
    w->q[(w->head + w->n) % WRITER_DEPTH] = *it;
    w->n++;
    s = w->status;
    nspent = w->nspent;
    memcpy(spent, w->spent, nspent * sizeof *spent);
    w->nspent = 0;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    /* the written pages are freed here, beside the writer */
    for (size_t k = 0; k < nspent; k++)
        cairo_surface_destroy(spent[k]);
    return s;
}

static cairo_status_t writer_status(writer *w)
{
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    s = w->status;
    pthread_mutex_unlock(&w->mu);
    return s;
}

/* Frees w (its thread joined or never started). */
static void writer_free(writer *w)
{
    cairo_destroy(w->cr);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->more);
    pthread_cond_destroy(&w->room);
    free(w);
}

static writer *writer_start(cairo_surface_t *surf)
{
    writer *w = calloc(1, sizeof *w);

    if (!w)
        return NULL;
    w->surf = surf;
    w->cr = cairo_create(surf);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->room, NULL);
    if (pthread_create(&w->tid, NULL, writer_run, w) != 0) {
        writer_free(w);
        return NULL;
    }
    return w;
}

/* Lets the writer finish the queue, joins it and returns its status. */
static cairo_status_t writer_stop(writer *w)
{
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->tid, NULL);
    for (size_t k = 0; k < w->nspent; k++)
        cairo_surface_destroy(w->spent[k]);
    s = w->status;
    writer_free(w);
    return s;
}

/* ---- pages ---- */

/* -1 with a message naming the PDF when the writer failed, else 0. */
static int writer_check(bs_doc *d, cairo_status_t s, bs_error *err)
{
    if (s != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "%s: cannot write the PDF: %s", d->path,
                            cairo_status_to_string(s));
    return 0;
}

/* Errors of the page being composed and of the writer. */
static int cairo_check(bs_doc *d, bs_error *err)
{
    cairo_status_t s;

    if (!d->cr)
        return 0;
    s = cairo_status(d->cr);
    if (s != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "typeset: cairo: %s",
                            cairo_status_to_string(s));
    return d->wr ? writer_check(d, writer_status(d->wr), err) : 0;
}

/* A fresh recording surface for the next page, with d->cr on it. */
static int page_begin(bs_doc *d, bs_error *err)
{
    cairo_rectangle_t ext = {0, 0, d->st.page_width * MM,
                             d->st.page_height * MM};

    d->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
    d->cr = cairo_create(d->rec);
    if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "typeset: cairo: %s",
                            cairo_status_to_string(cairo_status(d->cr)));
    return 0;
}

static void page_drop(bs_doc *d)
{
    if (d->cr)
        cairo_destroy(d->cr);
    if (d->rec)
        cairo_surface_destroy(d->rec);
    d->cr = NULL;
    d->rec = NULL;
}

static void draw_notes(bs_doc *d)
{
    double y = frame_bottom(d), x = d->st.margin_left;
    double w = d->st.page_width - d->st.margin_left - d->st.margin_right;
    bs_colour c = d->st.subtle;
    const tslot *s;

    if (!d->nnotes)
        return;
    y += 2.5;   /* the note area starts with space and a short rule */
    cairo_set_line_width(d->cr, 0.4);
    set_colour(d->cr, d->st.rule);
    cairo_move_to(d->cr, x * MM, (y - 1.2) * MM);
    cairo_line_to(d->cr, (x + 25) * MM, (y - 1.2) * MM);
    cairo_stroke(d->cr);
    for (size_t i = 0; i < d->nnotes; i++) {
        char line[1024];
        size_t used;
        int dupsym = 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(d->notes[j].symbol, d->notes[i].symbol) == 0)
                dupsym = 1;
        if (dupsym)
            continue;
        used = (size_t)snprintf(line, sizeof line, "%s", d->notes[i].text);
        for (size_t j = i + 1; j < d->nnotes && used < sizeof line; j++)
            if (strcmp(d->notes[j].symbol, d->notes[i].symbol) == 0)
                used += (size_t)snprintf(line + used, sizeof line - used,
                                         "; %s", d->notes[j].text);
        if ((s = shaped(d, d->notes[i].symbol, BS_TEXT_SMALL, 0, 0, NULL)))
            show(d, s->lay, x, y, c);
        if ((s = shaped(d, line, BS_TEXT_SMALL, 0, w - 6, NULL))) {
            show(d, s->lay, x + 6, y, c);
            y += TO_MM(s->lh);
        }
    }
}

static void draw_furniture(bs_doc *d)
{
    const bs_doc_style *s = &d->st;
    double x = s->margin_left, r = s->page_width - s->margin_right;
    double w = r - x, ty = s->margin_top - 11.5, fy = s->page_height - 13.5;
    char buf[96];
    const tslot *t;
    int th = 0;

    if ((t = shaped(d, d->page_section, BS_TEXT_FURNITURE,
                    BS_T_RIGHT | BS_T_ONELINE, w * 0.45, NULL)))
        show(d, t->lay, r - w * 0.45, ty, s->subtle);
    if ((t = shaped(d, d->header, BS_TEXT_FURNITURE, BS_T_BOLD | BS_T_ONELINE,
                    w * 0.52, NULL))) {
        show(d, t->lay, x, ty, s->text);
        th = t->lh;
    }
    cairo_set_line_width(d->cr, 0.35);
    set_colour(d->cr, s->rule);
    cairo_move_to(d->cr, x * MM, (ty + TO_MM(th) + 1.6) * MM);
    cairo_line_to(d->cr, r * MM, (ty + TO_MM(th) + 1.6) * MM);
    cairo_stroke(d->cr);

    if (d->footer &&
        (t = shaped(d, d->footer, BS_TEXT_FURNITURE, BS_T_ONELINE, w * 0.7,
                    NULL)))
        show(d, t->lay, x, fy, s->subtle);
    snprintf(buf, sizeof buf, bs_word(BS_W_DOC_PAGE_OF, d->lang), d->page,
             d->total);
    if ((t = shaped(d, buf, BS_TEXT_FURNITURE, BS_T_RIGHT, w * 0.28, NULL)))
        show(d, t->lay, r - w * 0.28, fy, s->subtle);
}

static void notes_clear(bs_doc *d)
{
    for (size_t i = 0; i < d->nnotes; i++) {
        free(d->notes[i].symbol);
        free(d->notes[i].text);
    }
    d->nnotes = 0;
    d->notes_h = 0;
}

static int finish_page(bs_doc *d, bs_error *err)
{
    if (!d->open)
        return 0;
    if (!d->measuring) {
        if (!(d->page_flags & BS_PAGE_PLAIN)) {
            draw_furniture(d);
            draw_notes(d);
        }
        if (cairo_check(d, err) != 0)
            return -1;
        {
            witem it = {.page = d->rec};
            cairo_destroy(d->cr);
            d->cr = NULL;
            d->rec = NULL;
            if (writer_check(d, writer_put(d->wr, &it), err) != 0)
                return -1;
        }
        if (page_begin(d, err) != 0)
            return -1;
    }
    notes_clear(d);
    d->open = 0;
    return 0;
}

int bs_doc_new_page(bs_doc *d, unsigned flags, bs_error *err)
{
    if (finish_page(d, err) != 0)
        return -1;
    d->page++;
    d->open = 1;
    d->page_flags = flags;
    d->y = d->st.margin_top;
    d->fresh = 1;
    free(d->page_section);
    d->page_section = bs_text_dup(d->section);
    return 0;
}

static int ensure_page(bs_doc *d, bs_error *err)
{
    return d->open ? 0 : bs_doc_new_page(d, 0, err);
}

int bs_doc_need(bs_doc *d, double h, bs_error *err)
{
    if (ensure_page(d, err) != 0)
        return -1;
    if (!d->fresh && d->y + h > frame_bottom(d) + 1e-9)
        return bs_doc_new_page(d, 0, err);
    return 0;
}

void bs_doc_skip(bs_doc *d, double h)
{
    if (d->open && !d->fresh)
        d->y += h;
}

void bs_doc_section(bs_doc *d, const char *text)
{
    free(d->section);
    d->section = bs_text_dup(text);
    if (d->open && d->fresh) {
        free(d->page_section);
        d->page_section = bs_text_dup(text);
    }
}

/* ---- outline and contents entries ---- */

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
        return writer_check(d, writer_put(d->wr, &it), err);
    }
}

int bs_doc_mark(bs_doc *d, int level, const char *text, int contents,
                bs_error *err)
{
    if (level < 1 || level > 2)
        return bs_error_set(err, "typeset: heading level %d (1 or 2)", level);
    if (ensure_page(d, err) != 0)
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
    if (ensure_page(d, err) != 0)
        return -1;
    if (!d->fresh && d->y + before + h + keep > frame_bottom(d))
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
static int contents_run(bs_doc *d, const char *title, int draw, int *pages,
                        bs_error *err)
{
    double x, top, w, bottom, th, y, numw;
    double lh1 = line_mm(d, BS_TEXT_BODY) + 0.4, lh2 = line_mm(d, BS_TEXT_BODY);
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
            set_colour(d->cr, d->st.subtle);
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
        if (finish_page(d, err) != 0)
            return -1;
    }
    *pages = np;
    return 0;
}

int bs_doc_contents(bs_doc *d, const char *title, bs_error *err)
{
    if (finish_page(d, err) != 0)
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
        if (contents_run(d, title, 1, &np, err) != 0)
            return -1;
        if (np != d->contents_pages)
            return bs_error_set(err, "typeset: the contents took %d pages, "
                                "%d were planned", np, d->contents_pages);
        return 0;
    }
}

/* ---- text ---- */

int bs_doc_text_size(bs_doc *d, double w, const char *text, bs_text_kind kind,
                     unsigned flags, double *tw, double *th, bs_error *err)
{
    const tslot *s = shaped(d, text, kind, flags, w, err);

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
    const tslot *s = shaped(d, text, kind, flags, w, err);

    if (!s)
        return -1;
    if (w <= 0 && (flags & BS_T_RIGHT))
        x -= TO_MM(s->lw);
    else if (w <= 0 && (flags & BS_T_CENTRE))
        x -= TO_MM(s->lw) / 2;
    if (!d->measuring)
        show(d, s->lay, x, y, flag_colour(d, flags));
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
        double room = frame_bottom(d) - d->y;
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
            set_colour(d->cr, c);
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
    if (ensure_page(d, err) != 0 ||
        setup(d, d->flow, text, kind, flags, w, err) != 0 ||
        flow_lines(d, x, flag_colour(d, flags), err) != 0)
        return -1;
    d->y += line_mm(d, kind) * 0.5;
    return 0;
}

int bs_doc_bullets(bs_doc *d, const char *const *items, size_t n,
                   unsigned flags, bs_error *err)
{
    double x, w, ind = 4.5, lh = line_mm(d, BS_TEXT_BODY);

    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (!(flags & BS_T_FULL) && d->st.measure > 0 && d->st.measure < w)
        w = d->st.measure;
    if (ensure_page(d, err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int lines;
        if (setup(d, d->flow, items[i], BS_TEXT_BODY, flags, w - ind, err) != 0)
            return -1;
        /* the bullet and the item's first two lines stay together, so the
         * first line is set here, where the bullet goes */
        lines = pango_layout_get_line_count(d->flow);
        if (bs_doc_need(d, (lines < 2 ? lines : 2) * lh, err) != 0 ||
            setup(d, d->flow, items[i], BS_TEXT_BODY, flags, w - ind, err) != 0)
            return -1;
        if (!d->measuring) {
            set_colour(d->cr, d->st.accent);
            cairo_arc(d->cr, (x + 1.3) * MM, (d->y + lh * 0.5) * MM, 1.35, 0,
                      2 * M_PI);
            cairo_fill(d->cr);
        }
        if (flow_lines(d, x + ind, flag_colour(d, flags), err) != 0)
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
        set_colour(d->cr, d->st.shade);
        cairo_rectangle(d->cr, x * MM, d->y * MM, w * MM, h * MM);
        cairo_fill(d->cr);
        set_colour(d->cr, d->st.accent);
        cairo_rectangle(d->cr, x * MM, d->y * MM, 1.2 * MM, h * MM);
        cairo_fill(d->cr);
    }
    if (title)
        bs_doc_text(d, x + pad + 1.5, d->y + pad, w - 2 * pad - 1.5, title,
                    BS_TEXT_BODY, BS_T_BOLD, err);
    if (bs_doc_text(d, x + pad + 1.5, d->y + pad + th + (title ? 1.2 : 0),
                    w - 2 * pad - 1.5, text, BS_TEXT_BODY, flags, err) < 0)
        return -1;
    d->y += th + bh + 2 * pad + (title ? 1.2 : 0) + line_mm(d, BS_TEXT_BODY) * 0.6;
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
    if (!d->open && ensure_page(d, NULL) != 0)
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
        if (cairo_check(d, err) != 0)
            return -1;
    }
    d->y += h;
    d->fresh = 0;
    return 0;
}

int bs_doc_draw_at(bs_doc *d, double x, double y, double w, double h,
                   bs_doc_draw_fn draw, void *ud, bs_error *err)
{
    if (ensure_page(d, err) != 0)
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
    return cairo_check(d, err);
}

/* ---- tables ---- */

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
        set_colour(d->cr, d->st.text);
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
            if (!(s = shaped(d, col->title, BS_TEXT_TABLE, BS_T_BOLD, ROT_MAX,
                             err)))
                return -1;
            if (!d->measuring) {
                cairo_save(d->cr);
                cairo_translate(d->cr, (x + ts->cw[c] - PAD_X - TO_MM(s->lh)) * MM,
                                (y + ts->header_h - PAD_Y) * MM);
                cairo_rotate(d->cr, -M_PI / 2);
                set_colour(d->cr, d->st.text);
                cairo_move_to(d->cr, 0, 0);
                pango_cairo_show_layout(d->cr, s->lay);
                cairo_new_path(d->cr);
                cairo_restore(d->cr);
            }
            x += ts->cw[c];
            continue;
        }
        if (!(s = shaped(d, col->title, BS_TEXT_TABLE, fl, ts->cw[c] - 2 * PAD_X,
                         err)))
            return -1;
        hh = TO_MM(s->lh);
        /* header texts sit on a common bottom line */
        if (!d->measuring)
            show(d, s->lay, x + PAD_X, y + ts->header_h - PAD_Y - hh, d->st.text);
        x += ts->cw[c];
    }
    y += ts->header_h;
    if (!d->measuring) {
        cairo_set_line_width(d->cr, 0.4);
        set_colour(d->cr, d->st.text);
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
    set_colour(d->cr, d->st.text);
    cairo_move_to(d->cr, ts->x * MM, d->y * MM);
    cairo_line_to(d->cr, (ts->x + ts->w) * MM, d->y * MM);
    cairo_stroke(d->cr);
}

/* Fills the row's cells and layouts; returns its height in mm. */
static double table_row_measure(bs_doc *d, tstate *ts, size_t r,
                                unsigned rflags, bs_error *err)
{
    const bs_doc_table *t = ts->t;
    double h = t->min_row > 0 ? t->min_row : line_mm(d, BS_TEXT_TABLE) + 2 * PAD_Y;

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
        if (!(s = shaped(d, cell->text, BS_TEXT_TABLE, fl,
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

int bs_doc_table_run(bs_doc *d, const bs_doc_table *t, bs_error *err)
{
    tstate ts;
    double fixed = 0, x, w;
    size_t nfree = 0, r, c, rows_on_page = 0;
    int rc = -1, force_break = 0;

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
    for (c = 0; c < t->ncols; c++) {
        ts.cw[c] = t->cols[c].width;
        /* a fixed column is widened to the widest word of its header, so
         * that header words break only when the table cannot give way */
        if (ts.cw[c] > 0 && !t->cols[c].rotate && t->cols[c].title) {
            double ww;
            if (widest_word(d, t->cols[c].title, &ww, err) != 0)
                goto done;
            if (ww + 2 * PAD_X + 0.2 > ts.cw[c])
                ts.cw[c] = ww + 2 * PAD_X + 0.2;
        }
        fixed += ts.cw[c];
        if (ts.cw[c] <= 0)
            nfree++;
    }
    if (fixed > ts.w + 1e-6 || (nfree && ts.w - fixed < nfree * 25.0)) {
        /* no room to widen: back to the widths asked for */
        fixed = 0;
        for (c = 0; c < t->ncols; c++) {
            ts.cw[c] = t->cols[c].width;
            fixed += ts.cw[c] > 0 ? ts.cw[c] : 0;
        }
    }
    if (fixed > ts.w + 1e-6 || (nfree && ts.w - fixed < nfree * 4.0)) {
        bs_error_set(err, "typeset: the table's columns (%.1f mm) do not fit "
                     "in %.1f mm", fixed, ts.w);
        goto done;
    }
    for (c = 0; c < t->ncols; c++)
        if (ts.cw[c] <= 0)
            ts.cw[c] = (ts.w - fixed) / (double)nfree;
    if (!nfree)
        ts.w = fixed;
    /* header height: the tallest wrapped header text; a rotated one is
     * as tall as its longest line */
    for (c = 0; c < t->ncols; c++) {
        double hh;
        if (t->cols[c].rotate) {
            if (bs_doc_text_size(d, ROT_MAX, t->cols[c].title, BS_TEXT_TABLE,
                                 BS_T_BOLD, &hh, NULL, err) != 0)
                goto done;
        } else if (bs_doc_text_size(d, ts.cw[c] - 2 * PAD_X, t->cols[c].title,
                                    BS_TEXT_TABLE, BS_T_BOLD | BS_T_BREAKWORDS,
                                    NULL, &hh, err) != 0)
            goto done;
        if (hh + 2 * PAD_Y > ts.header_h)
            ts.header_h = hh + 2 * PAD_Y;
    }
    if (ensure_page(d, err) != 0)
        goto done;
    if (!d->fresh)
        d->y += 1.5;
    {
        /* the caption, the header and the first rows go together: the
         * whole table when it has at most TABLE_KEEP rows, else that many */
        double cap = 0, first = 0;
        if (t->caption && bs_doc_text_size(d, ts.w, t->caption, BS_TEXT_SMALL,
                                           BS_T_BOLD, NULL, &cap, err) != 0)
            goto done;
        for (r = 0; r < t->nrows && r < TABLE_KEEP; r++) {
            double h = table_row_measure(d, &ts, r, t->row_flags ?
                                         t->row_flags(t->ud, r) : 0, err);
            if (h < 0)
                goto done;
            first += h;
        }
        if (bs_doc_need(d, (t->caption ? cap + 1.2 : 0) + ts.header_h + first,
                        err) != 0)
            goto done;
    }
    if (table_header(d, &ts, 0, err) != 0)
        goto done;
    for (r = 0; r < t->nrows; r++) {
        unsigned rf = t->row_flags ? t->row_flags(t->ud, r) : 0;
        double h = table_row_measure(d, &ts, r, rf, err), cost = 0, cx;
        if (h < 0)
            goto done;
        for (c = 0; c < t->ncols; c++) {
            int seen = 0;
            if (!ts.cells[c].note_symbol || !ts.cells[c].note_text)
                continue;
            for (size_t e = 0; e < c; e++)
                if (ts.cells[e].note_symbol && ts.cells[e].note_text &&
                    !strcmp(ts.cells[e].note_symbol, ts.cells[c].note_symbol) &&
                    !strcmp(ts.cells[e].note_text, ts.cells[c].note_text))
                    seen = 1;
            if (!seen)
                cost += bs_doc_note_cost(d, ts.cells[c].note_symbol,
                                         ts.cells[c].note_text);
        }
        /* no fewer than TABLE_KEEP - 1 rows alone on a table's last page:
         * when they do not all fit, they go over together */
        if (t->nrows - r == TABLE_KEEP - 1 && t->nrows >= 2 * TABLE_KEEP &&
            rows_on_page >= TABLE_KEEP) {
            double rest = 0;
            for (size_t q = r; q < t->nrows; q++) {
                double hq = table_row_measure(d, &ts, q, t->row_flags ?
                                              t->row_flags(t->ud, q) : 0, err);
                if (hq < 0)
                    goto done;
                rest += hq;
            }
            if (d->y + rest > frame_bottom(d) - cost + 1e-9)
                force_break = 1;
            h = table_row_measure(d, &ts, r, rf, err);
            if (h < 0)
                goto done;
        }
        if (force_break || d->y + h > frame_bottom(d) - cost + 1e-9) {
            force_break = 0;
            rows_on_page = 0;
            table_end_rule(d, &ts);
            if (bs_doc_new_page(d, 0, err) != 0 ||
                table_header(d, &ts, 1, err) != 0)
                goto done;
        }
        rows_on_page++;
        for (c = 0; c < t->ncols; c++)
            bs_doc_note(d, ts.cells[c].note_symbol, ts.cells[c].note_text);
        if (!d->measuring) {
            if ((rf & BS_ROW_SHADE) || (t->zebra && r % 2 == 1)) {
                set_colour(d->cr, (rf & BS_ROW_SHADE) ? d->st.shade : d->st.zebra);
                cairo_rectangle(d->cr, ts.x * MM, d->y * MM, ts.w * MM, h * MM);
                cairo_fill(d->cr);
            }
            if (rf & BS_ROW_RULE) {
                cairo_set_line_width(d->cr, 0.4);
                set_colour(d->cr, d->st.text);
                cairo_move_to(d->cr, ts.x * MM, d->y * MM);
                cairo_line_to(d->cr, (ts.x + ts.w) * MM, d->y * MM);
                cairo_stroke(d->cr);
            }
            cx = ts.x;
            for (c = 0; c < t->ncols; c++) {
                if (t->cols[c].graphic) {
                    if (t->draw) {
                        cairo_save(d->cr);
                        rc = t->draw(t->ud, d->cr, r, c, cx * MM, d->y * MM,
                                     ts.cw[c] * MM, h * MM, err);
                        cairo_restore(d->cr);
                        if (rc != 0) {
                            rc = -1;
                            goto done;
                        }
                    }
                } else {
                    show(d, ts.lay[c], cx + PAD_X, d->y + PAD_Y,
                         ts.cells[c].subtle ? d->st.subtle : d->st.text);
                }
                cx += ts.cw[c];
            }
        }
        d->y += h;
    }
    table_end_rule(d, &ts);
    d->y += line_mm(d, BS_TEXT_BODY) * 0.8;
    rc = cairo_check(d, err);
done:
    if (ts.lay)
        for (c = 0; c < t->ncols; c++)
            if (ts.lay[c])
                g_object_unref(ts.lay[c]);
    free(ts.lay);
    free(ts.cw);
    free(ts.cells);
    return rc;
}

/* ---- rendering ---- */

static void doc_free(bs_doc *d)
{
    text_free(d);
    notes_clear(d);
    free(d->notes);
    for (size_t i = 0; i < d->nent; i++)
        free(d->ent[i].text);
    free(d->ent);
    free(d->title);
    free(d->header);
    free(d->footer);
    free(d->section);
    free(d->page_section);
    free(d->contents_title);
}

static void reset_pass(bs_doc *d)
{
    d->page = 0;
    d->open = 0;
    d->y = d->st.margin_top;
    d->fresh = 1;
    notes_clear(d);
    free(d->section);
    free(d->page_section);
    d->section = d->page_section = NULL;
    d->cursor = 0;
    d->last_l1 = -1;
}

static int iso_datetime(const char *iso, char *buf, size_t n, bs_error *err)
{
    int y, m, dd;

    if (!iso) {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
        return 0;
    }
    if (parse_iso(iso, &y, &m, &dd) != 0)
        return bs_error_set(err, "typeset: '%s' is not a date YYYY-MM-DD", iso);
    if (strlen(iso) >= 19 && iso[10] == 'T')
        snprintf(buf, n, "%.19s", iso);
    else
        snprintf(buf, n, "%04d-%02d-%02dT00:00:00", y, m, dd);
    return 0;
}

int bs_doc_render(const bs_doc_info *info, const bs_doc_style *style,
                  bs_doc_compose_fn compose, void *ud, const char *path,
                  int *pages, bs_error *err)
{
    bs_doc d;
    char date[32];
    int rc = -1, measured;

    memset(&d, 0, sizeof d);
    if (style)
        d.st = *style;
    else
        bs_doc_style_default(&d.st);
    if (bs_lang_parse(info->language, &d.lang) != 0)
        return bs_error_set(err, "typeset: unknown language '%s' (nl or en)",
                            info->language);
    if (iso_datetime(info->iso_date, date, sizeof date, err) != 0)
        return -1;
    if (d.st.page_width < 50 || d.st.page_height < 50 ||
        d.st.margin_left + d.st.margin_right > d.st.page_width - 30 ||
        d.st.margin_top + d.st.margin_bottom > d.st.page_height - 50)
        return bs_error_set(err, "typeset: the margins leave no room on the page");
    d.path = path;
    d.title = bs_text_dup(info->title ? info->title : "");
    d.header = bs_text_dup(info->header ? info->header : info->title);
    d.footer = bs_text_dup(info->footer);
    if (!d.title) {
        bs_error_set(err, "typeset: out of memory");
        goto done;
    }
    if (text_init(&d, err) != 0)
        goto done;

    /* pass 1: measure */
    d.measuring = 1;
    reset_pass(&d);
    if (compose(&d, ud, err) != 0 || finish_page(&d, err) != 0)
        goto done;
    measured = d.page;
    if (d.contents_first) {
        if (contents_run(&d, d.contents_title, 0, &d.contents_pages, err) != 0)
            goto done;
        for (size_t i = 0; i < d.nent; i++)
            if (d.ent[i].page >= d.contents_first)
                d.ent[i].page += d.contents_pages;
    }
    d.total = measured + d.contents_pages;

    /* pass 2: draw */
    d.measuring = 0;
    reset_pass(&d);
    d.surf = cairo_pdf_surface_create(path, d.st.page_width * MM,
                                      d.st.page_height * MM);
    if (cairo_surface_status(d.surf) != CAIRO_STATUS_SUCCESS) {
        bs_error_set(err, "%s: cannot write the PDF: %s", path,
                     cairo_status_to_string(cairo_surface_status(d.surf)));
        goto done;
    }
    cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_TITLE, d.title);
    if (info->author)
        cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_AUTHOR,
                                       info->author);
    if (info->subject)
        cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_SUBJECT,
                                       info->subject);
    if (info->keywords)
        cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_KEYWORDS,
                                       info->keywords);
    cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_CREATOR,
                                   info->creator ? info->creator : "buurtscan");
    cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(d.surf, CAIRO_PDF_METADATA_MOD_DATE, date);
    if (!(d.wr = writer_start(d.surf))) {
        bs_error_set(err, "typeset: cannot start the PDF writer thread");
        goto done;
    }
    if (page_begin(&d, err) != 0)
        goto done;
    if (compose(&d, ud, err) != 0 || finish_page(&d, err) != 0)
        goto done;
    if (d.page != d.total || d.cursor != d.nent) {
        bs_error_set(err, "typeset: the drawing pass made %d pages and %zu "
                     "headings, the measuring pass %d and %zu", d.page,
                     d.cursor, d.total, d.nent);
        goto done;
    }
    page_drop(&d);
    {
        cairo_status_t s = writer_stop(d.wr);
        d.wr = NULL;
        if (writer_check(&d, s, err) != 0)
            goto done;
    }
    cairo_surface_finish(d.surf);
    if (cairo_surface_status(d.surf) != CAIRO_STATUS_SUCCESS) {
        bs_error_set(err, "%s: cannot write the PDF: %s", path,
                     cairo_status_to_string(cairo_surface_status(d.surf)));
        goto done;
    }
    if (pages)
        *pages = d.total;
    rc = 0;
done:
    page_drop(&d);
    if (d.wr)
        writer_stop(d.wr);
    if (d.surf) {
        cairo_surface_finish(d.surf);
        cairo_surface_destroy(d.surf);
        if (rc != 0)
            unlink(path);
    }
    doc_free(&d);
    return rc;
}
