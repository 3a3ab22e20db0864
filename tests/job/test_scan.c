/* test_scan.c: the scan (scan.h) a job loads: everything the outputs need
 * is in it after bs_job_load, read from the files of the project; and the
 * 11-class diverging map (Bug 2 of issue 11) is drawn right, 12 classes
 * refused at their line. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/job.h"
#include "buurtscan/project.h"
#include "buurtscan/report.h"
#include "buurtscan/palette.h"
#include "testutil.h"

typedef struct loaded {
    bs_project *p;
    bs_job *j;
    const bs_scan *s;
} loaded;

static void load(loaded *l, const char *project_path)
{
    bs_error err;
    bs_job_hooks hooks;
    char *project = strdup(project_path);   /* bs_test_src reuses its buffer */
    char *tdir = strdup(bs_test_src("templates"));

    memset(&hooks, 0, sizeof hooks);
    hooks.templates_dir = tdir;
    ck_assert_msg(bs_project_read(project, &l->p, &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_job_load(l->p, &hooks, &l->j, &err) == 0, "%s", err.msg);
    free(tdir);
    free(project);
    l->s = bs_job_scan(l->j);
}

static void unload(loaded *l)
{
    bs_job_free(l->j);
    bs_project_free(l->p);
}

static size_t area_of(const bs_scan *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->key[i], key) == 0)
            return i;
    ck_abort_msg("no area %s", key);
    return 0;
}

/* The demo: the report's template and notes, the designation's base map,
 * the rates' denominators and the social base are all in the scan. */
START_TEST(test_demo_scan_holds_what_the_outputs_read)
{
    loaded l;
    const bs_scan *s;
    size_t i, k, nrate = 0;

    load(&l, bs_test_src("templates/gebiedsscan.ini"));
    s = l.s;
    ck_assert_uint_eq(s->n, 22);
    ck_assert_str_eq(s->language, "nl");
    ck_assert_ptr_nonnull(s->source);
    ck_assert(strncmp(s->source, "Bron: ", 6) == 0);
    /* the report: template read with its titles, notes read per area */
    ck_assert(s->report.on);
    ck_assert_ptr_nonnull(s->report.tpl);
    for (int sec = 0; sec < BS_SEC_COUNT; sec++)
        if (sec != BS_SEC_COVER && s->report.tpl->sec[sec].show)
            ck_assert_ptr_nonnull(s->report.tpl->sec[sec].title);
    ck_assert_ptr_nonnull(s->report.notes);
    i = area_of(s, "WK008050");
    ck_assert_ptr_nonnull(s->report.notes[3 * i]);
    ck_assert(strstr(s->report.notes[3 * i], "buurtkamer") != NULL);
    ck_assert_ptr_null(s->report.notes[3 * area_of(s, "WK008010")]);
    /* indicators: labels, sources, rates with their denominators */
    ck_assert_uint_eq(s->nind, l.p->nind);
    for (k = 0; k < s->nind; k++) {
        ck_assert_ptr_nonnull(s->ind[k].label);
        ck_assert_uint_eq(bs_scan_indicator_of(s, s->ind[k].id), k);
        if (s->ind[k].kind == BS_DISC_RATE) {
            nrate++;
            ck_assert_ptr_nonnull(s->denominator[k]);
        } else {
            ck_assert_ptr_null(s->denominator[k]);
        }
    }
    /* scores: ranks 1..nscored, as many deciles */
    for (i = 0; i < s->n; i++)
        if (!isnan(s->score[i]))
            ck_assert(s->rank[i] >= 1 && s->rank[i] <= (double)s->nscored &&
                      s->decile[i] >= 1 && s->decile[i] <= 10);
    /* the designation is drawn on the project's score map */
    ck_assert_uint_eq(s->ndesignate, 1);
    ck_assert_ptr_eq(s->designate[0].base, bs_scan_map_of(s, "score"));
    ck_assert_uint_eq(s->designate[0].result->n,
                      s->layers[s->designate[0].layer].pts->n);
    /* the social base counts per 1,000 of its denominator */
    ck_assert_uint_eq(s->nsupply, 1);
    ck_assert_ptr_nonnull(s->supply[0].base);
    for (i = 0; i < s->n; i++)
        if (s->supply[0].base[i] > 0)
            ck_assert_double_eq_tol(s->supply[0].per1000[i],
                                    1000 * s->supply[0].count[i] /
                                        s->supply[0].base[i], 1e-9);
    (void)nrate;
    unload(&l);
}
END_TEST

static const char *PROJECT_11 =
    "[project]\n"
    "title = Elf klassen\n"
    "[areas]\n"
    "shapefile = %s\n"
    "key = code\n"
    "name = name\n"
    "[data d]\n"
    "file = %s\n"
    "key = code\n"
    "[indicator armoede]\n"
    "column = income_low\n"
    "direction = +\n"
    "[indicator jeugd]\n"
    "formula = 100 * jeugdhulp / jongeren_0_17\n"
    "direction = +\n"
    "[map score]\n"
    "column = score\n"
    "method = equal\n"
    "palette = RdBu\n"
    "classes = %d\n"                              /* line 20 */
    "[report]\n";

