/* autocorr_util.h: internal to src/analysis: what moran.c and getisord.c
 * share: the areas with a value and their weights, normal and pseudo
 * p-values, seeded random streams and a parallel loop. Not installed. */
#ifndef BUURTSCAN_AUTOCORR_UTIL_H
#define BUURTSCAN_AUTOCORR_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "buurtscan/error.h"
#include "buurtscan/weights.h"

/* The areas of a statistic: those with a value. */
typedef struct bs_ac_data {
    const bs_weights *w;      /* weights among them: the caller's, or sub */
    bs_weights *sub;          /* owned; NULL when no value is missing */
    size_t n;                 /* areas with a value */
    size_t nmissing;
    size_t *map;              /* n: -> the caller's area; NULL: identity */
    double *y;                /* n values */
} bs_ac_data;

/* Fills d from w and y (NaN = missing; see autocorr.h). Errors: a value
 * that is infinite, out of memory. On error d needs no release. */
int bs_ac_prepare(const bs_weights *w, const double *y, bs_ac_data *d,
                  bs_error *err);
void bs_ac_release(bs_ac_data *d);

/* The caller's area of used area i. */
static inline size_t bs_ac_area(const bs_ac_data *d, size_t i)
{
    return d->map ? d->map[i] : i;
}

/* Two-sided normal p of z: 2 (1 - Phi(|z|)); NaN for NaN. */
double bs_ac_p_normal(double z);

/* esda's folded pseudo p: (min(larger, perms - larger) + 1) / (perms + 1). */
double bs_ac_p_folded(size_t larger, size_t perms);

/* A random stream (splitmix64) that depends on (seed, domain, index)
 * alone: permutation `index` of statistic `domain` draws from it. */
typedef struct bs_ac_rng {
    uint64_t s;
} bs_ac_rng;

void bs_ac_rng_init(bs_ac_rng *r, uint64_t seed, uint64_t domain,
                    uint64_t index);
uint64_t bs_ac_rng_next(bs_ac_rng *r);
/* Uniform in [0, m), m >= 1, without bias (Lemire's method). */
size_t bs_ac_rng_below(bs_ac_rng *r, size_t m);

/* Runs fn(ud, lo, hi, t) on `threads` threads (the caller is thread 0)
 * over contiguous parts [lo, hi) of [0, n), part t to thread t; a thread
 * that cannot start leaves its part to the caller. fn must write only its
 * own part of any result, so that the result is the same for any number
 * of threads. */
void bs_ac_parallel(unsigned threads, size_t n,
                    void (*fn)(void *ud, size_t lo, size_t hi, unsigned t),
                    void *ud);

#endif
