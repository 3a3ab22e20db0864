/* moran.c: global Moran's I with its moments and a permutation test, and
 * local Moran (LISA) with conditional permutation (see autocorr.h).
 *
 * Permutations run in parallel, each drawing from a random stream of its
 * own (seed, statistic, permutation number): the global test shuffles a
 * copy of the values per permutation, the local one draws, per
 * permutation, one sample of the most neighbours any area has from the
 * n - 1 others, which every area then uses (esda's crand). The simulated
 * values are stored per permutation or counted per area, so no thread
 * shares a sum and the results do not depend on the number of threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/autocorr.h"
#include "autocorr_util.h"

/* stream domains: the global and the local test of one seed differ */
#define DOMAIN_GLOBAL 1
#define DOMAIN_LOCAL 2

/* A simulated statistic within TIE times a bound on its size of the
 * observed one counts as a tie (at least as large): the same sum taken in
 * another order differs in its last bits, and a tie must not depend on
 * the order of the neighbours. The bounds: n max z^2 / z'z for I (since
 * |z'Wz| <= s0 max z^2), |z_i| max |z| sum_k w_ik for I_i. */
#define TIE 1e-10

/* rejection sampling up to this many draws, a partial shuffle beyond */
#define SMALL_SAMPLE 48

static int check_perm(const bs_perm_options *perm, bs_error *err)
{
    if (perm->threads == 0)
        return bs_error_set(err, "threads must be at least 1");
    if (perm->permutations >= (size_t)1 << 31)
        return bs_error_set(err, "%zu permutations is too many",
                            perm->permutations);
    return 0;
}

/* Mean-centred values z and their sum of squares and of fourth powers. */
static void centre(const double *y, size_t n, double *z, double *m2,
                   double *m4)
{
    double mean = 0, s2 = 0, s4 = 0;
    size_t i;

    for (i = 0; i < n; i++)
        mean += y[i];
    mean /= (double)n;
    for (i = 0; i < n; i++) {
        z[i] = y[i] - mean;
        s2 += z[i] * z[i];
        s4 += z[i] * z[i] * z[i] * z[i];
    }
    *m2 = s2;
    *m4 = s4;
}

static double max_abs(const double *z, size_t n)
{
    double m = 0;
    size_t i;

    for (i = 0; i < n; i++)
        m = fmax(m, fabs(z[i]));
    return m;
}

/* z'Wz */
static double cross(const bs_weights *w, const double *z)
{
    double s = 0;
    size_t i, k;

    for (i = 0; i < w->n; i++) {
        double lag = 0;

        for (k = w->first[i]; k < w->first[i + 1]; k++)
            lag += w->w[k] * z[w->nb[k]];
        s += z[i] * lag;
    }
    return s;
}

static int too_few(size_t n, size_t min, const char *what, bs_error *err)
{
    if (n >= min)
        return 0;
    return bs_error_set(err, "%s needs at least %zu areas with a value, "
                        "there %s %zu", what, min, n == 1 ? "is" : "are", n);
}

/* ---- global ---- */

typedef struct global_job {
    const bs_weights *w;
    const double *z;
    size_t n;
    double scale;             /* n / s0 / z'z */
    uint64_t seed;
    double *sim;              /* R */
    double **scratch;         /* per thread: n values */
} global_job;

static void global_part(void *ud, size_t lo, size_t hi, unsigned t)
{
    global_job *g = ud;
    double *v = g->scratch[t];
    size_t r, i;

    for (r = lo; r < hi; r++) {
        bs_ac_rng rng;

        bs_ac_rng_init(&rng, g->seed, DOMAIN_GLOBAL, r);
        memcpy(v, g->z, g->n * sizeof *v);
        for (i = g->n - 1; i > 0; i--) {
            size_t j = bs_ac_rng_below(&rng, i + 1);
            double tmp = v[i];

            v[i] = v[j];
            v[j] = tmp;
        }
        g->sim[r] = g->scale * cross(g->w, v);
    }
}

