/* exports.c: [export] (issue 14), a reader of the scan like tables.c: the
 * typed tables of the scan (the columns of scores.csv, the indicators and
 * method, designation, priorities, the classes of every map) written as a
 * GeoPackage (with a QGIS style per map in layer_styles), RFC 7946 GeoJSON
 * and an Excel workbook, and map-NAME.qml beside them.
 *
 * Disclosure: a cell scores.csv leaves empty is empty (GeoPackage, GeoJSON:
 * null) or "." (Excel) here too: the same mask (flag suppressed: value,
 * normalised value and contribution), from the same printable values
 * (shown[], never raw[]). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "buurtscan/number.h"
#include "buurtscan/qml.h"
#include "buurtscan/text.h"
#include "buurtscan/typedtable.h"
#include "buurtscan/vectorout.h"
#include "buurtscan/words.h"
#include "buurtscan/xlsx.h"
#include "internal.h"

/* ---- a typed table that owns its columns ------------------------------- */

typedef struct tab {
    bs_typed_table t;
    bs_typed_column *cols;
    size_t cap;
    char **owned;             /* strings and arrays to free */
    size_t nowned, capowned;
    int oom;
} tab;

static void *own(tab *b, void *p)
{
    if (!p) {
        b->oom = 1;
        return NULL;
    }
    if (b->nowned == b->capowned) {
        size_t cap = b->capowned ? 2 * b->capowned : 32;
        char **g = realloc(b->owned, cap * sizeof *g);
        if (!g) {
            free(p);
            b->oom = 1;
            return NULL;
        }
        b->owned = g;
        b->capowned = cap;
    }
    b->owned[b->nowned++] = p;
    return p;
}

