/* join.c: key joins through a small open-addressing hash table. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/join.h"

typedef struct keyindex {
    size_t cap;
    const char **key;   /* borrowed */
    long *row;
} keyindex;

/* FNV-1a over the upper-cased key: keys are compared case-insensitively. */
static uint64_t key_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)toupper((unsigned char)*s);
        h *= 1099511628211ULL;
    }
    return h;
}

static int key_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int index_init(keyindex *ix, size_t n)
{
    ix->cap = 16;
    while (ix->cap < 2 * n + 1)
        ix->cap *= 2;
    ix->key = calloc(ix->cap, sizeof *ix->key);
    ix->row = malloc(ix->cap * sizeof *ix->row);
    return ix->key && ix->row ? 0 : -1;
}

static void index_free(keyindex *ix)
{
    free(ix->key);
    free(ix->row);
}

/* Inserts key -> row; returns -1 if inserted, else the row already there. */
static long index_put(keyindex *ix, const char *key, long row)
{
    size_t i = (size_t)(key_hash(key) & (ix->cap - 1));
    while (ix->key[i]) {
        if (key_equal(ix->key[i], key))
            return ix->row[i];
        i = (i + 1) & (ix->cap - 1);
    }
    ix->key[i] = key;
    ix->row[i] = row;
    return -1;
}

static long index_get(const keyindex *ix, const char *key)
{
    size_t i = (size_t)(key_hash(key) & (ix->cap - 1));
    while (ix->key[i]) {
        if (key_equal(ix->key[i], key))
            return ix->row[i];
        i = (i + 1) & (ix->cap - 1);
    }
    return -1;
}

static int duplicate_error(const bs_table *t, size_t keycol, size_t first,
                           size_t second, bs_error *err)
{
    char a[600];
    bs_table_where(t, second, a, sizeof a);
    /* the other place by its line, record or feature only, for brevity */
    return bs_error_set(err, "%s: duplicate key '%s' in column '%s' (also at %s %ld)",
                        a, t->cells[keycol][second], t->names[keycol],
                        bs_table_row_word(t), t->lines[first]);
}

int bs_keys_check_unique(const bs_table *t, size_t keycol, bs_error *err)
{
    keyindex ix;
    size_t r;
    int rc = 0;

    if (index_init(&ix, t->nrows) != 0)
        return bs_error_set(err, "%s: out of memory", t->path);
    for (r = 0; r < t->nrows && rc == 0; r++) {
        const char *k = t->cells[keycol][r];
        long prev;
        if (!k) {
            char w[600];
            bs_table_where(t, r, w, sizeof w);
            rc = bs_error_set(err, "%s: empty key in column '%s'", w,
                              t->names[keycol]);
            break;
        }
        prev = index_put(&ix, k, (long)r);
        if (prev >= 0)
            rc = duplicate_error(t, keycol, (size_t)prev, r, err);
    }
    index_free(&ix);
    return rc;
}

int bs_join_build(const char *const *area_keys, size_t nareas,
                  const bs_table *t, size_t keycol, bs_join *out,
                  bs_error *err)
{
    keyindex ix;
    unsigned char *used = NULL;
    size_t r, i;

    memset(out, 0, sizeof *out);
    out->nareas = nareas;
    if (index_init(&ix, t->nrows) != 0)
        return bs_error_set(err, "%s: out of memory", t->path);
    for (r = 0; r < t->nrows; r++) {
        const char *k = t->cells[keycol][r];
        long prev;
        if (!k)
            continue;
        prev = index_put(&ix, k, (long)r);
        if (prev >= 0) {
            duplicate_error(t, keycol, (size_t)prev, r, err);
            index_free(&ix);
            return -1;
        }
    }
    out->row = malloc((nareas ? nareas : 1) * sizeof *out->row);
    out->unmatched_areas = malloc((nareas ? nareas : 1) * sizeof(size_t));
    out->unmatched_rows = malloc((t->nrows ? t->nrows : 1) * sizeof(size_t));
    used = calloc(t->nrows ? t->nrows : 1, 1);
    if (!out->row || !out->unmatched_areas || !out->unmatched_rows || !used) {
        free(used);
        index_free(&ix);
        bs_join_free(out);
        return bs_error_set(err, "%s: out of memory", t->path);
    }
    for (i = 0; i < nareas; i++) {
        long row = area_keys[i] ? index_get(&ix, area_keys[i]) : -1;
        out->row[i] = row;
        if (row >= 0) {
            out->matched++;
            used[row] = 1;
        } else {
            out->unmatched_areas[out->nunmatched_areas++] = i;
        }
    }
    for (r = 0; r < t->nrows; r++)
        if (!used[r])
            out->unmatched_rows[out->nunmatched_rows++] = r;
    free(used);
    index_free(&ix);
    return 0;
}

void bs_join_free(bs_join *j)
{
    if (!j)
        return;
    free(j->row);
    free(j->unmatched_areas);
    free(j->unmatched_rows);
    memset(j, 0, sizeof *j);
}
