/* project.c: reading the project file with the schema of project_schema.c.
 *
 * The INI front end (inireader.c) counts lines and shows each line here
 * first, so section headers are seen with their line: that is how an empty
 * or duplicate section is caught, and how every message names its line.
 * Each key is looked up in its section's table and parsed by its row;
 * defaults come from the rows when a section begins (plain sections: when
 * reading begins, as they apply whether the section is there or not). */
#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/text.h"
#include "project_internal.h"

int bs_pj_fail(bs_pj_reader *r, long line, const char *fmt, ...)
{
    char msg[BS_ERROR_MAX - 300];
    va_list ap;

    if (r->failed)
        return 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* while inih runs, the reader reports it; after, err holds it */
    bs_ini_fail_at(&r->ini, line, "%s", msg);
    bs_error_set(r->err, "%s:%ld: %s", r->path, line, msg);
    r->failed = 1;
    return 0;
}

/* --- specs --------------------------------------------------------------- */

const char *bs_pj_spec_name(const bs_pj_section *s, const void *spec)
{
    const char *name = "";

    if (s->named)
        memcpy(&name, (const char *)spec + s->name_off, sizeof name);
    return name;
}

long bs_pj_spec_line(const bs_pj_section *s, const void *spec)
{
    long line = 0;

    if (s->line_off)
        memcpy(&line, (const char *)spec + s->line_off - 1, sizeof line);
    return line;
}

/* The array of a named section and its count, read through memcpy so any
 * element type goes through one function without aliasing casts. */
static char *spec_array(const bs_pj_section *s, const bs_project *p, size_t *n)
{
    char *arr;

    memcpy(&arr, (const char *)p + s->array_off, sizeof arr);
    memcpy(n, (const char *)p + s->count_off, sizeof *n);
    return arr;
}

int bs_pj_each(bs_pj_reader *r, const bs_pj_section *s,
            int (*fn)(bs_pj_reader *r, const bs_pj_section *s, void *spec))
{
    size_t i, n;
    char *arr;

    if (!s->named)
        return fn(r, s, r->p);
    arr = spec_array(s, r->p, &n);
    for (i = 0; i < n; i++)
        if (!fn(r, s, arr + i * s->size))
            return 0;
    return 1;
}

/* Appends a zeroed spec to a named section's array; NULL when out of
 * memory (the array unchanged). */
static void *append_spec(const bs_pj_section *s, bs_project *p)
{
    size_t n;
    char *arr = spec_array(s, p, &n), *grown;

    grown = realloc(arr, (n + 1) * s->size);
    if (!grown)
        return NULL;
    memset(grown + n * s->size, 0, s->size);
    memcpy((char *)p + s->array_off, &grown, sizeof grown);
    n++;
    memcpy((char *)p + s->count_off, &n, sizeof n);
    return grown + (n - 1) * s->size;
}

/* The rows' defaults into spec; name is the section's NAME. */
static int apply_defaults(bs_pj_reader *r, const bs_pj_section *s, void *spec,
                          const char *name)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        const bs_pj_key *k = &s->keys[i];
        if (k->def && !bs_pj_value(r, k, spec, k->def, 0))
            return 0;
        if ((k->flags & K_NAME) && bs_pj_setting(bs_pj_field(spec, k), name, 0) != 0)
            return bs_pj_fail(r, r->ini.line, "out of memory");
    }
    return 1;
}

static void free_spec(const bs_pj_section *s, void *spec)
{
    for (size_t i = 0; i < s->nkeys; i++)
        bs_pj_value_free(&s->keys[i], spec);
    if (s->named)
        free((char *)bs_pj_spec_name(s, spec));
}

/* --- sections ------------------------------------------------------------ */

static int valid_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int unknown_section(bs_pj_reader *r, const char *text, long line)
{
    char known[600] = "";
    size_t len = 0;

    for (size_t i = 0; i < bs_pj_nsections && len < sizeof known; i++)
        len += (size_t)snprintf(known + len, sizeof known - len, "%s%s%s",
                                i ? ", " : "", bs_pj_sections[i].kind,
                                bs_pj_sections[i].named ? " NAME" : "");
    return bs_pj_fail(r, line, "unknown section [%s] (known: %s)", text, known);
}