static int global_permute(const bs_weights *w, const double *z, size_t n,
                          double scale, const bs_perm_options *perm,
                          bs_moran *out, bs_error *err)
{
    size_t R = perm->permutations, r, larger = 0;
    double tol = TIE * scale * out->s0 * max_abs(z, n) * max_abs(z, n);
    unsigned t, nt = perm->threads;
    global_job g;
    double sum = 0, ss = 0;
    int rc = 0;

    g.w = w;
    g.z = z;
    g.n = n;
    g.scale = scale;
    g.seed = perm->seed;
    g.sim = malloc(R * sizeof *g.sim);
    g.scratch = calloc(nt, sizeof *g.scratch);
    for (t = 0; g.scratch && t < nt; t++)
        if (!(g.scratch[t] = malloc(n * sizeof *g.scratch[t])))
            break;
    if (!g.sim || !g.scratch || t < nt) {
        rc = bs_error_set(err, "Moran's I: out of memory");
        goto done;
    }
    bs_ac_parallel(nt, R, global_part, &g);
    for (r = 0; r < R; r++) {
        larger += g.sim[r] >= out->i - tol;
        sum += g.sim[r];
    }
    out->mean_sim = sum / (double)R;
    for (r = 0; r < R; r++)
        ss += (g.sim[r] - out->mean_sim) * (g.sim[r] - out->mean_sim);
    out->sd_sim = sqrt(ss / (double)R);
    out->z_sim = (out->i - out->mean_sim) / out->sd_sim;
    out->p_sim = bs_ac_p_folded(larger, R);
done:
    for (t = 0; g.scratch && t < nt; t++)
        free(g.scratch[t]);
    free(g.scratch);
    free(g.sim);
    return rc;
}

int bs_moran_global(const bs_weights *w, const double *y,
                    const bs_perm_options *perm, bs_moran *out, bs_error *err)
{
    bs_ac_data d;
    double *z = NULL, m2, m4, n, n2, s02, ei, a, b;
    int rc = -1;

    memset(out, 0, sizeof *out);
    out->p_sim = out->mean_sim = out->sd_sim = out->z_sim = NAN;
    if (check_perm(perm, err) != 0 || bs_ac_prepare(w, y, &d, err) != 0)
        return -1;
    out->n = d.n;
    out->nmissing = d.nmissing;
    out->nislands = d.w->nislands;
    if (too_few(d.n, 4, "Moran's I", err) != 0)
        goto done;
    if (!(z = malloc(d.n * sizeof *z))) {
        bs_error_set(err, "Moran's I: out of memory");
        goto done;
    }
    centre(d.y, d.n, z, &m2, &m4);
    if (!(m2 > 0)) {
        bs_error_set(err, "Moran's I: all %zu values are equal", d.n);
        goto done;
    }
    bs_weights_sums(d.w, &out->s0, &out->s1, &out->s2);
    if (!(out->s0 > 0)) {
        bs_error_set(err, "Moran's I: no area with a value has a neighbour "
                     "with a value");
        goto done;
    }
    n = (double)d.n;
    n2 = n * n;
    s02 = out->s0 * out->s0;
    out->i = n / out->s0 / m2 * cross(d.w, z);   /* as the permutations */
    out->expected = ei = -1 / (n - 1);
    out->var_norm = (n2 * out->s1 - n * out->s2 + 3 * s02)
                    / ((n - 1) * (n + 1) * s02) - ei * ei;
    out->kurtosis = n * m4 / (m2 * m2);
    a = n * ((n2 - 3 * n + 3) * out->s1 - n * out->s2 + 3 * s02);
    b = out->kurtosis * ((n2 - n) * out->s1 - 2 * n * out->s2 + 6 * s02);
    out->var_rand = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s02) - ei * ei;
    out->z_norm = (out->i - ei) / sqrt(out->var_norm);
    out->z_rand = (out->i - ei) / sqrt(out->var_rand);
    out->p_norm = bs_ac_p_normal(out->z_norm);
    out->p_rand = bs_ac_p_normal(out->z_rand);
    out->permutations = perm->permutations;
    if (perm->permutations > 0
        && global_permute(d.w, z, d.n, n / out->s0 / m2, perm, out, err) != 0)
        goto done;
    rc = 0;
done:
    free(z);
    bs_ac_release(&d);
    return rc;
}

/* ---- local ---- */

const char *bs_lisa_class_name(bs_lisa_class c)
{
    static const char *const names[BS_LISA_NCLASSES] = {
        "not significant", "HH", "LL", "LH", "HL", "island", "missing"};

    return (unsigned)c < BS_LISA_NCLASSES ? names[c] : "?";
}

void bs_lisa_free(bs_lisa *l)
{
    free(l->z);
    free(l->lag);
    free(l->zlag);
    free(l->local_i);
    free(l->p);
    free(l->quadrant);
    free(l->cluster);
    memset(l, 0, sizeof *l);
}

typedef struct local_job {
    const bs_weights *w;
    const double *z, *ii;     /* standardised values, local I (used areas) */
    size_t n, kmax, R;
    double zmax;              /* max |z| */
    uint64_t seed;
    uint32_t *draw;           /* R x kmax: candidates 0 .. n - 2 */
    uint32_t **scratch;       /* per thread, for large samples: n - 1 + kmax */
    size_t *larger;           /* n */
} local_job;

