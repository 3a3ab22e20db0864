/* project.h: the project file (INI), as described in ../shared/docs/contract.md.
 *
 * Every key is a row of a schema table (src/io/project_schema.c) with its
 * type, range or words, default and help. Parsing checks every section and
 * key and every value that can be checked without reading data: unknown
 * sections or keys, duplicates, bad numbers, unknown methods are errors
 * "PROJECT:LINE: message". Paths are resolved relative to the project file.
 * Checks that need the data (does a column exist?) or another module's
 * names (palettes) happen in the job, which uses the recorded line numbers. */
#ifndef BUURTSCAN_PROJECT_H
#define BUURTSCAN_PROJECT_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/paper.h"
#include "buurtscan/vocab.h"

/* A string setting with the line it came from (line 0 = default). */
typedef struct bs_setting {
    char *value;
    long line;
} bs_setting;

typedef struct bs_data_spec {
    char *name;              /* NAME of [data NAME] */
    long line;               /* line of the section header */
    bs_setting file;         /* resolved path */
    bs_setting key;
    bs_setting source;
    char delimiter;          /* 0 = detect */
    char decimal;            /* 0 = detect */
    bs_setting encoding;     /* NULL value = detect */
    /* periods (issue 13) */
    bs_setting period;       /* long format: the column with the period */
    bs_setting periods;      /* keep only these periods (list), or NULL */
} bs_data_spec;

typedef struct bs_indicator_spec {
    char *id;                /* NAME of [indicator NAME] */
    long line;
    bs_setting column;       /* exactly one of column, formula */
    bs_setting formula;
    bs_setting label;        /* defaults to id */
    bs_setting unit;         /* may be NULL */
    int direction;           /* +1 or -1 */
    int direction_set;       /* direction = given (required when scored) */
    double weight;           /* > 0 */
    bs_setting domain;       /* NAME of a [domain NAME], or NULL */
    /* a rate numerator / denominator * per, optionally EB-shrunk */
    bs_setting numerator;
    bs_setting denominator;
    double per;              /* default 100 */
    int shrink_eb;
    /* treatment before normalisation */
    int transform;           /* BS_TRANSFORM_* */
    int winsorise;
    int winmax;              /* default 5 */
    int impute_set;
    bs_impute impute;
    size_t parent_len;       /* impute = parent: key prefix length */
    /* normalisation (overrides [score] normalise when norm_set) */
    int norm_set;
    bs_norm norm;
    long norm_line;
    int range_set;
    double range[2];         /* minmax output range */
    int posts_set;
    double posts[2];         /* goalposts lo hi */
    int scale_set;
    double scale;            /* goalposts, distance */
    int reference_set;
    double reference;        /* distance */
    int cap;                 /* distance: cap at the reference */
    /* for reports and disclosure control */
    int kind;                /* BS_KIND_*: value, count of persons, rate */
    int kind_set;
    bs_setting base;         /* rate given by column: its denominator column */
    bs_setting definition, year;
    double municipal, national;  /* reference values; NaN = not given */
    /* periods (issue 13) */
    bs_setting period;       /* "latest" (default) or a period */
    bs_setting periods;      /* wide file: the period of each column = */
} bs_indicator_spec;

enum { BS_KIND_VALUE = 0, BS_KIND_COUNT = 1, BS_KIND_RATE = 2 };

enum { BS_TRANSFORM_NONE = 0, BS_TRANSFORM_LOG = 1, BS_TRANSFORM_LOG_CT = 2 };

typedef struct bs_domain_spec {
    char *name;
    long line;
    double weight;           /* default 1 */
    bs_setting label;        /* defaults to the name */
} bs_domain_spec;

/* [points NAME]: a point layer (IKCs, sports clubs, libraries ...). */
typedef struct bs_points_spec_cfg {
    char *name;
    long line;
    bs_setting file;         /* resolved path: .csv or .shp */
    bs_setting key, label_col, kind;
    bs_setting x, y, lon, lat, crs;
    bs_setting source;
    bs_setting label;        /* legend text; defaults to the name */
    bs_setting layer;        /* issue 14: the layer of a GeoPackage etc. */
} bs_points_spec_cfg;

/* [supply NAME]: counts of points per area, as columns NAME and
 * NAME_per1000. */
