/* checks.c: plausibility checks on input values (rules in checks.h). */
#include "buurtscan/checks.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/formula.h"
#include "buurtscan/number.h"
#include "buurtscan/text.h"

int bs_check_severity_parse(const char *word, bs_check_severity *out)
{
    static const char *const names[] = {"note", "warning", "error"};
    int i;

    for (i = 0; word && i < 3; i++)
        if (strcasecmp(word, names[i]) == 0) {
            *out = (bs_check_severity)i;
            return 0;
        }
    return -1;
}

const char *bs_check_severity_name(bs_check_severity s)
{
    return s == BS_CHECK_ERROR ? "error" : s == BS_CHECK_WARNING ? "warning"
                                                                 : "note";
}

void bs_check_list_init(bs_check_list *l)
{
    memset(l, 0, sizeof *l);
}

void bs_check_list_free(bs_check_list *l)
{
    size_t i;

    if (!l)
        return;
    for (i = 0; i < l->n; i++) {
        free(l->row[i].check);
        free(l->row[i].key);
        free(l->row[i].message);
    }
    free(l->row);
    memset(l, 0, sizeof *l);
}

int bs_check_list_add(bs_check_list *l, const char *check, size_t area,
                      const char *const *keys, double value,
                      bs_check_severity sev, bs_error *err, const char *fmt,
                      ...)
{
    char msg[BS_ERROR_MAX];
    bs_check_row *r;
    va_list ap;

    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        bs_check_row *row = realloc(l->row, cap * sizeof *row);
        if (!row)
            return bs_error_set(err, "checks: out of memory");
        l->row = row;
        l->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r = &l->row[l->n];
    memset(r, 0, sizeof *r);
    r->check = bs_text_dup(check);
    r->area = area;
    if (area != BS_CHECK_NO_AREA)
        r->key = keys && keys[area] ? bs_text_dup(keys[area])
                                    : bs_text_printf("area %zu", area + 1);
    r->value = value;
    r->message = bs_text_dup(msg);
    r->severity = sev;
    if (!r->check || !r->message || (area != BS_CHECK_NO_AREA && !r->key)) {
        free(r->check);
        free(r->key);
        free(r->message);
        return bs_error_set(err, "checks: out of memory");
    }
    l->n++;
    l->count[sev]++;
    return 0;
}

/* A number for a message: as a CSV prints it. */
static const char *num(double v, char *buf)
{
    return bs_format_csv_number(v, buf, 64);
}

int bs_check_percent(const char *id, const double *v, size_t n,
                     const char *const *keys, bs_check_severity sev,
                     bs_check_list *out, bs_error *err)
{
    char check[300], b[64];
    size_t i;

    snprintf(check, sizeof check, "percent %s", id);
    for (i = 0; i < n; i++)
        if (isfinite(v[i]) && (v[i] < 0 || v[i] > 100) &&
            bs_check_list_add(out, check, i, keys, v[i], sev, err,
                              "%s: %s %% is outside 0 to 100", id,
                              num(v[i], b)) != 0)
            return -1;
    return 0;
}

int bs_check_negative(const char *id, const double *v, size_t n,
                      const char *const *keys, bs_check_severity sev,
                      bs_check_list *out, bs_error *err)
{
    char check[300], b[64];
    size_t i;

    snprintf(check, sizeof check, "negative %s", id);
    for (i = 0; i < n; i++)
        if (v[i] < 0 &&
            bs_check_list_add(out, check, i, keys, v[i], sev, err,
                              "%s: a count cannot be negative (%s)", id,
                              num(v[i], b)) != 0)
            return -1;
    return 0;
}

int bs_check_ratio(const char *id, const double *num_, const double *den,
                   size_t n, const char *const *keys, bs_check_severity sev,
                   bs_check_list *out, bs_error *err)
{
    char check[300], b1[64], b2[64];
    size_t i;

    snprintf(check, sizeof check, "ratio %s", id);
    for (i = 0; i < n; i++)
        if (num_[i] > den[i] &&
            bs_check_list_add(out, check, i, keys, num_[i], sev, err,
                              "%s: numerator %s is above its denominator %s",
                              id, num(num_[i], b1), num(den[i], b2)) != 0)
            return -1;
    return 0;
}

/* The k-th smallest of s[0..m) (0-based), moving s about: Hoare's
 * selection, expected O(m), where sorting for a median was O(m log m). */
