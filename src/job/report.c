/* report.c: the job's PDF report. The load phase checks what the report
 * would refuse (bs_job_check_report); bs_job_report writes it.
 *
 * TRANSITIONAL: until src/report/ reads the scan (bs_report_check,
 * bs_report_write of report.h), this adapter hands the old report its
 * input, built from the scan alone, and checks here what the old report
 * would refuse on the input (the template's titles and questions, the
 * logo). */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/report.h"
#include "internal.h"

int bs_job_check_report(const bs_job *j, bs_error *err)
{
    const bs_scan *s = bs_job_scan(j);
    const bs_report_template *t = s->report.tpl;
    static const char *const q[3] = { "aansluiten", "vragen", "ondersteunen" };
    cairo_surface_t *logo;
    int sec, k;

    if (!s->report.on)
        return 0;
    for (sec = 0; sec < BS_SEC_COUNT; sec++)
        if (t->sec[sec].show && sec != BS_SEC_COVER && !t->sec[sec].title)
            return bs_error_set(err, "report template: no title for [%s] "
                                "(read templates/report-%s.ini first)",
                                bs_report_section_name((bs_report_section)sec),
                                s->language);
    if (t->sec[BS_SEC_AREAS].show)
        for (k = 0; k < 3; k++)
            if (!t->question[k])
                return bs_error_set(err, "report template: [areas] has no "
                                    "text for the %s question", q[k]);
    if (!t->logo || !t->sec[BS_SEC_COVER].show)
        return 0;
    logo = cairo_image_surface_create_from_png(t->logo);
    if (cairo_surface_status(logo) != CAIRO_STATUS_SUCCESS) {
        bs_error_set(err, "%s: cannot read the logo (a PNG file): %s", t->logo,
                     cairo_status_to_string(cairo_surface_status(logo)));
        cairo_surface_destroy(logo);
        return -1;
    }
    cairo_surface_destroy(logo);
    return 0;
}

/* What the old report's input says about indicator k: all from the scan
 * but the wording of the normalisation, which the old report makes. */
static void indicator_of(const bs_job *j, size_t k, bs_report_indicator *r)
{
    const bs_scan *s = bs_job_scan(j);
    const bs_scan_indicator *in = &s->ind[k];

    bs_report_indicator_from_job(j, k, r);
    r->label = in->label;
    r->unit = in->unit;
    r->definition = in->definition;
    r->year = in->year;
    r->source = in->source;
    r->direction = in->direction;
    r->weight = in->weight;
    r->municipal = in->municipal;
    r->national = in->national;
    r->kind = in->kind;
    r->denominator = in->kind == BS_DISC_RATE ? s->denominator[k] : NULL;
}

/* The social base: every [supply] as a kind of place; a rate column when
 * they all count per the same denominator. */
typedef struct social_rows {
    bs_report_social social;
    double *count;
    const char **label;
    int *places;
    char per_label[200];
} social_rows;

static int social_of(const bs_scan *s, social_rows *sr, bs_error *err)
{
    size_t k;
    int same_base = s->supply[0].per != NULL;

    sr->count = malloc(s->nsupply * s->n * sizeof *sr->count);
    sr->label = malloc(s->nsupply * sizeof *sr->label);
    sr->places = malloc(s->nsupply * sizeof *sr->places);
    if (!sr->count || !sr->label || !sr->places)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (k = 0; k < s->nsupply; k++) {
        memcpy(sr->count + k * s->n, s->supply[k].count, s->n * sizeof *sr->count);
        sr->label[k] = s->supply[k].label;
        sr->places[k] = 1;
        if (!s->supply[k].per ||
            strcmp(s->supply[k].per, s->supply[0].per ? s->supply[0].per : "") != 0)
            same_base = 0;
    }
    memset(&sr->social, 0, sizeof sr->social);
    sr->social.nkinds = s->nsupply;
    sr->social.label = sr->label;
    sr->social.count = sr->count;
    sr->social.places = sr->places;
    if (same_base) {
        sr->social.base = s->supply[0].base;
        sr->social.per = 1000;
        snprintf(sr->per_label, sizeof sr->per_label, "per 1.000 (%s)",
                 s->supply[0].per);
        sr->social.per_label = sr->per_label;
    }
    return 0;
}

/* The rows of the first designation, and its rule in words. */
static bs_report_ikc *ikc_of(const bs_scan *s, char *rule, size_t n)
{
    const bs_scan_designation *d = &s->designate[0];
    const bs_designation *ds = d->result;
    const bs_scan_layer *l = &s->layers[d->layer];
    bs_report_ikc *ikc = calloc(ds->n + 1, sizeof *ikc);
    size_t i;

    if (!ikc)
        return NULL;
    for (i = 0; i < ds->n; i++) {
        ikc[i].key = l->pts->key[i];
        ikc[i].name = l->pts->name ? l->pts->name[i] : NULL;
        ikc[i].area = l->area[i] >= 0 ? s->key[l->area[i]] : NULL;
        ikc[i].score = d->score[i];
        ikc[i].rank = ds->ikc[i].rank;
        ikc[i].p_top = d->p_top ? d->p_top[i] : NAN;
        ikc[i].designated = ds->ikc[i].designated;
        ikc[i].previous = d->has_previous ? ds->ikc[i].previous : -1;
        ikc[i].change = ds->ikc[i].change;
        ikc[i].reason = ds->ikc[i].reason;
    }
    if (d->top)
        snprintf(rule, n, d->keep_until_rank ? "top %d, %s %d" : "top %d",
                 d->top, strcmp(s->language, "en") ? "huidige Plus-IKC's "
                 "blijven tot rang" : "current Plus-IKCs stay until rank",
                 d->keep_until_rank);
    else
        snprintf(rule, n, "score >= %g", d->threshold);
    return ikc;
}

int bs_job_report(const bs_job *j, const char *path, const bs_job_hooks *h,
                  bs_error *err)
{
    const bs_scan *s = bs_job_scan(j);
    bs_report_input in;
    bs_report_indicator *ri = calloc(s->nind + 1, sizeof *ri);
    social_rows sr;
    bs_report_ikc *ikc = NULL;
    char rule[200];
    size_t k;
    int rc = -1;

    memset(&sr, 0, sizeof sr);
    if (!ri) {
        bs_error_set(err, "%s: out of memory", s->path);
        goto done;
    }
    bs_report_input_init(&in, j, s->report.tpl);
    in.title = s->report.title;
    in.subtitle = s->report.subtitle;
    in.author = s->report.author;
    in.gemeente = s->report.gemeente;
    in.language = s->language;
    in.disc = s->report.disc;
    for (k = 0; k < s->nind; k++)
        indicator_of(j, k, &ri[k]);
    in.ind = ri;
    in.notes = (const char *const *)s->report.notes;
    if (s->nsupply) {
        if (social_of(s, &sr, err) != 0)
            goto done;
        in.social = &sr.social;
    }
    if (s->ndesignate) {
        if (!(ikc = ikc_of(s, rule, sizeof rule))) {
            bs_error_set(err, "%s: out of memory", s->path);
            goto done;
        }
        in.ikc = ikc;
        in.nikc = s->designate[0].result->n;
        in.ikc_rule = rule;
    }
    bs_job_step(h, "writing the report");
    rc = bs_report_write_input(&in, path, err);
done:
    free(ri);
    free(sr.count);
    free(sr.label);
    free(sr.places);
    free(ikc);
    return rc;
}
