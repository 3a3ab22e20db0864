/* disclose.c: disclosure control of a run (issue 12): the one plan of
 * disclosure_plan.h that every printed figure asks.
 *
 *   bs_job_disc_plan      after the raw values, before any treatment: the
 *                         plan (primary suppression, secondary across
 *                         indicators sharing a numerator or denominator,
 *                         secondary under printed totals), the printable
 *                         values (shown) and the flag "suppressed";
 *   bs_job_disc_blank     under `without`, what treatment may see: the
 *                         suppressed cells missing from the start;
 *   bs_job_disc_withhold  under `exact`, after the decisions and the
 *                         uncertainty runs: the area's score, domain
 *                         scores, normalised values and contributions of
 *                         a withheld area blanked in everything printed;
 *   bs_job_disc_mask      a column printed by name (a map of a bare column,
 *                         a priority's need): the cells of the quantity
 *                         suppressed in its area blanked;
 *   bs_job_disc_guard     under `exact`, the attacker of
 *                         disclosure_attack.h on what is about to be
 *                         printed; a run it breaks is refused, naming the
 *                         cells it gives back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/disclosure_attack.h"
#include "internal.h"

/* The name of a column without its "DATA." or "areas." prefix. */
static const char *bare(const char *col)
{
    const char *dot = col ? strrchr(col, '.') : NULL;
    return dot ? dot + 1 : col;
}

/* What indicator k counts (a count by column) or its numerator (a rate of
 * numerator =); NULL when the job cannot tell. */
static const char *quantity_of(const bs_indicator_spec *s)
{
    if (s->kind == BS_KIND_COUNT)
        return s->column.value ? bare(s->column.value) : NULL;
    if (s->kind == BS_KIND_RATE)
        return s->numerator.value ? bare(s->numerator.value) : NULL;
    return NULL;
}

static const char *den_quantity_of(const bs_indicator_spec *s)
{
    if (s->kind != BS_KIND_RATE)
        return NULL;
    return bare(s->numerator.value ? s->denominator.value : s->base.value);
}

int bs_job_disc_settings(const bs_project *p, bs_disc_settings *ds,
                         bs_error *err)
{
    bs_error e2;
    const char *msg;

    ds->min_count = p->disclosure.min_count;
    ds->round_base = p->disclosure.round;
    ds->min_denominator = p->disclosure.min_denominator;
    if (bs_disc_settings_check(ds, &e2) == 0)
        return 0;
    msg = strncmp(e2.msg, "disclosure: ", 12) == 0 ? e2.msg + 12 : e2.msg;
    return bs_error_set(err, "%s:%ld: [disclosure] %s", p->path,
                        p->disclosure.line, msg);
}

int bs_job_disc_plan(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    bs_disc_column *col = calloc(p->nind + 1, sizeof *col);
    bs_disc_settings ds;
    size_t k, i, n = j->n;
    int rc;

    if (!col)
        return bs_error_set(err, "%s: out of memory", p->path);
    if (bs_job_disc_settings(p, &ds, err) != 0) {
        free(col);
        return -1;
    }
    for (k = 0; k < p->nind; k++) {
        const bs_indicator_spec *s = &p->ind[k];
        col[k].id = s->id;
        col[k].kind = (bs_disc_kind)s->kind;
        col[k].value = j->raw[k];
        col[k].quantity = quantity_of(s);
        col[k].den_quantity = den_quantity_of(s);
        col[k].numerator = s->kind == BS_KIND_RATE ? j->num[k] : NULL;
        col[k].denominator = s->kind == BS_KIND_RATE ? j->den[k] : NULL;
        col[k].per = s->per > 0 ? s->per : 100;
        /* the gemeente's own figure is public (StatLine): every count and
         * rate column has a total a reader can use */
        col[k].total_printed = s->kind != BS_KIND_VALUE;
    }
    rc = bs_disc_plan_make(col, p->nind, n, NULL, 0, &ds,
                           (bs_disc_policy)p->disclosure.score, &j->plan, err);
    free(col);
    if (rc != 0)
        return bs_error_set(err, "%s:%ld: [disclosure] %s", p->path,
                            p->disclosure.line ? p->disclosure.line : 1,
                            err->msg);
    for (k = 0; k < p->nind; k++)
        for (i = 0; i < n; i++) {
            j->shown[k][i] = j->plan.shown[k * n + i];
            if (bs_disc_plan_suppressed(&j->plan, k, i))
                j->flag[k][i] = BS_FLAG_SUPPRESSED;
        }
    return 0;
}

