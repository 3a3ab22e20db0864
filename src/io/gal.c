/* gal.c: GeoDa .gal and .gwt weights files (see gal.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/gal.h"
#include "buurtscan/number.h"
#include "buurtscan/text.h"

/* ---- the file, line by line, split into fields ---- */

typedef struct reader {
    const char *path;
    char *text, *pos, *end;
    long line;                /* number of the line last read */
    char **tok;               /* fields of that line */
    size_t ntok, captok;
} reader;

static int slurp(reader *r, bs_error *err)
{
    FILE *f;
    long size;

    if (bs_input_regular(r->path, err) != 0)
        return -1;
    f = fopen(r->path, "rb");
    if (!f)
        return bs_error_set(err, "%s: cannot open: %s", r->path,
                            strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return bs_error_set(err, "%s: cannot read", r->path);
    }
    r->text = malloc((size_t)size + 1);
    if (!r->text || fread(r->text, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return bs_error_set(err, "%s: %s", r->path,
                            r->text ? "cannot read" : "out of memory");
    }
    fclose(f);
    r->text[size] = '\0';
    r->pos = r->text;
    r->end = r->text + size;
    if (size >= 3 && memcmp(r->text, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
    return 0;
}

/* Reads the next line into r->tok; returns 0 at the end of the file, 1
 * after a line, -1 when memory runs out. */
static int next_line(reader *r)
{
    char *p = r->pos, *e;

    if (p >= r->end)
        return 0;
    e = memchr(p, '\n', (size_t)(r->end - p));
    if (!e)
        e = r->end;
    r->pos = e < r->end ? e + 1 : e;
    *e = '\0';
    r->line++;
    r->ntok = 0;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            return 1;
        if (r->ntok == r->captok) {
            size_t cap = r->captok ? 2 * r->captok : 16;
            char **tok = realloc(r->tok, cap * sizeof *tok);

            if (!tok)
                return -1;
            r->tok = tok;
            r->captok = cap;
        }
        r->tok[r->ntok++] = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
}

/* The next line that has fields: 1, or 0 at the end, -1 out of memory. */
static int next_record(reader *r)
{
    int rc;

    while ((rc = next_line(r)) == 1 && r->ntok == 0)
        ;
    return rc;
}

/* Skips the next line when it is blank; leaves it when it has fields. */
static void skip_blank_line(reader *r)
{
    char *p = r->pos;

    while (p < r->end && *p != '\n' && isspace((unsigned char)*p))
        p++;
    if (p < r->end && *p == '\n') {
        r->pos = p + 1;
        r->line++;
    } else if (p >= r->end) {
        r->pos = r->end;
    }
}

/* ---- ids to areas ---- */

typedef struct ids {
    const char *const *keys;  /* NULL: record numbers 1 .. n */
    size_t n, cap;
    size_t *slot;             /* area + 1, 0 empty */
} ids;

static size_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h ^ h >> 29);
}

static int ids_init(ids *d, const char *const *keys, size_t n,
                    const char *path, bs_error *err)
{
    size_t i;

    memset(d, 0, sizeof *d);
    d->keys = keys;
    d->n = n;
    if (!keys)
        return 0;
    for (d->cap = 16; d->cap < 2 * n; d->cap <<= 1)
        ;
    if (!(d->slot = calloc(d->cap, sizeof *d->slot)))
        return bs_error_set(err, "%s: out of memory", path);
    for (i = 0; i < n; i++) {
        size_t h = hash_text(keys[i] ? keys[i] : "") & (d->cap - 1);

        if (!keys[i] || !*keys[i])
            return bs_error_set(err, "%s: area %zu has no id", path, i + 1);
        while (d->slot[h] && strcmp(keys[d->slot[h] - 1], keys[i]) != 0)
            h = (h + 1) & (d->cap - 1);
        if (d->slot[h])
            return bs_error_set(err, "%s: the areas' id '%s' is not unique "
                                "(areas %zu and %zu)", path, keys[i],
                                d->slot[h], i + 1);
        d->slot[h] = i + 1;
    }
    return 0;
}

/* The area of id text, or SIZE_MAX. */
static size_t ids_find(const ids *d, const char *text)
{
    if (!d->keys) {
        double v;

        if (bs_parse_number(text, '.', &v) != BS_NUM_OK || v < 1
            || v > (double)d->n || v != floor(v))
            return SIZE_MAX;
        return (size_t)v - 1;
    } else {
        size_t h = hash_text(text) & (d->cap - 1);

        for (; d->slot[h]; h = (h + 1) & (d->cap - 1))
            if (strcmp(d->keys[d->slot[h] - 1], text) == 0)
                return d->slot[h] - 1;
        return SIZE_MAX;
    }
}

static const char *id_name(const ids *d, size_t i, char *buf, size_t len)
{
    if (d->keys)
        return d->keys[i];
    snprintf(buf, len, "%zu", i + 1);
    return buf;
}

/* A whole number >= 0 in text, or -1. */
static long parse_count(const char *text)
{
    double v;

    if (bs_parse_number(text, '.', &v) != BS_NUM_OK || v < 0 || v != floor(v)
        || v > 1e15)
        return -1;
    return (long)v;
}

/* ---- the header ---- */

static int read_header(reader *r, size_t n, char **idvar, bs_error *err)
{
    long count;
    int rc = next_record(r);

    if (rc < 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    if (rc == 0)
        return bs_error_set(err, "%s: the file is empty", r->path);
    if (r->ntok != 1 && r->ntok != 4)
        return bs_error_set(err, "%s:%ld: the header must be the number of "
                            "areas, or '0 N SHAPEFILE IDVARIABLE' (it has %zu "
                            "fields)", r->path, r->line, r->ntok);
    count = parse_count(r->tok[r->ntok == 4]);
    if (count < 0)
        return bs_error_set(err, "%s:%ld: '%s' is not a number of areas",
                            r->path, r->line, r->tok[r->ntok == 4]);
    if ((size_t)count != n)
        return bs_error_set(err, "%s:%ld: the header says %ld areas, but "
                            "there are %zu", r->path, r->line, count, n);
    if (idvar && r->ntok == 4 && !(*idvar = bs_text_dup(r->tok[3])))
        return bs_error_set(err, "%s: out of memory", r->path);
    return 0;
}

/* ---- links as read, with their lines ---- */

typedef struct rlink {
    size_t from, to;
    double w;
    long line;
} rlink;

typedef struct rlinks {
    rlink *v;
    size_t n, cap;
} rlinks;

static int rlinks_add(rlinks *s, size_t from, size_t to, double w, long line)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        rlink *v = realloc(s->v, cap * sizeof *v);

        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].from = from;
    s->v[s->n].to = to;
    s->v[s->n].w = w;
    s->v[s->n++].line = line;
    return 0;
}

