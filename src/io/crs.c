/* crs.c: coordinate reference systems and reprojection through PROJ.
 *
 * Every call makes its own PJ_CONTEXT: contexts are not thread-safe, and a
 * context per call keeps this module free of global state. PROJ logs to
 * stderr by default; the context's log function keeps the last error
 * message instead, so that it can go into the bs_error.
 *
 * Large transforms are split over the cores, each thread with its own
 * context and its own copy (proj_clone) of the transformation, which is
 * looked up once (PJ objects are not thread-safe either). PROJ transforms
 * each point on its own (it picks the operation for the point from its
 * position alone), so the result is the same, bit for bit, however the
 * points are split. bs_areas_simplify_to reads both CRS and makes the
 * transformation once for its three uses. */
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <proj.h>
#include "buurtscan/crs.h"
#include "buurtscan/table.h"
#include "buurtscan/topology.h"

/* A thread must have this many points to pay for setting up its own
 * transformation (a few milliseconds of PROJ database lookups). */
#define CHUNK_MIN 65536
#define THREADS_MAX 16

typedef struct crs_ctx {
    PJ_CONTEXT *pj;
    char last[512];      /* last error PROJ logged, without its "func: " */
} crs_ctx;

static void crs_log(void *ud, int level, const char *msg)
{
    crs_ctx *c = ud;
    const char *s;

    if (level > PJ_LOG_ERROR || !msg)
        return;
    /* "proj_create: crs not found" -> "crs not found" */
    s = strstr(msg, ": ");
    s = s ? s + 2 : msg;
    snprintf(c->last, sizeof c->last, "%s", s);
}

static int crs_ctx_open(crs_ctx *c, bs_error *err)
{
    c->last[0] = '\0';
    c->pj = proj_context_create();
    if (!c->pj)
        return bs_error_set(err, "PROJ: cannot create a context");
    proj_log_func(c->pj, c, crs_log);
    proj_context_set_enable_network(c->pj, 0);
    return 0;
}

static void crs_ctx_close(crs_ctx *c)
{
    proj_context_destroy(c->pj);
}

/* What went wrong, as well as PROJ can say: its logged message is specific
 * ("crs not found"), its errno string is often not ("Unknown error"). */
static const char *crs_reason(crs_ctx *c)
{
    int e;

    if (c->last[0])
        return c->last;
    e = proj_context_errno(c->pj);
    return e ? proj_context_errno_string(c->pj, e) : "unknown reason";
}

/* A CRS object from text. A bare PROJ string ("+proj=longlat +datum=WGS84")
 * makes a coordinate operation, not a CRS, unless +type=crs is added. */
static PJ *crs_create(crs_ctx *c, const char *text)
{
    PJ *p;

    c->last[0] = '\0';
    p = proj_create(c->pj, text);
    if (p && !proj_is_crs(p) && text[0] == '+' && !strstr(text, "type=crs")) {
        size_t n = strlen(text) + sizeof " +type=crs";
        char *s = malloc(n);
        proj_destroy(p);
        if (!s)
            return NULL;
        snprintf(s, n, "%s +type=crs", text);
        p = proj_create(c->pj, s);
        free(s);
    }
    if (p && !proj_is_crs(p)) {
        snprintf(c->last, sizeof c->last,
                 "this is a coordinate operation, not a CRS");
        proj_destroy(p);
        return NULL;
    }
    return p;
}

/* A short name for messages: the CRS name, or the start of the text. */
static void crs_label(PJ *p, const char *text, char *buf, size_t n)
{
    const char *name = p ? proj_get_name(p) : NULL;

    if (name && *name && strcmp(name, "unknown") != 0)
        snprintf(buf, n, "%s", name);
    else if (strlen(text) > 40)
        snprintf(buf, n, "%.37s...", text);
    else
        snprintf(buf, n, "%s", text);
}

static int crs_unreadable(crs_ctx *c, const char *text, bs_error *err)
{
    char l[64];

    crs_label(NULL, text, l, sizeof l);
    return bs_error_set(err, "PROJ cannot read the CRS '%s': %s", l,
                        crs_reason(c));
}

