/* test_csv.c: the CSV reader on real CBS files and on small crafted ones. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/csv.h"
#include "buurtscan/table.h"
#include "testutil.h"

static char *tmpdir;

static void setup(void)
{
    tmpdir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(tmpdir);
    free(tmpdir);
}

/* Reads text written to a temp file; fails the test on error. */
static bs_table *read_text(const char *text, const bs_csv_options *opt)
{
    char *path = bs_test_write(tmpdir, "t.csv", text);
    bs_table *t = NULL;
    bs_error err;

    if (bs_csv_read(path, opt, &t, &err) != 0)
        ck_abort_msg("unexpected error: %s", err.msg);
    free(path);
    return t;
}

/* Reads text that must fail; returns the message with the temp dir cut
 * off, so "t.csv:3: ..." can be compared exactly. */
static const char *read_error(const char *text, const bs_csv_options *opt)
{
    static bs_error err;
    char *path = bs_test_write(tmpdir, "t.csv", text);
    bs_table *t = NULL;
    size_t n = strlen(tmpdir);

    ck_assert_int_eq(bs_csv_read(path, opt, &t, &err), -1);
    ck_assert_ptr_null(t);
    ck_assert_msg(strncmp(err.msg, path, strlen(path)) == 0,
                  "message does not start with the path: %s", err.msg);
    free(path);
    return err.msg + n + 1;
}

static long row_of(const bs_table *t, size_t col, const char *value)
{
    size_t r;

    for (r = 0; r < t->nrows; r++)
        if (t->cells[col][r] && strcmp(t->cells[col][r], value) == 0)
            return (long)r;
    return -1;
}

