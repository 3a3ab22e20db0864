/* test_gal.c: reading GeoDa .gal and .gwt files: columbus.gal, headers,
 * ids by key or record number, islands, weights, one-way links, and every
 * malformed input with its file and line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/gal.h"
#include "testutil.h"

static const char *const KEYS[] = {"A", "B", "C", "D"};

static char tmp[256];

/* Writes text as tmp/name (tmp made once per test, removed by
 * remove_files); returns the path (static). */
static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    char *p;

    if (!tmp[0])
        snprintf(tmp, sizeof tmp, "%s", bs_test_tmpdir());
    p = bs_test_write(tmp, name, text);
    snprintf(path, sizeof path, "%s", p);
    free(p);
    return path;
}

static void remove_files(void)
{
    if (tmp[0])
        bs_test_rmtree(tmp);
    tmp[0] = '\0';
}

/* Reads text as a file called name over the four areas A..D; returns the
 * rc and leaves the message in err. */
static int read_text(const char *name, const char *text, bs_weights **w,
                     bs_error *err)
{
    return bs_weights_read(write_file(name, text), KEYS, 4, w, NULL, NULL,
                           err);
}

/* The error message with the directory cut off: "x.gal:3: ...". */
static const char *msg_tail(const bs_error *err)
{
    const char *s = strchr(err->msg, ':');

    while (s && s > err->msg && s[-1] != '/')
        s--;
    return s ? s : err->msg;
}

START_TEST(columbus_gal_has_236_links_by_record_number)
{
    bs_weights *w;
    bs_error err;
    char *idvar = (char *)"unset";
    size_t k;

    ck_assert_int_eq(bs_weights_read(bs_test_shared("data/reference/columbus/"
                                                    "columbus.gal"),
                                     NULL, 49, &w, &idvar, NULL, &err), 0);
    ck_assert_ptr_null(idvar);      /* the header is "49" alone */
    ck_assert_uint_eq(w->n, 49);
    ck_assert_uint_eq(w->nlinks, 236);
    ck_assert(w->symmetric);
    ck_assert_int_eq(w->style, BS_WEIGHTS_BINARY);
    /* record 1: "1 2" / "2 3"; record 5: "5 8" / "16 15 11 8 9 6 3 4" */
    ck_assert_uint_eq(w->first[1], 2);
    ck_assert_uint_eq(w->nb[0], 1);
    ck_assert_uint_eq(w->nb[1], 2);
    ck_assert_uint_eq(w->first[5] - w->first[4], 8);
    for (k = 0; k < 8; k++) {
        static const size_t want[] = {2, 3, 5, 7, 8, 10, 14, 15};

        ck_assert_uint_eq(w->nb[w->first[4] + k], want[k]);
    }
    bs_weights_free(w);
}
END_TEST

START_TEST(geoda_header_names_the_id_variable_and_keys_match)
{
    const char *gal = "0 4 test ID\r\n"
                      "B 2\r\nA C\r\n"
                      "A 1\r\nB\r\n"
                      "D 0\r\n\r\n"
                      "C 1\r\nB\r\n";
    bs_weights *w;
    bs_error err;
    char *idvar;

    ck_assert_int_eq(bs_weights_read(write_file("t.gal", gal), KEYS, 4, &w,
                                     &idvar, NULL, &err), 0);
    ck_assert_str_eq(idvar, "ID");
    free(idvar);
    ck_assert_uint_eq(w->nlinks, 4);
    ck_assert_uint_eq(w->nislands, 1);
    ck_assert_uint_eq(w->islands[0], 3);
    ck_assert_uint_eq(w->nb[w->first[1]], 0);      /* B: A, C */
    ck_assert_uint_eq(w->nb[w->first[1] + 1], 2);
    bs_weights_free(w);
}
END_TEST

START_TEST(an_island_may_leave_out_its_empty_line)
{
    bs_weights *w;
    bs_error err;

    /* D's empty line left out in the middle and C's at the end */
    ck_assert_int_eq(read_text("t.gal", "4\nA 1\nB\nD 0\nB 1\nA\nC 0",
                               &w, &err), 0);
    ck_assert_uint_eq(w->nislands, 2);
    ck_assert_uint_eq(w->nlinks, 2);
    bs_weights_free(w);
}
END_TEST

