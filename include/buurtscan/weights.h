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
 * This is the data level: the structure and what needs nothing but it.
 * Builders: contiguity from polygons, k nearest neighbours and distance
 * bands on points (contiguity.h, analysis), and GeoDa's .gal/.gwt files
 * (gal.h, io). All of them are deterministic and thread-safe. */
#ifndef BUURTSCAN_WEIGHTS_H
#define BUURTSCAN_WEIGHTS_H

#include <stddef.h>
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
