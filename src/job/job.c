/* job.c: loading a project into a scan: the order of the rooms (see
 * internal.h), the scan's view of what they made, and freeing it all. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/manifest.h"
#include "internal.h"

/* [indicator] period = X: the scan is joined to the latest period a long
 * data file keeps, so X must be that period (choose it with [data]
 * periods =). */
static int check_period(const bs_job *j, size_t k, const char *used,
                        bs_error *err)
{
    const bs_indicator_spec *s = &j->p->ind[k];
    bs_period want, have;
    char w[600];

    if (!s->period.value || strcasecmp(s->period.value, "latest") == 0)
        return 0;
    bs_job_at(j->p, s->period.line, s->line, w, sizeof w);
    if (bs_period_parse(s->period.value, w, &want, err) != 0)
        return -1;
    if (!used)
        return bs_error_set(err, "%s: period = %s, but the data of [indicator "
                            "%s] have no periods ([data] period =)", w,
                            s->period.value, s->id);
    if (bs_period_parse(used, w, &have, err) != 0)
        return -1;
    if (!bs_period_same(&want, &have))
        return bs_error_set(err, "%s: period = %s, but its data's latest period "
                            "is %s: keep the period wanted with [data] periods "
                            "= %s", w, s->period.value, used, s->period.value);
    return 0;
}

/* The scan's description of every indicator and domain. */
static int describe_indicators(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    size_t k, d;

    j->sind = calloc(p->nind + 1, sizeof *j->sind);
    j->sdom = calloc(p->ndom + 1, sizeof *j->sdom);
    j->iperiod = calloc(p->nind + 1, sizeof *j->iperiod);
    if (!j->sind || !j->sdom || !j->iperiod)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (k = 0; k < p->nind; k++) {
        const bs_indicator_spec *s = &p->ind[k];
        bs_scan_indicator *in = &j->sind[k];
        const char *src = NULL;
        in->id = s->id;
        in->label = s->label.value ? s->label.value : s->id;
        in->unit = s->unit.value;
        in->definition = s->definition.value;
        in->year = s->year.value;
        /* the first data file the indicator uses, else the areas' own */
        for (d = 0; d < j->ndata && !src; d++)
            if (j->uses[k * (j->ndata + 1) + d])
                src = p->data[d].source.value;
        in->source = src ? src : p->areas.source.value;
        in->norm = s->norm_set ? s->norm : p->score.normalise;
        in->direction = s->direction;
        in->weight = s->weight;
        in->domain = (size_t)-1;
        for (d = 0; s->domain.value && d < p->ndom; d++)
            if (strcasecmp(p->dom[d].name, s->domain.value) == 0)
                in->domain = d;
        in->kind = (bs_disc_kind)s->kind;
        in->municipal = s->municipal;
        in->national = s->national;
        in->winsorise = s->winsorise;
        in->impute = s->impute_set;
        in->nwinsorised = j->nwinsorised[k];
        in->nimputed = j->nimputed[k];
        in->eb_rate = j->eb_rate[k];
        /* the period of its data (issue 13): its wide column's, or that
         * of the long file it reads */
        if (s->periods.value) {
            char name[256];
            if (bs_job_wide_column(p, s, name, sizeof name, &j->iperiod[k],
                                   err) != 0)
                return -1;
            in->period = j->iperiod[k].text;
            continue;
        }
        for (d = 0; d < j->ndata && !in->period; d++)
            if (j->uses[k * (j->ndata + 1) + d] && j->ptables[d])
                in->period = j->dperiod[d].text;
        if (check_period(j, k, in->period, err) != 0)
            return -1;
    }
    for (d = 0; d < p->ndom; d++) {
        j->sdom[d].name = p->dom[d].name;
        j->sdom[d].label = p->dom[d].label.value ? p->dom[d].label.value
                                                 : p->dom[d].name;
        j->sdom[d].weight = p->dom[d].weight;
    }
    return 0;
}

