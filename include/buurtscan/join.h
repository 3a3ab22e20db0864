/* join.h: joining a data table to the areas on a key.
 * Keys are compared trimmed and case-insensitively ("wk008010 " = "WK008010"). */
#ifndef BUURTSCAN_JOIN_H
#define BUURTSCAN_JOIN_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/table.h"

typedef struct bs_join {
    size_t nareas;
    long *row;              /* per area: the data row, or -1 */
    size_t matched;         /* areas with a data row */
    size_t *unmatched_areas;/* indices of areas without a row */
    size_t nunmatched_areas;
    size_t *unmatched_rows; /* data rows that match no area */
    size_t nunmatched_rows;
} bs_join;

/* Joins table column keycol to the area keys. A key that occurs twice in the
 * table is an error naming both lines; rows with an empty key are counted as
 * unmatched. */
int bs_join_build(const char *const *area_keys, size_t nareas,
                  const bs_table *t, size_t keycol, bs_join *out,
                  bs_error *err);
void bs_join_free(bs_join *j);

/* Checks that area keys are present and unique; `where` describes them for
 * messages (e.g. the attrs table of the areas). */
int bs_keys_check_unique(const bs_table *t, size_t keycol, bs_error *err);

#endif
