/* report.h: the PDF report of a project run (gebiedsscan), composed with
 * typeset.h from a computed scan (scan.h) and a template
 * (templates/report-nl.ini); the scan holds the template, the notes and
 * every setting the report prints.
 *
 * Sections, in order; the template switches each on or off:
 *   cover        title, subtitle, gemeente, date, author, logo, sources
 *   contents     with page numbers
 *   method       every indicator (label, definition, source, year,
 *                direction, weight, normalisation), how the score is made,
 *                missing data, small areas and disclosure control, the
 *                uncertainty settings, and the caveat that a composite
 *                score signals and does not explain
 *   overview     the score map, the full text width, with its legend
 *   ranking      all areas by rank: rank, code, name, score, decile and,
 *                after an uncertainty run, the rank interval p05-p95 as a
 *                bar with the median and the chance of a top place
 *   indicators   a small map of every indicator, six to a page
 *   areas        a page that explains how to read a profile, then one
 *                profile page per area (atlas): the area's map zoomed to it
 *                with its neighbours faded, key figures, a table of every
 *                indicator (area, municipal and national value, normalised
 *                value and the area's place among all areas), the social
 *                base and the three scan questions with the notes
 *   designation  Plus-IKC designation and changes with reasons (when rows
 *                are given)
 *   appendix     all areas x indicators, breaking across pages with
 *                repeated headers, with totals and reference rows
 *
 * Every count is printed through disclosure.h: suppressed and unknown
 * values are "." with a footnote on the page; normalised values and map
 * classes of a suppressed value are not shown either. Counts in a column
 * with a printed total get secondary suppression.
 *
 * An area profile is one page unless its notes do not fit; then it runs
 * on (the flow engine breaks between lines). Large atlases stay compact:
 * the profile map draws only the areas within its extent, clipped to it;
 * neighbours are named on it up to 500 areas (the map renderer sets labels
 * as glyph outlines, which would double a national atlas); the contents
 * list every profile up to 150 areas (the outline always does); the
 * profiles open with a map of all names up to 60 areas. */
#ifndef BUURTSCAN_REPORT_H
#define BUURTSCAN_REPORT_H

#include <stddef.h>
#include "buurtscan/designate.h"
#include "buurtscan/disclosure.h"
#include "buurtscan/error.h"
#include "buurtscan/notes.h"
#include "buurtscan/scan.h"
#include "buurtscan/style.h"
#include "buurtscan/template.h"

/* ---- the report of a scan ---- */

/* Everything the report would refuse, checked before anything is drawn:
 * the language, the date, the disclosure settings, the template's section
 * titles and questions, the logo (read here), rates without denominators.
 * bs_job_load calls it, so that `validate` fails where `run` would. */
int bs_report_check(const bs_scan *s, bs_error *err);

/* Writes the report of s (s->report: template, notes, texts, disclosure
 * settings) to path (directly; removed again on failure; the caller
 * renames it into place). After bs_report_check passed it fails only on
 * cairo/pango failures, I/O and memory. */
int bs_report_write(const bs_scan *s, const char *path, bs_error *err);

/* ---- transitional input (until report.c reads the scan) ---- */

struct bs_job;

/* What the report says about one indicator. */
typedef struct bs_report_indicator {
    const char *label;        /* NULL = the project's label */
    const char *unit;         /* may be NULL */
    const char *definition;   /* may be NULL */
    const char *source;       /* may be NULL */
    const char *year;         /* e.g. "2022"; may be NULL */
    int direction;            /* +1 higher = more need, -1 lower = more need */
    double weight;
    const char *normalisation;/* text for people, e.g. "z-score" */
    double municipal;         /* reference values; NaN = not given */
    double national;
    int decimals;             /* -1 = chosen from the unit and the values */
    bs_disc_kind kind;        /* value, count (disclosure) or rate */
    const double *denominator;/* BS_DISC_RATE: n denominators per area */
} bs_report_indicator;

/* Fills r from the project's indicator k of j: label, unit, direction,
 * weight, the normalisation described in the project's language, the
 * sources of the data it uses; no definition or year, no reference
 * values, automatic decimals, BS_DISC_VALUE. */
void bs_report_indicator_from_job(const struct bs_job *j, size_t k,
                                  bs_report_indicator *r);

/* Social-base counts per area: facilities (or persons) of a few kinds. */
typedef struct bs_report_social {
    size_t nkinds;
    const char *const *label; /* nkinds kind labels ("Sportverenigingen") */
    const double *count;      /* nkinds * n: count[k * n + i], NaN = unknown */
    const int *places;        /* nkinds: 1 = counts of places (not of
                                 persons): printed without disclosure
                                 control; NULL = all are persons */
    const double *base;       /* n: denominator of the rate column, e.g.
                                 residents; NULL = no rate column */
    double per;               /* e.g. 1000 */
    const char *per_label;    /* column header, e.g. "per 1.000 inwoners" */
} bs_report_social;

/* One IKC of a (re)designation. */
typedef struct bs_report_ikc {
    const char *key, *name;
    const char *area;         /* code of the area it lies in; may be NULL */
    double score, rank;       /* NaN = no score */
    double p_top;             /* share of uncertainty runs in the top; NaN = none */
    int designated;           /* 0 / 1 */
    int previous;             /* 0 / 1, -1 = no previous designation */
    bs_change change;
    const char *reason;       /* may be NULL */
} bs_report_ikc;

typedef struct bs_report_input {
    const struct bs_job *job;         /* computed (bs_job_load) */
    const bs_report_template *tpl;
    const char *title;                /* NULL = the project title */
    const char *subtitle;             /* may be NULL */
    const char *author;               /* may be NULL */
    const char *gemeente;             /* e.g. "Gemeente Leeuwarden"; may be NULL */
    const char *iso_date;             /* "YYYY-MM-DD"; NULL = the job's date */
    const char *language;             /* NULL = the template's */
    const bs_report_indicator *ind;   /* nind entries; NULL = from the job */
    const char *const *notes;         /* 3 * n: notes[3 * i + q] for question
                                         q of area i, NULL = none; or NULL */
    const bs_report_social *social;   /* NULL = none */
    const bs_report_ikc *ikc;         /* designation rows, or NULL */
    size_t nikc;
    const char *ikc_rule;             /* e.g. "top 10"; may be NULL */
    bs_disc_settings disc;
} bs_report_input;

/* Zeroes in and sets job, tpl and the CBS disclosure defaults. */
void bs_report_input_init(bs_report_input *in, const struct bs_job *j,
                          const bs_report_template *tpl);

/* Writes the report to path (directly; removed again on failure; the
 * caller renames it into place). Errors: missing section titles in the
 * template, a bad logo, bad disclosure settings, a rate without
 * denominators, and cairo/pango failures. */
int bs_report_write_input(const bs_report_input *in, const char *path,
                          bs_error *err);

#endif
