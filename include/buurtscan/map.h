/* map.h: drawing a choropleth map page with cairo and pango.
 *
 * The caller hands over areas already projected to a metric CRS, the class
 * of each area and the texts; the renderer composes the page (title,
 * subtitle, map frame, legend with class ranges and counts, hatched
 * "geen gegevens" entry, scale bar with a round length, north arrow, source
 * line) and writes PDF, PNG or SVG. Nothing here reads files.
 *
 * Optional layers and furniture (all off when zero/NULL): a zoom extent,
 * faded areas around a focus set (atlas pages), context polygons, point
 * symbols, highlighted outlines, area labels, a "te klein of geheim" class
 * (cls = -2), a locator inset and a style. The map panel alone can be drawn
 * into any cairo context (bs_map_draw), and several panels share a page
 * (bs_map_render_multi). */
#ifndef BUURTSCAN_MAP_H
#define BUURTSCAN_MAP_H

#include <cairo.h>
#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/housestyle.h"
#include "buurtscan/labels.h"
#include "buurtscan/palette.h"
#include "buurtscan/paper.h"
#include "buurtscan/style.h"

typedef enum bs_format { BS_FORMAT_PDF, BS_FORMAT_PNG, BS_FORMAT_SVG } bs_format;

typedef enum bs_symbol {
    BS_SYMBOL_CIRCLE = 0,
    BS_SYMBOL_SQUARE,
    BS_SYMBOL_TRIANGLE,
    BS_SYMBOL_DIAMOND
} bs_symbol;

/* How one kind of point is drawn and named in the legend. */
typedef struct bs_point_style {
    bs_symbol symbol;
    bs_rgb fill, outline;
    double size_mm;           /* width of the symbol at A4; 0 = 2.6 mm */
    const char *label;        /* legend text with the count; NULL = not listed */
} bs_point_style;

/* Point locations (IKC's, schools...) in the areas' CRS. */
typedef struct bs_points {
    size_t n;
    const double *x, *y;
    const int *kind;          /* per point: index into style, 0..nstyles-1 */
    const bs_point_style *style;
    int nstyles;
} bs_points;

/* bs_map.furniture: what bs_map_draw adds inside the panel. */
#define BS_MAP_SCALE_BAR 1u
#define BS_MAP_NORTH_ARROW 2u

typedef struct bs_map {
    const bs_areas *areas;    /* projected coordinates in metres */
    const int *cls;           /* per area: class 0..k-1, -1 = no data (hatched),
                                 -2 = te klein of geheim (cross-hatched) */
    int k;                    /* number of classes */
    const bs_rgb *fill;       /* k class colours */
    const double *lower;      /* k lower bounds for legend labels */
    const double *upper;      /* k upper bounds */
    const char *const *class_labels; /* k legend texts instead of the ranges
                                 (categorical maps), or NULL */
    const size_t *count;      /* k class counts */
    size_t missing;           /* areas with no data (count for the legend) */
    int decimals;             /* decimals in legend labels */
    const char *language;     /* "nl" or "en": number format and fixed texts */
    const char *title;
    const char *subtitle;     /* may be NULL */
    const char *legend_title; /* e.g. the indicator label and unit */
    const char *source;       /* source line, e.g. "Bron: CBS ... | illustratief ..." */
    const char *date;         /* printed after the source, e.g. "22-11-2026" */
    const char *iso_date;     /* PDF creation date "2026-11-22T00:00:00"; NULL = now */
    bs_paper paper;

    /* --- optional; zero/NULL = off ---------------------------------- */
    const bs_style *style;    /* NULL = the house style (bs_style_default) */
    const double *extent;     /* minx, miny, maxx, maxy shown; NULL = all areas.
                                 The map is clipped to its frame. */
    const size_t *focus;      /* areas at full colour; all others faded towards
                                 white (style fade); nfocus = 0: none faded */
    size_t nfocus;
    const size_t *highlight;  /* areas outlined thick and dark, on top */
    size_t nhighlight;
    const bs_areas *context;  /* e.g. gemeenten: light grey under and around the
                                 areas, clipped to the frame; same CRS */
    const bs_points *points;
    const char *const *labels;   /* per area (n entries, NULL = none), or NULL */
    const size_t *label_priority; /* per area: place in the order labels are
                                     placed (bs_label_order), or NULL */
    bs_label_set *label_result;  /* if set: every label's fate, refilled by each
                                    render (zero it first; bs_label_set_free) */
    int inset;                /* locator map: the context with the map's extent
                                 in red, in a free corner or the legend column */
    unsigned furniture;       /* bs_map_draw only: BS_MAP_SCALE_BAR | BS_MAP_NORTH_ARROW */
} bs_map;

