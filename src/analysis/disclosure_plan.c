/* disclosure_plan.c: which printed figure may show what (rules in
 * disclosure_plan.h): primary suppression per cell, secondary suppression
 * across linked indicators and within printed totals until nothing
 * changes, and the normalisation, masks and classes that follow. */
#include "buurtscan/disclosure_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NO_GROUP ((size_t)-1)

int bs_disc_policy_parse(const char *word, bs_disc_policy *out)
{
    if (word && strcasecmp(word, "without") == 0) {
        *out = BS_DISC_WITHOUT;
        return 0;
    }
    if (word && strcasecmp(word, "exact") == 0) {
        *out = BS_DISC_EXACT;
        return 0;
    }
    return -1;
}

const char *bs_disc_policy_name(bs_disc_policy p)
{
    return p == BS_DISC_EXACT ? "exact" : "without";
}

const char *bs_disc_reason_text(bs_disc_reason r)
{
    switch (r) {
    case BS_DISC_R_COUNT: return "count below min_count";
    case BS_DISC_R_NUMERATOR: return "numerator below min_count";
    case BS_DISC_R_DENOMINATOR: return "denominator below min_denominator";
    case BS_DISC_R_LINKED: return "gives back a suppressed figure of the area";
    case BS_DISC_R_TOTAL: return "protects a suppressed cell of a printed total";
    case BS_DISC_R_NONE: break;
    }
    return "";
}

void bs_disc_plan_free(bs_disc_plan *p)
{
    if (!p)
        return;
    free(p->flag);
    free(p->reason);
    free(p->shown);
    free(p->total);
    free(p->total_flag);
    free(p->withheld);
    memset(p, 0, sizeof *p);
}

/* The count behind cell i: the count itself, or a rate's numerator (given,
 * or rate * denominator / per, to a millionth so that 0.9396 per 100 of 745
 * counts as the 7 it is). NaN when unknown; values have none. */
static double count_of(const bs_disc_column *c, size_t i)
{
    double v;

    if (c->kind == BS_DISC_COUNT)
        return c->value[i];
    if (c->kind != BS_DISC_RATE)
        return NAN;
    if (c->numerator)
        return c->numerator[i];
    if (!c->denominator)
        return NAN;
    v = c->value[i] * c->denominator[i] / c->per;
    return round(v * 1e6) / 1e6;
}

static double den_of(const bs_disc_column *c, size_t i)
{
    return c->kind == BS_DISC_RATE && c->denominator ? c->denominator[i] : NAN;
}

/* Rule 1 for cell i of c. */
static void primary(const bs_disc_column *c, size_t i,
                    const bs_disc_settings *s, double *shown,
                    unsigned char *flag, unsigned char *reason)
{
    double v = c->value[i], den;
    bs_disc_flag f;

    *reason = BS_DISC_R_NONE;
    switch (c->kind) {
    case BS_DISC_COUNT:
        f = bs_disclose_count(v, s, shown);
        if (f == BS_DISC_SUPPRESSED)
            *reason = BS_DISC_R_COUNT;
        break;
    case BS_DISC_RATE:
        den = den_of(c, i);
        f = bs_disclose_rate_counted(v, count_of(c, i), den, s, shown);
        if (f == BS_DISC_SUPPRESSED)
            *reason = isnan(den) || den < s->min_denominator
                          ? BS_DISC_R_DENOMINATOR : BS_DISC_R_NUMERATOR;
        break;
    default:
        f = isfinite(v) ? BS_DISC_OK : BS_DISC_MISSING;
        *shown = isfinite(v) ? v : NAN;
        break;
    }
    *flag = (unsigned char)f;
}

/* Quantity names to indices (case-insensitive), -1 for none. */
static long quantity_index(const char **names, size_t *nnames,
                           const char *name)
{
    size_t q;

    if (!name || !*name)
        return -1;
    for (q = 0; q < *nnames; q++)
        if (strcasecmp(names[q], name) == 0)
            return (long)q;
    names[*nnames] = name;
    return (long)(*nnames)++;
}

typedef struct work {
    const bs_disc_column *col;
    size_t nind, n, ngroups;
    const size_t *group;
    const bs_disc_settings *s;
    bs_disc_plan *p;
    long *qnum, *qden;           /* [nind] quantity indices */
    size_t nq;
    unsigned char *secret;       /* [nq * n] */
    unsigned char *tot_sup;      /* [nind * ngroups] total withheld (rule 3) */
    size_t *nsup, *nmiss, *pick; /* [ngroups] scratch */
} work;

static size_t group_of(const work *w, size_t i)
{
    return w->group ? w->group[i] : 0;
}

