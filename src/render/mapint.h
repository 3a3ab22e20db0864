/* mapint.h: what the map rooms share; not public API.
 *
 *   page.c        paper, map extent, page layout, a page's start
 *   choropleth.c  the classed areas: class fills, hatches, outlines, context
 *   symbols.c     point symbols
 *   panel.c       one map panel: frame, corners, in-frame furniture, labels
 *   furniture.c   title block, source line, scale bar, north arrow
 *   inset.c       the locator inset
 *   legend.c      the legend
 *   multiples.c   a page of small multiples (bs_map_render_multi)
 *   surface.c     PDF, SVG and PNG surfaces (PNG rows go to io's writer)
 *   outputs.c     one page in several formats at once, on threads
 *   map.c         the single map page, bs_map_draw, input checks
 *
 * The page is composed in millimetres and drawn in points (PDF/SVG user
 * space; the PNG surface is scaled by dpi/72 so that one user unit is one
 * point there too). Map coordinates are transformed here rather than with
 * a cairo matrix, so line widths stay in points whatever the map scale. */
#ifndef BUURTSCAN_RENDER_MAPINT_H
#define BUURTSCAN_RENDER_MAPINT_H

#include <cairo.h>
#include <stddef.h>
#include <string.h>
#include "buurtscan/map.h"
#include "buurtscan/rtext.h"

#define PT_PER_MM (72.0 / 25.4)
#define MM(v) ((v) * PT_PER_MM)

/* Sizes at A4 (mm); larger paper scales them by f. Type sizes, colours and
 * line widths are in bs_style. */
#define MARGIN 12.0
#define HEAD_H 20.0           /* title + subtitle block */
#define HEAD_GAP 5.0
#define FOOT_H 6.5            /* two lines of source text */
#define FOOT_GAP 4.0
#define SCALE_H 9.0           /* strip under the frame for the scale bar */
#define ARROW_W 8.0           /* column right of the frame for the arrow */
#define LEGEND_W 60.0         /* legend column beside the map */
#define LEGEND_BELOW_W 95.0   /* legend block below the map */
#define LEGEND_BELOW_H 46.0   /* 5 classes; more flow into two columns */
#define LEGEND_GAP 10.0       /* frame (and arrow) to legend, beside */
#define LEGEND_GAP_BELOW 6.0
#define SWATCH_W 7.0
#define SWATCH_H 4.2
#define ROW_PITCH 5.6
#define SYMBOL_SIZE 2.6       /* default point symbol width */
#define LEADER_REACH 12.0     /* how far a label may move out of its area */
#define PANEL_GAP 6.0         /* between panels of small multiples */
#define CORNER_GAP 2.0        /* in-frame furniture to the frame edge */

/* --- colours ------------------------------------------------------------ */

