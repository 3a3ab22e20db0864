/* monitor.h: following an indicator across periods against its nulwaarde
 * (baseline) and target, with the stoplicht (traffic light).
 *
 * A monitor is a series of values by period, a baseline period, a target
 * and a direction (lower or higher is better). The stoplicht rule, at a
 * period P with value v, baseline value B (the value at the baseline
 * period) and, for a target with a deadline, target value V at period T:
 *
 *   - the path is the straight line from (baseline period, B) to (T, V) on
 *     the time axis of period.h (half years at .0/.5, quarters at quarters);
 *     after T it stays at V; a relative target (-15% by 2026) has
 *     V = B (1 + amount / 100), a pp target (-2pp by 2028) V = B + amount;
 *   - target with a deadline: GREEN when v is on or ahead of the path at P
 *     (better, or behind by no more than the tolerance); ORANGE when behind
 *     the path but not worse than B by more than the tolerance; RED when
 *     worse than B by more than the tolerance;
 *   - threshold (>= 50, <= 10): GREEN when met at P; ORANGE when not met but
 *     better than B by more than the tolerance; RED otherwise;
 *   - direction only (down, up): GREEN when better than B by more than the
 *     tolerance; ORANGE when within it; RED when worse by more;
 *   - GREY when there is no value at the baseline or at P, when P is the
 *     baseline or comes before it, or when a break lies between them.
 * "Better" is lower for direction -1 and higher for +1. Comparisons allow
 * for rounding in the last digits (1e-9 of the values compared), so that
 * 95.2 against 95.3 with tolerance 0.1 is "within". The bounds can be
 * widened with a bs_stoplicht (the [stoplicht] section); its defaults give
 * the rule above exactly.
 *
 * Every period gets a status computed as if it were the latest. Pure
 * functions on arrays: no files, no drawing. `what` names the monitor in
 * messages, e.g. "project.ini:40: [monitor jeugdhulp]" (NULL or "" = none). */
#ifndef BUURTSCAN_MONITOR_H
#define BUURTSCAN_MONITOR_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/period.h"

typedef enum bs_target_kind {
    BS_TARGET_ABSOLUTE = 0,  /* "10.5 by 2028": V = amount */
    BS_TARGET_RELATIVE,      /* "-15% by 2026": V = B (1 + amount / 100) */
    BS_TARGET_PP,            /* "-2pp by 2028": V = B + amount (unit %) */
    BS_TARGET_AT_LEAST,      /* ">= 50": a threshold at any time */
    BS_TARGET_AT_MOST,       /* "<= 10" */
    BS_TARGET_DIRECTION      /* "down" or "up": direction only */
} bs_target_kind;

typedef struct bs_target {
    bs_target_kind kind;
    double amount;   /* value, percent, points or threshold (see kind) */
    bs_period by;    /* the deadline T of ABSOLUTE, RELATIVE and PP */
    int direction;   /* DIRECTION: -1 down, +1 up; else 0 */
} bs_target;

/* Reads a target: "10.5 by 2028", "-15% by 2026", "+5 % by 2027",
 * "-2pp by 2028", ">= 50", "<= 10" (also >=50, and the signs ≥ ≤), "down",
 * "up"; the deadline is any period of period.h ("by 2025HJ02"). Words are
 * case-insensitive; numbers use a decimal point. A relative or pp amount
 * needs its sign (+ or -), so that "15% by 2026" is not read as either the
 * value 15 or a change of 15 %. Errors say what was expected, e.g.
 * "WHAT: target '15% by 2026': a relative target needs a sign (-15% or
 * +15%); for the value 15 write '15 by 2026'". Returns 0 or -1. */
int bs_target_parse(const char *text, const char *what, bs_target *out,
                    bs_error *err);

/* The target as people read it into buf, language "nl" or "en":
 * "10,5 in 2028" / "10.5 by 2028", "-15% in 2026", "-2 procentpunt in
 * 2028" / "-2 pp by 2028", ">= 50", "omlaag" / "down". Returns buf. */
char *bs_target_format(const bs_target *t, const char *language, char *buf,
                       size_t n);

/* Reads a direction: "-" (lower is better) gives -1, "+" gives +1.
 * Anything else is an error "WHAT: direction 'x': expected - (lower is
 * better) or + (higher is better)". */
int bs_direction_parse(const char *text, const char *what, int *out,
                       bs_error *err);

typedef struct bs_monitor_spec {
    int direction;             /* -1 lower is better, +1 higher is better */
    bs_period baseline;        /* the nulwaarde period */
    bs_target target;
    double tolerance;          /* >= 0, in the unit; default 0 */
    int percent;               /* the unit is %: changes are percentage points */
    const bs_period *breaks;   /* a series break just before each of these */
    size_t nbreaks;
} bs_monitor_spec;

