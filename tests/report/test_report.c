/* test_report.c: the PDF report of a scan: the demo project (22 wijken of
 * Leeuwarden) and a small project with small counts, loaded through the
 * job, their scans given the test's template and texts: the pages each
 * section takes, derived from the input; outline entries for every section
 * and area; every area name in the text and no NaN or infinity; disclosure
 * control of counts and rates (hand-computed); notes, the social base,
 * templates, English, the Plus-IKC section; what bs_report_check refuses;
 * byte-identical output for a fixed date.
 *
 * Reads the PDFs back with pdfinfo and pdftotext (poppler-utils) and
 * qpdf --json (package qpdf). */
#define _GNU_SOURCE 1   /* memmem */
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buurtscan/job.h"
#include "buurtscan/project.h"
#include "buurtscan/report.h"
#include "testutil.h"

/* ---- tools ---- */

static int find_entry(const bs_test_outline *o, int n, int depth, const char *title)
{
    for (int i = 0; i < n; i++)
        if (o[i].depth == depth && strcmp(o[i].title, title) == 0)
            return i;
    return -1;
}

/* ---- fixtures ---- */

static char *tmp;

static void setup(void)
{
    tmp = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(tmp);
    free(tmp);
}

typedef struct demo {
    bs_project *p;
    bs_job *j;
    bs_report_template t;
    bs_scan s;                /* the job's scan, with the test's template,
                                 date and texts */
} demo;

static void demo_load(demo *d, const char *project, const char *tpl)
{
    bs_error err;
    bs_job_hooks hooks;
    char *tdir, *proj = strdup(project);

    memset(d, 0, sizeof *d);
    ck_assert_msg(bs_project_read(proj, &d->p, &err) == 0, "%s", err.msg);
    tdir = strdup(bs_test_src("templates"));
    memset(&hooks, 0, sizeof hooks);
    hooks.templates_dir = tdir;
    ck_assert_msg(bs_job_load(d->p, &hooks, &d->j, &err) == 0, "%s", err.msg);
    free(tdir);
    free(proj);
    bs_report_template_init(&d->t);
    ck_assert_msg(bs_report_template_read(bs_test_src(tpl), &d->t, &err) == 0,
                  "%s", err.msg);
    d->s = *bs_job_scan(d->j);
    d->s.report.tpl = &d->t;
    snprintf(d->s.iso_date, sizeof d->s.iso_date, "2026-11-22");
    d->s.report.gemeente = "Gemeente Leeuwarden";
    d->s.report.subtitle = "Scan van de sociale basis per wijk en dorp";
}

static void demo_free(demo *d)
{
    bs_report_template_free(&d->t);
    bs_job_free(d->j);
    bs_project_free(d->p);
}

static char *write_report(const demo *d, const char *name)
{
    bs_error err;
    char *path = malloc(strlen(tmp) + strlen(name) + 2);

    sprintf(path, "%s/%s", tmp, name);
    ck_assert_msg(bs_report_check(&d->s, &err) == 0, "check: %s", err.msg);
    ck_assert_msg(bs_report_write(&d->s, path, &err) == 0, "report: %s", err.msg);
    return path;
}

static size_t area_of(const bs_scan *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->key[i], key) == 0)
            return i;
    ck_abort_msg("no area %s", key);
    return 0;
}

/* ---- the demo ---- */

