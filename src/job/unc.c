/* unc.c: the Monte Carlo runs of [uncertainty]: weights varied,
 * normalisations sampled, ranks and their intervals per area, the chance
 * of a top place per area and, for the first top-N [designate] by score,
 * per IKC. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "buurtscan/score.h"
#include "internal.h"

/* Each indicator's nominal weight; with domains its effective weight (its
 * share of its domain times the domain's share). */
static int nominal_weights(const bs_project *p, size_t *dom, double *w)
{
    size_t k, c;
    double *within, domtotal = 0;

    for (k = 0; k < p->nind; k++) {
        w[k] = p->ind[k].weight;
        if (p->ind[k].domain.value)
            for (c = 0; c < p->ndom; c++)
                if (strcasecmp(p->dom[c].name, p->ind[k].domain.value) == 0)
                    dom[k] = c;
    }
    if (p->ndom == 0)
        return 0;
    within = calloc(p->ndom, sizeof *within);
    if (!within)
        return -1;
    for (k = 0; k < p->nind; k++)
        within[dom[k]] += p->ind[k].weight;
    for (c = 0; c < p->ndom; c++)
        domtotal += p->dom[c].weight;
    for (k = 0; k < p->nind; k++)
        w[k] = p->ind[k].weight / within[dom[k]] * p->dom[dom[k]].weight / domtotal;
    free(within);
    return 0;
}

typedef struct groups {
    size_t *first, *member;
    double *w;
} groups;

/* The IKCs of the first top-N designation by score (without a catchment),
 * as groups of the runs: an IKC is its area, weight 1. Returns the index
 * of that designation, (size_t)-1 for none, (size_t)-2 when out of
 * memory. */
static size_t ikc_groups(const bs_job *j, bs_unc_input *in, groups *g)
{
    const bs_project *p = j->p;
    size_t gd, l, nk, i, m = 0;

    for (gd = 0; gd < p->ndesignate; gd++)
        if (p->designate[gd].top &&
            strcasecmp(p->designate[gd].score.value, "score") == 0 &&
            !p->designate[gd].catchment.value)
            break;
    if (gd == p->ndesignate)
        return (size_t)-1;
    l = j->desig_layer[gd];
    nk = j->layers[l]->n;
    g->first = malloc((nk + 1) * sizeof *g->first);
    g->member = malloc((nk ? nk : 1) * sizeof *g->member);
    g->w = malloc((nk ? nk : 1) * sizeof *g->w);
    if (!g->first || !g->member || !g->w)
        return (size_t)-2;
    for (i = 0; i < nk; i++) {
        g->first[i] = m;
        if (j->layer_area[l][i] >= 0) {
            g->member[m] = (size_t)j->layer_area[l][i];
            g->w[m++] = 1;
        }
    }
    g->first[nk] = m;
    in->ngroups = nk;
    in->group_first = g->first;
    in->member = g->member;
    in->member_w = g->w;
    in->group_top = (size_t)p->designate[gd].top;
    return gd;
}

/* The [uncertainty] runs: weights varied, normalisation sampled. With
 * domains the runs use one level with each indicator's nominal effective
 * weight (its share of its domain times the domain's share). */
int bs_job_uncertainty(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t *dom = NULL, gd = (size_t)-1;
    groups g = { NULL, NULL, NULL };
    size_t nind = p->nind, k, c, nchoice = 1;
    bs_norm_params *np = NULL;
    double *w = malloc(nind * sizeof *w);
    const char **names = malloc(nind * sizeof *names);
    bs_unc_input in;
    bs_unc_options opt;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double **blanked = NULL;    /* issue 12: exact, suppressed cells blank */
    int rc = 0;

    if (!p->unc.line) {
        free(w);
        free(names);
        return 0;
    }
    np = malloc((p->unc.nnormalise + 1) * nind * sizeof *np);
    dom = calloc(nind, sizeof *dom);
    if (!w || !names || !np || !dom) {
        free(w);
        free(names);
        free(np);
        free(dom);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    for (k = 0; k < nind; k++) {
        names[k] = p->ind[k].id;
        bs_job_norm_params(p, k, bs_job_nominal_norm(p, k), &np[k]);
    }
    if (nominal_weights(p, dom, w) != 0) {
        rc = bs_error_set(err, "%s: out of memory", p->path);
        goto out;
    }
    for (c = 0; c < p->unc.nnormalise; c++) {
        int same = 1;
        for (k = 0; k < nind; k++)
            if (bs_job_nominal_norm(p, k) != p->unc.normalise[c])
                same = 0;
        if (same)
            continue;   /* the nominal choice is already choice 0 */
        for (k = 0; k < nind; k++)
            bs_job_norm_params(p, k, p->unc.normalise[c], &np[nchoice * nind + k]);
        nchoice++;
    }
    memset(&in, 0, sizeof in);
    in.raw = (const double *const *)j->treated;
    /* issue 12: under exact the runs see no suppressed value either */
    if (j->plan.policy == BS_DISC_EXACT) {
        if (!(blanked = calloc(nind + 1, sizeof *blanked))) {
            rc = bs_error_set(err, "%s: out of memory", p->path);
            goto out;
        }
        for (k = 0; k < nind; k++) {
            if (!(blanked[k] = malloc(j->n * sizeof **blanked))) {
                rc = bs_error_set(err, "%s: out of memory", p->path);
                goto out;
            }
            bs_disc_plan_blank(&j->plan, k, j->treated[k], blanked[k]);
        }
        in.raw = (const double *const *)blanked;
    }
    in.nind = nind;
    in.n = j->n;
    in.weight = w;
    in.norm = np;
    in.nnorm = nchoice;
    in.agg = p->score.aggregate;
    in.min_coverage = p->score.min_coverage;
    in.names = names;
    in.keys = j->key;
    memset(&opt, 0, sizeof opt);
    opt.runs = p->unc.runs;
    opt.weight_spread = p->unc.weights;
    opt.top = p->unc.top;
    opt.sa_runs = p->unc.sensitivity_runs;
    opt.seed = p->unc.seed;
    opt.threads = p->unc.threads ? p->unc.threads
                                 : (unsigned)(cores > 0 ? cores : 1);
    gd = ikc_groups(j, &in, &g);
    if (gd == (size_t)-2) {
        rc = bs_error_set(err, "%s: out of memory", p->path);
        goto out;
    }
    bs_job_step(h, "uncertainty: %zu runs on %u threads, %zu normalisations",
                opt.runs, opt.threads, nchoice);
    rc = bs_unc_run(&in, &opt, &j->unc, err);
    j->has_unc = rc == 0;
    if (rc != 0)
        bs_unc_result_free(&j->unc);
    else if (gd != (size_t)-1) {
        size_t nk = in.ngroups;
        j->desig_ptop[gd] = malloc((nk ? nk : 1) * sizeof **j->desig_ptop);
        if (!j->desig_ptop[gd])
            rc = bs_error_set(err, "%s: out of memory", p->path);
        else
            memcpy(j->desig_ptop[gd], j->unc.group_p_top, nk * sizeof **j->desig_ptop);
    }
out:
    free(w);
    free(names);
    free(np);
    free(dom);
    free(g.first);
    free(g.member);
    free(g.w);
    for (k = 0; blanked && k < nind; k++)
        free(blanked[k]);
    free(blanked);
    return rc;
}
