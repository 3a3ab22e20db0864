/* test_monitor.c: targets, paths and the stoplicht on Lelystad's nulwaarden
 * (domain digest T1-T4, 2023 -> 2024) and Leeuwarden's youth-care share
 * (T14, T15), every status and path value worked out by hand below; and the
 * gemeente aggregates from the KWB 2024 wijken of Leeuwarden. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/rollup.h"
#include "buurtscan/csv.h"
#include "buurtscan/monitor.h"
#include "testutil.h"

#define MAXP 16

/* A series and its evaluation. */
typedef struct run {
    bs_period period[MAXP];
    double value[MAXP];
    unsigned char prov[MAXP];
    bs_series s;
    bs_monitor_point pt[MAXP];
    bs_monitor_info info;
} run;

static bs_period per(const char *text)
{
    bs_period p;
    bs_error err;

    ck_assert_msg(bs_period_parse(text, NULL, &p, &err) == 0, "%s", err.msg);
    return p;
}

/* spec: direction, baseline, target text, tolerance, percent */
static bs_monitor_spec spec(int dir, const char *baseline, const char *target,
                            double tol, int percent)
{
    bs_monitor_spec m;
    bs_error err;

    memset(&m, 0, sizeof m);
    m.direction = dir;
    m.baseline = per(baseline);
    ck_assert_msg(bs_target_parse(target, NULL, &m.target, &err) == 0, "%s", err.msg);
    m.tolerance = tol;
    m.percent = percent;
    return m;
}

/* Evaluates periods[] (NULL-terminated) with values v[] under m and r. */
static void eval(run *x, const bs_monitor_spec *m, const bs_stoplicht *r,
                 const char *const *periods, const double *v)
{
    bs_error err;
    size_t n = 0;

    memset(x->prov, 0, sizeof x->prov);
    for (n = 0; periods[n]; n++) {
        x->period[n] = per(periods[n]);
        x->value[n] = v[n];
    }
    x->s.n = n;
    x->s.period = x->period;
    x->s.value = x->value;
    x->s.provisional = x->prov;
    ck_assert_msg(bs_monitor_evaluate(m, r, &x->s, x->pt, &x->info, "t", &err) == 0,
                  "%s", err.msg);
}

static const char *const y2023_2024[] = { "2023", "2024", NULL };

#define STATUS(x, i, st) ck_assert_str_eq(bs_status_name((x).pt[i].status, "nl"), st)

/* T1: % of youths 0-18 in jeugdhulp zonder verblijf, 12,7 % (2023) ->
 * 11,9 % (2024); lower is better.
 * Target -2pp by 2028: V = 12.7 - 2 = 10.7; the path at 2024 is
 * 12.7 + (10.7 - 12.7) * (2024 - 2023) / (2028 - 2023) = 12.3; 11.9 is
 * below it, so ahead of the path: groen. The change is 11.9 - 12.7 =
 * -0.8 percentage points, which is -0.8 / 12.7 = -6.3 % of the baseline. */
START_TEST(t1_pp_target_ahead_of_path_is_green)
{
    static const double v[] = { 12.7, 11.9 };
    bs_monitor_spec m = spec(-1, "2023", "-2pp by 2028", 0, 1);
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    ck_assert_double_eq_tol(x.info.target, 10.7, 1e-12);
    ck_assert_double_eq(x.info.target_time, 2028);
    STATUS(x, 0, "grijs");
    ck_assert_int_eq(x.pt[0].why, BS_GREY_AT_BASELINE);
    ck_assert_double_eq_tol(x.pt[0].path, 12.7, 1e-12);   /* the path starts at B */
    ck_assert_double_eq_tol(x.pt[1].path, 12.3, 1e-12);
    STATUS(x, 1, "groen");
    ck_assert_double_eq_tol(x.pt[1].change, -0.8, 1e-12);
    ck_assert_double_eq_tol(x.pt[1].change_pct, -6.2992126, 1e-6);
    ck_assert_double_eq_tol(round(x.pt[1].change_pct * 10) / 10, -6.3, 1e-12);
    ck_assert_double_eq(x.pt[0].change, 0);
}
END_TEST

