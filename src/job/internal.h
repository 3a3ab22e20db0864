/* internal.h: what the files of the job module share; not public API.
 *
 * The rooms, in the order bs_job_load (job.c) calls them; none calls back
 * into a file that calls it:
 *   hooks.c    progress, warnings and "PROJECT:LINE" texts (a leaf)
 *   check.c    names the project reader leaves to other modules (palettes)
 *   load.c     reading every file the project names
 *   columns.c  the one column resolver: "areas.X", "DATA.X", bare names,
 *              [supply] columns, formulas
 *   places.c   point layers located in the areas, [supply] counts
 *   access.c   [supply] columns per kind, distances and counts within a
 *              radius (issue 15)
 *   compute.c  indicators to scores, ranks, deciles
 *   plausible.c  plausibility checks on the raw values (checks.h)
 *   disclose.c the disclosure plan every output asks; exact: withholding
 *              and the attacker's guard
 *   decide.c   [designate] and [prioritise]
 *   unc.c      the [uncertainty] runs
 *   spatial.c  [spatial]: weights, Moran's I, LISA, Gi* (issue 15)
 *   texts.c    date, source lines and fixed texts of the outputs
 *   maps.c     the prepared [map]s: values, classes, colours, layers
 *   print.c    the renderer's view of a prepared map and the geometry
 *              simplified for print
 * and for the writers, which read only the scan:
 *   outset.c   outputs written to temporary files, renamed at the end
 *   tables.c   scores.csv, uncertainty.csv, designation-, priorities- and
 *              map-NAME.csv
 *   drawings.c the map files, the designation and priorities maps
 *   spatialout.c  spatial-NAME.csv, -global.csv and the cluster maps
 *   report.c   the PDF report
 *   outputs.c  bs_job_write: all of the above
 *   summary.c  what validate prints
 *   exports.c  [export]: GeoPackage, GeoJSON, Excel, QGIS styles (issue 14)
 *   record.c   manifest.json (issue 14)
 *   verify.c   buurtscan verify (issue 14) */
#ifndef BUURTSCAN_JOB_INTERNAL_H
#define BUURTSCAN_JOB_INTERNAL_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/checks.h"
#include "buurtscan/designate.h"
#include "buurtscan/disclosure_plan.h"
#include "buurtscan/job.h"
#include "buurtscan/join.h"
#include "buurtscan/map.h"
#include "buurtscan/period.h"
#include "buurtscan/points.h"
#include "buurtscan/project.h"
#include "buurtscan/scan.h"
#include "buurtscan/style.h"
#include "buurtscan/table.h"
#include "buurtscan/uncertainty.h"

/* A run of a project: the workspace and storage of its rooms; the scan
 * points into it and is all the writers see. */
struct bs_job {
    const bs_project *p;
    struct bs_manifest *manifest;   /* issue 14: record.c */
    bs_scan scan;           /* the result, for the writers */
    bs_areas *areas;        /* selected, in the project CRS */
    int areas_print;        /* areas hold print geometry (bs_scan.areas_print) */
    size_t n;               /* areas */
    const char **key;       /* per area, borrowed from areas->attrs */
    const char **name;      /* per area (the key when there is no name) */
    size_t nareas_file;     /* areas in the shapefile before select */
    char **left_out;        /* keys of the areas select/gemeente left out,
                               sorted case-insensitively (validate tells
                               rows outside the selection from unknown
                               codes) */
    size_t nleft_out;
    size_t ndata;
    bs_table **tables;      /* per [data] */
    bs_join *joins;         /* per [data] */
    double **raw;           /* [nind][n] (bs_scan has the meanings) */
    double **treated;
    unsigned char **flag;
    double **norm;
    double **contrib;
    double **shown;
    double **den;           /* [nind][n] denominators of rates, else NULL */
    double **domscore;      /* [ndom][n] domain scores, or NULL */
    unsigned char *status;  /* [n] BS_STATUS_* */
    size_t nsmall;          /* areas below min_population */
    size_t *nwinsorised;    /* [nind] values pulled in */
    size_t *nimputed;       /* [nind] values filled in */
    double *eb_rate;        /* [nind] overall rate b of EB shrinkage, or NaN */
    int has_unc;            /* [uncertainty] ran: unc is filled */
    bs_unc_result unc;
    unsigned char *uses;    /* [nind][ndata + 1]: indicator k uses data file d */
    double *score, *rank, *decile, *coverage;
    size_t nscored;
    bs_scan_map *maps;      /* [p->nmaps] */
    bs_scan_map *score_base;/* a 5-class quantile map of the score for the
                               [designate] maps when no [map] maps the
                               score, or NULL */
    bs_map_spec base_spec;  /* its settings */

