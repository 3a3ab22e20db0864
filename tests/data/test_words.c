/* test_words.c: the translations table: every text in every language, the
 * same printf conversions in each, and the language names. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/words.h"
#include "testutil.h"

/* The printf conversions of fmt ("%zu", "%s", ...; "%%" is none), joined
 * into out. */
static void conversions(const char *fmt, char *out, size_t n)
{
    size_t o = 0;

    out[0] = '\0';
    for (const char *p = fmt; *p; p++) {
        const char *q;
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        q = p + 1;
        while (*q && !strchr("diouxXeEfgGcsp", *q))
            q++;
        ck_assert_msg(*q, "'%s': a conversion without its letter", fmt);
        o += (size_t)snprintf(out + o, n - o, "%.*s;", (int)(q - p + 1), p);
        p = q;
    }
}

START_TEST(every_text_is_there_in_every_language)
{
    for (int k = 0; k < BS_WORD_COUNT; k++)
        for (int l = 0; l < BS_LANG_COUNT; l++)
            ck_assert_msg(bs_word((bs_wordkey)k, (bs_lang)l)[0] != '\0',
                          "word %d has no %s text", k, bs_lang_name((bs_lang)l));
}
END_TEST

START_TEST(formats_have_the_same_conversions_in_every_language)
{
    for (int k = 0; k < BS_WORD_COUNT; k++) {
        char nl[256], other[256];
        conversions(bs_word((bs_wordkey)k, BS_LANG_NL), nl, sizeof nl);
        for (int l = 1; l < BS_LANG_COUNT; l++) {
            conversions(bs_word((bs_wordkey)k, (bs_lang)l), other, sizeof other);
            ck_assert_msg(strcmp(nl, other) == 0, "word %d: nl '%s', %s '%s'",
                          k, nl, bs_lang_name((bs_lang)l), other);
        }
    }
}
END_TEST

START_TEST(texts_come_in_their_language)
{
    ck_assert_str_eq(bs_word(BS_W_DISC_SECRET, BS_LANG_NL), "geheim of onbetrouwbaar");
    ck_assert_str_eq(bs_word(BS_W_DISC_SECRET, BS_LANG_EN), "secret or unreliable");
    ck_assert_str_eq(bs_word((bs_wordkey)(BS_W_JANUARY + 10), BS_LANG_EN), "November");
    ck_assert_str_eq(bs_word(BS_W_DECEMBER, BS_LANG_NL), "december");
    ck_assert_str_eq(bs_word(BS_W_DECIMAL_SIGN, BS_LANG_NL), ",");
    ck_assert_str_eq(bs_word(BS_W_DECIMAL_SIGN, BS_LANG_EN), ".");
    /* out of range: an empty text, never NULL */
    ck_assert_str_eq(bs_word(BS_WORD_COUNT, BS_LANG_NL), "");
    ck_assert_str_eq(bs_word(BS_W_YES, BS_LANG_COUNT), "");
}
END_TEST

START_TEST(languages_are_named_nl_and_en)
{
    bs_lang l = BS_LANG_EN;

    ck_assert_int_eq(bs_lang_parse(NULL, &l), 0);
    ck_assert_int_eq(l, BS_LANG_NL);
    ck_assert_int_eq(bs_lang_parse("en", &l), 0);
    ck_assert_int_eq(l, BS_LANG_EN);
    ck_assert_int_eq(bs_lang_parse("nl", &l), 0);
    ck_assert_int_eq(l, BS_LANG_NL);
    l = BS_LANG_EN;
    ck_assert_int_eq(bs_lang_parse("de", &l), -1);
    ck_assert_int_eq(bs_lang_parse("EN", &l), -1);
    ck_assert_int_eq(l, BS_LANG_EN);          /* unchanged */
    ck_assert_int_eq(bs_lang_of("de"), BS_LANG_NL);
    ck_assert_int_eq(bs_lang_of("en"), BS_LANG_EN);
    ck_assert_str_eq(bs_lang_name(BS_LANG_EN), "en");
    ck_assert_ptr_null(bs_lang_name(BS_LANG_COUNT));
}
END_TEST

static Suite *words_suite(void)
{
    Suite *s = suite_create("words");
    TCase *tc = tcase_create("table");

    tcase_add_test(tc, every_text_is_there_in_every_language);
    tcase_add_test(tc, formats_have_the_same_conversions_in_every_language);
    tcase_add_test(tc, texts_come_in_their_language);
    tcase_add_test(tc, languages_are_named_nl_and_en);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(words_suite(), 1);
}
