/* disclosure_attack.c: solves for suppressed cells from printed figures
 * with interval arithmetic (attacks and the leak criterion in
 * disclosure_attack.h). The reader's knowledge of every cell is an
 * interval; maps from normalised value to value are fitted per column;
 * each attack then yields an interval for a suppressed cell. */
#include "buurtscan/disclosure_attack.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "attack_map.h"

/* ---- the reader's knowledge ----------------------------------------- */

typedef struct ctx {
    const bs_attack_input *in;
    size_t n;
    ival *K;                /* [nind * n] */
    bs_nmap *map;              /* [nind] */
    bs_attack_result *out;
    size_t cap;
} ctx;

#define COL(c, k) (&(c)->in->col[k])
#define KN(c, k, i) ((c)->K[(k) * (c)->n + (i)])

static int value_printed(const bs_attack_column *col, size_t i)
{
    return isfinite(col->value[i]);
}

/* Printed or suppressed: the reader knows the cell has a value. */
static int present(const bs_attack_column *col, size_t i)
{
    return value_printed(col, i) || (col->suppressed && col->suppressed[i]);
}

static ival base_of(const bs_attack_column *col)
{
    return col->kind == BS_DISC_VALUE ? IV_ALL : iv(0, INFINITY);
}

/* Counts of persons are whole numbers: [5.3, 6.8] is 6. */
static ival whole(const bs_attack_column *col, ival X)
{
    if (col->kind != BS_DISC_COUNT || !bounded(X))
        return X;
    return iv(ceil(X.lo - 1e-7 * (1 + fabs(X.lo))),
              floor(X.hi + 1e-7 * (1 + fabs(X.hi))));
}

/* Persons per unit of the value: 1 for a count, den / per for a rate;
 * NaN when unknown. */
static double persons_per_unit(const bs_attack_column *col, size_t i)
{
    if (col->kind == BS_DISC_COUNT)
        return 1;
    if (col->kind == BS_DISC_RATE && col->denominator &&
        col->denominator[i] > 0 && isfinite(col->denominator[i]) && col->per > 0)
        return col->denominator[i] / col->per;
    return NAN;
}

static void know_printed(ctx *c)
{
    const bs_attack_input *in = c->in;
    size_t k, i;

    for (k = 0; k < in->nind; k++) {
        const bs_attack_column *col = COL(c, k);
        for (i = 0; i < c->n; i++) {
            ival K = base_of(col);
            if (value_printed(col, i)) {
                K = meet(K, printed(col->value[i], col->value_res));
                if (col->kind == BS_DISC_COUNT && in->min_count > 0)
                    K = meet(K, iv(in->min_count, INFINITY));
            }
            KN(c, k, i) = K;
        }
    }
}

/* The quantity of column k in area i as all other columns sharing it see
 * it (persons), or IV_ALL. */
static ival quantity_seen(const ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);
    ival Q = IV_ALL;
    size_t j;

    if (col->quantity < 0)
        return IV_ALL;
    for (j = 0; j < c->in->nind; j++) {
        const bs_attack_column *o = COL(c, j);
        double u = persons_per_unit(o, i);
        if (j == k || o->quantity != col->quantity || isnan(u) ||
            !bounded(KN(c, j, i)))
            continue;
        Q = meet(Q, scale(KN(c, j, i), u));
    }
    return Q;
}

/* Printed cells sharing a quantity narrow each other. */
static void know_shared(ctx *c)
{
    size_t k, i;

    for (k = 0; k < c->in->nind; k++) {
        const bs_attack_column *col = COL(c, k);
        for (i = 0; i < c->n; i++) {
            double u = persons_per_unit(col, i);
            ival Q;
            if (!value_printed(col, i) || isnan(u))
                continue;
            Q = quantity_seen(c, k, i);
            if (bounded(Q))
                KN(c, k, i) = meet(KN(c, k, i), scale(Q, 1 / u));
        }
    }
}

/* Maps per column, then un-rounds the printed cells through them (and a
 * count to the whole numbers in its interval). */
static int know_maps(ctx *c)
{
    size_t k, i;

    for (k = 0; k < c->in->nind; k++) {
        const bs_attack_column *col = COL(c, k);
        bs_nmap_free(&c->map[k]);
        if (bs_nmap_build(col, &KN(c, k, 0), c->n, &c->map[k]) != 0)
            return -1;
        for (i = 0; col->norm && i < c->n; i++) {
            ival X;
            if (!value_printed(col, i) || !isfinite(col->norm[i]))
                continue;
            X = whole(col, meet(bs_nmap_value(&c->map[k], printed(col->norm[i],
                                                          col->norm_res)),
                                KN(c, k, i)));
            if (bounded(X))
                KN(c, k, i) = X;
        }
    }
    return 0;
}

