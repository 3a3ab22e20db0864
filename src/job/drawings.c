/* drawings.c: the map files of a scan: every [map] in its formats (each
 * on a thread of its own), the designation maps and the priorities maps. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/map.h"
#include "buurtscan/words.h"
#include "internal.h"

static const struct { bs_format fmt; const char *ext; } kinds[] = {
    { BS_FORMAT_PDF, "pdf" },
    { BS_FORMAT_PNG, "png" },
    { BS_FORMAT_SVG, "svg" },
};

/* Labels that found no room are listed, never silently dropped. */
static void report_labels(const bs_scan *s, const char *map, bs_label_set *ls,
                          const bs_job_hooks *h)
{
    size_t i, shown = 0;
    char list[700] = "";

    if (!ls->ndropped)
        return;
    for (i = 0; i < ls->n; i++)
        if (ls->label[i].how == BS_LABEL_DROPPED && shown < 12) {
            if (list[0])
                strncat(list, ", ", sizeof list - strlen(list) - 1);
            strncat(list, s->name[ls->label[i].area], sizeof list - strlen(list) - 1);
            shown++;
        }
    bs_warn(bs_job_diag(h), "map %s: %zu labels did not fit and were left "
            "out: %s%s", map, ls->ndropped, list, ls->ndropped > shown ? ", ..." : "");
}

/* One output file of a map. */
typedef struct map_output {
    const bs_scan *s;
    const bs_scan_map *m;
    const bs_areas *draw;
    bs_format fmt;
    const char *path;
    bs_label_set *labels;     /* filled by this output only, or NULL */
    int rc;
    bs_error err;
} map_output;

static int render_output(map_output *mo)
{
    const bs_scan *s = mo->s;
    const bs_scan_map *m = mo->m;
    bs_map *panels, map;
    bs_page page;
    size_t k;
    int cols = 1, rc;

    bs_job_map_view(s, m, &map, mo->draw);
    if (map.labels)
        map.label_result = mo->labels;
    if (!m->npanels)
        return bs_map_render(&map, mo->fmt, m->dpi, mo->path, &mo->err);
    /* small multiples: one page, a panel per column */
    if (!(panels = calloc(m->npanels, sizeof *panels)))
        return bs_error_set(&mo->err, "%s: out of memory", mo->path);
    for (k = 0; k < m->npanels; k++) {
        bs_job_map_view(s, &m->panels[k], &panels[k], mo->draw);
        /* with a legend per panel its title names the panel */
        panels[k].title = m->shared_legend ? m->panels[k].legend_title : NULL;
    }
    memset(&page, 0, sizeof page);
    page.title = map.title;
    page.subtitle = m->page_subtitle;
    page.source = m->source;
    page.date = s->date;
    page.iso_date = s->iso_date;
    page.language = s->language;
    page.paper = m->paper;
    page.style = &s->style;
    /* a near-square grid: 2 -> 2x1, 4 -> 2x2, 6 -> 3x2, 9 -> 3x3 */
    while ((size_t)(cols * cols) < m->npanels)
        cols++;
    rc = bs_map_render_multi(panels, m->npanels, cols, m->shared_legend, &page,
                             mo->fmt, m->dpi, mo->path, &mo->err);
    free(panels);
    return rc;
}

static void *render_output_thread(void *arg)
{
    map_output *mo = arg;

    mo->rc = render_output(mo);
    return NULL;
}

/* The formats of a map (PDF and a 300 dpi PNG: seconds each on a national
 * map) are drawn at the same time, each on its own thread and surface. The
 * renderer keeps no state of its own, cairo is thread-safe for separate
 * surfaces and pango gives every thread its own font map. The first output
 * keeps the labels' fates for the warning; the others place the same
 * labels (text is measured unhinted, alike on every surface) and drop
 * them. An output whose thread cannot start is drawn here afterwards. When
 * outputs fail, the first one's error (in the order pdf, png, svg) is
 * reported; the caller removes the files. */
int bs_job_draw_map(const bs_scan *s, const bs_scan_map *m,
                    const bs_areas *draw, bs_outset *o,
                    const bs_job_hooks *h, bs_error *err)
{
    enum { NKINDS = sizeof kinds / sizeof kinds[0] };
    map_output out[NKINDS];
    pthread_t tid[NKINDS];
    int started[NKINDS] = { 0 };
    bs_label_set ls;
    size_t i, n = 0;
    int rc = 0;

    for (i = 0; i < NKINDS; i++) {
        char name[300];
        if (!(m->formats & (1u << kinds[i].fmt)))
            continue;
        snprintf(name, sizeof name, "map-%s.%s", m->name, kinds[i].ext);
        memset(&out[n], 0, sizeof out[n]);
        if (!(out[n].path = bs_outset_reserve(o, name, err)))
            return -1;
        out[n].s = s;
        out[n].m = m;
        out[n].draw = draw;
        out[n].fmt = kinds[i].fmt;
        n++;
    }
    if (n == 0)
        return 0;
    memset(&ls, 0, sizeof ls);
    out[0].labels = &ls;
    for (i = 1; i < n; i++)
        started[i] = pthread_create(&tid[i], NULL, render_output_thread,
                                    &out[i]) == 0;
    out[0].rc = render_output(&out[0]);
    for (i = 1; i < n; i++) {
        if (started[i])
            pthread_join(tid[i], NULL);
        else
            out[i].rc = render_output(&out[i]);
    }
    for (i = 0; i < n && rc == 0; i++)
        if (out[i].rc != 0) {
            if (err)
                *err = out[i].err;
            rc = -1;
        }
    if (rc == 0)
        report_labels(s, m->name, &ls, h);
    bs_label_set_free(&ls);
    return rc;
}

