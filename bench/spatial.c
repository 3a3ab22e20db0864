/* spatial.c: benchmark of the spatial statistics core on real national
 * sets: queen contiguity weights, local Moran with 999 permutations, the
 * global Moran's I, and accessibility of 100,000 seeded random facility
 * points (three kinds, counts within 1 km), timed best of 3.
 *
 *   NL: the 3,340 CBS wijken 2022 (RD New), variable income_low
 *       (% persons in the national bottom 40 % of income; 196 missing).
 *   England: the 32,844 LSOAs 2011 (WGS84, reprojected to the British
 *       National Grid, untimed), variable income_rank of the IoD 2019
 *       joined on the LSOA code. Shared border vertices of this file differ
 *       by up to about 0.1 m after its conversion to WGS84 (topology.h), so
 *       queen is timed exactly and with snap = 0.5 m; LISA uses the latter.
 * Area points for accessibility are the label points (polylabel, 10 m),
 * computed untimed. Wall and CPU time (all threads) of the fastest of 3
 * runs; the machine may be shared, so CPU time is the steadier figure.
 * Peak RSS is the process's so far (reading the shapefile included).
 *
 * Usage: bench-spatial [SHARED_DATA_DIR [THREADS]]
 * (default ../shared/data, threads 2); run from the repository root.
 * Prints one table. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "buurtscan/access.h"
#include "buurtscan/autocorr.h"
#include "buurtscan/crs.h"
#include "buurtscan/csv.h"
#include "buurtscan/join.h"
#include "buurtscan/labels.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/contiguity.h"

#define REPS 3
#define NFAC 100000
#define SEED 20240601

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The CPU seconds (all threads) of the run with the best wall time. */
static double best_cpu;

static double peak_mb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static void die(const char *what, const bs_error *err)
{
    fprintf(stderr, "bench-spatial: %s: %s\n", what, err->msg);
    exit(1);
}

