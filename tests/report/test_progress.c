/* test_progress.c: the council progress report (progress.h) and its input
 * files (progressfiles.h), read back from the PDF's text.
 *
 * The monitors are Lelystad's nulwaarden (digest T1-T4) with a target of
 * each kind, computed by hand:
 *   T1 12,7% (2023) -> 11,9% (2024), -2pp by 2028, lower is better: the
 *      path at 2024 is 12,7 - 2/5 = 12,3; 11,9 is ahead: groen; change
 *      -0,8 procentpunt = -6,3% of 12,7;
 *   T2 1,7% -> 1,8%, -15% by 2026: worse than the nulwaarde: rood,
 *      +0,1 procentpunt (+5,9%);
 *   T3 95,3% -> 95,2%, >= 95: met: groen;
 *   T4 17.300 -> 20.200 euro, down: rood, +2.900 euro (+16,8%);
 * plus a half-yearly series (so that the reporting period is "2e helft
 * 2025") and an area-level monitor of two areas. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/progress.h"
#include "buurtscan/progressfiles.h"
#include "testutil.h"

#define NMON 6
#define MAXP 4

typedef struct mon {
    bs_period per[MAXP];
    double val[MAXP];
    unsigned char prov[MAXP];
    bs_monitor_point pt[MAXP];
    bs_monitor_spec spec;
    bs_progress_series series;
} mon;

typedef struct fixture {
    mon m[NMON + 1];                 /* the last: a second area of m[5] */
    bs_progress_series area2[2];
    bs_progress_monitor pm[NMON];
    bs_progress_action act[3];
    bs_progress p;
} fixture;

static fixture F;
static char *tmp;

static bs_period per(const char *text)
{
    bs_period p;
    bs_error err;

    ck_assert_msg(bs_period_parse(text, NULL, &p, &err) == 0, "%s", err.msg);
    return p;
}

/* A gemeente series: periods and values ("nan" = none), evaluated. */
static void series(mon *m, const char *key, int dir, const char *base,
                   const char *target, int percent, const char *const *pers,
                   const double *vals, size_t n, int last_prov)
{
    bs_error err;
    bs_series s;

    memset(m, 0, sizeof *m);
    for (size_t k = 0; k < n; k++) {
        m->per[k] = per(pers[k]);
        m->val[k] = vals[k];
    }
    m->prov[n - 1] = (unsigned char)last_prov;
    m->spec.direction = dir;
    m->spec.baseline = per(base);
    m->spec.percent = percent;
    ck_assert_msg(bs_target_parse(target, NULL, &m->spec.target, &err) == 0,
                  "%s", err.msg);
    ck_assert_msg(bs_monitor_check(&m->spec, NULL, &err) == 0, "%s", err.msg);
    s.n = n;
    s.period = m->per;
    s.value = m->val;
    s.provisional = m->prov;
    ck_assert_msg(bs_monitor_evaluate(&m->spec, NULL, &s, m->pt, NULL, NULL,
                                      &err) == 0, "%s", err.msg);
    m->series.key = key;
    m->series.name = NULL;
    m->series.series = s;
    m->series.points = m->pt;
}

static void monitor(size_t i, const char *name, const char *label,
                    const char *unit, const char *def)
{
    bs_progress_monitor *pm = &F.pm[i];

    pm->name = name;
    pm->label = label;
    pm->unit = unit;
    pm->definition = def;
    pm->source = "Lelystad, Vertrekpunten 2028 (004)";
    pm->decimals = -1;
    pm->spec = &F.m[i].spec;
    pm->nseries = 1;
    pm->series = &F.m[i].series;
}