typedef struct bs_supply_spec {
    char *name;
    long line;
    bs_setting points;       /* one or more [points] names */
    bs_setting kinds;        /* kinds to count; NULL = all */
    bs_setting per;          /* denominator column (residents, youths) */
    bs_setting label;
    double radius;           /* accessibility: facilities within this many
                                metres (issue 15); default 1000 */
} bs_supply_spec;

/* [designate NAME]: the Plus-IKC herijking. */
typedef struct bs_designate_spec {
    char *name;
    long line;
    bs_setting points;       /* the [points] layer of IKCs */
    bs_setting score;        /* column to rank by; default score */
    bs_setting catchment;    /* resolved path, or NULL: the IKC's own area */
    bs_setting catchment_ikc, catchment_area, catchment_pupils;
    int top;                 /* N, or 0 when threshold is used */
    int threshold_set;
    double threshold;
    bs_setting previous;     /* resolved path, or NULL */
    bs_setting previous_key;
    int keep_until_rank;     /* 0 = off */
    bs_ties ties;
    int reasons;
    /* its map, map-designation-NAME.* (defect 7): a designation needs no
     * [map]; these default to the project title and the base map's paper */
    bs_setting title;        /* NULL: the project title */
    bs_paper paper;
    int paper_set;
    unsigned formats;        /* BS_OUT_*; default pdf */
    double dpi;              /* for png; default 300 */
} bs_designate_spec;

/* [progress NAME]: the council progress report, progress-NAME.pdf
 * (issue 13; progress.h). */
typedef struct bs_progress_spec {
    char *name;
    long line;
    bs_setting title, subtitle, author;   /* NULL = not given */
    bs_setting period;       /* "latest" (default) or a period (period.h) */
    bs_setting notes;        /* resolved path (monitor,text), or NULL */
    bs_setting actions;      /* resolved path (action,owner,status,
                                toelichting), or NULL */
    bs_setting monitors;     /* [monitor] names, blank-separated; NULL = all */
    bs_setting file;         /* output name; NULL = progress-NAME.pdf */
    bs_setting language;     /* nl | en; NULL = [project] language */
} bs_progress_spec;

/* [prioritise NAME]: need against social base, in four quadrants. */
typedef struct bs_prioritise_spec {
    char *name;
    long line;
    bs_setting need;         /* column; default score */
    bs_setting supply;       /* column, e.g. a [supply] NAME_per1000 */
    int need_cut_set, supply_cut_set;
    double need_cut, supply_cut;
} bs_prioritise_spec;

/* [check NAME] (issue 12, plausibility checks): a rule on the input. */
typedef struct bs_check_spec {
    char *name;
    long line;
    bs_setting rule;         /* "<formula> <op> <formula>" (checks.h) */
    double tolerance;        /* >= 0, in the values' units; default 0 */
    int severity;            /* bs_check_severity: warning (default), error */
} bs_check_spec;
/* [spatial NAME]: spatial autocorrelation of one column (issue 15):
 * global and local Moran's I and Getis-Ord Gi*. */
typedef struct bs_spatial_spec {
    char *name;              /* spatial-NAME.csv, map-spatial-NAME-*.pdf */
    long line;
    bs_setting column;       /* score, an indicator id or any column */
    bs_setting weights;      /* queen, rook, knn, distance, or the resolved
                                path of a .gal/.gwt file */
    int k;                   /* knn: neighbours; 0 = not given */
    double distance;         /* distance: band in metres; 0 = not given */
    double snap;             /* queen/rook: metres; default 0 (exact) */
    char style;              /* 'W' row-standardised or 'B' binary */
    size_t permutations;     /* default 999; 0 = no pseudo p-values */
    unsigned long long seed; /* default 1 */
    double alpha;            /* default 0.05 */
    int fdr;                 /* Benjamini-Hochberg; default no */
} bs_spatial_spec;
/* [monitor NAME] (issue 13): one indicator followed across periods against
 * its nulwaarde and target. Periods, target and lists stay text here; the
 * job reads them (period.h, monitor.h) with the lines recorded. */
enum { BS_MONITOR_GEMEENTE = 0, BS_MONITOR_AREAS = 1 };