static double select_kth(double *s, size_t m, size_t k)
{
    size_t lo = 0, hi = m - 1;

    while (lo < hi) {
        double pivot = s[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (s[i] < pivot)
                i++;
            while (s[j] > pivot)
                j--;
            if (i <= j) {
                double t = s[i];
                s[i] = s[j];
                s[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return s[k];
}

/* The median of s[0..m), m >= 1 (s is reordered). */
static double median_of(double *s, size_t m)
{
    double hi = select_kth(s, m, m / 2), lo;
    size_t i;

    if (m % 2)
        return hi;
    /* after selection everything before m/2 is <= hi: the other middle
     * value is the largest of them */
    lo = s[0];
    for (i = 1; i < m / 2; i++)
        if (s[i] > lo)
            lo = s[i];
    return 0.5 * (lo + hi);
}

int bs_check_outliers(const char *id, const double *v, size_t n,
                      const char *const *keys, double zmax,
                      bs_check_list *out, bs_error *err)
{
    double *s = malloc((n + 1) * sizeof *s), med, mad;
    char check[300], b1[64], b2[64], b3[64];
    size_t i, m = 0;
    int rc = 0;

    if (!s)
        return bs_error_set(err, "checks: out of memory");
    for (i = 0; i < n; i++)
        if (isfinite(v[i]))
            s[m++] = v[i];
    if (m < 3)
        goto done;
    med = median_of(s, m);
    for (i = 0; i < m; i++)
        s[i] = fabs(s[i] - med);
    mad = median_of(s, m);
    if (!(mad > 0))
        goto done;
    snprintf(check, sizeof check, "outlier %s", id);
    for (i = 0; i < n && rc == 0; i++) {
        double z = (v[i] - med) / (1.4826 * mad);
        if (isfinite(v[i]) && fabs(z) > zmax)
            rc = bs_check_list_add(out, check, i, keys, v[i], BS_CHECK_NOTE, err,
                                   "%s: %s lies far from the other areas "
                                   "(robust z %.1f; median %s, MAD %s)", id,
                                   num(v[i], b1), z, num(med, b2), num(mad, b3));
    }
done:
    free(s);
    return rc;
}

int bs_check_is_period_column(const char *name)
{
    static const char *const exact[] = {"jaar", "jaartal", "perioden",
                                        "periode", "peiljaar", "year",
                                        "period", "periods"};
    size_t i, len = name ? strlen(name) : 0;

    for (i = 0; i < sizeof exact / sizeof *exact; i++)
        if (strcasecmp(name, exact[i]) == 0)
            return 1;
    return (len > 5 && strcasecmp(name + len - 5, "_jaar") == 0) ||
           (len > 8 && strncasecmp(name, "perioden", 8) == 0);
}

/* One period column: its distinct values with the line of each first. */
static int periods_of(const bs_table *t, size_t col, bs_check_severity sev,
                      bs_check_list *out, bs_error *err)
{
    size_t *first = malloc((t->nrows + 1) * sizeof *first), nd = 0, r, d;
    char msg[BS_ERROR_MAX / 2];
    size_t len = 0;
    int rc = 0;

    if (!first)
        return bs_error_set(err, "checks: out of memory");
    for (r = 0; r < t->nrows; r++) {
        const char *c = t->cells[col][r];
        if (!c)
            continue;
        for (d = 0; d < nd && strcmp(t->cells[col][first[d]], c) != 0; d++)
            ;
        if (d == nd)
            first[nd++] = r;
    }
    msg[0] = '\0';
    for (d = 0; d < nd && d < 5 && nd > 1; d++) {
        char where[600];
        bs_table_where(t, first[d], where, sizeof where);
        len += (size_t)snprintf(msg + len, len < sizeof msg ? sizeof msg - len : 0,
                                "%s%s (first at %s)", d ? ", " : "",
                                t->cells[col][first[d]], where);
        if (len >= sizeof msg)
            len = sizeof msg - 1;
    }
    if (nd > 1) {
        char check[600];
        snprintf(check, sizeof check, "periods %s", t->names[col]);
        rc = bs_check_list_add(out, check, BS_CHECK_NO_AREA, NULL, (double)nd,
                               sev, err, "%s: column %s holds %zu periods: "
                               "%s%s; the file is used as one period", t->path,
                               t->names[col], nd, msg, nd > 5 ? " and more" : "");
    }
    free(first);
    return rc;
}

int bs_check_periods(const bs_table *t, bs_check_severity sev,
                     bs_check_list *out, bs_error *err)
{
    size_t c;

    for (c = 0; c < t->ncols; c++)
        if (bs_check_is_period_column(t->names[c]) &&
            periods_of(t, c, sev, out, err) != 0)
            return -1;
    return 0;
}

/* ---- rules ------------------------------------------------------------- */

typedef enum rule_op { OP_LT, OP_LE, OP_EQ, OP_GE, OP_GT } rule_op;

static const char *const op_text[] = {"<", "<=", "=", ">=", ">"};

struct bs_check_rule {
    char *name, *left, *right;   /* texts, trimmed */
    rule_op op;
    double tolerance;
    bs_check_severity sev;
    bs_formula *lf, *rf;
    char **cols;                 /* union of both sides' columns */
    size_t ncols;
    size_t *lmap, *rmap;         /* side column -> union index */
};

void bs_check_rule_free(bs_check_rule *r)
{
    size_t i;

    if (!r)
        return;
    bs_formula_free(r->lf);
    bs_formula_free(r->rf);
    for (i = 0; i < r->ncols; i++)
        free(r->cols[i]);
    free(r->cols);
    free(r->lmap);
    free(r->rmap);
    free(r->name);
    free(r->left);
    free(r->right);
    free(r);
}

/* Finds the one comparison outside backticks: *pos, *len, *op. */
static int find_op(const char *text, const char *where, size_t *pos,
                   size_t *len, rule_op *op, bs_error *err)
{
    const char *w = where && *where ? where : "rule";
    int tick = 0, found = 0;
    size_t i;

    for (i = 0; text[i]; i++) {
        char c = text[i], d = text[i + 1];
        rule_op o;
        size_t l = 1;
        if (c == '`')
            tick = !tick;
        if (tick || (c != '<' && c != '>' && c != '=' && c != '!'))
            continue;
        if (c == '!')
            return bs_error_set(err, "%s: rule: '!' at position %zu: use one of "
                                "< <= = >= >", w, i + 1);
        if (c == '<')
            o = d == '=' ? (l = 2, OP_LE) : OP_LT;
        else if (c == '>')
            o = d == '=' ? (l = 2, OP_GE) : OP_GT;
        else
            o = d == '=' ? (l = 2, OP_EQ) : OP_EQ;
        if (found++)
            return bs_error_set(err, "%s: rule: more than one comparison "
                                "(position %zu)", w, i + 1);
        *pos = i;
        *len = l;
        *op = o;
        i += l - 1;
    }
    if (!found)
        return bs_error_set(err, "%s: rule: no comparison (<, <=, =, >=, >)", w);
    return 0;
}

static char *trimmed(const char *s, size_t n)
{
    char *t;

    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    t = malloc(n + 1);
    if (t) {
        memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

/* Index of column name in the union, added on first use; -1 = no memory. */
static long union_col(bs_check_rule *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->ncols; i++)
        if (strcmp(r->cols[i], name) == 0)
            return (long)i;
    r->cols[r->ncols] = bs_text_dup(name);
    if (!r->cols[r->ncols])
        return -1;
    return (long)r->ncols++;
}

static int build_union(bs_check_rule *r)
{
    size_t nl = bs_formula_ncolumns(r->lf), nr = bs_formula_ncolumns(r->rf), i;
    long u;

    r->cols = calloc(nl + nr + 1, sizeof *r->cols);
    r->lmap = malloc((nl + 1) * sizeof *r->lmap);
    r->rmap = malloc((nr + 1) * sizeof *r->rmap);
    if (!r->cols || !r->lmap || !r->rmap)
        return -1;
    for (i = 0; i < nl; i++) {
        if ((u = union_col(r, bs_formula_column(r->lf, i))) < 0)
            return -1;
        r->lmap[i] = (size_t)u;
    }
    for (i = 0; i < nr; i++) {
        if ((u = union_col(r, bs_formula_column(r->rf, i))) < 0)
            return -1;
        r->rmap[i] = (size_t)u;
    }
    return 0;
}

int bs_check_rule_parse(const char *name, const char *text, double tolerance,
                        bs_check_severity sev, const char *where,
                        bs_check_rule **out, bs_error *err)
{
    const char *w = where && *where ? where : "rule";
    char side[700];
    size_t pos = 0, len = 0;
    bs_check_rule *r;
    rule_op op = OP_EQ;

    *out = NULL;
    if (!text)
        text = "";
    if (!isfinite(tolerance) || tolerance < 0)
        return bs_error_set(err, "%s: rule: tolerance must be a number >= 0", w);
    if (find_op(text, where, &pos, &len, &op, err) != 0)
        return -1;
    r = calloc(1, sizeof *r);
    if (!r)
        return bs_error_set(err, "%s: out of memory", w);
    r->op = op;
    r->tolerance = tolerance;
    r->sev = sev;
    r->name = bs_text_dup(name ? name : "");
    r->left = trimmed(text, pos);
    r->right = trimmed(text + pos + len, strlen(text + pos + len));
    if (!r->name || !r->left || !r->right) {
        bs_check_rule_free(r);
        return bs_error_set(err, "%s: out of memory", w);
    }
    snprintf(side, sizeof side, "%s: rule, left of '%s'", w, op_text[op]);
    if (bs_formula_parse(r->left, side, &r->lf, err) != 0)
        goto fail;
    snprintf(side, sizeof side, "%s: rule, right of '%s'", w, op_text[op]);
    if (bs_formula_parse(r->right, side, &r->rf, err) != 0)
        goto fail;
    if (build_union(r) != 0) {
        bs_error_set(err, "%s: out of memory", w);
        goto fail;
    }
    *out = r;
    return 0;
fail:
    bs_check_rule_free(r);
    return -1;
}

size_t bs_check_rule_ncolumns(const bs_check_rule *r)
{
    return r->ncols;
}

const char *bs_check_rule_column(const bs_check_rule *r, size_t i)
{
    return i < r->ncols ? r->cols[i] : NULL;
}

/* Whether difference d = left - right breaks the rule. */
static int breaks(const bs_check_rule *r, double d)
{
    double t = r->tolerance;

    switch (r->op) {
    case OP_EQ: return fabs(d) > t;
    case OP_LE: return d > t;
    case OP_LT: return d >= t;
    case OP_GE: return d < -t;
    case OP_GT: return d <= -t;
    }
    return 0;
}

/* One side evaluated: its columns picked from the union. */
static int eval_side(const bs_formula *f, const size_t *map,
                     const double *const *cols, size_t n, double *out)
{
    size_t nc = bs_formula_ncolumns(f), i;
    const double **side = malloc((nc + 1) * sizeof *side);

    if (!side)
        return -1;
    for (i = 0; i < nc; i++)
        side[i] = cols[map[i]];
    bs_formula_eval(f, side, n, out);
    free(side);
    return 0;
}

int bs_check_rule_eval(const bs_check_rule *r, const double *const *cols,
                       size_t n, const char *const *keys, bs_check_list *out,
                       size_t *nbroken, size_t *njudged, bs_error *err)
{
    double *l = malloc((n + 1) * sizeof *l), *rt = malloc((n + 1) * sizeof *rt);
    char check[300], b1[64], b2[64], b3[64], b4[64];
    size_t i, broken = 0, judged = 0;
    int rc = -1;

    if (!l || !rt || eval_side(r->lf, r->lmap, cols, n, l) != 0 ||
        eval_side(r->rf, r->rmap, cols, n, rt) != 0) {
        bs_error_set(err, "rule %s: out of memory", r->name);
        goto done;
    }
    snprintf(check, sizeof check, "rule %s", r->name);
    for (i = 0; i < n; i++) {
        double d = l[i] - rt[i];
        if (!isfinite(d))
            continue;
        judged++;
        if (!breaks(r, d))
            continue;
        broken++;
        if (bs_check_list_add(out, check, i, keys, d, r->sev, err,
                              "%s (%s) %s %s (%s) fails: difference %s, "
                              "tolerance %s", r->left, num(l[i], b1),
                              op_text[r->op], r->right, num(rt[i], b2),
                              num(d, b3), num(r->tolerance, b4)) != 0)
            goto done;
    }
    rc = 0;
done:
    if (nbroken)
        *nbroken = broken;
    if (njudged)
        *njudged = judged;
    free(l);
    free(rt);
    return rc;
}