START_TEST(gwt_keeps_its_weights_until_a_style_is_set)
{
    const char *gwt = "\xEF\xBB\xBF" "0 4 test ID\n"
                      "A B 3\n"
                      "A C 1\n"
                      "B A 3\n"
                      "\n"
                      "C A 1.5\n";
    bs_weights *w;
    bs_error err;

    ck_assert_int_eq(read_text("t.GWT", gwt, &w, &err), 0);
    ck_assert_int_eq(w->style, BS_WEIGHTS_RAW);
    ck_assert(w->w[0] == 3 && w->w[1] == 1);
    ck_assert_uint_eq(w->nislands, 1);             /* D has no line */
    ck_assert(w->symmetric);
    bs_weights_set_style(w, BS_WEIGHTS_ROW);
    ck_assert(w->w[0] == 0.75 && w->w[1] == 0.25);
    ck_assert(w->w[w->first[2]] == 1.0);
    bs_weights_free(w);
}
END_TEST

static char warned[BS_ERROR_MAX];
static int nwarned;

static void on_warn(void *ud, const char *msg)
{
    (void)ud;
    snprintf(warned, sizeof warned, "%s", msg);
    nwarned++;
}

START_TEST(one_way_links_are_read_with_one_warning)
{
    bs_diag diag = {on_warn, NULL};
    bs_weights *w;
    bs_error err;
    const char *path = write_file("knn.gal",
                                  "4\nA 1\nB\nB 1\nC\nC 1\nB\nD 1\nC\n");

    nwarned = 0;
    ck_assert_int_eq(bs_weights_read(path, KEYS, 4, &w, NULL, &diag, &err),
                     0);
    ck_assert(!w->symmetric);
    ck_assert_int_eq(nwarned, 1);
    ck_assert_ptr_nonnull(strstr(warned, "knn.gal:3: area 'A' lists 'B' as a "
                                 "neighbour, but 'B' does not list 'A' (2 "
                                 "one-way links)"));
    bs_weights_free(w);
}
END_TEST