static void suppress(work *w, size_t k, size_t i, bs_disc_reason r)
{
    size_t c = k * w->n + i;

    w->p->flag[c] = BS_DISC_SUPPRESSED;
    w->p->reason[c] = (unsigned char)r;
    w->p->shown[c] = NAN;
}

/* Rule 2: marks the quantities that suppressed cells make secret, then
 * suppresses the printed cells tied to them. Returns cells suppressed. */
static size_t linked_pass(work *w)
{
    bs_disc_plan *p = w->p;
    size_t k, i, changed = 0;

    for (k = 0; k < w->nind; k++) {
        for (i = 0; i < w->n; i++) {
            if (p->flag[k * w->n + i] != BS_DISC_SUPPRESSED)
                continue;
            if (w->qnum[k] >= 0)
                w->secret[(size_t)w->qnum[k] * w->n + i] = 1;
            if (w->qden[k] >= 0 && den_of(&w->col[k], i) < w->s->min_count)
                w->secret[(size_t)w->qden[k] * w->n + i] = 1;
        }
    }
    for (k = 0; k < w->nind; k++) {
        for (i = 0; i < w->n; i++) {
            unsigned char f = p->flag[k * w->n + i];
            if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING)
                continue;
            if ((w->qnum[k] >= 0 && w->secret[(size_t)w->qnum[k] * w->n + i]) ||
                (w->qden[k] >= 0 && w->secret[(size_t)w->qden[k] * w->n + i])) {
                suppress(w, k, i, BS_DISC_R_LINKED);
                changed++;
            }
        }
    }
    return changed;
}

/* Whether the unprotected total of group g of indicator k would itself be
 * suppressed (then it is not printed and protects nothing). */
static int total_small(const work *w, size_t k, size_t g)
{
    const bs_disc_column *c = &w->col[k];
    double num = 0, den = 0;
    size_t i;

    for (i = 0; i < w->n; i++) {
        if (group_of(w, i) != g)
            continue;
        num += count_of(c, i);
        den += den_of(c, i);
    }
    if (c->kind == BS_DISC_COUNT)
        return !(num >= w->s->min_count);
    return !(num >= w->s->min_count) || !(den >= w->s->min_denominator);
}

/* Rule 3 on indicator k. Returns cells suppressed. */
static size_t total_pass(work *w, size_t k)
{
    const bs_disc_column *c = &w->col[k];
    bs_disc_plan *p = w->p;
    size_t g, i, changed = 0;

    if (!c->total_printed || c->kind == BS_DISC_VALUE)
        return 0;
    for (g = 0; g < w->ngroups; g++) {
        w->nsup[g] = w->nmiss[g] = 0;
        w->pick[g] = NO_GROUP;
    }
    for (i = 0; i < w->n; i++) {
        size_t gi = group_of(w, i);
        unsigned char f = p->flag[k * w->n + i];
        if (gi == NO_GROUP)
            continue;
        if (f == BS_DISC_SUPPRESSED)
            w->nsup[gi]++;
        else if (f == BS_DISC_MISSING)
            w->nmiss[gi]++;
        else if (w->pick[gi] == NO_GROUP ||
                 count_of(c, i) < count_of(c, w->pick[gi]))
            w->pick[gi] = i;
    }
    for (g = 0; g < w->ngroups; g++) {
        if (w->nsup[g] != 1 || w->nmiss[g] > 0 || w->tot_sup[k * w->ngroups + g] ||
            total_small(w, k, g))
            continue;
        if (w->pick[g] == NO_GROUP) {
            w->tot_sup[k * w->ngroups + g] = 1;
            continue;
        }
        suppress(w, k, w->pick[g], BS_DISC_R_TOTAL);
        changed++;
    }
    return changed;
}

/* The printed totals, once the cells are settled. */
static void totals(work *w)
{
    bs_disc_plan *p = w->p;
    size_t k, g, i;

    for (k = 0; k < w->nind; k++) {
        const bs_disc_column *c = &w->col[k];
        for (g = 0; g < w->ngroups; g++) {
            size_t t = k * w->ngroups + g;
            double num = 0, den = 0;
            int missing = 0, any = 0;
            p->total[t] = NAN;
            p->total_flag[t] = BS_DISC_SUPPRESSED;
            if (!c->total_printed || c->kind == BS_DISC_VALUE)
                continue;
            for (i = 0; i < w->n; i++) {
                if (group_of(w, i) != g)
                    continue;
                any = 1;
                if (p->flag[k * w->n + i] == BS_DISC_MISSING)
                    missing = 1;
                num += count_of(c, i);
                den += den_of(c, i);
            }
            if (missing || !any || isnan(num)) {
                p->total_flag[t] = BS_DISC_MISSING;
                continue;
            }
            if (w->tot_sup[t])
                continue;
            p->total_flag[t] = (unsigned char)(c->kind == BS_DISC_COUNT
                ? bs_disclose_count(num, w->s, &p->total[t])
                : bs_disclose_rate_counted(c->per * num / den, num, den, w->s,
                                           &p->total[t]));
        }
    }
}