/* The scan's description of the layers, supply, designations, priorities. */
static int describe_places(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    size_t k, m;

    j->slayer = calloc(p->npoints + 1, sizeof *j->slayer);
    j->ssupply = calloc(p->nsupply + 1, sizeof *j->ssupply);
    j->sdesig = calloc(p->ndesignate + 1, sizeof *j->sdesig);
    j->sprio = calloc(p->nprio + 1, sizeof *j->sprio);
    if (!j->slayer || !j->ssupply || !j->sdesig || !j->sprio)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (k = 0; k < p->npoints; k++)
        j->slayer[k] = (bs_scan_layer){ p->points[k].name, p->points[k].label.value,
                                        p->points[k].source.value, j->layers[k],
                                        j->layer_area[k], j->layer_outside[k] };
    for (k = 0; k < p->nsupply; k++)
        j->ssupply[k] = (bs_scan_supply){ p->supply[k].name, p->supply[k].label.value,
                                          p->supply[k].per.value, j->supply_count[k],
                                          j->supply_per1000[k], j->supply_base[k] };
    for (k = 0; k < p->ndesignate; k++) {
        const bs_designate_spec *c = &p->designate[k];
        bs_scan_designation *d = &j->sdesig[k];
        d->name = c->name;
        d->layer = j->desig_layer[k];
        d->result = j->desig[k];
        d->score = j->desig_score[k];
        d->p_top = j->desig_ptop[k];
        d->top = c->top;
        d->threshold = c->threshold;
        d->keep_until_rank = c->keep_until_rank;
        d->has_previous = c->previous.value != NULL;
        d->base = j->score_base;
        for (m = p->nmaps; m-- > 0;)
            if (strcasecmp(p->maps[m].column.value, "score") == 0 &&
                !j->maps[m].npanels)
                d->base = &j->maps[m];
        d->title = c->title.value;
        d->paper = c->paper_set || !d->base ? c->paper : d->base->paper;
        d->formats = c->formats;
        d->dpi = c->dpi;
    }
    for (k = 0; k < p->nprio; k++)
        j->sprio[k] = (bs_scan_priority){ p->prio[k].name, p->prio[k].need.value,
                                          p->prio[k].supply.value, j->prio_need[k],
                                          j->prio_supply[k], j->quadrant[k],
                                          j->priority[k], j->need_cut[k],
                                          j->supply_cut[k],
                                          bs_job_column_label(j, p->prio[k].need.value),
                                          bs_job_column_label(j, p->prio[k].supply.value) };
    return 0;
}

/* Points the scan at what the rooms made. */
static int make_scan(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    bs_scan *s = &j->scan;

    if (describe_indicators(j, err) != 0 || describe_places(j, err) != 0)
        return -1;
    s->path = p->path;
    s->title = p->title.value;
    s->language = p->language.value;
    memcpy(s->date, j->date, sizeof s->date);
    memcpy(s->iso_date, j->iso_date, sizeof s->iso_date);
    s->source = j->source;
    s->style = j->style;
    s->n = j->n;
    s->areas = j->areas;
    s->areas_print = j->areas_print;
    s->key = j->key;
    s->name = j->name;
    s->nind = p->nind;
    s->ind = j->sind;
    s->raw = j->raw;
    s->treated = j->treated;
    s->flag = j->flag;
    s->norm = j->norm;
    s->contrib = j->contrib;
    s->shown = j->shown;
    s->denominator = j->den;
    s->ndom = p->ndom;
    s->dom = j->sdom;
    s->domscore = j->domscore;
    s->rules.normalise = p->score.normalise;
    s->rules.aggregate = p->score.aggregate;
    s->rules.dom_aggregate = p->score.dom_aggregate;
    s->rules.min_coverage = p->score.min_coverage;
    s->rules.min_population = p->score.min_population;
    s->rules.population = p->score.population.value;
    s->score = j->score;
    s->rank = j->rank;
    s->decile = j->decile;
    s->coverage = j->coverage;
    s->status = j->status;
    s->nscored = j->nscored;
    s->nsmall = j->nsmall;
    s->has_unc = j->has_unc;
    if (j->has_unc)
        s->unc = j->unc;
    s->unc_rules.runs = p->unc.runs;
    s->unc_rules.weights = p->unc.weights;
    s->unc_rules.normalise = p->unc.normalise;
    s->unc_rules.nnormalise = p->unc.nnormalise;
    s->unc_rules.seed = p->unc.seed;
    s->unc_rules.top = p->unc.top;
    s->nmaps = p->nmaps;
    s->maps = j->maps;
    s->nlayers = p->npoints;
    s->layers = j->slayer;
    s->nsupply = p->nsupply;
    s->supply = j->ssupply;
    s->ndesignate = p->ndesignate;
    s->designate = j->sdesig;
    s->nprio = p->nprio;
    s->prio = j->sprio;
    s->nspatial = p->nspatial;
    s->spatial = j->spatial;
    s->report.on = p->report.line != 0;
    s->report.file = p->report.file.value;
    s->report.title = p->report.title.value;
    s->report.subtitle = p->report.subtitle.value;
    s->report.author = p->report.author.value;
    s->report.gemeente = p->report.gemeente.value;
    s->report.tpl = j->tpl;
    s->report.notes = j->notes;
    s->report.disc.min_count = p->disclosure.min_count;
    s->report.disc.round_base = p->disclosure.round;
    s->report.disc.min_denominator = p->disclosure.min_denominator;
    s->disc = &j->plan;     /* issue 12 */
    s->checks = &j->checks;
    /* issue 14 */
    s->export.formats = p->export.formats;
    s->export.file = p->export.file.value;
    s->export.print_geometry = p->export.print_geometry;
    s->csv_dialect = p->csv_dialect;
    _Static_assert((int)BS_LEVEL_GEMEENTE == (int)BS_SCAN_LEVEL_GEMEENTE &&
                   (int)BS_LEVEL_WIJK == (int)BS_SCAN_LEVEL_WIJK &&
                   (int)BS_LEVEL_BUURT == (int)BS_SCAN_LEVEL_BUURT &&
                   (int)BS_LEVEL_DORP == (int)BS_SCAN_LEVEL_DORP, "level values");
    s->level = p->areas.level;
    if (s->level == BS_LEVEL_AUTO)
        s->level = j->n && strncasecmp(j->key[0], "GM", 2) == 0 ? BS_LEVEL_GEMEENTE
                   : j->n && strncasecmp(j->key[0], "BU", 2) == 0 ? BS_LEVEL_BUURT
                   : BS_LEVEL_WIJK;
    s->manifest = j->manifest;
    /* monitors (issue 13); s->stoplicht is set by bs_job_monitors */
    s->nmonitors = p->nmonitor;
    s->monitors = j->smon;
    for (size_t d = 0; d < j->ndata; d++)
        if (j->ptables[d])
            s->has_periods = 1;
    for (size_t k = 0; k < p->nind; k++)
        if (p->ind[k].periods.value)
            s->has_periods = 1;
    return 0;
}

