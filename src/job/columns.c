/* columns.c: the one column resolver of the job. A column is named as
 * "areas.X" (the areas' DBF), "DATA.X" ([data DATA]), a [supply] column
 * (NAME or NAME_per1000) or a bare name found in exactly one source;
 * formulas combine such columns. Every setting that names a column
 * (indicators, rates, population, need, supply, maps) comes here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/formula.h"
#include "buurtscan/words.h"
#include "internal.h"

/* [supply] columns: NAME (count) and NAME_per1000, once counted (places.c).
 * 1 if name is one. */
static int supply_column(const bs_job *j, const char *name, double *out)
{
    const bs_project *p = j->p;
    size_t s, len;

    if (!j->supply_count)
        return 0;
    if (bs_job_access_column(j, name, out))
        return 1;
    for (s = 0; s < p->nsupply; s++) {
        len = strlen(p->supply[s].name);
        if (strcasecmp(name, p->supply[s].name) == 0 && j->supply_count[s]) {
            memcpy(out, j->supply_count[s], j->n * sizeof *out);
            return 1;
        }
        if (strncasecmp(name, p->supply[s].name, len) == 0 &&
            strcasecmp(name + len, "_per1000") == 0 && j->supply_per1000[s]) {
            memcpy(out, j->supply_per1000[s], j->n * sizeof *out);
            return 1;
        }
    }
    return 0;
}

const char *bs_job_column_label(const bs_job *j, const char *name)
{
    const bs_project *p = j->p;
    bs_lang l = bs_lang_of(p->language.value);
    size_t k, len;

    if (!name)
        return NULL;
    if (strcasecmp(name, "score") == 0)
        return bs_word(BS_W_J_SCORE, l);
    if (strcasecmp(name, "rank") == 0)
        return bs_word(BS_W_J_RANK, l);
    if (strcasecmp(name, "decile") == 0)
        return bs_word(BS_W_J_DECILE, l);
    if (strcasecmp(name, "coverage") == 0)
        return bs_word(BS_W_J_COVERAGE, l);
    for (k = 0; k < p->nind; k++)
        if (strcasecmp(p->ind[k].id, name) == 0)
            return p->ind[k].label.value ? p->ind[k].label.value : p->ind[k].id;
    for (k = 0; k < p->nsupply; k++) {
        len = strlen(p->supply[k].name);
        if (p->supply[k].label.value &&
            (strcasecmp(name, p->supply[k].name) == 0 ||
             (strncasecmp(name, p->supply[k].name, len) == 0 &&
              strcasecmp(name + len, "_per1000") == 0)))
            return p->supply[k].label.value;
    }
    return name;
}

/* Finds a column by name: "areas.X" or "DATANAME.X" or a bare name, looked up
 * in the areas' DBF and every data file; a bare name in more than one is
 * ambiguous. Fills out[n] with the values per area. */
