/* test_monitoring.c: monitors across periods (issue 13) through the CLI:
 * Lelystad's nulwaarden T1-T4 (domain digest §2.1) with a target of each
 * kind, every status, path and change computed here by hand; a StatLine
 * long file with two periods feeding a one-year scan with periods =;
 * a series break and provisional values in monitor.csv; the areas
 * aggregated into one gemeente series and followed one by one. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    ck_assert_msg(in && out, "copy %s -> %s", from, to);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

/* dir/NAME.shp ... from geodata/BASE. */
static void copy_shape(const char *dir, const char *base, const char *name)
{
    static const char *ext[] = { "shp", "shx", "dbf", "prj", "cpg" };
    char from[4096], to[4096], rel[512];
    for (size_t i = 0; i < 5; i++) {
        snprintf(rel, sizeof rel, "geodata/%s.%s", base, ext[i]);
        snprintf(from, sizeof from, "%s", bs_test_src(rel));
        snprintf(to, sizeof to, "%s/%s.%s", dir, name, ext[i]);
        copy_file(from, to);
    }
}

/* The row of monitor.csv for monitor m, key and period. */
static int mrow(const bs_test_csv *c, const char *m, const char *key,
                const char *period)
{
    int cm = bs_test_csv_col(c, "monitor"), ck = bs_test_csv_col(c, "key");
    int cp = bs_test_csv_col(c, "period");
    for (int r = 0; r < c->nrows; r++)
        if (strcmp(c->cell[r][cm], m) == 0 && strcmp(c->cell[r][ck], key) == 0 &&
            strcmp(c->cell[r][cp], period) == 0)
            return r;
    ck_abort_msg("monitor.csv has no row %s %s %s", m, key, period);
    return -1;
}

static const char *cell(const bs_test_csv *c, int r, const char *col)
{
    return c->cell[r][bs_test_csv_col(c, col)];
}

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-6, "%.10g != %.10g", \
                                 (double)(a), (double)(b))

/* --- Lelystad T1-T4 ------------------------------------------------------ */

static const char *LELYSTAD_CSV =
    "gemeente,periode,t1,t2,t3,t4\n"
    "GM0995,2023JJ00,12.7,1.7,95.3,17300\n"
    "GM0995,2024JJ00,11.9,1.8,95.2,20200\n"
    "GM0034,2023JJ00,10.1,1.2,96.0,15000\n"
    "GM0034,2024JJ00,10.0,1.1,96.1,15500\n";

static const char *LELYSTAD_INI =
    "[project]\ntitle = T\n"
    "[areas]\nshapefile = g.shp\nkey = code\nname = name\nselect = GM0995\n"
    "[data n]\nfile = n.csv\nkey = gemeente\nperiod = periode\n"
    "[indicator t1]\ndirection = +\ncolumn = t1\n"
    "[score]\nnormalise = none\n"
    "[monitor t1]\nindicator = t1\nunit = %\ndirection = -\nkey = GM0995\n"
    "baseline = 2023\ntarget = -2pp by 2028\nillustrative = yes\n"
    "[monitor t2]\ncolumn = t2\nunit = %\ndirection = -\nkey = GM0995\n"
    "baseline = 2023\ntarget = -15% by 2026\n"
    "[monitor t2tol]\ncolumn = t2\nunit = %\ndirection = -\nkey = GM0995\n"
    "baseline = 2023\ntarget = -15% by 2026\ntolerance = 0.1\n"
    "[monitor t3]\ncolumn = t3\nunit = %\ndirection = +\nkey = GM0995\n"
    "baseline = 2023\ntarget = >= 95\nillustrative = yes\n"
    "[monitor t4]\ncolumn = t4\nunit = euro\ndirection = -\nkey = GM0995\n"
    "baseline = 2023\ntarget = down\nprovisional = 2024\n";

