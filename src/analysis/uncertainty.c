/* uncertainty.c: Monte Carlo over weights and normalisation choice, rank
 * intervals, p_top and one-at-a-time sensitivity (uncertainty.h).
 *
 * Normalisation does not depend on the weights, so every listed
 * normalisation is computed once; a run is then an aggregation and a rank
 * (a radix sort, bs_rank_with). Runs are tasks handed out to the threads
 * through an atomic counter; each run's RNG stream and output slot depend
 * only on its index, so scheduling cannot change a result. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/uncertainty.h"

/* --- random numbers: splitmix64 seeding xoshiro256** --------------------- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* One stream per (seed, input, run): the three are chained through the
 * splitmix64 generator, whose output then fills the xoshiro state. */
static void rng_seed(rng *g, uint64_t seed, uint64_t input, uint64_t run)
{
    uint64_t x = seed, k;
    int i;

    k = splitmix64(&x) ^ input;
    k = splitmix64(&k) ^ run;
    for (i = 0; i < 4; i++)
        g->s[i] = splitmix64(&k);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *g)
{
    uint64_t *s = g->s, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return r;
}

/* Uniform in [0, 1) with 53 random bits. */
static double rng_unit(rng *g)
{
    return (double)(rng_next(g) >> 11) * 0x1.0p-53;
}

/* --- the engine ---------------------------------------------------------- */

typedef struct engine {
    const bs_unc_input *in;
    const bs_unc_options *opt;
    size_t nsc;                 /* scored areas */
    size_t *cidx;               /* nsc: area index of the c-th scored area */
    unsigned char *scored;      /* n */
    const double **col;         /* nnorm * nind normalised columns */
    const double *nominal;      /* n: nominal ranks */
    int wide;                   /* slots are uint32_t, else uint16_t */
    void *slots;                /* runs * nsc ranks */
    double *sa;                 /* nind * sa_runs mean shifts */
    unsigned char *gtop;        /* runs * ngroups: group in the top that run */
    size_t ntask;               /* runs + nind * sa_runs */
    size_t nblock;              /* summary blocks of BLOCK areas */
    int phase;                  /* 0 runs, 1 summary */
    atomic_size_t next;
    atomic_int failed;
    bs_unc_result *res;
} engine;

#define BLOCK 64

typedef struct worker {
    engine *e;
    double *w;                  /* nind weights of the run */
    double *score, *rank;       /* n */
    bs_rank_work *rw;
    uint32_t *gather, *tmp;     /* BLOCK * runs, runs */
    double *gscore, *gsort;     /* ngroups each */
    bs_error err;
} worker;

/* Scores and ranks one run: weights from the stream (only weight `only` is
 * perturbed when only < nind), normalisation choice drawn when `draw_norm`,
 * else choice 0. Leaves ranks in wk->rank (NaN for unscored areas). */
