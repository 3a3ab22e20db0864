/* test_project.c: the project file reader (src/io/project.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/project.h"
#include "testutil.h"

static const char *MINIMAL =
    "[areas]\n"
    "shapefile = wijken.shp\n"
    "key = code\n"
    "[indicator a]\ndirection = +\n"
    "column = x\n";

/* A minimal project with a [map m] section whose first key is on line 8. */
#define MINIMAL_SUFFIX_MAP(kv) \
    "[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n" \
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
    ck_assert_uint_eq(p->ndata, 2);     /* the illustrative table, the monitors' */
    ck_assert_uint_eq(p->nmaps, 4);
    ck_assert_uint_eq(p->nmonitor, 2);
    ck_assert_int_eq(p->monitor[0].direction, -1);
    ck_assert_str_eq(p->monitor[0].baseline.value, "2018");
    ck_assert_str_eq(p->data[1].period.value, "jaar");
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
        "[indicator j]\ndirection = +\nformula = 100 * jeugdhulp /\n   jongeren\n";
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
                 "[indicator a]\ndirection = +\ncolumn = x\n",
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
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                 "column = x\n\n[indicator a]\ndirection = +\ncolumn = y\n",
                 ":8:", "duplicate section [indicator a] (first at line 4)");
}
END_TEST

START_TEST(test_duplicate_key)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\nkey = id\n",
                 ":4:", "'key' is given twice in this section (first at line 3)");
}
END_TEST

/* Defect 2: no silent direction = +. An employment indicator without
 * direction would count high employment as need. */
START_TEST(test_direction_is_required_for_a_scored_indicator)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator werk]\n"
                 "column = employment\n", ":4:",
                 "[indicator werk] needs direction = + (higher value = more need) "
                 "or - (lower value = more need)");
}
END_TEST

/* Defect 10: generalised without p is no silent arithmetic mean, and a
 * power that needs values of at least 0 refuses zscore at its line. */
START_TEST(test_generalised_mean_needs_p_and_names_the_line)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "direction = +\ncolumn = x\n[score]\naggregate = generalised\n",
                 ":8:", "aggregate = generalised needs p = NUMBER");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "direction = +\ncolumn = x\n[score]\naggregate = generalised\n"
                 "p = 0.5\n", ":4:",
                 "[indicator a] cannot go into a generalised (p = 0.5) mean: zscore "
                 "gives negative values");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "direction = +\ncolumn = x\nnormalise = minmax\n[score]\n"
                 "aggregate = power\np = -2\n", ":7:", "generalised (p = -2) mean");
}
END_TEST

/* Defect 6: a Latin-1 project file is refused at the line, at load. */
START_TEST(test_project_file_not_utf8_is_refused_at_its_line)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "direction = +\ncolumn = x\nlabel = \xe9\xe9n\n", ":7:",
                 "not UTF-8");
}
END_TEST

START_TEST(test_bad_values)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\n"
                 "column = x\ndirection = up\n", ":6:", "direction = 'up'");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                 "column = x\nweight = zwaar\n", ":7:", "weight = 'zwaar' is not a number");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                 "column = x\nweight = 0\n", ":7:", "weight must be above 0");
    expect_error(MINIMAL_SUFFIX_MAP("classes = 12"), ":8:", "out of range");
    expect_error(MINIMAL_SUFFIX_MAP("method = natural"), ":8:", "method = 'natural'");
    expect_error(MINIMAL_SUFFIX_MAP("paper = letter"), ":8:", "paper = 'letter'");
    expect_error(MINIMAL_SUFFIX_MAP("format = pdf jpg"), ":8:", "'jpg' is not pdf, png or svg");
    expect_error(MINIMAL_SUFFIX_MAP("breaks = 1 3 2"), ":8:", "breaks must increase");
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
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\nlabel = A\n",
                 ":4:", "needs column =, formula = or numerator");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "formula = x * 2\n", ":4:", "more than one of column, formula");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[data]\n", ":4:", "needs a name");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[data x]\nkey = code\n",
                 ":4:", "needs file = FILE.csv");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[map ../../etc]\n",
                 ":4:", "may only hold letters");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator score]\ndirection = +\ncolumn = x\n",
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
        "[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
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
    expect_error(MINIMAL_SUFFIX_MAP("hinge = 2"), ":7:", "hinge goes with method = boxplot");
    expect_error(MINIMAL_SUFFIX_MAP("pool = elders"), ":8:", "there is no [map elders]");
    expect_error(MINIMAL_SUFFIX_MAP("method = percentiles\npercentiles = 50 101"),
                 ":9:", "between 0 and 100");
    expect_error(MINIMAL_SUFFIX_MAP("method = std-mean\nmultiples = 1 -1"), ":9:",
                 "multiples must increase");
    expect_error(MINIMAL_SUFFIX_MAP("anchor = misschien"), ":8:", "use yes or no");
}
END_TEST