START_TEST(test_lelystad_t1_t4)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *out;
    bs_test_csv c;
    int r;

    copy_shape(dir, "nl_gemeenten_2022", "g");
    free(bs_test_write(dir, "n.csv", LELYSTAD_CSV));
    free(bs_test_write(dir, "p.ini", LELYSTAD_INI));
    out = bs_test_run_project(bs_test_path(dir, "p.ini"), dir);
    bs_test_csv_read(bs_test_path(out, "monitor.csv"), &c);
    ck_assert_str_eq(c.head[0], "monitor");
    ck_assert_int_eq(c.ncols, 15);
    ck_assert_int_eq(c.nrows, 10);     /* 5 monitors x 2 periods */

    /* T1: 12.7 -> 11.9 %, -2 pp by 2028: V = 10.7; the path at 2024 is
     * 12.7 - 2 / 5 = 12.3; 11.9 is ahead: green. -0.8 pp = -6.3 %. */
    r = mrow(&c, "t1", "GM0995", "2024JJ00");
    NEAR(bs_test_csv_num(&c, r, "value"), 11.9);
    NEAR(bs_test_csv_num(&c, r, "baseline"), 12.7);
    ck_assert_str_eq(cell(&c, r, "baseline_period"), "2023JJ00");
    ck_assert_str_eq(cell(&c, r, "target_period"), "2028");
    NEAR(bs_test_csv_num(&c, r, "target"), 10.7);
    NEAR(bs_test_csv_num(&c, r, "path"), 12.3);
    NEAR(bs_test_csv_num(&c, r, "change"), -0.8);
    NEAR(bs_test_csv_num(&c, r, "change_pct"), -0.8 / 12.7 * 100);
    ck_assert_int_eq((int)lround(bs_test_csv_num(&c, r, "change_pct") * 10), -63);
    ck_assert_str_eq(cell(&c, r, "status"), "green");
    ck_assert_str_eq(cell(&c, r, "provisional"), "no");
    /* at the baseline itself: grey */
    r = mrow(&c, "t1", "GM0995", "2023JJ00");
    ck_assert_str_eq(cell(&c, r, "status"), "grey");

    /* T2: 1.7 -> 1.8 %, -15 % by 2026: V = 1.445, path at 2024 = 1.7 -
     * 0.255 / 3 = 1.615; worse than B by 0.1 > 0: red; with tolerance 0.1
     * the rise is within it and the value is behind the path: orange. */
    r = mrow(&c, "t2", "GM0995", "2024JJ00");
    NEAR(bs_test_csv_num(&c, r, "target"), 1.445);
    NEAR(bs_test_csv_num(&c, r, "path"), 1.615);
    NEAR(bs_test_csv_num(&c, r, "change"), 0.1);
    NEAR(bs_test_csv_num(&c, r, "change_pct"), 0.1 / 1.7 * 100);
    ck_assert_str_eq(cell(&c, r, "status"), "red");
    r = mrow(&c, "t2tol", "GM0995", "2024JJ00");
    ck_assert_str_eq(cell(&c, r, "status"), "orange");

    /* T3: 95.3 -> 95.2 %, >= 95: met at 2024: green; no path */
    r = mrow(&c, "t3", "GM0995", "2024JJ00");
    NEAR(bs_test_csv_num(&c, r, "target"), 95);
    ck_assert(isnan(bs_test_csv_num(&c, r, "path")));
    ck_assert_str_eq(cell(&c, r, "target_period"), "");
    NEAR(bs_test_csv_num(&c, r, "change"), -0.1);
    ck_assert_str_eq(cell(&c, r, "status"), "green");

    /* T4: 17,300 -> 20,200 euro, down: worse by 2,900 (+16.8 %): red;
     * 2024 is provisional */
    r = mrow(&c, "t4", "GM0995", "2024JJ00");
    NEAR(bs_test_csv_num(&c, r, "change"), 2900);
    ck_assert_int_eq((int)lround(bs_test_csv_num(&c, r, "change_pct") * 10), 168);
    ck_assert_str_eq(cell(&c, r, "status"), "red");
    ck_assert_str_eq(cell(&c, r, "provisional"), "yes");
    ck_assert_str_eq(cell(&c, r, "level"), "gemeente");
    ck_assert_str_eq(cell(&c, r, "name"), "GM0995");
    bs_test_csv_free(&c);

    /* the scan used the latest period, and says so */
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    r = bs_test_csv_row(&c, "GM0995");
    NEAR(bs_test_csv_num(&c, r, "t1"), 11.9);
    ck_assert_str_eq(cell(&c, r, "t1_period"), "2024JJ00");
    bs_test_csv_free(&c);

    /* csv = excel-nl: monitor.csv too has the BOM, ';' and decimal commas
     * (T1 2024: 11,9 against 12,7) */
    {
        char *ini = bs_test_slurp(bs_test_path(dir, "p.ini")), *nl, *mon;
        const char *at = strstr(ini, "title = T\n");
        size_t cut = (size_t)(at - ini) + strlen("title = T\n");
        char text[8192];
        ck_assert_ptr_nonnull(at);
        snprintf(text, sizeof text, "%.*scsv = excel-nl\n%s", (int)cut, ini,
                 ini + cut);
        free(bs_test_write(dir, "nl.ini", text));
        nl = bs_test_cmd("cd '%s' && '%s' -q run nl.ini -o nl-out 2>&1", dir,
                         getenv("BS_BIN"));
        ck_assert_msg(nl != NULL, "csv = excel-nl run failed");
        mon = bs_test_slurp(bs_test_path(dir, "nl-out/monitor.csv"));
        ck_assert_ptr_nonnull(mon);
        ck_assert_msg(strncmp(mon, "\xef\xbb\xbfmonitor;level;key;", 20) == 0,
                      "%.60s", mon);
        ck_assert_msg(strstr(mon, "t1;gemeente;GM0995;") &&
                      strstr(mon, ";2024JJ00;11,9;no;2023JJ00;12,7;2028;10,7;"),
                      "%s", mon);
        free(mon);
        free(nl);
        free(ini);
    }

    /* [export] format = xlsx: a sheet "monitor" holding monitor.csv cell
     * for cell (numbers as numbers), read back with openpyxl */
    {
        char *ini = bs_test_slurp(bs_test_path(dir, "p.ini")), *r;
        char text[8192];
        snprintf(text, sizeof text, "%s[export]\nformat = xlsx\n", ini);
        free(bs_test_write(dir, "x.ini", text));
        free(bs_test_write(dir, "x.py",
            "import csv, sys, openpyxl\n"
            "out = sys.argv[1]\n"
            "rows = list(csv.reader(open(out + '/monitor.csv')))\n"
            "ws = openpyxl.load_workbook(out + '/scores.xlsx')['monitor']\n"
            "got = [[c.value for c in row] for row in ws.iter_rows()]\n"
            "assert len(got) == len(rows) == 11, (len(got), len(rows))\n"
            "assert got[0] == rows[0], (got[0], rows[0])\n"
            "n = 0\n"
            "for a, b in zip(rows[1:], got[1:]):\n"
            "    for x, y in zip(a, b):\n"
            "        if isinstance(y, float) or isinstance(y, int):\n"
            "            assert abs(float(x) - y) <= 1e-9 * max(1, abs(y)), (a, b)\n"
            "            n += 1\n"
            "        else:\n"
            "            assert (y or '') == x, (a, b)\n"
            "print(n)\n"));
        r = bs_test_cmd("cd '%s' && '%s' -q run x.ini -o x-out 2>&1 && "
                        "/usr/bin/python3 x.py x-out 2>&1", dir, getenv("BS_BIN"));
        ck_assert_msg(r != NULL, "the monitor sheet differs from monitor.csv");
        ck_assert_int_gt(atoi(r), 40);    /* numbers compared */
        free(r);
        free(ini);
    }
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* The template ships the seed's own targets: T1 and T4 down, T2 the
 * regional -15 % (ILLUSTRATIEF on a share), T3 its direction. */
