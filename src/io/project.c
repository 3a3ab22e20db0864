/* project.c: reading the project file with inih.
 *
 * inih (Debian's build) does not report line numbers to the handler and does
 * not tell about section headers, so the line reader handed to
 * ini_parse_stream counts lines and records section headers itself. That is
 * what lets every message name the line, and lets an empty section or a
 * duplicate section be caught. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/crs.h"
#include "buurtscan/inireader.h"
#include "buurtscan/number.h"
#include "buurtscan/palette.h"
#include "buurtscan/project.h"
#include "buurtscan/text.h"

enum section_kind {
    SEC_NONE, SEC_PROJECT, SEC_AREAS, SEC_DATA, SEC_INDICATOR, SEC_SCORE, SEC_MAP,
    SEC_DOMAIN, SEC_UNCERTAINTY, SEC_POINTS, SEC_SUPPLY, SEC_DESIGNATE,
    SEC_PRIORITISE, SEC_REPORT, SEC_DISCLOSURE
};

typedef struct header {
    char *text;        /* normalised "kind name" */
    long line;
} header;

typedef struct parser {
    bs_ini ini;           /* the line being parsed (ini.line, ini.indented) */
    const char *path;
    bs_project *p;
    int failed;           /* err holds a message */
    bs_error *err;
    header *headers;
    size_t nheaders;
    enum section_kind kind;
    void *spec;           /* the section being filled */
    char seen[64][32];    /* keys seen in the current section */
    long seen_line[64];
    size_t nseen;
    char last_key[32];
    long last_key_line;
} parser;

static void setting_set(bs_setting *s, const char *value, long line)
{
    free(s->value);
    s->value = bs_text_dup(value);
    s->line = line;
}

static void setting_default(bs_setting *s, const char *value)
{
    s->value = bs_text_dup(value);
    s->line = 0;
}

static int fail(parser *ps, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(parser *ps, long line, const char *fmt, ...)
{
    char msg[BS_ERROR_MAX - 300];
    va_list ap;

    if (ps->failed)
        return 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* while inih runs, the reader reports it; after, err holds it */
    bs_ini_fail_at(&ps->ini, line, "%s", msg);
    bs_error_set(ps->err, "%s:%ld: %s", ps->path, line, msg);
    ps->failed = 1;
    return 0;
}

/* Paths in the project file are relative to the project file. */
static char *resolve(const bs_project *p, const char *value)
{
    size_t n;
    char *out;

    if (value[0] == '/' || strcmp(p->dir, ".") == 0)
        return strdup(value);
    n = strlen(p->dir) + strlen(value) + 2;
    out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s", p->dir, value);
    return out;
}

static int valid_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* --- sections -------------------------------------------------------- */

/* Appends a zeroed element to the array *arrp of *n elements of size
 * bytes; returns it, or NULL when out of memory (the array unchanged). The
 * array pointer is passed by address as void * and copied with memcpy, so
 * any element type goes through one function without aliasing casts. */
static void *append_raw(void *arrp, size_t *n, size_t size)
{
    void *arr, *q;

    memcpy(&arr, arrp, sizeof arr);
    q = realloc(arr, (*n + 1) * size);
    if (!q)
        return NULL;
    memset((char *)q + *n * size, 0, size);
    memcpy(arrp, &q, sizeof q);
    return (char *)q + (*n)++ * size;
}

#define APPEND(arr, n) append_raw(&(arr), &(n), sizeof *(arr))

static int begin_section(parser *ps, char *text, long line)
{
    bs_project *p = ps->p;
    char kind[32] = "", name[128] = "", norm[200];
    size_t i;
    int n = sscanf(text, "%31s %127s", kind, name);
    char extra[8];

    ps->nseen = 0;
    ps->last_key[0] = '\0';
    if (n < 1)
        return fail(ps, line, "empty section name []");
    if (sscanf(text, "%*s %*s %7s", extra) == 1)
        return fail(ps, line, "section [%s] has too many words", text);
    for (i = 0; kind[i]; i++)
        kind[i] = (char)tolower((unsigned char)kind[i]);
    snprintf(norm, sizeof norm, "%s %s", kind, name);
    for (i = 0; i < ps->nheaders; i++)
        if (strcmp(ps->headers[i].text, norm) == 0)
            return fail(ps, line, "duplicate section [%s] (first at line %ld)",
                        text, ps->headers[i].line);
    {
        header *h = realloc(ps->headers, (ps->nheaders + 1) * sizeof *h);
        if (!h)
            return fail(ps, line, "out of memory");
        ps->headers = h;
        h[ps->nheaders].text = strdup(norm);
        h[ps->nheaders].line = line;
        ps->nheaders++;
    }

    int named = strcmp(kind, "data") == 0 || strcmp(kind, "indicator") == 0 ||
                strcmp(kind, "map") == 0 || strcmp(kind, "domain") == 0 ||
                strcmp(kind, "points") == 0 || strcmp(kind, "supply") == 0 ||
                strcmp(kind, "designate") == 0 || strcmp(kind, "prioritise") == 0;
    int plain = strcmp(kind, "project") == 0 || strcmp(kind, "areas") == 0 ||
                strcmp(kind, "score") == 0 || strcmp(kind, "uncertainty") == 0 ||
                strcmp(kind, "report") == 0 || strcmp(kind, "disclosure") == 0;
    if (!named && !plain)
        return fail(ps, line,
                    "unknown section [%s] (known: project, areas, data NAME, "
                    "indicator NAME, domain NAME, score, uncertainty, map NAME, "
                    "points NAME, supply NAME, designate NAME, prioritise NAME, "
                    "report, disclosure)",
                    text);
    if (named && n < 2)
        return fail(ps, line, "section [%s] needs a name, e.g. [%s kerncijfers]",
                    kind, kind);
    if (!named && n > 1)
        return fail(ps, line, "section [%s] takes no name", kind);
    if (named && !valid_name(name))
        return fail(ps, line,
                    "name '%s' may only hold letters, digits, '_' and '-'", name);

    if (strcmp(kind, "project") == 0) {
        ps->kind = SEC_PROJECT;
        ps->spec = p;
    } else if (strcmp(kind, "areas") == 0) {
        ps->kind = SEC_AREAS;
        p->areas.line = line;
        ps->spec = &p->areas;
    } else if (strcmp(kind, "score") == 0) {
        ps->kind = SEC_SCORE;
        p->score.line = line;
        ps->spec = &p->score;
    } else if (strcmp(kind, "report") == 0) {
        ps->kind = SEC_REPORT;
        p->report.line = line;
        ps->spec = &p->report;
    } else if (strcmp(kind, "disclosure") == 0) {
        ps->kind = SEC_DISCLOSURE;
        p->disclosure.line = line;
        ps->spec = &p->disclosure;
    } else if (strcmp(kind, "uncertainty") == 0) {
        ps->kind = SEC_UNCERTAINTY;
        p->unc.line = line;
        ps->spec = &p->unc;
    } else if (strcmp(kind, "points") == 0) {
        bs_points_spec_cfg *d = APPEND(p->points, p->npoints);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        ps->kind = SEC_POINTS;
        ps->spec = d;
    } else if (strcmp(kind, "supply") == 0) {
        bs_supply_spec *d = APPEND(p->supply, p->nsupply);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        ps->kind = SEC_SUPPLY;
        ps->spec = d;
    } else if (strcmp(kind, "designate") == 0) {
        bs_designate_spec *d = APPEND(p->designate, p->ndesignate);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        d->ties = BS_TIES_MIN;
        d->reasons = 3;
        ps->kind = SEC_DESIGNATE;
        ps->spec = d;
    } else if (strcmp(kind, "prioritise") == 0) {
        bs_prioritise_spec *d = APPEND(p->prio, p->nprio);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        ps->kind = SEC_PRIORITISE;
        ps->spec = d;
    } else if (strcmp(kind, "domain") == 0) {
        bs_domain_spec *d = APPEND(p->dom, p->ndom);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        d->weight = 1;
        ps->kind = SEC_DOMAIN;
        ps->spec = d;
    } else if (strcmp(kind, "data") == 0) {
        bs_data_spec *d = APPEND(p->data, p->ndata);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        ps->kind = SEC_DATA;
        ps->spec = d;
    } else if (strcmp(kind, "indicator") == 0) {
        bs_indicator_spec *d = APPEND(p->ind, p->nind);
        if (!d)
            return fail(ps, line, "out of memory");
        d->id = strdup(name);
        d->line = line;
        d->direction = 1;
        d->weight = 1;
        d->per = 100;
        d->winmax = 5;
        d->municipal = NAN;
        d->national = NAN;
        ps->kind = SEC_INDICATOR;
        ps->spec = d;
    } else if (strcmp(kind, "map") == 0) {
        bs_map_spec *d = APPEND(p->maps, p->nmaps);
        if (!d)
            return fail(ps, line, "out of memory");
        d->name = strdup(name);
        d->line = line;
        d->classes = 5;
        d->method = BS_CLASS_QUANTILE;
        d->formats = BS_OUT_PDF;
        d->dpi = 300;
        d->decimals = -1;
        d->hinge = -1;
        d->shared_legend = 1;
        bs_paper_parse("A4 landscape", &d->paper);
        ps->kind = SEC_MAP;
        ps->spec = d;
    }
    return 1;
}

/* --- the line reader ------------------------------------------------- */

/* Sees each line before inih: section headers start a section here, so
 * that an empty or duplicate section is caught with its line. */
static int on_line(bs_ini *r, const char *text, void *ud)
{
    parser *ps = ud;
    const char *s = text;

    (void)r;
    if (ps->failed)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '[') {
        const char *end = strchr(s, ']');
        char name[200];
        size_t n;
        if (!end)
            return fail(ps, ps->ini.line, "section header without ']'");
        n = (size_t)(end - s - 1);
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, s + 1, n);
        name[n] = '\0';
        return begin_section(ps, name, ps->ini.line);
    }
    return 1;
}