static char *write_11(const char *dir, int classes)
{
    char shp[4096], csv[4096], text[10000];

    snprintf(shp, sizeof shp, "%s", bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    snprintf(csv, sizeof csv, "%s", bs_test_src("geodata/leeuwarden_illustratief.csv"));
    snprintf(text, sizeof text, PROJECT_11, shp, csv, classes);
    return bs_test_write(dir, "p.ini", text);
}

/* Defect 3: each small multiple's colours follow its indicator's
 * direction (dark = more need: for werk, direction -, the lowest class is
 * the darkest); defect 12: reverse = yes reverses a palette. */
START_TEST(test_panels_follow_direction_and_reverse_reverses)
{
    loaded l;
    const bs_scan_map *m = NULL;
    bs_rgb pal[5];
    char *dir, *ini, shp[4096], csv[4096], text[10000];

    ck_assert_int_eq(bs_palette_get("YlOrRd", 5, pal), 0);
    load(&l, bs_test_src("templates/gebiedsscan.ini"));
    for (size_t k = 0; k < l.s->nmaps; k++)
        if (l.s->maps[k].npanels)
            m = &l.s->maps[k];
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(m->npanels, 6);
    for (size_t q = 0; q < m->npanels; q++) {
        const bs_scan_map *pm = &m->panels[q];
        size_t ind = bs_scan_indicator_of(l.s, pm->column);
        int lo = l.s->ind[ind].direction < 0 ? 4 : 0;   /* colour of class 1 */
        ck_assert_msg(pm->fill[0].r == pal[lo].r && pm->fill[0].g == pal[lo].g &&
                      pm->fill[4].g == pal[4 - lo].g, "panel %s", pm->column);
    }
    unload(&l);

    dir = strdup(bs_test_tmpdir());
    snprintf(shp, sizeof shp, "%s", bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    snprintf(csv, sizeof csv, "%s", bs_test_src("geodata/leeuwarden_illustratief.csv"));
    snprintf(text, sizeof text, "[areas]\nshapefile = %s\nkey = code\nname = name\n"
             "[data d]\nfile = %s\nkey = code\n"
             "[indicator armoede]\ncolumn = income_low\ndirection = +\n"
             "[map score]\ncolumn = score\nreverse = yes\n", shp, csv);
    ini = bs_test_write(dir, "r.ini", text);
    load(&l, ini);
    m = bs_scan_map_of(l.s, "score");
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(m->fill[0].g, pal[4].g);
    ck_assert_int_eq(m->fill[4].g, pal[0].g);
    unload(&l);
    free(ini);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Bug 2: [map score] with 11 classes of a diverging palette. The job's,
 * the map's and the report's class arrays all hold BS_CLASSES_MAX. */
START_TEST(test_eleven_diverging_classes_are_drawn)
{
    char *dir = strdup(bs_test_tmpdir()), *ini = write_11(dir, 11);
    char out[4096], err[8192], path[4200];
    const char *argv[] = { "-q", "run", ini, "-o", out, NULL };
    bs_test_csv c;
    loaded l;
    const bs_scan_map *m;

    load(&l, ini);
    m = bs_scan_map_of(l.s, "score");
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(m->classes.k, 11);
    /* RdBu 11: #67001f ... #f7f7f7 in the middle ... #053061 */
    ck_assert_int_eq(m->fill[0].r, 0x67);
    ck_assert_int_eq(m->fill[5].r, 0xf7);
    ck_assert_int_eq(m->fill[10].r, 0x05);
    ck_assert_int_eq(m->fill[10].b, 0x61);
    unload(&l);

    snprintf(out, sizeof out, "%s/OUT", dir);
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);
    snprintf(path, sizeof path, "%s/map-score.csv", out);
    bs_test_csv_read(path, &c);
    ck_assert_int_eq(c.nrows, 12);           /* 11 classes and no data */
    ck_assert_str_eq(c.cell[10][bs_test_csv_col(&c, "colour")], "#053061");
    bs_test_csv_free(&c);
    /* the report's overview legend lists all 11 classes: its last two
     * bounds (of classes 10 and 11) are printed */
    snprintf(path, sizeof path, "%s/report.pdf", out);
    {
        char *text = bs_test_page_text(path, 4);
        ck_assert_ptr_nonnull(text);
        ck_assert_msg(strstr(text, "Overzichtskaart") != NULL, "%s", text);
        ck_assert_msg(strstr(text, "1,24 \xe2\x80\x93 1,56 (4)") != NULL, "%s", text);
        ck_assert_msg(strstr(text, "0,91 \xe2\x80\x93 1,24 (0)") != NULL, "%s", text);
        free(text);
    }
    free(ini);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* More than BS_CLASSES_MAX - 1 classes: refused at the line, by validate too. */
START_TEST(test_twelve_classes_are_refused_at_their_line)
{
    char *dir = strdup(bs_test_tmpdir()), *ini = write_11(dir, 12);
    char err[8192];
    const char *argv[] = { "validate", ini, NULL };

    ck_assert_int_eq(bs_test_run_cli(dir, argv, err, sizeof err), 1);
    ck_assert_msg(strstr(err, "p.ini:20:") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "classes") != NULL, "%s", err);
    free(ini);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("scan");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_demo_scan_holds_what_the_outputs_read);
    tcase_add_test(tc, test_eleven_diverging_classes_are_drawn);
    tcase_add_test(tc, test_twelve_classes_are_refused_at_their_line);
    tcase_add_test(tc, test_panels_follow_direction_and_reverse_reverses);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
