/* decide.c: the decisions a scan supports, after the scores: the
 * Plus-IKC (re)designation of each [designate] and the need/supply
 * quadrants of each [prioritise]. The catchment and previous tables were
 * read in the load phase. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/spatial.h"
#include "internal.h"

/* --- designation --------------------------------------------------------- */

static int designate_one(bs_job *j, size_t d, const bs_job_hooks *h,
                         bs_error *err)
{
    const bs_project *p = j->p;
    const bs_designate_spec *c = &p->designate[d];
    size_t l = bs_job_layer_index(p, c->points.value), nk = j->layers[l]->n, i, k;
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
        const bs_table *t = j->catchment[d];
        rc = bs_catchment_scores(t, c->catchment_ikc.value, c->catchment_area.value,
                                 c->catchment_pupils.value, pts->key, nk, j->key,
                                 area_score, j->n, j->desig_score[d], NULL,
                                 bs_job_diag(h), err);
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
        previous = calloc(nk ? nk : 1, 1);
        if (!previous)
            goto oom;
        rc = bs_previous_designation(j->previous[d], c->previous_key.value, NULL,
                                     pts->key, nk, previous, err);
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
        if (bs_designate(&in, &rules, &j->desig[d], bs_job_diag(h), &e2) != 0) {
            bs_error_set(err, "%s %s", what, e2.msg);
            goto done;
        }
    }
    bs_job_step(h, "designation %s: %zu designated (%zu continued, %zu new, "
                "%zu dropped)", c->name, j->desig[d]->ndesignated,
                j->desig[d]->ncontinued, j->desig[d]->nnew, j->desig[d]->ndropped);
    if (j->desig[d]->ntied)
        bs_warn(bs_job_diag(h), "[designate %s]: %zu IKCs tie at the "
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
    /* issue 12: a need or supply read from a count prints only what may
     * be printed (the quadrants are judged on that too) */
    if (strcasecmp(c->need.value, "score") != 0)
        bs_job_disc_mask(j, c->need.value, j->prio_need[q]);
    bs_job_disc_mask(j, c->supply.value, j->prio_supply[q]);
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

void bs_job_decide_free(bs_job *j)
{
    const bs_project *p = j->p;
    size_t i;

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
