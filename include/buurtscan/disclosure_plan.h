/* disclosure_plan.h: disclosure control over a whole scan. Decides, once,
 * which cell of which indicator may be printed in which output (value,
 * normalised value, contribution, score), and computes normalisations and
 * classes so that nothing printed anywhere (CSV, report, map, legend,
 * validate, exports) gives a suppressed value back, exactly or to within
 * the rounding of what is printed. Every writer asks the plan; none
 * decides for itself. Builds on the cell rules of disclosure.h. Pure
 * functions on arrays; nothing is read or drawn.
 *
 * The rules (README text):
 *
 * 1. Primary suppression. A count below min_count is suppressed (zero
 *    included); other counts are rounded to round_base (disclosure.h). A
 *    rate is suppressed when its denominator is unknown or below
 *    min_denominator, and when its numerator is below min_count: "0,5 per
 *    100 on 600" would give 3 back. The numerator is the count given
 *    (numerator = ...) or, for a rate read from a column, rate *
 *    denominator / per.
 *
 * 2. Secondary suppression across indicators. Each figure is tied to the
 *    quantities it is made of: a count to what it counts, a rate to its
 *    numerator and its denominator (quantities are named, e.g. by their
 *    column; names compare without regard to case). Denominators count as
 *    public: CBS publishes the population of every wijk. A suppressed cell
 *    makes quantities secret in its area: a count its own quantity, a rate
 *    its numerator (the rate times its public denominator gives it back)
 *    and, when the denominator is below min_count, its denominator. Every
 *    other cell of that area tied to a secret quantity is suppressed too:
 *    a printed rate of jeugdhulp 7 of 745 youths (0,9396 per 100) gives the
 *    suppressed count 7 back.
 *
 * 3. Secondary suppression within a column whose total is printed (the
 *    gemeente's figure next to its wijken, an appendix total). Areas form
 *    groups (all areas, or the wijken of each gemeente). The total of a
 *    count column is the sum of its cells; that of a rate column the summed
 *    numerators per the summed denominators, which with public denominators
 *    gives the summed numerators back. When exactly one cell of a group is
 *    suppressed, the smallest other printed cell (by its count or its
 *    numerator; the first of equal ones) is suppressed too; when the group
 *    has no other printed cell, its total is not printed. Two or more
 *    suppressed cells are left alone. A group with a missing cell has no
 *    total. A printed total is disclosed as a count (or a rate) is.
 *
 *    Rules 2 and 3 are applied in turn until nothing changes.
 *
 * 4. The score ([disclosure] score = without | exact).
 *    without (default): a suppressed value is missing for the score: it
 *      takes no part in normalisation, treatment, imputation or the score
 *      (coverage drops; the flag is "suppressed"), so every printed figure
 *      of every area is computed from printable values only.
 *    exact: the score uses the true value, but the area's score, domain
 *      scores, normalised values and contributions are withheld; rank,
 *      decile and class stay. The normalisation of a column with a
 *      suppressed cell takes its parameters (mean and sd, min and max,
 *      ranks) from the printable values only, and the suppressed value is
 *      normalised against the printable values plus itself. Withholding the
 *      column's normalised values everywhere would not do: the other areas'
 *      printed scores give them back, and with them the mean, and with the
 *      mean the suppressed value. So under both policies the printed
 *      normalised values of a column sum to zero (zscore) without a
 *      suppressed value in them.
 *
 * 5. Classes and ranges. Classes of a map, legend or class table are
 *    computed from printable values only (a class "6 - 78" would give a
 *    suppressed 6 back); a suppressed cell gets no class (drawn as "."),
 *    except the score of an area withheld under `exact`, whose class
 *    stays. Class bounds of counts are printed rounded outward to the
 *    rounding base. Ranges (validate) are over printed values only.
 *
 * What stays visible: that a cell is suppressed; under `exact` also the
 * rank of a withheld area, which places its score between the printed
 * scores of the areas ranked next to it. Its other contributions follow
 * from its printed values, so the bracket narrows the suppressed value,
 * often to within a person (9 of 60 youths pinned to 15 +- 0,8 per 100 in
 * a 16-area test). `without` has no such residual and is the default; a
 * run under `exact` must put what it prints through the attacker of
 * disclosure_attack.h and refuse (naming the cells) when it finds one. */
