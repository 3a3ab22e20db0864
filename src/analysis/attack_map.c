/* attack_map.c: maps between value and printed normalised value for the
 * disclosure attacker (attack_map.h). */
#include "attack_map.h"

#include <stdlib.h>
#include <string.h>

void bs_nmap_free(bs_nmap *m)
{
    free(m->vb);
    free(m->vm);
    free(m->mz);
    free(m->mx);
    memset(m, 0, sizeof *m);
}

typedef struct anchor {
    double z;
    ival x;
} anchor;

static int cmp_anchor(const void *a, const void *b)
{
    double x = ((const anchor *)a)->z, y = ((const anchor *)b)->z;
    return (x > y) - (x < y);
}

static int affine_method(bs_norm m)
{
    return m == BS_NORM_ZSCORE || m == BS_NORM_MINMAX || m == BS_NORM_NONE ||
           m == BS_NORM_DISTANCE;
}

/* The feasible (b, m) of value = b + m * norm over the anchors: a convex
 * polygon, kept as its vertices (every pairwise intersection of the
 * anchors' bounding lines that satisfies all of them). */
static int map_lp(bs_nmap *m, const anchor *a, size_t na, double zres)
{
    double lo[MAX_ANCHORS], hi[MAX_ANCHORS], z[MAX_ANCHORS], slope;
    size_t p, q, j, cap = 2 * MAX_ANCHORS * MAX_ANCHORS;

    slope = (a[na - 1].x.lo + a[na - 1].x.hi - a[0].x.lo - a[0].x.hi) /
            (2 * (a[na - 1].z - a[0].z));
    for (j = 0; j < na; j++) {
        double widen = fabs(slope) * (zres > 0 ? zres / 2 : 1e-9 * fabs(a[j].z));
        z[j] = a[j].z;
        lo[j] = a[j].x.lo - widen;
        hi[j] = a[j].x.hi + widen;
    }
    m->vb = malloc(cap * sizeof *m->vb);
    m->vm = malloc(cap * sizeof *m->vm);
    if (!m->vb || !m->vm)
        return -1;
    for (p = 0; p < 2 * na; p++) {
        for (q = p + 1; q < 2 * na; q++) {
            double zp = z[p / 2], zq = z[q / 2];
            double cp = p % 2 ? hi[p / 2] : lo[p / 2];
            double cq = q % 2 ? hi[q / 2] : lo[q / 2];
            double mm, bb;
            if (zp == zq)
                continue;
            mm = (cp - cq) / (zp - zq);
            bb = cp - mm * zp;
            for (j = 0; j < na; j++) {
                double x = bb + mm * z[j];
                double tol = 1e-9 * (1 + fabs(lo[j]) + fabs(hi[j]));
                if (x < lo[j] - tol || x > hi[j] + tol)
                    break;
            }
            if (j == na && m->nv < cap) {
                m->vb[m->nv] = bb;
                m->vm[m->nv] = mm;
                m->nv++;
            }
        }
    }
    m->kind = m->nv > 0 ? MAP_LP : MAP_NONE;
    return 0;
}

static int map_mono(bs_nmap *m, const anchor *a, size_t na)
{
    size_t j;

    m->mz = malloc(na * sizeof *m->mz);
    m->mx = malloc(na * sizeof *m->mx);
    if (!m->mz || !m->mx)
        return -1;
    for (j = 0; j < na; j++) {
        m->mz[j] = a[j].z;
        m->mx[j] = a[j].x;
    }
    m->nm = na;
    m->up = a[na - 1].x.lo + a[na - 1].x.hi >= a[0].x.lo + a[0].x.hi;
    m->kind = MAP_MONO;
    return 0;
}

int bs_nmap_build(const bs_attack_column *c, const ival *K, size_t n,
                  bs_nmap *m)
{
    anchor *a = NULL, pick[MAX_ANCHORS];
    size_t i, na = 0;
    int rc = 0;

    memset(m, 0, sizeof *m);
    if (isfinite(c->norm_offset) && isfinite(c->norm_slope) && c->norm_slope != 0) {
        m->kind = MAP_EXACT;
        m->a = c->norm_offset;
        m->b = c->norm_slope;
        return 0;
    }
    if (!c->norm)
        return 0;
    a = malloc((n + 1) * sizeof *a);
    if (!a)
        return -1;
    for (i = 0; i < n; i++) {
        if (!isfinite(c->norm[i]) || !bounded(K[i]) || isnan(c->value[i]))
            continue;
        a[na].z = c->norm[i];
        a[na].x = K[i];
        na++;
    }
    qsort(a, na, sizeof *a, cmp_anchor);
    if (na >= 2 && a[0].z < a[na - 1].z) {
        if (affine_method(c->method)) {
            /* evenly spread anchors, both ends included */
            size_t np = na < MAX_ANCHORS ? na : MAX_ANCHORS;
            for (i = 0; i < np; i++)
                pick[i] = a[np == 1 ? 0 : i * (na - 1) / (np - 1)];
            rc = map_lp(m, pick, np, c->norm_res);
        } else {
            rc = map_mono(m, a, na);
        }
    }
    free(a);
    return rc;
}

ival bs_nmap_value(const bs_nmap *m, ival Z)
{
    ival r = iv(INFINITY, -INFINITY);
    size_t v, j;

    switch (m->kind) {
    case MAP_EXACT:
        return scale(sub(Z, iv(m->a, m->a)), 1 / m->b);
    case MAP_LP:
        if (!bounded(Z))
            return IV_ALL;
        for (v = 0; v < m->nv; v++) {
            double x1 = m->vb[v] + m->vm[v] * Z.lo, x2 = m->vb[v] + m->vm[v] * Z.hi;
            r = join(r, iv(fmin(x1, x2), fmax(x1, x2)));
        }
        return r;
    case MAP_MONO:
        r = IV_ALL;
        for (j = 0; j < m->nm; j++) {
            int below = m->mz[j] <= Z.lo, above = m->mz[j] >= Z.hi;
            if ((m->up && below) || (!m->up && above))
                r.lo = fmax(r.lo, m->mx[j].lo);
            if ((m->up && above) || (!m->up && below))
                r.hi = fmin(r.hi, m->mx[j].hi);
        }
        return r;
    default:
        return IV_ALL;
    }
}

ival bs_nmap_norm(const bs_nmap *m, ival X)
{
    ival r = iv(INFINITY, -INFINITY);
    size_t v, j;

    switch (m->kind) {
    case MAP_EXACT:
        return add(iv(m->a, m->a), scale(X, m->b));
    case MAP_LP:
        if (!bounded(X))
            return IV_ALL;
        for (v = 0; v < m->nv; v++) {
            double z1, z2;
            if (m->vm[v] == 0 || (m->vm[v] > 0) != (m->vm[0] > 0))
                return IV_ALL;
            z1 = (X.lo - m->vb[v]) / m->vm[v];
            z2 = (X.hi - m->vb[v]) / m->vm[v];
            r = join(r, iv(fmin(z1, z2), fmax(z1, z2)));
        }
        return r;
    case MAP_MONO:
        r = IV_ALL;
        for (j = 0; j < m->nm; j++) {
            int below = m->mx[j].hi <= X.lo, above = m->mx[j].lo >= X.hi;
            if ((m->up && below) || (!m->up && above))
                r.lo = fmax(r.lo, m->mz[j]);
            if ((m->up && above) || (!m->up && below))
                r.hi = fmin(r.hi, m->mz[j]);
        }
        return r;
    default:
        return IV_ALL;
    }
}
