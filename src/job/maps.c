/* maps.c: the prepared [map]s of a scan: the values of the mapped column,
 * their classes (pooled over pool = maps or the panels of columns = ...),
 * colours, legend texts, source lines, points, highlights and labels; and
 * the score map the [designate] maps draw on when no [map] maps the score. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/palette.h"
#include "buurtscan/text.h"
#include "buurtscan/words.h"
#include "internal.h"

/* The settings of spec s that the writers need, in the scan's own terms. */
static void describe_map(const bs_job *j, const bs_map_spec *s, bs_scan_map *m)
{
    m->name = s->name;
    m->column = s->column.value;
    m->palette = s->palette.value;
    m->formats = ((s->formats & BS_OUT_PDF) ? 1u << BS_FORMAT_PDF : 0) |
                 ((s->formats & BS_OUT_PNG) ? 1u << BS_FORMAT_PNG : 0) |
                 ((s->formats & BS_OUT_SVG) ? 1u << BS_FORMAT_SVG : 0);
    m->dpi = s->dpi;
    m->paper = s->paper;
    m->title = s->title.value ? s->title.value : j->p->title.value;
    m->page_subtitle = s->subtitle.value;
    m->inset = s->inset;
    m->shared_legend = s->shared_legend;
}

/* Legend decimals: enough to tell the class bounds apart, never more than 3. */
static int auto_decimals(const bs_classes *c, const double *v, size_t n)
{
    size_t i;
    int all_integer = 1, d;
    double minwidth = INFINITY;

    for (i = 0; i < n; i++)
        if (!isnan(v[i]) && v[i] != floor(v[i]))
            all_integer = 0;
    if (all_integer)
        return 0;
    for (i = 1; i < (size_t)c->k; i++)
        if (c->upper[i] - c->upper[i - 1] < minwidth)
            minwidth = c->upper[i] - c->upper[i - 1];
    if (c->k > 0 && c->upper[0] - c->min > 0 && c->upper[0] - c->min < minwidth)
        minwidth = c->upper[0] - c->min;
    if (!isfinite(minwidth) || minwidth <= 0)
        return 1;
    d = (int)ceil(-log10(minwidth)) + 1;
    if (d < 1)
        d = 1;
    if (minwidth >= 10)
        d = 0;
    return d > 3 ? 3 : d;
}

/* The values and texts of map m, of spec s; a panel (col != the spec's
 * column) has its own column and no subtitle or legend title of its own. */
static int prepare_map(bs_job *j, const bs_map_spec *s, const char *col,
                       long col_line, bs_scan_map *m, bs_error *err)
{
    const bs_project *p = j->p;
    bs_lang l = bs_lang_of(p->language.value);
    int panel = col != s->column.value;
    char where[600];
    const char *label = NULL, *unit = NULL;
    unsigned char *uses = calloc(j->ndata + 1, 1);
    size_t k, d;
    int rc = 0;

    describe_map(j, s, m);
    m->column = col;
    bs_job_at(p, col_line, s->line, where, sizeof where);
    m->values = malloc(j->n * sizeof *m->values);
    m->cls = malloc(j->n * sizeof *m->cls);
    if (!m->values || !m->cls || !uses) {
        free(uses);
        return bs_error_set(err, "%s: out of memory", where);
    }
    if (strcasecmp(col, "score") == 0 || strcasecmp(col, "rank") == 0 ||
        strcasecmp(col, "decile") == 0 || strcasecmp(col, "coverage") == 0) {
        const double *src = strcasecmp(col, "score") == 0 ? j->score
                            : strcasecmp(col, "rank") == 0 ? j->rank
                            : strcasecmp(col, "decile") == 0 ? j->decile
                                                             : j->coverage;
        memcpy(m->values, src, j->n * sizeof *m->values);
        for (k = 0; k < p->nind; k++)
            for (d = 0; d < j->ndata; d++)
                uses[d] |= j->uses[k * (j->ndata + 1) + d];
        label = bs_word(strcasecmp(col, "score") == 0 ? BS_W_J_SCORE
                        : strcasecmp(col, "rank") == 0 ? BS_W_J_RANK
                        : strcasecmp(col, "decile") == 0 ? BS_W_J_DECILE
                                                         : BS_W_J_COVERAGE, l);
        m->subtitle = bs_text_printf(bs_word(BS_W_J_SCORE_SUBTITLE, l), p->nind,
                                     bs_job_norm_text(p->score.normalise,
                                                      p->language.value));
    } else {
        for (k = 0; k < p->nind; k++)
            if (strcasecmp(p->ind[k].id, col) == 0)
                break;
        if (k < p->nind) {
            /* issue 12: what may be printed (counts rounded) */
            memcpy(m->values, j->shown[k], j->n * sizeof *m->values);
            memcpy(uses, j->uses + k * (j->ndata + 1), j->ndata);
            label = p->ind[k].label.value;
            unit = p->ind[k].unit.value;
        } else {
            rc = bs_job_column_values(j, col, where, m->values, uses, err);
            bs_job_disc_mask(j, col, m->values);     /* issue 12 */
            label = col;
        }
    }
    if (rc == 0) {
        m->source = bs_job_source(j, uses);
        /* points drawn on the map, or counted into a [supply] column, bring
         * their own sources */
        if (m->source) {
            size_t sp, l;
            for (l = 0; l < p->npoints; l++) {
                int used = 0;
                const char *src = p->points[l].source.value;
                if (!src || strstr(m->source, src))
                    continue;
                if (s->points.value && strstr(s->points.value, p->points[l].name))
                    used = 1;
                for (sp = 0; sp < p->nsupply; sp++)
                    if (strncasecmp(col, p->supply[sp].name, strlen(p->supply[sp].name)) == 0 &&
                        strstr(p->supply[sp].points.value, p->points[l].name))
                        used = 1;
                if (used) {
                    char *more = bs_text_printf("%s; %s", m->source, src);
                    free(m->source);
                    m->source = more;
                    if (!more)
                        break;
                }
            }
        }
        if (s->legend.value && !panel)
            m->legend_title = strdup(s->legend.value);
        else if (unit)
            m->legend_title = bs_text_printf("%s (%s)", label, unit);
        else
            m->legend_title = strdup(label);
        if (s->subtitle.value && !panel) {
            free(m->subtitle);
            m->subtitle = strdup(s->subtitle.value);
        }
        if (!m->legend_title || !m->source)
            rc = bs_error_set(err, "%s: out of memory", where);
    }
    free(uses);
    return rc;
}

