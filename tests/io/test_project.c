/* test_project.c: the project file reader (src/io/project.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/project.h"
#include "testutil.h"

static const char *MINIMAL =
    "[areas]\n"
    "shapefile = wijken.shp\n"
    "key = code\n"
    "[indicator a]\n"
    "column = x\n";

/* A minimal project with a [map m] section whose first key is on line 7. */
#define MINIMAL_SUFFIX_MAP(kv) \
    "[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n" \
    "[map m]\n" kv "\n"

/* Parses text as a project file; returns rc and fills err. */
static int parse_text(const char *text, bs_project **p, bs_error *err)
{
    char *dir = strdup(bs_test_tmpdir());
    char *path = bs_test_write(dir, "project.ini", text);
    int rc = bs_project_read(path, p, err);
    free(path);
    bs_test_rmtree(dir);
    free(dir);
    return rc;
}

/* Asserts that text fails with a message holding `line_tag` (":N:") and `what`. */
static void expect_error(const char *text, const char *line_tag, const char *what)
{
    bs_project *p = NULL;
    bs_error err;
    int rc = parse_text(text, &p, &err);
    ck_assert_msg(rc != 0, "expected an error for:\n%s", text);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(err.msg, line_tag) != NULL, "no '%s' in: %s", line_tag, err.msg);
    ck_assert_msg(strstr(err.msg, what) != NULL, "no '%s' in: %s", what, err.msg);
}

START_TEST(test_default_template_reads)
{
    bs_project *p = NULL;
    bs_error err;
    int rc = bs_project_read(bs_test_src("templates/gebiedsscan.ini"), &p, &err);
    ck_assert_msg(rc == 0, "%s", err.msg);
    ck_assert_str_eq(p->crs.value, "EPSG:28992");
    ck_assert_str_eq(p->language.value, "nl");
    ck_assert_uint_eq(p->nind, 6);
    ck_assert_uint_eq(p->ndata, 1);
    ck_assert_uint_eq(p->nmaps, 4);
    ck_assert_str_eq(p->maps[3].columns.value,
                     "armoede werk opleiding jeugdhulp eenouder onderwijs");
    ck_assert_ptr_nonnull(strstr(p->areas.shapefile.value,
                                 "geodata/leeuwarden_wijken_2022.shp"));
    ck_assert_int_eq(p->ind[1].direction, -1);
    ck_assert_ptr_nonnull(p->ind[3].formula.value);
    ck_assert_int_eq(p->maps[0].formats, BS_OUT_PDF | BS_OUT_PNG);
    ck_assert_int_eq(p->maps[1].method, BS_CLASS_FISHER_JENKS);
    ck_assert_double_eq_tol(p->maps[1].paper.width_mm, 210, 1e-9);
    ck_assert_double_eq_tol(p->score.min_coverage, 0.75, 1e-12);
    bs_project_free(p);
}
END_TEST

START_TEST(test_defaults_and_relative_paths)
{
    bs_project *p = NULL;
    bs_error err;
    ck_assert_int_eq(parse_text(MINIMAL, &p, &err), 0);
    ck_assert_str_eq(p->title.value, "buurtscan");
    ck_assert_str_eq(p->crs.value, "EPSG:28992");
    ck_assert_int_eq(p->score.normalise, BS_NORM_ZSCORE);
    ck_assert_int_eq(p->ind[0].direction, 1);
    ck_assert_double_eq(p->ind[0].weight, 1);
    ck_assert_str_eq(p->ind[0].label.value, "a");
    /* the shapefile and the output directory sit beside the project file */
    ck_assert_ptr_nonnull(strstr(p->areas.shapefile.value, "/wijken.shp"));
    ck_assert_ptr_nonnull(strstr(p->output.value, "/out"));
    ck_assert_int_eq(p->areas.shapefile.value[0], '/');
    bs_project_free(p);
}
END_TEST

START_TEST(test_comments_and_continuation)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "; a comment\n# another\n"
        "[areas]\nshapefile = w.shp ; inline comment\nkey = code\n"
        "[indicator j]\nformula = 100 * jeugdhulp /\n   jongeren\n";
    ck_assert_int_eq(parse_text(text, &p, &err), 0);
    ck_assert_str_eq(p->ind[0].formula.value, "100 * jeugdhulp / jongeren");
    ck_assert_ptr_nonnull(strstr(p->areas.shapefile.value, "w.shp"));
    ck_assert_ptr_null(strstr(p->areas.shapefile.value, "comment"));
    bs_project_free(p);
}
END_TEST

