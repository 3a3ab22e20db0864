/* project_check.c: the rules of the project file that span keys or
 * sections, checked after every line is read, and the defaults that follow
 * from other keys. Required keys come from the schema rows (need); the
 * rest is here, one function per section kind. Palette names are checked
 * by the job (render owns them). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "project_internal.h"

/* Every required key of every spec of s is given. */
static int need_keys(bs_pj_reader *r, const bs_pj_section *s, void *spec)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        const bs_pj_key *k = &s->keys[i];
        const bs_setting *v = bs_pj_field(spec, k);
        if (k->need && !v->value)
            return bs_pj_fail(r, bs_pj_spec_line(s, spec), "[%s%s%s] needs %s = %s",
                           s->kind, s->named ? " " : "", bs_pj_spec_name(s, spec),
                           k->name, k->need);
    }
    return 1;
}

/* Every word of value names a [points] section. */
static int points_names_ok(bs_pj_reader *r, const char *value, long line)
{
    char *copy = strdup(value), *tok, *save = NULL;
    const bs_project *p = r->p;
    size_t j;

    if (!copy)
        return bs_pj_fail(r, line, "out of memory");
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        for (j = 0; j < p->npoints; j++)
            if (strcasecmp(p->points[j].name, tok) == 0)
                break;
        if (j == p->npoints) {
            bs_pj_fail(r, line, "points: there is no [points %s]", tok);
            free(copy);
            return 0;
        }
    }
    free(copy);
    return 1;
}

/* Every word of map d's pool names a [map]. */
static int pool_ok(bs_pj_reader *r, const bs_map_spec *d)
{
    char *copy, *tok, *save = NULL;
    const bs_project *p = r->p;
    size_t j;

    if (!d->pool.value)
        return 1;
    if (!(copy = strdup(d->pool.value)))
        return bs_pj_fail(r, d->pool.line, "out of memory");
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        for (j = 0; j < p->nmaps; j++)
            if (strcasecmp(p->maps[j].name, tok) == 0)
                break;
        if (j == p->nmaps) {
            bs_pj_fail(r, d->pool.line, "pool: there is no [map %s]", tok);
            free(copy);
            return 0;
        }
    }
    free(copy);
    return 1;
}

static bs_norm norm_of(const bs_project *p, const bs_indicator_spec *d)
{
    return d->norm_set ? d->norm : p->score.normalise;
}

/* The line of d's normalisation: its own key, or the section. */
static long norm_line(const bs_indicator_spec *d)
{
    return d->norm_set ? d->norm_line : d->line;
}