START_TEST(test_composite_keys)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "[areas]\nshapefile = w.shp\nkey = code\n"
        "[indicator a]\ndirection = +\nnumerator = n\ndenominator = d\nshrink = eb\nper = 1000\n"
        "domain = x\nimpute = parent\nparent = GM\nwinsorise = yes\nnormalise = minmax\n"
        "[indicator b]\ndirection = +\ncolumn = b\nnormalise = goalposts\ngoalposts = 0 50\n"
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

    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "domain = y\n", ":7:", "there is no [domain y]");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "domain = x\n[domain x]\n[domain y]\n", ":9:", "[domain y] has no indicator");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[domain y]\n", ":4:", "needs domain = NAME");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "normalise = goalposts\n", ":7:", "needs goalposts = LOW HIGH");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\nnumerator = x\n",
                 ":4:", "needs both numerator = and denominator =");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[score]\nmin_population = 10\n", ":7:", "needs population = COLUMN");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[uncertainty]\nnormalise = goalposts\n", ":8:", "cannot be sampled");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[uncertainty]\nweights = 1.5\n", ":8:", "out of range");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "impute = parent\n", ":4:", "needs parent =");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[score]\naggregate = median\n", ":8:", "aggregate = 'median'");
    /* a geometric mean never sees the zeros of minmax (COINr issue 47) */
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[score]\nnormalise = minmax\naggregate = geometric\n", ":4:",
                 "minmax gives 0 for the lowest area; set range = 1 100");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "[score]\naggregate = geometric\n", ":4:", "zscore gives negative");
}
END_TEST

/* Palette names belong to render: the reader keeps the name with its line,
 * and the job refuses an unknown one there (tests/job/test_check.c). */
START_TEST(test_palette_kept_for_the_job)
{
    bs_project *p = NULL;
    bs_error err;
    ck_assert_msg(parse_text(MINIMAL_SUFFIX_MAP("palette = Rainbow"), &p, &err) == 0,
                  "%s", err.msg);
    ck_assert_str_eq(p->maps[0].palette.value, "Rainbow");
    ck_assert_int_eq(p->maps[0].palette.line, 8);
    bs_project_free(p);
}
END_TEST

/* --- the schema's mechanics ------------------------------------------- */

START_TEST(test_unknown_key_did_you_mean)
{
    expect_error("[areas]\nshapfile = w.shp\nkey = code\n", ":2:",
                 "unknown key 'shapfile' in [areas] (did you mean 'shapefile'?)");
    expect_error(MINIMAL_SUFFIX_MAP("palete = Blues"), ":8:",
                 "(did you mean 'palette'?)");
    /* nothing close: the section's keys, from its table */
    expect_error("[areas]\nshapefile = w.shp\nkey = code\nkleur = rood\n", ":4:",
                 "unknown key 'kleur' in [areas] (known: file, key, name, "
                 "select, crs, source, layer, gemeente, level)");
    /* keys are per section: a [map] key is unknown in [indicator] */
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                 "column = x\npalette = Blues\n", ":7:",
                 "unknown key 'palette' in [indicator]");
}
END_TEST

START_TEST(test_duplicate_key_also_by_alias)
{
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                 "column = x\nnormalise = rank\nnormalize = minmax\n", ":8:",
                 "'normalize' is given twice in this section (first at line 7)");
    expect_error(MINIMAL_SUFFIX_MAP("centre = 0\nCenter = 1"), ":9:",
                 "'center' is given twice in this section (first at line 8)");
    /* the same key in two sections is not a duplicate */
    bs_project *p = NULL;
    bs_error err;
    ck_assert_msg(parse_text("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\n"
                             "column = x\n[indicator b]\ndirection = +\ncolumn = y\n", &p, &err) == 0,
                  "%s", err.msg);
    ck_assert_str_eq(p->ind[1].column.value, "y");
    bs_project_free(p);
}
END_TEST

