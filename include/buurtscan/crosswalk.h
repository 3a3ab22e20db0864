/* crosswalk.h: a table from the areas of one map edition (sources) to those
 * of another (targets), and moving data along it.
 *
 * Each row says which share of a source area lies in a target area. The
 * shares of one source are normalised over the part of it that targets
 * cover, so they sum to 1 and totals are kept: data of a source that lies
 * partly in the sea or outside the target map is spread over the part that
 * is covered. Moving data assumes that it is spread uniformly within each
 * source area (by area: a census figure of a wijk whose houses stand in one
 * corner is spread over all of it).
 *
 * A crosswalk comes from an overlay of two area sets (overlay.h) or from a
 * published table (crosswalkfile.h). Data level: no files, no printing. */
#ifndef BUURTSCAN_CROSSWALK_H
#define BUURTSCAN_CROSSWALK_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef struct bs_crosswalk_row {
    size_t from, to;   /* indices into from_key and to_key */
    double share;      /* share of source `from` in target `to`, 0 < share <= 1 */
    double area;       /* area of from ∩ to in the CRS's units; NaN from a file */
    long line;         /* line in a crosswalk file; 0 from an overlay */
} bs_crosswalk_row;

typedef struct bs_crosswalk {
    char *origin;          /* for messages: the file, or "A x B" of an overlay */
    size_t nfrom, nto;
    char **from_key;       /* nfrom source keys, as added */
    char **to_key;         /* nto target keys */
    size_t nrows;
    bs_crosswalk_row *rows;/* after bs_crosswalk_finish: by from, then to */
    /* internal */
    size_t *from_sorted, *to_sorted;   /* key order for bs_crosswalk_find */
    size_t *first;         /* nfrom + 1: rows of source i are first[i]..first[i+1]-1 */
    size_t cap_from, cap_to, cap_rows;
} bs_crosswalk;

/* A new empty crosswalk (origin copied), or NULL when out of memory. */
bs_crosswalk *bs_crosswalk_new(const char *origin);
void bs_crosswalk_free(bs_crosswalk *cw);

/* Appends a source or target key (copied). Returns its index, or -1 when
 * out of memory. Duplicate keys are found by bs_crosswalk_finish. */
long bs_crosswalk_add_from(bs_crosswalk *cw, const char *key);
long bs_crosswalk_add_to(bs_crosswalk *cw, const char *key);

/* Appends a row. Returns 0, or -1 when out of memory. */
int bs_crosswalk_add_row(bs_crosswalk *cw, size_t from, size_t to, double share,
                         double area, long line);

/* Sorts the rows by source and target and makes the keys searchable.
 * Errors: a key listed twice on one side, the same (from, to) pair twice
 * (naming both lines when the rows came from a file), a share not in
 * (0, 1]. Returns 0 or -1. */
int bs_crosswalk_finish(bs_crosswalk *cw, bs_error *err);

/* Index of key among the sources (side 0) or targets (side 1), or -1.
 * Needs bs_crosswalk_finish. O(log n). */
long bs_crosswalk_find(const bs_crosswalk *cw, int side, const char *key);

/* Drops the rows whose share is below min_share and scales the others of
 * each source to sum to 1 again (a source whose rows are all below it
 * keeps its largest). *dropped (may be NULL) gets the number of rows
 * dropped. Needs bs_crosswalk_finish; keeps it finished. */
int bs_crosswalk_prune(bs_crosswalk *cw, double min_share, size_t *dropped,
                       bs_error *err);

/* Moving values aligned with from_key (nfrom) to values aligned with to_key
 * (nto). A source with a missing input (NaN) gives nothing; the part of a
 * target that such sources make up (by the rows' areas; by their shares
 * when the crosswalk has none) goes into missing[j] (nto, may be NULL), and
 * a target whose missing part is above max_missing gets NaN (0 = any
 * missing part makes it NaN; a water wijk without inhabitants that only
 * grazes a land wijk should not). A target that no row reaches gets NaN
 * and missing part 1.
 *
 * Counts (inhabitants, crimes): out_j = sum_i share_ij x_i. */
void bs_crosswalk_move_counts(const bs_crosswalk *cw, const double *x,
                              double max_missing, double *out, double *missing);

/* Rates from a numerator and a denominator moved as counts (a source
 * missing either is missing): rate_j = per * num_j / den_j (NaN when
 * den_j = 0). num_out and den_out (nto, may be NULL) get the moved counts. */
void bs_crosswalk_move_rate(const bs_crosswalk *cw, const double *num,
                            const double *den, double per, double max_missing,
                            double *rate, double *num_out, double *den_out,
                            double *missing);

/* Other values (a mean income, a share without its counts): the mean of
 * the sources weighted by share_ij, times w_i when w (nfrom, e.g. the
 * population) is given (a source missing x or w is missing):
 * out_j = sum share w x / sum share w (NaN when the weights sum to 0). */
void bs_crosswalk_move_mean(const bs_crosswalk *cw, const double *x,
                            const double *w, double max_missing, double *out,
                            double *missing);

/* How a target area came about, seen from the sources. A part is counted
 * when it is at least min_part of the source (for a split) or of the
 * target (for a merge); smaller parts are slivers of boundaries drawn
 * differently. Parts of a target are measured by the rows' areas, or by
 * their shares when the crosswalk has no areas (a published table). */
typedef enum bs_area_change {
    BS_CHANGE_UNCHANGED = 0, /* all of one source, and nothing else */
    BS_CHANGE_SPLIT,         /* part of a source that was divided */
    BS_CHANGE_MERGED,        /* made of whole sources, two or more */
    BS_CHANGE_REDRAWN,       /* parts of several sources, some divided */
    BS_CHANGE_UNCOVERED      /* no source covers it */
} bs_area_change;

#define BS_CHANGE_KINDS 5

typedef struct bs_crosswalk_changes {
    bs_area_change *to;       /* nto */
    long *main_from;          /* nto: the source giving the largest part, -1 */
    unsigned char *from_lost; /* nfrom: 1 = the source covers no target */
    size_t count[BS_CHANGE_KINDS];   /* targets of each kind */
    size_t nlost;             /* sources covering no target */
} bs_crosswalk_changes;

/* Classifies every target and finds the sources that cover none (their
 * data are lost: validate lists them). min_part in [0, 1), e.g. 0.01.
 * Returns 0, or -1 (out of memory, bad min_part); free with
 * bs_crosswalk_changes_free. */
int bs_crosswalk_classify(const bs_crosswalk *cw, double min_part,
                          bs_crosswalk_changes *out, bs_error *err);
void bs_crosswalk_changes_free(bs_crosswalk_changes *c);

/* "unchanged", "split", "merged", "redrawn", "uncovered" (en) or
 * "ongewijzigd", "gesplitst", "samengevoegd", "hertekend", "niet gedekt"
 * (nl). */
const char *bs_area_change_name(bs_area_change c, const char *language);

#endif