int bs_crs_check(const char *crs, const char *what, bs_error *err)
{
    crs_ctx c;
    PJ *p;

    if (!crs || !*crs)
        return bs_error_set(err, "%s: PROJ cannot read this CRS: it is empty",
                            what);
    if (crs_ctx_open(&c, err) != 0)
        return -1;
    p = crs_create(&c, crs);
    if (!p) {
        bs_error_set(err, "%s: PROJ cannot read this CRS: %s", what,
                     crs_reason(&c));
        crs_ctx_close(&c);
        return -1;
    }
    proj_destroy(p);
    crs_ctx_close(&c);
    return 0;
}

/* The transformation from src to dst, x = east and y = north on both
 * sides (EPSG:4326 is lat/lon by definition; maps want x = lon, y = lat);
 * NULL with a message when PROJ cannot make it. Finding it is the costly
 * part of a transform (tens of milliseconds of database look-ups), so it
 * is made once per transform and copied to the other threads. */
static PJ *crs_op(crs_ctx *c, PJ *src, PJ *dst, const char *lfrom, const char *lto,
                  bs_error *err)
{
    PJ *op, *norm;

    c->last[0] = '\0';
    op = proj_create_crs_to_crs_from_pj(c->pj, src, dst, NULL, NULL);
    norm = op ? proj_normalize_for_visualization(c->pj, op) : NULL;
    proj_destroy(op);
    if (!norm)
        bs_error_set(err, "PROJ cannot transform from %s to %s: %s", lfrom, lto,
                     crs_reason(c));
    return norm;
}

/* Transforms x, y[0..n) with op and counts the points that came out
 * non-finite in *bad. */
static void crs_apply(PJ *op, double *x, double *y, size_t n, size_t *bad)
{
    size_t i;

    *bad = 0;
    if (n > 0)
        proj_trans_generic(op, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0,
                           NULL, 0, 0);
    for (i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            (*bad)++;
}

/* One thread's share of a transform, with a context and a copy of the
 * transformation of its own (PJ objects are not thread-safe). */
typedef struct crs_part {
    crs_ctx c;
    PJ *op;                   /* NULL: not set up, the share runs on op[0] */
    double *x, *y;
    size_t n, bad;
} crs_part;

static void *crs_part_run(void *arg)
{
    crs_part *p = arg;

    crs_apply(p->op, p->x, p->y, p->n, &p->bad);
    return NULL;
}

static unsigned crs_threads(size_t n)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t t = n / CHUNK_MIN;

    if (cpus < 1)
        cpus = 1;
    if (t > (size_t)cpus)
        t = (size_t)cpus;
    if (t > THREADS_MAX)
        t = THREADS_MAX;
    return t > 1 ? (unsigned)t : 1;
}

/* Transforms with op (made by crs_op in this thread); see
 * bs_crs_transform. The calling thread does the first share; the others
 * get threads of their own with copies of op made here beforehand, or
 * run here too if a copy or a thread cannot be made. PROJ picks the
 * operation for each point from its position alone, so the result is the
 * same, bit for bit, however the points are split. */
static int crs_transform(PJ *op, const char *lfrom, const char *lto, double *x,
                         double *y, size_t n, bs_error *err)
{
    crs_part part[THREADS_MAX];
    pthread_t tid[THREADS_MAX];
    int started[THREADS_MAX] = { 0 };
    unsigned nt = crs_threads(n), t;
    size_t bad = 0;

    for (t = 0; t < nt; t++) {
        size_t a = n / nt * t, b = t + 1 < nt ? n / nt * (t + 1) : n;
        part[t] = (crs_part){ { NULL, "" }, t == 0 ? op : NULL, x + a, y + a, b - a, 0 };
        if (t > 0 && crs_ctx_open(&part[t].c, NULL) == 0
            && !(part[t].op = proj_clone(part[t].c.pj, op))) {
            crs_ctx_close(&part[t].c);
            part[t].c.pj = NULL;
        }
    }
    for (t = 1; t < nt; t++)
        if (part[t].op)
            started[t] = pthread_create(&tid[t], NULL, crs_part_run, &part[t]) == 0;
    crs_part_run(&part[0]);
    for (t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            crs_apply(part[t].op ? part[t].op : op, part[t].x, part[t].y, part[t].n,
                      &part[t].bad);
        bad += part[t].bad;
        proj_destroy(part[t].op);
        if (part[t].c.pj)
            crs_ctx_close(&part[t].c);
    }
    bad += part[0].bad;
    if (bad > 0)
        return bs_error_set(err,
            "PROJ could not transform %zu of %zu points from %s to %s "
            "(outside the area the CRS covers?)", bad, n, lfrom, lto);
    return 0;
}