static void row(const char *set, const char *what, double secs,
                const char *note)
{
    printf("%-8s %-40s %7.3f s %7.3f s %6.0f MB  %s\n", set, what, secs,
           best_cpu, peak_mb(), note);
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Queen weights, best of REPS; the last one is returned (row-standardised). */
static bs_weights *time_queen(const char *set, const bs_areas *a, double snap,
                              double *secs)
{
    bs_weights *w = NULL;
    bs_error err;
    double best = INFINITY;
    char what[64], note[128];
    int r;

    for (r = 0; r < REPS; r++) {
        double t0 = now(), c0 = cpu_now();

        bs_weights_free(w);
        if (bs_weights_contiguity(a, BS_CONTIGUITY_QUEEN, snap, &w, &err) != 0)
            die("queen", &err);
        if (now() - t0 < best)
            best = now() - t0, best_cpu = cpu_now() - c0;
    }
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    snprintf(what, sizeof what, "queen weights (snap %g)", snap);
    snprintf(note, sizeof note, "%zu links, %zu islands, max %zu "
             "neighbours; weights %.1f MB", w->nlinks, w->nislands,
             bs_weights_max_neighbours(w),
             (double)((w->n + 1 + w->nislands) * sizeof(size_t)
                      + w->nlinks * (sizeof(size_t) + 2 * sizeof(double)))
             / 1048576.0);
    row(set, what, best, note);
    *secs = best;
    return w;
}

static double time_lisa(const char *set, const bs_weights *w, const double *y,
                        unsigned threads)
{
    bs_lisa_options o = {{999, SEED, threads}, 0.05, 0};
    bs_lisa l;
    bs_error err;
    double best = INFINITY;
    char what[64], note[128];
    int r;

    for (r = 0; r < REPS; r++) {
        double t0 = now(), c0 = cpu_now();

        if (bs_moran_local(w, y, &o, &l, &err) != 0)
            die("local Moran", &err);
        if (now() - t0 < best)
            best = now() - t0, best_cpu = cpu_now() - c0;
        if (r + 1 < REPS)
            bs_lisa_free(&l);
    }
    snprintf(what, sizeof what, "LISA, 999 permutations, %u thread%s",
             threads, threads == 1 ? "" : "s");
    snprintf(note, sizeof note, "HH %zu LL %zu LH %zu HL %zu ns %zu "
             "(missing %zu, islands %zu)", l.count[BS_LISA_HH],
             l.count[BS_LISA_LL], l.count[BS_LISA_LH], l.count[BS_LISA_HL],
             l.count[BS_LISA_NOT_SIGNIFICANT], l.nmissing, l.nislands);
    row(set, what, best, note);
    bs_lisa_free(&l);
    return best;
}

static void global_moran(const char *set, const char *var,
                         const bs_weights *w, const double *y,
                         unsigned threads)
{
    bs_perm_options p = {999, SEED, threads};
    bs_moran m;
    bs_error err;
    double t0 = now(), c0 = cpu_now();
    char what[64], note[256];

    if (bs_moran_global(w, y, &p, &m, &err) != 0)
        die("Moran's I", &err);
    best_cpu = cpu_now() - c0;
    snprintf(what, sizeof what, "global Moran's I of %s", var);
    snprintf(note, sizeof note, "I = %.6f, E[I] = %.6f, z_rand = %.2f, "
             "p_rand = %.3g, p_sim = %.3f (999), n = %zu, missing %zu",
             m.i, m.expected, m.z_rand, m.p_rand, m.p_sim, m.n, m.nmissing);
    row(set, what, now() - t0, note);
}

static void time_access(const char *set, const bs_areas *a)
{
    double *ax = malloc(a->n * sizeof *ax), *ay = malloc(a->n * sizeof *ay);
    double *fx = malloc(NFAC * sizeof *fx), *fy = malloc(NFAC * sizeof *fy);
    size_t *kind = malloc(NFAC * sizeof *kind), i, within = 0;
    double box[4], best = INFINITY, dist, mean = 0;
    uint64_t s = SEED;
    bs_access acc;
    bs_error err;
    char note[128];
    int r;

    if (!ax || !ay || !fx || !fy || !kind || bs_areas_bbox(a, box) != 0) {
        fprintf(stderr, "bench-spatial: out of memory or no geometry\n");
        exit(1);
    }
    for (i = 0; i < a->n; i++)
        if (bs_polylabel(a, i, 10, &ax[i], &ay[i], &dist) != 0)
            ax[i] = ay[i] = NAN;
    for (i = 0; i < NFAC; i++) {
        fx[i] = box[0] + (double)(splitmix64(&s) >> 11) * 0x1.0p-53
                         * (box[2] - box[0]);
        fy[i] = box[1] + (double)(splitmix64(&s) >> 11) * 0x1.0p-53
                         * (box[3] - box[1]);
        kind[i] = splitmix64(&s) % 3;
    }
    for (r = 0; r < REPS; r++) {
        double t0 = now(), c0 = cpu_now();

        if (bs_access_compute(ax, ay, a->n, fx, fy, kind, NFAC, 3, 1000, NULL,
                              &acc, &err) != 0)
            die("accessibility", &err);
        if (now() - t0 < best)
            best = now() - t0, best_cpu = cpu_now() - c0;
        if (r + 1 < REPS)
            bs_access_free(&acc);
    }
    for (i = 0; i < a->n * 3; i++) {
        within += acc.within[i];
        mean += isnan(acc.nearest[i]) ? 0 : acc.nearest[i];
    }
    snprintf(note, sizeof note, "%zu areas x 3 kinds: mean nearest %.0f m, "
             "%zu within 1 km", a->n, mean / (double)(a->n * 3), within);
    row(set, "accessibility, 100,000 facilities", best, note);
    bs_access_free(&acc);
    free(ax), free(ay), free(fx), free(fy), free(kind);
}

static double *column(const bs_table *t, const char *name)
{
    long c = bs_table_find(t, name);
    double *v = malloc(t->nrows * sizeof *v);
    bs_error err;

    if (c < 0 || !v) {
        fprintf(stderr, "bench-spatial: no column %s\n", name);
        exit(1);
    }
    if (bs_table_column_numeric(t, (size_t)c, v, &err) != 0)
        die(name, &err);
    return v;
}

/* Names the islands (code and name). */
static void islands(const bs_areas *a, const bs_weights *w)
{
    long code = bs_table_find(a->attrs, "code"), name = bs_table_find(a->attrs,
                                                                       "name");
    size_t k;

    for (k = 0; k < w->nislands && code >= 0 && name >= 0; k++)
        printf("%-8s island: %s %s\n", "", a->attrs->cells[code][w->islands[k]],
               a->attrs->cells[name][w->islands[k]]);
}

static void netherlands(const char *dir, unsigned threads)
{
    char path[1024];
    bs_areas *a;
    bs_weights *w;
    bs_error err;
    double *y, q, l;

    snprintf(path, sizeof path, "%s/nl-wijken-2022/NLD_dist_2022.shp", dir);
    if (bs_shapefile_read(path, NULL, &a, NULL, &err) != 0)
        die(path, &err);
    y = column(a->attrs, "income_low");
    printf("NL: %zu wijken, %zu points\n", a->n, a->npts);
    w = time_queen("NL", a, 0, &q);
    islands(a, w);
    l = time_lisa("NL", w, y, 1);
    if (threads > 1)
        l = fmin(l, time_lisa("NL", w, y, threads));
    global_moran("NL", "income_low", w, y, threads);
    time_access("NL", a);
    printf("NL       queen (best) + LISA (best): %.3f s (target < 1 s)\n\n",
           q + l);
    bs_weights_free(w);
    free(y);
    bs_areas_free(a);
}

static double *england_income(const char *dir, const bs_areas *a)
{
    char path[1024];
    bs_csv_options opt = {0, 0, NULL};
    bs_table *t;
    bs_join j;
    bs_error err;
    long key = bs_table_find(a->attrs, "code"), c;
    double *v, *y = malloc(a->n * sizeof *y);
    size_t i;

    snprintf(path, sizeof path, "%s/england-lsoa-2011/imd2019_domain_ranks.csv",
             dir);
    if (bs_csv_read(path, &opt, &t, &err) != 0)
        die(path, &err);
    c = bs_table_find(t, "lsoa11cd");
    if (key < 0 || c < 0
        || bs_join_build((const char *const *)a->attrs->cells[key], a->n, t,
                         (size_t)c, &j, &err) != 0)
        die("join", &err);
    v = column(t, "income_rank");
    for (i = 0; i < a->n; i++)
        y[i] = j.row[i] >= 0 ? v[j.row[i]] : NAN;
    printf("England: %zu LSOAs, %zu points, %zu joined to the IoD 2019\n",
           a->n, a->npts, j.matched);
    bs_join_free(&j);
    free(v);
    bs_table_free(t);
    return y;
}

static void england(const char *dir, unsigned threads)
{
    char path[1024];
    bs_areas *a;
    bs_weights *w;
    bs_error err;
    double *y, t0, q, l;

    snprintf(path, sizeof path, "%s/england-lsoa-2011/lsoa2011_wgs84.shp", dir);
    if (bs_shapefile_read(path, NULL, &a, NULL, &err) != 0)
        die(path, &err);
    y = england_income(dir, a);
    t0 = now();
    best_cpu = cpu_now();
    if (bs_areas_reproject(a, "EPSG:27700", &err) != 0)
        die("reproject", &err);
    best_cpu = cpu_now() - best_cpu;
    row("England", "reproject to EPSG:27700 (not in totals)", now() - t0, "");
    w = time_queen("England", a, 0, &q);
    bs_weights_free(w);
    w = time_queen("England", a, 0.5, &q);
    l = time_lisa("England", w, y, 1);
    if (threads > 1)
        l = fmin(l, time_lisa("England", w, y, threads));
    global_moran("England", "income_rank", w, y, threads);
    time_access("England", a);
    printf("England  queen (best, snap 0.5) + LISA (best): %.3f s "
           "(target < 2 s)\n", q + l);
    bs_weights_free(w);
    free(y);
    bs_areas_free(a);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data";
    unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 2;

    if (threads == 0)
        threads = 1;
    printf("%-8s %-40s %9s %9s %9s  %s\n", "set", "step (best of 3)", "wall",
           "cpu", "peak RSS", "result");
    netherlands(dir, threads);
    england(dir, threads);
    return 0;
}
