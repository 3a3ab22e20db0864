/* progress.c: the job's [progress NAME] reports (issue 13): the council
 * progress report of the scan's monitors (progress.h). In the load phase
 * it reads the notes and actions files, checks the monitors named and the
 * period, and prepares the report's inputs in the scan; bs_job_write
 * writes progress-NAME.pdf from them. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/progressfiles.h"
#include "buurtscan/text.h"
#include "internal.h"

/* One report's storage; its bs_scan_progress is sp (in the scan's array). */
typedef struct jone {
    bs_scan_progress *sp;
    char *file;
    bs_progress_monitor *mon;
    bs_progress_series *ser;      /* every monitor's series, in turn */
    bs_progress_action *act;
    bs_action_row *arows;
    size_t narows;
    bs_note_row *nrows;
    size_t nnrows;
    bs_period period;
} jone;

struct bs_jprogress {
    size_t n;
    bs_scan_progress *sp;     /* [n]: the scan's view */
    jone *one;                /* [n] */
};

void bs_job_progress_free(bs_job *j)
{
    if (!j->prog)
        return;
    for (size_t k = 0; k < j->prog->n; k++) {
        jone *g = &j->prog->one[k];
        free(g->file);
        free(g->mon);
        free(g->ser);
        free(g->act);
        bs_actions_free(g->arows, g->narows);
        bs_note_rows_free(g->nrows, g->nnrows);
    }
    free(j->prog->one);
    free(j->prog->sp);
    free(j->prog);
    j->prog = NULL;
}

/* The names of every monitor, for messages. */
static void monitor_names(const bs_scan *s, char *buf, size_t n)
{
    size_t o = 0;

    buf[0] = '\0';
    for (size_t m = 0; m < s->nmonitors && o < n; m++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", m ? ", " : "",
                              s->monitors[m].name);
}

/* The monitors of the report: monitors = NAME ..., else all, into
 * idx[*n]. */
static int pick_monitors(const bs_job *j, const bs_progress_spec *ps,
                         size_t *idx, size_t *n, bs_error *err)
{
    const bs_scan *s = &j->scan;
    const char *v = ps->monitors.value, *q;
    char at[600], known[1024], word[256];

    *n = 0;
    if (!v) {
        for (size_t m = 0; m < s->nmonitors; m++)
            idx[(*n)++] = m;
        return 0;
    }
    bs_job_at(j->p, ps->monitors.line, ps->line, at, sizeof at);
    for (q = v; *q;) {
        size_t len, m;
        while (*q && (isspace((unsigned char)*q) || *q == ','))
            q++;
        for (len = 0; q[len] && !isspace((unsigned char)q[len]) && q[len] != ',';)
            len++;
        if (!len)
            break;
        snprintf(word, sizeof word, "%.*s", (int)len, q);
        q += len;
        if ((m = bs_scan_monitor_of(s, word)) == (size_t)-1) {
            monitor_names(s, known, sizeof known);
            return bs_error_set(err, "%s: [progress %s] monitors: '%s' is not "
                                "a [monitor] (known: %s)", at, ps->name, word,
                                known);
        }
        for (size_t k = 0; k < *n; k++)
            if (idx[k] == m)
                return bs_error_set(err, "%s: [progress %s] monitors: '%s' is "
                                    "named twice", at, ps->name, word);
        idx[(*n)++] = m;
    }
    return 0;
}

/* The report's view of the scan's monitors idx[n]. */
static int fill_monitors(jone *g, const bs_scan *s,
                         const size_t *idx, size_t n)
{
    size_t nser = 0, o = 0;

    for (size_t k = 0; k < n; k++)
        nser += s->monitors[idx[k]].nseries;
    g->mon = calloc(n + 1, sizeof *g->mon);
    g->ser = calloc(nser + 1, sizeof *g->ser);
    if (!g->mon || !g->ser)
        return -1;
    for (size_t k = 0; k < n; k++) {
        const bs_scan_monitor *sm = &s->monitors[idx[k]];
        bs_progress_monitor *pm = &g->mon[k];
        pm->name = sm->name;
        pm->label = sm->label;
        pm->unit = sm->unit;
        pm->definition = sm->definition;
        pm->source = sm->source;
        pm->decimals = -1;
        pm->spec = &sm->spec;
        pm->illustrative = sm->illustrative;
        pm->nseries = sm->nseries;
        pm->series = &g->ser[o];
        for (size_t i = 0; i < sm->nseries; i++, o++) {
            const bs_scan_series *ss = &sm->series[i];
            bs_progress_series *ps = &g->ser[o];
            ps->key = ss->key;
            ps->name = ss->name;
            ps->series.n = sm->nperiod;
            ps->series.period = sm->period;
            ps->series.value = ss->value;
            ps->series.provisional = ss->provisional;
            ps->points = ss->point;
        }
    }
    g->sp->doc.nmon = n;
    g->sp->doc.mon = g->mon;
    return 0;
}

/* notes = FILE: each row's monitor must be one of the report's (the file
 * itself was read by read_files). */
