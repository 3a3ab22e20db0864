/* report.c: the PDF report of a project run: page composition on top of
 * typeset.h (sections and rules in report.h).
 *
 * The composition callback runs twice (measure, then draw). Everything
 * that does not depend on the pass (disclosed values, classes, area
 * boxes, the logo) is prepared once in a context before rendering. */
#include "buurtscan/report.h"
#include "buurtscan/job.h"       /* transitional: until it reads the scan */
#include "buurtscan/limits.h"
#include "buurtscan/text.h"

#include <cairo.h>
#include <ctype.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/classify.h"
#include "buurtscan/clip.h"
#include "buurtscan/map.h"
#include "buurtscan/number.h"
#include "buurtscan/palette.h"
#include "buurtscan/topology.h"
#include "buurtscan/typeset.h"

#define MM BS_MM_PT

/* ---- small helpers ---- */

/* Keys compare trimmed and case-insensitively, as everywhere. */
static int key_eq(const char *a, const char *b)
{
    size_t la, lb;

    while (isspace((unsigned char)*a)) a++;
    while (isspace((unsigned char)*b)) b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1])) la--;
    while (lb && isspace((unsigned char)b[lb - 1])) lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

/* ---- indicators ---- */

static const char *norm_text(bs_norm m, int en)
{
    switch (m) {
    case BS_NORM_ZSCORE: return "z-score";
    case BS_NORM_MINMAX: return "min-max";
    case BS_NORM_RANK: return en ? "rank" : "rang";
    case BS_NORM_PERCENTILE: return en ? "percentile rank" : "percentielrang";
    case BS_NORM_EXPRANK: return en ? "exponential rank (IMD)"
                                    : "exponentiële rang (IMD)";
    case BS_NORM_GOALPOSTS: return en ? "goalposts" : "doelpalen";
    case BS_NORM_DISTANCE: return en ? "distance to a reference"
                                     : "afstand tot referentie";
    case BS_NORM_NONE: return en ? "none (raw value)" : "geen (ruwe waarde)";
    }
    return "?";
}

static int project_en(const bs_project *p)
{
    return p->language.value && strcmp(p->language.value, "en") == 0;
}

void bs_report_indicator_from_job(const bs_job *j, size_t k,
                                  bs_report_indicator *r)
{
    const bs_project *p = j->p;
    const bs_indicator_spec *s = &p->ind[k];
    const char *src = NULL;

    memset(r, 0, sizeof *r);
    r->label = s->label.value ? s->label.value : s->id;
    r->unit = s->unit.value;
    r->direction = s->direction;
    r->weight = s->weight;
    r->normalisation = norm_text(s->norm_set ? s->norm : p->score.normalise,
                                 project_en(p));
    /* the first data file the indicator uses, else the areas' own source */
    for (size_t d = 0; d < j->ndata && !src; d++)
        if (j->uses && j->uses[k * (j->ndata + 1) + d])
            src = p->data[d].source.value;
    if (!src)
        src = p->areas.source.value;
    r->source = src;
    r->municipal = NAN;
    r->national = NAN;
    r->decimals = -1;
    r->kind = BS_DISC_VALUE;
}

void bs_report_input_init(bs_report_input *in, const bs_job *j,
                          const bs_report_template *tpl)
{
    memset(in, 0, sizeof *in);
    in->job = j;
    in->tpl = tpl;
    bs_disc_settings_init(&in->disc);
}

/* ---- the composition context ---- */

typedef struct rmap {         /* the classes of one map */
    int k;
    bs_rgb fill[BS_CLASSES_MAX];
    double lower[BS_CLASSES_MAX], upper[BS_CLASSES_MAX];
    size_t count[BS_CLASSES_MAX];
    size_t missing, secret;   /* areas with cls -1 and -2 */
    int *cls;                 /* n */
    int decimals;
    char *title;              /* legend title */
} rmap;

#define WHOLE_SETS 4          /* scales of whole-set maps kept (a report has
                                 three: cover, overview, small multiples) */

typedef struct rctx {
    const bs_report_input *in;
    const bs_job *j;
    const bs_report_template *t;
    const char *lang;
    int en;
    size_t n, nind;
    bs_report_indicator *ind;
    double **val;             /* [nind][n] printable values (disclosed) */
    unsigned char **vflag;    /* [nind][n] BS_DISC_* */
    int *dec;                 /* [nind] decimals */
    double *nmin, *nmax, *nmed;   /* [nind] normalised values shown */
    double *total;            /* [nind] printable total of a count column */
    unsigned char *tflag;     /* [nind] its BS_DISC_* (MISSING: no total) */
    rmap score;
    rmap plain;               /* one class in a tint of the accent: the
                                 cover and the map of names */
    rmap *imap;               /* [nind] */
    double *bbox;             /* [4n], NaN when an area has no geometry */
    size_t *order;            /* areas by rank, unscored last */
    size_t nscored;
    cairo_surface_t *logo;
    bs_colour accent;         /* the template's, else the house accent */
    char date[64];
    const char *title;
    const char *area1, *areas;    /* "wijk", "wijken" */
    char Area1[64], Areas[64];    /* capitalised */
    int any_national, any_municipal;
    /* the areas for maps of the whole set, simplified for the scale each
     * is drawn at (0.1 mm on paper, as the [map]s are), with their borders
     * as arcs that are stroked once each; one set per scale (see whole_at) */
    struct whole_set {
        double tol;           /* map units */
        bs_areas *a;
    } whole[WHOLE_SETS];
    double wbox[4];           /* the bounding box of all areas */
    /* atlas scratch: the areas inside a page's extent */
    bs_window win;
    bs_areas *page;           /* win.sub simplified for the page's scale,
                                 with arcs (see area_page) */
    int *sub_cls;             /* per area of win.sub */
    const char **sub_labels;
    size_t cap_sub;
} rctx;

static void rmap_free(rmap *m)
{
    free(m->cls);
    free(m->title);
}

static void ctx_free(rctx *c)
{
    if (c->val)
        for (size_t k = 0; k < c->nind; k++) {
            free(c->val[k]);
            free(c->vflag[k]);
        }
    free(c->val);
    free(c->vflag);
    free(c->dec);
    free(c->nmin);
    free(c->nmax);
    free(c->nmed);
    free(c->total);
    free(c->tflag);
    free(c->ind);
    rmap_free(&c->score);
    rmap_free(&c->plain);
    if (c->imap)
        for (size_t k = 0; k < c->nind; k++)
            rmap_free(&c->imap[k]);
    free(c->imap);
    free(c->bbox);
    free(c->order);
    for (size_t k = 0; k < WHOLE_SETS; k++)
        bs_areas_free(c->whole[k].a);
    bs_areas_free(c->page);
    if (c->logo)
        cairo_surface_destroy(c->logo);
    bs_window_free(&c->win);
    free(c->sub_cls);
    free(c->sub_labels);
}

/* A number for people; a leading '-' becomes a minus sign. */
static char *num(const rctx *c, double v, int dec, char *buf, size_t n)
{
    char tmp[40];

    bs_format_number(v, dec, c->lang, tmp, sizeof tmp);
    if (tmp[0] == '-')
        snprintf(buf, n, "\xe2\x88\x92%s", tmp + 1);
    else
        snprintf(buf, n, "%s", tmp);
    return buf;
}

static char *pct(const rctx *c, double share, char *buf, size_t n)
{
    char tmp[48];
    snprintf(buf, n, "%s%%", num(c, 100.0 * share, 0, tmp, sizeof tmp));
    return buf;
}

