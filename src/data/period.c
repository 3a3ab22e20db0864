/* period.c: reading, ordering and writing reporting periods. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/period.h"

#define FORMS "a year (2024), a StatLine code (2024JJ00, 2024HJ02, 2024KW01, " \
              "2024MM03) or 2024H1, 2024-H2, 2024Q3, 2024-03"

static const int parts_of[] = { 1, 2, 4, 12 };

static const char *const months_nl[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
};
static const char *const months_en[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/* "WHAT: " or "" */
static const char *sep(const char *what)
{
    return what && *what ? ": " : "";
}

static int bad(bs_error *err, const char *what, const char *text,
               const char *why)
{
    return bs_error_set(err, "%s%s'%s' is not a period: %s", what ? what : "",
                        sep(what), text, why);
}

/* Two decimal digits at s, as a number, or -1. */
static int two_digits(const char *s)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* The StatLine part after the year: JJ00, HJnn, KWnn, MMnn. */
static int parse_statline(const char *t, const char *what, const char *text,
                          bs_period *p, bs_error *err)
{
    char a = (char)toupper((unsigned char)t[0]), b = (char)toupper((unsigned char)t[1]);
    int nn = two_digits(t + 2);

    if (nn < 0 || t[4])
        return bad(err, what, text, "expected " FORMS);
    if (a == 'J' && b == 'J') {
        if (nn != 0)
            return bad(err, what, text, "a StatLine year is written JJ00");
        p->kind = BS_PERIOD_YEAR;
    } else if (a == 'H' && b == 'J') {
        if (nn < 1 || nn > 2)
            return bad(err, what, text, "a half year is HJ01 or HJ02");
        p->kind = BS_PERIOD_HALF;
    } else if (a == 'K' && b == 'W') {
        if (nn < 1 || nn > 4)
            return bad(err, what, text, "a quarter is KW01 to KW04");
        p->kind = BS_PERIOD_QUARTER;
    } else if (a == 'M' && b == 'M') {
        if (nn < 1 || nn > 12)
            return bad(err, what, text, "a month is MM01 to MM12");
        p->kind = BS_PERIOD_MONTH;
    } else {
        return bad(err, what, text, "unknown StatLine period type (JJ, HJ, KW "
                   "and MM are understood)");
    }
    p->part = nn;
    return 0;
}

/* The plain part after the year: "", [-]Hn, [-]Qn, -MM. */
static int parse_plain(const char *t, const char *what, const char *text,
                       bs_period *p, bs_error *err)
{
    int dash = *t == '-';
    char c;

    if (!*t) {
        p->kind = BS_PERIOD_YEAR;
        p->part = 0;
        return 0;
    }
    t += dash;
    if (dash && two_digits(t) >= 0 && !t[2]) {
        int m = two_digits(t);
        if (m < 1 || m > 12)
            return bad(err, what, text, "a month is 01 to 12");
        p->kind = BS_PERIOD_MONTH;
        p->part = m;
        return 0;
    }
    c = (char)toupper((unsigned char)t[0]);
    if ((c != 'H' && c != 'Q') || !isdigit((unsigned char)t[1]) || t[2])
        return bad(err, what, text, "expected " FORMS);
    p->part = t[1] - '0';
    if (c == 'H') {
        if (p->part < 1 || p->part > 2)
            return bad(err, what, text, "a half year is H1 or H2");
        p->kind = BS_PERIOD_HALF;
    } else {
        if (p->part < 1 || p->part > 4)
            return bad(err, what, text, "a quarter is Q1 to Q4");
        p->kind = BS_PERIOD_QUARTER;
    }
    return 0;
}

int bs_period_parse(const char *text, const char *what, bs_period *out,
                    bs_error *err)
{
    bs_period p;
    const char *s = text ? text : "", *e;
    size_t len;
    int i;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    len = (size_t)(e - s);
    if (len == 0)
        return bs_error_set(err, "%s%sempty period: expected " FORMS,
                            what ? what : "", sep(what));
    if (len >= sizeof p.text)
        return bs_error_set(err, "%s%s'%.*s...' is not a period: too long",
                            what ? what : "", sep(what), 16, s);
    memset(&p, 0, sizeof p);
    memcpy(p.text, s, len);
    for (i = 0; i < 4; i++)
        if (!isdigit((unsigned char)p.text[i]))
            return bad(err, what, p.text, "expected " FORMS);
    p.year = (p.text[0] - '0') * 1000 + (p.text[1] - '0') * 100
             + (p.text[2] - '0') * 10 + (p.text[3] - '0');
    if (p.year < 1800)
        return bad(err, what, p.text, "the year is before 1800");
    if (isalpha((unsigned char)p.text[4]) && isalpha((unsigned char)p.text[5])) {
        if (parse_statline(p.text + 4, what, p.text, &p, err))
            return -1;
    } else if (parse_plain(p.text + 4, what, p.text, &p, err)) {
        return -1;
    }
    *out = p;
    return 0;
}

