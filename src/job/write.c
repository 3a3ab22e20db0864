/* write.c: writing a job's outputs atomically, and the validate summary.
 *
 * Every output is written to a hidden temporary file in OUTDIR first; only
 * when all of them are complete are they renamed into place. On failure the
 * temporary files are removed, and so is OUTDIR itself if this run created
 * it, so a failed run leaves nothing behind. Output names come from section
 * names that the project reader restricts to [A-Za-z0-9_-], so nothing is
 * ever written outside OUTDIR. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buurtscan/crs.h"
#include "buurtscan/job.h"
#include "buurtscan/map.h"
#include "buurtscan/number.h"
#include "buurtscan/palette.h"
#include "buurtscan/stats.h"
#include "buurtscan/topology.h"
#include "internal.h"

typedef struct outfile {
    char *tmp;
    char *final;
} outfile;

typedef struct outset {
    const char *dir;
    outfile *files;
    size_t n;
    char **created;      /* directories this run created, outermost first */
    size_t ncreated;
} outset;

static int make_dirs(outset *o, const char *dir, bs_error *err)
{
    char *path = strdup(dir), *s;
    struct stat st;

    if (!path)
        return bs_error_set(err, "%s: out of memory", dir);
    for (s = path + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (stat(path, &st) != 0) {
                if (mkdir(path, 0777) != 0) {
                    int e = errno;
                    free(path);
                    return bs_error_set(err, "%s: cannot create the output "
                                        "directory: %s", dir, strerror(e));
                }
                o->created = realloc(o->created, (o->ncreated + 1) * sizeof(char *));
                o->created[o->ncreated++] = strdup(path);
            } else if (!S_ISDIR(st.st_mode)) {
                bs_error_set(err, "%s: exists and is not a directory", path);
                free(path);
                return -1;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(path);
    return 0;
}

/* Reserves a temporary file for the output `name`; returns its path. */
static const char *reserve(outset *o, const char *name, bs_error *err)
{
    size_t n = strlen(o->dir) + strlen(name) + 32;
    outfile *f;
    outfile *files = realloc(o->files, (o->n + 1) * sizeof *files);

    if (!files) {
        bs_error_set(err, "%s: out of memory", o->dir);
        return NULL;
    }
    o->files = files;
    f = &o->files[o->n];
    f->final = malloc(n);
    f->tmp = malloc(n);
    if (!f->final || !f->tmp) {
        free(f->final);
        free(f->tmp);
        bs_error_set(err, "%s: out of memory", o->dir);
        return NULL;
    }
    snprintf(f->final, n, "%s/%s", o->dir, name);
    snprintf(f->tmp, n, "%s/.%s.%ld.tmp", o->dir, name, (long)getpid());
    o->n++;
    return f->tmp;
}

static void rollback(outset *o)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        unlink(o->files[i].tmp);
    for (i = o->ncreated; i-- > 0;)
        rmdir(o->created[i]);
}

static int commit(outset *o, bs_error *err)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        if (rename(o->files[i].tmp, o->files[i].final) != 0)
            return bs_error_set(err, "%s: cannot rename into place: %s",
                                o->files[i].final, strerror(errno));
    return 0;
}

static void outset_free(outset *o)
{
    size_t i;
    for (i = 0; i < o->n; i++) {
        free(o->files[i].tmp);
        free(o->files[i].final);
    }
    free(o->files);
    for (i = 0; i < o->ncreated; i++)
        free(o->created[i]);
    free(o->created);
}

/* Writes a text cell, quoted when it holds a comma, quote or newline. */
static void csv_text(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_num(FILE *f, double v)
{
    char buf[64];
    fputs(bs_format_csv_number(v, buf, sizeof buf), f);
}

static int close_checked(FILE *f, const char *path, bs_error *err)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return bs_error_set(err, "%s: write error: %s", path, strerror(errno));
    return 0;
}

static const char *status_text(int st)
{
    return st == BS_STATUS_SMALL ? "te klein"
           : st == BS_STATUS_COVERAGE ? "onvoldoende gegevens" : "";
}

/* scores.csv: the contract's columns first (code, name, score, rank, decile,
 * coverage, then <id> and <id>_norm per indicator); after them, per
 * indicator <id>_contrib and <id>_flag, then status, the domain scores and,
 * with [uncertainty], the rank interval and p_top. */