/* --- values ---------------------------------------------------------- */

static int parse_double(parser *ps, const char *key, const char *value,
                        double lo, double hi, double *out)
{
    if (bs_parse_number(value, '.', out) != BS_NUM_OK)
        return fail(ps, ps->ini.line, "%s = '%s' is not a number", key, value);
    if (*out < lo || *out > hi)
        return fail(ps, ps->ini.line, "%s = %s is out of range (%g to %g)", key,
                    value, lo, hi);
    return 1;
}

static int parse_int(parser *ps, const char *key, const char *value, int lo,
                     int hi, int *out)
{
    double d;
    if (!parse_double(ps, key, value, lo, hi, &d))
        return 0;
    if (d != floor(d))
        return fail(ps, ps->ini.line, "%s = %s must be a whole number", key, value);
    *out = (int)d;
    return 1;
}

static int parse_char_option(parser *ps, const char *key, const char *value,
                             char *out)
{
    if (strcmp(value, "tab") == 0 || strcmp(value, "\\t") == 0)
        *out = '\t';
    else if (strlen(value) == 1 && strchr(",;.|", value[0]))
        *out = value[0];
    else
        return fail(ps, ps->ini.line, "%s = '%s': use one of , ; . | tab", key, value);
    return 1;
}

static int unknown_key(parser *ps, const char *section, const char *key,
                       const char *known)
{
    return fail(ps, ps->ini.line, "unknown key '%s' in [%s] (known: %s)", key,
                section, known);
}

static int handle_project(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    if (strcmp(key, "title") == 0)
        setting_set(&p->title, value, ps->ini.line);
    else if (strcmp(key, "subtitle") == 0)
        setting_set(&p->subtitle, value, ps->ini.line);
    else if (strcmp(key, "output") == 0) {
        char *r = resolve(p, value);
        setting_set(&p->output, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "crs") == 0) {
        bs_error e;
        if (bs_crs_check(value, "crs", &e) != 0)
            return fail(ps, ps->ini.line, "crs = %s: PROJ does not know this CRS", value);
        setting_set(&p->crs, value, ps->ini.line);
    } else if (strcmp(key, "language") == 0) {
        if (strcmp(value, "nl") && strcmp(value, "en"))
            return fail(ps, ps->ini.line, "language = '%s': use nl or en", value);
        setting_set(&p->language, value, ps->ini.line);
    } else if (strcmp(key, "date") == 0) {
        int y, m, d;
        char tail;
        if (sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
            m > 12 || d < 1 || d > 31)
            return fail(ps, ps->ini.line, "date = '%s': write it as YYYY-MM-DD", value);
        setting_set(&p->date, value, ps->ini.line);
    } else if (strcmp(key, "style") == 0) {
        char *r = resolve(p, value);
        setting_set(&p->style, r, ps->ini.line);
        free(r);
    } else
        return unknown_key(ps, "project", key,
                           "title, subtitle, output, crs, language, date, style");
    return 1;
}

static int handle_areas(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    if (strcmp(key, "shapefile") == 0) {
        char *r = resolve(p, value);
        setting_set(&p->areas.shapefile, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "key") == 0)
        setting_set(&p->areas.key, value, ps->ini.line);
    else if (strcmp(key, "name") == 0)
        setting_set(&p->areas.name, value, ps->ini.line);
    else if (strcmp(key, "select") == 0)
        setting_set(&p->areas.select, value, ps->ini.line);
    else if (strcmp(key, "source") == 0)
        setting_set(&p->areas.source, value, ps->ini.line);
    else if (strcmp(key, "crs") == 0) {
        bs_error e;
        if (bs_crs_check(value, "crs", &e) != 0)
            return fail(ps, ps->ini.line, "crs = %s: PROJ does not know this CRS", value);
        setting_set(&p->areas.crs, value, ps->ini.line);
    } else
        return unknown_key(ps, "areas", key,
                           "shapefile, key, name, select, crs, source");
    return 1;
}

static int handle_data(parser *ps, bs_data_spec *d, const char *key,
                       const char *value)
{
    if (strcmp(key, "file") == 0) {
        char *r = resolve(ps->p, value);
        setting_set(&d->file, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "key") == 0)
        setting_set(&d->key, value, ps->ini.line);
    else if (strcmp(key, "source") == 0)
        setting_set(&d->source, value, ps->ini.line);
    else if (strcmp(key, "delimiter") == 0) {
        if (!parse_char_option(ps, key, value, &d->delimiter))
            return 0;
    } else if (strcmp(key, "decimal") == 0) {
        if (strcmp(value, ".") && strcmp(value, ","))
            return fail(ps, ps->ini.line, "decimal = '%s': use . or ,", value);
        d->decimal = value[0];
    } else if (strcmp(key, "encoding") == 0)
        setting_set(&d->encoding, value, ps->ini.line);
    else
        return unknown_key(ps, "data", key,
                           "file, key, source, delimiter, decimal, encoding");
    return 1;
}

/* A list of numbers separated by blanks, strictly increasing ('.' decimal). */
static int parse_numbers(parser *ps, const char *key, const char *value,
                         double **out, size_t *nout)
{
    char *copy = strdup(value), *tok, *save = NULL;
    size_t n = 0;

    free(*out);
    *out = NULL;
    *nout = 0;
    if (!copy)
        return fail(ps, ps->ini.line, "out of memory");
    for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        double v;
        double *b;
        if (bs_parse_number(tok, '.', &v) != BS_NUM_OK) {
            fail(ps, ps->ini.line, "%s: '%s' is not a number (separate numbers by "
                 "spaces, use . as decimal point)", key, tok);
            free(copy);
            return 0;
        }
        if (n > 0 && v <= (*out)[n - 1]) {
            fail(ps, ps->ini.line, "%s must increase: %s after %g", key, tok,
                 (*out)[n - 1]);
            free(copy);
            return 0;
        }
        b = realloc(*out, (n + 1) * sizeof *b);
        if (!b) {
            free(copy);
            return fail(ps, ps->ini.line, "out of memory");
        }
        *out = b;
        (*out)[n++] = v;
    }
    free(copy);
    if (n == 0)
        return fail(ps, ps->ini.line, "%s: give at least one number", key);
    *nout = n;
    return 1;
}

