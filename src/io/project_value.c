/* project_value.c: one value of the project file, parsed by the type of its
 * schema row (see project_internal.h) and stored at the row's offset. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/number.h"
#include "buurtscan/text.h"
#include "project_internal.h"

void *bs_pj_field(void *spec, const bs_pj_key *k)
{
    return (char *)spec + k->off;
}

int bs_pj_setting(bs_setting *s, const char *value, long line)
{
    char *copy = bs_text_dup(value);

    if (!copy)
        return -1;
    free(s->value);
    s->value = copy;
    s->line = line;
    return 0;
}

char *bs_pj_resolve(const bs_project *p, const char *value)
{
    if (value[0] == '/' || strcmp(p->dir, ".") == 0)
        return bs_text_dup(value);
    return bs_text_printf("%s/%s", p->dir, value);
}

const char *bs_pj_choices(const bs_pj_key *k, char *buf, size_t n)
{
    if (k->use)
        return k->use;
    return k->vocab ? bs_vocab_list(k->vocab, buf, n) : "";
}

/* Stores a whole number into an int or a size_t field. */
static void store_int(void *field, size_t size, double v)
{
    if (size == sizeof(int)) {
        int x = (int)v;
        memcpy(field, &x, sizeof x);
    } else {
        size_t x = (size_t)v;
        assert(size == sizeof x && v >= 0);
        memcpy(field, &x, sizeof x);
    }
}

/* A number in [k->lo, k->hi] (unchecked for a default: line 0). */
static int number(bs_pj_reader *r, const bs_pj_key *k, const char *value, long line,
                  double *out)
{
    if (line == 0 && strcmp(value, "nan") == 0) {
        *out = NAN;
        return 1;
    }
    if (bs_parse_number(value, '.', out) != BS_NUM_OK)
        return bs_pj_fail(r, line, "%s = '%s' is not a number", k->name, value);
    if (line && (*out < k->lo || *out > k->hi))
        return bs_pj_fail(r, line, "%s = %s is out of range (%g to %g)", k->name,
                       value, k->lo, k->hi);
    return 1;
}

static int whole(bs_pj_reader *r, const bs_pj_key *k, const char *value, long line,
                 double *out)
{
    if (!number(r, k, value, line, out))
        return 0;
    if (*out != floor(*out))
        return bs_pj_fail(r, line, "%s = %s must be a whole number", k->name, value);
    return 1;
}

int bs_pj_whole(bs_pj_reader *r, const bs_pj_key *k, const char *value, double *out)
{
    return whole(r, k, value, r->ini.line, out);
}

/* Numbers separated by blanks, strictly increasing, into a new array. */
static int numbers(bs_pj_reader *r, const bs_pj_key *k, const char *value, long line,
                   double **out, size_t *nout)
{
    char *copy = bs_text_dup(value), *tok, *save = NULL;
    double *v = NULL;
    size_t n = 0;
    int ok = 1;

    if (!copy)
        return bs_pj_fail(r, line, "out of memory");
    for (tok = strtok_r(copy, " \t", &save); tok && ok;
         tok = strtok_r(NULL, " \t", &save)) {
        double x, *grown;
        if (bs_parse_number(tok, '.', &x) != BS_NUM_OK)
            ok = bs_pj_fail(r, line, "%s: '%s' is not a number (separate numbers "
                         "by spaces, use . as decimal point)", k->name, tok);
        else if (n > 0 && x <= v[n - 1])
            ok = bs_pj_fail(r, line, "%s must increase: %s after %g", k->name, tok,
                         v[n - 1]);
        else if (!(grown = realloc(v, (n + 1) * sizeof *v)))
            ok = bs_pj_fail(r, line, "out of memory");
        else {
            v = grown;
            v[n++] = x;
        }
    }
    free(copy);
    if (ok && n == 0)
        ok = bs_pj_fail(r, line, "%s: give at least one number", k->name);
    if (ok && (v[0] < k->lo || v[n - 1] > k->hi))
        ok = bs_pj_fail(r, line, "%s must lie between %g and %g", k->name, k->lo,
                     k->hi);
    if (!ok) {
        free(v);
        return 0;
    }
    *out = v;
    *nout = n;
    return 1;
}

