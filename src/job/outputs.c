/* outputs.c: bs_job_write: every output of a scan, atomically (outset.c):
 * the tables on a thread of their own while the maps are simplified and
 * drawn, then the report. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/progress.h"
#include "internal.h"

/* The CSV tables, written by a thread of their own while the maps are
 * simplified and drawn: scores.csv alone takes a fifth of a second for
 * 32,844 areas. Paths are reserved before the thread starts. */
typedef struct tables {
    const bs_scan *s;
    const char *scores, *uncertainty;
    const char *checks;           /* checks.csv, or NULL without findings */
    const char *monitor;          /* monitor.csv, or NULL (issue 13) */
    const char **desig, **prio;   /* per [designate], [prioritise] */
    const char **spatial;         /* per [spatial]: the table, the global */
    int rc;
    bs_error err;
} tables;

static void *write_tables(void *arg)
{
    tables *t = arg;
    const bs_scan *s = t->s;
    size_t m;

    t->rc = -1;
    if (bs_job_write_scores(s, t->scores, &t->err) != 0)
        return NULL;
    if (t->uncertainty && bs_job_write_uncertainty(s, t->uncertainty, &t->err) != 0)
        return NULL;
    if (t->checks && bs_job_write_checks(s, t->checks, &t->err) != 0)
        return NULL;
    for (m = 0; m < s->ndesignate; m++)
        if (bs_job_write_designation(s, m, t->desig[m], &t->err) != 0)
            return NULL;
    if (t->monitor && bs_job_write_monitor(s, t->monitor, &t->err) != 0)
        return NULL;
    for (m = 0; m < s->nprio; m++)
        if (bs_job_write_priorities(s, m, t->prio[m], &t->err) != 0)
            return NULL;
    for (m = 0; m < s->nspatial; m++)
        if (bs_job_write_spatial(s, m, t->spatial[2 * m], &t->err) != 0 ||
            bs_job_write_spatial_global(s, m, t->spatial[2 * m + 1],
                                        &t->err) != 0)
            return NULL;
    t->rc = 0;
    return NULL;
}

static int reserve_tables(const bs_scan *s, bs_outset *o, tables *t,
                          bs_error *err)
{
    size_t m;

    t->s = s;
    t->desig = calloc(s->ndesignate + 1, sizeof *t->desig);
    t->prio = calloc(s->nprio + 1, sizeof *t->prio);
    t->spatial = calloc(2 * s->nspatial + 1, sizeof *t->spatial);
    if (!t->desig || !t->prio || !t->spatial)
        return bs_error_set(err, "%s: out of memory", s->path);
    if (!(t->scores = bs_outset_reserve(o, "scores.csv", err)))
        return -1;
    if (s->has_unc && !(t->uncertainty = bs_outset_reserve(o, "uncertainty.csv", err)))
        return -1;
    if (s->checks && s->checks->n > 0 &&
        !(t->checks = bs_outset_reserve(o, "checks.csv", err)))
        return -1;
    if (s->nmonitors && !(t->monitor = bs_outset_reserve(o, "monitor.csv", err)))
        return -1;
    for (m = 0; m < s->ndesignate; m++) {
        char name[300];
        snprintf(name, sizeof name, "designation-%s.csv", s->designate[m].name);
        if (!(t->desig[m] = bs_outset_reserve(o, name, err)))
            return -1;
    }
    for (m = 0; m < s->nprio; m++) {
        char name[300];
        snprintf(name, sizeof name, "priorities-%s.csv", s->prio[m].name);
        if (!(t->prio[m] = bs_outset_reserve(o, name, err)))
            return -1;
    }
    for (m = 0; m < s->nspatial; m++) {
        char name[300];
        snprintf(name, sizeof name, "spatial-%s.csv", s->spatial[m].name);
        if (!(t->spatial[2 * m] = bs_outset_reserve(o, name, err)))
            return -1;
        snprintf(name, sizeof name, "spatial-%s-global.csv", s->spatial[m].name);
        if (!(t->spatial[2 * m + 1] = bs_outset_reserve(o, name, err)))
            return -1;
    }
    return 0;
}

