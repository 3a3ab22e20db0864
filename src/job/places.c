/* places.c: point layers, the social base per area, the Plus-IKC
 * designation and the need/supply priorities of a job.
 *
 * Order in the job: areas and data are read, then the point layers and the
 * supply columns (so indicators can use them), then the scores, then the
 * designations and priorities (which use the scores), then the
 * uncertainty runs (which give each IKC its p_top). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/csv.h"
#include "buurtscan/spatial.h"
#include "internal.h"

static size_t layer_index(const bs_project *p, const char *name)
{
    size_t i;
    for (i = 0; i < p->npoints; i++)
        if (strcasecmp(p->points[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

/* --- point layers and supply -------------------------------------------- */

static int load_layer(bs_job *j, size_t l, const bs_job_hooks *h, bs_error *err)
{
    const bs_points_spec_cfg *c = &j->p->points[l];
    bs_pointset_spec spec;
    bs_pointset *pts;
    size_t i;

    memset(&spec, 0, sizeof spec);
    spec.file = c->file.value;
    spec.key = c->key.value;
    spec.name = c->label_col.value;
    spec.kind = c->kind.value;
    spec.x = c->x.value;
    spec.y = c->y.value;
    spec.lon = c->lon.value;
    spec.lat = c->lat.value;
    spec.crs = c->crs.value;
    bs_job_step(h, "reading points %s: %s", c->name, c->file.value);
    if (bs_pointset_read(&spec, j->p->crs.value, &j->layers[l],
                         h ? &h->diag : NULL, err) != 0)
        return -1;
    pts = j->layers[l];
    j->layer_area[l] = malloc((pts->n ? pts->n : 1) * sizeof **j->layer_area);
    if (!j->layer_area[l])
        return bs_error_set(err, "%s: out of memory", c->file.value);
    if (bs_pointset_locate(pts, j->areas, j->layer_area[l], h ? &h->diag : NULL,
                           err) != 0)
        return -1;
    for (i = 0; i < pts->n; i++)
        if (j->layer_area[l][i] < 0) {
            char where[600];
            if (j->layer_outside[l] < 5) {
                bs_pointset_where(pts, i, where, sizeof where);
                bs_warn(h ? &h->diag : NULL, "%s: point '%s' lies outside every "
                        "area", where, pts->key[i]);
            }
            j->layer_outside[l]++;
        }
    if (j->layer_outside[l] > 5)
        bs_warn(h ? &h->diag : NULL, "%s: %zu points in all lie outside every "
                "area (validate lists them)", c->file.value, j->layer_outside[l]);
    return 0;
}

static int load_supply(bs_job *j, size_t s, bs_error *err)
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
            size_t l = layer_index(p, t2);
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
        if (bs_job_column_values(j, c->per.value, where, den, NULL, err) != 0 ||
            bs_per_1000(count, den, j->n, j->key, j->supply_per1000[s], err) != 0) {
            free(den);
            goto done;
        }
        free(den);
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

int bs_job_load_places(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t l, s;

    j->layers = calloc(p->npoints + 1, sizeof *j->layers);
    j->layer_area = calloc(p->npoints + 1, sizeof *j->layer_area);
    j->layer_outside = calloc(p->npoints + 1, sizeof *j->layer_outside);
    j->supply_count = calloc(p->nsupply + 1, sizeof *j->supply_count);
    j->supply_per1000 = calloc(p->nsupply + 1, sizeof *j->supply_per1000);
    if (!j->layers || !j->layer_area || !j->layer_outside || !j->supply_count ||
        !j->supply_per1000)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (l = 0; l < p->npoints; l++)
        if (load_layer(j, l, h, err) != 0)
            return -1;
    for (s = 0; s < p->nsupply; s++)
        if (load_supply(j, s, err) != 0)
            return -1;
    return 0;
}

/* Supply columns: NAME (count) and NAME_per1000. 1 if name is one. */
int bs_job_supply_column(const bs_job *j, const char *name, double *out)
{
    const bs_project *p = j->p;
    size_t s, len;

    if (!j->supply_count)
        return 0;
    for (s = 0; s < p->nsupply; s++) {
        len = strlen(p->supply[s].name);
        if (strcasecmp(name, p->supply[s].name) == 0 && j->supply_count[s]) {
            memcpy(out, j->supply_count[s], j->n * sizeof *out);
            return 1;
        }
        if (strncasecmp(name, p->supply[s].name, len) == 0 &&
            strcasecmp(name + len, "_per1000") == 0 && j->supply_per1000[s]) {
            memcpy(out, j->supply_per1000[s], j->n * sizeof *out);
            return 1;
        }
    }
    return 0;
}

/* --- designation --------------------------------------------------------- */