static int check_input(const bs_disc_column *col, size_t nind, size_t n,
                       const size_t *group, size_t ngroups, bs_error *err)
{
    size_t k, i;

    for (k = 0; k < nind; k++) {
        const char *id = col[k].id ? col[k].id : "?";
        if (!col[k].value && n > 0)
            return bs_error_set(err, "disclosure: indicator %s has no values", id);
        if (col[k].kind == BS_DISC_RATE && !(col[k].per > 0 && isfinite(col[k].per)))
            return bs_error_set(err, "disclosure: indicator %s: a rate needs "
                                "per > 0", id);
    }
    for (i = 0; group && i < n; i++)
        if (group[i] != NO_GROUP && group[i] >= ngroups)
            return bs_error_set(err, "disclosure: area %zu is in group %zu of %zu",
                                i + 1, group[i] + 1, ngroups);
    return 0;
}

static int alloc_work(work *w, bs_error *err)
{
    bs_disc_plan *p = w->p;
    size_t cells = w->nind * w->n + 1, tots = w->nind * w->ngroups + 1, k;
    const char **names = malloc((2 * w->nind + 1) * sizeof *names);

    p->flag = malloc(cells);
    p->reason = malloc(cells);
    p->shown = malloc(cells * sizeof *p->shown);
    p->total = malloc(tots * sizeof *p->total);
    p->total_flag = malloc(tots);
    p->withheld = calloc(w->n + 1, 1);
    w->qnum = malloc((w->nind + 1) * sizeof *w->qnum);
    w->qden = malloc((w->nind + 1) * sizeof *w->qden);
    w->tot_sup = calloc(tots, 1);
    w->nsup = malloc((w->ngroups + 1) * sizeof *w->nsup);
    w->nmiss = malloc((w->ngroups + 1) * sizeof *w->nmiss);
    w->pick = malloc((w->ngroups + 1) * sizeof *w->pick);
    if (!names || !p->flag || !p->reason || !p->shown || !p->total ||
        !p->total_flag || !p->withheld || !w->qnum || !w->qden || !w->tot_sup ||
        !w->nsup || !w->nmiss || !w->pick) {
        free(names);
        return bs_error_set(err, "disclosure: out of memory");
    }
    w->nq = 0;
    for (k = 0; k < w->nind; k++) {
        const bs_disc_column *c = &w->col[k];
        int tied = c->kind == BS_DISC_COUNT || c->kind == BS_DISC_RATE;
        w->qnum[k] = tied ? quantity_index(names, &w->nq, c->quantity) : -1;
        w->qden[k] = c->kind == BS_DISC_RATE
                         ? quantity_index(names, &w->nq, c->den_quantity) : -1;
    }
    free(names);
    w->secret = calloc(w->nq * w->n + 1, 1);
    if (!w->secret)
        return bs_error_set(err, "disclosure: out of memory");
    return 0;
}

static void free_work(work *w)
{
    free(w->qnum);
    free(w->qden);
    free(w->secret);
    free(w->tot_sup);
    free(w->nsup);
    free(w->nmiss);
    free(w->pick);
}

int bs_disc_plan_make(const bs_disc_column *col, size_t nind, size_t n,
                      const size_t *group, size_t ngroups,
                      const bs_disc_settings *s, bs_disc_policy policy,
                      bs_disc_plan *out, bs_error *err)
{
    work w;
    size_t k, i, changed;
    int rc = -1;

    memset(out, 0, sizeof *out);
    memset(&w, 0, sizeof w);
    if (!group)
        ngroups = 1;
    if (bs_disc_settings_check(s, err) != 0 ||
        check_input(col, nind, n, group, ngroups, err) != 0)
        return -1;
    out->nind = nind;
    out->n = n;
    out->ngroups = ngroups;
    out->policy = policy;
    w.col = col;
    w.nind = nind;
    w.n = n;
    w.ngroups = ngroups;
    w.group = group;
    w.s = s;
    w.p = out;
    if (alloc_work(&w, err) != 0)
        goto done;
    for (k = 0; k < nind; k++)
        for (i = 0; i < n; i++) {
            size_t c = k * n + i;
            primary(&col[k], i, s, &out->shown[c], &out->flag[c], &out->reason[c]);
            out->nprimary += out->flag[c] == BS_DISC_SUPPRESSED;
        }
    /* rules 2 and 3 until nothing changes (each pass only adds); rule 2
     * settles before each step of rule 3, whose choice then sees every
     * linked cell already suppressed and so takes no more than it must */
    do {
        changed = linked_pass(&w);
        for (k = 0; k < nind && changed == 0; k++)
            changed = total_pass(&w, k);
        out->nsecondary += changed;
    } while (changed > 0);
    totals(&w);
    for (i = 0; i < n && policy == BS_DISC_EXACT; i++)
        for (k = 0; k < nind; k++)
            if (out->flag[k * n + i] == BS_DISC_SUPPRESSED)
                out->withheld[i] = 1;
    rc = 0;
done:
    free_work(&w);
    if (rc != 0)
        bs_disc_plan_free(out);
    return rc;
}

