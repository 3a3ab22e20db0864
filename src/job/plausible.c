/* plausible.c: the plausibility checks of a run (issue 12; checks.h), on
 * the raw values before anything is computed from them:
 *   percent   an indicator with unit % (or "% van ...") outside 0 to 100:
 *             warning;
 *   negative  a negative count, numerator or denominator: error (the run
 *             stops, naming the indicator's line and the area);
 *   ratio     a rate's numerator above its denominator: warning;
 *   rule      every [check NAME]: its severity;
 *   periods   a data file whose period column holds more than one value,
 *             while the run uses it as one period: warning;
 *   outlier   a robust z beyond 5: note.
 * Warnings and notes go to the hooks (stderr) and into j->checks, which
 * checks.csv and the report's method section print. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* The rows added since `from`: errors stop the run at `where`; the others
 * are told. */
static int report_rows(bs_job *j, size_t from, const char *where,
                       const bs_job_hooks *h, bs_error *err)
{
    const bs_check_list *l = &j->checks;
    size_t r;

    for (r = from; r < l->n; r++)
        if (l->row[r].severity == BS_CHECK_ERROR)
            return bs_error_set(err, "%s: %s: %s%s%s", where, l->row[r].check,
                                l->row[r].key ? "area " : "",
                                l->row[r].key ? l->row[r].key : "",
                                l->row[r].key ? ": " : "");
    for (r = from; r < l->n; r++)
        bs_warn(bs_job_diag(h), "%s: %s%s: %s", where,
                l->row[r].severity == BS_CHECK_NOTE ? "note: " : "",
                l->row[r].check, l->row[r].message);
    return 0;
}

/* Appends the message of the first error row since from to err->msg. */
static int error_row(bs_job *j, size_t from, const char *where,
                     const bs_job_hooks *h, bs_error *err)
{
    const bs_check_list *l = &j->checks;
    size_t r;

    if (report_rows(j, from, where, h, err) == 0)
        return 0;
    for (r = from; r < l->n; r++)
        if (l->row[r].severity == BS_CHECK_ERROR) {
            char head[sizeof err->msg];
            snprintf(head, sizeof head, "%s", err->msg);
            return bs_error_set(err, "%s%s", head, l->row[r].message);
        }
    return -1;
}

static int indicator_checks(bs_job *j, size_t k, const bs_job_hooks *h,
                            bs_error *err)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    const char *const *keys = (const char *const *)j->key;
    bs_check_list *l = &j->checks;
    char where[600], id[300];
    size_t from = l->n;
    int rc = 0;

    bs_job_at(p, s->line, s->line, where, sizeof where);
    snprintf(where + strlen(where), sizeof where - strlen(where),
             ": [indicator %s]", s->id);
    if (s->kind == BS_KIND_COUNT)
        rc |= bs_check_negative(s->id, j->raw[k], j->n, keys, BS_CHECK_ERROR,
                                l, err);
    if (j->num[k]) {
        snprintf(id, sizeof id, "%s numerator", s->id);
        rc |= bs_check_negative(id, j->num[k], j->n, keys, BS_CHECK_ERROR, l, err);
    }
    if (j->den[k]) {
        snprintf(id, sizeof id, "%s denominator", s->id);
        rc |= bs_check_negative(id, j->den[k], j->n, keys, BS_CHECK_ERROR, l, err);
    }
    if (rc != 0)
        return -1;
    if (error_row(j, from, where, h, err) != 0)
        return -1;
    from = l->n;
    if (s->unit.value && s->unit.value[0] == '%')
        rc |= bs_check_percent(s->id, j->raw[k], j->n, keys, BS_CHECK_WARNING,
                               l, err);
    if (j->num[k] && j->den[k])
        rc |= bs_check_ratio(s->id, j->num[k], j->den[k], j->n, keys,
                             BS_CHECK_WARNING, l, err);
    rc |= bs_check_outliers(s->id, j->raw[k], j->n, keys, 5, l, err);
    if (rc != 0)
        return -1;
    return report_rows(j, from, where, h, err);
}

static int rule_check(bs_job *j, size_t c, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_check_spec *s = &p->checks[c];
    bs_check_rule *rule = NULL;
    double **cols = NULL;
    char where[600];
    size_t nc = 0, i, from = j->checks.n;
    int rc = -1;

    bs_job_at(p, s->rule.line, s->line, where, sizeof where);
    if (bs_check_rule_parse(s->name, s->rule.value, s->tolerance,
                            (bs_check_severity)s->severity, where, &rule, err) != 0)
        return -1;
    nc = bs_check_rule_ncolumns(rule);
    cols = calloc(nc + 1, sizeof *cols);
    if (!cols) {
        bs_error_set(err, "%s: out of memory", where);
        goto done;
    }
    for (i = 0; i < nc; i++) {
        if (!(cols[i] = malloc(j->n * sizeof **cols))) {
            bs_error_set(err, "%s: out of memory", where);
            goto done;
        }
        if (bs_job_column_values(j, bs_check_rule_column(rule, i), where,
                                 cols[i], NULL, err) != 0)
            goto done;
    }
    if (bs_check_rule_eval(rule, (const double *const *)cols, j->n,
                           (const char *const *)j->key, &j->checks, NULL, NULL,
                           err) != 0)
        goto done;
    rc = error_row(j, from, where, h, err);
done:
    for (i = 0; cols && i < nc; i++)
        free(cols[i]);
    free(cols);
    bs_check_rule_free(rule);
    return rc;
}

int bs_job_plausible(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t k, d;

    bs_check_list_init(&j->checks);
    for (k = 0; k < p->nind; k++)
        if (indicator_checks(j, k, h, err) != 0)
            return -1;
    for (k = 0; k < p->nchecks; k++)
        if (rule_check(j, k, h, err) != 0)
            return -1;
    for (d = 0; d < j->ndata; d++) {
        size_t from = j->checks.n;
        char where[600];
        int used = 0;
        for (k = 0; k < p->nind; k++)
            used |= j->uses[k * (j->ndata + 1) + d];
        if (!used)
            continue;
        bs_job_at(p, p->data[d].line, p->data[d].line, where, sizeof where);
        if (bs_check_periods(j->tables[d], BS_CHECK_WARNING, &j->checks, err) != 0 ||
            report_rows(j, from, where, h, err) != 0)
            return -1;
    }
    return 0;
}
