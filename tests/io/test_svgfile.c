/* test_svgfile.c: cairo's SVG stream written with its page group named
 * surface1, wherever the stream's chunks are cut. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/svgfile.h"
#include "testutil.h"

static const char svg_in[] =
    "<svg><defs><g id=\"glyph0-1\"/></defs>\n"
    "<g id=\"surface201\">\n<path d=\"M 0 0\"/>\n"
    "<g id=\"surface7\"/></g>\n</svg>\n";
static const char svg_out[] =
    "<svg><defs><g id=\"glyph0-1\"/></defs>\n"
    "<g id=\"surface1\">\n<path d=\"M 0 0\"/>\n"
    "<g id=\"surface7\"/></g>\n</svg>\n";

/* The stream in three chunks, cut at a and at b (right after a, a few
 * characters on, or at the end): every way the id can be split. */
START_TEST(the_page_group_is_surface1_however_the_stream_is_cut)
{
    char *dir = strdup(bs_test_tmpdir()), path[600];
    size_t n = strlen(svg_in);
    bs_error err;

    snprintf(path, sizeof path, "%s/t.svg", dir);
    for (size_t a = 0; a <= n; a++)
        for (size_t b = a; b <= n; b = b < a + 2 ? b + 1 : b < a + 5 ? a + 5 : b < n ? n : n + 1) {
            const unsigned char *d = (const unsigned char *)svg_in;
            bs_svg_file *f = bs_svg_open(path, &err);
            char *got;
            ck_assert_msg(f != NULL, "%s", err.msg);
            ck_assert_int_eq(bs_svg_write(f, d, (unsigned)a), 0);
            ck_assert_int_eq(bs_svg_write(f, d + a, (unsigned)(b - a)), 0);
            ck_assert_int_eq(bs_svg_write(f, d + b, (unsigned)(n - b)), 0);
            ck_assert_int_eq(bs_svg_close(f, &err), 0);
            got = bs_test_slurp(path);
            ck_assert_ptr_nonnull(got);
            if (strcmp(got, svg_out) != 0)
                ck_abort_msg("cut at %zu and %zu: %s", a, b, got);
            free(got);
        }
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(an_unwritable_path_is_named)
{
    bs_error err;

    ck_assert_ptr_null(bs_svg_open("/nonexistent-buurtscan-dir/t.svg", &err));
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent-buurtscan-dir/t.svg: cannot create"));
    ck_assert_int_eq(bs_svg_close(NULL, &err), 0);
}
END_TEST

START_TEST(a_full_disk_is_an_error_at_close)
{
    bs_svg_file *f;
    bs_error err;
    static unsigned char block[65536];

    f = bs_svg_open("/dev/full", &err);
    if (!f)
        return;   /* no /dev/full here */
    for (int i = 0; i < 4; i++)
        bs_svg_write(f, block, sizeof block);
    ck_assert_int_eq(bs_svg_close(f, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/dev/full: cannot write the file"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("svgfile");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, the_page_group_is_surface1_however_the_stream_is_cut);
    tcase_add_test(tc, an_unwritable_path_is_named);
    tcase_add_test(tc, a_full_disk_is_an_error_at_close);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