static inline void bs_map_set_colour(cairo_t *cr, bs_colour c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static inline bs_colour bs_map_from_rgb(bs_rgb c)
{
    bs_colour o = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    return o;
}

/* keep = share of the colour kept, the rest is white */
static inline bs_colour bs_map_fade(bs_colour c, double keep)
{
    bs_colour o = {1 - keep * (1 - c.r), 1 - keep * (1 - c.g), 1 - keep * (1 - c.b)};
    return o;
}

/* Fixed texts in English rather than Dutch. */
static inline int bs_map_is_en(const char *language)
{
    return language && strcmp(language, "en") == 0;
}

/* --- page.c: paper, extent, page layout --------------------------------- */

/* s, or the house style in buf when s is NULL. */
const bs_style *bs_map_style_of(const bs_style *s, bs_style *buf);

/* Bigger paper hangs further away: grow type and furniture, gently. */
double bs_map_size_factor(const bs_paper *p);

/* The part of the map to show: the extent, or all areas. -1 when there is
 * no geometry or the extent is not a box. */
int bs_map_extent(const bs_map *m, double box[4]);

/* Width and height of box; a line or a point still gets a frame: a missing
 * extent takes the other one, or 1 m. */
void bs_map_extent_size(const double box[4], double *bw, double *bh);

typedef struct bs_map_layout {
    double W, H;              /* page, mm */
    double f;                 /* size factor relative to A4 */
    double margin;
    double head_y, head_h;    /* title block: x = margin, full content width */
    double foot_h;            /* footer text sits on the bottom margin */
    double region_y0, region_y1;  /* between header and footer */
    int legend_right;         /* legend beside the frame, else below it */
    bs_map_frame fr;
    double arrow_x;           /* left edge of the north arrow column */
    double scale_y;           /* top of the scale bar strip */
    double leg_x, leg_y, leg_w, leg_h;  /* room for the legend */
} bs_map_layout;

/* Page size, margins, header and footer: everything but the map. -1 for
 * unset paper. */
int bs_map_layout_page(const bs_paper *paper, bs_map_layout *L);

/* The single map page: the frame, the north arrow column, the scale strip
 * and the legend's room. -1 as bs_map_frame_get. */
int bs_map_layout_compute(const bs_map *m, bs_map_layout *L);

/* A page begins white, with the even-odd fill rule throughout (as the areas
 * need it) and text set up in the style's font. -1 with a message when
 * pango cannot be set up (t is then freed). */
int bs_map_page_start(cairo_t *cr, const bs_style *st, bs_rtext *t, bs_error *err);

/* --- panel.c: one map panel --------------------------------------------- */

typedef struct bs_map_xform {
    double a, bx, by;         /* page_pt = b + a * (x, -y) */
} bs_map_xform;

typedef struct bs_map_panel {
    double x0, y0, w, h;      /* the frame on the page, mm */
    double scale;             /* mm per map unit */
    double minx, miny, maxx, maxy;  /* the map units the frame shows */
    double f;                 /* size factor */
    int clip;                 /* clip to the frame, with a neat line */
    bs_map_xform T;
} bs_map_panel;

void bs_map_panel_set(bs_map_panel *P, double x0, double y0, double w, double h,
                      double scale, double minx, double maxy, double f);

/* The map extent fitted into a rectangle, centred. */
int bs_map_panel_fit(bs_map_panel *P, const bs_map *m, double x, double y,
                     double w, double h, double f);

/* Map coordinates to page millimetres. */
void bs_map_to_page(const bs_map_panel *P, double x, double y, double *px,
                    double *py);

/* Whether a page box (mm) covers any area of m. */
int bs_map_box_covers_areas(const bs_map *m, const bs_map_panel *P,
                            bs_label_box b);

/* Corner boxes of size w x h inside the frame: 0 top-left, 1 top-right,
 * 2 bottom-left, 3 bottom-right. */
bs_label_box bs_map_corner_box(const bs_map_panel *P, int corner, double w,
                               double h);

/* Of the corners in order[], the first whose box covers no area and no box
 * in taken[]; failing that, the least covered free one; -1 if none fits. */
int bs_map_pick_corner(const bs_map *m, const bs_map_panel *P, const int *order,
                       int n, double w, double h, const bs_label_box *taken,
                       size_t ntaken, bs_label_box *out);

/* What goes into the panel besides the map, decided by the caller. */
typedef struct bs_map_panel_opts {
    unsigned furniture;       /* BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW inside */
    int inset_placed;         /* inset_box set by the page (legend column) */
    bs_label_box inset_box;
    const char *language;
} bs_map_panel_opts;

/* The map panel (context, areas, highlights, points, in-frame furniture,
 * inset, labels) in the frame P. */
int bs_map_panel_draw(cairo_t *cr, bs_rtext *t, const bs_map *m,
                      const bs_style *st, const bs_map_panel *P,
                      const bs_map_panel_opts *o, bs_error *err);

/* --- choropleth.c: the classed areas ------------------------------------ */

/* Per-area flags for one panel. */
#define BS_MAP_HIDDEN 1u      /* wholly outside the frame: not drawn */
#define BS_MAP_FADED 2u       /* outside the focus set */

/* Area i's rings as a path, through T. */
void bs_map_add_area(cairo_t *cr, const bs_areas *ar, size_t i,
                     const bs_map_xform *T);

/* Bounding box of area i (empty: b[0] > b[2]) and whether one lies wholly
 * outside the panel's frame. */
void bs_map_area_bbox(const bs_areas *a, size_t i, double b[4]);
int bs_map_bbox_outside(const double b[4], const bs_map_panel *P);

/* Fills the current path as "geen gegevens": white with hatching, crossed
 * for "te klein of geheim"; clears the path. */
void bs_map_fill_hatch(cairo_t *cr, const bs_style *st, double f, int crossed,
                       bs_colour colour);

/* The context polygons in the frame, light grey. */
void bs_map_draw_context(cairo_t *cr, const bs_areas *c, const bs_style *st,
                         const bs_map_panel *P);

/* Class fills, hatches and outlines of the areas not hidden by flag. */
void bs_map_draw_areas(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const bs_map_panel *P, const unsigned char *flag,
                       int any_faded);

/* Thick dark outlines of m->highlight over a white casing. */
void bs_map_draw_highlights(cairo_t *cr, const bs_map *m, const bs_style *st,
                            const bs_map_panel *P);

/* --- symbols.c: point symbols ------------------------------------------- */

/* Width (mm) of a point symbol at size factor f. */
double bs_map_symbol_mm(const bs_point_style *ps, double f);

/* One symbol centred on cx, cy (pt). */
void bs_map_draw_symbol(cairo_t *cr, const bs_point_style *ps, double cx_pt,
                        double cy_pt, double f);

/* Whether a point lies in the panel's frame. */
int bs_map_point_visible(const bs_map_panel *P, double x, double y);

/* The points that lie in the frame. */
void bs_map_draw_points(cairo_t *cr, const bs_points *pts, const bs_map_panel *P);

/* --- furniture.c -------------------------------------------------------- */

/* Title and subtitle in the layout's header block. */
void bs_map_draw_header(bs_rtext *t, const bs_style *st, const char *title,
                        const char *subtitle, const bs_map_layout *L);

/* The source line with the credit and date on the bottom margin. */
int bs_map_draw_footer(bs_rtext *t, const bs_style *st, const char *source,
                       const char *date, const char *language,
                       const bs_map_layout *L, bs_error *err);

/* A scale bar with its top left at x, y (pt), for a frame frame_w_mm wide
 * showing scale mm per metre, and its size (mm) with labels, with the
 * offset of the bar's left end from the box's left edge. */
void bs_map_draw_scale_bar(cairo_t *cr, bs_rtext *t, const bs_style *st,
                           const char *language, double f, double x, double y,
                           double frame_w_mm, double scale);
void bs_map_scale_bar_size(bs_rtext *t, const bs_style *st, const char *language,
                           double f, double frame_w_mm, double scale,
                           double *w, double *h, double *xoff);

/* "N" over an arrowhead, centred on cx with its top at top (pt), and its
 * size (mm). */
void bs_map_draw_north_arrow(cairo_t *cr, bs_rtext *t, const bs_style *st,
                             double f, double cx, double top);
void bs_map_north_arrow_size(bs_rtext *t, const bs_style *st, double f,
                             double *w, double *h);

/* A white ground under furniture that sits over the map. */
void bs_map_backing(cairo_t *cr, bs_label_box b, double pad);

/* --- legend.c ----------------------------------------------------------- */

/* Where a legend goes: beside the map it starts level with the frame and
 * may move up within ry0..ry1; below the map it has a fixed block, and
 * rows that do not fit flow into a second column. */
typedef struct bs_map_legend_spec {
    double x, y, w, h;        /* mm */
    int beside;
    double ry0, ry1;
    int counts;               /* show counts in parentheses */
} bs_map_legend_spec;

/* Draws the legend of m (dry: only computes *bottom, mm, when bottom is
 * not NULL). */
int bs_map_draw_legend(cairo_t *cr, bs_rtext *t, const bs_map *m,
                       const bs_style *st, double f, const bs_map_legend_spec *ls,
                       int dry, double *bottom, bs_error *err);

/* Height (mm) a legend needs below a panel of width w. */
double bs_map_legend_height_below(bs_rtext *t, const bs_map *m, const bs_style *st,
                                  double f, double w);

/* --- inset.c ------------------------------------------------------------ */

/* The inset's size (mm) for the context's extent, at most 40 % of the
 * frame; -1 when m has no inset or the context no geometry. */
int bs_map_inset_size(const bs_map *m, const bs_style *st, const bs_map_panel *P,
                      double *w, double *h);

/* The locator map in box b: the context, the panel's extent in red. */
void bs_map_draw_inset(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const bs_map_panel *P, bs_label_box b);

/* Places the inset of the single map page: a free corner of the frame, else
 * under the legend (beside the map) or beside it (below the map), else the
 * least covered corner. Sets o->inset_placed and o->inset_box when one
 * fits. */
void bs_map_inset_on_page(cairo_t *cr, bs_rtext *t, const bs_map *m,
                          const bs_style *st, const bs_map_layout *L,
                          const bs_map_panel *P, const bs_map_legend_spec *ls,
                          bs_map_panel_opts *o, bs_error *err);

/* --- surface.c ---------------------------------------------------------- */

/* Draws a page on cr (one user unit = one point). */
typedef int (*bs_map_page_fn)(cairo_t *cr, const void *ud, bs_error *err);

/* Creates the surface for a W x H mm page, lets draw fill it and writes
 * the file (PNG in bands, see surface.c). */
int bs_map_render_page(double W, double H, const char *title, const char *iso_date,
                       bs_format fmt, double dpi, const char *path,
                       bs_map_page_fn draw, const void *ud, bs_error *err);

/* --- map.c -------------------------------------------------------------- */

/* Checks a map's input; message in err. */
int bs_map_check(const bs_map *m, bs_error *err);

#endif