static void capitalise(const char *s, char *out, size_t n)
{
    snprintf(out, n, "%s", s);
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

static const char *T(const rctx *c, const char *nl, const char *en)
{
    return c->en ? en : nl;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Decimals for an indicator's values: from the unit and their size. */
static int auto_decimals(const bs_report_indicator *r, const double *v,
                         size_t n)
{
    double *tmp, med;
    size_t m = 0;

    if (r->decimals >= 0)
        return r->decimals;
    if (r->kind == BS_DISC_COUNT)
        return 0;
    if (r->unit && strchr(r->unit, '%'))
        return 1;
    tmp = malloc((n + 1) * sizeof *tmp);
    if (!tmp)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            tmp[m++] = fabs(v[i]);
    qsort(tmp, m, sizeof *tmp, cmp_double);
    med = m ? tmp[m / 2] : 0;
    free(tmp);
    return med >= 100 ? 0 : med >= 10 ? 1 : 2;
}

/* Classes of values v[n] (NaN = no data, cls -1; secret[i] set: cls -2):
 * quantiles, at most 5 and no more than the distinct values, coloured
 * with palette (reversed: dark = low values). */
static int classify_own(rctx *c, const double *v, const unsigned char *secret,
                        const char *palette, int reverse, const char *title,
                        int decimals, rmap *m, bs_error *err)
{
    bs_classes cl;
    bs_rgb pal[BS_CLASSES_MAX];
    double *tmp = malloc((c->n + 1) * sizeof *tmp);
    size_t m_n = 0, distinct = 0;
    int k;

    memset(m, 0, sizeof *m);
    m->cls = malloc((c->n + 1) * sizeof *m->cls);
    m->title = bs_text_dup(title);
    m->decimals = decimals;
    if (!tmp || !m->cls || !m->title) {
        free(tmp);
        return bs_error_set(err, "report: out of memory");
    }
    for (size_t i = 0; i < c->n; i++)
        if (isfinite(v[i]) && !(secret && secret[i]))
            tmp[m_n++] = v[i];
    qsort(tmp, m_n, sizeof *tmp, cmp_double);
    for (size_t i = 0; i < m_n; i++)
        if (i == 0 || tmp[i] != tmp[i - 1])
            distinct++;
    free(tmp);
    for (size_t i = 0; i < c->n; i++)
        m->cls[i] = secret && secret[i] ? -2 : -1;
    if (!distinct) {
        m->k = 0;
    } else {
        double *vv = malloc((c->n + 1) * sizeof *vv);
        if (!vv)
            return bs_error_set(err, "report: out of memory");
        for (size_t i = 0; i < c->n; i++)
            vv[i] = secret && secret[i] ? NAN : v[i];
        k = distinct < 5 ? (int)distinct : 5;
        if (bs_classify(vv, c->n, BS_CLASS_QUANTILE, k, NULL, 0, &cl, err) != 0) {
            free(vv);
            bs_classes_free(&cl);
            return -1;
        }
        m->k = cl.k;
        if (bs_palette_get(palette, m->k, pal) != 0) {
            free(vv);
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
        free(vv);
        bs_classes_free(&cl);
    }
    for (size_t i = 0; i < c->n; i++) {
        if (m->cls[i] == -1)
            m->missing++;
        else if (m->cls[i] == -2)
            m->secret++;
    }
    return 0;
}

/* The classes of a [map] of the project, when one maps this column. */
static int classes_from_job(rctx *c, const bs_job_map *jm, rmap *m,
                            const unsigned char *small, bs_error *err)
{
    memset(m, 0, sizeof *m);
    m->k = jm->classes.k;
    m->cls = malloc((c->n + 1) * sizeof *m->cls);
    m->title = bs_text_dup(jm->legend_title ? jm->legend_title : "");
    if (!m->cls || !m->title)
        return bs_error_set(err, "report: out of memory");
    m->decimals = jm->decimals;
    for (int j = 0; j < m->k && j < BS_CLASSES_MAX; j++) {
        m->fill[j] = jm->fill[j];
        m->lower[j] = jm->lower[j];
        m->upper[j] = jm->classes.upper[j];
        m->count[j] = jm->classes.count[j];
    }
    for (size_t i = 0; i < c->n; i++) {
        m->cls[i] = small && small[i] ? -2 : jm->cls[i];
        if (m->cls[i] == -1)
            m->missing++;
        else if (m->cls[i] == -2) {
            m->secret++;
            if (jm->cls[i] >= 0 && jm->cls[i] < BS_CLASSES_MAX)
                m->count[jm->cls[i]]--;
        }
    }
    return 0;
}

static const bs_job_map *job_map_of(const bs_job *j, const char *column)
{
    return bs_scan_map_of(bs_job_scan(j), column);
}

static int rank_cmp_ctx(const rctx *c, size_t a, size_t b)
{
    double ra = c->j->rank[a], rb = c->j->rank[b];
    int na = isnan(ra), nb = isnan(rb);

    if (na != nb)
        return na - nb;
    if (!na && ra != rb)
        return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* insertion-free merge sort of area indices by rank (no qsort context) */
static void sort_by_rank(const rctx *c, size_t *v, size_t *tmp, size_t n)
{
    size_t h, i, j, k;

    if (n < 2)
        return;
    h = n / 2;
    sort_by_rank(c, v, tmp, h);
    sort_by_rank(c, v + h, tmp, n - h);
    for (i = 0, j = h, k = 0; i < h || j < n;)
        tmp[k++] = j >= n || (i < h && rank_cmp_ctx(c, v[i], v[j]) <= 0)
                       ? v[i++] : v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* A PNG in memory, for cairo's stream reader. */
typedef struct png_bytes {
    const unsigned char *p;
    size_t n, at;
} png_bytes;

static cairo_status_t png_read(void *ud, unsigned char *data, unsigned int len)
{
    png_bytes *b = ud;

    if (!b->p || b->n - b->at < len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, b->p + b->at, len);
    b->at += len;
    return CAIRO_STATUS_SUCCESS;
}

static int ctx_init(rctx *c, const bs_report_input *in, bs_error *err)
{
    const bs_job *j = in->job;
    const bs_report_template *t = in->tpl;
    unsigned char *small = NULL;
    size_t i, k;

    memset(c, 0, sizeof *c);
    c->in = in;
    c->j = j;
    c->t = t;
    if (t->has_accent) {
        c->accent = t->accent;
    } else {
        bs_doc_style ds;
        bs_doc_style_default(&ds);
        c->accent = ds.accent;
    }
    if (t->palette) {
        bs_rgb tmp[5];
        if (bs_palette_get(t->palette, 5, tmp) != 0)
            return bs_error_set(err, "%s: palette = '%s' is not a ColorBrewer "
                                "sequential scheme", t->palette_at ? t->palette_at
                                : "report template", t->palette);
    }
    c->n = j->n;
    c->nind = j->p->nind;
    c->lang = in->language ? in->language : t->language ? t->language : "nl";
    if (strcmp(c->lang, "nl") && strcmp(c->lang, "en"))
        return bs_error_set(err, "report: unknown language '%s' (nl or en)",
                            c->lang);
    c->en = strcmp(c->lang, "en") == 0;
    c->title = in->title ? in->title : j->p->title.value ? j->p->title.value
                                                         : "buurtscan";
    c->area1 = t->area_singular ? t->area_singular : T(c, "wijk", "neighbourhood");
    c->areas = t->area_plural ? t->area_plural : T(c, "wijken", "neighbourhoods");
    capitalise(c->area1, c->Area1, sizeof c->Area1);
    capitalise(c->areas, c->Areas, sizeof c->Areas);
    if (bs_date_format(in->iso_date ? in->iso_date : j->iso_date, c->lang,
                       c->date, sizeof c->date) != 0)
        return bs_error_set(err, "report: '%s' is not a date YYYY-MM-DD",
                            in->iso_date ? in->iso_date : j->iso_date);
    if (bs_disc_settings_check(&in->disc, err) != 0)
        return -1;
    for (int s = 0; s < BS_SEC_COUNT; s++)
        if (t->sec[s].show && s != BS_SEC_COVER && !t->sec[s].title)
            return bs_error_set(err, "report template: no title for [%s] "
                                "(read templates/report-%s.ini first)",
                                bs_report_section_name((bs_report_section)s),
                                c->lang);
    if (t->sec[BS_SEC_AREAS].show)
        for (int q = 0; q < 3; q++)
            if (!t->question[q])
                return bs_error_set(err, "report template: [areas] has no "
                                    "text for the %s question",
                                    q == 0 ? "aansluiten" : q == 1 ? "vragen"
                                                                   : "ondersteunen");

    c->ind = calloc(c->nind + 1, sizeof *c->ind);
    c->val = calloc(c->nind + 1, sizeof *c->val);
    c->vflag = calloc(c->nind + 1, sizeof *c->vflag);
    c->dec = calloc(c->nind + 1, sizeof *c->dec);
    c->nmin = calloc(c->nind + 1, sizeof *c->nmin);
    c->nmax = calloc(c->nind + 1, sizeof *c->nmax);
    c->nmed = calloc(c->nind + 1, sizeof *c->nmed);
    c->imap = calloc(c->nind + 1, sizeof *c->imap);
    c->total = calloc(c->nind + 1, sizeof *c->total);
    c->tflag = calloc(c->nind + 1, sizeof *c->tflag);
    c->bbox = malloc((4 * c->n + 1) * sizeof *c->bbox);
    c->order = malloc((c->n + 1) * sizeof *c->order);
    small = calloc(c->n + 1, 1);
    if (!c->ind || !c->val || !c->vflag || !c->dec || !c->nmin || !c->nmax ||
        !c->nmed || !c->imap || !c->bbox || !c->order || !small ||
        !c->total || !c->tflag)
        goto oom;

    for (i = 0; i < c->n; i++)
        small[i] = j->status[i] == BS_STATUS_SMALL;
    for (k = 0; k < c->nind; k++) {
        bs_report_indicator *r = &c->ind[k];
        double *tmp;
        size_t m = 0;
        if (in->ind) {
            *r = in->ind[k];
            if (!r->label)
                r->label = j->p->ind[k].label.value ? j->p->ind[k].label.value
                                                     : j->p->ind[k].id;
        } else {
            bs_report_indicator_from_job(j, k, r);
        }
        if (r->kind == BS_DISC_RATE && !r->denominator) {
            bs_error_set(err, "report: indicator '%s' is a rate but has no "
                         "denominators", j->p->ind[k].id);
            goto fail;
        }
        if (isfinite(r->national))
            c->any_national = 1;
        if (isfinite(r->municipal))
            c->any_municipal = 1;
        c->val[k] = malloc((c->n + 1) * sizeof **c->val);
        c->vflag[k] = malloc(c->n + 1);
        tmp = malloc((c->n + 1) * sizeof *tmp);
        if (!c->val[k] || !c->vflag[k] || !tmp) {
            free(tmp);
            goto oom;
        }
        for (i = 0; i < c->n; i++) {
            double v = j->raw[k][i];
            bs_disc_flag f;
            if (r->kind == BS_DISC_COUNT)
                f = bs_disclose_count(v, &in->disc, &c->val[k][i]);
            else if (r->kind == BS_DISC_RATE)
                f = bs_disclose_rate(v, r->denominator[i], &in->disc,
                                     &c->val[k][i]);
            else {
                c->val[k][i] = v;
                f = isfinite(v) ? BS_DISC_OK : BS_DISC_MISSING;
            }
            c->vflag[k][i] = (unsigned char)f;
            /* normalised values of suppressed cells are not shown */
            if (f != BS_DISC_SUPPRESSED && isfinite(j->norm[k][i]))
                tmp[m++] = j->norm[k][i];
        }
        /* a printed total (appendix or municipal value) of a count column
         * needs secondary suppression, the same in every table and map */
        if (r->kind == BS_DISC_COUNT &&
            (t->sec[BS_SEC_APPENDIX].show || isfinite(r->municipal))) {
            bs_disclose_group(j->raw[k], c->n, &in->disc, 1, c->val[k],
                              c->vflag[k], &c->total[k], &c->tflag[k], NULL);
            m = 0;
            for (i = 0; i < c->n; i++)
                if (c->vflag[k][i] != BS_DISC_SUPPRESSED &&
                    isfinite(j->norm[k][i]))
                    tmp[m++] = j->norm[k][i];
        } else {
            c->total[k] = NAN;
            c->tflag[k] = BS_DISC_MISSING;
        }
        c->dec[k] = auto_decimals(r, c->val[k], c->n);
        qsort(tmp, m, sizeof *tmp, cmp_double);
        c->nmin[k] = m ? tmp[0] : NAN;
        c->nmax[k] = m ? tmp[m - 1] : NAN;
        c->nmed[k] = !m ? NAN : m % 2 ? tmp[m / 2]
                                      : 0.5 * (tmp[m / 2 - 1] + tmp[m / 2]);
        free(tmp);
    }

    /* score classes: the project's score map, else quantiles */
    {
        const bs_job_map *jm = job_map_of(j, "score");
        if (jm) {
            if (classes_from_job(c, jm, &c->score, small, err) != 0)
                goto fail;
        } else if (classify_own(c, j->score, small, t->palette ? t->palette
                                : "YlOrRd", 0, T(c, "Score", "Score"), 2,
                                &c->score, err) != 0) {
            goto fail;
        }
    }
    /* indicator classes: dark = more need; disclosed values only */
    for (k = 0; k < c->nind; k++) {
        const bs_job_map *jm = c->ind[k].kind == BS_DISC_VALUE
                                   ? job_map_of(j, j->p->ind[k].id) : NULL;
        unsigned char *secret = malloc(c->n + 1);
        char *title;
        int rc;
        if (!secret)
            goto oom;
        for (i = 0; i < c->n; i++)
            secret[i] = c->vflag[k][i] == BS_DISC_SUPPRESSED;
        title = c->ind[k].unit ? bs_text_printf("%s (%s)", c->ind[k].label, c->ind[k].unit)
                               : bs_text_dup(c->ind[k].label);
        if (!title) {
            free(secret);
            goto oom;
        }
        rc = jm ? classes_from_job(c, jm, &c->imap[k], secret, err)
                : classify_own(c, c->val[k], secret,
                               t->palette ? t->palette : "YlOrRd",
                               c->ind[k].direction < 0, title, c->dec[k],
                               &c->imap[k], err);
        free(secret);
        if (rc == 0 && jm) {
            free(c->imap[k].title);
            c->imap[k].title = title;
        } else {
            free(title);
        }
        if (rc != 0)
            goto fail;
    }

    c->plain.k = 1;
    c->plain.fill[0].r = (unsigned char)(255 * (0.80 + 0.20 * c->accent.r));
    c->plain.fill[0].g = (unsigned char)(255 * (0.80 + 0.20 * c->accent.g));
    c->plain.fill[0].b = (unsigned char)(255 * (0.80 + 0.20 * c->accent.b));
    c->plain.cls = calloc(c->n + 1, sizeof *c->plain.cls);
    c->plain.count[0] = c->n;
    c->plain.upper[0] = 1;
    if (!c->plain.cls)
        goto oom;

    /* area boxes for culling the atlas maps */
    bs_areas_boxes(j->areas, c->bbox);
    {
        size_t *tmp = malloc((c->n + 1) * sizeof *tmp);
        if (!tmp)
            goto oom;
        for (i = 0; i < c->n; i++)
            c->order[i] = i;
        sort_by_rank(c, c->order, tmp, c->n);
        free(tmp);
        for (i = 0; i < c->n; i++)
            if (isfinite(j->rank[i]))
                c->nscored++;
    }
    if (t->logo && t->sec[BS_SEC_COVER].show) {
        png_bytes pb = {t->logo_png, t->logo_size, 0};
        c->logo = cairo_image_surface_create_from_png_stream(png_read, &pb);
        if (cairo_surface_status(c->logo) != CAIRO_STATUS_SUCCESS) {
            bs_error_set(err, "%s: cannot read the logo (a PNG file): %s",
                         t->logo, cairo_status_to_string(
                                      cairo_surface_status(c->logo)));
            cairo_surface_destroy(c->logo);
            c->logo = NULL;
            goto fail;
        }
    }
    free(small);
    return 0;
oom:
    bs_error_set(err, "report: out of memory");
fail:
    free(small);
    return -1;
}

/* ---- drawing helpers (cairo user unit = 1 pt) ---- */

static void rgbset(cairo_t *cr, bs_rgb c)
{
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

static void colset(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* A swatch at x, y (pt): a class colour, or hatched (cls -1) or
 * cross-hatched (cls -2) as the maps draw areas without a class. */
static void swatch(cairo_t *cr, const rmap *m, int cls, double x, double y,
                   double w, double h)
{
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    if (cls >= 0) {
        rgbset(cr, m->fill[cls]);
        cairo_fill_preserve(cr);
    } else {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_save(cr);
        cairo_clip(cr);
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        cairo_set_line_width(cr, 0.45);
        for (double t = -h; t < w; t += 2.6) {
            cairo_move_to(cr, x + t, y + h);
            cairo_line_to(cr, x + t + h, y);
            if (cls == -2) {
                cairo_move_to(cr, x + t, y);
                cairo_line_to(cr, x + t + h, y + h);
            }
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_rectangle(cr, x, y, w, h);
    }
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    cairo_set_line_width(cr, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
}

#define LEG_ROW 4.4   /* mm per legend entry */

static int legend_entries(const rmap *m)
{
    return m->k + (m->missing > 0) + (m->secret > 0);
}

static void legend_label(const rctx *c, const rmap *m, int e, int counts,
                         char *buf, size_t n)
{
    char a[64], b[64];
    size_t cnt;

    if (e < m->k) {
        if (isinf(m->lower[e]) || (e == 0 && isnan(m->lower[e])))
            snprintf(buf, n, "\xe2\x89\xa4 %s", num(c, m->upper[e], m->decimals,
                                                 b, sizeof b));
        else if (strcmp(num(c, m->lower[e], m->decimals, a, sizeof a),
                        num(c, m->upper[e], m->decimals, b, sizeof b)) == 0)
            snprintf(buf, n, "%s", a);
        else
            snprintf(buf, n, "%s \xe2\x80\x93 %s", a, b);
        cnt = m->count[e];
    } else if (e == m->k && m->missing) {
        snprintf(buf, n, "%s", T(c, "geen gegevens", "no data"));
        cnt = m->missing;
    } else {
        snprintf(buf, n, "%s", T(c, "te klein of geheim", "too small or secret"));
        cnt = m->secret;
    }
    if (counts) {
        size_t l = strlen(buf);
        snprintf(buf + l, n - l, " (%zu)", cnt);
    }
}

/* Height of a legend in mm: the title (wrapped to w) and the entries in
 * cols columns. */
static double legend_height(bs_doc *d, const rmap *m, double w, int cols,
                            int title, bs_error *err)
{
    double th = 0;
    int rows = (legend_entries(m) + cols - 1) / cols;

    if (title && m->title && *m->title &&
        bs_doc_text_size(d, w, m->title, BS_TEXT_SMALL, BS_T_BOLD, NULL, &th,
                         err) != 0)
        return -1;
    return th + (th > 0 ? 1.5 : 0) + rows * LEG_ROW;
}

/* Draws (or, measuring, only sets out) a legend; mark = an entry to set
 * in bold (the class of the area on an atlas page), -9 = none. */
static int legend_draw(bs_doc *d, const rctx *c, const rmap *m, double x,
                       double y, double w, int cols, int title, int counts,
                       int mark, bs_error *err)
{
    int ne = legend_entries(m), rows = (ne + cols - 1) / cols;
    double colw = w / cols;
    cairo_t *cr = bs_doc_cairo(d);

    if (title && m->title && *m->title) {
        double th = bs_doc_text(d, x, y, w, m->title, BS_TEXT_SMALL, BS_T_BOLD,
                                err);
        if (th < 0)
            return -1;
        y += th + 1.5;
    }
    for (int e = 0; e < ne; e++) {
        double ex = x + (e / rows) * colw, ey = y + (e % rows) * LEG_ROW;
        int cls = e < m->k ? e : (e == m->k && m->missing) ? -1 : -2;
        char lab[160];
        legend_label(c, m, e, counts, lab, sizeof lab);
        if (cr)
            swatch(cr, m, cls, ex * MM, (ey + 0.35) * MM, 6.0 * MM, 3.3 * MM);
        if (bs_doc_text(d, ex + 7.8, ey, colw - 8.5, lab, BS_TEXT_SMALL,
                        BS_T_ONELINE | (cls == mark ? BS_T_BOLD : 0), err) < 0)
            return -1;
    }
    return 0;
}

/* ---- maps ---- */

typedef struct mapjob {
    rctx *c;
    const rmap *m;
    const bs_areas *areas;
    const int *cls;
    const double *extent;
    const size_t *focus;
    size_t nfocus;
    const char *const *labels;
    unsigned furniture;
} mapjob;                     /* areas NULL: the whole set (whole_at) */

/* The areas for a map of the whole set drawn into a frame w x h mm: simplified
 * so that no border moves by more than 0.1 mm at the scale the map gets
 * there (the frame's width, or less when its height bounds the map; the
 * renderer never draws larger). A small multiple thus writes a fraction of
 * the vertices of a page-wide map, and each border once instead of twice.
 * A set already made for a scale up to a fifth finer serves again. NULL on
 * error. */
static const bs_areas *whole_at(rctx *c, double w, double h, bs_error *err)
{
    double dx = c->wbox[2] - c->wbox[0], dy = c->wbox[3] - c->wbox[1];
    double drawn = w, tol;
    struct whole_set *slot = NULL;

    if (dx > 0 && dy > 0 && h * dx / dy < w)
        drawn = h * dx / dy;
    tol = bs_print_tolerance(dx, drawn, 0.1);   /* 0 when dx is not > 0 */
    for (size_t k = 0; k < WHOLE_SETS; k++) {
        struct whole_set *ws = &c->whole[k];
        if (ws->a && ws->tol <= tol && ws->tol >= 0.8 * tol)
            return ws->a;
        if (!slot && !ws->a)
            slot = ws;
    }
    if (!slot) {              /* all taken: the finest goes */
        slot = &c->whole[0];
        for (size_t k = 1; k < WHOLE_SETS; k++)
            if (c->whole[k].tol < slot->tol)
                slot = &c->whole[k];
        bs_areas_free(slot->a);
        slot->a = NULL;
    }
    if (bs_areas_simplify(c->j->areas, tol, &slot->a, err) != 0)
        return NULL;
    slot->tol = tol;
    return slot->a;
}

static int draw_map_cb(void *ud, cairo_t *cr, double x, double y, double w,
                       double h, bs_error *err)
{
    mapjob *mj = ud;
    rctx *c = mj->c;
    bs_map m;

    if (mj->m->k < 1)
        return 0;     /* no values at all: the legend says so */
    memset(&m, 0, sizeof m);
    m.areas = mj->areas ? mj->areas : whole_at(c, w, h, err);
    if (!m.areas)
        return -1;
    m.cls = mj->cls;
    m.k = mj->m->k;
    m.fill = mj->m->fill;
    m.lower = mj->m->lower;
    m.upper = mj->m->upper;
    m.count = mj->m->count;
    m.missing = mj->m->missing;
    m.decimals = mj->m->decimals;
    m.language = c->lang;
    m.title = c->title;
    m.legend_title = mj->m->title;
    m.source = c->j->source;
    m.date = c->date;
    m.iso_date = c->j->iso_date;
    m.paper.width_mm = 210;
    m.paper.height_mm = 297;
    m.extent = mj->extent;
    m.focus = mj->focus;
    m.nfocus = mj->nfocus;
    m.labels = mj->labels;
    m.furniture = mj->furniture;
    return bs_map_draw(cr, &m, x, y, w, h, err);
}

/* Height (mm) for a map of the whole area set w mm wide, kept between
 * lo and hi. */
static double map_height(const rctx *c, double w, double lo, double hi)
{
    double b[4], h;

    if (bs_areas_bbox(c->j->areas, b) != 0 || !(b[2] > b[0]))
        return lo;
    h = w * (b[3] - b[1]) / (b[2] - b[0]);
    return h < lo ? lo : h > hi ? hi : h;
}

/* The areas whose box meets ext, clipped to ext with a small margin
 * (c->win, reused from page to page), with their classes and labels, so
 * that an atlas map draws only what it shows. The focus area's index
 * among them goes to *sub_focus. */
static int cull(rctx *c, const double ext[4], size_t focus, size_t *sub_focus,
                bs_error *err)
{
    double box[4], mx = 0.03 * (ext[2] - ext[0]), my = 0.03 * (ext[3] - ext[1]);
    const bs_areas *sub = &c->win.sub;

    box[0] = ext[0] - mx;
    box[1] = ext[1] - my;
    box[2] = ext[2] + mx;
    box[3] = ext[3] + my;
    if (bs_window_cut(&c->win, c->j->areas, c->bbox, box, err) != 0)
        return -1;
    if (sub->n + 1 > c->cap_sub) {
        size_t cap = 2 * (sub->n + 1);
        int *cl = realloc(c->sub_cls, cap * sizeof *cl);
        const char **lb = cl ? realloc(c->sub_labels, cap * sizeof *lb) : NULL;
        if (cl)
            c->sub_cls = cl;
        if (!lb)
            return bs_error_set(err, "report: out of memory");
        c->sub_labels = lb;
        c->cap_sub = cap;
    }
    for (size_t k = 0; k < sub->n; k++) {
        size_t i = c->win.of[k];
        c->sub_cls[k] = c->score.cls[i];
        c->sub_labels[k] = i == focus ? NULL : c->j->name[i];
        if (i == focus)
            *sub_focus = k;
    }
    return 0;
}

/* The strip of an indicator's normalised values, without an area's dot:
 * every area a tick (a histogram when there are many), the median a
 * longer tick. The same on every profile page. */
static void strip_ground(cairo_t *cr, const rctx *c, size_t k, double x,
                         double y, double w, double h)
{
    double lo = c->nmin[k], hi = c->nmax[k], x0 = x + 4, x1 = x + w - 4;
    double ym = y + h / 2;

#define XPOS(val) (hi > lo ? x0 + ((val) - lo) / (hi - lo) * (x1 - x0) : (x0 + x1) / 2)
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, x0, ym);
    cairo_line_to(cr, x1, ym);
    cairo_stroke(cr);
    if (c->n <= 150) {
        cairo_set_source_rgb(cr, 0.62, 0.62, 0.62);
        cairo_set_line_width(cr, 0.5);
        for (size_t a = 0; a < c->n; a++) {
            double u = c->j->norm[k][a];
            if (!isfinite(u) || c->vflag[k][a] == BS_DISC_SUPPRESSED)
                continue;
            cairo_move_to(cr, XPOS(u), ym - 2.4);
            cairo_line_to(cr, XPOS(u), ym + 2.4);
        }
        cairo_stroke(cr);
    } else {
        enum { NB = 24 };
        size_t bin[NB] = {0}, most = 1;
        for (size_t a = 0; a < c->n; a++) {
            double u = c->j->norm[k][a];
            int b;
            if (!isfinite(u) || c->vflag[k][a] == BS_DISC_SUPPRESSED)
                continue;
            b = hi > lo ? (int)((u - lo) / (hi - lo) * NB) : NB / 2;
            if (b >= NB) b = NB - 1;
            if (b < 0) b = 0;
            if (++bin[b] > most)
                most = bin[b];
        }
        /* one step outline: far less PDF than a rectangle per bin */
        cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
        cairo_move_to(cr, x0, ym + 2.5);
        for (int b = 0; b < NB; b++) {
            double top = ym + 2.5 - (bin[b] ? fmax(0.5, 5.0 * (double)bin[b] /
                                                        (double)most) : 0);
            cairo_line_to(cr, x0 + b * (x1 - x0) / NB, top);
            cairo_line_to(cr, x0 + (b + 1) * (x1 - x0) / NB, top);
        }
        cairo_line_to(cr, x1, ym + 2.5);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, XPOS(c->nmed[k]), ym - 3.6);
    cairo_line_to(cr, XPOS(c->nmed[k]), ym + 3.6);
    cairo_stroke(cr);
#undef XPOS
}

/* The ground of indicator k's strip as a form of its own, w x h pt, named
 * for cairo's PDF writer (CAIRO_MIME_TYPE_UNIQUE_ID) by indicator and size:
 * the writer keeps one XObject per name, so every profile page carries
 * only a reference to it and the dot, instead of some 150 coordinates per
 * strip. Each page records its own form, so that no surface is shared
 * with the thread that writes the pages (see typeset.h, Threads). NULL on
 * error (the caller then draws the ground itself). */
static cairo_surface_t *strip_form(const rctx *c, size_t k, double w, double h)
{
    cairo_rectangle_t ext = {0, 0, w, h};
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
                                                        &ext);
    cairo_t *rc = cairo_create(s);
    char *id = malloc(64);

    strip_ground(rc, c, k, 0, 0, w, h);
    cairo_destroy(rc);
    if (id) {
        int n = snprintf(id, 64, "buurtscan-strip-%zu-%.3f-%.3f", k, w, h);
        if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID,
                                        (unsigned char *)id, (unsigned long)n,
                                        free, id) != CAIRO_STATUS_SUCCESS)
            free(id);
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* The strip of indicator k with area i as a dot (the ground: strip_form). */
static void strip_draw(cairo_t *cr, rctx *c, size_t k, size_t i, double x,
                       double y, double w, double h)
{
    double lo = c->nmin[k], hi = c->nmax[k], x0 = x + 4, x1 = x + w - 4;
    double ym = y + h / 2, v = c->j->norm[k][i];
    int show = c->vflag[k][i] != BS_DISC_SUPPRESSED && isfinite(v);
    bs_colour acc = c->accent;
    cairo_surface_t *f;

    if (!isfinite(lo))
        return;
    if ((f = strip_form(c, k, w, h))) {
        cairo_save(cr);
        cairo_set_source_surface(cr, f, x, y);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(f);   /* the page keeps its own copy */
    } else {
        strip_ground(cr, c, k, x, y, w, h);
    }
#define XPOS(val) (hi > lo ? x0 + ((val) - lo) / (hi - lo) * (x1 - x0) : (x0 + x1) / 2)
    if (show) {
        cairo_arc(cr, XPOS(v), ym, 2.3, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_arc(cr, XPOS(v), ym, 1.75, 0, 2 * M_PI);
        colset(cr, acc);
        cairo_fill(cr);
        cairo_new_path(cr);
    }
#undef XPOS
}

/* Area i's rank interval p05-p95 on an axis of ranks 1 (left) .. nscored:
 * a bar, the median as a tick and the nominal rank as a dot. */
static void rank_bar(cairo_t *cr, const rctx *c, size_t i, double x, double y,
                     double w, double h)
{
    const bs_unc_result *u = &c->j->unc;
    double N = (double)c->nscored, x0 = x + 4, x1 = x + w - 4, ym = y + h / 2;
    double a = u->rank_p05[i], b = u->rank_p95[i], md = u->rank_median[i];
    double r = c->j->rank[i];
    bs_colour acc = c->accent;

    if (!isfinite(a) || !isfinite(b) || N < 1)
        return;
#define RX(val) (N > 1 ? x0 + ((val) - 1) / (N - 1) * (x1 - x0) : (x0 + x1) / 2)
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, x0, ym);
    cairo_line_to(cr, x1, ym);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.6 + 0.4 * acc.r, 0.6 + 0.4 * acc.g,
                         0.6 + 0.4 * acc.b);
    cairo_rectangle(cr, RX(a) - 0.8, ym - 2.2, RX(b) - RX(a) + 1.6, 4.4);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_set_line_width(cr, 0.9);
    cairo_move_to(cr, RX(md), ym - 3.4);
    cairo_line_to(cr, RX(md), ym + 3.4);
    cairo_stroke(cr);
    if (isfinite(r)) {
        colset(cr, acc);
        cairo_arc(cr, RX(r), ym, 1.5, 0, 2 * M_PI);
        cairo_fill(cr);
    }
#undef RX
}

/* ---- text helpers ---- */

/* Sets text split on '\n' as paragraphs. */
static int paras(bs_doc *d, const char *text, bs_text_kind kind,
                 unsigned flags, bs_error *err)
{
    const char *p = text;

    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *one = malloc(len + 1);
        int rc;
        if (!one)
            return bs_error_set(err, "report: out of memory");
        memcpy(one, p, len);
        one[len] = '\0';
        rc = bs_doc_paragraph(d, one, kind, flags, err);
        free(one);
        if (rc != 0)
            return -1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

/* A paragraph built with printf. */
static int paraf(bs_doc *d, unsigned flags, bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int paraf(bs_doc *d, unsigned flags, bs_error *err, const char *fmt, ...)
{
    va_list ap;
    char buf[4096];
    int rc;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rc = bs_doc_paragraph(d, buf, BS_TEXT_BODY, flags, err);
    return rc;
}

static int section_start(bs_doc *d, const rctx *c, bs_report_section s,
                         bs_error *err)
{
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, c->t->sec[s].title, 20, err) != 0)
        return -1;
    return c->t->sec[s].intro ? paras(d, c->t->sec[s].intro, BS_TEXT_BODY, 0, err)
                              : 0;
}

/* The printable value of indicator k in area i, with its footnote. */
static void value_cell(const rctx *c, size_t k, size_t i, bs_doc_cell *o)
{
    unsigned char f = c->vflag[k][i];

    if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
        o->text = ".";
        o->note_symbol = ".";
        o->note_text = bs_disc_footnote((bs_disc_flag)f, c->lang);
        return;
    }
    o->text = num(c, c->val[k][i], c->dec[k], o->buf, sizeof o->buf);
}

/* A reference value (municipal, national) of indicator k: counts are
 * disclosed like every other count; NaN = not given (empty). */
static void ref_cell(const rctx *c, size_t k, double v, bs_doc_cell *o)
{
    if (isnan(v))
        return;
    if (c->ind[k].kind == BS_DISC_COUNT) {
        double out;
        bs_disc_flag f = bs_disclose_count(v, &c->in->disc, &out);
        if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
            o->text = ".";
            o->note_symbol = ".";
            o->note_text = bs_disc_footnote(f, c->lang);
            return;
        }
        v = out;
    }
    o->text = num(c, v, c->dec[k], o->buf, sizeof o->buf);
}

/* ---- cover ---- */

static int logo_cb(void *ud, cairo_t *cr, double x, double y, double w,
                   double h, bs_error *err)
{
    cairo_surface_t *img = ud;
    double iw = cairo_image_surface_get_width(img);
    double ih = cairo_image_surface_get_height(img);
    double s = fmin(w * MM / iw, h * MM / ih);

    (void)err;
    cairo_translate(cr, x * MM, y * MM);
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    return 0;
}

static int bar_cb(void *ud, cairo_t *cr, double x, double y, double w,
                  double h, bs_error *err)
{
    const rctx *c = ud;

    (void)err;
    colset(cr, c->accent);
    cairo_rectangle(cr, x * MM, y * MM, w * MM, h * MM);
    cairo_fill(cr);
    return 0;
}

static int cover(bs_doc *d, rctx *c, bs_error *err)
{
    double x, top, w, y, h;
    const bs_doc_style *st = bs_doc_get_style(d);

    if (bs_doc_new_page(d, BS_PAGE_PLAIN, err) != 0 ||
        bs_doc_mark(d, 1, T(c, "Voorblad", "Cover"), 0, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    if (c->logo && bs_doc_draw_at(d, x, 22, 55, 22, logo_cb, c->logo, err) != 0)
        return -1;
    y = 92;
    if (bs_doc_draw_at(d, x, y, 28, 2.2, bar_cb, c, err) != 0)
        return -1;
    y += 8;
    h = bs_doc_text(d, x, y, w * 0.9, c->title, BS_TEXT_TITLE, 0, err);
    if (h < 0)
        return -1;
    y += h + 5;
    if (c->in->subtitle) {
        h = bs_doc_text(d, x, y, w * 0.9, c->in->subtitle, BS_TEXT_SUBTITLE,
                        BS_T_SUBTLE, err);
        if (h < 0)
            return -1;
        y += h + 4;
    }
    {
        /* the areas as a quiet silhouette, right of centre */
        mapjob mj;
        double mw = 118, mh2 = 236 - 10 - (y + 6);
        memset(&mj, 0, sizeof mj);
        mj.c = c;
        mj.m = &c->plain;
        mj.cls = c->plain.cls;
        if (mh2 > 40 &&
            bs_doc_draw_at(d, x + w - mw, y + 6, mw, mh2, draw_map_cb, &mj,
                           err) != 0)
            return -1;
    }
    y = 236;
    if (c->in->gemeente) {
        h = bs_doc_text(d, x, y, w, c->in->gemeente, BS_TEXT_BODY, BS_T_BOLD, err);
        if (h < 0)
            return -1;
        y += h;
    }
    h = bs_doc_text(d, x, y, w, c->date, BS_TEXT_BODY, 0, err);
    if (h < 0)
        return -1;
    y += h;
    if (c->in->author) {
        h = bs_doc_text(d, x, y, w, c->in->author, BS_TEXT_BODY, 0, err);
        if (h < 0)
            return -1;
        y += h;
    }
    if (c->j->source) {
        double sh;
        if (bs_doc_text_size(d, w, c->j->source, BS_TEXT_SMALL, 0, NULL, &sh,
                             err) != 0)
            return -1;
        if (bs_doc_text(d, x, st->page_height - st->margin_bottom - sh, w,
                        c->j->source, BS_TEXT_SMALL, BS_T_SUBTLE, err) < 0)
            return -1;
    }
    return 0;
}

/* ---- method and sources ---- */

static const char *dir_text(const rctx *c, int dir)
{
    return dir < 0 ? T(c, "laag = meer vragen", "low = more need")
                   : T(c, "hoog = meer vragen", "high = more need");
}

static void method_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const rctx *c = ud;
    const bs_report_indicator *in = &c->ind[r];

    switch (col) {
    case 0:
        if (in->unit)
            snprintf(o->buf, sizeof o->buf, "%s (%s)", in->label, in->unit);
        else
            snprintf(o->buf, sizeof o->buf, "%s", in->label);
        o->text = o->buf;
        break;
    case 1: o->text = dir_text(c, in->direction); break;
    case 2: o->text = num(c, in->weight, in->weight == floor(in->weight) ? 0 : 2,
                          o->buf, sizeof o->buf); break;
    case 3: o->text = in->normalisation; break;
    case 4: o->text = in->source; break;
    case 5: o->text = in->year; break;
    }
}

static const char *agg_text(const rctx *c, bs_agg_spec a, char *buf, size_t n)
{
    char p[64];

    switch (a.method) {
    case BS_AGG_MEAN: return T(c, "gewogen rekenkundig gemiddelde",
                               "weighted arithmetic mean");
    case BS_AGG_GEOMETRIC: return T(c, "gewogen meetkundig gemiddelde",
                                    "weighted geometric mean");
    case BS_AGG_HARMONIC: return T(c, "gewogen harmonisch gemiddelde",
                                   "weighted harmonic mean");
    case BS_AGG_POWER:
        snprintf(buf, n, "%s (p = %s)", T(c, "gegeneraliseerd gewogen gemiddelde",
                                          "weighted generalised mean"),
                 num(c, a.p, 1, p, sizeof p));
        return buf;
    }
    return "?";
}

static int method(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_job *j = c->j;
    const bs_project *p = j->p;
    bs_doc_column cols[6] = {
        {T(c, "Indicator", "Indicator"), 44, BS_ALIGN_LEFT, 0, 0},
        {T(c, "Richting", "Direction"), 25, BS_ALIGN_LEFT, 0, 0},
        {T(c, "Gewicht", "Weight"), 15, BS_ALIGN_RIGHT, 0, 0},
        {T(c, "Normalisatie", "Normalisation"), 24, BS_ALIGN_LEFT, 0, 0},
        {T(c, "Bron", "Source"), 0, BS_ALIGN_LEFT, 0, 0},
        {T(c, "Jaar", "Year"), 11, BS_ALIGN_RIGHT, 0, 0}};
    bs_doc_table tb;
    size_t k, ncov = 0, nsmall = 0, nimp = 0;
    char a[64], b[64], buf[128];
    int any_def = 0, any_year = 0;

    if (section_start(d, c, BS_SEC_METHOD, err) != 0 ||
        bs_doc_heading(d, 2, T(c, "Indicatoren", "Indicators"), 30, err) != 0)
        return -1;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    for (k = 0; k < c->nind; k++)
        if (c->ind[k].year)
            any_year = 1;
    tb.ncols = any_year ? 6 : 5;
    tb.nrows = c->nind;
    tb.cell = method_cell;
    tb.ud = c;
    tb.zebra = 1;
    if (bs_doc_table_run(d, &tb, err) != 0)
        return -1;
    for (k = 0; k < c->nind; k++)
        if (c->ind[k].definition)
            any_def = 1;
    if (any_def) {
        if (bs_doc_heading(d, 2, T(c, "Definities", "Definitions"), 15, err) != 0)
            return -1;
        for (k = 0; k < c->nind; k++) {
            char *l, *t, *s;
            int rc;
            if (!c->ind[k].definition)
                continue;
            l = g_markup_escape_text(c->ind[k].label, -1);
            t = g_markup_escape_text(c->ind[k].definition, -1);
            s = bs_text_printf("<b>%s.</b> %s", l, t);
            g_free(l);
            g_free(t);
            if (!s)
                return bs_error_set(err, "report: out of memory");
            rc = bs_doc_paragraph(d, s, BS_TEXT_BODY, BS_T_MARKUP, err);
            free(s);
            if (rc != 0)
                return -1;
        }
    }

    if (bs_doc_heading(d, 2, T(c, "Zo is de score berekend",
                               "How the score is made"), 20, err) != 0)
        return -1;
    if (paraf(d, 0, err, c->en
              ? "Every indicator is normalised (see the table) and oriented so "
                "that a higher value always means more need. The score of a %s "
                "is the %s of its normalised values, with the weights in the "
                "table.%s"
              : "Elke indicator is genormaliseerd (zie de tabel) en zo gericht "
                "dat een hogere waarde steeds op meer vragen wijst. De score van "
                "een %s is het %s van de genormaliseerde waarden, met de "
                "gewichten uit de tabel.%s",
              c->area1, agg_text(c, p->score.aggregate, buf, sizeof buf),
              p->ndom ? (c->en ? " The indicators are first combined per domain, "
                                 "and the domains into the score."
                               : " De indicatoren zijn eerst per domein "
                                 "samengevoegd en de domeinen daarna tot de score.")
                      : "") != 0)
        return -1;
    if (paraf(d, 0, err, c->en
              ? "Rank 1 is the highest score. The decile is 10 \xc3\x97 rank / "
                "the number of %s with a score, rounded up: decile 1 holds the "
                "10%% of %s with the most need. %zu of the %zu %s have a score."
              : "Rang 1 is de hoogste score. Het deciel is 10 \xc3\x97 rang / het "
                "aantal %s met een score, naar boven afgerond: deciel 1 bevat de "
                "10%% %s met de meeste vragen. %zu van de %zu %s hebben een score.",
              c->areas, c->areas, c->nscored, c->n, c->areas) != 0)
        return -1;

    if (bs_doc_heading(d, 2, T(c, "Ontbrekende gegevens, kleine gebieden en "
                               "geheimhouding", "Missing data, small areas and "
                               "confidentiality"), 25, err) != 0)
        return -1;
    for (size_t i = 0; i < c->n; i++) {
        if (j->status[i] == BS_STATUS_COVERAGE)
            ncov++;
        if (j->status[i] == BS_STATUS_SMALL)
            nsmall++;
    }
    for (k = 0; k < c->nind; k++)
        nimp += j->nimputed ? j->nimputed[k] : 0;
    {
        char *items[6];
        size_t ni = 0;
        items[ni++] = bs_text_printf(c->en
            ? "A %s gets a score only when indicators with together at least "
              "%s of the weight have a value; %zu %s %s no score for this "
              "reason."
            : "Een %s krijgt alleen een score als indicatoren met samen minstens "
              "%s van het gewicht een waarde hebben; %zu %s %s daardoor geen "
              "score.", c->area1, pct(c, p->score.min_coverage, a, sizeof a),
            ncov, ncov == 1 ? c->area1 : c->areas,
            ncov == 1 ? T(c, "heeft", "has") : T(c, "hebben", "have"));
        if (p->score.min_population >= 0)
            items[ni++] = bs_text_printf(c->en
                ? "%s with fewer than %s residents get no score (too small): %zu."
                : "%s met minder dan %s inwoners krijgen geen score (te klein): %zu.",
                c->Areas, num(c, p->score.min_population, 0, b, sizeof b), nsmall);
        if (nimp)
            items[ni++] = bs_text_printf(c->en
                ? "%zu missing values were filled in (imputed) for the score; "
                  "the tables show the measured values."
                : "Voor de score zijn %zu ontbrekende waarden aangevuld "
                  "(geïmputeerd); de tabellen tonen de gemeten waarden.", nimp);
        items[ni++] = bs_text_printf(c->en
            ? "Counts below %s are not published; other counts are rounded to "
              "a multiple of %s. Rates on a denominator below %s are not "
              "published."
            : "Aantallen kleiner dan %s worden niet gepubliceerd; andere aantallen "
              "zijn afgerond op een veelvoud van %s. Verhoudingen (zoals "
              "percentages) met een noemer kleiner dan %s worden niet "
              "gepubliceerd.",
            num(c, c->in->disc.min_count, 0, a, sizeof a),
            num(c, c->in->disc.round_base, 0, b, sizeof b),
            num(c, c->in->disc.min_denominator, 0, buf, sizeof buf));
        items[ni++] = bs_text_dup(c->en
            ? "Where a total is printed and exactly one cell behind it is "
              "secret, the smallest other cell is kept secret too, so that the "
              "secret cell cannot be calculated back from the total (CBS "
              "practice)."
            : "Staat er een totaal bij en is precies één cel geheim, dan wordt "
              "ook de kleinste andere cel geheim gehouden, zodat de geheime cel "
              "niet uit het totaal is terug te rekenen (werkwijze van het CBS).");
        items[ni++] = bs_text_dup(c->en
            ? "A point (.) in a table means: unknown, secret or unreliable."
            : "Een punt (.) in een tabel betekent: onbekend, geheim of "
              "onbetrouwbaar.");
        for (size_t i = 0; i < ni; i++)
            if (!items[i]) {
                for (size_t q = 0; q < ni; q++)
                    free(items[q]);
                return bs_error_set(err, "report: out of memory");
            }
        k = (size_t)bs_doc_bullets(d, (const char *const *)items, ni, 0, err);
        for (size_t i = 0; i < ni; i++)
            free(items[i]);
        if (k != 0)
            return -1;
    }

    if (j->has_unc) {
        char nl[256] = "";
        size_t used = 0;
        for (size_t q = 0; q < p->unc.nnormalise && used < sizeof nl; q++)
            used += (size_t)snprintf(nl + used, sizeof nl - used, "%s%s",
                                     q ? ", " : "",
                                     norm_text(p->unc.normalise[q], c->en));
        if (bs_doc_heading(d, 2, T(c, "Onzekerheid", "Uncertainty"), 25, err) != 0)
            return -1;
        if (paraf(d, 0, err, c->en
                  ? "A ranking depends on choices: the weights and the "
                    "normalisation. To show how firm a rank is, the calculation "
                    "was repeated %s times, each time with every weight "
                    "multiplied by a random factor between %s and %s and a "
                    "normalisation drawn from: %s (seed %llu). The rank interval "
                    "runs from the 5th to the 95th percentile of the ranks in "
                    "those runs."
                  : "Een rangorde hangt af van keuzes: de gewichten en de "
                    "normalisatie. Om te laten zien hoe vast een rang is, is de "
                    "berekening %s keer herhaald, telkens met elk gewicht "
                    "vermenigvuldigd met een toevallige factor tussen %s en %s en "
                    "een normalisatie getrokken uit: %s (startgetal %llu). Het "
                    "rang-interval loopt van het 5e tot het 95e percentiel van de "
                    "rangen in die herhalingen.",
                  num(c, (double)p->unc.runs, 0, a, sizeof a),
                  num(c, 1 - p->unc.weights, 2, b, sizeof b),
                  num(c, 1 + p->unc.weights, 2, buf, sizeof buf), nl,
                  (unsigned long long)p->unc.seed) != 0)
            return -1;
        if (p->unc.top && paraf(d, 0, err, c->en
                  ? "The chance of a top %zu place is the share of the runs in "
                    "which the %s ranks %zu or better."
                  : "De kans op de top %zu is het aandeel herhalingen waarin de "
                    "%s rang %zu of beter heeft.",
                  p->unc.top, c->area1, p->unc.top) != 0)
            return -1;
    }
    if (c->t->caveat && bs_doc_callout(d, c->t->caveat_title, c->t->caveat, 0,
                                       err) != 0)
        return -1;
    return 0;
}

/* ---- overview map ---- */

static int overview(bs_doc *d, rctx *c, bs_error *err)
{
    double x, w, h, lh;
    mapjob mj;

    if (section_start(d, c, BS_SEC_OVERVIEW, err) != 0)
        return -1;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    lh = legend_height(d, &c->score, w / 2, 1, 1, err);
    if (lh < 0)
        return -1;
    bs_doc_skip(d, 3);
    h = map_height(c, w, 90, bs_doc_room(d) - lh - 14);
    memset(&mj, 0, sizeof mj);
    mj.c = c;
    mj.m = &c->score;
    mj.cls = c->score.cls;
    mj.furniture = BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW;
    if (bs_doc_block(d, h, draw_map_cb, &mj, err) != 0)
        return -1;
    bs_doc_skip(d, 4);
    if (bs_doc_need(d, lh, err) != 0 ||
        legend_draw(d, c, &c->score, x, bs_doc_y(d), w / 2, 1, 1, 1, -9,
                    err) != 0)
        return -1;
    bs_doc_set_y(d, bs_doc_y(d) + lh + 3);
    return c->j->source ? bs_doc_paragraph(d, c->j->source, BS_TEXT_SMALL,
                                           BS_T_SUBTLE | BS_T_FULL, err)
                        : 0;
}

/* ---- ranking ---- */

static const char *status_text(const rctx *c, unsigned char st)
{
    return st == BS_STATUS_SMALL
               ? T(c, "geen score: te klein", "no score: too small")
               : T(c, "geen score: te weinig gegevens", "no score: too few data");
}

static void rank_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const rctx *c = ud;
    const bs_job *j = c->j;
    size_t i = c->order[r];
    int scored = isfinite(j->score[i]);

    switch (col) {
    case 0:
        if (isfinite(j->rank[i]))
            o->text = num(c, j->rank[i], j->rank[i] == floor(j->rank[i]) ? 0 : 1,
                          o->buf, sizeof o->buf);
        break;
    case 1: o->text = j->key[i]; break;
    case 2: o->text = j->name[i]; break;
    case 3:
        if (scored) {
            o->text = num(c, j->score[i], 2, o->buf, sizeof o->buf);
        } else {
            o->text = "\xe2\x80\x94";
            o->note_symbol = "\xe2\x80\x94";
            o->note_text = status_text(c, j->status[i]);
        }
        break;
    case 4:
        if (isfinite(j->decile[i]))
            o->text = num(c, j->decile[i], 0, o->buf, sizeof o->buf);
        break;
    case 6:
        if (j->has_unc && isfinite(j->unc.rank_p05[i])) {
            char a[48], b[48];
            num(c, j->unc.rank_p05[i], 0, a, sizeof a);
            num(c, j->unc.rank_p95[i], 0, b, sizeof b);
            if (strcmp(a, b) == 0)
                snprintf(o->buf, sizeof o->buf, "%s", a);
            else
                snprintf(o->buf, sizeof o->buf, "%s\xe2\x80\x93%s", a, b);
            o->text = o->buf;
        }
        break;
    case 7:
        if (j->has_unc && isfinite(j->unc.p_top[i]))
            o->text = pct(c, j->unc.p_top[i], o->buf, sizeof o->buf);
        break;
    }
}

static int rank_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                     double y, double w, double h, bs_error *err)
{
    const rctx *c = ud;

    (void)col;
    (void)err;
    rank_bar(cr, c, c->order[r], x, y, w, h);
    return 0;
}

static int ranking(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_job *j = c->j;
    char top[64], cap[160];
    bs_doc_column cols[8] = {
        {T(c, "Rang", "Rank"), 12, BS_ALIGN_RIGHT, 0, 0},
        {T(c, "Code", "Code"), 20, BS_ALIGN_LEFT, 0, 0},
        {c->Area1, 0, BS_ALIGN_LEFT, 0, 0},
        {T(c, "Score", "Score"), 16, BS_ALIGN_RIGHT, 0, 0},
        {T(c, "Deciel", "Decile"), 14, BS_ALIGN_RIGHT, 0, 0},
        {T(c, "Rang bij onzekerheid", "Rank under uncertainty"), 40,
         BS_ALIGN_CENTRE, 1, 0},
        {T(c, "p5\xe2\x80\x93p95", "p5\xe2\x80\x93p95"), 15, BS_ALIGN_RIGHT, 0, 0},
        {top, 16, BS_ALIGN_RIGHT, 0, 0}};
    bs_doc_table tb;

    snprintf(top, sizeof top, T(c, "Kans top %zu", "Chance top %zu"),
             j->p->unc.top);
    if (section_start(d, c, BS_SEC_RANKING, err) != 0)
        return -1;
    if (j->has_unc && paraf(d, 0, err, c->en
            ? "The bar shows the rank interval: it runs from the 5th to the 95th "
              "percentile of the ranks under %s variations of the weights and "
              "the normalisation; the tick is the median and the dot the rank "
              "in this report. Rank 1 is at the left, rank %zu at the right."
            : "De balk toont het rang-interval: van het 5e tot het 95e percentiel "
              "van de rangen bij %s variaties van de gewichten en de "
              "normalisatie; het streepje is de mediaan en de stip de rang in "
              "dit rapport. Rang 1 staat links, rang %zu rechts.",
            num(c, (double)j->p->unc.runs, 0, cap, sizeof cap), c->nscored) != 0)
        return -1;
    snprintf(cap, sizeof cap, T(c, "%s naar rang", "%s by rank"), c->Areas);
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = !j->has_unc ? 5 : j->p->unc.top ? 8 : 7;
    tb.nrows = c->n;
    tb.caption = cap;
    tb.zebra = 1;
    tb.cell = rank_cell;
    tb.draw = rank_draw;
    tb.ud = c;
    return bs_doc_table_run(d, &tb, err);
}

/* ---- indicator maps ---- */

static int indicator_maps(bs_doc *d, rctx *c, bs_error *err)
{
    double x, w, gap = 8, pw, mh, lh = 0, th = 0, ph, aspect;
    size_t k;

    if (section_start(d, c, BS_SEC_INDICATORS, err) != 0)
        return -1;
    bs_doc_frame(d, &x, NULL, &w, NULL);
    pw = (w - gap) / 2;
    mh = map_height(c, pw, 42, 62);
    {
        double b[4];
        aspect = bs_areas_bbox(c->j->areas, b) == 0 && b[3] > b[1]
                     ? (b[2] - b[0]) / (b[3] - b[1]) : 1.0;
    }
    /* one panel height for all: the tallest title and legend */
    for (k = 0; k < c->nind; k++) {
        double h1 = legend_height(d, &c->imap[k], pw, 2, 0, err), h2;
        if (h1 < 0 || bs_doc_text_size(d, pw, c->imap[k].title, BS_TEXT_SMALL,
                                       BS_T_BOLD, NULL, &h2, err) != 0)
            return -1;
        if (h1 > lh) lh = h1;
        if (h2 > th) th = h2;
    }
    /* three rows of panels (six maps) on a page, the first one included */
    {
        double sh = 0, fit;
        if (c->j->source && bs_doc_text_size(d, w, c->j->source, BS_TEXT_SMALL,
                                             0, NULL, &sh, err) != 0)
            return -1;
        fit = (bs_doc_room(d) - sh - 4 - 2 * 7) / 3 - th - 3.5 - lh;
        mh = fmin(mh, fmax(30, fit));
    }
    ph = th + 1.5 + mh + 2 + lh;
    for (k = 0; k < c->nind; k += 2) {
        double y;
        if (bs_doc_need(d, ph, err) != 0)
            return -1;
        y = bs_doc_y(d);
        for (size_t q = k; q < k + 2 && q < c->nind; q++) {
            double px = x + (double)(q - k) * (pw + gap);
            mapjob mj;
            memset(&mj, 0, sizeof mj);
            mj.c = c;
            mj.m = &c->imap[q];
            mj.cls = c->imap[q].cls;
            if (bs_doc_text(d, px, y, pw, c->imap[q].title, BS_TEXT_SMALL,
                            BS_T_BOLD, err) < 0 ||
                bs_doc_draw_at(d, px, y + th + 1.5, fmin(pw, mh * aspect), mh,
                               draw_map_cb, &mj, err) != 0 ||
                legend_draw(d, c, &c->imap[q], px, y + th + 1.5 + mh + 2, pw, 2,
                            0, 1, -9, err) != 0)
                return -1;
        }
        bs_doc_set_y(d, y + ph + (k + 2 < c->nind ? 7 : 3));
    }
    return c->j->source ? bs_doc_paragraph(d, c->j->source, BS_TEXT_SMALL,
                                           BS_T_SUBTLE | BS_T_FULL, err)
                        : 0;
}

/* ---- area profiles (atlas) ---- */

#define QGAP 3.0              /* mm between the question boxes */
#define NAMES_MAP_MAX 60      /* areas up to which the profiles section
                                 opens with a map of their names */
#define CONTENTS_AREAS_MAX 150 /* areas up to which the contents list every
                                 profile (the outline always does) */
#define ATLAS_LABELS_MAX 500  /* areas up to which profile maps name the
                                 neighbours; the map renderer sets labels as
                                 glyph outlines, which would double the
                                 file of a national atlas */

enum { PC_LABEL, PC_AREA, PC_MUNI, PC_NAT, PC_NORM, PC_STRIP };

typedef struct profile {
    rctx *c;
    size_t i;                 /* the area */
    int kind[6];              /* PC_* per table column */
} profile;

static void profile_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const profile *pf = ud;
    const rctx *c = pf->c;
    const bs_report_indicator *in = &c->ind[r];
    double v;

    switch (pf->kind[col]) {
    case PC_LABEL:
        if (in->unit)
            snprintf(o->buf, sizeof o->buf, "%s (%s)", in->label, in->unit);
        else
            snprintf(o->buf, sizeof o->buf, "%s", in->label);
        o->text = o->buf;
        break;
    case PC_AREA:
        value_cell(c, r, pf->i, o);
        o->bold = 1;
        break;
    case PC_MUNI:
        if (in->kind == BS_DISC_COUNT && isfinite(in->municipal) &&
            c->tflag[r] == BS_DISC_SUPPRESSED) {
            o->text = ".";                 /* protects a single secret cell */
            o->note_symbol = ".";
            o->note_text = bs_disc_footnote(BS_DISC_SUPPRESSED, c->lang);
        } else {
            ref_cell(c, r, in->municipal, o);
        }
        break;
    case PC_NAT:
        ref_cell(c, r, in->national, o);
        break;
    case PC_NORM:
        v = c->j->norm[r][pf->i];
        if (c->vflag[r][pf->i] == BS_DISC_SUPPRESSED || !isfinite(v)) {
            o->text = ".";
            o->note_symbol = ".";
            o->note_text = bs_disc_footnote(c->vflag[r][pf->i] ==
                                            BS_DISC_SUPPRESSED
                                                ? BS_DISC_SUPPRESSED
                                                : BS_DISC_MISSING, c->lang);
        } else {
            o->text = num(c, v, 2, o->buf, sizeof o->buf);
        }
        break;
    }
}

static int profile_draw(void *ud, cairo_t *cr, size_t r, size_t col, double x,
                        double y, double w, double h, bs_error *err)
{
    const profile *pf = ud;

    (void)col;
    (void)err;
    strip_draw(cr, pf->c, r, pf->i, x, y, w, h);
    return 0;
}

typedef struct social_row {
    rctx *c;
    size_t i;
} social_row;

static void social_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const social_row *sr = ud;
    const rctx *c = sr->c;
    const bs_report_social *s = c->in->social;
    double v = s->count[r * c->n + sr->i], out;
    int places = s->places && s->places[r];
    bs_disc_flag f;

    if (col == 0) {
        o->text = s->label[r];
        return;
    }
    if (col == 1) {
        if (places)
            f = isfinite(v) ? BS_DISC_OK : BS_DISC_MISSING, out = v;
        else
            f = bs_disclose_count(v, &c->in->disc, &out);
    } else {
        double base = s->base[sr->i];
        if (places)
            f = isfinite(v) && isfinite(base) && base > 0
                    ? bs_disclose_rate(s->per * v / base, base, &c->in->disc, &out)
                    : BS_DISC_MISSING;
        else
            f = bs_disclose_rate_of(v, base, s->per, &c->in->disc, &out);
    }
    if (f == BS_DISC_SUPPRESSED || f == BS_DISC_MISSING) {
        o->text = ".";
        o->note_symbol = ".";
        o->note_text = bs_disc_footnote(f, c->lang);
        return;
    }
    o->text = num(c, out, col == 1 ? 0 : 1, o->buf, sizeof o->buf);
}

typedef struct rankbar_job {
    const rctx *c;
    size_t i;
} rankbar_job;

static int rankbar_cb(void *ud, cairo_t *cr, double x, double y, double w,
                      double h, bs_error *err)
{
    const rankbar_job *rb = ud;

    (void)err;
    rank_bar(cr, rb->c, rb->i, x * MM, y * MM, w * MM, h * MM);
    return 0;
}

/* Key figures of area i in the column x, y, w (mm); returns the bottom. */
static double key_figures(bs_doc *d, rctx *c, size_t i, double x, double y,
                          double w, bs_error *err)
{
    const bs_job *j = c->j;
    char buf[256], a[64], b[64], e[64];
    double h;

#define LINE(text, kind, flags, after)                                        \
    do {                                                                      \
        h = bs_doc_text(d, x, y, w, (text), (kind), (flags), err);           \
        if (h < 0)                                                            \
            return -1;                                                        \
        y += h + (after);                                                     \
    } while (0)

    LINE(T(c, "Score", "Score"), BS_TEXT_SMALL, BS_T_SUBTLE, 0.3);
    if (isfinite(j->score[i])) {
        LINE(num(c, j->score[i], 2, buf, sizeof buf), BS_TEXT_H1, BS_T_ACCENT, 0.8);
        snprintf(buf, sizeof buf, T(c, "rang %s van %zu \xc2\xb7 deciel %s",
                                    "rank %s of %zu \xc2\xb7 decile %s"),
                 num(c, j->rank[i], j->rank[i] == floor(j->rank[i]) ? 0 : 1, a,
                     sizeof a), c->nscored, num(c, j->decile[i], 0, b, sizeof b));
        LINE(buf, BS_TEXT_BODY, 0, 2.5);
    } else {
        LINE(status_text(c, j->status[i]), BS_TEXT_BODY, BS_T_BOLD, 2.5);
    }
    if (j->has_unc && isfinite(j->unc.rank_p05[i])) {
        rankbar_job rb = {c, i};
        LINE(T(c, "Rang bij onzekerheid", "Rank under uncertainty"),
             BS_TEXT_SMALL, BS_T_SUBTLE, 0.5);
        if (bs_doc_draw_at(d, x - 1.4, y, w + 2.8, 5, rankbar_cb, &rb, err) != 0)
            return -1;
        y += 5.5;
        snprintf(buf, sizeof buf, T(c, "p5\xe2\x80\x93p95: %s\xe2\x80\x93%s \xc2\xb7 "
                                    "mediaan %s",
                                    "p5\xe2\x80\x93p95: %s\xe2\x80\x93%s \xc2\xb7 "
                                    "median %s"),
                 num(c, j->unc.rank_p05[i], 0, a, sizeof a),
                 num(c, j->unc.rank_p95[i], 0, b, sizeof b),
                 num(c, j->unc.rank_median[i], 0, e, sizeof e));
        LINE(buf, BS_TEXT_SMALL, 0, 1.5);
        if (j->p->unc.top && isfinite(j->unc.p_top[i])) {
            snprintf(buf, sizeof buf, T(c, "Kans op de top %zu: %s",
                                        "Chance of the top %zu: %s"),
                     j->p->unc.top, pct(c, j->unc.p_top[i], a, sizeof a));
            LINE(buf, BS_TEXT_BODY, 0, 2.5);
        }
    }
    if (isfinite(j->coverage[i])) {
        snprintf(buf, sizeof buf, T(c, "Dekking: %s van het gewicht",
                                    "Coverage: %s of the weight"),
                 pct(c, j->coverage[i], a, sizeof a));
        LINE(buf, BS_TEXT_SMALL, BS_T_SUBTLE, 0);
    }
#undef LINE
    return y;
}

typedef struct qbox {
    const rctx *c;
    double h[3];
} qbox;

static int qbox_cb(void *ud, cairo_t *cr, double x, double y, double w,
                   double h, bs_error *err)
{
    const qbox *qb = ud;

    (void)h;
    (void)err;
    for (int q = 0; q < 3; q++) {
        cairo_set_source_rgb(cr, 0.953, 0.957, 0.965);
        cairo_rectangle(cr, x * MM, y * MM, w * MM, qb->h[q] * MM);
        cairo_fill(cr);
        colset(cr, qb->c->accent);
        cairo_rectangle(cr, x * MM, y * MM, w * MM, 0.9);
        cairo_fill(cr);
        y += qb->h[q] + QGAP;
    }
    return 0;
}

/* The three questions of the scan, each in a box with the notes (or a
 * dash); the boxes share the rest of the page, which leaves room to write
 * at the partner table. Notes too long for the page flow on instead. The
 * source line closes the page. */
static int questions(bs_doc *d, rctx *c, size_t i, bs_error *err)
{
    const bs_doc_style *st = bs_doc_get_style(d);
    double x, w, sh = 0, room, need = 0, hq[3], hn[3], pad = 2.6;
    const char *note[3];
    qbox qb;

    bs_doc_frame(d, &x, NULL, &w, NULL);
    if (c->j->source && bs_doc_text_size(d, w, c->j->source, BS_TEXT_SMALL, 0,
                                         NULL, &sh, err) != 0)
        return -1;
    for (int q = 0; q < 3; q++) {
        const char *n = c->in->notes ? c->in->notes[3 * i + q] : NULL;
        note[q] = n && *n ? n : NULL;
        if (bs_doc_text_size(d, w - 2 * pad, c->t->question[q], BS_TEXT_BODY,
                             BS_T_BOLD, NULL, &hq[q], err) != 0 ||
            bs_doc_text_size(d, w - 2 * pad, note[q] ? note[q] : "\xe2\x80\x94",
                             BS_TEXT_BODY, 0, NULL, &hn[q], err) != 0)
            return -1;
        need += hq[q] + hn[q] + 2 * pad + 1.2;
    }
    bs_doc_skip(d, 1);
    room = bs_doc_room(d) - sh - 4 - 2 * QGAP;
    if (need > room && need - 3 * 2 * (pad - 1.4) <= room) {
        need -= 3 * 2 * (pad - 1.4);   /* tighter boxes before giving up */
        pad = 1.4;
    }
    if (need <= room) {
        double extra = (room - need) / 3, y = bs_doc_y(d);
        qb.c = c;
        for (int q = 0; q < 3; q++)
            qb.h[q] = hq[q] + hn[q] + 2 * pad + 1.2 + extra;
        if (bs_doc_draw_at(d, x, y, w, room + 2 * QGAP, qbox_cb, &qb, err) != 0)
            return -1;
        for (int q = 0; q < 3; q++) {
            if (bs_doc_text(d, x + pad, y + pad, w - 2 * pad, c->t->question[q],
                            BS_TEXT_BODY, BS_T_BOLD | BS_T_ACCENT, err) < 0 ||
                bs_doc_text(d, x + pad, y + pad + hq[q] + 1.2, w - 2 * pad,
                            note[q] ? note[q] : "\xe2\x80\x94", BS_TEXT_BODY,
                            note[q] ? 0 : BS_T_SUBTLE, err) < 0)
                return -1;
            y += qb.h[q] + QGAP;
        }
        if (c->j->source &&
            bs_doc_text(d, x, st->page_height - st->margin_bottom - sh, w,
                        c->j->source, BS_TEXT_SMALL, BS_T_SUBTLE, err) < 0)
            return -1;
        bs_doc_set_y(d, st->page_height - st->margin_bottom);
        return 0;
    }
    for (int q = 0; q < 3; q++) {
        if (bs_doc_need(d, hq[q] + 2 * 5, err) != 0 ||
            bs_doc_draw_at(d, x, bs_doc_y(d), w, 0.32, bar_cb, c, err) != 0)
            return -1;
        bs_doc_set_y(d, bs_doc_y(d) + 1.6);
        if (bs_doc_paragraph(d, c->t->question[q], BS_TEXT_BODY,
                             BS_T_BOLD | BS_T_ACCENT | BS_T_FULL, err) != 0)
            return -1;
        bs_doc_set_y(d, bs_doc_y(d) - 1.6);
        if (bs_doc_paragraph(d, note[q] ? note[q] : "\xe2\x80\x94", BS_TEXT_BODY,
                             note[q] ? BS_T_FULL : BS_T_SUBTLE, err) != 0)
            return -1;
    }
    return c->j->source ? bs_doc_paragraph(d, c->j->source, BS_TEXT_SMALL,
                                           BS_T_SUBTLE | BS_T_FULL, err)
                        : 0;
}

static int area_page(bs_doc *d, rctx *c, size_t i, bs_error *err)
{
    const bs_job *j = c->j;
    /* a social-base table takes some of the map's height */
    double x, w, top, mw = 98, mh = c->in->social && c->in->social->nkinds ? 72 : 84;
    double kx, y, lh;
    char title[512];
    profile pf;
    bs_doc_column cols[6];
    bs_doc_table tb;
    int nc = 0;

    if (bs_doc_new_page(d, 0, err) != 0)
        return -1;
    bs_doc_frame(d, &x, &top, &w, NULL);
    snprintf(title, sizeof title, "%s (%s)", j->name[i], j->key[i]);
    if (bs_doc_mark(d, 2, title, c->n <= CONTENTS_AREAS_MAX, err) != 0)
        return -1;
    y = top;
    {
        double h = bs_doc_text(d, x, y, w * 0.75, j->name[i], BS_TEXT_H1,
                               BS_T_ACCENT | BS_T_ONELINE, err);
        if (h < 0 || bs_doc_text(d, x + w, y + 2.2, 0, j->key[i], BS_TEXT_BODY,
                                 BS_T_SUBTLE | BS_T_RIGHT, err) < 0)
            return -1;
        y += h + 3;
    }
    /* the map, zoomed to the area with its neighbours faded */
    if (!isnan(c->bbox[4 * i])) {
        double *b = &c->bbox[4 * i], ext[4], dx = b[2] - b[0], dy = b[3] - b[1];
        double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2, asp = mw / mh;
        size_t focus = 0;
        mapjob mj;
        dx = fmax(dx, 1.0) * 1.3;
        dy = fmax(dy, 1.0) * 1.3;
        if (dx / dy < asp)
            dx = dy * asp;
        else
            dy = dx / asp;
        ext[0] = cx - dx / 2;
        ext[1] = cy - dy / 2;
        ext[2] = cx + dx / 2;
        ext[3] = cy + dy / 2;
        /* The areas in view, clipped to it, then simplified to 0.1 mm at
         * this map's scale (a rural wijk shows far less detail than the
         * file holds) and cut into arcs, so that each border is stroked
         * once, not once from either side: fewer outline points for the
         * PDF writer to print on every page. With labels nothing is
         * dropped (tolerance 0 removes only points on a straight line),
         * so that they are placed as on the full geometry. */
        if (!bs_doc_measuring(d)) {
            bs_areas_free(c->page);
            c->page = NULL;
            if (cull(c, ext, i, &focus, err) != 0 ||
                bs_areas_simplify(&c->win.sub, c->n <= ATLAS_LABELS_MAX ? 0
                                  : bs_print_tolerance(dx, mw, 0.1),
                                  &c->page, err) != 0)
                return -1;
        }
        memset(&mj, 0, sizeof mj);
        mj.c = c;
        mj.m = &c->score;
        mj.areas = c->page ? c->page : &c->win.sub;
        mj.cls = c->sub_cls;
        mj.extent = ext;
        mj.focus = &focus;
        mj.nfocus = 1;
        mj.labels = c->n <= ATLAS_LABELS_MAX ? c->sub_labels : NULL;
        mj.furniture = BS_MAP_SCALE_BAR;
        if (bs_doc_draw_at(d, x, y, mw, mh, draw_map_cb, &mj, err) != 0)
            return -1;
    }
    kx = x + mw + 7;
    {
        /* the legend ends with the map, or under the key figures when
         * they reach down that far */
        double kb = key_figures(d, c, i, kx, y, x + w - kx, err), ly;
        if (kb < 0)
            return -1;
        lh = legend_height(d, &c->score, x + w - kx, 1, 1, err);
        if (lh < 0)
            return -1;
        ly = fmax(y + mh - lh, kb + 4);
        if (legend_draw(d, c, &c->score, kx, ly, x + w - kx, 1, 1, 0,
                        c->score.cls[i], err) != 0)
            return -1;
        bs_doc_set_y(d, fmax(y + mh, ly + lh) + 6);
    }

    /* the indicators */
    memset(&pf, 0, sizeof pf);
    pf.c = c;
    pf.i = i;
    cols[nc] = (bs_doc_column){T(c, "Indicator", "Indicator"), 0, BS_ALIGN_LEFT, 0, 0};
    pf.kind[nc++] = PC_LABEL;
    cols[nc] = (bs_doc_column){c->Area1, 16, BS_ALIGN_RIGHT, 0, 0};
    pf.kind[nc++] = PC_AREA;
    if (c->any_municipal) {
        cols[nc] = (bs_doc_column){T(c, "Gemeente", "Municipality"), 16,
                                   BS_ALIGN_RIGHT, 0, 0};
        pf.kind[nc++] = PC_MUNI;
    }
    if (c->any_national) {
        cols[nc] = (bs_doc_column){T(c, "Nederland", "Netherlands"), 16,
                                   BS_ALIGN_RIGHT, 0, 0};
        pf.kind[nc++] = PC_NAT;
    }
    cols[nc] = (bs_doc_column){T(c, "Genorm.", "Normalised"), 16,
                               BS_ALIGN_RIGHT, 0, 0};
    pf.kind[nc++] = PC_NORM;
    cols[nc] = (bs_doc_column){T(c, "Positie (rechts = meer vragen)",
                                 "Position (right = more need)"), 36,
                               BS_ALIGN_CENTRE, 1, 0};
    pf.kind[nc++] = PC_STRIP;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = (size_t)nc;
    tb.nrows = c->nind;
    tb.zebra = 1;
    tb.cell = profile_cell;
    tb.draw = profile_draw;
    tb.ud = &pf;
    if (bs_doc_table_run(d, &tb, err) != 0)
        return -1;

    if (c->in->social && c->in->social->nkinds) {
        bs_doc_column sc[3] = {
            {T(c, "Sociale basis", "Social base"), 0, BS_ALIGN_LEFT, 0, 0},
            {T(c, "Aantal", "Number"), 22, BS_ALIGN_RIGHT, 0, 0},
            {c->in->social->per_label ? c->in->social->per_label
                                      : T(c, "per 1.000", "per 1,000"),
             34, BS_ALIGN_RIGHT, 0, 0}};
        social_row sr = {c, i};
        memset(&tb, 0, sizeof tb);
        tb.cols = sc;
        tb.ncols = c->in->social->base ? 3 : 2;
        tb.nrows = c->in->social->nkinds;
        tb.width = 100;
        tb.x = x;
        tb.cell = social_cell;
        tb.ud = &sr;
        tb.zebra = 1;
        if (bs_doc_table_run(d, &tb, err) != 0)
            return -1;
    }

    return questions(d, c, i, err);
}

static int areas(bs_doc *d, rctx *c, bs_error *err)
{
    char *items[5];
    size_t ni = 0;
    int rc;

    if (section_start(d, c, BS_SEC_AREAS, err) != 0 ||
        bs_doc_heading(d, 2, T(c, "Zo leest u een profiel",
                               "How to read a profile"), 30, err) != 0)
        return -1;
    items[ni++] = bs_text_printf(c->en
        ? "The map shows the %s in full colour and its neighbours faded; the "
          "colour is the class of the score, as on the overview map."
        : "De kaart toont de %s in volle kleur en haar buren vervaagd; de kleur "
          "is de klasse van de score, zoals op de overzichtskaart.", c->area1);
    items[ni++] = bs_text_printf(c->en
        ? "Normalised: the value after normalisation, oriented so that higher "
          "always means more need."
        : "Genormaliseerd: de waarde na normalisatie, zo gericht dat hoger "
          "steeds meer vragen betekent.");
    items[ni++] = bs_text_printf(c->en
        ? "Position: every tick is a %s, the long tick is the median and the "
          "dot is this %s; further right means more need."
        : "Positie: elk streepje is een %s, het lange streepje is de mediaan en "
          "de stip is deze %s; verder naar rechts betekent meer vragen.",
        c->area1, c->area1);
    if (c->j->has_unc)
        items[ni++] = bs_text_printf(c->en
            ? "Rank under uncertainty: the bar runs from the 5th to the 95th "
              "percentile of the rank when weights and normalisation vary; rank "
              "1 is at the left."
            : "Rang bij onzekerheid: de balk loopt van het 5e tot het 95e "
              "percentiel van de rang als gewichten en normalisatie variëren; "
              "rang 1 staat links.");
    items[ni++] = bs_text_printf(c->en
        ? "The three questions of the scan close each page, with what the "
          "conversations in the %s brought up (\xe2\x80\x94 = not yet filled in)."
        : "De drie vragen van de scan sluiten elke pagina af, met wat de "
          "gesprekken in de %s opleverden (\xe2\x80\x94 = nog niet ingevuld).",
        c->area1);
    rc = 0;
    for (size_t q = 0; q < ni; q++)
        if (!items[q])
            rc = bs_error_set(err, "report: out of memory");
    if (rc == 0)
        rc = bs_doc_bullets(d, (const char *const *)items, ni, 0, err);
    for (size_t q = 0; q < ni; q++)
        free(items[q]);
    if (rc != 0)
        return -1;
    /* a map with the names, to find a profile (legible up to some 60);
     * the labels are placed on the full geometry */
    if (c->n <= NAMES_MAP_MAX && bs_doc_room(d) > 90) {
        double x, w;
        mapjob mj;
        bs_doc_frame(d, &x, NULL, &w, NULL);
        memset(&mj, 0, sizeof mj);
        mj.c = c;
        mj.m = &c->plain;
        mj.areas = c->j->areas;
        mj.cls = c->plain.cls;
        mj.labels = c->j->name;
        bs_doc_skip(d, 3);
        if (bs_doc_block(d, bs_doc_room(d) - 2, draw_map_cb, &mj, err) != 0)
            return -1;
    }
    for (size_t i = 0; i < c->n; i++)
        if (area_page(d, c, i, err) != 0)
            return -1;
    return 0;
}

/* ---- Plus-IKC designation ---- */

typedef struct ikc_tab {
    rctx *c;
    size_t *order;
    int has_ptop, has_prev;
} ikc_tab;

static const char *change_text(const rctx *c, bs_change ch)
{
    switch (ch) {
    case BS_CHANGE_CONTINUED: return T(c, "voortgezet", "continued");
    case BS_CHANGE_NEW: return T(c, "nieuw", "new");
    case BS_CHANGE_DROPPED: return T(c, "vervalt", "dropped");
    default: return "\xe2\x80\x94";
    }
}

static const char *area_name_of(const rctx *c, const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < c->n; i++)
        if (key_eq(c->j->key[i], code))
            return c->j->name[i];
    return code;
}