/* The herijking on a map: the scan's base map of the score with the IKCs
 * drawn by their change. */
int bs_job_draw_designation(const bs_scan *s, size_t d, const bs_areas *draw,
                            bs_outset *o, bs_error *err)
{
    const bs_scan_designation *sd = &s->designate[d];
    const bs_designation *ds = sd->result;
    const bs_pointset *pts = s->layers[sd->layer].pts;
    bs_lang l = bs_lang_of(s->language);
    static const bs_rgb dark = { 0x1a, 0x1a, 0x1a }, white = { 0xff, 0xff, 0xff },
                        green = { 0x1b, 0x9e, 0x77 }, purple = { 0x75, 0x70, 0xb3 };
    bs_point_style st[4];
    int *kind = malloc((pts->n ? pts->n : 1) * sizeof *kind);
    char title[400], name[300];
    size_t i;
    bs_map map;
    bs_points bp;
    const char *tmp;
    int rc;

    if (!kind)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (i = 0; i < ds->n; i++) {
        bs_change c = ds->ikc[i].change;
        kind[i] = c == BS_CHANGE_CONTINUED ? 0 : c == BS_CHANGE_NEW ? 1
                  : c == BS_CHANGE_DROPPED ? 2 : 3;
    }
    memset(st, 0, sizeof st);
    st[0] = (bs_point_style){ BS_SYMBOL_CIRCLE, dark, white, 3.2,
                              bs_word(BS_W_J_IKC_CONTINUED, l) };
    st[1] = (bs_point_style){ BS_SYMBOL_DIAMOND, green, white, 3.6,
                              bs_word(BS_W_J_IKC_NEW, l) };
    st[2] = (bs_point_style){ BS_SYMBOL_SQUARE, purple, white, 3.0,
                              bs_word(BS_W_J_IKC_DROPPED, l) };
    st[3] = (bs_point_style){ BS_SYMBOL_CIRCLE, white, dark, 2.2,
                              bs_word(BS_W_J_IKC_NOT, l) };
    bp.n = pts->n;
    bp.x = pts->x;
    bp.y = pts->y;
    bp.kind = kind;
    bp.style = st;
    bp.nstyles = 4;
    bs_job_map_view(s, sd->base, &map, draw);
    snprintf(title, sizeof title, bs_word(BS_W_J_DESIGNATION_TITLE, l),
             ds->ndesignated, ds->ncontinued, ds->nnew, ds->ndropped);
    map.title = sd->title ? sd->title : s->title;
    map.subtitle = title;
    map.paper = sd->paper;
    map.points = &bp;
    map.labels = NULL;
    rc = 0;
    for (i = 0; rc == 0 && i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(sd->formats & (1u << kinds[i].fmt)))
            continue;
        snprintf(name, sizeof name, "map-designation-%s.%s", sd->name,
                 kinds[i].ext);
        tmp = bs_outset_reserve(o, name, err);
        rc = tmp ? bs_map_render(&map, kinds[i].fmt, sd->dpi, tmp, err) : -1;
    }
    free(kind);
    return rc;
}

/* Need against social base: four quadrant classes with their Dutch names. */
int bs_job_draw_priorities(const bs_scan *s, size_t q, const bs_areas *draw,
                           bs_outset *o, bs_error *err)
{
    const bs_scan_priority *pr = &s->prio[q];
    bs_lang l = bs_lang_of(s->language);
    static const bs_rgb fill[4] = {
        { 0xca, 0x00, 0x20 }, { 0xf4, 0xa5, 0x82 }, { 0x92, 0xc5, 0xde },
        { 0x05, 0x71, 0xb0 }
    };
    const char *labels[4];
    int *cls = malloc((s->n ? s->n : 1) * sizeof *cls);
    size_t count[4] = { 0 }, missing = 0, i;
    double lower[4] = { 0, 1, 2, 3 }, upper[4] = { 0, 1, 2, 3 };
    char name[300], subtitle[300];
    const char *tmp;
    bs_map map;
    int c, rc;

    if (!cls)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (c = 0; c < 4; c++)
        labels[c] = bs_quadrant_label((bs_quadrant)c, s->language);
    for (i = 0; i < s->n; i++) {
        bs_quadrant qd = pr->quadrant[i];
        cls[i] = qd == BS_Q_UNKNOWN ? -1 : (int)qd;
        if (cls[i] >= 0)
            count[cls[i]]++;
        else
            missing++;
    }
    memset(&map, 0, sizeof map);
    map.areas = draw ? draw : s->areas;
    map.cls = cls;
    map.k = 4;
    map.fill = fill;
    map.lower = lower;
    map.upper = upper;
    map.class_labels = labels;
    map.count = count;
    map.missing = missing;
    map.language = s->language;
    map.title = s->title;
    snprintf(subtitle, sizeof subtitle, bs_word(BS_W_J_PRIORITIES_SUBTITLE, l),
             pr->need_label, pr->supply_label);
    map.subtitle = subtitle;
    map.legend_title = bs_word(BS_W_J_PRIORITIES_LEGEND, l);
    map.source = s->source;
    map.date = s->date;
    map.iso_date = s->iso_date;
    bs_paper_parse("A4 landscape", &map.paper);
    map.style = &s->style;
    snprintf(name, sizeof name, "map-priorities-%s.pdf", pr->name);
    tmp = bs_outset_reserve(o, name, err);
    rc = tmp ? bs_map_render(&map, BS_FORMAT_PDF, 300, tmp, err) : -1;
    free(cls);
    return rc;
}