START_TEST(test_lelystad_template)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *out = bs_test_run_project(bs_test_src("templates/lelystad-monitor.ini"),
                                          dir);
    bs_test_csv c;

    bs_test_csv_read(bs_test_path(out, "monitor.csv"), &c);
    ck_assert_int_eq(c.nrows, 8);
    ck_assert_str_eq(cell(&c, mrow(&c, "zonder_verblijf", "GM0995", "2024JJ00"),
                          "status"), "green");
    ck_assert_str_eq(cell(&c, mrow(&c, "met_verblijf", "GM0995", "2024JJ00"),
                          "status"), "red");
    ck_assert_str_eq(cell(&c, mrow(&c, "alleen_zonder_verblijf", "GM0995",
                                   "2024JJ00"), "status"), "red");
    ck_assert_str_eq(cell(&c, mrow(&c, "kosten", "GM0995", "2024JJ00"),
                          "status"), "red");
    ck_assert_str_eq(cell(&c, mrow(&c, "zonder_verblijf", "GM0995", "2024JJ00"),
                          "name"), "Gemeente Lelystad");
    bs_test_csv_free(&c);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* --- a StatLine long file with two periods ------------------------------- */

/* The illustrative table as a long file: 2023JJ00 with 10 more youths in
 * care per wijk, 2024JJ00 as shipped. */