/* ---- attacks ---------------------------------------------------------- */

static ival attack_norm(const ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);

    if (!col->norm || !isfinite(col->norm[i]))
        return IV_ALL;
    return bs_nmap_value(&c->map[k], printed(col->norm[i], col->norm_res));
}

/* The area's score: printed, or between the printed scores of the areas
 * ranked next to it (an equal rank is an equal score). */
static ival score_seen(const ctx *c, size_t i)
{
    const bs_attack_input *in = c->in;
    ival S = IV_ALL;
    size_t j;

    if (!in->score)
        return IV_ALL;
    if (isfinite(in->score[i]))
        return printed(in->score[i], in->score_res);
    if (!in->rank || !isfinite(in->rank[i]))
        return IV_ALL;
    for (j = 0; j < c->n; j++) {
        ival s;
        if (j == i || !isfinite(in->score[j]) || !isfinite(in->rank[j]))
            continue;
        s = printed(in->score[j], in->score_res);
        if (in->rank[j] == in->rank[i])
            return s;
        if (in->rank[j] > in->rank[i])
            S.lo = fmax(S.lo, s.lo);
        else
            S.hi = fmin(S.hi, s.hi);
    }
    return S;
}

/* Contribution of column j to area i's score, as far as it is known. */
static ival contrib_seen(const ctx *c, size_t j, size_t i, double eff)
{
    const bs_attack_column *col = COL(c, j);

    if (col->contrib && isfinite(col->contrib[i]))
        return printed(col->contrib[i], col->contrib_res);
    if (col->norm && isfinite(col->norm[i]))
        return scale(printed(col->norm[i], col->norm_res), eff);
    if (bounded(KN(c, j, i))) {
        ival Z = bs_nmap_norm(&c->map[j], KN(c, j, i));
        if (bounded(Z))
            return scale(Z, eff);
    }
    return IV_ALL;
}

static ival attack_score(const ctx *c, size_t k, size_t i)
{
    const bs_attack_input *in = c->in;
    ival S = score_seen(c, i), C;
    double W = 0;
    size_t j;

    if (!bounded(S))
        return IV_ALL;
    for (j = 0; j < in->nind; j++) {
        if (!present(COL(c, j), i))
            continue;
        if (!(COL(c, j)->weight > 0))
            return IV_ALL;
        W += COL(c, j)->weight;
    }
    C = S;
    for (j = 0; j < in->nind; j++) {
        ival Cj;
        if (j == k || !present(COL(c, j), i))
            continue;
        Cj = contrib_seen(c, j, i, COL(c, j)->weight / W);
        if (!bounded(Cj))
            return IV_ALL;
        C = sub(C, Cj);
    }
    return bs_nmap_value(&c->map[k], scale(C, W / COL(c, k)->weight));
}

/* zscore: the column's normalised values sum to zero; minmax: an unprinted
 * extreme. Needs every other present cell's normalised value. */
static void attack_column(const ctx *c, size_t k, size_t i, ival *zsum,
                          ival *lo_end, ival *hi_end)
{
    const bs_attack_column *col = COL(c, k);
    ival Z = iv(0, 0);
    double tol = col->norm_res > 0 ? col->norm_res / 2 : 1e-9;
    int has_lo = 0, has_hi = 0;
    size_t j;

    *zsum = *lo_end = *hi_end = IV_ALL;
    if (!col->norm)
        return;
    for (j = 0; j < c->n; j++) {
        if (j == i || !present(col, j))
            continue;
        if (!isfinite(col->norm[j]))
            return;
        Z = sub(Z, printed(col->norm[j], col->norm_res));
        has_lo |= fabs(col->norm[j] - col->range_lo) <= tol;
        has_hi |= fabs(col->norm[j] - col->range_hi) <= tol;
    }
    if (col->method == BS_NORM_ZSCORE)
        *zsum = bs_nmap_value(&c->map[k], Z);
    if (col->method == BS_NORM_MINMAX && !has_lo)
        *lo_end = bs_nmap_value(&c->map[k], iv(col->range_lo, col->range_lo));
    if (col->method == BS_NORM_MINMAX && !has_hi)
        *hi_end = bs_nmap_value(&c->map[k], iv(col->range_hi, col->range_hi));
}

