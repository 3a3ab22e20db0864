/* map.h: drawing a choropleth map page with cairo and pango.
 *
 * The caller hands over areas already projected to a metric CRS, the class
 * of each area and the texts; the renderer composes the page (title,
 * subtitle, map frame, legend with class ranges and counts, hatched
 * "geen gegevens" entry, scale bar with a round length, north arrow, source
 * line) and writes PDF, PNG or SVG. Nothing here reads files. */
#ifndef BUURTSCAN_MAP_H
#define BUURTSCAN_MAP_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"
#include "buurtscan/palette.h"

typedef enum bs_format { BS_FORMAT_PDF, BS_FORMAT_PNG, BS_FORMAT_SVG } bs_format;

typedef struct bs_paper {
    double width_mm, height_mm;   /* after orientation */
} bs_paper;

/* Parses "A4", "A3 landscape", "a4 portrait" (default portrait).
 * Returns 0 or -1 for an unknown size or word. */
int bs_paper_parse(const char *text, bs_paper *out);

typedef struct bs_map {
    const bs_areas *areas;    /* projected coordinates in metres */
    const int *cls;           /* per area: class 0..k-1, or -1 = no data (hatched) */
    int k;                    /* number of classes */
    const bs_rgb *fill;       /* k class colours */
    const double *lower;      /* k lower bounds for legend labels */
    const double *upper;      /* k upper bounds */
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
 * paper and the areas' bounding box). Returns -1 when no area has geometry. */
int bs_map_frame_get(const bs_map *m, bs_map_frame *out);

/* Renders the map to path in the given format; dpi is used for PNG only.
 * The file is written directly to path (the caller handles atomic renames).
 * Errors from cairo are returned, never aborted on. */
int bs_map_render(const bs_map *m, bs_format fmt, double dpi,
                  const char *path, bs_error *err);

#endif