static int check_indicator(bs_pj_reader *r, const bs_indicator_spec *d, size_t i)
{
    const bs_project *p = r->p;
    int sources = !!d->column.value + !!d->formula.value +
                  !!(d->numerator.value || d->denominator.value);
    bs_norm m = norm_of(p, d);
    size_t j;

    if (sources == 0)
        return bs_pj_fail(r, d->line, "[indicator %s] needs column =, formula = or "
                       "numerator = and denominator =", d->id);
    if (sources > 1)
        return bs_pj_fail(r, d->line, "[indicator %s] has more than one of column, "
                       "formula and numerator/denominator: keep one", d->id);
    if (!d->direction_set)
        return bs_pj_fail(r, d->line, "[indicator %s] needs direction = + (higher "
                       "value = more need) or - (lower value = more need): it enters "
                       "the score", d->id);
    if (!!d->numerator.value != !!d->denominator.value)
        return bs_pj_fail(r, d->line, "[indicator %s] needs both numerator = and "
                       "denominator =", d->id);
    if (d->kind == BS_KIND_RATE && !d->numerator.value && !d->base.value)
        return bs_pj_fail(r, d->line, "[indicator %s] kind = rate needs base = COLUMN "
                       "(its denominator), or numerator = and denominator =", d->id);
    if (d->shrink_eb && !d->numerator.value)
        return bs_pj_fail(r, d->line, "[indicator %s] shrink = eb needs numerator = "
                       "and denominator =", d->id);
    if (d->impute_set && d->impute == BS_IMPUTE_PARENT && !d->parent_len)
        return bs_pj_fail(r, d->line, "[indicator %s] impute = parent needs parent = "
                       "GM, WK or a key prefix length", d->id);
    if (m == BS_NORM_GOALPOSTS && !d->posts_set)
        return bs_pj_fail(r, norm_line(d), "[indicator %s] goalposts normalisation "
                       "needs goalposts = LOW HIGH", d->id);
    if (m == BS_NORM_DISTANCE && !d->reference_set)
        return bs_pj_fail(r, norm_line(d), "[indicator %s] distance normalisation "
                       "needs reference = VALUE", d->id);
    if (d->domain.value) {
        for (j = 0; j < p->ndom; j++)
            if (strcasecmp(p->dom[j].name, d->domain.value) == 0)
                break;
        if (j == p->ndom)
            return bs_pj_fail(r, d->domain.line, "domain = %s: there is no "
                           "[domain %s]", d->domain.value, d->domain.value);
    } else if (p->ndom > 0) {
        return bs_pj_fail(r, d->line, "[indicator %s] needs domain = NAME: the "
                       "project has [domain] sections", d->id);
    }
    if (strcmp(d->id, "score") == 0 || strcmp(d->id, "rank") == 0 ||
        strcmp(d->id, "decile") == 0 || strcmp(d->id, "coverage") == 0)
        return bs_pj_fail(r, d->line, "indicator name '%s' is reserved for an "
                       "output column", d->id);
    for (j = 0; j < i; j++)
        if (strcasecmp(p->ind[j].id, d->id) == 0)
            return bs_pj_fail(r, d->line, "indicator '%s' is also defined at line "
                           "%ld", d->id, p->ind[j].line);
    return 1;
}

/* A geometric or harmonic mean needs values above 0: refuse the
 * normalisations that give 0 or less before any data is read. */
static int check_positive_mean(bs_pj_reader *r, const bs_indicator_spec *d)
{
    const bs_project *p = r->p;
    bs_agg agg = p->score.aggregate.method;
    bs_norm m = norm_of(p, d);
    const char *why = NULL;

    double pw = p->score.aggregate.p;
    char what[64];

    /* a generalised mean of power p is the arithmetic one at p = 1 and
     * needs values of at least 0 (p > 0) or above 0 (p <= 0) otherwise */
    if (agg == BS_AGG_POWER && pw == 1)
        return 1;
    if (agg != BS_AGG_GEOMETRIC && agg != BS_AGG_HARMONIC && agg != BS_AGG_POWER)
        return 1;
    if (agg == BS_AGG_POWER)
        snprintf(what, sizeof what, "generalised (p = %g)", pw);
    else
        snprintf(what, sizeof what, "%s", agg == BS_AGG_GEOMETRIC ? "geometric"
                                                                : "harmonic");
    if (agg == BS_AGG_POWER && pw > 0) {
        if (m == BS_NORM_ZSCORE)
            why = "zscore gives negative values";
        if (!why)
            return 1;
        return bs_pj_fail(r, norm_line(d), "[indicator %s] cannot go into a %s "
                          "mean: %s", d->id, what, why);
    }
    if (m == BS_NORM_ZSCORE)
        why = "zscore gives negative values";
    else if (m == BS_NORM_PERCENTILE)
        why = "percentile gives 0 for the lowest area";
    else if (m == BS_NORM_MINMAX && (!d->range_set || d->range[0] <= 0))
        why = "minmax gives 0 for the lowest area; set range = 1 100";
    else if (m == BS_NORM_GOALPOSTS)
        why = "goalposts give 0 below the low post";
    if (!why)
        return 1;
    return bs_pj_fail(r, norm_line(d), "[indicator %s] cannot go into a %s mean: %s",
                   d->id, what, why);
}