int bs_period_list_parse(const char *text, const char *what, bs_period **out,
                         size_t *n, bs_error *err)
{
    char *copy = NULL, *tok, *save = NULL;
    bs_period *list = NULL;
    size_t cnt = 0, cap = 0, i;

    copy = malloc(strlen(text ? text : "") + 1);
    if (!copy)
        return bs_error_set(err, "%s%sout of memory", what ? what : "", sep(what));
    strcpy(copy, text ? text : "");
    for (tok = strtok_r(copy, " \t,;", &save); tok;
         tok = strtok_r(NULL, " \t,;", &save)) {
        bs_period p;
        if (bs_period_parse(tok, what, &p, err))
            goto fail;
        for (i = 0; i < cnt; i++)
            if (bs_period_same(&list[i], &p)) {
                bs_error_set(err, "%s%speriod '%s' is listed twice (as '%s')",
                             what ? what : "", sep(what), p.text, list[i].text);
                goto fail;
            }
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 8;
            bs_period *nl = realloc(list, nc * sizeof *nl);
            if (!nl) {
                bs_error_set(err, "%s%sout of memory", what ? what : "", sep(what));
                goto fail;
            }
            list = nl;
            cap = nc;
        }
        list[cnt++] = p;
    }
    if (cnt == 0) {
        bs_error_set(err, "%s%sno periods given: expected a list such as "
                     "'2023 2024' or '2024HJ01 2024HJ02'", what ? what : "",
                     sep(what));
        goto fail;
    }
    free(copy);
    *out = list;
    *n = cnt;
    return 0;
fail:
    free(copy);
    free(list);
    return -1;
}

double bs_period_time(const bs_period *p)
{
    if (p->kind == BS_PERIOD_YEAR)
        return p->year;
    return p->year + (double)(p->part - 1) / parts_of[p->kind];
}

double bs_period_length(const bs_period *p)
{
    return 1.0 / parts_of[p->kind];
}

int bs_period_cmp(const bs_period *a, const bs_period *b)
{
    /* exact: compare starts as fractions of a year in twelfths */
    int sa = a->year * 12 + (a->kind == BS_PERIOD_YEAR ? 0
                             : (a->part - 1) * 12 / parts_of[a->kind]);
    int sb = b->year * 12 + (b->kind == BS_PERIOD_YEAR ? 0
                             : (b->part - 1) * 12 / parts_of[b->kind]);

    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;   /* the longer period first */
    return 0;
}

int bs_period_same(const bs_period *a, const bs_period *b)
{
    return a->kind == b->kind && a->year == b->year && a->part == b->part;
}

char *bs_period_format(const bs_period *p, const char *language, char *buf,
                       size_t n)
{
    int nl = language && strcmp(language, "nl") == 0;

    switch (p->kind) {
    case BS_PERIOD_YEAR:
        snprintf(buf, n, "%d", p->year);
        break;
    case BS_PERIOD_HALF:
        if (nl)
            snprintf(buf, n, "%de helft %d", p->part, p->year);
        else
            snprintf(buf, n, "%s half %d", p->part == 1 ? "first" : "second",
                     p->year);
        break;
    case BS_PERIOD_QUARTER:
        if (nl)
            snprintf(buf, n, "%de kwartaal %d", p->part, p->year);
        else
            snprintf(buf, n, "Q%d %d", p->part, p->year);
        break;
    case BS_PERIOD_MONTH:
        snprintf(buf, n, "%s %d", nl ? months_nl[p->part - 1] : months_en[p->part - 1],
                 p->year);
        break;
    }
    return buf;
}

char *bs_period_code(const bs_period *p, char *buf, size_t n)
{
    static const char *const type[] = { "JJ", "HJ", "KW", "MM" };

    snprintf(buf, n, "%04d%s%02d", p->year, type[p->kind], p->part);
    return buf;
}