static int write_scores(const bs_job *j, const char *path, bs_error *err)
{
    const bs_project *p = j->p;
    FILE *f = fopen(path, "w");
    size_t i, k;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("code,name,score,rank,decile,coverage", f);
    for (k = 0; k < p->nind; k++)
        fprintf(f, ",%s,%s_norm", p->ind[k].id, p->ind[k].id);
    for (k = 0; k < p->nind; k++)
        fprintf(f, ",%s_contrib", p->ind[k].id);
    for (k = 0; k < p->nind; k++)
        fprintf(f, ",%s_flag", p->ind[k].id);
    fputs(",status", f);
    for (k = 0; k < p->ndom; k++)
        fprintf(f, ",domain_%s", p->dom[k].name);
    if (j->has_unc) {
        fputs(",rank_p05,rank_median,rank_p95", f);
        if (p->unc.top)
            fputs(",p_top", f);
    }
    fputc('\n', f);
    for (i = 0; i < j->n; i++) {
        csv_text(f, j->key[i]);
        fputc(',', f);
        csv_text(f, j->name[i]);
        fputc(',', f);
        csv_num(f, j->score[i]);
        fputc(',', f);
        csv_num(f, j->rank[i]);
        fputc(',', f);
        csv_num(f, j->decile[i]);
        fputc(',', f);
        csv_num(f, j->coverage[i]);
        /* a suppressed value is left out everywhere it could be read back
         * from: raw, normalised and contribution */
        for (k = 0; k < p->nind; k++) {
            int sup = j->flag[k][i] == BS_FLAG_SUPPRESSED;
            fputc(',', f);
            csv_num(f, j->shown[k][i]);
            fputc(',', f);
            csv_num(f, sup ? NAN : j->norm[k][i]);
        }
        for (k = 0; k < p->nind; k++) {
            fputc(',', f);
            csv_num(f, j->flag[k][i] == BS_FLAG_SUPPRESSED ? NAN : j->contrib[k][i]);
        }
        for (k = 0; k < p->nind; k++)
            fputs(j->flag[k][i] == BS_FLAG_IMPUTED ? ",imputed"
                  : j->flag[k][i] == BS_FLAG_WINSORISED ? ",winsorised"
                  : j->flag[k][i] == BS_FLAG_SUPPRESSED ? ",suppressed" : ",", f);
        fputc(',', f);
        fputs(status_text(j->status[i]), f);
        for (k = 0; k < p->ndom; k++) {
            fputc(',', f);
            csv_num(f, j->domscore[k][i]);
        }
        if (j->has_unc) {
            fputc(',', f);
            csv_num(f, j->unc.rank_p05[i]);
            fputc(',', f);
            csv_num(f, j->unc.rank_median[i]);
            fputc(',', f);
            csv_num(f, j->unc.rank_p95[i]);
            if (p->unc.top) {
                fputc(',', f);
                csv_num(f, j->unc.p_top[i]);
            }
        }
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* uncertainty.csv: per uncertain input, the mean absolute rank shift when
 * only that input varies. */
static int write_uncertainty(const bs_job *j, const char *path, bs_error *err)
{
    const bs_project *p = j->p;
    FILE *f = fopen(path, "w");
    size_t k;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("input,varied,mean_abs_rank_shift\n", f);
    for (k = 0; k < p->nind; k++) {
        fprintf(f, "weight %s,x U(%g; %g),", p->ind[k].id, 1 - p->unc.weights,
                1 + p->unc.weights);
        csv_num(f, j->unc.sensitivity[k]);
        fputc('\n', f);
    }
    fputs("normalisation,", f);
    {
        size_t c;
        fputs("\"nominal", f);
        for (c = 0; c < p->unc.nnormalise; c++) {
            fprintf(f, " %s", bs_norm_name(p->unc.normalise[c]));
        }
        fputs("\",", f);
    }
    csv_num(f, j->unc.sensitivity[p->nind]);
    fputc('\n', f);
    return close_checked(f, path, err);
}

/* designation-NAME.csv: per IKC, in the order of the points file. */
static int write_designation(const bs_job *j, size_t d, const char *path,
                             bs_error *err)
{
    const bs_designation *ds = j->desig[d];
    const bs_pointset *pts = j->layers[j->desig_layer[d]];
    const long *area = j->layer_area[j->desig_layer[d]];
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("key,name,area_code,score,rank,designated,previous,change,p_top,"
          "reason,tied_at_boundary,kept\n", f);
    for (i = 0; i < ds->n; i++) {
        const bs_ikc_designation *k = &ds->ikc[i];
        csv_text(f, pts->key[i]);
        fputc(',', f);
        csv_text(f, pts->name ? pts->name[i] : NULL);
        fputc(',', f);
        csv_text(f, area[i] >= 0 ? j->key[area[i]] : NULL);
        fputc(',', f);
        csv_num(f, j->desig_score[d][i]);
        fputc(',', f);
        csv_num(f, k->rank);
        fprintf(f, ",%d,%d,%s,", k->designated, k->previous,
                bs_change_name(k->change));
        if (j->desig_ptop[d])
            csv_num(f, j->desig_ptop[d][i]);
        fputc(',', f);
        csv_text(f, k->reason);
        fprintf(f, ",%d,%d\n", k->tied_at_boundary, k->kept);
    }
    return close_checked(f, path, err);
}

/* priorities-NAME.csv: per area, in input order. */
static int write_priorities(const bs_job *j, size_t q, const char *path,
                            bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("code,name,need,supply,quadrant,priority\n", f);
    for (i = 0; i < j->n; i++) {
        csv_text(f, j->key[i]);
        fputc(',', f);
        csv_text(f, j->name[i]);
        fputc(',', f);
        csv_num(f, j->prio_need[q][i]);
        fputc(',', f);
        csv_num(f, j->prio_supply[q][i]);
        fputc(',', f);
        csv_text(f, j->quadrant[q][i] == BS_Q_UNKNOWN
                        ? "" : bs_quadrant_label(j->quadrant[q][i], j->p->language.value));
        fputc(',', f);
        /* no priority number without a need and a supply value */
        if (j->priority[q][i] > 0 && j->quadrant[q][i] != BS_Q_UNKNOWN)
            fprintf(f, "%ld", j->priority[q][i]);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* One row per class, then the no-data row. The fit of the classification
 * (GVF, GADF, TAI: see classify.h) is the same for every row; it is
 * repeated in trailing columns so that the first five stay the contract's. */
static int write_classes(const bs_job_map *m, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "w");
    int c;
    char hex[8];

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("class,lower,upper,count,colour,gvf,gadf,tai\n", f);
    for (c = 0; c <= m->classes.k; c++) {
        if (c < m->classes.k) {
            fprintf(f, "%d,", c + 1);
            csv_num(f, m->lower[c]);
            fputc(',', f);
            csv_num(f, m->classes.upper[c]);
            fprintf(f, ",%zu,%s,", m->classes.count[c],
                    bs_rgb_hex(m->fill[c], hex));
        } else {
            /* the hatch is drawn over white: white is the no-data colour */
            fprintf(f, "missing,,,%zu,#ffffff,", m->classes.missing);
        }
        csv_num(f, m->classes.gvf);
        fputc(',', f);
        csv_num(f, m->classes.gadf);
        fputc(',', f);
        csv_num(f, m->classes.tai);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* Fills the renderer's description of a prepared map; draw is the geometry
 * to draw (simplified for print), or NULL for the job's own. */
static void fill_map(const bs_job *j, const bs_job_map *m, bs_map *map,
                     const bs_areas *draw)
{
    const bs_map_spec *s = m->spec;

    memset(map, 0, sizeof *map);
    map->areas = draw ? draw : j->areas;
    map->cls = m->cls;
    map->k = m->classes.k;
    map->fill = m->fill;
    map->lower = m->lower;
    map->upper = m->classes.upper;
    map->count = m->classes.count;
    map->missing = m->classes.missing - m->nsmall;
    map->decimals = m->decimals;
    map->language = j->p->language.value;
    map->title = s->title.value ? s->title.value : j->p->title.value;
    map->subtitle = m->subtitle;
    map->legend_title = m->legend_title;
    map->source = m->source;
    map->date = j->date;
    map->iso_date = j->iso_date;
    map->paper = s->paper;
    map->style = &j->style;
    map->context = m->context;
    map->inset = s->inset;
    if (m->points.n)
        map->points = &m->points;
    map->highlight = m->highlight;
    map->nhighlight = m->nhighlight;
    map->labels = m->labels;
}

static const struct { unsigned flag; bs_format fmt; const char *ext; } kinds[] = {
    { BS_OUT_PDF, BS_FORMAT_PDF, "pdf" },
    { BS_OUT_PNG, BS_FORMAT_PNG, "png" },
    { BS_OUT_SVG, BS_FORMAT_SVG, "svg" },
};

/* Labels that found no room are listed, never silently dropped. */
static void report_labels(const bs_job *j, const char *map, bs_label_set *ls,
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
            strncat(list, j->name[ls->label[i].area], sizeof list - strlen(list) - 1);
            shown++;
        }
    bs_warn(h ? &h->diag : NULL, "map %s: %zu labels did not fit and were left "
            "out: %s%s", map, ls->ndropped, list, ls->ndropped > shown ? ", ..." : "");
}

/* The finest print tolerance (0.1 mm on paper, in map units) over the
 * job's maps, drawn from `areas`, or shown at `extent` when that is not
 * NULL. INFINITY when no map has a frame. */
static double print_tolerance(const bs_job *j, const bs_areas *areas,
                              const double *extent)
{
    double tol = INFINITY;
    size_t m;

    for (m = 0; m < j->p->nmaps; m++) {
        bs_map map;
        bs_map_frame fr;
        fill_map(j, &j->maps[m], &map, areas);
        if (extent)
            map.extent = extent;
        if (bs_map_frame_get(&map, &fr) == 0 && fr.scale > 0 && 0.1 / fr.scale < tol)
            tol = 0.1 / fr.scale;
    }
    return tol;
}

/* Only [map]s draw the areas and they came in another CRS (see
 * bs_job.areas_print): simplified in their own CRS and only the points kept
 * reprojected, at the tolerance of the frames the maps get from the
 * reprojected bounding box. Should the drawn geometry give a finer frame
 * after all (its box can only be smaller, by up to the tolerance), it is
 * simplified again at that, 0.1 % finer, which the geometry it keeps
 * cannot shrink by more. The job's areas then take the simplified
 * geometry, so the full detail is not held while the maps are drawn. */
int bs_job_simplify_for_print(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    bs_areas *a = j->areas, *s = NULL;
    double box[4], tol;
    size_t full = a->npts;
    int rc;

    rc = bs_areas_bbox_in(a, j->p->crs.value, box, err);
    if (rc < 0)
        return -1;
    tol = rc == 0 ? print_tolerance(j, a, box) : INFINITY;
    if (!isfinite(tol))
        tol = 0;      /* no frame: keep every point that makes a corner */
    for (int pass = 0;; pass++) {
        double fine;
        if (bs_areas_simplify_to(a, j->p->crs.value, tol, &s, err) != 0)
            return -1;
        fine = print_tolerance(j, s, NULL);
        /* 2e-5 finer for England: within the margin bs_areas_simplify_to
         * keeps */
        if (!(fine * 1.005 < tol) || pass == 1)
            break;
        bs_areas_free(s);
        s = NULL;
        tol = fine * 0.999;
    }
    /* same areas and rings (topology.h), new points */
#define SWAP(f) do { __typeof__(a->f) t_ = a->f; a->f = s->f; s->f = t_; } while (0)
    SWAP(pt_first);
    SWAP(npts);
    SWAP(x);
    SWAP(y);
    SWAP(crs);
    SWAP(arcs);
#undef SWAP
    bs_areas_free(s);
    j->areas_print = 1;
    bs_job_step(h, "simplified the borders for print in their own CRS: %zu of "
                "%zu points kept, only those reprojected to %s", a->npts, full,
                j->p->crs.value);
    return 0;
}

/* The geometry the maps are drawn from: borders simplified once, shared
 * borders identically (no cracks), so that no vertex is dropped that would
 * move a line by more than 0.1 mm on the largest-scale map of the job.
 * NULL when no map has geometry or the job's areas are that already. */
static int print_geometry(const bs_job *j, bs_areas **out, bs_error *err)
{
    double tol;

    *out = NULL;
    if (j->areas_print)
        return 0;
    tol = print_tolerance(j, j->areas, NULL);
    if (!isfinite(tol))
        return 0;
    return bs_areas_simplify(j->areas, tol, out, err);
}

/* One output file of a map. */
typedef struct map_output {
    const bs_job *j;
    const bs_job_map *m;
    const bs_areas *draw;
    bs_format fmt;
    const char *path;
    bs_label_set *labels;     /* filled by this output only, or NULL */
    int rc;
    bs_error err;
} map_output;

static int render_output(map_output *mo)
{
    const bs_job *j = mo->j;
    const bs_job_map *m = mo->m;
    const bs_map_spec *s = m->spec;
    bs_map *panels, map;
    bs_page page;
    size_t k;
    int cols = 1, rc;

    fill_map(j, m, &map, mo->draw);
    if (map.labels)
        map.label_result = mo->labels;
    if (!m->npanels)
        return bs_map_render(&map, mo->fmt, s->dpi, mo->path, &mo->err);
    /* small multiples: one page, a panel per column */
    if (!(panels = calloc(m->npanels, sizeof *panels)))
        return bs_error_set(&mo->err, "%s: out of memory", mo->path);
    for (k = 0; k < m->npanels; k++) {
        fill_map(j, &m->panels[k], &panels[k], mo->draw);
        /* with a legend per panel its title names the panel */
        panels[k].title = s->shared_legend ? m->panels[k].legend_title : NULL;
    }
    memset(&page, 0, sizeof page);
    page.title = map.title;
    page.subtitle = s->subtitle.value;
    page.source = m->source;
    page.date = j->date;
    page.iso_date = j->iso_date;
    page.language = j->p->language.value;
    page.paper = s->paper;
    page.style = &j->style;
    /* a near-square grid: 2 -> 2x1, 4 -> 2x2, 6 -> 3x2, 9 -> 3x3 */
    while ((size_t)(cols * cols) < m->npanels)
        cols++;
    rc = bs_map_render_multi(panels, m->npanels, cols, s->shared_legend, &page,
                             mo->fmt, s->dpi, mo->path, &mo->err);
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
static int render_map(const bs_job *j, const bs_job_map *m, const bs_areas *draw,
                      outset *o, const bs_job_hooks *h, bs_error *err)
{
    enum { NKINDS = sizeof kinds / sizeof kinds[0] };
    const bs_map_spec *s = m->spec;
    map_output out[NKINDS];
    pthread_t tid[NKINDS];
    int started[NKINDS] = { 0 };
    bs_label_set ls;
    size_t i, n = 0;
    int rc = 0;

    for (i = 0; i < NKINDS; i++) {
        char name[300];
        if (!(s->formats & kinds[i].flag))
            continue;
        snprintf(name, sizeof name, "map-%s.%s", s->name, kinds[i].ext);
        memset(&out[n], 0, sizeof out[n]);
        if (!(out[n].path = reserve(o, name, err)))
            return -1;
        out[n].j = j;
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
        report_labels(j, s->name, &ls, h);
    bs_label_set_free(&ls);
    return rc;
}

/* The herijking on a map: the score map of the project's first score map
 * (or a 5-class quantile map) with the IKCs drawn by their change. */
static int render_designation_map(const bs_job *j, size_t d,
                                  const bs_areas *draw, outset *o, bs_error *err)
{
    const bs_project *p = j->p;
    const bs_designation *ds = j->desig[d];
    const bs_pointset *pts = j->layers[j->desig_layer[d]];
    const bs_job_map *base = NULL;
    int nl = strcmp(p->language.value, "en") != 0;
    static const bs_rgb dark = { 0x1a, 0x1a, 0x1a }, white = { 0xff, 0xff, 0xff },
                        green = { 0x1b, 0x9e, 0x77 }, purple = { 0x75, 0x70, 0xb3 };
    bs_point_style st[4];
    int *kind = malloc((pts->n ? pts->n : 1) * sizeof *kind);
    char title[400], name[300], lab[4][80];
    size_t i, cnt[4] = { 0 };
    bs_map map;
    bs_points bp;
    const char *tmp;
    int rc;

    for (i = 0; i < p->nmaps; i++)
        if (strcasecmp(p->maps[i].column.value, "score") == 0 && !j->maps[i].npanels) {
            base = &j->maps[i];
            break;
        }
    if (!kind)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (i = 0; i < ds->n; i++) {
        bs_change c = ds->ikc[i].change;
        kind[i] = c == BS_CHANGE_CONTINUED ? 0 : c == BS_CHANGE_NEW ? 1
                  : c == BS_CHANGE_DROPPED ? 2 : 3;
        cnt[kind[i]]++;
    }
    memset(st, 0, sizeof st);
    snprintf(lab[0], sizeof lab[0], nl ? "Plus-IKC, blijft" : "Plus-IKC, continued");
    snprintf(lab[1], sizeof lab[1], nl ? "Plus-IKC, nieuw" : "Plus-IKC, new");
    snprintf(lab[2], sizeof lab[2], nl ? "vervalt" : "dropped");
    snprintf(lab[3], sizeof lab[3], nl ? "IKC zonder predicaat" : "IKC, not designated");
    st[0] = (bs_point_style){ BS_SYMBOL_CIRCLE, dark, white, 3.2, lab[0] };
    st[1] = (bs_point_style){ BS_SYMBOL_DIAMOND, green, white, 3.6, lab[1] };
    st[2] = (bs_point_style){ BS_SYMBOL_SQUARE, purple, white, 3.0, lab[2] };
    st[3] = (bs_point_style){ BS_SYMBOL_CIRCLE, white, dark, 2.2, lab[3] };
    bp.n = pts->n;
    bp.x = pts->x;
    bp.y = pts->y;
    bp.kind = kind;
    bp.style = st;
    bp.nstyles = 4;
    if (base)
        fill_map(j, base, &map, draw);
    else {
        rc = bs_error_set(err, "%s: [designate %s] needs a [map] of the score to "
                          "draw on", p->path, p->designate[d].name);
        free(kind);
        return rc;
    }
    snprintf(title, sizeof title, nl ? "Herijking Plus-IKC's: %zu aangewezen (%zu "
             "blijven, %zu nieuw, %zu vervallen)" : "Plus-IKC designation: %zu "
             "designated (%zu continued, %zu new, %zu dropped)", ds->ndesignated,
             ds->ncontinued, ds->nnew, ds->ndropped);
    map.title = p->title.value;
    map.subtitle = title;
    map.points = &bp;
    map.labels = NULL;
    snprintf(name, sizeof name, "map-designation-%s.pdf", p->designate[d].name);
    tmp = reserve(o, name, err);
    rc = tmp ? bs_map_render(&map, BS_FORMAT_PDF, 300, tmp, err) : -1;
    (void)cnt;
    free(kind);
    return rc;
}

/* Need against social base: four quadrant classes with their Dutch names. */
static int render_priorities_map(const bs_job *j, size_t q,
                                 const bs_areas *draw, outset *o, bs_error *err)
{
    const bs_project *p = j->p;
    static const bs_rgb fill[4] = {
        { 0xca, 0x00, 0x20 }, { 0xf4, 0xa5, 0x82 }, { 0x92, 0xc5, 0xde },
        { 0x05, 0x71, 0xb0 }
    };
    const char *labels[4];
    int *cls = malloc((j->n ? j->n : 1) * sizeof *cls);
    size_t count[4] = { 0 }, missing = 0, i;
    double lower[4] = { 0, 1, 2, 3 }, upper[4] = { 0, 1, 2, 3 };
    char name[300], subtitle[300];
    const char *tmp;
    bs_map map;
    int c, rc;

    if (!cls)
        return bs_error_set(err, "%s: out of memory", p->path);
    for (c = 0; c < 4; c++)
        labels[c] = bs_quadrant_label((bs_quadrant)c, p->language.value);
    for (i = 0; i < j->n; i++) {
        bs_quadrant qd = j->quadrant[q][i];
        cls[i] = qd == BS_Q_UNKNOWN ? -1 : (int)qd;
        if (cls[i] >= 0)
            count[cls[i]]++;
        else
            missing++;
    }
    memset(&map, 0, sizeof map);
    map.areas = draw ? draw : j->areas;
    map.cls = cls;
    map.k = 4;
    map.fill = fill;
    map.lower = lower;
    map.upper = upper;
    map.class_labels = labels;
    map.count = count;
    map.missing = missing;
    map.language = p->language.value;
    map.title = p->title.value;
    snprintf(subtitle, sizeof subtitle,
             strcmp(p->language.value, "en") ? "Behoefte (%s) tegenover sociale basis "
             "(%s), gesplitst bij de mediaan" : "Need (%s) against social base (%s), "
             "split at the median", p->prio[q].need.value, p->prio[q].supply.value);
    map.subtitle = subtitle;
    map.legend_title = strcmp(p->language.value, "en") ? "Waar eerst?" : "Where first?";
    map.source = j->source;
    map.date = j->date;
    map.iso_date = j->iso_date;
    bs_paper_parse("A4 landscape", &map.paper);
    map.style = &j->style;
    snprintf(name, sizeof name, "map-priorities-%s.pdf", p->prio[q].name);
    tmp = reserve(o, name, err);
    rc = tmp ? bs_map_render(&map, BS_FORMAT_PDF, 300, tmp, err) : -1;
    free(cls);
    return rc;
}

/* The CSV tables, written by a thread of their own while the maps are
 * simplified and drawn: scores.csv alone takes a fifth of a second for
 * 32,844 areas. Paths are reserved before the thread starts. */
typedef struct tables {
    const bs_job *j;
    const char *scores, *uncertainty;
    const char **desig, **prio;   /* per [designate], [prioritise] */
    int rc;
    bs_error err;
} tables;

static void *write_tables(void *arg)
{
    tables *t = arg;
    const bs_job *j = t->j;
    size_t m;

    t->rc = -1;
    if (write_scores(j, t->scores, &t->err) != 0)
        return NULL;
    if (t->uncertainty && write_uncertainty(j, t->uncertainty, &t->err) != 0)
        return NULL;
    for (m = 0; m < j->p->ndesignate; m++)
        if (write_designation(j, m, t->desig[m], &t->err) != 0)
            return NULL;
    for (m = 0; m < j->p->nprio; m++)
        if (write_priorities(j, m, t->prio[m], &t->err) != 0)
            return NULL;
    t->rc = 0;
    return NULL;
}

static int reserve_tables(const bs_job *j, outset *o, tables *t, bs_error *err)
{
    size_t m;

    t->j = j;
    t->desig = calloc(j->p->ndesignate + 1, sizeof *t->desig);
    t->prio = calloc(j->p->nprio + 1, sizeof *t->prio);
    if (!t->desig || !t->prio)
        return bs_error_set(err, "%s: out of memory", o->dir);
    if (!(t->scores = reserve(o, "scores.csv", err)))
        return -1;
    if (j->has_unc && !(t->uncertainty = reserve(o, "uncertainty.csv", err)))
        return -1;
    for (m = 0; m < j->p->ndesignate; m++) {
        char name[300];
        snprintf(name, sizeof name, "designation-%s.csv", j->p->designate[m].name);
        if (!(t->desig[m] = reserve(o, name, err)))
            return -1;
    }
    for (m = 0; m < j->p->nprio; m++) {
        char name[300];
        snprintf(name, sizeof name, "priorities-%s.csv", j->p->prio[m].name);
        if (!(t->prio[m] = reserve(o, name, err)))
            return -1;
    }
    return 0;
}

/* The maps and the report, beside the tables. */
static int write_drawings(const bs_job *j, outset *o, const bs_job_hooks *h,
                          bs_error *err)
{
    const char *tmp;
    bs_areas *draw = NULL;
    size_t m;
    int rc = -1;

    if (j->p->nmaps && print_geometry(j, &draw, err) != 0)
        goto done;
    if (draw && h && h->step) {
        char what[200];
        snprintf(what, sizeof what, "simplified the borders for print: %zu of %zu "
                 "points kept", draw->npts, j->areas->npts);
        h->step(h->ud, what);
    }
    for (m = 0; m < j->p->nmaps; m++) {
        const bs_job_map *jm = &j->maps[m];
        char name[300];
        if (h && h->step) {
            char what[400];
            snprintf(what, sizeof what, "drawing map %s", jm->spec->name);
            h->step(h->ud, what);
        }
        snprintf(name, sizeof name, "map-%s.csv", jm->spec->name);
        tmp = reserve(o, name, err);
        if (!tmp || write_classes(jm, tmp, err) != 0 ||
            render_map(j, jm, draw, o, h, err) != 0)
            goto done;
    }
    for (m = 0; m < j->p->ndesignate; m++)
        if (render_designation_map(j, m, draw, o, err) != 0)
            goto done;
    for (m = 0; m < j->p->nprio; m++)
        if (render_priorities_map(j, m, draw, o, err) != 0)
            goto done;
    if (j->p->report.line) {
        tmp = reserve(o, j->p->report.file.value, err);
        if (!tmp || bs_job_report(j, tmp, h, err) != 0)
            goto done;
    }
    rc = 0;
done:
    bs_areas_free(draw);
    return rc;
}

int bs_job_write(const bs_job *j, const char *outdir, const bs_job_hooks *h,
                 bs_error *err)
{
    outset o;
    tables t;
    pthread_t tid;
    int rc = -1, threaded = 0;

    memset(&o, 0, sizeof o);
    memset(&t, 0, sizeof t);
    o.dir = outdir;
    if (make_dirs(&o, outdir, err) != 0 || reserve_tables(j, &o, &t, err) != 0)
        goto done;
    if (h && h->step)
        h->step(h->ud, "writing scores.csv");
    threaded = pthread_create(&tid, NULL, write_tables, &t) == 0;
    if (!threaded)
        write_tables(&t);
    rc = write_drawings(j, &o, h, err);
    if (threaded)
        pthread_join(tid, NULL);
    if (rc == 0 && t.rc != 0)
        rc = bs_error_set(err, "%s", t.err.msg);
    if (rc == 0)
        rc = commit(&o, err);
done:
    if (rc != 0)
        rollback(&o);
    outset_free(&o);
    free(t.desig);
    free(t.prio);
    return rc;
}

/* --- the validate summary ------------------------------------------------ */

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap + (size_t)n + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s)
            return;
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The correlation matrix of the normalised indicators (oriented: higher =
 * more need, so a negative r means two indicators disagree), with the
 * double-counting (|r| > 0.9) and conflict (r < 0 within a domain) flags,
 * and Cronbach's alpha per domain (or over all indicators). */
static void summary_correlations(const bs_job *j, sbuf *b)
{
    const bs_project *p = j->p;
    size_t nind = p->nind, a, c, d;
    double *r = malloc(nind * nind * sizeof *r);

    if (!r || nind < 2) {
        free(r);
        return;
    }
    bs_correlation((const double *const *)j->norm, nind, j->n, r, NULL);
    sb_printf(b, "correlations of the normalised indicators (Pearson, pairwise):\n");
    sb_printf(b, "          %-12s", "");
    for (c = 0; c < nind; c++)
        sb_printf(b, " %8.8s", p->ind[c].id);
    sb_printf(b, "\n");
    for (a = 0; a < nind; a++) {
        sb_printf(b, "          %-12.12s", p->ind[a].id);
        for (c = 0; c < nind; c++)
            sb_printf(b, " %8.3f", r[a * nind + c]);
        sb_printf(b, "\n");
    }
    for (a = 0; a < nind; a++)
        for (c = a + 1; c < nind; c++) {
            double v = r[a * nind + c];
            int same_dom = p->ndom && p->ind[a].domain.value && p->ind[c].domain.value &&
                           strcasecmp(p->ind[a].domain.value, p->ind[c].domain.value) == 0;
            if (fabs(v) > 0.9)
                sb_printf(b, "warning   %s and %s correlate %.3f: they may count "
                          "the same thing twice\n", p->ind[a].id, p->ind[c].id, v);
            if (v < 0 && (same_dom || p->ndom == 0))
                sb_printf(b, "note      %s and %s correlate %.3f%s: they pull the "
                          "score in opposite directions\n", p->ind[a].id,
                          p->ind[c].id, v, same_dom ? " within one domain" : "");
        }
    for (d = 0; d < (p->ndom ? p->ndom : 1); d++) {
        const double **x = malloc(nind * sizeof *x);
        size_t nv = 0, ncomplete = 0;
        double alpha;
        bs_error e;
        for (c = 0; c < nind; c++)
            if (p->ndom == 0 ||
                strcasecmp(p->ind[c].domain.value, p->dom[d].name) == 0)
                x[nv++] = j->norm[c];
        if (nv >= 2 && bs_cronbach_alpha(x, nv, j->n, "alpha", &alpha, &ncomplete,
                                         &e) == 0)
            sb_printf(b, "alpha     %s: Cronbach's alpha %.3f over %zu indicators, "
                      "%zu complete areas\n", p->ndom ? p->dom[d].name : "all",
                      alpha, nv, ncomplete);
        free(x);
    }
    free(r);
}

char *bs_job_summary(const bs_job *j)
{
    const bs_project *p = j->p;
    sbuf b = { NULL, 0, 0 };
    size_t d, k, i, nogeom = 0;


    for (i = 0; i < j->n; i++)
        nogeom += j->areas->ring_first[i] == j->areas->ring_first[i + 1];
    sb_printf(&b, "project   %s\n", p->path);
    sb_printf(&b, "areas     %s: %zu areas", p->areas.shapefile.value,
              j->nareas_file);
    if (p->areas.select.value)
        sb_printf(&b, ", %zu selected by %s", j->n, p->areas.select.value);
    if (nogeom)
        sb_printf(&b, ", %zu without geometry", nogeom);
    sb_printf(&b, "\n");
    for (d = 0; d < j->ndata; d++) {
        const bs_join *jn = &j->joins[d];
        const bs_table *t = j->tables[d];
        long keycol = bs_table_find(t, p->data[d].key.value);
        sb_printf(&b, "data      %s: %s, %zu rows, %zu columns\n",
                  p->data[d].name, t->path, t->nrows, t->ncols);
        sb_printf(&b, "          areas matched %zu of %zu", jn->matched, j->n);
        if (jn->nunmatched_areas) {
            sb_printf(&b, "; without a row:");
            for (i = 0; i < jn->nunmatched_areas && i < 5; i++)
                sb_printf(&b, " %s", j->key[jn->unmatched_areas[i]]);
            if (jn->nunmatched_areas > 5)
                sb_printf(&b, " ...");
        }
        sb_printf(&b, "\n          rows matching no area: %zu", jn->nunmatched_rows);
        if (jn->nunmatched_rows && keycol >= 0) {
            sb_printf(&b, ", first:");
            for (i = 0; i < jn->nunmatched_rows && i < 5; i++) {
                const char *c = t->cells[keycol][jn->unmatched_rows[i]];
                sb_printf(&b, " %s", c ? c : "(empty)");
            }
            if (jn->nunmatched_rows > 5)
                sb_printf(&b, " ...");
        }
        sb_printf(&b, "\n");
    }
    for (k = 0; k < p->npoints; k++) {
        const bs_pointset *pts = j->layers[k];
        sb_printf(&b, "points    %s: %s, %zu points, %zu outside every area",
                  p->points[k].name, pts->path, pts->n, j->layer_outside[k]);
        if (j->layer_outside[k]) {
            sb_printf(&b, ":");
            for (i = 0, d = 0; i < pts->n && d < 10; i++)
                if (j->layer_area[k][i] < 0) {
                    sb_printf(&b, " %s", pts->key[i]);
                    d++;
                }
            if (j->layer_outside[k] > 10)
                sb_printf(&b, " ...");
        }
        sb_printf(&b, "\n");
    }
    for (k = 0; k < p->nsupply; k++) {
        double total = 0;
        size_t none = 0;
        for (i = 0; i < j->n; i++) {
            total += j->supply_count[k][i];
            none += j->supply_count[k][i] == 0;
        }
        sb_printf(&b, "supply    %s: %.0f in all, %zu areas without any\n",
                  p->supply[k].name, total, none);
    }
    for (k = 0; k < p->nind; k++) {
        size_t miss = 0;
        double lo = INFINITY, hi = -INFINITY;
        for (i = 0; i < j->n; i++) {
            double v = j->raw[k][i];
            if (isnan(v))
                miss++;
            else {
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }
        sb_printf(&b, "indicator %-16s missing %zu of %zu, range %g to %g, "
                  "direction %c, weight %g\n", p->ind[k].id, miss, j->n, lo, hi,
                  p->ind[k].direction > 0 ? '+' : '-', p->ind[k].weight);
    }
    for (k = 0; k < p->nind; k++) {
        if (p->ind[k].winsorise)
            sb_printf(&b, "treated   %s: %zu values winsorised\n", p->ind[k].id,
                      j->nwinsorised[k]);
        if (p->ind[k].impute_set)
            sb_printf(&b, "treated   %s: %zu values imputed\n", p->ind[k].id,
                      j->nimputed[k]);
        if (!isnan(j->eb_rate[k]))
            sb_printf(&b, "treated   %s: empirical-Bayes rates, overall rate %g\n",
                      p->ind[k].id, j->eb_rate[k]);
    }
    summary_correlations(j, &b);
    sb_printf(&b, "score     %zu of %zu areas scored (min_coverage %g)",
              j->nscored, j->n, p->score.min_coverage);
    if (j->nsmall)
        sb_printf(&b, "; %zu te klein (population < %g)", j->nsmall,
                  p->score.min_population);
    sb_printf(&b, "\n");
    if (j->has_unc)
        sb_printf(&b, "uncertain %zu runs, weights x U(%g, %g), seed %llu\n",
                  p->unc.runs, 1 - p->unc.weights, 1 + p->unc.weights,
                  p->unc.seed);
    for (k = 0; k < p->ndesignate; k++) {
        const bs_designation *ds = j->desig[k];
        sb_printf(&b, "designate %s: %zu of %zu IKCs designated: %zu continued, "
                  "%zu new, %zu dropped, %zu kept by keep_until_rank, %zu tied at "
                  "the boundary, %zu without a score\n", p->designate[k].name,
                  ds->ndesignated, ds->n, ds->ncontinued, ds->nnew, ds->ndropped,
                  ds->nkept, ds->ntied, ds->nunscored);
    }
    for (k = 0; k < p->nprio; k++) {
        size_t cnt[5] = { 0 };
        for (i = 0; i < j->n; i++)
            cnt[j->quadrant[k][i]]++;
        sb_printf(&b, "prioritise %s: cuts need %g, supply %g; %zu hoge nood/weinig "
                  "basis, %zu hoge nood/sterke basis, %zu lage nood/weinig basis, "
                  "%zu lage nood/sterke basis, %zu unknown\n", p->prio[k].name,
                  j->need_cut[k], j->supply_cut[k], cnt[0], cnt[1], cnt[2], cnt[3],
                  cnt[4]);
    }
    for (k = 0; k < p->nmaps; k++) {
        const bs_job_map *m = &j->maps[k];
        sb_printf(&b, "map       %s: %s, %d classes, counts", m->spec->name,
                  m->spec->column.value, m->classes.k);
        for (i = 0; i < (size_t)m->classes.k; i++)
            sb_printf(&b, " %zu", m->classes.count[i]);
        sb_printf(&b, ", no data %zu\n", m->classes.missing);
    }
    return b.s;
}