static void ikc_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const ikc_tab *it = ud;
    const rctx *c = it->c;
    const bs_report_ikc *k = &c->in->ikc[it->order[r]];
    size_t cc = col;

    if (cc >= 4 && !it->has_ptop)
        cc++;
    if (cc >= 5 && !it->has_prev)
        cc++;
    switch (cc) {
    case 0:
        if (isfinite(k->rank))
            o->text = num(c, k->rank, k->rank == floor(k->rank) ? 0 : 1, o->buf,
                          sizeof o->buf);
        break;
    case 1: o->text = k->name ? k->name : k->key; break;
    case 2: o->text = area_name_of(c, k->area); break;
    case 3:
        if (isfinite(k->score))
            o->text = num(c, k->score, 2, o->buf, sizeof o->buf);
        else
            o->text = "\xe2\x80\x94";
        break;
    case 4:
        if (isfinite(k->p_top))
            o->text = pct(c, k->p_top, o->buf, sizeof o->buf);
        break;
    case 5:
        o->text = k->previous > 0 ? T(c, "ja", "yes") : T(c, "nee", "no");
        break;
    case 6:
        o->text = k->designated ? T(c, "ja", "yes") : T(c, "nee", "no");
        o->bold = k->designated;
        break;
    case 7:
        o->text = change_text(c, k->change);
        o->bold = k->change == BS_CHANGE_NEW || k->change == BS_CHANGE_DROPPED;
        break;
    }
}

