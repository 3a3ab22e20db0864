/* places.c: the point layers located in the areas and the social base
 * per area ([supply]: points counted per area, per 1,000 of a column).
 * Before the scores, so indicators can use the [supply] columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/spatial.h"
#include "internal.h"

size_t bs_job_layer_index(const bs_project *p, const char *name)
{
    size_t i;
    for (i = 0; i < p->npoints; i++)
        if (strcasecmp(p->points[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

/* Which area each point of layer l lies in; warns of points outside. */
static int locate_layer(bs_job *j, size_t l, const bs_job_hooks *h,
                        bs_error *err)
{
    const bs_points_spec_cfg *c = &j->p->points[l];
    const bs_pointset *pts = j->layers[l];
    size_t i;

    j->layer_area[l] = malloc((pts->n ? pts->n : 1) * sizeof **j->layer_area);
    if (!j->layer_area[l])
        return bs_error_set(err, "%s: out of memory", c->file.value);
    if (bs_pointset_locate(pts, j->areas, j->layer_area[l], bs_job_diag(h),
                           err) != 0)
        return -1;
    for (i = 0; i < pts->n; i++)
        if (j->layer_area[l][i] < 0) {
            char where[600];
            if (j->layer_outside[l] < 5) {
                bs_pointset_where(pts, i, where, sizeof where);
                bs_warn(bs_job_diag(h), "%s: point '%s' lies outside every "
                        "area", where, pts->key[i]);
            }
            j->layer_outside[l]++;
        }
    if (j->layer_outside[l] > 5)
        bs_warn(bs_job_diag(h), "%s: %zu points in all lie outside every "
                "area (validate lists them)", c->file.value, j->layer_outside[l]);
    return 0;
}

static int count_supply(bs_job *j, size_t s, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_supply_spec *c = &p->supply[s];
    size_t *count = calloc(j->n ? j->n : 1, sizeof *count);
    size_t *part = calloc(j->n ? j->n : 1, sizeof *part);
    const char **kinds = NULL;
    size_t nkinds = 0, i;
    char *copy = NULL, *tok, *save = NULL, where[600];
    int rc = -1;

    j->supply_count[s] = malloc(j->n * sizeof **j->supply_count);
    j->supply_per1000[s] = malloc(j->n * sizeof **j->supply_per1000);
    if (!count || !part || !j->supply_count[s] || !j->supply_per1000[s])
        goto oom;
    if (c->kinds.value) {
        copy = strdup(c->kinds.value);
        kinds = malloc((strlen(c->kinds.value) / 2 + 2) * sizeof *kinds);
        if (!copy || !kinds)
            goto oom;
        for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save))
            kinds[nkinds++] = tok;
    }
    {
        char *names = strdup(c->points.value), *t2, *s2 = NULL;
        if (!names)
            goto oom;
        for (t2 = strtok_r(names, " \t,", &s2); t2; t2 = strtok_r(NULL, " \t,", &s2)) {
            size_t l = bs_job_layer_index(p, t2);
            const bs_pointset *pts = j->layers[l];
            if (nkinds && !pts->kind) {
                bs_error_set(err, "%s:%ld: [supply %s] kinds = ... but [points %s] "
                             "has no kind column", p->path, c->kinds.line, c->name,
                             p->points[l].name);
                free(names);
                goto done;
            }
            if (bs_count_per_area(j->layer_area[l], pts->kind, pts->n, kinds,
                                  nkinds, j->n, part, err) != 0) {
                free(names);
                goto done;
            }
            for (i = 0; i < j->n; i++)
                count[i] += part[i];
        }
        free(names);
    }
    for (i = 0; i < j->n; i++)
        j->supply_count[s][i] = (double)count[i];
    if (c->per.value) {
        double *den = malloc(j->n * sizeof *den);
        if (!den)
            goto oom;
        bs_job_at(p, c->per.line, c->line, where, sizeof where);
        j->supply_base[s] = den;
        if (bs_job_column_values(j, c->per.value, where, den, NULL, err) != 0 ||
            bs_per_1000(count, den, j->n, j->key, j->supply_per1000[s], err) != 0)
            goto done;
    } else {
        for (i = 0; i < j->n; i++)
            j->supply_per1000[s][i] = NAN;
    }
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", p->path);
done:
    free(count);
    free(part);
    free(kinds);
    free(copy);
    return rc;
}

int bs_job_places(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t l, s;

    j->layer_area = calloc(p->npoints + 1, sizeof *j->layer_area);
    j->layer_outside = calloc(p->npoints + 1, sizeof *j->layer_outside);
    j->supply_count = calloc(p->nsupply + 1, sizeof *j->supply_count);
    j->supply_per1000 = calloc(p->nsupply + 1, sizeof *j->supply_per1000);
    j->supply_base = calloc(p->nsupply + 1, sizeof *j->supply_base);
    if (!j->layer_area || !j->layer_outside || !j->supply_count ||
        !j->supply_per1000 || !j->supply_base)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (l = 0; l < p->npoints; l++)
        if (locate_layer(j, l, h, err) != 0)
            return -1;
    for (s = 0; s < p->nsupply; s++)
        if (count_supply(j, s, err) != 0)
            return -1;
    return bs_job_access(j, h, err);
}

void bs_job_places_free(bs_job *j)
{
    const bs_project *p = j->p;
    size_t i;

    for (i = 0; j->layer_area && i < p->npoints; i++)
        free(j->layer_area[i]);
    free(j->layer_area);
    free(j->layer_outside);
    for (i = 0; j->supply_count && i < p->nsupply; i++) {
        free(j->supply_count[i]);
        free(j->supply_per1000[i]);
        free(j->supply_base[i]);
    }
    free(j->supply_count);
    free(j->supply_per1000);
    free(j->supply_base);
    bs_job_access_free(j);
}
