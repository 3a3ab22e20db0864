/* crosswalk.c: the table between two map editions, and moving data by it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/crosswalk.h"
#include "buurtscan/text.h"

bs_crosswalk *bs_crosswalk_new(const char *origin)
{
    bs_crosswalk *cw = calloc(1, sizeof *cw);

    if (cw && !(cw->origin = bs_text_dup(origin ? origin : "crosswalk"))) {
        free(cw);
        return NULL;
    }
    return cw;
}

void bs_crosswalk_free(bs_crosswalk *cw)
{
    size_t i;

    if (!cw)
        return;
    for (i = 0; i < cw->nfrom; i++)
        free(cw->from_key[i]);
    for (i = 0; i < cw->nto; i++)
        free(cw->to_key[i]);
    free(cw->from_key);
    free(cw->to_key);
    free(cw->rows);
    free(cw->from_sorted);
    free(cw->to_sorted);
    free(cw->first);
    free(cw->origin);
    free(cw);
}

static long add_key(char ***keys, size_t *n, size_t *cap, const char *key)
{
    char *k;

    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        char **nk = realloc(*keys, nc * sizeof *nk);
        if (!nk)
            return -1;
        *keys = nk;
        *cap = nc;
    }
    if (!(k = bs_text_dup(key ? key : "")))
        return -1;
    (*keys)[*n] = k;
    return (long)(*n)++;
}

long bs_crosswalk_add_from(bs_crosswalk *cw, const char *key)
{
    return add_key(&cw->from_key, &cw->nfrom, &cw->cap_from, key);
}

long bs_crosswalk_add_to(bs_crosswalk *cw, const char *key)
{
    return add_key(&cw->to_key, &cw->nto, &cw->cap_to, key);
}

int bs_crosswalk_add_row(bs_crosswalk *cw, size_t from, size_t to, double share,
                         double area, long line)
{
    if (cw->nrows == cw->cap_rows) {
        size_t nc = cw->cap_rows ? cw->cap_rows * 2 : 256;
        bs_crosswalk_row *nr = realloc(cw->rows, nc * sizeof *nr);
        if (!nr)
            return -1;
        cw->rows = nr;
        cw->cap_rows = nc;
    }
    cw->rows[cw->nrows].from = from;
    cw->rows[cw->nrows].to = to;
    cw->rows[cw->nrows].share = share;
    cw->rows[cw->nrows].area = area;
    cw->rows[cw->nrows].line = line;
    cw->nrows++;
    return 0;
}

static int row_cmp(const void *a, const void *b)
{
    const bs_crosswalk_row *x = a, *y = b;

    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* qsort_r is not C11: sort index arrays by key with a small merge sort. */
static void sort_keys(size_t *ix, size_t *tmp, size_t n, char *const *keys)
{
    size_t h, i, j, k;

    if (n < 2)
        return;
    h = n / 2;
    sort_keys(ix, tmp, h, keys);
    sort_keys(ix + h, tmp, n - h, keys);
    for (i = 0, j = h, k = 0; i < h || j < n;)
        tmp[k++] = (j >= n || (i < h && strcmp(keys[ix[i]], keys[ix[j]]) <= 0))
                   ? ix[i++] : ix[j++];
    memcpy(ix, tmp, n * sizeof *ix);
}

/* Sorted index of keys; a key listed twice is an error. */
static int index_keys(const bs_crosswalk *cw, char *const *keys, size_t n,
                      const char *side, size_t **out, bs_error *err)
{
    size_t *ix = malloc((n ? n : 1) * sizeof *ix), *tmp = malloc((n ? n : 1) * sizeof *tmp), i;

    if (!ix || !tmp) {
        free(ix);
        free(tmp);
        return bs_error_set(err, "%s: out of memory", cw->origin);
    }
    for (i = 0; i < n; i++)
        ix[i] = i;
    sort_keys(ix, tmp, n, keys);
    free(tmp);
    for (i = 1; i < n; i++)
        if (strcmp(keys[ix[i - 1]], keys[ix[i]]) == 0) {
            bs_error_set(err, "%s: %s area '%s' is listed twice", cw->origin,
                         side, keys[ix[i]]);
            free(ix);
            return -1;
        }
    free(*out);
    *out = ix;
    return 0;
}

