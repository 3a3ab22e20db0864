/* png.h: writing pictures as 8-bit PNG files (libpng).
 *
 * The writer takes rows of 32-bit pixels, native-endian words 0xAARRGGBB
 * with the colour premultiplied by alpha (the layout of cairo's and
 * pixman's image surfaces), and asks for them a band of rows at a time, so
 * that a large picture need never be whole in memory. It writes RGB, or
 * RGBA with the alpha divided out; the pHYs chunk records the resolution.
 * Compression is light (level 3, no row filter): maps are large flat
 * fills that deflate finds as long repeats anyway. */
#ifndef BUURTSCAN_PNG_H
#define BUURTSCAN_PNG_H

#include <stddef.h>
#include "buurtscan/error.h"

/* Hands the writer rows top .. top + n - 1 of the picture: *data points at
 * the first of them, *stride is the number of bytes from one row to the
 * next. The rows need stay valid only until the next call. Returns 0, or
 * -1 with err set, which stops the writer. */
typedef int (*bs_png_rows_fn)(void *ud, int top, int n,
                              const unsigned char **data, size_t *stride,
                              bs_error *err);

typedef struct bs_png_picture {
    int width, height;        /* pixels, at least 1 each */
    int alpha;                /* 0: RGB, the alpha byte ignored; 1: RGBA */
    double dpi;               /* recorded in the pHYs chunk */
    int band;                 /* rows asked for at a time (the last band may
                                 be shorter); at least 1 */
    bs_png_rows_fn rows;
    void *ud;
} bs_png_picture;

/* Writes pic to path (directly; on error a partial file may be left for the
 * caller to remove). Errors name path: "PATH: cannot write PNG: ...", or
 * the error of the rows callback. Returns 0 or -1. */
int bs_png_write(const char *path, const bs_png_picture *pic, bs_error *err);

/* Whether every pixel of h rows of w pixels, stride bytes apart, has
 * alpha 0xff (such a picture is written as RGB). */
int bs_png_opaque(const unsigned char *data, int w, int h, size_t stride);

#endif