static void setup(void)
{
    static const char *const y2[] = {"2023", "2024"};
    static const char *const hy[] = {"2024HJ02", "2025HJ01", "2025HJ02"};
    static const double t1[] = {12.7, 11.9}, t2[] = {1.7, 1.8},
        t3[] = {95.3, 95.2}, t4[] = {17300, 20200}, h[] = {40, 38, 35},
        a1[] = {20, 18}, a2[] = {20, 23};

    tmp = bs_test_tmpdir();
    memset(&F, 0, sizeof F);
    series(&F.m[0], "GM0995", -1, "2023", "-2pp by 2028", 1, y2, t1, 2, 1);
    series(&F.m[1], "GM0995", -1, "2023", "-15% by 2026", 1, y2, t2, 2, 0);
    series(&F.m[2], "GM0995", +1, "2023", ">= 95", 1, y2, t3, 2, 0);
    series(&F.m[3], "GM0995", -1, "2023", "down", 0, y2, t4, 2, 0);
    series(&F.m[4], "GM0995", -1, "2024HJ02", "30 by 2026", 0, hy, h, 3, 0);
    series(&F.m[5], "WK099501", -1, "2023", "down", 0, y2, a1, 2, 0);
    series(&F.m[6], "WK099502", -1, "2023", "down", 0, y2, a2, 2, 0);
    monitor(0, "t1", "T1 zonder verblijf", "%", "Jeugdigen 0-17 met een "
            "actieve toewijzing zonder verblijf, van alle kinderen tot 17.");
    monitor(1, "t2", "T2 met verblijf", "%", NULL);
    monitor(2, "t3", "T3 alleen zonder verblijf", "%", NULL);
    monitor(3, "t4", "T4 kosten per jeugdige", "euro", NULL);
    monitor(4, "wacht", "Wachtlijst toegang", NULL, NULL);
    monitor(5, "wijk", "Meldingen per wijk", NULL, NULL);
    F.pm[0].note = "De daling komt vooral uit de wijken met een "
                   "praktijkondersteuner jeugd.";
    F.area2[0] = F.m[5].series;
    F.area2[0].name = "Centrum";
    F.area2[1] = F.m[6].series;
    F.area2[1].name = "Noord";
    F.pm[5].nseries = 2;
    F.pm[5].series = F.area2;
    F.act[0] = (bs_progress_action){"Knop 5: JPH bij huisartsen",
                                    "Team jeugd", BS_STATUS_GREEN,
                                    "9 van 25 praktijken (ILLUSTRATIEF)"};
    F.act[1] = (bs_progress_action){"Knop 10: minder verlengingen", NULL,
                                    BS_STATUS_ORANGE, NULL};
    F.act[2] = (bs_progress_action){"Knop 12: verblijf afbouwen",
                                    "Contractmanagement", BS_STATUS_RED,
                                    "Aanbesteding vertraagd"};
    F.p.name = "jeugd";
    F.p.language = "nl";
    F.p.iso_date = "2026-01-15";
    F.p.author = "Gemeente Lelystad";
    F.p.nmon = NMON;
    F.p.mon = F.pm;
    F.p.nact = 3;
    F.p.act = F.act;
}

/* BS_TEST_KEEP=DIR keeps the PDFs there, to look at them. */
static void teardown(void)
{
    const char *keep = getenv("BS_TEST_KEEP");

    if (keep && *keep) {
        char *out = bs_test_cmd("cp %s/*.pdf '%s'/ 2>&1", tmp, keep);
        free(out);
    }
    bs_test_rmtree(tmp);
}

static const char *write_pdf(const char *name, int *pages)
{
    bs_error err;
    static char path[1024];

    snprintf(path, sizeof path, "%s/%s", tmp, name);
    ck_assert_msg(bs_progress_write(&F.p, path, pages, &err) == 0, "%s",
                  err.msg);
    return path;
}

/* The line of text that holds needle (static copy), or fail. */
static const char *line_of(const char *text, const char *needle)
{
    static char buf[1024];
    const char *at = strstr(text, needle), *b, *e;

    ck_assert_msg(at != NULL, "'%s' not in:\n%s", needle, text);
    for (b = at; b > text && b[-1] != '\n'; b--)
        ;
    e = strchr(at, '\n');
    snprintf(buf, sizeof buf, "%.*s", (int)(e ? e - b : (long)strlen(b)), b);
    return buf;
}

static int contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* text with every run of blanks and newlines as one space (in place). */
static char *squash(char *t)
{
    size_t o = 0;

    for (size_t i = 0; t[i]; i++) {
        int blank = t[i] == ' ' || t[i] == '\n' || t[i] == '\f';
        if (blank && (o == 0 || t[o - 1] == ' '))
            continue;
        t[o++] = blank ? ' ' : t[i];
    }
    t[o] = '\0';
    return t;
}

START_TEST(cover_names_the_latest_period)
{
    int pages;
    const char *pdf = write_pdf("p.pdf", &pages);
    char *t = squash(bs_test_page_text(pdf, 1));

    ck_assert_msg(contains(t, "Voortgangsrapportage jeugd, 2e helft 2025"), "%s", t);
    ck_assert(contains(t, "Stand 2e helft 2025"));
    ck_assert(contains(t, "15 januari 2026"));
    free(t);
}
END_TEST

