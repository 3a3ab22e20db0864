/* progress_pages.c: the pages of the council progress report after the
 * overview (progress.h): a page per monitor (trend chart or a table of the
 * areas, the facts, the notes), the actions with their stoplicht, and the
 * appendix of every series. */
#include "progress_internal.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM BS_MM_PT

/* ---- a monitor page ---- */

typedef struct chartjob {
    bs_chart ch;
    bs_series view;           /* the series up to the reporting period */
} chartjob;

static int chart_cb(void *ud, cairo_t *cr, double x, double y, double w,
                    double h, bs_error *err)
{
    const chartjob *j = ud;

    return bs_chart_draw(cr, &j->ch, x, y, w, h, err);
}

typedef struct dotjob {
    const pctx *c;
    bs_status s;
} dotjob;

static int dot_cb(void *ud, cairo_t *cr, double x, double y, double w,
                  double h, bs_error *err)
{
    const dotjob *j = ud;

    (void)err;
    bs_pr_dot(j->c, cr, j->s, x * MM, y * MM, w * MM, h * MM);
    return 0;
}

/* A line "<b>label:</b> value" in the flow; nothing when value is empty. */
static int fact(bs_doc *d, const char *label, const char *value, bs_error *err)
{
    char *t;
    int rc;

    if (!value || !*value)
        return 0;
    t = g_markup_printf_escaped("<b>%s:</b> %s", label, value);
    rc = bs_doc_paragraph(d, t, BS_TEXT_BODY, BS_T_MARKUP, err);
    g_free(t);
    return rc;
}

/* The stoplicht as a dot and its word, in the flow. */
static int status_line(bs_doc *d, const pctx *c, const bs_monitor_point *pt,
                       bs_error *err)
{
    dotjob j = {c, pt ? pt->status : BS_STATUS_GREY};
    char word[160], *t;
    double x, top, w, y, h;

    if (bs_doc_need(d, 9, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    y = bs_doc_y(d);
    bs_pr_status(c, j.s, pt ? pt->why : BS_GREY_NO_VALUE, word, sizeof word);
    t = g_markup_printf_escaped("<b>%s:</b> %s", PW(c, BS_W_PR_STOPLICHT), word);
    if (bs_doc_draw_at(d, x, y + 0.4, 6, 6, dot_cb, &j, err) != 0 ||
        (h = bs_doc_text(d, x + 8, y + 0.6, w - 8, t, BS_TEXT_BODY,
                         BS_T_MARKUP, err)) < 0) {
        g_free(t);
        return -1;
    }
    g_free(t);
    bs_doc_set_y(d, y + fmax(h, 6) + 2.5);
    return 0;
}

/* The chart of a single series, up to the reporting period. */
static int chart(bs_doc *d, const pctx *c, size_t m, bs_error *err)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    const bs_progress_series *s = &mo->series[0];
    chartjob j;
    bs_chart_frame fr;
    bs_error quiet;
    size_t n = 0;

    while (n < s->series.n && bs_period_cmp(&s->series.period[n], c->P) <= 0)
        n++;
    memset(&j, 0, sizeof j);
    j.view = s->series;
    j.view.n = n;
    j.ch.series = &j.view;
    j.ch.spec = mo->spec;
    j.ch.points = s->points;
    j.ch.unit = mo->unit;
    j.ch.language = c->lang;
    j.ch.decimals = c->dec[m];
    j.ch.colours = &c->col;
    /* nothing to draw (no value, nulwaarde or target): no chart */
    if (n == 0 || bs_chart_frame_get(&j.ch, 166, 78, &fr, &quiet) != 0)
        return 0;
    return bs_doc_block(d, 80, chart_cb, &j, err);
}

/* A value in a table cell, marked (with its footnote) when provisional. */
static void value_cell(const pctx *c, const bs_monitor_point *pt,
                       bs_doc_cell *o)
{
    bs_pr_value(c, c->mon, pt->value, o->buf, sizeof o->buf);
    if (pt->provisional) {
        strncat(o->buf, " ", sizeof o->buf - strlen(o->buf) - 1);
        strncat(o->buf, PW(c, BS_W_PR_PROV_MARK),
                sizeof o->buf - strlen(o->buf) - 1);
        o->note_symbol = PW(c, BS_W_PR_PROV_MARK);
        o->note_text = PW(c, BS_W_PR_PROVISIONAL);
    }
    o->text = o->buf;
}

static void area_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const pctx *c = ud;
    const bs_progress_series *s = &c->p->mon[c->mon].series[r];
    long at = bs_progress_at(&s->series, c->P);
    const bs_monitor_point *pt = at >= 0 ? &s->points[at] : NULL;

    switch (col) {
    case 0: o->text = s->name ? s->name : s->key; break;
    case 2:
        o->text = bs_pr_status(c, pt ? pt->status : BS_STATUS_GREY,
                               pt ? pt->why : BS_GREY_NO_VALUE, o->buf,
                               sizeof o->buf);
        break;
    case 3: if (pt) o->text = bs_pr_value(c, c->mon, pt->baseline, o->buf,
                                          sizeof o->buf); break;
    case 4:
        if (!pt)
            break;
        value_cell(c, pt, o);
        break;
    case 5: o->text = bs_pr_change(c, c->mon, pt, o->buf, sizeof o->buf); break;
    }
}