static unsigned ikc_flags(void *ud, size_t r)
{
    const ikc_tab *it = ud;
    return it->c->in->ikc[it->order[r]].designated ? BS_ROW_SHADE : 0;
}

static int designation(bs_doc *d, rctx *c, bs_error *err)
{
    const bs_report_input *in = c->in;
    ikc_tab it;
    bs_doc_column cols[8];
    bs_doc_table tb;
    size_t nc = 0, nchanged = 0, ndes = 0;
    int rc = -1;

    memset(&it, 0, sizeof it);
    it.c = c;
    it.order = malloc((in->nikc + 1) * sizeof *it.order);
    if (!it.order)
        return bs_error_set(err, "report: out of memory");
    for (size_t q = 0; q < in->nikc; q++) {
        it.order[q] = q;
        if (isfinite(in->ikc[q].p_top))
            it.has_ptop = 1;
        if (in->ikc[q].previous >= 0)
            it.has_prev = 1;
        if (in->ikc[q].change == BS_CHANGE_NEW ||
            in->ikc[q].change == BS_CHANGE_DROPPED)
            nchanged++;
        ndes += in->ikc[q].designated != 0;
    }
    /* by rank, IKCs without a rank last, stable */
    for (size_t a = 1; a < in->nikc; a++)
        for (size_t b = a; b > 0; b--) {
            double ra = in->ikc[it.order[b - 1]].rank, rb = in->ikc[it.order[b]].rank;
            if ((isnan(ra) && !isnan(rb)) || (!isnan(ra) && !isnan(rb) && rb < ra)) {
                size_t t = it.order[b];
                it.order[b] = it.order[b - 1];
                it.order[b - 1] = t;
            } else {
                break;
            }
        }
    if (section_start(d, c, BS_SEC_DESIGNATION, err) != 0)
        goto done;
    if (in->ikc_rule && paraf(d, 0, err, c->en
            ? "Rule: %s. %zu of the %zu IKCs are designated (shaded)."
            : "Regel: %s. %zu van de %zu IKC's zijn aangewezen (gearceerd).",
            in->ikc_rule, ndes, in->nikc) != 0)
        goto done;
    cols[nc++] = (bs_doc_column){T(c, "Rang", "Rank"), 12, BS_ALIGN_RIGHT, 0, 0};
    cols[nc++] = (bs_doc_column){"IKC", 0, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){c->Area1, 34, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){T(c, "Score", "Score"), 15, BS_ALIGN_RIGHT, 0, 0};
    if (it.has_ptop)
        cols[nc++] = (bs_doc_column){T(c, "Kans top", "Chance top"), 16,
                                     BS_ALIGN_RIGHT, 0, 0};
    if (it.has_prev)
        cols[nc++] = (bs_doc_column){T(c, "Vorige", "Before"), 15, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){T(c, "Nu", "Now"), 12, BS_ALIGN_LEFT, 0, 0};
    cols[nc++] = (bs_doc_column){T(c, "Wijziging", "Change"), 20, BS_ALIGN_LEFT, 0, 0};
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = nc;
    tb.nrows = in->nikc;
    tb.cell = ikc_cell;
    tb.row_flags = ikc_flags;
    tb.ud = &it;
    if (bs_doc_table_run(d, &tb, err) != 0)
        goto done;
    if (bs_doc_heading(d, 2, T(c, "Wijzigingen sinds de vorige aanwijzing",
                               "Changes since the previous designation"), 15,
                       err) != 0)
        goto done;
    if (!it.has_prev) {
        if (paraf(d, 0, err, "%s", T(c, "Er is geen vorige aanwijzing opgegeven.",
                                     "No previous designation was given.")) != 0)
            goto done;
    } else if (!nchanged) {
        if (paraf(d, 0, err, "%s", T(c, "Geen: alle Plus-IKC's blijven.",
                                     "None: every Plus-IKC stays.")) != 0)
            goto done;
    } else {
        char **items = calloc(nchanged + 1, sizeof *items);
        size_t ni = 0;
        if (!items) {
            bs_error_set(err, "report: out of memory");
            goto done;
        }
        for (size_t r = 0; r < in->nikc; r++) {
            const bs_report_ikc *k = &in->ikc[it.order[r]];
            char *nm, *rs;
            if (k->change != BS_CHANGE_NEW && k->change != BS_CHANGE_DROPPED)
                continue;
            nm = g_markup_escape_text(k->name ? k->name : k->key, -1);
            rs = g_markup_escape_text(k->reason ? k->reason : "", -1);
            items[ni++] = bs_text_printf("<b>%s</b> (%s)%s%s", nm,
                                  change_text(c, k->change),
                                  k->reason ? ": " : "", rs);
            g_free(nm);
            g_free(rs);
        }
        rc = 0;
        for (size_t q = 0; q < ni; q++)
            if (!items[q])
                rc = bs_error_set(err, "report: out of memory");
        if (rc == 0)
            rc = bs_doc_bullets(d, (const char *const *)items, ni, BS_T_MARKUP,
                                err);
        for (size_t q = 0; q < ni; q++)
            free(items[q]);
        free(items);
        if (rc != 0)
            goto done;
    }
    rc = 0;
done:
    free(it.order);
    return rc;
}

