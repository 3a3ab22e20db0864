/* table.h: a table of text cells read from a CSV or DBF file.
 *
 * Cells are kept as trimmed UTF-8 text (NULL = empty). Numbers are parsed
 * only when a column is used as a number (bs_table_column_numeric), so that a
 * text column that no indicator uses never causes an error, and a bad cell in
 * a used column is reported with its file and line. */
#ifndef BUURTSCAN_TABLE_H
#define BUURTSCAN_TABLE_H

#include <stddef.h>
#include "buurtscan/error.h"

/* What bs_table.lines[] count, for messages. */
enum {
    BS_ROWS_LINE = 0,    /* CSV lines */
    BS_ROWS_RECORD = 1,  /* DBF records (1-based) */
    BS_ROWS_FEATURE = 2  /* features of a GDAL layer, by position (1-based) */
};

typedef struct bs_table {
    char *path;          /* source file, for messages */
    size_t nrows, ncols;
    char **names;        /* ncols column names (trimmed UTF-8) */
    char ***cells;       /* cells[col][row], UTF-8, NULL = empty */
    long *lines;         /* per row: source line (CSV) or record number (DBF) */
    int by_record;       /* BS_ROWS_*: what lines[] count (non-zero: not
                          * text lines) */
    char decimal;        /* '.' or ',' : decimal separator of numeric cells */
    size_t rows_cap;     /* allocated rows (internal) */
} bs_table;

/* Creates an empty table; path is copied. NULL on out of memory. */
bs_table *bs_table_new(const char *path);
void bs_table_free(bs_table *t);

/* Appends a column (name copied). Returns its index, or -1 (out of memory).
 * Columns must all be added before the first row. */
long bs_table_add_column(bs_table *t, const char *name);

/* Appends a row of empty cells read from source line/record `line`.
 * Returns the row index, or -1. */
long bs_table_add_row(bs_table *t, long line);

/* Sets a cell to a copy of text[0..len) with surrounding blanks trimmed;
 * an empty result leaves the cell NULL. Returns 0 or -1 (out of memory). */
int bs_table_set(bs_table *t, size_t col, size_t row, const char *text,
                 size_t len);

/* Column index by name (trimmed, case-insensitive), or -1. */
long bs_table_find(const bs_table *t, const char *name);

/* "line", "record" or "feature": what t->lines[] count. */
const char *bs_table_row_word(const bs_table *t);

/* Writes "PATH:LINE", "PATH: record N" or "PATH: feature N" for a row. */
void bs_table_where(const bs_table *t, size_t row, char *buf, size_t n);

/* Parses column col as numbers into out[nrows] (NaN = missing). Text that is
 * not a number is an error naming file, line and column. */
int bs_table_column_numeric(const bs_table *t, size_t col, double *out,
                            bs_error *err);

#endif