int bs_job_load(const bs_project *p, const bs_job_hooks *h, bs_job **out,
                bs_error *err)
{
    bs_job *j = calloc(1, sizeof *j);

    *out = NULL;
    if (!j)
        return bs_error_set(err, "%s: out of memory", p->path);
    j->p = p;
    if (bs_job_check_names(p, err) != 0 ||
        bs_job_read(j, h, err) != 0 || bs_job_places(j, h, err) != 0 ||
        bs_job_compute(j, h, err) != 0 || bs_job_decide(j, h, err) != 0 ||
        bs_job_uncertainty(j, h, err) != 0)
        goto fail;
    bs_job_disc_withhold(j);        /* issue 12: exact, before anything prints */
    if (bs_job_spatial(j, h, err) != 0 ||   /* issue 15: on printable values */
        bs_job_texts(j, err) != 0 || bs_job_prepare_maps(j, h, err) != 0 ||
        bs_job_monitors(j, h, err) != 0 ||
        bs_job_disc_guard(j, err) != 0 ||
        bs_job_record_inputs(j, err) != 0 || make_scan(j, err) != 0)
        goto fail;
    /* areas that bs_job_read left in their source CRS (a reprojection sets
     * crs to the project's text) */
    if (strcmp(j->areas->crs, p->crs.value) != 0 &&
        bs_job_simplify_for_print(j, h, err) != 0)
        goto fail;
    if (bs_job_check_report(&j->scan, err) != 0)
        goto fail;
    /* [progress] reports, from the scan's monitors (issue 13) */
    if (bs_job_progress(j, h, err) != 0)
        goto fail;
    *out = j;
    return 0;
fail:
    bs_job_free(j);
    return -1;
}

const bs_scan *bs_job_scan(const bs_job *j)
{
    return &j->scan;
}

void bs_job_free(bs_job *j)
{
    if (!j)
        return;
    bs_job_progress_free(j);
    bs_job_maps_free(j);
    bs_job_spatial_free(j);
    bs_job_decide_free(j);
    bs_job_monitors_free(j);
    free(j->iperiod);
    bs_job_compute_free(j);
    bs_job_places_free(j);
    bs_job_read_free(j);
    free(j->sind);
    free(j->sdom);
    free(j->slayer);
    free(j->ssupply);
    free(j->sdesig);
    free(j->sprio);
    free(j->source);
    bs_manifest_free(j->manifest);
    free(j);
}
