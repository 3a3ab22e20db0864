/* areas.h: a set of areas (wijken, buurten, LSOAs) with polygon geometry and
 * their DBF attributes, held in flat arrays.
 *
 * Area i owns rings ring_first[i] .. ring_first[i+1]-1; ring r owns points
 * pt_first[r] .. pt_first[r+1]-1 in x[], y[]. Outer rings and holes are not
 * told apart: draw all rings of an area with the even-odd rule. An area with
 * no rings has no geometry (a null or empty shape). */
#ifndef BUURTSCAN_AREAS_H
#define BUURTSCAN_AREAS_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/table.h"

struct bs_arcs;

typedef struct bs_areas {
    char *path;          /* the .shp file, for messages */
    size_t n;            /* areas */
    bs_table *attrs;     /* DBF fields; row i belongs to area i */
    long *record;        /* n: shapefile record number (1-based) */
    size_t *ring_first;  /* n + 1 */
    size_t nrings;
    size_t *pt_first;    /* nrings + 1 */
    size_t npts;
    double *x, *y;       /* npts */
    char *crs;           /* CRS of x/y as PROJ understands it (WKT or "EPSG:n") */
    struct bs_arcs *arcs; /* the borders, each once, as runs of x/y (see
                             topology.h); NULL unless made by simplification */
} bs_areas;

void bs_areas_free(bs_areas *a);

/* Bounding box of all geometry: box = {minx, miny, maxx, maxy}.
 * Returns 0, or -1 when no area has geometry. */
int bs_areas_bbox(const bs_areas *a, double box[4]);

/* Keeps only the areas with keep[i] != 0, in order (attributes too); drops
 * the arcs, if any (they would name the old rings). */
int bs_areas_keep(bs_areas *a, const unsigned char *keep, bs_error *err);

/* The checks every area reader makes on a ring before it adds it, so that
 * shapefile records and GDAL features obey one rule. where names the shape
 * ("w.shp: record 3", "w.gpkg: feature 3"); ring is its 1-based part number
 * and first the 1-based number of the ring's first point in the shape.
 * Returns 0 to keep the ring; 1 to drop it, with the warning "WHERE: ring R
 * has N points, fewer than a polygon needs; dropped"; -1 with the error
 * "WHERE: point K is not a finite number". */
int bs_areas_check_ring(const double *x, const double *y, size_t n,
                        const char *where, int ring, size_t first,
                        const bs_diag *diag, bs_error *err);

/* Tells the outer rings of area i from its holes by nesting, as the
 * even-odd rule draws them (no orientation needed): a ring inside an even
 * number of the area's other rings is an outer ring, parent[k] = -1; one
 * inside an odd number is a hole, and parent[k] is the ring (0-based within
 * the area) of the innermost ring holding it. parent has one slot per ring
 * of the area. A ring counts as inside another when at least two of three
 * of its vertices (first, a third and two thirds along) are, so a hole
 * touching its outer ring at one vertex is still a hole.
 * Returns 0, or -1 when out of memory. */
int bs_areas_ring_parents(const bs_areas *a, size_t i, long *parent);

/* Glob match as in a shell: '*' any run, '?' one character,
 * case-insensitive. Used for [areas] select. */
int bs_glob_match(const char *pattern, const char *text);

#endif
