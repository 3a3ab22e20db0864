/* classify.h: class breaks for choropleth maps, as in PySAL mapclassify.
 *
 * Classes are right-closed: class j holds values in (upper[j-1], upper[j]],
 * class 0 holds [min, upper[0]]. upper[k-1] is the maximum of the data
 * (for manual breaks: the maximum is appended when above the last break).
 * NaN values are skipped and counted as missing. */
#ifndef BUURTSCAN_CLASSIFY_H
#define BUURTSCAN_CLASSIFY_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef enum bs_class_method {
    BS_CLASS_QUANTILE,     /* linear interpolation, R type 7 */
    BS_CLASS_EQUAL,        /* equal interval */
    BS_CLASS_FISHER_JENKS, /* exact optimum (Fisher 1958), never sampled */
    BS_CLASS_MANUAL        /* user breaks */
} bs_class_method;

typedef struct bs_classes {
    int k;            /* number of classes */
    double min;       /* lowest value in the data */
    double *upper;    /* k upper bounds */
    size_t *count;    /* k counts */
    size_t missing;   /* NaN values */
    double gvf;       /* goodness of variance fit, 1 - SDCM/SDAM (NaN if n<2) */
} bs_classes;

/* Parses "quantile", "equal", "fisher-jenks", "manual". -1 if unknown. */
int bs_class_method_parse(const char *name, bs_class_method *out);

/* Classifies v[0..n). k classes (ignored for MANUAL, which uses breaks[0..nbreaks)
 * in increasing order). Errors: no non-missing values; k < 1; k greater than
 * the number of distinct values; manual breaks not increasing.
 * QUANTILE: bounds that coincide because of ties are merged (as np.unique in
 * mapclassify), so out->k may be less than k.
 * The caller frees *out with bs_classes_free. */
int bs_classify(const double *v, size_t n, bs_class_method m, int k,
                const double *breaks, size_t nbreaks, bs_classes *out,
                bs_error *err);
void bs_classes_free(bs_classes *c);

/* Class index of v (0..k-1); -1 for NaN. Values below min go to class 0,
 * values above the last bound to class k-1. */
int bs_class_of(const bs_classes *c, double v);

#endif