START_TEST(test_bad_word_names_line_and_choices)
{
    expect_error("[score]\nties = max\n", ":2:", "ties = 'max': use average or min");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "transform = sqrt\n", ":7:", "transform = 'sqrt': use log, log-ct or none");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "impute = knn\n", ":7:", "impute = 'knn': use mean, median or parent");
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[data d]\nfile = d.csv\n"
                 "key = code\ndecimal = |\n", ":7:", "decimal = '|': use . or ,");
    expect_error(MINIMAL_SUFFIX_MAP("labels = naam"), ":8:",
                 "labels = 'naam': use name, code or none");
    /* every method of the vocabulary is offered, spellings once */
    expect_error(MINIMAL_SUFFIX_MAP("method = natural"), ":8:",
                 "method = 'natural': use quantile, equal, fisher-jenks, std-mean, "
                 "boxplot, percentiles, max-breaks, head-tail, pretty or manual");
    expect_error("[score]\nnormalise = magic\n", ":2:",
                 "use zscore, minmax, rank, percentile, exprank, goalposts, "
                 "distance or none");
    /* a word of another section's vocabulary is still wrong here */
    expect_error(MINIMAL_SUFFIX_MAP("method = zscore"), ":8:", "method = 'zscore'");
    /* a whole number */
    expect_error(MINIMAL_SUFFIX_MAP("classes = 4.5"), ":8:",
                 "classes = 4.5 must be a whole number");
}
END_TEST

START_TEST(test_yesno_words)
{
    static const struct { const char *word; int value; } words[] = {
        {"yes", 1}, {"ja", 1}, {"Ja", 1}, {"true", 1}, {"1", 1},
        {"no", 0}, {"nee", 0}, {"NEE", 0}, {"false", 0}, {"0", 0},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char text[400];
        bs_project *p = NULL;
        bs_error err;
        snprintf(text, sizeof text,
                 "[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "winsorise = %s\ncap = %s\n[map m]\ninset = %s\ncontext = c.shp\n"
                 "shared_legend = %s\n", words[i].word, words[i].word,
                 words[i].word, words[i].word);
        ck_assert_msg(parse_text(text, &p, &err) == 0, "%s: %s", words[i].word,
                      err.msg);
        ck_assert_int_eq(p->ind[0].winsorise, words[i].value);
        ck_assert_int_eq(p->ind[0].cap, words[i].value);
        ck_assert_int_eq(p->maps[0].inset, words[i].value);
        ck_assert_int_eq(p->maps[0].shared_legend, words[i].value);
        bs_project_free(p);
    }
    expect_error("[areas]\nshapefile = w.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n"
                 "cap = jawel\n", ":7:", "cap = 'jawel': use yes or no");
}
END_TEST

