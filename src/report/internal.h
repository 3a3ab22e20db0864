/* internal.h: what the files of the report share (not installed).
 *
 * report.c      the entry points, the section table, the document
 * context.c     the composition context: disclosed values, decimals,
 *               the order by rank, area boxes, the logo
 * classes.c     the classes of the maps the report draws (rmap)
 * cells.c       numbers, table cells and paragraphs as the report prints
 *               them
 * figures.c     legends, maps, the strips and rank bars
 * front.c       cover and method
 * overview.c    overview map, ranking and indicator maps
 * profiles.c    the area pages (atlas)
 * questions.c   the scan questions and notes closing an area page
 * designation.c the Plus-IKC designation
 * clusters.c    "Clusters van behoefte": Moran scatter plot and cluster
 *               map per [spatial] (issue 15); spatialmap.c builds the map
 * appendix.c    the data table
 *
 * The composition runs twice (measure, then draw). Everything that does
 * not depend on the pass (disclosed values, classes, area boxes, the logo)
 * is prepared once in the context before rendering. */
#ifndef BS_REPORT_INTERNAL_H
#define BS_REPORT_INTERNAL_H

#include <cairo.h>
#include <stddef.h>
#include "buurtscan/clip.h"
#include "buurtscan/limits.h"
#include "buurtscan/report.h"
#include "buurtscan/typeset.h"
#include "buurtscan/words.h"

#define MM BS_MM_PT

/* The classes of one map as the report draws it. */
typedef struct rmap {
    int k;
    bs_rgb fill[BS_CLASSES_MAX];
    double lower[BS_CLASSES_MAX], upper[BS_CLASSES_MAX];
    size_t count[BS_CLASSES_MAX];
    size_t missing, secret;   /* areas with cls -1 and -2 */
    int *cls;                 /* n */
    int decimals;
    char *title;              /* legend title */
} rmap;

#define WHOLE_SETS 4          /* scales of whole-set maps kept (a report has
                                 three: cover, overview, small multiples) */

typedef struct rctx {
    const bs_scan *s;
    const bs_report_template *t;
    const char *lang;         /* "nl" or "en" */
    bs_lang lg;
    size_t n, nind;
    const bs_scan_indicator *ind;   /* s->ind */
    double **val;             /* [nind][n] printable values (disclosed) */
    unsigned char **vflag;    /* [nind][n] BS_DISC_* */
    int *dec;                 /* [nind] decimals */
    double *nmin, *nmax, *nmed;   /* [nind] normalised values shown */
    double *total;            /* [nind] printable total of a count column */
    unsigned char *tflag;     /* [nind] its BS_DISC_* (MISSING: no total) */
    rmap score;
    rmap plain;               /* one class in a tint of the accent: the
                                 cover and the map of names */
    rmap *imap;               /* [nind] */
    double *bbox;             /* [4n], NaN when an area has no geometry */
    size_t *order;            /* areas by rank, unscored last */
    size_t nscored;
    const double *social_base;/* the social base's rate denominators, or
                                 NULL: no rate column */
    char per_label[200];      /* its column header */
    cairo_surface_t *logo;
    bs_colour accent;         /* the template's, else the house accent */
    char date[64];
    const char *title;
    const char *area1, *areas;    /* "wijk", "wijken" */
    char Area1[64], Areas[64];    /* capitalised */
    int any_national, any_municipal;
    /* the areas for maps of the whole set, simplified for the scale each
     * is drawn at (0.1 mm on paper, as the [map]s are), with their borders
     * as arcs that are stroked once each; one set per scale (see
     * figures.c, whole_at) */
    struct whole_set {
        double tol;           /* map units */
        bs_areas *a;
    } whole[WHOLE_SETS];
    double wbox[4];           /* the bounding box of all areas */
    /* atlas scratch: the areas inside a page's extent */
    bs_window win;
    bs_areas *page;           /* win.sub simplified for the page's scale,
                                 with arcs (see profiles.c) */
    int *sub_cls;             /* per area of win.sub */
    const char **sub_labels;
    size_t cap_sub;
} rctx;

/* The text of key in the report's language. */
#define W(c, key) bs_word(key, (c)->lg)