/* Classes of m from the values of its pool: vals[0] must be m's own values;
 * with more arrays, the breaks come from all of them (mapclassify Pooled)
 * and the legend's lowest bound is the pool's minimum. */
static int classify_values(bs_job *j, const bs_map_spec *s, bs_scan_map *m,
                           const double **vals, size_t nv, bs_error *err)
{
    const bs_project *p = j->p;
    bs_class_params cp;
    bs_error cerr;
    char w[600];
    size_t i, k;
    int rc;

    bs_class_params_init(&cp, s->method, s->classes);
    cp.breaks = s->breaks;
    cp.nbreaks = s->nbreaks;
    cp.multiples = s->multiples;
    cp.nmult = s->nmultiples;
    cp.anchor = s->anchor;
    cp.pct = s->pct;
    cp.npct = s->npct;
    if (s->hinge >= 0)
        cp.hinge = s->hinge;
    if (nv <= 1) {
        rc = bs_classify_ex(m->values, j->n, &cp, &m->classes, &cerr);
    } else {
        size_t *ns = malloc(nv * sizeof *ns);
        bs_classes *out = calloc(nv, sizeof *out), global;
        if (!ns || !out) {
            free(ns);
            free(out);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        for (k = 0; k < nv; k++)
            ns[k] = j->n;
        memset(&global, 0, sizeof global);
        rc = bs_classify_pooled(vals, ns, nv, &cp, out, &global, &cerr);
        if (rc == 0) {
            m->classes = out[0];
            for (k = 1; k < nv; k++)
                bs_classes_free(&out[k]);
            m->classes.min = global.min;
            bs_classes_free(&global);
        }
        free(ns);
        free(out);
    }
    if (rc != 0)
        return bs_error_set(err, "%s: [map %s] %s",
                            bs_job_at(p, s->line, s->line, w, sizeof w), s->name,
                            cerr.msg);
    if (m->classes.k > BS_CLASSES_MAX ||
        (s->centre_set ? bs_palette_diverging(s->palette.value, m->classes.k,
                                              m->classes.upper, s->centre, 0,
                                              m->fill)
                       : bs_palette_get(s->palette.value, m->classes.k, m->fill)) != 0)
        return bs_error_set(err, "%s:%ld: [map %s] palette %s has no %d-class "
                            "version (ColorBrewer: 9 sequential, 11 diverging)",
                            p->path, s->palette.line ? s->palette.line : s->line,
                            s->name, s->palette.value, m->classes.k);
    for (i = 0; i < j->n; i++) {
        m->cls[i] = bs_class_of(&m->classes, m->values[i]);
        if (j->status && j->status[i] == BS_STATUS_SMALL && m->cls[i] < 0) {
            m->cls[i] = -2;     /* te klein: no score by the population rule */
            m->nsmall++;
        }
    }
    for (k = 0; k < (size_t)m->classes.k; k++)
        m->lower[k] = bs_class_lower(&m->classes, (int)k);
    /* issue 12: bounds of a count printed rounded outward */
    if (bs_job_disc_is_count(j, m->column)) {
        bs_disc_settings ds;
        double lo, hi;
        if (bs_job_disc_settings(p, &ds, err) != 0)
            return -1;
        for (k = 0; k < (size_t)m->classes.k; k++) {
            bs_disc_class_bounds(&m->classes, (int)k, BS_DISC_COUNT, &ds, &lo,
                                 &hi);
            m->lower[k] = lo;
            m->classes.upper[k] = hi;
        }
        if (m->classes.k > 0)
            m->classes.min = m->lower[0];
    }
    m->decimals = s->decimals >= 0 ? s->decimals
                                   : auto_decimals(&m->classes, m->values, j->n);
    if (!m->subtitle) {
        bs_lang l = bs_lang_of(p->language.value);
        m->subtitle = bs_text_printf(bs_word(BS_W_J_CLASSES, l), m->classes.k,
                                     bs_job_method_text(s->method, p->language.value),
                                     nv > 1 ? bs_word(BS_W_J_POOLED, l) : "");
        if (!m->subtitle)
            return bs_error_set(err, "%s: out of memory", p->path);
    }
    return 0;
}

/* Classes of map mi: its own values, or the values of its whole pool (the
 * map itself plus the maps named in pool =). */
static int classify_map(bs_job *j, size_t mi, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_map_spec *s = &p->maps[mi];
    bs_scan_map *m = &j->maps[mi];
    const double *vals[64];
    size_t nv = 0, k;

    vals[nv++] = m->values;
    if (s->pool.value) {
        char *copy = strdup(s->pool.value), *tok, *save = NULL;
        if (!copy)
            return bs_error_set(err, "%s: out of memory", p->path);
        for (tok = strtok_r(copy, " \t,", &save); tok && nv < 64;
             tok = strtok_r(NULL, " \t,", &save))
            for (k = 0; k < p->nmaps; k++)
                if (k != mi && strcasecmp(p->maps[k].name, tok) == 0)
                    vals[nv++] = j->maps[k].values;
        free(copy);
    }
    return classify_values(j, s, m, vals, nv, err);
}

/* Qualitative symbol colours (ColorBrewer Dark2) and shapes for point
 * layers, one per layer or, when the layer has kinds, one per kind. */
static const bs_rgb symbol_fill[8] = {
    { 0x1b, 0x9e, 0x77 }, { 0xd9, 0x5f, 0x02 }, { 0x75, 0x70, 0xb3 },
    { 0xe7, 0x29, 0x8a }, { 0x66, 0xa6, 0x1e }, { 0xe6, 0xab, 0x02 },
    { 0xa6, 0x76, 0x1d }, { 0x66, 0x66, 0x66 }
};

static int map_points(bs_job *j, const bs_map_spec *s, bs_scan_map *m,
                      bs_error *err)
{
    const bs_project *p = j->p;
    char *copy = strdup(s->points.value), *tok, *save = NULL;
    size_t total = 0, l, i, ns = 0, cap = 16, at = 0;

    if (!copy)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (l = 0; l < p->npoints; l++)
        total += j->layers[l]->n;
    m->px = malloc((total + 1) * sizeof *m->px);
    m->py = malloc((total + 1) * sizeof *m->py);
    m->pkind = malloc((total + 1) * sizeof *m->pkind);
    m->pstyle = calloc(cap, sizeof *m->pstyle);
    m->plabel = calloc(cap, sizeof *m->plabel);
    if (!m->px || !m->py || !m->pkind || !m->pstyle || !m->plabel) {
        free(copy);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        const bs_pointset *pts = NULL;
        const char *layer_label = NULL;
        size_t first_style = ns;
        for (l = 0; l < p->npoints; l++)
            if (strcasecmp(p->points[l].name, tok) == 0) {
                pts = j->layers[l];
                layer_label = p->points[l].label.value;
            }
        for (i = 0; pts && i < pts->n; i++) {
            size_t st;
            const char *kind = pts->kind && pts->kind[i] ? pts->kind[i] : NULL;
            /* the style of this point's kind (or of the layer) */
            for (st = first_style; st < ns; st++)
                if ((!kind && !m->plabel[st]) ||
                    (kind && m->plabel[st] && strcasecmp(m->plabel[st], kind) == 0))
                    break;
            if (st == ns) {
                if (ns == cap) {
                    bs_point_style *ps2 = realloc(m->pstyle, 2 * cap * sizeof *ps2);
                    char **pl2;
                    if (!ps2) {
                        free(copy);
                        return bs_error_set(err, "%s: out of memory", p->path);
                    }
                    m->pstyle = ps2;
                    pl2 = realloc(m->plabel, 2 * cap * sizeof *pl2);
                    if (!pl2) {
                        free(copy);
                        return bs_error_set(err, "%s: out of memory", p->path);
                    }
                    m->plabel = pl2;
                    cap *= 2;
                }
                m->plabel[ns] = kind ? strdup(kind) : NULL;
                memset(&m->pstyle[ns], 0, sizeof m->pstyle[ns]);
                m->pstyle[ns].symbol = (bs_symbol)(ns % 4);
                m->pstyle[ns].fill = symbol_fill[ns % 8];
                m->pstyle[ns].outline = (bs_rgb){ 0xff, 0xff, 0xff };
                m->pstyle[ns].label = kind ? m->plabel[ns] : layer_label;
                ns++;
                m->points.nstyles = (int)ns;
            }
            m->px[at] = pts->x[i];
            m->py[at] = pts->y[i];
            m->pkind[at++] = (int)st;
        }
    }
    free(copy);
    m->points.n = at;
    m->points.x = m->px;
    m->points.y = m->py;
    m->points.kind = m->pkind;
    m->points.style = m->pstyle;
    m->points.nstyles = (int)ns;
    return 0;
}

/* Layers and furniture of a prepared map: context, points, highlights,
 * labels; and a warning when the palette is not colourblind-safe. */
static int map_layers(bs_job *j, size_t mi, bs_scan_map *m,
                      const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_map_spec *s = &p->maps[mi];
    char w[600];
    bs_palette_flag blind = BS_PALETTE_YES;

    bs_palette_info(s->palette.value, m->classes.k, NULL, &blind, NULL);
    if (blind != BS_PALETTE_YES)
        bs_warn(bs_job_diag(h), "%s: [map %s] palette %s with %d classes is "
                "%s colourblind-safe (ColorBrewer)",
                bs_job_at(p, s->palette.line, s->line, w, sizeof w), s->name,
                s->palette.value, m->classes.k,
                blind == BS_PALETTE_NO ? "not" : "perhaps not");
    m->context = j->context[mi];      /* read in the load phase */
    if (s->points.value && map_points(j, s, m, err) != 0)
        return -1;
    if (s->highlight.value) {
        char *copy = strdup(s->highlight.value), *tok, *save = NULL;
        size_t i;
        m->highlight = malloc((j->n + 1) * sizeof *m->highlight);
        if (!copy || !m->highlight) {
            free(copy);
            return bs_error_set(err, "%s: out of memory", p->path);
        }
        for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
            for (i = 0; i < j->n; i++)
                if (strcasecmp(j->key[i], tok) == 0)
                    break;
            if (i == j->n) {
                bs_error_set(err, "%s: [map %s] highlight: no area has the code "
                             "'%s'", bs_job_at(p, s->highlight.line, s->line, w,
                                               sizeof w), s->name, tok);
                free(copy);
                return -1;
            }
            if (m->nhighlight < j->n)
                m->highlight[m->nhighlight++] = i;
        }
        free(copy);
    }
    if (s->labels.value && strcmp(s->labels.value, "none") != 0)
        m->labels = strcmp(s->labels.value, "code") == 0 ? j->key : j->name;
    return 0;
}

