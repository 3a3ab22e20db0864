/* summary.c: what `buurtscan validate` prints of a loaded job: areas,
 * rows, matched and unmatched keys per data file, points outside the
 * areas, missing values and treatments per indicator, correlations,
 * scores, designations, priorities and classes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/stats.h"
#include "internal.h"

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap + (size_t)n + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s)
            return;
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The correlation matrix of the normalised indicators (oriented: higher =
 * more need, so a negative r means two indicators disagree), with the
 * double-counting (|r| > 0.9) and conflict (r < 0 within a domain) flags,
 * and Cronbach's alpha per domain (or over all indicators). */
static void summary_correlations(const bs_job *j, sbuf *b)
{
    const bs_project *p = j->p;
    size_t nind = p->nind, a, c, d;
    double *r = malloc(nind * nind * sizeof *r);

    if (!r || nind < 2) {
        free(r);
        return;
    }
    bs_correlation((const double *const *)j->norm, nind, j->n, r, NULL);
    sb_printf(b, "correlations of the normalised indicators (Pearson, pairwise):\n");
    sb_printf(b, "          %-12s", "");
    for (c = 0; c < nind; c++)
        sb_printf(b, " %8.8s", p->ind[c].id);
    sb_printf(b, "\n");
    for (a = 0; a < nind; a++) {
        sb_printf(b, "          %-12.12s", p->ind[a].id);
        for (c = 0; c < nind; c++)
            sb_printf(b, " %8.3f", r[a * nind + c]);
        sb_printf(b, "\n");
    }
    for (a = 0; a < nind; a++)
        for (c = a + 1; c < nind; c++) {
            double v = r[a * nind + c];
            int same_dom = p->ndom && p->ind[a].domain.value && p->ind[c].domain.value &&
                           strcasecmp(p->ind[a].domain.value, p->ind[c].domain.value) == 0;
            if (fabs(v) > 0.9)
                sb_printf(b, "warning   %s and %s correlate %.3f: they may count "
                          "the same thing twice\n", p->ind[a].id, p->ind[c].id, v);
            if (v < 0 && (same_dom || p->ndom == 0))
                sb_printf(b, "note      %s and %s correlate %.3f%s: they pull the "
                          "score in opposite directions\n", p->ind[a].id,
                          p->ind[c].id, v, same_dom ? " within one domain" : "");
        }
    for (d = 0; d < (p->ndom ? p->ndom : 1); d++) {
        const double **x = malloc(nind * sizeof *x);
        size_t nv = 0, ncomplete = 0;
        double alpha;
        bs_error e;
        for (c = 0; c < nind; c++)
            if (p->ndom == 0 ||
                strcasecmp(p->ind[c].domain.value, p->dom[d].name) == 0)
                x[nv++] = j->norm[c];
        if (nv >= 2 && bs_cronbach_alpha(x, nv, j->n, "alpha", &alpha, &ncomplete,
                                         &e) == 0)
            sb_printf(b, "alpha     %s: Cronbach's alpha %.3f over %zu indicators, "
                      "%zu complete areas\n", p->ndom ? p->dom[d].name : "all",
                      alpha, nv, ncomplete);
        free(x);
    }
    free(r);
}

/* What was read: the areas, the data files and their joins, the point
 * layers and the supply counts. */