static void write_long(const char *dir)
{
    char *text = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
    char *line, *save = NULL, out[20000] = "";
    int first = 1;
    ck_assert_ptr_nonnull(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char code[32], naam[64], rest[200], hulp_s[32];
        long jong, hulp;
        if (first) {
            strcat(out, "Perioden;");
            strcat(out, line);
            strcat(out, "\n");
            first = 0;
            continue;
        }
        ck_assert_int_eq(sscanf(line, "%31[^;];%63[^;];%ld;%31[^;];%199s", code,
                                naam, &jong, hulp_s, rest), 5);
        if (strcmp(hulp_s, ".") == 0) {    /* Middelsee: suppressed */
            snprintf(out + strlen(out), sizeof out - strlen(out),
                     "2023JJ00;%s\n2024JJ00;%s\n", line, line);
            continue;
        }
        hulp = atol(hulp_s);
        snprintf(out + strlen(out), sizeof out - strlen(out),
                 "2023JJ00;%s;%s;%ld;%ld;%s\n2024JJ00;%s;%s;%ld;%ld;%s\n", code,
                 naam, jong, hulp + 10, rest, code, naam, jong, hulp, rest);
    }
    free(bs_test_write(dir, "long.csv", out));
    free(text);
}

static const char *LONG_INI =
    "[project]\ntitle = T\n"
    "[areas]\nshapefile = w.shp\nkey = code\nname = name\n"
    "[data d]\nfile = long.csv\nkey = code\nperiod = Perioden\n%s"
    "[indicator jeugd]\ndirection = +\nformula = 100 * jeugdhulp / jongeren_0_17\n"
    "[indicator armoede]\ndirection = +\ncolumn = income_low\n";

static double jeugd_of(const char *dir, const char *extra, const char *code,
                       char *period, size_t n)
{
    char ini[2000];
    const char *out;
    bs_test_csv c;
    double v;
    int r;

    snprintf(ini, sizeof ini, LONG_INI, extra);
    free(bs_test_write(dir, "p.ini", ini));
    out = bs_test_run_project(bs_test_path(dir, "p.ini"), dir);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    r = bs_test_csv_row(&c, code);
    v = bs_test_csv_num(&c, r, "jeugd");
    snprintf(period, n, "%s", cell(&c, r, "jeugd_period"));
    for (int k = 0; k < c.ncols; k++)   /* armoede is from the DBF: no period */
        ck_assert_str_ne(c.head[k], "armoede_period");
    bs_test_csv_free(&c);
    return v;
}

