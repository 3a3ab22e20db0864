/* job.h: running a project: read -> join -> derive -> score -> classify ->
 * draw -> write. The CLI is a thin layer over these calls.
 *
 * bs_job_load reads every file (areas, data, points, catchments, previous
 * designations, contexts, style, report template, notes) and does
 * everything that can fail on the input (joining, formulas, scores,
 * classes, the report's checks) into one read-only result, the scan
 * (scan.h), so `validate` and `run` find the same errors; bs_job_write then
 * only renders and writes the scan, atomically: every output goes to a
 * temporary file in OUTDIR and all are renamed into place at the end, so a
 * failed run leaves nothing behind. */
#ifndef BUURTSCAN_JOB_H
#define BUURTSCAN_JOB_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/classify.h"
#include "buurtscan/error.h"
#include "buurtscan/join.h"
#include "buurtscan/project.h"
#include "buurtscan/table.h"
#include "buurtscan/uncertainty.h"
#include "buurtscan/points.h"
#include "buurtscan/designate.h"
#include "buurtscan/map.h"
#include "buurtscan/scan.h"
#include "buurtscan/style.h"

typedef struct bs_job_hooks {
    bs_diag diag;                               /* warnings */
    void (*step)(void *ud, const char *what);   /* progress, may be NULL */
    void *ud;
    const char *templates_dir;  /* stock templates (report-nl.ini ...), or NULL */
} bs_job_hooks;

/* TRANSITIONAL: the old name of a prepared map, for src/report/report.c. */
typedef bs_scan_map bs_job_map;

/* A run of a project. The writers read only its scan (bs_job_scan); the
 * fields below are the job's workspace and storage, which the scan points
 * into.
 * TRANSITIONAL: the struct is public only while src/report/report.c still
 * reads a bs_job (bs_report_write_input); it moves into src/job/internal.h
 * once the report reads the scan. Nothing else may use these fields. */
typedef struct bs_job {
    const bs_project *p;
    bs_scan scan;           /* the result, for the writers */
    bs_areas *areas;        /* selected, in the project CRS */
    int areas_print;        /* areas hold print geometry (bs_scan.areas_print) */
    size_t n;               /* areas */
    const char **key;       /* per area, borrowed from areas->attrs */
    const char **name;      /* per area (the key when there is no name) */
    size_t nareas_file;     /* areas in the shapefile before select */
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
} bs_job;

/* Reads every file the project names and computes everything it
 * describes into the job's scan. Every error a run can meet on the input
 * is met here (the report's checks included), so `validate` and `run`
 * agree. */
int bs_job_load(const bs_project *p, const bs_job_hooks *h, bs_job **out,
                bs_error *err);
void bs_job_free(bs_job *j);

/* The result of a loaded job, for the writers: valid until bs_job_free. */
const bs_scan *bs_job_scan(const bs_job *j);

/* What validate prints: areas, rows, matched/unmatched keys per data file,
 * missing values per indicator, scores and classes. Caller frees. */
char *bs_job_summary(const bs_job *j);

/* Checks that dir can be the output directory: every part of it that
 * exists is a directory, and the first missing one can be made. `validate`
 * checks [project] output so; bs_job_write makes it. */
int bs_job_check_output(const char *dir, bs_error *err);

/* Writes every output of the job's scan into outdir (created if needed):
 * scores.csv and the other tables, every map's files, the report. */
int bs_job_write(const bs_job *j, const char *outdir, const bs_job_hooks *h,
                 bs_error *err);

#endif