int bs_disc_plan_suppressed(const bs_disc_plan *p, size_t k, size_t i)
{
    return p->flag[k * p->n + i] == BS_DISC_SUPPRESSED;
}

int bs_disc_printable(const bs_disc_plan *p, bs_disc_output what, size_t k,
                      size_t i)
{
    int held = p->policy == BS_DISC_EXACT && p->withheld[i];

    switch (what) {
    case BS_DISC_OUT_VALUE: {
        unsigned char f = p->flag[k * p->n + i];
        return f == BS_DISC_OK || f == BS_DISC_ROUNDED;
    }
    case BS_DISC_OUT_NORM:
    case BS_DISC_OUT_CONTRIB:
        return !bs_disc_plan_suppressed(p, k, i) && !held;
    case BS_DISC_OUT_SCORE:
        return !held;
    }
    return 0;
}

void bs_disc_plan_mask(const bs_disc_plan *p, bs_disc_output what, size_t k,
                       unsigned char *mask)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        mask[i] = (unsigned char)bs_disc_printable(p, what, k, i);
}

void bs_disc_plan_blank(const bs_disc_plan *p, size_t k, const double *x,
                        double *out)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        out[i] = bs_disc_plan_suppressed(p, k, i) ? NAN : x[i];
}

int bs_disc_normalise(const bs_disc_plan *p, size_t k, const double *x,
                      const bs_norm_params *np, const char *what, double *out,
                      bs_error *err)
{
    size_t n = p->n, i;
    double *blank = malloc((n + 1) * sizeof *blank);
    double *one = malloc((n + 1) * sizeof *one);
    int rc = -1;

    if (!blank || !one) {
        bs_error_set(err, "%s: out of memory", what ? what : "disclosure");
        goto done;
    }
    bs_disc_plan_blank(p, k, x, blank);
    if (bs_normalise_ex(blank, n, np, what, out, err) != 0)
        goto done;
    /* exact: each suppressed value against the printable ones plus itself,
     * so that nothing printable depends on it */
    for (i = 0; i < n && p->policy == BS_DISC_EXACT; i++) {
        if (!bs_disc_plan_suppressed(p, k, i) || isnan(x[i]))
            continue;
        blank[i] = x[i];
        if (bs_normalise_ex(blank, n, np, what, one, err) != 0)
            goto done;
        out[i] = one[i];
        blank[i] = NAN;
    }
    rc = 0;
done:
    free(blank);
    free(one);
    return rc;
}

int bs_disc_classify(const double *v, const unsigned char *printable,
                     size_t n, const bs_class_params *cp, int keep_class,
                     bs_classes *out, int *cls, bs_error *err)
{
    double *shown = calloc(n + 1, sizeof *shown);
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    if (!shown)
        return bs_error_set(err, "classes: out of memory");
    for (i = 0; i < n; i++)
        shown[i] = printable[i] ? v[i] : NAN;
    rc = bs_classify_ex(shown, n, cp, out, err);
    for (i = 0; rc == 0 && i < n; i++)
        cls[i] = printable[i] || keep_class ? bs_class_of(out, v[i]) : -1;
    free(shown);
    return rc;
}

void bs_disc_class_bounds(const bs_classes *c, int j, bs_disc_kind kind,
                          const bs_disc_settings *s, double *lower,
                          double *upper)
{
    double b = s->round_base > 1 ? s->round_base : 1;

    *lower = bs_class_lower(c, j);
    *upper = c->upper[j];
    if (kind != BS_DISC_COUNT || s->round_base <= 0)
        return;
    if (isfinite(*lower))
        *lower = floor(*lower / b) * b;
    if (isfinite(*upper))
        *upper = ceil(*upper / b) * b;
}

size_t bs_disc_plan_range(const bs_disc_plan *p, size_t k, double *lo,
                          double *hi)
{
    size_t i, m = 0;

    *lo = *hi = NAN;
    for (i = 0; i < p->n; i++) {
        double v = p->shown[k * p->n + i];
        if (isnan(v))
            continue;
        if (m == 0 || v < *lo)
            *lo = v;
        if (m == 0 || v > *hi)
            *hi = v;
        m++;
    }
    return m;
}
