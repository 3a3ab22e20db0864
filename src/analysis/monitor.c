/* monitor.c: targets, the path and the stoplicht of a monitored series. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/monitor.h"
#include "buurtscan/number.h"

static const char forms[] = "'10.5 by 2028', '-15% by 2026', '-2pp by 2028', "
                           "'>= 50', '<= 10', 'down' or 'up'";

static const char *sep(const char *what)
{
    return what && *what ? ": " : "";
}

/* Copies text with blanks around removed into buf; -1 when it does not fit. */
static int trim_copy(const char *text, char *buf, size_t n)
{
    const char *s = text ? text : "", *e;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if ((size_t)(e - s) >= n)
        return -1;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return 0;
}

/* A number written with a decimal point; a message names it when it is not. */
static int parse_amount(const char *s, const char *pre, const char *role,
                        double *out, bs_error *err)
{
    if (bs_parse_number(s, '.', out) == BS_NUM_OK)
        return 0;
    if (strchr(s, ','))
        return bs_error_set(err, "%s: %s '%s' is not a number (write a decimal "
                            "point: %s)", pre, role, s, "10.5");
    return bs_error_set(err, "%s: %s '%s' is not a number; expected %s",
                        pre, role, s, forms);
}

/* The word "by" with blanks on both sides: its position, or NULL. */
static char *find_by(char *s)
{
    char *p;

    for (p = s + 1; *p && p[1]; p++)
        if (isspace((unsigned char)p[-1]) && tolower((unsigned char)p[0]) == 'b'
            && tolower((unsigned char)p[1]) == 'y'
            && (p[2] == '\0' || isspace((unsigned char)p[2])))
            return p;
    return NULL;
}

static int parse_threshold(char *s, const char *pre, bs_target *t,
                           bs_error *err)
{
    size_t skip;

    if (strncmp(s, ">=", 2) == 0 || strncmp(s, "<=", 2) == 0)
        skip = 2;
    else if (strncmp(s, "\xe2\x89\xa5", 3) == 0 || strncmp(s, "\xe2\x89\xa4", 3) == 0)
        skip = 3;
    else
        return bs_error_set(err, "%s: write a threshold as '>= 50' or '<= 10'",
                            pre);
    t->kind = (s[0] == '>' || (unsigned char)s[2] == 0xa5) ? BS_TARGET_AT_LEAST
                                                          : BS_TARGET_AT_MOST;
    s += skip;
    while (isspace((unsigned char)*s))
        s++;
    return parse_amount(s, pre, "threshold", &t->amount, err);
}

/* "AMOUNT[%|pp] by PERIOD" */
static int parse_deadline(char *s, const char *pre, bs_target *t, bs_error *err)
{
    char *by = find_by(s), *e;
    int sign;

    if (!by) {
        double v;
        if (bs_parse_number(s, '.', &v) == BS_NUM_OK)
            return bs_error_set(err, "%s: a target value needs a deadline, as in "
                                "'%s by 2028'; a threshold is written '>= %s' or "
                                "'<= %s'", pre, s, s, s);
        return bs_error_set(err, "%s: expected %s", pre, forms);
    }
    by[-1] = '\0';
    if (bs_period_parse(by + 2, pre, &t->by, err))
        return -1;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    t->kind = BS_TARGET_ABSOLUTE;
    if (e - s >= 2 && strcasecmp(e - 2, "pp") == 0) {
        t->kind = BS_TARGET_PP;
        e[-2] = '\0';
    } else if (e > s && e[-1] == '%') {
        t->kind = BS_TARGET_RELATIVE;
        e[-1] = '\0';
    }
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    if (parse_amount(s, pre, "amount", &t->amount, err))
        return -1;
    sign = *s == '+' || *s == '-';
    if (t->kind == BS_TARGET_RELATIVE && !sign)
        return bs_error_set(err, "%s: a relative target needs a sign (-%s%% or "
                            "+%s%%); for the value %s write '%s by %s'", pre, s,
                            s, s, s, t->by.text);
    if (t->kind == BS_TARGET_PP && !sign)
        return bs_error_set(err, "%s: a target in percentage points needs a "
                            "sign (-%spp or +%spp); for the value %s write "
                            "'%s by %s'", pre, s, s, s, s, t->by.text);
    if (t->kind != BS_TARGET_ABSOLUTE && t->amount == 0)
        return bs_error_set(err, "%s: a change of 0 is no target; use a "
                            "threshold or 'down'/'up'", pre);
    return 0;
}