/* ---- appendix: the data table ---- */

enum { ROW_TOTAL = 1, ROW_MUNI, ROW_NAT };

typedef struct app_tab {
    rctx *c;
    size_t k0, k1;            /* indicators [k0, k1) */
    int score;                /* score and rank columns */
    int extra[3];             /* ROW_* after the areas */
    size_t nextra;
} app_tab;

static void app_cell(void *ud, size_t r, size_t col, bs_doc_cell *o)
{
    const app_tab *at = ud;
    const rctx *c = at->c;
    const bs_job *j = c->j;
    size_t nk = at->k1 - at->k0;

    if (r < c->n) {
        size_t i = r;
        if (col == 0)
            o->text = j->key[i];
        else if (col == 1)
            o->text = j->name[i];
        else if (col - 2 < nk)
            value_cell(c, at->k0 + col - 2, i, o);
        else if (col - 2 == nk && isfinite(j->score[i]))
            o->text = num(c, j->score[i], 2, o->buf, sizeof o->buf);
        else if (col - 2 == nk) {
            o->text = "\xe2\x80\x94";
            o->note_symbol = "\xe2\x80\x94";
            o->note_text = status_text(c, j->status[i]);
        }
        else if (col - 2 == nk + 1 && isfinite(j->rank[i]))
            o->text = num(c, j->rank[i], j->rank[i] == floor(j->rank[i]) ? 0 : 1,
                          o->buf, sizeof o->buf);
        return;
    }
    switch (at->extra[r - c->n]) {
    case ROW_TOTAL:
        if (col == 1)
            o->text = T(c, "Totaal", "Total");
        else if (col >= 2 && col - 2 < nk &&
                 c->ind[at->k0 + col - 2].kind == BS_DISC_COUNT) {
            size_t k = at->k0 + col - 2;
            if (c->tflag[k] == BS_DISC_SUPPRESSED || c->tflag[k] == BS_DISC_MISSING) {
                o->text = ".";
                o->note_symbol = ".";
                o->note_text = bs_disc_footnote((bs_disc_flag)c->tflag[k], c->lang);
            } else {
                o->text = num(c, c->total[k], 0, o->buf, sizeof o->buf);
            }
        }
        break;
    case ROW_MUNI:
        if (col == 1)
            o->text = T(c, "Gemeente", "Municipality");
        else if (col >= 2 && col - 2 < nk) {
            size_t k = at->k0 + col - 2;
            if (c->ind[k].kind == BS_DISC_COUNT && isfinite(c->ind[k].municipal) &&
                c->tflag[k] == BS_DISC_SUPPRESSED) {
                o->text = ".";
                o->note_symbol = ".";
                o->note_text = bs_disc_footnote(BS_DISC_SUPPRESSED, c->lang);
            } else {
                ref_cell(c, k, c->ind[k].municipal, o);
            }
        }
        break;
    case ROW_NAT:
        if (col == 1)
            o->text = T(c, "Nederland", "Netherlands");
        else if (col >= 2 && col - 2 < nk)
            ref_cell(c, at->k0 + col - 2, c->ind[at->k0 + col - 2].national, o);
        break;
    }
}

