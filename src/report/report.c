/* report.c: the PDF report of a scan (report.h): what it refuses, the
 * table of its sections and the document around them. The sections are
 * composed in front.c, overview.c, profiles.c, designation.c and
 * appendix.c (see internal.h). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buurtscan/palette.h"

/* A section writes itself when the template shows it; one that has
 * nothing to show (no indicators, no designation) writes nothing. */
typedef int (*section_fn)(bs_doc *d, rctx *c, bs_error *err);

static int contents(bs_doc *d, rctx *c, bs_error *err)
{
    return bs_doc_contents(d, c->t->sec[BS_SEC_CONTENTS].title, err);
}

static const struct {
    bs_report_section sec;
    section_fn write;
} sections[BS_SEC_COUNT] = {
    {BS_SEC_COVER, bs_rep_cover},
    {BS_SEC_CONTENTS, contents},
    {BS_SEC_METHOD, bs_rep_method},
    {BS_SEC_OVERVIEW, bs_rep_overview},
    {BS_SEC_RANKING, bs_rep_ranking},
    {BS_SEC_INDICATORS, bs_rep_indicators},
    {BS_SEC_AREAS, bs_rep_areas},
    {BS_SEC_DESIGNATION, bs_rep_designation},
    {BS_SEC_CLUSTERS, bs_rep_clusters},
    {BS_SEC_APPENDIX, bs_rep_appendix},
};

static int compose(bs_doc *d, void *ud, bs_error *err)
{
    rctx *c = ud;

    for (size_t k = 0; k < BS_SEC_COUNT; k++)
        if (c->t->sec[sections[k].sec].show && sections[k].write(d, c, err) != 0)
            return -1;
    return 0;
}

/* The template's part of the check: titles, questions, palette, logo. */
static int check_template(const bs_scan *s, const char *lang, bs_error *err)
{
    const bs_report_template *t = s->report.tpl;

    for (int sec = 0; sec < BS_SEC_COUNT; sec++)
        if (t->sec[sec].show && sec != BS_SEC_COVER && !t->sec[sec].title)
            return bs_error_set(err, "report template: no title for [%s] "
                                "(read templates/report-%s.ini first)",
                                bs_report_section_name((bs_report_section)sec),
                                lang);
    if (t->sec[BS_SEC_AREAS].show)
        for (int q = 0; q < 3; q++)
            if (!t->question[q])
                return bs_error_set(err, "report template: [areas] has no "
                                    "text for the %s question",
                                    bs_report_question_name(q));
    if (t->palette) {
        bs_rgb tmp[5];
        if (bs_palette_get(t->palette, 5, tmp) != 0)
            return bs_error_set(err, "%s: palette = '%s' is not a ColorBrewer "
                                "sequential scheme", t->palette_at ? t->palette_at
                                : "report template", t->palette);
    }
    if (t->logo && t->sec[BS_SEC_COVER].show) {
        cairo_surface_t *logo = bs_rep_logo(t);
        cairo_status_t st = cairo_surface_status(logo);
        cairo_surface_destroy(logo);
        if (st != CAIRO_STATUS_SUCCESS)
            return bs_error_set(err, "%s: cannot read the logo (a PNG file): %s",
                                t->logo, t->logo_png ? cairo_status_to_string(st)
                                : "not read");
    }
    return 0;
}

int bs_report_check(const bs_scan *s, bs_error *err)
{
    const char *lang;
    char date[64];

    if (!s->report.tpl)
        return bs_error_set(err, "%s: the report has no template", s->path);
    lang = bs_rep_language(s);
    if (!lang)
        return bs_error_set(err, "report: unknown language '%s' (nl or en)",
                            s->language ? s->language : s->report.tpl->language);
    if (bs_date_format(s->iso_date, lang, date, sizeof date) != 0)
        return bs_error_set(err, "report: '%s' is not a date YYYY-MM-DD",
                            s->iso_date);
    if (bs_disc_settings_check(&s->report.disc, err) != 0 ||
        check_template(s, lang, err) != 0)
        return -1;
    for (size_t k = 0; k < s->nind; k++)
        if (s->ind[k].kind == BS_DISC_RATE && (!s->denominator || !s->denominator[k]))
            return bs_error_set(err, "report: indicator '%s' is a rate but has "
                                "no denominators", s->ind[k].id);
    return 0;
}

int bs_report_write(const bs_scan *s, const char *path, bs_error *err)
{
    rctx c;
    bs_doc_info info;
    bs_doc_style st;
    char footer[512];
    int rc;

    if (bs_report_check(s, err) != 0)
        return -1;
    if (bs_rep_ctx_init(&c, s, err) != 0) {
        bs_rep_ctx_free(&c);
        return -1;
    }
    bs_doc_style_default(&st);
    if (c.t->font)
        snprintf(st.font, sizeof st.font, "%s", c.t->font);
    st.accent = c.accent;
    snprintf(footer, sizeof footer, "%s%s%s",
             s->report.gemeente ? s->report.gemeente : "",
             s->report.gemeente ? " \xc2\xb7 " : "", c.date);
    memset(&info, 0, sizeof info);
    info.title = c.title;
    info.author = s->report.author ? s->report.author : s->report.gemeente;
    info.subject = s->report.subtitle;
    info.iso_date = s->iso_date;
    info.language = c.lang;
    info.footer = footer;
    rc = bs_doc_render(&info, &st, compose, &c, path, NULL, err);
    bs_rep_ctx_free(&c);
    return rc;
}
