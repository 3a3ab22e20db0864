/* template.c: the report template reader (template.h). */
#include "buurtscan/inputfile.h"
#include "buurtscan/template.h"
#include "buurtscan/inireader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/number.h"
#include "buurtscan/text.h"
#include "buurtscan/words.h"

static const char *const sec_names[BS_SEC_COUNT] = {
    "cover", "contents", "method", "overview", "ranking", "indicators",
    "areas", "designation", "clusters", "appendix"};

const char *bs_report_section_name(bs_report_section s)
{
    return (unsigned)s < BS_SEC_COUNT ? sec_names[s] : NULL;
}

const char *bs_report_question_name(int q)
{
    static const char *const name[3] = {"aansluiten", "vragen", "ondersteunen"};

    return q >= 0 && q < 3 ? name[q] : NULL;
}

void bs_report_template_init(bs_report_template *t)
{
    memset(t, 0, sizeof *t);
    for (int s = 0; s < BS_SEC_COUNT; s++)
        t->sec[s].show = 1;
}

void bs_report_template_free(bs_report_template *t)
{
    free(t->language);
    free(t->font);
    free(t->palette);
    free(t->palette_at);
    free(t->logo);
    free(t->logo_png);
    free(t->area_singular);
    free(t->area_plural);
    for (int s = 0; s < BS_SEC_COUNT; s++) {
        free(t->sec[s].title);
        free(t->sec[s].intro);
    }
    for (int q = 0; q < 3; q++)
        free(t->question[q]);
    free(t->caveat_title);
    free(t->caveat);
    memset(t, 0, sizeof *t);
}

typedef struct tparse {
    bs_report_template *t;
    char *dir;
    bs_ini ini;               /* the line being parsed, and the first error */
    char section[32];
    char last_key[32];
    long last_line;
    char **last_value;        /* the value a continuation appends to */
    char seen[64][48];        /* "section.key" given in this file */
    long seen_line[64];
    size_t nseen;
} tparse;

/* Keeps the first error with its line; returns 0 (inih's "bad line"). */
#define tfail(ps, ...) bs_ini_fail(&(ps)->ini, __VA_ARGS__)

/* "\n" in a value (two characters) becomes a newline: a paragraph break. */
static char *unescape(const char *v)
{
    char *r = malloc(strlen(v) + 1), *o = r;

    if (!r)
        return NULL;
    while (*v) {
        if (v[0] == '\\' && v[1] == 'n') {
            /* drop blanks around the break */
            while (o > r && o[-1] == ' ')
                o--;
            *o++ = '\n';
            v += 2;
            while (*v == ' ')
                v++;
        } else {
            *o++ = *v++;
        }
    }
    *o = '\0';
    return r;
}

static int set_text(tparse *ps, char **slot, const char *value)
{
    char *v = unescape(value);

    if (!v)
        return tfail(ps, "out of memory");
    free(*slot);
    *slot = v;
    ps->last_value = slot;
    return 1;
}

/* An indented line after a key: inih hands it over under the same name,
 * and it continues that key's value. */
static int continues(const tparse *ps, const char *section, const char *name)
{
    return ps->ini.indented && ps->last_value && *ps->last_value &&
           strcasecmp(name, ps->last_key) == 0 &&
           ps->ini.line == ps->last_line + 1 &&
           strcasecmp(section, ps->section) == 0;
}

static int append_value(tparse *ps, const char *value)
{
    char *add = unescape(value), *joined, *last = *ps->last_value;
    size_t n;

    if (!add)
        return tfail(ps, "out of memory");
    n = strlen(last) + strlen(add) + 2;
    joined = malloc(n);
    if (!joined) {
        free(add);
        return tfail(ps, "out of memory");
    }
    /* a value that ends in a paragraph break needs no space */
    snprintf(joined, n, "%s%s%s", last,
             last[0] && last[strlen(last) - 1] == '\n' ? "" : " ", add);
    free(add);
    free(last);
    *ps->last_value = joined;
    ps->last_line = ps->ini.line;
    return 1;
}

/* Notes section.name as given at this line; an error when it was given
 * before in this file. */
static int note_key(tparse *ps, const char *section, const char *name)
{
    char full[48];

    snprintf(ps->section, sizeof ps->section, "%s", section);
    snprintf(ps->last_key, sizeof ps->last_key, "%s", name);
    ps->last_line = ps->ini.line;
    ps->last_value = NULL;
    snprintf(full, sizeof full, "%s.%s", section, name);
    for (size_t i = 0; i < ps->nseen; i++)
        if (strcasecmp(ps->seen[i], full) == 0)
            return tfail(ps, "'%s' is given twice in [%s] (first at line %ld)",
                         name, section, ps->seen_line[i]);
    if (ps->nseen < 64) {
        snprintf(ps->seen[ps->nseen], sizeof ps->seen[0], "%s", full);
        ps->seen_line[ps->nseen++] = ps->ini.line;
    }
    return 1;
}