int bs_target_parse(const char *text, const char *what, bs_target *out,
                    bs_error *err)
{
    char buf[96], pre[BS_ERROR_MAX / 2];
    bs_target t;

    memset(&t, 0, sizeof t);
    if (trim_copy(text, buf, sizeof buf))
        return bs_error_set(err, "%s%starget is too long (%zu characters)",
                            what ? what : "", sep(what), strlen(text));
    snprintf(pre, sizeof pre, "%s%starget '%s'", what ? what : "", sep(what), buf);
    if (!*buf)
        return bs_error_set(err, "%s: empty; expected %s", pre, forms);
    if (strcasecmp(buf, "down") == 0 || strcasecmp(buf, "up") == 0) {
        t.kind = BS_TARGET_DIRECTION;
        t.direction = tolower((unsigned char)buf[0]) == 'd' ? -1 : +1;
    } else if (buf[0] == '>' || buf[0] == '<' || (unsigned char)buf[0] == 0xe2) {
        if (parse_threshold(buf, pre, &t, err))
            return -1;
    } else if (parse_deadline(buf, pre, &t, err)) {
        return -1;
    }
    *out = t;
    return 0;
}

/* %.10g with the language's decimal sign. */
static void num_text(double v, const char *language, char *buf, size_t n)
{
    char *p;

    snprintf(buf, n, "%.10g", v);
    if (language && strcmp(language, "nl") == 0 && (p = strchr(buf, '.')))
        *p = ',';
}

char *bs_target_format(const bs_target *t, const char *language, char *buf,
                       size_t n)
{
    int nl = language && strcmp(language, "nl") == 0;
    char num[48], per[64];

    num_text(t->amount, language, num, sizeof num);
    bs_period_format(&t->by, language, per, sizeof per);
    switch (t->kind) {
    case BS_TARGET_ABSOLUTE:
        snprintf(buf, n, "%s %s %s", num, nl ? "in" : "by", per);
        break;
    case BS_TARGET_RELATIVE:
        snprintf(buf, n, "%s%s%% %s %s", t->amount > 0 ? "+" : "", num,
                 nl ? "in" : "by", per);
        break;
    case BS_TARGET_PP:
        snprintf(buf, n, "%s%s %s %s %s", t->amount > 0 ? "+" : "", num,
                 nl ? "procentpunt" : "pp", nl ? "in" : "by", per);
        break;
    case BS_TARGET_AT_LEAST:
        snprintf(buf, n, ">= %s", num);
        break;
    case BS_TARGET_AT_MOST:
        snprintf(buf, n, "<= %s", num);
        break;
    case BS_TARGET_DIRECTION:
        snprintf(buf, n, "%s", t->direction < 0 ? (nl ? "omlaag" : "down")
                                                : (nl ? "omhoog" : "up"));
        break;
    }
    return buf;
}

int bs_direction_parse(const char *text, const char *what, int *out,
                       bs_error *err)
{
    char buf[16];

    if (trim_copy(text, buf, sizeof buf) == 0 && (!strcmp(buf, "-") || !strcmp(buf, "+"))) {
        *out = buf[0] == '-' ? -1 : +1;
        return 0;
    }
    return bs_error_set(err, "%s%sdirection '%s': expected - (lower is better) "
                        "or + (higher is better)", what ? what : "", sep(what),
                        text ? text : "");
}

static int has_deadline(const bs_target *t)
{
    return t->kind == BS_TARGET_ABSOLUTE || t->kind == BS_TARGET_RELATIVE
           || t->kind == BS_TARGET_PP;
}

int bs_monitor_check(const bs_monitor_spec *m, const char *what, bs_error *err)
{
    const char *w = what ? what : "", *s = sep(what);
    const bs_target *t = &m->target;
    char tt[96];

    if (m->direction != -1 && m->direction != 1)
        return bs_error_set(err, "%s%sdirection is required: - (lower is "
                            "better) or + (higher is better)", w, s);
    if (!isfinite(m->tolerance) || m->tolerance < 0)
        return bs_error_set(err, "%s%stolerance %g: expected a number of 0 or "
                            "more, in the unit", w, s, m->tolerance);
    bs_target_format(t, "en", tt, sizeof tt);
    if (has_deadline(t) && bs_period_cmp(&t->by, &m->baseline) <= 0)
        return bs_error_set(err, "%s%starget '%s': the deadline %s must come "
                            "after the baseline %s", w, s, tt, t->by.text,
                            m->baseline.text);
    if ((t->kind == BS_TARGET_RELATIVE || t->kind == BS_TARGET_PP)
        && (t->amount < 0 ? -1 : 1) != m->direction)
        return bs_error_set(err, "%s%starget '%s' is a %s, but direction %s "
                            "says %s is better", w, s, tt,
                            t->amount < 0 ? "fall" : "rise",
                            m->direction < 0 ? "-" : "+",
                            m->direction < 0 ? "lower" : "higher");
    if (t->kind == BS_TARGET_RELATIVE && t->amount < -100)
        return bs_error_set(err, "%s%starget '%s': a fall of more than 100%% "
                            "is not possible", w, s, tt);
    if (t->kind == BS_TARGET_PP && !m->percent)
        return bs_error_set(err, "%s%starget '%s' is in percentage points, but "
                            "the unit is not %%; use a relative (-15%%) or "
                            "absolute target", w, s, tt);
    if ((t->kind == BS_TARGET_AT_LEAST && m->direction < 0)
        || (t->kind == BS_TARGET_AT_MOST && m->direction > 0)
        || (t->kind == BS_TARGET_DIRECTION && t->direction != m->direction))
        return bs_error_set(err, "%s%starget '%s' contradicts direction %s "
                            "(%s is better)", w, s, tt,
                            m->direction < 0 ? "-" : "+",
                            m->direction < 0 ? "lower" : "higher");
    return 0;
}

