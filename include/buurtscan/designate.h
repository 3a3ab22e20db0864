/* designate.h: the two-yearly (re)designation of Plus-IKCs (herijking) and
 * the prioritisation of areas for area scans. Pure functions on arrays;
 * NaN means missing. Keys are compared trimmed and case-insensitively, as
 * everywhere in buurtscan.
 *
 * The rules, in full (they move money, so none of them is implicit):
 *
 * Rank. rank 1 = the highest score. Decisions use the competition rank
 * rank_min = 1 + the number of IKCs with a strictly higher score, whatever
 * `ties` says; `ties` only sets the rank that is reported (average: tied
 * IKCs share the mean of their positions; min: the competition rank). The
 * reason strings quote the competition rank. IKCs without a score get no
 * rank and are never designated.
 *
 * Rule. top = N: designated when rank_min <= N. threshold = T: designated
 * when score >= T.
 *
 * Ties at the boundary (top N only). When the N-th and the (N+1)-th IKC have
 * the same score, all IKCs with that score have rank_min <= N and are all
 * designated, so more than N IKCs meet the rule. Each of them gets
 * tied_at_boundary = 1 and its reason says so. A tie is never broken.
 * (With a threshold there is no such boundary: equal scores are on the same
 * side of T.)
 *
 * Hysteresis. keep_until_rank = R (0 = off): an IKC that was designated
 * before (previous = 1) and does not meet the rule keeps the designation
 * while rank_min <= R (kept = 1). Kept IKCs do NOT push others out: the
 * rule is applied first, as if there were no hysteresis, and the kept IKCs
 * come on top, so the number designated can exceed N by the number kept.
 *
 * Change. continued: designated before and now; new: now, not before;
 * dropped: before, not now; unchanged: neither before nor now. */
#ifndef BUURTSCAN_DESIGNATE_H
#define BUURTSCAN_DESIGNATE_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/score.h"
#include "buurtscan/table.h"

/* ---- IKC scores ---- */

/* Score by location: score[i] = area_score[area[i]], NaN when area[i] is
 * -1 (an IKC outside every area; see bs_pointset_locate). */
void bs_scores_by_location(const long *area, size_t n,
                           const double *area_score, double *score);

/* Score by catchment: the table t has one row per IKC and area, with the
 * number of pupils of that IKC living in that area (columns ikc_col,
 * area_col, pupils_col; pupils may be fractional). For IKC i:
 *   score[i] = sum(pupils * area score) / sum(pupils), over its rows whose
 *              area has a score;
 *   NaN when it has no rows, or no pupils in areas with a score.
 * coverage[i] (may be NULL) = the share of its pupils living in areas with
 * a score (NaN without pupils), so that a report can say how much of the
 * catchment the score rests on.
 * Errors (FILE:LINE: ...): a missing column; an empty or unknown IKC key;
 * an empty or unknown area key; a missing, non-numeric or negative pupil
 * count; the same IKC and area twice (naming both lines); duplicate keys in
 * ikc_keys or area_keys. Warnings: an IKC without rows; an IKC whose pupils
 * all live in areas without a score. */
int bs_catchment_scores(const bs_table *t, const char *ikc_col,
                        const char *area_col, const char *pupils_col,
                        const char *const *ikc_keys, size_t nikc,
                        const char *const *area_keys,
                        const double *area_score, size_t nareas,
                        double *score, double *coverage, const bs_diag *diag,
                        bs_error *err);

/* Previous designation from a table with a key column (a file listing the
 * current Plus-IKCs): previous[i] = 1 when IKC i is listed. With flag_col
 * (may be NULL), a row counts only when that column holds 1 (0 = listed
 * but not designated; nothing else is allowed). Errors: a missing column,
 * an empty or duplicate key, a key that is not among ikc_keys ("FILE:LINE:
 * previous Plus-IKC 'X' is not among the IKCs"), a flag that is not 0/1. */
int bs_previous_designation(const bs_table *t, const char *key_col,
                            const char *flag_col,
                            const char *const *ikc_keys, size_t n,
                            unsigned char *previous, bs_error *err);

/* ---- designation ---- */

typedef enum bs_designate_mode {
    BS_DESIGNATE_TOP,        /* the N highest scores (rank_min <= N) */
    BS_DESIGNATE_THRESHOLD   /* every score >= T */
} bs_designate_mode;

typedef struct bs_designate_rules {
    bs_designate_mode mode;
    size_t top;              /* N (TOP), > 0 */
    double threshold;        /* T (THRESHOLD), finite */
    size_t keep_until_rank;  /* R, 0 = no hysteresis; with TOP, R >= N */
    bs_ties ties;            /* reported rank (decisions use rank_min) */
    size_t nreasons;         /* indicators named in a reason */
    const char *language;    /* "nl" (also NULL) or "en" */
} bs_designate_rules;