/* ---- context.c ---- */
int bs_rep_ctx_init(rctx *c, const bs_scan *s, bs_error *err);
void bs_rep_ctx_free(rctx *c);
/* The report's language, or NULL when s names none it knows. */
const char *bs_rep_language(const bs_scan *s);
/* s's logo as a cairo surface from its bytes (check its status). */
cairo_surface_t *bs_rep_logo(const bs_report_template *t);

/* ---- classes.c ---- */
int bs_rep_classes(rctx *c, const unsigned char *small, bs_error *err);
void bs_rep_rmap_free(rmap *m);

/* ---- cells.c ---- */
char *bs_rep_num(const rctx *c, double v, int dec, char *buf, size_t n);
char *bs_rep_pct(const rctx *c, double share, char *buf, size_t n);
/* A rank: whole, or with one decimal for a tie's mean. */
char *bs_rep_rank(const rctx *c, double r, char *buf, size_t n);
const char *bs_rep_status(const rctx *c, unsigned char st);
const char *bs_rep_norm(const rctx *c, bs_norm m);
/* "label (unit)" into buf. */
char *bs_rep_label_unit(const bs_scan_indicator *in, char *buf, size_t n);
void bs_rep_value_cell(const rctx *c, size_t k, size_t i, bs_doc_cell *o);
void bs_rep_ref_cell(const rctx *c, size_t k, double v, bs_doc_cell *o);
/* The municipal value of indicator k (a count whose total is secret is
 * secret too). */
void bs_rep_muni_cell(const rctx *c, size_t k, bs_doc_cell *o);
/* "." with the footnote of flag f. */
void bs_rep_secret_cell(const rctx *c, bs_disc_flag f, bs_doc_cell *o);
int bs_rep_paras(bs_doc *d, const char *text, bs_text_kind kind,
                 unsigned flags, bs_error *err);
int bs_rep_paraf(bs_doc *d, unsigned flags, bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Bullets from printf-made items (items[i] NULL: out of memory); frees
 * them. */
int bs_rep_bullets(bs_doc *d, char **items, size_t n, unsigned flags,
                   bs_error *err);
int bs_rep_section_start(bs_doc *d, const rctx *c, bs_report_section s,
                         bs_error *err);
/* The source line closing a section, if the scan has one. */
int bs_rep_source(bs_doc *d, const rctx *c, bs_error *err);

/* ---- figures.c ---- */
void bs_rep_colset(cairo_t *cr, bs_colour c);
#define LEG_ROW 4.4           /* mm per legend entry */
double bs_rep_legend_height(bs_doc *d, const rmap *m, double w, int cols,
                            int title, bs_error *err);
int bs_rep_legend_draw(bs_doc *d, const rctx *c, const rmap *m, double x,
                       double y, double w, int cols, int title, int counts,
                       int mark, bs_error *err);

/* A map for bs_doc_draw_at / bs_doc_block; areas NULL: the whole set. */
typedef struct mapjob {
    rctx *c;
    const rmap *m;
    const bs_areas *areas;
    const int *cls;
    const double *extent;
    const size_t *focus;
    size_t nfocus;
    const char *const *labels;
    unsigned furniture;
} mapjob;
/* The whole set simplified for a map drawn in w x h mm (kept in c). */
const bs_areas *bs_rep_whole_at(rctx *c, double w, double h, bs_error *err);
int bs_rep_draw_map(void *ud, cairo_t *cr, double x, double y, double w,
                    double h, bs_error *err);
double bs_rep_map_height(const rctx *c, double w, double lo, double hi);
int bs_rep_bar(void *ud, cairo_t *cr, double x, double y, double w, double h,
               bs_error *err);
void bs_rep_strip(cairo_t *cr, rctx *c, size_t k, size_t i, double x,
                  double y, double w, double h);
void bs_rep_rank_bar(cairo_t *cr, const rctx *c, size_t i, double x, double y,
                     double w, double h);

/* ---- the sections ---- */
int bs_rep_cover(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_method(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_overview(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_ranking(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_indicators(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_areas(bs_doc *d, rctx *c, bs_error *err);
/* questions.c: the close of area i's page */
int bs_rep_questions(bs_doc *d, rctx *c, size_t i, bs_error *err);
int bs_rep_designation(bs_doc *d, rctx *c, bs_error *err);
/* clusters.c: "Clusters van behoefte" ([spatial], issue 15) */
int bs_rep_clusters(bs_doc *d, rctx *c, bs_error *err);
int bs_rep_appendix(bs_doc *d, rctx *c, bs_error *err);

#endif