static int match_notes(jone *g, const bs_progress_spec *ps, bs_error *err)
{
    for (size_t r = 0; r < g->nnrows; r++) {
        size_t m;
        for (m = 0; m < g->sp->doc.nmon; m++)
            if (strcasecmp(g->mon[m].name, g->nrows[r].monitor) == 0)
                break;
        if (m == g->sp->doc.nmon)
            return bs_error_set(err, "%s:%ld: monitor '%s' is not in [progress "
                                "%s] (a [monitor] name it reports)",
                                ps->notes.value, g->nrows[r].line,
                                g->nrows[r].monitor, ps->name);
        g->mon[m].note = g->nrows[r].text;
    }
    return 0;
}

/* The notes and actions files (read first: their errors do not depend on
 * the monitors). */
static int read_files(jone *g, const bs_progress_spec *ps, bs_error *err)
{
    if (ps->notes.value &&
        bs_note_rows_read(ps->notes.value, &g->nrows, &g->nnrows, err) != 0)
        return -1;
    if (!ps->actions.value)
        return 0;
    if (bs_actions_read(ps->actions.value, &g->arows, &g->narows, err) != 0)
        return -1;
    if (!(g->act = calloc(g->narows + 1, sizeof *g->act)))
        return bs_error_set(err, "%s: out of memory", ps->actions.value);
    for (size_t a = 0; a < g->narows; a++) {
        g->act[a].action = g->arows[a].action;
        g->act[a].owner = g->arows[a].owner;
        g->act[a].text = g->arows[a].text;
        g->act[a].status = g->arows[a].status == BS_ACTION_GREEN ? BS_STATUS_GREEN
                         : g->arows[a].status == BS_ACTION_ORANGE ? BS_STATUS_ORANGE
                         : BS_STATUS_RED;
    }
    g->sp->doc.nact = g->narows;
    g->sp->doc.act = g->act;
    return 0;
}

/* period = X: a period some monitor has a value in or before. */
static int set_period(const bs_job *j, jone *g,
                      const bs_progress_spec *ps, bs_error *err)
{
    char at[600];
    int any = 0;

    if (!ps->period.value || strcasecmp(ps->period.value, "latest") == 0)
        return 0;
    bs_job_at(j->p, ps->period.line, ps->line, at, sizeof at);
    if (bs_period_parse(ps->period.value, at, &g->period, err) != 0)
        return -1;
    g->sp->doc.period = &g->period;
    for (size_t m = 0; m < g->sp->doc.nmon && !any; m++)
        for (size_t k = 0; k < g->mon[m].nseries && !any; k++)
            any = bs_progress_at(&g->mon[m].series[k].series, &g->period) >= 0;
    if (!any)
        return bs_error_set(err, "%s: [progress %s] period = %s: no monitor "
                            "has a value in or before it", at, ps->name,
                            ps->period.value);
    return 0;
}

static int one(bs_job *j, size_t k, bs_error *err)
{
    const bs_progress_spec *ps = &j->p->progress[k];
    jone *g = &j->prog->one[k];
    const bs_scan *s = &j->scan;
    size_t *idx, n;
    char at[600];
    int rc;

    bs_job_at(j->p, ps->line, ps->line, at, sizeof at);
    if (read_files(g, ps, err) != 0)
        return -1;
    if (s->nmonitors == 0)
        return bs_error_set(err, "%s: [progress %s] has no monitors to report: "
                            "add [monitor] sections", at, ps->name);
    if (!(idx = calloc(s->nmonitors, sizeof *idx)))
        return bs_error_set(err, "%s: out of memory", at);
    rc = pick_monitors(j, ps, idx, &n, err);
    if (rc == 0 && fill_monitors(g, s, idx, n) != 0)
        rc = bs_error_set(err, "%s: out of memory", at);
    free(idx);
    if (rc != 0 || match_notes(g, ps, err) != 0 || set_period(j, g, ps, err) != 0)
        return -1;
    g->file = ps->file.value ? bs_text_dup(ps->file.value)
            : bs_text_printf("progress-%s.pdf", ps->name);
    if (!g->file)
        return bs_error_set(err, "%s: out of memory", at);
    g->sp->name = ps->name;
    g->sp->file = g->file;
    g->sp->doc.name = ps->name;
    g->sp->doc.title = ps->title.value;
    g->sp->doc.subtitle = ps->subtitle.value;
    g->sp->doc.author = ps->author.value;
    g->sp->doc.language = ps->language.value ? ps->language.value : s->language;
    g->sp->doc.iso_date = s->iso_date;
    g->sp->doc.source = s->source;
    if (bs_progress_check(&g->sp->doc, err) != 0) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return bs_error_set(err, "%s: %s", at, msg);
    }
    return 0;
}

int bs_job_progress(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t n = p->nprogress;

    if (n == 0)
        return 0;
    if (!(j->prog = calloc(1, sizeof *j->prog)) ||
        !(j->prog->sp = calloc(n, sizeof *j->prog->sp)) ||
        !(j->prog->one = calloc(n, sizeof *j->prog->one)))
        return bs_error_set(err, "%s: out of memory", p->path);
    j->prog->n = n;
    for (size_t k = 0; k < n; k++) {
        j->prog->one[k].sp = &j->prog->sp[k];
        bs_job_step(h, "preparing the progress report %s", p->progress[k].name);
        if (one(j, k, err) != 0)
            return -1;
    }
    j->scan.progress = j->prog->sp;
    j->scan.nprogress = n;
    return 0;
}