static int parse_yesno(parser *ps, const char *key, const char *value, int *out)
{
    if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "ja") == 0 ||
        strcmp(value, "1") == 0 || strcasecmp(value, "true") == 0)
        *out = 1;
    else if (strcasecmp(value, "no") == 0 || strcasecmp(value, "nee") == 0 ||
             strcmp(value, "0") == 0 || strcasecmp(value, "false") == 0)
        *out = 0;
    else
        return fail(ps, ps->ini.line, "%s = '%s': use yes or no", key, value);
    return 1;
}

static int parse_pair(parser *ps, const char *key, const char *value,
                      double out[2])
{
    double *v = NULL;
    size_t n = 0;
    if (!parse_numbers(ps, key, value, &v, &n))
        return 0;
    if (n != 2) {
        free(v);
        return fail(ps, ps->ini.line, "%s: give two numbers, low and high", key);
    }
    out[0] = v[0];
    out[1] = v[1];
    free(v);
    return 1;
}

static int handle_indicator(parser *ps, bs_indicator_spec *d, const char *key,
                            const char *value)
{
    if (strcmp(key, "column") == 0)
        setting_set(&d->column, value, ps->ini.line);
    else if (strcmp(key, "formula") == 0)
        setting_set(&d->formula, value, ps->ini.line);
    else if (strcmp(key, "label") == 0)
        setting_set(&d->label, value, ps->ini.line);
    else if (strcmp(key, "unit") == 0)
        setting_set(&d->unit, value, ps->ini.line);
    else if (strcmp(key, "direction") == 0) {
        if (strcmp(value, "+") == 0)
            d->direction = 1;
        else if (strcmp(value, "-") == 0)
            d->direction = -1;
        else
            return fail(ps, ps->ini.line,
                        "direction = '%s': use + (higher = more need) or -",
                        value);
    } else if (strcmp(key, "weight") == 0) {
        if (!parse_double(ps, key, value, 0, 1e9, &d->weight))
            return 0;
        if (d->weight <= 0)
            return fail(ps, ps->ini.line,
                        "weight must be above 0 (leave the indicator out instead)");
    } else if (strcmp(key, "domain") == 0)
        setting_set(&d->domain, value, ps->ini.line);
    else if (strcmp(key, "numerator") == 0)
        setting_set(&d->numerator, value, ps->ini.line);
    else if (strcmp(key, "denominator") == 0)
        setting_set(&d->denominator, value, ps->ini.line);
    else if (strcmp(key, "per") == 0) {
        if (!parse_double(ps, key, value, 1e-9, 1e9, &d->per))
            return 0;
    } else if (strcmp(key, "shrink") == 0) {
        if (strcmp(value, "eb") == 0)
            d->shrink_eb = 1;
        else if (strcmp(value, "none") == 0)
            d->shrink_eb = 0;
        else
            return fail(ps, ps->ini.line, "shrink = '%s': use eb (empirical Bayes) "
                        "or none", value);
    } else if (strcmp(key, "transform") == 0) {
        if (strcmp(value, "log") == 0)
            d->transform = BS_TRANSFORM_LOG;
        else if (strcmp(value, "log-ct") == 0)
            d->transform = BS_TRANSFORM_LOG_CT;
        else if (strcmp(value, "none") == 0)
            d->transform = BS_TRANSFORM_NONE;
        else
            return fail(ps, ps->ini.line, "transform = '%s': use log, log-ct or none",
                        value);
    } else if (strcmp(key, "winsorise") == 0 || strcmp(key, "winsorize") == 0) {
        if (!parse_yesno(ps, key, value, &d->winsorise))
            return 0;
    } else if (strcmp(key, "winmax") == 0) {
        if (!parse_int(ps, key, value, 1, 1000, &d->winmax))
            return 0;
    } else if (strcmp(key, "impute") == 0) {
        if (bs_impute_parse(value, &d->impute) != 0)
            return fail(ps, ps->ini.line, "impute = '%s': use mean, median or parent",
                        value);
        d->impute_set = 1;
    } else if (strcmp(key, "parent") == 0) {
        int len;
        if (strcasecmp(value, "GM") == 0)
            d->parent_len = 6;      /* WKgggg.. / BUgggg..: the gemeente */
        else if (strcasecmp(value, "WK") == 0)
            d->parent_len = 8;      /* BUggggww..: the wijk */
        else if (parse_int(ps, key, value, 1, 64, &len))
            d->parent_len = (size_t)len;
        else
            return 0;
    } else if (strcmp(key, "normalise") == 0 || strcmp(key, "normalize") == 0) {
        if (bs_norm_parse(value, &d->norm) != 0)
            return fail(ps, ps->ini.line, "normalise = '%s': use zscore, minmax, "
                        "rank, percentile, exprank, goalposts, distance or none",
                        value);
        d->norm_set = 1;
        d->norm_line = ps->ini.line;
    } else if (strcmp(key, "range") == 0) {
        if (!parse_pair(ps, key, value, d->range))
            return 0;
        d->range_set = 1;
    } else if (strcmp(key, "goalposts") == 0) {
        if (!parse_pair(ps, key, value, d->posts))
            return 0;
        d->posts_set = 1;
    } else if (strcmp(key, "scale") == 0) {
        if (!parse_double(ps, key, value, 1e-9, 1e9, &d->scale))
            return 0;
        d->scale_set = 1;
    } else if (strcmp(key, "reference") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->reference))
            return 0;
        d->reference_set = 1;
    } else if (strcmp(key, "cap") == 0) {
        if (!parse_yesno(ps, key, value, &d->cap))
            return 0;
    } else if (strcmp(key, "kind") == 0) {
        if (strcmp(value, "value") == 0)
            d->kind = BS_KIND_VALUE;
        else if (strcmp(value, "count") == 0)
            d->kind = BS_KIND_COUNT;
        else if (strcmp(value, "rate") == 0)
            d->kind = BS_KIND_RATE;
        else
            return fail(ps, ps->ini.line, "kind = '%s': use value, count (of persons) "
                        "or rate", value);
        d->kind_set = 1;
    } else if (strcmp(key, "base") == 0)
        setting_set(&d->base, value, ps->ini.line);
    else if (strcmp(key, "definition") == 0)
        setting_set(&d->definition, value, ps->ini.line);
    else if (strcmp(key, "year") == 0)
        setting_set(&d->year, value, ps->ini.line);
    else if (strcmp(key, "municipal") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->municipal))
            return 0;
    } else if (strcmp(key, "national") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->national))
            return 0;
    } else
        return unknown_key(ps, "indicator", key,
                           "column, formula, numerator, denominator, per, shrink, "
                           "label, unit, direction, weight, domain, transform, "
                           "winsorise, winmax, impute, parent, normalise, range, "
                           "goalposts, scale, reference, cap, kind, base, "
                           "definition, year, municipal, national");
    return 1;
}

static int handle_points(parser *ps, bs_points_spec_cfg *d, const char *key,
                         const char *value)
{
    if (strcmp(key, "file") == 0) {
        char *r = resolve(ps->p, value);
        setting_set(&d->file, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "key") == 0)
        setting_set(&d->key, value, ps->ini.line);
    else if (strcmp(key, "name") == 0)
        setting_set(&d->label_col, value, ps->ini.line);
    else if (strcmp(key, "kind") == 0)
        setting_set(&d->kind, value, ps->ini.line);
    else if (strcmp(key, "x") == 0)
        setting_set(&d->x, value, ps->ini.line);
    else if (strcmp(key, "y") == 0)
        setting_set(&d->y, value, ps->ini.line);
    else if (strcmp(key, "lon") == 0)
        setting_set(&d->lon, value, ps->ini.line);
    else if (strcmp(key, "lat") == 0)
        setting_set(&d->lat, value, ps->ini.line);
    else if (strcmp(key, "crs") == 0) {
        bs_error e;
        if (bs_crs_check(value, "crs", &e) != 0)
            return fail(ps, ps->ini.line, "crs = %s: PROJ does not know this CRS", value);
        setting_set(&d->crs, value, ps->ini.line);
    } else if (strcmp(key, "source") == 0)
        setting_set(&d->source, value, ps->ini.line);
    else if (strcmp(key, "label") == 0)
        setting_set(&d->label, value, ps->ini.line);
    else
        return unknown_key(ps, "points", key,
                           "file, key, name, kind, x, y, lon, lat, crs, source, label");
    return 1;
}

