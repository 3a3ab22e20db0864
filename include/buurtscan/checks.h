/* checks.h: plausibility checks on input values. Users paste StatLine
 * extracts together, and sources disagree with themselves (the seeds do:
 * components 13,9 + 22,6 + 5,3 against a total of 41,7). These checks
 * report, area by area, what cannot be right or deserves a look; they
 * never change a value. Pure functions on arrays and tables.
 *
 * The checks (README text):
 *   percent   a value of an indicator with unit % outside 0 to 100;
 *   negative  a negative count;
 *   ratio     a rate's numerator above its denominator (allocations can
 *             exceed youths: one youth may hold several, hence a warning);
 *   rule      [check NAME] rule = <formula> <op> <formula>, op one of
 *             < <= = >= >, with tolerance (>= 0, in the values' units) and
 *             severity: `mannen + vrouwen = inwoners` with tolerance 5,
 *             since CBS rounds each figure to 5. With difference d = left -
 *             right, an area breaks `=` when |d| > tolerance, `<=` when
 *             d > tolerance, `<` when d >= tolerance (d >= 0 with tolerance
 *             0), `>=` when d < -tolerance, `>` when d <= -tolerance. An
 *             area with a side missing is not judged;
 *   outlier   a value whose robust z, (x - median) / (1.4826 MAD), exceeds
 *             5 in size: a note (not judged when the MAD is 0 or fewer
 *             than 3 values are present);
 *   periods   a data file with a period column (jaar, perioden, periode,
 *             peiljaar, year, period, or a name ending in _jaar) holding
 *             more than one value, while it is used as one period.
 * Each finding is a row: check, area, value, message, severity, for
 * stderr, checks.csv and the report's method section. A row of severity
 * error stops a run as any bad input does. */
#ifndef BUURTSCAN_CHECKS_H
#define BUURTSCAN_CHECKS_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/table.h"

typedef enum bs_check_severity {
    BS_CHECK_NOTE = 0,
    BS_CHECK_WARNING = 1,
    BS_CHECK_ERROR = 2
} bs_check_severity;

/* Parses "note", "warning" or "error"; -1 if unknown. */
int bs_check_severity_parse(const char *word, bs_check_severity *out);
const char *bs_check_severity_name(bs_check_severity s);

#define BS_CHECK_NO_AREA ((size_t)-1)

/* One finding. */
typedef struct bs_check_row {
    char *check;                 /* "rule geslacht", "percent armoede" ... */
    size_t area;                 /* area index, or BS_CHECK_NO_AREA */
    char *key;                   /* the area's key (or "area N"); NULL for
                                    a whole file */
    double value;                /* the value judged; NaN for none */
    char *message;
    bs_check_severity severity;
} bs_check_row;

typedef struct bs_check_list {
    size_t n, cap;
    bs_check_row *row;
    size_t count[3];             /* rows per severity */
} bs_check_list;

void bs_check_list_init(bs_check_list *l);
void bs_check_list_free(bs_check_list *l);

/* Appends a row; texts are copied, the message formatted. keys (may be
 * NULL) give the area's key. Returns 0, or -1 when out of memory. */
int bs_check_list_add(bs_check_list *l, const char *check, size_t area,
                      const char *const *keys, double value,
                      bs_check_severity sev, bs_error *err, const char *fmt,
                      ...) __attribute__((format(printf, 8, 9)));

/* In each of the following, id names the indicator (check "percent ID"),
 * v[n] holds its values (NaN = missing, skipped), keys[n] (may be NULL)
 * the areas' keys; each row found is appended to out with severity sev;
 * they return 0, or -1 when out of memory. */
int bs_check_percent(const char *id, const double *v, size_t n,
                     const char *const *keys, bs_check_severity sev,
                     bs_check_list *out, bs_error *err);
int bs_check_negative(const char *id, const double *v, size_t n,
                      const char *const *keys, bs_check_severity sev,
                      bs_check_list *out, bs_error *err);
int bs_check_ratio(const char *id, const double *num, const double *den,
                   size_t n, const char *const *keys, bs_check_severity sev,
                   bs_check_list *out, bs_error *err);
/* Severity note; zmax is the limit (5). */
int bs_check_outliers(const char *id, const double *v, size_t n,
                      const char *const *keys, double zmax,
                      bs_check_list *out, bs_error *err);

/* Whether a column name is a period column (see the top). */
int bs_check_is_period_column(const char *name);

/* The period columns of table t with more than one value: one row each
 * (area BS_CHECK_NO_AREA, value the number of periods) naming the values
 * and the line where each first occurs. */
int bs_check_periods(const bs_table *t, bs_check_severity sev,
                     bs_check_list *out, bs_error *err);

/* A [check NAME] rule. */
typedef struct bs_check_rule bs_check_rule;

/* Parses text "<formula> <op> <formula>" (formula.h on each side) for rule
 * name with tolerance (finite, >= 0) and severity. where (e.g.
 * "project.ini:40") prefixes messages: "project.ini:40: rule: no
 * comparison (<, <=, =, >=, >)", "... rule: more than one comparison",
 * "...: rule, right of '=': formula: ...". */
int bs_check_rule_parse(const char *name, const char *text, double tolerance,
                        bs_check_severity sev, const char *where,
                        bs_check_rule **out, bs_error *err);
void bs_check_rule_free(bs_check_rule *r);

/* The distinct columns of both sides, in order of first use. */
size_t bs_check_rule_ncolumns(const bs_check_rule *r);
const char *bs_check_rule_column(const bs_check_rule *r, size_t i);

/* Judges n areas; cols[i] holds column i as bs_check_rule_column numbers
 * them. One row per breaking area (check "rule NAME", value the
 * difference left - right). *nbroken and *njudged (either may be NULL)
 * get the areas that break the rule and those judged. */
int bs_check_rule_eval(const bs_check_rule *r, const double *const *cols,
                       size_t n, const char *const *keys, bs_check_list *out,
                       size_t *nbroken, size_t *njudged, bs_error *err);

#endif
