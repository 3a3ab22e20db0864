/* progress.h: the council progress report (voortgangsrapportage,
 * [progress NAME] -> progress-NAME.pdf): the monitors against their
 * nulwaarden and targets with the stoplicht, and the stoplicht of the
 * actions, as a raad is informed half-yearly (motie M 24.327).
 *
 * The report is composed with typeset.h in the report's house style from
 * plain inputs (the job fills them from the scan); it opens no file. Pages:
 *   1. cover: "<title>, <period>" ("Voortgangsrapportage jeugd, 2e helft
 *      2025"), subtitle, author, date, the sources;
 *   2. overview (one page for up to ~25 monitors): the stoplicht rule in
 *      words and a table of every monitor: stoplicht as a coloured dot AND
 *      the word (so it reads in grey print), nulwaarde (period), latest
 *      value (period; "v" = voorlopig with a footnote), target, change
 *      (percentage points for a % unit, and the relative change);
 *   3. a page per monitor: the trend chart (chart.h) of a gemeente-level
 *      series, or a table of the areas' values and stoplichten; the
 *      definition, source, direction, tolerance, breaks, provisional marks
 *      and the free text (notes);
 *   4. the actions with their stoplicht (when given);
 *   5. appendix: every series as a table, a row per period with value,
 *      provisional mark, path and stoplicht as if that period were the
 *      latest.
 * The reporting period P (NULL = the latest period of any series): each
 * series is judged at its last period with a value at or before P (the
 * status bs_monitor_evaluate gave that period); later values are left out
 * of the overview and the monitor pages (the appendix lists them all). */
#ifndef BUURTSCAN_PROGRESS_H
#define BUURTSCAN_PROGRESS_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/monitor.h"
#include "buurtscan/period.h"

/* One series of a monitor: the gemeente's, or one area's. */
typedef struct bs_progress_series {
    const char *key;                  /* GM0995, an area code */
    const char *name;                 /* for people; NULL = key */
    bs_series series;                 /* values by period */
    const bs_monitor_point *points;   /* series.n, from bs_monitor_evaluate */
} bs_progress_series;

typedef struct bs_progress_monitor {
    const char *name;                 /* NAME of [monitor NAME] */
    const char *label;                /* NULL = name */
    const char *unit;                 /* "%", "€" ...; NULL = none */
    const char *definition, *source;  /* NULL = not given */
    int decimals;                     /* < 0: from the values (0 to 2) */
    const bs_monitor_spec *spec;      /* direction, baseline, target, breaks */
    const char *note;                 /* free text (notes =); NULL = none */
    int illustrative;                 /* the target is made up: ILLUSTRATIEF
                                         beside it */
    size_t nseries;                   /* 1 for a gemeente-level monitor */
    const bs_progress_series *series;
} bs_progress_monitor;

typedef struct bs_progress_action {
    const char *action;
    const char *owner;                /* NULL = none */
    bs_status status;                 /* GREEN, ORANGE or RED */
    const char *text;                 /* toelichting; NULL = none */
} bs_progress_action;

typedef struct bs_progress {
    const char *name;                 /* NAME of [progress NAME] */
    const char *title;                /* NULL = "Voortgangsrapportage NAME" */
    const char *subtitle, *author;    /* NULL = none */
    const char *language;             /* "nl" (also NULL) or "en" */
    const char *iso_date;             /* YYYY-MM-DD...: PDF date; NULL = now */
    const char *source;               /* "Bron: ..." on the cover; NULL */
    const bs_period *period;          /* reporting period; NULL = latest */
    size_t nmon;
    const bs_progress_monitor *mon;
    size_t nact;                      /* 0: no actions page */
    const bs_progress_action *act;
} bs_progress;

/* Checks what the writer would refuse: no monitors, a monitor without
 * series or points, an action status that is not green/orange/red, the
 * language, the date. Reads no file. Returns 0 or -1. */
int bs_progress_check(const bs_progress *p, bs_error *err);

/* The reporting period: p->period, else the latest period of any series
 * (with a value). Returns NULL when no series has a value. */
const bs_period *bs_progress_period(const bs_progress *p);

/* The index of the period s is judged at under P: its last period with a
 * value at or before P (P NULL: the last with a value); -1 = none. */
long bs_progress_at(const bs_series *s, const bs_period *P);

/* Writes the report to path (directly; removed on failure). *pages (may
 * be NULL) gets the page count. Returns 0 or -1. */
int bs_progress_write(const bs_progress *p, const char *path, int *pages,
                      bs_error *err);

#endif