void bs_stoplicht_default(bs_stoplicht *r)
{
    r->path_margin = 0;
    r->baseline_margin = 0;
}

int bs_stoplicht_check(const bs_stoplicht *r, const char *what, bs_error *err)
{
    if (!isfinite(r->path_margin) || r->path_margin < 0 || r->path_margin > 1)
        return bs_error_set(err, "%s%spath_margin = %g: expected a share from 0 "
                            "to 1", what ? what : "", sep(what), r->path_margin);
    if (!isfinite(r->baseline_margin) || r->baseline_margin < 0
        || r->baseline_margin > 1)
        return bs_error_set(err, "%s%sbaseline_margin = %g: expected a share "
                            "from 0 to 1", what ? what : "", sep(what),
                            r->baseline_margin);
    return 0;
}

long bs_series_latest(const bs_series *s)
{
    size_t i;

    for (i = s->n; i > 0; i--)
        if (!isnan(s->value[i - 1]))
            return (long)i - 1;
    return -1;
}

const char *bs_status_name(bs_status s, const char *language)
{
    static const char *const en[] = { "grey", "green", "orange", "red" };
    static const char *const nl[] = { "grijs", "groen", "oranje", "rood" };

    if ((unsigned)s > BS_STATUS_RED)
        return "";
    return language && strcmp(language, "nl") == 0 ? nl[s] : en[s];
}

const char *bs_grey_reason_text(bs_grey_reason r, const char *language)
{
    static const char *const en[] = {
        "", "no value", "no baseline value", "baseline period",
        "before the baseline", "series break",
    };
    static const char *const nl[] = {
        "", "geen waarde", "geen nulwaarde", "periode van de nulwaarde",
        "voor de nulwaarde", "trendbreuk",
    };

    if ((unsigned)r > BS_GREY_BREAK)
        return "";
    return language && strcmp(language, "nl") == 0 ? nl[r] : en[r];
}

double bs_monitor_path(double t0, double b, double t1, double v, double t)
{
    if (!(t1 > t0) || t < t0 || isnan(t))
        return NAN;
    if (t >= t1)
        return v;
    return b + (v - b) * (t - t0) / (t1 - t0);
}