    /* point layers, social-base supply, designations, priorities */
    bs_pointset **layers;   /* [p->npoints] */
    long **layer_area;      /* [p->npoints][points]: area index or -1 */
    size_t *layer_outside;  /* [p->npoints]: points in no area */
    double **supply_count;  /* [p->nsupply][n] */
    double **supply_per1000;/* [p->nsupply][n], NaN without a denominator */
    double **supply_base;   /* [p->nsupply][n] the denominator, or NULL */
    bs_designation **desig; /* [p->ndesignate] */
    double **desig_score;   /* [p->ndesignate][IKCs] */
    double **desig_ptop;    /* [p->ndesignate][IKCs] or NULL rows */
    size_t *desig_layer;    /* [p->ndesignate]: index of the IKC layer */
    bs_quadrant **quadrant; /* [p->nprio][n] */
    long **priority;        /* [p->nprio][n]: 1 = first, 0 = no priority */
    double **prio_need, **prio_supply;
    double *need_cut, *supply_cut;

    /* files read in the load phase, for the steps after it */
    bs_table **catchment;   /* [p->ndesignate]: catchment = ..., or NULL */
    bs_table **previous;    /* [p->ndesignate]: previous = ..., or NULL */
    bs_areas **context;     /* [p->nmaps]: context = ..., reprojected */
    struct bs_report_template *tpl;   /* [report]: the template */
    char **notes;           /* [report] notes = ...: 3 * n, or NULL */

    /* what the scan describes, in its own types */
    bs_scan_indicator *sind;
    bs_scan_domain *sdom;
    bs_scan_layer *slayer;
    bs_scan_supply *ssupply;
    bs_scan_designation *sdesig;
    bs_scan_priority *sprio;
    char *source;           /* "Bron: ..." naming every source of the project */
    char date[32];          /* for people, in the project language */
    char iso_date[32];      /* the same day, "YYYY-MM-DDT00:00:00" */
    bs_style style;         /* [project] style, or the house style */

    /* issue 12, disclosure (disclose.c) */
    double **num;           /* [nind][n] numerators of rates of numerator =,
                               else NULL rows */
    bs_disc_plan plan;      /* what may be printed, made before treatment */
    bs_check_list checks;   /* issue 12: plausibility findings (plausible.c) */
    bs_scan_spatial *spatial;   /* [p->nspatial] (spatial.c, issue 15) */
    struct bs_job_access *access;   /* [p->nsupply] (access.c, issue 15) */
    /* periods and monitors (issue 13): periods.c, monitors.c */
    bs_table **ptables;     /* [ndata]: a long file's rows of every period
                               kept, or NULL (tables[d] holds the latest) */
    bs_period **prow;       /* [ndata][ptables rows]: each row's period */
    bs_period *dperiod;     /* [ndata]: the period tables[d] holds */
    unsigned char *monitor_only;  /* [ndata]: matches no area key */
    bs_scan_monitor *smon;  /* [p->nmonitor] */
    bs_period *iperiod;     /* [p->nind]: a wide indicator's period */
    /* [progress NAME] reports (issue 13; progress.c) */
    struct bs_jprogress *prog;
};


/* ---- hooks.c ---- */

