/* test_disclosure.c: the CBS suppression and rounding rules of
 * disclosure.h and the plan of disclosure_plan.h (secondary suppression
 * across indicators and totals, the score policies, normalisation,
 * classes) on hand-computed cases. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/disclosure.h"
#include "buurtscan/disclosure_plan.h"
#include "testutil.h"

static bs_disc_settings cbs(void)
{
    bs_disc_settings s;
    bs_disc_settings_init(&s);
    return s;
}

static void count_is(const bs_disc_settings *s, double v, bs_disc_flag want,
                     double want_out)
{
    double out = -1;
    bs_disc_flag f = bs_disclose_count(v, s, &out);

    ck_assert_msg(f == want, "count %g: flag %d, want %d", v, f, want);
    if (isnan(want_out))
        ck_assert_msg(isnan(out), "count %g: printed %g, want nothing", v, out);
    else
        ck_assert_msg(out == want_out, "count %g: printed %g, want %g", v, out,
                      want_out);
}

START_TEST(defaults_are_cbs_practice)
{
    bs_disc_settings s = cbs();

    ck_assert(s.min_count == 10 && s.round_base == 5 && s.min_denominator == 50);
    ck_assert_int_eq(bs_disc_settings_check(&s, NULL), 0);
}
END_TEST

START_TEST(counts_below_ten_are_suppressed)
{
    bs_disc_settings s = cbs();

    count_is(&s, 0, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 1, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 9, BS_DISC_SUPPRESSED, NAN);
    count_is(&s, 9.99, BS_DISC_SUPPRESSED, NAN);
}
END_TEST

START_TEST(counts_are_rounded_to_five)
{
    bs_disc_settings s = cbs();

    count_is(&s, 10, BS_DISC_ROUNDED, 10);
    count_is(&s, 12, BS_DISC_ROUNDED, 10);     /* 2.4 -> 2 */
    count_is(&s, 12.5, BS_DISC_ROUNDED, 15);   /* 2.5 -> 3: half away */
    count_is(&s, 13, BS_DISC_ROUNDED, 15);
    count_is(&s, 15, BS_DISC_ROUNDED, 15);
    count_is(&s, 1234, BS_DISC_ROUNDED, 1235); /* 246.8 -> 247 */
    count_is(&s, 1232, BS_DISC_ROUNDED, 1230); /* 246.4 -> 246 */
}
END_TEST

START_TEST(missing_and_negative_counts_are_missing)
{
    bs_disc_settings s = cbs();

    count_is(&s, NAN, BS_DISC_MISSING, NAN);
    count_is(&s, -3, BS_DISC_MISSING, NAN);
    count_is(&s, INFINITY, BS_DISC_MISSING, NAN);
}
END_TEST

START_TEST(rounding_never_prints_below_the_threshold)
{
    bs_disc_settings s = cbs();

    s.min_count = 7;       /* 7 rounds to 5 < 7: rounded up to 10 */
    count_is(&s, 7, BS_DISC_ROUNDED, 10);
    count_is(&s, 6, BS_DISC_SUPPRESSED, NAN);
    s.min_count = 10;
    s.round_base = 10;     /* Kerncijfers uitkeringen */
    count_is(&s, 14, BS_DISC_ROUNDED, 10);
    count_is(&s, 15, BS_DISC_ROUNDED, 20);
    s.round_base = 0;      /* no rounding */
    count_is(&s, 12, BS_DISC_OK, 12);
    s.round_base = 1;
    count_is(&s, 12.4, BS_DISC_ROUNDED, 12);
}
END_TEST

START_TEST(rates_on_small_denominators_are_suppressed)
{
    bs_disc_settings s = cbs();
    double out = -1;

    ck_assert_int_eq(bs_disclose_rate(12.5, 49, &s, &out), BS_DISC_SUPPRESSED);
    ck_assert(isnan(out));
    ck_assert_int_eq(bs_disclose_rate(12.5, 50, &s, &out), BS_DISC_OK);
    ck_assert(out == 12.5);
    ck_assert_int_eq(bs_disclose_rate(12.5, NAN, &s, &out), BS_DISC_SUPPRESSED);
    ck_assert_int_eq(bs_disclose_rate(NAN, 500, &s, &out), BS_DISC_MISSING);
    ck_assert(isnan(out));
}
END_TEST