/* columns = a b c: one prepared map per column, classed together when the
 * legend is shared. Each panel owns its column name. */
static int prepare_panels(bs_job *j, size_t mi, const bs_job_hooks *h,
                          bs_error *err)
{
    const bs_map_spec *s = &j->p->maps[mi];
    bs_scan_map *m = &j->maps[mi];
    char *copy = strdup(s->columns.value), *tok, *save = NULL;
    size_t np = 0, k;
    const double **vals;
    int rc = 0;

    if (!copy)
        return bs_error_set(err, "%s: out of memory", j->p->path);
    for (tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save))
        np++;
    free(copy);
    m->panels = calloc(np ? np : 1, sizeof *m->panels);
    vals = calloc(np ? np : 1, sizeof *vals);
    copy = strdup(s->columns.value);
    if (!m->panels || !vals || !copy) {
        free(vals);
        free(copy);
        return bs_error_set(err, "%s: out of memory", j->p->path);
    }
    save = NULL;
    for (tok = strtok_r(copy, " \t,", &save); tok && rc == 0;
         tok = strtok_r(NULL, " \t,", &save)) {
        char *col = strdup(tok);
        bs_scan_map *pm = &m->panels[m->npanels];
        if (!col) {
            rc = bs_error_set(err, "%s: out of memory", j->p->path);
            break;
        }
        m->npanels++;
        rc = prepare_map(j, s, col, s->columns.line, pm, err);
        pm->column = col;
        if (rc == 0)
            vals[m->npanels - 1] = pm->values;
    }
    free(copy);
    for (k = 0; rc == 0 && k < m->npanels; k++) {
        if (s->shared_legend) {
            /* this panel's values first, then the others */
            const double *tmp = vals[0];
            vals[0] = vals[k];
            vals[k] = tmp;
            rc = classify_values(j, s, &m->panels[k], vals, m->npanels, err);
            vals[k] = vals[0];
            vals[0] = tmp;
        } else {
            const double *own[1];
            own[0] = m->panels[k].values;
            rc = classify_values(j, s, &m->panels[k], own, 1, err);
        }
        if (rc == 0)
            rc = map_layers(j, mi, &m->panels[k], h, err);
    }
    free(vals);
    return rc;
}

