/* job.c: loading a project: areas, data, joins, indicators, scores, classes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "buurtscan/crs.h"
#include "buurtscan/csv.h"
#include "buurtscan/formula.h"
#include "buurtscan/job.h"
#include "buurtscan/number.h"
#include "buurtscan/palette.h"
#include "buurtscan/score.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/text.h"
#include "internal.h"

void bs_job_step(const bs_job_hooks *h, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    if (!h || !h->step)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h->step(h->ud, buf);
}

/* "PROJECT:LINE" of a setting, or of the section when the key was defaulted. */
const char *bs_job_at(const bs_project *p, long line, long section_line,
                      char *buf, size_t n)
{
    snprintf(buf, n, "%s:%ld", p->path, line ? line : section_line);
    return buf;
}

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

static int load_areas(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    char w[600];
    long keycol, namecol = -1;
    size_t i;

    bs_job_step(h, "reading areas: %s", p->areas.shapefile.value);
    if (bs_shapefile_read(p->areas.shapefile.value, p->areas.crs.value,
                          &j->areas, h ? &h->diag : NULL, err) != 0)
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
    if (p->areas.select.value) {
        size_t n = j->areas->n, kept = 0;
        unsigned char *keep = malloc(n ? n : 1);
        if (!keep)
            return bs_error_set(err, "%s: out of memory", p->path);
        for (i = 0; i < n; i++) {
            const char *k = j->areas->attrs->cells[keycol][i];
            keep[i] = k && bs_glob_match(p->areas.select.value, k);
            kept += keep[i];
        }
        if (kept == 0) {
            free(keep);
            return bs_error_set(err, "%s: select = %s matches none of the %zu "
                                "keys in %s (first key: %s)",
                                bs_job_at(p, p->areas.select.line, p->areas.line, w,
                                   sizeof w),
                                p->areas.select.value, n,
                                p->areas.shapefile.value,
                                n ? (j->areas->attrs->cells[keycol][0]
                                         ? j->areas->attrs->cells[keycol][0]
                                         : "(empty)")
                                  : "(no areas)");
        }
        if (bs_areas_keep(j->areas, keep, err) != 0) {
            free(keep);
            return -1;
        }
        free(keep);
    }
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
        && p->nprio == 0 && !p->report.line) {
        int same = bs_crs_equivalent(j->areas->crs, p->crs.value, err);
        if (same < 0)
            return -1;
        if (!same)
            return 0;     /* bs_job_load simplifies them once the maps are ready */
    }
    bs_job_step(h, "reprojecting %zu areas to %s", j->n, p->crs.value);
    return bs_areas_reproject(j->areas, p->crs.value, err);
}

/* --- data ------------------------------------------------------------- */

static int load_data(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t d;

    j->ndata = p->ndata;
    j->tables = calloc(p->ndata ? p->ndata : 1, sizeof *j->tables);
    j->joins = calloc(p->ndata ? p->ndata : 1, sizeof *j->joins);
    if (!j->tables || !j->joins)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (d = 0; d < p->ndata; d++) {
        const bs_data_spec *s = &p->data[d];
        bs_csv_options opt = { s->delimiter, s->decimal, s->encoding.value };
        long keycol;
        bs_join *jn = &j->joins[d];

        bs_job_step(h, "reading data %s: %s", s->name, s->file.value);
        if (bs_csv_read(s->file.value, &opt, &j->tables[d], err) != 0)
            return -1;
        keycol = bs_table_find(j->tables[d], s->key.value);
        if (keycol < 0)
            return no_column(p, s->key.line, s->line, "key", s->key.value,
                             j->tables[d], err);
        if (bs_join_build(j->key, j->n, j->tables[d], (size_t)keycol, jn,
                          err) != 0)
            return -1;
        if (jn->matched == 0)
            return bs_error_set(err, "%s: [data %s] no key in column '%s' of "
                                "%s matches an area key (areas: %s, ...; "
                                "file: %s, ...)",
                                p->path, s->name, s->key.value, s->file.value,
                                j->key[0],
                                j->tables[d]->nrows && j->tables[d]->cells[keycol][0]
                                    ? j->tables[d]->cells[keycol][0] : "(none)");
        if (jn->nunmatched_areas > 0)
            bs_warn(h ? &h->diag : NULL,
                    "%s: %zu of %zu areas have no row (first: %s); %zu rows "
                    "match no area", s->file.value, jn->nunmatched_areas, j->n,
                    j->key[jn->unmatched_areas[0]], jn->nunmatched_rows);
        else
            bs_job_step(h, "joined %s: all %zu areas matched, %zu rows match no area",
                 s->name, j->n, jn->nunmatched_rows);
    }
    return 0;
}

