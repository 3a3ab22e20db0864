/* typeset.c: pages, furniture, headings, paragraphs, lists, tables and
 * footnotes on cairo PDF surfaces with pango (contract in typeset.h; the
 * files of the typesetter in typeset_doc.h). This file: dates, the house
 * style, text shaping, pages and the two passes.
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
#include "typeset_doc.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
double bs_ts_line_mm(const bs_doc *d, bs_text_kind k)
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
int bs_ts_setup(bs_doc *d, PangoLayout *l, const char *text,
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
const tslot *bs_ts_shaped(bs_doc *d, const char *text, bs_text_kind kind,
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
    if (bs_ts_setup(d, s->lay, text, kind, flags, w_mm, err) != 0)
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

bs_colour bs_ts_flag_colour(const bs_doc *d, unsigned flags)
{
    if (flags & BS_T_WHITE)
        return rgb(0xffffff);
    if (flags & BS_T_ACCENT)
        return d->st.accent;
    if (flags & BS_T_SUBTLE)
        return d->st.subtle;
    return d->st.text;
}

void bs_ts_set_colour(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Shows layout l with its top-left at x, y (mm). */
static bs_doc_box_fn box_hook;
static void *box_hook_ud;

void bs_doc_set_box_hook(bs_doc_box_fn fn, void *ud)
{
    box_hook = fn;
    box_hook_ud = ud;
}

/* Hands l's box to the test hook: the logical extents of its lines. */
static void report_box(const bs_doc *d, PangoLayout *l, double x, double y)
{
    PangoRectangle ink, logical;
    const char *text = pango_layout_get_text(l);

    if (!text || !*text)
        return;
    pango_layout_get_extents(l, &ink, &logical);
    if (logical.width <= 0 || logical.height <= 0)
        return;
    box_hook(box_hook_ud, d->page, x + TO_MM(logical.x), y + TO_MM(logical.y),
             TO_MM(logical.width), TO_MM(logical.height), text);
}

void bs_ts_show(bs_doc *d, PangoLayout *l, double x, double y, bs_colour c)
{
    if (!d->cr)
        return;
    if (box_hook)
        report_box(d, l, x, y);
    bs_ts_set_colour(d->cr, c);
    cairo_move_to(d->cr, x * MM, y * MM);
    pango_cairo_show_layout(d->cr, l);
    cairo_new_path(d->cr);   /* no current point for a later arc to join */
}

/* ---- state ---- */

int bs_doc_measuring(const bs_doc *d) { return d->measuring; }
cairo_t *bs_doc_cairo(bs_doc *d) { return d->measuring ? NULL : d->cr; }
const bs_doc_style *bs_doc_get_style(const bs_doc *d) { return &d->st; }

double bs_ts_frame_bottom(const bs_doc *d)
{
    return d->st.page_height - d->st.margin_bottom - d->notes_h;
}

void bs_doc_frame(const bs_doc *d, double *x, double *top, double *w,
                  double *bottom)
{
    if (x) *x = d->st.margin_left;
    if (top) *top = d->st.margin_top;
    if (w) *w = d->st.page_width - d->st.margin_left - d->st.margin_right;
    if (bottom) *bottom = bs_ts_frame_bottom(d);
}

double bs_doc_y(const bs_doc *d) { return d->y; }

void bs_doc_set_y(bs_doc *d, double y)
{
    d->y = y;
    d->fresh = 0;
}

double bs_doc_room(const bs_doc *d) { return bs_ts_frame_bottom(d) - d->y; }

/* ---- pages ---- */

/* -1 with a message naming the PDF when the writer failed, else 0. */
int bs_ts_writer_check(bs_doc *d, cairo_status_t s, bs_error *err)
{
    if (s != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "%s: cannot write the PDF: %s", d->path,
                            cairo_status_to_string(s));
    return 0;
}

