/* job.h: running a project: read -> join -> derive -> score -> classify ->
 * draw -> write. The CLI is a thin layer over these calls.
 *
 * bs_job_load does everything that can fail on the data (reading, joining,
 * formulas, scores, classes), so `validate` and `run` find the same errors;
 * bs_job_write then only renders and writes, atomically: every output goes to
 * a temporary file in OUTDIR and all are renamed into place at the end, so a
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

/* One prepared map: values, classes, colours, texts and layers. */
typedef struct bs_job_map {
    const bs_map_spec *spec;
    double *values;        /* per area */
    int *cls;              /* per area, -1 = no data, -2 = te klein */
    bs_classes classes;
    bs_rgb fill[12];
    double lower[12];
    size_t nsmall;         /* areas with cls -2 */
    bs_areas *context;     /* context = ..., reprojected */
    bs_points points;      /* points = ... */
    double *px, *py;
    int *pkind;
    bs_point_style *pstyle;
    char **plabel;
    size_t *highlight;
    size_t nhighlight;
    const char **labels;   /* per area, or NULL */
    struct bs_job_map *panels;  /* columns = ...: one prepared map per panel */
    size_t npanels;
    char *legend_title;
    char *subtitle;
    char *source;          /* source line: areas and the data this map uses */
    int decimals;
} bs_job_map;

typedef struct bs_job {
    const bs_project *p;
    bs_areas *areas;        /* selected, in the project CRS */
    int areas_print;        /* areas hold print geometry: only [map]s draw
                             * them and they came in another CRS, so they
                             * were simplified for print there and only the
                             * points kept reprojected (a sixth of them for
                             * the English LSOAs) */
    size_t n;               /* areas */
    const char **key;       /* per area, borrowed from areas->attrs */
    const char **name;      /* per area (the key when there is no name) */
    size_t nareas_file;     /* areas in the shapefile before select */
    size_t ndata;
    bs_table **tables;      /* per [data] */
    bs_join *joins;         /* per [data] */
    double **raw;           /* [nind][n] indicator values */
    double **treated;       /* [nind][n] after small areas, transform,
                               winsorisation and imputation */
    unsigned char **flag;   /* [nind][n] BS_FLAG_* */
    double **norm;          /* [nind][n] normalised, higher = more need */
    double **contrib;       /* [nind][n] share of the score (see compute.c) */
    double **shown;         /* [nind][n] raw values as they may be printed:
                               counts rounded, suppressed ones NaN
                               ([disclosure]; equal to raw for values) */
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
    bs_job_map *maps;       /* [p->nmaps] */

    /* point layers, social-base supply, designations, priorities */
    bs_pointset **layers;   /* [p->npoints] */
    long **layer_area;      /* [p->npoints][points]: area index or -1 */
    size_t *layer_outside;  /* [p->npoints]: points in no area */
    double **supply_count;  /* [p->nsupply][n] */
    double **supply_per1000;/* [p->nsupply][n], NaN without a denominator */
    bs_designation **desig; /* [p->ndesignate] */
    double **desig_score;   /* [p->ndesignate][IKCs] */
    double **desig_ptop;    /* [p->ndesignate][IKCs] or NULL rows */
    size_t *desig_layer;    /* [p->ndesignate]: index of the IKC layer */
    bs_quadrant **quadrant; /* [p->nprio][n] */
    long **priority;        /* [p->nprio][n]: 1 = first, 0 = no priority */
    double **prio_need, **prio_supply;
    double *need_cut, *supply_cut;
    char *source;           /* "Bron: ..." naming every source of the project */
    char date[32];          /* for people, in the project language */
    char iso_date[32];      /* the same day, "YYYY-MM-DDT00:00:00" */
    bs_style style;         /* [project] style, or the house style */
} bs_job;

/* Loads and computes everything a project describes. */
int bs_job_load(const bs_project *p, const bs_job_hooks *h, bs_job **out,
                bs_error *err);
void bs_job_free(bs_job *j);

/* What validate prints: areas, rows, matched/unmatched keys per data file,
 * missing values per indicator, scores and classes. Caller frees. */
char *bs_job_summary(const bs_job *j);

/* Writes scores.csv and every map's files into outdir (created if needed). */
int bs_job_write(const bs_job *j, const char *outdir, const bs_job_hooks *h,
                 bs_error *err);

#endif