static int area_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                     double y, double w, double h, bs_error *err)
{
    const pctx *c = ud;
    const bs_progress_series *s = &c->p->mon[c->mon].series[r];
    long at = bs_progress_at(&s->series, c->P);

    (void)col;
    (void)err;
    bs_pr_dot(c, cr, at >= 0 ? s->points[at].status : BS_STATUS_GREY, x, y, w,
              fmin(h, 6 * MM));
    return 0;
}

static int areas_table(bs_doc *d, pctx *c, size_t m, bs_error *err)
{
    bs_doc_column cols[6] = {
        {PW(c, BS_W_PR_SERIES), 0, BS_ALIGN_LEFT, 0, 0},
        {"", 6, BS_ALIGN_CENTRE, 1, 0},
        {PW(c, BS_W_PR_STOPLICHT), 24, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_BASELINE), 24, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_LATEST), 26, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_CHANGE), 34, BS_ALIGN_LEFT, 0, 0}};
    bs_doc_table tb;
    char cap[256];

    c->mon = m;
    snprintf(cap, sizeof cap, PW(c, BS_W_PR_AREAS_CAPTION),
             bs_pr_label(&c->p->mon[m]));
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = 6;
    tb.nrows = c->p->mon[m].nseries;
    tb.caption = cap;
    tb.zebra = 1;
    tb.min_row = 6;
    tb.cell = area_cell;
    tb.draw = area_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

/* The facts of a single series at the reporting period. */
static int series_facts(bs_doc *d, const pctx *c, size_t m, bs_error *err)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    const bs_progress_series *s = &mo->series[0];
    long at = bs_progress_at(&s->series, c->P);
    const bs_monitor_point *pt = at >= 0 ? &s->points[at] : NULL;
    char v[128], per[64], buf[256];

    if (!pt) {
        snprintf(buf, sizeof buf, PW(c, BS_W_PR_NO_VALUE_AT), c->period);
        return fact(d, PW(c, BS_W_PR_LATEST), buf, err);
    }
    bs_period_format(&mo->spec->baseline, c->lang, per, sizeof per);
    snprintf(buf, sizeof buf, "%s (%s)",
             bs_pr_value(c, m, pt->baseline, v, sizeof v), per);
    if (fact(d, PW(c, BS_W_PR_BASELINE), buf, err) != 0)
        return -1;
    bs_period_format(&s->series.period[at], c->lang, per, sizeof per);
    snprintf(buf, sizeof buf, "%s (%s%s%s)",
             bs_pr_value(c, m, pt->value, v, sizeof v), per,
             pt->provisional ? ", " : "",
             pt->provisional ? PW(c, BS_W_PR_PROVISIONAL) : "");
    if (fact(d, PW(c, BS_W_PR_LATEST), buf, err) != 0 ||
        fact(d, PW(c, BS_W_PR_CHANGE), bs_pr_change(c, m, pt, buf, sizeof buf),
             err) != 0)
        return -1;
    if (isfinite(pt->path)) {
        snprintf(buf, sizeof buf, "%s (%s)",
                 bs_pr_path(c, m, pt->path, v, sizeof v), per);
        if (fact(d, PW(c, BS_W_PR_PATH), buf, err) != 0)
            return -1;
    }
    return 0;
}

