/* weights.h: spatial weights: which areas are neighbours, and how much each
 * neighbour counts, held as sparse rows (compressed sparse rows).
 *
 * Area i's neighbours are nb[first[i]] .. nb[first[i+1]-1], ascending,
 * never i itself, each once; w[] holds the weights of those links in the
 * current style and raw[] the weights as built or read. An area without
 * neighbours is an island: it is listed in islands[] and never given
 * neighbours behind the caller's back (no nearest area is added): the
 * statistics leave islands out of local results and flag them.
 *
 * Builders: contiguity from polygons (queen: a shared boundary point; rook:
 * a shared boundary segment), k nearest neighbours and distance bands on
 * points (label points, population-weighted points), and GeoDa's .gal/.gwt
 * files (gal.h). All of them are deterministic and thread-safe. */
#ifndef BUURTSCAN_WEIGHTS_H
#define BUURTSCAN_WEIGHTS_H

#include <stddef.h>
#include "buurtscan/areas.h"
#include "buurtscan/error.h"

/* How the raw weights are turned into w[] (the letters are esda's). */
typedef enum bs_weights_style {
    BS_WEIGHTS_BINARY = 'B',  /* every link 1 */
    BS_WEIGHTS_ROW = 'W',     /* raw / row sum: each non-island row sums to 1 */
    BS_WEIGHTS_RAW = 'U'      /* the raw weights themselves (a .gwt's values) */
} bs_weights_style;

typedef struct bs_weights {
    size_t n;                 /* areas */
    size_t nlinks;            /* directed links: first[n] */
    size_t *first;            /* n + 1 */
    size_t *nb;               /* nlinks: neighbour areas, ascending per row */
    double *raw;              /* nlinks: as built (1) or read (.gwt), > 0 */
    double *w;                /* nlinks: in `style` */
    bs_weights_style style;
    size_t nislands;
    size_t *islands;          /* nislands: areas without neighbours, ascending */
    int symmetric;            /* 1: every link i->j has its j->i (weights
                                 may differ, as after row-standardising) */
} bs_weights;

void bs_weights_free(bs_weights *w);

/* Weights from neighbour lists: area i's neighbours are nb[first[i]] ..
 * nb[first[i+1]-1] in any order, with raw weights raw[] (NULL: all 1).
 * The lists are copied and sorted; the style is BS_WEIGHTS_BINARY when raw
 * is NULL, else BS_WEIGHTS_RAW. Errors: a neighbour index >= n, an area
 * that is its own neighbour, a neighbour listed twice, a weight that is
 * not positive and finite ("area 3: neighbour 3 is the area itself"; areas
 * are numbered from 1 in messages, as elsewhere in the library). */
int bs_weights_from_lists(size_t n, const size_t *first, const size_t *nb,
                          const double *raw, bs_weights **out, bs_error *err);

/* Sets the style and recomputes w[] from raw[]. Cannot fail. */
void bs_weights_set_style(bs_weights *w, bs_weights_style style);

/* Contiguity of polygons. */
typedef enum bs_contiguity {
    BS_CONTIGUITY_QUEEN,      /* at least one boundary point in common */
    BS_CONTIGUITY_ROOK        /* at least one boundary segment in common */
} bs_contiguity;

/* Contiguity weights (binary) of the areas' polygons. Two boundary points
 * are the same when they lie within `snap` (map units, Euclidean) of each
 * other; snap 0 asks for the same coordinates exactly (as CBS and ONS
 * boundary sets share their border vertices, and as libpysal's Queen and
 * Rook do). Queen: two areas are neighbours when a boundary point of one
 * is a boundary point of the other (so corners count). Rook: when a
 * segment between two consecutive boundary points of one has both ends on
 * consecutive boundary points of the other. A border where one side has a
 * vertex and the other does not still counts through its shared end
 * points; two areas that only touch in the middle of a segment without a
 * vertex there are not neighbours. Rings of one area never make it its own
 * neighbour. Areas without geometry are islands. Points are found through
 * a hash of their coordinates (exact) or of a grid of cells snap wide
 * (snap > 0), not by comparing all pairs: time and memory are linear in
 * the number of points. The result is symmetric.
 * Errors: snap negative or not finite, a point that is not finite
 * ("PATH: record 12: point 5 is not a finite number"), more than
 * 4,294,967,294 points, out of memory. */
int bs_weights_contiguity(const bs_areas *a, bs_contiguity kind, double snap,
                          bs_weights **out, bs_error *err);

/* k nearest neighbours (binary) of the points (x[i], y[i]), i < n, by
 * straight-line distance (project CRS units); ties in distance go to the
 * lower index. A point with a NaN coordinate (an area without a label
 * point) is an island and nobody's neighbour. Not symmetric in general.
 * Errors: k == 0, or k not below the number of points that have
 * coordinates ("k = 6 but only 4 other areas have a point"). */
int bs_weights_knn(const double *x, const double *y, size_t n, size_t k,
                   bs_weights **out, bs_error *err);

/* Distance band (binary): i and j are neighbours when their points lie at
 * most `band` apart. Points without coordinates, and points with nobody
 * within the band, are islands. Symmetric.
 * Errors: band not positive and finite. */
int bs_weights_distance(const double *x, const double *y, size_t n,
                        double band, bs_weights **out, bs_error *err);

/* The areas with keep[i] != 0, renumbered in order, with the links among
 * them (links to dropped areas are removed) and the style re-applied to
 * the remaining raw weights, so a row-standardised row sums to 1 again.
 * Areas whose neighbours were all dropped become islands. map[] (may be
 * NULL; as many entries as areas kept) receives each new area's old index.
 * Errors: out of memory. */
int bs_weights_subset(const bs_weights *w, const unsigned char *keep,
                      bs_weights **out, size_t *map, bs_error *err);

/* The weight constants of Cliff and Ord, of w[] (the current style):
 * s0 = sum of all weights, s1 = 1/2 sum_ij (w_ij + w_ji)^2,
 * s2 = sum_i (w_i. + w_.i)^2 (row sum plus column sum, squared). */
void bs_weights_sums(const bs_weights *w, double *s0, double *s1, double *s2);

/* The spatial lag: lag[i] = sum_j w_ij z[j] (w[] in the current style);
 * 0 for an island. */
void bs_weights_lag(const bs_weights *w, const double *z, double *lag);

/* Neighbours of the area with most of them. */
size_t bs_weights_max_neighbours(const bs_weights *w);

#endif
