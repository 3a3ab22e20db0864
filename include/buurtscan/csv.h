/* csv.h: reading statistics tables (CBS StatLine exports and the like).
 * Uses libcsv; nothing else in buurtscan touches libcsv. */
#ifndef BUURTSCAN_CSV_H
#define BUURTSCAN_CSV_H

#include "buurtscan/error.h"
#include "buurtscan/table.h"

typedef struct bs_csv_options {
    char delimiter;      /* 0 = detect among ',' ';' '\t' */
    char decimal;        /* 0 = detect '.' or ',' */
    const char *encoding;/* NULL = detect: UTF-8 (BOM stripped) else Latin-1/CP1252 */
} bs_csv_options;

/* Reads a CSV file with a header row into a new table (*out, caller frees).
 * Header names and cells are trimmed; quoted, space-padded values are trimmed
 * too. Rows with a different number of fields than the header are an error
 * "PATH:LINE: row has N fields, the header has M" (LINE: where the record
 * starts). Empty lines are skipped.
 * Text in Latin-1/CP1252 is converted to UTF-8. */
int bs_csv_read(const char *path, const bs_csv_options *opt, bs_table **out,
                bs_error *err);

#endif
