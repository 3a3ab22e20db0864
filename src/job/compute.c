/* compute.c: from raw indicator values to scores, ranks and rank intervals.
 *
 * Per indicator, in this order (the OECD/JRC handbook's, as COINr):
 *   raw value        column, formula, or numerator / denominator * per,
 *                    optionally shrunk by empirical Bayes (Marshall)
 *   small areas      areas below [score] min_population are left out of
 *                    every step after this one ("te klein")
 *   transform        log or log-ct
 *   winsorise        COINr rule
 *   impute           mean, median or parent mean; flagged per value
 *   normalise        the indicator's own method, else [score] normalise,
 *                    oriented so that higher = more need
 * then the aggregation (with or without domains), ranks, deciles, each
 * indicator's contribution, and what may be printed of each value
 * (disclosure control). The Monte Carlo runs of [uncertainty] are in
 * unc.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/disclosure.h"
#include "buurtscan/score.h"
#include "buurtscan/stats.h"
#include "internal.h"

void bs_job_norm_params(const bs_project *p, size_t k, bs_norm m,
                        bs_norm_params *np)
{
    const bs_indicator_spec *s = &p->ind[k];

    bs_norm_params_init(np, m, s->direction);
    np->ties = p->score.ties;
    if (s->range_set) {
        np->range_lo = s->range[0];
        np->range_hi = s->range[1];
    }
    if (s->posts_set) {
        np->post_lo = s->posts[0];
        np->post_hi = s->posts[1];
    }
    if (s->scale_set)
        np->scale = s->scale;
    if (s->reference_set)
        np->ref = s->reference;
    np->cap = s->cap;
}

bs_norm bs_job_nominal_norm(const bs_project *p, size_t k)
{
    return p->ind[k].norm_set ? p->ind[k].norm : p->score.normalise;
}

/* numerator / denominator * per; a missing or non-positive denominator
 * gives missing. The numerators and denominators are kept (j->num, j->den)
 * for disclosure control and for empirical Bayes (eb_rates, after the
 * plan). */
