/* labelorder.h: the order in which map labels claim room on the page, so
 * that the labels that matter are the ones placed: highlighted areas
 * first (designated IKCs, a selected wijk), then the areas by need of the
 * mapped value (rank 1, the most need, first), then areas without a value;
 * equal ones in area order. Pure function; the placement itself is
 * labels.h's. */
#ifndef BUURTSCAN_LABELORDER_H
#define BUURTSCAN_LABELORDER_H

#include <stddef.h>
#include "buurtscan/error.h"

/* value[n]: the mapped value (a score, an indicator), NaN = none, or NULL
 * for a map without an order of need (categories): then highlighted areas
 * first and the rest in area order. direction +1: a higher value is more
 * need; -1: a lower one is. highlight[n] (may be NULL): nonzero = shown
 * highlighted; among themselves they follow need too.
 * Fills order[n] with area indices, most important first, and priority[n]
 * (may be NULL) with each area's place in that order (0 = first). Returns
 * 0, or -1 when out of memory or direction is not +-1. */
int bs_label_order(const double *value, int direction,
                   const unsigned char *highlight, size_t n, size_t *order,
                   size_t *priority, bs_error *err);

#endif
