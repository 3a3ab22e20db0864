/* crosswalkfile.h: crosswalk tables as CSV files (from,to,share), read from
 * a published table or written from an overlay (crosswalk-NAME.csv). */
#ifndef BUURTSCAN_CROSSWALKFILE_H
#define BUURTSCAN_CROSSWALKFILE_H

#include "buurtscan/crosswalk.h"
#include "buurtscan/error.h"

/* Reads a CSV with a header naming the columns from, to and share (in any
 * order and case, other columns ignored; delimiter and decimal sign as
 * bs_csv_read detects them) into a new finished crosswalk (*out,
 * bs_crosswalk_free). Keys are kept in the order they first appear. A row
 * with share 0 is skipped. The shares of each source must sum to 1 within
 * 0.01 (a published table rounds them); they are then scaled to sum to 1
 * exactly, so totals are kept. Errors name the file and line: a missing
 * column, an empty key, a share that is not a number or not in [0, 1], a
 * pair given twice (both lines), shares of a source that do not sum to 1
 * (its first line and the sum). Returns 0 or -1. */
int bs_crosswalk_read(const char *path, bs_crosswalk **out, bs_error *err);

/* Writes cw to path as from,to,share (one row per crosswalk row, by source
 * and target; shares with 10 significant digits, '.' decimal; keys quoted
 * when they hold a comma or a quote). Errors name path. Returns 0 or -1
 * (a partial file may be left for the caller to remove). */
int bs_crosswalk_write(const bs_crosswalk *cw, const char *path, bs_error *err);

#endif