/* T1 with the absolute target 10.5 by 2028: path(2024) = 12.7 - 2.2 / 5 =
 * 12.26, path(2026) = 12.7 - 2.2 * 3 / 5 = 11.38, and after 2028 it stays
 * at 10.5. 11.9 < 12.26: groen. */
START_TEST(t1_absolute_target_path_values)
{
    static const char *const p[] = { "2023", "2024", "2026", "2028", "2030", NULL };
    static const double v[] = { 12.7, 11.9, NAN, NAN, NAN };
    bs_monitor_spec m = spec(-1, "2023", "10.5 by 2028", 0, 1);
    run x;

    eval(&x, &m, NULL, p, v);
    ck_assert_double_eq_tol(x.pt[1].path, 12.26, 1e-12);
    ck_assert_double_eq_tol(x.pt[2].path, 11.38, 1e-12);
    ck_assert_double_eq_tol(x.pt[3].path, 10.5, 1e-12);
    ck_assert_double_eq_tol(x.pt[4].path, 10.5, 1e-12);
    STATUS(x, 1, "groen");
    STATUS(x, 2, "grijs");              /* no value */
    ck_assert_int_eq(x.pt[2].why, BS_GREY_NO_VALUE);
    ck_assert_int_eq(x.info.latest, 1);
}
END_TEST

/* T2: % in jeugdhulp met verblijf, 1,7 % -> 1,8 %; lower is better; the
 * regional target -15 % by 2026 (T7). V = 1.7 * 0.85 = 1.445; path(2024)
 * = 1.7 + (1.445 - 1.7) / 3 = 1.615. 1.8 is behind the path and worse than
 * B by 0.1: rood with tolerance 0, oranje with tolerance 0.1 (the change
 * lies within it). Change +0.1 pp = +0.1 / 1.7 = +5.9 %. */
START_TEST(t2_relative_target_red_and_orange_within_tolerance)
{
    static const double v[] = { 1.7, 1.8 };
    bs_monitor_spec m = spec(-1, "2023", "-15% by 2026", 0, 1);
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    ck_assert_double_eq_tol(x.info.target, 1.445, 1e-12);
    ck_assert_double_eq_tol(x.pt[1].path, 1.615, 1e-12);
    STATUS(x, 1, "rood");
    ck_assert_double_eq_tol(x.pt[1].change, 0.1, 1e-12);
    ck_assert_double_eq_tol(round(x.pt[1].change_pct * 10) / 10, 5.9, 1e-12);
    m.tolerance = 0.1;
    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "oranje");
}
END_TEST

/* The [stoplicht] bounds on T2 (tolerance 0): the value lags the path by
 * 1.8 - 1.615 = 0.185, the planned change is |1.445 - 1.7| = 0.255. A path
 * margin of 0.5 allows 0.1275 (still behind, and worse than B: rood); a
 * margin of 1 allows 0.255 (groen). */
START_TEST(t2_path_margin_widens_green)
{
    static const double v[] = { 1.7, 1.8 };
    bs_monitor_spec m = spec(-1, "2023", "-15% by 2026", 0, 1);
    bs_stoplicht r;
    run x;

    bs_stoplicht_default(&r);
    r.path_margin = 0.5;
    eval(&x, &m, &r, y2023_2024, v);
    STATUS(x, 1, "rood");
    r.path_margin = 1;
    eval(&x, &m, &r, y2023_2024, v);
    STATUS(x, 1, "groen");
}
END_TEST

/* T3: % of clients with only jeugdhulp zonder verblijf, 95,3 % -> 95,2 %;
 * higher is better. Threshold >= 95: met, groen. Threshold >= 96: not met
 * and not better than B: rood. Direction up with tolerance 0.1: the change
 * -0.1 lies within it, oranje; with tolerance 0 it is worse, rood. */
