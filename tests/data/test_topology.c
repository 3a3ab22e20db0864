/* test_topology.c: topology-aware simplification (shared arcs). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/shapefile.h"
#include "buurtscan/topology.h"
#include "testutil.h"

/* --- building small area sets ------------------------------------------ */

typedef struct ring_spec {
    size_t area;              /* rings must come area by area */
    size_t n;                 /* points, closing point included */
    const double *xy;         /* x0, y0, x1, y1, ... */
} ring_spec;

static bs_areas *areas_from(const ring_spec *rs, size_t nrings, size_t nareas)
{
    bs_areas *a = calloc(1, sizeof *a);
    size_t r, i, np = 0;

    ck_assert_ptr_nonnull(a);
    for (r = 0; r < nrings; r++)
        np += rs[r].n;
    a->path = strdup("test.shp");
    a->crs = strdup("EPSG:28992");
    a->n = nareas;
    a->nrings = nrings;
    a->npts = np;
    a->record = malloc(nareas * sizeof *a->record);
    a->ring_first = malloc((nareas + 1) * sizeof *a->ring_first);
    a->pt_first = malloc((nrings + 1) * sizeof *a->pt_first);
    a->x = malloc(np * sizeof *a->x);
    a->y = malloc(np * sizeof *a->y);
    for (i = 0; i < nareas; i++)
        a->record[i] = (long)i + 1;
    np = 0;
    for (i = 0, r = 0; i <= nareas; i++) {
        a->ring_first[i] = r;
        while (i < nareas && r < nrings && rs[r].area == i) {
            a->pt_first[r] = np;
            for (size_t k = 0; k < rs[r].n; k++) {
                a->x[np + k] = rs[r].xy[2 * k];
                a->y[np + k] = rs[r].xy[2 * k + 1];
            }
            np += rs[r].n;
            r++;
        }
    }
    a->pt_first[nrings] = np;
    return a;
}

/* --- looking at rings ---------------------------------------------------- */

/* Points of ring r without the closing point. */
static size_t ring_open(const bs_areas *a, size_t r, const double **x,
                        const double **y)
{
    size_t p0 = a->pt_first[r], m = a->pt_first[r + 1] - p0;

    *x = a->x + p0;
    *y = a->y + p0;
    if (m > 1 && (*x)[0] == (*x)[m - 1] && (*y)[0] == (*y)[m - 1])
        m--;
    return m;
}

static size_t distinct_points(const bs_areas *a, size_t r)
{
    const double *x, *y;
    size_t m = ring_open(a, r, &x, &y), i, j, d = 0;

    for (i = 0; i < m; i++) {
        for (j = 0; j < i && !(x[j] == x[i] && y[j] == y[i]); j++)
            ;
        d += j == i;
    }
    return d;
}

static double signed_area(const bs_areas *a, size_t r)
{
    const double *x, *y;
    size_t m = ring_open(a, r, &x, &y), i;
    double s = 0;

    for (i = 0; i < m; i++) {
        size_t j = (i + 1) % m;
        s += (x[i] - x[0]) * (y[j] - y[0]) - (x[j] - x[0]) * (y[i] - y[0]);
    }
    return s / 2;
}

/* The points of ring r with xlo <= x <= xhi, in ring order, starting
 * after a point outside (so that a run is not split at the ring's start). */
static size_t points_in_band(const bs_areas *a, size_t r, double xlo,
                             double xhi, double *xs, double *ys)
{
    const double *x, *y;
    size_t m = ring_open(a, r, &x, &y), s = 0, i, n = 0;

    while (s < m && x[s] >= xlo && x[s] <= xhi)
        s++;
    for (i = 0; i < m; i++) {
        size_t k = (s + i) % m;
        if (x[k] >= xlo && x[k] <= xhi) {
            xs[n] = x[k];
            ys[n++] = y[k];
        }
    }
    return n;
}

static size_t points_on_x(const bs_areas *a, size_t r, double x0)
{
    double xs[64], ys[64];
    return points_in_band(a, r, x0, x0, xs, ys);
}

/* --- cracks ------------------------------------------------------------- */

typedef struct edge {
    double x0, y0, x1, y1;    /* endpoints in lexicographic order */
} edge;