/* kmax distinct candidates from 0 .. m - 1 for permutation r. */
static void draw_sample(const local_job *L, size_t r, uint32_t *out,
                        uint32_t *scratch)
{
    size_t m = L->n - 1, k, j;
    bs_ac_rng rng;

    bs_ac_rng_init(&rng, L->seed, DOMAIN_LOCAL, r);
    if (L->kmax <= SMALL_SAMPLE) {
        for (k = 0; k < L->kmax; k++) {
            uint32_t c;

            do {
                c = (uint32_t)bs_ac_rng_below(&rng, m);
                for (j = 0; j < k && out[j] != c; j++)
                    ;
            } while (j < k);
            out[k] = c;
        }
        return;
    }
    /* a partial Fisher-Yates shuffle of 0 .. m-1 (scratch holds the
     * identity, then the positions swapped with), undone afterwards */
    for (k = 0; k < L->kmax; k++) {
        uint32_t tmp;

        j = k + bs_ac_rng_below(&rng, m - k);
        scratch[m + k] = (uint32_t)j;
        out[k] = scratch[j];
        tmp = scratch[k], scratch[k] = scratch[j], scratch[j] = tmp;
    }
    for (k = L->kmax; k-- > 0;) {
        uint32_t tmp;

        j = scratch[m + k];
        tmp = scratch[k], scratch[k] = scratch[j], scratch[j] = tmp;
    }
}

static void draw_part(void *ud, size_t lo, size_t hi, unsigned t)
{
    local_job *L = ud;
    size_t r;

    for (r = lo; r < hi; r++)
        draw_sample(L, r, L->draw + r * L->kmax, L->scratch[t]);
}

static void count_part(void *ud, size_t lo, size_t hi, unsigned t)
{
    local_job *L = ud;
    const bs_weights *w = L->w;
    size_t i, r, k;

    (void)t;
    for (i = lo; i < hi; i++) {
        size_t f = w->first[i], ki = w->first[i + 1] - f, c = 0;
        const double *wi = w->w + f;
        double wsum = 0, tol;

        if (ki == 0)
            continue;
        for (k = 0; k < ki; k++)
            wsum += fabs(wi[k]);
        tol = TIE * fabs(L->z[i]) * L->zmax * wsum;
        for (r = 0; r < L->R; r++) {
            const uint32_t *d = L->draw + r * L->kmax;
            double s = 0;

            for (k = 0; k < ki; k++) {
                size_t j = d[k];

                s += wi[k] * L->z[j + (j >= i)];
            }
            c += L->z[i] * s >= L->ii[i] - tol;
        }
        L->larger[i] = c;
    }
}

static int local_permute(const bs_weights *w, const double *z,
                         const double *ii, size_t n, const bs_perm_options *p,
                         size_t *larger, bs_error *err)
{
    local_job L;
    unsigned t, nt = p->threads;
    size_t k;
    int rc = 0;

    memset(&L, 0, sizeof L);
    L.w = w;
    L.z = z;
    L.ii = ii;
    L.n = n;
    L.R = p->permutations;
    L.seed = p->seed;
    L.kmax = bs_weights_max_neighbours(w);
    L.zmax = max_abs(z, n);
    L.larger = larger;
    if (n - 1 > UINT32_MAX)
        return bs_error_set(err, "local Moran: too many areas (%zu)", n);
    if (L.kmax == 0)
        return 0;                 /* all islands: nothing to count */
    L.draw = malloc(L.R * L.kmax * sizeof *L.draw);
    L.scratch = calloc(nt, sizeof *L.scratch);
    for (t = 0; L.scratch && t < nt && L.kmax > SMALL_SAMPLE; t++) {
        if (!(L.scratch[t] = malloc((n - 1 + L.kmax) * sizeof *L.scratch[t])))
            break;
        for (k = 0; k + 1 < n; k++)
            L.scratch[t][k] = (uint32_t)k;
    }
    if (!L.draw || !L.scratch || (L.kmax > SMALL_SAMPLE && t < nt)) {
        rc = bs_error_set(err, "local Moran: out of memory");
        goto done;
    }
    bs_ac_parallel(nt, L.R, draw_part, &L);
    bs_ac_parallel(nt, n, count_part, &L);
done:
    for (t = 0; L.scratch && t < nt; t++)
        free(L.scratch[t]);
    free(L.scratch);
    free(L.draw);
    return rc;
}