static int make_first(bs_crosswalk *cw, bs_error *err)
{
    size_t i, r = 0;
    size_t *first = malloc((cw->nfrom + 1) * sizeof *first);

    if (!first)
        return bs_error_set(err, "%s: out of memory", cw->origin);
    for (i = 0; i <= cw->nfrom; i++) {
        while (r < cw->nrows && cw->rows[r].from < i)
            r++;
        first[i] = r;
    }
    free(cw->first);
    cw->first = first;
    return 0;
}

int bs_crosswalk_finish(bs_crosswalk *cw, bs_error *err)
{
    size_t r;

    for (r = 0; r < cw->nrows; r++) {
        const bs_crosswalk_row *w = &cw->rows[r];
        if (!(w->share > 0 && w->share <= 1) || w->from >= cw->nfrom || w->to >= cw->nto) {
            if (w->line)
                return bs_error_set(err, "%s:%ld: share %g is not above 0 and at "
                                    "most 1", cw->origin, w->line, w->share);
            return bs_error_set(err, "%s: row %zu: share %g is not above 0 and at "
                                "most 1", cw->origin, r + 1, w->share);
        }
    }
    if (cw->nrows)
        qsort(cw->rows, cw->nrows, sizeof *cw->rows, row_cmp);
    for (r = 1; r < cw->nrows; r++) {
        const bs_crosswalk_row *a = &cw->rows[r - 1], *b = &cw->rows[r];
        if (a->from == b->from && a->to == b->to) {
            if (b->line)
                return bs_error_set(err, "%s:%ld: '%s' to '%s' is given again "
                                    "(first on line %ld)", cw->origin, b->line,
                                    cw->from_key[b->from], cw->to_key[b->to],
                                    a->line);
            return bs_error_set(err, "%s: '%s' to '%s' is given twice", cw->origin,
                                cw->from_key[b->from], cw->to_key[b->to]);
        }
    }
    if (index_keys(cw, cw->from_key, cw->nfrom, "source", &cw->from_sorted, err)
        || index_keys(cw, cw->to_key, cw->nto, "target", &cw->to_sorted, err))
        return -1;
    return make_first(cw, err);
}