static int handle_supply(parser *ps, bs_supply_spec *d, const char *key,
                         const char *value)
{
    if (strcmp(key, "points") == 0)
        setting_set(&d->points, value, ps->ini.line);
    else if (strcmp(key, "kinds") == 0)
        setting_set(&d->kinds, value, ps->ini.line);
    else if (strcmp(key, "per") == 0)
        setting_set(&d->per, value, ps->ini.line);
    else if (strcmp(key, "label") == 0)
        setting_set(&d->label, value, ps->ini.line);
    else
        return unknown_key(ps, "supply", key, "points, kinds, per, label");
    return 1;
}

static int handle_designate(parser *ps, bs_designate_spec *d, const char *key,
                            const char *value)
{
    if (strcmp(key, "points") == 0)
        setting_set(&d->points, value, ps->ini.line);
    else if (strcmp(key, "score") == 0)
        setting_set(&d->score, value, ps->ini.line);
    else if (strcmp(key, "catchment") == 0) {
        char *r = resolve(ps->p, value);
        setting_set(&d->catchment, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "catchment_ikc") == 0)
        setting_set(&d->catchment_ikc, value, ps->ini.line);
    else if (strcmp(key, "catchment_area") == 0)
        setting_set(&d->catchment_area, value, ps->ini.line);
    else if (strcmp(key, "catchment_pupils") == 0)
        setting_set(&d->catchment_pupils, value, ps->ini.line);
    else if (strcmp(key, "top") == 0) {
        if (!parse_int(ps, key, value, 1, 100000, &d->top))
            return 0;
    } else if (strcmp(key, "threshold") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->threshold))
            return 0;
        d->threshold_set = 1;
    } else if (strcmp(key, "previous") == 0) {
        char *r = resolve(ps->p, value);
        setting_set(&d->previous, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "previous_key") == 0)
        setting_set(&d->previous_key, value, ps->ini.line);
    else if (strcmp(key, "keep_until_rank") == 0) {
        if (!parse_int(ps, key, value, 1, 100000, &d->keep_until_rank))
            return 0;
    } else if (strcmp(key, "ties") == 0) {
        if (bs_ties_parse(value, &d->ties) != 0)
            return fail(ps, ps->ini.line, "ties = '%s': use average or min", value);
    } else if (strcmp(key, "reasons") == 0) {
        if (!parse_int(ps, key, value, 0, 20, &d->reasons))
            return 0;
    } else
        return unknown_key(ps, "designate", key,
                           "points, score, catchment, catchment_ikc, "
                           "catchment_area, catchment_pupils, top, threshold, "
                           "previous, previous_key, keep_until_rank, ties, reasons");
    return 1;
}

static int handle_prioritise(parser *ps, bs_prioritise_spec *d, const char *key,
                             const char *value)
{
    if (strcmp(key, "need") == 0)
        setting_set(&d->need, value, ps->ini.line);
    else if (strcmp(key, "supply") == 0)
        setting_set(&d->supply, value, ps->ini.line);
    else if (strcmp(key, "need_cut") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->need_cut))
            return 0;
        d->need_cut_set = 1;
    } else if (strcmp(key, "supply_cut") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->supply_cut))
            return 0;
        d->supply_cut_set = 1;
    } else
        return unknown_key(ps, "prioritise", key,
                           "need, supply, need_cut, supply_cut");
    return 1;
}

static int handle_report(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    if (strcmp(key, "file") == 0) {
        if (strchr(value, '/') || value[0] == '.')
            return fail(ps, ps->ini.line, "file = '%s': give a file name, written in "
                        "the output directory", value);
        setting_set(&p->report.file, value, ps->ini.line);
    } else if (strcmp(key, "template") == 0) {
        char *r = resolve(p, value);
        setting_set(&p->report.template_file, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "notes") == 0) {
        char *r = resolve(p, value);
        setting_set(&p->report.notes, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "title") == 0)
        setting_set(&p->report.title, value, ps->ini.line);
    else if (strcmp(key, "subtitle") == 0)
        setting_set(&p->report.subtitle, value, ps->ini.line);
    else if (strcmp(key, "author") == 0)
        setting_set(&p->report.author, value, ps->ini.line);
    else if (strcmp(key, "gemeente") == 0)
        setting_set(&p->report.gemeente, value, ps->ini.line);
    else
        return unknown_key(ps, "report", key,
                           "file, template, notes, title, subtitle, author, gemeente");
    return 1;
}

static int handle_disclosure(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    if (strcmp(key, "min_count") == 0) {
        if (!parse_double(ps, key, value, 0, 1e9, &p->disclosure.min_count))
            return 0;
    } else if (strcmp(key, "round") == 0) {
        if (!parse_double(ps, key, value, 0, 1e9, &p->disclosure.round))
            return 0;
    } else if (strcmp(key, "min_denominator") == 0) {
        if (!parse_double(ps, key, value, 0, 1e12, &p->disclosure.min_denominator))
            return 0;
    } else
        return unknown_key(ps, "disclosure", key, "min_count, round, min_denominator");
    return 1;
}

static int handle_domain(parser *ps, bs_domain_spec *d, const char *key,
                         const char *value)
{
    if (strcmp(key, "weight") == 0) {
        if (!parse_double(ps, key, value, 0, 1e9, &d->weight))
            return 0;
        if (d->weight <= 0)
            return fail(ps, ps->ini.line, "weight must be above 0");
    } else if (strcmp(key, "label") == 0)
        setting_set(&d->label, value, ps->ini.line);
    else
        return unknown_key(ps, "domain", key, "weight, label");
    return 1;
}

static int parse_agg(parser *ps, const char *key, const char *value,
                     bs_agg_spec *out)
{
    if (bs_agg_parse(value, &out->method) != 0)
        return fail(ps, ps->ini.line, "%s = '%s': use mean, geometric, harmonic or "
                    "generalised (with p =)", key, value);
    return 1;
}

static int handle_uncertainty(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    int v;
    if (strcmp(key, "runs") == 0) {
        if (!parse_int(ps, key, value, 1, 1000000, &v))
            return 0;
        p->unc.runs = (size_t)v;
    } else if (strcmp(key, "weights") == 0) {
        if (!parse_double(ps, key, value, 0, 0.99, &p->unc.weights))
            return 0;
    } else if (strcmp(key, "normalise") == 0 || strcmp(key, "normalize") == 0) {
        char *copy = strdup(value), *tok, *save = NULL;
        free(p->unc.normalise);
        p->unc.normalise = NULL;
        p->unc.nnormalise = 0;
        for (tok = strtok_r(copy, " \t,", &save); tok;
             tok = strtok_r(NULL, " \t,", &save)) {
            bs_norm m;
            bs_norm *arr;
            if (bs_norm_parse(tok, &m) != 0 || m == BS_NORM_GOALPOSTS ||
                m == BS_NORM_DISTANCE) {
                fail(ps, ps->ini.line, "normalise: '%s' cannot be sampled; use "
                     "zscore, minmax, rank, percentile, exprank or none", tok);
                free(copy);
                return 0;
            }
            arr = realloc(p->unc.normalise, (p->unc.nnormalise + 1) * sizeof *arr);
            if (!arr) {
                free(copy);
                return fail(ps, ps->ini.line, "out of memory");
            }
            p->unc.normalise = arr;
            arr[p->unc.nnormalise++] = m;
        }
        free(copy);
    } else if (strcmp(key, "seed") == 0) {
        char *end;
        errno = 0;
        p->unc.seed = strtoull(value, &end, 10);
        if (*end || errno || value[0] == '-')
            return fail(ps, ps->ini.line, "seed = '%s': give a whole number", value);
    } else if (strcmp(key, "top") == 0) {
        if (!parse_int(ps, key, value, 1, 100000000, &v))
            return 0;
        p->unc.top = (size_t)v;
    } else if (strcmp(key, "threads") == 0) {
        if (!parse_int(ps, key, value, 1, 256, &v))
            return 0;
        p->unc.threads = (unsigned)v;
    } else if (strcmp(key, "sensitivity_runs") == 0) {
        if (!parse_int(ps, key, value, 0, 1000000, &v))
            return 0;
        p->unc.sensitivity_runs = (size_t)v;
    } else
        return unknown_key(ps, "uncertainty", key,
                           "runs, weights, normalise, seed, top, threads, "
                           "sensitivity_runs");
    return 1;
}

