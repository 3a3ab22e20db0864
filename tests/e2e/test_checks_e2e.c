/* test_checks_e2e.c: issue 12, plausibility checks on inputs, through the
 * CLI. A figures file for the 22 Leeuwarden wijken is made here with
 * known faults; validate and run report exactly those, by area, to stderr
 * and checks.csv, and the run goes on. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

/* Row i of the figures: mannen + vrouwen = inwoners except rows 2 and 5
 * (off by 10) and 7 (off by 5: within the tolerance); num > den in row 4;
 * pct 120 in row 9; extreme 1000 in row 11 (the others 10..31); jaar
 * 2022, and 2023 from row 15 on. */
static char *project(char **dir_out)
{
    char *dir = strdup(bs_test_tmpdir());
    bs_test_csv ill;
    char *csv, *q, text[16384], ini[4096];
    size_t used;
    int i;

    csv = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
    for (q = csv; *q; q++)
        if (*q == ';')
            *q = ',';
        else if (*q == ',')
            *q = '.';
    free(bs_test_write(dir, "ill.csv", csv));
    free(csv);
    bs_test_csv_read(bs_test_path(dir, "ill.csv"), &ill);
    ck_assert_int_eq(ill.nrows, 22);
    used = (size_t)snprintf(text, sizeof text,
                            "code,jaar,mannen,vrouwen,inwoners,num,den,pct,extreem\n");
    for (i = 0; i < ill.nrows; i++) {
        int m = 1000 + 10 * i, v = 1100 + 7 * i;
        int tot = m + v + (i == 2 || i == 5 ? 10 : i == 7 ? 5 : 0);
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "%s,%d,%d,%d,%d,%d,%d,%g,%d\n", ill.cell[i][0],
                                 i >= 15 ? 2023 : 2022, m, v, tot,
                                 i == 4 ? 300 : 20 + i, 200, i == 9 ? 120.0 : 40.0 + i,
                                 i == 11 ? 1000 : 10 + i);
    }
    free(bs_test_write(dir, "f.csv", text));
    snprintf(ini, sizeof ini,
             "[areas]\nshapefile = %s\nkey = code\nname = name\n"
             "[data f]\nfile = f.csv\nkey = code\n"
             "[indicator aandeel]\nnumerator = num\ndenominator = den\n"
             "direction = +\n"
             "[indicator pct]\ncolumn = pct\nunit = %%\ndirection = +\n"
             "[indicator extreem]\ncolumn = extreem\ndirection = +\n"
             "[check geslacht]\nrule = mannen + vrouwen = inwoners\n"
             "tolerance = 5\n[report]\nfile = r.pdf\n",
             bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    bs_test_csv_free(&ill);
    *dir_out = dir;
    return bs_test_write(dir, "p.ini", ini);
}

static int has_row(const bs_test_csv *c, const char *check, const char *area)
{
    int r, n = 0;

    for (r = 0; r < c->nrows; r++)
        n += strcmp(c->cell[r][0], check) == 0 && strcmp(c->cell[r][1], area) == 0;
    return n;
}

START_TEST(the_faults_made_are_the_faults_found)
{
    char *dir, *ini = project(&dir), err[16384];
    const char *v_argv[] = {"validate", NULL, NULL};
    const char *r_argv[] = {"run", NULL, "-o", "out", NULL};
    bs_test_csv ill, c;

    v_argv[1] = ini;
    r_argv[1] = ini;
    ck_assert_msg(bs_test_run_cli(dir, v_argv, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(strstr(err, "rule geslacht") && strstr(err, "ratio aandeel") &&
                  strstr(err, "percent pct") && strstr(err, "periods jaar") &&
                  strstr(err, "note: outlier extreem"), "validate: %s", err);
    ck_assert_msg(bs_test_run_cli(dir, r_argv, err, sizeof err) == 0, "%s", err);
    bs_test_csv_read(bs_test_path(dir, "ill.csv"), &ill);
    bs_test_csv_read(bs_test_path(dir, "out/checks.csv"), &c);
    ck_assert_str_eq(c.head[0], "check");
    ck_assert_str_eq(c.head[3], "message");
    ck_assert_int_eq(has_row(&c, "rule geslacht", ill.cell[2][0]), 1);
    ck_assert_int_eq(has_row(&c, "rule geslacht", ill.cell[5][0]), 1);
    ck_assert_int_eq(has_row(&c, "rule geslacht", ill.cell[7][0]), 0);
    ck_assert_int_eq(has_row(&c, "ratio aandeel", ill.cell[4][0]), 1);
    ck_assert_int_eq(has_row(&c, "percent pct", ill.cell[9][0]), 1);
    ck_assert_int_eq(has_row(&c, "outlier extreem", ill.cell[11][0]), 1);
    ck_assert_int_eq(has_row(&c, "periods jaar", ""), 1);
    /* the value of a broken rule is left - right */
    {
        int r, seen = 0;
        for (r = 0; r < c.nrows; r++)
            if (strcmp(c.cell[r][0], "rule geslacht") == 0) {
                ck_assert_double_eq(bs_test_csv_num(&c, r, "value"), -10);
                seen++;
            }
        ck_assert_int_eq(seen, 2);
    }
    /* nothing else: 2 rule rows, 1 ratio, 1 percent, 1 outlier (and the
     * ratio cell is also an outlier of aandeel), 1 periods */
    ck_assert_int_ge(c.nrows, 6);
    ck_assert_int_le(c.nrows, 8);
    /* the report's method section lists them */
    {
        char *t = bs_test_cmd("pdftotext -layout '%s/out/r.pdf' -", dir);
        ck_assert(t != NULL);
        ck_assert_msg(strstr(t, "Controles op de invoer") != NULL, "no checks heading");
        ck_assert(strstr(t, "rule geslacht") != NULL);
        free(t);
    }
    bs_test_csv_free(&c);
    bs_test_csv_free(&ill);
    free(ini);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("checks_e2e");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, the_faults_made_are_the_faults_found);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
