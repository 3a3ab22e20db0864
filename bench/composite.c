/* composite.c: times the composite score on the English IMD 2019 domain
 * ranks (32,844 LSOAs, 7 indicators): reading the CSV, scoring without
 * uncertainty (exprank per domain, IMD weights, weighted mean, ranks), and
 * 1,000 Monte Carlo runs on all cores. Prints wall times and peak RSS.
 * Usage: bench-composite PATH/imd2019_domain_ranks.csv [runs] [threads] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "buurtscan/csv.h"
#include "buurtscan/score.h"
#include "buurtscan/uncertainty.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    static const char *cols[] = { "income_rank", "employment_rank", "education_rank",
                                  "health_rank", "crime_rank", "barriers_rank",
                                  "living_rank" };
    double w[7] = { .225, .225, .135, .135, .093, .093, .093 };
    double *raw[7], *norm[7], *score, *cov, *rank;
    size_t runs = argc > 2 ? (size_t)atol(argv[2]) : 1000, n, k;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = argc > 3 ? (unsigned)atoi(argv[3]) : (unsigned)cores;
    bs_csv_options opt = { 0, 0, NULL };
    bs_table *t;
    bs_error err;
    bs_norm_params np[7 * 3];
    bs_unc_input in;
    bs_unc_options uo;
    bs_unc_result res;
    bs_agg_spec agg = { BS_AGG_MEAN, 1 };
    double t0, t1, t2, t3;
    struct rusage ru;
    static const bs_norm alt[3] = { BS_NORM_EXPRANK, BS_NORM_ZSCORE, BS_NORM_RANK };

    if (argc < 2) {
        fprintf(stderr, "usage: %s imd2019_domain_ranks.csv [runs] [threads]\n", argv[0]);
        return 2;
    }
    t0 = now();
    if (bs_csv_read(argv[1], &opt, &t, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    n = t->nrows;
    for (k = 0; k < 7; k++) {
        raw[k] = malloc(n * sizeof **raw);
        norm[k] = malloc(n * sizeof **norm);
        if (bs_table_column_numeric(t, (size_t)bs_table_find(t, cols[k]), raw[k], &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
    score = malloc(n * sizeof *score);
    cov = malloc(n * sizeof *cov);
    rank = malloc(n * sizeof *rank);
    t1 = now();
    for (k = 0; k < 7; k++) {
        bs_norm_params_init(&np[k], BS_NORM_EXPRANK, -1);
        if (bs_normalise_ex(raw[k], n, &np[k], cols[k], norm[k], &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
    if (bs_aggregate((const double *const *)norm, w, 7, n, agg, 0.75, NULL, NULL,
                     score, cov, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    bs_rank(score, n, 0, BS_TIES_AVERAGE, rank);
    t2 = now();
    for (size_t c = 0; c < 3; c++)
        for (k = 0; k < 7; k++)
            bs_norm_params_init(&np[c * 7 + k], alt[c], -1);
    in = (bs_unc_input){ (const double *const *)raw, 7, n, w, np, 3, agg, 0.75,
                         NULL, NULL , 0, NULL, NULL, NULL, 0};
    uo = (bs_unc_options){ runs, 0.25, 10, 0, 2024, threads };
    if (bs_unc_run(&in, &uo, &res, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    t3 = now();
    getrusage(RUSAGE_SELF, &ru);
    printf("areas %zu, indicators 7\n", n);
    printf("read CSV                          %8.3f s\n", t1 - t0);
    printf("score (exprank, mean, ranks)      %8.3f s\n", t2 - t1);
    printf("uncertainty: %zu runs, %u threads %8.3f s\n", runs, threads, t3 - t2);
    printf("peak RSS                          %8.1f MB\n", ru.ru_maxrss / 1024.0);
    bs_unc_result_free(&res);
    for (k = 0; k < 7; k++) {
        free(raw[k]);
        free(norm[k]);
    }
    free(score);
    free(cov);
    free(rank);
    bs_table_free(t);
    return 0;
}