START_TEST(t3_threshold_and_direction)
{
    static const double v[] = { 95.3, 95.2 };
    bs_monitor_spec m = spec(+1, "2023", ">= 95", 0, 1);
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "groen");
    ck_assert_double_eq(x.info.target, 95);
    ck_assert(isnan(x.pt[1].path));        /* no path for a threshold */
    m = spec(+1, "2023", ">= 96", 0, 1);
    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "rood");
    m = spec(+1, "2023", "up", 0.1, 1);
    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "oranje");
    ck_assert(isnan(x.info.target));
    ck_assert_double_eq_tol(x.pt[1].change, -0.1, 1e-12);
    m.tolerance = 0;
    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "rood");
    /* a threshold not met but better than B by more than the tolerance */
    m = spec(+1, "2023", ">= 96", 0, 1);
    {
        static const double w[] = { 95.3, 95.8 };
        eval(&x, &m, NULL, y2023_2024, w);
        STATUS(x, 1, "oranje");
    }
}
END_TEST

/* T4: average cost per youth, EUR 17.300 -> 20.200 (nominal); lower is
 * better. down: worse by 2,900, rood; change +2,900 = +16.8 %. <= 17000: not
 * met, not better, rood. -10% by 2028: V = 15,570, path(2024) = 17,300 -
 * 1,730 / 5 = 16,954; behind and worse than B: rood, unless the baseline
 * margin 0.2 allows 0.2 * 17,300 = 3,460 worse than B: oranje. */
START_TEST(t4_cost_rises_red_and_baseline_margin)
{
    static const double v[] = { 17300, 20200 };
    bs_monitor_spec m = spec(-1, "2023", "down", 0, 0);
    bs_stoplicht r;
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "rood");
    ck_assert_double_eq(x.pt[1].change, 2900);
    ck_assert_double_eq_tol(round(x.pt[1].change_pct * 10) / 10, 16.8, 1e-12);
    m = spec(-1, "2023", "<= 17000", 0, 0);
    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "rood");
    m = spec(-1, "2023", "-10% by 2028", 0, 0);
    eval(&x, &m, NULL, y2023_2024, v);
    ck_assert_double_eq_tol(x.info.target, 15570, 1e-9);
    ck_assert_double_eq_tol(x.pt[1].path, 16954, 1e-9);
    STATUS(x, 1, "rood");
    bs_stoplicht_default(&r);
    r.baseline_margin = 0.2;
    eval(&x, &m, &r, y2023_2024, v);
    STATUS(x, 1, "oranje");
}
END_TEST

/* Half years on the axis: baseline 2023HJ02 (2023.5) = 20, target 16 by
 * 2025HJ02 (2025.5): the path falls 1 per half year: 19 at 2024HJ01, 18 at
 * 2024HJ02, 17 at 2025HJ01, 16 at 2025HJ02. On the path is groen; 18.5 at
 * 2024HJ02 is behind but better than B: oranje; 20.3 is worse than B: rood. */
START_TEST(half_years_path_and_every_period_as_latest)
{
    static const char *const p[] = {
        "2023HJ01", "2023HJ02", "2024HJ01", "2024HJ02", "2025HJ01", "2025HJ02", NULL,
    };
    static const double v[] = { 21, 20, 19, 18.5, 20.3, 16 };
    bs_monitor_spec m = spec(-1, "2023-H2", "16 by 2025HJ02", 0, 0);
    run x;

    eval(&x, &m, NULL, p, v);
    ck_assert(isnan(x.pt[0].path));
    ck_assert_int_eq(x.pt[0].why, BS_GREY_BEFORE_BASELINE);
    ck_assert_double_eq_tol(x.pt[0].change, 1, 1e-12);  /* described, not judged */
    ck_assert_double_eq_tol(x.pt[2].path, 19, 1e-12);
    ck_assert_double_eq_tol(x.pt[3].path, 18, 1e-12);
    ck_assert_double_eq_tol(x.pt[4].path, 17, 1e-12);
    ck_assert_double_eq_tol(x.pt[5].path, 16, 1e-12);
    STATUS(x, 0, "grijs");
    STATUS(x, 1, "grijs");
    STATUS(x, 2, "groen");
    STATUS(x, 3, "oranje");
    STATUS(x, 4, "rood");
    STATUS(x, 5, "groen");
}
END_TEST

