/* csvwrite.h: the one CSV writer for every CSV buurtscan writes, in two
 * dialects: plain (',' between fields, '.' decimals, LF) and excel-nl (';'
 * between fields, ',' decimals, a UTF-8 byte order mark and CRLF, which is
 * what Dutch Excel opens as columns: [project] csv = excel-nl). The reader
 * (csv.h) detects both. */
#ifndef BUURTSCAN_CSVWRITE_H
#define BUURTSCAN_CSVWRITE_H

#include "buurtscan/error.h"
#include "buurtscan/typedtable.h"

typedef enum bs_csv_dialect {
    BS_CSV_PLAIN = 0,
    BS_CSV_EXCEL_NL = 1
} bs_csv_dialect;

/* "plain" or "excel-nl" (case-insensitive, blanks around allowed) into
 * *out. Returns 0, or -1 for anything else. */
int bs_csv_dialect_parse(const char *text, bs_csv_dialect *out);

/* The dialect's name, as bs_csv_dialect_parse takes it. */
const char *bs_csv_dialect_name(bs_csv_dialect d);

typedef struct bs_csvw bs_csvw;

/* Opens path for writing (replacing it); excel-nl starts with the BOM.
 * NULL with "PATH: cannot write: REASON" in err. */
bs_csvw *bs_csvw_open(const char *path, bs_csv_dialect d, bs_error *err);

/* Appends one field to the current row. A text field (NULL: empty) is
 * quoted when it holds the separator, a quote, CR or LF, quotes doubled.
 * A number is written as bs_format_csv_number writes it, with ',' for '.'
 * in excel-nl; NaN is an empty field. */
void bs_csvw_text(bs_csvw *w, const char *s);
void bs_csvw_num(bs_csvw *w, double v);
void bs_csvw_int(bs_csvw *w, long long v);
/* A text field always in quotes (doubled inside), whatever it holds. */
void bs_csvw_quoted(bs_csvw *w, const char *s);

/* Ends the current row. */
void bs_csvw_end_row(bs_csvw *w);

/* Closes the file and frees w; an error (a write that failed, e.g. a full
 * disk) removes the file: "PATH: write error: REASON". */
int bs_csvw_close(bs_csvw *w, bs_error *err);

/* Writes t whole: a header of column names, then one row per table row;
 * REAL as bs_csvw_num, INTEGER as bs_csvw_int, missing cells empty and
 * suppressed cells "." (the CBS sign, which the reader takes as missing).
 * Errors: a table that fails bs_typed_table_check, and those of
 * bs_csvw_open and bs_csvw_close. */
int bs_csv_write_table(const char *path, const bs_typed_table *t,
                       bs_csv_dialect d, bs_error *err);

#endif
