/* formula.h: indicator formulas such as `100 * jeugdhulp / jongeren`.
 *
 * Grammar: numbers (with '.' decimal), column names, + - * /, unary minus,
 * parentheses. A column name is a run of letters, digits, '_' and '.'
 * starting with a letter or '_', or any text between backticks (`0_15`).
 * Evaluation is per area: a missing operand gives missing (NaN), and so does
 * division by zero. */
#ifndef BUURTSCAN_FORMULA_H
#define BUURTSCAN_FORMULA_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef struct bs_formula bs_formula;

/* Parses text. `where` (e.g. "project.ini:12") prefixes error messages:
 * "project.ini:12: formula: expected ')' at position 9". */
int bs_formula_parse(const char *text, const char *where, bs_formula **out,
                     bs_error *err);
void bs_formula_free(bs_formula *f);

/* The distinct column names the formula uses, in order of first use. */
size_t bs_formula_ncolumns(const bs_formula *f);
const char *bs_formula_column(const bs_formula *f, size_t i);

/* Evaluates for n areas; cols[i] is the value array (length n) of column i
 * as numbered by bs_formula_column. out[n] receives the results. */
void bs_formula_eval(const bs_formula *f, const double *const *cols, size_t n,
                     double *out);

#endif
