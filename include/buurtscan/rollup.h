/* rollup.h: one value for a whole gemeente from the values of its areas,
 * for a monitor at level = gemeente without a gemeente row in the data.
 *
 * Rates come from summed numerators and denominators (never a mean of the
 * areas' rates); other values are a weighted mean with a weight column
 * such as the population. Pure functions on arrays; NaN means missing.
 * `what` names the monitor in messages (NULL or "" = none). */
#ifndef BUURTSCAN_ROLLUP_H
#define BUURTSCAN_ROLLUP_H

#include <stddef.h>
#include "buurtscan/error.h"

/* What went into a roll-up. */
typedef struct bs_rollup_info {
    size_t used;       /* areas with every input present */
    size_t skipped;    /* areas left out because an input was missing */
} bs_rollup_info;

/* *out = per * sum num / sum den over the areas where both are present
 * (per = 100 for %, 1000 for per 1,000, 1 for a plain ratio). *out is NaN
 * when no area has both or the denominators sum to 0. info may be NULL.
 * Errors: a negative numerator or denominator (naming area index i as
 * "area i + 1"), per not finite or not above 0. */
int bs_rollup_rate(const double *num, const double *den, size_t n,
                      double per, const char *what, double *out,
                      bs_rollup_info *info, bs_error *err);

/* *out = sum w x / sum w over the areas where x and w are present; with
 * w NULL the plain mean of the present x. *out is NaN when no area is
 * usable or the weights sum to 0. info may be NULL. Errors: a negative
 * weight (naming "area i + 1"). */
int bs_rollup_mean(const double *x, const double *w, size_t n,
                      const char *what, double *out, bs_rollup_info *info,
                      bs_error *err);

#endif