/* Where the map frame sits on the page, so that callers (and tests) can find
 * an area's pixel: page_x_mm = x0_mm + (x - minx) * scale and
 * page_y_mm = y0_mm + (maxy - y) * scale, for projected x, y in metres. */
typedef struct bs_map_frame {
    double x0_mm, y0_mm;      /* page position of (minx, maxy) */
    double scale;             /* page millimetres per map metre */
    double minx, maxy;        /* map coordinates at the frame origin */
    double width_mm, height_mm; /* size of the frame on the page */
} bs_map_frame;

/* Computes the frame the renderer will use for m (depends only on the
 * paper and the areas' bounding box, or the extent when one is given).
 * Returns -1 when no area has geometry or the extent is empty. */
int bs_map_frame_get(const bs_map *m, bs_map_frame *out);

/* Renders the map to path in the given format; dpi is used for PNG only.
 * The file is written directly to path (the caller handles atomic renames).
 * Errors from cairo are returned, never aborted on. */
int bs_map_render(const bs_map *m, bs_format fmt, double dpi,
                  const char *path, bs_error *err);

/* Writes an image surface (RGB24, or ARGB32 with premultiplied alpha) to
 * path as an 8-bit PNG: RGB, or RGBA with the alpha divided out when some
 * pixel is not opaque; the pHYs chunk records dpi. Quicker than cairo's own
 * writer for large maps (lighter compression, one filter). On error the
 * message names path and a partial file may be left for the caller to
 * remove. Returns 0 or -1. */
int bs_map_write_png(cairo_surface_t *s, double dpi, const char *path,
                     bs_error *err);

/* Draws the map panel of m (context, areas, points, highlights, labels,
 * the inset, and the furniture flags in m->furniture) fitted into the
 * rectangle x, y, w, h (millimetres) of cr, whose user unit must be one
 * point, as on a PDF or SVG surface (a PNG surface scaled by dpi/72). The
 * map keeps its aspect and is centred in the rectangle; labels, the inset
 * and the furniture stay inside the map frame and never overlap. Texts,
 * legend and page furniture outside the frame are the caller's. Type
 * sizes follow m->paper as on a page (A4 when the paper is unset). The
 * state of cr is saved and restored. Returns 0, or -1 for bad input or a
 * cairo error. */
int bs_map_draw(cairo_t *cr, const bs_map *m, double x_mm, double y_mm,
                double w_mm, double h_mm, bs_error *err);

/* Page texts of a page of small multiples. */
typedef struct bs_page {
    const char *title, *subtitle;
    const char *source, *date;
    const char *iso_date;     /* PDF creation date; NULL = now */
    const char *language;     /* "nl" or "en" */
    bs_paper paper;
    const bs_style *style;    /* NULL = the house style */
} bs_page;

/* Renders n panels (each a full bs_map: its title is the panel's small
 * title) in a grid of `columns` columns (0 = the count that gives the
 * largest maps) on one page with the page's title, subtitle and source
 * line. With shared_legend and panels that share their classes (same k,
 * bounds and colours) one legend without counts serves all; otherwise
 * each panel gets its own legend with counts. A scale bar and north arrow
 * go into the first panel (into every panel when their scales differ).
 * Returns 0 or -1 as bs_map_render. */
int bs_map_render_multi(const bs_map *panels, size_t n, int columns,
                        int shared_legend, const bs_page *page, bs_format fmt,
                        double dpi, const char *path, bs_error *err);

#endif
