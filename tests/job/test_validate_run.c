/* test_validate_run.c: `buurtscan validate` exits 0 exactly when `run` can
 * succeed. Every case of the bad-input suite (e2e/bad_cases.c) goes through
 * both commands; they must give the same exit status and the same error,
 * and the good project passes both.
 *
 * A case that breaks the output directory (OUT is a plain file) is one of
 * the run's command line (-o OUT), which validate does not take; here the
 * project names it instead ([project] output = OUT), as validate checks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "../e2e/bad_cases.h"

/* Runs `buurtscan -q CMD project.ini` in dir; the exit status, stderr in err. */
static int run_cmd(const char *dir, const char *cmd, char *err, size_t n)
{
    char ini[4096];
    const char *argv[] = { "-q", cmd, ini, NULL };

    snprintf(ini, sizeof ini, "%s/project.ini", dir);
    return bs_test_run_cli(dir, argv, err, n);
}

/* Both commands on the project in dir: same status, same error line. */
static void check_agree(const char *name, const char *dir, int want_ok)
{
    char verr[8192], rerr[8192];
    int v = run_cmd(dir, "validate", verr, sizeof verr);
    int r = run_cmd(dir, "run", rerr, sizeof rerr);

    ck_assert_msg((v == 0) == (r == 0), "[%s] validate exits %d (%s), run exits "
                  "%d (%s)", name, v, verr, r, rerr);
    ck_assert_msg(v == r, "[%s] validate exits %d, run %d", name, v, r);
    ck_assert_msg((r == 0) == want_ok, "[%s] run exits %d: %s", name, r, rerr);
    if (r != 0)
        ck_assert_msg(strcmp(verr, rerr) == 0, "[%s] validate says '%s', run "
                      "says '%s'", name, verr, rerr);
}

START_TEST(test_case_agrees)
{
    const bs_bad_case *c = &bs_bad_cases[_i];
    char *dir = bs_bad_make_project();

    c->breakit(dir);
    if (c->output)
        bs_bad_edit(dir, "project.ini", "title = Test\n",
                    "title = Test\noutput = OUT\n");
    check_agree(c->name, dir, 0);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_good_project_agrees)
{
    char *dir = bs_bad_make_project();

    check_agree("good project", dir, 1);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Bug 1 of issue 11: a [designate] without a [map] of the score passed
 * validate and failed run; now both pass and the designation is drawn on
 * a 5-class map of the score. */
START_TEST(test_designate_without_score_map)
{
    char *dir = bs_bad_make_project();
    char path[4096];

    bs_bad_edit(dir, "project.ini", "[map score]\ncolumn = score\n",
                "[map armoede]\ncolumn = armoede\n");
    free(bs_test_write(dir, "pts.csv", "code,x,y\nP1,182000,579000\n"
                       "P2,183000,579000\nP3,184500,580500\n"));
    bs_bad_append(dir, "project.ini", "[points p]\nfile = pts.csv\nkey = code\n"
                  "x = x\ny = y\ncrs = EPSG:28992\n[designate plus]\npoints = p\n"
                  "top = 1\n");
    check_agree("designate without a score map", dir, 1);
    snprintf(path, sizeof path, "%s/out/map-designation-plus.pdf", dir);
    ck_assert_int_eq(bs_test_pdf_pages(path), 1);
    snprintf(path, sizeof path, "%s/out/designation-plus.csv", dir);
    {
        bs_test_csv c;
        bs_test_csv_read(path, &c);
        ck_assert_int_eq(c.nrows, 3);
        bs_test_csv_free(&c);
    }
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("validate_run");
    TCase *tc = tcase_create("property");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_good_project_agrees);
    tcase_add_loop_test(tc, test_case_agrees, 0, (int)bs_bad_ncases);
    tcase_add_test(tc, test_designate_without_score_map);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
