/* test_png.c: the PNG writer: rows asked for band by band, RGB and RGBA
 * with the alpha divided out, the resolution, and every error naming the
 * file. Files are read back with libpng. */
#include <check.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/png.h"
#include "testutil.h"

typedef struct png_read {
    png_uint_32 w, h, ppm_x, ppm_y;
    int channels, depth, unit;
    unsigned char *px;
} png_read;

static void png_load(const char *path, png_read *r)
{
    FILE *f = fopen(path, "rb");
    png_structp png;
    png_infop info;
    png_bytep *rows;

    ck_assert_ptr_nonnull(f);
    memset(r, 0, sizeof *r);
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(png);
    info = png_create_info_struct(png);
    ck_assert_ptr_nonnull(info);
    if (setjmp(png_jmpbuf(png)))
        ck_abort_msg("%s: libpng cannot read it", path);
    png_init_io(png, f);
    png_read_info(png, info);
    r->w = png_get_image_width(png, info);
    r->h = png_get_image_height(png, info);
    r->channels = png_get_channels(png, info);
    r->depth = png_get_bit_depth(png, info);
    png_get_pHYs(png, info, &r->ppm_x, &r->ppm_y, &r->unit);
    r->px = malloc((size_t)r->w * r->h * r->channels);
    rows = malloc(r->h * sizeof *rows);
    ck_assert(r->px && rows);
    for (png_uint_32 y = 0; y < r->h; y++)
        rows[y] = r->px + (size_t)y * r->w * r->channels;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    fclose(f);
}

/* A picture of W x H pixels whose rows are handed over from a band buffer
 * of BAND rows, refilled on every call, as a renderer drawing in bands
 * does. Pixel (x, y) is 0xff000000 | x << 16 | y << 8 | (x + y). */
#define W 5
#define H 7
#define BAND 3

typedef struct bands {
    uint32_t buf[BAND][W + 1];    /* a stride wider than the row */
    int calls, tops[H], ns[H];
    int fail_at;                  /* top of the band that fails; -1 = none */
} bands;

static int band_rows(void *ud, int top, int n, const unsigned char **data,
                     size_t *stride, bs_error *err)
{
    bands *b = ud;

    ck_assert_int_lt(b->calls, H);
    b->tops[b->calls] = top;
    b->ns[b->calls] = n;
    b->calls++;
    if (top == b->fail_at)
        return bs_error_set(err, "drawing band %d failed", top);
    for (int y = 0; y < n; y++)
        for (int x = 0; x < W; x++)
            b->buf[y][x] = 0xff000000u | (uint32_t)x << 16 | (uint32_t)(top + y) << 8 |
                           (uint32_t)(x + top + y);
    *data = (const unsigned char *)b->buf;
    *stride = sizeof b->buf[0];
    return 0;
}

static bs_png_picture picture(bands *b)
{
    bs_png_picture pic;

    memset(b, 0, sizeof *b);
    b->fail_at = -1;
    memset(&pic, 0, sizeof pic);
    pic.width = W;
    pic.height = H;
    pic.dpi = 300;
    pic.band = BAND;
    pic.rows = band_rows;
    pic.ud = b;
    return pic;
}