void bs_job_disc_blank(const bs_job *j, size_t k, double *x)
{
    if (j->plan.policy == BS_DISC_WITHOUT)
        bs_disc_plan_blank(&j->plan, k, x, x);
}

int bs_job_disc_normalise(const bs_job *j, size_t k, const char *what,
                          bs_error *err)
{
    bs_norm_params np;

    bs_job_norm_params(j->p, k, bs_job_nominal_norm(j->p, k), &np);
    if (j->plan.policy == BS_DISC_WITHOUT)   /* suppressed: missing already */
        return bs_normalise_ex(j->treated[k], j->n, &np, what, j->norm[k], err);
    return bs_disc_normalise(&j->plan, k, j->treated[k], &np, what, j->norm[k],
                             err);
}

/* Whether column name (as a [map] or [prioritise] gives it) is indicator
 * k, or the quantity it counts. */
static int names_indicator(const bs_project *p, size_t k, const char *name)
{
    const char *q = quantity_of(&p->ind[k]);

    if (strcasecmp(p->ind[k].id, name) == 0)
        return 1;
    return p->ind[k].kind == BS_KIND_COUNT && q && strcasecmp(q, bare(name)) == 0;
}

int bs_job_disc_is_count(const bs_job *j, const char *name)
{
    size_t k;

    for (k = 0; name && k < j->p->nind; k++)
        if (j->p->ind[k].kind == BS_KIND_COUNT && names_indicator(j->p, k, name))
            return 1;
    return 0;
}

void bs_job_disc_mask(const bs_job *j, const char *name, double *v)
{
    const bs_project *p = j->p;
    size_t k, i;

    if (!name || !j->plan.flag)
        return;
    for (k = 0; k < p->nind; k++)
        if (names_indicator(p, k, name))
            for (i = 0; i < j->n; i++)
                if (!bs_disc_printable(&j->plan, BS_DISC_OUT_VALUE, k, i))
                    v[i] = NAN;
}

void bs_job_disc_withhold(bs_job *j)
{
    const bs_project *p = j->p;
    size_t i, k, d;

    if (j->plan.policy != BS_DISC_EXACT)
        return;
    for (i = 0; i < j->n; i++) {
        if (!j->plan.withheld[i])
            continue;
        j->score[i] = NAN;
        for (k = 0; k < p->nind; k++)
            j->norm[k][i] = j->contrib[k][i] = NAN;
        for (d = 0; j->domscore && d < p->ndom; d++)
            j->domscore[d][i] = NAN;
        for (d = 0; d < p->nprio; d++)
            j->prio_need[d][i] = NAN;
    }
    for (k = 0; k < p->nind; k++)
        for (i = 0; i < j->n; i++)
            if (!bs_disc_printable(&j->plan, BS_DISC_OUT_NORM, k, i))
                j->norm[k][i] = j->contrib[k][i] = NAN;
    /* an IKC's score is its area's (or a catchment's mix of areas): a
     * designation with a withheld area prints no IKC score from it */
    {
        int any = 0;
        for (i = 0; i < j->n; i++)
            any |= j->plan.withheld[i];
        for (d = 0; any && d < p->ndesignate; d++) {
            size_t l = j->desig_layer[d], nk = j->layers[l]->n;
            for (i = 0; i < nk; i++) {
                long a = j->layer_area[l][i];
                if (j->catchment[d] || (a >= 0 && j->plan.withheld[a]))
                    j->desig_score[d][i] = NAN;
            }
        }
    }
}

/* Quantities as numbers shared by the columns that show them. */
static long quantity_number(const bs_project *p, size_t k)
{
    const char *q = quantity_of(&p->ind[k]);
    size_t m;

    if (!q)
        return -1;
    for (m = 0; m <= k; m++) {
        const char *o = quantity_of(&p->ind[m]);
        if (o && strcasecmp(o, q) == 0)
            return (long)m;
    }
    return -1;
}

/* The first prepared map of indicator k (its own map or a panel). */
static const bs_scan_map *map_of(const bs_job *j, size_t k)
{
    const bs_project *p = j->p;
    size_t m, q;

    for (m = 0; m < p->nmaps; m++) {
        const bs_scan_map *mp = &j->maps[m];
        if (mp->column && names_indicator(p, k, mp->column))
            return mp;
        for (q = 0; q < mp->npanels; q++)
            if (mp->panels[q].column &&
                names_indicator(p, k, mp->panels[q].column))
                return &mp->panels[q];
    }
    return NULL;
}

