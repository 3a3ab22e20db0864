/* monitors.c: every [monitor NAME] (issue 13) as series by period,
 * evaluated with the stoplicht (monitor.h) into the scan's monitors.
 *
 * A monitor's value comes from one data file: the rows of every period of
 * a long file (period =), or the columns of a wide one (column = a list
 * with periods =). At level gemeente the series is the row of key =, or
 * the areas' rows aggregated (rates from summed numerators and
 * denominators, other values a mean weighted by weight =); at level areas
 * there is one series per area. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/formula.h"
#include "buurtscan/monitor.h"
#include "buurtscan/rollup.h"
#include "internal.h"

/* What a monitor computes, from its own keys or its [indicator]'s. */
typedef struct mon_expr {
    const char *column, *formula, *numerator, *denominator, *periods;
    double per;
    long line;                 /* the line of that setting */
} mon_expr;

/* One value read: a key's value at a period. */
typedef struct mon_obs {
    const char *key;
    const bs_period *period;
    double v, num, den, w;
} mon_obs;

typedef struct mon_ctx {
    bs_job *j;
    const bs_monitor_cfg *c;
    char where[700];           /* "PROJECT:LINE: [monitor NAME]" */
} mon_ctx;

static int fail(mon_ctx *x, bs_error *err, const char *msg, const char *arg)
{
    return bs_error_set(err, "%s: %s%s", x->where, msg, arg ? arg : "");
}

static int expr_of(mon_ctx *x, mon_expr *e, bs_error *err)
{
    const bs_project *p = x->j->p;
    const bs_monitor_cfg *c = x->c;
    size_t k;

    memset(e, 0, sizeof *e);
    if (c->indicator.value) {
        for (k = 0; k < p->nind; k++)
            if (strcasecmp(p->ind[k].id, c->indicator.value) == 0)
                break;
        if (k == p->nind)
            return fail(x, err, "indicator = names no [indicator]: ",
                        c->indicator.value);
        e->column = p->ind[k].column.value;
        e->formula = p->ind[k].formula.value;
        e->numerator = p->ind[k].numerator.value;
        e->denominator = p->ind[k].denominator.value;
        e->per = p->ind[k].per;
        e->periods = p->ind[k].periods.value;
        e->line = p->ind[k].line;
    } else {
        e->column = c->column.value;
        e->formula = c->formula.value;
        e->numerator = c->numerator.value;
        e->denominator = c->denominator.value;
        e->per = c->per;
        e->periods = c->periods.value;
        e->line = c->line;
    }
    if (!!e->column + !!e->formula + !!(e->numerator || e->denominator) != 1)
        return fail(x, err, "give exactly one of indicator, column, formula or "
                    "numerator with denominator", NULL);
    if (!!e->numerator != !!e->denominator)
        return fail(x, err, "a rate needs both numerator and denominator", NULL);
    if (e->periods && !e->column)
        return fail(x, err, "periods = needs column = with one column per "
                    "period", NULL);
    return 0;
}

/* The data file holding every column in names[] (its rows of all periods). */
static int find_data(mon_ctx *x, char **names, size_t nn, size_t *out,
                     bs_error *err)
{
    const bs_job *j = x->j;
    size_t d, i;

    for (d = 0; d < j->ndata; d++) {
        const bs_table *t = j->ptables[d] ? j->ptables[d] : j->tables[d];
        for (i = 0; i < nn; i++) {
            const char *nm = names[i], *dot = strchr(nm, '.');
            if (dot && strncasecmp(nm, j->p->data[d].name, (size_t)(dot - nm)) == 0 &&
                strlen(j->p->data[d].name) == (size_t)(dot - nm))
                nm = dot + 1;
            else if (dot)
                break;
            if (bs_table_find(t, nm) < 0)
                break;
        }
        if (i == nn) {
            *out = d;
            return 0;
        }
    }
    return fail(x, err, "no [data] file has every column of this monitor: ",
                names[0]);
}

static long col_of(const bs_table *t, const char *name)
{
    const char *dot = strchr(name, '.');
    long c = bs_table_find(t, name);
    return c >= 0 || !dot ? c : bs_table_find(t, dot + 1);
}

/* Splits a list of names at blanks and commas into new strings. */
static size_t split(const char *s, char **out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        size_t len;
        s += strspn(s, " \t,");
        len = strcspn(s, " \t,");
        if (!len)
            break;
        out[n++] = strndup(s, len);
        s += len;
    }
    return n;
}

#define MON_COLS 64