START_TEST(rate_of_a_small_count_is_suppressed)
{
    bs_disc_settings s = cbs();
    double out = -1;

    /* 9 of 1000: the denominator is large, the count is not */
    ck_assert_int_eq(bs_disclose_rate_of(9, 1000, 1000, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert(isnan(out));
    ck_assert_int_eq(bs_disclose_rate_of(30, 400, 1000, &s, &out), BS_DISC_OK);
    ck_assert(out == 75.0);
    ck_assert_int_eq(bs_disclose_rate_of(30, 40, 1000, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert_int_eq(bs_disclose_rate_of(30, 0, 1000, &s, &out),
                     BS_DISC_MISSING);
    ck_assert_int_eq(bs_disclose_rate_of(NAN, 400, 1000, &s, &out),
                     BS_DISC_MISSING);
}
END_TEST

START_TEST(array_forms_match_the_single_values)
{
    bs_disc_settings s = cbs();
    double v[5] = {3, 11, NAN, 48, 100}, out[5];
    double r[3] = {1.5, 2.5, 3.5}, den[3] = {20, 50, NAN}, rout[3];
    unsigned char f[5], rf[3];

    bs_disclose_counts(v, 5, &s, out, f);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_ROUNDED);
    ck_assert(out[1] == 10);
    ck_assert_int_eq(f[2], BS_DISC_MISSING);
    ck_assert(out[3] == 50 && out[4] == 100);
    bs_disclose_rates(r, den, 3, &s, rout, rf);
    ck_assert_int_eq(rf[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(rf[1], BS_DISC_OK);
    ck_assert(rout[1] == 2.5);
    ck_assert_int_eq(rf[2], BS_DISC_SUPPRESSED);
}
END_TEST

START_TEST(one_suppressed_cell_takes_the_next_smallest_with_it)
{
    bs_disc_settings s = cbs();
    double v[4] = {120, 7, 45, 33}, out[4], total;
    unsigned char f[4], tf;
    size_t nsec = 99;

    /* primary: 7 suppressed; total 205 printed; 205 - 120 - 45 - 35 would
     * give 5 +- rounding back, so 33 (the smallest printed) goes too */
    bs_disclose_group(v, 4, &s, 1, out, f, &total, &tf, &nsec);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);
    ck_assert(out[0] == 120);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(out[2] == 45);
    ck_assert_int_eq(f[3], BS_DISC_SUPPRESSED);
    ck_assert(isnan(out[3]));
    ck_assert_int_eq(tf, BS_DISC_ROUNDED);
    ck_assert(total == 205);
    ck_assert_uint_eq(nsec, 1);
}
END_TEST

START_TEST(equal_candidates_take_the_first)
{
    bs_disc_settings s = cbs();
    double v[4] = {7, 20, 20, 50}, out[4], total;
    unsigned char f[4], tf;

    bs_disclose_group(v, 4, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(total == 95);   /* 97 -> 95 */
}
END_TEST

START_TEST(two_suppressed_cells_need_nothing_more)
{
    bs_disc_settings s = cbs();
    double v[3] = {3, 4, 50}, out[3], total;
    unsigned char f[3], tf;
    size_t nsec = 99;

    bs_disclose_group(v, 3, &s, 1, out, f, &total, &tf, &nsec);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert(out[2] == 50);
    ck_assert(total == 55);   /* 57 -> 55 */
    ck_assert_uint_eq(nsec, 0);
}
END_TEST

START_TEST(no_secondary_suppression_without_a_printed_total)
{
    bs_disc_settings s = cbs();
    double v[3] = {120, 7, 45}, out[3], total;
    unsigned char f[3], tf;

    bs_disclose_group(v, 3, &s, 0, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[2], BS_DISC_ROUNDED);
    ck_assert_int_eq(tf, BS_DISC_SUPPRESSED);
    ck_assert(isnan(total));
}
END_TEST

START_TEST(a_missing_cell_makes_the_total_missing)
{
    bs_disc_settings s = cbs();
    double v[3] = {120, 7, NAN}, out[3], total;
    unsigned char f[3], tf;

    bs_disclose_group(v, 3, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(tf, BS_DISC_MISSING);
    ck_assert_int_eq(f[0], BS_DISC_ROUNDED);   /* no total: nothing to protect */
    ck_assert(out[0] == 120);
}
END_TEST

START_TEST(a_small_total_is_suppressed_and_protects_itself)
{
    bs_disc_settings s = cbs();
    double v[2] = {4, 3}, out[2], total;
    unsigned char f[2], tf;

    bs_disclose_group(v, 2, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(tf, BS_DISC_SUPPRESSED);
}
END_TEST

START_TEST(one_cell_next_to_a_suppressed_one_goes_too)
{
    bs_disc_settings s = cbs();
    double v[2] = {4, 50}, out[2], total;
    unsigned char f[2], tf;

    /* 54 -> 55 printed; 50 printed would give 4 +- 5 back */
    bs_disclose_group(v, 2, &s, 1, out, f, &total, &tf, NULL);
    ck_assert_int_eq(f[0], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(f[1], BS_DISC_SUPPRESSED);
    ck_assert_int_eq(tf, BS_DISC_ROUNDED);
    ck_assert(total == 55);
}
END_TEST

START_TEST(bad_settings_are_named)
{
    bs_disc_settings s = cbs();
    bs_error err;

    s.round_base = 2.5;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "round") != NULL);
    s = cbs();
    s.min_count = -1;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "min_count") != NULL);
    s = cbs();
    s.min_denominator = NAN;
    ck_assert_int_eq(bs_disc_settings_check(&s, &err), -1);
    ck_assert(strstr(err.msg, "min_denominator") != NULL);
}
END_TEST

START_TEST(footnotes_in_both_languages)
{
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, "nl"),
                     "geheim of onbetrouwbaar");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, NULL),
                     "geheim of onbetrouwbaar");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_SUPPRESSED, "en"),
                     "secret or unreliable");
    ck_assert_str_eq(bs_disc_footnote(BS_DISC_MISSING, "nl"), "onbekend");
    ck_assert(bs_disc_footnote(BS_DISC_ROUNDED, "nl") == NULL);
}
END_TEST


