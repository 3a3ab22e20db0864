/* context.c: what the report prepares before it composes a page: the
 * disclosed values and their decimals, the range of the normalised values,
 * the areas by rank, the area boxes, the social base's rate column, the
 * logo, and the texts every section uses. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void capitalise(const char *s, char *out, size_t n)
{
    snprintf(out, n, "%s", s);
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

const char *bs_rep_language(const bs_scan *s)
{
    const char *l = s->language ? s->language
                    : s->report.tpl && s->report.tpl->language
                          ? s->report.tpl->language : "nl";
    bs_lang lg;

    return bs_lang_parse(l, &lg) == 0 ? l : NULL;
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

cairo_surface_t *bs_rep_logo(const bs_report_template *t)
{
    png_bytes pb = {t->logo_png, t->logo_size, 0};

    return cairo_image_surface_create_from_png_stream(png_read, &pb);
}

void bs_rep_ctx_free(rctx *c)
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
    bs_rep_rmap_free(&c->score);
    bs_rep_rmap_free(&c->plain);
    if (c->imap)
        for (size_t k = 0; k < c->nind; k++)
            bs_rep_rmap_free(&c->imap[k]);
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

/* Decimals for an indicator's values: from the unit and their size. */
static int auto_decimals(const bs_scan_indicator *r, const double *v, size_t n)
{
    double *tmp, med;
    size_t m = 0;

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

/* The normalised values of indicator k that are shown (not those of
 * suppressed cells) into tmp; returns how many. */
static size_t shown_norm(const rctx *c, size_t k, double *tmp)
{
    const double *norm = c->s->norm[k];
    size_t m = 0;

    for (size_t i = 0; i < c->n; i++)
        if (c->vflag[k][i] != BS_DISC_SUPPRESSED && isfinite(norm[i]))
            tmp[m++] = norm[i];
    return m;
}

/* Indicator k's printable values, flags, total, decimals and the range of
 * its shown normalised values. */
static int disclose(rctx *c, size_t k, bs_error *err)
{
    const bs_scan *s = c->s;
    const bs_scan_indicator *r = &c->ind[k];
    double *tmp;
    size_t i, m;

    c->val[k] = malloc((c->n + 1) * sizeof **c->val);
    c->vflag[k] = malloc(c->n + 1);
    tmp = malloc((c->n + 1) * sizeof *tmp);
    if (!c->val[k] || !c->vflag[k] || !tmp) {
        free(tmp);
        return bs_error_set(err, "report: out of memory");
    }
    /* issue 12: the job's plan decides (primary, across indicators and
     * under totals), the same cells as in scores.csv and the maps */
    for (i = 0; i < c->n; i++) {
        c->val[k][i] = s->disc->shown[k * c->n + i];
        c->vflag[k][i] = s->disc->flag[k * c->n + i];
    }
    if (r->kind == BS_DISC_COUNT &&
        (c->t->sec[BS_SEC_APPENDIX].show || isfinite(r->municipal))) {
        c->total[k] = s->disc->total[k];
        c->tflag[k] = s->disc->total_flag[k];
    } else {
        c->total[k] = NAN;
        c->tflag[k] = BS_DISC_MISSING;
    }
    m = shown_norm(c, k, tmp);
    c->dec[k] = auto_decimals(r, c->val[k], c->n);
    qsort(tmp, m, sizeof *tmp, cmp_double);
    c->nmin[k] = m ? tmp[0] : NAN;
    c->nmax[k] = m ? tmp[m - 1] : NAN;
    c->nmed[k] = !m ? NAN : m % 2 ? tmp[m / 2]
                                  : 0.5 * (tmp[m / 2 - 1] + tmp[m / 2]);
    free(tmp);
    if (isfinite(r->national))
        c->any_national = 1;
    if (isfinite(r->municipal))
        c->any_municipal = 1;
    return 0;
}

static int rank_cmp(const rctx *c, size_t a, size_t b)
{
    double ra = c->s->rank[a], rb = c->s->rank[b];
    int na = isnan(ra), nb = isnan(rb);

    if (na != nb)
        return na - nb;
    if (!na && ra != rb)
        return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* merge sort of area indices by rank (no qsort context) */
static void sort_by_rank(const rctx *c, size_t *v, size_t *tmp, size_t n)
{
    size_t h, i, j, k;

    if (n < 2)
        return;
    h = n / 2;
    sort_by_rank(c, v, tmp, h);
    sort_by_rank(c, v + h, tmp, n - h);
    for (i = 0, j = h, k = 0; i < h || j < n;)
        tmp[k++] = j >= n || (i < h && rank_cmp(c, v[i], v[j]) <= 0)
                       ? v[i++] : v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* The social base gets a rate column when every [supply] counts per the
 * same denominator. */
static void social_rate(rctx *c)
{
    const bs_scan *s = c->s;
    int same = s->nsupply && s->supply[0].per != NULL;

    for (size_t k = 0; same && k < s->nsupply; k++)
        if (!s->supply[k].per || strcmp(s->supply[k].per, s->supply[0].per) != 0)
            same = 0;
    if (!same || !s->supply[0].base)
        return;
    c->social_base = s->supply[0].base;
    snprintf(c->per_label, sizeof c->per_label, "%s (%s)",
             W(c, BS_W_P_PER_1000), s->supply[0].per);
}

/* The texts of the whole report: language, title, area words, date. */
static int texts(rctx *c, bs_error *err)
{
    const bs_scan *s = c->s;
    const bs_report_template *t = c->t;

    c->lang = bs_rep_language(s);
    if (!c->lang || bs_lang_parse(c->lang, &c->lg) != 0)
        return bs_error_set(err, "report: unknown language '%s' (nl or en)",
                            s->language ? s->language : t->language);
    c->title = s->report.title ? s->report.title : s->title ? s->title
                                                            : "buurtscan";
    c->area1 = t->area_singular ? t->area_singular : W(c, BS_W_AREA);
    c->areas = t->area_plural ? t->area_plural : W(c, BS_W_AREAS);
    capitalise(c->area1, c->Area1, sizeof c->Area1);
    capitalise(c->areas, c->Areas, sizeof c->Areas);
    if (bs_date_format(s->iso_date, c->lang, c->date, sizeof c->date) != 0)
        return bs_error_set(err, "report: '%s' is not a date YYYY-MM-DD",
                            s->iso_date);
    if (t->has_accent) {
        c->accent = t->accent;
    } else {
        bs_doc_style ds;
        bs_doc_style_default(&ds);
        c->accent = ds.accent;
    }
    return 0;
}

static int alloc_arrays(rctx *c)
{
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
    return c->val && c->vflag && c->dec && c->nmin && c->nmax && c->nmed &&
                   c->imap && c->bbox && c->order && c->total && c->tflag
               ? 0 : -1;
}

int bs_rep_ctx_init(rctx *c, const bs_scan *s, bs_error *err)
{
    unsigned char *small = NULL;
    size_t *tmp = NULL;
    size_t i, k;

    memset(c, 0, sizeof *c);
    c->s = s;
    c->t = s->report.tpl;
    c->n = s->n;
    c->nind = s->nind;
    c->ind = s->ind;
    if (texts(c, err) != 0)
        return -1;
    small = calloc(c->n + 1, 1);
    tmp = malloc((c->n + 1) * sizeof *tmp);
    if (alloc_arrays(c) != 0 || !small || !tmp)
        goto oom;
    for (k = 0; k < c->nind; k++)
        if (disclose(c, k, err) != 0)
            goto fail;
    for (i = 0; i < c->n; i++)
        small[i] = s->status[i] == BS_STATUS_SMALL;
    if (bs_rep_classes(c, small, err) != 0)
        goto fail;
    /* area boxes for culling the atlas maps */
    bs_areas_boxes(s->areas, c->bbox);
    if (bs_areas_bbox(s->areas, c->wbox) != 0)
        c->wbox[0] = c->wbox[2] = 0;   /* no geometry: tolerance 0 */
    for (i = 0; i < c->n; i++)
        c->order[i] = i;
    sort_by_rank(c, c->order, tmp, c->n);
    for (i = 0; i < c->n; i++)
        if (isfinite(s->rank[i]))
            c->nscored++;
    social_rate(c);
    if (c->t->logo && c->t->sec[BS_SEC_COVER].show) {
        c->logo = bs_rep_logo(c->t);
        if (cairo_surface_status(c->logo) != CAIRO_STATUS_SUCCESS) {
            bs_error_set(err, "%s: cannot read the logo (a PNG file): %s",
                         c->t->logo, cairo_status_to_string(
                                         cairo_surface_status(c->logo)));
            cairo_surface_destroy(c->logo);
            c->logo = NULL;
            goto fail;
        }
    }
    free(small);
    free(tmp);
    return 0;
oom:
    bs_error_set(err, "report: out of memory");
fail:
    free(small);
    free(tmp);
    return -1;
}
