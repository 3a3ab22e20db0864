/* score.h: normalisation, weighted aggregation and ranking of indicators.
 * Pure functions on arrays; NaN means missing throughout. Every normalised
 * value follows one rule: higher means more need. */
#ifndef BUURTSCAN_SCORE_H
#define BUURTSCAN_SCORE_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/vocab.h"

/* bs_norm, bs_ties and their words are in vocab.h. */

/* Ranks x[0..n) into rank[n]; NaN stays NaN. ascending = 1: the smallest
 * value gets rank 1; ascending = 0: the largest gets rank 1. Ranking an
 * aggregate score with ascending = 0 gives rank 1 = most need. */
void bs_rank(const double *x, size_t n, int ascending, bs_ties ties,
             double *rank);

/* Workspace for ranking many vectors of up to n values without allocating
 * (the uncertainty runs). bs_rank_work_new returns NULL when out of memory;
 * a workspace serves one thread at a time. */
typedef struct bs_rank_work bs_rank_work;
bs_rank_work *bs_rank_work_new(size_t n);
void bs_rank_work_free(bs_rank_work *w);
/* As bs_rank, for n no larger than the workspace's n. */
void bs_rank_with(bs_rank_work *w, const double *x, size_t n, int ascending,
                  bs_ties ties, double *rank);

/* A normalisation with its parameters. Start from bs_norm_params_init and
 * set what the method needs. direction +1: higher x is more need; -1: lower
 * x is more need. Following COINr Normalise.numeric, x' = direction * x is
 * normalised, so for every method a higher result means more need.
 *   zscore      (x' - mean) / sd (sample sd)
 *   minmax      range_lo + (x' - min') / (max' - min') * (range_hi -
 *               range_lo); range 1 100 keeps values above 0 for a
 *               geometric mean (COINr n_minmax l_u)
 *   rank        ascending rank of x' (ties as set); n = most need
 *   percentile  (rank_min - 1) / (n - 1) (COINr n_prank, min ties always)
 *   exprank     R = rank / n of x' (ties as set), R = 1 for the most need,
 *               X = -23 ln(1 - R (1 - exp(-100/23))) (IoD 2019 Technical
 *               Report; SID 2003): X(1) = 100, X(0.5) = 15.6468
 *   goalposts   clamp((x - post_lo) / (post_hi - post_lo), 0, 1) * scale,
 *               and (x - post_hi) / (post_lo - post_hi) for direction -1
 *               (COINr n_goalposts with trunc2posts); posts in x's units
 *   distance    (x' - min') / (ref' - min') * scale, ref' = direction * ref,
 *               = 1 - (ref' - x') / (ref' - min') (COINr n_dist2ref with
 *               ref = x[iref], n_dist2targ with ref = a target); cap = 1
 *               caps values beyond the reference at scale (COINr cap_max)
 *   none        x' itself */
typedef struct bs_norm_params {
    bs_norm method;
    int direction;       /* +1 or -1 */
    bs_ties ties;        /* rank, exprank (default average) */
    double range_lo;     /* minmax output range (default 0 .. 1) */
    double range_hi;
    double post_lo;      /* goalposts, in x's units, post_lo < post_hi */
    double post_hi;
    double ref;          /* distance: reference value in x's units */
    double scale;        /* goalposts, distance: multiplier (default 1) */
    int cap;             /* distance: cap at the reference (default 0) */
} bs_norm_params;

/* Defaults: ties average, range 0 .. 1, scale 1, cap 0, posts and ref NaN
 * (goalposts and distance fail until they are set). */
void bs_norm_params_init(bs_norm_params *p, bs_norm method, int direction);

/* Normalises x[0..n) into out[n] (out may not alias x) as p says; NaN stays
 * NaN. `what` names the indicator for messages. Errors: direction not +-1;
 * zscore, minmax, rank, percentile, exprank with fewer than 2 values
 * present; zscore, minmax, percentile with all values equal; minmax with
 * range_hi <= range_lo; goalposts with posts missing or post_lo >= post_hi;
 * distance with no value present, ref missing or ref' <= min' (no value
 * below the reference to measure from); scale <= 0. */
int bs_normalise_ex(const double *x, size_t n, const bs_norm_params *p,
                    const char *what, double *out, bs_error *err);

/* bs_normalise_ex with bs_norm_params_init(m, direction) and ties. */
int bs_normalise(const double *x, size_t n, bs_norm m, int direction,
                 bs_ties ties, const char *what, double *out, bs_error *err);

/* bs_agg, bs_agg_spec and their words are in vocab.h. */

/* Weighted arithmetic mean over indicators, area by area.
 * norm[j][i] is indicator j of area i; weight[j] > 0. For each area the
 * coverage is the share of the total weight whose indicator is present; the
 * score is the weighted mean over present indicators (weights re-scaled) when
 * coverage >= min_coverage, else NaN. */
void bs_aggregate_mean(const double *const *norm, const double *weight,
                       size_t nind, size_t n, double min_coverage,
                       double *score, double *coverage);

/* bs_aggregate_mean with any bs_agg_spec: the same coverage rule and
 * re-scaling of weights over the present indicators (COINr a_amean, a_gmean,
 * a_hmean and the generalised mean). names[j] names indicator j and keys[i]
 * area i in messages (either may be NULL: "indicator 3", "area 12", 1-based).
 * coverage may be NULL. Errors: a weight below 0 or not finite, all weights
 * 0, a present value outside the method's domain (e.g. "[indicator armoede],
 * area WK008001: geometric mean needs values above 0 (got 0); use minmax
 * with range 1 100"). */
int bs_aggregate(const double *const *norm, const double *weight,
                 size_t nind, size_t n, bs_agg_spec agg, double min_coverage,
                 const char *const *names, const char *const *keys,
                 double *score, double *coverage, bs_error *err);

/* Two levels: indicators into domains, domains into the index. */
typedef struct bs_domains {
    size_t ndom;
    const size_t *domain;         /* nind entries: the domain of indicator j */
    const double *domain_weight;  /* ndom entries, >= 0, not all 0 */
    const char *const *domain_names; /* may be NULL: "domain 2" */
    bs_agg_spec ind_agg;          /* indicators -> domain score */
    bs_agg_spec dom_agg;          /* domain scores -> index */
} bs_domains;

/* Aggregates norm[nind][n] (weights weight[j] within each domain) into
 * domain scores and those into the index score[n], each level with its own
 * method. As in COINr, each level aggregates the values present and
 * re-scales the weights over them: a domain score is missing only when none
 * of its indicators is present, and the index uses the present domains.
 * coverage[i] is the share of the total effective indicator weight present,
 * where indicator j's effective weight is its share of its domain's
 * indicator weight times its domain's share of the domain weight; the index
 * is NaN when coverage < min_coverage (the same tolerance as
 * bs_aggregate_mean). domain_score (may be NULL) receives ndom arrays of n.
 * Errors: a domain index >= ndom, a domain without indicators or without
 * weight, and those of bs_aggregate. */
int bs_aggregate_domains(const double *const *norm, const double *weight,
                         size_t nind, size_t n, const bs_domains *d,
                         double min_coverage, const char *const *names,
                         const char *const *keys, double *const *domain_score,
                         double *score, double *coverage, bs_error *err);

/* Deciles from ranks (1 = most need): ceil(10 * rank / nscored); NaN stays
 * NaN. nscored = number of non-NaN ranks. */
void bs_deciles(const double *rank, size_t n, double *decile);

#endif
