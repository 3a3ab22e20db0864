/* test_designation.c: the Plus-IKC herijking needs no [map] (defect 7):
 * a project with only an indicator, the IKC layer and [designate] runs
 * through validate and run and draws map-designation-NAME.pdf on the
 * score; the map's own keys (title, paper, format, dpi) reach the files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

/* The demo's wijken and IKCs, one indicator, a designation with extra
 * keys (lines after "top = 5"). */
static char *project(const char *extra)
{
    char text[4096];
    const char *g = bs_test_src("geodata");

    snprintf(text, sizeof text,
             "[project]\ntitle = Gebiedsscan\n"
             "[areas]\nshapefile = %s/leeuwarden_wijken_2022.shp\nkey = code\n"
             "name = name\n"
             "[indicator armoede]\ncolumn = income_low\ndirection = +\n"
             "[points ikc]\nfile = %s/ikc.csv\nx = x\ny = y\ncrs = EPSG:28992\n"
             "key = code\nname = naam\n"
             "[designate plus-ikc]\npoints = ikc\ntop = 5\n%s", g, g, extra);
    return bs_test_write(dir, "p.ini", text);
}

/* A big-endian 32-bit number of a PNG file's IHDR (width at byte 16,
 * height at 20), read from the bytes. */
static unsigned long png_dim(const char *png, size_t at)
{
    const unsigned char *b = (const unsigned char *)png + at;

    ck_assert_msg(memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
    return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16
           | (unsigned long)b[2] << 8 | b[3];
}

static void run_ok(const char *ini, const char *out)
{
    const char *check[] = { "-q", "validate", ini, NULL };
    const char *run[] = { "-q", "run", ini, "-o", out, NULL };
    char err[4096] = "";

    ck_assert_msg(bs_test_run_cli(dir, check, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(bs_test_run_cli(dir, run, err, sizeof err) == 0, "%s", err);
}

START_TEST(designation_without_any_map)
{
    char *ini = project("");
    char out[1024];
    char *info, *csv;

    snprintf(out, sizeof out, "%s/out", dir);
    run_ok(ini, out);
    csv = bs_test_slurp(bs_test_path(out, "designation-plus-ikc.csv"));
    ck_assert_ptr_nonnull(csv);
    free(csv);
    ck_assert_int_eq(bs_test_pdf_pages(bs_test_path(out, "map-designation-plus-ikc.pdf")), 1);
    /* no [map]: the score map it is drawn on is A4 landscape */
    info = bs_test_cmd("pdfinfo '%s'", bs_test_path(out, "map-designation-plus-ikc.pdf"));
    ck_assert_msg(info && strstr(info, "841.89 x 595.276 pts (A4)"), "%s", info);
    /* the map files are the formats asked for: pdf only by default */
    ck_assert_ptr_null(bs_test_slurp(bs_test_path(out, "map-designation-plus-ikc.png")));
    free(info);
    free(ini);
}
END_TEST

START_TEST(designation_map_keys)
{
    char *ini = project("title = Plus-IKC's 2027-2028\npaper = A3 portrait\n"
                        "format = pdf png\ndpi = 100\n");
    char out[1024];
    char *info, *text, *png;

    snprintf(out, sizeof out, "%s/out", dir);
    run_ok(ini, out);
    info = bs_test_cmd("pdfinfo '%s'", bs_test_path(out, "map-designation-plus-ikc.pdf"));
    ck_assert_msg(info && strstr(info, "841.89 x 1190.55 pts (A3)"), "%s", info);
    text = bs_test_page_text(bs_test_path(out, "map-designation-plus-ikc.pdf"), 1);
    ck_assert_msg(text && strstr(text, "Plus-IKC's 2027-2028")
                  && strstr(text, "5 aangewezen"), "%s", text);
    /* A3 portrait at 100 dpi: 297 mm x 420 mm = 1169 x 1654 pixels */
    png = bs_test_slurp(bs_test_path(out, "map-designation-plus-ikc.png"));
    ck_assert_ptr_nonnull(png);
    ck_assert_uint_eq(png_dim(png, 16), 1169);   /* IHDR width */
    ck_assert_uint_eq(png_dim(png, 20), 1654);   /* IHDR height */
    free(info);
    free(text);
    free(png);
    free(ini);
}
END_TEST

START_TEST(bad_designation_map_keys_name_their_line)
{
    char *ini = project("format = pdf tiff\n");
    const char *check[] = { "-q", "validate", ini, NULL };
    char err[4096] = "", want[1200];

    ck_assert_int_eq(bs_test_run_cli(dir, check, err, sizeof err), 1);
    snprintf(want, sizeof want, "%s:20:", ini);    /* format = */
    ck_assert_msg(strstr(err, want) && strstr(err, "tiff"), "%s", err);
    free(ini);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("designation");
    TCase *tc = tcase_create("e2e");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, designation_without_any_map);
    tcase_add_test(tc, designation_map_keys);
    tcase_add_test(tc, bad_designation_map_keys_name_their_line);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