/* Records the header "kind name"; 0 after an error (a duplicate). */
static int record_header(bs_pj_reader *r, const char *norm, const char *text,
                         long line)
{
    char **h;
    long *hl;

    for (size_t i = 0; i < r->nheaders; i++)
        if (strcmp(r->headers[i], norm) == 0)
            return bs_pj_fail(r, line, "duplicate section [%s] (first at line %ld)",
                           text, r->header_line[i]);
    h = realloc(r->headers, (r->nheaders + 1) * sizeof *h);
    if (h)
        r->headers = h;
    hl = realloc(r->header_line, (r->nheaders + 1) * sizeof *hl);
    if (hl)
        r->header_line = hl;
    if (!h || !hl || !(h[r->nheaders] = bs_text_dup(norm)))
        return bs_pj_fail(r, line, "out of memory");
    hl[r->nheaders++] = line;
    return 1;
}

/* Starts the section of header text "kind [name]" at line. */
static int begin_section(bs_pj_reader *r, const char *text, long line)
{
    char kind[32] = "", name[128] = "", norm[200], extra[8];
    const bs_pj_section *s = NULL;
    int n = sscanf(text, "%31s %127s", kind, name);

    r->sec = NULL;
    memset(r->seen, 0, sizeof r->seen);
    r->last_key = NULL;
    if (n < 1)
        return bs_pj_fail(r, line, "empty section name []");
    if (sscanf(text, "%*s %*s %7s", extra) == 1)
        return bs_pj_fail(r, line, "section [%s] has too many words", text);
    for (size_t i = 0; kind[i]; i++)
        kind[i] = (char)tolower((unsigned char)kind[i]);
    snprintf(norm, sizeof norm, "%s %s", kind, name);
    if (!record_header(r, norm, text, line))
        return 0;
    for (size_t i = 0; i < bs_pj_nsections && !s; i++)
        if (strcmp(bs_pj_sections[i].kind, kind) == 0)
            s = &bs_pj_sections[i];
    if (!s)
        return unknown_section(r, text, line);
    assert(s->nkeys <= BS_PJ_MAX_KEYS);     /* r->seen has a slot per key */
    if (s->named && n < 2)
        return bs_pj_fail(r, line, "section [%s] needs a name, e.g. [%s kerncijfers]",
                       kind, kind);
    if (!s->named && n > 1)
        return bs_pj_fail(r, line, "section [%s] takes no name", kind);
    if (s->named && !valid_name(name))
        return bs_pj_fail(r, line,
                       "name '%s' may only hold letters, digits, '_' and '-'", name);
    if (s->named) {
        char *copy = bs_text_dup(name);
        void *spec = copy ? append_spec(s, r->p) : NULL;
        if (!spec) {
            free(copy);
            return bs_pj_fail(r, line, "out of memory");
        }
        memcpy((char *)spec + s->name_off, &copy, sizeof copy);
        memcpy((char *)spec + s->line_off - 1, &line, sizeof line);
        if (!apply_defaults(r, s, spec, name))
            return 0;
        r->spec = spec;
    } else {
        if (s->line_off)
            memcpy((char *)r->p + s->line_off - 1, &line, sizeof line);
        r->spec = r->p;
    }
    r->sec = s;
    return 1;
}

/* Sees each line before inih: a section header starts a section here. */
static int on_line(bs_ini *ini, const char *text, void *ud)
{
    bs_pj_reader *r = ud;
    const char *s = text, *end;
    char name[200];
    size_t n;

    (void)ini;
    if (r->failed)
        return 0;
    /* defect 6: every text of the project file is UTF-8, checked here at
     * load (a Latin-1 "één" would pass validate and break the drawing) */
    if (!bs_text_utf8_valid(text))
        return bs_pj_fail(r, r->ini.line, "not UTF-8 (save the project file as "
                          "UTF-8; Latin-1 and CP1252 are read only in data files)");
    while (isspace((unsigned char)*s))
        s++;
    if (*s != '[')
        return 1;
    end = strchr(s, ']');
    if (!end)
        return bs_pj_fail(r, r->ini.line, "section header without ']'");
    n = (size_t)(end - s - 1);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, s + 1, n);
    name[n] = '\0';
    return begin_section(r, name, r->ini.line);
}