/* Progress line through the hooks (h may be NULL). */
void bs_job_step(const bs_job_hooks *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Where warnings go (NULL when h is NULL). */
const bs_diag *bs_job_diag(const bs_job_hooks *h);

/* "PROJECT:LINE" of a setting, or of its section when it was defaulted. */
const char *bs_job_at(const bs_project *p, long line, long section_line,
                      char *buf, size_t n);

/* ---- progress.c ---- */
/* The [progress] reports from the scan's monitors: reads their notes and
 * actions files, checks their monitors and period, and sets
 * j->scan.progress (after make_scan: it reads the scan's monitors). */
int bs_job_progress(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_progress_free(bs_job *j);

/* ---- check.c ---- */

/* The project's palette names, known to render: unknown schemes, centre
 * with a sequential scheme, a scheme without the map's number of classes.
 * Before anything is read, so validate and run agree. */
int bs_job_check_names(const bs_project *p, bs_error *err);

/* ---- load.c ---- */

/* Reads every file of the project into j, in this order: style, areas
 * (selected, reprojected unless only maps draw them), data (joined),
 * point layers, catchments and previous designations, map contexts,
 * the report template and notes. */
int bs_job_read(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* Frees what bs_job_read read (the areas, tables and layers too). */
void bs_job_read_free(bs_job *j);
/* 1 if key names an area of the map file that [areas] select or gemeente
 * left out (compared as joins do, ignoring case). */
int bs_job_left_out(const bs_job *j, const char *key);

/* ---- periods.c ---- */

/* Case-insensitive comparison of keys, blanks around them ignored. */
int bs_job_key_cmp(const char *a, const char *b);

/* [data] d with period =: reads the periods, keeps periods =, refuses a
 * key twice in one period (naming both lines), keeps every row in
 * ptables[d] and leaves the latest period's rows in tables[d]. */
int bs_job_split_periods(bs_job *j, size_t d, bs_error *err);
void bs_job_periods_free(bs_job *j);

/* [indicator] column = a list with periods =: the column of the period it
 * scores (period =, default the latest) into name[n], the period into
 * *per. */
int bs_job_wide_column(const bs_project *p, const bs_indicator_spec *s,
                       char *name, size_t n, bs_period *per, bs_error *err);

/* ---- monitors.c ---- */

/* Every [monitor]: its series by period, evaluated (after the scores). */
int bs_job_monitors(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_monitors_free(bs_job *j);

/* ---- columns.c ---- */

/* Values per area of a column ("areas.X", "DATA.X", a [supply] column or a
 * bare name found in exactly one source); uses[d] is set for a data file d
 * the values come from (uses may be NULL). `where` prefixes messages. */
int bs_job_column_values(const bs_job *j, const char *name, const char *where,
                         double *out, unsigned char *uses, bs_error *err);

/* The printed name of a column (defect 8: every printed name is a label):
 * the score's own words for score, rank, decile and coverage, an
 * indicator's label, a [supply] label for NAME and NAME_per1000, else the
 * name as given. Never NULL for a non-NULL name. */
const char *bs_job_column_label(const bs_job *j, const char *name);

/* Raw values of an indicator given by column = or formula =. */
int bs_job_indicator_values(const bs_job *j, const bs_indicator_spec *s,
                            double *out, unsigned char *uses, bs_error *err);

/* ---- places.c ---- */

/* The index of the [points] layer of that name, or (size_t)-1. */
size_t bs_job_layer_index(const bs_project *p, const char *name);

/* Locates the point layers in the areas and counts the [supply] columns
 * (before the scores, so indicators can use them). */
int bs_job_places(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_places_free(bs_job *j);

/* ---- access.c (issue 15) ---- */

/* The [supply] columns per kind (NAME_KIND, NAME_KIND_per1000) and the
 * straight-line distance from each area's label point to the nearest
 * facility (NAME_distance, NAME_KIND_distance) and the count within
 * radius (NAME_within, NAME_KIND_within); after the counts. */
int bs_job_access(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_access_free(bs_job *j);

/* Fills out with the values of one of those columns; 1, or 0 when name is
 * none of them. */
int bs_job_access_column(const bs_job *j, const char *name, double *out);

/* ---- compute.c ---- */

/* The normalisation parameters of indicator k with method m. */
void bs_job_norm_params(const bs_project *p, size_t k, bs_norm m,
                        bs_norm_params *np);

/* Indicator k's own normalisation, else [score] normalise. */
bs_norm bs_job_nominal_norm(const bs_project *p, size_t k);

/* Everything from raw indicators to ranks, deciles and what may be
 * printed. */
int bs_job_compute(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_compute_free(bs_job *j);

/* ---- disclose.c (issue 12) ---- */

/* The [disclosure] settings, checked at the section's line. */
int bs_job_disc_settings(const bs_project *p, bs_disc_settings *ds,
                         bs_error *err);

/* The plan from the raw values (j->raw, j->num, j->den): fills j->plan,
 * j->shown and the flag "suppressed". */
int bs_job_disc_plan(bs_job *j, bs_error *err);

/* Under `without`: the suppressed cells of indicator k in x[n] set to NaN
 * (what treatment may see); under `exact` nothing. */
void bs_job_disc_blank(const bs_job *j, size_t k, double *x);

/* Normalises j->treated[k] into j->norm[k] as the policy says. */
int bs_job_disc_normalise(const bs_job *j, size_t k, const char *what,
                          bs_error *err);

/* A column printed by name (an indicator id, or the column a count
 * indicator counts): its cells that may not be printed set to NaN. */
void bs_job_disc_mask(const bs_job *j, const char *name, double *v);

/* Whether a column printed by name is a count (its class bounds are
 * printed rounded outward). */
int bs_job_disc_is_count(const bs_job *j, const char *name);

/* Under `exact`: blanks the score, domain scores, normalised values,
 * contributions, need and IKC scores of every withheld area. */
void bs_job_disc_withhold(bs_job *j);

/* Under `exact`: refuses (naming the cells) when the attacker of
 * disclosure_attack.h recovers a suppressed cell from what is printed. */
int bs_job_disc_guard(bs_job *j, bs_error *err);

/* ---- plausible.c (issue 12) ---- */

/* The plausibility checks on the raw values (after the indicators' raw
 * values, before the plan): errors stop the run naming the project line
 * and the area; warnings and notes go to the hooks and into j->checks. */
int bs_job_plausible(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* ---- decide.c ---- */

/* [designate] and [prioritise], after the scores. */
int bs_job_decide(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_decide_free(bs_job *j);

/* ---- unc.c ---- */

/* The [uncertainty] runs, after the designations so that each IKC of the
 * first [designate] with top = N gets its p_top. */
int bs_job_uncertainty(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* ---- spatial.c (issue 15) ---- */

/* Every [spatial]: the column, the weights (built or read), global and
 * local Moran and Gi*, after the scores; warns when most areas are
 * islands. */
int bs_job_spatial(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_spatial_free(bs_job *j);

/* ---- texts.c ---- */

/* The date texts and the source line of the whole project. */
int bs_job_texts(bs_job *j, bs_error *err);

/* "Bron: ..." naming the areas' source and that of every data file d with
 * uses[d] != 0, each once. NULL when out of memory. */
char *bs_job_source(const bs_job *j, const unsigned char *uses);

/* A normalisation as the score map's subtitle names it (words.h). */
const char *bs_job_norm_text(bs_norm m, const char *language);

/* A classification method for people (words.h). */
const char *bs_job_method_text(bs_class_method m, const char *language);

/* ---- maps.c ---- */

/* Prepares every [map] (values, classes, colours, layers, panels) and the
 * base map of each [designate] into j->maps and j->desig_base. */
int bs_job_prepare_maps(bs_job *j, const bs_job_hooks *h, bs_error *err);
void bs_job_maps_free(bs_job *j);

/* ---- print.c ---- */

/* Fills the renderer's description of a prepared map of s; draw is the
 * geometry to draw (simplified for print), or NULL for the scan's own. */
void bs_job_map_view(const bs_scan *s, const bs_scan_map *m, bs_map *map,
                     const bs_areas *draw);

/* When only [map]s draw the areas and they came in another CRS than the
 * project's: simplifies them for print in their own CRS, reprojects only
 * the points kept and gives the job's areas that geometry (after the maps
 * are prepared, as their frames set the tolerance). */
int bs_job_simplify_for_print(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* The geometry the maps of s are drawn from: borders simplified once at
 * 0.1 mm on the largest-scale map. *out NULL when no map has a frame or
 * the areas are print geometry already. */
int bs_job_print_geometry(const bs_scan *s, bs_areas **out, bs_error *err);

/* ---- outset.c ---- */

/* The outputs of a run: each written to a hidden temporary file in dir,
 * all renamed into place by bs_outset_commit, or removed (with the
 * directories this run created) by bs_outset_rollback. */
typedef struct bs_outset bs_outset;

/* Creates dir and its parents as needed. */
int bs_outset_open(const char *dir, bs_outset **out, bs_error *err);

/* Reserves the output `name`; returns the temporary path to write. */
const char *bs_outset_reserve(bs_outset *o, const char *name, bs_error *err);

int bs_outset_commit(bs_outset *o, bs_error *err);
void bs_outset_rollback(bs_outset *o);
void bs_outset_free(bs_outset *o);

/* issue 14: the outputs reserved so far (i < count): the temporary path
 * and the final one ("DIR/NAME"); and DIR. */
size_t bs_outset_count(const bs_outset *o);
void bs_outset_file(const bs_outset *o, size_t i, const char **tmp,
                    const char **final);
const char *bs_outset_dir(const bs_outset *o);

/* ---- record.c (issue 14) ---- */

/* Starts j->manifest in the load phase: the resolved project, every input
 * file (the project, every path key, a shapefile's companions) hashed, the
 * seed, the date (SOURCE_DATE_EPOCH, else now). */
int bs_job_record_inputs(bs_job *j, bs_error *err);

/* Reserves manifest.json in o, records every other output reserved so far
 * (hashed from its temporary file, named relative to the directory) and
 * writes it; call after every other output is written. */
int bs_job_record_outputs(const bs_scan *s, bs_outset *o, bs_error *err);

/* ---- exports.c (issue 14) ---- */

/* [export]: NAME.gpkg (scores, designation and point layers, a style per
 * map), NAME.geojson, NAME.xlsx and map-NAME.qml per map, as asked. */
int bs_job_write_exports(const bs_scan *s, bs_outset *o, bs_error *err);

/* ---- tables.c ---- */

int bs_job_write_scores(const bs_scan *s, const char *path, bs_error *err);
int bs_job_write_uncertainty(const bs_scan *s, const char *path,
                             bs_error *err);
int bs_job_write_designation(const bs_scan *s, size_t d, const char *path,
                             bs_error *err);
int bs_job_write_priorities(const bs_scan *s, size_t q, const char *path,
                            bs_error *err);
/* checks.csv: check, area, value, message (issue 12). */
int bs_job_write_checks(const bs_scan *s, const char *path, bs_error *err);
int bs_job_write_classes(const bs_scan *s, const bs_scan_map *m,
                         const char *path, bs_error *err);

/* ---- spatialout.c (issue 15) ---- */

/* spatial-NAME.csv: one row per area; spatial-NAME-global.csv. */
int bs_job_write_spatial(const bs_scan *s, size_t q, const char *path,
                         bs_error *err);
int bs_job_write_spatial_global(const bs_scan *s, size_t q, const char *path,
                                bs_error *err);

/* map-spatial-NAME-lisa.pdf and map-spatial-NAME-gi.pdf, drawn from draw
 * (or the scan's areas when NULL). */
int bs_job_draw_spatial(const bs_scan *s, size_t q, const bs_areas *draw,
                        bs_outset *o, bs_error *err);

/* ---- monitorcsv.c ---- */

/* monitor.csv: every series of every [monitor] by period (issue 13). */
int bs_job_write_monitor(const bs_scan *s, const char *path, bs_error *err);
/* What monitor.csv (and the export's monitor sheet) print of a monitor:
 * its baseline period as the data writes it, and the period of its target
 * (NULL for a target without a deadline). */
const char *bs_job_monitor_baseline_text(const bs_scan_monitor *m);
const char *bs_job_monitor_target_period(const bs_scan_monitor *m);

/* ---- drawings.c ---- */

/* The files of map m (map-NAME.pdf/png/svg, each format on its own
 * thread), drawn from draw (or the scan's areas when NULL). */
int bs_job_draw_map(const bs_scan *s, const bs_scan_map *m,
                    const bs_areas *draw, bs_outset *o,
                    const bs_job_hooks *h, bs_error *err);

/* map-designation-NAME.pdf: the IKCs by their change on the base map. */
int bs_job_draw_designation(const bs_scan *s, size_t d, const bs_areas *draw,
                            bs_outset *o, bs_error *err);

/* map-priorities-NAME.pdf: the four quadrants. */
int bs_job_draw_priorities(const bs_scan *s, size_t q, const bs_areas *draw,
                           bs_outset *o, bs_error *err);

/* ---- report.c ---- */

/* The report's own checks on the finished scan (load phase). */
int bs_job_check_report(const bs_scan *s, bs_error *err);

/* The PDF report into path. */
int bs_job_report(const bs_scan *s, const char *path, const bs_job_hooks *h,
                  bs_error *err);

#endif