/* Quarters: baseline 2024KW01 = 10 %, target +2pp by 2025KW01 (V = 12),
 * higher is better: the path is 10 + 2 * 0.25 = 10.5 at KW02 and 11 at KW03;
 * 10.4 is behind but better than B (oranje), 11.2 ahead (groen). */
START_TEST(quarters_on_the_axis)
{
    static const char *const p[] = { "2024KW01", "2024KW02", "2024KW03", NULL };
    static const double v[] = { 10, 10.4, 11.2 };
    bs_monitor_spec m = spec(+1, "2024Q1", "+2pp by 2025KW01", 0, 1);
    run x;

    eval(&x, &m, NULL, p, v);
    ck_assert_double_eq_tol(x.pt[1].path, 10.5, 1e-12);
    ck_assert_double_eq_tol(x.pt[2].path, 11, 1e-12);
    STATUS(x, 1, "oranje");
    STATUS(x, 2, "groen");
}
END_TEST

/* T14/T15, Leeuwarden's youth-care share (WSJG): 9,7 % (2015), 17,6 %
 * (2022), 17,9 % (2023, voorlopig); figures before 2021 are not comparable
 * (a break before 2021). With baseline 2015 nothing after the break can be
 * judged: grijs, no change. With baseline 2022 and "down", 2023 is worse by
 * 0.3 pp: rood, and provisional is carried. */
START_TEST(t14_break_and_provisional)
{
    static const char *const p[] = { "2015", "2022", "2023", NULL };
    static const double v[] = { 9.7, 17.6, 17.9 };
    bs_period brk = per("2021");
    bs_monitor_spec m = spec(-1, "2015", "down", 0, 1);
    run x;

    m.breaks = &brk;
    m.nbreaks = 1;
    eval(&x, &m, NULL, p, v);
    STATUS(x, 1, "grijs");
    STATUS(x, 2, "grijs");
    ck_assert_int_eq(x.pt[2].why, BS_GREY_BREAK);
    ck_assert(isnan(x.pt[2].change));
    m.baseline = per("2022");
    x.prov[2] = 1;
    {
        bs_error err;
        x.s.provisional = x.prov;
        ck_assert_int_eq(bs_monitor_evaluate(&m, NULL, &x.s, x.pt, &x.info, NULL,
                                             &err), 0);
    }
    STATUS(x, 0, "grijs");
    ck_assert_int_eq(x.pt[0].why, BS_GREY_BEFORE_BASELINE);
    ck_assert(isnan(x.pt[0].change));      /* across the break */
    STATUS(x, 2, "rood");
    ck_assert_int_eq(x.pt[2].provisional, 1);
    ck_assert_int_eq(x.pt[1].provisional, 0);
    ck_assert_double_eq_tol(x.pt[2].change, 0.3, 1e-12);
    ck_assert_str_eq(bs_grey_reason_text(BS_GREY_BREAK, "nl"), "trendbreuk");
}
END_TEST

START_TEST(no_baseline_value_is_grey)
{
    static const double v[] = { NAN, 11.9 };
    bs_monitor_spec m = spec(-1, "2023", "-2pp by 2028", 0, 1);
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    STATUS(x, 1, "grijs");
    ck_assert_int_eq(x.pt[1].why, BS_GREY_NO_BASELINE);
    ck_assert(isnan(x.pt[1].path));
    ck_assert(isnan(x.info.target));
    ck_assert_str_eq(bs_status_name(x.pt[1].status, NULL), "grey");
    /* the baseline period not in the series at all */
    m.baseline = per("2022");
    eval(&x, &m, NULL, y2023_2024, v);
    ck_assert_int_eq(x.info.baseline_index, -1);
    STATUS(x, 1, "grijs");
}
END_TEST

START_TEST(target_not_better_than_baseline_is_reported)
{
    static const double v[] = { 9, 9.5 };
    bs_monitor_spec m = spec(-1, "2023", "10.5 by 2028", 0, 1);
    run x;

    eval(&x, &m, NULL, y2023_2024, v);
    ck_assert_int_eq(x.info.target_not_better, 1);
    ck_assert_double_eq_tol(x.pt[1].path, 9.3, 1e-12);
    STATUS(x, 1, "rood");                  /* the rule as it stands */
}
END_TEST