/* Every value the monitor reads, as observations (key, period, value). */
static int observe(mon_ctx *x, const mon_expr *e, bs_period **wide_per,
                   mon_obs **obs, size_t *nobs, size_t *data, bs_error *err)
{
    const bs_job *j = x->j;
    char *names[MON_COLS];
    size_t nn = 0, d = 0, r, i, nper = 0, k = 0;
    bs_formula *f = NULL;
    const bs_table *t;
    double *cols[MON_COLS] = { 0 }, *w = NULL;
    long kc;
    int rc = -1;

    if (e->column)
        nn = split(e->column, names, MON_COLS);
    else if (e->numerator) {
        names[nn++] = strdup(e->numerator);
        names[nn++] = strdup(e->denominator);
    } else {
        if (bs_formula_parse(e->formula, x->where, &f, err) != 0)
            return -1;
        for (i = 0; i < bs_formula_ncolumns(f) && nn < MON_COLS; i++)
            names[nn++] = strdup(bs_formula_column(f, i));
    }
    if (e->periods) {
        char w2[800];
        snprintf(w2, sizeof w2, "%s periods", x->where);
        if (bs_period_list_parse(e->periods, w2, wide_per, &nper, err) != 0)
            goto done;
        if (nper != nn) {
            bs_error_set(err, "%s: %zu columns but %zu periods: give one "
                         "period per column", x->where, nn, nper);
            goto done;
        }
    } else if (e->column && nn != 1) {
        fail(x, err, "several columns need periods = (one period each)", NULL);
        goto done;
    }
    if (find_data(x, names, nn, &d, err) != 0)
        goto done;
    *data = d;
    t = j->ptables[d] ? j->ptables[d] : j->tables[d];
    if (!j->ptables[d] && !e->periods) {
        bs_error_set(err, "%s: [data %s] has no periods: give it period = "
                     "COLUMN, or list one column per period with periods =",
                     x->where, j->p->data[d].name);
        goto done;
    }
    kc = bs_table_find(t, j->p->data[d].key.value);
    for (i = 0; i < nn; i++) {
        cols[i] = malloc((t->nrows + 1) * sizeof **cols);
        if (!cols[i] || bs_table_column_numeric(t, (size_t)col_of(t, names[i]),
                                                cols[i], err) != 0)
            goto done;
    }
    if (x->c->weight.value) {
        long wc = col_of(t, x->c->weight.value);
        if (wc < 0) {
            bs_error_set(err, "%s: weight '%s' is not a column of %s", x->where,
                         x->c->weight.value, t->path);
            goto done;
        }
        w = malloc((t->nrows + 1) * sizeof *w);
        if (!w || bs_table_column_numeric(t, (size_t)wc, w, err) != 0)
            goto done;
    }
    *obs = calloc(t->nrows * (nper ? nper : 1) + 1, sizeof **obs);
    if (!*obs)
        goto done;
    for (r = 0; r < t->nrows; r++) {
        size_t reps = nper ? nper : 1, q;
        for (q = 0; q < reps; q++) {
            mon_obs *o = &(*obs)[k++];
            o->key = t->cells[kc][r];
            o->period = nper ? &(*wide_per)[q] : &j->prow[d][r];
            o->num = o->den = NAN;
            o->w = w ? w[r] : NAN;
            if (e->numerator) {
                o->num = cols[0][r];
                o->den = cols[1][r];
                o->v = o->den > 0 ? o->num / o->den * e->per : NAN;
            } else if (f) {
                const double *cv[MON_COLS];
                for (i = 0; i < nn; i++)
                    cv[i] = &cols[i][r];
                bs_formula_eval(f, cv, 1, &o->v);
            } else
                o->v = cols[q][r];
        }
    }
    *nobs = k;
    rc = 0;
done:
    for (i = 0; i < nn; i++) {
        free(names[i]);
        free(cols[i]);
    }
    free(w);
    bs_formula_free(f);
    return rc;
}

static int period_cmp(const void *a, const void *b)
{
    return bs_period_cmp(a, b);
}

/* The ascending union of the observations' periods (and the baseline). */
static int periods_of(const mon_obs *o, size_t n, const bs_period *base,
                      bs_period **out, size_t *np)
{
    size_t i, k = 0, q;
    bs_period *p = malloc((n + 1) * sizeof *p);

    if (!p)
        return -1;
    p[k++] = *base;
    for (i = 0; i < n; i++) {
        if (isnan(o[i].v) && isnan(o[i].num))
            continue;          /* a period this monitor has no value for */
        for (q = 0; q < k && !bs_period_same(&p[q], o[i].period); q++)
            ;
        if (q == k)
            p[k++] = *o[i].period;
    }
    qsort(p, k, sizeof *p, period_cmp);
    /* the baseline written as the data write it */
    for (i = 0; i < n; i++)
        for (q = 0; q < k; q++)
            if (bs_period_same(&p[q], o[i].period))
                p[q] = *o[i].period;
    *out = p;
    *np = k;
    return 0;
}

static size_t period_index(const bs_period *p, size_t np, const bs_period *x)
{
    for (size_t q = 0; q < np; q++)
        if (bs_period_same(&p[q], x))
            return q;
    return (size_t)-1;
}