/* --- columns ----------------------------------------------------------- */

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

    if (bs_job_supply_column(j, name, out))
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

/* --- maps --------------------------------------------------------------- */

static const char *norm_text(bs_norm m, int nl)
{
    switch (m) {
    case BS_NORM_ZSCORE: return nl ? "gewogen gemiddelde z-score" : "weighted mean z-score";
    case BS_NORM_MINMAX: return nl ? "gewogen gemiddelde, min-max 0-1" : "weighted mean, min-max 0-1";
    case BS_NORM_RANK: return nl ? "gewogen gemiddelde rang" : "weighted mean rank";
    case BS_NORM_PERCENTILE: return nl ? "gewogen gemiddeld percentiel" : "weighted mean percentile";
    case BS_NORM_EXPRANK: return nl ? "gewogen gemiddelde exponentiële rang (0-100)"
                                    : "weighted mean exponential rank (0-100)";
    case BS_NORM_GOALPOSTS: return nl ? "gewogen gemiddelde, doelpalen" : "weighted mean, goalposts";
    case BS_NORM_DISTANCE: return nl ? "gewogen gemiddelde afstand tot referentie"
                                     : "weighted mean distance to reference";
    case BS_NORM_NONE: return nl ? "gewogen gemiddelde van de ruwe waarden"
                                 : "weighted mean of raw values";
    }
    return "";
}

/* Legend decimals: enough to tell the class bounds apart, never more than 3. */
static int auto_decimals(const bs_classes *c, const double *v, size_t n)
{
    size_t i;
    int all_integer = 1, d;
    double minwidth = INFINITY;

    for (i = 0; i < n; i++)
        if (!isnan(v[i]) && v[i] != floor(v[i]))
            all_integer = 0;
    if (all_integer)
        return 0;
    for (i = 1; i < (size_t)c->k; i++)
        if (c->upper[i] - c->upper[i - 1] < minwidth)
            minwidth = c->upper[i] - c->upper[i - 1];
    if (c->k > 0 && c->upper[0] - c->min > 0 && c->upper[0] - c->min < minwidth)
        minwidth = c->upper[0] - c->min;
    if (!isfinite(minwidth) || minwidth <= 0)
        return 1;
    d = (int)ceil(-log10(minwidth)) + 1;
    if (d < 1)
        d = 1;
    if (minwidth >= 10)
        d = 0;
    return d > 3 ? 3 : d;
}

/* The source line for a map: the areas' source, then the source of every
 * data file that the mapped values come from (uses[d] != 0), each once. */