START_TEST(test_rows_are_asked_for_band_by_band_and_written_exactly)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *path = bs_test_path(dir, "bands.png");
    bs_error err;
    png_read r;
    bands b;
    bs_png_picture pic = picture(&b);

    ck_assert_msg(bs_png_write(path, &pic, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(b.calls, 3);
    ck_assert_int_eq(b.tops[0], 0);
    ck_assert_int_eq(b.tops[1], 3);
    ck_assert_int_eq(b.tops[2], 6);
    ck_assert_int_eq(b.ns[0], 3);
    ck_assert_int_eq(b.ns[1], 3);
    ck_assert_int_eq(b.ns[2], 1);   /* the last band is shorter */
    png_load(path, &r);
    ck_assert_uint_eq(r.w, W);
    ck_assert_uint_eq(r.h, H);
    ck_assert_int_eq(r.channels, 3);
    ck_assert_int_eq(r.depth, 8);
    ck_assert_int_eq(r.unit, PNG_RESOLUTION_METER);
    ck_assert_uint_eq(r.ppm_x, 11811);   /* 300 / 0.0254 */
    ck_assert_uint_eq(r.ppm_y, 11811);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const unsigned char *p = r.px + ((size_t)y * W + x) * 3;
            ck_assert_msg(p[0] == x && p[1] == y && p[2] == x + y,
                          "pixel %d,%d: %u %u %u", x, y, p[0], p[1], p[2]);
        }
    free(r.px);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* The rows of a plain buffer, handed over whole. */
static int whole_rows(void *ud, int top, int n, const unsigned char **data,
                      size_t *stride, bs_error *err)
{
    (void)n, (void)err;
    *stride = 3 * sizeof(uint32_t);
    *data = (const unsigned char *)ud + (size_t)top * *stride;
    return 0;
}

/* Premultiplied alpha comes out straight; transparent pixels as zeros. */
START_TEST(test_rgba_divides_the_alpha_out)
{
    static const uint32_t px[3] = {
        0xff336699u,                /* opaque */
        0x80800040u,                /* half-transparent red with a little blue */
        0x00000000u,                /* transparent */
    };
    static const unsigned char want[12] = {0x33, 0x66, 0x99, 0xff,
                                           0xff, 0x00, 0x80, 0x80,
                                           0x00, 0x00, 0x00, 0x00};
    char *dir = strdup(bs_test_tmpdir());
    const char *path = bs_test_path(dir, "rgba.png");
    bs_png_picture pic = {3, 1, 1, 96, 1, whole_rows, (void *)px};
    bs_error err;
    png_read r;

    ck_assert_int_eq(bs_png_opaque((const unsigned char *)px, 3, 1, sizeof px), 0);
    ck_assert_int_eq(bs_png_opaque((const unsigned char *)px, 1, 1, sizeof px), 1);
    ck_assert_msg(bs_png_write(path, &pic, &err) == 0, "%s", err.msg);
    png_load(path, &r);
    ck_assert_int_eq(r.channels, 4);
    ck_assert_uint_eq(r.ppm_x, 3780);   /* 96 / 0.0254 */
    ck_assert_mem_eq(r.px, want, 12);
    free(r.px);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_a_failing_band_stops_the_writer_with_its_error)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *path = bs_test_path(dir, "fail.png");
    bs_error err;
    bands b;
    bs_png_picture pic = picture(&b);

    b.fail_at = 3;
    ck_assert_int_eq(bs_png_write(path, &pic, &err), -1);
    ck_assert_str_eq(err.msg, "drawing band 3 failed");
    ck_assert_int_eq(b.calls, 2);   /* nothing asked for after the failure */
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_file_errors_name_the_file)
{
    bs_error err;
    bands b;
    bs_png_picture pic = picture(&b);

    /* libpng's own errors (a full disk here) come back as ours */
    err.msg[0] = '\0';
    ck_assert_int_eq(bs_png_write("/dev/full", &pic, &err), -1);
    ck_assert_msg(strstr(err.msg, "/dev/full: cannot write PNG") != NULL, "%s", err.msg);
    err.msg[0] = '\0';
    ck_assert_int_eq(bs_png_write("/nonexistent-buurtscan-dir/x.png", &pic, &err), -1);
    ck_assert_msg(strstr(err.msg, "/nonexistent-buurtscan-dir/x.png: cannot write PNG")
                  != NULL, "%s", err.msg);
}
END_TEST

START_TEST(test_empty_picture_is_refused_before_the_file_is_made)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *path = bs_test_path(dir, "empty.png");
    bs_error err;
    bands b;
    bs_png_picture pic = picture(&b);

    pic.height = 0;
    ck_assert_int_eq(bs_png_write(path, &pic, &err), -1);
    ck_assert_msg(strstr(err.msg, "empty image") != NULL, "%s", err.msg);
    pic = picture(&b);
    pic.band = 0;
    ck_assert_int_eq(bs_png_write(path, &pic, &err), -1);
    ck_assert_int_eq(b.calls, 0);
    ck_assert_int_eq(bs_test_count_entries(dir), 0);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("png");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_rows_are_asked_for_band_by_band_and_written_exactly);
    tcase_add_test(tc, test_rgba_divides_the_alpha_out);
    tcase_add_test(tc, test_a_failing_band_stops_the_writer_with_its_error);
    tcase_add_test(tc, test_file_errors_name_the_file);
    tcase_add_test(tc, test_empty_picture_is_refused_before_the_file_is_made);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
