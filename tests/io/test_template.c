/* test_template.c: the report template reader: errors with their line,
 * continued values and paragraphs, yes/no in both languages, the logo's
 * bytes read only when the cover is shown, the palette's line kept for
 * the report's check. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/template.h"
#include "testutil.h"

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

START_TEST(template_errors_name_the_line)
{
    bs_report_template t;
    bs_error err;
    char *p, want[512];

    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t1.ini", "[report]\nlanguage = nl\n[ranking]\n"
                                     "titel = Rangorde\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    snprintf(want, sizeof want, "%s:4: unknown key 'titel' in [ranking]", p);
    ck_assert_str_eq(err.msg, want);
    free(p);
    p = bs_test_write(tmp, "t2.ini", "[report]\naccent = blauw\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":2: accent = 'blauw'") != NULL);
    free(p);
    p = bs_test_write(tmp, "t3.ini", "[kaart]\ntitle = x\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":2: unknown section [kaart]") != NULL);
    free(p);
    p = bs_test_write(tmp, "t4.ini", "[method]\ntitle = A\ntitle = B\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":3: 'title' is given twice in [method] (first at "
                     "line 2)") != NULL);
    free(p);
    p = bs_test_write(tmp, "t6.ini", "\n[report]\nlanguage = de\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":3: language = 'de': nl or en") != NULL);
    free(p);
    p = bs_test_write(tmp, "t7.ini", "[caveat]\ntitle = Let op\n  dit.\ntext = x\n"
                                     "[appendix]\nkolom = 3\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":6: unknown key 'kolom' in [appendix]") != NULL);
    ck_assert_str_eq(t.caveat_title, "Let op dit.");
    free(p);
    p = bs_test_write(tmp, "t5.ini", "[method]\nshow = misschien\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    ck_assert(strstr(err.msg, ":2: show = 'misschien' is not yes or no") != NULL);
    free(p);
    bs_report_template_free(&t);
}
END_TEST

START_TEST(template_values_continue_and_make_paragraphs)
{
    bs_report_template t;
    bs_error err;
    char *p;

    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t.ini", "[method]\ntitle = Werkwijze\nintro = Eerste\n"
                                    "  regel.\\nTweede alinea.\n[cover]\nshow = no\n"
                                    "[report]\nlogo = logo.png\n");
    ck_assert_msg(bs_report_template_read(p, &t, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(t.sec[BS_SEC_METHOD].intro, "Eerste regel.\nTweede alinea.");
    ck_assert_int_eq(t.sec[BS_SEC_COVER].show, 0);
    ck_assert_int_eq(t.sec[BS_SEC_METHOD].show, 1);
    ck_assert(strstr(t.logo, "/logo.png") != NULL);
    ck_assert(strncmp(t.logo, tmp, strlen(tmp)) == 0);
    /* the cover is not shown: the (missing) logo is not read */
    ck_assert_ptr_null(t.logo_png);
    free(p);
    bs_report_template_free(&t);
}
END_TEST

START_TEST(switches_take_dutch_and_english_words)
{
    bs_report_template t;
    bs_error err;
    char *p;

    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t.ini", "[ranking]\nshow = nee\n[appendix]\nshow = ja\n"
                                    "[overview]\nshow = false\n");
    ck_assert_msg(bs_report_template_read(p, &t, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(t.sec[BS_SEC_RANKING].show, 0);
    ck_assert_int_eq(t.sec[BS_SEC_APPENDIX].show, 1);
    ck_assert_int_eq(t.sec[BS_SEC_OVERVIEW].show, 0);
    free(p);
    bs_report_template_free(&t);
}
END_TEST

START_TEST(the_logo_is_read_with_the_template_when_the_cover_shows)
{
    bs_report_template t;
    bs_error err;
    char *p, *logo, want[512];
    static const char bytes[] = "\x89PNG\r\n\x1a\nnot really a png";

    /* the reader reads the bytes; whether they are a PNG is the report's
     * check (bs_report_check) */
    logo = bs_test_write(tmp, "logo.png", bytes);
    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t.ini", "[report]\nlogo = logo.png\n");
    ck_assert_msg(bs_report_template_read(p, &t, &err) == 0, "%s", err.msg);
    ck_assert_ptr_nonnull(t.logo_png);
    ck_assert_uint_eq(t.logo_size, strlen(bytes));
    ck_assert(memcmp(t.logo_png, bytes, t.logo_size) == 0);
    free(p);
    bs_report_template_free(&t);

    /* a missing logo is an error naming it */
    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t2.ini", "[report]\nlogo = geen.png\n");
    ck_assert_int_eq(bs_report_template_read(p, &t, &err), -1);
    snprintf(want, sizeof want, "%s/geen.png: cannot read the logo (a PNG file)", tmp);
    ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    free(p);
    bs_report_template_free(&t);
    free(logo);
}
END_TEST

START_TEST(the_palette_keeps_its_line_for_the_check)
{
    bs_report_template t;
    bs_error err;
    char *p, want[512];

    bs_report_template_init(&t);
    p = bs_test_write(tmp, "t.ini", "[report]\nfont = DejaVu Serif\npalette = Paars\n");
    ck_assert_msg(bs_report_template_read(p, &t, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(t.palette, "Paars");
    snprintf(want, sizeof want, "%s:3", p);
    ck_assert_str_eq(t.palette_at, want);
    ck_assert_int_eq(t.has_accent, 0);
    free(p);
    bs_report_template_free(&t);
}
END_TEST

START_TEST(sections_and_questions_have_names)
{
    ck_assert_str_eq(bs_report_section_name(BS_SEC_COVER), "cover");
    ck_assert_str_eq(bs_report_section_name(BS_SEC_APPENDIX), "appendix");
    ck_assert_ptr_null(bs_report_section_name(BS_SEC_COUNT));
    ck_assert_str_eq(bs_report_question_name(0), "aansluiten");
    ck_assert_str_eq(bs_report_question_name(2), "ondersteunen");
    ck_assert_ptr_null(bs_report_question_name(3));
}
END_TEST

static Suite *template_suite(void)
{
    Suite *s = suite_create("template");
    TCase *tc = tcase_create("read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, template_errors_name_the_line);
    tcase_add_test(tc, template_values_continue_and_make_paragraphs);
    tcase_add_test(tc, switches_take_dutch_and_english_words);
    tcase_add_test(tc, the_logo_is_read_with_the_template_when_the_cover_shows);
    tcase_add_test(tc, the_palette_keeps_its_line_for_the_check);
    tcase_add_test(tc, sections_and_questions_have_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(template_suite(), 1);
}
