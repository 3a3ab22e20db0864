/* test_typeset.c: the page-layout engine: dates, page furniture with the
 * page total, tables that break with repeated headers and right-aligned
 * numbers, paragraphs across pages, footnotes, the outline and contents,
 * byte-identical output for a fixed date, and errors.
 *
 * The PDFs are read back with pdfinfo, pdftotext (poppler-utils) and
 * qpdf --json (package qpdf). */
#define _GNU_SOURCE 1   /* memmem */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "buurtscan/typeset.h"
#include "testutil.h"

/* ---- running tools ---- */

/* The value of a pdfinfo field (static buffer). */
static const char *info_field(const char *info, const char *key)
{
    static char val[256];
    const char *p = info;
    size_t kl = strlen(key);

    val[0] = '\0';
    while (p && *p) {
        if (!strncmp(p, key, kl) && p[kl] == ':') {
            p += kl + 1;
            while (*p == ' ')
                p++;
            snprintf(val, sizeof val, "%.*s", (int)strcspn(p, "\n"), p);
            break;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return val;
}

/* ---- a test document ---- */

#define NROWS 130

typedef struct spec {
    int blocks_drawn;         /* draw callbacks run (drawing pass only) */
    int cairo_null_while_measuring;
    int fail;                 /* the callback fails */
    int long_para;            /* a paragraph of many lines */
} spec;

static const char *lorem =
    "De gebiedsscan brengt per wijk en dorp in kaart waar we kunnen "
    "aansluiten bij bestaande structuren, waar de vragen liggen en waar extra "
    "ondersteuning nodig is.";

static void cell(void *ud, size_t r, size_t c, bs_doc_cell *o)
{
    (void)ud;
    if (c == 0) {
        snprintf(o->buf, sizeof o->buf, "rij %03zu", r + 1);
    } else if (c == 1) {
        if (r == 77) {
            o->text = ".";
            o->note_symbol = ".";
            o->note_text = "geheim of onbetrouwbaar";
            return;
        }
        /* numbers of different widths, to test right alignment */
        snprintf(o->buf, sizeof o->buf, "%zu,%zu", (r * 7919) % 100000, r % 10);
    } else {
        snprintf(o->buf, sizeof o->buf, "%s", r % 9 == 0 ? "een langere tekst "
                 "die in deze smalle kolom over twee regels loopt" : "kort");
    }
    o->text = o->buf;
}

static int block(void *ud, cairo_t *cr, double x, double y, double w, double h,
                 bs_error *err)
{
    spec *s = ud;
    (void)err;
    s->blocks_drawn++;
    cairo_rectangle(cr, x * BS_MM_PT, y * BS_MM_PT, w * BS_MM_PT, h * BS_MM_PT);
    cairo_set_source_rgb(cr, 0.8, 0.85, 0.9);
    cairo_fill(cr);
    return 0;
}

static int compose(bs_doc *d, void *ud, bs_error *err)
{
    spec *s = ud;
    bs_doc_column cols[3] = {{"Rijnaam", 30, BS_ALIGN_LEFT, 0, 0},
                             {"Kolomkop getal", 35, BS_ALIGN_RIGHT, 0, 0},
                             {"Toelichting", 0, BS_ALIGN_LEFT, 0, 0}};
    bs_doc_table tb;
    const char *items[3] = {"Eerste punt.", lorem, "Derde punt."};

    if (bs_doc_measuring(d) && bs_doc_cairo(d) == NULL)
        s->cairo_null_while_measuring = 1;
    if (bs_doc_new_page(d, BS_PAGE_PLAIN, err) != 0 ||
        bs_doc_mark(d, 1, "Voorblad", 0, err) != 0 ||
        bs_doc_text(d, 22, 100, 160, "Testrapport", BS_TEXT_TITLE, 0, err) < 0 ||
        bs_doc_contents(d, "Inhoud", err) != 0)
        return -1;
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, "Eerste hoofdstuk", 20, err) != 0 ||
        bs_doc_paragraph(d, lorem, BS_TEXT_BODY, 0, err) != 0 ||
        bs_doc_bullets(d, items, 3, 0, err) != 0 ||
        bs_doc_callout(d, "Let op", lorem, 0, err) != 0 ||
        bs_doc_heading(d, 2, "Een paragraaf", 20, err) != 0 ||
        bs_doc_block(d, 40, block, s, err) != 0)
        return -1;
    if (s->long_para) {
        char *big = malloc(40 * (strlen(lorem) + 1) + 1);
        big[0] = '\0';
        for (int i = 0; i < 40; i++) {
            strcat(big, lorem);
            strcat(big, " ");
        }
        if (bs_doc_paragraph(d, big, BS_TEXT_BODY, 0, err) != 0) {
            free(big);
            return -1;
        }
        free(big);
    }
    if (s->fail)
        return bs_error_set(err, "the callback failed on purpose");
    if (bs_doc_new_page(d, 0, err) != 0 ||
        bs_doc_heading(d, 1, "Tweede hoofdstuk", 20, err) != 0)
        return -1;
    memset(&tb, 0, sizeof tb);
    tb.cols = cols;
    tb.ncols = 3;
    tb.nrows = NROWS;
    tb.caption = "Tabel 1  Alle rijen";
    tb.zebra = 1;
    tb.cell = cell;
    tb.ud = s;
    if (bs_doc_table_run(d, &tb, err) != 0)
        return -1;
    return bs_doc_heading(d, 2, "Na de tabel", 20, err);
}