/* One series' values: the observations of key (NULL: the areas aggregated). */
static int fill_series(mon_ctx *x, const mon_expr *e, const mon_obs *o,
                       size_t no, const bs_period *per, size_t np,
                       const char *key, double *v, bs_error *err)
{
    const bs_job *j = x->j;
    size_t q, i, a;

    for (q = 0; q < np; q++)
        v[q] = NAN;
    if (key) {
        for (i = 0; i < no; i++) {
            size_t q2 = period_index(per, np, o[i].period);
            if (q2 != (size_t)-1 && bs_job_key_cmp(o[i].key, key) == 0)
                v[q2] = o[i].v;
        }
        return 0;
    }
    if (!e->numerator && !x->c->weight.value)
        return fail(x, err, "the areas are aggregated (no key =): a value "
                    "that is no rate needs weight = COLUMN", NULL);
    for (q = 0; q < np; q++) {
        double *a1 = malloc((no + 1) * sizeof *a1), *a2 = malloc((no + 1) * sizeof *a2);
        size_t m = 0;
        int rc;
        if (!a1 || !a2) {
            free(a1);
            free(a2);
            return fail(x, err, "out of memory", NULL);
        }
        for (i = 0; i < no; i++) {
            if (!bs_period_same(o[i].period, &per[q]))
                continue;
            for (a = 0; a < j->n && bs_job_key_cmp(o[i].key, j->key[a]) != 0; a++)
                ;
            if (a == j->n)
                continue;
            a1[m] = e->numerator ? o[i].num : o[i].v;
            a2[m++] = e->numerator ? o[i].den : o[i].w;
        }
        rc = m == 0 ? 0
             : e->numerator ? bs_rollup_rate(a1, a2, m, e->per, x->where, &v[q], NULL, err)
                            : bs_rollup_mean(a1, a2, m, x->where, &v[q], NULL, err);
        free(a1);
        free(a2);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* direction, baseline, target, tolerance, breaks and provisional periods. */
static int spec_of(mon_ctx *x, bs_scan_monitor *sm, bs_error *err)
{
    const bs_project *p = x->j->p;
    const bs_monitor_cfg *c = x->c;
    bs_monitor_spec *s = &sm->spec;
    bs_period *list = NULL;
    size_t n = 0;
    char w[800];

    s->direction = c->direction;
    s->tolerance = c->tolerance;
    s->percent = c->unit.value && strcmp(c->unit.value, "%") == 0;
    bs_job_at(p, c->baseline.line, c->line, w, sizeof w);
    snprintf(w + strlen(w), sizeof w - strlen(w), ": [monitor %s] baseline", c->name);
    if (bs_period_parse(c->baseline.value, w, &s->baseline, err) != 0)
        return -1;
    if (c->target.value) {
        bs_job_at(p, c->target.line, c->line, w, sizeof w);
        snprintf(w + strlen(w), sizeof w - strlen(w), ": [monitor %s]", c->name);
        if (bs_target_parse(c->target.value, w, &s->target, err) != 0)
            return -1;
    } else {
        s->target.kind = BS_TARGET_DIRECTION;
        s->target.direction = c->direction;
    }
    if (c->brk.value) {
        bs_job_at(p, c->brk.line, c->line, w, sizeof w);
        snprintf(w + strlen(w), sizeof w - strlen(w), ": [monitor %s] break", c->name);
        if (bs_period_list_parse(c->brk.value, w, &list, &n, err) != 0)
            return -1;
        s->breaks = list;
        s->nbreaks = n;
    }
    if (c->provisional.value) {
        bs_job_at(p, c->provisional.line, c->line, w, sizeof w);
        snprintf(w + strlen(w), sizeof w - strlen(w), ": [monitor %s] provisional",
                 c->name);
        if (bs_period_list_parse(c->provisional.value, w, &list, &n, err) != 0)
            return -1;
        sm->provisional = list;
        sm->nprovisional = n;
    }
    return bs_monitor_check(s, x->where, err);
}

/* Allocates and evaluates one series of sm. */
static int evaluate(mon_ctx *x, bs_scan_monitor *sm, bs_scan_series *se,
                    double *v, bs_error *err)
{
    size_t np = sm->nperiod, q, k;
    unsigned char *prov = calloc(np + 1, 1);
    bs_monitor_point *pt = calloc(np + 1, sizeof *pt);
    bs_series s;

    se->value = v;
    se->provisional = prov;
    se->point = pt;
    if (!prov || !pt)
        return fail(x, err, "out of memory", NULL);
    for (q = 0; q < np; q++)
        for (k = 0; k < sm->nprovisional; k++)
            if (bs_period_same(&sm->period[q], &sm->provisional[k]))
                prov[q] = 1;
    s = (bs_series){ np, sm->period, v, prov };
    return bs_monitor_evaluate(&sm->spec, &x->j->scan.stoplicht, &s, pt,
                               &se->info, x->where, err);
}

static int one_monitor(bs_job *j, size_t m, bs_error *err)
{
    const bs_project *p = j->p;
    mon_ctx x = { j, &p->monitor[m], "" };
    bs_scan_monitor *sm = &j->smon[m];
    bs_scan_series *se;
    bs_period *per = NULL, *wide = NULL;
    mon_obs *obs = NULL;
    size_t nobs = 0, d = 0, ns, i;
    mon_expr e;
    int rc = -1;

    bs_job_at(p, x.c->line, x.c->line, x.where, sizeof x.where);
    snprintf(x.where + strlen(x.where), sizeof x.where - strlen(x.where),
             ": [monitor %s]", x.c->name);
    sm->name = x.c->name;
    sm->label = x.c->label.value ? x.c->label.value : x.c->name;
    sm->unit = x.c->unit.value;
    sm->definition = x.c->definition.value;
    sm->level = x.c->level;
    sm->target_text = x.c->target.value;
    sm->illustrative = x.c->illustrative;
    if (spec_of(&x, sm, err) != 0 || expr_of(&x, &e, err) != 0 ||
        observe(&x, &e, &wide, &obs, &nobs, &d, err) != 0)
        goto done;
    sm->source = x.c->source.value ? x.c->source.value : p->data[d].source.value;
    if (periods_of(obs, nobs, &sm->spec.baseline, &per, &sm->nperiod) != 0) {
        fail(&x, err, "out of memory", NULL);
        goto done;
    }
    sm->period = per;
    if (x.c->level == BS_MONITOR_AREAS && x.c->key.value) {
        fail(&x, err, "key = is for level = gemeente; level = areas follows "
             "every area", NULL);
        goto done;
    }
    ns = x.c->level == BS_MONITOR_AREAS ? j->n : 1;
    se = calloc(ns, sizeof *se);
    sm->series = se;
    sm->nseries = ns;
    if (!se) {
        fail(&x, err, "out of memory", NULL);
        goto done;
    }
    for (i = 0; i < ns; i++) {
        double *v = malloc((sm->nperiod + 1) * sizeof *v);
        const char *key = x.c->level == BS_MONITOR_AREAS ? j->key[i] : x.c->key.value;
        se[i].value = v;
        if (!v) {
            fail(&x, err, "out of memory", NULL);
            goto done;
        }
        se[i].key = key ? key : "";
        se[i].name = x.c->level == BS_MONITOR_AREAS ? j->name[i]
                     : p->report.gemeente.value ? p->report.gemeente.value
                     : key ? key : "gemeente";
        if (fill_series(&x, &e, obs, nobs, per, sm->nperiod, key, v, err) != 0 ||
            evaluate(&x, sm, &se[i], v, err) != 0)
            goto done;
    }
    if (x.c->level == BS_MONITOR_GEMEENTE && x.c->key.value) {
        for (i = 0; i < nobs && bs_job_key_cmp(obs[i].key, x.c->key.value); i++)
            ;
        if (i == nobs) {
            bs_error_set(err, "%s: key = %s is no row of %s", x.where,
                         x.c->key.value, p->data[d].file.value);
            goto done;
        }
    }
    rc = 0;
done:
    free(obs);
    free(wide);
    return rc;
}

int bs_job_monitors(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t m;

    bs_stoplicht_default(&j->scan.stoplicht);
    if (p->stoplicht.line) {
        char w[600];
        j->scan.stoplicht.path_margin = p->stoplicht.path_margin;
        j->scan.stoplicht.baseline_margin = p->stoplicht.baseline_margin;
        if (bs_stoplicht_check(&j->scan.stoplicht,
                               bs_job_at(p, p->stoplicht.line, p->stoplicht.line,
                                         w, sizeof w), err) != 0)
            return -1;
    }
    j->smon = calloc(p->nmonitor + 1, sizeof *j->smon);
    if (!j->smon)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (m = 0; m < p->nmonitor; m++) {
        bs_job_step(h, "monitor %s", p->monitor[m].name);
        if (one_monitor(j, m, err) != 0)
            return -1;
    }
    return 0;
}

void bs_job_monitors_free(bs_job *j)
{
    size_t m, i;

    for (m = 0; j->smon && m < j->p->nmonitor; m++) {
        bs_scan_monitor *sm = &j->smon[m];
        for (i = 0; sm->series && i < sm->nseries; i++) {
            free((void *)sm->series[i].value);
            free((void *)sm->series[i].provisional);
            free((void *)sm->series[i].point);
        }
        free((void *)sm->series);
        free((void *)sm->period);
        free((void *)sm->provisional);
        free((void *)sm->spec.breaks);
    }
    free(j->smon);
}
