/* test_period.c: StatLine and plain period codes, the time axis, order and
 * the Dutch names. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/period.h"
#include "testutil.h"

static bs_period get(const char *text)
{
    bs_period p;
    bs_error err;

    ck_assert_msg(bs_period_parse(text, NULL, &p, &err) == 0, "%s: %s", text,
                  err.msg);
    return p;
}

START_TEST(statline_codes)
{
    bs_period p = get("2024JJ00");

    ck_assert_int_eq(p.kind, BS_PERIOD_YEAR);
    ck_assert_int_eq(p.year, 2024);
    ck_assert_int_eq(p.part, 0);
    ck_assert_str_eq(p.text, "2024JJ00");
    p = get("2024HJ02");
    ck_assert_int_eq(p.kind, BS_PERIOD_HALF);
    ck_assert_int_eq(p.part, 2);
    p = get("2024KW01");
    ck_assert_int_eq(p.kind, BS_PERIOD_QUARTER);
    ck_assert_int_eq(p.part, 1);
    p = get("  2024MM03 ");
    ck_assert_int_eq(p.kind, BS_PERIOD_MONTH);
    ck_assert_int_eq(p.part, 3);
    ck_assert_str_eq(p.text, "2024MM03");   /* as read, blanks removed */
    p = get("2024hj01");
    ck_assert_int_eq(p.kind, BS_PERIOD_HALF);
    ck_assert_str_eq(p.text, "2024hj01");
}
END_TEST

START_TEST(plain_forms)
{
    bs_period p = get("2024");

    ck_assert_int_eq(p.kind, BS_PERIOD_YEAR);
    ck_assert_str_eq(p.text, "2024");
    p = get("2024H1");
    ck_assert_int_eq(p.kind, BS_PERIOD_HALF);
    ck_assert_int_eq(p.part, 1);
    p = get("2024-H2");
    ck_assert_int_eq(p.kind, BS_PERIOD_HALF);
    ck_assert_int_eq(p.part, 2);
    p = get("2024Q3");
    ck_assert_int_eq(p.kind, BS_PERIOD_QUARTER);
    ck_assert_int_eq(p.part, 3);
    p = get("2024-q4");
    ck_assert_int_eq(p.kind, BS_PERIOD_QUARTER);
    ck_assert_int_eq(p.part, 4);
    p = get("2024-11");
    ck_assert_int_eq(p.kind, BS_PERIOD_MONTH);
    ck_assert_int_eq(p.part, 11);
}
END_TEST

START_TEST(same_period_however_written)
{
    bs_period a = get("2024"), b = get("2024JJ00"), c = get("2024-H2"),
              d = get("2024HJ02"), e = get("2024HJ01");

    ck_assert(bs_period_same(&a, &b));
    ck_assert(bs_period_same(&c, &d));
    ck_assert(!bs_period_same(&a, &e));   /* same start, not the same period */
    ck_assert_int_eq(bs_period_cmp(&a, &b), 0);
    ck_assert_int_eq(bs_period_cmp(&c, &d), 0);
}
END_TEST

START_TEST(time_axis_in_years)
{
    bs_period p = get("2024HJ01");

    ck_assert_double_eq(bs_period_time(&p), 2024.0);
    p = get("2025HJ02");
    ck_assert_double_eq(bs_period_time(&p), 2025.5);
    ck_assert_double_eq(bs_period_length(&p), 0.5);
    p = get("2024KW03");
    ck_assert_double_eq(bs_period_time(&p), 2024.5);
    p = get("2024Q4");
    ck_assert_double_eq(bs_period_time(&p), 2024.75);
    ck_assert_double_eq(bs_period_length(&p), 0.25);
    p = get("2024MM03");
    ck_assert_double_eq_tol(bs_period_time(&p), 2024 + 2.0 / 12, 1e-12);
    p = get("2023");
    ck_assert_double_eq(bs_period_time(&p), 2023.0);
    ck_assert_double_eq(bs_period_length(&p), 1.0);
}
END_TEST

START_TEST(order_by_start_then_longer_first)
{
    static const char *const sorted[] = {
        "2023HJ02", "2024", "2024HJ01", "2024KW01", "2024MM01", "2024MM02",
        "2024Q2", "2024MM06", "2024-H2", "2024KW03", "2024MM12", "2025JJ00",
    };
    size_t i, j, n = sizeof sorted / sizeof *sorted;

    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            bs_period a = get(sorted[i]), b = get(sorted[j]);
            int c = bs_period_cmp(&a, &b);
            ck_assert_msg((i < j && c < 0) || (i == j && c == 0) || (i > j && c > 0),
                          "%s vs %s: %d", sorted[i], sorted[j], c);
        }
}
END_TEST