static int designate_one(bs_job *j, size_t d, const bs_job_hooks *h,
                         bs_error *err)
{
    const bs_project *p = j->p;
    const bs_designate_spec *c = &p->designate[d];
    size_t l = layer_index(p, c->points.value), nk = j->layers[l]->n, i, k;
    const bs_pointset *pts = j->layers[l];
    double *area_score = malloc(j->n * sizeof *area_score);
    double **contrib = calloc(p->nind + 1, sizeof *contrib);
    const char **labels = malloc((p->nind + 1) * sizeof *labels);
    unsigned char *previous = NULL;
    bs_designate_input in;
    bs_designate_rules rules;
    char where[600];
    int rc = -1, by_score = strcasecmp(c->score.value, "score") == 0;

    j->desig_layer[d] = l;
    j->desig_score[d] = malloc((nk ? nk : 1) * sizeof **j->desig_score);
    if (!area_score || !contrib || !labels || !j->desig_score[d])
        goto oom;
    bs_job_at(p, c->score.line, c->line, where, sizeof where);
    if (by_score)
        memcpy(area_score, j->score, j->n * sizeof *area_score);
    else if (bs_job_column_values(j, c->score.value, where, area_score, NULL, err) != 0)
        goto done;

    /* the IKC's score: its own area's, or the pupil-weighted mean over the
     * areas its pupils come from; contributions the same way */
    if (c->catchment.value) {
        bs_csv_options opt = { 0, 0, NULL };
        bs_table *t = NULL;
        if (bs_csv_read(c->catchment.value, &opt, &t, err) != 0)
            goto done;
        rc = bs_catchment_scores(t, c->catchment_ikc.value, c->catchment_area.value,
                                 c->catchment_pupils.value, pts->key, nk, j->key,
                                 area_score, j->n, j->desig_score[d], NULL,
                                 h ? &h->diag : NULL, err);
        for (k = 0; rc == 0 && by_score && k < p->nind; k++) {
            contrib[k] = malloc((nk ? nk : 1) * sizeof **contrib);
            if (!contrib[k])
                rc = bs_error_set(err, "%s: out of memory", p->path);
            else
                rc = bs_catchment_scores(t, c->catchment_ikc.value,
                                         c->catchment_area.value,
                                         c->catchment_pupils.value, pts->key, nk,
                                         j->key, j->contrib[k], j->n, contrib[k],
                                         NULL, NULL, err);
        }
        bs_table_free(t);
        if (rc != 0)
            goto done;
        rc = -1;
    } else {
        bs_scores_by_location(j->layer_area[l], nk, area_score, j->desig_score[d]);
        for (k = 0; by_score && k < p->nind; k++) {
            contrib[k] = malloc((nk ? nk : 1) * sizeof **contrib);
            if (!contrib[k])
                goto oom;
            bs_scores_by_location(j->layer_area[l], nk, j->contrib[k], contrib[k]);
        }
    }
    for (k = 0; k < p->nind; k++)
        labels[k] = p->ind[k].id;
    if (c->previous.value) {
        bs_csv_options opt = { 0, 0, NULL };
        bs_table *t = NULL;
        previous = calloc(nk ? nk : 1, 1);
        if (!previous)
            goto oom;
        if (bs_csv_read(c->previous.value, &opt, &t, err) != 0)
            goto done;
        rc = bs_previous_designation(t, c->previous_key.value, NULL, pts->key, nk,
                                     previous, err);
        bs_table_free(t);
        if (rc != 0)
            goto done;
        rc = -1;
    }
    memset(&in, 0, sizeof in);
    in.n = nk;
    in.keys = pts->key;
    in.score = j->desig_score[d];
    in.previous = previous;
    in.nind = by_score ? p->nind : 0;
    in.contrib = (const double *const *)contrib;
    in.labels = labels;
    bs_designate_rules_init(&rules);
    rules.mode = c->top ? BS_DESIGNATE_TOP : BS_DESIGNATE_THRESHOLD;
    rules.top = (size_t)c->top;
    rules.threshold = c->threshold;
    rules.keep_until_rank = (size_t)c->keep_until_rank;
    rules.ties = c->ties;
    rules.nreasons = (size_t)c->reasons;
    rules.language = p->language.value;
    {
        char what[700];
        bs_error e2;
        snprintf(what, sizeof what, "%s:%ld: [designate %s]", p->path, c->line,
                 c->name);
        if (bs_designate(&in, &rules, &j->desig[d], h ? &h->diag : NULL, &e2) != 0) {
            bs_error_set(err, "%s %s", what, e2.msg);
            goto done;
        }
    }
    bs_job_step(h, "designation %s: %zu designated (%zu continued, %zu new, "
                "%zu dropped)", c->name, j->desig[d]->ndesignated,
                j->desig[d]->ncontinued, j->desig[d]->nnew, j->desig[d]->ndropped);
    if (j->desig[d]->ntied)
        bs_warn(h ? &h->diag : NULL, "[designate %s]: %zu IKCs tie at the "
                "boundary; all of them are designated, see designation-%s.csv",
                c->name, j->desig[d]->ntied, c->name);
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", p->path);
done:
    for (i = 0; contrib && i < p->nind; i++)
        free(contrib[i]);
    free(contrib);
    free(labels);
    free(area_score);
    free(previous);
    return rc;
}