/* Frees what a prepared map owns; a panel also owns its column name. */
static void map_free(bs_scan_map *m, int is_panel)
{
    size_t i;

    free(m->values);
    free(m->cls);
    bs_classes_free(&m->classes);
    free(m->legend_title);
    free(m->subtitle);
    free(m->source);
    free(m->px);
    free(m->py);
    free(m->pkind);
    for (i = 0; m->plabel && i < (size_t)m->points.nstyles; i++)
        free(m->plabel[i]);
    free(m->plabel);
    free(m->pstyle);
    free(m->highlight);
    for (i = 0; i < m->npanels; i++)
        map_free(&m->panels[i], 1);
    free(m->panels);
    if (is_panel)
        free((char *)m->column);
}

/* The base of the designation maps when no [map] maps the score (without
 * panels): the score in 5 quantile classes of YlOrRd on A4 landscape, as
 * a [map] with only column = score would draw it. */
static int prepare_score_base(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    const double *own[1];
    size_t m;

    if (p->ndesignate == 0)
        return 0;
    for (m = 0; m < p->nmaps; m++)
        if (strcasecmp(p->maps[m].column.value, "score") == 0 &&
            !j->maps[m].npanels)
            return 0;
    memset(&j->base_spec, 0, sizeof j->base_spec);
    j->base_spec.name = p->designate[0].name;
    j->base_spec.line = p->designate[0].line;
    j->base_spec.column.value = "score";
    j->base_spec.classes = 5;
    j->base_spec.method = BS_CLASS_QUANTILE;
    j->base_spec.palette.value = "YlOrRd";
    j->base_spec.formats = BS_OUT_PDF;
    j->base_spec.dpi = 300;
    j->base_spec.decimals = -1;
    j->base_spec.hinge = -1;
    j->base_spec.shared_legend = 1;
    bs_paper_parse("A4 landscape", &j->base_spec.paper);
    j->score_base = calloc(1, sizeof *j->score_base);
    if (!j->score_base)
        return bs_error_set(err, "%s: out of memory", p->path);
    if (prepare_map(j, &j->base_spec, "score", 0, j->score_base, err) != 0)
        return -1;
    own[0] = j->score_base->values;
    return classify_values(j, &j->base_spec, j->score_base, own, 1, err);
}

int bs_job_prepare_maps(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_project *p = j->p;
    size_t m;

    j->maps = calloc(p->nmaps ? p->nmaps : 1, sizeof *j->maps);
    if (!j->maps)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (m = 0; m < p->nmaps; m++)
        if (prepare_map(j, &p->maps[m], p->maps[m].column.value,
                        p->maps[m].column.line, &j->maps[m], err) != 0)
            return -1;
    for (m = 0; m < p->nmaps; m++)
        if (classify_map(j, m, err) != 0 || map_layers(j, m, &j->maps[m], h, err) != 0 ||
            (p->maps[m].columns.value && prepare_panels(j, m, h, err) != 0))
            return -1;
    return prepare_score_base(j, err);
}

void bs_job_maps_free(bs_job *j)
{
    size_t k;

    for (k = 0; j->maps && k < j->p->nmaps; k++)
        map_free(&j->maps[k], 0);
    free(j->maps);
    if (j->score_base)
        map_free(j->score_base, 0);
    free(j->score_base);
}
