/* periods.c: data files with periods (issue 13). A [data] with period =
 * holds one row per key per period (StatLine's long format). Its rows are
 * read with their periods, filtered by periods =, checked for a key given
 * twice in one period, and kept whole for the monitors (j->ptables); the
 * scan itself is joined to the rows of the latest period kept, so a
 * two-period download can feed a one-year scan. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/period.h"
#include "internal.h"

/* Case-insensitive comparison of keys with blanks around them ignored. */
int bs_job_key_cmp(const char *a, const char *b)
{
    size_t la, lb, i;
    int d;

    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    for (i = 0; i < la && i < lb; i++) {
        d = tolower((unsigned char)a[i]) - tolower((unsigned char)b[i]);
        if (d)
            return d;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* The rows keep[] of t as a new table. */
static bs_table *copy_rows(const bs_table *t, const unsigned char *keep)
{
    bs_table *o = bs_table_new(t->path);
    size_t c, r;

    if (!o)
        return NULL;
    o->by_record = t->by_record;
    o->decimal = t->decimal;
    for (c = 0; c < t->ncols; c++)
        if (bs_table_add_column(o, t->names[c]) < 0)
            goto fail;
    for (r = 0; r < t->nrows; r++) {
        long row;
        if (!keep[r])
            continue;
        row = bs_table_add_row(o, t->lines[r]);
        if (row < 0)
            goto fail;
        for (c = 0; c < t->ncols; c++)
            if (t->cells[c][r] &&
                bs_table_set(o, c, (size_t)row, t->cells[c][r],
                             strlen(t->cells[c][r])) != 0)
                goto fail;
    }
    return o;
fail:
    bs_table_free(o);
    return NULL;
}

typedef struct row_ref {
    const char *key;
    const bs_period *period;
    size_t row;
} row_ref;

static int ref_cmp(const void *a, const void *b)
{
    const row_ref *x = a, *y = b;
    int d = bs_job_key_cmp(x->key, y->key);
    if (d)
        return d;
    d = bs_period_cmp(x->period, y->period);
    if (d)
        return d;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* A key twice in one period: an error naming both lines. */
static int check_duplicates(const bs_table *t, size_t keycol,
                            const bs_period *per, bs_error *err)
{
    row_ref *ref = malloc((t->nrows ? t->nrows : 1) * sizeof *ref);
    size_t r;
    int rc = 0;

    if (!ref)
        return bs_error_set(err, "%s: out of memory", t->path);
    for (r = 0; r < t->nrows; r++)
        ref[r] = (row_ref){ t->cells[keycol][r], &per[r], r };
    qsort(ref, t->nrows, sizeof *ref, ref_cmp);
    for (r = 1; r < t->nrows && rc == 0; r++)
        if (ref[r - 1].key && bs_job_key_cmp(ref[r - 1].key, ref[r].key) == 0 &&
            bs_period_same(ref[r - 1].period, ref[r].period)) {
            char w[600];
            bs_table_where(t, ref[r].row, w, sizeof w);
            rc = bs_error_set(err, "%s: key '%s' twice in period %s (also on "
                              "%s %ld); keep one row per key per period, or "
                              "choose periods with periods =", w, ref[r].key,
                              ref[r].period->text, bs_table_row_word(t),
                              t->lines[ref[r - 1].row]);
        }
    free(ref);
    return rc;
}

int bs_job_split_periods(bs_job *j, size_t d, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_data_spec *s = &p->data[d];
    bs_table *t = j->tables[d], *full = NULL, *now = NULL;
    bs_period *keep = NULL, *per = NULL, *kper = NULL;
    size_t nkeep = 0, r, k, nk = 0, latest = 0;
    unsigned char *in = NULL, *last = NULL;
    long pc = bs_table_find(t, s->period.value), kc;
    char w[600], pw[700];

    if (pc < 0)
        return bs_error_set(err, "%s: period '%s' is not a column of %s",
                            bs_job_at(p, s->period.line, s->line, w, sizeof w),
                            s->period.value, t->path);
    kc = bs_table_find(t, s->key.value);
    if (kc < 0)
        return 0;   /* the key's own message follows in read_data */
    if (s->periods.value) {
        bs_job_at(p, s->periods.line, s->line, w, sizeof w);
        if (bs_period_list_parse(s->periods.value, w, &keep, &nkeep, err) != 0)
            return -1;
    }
    per = malloc((t->nrows ? t->nrows : 1) * sizeof *per);
    in = calloc(t->nrows + 1, 1);
    last = calloc(t->nrows + 1, 1);
    if (!per || !in || !last) {
        bs_error_set(err, "%s: out of memory", t->path);
        goto fail;
    }
    for (r = 0; r < t->nrows; r++) {
        const char *cell = t->cells[pc][r];
        bs_table_where(t, r, pw, sizeof pw);
        snprintf(pw + strlen(pw), sizeof pw - strlen(pw), ": column %s",
                 t->names[pc]);
        if (!cell) {
            bs_error_set(err, "%s: no period", pw);
            goto fail;
        }
        if (bs_period_parse(cell, pw, &per[r], err) != 0)
            goto fail;
        in[r] = nkeep == 0;
        for (k = 0; k < nkeep && !in[r]; k++)
            in[r] = bs_period_same(&keep[k], &per[r]);
    }
    for (r = 0; r < t->nrows; r++)
        if (in[r] && (nk == 0 || bs_period_cmp(&per[r], &per[latest]) > 0))
            latest = r, nk = 1;
    if (nk == 0) {
        bs_error_set(err, "%s: periods = %s keeps no row of %s",
                     bs_job_at(p, s->periods.line, s->line, w, sizeof w),
                     s->periods.value, t->path);
        goto fail;
    }
    /* the periods kept, the full table for monitors, the latest for the scan */
    kper = malloc(t->nrows * sizeof *kper);
    if (!kper) {
        bs_error_set(err, "%s: out of memory", t->path);
        goto fail;
    }
    for (r = 0, nk = 0; r < t->nrows; r++) {
        if (in[r])
            kper[nk++] = per[r];
        last[r] = in[r] && bs_period_same(&per[r], &per[latest]);
    }
    full = copy_rows(t, in);
    now = copy_rows(t, last);
    if (!full || !now) {
        bs_error_set(err, "%s: out of memory", t->path);
        goto fail;
    }
    if (check_duplicates(full, (size_t)kc, kper, err) != 0)
        goto fail;
    j->dperiod[d] = per[latest];
    j->ptables[d] = full;
    j->prow[d] = kper;
    bs_table_free(t);
    j->tables[d] = now;
    free(keep);
    free(per);
    free(in);
    free(last);
    return 0;
fail:
    bs_table_free(full);
    bs_table_free(now);
    free(kper);
    free(keep);
    free(per);
    free(in);
    free(last);
    return -1;
}

void bs_job_periods_free(bs_job *j)
{
    size_t d;

    for (d = 0; j->ptables && d < j->ndata; d++) {
        bs_table_free(j->ptables[d]);
        free(j->prow[d]);
    }
    free(j->ptables);
    free(j->prow);
    free(j->dperiod);
    free(j->monitor_only);
}

/* [indicator] column = pct_2023 pct_2024 with periods = 2023 2024: the
 * column of the period it scores (period =, default the latest) into
 * name[n] and that period into *per. 0, or -1 with a message. */
int bs_job_wide_column(const bs_project *p, const bs_indicator_spec *s,
                       char *name, size_t n, bs_period *per, bs_error *err)
{
    bs_period *list = NULL, want;
    size_t np = 0, nc = 0, k, pick = 0;
    const char *c = s->column.value;
    char w[600];

    bs_job_at(p, s->periods.line, s->line, w, sizeof w);
    if (!c)
        return bs_error_set(err, "%s: periods = needs column = with one column "
                            "per period", w);
    if (bs_period_list_parse(s->periods.value, w, &list, &np, err) != 0)
        return -1;
    for (k = 0; k < np; k++)
        if (bs_period_cmp(&list[k], &list[pick]) > 0)
            pick = k;
    if (s->period.value && strcasecmp(s->period.value, "latest") != 0) {
        if (bs_period_parse(s->period.value, w, &want, err) != 0)
            goto fail;
        for (k = 0; k < np && !bs_period_same(&list[k], &want); k++)
            ;
        if (k == np) {
            bs_error_set(err, "%s: period = %s is not one of periods = %s", w,
                         s->period.value, s->periods.value);
            goto fail;
        }
        pick = k;
    }
    /* the pick-th name of the column list */
    while (*c) {
        size_t len;
        c += strspn(c, " \t,");
        len = strcspn(c, " \t,");
        if (!len)
            break;
        if (nc++ == pick)
            snprintf(name, n, "%.*s", (int)len, c);
        c += len;
    }
    if (nc != np) {
        bs_error_set(err, "%s: %zu columns but %zu periods: give one period "
                     "per column", w, nc, np);
        goto fail;
    }
    *per = list[pick];
    free(list);
    return 0;
fail:
    free(list);
    return -1;
}