static int prioritise_one(bs_job *j, size_t q, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_prioritise_spec *c = &p->prio[q];
    size_t *order = malloc((j->n ? j->n : 1) * sizeof *order);
    char where[600], what[700];
    bs_error e2;
    int rc = -1;

    j->prio_need[q] = malloc(j->n * sizeof **j->prio_need);
    j->prio_supply[q] = malloc(j->n * sizeof **j->prio_supply);
    j->quadrant[q] = malloc(j->n * sizeof **j->quadrant);
    j->priority[q] = malloc(j->n * sizeof **j->priority);
    if (!order || !j->prio_need[q] || !j->prio_supply[q] || !j->quadrant[q] ||
        !j->priority[q]) {
        free(order);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    bs_job_at(p, c->need.line, c->line, where, sizeof where);
    if (strcasecmp(c->need.value, "score") == 0)
        memcpy(j->prio_need[q], j->score, j->n * sizeof **j->prio_need);
    else if (bs_job_column_values(j, c->need.value, where, j->prio_need[q], NULL,
                                  err) != 0)
        goto done;
    bs_job_at(p, c->supply.line, c->line, where, sizeof where);
    if (bs_job_column_values(j, c->supply.value, where, j->prio_supply[q], NULL,
                             err) != 0)
        goto done;
    j->need_cut[q] = c->need_cut_set ? c->need_cut : NAN;
    j->supply_cut[q] = c->supply_cut_set ? c->supply_cut : NAN;
    snprintf(what, sizeof what, "%s:%ld: [prioritise %s]", p->path, c->line, c->name);
    if (bs_prioritise(j->prio_need[q], j->prio_supply[q], j->n, &j->need_cut[q],
                      &j->supply_cut[q], j->quadrant[q], order, j->priority[q],
                      &e2) != 0) {
        bs_error_set(err, "%s %s", what, e2.msg);
        goto done;
    }
    rc = 0;
done:
    free(order);
    return rc;
}

int bs_job_decide(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t d, q;

    j->desig = calloc(p->ndesignate + 1, sizeof *j->desig);
    j->desig_score = calloc(p->ndesignate + 1, sizeof *j->desig_score);
    j->desig_ptop = calloc(p->ndesignate + 1, sizeof *j->desig_ptop);
    j->desig_layer = calloc(p->ndesignate + 1, sizeof *j->desig_layer);
    j->quadrant = calloc(p->nprio + 1, sizeof *j->quadrant);
    j->priority = calloc(p->nprio + 1, sizeof *j->priority);
    j->prio_need = calloc(p->nprio + 1, sizeof *j->prio_need);
    j->prio_supply = calloc(p->nprio + 1, sizeof *j->prio_supply);
    j->need_cut = calloc(p->nprio + 1, sizeof *j->need_cut);
    j->supply_cut = calloc(p->nprio + 1, sizeof *j->supply_cut);
    if (!j->desig || !j->desig_score || !j->desig_ptop || !j->desig_layer ||
        !j->quadrant || !j->priority || !j->prio_need || !j->prio_supply ||
        !j->need_cut || !j->supply_cut)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (d = 0; d < p->ndesignate; d++)
        if (designate_one(j, d, h, err) != 0)
            return -1;
    for (q = 0; q < p->nprio; q++)
        if (prioritise_one(j, q, err) != 0)
            return -1;
    return 0;
}

void bs_job_places_free(bs_job *j)
{
    const bs_project *p = j->p;
    size_t i;

    for (i = 0; j->layers && i < p->npoints; i++) {
        bs_pointset_free(j->layers[i]);
        free(j->layer_area[i]);
    }
    free(j->layers);
    free(j->layer_area);
    free(j->layer_outside);
    for (i = 0; j->supply_count && i < p->nsupply; i++) {
        free(j->supply_count[i]);
        free(j->supply_per1000[i]);
    }
    free(j->supply_count);
    free(j->supply_per1000);
    for (i = 0; j->desig && i < p->ndesignate; i++) {
        bs_designation_free(j->desig[i]);
        free(j->desig_score[i]);
        free(j->desig_ptop[i]);
    }
    free(j->desig);
    free(j->desig_score);
    free(j->desig_ptop);
    free(j->desig_layer);
    for (i = 0; j->quadrant && i < p->nprio; i++) {
        free(j->quadrant[i]);
        free(j->priority[i]);
        free(j->prio_need[i]);
        free(j->prio_supply[i]);
    }
    free(j->quadrant);
    free(j->priority);
    free(j->prio_need);
    free(j->prio_supply);
    free(j->need_cut);
    free(j->supply_cut);
}