static char *make_source(const bs_job *j, const unsigned char *uses)
{
    const bs_project *p = j->p;
    int nl = strcmp(p->language.value, "en") != 0;
    size_t d, e, len = 64;
    char *s;

    if (p->areas.source.value)
        len += strlen(p->areas.source.value) + 2;
    for (d = 0; d < p->ndata; d++)
        if (p->data[d].source.value)
            len += strlen(p->data[d].source.value) + 2;
    s = malloc(len + 80);
    if (!s)
        return NULL;
    strcpy(s, nl ? "Bron: " : "Source: ");
    if (p->areas.source.value)
        strcat(s, p->areas.source.value);
    for (d = 0; d < p->ndata; d++) {
        const char *src = p->data[d].source.value;
        int dup = 0;
        if (!src || !uses[d])
            continue;
        if (p->areas.source.value && strcmp(p->areas.source.value, src) == 0)
            dup = 1;
        for (e = 0; e < d; e++)
            if (uses[e] && p->data[e].source.value &&
                strcmp(p->data[e].source.value, src) == 0)
                dup = 1;
        if (dup)
            continue;
        if (s[strlen(s) - 1] != ' ')
            strcat(s, "; ");
        strcat(s, src);
    }
    if (strcmp(s, "Bron: ") == 0 || strcmp(s, "Source: ") == 0)
        strcat(s, nl ? "niet opgegeven (zet source = in [areas] en [data])"
                     : "not given (set source = in [areas] and [data])");
    return s;
}

static const char *method_text(bs_class_method m, int nl)
{
    switch (m) {
    case BS_CLASS_QUANTILE: return nl ? "kwantielen" : "quantiles";
    case BS_CLASS_EQUAL: return nl ? "gelijke intervallen" : "equal intervals";
    case BS_CLASS_FISHER_JENKS: return nl ? "natuurlijke grenzen (Fisher-Jenks)"
                                          : "natural breaks (Fisher-Jenks)";
    case BS_CLASS_MANUAL: return nl ? "vaste grenzen" : "fixed breaks";
    case BS_CLASS_STDMEAN: return nl ? "standaarddeviaties rond het gemiddelde"
                                     : "standard deviations about the mean";
    case BS_CLASS_BOXPLOT: return nl ? "boxplot" : "box plot";
    case BS_CLASS_PERCENTILES: return nl ? "percentielen" : "percentiles";
    case BS_CLASS_MAXBREAKS: return nl ? "grootste sprongen" : "maximum breaks";
    case BS_CLASS_HEADTAIL: return "head/tail";
    case BS_CLASS_PRETTY: return nl ? "ronde grenzen" : "pretty breaks";
    }
    return "";
}