static ival attack_shared(const ctx *c, size_t k, size_t i)
{
    double u = persons_per_unit(COL(c, k), i);
    ival Q = quantity_seen(c, k, i);

    if (isnan(u) || !bounded(Q))
        return IV_ALL;
    return scale(Q, 1 / u);
}

/* The printed total minus the other cells, in persons. */
static ival attack_total(const ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);
    ival T, rest = iv(0, 0);
    double den = 0, u = persons_per_unit(col, i);
    size_t j, nunknown = 0;

    if (!isfinite(col->total) || isnan(u))
        return IV_ALL;
    for (j = 0; j < c->n; j++) {
        double uj = persons_per_unit(col, j);
        if (!present(col, j))
            continue;
        if (isnan(uj))
            return IV_ALL;
        den += col->kind == BS_DISC_RATE ? col->denominator[j] : 0;
        if (j == i)
            continue;
        if (value_printed(col, j) && bounded(KN(c, k, j)))
            rest = add(rest, scale(KN(c, k, j), uj));
        else
            nunknown++;
    }
    T = printed(col->total, col->total_res);
    if (col->kind == BS_DISC_RATE)
        T = scale(T, den / col->per);
    T = sub(T, rest);
    if (nunknown > 0)
        T.lo = 0;       /* the other unknown cells hold at least 0 */
    return scale(T, 1 / u);
}

static ival attack_class(const ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);
    int j;

    if (!col->cls || col->nclass <= 0 || !col->class_lo || !col->class_hi)
        return IV_ALL;
    j = col->cls[i];
    if (j < 0 || j >= col->nclass)
        return IV_ALL;
    return iv(col->class_lo[j] - col->class_res / 2,
              col->class_hi[j] + col->class_res / 2);
}

/* A bound b that no printed cell explains, held by the one suppressed
 * cell that can hold it (cls_need: the class it must be in, -1 any). */
static ival bound_held(const ctx *c, size_t k, size_t i, double b, double res,
                       int cls_need)
{
    const bs_attack_column *col = COL(c, k);
    ival B;
    size_t j, ncand = 0, cand = 0;

    if (!isfinite(b))
        return IV_ALL;
    B = printed(b, res);
    for (j = 0; j < c->n; j++) {
        if (value_printed(col, j)) {
            ival m = meet(KN(c, k, j), B);
            if (m.lo <= m.hi)
                return IV_ALL;
        } else if (col->suppressed && col->suppressed[j] &&
                   (cls_need < 0 || !col->cls || col->cls[j] < 0 ||
                    col->cls[j] == cls_need)) {
            ncand++;
            cand = j;
        }
    }
    return ncand == 1 && cand == i ? B : IV_ALL;
}

/* ---- judging ------------------------------------------------------------ */

static double leak_width(const ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);
    double base = c->in->round_base > 1 ? c->in->round_base : 1;
    double u = persons_per_unit(col, i), t = col->truth[i];

    if (!isnan(u))
        return base / u;
    return col->value_res > 0 ? col->value_res : 1e-6 * (1 + fabs(t));
}

static int holds_truth(const bs_attack_column *col, size_t i, ival X)
{
    double t = col->truth[i], slack = 1e-7 * (1 + fabs(t));
    return X.lo <= t + slack && t - slack <= X.hi;
}

static int record(ctx *c, size_t k, size_t i, const char *attack, ival X)
{
    bs_attack_result *r = c->out;

    if (r->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        bs_attack_finding *f = realloc(r->finding, cap * sizeof *f);
        if (!f)
            return -1;
        r->finding = f;
        c->cap = cap;
    }
    r->finding[r->n].ind = k;
    r->finding[r->n].area = i;
    r->finding[r->n].attack = attack;
    r->finding[r->n].lo = X.lo;
    r->finding[r->n].hi = X.hi;
    r->finding[r->n].truth = COL(c, k)->truth[i];
    r->n++;
    return 0;
}

/* Judges one attack's interval; folds those that hold the truth into
 * *all. Returns -1 when out of memory. */
static int judge(ctx *c, size_t k, size_t i, const char *attack, ival X,
                 ival *all, int *found)
{
    const bs_attack_column *col = COL(c, k);

    X = whole(col, meet(X, base_of(col)));
    if (!(X.lo <= X.hi) || !holds_truth(col, i, X))
        return 0;
    *all = meet(*all, X);
    if (X.hi - X.lo > leak_width(c, k, i))
        return 0;
    *found = 1;
    return record(c, k, i, attack, X);
}

