/* rollup.c: gemeente values from area values (summed rates, weighted
 * means). */
#include <math.h>
#include "buurtscan/rollup.h"

static const char *sep(const char *what)
{
    return what && *what ? ": " : "";
}

int bs_rollup_rate(const double *num, const double *den, size_t n,
                      double per, const char *what, double *out,
                      bs_rollup_info *info, bs_error *err)
{
    double sn = 0, sd = 0;
    size_t i, used = 0;

    if (!isfinite(per) || per <= 0)
        return bs_error_set(err, "%s%sper = %g: expected a number above 0",
                            what ? what : "", sep(what), per);
    for (i = 0; i < n; i++) {
        if (num[i] < 0 || den[i] < 0)
            return bs_error_set(err, "%s%sarea %zu: a negative %s (%g) cannot "
                                "be summed into a rate", what ? what : "",
                                sep(what), i + 1,
                                num[i] < 0 ? "numerator" : "denominator",
                                num[i] < 0 ? num[i] : den[i]);
        if (isnan(num[i]) || isnan(den[i]))
            continue;
        sn += num[i];
        sd += den[i];
        used++;
    }
    *out = used && sd > 0 ? per * sn / sd : NAN;
    if (info) {
        info->used = used;
        info->skipped = n - used;
    }
    return 0;
}

int bs_rollup_mean(const double *x, const double *w, size_t n,
                      const char *what, double *out, bs_rollup_info *info,
                      bs_error *err)
{
    double sx = 0, sw = 0;
    size_t i, used = 0;

    for (i = 0; i < n; i++) {
        double wi = w ? w[i] : 1;
        if (wi < 0)
            return bs_error_set(err, "%s%sarea %zu: a negative weight (%g)",
                                what ? what : "", sep(what), i + 1, wi);
        if (isnan(x[i]) || isnan(wi))
            continue;
        sx += wi * x[i];
        sw += wi;
        used++;
    }
    *out = used && sw > 0 ? sx / sw : NAN;
    if (info) {
        info->used = used;
        info->skipped = n - used;
    }
    return 0;
}