START_TEST(dutch_and_english_names)
{
    char buf[64];
    bs_period p = get("2025HJ02");

    ck_assert_str_eq(bs_period_format(&p, "nl", buf, sizeof buf), "2e helft 2025");
    ck_assert_str_eq(bs_period_format(&p, "en", buf, sizeof buf), "second half 2025");
    p = get("2024JJ00");
    ck_assert_str_eq(bs_period_format(&p, "nl", buf, sizeof buf), "2024");
    p = get("2024KW01");
    ck_assert_str_eq(bs_period_format(&p, "nl", buf, sizeof buf), "1e kwartaal 2024");
    ck_assert_str_eq(bs_period_format(&p, "en", buf, sizeof buf), "Q1 2024");
    p = get("2024MM03");
    ck_assert_str_eq(bs_period_format(&p, "nl", buf, sizeof buf), "maart 2024");
    ck_assert_str_eq(bs_period_format(&p, "en", buf, sizeof buf), "March 2024");
    p = get("2024H1");
    ck_assert_str_eq(bs_period_code(&p, buf, sizeof buf), "2024HJ01");
    p = get("2024");
    ck_assert_str_eq(bs_period_code(&p, buf, sizeof buf), "2024JJ00");
    p = get("2024-03");
    ck_assert_str_eq(bs_period_code(&p, buf, sizeof buf), "2024MM03");
}
END_TEST

/* Each bad text and a piece of the message it must give. */
START_TEST(bad_periods_say_why)
{
    static const char *const bad[][2] = {
        { "2024HJ03", "a half year is HJ01 or HJ02" },
        { "2024KW05", "a quarter is KW01 to KW04" },
        { "2024MM13", "a month is MM01 to MM12" },
        { "2024MM00", "a month is MM01 to MM12" },
        { "2024JJ01", "a StatLine year is written JJ00" },
        { "2024XX01", "unknown StatLine period type" },
        { "2024H3", "a half year is H1 or H2" },
        { "2024Q0", "a quarter is Q1 to Q4" },
        { "2024-13", "a month is 01 to 12" },
        { "24", "expected a year (2024)" },
        { "2024 H1", "expected a year (2024)" },
        { "juni 2024", "expected a year (2024)" },
        { "1700", "before 1800" },
        { "", "empty period" },
        { "2024JJ00-and-much-more-text", "too long" },
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        bs_period p;
        bs_error err;
        ck_assert_msg(bs_period_parse(bad[i][0], "x.ini:3: [monitor a] baseline",
                                      &p, &err) == -1, "%s accepted", bad[i][0]);
        ck_assert_msg(strstr(err.msg, bad[i][1]) != NULL, "%s: %s", bad[i][0],
                      err.msg);
        ck_assert_msg(strncmp(err.msg, "x.ini:3: [monitor a] baseline: ", 31) == 0,
                      "%s", err.msg);
    }
}
END_TEST

START_TEST(lists_of_periods)
{
    bs_period *list;
    size_t n;
    bs_error err;

    ck_assert_int_eq(bs_period_list_parse("2023 2024", NULL, &list, &n, &err), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(list[1].year, 2024);
    free(list);
    ck_assert_int_eq(bs_period_list_parse(" 2024HJ01, 2024HJ02 ", NULL, &list, &n,
                                          &err), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(list[1].part, 2);
    free(list);
    ck_assert_int_eq(bs_period_list_parse("2024 2024JJ00", "p.ini:4", &list, &n,
                                          &err), -1);
    ck_assert_str_eq(err.msg, "p.ini:4: period '2024JJ00' is listed twice (as '2024')");
    ck_assert_int_eq(bs_period_list_parse("  ", "p.ini:4", &list, &n, &err), -1);
    ck_assert(strstr(err.msg, "no periods given") != NULL);
    ck_assert_int_eq(bs_period_list_parse("2023 2024HJ3", "p.ini:4", &list, &n,
                                          &err), -1);
    ck_assert(strstr(err.msg, "'2024HJ3' is not a period") != NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("period");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, statline_codes);
    tcase_add_test(tc, plain_forms);
    tcase_add_test(tc, same_period_however_written);
    tcase_add_test(tc, time_axis_in_years);
    tcase_add_test(tc, order_by_start_then_longer_first);
    tcase_add_test(tc, dutch_and_english_names);
    tcase_add_test(tc, bad_periods_say_why);
    tcase_add_test(tc, lists_of_periods);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
