/* attack_map.h: internal to src/analysis: what the disclosure attacker
 * (disclosure_attack.c) reasons with: intervals of what a reader knows of
 * a value, and per column the map between value and printed normalised
 * value, fitted from printed pairs. Not installed. */
#ifndef BUURTSCAN_ATTACK_MAP_H
#define BUURTSCAN_ATTACK_MAP_H

#include <math.h>
#include <stddef.h>
#include "buurtscan/disclosure_attack.h"

/* ---- intervals: [lo, hi], possibly unbounded, empty when lo > hi ---- */

typedef struct ival {
    double lo, hi;
} ival;

static inline ival iv(double lo, double hi)
{
    ival r;
    r.lo = lo;
    r.hi = hi;
    return r;
}

#define IV_ALL ((ival){-INFINITY, INFINITY})

static inline int bounded(ival a)
{
    return isfinite(a.lo) && isfinite(a.hi) && a.lo <= a.hi;
}

static inline ival meet(ival a, ival b)
{
    return iv(fmax(a.lo, b.lo), fmin(a.hi, b.hi));
}

static inline ival join(ival a, ival b)
{
    return iv(fmin(a.lo, b.lo), fmax(a.hi, b.hi));
}

static inline ival add(ival a, ival b)
{
    return iv(a.lo + b.lo, a.hi + b.hi);
}

static inline ival sub(ival a, ival b)
{
    return iv(a.lo - b.hi, a.hi - b.lo);
}

/* a * c for a finite c != 0. */
static inline ival scale(ival a, double c)
{
    return c > 0 ? iv(a.lo * c, a.hi * c) : iv(a.hi * c, a.lo * c);
}

/* What a printed v tells: half a printing step either side; a CSV prints
 * 10 significant digits. */
static inline ival printed(double v, double res)
{
    double h = res > 0 ? res / 2 : 1e-9 * fabs(v);
    return iv(v - h, v + h);
}

/* ---- maps between value and normalised value ----------------------- */

enum { MAP_NONE, MAP_EXACT, MAP_LP, MAP_MONO };

/* MAP_EXACT: printed parameters, norm = a + b * value. MAP_LP (affine
 * methods): the feasible (b, m) of value = b + m * norm over up to
 * MAX_ANCHORS printed pairs, a convex polygon kept as its vertices (every
 * pairwise intersection of the pairs' bounding lines that satisfies all of
 * them). MAP_MONO (rank methods, goalposts): the printed pairs sorted by
 * norm; a norm brackets the value between its printed neighbours. */
typedef struct bs_nmap {
    int kind;
    double a, b;
    double *vb, *vm;
    size_t nv;
    double *mz;
    ival *mx;
    size_t nm;
    int up;                 /* MONO: value grows with norm */
} bs_nmap;

#define MAX_ANCHORS 32

/* The map of column c from the knowledge K[n] of its cells (the pairs are
 * the cells with a printed value and normalised value). *m is zeroed
 * first; MAP_NONE when nothing can be fitted. Returns 0, or -1 when out of
 * memory. */
int bs_nmap_build(const bs_attack_column *c, const ival *K, size_t n,
                  bs_nmap *m);
void bs_nmap_free(bs_nmap *m);

/* The values a normalised value in Z maps back to; IV_ALL when unknown. */
ival bs_nmap_value(const bs_nmap *m, ival Z);
/* The normalised values a value in X maps to; IV_ALL when unknown. */
ival bs_nmap_norm(const bs_nmap *m, ival X);

#endif
