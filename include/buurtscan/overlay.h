/* overlay.h: the crosswalk between two map editions from their polygons,
 * with GEOS. Nothing else in buurtscan touches GEOS (src/data/overlay.c and
 * its helper geosarea.c).
 *
 * For every source area and every target area it meets, the area of their
 * intersection; a row's share is that area divided by the area of the
 * source that targets cover (the sum over its targets, the targets being a
 * partition), so each source's shares sum to 1 and totals are kept. Targets
 * are found with an STRtree; a target that contains the source whole (or
 * lies whole inside it) needs no intersection.
 *
 * Polygons are rebuilt from the area model's rings by nesting (a ring inside
 * an odd number of the area's other rings is a hole), the even-odd rule the
 * maps draw with. An invalid polygon (self-intersecting rings, as simplified
 * boundaries can have) is made valid with GEOSMakeValid (the "structure"
 * method: shells unioned, holes cut out) and a warning names it. */
#ifndef BUURTSCAN_OVERLAY_H
#define BUURTSCAN_OVERLAY_H

#include "buurtscan/areas.h"
#include "buurtscan/crosswalk.h"
#include "buurtscan/error.h"

typedef struct bs_overlay_options {
    /* Rows whose share of the source is below this are dropped and the
     * source's other shares scaled to sum to 1 again (bs_crosswalk_prune):
     * slivers where two editions draw one border differently. 0 = keep
     * every intersection. */
    double min_share;
    /* Worker threads (each with its own GEOS context); 0 = one per CPU.
     * The crosswalk does not depend on it. */
    unsigned threads;
} bs_overlay_options;

typedef struct bs_overlay_info {
    size_t repaired_from, repaired_to;  /* invalid polygons made valid */
    size_t candidates;     /* (source, target) pairs whose boxes meet */
    size_t intersections;  /* pairs that needed an intersection */
    size_t rows;           /* crosswalk rows (after min_share) */
    size_t dropped;        /* rows dropped under min_share */
} bs_overlay_info;

/* Overlays the areas of `from` (sources) on those of `to` (targets) into a
 * new crosswalk (*out, bs_crosswalk_free), keyed by the attribute columns
 * from_key and to_key. Both sets must be in the same projected CRS (the
 * caller reprojects; areas are measured in its units). opt and info may
 * be NULL; diag gets one warning per polygon made valid ("PATH: record N
 * (KEY): invalid polygon (Self-intersection at x y); made valid").
 * Areas without geometry are kept as keys with no rows (a source covering
 * no target; a target covered by none). Errors: a key column that is
 * missing, a key that is empty or listed twice (naming the records), a
 * polygon GEOS cannot read or repair, an intersection GEOS cannot compute.
 * Returns 0 or -1 (nothing in *out). */
int bs_overlay(const bs_areas *from, const char *from_key, const bs_areas *to,
               const char *to_key, const bs_overlay_options *opt,
               bs_crosswalk **out, bs_overlay_info *info, const bs_diag *diag,
               bs_error *err);

#endif
