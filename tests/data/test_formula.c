/* test_formula.c: parsing and evaluating indicator formulas. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/formula.h"
#include "testutil.h"

static bs_formula *parse_ok(const char *text)
{
    bs_formula *f = NULL;
    bs_error err = {{0}};
    int rc = bs_formula_parse(text, "p.ini:3", &f, &err);

    ck_assert_msg(rc == 0, "'%s': %s", text, err.msg);
    ck_assert(f != NULL);
    return f;
}

/* Value of a formula without columns. */
static double constant(const char *text)
{
    bs_formula *f = parse_ok(text);
    double out = -12345;

    ck_assert_uint_eq(bs_formula_ncolumns(f), 0);
    bs_formula_eval(f, NULL, 1, &out);
    bs_formula_free(f);
    return out;
}

static void assert_error(const char *text, const char *where, const char *msg)
{
    bs_formula *f = (bs_formula *)&f; /* must be reset to NULL */
    bs_error err = {{0}};

    ck_assert_int_eq(bs_formula_parse(text, where, &f, &err), -1);
    ck_assert(f == NULL);
    ck_assert_msg(strcmp(err.msg, msg) == 0, "'%s': got \"%s\", want \"%s\"",
                  text, err.msg, msg);
}

START_TEST(precedence_and_associativity)
{
    ck_assert(constant("1 + 2 * 3") == 7);
    ck_assert(constant("(1 + 2) * 3") == 9);
    ck_assert(constant("10 - 4 - 3") == 3);
    ck_assert(constant("100 / 10 / 2") == 5);
    ck_assert(constant("2 * 3 - 8 / 4") == 4);
    ck_assert(constant("2*(3-(8/4))") == 2);
    ck_assert(constant("((7))") == 7);
}
END_TEST

START_TEST(numbers_in_all_written_forms)
{
    ck_assert(constant("100") == 100);
    ck_assert(constant("0.5") == 0.5);
    ck_assert(constant("1e3") == 1000);
    ck_assert(constant("2.5E-1") == 0.25);
    ck_assert(constant("1e+2") == 100);
    ck_assert(constant(".5 * 4") == 2);
}
END_TEST

START_TEST(unary_minus)
{
    ck_assert(constant("-2 * 3") == -6);
    ck_assert(constant("-(1 + 2)") == -3);
    ck_assert(constant("2 - -3") == 5);
    ck_assert(constant("- - 4") == 4);
    ck_assert(constant("-2 - 3") == -5);
    ck_assert(constant("6 / -2") == -3);
}
END_TEST

START_TEST(rate_per_area_with_missing_and_zero_denominator)
{
    bs_formula *f = parse_ok("100 * jeugdhulp / jongeren");
    const double jh[] = {5, 0, NAN, 3, 7};
    const double jo[] = {50, 10, 20, 0, NAN};
    const double *cols[2];
    double out[5];

    ck_assert_uint_eq(bs_formula_ncolumns(f), 2);
    ck_assert_str_eq(bs_formula_column(f, 0), "jeugdhulp");
    ck_assert_str_eq(bs_formula_column(f, 1), "jongeren");
    cols[0] = jh;
    cols[1] = jo;
    bs_formula_eval(f, cols, 5, out);
    ck_assert(out[0] == 10);
    ck_assert(out[1] == 0);
    ck_assert(isnan(out[2]));
    ck_assert_msg(isnan(out[3]), "3/0 gave %g, want NaN", out[3]);
    ck_assert(isnan(out[4]));
    bs_formula_free(f);
}
END_TEST

START_TEST(division_by_zero_is_missing_not_infinite)
{
    bs_formula *f = parse_ok("a / (b - b) + 1");
    const double a[] = {1, -1, 0}, b[] = {4, 4, 4};
    const double *cols[] = {a, b};
    double out[3];

    bs_formula_eval(f, cols, 3, out);
    ck_assert(isnan(out[0]) && isnan(out[1]) && isnan(out[2]));
    bs_formula_free(f);
    ck_assert(isnan(constant("1 / 0")));
    ck_assert(isnan(constant("-1 / (2 - 2)")));
}
END_TEST

START_TEST(missing_operand_propagates)
{
    bs_formula *f = parse_ok("0 * a + b - b");
    const double a[] = {NAN, 2}, b[] = {1, NAN};
    const double *cols[] = {a, b};
    double out[2];

    bs_formula_eval(f, cols, 2, out);
    ck_assert(isnan(out[0]) && isnan(out[1]));
    bs_formula_free(f);
}
END_TEST

START_TEST(backticked_and_dotted_names)
{
    bs_formula *f = parse_ok("`0_15` + `pop 65+` * x.y_1 - `x.y_1`");
    const double c0[] = {1}, c1[] = {2}, c2[] = {3};
    const double *cols[] = {c0, c1, c2};
    double out[1];

    ck_assert_uint_eq(bs_formula_ncolumns(f), 3);
    ck_assert_str_eq(bs_formula_column(f, 0), "0_15");
    ck_assert_str_eq(bs_formula_column(f, 1), "pop 65+");
    ck_assert_str_eq(bs_formula_column(f, 2), "x.y_1");
    ck_assert(bs_formula_column(f, 3) == NULL);
    bs_formula_eval(f, cols, 1, out);
    ck_assert(out[0] == 1 + 2 * 3 - 3);
    bs_formula_free(f);
}
END_TEST