/* Transforms with an open context, src and dst read. */
static int crs_transform_pj(crs_ctx *c, PJ *src, PJ *dst, const char *from,
                            const char *to, double *x, double *y, size_t n,
                            bs_error *err)
{
    char lfrom[64], lto[64];
    PJ *op;
    int rc;

    crs_label(src, from, lfrom, sizeof lfrom);
    crs_label(dst, to, lto, sizeof lto);
    if (!(op = crs_op(c, src, dst, lfrom, lto, err)))
        return -1;
    rc = crs_transform(op, lfrom, lto, x, y, n, err);
    proj_destroy(op);
    return rc;
}

/* Opens a context, reads CRS a and b and runs fn on them; -1 when either
 * cannot be read (the message names it), else what fn returns. */
typedef int (*two_crs_fn)(crs_ctx *c, PJ *a, PJ *b, void *ud, bs_error *err);

static int with_two_crs(const char *a, const char *b, two_crs_fn fn, void *ud,
                        bs_error *err)
{
    crs_ctx c;
    PJ *pa = NULL, *pb = NULL;
    int rc = -1;

    if (crs_ctx_open(&c, err) != 0)
        return -1;
    if (!(pa = crs_create(&c, a)))
        crs_unreadable(&c, a, err);
    else if (!(pb = crs_create(&c, b)))
        crs_unreadable(&c, b, err);
    else
        rc = fn(&c, pa, pb, ud, err);
    proj_destroy(pa);
    proj_destroy(pb);
    crs_ctx_close(&c);
    return rc;
}

typedef struct transform_args {
    const char *from, *to;
    double *x, *y;
    size_t n;
} transform_args;

static int transform_fn(crs_ctx *c, PJ *src, PJ *dst, void *ud, bs_error *err)
{
    transform_args *t = ud;
    return crs_transform_pj(c, src, dst, t->from, t->to, t->x, t->y, t->n, err);
}

int bs_crs_transform(const char *from, const char *to, double *x, double *y,
                     size_t n, bs_error *err)
{
    transform_args t = { from, to, x, y, n };
    return with_two_crs(from, to, transform_fn, &t, err);
}

/* Transforms copies of the coordinates so that a failure leaves the area set
 * as it was. */
/* Puts the areas' file before the message in err; returns 1, so that
 * "transform(...) != 0 && name_file(a, err)" reads as failing. */
static int name_file(const bs_areas *a, bs_error *err)
{
    char msg[BS_ERROR_MAX];

    if (err) {
        snprintf(msg, sizeof msg, "%s", err->msg);
        bs_error_set(err, "%s: %s", a->path, msg);
    }
    return 1;
}

int bs_areas_reproject(bs_areas *a, const char *to, bs_error *err)
{
    crs_ctx c;
    PJ *src = NULL, *dst = NULL;
    double *nx = NULL, *ny = NULL;
    char *crs = NULL;
    int rc = -1;

    if (!a->crs)
        return bs_error_set(err, "%s: the areas have no CRS", a->path);
    if (crs_ctx_open(&c, err) != 0)
        return -1;
    if (!(src = crs_create(&c, a->crs))) {
        bs_error_set(err, "%s: PROJ cannot read this CRS: %s", a->path,
                     crs_reason(&c));
        goto done;
    }
    if (!(dst = crs_create(&c, to))) {
        crs_unreadable(&c, to, err);
        goto done;
    }
    if (!(crs = strdup(to))) {
        bs_error_set(err, "%s: out of memory", a->path);
        goto done;
    }
    /* Axis order does not matter: transforms use x = east, y = north. */
    if (proj_is_equivalent_to_with_ctx(c.pj, src, dst,
            PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)) {
        rc = 0;
        goto done;
    }
    if (a->npts > 0) {
        nx = malloc(a->npts * sizeof *nx);
        ny = malloc(a->npts * sizeof *ny);
        if (!nx || !ny) {
            bs_error_set(err, "%s: out of memory", a->path);
            goto done;
        }
        memcpy(nx, a->x, a->npts * sizeof *nx);
        memcpy(ny, a->y, a->npts * sizeof *ny);
    }
    if (crs_transform_pj(&c, src, dst, a->crs, to, nx, ny, a->npts, err) != 0) {
        name_file(a, err);
        goto done;
    }
    free(a->x);
    free(a->y);
    a->x = nx;
    a->y = ny;
    nx = ny = NULL;
    rc = 0;
done:
    if (rc == 0) {
        free(a->crs);
        a->crs = crs;
        crs = NULL;
    }
    free(crs);
    free(nx);
    free(ny);
    proj_destroy(src);
    proj_destroy(dst);
    crs_ctx_close(&c);
    return rc;
}

