/* xlsx.h: Excel workbooks of typed tables (typedtable.h) through
 * libxlsxwriter, for analysts who work in Excel. Nothing else in buurtscan
 * touches libxlsxwriter. */
#ifndef BUURTSCAN_XLSX_H
#define BUURTSCAN_XLSX_H

#include "buurtscan/error.h"
#include "buurtscan/typedtable.h"

/* The CBS sign legend for a suppressed cell, written under a sheet that
 * has one (from the symbol legend of CBS StatLine tables). */
#define BS_XLSX_SUPPRESSED_NL \
    ". = het cijfer is onbekend, onvoldoende betrouwbaar of geheim " \
    "(verklaring van symbolen van het CBS)"
#define BS_XLSX_SUPPRESSED_EN \
    ". = the figure is unknown, insufficiently reliable or confidential " \
    "(CBS symbol legend)"

typedef struct bs_xlsx bs_xlsx;

/* Starts the workbook path. created (seconds since 1970) is the creation
 * time recorded in the file, so that the same tables and time give the same
 * bytes; 0: now. Nothing is written until bs_xlsx_close. */
int bs_xlsx_create(const char *path, long long created, bs_xlsx **out,
                   bs_error *err);

/* Adds the sheet t->name: row 1 holds the column labels (bold, frozen,
 * with an autofilter over the table), then one row per table row: REAL and
 * INTEGER cells as numbers (with the column's decimals, or General), TEXT
 * cells as text, missing cells empty and suppressed cells the text "."
 * (right-aligned, as CBS prints it). Under the table, after an empty row:
 * the lines of note (split at '\n'; NULL: none), and when some cell is
 * suppressed the line suppressed_note (NULL: BS_XLSX_SUPPRESSED_NL).
 * Errors, "PATH: sheet 'NAME': ...": a table that fails
 * bs_typed_table_check, a sheet name Excel refuses (longer than 31
 * characters, one of []:*?/\, or used twice), more rows than a sheet
 * holds, a text longer than a cell holds. */
int bs_xlsx_add_sheet(bs_xlsx *x, const bs_typed_table *t, const char *note,
                      const char *suppressed_note, bs_error *err);

/* Writes the file and frees x. On error nothing is left at path. */
int bs_xlsx_close(bs_xlsx *x, bs_error *err);

/* Frees x without writing the file (after a failure); x may be NULL. */
void bs_xlsx_discard(bs_xlsx *x);

#endif
