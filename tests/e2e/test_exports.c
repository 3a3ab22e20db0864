/* test_exports.c (issue 14): areas from GeoPackage and GeoJSON through the
 * CLI, the [export] files read back with GDAL's ogrinfo and Python's
 * openpyxl, manifest.json against sha256sum, and `buurtscan verify`.
 *
 * Expected values come from scores.csv of the same run and from the
 * source files (ogrinfo, sha256sum), not from buurtscan's writers. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

static void sh(const char *cmd)
{
    char *out = bs_test_cmd("%s 2>&1", cmd);
    ck_assert_msg(out != NULL, "failed: %s", cmd);
    free(out);
}

/* A national project on the KWB 2024 table; areas is the [areas] block. */
static char *national(const char *name, const char *areas)
{
    char text[8192], csv[4096];

    snprintf(csv, sizeof csv, "%s",
             bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    snprintf(text, sizeof text,
             "[project]\ntitle = t\n"
             "[areas]\n%s\nkey = code\nname = name\n"
             "[data kwb]\nfile = %s\nkey = code\n"
             "[indicator dichtheid]\ndirection = +\ncolumn = kwb.Bevolkingsdichtheid_34\n"
             "[indicator woningen]\n"
             "formula = 100 * Woningvoorraad_35 / AantalInwoners_5\n"
             "direction = -\n",
             areas, csv);
    return bs_test_write(dir, name, text);
}

static char *run_to(const char *ini, const char *out)
{
    char err[8192], o[4096];
    const char *argv[] = {"-q", "run", ini, "-o", o, NULL};

    snprintf(o, sizeof o, "%s/%s", dir, out);
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    return strdup(o);
}

/* The national wijken as a GeoPackage (ogr2ogr) give the same scores.csv
 * as the shapefile; select with two globs on the shapefile and gemeente =
 * on the GeoPackage choose the same wijken. */
START_TEST(gpkg_areas_give_the_shapefile_scores)
{
    char cmd[8192], a[4096], b[4096];
    char *ini1, *ini2, *o1, *o2, *s1, *s2;
    const char *shp = bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp");

    snprintf(cmd, sizeof cmd, "ogr2ogr -f GPKG '%s/wijken.gpkg' '%s' -nln wijken",
             dir, shp);
    sh(cmd);
    snprintf(a, sizeof a, "file = %s\nselect = WK0546* WK0547*", shp);
    snprintf(b, sizeof b, "file = %s/wijken.gpkg\ngemeente = GM0546 GM0547", dir);
    ini1 = national("shp.ini", a);
    ini2 = national("gpkg.ini", b);
    o1 = run_to(ini1, "o1");
    o2 = run_to(ini2, "o2");
    s1 = bs_test_slurp(bs_test_path(o1, "scores.csv"));
    s2 = bs_test_slurp(bs_test_path(o2, "scores.csv"));
    ck_assert_ptr_nonnull(s1);
    ck_assert_ptr_nonnull(s2);
    /* Leiden (0546) and Leiderdorp (0547): both present */
    ck_assert_ptr_nonnull(strstr(s1, "\nWK054600,"));
    ck_assert_ptr_nonnull(strstr(s1, "\nWK054700,"));
    ck_assert_ptr_null(strstr(s1, "\nWK054800,"));
    ck_assert_str_eq(s1, s2);
    free(s1); free(s2); free(o1); free(o2); free(ini1); free(ini2);
}
END_TEST

/* The 2024 wijken, published as GeoJSON, read directly and joined to KWB
 * 2024: validate reports the matched and unmatched codes, and every
 * matched code is one both files hold. */
START_TEST(geojson_2024_joins_kwb_2024)
{
    char a[8400], *ini, *out, *geo_codes, *kwb_codes, want[128], gj[4096];
    long both;

    /* bs_test_shared returns a static buffer: copy */
    snprintf(gj, sizeof gj, "%s",
             bs_test_shared("data/nl-wijken-2024/wijken_2024.geojson"));

    snprintf(a, sizeof a, "file = %s\nkey = wijkcode\nname = wijknaam", gj);
    {
        /* key/name of this file are wijkcode/wijknaam: replace the defaults */
        char text[16384], csv[4096];
        snprintf(csv, sizeof csv, "%s",
                 bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
        snprintf(text, sizeof text,
                 "[project]\ntitle = t\n[areas]\n%s\n"
                 "[data kwb]\nfile = %s\nkey = code\n"
                 "[indicator dichtheid]\ndirection = +\ncolumn = kwb.Bevolkingsdichtheid_34\n",
                 a, csv);
        ini = bs_test_write(dir, "gj.ini", text);
    }
    /* the codes in both files, counted independently */
    geo_codes = bs_test_cmd("ogrinfo -ro -q -geom=NO -sql 'SELECT wijkcode FROM "
                            "wijken_2024' '%s' | sed -n 's/^ *wijkcode (String) = //p' | sort -u "
                            "> '%s/g.txt' && cut -d, -f1 '%s' | tr -d '\\r' | grep '^WK' | sort -u "
                            "> '%s/k.txt' && comm -12 '%s/g.txt' '%s/k.txt' | wc -l",
                            gj, dir, bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"),
                            dir, dir, dir);
    ck_assert_ptr_nonnull(geo_codes);
    both = strtol(geo_codes, NULL, 10);
    ck_assert_int_gt(both, 3000);
    kwb_codes = bs_test_cmd("cd '%s' && '%s' validate '%s' 2>&1", dir,
                            getenv("BS_BIN"), ini);
    ck_assert_ptr_nonnull(kwb_codes);
    snprintf(want, sizeof want, "%ld of 3475", both);
    ck_assert_msg(strstr(kwb_codes, want) != NULL, "no '%s' in:\n%s", want, kwb_codes);
    out = run_to(ini, "o");
    {
        char *n = bs_test_cmd("tail -n +2 '%s/scores.csv' | wc -l", out);
        ck_assert_int_eq(strtol(n, NULL, 10), 3475);
        free(n);
    }
    free(geo_codes); free(kwb_codes); free(out); free(ini);
}
END_TEST

/* The demo's wijken with a count indicator that disclosure suppresses. */
static const char *export_project_with(const char *project, const char *extra)
{
    static char path[4096];
    char text[16384], g[4096];
    char *p;

    snprintf(g, sizeof g, "%s", bs_test_src("geodata"));
    snprintf(text, sizeof text,
             "[project]\ntitle = Export\n%s"
             "[areas]\nshapefile = %s/leeuwarden_wijken_2022.shp\nkey = code\n"
             "name = name\n"
             "[data d]\nfile = %s/leeuwarden_illustratief.csv\nkey = code\n"
             "[indicator armoede]\ndirection = +\ncolumn = income_low\n"
             "[indicator jh]\ndirection = +\ncolumn = jeugdhulp\nkind = count\n"
             "[disclosure]\nmin_count = 90\n"
             "[map score]\ncolumn = score\nclasses = 5\npalette = YlOrRd\n"
             "labels = code\n"
             "%s",
             project, g, g, extra);
    p = bs_test_write(dir, "e.ini", text);
    snprintf(path, sizeof path, "%s", p);
    free(p);
    return path;
}

static const char *export_project(const char *extra)
{
    return export_project_with("", extra);
}

static const char *XLSX_CHECK =
    "import csv, sys, openpyxl\n"
    "out = sys.argv[1]\n"
    "rows = list(csv.DictReader(open(out + '/scores.csv')))\n"
    "ws = openpyxl.load_workbook(out + '/scores.xlsx')['scores']\n"
    "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
    "assert ws.auto_filter.ref, 'no autofilter'\n"
    "names = [r['code'] for r in rows]\n"
    "head = next(csv.reader(open(out + '/scores.csv')))\n"
    "assert ws.max_column == len(head), (ws.max_column, len(head))\n"
    "nsup = 0\n"
    "for i, r in enumerate(rows):\n"
    "    x = [c.value for c in ws[i + 2]]\n"
    "    assert x[0] == r['code']\n"
    "    if r['score'] == '':\n"
    "        assert x[2] is None, x[2]\n"
    "    else:\n"
    "        assert isinstance(x[2], float), x[2]\n"
    "        assert abs(x[2] - float(r['score'])) <= 1e-9 * abs(x[2]), x[2]\n"
    "    j = head.index('jh')\n"
    "    if r['jh'] == '' and r['jh_flag'] != 'suppressed':\n"
    "        assert x[j] is None, x[j]\n"
    "    elif r['jh'] == '':\n"
    "        assert x[j] == '.', x[j]\n"
    "        assert x[j + 1] == '.', x[j + 1]\n"
    "        assert x[head.index('jh_contrib')] == '.'\n"
    "        nsup += 1\n"
    "    else:\n"
    "        assert isinstance(x[j], (int, float)) and x[j] == float(r['jh'])\n"
    "found = any(c.value and 'CBS' in str(c.value) for row in ws.iter_rows() for c in row)\n"
    "assert found, 'no CBS footnote'\n"
    "print(nsup)\n";

START_TEST(exports_read_back)
{
    const char *ini = export_project("[export]\nformat = gpkg geojson xlsx\n");
    char *out = run_to(ini, "o"), *info, *t, *q, *csvtext;
    bs_test_csv c;
    int row, rules = 0;
    char want[128];

    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    /* GeoPackage: count, types, CRS, a known value */
    info = bs_test_cmd("ogrinfo -ro -so '%s/scores.gpkg' scores", out);
    ck_assert_ptr_nonnull(info);
    ck_assert_ptr_nonnull(strstr(info, "Feature Count: 22"));
    ck_assert_ptr_nonnull(strstr(info, "score: Real"));
    ck_assert_ptr_nonnull(strstr(info, "decile: Integer"));
    ck_assert_ptr_nonnull(strstr(info, "code: String"));
    ck_assert_ptr_nonnull(strstr(info, "jh_flag: String"));
    ck_assert_ptr_nonnull(strstr(info, "ID[\"EPSG\",28992]"));
    free(info);
    row = bs_test_csv_row(&c, "WK008010");
    info = bs_test_cmd("ogrinfo -ro -q -sql \"SELECT score FROM scores WHERE "
                       "code = 'WK008010'\" '%s/scores.gpkg'", out);
    ck_assert_ptr_nonnull(info);
    t = strstr(info, "score (Real) = ");
    ck_assert_ptr_nonnull(t);
    ck_assert_double_eq_tol(strtod(t + 15, NULL),
                            bs_test_csv_num(&c, row, "score"), 1e-9);
    free(info);
    /* a suppressed cell is null in the GeoPackage */
    info = bs_test_cmd("ogrinfo -ro -q -sql \"SELECT count(*) AS n FROM scores "
                       "WHERE jh IS NULL\" '%s/scores.gpkg'", out);
    ck_assert_ptr_nonnull(info);
    {
        int nempty = 0;
        for (int i = 0; i < c.nrows; i++)
            nempty += isnan(bs_test_csv_num(&c, i, "jh"));
        ck_assert_int_gt(nempty, 0);
        snprintf(want, sizeof want, "n (Integer) = %d", nempty);
        ck_assert_msg(strstr(info, want) != NULL, "%s not in %s", want, info);
    }
    free(info);
    /* the style in layer_styles */
    info = bs_test_cmd("ogrinfo -ro -q -sql \"SELECT styleName FROM layer_styles\" "
                       "'%s/scores.gpkg'", out);
    ck_assert_ptr_nonnull(info);
    ck_assert_ptr_nonnull(strstr(info, "styleName (String) = score"));
    free(info);
    /* GeoJSON: longitude then latitude (Leeuwarden: 5.7, 53.2) */
    t = bs_test_slurp(bs_test_path(out, "scores.geojson"));
    ck_assert_ptr_nonnull(t);
    q = strstr(t, "\"coordinates\":");
    ck_assert_ptr_nonnull(q);
    q += strlen("\"coordinates\":");
    q += strspn(q, " [");
    {
        double lon = strtod(q, &q), lat;
        ck_assert_msg(*q == ',', "coordinates: %.40s", q);
        lat = strtod(q + 1, NULL);
        ck_assert(lon > 5.5 && lon < 6.0);
        ck_assert(lat > 53.0 && lat < 53.4);
    }
    free(t);
    /* the QML: one rule per class of map-score.csv, with its colour */
    t = bs_test_slurp(bs_test_path(out, "map-score.qml"));
    csvtext = bs_test_slurp(bs_test_path(out, "map-score.csv"));
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_nonnull(csvtext);
    {
        bs_test_csv mc;
        bs_test_csv_read(bs_test_path(out, "map-score.csv"), &mc);
        for (int i = 0; i < mc.nrows; i++) {
            const char *hex = mc.cell[i][bs_test_csv_col(&mc, "colour")];
            unsigned r, g, b;
            char rgb[64];
            if (strcmp(mc.cell[i][0], "missing") == 0)
                continue;
            sscanf(hex, "#%2x%2x%2x", &r, &g, &b);
            snprintf(rgb, sizeof rgb, "%u,%u,%u,255", r, g, b);
            ck_assert_msg(strstr(t, rgb) != NULL, "colour %s not in the QML", rgb);
            rules++;
        }
        bs_test_csv_free(&mc);
        ck_assert_int_eq(rules, 5);
        /* one rule per class and one (hatched) for no data */
        for (q = t, rules = 0; (q = strstr(q, "<rule ")) != NULL; q++)
            rules++;
        ck_assert_int_eq(rules, 6);
        ck_assert_ptr_nonnull(strstr(t, "IS NULL"));
        ck_assert_ptr_nonnull(strstr(t, "label=\"geen gegevens\""));
    }
    free(t);
    free(csvtext);
    /* Excel, read back with openpyxl */
    free(bs_test_write(dir, "x.py", XLSX_CHECK));
    info = bs_test_cmd("/usr/bin/python3 '%s/x.py' '%s' 2>&1", dir, out);
    ck_assert_msg(info != NULL, "openpyxl check failed");
    ck_assert_int_gt(atoi(info), 0);
    free(info);
    bs_test_csv_free(&c);
    free(out);
}
END_TEST

/* manifest.json: every output's hash is what sha256sum says; the inputs
 * are recorded with theirs; verify passes on the untouched run and fails
 * on a changed output and on a changed input. */
START_TEST(manifest_and_verify)
{
    const char *ini = export_project("[export]\nformat = xlsx\n");
    char *out = run_to(ini, "o"), *r;

    free(bs_test_write(dir, "m.py",
        "import json, sys, hashlib, os\n"
        "out = sys.argv[1]\n"
        "m = json.load(open(out + '/manifest.json'))\n"
        "names = sorted(os.listdir(out))\n"
        "rec = sorted(o['path'] for o in m['outputs'])\n"
        "assert rec == [n for n in names if n != 'manifest.json'], (rec, names)\n"
        "for o in m['outputs']:\n"
        "    print(o['sha256'] + '  ' + out + '/' + o['path'])\n"
        "for i in m['inputs']:\n"
        "    print(i['sha256'] + '  ' + i['path'])\n"
        "assert m['project']['disclosure.min_count'] == '90'\n"
        "assert m['project']['score.normalise'] == 'zscore'\n"
        "assert m['project']['export.geometry'] == 'full'\n"));
    r = bs_test_cmd("/usr/bin/python3 '%s/m.py' '%s' > '%s/sums' && "
                    "sha256sum -c '%s/sums' | grep -c ': OK$'", dir, out, dir, dir);
    ck_assert_msg(r != NULL, "manifest hashes do not match sha256sum");
    /* 9 outputs (scores.csv, map-score.csv/.pdf/.qml, scores.xlsx ...) and
     * e.ini, the .shp/.shx/.dbf/.prj/.cpg and the CSV */
    ck_assert_int_ge(atoi(r), 10);
    free(r);
    r = bs_test_cmd("'%s' -q verify '%s'; echo rc=$?", getenv("BS_BIN"), out);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(strstr(r, "rc=0") != NULL, "%s", r);
    free(r);
    /* a changed output */
    sh("true");
    {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "cp '%s/scores.csv' '%s/keep' && "
                 "echo x >> '%s/scores.csv'", out, dir, out);
        sh(cmd);
    }
    r = bs_test_cmd("'%s' -q verify '%s'; echo rc=$?", getenv("BS_BIN"), out);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(strstr(r, "output scores.csv") && strstr(r, "rc=1"), "%s", r);
    free(r);
    {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "cp '%s/keep' '%s/scores.csv'", dir, out);
        sh(cmd);
    }
    /* a changed input: the project file gets a comment */
    {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "echo '; later' >> '%s'", ini);
        sh(cmd);
    }
    r = bs_test_cmd("'%s' -q verify '%s'; echo rc=$?", getenv("BS_BIN"), out);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(strstr(r, "input ") && strstr(r, "e.ini") && strstr(r, "rc=1"),
                  "%s", r);
    free(r);
    free(out);
}
END_TEST

