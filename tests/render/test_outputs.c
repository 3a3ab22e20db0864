/* test_outputs.c: one page in several formats at once (outputs.c): the
 * same bytes for any number of threads, labels' fates from the first
 * output, small multiples, and bad calls. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buurtscan/map.h"
#include "mapgrid.h"
#include "testutil.h"

static const bs_format fmts[3] = { BS_FORMAT_PDF, BS_FORMAT_PNG, BS_FORMAT_SVG };
static const char *const names[3] = { "map.pdf", "map.png", "map.svg" };

/* Whole file contents, for comparing (aborts when unreadable). */
static char *slurp_bin(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;

    ck_assert_msg(f != NULL, "%s: cannot open", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    *len = ftell(f);
    ck_assert_int_gt(*len, 0);
    rewind(f);
    buf = malloc((size_t)*len);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    return buf;
}

static void assert_same_file(const char *a, const char *b)
{
    long na, nb;
    char *da = slurp_bin(a, &na), *db = slurp_bin(b, &nb);

    ck_assert_msg(na == nb && memcmp(da, db, (size_t)na) == 0, "%s (%ld bytes) and %s "
                  "(%ld bytes) differ", a, na, b, nb);
    free(da);
    free(db);
}

/* The three formats into dir/<threads>/, with `threads` threads. */
static void render_all(const bs_map *m, const char *dir, unsigned threads,
                       char paths[3][600])
{
    const char *p[3];
    char sub[500];
    bs_error err;

    snprintf(sub, sizeof sub, "%s/%u", dir, threads);
    ck_assert(mkdir(sub, 0777) == 0 || errno == EEXIST);
    for (int i = 0; i < 3; i++) {
        snprintf(paths[i], 600, "%s/%s", sub, names[i]);
        p[i] = paths[i];
    }
    ck_assert_msg(bs_map_render_formats(m, fmts, p, 3, 150, threads, &err) == 0, "%s",
                  err.msg);
}

START_TEST(test_formats_are_the_same_bytes_for_any_number_of_threads)
{
    char *dir = strdup(bs_test_tmpdir()), one[3][600], path[600];
    bs_label_set ls1, ls;
    bs_error err;
    mapgrid g;

    mapgrid_make(&g, 24, 30, 1);
    g.m.labels = (const char *const *)g.label;
    memset(&ls1, 0, sizeof ls1);
    g.m.label_result = &ls1;
    render_all(&g.m, dir, 1, one);
    ck_assert_uint_gt(ls1.n, 0);
    /* each file as bs_map_render writes it alone */
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/alone.%d", dir, i);
        ck_assert_msg(bs_map_render(&g.m, fmts[i], 150, path, &err) == 0, "%s", err.msg);
        assert_same_file(one[i], path);
    }
    /* 2 threads, 3 threads, 0 (one per output), three times over */
    for (unsigned rep = 0; rep < 3; rep++)
        for (unsigned t = 0; t <= 3; t++) {
            char got[3][600];
            if (t == 1)
                continue;
            memset(&ls, 0, sizeof ls);
            g.m.label_result = &ls;
            render_all(&g.m, dir, t, got);
            for (int i = 0; i < 3; i++)
                assert_same_file(one[i], got[i]);
            /* the fates come from the first output, the same each time */
            ck_assert_uint_eq(ls.n, ls1.n);
            ck_assert_uint_eq(ls.ndropped, ls1.ndropped);
            bs_label_set_free(&ls);
        }
    bs_label_set_free(&ls1);
    mapgrid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_small_multiples_in_formats_on_threads)
{
    char *dir = strdup(bs_test_tmpdir()), a[2][600], b[2][600];
    const char *pa[2] = { a[0], a[1] }, *pb[2] = { b[0], b[1] };
    bs_map panels[2];
    bs_page page;
    bs_map_multi multi;
    bs_error err;
    mapgrid g;

    mapgrid_make(&g, 12, 14, 1);
    panels[0] = panels[1] = g.m;
    panels[0].title = "Links";
    panels[1].title = "Rechts";
    memset(&page, 0, sizeof page);
    page.title = "Twee kaarten";
    page.source = "Bron: testgegevens";
    page.iso_date = "2026-11-22T00:00:00";
    page.language = "nl";
    page.paper = g.m.paper;
    multi = (bs_map_multi){ 2, 1, &page };
    for (int i = 0; i < 2; i++) {
        snprintf(a[i], 600, "%s/one.%s", dir, i ? "png" : "pdf");
        snprintf(b[i], 600, "%s/two.%s", dir, i ? "png" : "pdf");
    }
    ck_assert_msg(bs_map_render_multi_formats(panels, 2, &multi, fmts, pa, 2, 100, 1,
                                              &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_map_render_multi_formats(panels, 2, &multi, fmts, pb, 2, 100, 2,
                                              &err) == 0, "%s", err.msg);
    for (int i = 0; i < 2; i++)
        assert_same_file(a[i], b[i]);
    ck_assert_int_eq(bs_test_pdf_pages(a[0]), 1);
    mapgrid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_bad_calls_and_a_failing_output)
{
    char *dir = strdup(bs_test_tmpdir()), ok[600];
    const char *p[3] = { ok, "/nonexistent-dir/map.png", NULL };
    bs_error err;
    mapgrid g;

    mapgrid_make(&g, 4, 4, 0);
    snprintf(ok, sizeof ok, "%s/map.pdf", dir);
    ck_assert_int_eq(bs_map_render_formats(&g.m, fmts, p, 0, 150, 1, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "0 output files"));
    ck_assert_int_eq(bs_map_render_formats(&g.m, fmts, p, BS_MAP_OUTPUTS_MAX + 1, 150, 1,
                                           &err), -1);
    ck_assert_int_eq(bs_map_render_formats(&g.m, fmts, p, 3, 150, 1, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "output 3 has no path"));
    /* the second output fails: its error comes back, named by its path */
    for (unsigned t = 1; t <= 2; t++) {
        ck_assert_int_eq(bs_map_render_formats(&g.m, fmts, p, 2, 150, t, &err), -1);
        ck_assert_msg(strstr(err.msg, "/nonexistent-dir/map.png") != NULL, "%s", err.msg);
    }
    ck_assert_int_eq(bs_map_render_formats(NULL, fmts, p, 1, 150, 1, &err), -1);
    ck_assert_int_eq(bs_map_render_multi_formats(&g.m, 1, NULL, fmts, p, 1, 150, 1, &err),
                     -1);
    mapgrid_free(&g);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("outputs");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_formats_are_the_same_bytes_for_any_number_of_threads);
    tcase_add_test(tc, test_small_multiples_in_formats_on_threads);
    tcase_add_test(tc, test_bad_calls_and_a_failing_output);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
