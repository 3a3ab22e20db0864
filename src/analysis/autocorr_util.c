/* autocorr_util.c: what the spatial statistics share (autocorr_util.h),
 * and the Benjamini-Hochberg threshold (autocorr.h). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include "buurtscan/autocorr.h"
#include "autocorr_util.h"

int bs_ac_prepare(const bs_weights *w, const double *y, bs_ac_data *d,
                  bs_error *err)
{
    unsigned char *keep = NULL;
    size_t i, k;

    d->w = w;
    d->sub = NULL;
    d->n = 0;
    d->nmissing = 0;
    d->map = NULL;
    d->y = NULL;
    for (i = 0; i < w->n; i++) {
        if (isinf(y[i]))
            return bs_error_set(err, "area %zu: the value is infinite",
                                i + 1);
        d->nmissing += isnan(y[i]);
    }
    d->n = w->n - d->nmissing;
    if (!(d->y = malloc((d->n ? d->n : 1) * sizeof *d->y)))
        return bs_error_set(err, "out of memory");
    if (d->nmissing > 0) {
        keep = malloc(w->n ? w->n : 1);
        d->map = malloc((d->n ? d->n : 1) * sizeof *d->map);
        if (!keep || !d->map) {
            free(keep);
            bs_ac_release(d);
            return bs_error_set(err, "out of memory");
        }
        for (i = 0; i < w->n; i++)
            keep[i] = !isnan(y[i]);
        if (bs_weights_subset(w, keep, &d->sub, d->map, err) != 0) {
            free(keep);
            bs_ac_release(d);
            return -1;
        }
        free(keep);
        d->w = d->sub;
    }
    for (i = 0, k = 0; i < w->n; i++)
        if (!isnan(y[i]))
            d->y[k++] = y[i];
    return 0;
}

void bs_ac_release(bs_ac_data *d)
{
    bs_weights_free(d->sub);
    free(d->map);
    free(d->y);
    d->sub = NULL;
    d->map = NULL;
    d->y = NULL;
}

double bs_ac_p_normal(double z)
{
    if (isnan(z))
        return NAN;
    return erfc(fabs(z) / sqrt(2.0));
}

double bs_ac_p_folded(size_t larger, size_t perms)
{
    if (perms - larger < larger)
        larger = perms - larger;
    return (double)(larger + 1) / (double)(perms + 1);
}

/* ---- random streams ---- */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void bs_ac_rng_init(bs_ac_rng *r, uint64_t seed, uint64_t domain,
                    uint64_t index)
{
    r->s = mix64(mix64(seed + 0x9E3779B97F4A7C15ULL * (domain + 1))
                 ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL));
}

uint64_t bs_ac_rng_next(bs_ac_rng *r)
{
    return mix64(r->s += 0x9E3779B97F4A7C15ULL);
}

size_t bs_ac_rng_below(bs_ac_rng *r, size_t m)
{
    uint64_t x = bs_ac_rng_next(r);
    unsigned __int128 prod = (unsigned __int128)x * m;
    uint64_t low = (uint64_t)prod;

    if (low < m) {
        uint64_t floor_ = (uint64_t)(-(uint64_t)m) % m;

        while (low < floor_) {
            x = bs_ac_rng_next(r);
            prod = (unsigned __int128)x * m;
            low = (uint64_t)prod;
        }
    }
    return (size_t)(prod >> 64);
}

/* ---- a parallel loop ---- */

typedef struct part {
    void (*fn)(void *ud, size_t lo, size_t hi, unsigned t);
    void *ud;
    size_t lo, hi;
    unsigned t;
} part;

static void *run_part(void *arg)
{
    part *p = arg;

    p->fn(p->ud, p->lo, p->hi, p->t);
    return NULL;
}

void bs_ac_parallel(unsigned threads, size_t n,
                    void (*fn)(void *ud, size_t lo, size_t hi, unsigned t),
                    void *ud)
{
    pthread_t *tid;
    part *parts;
    unsigned char *started;
    unsigned t;

    if (threads <= 1 || n < 2) {
        fn(ud, 0, n, 0);
        return;
    }
    if ((size_t)threads > n)
        threads = (unsigned)n;
    tid = malloc(threads * sizeof *tid);
    parts = malloc(threads * sizeof *parts);
    started = calloc(threads, 1);
    if (!tid || !parts || !started) {
        free(tid), free(parts), free(started);
        fn(ud, 0, n, 0);
        return;
    }
    for (t = 0; t < threads; t++) {
        parts[t].fn = fn;
        parts[t].ud = ud;
        parts[t].lo = n * t / threads;
        parts[t].hi = n * (t + 1) / threads;
        parts[t].t = t;
    }
    for (t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, run_part, &parts[t]) == 0;
    run_part(&parts[0]);
    for (t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            run_part(&parts[t]);
    }
    free(tid), free(parts), free(started);
}

/* ---- many tests at once ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

double bs_fdr_threshold(const double *p, size_t n, double alpha)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    size_t i, m = 0, k;
    double t;

    if (!s)
        return 0;          /* nothing passes: never more than asked */
    for (i = 0; i < n; i++)
        if (!isnan(p[i]))
            s[m++] = p[i];
    if (m == 0) {
        free(s);
        return alpha;
    }
    qsort(s, m, sizeof *s, cmp_double);
    t = alpha / (double)m;
    for (k = m; k >= 1; k--)
        if (s[k - 1] < (double)k * alpha / (double)m) {
            t = (double)k * alpha / (double)m;
            break;
        }
    free(s);
    return t;
}