static int equivalent_fn(crs_ctx *c, PJ *a, PJ *b, void *ud, bs_error *err)
{
    (void)ud, (void)err;
    return proj_is_equivalent_to_with_ctx(c->pj, a, b,
               PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) ? 1 : 0;
}

int bs_crs_equivalent(const char *a, const char *b, bs_error *err)
{
    return with_two_crs(a, b, equivalent_fn, NULL, err);
}

/* Whether crs (read from text) is geographic: 1, 0, or -1 with a message.
 * Looks through a WKT1 TOWGS84 (bound CRS) and a vertical part (compound
 * CRS) to the horizontal CRS. */
static int pj_geographic(crs_ctx *c, PJ *crs, const char *text, bs_error *err)
{
    PJ *p = crs, *inner;
    int rc;

    for (;;) {
        PJ_TYPE t = proj_get_type(p);
        if (t == PJ_TYPE_BOUND_CRS)
            inner = proj_get_source_crs(c->pj, p);
        else if (t == PJ_TYPE_COMPOUND_CRS)
            inner = proj_crs_get_sub_crs(c->pj, p, 0);
        else {
            rc = t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS
                 || t == PJ_TYPE_GEOGRAPHIC_CRS;
            break;
        }
        if (p != crs)
            proj_destroy(p);
        p = inner;
        if (!p) {
            char l[64];
            crs_label(NULL, text, l, sizeof l);
            return bs_error_set(err, "PROJ cannot analyse the CRS '%s': %s", l,
                                crs_reason(c));
        }
    }
    if (p != crs)
        proj_destroy(p);
    return rc;
}

int bs_crs_is_geographic(const char *crs, bs_error *err)
{
    crs_ctx c;
    PJ *p;
    int rc;

    if (crs_ctx_open(&c, err) != 0)
        return -1;
    p = crs_create(&c, crs);
    if (!p) {
        crs_unreadable(&c, crs, err);
        crs_ctx_close(&c);
        return -1;
    }
    rc = pj_geographic(&c, p, crs, err);
    proj_destroy(p);
    crs_ctx_close(&c);
    return rc;
}

/* --- simplifying before reprojecting -------------------------------------- */

int bs_areas_bbox_in(const bs_areas *a, const char *to, double box[4],
                     bs_error *err)
{
    size_t i, r, k, n = 0;
    double *x = malloc((4 * a->n + 1) * sizeof *x);
    double *y = malloc((4 * a->n + 1) * sizeof *y);
    int rc = -1;

    if (!x || !y) {
        bs_error_set(err, "%s: out of memory", a->path);
        goto done;
    }
    for (i = 0; i < a->n; i++) {
        size_t e[4] = { SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX };
        for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++)
            for (k = a->pt_first[r]; k < a->pt_first[r + 1]; k++) {
                if (e[0] == SIZE_MAX || a->x[k] < a->x[e[0]]) e[0] = k;
                if (e[1] == SIZE_MAX || a->x[k] > a->x[e[1]]) e[1] = k;
                if (e[2] == SIZE_MAX || a->y[k] < a->y[e[2]]) e[2] = k;
                if (e[3] == SIZE_MAX || a->y[k] > a->y[e[3]]) e[3] = k;
            }
        for (k = 0; k < 4; k++)
            if (e[k] != SIZE_MAX) {
                x[n] = a->x[e[k]];
                y[n++] = a->y[e[k]];
            }
    }
    if (n == 0) {
        rc = 1;
        goto done;
    }
    if (!a->crs) {
        bs_error_set(err, "%s: the areas have no CRS", a->path);
        goto done;
    }
    if (bs_crs_transform(a->crs, to, x, y, n, err) != 0 && name_file(a, err))
        goto done;
    box[0] = box[2] = x[0];
    box[1] = box[3] = y[0];
    for (k = 1; k < n; k++) {
        box[0] = fmin(box[0], x[k]);
        box[1] = fmin(box[1], y[k]);
        box[2] = fmax(box[2], x[k]);
        box[3] = fmax(box[3], y[k]);
    }
    rc = 0;