/* A key of [report]. */
static int report_key(tparse *ps, const char *name, const char *value)
{
    bs_report_template *t = ps->t;
    bs_lang lang;
    char *p;

    if (!strcasecmp(name, "language")) {
        if (bs_lang_parse(value, &lang) != 0)
            return tfail(ps, "language = '%s': nl or en", value);
        return set_text(ps, &t->language, value);
    }
    if (!strcasecmp(name, "font")) {
        if (!*value)
            return tfail(ps, "font: no font family given");
        return set_text(ps, &t->font, value);
    }
    if (!strcasecmp(name, "accent")) {
        if (bs_colour_parse(value, &t->accent) != 0)
            return tfail(ps, "accent = '%s' is not a colour #rrggbb", value);
        t->has_accent = 1;
        return 1;
    }
    if (!strcasecmp(name, "palette")) {
        /* a scheme the palettes know: bs_report_check */
        if (!(p = bs_text_printf("%s:%ld", ps->ini.name, ps->ini.line)))
            return tfail(ps, "out of memory");
        free(t->palette_at);
        t->palette_at = p;
        return set_text(ps, &t->palette, value);
    }
    if (!strcasecmp(name, "area"))
        return set_text(ps, &t->area_singular, value);
    if (!strcasecmp(name, "areas"))
        return set_text(ps, &t->area_plural, value);
    if (!strcasecmp(name, "logo")) {
        p = value[0] == '/' ? bs_text_dup(value)
                            : bs_text_printf("%s/%s", ps->dir, value);
        if (!p)
            return tfail(ps, "out of memory");
        free(t->logo);
        t->logo = p;
        free(t->logo_png);        /* a new logo: read after the file */
        t->logo_png = NULL;
        t->logo_size = 0;
        return 1;
    }
    return tfail(ps, "unknown key '%s' in [report] (language, font, "
                 "accent, palette, area, areas, logo)", name);
}

/* A key of a report section ([cover] ... [appendix]) or of [caveat]. */
static int section_key(tparse *ps, const char *section, const char *name,
                       const char *value)
{
    bs_report_template *t = ps->t;
    int s;

    if (!strcasecmp(section, "caveat")) {
        if (!strcasecmp(name, "title"))
            return set_text(ps, &t->caveat_title, value);
        if (!strcasecmp(name, "text"))
            return set_text(ps, &t->caveat, value);
        return tfail(ps, "unknown key '%s' in [caveat] (title, text)", name);
    }
    for (s = 0; s < BS_SEC_COUNT; s++)
        if (!strcasecmp(section, sec_names[s]))
            break;
    if (s == BS_SEC_COUNT)
        return tfail(ps, "unknown section [%s]", section);
    if (!strcasecmp(name, "show")) {
        if (bs_parse_yesno(value, &t->sec[s].show) != 0)
            return tfail(ps, "show = '%s' is not yes or no", value);
        return 1;
    }
    if (!strcasecmp(name, "title") && s != BS_SEC_COVER)
        return set_text(ps, &t->sec[s].title, value);
    if (!strcasecmp(name, "intro") && s != BS_SEC_COVER && s != BS_SEC_CONTENTS)
        return set_text(ps, &t->sec[s].intro, value);
    if (s == BS_SEC_AREAS)
        for (int q = 0; q < 3; q++)
            if (!strcasecmp(name, bs_report_question_name(q)))
                return set_text(ps, &t->question[q], value);
    return tfail(ps, "unknown key '%s' in [%s]", name, section);
}

static int thandler(void *ud, const char *section, const char *name,
                    const char *value)
{
    tparse *ps = ud;

    if (ps->ini.err_line)
        return 0;
    if (continues(ps, section, name))
        return append_value(ps, value);
    if (!note_key(ps, section, name))
        return 0;
    if (!*section)
        return tfail(ps, "'%s' comes before any [section]", name);
    if (!strcasecmp(section, "report"))
        return report_key(ps, name, value);
    return section_key(ps, section, name, value);
}

/* The logo's bytes into t (the report decodes them: bs_report_check). */
static int read_logo(bs_report_template *t, bs_error *err)
{
    FILE *f;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;

    if (bs_input_regular(t->logo, err) != 0)
        return -1;
    f = fopen(t->logo, "rb");
    if (!f)
        return bs_error_set(err, "%s: cannot read the logo (a PNG file): %s",
                            t->logo, strerror(errno));
    for (;;) {
        size_t got;
        if (len == cap) {
            unsigned char *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                return bs_error_set(err, "%s: out of memory", t->logo);
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        bs_error_set(err, "%s: cannot read the logo (a PNG file): %s", t->logo,
                     strerror(errno));
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    t->logo_png = buf;
    t->logo_size = len;
    return 0;
}

int bs_report_template_read(const char *path, bs_report_template *t,
                            bs_error *err)
{
    tparse ps;
    const char *slash = strrchr(path, '/');
    int rc;

    memset(&ps, 0, sizeof ps);
    ps.t = t;
    ps.ini.name = path;
    ps.dir = slash ? bs_text_printf("%.*s", (int)(slash - path), path) : bs_text_dup(".");
    if (!ps.dir)
        return bs_error_set(err, "%s: out of memory", path);
    rc = bs_ini_parse(&ps.ini, path, NULL, thandler, &ps, err);
    free(ps.dir);
    if (rc == 0 && t->logo && !t->logo_png && t->sec[BS_SEC_COVER].show)
        rc = read_logo(t, err);
    return rc;
}