static int rlink_cmp(const void *a, const void *b)
{
    const rlink *x = a, *y = b;

    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* ---- .gal ---- */

static int read_gal_records(reader *r, const ids *d, long *seen, rlinks *l,
                            bs_error *err)
{
    char buf[32];
    int rc;

    while ((rc = next_record(r)) == 1) {
        size_t i, k;
        long count, hline;

        if (r->ntok != 2)
            return bs_error_set(err, "%s:%ld: expected 'ID COUNT', found %zu "
                                "fields", r->path, r->line, r->ntok);
        if ((i = ids_find(d, r->tok[0])) == SIZE_MAX)
            return bs_error_set(err, "%s:%ld: area '%s' is not one of the "
                                "areas", r->path, r->line, r->tok[0]);
        if (seen[i])
            return bs_error_set(err, "%s:%ld: area '%s' has a record already "
                                "(line %ld)", r->path, r->line, r->tok[0],
                                seen[i]);
        if ((count = parse_count(r->tok[1])) < 0)
            return bs_error_set(err, "%s:%ld: '%s' is not a number of "
                                "neighbours", r->path, r->line, r->tok[1]);
        seen[i] = hline = r->line;
        if (count == 0) {
            skip_blank_line(r);   /* an island's empty neighbour line */
            continue;
        }
        if ((rc = next_line(r)) < 0)
            break;
        if (rc == 0 || r->ntok != (size_t)count)
            return bs_error_set(err, "%s:%ld: area '%s' has %ld neighbours, "
                                "but the line lists %zu", r->path,
                                rc ? r->line : hline, id_name(d, i, buf,
                                sizeof buf), count, rc ? r->ntok : 0);
        for (k = 0; k < r->ntok; k++) {
            size_t j = ids_find(d, r->tok[k]);

            if (j == SIZE_MAX)
                return bs_error_set(err, "%s:%ld: area '%s' is not one of "
                                    "the areas", r->path, r->line, r->tok[k]);
            if (j == i)
                return bs_error_set(err, "%s:%ld: area '%s' lists itself as "
                                    "a neighbour", r->path, r->line,
                                    id_name(d, i, buf, sizeof buf));
            if (rlinks_add(l, i, j, 1, r->line) != 0)
                return bs_error_set(err, "%s: out of memory", r->path);
        }
    }
    if (rc < 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    return 0;
}

/* ---- .gwt ---- */

static int read_gwt_records(reader *r, const ids *d, rlinks *l, bs_error *err)
{
    char buf[32];
    int rc;

    while ((rc = next_record(r)) == 1) {
        size_t i, j;
        double v;

        if (r->ntok != 3)
            return bs_error_set(err, "%s:%ld: expected 'ID NEIGHBOUR WEIGHT', "
                                "found %zu fields", r->path, r->line, r->ntok);
        if ((i = ids_find(d, r->tok[0])) == SIZE_MAX
            || (j = ids_find(d, r->tok[1])) == SIZE_MAX)
            return bs_error_set(err, "%s:%ld: area '%s' is not one of the "
                                "areas", r->path, r->line,
                                r->tok[ids_find(d, r->tok[0]) != SIZE_MAX]);
        if (i == j)
            return bs_error_set(err, "%s:%ld: area '%s' lists itself as a "
                                "neighbour", r->path, r->line,
                                id_name(d, i, buf, sizeof buf));
        if (bs_parse_number(r->tok[2], '.', &v) != BS_NUM_OK || !isfinite(v))
            return bs_error_set(err, "%s:%ld: '%s' is not a weight", r->path,
                                r->line, r->tok[2]);
        if (!(v > 0))
            return bs_error_set(err, "%s:%ld: the weight must be positive (it "
                                "is %g)", r->path, r->line, v);
        if (rlinks_add(l, i, j, v, r->line) != 0)
            return bs_error_set(err, "%s: out of memory", r->path);
    }
    if (rc < 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    return 0;
}

/* ---- both ---- */

/* Sorts the links; a link listed twice is an error. */
static int sort_links(const reader *r, const ids *d, rlinks *l, int gal,
                      bs_error *err)
{
    char b1[32], b2[32];
    size_t k;

    qsort(l->v, l->n, sizeof *l->v, rlink_cmp);
    for (k = 1; k < l->n; k++) {
        const rlink *e = &l->v[k];

        if (e->from != e[-1].from || e->to != e[-1].to)
            continue;
        if (gal)
            return bs_error_set(err, "%s:%ld: area '%s' lists neighbour '%s' "
                                "twice", r->path, e->line,
                                id_name(d, e->from, b1, sizeof b1),
                                id_name(d, e->to, b2, sizeof b2));
        return bs_error_set(err, "%s:%ld: the link %s -> %s is listed twice "
                            "(also at line %ld)", r->path, e->line,
                            id_name(d, e->from, b1, sizeof b1),
                            id_name(d, e->to, b2, sizeof b2), e[-1].line);
    }
    return 0;
}

/* Warns once about links that have no link back. */
static void warn_one_way(const reader *r, const ids *d, const rlinks *l,
                         const bs_weights *w, const bs_diag *diag)
{
    char b1[32], b2[32];
    const char *from, *to;
    size_t k, m, oneway = 0, firstway = 0;

    for (k = 0; k < l->n; k++) {
        const rlink *e = &l->v[k];
        int back = 0;

        for (m = w->first[e->to]; m < w->first[e->to + 1] && !back; m++)
            back = w->nb[m] == e->from;
        if (!back && oneway++ == 0)
            firstway = k;
    }
    if (oneway == 0)
        return;
    from = id_name(d, l->v[firstway].from, b1, sizeof b1);
    to = id_name(d, l->v[firstway].to, b2, sizeof b2);
    bs_warn(diag, "%s:%ld: area '%s' lists '%s' as a neighbour, but '%s' "
            "does not list '%s' (%zu one-way link%s)", r->path,
            l->v[firstway].line, from, to, to, from, oneway,
            oneway == 1 ? "" : "s");
}

/* The sorted links as weights. */
static int links_to_weights(const reader *r, const ids *d, const rlinks *l,
                            int gal, bs_weights **out, bs_error *err)
{
    size_t *first = calloc(d->n + 1, sizeof *first);
    size_t *nb = malloc((l->n ? l->n : 1) * sizeof *nb);
    double *raw = malloc((l->n ? l->n : 1) * sizeof *raw);
    size_t k;
    int rc = -1;

    if (!first || !nb || !raw) {
        bs_error_set(err, "%s: out of memory", r->path);
    } else {
        for (k = 0; k < l->n; k++) {
            nb[k] = l->v[k].to;
            raw[k] = l->v[k].w;
            first[l->v[k].from + 1]++;
        }
        for (k = 0; k < d->n; k++)
            first[k + 1] += first[k];
        rc = bs_weights_from_lists(d->n, first, nb, gal ? NULL : raw, out,
                                   err);
    }
    free(first);
    free(nb);
    free(raw);
    return rc;
}

int bs_weights_read(const char *path, const char *const *keys, size_t n,
                    bs_weights **out, char **idvar, const bs_diag *diag,
                    bs_error *err)
{
    reader r;
    ids d;
    rlinks l = {NULL, 0, 0};
    long *seen = NULL;
    size_t len = strlen(path), i;
    int gal, rc = -1;
    char buf[32];

    *out = NULL;
    if (idvar)
        *idvar = NULL;
    if (len >= 4 && strcasecmp(path + len - 4, ".gal") == 0)
        gal = 1;
    else if (len >= 4 && strcasecmp(path + len - 4, ".gwt") == 0)
        gal = 0;
    else
        return bs_error_set(err, "%s: a weights file must end in .gal or "
                            ".gwt", path);
    memset(&r, 0, sizeof r);
    r.path = path;
    if (ids_init(&d, keys, n, path, err) != 0 || slurp(&r, err) != 0
        || read_header(&r, n, idvar, err) != 0)
        goto done;
    if (gal) {
        if (!(seen = calloc(n ? n : 1, sizeof *seen))) {
            bs_error_set(err, "%s: out of memory", path);
            goto done;
        }
        if (read_gal_records(&r, &d, seen, &l, err) != 0
            || sort_links(&r, &d, &l, gal, err) != 0)
            goto done;
        for (i = 0; i < n; i++)
            if (!seen[i]) {
                bs_error_set(err, "%s: no record for area '%s'", path,
                             id_name(&d, i, buf, sizeof buf));
                goto done;
            }
    } else if (read_gwt_records(&r, &d, &l, err) != 0
               || sort_links(&r, &d, &l, gal, err) != 0) {
        goto done;
    }
    if (links_to_weights(&r, &d, &l, gal, out, err) != 0)
        goto done;
    if (!(*out)->symmetric)
        warn_one_way(&r, &d, &l, *out, diag);
    rc = 0;
done:
    if (rc != 0 && idvar) {
        free(*idvar);
        *idvar = NULL;
    }
    free(seen);
    free(l.v);
    free(d.slot);
    free(r.text);
    free(r.tok);
    return rc;
}