START_TEST(test_defaults_of_every_section)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "[areas]\nshapefile = w.shp\nkey = code\n"
        "[indicator a]\ndirection = +\ncolumn = x\ndomain = d\n"
        "[domain d]\n"
        "[points ikc]\nfile = ikc.csv\nkey = code\n"
        "[supply basis]\npoints = ikc\n"
        "[designate plus]\npoints = ikc\ntop = 3\n"
        "[prioritise scan]\nsupply = basis_per1000\n"
        "[map m]\n"
        "[uncertainty]\n"
        "[report]\n";
    ck_assert_msg(parse_text(text, &p, &err) == 0, "%s", err.msg);
    /* [project] */
    ck_assert_str_eq(p->title.value, "buurtscan");
    ck_assert_int_eq(p->title.line, 0);
    ck_assert_str_eq(p->language.value, "nl");
    ck_assert_ptr_null(p->date.value);
    /* [indicator] */
    ck_assert_int_eq(p->ind[0].direction, 1);
    ck_assert_double_eq(p->ind[0].weight, 1);
    ck_assert_double_eq(p->ind[0].per, 100);
    ck_assert_int_eq(p->ind[0].winmax, 5);
    ck_assert_int_eq(p->ind[0].winsorise, 0);
    ck_assert(isnan(p->ind[0].municipal) && isnan(p->ind[0].national));
    ck_assert_int_eq(p->ind[0].kind, BS_KIND_VALUE);
    ck_assert(!p->ind[0].norm_set && !p->ind[0].range_set && !p->ind[0].scale_set);
    /* [domain], [points], [supply]: labels default to the name */
    ck_assert_double_eq(p->dom[0].weight, 1);
    ck_assert_str_eq(p->dom[0].label.value, "d");
    ck_assert_str_eq(p->points[0].label.value, "ikc");
    ck_assert_str_eq(p->supply[0].label.value, "basis");
    /* [score] and [disclosure] apply without their section */
    ck_assert_int_eq(p->score.normalise, BS_NORM_ZSCORE);
    ck_assert_int_eq(p->score.aggregate.method, BS_AGG_MEAN);
    ck_assert_double_eq(p->score.aggregate.p, 1);
    ck_assert_int_eq(p->score.dom_aggregate.method, BS_AGG_MEAN);
    ck_assert_double_eq(p->score.min_coverage, 0.75);
    ck_assert_int_eq(p->score.ties, BS_TIES_AVERAGE);
    ck_assert_double_eq(p->score.min_population, -1);
    ck_assert_double_eq(p->disclosure.min_count, 10);
    ck_assert_double_eq(p->disclosure.round, 5);
    ck_assert_double_eq(p->disclosure.min_denominator, 50);
    ck_assert_int_eq(p->disclosure.line, 0);
    /* [uncertainty] */
    ck_assert_uint_eq(p->unc.runs, 1000);
    ck_assert_uint_eq(p->unc.sensitivity_runs, 250);
    ck_assert_double_eq(p->unc.weights, 0.25);
    ck_assert_uint_eq(p->unc.seed, 1);
    ck_assert_uint_eq(p->unc.nnormalise, 0);
    /* [designate], [prioritise] */
    ck_assert_int_eq(p->designate[0].ties, BS_TIES_MIN);
    ck_assert_int_eq(p->designate[0].reasons, 3);
    ck_assert_str_eq(p->designate[0].score.value, "score");
    ck_assert_str_eq(p->designate[0].previous_key.value, "key");
    ck_assert_str_eq(p->designate[0].catchment_ikc.value, "ikc");
    ck_assert_str_eq(p->designate[0].catchment_area.value, "area");
    ck_assert_str_eq(p->designate[0].catchment_pupils.value, "pupils");
    ck_assert_str_eq(p->prio[0].need.value, "score");
    /* [map] */
    ck_assert_str_eq(p->maps[0].column.value, "score");
    ck_assert_str_eq(p->maps[0].palette.value, "YlOrRd");
    ck_assert_int_eq(p->maps[0].palette.line, 0);
    ck_assert_int_eq(p->maps[0].classes, 5);
    ck_assert_int_eq(p->maps[0].method, BS_CLASS_QUANTILE);
    ck_assert_uint_eq(p->maps[0].formats, BS_OUT_PDF);
    ck_assert_double_eq(p->maps[0].dpi, 300);
    ck_assert_int_eq(p->maps[0].decimals, -1);
    ck_assert_double_eq(p->maps[0].hinge, -1);
    ck_assert_int_eq(p->maps[0].shared_legend, 1);
    ck_assert_double_eq(p->maps[0].paper.width_mm, 297);
    ck_assert_double_eq(p->maps[0].paper.height_mm, 210);
    ck_assert_ptr_null(p->maps[0].labels.value);
    /* [report] */
    ck_assert_str_eq(p->report.file.value, "report.pdf");
    bs_project_free(p);
}
END_TEST

