/* disclosure.h: statistical disclosure control of printed figures, after
 * CBS small-area practice (../shared/docs/references.md, "Statistical
 * disclosure control"). Pure functions on values; nothing is drawn or read.
 *
 * The rules (every one configurable through bs_disc_settings):
 *
 * Counts (persons, households, allocations). A count below min_count
 * (default 10; zero included) is suppressed. Any other count is rounded to
 * the nearest multiple of round_base (default 5; halves away from zero);
 * should that fall below min_count it is rounded up instead, so that no
 * printed count is ever below the threshold.
 *
 * Rates. A rate whose denominator is below min_denominator (default 50) or
 * unknown is suppressed; rates are not rounded (their decimals are the
 * printer's business). A rate whose numerator count is known
 * (bs_disclose_rate_counted, bs_disclose_rate_of) is also suppressed when
 * that count would be (below min_count), since the rate and a printed
 * denominator give the count back.
 *
 * Across indicators and areas (secondary suppression, the score, classes):
 * disclosure_plan.h.
 *
 * Totals (bs_disclose_group). A group is a set of cells whose total is
 * printed with them (the wijken of a gemeente and the gemeente's total).
 * The total is the sum of the unrounded cells, disclosed as a count; with a
 * missing cell it is missing. Secondary suppression: when the total is
 * printed and exactly one cell of the group is suppressed, the reader
 * could get it back as total minus the others. Then the smallest other
 * printed cell (by its unrounded value; the first of equal ones) is
 * suppressed too; when there is no other printed cell, the total is
 * suppressed instead. Two or more suppressed cells are left alone: their
 * sum is known, each one is not.
 *
 * Suppressed values are printed as "." (the CBS sign), with the footnote
 * "geheim of onbetrouwbaar" ("secret or unreliable"); missing values are
 * printed as "." too, with the footnote "onbekend" ("unknown"), as in the
 * CBS "verklaring van tekens". */
#ifndef BUURTSCAN_DISCLOSURE_H
#define BUURTSCAN_DISCLOSURE_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef enum bs_disc_flag {
    BS_DISC_OK = 0,          /* printed as it is */
    BS_DISC_ROUNDED = 1,     /* printed rounded (a count; may equal the input) */
    BS_DISC_SUPPRESSED = 2,  /* not printed: "." (primary or secondary) */
    BS_DISC_MISSING = 3      /* no value (NaN in): "." */
} bs_disc_flag;

/* What kind of figure a column holds. */
typedef enum bs_disc_kind {
    BS_DISC_VALUE = 0,       /* a value that identifies nobody (a share from
                                an outside source, a score): printed as is */
    BS_DISC_COUNT = 1,       /* a count of persons or households */
    BS_DISC_RATE = 2         /* a rate with a known denominator per area */
} bs_disc_kind;

typedef struct bs_disc_settings {
    double min_count;        /* >= 0; default 10 */
    double round_base;       /* >= 0; 0 or 1 = no rounding; default 5 */
    double min_denominator;  /* >= 0; default 50 */
} bs_disc_settings;

/* The CBS defaults: 10, 5, 50. */
void bs_disc_settings_init(bs_disc_settings *s);

/* Checks the settings (finite, not negative, round_base a whole number).
 * Returns 0 or -1 with a message naming the setting. */
int bs_disc_settings_check(const bs_disc_settings *s, bs_error *err);

/* Discloses one count v (NaN = missing). *out gets the printable value,
 * NaN when suppressed or missing. A negative count is treated as missing
 * (a count cannot be negative; the caller's data checks report it). */
bs_disc_flag bs_disclose_count(double v, const bs_disc_settings *s,
                               double *out);

/* Discloses one rate with its denominator (NaN = unknown: suppressed). */
bs_disc_flag bs_disclose_rate(double rate, double denominator,
                              const bs_disc_settings *s, double *out);

/* A rate per `per` (e.g. 1000) from a count and its denominator, disclosed:
 * suppressed when the count is below min_count or the denominator below
 * min_denominator; missing when either is missing or the denominator is 0. */
bs_disc_flag bs_disclose_rate_of(double count, double denominator, double per,
                                 const bs_disc_settings *s, double *out);

/* Discloses a rate with the count in its numerator and its denominator:
 * suppressed when the denominator is unknown or below min_denominator, and
 * when the numerator is unknown or below min_count (the rate and its
 * public denominator would give the numerator back: "0,5 per 100 on 600"
 * is 3). Missing when the rate is. */
bs_disc_flag bs_disclose_rate_counted(double rate, double numerator,
                                      double denominator,
                                      const bs_disc_settings *s, double *out);

/* Array forms: out[i] and flag[i] for i < n (flag may be NULL). For rates,
 * den[i] is the denominator of rate[i]. */
void bs_disclose_counts(const double *v, size_t n, const bs_disc_settings *s,
                        double *out, unsigned char *flag);
void bs_disclose_rates(const double *rate, const double *den, size_t n,
                       const bs_disc_settings *s, double *out,
                       unsigned char *flag);

/* A group of n counts v[] printed with their total (see the top of this
 * file). Fills out[n], flag[n] (the cells after primary and secondary
 * suppression) and *total, *total_flag. *nsecondary (may be NULL) gets the
 * number of cells or totals suppressed only to protect another cell.
 * With show_total = 0 the cells get primary suppression only and the total
 * is reported as BS_DISC_SUPPRESSED (not printed). */
void bs_disclose_group(const double *v, size_t n, const bs_disc_settings *s,
                       int show_total, double *out, unsigned char *flag,
                       double *total, unsigned char *total_flag,
                       size_t *nsecondary);

/* The footnote for a flag in "nl" (also NULL) or "en": "geheim of
 * onbetrouwbaar" for BS_DISC_SUPPRESSED, "onbekend" for BS_DISC_MISSING,
 * NULL for the others. */
const char *bs_disc_footnote(bs_disc_flag f, const char *language);

#endif
