/* test_report.c: the PDF report of the demo project (22 wijken of
 * Leeuwarden) and of a small project with small counts: the pages each
 * section takes, derived from the input; outline entries for every section
 * and area; every area name in the text and no NaN or infinity; disclosure
 * control of counts and rates (hand-computed); notes, templates, English,
 * the Plus-IKC section; byte-identical output for a fixed date.
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
    bs_report_input in;
} demo;

static void demo_load(demo *d, const char *project, const char *tpl)
{
    bs_error err;
    bs_job_hooks hooks;
    char *tdir;

    memset(d, 0, sizeof *d);
    ck_assert_msg(bs_project_read(project, &d->p, &err) == 0, "%s", err.msg);
    /* the job reads the [report] template at load: the stock ones first */
    tdir = strdup(bs_test_src("templates"));
    memset(&hooks, 0, sizeof hooks);
    hooks.templates_dir = tdir;
    ck_assert_msg(bs_job_load(d->p, &hooks, &d->j, &err) == 0, "%s", err.msg);
    free(tdir);
    bs_report_template_init(&d->t);
    ck_assert_msg(bs_report_template_read(bs_test_src(tpl), &d->t, &err) == 0,
                  "%s", err.msg);
    bs_report_input_init(&d->in, d->j, &d->t);
    d->in.iso_date = "2026-11-22";
    d->in.gemeente = "Gemeente Leeuwarden";
    d->in.subtitle = "Scan van de sociale basis per wijk en dorp";
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
    ck_assert_msg(bs_report_write_input(&d->in, path, &err) == 0, "report: %s", err.msg);
    return path;
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
                                       BS_SEC_AREAS, BS_SEC_APPENDIX};
    size_t nind, nareas;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    nind = d.p->nind;
    nareas = d.j->n;
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
    ck_assert_int_ge(sec[3] - sec[2], 1);
    ck_assert_int_ge(total - sec[5] + 1, 1);
    /* every area has a level-2 entry on its own page, in input order */
    for (size_t a = 0; a < nareas; a++) {
        char title[256];
        int k;
        snprintf(title, sizeof title, "%s (%s)", d.j->name[a], d.j->key[a]);
        k = find_entry(o, n, 2, title);
        ck_assert_msg(k >= 0, "no outline entry for '%s'", title);
        ck_assert_int_eq(o[k].page, sec[4] + 1 + (int)a);
    }
    /* the appendix ends the report: its pages are what is left, and the
     * table needs no more than a page per 20 rows */
    ck_assert_int_le(total - sec[5] + 1, (int)(nareas / 20) + 2);
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
    ck_assert_int_ge(forms, (int)d.p->nind);
    ck_assert_int_le(forms, pages + (int)d.p->nind);
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
    for (size_t a = 0; a < d.j->n; a++)
        ck_assert_msg(strstr(all, d.j->name[a]) != NULL, "no '%s'", d.j->name[a]);
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
             "unit = aantal\ndirection = +\n"
             "[indicator aandeel]\ncolumn = aandeel\nlabel = Aandeel\nunit = %%\n"
             "direction = +\n"
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
    bs_report_indicator ind[3];
    double den[NSMALL];
    bs_test_outline o[128];
    int n, checked = 0;

    demo_load(&d, ini, "templates/report-nl.ini");
    for (size_t k = 0; k < 3; k++)
        bs_report_indicator_from_job(d.j, k, &ind[k]);
    ind[0].kind = BS_DISC_COUNT;
    ind[1].kind = BS_DISC_RATE;
    for (size_t i = 0; i < d.j->n; i++) {
        int r = -1;
        for (int q = 0; q < NSMALL; q++)
            if (strcmp(d.j->key[i], small_code[q]) == 0)
                r = q;
        ck_assert(r >= 0);
        den[i] = r == 2 ? 40 : 400 + r;
    }
    ind[1].denominator = den;
    d.in.ind = ind;
    path = write_report(&d, "klein.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    for (size_t i = 0; i < d.j->n; i++) {
        char title[256], v[64], *t;
        int k, r = -1;
        for (int q = 0; q < NSMALL; q++)
            if (strcmp(d.j->key[i], small_code[q]) == 0)
                r = q;
        snprintf(title, sizeof title, "%s (%s)", d.j->name[i], d.j->key[i]);
        k = find_entry(o, n, 2, title);
        ck_assert_msg(k >= 0, "no page for %s", title);
        t = bs_test_page_text(path, o[k].page);
        ck_assert(value_after(t, "Meldingen (aantal)", v, sizeof v) == 0);
        /* every printed count: '.' or a multiple of 5 of at least 10 */
        if (strcmp(v, ".") != 0) {
            long c = strtol(v, NULL, 10);
            ck_assert_msg(c >= 10 && c % 5 == 0, "%s prints count '%s'",
                          d.j->key[i], v);
        }
        ck_assert_msg(strcmp(v, small_printed[r]) == 0, "%s: printed '%s', "
                      "want '%s'", d.j->key[i], v, small_printed[r]);
        if (strcmp(v, ".") == 0)
            ck_assert(strstr(t, "geheim of onbetrouwbaar") != NULL);
        /* the rate on 40 children is not printed */
        ck_assert(value_after(t, "Aandeel (%)", v, sizeof v) == 0);
        if (r == 2)
            ck_assert_str_eq(v, ".");
        else
            ck_assert_str_ne(v, ".");
        checked++;
        free(t);
    }
    ck_assert_int_eq(checked, NSMALL);
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
    ck_assert_msg(bs_report_notes_read(csv, d.j->key, d.j->n, &notes, &err) == 0,
                  "%s", err.msg);
    d.in.notes = (const char *const *)notes;
    path = write_report(&d, "notes.pdf");
    n = bs_test_pdf_outline(path, o, 128);
    for (size_t i = 0; i < d.j->n; i++) {
        char title[256];
        snprintf(title, sizeof title, "%s (%s)", d.j->name[i], d.j->key[i]);
        k = find_entry(o, n, 2, title);
        ck_assert(k >= 0);
        t = bs_test_page_text(path, o[k].page);
        ck_assert_int_eq(strstr(t, "Buurthuis De Schakel, elke woensdag") != NULL,
                         strcmp(d.j->key[i], "WK008020") == 0);
        ck_assert_int_eq(strstr(t, "Jongerenwerk in de avond") != NULL,
                         strcmp(d.j->key[i], "WK008020") == 0);
        ck_assert_int_eq(strstr(t, "Veel vragen over schulden") != NULL,
                         strcmp(d.j->key[i], "WK008061") == 0);
        ck_assert(strstr(t, "Waar kunnen we aansluiten?") != NULL);
        free(t);
    }
    bs_report_notes_free(notes, d.j->n);
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
    ck_assert_int_eq(bs_report_write_input(&d.in, path, &err), -1);
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
    path = write_report(&d, "en.pdf");
    t = bs_test_page_text(path, 1);
    ck_assert(strstr(t, "22 November 2026") != NULL);
    free(t);
    t = bs_test_page_text(path, 2);
    ck_assert(strstr(t, "page 2 of ") != NULL);
    ck_assert(strstr(t, "Contents") != NULL);
    free(t);
    free(path);
    demo_free(&d);
}
END_TEST