START_TEST(test_statline_two_periods)
{
    char *dir = strdup(bs_test_tmpdir());
    char period[32];

    copy_shape(dir, "leeuwarden_wijken_2022", "w");
    write_long(dir);
    /* Binnenstad: 865 youths, 110 in care in 2024, 120 in 2023 */
    NEAR(jeugd_of(dir, "periods = 2024JJ00\n", "WK008010", period, sizeof period),
         100.0 * 110 / 865);
    ck_assert_str_eq(period, "2024JJ00");
    NEAR(jeugd_of(dir, "", "WK008010", period, sizeof period), 100.0 * 110 / 865);
    ck_assert_str_eq(period, "2024JJ00");
    NEAR(jeugd_of(dir, "periods = 2023\n", "WK008010", period, sizeof period),
         100.0 * 120 / 865);
    ck_assert_str_eq(period, "2023JJ00");
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* --- breaks, provisional values, aggregation, per area -------------------- */

START_TEST(test_break_provisional_aggregate)
{
    char *dir = strdup(bs_test_tmpdir());
    char ini[4000];
    const char *out;
    bs_test_csv c;
    int r, i, used = 0;
    double num = 0, den = 0;

    copy_shape(dir, "leeuwarden_wijken_2022", "w");
    write_long(dir);
    /* gemeente rows only: matches no wijk, used by the monitors alone */
    free(bs_test_write(dir, "gm.csv",
                       "code,jaar,share\nGM0080,2019,16.0\nGM0080,2020,15.5\n"
                       "GM0080,2021,17.2\nGM0080,2022,17.6\nGM0080,2023,17.9\n"));
    snprintf(ini, sizeof ini, LONG_INI, "");
    strcat(ini, "[data gm]\nfile = gm.csv\nkey = code\nperiod = jaar\n"
                "[monitor share]\ncolumn = gm.share\nunit = %\ndirection = -\n"
                "key = GM0080\nbaseline = 2019\nbreak = 2021\nprovisional = 2023\n"
                "[monitor som]\nnumerator = jeugdhulp\ndenominator = jongeren_0_17\n"
                "unit = %\ndirection = -\nbaseline = 2023JJ00\n"
                "[monitor wijk]\nformula = 100 * jeugdhulp / jongeren_0_17\n"
                "unit = %\ndirection = -\nlevel = areas\nbaseline = 2023\n"
                "target = down\n");
    free(bs_test_write(dir, "p.ini", ini));
    out = bs_test_run_project(bs_test_path(dir, "p.ini"), dir);
    bs_test_csv_read(bs_test_path(out, "monitor.csv"), &c);

    /* 2020 against 2019: down 0.5 pp: green; from 2021 the break lies
     * between P and the baseline: grey, no change */
    r = mrow(&c, "share", "GM0080", "2020");
    ck_assert_str_eq(cell(&c, r, "status"), "green");
    NEAR(bs_test_csv_num(&c, r, "change"), -0.5);
    for (i = 2021; i <= 2023; i++) {
        char y[8];
        snprintf(y, sizeof y, "%d", i);
        r = mrow(&c, "share", "GM0080", y);
        ck_assert_str_eq(cell(&c, r, "status"), "grey");
        ck_assert(isnan(bs_test_csv_num(&c, r, "change")));
        ck_assert_str_eq(cell(&c, r, "provisional"), i == 2023 ? "yes" : "no");
    }

    /* the wijken summed: 100 * sum in care / sum youths, per period; 10
     * more in care per wijk in 2023, so 2024 is lower: green (down) */
    {
        char *text = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
        char *line, *save = NULL;
        ck_assert_ptr_nonnull(text);
        strtok_r(text, "\n", &save);   /* the header */
        while ((line = strtok_r(NULL, "\n", &save))) {
            long jong, hulp;
            /* code;naam;jongeren_0_17;jeugdhulp;...; Middelsee has "." */
            if (sscanf(line, "%*[^;];%*[^;];%ld;%ld;", &jong, &hulp) != 2)
                continue;      /* no numerator: left out of both sums */
            num += (double)hulp;
            den += (double)jong;
            used++;
        }
        free(text);
    }
    ck_assert_int_eq(used, 21);
    r = mrow(&c, "som", "", "2024JJ00");
    NEAR(bs_test_csv_num(&c, r, "value"), 100 * num / den);
    NEAR(bs_test_csv_num(&c, r, "baseline"), 100 * (num + 10 * used) / den);
    ck_assert_str_eq(cell(&c, r, "status"), "green");
    ck_assert_str_eq(cell(&c, r, "name"), "gemeente");

    /* per wijk: one series each; Binnenstad 120 -> 110 of 865 */
    r = mrow(&c, "wijk", "WK008010", "2024JJ00");
    ck_assert_str_eq(cell(&c, r, "level"), "areas");
    ck_assert_str_eq(cell(&c, r, "name"), "Binnenstad");
    NEAR(bs_test_csv_num(&c, r, "value"), 100.0 * 110 / 865);
    NEAR(bs_test_csv_num(&c, r, "baseline"), 100.0 * 120 / 865);
    ck_assert_str_eq(cell(&c, r, "status"), "green");
    /* 3 + 1 + 22 wijken, times their periods */
    ck_assert_int_eq(c.nrows, 5 + 2 + 22 * 2);
    bs_test_csv_free(&c);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* A wide file: one column per period; the indicator scores the latest,
 * or the period = it names. Binnenstad: 32,0 and 10,4 in the two columns. */
START_TEST(test_wide_columns)
{
    char *dir = strdup(bs_test_tmpdir());
    const char *out;
    bs_test_csv c;
    int r;
    static const char *ini =
        "[project]\ntitle = T\n"
        "[areas]\nshapefile = w.shp\nkey = code\nname = name\n"
        "[data d]\nfile = d.csv\nkey = code\n"
        "[indicator wide]\ndirection = +\ncolumn = eenouder_pct onderwijsachterstand\n"
        "periods = 2023 2024\n%s"
        "[indicator armoede]\ndirection = +\ncolumn = income_low\n";
    char text[1000];

    copy_shape(dir, "leeuwarden_wijken_2022", "w");
    copy_file(bs_test_src("geodata/leeuwarden_illustratief.csv"),
              bs_test_path(dir, "d.csv"));
    snprintf(text, sizeof text, ini, "");
    free(bs_test_write(dir, "p.ini", text));
    out = bs_test_run_project(bs_test_path(dir, "p.ini"), dir);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    r = bs_test_csv_row(&c, "WK008010");
    NEAR(bs_test_csv_num(&c, r, "wide"), 10.4);
    ck_assert_str_eq(cell(&c, r, "wide_period"), "2024");
    bs_test_csv_free(&c);
    snprintf(text, sizeof text, ini, "period = 2023\n");
    free(bs_test_write(dir, "p.ini", text));
    out = bs_test_run_project(bs_test_path(dir, "p.ini"), dir);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    r = bs_test_csv_row(&c, "WK008010");
    NEAR(bs_test_csv_num(&c, r, "wide"), 32.0);
    ck_assert_str_eq(cell(&c, r, "wide_period"), "2023");
    bs_test_csv_free(&c);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("monitoring");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_lelystad_t1_t4);
    tcase_add_test(tc, test_lelystad_template);
    tcase_add_test(tc, test_statline_two_periods);
    tcase_add_test(tc, test_break_provisional_aggregate);
    tcase_add_test(tc, test_wide_columns);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
