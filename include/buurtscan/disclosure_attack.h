/* disclosure_attack.h: an attacker on everything a scan prints, to test
 * disclosure control (disclosure_plan.h) the way a reader would break it.
 *
 * The input is what a reader sees: per indicator and area the printed value
 * (or "." with the footnote "geheim" for a suppressed cell), normalised
 * value and contribution; the area's score and rank; the method section
 * (normalisation method and its printed parameters, weights, the rounding
 * base); totals; legends and class tables (bounds, the class of each area);
 * validate's ranges; and which rates share a numerator, with their public
 * denominators. The true values are given too, only to judge the result.
 *
 * What the reader knows of each printed cell is an interval: the printed
 * value widened by half its resolution (a count rounded to 5 printed as 15
 * lies in [12.5, 17.5]; a printed count is at least min_count), narrowed by
 * everything else printed: a rate times its public denominator, and the
 * normalised values of the column. For a column normalised by an affine
 * method (zscore, minmax, distance, none) the map from normalised value
 * back to value is found by a small linear program over up to 32 printed
 * (value, normalised value) pairs, so rounded counts are un-rounded; for
 * rank methods (and goalposts) the map is monotone and a normalised value
 * brackets the value between its printed neighbours; printed parameters
 * (mean and sd as offset and slope) give the map exactly.
 *
 * Then, for every suppressed cell, each attack gives an interval:
 *   norm     its own printed normalised value, mapped back;
 *   score    the area's score (printed, or bracketed by its rank between
 *            the printed scores of its neighbours) minus the other
 *            contributions (printed, or weight * normalised value, or from
 *            the printed value through the column's map), divided by its
 *            effective weight and mapped back (arithmetic mean only, every
 *            indicator that is printed or suppressed in the area taking
 *            part, weights re-scaled over them);
 *   zsum     zscore: minus the sum of the column's other normalised values;
 *   extreme  minmax: the column's printed normalised values lack the bottom
 *            (or top) of the range and this is its only unprinted cell;
 *   shared   another printed figure of the area with the same quantity
 *            (a count, or a rate's numerator times its denominator);
 *   total    the column's printed total minus its other cells (counts; a
 *            rate's total with public denominators gives the summed
 *            numerators); with several unprinted cells an upper bound;
 *   class    the printed class of the cell in a legend or class table;
 *   bound    a legend's lowest or highest bound, or validate's range, that
 *            no printed cell explains, when one suppressed cell can hold it;
 *   combined the intersection of the intervals above that hold the truth.
 *
 * An attack succeeds (a finding) when its interval holds the true value and
 * is no wider than the rounding of a printed figure: round_base for a
 * count (at least 1), the same number of persons for a rate (round_base *
 * per / denominator), value_res (or a millionth) otherwise. An interval
 * built on a wrong assumption (the value was not in the score) misses the
 * truth and is not a finding; by chance it may hit it, and is then
 * reported: the checker errs on the side of a leak.
 *
 * Cost: O(nind * n) per suppressed cell plus a small linear program per
 * column, so a run can afford it as a guard on what it is about to print
 * (needed under [disclosure] score = exact, see disclosure_plan.h). */
#ifndef BUURTSCAN_DISCLOSURE_ATTACK_H
#define BUURTSCAN_DISCLOSURE_ATTACK_H

#include <stddef.h>
#include "buurtscan/disclosure.h"
#include "buurtscan/error.h"
#include "buurtscan/score.h"

/* One indicator as printed. Arrays have n entries; NaN = not printed. */
typedef struct bs_attack_column {
    const char *id;
    bs_disc_kind kind;
    const double *truth;              /* true values: to judge only */
    const unsigned char *suppressed;  /* printed as "." geheim */
    const double *value;              /* printed values */
    double value_res;                 /* printing step: 5 for counts rounded
                                         to 5, 0.01 for 2 decimals; 0 = as
                                         a CSV prints (10 digits) */
    const double *norm;               /* printed normalised values or NULL */
    double norm_res;
    const double *contrib;            /* printed contributions or NULL */
    double contrib_res;
    bs_norm method;                   /* as the method section prints it */
    double range_lo, range_hi;        /* minmax output range (0, 1) */
    double norm_offset, norm_slope;   /* printed parameters as norm =
                                         offset + slope * value; NaN = not */
    double weight;                    /* printed nominal weight; NaN = not */
    long quantity;                    /* what a count counts or a rate's
                                         numerator, as a number shared by
                                         the columns that show it; -1 */
    const double *denominator;        /* rate: public denominators, or NULL */
    double per;                       /* rate: 100, 1000 ... */
    double total, total_res;          /* printed total of all areas (count:
                                         sum; rate: per * sum num / sum den) */
    int nclass;                       /* printed legend classes, or 0 */
    const double *class_lo, *class_hi;/* [nclass] printed bounds */
    double class_res;
    const int *cls;                   /* printed class per area, -1 = none;
                                         or NULL */
    double min, max, range_res;       /* validate's printed range */
} bs_attack_column;

/* Sets every field to "not printed": NULL arrays, NaN numbers, quantity -1,
 * method none, range 0 .. 1, per 100, resolutions 0. */
void bs_attack_column_init(bs_attack_column *c);

typedef struct bs_attack_input {
    size_t nind, n;
    const bs_attack_column *col;      /* [nind] */
    const double *score;              /* printed scores, or NULL */
    double score_res;
    const double *rank;               /* printed ranks (1 = highest score),
                                         or NULL */
    double round_base;                /* counts' rounding base */
    double min_count;                 /* printed counts are at least this */
} bs_attack_input;

typedef struct bs_attack_finding {
    size_t ind, area;
    const char *attack;               /* "norm", "score", ... (static) */
    double lo, hi;                    /* what the attacker knows */
    double truth;
} bs_attack_finding;

typedef struct bs_attack_result {
    size_t n;                         /* findings */
    bs_attack_finding *finding;
    size_t ncells;                    /* suppressed cells attacked */
} bs_attack_result;

/* Attacks every suppressed cell with a true value. Errors: out of memory,
 * a column without truth or value arrays. *out is zeroed first; free it
 * with bs_attack_result_free (also after an error). */
int bs_attack_run(const bs_attack_input *in, bs_attack_result *out,
                  bs_error *err);
void bs_attack_result_free(bs_attack_result *r);

/* Index of the first finding on cell (ind, area) by attack (NULL = any),
 * or -1. */
long bs_attack_find(const bs_attack_result *r, size_t ind, size_t area,
                    const char *attack);

#endif
