/* progress.c: the council progress report (progress.h): the check, the
 * context, numbers as the report prints them, the cover and the overview
 * of every monitor with its stoplicht. The monitor pages, actions and
 * appendix are in progress_pages.c. */
#include "progress_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/number.h"

#define MM BS_MM_PT
#define MINUS "\xe2\x88\x92"

/* ---- numbers ---- */

const char *bs_pr_label(const bs_progress_monitor *m)
{
    return m->label && *m->label ? m->label : m->name;
}

static int is_percent(const bs_progress_monitor *m)
{
    return m->unit && strcmp(m->unit, "%") == 0;
}

/* v with dec decimals, a true minus sign; sign = 1 adds "+" to v > 0. */
static char *num(const pctx *c, double v, int dec, int sign, char *buf,
                 size_t n)
{
    char tmp[48];

    bs_format_number(fabs(v), dec, c->lang, tmp, sizeof tmp);
    snprintf(buf, n, "%s%s", v < 0 && strspn(tmp, "0,.") != strlen(tmp)
             ? MINUS : sign && v > 0 ? "+" : "", tmp);
    return buf;
}

/* v with dec decimals and the monitor's unit. */
static char *value_dec(const pctx *c, size_t m, double v, int dec, char *buf,
                       size_t n)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    char tmp[48];

    if (!isfinite(v))
        return snprintf(buf, n, "."), buf;
    num(c, v, dec, 0, tmp, sizeof tmp);
    if (!mo->unit || !*mo->unit)
        snprintf(buf, n, "%s", tmp);
    else
        snprintf(buf, n, "%s%s%s", tmp, is_percent(mo) ? "" : " ", mo->unit);
    return buf;
}

char *bs_pr_value(const pctx *c, size_t m, double v, char *buf, size_t n)
{
    return value_dec(c, m, v, c->dec[m], buf, n);
}

char *bs_pr_path(const pctx *c, size_t m, double v, char *buf, size_t n)
{
    return value_dec(c, m, v, c->dec[m] + 1, buf, n);
}

char *bs_pr_change(const pctx *c, size_t m, const bs_monitor_point *pt,
                   char *buf, size_t n)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    char a[64], b[64];

    if (!pt || !isfinite(pt->change))
        return snprintf(buf, n, "%s", ""), buf;
    num(c, pt->change, c->dec[m], 1, a, sizeof a);
    if (is_percent(mo))
        strncat(a, PW(c, BS_W_PR_PP), sizeof a - strlen(a) - 1);
    else if (mo->unit && *mo->unit)
        snprintf(a + strlen(a), sizeof a - strlen(a), " %s", mo->unit);
    if (!isfinite(pt->change_pct))
        return snprintf(buf, n, "%s", a), buf;
    num(c, pt->change_pct, 1, 1, b, sizeof b);
    snprintf(buf, n, "%s (%s%%)", a, b);
    return buf;
}

char *bs_pr_status(const pctx *c, bs_status s, bs_grey_reason why, char *buf,
                   size_t n)
{
    const char *w = bs_status_name(s, c->lang);

    if (s == BS_STATUS_GREY && why != BS_GREY_NONE)
        snprintf(buf, n, "%s (%s)", w, bs_grey_reason_text(why, c->lang));
    else
        snprintf(buf, n, "%s", w);
    return buf;
}