START_TEST(test_unknown_key_names_line)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\nkleur = rood\n"
                 "[indicator a]\ncolumn = x\n",
                 ":4:", "unknown key 'kleur' in [areas]");
}
END_TEST

START_TEST(test_unknown_section)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[kaart x]\n",
                 ":4:", "unknown section [kaart x]");
}
END_TEST

START_TEST(test_duplicate_section)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "column = x\n\n[indicator a]\ncolumn = y\n",
                 ":7:", "duplicate section [indicator a] (first at line 4)");
}
END_TEST

START_TEST(test_duplicate_key)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\nkey = id\n",
                 ":4:", "'key' is given twice in this section (first at line 3)");
}
END_TEST

START_TEST(test_bad_values)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "column = x\ndirection = up\n", ":6:", "direction = 'up'");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "column = x\nweight = zwaar\n", ":6:", "weight = 'zwaar' is not a number");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "column = x\nweight = 0\n", ":6:", "weight must be above 0");
    expect_error(MINIMAL_SUFFIX_MAP("palette = Rainbow"), ":7:", "palette = 'Rainbow'");
    expect_error(MINIMAL_SUFFIX_MAP("classes = 12"), ":7:", "out of range");
    expect_error(MINIMAL_SUFFIX_MAP("method = natural"), ":7:", "method = 'natural'");
    expect_error(MINIMAL_SUFFIX_MAP("paper = letter"), ":7:", "paper = 'letter'");
    expect_error(MINIMAL_SUFFIX_MAP("format = pdf jpg"), ":7:", "'jpg' is not pdf, png or svg");
    expect_error(MINIMAL_SUFFIX_MAP("breaks = 1 3 2"), ":7:", "breaks must increase");
    expect_error("[project]\ncrs = EPSG:99999999\n", ":2:", "PROJ does not know");
    expect_error("[project]\nlanguage = fy\n", ":2:", "language = 'fy'");
    expect_error("[score]\nnormalise = magic\n", ":2:", "normalise = 'magic'");
    expect_error("[score]\nmin_coverage = 1.5\n", ":2:", "out of range");
}
END_TEST

START_TEST(test_structure_errors)
{
    expect_error("title = x\n[areas]\n", ":1:", "comes before any [section]");
    expect_error("[areas]\nshapefile = w.shp\n", ":1:", "needs key = FIELD");
    expect_error("[project]\ntitle = x\n", ":", "no [areas] section");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n", ":", "no [indicator NAME]");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\nlabel = A\n",
                 ":4:", "needs column =, formula = or numerator");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "formula = x * 2\n", ":4:", "more than one of column, formula");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[data]\n", ":4:", "needs a name");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[data x]\nkey = code\n",
                 ":4:", "needs file = FILE.csv");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[map ../../etc]\n",
                 ":4:", "may only hold letters");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator score]\ncolumn = x\n",
                 ":4:", "reserved");
    expect_error("[areas]\nshapefile = w.shp\n  key = code\n", ":3:", "continuation");
    expect_error("[areas]\nshapefile w.shp\n", ":2:", "expected 'key = value'");
    expect_error("[areas\n", ":1:", "without ']'");
    expect_error("[areas]\nshapefile =\n", ":2:", "has no value");
}
END_TEST

