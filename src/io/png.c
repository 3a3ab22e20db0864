/* png.c: the PNG writer (contract in buurtscan/png.h). */
#include "buurtscan/png.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpng reports errors through this: the message is kept for ours, then
 * control returns to the setjmp in bs_png_write (libpng's rule: an error
 * handler must not return). */
typedef struct png_failure {
    char msg[200];
} png_failure;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_failure *f = png_get_error_ptr(png);
    snprintf(f->msg, sizeof f->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;     /* warnings (none for what is written here) are not errors */
}

int bs_png_opaque(const unsigned char *data, int w, int h, size_t stride)
{
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++)
            if ((px[x] >> 24) != 0xff)
                return 0;
    }
    return 1;
}

/* The picture's rows (native-endian 32-bit words, alpha premultiplied) to
 * libpng's (8-bit R, G, B and, with alpha, straight A), n rows of w. */
static void write_rows(png_structp png, unsigned char *row, const unsigned char *data,
                       size_t stride, int w, int n, int alpha)
{
    for (int y = 0; y < n; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        unsigned char *o = row;
        for (int x = 0; x < w; x++) {
            uint32_t p = px[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (alpha) {
                unsigned a = p >> 24;
                if (a == 0) {
                    r = g = b = 0;
                } else if (a < 255) {
                    r = (r * 255 + a / 2) / a;
                    g = (g * 255 + a / 2) / a;
                    b = (b * 255 + a / 2) / a;
                }
                o[0] = (unsigned char)r;
                o[1] = (unsigned char)g;
                o[2] = (unsigned char)b;
                o[3] = (unsigned char)a;
                o += 4;
            } else {
                o[0] = (unsigned char)r;
                o[1] = (unsigned char)g;
                o[2] = (unsigned char)b;
                o += 3;
            }
        }
        png_write_row(png, row);
    }
}

/* The header: size, colour type, resolution, compression. */
static void write_header(png_structp png, png_infop info, const bs_png_picture *pic)
{
    png_uint_32 ppm = (png_uint_32)lround(pic->dpi / 0.0254);   /* per metre */

    /* Level 3, no filter: a map is large flat fills that deflate finds as
     * long repeats anyway. cairo's writer (level 6 and adaptive filters)
     * took 0.45 s for England at 300 dpi and wrote 1.79 MB; this takes
     * about 0.11 s and writes 1.66 MB (the SUB filter: 1.90 MB). */
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, (png_uint_32)pic->width, (png_uint_32)pic->height, 8,
                 pic->alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
                 PNG_FILTER_TYPE_BASE);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
}

int bs_png_write(const char *path, const bs_png_picture *pic, bs_error *err)
{
    png_failure fail = {""};
    png_structp png;
    png_infop info;
    FILE *f;
    /* set after setjmp and used after a longjmp back to it: volatile */
    unsigned char *volatile row = NULL;
    volatile int rc = 0;

    if (!pic || pic->width < 1 || pic->height < 1 || pic->band < 1 || !pic->rows)
        return bs_error_set(err, "%s: cannot write PNG: empty image", path);
    f = fopen(path, "wb");
    if (!f)
        return bs_error_set(err, "%s: cannot write PNG: %s", path, strerror(errno));
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &fail, png_fail, png_warn);
    info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: out of memory", path);
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: %s", path,
                            fail.msg[0] ? fail.msg : "libpng error");
    }
    png_init_io(png, f);
    write_header(png, info, pic);
    row = malloc((size_t)pic->width * (pic->alpha ? 4 : 3));
    if (!row)
        png_error(png, "out of memory");
    for (int top = 0; top < pic->height && rc == 0; top += pic->band) {
        int n = pic->height - top < pic->band ? pic->height - top : pic->band;
        const unsigned char *data = NULL;
        size_t stride = 0;
        if (pic->rows(pic->ud, top, n, &data, &stride, err) != 0) {
            rc = -1;
            break;
        }
        write_rows(png, row, data, stride, pic->width, n, pic->alpha);
    }
    if (rc == 0)
        png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (rc != 0) {
        fclose(f);
        return -1;
    }
    if (ferror(f)) {
        fclose(f);
        return bs_error_set(err, "%s: cannot write PNG: write error", path);
    }
    if (fclose(f) != 0)
        return bs_error_set(err, "%s: cannot write PNG: %s", path, strerror(errno));
    return 0;
}
