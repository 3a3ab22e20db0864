/* test_text.c: UTF-8 validation and repair, Windows-1252 to UTF-8. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/text.h"
#include "testutil.h"

/* bs_text_utf8_check on a C string. */
static size_t check(const char *s)
{
    return bs_text_utf8_check(s, strlen(s));
}

START_TEST(valid_utf8_is_accepted_whole)
{
    ck_assert_uint_eq(check(""), 0);
    ck_assert_uint_eq(check("Zuiderzeewijk"), 13);
    ck_assert_uint_eq(check("caf\xC3\xA9"), 5);               /* é */
    ck_assert_uint_eq(check("\xE2\x82\xAC 5"), 5);            /* € */
    ck_assert_uint_eq(check("\xF0\x9F\x98\x80"), 4);          /* U+1F600 */
    ck_assert_uint_eq(check("\xF4\x8F\xBF\xBF"), 4);          /* U+10FFFF */
    ck_assert(bs_text_utf8_valid("Fran\xC3\xA7ois"));
    ck_assert(bs_text_utf8_valid(""));
}
END_TEST

START_TEST(invalid_utf8_is_found_at_its_first_bad_byte)
{
    ck_assert_uint_eq(check("caf\xE9"), 3);                   /* Latin-1 é */
    ck_assert_uint_eq(check("ab\x80"), 2);                    /* lone tail */
    ck_assert_uint_eq(check("\xC0\xAF"), 0);                  /* overlong / */
    ck_assert_uint_eq(check("\xE0\x80\xAF"), 0);              /* overlong */
    ck_assert_uint_eq(check("x\xED\xA0\x80"), 1);             /* surrogate */
    ck_assert_uint_eq(check("\xF4\x90\x80\x80"), 0);          /* > U+10FFFF */
    ck_assert_uint_eq(check("\xF5\x80\x80\x80"), 0);
    ck_assert_uint_eq(check("ok \xE2\x82"), 3);               /* cut short */
    ck_assert(!bs_text_utf8_valid("Fran\xE7ois"));
}
END_TEST

START_TEST(utf8_check_stays_within_the_length)
{
    /* a whole "é" beyond n does not count: the sequence is cut at n */
    ck_assert_uint_eq(bs_text_utf8_check("a\xC3\xA9", 2), 1);
    ck_assert_uint_eq(bs_text_utf8_check("a\xC3\xA9", 3), 3);
    /* an embedded NUL is plain ASCII */
    ck_assert_uint_eq(bs_text_utf8_check("a\0b", 3), 3);
}
END_TEST

START_TEST(ascii_is_told_apart)
{
    ck_assert(bs_text_is_ascii(""));
    ck_assert(bs_text_is_ascii("Buurt 12, A-Z ~"));
    ck_assert(!bs_text_is_ascii("caf\xC3\xA9"));
    ck_assert(!bs_text_is_ascii("\x80"));
}
END_TEST

START_TEST(cp1252_0x80_is_the_euro_sign)
{
    size_t n = 99;
    char *s = bs_text_cp1252_to_utf8("\x80 5", 3, &n);

    ck_assert_str_eq(s, "\xE2\x82\xAC 5");
    ck_assert_uint_eq(n, 5);
    free(s);
    /* curly quotes and the ligature from the 0x80..0x9F range */
    s = bs_text_cp1252_to_utf8("\x93\x9C\x94", 3, NULL);
    ck_assert_str_eq(s, "\xE2\x80\x9C\xC5\x93\xE2\x80\x9D");
    free(s);
}
END_TEST

START_TEST(latin1_letters_decode_as_themselves)
{
    size_t n = 0;
    char *s = bs_text_cp1252_to_utf8("fl\xFBte", 5, &n);      /* û */

    ck_assert_str_eq(s, "fl\xC3\xBBte");
    ck_assert_uint_eq(n, 6);
    free(s);
    s = bs_text_cp1252_to_utf8("\xA0\xE9\xFF", 3, NULL);
    ck_assert_str_eq(s, "\xC2\xA0\xC3\xA9\xC3\xBF");
    free(s);
}
END_TEST

START_TEST(cp1252_unassigned_bytes_become_c1_controls)
{
    char *s = bs_text_cp1252_to_utf8("\x81\x8D\x8F\x90\x9D", 5, NULL);

    ck_assert_str_eq(s, "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
    free(s);
}
END_TEST

START_TEST(cp1252_ascii_is_unchanged)
{
    size_t n = 0;
    char *s = bs_text_cp1252_to_utf8("", 0, &n);

    ck_assert_str_eq(s, "");
    ck_assert_uint_eq(n, 0);
    free(s);
    s = bs_text_cp1252_to_utf8("Wijk 01", 7, &n);
    ck_assert_str_eq(s, "Wijk 01");
    ck_assert_uint_eq(n, 7);
    free(s);
}
END_TEST

START_TEST(repair_replaces_each_bad_byte_with_u_fffd)
{
    size_t n = 0;
    char *s = bs_text_utf8_repair("a\xFF" "b", 3, &n);

    ck_assert_str_eq(s, "a\xEF\xBF\xBD" "b");
    ck_assert_uint_eq(n, 5);
    free(s);
    /* a sequence cut short: each of its bytes is replaced */
    s = bs_text_utf8_repair("\xE2\x82", 2, NULL);
    ck_assert_str_eq(s, "\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    /* a surrogate is not kept */
    s = bs_text_utf8_repair("\xED\xA0\x80", 3, NULL);
    ck_assert(bs_text_utf8_valid(s));
    ck_assert_str_eq(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
}
END_TEST

START_TEST(repair_keeps_valid_utf8)
{
    const char *ok = "Zuiderzeewijk caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";
    char *s = bs_text_utf8_repair(ok, strlen(ok), NULL);

    ck_assert_str_eq(s, ok);
    free(s);
    s = bs_text_utf8_repair("caf\xC3\xA9\xE9", 6, NULL);
    ck_assert_str_eq(s, "caf\xC3\xA9\xEF\xBF\xBD");
    free(s);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, valid_utf8_is_accepted_whole);
    tcase_add_test(tc, invalid_utf8_is_found_at_its_first_bad_byte);
    tcase_add_test(tc, utf8_check_stays_within_the_length);
    tcase_add_test(tc, ascii_is_told_apart);
    tcase_add_test(tc, cp1252_0x80_is_the_euro_sign);
    tcase_add_test(tc, latin1_letters_decode_as_themselves);
    tcase_add_test(tc, cp1252_unassigned_bytes_become_c1_controls);
    tcase_add_test(tc, cp1252_ascii_is_unchanged);
    tcase_add_test(tc, repair_replaces_each_bad_byte_with_u_fffd);
    tcase_add_test(tc, repair_keeps_valid_utf8);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(text_suite(), 1);
}