START_TEST(demo_pages_follow_from_the_sections)
{
    demo d;
    char *path;
    bs_test_outline o[128];
    int n, total, sec[BS_SEC_COUNT], i;
    const bs_report_section order[] = {BS_SEC_METHOD, BS_SEC_OVERVIEW,
                                       BS_SEC_RANKING, BS_SEC_INDICATORS,
                                       BS_SEC_AREAS, BS_SEC_DESIGNATION,
                                       BS_SEC_APPENDIX};
    size_t nind, nareas;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    nind = d.s.nind;
    nareas = d.s.n;
    ck_assert_uint_eq(d.s.ndesignate, 1);
    path = write_report(&d, "demo.pdf");
    total = bs_test_pdf_pages(path);
    n = bs_test_pdf_outline(path, o, 128);

    /* a level-1 entry for the cover and every section, in order */
    ck_assert_str_eq(o[0].title, "Voorblad");
    ck_assert_int_eq(o[0].page, 1);
    for (i = 0; i < (int)(sizeof order / sizeof order[0]); i++) {
        int k = find_entry(o, n, 1, d.t.sec[order[i]].title);
        ck_assert_msg(k >= 0, "no outline entry for '%s'", d.t.sec[order[i]].title);
        sec[i] = o[k].page;
        if (i > 0)
            ck_assert_int_gt(sec[i], sec[i - 1]);
    }
    /* cover 1 page, then the contents (their own pages), then the sections:
     * the overview map is one page, the indicator maps six to a page, the
     * profiles an explanation page and one page per area */
    ck_assert_int_ge(sec[0], 3);
    ck_assert_int_eq(sec[2] - sec[1], 1);
    ck_assert_int_eq(sec[4] - sec[3], (int)((nind + 5) / 6));
    ck_assert_int_eq(sec[5] - sec[4], 1 + (int)nareas);
    ck_assert_int_ge(sec[6] - sec[5], 1);
    ck_assert_int_ge(sec[3] - sec[2], 1);
    /* every area has a level-2 entry on its own page, in input order */
    for (size_t a = 0; a < nareas; a++) {
        char title[256];
        int k;
        snprintf(title, sizeof title, "%s (%s)", d.s.name[a], d.s.key[a]);
        k = find_entry(o, n, 2, title);
        ck_assert_msg(k >= 0, "no outline entry for '%s'", title);
        ck_assert_int_eq(o[k].page, sec[4] + 1 + (int)a);
    }
    /* the appendix ends the report: its pages are what is left, and the
     * table needs no more than a page per 20 rows */
    ck_assert_int_ge(total - sec[6] + 1, 1);
    ck_assert_int_le(total - sec[6] + 1, (int)(nareas / 20) + 2);
    free(path);
    demo_free(&d);
}
END_TEST

/* Every profile page shows a strip per indicator; its ground is one form
 * in the PDF, whatever the number of pages (each page records its own,
 * named alike for cairo's PDF writer). Counted with qpdf: at most one form
 * per page (a page's content) plus one per indicator. */
