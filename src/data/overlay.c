/* overlay.c: intersecting two area sets with GEOS into a crosswalk. */
#include <geos_c.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buurtscan/overlay.h"
#include "buurtscan/text.h"
#include "geosarea.h"

#define WORKERS_MAX 16

/* One area set made into GEOS geometries (by one worker). */
typedef struct side {
    const bs_areas *a;
    const char *role;            /* "source" or "target", for messages */
    long keycol;
    GEOSGeometry **g;            /* n; NULL = no geometry (or not this worker's) */
    const GEOSPreparedGeometry **prep;  /* n, made when first needed */
    double *area;                /* n */
    char **why;                  /* n: why a polygon was made valid, or NULL */
    size_t repaired;
} side;

/* One worker: its own GEOS context and geometries, and the rows of the
 * sources i with i % nworkers == k. Nothing is shared between workers but
 * the areas, read only, so the rows do not depend on the number of them. */
typedef struct ov {
    GEOSContextHandle_t ctx;
    char geos_msg[256];          /* GEOS's last error message */
    side src, dst;
    unsigned k, nworkers;
    size_t *cand;                /* candidates of one query */
    size_t ncand, capcand;
    int oom;
    bs_crosswalk_row *rows;      /* this worker's rows, shares set */
    size_t nrows, caprows;
    size_t candidates, intersections;
    int rc;
    bs_error err;
} ov;

static void geos_error(const char *msg, void *ud)
{
    ov *o = ud;

    snprintf(o->geos_msg, sizeof o->geos_msg, "%s", msg);
}

static void geos_notice(const char *msg, void *ud)
{
    (void)msg;
    (void)ud;
}

static const char *key_of(const side *s, size_t i)
{
    const char *k = s->a->attrs->cells[s->keycol][i];
    return k ? k : "";
}