START_TEST(test_class_parameters)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
        "[map s]\nmethod = std-mean\nmultiples = -1.5 0 1.5\n"
        "[map b]\nmethod = boxplot\nhinge = 3\npool = s\n"
        "[map q]\nmethod = percentiles\npercentiles = 10 50 90 100\n";
    ck_assert_msg(parse_text(text, &p, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(p->maps[0].method, BS_CLASS_STDMEAN);
    ck_assert_uint_eq(p->maps[0].nmultiples, 3);
    ck_assert_double_eq(p->maps[0].multiples[0], -1.5);
    ck_assert_double_eq(p->maps[1].hinge, 3);
    ck_assert_str_eq(p->maps[1].pool.value, "s");
    ck_assert_double_eq(p->maps[0].hinge, -1);
    ck_assert_uint_eq(p->maps[2].npct, 4);
    bs_project_free(p);
    expect_error(MINIMAL_SUFFIX_MAP("hinge = 2"), ":6:", "hinge goes with method = boxplot");
    expect_error(MINIMAL_SUFFIX_MAP("pool = elders"), ":7:", "there is no [map elders]");
    expect_error(MINIMAL_SUFFIX_MAP("method = percentiles\npercentiles = 50 101"),
                 ":8:", "between 0 and 100");
    expect_error(MINIMAL_SUFFIX_MAP("method = std-mean\nmultiples = 1 -1"), ":8:",
                 "multiples must increase");
    expect_error(MINIMAL_SUFFIX_MAP("anchor = misschien"), ":7:", "use yes or no");
}
END_TEST

START_TEST(test_composite_keys)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "[areas]\nshapefile = w.shp\nkey = code\n"
        "[indicator a]\nnumerator = n\ndenominator = d\nshrink = eb\nper = 1000\n"
        "domain = x\nimpute = parent\nparent = GM\nwinsorise = yes\n"
        "[indicator b]\ncolumn = b\nnormalise = goalposts\ngoalposts = 0 50\n"
        "domain = x\ntransform = log-ct\n"
        "[domain x]\nweight = 2\n"
        "[score]\naggregate = generalised\np = 0.5\nmin_population = 50\n"
        "population = inwoners\n"
        "[uncertainty]\nruns = 500\nnormalise = zscore rank\ntop = 10\nseed = 7\n";
    ck_assert_msg(parse_text(text, &p, &err) == 0, "%s", err.msg);
    ck_assert(p->ind[0].shrink_eb);
    ck_assert_double_eq(p->ind[0].per, 1000);
    ck_assert_uint_eq(p->ind[0].parent_len, 6);
    ck_assert(p->ind[0].winsorise);
    ck_assert_int_eq(p->ind[1].norm, BS_NORM_GOALPOSTS);
    ck_assert_double_eq(p->ind[1].posts[1], 50);
    ck_assert_int_eq(p->ind[1].transform, BS_TRANSFORM_LOG_CT);
    ck_assert_uint_eq(p->ndom, 1);
    ck_assert_double_eq(p->dom[0].weight, 2);
    ck_assert_int_eq(p->score.aggregate.method, BS_AGG_POWER);
    ck_assert_double_eq(p->score.aggregate.p, 0.5);
    ck_assert_double_eq(p->score.min_population, 50);
    ck_assert_uint_eq(p->unc.runs, 500);
    ck_assert_uint_eq(p->unc.nnormalise, 2);
    ck_assert_uint_eq(p->unc.top, 10);
    ck_assert_uint_eq(p->unc.sensitivity_runs, 125);
    bs_project_free(p);

    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "domain = y\n", ":6:", "there is no [domain y]");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "domain = x\n[domain x]\n[domain y]\n", ":8:", "[domain y] has no indicator");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[domain y]\n", ":4:", "needs domain = NAME");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "normalise = goalposts\n", ":6:", "needs goalposts = LOW HIGH");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\nnumerator = x\n",
                 ":4:", "needs both numerator = and denominator =");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[score]\nmin_population = 10\n", ":6:", "needs population = COLUMN");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[uncertainty]\nnormalise = goalposts\n", ":7:", "cannot be sampled");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[uncertainty]\nweights = 1.5\n", ":7:", "out of range");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "impute = parent\n", ":4:", "needs parent =");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[score]\naggregate = median\n", ":7:", "aggregate = 'median'");
    /* a geometric mean never sees the zeros of minmax (COINr issue 47) */
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[score]\nnormalise = minmax\naggregate = geometric\n", ":4:",
                 "minmax gives 0 for the lowest area; set range = 1 100");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ncolumn = x\n"
                 "[score]\naggregate = geometric\n", ":4:", "zscore gives negative");
}
END_TEST

START_TEST(test_long_line)
{
    char text[600];
    memset(text, 'a', sizeof text);
    memcpy(text, "[areas]\ntitle = ", 16);
    text[sizeof text - 2] = '\n';
    text[sizeof text - 1] = '\0';
    expect_error(text, ":2:", "line longer than");
}
END_TEST

START_TEST(test_missing_file)
{
    bs_project *p = NULL;
    bs_error err;
    ck_assert_int_ne(bs_project_read("/nonexistent/x.ini", &p, &err), 0);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.ini: cannot open"));
}
END_TEST

static Suite *project_suite(void)
{
    Suite *s = suite_create("project");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_default_template_reads);
    tcase_add_test(tc, test_defaults_and_relative_paths);
    tcase_add_test(tc, test_comments_and_continuation);
    tcase_add_test(tc, test_unknown_key_names_line);
    tcase_add_test(tc, test_unknown_section);
    tcase_add_test(tc, test_duplicate_section);
    tcase_add_test(tc, test_duplicate_key);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_structure_errors);
    tcase_add_test(tc, test_class_parameters);
    tcase_add_test(tc, test_composite_keys);
    tcase_add_test(tc, test_long_line);
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(project_suite(), 1);
}