static int handle_score(parser *ps, const char *key, const char *value)
{
    bs_project *p = ps->p;
    if (strcmp(key, "normalise") == 0 || strcmp(key, "normalize") == 0) {
        if (bs_norm_parse(value, &p->score.normalise) != 0)
            return fail(ps, ps->ini.line, "normalise = '%s': use zscore, minmax, "
                        "rank, percentile, exprank, goalposts, distance or none",
                        value);
    } else if (strcmp(key, "aggregate") == 0) {
        if (!parse_agg(ps, key, value, &p->score.aggregate))
            return 0;
        p->score.dom_aggregate.method = p->score.aggregate.method;
    } else if (strcmp(key, "p") == 0) {
        if (!parse_double(ps, key, value, -100, 100, &p->score.aggregate.p))
            return 0;
        p->score.dom_aggregate.p = p->score.aggregate.p;
    } else if (strcmp(key, "domain_aggregate") == 0) {
        if (!parse_agg(ps, key, value, &p->score.dom_aggregate))
            return 0;
    } else if (strcmp(key, "min_coverage") == 0) {
        if (!parse_double(ps, key, value, 0, 1, &p->score.min_coverage))
            return 0;
    } else if (strcmp(key, "ties") == 0) {
        if (bs_ties_parse(value, &p->score.ties) != 0)
            return fail(ps, ps->ini.line, "ties = '%s': use average or min", value);
    } else if (strcmp(key, "min_population") == 0) {
        if (!parse_double(ps, key, value, 0, 1e12, &p->score.min_population))
            return 0;
    } else if (strcmp(key, "population") == 0)
        setting_set(&p->score.population, value, ps->ini.line);
    else
        return unknown_key(ps, "score", key,
                           "normalise, aggregate, p, domain_aggregate, "
                           "min_coverage, ties, min_population, population");
    return 1;
}

static int handle_map(parser *ps, bs_map_spec *d, const char *key,
                      const char *value)
{
    if (strcmp(key, "column") == 0)
        setting_set(&d->column, value, ps->ini.line);
    else if (strcmp(key, "classes") == 0) {
        if (!parse_int(ps, key, value, 1, 11, &d->classes))
            return 0;
    } else if (strcmp(key, "method") == 0) {
        if (bs_class_method_parse(value, &d->method) != 0)
            return fail(ps, ps->ini.line,
                        "method = '%s': use quantile, equal, fisher-jenks, "
                        "std-mean, boxplot, percentiles, max-breaks, head-tail, "
                        "pretty or manual", value);
    } else if (strcmp(key, "breaks") == 0) {
        if (!parse_numbers(ps, key, value, &d->breaks, &d->nbreaks))
            return 0;
    } else if (strcmp(key, "multiples") == 0) {
        if (!parse_numbers(ps, key, value, &d->multiples, &d->nmultiples))
            return 0;
    } else if (strcmp(key, "percentiles") == 0) {
        if (!parse_numbers(ps, key, value, &d->pct, &d->npct))
            return 0;
        if (d->pct[0] < 0 || d->pct[d->npct - 1] > 100)
            return fail(ps, ps->ini.line, "percentiles must lie between 0 and 100");
    } else if (strcmp(key, "hinge") == 0) {
        if (!parse_double(ps, key, value, 0, 100, &d->hinge))
            return 0;
    } else if (strcmp(key, "anchor") == 0) {
        if (!parse_yesno(ps, key, value, &d->anchor))
            return 0;
    } else if (strcmp(key, "pool") == 0) {
        setting_set(&d->pool, value, ps->ini.line);
    } else if (strcmp(key, "labels") == 0) {
        if (strcmp(value, "name") && strcmp(value, "code") && strcmp(value, "none"))
            return fail(ps, ps->ini.line, "labels = '%s': use name, code or none", value);
        setting_set(&d->labels, value, ps->ini.line);
    } else if (strcmp(key, "context") == 0) {
        char *r = resolve(ps->p, value);
        setting_set(&d->context, r, ps->ini.line);
        free(r);
    } else if (strcmp(key, "points") == 0) {
        setting_set(&d->points, value, ps->ini.line);
    } else if (strcmp(key, "highlight") == 0) {
        setting_set(&d->highlight, value, ps->ini.line);
    } else if (strcmp(key, "inset") == 0) {
        if (!parse_yesno(ps, key, value, &d->inset))
            return 0;
    } else if (strcmp(key, "centre") == 0 || strcmp(key, "center") == 0) {
        if (!parse_double(ps, key, value, -1e300, 1e300, &d->centre))
            return 0;
        d->centre_set = 1;
    } else if (strcmp(key, "columns") == 0) {
        setting_set(&d->columns, value, ps->ini.line);
    } else if (strcmp(key, "shared_legend") == 0) {
        if (!parse_yesno(ps, key, value, &d->shared_legend))
            return 0;
    } else if (strcmp(key, "palette") == 0) {
        bs_rgb tmp[12];
        if (bs_palette_get(value, 5, tmp) != 0) {
            char names[800] = "";
            const char *const *nm = bs_palette_names();
            int pass;
            for (pass = 0; pass < 2; pass++, nm = bs_palette_diverging_names())
                for (; *nm; nm++) {
                    if (names[0])
                        strncat(names, " ", sizeof names - strlen(names) - 1);
                    strncat(names, *nm, sizeof names - strlen(names) - 1);
                }
            return fail(ps, ps->ini.line, "palette = '%s' is not a ColorBrewer "
                        "sequential or diverging scheme (known: %s)", value, names);
        }
        setting_set(&d->palette, value, ps->ini.line);
    } else if (strcmp(key, "paper") == 0) {
        if (bs_paper_parse(value, &d->paper) != 0)
            return fail(ps, ps->ini.line,
                        "paper = '%s': use A4, A3 or A2, then portrait or landscape",
                        value);
    } else if (strcmp(key, "format") == 0) {
        char *copy = strdup(value), *tok, *save = NULL;
        d->formats = 0;
        for (tok = strtok_r(copy, " ,\t", &save); tok;
             tok = strtok_r(NULL, " ,\t", &save)) {
            if (strcasecmp(tok, "pdf") == 0)
                d->formats |= BS_OUT_PDF;
            else if (strcasecmp(tok, "png") == 0)
                d->formats |= BS_OUT_PNG;
            else if (strcasecmp(tok, "svg") == 0)
                d->formats |= BS_OUT_SVG;
            else {
                fail(ps, ps->ini.line, "format: '%s' is not pdf, png or svg", tok);
                free(copy);
                return 0;
            }
        }
        free(copy);
        if (!d->formats)
            return fail(ps, ps->ini.line, "format: give pdf, png and/or svg");
    } else if (strcmp(key, "dpi") == 0) {
        if (!parse_double(ps, key, value, 36, 1200, &d->dpi))
            return 0;
    } else if (strcmp(key, "title") == 0)
        setting_set(&d->title, value, ps->ini.line);
    else if (strcmp(key, "subtitle") == 0)
        setting_set(&d->subtitle, value, ps->ini.line);
    else if (strcmp(key, "legend") == 0)
        setting_set(&d->legend, value, ps->ini.line);
    else if (strcmp(key, "decimals") == 0) {
        if (!parse_int(ps, key, value, 0, 6, &d->decimals))
            return 0;
    } else
        return unknown_key(ps, "map", key,
                           "column, columns, shared_legend, classes, method, "
                           "breaks, multiples, anchor, percentiles, hinge, pool, "
                           "palette, centre, paper, format, dpi, title, subtitle, "
                           "legend, decimals, labels, context, points, highlight, "
                           "inset");
    return 1;
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    parser *ps = user;
    size_t i;
    char key[32];

    (void)section;
    if (ps->failed)
        return 0;
    if (ps->kind == SEC_NONE)
        return fail(ps, ps->ini.line, "'%s' comes before any [section]", name);
    snprintf(key, sizeof key, "%s", name);
    for (i = 0; key[i]; i++)
        key[i] = (char)tolower((unsigned char)key[i]);

    /* inih hands an indented line after a key to the handler again under the
     * same name: that is a continuation, appended with a space. */
    if (ps->ini.indented && strcmp(key, ps->last_key) == 0 &&
        ps->ini.line == ps->last_key_line + 1) {
        bs_setting *s = NULL;
        if (ps->kind == SEC_INDICATOR && strcmp(key, "formula") == 0)
            s = &((bs_indicator_spec *)ps->spec)->formula;
        else if (ps->kind == SEC_INDICATOR && strcmp(key, "label") == 0)
            s = &((bs_indicator_spec *)ps->spec)->label;
        else if (ps->kind == SEC_PROJECT && strcmp(key, "title") == 0)
            s = &ps->p->title;
        if (!s || !s->value || strchr(value, '='))
            return fail(ps, ps->ini.line, "this indented line is read as a "
                        "continuation of '%s' on the line before; remove the "
                        "leading blanks", key);
        size_t n = strlen(s->value) + strlen(value) + 2;
        char *joined = malloc(n);
        if (!joined)
            return fail(ps, ps->ini.line, "out of memory");
        snprintf(joined, n, "%s %s", s->value, value);
        free(s->value);
        s->value = joined;
        ps->last_key_line = ps->ini.line;
        return 1;
    }

    for (i = 0; i < ps->nseen; i++)
        if (strcmp(ps->seen[i], key) == 0)
            return fail(ps, ps->ini.line, "'%s' is given twice in this section "
                        "(first at line %ld)", key, ps->seen_line[i]);
    if (ps->nseen < 64) {
        snprintf(ps->seen[ps->nseen], sizeof ps->seen[0], "%s", key);
        ps->seen_line[ps->nseen++] = ps->ini.line;
    }
    snprintf(ps->last_key, sizeof ps->last_key, "%s", key);
    ps->last_key_line = ps->ini.line;
    if (!*value)
        return fail(ps, ps->ini.line, "'%s' has no value", key);

    switch (ps->kind) {
    case SEC_PROJECT: return handle_project(ps, key, value);
    case SEC_AREAS: return handle_areas(ps, key, value);
    case SEC_DATA: return handle_data(ps, ps->spec, key, value);
    case SEC_INDICATOR: return handle_indicator(ps, ps->spec, key, value);
    case SEC_SCORE: return handle_score(ps, key, value);
    case SEC_MAP: return handle_map(ps, ps->spec, key, value);
    case SEC_DOMAIN: return handle_domain(ps, ps->spec, key, value);
    case SEC_POINTS: return handle_points(ps, ps->spec, key, value);
    case SEC_SUPPLY: return handle_supply(ps, ps->spec, key, value);
    case SEC_DESIGNATE: return handle_designate(ps, ps->spec, key, value);
    case SEC_PRIORITISE: return handle_prioritise(ps, ps->spec, key, value);
    case SEC_REPORT: return handle_report(ps, key, value);
    case SEC_DISCLOSURE: return handle_disclosure(ps, key, value);
    case SEC_UNCERTAINTY: return handle_uncertainty(ps, key, value);
    default: return 0;
    }
}

