/* access.c: the social base per kind and its accessibility (issue 15),
 * after the [supply] counts (places.c): for each [supply NAME] and each
 * kind (kinds = ..., else every kind its layers have), the columns
 *   NAME_KIND            facilities of that kind in the area
 *   NAME_KIND_per1000    per 1,000 of per = ... (NaN without per)
 *   NAME_KIND_distance   straight-line metres from the area's label point
 *                        to the nearest facility of that kind
 *   NAME_KIND_within     facilities of that kind within radius = metres
 * and NAME_distance and NAME_within over all its facilities. Distances
 * are straight lines in the project CRS (access.h), from the areas' label
 * points (pole of inaccessibility), not along roads. The one column
 * resolver (columns.c) finds these columns, so indicators and maps use
 * them like any other. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/access.h"
#include "buurtscan/labels.h"
#include "buurtscan/spatial.h"
#include "internal.h"

/* One [supply]'s columns. */
struct bs_job_access {
    size_t nkinds;
    char **kind;              /* nkinds */
    double **count, **per1000, **dist, **within;   /* [nkinds][n] */
    double *dist_all, *within_all;                 /* [n] */
};

/* Adds kind k to the list unless it is there (case-insensitive). */
static int add_kind(struct bs_job_access *a, const char *k)
{
    char **grown;

    for (size_t i = 0; i < a->nkinds; i++)
        if (strcasecmp(a->kind[i], k) == 0)
            return 0;
    if (!(grown = realloc(a->kind, (a->nkinds + 1) * sizeof *grown)))
        return -1;
    a->kind = grown;
    if (!(a->kind[a->nkinds] = strdup(k)))
        return -1;
    a->nkinds++;
    return 0;
}

/* The layers of supply s, as indices (NULL-terminated by (size_t)-1). */
static size_t *layers_of(const bs_project *p, const bs_supply_spec *c)
{
    char *names = strdup(c->points.value), *t, *save = NULL;
    size_t *l = calloc(p->npoints + 1, sizeof *l), n = 0;

    if (!names || !l) {
        free(names), free(l);
        return NULL;
    }
    for (t = strtok_r(names, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save))
        if (n < p->npoints)
            l[n++] = bs_job_layer_index(p, t);
    l[n] = (size_t)-1;
    free(names);
    return l;
}

/* The kinds of supply s: kinds = ..., else every kind of its layers,
 * sorted. */
static int find_kinds(const bs_job *j, const bs_supply_spec *c,
                      const size_t *layer, struct bs_job_access *a)
{
    if (c->kinds.value) {
        char *copy = strdup(c->kinds.value), *t, *save = NULL;
        int rc = copy ? 0 : -1;
        for (t = copy ? strtok_r(copy, " \t,", &save) : NULL; t && rc == 0;
             t = strtok_r(NULL, " \t,", &save))
            rc = add_kind(a, t);
        free(copy);
        return rc;
    }
    for (; *layer != (size_t)-1; layer++) {
        const bs_pointset *pts = j->layers[*layer];
        for (size_t i = 0; pts->kind && i < pts->n; i++)
            if (pts->kind[i] && add_kind(a, pts->kind[i]) != 0)
                return -1;
    }
    for (size_t x = 1; x < a->nkinds; x++)      /* few kinds: insertion sort */
        for (size_t y = x; y > 0 && strcasecmp(a->kind[y - 1], a->kind[y]) > 0; y--) {
            char *t = a->kind[y];
            a->kind[y] = a->kind[y - 1];
            a->kind[y - 1] = t;
        }
    return 0;
}

static double *column(size_t n)
{
    return malloc((n ? n : 1) * sizeof(double));
}

/* Distances and counts within the radius of supply s: one pass per kind
 * set (the kinds, then all facilities as one kind). */
static int distances(bs_job *j, size_t s, const size_t *layer, const double *ax,
                     const double *ay, struct bs_job_access *a, bs_error *err)
{
    const bs_supply_spec *c = &j->p->supply[s];
    size_t nfac = 0, f = 0, i, k, *kind = NULL;
    double *fx = NULL, *fy = NULL;
    bs_access all, per;
    int rc = -1;

    memset(&all, 0, sizeof all);
    memset(&per, 0, sizeof per);
    for (const size_t *l = layer; *l != (size_t)-1; l++)
        nfac += j->layers[*l]->n;
    fx = column(nfac), fy = column(nfac);
    kind = malloc((nfac ? nfac : 1) * sizeof *kind);
    if (!fx || !fy || !kind)
        goto oom;
    for (const size_t *l = layer; *l != (size_t)-1; l++) {
        const bs_pointset *pts = j->layers[*l];
        for (i = 0; i < pts->n; i++, f++) {
            fx[f] = pts->x[i];
            fy[f] = pts->y[i];
            kind[f] = SIZE_MAX;
            for (k = 0; pts->kind && pts->kind[i] && k < a->nkinds; k++)
                if (strcasecmp(pts->kind[i], a->kind[k]) == 0)
                    kind[f] = k;
        }
    }
    if (bs_access_compute(ax, ay, j->n, fx, fy, NULL, nfac, 1, c->radius, NULL,
                          &all, err) != 0 ||
        (a->nkinds && bs_access_compute(ax, ay, j->n, fx, fy, kind, nfac,
                                        a->nkinds, c->radius, NULL, &per,
                                        err) != 0))
        goto done;
    for (i = 0; i < j->n; i++) {
        a->dist_all[i] = all.nearest[i];
        a->within_all[i] = isnan(ax[i]) ? NAN : (double)all.within[i];
        for (k = 0; k < a->nkinds; k++) {
            a->dist[k][i] = per.nearest[i * a->nkinds + k];
            a->within[k][i] = isnan(ax[i]) ? NAN
                              : (double)per.within[i * a->nkinds + k];
        }
    }
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", j->p->path);
done:
    bs_access_free(&all);
    bs_access_free(&per);
    free(fx), free(fy), free(kind);
    return rc;
}