START_TEST(statline_export_is_read)
{
    const char *path = bs_test_shared("data/statline/ses-woa-amsterdam-2019.csv");
    bs_table *t;
    bs_error err;
    long code, hh, score, r;
    double *v;

    ck_assert_msg(bs_csv_read(path, NULL, &t, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(t->ncols, 9);
    ck_assert_uint_eq(t->nrows, 579);
    ck_assert_int_eq(t->decimal, '.');
    ck_assert_int_eq(t->by_record, 0);
    /* the BOM is gone from the first name */
    ck_assert_str_eq(t->names[0], "Perioden");
    code = bs_table_find(t, "Regiocode (gemeente, wijk, buurt) (code)");
    hh = bs_table_find(t, "Particuliere huishoudens (Aantal)");
    score = bs_table_find(t, "SES-WOA/Totaalscore/Gemiddelde score (Getal)");
    ck_assert_int_ge(code, 0);
    ck_assert_int_ge(hh, 0);
    ck_assert_int_ge(score, 0);
    ck_assert_str_eq(t->cells[code][0], "GM0363");
    ck_assert_str_eq(t->cells[hh][0], "457400");
    r = row_of(t, (size_t)code, "WK036300");
    ck_assert_int_eq(r, 1);
    ck_assert_int_eq(t->lines[r], 3);
    ck_assert_str_eq(t->cells[score][r], "-0.022");

    v = malloc(t->nrows * sizeof *v);
    ck_assert_msg(bs_table_column_numeric(t, (size_t)score, v, &err) == 0,
                  "%s", err.msg);
    ck_assert_double_eq_tol(v[r], -0.022, 1e-12);
    /* "       ." is CBS for unknown */
    r = row_of(t, (size_t)code, "BU03630100");
    ck_assert_int_eq(t->lines[r], 10);
    ck_assert_str_eq(t->cells[score][r], ".");
    ck_assert(isnan(v[r]));
    free(v);
    bs_table_free(t);
}
END_TEST

START_TEST(kwb_2024_is_read)
{
    const char *path = bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv");
    bs_table *t;
    bs_error err;
    size_t r, gm = 0, wk = 0;
    long inw, r8010;
    double *v;

    ck_assert_msg(bs_csv_read(path, NULL, &t, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(t->ncols, 9);
    for (r = 0; r < t->nrows; r++) {
        if (strncmp(t->cells[0][r], "GM", 2) == 0)
            gm++;
        else if (strncmp(t->cells[0][r], "WK", 2) == 0)
            wk++;
    }
    ck_assert_uint_eq(gm, 342);
    ck_assert_uint_eq(wk, 3393);
    ck_assert_uint_eq(t->nrows, 3735);
    ck_assert_int_eq(t->decimal, '.');
    inw = bs_table_find(t, "aantalinwoners_5");
    ck_assert_int_eq(inw, 1);
    r8010 = row_of(t, 0, "WK008010");
    ck_assert_int_ge(r8010, 0);
    ck_assert_int_eq(t->lines[r8010], 1856);
    v = malloc(t->nrows * sizeof *v);
    ck_assert_msg(bs_table_column_numeric(t, (size_t)inw, v, &err) == 0,
                  "%s", err.msg);
    ck_assert_double_eq(v[r8010], 6710);
    free(v);
    bs_table_free(t);
}
END_TEST

START_TEST(gemeenten_2022_is_read)
{
    const char *path =
        bs_test_shared("data/nl-gemeenten-2022/gemeenten_2022_kerncijfers.csv");
    bs_table *t;
    bs_error err;
    long jz, r;

    ck_assert_msg(bs_csv_read(path, NULL, &t, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(t->nrows, 346);
    ck_assert_uint_eq(t->ncols, 30);
    jz = bs_table_find(t, "pct_jeugdzorg");
    ck_assert_int_ge(jz, 0);
    r = row_of(t, 0, "GM0080");
    ck_assert_str_eq(t->cells[jz][r], "12.8");
    /* GM0998 Buitenland: empty cells stay NULL */
    r = row_of(t, 0, "GM0998");
    ck_assert_ptr_null(t->cells[jz][r]);
    bs_table_free(t);
}
END_TEST

START_TEST(bom_is_stripped)
{
    bs_table *t = read_text("\xEF\xBB\xBF" "code,v\nWK1,1\n", NULL);

    ck_assert_str_eq(t->names[0], "code");
    ck_assert_int_eq(bs_table_find(t, "code"), 0);
    bs_table_free(t);
}
END_TEST

START_TEST(semicolon_and_decimal_comma)
{
    bs_table *t = read_text("code;v;n\nA;1,5;3\nB;-2,25;4\nC;.;5\n", NULL);
    double v[3];
    bs_error err;

    ck_assert_uint_eq(t->ncols, 3);
    ck_assert_int_eq(t->decimal, ',');
    ck_assert_str_eq(t->cells[1][0], "1,5");
    ck_assert_int_eq(bs_table_column_numeric(t, 1, v, &err), 0);
    ck_assert_double_eq_tol(v[0], 1.5, 1e-12);
    ck_assert_double_eq_tol(v[1], -2.25, 1e-12);
    ck_assert(isnan(v[2]));
    bs_table_free(t);
}
END_TEST

START_TEST(decimal_point_wins_over_comma)
{
    /* one "0.5" means '.' even though "1,5" looks like a decimal comma */
    bs_table *t = read_text("code;v;w\nA;1,5;0.5\n", NULL);

    ck_assert_int_eq(t->decimal, '.');
    bs_table_free(t);
}
END_TEST

START_TEST(comma_delimiter_means_decimal_point)
{
    bs_table *t = read_text("code,v\nA,\"1,5\"\n", NULL);

    ck_assert_int_eq(t->decimal, '.');
    ck_assert_str_eq(t->cells[1][0], "1,5");
    bs_table_free(t);
}
END_TEST

START_TEST(forced_decimal_and_delimiter)
{
    bs_csv_options opt = { ';', ',', NULL };
    /* the header alone would suggest ',' as delimiter */
    bs_table *t = read_text("a,b;c\n1;2,0\n", &opt);

    ck_assert_uint_eq(t->ncols, 2);
    ck_assert_str_eq(t->names[0], "a,b");
    ck_assert_int_eq(t->decimal, ',');
    bs_table_free(t);
}
END_TEST

START_TEST(tab_delimiter)
{
    bs_table *t = read_text("code\tname\tv\nWK1\tNoord Oost\t\n  \nWK2\t\t7\n", NULL);

    ck_assert_uint_eq(t->ncols, 3);
    ck_assert_uint_eq(t->nrows, 2);
    ck_assert_str_eq(t->cells[1][0], "Noord Oost");
    ck_assert_ptr_null(t->cells[2][0]);
    ck_assert_ptr_null(t->cells[1][1]);
    ck_assert_str_eq(t->cells[2][1], "7");
    ck_assert_int_eq(t->lines[1], 4);
    bs_table_free(t);
}
END_TEST

START_TEST(delimiter_ties_and_quotes)
{
    /* outside quotes there is one ',' and one ';': the tie goes to ',' */
    bs_table *t = read_text("\"a;b;c\",d;e\n1,2;3\n", NULL);

    ck_assert_uint_eq(t->ncols, 2);
    ck_assert_str_eq(t->names[0], "a;b;c");
    ck_assert_str_eq(t->names[1], "d;e");
    bs_table_free(t);
}
END_TEST

START_TEST(padding_is_trimmed)
{
    bs_table *t = read_text("\" code \";v\n\"WK036300  \";\"  457400\"\n"
                            "  BU01 ;  12  \n", NULL);

    ck_assert_str_eq(t->names[0], "code");
    ck_assert_str_eq(t->cells[0][0], "WK036300");
    ck_assert_str_eq(t->cells[1][0], "457400");
    ck_assert_str_eq(t->cells[0][1], "BU01");
    ck_assert_str_eq(t->cells[1][1], "12");
    bs_table_free(t);
}
END_TEST

START_TEST(latin1_is_converted)
{
    /* "Sûdwest-Fryslân" in Latin-1: û = 0xFB, â = 0xE2 */
    bs_table *t = read_text("code;naam\r\nGM1900;S\xFB" "dwest-Frysl\xE2n\r\n", NULL);

    ck_assert_str_eq(t->cells[1][0], "S\xC3\xBB" "dwest-Frysl\xC3\xA2n");
    ck_assert_str_eq(t->cells[0][0], "GM1900");
    bs_table_free(t);
}
END_TEST

START_TEST(cp1252_high_bytes_are_converted)
{
    /* 0x80 euro, 0x93/0x94 curly quotes, 0x8A S caron */
    bs_table *t = read_text("naam,v\n\x80 \x93x\x94 \x8A,1\n", NULL);

    ck_assert_str_eq(t->cells[0][0],
        "\xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D \xC5\xA0");
    bs_table_free(t);
}
END_TEST

START_TEST(utf8_is_kept)
{
    bs_table *t = read_text("naam,v\nS\xC3\xBB" "dwest-Frysl\xC3\xA2n \xE2\x82\xAC,1\n",
                            NULL);

    ck_assert_str_eq(t->cells[0][0], "S\xC3\xBB" "dwest-Frysl\xC3\xA2n \xE2\x82\xAC");
    bs_table_free(t);
}
END_TEST

START_TEST(forced_encoding)
{
    /* valid UTF-8 for "é", read as Latin-1 on request: two characters */
    bs_csv_options latin = { 0, 0, "ISO-8859-1" };
    bs_csv_options cp = { 0, 0, "Windows-1252" };
    bs_csv_options utf8 = { 0, 0, "utf-8" };
    bs_table *t = read_text("naam,v\n\xC3\xA9,1\n", &latin);

    ck_assert_str_eq(t->cells[0][0], "\xC3\x83\xC2\xA9");
    bs_table_free(t);
    t = read_text("naam,v\n\x80,1\n", &cp);
    ck_assert_str_eq(t->cells[0][0], "\xE2\x82\xAC");
    bs_table_free(t);
    t = read_text("naam,v\n\xC3\xA9,1\n", &utf8);
    ck_assert_str_eq(t->cells[0][0], "\xC3\xA9");
    bs_table_free(t);
    ck_assert_str_eq(read_error("naam,v\nok,1\n\xE9,2\n", &utf8),
        "t.csv:3: not valid UTF-8 (byte 0xE9); is the file latin1 or cp1252?");
}
END_TEST

START_TEST(unknown_encoding_is_an_error)
{
    bs_csv_options opt = { 0, 0, "EBCDIC" };

    ck_assert_str_eq(read_error("a,b\n1,2\n", &opt),
        "t.csv: unknown encoding 'EBCDIC' (use UTF-8, latin1 or cp1252)");
}
END_TEST

START_TEST(ragged_row_names_its_line)
{
    ck_assert_str_eq(read_error("code,a,b\nWK1,1,2\n\nWK2,3\nWK3,4,5\n", NULL),
                     "t.csv:4: row has 2 fields, the header has 3");
    ck_assert_str_eq(read_error("code,a\nWK1,1\nWK2,3,4", NULL),
                     "t.csv:3: row has 3 fields, the header has 2");
}
END_TEST

START_TEST(quoted_newline_keeps_line_numbers)
{
    bs_table *t = read_text("code,naam\r\nWK1,\"Noord\r\nOost\"\r\nWK2,Zuid\r\n"
                            "WK3,\"a \"\"b\"\"\"\r\n\r\n\r\n", NULL);

    ck_assert_uint_eq(t->nrows, 3);
    ck_assert_str_eq(t->cells[1][0], "Noord\r\nOost");
    ck_assert_int_eq(t->lines[0], 2);
    ck_assert_int_eq(t->lines[1], 4);
    ck_assert_int_eq(t->lines[2], 5);
    ck_assert_str_eq(t->cells[1][2], "a \"b\"");
    bs_table_free(t);
    ck_assert_str_eq(read_error("code,naam\nWK1,\"x\n\ny\"\nWK2\n", NULL),
                     "t.csv:5: row has 1 fields, the header has 2");
    /* a record is numbered by the line it starts on, not where it ends */
    t = read_text("naam,v\n\"Noord\nOost\",1\n\"\n\",2\n", NULL);
    ck_assert_int_eq(t->lines[0], 2);
    ck_assert_int_eq(t->lines[1], 4);
    ck_assert_ptr_null(t->cells[0][1]);
    bs_table_free(t);
    ck_assert_str_eq(read_error("naam,v\nA,1\n\"B\n\n\",2,3\n", NULL),
                     "t.csv:3: row has 3 fields, the header has 2");
}
END_TEST

START_TEST(mac_line_ends_count_lines)
{
    /* Excel "CSV (Macintosh)": lines end in a bare CR */
    bs_table *t = read_text("code;v\rA;1\r\rB;2\r", NULL);

    ck_assert_uint_eq(t->nrows, 2);
    ck_assert_int_eq(t->lines[1], 4);
    ck_assert_str_eq(t->cells[1][1], "2");
    bs_table_free(t);
    ck_assert_str_eq(read_error("code;v\rA;1\rB\r", NULL),
                     "t.csv:3: row has 1 fields, the header has 2");
}
END_TEST

START_TEST(empty_lines_are_skipped)
{
    bs_table *t = read_text("\n\ncode,v\n\nA,1\n   \n\nB,2\n\n\n", NULL);

    ck_assert_uint_eq(t->nrows, 2);
    ck_assert_int_eq(t->lines[0], 5);
    ck_assert_int_eq(t->lines[1], 8);
    bs_table_free(t);
}
END_TEST

START_TEST(header_only_has_no_rows)
{
    bs_table *t = read_text("code,v", NULL);

    ck_assert_uint_eq(t->ncols, 2);
    ck_assert_uint_eq(t->nrows, 0);
    bs_table_free(t);
}
END_TEST

START_TEST(bad_header_is_an_error)
{
    ck_assert_str_eq(read_error("code,Value,VALUE\n1,2,3\n", NULL),
        "t.csv:1: duplicate column name 'VALUE' (columns 2 and 3)");
    ck_assert_str_eq(read_error("code,  ,v\n1,2,3\n", NULL),
        "t.csv:1: column 2 of the header has no name");
}
END_TEST

START_TEST(empty_file_is_an_error)
{
    ck_assert_str_eq(read_error("", NULL), "t.csv: empty file");
    ck_assert_str_eq(read_error("\xEF\xBB\xBF\n\n", NULL), "t.csv: empty file");
}
END_TEST

START_TEST(missing_file_is_an_error)
{
    char path[512];
    bs_table *t = NULL;
    bs_error err;

    snprintf(path, sizeof path, "%s/nope.csv", tmpdir);
    ck_assert_int_eq(bs_csv_read(path, NULL, &t, &err), -1);
    ck_assert_ptr_null(t);
    ck_assert_str_eq(err.msg + strlen(tmpdir),
                     "/nope.csv: cannot open: No such file or directory");
}
END_TEST

START_TEST(malformed_quotes_are_an_error)
{
    ck_assert_str_eq(read_error("a,b\n1,2\n\"x\"y,3\n", NULL),
        "t.csv:3: malformed quoting (quotes must enclose a whole field; "
        "a quote inside one is written twice)");
    ck_assert_str_eq(read_error("a,b\n1,2\n3,\"open\n\n", NULL),
                     "t.csv:3: quoted field is not closed");
}
END_TEST

START_TEST(binary_file_is_an_error)
{
    ck_assert_str_eq(read_error("\xFF\xFE" "a\x01", NULL),
                     "t.csv: file is UTF-16; save it as UTF-8 CSV");
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *real = tcase_create("real files");
    TCase *tc = tcase_create("crafted files");

    tcase_add_test(real, statline_export_is_read);
    tcase_add_test(real, kwb_2024_is_read);
    tcase_add_test(real, gemeenten_2022_is_read);
    suite_add_tcase(s, real);

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, bom_is_stripped);
    tcase_add_test(tc, semicolon_and_decimal_comma);
    tcase_add_test(tc, decimal_point_wins_over_comma);
    tcase_add_test(tc, comma_delimiter_means_decimal_point);
    tcase_add_test(tc, forced_decimal_and_delimiter);
    tcase_add_test(tc, tab_delimiter);
    tcase_add_test(tc, delimiter_ties_and_quotes);
    tcase_add_test(tc, padding_is_trimmed);
    tcase_add_test(tc, latin1_is_converted);
    tcase_add_test(tc, cp1252_high_bytes_are_converted);
    tcase_add_test(tc, utf8_is_kept);
    tcase_add_test(tc, forced_encoding);
    tcase_add_test(tc, unknown_encoding_is_an_error);
    tcase_add_test(tc, ragged_row_names_its_line);
    tcase_add_test(tc, quoted_newline_keeps_line_numbers);
    tcase_add_test(tc, mac_line_ends_count_lines);
    tcase_add_test(tc, empty_lines_are_skipped);
    tcase_add_test(tc, header_only_has_no_rows);
    tcase_add_test(tc, bad_header_is_an_error);
    tcase_add_test(tc, empty_file_is_an_error);
    tcase_add_test(tc, missing_file_is_an_error);
    tcase_add_test(tc, malformed_quotes_are_an_error);
    tcase_add_test(tc, binary_file_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(csv_suite(), 1);
}
