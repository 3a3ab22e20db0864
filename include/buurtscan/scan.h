/* scan.h: the result of a project run, between computing and writing.
 *
 * bs_job_load (job.h) reads every file a project names and computes
 * everything into one bs_scan; the writers (scores.csv and the other
 * tables, the maps, the PDF report, the validate summary) take a
 * `const bs_scan *` and nothing else: they never see bs_project or bs_job,
 * open no input file and look up no column. Everything that can fail on
 * the input has failed in the load phase, so `validate` passes exactly
 * when `run` can succeed.
 *
 * The scan is read-only for its readers. The job fills it and owns all
 * its memory (bs_job_free frees it); strings may be borrowed from the
 * project, which outlives the job. Arrays "per area" have n entries in
 * the order of key[]; [nind][n] arrays are rows per indicator.
 *
 * Layer: report (it holds analysis and render types: classes, colours,
 * papers, designations), so the report and the job may include it; io and
 * lower layers may not. */
#ifndef BUURTSCAN_SCAN_H
#define BUURTSCAN_SCAN_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/checks.h"
#include "buurtscan/autocorr.h"
#include "buurtscan/classify.h"
#include "buurtscan/designate.h"
#include "buurtscan/disclosure.h"
#include "buurtscan/disclosure_plan.h"
#include "buurtscan/limits.h"
#include "buurtscan/map.h"
#include "buurtscan/monitor.h"
#include "buurtscan/palette.h"
#include "buurtscan/period.h"
#include "buurtscan/points.h"
#include "buurtscan/progress.h"
#include "buurtscan/score.h"
#include "buurtscan/style.h"
#include "buurtscan/uncertainty.h"

/* The report template (report.h); read in the load phase. */
struct bs_report_template;

/* Why an area has no score. */
/* issue 14: the kind of area, [areas] level (the values of project.h's
 * BS_LEVEL_*, which the report must not include) */
enum { BS_SCAN_LEVEL_GEMEENTE = 1, BS_SCAN_LEVEL_WIJK = 2,
       BS_SCAN_LEVEL_BUURT = 3, BS_SCAN_LEVEL_DORP = 4 };

enum { BS_STATUS_OK = 0, BS_STATUS_SMALL = 1, BS_STATUS_COVERAGE = 2 };

/* Per indicator and area: what happened to the value before normalising. */
enum { BS_FLAG_NONE = 0, BS_FLAG_IMPUTED = 1, BS_FLAG_WINSORISED = 2,
       BS_FLAG_SUPPRESSED = 3 };

/* One [indicator]: what the outputs say about it, and its counts. */
typedef struct bs_scan_indicator {
    const char *id;           /* NAME of [indicator NAME] */
    const char *label;        /* label =, else the id */
    const char *unit;         /* NULL = none */
    const char *definition;   /* NULL = not given */
    const char *year;         /* NULL = not given */
    const char *source;       /* source = of the first [data] it uses, else
                                 the areas' source; NULL = none */
    bs_norm norm;             /* its normalisation (own, else [score]) */
    int direction;            /* +1 higher = more need, -1 lower = more need */
    double weight;
    size_t domain;            /* index into dom[]; (size_t)-1 = none */
    bs_disc_kind kind;        /* value, count of persons, rate */
    double municipal, national;   /* reference values; NaN = not given */
    int winsorise, impute;    /* the treatment is on */
    size_t nwinsorised;       /* values pulled in */
    size_t nimputed;          /* values filled in */
    double eb_rate;           /* overall rate of EB shrinkage, or NaN */
    const char *period;       /* the period its values are of, as read
                                 (2024JJ00, 2024); NULL when its data have
                                 no periods (issue 13) */
} bs_scan_indicator;

typedef struct bs_scan_domain {
    const char *name;         /* NAME of [domain NAME] */
    const char *label;        /* label =, else the name */
    double weight;
} bs_scan_domain;

/* One prepared [map]: values, classes, colours, texts and layers; a map of
 * columns = ... has one prepared map per panel. */