static int edge_cmp(const void *pa, const void *pb)
{
    const edge *a = pa, *b = pb;
    const double ka[4] = { a->x0, a->y0, a->x1, a->y1 };
    const double kb[4] = { b->x0, b->y0, b->x1, b->y1 };
    for (int i = 0; i < 4; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

static edge make_edge(double xa, double ya, double xb, double yb)
{
    edge e;
    if (xa < xb || (xa == xb && ya < yb))
        e = (edge){ xa, ya, xb, yb };
    else
        e = (edge){ xb, yb, xa, ya };
    return e;
}

typedef struct edge_set {
    edge *e;
    size_t n;
    double q;                 /* coordinates rounded to multiples of q (> 0) */
} edge_set;

static double rounded(const edge_set *s, double v)
{
    return s->q > 0 ? round(v / s->q) : v;
}

static edge edge_in(const edge_set *s, double xa, double ya, double xb,
                    double yb)
{
    return make_edge(rounded(s, xa), rounded(s, ya), rounded(s, xb),
                     rounded(s, yb));
}

/* Every non-degenerate edge of every ring, sorted: the count of an edge is
 * the number of rings (sides) that have it. With q > 0 the coordinates are
 * first rounded to multiples of q, so that copies of a vertex that differ
 * by rounding noise count as one (except the rare pair that straddles a
 * multiple: its edges then count as unshared, which weakens the check,
 * never fails it). */
static edge_set edges_of(const bs_areas *a, double q)
{
    edge_set s = { malloc((a->npts + 1) * sizeof(edge)), 0, q };
    size_t r;

    ck_assert_ptr_nonnull(s.e);
    for (r = 0; r < a->nrings; r++) {
        const double *x, *y;
        size_t m = ring_open(a, r, &x, &y), i;
        for (i = 0; i < m; i++) {
            size_t j = (i + 1) % m;
            edge e = edge_in(&s, x[i], y[i], x[j], y[j]);
            if (e.x0 != e.x1 || e.y0 != e.y1)
                s.e[s.n++] = e;
        }
    }
    qsort(s.e, s.n, sizeof *s.e, edge_cmp);
    return s;
}

static size_t edge_count(const edge_set *s, edge e)
{
    size_t lo = 0, hi = s->n, c = 0;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (edge_cmp(&s->e[mid], &e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo + c < s->n && edge_cmp(&s->e[lo + c], &e) == 0)
        c++;
    return c;
}

static int near(double xa, double ya, double xb, double yb, double eps)
{
    return fabs(xa - xb) <= eps && fabs(ya - yb) <= eps;
}

/* Walks output ring r along input ring r (the output must be a subsequence
 * of the input, in the same direction, each point within eps). Counts the
 * output edges that lie on one side only where the input border they
 * replace was shared: cracks. */
static size_t ring_cracks(const bs_areas *in, const edge_set *ein,
                          const bs_areas *out, const edge_set *eout, size_t r,
                          double eps)
{
    const double *ix, *iy, *ox, *oy;
    size_t mi = ring_open(in, r, &ix, &iy), mo = ring_open(out, r, &ox, &oy);
    size_t start, cracks = 0;

    for (start = 0; start < mi; start++) {
        size_t p = start, k;
        int ok = near(ix[start], iy[start], ox[0], oy[0], eps);
        cracks = 0;
        for (k = 0; ok && k < mo; k++) {
            size_t next = (k + 1) % mo, steps = 0, q = p;
            int shared = 0;
            while (steps < mi) {
                size_t q1 = (q + 1) % mi;
                edge e = edge_in(ein, ix[q], iy[q], ix[q1], iy[q1]);
                if (e.x0 != e.x1 || e.y0 != e.y1)
                    shared |= edge_count(ein, e) > 1;
                q = q1;
                steps++;
                if (near(ix[q], iy[q], ox[next], oy[next], eps))
                    break;
            }
            if (!near(ix[q], iy[q], ox[next], oy[next], eps)) {
                ok = 0;
                break;
            }
            if ((ox[k] != ox[next] || oy[k] != oy[next]) && shared
                && edge_count(eout, make_edge(ox[k], oy[k], ox[next],
                                              oy[next])) < 2)
                cracks++;
            p = q;
        }
        if (ok)
            return cracks;
    }
    ck_abort_msg("ring %zu: the output is not a subsequence of the input", r);
    return 0;
}

typedef struct check_result {
    size_t cracks, collapsed, flipped;
    size_t edges, shared;     /* output edges; those on two rings */
} check_result;

/* Cracks, rings below 3 distinct points (that had 3), rings whose
 * direction changed (a hole that became an outer ring, or back). The
 * output is compared with the input within eps, the input's shared borders
 * found after rounding to q (both 0: exactly). */
static check_result check_near(const bs_areas *in, const bs_areas *out,
                               double eps, double q)
{
    edge_set ein = edges_of(in, q), eout = edges_of(out, 0);
    check_result c = { 0, 0, 0, eout.n, 0 };
    size_t r, i;

    ck_assert_uint_eq(out->n, in->n);
    ck_assert_uint_eq(out->nrings, in->nrings);
    ck_assert_mem_eq(out->ring_first, in->ring_first,
                     (in->n + 1) * sizeof *in->ring_first);
    for (r = 0; r < in->nrings; r++) {
        double ai = signed_area(in, r), ao = signed_area(out, r);
        c.cracks += ring_cracks(in, &ein, out, &eout, r, eps);
        if (distinct_points(in, r) >= 3 && (distinct_points(out, r) < 3
                                            || ao == 0))
            c.collapsed++;
        if ((ai > 0 && ao < 0) || (ai < 0 && ao > 0))
            c.flipped++;
    }
    for (i = 0; i < eout.n; i++)
        c.shared += (i > 0 && edge_cmp(&eout.e[i], &eout.e[i - 1]) == 0)
                    || (i + 1 < eout.n
                        && edge_cmp(&eout.e[i], &eout.e[i + 1]) == 0);
    free(ein.e);
    free(eout.e);
    return c;
}

static check_result check_simplified(const bs_areas *in, const bs_areas *out)
{
    return check_near(in, out, 0, 0);
}

/* --- arcs -------------------------------------------------------------- */

typedef struct side_edge {
    edge e;
    size_t a, b;              /* areas on its sides, a <= b; SIZE_MAX = none */
} side_edge;

static int side_edge_cmp(const void *pa, const void *pb)
{
    const side_edge *a = pa, *b = pb;
    int c = edge_cmp(&a->e, &b->e);

    if (c == 0 && a->a != b->a)
        c = a->a < b->a ? -1 : 1;
    if (c == 0 && a->b != b->b)
        c = a->b < b->b ? -1 : 1;
    return c;
}

static size_t area_of_ring(const bs_areas *a, size_t r)
{
    size_t i = 0;

    while (a->ring_first[i + 1] <= r)
        i++;
    return i;
}

/* The arcs of a simplified set against its rings: every non-degenerate
 * edge of the rings (undirected) lies in exactly one arc, and that arc's
 * sides are the areas of the rings that have the edge. Returns the number
 * of arcs with an area on both sides. */
static size_t check_arcs(const bs_areas *o)
{
    const bs_arcs *arcs = o->arcs;
    side_edge *re = malloc((o->npts + 1) * sizeof *re);
    side_edge *ae = malloc((o->npts + 1) * sizeof *ae);
    size_t nre = 0, nae = 0, r, k, i, j, two = 0;

    ck_assert_ptr_nonnull(arcs);
    ck_assert(re && ae);
    /* ring edges, the copies of an edge merged into one with both areas */
    for (r = 0; r < o->nrings; r++) {
        const double *x, *y;
        size_t m = ring_open(o, r, &x, &y);
        for (i = 0; i < m; i++) {
            edge e = make_edge(x[i], y[i], x[(i + 1) % m], y[(i + 1) % m]);
            if (e.x0 != e.x1 || e.y0 != e.y1)
                re[nre++] = (side_edge){ e, area_of_ring(o, r), SIZE_MAX };
        }
    }
    qsort(re, nre, sizeof *re, side_edge_cmp);
    for (i = 0, j = 0; i < nre; i++) {
        if (j > 0 && edge_cmp(&re[j - 1].e, &re[i].e) == 0) {
            ck_assert_msg(re[j - 1].b == SIZE_MAX, "an edge on three rings");
            re[j - 1].b = re[i].a;       /* sorted: re[j - 1].a <= re[i].a */
        } else {
            re[j++] = re[i];
        }
    }
    nre = j;
    for (k = 0; k < arcs->n; k++) {
        const bs_arc *a = &arcs->arc[k];
        size_t p0, len, s0, s1;
        ck_assert_uint_lt(a->ring, o->nrings);
        p0 = o->pt_first[a->ring];
        len = o->pt_first[a->ring + 1] - p0;
        ck_assert_uint_lt(a->start, len);
        ck_assert_uint_ge(a->n, 2);
        ck_assert_uint_le(a->n, len + 1);
        ck_assert_uint_eq(a->side[0], area_of_ring(o, a->ring));
        ck_assert(a->side[1] == SIZE_MAX || a->side[1] < o->n);
        s0 = a->side[0] < a->side[1] ? a->side[0] : a->side[1];
        s1 = a->side[0] < a->side[1] ? a->side[1] : a->side[0];
        two += a->side[1] != SIZE_MAX;
        for (i = 0; i + 1 < a->n; i++) {
            size_t p = p0 + (a->start + i) % len, q = p0 + (a->start + i + 1) % len;
            edge e = make_edge(o->x[p], o->y[p], o->x[q], o->y[q]);
            if (e.x0 != e.x1 || e.y0 != e.y1) {
                ck_assert_uint_lt(nae, o->npts + 1);
                ae[nae++] = (side_edge){ e, s0, s1 };
            }
        }
    }
    qsort(ae, nae, sizeof *ae, side_edge_cmp);
    ck_assert_uint_eq(nae, nre);
    for (i = 0; i < nae; i++)
        ck_assert_msg(side_edge_cmp(&ae[i], &re[i]) == 0,
                      "edge (%g %g, %g %g): arc sides %zu %zu, ring sides "
                      "%zu %zu", ae[i].e.x0, ae[i].e.y0, ae[i].e.x1,
                      ae[i].e.y1, ae[i].a, ae[i].b, re[i].a, re[i].b);
    free(re);
    free(ae);
    return two;
}

/* --- small cases ------------------------------------------------------- */

/* Two unit squares of 10 m; the shared edge x = 10 carries noise of at
 * most 0.03 m and a collinear point. Rings clockwise, as in a shapefile. */
static const double sq_a[] = {
    0, 0,  0, 10,  10, 10,  10.02, 8,  10, 6,  9.97, 4,  10, 2,  10, 0,  0, 0,
};
static const double sq_b[] = {
    10, 0,  10, 2,  9.97, 4,  10, 6,  10.02, 8,  10, 10,  20, 10,  20, 0,
    10, 0,
};

static bs_areas *two_squares(void)
{
    const ring_spec rs[] = {
        { 0, sizeof sq_a / sizeof *sq_a / 2, sq_a },
        { 1, sizeof sq_b / sizeof *sq_b / 2, sq_b },
    };
    return areas_from(rs, 2, 2);
}

START_TEST(shared_noisy_border_becomes_one_straight_edge_on_both_sides)
{
    bs_areas *in = two_squares(), *out = NULL;
    bs_error err = { "" };
    double xa[16], ya[16], xb[16], yb[16];

    ck_assert_int_eq(bs_areas_simplify(in, 0.1, &out, &err), 0);
    /* Each square is left with its 4 corners, closed: 5 points. */
    ck_assert_uint_eq(out->pt_first[1] - out->pt_first[0], 5);
    ck_assert_uint_eq(out->pt_first[2] - out->pt_first[1], 5);
    ck_assert_uint_eq(points_in_band(out, 0, 9.9, 10.1, xa, ya), 2);
    ck_assert_uint_eq(points_in_band(out, 1, 9.9, 10.1, xb, yb), 2);
    ck_assert(xa[0] == 10 && ya[0] == 10 && xa[1] == 10 && ya[1] == 0);
    ck_assert(xb[0] == 10 && yb[0] == 0 && xb[1] == 10 && yb[1] == 10);
    ck_assert_uint_eq(check_simplified(in, out).cracks, 0);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

START_TEST(noise_above_the_tolerance_is_kept_identically_on_both_sides)
{
    bs_areas *in = two_squares(), *out = NULL;
    bs_error err = { "" };
    double xa[16], ya[16], xb[16], yb[16];
    size_t na, nb, i;

    /* At 0.025 the two dents of 0.03 from the simplified line stay,
     * (10,6) and (10,2) go (0.005 and 0.015 from it). */
    ck_assert_int_eq(bs_areas_simplify(in, 0.025, &out, &err), 0);
    na = points_in_band(out, 0, 9.9, 10.1, xa, ya);
    nb = points_in_band(out, 1, 9.9, 10.1, xb, yb);
    ck_assert_uint_eq(na, 4);
    ck_assert_uint_eq(nb, 4);
    for (i = 0; i < na; i++)
        ck_assert(xa[i] == xb[nb - 1 - i] && ya[i] == yb[nb - 1 - i]);
    ck_assert(xa[1] == 10.02 && ya[1] == 8 && xa[2] == 9.97 && ya[2] == 4);
    ck_assert_uint_eq(check_simplified(in, out).cracks, 0);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

/* The same squares, but B's copies of the border are off by rounding
 * noise (1e-9 m), as after a conversion between CRS: snapped together,
 * both rings get A's coordinates and one shared border. */
START_TEST(copies_of_a_border_off_by_rounding_noise_are_snapped_together)
{
    double nb[sizeof sq_b / sizeof *sq_b];
    const ring_spec rs[] = {
        { 0, sizeof sq_a / sizeof *sq_a / 2, sq_a },
        { 1, sizeof sq_b / sizeof *sq_b / 2, nb },
    };
    bs_areas *in, *out = NULL;
    bs_error err = { "" };
    double xa[16], ya[16], xb[16], yb[16];
    size_t i, na, nbn;

    memcpy(nb, sq_b, sizeof nb);
    for (i = 0; i < sizeof nb / sizeof *nb; i += 2)
        if (nb[i] < 11) {
            nb[i] += 1e-9;
            nb[i + 1] -= 1e-9;
        }
    in = areas_from(rs, 2, 2);
    ck_assert_int_eq(bs_areas_simplify(in, 0.025, &out, &err), 0);
    na = points_in_band(out, 0, 9.9, 10.1, xa, ya);
    nbn = points_in_band(out, 1, 9.9, 10.1, xb, yb);
    ck_assert_uint_eq(na, 4);
    ck_assert_uint_eq(nbn, 4);
    for (i = 0; i < na; i++)
        ck_assert(xa[i] == xb[nbn - 1 - i] && ya[i] == yb[nbn - 1 - i]);
    ck_assert(xb[0] == 10 && yb[0] == 0);     /* A's point, not B's */
    ck_assert_uint_eq(check_near(in, out, 1e-8, 1e-6).cracks, 0);
    bs_areas_free(out);
    /* Tolerance 0 matches exactly: B keeps its own points. */
    ck_assert_int_eq(bs_areas_simplify(in, 0, &out, &err), 0);
    ck_assert_uint_eq(points_in_band(out, 1, 10 + 5e-10, 10 + 2e-9, xb, yb), 4);
    ck_assert_uint_eq(points_on_x(out, 1, 10), 0);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

/* A 100 m square with a hole whose border is a noisy 20 m square, and an
 * enclave area filling the hole exactly (its ring is the hole reversed,
 * started at another point). */
static const double outer[] = { 0, 0,  0, 100,  100, 100,  100, 0,  0, 0 };
static const double hole[] = {
    40, 40,  50, 40.3,  60, 40,  60.2, 50,  60, 60,  50, 59.8,  40, 60,
    39.9, 50,  40, 40,
};
static const double enclave[] = {
    60, 60,  60.2, 50,  60, 40,  50, 40.3,  40, 40,  39.9, 50,  40, 60,
    50, 59.8,  60, 60,
};

START_TEST(hole_stays_a_hole_and_matches_the_enclave_that_fills_it)
{
    const ring_spec rs[] = {
        { 0, 5, outer }, { 0, 9, hole }, { 1, 9, enclave },
    };
    bs_areas *in = areas_from(rs, 3, 2), *out = NULL;
    bs_error err = { "" };
    const double *hx, *hy, *ex, *ey;
    size_t nh, ne, i, off;
    check_result c;

    ck_assert_int_eq(bs_areas_simplify(in, 1.0, &out, &err), 0);
    nh = ring_open(out, 1, &hx, &hy);
    ne = ring_open(out, 2, &ex, &ey);
    ck_assert_uint_eq(nh, 4);                 /* the 4 corners */
    ck_assert_uint_eq(ne, 4);
    /* The enclave is the hole reversed, as a cyclic sequence. */
    for (off = 0; off < ne && !(ex[off] == hx[0] && ey[off] == hy[0]); off++)
        ;
    ck_assert_uint_lt(off, ne);
    for (i = 0; i < nh; i++) {
        size_t k = (off + ne - i) % ne;
        ck_assert(hx[i] == ex[k] && hy[i] == ey[k]);
    }
    /* Still a hole: opposite direction to the outer ring, inside it. */
    ck_assert(signed_area(out, 0) * signed_area(out, 1) < 0);
    ck_assert_double_eq_tol(fabs(signed_area(out, 1)), 400, 1e-9);
    c = check_simplified(in, out);
    ck_assert_uint_eq(c.cracks, 0);
    ck_assert_uint_eq(c.flipped, 0);
    /* the outer ring alone; the hole and the enclave share one closed arc */
    ck_assert_uint_eq(out->arcs->n, 2);
    ck_assert_uint_eq(check_arcs(out), 1);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

/* Four 10 m squares in a 2 x 2 block, clockwise, with a collinear point on
 * every inner border: 4 inner borders from the centre to the middle of
 * each side, and 4 outer arcs from one such middle round a corner to the
 * next, each border once with the areas on its two sides. */
START_TEST(arcs_of_four_squares_hold_every_border_once_with_its_areas)
{
    static const double q0[] = { 0, 0,  0, 10,  5, 10,  10, 10,  10, 5,  10, 0,  0, 0 };
    static const double q1[] = { 10, 0,  10, 5,  10, 10,  20, 10,  20, 0,  10, 0 };
    static const double q2[] = { 0, 10,  0, 20,  10, 20,  10, 15,  10, 10,  5, 10,  0, 10 };
    static const double q3[] = { 10, 10,  10, 15,  10, 20,  20, 20,  20, 10,  10, 10 };
    const ring_spec rs[] = {
        { 0, 7, q0 }, { 1, 6, q1 }, { 2, 7, q2 }, { 3, 6, q3 },
    };
    bs_areas *in = areas_from(rs, 4, 4), *out = NULL;
    bs_error err = { "" };
    size_t k, outer = 0, pair[4][4] = { { 0 } };

    ck_assert_int_eq(bs_areas_simplify(in, 0, &out, &err), 0);
    ck_assert_uint_eq(out->npts, 4 * 5);        /* the collinear points go */
    ck_assert_uint_eq(out->arcs->n, 8);
    ck_assert_uint_eq(check_arcs(out), 4);
    for (k = 0; k < out->arcs->n; k++) {
        const bs_arc *a = &out->arcs->arc[k];
        if (a->side[1] == SIZE_MAX) {
            ck_assert_uint_eq(a->n, 3);         /* middle, corner, middle */
            outer++;
        } else {
            ck_assert_uint_eq(a->n, 2);
            pair[a->side[0]][a->side[1]]++;
            pair[a->side[1]][a->side[0]]++;
        }
    }
    ck_assert_uint_eq(outer, 4);
    ck_assert_uint_eq(pair[0][1], 1);
    ck_assert_uint_eq(pair[0][2], 1);
    ck_assert_uint_eq(pair[1][3], 1);
    ck_assert_uint_eq(pair[2][3], 1);
    ck_assert_uint_eq(pair[0][3] + pair[1][2], 0);   /* corners only */
    /* The arcs index the points: transformed in place (as a reprojection
     * does), they still trace the same borders. */
    for (k = 0; k < out->npts; k++) {
        out->x[k] = 3 * out->x[k] + 100;
        out->y[k] = -2 * out->y[k];
    }
    ck_assert_uint_eq(check_arcs(out), 4);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

START_TEST(tiny_island_keeps_three_points_and_its_area)
{
    double ring[2 * 21];
    ring_spec rs[1] = { { 0, 21, ring } };
    bs_areas *in, *out = NULL;
    bs_error err = { "" };
    int k;

    /* A circle of 1 m radius, 20 points, clockwise; tolerance 50 m. */
    for (k = 0; k < 20; k++) {
        ring[2 * k] = 1000 + cos(-k * M_PI / 10);
        ring[2 * k + 1] = 2000 + sin(-k * M_PI / 10);
    }
    ring[40] = ring[0];
    ring[41] = ring[1];
    in = areas_from(rs, 1, 1);
    ck_assert_int_eq(bs_areas_simplify(in, 50, &out, &err), 0);
    ck_assert_uint_eq(distinct_points(out, 0), 3);
    ck_assert(signed_area(out, 0) < 0);       /* still clockwise */
    ck_assert_uint_eq(check_simplified(in, out).collapsed, 0);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

/* Two 1 m areas sharing a curved border: at 50 m each ring would be its
 * two nodes only. Keeping a point must keep it on both sides. */
START_TEST(tiny_neighbours_keep_three_points_and_their_shared_border)
{
    static const double l[] = {
        0, 0,  0, 1,  0.5, 1,  0.6, 0.75,  0.6, 0.5,  0.55, 0.25,  0.5, 0,
        0, 0,
    };
    static const double r[] = {
        0.5, 0,  0.55, 0.25,  0.6, 0.5,  0.6, 0.75,  0.5, 1,  1, 1,  1, 0,
        0.5, 0,
    };
    const ring_spec rs[] = { { 0, 8, l }, { 1, 8, r } };
    bs_areas *in = areas_from(rs, 2, 2), *out = NULL;
    bs_error err = { "" };
    check_result c;

    ck_assert_int_eq(bs_areas_simplify(in, 50, &out, &err), 0);
    ck_assert_uint_ge(distinct_points(out, 0), 3);
    ck_assert_uint_ge(distinct_points(out, 1), 3);
    c = check_simplified(in, out);
    ck_assert_uint_eq(c.cracks, 0);
    ck_assert_uint_eq(c.collapsed, 0);
    ck_assert_uint_eq(c.flipped, 0);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

START_TEST(tolerance_zero_removes_only_collinear_and_repeated_points)
{
    static const double sq[] = {
        0, 0,  0, 5,  0, 5,  0, 10,  5, 10.001,  10, 10,  10, 0,  0, 0,
    };
    const ring_spec rs[] = { { 0, 8, sq } };
    bs_areas *in = areas_from(rs, 1, 1), *out = NULL;
    bs_error err = { "" };

    ck_assert_int_eq(bs_areas_simplify(in, 0, &out, &err), 0);
    /* (0,5) twice on a straight side goes; (5,10.001) stays. */
    ck_assert_uint_eq(out->npts, 6);
    ck_assert_uint_eq(distinct_points(out, 0), 5);
    ck_assert_uint_eq(points_on_x(out, 0, 5), 1);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

START_TEST(scaled_distances_weigh_the_axes)
{
    /* A bump of 0.5 in x on a vertical side and of 0.5 in y on a
     * horizontal side; with kx = 4 only the x bump is 2 (> 1) away. */
    static const double ring[] = {
        0, 0,  0.5, 5,  0, 10,  5, 10.5,  10, 10,  10, 0,  0, 0,
    };
    const ring_spec rs[] = { { 0, 7, ring } };
    bs_areas *in = areas_from(rs, 1, 1), *out = NULL;
    bs_error err = { "" };

    ck_assert_int_eq(bs_areas_simplify_scaled(in, 1, 4, 1, &out, &err), 0);
    ck_assert_uint_eq(points_on_x(out, 0, 0.5), 1);
    ck_assert_uint_eq(points_on_x(out, 0, 5), 0);
    bs_areas_free(out);
    ck_assert_int_eq(bs_areas_simplify_scaled(in, 1, 1, 4, &out, &err), 0);
    ck_assert_uint_eq(points_on_x(out, 0, 0.5), 0);
    ck_assert_uint_eq(points_on_x(out, 0, 5), 1);
    bs_areas_free(out);
    bs_areas_free(in);
}
END_TEST

START_TEST(bad_tolerance_or_scale_is_an_error)
{
    bs_areas *in = two_squares(), *out = (bs_areas *)1;
    bs_error err = { "" };

    ck_assert_int_eq(bs_areas_simplify(in, -1, &out, &err), -1);
    ck_assert_ptr_null(out);
    ck_assert_str_eq(err.msg, "test.shp: simplification tolerance -1: not a "
                     "number >= 0");
    ck_assert_int_eq(bs_areas_simplify(in, NAN, &out, &err), -1);
    ck_assert_int_eq(bs_areas_simplify(in, INFINITY, &out, &err), -1);
    ck_assert_int_eq(bs_areas_simplify_scaled(in, 1, 0, 1, &out, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "scale"));
    in->x[3] = NAN;
    ck_assert_int_eq(bs_areas_simplify(in, 1, &out, &err), -1);
    ck_assert_str_eq(err.msg, "test.shp: record 1: point 4 is not a finite "
                     "number");
    bs_areas_free(in);
}
END_TEST

START_TEST(result_holds_geometry_only_and_outlives_the_input)
{
    static const double deg[] = { 0, 0,  1, 1,  0, 0 };   /* 2 points */
    const ring_spec rs[] = {
        { 0, 9, sq_a }, { 1, 9, sq_b }, { 1, 3, deg },
    };
    bs_areas *in = areas_from(rs, 3, 3), *out = NULL;
    bs_error err = { "" };

    in->record[2] = 77;
    ck_assert_int_eq(bs_areas_simplify(in, 0.1, &out, &err), 0);
    ck_assert_ptr_null(out->attrs);
    ck_assert_str_eq(out->crs, "EPSG:28992");
    ck_assert_str_eq(out->path, "test.shp");
    ck_assert_int_eq(out->record[2], 77);
    /* Area 2 (no rings) stays empty; the degenerate ring is copied. */
    ck_assert_uint_eq(out->ring_first[3] - out->ring_first[2], 0);
    ck_assert_uint_eq(out->pt_first[3] - out->pt_first[2], 3);
    bs_areas_free(in);
    ck_assert_uint_eq(out->pt_first[1], 5);
    bs_areas_free(out);
}
END_TEST

START_TEST(print_tolerance_is_paper_distance_times_the_scale)
{
    /* 300 km on 200 mm is 1:1,500,000; 0.1 mm on paper is 150 m. */
    ck_assert_double_eq_tol(bs_print_tolerance(300000, 200, 0.1), 150, 1e-9);
    ck_assert_double_eq_tol(bs_print_tolerance(25000, 250, 0.2), 20, 1e-9);
    ck_assert(bs_print_tolerance(0, 200, 0.1) == 0);
    ck_assert(bs_print_tolerance(1000, -1, 0.1) == 0);
    ck_assert(bs_print_tolerance(1000, 200, NAN) == 0);
}
END_TEST

/* Lengths of a degree on WGS84 as tabulated (e.g. the "length of a
 * degree" tables; 0: 110,574 / 111,320 m, 45: 111,132 / 78,847 m,
 * 60: 111,412 / 55,800 m, to the metre). */
START_TEST(metres_per_degree_match_the_tabulated_lengths)
{
    double lon, lat;

    bs_metres_per_degree(0, &lon, &lat);
    ck_assert_double_eq_tol(lon, 111320, 1);
    ck_assert_double_eq_tol(lat, 110574, 1);
    bs_metres_per_degree(45, &lon, &lat);
    ck_assert_double_eq_tol(lon, 78847, 1);
    ck_assert_double_eq_tol(lat, 111132, 1);
    bs_metres_per_degree(-60, &lon, &lat);
    ck_assert_double_eq_tol(lon, 55800, 1);
    ck_assert_double_eq_tol(lat, 111412, 1);
}
END_TEST

/* --- real boundaries ---------------------------------------------------- */

static bs_areas *read_shp(const char *path)
{
    bs_areas *a = NULL;
    bs_error err = { "" };

    ck_assert_msg(bs_shapefile_read(path, NULL, &a, NULL, &err) == 0, "%s",
                  err.msg);
    return a;
}

/* Simplifies; checks no crack, no collapsed or flipped ring, and returns
 * the share of points kept. eps and q as check_near; *c gets the counts. */
static double simplify_and_check(const bs_areas *in, double kx, double ky,
                                 double tol, double eps, double q,
                                 check_result *cr)
{
    bs_areas *out = NULL;
    bs_error err = { "" };
    check_result c;
    double kept;

    ck_assert_msg(bs_areas_simplify_scaled(in, tol, kx, ky, &out, &err) == 0,
                  "%s", err.msg);
    c = check_near(in, out, eps, q);
    if (cr)
        *cr = c;
    ck_assert_uint_eq(c.cracks, 0);
    ck_assert_uint_eq(c.collapsed, 0);
    ck_assert_uint_eq(c.flipped, 0);
    check_arcs(out);
    kept = (double)out->npts / (double)in->npts;
    bs_areas_free(out);
    return kept;
}

START_TEST(leeuwarden_wijken_lose_points_but_no_shared_border)
{
    bs_areas *in = read_shp(bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    double box[4], tol, kept;

    ck_assert_int_eq(bs_areas_bbox(in, box), 0);
    tol = bs_print_tolerance(box[2] - box[0], 180, 0.1);
    ck_assert(tol > 10 && tol < 30);
    /* These wijken come simplified already (whole metres, ~34 points per
     * wijk) and many of their points are nodes: at ~12 m about 12 % go. */
    kept = simplify_and_check(in, 1, 1, tol, 0, 0, NULL);
    ck_assert_msg(kept < 0.95, "kept %.3f of the points", kept);
    bs_areas_free(in);
}
END_TEST

START_TEST(national_wijken_lose_points_but_no_shared_border)
{
    bs_areas *in = read_shp(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    double box[4], tol, kept;

    ck_assert_int_eq(bs_areas_bbox(in, box), 0);
    tol = bs_print_tolerance(box[2] - box[0], 180, 0.1);
    /* ~150 m: about half the points go (these too come simplified). */
    kept = simplify_and_check(in, 1, 1, tol, 0, 0, NULL);
    ck_assert_msg(kept < 0.6, "kept %.3f of the points", kept);
    bs_areas_free(in);
}
END_TEST

/* England in lon/lat, simplified in degrees with metres per degree at the
 * middle latitude, as before a reprojection. The two copies of a border
 * vertex differ by up to 1e-6 degree here (mostly 1e-11): snapping must
 * join them, or every border would be simplified twice and crack. The
 * input's shared borders are found at 1e-7 degree (1 cm; its vertices are
 * at least 2.7 m apart); the output must share them exactly. */
START_TEST(england_lsoas_simplified_in_degrees_keep_their_borders)
{
    bs_areas *in = read_shp(bs_test_shared("data/england-lsoa-2011/lsoa2011_wgs84.shp"));
    double box[4], kx, ky, tol, kept;
    check_result c;

    ck_assert_int_eq(bs_areas_bbox(in, box), 0);
    bs_metres_per_degree((box[1] + box[3]) / 2, &kx, &ky);
    tol = bs_print_tolerance((box[2] - box[0]) * kx, 180, 0.1);
    ck_assert(tol > 200 && tol < 400);
    /* ~300 m: seven in eight points go; most of the rest are nodes. */
    kept = simplify_and_check(in, kx, ky, tol, 5e-6, 1e-7, &c);
    ck_assert_msg(kept < 0.25, "kept %.3f of the points", kept);
    /* Most borders are inland: shared by two LSOAs, so on two rings. */
    ck_assert_msg(c.shared > c.edges * 3 / 4, "%zu of %zu edges shared",
                  c.shared, c.edges);
    bs_areas_free(in);
}
END_TEST

static Suite *topology_suite(void)
{
    Suite *s = suite_create("topology");
    TCase *tc = tcase_create("small");
    TCase *real = tcase_create("real");

    tcase_add_test(tc, shared_noisy_border_becomes_one_straight_edge_on_both_sides);
    tcase_add_test(tc, noise_above_the_tolerance_is_kept_identically_on_both_sides);
    tcase_add_test(tc, copies_of_a_border_off_by_rounding_noise_are_snapped_together);
    tcase_add_test(tc, hole_stays_a_hole_and_matches_the_enclave_that_fills_it);
    tcase_add_test(tc, arcs_of_four_squares_hold_every_border_once_with_its_areas);
    tcase_add_test(tc, tiny_island_keeps_three_points_and_its_area);
    tcase_add_test(tc, tiny_neighbours_keep_three_points_and_their_shared_border);
    tcase_add_test(tc, tolerance_zero_removes_only_collinear_and_repeated_points);
    tcase_add_test(tc, scaled_distances_weigh_the_axes);
    tcase_add_test(tc, bad_tolerance_or_scale_is_an_error);
    tcase_add_test(tc, result_holds_geometry_only_and_outlives_the_input);
    tcase_add_test(tc, print_tolerance_is_paper_distance_times_the_scale);
    tcase_add_test(tc, metres_per_degree_match_the_tabulated_lengths);
    suite_add_tcase(s, tc);
    tcase_set_timeout(real, 600);
    tcase_add_test(real, leeuwarden_wijken_lose_points_but_no_shared_border);
    suite_add_tcase(s, real);
    TCase *nat = bs_test_national(s);
    tcase_add_test(nat, national_wijken_lose_points_but_no_shared_border);
    tcase_add_test(nat, england_lsoas_simplified_in_degrees_keep_their_borders);
    return s;
}

int main(void)
{
    return bs_test_run_suite(topology_suite(), 1);
}
