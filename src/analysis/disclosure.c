/* disclosure.c: suppression and rounding of printed counts and rates
 * (rules in disclosure.h). */
#include "buurtscan/disclosure.h"
#include "buurtscan/words.h"

#include <math.h>
#include <string.h>

void bs_disc_settings_init(bs_disc_settings *s)
{
    s->min_count = 10.0;
    s->round_base = 5.0;
    s->min_denominator = 50.0;
}

int bs_disc_settings_check(const bs_disc_settings *s, bs_error *err)
{
    if (!isfinite(s->min_count) || s->min_count < 0)
        return bs_error_set(err, "disclosure: min_count must be a number >= 0");
    if (!isfinite(s->round_base) || s->round_base < 0 ||
        s->round_base != floor(s->round_base))
        return bs_error_set(err, "disclosure: round must be a whole number >= 0");
    if (!isfinite(s->min_denominator) || s->min_denominator < 0)
        return bs_error_set(err,
                            "disclosure: min_denominator must be a number >= 0");
    return 0;
}

/* Nearest multiple of base, halves away from zero (v >= 0 here). */
static double round_to(double v, double base)
{
    if (base <= 1.0)
        return base == 1.0 ? floor(v + 0.5) : v;
    return floor(v / base + 0.5) * base;
}

bs_disc_flag bs_disclose_count(double v, const bs_disc_settings *s,
                               double *out)
{
    double r;

    if (isnan(v) || v < 0 || !isfinite(v)) {
        *out = NAN;
        return BS_DISC_MISSING;
    }
    if (v < s->min_count) {
        *out = NAN;
        return BS_DISC_SUPPRESSED;
    }
    if (s->round_base <= 0) {
        *out = v;
        return BS_DISC_OK;
    }
    r = round_to(v, s->round_base);
    if (r < s->min_count) {
        double b = s->round_base > 1 ? s->round_base : 1;
        r = ceil(s->min_count / b) * b;
    }
    *out = r;
    return BS_DISC_ROUNDED;
}

bs_disc_flag bs_disclose_rate(double rate, double denominator,
                              const bs_disc_settings *s, double *out)
{
    if (isnan(rate) || !isfinite(rate)) {
        *out = NAN;
        return BS_DISC_MISSING;
    }
    if (isnan(denominator) || denominator < s->min_denominator) {
        *out = NAN;
        return BS_DISC_SUPPRESSED;
    }
    *out = rate;
    return BS_DISC_OK;
}

bs_disc_flag bs_disclose_rate_counted(double rate, double numerator,
                                      double denominator,
                                      const bs_disc_settings *s, double *out)
{
    bs_disc_flag f = bs_disclose_rate(rate, denominator, s, out);

    if (f == BS_DISC_OK && !(numerator >= s->min_count)) {
        *out = NAN;
        return BS_DISC_SUPPRESSED;
    }
    return f;
}

bs_disc_flag bs_disclose_rate_of(double count, double denominator, double per,
                                 const bs_disc_settings *s, double *out)
{
    if (isnan(count) || count < 0 || isnan(denominator) || denominator <= 0 ||
        !isfinite(count) || !isfinite(denominator)) {
        *out = NAN;
        return BS_DISC_MISSING;
    }
    return bs_disclose_rate_counted(per * count / denominator, count,
                                    denominator, s, out);
}

void bs_disclose_counts(const double *v, size_t n, const bs_disc_settings *s,
                        double *out, unsigned char *flag)
{
    for (size_t i = 0; i < n; i++) {
        bs_disc_flag f = bs_disclose_count(v[i], s, &out[i]);
        if (flag)
            flag[i] = (unsigned char)f;
    }
}

void bs_disclose_rates(const double *rate, const double *den, size_t n,
                       const bs_disc_settings *s, double *out,
                       unsigned char *flag)
{
    for (size_t i = 0; i < n; i++) {
        bs_disc_flag f = bs_disclose_rate(rate[i], den[i], s, &out[i]);
        if (flag)
            flag[i] = (unsigned char)f;
    }
}

void bs_disclose_group(const double *v, size_t n, const bs_disc_settings *s,
                       int show_total, double *out, unsigned char *flag,
                       double *total, unsigned char *total_flag,
                       size_t *nsecondary)
{
    double sum = 0.0;
    size_t nsup = 0, i, pick = n;
    int missing = 0;

    if (nsecondary)
        *nsecondary = 0;
    for (i = 0; i < n; i++) {
        flag[i] = (unsigned char)bs_disclose_count(v[i], s, &out[i]);
        if (flag[i] == BS_DISC_MISSING)
            missing = 1;
        else
            sum += v[i];
        if (flag[i] == BS_DISC_SUPPRESSED)
            nsup++;
    }
    if (!show_total) {
        *total = NAN;
        *total_flag = BS_DISC_SUPPRESSED;
        return;
    }
    if (missing || n == 0) {
        *total = NAN;
        *total_flag = BS_DISC_MISSING;
        return;
    }
    *total_flag = (unsigned char)bs_disclose_count(sum, s, total);
    if (*total_flag == BS_DISC_SUPPRESSED || nsup != 1)
        return;
    /* exactly one suppressed cell and a printed total: protect it */
    for (i = 0; i < n; i++)
        if (flag[i] != BS_DISC_SUPPRESSED && flag[i] != BS_DISC_MISSING &&
            (pick == n || v[i] < v[pick]))
            pick = i;
    if (pick < n) {
        flag[pick] = BS_DISC_SUPPRESSED;
        out[pick] = NAN;
    } else {
        *total = NAN;
        *total_flag = BS_DISC_SUPPRESSED;
    }
    if (nsecondary)
        *nsecondary = 1;
}

const char *bs_disc_footnote(bs_disc_flag f, const char *language)
{
    bs_lang lang = bs_lang_of(language);

    if (f == BS_DISC_SUPPRESSED)
        return bs_word(BS_W_DISC_SECRET, lang);
    if (f == BS_DISC_MISSING)
        return bs_word(BS_W_DISC_UNKNOWN, lang);
    return NULL;
}