typedef struct bs_scan_map {
    const char *name;         /* NAME of [map NAME]; in the output names */
    const char *column;       /* what it maps: "score", an indicator id, ... */
    const char *palette;      /* ColorBrewer name */
    unsigned formats;         /* bit (1u << bs_format) per file drawn */
    double dpi;
    bs_paper paper;
    const char *title;        /* title =, else the project's title */
    const char *page_subtitle;/* subtitle = as given, or NULL (the page of
                                 small multiples prints only that) */
    int inset;                /* locator map */
    int shared_legend;        /* small multiples: one legend, pooled classes */
    double *values;           /* per area */
    int *cls;                 /* per area: class, -1 = no data, -2 = te klein */
    bs_classes classes;
    bs_rgb fill[BS_CLASSES_MAX];
    double lower[BS_CLASSES_MAX];
    size_t nsmall;            /* areas with cls -2 */
    char *subtitle;           /* subtitle =, else how it is classed */
    char *legend_title;       /* legend =, else label (unit) */
    char *source;             /* "Bron: ..." of the data this map uses */
    int decimals;             /* in the legend */
    bs_areas *context;        /* context = ..., in the project CRS; or NULL */
    bs_points points;         /* points = ... (n = 0: none) */
    size_t *highlight;        /* area indices outlined */
    size_t nhighlight;
    const char *const *labels;/* per area (key[] or name[]), or NULL */
    size_t *label_priority;   /* per area: the order labels claim room
                                 (highlighted, then by need), or NULL */
    struct bs_scan_map *panels;   /* columns = ...: one per panel */
    size_t npanels;
    /* storage behind points (owned by the job) */
    double *px, *py;
    int *pkind;
    bs_point_style *pstyle;
    char **plabel;
} bs_scan_map;

/* One [points] layer, located in the areas. */
typedef struct bs_scan_layer {
    const char *name;         /* NAME of [points NAME] */
    const char *label;        /* legend text */
    const char *source;       /* NULL = not given */
    const bs_pointset *pts;   /* in the project CRS */
    const long *area;         /* per point: area index, -1 = outside all */
    size_t outside;           /* points outside every area */
} bs_scan_layer;

/* One [supply]: points counted per area, the social base. */
typedef struct bs_scan_supply {
    const char *name;         /* column names NAME and NAME_per1000 */
    const char *label;
    const char *per;          /* the denominator column as given, or NULL */
    const double *count;      /* per area */
    const double *per1000;    /* per area; NaN everywhere without per */
    const double *base;       /* per area: the denominator, or NULL */
} bs_scan_supply;

/* One [designate]: the Plus-IKC (re)designation. */
typedef struct bs_scan_designation {
    const char *name;         /* designation-NAME.csv */
    size_t layer;             /* index into layers[]: the IKCs */
    const bs_designation *result;   /* per IKC, in the layer's order */
    const double *score;      /* per IKC: the score it is ranked by */
    const double *p_top;      /* per IKC: share of uncertainty runs in the
                                 top, or NULL */
    int top;                  /* N of top = N, or 0 with a threshold */
    double threshold;
    int keep_until_rank;      /* 0 = off */
    int has_previous;         /* previous = given: result's previous
                                 flags mean something */
    const bs_scan_map *base;  /* the map it is drawn on: the first [map] of
                                 the score (without panels), else a 5-class
                                 quantile map of the score made for it */
    const char *title;        /* its map's title (the project's by default) */
    bs_paper paper;           /* its map's paper */
    unsigned formats;         /* BS_OUT_* bits of map-designation-NAME.* */
    double dpi;               /* for png */
} bs_scan_designation;

/* One [prioritise]: need against social base, per area. */
typedef struct bs_scan_priority {
    const char *name;         /* priorities-NAME.csv */
    const char *need_column, *supply_column;   /* as given */
    const double *need, *supply;               /* per area */
    const bs_quadrant *quadrant;               /* per area */
    const long *priority;     /* per area: 1 = first, 0 = none */
    double need_cut, supply_cut;
    const char *need_label, *supply_label;     /* in print: labels (defect 8) */
} bs_scan_priority;

/* One [spatial NAME] (issue 15): the weights and the statistics of one
 * column, computed in the load phase. */
typedef struct bs_scan_spatial {
    const char *name;         /* spatial-NAME.csv, map-spatial-NAME-*.pdf */
    const char *column;       /* as given */
    const char *label;        /* the column's label, for people */
    const char *weights;      /* "queen", "rook", "knn", "distance", or the
                                 .gal/.gwt path */
    int k;                    /* knn */
    double distance, snap;    /* distance band; queen/rook snap (m) */
    char style;               /* 'W' or 'B' */
    size_t permutations;
    unsigned long long seed;
    double alpha;
    int fdr;
    double *value;            /* per area; NaN = missing */
    bs_weights *w;            /* the weights in `style` */
    bs_moran moran;           /* global Moran's I */
    bs_lisa lisa;             /* local Moran, per area */
    bs_gi gi;                 /* local Getis-Ord Gi*, per area */
} bs_scan_spatial;
/* ---- monitors (issue 13) ----
 * One [monitor NAME]: an indicator followed across periods. Its periods
 * (ascending, bs_period_cmp) are the union of the periods its data have;
 * every series has one value and one evaluated point per period. */