START_TEST(rate_on_a_small_numerator_is_suppressed)
{
    bs_disc_settings s = cbs();
    double out = -1;

    /* "0,5 per 100 on 600" is 3 persons */
    ck_assert_int_eq(bs_disclose_rate_counted(0.5, 3, 600, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert(isnan(out));
    ck_assert_int_eq(bs_disclose_rate_counted(2.5, 15, 600, &s, &out), BS_DISC_OK);
    ck_assert(out == 2.5);
    /* an unknown numerator cannot be shown to be large enough */
    ck_assert_int_eq(bs_disclose_rate_counted(2.5, NAN, 600, &s, &out),
                     BS_DISC_SUPPRESSED);
    /* a small denominator still comes first; a missing rate is missing */
    ck_assert_int_eq(bs_disclose_rate_counted(50, 20, 40, &s, &out),
                     BS_DISC_SUPPRESSED);
    ck_assert_int_eq(bs_disclose_rate_counted(NAN, 20, 400, &s, &out),
                     BS_DISC_MISSING);
}
END_TEST

/* A plan of columns over n areas with the CBS settings. */
static void plan_of(const bs_disc_column *col, size_t nind, size_t n,
                    const size_t *group, size_t ngroups, bs_disc_policy pol,
                    bs_disc_plan *p)
{
    bs_disc_settings s = cbs();
    bs_error err;

    ck_assert_msg(bs_disc_plan_make(col, nind, n, group, ngroups, &s, pol, p,
                                    &err) == 0, "%s", err.msg);
}

static bs_disc_column column(const char *id, bs_disc_kind kind,
                             const double *v, const char *q)
{
    bs_disc_column c;

    memset(&c, 0, sizeof c);
    c.id = id;
    c.kind = kind;
    c.value = v;
    c.quantity = q;
    c.per = 100;
    return c;
}

#define CELL(p, k, i) ((p)->flag[(k) * (p)->n + (i)])
#define WHY(p, k, i) ((p)->reason[(k) * (p)->n + (i)])

START_TEST(plan_derives_the_numerator_of_a_rate_read_from_a_column)
{
    /* jeugdhulp 7 of 745 youths read as 0,9396 per 100: numerator 7 */
    double rate[3] = {100.0 * 7 / 745, 100.0 * 45 / 745, 2.0};
    double den[3] = {745, 745, 40};
    bs_disc_column c = column("jeugdhulp", BS_DISC_RATE, rate, "jeugdhulp");
    bs_disc_plan p;

    c.denominator = den;
    plan_of(&c, 1, 3, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(CELL(&p, 0, 0), BS_DISC_SUPPRESSED);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_NUMERATOR);
    ck_assert_int_eq(CELL(&p, 0, 1), BS_DISC_OK);
    ck_assert(p.shown[1] == rate[1]);
    ck_assert_int_eq(WHY(&p, 0, 2), BS_DISC_R_DENOMINATOR);
    ck_assert_uint_eq(p.nprimary, 2);
    ck_assert_uint_eq(p.nsecondary, 0);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(a_rate_of_a_suppressed_count_is_suppressed_too)
{
    /* count 7 suppressed; the rate of the same numerator on a public
     * denominator would give it back; and a count 12 whose rate is
     * suppressed for its small denominator (40) goes with it */
    double n[3] = {7, 12, 300}, den[3] = {745, 40, 2000};
    double rate[3] = {100.0 * 7 / 745, 100.0 * 12 / 40, 15};
    double other[3] = {20, 20, 20};
    bs_disc_column c[3];
    bs_disc_plan p;

    c[0] = column("jeugdhulp_n", BS_DISC_COUNT, n, "Jeugdhulp");
    c[1] = column("jeugdhulp", BS_DISC_RATE, rate, "jeugdhulp");
    c[1].numerator = n;
    c[1].denominator = den;
    c[1].den_quantity = "jongeren";
    c[2] = column("woz", BS_DISC_COUNT, other, NULL);
    plan_of(c, 3, 3, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_COUNT);
    ck_assert_int_eq(WHY(&p, 1, 0), BS_DISC_R_NUMERATOR);
    ck_assert_int_eq(WHY(&p, 1, 1), BS_DISC_R_DENOMINATOR);
    ck_assert_int_eq(WHY(&p, 0, 1), BS_DISC_R_LINKED);  /* case ignored */
    ck_assert_int_eq(CELL(&p, 0, 2), BS_DISC_ROUNDED);
    ck_assert_int_eq(CELL(&p, 1, 2), BS_DISC_OK);
    ck_assert_int_eq(CELL(&p, 2, 0), BS_DISC_ROUNDED); /* tied to nothing */
    ck_assert_uint_eq(p.nsecondary, 1);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(rates_sharing_a_numerator_fall_together)
{
    /* 15 allocations: per 100 of 30 youths (suppressed, denominator) and
     * per 1000 of 1200 inhabitants (printable alone): the second times its
     * denominator gives 15 and with it the first */
    double num[2] = {15, 40}, youth[2] = {30, 400}, inh[2] = {1200, 3000};
    double r1[2] = {50, 10}, r2[2] = {12.5, 40.0 / 3};
    bs_disc_column c[2];
    bs_disc_plan p;

    c[0] = column("per_jeugdige", BS_DISC_RATE, r1, "toewijzingen");
    c[0].numerator = num;
    c[0].denominator = youth;
    c[1] = column("per_inwoner", BS_DISC_RATE, r2, "toewijzingen");
    c[1].numerator = num;
    c[1].denominator = inh;
    c[1].per = 1000;
    plan_of(c, 2, 2, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_DENOMINATOR);
    ck_assert_int_eq(WHY(&p, 1, 0), BS_DISC_R_LINKED);
    ck_assert_int_eq(CELL(&p, 0, 1), BS_DISC_OK);
    ck_assert_int_eq(CELL(&p, 1, 1), BS_DISC_OK);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(a_small_denominator_count_takes_its_rates)
{
    /* 8 youths: the count is suppressed and so is every rate over it */
    double youth[2] = {8, 400}, num[2] = {0, 40}, rate[2] = {0, 10};
    bs_disc_column c[2];
    bs_disc_plan p;
    bs_disc_settings s = cbs();
    bs_error err;

    c[0] = column("jongeren", BS_DISC_COUNT, youth, "jongeren");
    c[1] = column("rate", BS_DISC_RATE, rate, "x");
    c[1].numerator = num;
    c[1].denominator = youth;
    c[1].den_quantity = "jongeren";
    s.min_denominator = 0;      /* so that only rule 2 can take the rate */
    ck_assert_int_eq(bs_disc_plan_make(c, 2, 2, NULL, 0, &s, BS_DISC_WITHOUT, &p,
                                       &err), 0);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_COUNT);
    ck_assert_int_eq(WHY(&p, 1, 0), BS_DISC_R_NUMERATOR);
    bs_disc_plan_free(&p);
    num[0] = 12;                /* a large numerator over 8 youths */
    rate[0] = 150;
    ck_assert_int_eq(bs_disc_plan_make(c, 2, 2, NULL, 0, &s, BS_DISC_WITHOUT, &p,
                                       &err), 0);
    ck_assert_int_eq(WHY(&p, 1, 0), BS_DISC_R_LINKED);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(a_printed_total_protects_its_one_suppressed_cell)
{
    /* as bs_disclose_group: 7 suppressed, 33 (the smallest other) too */
    double v[4] = {120, 7, 45, 33};
    bs_disc_column c = column("meldingen", BS_DISC_COUNT, v, "meldingen");
    bs_disc_plan p;

    c.total_printed = 1;
    plan_of(&c, 1, 4, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(WHY(&p, 0, 1), BS_DISC_R_COUNT);
    ck_assert_int_eq(WHY(&p, 0, 3), BS_DISC_R_TOTAL);
    ck_assert_int_eq(CELL(&p, 0, 0), BS_DISC_ROUNDED);
    ck_assert_int_eq(p.total_flag[0], BS_DISC_ROUNDED);
    ck_assert(p.total[0] == 205);
    ck_assert_uint_eq(p.nsecondary, 1);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(secondary_suppression_runs_until_nothing_changes)
{
    /* meldingen (total printed) 7 in area 0 takes area 2's 20; the rate of
     * the same numerator falls in both areas; its own total then has two
     * suppressed cells and needs nothing more */
    double n[4] = {7, 90, 20, 60}, den[4] = {500, 900, 800, 600};
    double rate[4];
    bs_disc_column c[2];
    bs_disc_plan p;
    size_t i;

    for (i = 0; i < 4; i++)
        rate[i] = 100 * n[i] / den[i];
    c[0] = column("meldingen_n", BS_DISC_COUNT, n, "meldingen");
    c[0].total_printed = 1;
    c[1] = column("meldingen", BS_DISC_RATE, rate, "meldingen");
    c[1].denominator = den;
    c[1].total_printed = 1;
    plan_of(c, 2, 4, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_COUNT);
    ck_assert_int_eq(WHY(&p, 0, 2), BS_DISC_R_TOTAL);
    ck_assert_int_eq(WHY(&p, 1, 0), BS_DISC_R_NUMERATOR);
    ck_assert_int_eq(WHY(&p, 1, 2), BS_DISC_R_LINKED);
    ck_assert_int_eq(CELL(&p, 0, 1), BS_DISC_ROUNDED);
    ck_assert_int_eq(CELL(&p, 1, 3), BS_DISC_OK);
    /* the rate's total: 177 per 2800, per 100 */
    ck_assert_int_eq(p.total_flag[1], BS_DISC_OK);
    ck_assert_double_eq_tol(p.total[1], 100.0 * 177 / 2800, 1e-12);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(groups_protect_their_own_totals)
{
    /* two gemeenten: a suppressed cell in each takes its own smallest */
    double v[6] = {5, 40, 30, 200, 3, 150};
    size_t group[6] = {0, 0, 0, 1, 1, 1};
    bs_disc_column c = column("n", BS_DISC_COUNT, v, NULL);
    bs_disc_plan p;
    bs_disc_settings s = cbs();
    bs_error err;

    c.total_printed = 1;
    plan_of(&c, 1, 6, group, 2, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(WHY(&p, 0, 2), BS_DISC_R_TOTAL);
    ck_assert_int_eq(WHY(&p, 0, 5), BS_DISC_R_TOTAL);
    ck_assert_int_eq(CELL(&p, 0, 1), BS_DISC_ROUNDED);
    ck_assert_int_eq(CELL(&p, 0, 3), BS_DISC_ROUNDED);
    ck_assert(p.total[0] == 75 && p.total[1] == 355);
    bs_disc_plan_free(&p);
    group[2] = 7;
    ck_assert_int_eq(bs_disc_plan_make(&c, 1, 6, group, 2, &s, BS_DISC_WITHOUT,
                                       &p, &err), -1);
    ck_assert(strstr(err.msg, "area 3") != NULL);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(a_group_of_one_withholds_its_total)
{
    double v[2] = {4, 400};
    size_t group[2] = {0, 1};
    bs_disc_column c = column("n", BS_DISC_COUNT, v, NULL);
    bs_disc_plan p;

    c.total_printed = 1;
    plan_of(&c, 1, 2, group, 2, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(p.total_flag[0], BS_DISC_SUPPRESSED);
    ck_assert(isnan(p.total[0]));
    ck_assert(p.total[1] == 400);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(printable_masks_follow_the_policy)
{
    double a[3] = {7, 40, 60}, b[3] = {1, 2, NAN};
    bs_disc_column c[2];
    bs_disc_plan p;
    unsigned char m[3];

    c[0] = column("a", BS_DISC_COUNT, a, NULL);
    c[1] = column("b", BS_DISC_VALUE, b, NULL);
    plan_of(c, 2, 3, NULL, 0, BS_DISC_WITHOUT, &p);
    /* without: only the suppressed cell's own figures go */
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_VALUE, 0, 0));
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_NORM, 0, 0));
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_CONTRIB, 0, 0));
    ck_assert(bs_disc_printable(&p, BS_DISC_OUT_NORM, 1, 0));
    ck_assert(bs_disc_printable(&p, BS_DISC_OUT_SCORE, 0, 0));
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_VALUE, 1, 2)); /* missing */
    bs_disc_plan_free(&p);
    plan_of(c, 2, 3, NULL, 0, BS_DISC_EXACT, &p);
    /* exact: the whole area's score, normalised values, contributions */
    ck_assert(p.withheld[0] && !p.withheld[1]);
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_SCORE, 0, 0));
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_NORM, 1, 0));
    ck_assert(!bs_disc_printable(&p, BS_DISC_OUT_CONTRIB, 1, 0));
    ck_assert(bs_disc_printable(&p, BS_DISC_OUT_VALUE, 1, 0));
    bs_disc_plan_mask(&p, BS_DISC_OUT_SCORE, 0, m);
    ck_assert(m[0] == 0 && m[1] == 1 && m[2] == 1);
    bs_disc_plan_free(&p);
}
END_TEST