static int store_list(bs_pj_reader *r, const bs_pj_key *k, void *spec,
                      const char *value, long line)
{
    double *v = NULL, *old;
    size_t n = 0;

    if (!numbers(r, k, value, line, &v, &n))
        return 0;
    if (k->type == KT_PAIR) {
        if (n != 2) {
            free(v);
            return bs_pj_fail(r, line, "%s: give two numbers, low and high", k->name);
        }
        memcpy(bs_pj_field(spec, k), v, 2 * sizeof *v);
        free(v);
        return 1;
    }
    memcpy(&old, bs_pj_field(spec, k), sizeof old);
    free(old);
    memcpy(bs_pj_field(spec, k), &v, sizeof v);
    memcpy((char *)spec + k->count_off, &n, sizeof n);
    return 1;
}

/* A word of the key's vocabulary. */
static int word(bs_pj_reader *r, const bs_pj_key *k, const char *value, long line,
                int *out)
{
    char use[400];

    if (bs_vocab_parse(k->vocab, value, out) != 0)
        return bs_pj_fail(r, line, "%s = '%s': use %s", k->name, value,
                       bs_pj_choices(k, use, sizeof use));
    return 1;
}

static int store_text(bs_pj_reader *r, const bs_pj_key *k, void *spec,
                      const char *value, long line)
{
    char *resolved = NULL;
    int v, rc;

    if (k->type == KT_WORD && !word(r, k, value, line, &v))
        return 0;
    if (k->type == KT_PATH && !(value = resolved = bs_pj_resolve(r->p, value)))
        return bs_pj_fail(r, line, "out of memory");
    rc = bs_pj_setting(bs_pj_field(spec, k), value, line);
    free(resolved);
    return rc == 0 ? 1 : bs_pj_fail(r, line, "out of memory");
}

/* Parses value by k's type into its field; a default (line 0) skips the
 * range, the set flag and the key's check. */
static int store(bs_pj_reader *r, const bs_pj_key *k, void *spec, const char *value,
                 long line)
{
    void *field = bs_pj_field(spec, k);
    double d;
    int v;

    switch (k->type) {
    case KT_TEXT:
    case KT_PATH:
    case KT_WORD:
        return store_text(r, k, spec, value, line);
    case KT_NUM:
        if (!number(r, k, value, line, &d))
            return 0;
        assert(k->size == sizeof d);
        memcpy(field, &d, sizeof d);
        return 1;
    case KT_INT:
        if (!whole(r, k, value, line, &d))
            return 0;
        store_int(field, k->size, d);
        return 1;
    case KT_YESNO:
        if (bs_parse_yesno(value, &v) != 0)
            return bs_pj_fail(r, line, "%s = '%s': use yes or no", k->name, value);
        store_int(field, k->size, v);
        return 1;
    case KT_ENUM:
        if (!word(r, k, value, line, &v))
            return 0;
        store_int(field, k->size, v);
        return 1;
    case KT_CHAR:
        if (!word(r, k, value, line, &v))
            return 0;
        assert(k->size == 1);
        *(char *)field = (char)v;
        return 1;
    case KT_LIST:
    case KT_PAIR:
        return store_list(r, k, spec, value, line);
    case KT_CUSTOM:
        return k->fn(r, k, field, value);
    }
    return 0;
}

int bs_pj_value(bs_pj_reader *r, const bs_pj_key *k, void *spec, const char *value,
             long line)
{
    if (!store(r, k, spec, value, line))
        return 0;
    if (line == 0)
        return 1;
    if (k->set_off) {
        int one = 1;
        memcpy((char *)spec + k->set_off - 1, &one, sizeof one);
    }
    if (k->line_off)
        memcpy((char *)spec + k->line_off - 1, &line, sizeof line);
    if (k->fn && k->type != KT_CUSTOM)
        return k->fn(r, k, bs_pj_field(spec, k), value);
    return 1;
}

void bs_pj_value_free(const bs_pj_key *k, void *spec)
{
    void *field = bs_pj_field(spec, k), *ptr;

    switch (k->type) {
    case KT_TEXT:
    case KT_PATH:
    case KT_WORD:
        free(((bs_setting *)field)->value);
        break;
    case KT_LIST:
        memcpy(&ptr, field, sizeof ptr);
        free(ptr);
        break;
    case KT_CUSTOM:
        if (k->flags & K_FREE) {
            memcpy(&ptr, field, sizeof ptr);
            free(ptr);
        }
        break;
    default:
        break;
    }
}