/* Slack for rounding in the last digits when comparing a and b. */
static double eps(double a, double b)
{
    return 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Whether a break lies between periods a and b (either order): a break
 * just before K separates them when K starts after the earlier one and no
 * later than the later one. */
static int break_between(const bs_monitor_spec *m, const bs_period *a,
                         const bs_period *b)
{
    const bs_period *lo = bs_period_cmp(a, b) <= 0 ? a : b, *hi = lo == a ? b : a;
    double tlo = bs_period_time(lo), thi = bs_period_time(hi);
    size_t k;

    for (k = 0; k < m->nbreaks; k++) {
        double tk = bs_period_time(&m->breaks[k]);
        if (tk > tlo + 1e-9 && tk <= thi + 1e-9)
            return 1;
    }
    return 0;
}

/* The stoplicht for value v against B, V (or the threshold) and path. */
static bs_status judge(const bs_monitor_spec *m, const bs_stoplicht *r,
                       double v, double b, double target, double path)
{
    double d = m->direction, tol = m->tolerance;
    double worse_ok = tol + r->baseline_margin * fabs(b);
    double gain = d * (v - b);   /* > 0: better than the baseline */

    switch (m->target.kind) {
    case BS_TARGET_ABSOLUTE:
    case BS_TARGET_RELATIVE:
    case BS_TARGET_PP: {
        double lag_ok = tol + r->path_margin * fabs(target - b);
        if (d * (v - path) >= -(lag_ok + eps(v, path)))
            return BS_STATUS_GREEN;
        return gain >= -(worse_ok + eps(v, b)) ? BS_STATUS_ORANGE : BS_STATUS_RED;
    }
    case BS_TARGET_AT_LEAST:
    case BS_TARGET_AT_MOST: {
        int met = m->target.kind == BS_TARGET_AT_LEAST
                  ? v >= target - eps(v, target) : v <= target + eps(v, target);
        if (met)
            return BS_STATUS_GREEN;
        return gain > tol + eps(v, b) ? BS_STATUS_ORANGE : BS_STATUS_RED;
    }
    case BS_TARGET_DIRECTION:
        if (gain > tol + eps(v, b))
            return BS_STATUS_GREEN;
        return gain >= -(worse_ok + eps(v, b)) ? BS_STATUS_ORANGE : BS_STATUS_RED;
    }
    return BS_STATUS_GREY;
}

static int check_order(const bs_series *s, const char *what, bs_error *err)
{
    size_t i;

    for (i = 1; i < s->n; i++) {
        int c = bs_period_cmp(&s->period[i - 1], &s->period[i]);
        if (c == 0)
            return bs_error_set(err, "%s%speriod '%s' is in the series twice "
                                "(also as '%s')", what ? what : "", sep(what),
                                s->period[i].text, s->period[i - 1].text);
        if (c > 0)
            return bs_error_set(err, "%s%speriod '%s' comes after '%s' in the "
                                "series: periods must be in order",
                                what ? what : "", sep(what),
                                s->period[i - 1].text, s->period[i].text);
    }
    return 0;
}

/* The target value V from the baseline value B. */
static double target_value(const bs_target *t, double b)
{
    switch (t->kind) {
    case BS_TARGET_ABSOLUTE:
    case BS_TARGET_AT_LEAST:
    case BS_TARGET_AT_MOST:
        return t->amount;
    case BS_TARGET_RELATIVE:
        return b * (1 + t->amount / 100);
    case BS_TARGET_PP:
        return b + t->amount;
    case BS_TARGET_DIRECTION:
        break;
    }
    return NAN;
}

static void evaluate_point(const bs_monitor_spec *m, const bs_stoplicht *r,
                           const bs_series *s, size_t i,
                           const bs_monitor_info *in, bs_monitor_point *p)
{
    const bs_period *pi = &s->period[i];
    int c = bs_period_cmp(pi, &m->baseline);
    int brk = break_between(m, pi, &m->baseline);
    double v = s->value[i], b = in->baseline;

    p->value = v;
    p->provisional = s->provisional ? s->provisional[i] != 0 : 0;
    p->baseline = b;
    p->target = in->target;
    p->path = p->change = p->change_pct = NAN;
    if (!isnan(v) && !isnan(b) && !brk) {
        p->change = v - b;
        p->change_pct = b != 0 ? 100 * (v - b) / fabs(b) : NAN;
    }
    if (!isnan(in->target_time) && !isnan(b) && !isnan(in->target) && c >= 0 && !brk)
        p->path = bs_monitor_path(bs_period_time(&m->baseline), b,
                                  in->target_time, in->target, bs_period_time(pi));
    p->status = BS_STATUS_GREY;
    if (isnan(v))
        p->why = BS_GREY_NO_VALUE;
    else if (c < 0)
        p->why = BS_GREY_BEFORE_BASELINE;
    else if (c == 0)
        p->why = BS_GREY_AT_BASELINE;
    else if (isnan(b))
        p->why = BS_GREY_NO_BASELINE;
    else if (brk)
        p->why = BS_GREY_BREAK;
    else {
        p->why = BS_GREY_NONE;
        p->status = judge(m, r, v, b, in->target, p->path);
    }
}

int bs_monitor_evaluate(const bs_monitor_spec *m, const bs_stoplicht *r,
                        const bs_series *s, bs_monitor_point *out,
                        bs_monitor_info *info, const char *what,
                        bs_error *err)
{
    bs_stoplicht def;
    bs_monitor_info in;
    size_t i;

    if (bs_monitor_check(m, what, err) || check_order(s, what, err))
        return -1;
    if (!r) {
        bs_stoplicht_default(&def);
        r = &def;
    }
    in.baseline_index = -1;
    for (i = 0; i < s->n; i++)
        if (bs_period_same(&s->period[i], &m->baseline))
            in.baseline_index = (long)i;
    in.latest = bs_series_latest(s);
    in.baseline = in.baseline_index >= 0 ? s->value[in.baseline_index] : NAN;
    in.target = target_value(&m->target, in.baseline);
    in.target_time = has_deadline(&m->target) ? bs_period_time(&m->target.by) : NAN;
    in.target_not_better = has_deadline(&m->target) && !isnan(in.baseline)
                           && m->direction * (in.target - in.baseline) <= 0;
    for (i = 0; i < s->n; i++)
        evaluate_point(m, r, s, i, &in, &out[i]);
    if (info)
        *info = in;
    return 0;
}
