/* progress_internal.h: what the files of the council progress report
 * share (not installed).
 *
 * progress.c        entry points, context, numbers, cover, overview
 * progress_pages.c  the monitor pages, the actions, the appendix */
#ifndef BS_REPORT_PROGRESS_INTERNAL_H
#define BS_REPORT_PROGRESS_INTERNAL_H

#include <cairo.h>
#include <stddef.h>
#include "buurtscan/chart.h"
#include "buurtscan/progress.h"
#include "buurtscan/typeset.h"
#include "buurtscan/words.h"

typedef struct pctx {
    const bs_progress *p;
    const char *lang;         /* "nl" or "en" */
    bs_lang lg;
    const bs_period *P;       /* the reporting period */
    char period[64];          /* P for people */
    char title[512];          /* "<title>, <period>" */
    char date[64];
    int *dec;                 /* [nmon] decimals */
    bs_chart_colours col;
    /* the row the table callbacks are working on */
    size_t mon;               /* monitor of a table of areas or series */
    size_t *rows;             /* appendix: (series, period) pairs */
    size_t nrows;
    int owners;               /* some action names its owner */
} pctx;

#define PW(c, key) bs_word((key), (c)->lg)

/* v with the monitor's decimals and unit ("12,7%", "17.300 euro");
 * "." for NaN. */
char *bs_pr_value(const pctx *c, size_t m, double v, char *buf, size_t n);

/* A point of the path, with one decimal more than the values (the path
 * is a line between them). */
char *bs_pr_path(const pctx *c, size_t m, double v, char *buf, size_t n);

/* A change with its sign: "−0,8 procentpunt (−6,3%)"; "" when NaN. */
char *bs_pr_change(const pctx *c, size_t m, const bs_monitor_point *pt,
                   char *buf, size_t n);

/* The status word, with the grey reason: "grijs (geen nulwaarde)". */
char *bs_pr_status(const pctx *c, bs_status s, bs_grey_reason why, char *buf,
                   size_t n);

/* A stoplicht dot (points) centred in the box, with a dark outline. */
void bs_pr_dot(const pctx *c, cairo_t *cr, bs_status s, double x, double y,
               double w, double h);

/* The monitor's label. */
const char *bs_pr_label(const bs_progress_monitor *m);

int bs_pr_monitor_pages(bs_doc *d, pctx *c, bs_error *err);
int bs_pr_actions(bs_doc *d, pctx *c, bs_error *err);
int bs_pr_appendix(bs_doc *d, pctx *c, bs_error *err);

#endif
