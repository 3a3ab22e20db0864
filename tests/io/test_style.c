/* test_style.c: the style reader's switches take the one yes/no vocabulary
 * (bs_parse_yesno), as the project file does. */
#include <check.h>
#include <string.h>
#include "buurtscan/style.h"
#include "testutil.h"

START_TEST(test_style_yesno_words)
{
    static const struct { const char *text; int halo; } cases[] = {
        {"halo = ja\n", 1}, {"halo = nee\n", 0}, {"halo = Yes\n", 1},
        {"halo = no\n", 0}, {"halo = true\n", 1}, {"halo = 0\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bs_style s;
        bs_error err;
        memset(&s, 0, sizeof s);   /* the reader changes what it is given */
        s.halo = !cases[i].halo;
        ck_assert_msg(bs_style_parse(cases[i].text, "inline", &s, &err) == 0,
                      "%s: %s", cases[i].text, err.msg);
        ck_assert_int_eq(s.halo, cases[i].halo);
    }
}
END_TEST

START_TEST(test_style_bad_switch)
{
    bs_style s;
    bs_error err;
    memset(&s, 0, sizeof s);
    ck_assert_int_ne(bs_style_parse("fade = 0.5\nhalo = misschien\n", "inline", &s,
                                    &err), 0);
    ck_assert_str_eq(err.msg, "inline:2: halo = 'misschien' is not yes or no");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("style");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_style_yesno_words);
    tcase_add_test(tc, test_style_bad_switch);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
