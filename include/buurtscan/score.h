/* score.h: normalisation, weighted aggregation and ranking of indicators.
 * Pure functions on arrays; NaN means missing throughout. */
#ifndef BUURTSCAN_SCORE_H
#define BUURTSCAN_SCORE_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef enum bs_norm {
    BS_NORM_ZSCORE,      /* (x - mean) / sd, sample sd (n-1) */
    BS_NORM_MINMAX,      /* (x - min) / (max - min), in [0, 1] */
    BS_NORM_RANK,        /* rank, 1 = lowest need .. n */
    BS_NORM_PERCENTILE   /* (rank - 1) / (n - 1), in [0, 1] */
} bs_norm;

typedef enum bs_ties {
    BS_TIES_AVERAGE,     /* tied values share the mean of their ranks */
    BS_TIES_MIN          /* tied values all get the lowest rank */
} bs_ties;

/* Parsers for project-file words; -1 if unknown. */
int bs_norm_parse(const char *name, bs_norm *out);
int bs_ties_parse(const char *name, bs_ties *out);

/* Ranks x[0..n) into rank[n]; NaN stays NaN. ascending = 1: the smallest
 * value gets rank 1; ascending = 0: the largest gets rank 1. */
void bs_rank(const double *x, size_t n, int ascending, bs_ties ties,
             double *rank);

/* Normalises x[0..n) into out[n] so that a higher value always means more
 * need: direction +1 keeps the order, -1 reverses it. NaN stays NaN.
 * Errors: fewer than 2 values present, or all values equal (zscore, minmax,
 * percentile: no spread to normalise). `what` names the indicator for
 * messages. */
int bs_normalise(const double *x, size_t n, bs_norm m, int direction,
                 bs_ties ties, const char *what, double *out, bs_error *err);

/* Weighted arithmetic mean over indicators, area by area.
 * norm[j][i] is indicator j of area i; weight[j] > 0. For each area the
 * coverage is the share of the total weight whose indicator is present; the
 * score is the weighted mean over present indicators (weights re-scaled) when
 * coverage >= min_coverage, else NaN. */
void bs_aggregate_mean(const double *const *norm, const double *weight,
                       size_t nind, size_t n, double min_coverage,
                       double *score, double *coverage);

/* Deciles from ranks (1 = most need): ceil(10 * rank / nscored); NaN stays
 * NaN. nscored = number of non-NaN ranks. */
void bs_deciles(const double *rank, size_t n, double *decile);

#endif