START_TEST(overview_lists_every_monitor_with_its_stoplicht)
{
    int pages;
    const char *pdf = write_pdf("p.pdf", &pages);
    char *t = bs_test_page_text(pdf, 2);
    const char *l;

    ck_assert(contains(t, "Overzicht"));
    l = line_of(t, "T1 zonder");
    ck_assert_msg(contains(l, "groen") && contains(l, "12,7% (2023)") &&
                  contains(l, "11,9% v (2024)") &&
                  contains(l, "\xe2\x88\x92" "0,8 procentpunt"), "%s", l);
    ck_assert_msg(contains(t, "(\xe2\x88\x92" "6,3%)"), "%s", t);
    l = line_of(t, "T2 met");
    ck_assert_msg(contains(l, "rood") && contains(l, "1,7% (2023)") &&
                  contains(l, "1,8% (2024)"), "%s", l);
    l = line_of(t, "T3 alleen");
    ck_assert_msg(contains(l, "groen") && contains(l, ">= 95"), "%s", l);
    l = line_of(t, "T4 kosten");
    ck_assert_msg(contains(l, "rood") && contains(l, "17.300 euro") &&
                  contains(l, "20.200 euro") && contains(l, "+2.900 euro"),
                  "%s", l);
    ck_assert_msg(contains(t, "(+16,8%)"), "%s", t);
    /* 40 (2024HJ02) -> 35 (2025HJ02), path to 30 in 2026 (1,5 years):
     * at 2025,5 the path is 40 - 10 / 1,5 = 33,3; 35 is behind it but
     * better than 40: oranje */
    l = line_of(t, "Wachtlijst");
    ck_assert_msg(contains(l, "oranje") && contains(l, "35 (2e helft"),
                  "%s", l);
    l = line_of(t, "Meldingen per");
    ck_assert_msg(contains(l, "1 groen"), "%s", l);
    ck_assert_msg(contains(strstr(t, "Meldingen per"), "1 rood"), "%s", t);
    ck_assert_msg(contains(line_of(t, "voorlopig cijfer"), "v "), "%s", t);
    free(t);
}
END_TEST

START_TEST(a_page_per_monitor_then_actions_and_appendix)
{
    int pages;
    const char *pdf = write_pdf("p.pdf", &pages);
    char *t;

    ck_assert_int_eq(pages, bs_test_pdf_pages(pdf));
    ck_assert_int_ge(pages, 2 + NMON + 1 + 1);
    for (int m = 0; m < NMON; m++) {
        t = bs_test_page_text(pdf, 3 + m);
        ck_assert_msg(contains(t, F.pm[m].label), "page %d: %s", 3 + m, t);
        free(t);
    }
    t = bs_test_page_text(pdf, 3);
    ck_assert_msg(contains(t, "Stoplicht: groen"), "%s", t);
    ck_assert_msg(contains(t, "Nulwaarde: 12,7% (2023)"), "%s", t);
    ck_assert_msg(contains(t, "11,9% (2024, voorlopig cijfer)"), "%s", t);
    ck_assert_msg(contains(t, "Pad naar het doel: 12,30% (2024)"), "%s", t);
    ck_assert_msg(contains(t, "Doel: -2 procentpunt in 2028 (10,7%)") ||
                  contains(t, "procentpunt in 2028 (10,7%)"), "%s", t);
    ck_assert_msg(contains(t, "Definitie: Jeugdigen 0-17"), "%s", t);
    ck_assert_msg(contains(t, "Toelichting"), "%s", t);
    ck_assert_msg(contains(t, "praktijkondersteuner jeugd"), "%s", t);
    ck_assert_msg(contains(t, "nulwaarde 12,7%"), "the chart: %s", t);
    free(t);
    t = bs_test_page_text(pdf, 4);
    ck_assert_msg(contains(t, "Stoplicht: rood"), "%s", t);
    free(t);
    t = bs_test_page_text(pdf, 8);   /* the area-level monitor */
    ck_assert_msg(contains(line_of(t, "Centrum"), "groen"), "%s", t);
    ck_assert_msg(contains(line_of(t, "Noord"), "rood"), "%s", t);
    free(t);
}
END_TEST

START_TEST(actions_carry_their_status_words)
{
    int pages;
    const char *pdf = write_pdf("p.pdf", &pages);
    char *t = bs_test_page_text(pdf, 3 + NMON);

    ck_assert_msg(contains(t, "Voortgang van de acties"), "%s", t);
    ck_assert_msg(contains(line_of(t, "Knop 5"), "groen"), "%s", t);
    ck_assert_msg(contains(line_of(t, "Knop 10"), "oranje"), "%s", t);
    ck_assert_msg(contains(line_of(t, "Knop 12"), "rood"), "%s", t);
    ck_assert_msg(contains(t, "1 groen \xc2\xb7 1 oranje \xc2\xb7 1 rood"), "%s", t);
    free(t);
}
END_TEST