int bs_job_column_values(const bs_job *j, const char *name, const char *where,
                         double *out, unsigned char *uses, bs_error *err)
{
    const bs_project *p = j->p;
    const char *dot = strchr(name, '.');
    const bs_table *found_t = NULL;
    long found_c = -1;
    size_t found_d = 0, nfound = 0, d, i;
    char first_src[200] = "";
    int qualified = 0;

    if (supply_column(j, name, out))
        return 0;
    if (dot) {
        size_t len = (size_t)(dot - name);
        if (len == 5 && strncasecmp(name, "areas", 5) == 0) {
            qualified = 1;
            found_c = bs_table_find(j->areas->attrs, dot + 1);
            found_t = j->areas->attrs;
            found_d = (size_t)-1;
            nfound = found_c >= 0;
        } else {
            for (d = 0; d < p->ndata; d++)
                if (strlen(p->data[d].name) == len &&
                    strncasecmp(p->data[d].name, name, len) == 0) {
                    qualified = 1;
                    found_t = j->tables[d];
                    found_c = bs_table_find(found_t, dot + 1);
                    found_d = d;
                    nfound = found_c >= 0;
                }
        }
        if (qualified && !nfound)
            return bs_error_set(err, "%s: '%s' is not a column of %s", where,
                                dot + 1, found_t->path);
    }
    if (!qualified) {
        long c = bs_table_find(j->areas->attrs, name);
        if (c >= 0) {
            found_t = j->areas->attrs;
            found_c = c;
            found_d = (size_t)-1;
            nfound++;
            snprintf(first_src, sizeof first_src, "areas");
        }
        for (d = 0; d < p->ndata; d++) {
            c = bs_table_find(j->tables[d], name);
            if (c < 0)
                continue;
            if (nfound)
                return bs_error_set(err, "%s: column '%s' is in both %s and "
                                    "data %s: write %s.%s or %s.%s", where,
                                    name, first_src, p->data[d].name,
                                    first_src, name, p->data[d].name, name);
            found_t = j->tables[d];
            found_c = c;
            found_d = d;
            nfound++;
            snprintf(first_src, sizeof first_src, "%s", p->data[d].name);
        }
    }
    if (!nfound) {
        char list[700] = "";
        for (d = 0; d < p->ndata; d++) {
            strncat(list, ", ", sizeof list - strlen(list) - 1);
            strncat(list, p->data[d].file.value, sizeof list - strlen(list) - 1);
        }
        return bs_error_set(err, "%s: no column '%s' in %s%s", where, name,
                            p->areas.shapefile.value, list);
    }
    if (found_d == (size_t)-1)
        return bs_table_column_numeric(found_t, (size_t)found_c, out, err);
    if (j->monitor_only && j->monitor_only[found_d])
        return bs_error_set(err, "%s: column '%s' of [data %s]: no key of %s "
                            "matches an area, so only a [monitor] can use it",
                            where, name, p->data[found_d].name,
                            p->data[found_d].file.value);
    if (uses)
        uses[found_d] = 1;
    {
        double *all = malloc((found_t->nrows ? found_t->nrows : 1) * sizeof *all);
        const bs_join *jn = &j->joins[found_d];
        if (!all)
            return bs_error_set(err, "%s: out of memory", where);
        if (bs_table_column_numeric(found_t, (size_t)found_c, all, err) != 0) {
            free(all);
            return -1;
        }
        for (i = 0; i < j->n; i++)
            out[i] = jn->row[i] >= 0 ? all[jn->row[i]] : NAN;
        free(all);
    }
    return 0;
}

int bs_job_indicator_values(const bs_job *j, const bs_indicator_spec *s,
                            double *out, unsigned char *uses, bs_error *err)
{
    const bs_project *p = j->p;
    char where[600];

    if (s->periods.value) {     /* a wide file: one column per period */
        char name[256];
        bs_period per;
        if (bs_job_wide_column(p, s, name, sizeof name, &per, err) != 0)
            return -1;
        bs_job_at(p, s->column.line, s->line, where, sizeof where);
        return bs_job_column_values(j, name, where, out, uses, err);
    }
    if (s->column.value) {
        bs_job_at(p, s->column.line, s->line, where, sizeof where);
        return bs_job_column_values(j, s->column.value, where, out, uses, err);
    } else {
        bs_formula *f;
        size_t nc, c;
        double **cols;
        int rc = 0;

        bs_job_at(p, s->formula.line, s->line, where, sizeof where);
        if (bs_formula_parse(s->formula.value, where, &f, err) != 0)
            return -1;
        nc = bs_formula_ncolumns(f);
        cols = calloc(nc ? nc : 1, sizeof *cols);
        if (!cols) {
            bs_formula_free(f);
            return bs_error_set(err, "%s: out of memory", where);
        }
        for (c = 0; c < nc && rc == 0; c++) {
            cols[c] = malloc(j->n * sizeof **cols);
            if (!cols[c])
                rc = bs_error_set(err, "%s: out of memory", where);
            else
                rc = bs_job_column_values(j, bs_formula_column(f, c), where, cols[c],
                                   uses, err);
        }
        if (rc == 0)
            bs_formula_eval(f, (const double *const *)cols, j->n, out);
        for (c = 0; c < nc; c++)
            free(cols[c]);
        free(cols);
        bs_formula_free(f);
        return rc;
    }
}