/* --- whole-project checks -------------------------------------------- */

/* Every word of value names a [points] section. */
static int points_names_ok(parser *ps, const char *value, long line)
{
    char *copy = strdup(value), *tok, *save = NULL;
    size_t j;
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        for (j = 0; j < ps->p->npoints; j++)
            if (strcasecmp(ps->p->points[j].name, tok) == 0)
                break;
        if (j == ps->p->npoints) {
            fail(ps, line, "points: there is no [points %s]", tok);
            free(copy);
            return 0;
        }
    }
    free(copy);
    return 1;
}

static int check_project(parser *ps)
{
    bs_project *p = ps->p;
    size_t i, j;

    if (!p->areas.line)
        return fail(ps, ps->ini.line, "no [areas] section: the project needs a "
                    "shapefile of areas");
    if (!p->areas.shapefile.value)
        return fail(ps, p->areas.line, "[areas] needs shapefile = FILE.shp");
    if (!p->areas.key.value)
        return fail(ps, p->areas.line,
                    "[areas] needs key = FIELD (the DBF field with the area code)");
    for (i = 0; i < p->ndata; i++) {
        bs_data_spec *d = &p->data[i];
        if (!d->file.value)
            return fail(ps, d->line, "[data %s] needs file = FILE.csv", d->name);
        if (!d->key.value)
            return fail(ps, d->line, "[data %s] needs key = COLUMN", d->name);
    }
    if (p->nind == 0)
        return fail(ps, ps->ini.line, "no [indicator NAME] section: the score needs "
                    "at least one indicator");
    for (i = 0; i < p->nind; i++) {
        bs_indicator_spec *d = &p->ind[i];
        int sources = !!d->column.value + !!d->formula.value +
                      !!(d->numerator.value || d->denominator.value);
        bs_norm m = d->norm_set ? d->norm : p->score.normalise;
        if (sources == 0)
            return fail(ps, d->line, "[indicator %s] needs column =, formula = or "
                        "numerator = and denominator =", d->id);
        if (sources > 1)
            return fail(ps, d->line, "[indicator %s] has more than one of column, "
                        "formula and numerator/denominator: keep one", d->id);
        if (!!d->numerator.value != !!d->denominator.value)
            return fail(ps, d->line, "[indicator %s] needs both numerator = and "
                        "denominator =", d->id);
        if (!d->kind_set && d->numerator.value)
            d->kind = BS_KIND_RATE;
        if (d->kind == BS_KIND_RATE && !d->numerator.value && !d->base.value)
            return fail(ps, d->line, "[indicator %s] kind = rate needs base = COLUMN "
                        "(its denominator), or numerator = and denominator =", d->id);
        if (d->shrink_eb && !d->numerator.value)
            return fail(ps, d->line, "[indicator %s] shrink = eb needs numerator = "
                        "and denominator =", d->id);
        if (d->impute_set && d->impute == BS_IMPUTE_PARENT && !d->parent_len)
            return fail(ps, d->line, "[indicator %s] impute = parent needs parent = "
                        "GM, WK or a key prefix length", d->id);
        if (m == BS_NORM_GOALPOSTS && !d->posts_set)
            return fail(ps, d->norm_set ? d->norm_line : d->line,
                        "[indicator %s] goalposts normalisation needs goalposts = "
                        "LOW HIGH", d->id);
        if (m == BS_NORM_DISTANCE && !d->reference_set)
            return fail(ps, d->norm_set ? d->norm_line : d->line,
                        "[indicator %s] distance normalisation needs reference = "
                        "VALUE", d->id);
        if (d->domain.value) {
            for (j = 0; j < p->ndom; j++)
                if (strcasecmp(p->dom[j].name, d->domain.value) == 0)
                    break;
            if (j == p->ndom)
                return fail(ps, d->domain.line, "domain = %s: there is no "
                            "[domain %s]", d->domain.value, d->domain.value);
        } else if (p->ndom > 0) {
            return fail(ps, d->line, "[indicator %s] needs domain = NAME: the "
                        "project has [domain] sections", d->id);
        }
        if (!d->label.value)
            setting_default(&d->label, d->id);
        if (strcmp(d->id, "score") == 0 || strcmp(d->id, "rank") == 0 ||
            strcmp(d->id, "decile") == 0 || strcmp(d->id, "coverage") == 0)
            return fail(ps, d->line, "indicator name '%s' is reserved for an "
                        "output column", d->id);
        for (j = 0; j < i; j++)
            if (strcasecmp(p->ind[j].id, d->id) == 0)
                return fail(ps, d->line, "indicator '%s' is also defined at line "
                            "%ld", d->id, p->ind[j].line);
    }
    for (i = 0; i < p->ndom; i++) {
        for (j = 0; j < p->nind; j++)
            if (strcasecmp(p->ind[j].domain.value, p->dom[i].name) == 0)
                break;
        if (j == p->nind)
            return fail(ps, p->dom[i].line, "[domain %s] has no indicator "
                        "(set domain = %s in an [indicator])", p->dom[i].name,
                        p->dom[i].name);
        if (!p->dom[i].label.value)
            setting_default(&p->dom[i].label, p->dom[i].name);
    }
    /* a geometric or harmonic mean needs values above 0: refuse the
     * normalisations that give 0 or less before any data is read */
    if (p->score.aggregate.method == BS_AGG_GEOMETRIC ||
        p->score.aggregate.method == BS_AGG_HARMONIC) {
        for (i = 0; i < p->nind; i++) {
            const bs_indicator_spec *d = &p->ind[i];
            bs_norm m = d->norm_set ? d->norm : p->score.normalise;
            const char *why = NULL;
            if (m == BS_NORM_ZSCORE)
                why = "zscore gives negative values";
            else if (m == BS_NORM_PERCENTILE)
                why = "percentile gives 0 for the lowest area";
            else if (m == BS_NORM_MINMAX && (!d->range_set || d->range[0] <= 0))
                why = "minmax gives 0 for the lowest area; set range = 1 100";
            else if (m == BS_NORM_GOALPOSTS)
                why = "goalposts give 0 below the low post";
            if (why)
                return fail(ps, d->norm_set ? d->norm_line : d->line,
                            "[indicator %s] cannot go into a %s mean: %s",
                            d->id, p->score.aggregate.method == BS_AGG_GEOMETRIC
                                       ? "geometric" : "harmonic", why);
        }
    }
    for (i = 0; i < p->npoints; i++) {
        bs_points_spec_cfg *d = &p->points[i];
        if (!d->file.value)
            return fail(ps, d->line, "[points %s] needs file = FILE", d->name);
        if (!d->key.value)
            return fail(ps, d->line, "[points %s] needs key = COLUMN", d->name);
        if (!d->label.value)
            setting_default(&d->label, d->name);
    }
    for (i = 0; i < p->nsupply; i++) {
        bs_supply_spec *d = &p->supply[i];
        if (!d->points.value)
            return fail(ps, d->line, "[supply %s] needs points = NAME", d->name);
        if (!points_names_ok(ps, d->points.value, d->points.line))
            return 0;
        if (!d->label.value)
            setting_default(&d->label, d->name);
    }
    for (i = 0; i < p->ndesignate; i++) {
        bs_designate_spec *d = &p->designate[i];
        if (!d->points.value)
            return fail(ps, d->line, "[designate %s] needs points = NAME (the "
                        "IKC layer)", d->name);
        if (!points_names_ok(ps, d->points.value, d->points.line))
            return 0;
        if (!d->top && !d->threshold_set)
            return fail(ps, d->line, "[designate %s] needs top = N or "
                        "threshold = VALUE", d->name);
        if (d->top && d->threshold_set)
            return fail(ps, d->line, "[designate %s] has both top and "
                        "threshold: keep one", d->name);
        if (d->keep_until_rank && d->top && d->keep_until_rank < d->top)
            return fail(ps, d->line, "[designate %s] keep_until_rank = %d is "
                        "below top = %d", d->name, d->keep_until_rank, d->top);
        if (d->keep_until_rank && !d->previous.value)
            return fail(ps, d->line, "[designate %s] keep_until_rank needs "
                        "previous = FILE", d->name);
        if (!d->score.value)
            setting_default(&d->score, "score");
        if (!d->previous_key.value)
            setting_default(&d->previous_key, "key");
        if (!d->catchment_ikc.value)
            setting_default(&d->catchment_ikc, "ikc");
        if (!d->catchment_area.value)
            setting_default(&d->catchment_area, "area");
        if (!d->catchment_pupils.value)
            setting_default(&d->catchment_pupils, "pupils");
    }
    for (i = 0; i < p->nprio; i++) {
        bs_prioritise_spec *d = &p->prio[i];
        if (!d->supply.value)
            return fail(ps, d->line, "[prioritise %s] needs supply = COLUMN "
                        "(e.g. a [supply] NAME_per1000)", d->name);
        if (!d->need.value)
            setting_default(&d->need, "score");
    }
    if (p->report.line && !p->report.file.value)
        setting_default(&p->report.file, "report.pdf");
    if (p->report.line && strcasecmp(p->report.file.value +
                                     (strlen(p->report.file.value) > 4
                                          ? strlen(p->report.file.value) - 4 : 0),
                                     ".pdf") != 0)
        return fail(ps, p->report.file.line, "[report] file must end in .pdf");
    if (p->score.min_population >= 0 && !p->score.population.value)
        return fail(ps, p->score.line, "[score] min_population needs population = "
                    "COLUMN");
    if (p->unc.line) {
        if (p->unc.runs == 0)
            p->unc.runs = 1000;
        if (p->unc.sensitivity_runs == 0)
            p->unc.sensitivity_runs = p->unc.runs / 4 ? p->unc.runs / 4 : 1;
    }
    for (i = 0; i < p->nmaps; i++) {
        bs_map_spec *d = &p->maps[i];
        bs_rgb tmp[12];
        if (!d->column.value)
            setting_default(&d->column, "score");
        if (!d->palette.value)
            setting_default(&d->palette, "YlOrRd");
        if (d->method == BS_CLASS_MANUAL && !d->breaks)
            return fail(ps, d->line, "[map %s] method = manual needs breaks = ...",
                        d->name);
        if (d->method != BS_CLASS_MANUAL && d->breaks)
            return fail(ps, d->line, "[map %s] has breaks but method is not manual",
                        d->name);
        if (d->method == BS_CLASS_MANUAL && d->nbreaks + 1 > 9)
            return fail(ps, d->line, "[map %s] too many breaks: at most 8 "
                        "(9 classes)", d->name);
        if (d->centre_set) {
            bs_palette_kind kind = BS_PALETTE_SEQUENTIAL;
            bs_palette_info(d->palette.value, 5, &kind, NULL, NULL);
            if (kind != BS_PALETTE_DIVERGING)
                return fail(ps, d->line, "[map %s] centre goes with a diverging "
                            "palette (BrBG PiYG PRGn PuOr RdBu RdGy RdYlBu RdYlGn "
                            "Spectral), not %s", d->name, d->palette.value);
        }
        if (d->inset && !d->context.value)
            return fail(ps, d->line, "[map %s] inset needs context = FILE.shp "
                        "(e.g. the gemeenten of the Netherlands)", d->name);
        if (d->points.value && !points_names_ok(ps, d->points.value, d->points.line))
            return 0;
        if (d->columns.value && d->pool.value)
            return fail(ps, d->line, "[map %s] columns and pool do not mix: the "
                        "panels share their classes with shared_legend = yes",
                        d->name);
        if (d->multiples && d->method != BS_CLASS_STDMEAN)
            return fail(ps, d->line, "[map %s] multiples go with method = std-mean",
                        d->name);
        if (d->anchor && d->method != BS_CLASS_STDMEAN)
            return fail(ps, d->line, "[map %s] anchor goes with method = std-mean",
                        d->name);
        if (d->pct && d->method != BS_CLASS_PERCENTILES)
            return fail(ps, d->line, "[map %s] percentiles go with method = "
                        "percentiles", d->name);
        if (d->hinge >= 0 && d->method != BS_CLASS_BOXPLOT)
            return fail(ps, d->line, "[map %s] hinge goes with method = boxplot",
                        d->name);
        /* methods whose number of classes follows from the data are checked
         * against the palette when the classes are known */
        if ((d->method == BS_CLASS_QUANTILE || d->method == BS_CLASS_EQUAL ||
             d->method == BS_CLASS_FISHER_JENKS || d->method == BS_CLASS_MAXBREAKS) &&
            bs_palette_get(d->palette.value, d->classes, tmp) != 0)
            return fail(ps, d->palette.line ? d->palette.line : d->line,
                        "palette %s has no %d-class version", d->palette.value,
                        d->classes);
        for (j = 0; j < i; j++)
            if (strcasecmp(p->maps[j].name, d->name) == 0)
                return fail(ps, d->line, "map '%s' is also defined at line %ld",
                            d->name, p->maps[j].line);
    }
    for (i = 0; i < p->nmaps; i++) {
        bs_map_spec *d = &p->maps[i];
        char *copy, *tok, *save = NULL;
        if (!d->pool.value)
            continue;
        copy = strdup(d->pool.value);
        for (tok = strtok_r(copy, " \t,", &save); tok;
             tok = strtok_r(NULL, " \t,", &save)) {
            for (j = 0; j < p->nmaps; j++)
                if (strcasecmp(p->maps[j].name, tok) == 0)
                    break;
            if (j == p->nmaps) {
                fail(ps, d->pool.line, "pool: there is no [map %s]", tok);
                free(copy);
                return 0;
            }
        }
        free(copy);
    }
    return 1;
}