static int attack_cell(ctx *c, size_t k, size_t i)
{
    const bs_attack_column *col = COL(c, k);
    ival all = base_of(col), zsum, lo_end, hi_end;
    int found = 0, top = col->nclass - 1, rc = 0;

    attack_column(c, k, i, &zsum, &lo_end, &hi_end);
    rc |= judge(c, k, i, "norm", attack_norm(c, k, i), &all, &found);
    rc |= judge(c, k, i, "score", attack_score(c, k, i), &all, &found);
    rc |= judge(c, k, i, "zsum", zsum, &all, &found);
    rc |= judge(c, k, i, "extreme", lo_end, &all, &found);
    rc |= judge(c, k, i, "extreme", hi_end, &all, &found);
    rc |= judge(c, k, i, "shared", attack_shared(c, k, i), &all, &found);
    rc |= judge(c, k, i, "total", attack_total(c, k, i), &all, &found);
    rc |= judge(c, k, i, "class", attack_class(c, k, i), &all, &found);
    rc |= judge(c, k, i, "bound", bound_held(c, k, i, col->min, col->range_res, 0),
                &all, &found);
    rc |= judge(c, k, i, "bound", bound_held(c, k, i, col->max, col->range_res,
                                             top), &all, &found);
    if (col->nclass > 0 && col->class_lo && col->class_hi) {
        rc |= judge(c, k, i, "bound", bound_held(c, k, i, col->class_lo[0],
                                                 col->class_res, 0), &all, &found);
        rc |= judge(c, k, i, "bound", bound_held(c, k, i, col->class_hi[top],
                                                 col->class_res, top), &all, &found);
    }
    if (!found)
        rc |= judge(c, k, i, "combined", all, &all, &found);
    return rc;
}

void bs_attack_column_init(bs_attack_column *c)
{
    memset(c, 0, sizeof *c);
    c->kind = BS_DISC_VALUE;
    c->method = BS_NORM_NONE;
    c->range_lo = 0;
    c->range_hi = 1;
    c->norm_offset = c->norm_slope = c->weight = NAN;
    c->quantity = -1;
    c->per = 100;
    c->total = NAN;
    c->min = c->max = NAN;
}

void bs_attack_result_free(bs_attack_result *r)
{
    if (!r)
        return;
    free(r->finding);
    memset(r, 0, sizeof *r);
}

long bs_attack_find(const bs_attack_result *r, size_t ind, size_t area,
                    const char *attack)
{
    size_t f;

    for (f = 0; f < r->n; f++)
        if (r->finding[f].ind == ind && r->finding[f].area == area &&
            (!attack || strcmp(r->finding[f].attack, attack) == 0))
            return (long)f;
    return -1;
}

int bs_attack_run(const bs_attack_input *in, bs_attack_result *out,
                  bs_error *err)
{
    ctx c;
    size_t k, i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    for (k = 0; k < in->nind; k++)
        if (in->n > 0 && (!in->col[k].truth || !in->col[k].value))
            return bs_error_set(err, "attack: indicator %s has no %s",
                                in->col[k].id ? in->col[k].id : "?",
                                in->col[k].truth ? "printed values" : "truth");
    c.in = in;
    c.n = in->n;
    c.out = out;
    c.K = malloc((in->nind * in->n + 1) * sizeof *c.K);
    c.map = calloc(in->nind + 1, sizeof *c.map);
    if (!c.K || !c.map)
        goto oom;
    /* what the reader knows, narrowed in turns: each turn's maps are fitted
     * on the cells the turn before un-rounded */
    know_printed(&c);
    know_shared(&c);
    for (i = 0; i < 3; i++) {
        if (know_maps(&c) != 0)
            goto oom;
        know_shared(&c);
    }
    for (k = 0; k < in->nind; k++) {
        const bs_attack_column *col = &in->col[k];
        for (i = 0; i < in->n; i++) {
            if (!col->suppressed || !col->suppressed[i] || isnan(col->truth[i]))
                continue;
            out->ncells++;
            if (attack_cell(&c, k, i) != 0)
                goto oom;
        }
    }
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "attack: out of memory");
    bs_attack_result_free(out);
done:
    for (k = 0; c.map && k < in->nind; k++)
        bs_nmap_free(&c.map[k]);
    free(c.map);
    free(c.K);
    return rc;
}