long bs_crosswalk_find(const bs_crosswalk *cw, int side, const char *key)
{
    char *const *keys = side ? cw->to_key : cw->from_key;
    const size_t *ix = side ? cw->to_sorted : cw->from_sorted;
    size_t lo = 0, hi = side ? cw->nto : cw->nfrom;

    if (!ix || !key)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(keys[ix[mid]], key);
        if (c == 0)
            return (long)ix[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int bs_crosswalk_prune(bs_crosswalk *cw, double min_share, size_t *dropped,
                       bs_error *err)
{
    size_t i, r, k = 0, nd = 0;

    if (!(min_share >= 0 && min_share < 1))
        return bs_error_set(err, "%s: min_share %g: expected a share from 0 to "
                            "below 1", cw->origin, min_share);
    for (i = 0; i < cw->nfrom; i++) {
        size_t r0 = cw->first[i], r1 = cw->first[i + 1], best = r0, start = k;
        int any = 0;
        double sum = 0;
        for (r = r0; r < r1; r++) {
            any |= cw->rows[r].share >= min_share;
            if (cw->rows[r].share > cw->rows[best].share)
                best = r;
        }
        for (r = r0; r < r1; r++) {
            if (any ? cw->rows[r].share >= min_share : r == best)
                cw->rows[k++] = cw->rows[r];
            else
                nd++;
        }
        for (r = start; r < k; r++)
            sum += cw->rows[r].share;
        for (r = start; r < k; r++)
            cw->rows[r].share /= sum;
    }
    cw->nrows = k;
    if (dropped)
        *dropped = nd;
    return make_first(cw, err);
}

/* Each row's part of its target: its area over the target's, or its share
 * over the target's shares when the crosswalk has no areas. NULL when out
 * of memory. */
static double *row_parts(const bs_crosswalk *cw)
{
    double *part = malloc((cw->nrows ? cw->nrows : 1) * sizeof *part);
    double *total = calloc(cw->nto ? cw->nto : 1, sizeof *total);
    int by_area = 1;
    size_t r;

    if (!part || !total) {
        free(part);
        free(total);
        return NULL;
    }
    for (r = 0; r < cw->nrows; r++)
        by_area &= !isnan(cw->rows[r].area);
    for (r = 0; r < cw->nrows; r++)
        total[cw->rows[r].to] += by_area ? cw->rows[r].area : cw->rows[r].share;
    for (r = 0; r < cw->nrows; r++) {
        double t = total[cw->rows[r].to];
        part[r] = t > 0 ? (by_area ? cw->rows[r].area : cw->rows[r].share) / t : 0;
    }
    free(total);
    return part;
}

/* Sums share * a (and share * b when b) into sa (and sb) per target, and the
 * part of each target whose source lacks a or b into miss; NaN in sa where
 * no row arrives or the missing part exceeds max_missing. w scales each
 * source (NULL = 1) and joins the inputs that must be present. */
static int move(const bs_crosswalk *cw, const double *a, const double *b,
                const double *w, double max_missing, double *sa, double *sb,
                double *miss)
{
    double *part = row_parts(cw);
    unsigned char *reached = calloc(cw->nto ? cw->nto : 1, 1);
    size_t r, j;

    if (!part || !reached) {
        free(part);
        free(reached);
        for (j = 0; j < cw->nto; j++)
            sa[j] = NAN;
        return -1;
    }
    for (j = 0; j < cw->nto; j++) {
        sa[j] = 0;
        if (sb)
            sb[j] = 0;
        miss[j] = 0;
    }
    for (r = 0; r < cw->nrows; r++) {
        const bs_crosswalk_row *row = &cw->rows[r];
        size_t i = row->from;
        double s = row->share * (w ? w[i] : 1);
        reached[row->to] = 1;
        if (isnan(a[i]) || (b && isnan(b[i])) || isnan(s)) {
            miss[row->to] += part[r];
            continue;
        }
        sa[row->to] += s * a[i];
        if (sb)
            sb[row->to] += s * (b ? b[i] : 1);
    }
    for (j = 0; j < cw->nto; j++) {
        if (!reached[j])
            miss[j] = 1;
        if (!reached[j] || miss[j] > max_missing + 1e-12) {
            sa[j] = NAN;
            if (sb)
                sb[j] = NAN;
        }
    }
    free(part);
    free(reached);
    return 0;
}

/* Scratch for the missing parts when the caller does not want them. */
static double *miss_buf(const bs_crosswalk *cw, double *missing)
{
    return missing ? missing : malloc((cw->nto ? cw->nto : 1) * sizeof(double));
}

void bs_crosswalk_move_counts(const bs_crosswalk *cw, const double *x,
                              double max_missing, double *out, double *missing)
{
    double *m = miss_buf(cw, missing);
    size_t j;

    if (!m || move(cw, x, NULL, NULL, max_missing, out, NULL, m))
        for (j = 0; j < cw->nto; j++)
            out[j] = NAN;
    if (m != missing)
        free(m);
}

void bs_crosswalk_move_rate(const bs_crosswalk *cw, const double *num,
                            const double *den, double per, double max_missing,
                            double *rate, double *num_out, double *den_out,
                            double *missing)
{
    double *n = malloc((cw->nto ? cw->nto : 1) * 2 * sizeof *n), *d;
    double *m = miss_buf(cw, missing);
    size_t j;
    int rc;

    /* two passes, each with the other input as the one that must also be
     * present, so that both see the same missing sources */
    rc = !n || !m;
    if (!rc) {
        d = n + cw->nto;
        rc = move(cw, num, den, NULL, max_missing, n, NULL, m);
        if (!rc)
            rc = move(cw, den, num, NULL, max_missing, d, NULL, m);
    }
    for (j = 0; j < cw->nto; j++) {
        double nj = rc ? NAN : n[j], dj = rc ? NAN : d[j];
        rate[j] = !isnan(nj) && !isnan(dj) && dj != 0 ? per * nj / dj : NAN;
        if (num_out)
            num_out[j] = nj;
        if (den_out)
            den_out[j] = dj;
    }
    free(n);
    if (m != missing)
        free(m);
}

void bs_crosswalk_move_mean(const bs_crosswalk *cw, const double *x,
                            const double *w, double max_missing, double *out,
                            double *missing)
{
    double *sw = malloc((cw->nto ? cw->nto : 1) * sizeof *sw);
    double *m = miss_buf(cw, missing);
    size_t j;
    int rc = !sw || !m || move(cw, x, NULL, w, max_missing, out, sw, m);

    for (j = 0; j < cw->nto; j++)
        out[j] = !rc && !isnan(out[j]) && sw[j] > 0 ? out[j] / sw[j] : NAN;
    free(sw);
    if (m != missing)
        free(m);
}

const char *bs_area_change_name(bs_area_change c, const char *language)
{
    static const char *const en[] = {
        "unchanged", "split", "merged", "redrawn", "uncovered",
    };
    static const char *const nl[] = {
        "ongewijzigd", "gesplitst", "samengevoegd", "hertekend", "niet gedekt",
    };

    if ((unsigned)c >= BS_CHANGE_KINDS)
        return "";
    return language && strcmp(language, "nl") == 0 ? nl[c] : en[c];
}

void bs_crosswalk_changes_free(bs_crosswalk_changes *c)
{
    if (!c)
        return;
    free(c->to);
    free(c->main_from);
    free(c->from_lost);
    memset(c, 0, sizeof *c);
}

/* Per target: the total of its parts (areas, or shares without areas). */
static double part_of(const bs_crosswalk_row *w, int by_area)
{
    return by_area ? w->area : w->share;
}

int bs_crosswalk_classify(const bs_crosswalk *cw, double min_part,
                          bs_crosswalk_changes *out, bs_error *err)
{
    size_t nt = cw->nto ? cw->nto : 1, nf = cw->nfrom ? cw->nfrom : 1, i, r, j;
    size_t *nsig = calloc(nt, sizeof *nsig), *nbig = calloc(nf, sizeof *nbig);
    double *total = calloc(nt, sizeof *total), *best = calloc(nt, sizeof *best);
    unsigned char *split = calloc(nt, 1);
    int by_area = 1, rc = -1;

    memset(out, 0, sizeof *out);
    out->to = malloc(nt * sizeof *out->to);
    out->main_from = malloc(nt * sizeof *out->main_from);
    out->from_lost = calloc(nf, 1);
    if (!(min_part >= 0 && min_part < 1)) {
        bs_error_set(err, "%s: min_part %g: expected a share from 0 to below 1",
                     cw->origin, min_part);
        goto done;
    }
    if (!nsig || !nbig || !total || !best || !split || !out->to
        || !out->main_from || !out->from_lost) {
        bs_error_set(err, "%s: out of memory", cw->origin);
        goto done;
    }
    for (r = 0; r < cw->nrows; r++)
        by_area &= !isnan(cw->rows[r].area);
    for (r = 0; r < cw->nrows; r++) {
        const bs_crosswalk_row *w = &cw->rows[r];
        total[w->to] += part_of(w, by_area);
        nbig[w->from] += w->share >= min_part;   /* >= 2: the source was divided */
    }
    for (i = 0; i < cw->nfrom; i++) {
        out->from_lost[i] = cw->first[i] == cw->first[i + 1];
        out->nlost += out->from_lost[i];
    }
    for (j = 0; j < cw->nto; j++)
        out->main_from[j] = -1;
    for (r = 0; r < cw->nrows; r++) {
        const bs_crosswalk_row *w = &cw->rows[r];
        double part = total[w->to] > 0 ? part_of(w, by_area) / total[w->to] : 0;
        nsig[w->to] += part >= min_part;
        if (out->main_from[w->to] < 0 || part > best[w->to]) {
            best[w->to] = part;
            out->main_from[w->to] = (long)w->from;
        }
    }
    /* a target whose parts are all slivers: its largest part is its source */
    for (r = 0; r < cw->nrows; r++) {
        const bs_crosswalk_row *w = &cw->rows[r];
        double part = total[w->to] > 0 ? part_of(w, by_area) / total[w->to] : 0;
        int sig = part >= min_part || (nsig[w->to] == 0
                                       && (long)w->from == out->main_from[w->to]);
        if (sig && nbig[w->from] >= 2)
            split[w->to] = 1;
    }
    for (j = 0; j < cw->nto; j++) {
        bs_area_change c;
        if (out->main_from[j] < 0)
            c = BS_CHANGE_UNCOVERED;
        else if (nsig[j] >= 2)
            c = split[j] ? BS_CHANGE_REDRAWN : BS_CHANGE_MERGED;
        else
            c = split[j] ? BS_CHANGE_SPLIT : BS_CHANGE_UNCHANGED;
        out->to[j] = c;
        out->count[c]++;
    }
    rc = 0;
done:
    free(nsig);
    free(nbig);
    free(total);
    free(best);
    free(split);
    if (rc)
        bs_crosswalk_changes_free(out);
    return rc;
}