/* --- keys ---------------------------------------------------------------- */

/* Edit distance of a and b, for "did you mean"; stops counting at 3. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64], i, j;

    if (la >= 63 || lb >= 63)
        return 3;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0], best;
        row[0] = best = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t sub = diag + (a[i - 1] != b[j - 1]);
            size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < v ? sub : v;
            diag = up;
            if (row[j] < best)
                best = row[j];
        }
        if (best >= 3)
            return 3;
    }
    return row[lb] < 3 ? row[lb] : 3;
}

static int unknown_key(bs_pj_reader *r, const char *key)
{
    const bs_pj_section *s = r->sec;
    const char *close = NULL;
    size_t best = 3, len = 0;
    char known[800] = "";

    for (size_t i = 0; i < s->nkeys; i++) {
        size_t d = distance(key, s->keys[i].name);
        /* one edit for short keys, two for longer ones */
        if (d < best && d <= (strlen(key) > 4 ? 2u : 1u)) {
            best = d;
            close = s->keys[i].name;
        }
        /* an alias is suggested as it is spelled (shapefile for shapfile) */
        if (s->keys[i].alias) {
            d = distance(key, s->keys[i].alias);
            if (d < best && d <= (strlen(key) > 4 ? 2u : 1u)) {
                best = d;
                close = s->keys[i].alias;
            }
        }
        if (len < sizeof known)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
                                    i ? ", " : "", s->keys[i].name);
    }
    if (close)
        return bs_pj_fail(r, r->ini.line, "unknown key '%s' in [%s] (did you mean "
                       "'%s'?)", key, s->kind, close);
    return bs_pj_fail(r, r->ini.line, "unknown key '%s' in [%s] (known: %s)", key,
                   s->kind, known);
}

/* inih hands an indented line after a key to the handler again under the
 * same name: that is a continuation, appended with a space, for the keys
 * that allow it. */
static int continuation(bs_pj_reader *r, const char *key, const char *value)
{
    const bs_pj_key *k = r->last_key;
    bs_setting *s = k && (k->flags & K_CONTINUES) ? bs_pj_field(r->spec, k) : NULL;
    char *joined;

    if (!s || !s->value || strchr(value, '='))
        return bs_pj_fail(r, r->ini.line, "this indented line is read as a "
                       "continuation of '%s' on the line before; remove the "
                       "leading blanks", key);
    joined = bs_text_printf("%s %s", s->value, value);
    if (!joined)
        return bs_pj_fail(r, r->ini.line, "out of memory");
    free(s->value);
    s->value = joined;
    r->last_key_line = r->ini.line;
    return 1;
}

static const bs_pj_key *find_key(const bs_pj_section *s, const char *key)
{
    for (size_t i = 0; i < s->nkeys; i++)
        if (strcmp(s->keys[i].name, key) == 0 ||
            (s->keys[i].alias && strcmp(s->keys[i].alias, key) == 0))
            return &s->keys[i];
    return NULL;
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    bs_pj_reader *r = user;
    const bs_pj_key *k;
    char key[32];
    size_t i;

    (void)section;
    if (r->failed)
        return 0;
    if (!r->sec)
        return bs_pj_fail(r, r->ini.line, "'%s' comes before any [section]", name);
    snprintf(key, sizeof key, "%s", name);
    for (i = 0; key[i]; i++)
        key[i] = (char)tolower((unsigned char)key[i]);
    if (r->ini.indented && r->last_key && r->ini.line == r->last_key_line + 1 &&
        (strcmp(key, r->last_key->name) == 0 ||
         (r->last_key->alias && strcmp(key, r->last_key->alias) == 0)))
        return continuation(r, key, value);
    k = find_key(r->sec, key);
    if (!k)
        return unknown_key(r, key);
    i = (size_t)(k - r->sec->keys);
    if (r->seen[i])
        return bs_pj_fail(r, r->ini.line, "'%s' is given twice in this section "
                       "(first at line %ld)", key, r->seen[i]);
    r->seen[i] = r->ini.line;
    r->last_key = k;
    r->last_key_line = r->ini.line;
    if (!*value)
        return bs_pj_fail(r, r->ini.line, "'%s' has no value", key);
    return bs_pj_value(r, k, r->spec, value, r->ini.line);
}