static void summary_inputs(const bs_job *j, sbuf *b)
{
    const bs_project *p = j->p;
    size_t d, k, i, nogeom = 0;

    for (i = 0; i < j->n; i++)
        nogeom += j->areas->ring_first[i] == j->areas->ring_first[i + 1];
    sb_printf(b, "project   %s\n", p->path);
    sb_printf(b, "areas     %s: %zu areas", p->areas.shapefile.value,
              j->nareas_file);
    if (p->areas.select.value)
        sb_printf(b, ", %zu selected by %s", j->n, p->areas.select.value);
    if (nogeom)
        sb_printf(b, ", %zu without geometry", nogeom);
    sb_printf(b, "\n");
    for (d = 0; d < j->ndata; d++) {
        const bs_join *jn = &j->joins[d];
        const bs_table *t = j->tables[d];
        long keycol = bs_table_find(t, p->data[d].key.value);
        sb_printf(b, "data      %s: %s, %zu rows, %zu columns\n",
                  p->data[d].name, t->path, t->nrows, t->ncols);
        sb_printf(b, "          areas matched %zu of %zu", jn->matched, j->n);
        if (jn->nunmatched_areas) {
            sb_printf(b, "; without a row:");
            for (i = 0; i < jn->nunmatched_areas && i < 5; i++)
                sb_printf(b, " %s", j->key[jn->unmatched_areas[i]]);
            if (jn->nunmatched_areas > 5)
                sb_printf(b, " ...");
        }
        sb_printf(b, "\n          rows matching no area: %zu", jn->nunmatched_rows);
        if (jn->nunmatched_rows && keycol >= 0) {
            sb_printf(b, ", first:");
            for (i = 0; i < jn->nunmatched_rows && i < 5; i++) {
                const char *c = t->cells[keycol][jn->unmatched_rows[i]];
                sb_printf(b, " %s", c ? c : "(empty)");
            }
            if (jn->nunmatched_rows > 5)
                sb_printf(b, " ...");
        }
        sb_printf(b, "\n");
    }
    for (k = 0; k < p->npoints; k++) {
        const bs_pointset *pts = j->layers[k];
        sb_printf(b, "points    %s: %s, %zu points, %zu outside every area",
                  p->points[k].name, pts->path, pts->n, j->layer_outside[k]);
        if (j->layer_outside[k]) {
            sb_printf(b, ":");
            for (i = 0, d = 0; i < pts->n && d < 10; i++)
                if (j->layer_area[k][i] < 0) {
                    sb_printf(b, " %s", pts->key[i]);
                    d++;
                }
            if (j->layer_outside[k] > 10)
                sb_printf(b, " ...");
        }
        sb_printf(b, "\n");
    }
    for (k = 0; k < p->nsupply; k++) {
        double total = 0;
        size_t none = 0;
        for (i = 0; i < j->n; i++) {
            total += j->supply_count[k][i];
            none += j->supply_count[k][i] == 0;
        }
        sb_printf(b, "supply    %s: %.0f in all, %zu areas without any\n",
                  p->supply[k].name, total, none);
    }
}

/* What was computed: the indicators, scores, uncertainty, designations,
 * priorities and maps. */
static void summary_results(const bs_job *j, sbuf *b)
{
    const bs_project *p = j->p;
    size_t k, i;

    for (k = 0; k < p->nind; k++) {
        size_t miss = 0;
        double lo = INFINITY, hi = -INFINITY;
        /* issue 12: missing counts the raw values; the range is over the
         * printed ones only (a raw "0 to 397" gives a suppressed count) */
        for (i = 0; i < j->n; i++)
            miss += isnan(j->raw[k][i]) != 0;
        if (bs_disc_plan_range(&j->plan, k, &lo, &hi) == 0)
            lo = INFINITY, hi = -INFINITY;
        sb_printf(b, "indicator %-16s missing %zu of %zu, range %g to %g, "
                  "direction %c, weight %g\n", p->ind[k].id, miss, j->n, lo, hi,
                  p->ind[k].direction > 0 ? '+' : '-', p->ind[k].weight);
    }
    for (k = 0; k < p->nind; k++) {
        if (p->ind[k].winsorise)
            sb_printf(b, "treated   %s: %zu values winsorised\n", p->ind[k].id,
                      j->nwinsorised[k]);
        if (p->ind[k].impute_set)
            sb_printf(b, "treated   %s: %zu values imputed\n", p->ind[k].id,
                      j->nimputed[k]);
        if (!isnan(j->eb_rate[k]))
            sb_printf(b, "treated   %s: empirical-Bayes rates, overall rate %g\n",
                      p->ind[k].id, j->eb_rate[k]);
    }
    summary_correlations(j, b);
    sb_printf(b, "score     %zu of %zu areas scored (min_coverage %g)",
              j->nscored, j->n, p->score.min_coverage);
    if (j->nsmall)
        sb_printf(b, "; %zu te klein (population < %g)", j->nsmall,
                  p->score.min_population);
    sb_printf(b, "\n");
    if (j->has_unc)
        sb_printf(b, "uncertain %zu runs, weights x U(%g, %g), seed %llu\n",
                  p->unc.runs, 1 - p->unc.weights, 1 + p->unc.weights,
                  p->unc.seed);
    for (k = 0; k < p->ndesignate; k++) {
        const bs_designation *ds = j->desig[k];
        sb_printf(b, "designate %s: %zu of %zu IKCs designated: %zu continued, "
                  "%zu new, %zu dropped, %zu kept by keep_until_rank, %zu tied at "
                  "the boundary, %zu without a score\n", p->designate[k].name,
                  ds->ndesignated, ds->n, ds->ncontinued, ds->nnew, ds->ndropped,
                  ds->nkept, ds->ntied, ds->nunscored);
    }
    for (k = 0; k < p->nprio; k++) {
        size_t cnt[5] = { 0 };
        for (i = 0; i < j->n; i++)
            cnt[j->quadrant[k][i]]++;
        sb_printf(b, "prioritise %s: cuts need %g, supply %g; %zu hoge nood/weinig "
                  "basis, %zu hoge nood/sterke basis, %zu lage nood/weinig basis, "
                  "%zu lage nood/sterke basis, %zu unknown\n", p->prio[k].name,
                  j->need_cut[k], j->supply_cut[k], cnt[0], cnt[1], cnt[2], cnt[3],
                  cnt[4]);
    }
    for (k = 0; k < p->nmaps; k++) {
        const bs_scan_map *m = &j->maps[k];
        sb_printf(b, "map       %s: %s, %d classes, counts", m->name,
                  m->column, m->classes.k);
        for (i = 0; i < (size_t)m->classes.k; i++)
            sb_printf(b, " %zu", m->classes.count[i]);
        sb_printf(b, ", no data %zu\n", m->classes.missing);
    }
}