void bs_pr_dot(const pctx *c, cairo_t *cr, bs_status s, double x, double y,
               double w, double h)
{
    bs_rgb f = c->col.status[(unsigned)s < 4 ? s : 0];
    double r = fmin(fmin(w, h) * 0.5 - 1.0, 3.4 * MM / 2.0 * 1.2);

    if (r <= 0)
        return;
    cairo_new_path(cr);
    cairo_arc(cr, x + w / 2, y + h / 2, r, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, f.r / 255.0, f.g / 255.0, f.b / 255.0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

/* ---- periods ---- */

long bs_progress_at(const bs_series *s, const bs_period *P)
{
    for (size_t k = s->n; k-- > 0;)
        if (isfinite(s->value[k]) && (!P || bs_period_cmp(&s->period[k], P) <= 0))
            return (long)k;
    return -1;
}

const bs_period *bs_progress_period(const bs_progress *p)
{
    const bs_period *best = NULL;

    if (p->period)
        return p->period;
    for (size_t m = 0; m < p->nmon; m++)
        for (size_t k = 0; k < p->mon[m].nseries; k++) {
            const bs_series *s = &p->mon[m].series[k].series;
            long i = bs_progress_at(s, NULL);
            if (i >= 0 && (!best || bs_period_cmp(&s->period[i], best) > 0))
                best = &s->period[i];
        }
    return best;
}

/* Decimals that show every value of the monitor exactly (as given: 12,7;
 * 17.300), at most 2; values that no 2 decimals show exactly (computed
 * rates such as 56,8137 per 1.000) get 1. */
static int auto_decimals(const bs_progress_monitor *m)
{
    int dec = 0;

    for (size_t k = 0; k < m->nseries; k++)
        for (size_t i = 0; i < m->series[k].series.n; i++) {
            double v = m->series[k].series.value[i];
            for (int d = 0; isfinite(v); d++) {
                double s = v * pow(10, d);
                if (fabs(s - round(s)) <= 1e-6 * fmax(1, fabs(s))) {
                    dec = d > dec ? d : dec;
                    break;
                }
                if (d == 2)
                    return 1;
            }
        }
    return dec;
}

/* ---- the check ---- */

int bs_progress_check(const bs_progress *p, bs_error *err)
{
    const char *name = p->name ? p->name : "";
    bs_lang lg;
    char tmp[64];

    if (bs_lang_parse(p->language, &lg) != 0)
        return bs_error_set(err, "[progress %s]: unknown language '%s' (nl or "
                            "en)", name, p->language);
    if (p->iso_date && bs_date_format(p->iso_date, p->language, tmp,
                                      sizeof tmp) != 0)
        return bs_error_set(err, "[progress %s]: '%s' is not a date "
                            "YYYY-MM-DD", name, p->iso_date);
    if (p->nmon == 0)
        return bs_error_set(err, "[progress %s]: no monitors to report (add "
                            "[monitor] sections)", name);
    for (size_t m = 0; m < p->nmon; m++) {
        const bs_progress_monitor *mo = &p->mon[m];
        if (!mo->spec || mo->nseries == 0 || !mo->series)
            return bs_error_set(err, "[progress %s]: monitor '%s' has no "
                                "series", name, mo->name);
        for (size_t k = 0; k < mo->nseries; k++)
            if (!mo->series[k].points && mo->series[k].series.n > 0)
                return bs_error_set(err, "[progress %s]: monitor '%s' series "
                                    "'%s' is not evaluated", name, mo->name,
                                    mo->series[k].key);
    }
    for (size_t a = 0; a < p->nact; a++)
        if (p->act[a].status < BS_STATUS_GREEN || p->act[a].status > BS_STATUS_RED)
            return bs_error_set(err, "[progress %s]: action '%s' has no "
                                "green, orange or red status", name,
                                p->act[a].action);
    if (!bs_progress_period(p))
        return bs_error_set(err, "[progress %s]: no monitor has a value in "
                            "any period", name);
    return 0;
}

/* ---- cover ---- */

static int bar_cb(void *ud, cairo_t *cr, double x, double y, double w,
                  double h, bs_error *err)
{
    const bs_colour *a = ud;

    (void)err;
    cairo_set_source_rgb(cr, a->r, a->g, a->b);
    cairo_rectangle(cr, x * MM, y * MM, w * MM, h * MM);
    cairo_fill(cr);
    return 0;
}

static int line(bs_doc *d, double x, double *y, double w, const char *text,
                bs_text_kind kind, unsigned flags, double after, bs_error *err)
{
    double h;

    if (!text || !*text)
        return 0;
    if ((h = bs_doc_text(d, x, *y, w, text, kind, flags, err)) < 0)
        return -1;
    *y += h + after;
    return 0;
}

static int cover(bs_doc *d, pctx *c, bs_error *err)
{
    const bs_progress *p = c->p;
    const bs_doc_style *st = bs_doc_get_style(d);
    bs_colour accent = st->accent;
    char at[128];
    double x, top, w, y = 92;

    if (bs_doc_new_page(d, BS_PAGE_PLAIN, err) != 0 ||
        bs_doc_mark(d, 1, c->title, 0, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    if (bs_doc_draw_at(d, x, y, 28, 2.2, bar_cb, &accent, err) != 0)
        return -1;
    y += 8;
    snprintf(at, sizeof at, PW(c, BS_W_PR_COVER_AT), c->period);
    if (line(d, x, &y, w * 0.9, c->title, BS_TEXT_TITLE, 0, 5, err) != 0 ||
        line(d, x, &y, w * 0.9, p->subtitle, BS_TEXT_SUBTITLE, BS_T_SUBTLE, 4,
             err) != 0 ||
        line(d, x, &y, w * 0.9, at, BS_TEXT_SUBTITLE, BS_T_SUBTLE, 4, err) != 0)
        return -1;
    y = 236;
    if (line(d, x, &y, w, p->author, BS_TEXT_BODY, BS_T_BOLD, 0, err) != 0 ||
        line(d, x, &y, w, c->date, BS_TEXT_BODY, 0, 0, err) != 0)
        return -1;
    if (p->source && *p->source) {
        double sh;
        if (bs_doc_text_size(d, w, p->source, BS_TEXT_SMALL, 0, NULL, &sh,
                             err) != 0 ||
            bs_doc_text(d, x, st->page_height - st->margin_bottom - sh, w,
                        p->source, BS_TEXT_SMALL, BS_T_SUBTLE, err) < 0)
            return -1;
    }
    return 0;
}

/* ---- overview ---- */

/* What the overview says of monitor m: its first series at P. */
static const bs_monitor_point *judged(const pctx *c, size_t m, long *at)
{
    const bs_progress_series *s = &c->p->mon[m].series[0];

    *at = bs_progress_at(&s->series, c->P);
    return *at >= 0 ? &s->points[*at] : NULL;
}

/* "3 groen · 1 rood" over the series of an area-level monitor at P. */
static char *status_counts(const pctx *c, size_t m, char *buf, size_t n)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    size_t cnt[4] = {0, 0, 0, 0};
    size_t o = 0;

    for (size_t k = 0; k < mo->nseries; k++) {
        long at = bs_progress_at(&mo->series[k].series, c->P);
        cnt[at >= 0 ? mo->series[k].points[at].status : BS_STATUS_GREY]++;
    }
    buf[0] = '\0';
    for (int s = 1; s <= 4; s++) {
        int st = s % 4;   /* green, orange, red, grey */
        char one[64];
        if (!cnt[st])
            continue;
        snprintf(one, sizeof one, PW(c, BS_W_PR_COUNT), cnt[st],
                 bs_status_name((bs_status)st, c->lang));
        o += (size_t)snprintf(buf + o, n > o ? n - o : 0, "%s%s",
                              o ? " \xc2\xb7 " : "", one);
    }
    return buf;
}

/* "12,7% (2023)". */
static char *value_at(const pctx *c, size_t m, double v, const bs_period *per,
                      int prov, char *buf, size_t n)
{
    char a[64], b[64];

    bs_pr_value(c, m, v, a, sizeof a);
    if (!per)
        return snprintf(buf, n, "%s", a), buf;
    bs_period_format(per, c->lang, b, sizeof b);
    if (prov)   /* the mark sits after the value: "11,9% v (2024)" */
        snprintf(buf, n, "%s %s (%s)", a, PW(c, BS_W_PR_PROV_MARK), b);
    else
        snprintf(buf, n, "%s (%s)", a, b);
    return buf;
}

static void overview_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const pctx *c = ud;
    const bs_progress_monitor *mo = &c->p->mon[r];
    const bs_progress_series *s = &mo->series[0];
    const bs_monitor_point *pt;
    long at, bi;
    char tg[96];

    pt = judged(c, r, &at);
    switch (col) {
    case 0: o->text = bs_pr_label(mo); break;
    case 2:
        o->text = mo->nseries > 1 ? status_counts(c, r, o->buf, sizeof o->buf)
                : bs_pr_status(c, pt ? pt->status : BS_STATUS_GREY,
                               pt ? pt->why : BS_GREY_NO_VALUE, o->buf,
                               sizeof o->buf);
        break;
    case 3:
        if (mo->nseries > 1 || !pt)
            break;
        bi = -1;
        for (size_t k = 0; k < s->series.n; k++)
            if (bs_period_same(&s->series.period[k], &mo->spec->baseline))
                bi = (long)k;
        o->text = value_at(c, r, pt->baseline, &mo->spec->baseline,
                           bi >= 0 && s->series.provisional &&
                           s->series.provisional[bi], o->buf, sizeof o->buf);
        break;
    case 4:
        if (mo->nseries > 1 || !pt)
            break;
        o->text = value_at(c, r, pt->value, &s->series.period[at],
                           pt->provisional, o->buf, sizeof o->buf);
        if (pt->provisional) {
            o->note_symbol = PW(c, BS_W_PR_PROV_MARK);
            o->note_text = PW(c, BS_W_PR_PROVISIONAL);
        }
        break;
    case 5:
        bs_target_format(&mo->spec->target, c->lang, tg, sizeof tg);
        snprintf(o->buf, sizeof o->buf, "%s%s%s", tg,
                 mo->illustrative ? " " : "",
                 mo->illustrative ? PW(c, BS_W_PR_ILLUSTRATIVE) : "");
        o->text = o->buf;
        break;
    case 6:
        if (mo->nseries == 1)
            o->text = bs_pr_change(c, r, pt, o->buf, sizeof o->buf);
        break;
    }
}

static int overview_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                         double y, double w, double h, bs_error *err)
{
    const pctx *c = ud;
    long at;
    const bs_monitor_point *pt;

    (void)col;
    (void)err;
    if (c->p->mon[r].nseries > 1)
        return 0;
    pt = judged(c, r, &at);
    bs_pr_dot(c, cr, pt ? pt->status : BS_STATUS_GREY, x, y, w, fmin(h, 6 * MM));
    return 0;
}

static int overview(bs_doc *d, pctx *c, bs_error *err)
{
    bs_doc_column cols[7] = {
        {PW(c, BS_W_PR_MONITOR), 0, BS_ALIGN_LEFT, 0, 0},
        {"", 6, BS_ALIGN_CENTRE, 1, 0},
        {PW(c, BS_W_PR_STOPLICHT), 18, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_BASELINE), 29, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_LATEST), 30, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_TARGET), 22, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_CHANGE), 29, BS_ALIGN_LEFT, 0, 0}};
    bs_doc_table tb;
    char intro[512];

    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, PW(c, BS_W_PR_OVERVIEW), 20, err) != 0)
        return -1;
    snprintf(intro, sizeof intro, PW(c, BS_W_PR_INTRO), c->p->nmon, c->period);
    if (bs_doc_paragraph(d, intro, BS_TEXT_BODY, 0, err) != 0 ||
        bs_doc_paragraph(d, PW(c, BS_W_PR_RULE), BS_TEXT_SMALL, BS_T_SUBTLE,
                         err) != 0)
        return -1;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = 7;
    tb.nrows = c->p->nmon;
    tb.zebra = 1;
    tb.min_row = 7;
    tb.cell = overview_cell;
    tb.draw = overview_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