START_TEST(targets_of_each_kind_parse)
{
    bs_target t;
    bs_error err;
    char buf[64];

    ck_assert_int_eq(bs_target_parse(" 10.5 by 2028 ", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_ABSOLUTE);
    ck_assert_double_eq(t.amount, 10.5);
    ck_assert_int_eq(t.by.year, 2028);
    ck_assert_str_eq(bs_target_format(&t, "nl", buf, sizeof buf), "10,5 in 2028");
    ck_assert_int_eq(bs_target_parse("-15% BY 2026", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_RELATIVE);
    ck_assert_double_eq(t.amount, -15);
    ck_assert_str_eq(bs_target_format(&t, "en", buf, sizeof buf), "-15% by 2026");
    ck_assert_int_eq(bs_target_parse("+5 % by 2027HJ02", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_RELATIVE);
    ck_assert_int_eq(t.by.kind, BS_PERIOD_HALF);
    ck_assert_int_eq(bs_target_parse("-2pp by 2028", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_PP);
    ck_assert_double_eq(t.amount, -2);
    ck_assert_str_eq(bs_target_format(&t, "nl", buf, sizeof buf),
                     "-2 procentpunt in 2028");
    ck_assert_int_eq(bs_target_parse(">= 50", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_AT_LEAST);
    ck_assert_double_eq(t.amount, 50);
    ck_assert_int_eq(bs_target_parse("<=10", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_AT_MOST);
    ck_assert_int_eq(bs_target_parse("\xe2\x89\xa5 75", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_AT_LEAST);
    ck_assert_double_eq(t.amount, 75);
    ck_assert_int_eq(bs_target_parse("Down", NULL, &t, &err), 0);
    ck_assert_int_eq(t.kind, BS_TARGET_DIRECTION);
    ck_assert_int_eq(t.direction, -1);
    ck_assert_int_eq(bs_target_parse("up", NULL, &t, &err), 0);
    ck_assert_int_eq(t.direction, 1);
}
END_TEST

START_TEST(bad_targets_say_what_was_expected)
{
    static const char *const bad[][2] = {
        { "15% by 2026", "a relative target needs a sign (-15% or +15%); for the "
                         "value 15 write '15 by 2026'" },
        { "2pp by 2028", "needs a sign (-2pp or +2pp)" },
        { "10,5 by 2028", "'10,5' is not a number (write a decimal point" },
        { "10.5", "a target value needs a deadline, as in '10.5 by 2028'" },
        { "10.5 by 2028HJ03", "'2028HJ03' is not a period: a half year is HJ01" },
        { "> 50", "write a threshold as '>= 50' or '<= 10'" },
        { ">= veel", "threshold 'veel' is not a number" },
        { "omlaag", "expected '10.5 by 2028', '-15% by 2026'" },
        { "", "empty" },
        { "-0% by 2026", "a change of 0 is no target" },
        { "ten by 2028", "amount 'ten' is not a number" },
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        bs_target t;
        bs_error err;
        ck_assert_msg(bs_target_parse(bad[i][0], "p.ini:7: [monitor x]", &t, &err)
                      == -1, "'%s' accepted", bad[i][0]);
        ck_assert_msg(strstr(err.msg, bad[i][1]) != NULL, "'%s': %s", bad[i][0],
                      err.msg);
        ck_assert_msg(strncmp(err.msg, "p.ini:7: [monitor x]: target '", 30) == 0
                      || bad[i][0][0] == '\0', "%s", err.msg);
    }
}
END_TEST

START_TEST(settings_that_contradict_are_refused)
{
    static const struct { int dir; const char *target; int percent; const char *msg; } bad[] = {
        { -1, "+15% by 2026", 1, "is a rise, but direction - says lower is better" },
        { +1, "-2pp by 2028", 1, "is a fall, but direction + says higher" },
        { -1, "-2pp by 2028", 0, "in percentage points, but the unit is not %" },
        { -1, ">= 50", 1, "contradicts direction -" },
        { +1, "<= 10", 1, "contradicts direction +" },
        { +1, "down", 1, "contradicts direction +" },
        { -1, "-120% by 2026", 1, "a fall of more than 100% is not possible" },
        { -1, "10 by 2023", 1, "the deadline 2023 must come after the baseline 2023" },
        { 0, "down", 1, "direction is required" },
    };
    size_t i;
    int d;
    bs_error err;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        bs_monitor_spec m = spec(bad[i].dir ? bad[i].dir : -1, "2023",
                                 bad[i].target, 0, bad[i].percent);
        m.direction = bad[i].dir;
        ck_assert_int_eq(bs_monitor_check(&m, "w", &err), -1);
        ck_assert_msg(strstr(err.msg, bad[i].msg) != NULL, "%s: %s", bad[i].target,
                      err.msg);
    }
    {
        bs_monitor_spec m = spec(-1, "2023", "down", -1, 1);
        ck_assert_int_eq(bs_monitor_check(&m, "w", &err), -1);
        ck_assert(strstr(err.msg, "tolerance -1") != NULL);
    }
    ck_assert_int_eq(bs_direction_parse(" - ", NULL, &d, &err), 0);
    ck_assert_int_eq(d, -1);
    ck_assert_int_eq(bs_direction_parse("+", NULL, &d, &err), 0);
    ck_assert_int_eq(d, 1);
    ck_assert_int_eq(bs_direction_parse("lower", "p.ini:9", &d, &err), -1);
    ck_assert_str_eq(err.msg, "p.ini:9: direction 'lower': expected - (lower is "
                              "better) or + (higher is better)");
    {
        bs_stoplicht r;
        bs_stoplicht_default(&r);
        ck_assert_int_eq(bs_stoplicht_check(&r, NULL, &err), 0);
        r.path_margin = 2;
        ck_assert_int_eq(bs_stoplicht_check(&r, "p.ini:3: [stoplicht]", &err), -1);
        ck_assert_str_eq(err.msg, "p.ini:3: [stoplicht]: path_margin = 2: expected "
                                  "a share from 0 to 1");
    }
}
END_TEST

START_TEST(series_out_of_order_is_an_error)
{
    bs_period p[2];
    double v[2] = { 1, 2 };
    bs_series s = { 2, p, v, NULL };
    bs_monitor_point pt[2];
    bs_monitor_spec m = spec(-1, "2023", "down", 0, 0);
    bs_error err;

    p[0] = per("2024");
    p[1] = per("2023");
    ck_assert_int_eq(bs_monitor_evaluate(&m, NULL, &s, pt, NULL, "m", &err), -1);
    ck_assert_str_eq(err.msg, "m: period '2024' comes after '2023' in the series: "
                              "periods must be in order");
    p[1] = per("2024JJ00");
    ck_assert_int_eq(bs_monitor_evaluate(&m, NULL, &s, pt, NULL, "m", &err), -1);
    ck_assert_str_eq(err.msg, "m: period '2024JJ00' is in the series twice (also "
                              "as '2024')");
}
END_TEST

/* --- aggregation to the gemeente --------------------------------------- */

START_TEST(rate_from_sums_not_mean_of_rates)
{
    /* two wijken: 10 of 100 and 90 of 300: 100 / 400 = 25 %, while the mean
     * of the rates (10 % and 30 %) would be 20 % */
    static const double num[] = { 10, 90, NAN }, den[] = { 100, 300, 50 };
    bs_rollup_info info;
    double r;
    bs_error err;

    ck_assert_int_eq(bs_rollup_rate(num, den, 3, 100, NULL, &r, &info, &err), 0);
    ck_assert_double_eq_tol(r, 25, 1e-12);
    ck_assert_uint_eq(info.used, 2);
    ck_assert_uint_eq(info.skipped, 1);
    {
        static const double neg[] = { 10, -1 };
        ck_assert_int_eq(bs_rollup_rate(neg, den, 2, 100, "m", &r, NULL, &err), -1);
        ck_assert_str_eq(err.msg, "m: area 2: a negative numerator (-1) cannot be "
                                  "summed into a rate");
    }
    ck_assert_int_eq(bs_rollup_rate(num, den, 0, 1000, NULL, &r, &info, &err), 0);
    ck_assert(isnan(r));
}
END_TEST

/* KWB 2024, Leeuwarden's 22 wijken: the share of men from summed counts
 * against the gemeente row (64,107 / 128,810 = 49.77 %; wijk counts are
 * rounded to 5, so within 0.05 pp), and the population density as the mean
 * of the wijken's densities weighted by land area against the gemeente's 542
 * inhabitants per km2. */
START_TEST(leeuwarden_wijken_aggregate_to_the_gemeente)
{
    bs_table *t;
    bs_error err;
    double men[40], inw[40], dens[40], land[40], r, d;
    size_t n = 0, i;
    double gm_men = NAN, gm_inw = NAN, gm_dens = NAN;
    double *col[4];
    long c[5];

    ck_assert_msg(bs_csv_read(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"),
                              NULL, &t, &err) == 0, "%s", err.msg);
    c[0] = bs_table_find(t, "code");
    c[1] = bs_table_find(t, "Mannen_6");
    c[2] = bs_table_find(t, "AantalInwoners_5");
    c[3] = bs_table_find(t, "Bevolkingsdichtheid_34");
    c[4] = bs_table_find(t, "OppervlakteLand_123");
    for (i = 0; i < 4; i++) {
        col[i] = malloc(t->nrows * sizeof(double));
        ck_assert_int_eq(bs_table_column_numeric(t, (size_t)c[i + 1], col[i], &err), 0);
    }
    for (i = 0; i < t->nrows; i++) {
        const char *code = t->cells[c[0]][i];
        if (strcmp(code, "GM0080") == 0) {
            gm_men = col[0][i];
            gm_inw = col[1][i];
            gm_dens = col[2][i];
        } else if (strncmp(code, "WK0080", 6) == 0) {
            men[n] = col[0][i];
            inw[n] = col[1][i];
            dens[n] = col[2][i];
            land[n] = col[3][i];
            n++;
        }
    }
    ck_assert_uint_eq(n, 22);
    ck_assert_int_eq(bs_rollup_rate(men, inw, n, 100, NULL, &r, NULL, &err), 0);
    ck_assert_double_eq_tol(r, 100 * gm_men / gm_inw, 0.05);
    ck_assert_double_eq_tol(gm_men / gm_inw, 0.49768, 1e-5);
    ck_assert_int_eq(bs_rollup_mean(dens, land, n, NULL, &d, NULL, &err), 0);
    ck_assert_double_eq_tol(d, gm_dens, 0.01 * gm_dens);
    /* unweighted, the mean of the densities is far from it */
    ck_assert_int_eq(bs_rollup_mean(dens, NULL, n, NULL, &r, NULL, &err), 0);
    ck_assert(fabs(r - gm_dens) > 0.5 * gm_dens);
    for (i = 0; i < 4; i++)
        free(col[i]);
    bs_table_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("monitor");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t1_pp_target_ahead_of_path_is_green);
    tcase_add_test(tc, t1_absolute_target_path_values);
    tcase_add_test(tc, t2_relative_target_red_and_orange_within_tolerance);
    tcase_add_test(tc, t2_path_margin_widens_green);
    tcase_add_test(tc, t3_threshold_and_direction);
    tcase_add_test(tc, t4_cost_rises_red_and_baseline_margin);
    tcase_add_test(tc, half_years_path_and_every_period_as_latest);
    tcase_add_test(tc, quarters_on_the_axis);
    tcase_add_test(tc, t14_break_and_provisional);
    tcase_add_test(tc, no_baseline_value_is_grey);
    tcase_add_test(tc, target_not_better_than_baseline_is_reported);
    tcase_add_test(tc, targets_of_each_kind_parse);
    tcase_add_test(tc, bad_targets_say_what_was_expected);
    tcase_add_test(tc, settings_that_contradict_are_refused);
    tcase_add_test(tc, series_out_of_order_is_an_error);
    tcase_add_test(tc, rate_from_sums_not_mean_of_rates);
    tcase_add_test(tc, leeuwarden_wijken_aggregate_to_the_gemeente);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