/* Data with periods and the monitors' latest statuses (issue 13). */
static void summary_monitors(const bs_job *j, sbuf *b)
{
    const bs_project *p = j->p;
    size_t d, m, i;

    for (d = 0; d < j->ndata; d++) {
        if (j->ptables[d])
            sb_printf(b, "periods   %s: %zu rows kept over its periods; the scan "
                      "uses %s\n", p->data[d].name, j->ptables[d]->nrows,
                      j->dperiod[d].text);
        if (j->monitor_only[d]) {
            sb_printf(b, "          %s matches no area; used by", p->data[d].name);
            for (m = 0; m < p->nmonitor; m++)
                sb_printf(b, " [monitor %s]", p->monitor[m].name);
            sb_printf(b, "\n");
        }
    }
    for (m = 0; m < j->scan.nmonitors; m++) {
        const bs_scan_monitor *mo = &j->scan.monitors[m];
        size_t count[4] = { 0, 0, 0, 0 };
        for (i = 0; i < mo->nseries; i++) {
            const bs_scan_series *se = &mo->series[i];
            bs_status st = se->info.latest >= 0
                               ? se->point[se->info.latest].status : BS_STATUS_GREY;
            count[st]++;
            if (mo->nseries == 1)
                sb_printf(b, "monitor   %s: %s %s, %sdoel %s%s\n", mo->name,
                          se->info.latest >= 0 ? mo->period[se->info.latest].text
                                               : "-",
                          bs_status_name(st, "nl"),
                          se->info.latest >= 0 &&
                                  se->point[se->info.latest].provisional
                              ? "voorlopig, " : "",
                          mo->target_text ? mo->target_text : "richting",
                          mo->illustrative ? " (ILLUSTRATIEF)" : "");
        }
        if (mo->nseries > 1)
            sb_printf(b, "monitor   %s: %zu areas: groen %zu, oranje %zu, rood %zu, "
                      "grijs %zu\n", mo->name, mo->nseries, count[BS_STATUS_GREEN],
                      count[BS_STATUS_ORANGE], count[BS_STATUS_RED],
                      count[BS_STATUS_GREY]);
    }
}

char *bs_job_summary(const bs_job *j)
{
    sbuf b = { NULL, 0, 0 };

    summary_inputs(j, &b);
    summary_results(j, &b);
    summary_monitors(j, &b);
    return b.s;
}