static char *dirname_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *d;

    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    d = malloc((size_t)(slash - path) + 1);
    if (d) {
        memcpy(d, path, (size_t)(slash - path));
        d[slash - path] = '\0';
    }
    return d;
}

int bs_project_read(const char *path, bs_project **out, bs_error *err)
{
    parser ps;
    bs_project *p;
    size_t i;
    int rc;

    *out = NULL;
    memset(&ps, 0, sizeof ps);
    p = calloc(1, sizeof *p);
    if (!p)
        return bs_error_set(err, "%s: out of memory", path);
    p->path = strdup(path);
    p->dir = dirname_of(path);
    p->score.normalise = BS_NORM_ZSCORE;
    p->score.min_coverage = 0.75;
    p->score.ties = BS_TIES_AVERAGE;
    p->score.aggregate.method = BS_AGG_MEAN;
    p->score.aggregate.p = 1;
    p->score.dom_aggregate = p->score.aggregate;
    p->score.min_population = -1;
    p->unc.weights = 0.25;
    p->unc.seed = 1;
    p->disclosure.min_count = 10;
    p->disclosure.round = 5;
    p->disclosure.min_denominator = 50;
    ps.path = path;
    ps.p = p;
    ps.err = err;

    ps.ini.name = path;
    ps.ini.on_line = on_line;
    ps.ini.ud = &ps;
    rc = bs_ini_parse(&ps.ini, path, NULL, handler, &ps, err);
    if (rc != 0)
        ps.failed = 1;
    if (!ps.failed)
        check_project(&ps);
    if (!ps.failed) {
        if (!p->title.value)
            setting_default(&p->title, "buurtscan");
        if (!p->output.value) {
            char *r = resolve(p, "out");
            setting_set(&p->output, r, 0);
            free(r);
        }
        if (!p->crs.value)
            setting_default(&p->crs, "EPSG:28992");
        if (!p->language.value)
            setting_default(&p->language, "nl");
    }
    for (i = 0; i < ps.nheaders; i++)
        free(ps.headers[i].text);
    free(ps.headers);
    if (ps.failed) {
        bs_project_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

static void setting_free(bs_setting *s)
{
    free(s->value);
}

void bs_project_free(bs_project *p)
{
    size_t i;

    if (!p)
        return;
    free(p->path);
    free(p->dir);
    setting_free(&p->title);
    setting_free(&p->subtitle);
    setting_free(&p->output);
    setting_free(&p->crs);
    setting_free(&p->language);
    setting_free(&p->date);
    setting_free(&p->style);
    setting_free(&p->report.file);
    setting_free(&p->report.template_file);
    setting_free(&p->report.title);
    setting_free(&p->report.subtitle);
    setting_free(&p->report.author);
    setting_free(&p->report.gemeente);
    setting_free(&p->report.notes);
    setting_free(&p->areas.shapefile);
    setting_free(&p->areas.key);
    setting_free(&p->areas.name);
    setting_free(&p->areas.select);
    setting_free(&p->areas.crs);
    setting_free(&p->areas.source);
    for (i = 0; i < p->ndata; i++) {
        free(p->data[i].name);
        setting_free(&p->data[i].file);
        setting_free(&p->data[i].key);
        setting_free(&p->data[i].source);
        setting_free(&p->data[i].encoding);
    }
    free(p->data);
    for (i = 0; i < p->nind; i++) {
        free(p->ind[i].id);
        setting_free(&p->ind[i].column);
        setting_free(&p->ind[i].formula);
        setting_free(&p->ind[i].label);
        setting_free(&p->ind[i].unit);
        setting_free(&p->ind[i].domain);
        setting_free(&p->ind[i].numerator);
        setting_free(&p->ind[i].denominator);
        setting_free(&p->ind[i].base);
        setting_free(&p->ind[i].definition);
        setting_free(&p->ind[i].year);
    }
    free(p->ind);
    for (i = 0; i < p->ndom; i++) {
        free(p->dom[i].name);
        setting_free(&p->dom[i].label);
    }
    free(p->dom);
    setting_free(&p->score.population);
    free(p->unc.normalise);
    for (i = 0; i < p->npoints; i++) {
        bs_points_spec_cfg *d = &p->points[i];
        free(d->name);
        setting_free(&d->file); setting_free(&d->key); setting_free(&d->label_col);
        setting_free(&d->kind); setting_free(&d->x); setting_free(&d->y);
        setting_free(&d->lon); setting_free(&d->lat); setting_free(&d->crs);
        setting_free(&d->source); setting_free(&d->label);
    }
    free(p->points);
    for (i = 0; i < p->nsupply; i++) {
        bs_supply_spec *d = &p->supply[i];
        free(d->name);
        setting_free(&d->points); setting_free(&d->kinds); setting_free(&d->per);
        setting_free(&d->label);
    }
    free(p->supply);
    for (i = 0; i < p->ndesignate; i++) {
        bs_designate_spec *d = &p->designate[i];
        free(d->name);
        setting_free(&d->points); setting_free(&d->score); setting_free(&d->catchment);
        setting_free(&d->catchment_ikc); setting_free(&d->catchment_area);
        setting_free(&d->catchment_pupils); setting_free(&d->previous);
        setting_free(&d->previous_key);
    }
    free(p->designate);
    for (i = 0; i < p->nprio; i++) {
        free(p->prio[i].name);
        setting_free(&p->prio[i].need);
        setting_free(&p->prio[i].supply);
    }
    free(p->prio);

    for (i = 0; i < p->nmaps; i++) {
        free(p->maps[i].name);
        free(p->maps[i].breaks);
        free(p->maps[i].multiples);
        free(p->maps[i].pct);
        setting_free(&p->maps[i].pool);
        setting_free(&p->maps[i].labels);
        setting_free(&p->maps[i].context);
        setting_free(&p->maps[i].points);
        setting_free(&p->maps[i].highlight);
        setting_free(&p->maps[i].columns);
        setting_free(&p->maps[i].column);
        setting_free(&p->maps[i].palette);
        setting_free(&p->maps[i].title);
        setting_free(&p->maps[i].subtitle);
        setting_free(&p->maps[i].legend);
    }
    free(p->maps);
    free(p);
}
