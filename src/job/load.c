/* load.c: reading every file a project names, before anything is
 * computed: the style, the areas (selected and reprojected), the data
 * files (joined to the areas), the point layers, the catchments and
 * previous designations of [designate], the contexts of [map]s, and the
 * report template and notes. Nothing after this phase opens an input
 * file, so whatever `run` can meet on the input, `validate` meets here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "buurtscan/crs.h"
#include "buurtscan/csv.h"
#include "buurtscan/report.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/vector.h"
#include "internal.h"

static char *join_names(const bs_table *t, size_t max)
{
    size_t i, len = 0;
    char *s;

    for (i = 0; i < t->ncols && i < max; i++)
        len += strlen(t->names[i]) + 2;
    s = malloc(len + 8);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (i = 0; i < t->ncols && i < max; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, t->names[i]);
    }
    if (t->ncols > max)
        strcat(s, ", ...");
    return s;
}

static int no_column(const bs_project *p, long line, long sline,
                     const char *what, const char *name, const bs_table *t,
                     bs_error *err)
{
    char w[600];
    char *names = join_names(t, 30);
    bs_error_set(err, "%s: %s '%s' is not a column of %s (columns: %s)",
                 bs_job_at(p, line, sline, w, sizeof w), what, name, t->path,
                 names ? names : "?");
    free(names);
    return -1;
}

/* --- areas ------------------------------------------------------------ */

/* issue 14: one of the blank-separated globs of list matches key. */
static int any_glob(const char *list, const char *key)
{
    char pat[256];
    const char *s = list;

    while (*s) {
        size_t n;
        s += strspn(s, " \t,");
        n = strcspn(s, " \t,");
        if (n > 0 && n < sizeof pat) {
            memcpy(pat, s, n);
            pat[n] = '\0';
            if (bs_glob_match(pat, key))
                return 1;
        }
        s += n;
    }
    return 0;
}

/* issue 14: the gemeente code of an area code: GMgggg itself, or the four
 * digits after the two-letter prefix of WKgggg.. and BUgggg.... */
static int in_gemeente(const char *list, const char *key)
{
    const char *s = list;
    size_t kl = strlen(key);

    if (kl < 6)
        return 0;
    while (*s) {
        size_t n;
        s += strspn(s, " \t,");
        n = strcspn(s, " \t,");
        if (n == 6 && strncasecmp(s + 2, key + 2, 4) == 0)
            return 1;
        s += n;
    }
    return 0;
}