static unsigned app_flags(void *ud, size_t r)
{
    const app_tab *at = ud;

    if (r < at->c->n)
        return 0;
    return (r == at->c->n ? BS_ROW_RULE : 0) | BS_ROW_BOLD;
}

#define APP_CODE 18.0
#define APP_NAME 34.0         /* narrowest name column */
#define APP_SCORE 15.0
#define APP_RANK 12.0
#define APP_COL 14.5          /* an indicator column (rotated header) */

static int appendix(bs_doc *d, rctx *c, bs_error *err)
{
    char **heads = calloc(c->nind + 1, sizeof *heads);
    double x, w;
    bs_doc_column *cols = calloc(c->nind + 5, sizeof *cols);
    size_t k0 = 0, nchunks = 0, chunk_end[64];
    int rc = -1;

    if (!heads || !cols) {
        bs_error_set(err, "report: out of memory");
        goto done;
    }
    bs_doc_frame(d, &x, NULL, &w, NULL);
    for (size_t k = 0; k < c->nind; k++) {
        heads[k] = c->ind[k].unit
                       ? bs_text_printf("%s (%s)", c->ind[k].label, c->ind[k].unit)
                       : bs_text_dup(c->ind[k].label);
        if (!heads[k]) {
            bs_error_set(err, "report: out of memory");
            goto done;
        }
    }
    /* indicators in chunks that fit beside code and name (and, in the
     * first chunk, score and rank); long header words break */
    while (k0 < c->nind || nchunks == 0) {
        double room = w - APP_CODE - APP_NAME - (nchunks == 0 ? APP_SCORE + APP_RANK : 0);
        size_t k1 = k0 + (size_t)(room / APP_COL);
        if (k1 > c->nind)
            k1 = c->nind;
        if (nchunks == sizeof chunk_end / sizeof chunk_end[0]) {
            bs_error_set(err, "report: too many indicators for the appendix");
            goto done;
        }
        chunk_end[nchunks++] = k1;
        k0 = k1;
    }
    if (section_start(d, c, BS_SEC_APPENDIX, err) != 0)
        goto done;
    k0 = 0;
    for (size_t ch = 0; ch < nchunks; ch++) {
        app_tab at;
        bs_doc_table tb;
        char cap[160];
        size_t nc = 0;
        memset(&at, 0, sizeof at);
        at.c = c;
        at.k0 = k0;
        at.k1 = chunk_end[ch];
        k0 = at.k1;
        at.score = ch == 0;
        for (size_t k = at.k0; k < at.k1; k++)
            if (c->ind[k].kind == BS_DISC_COUNT && c->tflag[k] != BS_DISC_MISSING)
                at.extra[0] = ROW_TOTAL;
        if (at.extra[0])
            at.nextra = 1;
        for (size_t k = at.k0; k < at.k1; k++)
            if (isfinite(c->ind[k].municipal)) {
                at.extra[at.nextra++] = ROW_MUNI;
                break;
            }
        for (size_t k = at.k0; k < at.k1; k++)
            if (isfinite(c->ind[k].national)) {
                at.extra[at.nextra++] = ROW_NAT;
                break;
            }
        cols[nc++] = (bs_doc_column){T(c, "Code", "Code"), APP_CODE,
                                     BS_ALIGN_LEFT, 0, 0};
        cols[nc++] = (bs_doc_column){c->Area1, 0, BS_ALIGN_LEFT, 0, 0};
        for (size_t k = at.k0; k < at.k1; k++)
            cols[nc++] = (bs_doc_column){heads[k], APP_COL, BS_ALIGN_RIGHT, 0, 1};
        if (at.score) {
            cols[nc++] = (bs_doc_column){T(c, "Score", "Score"), APP_SCORE,
                                         BS_ALIGN_RIGHT, 0, 0};
            cols[nc++] = (bs_doc_column){T(c, "Rang", "Rank"), APP_RANK,
                                         BS_ALIGN_RIGHT, 0, 0};
        }
        if (nchunks > 1) {
            if (at.k1 > at.k0 + 1)
                snprintf(cap, sizeof cap, T(c, "Indicatoren %zu\xe2\x80\x93%zu van %zu",
                                            "Indicators %zu\xe2\x80\x93%zu of %zu"),
                         at.k0 + 1, at.k1, c->nind);
            else
                snprintf(cap, sizeof cap, T(c, "Indicator %zu van %zu",
                                            "Indicator %zu of %zu"),
                         at.k0 + 1, c->nind);
        }
        memset(&tb, 0, sizeof tb);
        tb.cols = cols;
        tb.ncols = nc;
        tb.nrows = c->n + at.nextra;
        tb.caption = nchunks > 1 ? cap : NULL;
        tb.zebra = 1;
        tb.cell = app_cell;
        tb.row_flags = app_flags;
        tb.ud = &at;
        if (bs_doc_table_run(d, &tb, err) != 0)
            goto done;
    }
    rc = c->j->source ? bs_doc_paragraph(d, c->j->source, BS_TEXT_SMALL,
                                         BS_T_SUBTLE | BS_T_FULL, err)
                      : 0;
done:
    if (heads)
        for (size_t k = 0; k < c->nind; k++)
            free(heads[k]);
    free(heads);
    free(cols);
    return rc;
}