/* Makes g valid when it is not, keeping GEOS's reason for the warning. */
static GEOSGeometry *repair(ov *o, side *sd, size_t i, GEOSGeometry *g,
                            bs_error *err)
{
    char valid = GEOSisValid_r(o->ctx, g);
    char *why;
    GEOSMakeValidParams *par;
    GEOSGeometry *fixed;

    if (valid == 1)
        return g;
    why = valid == 0 ? GEOSisValidReason_r(o->ctx, g) : NULL;
    par = GEOSMakeValidParams_create_r(o->ctx);
    if (par) {
        GEOSMakeValidParams_setMethod_r(o->ctx, par, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(o->ctx, par, 0);
    }
    fixed = par ? GEOSMakeValidWithParams_r(o->ctx, g, par) : NULL;
    if (par)
        GEOSMakeValidParams_destroy_r(o->ctx, par);
    GEOSGeom_destroy_r(o->ctx, g);
    if (!fixed)
        bs_error_set(err, "%s: record %ld (%s): invalid polygon (%s) that GEOS "
                     "cannot repair: %s", sd->a->path, sd->a->record[i],
                     key_of(sd, i), why ? why : "?", o->geos_msg);
    else {
        sd->why[i] = bs_text_dup(why ? why : "?");
        sd->repaired++;
    }
    if (why)
        GEOSFree_r(o->ctx, why);
    return fixed;
}

/* --- the two sides ------------------------------------------------------- */

typedef struct keyrec {
    const char *key;
    size_t i;
} keyrec;

static int keyrec_cmp(const void *a, const void *b)
{
    const keyrec *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Finds the key column; every key present and listed once. */
static int check_keys(const bs_areas *A, const char *keyname, const char *role,
                      long *col, bs_error *err)
{
    keyrec *kr;
    size_t i;

    if (!A->attrs || (*col = bs_table_find(A->attrs, keyname)) < 0)
        return bs_error_set(err, "%s: no column '%s' for the %s areas' keys",
                            A->path, keyname, role);
    kr = malloc((A->n ? A->n : 1) * sizeof *kr);
    if (!kr)
        return bs_error_set(err, "%s: out of memory", A->path);
    for (i = 0; i < A->n; i++) {
        const char *k = A->attrs->cells[*col][i];
        if (!k || !*k) {
            free(kr);
            return bs_error_set(err, "%s: record %ld: empty %s", A->path,
                                A->record[i], keyname);
        }
        kr[i].key = k;
        kr[i].i = i;
    }
    qsort(kr, A->n, sizeof *kr, keyrec_cmp);
    for (i = 1; i < A->n; i++)
        if (strcmp(kr[i - 1].key, kr[i].key) == 0) {
            bs_error_set(err, "%s: records %ld and %ld both have %s '%s'",
                         A->path, A->record[kr[i - 1].i], A->record[kr[i].i],
                         keyname, kr[i].key);
            free(kr);
            return -1;
        }
    free(kr);
    return 0;
}

/* Builds the geometries of areas k, k + step, k + 2 step, ... */
static int side_build(ov *o, side *sd, size_t k, size_t step, bs_error *err)
{
    const bs_areas *A = sd->a;
    size_t i, n = A->n ? A->n : 1;

    sd->g = calloc(n, sizeof *sd->g);
    sd->prep = calloc(n, sizeof *sd->prep);
    sd->area = calloc(n, sizeof *sd->area);
    sd->why = calloc(n, sizeof *sd->why);
    if (!sd->g || !sd->prep || !sd->area || !sd->why)
        return bs_error_set(err, "%s: out of memory", A->path);
    for (i = k; i < A->n; i += step) {
        int fail;
        GEOSGeometry *g = bs_geos_area(o->ctx, A, i, &fail);
        if (fail)
            return bs_error_set(err, "%s: record %ld (%s): cannot build the polygon: "
                                "%s", A->path, A->record[i], key_of(sd, i),
                                *o->geos_msg ? o->geos_msg : "out of memory");
        if (g && !(g = repair(o, sd, i, g, err)))
            return -1;
        if (g && GEOSArea_r(o->ctx, g, &sd->area[i]) != 1) {
            GEOSGeom_destroy_r(o->ctx, g);
            return bs_error_set(err, "%s: record %ld (%s): GEOS cannot measure the "
                                "area: %s", A->path, A->record[i], key_of(sd, i),
                                o->geos_msg);
        }
        if (g && !(sd->area[i] > 0)) {
            GEOSGeom_destroy_r(o->ctx, g);
            g = NULL;
        }
        sd->g[i] = g;
    }
    return 0;
}

static void side_free(ov *o, side *sd)
{
    size_t i;

    for (i = 0; i < sd->a->n; i++) {
        if (sd->prep && sd->prep[i])
            GEOSPreparedGeom_destroy_r(o->ctx, sd->prep[i]);
        if (sd->g && sd->g[i])
            GEOSGeom_destroy_r(o->ctx, sd->g[i]);
        if (sd->why)
            free(sd->why[i]);
    }
    free(sd->g);
    free(sd->prep);
    free(sd->area);
    free(sd->why);
}

static const GEOSPreparedGeometry *prepared(ov *o, side *sd, size_t i)
{
    if (!sd->prep[i])
        sd->prep[i] = GEOSPrepare_r(o->ctx, sd->g[i]);
    return sd->prep[i];
}

/* --- intersecting ------------------------------------------------------- */

static void collect(void *item, void *ud)
{
    ov *o = ud;

    if (o->ncand == o->capcand) {
        size_t nc = o->capcand ? o->capcand * 2 : 64;
        size_t *n = realloc(o->cand, nc * sizeof *n);
        if (!n) {
            o->oom = 1;
            return;
        }
        o->cand = n;
        o->capcand = nc;
    }
    o->cand[o->ncand++] = (size_t)(uintptr_t)item - 1;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

/* Area of source i within target j (0 when they only touch). */
static int pair_area(ov *o, size_t i, size_t j, double *area, int *computed,
                     bs_error *err)
{
    GEOSGeometry *gi = o->src.g[i], *gj = o->dst.g[j], *x;
    const GEOSPreparedGeometry *pi = prepared(o, &o->src, i), *pj;
    char c;

    *area = 0;
    *computed = 0;
    if (!pi || (c = GEOSPreparedIntersects_r(o->ctx, pi, gj)) == 2)
        goto geos_fail;
    if (!c)
        return 0;
    if (!(pj = prepared(o, &o->dst, j)) || (c = GEOSPreparedContains_r(o->ctx, pj, gi)) == 2)
        goto geos_fail;
    if (c) {
        *area = o->src.area[i];
        return 0;
    }
    if ((c = GEOSPreparedContains_r(o->ctx, pi, gj)) == 2)
        goto geos_fail;
    if (c) {
        *area = o->dst.area[j];
        return 0;
    }
    *computed = 1;
    x = GEOSIntersection_r(o->ctx, gi, gj);
    if (!x || GEOSArea_r(o->ctx, x, area) != 1) {
        if (x)
            GEOSGeom_destroy_r(o->ctx, x);
        goto geos_fail;
    }
    GEOSGeom_destroy_r(o->ctx, x);
    return 0;
geos_fail:
    return bs_error_set(err, "%s: record %ld (%s) against %s: record %ld (%s): "
                        "GEOS cannot intersect them: %s", o->src.a->path,
                        o->src.a->record[i], key_of(&o->src, i), o->dst.a->path,
                        o->dst.a->record[j], key_of(&o->dst, j), o->geos_msg);
}

static int add_row(ov *o, size_t i, size_t j, double area)
{
    if (o->nrows == o->caprows) {
        size_t nc = o->caprows ? o->caprows * 2 : 256;
        bs_crosswalk_row *nr = realloc(o->rows, nc * sizeof *nr);
        if (!nr)
            return -1;
        o->rows = nr;
        o->caprows = nc;
    }
    o->rows[o->nrows++] = (bs_crosswalk_row){ i, j, 0, area, 0 };
    return 0;
}

/* The rows of source i: areas first, then shares over their sum. */
static int source_rows(ov *o, GEOSSTRtree *tree, size_t i, bs_error *err)
{
    size_t k, r0 = o->nrows;
    double sum = 0;

    o->ncand = 0;
    GEOSSTRtree_query_r(o->ctx, tree, o->src.g[i], collect, o);
    if (o->oom)
        return bs_error_set(err, "overlay: out of memory");
    qsort(o->cand, o->ncand, sizeof *o->cand, size_cmp);
    o->candidates += o->ncand;
    for (k = 0; k < o->ncand; k++) {
        double a;
        int computed;
        if (pair_area(o, i, o->cand[k], &a, &computed, err))
            return -1;
        o->intersections += (size_t)computed;
        if (a > 0) {
            if (add_row(o, i, o->cand[k], a))
                return bs_error_set(err, "overlay: out of memory");
            sum += a;
        }
    }
    for (k = r0; k < o->nrows; k++)
        o->rows[k].share = o->rows[k].area / sum;
    return 0;
}

/* A worker: builds every target and its own sources, then their rows. */
static void *work(void *arg)
{
    ov *o = arg;
    GEOSSTRtree *tree = NULL;
    size_t i, j;

    o->rc = -1;
    if (!(o->ctx = GEOS_init_r())) {
        bs_error_set(&o->err, "overlay: cannot start GEOS");
        return NULL;
    }
    GEOSContext_setErrorMessageHandler_r(o->ctx, geos_error, o);
    GEOSContext_setNoticeMessageHandler_r(o->ctx, geos_notice, o);
    if (side_build(o, &o->dst, 0, 1, &o->err)
        || side_build(o, &o->src, o->k, o->nworkers, &o->err))
        return NULL;
    if (!(tree = GEOSSTRtree_create_r(o->ctx, 10))) {
        bs_error_set(&o->err, "overlay: GEOS cannot make an STRtree: %s", o->geos_msg);
        return NULL;
    }
    for (j = 0; j < o->dst.a->n; j++)
        if (o->dst.g[j])
            GEOSSTRtree_insert_r(o->ctx, tree, o->dst.g[j], (void *)(uintptr_t)(j + 1));
    for (i = o->k; i < o->src.a->n; i += o->nworkers)
        if (o->src.g[i] && source_rows(o, tree, i, &o->err)) {
            GEOSSTRtree_destroy_r(o->ctx, tree);
            return NULL;
        }
    GEOSSTRtree_destroy_r(o->ctx, tree);
    o->rc = 0;
    return NULL;
}

static void worker_free(ov *o)
{
    if (o->ctx) {
        side_free(o, &o->src);
        side_free(o, &o->dst);
        GEOS_finish_r(o->ctx);
    }
    free(o->cand);
    free(o->rows);
}

static unsigned worker_count(size_t n, unsigned asked)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned t = asked ? asked : (cpus > 0 ? (unsigned)cpus : 1);

    if (t > WORKERS_MAX)
        t = WORKERS_MAX;
    if ((size_t)t > n / 64 + 1)     /* small overlays: one worker */
        t = (unsigned)(n / 64 + 1);
    return t;
}

/* Warnings for the polygons made valid, in area order, from the calling
 * thread: the sources from the worker that built each, the targets from
 * worker 0 (every worker built them all). */
static void warn_repairs(const ov *w, unsigned nw, const bs_diag *diag,
                         bs_overlay_info *inf)
{
    size_t i;

    for (i = 0; i < w[0].src.a->n; i++) {
        const side *s = &w[i % nw].src;
        if (s->why[i]) {
            bs_warn(diag, "%s: record %ld (%s): invalid polygon (%s); made valid",
                    s->a->path, s->a->record[i], key_of(s, i), s->why[i]);
            inf->repaired_from++;
        }
    }
    for (i = 0; i < w[0].dst.a->n; i++)
        if (w[0].dst.why[i]) {
            bs_warn(diag, "%s: record %ld (%s): invalid polygon (%s); made valid",
                    w[0].dst.a->path, w[0].dst.a->record[i], key_of(&w[0].dst, i),
                    w[0].dst.why[i]);
            inf->repaired_to++;
        }
}

/* Runs the workers; the calling thread is worker 0. */
static int run_workers(ov *w, unsigned nw, bs_error *err)
{
    pthread_t tid[WORKERS_MAX];
    unsigned t, started = 1;

    for (t = 1; t < nw; t++, started++)
        if (pthread_create(&tid[t], NULL, work, &w[t]) != 0)
            break;
    work(&w[0]);
    for (t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    for (t = started; t < nw; t++)
        work(&w[t]);
    for (t = 0; t < nw; t++)
        if (w[t].rc != 0)
            return bs_error_set(err, "%s", w[t].err.msg);
    return 0;
}

static int fill(bs_crosswalk *cw, const bs_areas *A, long col, int to,
                bs_error *err)
{
    size_t i;

    for (i = 0; i < A->n; i++)
        if ((to ? bs_crosswalk_add_to(cw, A->attrs->cells[col][i])
                : bs_crosswalk_add_from(cw, A->attrs->cells[col][i])) < 0)
            return bs_error_set(err, "%s: out of memory", cw->origin);
    return 0;
}

/* The crosswalk from the workers' rows. */
static int collect_rows(const ov *w, unsigned nw, const bs_overlay_options *opt,
                        bs_crosswalk *cw, bs_overlay_info *inf, bs_error *err)
{
    unsigned t;
    size_t r;

    for (t = 0; t < nw; t++) {
        for (r = 0; r < w[t].nrows; r++) {
            const bs_crosswalk_row *x = &w[t].rows[r];
            if (bs_crosswalk_add_row(cw, x->from, x->to, x->share, x->area, 0))
                return bs_error_set(err, "%s: out of memory", cw->origin);
        }
        inf->candidates += w[t].candidates;
        inf->intersections += w[t].intersections;
    }
    if (bs_crosswalk_finish(cw, err))
        return -1;
    if (opt && opt->min_share > 0
        && bs_crosswalk_prune(cw, opt->min_share, &inf->dropped, err))
        return -1;
    inf->rows = cw->nrows;
    return 0;
}

int bs_overlay(const bs_areas *from, const char *from_key, const bs_areas *to,
               const char *to_key, const bs_overlay_options *opt,
               bs_crosswalk **out, bs_overlay_info *info, const bs_diag *diag,
               bs_error *err)
{
    ov w[WORKERS_MAX];
    bs_overlay_info inf;
    bs_crosswalk *cw = NULL;
    long fcol, tcol;
    unsigned nw, t;
    char *origin;
    int rc = -1;

    memset(&inf, 0, sizeof inf);
    if (opt && !(opt->min_share >= 0 && opt->min_share < 1))
        return bs_error_set(err, "overlay: min_share %g: expected a share from 0 "
                            "to below 1", opt->min_share);
    if (check_keys(from, from_key, "source", &fcol, err)
        || check_keys(to, to_key, "target", &tcol, err))
        return -1;
    origin = bs_text_printf("%s x %s", from->path ? from->path : "areas",
                            to->path ? to->path : "areas");
    cw = origin ? bs_crosswalk_new(origin) : NULL;
    free(origin);
    if (!cw)
        return bs_error_set(err, "overlay: out of memory");
    nw = worker_count(from->n, opt ? opt->threads : 0);
    memset(w, 0, sizeof w);
    for (t = 0; t < nw; t++) {
        w[t].src = (side){ from, "source", fcol, NULL, NULL, NULL, NULL, 0 };
        w[t].dst = (side){ to, "target", tcol, NULL, NULL, NULL, NULL, 0 };
        w[t].k = t;
        w[t].nworkers = nw;
    }
    if (fill(cw, from, fcol, 0, err) || fill(cw, to, tcol, 1, err)
        || run_workers(w, nw, err))
        goto done;
    warn_repairs(w, nw, diag, &inf);
    if (collect_rows(w, nw, opt, cw, &inf, err))
        goto done;
    *out = cw;
    cw = NULL;
    if (info)
        *info = inf;
    rc = 0;
done:
    for (t = 0; t < nw; t++)
        worker_free(&w[t]);
    bs_crosswalk_free(cw);
    return rc;
}