static int check_scoring(bs_pj_reader *r)
{
    bs_project *p = r->p;
    size_t i, j;

    if (p->nind == 0)
        return bs_pj_fail(r, r->ini.line, "no [indicator NAME] section: the score "
                       "needs at least one indicator");
    for (i = 0; i < p->nind; i++) {
        bs_indicator_spec *d = &p->ind[i];
        if (!check_indicator(r, d, i))
            return 0;
        if (!d->kind_set && d->numerator.value)
            d->kind = BS_KIND_RATE;
    }
    for (i = 0; i < p->ndom; i++) {
        for (j = 0; j < p->nind; j++)
            if (strcasecmp(p->ind[j].domain.value, p->dom[i].name) == 0)
                break;
        if (j == p->nind)
            return bs_pj_fail(r, p->dom[i].line, "[domain %s] has no indicator "
                           "(set domain = %s in an [indicator])", p->dom[i].name,
                           p->dom[i].name);
    }
    if (p->score.aggregate.method == BS_AGG_POWER && !p->score.p_set)
        return bs_pj_fail(r, p->score.aggregate_line, "[score] aggregate = "
                          "generalised needs p = NUMBER (the power: 1 arithmetic, "
                          "0 geometric, -1 harmonic)");
    if (p->score.dom_aggregate_line &&
        p->score.dom_aggregate.method == BS_AGG_POWER && !p->score.p_set)
        return bs_pj_fail(r, p->score.dom_aggregate_line, "[score] "
                          "domain_aggregate = generalised needs p = NUMBER");
    /* domains are combined as the indicators unless said otherwise */
    if (!p->score.dom_aggregate_line)
        p->score.dom_aggregate.method = p->score.aggregate.method;
    p->score.dom_aggregate.p = p->score.aggregate.p;
    for (i = 0; i < p->nind; i++)
        if (!check_positive_mean(r, &p->ind[i]))
            return 0;
    if (p->score.min_population >= 0 && !p->score.population.value)
        return bs_pj_fail(r, p->score.line, "[score] min_population needs "
                       "population = COLUMN");
    if (p->unc.line && p->unc.sensitivity_runs == 0)
        p->unc.sensitivity_runs = p->unc.runs / 4 ? p->unc.runs / 4 : 1;
    return 1;
}

static int check_places(bs_pj_reader *r)
{
    const bs_project *p = r->p;
    size_t i;

    for (i = 0; i < p->nsupply; i++)
        if (!points_names_ok(r, p->supply[i].points.value, p->supply[i].points.line))
            return 0;
    for (i = 0; i < p->ndesignate; i++) {
        const bs_designate_spec *d = &p->designate[i];
        if (!points_names_ok(r, d->points.value, d->points.line))
            return 0;
        if (!d->top && !d->threshold_set)
            return bs_pj_fail(r, d->line, "[designate %s] needs top = N or "
                           "threshold = VALUE", d->name);
        if (d->top && d->threshold_set)
            return bs_pj_fail(r, d->line, "[designate %s] has both top and "
                           "threshold: keep one", d->name);
        if (d->keep_until_rank && d->top && d->keep_until_rank < d->top)
            return bs_pj_fail(r, d->line, "[designate %s] keep_until_rank = %d is "
                           "below top = %d", d->name, d->keep_until_rank, d->top);
        if (d->keep_until_rank && !d->previous.value)
            return bs_pj_fail(r, d->line, "[designate %s] keep_until_rank needs "
                           "previous = FILE", d->name);
    }
    if (p->report.line) {
        const char *f = p->report.file.value;
        size_t n = strlen(f);
        if (strcasecmp(f + (n > 4 ? n - 4 : 0), ".pdf") != 0)
            return bs_pj_fail(r, p->report.file.line, "[report] file must end in .pdf");
    }
    return 1;
}

