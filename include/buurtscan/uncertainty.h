/* uncertainty.h: Monte Carlo uncertainty and sensitivity of the ranking.
 *
 * Each run multiplies every nominal weight by its own U(1 - w, 1 + w) draw
 * and picks one normalisation from a list (uniformly), recomputes the
 * composite and ranks it (rank 1 = most need, min ties). From the runs come,
 * per area, rank_p05, rank_median, rank_p95 (R's quantile type 7 of the run
 * ranks: h = (runs - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] -
 * x[floor h]) on the sorted ranks) and p_top, the share of runs with rank <=
 * top. The sensitivity of each input is the mean absolute rank shift
 * (over scored areas, then runs) against the nominal ranking when only that
 * input varies: each weight alone over sa_runs runs, and the normalisation
 * choice alone, exactly: the mean over the listed normalisations with the
 * nominal weights (the nominal one contributes 0).
 *
 * Which areas are scored follows the nominal weights (coverage >=
 * min_coverage, as bs_aggregate): the data availability rule does not
 * change from run to run, so every run ranks the same areas 1..nscored.
 *
 * Determinism: run r draws from its own xoshiro256** stream seeded by
 * splitmix64 from (seed, input, r), and writes its ranks to its own slot;
 * the results are identical for a seed whatever the number of threads.
 *
 * Memory: runs * nscored ranks of 2 bytes (4 when nscored > 65535), plus
 * nnorm * nind * n doubles of normalised values and about 70 bytes per
 * area, plus per thread 24 bytes per area and 260 bytes per run. England
 * (32,844 areas, 7 indicators, 4 normalisations, 1000 runs): 66 MB of
 * ranks, 84 MB peak resident in all. */
#ifndef BUURTSCAN_UNCERTAINTY_H
#define BUURTSCAN_UNCERTAINTY_H

#include <stddef.h>
#include <stdint.h>
#include "buurtscan/error.h"
#include "buurtscan/score.h"

typedef struct bs_unc_input {
    const double *const *raw;    /* raw[j][i]: indicator j of area i (after
                                  * treatment and imputation); NaN = missing */
    size_t nind, n;
    const double *weight;        /* nind nominal weights, >= 0 */
    const bs_norm_params *norm;  /* nnorm * nind: norm[k * nind + j] is
                                  * choice k for indicator j, with its
                                  * direction; choice 0 is the nominal */
    size_t nnorm;
    bs_agg_spec agg;
    double min_coverage;
    const char *const *names;    /* indicator names for messages, or NULL */
    const char *const *keys;     /* area keys for messages, or NULL */
    /* Optional groups of areas (IKCs and the areas their pupils come
     * from). In every run a group's score is the weighted mean of its
     * members' run scores (members without a score left out; none: the
     * group has no score), and group_p_top counts the runs in which the
     * group is among the group_top highest, ties at the boundary included
     * (as bs_designate does). ngroups = 0: none. */
    size_t ngroups;
    const size_t *group_first;   /* ngroups + 1 offsets into member[] */
    const size_t *member;        /* area indices */
    const double *member_w;      /* weights > 0 (pupils; 1 for "its area") */
    size_t group_top;
} bs_unc_input;

typedef struct bs_unc_options {
    size_t runs;                 /* Monte Carlo runs, >= 1 (e.g. 1000) */
    double weight_spread;        /* w in [0, 1): weights times U(1-w, 1+w) */
    size_t top;                  /* p_top counts runs with rank <= top */
    size_t sa_runs;              /* runs per weight for the sensitivity;
                                  * 0 leaves the weight entries NaN */
    uint64_t seed;
    unsigned threads;            /* worker threads, >= 1 */
} bs_unc_options;

typedef struct bs_unc_result {
    size_t n, nind, nscored, runs;
    double *rank_nominal;  /* n: nominal rank (choice 0, nominal weights) */
    double *rank_p05;      /* n: NaN for areas without a score */
    double *rank_median;
    double *rank_p95;
    double *p_top;         /* n: share of runs with rank <= top */
    double *sensitivity;   /* nind + 1: [j] weight j, [nind] normalisation */
    size_t ngroups;
    double *group_p_top;   /* ngroups: share of runs in the group top, or
                              NULL without groups */
} bs_unc_result;

/* Runs the analysis and fills res (arrays malloc'd; free them with
 * bs_unc_result_free, also after a failure). Errors name the indicator:
 * those of bs_normalise_ex and bs_aggregate for any listed normalisation
 * with the nominal weights, no scored area, bad options, out of memory. */
int bs_unc_run(const bs_unc_input *in, const bs_unc_options *opt,
               bs_unc_result *res, bs_error *err);

void bs_unc_result_free(bs_unc_result *res);

#endif