/* [project] csv = excel-nl: every CSV with a BOM, ";" and a decimal comma,
 * CRLF; the same cells as the plain run. */
START_TEST(excel_nl_csv)
{
    char *plain, *nl, *r;
    const char *ini;

    /* every CSV of a run follows the dialect: the spatial ones too */
    ini = export_project("[uncertainty]\nruns = 20\n"
                         "[spatial s]\ncolumn = score\npermutations = 99\n");
    plain = run_to(ini, "plain");
    ini = export_project_with("csv = excel-nl\n", "[uncertainty]\nruns = 20\n"
                              "[spatial s]\ncolumn = score\npermutations = 99\n");
    nl = run_to(ini, "nl");
    free(bs_test_write(dir, "c.py",
        "import csv, sys, os, re\n"
        "a, b = sys.argv[1], sys.argv[2]\n"
        "num = re.compile(r'^-?[0-9]+(,[0-9]+)?(e[-+][0-9]+)?$')\n"
        "n = 0\n"
        "assert 'spatial-s.csv' in os.listdir(b), os.listdir(b)\n"
        "assert 'spatial-s-global.csv' in os.listdir(b), os.listdir(b)\n"
        "for f in sorted(os.listdir(a)):\n"
        "    if not f.endswith('.csv'): continue\n"
        "    raw = open(b + '/' + f, 'rb').read()\n"
        "    assert raw.startswith(b'\\xef\\xbb\\xbf'), f\n"
        "    assert b'\\r\\n' in raw, f\n"
        "    pa = list(csv.reader(open(a + '/' + f, newline='')))\n"
        "    pb = list(csv.reader(open(b + '/' + f, encoding='utf-8-sig', newline=''), delimiter=';'))\n"
        "    assert len(pa) == len(pb), f\n"
        "    for ra, rb in zip(pa, pb):\n"
        "        assert len(ra) == len(rb), (f, ra, rb)\n"
        "        for x, y in zip(ra, rb):\n"
        "            if x != y:\n"
        "                assert num.match(y) and y.replace(',', '.') == x, (f, x, y)\n"
        "                n += 1\n"
        "print(n)\n"));
    r = bs_test_cmd("/usr/bin/python3 '%s/c.py' '%s' '%s' 2>&1", dir, plain, nl);
    ck_assert_msg(r != NULL, "excel-nl check failed");
    ck_assert_int_gt(atoi(r), 100);   /* decimal commas seen */
    free(r);
    free(plain);
    free(nl);
}
END_TEST