static int prepare_map(bs_job *j, const bs_map_spec *s, bs_job_map *m,
                       bs_error *err)
{
    const bs_project *p = j->p;
    int nl = strcmp(p->language.value, "en") != 0;
    const char *col = s->column.value;
    char where[600];
    const char *label = NULL, *unit = NULL;
    unsigned char *uses = calloc(j->ndata + 1, 1);
    size_t k, d;
    int rc = 0;

    m->spec = s;
    bs_job_at(p, s->column.line, s->line, where, sizeof where);
    m->values = malloc(j->n * sizeof *m->values);
    m->cls = malloc(j->n * sizeof *m->cls);
    if (!m->values || !m->cls || !uses) {
        free(uses);
        return bs_error_set(err, "%s: out of memory", where);
    }
    if (strcasecmp(col, "score") == 0 || strcasecmp(col, "rank") == 0 ||
        strcasecmp(col, "decile") == 0 || strcasecmp(col, "coverage") == 0) {
        const double *src = strcasecmp(col, "score") == 0 ? j->score
                            : strcasecmp(col, "rank") == 0 ? j->rank
                            : strcasecmp(col, "decile") == 0 ? j->decile
                                                             : j->coverage;
        memcpy(m->values, src, j->n * sizeof *m->values);
        for (k = 0; k < p->nind; k++)
            for (d = 0; d < j->ndata; d++)
                uses[d] |= j->uses[k * (j->ndata + 1) + d];
        label = strcasecmp(col, "score") == 0 ? "Score"
                : strcasecmp(col, "rank") == 0 ? (nl ? "Rang (1 = meeste behoefte)"
                                                     : "Rank (1 = most need)")
                : strcasecmp(col, "decile") == 0 ? (nl ? "Deciel (1 = meeste behoefte)"
                                                       : "Decile (1 = most need)")
                : (nl ? "Dekking (aandeel gewicht met gegevens)"
                      : "Coverage (share of weight with data)");
        m->subtitle = bs_text_printf(nl ? "Samengestelde score uit %zu indicatoren "
                                     "(%s); hoger = meer behoefte"
                                   : "Composite score of %zu indicators (%s); "
                                     "higher = more need",
                                p->nind, norm_text(p->score.normalise, nl));
    } else {
        for (k = 0; k < p->nind; k++)
            if (strcasecmp(p->ind[k].id, col) == 0)
                break;
        if (k < p->nind) {
            memcpy(m->values, j->raw[k], j->n * sizeof *m->values);
            memcpy(uses, j->uses + k * (j->ndata + 1), j->ndata);
            label = p->ind[k].label.value;
            unit = p->ind[k].unit.value;
        } else {
            rc = bs_job_column_values(j, col, where, m->values, uses, err);
            label = col;
        }
    }
    if (rc == 0) {
        m->source = make_source(j, uses);
        /* points drawn on the map, or counted into a [supply] column, bring
         * their own sources */
        if (m->source) {
            size_t sp, l;
            for (l = 0; l < p->npoints; l++) {
                int used = 0;
                const char *src = p->points[l].source.value;
                if (!src || strstr(m->source, src))
                    continue;
                if (s->points.value && strstr(s->points.value, p->points[l].name))
                    used = 1;
                for (sp = 0; sp < p->nsupply; sp++)
                    if (strncasecmp(col, p->supply[sp].name, strlen(p->supply[sp].name)) == 0 &&
                        strstr(p->supply[sp].points.value, p->points[l].name))
                        used = 1;
                if (used) {
                    char *more = bs_text_printf("%s; %s", m->source, src);
                    free(m->source);
                    m->source = more;
                    if (!more)
                        break;
                }
            }
        }
        if (s->legend.value)
            m->legend_title = strdup(s->legend.value);
        else if (unit)
            m->legend_title = bs_text_printf("%s (%s)", label, unit);
        else
            m->legend_title = strdup(label);
        if (s->subtitle.value) {
            free(m->subtitle);
            m->subtitle = strdup(s->subtitle.value);
        }
        if (!m->legend_title || !m->source)
            rc = bs_error_set(err, "%s: out of memory", where);
    }
    free(uses);
    return rc;
}

/* Classes of m from the values of its pool: vals[0] must be m's own values;
 * with more arrays, the breaks come from all of them (mapclassify Pooled)
 * and the legend's lowest bound is the pool's minimum. */