/* domain_aggregate is its own key, whatever the order of the lines. */
START_TEST(test_domain_aggregate_order)
{
    bs_project *p = NULL;
    bs_error err;
    const char *text =
        "[areas]\nshapefile = w.shp\nkey = code\n"
        "[indicator a]\ndirection = +\ncolumn = x\ndomain = d\nnormalise = rank\n[domain d]\n"
        "[score]\ndomain_aggregate = geometric\naggregate = harmonic\np = 2\n";
    ck_assert_msg(parse_text(text, &p, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(p->score.aggregate.method, BS_AGG_HARMONIC);
    ck_assert_int_eq(p->score.dom_aggregate.method, BS_AGG_GEOMETRIC);
    ck_assert_double_eq(p->score.dom_aggregate.p, 2);
    bs_project_free(p);
}
END_TEST

/* Every row is well formed: unique per section, help, a type. */
START_TEST(test_schema_rows)
{
    bs_project_key k, o;
    size_t i, j, n = 0;

    for (i = 0; bs_project_key_at(i, &k) == 0; i++) {
        ck_assert_msg(k.help && *k.help, "[%s] %s has no help", k.section, k.key);
        ck_assert_msg(k.type && *k.type, "[%s] %s has no type", k.section, k.key);
        for (j = 0; j < i; j++) {
            ck_assert_int_eq(bs_project_key_at(j, &o), 0);
            if (strcmp(o.section, k.section) != 0)
                continue;
            ck_assert_msg(strcmp(o.key, k.key) != 0 &&
                          (!o.alias || strcmp(o.alias, k.key) != 0),
                          "[%s] %s twice", k.section, k.key);
        }
        n++;
    }
    ck_assert_uint_ge(n, 100);
    ck_assert_int_eq(bs_project_key_at(n, &k), -1);
}
END_TEST

/* The README's key reference (the ini block under "## The project file")
 * lists exactly the keys of the schema: neither can drift from the other.
 * A key line starts at column 0, as "key = ..." or "; key = ...". */
typedef struct doc_key {
    char section[32], key[40];
    int found;
} doc_key;

static size_t readme_keys(doc_key *out, size_t max)
{
    char *text = bs_test_slurp(bs_test_src("README.md"));
    char *at, *end, *line, *save = NULL;
    char section[32] = "";
    size_t n = 0;

    ck_assert_ptr_nonnull(text);
    at = strstr(text, "## The project file");
    ck_assert_ptr_nonnull(at);
    at = strstr(at, "```ini\n");
    ck_assert_ptr_nonnull(at);
    at += 7;
    end = strstr(at, "```");
    ck_assert_ptr_nonnull(end);
    *end = '\0';
    for (line = strtok_r(at, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char key[40];
        const char *s = line;
        int len = 0;
        if (s[0] == '[') {
            ck_assert_int_eq(sscanf(s + 1, "%31[a-z]", section), 1);
            continue;
        }
        if (s[0] == ';' && s[1] == ' ')
            s += 2;
        if (sscanf(s, "%39[a-z_] =%n", key, &len) == 1 && len > 0) {
            ck_assert_msg(section[0], "README: '%s' before any section", key);
            ck_assert_uint_lt(n, max);
            snprintf(out[n].section, sizeof out[n].section, "%s", section);
            snprintf(out[n].key, sizeof out[n].key, "%s", key);
            out[n++].found = 0;
        }
    }
    free(text);
    return n;
}

START_TEST(test_readme_documents_every_key)
{
    doc_key doc[300];
    size_t ndoc = readme_keys(doc, 300), i, j;
    bs_project_key k;

    for (i = 0; bs_project_key_at(i, &k) == 0; i++) {
        int documented = 0;
        for (j = 0; j < ndoc; j++)
            if (strcmp(doc[j].section, k.section) == 0 &&
                (strcmp(doc[j].key, k.key) == 0 ||
                 (k.alias && strcmp(doc[j].key, k.alias) == 0))) {
                doc[j].found = 1;
                documented = 1;
            }
        ck_assert_msg(documented, "README.md lacks [%s] %s (%s)", k.section, k.key,
                      k.help);
    }
    for (j = 0; j < ndoc; j++)
        ck_assert_msg(doc[j].found, "README.md documents [%s] %s, which the "
                      "schema does not have", doc[j].section, doc[j].key);
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
    tcase_add_test(tc, test_palette_kept_for_the_job);
    tcase_add_test(tc, test_unknown_key_did_you_mean);
    tcase_add_test(tc, test_duplicate_key_also_by_alias);
    tcase_add_test(tc, test_bad_word_names_line_and_choices);
    tcase_add_test(tc, test_yesno_words);
    tcase_add_test(tc, test_defaults_of_every_section);
    tcase_add_test(tc, test_domain_aggregate_order);
    tcase_add_test(tc, test_schema_rows);
    tcase_add_test(tc, test_readme_documents_every_key);
    tcase_add_test(tc, test_long_line);
    tcase_add_test(tc, test_direction_is_required_for_a_scored_indicator);
    tcase_add_test(tc, test_project_file_not_utf8_is_refused_at_its_line);
    tcase_add_test(tc, test_generalised_mean_needs_p_and_names_the_line);
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(project_suite(), 1);
}
