/* stats.h: indicator statistics before scoring: outlier treatment
 * (skewness, kurtosis, winsorisation, log), imputation, empirical-Bayes
 * shrinkage of rates, correlations and Cronbach's alpha.
 * Pure functions on arrays; NaN means missing and is skipped. `what` names
 * the indicator in messages, e.g. "project.ini:12: [indicator armoede]". */
#ifndef BUURTSCAN_STATS_H
#define BUURTSCAN_STATS_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/vocab.h"

/* The COINr outlier rule: an indicator needs treatment while
 * |skewness| >= 2 AND kurtosis >= 3.5 (it passes when either is below). */
#define BS_SKEW_LIMIT 2.0
#define BS_KURT_LIMIT 3.5

/* Sample skewness and excess kurtosis of the present values, e1071 "type 2"
 * (as Excel's SKEW and KURT, and COINr skew() and kurt()). With m = the
 * number present and d = x - mean:
 *   skew = sqrt(m) sum d^3 / (sum d^2)^(3/2) * sqrt(m (m - 1)) / (m - 2)
 *   kurt = ((m + 1) (r - 3) + 6) (m - 1) / ((m - 2) (m - 3)),
 *          r = m sum d^4 / (sum d^2)^2
 * NaN when fewer than 3 (skew) or 4 (kurt) values are present, or when all
 * present values are equal. */
double bs_skewness(const double *x, size_t n);
double bs_kurtosis(const double *x, size_t n);

/* COINr winsorise(): while the indicator fails the outlier rule and fewer
 * than winmax values have been changed, pulls the most extreme value in to
 * the next distinct value: the maximum if skewness >= 0, else the minimum
 * (every area holding that value, so ties move together and a value pulled
 * in once can move again). x is read, out[n] written (out may be x).
 * treated[n] (may be NULL) gets +1 for a value pulled down from the top, -1
 * for one pulled up from the bottom, 0 otherwise; *nchanged (may be NULL)
 * the number of areas changed, which can exceed winmax by the ties of the
 * last step. Errors: fewer than 4 values present; a step that would leave
 * fewer than 2 distinct values. */
int bs_winsorise(const double *x, size_t n, size_t winmax, const char *what,
                 double *out, signed char *treated, size_t *nchanged,
                 bs_error *err);

/* COINr log_CT: out = ln(x - min + 0.01 (max - min)), which keeps the order
 * and is defined for any values (the minimum maps to ln(0.01 range)). out
 * may be x. Errors: fewer than 2 values present, or all equal. */
int bs_log_ct(const double *x, size_t n, const char *what, double *out,
              bs_error *err);

typedef enum bs_treatment {
    BS_TREAT_NONE,        /* passed the outlier rule as it was */
    BS_TREAT_WINSORISED,  /* passed after winsorisation */
    BS_TREAT_LOG          /* still failing: log_CT of the original values */
} bs_treatment;

/* The COINr qTreat default: winsorise (winmax values at most); if the
 * indicator still fails the outlier rule, use log_CT of the *original*
 * values instead (COINr combine_treat = FALSE, deflog = "CTlog").
 * out may be x. treated[n] (may be NULL): +1/-1 as bs_winsorise, 2 for
 * every present value under the log. *done (may be NULL) says which;
 * *nchanged (may be NULL) counts the areas changed. Errors as
 * bs_winsorise. */
int bs_treat(const double *x, size_t n, size_t winmax, const char *what,
             double *out, signed char *treated, bs_treatment *done,
             size_t *nchanged, bs_error *err);

/* bs_impute and its words are in vocab.h. */

/* Fills the missing values of x into out[n] (out may be x). Means and
 * medians use the values present in x only, never imputed ones. imputed[n]
 * (may be NULL) gets 1 where a value was filled in, else 0; *nimputed (may
 * be NULL) counts them. With parent, an area whose group has no value
 * present stays missing (and unflagged). keys and prefix_len are used by
 * parent only. Errors: no value present (mean, median); parent without
 * keys, with prefix_len 0, or a key shorter than prefix_len. */
int bs_impute_values(const double *x, size_t n, bs_impute m,
                     const char *const *keys, size_t prefix_len,
                     const char *what, double *out, unsigned char *imputed,
                     size_t *nimputed, bs_error *err);

/* What the empirical-Bayes shrinkage used. */
typedef struct bs_eb_info {
    size_t nused;   /* areas with a numerator and a denominator above 0 */
    double b;       /* overall rate: sum O / sum n */
    double s2;      /* weighted variance of the rates about b */
    double a;       /* between-area variance, s2 - b / (sum n / N), >= 0 */
} bs_eb_info;

/* Empirical-Bayes shrinkage of rates r_i = O_i / n_i towards the overall
 * rate (Marshall 1991, global method; GeoDa/esda "EB rate"):
 *   b = sum O / sum n,  s2 = sum n_i (r_i - b)^2 / sum n,
 *   a = s2 - b / (sum n / N), set to 0 if negative,
 *   rate_i = b + a / (a + b / n_i) * (r_i - b)
 * over the N areas with both values present and n_i > 0; other areas get
 * NaN. Small denominators are pulled furthest towards b; a = 0 gives b
 * everywhere. info may be NULL. Errors: a numerator or denominator below 0;
 * no usable area. */
int bs_eb_shrink(const double *num, const double *den, size_t n,
                 const char *what, double *rate, bs_eb_info *info,
                 bs_error *err);

/* Pearson correlations of nvar indicators x[v][0..n) into r[nvar * nvar]
 * (row-major, symmetric), each pair over the areas where both are present
 * (R's cor(use = "pairwise.complete.obs")). npairs[nvar * nvar] (may be
 * NULL) gets the number of those areas. A pair with fewer than 2 areas or
 * no spread in either variable gets NaN; the diagonal is 1 (NaN for an
 * indicator without spread). */
void bs_correlation(const double *const *x, size_t nvar, size_t n,
                    double *r, size_t *npairs);

/* Cronbach's alpha of nvar indicators over the complete areas (all present):
 *   alpha = k / (k - 1) * (1 - sum var(x_v) / var(sum_v x_v))
 * with sample variances. *ncomplete (may be NULL) gets the number of
 * complete areas. Errors: fewer than 2 indicators, fewer than 2 complete
 * areas, or no spread in the sum. */
int bs_cronbach_alpha(const double *const *x, size_t nvar, size_t n,
                      const char *what, double *alpha, size_t *ncomplete,
                      bs_error *err);

#endif