static int classify_values(bs_job *j, bs_job_map *m, const double **vals,
                           size_t nv, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_map_spec *s = m->spec;
    bs_class_params cp;
    bs_error cerr;
    char w[600];
    size_t i, k;
    int rc;

    bs_class_params_init(&cp, s->method, s->classes);
    cp.breaks = s->breaks;
    cp.nbreaks = s->nbreaks;
    cp.multiples = s->multiples;
    cp.nmult = s->nmultiples;
    cp.anchor = s->anchor;
    cp.pct = s->pct;
    cp.npct = s->npct;
    if (s->hinge >= 0)
        cp.hinge = s->hinge;
    if (nv <= 1) {
        rc = bs_classify_ex(m->values, j->n, &cp, &m->classes, &cerr);
    } else {
        size_t *ns = malloc(nv * sizeof *ns);
        bs_classes *out = calloc(nv, sizeof *out), global;
        if (!ns || !out) {
            free(ns);
            free(out);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        for (k = 0; k < nv; k++)
            ns[k] = j->n;
        memset(&global, 0, sizeof global);
        rc = bs_classify_pooled(vals, ns, nv, &cp, out, &global, &cerr);
        if (rc == 0) {
            m->classes = out[0];
            for (k = 1; k < nv; k++)
                bs_classes_free(&out[k]);
            m->classes.min = global.min;
            bs_classes_free(&global);
        }
        free(ns);
        free(out);
    }
    if (rc != 0)
        return bs_error_set(err, "%s: [map %s] %s",
                            bs_job_at(p, s->line, s->line, w, sizeof w), s->name,
                            cerr.msg);
    if (m->classes.k > 12 ||
        (s->centre_set ? bs_palette_diverging(s->palette.value, m->classes.k,
                                              m->classes.upper, s->centre, 0,
                                              m->fill)
                       : bs_palette_get(s->palette.value, m->classes.k, m->fill)) != 0)
        return bs_error_set(err, "%s:%ld: [map %s] palette %s has no %d-class "
                            "version (ColorBrewer: 9 sequential, 11 diverging)",
                            p->path, s->palette.line ? s->palette.line : s->line,
                            s->name, s->palette.value, m->classes.k);
    for (i = 0; i < j->n; i++) {
        m->cls[i] = bs_class_of(&m->classes, m->values[i]);
        if (j->status && j->status[i] == BS_STATUS_SMALL && m->cls[i] < 0) {
            m->cls[i] = -2;     /* te klein: no score by the population rule */
            m->nsmall++;
        }
    }
    for (k = 0; k < (size_t)m->classes.k; k++)
        m->lower[k] = bs_class_lower(&m->classes, (int)k);
    m->decimals = s->decimals >= 0 ? s->decimals
                                   : auto_decimals(&m->classes, m->values, j->n);
    if (!m->subtitle) {
        int nl = strcmp(p->language.value, "en") != 0;
        m->subtitle = bs_text_printf(nl ? "Indeling in %d klassen: %s%s"
                                   : "%d classes: %s%s", m->classes.k,
                                method_text(s->method, nl),
                                nv > 1 ? (nl ? ", gedeeld met andere kaarten"
                                             : ", shared with other maps")
                                       : "");
        if (!m->subtitle)
            return bs_error_set(err, "%s: out of memory", p->path);
    }
    return 0;
}

/* Classes of map mi: its own values, or the values of its whole pool (the
 * map itself plus the maps named in pool =). */
static int classify_map(bs_job *j, size_t mi, bs_error *err)
{
    const bs_project *p = j->p;
    bs_job_map *m = &j->maps[mi];
    const double *vals[64];
    size_t nv = 0, k;

    vals[nv++] = m->values;
    if (m->spec->pool.value) {
        char *copy = strdup(m->spec->pool.value), *tok, *save = NULL;
        if (!copy)
            return bs_error_set(err, "%s: out of memory", p->path);
        for (tok = strtok_r(copy, " \t,", &save); tok && nv < 64;
             tok = strtok_r(NULL, " \t,", &save))
            for (k = 0; k < p->nmaps; k++)
                if (k != mi && strcasecmp(p->maps[k].name, tok) == 0)
                    vals[nv++] = j->maps[k].values;
        free(copy);
    }
    return classify_values(j, m, vals, nv, err);
}

/* Qualitative symbol colours (ColorBrewer Dark2) and shapes for point
 * layers, one per layer or, when the layer has kinds, one per kind. */
static const bs_rgb symbol_fill[8] = {
    { 0x1b, 0x9e, 0x77 }, { 0xd9, 0x5f, 0x02 }, { 0x75, 0x70, 0xb3 },
    { 0xe7, 0x29, 0x8a }, { 0x66, 0xa6, 0x1e }, { 0xe6, 0xab, 0x02 },
    { 0xa6, 0x76, 0x1d }, { 0x66, 0x66, 0x66 }
};

static int map_points(bs_job *j, bs_job_map *m, bs_error *err)
{
    const bs_project *p = j->p;
    char *copy = strdup(m->spec->points.value), *tok, *save = NULL;
    size_t total = 0, l, i, ns = 0, cap = 16, at = 0;

    if (!copy)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (l = 0; l < p->npoints; l++)
        total += j->layers[l]->n;
    m->px = malloc((total + 1) * sizeof *m->px);
    m->py = malloc((total + 1) * sizeof *m->py);
    m->pkind = malloc((total + 1) * sizeof *m->pkind);
    m->pstyle = calloc(cap, sizeof *m->pstyle);
    m->plabel = calloc(cap, sizeof *m->plabel);
    if (!m->px || !m->py || !m->pkind || !m->pstyle || !m->plabel) {
        free(copy);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        const bs_pointset *pts = NULL;
        const char *layer_label = NULL;
        size_t first_style = ns;
        for (l = 0; l < p->npoints; l++)
            if (strcasecmp(p->points[l].name, tok) == 0) {
                pts = j->layers[l];
                layer_label = p->points[l].label.value;
            }
        for (i = 0; pts && i < pts->n; i++) {
            size_t st;
            const char *kind = pts->kind && pts->kind[i] ? pts->kind[i] : NULL;
            /* the style of this point's kind (or of the layer) */
            for (st = first_style; st < ns; st++)
                if ((!kind && !m->plabel[st]) ||
                    (kind && m->plabel[st] && strcasecmp(m->plabel[st], kind) == 0))
                    break;
            if (st == ns) {
                if (ns == cap) {
                    bs_point_style *ps2 = realloc(m->pstyle, 2 * cap * sizeof *ps2);
                    char **pl2;
                    if (!ps2) {
                        free(copy);
                        return bs_error_set(err, "%s: out of memory", p->path);
                    }
                    m->pstyle = ps2;
                    pl2 = realloc(m->plabel, 2 * cap * sizeof *pl2);
                    if (!pl2) {
                        free(copy);
                        return bs_error_set(err, "%s: out of memory", p->path);
                    }
                    m->plabel = pl2;
                    cap *= 2;
                }
                m->plabel[ns] = kind ? strdup(kind) : NULL;
                memset(&m->pstyle[ns], 0, sizeof m->pstyle[ns]);
                m->pstyle[ns].symbol = (bs_symbol)(ns % 4);
                m->pstyle[ns].fill = symbol_fill[ns % 8];
                m->pstyle[ns].outline = (bs_rgb){ 0xff, 0xff, 0xff };
                m->pstyle[ns].label = kind ? m->plabel[ns] : layer_label;
                ns++;
                m->points.nstyles = (int)ns;
            }
            m->px[at] = pts->x[i];
            m->py[at] = pts->y[i];
            m->pkind[at++] = (int)st;
        }
    }
    free(copy);
    m->points.n = at;
    m->points.x = m->px;
    m->points.y = m->py;
    m->points.kind = m->pkind;
    m->points.style = m->pstyle;
    m->points.nstyles = (int)ns;
    return 0;
}

/* Layers and furniture of a prepared map: context, points, highlights,
 * labels; and a warning when the palette is not colourblind-safe. */
static int map_layers(bs_job *j, bs_job_map *m, const bs_job_hooks *h,
                      bs_error *err)
{
    const bs_project *p = j->p;
    const bs_map_spec *s = m->spec;
    char w[600];
    bs_palette_flag blind = BS_PALETTE_YES;

    bs_palette_info(s->palette.value, m->classes.k, NULL, &blind, NULL);
    if (blind != BS_PALETTE_YES)
        bs_warn(h ? &h->diag : NULL, "%s: [map %s] palette %s with %d classes is "
                "%s colourblind-safe (ColorBrewer)",
                bs_job_at(p, s->palette.line, s->line, w, sizeof w), s->name,
                s->palette.value, m->classes.k,
                blind == BS_PALETTE_NO ? "not" : "perhaps not");
    if (s->context.value) {
        if (bs_shapefile_read(s->context.value, NULL, &m->context,
                              h ? &h->diag : NULL, err) != 0 ||
            bs_areas_reproject(m->context, p->crs.value, err) != 0)
            return -1;
    }
    if (s->points.value && map_points(j, m, err) != 0)
        return -1;
    if (s->highlight.value) {
        char *copy = strdup(s->highlight.value), *tok, *save = NULL;
        size_t i;
        m->highlight = malloc((j->n + 1) * sizeof *m->highlight);
        if (!copy || !m->highlight) {
            free(copy);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
            for (i = 0; i < j->n; i++)
                if (strcasecmp(j->key[i], tok) == 0)
                    break;
            if (i == j->n) {
                bs_error_set(err, "%s: [map %s] highlight: no area has the code "
                             "'%s'", bs_job_at(p, s->highlight.line, s->line, w,
                                               sizeof w), s->name, tok);
                free(copy);
                return -1;
            }
            if (m->nhighlight < j->n)
                m->highlight[m->nhighlight++] = i;
        }
        free(copy);
    }
    if (s->labels.value && strcmp(s->labels.value, "none") != 0)
        m->labels = strcmp(s->labels.value, "code") == 0 ? j->key : j->name;
    return 0;
}

/* columns = a b c: one prepared map per column, classed together when the
 * legend is shared. Each panel owns a copy of the map's spec with its own
 * column. */
static int prepare_panels(bs_job *j, bs_job_map *m, const bs_job_hooks *h,
                          bs_error *err)
{
    const bs_map_spec *s = m->spec;
    char *copy = strdup(s->columns.value), *tok, *save = NULL;
    size_t np = 0, k;
    const double **vals;
    int rc = 0;

    if (!copy)
        return bs_error_set(err, "%s: out of memory", j->p->path);
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save))
        np++;
    free(copy);
    m->panels = calloc(np ? np : 1, sizeof *m->panels);
    vals = calloc(np ? np : 1, sizeof *vals);
    copy = strdup(s->columns.value);
    if (!m->panels || !vals || !copy) {
        free(vals);
        free(copy);
        return bs_error_set(err, "%s: out of memory", j->p->path);
    }
    save = NULL;
    for (tok = strtok_r(copy, " \t,", &save); tok && rc == 0;
         tok = strtok_r(NULL, " \t,", &save)) {
        bs_map_spec *ps = malloc(sizeof *ps);
        bs_job_map *pm = &m->panels[m->npanels];
        if (!ps) {
            rc = bs_error_set(err, "%s: out of memory", j->p->path);
            break;
        }
        *ps = *s;
        ps->column.value = strdup(tok);
        ps->column.line = s->columns.line;
        ps->subtitle.value = NULL;
        ps->legend.value = NULL;
        ps->pool.value = NULL;
        pm->spec = ps;
        m->npanels++;
        rc = prepare_map(j, ps, pm, err);
        if (rc == 0)
            vals[m->npanels - 1] = pm->values;
    }
    free(copy);
    for (k = 0; rc == 0 && k < m->npanels; k++) {
        if (s->shared_legend) {
            /* this panel's values first, then the others */
            const double *tmp = vals[0];
            vals[0] = vals[k];
            vals[k] = tmp;
            rc = classify_values(j, &m->panels[k], vals, m->npanels, err);
            vals[k] = vals[0];
            vals[0] = tmp;
        } else {
            const double *own[1];
            own[0] = m->panels[k].values;
            rc = classify_values(j, &m->panels[k], own, 1, err);
        }
        if (rc == 0)
            rc = map_layers(j, &m->panels[k], h, err);
    }
    free(vals);
    return rc;
}

