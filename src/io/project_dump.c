/* project_dump.c: the fully resolved project as text, key by key, from the
 * schema table (issue 14: the manifest records every key with its value,
 * defaults included). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/text.h"
#include "project_internal.h"

typedef struct buf {
    char *s;
    size_t len, cap;
    int oom;
} buf;

static void put(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->oom)
        return;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0,
                      fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        {
            size_t cap = (b->cap + (size_t)n + 64) * 2;
            char *g = realloc(b->s, cap);
            if (!g) {
                b->oom = 1;
                return;
            }
            b->s = g;
            b->cap = cap;
        }
    }
}

static void put_num(buf *b, double v)
{
    if (!isnan(v))
        put(b, "%.17g", v);
}

static int flag_set(const void *spec, size_t set_off)
{
    int set;
    if (!set_off)
        return 1;
    memcpy(&set, (const char *)spec + set_off - 1, sizeof set);
    return set;
}

static void put_formats(buf *b, unsigned bits, const char *const *names)
{
    const char *sep = "";
    for (unsigned i = 0; names[i]; i++)
        if (bits & (1u << i)) {
            put(b, "%s%s", sep, names[i]);
            sep = " ";
        }
}

/* The keys of type KT_CUSTOM, by section and name: each stores its own
 * field type. Returns -1 for a custom key this file does not know (a test
 * runs every key, so a new one is caught). */
static int put_custom(buf *b, const char *sec, const bs_pj_key *k,
                      const void *f, const bs_project *p)
{
    static const char *const out_w[] = {"pdf", "png", "svg", NULL};
    static const char *const exp_w[] = {"gpkg", "geojson", "xlsx", NULL};
    unsigned bits;

    if (strcmp(k->name, "parent") == 0) {
        size_t len;
        memcpy(&len, f, sizeof len);
        if (len)
            put(b, "%zu", len);
    } else if (strcmp(sec, "uncertainty") == 0 && strcmp(k->name, "normalise") == 0) {
        for (size_t i = 0; i < p->unc.nnormalise; i++)
            put(b, "%s%s", i ? " " : "", bs_norm_name(p->unc.normalise[i]));
    } else if (strcmp(k->name, "seed") == 0) {
        unsigned long long seed;
        memcpy(&seed, f, sizeof seed);
        put(b, "%llu", seed);
    } else if (strcmp(k->name, "paper") == 0) {
        bs_paper paper;
        memcpy(&paper, f, sizeof paper);
        put(b, "%gx%g mm", paper.width_mm, paper.height_mm);
    } else if (strcmp(k->name, "format") == 0) {
        memcpy(&bits, f, sizeof bits);
        put_formats(b, bits, strcmp(sec, "export") == 0 ? exp_w : out_w);
    } else {
        return -1;
    }
    return 0;
}

static int put_value(buf *b, const char *sec, const bs_pj_key *k,
                     const void *spec, const bs_project *p)
{
    const void *f = (const char *)spec + k->off;
    int iv;

    if (!flag_set(spec, k->set_off))
        return 0;
    switch (k->type) {
    case KT_TEXT: case KT_PATH: case KT_WORD: {
        const bs_setting *s = f;
        if (s->value)
            put(b, "%s", s->value);
        return 0;
    }
    case KT_NUM: {
        double v;
        memcpy(&v, f, sizeof v);
        put_num(b, v);
        return 0;
    }
    case KT_INT:
        if (k->size == sizeof(size_t)) {
            size_t v;
            memcpy(&v, f, sizeof v);
            put(b, "%zu", v);
        } else {
            memcpy(&iv, f, sizeof iv);
            put(b, "%d", iv);
        }
        return 0;
    case KT_YESNO:
        memcpy(&iv, f, sizeof iv);
        put(b, "%s", iv ? "yes" : "no");
        return 0;
    case KT_ENUM: {
        const char *w;
        memcpy(&iv, f, sizeof iv);
        w = bs_vocab_name(k->vocab, iv);
        put(b, "%s", w ? w : "");
        return 0;
    }
    case KT_CHAR: {
        char c;
        const char *w;
        memcpy(&c, f, sizeof c);
        w = c ? bs_vocab_name(k->vocab, (unsigned char)c) : NULL;
        put(b, "%s", w ? w : "");
        return 0;
    }
    case KT_LIST: {
        double *v;
        size_t n;
        memcpy(&v, f, sizeof v);
        memcpy(&n, (const char *)spec + k->count_off, sizeof n);
        for (size_t i = 0; i < n; i++) {
            put(b, "%s", i ? " " : "");
            put_num(b, v[i]);
        }
        return 0;
    }
    case KT_PAIR: {
        double v[2];
        memcpy(v, f, sizeof v);
        put_num(b, v[0]);
        put(b, " ");
        put_num(b, v[1]);
        return 0;
    }
    case KT_CUSTOM:
        return put_custom(b, sec, k, f, p);
    }
    return -1;
}

static int each_spec(const bs_project *p, const bs_pj_section *s,
                     const void *spec, const char *name,
                     bs_project_setting_fn fn, void *ctx, bs_error *err)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        const bs_pj_key *k = &s->keys[i];
        buf b = {NULL, 0, 0, 0};
        char key[300];
        int rc;

        put(&b, "%s", "");
        if (put_value(&b, s->kind, k, spec, p) != 0) {
            free(b.s);
            return bs_error_set(err, "%s: [%s] %s: no text for this key type",
                                p->path, s->kind, k->name);
        }
        if (b.oom) {
            free(b.s);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        snprintf(key, sizeof key, "%s%s%s.%s", s->kind, name ? "." : "",
                 name ? name : "", k->name);
        rc = fn(ctx, key, b.s, k->type == KT_PATH, err);
        free(b.s);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int bs_project_each_setting(const bs_project *p, bs_project_setting_fn fn,
                            void *ctx, bs_error *err)
{
    for (size_t i = 0; i < bs_pj_nsections; i++) {
        const bs_pj_section *s = &bs_pj_sections[i];
        if (!s->named) {
            if (each_spec(p, s, p, NULL, fn, ctx, err) != 0)
                return -1;
            continue;
        }
        {
            char *arr;
            size_t n;
            memcpy(&arr, (const char *)p + s->array_off, sizeof arr);
            memcpy(&n, (const char *)p + s->count_off, sizeof n);
            for (size_t j = 0; j < n; j++) {
                const char *spec = arr + j * s->size;
                char *name;
                memcpy(&name, spec + s->name_off, sizeof name);
                if (each_spec(p, s, spec, name, fn, ctx, err) != 0)
                    return -1;
            }
        }
    }
    return 0;
}