START_TEST(appendix_has_every_period)
{
    int pages;
    const char *pdf = write_pdf("p.pdf", &pages);
    char *t = bs_test_cmd("pdftotext -layout -f %d '%s' -", 4 + NMON, pdf);
    const char *l;

    ck_assert(t != NULL);
    ck_assert_msg(contains(t, "Bijlage: alle reeksen"), "%s", t);
    /* T1 in 2023: the baseline itself is grey */
    l = line_of(t, "grijs (");
    ck_assert_msg(contains(l, "2023"), "%s", l);
    ck_assert_msg(contains(t, "12,30%"), "%s", t);
    ck_assert_msg(contains(t, "33,3 "), "%s", t);   /* the path at 2025HJ02 */
    ck_assert_msg(contains(t, "1e helft 2025"), "%s", t);
    ck_assert_msg(contains(t, "Centrum") && contains(t, "Noord"), "%s", t);
    free(t);
}
END_TEST

START_TEST(period_chooses_where_series_are_judged)
{
    bs_period p23 = per("2023");
    int pages;
    const char *pdf;
    char *t;

    F.p.period = &p23;
    F.p.title = "Voortgangsrapportage jeugd";
    pdf = write_pdf("p23.pdf", &pages);
    t = squash(bs_test_page_text(pdf, 1));
    ck_assert_msg(contains(t, "Voortgangsrapportage jeugd, 2023"), "%s", t);
    free(t);
    t = bs_test_page_text(pdf, 2);
    /* at 2023 every yearly series stands at its nulwaarde: grey */
    ck_assert_msg(contains(line_of(t, "T1 zonder"), "grijs"), "%s", t);
    ck_assert_msg(!contains(t, "11,9%"), "%s", t);
    ck_assert_msg(contains(line_of(t, "Wachtlijst"), "grijs"), "%s", t);
    free(t);
    /* English */
    F.p.period = NULL;
    F.p.title = NULL;
    F.p.language = "en";
    pdf = write_pdf("en.pdf", &pages);
    t = squash(bs_test_page_text(pdf, 1));
    ck_assert_msg(contains(t, "Progress report jeugd, second half 2025"), "%s", t);
    free(t);
    t = bs_test_page_text(pdf, 2);
    ck_assert_msg(contains(line_of(t, "T1 zonder"), "green") &&
                  contains(line_of(t, "T1 zonder"), "\xe2\x88\x92" "0.8 pp (" "\xe2\x88\x92" "6.3%)"),
                  "%s", t);
    free(t);
}
END_TEST

START_TEST(check_refuses_what_cannot_be_written)
{
    bs_error err;

    F.p.nmon = 0;
    ck_assert_int_eq(bs_progress_check(&F.p, &err), -1);
    ck_assert(contains(err.msg, "no monitors"));
    F.p.nmon = NMON;
    F.p.language = "fr";
    ck_assert_int_eq(bs_progress_check(&F.p, &err), -1);
    ck_assert(contains(err.msg, "unknown language 'fr'"));
    F.p.language = "nl";
    F.act[1].status = BS_STATUS_GREY;
    ck_assert_int_eq(bs_progress_check(&F.p, &err), -1);
    ck_assert(contains(err.msg, "Knop 10"));
}
END_TEST

/* ---- the files ---- */