static int rate_values(bs_job *j, size_t k, double *out, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    unsigned char *uses = j->uses + k * (j->ndata + 1);
    double *num = malloc(j->n * sizeof *num), *den = malloc(j->n * sizeof *den);
    char where[600];
    size_t i;
    int rc = 0;

    if (!num || !den) {
        free(num);
        free(den);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    j->num[k] = num;
    j->den[k] = den;
    bs_job_at(p, s->numerator.line, s->line, where, sizeof where);
    rc = bs_job_column_values(j, s->numerator.value, where, num, uses, err);
    if (rc == 0) {
        bs_job_at(p, s->denominator.line, s->line, where, sizeof where);
        rc = bs_job_column_values(j, s->denominator.value, where, den, uses, err);
    }
    for (i = 0; rc == 0 && i < j->n; i++)
        out[i] = isnan(num[i]) || isnan(den[i]) || den[i] <= 0
                     ? NAN : num[i] / den[i] * s->per;
    return rc;
}

/* shrink = eb: Marshall's global EB estimates of the rates, from the
 * numerators and denominators the plan lets treatment see (under
 * `without` a suppressed cell takes no part in the overall rate). */
static int eb_rates(bs_job *j, size_t k, const char *what, bs_error *err)
{
    const bs_indicator_spec *s = &j->p->ind[k];
    double *num = malloc(j->n * sizeof *num);
    bs_eb_info info;
    size_t i;
    int rc;

    if (!num)
        return bs_error_set(err, "%s: out of memory", what);
    memcpy(num, j->num[k], j->n * sizeof *num);
    bs_job_disc_blank(j, k, num);
    rc = bs_eb_shrink(num, j->den[k], j->n, what, j->raw[k], &info, err);
    if (rc == 0) {
        for (i = 0; i < j->n; i++) {
            j->raw[k][i] *= s->per;
            if (isnan(num[i]))
                j->raw[k][i] = NAN;
            /* printed: the shrunk rate, where the plan prints the rate */
            if (!isnan(j->shown[k][i]))
                j->shown[k][i] = j->raw[k][i];
        }
        j->eb_rate[k] = info.b * s->per;
    }
    free(num);
    return rc;
}

/* The denominator column of a rate given by column (base =). */
static int base_values(bs_job *j, size_t k, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    char where[600];

    if (!(j->den[k] = malloc(j->n * sizeof **j->den)))
        return bs_error_set(err, "%s: out of memory", p->path);
    bs_job_at(p, s->base.line, s->line, where, sizeof where);
    return bs_job_column_values(j, s->base.value, where, j->den[k], NULL, err);
}

/* ln(x) for transform = log: only defined above 0. */
static int log_values(const bs_job *j, double *x, const char *what,
                      bs_error *err)
{
    size_t i;
    for (i = 0; i < j->n; i++) {
        if (isnan(x[i]))
            continue;
        if (x[i] <= 0)
            return bs_error_set(err, "%s, area %s: transform = log needs values "
                                "above 0 (got %g); use transform = log-ct",
                                what, j->key[i], x[i]);
        x[i] = log(x[i]);
    }
    return 0;
}

static int treat_indicator(bs_job *j, size_t k, const char *what,
                           const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    double *t = j->treated[k];
    size_t i;

    memcpy(t, j->raw[k], j->n * sizeof *t);
    bs_job_disc_blank(j, k, t);     /* issue 12: missing from the start */
    for (i = 0; i < j->n; i++)
        if (j->status[i] == BS_STATUS_SMALL)
            t[i] = NAN;
    if (s->transform == BS_TRANSFORM_LOG && log_values(j, t, what, err) != 0)
        return -1;
    if (s->transform == BS_TRANSFORM_LOG_CT && bs_log_ct(t, j->n, what, t, err) != 0)
        return -1;
    if (s->winsorise) {
        signed char *moved = calloc(j->n, 1);
        size_t nchanged = 0;
        if (!moved)
            return bs_error_set(err, "%s: out of memory", what);
        if (bs_winsorise(t, j->n, (size_t)s->winmax, what, t, moved, &nchanged,
                         err) != 0) {
            free(moved);
            return -1;
        }
        for (i = 0; i < j->n; i++)
            if (moved[i])
                j->flag[k][i] = BS_FLAG_WINSORISED;
        free(moved);
        j->nwinsorised[k] = nchanged;
        {
            double sk = bs_skewness(t, j->n), ku = bs_kurtosis(t, j->n);
            if (fabs(sk) >= BS_SKEW_LIMIT && ku >= BS_KURT_LIMIT)
                bs_warn(bs_job_diag(h), "%s: still skewed after winsorising "
                        "%zu values (skewness %.2f, kurtosis %.2f); consider "
                        "transform = log-ct or a higher winmax", what, nchanged,
                        sk, ku);
        }
    }
    if (s->impute_set) {
        unsigned char *imp = calloc(j->n, 1);
        size_t nimp = 0;
        /* small areas stay out: they are not missing, they are excluded */
        double *keep = malloc(j->n * sizeof *keep);
        if (!imp || !keep) {
            free(imp);
            free(keep);
            return bs_error_set(err, "%s: out of memory", what);
        }
        if (bs_impute_values(t, j->n, s->impute, j->key, s->parent_len, what, keep,
                             imp, &nimp, err) != 0) {
            free(imp);
            free(keep);
            return -1;
        }
        for (i = 0; i < j->n; i++) {
            if (j->status[i] == BS_STATUS_SMALL ||
                j->flag[k][i] == BS_FLAG_SUPPRESSED)
                continue;       /* excluded, or suppressed: not missing */
            t[i] = keep[i];
            if (imp[i])
                j->flag[k][i] = BS_FLAG_IMPUTED;
        }
        for (i = 0, nimp = 0; i < j->n; i++)
            nimp += j->flag[k][i] == BS_FLAG_IMPUTED;
        j->nimputed[k] = nimp;
        free(imp);
        free(keep);
    }
    return 0;
}

/* Effective weight of each indicator for area i, as the aggregation uses
 * it: weights re-scaled over the indicators present and, with domains,
 * within each domain and then over the domains present. */
static void effective_weights(const bs_job *j, const size_t *dom, size_t i,
                              double *eff)
{
    const bs_project *p = j->p;
    size_t k, d;

    if (p->ndom == 0) {
        double total = 0;
        for (k = 0; k < p->nind; k++)
            if (!isnan(j->norm[k][i]))
                total += p->ind[k].weight;
        for (k = 0; k < p->nind; k++)
            eff[k] = isnan(j->norm[k][i]) || total <= 0 ? 0
                                                        : p->ind[k].weight / total;
        return;
    }
    {
        double domtotal = 0;
        double *within = calloc(p->ndom, sizeof *within);
        if (!within) {
            for (k = 0; k < p->nind; k++)
                eff[k] = NAN;
            return;
        }
        for (k = 0; k < p->nind; k++)
            if (!isnan(j->norm[k][i]))
                within[dom[k]] += p->ind[k].weight;
        for (d = 0; d < p->ndom; d++)
            if (within[d] > 0)
                domtotal += p->dom[d].weight;
        for (k = 0; k < p->nind; k++)
            eff[k] = isnan(j->norm[k][i]) || domtotal <= 0
                         ? 0
                         : p->ind[k].weight / within[dom[k]] *
                               p->dom[dom[k]].weight / domtotal;
        free(within);
    }
}

static int aggregate(bs_job *j, size_t *dom, bs_error *err)
{
    const bs_project *p = j->p;
    size_t k, d, i;
    double *weight = malloc(p->nind * sizeof *weight);
    const char **names = malloc(p->nind * sizeof *names);
    int rc;

    if (!weight || !names) {
        free(weight);
        free(names);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    for (k = 0; k < p->nind; k++) {
        weight[k] = p->ind[k].weight;
        names[k] = p->ind[k].id;
    }
    if (p->ndom == 0) {
        rc = bs_aggregate((const double *const *)j->norm, weight, p->nind, j->n,
                          p->score.aggregate, p->score.min_coverage, names,
                          j->key, j->score, j->coverage, err);
    } else {
        double *domw = malloc(p->ndom * sizeof *domw);
        const char **domnames = malloc(p->ndom * sizeof *domnames);
        bs_domains ds;
        j->domscore = calloc(p->ndom, sizeof *j->domscore);
        if (!domw || !domnames || !j->domscore) {
            free(domw);
            free(domnames);
            free(weight);
            free(names);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        for (d = 0; d < p->ndom; d++) {
            domw[d] = p->dom[d].weight;
            domnames[d] = p->dom[d].name;
            j->domscore[d] = malloc(j->n * sizeof **j->domscore);
            if (!j->domscore[d]) {
                free(domw);
                free(domnames);
                free(weight);
                free(names);
                return bs_error_set(err, "%s: out of memory", p->path);
            }
        }
        ds.ndom = p->ndom;
        ds.domain = dom;
        ds.domain_weight = domw;
        ds.domain_names = domnames;
        ds.ind_agg = p->score.aggregate;
        ds.dom_agg = p->score.dom_aggregate;
        rc = bs_aggregate_domains((const double *const *)j->norm, weight, p->nind,
                                  j->n, &ds, p->score.min_coverage, names, j->key,
                                  j->domscore, j->score, j->coverage, err);
        free(domw);
        free(domnames);
    }
    free(weight);
    free(names);
    if (rc != 0)
        return -1;
    /* contributions: effective weight times normalised value; with the
     * arithmetic mean they add up to the score */
    {
        double *eff = malloc(p->nind * sizeof *eff);
        if (!eff)
            return bs_error_set(err, "%s: out of memory", p->path);
        for (i = 0; i < j->n; i++) {
            effective_weights(j, dom, i, eff);
            for (k = 0; k < p->nind; k++)
                j->contrib[k][i] = isnan(j->score[i]) || isnan(j->norm[k][i])
                                       ? NAN : eff[k] * j->norm[k][i];
        }
        free(eff);
    }
    return 0;
}

static void **alloc_rows(size_t rows, size_t n, size_t size)
{
    void **a = calloc(rows ? rows : 1, sizeof *a);
    size_t r;
    if (!a)
        return NULL;
    for (r = 0; r < rows; r++) {
        a[r] = calloc(n ? n : 1, size);
        if (!a[r]) {
            while (r-- > 0)
                free(a[r]);
            free(a);
            return NULL;
        }
    }
    return a;
}

/* Areas below [score] min_population: left out of normalisation, scores
 * and ranks ("te klein"). */
static int mark_small(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    double *pop;
    char where[600];
    size_t i;

    if (p->score.min_population < 0)
        return 0;
    pop = malloc(j->n * sizeof *pop);
    if (!pop)
        return bs_error_set(err, "%s: out of memory", p->path);
    bs_job_at(p, p->score.population.line, p->score.line, where, sizeof where);
    if (bs_job_column_values(j, p->score.population.value, where, pop, NULL,
                             err) != 0) {
        free(pop);
        return -1;
    }
    for (i = 0; i < j->n; i++)
        if (!isnan(pop[i]) && pop[i] < p->score.min_population) {
            j->status[i] = BS_STATUS_SMALL;
            j->nsmall++;
        }
    free(pop);
    if (j->nsmall)
        bs_warn(bs_job_diag(h), "%zu areas have fewer than %g residents "
                "(%s): no score, shown as te klein", j->nsmall,
                p->score.min_population, p->score.population.value);
    return 0;
}

static void indicator_what(const bs_job *j, size_t k, char *what, size_t n)
{
    char where[600];
    const bs_indicator_spec *s = &j->p->ind[k];

    snprintf(what, n, "%s: [indicator %s]",
             bs_job_at(j->p, s->line, s->line, where, sizeof where), s->id);
}

/* Indicator k's raw values (and a rate's numerators and denominators). */
static int indicator_raw(bs_job *j, size_t k, bs_error *err)
{
    const bs_indicator_spec *s = &j->p->ind[k];

    if (s->numerator.value)
        return rate_values(j, k, j->raw[k], err);
    if (bs_job_indicator_values(j, s, j->raw[k], j->uses + k * (j->ndata + 1),
                                err) != 0)
        return -1;
    if (s->kind == BS_KIND_RATE)
        return base_values(j, k, err);
    return 0;
}

/* Indicator k after the plan: EB rates, treatment, normalisation. */
static int indicator(bs_job *j, size_t k, const bs_job_hooks *h, bs_error *err)
{
    char what[700];

    indicator_what(j, k, what, sizeof what);
    if (j->p->ind[k].shrink_eb && eb_rates(j, k, what, err) != 0)
        return -1;
    if (treat_indicator(j, k, what, h, err) != 0)
        return -1;
    return bs_job_disc_normalise(j, k, what, err);
}

static int alloc_results(bs_job *j, bs_error *err)
{
    size_t nind = j->p->nind, n = j->n, k;

    j->raw = (double **)alloc_rows(nind, n, sizeof(double));
    j->treated = (double **)alloc_rows(nind, n, sizeof(double));
    j->norm = (double **)alloc_rows(nind, n, sizeof(double));
    j->contrib = (double **)alloc_rows(nind, n, sizeof(double));
    j->shown = (double **)alloc_rows(nind, n, sizeof(double));
    j->flag = (unsigned char **)alloc_rows(nind, n, 1);
    j->score = malloc(n * sizeof *j->score);
    j->rank = malloc(n * sizeof *j->rank);
    j->decile = malloc(n * sizeof *j->decile);
    j->coverage = malloc(n * sizeof *j->coverage);
    j->status = calloc(n, 1);
    j->uses = calloc(nind * (j->ndata + 1), 1);
    j->nwinsorised = calloc(nind, sizeof *j->nwinsorised);
    j->nimputed = calloc(nind, sizeof *j->nimputed);
    j->eb_rate = malloc(nind * sizeof *j->eb_rate);
    j->den = calloc(nind + 1, sizeof *j->den);
    j->num = calloc(nind + 1, sizeof *j->num);
    if (!j->num || !j->raw || !j->treated || !j->norm || !j->contrib || !j->flag || !j->shown ||
        !j->score || !j->rank || !j->decile || !j->coverage || !j->status ||
        !j->uses || !j->nwinsorised || !j->nimputed || !j->eb_rate || !j->den)
        return bs_error_set(err, "%s: out of memory", j->p->path);
    for (k = 0; k < nind; k++)
        j->eb_rate[k] = NAN;
    return 0;
}

int bs_job_compute(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t nind = p->nind, n = j->n, k, i;
    size_t *dom = NULL;
    int rc = -1;

    bs_job_step(h, "computing %zu indicators and the score", nind);
    {
        bs_disc_settings ds;
        if (bs_job_disc_settings(p, &ds, err) != 0)
            return -1;
    }
    if (alloc_results(j, err) != 0)
        return -1;
    dom = calloc(nind + 1, sizeof *dom);
    if (!dom)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (k = 0; k < nind; k++)
        if (p->ind[k].domain.value)
            for (i = 0; i < p->ndom; i++)
                if (strcasecmp(p->dom[i].name, p->ind[k].domain.value) == 0)
                    dom[k] = i;
    if (mark_small(j, h, err) != 0)
        goto done;
    for (k = 0; k < nind; k++)
        if (indicator_raw(j, k, err) != 0)
            goto done;
    if (bs_job_plausible(j, h, err) != 0 || bs_job_disc_plan(j, err) != 0)
        goto done;
    for (k = 0; k < nind; k++)
        if (indicator(j, k, h, err) != 0)
            goto done;
    if (aggregate(j, dom, err) != 0)
        goto done;
    bs_rank(j->score, n, 0, p->score.ties, j->rank);
    bs_deciles(j->rank, n, j->decile);
    j->nscored = 0;
    for (i = 0; i < n; i++) {
        j->nscored += !isnan(j->score[i]);
        if (isnan(j->score[i]) && j->status[i] != BS_STATUS_SMALL)
            j->status[i] = BS_STATUS_COVERAGE;
    }
    if (j->nscored == 0) {
        bs_error_set(err, "%s: no area has enough indicators for a score "
                     "(min_coverage = %g)", p->path, p->score.min_coverage);
        goto done;
    }
    if (j->nscored + j->nsmall < n)
        bs_warn(bs_job_diag(h),
                "%zu of %zu areas have no score: less than %g of the weight "
                "present", n - j->nscored - j->nsmall, n, p->score.min_coverage);
    rc = 0;
done:
    free(dom);
    return rc;
}

static void free_rows(void **a, size_t rows)
{
    size_t r;
    if (!a)
        return;
    for (r = 0; r < rows; r++)
        free(a[r]);
    free(a);
}

void bs_job_compute_free(bs_job *j)
{
    const bs_project *p = j->p;
    free_rows((void **)j->raw, p->nind);
    free_rows((void **)j->treated, p->nind);
    free_rows((void **)j->norm, p->nind);
    free_rows((void **)j->contrib, p->nind);
    free_rows((void **)j->shown, p->nind);
    free_rows((void **)j->flag, p->nind);
    free_rows((void **)j->den, p->nind);
    free_rows((void **)j->num, p->nind);
    bs_disc_plan_free(&j->plan);
    bs_check_list_free(&j->checks);
    free_rows((void **)j->domscore, p->ndom);
    free(j->score);
    free(j->rank);
    free(j->decile);
    free(j->coverage);
    free(j->status);
    free(j->uses);
    free(j->nwinsorised);
    free(j->nimputed);
    free(j->eb_rate);
    if (j->has_unc)
        bs_unc_result_free(&j->unc);
}
