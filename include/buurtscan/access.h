/* access.h: accessibility of facilities from the areas: for each area's
 * point (its population-weighted point, or its label point) and each kind
 * of facility, the distance to the nearest facility of that kind and the
 * number of them within a radius.
 *
 * Distances are straight lines in the units of the coordinates (metres in
 * a projected CRS such as RD New or the British National Grid): not travel
 * distances along roads or paths, and meaningless in degrees. The
 * facilities of each kind go into a k-d tree (kdtree.h), so the cost is
 * about (areas + facilities) log(facilities), not areas x facilities. */
#ifndef BUURTSCAN_ACCESS_H
#define BUURTSCAN_ACCESS_H

#include <stddef.h>
#include "buurtscan/error.h"

/* Results per area and kind, row-major: entry [i * nkinds + k] is area i,
 * kind k. */
typedef struct bs_access {
    size_t nareas, nkinds;
    double radius;
    double *nearest;          /* distance to the nearest facility of kind k;
                                 NaN when the area has no point or there is
                                 no facility of that kind */
    size_t *nearest_id;       /* that facility's index; SIZE_MAX with NaN */
    size_t *within;           /* facilities of kind k at distance <= radius
                                 (0 for an area without a point) */
} bs_access;

/* Computes the accessibility of nareas area points (ax[i], ay[i]; NaN: an
 * area without a point) to nfac facilities (fx[j], fy[j]) of kind
 * kind[j] (0 .. nkinds - 1; SIZE_MAX: a facility of no kind, left out;
 * kind NULL: all of kind 0), within radius (>= 0) for the counts. Ties for
 * the nearest go to the lower facility index. *out is zeroed first; free
 * with bs_access_free (also after an error).
 * Errors: nkinds 0, a radius negative or not finite, a facility without
 * finite coordinates or with a kind >= nkinds ("facility 17: kind 4, but
 * there are 3 kinds"; keys, when not NULL, name the facilities instead of
 * their index), out of memory. */
int bs_access_compute(const double *ax, const double *ay, size_t nareas,
                      const double *fx, const double *fy, const size_t *kind,
                      size_t nfac, size_t nkinds, double radius,
                      const char *const *keys, bs_access *out, bs_error *err);
void bs_access_free(bs_access *a);

#endif