/* Target, direction, tolerance, breaks, definition, source. */
static int spec_facts(bs_doc *d, const pctx *c, size_t m, bs_error *err)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    const bs_monitor_spec *sp = mo->spec;
    char buf[512], v[128];
    long at = bs_progress_at(&mo->series[0].series, c->P);
    double V = at >= 0 ? mo->series[0].points[at].target : NAN;
    size_t o;

    bs_target_format(&sp->target, c->lang, buf, sizeof buf);
    if (mo->illustrative)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %s",
                 PW(c, BS_W_PR_ILLUSTRATIVE));
    if (mo->nseries == 1 && isfinite(V) &&
        (sp->target.kind == BS_TARGET_RELATIVE || sp->target.kind == BS_TARGET_PP))
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " (%s)",
                 bs_pr_value(c, m, V, v, sizeof v));
    if (fact(d, PW(c, BS_W_PR_TARGET), buf, err) != 0 ||
        fact(d, PW(c, BS_W_PR_DIRECTION), PW(c, sp->direction < 0
             ? BS_W_PR_LOWER_BETTER : BS_W_PR_HIGHER_BETTER), err) != 0)
        return -1;
    if (sp->tolerance > 0 &&
        fact(d, PW(c, BS_W_PR_TOLERANCE),
             bs_pr_value(c, m, sp->tolerance, v, sizeof v), err) != 0)
        return -1;
    for (o = 0, buf[0] = '\0'; o < sp->nbreaks; o++) {
        bs_period_format(&sp->breaks[o], c->lang, v, sizeof v);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
                 o ? ", " : "", v);
    }
    return fact(d, PW(c, BS_W_PR_BREAK), buf, err) != 0 ||
           fact(d, PW(c, BS_W_PR_DEFINITION), mo->definition, err) != 0 ||
           fact(d, bs_word(BS_W_SOURCE, c->lg), mo->source, err) != 0 ? -1 : 0;
}

static int monitor_page(bs_doc *d, pctx *c, size_t m, bs_error *err)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    const bs_monitor_point *pt = NULL;

    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, bs_pr_label(mo), 30, err) != 0)
        return -1;
    if (mo->nseries == 1) {
        long at = bs_progress_at(&mo->series[0].series, c->P);
        pt = at >= 0 ? &mo->series[0].points[at] : NULL;
        if (status_line(d, c, pt, err) != 0 || chart(d, c, m, err) != 0)
            return -1;
        bs_doc_skip(d, 3);
        if (series_facts(d, c, m, err) != 0)
            return -1;
    } else if (areas_table(d, c, m, err) != 0) {
        return -1;
    }
    if (spec_facts(d, c, m, err) != 0)
        return -1;
    if (mo->note && *mo->note) {
        if (bs_doc_heading(d, 2, PW(c, BS_W_PR_NOTES), 12, err) != 0 ||
            bs_doc_paragraph(d, mo->note, BS_TEXT_BODY, 0, err) != 0)
            return -1;
    }
    return 0;
}

int bs_pr_monitor_pages(bs_doc *d, pctx *c, bs_error *err)
{
    for (size_t m = 0; m < c->p->nmon; m++)
        if (monitor_page(d, c, m, err) != 0)
            return -1;
    return 0;
}

/* ---- the actions ---- */

static void action_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const pctx *c = ud;
    const bs_progress_action *a = &c->p->act[r];

    if (!c->owners && col >= 3)
        col++;   /* no owner column */
    switch (col) {
    case 1: o->text = bs_status_name(a->status, c->lang); break;
    case 2: o->text = a->action; break;
    case 3: o->text = a->owner; break;
    case 4: o->text = a->text; break;
    }
}

static int action_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                       double y, double w, double h, bs_error *err)
{
    const pctx *c = ud;

    (void)col;
    (void)err;
    bs_pr_dot(c, cr, c->p->act[r].status, x, y, w, fmin(h, 6 * MM));
    return 0;
}

int bs_pr_actions(bs_doc *d, pctx *c, bs_error *err)
{
    bs_doc_column cols[5] = {
        {"", 6, BS_ALIGN_CENTRE, 1, 0},
        {PW(c, BS_W_PR_STATUS), 16, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_ACTION), 0, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_OWNER), 36, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_NOTES), 56, BS_ALIGN_LEFT, 0, 0}};
    bs_doc_table tb;
    size_t cnt[4] = {0, 0, 0, 0}, o = 0;
    char sum[256], one[64];

    c->owners = 0;
    for (size_t a = 0; a < c->p->nact; a++) {
        cnt[c->p->act[a].status]++;
        c->owners |= c->p->act[a].owner != NULL;
    }
    if (!c->owners)
        cols[3] = cols[4];
    sum[0] = '\0';
    for (int s = BS_STATUS_GREEN; s <= BS_STATUS_RED; s++) {
        snprintf(one, sizeof one, PW(c, BS_W_PR_COUNT), cnt[s],
                 bs_status_name((bs_status)s, c->lang));
        o += (size_t)snprintf(sum + o, sizeof sum - o, "%s%s",
                              o ? " \xc2\xb7 " : "", one);
    }
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, PW(c, BS_W_PR_ACTIONS), 30, err) != 0 ||
        bs_doc_paragraph(d, PW(c, BS_W_PR_ACTIONS_INTRO), BS_TEXT_BODY, 0,
                         err) != 0 ||
        bs_doc_paragraph(d, sum, BS_TEXT_BODY, BS_T_BOLD, err) != 0)
        return -1;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = c->owners ? 5 : 4;
    tb.nrows = c->p->nact;
    tb.zebra = 1;
    tb.min_row = 7;
    tb.cell = action_cell;
    tb.draw = action_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

