/* palette.h: ColorBrewer colour schemes (Cynthia Brewer, colorbrewer2.org). */
#ifndef BUURTSCAN_PALETTE_H
#define BUURTSCAN_PALETTE_H

typedef struct bs_rgb {
    unsigned char r, g, b;
} bs_rgb;

/* Fills out[k] with the ColorBrewer sequential scheme `name` (case-
 * insensitive, e.g. "YlOrRd") for k classes, 3 <= k <= 9; for k = 1 or 2
 * the darkest and lightest usable colours of the 3-class scheme.
 * Returns 0, or -1 for an unknown name or unsupported k. */
int bs_palette_get(const char *name, int k, bs_rgb *out);

/* The names of all sequential schemes, NULL-terminated (for error messages). */
const char *const *bs_palette_names(void);

/* "#rrggbb" into buf[8]. */
char *bs_rgb_hex(bs_rgb c, char buf[8]);

#endif