typedef struct bs_monitor_cfg {
    char *name;
    long line;
    bs_setting indicator;    /* an [indicator] id, or NULL: then one of */
    bs_setting column;       /* column (or a list, with periods =), */
    bs_setting formula;      /* formula, or */
    bs_setting numerator;    /* numerator / denominator * per */
    bs_setting denominator;
    double per;              /* default 100 */
    bs_setting periods;      /* wide: the period of each column */
    bs_setting label, unit, source, definition;
    int direction;           /* -1 or +1; required */
    int level;               /* BS_MONITOR_GEMEENTE (default) or _AREAS */
    bs_setting key;          /* level gemeente: the row (GM0995); NULL =
                                the areas aggregated */
    bs_setting weight;       /* aggregated non-rates: the weight column */
    bs_setting baseline;     /* the nulwaarde period; required */
    bs_setting target;       /* bs_target_parse; NULL = direction only */
    double tolerance;        /* >= 0, in the unit */
    bs_setting provisional;  /* periods with voorlopige cijfers */
    bs_setting brk;          /* break = periods with a series break before */
    int illustrative;        /* the target is made up: marked ILLUSTRATIEF */
} bs_monitor_cfg;

enum { BS_OUT_PDF = 1, BS_OUT_PNG = 2, BS_OUT_SVG = 4 };

/* issue 14: [export] format = any of gpkg geojson xlsx */
enum { BS_EXPORT_GPKG = 1, BS_EXPORT_GEOJSON = 2, BS_EXPORT_XLSX = 4 };

/* issue 14: [areas] level = the kind of area (report and map words) */
enum { BS_LEVEL_AUTO = 0, BS_LEVEL_GEMEENTE = 1, BS_LEVEL_WIJK = 2,
       BS_LEVEL_BUURT = 3, BS_LEVEL_DORP = 4 };

typedef struct bs_map_spec {
    char *name;              /* NAME of [map NAME]; used in file names */
    long line;
    bs_setting column;       /* "score", an indicator id or a column */
    int classes;
    bs_class_method method;
    double *breaks;          /* manual breaks */
    size_t nbreaks;
    double *multiples;       /* std-mean multiples (NULL = -2 -1 1 2) */
    size_t nmultiples;
    int anchor;              /* std-mean anchored at the mean */
    double *pct;             /* percentiles (NULL = 1 10 50 90 99 100) */
    size_t npct;
    double hinge;            /* boxplot fences; < 0 = default 1.5 */
    bs_setting pool;         /* names of maps whose values share the breaks */
    bs_setting palette;
    bs_paper paper;
    unsigned formats;        /* BS_OUT_* */
    double dpi;
    bs_setting title;        /* NULL = project title */
    bs_setting subtitle;     /* NULL = label of the mapped column */
    bs_setting legend;       /* legend title; NULL = label and unit */
    int decimals;            /* -1 = automatic */
    bs_setting labels;       /* name | code | none (default none) */
    bs_setting context;      /* resolved path of a context shapefile */
    bs_setting points;       /* [points] layers drawn on the map */
    bs_setting highlight;    /* area codes outlined */
    int inset;               /* locator map (needs context) */
    int centre_set;
    double centre;           /* diverging palettes: the neutral value */
    bs_setting columns;      /* small multiples: one panel per column */
    int shared_legend;       /* small multiples: pooled classes (default 1) */
    /* defect 12: everyday map options */
    int reverse;             /* reverse = yes: the palette's colours reversed */
} bs_map_spec;

