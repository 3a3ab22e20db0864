/* period.h: reporting periods (years, half years, quarters, months) as
 * CBS StatLine codes them and as people write them.
 *
 * A period is read from a StatLine code (2024JJ00 year, 2024HJ01 and
 * 2024HJ02 half years, 2024KW01..KW04 quarters, 2024MM01..MM12 months) or a
 * plain form (2024, 2024H1, 2024-H2, 2024Q3, 2024-Q3, 2024-03); letters may
 * be in either case. It keeps the text as read, for output files, and sits
 * on a time axis in years: a period's position is its start, so half years
 * are at .0 and .5, quarters at quarters and months at twelfths (2024MM03 is
 * 2024 + 2/12). Data level: no files, no printing. */
#ifndef BUURTSCAN_PERIOD_H
#define BUURTSCAN_PERIOD_H

#include <stddef.h>
#include "buurtscan/error.h"

#define BS_PERIOD_TEXT_MAX 24

typedef enum bs_period_kind {
    BS_PERIOD_YEAR = 0,
    BS_PERIOD_HALF,
    BS_PERIOD_QUARTER,
    BS_PERIOD_MONTH
} bs_period_kind;

typedef struct bs_period {
    bs_period_kind kind;
    int year;
    int part;                       /* 0 for a year; 1..2, 1..4 or 1..12 */
    char text[BS_PERIOD_TEXT_MAX];  /* as read, blanks around removed */
} bs_period;

/* Reads text into *out. `what` names the place for messages (e.g.
 * "project.ini:12: [monitor jeugdhulp] baseline"; NULL or "" = none), as
 * "WHAT: '2024HJ03' is not a period: ...". The message says which forms are
 * understood, or what is wrong with a code of a known form (a half year 03,
 * a month 13). Text longer than BS_PERIOD_TEXT_MAX - 1 is refused.
 * Returns 0, or -1 with err set (out unchanged). */
int bs_period_parse(const char *text, const char *what, bs_period *out,
                    bs_error *err);

/* Reads a list of periods separated by blanks or commas ("2023 2024",
 * "2024HJ01, 2024HJ02") into a new array (*out, caller frees; *n entries).
 * An empty list, a bad period or the same period twice is an error. */
int bs_period_list_parse(const char *text, const char *what, bs_period **out,
                         size_t *n, bs_error *err);

/* The period's start on the time axis in years (2024HJ02 = 2024.5). */
double bs_period_time(const bs_period *p);

/* The period's length in years (1, 0.5, 0.25 or 1/12). */
double bs_period_length(const bs_period *p);

/* Order of periods: by start, and for the same start the longer period
 * first (2024 before 2024HJ01 before 2024KW01 before 2024MM01). Returns
 * <0, 0 or >0; 0 exactly when bs_period_same. */
int bs_period_cmp(const bs_period *a, const bs_period *b);

/* Whether a and b are the same period (kind, year and part), however they
 * were written: 2024 and 2024JJ00 are the same, 2024 and 2024HJ01 are not. */
int bs_period_same(const bs_period *a, const bs_period *b);

/* The period for people into buf: language "nl": "2024", "1e helft 2025",
 * "2e kwartaal 2024", "maart 2024"; "en" (or anything else): "2024",
 * "first half 2025", "Q2 2024", "March 2024". Returns buf. */
char *bs_period_format(const bs_period *p, const char *language, char *buf,
                       size_t n);

/* The period's StatLine code into buf ("2024JJ00", "2025HJ02"). Returns buf. */
char *bs_period_code(const bs_period *p, char *buf, size_t n);

#endif