/* ---- the document ---- */

static int compose(bs_doc *d, void *ud, bs_error *err)
{
    rctx *c = ud;
    const bs_report_template *t = c->t;

    if (t->sec[BS_SEC_COVER].show && cover(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_CONTENTS].show &&
        bs_doc_contents(d, t->sec[BS_SEC_CONTENTS].title, err) != 0)
        return -1;
    if (t->sec[BS_SEC_METHOD].show && method(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_OVERVIEW].show && overview(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_RANKING].show && ranking(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_INDICATORS].show && c->nind &&
        indicator_maps(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_AREAS].show && areas(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_DESIGNATION].show && c->in->ikc && c->in->nikc &&
        designation(d, c, err) != 0)
        return -1;
    if (t->sec[BS_SEC_APPENDIX].show && appendix(d, c, err) != 0)
        return -1;
    return 0;
}

int bs_report_write_input(const bs_report_input *in, const char *path, bs_error *err)
{
    rctx c;
    bs_doc_info info;
    bs_doc_style st;
    char footer[512];
    int rc;

    if (!in || !in->job || !in->tpl)
        return bs_error_set(err, "report: no job or template");
    if (ctx_init(&c, in, err) != 0) {
        ctx_free(&c);
        return -1;
    }
    bs_doc_style_default(&st);
    if (c.t->font)
        snprintf(st.font, sizeof st.font, "%s", c.t->font);
    st.accent = c.accent;
    if (bs_areas_bbox(c.j->areas, c.wbox) != 0)
        c.wbox[0] = c.wbox[2] = 0;   /* no geometry: tolerance 0 */
    snprintf(footer, sizeof footer, "%s%s%s", in->gemeente ? in->gemeente : "",
             in->gemeente ? " \xc2\xb7 " : "", c.date);
    memset(&info, 0, sizeof info);
    info.title = c.title;
    info.author = in->author ? in->author : in->gemeente;
    info.subject = in->subtitle;
    info.iso_date = in->iso_date ? in->iso_date : c.j->iso_date;
    info.language = c.lang;
    info.footer = footer;
    rc = bs_doc_render(&info, &st, compose, &c, path, NULL, err);
    ctx_free(&c);
    return rc;
}