/* The attacker's view of indicator k as the run prints it. */
static void attack_column(const bs_job *j, size_t k, unsigned char *sup,
                          double *clo, double *chi, bs_attack_column *c)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    const bs_scan_map *m = map_of(j, k);
    size_t i, n = j->n;
    int q;

    bs_attack_column_init(c);
    for (i = 0; i < n; i++)
        sup[i] = (unsigned char)bs_disc_plan_suppressed(&j->plan, k, i);
    c->id = s->id;
    c->kind = (bs_disc_kind)s->kind;
    c->truth = j->raw[k];
    c->suppressed = sup;
    c->value = j->shown[k];
    c->value_res = s->kind == BS_KIND_COUNT ? p->disclosure.round : 0;
    c->norm = j->norm[k];
    c->contrib = j->contrib[k];
    c->method = bs_job_nominal_norm(p, k);
    c->weight = s->weight;
    c->quantity = quantity_number(p, k);
    c->denominator = s->kind == BS_KIND_RATE ? j->den[k] : NULL;
    c->per = s->per > 0 ? s->per : 100;
    c->total = j->plan.total[k];
    c->total_res = s->kind == BS_KIND_COUNT ? p->disclosure.round : 0;
    if (m && m->classes.k > 0) {
        c->nclass = m->classes.k;
        for (q = 0; q < m->classes.k; q++) {
            clo[q] = m->lower[q];
            chi[q] = m->classes.upper[q];
        }
        c->class_lo = clo;
        c->class_hi = chi;
        c->class_res = s->kind == BS_KIND_COUNT ? 2 * p->disclosure.round : 0;
        c->cls = m->cls;
    }
    bs_disc_plan_range(&j->plan, k, &c->min, &c->max);
    c->range_res = s->kind == BS_KIND_COUNT ? p->disclosure.round : 0;
}

int bs_job_disc_guard(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    size_t nind = p->nind, n = j->n, k, f;
    bs_attack_column *col = calloc(nind + 1, sizeof *col);
    unsigned char *sup = malloc((nind + 1) * (n + 1));
    double *bounds = malloc((nind + 1) * 2 * BS_CLASSES_MAX * sizeof *bounds);
    bs_attack_input in;
    bs_attack_result r;
    char cells[900];
    size_t len = 0, ncells = 0;
    int rc = 0;

    memset(&r, 0, sizeof r);
    if (j->plan.policy != BS_DISC_EXACT || j->plan.nprimary == 0) {
        free(col);
        free(sup);
        free(bounds);
        return 0;
    }
    if (!col || !sup || !bounds) {
        free(col);
        free(sup);
        free(bounds);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    for (k = 0; k < nind; k++)
        attack_column(j, k, sup + k * n, bounds + 2 * k * BS_CLASSES_MAX,
                      bounds + (2 * k + 1) * BS_CLASSES_MAX, &col[k]);
    memset(&in, 0, sizeof in);
    in.nind = nind;
    in.n = n;
    in.col = col;
    in.score = j->score;
    in.rank = j->rank;
    in.round_base = p->disclosure.round;
    in.min_count = p->disclosure.min_count;
    if (bs_attack_run(&in, &r, err) != 0) {
        rc = -1;
    } else if (r.n > 0) {
        cells[0] = '\0';
        for (f = 0; f < r.n && len + 80 < sizeof cells; f++) {
            const bs_attack_finding *x = &r.finding[f];
            if (f > 0 && r.finding[f - 1].ind == x->ind &&
                r.finding[f - 1].area == x->area)
                continue;
            ncells++;
            len += (size_t)snprintf(cells + len, sizeof cells - len,
                                    "%s%s of %s (%s: %.4g to %.4g)",
                                    len ? "; " : "", p->ind[x->ind].id,
                                    j->key[x->area], x->attack, x->lo, x->hi);
        }
        rc = bs_error_set(err, "%s:%ld: [disclosure] score = exact would let a "
                          "reader recompute %zu suppressed cell%s from the "
                          "printed scores, ranks and values: %s; use score = "
                          "without (the default)", p->path,
                          p->disclosure.line, ncells, ncells == 1 ? "" : "s", cells);
    }
    bs_attack_result_free(&r);
    free(col);
    free(sup);
    free(bounds);
    return rc;
}