/* ---- the appendix ---- */

/* Row r of the appendix table of monitor c->mon: series and period. */
static void app_row(const pctx *c, size_t r, const bs_progress_series **s,
                    size_t *k)
{
    *s = &c->p->mon[c->mon].series[c->rows[2 * r]];
    *k = c->rows[2 * r + 1];
}

static void app_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const pctx *c = ud;
    const bs_progress_series *s;
    const bs_monitor_point *pt;
    size_t k;

    app_row(c, r, &s, &k);
    pt = &s->points[k];
    if (c->p->mon[c->mon].nseries == 1)
        col++;   /* no series column */
    switch (col) {
    case 0: o->text = s->name ? s->name : s->key; break;
    case 1: o->text = bs_period_format(&s->series.period[k], c->lang, o->buf,
                                       sizeof o->buf); break;
    case 2:
        value_cell(c, pt, o);
        break;
    case 3: if (isfinite(pt->path)) o->text = bs_pr_path(c, c->mon, pt->path,
                                             o->buf, sizeof o->buf); break;
    case 4: o->text = bs_pr_change(c, c->mon, pt, o->buf, sizeof o->buf); break;
    case 6: o->text = bs_pr_status(c, pt->status, pt->why, o->buf,
                                   sizeof o->buf); break;
    }
}

static int app_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                    double y, double w, double h, bs_error *err)
{
    const pctx *c = ud;
    const bs_progress_series *s;
    size_t k;

    (void)col;
    (void)err;
    app_row(c, r, &s, &k);
    bs_pr_dot(c, cr, s->points[k].status, x, y, w, fmin(h, 5 * MM));
    return 0;
}

static int app_table(bs_doc *d, pctx *c, size_t m, bs_error *err)
{
    const bs_progress_monitor *mo = &c->p->mon[m];
    bs_doc_column cols[7] = {
        {PW(c, BS_W_PR_SERIES), 0, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_PERIOD), 26, BS_ALIGN_LEFT, 0, 0},
        {PW(c, BS_W_PR_VALUE), 24, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_PATH), 24, BS_ALIGN_RIGHT, 0, 0},
        {PW(c, BS_W_PR_CHANGE), 36, BS_ALIGN_LEFT, 0, 0},
        {"", 5, BS_ALIGN_CENTRE, 1, 0},
        {PW(c, BS_W_PR_STOPLICHT), 0, BS_ALIGN_LEFT, 0, 0}};
    size_t n = 0, one = mo->nseries == 1;
    bs_doc_table tb;
    char cap[256];

    for (size_t k = 0; k < mo->nseries; k++)
        n += mo->series[k].series.n;
    free(c->rows);
    if (!(c->rows = malloc((2 * n + 2) * sizeof *c->rows)))
        return bs_error_set(err, "progress report: out of memory");
    c->nrows = 0;
    for (size_t k = 0; k < mo->nseries; k++)
        for (size_t i = 0; i < mo->series[k].series.n; i++) {
            c->rows[2 * c->nrows] = k;
            c->rows[2 * c->nrows++ + 1] = i;
        }
    if (n == 0)
        return 0;
    c->mon = m;
    snprintf(cap, sizeof cap, "%s%s%s%s", bs_pr_label(mo),
             mo->unit && *mo->unit ? " (" : "", mo->unit ? mo->unit : "",
             mo->unit && *mo->unit ? ")" : "");
    memset(&tb, 0, sizeof tb);
    tb.cols = cols + one;
    tb.ncols = 7 - one;
    tb.nrows = n;
    tb.caption = cap;
    tb.zebra = 1;
    tb.cell = app_cell;
    tb.draw = app_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

int bs_pr_appendix(bs_doc *d, pctx *c, bs_error *err)
{
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, PW(c, BS_W_PR_APPENDIX), 30, err) != 0 ||
        bs_doc_paragraph(d, PW(c, BS_W_PR_APPENDIX_INTRO), BS_TEXT_BODY, 0,
                         err) != 0)
        return -1;
    for (size_t m = 0; m < c->p->nmon; m++) {
        if (app_table(d, c, m, err) != 0)
            return -1;
        bs_doc_skip(d, 6);
    }
    return 0;
}