static int check_map(bs_pj_reader *r, const bs_map_spec *d, size_t i)
{
    const bs_project *p = r->p;

    if (d->method == BS_CLASS_MANUAL && !d->breaks)
        return bs_pj_fail(r, d->line, "[map %s] method = manual needs breaks = ...",
                       d->name);
    if (d->method != BS_CLASS_MANUAL && d->breaks)
        return bs_pj_fail(r, d->line, "[map %s] has breaks but method is not manual",
                       d->name);
    if (d->method == BS_CLASS_MANUAL && d->nbreaks + 1 > 9)
        return bs_pj_fail(r, d->line, "[map %s] too many breaks: at most 8 "
                       "(9 classes)", d->name);
    if (d->inset && !d->context.value)
        return bs_pj_fail(r, d->line, "[map %s] inset needs context = FILE.shp "
                       "(e.g. the gemeenten of the Netherlands)", d->name);
    if (d->points.value && !points_names_ok(r, d->points.value, d->points.line))
        return 0;
    if (d->columns.value && d->pool.value)
        return bs_pj_fail(r, d->line, "[map %s] columns and pool do not mix: the "
                       "panels share their classes with shared_legend = yes",
                       d->name);
    if (d->multiples && d->method != BS_CLASS_STDMEAN)
        return bs_pj_fail(r, d->line, "[map %s] multiples go with method = std-mean",
                       d->name);
    if (d->anchor && d->method != BS_CLASS_STDMEAN)
        return bs_pj_fail(r, d->line, "[map %s] anchor goes with method = std-mean",
                       d->name);
    if (d->pct && d->method != BS_CLASS_PERCENTILES)
        return bs_pj_fail(r, d->line, "[map %s] percentiles go with method = "
                       "percentiles", d->name);
    if (d->hinge >= 0 && d->method != BS_CLASS_BOXPLOT)
        return bs_pj_fail(r, d->line, "[map %s] hinge goes with method = boxplot",
                       d->name);
    for (size_t j = 0; j < i; j++)
        if (strcasecmp(p->maps[j].name, d->name) == 0)
            return bs_pj_fail(r, d->line, "map '%s' is also defined at line %ld",
                           d->name, p->maps[j].line);
    return 1;
}

/* [spatial NAME] (issue 15): knn needs k, distance needs distance, and
 * neither goes with the other weights. */
static int check_spatial(bs_pj_reader *r, const bs_spatial_spec *d)
{
    const char *w = d->weights.value;
    int knn = strcasecmp(w, "knn") == 0, band = strcasecmp(w, "distance") == 0;

    if (knn && !d->k)
        return bs_pj_fail(r, d->line, "[spatial %s] weights = knn needs k = N",
                          d->name);
    if (band && !(d->distance > 0))
        return bs_pj_fail(r, d->line, "[spatial %s] weights = distance needs "
                          "distance = METRES", d->name);
    if (d->k && !knn)
        return bs_pj_fail(r, d->line, "[spatial %s] k goes with weights = knn",
                          d->name);
    if (d->distance > 0 && !band)
        return bs_pj_fail(r, d->line, "[spatial %s] distance goes with weights "
                          "= distance", d->name);
    if (d->snap > 0 && strcasecmp(w, "queen") != 0 && strcasecmp(w, "rook") != 0)
        return bs_pj_fail(r, d->line, "[spatial %s] snap goes with weights = "
                          "queen or rook", d->name);
    return 1;
}

int bs_pj_check(bs_pj_reader *r)
{
    const bs_project *p = r->p;
    size_t i;

    if (!p->areas.line)
        return bs_pj_fail(r, r->ini.line, "no [areas] section: the project needs a "
                       "file of areas");
    for (i = 0; i < bs_pj_nsections; i++)
        if (!bs_pj_each(r, &bs_pj_sections[i], need_keys))
            return 0;
    if (!check_scoring(r) || !check_places(r))
        return 0;
    /* issue 14: [export] without format = writes nothing */
    if (p->export.line && !p->export.formats)
        return bs_pj_fail(r, p->export.line, "[export] needs format = gpkg, "
                          "geojson and/or xlsx");
    for (i = 0; i < p->nmaps; i++)
        if (!check_map(r, &p->maps[i], i))
            return 0;
    for (i = 0; i < p->nmaps; i++)
        if (!pool_ok(r, &p->maps[i]))
            return 0;
    for (i = 0; i < p->nspatial; i++)
        if (!check_spatial(r, &p->spatial[i]))
            return 0;
    return 1;
}