/* The maps and the report, beside the tables. */
static int write_drawings(const bs_scan *s, bs_outset *o,
                          const bs_job_hooks *h, bs_error *err)
{
    const char *tmp;
    bs_areas *draw = NULL;
    size_t m;
    int rc = -1;

    if (s->nmaps && bs_job_print_geometry(s, &draw, err) != 0)
        goto done;
    if (draw)
        bs_job_step(h, "simplified the borders for print: %zu of %zu points "
                    "kept", draw->npts, s->areas->npts);
    for (m = 0; m < s->nmaps; m++) {
        const bs_scan_map *sm = &s->maps[m];
        char name[300];
        bs_job_step(h, "drawing map %s", sm->name);
        snprintf(name, sizeof name, "map-%s.csv", sm->name);
        tmp = bs_outset_reserve(o, name, err);
        if (!tmp || bs_job_write_classes(s, sm, tmp, err) != 0 ||
            bs_job_draw_map(s, sm, draw, o, h, err) != 0)
            goto done;
    }
    for (m = 0; m < s->ndesignate; m++)
        if (bs_job_draw_designation(s, m, draw, o, err) != 0)
            goto done;
    for (m = 0; m < s->nprio; m++)
        if (bs_job_draw_priorities(s, m, draw, o, err) != 0)
            goto done;
    for (m = 0; m < s->nspatial; m++) {
        bs_job_step(h, "drawing the cluster maps of [spatial %s]",
                    s->spatial[m].name);
        if (bs_job_draw_spatial(s, m, draw, o, err) != 0)
            goto done;
    }
    if (s->report.on) {
        tmp = bs_outset_reserve(o, s->report.file, err);
        if (!tmp || bs_job_report(s, tmp, h, err) != 0)
            goto done;
    }
    /* [progress NAME]: the council progress reports (issue 13) */
    for (m = 0; m < s->nprogress; m++) {
        bs_job_step(h, "writing the progress report %s", s->progress[m].name);
        tmp = bs_outset_reserve(o, s->progress[m].file, err);
        if (!tmp || bs_progress_write(&s->progress[m].doc, tmp, NULL, err) != 0)
            goto done;
    }
    rc = 0;
done:
    bs_areas_free(draw);
    return rc;
}

int bs_job_write(const bs_job *j, const char *outdir, const bs_job_hooks *h,
                 bs_error *err)
{
    bs_outset *o = NULL;
    tables t;
    pthread_t tid;
    int rc = -1, threaded = 0;

    memset(&t, 0, sizeof t);
    if (bs_outset_open(outdir, &o, err) != 0)
        return -1;
    if (reserve_tables(&j->scan, o, &t, err) != 0)
        goto done;
    bs_job_step(h, "writing scores.csv");
    threaded = pthread_create(&tid, NULL, write_tables, &t) == 0;
    if (!threaded)
        write_tables(&t);
    rc = write_drawings(&j->scan, o, h, err);
    if (threaded)
        pthread_join(tid, NULL);
    if (rc == 0 && t.rc != 0)
        rc = bs_error_set(err, "%s", t.err.msg);
    /* issue 14: the exports, then manifest.json last (it hashes the rest) */
    if (rc == 0 && j->scan.export.formats) {
        bs_job_step(h, "writing the exports");
        rc = bs_job_write_exports(&j->scan, o, err);
    }
    if (rc == 0)
        rc = bs_job_record_outputs(&j->scan, o, err);
    if (rc == 0)
        rc = bs_outset_commit(o, err);
done:
    if (rc != 0)
        bs_outset_rollback(o);
    bs_outset_free(o);
    free(t.desig);
    free(t.prio);
    free(t.spatial);
    return rc;
}