/* One series: the gemeente, or one area (level = areas). */
typedef struct bs_scan_series {
    const char *key;          /* the gemeente row (key = GM0995), an area's
                                 key, or "" for the areas aggregated */
    const char *name;         /* the area's name; for the gemeente [report]
                                 gemeente, else the key, else "gemeente" */
    const double *value;      /* [nperiod]; NaN = no value */
    const unsigned char *provisional; /* [nperiod]: 1 = voorlopig */
    const bs_monitor_point *point;    /* [nperiod]: bs_monitor_evaluate, the
                                 status of each period as if it were the
                                 latest */
    bs_monitor_info info;     /* baseline index, latest index, B, V, T */
} bs_scan_series;

typedef struct bs_scan_monitor {
    const char *name;         /* NAME of [monitor NAME]: monitor.csv's id */
    const char *label;        /* label =, else the name */
    const char *unit;         /* NULL = none; "%" makes changes points */
    const char *source;       /* source =, else that of its data; NULL = none */
    const char *definition;   /* NULL = not given */
    int level;                /* BS_MONITOR_GEMEENTE or BS_MONITOR_AREAS */
    const char *target_text;  /* target = as written; NULL = not given (the
                                 monitor is then judged on direction only) */
    int illustrative;         /* the target is made up: print ILLUSTRATIEF */
    bs_monitor_spec spec;     /* direction, baseline, target (parsed; down/up
                                 from the direction without target =),
                                 tolerance, percent, breaks */
    const bs_period *provisional;     /* provisional = as given */
    size_t nprovisional;
    size_t nperiod;
    const bs_period *period;  /* [nperiod], ascending; text as read */
    size_t nseries;           /* 1 for gemeente, n for areas */
    const bs_scan_series *series;
} bs_scan_monitor;

/* ---- council progress reports (issue 13) ---- */

/* One [progress NAME]: the report, ready to write (progress.h); every file
 * it names was read in the load phase. */
typedef struct bs_scan_progress {
    const char *name;         /* NAME of [progress NAME] */
    const char *file;         /* its name in OUTDIR: progress-NAME.pdf */
    bs_progress doc;          /* monitors, actions, notes, period, texts */
} bs_scan_progress;

