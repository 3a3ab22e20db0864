/* classes.c: the classes of the maps the report draws: the score and every
 * indicator, from the project's [map] of that column when there is one,
 * else quantiles of the disclosed values; and the plain one-class map of
 * the cover and the map of names. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/classify.h"
#include "buurtscan/palette.h"
#include "buurtscan/text.h"

void bs_rep_rmap_free(rmap *m)
{
    free(m->cls);
    free(m->title);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The distinct values of v[n] that are shown (finite, not secret). */
static size_t distinct_values(const double *v, const unsigned char *secret,
                              size_t n, int *oom)
{
    double *tmp = malloc((n + 1) * sizeof *tmp);
    size_t m = 0, distinct = 0;

    if (!tmp) {
        *oom = 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && !(secret && secret[i]))
            tmp[m++] = v[i];
    qsort(tmp, m, sizeof *tmp, cmp_double);
    for (size_t i = 0; i < m; i++)
        if (i == 0 || tmp[i] != tmp[i - 1])
            distinct++;
    free(tmp);
    return distinct;
}

/* Quantile classes of vv (k of them) coloured with palette into m. */
static int quantiles(const rctx *c, const double *vv, int k, const char *palette,
                     int reverse, rmap *m, bs_error *err)
{
    bs_classes cl;
    bs_rgb pal[BS_CLASSES_MAX];

    if (bs_classify(vv, c->n, BS_CLASS_QUANTILE, k, NULL, 0, &cl, err) != 0) {
        bs_classes_free(&cl);
        return -1;
    }
    m->k = cl.k;
    if (bs_palette_get(palette, m->k, pal) != 0) {
        bs_classes_free(&cl);
        return bs_error_set(err, "report: palette '%s' has no %d classes",
                            palette, m->k);
    }
    for (int j = 0; j < m->k; j++) {
        m->fill[j] = reverse ? pal[m->k - 1 - j] : pal[j];
        m->upper[j] = cl.upper[j];
        m->lower[j] = bs_class_lower(&cl, j);
        m->count[j] = cl.count[j];
    }
    for (size_t i = 0; i < c->n; i++)
        if (m->cls[i] == -1)
            m->cls[i] = bs_class_of(&cl, vv[i]);
    bs_classes_free(&cl);
    return 0;
}

/* Classes of values v[n] (NaN = no data, cls -1; secret[i] set: cls -2):
 * quantiles, at most 5 and no more than the distinct values, coloured
 * with palette (reversed: dark = low values). */
static int classify_own(rctx *c, const double *v, const unsigned char *secret,
                        const char *palette, int reverse, const char *title,
                        int decimals, rmap *m, bs_error *err)
{
    size_t distinct;
    int oom = 0;

    memset(m, 0, sizeof *m);
    m->cls = malloc((c->n + 1) * sizeof *m->cls);
    m->title = bs_text_dup(title);
    m->decimals = decimals;
    distinct = distinct_values(v, secret, c->n, &oom);
    if (oom || !m->cls || !m->title)
        return bs_error_set(err, "report: out of memory");
    for (size_t i = 0; i < c->n; i++)
        m->cls[i] = secret && secret[i] ? -2 : -1;
    if (distinct) {
        double *vv = malloc((c->n + 1) * sizeof *vv);
        int rc;
        if (!vv)
            return bs_error_set(err, "report: out of memory");
        for (size_t i = 0; i < c->n; i++)
            vv[i] = secret && secret[i] ? NAN : v[i];
        rc = quantiles(c, vv, distinct < 5 ? (int)distinct : 5, palette, reverse,
                       m, err);
        free(vv);
        if (rc != 0)
            return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (m->cls[i] == -1)
            m->missing++;
        else if (m->cls[i] == -2)
            m->secret++;
    }
    return 0;
}

/* The classes of a prepared [map] of the project; areas with small[i] set
 * are secret (cls -2). */
static int classes_of_map(rctx *c, const bs_scan_map *sm, rmap *m,
                          const unsigned char *small, bs_error *err)
{
    memset(m, 0, sizeof *m);
    m->k = sm->classes.k;
    m->cls = malloc((c->n + 1) * sizeof *m->cls);
    m->title = bs_text_dup(sm->legend_title ? sm->legend_title : "");
    if (!m->cls || !m->title)
        return bs_error_set(err, "report: out of memory");
    m->decimals = sm->decimals;
    for (int j = 0; j < m->k && j < BS_CLASSES_MAX; j++) {
        m->fill[j] = sm->fill[j];
        m->lower[j] = sm->lower[j];
        m->upper[j] = sm->classes.upper[j];
        m->count[j] = sm->classes.count[j];
    }
    for (size_t i = 0; i < c->n; i++) {
        m->cls[i] = small && small[i] ? -2 : sm->cls[i];
        if (m->cls[i] == -1)
            m->missing++;
        else if (m->cls[i] == -2) {
            m->secret++;
            if (sm->cls[i] >= 0 && sm->cls[i] < BS_CLASSES_MAX)
                m->count[sm->cls[i]]--;
        }
    }
    return 0;
}

/* Indicator k's map: dark = more need; disclosed values only. */
static int indicator_classes(rctx *c, size_t k, const char *palette,
                             bs_error *err)
{
    const bs_scan_indicator *in = &c->ind[k];
    const bs_scan_map *sm = in->kind == BS_DISC_VALUE
                                ? bs_scan_map_of(c->s, in->id) : NULL;
    unsigned char *secret = malloc(c->n + 1);
    char *title;
    int rc;

    if (!secret)
        return bs_error_set(err, "report: out of memory");
    for (size_t i = 0; i < c->n; i++)
        secret[i] = c->vflag[k][i] == BS_DISC_SUPPRESSED;
    title = in->unit ? bs_text_printf("%s (%s)", in->label, in->unit)
                     : bs_text_dup(in->label);
    if (!title) {
        free(secret);
        return bs_error_set(err, "report: out of memory");
    }
    rc = sm ? classes_of_map(c, sm, &c->imap[k], secret, err)
            : classify_own(c, c->val[k], secret, palette, in->direction < 0,
                           title, c->dec[k], &c->imap[k], err);
    free(secret);
    if (rc == 0 && sm) {
        free(c->imap[k].title);
        c->imap[k].title = title;
    } else {
        free(title);
    }
    return rc;
}

int bs_rep_classes(rctx *c, const unsigned char *small, bs_error *err)
{
    const char *palette = c->t->palette ? c->t->palette : "YlOrRd";
    const bs_scan_map *sm = bs_scan_map_of(c->s, "score");

    /* the score: the project's score map, else quantiles */
    if (sm ? classes_of_map(c, sm, &c->score, small, err) != 0
           : classify_own(c, c->s->score, small, palette, 0, W(c, BS_W_SCORE), 2,
                          &c->score, err) != 0)
        return -1;
    for (size_t k = 0; k < c->nind; k++)
        if (indicator_classes(c, k, palette, err) != 0)
            return -1;
    c->plain.k = 1;
    c->plain.fill[0].r = (unsigned char)(255 * (0.80 + 0.20 * c->accent.r));
    c->plain.fill[0].g = (unsigned char)(255 * (0.80 + 0.20 * c->accent.g));
    c->plain.fill[0].b = (unsigned char)(255 * (0.80 + 0.20 * c->accent.b));
    c->plain.cls = calloc(c->n + 1, sizeof *c->plain.cls);
    c->plain.count[0] = c->n;
    c->plain.upper[0] = 1;
    if (!c->plain.cls)
        return bs_error_set(err, "report: out of memory");
    return 0;
}
