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

/* The [uncertainty] runs: weights varied, normalisation sampled. With
 * domains the runs use one level with each indicator's nominal effective
 * weight (its share of its domain times the domain's share). */
int bs_job_uncertainty(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t *dom = NULL, *first = NULL, *member = NULL, gd = (size_t)-1;
    double *mw = NULL;
    size_t nind = p->nind, k, c, nchoice = 1;
    bs_norm_params *np = NULL;
    double *w = malloc(nind * sizeof *w);
    const char **names = malloc(nind * sizeof *names);
    bs_unc_input in;
    bs_unc_options opt;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
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
    for (k = 0; k < nind; k++)
        if (p->ind[k].domain.value)
            for (c = 0; c < p->ndom; c++)
                if (strcasecmp(p->dom[c].name, p->ind[k].domain.value) == 0)
                    dom[k] = c;
    for (k = 0; k < nind; k++) {
        names[k] = p->ind[k].id;
        bs_job_norm_params(p, k, bs_job_nominal_norm(p, k), &np[k]);
        w[k] = p->ind[k].weight;
    }
    if (p->ndom > 0) {
        double *within = calloc(p->ndom, sizeof *within), domtotal = 0;
        size_t d;
        for (k = 0; k < nind; k++)
            within[dom[k]] += p->ind[k].weight;
        for (d = 0; d < p->ndom; d++)
            domtotal += p->dom[d].weight;
        for (k = 0; k < nind; k++)
            w[k] = p->ind[k].weight / within[dom[k]] * p->dom[dom[k]].weight /
                   domtotal;
        free(within);
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
    /* the IKCs of the first top-N designation by score, as groups: an IKC
     * is its area (weight 1); with a catchment its pupils' areas */
    for (c = 0; c < p->ndesignate && gd == (size_t)-1; c++)
        if (p->designate[c].top && strcasecmp(p->designate[c].score.value, "score") == 0 &&
            !p->designate[c].catchment.value)
            gd = c;
    if (gd != (size_t)-1) {
        size_t l = j->desig_layer[gd], nk = j->layers[l]->n, g, m = 0;
        first = malloc((nk + 1) * sizeof *first);
        member = malloc((nk ? nk : 1) * sizeof *member);
        mw = malloc((nk ? nk : 1) * sizeof *mw);
        if (!first || !member || !mw) {
            rc = bs_error_set(err, "%s: out of memory", p->path);
            goto out;
        }
        for (g = 0; g < nk; g++) {
            first[g] = m;
            if (j->layer_area[l][g] >= 0) {
                member[m] = (size_t)j->layer_area[l][g];
                mw[m++] = 1;
            }
        }
        first[nk] = m;
        in.ngroups = nk;
        in.group_first = first;
        in.member = member;
        in.member_w = mw;
        in.group_top = (size_t)p->designate[gd].top;
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
    free(first);
    free(member);
    free(mw);
    return rc;
}
