/* autocorr.h: spatial autocorrelation: global Moran's I, local Moran
 * (LISA) with conditional permutation, Getis-Ord G and Gi / Gi*, and the
 * Benjamini-Hochberg threshold for many tests at once.
 *
 * Conventions (those of GeoDa and PySAL esda unless said otherwise):
 *  - Values are standardised over the areas in the statistic:
 *    z = (y - mean) / sd, sd with divisor n (numpy's std).
 *  - Weights are used in their current style (weights.h); row-standardised
 *    (W) is the usual choice and the one the reference values use.
 *  - Missing values (NaN in y): the area is left out of the statistic
 *    entirely: out of the mean and variance, and out of its neighbours'
 *    lists, whose rows are then re-standardised (bs_weights_subset). The
 *    number left out is reported (nmissing); local results for it are NaN
 *    with class "missing". An area whose neighbours all lack a value
 *    becomes an island for that statistic.
 *  - Islands (no neighbours): in the global statistics they count in n
 *    with a lag of 0 (as esda and spdep's zero.policy = TRUE); local
 *    statistics leave them out with the class "island" (NaN values).
 *  - Normal p-values are two-sided: 2 (1 - Phi(|z|)).
 *  - Permutation (pseudo) p-values are esda's folded one-sided ones:
 *    with R permutations and M of them at least as large as the observed
 *    value, p = (min(M, R - M) + 1) / (R + 1): the tail the observed value
 *    lies in, so p <= 0.5 + 1/(R+1) and the smallest is 1/(R+1) (0.001 for
 *    999). A simulated value that equals the observed one up to rounding
 *    (within 1e-10 of a bound on the statistic's size) counts as at least
 *    as large, so that ties (values repeated, as in counts and classes) do
 *    not depend on the order in which neighbours are summed.
 *  - Permutations are seeded and reproducible: permutation r draws from
 *    its own random stream, derived from (seed, r) alone, so the results
 *    are the same for any number of threads.
 *  - Significant means p < threshold (strictly, as esda and splot), where
 *    the threshold is alpha or, with fdr, the Benjamini-Hochberg one. */
#ifndef BUURTSCAN_AUTOCORR_H
#define BUURTSCAN_AUTOCORR_H

#include <stddef.h>
#include <stdint.h>
#include "buurtscan/error.h"
#include "buurtscan/weights.h"

#define BS_PERMUTATIONS_DEFAULT 999

typedef struct bs_perm_options {
    size_t permutations;      /* 0: none (no pseudo p-values) */
    uint64_t seed;
    unsigned threads;         /* at least 1; does not change the results */
} bs_perm_options;

/* ---- global Moran's I ---- */

typedef struct bs_moran {
    size_t n;                 /* areas in the statistic (with a value) */
    size_t nmissing;          /* areas left out: no value */
    size_t nislands;          /* of the n, those without neighbours */
    double s0, s1, s2;        /* weight constants (bs_weights_sums) */
    double i;                 /* Moran's I = n / s0 * z'Wz / z'z */
    double expected;          /* -1 / (n - 1) */
    double var_norm, var_rand;    /* under normality, under randomisation */
    double z_norm, z_rand;    /* (I - E[I]) / sqrt(var) */
    double p_norm, p_rand;    /* two-sided normal */
    double kurtosis;          /* b2 = n sum z^4 / (sum z^2)^2 */
    size_t permutations;      /* 0: the next four are NaN */
    double p_sim;             /* folded pseudo p */
    double mean_sim, sd_sim;  /* of the permuted I (sd with divisor R) */
    double z_sim;             /* (I - mean_sim) / sd_sim */
} bs_moran;

/* Moran's I of y (w->n values; NaN = missing) with w, with its moments
 * (Cliff and Ord; esda's formulas) and, when perm->permutations > 0, a
 * permutation test: the values are shuffled over the areas R times.
 * Errors: fewer than 4 areas with a value ("Moran's I needs at least 4
 * areas with a value, there are 3"), all values equal, no links among the
 * areas with a value, threads 0, out of memory. */
int bs_moran_global(const bs_weights *w, const double *y,
                    const bs_perm_options *perm, bs_moran *out, bs_error *err);

/* ---- local Moran (LISA) ---- */

/* Cluster classes. The numbers of HH, LL, LH, HL are GeoDa's. */
typedef enum bs_lisa_class {
    BS_LISA_NOT_SIGNIFICANT = 0,
    BS_LISA_HH = 1,           /* high value, high neighbours (hoog-hoog) */
    BS_LISA_LL = 2,           /* low, low (laag-laag) */
    BS_LISA_LH = 3,           /* low among high (laag-hoog) */
    BS_LISA_HL = 4,           /* high among low (hoog-laag) */
    BS_LISA_ISLAND = 5,       /* no neighbours: left out */
    BS_LISA_MISSING = 6       /* no value: left out */
} bs_lisa_class;

#define BS_LISA_NCLASSES 7

/* "not significant", "HH", "LL", "LH", "HL", "island", "missing". */
const char *bs_lisa_class_name(bs_lisa_class c);

typedef struct bs_lisa_options {
    bs_perm_options perm;     /* permutations 0: p NaN, nothing significant */
    double alpha;             /* significance level, 0 < alpha < 1 */
    int fdr;                  /* 1: threshold by Benjamini-Hochberg */
} bs_lisa_options;