/* --- the project --------------------------------------------------------- */

static char *dirname_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *d;

    if (!slash)
        return bs_text_dup(".");
    if (slash == path)
        return bs_text_dup("/");
    d = malloc((size_t)(slash - path) + 1);
    if (d) {
        memcpy(d, path, (size_t)(slash - path));
        d[slash - path] = '\0';
    }
    return d;
}

static int free_one(bs_pj_reader *r, const bs_pj_section *s, void *spec)
{
    (void)r;
    free_spec(s, spec);
    return 1;
}

void bs_project_free(bs_project *p)
{
    bs_pj_reader r;

    if (!p)
        return;
    memset(&r, 0, sizeof r);
    r.p = p;
    for (size_t i = 0; i < bs_pj_nsections; i++) {
        const bs_pj_section *s = &bs_pj_sections[i];
        bs_pj_each(&r, s, free_one);
        if (s->named) {
            size_t n;
            free(spec_array(s, p, &n));
        }
    }
    free(p->path);
    free(p->dir);
    free(p);
}

int bs_project_read(const char *path, bs_project **out, bs_error *err)
{
    bs_pj_reader r;
    bs_project *p;

    *out = NULL;
    memset(&r, 0, sizeof r);
    p = calloc(1, sizeof *p);
    if (!p || !(p->path = bs_text_dup(path)) || !(p->dir = dirname_of(path))) {
        bs_project_free(p);
        return bs_error_set(err, "%s: out of memory", path);
    }
    r.path = path;
    r.p = p;
    r.err = err;
    for (size_t i = 0; i < bs_pj_nsections && !r.failed; i++)
        if (!bs_pj_sections[i].named)
            apply_defaults(&r, &bs_pj_sections[i], p, bs_pj_sections[i].kind);
    r.ini.name = path;
    r.ini.on_line = on_line;
    r.ini.ud = &r;
    if (!r.failed && bs_ini_parse(&r.ini, path, NULL, handler, &r, err) != 0)
        r.failed = 1;
    if (!r.failed)
        bs_pj_check(&r);
    for (size_t i = 0; i < r.nheaders; i++)
        free(r.headers[i]);
    free(r.headers);
    free(r.header_line);
    if (r.failed) {
        bs_project_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

static const char *type_name(const bs_pj_key *k)
{
    static const char *const names[] = {
        [KT_TEXT] = "text", [KT_PATH] = "path", [KT_WORD] = "word",
        [KT_NUM] = "number", [KT_INT] = "whole number", [KT_YESNO] = "yes/no",
        [KT_ENUM] = "word", [KT_CHAR] = "character", [KT_LIST] = "numbers",
        [KT_PAIR] = "two numbers", [KT_CUSTOM] = "words",
    };
    return names[k->type];
}

int bs_project_key_at(size_t i, bs_project_key *out)
{
    for (size_t s = 0; s < bs_pj_nsections; s++) {
        const bs_pj_section *sec = &bs_pj_sections[s];
        if (i < sec->nkeys) {
            const bs_pj_key *k = &sec->keys[i];
            out->section = sec->kind;
            out->named = sec->named;
            out->key = k->name;
            out->alias = k->alias;
            out->type = type_name(k);
            out->def = k->def;
            out->required = k->need != NULL;
            out->help = k->help;
            return 0;
        }
        i -= sec->nkeys;
    }
    return -1;
}