#ifndef BUURTSCAN_DISCLOSURE_PLAN_H
#define BUURTSCAN_DISCLOSURE_PLAN_H

#include <stddef.h>
#include "buurtscan/classify.h"
#include "buurtscan/disclosure.h"
#include "buurtscan/error.h"
#include "buurtscan/score.h"

/* Why a cell is suppressed. */
typedef enum bs_disc_reason {
    BS_DISC_R_NONE = 0,
    BS_DISC_R_COUNT = 1,        /* primary: a count below min_count */
    BS_DISC_R_NUMERATOR = 2,    /* primary: a rate on a numerator below
                                   min_count */
    BS_DISC_R_DENOMINATOR = 3,  /* primary: a rate on a denominator below
                                   min_denominator or unknown */
    BS_DISC_R_LINKED = 4,       /* secondary: tied to a quantity secret in
                                   its area (rule 2) */
    BS_DISC_R_TOTAL = 5         /* secondary: protects the one other
                                   suppressed cell of a printed total */
} bs_disc_reason;

/* [disclosure] score = without | exact (rule 4). */
typedef enum bs_disc_policy {
    BS_DISC_WITHOUT = 0,
    BS_DISC_EXACT = 1
} bs_disc_policy;

/* Parses "without" or "exact"; -1 if unknown. */
int bs_disc_policy_parse(const char *word, bs_disc_policy *out);
/* The project-file word for p. */
const char *bs_disc_policy_name(bs_disc_policy p);
/* A short English text of a reason, for notes and tests ("count below
 * min_count", ...); "" for BS_DISC_R_NONE. */
const char *bs_disc_reason_text(bs_disc_reason r);

/* What a writer is about to print of an area. */
typedef enum bs_disc_output {
    BS_DISC_OUT_VALUE = 0,      /* the indicator's value (plan->shown) */
    BS_DISC_OUT_NORM = 1,       /* its normalised value */
    BS_DISC_OUT_CONTRIB = 2,    /* its contribution to the score */
    BS_DISC_OUT_SCORE = 3       /* the area's score and domain scores (the
                                   indicator is ignored); not rank, decile
                                   or class, which are always printable */
} bs_disc_output;

/* One indicator as the plan sees it. */
typedef struct bs_disc_column {
    const char *id;             /* names it in messages */
    bs_disc_kind kind;          /* value, count or rate */
    const double *value;        /* [n] the figure; NaN = missing */
    const char *quantity;       /* count: what it counts; rate: its
                                   numerator; NULL = tied to nothing */
    const char *den_quantity;   /* rate: its denominator; NULL = none */
    const double *numerator;    /* rate: [n] counts, or NULL: derived as
                                   value * denominator / per */
    const double *denominator;  /* rate: [n], or NULL = unknown (every cell
                                   of the rate is suppressed) */
    double per;                 /* rate: 100, 1000 ...; > 0 */
    int total_printed;          /* rule 3 applies (count or rate only):
                                   set it when a total is printed or public
                                   elsewhere (the gemeente's own figure on
                                   StatLine gives the same attack) */
} bs_disc_column;

/* The decisions. Cell (k, i) of indicator k and area i is at k * n + i;
 * group totals of indicator k at k * ngroups + g. */