static int cmp_key(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* The keys of the areas left out, sorted, for the join summary. */
static int remember_left_out(bs_job *j, size_t keycol,
                             const unsigned char *keep, size_t nout)
{
    size_t i;

    if (!(j->left_out = calloc(nout ? nout : 1, sizeof *j->left_out)))
        return -1;
    for (i = 0; i < j->areas->n; i++) {
        const char *k = j->areas->attrs->cells[keycol][i];
        if (keep[i] || !k)
            continue;
        if (!(j->left_out[j->nleft_out] = strdup(k)))
            return -1;
        j->nleft_out++;
    }
    qsort(j->left_out, j->nleft_out, sizeof *j->left_out, cmp_key);
    return 0;
}

/* 1 if key is one of the areas select/gemeente left out. */
int bs_job_left_out(const bs_job *j, const char *key)
{
    return key && j->nleft_out
           && bsearch(&key, j->left_out, j->nleft_out, sizeof *j->left_out,
                      cmp_key) != NULL;
}

/* [areas] select = and gemeente =: keep the areas both allow. */
static int select_areas(bs_job *j, size_t keycol, bs_error *err)
{
    const bs_project *p = j->p;
    size_t n = j->areas->n, kept = 0, i;
    unsigned char *keep = malloc(n ? n : 1);
    char w[600];

    if (!keep)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (i = 0; i < n; i++) {
        const char *k = j->areas->attrs->cells[keycol][i];
        keep[i] = k && (!p->areas.select.value ||
                        any_glob(p->areas.select.value, k)) &&
                  (!p->areas.gemeente.value ||
                   in_gemeente(p->areas.gemeente.value, k));
        kept += keep[i];
    }
    if (kept == 0) {
        int sel = p->areas.select.value != NULL;
        free(keep);
        return bs_error_set(err, "%s: %s = %s matches none of the %zu "
                            "keys in %s (first key: %s)",
                            bs_job_at(p, sel ? p->areas.select.line
                                             : p->areas.gemeente.line,
                                      p->areas.line, w, sizeof w),
                            sel ? "select" : "gemeente",
                            sel ? p->areas.select.value
                                : p->areas.gemeente.value, n,
                            p->areas.shapefile.value,
                            n ? (j->areas->attrs->cells[keycol][0]
                                     ? j->areas->attrs->cells[keycol][0]
                                     : "(empty)")
                              : "(no areas)");
    }
    if (remember_left_out(j, keycol, keep, n - kept) != 0) {
        free(keep);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    if (bs_areas_keep(j->areas, keep, err) != 0) {
        free(keep);
        return -1;
    }
    free(keep);
    return 0;
}

static int read_areas(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    long keycol, namecol = -1;
    size_t i;

    bs_job_step(h, "reading areas: %s", p->areas.shapefile.value);
    if (bs_areas_read(p->areas.shapefile.value, p->areas.layer.value,
                      p->areas.crs.value, &j->areas, bs_job_diag(h), err) != 0
        || bs_areas_check_earth(j->areas, err) != 0)
        return -1;
    j->nareas_file = j->areas->n;
    keycol = bs_table_find(j->areas->attrs, p->areas.key.value);
    if (keycol < 0)
        return no_column(p, p->areas.key.line, p->areas.line, "key",
                         p->areas.key.value, j->areas->attrs, err);
    if (p->areas.name.value) {
        namecol = bs_table_find(j->areas->attrs, p->areas.name.value);
        if (namecol < 0)
            return no_column(p, p->areas.name.line, p->areas.line, "name",
                             p->areas.name.value, j->areas->attrs, err);
    }
    if ((p->areas.select.value || p->areas.gemeente.value) &&
        select_areas(j, (size_t)keycol, err) != 0)
        return -1;
    if (j->areas->n == 0)
        return bs_error_set(err, "%s: no areas", p->areas.shapefile.value);
    if (bs_keys_check_unique(j->areas->attrs, (size_t)keycol, err) != 0)
        return -1;
    j->n = j->areas->n;
    j->key = malloc(j->n * sizeof *j->key);
    j->name = malloc(j->n * sizeof *j->name);
    if (!j->key || !j->name)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (i = 0; i < j->n; i++) {
        j->key[i] = j->areas->attrs->cells[keycol][i];
        j->name[i] = namecol >= 0 && j->areas->attrs->cells[namecol][i]
                         ? j->areas->attrs->cells[namecol][i]
                         : j->key[i];
    }
    /* Nothing but the [map]s needs the areas in the project CRS at full
     * detail (no points to place in them, no report to zoom into them):
     * then they are simplified for print first and only the points kept
     * are reprojected (bs_job_simplify_for_print), which for a national
     * set saves most of the reprojection. */
    if (j->areas->crs && p->nmaps > 0 && p->npoints == 0 && p->ndesignate == 0
        && p->nprio == 0 && !p->report.line && p->nspatial == 0 &&
        !p->export.formats) {
        int same = bs_crs_equivalent(j->areas->crs, p->crs.value, err);
        if (same < 0)
            return -1;
        if (!same)
            return 0;     /* simplified for print once the maps are ready */
    }
    bs_job_step(h, "reprojecting %zu areas to %s", j->n, p->crs.value);
    return bs_areas_reproject(j->areas, p->crs.value, err);
}

/* --- data ------------------------------------------------------------- */

static int read_data(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t d;

    j->ndata = p->ndata;
    j->tables = calloc(p->ndata ? p->ndata : 1, sizeof *j->tables);
    j->joins = calloc(p->ndata ? p->ndata : 1, sizeof *j->joins);
    j->ptables = calloc(p->ndata + 1, sizeof *j->ptables);
    j->prow = calloc(p->ndata + 1, sizeof *j->prow);
    j->dperiod = calloc(p->ndata + 1, sizeof *j->dperiod);
    j->monitor_only = calloc(p->ndata + 1, 1);
    if (!j->tables || !j->joins || !j->ptables || !j->prow || !j->dperiod ||
        !j->monitor_only)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (d = 0; d < p->ndata; d++) {
        const bs_data_spec *s = &p->data[d];
        bs_csv_options opt = { s->delimiter, s->decimal, s->encoding.value };
        long keycol;
        bs_join *jn = &j->joins[d];
        size_t i, outside;
        char rest[80];

        bs_job_step(h, "reading data %s: %s", s->name, s->file.value);
        if (bs_csv_read(s->file.value, &opt, &j->tables[d], err) != 0)
            return -1;
        if (s->period.value && bs_job_split_periods(j, d, err) != 0)
            return -1;
        keycol = bs_table_find(j->tables[d], s->key.value);
        if (keycol < 0)
            return no_column(p, s->key.line, s->line, "key", s->key.value,
                             j->tables[d], err);
        if (bs_join_build(j->key, j->n, j->tables[d], (size_t)keycol, jn,
                          err) != 0)
            return -1;
        if (jn->matched == 0 && p->nmonitor > 0) {
            /* gemeente rows for the monitors only (issue 13) */
            j->monitor_only[d] = 1;
            bs_job_step(h, "joined %s: no row matches an area; only [monitor]s "
                        "can use it", s->name);
            continue;
        }
        if (jn->matched == 0)
            return bs_error_set(err, "%s: [data %s] no key in column '%s' of "
                                "%s matches an area key (areas: %s, ...; "
                                "file: %s, ...)",
                                p->path, s->name, s->key.value, s->file.value,
                                j->key[0],
                                j->tables[d]->nrows && j->tables[d]->cells[keycol][0]
                                    ? j->tables[d]->cells[keycol][0] : "(none)");
        for (i = 0, outside = 0; i < jn->nunmatched_rows; i++)
            outside += bs_job_left_out(j, j->tables[d]->cells[keycol]
                                                      [jn->unmatched_rows[i]]);
        if (outside)
            snprintf(rest, sizeof rest, " (and %zu of areas outside the "
                     "selection)", outside);
        else
            rest[0] = '\0';
        if (jn->nunmatched_areas > 0)
            bs_warn(bs_job_diag(h),
                    "%s: %zu of %zu areas have no row (first: %s); %zu rows "
                    "match no area%s", s->file.value, jn->nunmatched_areas, j->n,
                    j->key[jn->unmatched_areas[0]],
                    jn->nunmatched_rows - outside, rest);
        else
            bs_job_step(h, "joined %s: all %zu areas matched, %zu rows match "
                        "no area%s", s->name, j->n,
                        jn->nunmatched_rows - outside, rest);
    }
    return 0;
}

/* --- points and the tables of [designate] ----------------------------- */

static int read_layer(bs_job *j, size_t l, const bs_job_hooks *h, bs_error *err)
{
    const bs_points_spec_cfg *c = &j->p->points[l];
    bs_pointset_spec spec;

    memset(&spec, 0, sizeof spec);
    spec.file = c->file.value;
    spec.key = c->key.value;
    spec.name = c->label_col.value;
    spec.kind = c->kind.value;
    spec.x = c->x.value;
    spec.y = c->y.value;
    spec.lon = c->lon.value;
    spec.lat = c->lat.value;
    spec.crs = c->crs.value;
    spec.layer = c->layer.value;
    bs_job_step(h, "reading points %s: %s", c->name, c->file.value);
    return bs_pointset_read(&spec, j->p->crs.value, &j->layers[l],
                            bs_job_diag(h), err);
}

static int read_places(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    bs_csv_options opt = { 0, 0, NULL };
    size_t l, d;

    j->layers = calloc(p->npoints + 1, sizeof *j->layers);
    j->catchment = calloc(p->ndesignate + 1, sizeof *j->catchment);
    j->previous = calloc(p->ndesignate + 1, sizeof *j->previous);
    if (!j->layers || !j->catchment || !j->previous)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (l = 0; l < p->npoints; l++)
        if (read_layer(j, l, h, err) != 0)
            return -1;
    for (d = 0; d < p->ndesignate; d++) {
        const bs_designate_spec *c = &p->designate[d];
        if (c->catchment.value &&
            bs_csv_read(c->catchment.value, &opt, &j->catchment[d], err) != 0)
            return -1;
        if (c->previous.value &&
            bs_csv_read(c->previous.value, &opt, &j->previous[d], err) != 0)
            return -1;
    }
    return 0;
}

/* --- the contexts of [map]s -------------------------------------------- */

static int read_contexts(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t m;

    j->context = calloc(p->nmaps + 1, sizeof *j->context);
    if (!j->context)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (m = 0; m < p->nmaps; m++) {
        const char *file = p->maps[m].context.value;
        if (!file)
            continue;
        if (bs_shapefile_read(file, NULL, &j->context[m], bs_job_diag(h),
                              err) != 0 ||
            bs_areas_reproject(j->context[m], p->crs.value, err) != 0)
            return -1;
    }
    return 0;
}

/* --- the report's template and notes ------------------------------------- */

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The template: built-in defaults, then the stock templates/report-LANG.ini
 * (when the hooks say where templates/ is), then the project's own. */
static int read_report(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    char stock[4096];

    if (!p->report.line)
        return 0;
    j->tpl = malloc(sizeof *j->tpl);
    if (!j->tpl)
        return bs_error_set(err, "%s: out of memory", p->path);
    bs_report_template_init(j->tpl);
    if (h && h->templates_dir) {
        snprintf(stock, sizeof stock, "%s/report-%s.ini", h->templates_dir,
                 p->language.value);
        if (file_exists(stock) && bs_report_template_read(stock, j->tpl, err) != 0)
            return -1;
    }
    if (p->report.template_file.value &&
        bs_report_template_read(p->report.template_file.value, j->tpl, err) != 0)
        return -1;
    if (p->report.notes.value &&
        bs_report_notes_read(p->report.notes.value, j->key, j->n, &j->notes,
                             err) != 0)
        return -1;
    return 0;
}

int bs_job_read(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;

    bs_style_default(&j->style);
    if (p->style.value && bs_style_read(p->style.value, &j->style, err) != 0)
        return -1;
    if (read_areas(j, h, err) != 0 || read_data(j, h, err) != 0 ||
        read_places(j, h, err) != 0 || read_contexts(j, h, err) != 0 ||
        read_report(j, h, err) != 0)
        return -1;
    return 0;
}

void bs_job_read_free(bs_job *j)
{
    const bs_project *p = j->p;
    size_t k;

    bs_areas_free(j->areas);
    for (k = 0; k < j->nleft_out; k++)
        free(j->left_out[k]);
    free(j->left_out);
    for (k = 0; j->tables && k < j->ndata; k++) {
        bs_table_free(j->tables[k]);
        bs_join_free(&j->joins[k]);
    }
    free(j->tables);
    free(j->joins);
    bs_job_periods_free(j);
    for (k = 0; j->layers && k < p->npoints; k++)
        bs_pointset_free(j->layers[k]);
    free(j->layers);
    for (k = 0; j->catchment && k < p->ndesignate; k++) {
        bs_table_free(j->catchment[k]);
        bs_table_free(j->previous[k]);
    }
    free(j->catchment);
    free(j->previous);
    for (k = 0; j->context && k < p->nmaps; k++)
        bs_areas_free(j->context[k]);
    free(j->context);
    if (j->tpl)
        bs_report_template_free(j->tpl);
    free(j->tpl);
    if (j->notes)
        bs_report_notes_free(j->notes, j->n);
    free(j->key);
    free(j->name);
}