typedef struct bs_scan {
    /* ---- the project, as the outputs name it ---- */
    const char *path;         /* the project file (in messages) */
    const char *title;        /* [project] title; NULL = none */
    const char *language;     /* "nl" or "en" */
    char date[32];            /* for people, in the language */
    char iso_date[32];        /* the same day, "YYYY-MM-DDT00:00:00" */
    char *source;             /* "Bron: ..." naming every source */
    bs_style style;           /* [project] style =, or the house style */

    /* ---- areas ---- */
    size_t n;
    const bs_areas *areas;    /* in the project CRS; print geometry when
                                 areas_print */
    int areas_print;          /* areas hold geometry simplified for print
                                 (only [map]s draw them) */
    const char *const *key;   /* per area */
    const char *const *name;  /* per area (the key when there is no name) */

    /* ---- indicators and domains ---- */
    size_t nind;
    const bs_scan_indicator *ind;
    double **raw;             /* [nind][n] indicator values */
    double **treated;         /* [nind][n] after small areas, transform,
                                 winsorisation and imputation */
    unsigned char **flag;     /* [nind][n] BS_FLAG_* */
    double **norm;            /* [nind][n] normalised, higher = more need */
    double **contrib;         /* [nind][n] share of the score */
    double **shown;           /* [nind][n] raw values as they may be printed
                                 (counts rounded, suppressed ones NaN) */
    double **denominator;     /* [nind][n] for rates (disclosure control),
                                 NULL rows for other kinds */
    size_t ndom;
    const bs_scan_domain *dom;
    double **domscore;        /* [ndom][n], or NULL without domains */

    /* ---- the score ---- */
    struct {
        bs_norm normalise;            /* [score] normalise */
        bs_agg_spec aggregate;        /* indicators (within domains) */
        bs_agg_spec dom_aggregate;    /* domains into the index */
        double min_coverage;
        double min_population;        /* < 0 = off */
        const char *population;       /* its column, or NULL */
    } rules;
    double *score, *rank, *decile, *coverage;   /* per area; NaN = none */
    unsigned char *status;    /* per area: BS_STATUS_* */
    size_t nscored;           /* areas with a score */
    size_t nsmall;            /* areas below min_population */

    /* ---- [uncertainty] ---- */
    int has_unc;              /* the runs were made: unc is filled */
    bs_unc_result unc;
    struct {
        size_t runs;
        double weights;               /* each weight times U(1 - w, 1 + w) */
        const bs_norm *normalise;     /* alternatives sampled per run */
        size_t nnormalise;
        unsigned long long seed;
        size_t top;                   /* 0 = no p_top */
    } unc_rules;

    /* ---- maps ---- */
    size_t nmaps;
    bs_scan_map *maps;

    /* ---- places and decisions ---- */
    size_t nlayers;
    const bs_scan_layer *layers;
    size_t nsupply;
    const bs_scan_supply *supply;
    size_t ndesignate;
    const bs_scan_designation *designate;
    size_t nprio;
    const bs_scan_priority *prio;

    /* ---- [spatial] (issue 15) ---- */
    size_t nspatial;
    const bs_scan_spatial *spatial;

    /* ---- the report ---- */
    struct {
        int on;                       /* [report] is given */
        const char *file;             /* its name in OUTDIR */
        const char *title;            /* NULL = the project's title */
        const char *subtitle, *author, *gemeente;   /* may be NULL */
        const struct bs_report_template *tpl;  /* built-in defaults, the
                                         stock report-LANG.ini and the
                                         project's template =, read */
        char *const *notes;           /* 3 * n: notes[3 * i + q] for
                                         question q of area i, NULL =
                                         none; or NULL without notes = */
        bs_disc_settings disc;        /* [disclosure], else CBS defaults */
    } report;

    /* ---- [progress NAME] reports (issue 13) ---- */
    size_t nprogress;
    const bs_scan_progress *progress;
    /* ---- disclosure control (issue 12) ---- */
    const bs_disc_plan *disc;        /* what may be printed of every cell
                                         (disclosure_plan.h): flag[k * n +
                                         i] (bs_disc_flag), shown, the
                                         totals, withheld areas; shown[],
                                         norm[], contrib[], score[] above
                                         hold NaN where nothing may be
                                         printed */
    const bs_check_list *checks;      /* plausibility findings (checks.h):
                                         warnings and notes; n = 0: none */
    /* ---- issue 14: exports, CSV dialect, the record of the run ---- */
    struct {
        unsigned formats;             /* BS_EXPORT_* bits; 0 = none */
        const char *file;             /* base name in OUTDIR */
        int print_geometry;           /* geometry = print */
    } export;
    int csv_dialect;                  /* bs_csv_dialect of every CSV */
    int level;                        /* BS_SCAN_LEVEL_* (never AUTO) */
    struct bs_manifest *manifest;     /* started by the load phase; the
                                         writer adds the outputs */
    /* ---- monitors (issue 13) ---- */
    size_t nmonitors;
    const bs_scan_monitor *monitors;
    bs_stoplicht stoplicht;   /* [stoplicht], else bs_stoplicht_default */
    int has_periods;          /* some [data] has periods: scores.csv gains
                                 <id>_period */
} bs_scan;

/* The index of the monitor with that name (case-insensitive), or
 * (size_t)-1. */
size_t bs_scan_monitor_of(const bs_scan *s, const char *name);

/* The first prepared map of column (case-insensitive: "score", an
 * indicator id ...), or NULL. Panels are not searched. */
const bs_scan_map *bs_scan_map_of(const bs_scan *s, const char *column);

/* The index of the indicator with that id (case-insensitive), or
 * (size_t)-1. */
size_t bs_scan_indicator_of(const bs_scan *s, const char *id);

/* [spatial] maps (issue 15): what a LISA cluster map or a Gi* map needs
 * besides the scan (report/spatialmap.c). */
typedef struct bs_spatial_map_data {
    int *cls;                 /* per area */
    size_t count[5];
    const char *labels[5];
    double lower[5], upper[5];
    char title[400], subtitle[400];
} bs_spatial_map_data;

enum { BS_SPATIAL_MAP_LISA = 0, BS_SPATIAL_MAP_GI = 1 };

/* Fills *map (the renderer's view, map.h) with the LISA cluster map
 * (which = BS_SPATIAL_MAP_LISA: hoog-hoog red, laag-laag blue, hoog-laag
 * light red, laag-hoog light blue, niet significant grey, as GeoDa) or
 * the Gi* map (hot spots red, cold spots blue) of [spatial] q of s, drawn
 * from draw (NULL: the scan's areas); islands and areas without a value
 * are "no data". The subtitle names the weights, the permutations, alpha
 * and whether the tests were corrected (FDR). *d holds the storage: free
 * it with bs_spatial_map_data_free. Errors: out of memory. */
int bs_scan_spatial_map(const bs_scan *s, size_t q, int which,
                        const bs_areas *draw, bs_map *map,
                        bs_spatial_map_data *d, bs_error *err);
void bs_spatial_map_data_free(bs_spatial_map_data *d);

#endif
