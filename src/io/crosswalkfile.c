/* crosswalkfile.c: reading and writing crosswalk tables (from,to,share). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/crosswalkfile.h"
#include "buurtscan/csv.h"
#include "buurtscan/number.h"

#define SUM_SLACK 0.01

static long column(const bs_table *t, const char *name, bs_error *err)
{
    long c = bs_table_find(t, name);

    if (c < 0)
        bs_error_set(err, "%s: no column '%s' (a crosswalk has the columns "
                     "from, to and share)", t->path, name);
    return c;
}

/* The index of key on one side, adding it when new (linear in the keys
 * seen so far would be quadratic: look up through a sorted copy instead). */
typedef struct keyset {
    char **sorted;
    size_t *index;
    size_t n, cap;
} keyset;

static long keyset_get(keyset *ks, bs_crosswalk *cw, int to, const char *key)
{
    size_t lo = 0, hi = ks->n;
    long ix;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ks->sorted[mid], key);
        if (c == 0)
            return (long)ks->index[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    ix = to ? bs_crosswalk_add_to(cw, key) : bs_crosswalk_add_from(cw, key);
    if (ix < 0)
        return -1;
    if (ks->n == ks->cap) {
        size_t nc = ks->cap ? ks->cap * 2 : 64;
        char **ns = realloc(ks->sorted, nc * sizeof *ns);
        size_t *ni;
        if (!ns)
            return -1;
        ks->sorted = ns;
        if (!(ni = realloc(ks->index, nc * sizeof *ni)))
            return -1;
        ks->index = ni;
        ks->cap = nc;
    }
    memmove(ks->sorted + lo + 1, ks->sorted + lo, (ks->n - lo) * sizeof *ks->sorted);
    memmove(ks->index + lo + 1, ks->index + lo, (ks->n - lo) * sizeof *ks->index);
    ks->sorted[lo] = to ? cw->to_key[ix] : cw->from_key[ix];
    ks->index[lo] = (size_t)ix;
    ks->n++;
    return ix;
}

static int add_rows(const bs_table *t, const long col[3], const double *share,
                    bs_crosswalk *cw, bs_error *err)
{
    keyset ks[2] = { { NULL, NULL, 0, 0 }, { NULL, NULL, 0, 0 } };
    size_t r;
    int rc = -1;

    for (r = 0; r < t->nrows; r++) {
        const char *f = t->cells[col[0]][r], *to = t->cells[col[1]][r];
        long i, j;
        if (!f || !to) {
            bs_error_set(err, "%s:%ld: empty '%s'", t->path, t->lines[r],
                         f ? "to" : "from");
            goto done;
        }
        if (isnan(share[r]) || share[r] < 0 || share[r] > 1) {
            bs_error_set(err, "%s:%ld: share '%s' is not a number from 0 to 1",
                         t->path, t->lines[r],
                         t->cells[col[2]][r] ? t->cells[col[2]][r] : "");
            goto done;
        }
        if ((i = keyset_get(&ks[0], cw, 0, f)) < 0
            || (j = keyset_get(&ks[1], cw, 1, to)) < 0
            || (share[r] > 0 && bs_crosswalk_add_row(cw, (size_t)i, (size_t)j,
                                                     share[r], NAN, t->lines[r]))) {
            bs_error_set(err, "%s: out of memory", t->path);
            goto done;
        }
    }
    rc = 0;
done:
    free(ks[0].sorted);
    free(ks[0].index);
    free(ks[1].sorted);
    free(ks[1].index);
    return rc;
}

/* Each source's shares sum to 1 within SUM_SLACK; then exactly. */
static int normalise(bs_crosswalk *cw, bs_error *err)
{
    size_t i, r;

    for (i = 0; i < cw->nfrom; i++) {
        double sum = 0;
        size_t r0 = cw->first[i], r1 = cw->first[i + 1];
        long line = 0;
        for (r = r0; r < r1; r++) {
            sum += cw->rows[r].share;
            if (!line || (cw->rows[r].line && cw->rows[r].line < line))
                line = cw->rows[r].line;
        }
        if (r0 == r1)
            continue;   /* only rows with share 0: a source covering no target */
        if (fabs(sum - 1) > SUM_SLACK)
            return bs_error_set(err, "%s:%ld: the shares of '%s' sum to %.4g; "
                                "they must sum to 1 (the whole area)", cw->origin,
                                line, cw->from_key[i], sum);
        for (r = r0; r < r1; r++)
            cw->rows[r].share /= sum;
    }
    return 0;
}

int bs_crosswalk_read(const char *path, bs_crosswalk **out, bs_error *err)
{
    bs_table *t = NULL;
    bs_crosswalk *cw = NULL;
    double *share = NULL;
    long col[3];
    int rc = -1;

    if (bs_csv_read(path, NULL, &t, err))
        return -1;
    if ((col[0] = column(t, "from", err)) < 0 || (col[1] = column(t, "to", err)) < 0
        || (col[2] = column(t, "share", err)) < 0)
        goto done;
    share = malloc((t->nrows ? t->nrows : 1) * sizeof *share);
    cw = bs_crosswalk_new(path);
    if (!share || !cw) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    if (bs_table_column_numeric(t, (size_t)col[2], share, err)
        || add_rows(t, col, share, cw, err) || bs_crosswalk_finish(cw, err)
        || normalise(cw, err))
        goto done;
    *out = cw;
    cw = NULL;
    rc = 0;
done:
    bs_crosswalk_free(cw);
    bs_table_free(t);
    free(share);
    return rc;
}

/* A key as a CSV field. */
static void put_key(FILE *f, const char *k)
{
    if (strpbrk(k, ",\"\n\r;")) {
        fputc('"', f);
        for (; *k; k++) {
            if (*k == '"')
                fputc('"', f);
            fputc(*k, f);
        }
        fputc('"', f);
    } else {
        fputs(k, f);
    }
}

int bs_crosswalk_write(const bs_crosswalk *cw, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t r;
    char num[64];
    int bad;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("from,to,share\n", f);
    for (r = 0; r < cw->nrows; r++) {
        put_key(f, cw->from_key[cw->rows[r].from]);
        fputc(',', f);
        put_key(f, cw->to_key[cw->rows[r].to]);
        fprintf(f, ",%s\n", bs_format_csv_number(cw->rows[r].share, num, sizeof num));
    }
    bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}