static double sum_printed(const double *z, const bs_disc_plan *p, size_t k)
{
    double s = 0;
    size_t i;

    for (i = 0; i < p->n; i++)
        if (bs_disc_printable(p, BS_DISC_OUT_NORM, k, i))
            s += z[i];
    return s;
}

START_TEST(printed_z_scores_never_include_a_suppressed_value)
{
    /* one suppressed cell (6): with it in the column the other z-scores
     * would sum to minus its z and give it back */
    double v[5] = {6, 40, 55, 70, 90}, zw[5], ze[5], x[5];
    bs_disc_column c = column("meldingen", BS_DISC_COUNT, v, NULL);
    bs_disc_plan p;
    bs_norm_params np;
    bs_error err;
    size_t i;

    bs_norm_params_init(&np, BS_NORM_ZSCORE, 1);
    plan_of(&c, 1, 5, NULL, 0, BS_DISC_WITHOUT, &p);
    ck_assert_int_eq(bs_disc_normalise(&p, 0, v, &np, "meldingen", zw, &err), 0);
    ck_assert(isnan(zw[0]));
    ck_assert_double_eq_tol(sum_printed(zw, &p, 0), 0, 1e-12);
    bs_disc_plan_free(&p);
    plan_of(&c, 1, 5, NULL, 0, BS_DISC_EXACT, &p);
    ck_assert_int_eq(bs_disc_normalise(&p, 0, v, &np, "meldingen", ze, &err), 0);
    /* the printable cells as under without; the suppressed one against
     * them plus itself: (6 - 52.2) / sd(6, 40, 55, 70, 90), the sd being
     * sqrt(4036.8 / 4) */
    for (i = 1; i < 5; i++)
        ck_assert_double_eq_tol(ze[i], zw[i], 1e-12);
    ck_assert_double_eq_tol(ze[0], (6 - 52.2) / sqrt(1009.2), 1e-12);
    /* a changed suppressed value changes nothing printable */
    memcpy(x, v, sizeof x);
    x[0] = 9;
    ck_assert_int_eq(bs_disc_normalise(&p, 0, x, &np, "meldingen", zw, &err), 0);
    for (i = 1; i < 5; i++)
        ck_assert(zw[i] == ze[i]);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(classes_come_from_printable_values_only)
{
    /* the map of a bare column: "6 - 78" would reveal the suppressed 6 */
    double v[6] = {6, 23, 41, 52, 64, 78};
    bs_disc_column c = column("meldingen", BS_DISC_COUNT, v, NULL);
    bs_disc_settings s = cbs();
    bs_disc_plan p;
    bs_class_params cp;
    bs_classes cl;
    unsigned char m[6];
    int cls[6];
    double lo, hi;
    bs_error err;

    plan_of(&c, 1, 6, NULL, 0, BS_DISC_WITHOUT, &p);
    bs_disc_plan_mask(&p, BS_DISC_OUT_VALUE, 0, m);
    bs_class_params_init(&cp, BS_CLASS_EQUAL, 2);
    ck_assert_int_eq(bs_disc_classify(v, m, 6, &cp, 0, &cl, cls, &err), 0);
    ck_assert(cl.min == 23);
    ck_assert_int_eq(cls[0], -1);
    ck_assert_int_eq(cls[1], 0);
    ck_assert_int_eq(cls[5], 1);
    /* bounds of counts rounded outward: 23 - 50.5 -> 20 - 55 */
    bs_disc_class_bounds(&cl, 0, BS_DISC_COUNT, &s, &lo, &hi);
    ck_assert(lo == 20 && hi == 55);
    bs_disc_class_bounds(&cl, 1, BS_DISC_COUNT, &s, &lo, &hi);
    ck_assert(lo == 50 && hi == 80);
    bs_disc_class_bounds(&cl, 0, BS_DISC_VALUE, &s, &lo, &hi);
    ck_assert(lo == 23 && hi == 50.5);
    bs_classes_free(&cl);
    /* the score of an area withheld under exact keeps its class */
    ck_assert_int_eq(bs_disc_classify(v, m, 6, &cp, 1, &cl, cls, &err), 0);
    ck_assert_int_eq(cls[0], 0);
    bs_classes_free(&cl);
    /* validate's range: printed values only, as printed (rounded) */
    ck_assert_uint_eq(bs_disc_plan_range(&p, 0, &lo, &hi), 5);
    ck_assert(lo == 25 && hi == 80);
    bs_disc_plan_free(&p);
}
END_TEST

START_TEST(policy_words_and_bad_columns)
{
    bs_disc_policy pol = BS_DISC_EXACT;
    double v[1] = {5};
    bs_disc_column c = column("r", BS_DISC_RATE, v, NULL);
    bs_disc_settings s = cbs();
    bs_disc_plan p;
    bs_error err;

    ck_assert_int_eq(bs_disc_policy_parse("without", &pol), 0);
    ck_assert_int_eq(pol, BS_DISC_WITHOUT);
    ck_assert_int_eq(bs_disc_policy_parse("Exact", &pol), 0);
    ck_assert_int_eq(pol, BS_DISC_EXACT);
    ck_assert_int_eq(bs_disc_policy_parse("approximate", &pol), -1);
    ck_assert_str_eq(bs_disc_policy_name(BS_DISC_WITHOUT), "without");
    c.per = 0;
    ck_assert_int_eq(bs_disc_plan_make(&c, 1, 1, NULL, 0, &s, BS_DISC_WITHOUT,
                                       &p, &err), -1);
    ck_assert(strstr(err.msg, "indicator r") && strstr(err.msg, "per"));
    bs_disc_plan_free(&p);
    /* a rate without denominators: every cell suppressed */
    c.per = 100;
    ck_assert_int_eq(bs_disc_plan_make(&c, 1, 1, NULL, 0, &s, BS_DISC_WITHOUT,
                                       &p, &err), 0);
    ck_assert_int_eq(WHY(&p, 0, 0), BS_DISC_R_DENOMINATOR);
    bs_disc_plan_free(&p);
}
END_TEST

static Suite *disclosure_suite(void)
{
    Suite *s = suite_create("disclosure");
    TCase *tc = tcase_create("cells");

    tcase_add_test(tc, defaults_are_cbs_practice);
    tcase_add_test(tc, counts_below_ten_are_suppressed);
    tcase_add_test(tc, counts_are_rounded_to_five);
    tcase_add_test(tc, missing_and_negative_counts_are_missing);
    tcase_add_test(tc, rounding_never_prints_below_the_threshold);
    tcase_add_test(tc, rates_on_small_denominators_are_suppressed);
    tcase_add_test(tc, rate_of_a_small_count_is_suppressed);
    tcase_add_test(tc, array_forms_match_the_single_values);
    tcase_add_test(tc, bad_settings_are_named);
    tcase_add_test(tc, footnotes_in_both_languages);
    suite_add_tcase(s, tc);
    tc = tcase_create("groups");
    tcase_add_test(tc, one_suppressed_cell_takes_the_next_smallest_with_it);
    tcase_add_test(tc, equal_candidates_take_the_first);
    tcase_add_test(tc, two_suppressed_cells_need_nothing_more);
    tcase_add_test(tc, no_secondary_suppression_without_a_printed_total);
    tcase_add_test(tc, a_missing_cell_makes_the_total_missing);
    tcase_add_test(tc, a_small_total_is_suppressed_and_protects_itself);
    tcase_add_test(tc, one_cell_next_to_a_suppressed_one_goes_too);
    suite_add_tcase(s, tc);
    tc = tcase_create("plan");
    tcase_add_test(tc, rate_on_a_small_numerator_is_suppressed);
    tcase_add_test(tc, plan_derives_the_numerator_of_a_rate_read_from_a_column);
    tcase_add_test(tc, a_rate_of_a_suppressed_count_is_suppressed_too);
    tcase_add_test(tc, rates_sharing_a_numerator_fall_together);
    tcase_add_test(tc, a_small_denominator_count_takes_its_rates);
    tcase_add_test(tc, a_printed_total_protects_its_one_suppressed_cell);
    tcase_add_test(tc, secondary_suppression_runs_until_nothing_changes);
    tcase_add_test(tc, groups_protect_their_own_totals);
    tcase_add_test(tc, a_group_of_one_withholds_its_total);
    tcase_add_test(tc, printable_masks_follow_the_policy);
    tcase_add_test(tc, printed_z_scores_never_include_a_suppressed_value);
    tcase_add_test(tc, classes_come_from_printable_values_only);
    tcase_add_test(tc, policy_words_and_bad_columns);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(disclosure_suite(), 1);
}