/* Defaults: top 10, no hysteresis, ties min, 3 indicators, Dutch. */
void bs_designate_rules_init(bs_designate_rules *r);

typedef struct bs_designate_input {
    size_t n;                      /* IKCs */
    const char *const *keys;       /* n keys, unique (for messages) */
    const double *score;           /* n scores, NaN = no score */
    const unsigned char *previous; /* n flags 0/1; NULL = none before */
    size_t nind;                   /* indicators for reasons (0 = none) */
    const double *const *contrib;  /* contrib[j][i]: indicator j's part in
                                    * IKC i's score (NaN = missing) */
    const char *const *labels;     /* nind names, e.g. "armoede" */
} bs_designate_input;

typedef enum bs_change {
    BS_CHANGE_UNCHANGED,     /* not designated before or now */
    BS_CHANGE_CONTINUED,     /* designated before and now */
    BS_CHANGE_NEW,           /* designated now, not before */
    BS_CHANGE_DROPPED        /* designated before, not now */
} bs_change;

/* "unchanged", "continued", "new", "dropped" (for CSV files and scripts). */
const char *bs_change_name(bs_change c);

typedef struct bs_ikc_designation {
    double rank;             /* as rules.ties says; NaN without a score */
    long rank_min;           /* competition rank; 0 without a score */
    int scored;              /* has a score */
    int meets;               /* meets the rule (top N or threshold) */
    int kept;                /* designated only through keep_until_rank */
    int designated;          /* meets || kept */
    int previous;
    int tied_at_boundary;
    bs_change change;
    char *reason;            /* in rules.language */
} bs_ikc_designation;

typedef struct bs_designation {
    size_t n;
    bs_ikc_designation *ikc; /* n, in input order */
    size_t ndesignated, nmeets, nkept, ntied, nunscored;
    size_t ncontinued, nnew, ndropped;
    double cutoff;           /* TOP: lowest score that meets the rule (NaN
                              * if none); THRESHOLD: T */
} bs_designation;

/* Applies the rules (see the top of this file) to in (*out, caller frees).
 * Reasons: designated IKCs name the nreasons indicators with the largest
 * positive contributions (ties: the earlier indicator; none when no
 * contribution is above 0); every IKC gets its rank against the rule, e.g.
 *   "nieuw: rang 8 (grens: top 10); grootste bijdragen: armoede, jeugdhulp,
 *    eenouder"
 *   "behoudt predicaat: rang 12 <= 13 (buiten top 10)"
 *   "vervalt: rang 15 > 13 (blijft tot rang 13)"
 * Errors: N == 0; T not finite; R < N with TOP; an unknown language;
 * duplicate keys; previous flags other than 0/1. Warnings: a previously
 * designated IKC without a score (it is dropped). */
int bs_designate(const bs_designate_input *in, const bs_designate_rules *rules,
                 bs_designation **out, const bs_diag *diag, bs_error *err);
void bs_designation_free(bs_designation *d);

/* ---- prioritisation of areas for area scans ---- */

typedef enum bs_quadrant {
    BS_Q_HIGH_NEED_LOW_SUPPLY,   /* "hoge nood, weinig basis" */
    BS_Q_HIGH_NEED_HIGH_SUPPLY,  /* "hoge nood, sterke basis" */
    BS_Q_LOW_NEED_LOW_SUPPLY,    /* "lage nood, weinig basis" */
    BS_Q_LOW_NEED_HIGH_SUPPLY,   /* "lage nood, sterke basis" */
    BS_Q_UNKNOWN                 /* need or supply missing */
} bs_quadrant;

/* The label of a quadrant in "nl" (also NULL) or "en"; NULL for an unknown
 * language. */
const char *bs_quadrant_label(bs_quadrant q, const char *language);

/* Quadrants of need (e.g. the score) against supply (e.g. facilities per
 * 1,000 youths), cut at *need_cut and *supply_cut; a NaN cut is replaced by
 * the median of the values present (written back, so the report can print
 * it). High need: need > cut; low supply: supply < cut; a value equal to a
 * cut counts as low need / strong basis.
 * order[n] (may be NULL): area indices in priority order: first the areas
 * with high need and low supply, by need descending; then all other areas
 * with a quadrant, by need descending; then the areas without one (need
 * descending, missing need last). Equal need: lower supply first, then
 * input order. priority[n] (may be NULL): each area's place in that order
 * (1 = first).
 * Errors: a median of no values; an infinite value; a cut that is not
 * finite after the medians. */
int bs_prioritise(const double *need, const double *supply, size_t n,
                  double *need_cut, double *supply_cut, bs_quadrant *quadrant,
                  size_t *order, long *priority, bs_error *err);

#endif