typedef struct bs_disc_plan {
    size_t nind, n, ngroups;
    bs_disc_policy policy;
    unsigned char *flag;        /* bs_disc_flag of the printed value */
    unsigned char *reason;      /* bs_disc_reason */
    double *shown;              /* the value as printed (rounded count,
                                   rate, value); NaN = not printed */
    double *total;              /* printed group totals; NaN = not printed
                                   (no total_printed, suppressed, missing) */
    unsigned char *total_flag;  /* bs_disc_flag of each total */
    unsigned char *withheld;    /* [n] exact: score, normalised values and
                                   contributions of the area withheld */
    size_t nprimary, nsecondary;/* suppressed cells by kind of rule */
} bs_disc_plan;

/* Makes the plan for nind indicators col[] over n areas. group[i] < ngroups
 * is area i's group for rule 3, or (size_t)-1 for none; group NULL = one
 * group of all areas (ngroups is then taken as 1). Errors (message names the
 * indicator): bad settings, a rate without per > 0, a group index out of
 * range, out of memory. *out is zeroed first; free it with
 * bs_disc_plan_free (also after an error). */
int bs_disc_plan_make(const bs_disc_column *col, size_t nind, size_t n,
                      const size_t *group, size_t ngroups,
                      const bs_disc_settings *s, bs_disc_policy policy,
                      bs_disc_plan *out, bs_error *err);
void bs_disc_plan_free(bs_disc_plan *p);

/* Whether cell (k, i) is suppressed (primary or secondary). */
int bs_disc_plan_suppressed(const bs_disc_plan *p, size_t k, size_t i);

/* Whether output `what` of indicator k for area i may be printed:
 *   VALUE    the cell is neither suppressed nor missing;
 *   NORM, CONTRIB  the cell is not suppressed and, under exact, the area is
 *            not withheld (under without a suppressed cell has none);
 *   SCORE    always under without; under exact unless the area is
 *            withheld (k is ignored). */
int bs_disc_printable(const bs_disc_plan *p, bs_disc_output what, size_t k,
                      size_t i);

/* bs_disc_printable for every area: mask[n] gets 1 = may be printed. */
void bs_disc_plan_mask(const bs_disc_plan *p, bs_disc_output what, size_t k,
                       unsigned char *mask);

/* x[n] with the suppressed cells of indicator k set to NaN, into out[n]
 * (out may be x): what `without` feeds to treatment and normalisation. */
void bs_disc_plan_blank(const bs_disc_plan *p, size_t k, const double *x,
                        double *out);

/* Normalises x[n] (indicator k's values, treated) into out[n] as the
 * policy says (rule 4): without, the suppressed cells are missing (NaN in
 * out); exact, the printable cells are normalised among themselves and each
 * suppressed cell against the printable ones plus itself. Errors are those
 * of bs_normalise_ex, `what` naming the indicator. */
int bs_disc_normalise(const bs_disc_plan *p, size_t k, const double *x,
                      const bs_norm_params *np, const char *what, double *out,
                      bs_error *err);

/* Classes of v[n] for a map or class table (rule 5): computed from the
 * values with printable[i] set only. cls[n] gets each area's class: for a
 * printable value bs_class_of; for the others -1, or with keep_class (the
 * score of an area withheld under exact) the class of its value. Errors
 * and freeing as bs_classify_ex. */
int bs_disc_classify(const double *v, const unsigned char *printable,
                     size_t n, const bs_class_params *cp, int keep_class,
                     bs_classes *out, int *cls, bs_error *err);

/* The bounds of class j as printed in a legend or class table: lower is
 * bs_class_lower (may be -INFINITY), upper the class's upper bound; for a
 * count (kind BS_DISC_COUNT) both rounded outward to s->round_base (lower
 * down, upper up), so that no bound is an unrounded count. */
void bs_disc_class_bounds(const bs_classes *c, int j, bs_disc_kind kind,
                          const bs_disc_settings *s, double *lower,
                          double *upper);

/* The range of indicator k over its printed values (plan->shown), for
 * validate's summary. Returns how many values are printed; with none, *lo
 * and *hi are NaN. */
size_t bs_disc_plan_range(const bs_disc_plan *p, size_t k, double *lo,
                          double *hi);

#endif