START_TEST(actions_file_is_read)
{
    bs_error err;
    bs_action_row *a;
    size_t n;
    char *f = bs_test_write(tmp, "a.csv",
        "action;owner;status;toelichting\n"
        "Knop 5: JPH;Team jeugd;Groen;9 van 25\n"
        "Knop 10;;oranje;\n"
        "Knop 12;CM;ROOD;\"vertraagd; zie brief\"\n");

    ck_assert_msg(bs_actions_read(f, &a, &n, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(a[0].action, "Knop 5: JPH");
    ck_assert_int_eq(a[0].status, BS_ACTION_GREEN);
    ck_assert_int_eq(a[1].status, BS_ACTION_ORANGE);
    ck_assert_ptr_null(a[1].owner);
    ck_assert_ptr_null(a[1].text);
    ck_assert_int_eq(a[2].status, BS_ACTION_RED);
    ck_assert_str_eq(a[2].text, "vertraagd; zie brief");
    ck_assert_int_eq(a[2].line, 4);
    ck_assert_int_eq(BS_ACTION_GREEN, BS_STATUS_GREEN);
    ck_assert_int_eq(BS_ACTION_RED, BS_STATUS_RED);
    bs_actions_free(a, n);
    free(f);
}
END_TEST

START_TEST(bad_actions_are_refused_at_file_and_line)
{
    static const struct { const char *text, *want; } cases[] = {
        {"action,owner,status,toelichting\nA,x,groen,\nB,y,geel,z\n",
         "a.csv:3: status 'geel': expected groen, oranje or rood"},
        {"action,owner,status,toelichting\nA,x,,\n",
         "a.csv:2: no status for action 'A'"},
        {"action,owner,status,toelichting\n,x,rood,\n",
         "a.csv:2: no action in this row"},
        {"action,owner,toelichting\nA,x,y\n", "a.csv: no column 'status'"},
        {"action,owner,status,toelichting\n", "a.csv: no actions"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bs_error err;
        bs_action_row *a = (bs_action_row *)1;
        size_t n = 9;
        char *f = bs_test_write(tmp, "a.csv", cases[k].text);
        ck_assert_int_eq(bs_actions_read(f, &a, &n, &err), -1);
        ck_assert_ptr_null(a);
        ck_assert_msg(contains(err.msg, cases[k].want), "case %zu: %s", k,
                      err.msg);
        free(f);
    }
}
END_TEST

START_TEST(notes_file_is_read_and_checked)
{
    bs_error err;
    bs_note_row *r;
    size_t n;
    char *f = bs_test_write(tmp, "n.csv", "monitor,text\nt1,Daling.\nt2,\n"
                                          "t4,\"Kosten, nominaal.\"\n");

    ck_assert_msg(bs_note_rows_read(f, &r, &n, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(r[1].monitor, "t4");
    ck_assert_str_eq(r[1].text, "Kosten, nominaal.");
    ck_assert_int_eq(r[1].line, 4);
    bs_note_rows_free(r, n);
    free(f);
    f = bs_test_write(tmp, "n.csv", "monitor,text\nt1,a\nT1,b\n");
    ck_assert_int_eq(bs_note_rows_read(f, &r, &n, &err), -1);
    ck_assert_msg(contains(err.msg, "n.csv:3: monitor 'T1' is given twice "
                           "(also at line 2)"), "%s", err.msg);
    free(f);
    f = bs_test_write(tmp, "n.csv", "monitor,text\n,a\n");
    ck_assert_int_eq(bs_note_rows_read(f, &r, &n, &err), -1);
    ck_assert_msg(contains(err.msg, "n.csv:2: no monitor"), "%s", err.msg);
    free(f);
    f = bs_test_write(tmp, "n.csv", "naam,text\nt1,a\n");
    ck_assert_int_eq(bs_note_rows_read(f, &r, &n, &err), -1);
    ck_assert_msg(contains(err.msg, "no column 'monitor'"), "%s", err.msg);
    free(f);
}
END_TEST

/* ---- the whole path: [progress] in a project (Lelystad's template) ---- */

/* templates/lelystad-monitor.ini with a [progress jeugd] section added. */
static char *lelystad_project(const char *extra)
{
    char *ini = bs_test_slurp(bs_test_src("templates/lelystad-monitor.ini"));
    char geo[2048], *fixed, *out, *at;
    size_t o = 0;

    ck_assert_ptr_nonnull(ini);
    snprintf(geo, sizeof geo, "%s", bs_test_src("geodata"));
    fixed = malloc(strlen(ini) * 2 + strlen(extra) + 4096);
    ck_assert_ptr_nonnull(fixed);
    for (const char *q = ini; *q;) {     /* ../geodata -> the source tree's */
        if ((at = strstr(q, "../geodata")) == NULL) {
            o += (size_t)sprintf(fixed + o, "%s", q);
            break;
        }
        o += (size_t)sprintf(fixed + o, "%.*s%s", (int)(at - q), q, geo);
        q = at + strlen("../geodata");
    }
    sprintf(fixed + o, "\n%s", extra);
    out = bs_test_write(tmp, "project.ini", fixed);
    free(fixed);
    free(ini);
    return out;
}

START_TEST(project_writes_progress_pdf)
{
    char *ini, *t;
    const char *out;

    free(bs_test_write(tmp, "acties.csv", "action,owner,status,toelichting\n"
                       "Knop 5: JPH bij huisartsen,Team jeugd,oranje,x\n"
                       "Knop 10: minder verlengingen,,groen,\n"));
    free(bs_test_write(tmp, "toelichting.csv", "monitor,text\n"
                       "kosten,Nog niet gecorrigeerd voor indexering.\n"));
    ini = lelystad_project("[progress jeugd]\nactions = acties.csv\n"
                           "notes = toelichting.csv\n"
                           "monitors = zonder_verblijf met_verblijf kosten\n");
    out = bs_test_run_project(ini, tmp);
    t = bs_test_cmd("pdftotext -layout '%s/progress-jeugd.pdf' -", out);
    ck_assert_ptr_nonnull(t);
    ck_assert_msg(contains(t, "Voortgangsrapportage jeugd, 2024"), "%s", t);
    /* the template's statuses: down and -15% by 2026 (ILLUSTRATIEF) */
    ck_assert_msg(contains(line_of(t, "Jeugdigen 0-18 jaar"), "groen") &&
                  contains(line_of(t, "Jeugdigen 0-18 jaar"), "12,7% (2023)"),
                  "%s", t);
    ck_assert_msg(contains(t, "ILLUSTRATIEF"), "%s", t);
    ck_assert_msg(!contains(t, "alleen jeugdhulp"), "monitors = leaves it out");
    ck_assert_msg(contains(t, "Nog niet gecorrigeerd voor indexering."), "%s", t);
    ck_assert_msg(contains(line_of(t, "Knop 5"), "oranje"), "%s", t);
    ck_assert_int_eq(bs_test_pdf_pages(bs_test_path(out, "progress-jeugd.pdf")),
                     1 + 1 + 3 + 1 + 1);
    free(t);
    free(ini);
}
END_TEST

START_TEST(project_refuses_unknown_monitor_in_notes_and_list)
{
    char err[4096], *ini;
    const char *argv[] = {"-q", "validate", "project.ini", NULL};

    free(bs_test_write(tmp, "toelichting.csv", "monitor,text\n"
                       "kosten,a\njeugdhulp,b\n"));
    ini = lelystad_project("[progress jeugd]\nnotes = toelichting.csv\n");
    ck_assert_int_ne(bs_test_run_cli(tmp, argv, err, sizeof err), 0);
    ck_assert_msg(contains(err, "toelichting.csv:3: monitor 'jeugdhulp' is not "
                           "in [progress jeugd]"), "%s", err);
    free(ini);
    ini = lelystad_project("[progress jeugd]\nmonitors = kosten wachtlijst\n");
    ck_assert_int_ne(bs_test_run_cli(tmp, argv, err, sizeof err), 0);
    ck_assert_msg(contains(err, "monitors: 'wachtlijst' is not a [monitor] "
                           "(known: zonder_verblijf"), "%s", err);
    free(ini);
    ini = lelystad_project("[progress jeugd]\nperiod = 2019\n");
    ck_assert_int_ne(bs_test_run_cli(tmp, argv, err, sizeof err), 0);
    ck_assert_msg(contains(err, "period = 2019: no monitor has a value in or "
                           "before it"), "%s", err);
    free(ini);
}
END_TEST

static Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("report");
    TCase *tf = tcase_create("files");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, cover_names_the_latest_period);
    tcase_add_test(tc, overview_lists_every_monitor_with_its_stoplicht);
    tcase_add_test(tc, a_page_per_monitor_then_actions_and_appendix);
    tcase_add_test(tc, actions_carry_their_status_words);
    tcase_add_test(tc, appendix_has_every_period);
    tcase_add_test(tc, period_chooses_where_series_are_judged);
    tcase_add_test(tc, check_refuses_what_cannot_be_written);
    suite_add_tcase(s, tc);
    tcase_add_checked_fixture(tf, setup, teardown);
    tcase_add_test(tf, actions_file_is_read);
    tcase_add_test(tf, bad_actions_are_refused_at_file_and_line);
    tcase_add_test(tf, notes_file_is_read_and_checked);
    suite_add_tcase(s, tf);
    {
        TCase *tj = tcase_create("project");
        tcase_add_checked_fixture(tj, setup, teardown);
        tcase_add_test(tj, project_writes_progress_pdf);
        tcase_add_test(tj, project_refuses_unknown_monitor_in_notes_and_list);
        suite_add_tcase(s, tj);
    }
    return s;
}

int main(void)
{
    return bs_test_run_suite(progress_suite(), 1);
}
