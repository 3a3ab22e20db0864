/* test_national.c: projects on the national CBS wijken map (3,340 wijken)
 * that select one gemeente and join the CBS KWB 2024 table.
 *
 * Expected values are read straight from the source files with shapelib and
 * plain text search, independently of buurtscan's readers. */
#include <check.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "testutil.h"

static char *write_project(const char *dir, const char *select, const char *extra)
{
    char text[16384], shp[4096], csv[4096];
    /* bs_test_shared returns a static buffer: copy before the next call */
    snprintf(shp, sizeof shp, "%s", bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    snprintf(csv, sizeof csv, "%s", bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    snprintf(text, sizeof text,
             "[project]\n"
             "title = Test %s\n"
             "[areas]\n"
             "shapefile = %s\n"
             "key = code\n"
             "name = name\n"
             "select = %s\n"
             "source = CBS wijk- en buurtkaart 2022\n"
             "[data kwb]\n"
             "file = %s\n"
             "key = code\n"
             "source = CBS Kerncijfers wijken en buurten 2024\n"
             "[indicator groei]\ndirection = +\n"
             "formula = 100 * (AantalInwoners_5 - population) / population\n"
             "label = Bevolkingsgroei 2022-2024\n"
             "unit = %%\n"
             "[indicator dichtheid]\ndirection = +\n"
             "column = kwb.Bevolkingsdichtheid_34\n"
             "[indicator woningen]\n"
             "formula = 100 * Woningvoorraad_35 / AantalInwoners_5\n"
             "direction = -\n"
             "[map score]\n"
             "format = pdf png\n"
             "dpi = 100\n"
             "%s",
             select, shp, select, csv, extra);
    return bs_test_write(dir, "project.ini", text);
}

/* The KWB 2024 row of code, column index col (0-based), by plain text search. */
static double kwb_value(const char *code, int col)
{
    char *text = bs_test_slurp(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    char needle[64], *line, *p;
    double v;
    int c;
    snprintf(needle, sizeof needle, "\n%s,", code);
    line = strstr(text, needle);
    ck_assert_ptr_nonnull(line);
    p = line + 1;
    for (c = 0; c < col; c++)
        p = strchr(p, ',') + 1;
    v = *p == ',' || *p == '\n' ? NAN : strtod(p, NULL);
    free(text);
    return v;
}

/* The 2022 population of a wijk, read with shapelib directly. */
static double dbf_population(const char *code)
{
    DBFHandle h = DBFOpen(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.dbf"), "rb");
    int i, n, fcode, fpop;
    double v = NAN;
    ck_assert_ptr_nonnull(h);
    n = DBFGetRecordCount(h);
    fcode = DBFGetFieldIndex(h, "code");
    fpop = DBFGetFieldIndex(h, "population");
    for (i = 0; i < n; i++)
        if (strcmp(DBFReadStringAttribute(h, i, fcode), code) == 0)
            v = DBFReadDoubleAttribute(h, i, fpop);
    DBFClose(h);
    return v;
}

static char *find_row(char *scores, const char *code)
{
    char needle[64];
    char *p;
    snprintf(needle, sizeof needle, "\n%s,", code);
    p = strstr(scores, needle);
    ck_assert_msg(p != NULL, "no row %s", code);
    return p + 1;
}

/* Field i (0-based) of a CSV line without quoted commas. */
static double field(const char *line, int i)
{
    int c;
    for (c = 0; c < i; c++)
        line = strchr(line, ',') + 1;
    return *line == ',' || *line == '\n' ? NAN : strtod(line, NULL);
}

START_TEST(test_lelystad_from_the_national_map)
{
    char *dir = strdup(bs_test_tmpdir());
    char *ini = write_project(dir, "WK0995*", "");
    char out[4096], path[4200], err[8192];
    const char *argv[] = { "-q", "run", ini, "-o", out, NULL };
    char *scores, *row;
    int n = 0;
    const char *p;
    const char *codes[] = { "WK099501", "WK099506", "WK099510" };
    size_t i;

    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    snprintf(path, sizeof path, "%s/scores.csv", out);
    scores = bs_test_slurp(path);
    ck_assert_ptr_nonnull(scores);
    for (p = scores; (p = strchr(p, '\n')) != NULL; p++)
        n++;
    ck_assert_int_eq(n, 12);   /* header + 11 Lelystad wijken */
    for (i = 0; i < 3; i++) {
        double pop22 = dbf_population(codes[i]);
        double pop24 = kwb_value(codes[i], 1);
        double dens = kwb_value(codes[i], 5);
        double won = kwb_value(codes[i], 4);
        row = find_row(scores, codes[i]);
        /* columns: code,name,score,rank,decile,coverage,groei,groei_norm,
         * dichtheid,dichtheid_norm,woningen,woningen_norm */
        ck_assert_double_eq_tol(field(row, 6), 100 * (pop24 - pop22) / pop22, 1e-8);
        ck_assert_double_eq_tol(field(row, 8), dens, 1e-9);
        ck_assert_double_eq_tol(field(row, 10), 100 * won / pop24, 1e-8);
        ck_assert(!isnan(field(row, 2)));
        ck_assert_double_eq(field(row, 5), 1);
    }
    /* Zuiderzeewijk: name from the UTF-8 DBF */
    ck_assert_ptr_nonnull(strstr(scores, "WK099501,Zuiderzeewijk,"));
    free(scores);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

START_TEST(test_validate_reports_unmatched_codes_both_sides)
{
    /* 's-Hertogenbosch (GM0824) changed a wijk code after 2022: one 2022
     * code has no 2024 row, and the file has rows that match no wijk. */
    char *dir = strdup(bs_test_tmpdir());
    char *ini = write_project(dir, "WK0824*", "");
    char cmd[8300], out[65536], want[128];
    char *csv = bs_test_slurp(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    DBFHandle h = DBFOpen(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.dbf"), "rb");
    int i, total = 0, matched = 0, fcode;
    FILE *p;
    size_t n;

    ck_assert_ptr_nonnull(h);
    fcode = DBFGetFieldIndex(h, "code");
    for (i = 0; i < DBFGetRecordCount(h); i++) {
        const char *code = DBFReadStringAttribute(h, i, fcode);
        char needle[64];
        if (strncmp(code, "WK0824", 6) != 0)
            continue;
        total++;
        snprintf(needle, sizeof needle, "\n%s,", code);
        matched += strstr(csv, needle) != NULL;
    }
    DBFClose(h);
    ck_assert_int_gt(total, matched);   /* the data really has unmatched codes */
    snprintf(cmd, sizeof cmd, "'%s' validate '%s' 2>&1", getenv("BS_BIN"), ini);
    p = popen(cmd, "r");
    n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    ck_assert_int_eq(pclose(p), 0);
    snprintf(want, sizeof want, "areas matched %d of %d; without a row:", matched, total);
    ck_assert_msg(strstr(out, want) != NULL, "no '%s' in:\n%s", want, out);
    {
        /* the file's rows by hand: those of 2022 wijken that select left
         * out, and those whose code the 2022 map does not have (gemeente
         * rows, codes new in 2024) */
        size_t outside = 0, unknown = 0;
        const char *line = strchr(csv, '\n');
        char **codes;
        int ncodes;
        h = DBFOpen(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.dbf"), "rb");
        ck_assert_ptr_nonnull(h);
        ncodes = DBFGetRecordCount(h);
        codes = malloc((size_t)ncodes * sizeof *codes);
        for (i = 0; i < ncodes; i++)
            codes[i] = strdup(DBFReadStringAttribute(h, i, fcode));
        DBFClose(h);
        while (line && line[1]) {
            char code[32];
            size_t len = strcspn(line + 1, ",\r\n");
            int known = 0;
            ck_assert_uint_lt(len, sizeof code);
            memcpy(code, line + 1, len);
            code[len] = '\0';
            for (i = 0; i < ncodes && !known; i++)
                known = strcasecmp(codes[i], code) == 0;
            if (strncasecmp(code, "WK0824", 6) != 0)
                outside += known;
            if (!known)
                unknown++;
            line = strchr(line + 1, '\n');
        }
        for (i = 0; i < ncodes; i++)
            free(codes[i]);
        free(codes);
        ck_assert_uint_gt(outside, 3000);
        ck_assert_uint_gt(unknown, 300);
        snprintf(want, sizeof want, "rows of areas outside the selection: %zu\n"
                 "          rows matching no area: %zu, first: GM", outside, unknown);
        ck_assert_msg(strstr(out, want) != NULL, "no '%s' in:\n%s", want, out);
    }
    free(csv);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

START_TEST(test_nothing_joins_is_an_error)
{
    /* Amsterdam was redivided after 2022: none of its 99 wijk codes of 2022
     * is in the 2024 table. A join that matches nothing is a mistake. */
    char *dir = strdup(bs_test_tmpdir());
    char *ini = write_project(dir, "WK0363*", "");
    char out[4096], err[16384];
    const char *argv[] = { "-q", "run", ini, "-o", out, NULL };
    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_int_eq(bs_test_run_cli(dir, argv, err, sizeof err), 1);
    ck_assert_msg(strstr(err, "[data kwb] no key in column 'code'") != NULL, "%s", err);
    ck_assert_int_eq(bs_test_count_entries(out), -1);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

START_TEST(test_run_warns_about_unmatched_areas)
{
    char *dir = strdup(bs_test_tmpdir());
    char *ini = write_project(dir, "WK0824*", "");
    char out[4096], err[16384];
    const char *argv[] = { "run", ini, "-o", out, NULL };
    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(strstr(err, "warning:") && strstr(err, "areas have no row"), "%s", err);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("national");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_lelystad_from_the_national_map);
    tcase_add_test(tc, test_validate_reports_unmatched_codes_both_sides);
    tcase_add_test(tc, test_run_warns_about_unmatched_areas);
    tcase_add_test(tc, test_nothing_joins_is_an_error);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
