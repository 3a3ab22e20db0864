/* spatial.c: every [spatial NAME] (issue 15) in the load phase: the
 * column's values, the weights (contiguity of the areas, k nearest
 * neighbours or a distance band on their label points, or a GeoDa
 * .gal/.gwt file), global Moran's I, local Moran (LISA) and Getis-Ord Gi*.
 * Everything that can fail on the input fails here, so validate and run
 * agree; the writers (spatialout.c, the maps and the report) read the
 * result from the scan. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "buurtscan/contiguity.h"
#include "buurtscan/gal.h"
#include "buurtscan/labels.h"
#include "buurtscan/words.h"
#include "internal.h"

/* The values of column col: score, rank, decile, coverage, an indicator id
 * (its raw values) or any column the one column resolver knows. *label
 * gets the column's label for people. */
static int column_values(const bs_job *j, const char *col, const char *where,
                         double *out, const char **label, bs_error *err)
{
    const bs_project *p = j->p;
    bs_lang l = bs_lang_of(p->language.value);
    const double *src = NULL;
    size_t k;

    if (strcasecmp(col, "score") == 0)
        src = j->score, *label = bs_word(BS_W_J_SCORE, l);
    else if (strcasecmp(col, "rank") == 0)
        src = j->rank, *label = bs_word(BS_W_J_RANK, l);
    else if (strcasecmp(col, "decile") == 0)
        src = j->decile, *label = bs_word(BS_W_J_DECILE, l);
    else if (strcasecmp(col, "coverage") == 0)
        src = j->coverage, *label = bs_word(BS_W_J_COVERAGE, l);
    for (k = 0; !src && k < p->nind; k++)
        if (strcasecmp(p->ind[k].id, col) == 0) {
            src = j->raw[k];
            *label = p->ind[k].label.value ? p->ind[k].label.value : p->ind[k].id;
        }
    if (src) {
        memcpy(out, src, j->n * sizeof *out);
        return 0;
    }
    *label = col;
    return bs_job_column_values(j, col, where, out, NULL, err);
}

/* The label points of the areas (pole of inaccessibility, to 1 map unit);
 * NaN for an area without geometry. */
static int label_points(const bs_job *j, double **x, double **y, bs_error *err)
{
    double d;
    size_t i;

    *x = malloc(j->n * sizeof **x);
    *y = malloc(j->n * sizeof **y);
    if (!*x || !*y)
        return bs_error_set(err, "%s: out of memory", j->p->path);
    for (i = 0; i < j->n; i++)
        if (bs_polylabel(j->areas, i, 1.0, *x + i, *y + i, &d) != 0)
            (*x)[i] = (*y)[i] = NAN;
    return 0;
}

/* The weights of spatial section c, in its style. */
static int make_weights(const bs_job *j, const bs_spatial_spec *c,
                        const char *where, const bs_job_hooks *h,
                        bs_weights **w, bs_error *err)
{
    const char *kind = c->weights.value;
    double *x = NULL, *y = NULL;
    int rc;

    if (strcasecmp(kind, "queen") == 0 || strcasecmp(kind, "rook") == 0) {
        rc = bs_weights_contiguity(j->areas, strcasecmp(kind, "queen") == 0
                                   ? BS_CONTIGUITY_QUEEN : BS_CONTIGUITY_ROOK,
                                   c->snap, w, err);
    } else if (strcasecmp(kind, "knn") == 0 || strcasecmp(kind, "distance") == 0) {
        rc = label_points(j, &x, &y, err);
        if (rc == 0)
            rc = strcasecmp(kind, "knn") == 0
                 ? bs_weights_knn(x, y, j->n, (size_t)c->k, w, err)
                 : bs_weights_distance(x, y, j->n, c->distance, w, err);
        free(x);
        free(y);
    } else {
        return bs_weights_read(kind, (const char *const *)j->key, j->n, w, NULL, bs_job_diag(h), err);
    }
    if (rc != 0) {
        /* the builders' messages do not say where: prefix the section */
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return bs_error_set(err, "%s: %s", where, msg);
    }
    return 0;
}