/* Per area (n entries each, area order of the weights). */
typedef struct bs_lisa {
    size_t n;                 /* areas */
    size_t nused;             /* areas in the statistic */
    size_t nmissing, nislands;
    double *z;                /* standardised value; NaN: missing */
    double *lag;              /* sum_j w_ij y_j, in the units of y */
    double *zlag;             /* sum_j w_ij z_j */
    double *local_i;          /* I_i = z_i * zlag_i (see below) */
    double *p;                /* folded conditional-permutation pseudo p */
    unsigned char *quadrant;  /* HH, LL, LH, HL by the signs of z and zlag
                                 (z > 0 is high, as esda), or island/missing */
    unsigned char *cluster;   /* the quadrant where p < threshold, else
                                 not significant; or island/missing */
    double threshold;         /* alpha, or the FDR threshold */
    size_t count[BS_LISA_NCLASSES];   /* areas per cluster class */
    double moran_i;           /* sum I_i / s0: the global I of these data */
} bs_lisa;

/* Local Moran of y with w: I_i = z_i sum_j w_ij z_j, which is Anselin's
 * (1995) I_i = (y_i - mean) / m2 * sum_j w_ij (y_j - mean) with
 * m2 = sum (y - mean)^2 / n, as spdep's localmoran and the reference values
 * in references.md; so sum_i I_i = s0 I (n I for row-standardised weights).
 * esda's Moran_Local.Is and GeoDa's LISA use m2 with divisor n - 1 and are
 * (n - 1) / n times this; the pseudo p-values and clusters are the same.
 *
 * p: conditional permutation (esda's crand): in permutation r the values
 * of k_i areas drawn without replacement from the other n - 1 stand in for
 * area i's k_i neighbours, with i's own weights; one draw of the most
 * neighbours any area has serves every area in that permutation (its first
 * k_i values), as esda does. Islands and missing areas: NaN and their
 * class. *out is zeroed first; free with bs_lisa_free (also after an
 * error). Errors: as bs_moran_global, and alpha outside (0, 1). */
int bs_moran_local(const bs_weights *w, const double *y,
                   const bs_lisa_options *opt, bs_lisa *out, bs_error *err);
void bs_lisa_free(bs_lisa *l);

/* ---- Getis-Ord ---- */

typedef struct bs_getis_ord {
    size_t n, nmissing;
    double g;                 /* sum_ij w_ij y_i y_j / sum_i!=j y_i y_j */
    double expected;          /* s0 / (n (n - 1)) */
    double var;               /* under normality (Getis and Ord 1992) */
    double z, p_norm;         /* p two-sided (esda's p_norm is half) */
} bs_getis_ord;

/* Global G of y (values >= 0; NaN missing) with w in its current style.
 * Errors: a negative value ("area 12: G needs values of 0 or more, it is
 * -3"; areas numbered from 1), fewer than 4 areas with a value, all values
 * 0. */
int bs_getis_ord_global(const bs_weights *w, const double *y,
                        bs_getis_ord *out, bs_error *err);

typedef enum bs_gi_class {
    BS_GI_NOT_SIGNIFICANT = 0,
    BS_GI_HOT = 1,            /* z > 0 and p < threshold */
    BS_GI_COLD = 2,           /* z < 0 and p < threshold */
    BS_GI_ISLAND = 3,
    BS_GI_MISSING = 4
} bs_gi_class;

#define BS_GI_NCLASSES 5

typedef struct bs_gi_options {
    int star;                 /* 1: Gi* (the area itself included) */
    double alpha;
    int fdr;
} bs_gi_options;

typedef struct bs_gi {
    size_t n, nused, nmissing, nislands;
    double *g;                /* Gi: sum_j!=i w_ij y_j / sum_j!=i y_j;
                                 Gi*: the same with j = i included */
    double *z;                /* Ord and Getis (1995) z-score */
    double *p;                /* two-sided normal */
    unsigned char *cls;       /* bs_gi_class */
    double threshold;
    size_t count[BS_GI_NCLASSES];
} bs_gi;

/* Local Getis-Ord Gi or Gi* of y with the neighbour lists of w as binary
 * weights, whatever w's style (for Gi* with w_ii = 1): the z-score does not
 * change when a row is scaled, so row-standardised weights give the same z
 * (esda's row-standardised Gi differs: it standardises before adding the
 * area itself). For Gi the mean and variance are those of the other n - 1
 * values; for Gi* of all n. Islands and missing areas: NaN and their class.
 * *out is zeroed first; free with bs_gi_free (also after an error).
 * Errors: fewer than 3 areas with a value, all values equal, alpha outside
 * (0, 1). */
int bs_getis_ord_local(const bs_weights *w, const double *y,
                       const bs_gi_options *opt, bs_gi *out, bs_error *err);
void bs_gi_free(bs_gi *g);

/* ---- many tests at once ---- */

/* The Benjamini-Hochberg threshold of esda's fdr(): with the n p-values
 * (NaN ones are skipped and not counted) sorted, the largest k with
 * p_(k) < k alpha / n gives the threshold k alpha / n; when there is none,
 * alpha / n (Bonferroni), which nothing passes. A test is significant when
 * its p < the threshold. */
double bs_fdr_threshold(const double *p, size_t n, double alpha);

#endif