done:
    free(x);
    free(y);
    return rc;
}

#define STRETCH_SAMPLES 256

/* The largest stretch (units of `to` per scaled source unit) of a small
 * step east and north from up to STRETCH_SAMPLES of the areas' points:
 * see bs_areas_simplify_to. -1 on error. */
static double max_stretch(const bs_areas *a, PJ *op, const char *lfrom,
                          const char *lto, const char *to, double kx, double ky,
                          bs_error *err)
{
    double *x = malloc(3 * STRETCH_SAMPLES * sizeof *x);
    double *y = malloc(3 * STRETCH_SAMPLES * sizeof *y);
    double box[4], dx, dy, worst = -1;
    size_t i, step, n = 0;

    if (!x || !y) {
        bs_error_set(err, "%s: out of memory", a->path);
        goto done;
    }
    if (bs_areas_bbox(a, box) != 0) {
        worst = 1;      /* no geometry: nothing to measure or to simplify */
        goto done;
    }
    /* a step of a ten-thousandth of the set (some tens of metres for a
     * country), or of its larger side when it is a line */
    dx = (box[2] - box[0]) * 1e-4;
    dy = (box[3] - box[1]) * 1e-4;
    if (!(dx > 0) || !(dy > 0))
        dx = dy = fmax(dx, dy) > 0 ? fmax(dx, dy) : 1e-6;
    step = a->npts / STRETCH_SAMPLES + 1;
    for (i = 0; i < a->npts && n + 3 <= 3 * STRETCH_SAMPLES; i += step) {
        x[n] = a->x[i];          y[n++] = a->y[i];
        x[n] = a->x[i] + dx;     y[n++] = a->y[i];
        x[n] = a->x[i];          y[n++] = a->y[i] + dy;
    }
    if (crs_transform(op, lfrom, lto, x, y, n, err) != 0 && name_file(a, err))
        goto done;
    worst = 0;
    for (i = 0; i + 3 <= n; i += 3) {
        double se = hypot(x[i + 1] - x[i], y[i + 1] - y[i]) / (kx * dx);
        double sn = hypot(x[i + 2] - x[i], y[i + 2] - y[i]) / (ky * dy);
        worst = fmax(worst, fmax(se, sn));
    }
    if (!(worst > 0) || !isfinite(worst))
        worst = bs_error_set(err, "%s: cannot measure the scale of %s in %s",
                             a->path, a->crs, to);
done:
    free(x);
    free(y);
    return worst;
}

/* bs_areas_simplify_to with the context, both CRS and the transformation
 * between them set up. */
