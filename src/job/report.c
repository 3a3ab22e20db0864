/* report.c: the job's PDF report, from [report], [disclosure], the
 * indicators' metadata, notes.csv, the [supply] counts and the first
 * [designate]. The page composition itself lives in src/report/. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "buurtscan/report.h"
#include "internal.h"

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The template: built-in defaults, then the stock templates/report-LANG.ini
 * (when the hooks say where templates/ is), then the project's own. */
static int load_template(const bs_job *j, const bs_job_hooks *h,
                         bs_report_template *t, bs_error *err)
{
    const bs_project *p = j->p;
    char stock[4096];

    bs_report_template_init(t);
    if (h && h->templates_dir) {
        snprintf(stock, sizeof stock, "%s/report-%s.ini", h->templates_dir,
                 p->language.value);
        if (file_exists(stock) && bs_report_template_read(stock, t, err) != 0)
            return -1;
    }
    if (p->report.template_file.value &&
        bs_report_template_read(p->report.template_file.value, t, err) != 0)
        return -1;
    return 0;
}

int bs_job_report(const bs_job *j, const char *path, const bs_job_hooks *h,
                  bs_error *err)
{
    const bs_project *p = j->p;
    bs_report_template tpl;
    bs_report_input in;
    bs_report_indicator *ri = calloc(p->nind + 1, sizeof *ri);
    double **den = calloc(p->nind + 1, sizeof *den);
    char **notes = NULL;
    double *scount = NULL, *sbase = NULL;
    const char **slabel = NULL;
    int *splaces = NULL;
    bs_report_social social;
    bs_report_ikc *ikc = NULL;
    char rule[200], per_label[200], where[600];
    size_t k, i;
    int rc = -1;

    memset(&tpl, 0, sizeof tpl);
    if (!ri || !den) {
        bs_error_set(err, "%s: out of memory", p->path);
        goto done;
    }
    if (load_template(j, h, &tpl, err) != 0)
        goto done;
    bs_report_input_init(&in, j, &tpl);
    in.title = p->report.title.value;
    in.subtitle = p->report.subtitle.value;
    in.author = p->report.author.value;
    in.gemeente = p->report.gemeente.value;
    in.language = p->language.value;
    in.disc.min_count = p->disclosure.min_count;
    in.disc.round_base = p->disclosure.round;
    in.disc.min_denominator = p->disclosure.min_denominator;

    /* indicators: what the project says about them, and the denominators
     * of rates for disclosure control */
    for (k = 0; k < p->nind; k++) {
        const bs_indicator_spec *s = &p->ind[k];
        bs_report_indicator_from_job(j, k, &ri[k]);
        ri[k].definition = s->definition.value;
        ri[k].year = s->year.value;
        ri[k].municipal = s->municipal;
        ri[k].national = s->national;
        ri[k].kind = (bs_disc_kind)s->kind;
        if (s->kind == BS_KIND_RATE) {
            const bs_setting *b = s->numerator.value ? &s->denominator : &s->base;
            den[k] = malloc(j->n * sizeof **den);
            if (!den[k]) {
                bs_error_set(err, "%s: out of memory", p->path);
                goto done;
            }
            bs_job_at(p, b->line, s->line, where, sizeof where);
            if (bs_job_column_values(j, b->value, where, den[k], NULL, err) != 0)
                goto done;
            ri[k].denominator = den[k];
        }
    }
    in.ind = ri;

    if (p->report.notes.value) {
        if (bs_report_notes_read(p->report.notes.value, j->key, j->n, &notes,
                                 err) != 0)
            goto done;
        in.notes = (const char *const *)notes;
    }

    /* the social base: every [supply] as a kind of place; a rate column
     * when they all count per the same denominator */
    if (p->nsupply) {
        int same_base = p->supply[0].per.value != NULL;
        scount = malloc(p->nsupply * j->n * sizeof *scount);
        slabel = malloc(p->nsupply * sizeof *slabel);
        splaces = malloc(p->nsupply * sizeof *splaces);
        if (!scount || !slabel || !splaces) {
            bs_error_set(err, "%s: out of memory", p->path);
            goto done;
        }
        for (k = 0; k < p->nsupply; k++) {
            memcpy(scount + k * j->n, j->supply_count[k], j->n * sizeof *scount);
            slabel[k] = p->supply[k].label.value;
            splaces[k] = 1;
            if (!p->supply[k].per.value ||
                strcmp(p->supply[k].per.value, p->supply[0].per.value ? p->supply[0].per.value : "") != 0)
                same_base = 0;
        }
        memset(&social, 0, sizeof social);
        social.nkinds = p->nsupply;
        social.label = slabel;
        social.count = scount;
        social.places = splaces;
        if (same_base) {
            sbase = malloc(j->n * sizeof *sbase);
            if (!sbase) {
                bs_error_set(err, "%s: out of memory", p->path);
                goto done;
            }
            bs_job_at(p, p->supply[0].per.line, p->supply[0].line, where, sizeof where);
            if (bs_job_column_values(j, p->supply[0].per.value, where, sbase, NULL,
                                     err) != 0)
                goto done;
            social.base = sbase;
            social.per = 1000;
            snprintf(per_label, sizeof per_label, "per 1.000 (%s)", p->supply[0].per.value);
            social.per_label = per_label;
        }
        in.social = &social;
    }

    /* the first designation */
    if (p->ndesignate) {
        const bs_designation *ds = j->desig[0];
        const bs_pointset *pts = j->layers[j->desig_layer[0]];
        const long *area = j->layer_area[j->desig_layer[0]];
        const bs_designate_spec *c = &p->designate[0];
        ikc = calloc(ds->n + 1, sizeof *ikc);
        if (!ikc) {
            bs_error_set(err, "%s: out of memory", p->path);
            goto done;
        }
        for (i = 0; i < ds->n; i++) {
            ikc[i].key = pts->key[i];
            ikc[i].name = pts->name ? pts->name[i] : NULL;
            ikc[i].area = area[i] >= 0 ? j->key[area[i]] : NULL;
            ikc[i].score = j->desig_score[0][i];
            ikc[i].rank = ds->ikc[i].rank;
            ikc[i].p_top = j->desig_ptop[0] ? j->desig_ptop[0][i] : NAN;
            ikc[i].designated = ds->ikc[i].designated;
            ikc[i].previous = c->previous.value ? ds->ikc[i].previous : -1;
            ikc[i].change = ds->ikc[i].change;
            ikc[i].reason = ds->ikc[i].reason;
        }
        in.ikc = ikc;
        in.nikc = ds->n;
        if (c->top)
            snprintf(rule, sizeof rule, c->keep_until_rank ? "top %d, %s %d" : "top %d",
                     c->top, strcmp(p->language.value, "en") ? "huidige Plus-IKC's "
                     "blijven tot rang" : "current Plus-IKCs stay until rank",
                     c->keep_until_rank);
        else
            snprintf(rule, sizeof rule, "score >= %g", c->threshold);
        in.ikc_rule = rule;
    }
    bs_job_step(h, "writing the report");
    rc = bs_report_write_input(&in, path, err);
done:
    for (k = 0; den && k < p->nind; k++)
        free(den[k]);
    free(den);
    free(ri);
    if (notes)
        bs_report_notes_free(notes, j->n);
    free(scount);
    free(sbase);
    free(slabel);
    free(splaces);
    free(ikc);
    bs_report_template_free(&tpl);
    return rc;
}
