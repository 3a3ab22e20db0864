/* notes.h: the notes of the conversations in the areas (notes.csv), one
 * per area and scan question, which the report prints on the area pages.
 *
 * Layer: io (the job reads them in its load phase). */
#ifndef BUURTSCAN_NOTES_H
#define BUURTSCAN_NOTES_H

#include <stddef.h>
#include "buurtscan/error.h"

/* Reads notes.csv (columns code and the three questions of
 * bs_report_question_name: aansluiten, vragen, ondersteunen; any order,
 * case-insensitive; other columns are ignored) into notes[3 * n]
 * (malloc'd strings, NULL = empty), n = the number of area keys. Errors:
 * a missing column, an empty or unknown code and a code given twice, as
 * "PATH:LINE: ...". Free with bs_report_notes_free. */
int bs_report_notes_read(const char *path, const char *const *keys, size_t n,
                         char ***notes, bs_error *err);
void bs_report_notes_free(char **notes, size_t n);

#endif