/* Counts per kind (and per 1,000) and the distances of supply s. */
static int one_supply(bs_job *j, size_t s, const double *ax, const double *ay,
                      bs_error *err)
{
    const bs_project *p = j->p;
    const bs_supply_spec *c = &p->supply[s];
    struct bs_job_access *a = &j->access[s];
    size_t *layer = layers_of(p, c), *cnt = NULL, *part = NULL, i, k;
    int rc = -1;

    if (!layer || find_kinds(j, c, layer, a) != 0)
        goto oom;
    a->count = calloc(a->nkinds + 1, sizeof *a->count);
    a->per1000 = calloc(a->nkinds + 1, sizeof *a->per1000);
    a->dist = calloc(a->nkinds + 1, sizeof *a->dist);
    a->within = calloc(a->nkinds + 1, sizeof *a->within);
    a->dist_all = column(j->n);
    a->within_all = column(j->n);
    cnt = calloc(j->n + 1, sizeof *cnt);
    part = calloc(j->n + 1, sizeof *part);
    if (!a->count || !a->per1000 || !a->dist || !a->within || !a->dist_all ||
        !a->within_all || !cnt || !part)
        goto oom;
    for (k = 0; k < a->nkinds; k++) {
        const char *one[1] = {a->kind[k]};
        a->count[k] = column(j->n);
        a->per1000[k] = column(j->n);
        a->dist[k] = column(j->n);
        a->within[k] = column(j->n);
        if (!a->count[k] || !a->per1000[k] || !a->dist[k] || !a->within[k])
            goto oom;
        memset(cnt, 0, j->n * sizeof *cnt);
        for (const size_t *l = layer; *l != (size_t)-1; l++) {
            const bs_pointset *pts = j->layers[*l];
            if (!pts->kind)
                continue;
            if (bs_count_per_area(j->layer_area[*l], pts->kind, pts->n, one, 1,
                                  j->n, part, err) != 0)
                goto done;
            for (i = 0; i < j->n; i++)
                cnt[i] += part[i];
        }
        for (i = 0; i < j->n; i++)
            a->count[k][i] = (double)cnt[i];
        if (j->supply_base[s]) {
            if (bs_per_1000(cnt, j->supply_base[s], j->n, j->key,
                            a->per1000[k], err) != 0)
                goto done;
        } else {
            for (i = 0; i < j->n; i++)
                a->per1000[k][i] = NAN;
        }
    }
    rc = distances(j, s, layer, ax, ay, a, err);
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", p->path);
done:
    free(layer), free(cnt), free(part);
    return rc;
}

int bs_job_access(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    double *ax, *ay, d;
    size_t i, s;
    int rc = 0;

    if (!p->nsupply)
        return 0;
    j->access = calloc(p->nsupply, sizeof *j->access);
    ax = column(j->n);
    ay = column(j->n);
    if (!j->access || !ax || !ay) {
        free(ax), free(ay);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    /* the areas' label points, to a metre (project CRS) */
    for (i = 0; i < j->n; i++)
        if (bs_polylabel(j->areas, i, 1.0, ax + i, ay + i, &d) != 0)
            ax[i] = ay[i] = NAN;
    for (s = 0; s < p->nsupply && rc == 0; s++) {
        bs_job_step(h, "[supply %s]: distances to the nearest facility and "
                    "counts within %g m", p->supply[s].name, p->supply[s].radius);
        rc = one_supply(j, s, ax, ay, err);
    }
    free(ax), free(ay);
    return rc;
}

void bs_job_access_free(bs_job *j)
{
    for (size_t s = 0; j->access && s < j->p->nsupply; s++) {
        struct bs_job_access *a = &j->access[s];
        for (size_t k = 0; k < a->nkinds; k++) {
            free(a->kind[k]);
            if (a->count) free(a->count[k]);
            if (a->per1000) free(a->per1000[k]);
            if (a->dist) free(a->dist[k]);
            if (a->within) free(a->within[k]);
        }
        free(a->kind), free(a->count), free(a->per1000), free(a->dist);
        free(a->within), free(a->dist_all), free(a->within_all);
    }
    free(j->access);
    j->access = NULL;
}

/* name = what + suffix, case-insensitive. */
static int named(const char *name, const char *what, const char *suffix)
{
    size_t len = strlen(what);

    return strncasecmp(name, what, len) == 0 && strcasecmp(name + len, suffix) == 0;
}

int bs_job_access_column(const bs_job *j, const char *name, double *out)
{
    const bs_project *p = j->p;
    const double *src = NULL;
    char base[600];

    for (size_t s = 0; j->access && s < p->nsupply && !src; s++) {
        const struct bs_job_access *a = &j->access[s];
        if (named(name, p->supply[s].name, "_distance"))
            src = a->dist_all;
        else if (named(name, p->supply[s].name, "_within"))
            src = a->within_all;
        for (size_t k = 0; k < a->nkinds && !src; k++) {
            snprintf(base, sizeof base, "%s_%s", p->supply[s].name, a->kind[k]);
            src = named(name, base, "") ? a->count[k]
                  : named(name, base, "_per1000") ? a->per1000[k]
                  : named(name, base, "_distance") ? a->dist[k]
                  : named(name, base, "_within") ? a->within[k] : NULL;
        }
    }
    if (!src)
        return 0;
    memcpy(out, src, j->n * sizeof *out);
    return 1;
}