START_TEST(columns_listed_in_order_of_first_use)
{
    bs_formula *f = parse_ok("b + a * b + (c - _a) / a");
    const double a[] = {2}, b[] = {3}, c[] = {11}, ua[] = {1};
    const double *cols[] = {b, a, c, ua};
    double out[1];

    ck_assert_uint_eq(bs_formula_ncolumns(f), 4);
    ck_assert_str_eq(bs_formula_column(f, 0), "b");
    ck_assert_str_eq(bs_formula_column(f, 1), "a");
    ck_assert_str_eq(bs_formula_column(f, 2), "c");
    ck_assert_str_eq(bs_formula_column(f, 3), "_a");
    bs_formula_eval(f, cols, 1, out);
    ck_assert(out[0] == 3 + 2 * 3 + (11 - 1) / 2.0);
    bs_formula_free(f);
}
END_TEST

START_TEST(errors_name_the_position)
{
    assert_error("(a + b))", "p.ini:3",
                 "p.ini:3: formula: unexpected ')' at position 8");
    assert_error("a * (b + c", "p.ini:3",
                 "p.ini:3: formula: expected ')' at position 11 (end of "
                 "formula)");
    assert_error("(a b)", "p.ini:3",
                 "p.ini:3: formula: expected ')' at position 4");
    assert_error("a b", "p.ini:3",
                 "p.ini:3: formula: unexpected name 'b' at position 3");
    assert_error("a + * b", "p.ini:3",
                 "p.ini:3: formula: unexpected '*' at position 5");
    assert_error("a +", "p.ini:3",
                 "p.ini:3: formula: unexpected end of formula at position 4");
    assert_error("()", "p.ini:3",
                 "p.ini:3: formula: unexpected ')' at position 2");
    assert_error("+a", "p.ini:3",
                 "p.ini:3: formula: unexpected '+' at position 1");
    assert_error("a % b", "p.ini:3",
                 "p.ini:3: formula: unexpected character '%' at position 3");
    assert_error("1 + `abc", "p.ini:3",
                 "p.ini:3: formula: unterminated ` at position 5");
    assert_error("`` * 2", "p.ini:3",
                 "p.ini:3: formula: empty column name `` at position 1");
    assert_error("2x + 1", "p.ini:3",
                 "p.ini:3: formula: bad number '2x' at position 1");
    assert_error("a + 1.2.3", "p.ini:3",
                 "p.ini:3: formula: bad number '1.2.3' at position 5");
    assert_error("3 4", "p.ini:3",
                 "p.ini:3: formula: unexpected number '4' at position 3");
}
END_TEST

START_TEST(empty_formula_is_an_error)
{
    assert_error("", "p.ini:7", "p.ini:7: formula: empty formula");
    assert_error("  \t ", "p.ini:7", "p.ini:7: formula: empty formula");
    assert_error("", NULL, "formula: empty formula");
}
END_TEST

/* Builds "1+2*(1+2*(...(1)...))" with `levels` parentheses: every level
 * keeps two operands pending, the deepest use of the evaluation stack. */
static char *nested(int levels)
{
    char *s = malloc((size_t)levels * 7 + 2), *p = s;
    int i;

    for (i = 0; i < levels; i++) {
        memcpy(p, "1+2*(", 5);
        p += 5;
    }
    *p++ = '1';
    for (i = 0; i < levels; i++)
        *p++ = ')';
    *p = '\0';
    return s;
}

START_TEST(deep_nesting_evaluates_and_too_deep_is_an_error)
{
    char *s = nested(64), msg[128];
    double v = 1, got;
    int i;

    /* v(d) = 1 + 2 v(d+1) from the innermost 1 outwards, in the same order
     * of operations as the formula, so the doubles agree exactly. */
    for (i = 0; i < 64; i++)
        v = 1 + 2 * v;
    got = constant(s);
    ck_assert_msg(got == v, "%.17g, want %.17g", got, v);
    free(s);

    s = nested(65);
    /* The 65th '(' is the last character of the 65th "1+2*(". */
    snprintf(msg, sizeof msg,
             "x:1: formula: more than 64 nested parentheses at position %d",
             65 * 5);
    assert_error(s, "x:1", msg);
    free(s);
}
END_TEST

static Suite *formula_suite(void)
{
    Suite *s = suite_create("formula");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, precedence_and_associativity);
    tcase_add_test(tc, numbers_in_all_written_forms);
    tcase_add_test(tc, unary_minus);
    tcase_add_test(tc, rate_per_area_with_missing_and_zero_denominator);
    tcase_add_test(tc, division_by_zero_is_missing_not_infinite);
    tcase_add_test(tc, missing_operand_propagates);
    tcase_add_test(tc, backticked_and_dotted_names);
    tcase_add_test(tc, columns_listed_in_order_of_first_use);
    tcase_add_test(tc, errors_name_the_position);
    tcase_add_test(tc, empty_formula_is_an_error);
    tcase_add_test(tc, deep_nesting_evaluates_and_too_deep_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(formula_suite(), 1);
}
