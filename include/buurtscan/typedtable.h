/* typedtable.h: a table of typed columns, what the exporters write
 * (GeoPackage and GeoJSON layers, Excel sheets, CSV files): per column a
 * name, a header label, a type, the values and the cells withheld.
 *
 * The table borrows everything: the caller keeps names and arrays alive
 * while a writer runs. Missing is NaN (numbers) or NULL (text); a
 * suppressed cell is withheld on purpose (disclosure control, or secret at
 * the source) and written as CBS writes it: "." in Excel and CSV, null in
 * GIS formats. */
#ifndef BUURTSCAN_TYPEDTABLE_H
#define BUURTSCAN_TYPEDTABLE_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef enum bs_col_type {
    BS_COL_REAL = 0,     /* num[]: doubles */
    BS_COL_INTEGER = 1,  /* num[]: whole numbers within +-2^53 */
    BS_COL_TEXT = 2      /* text[]: UTF-8 */
} bs_col_type;

typedef struct bs_typed_column {
    const char *name;                 /* field name and CSV header */
    const char *label;                /* header for people (Excel); NULL:
                                       * the name */
    bs_col_type type;
    const double *num;                /* REAL, INTEGER: nrows values */
    const char *const *text;          /* TEXT: nrows strings */
    const unsigned char *suppressed;  /* nrows flags, or NULL for none */
    int decimals;                     /* Excel number format: fixed
                                       * decimals, or -1 for General */
} bs_typed_column;

typedef struct bs_typed_table {
    const char *name;                 /* layer or sheet name */
    size_t nrows, ncols;
    const bs_typed_column *cols;
} bs_typed_table;

/* Checks what every writer relies on: a name; column names that are not
 * empty and differ ignoring case; values present for each column's type;
 * INTEGER values whole and within +-2^53 (or NaN). Errors name the table
 * and column ("scores: column 'rank': row 3 holds 2.5, not a whole
 * number"). */
int bs_typed_table_check(const bs_typed_table *t, bs_error *err);

/* 1 if cell (row) of column c is missing or suppressed, else 0. */
int bs_typed_cell_empty(const bs_typed_column *c, size_t row);

/* 1 if cell (row) of column c is suppressed, else 0. */
int bs_typed_cell_suppressed(const bs_typed_column *c, size_t row);

#endif
