/* cells.c: numbers, table cells and paragraphs as the report prints them:
 * every value through disclosure control, "." with a footnote where it is
 * secret or unknown, a minus sign for '-'. */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/number.h"

char *bs_rep_num(const rctx *c, double v, int dec, char *buf, size_t n)
{
    char tmp[40];

    bs_format_number(v, dec, c->lang, tmp, sizeof tmp);
    if (tmp[0] == '-')
        snprintf(buf, n, "\xe2\x88\x92%s", tmp + 1);
    else
        snprintf(buf, n, "%s", tmp);
    return buf;
}

char *bs_rep_pct(const rctx *c, double share, char *buf, size_t n)
{
    char tmp[48];

    snprintf(buf, n, "%s%%", bs_rep_num(c, 100.0 * share, 0, tmp, sizeof tmp));
    return buf;
}

char *bs_rep_rank(const rctx *c, double r, char *buf, size_t n)
{
    return bs_rep_num(c, r, r == floor(r) ? 0 : 1, buf, n);
}

const char *bs_rep_status(const rctx *c, unsigned char st)
{
    return st == BS_STATUS_SMALL ? W(c, BS_W_NO_SCORE_SMALL)
                                 : W(c, BS_W_NO_SCORE_DATA);
}

const char *bs_rep_norm(const rctx *c, bs_norm m)
{
    switch (m) {
    case BS_NORM_ZSCORE: return W(c, BS_W_NORM_ZSCORE);
    case BS_NORM_MINMAX: return W(c, BS_W_NORM_MINMAX);
    case BS_NORM_RANK: return W(c, BS_W_NORM_RANK);
    case BS_NORM_PERCENTILE: return W(c, BS_W_NORM_PERCENTILE);
    case BS_NORM_EXPRANK: return W(c, BS_W_NORM_EXPRANK);
    case BS_NORM_GOALPOSTS: return W(c, BS_W_NORM_GOALPOSTS);
    case BS_NORM_DISTANCE: return W(c, BS_W_NORM_DISTANCE);
    case BS_NORM_NONE: return W(c, BS_W_NORM_NONE);
    }
    return "?";
}

char *bs_rep_label_unit(const bs_scan_indicator *in, char *buf, size_t n)
{
    if (in->unit)
        snprintf(buf, n, "%s (%s)", in->label, in->unit);
    else
        snprintf(buf, n, "%s", in->label);
    return buf;
}

void bs_rep_secret_cell(const rctx *c, bs_disc_flag f, bs_doc_cell *o)
{
    o->text = ".";
    o->note_symbol = ".";
    o->note_text = bs_disc_footnote(f, c->lang);
}

/* The printable value of indicator k in area i, with its footnote. */
void bs_rep_value_cell(const rctx *c, size_t k, size_t i, bs_doc_cell *o)
{
    unsigned char f = c->vflag[k][i];

    if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
        bs_rep_secret_cell(c, (bs_disc_flag)f, o);
        return;
    }
    o->text = bs_rep_num(c, c->val[k][i], c->dec[k], o->buf, sizeof o->buf);
}

/* A reference value (municipal, national) of indicator k: counts are
 * disclosed like every other count; NaN = not given (empty). */
void bs_rep_ref_cell(const rctx *c, size_t k, double v, bs_doc_cell *o)
{
    if (isnan(v))
        return;
    if (c->ind[k].kind == BS_DISC_COUNT) {
        double out;
        bs_disc_flag f = bs_disclose_count(v, &c->s->report.disc, &out);
        if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
            bs_rep_secret_cell(c, f, o);
            return;
        }
        v = out;
    }
    o->text = bs_rep_num(c, v, c->dec[k], o->buf, sizeof o->buf);
}

void bs_rep_muni_cell(const rctx *c, size_t k, bs_doc_cell *o)
{
    const bs_scan_indicator *in = &c->ind[k];

    if (in->kind == BS_DISC_COUNT && isfinite(in->municipal) &&
        c->tflag[k] == BS_DISC_SUPPRESSED)
        bs_rep_secret_cell(c, BS_DISC_SUPPRESSED, o);   /* protects a single
                                                           secret cell */
    else
        bs_rep_ref_cell(c, k, in->municipal, o);
}

/* Sets text split on '\n' as paragraphs. */
int bs_rep_paras(bs_doc *d, const char *text, bs_text_kind kind,
                 unsigned flags, bs_error *err)
{
    const char *p = text;

    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *one = malloc(len + 1);
        int rc;
        if (!one)
            return bs_error_set(err, "report: out of memory");
        memcpy(one, p, len);
        one[len] = '\0';
        rc = bs_doc_paragraph(d, one, kind, flags, err);
        free(one);
        if (rc != 0)
            return -1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

int bs_rep_paraf(bs_doc *d, unsigned flags, bs_error *err, const char *fmt, ...)
{
    va_list ap;
    char buf[4096];

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return bs_doc_paragraph(d, buf, BS_TEXT_BODY, flags, err);
}

int bs_rep_bullets(bs_doc *d, char **items, size_t n, unsigned flags,
                   bs_error *err)
{
    int rc = 0;

    for (size_t i = 0; i < n; i++)
        if (!items[i])
            rc = bs_error_set(err, "report: out of memory");
    if (rc == 0)
        rc = bs_doc_bullets(d, (const char *const *)items, n, flags, err);
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    return rc;
}

int bs_rep_section_start(bs_doc *d, const rctx *c, bs_report_section s,
                         bs_error *err)
{
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, c->t->sec[s].title, 20, err) != 0)
        return -1;
    return c->t->sec[s].intro
               ? bs_rep_paras(d, c->t->sec[s].intro, BS_TEXT_BODY, 0, err) : 0;
}

int bs_rep_source(bs_doc *d, const rctx *c, bs_error *err)
{
    return c->s->source ? bs_doc_paragraph(d, c->s->source, BS_TEXT_SMALL,
                                           BS_T_SUBTLE | BS_T_FULL, err)
                        : 0;
}