static int run_once(worker *wk, uint64_t input, size_t r, size_t only,
                    int draw_norm)
{
    const engine *e = wk->e;
    const bs_unc_input *in = e->in;
    const double spread = e->opt->weight_spread;
    size_t j, k = 0, i;
    rng g;

    rng_seed(&g, e->opt->seed, input, r);
    for (j = 0; j < in->nind; j++) {
        /* Every weight takes its draw, so weight j's factor does not depend
         * on which others vary. With spread 0 the factor is exactly 1. */
        double f = 1 - spread + 2 * spread * rng_unit(&g);
        wk->w[j] = only >= in->nind || only == j ? in->weight[j] * f
                                                 : in->weight[j];
    }
    if (draw_norm) {
        k = (size_t)(rng_unit(&g) * (double)in->nnorm);
        if (k >= in->nnorm)
            k = in->nnorm - 1;
    }
    if (bs_aggregate(e->col + k * in->nind, wk->w, in->nind, in->n, in->agg,
                     0, in->names, in->keys, wk->score, NULL, &wk->err) != 0)
        return -1;
    for (i = 0; i < in->n; i++)
        if (!e->scored[i])
            wk->score[i] = NAN;
    bs_rank_with(wk->rw, wk->score, in->n, 0, BS_TIES_MIN, wk->rank);
    return 0;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Group scores of the run just made and which groups are in the top:
 * a group is in when its score reaches the group_top-th highest. */
static void group_top_of_run(worker *wk, size_t r)
{
    const engine *e = wk->e;
    const bs_unc_input *in = e->in;
    unsigned char *flag = e->gtop + r * in->ngroups;
    size_t g, m, nsc = 0;
    double threshold = -INFINITY;

    for (g = 0; g < in->ngroups; g++) {
        double s = 0, w = 0;
        for (m = in->group_first[g]; m < in->group_first[g + 1]; m++) {
            double v = wk->score[in->member[m]];
            if (!isnan(v)) {
                s += in->member_w[m] * v;
                w += in->member_w[m];
            }
        }
        wk->gscore[g] = w > 0 ? s / w : NAN;
        if (w > 0)
            wk->gsort[nsc++] = wk->gscore[g];
    }
    if (nsc >= in->group_top && in->group_top > 0) {
        qsort(wk->gsort, nsc, sizeof *wk->gsort, cmp_desc);
        threshold = wk->gsort[in->group_top - 1];
    }
    for (g = 0; g < in->ngroups; g++)
        flag[g] = !isnan(wk->gscore[g]) && wk->gscore[g] >= threshold;
}

static int do_task(worker *wk, size_t t)
{
    engine *e = wk->e;
    const size_t runs = e->opt->runs, nsc = e->nsc;
    size_t c;

    if (t < runs) {
        if (run_once(wk, 0, t, (size_t)-1, 1) != 0)
            return -1;
        if (e->in->ngroups)
            group_top_of_run(wk, t);
        if (e->wide) {
            uint32_t *s = (uint32_t *)e->slots + t * nsc;
            for (c = 0; c < nsc; c++)
                s[c] = (uint32_t)wk->rank[e->cidx[c]];
        } else {
            uint16_t *s = (uint16_t *)e->slots + t * nsc;
            for (c = 0; c < nsc; c++)
                s[c] = (uint16_t)wk->rank[e->cidx[c]];
        }
    } else {
        size_t u = t - runs, j = u / e->opt->sa_runs, r = u % e->opt->sa_runs;
        double shift = 0;
        if (run_once(wk, 1 + (uint64_t)j, r, j, 0) != 0)
            return -1;
        for (c = 0; c < nsc; c++)
            shift += fabs(wk->rank[e->cidx[c]] - e->nominal[e->cidx[c]]);
        e->sa[u] = shift / (double)nsc;
    }
    return 0;
}

/* Sorts a[m] with tmp[m], LSD radix by bytes; a byte on which the minimum
 * and maximum agree from there up is shared by all values and skipped (an
 * area's run ranks usually span a narrow band). */
static void sort_u32(uint32_t *a, uint32_t *tmp, size_t m)
{
    size_t count[256], i, d, b;
    uint32_t *src = a, *dst = tmp, *t, lo = UINT32_MAX, hi = 0;

    for (i = 0; i < m; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    for (b = 0; b < 4; b++) {
        size_t sum = 0;
        if ((lo >> (8 * b)) == (hi >> (8 * b)))
            break;
        memset(count, 0, sizeof count);
        for (i = 0; i < m; i++)
            count[(src[i] >> (8 * b)) & 255]++;
        for (d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (i = 0; i < m; i++)
            dst[count[(src[i] >> (8 * b)) & 255]++] = src[i];
        t = src, src = dst, dst = t;
    }
    if (src != a)
        memcpy(a, src, m * sizeof *a);
}

/* R quantile type 7 of sorted a[m]. */
static double quantile7(const uint32_t *a, size_t m, double p)
{
    double h = (double)(m - 1) * p, lo = floor(h);
    size_t k = (size_t)lo;

    if (k + 1 >= m)
        return a[m - 1];
    return a[k] + (h - lo) * ((double)a[k + 1] - (double)a[k]);
}

static void summarise_block(worker *wk, size_t blk)
{
    engine *e = wk->e;
    const size_t runs = e->opt->runs, nsc = e->nsc;
    const size_t c0 = blk * BLOCK, c1 = c0 + BLOCK < nsc ? c0 + BLOCK : nsc;
    size_t r, c, q;

    /* Row by row, so that each slot row is read a cache line at a time. */
    for (r = 0; r < runs; r++) {
        if (e->wide) {
            const uint32_t *s = (const uint32_t *)e->slots + r * nsc;
            for (c = c0; c < c1; c++)
                wk->gather[(c - c0) * runs + r] = s[c];
        } else {
            const uint16_t *s = (const uint16_t *)e->slots + r * nsc;
            for (c = c0; c < c1; c++)
                wk->gather[(c - c0) * runs + r] = s[c];
        }
    }
    for (c = c0; c < c1; c++) {
        uint32_t *a = wk->gather + (c - c0) * runs;
        size_t i = e->cidx[c], top = 0;
        sort_u32(a, wk->tmp, runs);
        for (q = 0; q < runs && a[q] <= e->opt->top; q++)
            top++;
        e->res->rank_p05[i] = quantile7(a, runs, 0.05);
        e->res->rank_median[i] = quantile7(a, runs, 0.5);
        e->res->rank_p95[i] = quantile7(a, runs, 0.95);
        e->res->p_top[i] = (double)top / (double)runs;
    }
}

static void *work(void *arg)
{
    worker *wk = arg;
    engine *e = wk->e;
    const size_t total = e->phase == 0 ? e->ntask : e->nblock;

    for (;;) {
        size_t t = atomic_fetch_add(&e->next, 1);
        if (t >= total || atomic_load(&e->failed))
            break;
        if (e->phase == 0) {
            if (do_task(wk, t) != 0) {
                atomic_store(&e->failed, 1);
                break;
            }
        } else {
            summarise_block(wk, t);
        }
    }
    return NULL;
}

/* Runs the current phase on the workers; the calling thread is worker 0. */
static void run_phase(engine *e, worker *wk, unsigned nthreads, int phase)
{
    pthread_t *tid = malloc(nthreads * sizeof *tid);
    unsigned t, started = 0;

    e->phase = phase;
    atomic_store(&e->next, 0);
    for (t = 1; tid && t < nthreads; t++) {
        if (pthread_create(&tid[t], NULL, work, &wk[t]) != 0)
            break;  /* the threads started share the tasks */
        started = t;
    }
    work(&wk[0]);
    for (t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
}

void bs_unc_result_free(bs_unc_result *res)
{
    if (!res)
        return;
    free(res->rank_nominal);
    free(res->rank_p05);
    free(res->rank_median);
    free(res->rank_p95);
    free(res->p_top);
    free(res->sensitivity);
    free(res->group_p_top);
    memset(res, 0, sizeof *res);
}

static int check(const bs_unc_input *in, const bs_unc_options *opt,
                 bs_error *err)
{
    if (in->n == 0 || in->nind == 0)
        return bs_error_set(err, "uncertainty: no areas or no indicators");
    if (in->nnorm == 0)
        return bs_error_set(err, "uncertainty: no normalisation to choose "
                            "from");
    if (opt->runs == 0)
        return bs_error_set(err, "uncertainty: runs must be at least 1");
    if (opt->threads == 0)
        return bs_error_set(err, "uncertainty: threads must be at least 1");
    if (!(opt->weight_spread >= 0 && opt->weight_spread < 1))
        return bs_error_set(err, "uncertainty: weight spread must be at "
                            "least 0 and below 1, not %g", opt->weight_spread);
    if (in->ngroups && (!in->group_first || !in->member || !in->member_w))
        return bs_error_set(err, "uncertainty: groups without members");
    if (opt->runs > (size_t)-1 / 4 / in->n ||
        (opt->sa_runs && opt->sa_runs > (size_t)-1 / 2 / in->nind))
        return bs_error_set(err, "uncertainty: too many runs");
    return 0;
}

/* The workers' scratch, one set per thread. */
static int workers_new(engine *e, worker *wk, unsigned nthreads, bs_error *err)
{
    const bs_unc_input *in = e->in;
    const size_t n = in->n, ng = in->ngroups ? in->ngroups : 1;
    unsigned t;

    for (t = 0; t < nthreads; t++) {
        wk[t].e = e;
        wk[t].w = malloc(in->nind * sizeof *wk[t].w);
        wk[t].score = malloc(n * sizeof *wk[t].score);
        wk[t].rank = malloc(n * sizeof *wk[t].rank);
        wk[t].rw = bs_rank_work_new(n);
        wk[t].gather = malloc((size_t)BLOCK * e->opt->runs * sizeof(uint32_t));
        wk[t].tmp = malloc(e->opt->runs * sizeof(uint32_t));
        wk[t].gscore = malloc(ng * sizeof(double));
        wk[t].gsort = malloc(ng * sizeof(double));
        if (!wk[t].w || !wk[t].score || !wk[t].rank || !wk[t].rw ||
            !wk[t].gather || !wk[t].tmp || !wk[t].gscore || !wk[t].gsort)
            return bs_error_set(err, "uncertainty: out of memory");
    }
    return 0;
}

static void workers_free(worker *wk, unsigned nthreads)
{
    if (!wk)
        return;
    for (unsigned t = 0; t < nthreads; t++) {
        free(wk[t].w);
        free(wk[t].score);
        free(wk[t].rank);
        bs_rank_work_free(wk[t].rw);
        free(wk[t].gather);
        free(wk[t].tmp);
        free(wk[t].gscore);
        free(wk[t].gsort);
    }
    free(wk);
}

/* Every listed normalisation of every indicator, once, into normv. */
static int normalise_all(engine *e, double *normv, bs_error *err)
{
    const bs_unc_input *in = e->in;
    const size_t n = in->n, nind = in->nind;

    for (size_t k = 0; k < in->nnorm; k++)
        for (size_t j = 0; j < nind; j++) {
            double *col = normv + (k * nind + j) * n;
            char what[64];
            const char *name = in->names && in->names[j] ? in->names[j]
                                                         : NULL;
            if (!name) {
                snprintf(what, sizeof what, "indicator %zu", j + 1);
                name = what;
            }
            if (bs_normalise_ex(in->raw[j], n, &in->norm[k * nind + j], name,
                                col, err) != 0)
                return -1;
            e->col[k * nind + j] = col;
        }
    return 0;
}

/* Nominal weights with every choice: validates each choice for the
 * aggregation, fixes the scored areas (choice 0) and gives the exact
 * normalisation sensitivity. */
static int nominal_runs(engine *e, worker *wk0, double *nomscore,
                        bs_error *err)
{
    const bs_unc_input *in = e->in;
    const size_t n = in->n, nind = in->nind;
    bs_unc_result *res = e->res;
    size_t i, c;

    res->sensitivity[nind] = 0;
    for (size_t k = 0; k < in->nnorm; k++) {
        if (bs_aggregate(e->col + k * nind, in->weight, nind, n, in->agg,
                         in->min_coverage, in->names, in->keys, nomscore, NULL,
                         err) != 0)
            return -1;
        if (k == 0) {
            for (i = 0; i < n; i++)
                if (!isnan(nomscore[i])) {
                    e->scored[i] = 1;
                    e->cidx[e->nsc++] = i;
                }
            if (e->nsc == 0)
                return bs_error_set(err, "uncertainty: no area has enough "
                                    "indicators for a score (min_coverage "
                                    "= %g)", in->min_coverage);
            bs_rank_with(wk0->rw, nomscore, n, 0, BS_TIES_MIN,
                         res->rank_nominal);
        } else {
            double shift = 0;
            for (i = 0; i < n; i++)
                if (!e->scored[i])
                    nomscore[i] = NAN;
            bs_rank_with(wk0->rw, nomscore, n, 0, BS_TIES_MIN, wk0->rank);
            for (c = 0; c < e->nsc; c++)
                shift += fabs(wk0->rank[e->cidx[c]] -
                              res->rank_nominal[e->cidx[c]]);
            res->sensitivity[nind] += shift / (double)e->nsc;
        }
    }
    res->sensitivity[nind] /= (double)in->nnorm;
    res->nscored = e->nsc;
    e->nominal = res->rank_nominal;
    return 0;
}

/* Sums in run order: the same for any thread count. */
static int finish_sums(engine *e, bs_error *err)
{
    const bs_unc_input *in = e->in;
    const bs_unc_options *opt = e->opt;
    bs_unc_result *res = e->res;

    for (size_t j = 0; j < in->nind; j++) {
        double s = 0;
        if (opt->sa_runs == 0) {
            res->sensitivity[j] = NAN;
            continue;
        }
        for (size_t r = 0; r < opt->sa_runs; r++)
            s += e->sa[j * opt->sa_runs + r];
        res->sensitivity[j] = s / (double)opt->sa_runs;
    }
    if (in->ngroups) {
        res->ngroups = in->ngroups;
        res->group_p_top = malloc(in->ngroups * sizeof *res->group_p_top);
        if (!res->group_p_top)
            return bs_error_set(err, "uncertainty: out of memory");
        for (size_t g = 0; g < in->ngroups; g++) {
            size_t cnt = 0;
            for (size_t r = 0; r < opt->runs; r++)
                cnt += e->gtop[r * in->ngroups + g];
            res->group_p_top[g] = (double)cnt / (double)opt->runs;
        }
    }
    return 0;
}

int bs_unc_run(const bs_unc_input *in, const bs_unc_options *opt,
               bs_unc_result *res, bs_error *err)
{
    const size_t n = in->n, nind = in->nind, nnorm = in->nnorm;
    engine e;
    worker *wk = NULL;
    double *normv = NULL, *nomscore = NULL;
    unsigned t, nthreads = opt->threads;
    size_t i;
    int rc = -1;

    memset(res, 0, sizeof *res);
    memset(&e, 0, sizeof e);
    if (check(in, opt, err) != 0)
        return -1;
    e.in = in;
    e.opt = opt;
    e.res = res;
    atomic_init(&e.next, 0);
    atomic_init(&e.failed, 0);
    res->n = n;
    res->nind = nind;
    res->runs = opt->runs;
    res->rank_nominal = malloc(n * sizeof *res->rank_nominal);
    res->rank_p05 = malloc(n * sizeof *res->rank_p05);
    res->rank_median = malloc(n * sizeof *res->rank_median);
    res->rank_p95 = malloc(n * sizeof *res->rank_p95);
    res->p_top = malloc(n * sizeof *res->p_top);
    res->sensitivity = malloc((nind + 1) * sizeof *res->sensitivity);
    normv = malloc(nnorm * nind * n * sizeof *normv);
    nomscore = malloc(n * sizeof *nomscore);
    e.col = malloc(nnorm * nind * sizeof *e.col);
    e.scored = calloc(n, 1);
    e.cidx = malloc(n * sizeof *e.cidx);
    wk = calloc(nthreads, sizeof *wk);
    if (!res->rank_nominal || !res->rank_p05 || !res->rank_median ||
        !res->rank_p95 || !res->p_top || !res->sensitivity || !normv ||
        !nomscore || !e.col || !e.scored || !e.cidx || !wk) {
        bs_error_set(err, "uncertainty: out of memory");
        goto done;
    }
    if (workers_new(&e, wk, nthreads, err) != 0 ||
        normalise_all(&e, normv, err) != 0 ||
        nominal_runs(&e, &wk[0], nomscore, err) != 0)
        goto done;

    e.wide = e.nsc > 65535;
    e.slots = malloc(opt->runs * e.nsc * (e.wide ? 4 : 2));
    e.sa = malloc((opt->sa_runs ? nind * opt->sa_runs : 1) * sizeof *e.sa);
    e.gtop = calloc(in->ngroups ? opt->runs * in->ngroups : 1, 1);
    if (!e.slots || !e.sa || !e.gtop) {
        bs_error_set(err, "uncertainty: out of memory for %zu runs of %zu "
                     "areas", opt->runs, e.nsc);
        goto done;
    }
    e.ntask = opt->runs + nind * opt->sa_runs;
    run_phase(&e, wk, nthreads, 0);
    if (atomic_load(&e.failed)) {
        for (t = 0; t < nthreads; t++)
            if (wk[t].err.msg[0]) {
                bs_error_set(err, "%s", wk[t].err.msg);
                break;
            }
        goto done;
    }

    for (i = 0; i < n; i++)
        res->rank_p05[i] = res->rank_median[i] = res->rank_p95[i] =
            res->p_top[i] = NAN;
    e.nblock = (e.nsc + BLOCK - 1) / BLOCK;
    run_phase(&e, wk, nthreads, 1);
    if (finish_sums(&e, err) != 0)
        goto done;
    rc = 0;
done:
    workers_free(wk, nthreads);
    free(normv);
    free(nomscore);
    free(e.col);
    free(e.scored);
    free(e.cidx);
    free(e.slots);
    free(e.sa);
    free(e.gtop);
    if (rc != 0)
        bs_unc_result_free(res);
    return rc;
}