/* Section q: values, weights, statistics into j->spatial[q]. */
static int one_spatial(bs_job *j, size_t q, const bs_job_hooks *h,
                       unsigned threads, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_spatial_spec *c = &p->spatial[q];
    bs_scan_spatial *s = &j->spatial[q];
    bs_lisa_options lo;
    bs_gi_options go;
    char where[600], at[600], msg[sizeof err->msg];

    s->name = c->name;
    s->column = c->column.value;
    s->weights = c->weights.value;
    s->k = c->k;
    s->distance = c->distance;
    s->snap = c->snap;
    s->style = c->style;
    s->permutations = c->permutations;
    s->seed = c->seed;
    s->alpha = c->alpha;
    s->fdr = c->fdr;
    bs_job_at(p, c->column.line, c->line, where, sizeof where);
    if (!(s->value = malloc(j->n * sizeof *s->value)))
        return bs_error_set(err, "%s: out of memory", where);
    if (column_values(j, c->column.value, where, s->value, &s->label, err) != 0)
        return -1;
    bs_job_at(p, c->weights.line, c->line, at, sizeof at);
    if (make_weights(j, c, at, h, &s->w, err) != 0)
        return -1;
    bs_weights_set_style(s->w, c->style == 'B' ? BS_WEIGHTS_BINARY
                                               : BS_WEIGHTS_ROW);
    if (s->w->nislands > 0) {
        bs_warn(bs_job_diag(h), "%s: [spatial %s] %zu of %zu areas have no "
                "neighbours (islands, left out of the local statistics; "
                "validate lists them)", at, c->name, s->w->nislands, j->n);
        if (2 * s->w->nislands > j->n)
            bs_warn(bs_job_diag(h), "%s: [spatial %s] most areas are islands: "
                    "do the borders share their points? (try snap = 0.5, or "
                    "weights = knn)", at, c->name);
    }
    lo.perm.permutations = c->permutations;
    lo.perm.seed = c->seed;
    lo.perm.threads = threads;
    lo.alpha = c->alpha;
    lo.fdr = c->fdr;
    go.star = 1;
    go.alpha = c->alpha;
    go.fdr = c->fdr;
    bs_job_step(h, "[spatial %s]: %s weights, %zu links, %zu permutations",
                c->name, c->weights.value, s->w->nlinks, c->permutations);
    if (bs_moran_global(s->w, s->value, &lo.perm, &s->moran, err) != 0 ||
        bs_moran_local(s->w, s->value, &lo, &s->lisa, err) != 0 ||
        bs_getis_ord_local(s->w, s->value, &go, &s->gi, err) != 0) {
        snprintf(msg, sizeof msg, "%s", err->msg);
        return bs_error_set(err, "%s: [spatial %s] %s: %s", where, c->name,
                            c->column.value, msg);
    }
    return 0;
}

int bs_job_spatial(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cores < 1 ? 1 : cores > 16 ? 16 : (unsigned)cores;
    size_t q;

    if (!(j->spatial = calloc(p->nspatial + 1, sizeof *j->spatial)))
        return bs_error_set(err, "%s: out of memory", p->path);
    for (q = 0; q < p->nspatial; q++)
        if (one_spatial(j, q, h, threads, err) != 0)
            return -1;
    return 0;
}

void bs_job_spatial_free(bs_job *j)
{
    size_t q;

    for (q = 0; j->spatial && q < j->p->nspatial; q++) {
        free(j->spatial[q].value);
        bs_weights_free(j->spatial[q].w);
        bs_lisa_free(&j->spatial[q].lisa);
        bs_gi_free(&j->spatial[q].gi);
    }
    free(j->spatial);
    j->spatial = NULL;
}