typedef struct bs_project {
    char *path;              /* the project file as given */
    char *dir;               /* its directory */
    bs_setting title;
    bs_setting subtitle;
    bs_setting output;       /* resolved path of the output directory */
    bs_setting crs;
    bs_setting language;     /* "nl" or "en" */
    bs_setting date;         /* YYYY-MM-DD, NULL = today */
    bs_setting style;        /* resolved path of a style.ini, or NULL */

    struct {
        long line;
        bs_setting shapefile; /* resolved path */
        bs_setting key;
        bs_setting name;
        bs_setting select;
        bs_setting crs;
        bs_setting source;
        /* issue 14: file formats, gemeente selection, level */
        bs_setting layer;     /* the layer of a GeoPackage etc., or NULL */
        bs_setting gemeente;  /* gemeente codes GMgggg, or NULL */
        int level;            /* BS_LEVEL_*; BS_LEVEL_AUTO = from the codes */
    } areas;

    bs_data_spec *data;
    size_t ndata;
    bs_indicator_spec *ind;
    size_t nind;
    bs_domain_spec *dom;
    size_t ndom;

    struct {
        long line;
        bs_norm normalise;
        bs_agg_spec aggregate;      /* indicators (within domains) */
        bs_agg_spec dom_aggregate;  /* domains into the index */
        long dom_aggregate_line;    /* 0 = not given: as aggregate */
        long aggregate_line;        /* 0 = not given */
        int p_set;                  /* p = given (generalised needs it) */
        double min_coverage;
        bs_ties ties;
        double min_population;      /* < 0 = off */
        bs_setting population;      /* column with the population */
    } score;

    struct {
        long line;                  /* 0 = no [uncertainty] section */
        size_t runs;
        double weights;             /* each weight times U(1 - w, 1 + w) */
        bs_norm *normalise;         /* alternatives sampled per run */
        size_t nnormalise;
        unsigned long long seed;
        size_t top;                 /* 0 = no p_top */
        unsigned threads;           /* 0 = all cores */
        size_t sensitivity_runs;
    } unc;

    bs_map_spec *maps;
    size_t nmaps;

    bs_points_spec_cfg *points;
    size_t npoints;
    bs_supply_spec *supply;
    size_t nsupply;
    bs_designate_spec *designate;
    size_t ndesignate;
    bs_prioritise_spec *prio;
    size_t nprio;
    bs_spatial_spec *spatial;    /* [spatial NAME] (issue 15) */
    size_t nspatial;

    struct {
        long line;               /* 0 = no [report] */
        bs_setting file;         /* output name in OUTDIR; default report.pdf */
        bs_setting template_file;/* resolved path, or NULL */
        bs_setting title, subtitle, author, gemeente;
        bs_setting notes;        /* resolved path of notes.csv, or NULL */
    } report;

    struct {
        long line;               /* 0 = no [disclosure]: CBS defaults apply */
        double min_count, round, min_denominator;
        int score;               /* bs_disc_policy: without (0) or exact */
    } disclosure;

    /* issue 12, plausibility checks */
    bs_check_spec *checks;       /* [check NAME] */
    size_t nchecks;
    /* issue 14: exports for QGIS and Excel, the CSV dialect */
    struct {
        long line;               /* 0 = no [export] */
        unsigned formats;        /* BS_EXPORT_* bits */
        bs_setting file;         /* base name in OUTDIR; default scores */
        int print_geometry;      /* geometry = print */
    } export;
    int csv_dialect;             /* [project] csv: bs_csv_dialect */
    /* monitors and the stoplicht (issue 13) */
    bs_monitor_cfg *monitor;
    size_t nmonitor;
    struct {
        long line;               /* 0 = no [stoplicht]: the default rule */
        double path_margin, baseline_margin;
    } stoplicht;
    /* [progress NAME] (issue 13: the council progress report) */
    bs_progress_spec *progress;
    size_t nprogress;
} bs_project;

/* Reads and checks the project file at path. *out is freed with
 * bs_project_free. Palette names are not known here (render owns them):
 * the job checks them at their lines before it reads any data. */
int bs_project_read(const char *path, bs_project **out, bs_error *err);
void bs_project_free(bs_project *p);

/* One key of the project file as its schema row describes it. */
typedef struct bs_project_key {
    const char *section;     /* "indicator" (a [indicator NAME] section) */
    int named;               /* the section takes a NAME */
    const char *key;         /* "weight" */
    const char *alias;       /* another accepted spelling, or NULL */
    const char *type;        /* "text", "path", "number", "whole number",
                              * "yes/no", "word", "numbers", ... */
    const char *def;         /* default as written, or NULL */
    int required;
    const char *help;        /* one line */
} bs_project_key;

/* The i-th key of the schema, in the order of the sections and their keys.
 * Returns 0 and fills *out, or -1 when i is past the last key. For the
 * README key reference and its test. */
int bs_project_key_at(size_t i, bs_project_key *out);

/* issue 14: the fully resolved project, for the manifest. Calls
 * fn(ctx, key, value, is_path, err) for every key of the schema in the
 * order of the sections and keys, for every [kind NAME] section given and
 * for every plain section whether given or not (defaults included): key is
 * "section.key" or "section.NAME.key", value the resolved value as text ("" =
 * not set; paths resolved, numbers %.17g, yes/no, enum words). Stops at
 * the first fn that returns non-zero and returns -1; 0 when all ran. */
typedef int (*bs_project_setting_fn)(void *ctx, const char *key,
                                     const char *value, int is_path,
                                     bs_error *err);
int bs_project_each_setting(const bs_project *p, bs_project_setting_fn fn,
                            void *ctx, bs_error *err);

#endif
