/* designate.c: IKC scores (location, catchment), the previous designation,
 * the Plus-IKC designation with ties and hysteresis, reasons in Dutch or
 * English, and quadrant prioritisation of areas. The rules are stated in
 * designate.h. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/designate.h"
#include "buurtscan/join.h"
#include "buurtscan/number.h"
#include "buurtscan/words.h"

/* ---- keys: trimmed, case-insensitive ----------------------------------- */

static void key_span(const char *s, const char **start, size_t *len)
{
    size_t n;

    while (isspace((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    *start = s;
    *len = n;
}

static int key_cmp(const char *a, const char *b)
{
    const char *sa, *sb;
    size_t la, lb, i;

    key_span(a, &sa, &la);
    key_span(b, &sb, &lb);
    for (i = 0; i < la && i < lb; i++) {
        int ca = tolower((unsigned char)sa[i]), cb = tolower((unsigned char)sb[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

typedef struct key_entry {
    const char *key;
    size_t i;
} key_entry;

static int entry_cmp(const void *pa, const void *pb)
{
    const key_entry *a = pa, *b = pb;
    int c = key_cmp(a->key, b->key);

    return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* A sorted index of n keys. Returns NULL when out of memory; *dup gets the
 * position of a later duplicate (and *first the earlier), or n if none. */
static key_entry *key_index(const char *const *keys, size_t n, size_t *first,
                            size_t *dup)
{
    key_entry *e = malloc((n ? n : 1) * sizeof *e);
    size_t i;

    if (!e)
        return NULL;
    for (i = 0; i < n; i++) {
        e[i].key = keys[i] ? keys[i] : "";
        e[i].i = i;
    }
    qsort(e, n, sizeof *e, entry_cmp);
    *dup = n;
    for (i = 1; i < n; i++)
        if (key_cmp(e[i - 1].key, e[i].key) == 0) {
            *first = e[i - 1].i;
            *dup = e[i].i;
            break;
        }
    return e;
}

/* Index of key in the index, or -1. */
static long key_find(const key_entry *e, size_t n, const char *key)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(e[mid].key, key);
        if (c == 0)
            return (long)e[mid].i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---- table helpers ---------------------------------------------------- */

static long table_column(const bs_table *t, const char *role, const char *name,
                         bs_error *err)
{
    char list[700];
    size_t c, used = 0;
    long col = name ? bs_table_find(t, name) : -1;

    if (col >= 0)
        return col;
    list[0] = '\0';
    for (c = 0; c < t->ncols && c < 30 && used + 1 < sizeof list; c++) {
        int k = snprintf(list + used, sizeof list - used, "%s%s",
                         c ? ", " : "", t->names[c]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    bs_error_set(err, "%s: the %s column '%s' is not in the file (columns: "
                 "%s%s)", t->path, role, name ? name : "", list,
                 t->ncols > 30 ? ", ..." : "");
    return -1;
}

/* "line 4" or "record 4": the other place in a two-place message. */
static void also_at(const bs_table *t, size_t row, char *buf, size_t n)
{
    snprintf(buf, n, "%s %ld", bs_table_row_word(t), t->lines[row]);
}

/* ---- IKC scores ------------------------------------------------------- */

void bs_scores_by_location(const long *area, size_t n,
                           const double *area_score, double *score)
{
    size_t i;

    for (i = 0; i < n; i++)
        score[i] = area[i] >= 0 ? area_score[area[i]] : NAN;
}

typedef struct pair {
    size_t ikc, area, row;
} pair;

static int pair_cmp(const void *pa, const void *pb)
{
    const pair *a = pa, *b = pb;

    if (a->ikc != b->ikc)
        return a->ikc < b->ikc ? -1 : 1;
    if (a->area != b->area)
        return a->area < b->area ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Reads and checks every catchment row into pairs[] and pupils[]. */
static int catchment_rows(const bs_table *t, long ic, long ac, long pc,
                          const key_entry *ik, size_t nikc,
                          const key_entry *ak, size_t nareas, pair *pairs,
                          double *pupils, bs_error *err)
{
    size_t r;
    char w[600];

    for (r = 0; r < t->nrows; r++) {
        const char *ikc = t->cells[ic][r], *area = t->cells[ac][r];
        const char *cell = t->cells[pc][r];
        long i, a;
        bs_num_status st;

        bs_table_where(t, r, w, sizeof w);
        if (!ikc)
            return bs_error_set(err, "%s: empty IKC key in column '%s'", w,
                                t->names[ic]);
        if ((i = key_find(ik, nikc, ikc)) < 0)
            return bs_error_set(err, "%s: IKC '%s' is not among the IKCs", w,
                                ikc);
        if (!area)
            return bs_error_set(err, "%s: IKC '%s': empty area key in column "
                                "'%s'", w, ikc, t->names[ac]);
        if ((a = key_find(ak, nareas, area)) < 0)
            return bs_error_set(err, "%s: IKC '%s': area '%s' is not among "
                                "the areas", w, ikc, area);
        st = bs_parse_number(cell, t->decimal, &pupils[r]);
        if (st == BS_NUM_MISSING)
            return bs_error_set(err, "%s: IKC '%s', area '%s': no pupil count "
                                "in column '%s'", w, ikc, area, t->names[pc]);
        if (st == BS_NUM_BAD)
            return bs_error_set(err, "%s: IKC '%s', area '%s': pupils is '%s', "
                                "which is not a number", w, ikc, area, cell);
        if (pupils[r] < 0)
            return bs_error_set(err, "%s: IKC '%s', area '%s': negative pupil "
                                "count (%s)", w, ikc, area, cell);
        pairs[r].ikc = (size_t)i;
        pairs[r].area = (size_t)a;
        pairs[r].row = r;
    }
    qsort(pairs, t->nrows, sizeof *pairs, pair_cmp);
    for (r = 1; r < t->nrows; r++)
        if (pairs[r].ikc == pairs[r - 1].ikc
            && pairs[r].area == pairs[r - 1].area) {
            char other[64];
            bs_table_where(t, pairs[r].row, w, sizeof w);
            also_at(t, pairs[r - 1].row, other, sizeof other);
            return bs_error_set(err, "%s: IKC '%s' and area '%s' appear twice "
                                "(also at %s)", w, t->cells[ic][pairs[r].row],
                                t->cells[ac][pairs[r].row], other);
        }
    return 0;
}

int bs_catchment_scores(const bs_table *t, const char *ikc_col,
                        const char *area_col, const char *pupils_col,
                        const char *const *ikc_keys, size_t nikc,
                        const char *const *area_keys,
                        const double *area_score, size_t nareas,
                        double *score, double *coverage, const bs_diag *diag,
                        bs_error *err)
{
    key_entry *ik = NULL, *ak = NULL;
    pair *pairs = NULL;
    double *pupils = NULL, *num = NULL, *den = NULL, *tot = NULL;
    size_t first = 0, dup, r, i, m = t->nrows ? t->nrows : 1;
    size_t *nrows = NULL;
    long ic, ac, pc;
    int rc = -1;

    if ((ic = table_column(t, "IKC", ikc_col, err)) < 0
        || (ac = table_column(t, "area", area_col, err)) < 0
        || (pc = table_column(t, "pupils", pupils_col, err)) < 0)
        return -1;
    if (!(ik = key_index(ikc_keys, nikc, &first, &dup)))
        goto oom;
    if (dup < nikc) {
        bs_error_set(err, "%s: IKC key '%s' occurs twice among the IKCs",
                     t->path, ikc_keys[dup]);
        goto done;
    }
    if (!(ak = key_index(area_keys, nareas, &first, &dup)))
        goto oom;
    if (dup < nareas) {
        bs_error_set(err, "%s: area key '%s' occurs twice among the areas",
                     t->path, area_keys[dup]);
        goto done;
    }
    pairs = malloc(m * sizeof *pairs);
    pupils = malloc(m * sizeof *pupils);
    num = calloc(nikc ? nikc : 1, sizeof *num);
    den = calloc(nikc ? nikc : 1, sizeof *den);
    tot = calloc(nikc ? nikc : 1, sizeof *tot);
    nrows = calloc(nikc ? nikc : 1, sizeof *nrows);
    if (!pairs || !pupils || !num || !den || !tot || !nrows)
        goto oom;
    if (catchment_rows(t, ic, ac, pc, ik, nikc, ak, nareas, pairs, pupils,
                       err) != 0)
        goto done;
    /* Sums in table order, so the result does not depend on the sort. */
    for (r = 0; r < t->nrows; r++) {
        size_t k = (size_t)key_find(ik, nikc, t->cells[ic][r]);
        size_t a = (size_t)key_find(ak, nareas, t->cells[ac][r]);
        double p = pupils[r], s = area_score[a];

        nrows[k]++;
        tot[k] += p;
        if (!isnan(s)) {
            num[k] += p * s;
            den[k] += p;
        }
    }
    for (i = 0; i < nikc; i++) {
        score[i] = den[i] > 0 ? num[i] / den[i] : NAN;
        if (coverage)
            coverage[i] = tot[i] > 0 ? den[i] / tot[i] : NAN;
        if (nrows[i] == 0)
            bs_warn(diag, "%s: IKC '%s' has no rows; it gets no score",
                    t->path, ikc_keys[i]);
        else if (!(den[i] > 0))
            bs_warn(diag, "%s: IKC '%s': none of its pupils live in an area "
                    "with a score; it gets no score", t->path, ikc_keys[i]);
    }
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "%s: out of memory", t->path);
done:
    free(ik);
    free(ak);
    free(pairs);
    free(pupils);
    free(num);
    free(den);
    free(tot);
    free(nrows);
    return rc;
}

int bs_previous_designation(const bs_table *t, const char *key_col,
                            const char *flag_col,
                            const char *const *ikc_keys, size_t n,
                            unsigned char *previous, bs_error *err)
{
    key_entry *ik;
    size_t first = 0, dup, r;
    long kc, fc = -1;
    char w[600];
    int rc = 0;

    if ((kc = table_column(t, "key", key_col, err)) < 0) {
        /* the usual cause: a list without a column literally named key */
        if (err) {
            size_t used = strlen(err->msg);
            snprintf(err->msg + used, sizeof err->msg - used, "; the previous "
                     "list needs a column named '%s', or name its IKC column "
                     "with previous_key = COLUMN in [designate]",
                     key_col ? key_col : "key");
        }
        return -1;
    }
    if (flag_col && (fc = table_column(t, "flag", flag_col, err)) < 0)
        return -1;
    if (bs_keys_check_unique(t, (size_t)kc, err) != 0)
        return -1;
    if (!(ik = key_index(ikc_keys, n, &first, &dup)))
        return bs_error_set(err, "%s: out of memory", t->path);
    if (dup < n) {
        free(ik);
        return bs_error_set(err, "%s: IKC key '%s' occurs twice among the "
                            "IKCs", t->path, ikc_keys[dup]);
    }
    memset(previous, 0, n);
    for (r = 0; r < t->nrows && rc == 0; r++) {
        const char *key = t->cells[kc][r];
        const char *flag = fc >= 0 ? t->cells[fc][r] : "1";
        long i = key_find(ik, n, key);

        bs_table_where(t, r, w, sizeof w);
        if (i < 0)
            rc = bs_error_set(err, "%s: previous Plus-IKC '%s' is not among "
                              "the IKCs", w, key);
        else if (!flag || (strcmp(flag, "0") != 0 && strcmp(flag, "1") != 0))
            rc = bs_error_set(err, "%s: IKC '%s': column '%s' holds '%s'; "
                              "expected 1 (designated) or 0", w, key,
                              t->names[fc], flag ? flag : "");
        else
            previous[i] = flag[0] == '1';
    }
    free(ik);
    return rc;
}

/* ---- designation ------------------------------------------------------ */

void bs_designate_rules_init(bs_designate_rules *r)
{
    memset(r, 0, sizeof *r);
    r->mode = BS_DESIGNATE_TOP;
    r->top = 10;
    r->threshold = NAN;
    r->keep_until_rank = 0;
    r->ties = BS_TIES_MIN;
    r->nreasons = 3;
    r->language = "nl";
}

const char *bs_change_name(bs_change c)
{
    switch (c) {
    case BS_CHANGE_CONTINUED: return "continued";
    case BS_CHANGE_NEW:       return "new";
    case BS_CHANGE_DROPPED:   return "dropped";
    case BS_CHANGE_UNCHANGED: break;
    }
    return "unchanged";
}

/* The words of the reasons: the translations table (words.h). */
#define W(key) bs_word(BS_W_DES_##key, lang)

/* A growing string; oom is set when an append fails. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (b->oom)
        return;
    for (;;) {
        va_start(ap, fmt);
        k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0,
                      fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && (size_t)k < b->cap - b->len) {
            b->len += (size_t)k;
            return;
        }
        {
            size_t cap = b->cap ? b->cap : 128;
            char *ns;
            while (cap < b->len + (size_t)k + 1)
                cap *= 2;
            if (!(ns = realloc(b->s, cap))) {
                b->oom = 1;
                return;
            }
            b->s = ns;
            b->cap = cap;
        }
    }
}

/* A score as people read it: up to 10 significant digits, the language's
 * decimal sign; never rounded so far that "0.5 < 0.5" could appear. */
static const char *num(double v, bs_lang lang, char *buf, size_t n)
{
    char *p;

    bs_format_csv_number(v, buf, n);
    if ((p = strchr(buf, '.')) != NULL)
        *p = bs_word(BS_W_DECIMAL_SIGN, lang)[0];
    return buf;
}

/* A score against the threshold t as the report prints scores: two
 * decimals, more only where two would blur the comparison (never
 * "0,50 < 0,5"); the language's decimal sign. */
static const char *num_vs(double v, double t, bs_lang lang, char *buf, size_t n)
{
    int dec = 2;
    char *p;

    for (; dec < 10; dec++) {
        double f = pow(10, dec), r = round(v * f) / f;
        if ((r < t) == (v < t) && (r == t) == (v == t))
            break;
    }
    snprintf(buf, n, "%.*f", dec, v);
    if ((p = strchr(buf, '.')) != NULL)
        *p = bs_word(BS_W_DECIMAL_SIGN, lang)[0];
    return buf;
}

/* "; <heading>: a, b, c": the nreasons indicators with the largest
 * positive contribution to IKC i's score, largest first; an earlier
 * indicator wins a tie. Nothing when no contribution is above 0. */
static void add_contributions(sbuf *b, const bs_designate_input *in, size_t i,
                              size_t nreasons, bs_lang lang)
{
    size_t named = 0, j, k, *pick;

    if (!in->contrib || in->nind == 0 || nreasons == 0)
        return;
    if (nreasons > in->nind)
        nreasons = in->nind;
    if (!(pick = malloc(nreasons * sizeof *pick))) {
        b->oom = 1;
        return;
    }
    while (named < nreasons) {
        size_t best = in->nind;
        for (j = 0; j < in->nind; j++) {
            double c = in->contrib[j] ? in->contrib[j][i] : NAN;
            int taken = 0;
            for (k = 0; k < named; k++)
                taken |= pick[k] == j;
            if (taken || !(c > 0))
                continue;
            if (best == in->nind || c > in->contrib[best][i])
                best = j;
        }
        if (best == in->nind)
            break;
        pick[named++] = best;
    }
    for (k = 0; k < named; k++) {
        const char *label = in->labels ? in->labels[pick[k]] : NULL;
        if (k == 0)
            sb_printf(b, "; %s: ", W(CONTRIB));
        else
            sb_printf(b, ", ");
        if (label)
            sb_printf(b, "%s", label);
        else
            sb_printf(b, "indicator %zu", pick[k] + 1);
    }
    free(pick);
}

static char *reason(const bs_designate_input *in,
                    const bs_designate_rules *ru, const bs_designation *d,
                    size_t i, const size_t *group, bs_lang lang)
{
    const bs_ikc_designation *e = &d->ikc[i];
    int top = ru->mode == BS_DESIGNATE_TOP;
    size_t R = ru->keep_until_rank;
    char s1[64], s2[64];
    const char *head;
    sbuf b = { NULL, 0, 0, 0 };

    if (e->designated)
        head = e->kept ? W(KEEPS) : e->previous ? W(CONTINUES) : W(NEW);
    else
        head = e->previous ? W(DROPPED) : W(NONE);
    sb_printf(&b, "%s: ", head);
    if (!e->scored) {
        sb_printf(&b, "%s", W(NO_SCORE));
    } else if (e->meets && top) {
        sb_printf(&b, "%s %ld (", W(RANK), e->rank_min);
        sb_printf(&b, W(CUT_TOP), ru->top);
        sb_printf(&b, ")");
    } else if (e->meets) {
        sb_printf(&b, "score %s >= %s (%s %ld)",
                  num_vs(in->score[i], ru->threshold, lang, s1, sizeof s1),
                  num(ru->threshold, lang, s2, sizeof s2), W(RANK), e->rank_min);
    } else if (e->kept) {
        sb_printf(&b, "%s %ld <= %zu (", W(RANK), e->rank_min, R);
        if (top)
            sb_printf(&b, W(OUTSIDE_TOP), ru->top);
        else
            sb_printf(&b, "score %s < %s", num_vs(in->score[i], ru->threshold, lang, s1, sizeof s1),
                      num(ru->threshold, lang, s2, sizeof s2));
        sb_printf(&b, ")");
    } else if (e->previous && R > 0) {
        if (!top)
            sb_printf(&b, "score %s < %s %s ",
                      num_vs(in->score[i], ru->threshold, lang, s1, sizeof s1),
                      num(ru->threshold, lang, s2, sizeof s2), bs_word(BS_W_AND, lang));
        sb_printf(&b, "%s %ld > %zu (", W(RANK), e->rank_min, R);
        sb_printf(&b, W(KEEP_UNTIL), R);
        sb_printf(&b, ")");
    } else if (top) {
        sb_printf(&b, "%s %ld (", W(RANK), e->rank_min);
        sb_printf(&b, W(CUT_TOP), ru->top);
        sb_printf(&b, ")");
    } else {
        sb_printf(&b, "score %s < %s (%s %ld)",
                  num_vs(in->score[i], ru->threshold, lang, s1, sizeof s1),
                  num(ru->threshold, lang, s2, sizeof s2), W(RANK), e->rank_min);
    }
    if (e->tied_at_boundary) {
        sb_printf(&b, "; ");
        sb_printf(&b, W(TIE), group[e->rank_min], e->rank_min);
    }
    if (e->designated)
        add_contributions(&b, in, i, ru->nreasons, lang);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static int check_rules(const bs_designate_rules *ru, bs_error *err)
{
    bs_lang lang;

    if (bs_lang_parse(ru->language, &lang) != 0)
        return bs_error_set(err, "designation: unknown language '%s' (nl or "
                            "en)", ru->language);
    if (ru->mode == BS_DESIGNATE_TOP) {
        if (ru->top == 0)
            return bs_error_set(err, "designation: top must be at least 1");
        if (ru->keep_until_rank > 0 && ru->keep_until_rank < ru->top)
            return bs_error_set(err, "designation: keep_until_rank (%zu) is "
                                "below top (%zu), so it could never keep an "
                                "IKC", ru->keep_until_rank, ru->top);
    } else if (ru->mode == BS_DESIGNATE_THRESHOLD) {
        if (!isfinite(ru->threshold))
            return bs_error_set(err, "designation: the threshold is not a "
                                "finite number");
    } else {
        return bs_error_set(err, "designation: unknown rule");
    }
    return 0;
}

static int check_input(const bs_designate_input *in, bs_error *err)
{
    key_entry *ik;
    size_t i, first = 0, dup;

    for (i = 0; i < in->n; i++) {
        if (!in->keys[i])
            return bs_error_set(err, "designation: IKC %zu has no key", i + 1);
        if (isinf(in->score[i]))
            return bs_error_set(err, "designation: IKC '%s': the score is not "
                                "finite", in->keys[i]);
        if (in->previous && in->previous[i] > 1)
            return bs_error_set(err, "designation: IKC '%s': previous flag %d "
                                "(expected 0 or 1)", in->keys[i],
                                in->previous[i]);
    }
    if (!(ik = key_index(in->keys, in->n, &first, &dup)))
        return bs_error_set(err, "designation: out of memory");
    free(ik);
    if (dup < in->n)
        return bs_error_set(err, "designation: IKC key '%s' occurs twice "
                            "(IKCs %zu and %zu)", in->keys[dup], first + 1,
                            dup + 1);
    return 0;
}

void bs_designation_free(bs_designation *d)
{
    size_t i;

    if (!d)
        return;
    for (i = 0; d->ikc && i < d->n; i++)
        free(d->ikc[i].reason);
    free(d->ikc);
    free(d);
}

/* Decides designated/kept/tied/change for every IKC from the ranks. */
static void decide(const bs_designate_input *in, const bs_designate_rules *ru,
                   const double *rmin, const double *rrep, const size_t *group,
                   bs_designation *d, const bs_diag *diag)
{
    int top = ru->mode == BS_DESIGNATE_TOP;
    size_t i, R = ru->keep_until_rank;

    d->cutoff = top ? NAN : ru->threshold;
    for (i = 0; i < in->n; i++) {
        bs_ikc_designation *e = &d->ikc[i];
        double s = in->score[i];

        e->scored = !isnan(s);
        e->rank = rrep[i];
        e->rank_min = e->scored ? (long)rmin[i] : 0;
        e->previous = in->previous ? in->previous[i] : 0;
        if (e->scored) {
            e->meets = top ? (size_t)e->rank_min <= ru->top
                           : s >= ru->threshold;
            /* The tie group at rank_min takes positions rank_min ..
             * rank_min + size - 1; it straddles N when it starts at or
             * before N and ends after it. */
            e->tied_at_boundary = top && e->meets
                && (size_t)e->rank_min + group[e->rank_min] - 1 > ru->top;
            e->kept = e->previous && !e->meets && R > 0
                      && (size_t)e->rank_min <= R;
        } else {
            d->nunscored++;
            if (e->previous)
                bs_warn(diag, "designation: Plus-IKC '%s' has no score (missing "
                        "data); it cannot be ranked and is dropped",
                        in->keys[i]);
        }
        e->designated = e->meets || e->kept;
        e->change = e->designated ? (e->previous ? BS_CHANGE_CONTINUED
                                                 : BS_CHANGE_NEW)
                                  : (e->previous ? BS_CHANGE_DROPPED
                                                 : BS_CHANGE_UNCHANGED);
        if (top && e->meets && (isnan(d->cutoff) || s < d->cutoff))
            d->cutoff = s;
        d->ndesignated += (size_t)e->designated;
        d->nmeets += (size_t)e->meets;
        d->nkept += (size_t)e->kept;
        d->ntied += (size_t)e->tied_at_boundary;
        d->ncontinued += e->change == BS_CHANGE_CONTINUED;
        d->nnew += e->change == BS_CHANGE_NEW;
        d->ndropped += e->change == BS_CHANGE_DROPPED;
    }
}

int bs_designate(const bs_designate_input *in, const bs_designate_rules *rules,
                 bs_designation **out, const bs_diag *diag, bs_error *err)
{
    bs_designation *d = NULL;
    double *rmin = NULL, *rrep = NULL;
    size_t *group = NULL, i, n = in->n, m = n ? n : 1;
    bs_lang lang = bs_lang_of(rules->language);
    int rc = -1;

    *out = NULL;
    if (check_rules(rules, err) != 0 || check_input(in, err) != 0)
        return -1;
    d = calloc(1, sizeof *d);
    rmin = malloc(m * sizeof *rmin);
    rrep = malloc(m * sizeof *rrep);
    group = calloc(n + 1, sizeof *group);
    if (!d || !rmin || !rrep || !group || !(d->ikc = calloc(m, sizeof *d->ikc)))
        goto oom;
    d->n = n;
    bs_rank(in->score, n, 0, BS_TIES_MIN, rmin);
    bs_rank(in->score, n, 0, rules->ties, rrep);
    for (i = 0; i < n; i++) {
        /* bs_rank leaves every rank missing when it runs out of memory */
        if (!isnan(in->score[i]) && (isnan(rmin[i]) || isnan(rrep[i])))
            goto oom;
        if (!isnan(in->score[i]))
            group[(size_t)rmin[i]]++;
    }
    decide(in, rules, rmin, rrep, group, d, diag);
    for (i = 0; i < n; i++)
        if (!(d->ikc[i].reason = reason(in, rules, d, i, group, lang)))
            goto oom;
    *out = d;
    d = NULL;
    rc = 0;
    goto done;
oom:
    bs_error_set(err, "designation: out of memory");
done:
    bs_designation_free(d);
    free(rmin);
    free(rrep);
    free(group);
    return rc;
}

/* ---- prioritisation --------------------------------------------------- */

const char *bs_quadrant_label(bs_quadrant q, const char *language)
{
    static const bs_wordkey word[] = {
        [BS_Q_HIGH_NEED_LOW_SUPPLY] = BS_W_Q_HIGH_NEED_LOW_SUPPLY,
        [BS_Q_HIGH_NEED_HIGH_SUPPLY] = BS_W_Q_HIGH_NEED_HIGH_SUPPLY,
        [BS_Q_LOW_NEED_LOW_SUPPLY] = BS_W_Q_LOW_NEED_LOW_SUPPLY,
        [BS_Q_LOW_NEED_HIGH_SUPPLY] = BS_W_Q_LOW_NEED_HIGH_SUPPLY,
        [BS_Q_UNKNOWN] = BS_W_Q_UNKNOWN};
    bs_lang lang;

    if (bs_lang_parse(language, &lang) != 0 || (unsigned)q > BS_Q_UNKNOWN)
        return NULL;
    return bs_word(word[q], lang);
}

static int dbl_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;

    return a < b ? -1 : a > b;
}

/* Median of the values present; NaN when none (then *err is set). */
static int median(const double *x, size_t n, const char *what, double *out,
                  bs_error *err)
{
    double *v = malloc((n ? n : 1) * sizeof *v);
    size_t i, m = 0;

    if (!v)
        return bs_error_set(err, "prioritisation: out of memory");
    for (i = 0; i < n; i++)
        if (!isnan(x[i]))
            v[m++] = x[i];
    if (m == 0) {
        free(v);
        return bs_error_set(err, "prioritisation: no area has a %s value, so "
                            "there is no median to cut at", what);
    }
    qsort(v, m, sizeof *v, dbl_cmp);
    *out = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
    free(v);
    return 0;
}

typedef struct prio_item {
    int group;            /* 0 high need/low supply, 1 other, 2 unknown */
    double need, supply;
    size_t i;
} prio_item;

/* Higher need first, missing need last; then lower supply (missing last);
 * then input order. */
static int prio_cmp(const void *pa, const void *pb)
{
    const prio_item *a = pa, *b = pb;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (isnan(a->need) != isnan(b->need))
        return isnan(a->need) ? 1 : -1;
    if (!isnan(a->need) && a->need != b->need)
        return a->need > b->need ? -1 : 1;
    if (isnan(a->supply) != isnan(b->supply))
        return isnan(a->supply) ? 1 : -1;
    if (!isnan(a->supply) && a->supply != b->supply)
        return a->supply < b->supply ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

int bs_prioritise(const double *need, const double *supply, size_t n,
                  double *need_cut, double *supply_cut, bs_quadrant *quadrant,
                  size_t *order, long *priority, bs_error *err)
{
    prio_item *it;
    size_t i;

    for (i = 0; i < n; i++)
        if (isinf(need[i]) || isinf(supply[i]))
            return bs_error_set(err, "prioritisation: area %zu: %s is not "
                                "finite", i + 1, isinf(need[i]) ? "need"
                                                                : "supply");
    if (isnan(*need_cut) && median(need, n, "need", need_cut, err) != 0)
        return -1;
    if (isnan(*supply_cut)
        && median(supply, n, "supply", supply_cut, err) != 0)
        return -1;
    if (!isfinite(*need_cut) || !isfinite(*supply_cut))
        return bs_error_set(err, "prioritisation: the cut-offs must be "
                            "finite numbers");
    if (!(it = malloc((n ? n : 1) * sizeof *it)))
        return bs_error_set(err, "prioritisation: out of memory");
    for (i = 0; i < n; i++) {
        bs_quadrant q = BS_Q_UNKNOWN;
        if (!isnan(need[i]) && !isnan(supply[i])) {
            int high = need[i] > *need_cut, low = supply[i] < *supply_cut;
            q = high ? (low ? BS_Q_HIGH_NEED_LOW_SUPPLY
                            : BS_Q_HIGH_NEED_HIGH_SUPPLY)
                     : (low ? BS_Q_LOW_NEED_LOW_SUPPLY
                            : BS_Q_LOW_NEED_HIGH_SUPPLY);
        }
        quadrant[i] = q;
        it[i].group = q == BS_Q_HIGH_NEED_LOW_SUPPLY ? 0
                      : q == BS_Q_UNKNOWN ? 2 : 1;
        it[i].need = need[i];
        it[i].supply = supply[i];
        it[i].i = i;
    }
    qsort(it, n, sizeof *it, prio_cmp);
    for (i = 0; i < n; i++) {
        if (order)
            order[i] = it[i].i;
        if (priority)
            priority[it[i].i] = (long)i + 1;
    }
    free(it);
    return 0;
}