START_TEST(indicator_strips_are_written_once)
{
    demo d;
    char *path, *js;
    const char *p;
    int forms = 0, pages;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    path = write_report(&d, "strips.pdf");
    pages = bs_test_pdf_pages(path);
    js = bs_test_cmd("qpdf --json --json-key=qpdf '%s'", path);
    ck_assert_msg(js != NULL, "qpdf --json failed (is qpdf installed?)");
    for (p = js; (p = strstr(p, "\"/Subtype\": \"/Form\"")) != NULL; p++)
        forms++;
    ck_assert_int_ge(forms, (int)d.s.nind);
    ck_assert_int_le(forms, pages + (int)d.s.nind);
    free(js);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(demo_text_names_every_area_and_has_no_nan)
{
    demo d;
    char *path, *all;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    path = write_report(&d, "text.pdf");
    all = bs_test_cmd("pdftotext -layout '%s' -", path);
    ck_assert(all != NULL);
    for (size_t a = 0; a < d.s.n; a++)
        ck_assert_msg(strstr(all, d.s.name[a]) != NULL, "no '%s'", d.s.name[a]);
    for (char *p = all; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (char *p = all; (p = strstr(p, "nan")) != NULL; p++) {
        /* "nan" inside a word (financiering) is fine; alone it is not */
        int before = p > all && isalpha((unsigned char)p[-1]);
        int after = isalpha((unsigned char)p[3]);
        ck_assert_msg(before || after, "a lone 'nan' in the text");
    }
    for (char *p = all; (p = strstr(p, "inf")) != NULL; p++) {
        int before = p > all && isalpha((unsigned char)p[-1]);
        int after = isalpha((unsigned char)p[3]);
        ck_assert_msg(before || after, "a lone 'inf' in the text");
    }
    ck_assert(strstr(all, "22 november 2026") != NULL);
    ck_assert(strstr(all, "pagina 2 van ") != NULL);
    free(all);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(contents_give_the_outline_pages)
{
    demo d;
    char *path, *contents;
    bs_test_outline o[128];
    int n;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    path = write_report(&d, "contents.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    contents = bs_test_cmd("pdftotext -layout -f 2 -l %d '%s' -",
                   o[find_entry(o, n, 1, d.t.sec[BS_SEC_METHOD].title)].page - 1,
                   path);
    ck_assert(contents != NULL);
    for (int i = 1; i < n; i++) {
        char *line = strstr(contents, o[i].title), *nl;
        int pg;
        ck_assert_msg(line != NULL, "'%s' is not in the contents", o[i].title);
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        pg = atoi(strrchr(line, ' ') + 1);
        ck_assert_msg(pg == o[i].page, "contents: '%s' on %d, outline %d",
                      o[i].title, pg, o[i].page);
        if (nl)
            *nl = '\n';
    }
    free(contents);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(the_report_is_byte_identical_for_a_fixed_date)
{
    demo d;
    char *a, *b, *da, *db;
    struct stat sa, sb;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    a = write_report(&d, "a.pdf");
    b = write_report(&d, "b.pdf");
    ck_assert(stat(a, &sa) == 0 && stat(b, &sb) == 0);
    ck_assert_int_eq(sa.st_size, sb.st_size);
    da = bs_test_slurp(a);
    db = bs_test_slurp(b);
    ck_assert(memcmp(da, db, (size_t)sa.st_size) == 0);
    ck_assert(memmem(da, (size_t)sa.st_size, "20261122", 8) != NULL);
    free(da);
    free(db);
    free(a);
    free(b);
    demo_free(&d);
}
END_TEST

/* ---- small counts ---- */

#define NSMALL 22
static const char *const small_code[NSMALL] = {
    "WK008010", "WK008011", "WK008020", "WK008030", "WK008031", "WK008032",
    "WK008040", "WK008041", "WK008050", "WK008051", "WK008060", "WK008061",
    "WK008062", "WK008063", "WK008070", "WK008071", "WK008072", "WK008073",
    "WK008074", "WK008080", "WK008081", "WK008082"};
/* one count below 10 (WK008011); the smallest other one (11, WK008031)
 * must go too, because the total is printed */
static const int small_count[NSMALL] = {120, 7, 12, 13, 11, 48, 33, 57, 250, 19,
                                        64, 88, 25, 31, 44, 16, 22, 27, 14, 72,
                                        38, 41};
/* by hand: below 10 and the secondary cell '.', the others to 5 */
static const char *const small_printed[NSMALL] = {
    "120", ".", "10", "15", ".", "50", "35", "55", "250", "20", "65", "90",
    "25", "30", "45", "15", "20", "25", "15", "70", "40", "40"};

static char *small_project(void)
{
    char csv[4096], ini[2048];
    size_t used = 0;

    used += (size_t)snprintf(csv + used, sizeof csv - used,
                             "code;meldingen;kinderen;aandeel\n");
    for (int i = 0; i < NSMALL; i++)
        used += (size_t)snprintf(csv + used, sizeof csv - used, "%s;%d;%d;%d,5\n",
                                 small_code[i], small_count[i],
                                 i == 2 ? 40 : 400 + i, 3 + i % 7);
    free(bs_test_write(tmp, "tellingen.csv", csv));
    snprintf(ini, sizeof ini,
             "[project]\ntitle = Kleine aantallen\nlanguage = nl\ndate = 2026-11-22\n"
             "[areas]\nshapefile = %s\nkey = code\nname = name\n"
             "source = CBS/Kadaster Wijk- en buurtkaart 2022\n"
             "[data tel]\nfile = tellingen.csv\nkey = code\nsource = Eigen telling\n"
             "[indicator meldingen]\ncolumn = meldingen\nlabel = Meldingen\n"
             "unit = aantal\ndirection = +\nkind = count\n"
             "[indicator aandeel]\ncolumn = aandeel\nlabel = Aandeel\nunit = %%\n"
             "direction = +\nkind = rate\nbase = kinderen\n"
             "[indicator armoede]\ncolumn = income_low\nlabel = Laag inkomen\n"
             "unit = %%\ndirection = +\n"
             "[score]\nnormalise = zscore\n",
             bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    return bs_test_write(tmp, "klein.ini", ini);
}

/* The first value after `label` on a line of text: "." or a number. */
static int value_after(const char *text, const char *label, char *out, size_t n)
{
    const char *p = strstr(text, label);

    if (!p)
        return -1;
    p += strlen(label);
    while (*p == ' ')
        p++;
    snprintf(out, n, "%.*s", (int)strcspn(p, " \n"), p);
    return 0;
}

START_TEST(small_counts_are_never_printed)
{
    demo d;
    char *ini = small_project(), *path;
    bs_test_outline o[128];
    int n, checked = 0, rate_secondary = 0;

    /* issue 12: the kinds and the denominator come from the project, so
     * that the job's plan (not the report) decides what is printed */
    demo_load(&d, ini, "templates/report-nl.ini");
    ck_assert_uint_eq(d.s.nind, 3);
    ck_assert_int_eq(d.s.ind[0].kind, BS_DISC_COUNT);
    ck_assert_int_eq(d.s.ind[1].kind, BS_DISC_RATE);
    path = write_report(&d, "klein.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    for (size_t i = 0; i < d.s.n; i++) {
        char title[256], v[64], *t;
        int k, r = -1;
        for (int q = 0; q < NSMALL; q++)
            if (strcmp(d.s.key[i], small_code[q]) == 0)
                r = q;
        snprintf(title, sizeof title, "%s (%s)", d.s.name[i], d.s.key[i]);
        k = find_entry(o, n, 2, title);
        ck_assert_msg(k >= 0, "no page for %s", title);
        t = bs_test_page_text(path, o[k].page);
        ck_assert(value_after(t, "Meldingen (aantal)", v, sizeof v) == 0);
        /* every printed count: '.' or a multiple of 5 of at least 10 */
        if (strcmp(v, ".") != 0) {
            long c = strtol(v, NULL, 10);
            ck_assert_msg(c >= 10 && c % 5 == 0, "%s prints count '%s'",
                          d.s.key[i], v);
        }
        ck_assert_msg(strcmp(v, small_printed[r]) == 0, "%s: printed '%s', "
                      "want '%s'", d.s.key[i], v, small_printed[r]);
        if (strcmp(v, ".") == 0)
            ck_assert(strstr(t, "geheim of onbetrouwbaar") != NULL);
        /* the rate on 40 children is not printed, nor (rule 3: the
         * gemeente's rate is public) one other, the smallest */
        ck_assert(value_after(t, "Aandeel (%)", v, sizeof v) == 0);
        if (r == 2)
            ck_assert_str_eq(v, ".");
        else
            rate_secondary += strcmp(v, ".") == 0;
        checked++;
        free(t);
    }
    ck_assert_int_eq(checked, NSMALL);
    ck_assert_int_eq(rate_secondary, 1);
    /* the appendix prints the total: 1052 rounded to 1.050 */
    {
        int app = o[find_entry(o, n, 1, d.t.sec[BS_SEC_APPENDIX].title)].page;
        char *t = bs_test_cmd("pdftotext -layout -f %d -l %d '%s' -", app,
                      bs_test_pdf_pages(path), path);
        char v[64];
        ck_assert(value_after(t, "Totaal", v, sizeof v) == 0);
        ck_assert_str_eq(v, "1.050");
        free(t);
    }
    free(path);
    free(ini);
    demo_free(&d);
}
END_TEST

/* ---- notes ---- */

START_TEST(notes_go_on_their_area_page)
{
    demo d;
    char *csv, *path, **notes = NULL, *t;
    bs_error err;
    bs_test_outline o[128];
    int n, k;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    csv = bs_test_write(tmp, "notes.csv",
                        "code,aansluiten,vragen,ondersteunen\n"
                        "wk008020 ,\"Buurthuis De Schakel, elke woensdag\",,"
                        "Jongerenwerk in de avond\n"
                        "WK008061,,Veel vragen over schulden,\n");
    ck_assert_msg(bs_report_notes_read(csv, d.s.key, d.s.n, &notes, &err) == 0,
                  "%s", err.msg);
    d.s.report.notes = notes;
    path = write_report(&d, "notes.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    for (size_t i = 0; i < d.s.n; i++) {
        char title[256];
        snprintf(title, sizeof title, "%s (%s)", d.s.name[i], d.s.key[i]);
        k = find_entry(o, n, 2, title);
        ck_assert(k >= 0);
        t = bs_test_page_text(path, o[k].page);
        ck_assert_int_eq(strstr(t, "Buurthuis De Schakel, elke woensdag") != NULL,
                         strcmp(d.s.key[i], "WK008020") == 0);
        ck_assert_int_eq(strstr(t, "Jongerenwerk in de avond") != NULL,
                         strcmp(d.s.key[i], "WK008020") == 0);
        ck_assert_int_eq(strstr(t, "Veel vragen over schulden") != NULL,
                         strcmp(d.s.key[i], "WK008061") == 0);
        ck_assert(strstr(t, "Waar kunnen we aansluiten?") != NULL);
        free(t);
    }
    bs_report_notes_free(notes, d.s.n);
    free(csv);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(a_section_switched_off_is_left_out)
{
    demo d;
    char *path, *p2;
    bs_test_outline o[128];
    int n, full;
    bs_error err;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    path = write_report(&d, "full.pdf");
    full = bs_test_pdf_pages(path);
    n = bs_test_pdf_outline(path, o, 128);
    {
        int a = find_entry(o, n, 1, d.t.sec[BS_SEC_INDICATORS].title);
        int b = find_entry(o, n, 1, d.t.sec[BS_SEC_AREAS].title);
        int span = o[b].page - o[a].page;
        p2 = bs_test_write(tmp, "off.ini", "[indicators]\nshow = no\n");
        ck_assert(bs_report_template_read(p2, &d.t, &err) == 0);
        free(path);
        path = write_report(&d, "off.pdf");
        ck_assert_int_eq(bs_test_pdf_pages(path), full - span);
        n = bs_test_pdf_outline(path, o, 128);
        ck_assert_int_eq(find_entry(o, n, 1, d.t.sec[BS_SEC_INDICATORS].title), -1);
        free(p2);
    }
    /* a section without a title is an error */
    free(d.t.sec[BS_SEC_RANKING].title);
    d.t.sec[BS_SEC_RANKING].title = NULL;
    free(path);
    path = malloc(strlen(tmp) + 16);
    sprintf(path, "%s/none.pdf", tmp);
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert(strstr(err.msg, "[ranking]") != NULL);
    ck_assert_int_eq(bs_report_write(&d.s, path, &err), -1);
    ck_assert(strstr(err.msg, "[ranking]") != NULL);
    ck_assert(access(path, F_OK) != 0);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(english_report)
{
    demo d;
    char *path, *t;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-en.ini");
    d.s.language = "en";
    path = write_report(&d, "en.pdf");
    t = bs_test_page_text(path, 1);
    ck_assert(strstr(t, "22 November 2026") != NULL);
    free(t);
    t = bs_test_page_text(path, 2);
    ck_assert(strstr(t, "page 2 of ") != NULL);
    ck_assert(strstr(t, "Contents") != NULL);
    free(t);
    /* the fixed texts come from the translations table */
    t = bs_test_cmd("pdftotext -layout '%s' - | tr -s ' ' ' '", path);
    ck_assert(strstr(t, "How the score is made") != NULL);
    ck_assert(strstr(t, "How to read a profile") != NULL);
    ck_assert(strstr(t, "Rank under uncertainty") != NULL);
    ck_assert(strstr(t, "per 1,000") != NULL);
    ck_assert(strstr(t, "top 10, current Plus-IKCs stay until rank 13") != NULL);
    ck_assert(strstr(t, "Regel") == NULL && strstr(t, "Zo leest") == NULL);
    free(t);
    free(path);
    demo_free(&d);
}
END_TEST

/* A designation of three IKCs, made by hand, on the demo's areas. */
typedef struct three_ikcs {
    const char *key[3], *name[3];
    long area[3];
    double score[3], p_top[3];
    bs_pointset pts;
    bs_scan_layer layer;
    bs_ikc_designation e[3];
    bs_designation des;
    bs_scan_designation sd;
} three_ikcs;

static void three_ikcs_make(three_ikcs *t, bs_scan *s)
{
    static const char *const key[3] = {"IKC1", "IKC2", "IKC3"};
    static const char *const name[3] = {"IKC De Springplank", "IKC Het Anker",
                                        "IKC De Vlieger"};
    static const char *const area[3] = {"WK008050", "WK008061", "WK008010"};
    static char *const reason[3] = {"nieuw: rang 1 (grens: top 2)",
                                    "blijft: rang 2", "vervalt: rang 6 > 2"};
    const double score[3] = {1.7, 1.5, 0.3}, p_top[3] = {0.91, 0.8, 0.0};
    const double rank[3] = {1, 2, 6};
    const int designated[3] = {1, 1, 0}, previous[3] = {0, 1, 1};
    const bs_change change[3] = {BS_CHANGE_NEW, BS_CHANGE_CONTINUED,
                                 BS_CHANGE_DROPPED};

    memset(t, 0, sizeof *t);
    for (int i = 0; i < 3; i++) {
        t->key[i] = key[i];
        t->name[i] = name[i];
        t->area[i] = (long)area_of(s, area[i]);
        t->score[i] = score[i];
        t->p_top[i] = p_top[i];
        t->e[i].rank = rank[i];
        t->e[i].designated = designated[i];
        t->e[i].previous = previous[i];
        t->e[i].change = change[i];
        t->e[i].reason = reason[i];
    }
    t->pts.n = 3;
    t->pts.key = t->key;
    t->pts.name = t->name;
    t->layer = (bs_scan_layer){"ikc", "IKC", NULL, &t->pts, t->area, 0};
    t->des.n = 3;
    t->des.ikc = t->e;
    t->sd.name = "test";
    t->sd.layer = 0;
    t->sd.result = &t->des;
    t->sd.score = t->score;
    t->sd.p_top = t->p_top;
    t->sd.top = 2;
    t->sd.threshold = NAN;
    t->sd.has_previous = 1;
    s->layers = &t->layer;
    s->nlayers = 1;
    s->designate = &t->sd;
    s->ndesignate = 1;
}

START_TEST(plus_ikc_section_lists_changes_with_reasons)
{
    demo d;
    three_ikcs ik;
    char *path, *all;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    three_ikcs_make(&ik, &d.s);
    path = write_report(&d, "ikc.pdf");
    all = bs_test_cmd("pdftotext -layout '%s' - | tr -s ' ' ' '", path);
    ck_assert(strstr(all, d.t.sec[BS_SEC_DESIGNATION].title) != NULL);
    ck_assert(strstr(all, "IKC De Springplank (nieuw): nieuw: rang 1 (grens: top 2)") != NULL);
    ck_assert(strstr(all, "IKC De Vlieger (vervalt): vervalt: rang 6 > 2") != NULL);
    ck_assert(strstr(all, "IKC Het Anker (") == NULL);   /* no change */
    ck_assert(strstr(all, "Regel: top 2. 2 van de 3 IKC's zijn aangewezen") != NULL);
    /* the table names the area of every IKC */
    ck_assert_str_eq(d.s.name[area_of(&d.s, "WK008010")], "Binnenstad");
    ck_assert(strstr(all, "IKC De Vlieger Binnenstad ") != NULL);
    free(all);
    free(path);
    /* keep_until_rank is worded in the rule */
    ik.sd.keep_until_rank = 3;
    path = write_report(&d, "ikc2.pdf");
    all = bs_test_cmd("pdftotext -layout '%s' - | tr -s ' ' ' '", path);
    ck_assert(strstr(all, "Regel: top 2, huidige Plus-IKC's blijven tot rang 3.") != NULL);
    free(all);
    free(path);
    demo_free(&d);
}
END_TEST

/* The demo's [supply] is the social base on every area page, with a rate
 * per 1.000 of the common denominator. */
START_TEST(area_pages_show_the_social_base)
{
    demo d;
    char *path, *t, title[256];
    bs_test_outline o[128];
    int n, k;
    size_t i;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    ck_assert_uint_ge(d.s.nsupply, 1);
    path = write_report(&d, "social.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    i = area_of(&d.s, "WK008020");
    snprintf(title, sizeof title, "%s (%s)", d.s.name[i], d.s.key[i]);
    k = find_entry(o, n, 2, title);
    ck_assert(k >= 0);
    t = bs_test_page_text(path, o[k].page);
    ck_assert(strstr(t, "Sociale basis") != NULL);
    ck_assert(strstr(t, "per 1.000") != NULL);     /* the header wraps */
    ck_assert(strstr(t, "(jongeren_0_17)") != NULL);
    /* the label wraps in its column */
    ck_assert(strncmp(d.s.supply[0].label, "Voorzieningen sociale basis", 27) == 0);
    ck_assert(strstr(t, "Voorzieningen sociale basis") != NULL);
    free(t);
    free(path);
    demo_free(&d);
}
END_TEST

/* What the report refuses is refused by bs_report_check, before anything
 * is written, and by bs_report_write in the same words. */
START_TEST(the_check_refuses_what_the_report_would)
{
    demo d;
    bs_error err;
    bs_scan_indicator ind[64];
    double *noden[64] = {NULL};
    char *p, *path = malloc(strlen(tmp) + 16);
    static const unsigned char notpng[] = "GIF89a not a png";

    sprintf(path, "%s/bad.pdf", tmp);
    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    ck_assert_msg(bs_report_check(&d.s, &err) == 0, "%s", err.msg);

    /* a logo that is not a PNG */
    d.t.logo = strdup("/logo/van/de/gemeente.png");
    d.t.logo_png = malloc(sizeof notpng);
    memcpy(d.t.logo_png, notpng, sizeof notpng);
    d.t.logo_size = sizeof notpng;
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert(strstr(err.msg, "/logo/van/de/gemeente.png: cannot read the logo") != NULL);
    ck_assert_int_eq(bs_report_write(&d.s, path, &err), -1);
    ck_assert(access(path, F_OK) != 0);
    d.t.sec[BS_SEC_COVER].show = 0;            /* no cover: no logo */
    ck_assert_msg(bs_report_check(&d.s, &err) == 0, "%s", err.msg);
    d.t.sec[BS_SEC_COVER].show = 1;
    free(d.t.logo);
    d.t.logo = NULL;

    /* a palette the maps do not know, at its line in the template */
    p = bs_test_write(tmp, "pal.ini", "[report]\n\npalette = Paars\n");
    ck_assert(bs_report_template_read(p, &d.t, &err) == 0);
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert_msg(strstr(err.msg, ":3: palette = 'Paars'") != NULL, "%s", err.msg);
    free(p);
    free(d.t.palette);
    d.t.palette = NULL;

    /* a rate without denominators */
    ck_assert_uint_le(d.s.nind, 64);
    memcpy(ind, d.s.ind, d.s.nind * sizeof *ind);
    ind[1].kind = BS_DISC_RATE;
    d.s.ind = ind;
    d.s.denominator = noden;
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a rate but has no denominators") != NULL,
                  "%s", err.msg);
    ind[1].kind = BS_DISC_VALUE;

    /* a language it does not write, a date that is none */
    d.s.language = "de";
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert(strstr(err.msg, "unknown language 'de'") != NULL);
    d.s.language = "nl";
    snprintf(d.s.iso_date, sizeof d.s.iso_date, "2026-02-30");
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert(strstr(err.msg, "'2026-02-30' is not a date") != NULL);
    snprintf(d.s.iso_date, sizeof d.s.iso_date, "2026-11-22");

    /* disclosure settings that protect nothing */
    d.s.report.disc.round_base = -5;
    ck_assert_int_eq(bs_report_check(&d.s, &err), -1);
    ck_assert_int_eq(bs_report_write(&d.s, path, &err), -1);
    ck_assert(access(path, F_OK) != 0);
    free(path);
    demo_free(&d);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("demo");

    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, demo_pages_follow_from_the_sections);
    tcase_add_test(tc, indicator_strips_are_written_once);
    tcase_add_test(tc, demo_text_names_every_area_and_has_no_nan);
    tcase_add_test(tc, contents_give_the_outline_pages);
    tcase_add_test(tc, the_report_is_byte_identical_for_a_fixed_date);
    tcase_add_test(tc, english_report);
    tcase_add_test(tc, plus_ikc_section_lists_changes_with_reasons);
    tcase_add_test(tc, area_pages_show_the_social_base);
    tcase_add_test(tc, the_check_refuses_what_the_report_would);
    suite_add_tcase(s, tc);
    tc = tcase_create("disclosure");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, small_counts_are_never_printed);
    suite_add_tcase(s, tc);
    tc = tcase_create("inputs");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, notes_go_on_their_area_page);
    tcase_add_test(tc, a_section_switched_off_is_left_out);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(report_suite(), 1);
}