static char *own_printf(tab *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *own_printf(tab *b, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = bs_text_vprintf(fmt, ap);
    va_end(ap);
    return own(b, s);
}

static bs_typed_column *add_col(tab *b, const char *name, const char *label,
                                bs_col_type type)
{
    bs_typed_column *c;

    if (b->oom)
        return NULL;
    if (b->t.ncols == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        bs_typed_column *g = realloc(b->cols, cap * sizeof *g);
        if (!g) {
            b->oom = 1;
            return NULL;
        }
        b->cols = g;
        b->cap = cap;
    }
    c = &b->cols[b->t.ncols++];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->label = label;
    c->type = type;
    c->decimals = -1;
    b->t.cols = b->cols;
    return c;
}

static void add_num(tab *b, const char *name, const char *label,
                    bs_col_type type, const double *v,
                    const unsigned char *suppressed)
{
    bs_typed_column *c = add_col(b, name, label, type);
    if (c) {
        c->num = v;
        c->suppressed = suppressed;
    }
}

static void add_text(tab *b, const char *name, const char *label,
                     const char *const *v)
{
    bs_typed_column *c = add_col(b, name, label, BS_COL_TEXT);
    if (c)
        c->text = v;
}

static double *new_nums(tab *b, size_t n)
{
    return own(b, malloc((n ? n : 1) * sizeof(double)));
}

static const char **new_texts(tab *b, size_t n)
{
    return own(b, calloc(n ? n : 1, sizeof(char *)));
}

static void tab_free(tab *b)
{
    for (size_t i = 0; i < b->nowned; i++)
        free(b->owned[i]);
    free(b->owned);
    free(b->cols);
}

static int tab_ok(tab *b, const bs_scan *s, bs_error *err)
{
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    return bs_typed_table_check(&b->t, err);
}

/* ---- the scores: every column of scores.csv, typed -------------------- */

static const char *flag_text(unsigned char f)
{
    return f == BS_FLAG_IMPUTED ? "imputed" : f == BS_FLAG_WINSORISED
           ? "winsorised" : f == BS_FLAG_SUPPRESSED ? "suppressed" : "";
}

static const char *status_word(int st)
{
    return st == BS_STATUS_SMALL ? "te klein"
           : st == BS_STATUS_COVERAGE ? "onvoldoende gegevens" : "";
}

static void scores_indicators(tab *b, const bs_scan *s, bs_lang lang)
{
    size_t k, i, n = s->n;

    for (k = 0; k < s->nind && !b->oom; k++) {
        const bs_scan_indicator *d = &s->ind[k];
        unsigned char *sup = own(b, malloc(n ? n : 1));
        if (!sup)
            return;
        for (i = 0; i < n; i++)
            sup[i] = s->flag[k][i] == BS_FLAG_SUPPRESSED;
        add_num(b, d->id, d->unit ? own_printf(b, "%s (%s)", d->label, d->unit)
                                  : d->label, BS_COL_REAL, s->shown[k], sup);
        add_num(b, own_printf(b, "%s_norm", d->id),
                own_printf(b, "%s %s", d->label, bs_word(BS_W_EXP_NORMALISED, lang)),
                BS_COL_REAL, s->norm[k], sup);
    }
    for (k = 0; k < s->nind && !b->oom; k++) {
        const bs_scan_indicator *d = &s->ind[k];
        unsigned char *sup = own(b, malloc(n ? n : 1));
        if (!sup)
            return;
        for (i = 0; i < n; i++)
            sup[i] = s->flag[k][i] == BS_FLAG_SUPPRESSED;
        add_num(b, own_printf(b, "%s_contrib", d->id),
                own_printf(b, "%s %s", d->label, bs_word(BS_W_EXP_CONTRIB, lang)),
                BS_COL_REAL, s->contrib[k], sup);
    }
    for (k = 0; k < s->nind && !b->oom; k++) {
        const bs_scan_indicator *d = &s->ind[k];
        const char **f = new_texts(b, n);
        if (!f)
            return;
        for (i = 0; i < n; i++)
            f[i] = flag_text(s->flag[k][i]);
        add_text(b, own_printf(b, "%s_flag", d->id),
                 own_printf(b, "%s %s", d->label, bs_word(BS_W_EXP_FLAG, lang)), f);
    }
}

static int scores_table(tab *b, const bs_scan *s, bs_error *err)
{
    bs_lang lang = bs_lang_of(s->language);
    const char **st;
    size_t i, k;

    memset(b, 0, sizeof *b);
    b->t.name = "scores";
    b->t.nrows = s->n;
    add_text(b, "code", bs_word(BS_W_CODE, lang), s->key);
    add_text(b, "name", bs_word(BS_W_EXP_NAME, lang), s->name);
    add_num(b, "score", bs_word(BS_W_SCORE, lang), BS_COL_REAL, s->score, NULL);
    add_num(b, "rank", bs_word(BS_W_RANK, lang), BS_COL_REAL, s->rank, NULL);
    add_num(b, "decile", bs_word(BS_W_DECILE, lang), BS_COL_INTEGER, s->decile,
            NULL);
    add_num(b, "coverage", bs_word(BS_W_EXP_COVERAGE, lang), BS_COL_REAL,
            s->coverage, NULL);
    scores_indicators(b, s, lang);
    if ((st = new_texts(b, s->n)) != NULL) {
        for (i = 0; i < s->n; i++)
            st[i] = status_word(s->status[i]);
        add_text(b, "status", bs_word(BS_W_EXP_STATUS, lang), st);
    }
    for (k = 0; k < s->ndom; k++)
        add_num(b, own_printf(b, "domain_%s", s->dom[k].name), s->dom[k].label,
                BS_COL_REAL, s->domscore[k], NULL);
    if (s->has_unc) {
        add_num(b, "rank_p05", NULL, BS_COL_REAL, s->unc.rank_p05, NULL);
        add_num(b, "rank_median", NULL, BS_COL_REAL, s->unc.rank_median, NULL);
        add_num(b, "rank_p95", NULL, BS_COL_REAL, s->unc.rank_p95, NULL);
        if (s->unc_rules.top)
            add_num(b, "p_top", NULL, BS_COL_REAL, s->unc.p_top, NULL);
    }
    for (k = 0; s->has_periods && k < s->nind; k++)
        if (s->ind[k].period) {
            const char **pv = new_texts(b, s->n);
            if (!pv)
                break;
            for (i = 0; i < s->n; i++)
                pv[i] = s->ind[k].period;
            add_text(b, own_printf(b, "%s_period", s->ind[k].id), NULL, pv);
        }
    for (k = 0; k < s->nsupply; k++) {     /* as scores.csv */
        const bs_scan_supply *sp = &s->supply[k];
        /* [supply] label names the rate per 1,000 (the column maps and
         * priorities use); the count keeps its name */
        add_num(b, sp->name, NULL, BS_COL_INTEGER, sp->count, NULL);
        if (sp->per)
            add_num(b, own_printf(b, "%s_per1000", sp->name), sp->label,
                    BS_COL_REAL, sp->per1000, NULL);
    }
    return tab_ok(b, s, err);
}

/* The column of the scores table a map classifies: its own name when the
 * table has it, else map_NAME with the map's values (a [supply] column or
 * an areas column, which scores.csv does not hold). */
static const char *map_field(tab *b, const bs_scan_map *m)
{
    for (size_t c = 0; c < b->t.ncols; c++)
        if (strcasecmp(b->cols[c].name, m->column) == 0)
            return b->cols[c].name;
    {
        const char *name = own_printf(b, "map_%s", m->name);
        add_num(b, name, m->legend_title, BS_COL_REAL, m->values, NULL);
        return name;
    }
}

/* ---- the other tables --------------------------------------------------- */

static int indicators_table(tab *b, const bs_scan *s, bs_error *err)
{
    size_t n = s->nind, k;
    const char **id = NULL, **label, **unit, **def, **src, **year, **dir,
               **norm, **dom;
    double *w;

    memset(b, 0, sizeof *b);
    b->t.name = "indicators";
    b->t.nrows = n;
    id = new_texts(b, n); label = new_texts(b, n); unit = new_texts(b, n);
    def = new_texts(b, n); src = new_texts(b, n); year = new_texts(b, n);
    dir = new_texts(b, n); norm = new_texts(b, n); dom = new_texts(b, n);
    w = new_nums(b, n);
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (k = 0; k < n; k++) {
        const bs_scan_indicator *d = &s->ind[k];
        id[k] = d->id;
        label[k] = d->label;
        unit[k] = d->unit;
        def[k] = d->definition;
        src[k] = d->source;
        year[k] = d->year;
        dir[k] = d->direction > 0 ? "+" : "-";
        w[k] = d->weight;
        norm[k] = bs_norm_name(d->norm);
        dom[k] = d->domain != (size_t)-1 ? s->dom[d->domain].name : NULL;
    }
    add_text(b, "indicator", NULL, id);
    add_text(b, "label", NULL, label);
    add_text(b, "unit", NULL, unit);
    add_text(b, "definition", NULL, def);
    add_text(b, "source", NULL, src);
    add_text(b, "year", NULL, year);
    add_text(b, "direction", NULL, dir);
    add_num(b, "weight", NULL, BS_COL_REAL, w, NULL);
    add_text(b, "normalisation", NULL, norm);
    add_text(b, "domain", NULL, dom);
    return tab_ok(b, s, err);
}

static int designation_table(tab *b, const bs_scan *s, size_t d, bs_error *err)
{
    const bs_scan_designation *sd = &s->designate[d];
    const bs_designation *ds = sd->result;
    const bs_scan_layer *l = &s->layers[sd->layer];
    size_t n = ds->n, i;
    const char **area = new_texts(b, n), **change = new_texts(b, n),
               **reason = new_texts(b, n);
    double *rank = new_nums(b, n), *des = new_nums(b, n), *prev = new_nums(b, n),
           *tied = new_nums(b, n), *kept = new_nums(b, n);

    b->t.name = own_printf(b, "designation_%s", sd->name);
    b->t.nrows = n;
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (i = 0; i < n; i++) {
        const bs_ikc_designation *k = &ds->ikc[i];
        area[i] = l->area[i] >= 0 ? s->key[l->area[i]] : NULL;
        rank[i] = k->rank;
        des[i] = k->designated;
        prev[i] = k->previous;
        change[i] = bs_change_name(k->change);
        reason[i] = k->reason;
        tied[i] = k->tied_at_boundary;
        kept[i] = k->kept;
    }
    add_text(b, "key", NULL, l->pts->key);
    add_text(b, "name", NULL, l->pts->name ? l->pts->name : new_texts(b, n));
    add_text(b, "area_code", NULL, area);
    add_num(b, "score", NULL, BS_COL_REAL, sd->score, NULL);
    add_num(b, "rank", NULL, BS_COL_REAL, rank, NULL);
    add_num(b, "designated", NULL, BS_COL_INTEGER, des, NULL);
    add_num(b, "previous", NULL, BS_COL_INTEGER, prev, NULL);
    add_text(b, "change", NULL, change);
    if (sd->p_top)
        add_num(b, "p_top", NULL, BS_COL_REAL, sd->p_top, NULL);
    add_text(b, "reason", NULL, reason);
    add_num(b, "tied_at_boundary", NULL, BS_COL_INTEGER, tied, NULL);
    add_num(b, "kept", NULL, BS_COL_INTEGER, kept, NULL);
    return tab_ok(b, s, err);
}

static int priorities_table(tab *b, const bs_scan *s, size_t q, bs_error *err)
{
    const bs_scan_priority *pr = &s->prio[q];
    size_t n = s->n, i;
    const char **quad = new_texts(b, n);
    double *prio = new_nums(b, n);

    b->t.name = own_printf(b, "priorities_%s", pr->name);
    b->t.nrows = n;
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (i = 0; i < n; i++) {
        int known = pr->quadrant[i] != BS_Q_UNKNOWN;
        quad[i] = known ? bs_quadrant_label(pr->quadrant[i], s->language) : "";
        prio[i] = pr->priority[i] > 0 && known ? (double)pr->priority[i] : NAN;
    }
    add_text(b, "code", NULL, s->key);
    add_text(b, "name", NULL, s->name);
    add_num(b, "need", NULL, BS_COL_REAL, pr->need, NULL);
    add_num(b, "supply", NULL, BS_COL_REAL, pr->supply, NULL);
    add_text(b, "quadrant", NULL, quad);
    add_num(b, "priority", NULL, BS_COL_INTEGER, prio, NULL);
    return tab_ok(b, s, err);
}

/* A point layer: key, name, kind and the area it lies in. */
static int points_table(tab *b, const bs_scan *s, size_t l, bs_error *err)
{
    const bs_scan_layer *sl = &s->layers[l];
    size_t n = sl->pts->n, i;
    const char **area = new_texts(b, n);

    b->t.name = own_printf(b, "points_%s", sl->name);
    b->t.nrows = n;
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (i = 0; i < n; i++)
        area[i] = sl->area[i] >= 0 ? s->key[sl->area[i]] : NULL;
    add_text(b, "key", NULL, sl->pts->key);
    if (sl->pts->name)
        add_text(b, "name", NULL, sl->pts->name);
    if (sl->pts->kind)
        add_text(b, "kind", NULL, sl->pts->kind);
    add_text(b, "area_code", NULL, area);
    return tab_ok(b, s, err);
}

/* The legend text of class c, as the PDF's legend writes it. */
static void class_label(const bs_scan_map *m, int c, const char *lang,
                        char *buf, size_t n)
{
    char a[64], b[64];

    bs_format_number(m->lower[c], m->decimals, lang, a, sizeof a);
    bs_format_number(m->classes.upper[c], m->decimals, lang, b, sizeof b);
    if (!isfinite(m->lower[c]))
        snprintf(buf, n, "\u2264 %s", b);
    else if (strcmp(a, b) == 0)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s \u2013 %s", a, b);
}

/* Every map's classes in one sheet. */
static int classes_table(tab *b, const bs_scan *s, bs_error *err)
{
    size_t n = 0, r = 0, m;
    const char **map, **label, **colour;
    double *cls, *lo, *hi, *count;

    for (m = 0; m < s->nmaps; m++)
        n += (size_t)s->maps[m].classes.k;
    memset(b, 0, sizeof *b);
    b->t.name = "classes";
    b->t.nrows = n;
    map = new_texts(b, n); label = new_texts(b, n); colour = new_texts(b, n);
    cls = new_nums(b, n); lo = new_nums(b, n); hi = new_nums(b, n);
    count = new_nums(b, n);
    if (b->oom)
        return bs_error_set(err, "%s: out of memory", s->path);
    for (m = 0; m < s->nmaps; m++) {
        const bs_scan_map *sm = &s->maps[m];
        for (int c = 0; c < sm->classes.k; c++, r++) {
            char buf[160], hex[8];
            map[r] = sm->name;
            cls[r] = c + 1;
            lo[r] = sm->lower[c];
            hi[r] = sm->classes.upper[c];
            count[r] = (double)sm->classes.count[c];
            class_label(sm, c, s->language, buf, sizeof buf);
            label[r] = own_printf(b, "%s", buf);
            colour[r] = own_printf(b, "%s", bs_rgb_hex(sm->fill[c], hex));
        }
    }
    add_text(b, "map", NULL, map);
    add_num(b, "class", NULL, BS_COL_INTEGER, cls, NULL);
    add_num(b, "lower", NULL, BS_COL_REAL, lo, NULL);
    add_num(b, "upper", NULL, BS_COL_REAL, hi, NULL);
    add_num(b, "count", NULL, BS_COL_INTEGER, count, NULL);
    add_text(b, "label", NULL, label);
    add_text(b, "colour", NULL, colour);
    return tab_ok(b, s, err);
}

/* ---- the styles ---------------------------------------------------------- */

/* The QML of map m over field, or NULL with err set. */
static char *map_qml(const bs_scan *s, const bs_scan_map *m, const char *field,
                     bs_error *err)
{
    bs_qml_class cls[BS_CLASSES_MAX];
    char labels[BS_CLASSES_MAX][160];
    bs_qml_style st;

    memset(&st, 0, sizeof st);
    for (int c = 0; c < m->classes.k; c++) {
        class_label(m, c, s->language, labels[c], sizeof labels[c]);
        cls[c].lower = m->lower[c];
        cls[c].upper = m->classes.upper[c];
        cls[c].value = NULL;
        cls[c].rgb[0] = m->fill[c].r;
        cls[c].rgb[1] = m->fill[c].g;
        cls[c].rgb[2] = m->fill[c].b;
        cls[c].label = labels[c];
    }
    st.field = field;
    st.kind = BS_QML_GRADUATED;
    st.geometry = BS_QML_POLYGON;
    st.classes = cls;
    st.nclasses = (size_t)m->classes.k;
    st.missing = BS_QML_MISSING_HATCH;
    st.missing_label = bs_word(BS_W_NO_DATA, bs_lang_of(s->language));
    st.outline[0] = st.outline[1] = st.outline[2] = 110;
    st.label_field = m->labels ? (m->labels == s->name ? "name" : "code") : NULL;
    return bs_qml_text(&st, err);
}

/* ---- the files ------------------------------------------------------------ */

static long long created(const bs_scan *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(s->iso_date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (long long)timegm(&tm);
}

typedef struct exp_ctx {
    const bs_scan *s;
    bs_outset *o;
    tab scores, extra[4];
    const char **field;       /* per map: the scores field it classifies */
    const bs_areas *geom;     /* the areas as exported */
} exp_ctx;

static int write_gpkg(exp_ctx *x, bs_error *err)
{
    const bs_scan *s = x->s;
    char name[300];
    const char *path;
    bs_layer_geometry g = {x->geom, NULL, NULL, NULL};
    bs_gpkg *gp = NULL;
    size_t i;

    char stamp[40];

    snprintf(stamp, sizeof stamp, "%.19sZ", s->iso_date);
    snprintf(name, sizeof name, "%s.gpkg", s->export.file);
    if (!(path = bs_outset_reserve(x->o, name, err)) ||
        bs_gpkg_create(path, stamp, &gp, err) != 0 ||
        bs_gpkg_add_layer(gp, &x->scores.t, &g, s->title, err) != 0)
        goto fail;
    for (i = 0; i < s->nmaps; i++) {
        char *q;
        if (!x->field[i])
            continue;
        if (!(q = map_qml(s, &s->maps[i], x->field[i], err)) ||
            bs_gpkg_add_style(gp, "scores", s->maps[i].name, q,
                              s->maps[i].legend_title, i == 0, err) != 0) {
            free(q);
            goto fail;
        }
        free(q);
    }
    for (i = 0; i < s->nlayers; i++) {
        tab t;
        bs_layer_geometry pg = {NULL, s->layers[i].pts->x, s->layers[i].pts->y,
                                s->layers[i].pts->crs};
        int rc;
        memset(&t, 0, sizeof t);
        rc = points_table(&t, s, i, err) != 0 ||
             bs_gpkg_add_layer(gp, &t.t, &pg, s->layers[i].label, err) != 0;
        tab_free(&t);
        if (rc)
            goto fail;
    }
    for (i = 0; i < s->ndesignate; i++) {
        const bs_pointset *pts = s->layers[s->designate[i].layer].pts;
        bs_layer_geometry pg = {NULL, pts->x, pts->y, pts->crs};
        tab t;
        int rc;
        memset(&t, 0, sizeof t);
        rc = designation_table(&t, s, i, err) != 0 ||
             bs_gpkg_add_layer(gp, &t.t, &pg, NULL, err) != 0;
        tab_free(&t);
        if (rc)
            goto fail;
    }
    return bs_gpkg_close(gp, err);
fail:
    bs_gpkg_discard(gp);
    return -1;
}

/* monitor.csv as a sheet (issue 13): one row per series per period. */
static int monitor_table(tab *b, const bs_scan *s, bs_error *err)
{
    size_t n = 0, r = 0, m, i, q, c;
    const char **txt[9];
    double *num[6];

    for (m = 0; m < s->nmonitors; m++)
        n += s->monitors[m].nseries * s->monitors[m].nperiod;
    memset(b, 0, sizeof *b);
    b->t.name = "monitor";
    b->t.nrows = n;
    for (c = 0; c < 9; c++)
        txt[c] = new_texts(b, n);
    for (c = 0; c < 6; c++)
        num[c] = new_nums(b, n);
    if (b->oom)
        return tab_ok(b, s, err);
    for (m = 0; m < s->nmonitors; m++) {
        const bs_scan_monitor *mo = &s->monitors[m];
        for (i = 0; i < mo->nseries; i++)
            for (q = 0; q < mo->nperiod; q++, r++) {
                const bs_monitor_point *pt = &mo->series[i].point[q];
                txt[0][r] = mo->name;
                txt[1][r] = mo->level == BS_MONITOR_AREAS ? "areas" : "gemeente";
                txt[2][r] = mo->series[i].key;
                txt[3][r] = mo->series[i].name;
                txt[4][r] = mo->period[q].text;
                txt[5][r] = pt->provisional ? "yes" : "no";
                txt[6][r] = bs_job_monitor_baseline_text(mo);
                txt[7][r] = bs_job_monitor_target_period(mo);
                txt[8][r] = bs_status_name(pt->status, "en");
                num[0][r] = pt->value;
                num[1][r] = pt->baseline;
                num[2][r] = pt->target;
                num[3][r] = pt->path;
                num[4][r] = pt->change;
                num[5][r] = pt->change_pct;
            }
    }
    /* the columns of monitor.csv, in its order */
    add_text(b, "monitor", NULL, txt[0]);
    add_text(b, "level", NULL, txt[1]);
    add_text(b, "key", NULL, txt[2]);
    add_text(b, "name", NULL, txt[3]);
    add_text(b, "period", NULL, txt[4]);
    add_num(b, "value", NULL, BS_COL_REAL, num[0], NULL);
    add_text(b, "provisional", NULL, txt[5]);
    add_text(b, "baseline_period", NULL, txt[6]);
    add_num(b, "baseline", NULL, BS_COL_REAL, num[1], NULL);
    add_text(b, "target_period", NULL, txt[7]);
    add_num(b, "target", NULL, BS_COL_REAL, num[2], NULL);
    add_num(b, "path", NULL, BS_COL_REAL, num[3], NULL);
    add_num(b, "change", NULL, BS_COL_REAL, num[4], NULL);
    add_num(b, "change_pct", NULL, BS_COL_REAL, num[5], NULL);
    add_text(b, "status", NULL, txt[8]);
    return tab_ok(b, s, err);
}

/* Adds the table t a builder made (built: what the builder returned) to w
 * as a sheet, then frees t; nonzero when either failed. */
static int sheet(bs_xlsx *w, tab *t, int built, bs_error *err)
{
    int rc = built != 0 || bs_xlsx_add_sheet(w, &t->t, NULL, NULL, err) != 0;

    tab_free(t);
    return rc;
}

static int write_xlsx(exp_ctx *x, bs_error *err)
{
    const bs_scan *s = x->s;
    const char *note = bs_lang_of(s->language) == BS_LANG_EN
                           ? BS_XLSX_SUPPRESSED_EN : BS_XLSX_SUPPRESSED_NL;
    char name[300];
    const char *path;
    bs_xlsx *w = NULL;
    tab t;
    size_t i;

    snprintf(name, sizeof name, "%s.xlsx", s->export.file);
    if (!(path = bs_outset_reserve(x->o, name, err)) ||
        bs_xlsx_create(path, created(s), &w, err) != 0 ||
        bs_xlsx_add_sheet(w, &x->scores.t, s->source, note, err) != 0)
        goto fail;
    /* the other tables, a sheet each (a builder fills a zeroed tab) */
    memset(&t, 0, sizeof t);
    if (sheet(w, &t, indicators_table(&t, s, err), err))
        goto fail;
    for (i = 0; i < s->ndesignate; i++) {
        memset(&t, 0, sizeof t);
        if (sheet(w, &t, designation_table(&t, s, i, err), err))
            goto fail;
    }
    for (i = 0; i < s->nprio; i++) {
        memset(&t, 0, sizeof t);
        if (sheet(w, &t, priorities_table(&t, s, i, err), err))
            goto fail;
    }
    memset(&t, 0, sizeof t);
    if (s->nmaps && sheet(w, &t, classes_table(&t, s, err), err))
        goto fail;
    memset(&t, 0, sizeof t);
    if (s->nmonitors && sheet(w, &t, monitor_table(&t, s, err), err))
        goto fail;
    return bs_xlsx_close(w, err);
fail:
    bs_xlsx_discard(w);
    return -1;
}

static int write_qmls(exp_ctx *x, bs_error *err)
{
    for (size_t i = 0; i < x->s->nmaps; i++) {
        char name[300], *q;
        const char *path;
        FILE *f;
        int bad;

        if (!x->field[i])
            continue;
        snprintf(name, sizeof name, "map-%s.qml", x->s->maps[i].name);
        if (!(path = bs_outset_reserve(x->o, name, err)) ||
            !(q = map_qml(x->s, &x->s->maps[i], x->field[i], err)))
            return -1;
        f = fopen(path, "w");
        bad = !f || fputs(q, f) < 0;
        if (f && fclose(f) != 0)
            bad = 1;
        free(q);
        if (bad)
            return bs_error_set(err, "%s: cannot write", path);
    }
    return 0;
}

int bs_job_write_exports(const bs_scan *s, bs_outset *o, bs_error *err)
{
    exp_ctx x;
    bs_areas *print = NULL;
    int rc = -1;

    if (!s->export.formats)
        return 0;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.o = o;
    x.geom = s->areas;
    if (scores_table(&x.scores, s, err) != 0)
        return -1;
    x.field = calloc(s->nmaps + 1, sizeof *x.field);
    if (!x.field) {
        rc = bs_error_set(err, "%s: out of memory", s->path);
        goto done;
    }
    /* small multiples have one style per panel in the PDF: none here */
    for (size_t m = 0; m < s->nmaps; m++)
        if (!s->maps[m].npanels && s->maps[m].values)
            x.field[m] = map_field(&x.scores, &s->maps[m]);
    if (tab_ok(&x.scores, s, err) != 0)
        goto done;
    if (s->export.print_geometry && !s->areas_print) {
        if (bs_job_print_geometry(s, &print, err) != 0)
            goto done;
        if (print)
            x.geom = print;
    }
    if ((s->export.formats & BS_EXPORT_GPKG) && write_gpkg(&x, err) != 0)
        goto done;
    if ((s->export.formats & BS_EXPORT_GEOJSON)) {
        char name[300];
        const char *path;
        bs_layer_geometry g = {x.geom, NULL, NULL, NULL};
        snprintf(name, sizeof name, "%s.geojson", s->export.file);
        if (!(path = bs_outset_reserve(o, name, err)) ||
            bs_geojson_write(path, &x.scores.t, &g, err) != 0)
            goto done;
    }
    if ((s->export.formats & BS_EXPORT_XLSX) && write_xlsx(&x, err) != 0)
        goto done;
    rc = write_qmls(&x, err);
done:
    bs_areas_free(print);
    free(x.field);
    tab_free(&x.scores);
    return rc;
}