static int simplify_to(crs_ctx *c, const bs_areas *a, PJ *src, PJ *dst, const char *to,
                       double tolerance, bs_areas **out, bs_error *err)
{
    double box[4], kx = 1, ky = 1, stretch;
    char lfrom[64], lto[64], *crs;
    int geo, same, rc = -1;
    PJ *op;

    crs_label(src, a->crs, lfrom, sizeof lfrom);
    crs_label(dst, to, lto, sizeof lto);
    geo = pj_geographic(c, src, a->crs, err);
    if (geo < 0)
        return -1;
    if (geo && bs_areas_bbox(a, box) == 0) {
        double near_eq = box[1] > 0 ? box[1] : box[3] < 0 ? -box[3] : 0;
        double near_pole = fmin(fmax(fabs(box[1]), fabs(box[3])), 90), unused;
        bs_metres_per_degree(near_eq, &kx, &unused);
        bs_metres_per_degree(near_pole, &unused, &ky);
    }
    /* Axis order does not matter: transforms use x = east, y = north. */
    same = proj_is_equivalent_to_with_ctx(c->pj, src, dst,
                                          PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
    if (!(op = crs_op(c, src, dst, lfrom, lto, err))) {
        name_file(a, err);
        return -1;
    }
    if ((stretch = max_stretch(a, op, lfrom, lto, to, kx, ky, err)) >= 0
        && bs_areas_simplify_scaled(a, tolerance / (stretch * 1.005), kx, ky, out,
                                    err) == 0) {
        /* the simplified set is new: transformed in place */
        if (!same && crs_transform(op, lfrom, lto, (*out)->x, (*out)->y, (*out)->npts,
                                   err) != 0)
            name_file(a, err);
        else if (!(crs = strdup(to)))
            bs_error_set(err, "%s: out of memory", a->path);
        else {
            free((*out)->crs);
            (*out)->crs = crs;
            rc = 0;
        }
        if (rc != 0) {
            bs_areas_free(*out);
            *out = NULL;
        }
    }
    proj_destroy(op);
    return rc;
}

/* One context, both CRS read and the transformation made once for the
 * scale, the simplification and the reprojection of the points kept. */
int bs_areas_simplify_to(const bs_areas *a, const char *to, double tolerance,
                         bs_areas **out, bs_error *err)
{
    crs_ctx c;
    PJ *src = NULL, *dst = NULL;
    int rc = -1;

    *out = NULL;
    if (!a->crs)
        return bs_error_set(err, "%s: the areas have no CRS", a->path);
    if (!(tolerance >= 0) || !isfinite(tolerance))
        return bs_error_set(err, "%s: the print tolerance must be a number of "
                            "0 or more", a->path);
    if (crs_ctx_open(&c, err) != 0)
        return -1;
    if (!(src = crs_create(&c, a->crs)))
        crs_unreadable(&c, a->crs, err);
    else if (!(dst = crs_create(&c, to))) {
        crs_unreadable(&c, to, err);
        name_file(a, err);
    } else
        rc = simplify_to(&c, a, src, dst, to, tolerance, out, err);
    proj_destroy(src);
    proj_destroy(dst);
    crs_ctx_close(&c);
    return rc;
}

/* 1 geographic, 0 projected by the root keyword of a WKT (WKT1 or WKT2),
 * -2 when the text says neither plainly (EPSG:n, a bound or compound CRS,
 * PROJ strings): then PROJ is asked. Saves a PROJ context (5 to 25 ms) on
 * the usual .prj. */
static int wkt_root_geographic(const char *crs)
{
    static const struct { const char *root; int geo; } roots[] = {
        { "PROJCS[", 0 }, { "PROJCRS[", 0 }, { "PROJECTEDCRS[", 0 },
        { "GEOGCS[", 1 }, { "GEOGCRS[", 1 }, { "GEOGRAPHICCRS[", 1 },
    };
    size_t i;

    crs += strspn(crs, " \t\r\n");
    for (i = 0; i < sizeof roots / sizeof *roots; i++)
        if (strncmp(crs, roots[i].root, strlen(roots[i].root)) == 0)
            return roots[i].geo;
    return -2;
}

int bs_areas_check_earth(const bs_areas *a, bs_error *err)
{
    int geo = wkt_root_geographic(a->crs);
    double mx, my;
    size_t i, r, k;

    if (geo == -2)
        geo = bs_crs_is_geographic(a->crs, err);
    if (geo < 0)
        return -1;
    mx = geo ? BS_EARTH_MAX_DEG_X : BS_EARTH_MAX_M;
    my = geo ? BS_EARTH_MAX_DEG_Y : BS_EARTH_MAX_M;
    for (i = 0; i < a->n; i++)
        for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++)
            for (k = a->pt_first[r]; k < a->pt_first[r + 1]; k++) {
                if (fabs(a->x[k]) <= mx && fabs(a->y[k]) <= my)
                    continue;
                return bs_error_set(err, "%s: %s %ld: point (%g, %g) cannot "
                                    "lie on Earth in a CRS of %s: the CRS is "
                                    "wrong (set crs = in [areas]) or the file "
                                    "is damaged", a->path,
                                    a->attrs ? bs_table_row_word(a->attrs)
                                             : "record",
                                    a->record ? a->record[i] : (long)i + 1,
                                    a->x[k], a->y[k],
                                    geo ? "degrees" : "metres");
            }
    return 0;
}