START_TEST(plus_ikc_section_lists_changes_with_reasons)
{
    demo d;
    bs_report_ikc rows[3];
    char *path, *all;

    demo_load(&d, bs_test_src("templates/gebiedsscan.ini"), "templates/report-nl.ini");
    memset(rows, 0, sizeof rows);
    rows[0] = (bs_report_ikc){"IKC1", "IKC De Springplank", "WK008050", 1.7, 1, 0.91,
                              1, 0, BS_CHANGE_NEW, "nieuw: rang 1 (grens: top 2)"};
    rows[1] = (bs_report_ikc){"IKC2", "IKC Het Anker", "WK008061", 1.5, 2, 0.8, 1,
                              1, BS_CHANGE_CONTINUED, "blijft: rang 2"};
    rows[2] = (bs_report_ikc){"IKC3", "IKC De Vlieger", "WK008010", 0.3, 6, 0.0, 0,
                              1, BS_CHANGE_DROPPED, "vervalt: rang 6 > 2"};
    d.in.ikc = rows;
    d.in.nikc = 3;
    d.in.ikc_rule = "top 2";
    path = write_report(&d, "ikc.pdf");
    all = bs_test_cmd("pdftotext -layout '%s' - | tr -s ' ' ' '", path);
    ck_assert(strstr(all, d.t.sec[BS_SEC_DESIGNATION].title) != NULL);
    ck_assert(strstr(all, "IKC De Springplank (nieuw): nieuw: rang 1 (grens: top 2)") != NULL);
    ck_assert(strstr(all, "IKC De Vlieger (vervalt): vervalt: rang 6 > 2") != NULL);
    ck_assert(strstr(all, "IKC Het Anker (") == NULL);   /* no change */
    ck_assert(strstr(all, "Regel: top 2. 2 van de 3 IKC's zijn aangewezen") != NULL);
    free(all);
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
