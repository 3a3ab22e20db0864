/* number.h: the one place that turns text into numbers and numbers into text.
 * CSV cells, DBF fields and project-file values all go through here. */
#ifndef BUURTSCAN_NUMBER_H
#define BUURTSCAN_NUMBER_H

#include <stddef.h>

typedef enum bs_num_status {
    BS_NUM_OK = 0,       /* *out holds the value */
    BS_NUM_MISSING = 1,  /* empty or a CBS missing marker; *out = NaN */
    BS_NUM_BAD = 2       /* text that is not a number; *out = NaN */
} bs_num_status;

/* Parses text (leading/trailing blanks allowed) as a decimal number with the
 * given decimal separator ('.' or ','). Missing: NULL, "", ".", "x", "X",
 * "-", "?", "-99999999", "-99997" (CBS markers). No thousands separators. */
bs_num_status bs_parse_number(const char *text, char decimal, double *out);

/* Writes v for a CSV file: shortest form that round-trips to 10 significant
 * digits, '.' decimal, empty string for NaN. Returns buf. */
char *bs_format_csv_number(double v, char *buf, size_t n);

/* Writes v in the shortest "%.Ng" form (N = 15..17) that reads back as the
 * same double, '.' decimal, "-0" as "0", empty string for NaN; for values
 * another program compares exactly (class bounds in a QGIS style, numbers
 * read from a GeoPackage). Returns buf. */
char *bs_format_exact_number(double v, char *buf, size_t n);

/* Writes v for people: fixed decimals, language "nl" uses ',' as decimal
 * separator and '.' to group thousands (1.234,5); "en" uses '.' and ','.
 * NaN gives "." (the CBS sign for unknown). Returns buf. */
char *bs_format_number(double v, int decimals, const char *language,
                       char *buf, size_t n);

/* Parses a yes/no value, the one way every reader does (project file, style
 * files, report templates): "yes", "ja", "true", "1" give 1; "no", "nee",
 * "false", "0" give 0; case-insensitive, blanks around allowed. Returns 0
 * and sets *out, or -1 (and leaves *out) for anything else. */
int bs_parse_yesno(const char *text, int *out);

#endif