/* ---- the document ---- */

static int compose(bs_doc *d, void *ud, bs_error *err)
{
    pctx *c = ud;

    if (cover(d, c, err) != 0 || overview(d, c, err) != 0 ||
        bs_pr_monitor_pages(d, c, err) != 0)
        return -1;
    if (c->p->nact && bs_pr_actions(d, c, err) != 0)
        return -1;
    return bs_pr_appendix(d, c, err);
}

int bs_progress_write(const bs_progress *p, const char *path, int *pages,
                      bs_error *err)
{
    pctx c;
    bs_doc_info info;
    bs_doc_style st;
    char title[256], footer[256];
    int rc;

    if (bs_progress_check(p, err) != 0)
        return -1;
    memset(&c, 0, sizeof c);
    c.p = p;
    bs_lang_parse(p->language, &c.lg);
    c.lang = bs_lang_name(c.lg);
    c.P = bs_progress_period(p);
    bs_period_format(c.P, c.lang, c.period, sizeof c.period);
    if (p->title && *p->title)
        snprintf(title, sizeof title, "%s", p->title);
    else
        snprintf(title, sizeof title, PW(&c, BS_W_PR_TITLE),
                 p->name ? p->name : "");
    snprintf(c.title, sizeof c.title, PW(&c, BS_W_PR_TITLE_PERIOD), title,
             c.period);
    if (p->iso_date)
        bs_date_format(p->iso_date, c.lang, c.date, sizeof c.date);
    bs_chart_colours_default(&c.col);
    if (!(c.dec = calloc(p->nmon + 1, sizeof *c.dec)))
        return bs_error_set(err, "%s: out of memory", path);
    for (size_t m = 0; m < p->nmon; m++)
        c.dec[m] = p->mon[m].decimals >= 0 ? p->mon[m].decimals
                 : auto_decimals(&p->mon[m]);
    bs_doc_style_default(&st);
    snprintf(footer, sizeof footer, "%s", c.date);
    memset(&info, 0, sizeof info);
    info.title = c.title;
    info.author = p->author;
    info.subject = p->subtitle;
    info.iso_date = p->iso_date;
    info.language = c.lang;
    info.footer = footer;
    rc = bs_doc_render(&info, &st, compose, &c, path, pages, err);
    free(c.dec);
    free(c.rows);
    return rc;
}