/* [areas] level = dorp: the report's words follow it (the stock template
 * names no area word). */
START_TEST(level_words_in_the_report)
{
    const char *ini = export_project("[report]\nfile = r.pdf\n");
    char *out, *text, buf[4096], cmd[9000];
    long wijk_run, dorp_run;

    snprintf(buf, sizeof buf, "%s", ini);
    out = run_to(buf, "wijk");
    text = bs_test_cmd("pdftotext '%s/r.pdf' - | grep -oi 'dorpen' | wc -l", out);
    ck_assert_ptr_nonnull(text);
    wijk_run = strtol(text, NULL, 10);
    free(text);
    free(out);
    snprintf(cmd, sizeof cmd, "sed -i 's/^name = name$/name = name\\nlevel = dorp/' '%s'",
             buf);
    sh(cmd);
    out = run_to(buf, "dorp");
    text = bs_test_cmd("pdftotext '%s/r.pdf' - | grep -oi 'dorpen' | wc -l", out);
    ck_assert_ptr_nonnull(text);
    dorp_run = strtol(text, NULL, 10);
    /* the stock texts name "wijken en dorpen" once in each; the level's
     * words come on top of that in headings and sentences */
    ck_assert_msg(dorp_run > wijk_run + 3, "dorpen: %ld with level = dorp, %ld "
                  "without", dorp_run, wijk_run);
    free(text);
    free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exports");
    TCase *tc = tcase_create("e2e");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, gpkg_areas_give_the_shapefile_scores);
    tcase_add_test(tc, geojson_2024_joins_kwb_2024);
    tcase_add_test(tc, exports_read_back);
    tcase_add_test(tc, manifest_and_verify);
    tcase_add_test(tc, excel_nl_csv);
    tcase_add_test(tc, level_words_in_the_report);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
