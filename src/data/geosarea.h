/* geosarea.h: an area of the area model (areas.h) as a GEOS polygon.
 * Internal to src/data (the overlay); GEOS stays out of the public headers. */
#ifndef BUURTSCAN_GEOSAREA_H
#define BUURTSCAN_GEOSAREA_H

#include <geos_c.h>
#include "buurtscan/areas.h"

/* Area i of A as a GEOS multipolygon. The model does not tell outer rings
 * from holes (maps fill with the even-odd rule), so rings are nested: a
 * ring inside an odd number of the area's other rings is a hole of the
 * deepest ring around it, one inside an even number a shell (an island in
 * a lake). Rings of fewer than three distinct points are skipped; an open
 * ring is closed. Returns NULL for an area with no usable ring, or with
 * *fail = 1 on a GEOS or memory error. The result is not checked for
 * validity. */
GEOSGeometry *bs_geos_area(GEOSContextHandle_t ctx, const bs_areas *A, size_t i,
                           int *fail);

#endif
