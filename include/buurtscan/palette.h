/* palette.h: ColorBrewer colour schemes (Cynthia Brewer, colorbrewer2.org):
 * the 18 sequential schemes (3..9 classes) and the 9 diverging schemes
 * (3..11 classes), with ColorBrewer's colourblind-safe and print-friendly
 * judgements per number of classes. */
#ifndef BUURTSCAN_PALETTE_H
#define BUURTSCAN_PALETTE_H

typedef struct bs_rgb {
    unsigned char r, g, b;
} bs_rgb;

typedef enum bs_palette_kind {
    BS_PALETTE_SEQUENTIAL = 0,
    BS_PALETTE_DIVERGING = 1
} bs_palette_kind;

/* ColorBrewer's judgement of a (scheme, k): colorbrewer2.org shows a
 * tick, a cross or a question mark. */
typedef enum bs_palette_flag {
    BS_PALETTE_NO = 0,
    BS_PALETTE_YES = 1,
    BS_PALETTE_MAYBE = 2    /* ColorBrewer's "?" */
} bs_palette_flag;

/* Fills out[k] with scheme `name` (case-insensitive, e.g. "YlOrRd",
 * "RdBu") for k classes, in ColorBrewer's order (sequential: lightest
 * first; diverging: the first-named hue first). Sequential schemes take
 * 1 <= k <= 9, where k = 1 or 2 use the darkest and lightest usable colours
 * of the 3-class scheme; diverging schemes take 3 <= k <= 11.
 * Returns 0, or -1 for an unknown name or unsupported k. */
int bs_palette_get(const char *name, int k, bs_rgb *out);

/* Kind and ColorBrewer flags of scheme `name` at k classes (any out
 * pointer may be NULL). Sequential k = 1, 2 report the 3-class flags (their
 * colours are a subset of it). Returns 0, or -1 as bs_palette_get. */
int bs_palette_info(const char *name, int k, bs_palette_kind *kind,
                    bs_palette_flag *colourblind_safe,
                    bs_palette_flag *print_friendly);

/* Colours for k classes of a diverging scheme centred on a value. The
 * classes are buurtscan's right-closed classes given by their k upper
 * bounds (class 0 holds everything up to upper[0], class j the values in
 * (upper[j-1], upper[j]]). Each class is given its step from the centre:
 *  - the centre inside class c (including at its top bound when c is the
 *    top class): class c gets the neutral middle colour of an odd scheme,
 *    class c - 1 and c + 1 the first colours on either side, and so on;
 *  - the centre exactly on the bound between classes j and j + 1, or above
 *    all classes (j = k - 1): no class is neutral; classes j and j + 1 get
 *    the lightest colours on either side of an even scheme, and so on.
 * The scheme size is twice the longer side (plus the neutral class), so
 * both sides step equally per class: a short side simply stops earlier.
 * Classes below the centre take the scheme's first half (RdBu: reds),
 * unless reverse is non-zero. Returns 0, or -1 for an unknown or
 * sequential scheme, k < 1, unsorted bounds, or a side of more than 5
 * classes (ColorBrewer stops at 11). */
int bs_palette_diverging(const char *name, int k, const double *upper,
                         double centre, int reverse, bs_rgb *out);

/* The names of all sequential schemes, NULL-terminated (for error messages). */
const char *const *bs_palette_names(void);

/* The names of all diverging schemes, NULL-terminated. */
const char *const *bs_palette_diverging_names(void);

/* "#rrggbb" into buf[8]. */
char *bs_rgb_hex(bs_rgb c, char buf[8]);

#endif