/* --- texts -------------------------------------------------------------- */

static int make_texts(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    int nl = strcmp(p->language.value, "en") != 0;
    int y, mo, dd;

    if (p->date.value) {
        sscanf(p->date.value, "%d-%d-%d", &y, &mo, &dd);
    } else {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        y = tm.tm_year + 1900;
        mo = tm.tm_mon + 1;
        dd = tm.tm_mday;
    }
    snprintf(j->iso_date, sizeof j->iso_date, "%04d-%02d-%02dT00:00:00", y, mo, dd);
    if (nl)
        snprintf(j->date, sizeof j->date, "%02d-%02d-%04d", dd, mo, y);
    else
        snprintf(j->date, sizeof j->date, "%04d-%02d-%02d", y, mo, dd);

    {
        unsigned char *all = malloc(j->ndata + 1);
        if (!all)
            return bs_error_set(err, "%s: out of memory", p->path);
        memset(all, 1, j->ndata + 1);
        j->source = make_source(j, all);
        free(all);
    }
    return j->source ? 0 : bs_error_set(err, "%s: out of memory", p->path);
}

int bs_job_load(const bs_project *p, const bs_job_hooks *h, bs_job **out,
                bs_error *err)
{
    bs_job *j = calloc(1, sizeof *j);
    size_t m;

    *out = NULL;
    if (!j)
        return bs_error_set(err, "%s: out of memory", p->path);
    j->p = p;
    if (bs_job_check_names(p, err) != 0)
        goto fail;
    bs_style_default(&j->style);
    if (p->style.value && bs_style_read(p->style.value, &j->style, err) != 0)
        goto fail;
    if (load_areas(j, h, err) != 0 || load_data(j, h, err) != 0 ||
        bs_job_load_places(j, h, err) != 0 || bs_job_compute(j, h, err) != 0 ||
        bs_job_decide(j, h, err) != 0 || bs_job_uncertainty(j, h, err) != 0 ||
        make_texts(j, err) != 0)
        goto fail;
    j->maps = calloc(p->nmaps ? p->nmaps : 1, sizeof *j->maps);
    if (!j->maps) {
        bs_error_set(err, "%s: out of memory", p->path);
        goto fail;
    }
    for (m = 0; m < p->nmaps; m++)
        if (prepare_map(j, &p->maps[m], &j->maps[m], err) != 0)
            goto fail;
    for (m = 0; m < p->nmaps; m++)
        if (classify_map(j, m, err) != 0 || map_layers(j, &j->maps[m], h, err) != 0 ||
            (p->maps[m].columns.value && prepare_panels(j, &j->maps[m], h, err) != 0))
            goto fail;
    /* areas that load_areas left in their source CRS (a reprojection sets
     * crs to the project's text) */
    if (strcmp(j->areas->crs, p->crs.value) != 0 &&
        bs_job_simplify_for_print(j, h, err) != 0)
        goto fail;
    *out = j;
    return 0;
fail:
    bs_job_free(j);
    return -1;
}