/* Errors of the page being composed and of the writer. */
int bs_ts_cairo_check(bs_doc *d, bs_error *err)
{
    cairo_status_t s;

    if (!d->cr)
        return 0;
    s = cairo_status(d->cr);
    if (s != CAIRO_STATUS_SUCCESS)
        return bs_error_set(err, "typeset: cairo: %s",
                            cairo_status_to_string(s));
    return d->wr ? bs_ts_writer_check(d, bs_ts_writer_status(d->wr), err) : 0;
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
    double y = bs_ts_frame_bottom(d), x = d->st.margin_left;
    double w = d->st.page_width - d->st.margin_left - d->st.margin_right;
    bs_colour c = d->st.subtle;
    const tslot *s;

    if (!d->nnotes)
        return;
    y += 2.5;   /* the note area starts with space and a short rule */
    cairo_set_line_width(d->cr, 0.4);
    bs_ts_set_colour(d->cr, d->st.rule);
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
        if ((s = bs_ts_shaped(d, d->notes[i].symbol, BS_TEXT_SMALL, 0, 0,
                              NULL)))
            bs_ts_show(d, s->lay, x, y, c);
        if ((s = bs_ts_shaped(d, line, BS_TEXT_SMALL, 0, w - 6, NULL))) {
            bs_ts_show(d, s->lay, x + 6, y, c);
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

    if ((t = bs_ts_shaped(d, d->page_section, BS_TEXT_FURNITURE,
                          BS_T_RIGHT | BS_T_ONELINE, w * 0.45, NULL)))
        bs_ts_show(d, t->lay, r - w * 0.45, ty, s->subtle);
    if ((t = bs_ts_shaped(d, d->header, BS_TEXT_FURNITURE,
                          BS_T_BOLD | BS_T_ONELINE, w * 0.52, NULL))) {
        bs_ts_show(d, t->lay, x, ty, s->text);
        th = t->lh;
    }
    cairo_set_line_width(d->cr, 0.35);
    bs_ts_set_colour(d->cr, s->rule);
    cairo_move_to(d->cr, x * MM, (ty + TO_MM(th) + 1.6) * MM);
    cairo_line_to(d->cr, r * MM, (ty + TO_MM(th) + 1.6) * MM);
    cairo_stroke(d->cr);

    if (d->footer &&
        (t = bs_ts_shaped(d, d->footer, BS_TEXT_FURNITURE, BS_T_ONELINE,
                          w * 0.7, NULL)))
        bs_ts_show(d, t->lay, x, fy, s->subtle);
    snprintf(buf, sizeof buf, bs_word(BS_W_DOC_PAGE_OF, d->lang), d->page,
             d->total);
    if ((t = bs_ts_shaped(d, buf, BS_TEXT_FURNITURE, BS_T_RIGHT, w * 0.28,
                          NULL)))
        bs_ts_show(d, t->lay, r - w * 0.28, fy, s->subtle);
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

int bs_ts_finish_page(bs_doc *d, bs_error *err)
{
    if (!d->open)
        return 0;
    if (!d->measuring) {
        if (!(d->page_flags & BS_PAGE_PLAIN)) {
            draw_furniture(d);
            draw_notes(d);
        }
        if (bs_ts_cairo_check(d, err) != 0)
            return -1;
        {
            witem it = {.page = d->rec};
            cairo_destroy(d->cr);
            d->cr = NULL;
            d->rec = NULL;
            if (bs_ts_writer_check(d, bs_ts_writer_put(d->wr, &it), err) != 0)
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
    if (bs_ts_finish_page(d, err) != 0)
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

int bs_ts_ensure_page(bs_doc *d, bs_error *err)
{
    return d->open ? 0 : bs_doc_new_page(d, 0, err);
}

int bs_doc_need(bs_doc *d, double h, bs_error *err)
{
    if (bs_ts_ensure_page(d, err) != 0)
        return -1;
    if (!d->fresh && d->y + h > bs_ts_frame_bottom(d) + 1e-9)
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
    if (compose(&d, ud, err) != 0 || bs_ts_finish_page(&d, err) != 0)
        goto done;
    measured = d.page;
    if (d.contents_first) {
        if (bs_ts_contents_run(&d, d.contents_title, 0, &d.contents_pages,
                               err) != 0)
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
    if (!(d.wr = bs_ts_writer_start(d.surf))) {
        bs_error_set(err, "typeset: cannot start the PDF writer thread");
        goto done;
    }
    if (page_begin(&d, err) != 0)
        goto done;
    if (compose(&d, ud, err) != 0 || bs_ts_finish_page(&d, err) != 0)
        goto done;
    if (d.page != d.total || d.cursor != d.nent) {
        bs_error_set(err, "typeset: the drawing pass made %d pages and %zu "
                     "headings, the measuring pass %d and %zu", d.page,
                     d.cursor, d.total, d.nent);
        goto done;
    }
    page_drop(&d);
    {
        cairo_status_t s = bs_ts_writer_stop(d.wr);
        d.wr = NULL;
        if (bs_ts_writer_check(&d, s, err) != 0)
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
        bs_ts_writer_stop(d.wr);
    if (d.surf) {
        cairo_surface_finish(d.surf);
        cairo_surface_destroy(d.surf);
        if (rc != 0)
            unlink(path);
    }
    doc_free(&d);
    return rc;
}
