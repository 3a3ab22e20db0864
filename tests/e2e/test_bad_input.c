/* test_bad_input.c: every bad input gives "buurtscan: FILE:LINE: message"
 * (or FILE: record N / FILE: message), exit status 1, and no output at all.
 *
 * Each case (bad_cases.c) builds a project directory from the embedded
 * Leeuwarden data, breaks one thing, runs the CLI with -o OUT and checks
 * exit code, message and that OUT does not exist afterwards. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"
#include "bad_cases.h"

START_TEST(test_bad_input_case)
{
    const bs_bad_case *c = &bs_bad_cases[_i];
    char *dir = bs_bad_make_project();
    char ini[4096], out[4096], err[8192];
    struct stat st;
    int rc, is_file_case = c->output;
    const char *argv[6];

    c->breakit(dir);
    snprintf(ini, sizeof ini, "%s/project.ini", dir);
    snprintf(out, sizeof out, "%s/OUT", dir);
    argv[0] = "run";
    argv[1] = ini;
    argv[2] = "-o";
    argv[3] = out;
    argv[4] = NULL;
    rc = bs_test_run_cli(dir, argv, err, sizeof err);
    ck_assert_msg(rc == 1, "[%s] exit %d, stderr: %s", c->name, rc, err);
    ck_assert_msg(strncmp(err, "buurtscan: ", 11) == 0, "[%s] stderr: %s", c->name, err);
    ck_assert_msg(strstr(err, c->expect1) != NULL, "[%s] no '%s' in: %s", c->name,
                  c->expect1, err);
    if (c->expect2)
        ck_assert_msg(strstr(err, c->expect2) != NULL, "[%s] no '%s' in: %s",
                      c->name, c->expect2, err);
    ck_assert_msg(strstr(err, "warning") == NULL || strstr(err, "error") == NULL,
                  "[%s] %s", c->name, err);
    /* nothing written: OUT absent (or, when OUT is the blocking file, unchanged) */
    if (is_file_case) {
        ck_assert_int_eq(stat(out, &st), 0);
        ck_assert(S_ISREG(st.st_mode));
    } else {
        ck_assert_msg(stat(out, &st) != 0, "[%s] OUT exists after a failed run",
                      c->name);
    }
    /* and no temporary files beside the inputs */
    {
        char cmd[4300], line[64] = "";
        FILE *p;
        snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c tmp", dir);
        p = popen(cmd, "r");
        ck_assert_ptr_nonnull(p);
        ck_assert_ptr_nonnull(fgets(line, sizeof line, p));
        ck_assert_msg(atoi(line) == 0, "[%s] temporary files left", c->name);
        pclose(p);
    }
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_good_project_runs)
{
    /* the base of all cases above is itself fine: proves each case breaks
     * exactly the one thing it names */
    char *dir = bs_bad_make_project();
    char ini[4096], out[4096], err[8192];
    const char *argv[] = { "-q", "run", ini, "-o", out, NULL };
    snprintf(ini, sizeof ini, "%s/project.ini", dir);
    snprintf(out, sizeof out, "%s/OUT", dir);
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(bs_test_count_entries(out), 4); /* scores.csv, map-score.csv/.pdf,
                                                     * manifest.json */
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_usage_errors_exit_2)
{
    char err[4096];
    const char *a1[] = { "frobnicate", NULL };
    const char *a2[] = { "run", NULL };
    const char *a3[] = { "--bogus", NULL };
    ck_assert_int_eq(bs_test_run_cli(NULL, a1, err, sizeof err), 2);
    ck_assert_ptr_nonnull(strstr(err, "unknown command 'frobnicate'"));
    ck_assert_int_eq(bs_test_run_cli(NULL, a2, err, sizeof err), 2);
    ck_assert_ptr_nonnull(strstr(err, "run needs a project file"));
    ck_assert_int_eq(bs_test_run_cli(NULL, a3, err, sizeof err), 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bad_input");
    TCase *tc = tcase_create("cases");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_good_project_runs);
    tcase_add_loop_test(tc, test_bad_input_case, 0, (int)bs_bad_ncases);
    tcase_add_test(tc, test_usage_errors_exit_2);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