/* Frees what a prepared map owns; a panel also owns its spec copy. */
static void job_map_free(bs_job_map *m, int is_panel)
{
    size_t i;

    free(m->values);
    free(m->cls);
    bs_classes_free(&m->classes);
    free(m->legend_title);
    free(m->subtitle);
    free(m->source);
    bs_areas_free(m->context);
    free(m->px);
    free(m->py);
    free(m->pkind);
    for (i = 0; m->plabel && i < (size_t)m->points.nstyles; i++)
        free(m->plabel[i]);
    free(m->plabel);
    free(m->pstyle);
    free(m->highlight);
    for (i = 0; i < m->npanels; i++)
        job_map_free(&m->panels[i], 1);
    free(m->panels);
    if (is_panel && m->spec) {
        free(m->spec->column.value);
        free((bs_map_spec *)m->spec);
    }
}

void bs_job_free(bs_job *j)
{
    size_t k;

    if (!j)
        return;
    bs_areas_free(j->areas);
    for (k = 0; k < j->ndata; k++) {
        bs_table_free(j->tables[k]);
        bs_join_free(&j->joins[k]);
    }
    free(j->tables);
    free(j->joins);
    bs_job_compute_free(j);
    bs_job_places_free(j);
    if (j->maps)
        for (k = 0; k < j->p->nmaps; k++)
            job_map_free(&j->maps[k], 0);
    free(j->maps);
    free(j->key);
    free(j->name);
    free(j->source);
    free(j);
}