/* Renders the test document into dir/name; returns the path (malloc'd). */
static char *render(spec *s, const char *dir, const char *date,
                    const char *name, int *pages)
{
    bs_doc_info info;
    bs_error err;
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    int rc;

    sprintf(path, "%s/%s", dir, name);
    memset(&info, 0, sizeof info);
    info.title = "Testrapport";
    info.author = "Gemeente Voorbeeld";
    info.subject = "Een test";
    info.iso_date = date;
    info.footer = "Gemeente Voorbeeld";
    rc = bs_doc_render(&info, NULL, compose, s, path, pages, &err);
    ck_assert_msg(rc == 0, "render failed: %s", err.msg);
    return path;
}

static char *tmp;             /* this test's directory */

static void setup(void)
{
    tmp = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(tmp);
    free(tmp);
}

/* ---- tests ---- */

START_TEST(dates_in_dutch_and_english)
{
    char buf[64];

    ck_assert_int_eq(bs_date_format("2026-11-22", "nl", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "22 november 2026");
    ck_assert_int_eq(bs_date_format("2026-11-22T00:00:00", "en", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "22 November 2026");
    ck_assert_int_eq(bs_date_format("2024-02-29", NULL, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "29 februari 2024");
    ck_assert_int_eq(bs_date_format("2026-03-01", "nl", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "1 maart 2026");
    ck_assert_int_eq(bs_date_format("2026-02-29", "nl", buf, sizeof buf), -1);
    ck_assert_int_eq(bs_date_format("1900-02-29", "nl", buf, sizeof buf), -1);
    ck_assert_int_eq(bs_date_format("2026-13-01", "nl", buf, sizeof buf), -1);
    ck_assert_int_eq(bs_date_format("2026-1-1", "nl", buf, sizeof buf), -1);
    ck_assert_int_eq(bs_date_format("22-11-2026", "nl", buf, sizeof buf), -1);
    ck_assert_int_eq(bs_date_format("2026-11-22", "de", buf, sizeof buf), -1);
}
END_TEST

START_TEST(a_fixed_date_gives_a_byte_identical_pdf)
{
    spec s1 = {0}, s2 = {0}, s3 = {0};
    char *a = render(&s1, tmp, "2026-11-22", "a.pdf", NULL);
    char *b = render(&s2, tmp, "2026-11-22", "b.pdf", NULL);
    char *c = render(&s3, tmp, "2026-11-23", "c.pdf", NULL);
    struct stat sa, sb;
    char *da, *db, *dc, *info;

    ck_assert(stat(a, &sa) == 0 && stat(b, &sb) == 0);
    ck_assert(sa.st_size > 1000);
    ck_assert_int_eq(sa.st_size, sb.st_size);
    da = bs_test_slurp(a);
    db = bs_test_slurp(b);
    dc = bs_test_slurp(c);
    ck_assert(stat(c, &sb) == 0);
    ck_assert(memcmp(da, db, (size_t)sa.st_size) == 0);
    ck_assert(memmem(dc, (size_t)sb.st_size, "20261123", 8) != NULL);
    ck_assert(memmem(da, (size_t)sa.st_size, "20261122", 8) != NULL);
    ck_assert(memmem(da, (size_t)sa.st_size, "20261123", 8) == NULL);
    info = bs_test_cmd("pdfinfo -isodates '%s'", a);
    ck_assert_str_eq(info_field(info, "CreationDate"), "2026-11-22T00:00:00Z");
    ck_assert_str_eq(info_field(info, "ModDate"), "2026-11-22T00:00:00Z");
    ck_assert_str_eq(info_field(info, "Author"), "Gemeente Voorbeeld");
    ck_assert_str_eq(info_field(info, "Title"), "Testrapport");
    ck_assert_str_eq(info_field(info, "Subject"), "Een test");
    ck_assert_str_eq(info_field(info, "Creator"), "buurtscan");
    free(info);
    free(da);
    free(db);
    free(dc);
    free(a);
    free(b);
    free(c);
}
END_TEST

START_TEST(every_page_says_pagina_n_van_total)
{
    spec s = {0};
    int pages = 0;
    char *path = render(&s, tmp, "2026-11-22", "pages.pdf", &pages);
    int n = bs_test_pdf_pages(path);

    ck_assert_int_eq(n, pages);
    ck_assert_int_ge(n, 5);
    for (int p = 1; p <= n; p++) {
        char *t = bs_test_page_text(path, p), want[64];
        snprintf(want, sizeof want, "pagina %d van %d", p, n);
        if (p == 1)   /* the cover is plain */
            ck_assert_msg(strstr(t, "pagina") == NULL, "cover has a footer");
        else
            ck_assert_msg(strstr(t, want) != NULL, "page %d lacks '%s'", p, want);
        free(t);
    }
    free(path);
}
END_TEST

START_TEST(tables_break_with_repeated_headers_and_every_row_once)
{
    spec s = {0};
    char *path = render(&s, tmp, "2026-11-22", "table.pdf", NULL);
    int n = bs_test_pdf_pages(path), next = 1, table_pages = 0;

    for (int p = 1; p <= n; p++) {
        char *t = bs_test_page_text(path, p), name[32];
        int first = next;
        while (next <= NROWS) {
            snprintf(name, sizeof name, "rij %03d", next);
            if (!strstr(t, name))
                break;
            next++;
        }
        if (next > first) {
            table_pages++;
            ck_assert_msg(strstr(t, "Kolomkop getal") != NULL,
                          "page %d has rows but no header", p);
            ck_assert_msg(strstr(t, "Tabel 1") != NULL, "page %d: no caption", p);
            if (first > 1)
                ck_assert_msg(strstr(t, "(vervolg)") != NULL,
                              "continuation page %d is not marked", p);
            /* the last rows never stand alone */
            if (next > NROWS)
                ck_assert_int_ge(next - first, 3);
        }
        free(t);
    }
    ck_assert_int_eq(next, NROWS + 1);
    ck_assert_int_ge(table_pages, 3);
    free(path);
}
END_TEST

/* xMax of the words on a page's lines that start with "rij": the second
 * word on the line is the number. Right-aligned numbers end on one x. */
START_TEST(numbers_are_right_aligned)
{
    spec s = {0};
    char *path = render(&s, tmp, "2026-11-22", "align.pdf", NULL);
    char *html = bs_test_cmd("pdftotext -bbox -f 4 -l 4 '%s' -", path);
    char *p = html;
    double xmax_first = NAN;
    int checked = 0;

    ck_assert(html != NULL);
    while ((p = strstr(p, ">rij</word>")) != NULL) {
        /* "rij" "NNN" then the number word */
        char *w = p;
        double xmax;
        for (int k = 0; k < 2 && w; k++)
            w = strstr(w + 1, "<word ");
        if (!w)
            break;
        ck_assert(sscanf(strstr(w, "xMax=\"") + 6, "%lf", &xmax) == 1);
        {
            char *txt = strchr(w, '>') + 1;
            if (txt[0] >= '0' && txt[0] <= '9') {
                if (isnan(xmax_first))
                    xmax_first = xmax;
                ck_assert_msg(fabs(xmax - xmax_first) < 0.05,
                              "number ends at %.3f, the first at %.3f", xmax,
                              xmax_first);
                checked++;
            }
        }
        p++;
    }
    ck_assert_int_ge(checked, 20);
    free(html);
    free(path);
}
END_TEST

START_TEST(a_footnote_is_on_the_page_of_its_cell_only)
{
    spec s = {0};
    char *path = render(&s, tmp, "2026-11-22", "notes.pdf", NULL);
    int n = bs_test_pdf_pages(path), found = 0;

    for (int p = 1; p <= n; p++) {
        char *t = bs_test_page_text(path, p);
        int has_row = strstr(t, "rij 078") != NULL;
        int has_note = strstr(t, "geheim of onbetrouwbaar") != NULL;
        ck_assert_int_eq(has_row, has_note);
        found += has_note;
        free(t);
    }
    ck_assert_int_eq(found, 1);
    free(path);
}
END_TEST

START_TEST(outline_and_contents_give_the_pages_of_the_headings)
{
    spec s = {0};
    char *path = render(&s, tmp, "2026-11-22", "outline.pdf", NULL);
    bs_test_outline o[32];
    int n = bs_test_pdf_outline(path, o, 32);
    const char *want[6] = {"Voorblad", "Eerste hoofdstuk", "Een paragraaf",
                           "Tweede hoofdstuk", "Na de tabel", NULL};
    const int depth[5] = {1, 1, 2, 1, 2};
    char *contents = bs_test_page_text(path, 2);

    ck_assert_int_eq(n, 5);
    for (int i = 0; i < 5; i++) {
        char *t = bs_test_page_text(path, o[i].page);
        ck_assert_str_eq(o[i].title, want[i]);
        ck_assert_int_eq(o[i].depth, depth[i]);
        ck_assert_msg(strstr(t, i == 0 ? "Testrapport" : want[i]) != NULL,
                      "'%s' is not on page %d", want[i], o[i].page);
        free(t);
    }
    /* the contents list the headings (not the cover) with their pages */
    ck_assert(strstr(contents, "Inhoud") != NULL);
    ck_assert(strstr(contents, "Voorblad") == NULL);
    for (int i = 1; i < 5; i++) {
        char *line = strstr(contents, want[i]), *nl;
        int pg;
        ck_assert_msg(line != NULL, "'%s' not in the contents", want[i]);
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        pg = atoi(strrchr(line, ' ') + 1);
        ck_assert_msg(pg == o[i].page, "contents give %d for '%s', outline %d",
                      pg, want[i], o[i].page);
        if (nl)
            *nl = '\n';
    }
    free(contents);
    free(path);
}
END_TEST

START_TEST(a_long_paragraph_flows_over_pages_intact)
{
    spec s = {0};
    char *path, *all, *p;
    int count = 0;

    s.long_para = 1;
    path = render(&s, tmp, "2026-11-22", "flow.pdf", NULL);
    /* the text frame only (no running header or footer), pages joined */
    all = bs_test_cmd("pdftotext -x 0 -y 60 -W 600 -H 720 '%s' - | tr -s ' \\n\\f' ' '",
              path);
    for (p = all; (p = strstr(p, "ondersteuning nodig is.")) != NULL; p++)
        count++;
    /* 40 copies in the paragraph, one in the first one, one in a bullet,
     * one in the callout */
    ck_assert_int_eq(count, 43);
    free(all);
    free(path);
}
END_TEST

START_TEST(blocks_are_drawn_once_and_only_in_the_drawing_pass)
{
    spec s = {0};
    char *path = render(&s, tmp, "2026-11-22", "blocks.pdf", NULL);

    ck_assert_int_eq(s.blocks_drawn, 1);
    ck_assert_int_eq(s.cairo_null_while_measuring, 1);
    free(path);
}
END_TEST

START_TEST(errors_are_returned_and_leave_no_file)
{
    spec s = {0};
    bs_doc_info info;
    bs_error err;
    char path[512];
    const char *dir = tmp;

    memset(&info, 0, sizeof info);
    info.title = "x";
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    info.iso_date = "2026-02-30";
    ck_assert_int_eq(bs_doc_render(&info, NULL, compose, &s, path, NULL, &err), -1);
    ck_assert(strstr(err.msg, "2026-02-30") != NULL);
    info.iso_date = "2026-11-22";
    info.language = "fr";
    ck_assert_int_eq(bs_doc_render(&info, NULL, compose, &s, path, NULL, &err), -1);
    ck_assert(strstr(err.msg, "fr") != NULL);
    info.language = NULL;
    s.fail = 1;
    ck_assert_int_eq(bs_doc_render(&info, NULL, compose, &s, path, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "the callback failed on purpose");
    ck_assert(access(path, F_OK) != 0);
    s.fail = 0;
    snprintf(path, sizeof path, "%s/no/such/dir/out.pdf", dir);
    ck_assert_int_eq(bs_doc_render(&info, NULL, compose, &s, path, NULL, &err), -1);
    ck_assert(strstr(err.msg, path) != NULL);
}
END_TEST

/* A PDF the writer thread cannot write (here: past a file size limit, in a
 * child process) fails with a message naming the file, and leaves none. */
START_TEST(a_pdf_that_cannot_be_written_is_an_error_naming_it)
{
    char path[512];
    pid_t pid;
    int status;

    snprintf(path, sizeof path, "%s/full.pdf", tmp);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        spec s = {0};
        bs_doc_info info;
        bs_error err;
        struct rlimit rl = {4096, 4096};
        int ok;
        signal(SIGXFSZ, SIG_IGN);   /* writes past the limit fail instead */
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(2);
        memset(&info, 0, sizeof info);
        info.title = "Testrapport";
        info.iso_date = "2026-11-22";
        s.long_para = 1;
        ok = bs_doc_render(&info, NULL, compose, &s, path, NULL, &err) == -1 &&
             strstr(err.msg, path) && strstr(err.msg, "cannot write the PDF") &&
             access(path, F_OK) != 0;
        if (!ok)
            fprintf(stderr, "got: %s\n", err.msg);
        _exit(ok ? 0 : 1);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static int bad_markup(bs_doc *d, void *ud, bs_error *err)
{
    (void)ud;
    return bs_doc_paragraph(d, "<b>open", BS_TEXT_BODY, BS_T_MARKUP, err);
}

START_TEST(bad_markup_is_an_error)
{
    bs_doc_info info;
    bs_error err;
    char path[512];

    memset(&info, 0, sizeof info);
    info.iso_date = "2026-11-22";
    snprintf(path, sizeof path, "%s/m.pdf", tmp);
    ck_assert_int_eq(bs_doc_render(&info, NULL, bad_markup, NULL, path, NULL,
                                   &err), -1);
    ck_assert(strstr(err.msg, "markup") != NULL);
}
END_TEST

static Suite *typeset_suite(void)
{
    Suite *s = suite_create("typeset");
    TCase *tc = tcase_create("typeset");

    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, dates_in_dutch_and_english);
    tcase_add_test(tc, a_fixed_date_gives_a_byte_identical_pdf);
    tcase_add_test(tc, every_page_says_pagina_n_van_total);
    tcase_add_test(tc, tables_break_with_repeated_headers_and_every_row_once);
    tcase_add_test(tc, numbers_are_right_aligned);
    tcase_add_test(tc, a_footnote_is_on_the_page_of_its_cell_only);
    tcase_add_test(tc, outline_and_contents_give_the_pages_of_the_headings);
    tcase_add_test(tc, a_long_paragraph_flows_over_pages_intact);
    tcase_add_test(tc, blocks_are_drawn_once_and_only_in_the_drawing_pass);
    tcase_add_test(tc, errors_are_returned_and_leave_no_file);
    tcase_add_test(tc, a_pdf_that_cannot_be_written_is_an_error_naming_it);
    tcase_add_test(tc, bad_markup_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(typeset_suite(), 1);
}