START_TEST(malformed_files_are_refused_with_file_and_line)
{
    static const struct {
        const char *name, *text, *msg;
    } bad[] = {
        {"t.gal", "", "t.gal: the file is empty"},
        {"t.gal", "5\n", "t.gal:1: the header says 5 areas, but there are 4"},
        {"t.gal", "0 4 x\n", "t.gal:1: the header must be the number of "
         "areas, or '0 N SHAPEFILE IDVARIABLE' (it has 3 fields)"},
        {"t.gal", "four\n", "t.gal:1: 'four' is not a number of areas"},
        {"t.gal", "4\nA 1\nE\n", "t.gal:3: area 'E' is not one of the areas"},
        {"t.gal", "4\nE 1\nA\n", "t.gal:2: area 'E' is not one of the areas"},
        {"t.gal", "4\nA 2\nB\n", "t.gal:3: area 'A' has 2 neighbours, but the "
         "line lists 1"},
        {"t.gal", "4\nA 2\n", "t.gal:2: area 'A' has 2 neighbours, but the "
         "line lists 0"},
        {"t.gal", "4\nA x\nB\n", "t.gal:2: 'x' is not a number of neighbours"},
        {"t.gal", "4\nA -1\nB\n", "t.gal:2: '-1' is not a number of "
         "neighbours"},
        {"t.gal", "4\nA 1 2\nB\n", "t.gal:2: expected 'ID COUNT', found 3 "
         "fields"},
        {"t.gal", "4\nA 1\nB\nB 1\nA\nA 1\nB\n", "t.gal:6: area 'A' has a "
         "record already (line 2)"},
        {"t.gal", "4\nA 1\nA\n", "t.gal:3: area 'A' lists itself as a "
         "neighbour"},
        {"t.gal", "4\nA 2\nB B\n", "t.gal:3: area 'A' lists neighbour 'B' "
         "twice"},
        {"t.gal", "4\nA 1\nB\nB 1\nA\nC 0\n\n", "t.gal: no record for area "
         "'D'"},
        {"t.gwt", "4\nA B\n", "t.gwt:2: expected 'ID NEIGHBOUR WEIGHT', found "
         "2 fields"},
        {"t.gwt", "4\nA B 0,5x\n", "t.gwt:2: '0,5x' is not a weight"},
        {"t.gwt", "4\nA B nan\n", "t.gwt:2: 'nan' is not a weight"},
        {"t.gwt", "4\nA B -1\n", "t.gwt:2: the weight must be positive (it is "
         "-1)"},
        {"t.gwt", "4\nA B 0\n", "t.gwt:2: the weight must be positive (it is "
         "0)"},
        {"t.gwt", "4\nA Q 1\n", "t.gwt:2: area 'Q' is not one of the areas"},
        {"t.gwt", "4\nC C 1\n", "t.gwt:2: area 'C' lists itself as a "
         "neighbour"},
        {"t.gwt", "4\nA B 1\nB A 1\n\nA B 2\n", "t.gwt:5: the link A -> B is "
         "listed twice (also at line 2)"},
        {"t.txt", "4\n", "t.txt: a weights file must end in .gal or .gwt"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        bs_weights *w = (bs_weights *)1;
        bs_error err;

        err.msg[0] = '\0';
        ck_assert_msg(read_text(bad[i].name, bad[i].text, &w, &err) == -1,
                      "case %zu was accepted", i);
        ck_assert_ptr_null(w);
        ck_assert_msg(strcmp(msg_tail(&err), bad[i].msg) == 0,
                      "case %zu: '%s', want '%s'", i, err.msg, bad[i].msg);
    }
}
END_TEST

START_TEST(record_numbers_and_unknown_files)
{
    bs_weights *w;
    bs_error err;
    const char *path = write_file("t.gal", "3\n1 1\n3\n3 1\n1\n2 0\n");

    ck_assert_int_eq(bs_weights_read(path, NULL, 3, &w, NULL, NULL, &err), 0);
    ck_assert_uint_eq(w->nb[0], 2);
    ck_assert_uint_eq(w->nislands, 1);
    bs_weights_free(w);
    path = write_file("t.gal", "3\n1 1\n4\n");
    ck_assert_int_eq(bs_weights_read(path, NULL, 3, &w, NULL, NULL, &err), -1);
    ck_assert_str_eq(msg_tail(&err), "t.gal:3: area '4' is not one of the "
                     "areas");
    ck_assert_int_eq(bs_weights_read("/nonexistent/x.gal", NULL, 3, &w, NULL,
                                     NULL, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.gal: cannot open"));
}
END_TEST

START_TEST(area_keys_must_be_unique)
{
    static const char *const dup[] = {"A", "B", "A"};
    bs_weights *w;
    bs_error err;
    const char *path = write_file("t.gal", "3\n");

    ck_assert_int_eq(bs_weights_read(path, dup, 3, &w, NULL, NULL, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "t.gal: the areas' id 'A' is not "
                                 "unique (areas 1 and 3)"));
}
END_TEST

static Suite *gal_suite(void)
{
    Suite *s = suite_create("gal");
    TCase *tc = tcase_create("read");

    tcase_add_checked_fixture(tc, NULL, remove_files);
    tcase_add_test(tc, columbus_gal_has_236_links_by_record_number);
    tcase_add_test(tc, geoda_header_names_the_id_variable_and_keys_match);
    tcase_add_test(tc, an_island_may_leave_out_its_empty_line);
    tcase_add_test(tc, gwt_keeps_its_weights_until_a_style_is_set);
    tcase_add_test(tc, one_way_links_are_read_with_one_warning);
    tcase_add_test(tc, malformed_files_are_refused_with_file_and_line);
    tcase_add_test(tc, record_numbers_and_unknown_files);
    tcase_add_test(tc, area_keys_must_be_unique);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(gal_suite(), 1);
}
