/* style.h: the look of a map: fonts, type sizes, colours, line widths and
 * the fixed legend texts, read from an INI file such as
 * templates/style.ini over a style's values (the defaults, buurtscan's
 * house style, are render's: bs_style_default in housestyle.h).
 *
 * Sizes are for A4 (the renderer scales them for larger paper): type and
 * line widths in points, distances in millimetres. */
#ifndef BUURTSCAN_STYLE_H
#define BUURTSCAN_STYLE_H

#include "buurtscan/error.h"

/* A colour with components in 0..1 (exact for the house defaults). */
typedef struct bs_colour {
    double r, g, b;
} bs_colour;

/* Parses "#rrggbb" into c. Returns 0, or -1 for anything else. */
int bs_colour_parse(const char *text, bs_colour *c);

typedef struct bs_style {
    char font[96];                /* pango family list, "DejaVu Sans,Sans" */
    /* type sizes, pt */
    double title_size, subtitle_size, legend_title_size, legend_size,
           scale_size, north_size, source_size, min_size;
    double panel_title_size;      /* small multiples: title over each panel */
    double label_size, label_min_size;   /* area labels; never below 6.5 */
    /* colours */
    bs_colour text_colour, subtle_colour, source_colour;
    bs_colour outline_colour, hatch_colour;
    bs_colour context_colour, context_outline_colour;
    bs_colour highlight_colour, leader_colour, halo_colour, inset_colour;
    /* line widths, pt */
    double outline_width, hatch_width, context_outline_width;
    double highlight_width, leader_width, halo_width;
    double hatch_step;            /* mm between hatch lines */
    double fade;                  /* share of colour kept by faded areas */
    int halo;                     /* white halo around area labels */
    double inset_size;            /* mm, longer side of the locator map */
    /* legend texts; "" = the language's default */
    char nodata_text[96], secret_text[96];
} bs_style;

/* Reads an INI style file over the values already in s (start from
 * bs_style_default, housestyle.h). Keys stand before any section or in [style]:
 *   font = DejaVu Sans         title_size = 18      outline_colour = #737373
 *   outline_width = 0.25       halo = yes           fade = 0.35 ...
 * (the full list is in templates/style.ini). Colours are #rrggbb, numbers
 * use '.', switches the words of bs_parse_yesno (yes/ja/true/1, no/nee/
 * false/0). Unknown keys or sections, bad values and
 * lines that are not key = value are errors "PATH:LINE: ...". On error s
 * may be partly changed. */
int bs_style_read(const char *path, bs_style *s, bs_error *err);

/* As bs_style_read, from text in memory; name is used in messages. */
int bs_style_parse(const char *text, const char *name, bs_style *s,
                   bs_error *err);

#endif