static int lisa_alloc(bs_lisa *l, size_t n)
{
    size_t i, m = n ? n : 1;

    l->n = n;
    l->z = malloc(m * sizeof *l->z);
    l->lag = malloc(m * sizeof *l->lag);
    l->zlag = malloc(m * sizeof *l->zlag);
    l->local_i = malloc(m * sizeof *l->local_i);
    l->p = malloc(m * sizeof *l->p);
    l->quadrant = malloc(m);
    l->cluster = malloc(m);
    if (!l->z || !l->lag || !l->zlag || !l->local_i || !l->p || !l->quadrant
        || !l->cluster)
        return -1;
    for (i = 0; i < n; i++) {
        l->z[i] = l->lag[i] = l->zlag[i] = l->local_i[i] = l->p[i] = NAN;
        l->quadrant[i] = l->cluster[i] = BS_LISA_MISSING;
    }
    return 0;
}

static unsigned char quadrant(double z, double zlag)
{
    if (z > 0)
        return zlag > 0 ? BS_LISA_HH : BS_LISA_HL;
    return zlag > 0 ? BS_LISA_LH : BS_LISA_LL;
}

/* Writes the used areas' results to their places in l. */
static void lisa_store(bs_lisa *l, const bs_ac_data *d, const double *z,
                       const double *zlag, const double *lag,
                       const double *ii, const size_t *larger, size_t R)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        size_t a = bs_ac_area(d, i);

        l->z[a] = z[i];
        if (d->w->first[i + 1] == d->w->first[i]) {
            l->quadrant[a] = l->cluster[a] = BS_LISA_ISLAND;
            continue;
        }
        l->zlag[a] = zlag[i];
        l->lag[a] = lag[i];
        l->local_i[a] = ii[i];
        l->p[a] = R > 0 ? bs_ac_p_folded(larger[i], R) : NAN;
        l->quadrant[a] = quadrant(z[i], zlag[i]);
    }
}

static void lisa_classify(bs_lisa *l, const bs_lisa_options *opt)
{
    size_t i;

    l->threshold = opt->fdr ? bs_fdr_threshold(l->p, l->n, opt->alpha)
                            : opt->alpha;
    memset(l->count, 0, sizeof l->count);
    for (i = 0; i < l->n; i++) {
        unsigned char q = l->quadrant[i];

        if (q != BS_LISA_ISLAND && q != BS_LISA_MISSING)
            l->cluster[i] = l->p[i] < l->threshold ? q
                                                   : BS_LISA_NOT_SIGNIFICANT;
        l->count[l->cluster[i]]++;
    }
}

int bs_moran_local(const bs_weights *w, const double *y,
                   const bs_lisa_options *opt, bs_lisa *out, bs_error *err)
{
    bs_ac_data d;
    double *z = NULL, *zlag = NULL, *lag = NULL, *ii = NULL, m2, m4, sd;
    double s0, s1, s2, sum = 0;
    size_t *larger = NULL, i, n;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!(opt->alpha > 0 && opt->alpha < 1))
        return bs_error_set(err, "local Moran: alpha must lie between 0 and "
                            "1 (it is %g)", opt->alpha);
    if (check_perm(&opt->perm, err) != 0 || bs_ac_prepare(w, y, &d, err) != 0)
        return -1;
    n = d.n;
    if (too_few(n, 4, "local Moran", err) != 0)
        goto done;
    z = malloc(n * sizeof *z);
    zlag = malloc(n * sizeof *zlag);
    lag = malloc(n * sizeof *lag);
    ii = malloc(n * sizeof *ii);
    larger = calloc(n, sizeof *larger);
    if (!z || !zlag || !lag || !ii || !larger || lisa_alloc(out, w->n) != 0) {
        bs_error_set(err, "local Moran: out of memory");
        goto done;
    }
    centre(d.y, n, z, &m2, &m4);
    if (!(m2 > 0)) {
        bs_error_set(err, "local Moran: all %zu values are equal", n);
        goto done;
    }
    sd = sqrt(m2 / (double)n);
    for (i = 0; i < n; i++)
        z[i] /= sd;
    bs_weights_lag(d.w, z, zlag);
    bs_weights_lag(d.w, d.y, lag);
    for (i = 0; i < n; i++) {
        ii[i] = z[i] * zlag[i];
        sum += ii[i];
    }
    if (opt->perm.permutations > 0
        && local_permute(d.w, z, ii, n, &opt->perm, larger, err) != 0)
        goto done;
    out->nused = n;
    out->nmissing = d.nmissing;
    out->nislands = d.w->nislands;
    bs_weights_sums(d.w, &s0, &s1, &s2);
    out->moran_i = s0 > 0 ? sum / s0 : NAN;
    lisa_store(out, &d, z, zlag, lag, ii, larger, opt->perm.permutations);
    lisa_classify(out, opt);
    rc = 0;
done:
    free(z);
    free(zlag);
    free(lag);
    free(ii);
    free(larger);
    bs_ac_release(&d);
    return rc;
}