/* Checks a monitor's settings against each other: direction -1 or +1; a
 * finite tolerance >= 0; a deadline after the baseline period; a relative
 * or pp amount whose sign is the direction's (a fall for -, a rise for +)
 * and a relative amount not below -100 %; a pp target only on a % unit;
 * >= only with direction +, <= only with -; down only with -, up only
 * with +. Returns 0, or -1 with a message naming both settings. */
int bs_monitor_check(const bs_monitor_spec *m, const char *what,
                     bs_error *err);

/* Bounds of the stoplicht rule that a [stoplicht] section may widen. */
typedef struct bs_stoplicht {
    /* How far behind the path a value may be and still be GREEN, as a share
     * of the planned change |V - B|, on top of the tolerance. Default 0. */
    double path_margin;
    /* How much worse than B a value may be and not be RED, as a share of
     * |B|, on top of the tolerance (targets with a deadline and direction
     * only; a threshold not met is RED unless better than B). Default 0. */
    double baseline_margin;
} bs_stoplicht;

/* The rule as documented above (both margins 0). */
void bs_stoplicht_default(bs_stoplicht *r);

/* Checks the bounds: finite, 0 <= margin <= 1. Returns 0 or -1 naming the
 * key ("WHAT: path_margin = 2: expected a share from 0 to 1"). */
int bs_stoplicht_check(const bs_stoplicht *r, const char *what, bs_error *err);

/* A series of one area or of the gemeente: a view of the caller's arrays. */
typedef struct bs_series {
    size_t n;
    const bs_period *period;          /* n, ascending (bs_period_cmp) */
    const double *value;              /* n, NaN = no value */
    const unsigned char *provisional; /* n, 1 = voorlopig; NULL = none */
} bs_series;

/* The index of the last period with a value, or -1 when there is none. */
long bs_series_latest(const bs_series *s);

typedef enum bs_status {
    BS_STATUS_GREY = 0,
    BS_STATUS_GREEN,
    BS_STATUS_ORANGE,
    BS_STATUS_RED
} bs_status;

/* Why a status is GREY (BS_GREY_NONE for the other colours). */
typedef enum bs_grey_reason {
    BS_GREY_NONE = 0,
    BS_GREY_NO_VALUE,        /* no value at P */
    BS_GREY_NO_BASELINE,     /* no value at the baseline period */
    BS_GREY_AT_BASELINE,     /* P is the baseline period */
    BS_GREY_BEFORE_BASELINE, /* P comes before the baseline period */
    BS_GREY_BREAK            /* a series break lies between them */
} bs_grey_reason;

/* "green", "orange", "red", "grey" (language "en" or NULL: the values of
 * monitor.csv) or "groen", "oranje", "rood", "grijs" ("nl"). */
const char *bs_status_name(bs_status s, const char *language);

/* A short explanation of a grey status in "nl" or "en", e.g. "geen
 * nulwaarde", "trendbreuk"; "" for BS_GREY_NONE. */
const char *bs_grey_reason_text(bs_grey_reason r, const char *language);

/* One period of a monitor as evaluated. */
typedef struct bs_monitor_point {
    double value;       /* the series value (NaN = none) */
    int provisional;    /* 1 when the series marks it voorlopig */
    double baseline;    /* B (NaN when the baseline has no value) */
    double target;      /* V or the threshold; NaN for direction only or
                           when V needs B and B is absent */
    double path;        /* the path at P: NaN without a deadline, without
                           B, before the baseline or across a break */
    double change;      /* v - B in the unit (pp for %); NaN without both
                           values or across a break */
    double change_pct;  /* 100 (v - B) / |B|; NaN also when B = 0 */
    bs_status status;
    bs_grey_reason why;
} bs_monitor_point;

/* Facts about the whole series. */
typedef struct bs_monitor_info {
    long baseline_index;   /* the baseline period in the series, or -1 */
    long latest;           /* bs_series_latest */
    double baseline;       /* B, NaN when absent */
    double target;         /* V (or threshold), NaN as in bs_monitor_point */
    double target_time;    /* T on the time axis; NaN without a deadline */
    int target_not_better; /* 1: V is not better than B, so the path runs
                              the wrong way; the rule is applied as it
                              stands and the caller should warn */
} bs_monitor_info;

/* Evaluates every period of s under m (checked with bs_monitor_check) and
 * the rule r (NULL = bs_stoplicht_default) into out[s->n]; info may be
 * NULL. Errors: periods out of order or listed twice (naming both).
 * Returns 0 or -1. */
int bs_monitor_evaluate(const bs_monitor_spec *m, const bs_stoplicht *r,
                        const bs_series *s, bs_monitor_point *out,
                        bs_monitor_info *info, const char *what,
                        bs_error *err);

/* The path value at time t (years) from (t0, b) to (t1, v): the straight
 * line, v after t1, NaN before t0 or when t1 <= t0. */
double bs_monitor_path(double t0, double b, double t1, double v, double t);

#endif
