/* classify.h: class breaks for choropleth maps, as in PySAL mapclassify.
 *
 * Classes are right-closed: class j holds values in (upper[j-1], upper[j]],
 * class 0 holds everything up to upper[0]. The top bound is never below the
 * maximum of the data (methods whose bounds stop short of it get the maximum
 * appended as an extra bound, as mapclassify's UserDefined does); STDMEAN,
 * BOXPLOT and PRETTY may put it above. Bounds are non-decreasing; a bound
 * equal to the previous one gives a class that is always empty. Classes may
 * be empty (STDMEAN bounds below the minimum, BOXPLOT fences): they are kept,
 * as mapclassify keeps them, so that class j means the same on every map.
 * NaN values are skipped and counted as missing. */
#ifndef BUURTSCAN_CLASSIFY_H
#define BUURTSCAN_CLASSIFY_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/vocab.h"

/* bs_class_method and its words are in vocab.h. */

/* Method and its parameters. Fill with bs_class_params_init, then override.
 * Unused fields are ignored by the other methods. */
typedef struct bs_class_params {
    bs_class_method method;
    int k;                   /* classes: QUANTILE, EQUAL, FISHER_JENKS,
                                MAXBREAKS; the desired number for PRETTY;
                                ignored by the others */
    const double *breaks;    /* MANUAL: strictly increasing upper bounds */
    size_t nbreaks;
    const double *multiples; /* STDMEAN: strictly increasing multiples of the
                                sd; NULL = {-2, -1, 1, 2} */
    size_t nmult;
    int anchor;              /* STDMEAN: nonzero = mapclassify's anchor=True:
                                multiples are the integers from
                                trunc((min-mean)/sd) to floor((max-mean)/sd),
                                so one bound is the mean; multiples ignored */
    const double *pct;       /* PERCENTILES: strictly increasing, in [0, 100];
                                NULL = {1, 10, 50, 90, 99, 100} */
    size_t npct;
    double hinge;            /* BOXPLOT: IQR multiple for the fences, >= 0 */
} bs_class_params;

typedef struct bs_classes {
    int k;            /* number of classes */
    double min;       /* lowest value in the data */
    double *upper;    /* k upper bounds */
    size_t *count;    /* k counts */
    size_t missing;   /* NaN values */
    /* Fit of the classification (NaN where undefined: no spread in the data).
     * gvf  goodness of variance fit, 1 - SDCM/SDAM (Jenks; classInt).
     * tai  tabular accuracy index, 1 - sum|x - class mean| /
     *      sum|x - mean| (classInt jenks.tests).
     * adcm sum of absolute deviations about the class medians (mapclassify).
     * gadf goodness of absolute deviation fit, 1 - ADCM/ADAM with ADAM the
     *      sum of absolute deviations about the median; 1 when ADAM = 0, as
     *      in mapclassify. */
    double gvf;
    double tai;
    double adcm;
    double gadf;
} bs_classes;

/* Sets p to method m with k classes and mapclassify's defaults: no manual
 * breaks, default multiples and percentiles, anchor off, hinge 1.5. */
void bs_class_params_init(bs_class_params *p, bs_class_method m, int k);

/* Classifies v[0..n) as described by p. Errors (message names the method):
 * no non-missing values; k < 1 (k < 2 for PRETTY) where k is used; k greater
 * than the number of distinct values for QUANTILE, EQUAL, FISHER_JENKS and
 * MAXBREAKS; STDMEAN and PRETTY on data without spread; bad parameters
 * (breaks, multiples or percentiles not strictly increasing or not finite,
 * percentiles outside [0, 100], negative hinge).
 * Per method, as mapclassify:
 * QUANTILE     bounds that coincide because of ties are merged (np.unique),
 *              so out->k may be less than k.
 * STDMEAN      sample sd (ddof = 1); the maximum is appended when above the
 *              last bound. Bounds below the minimum give empty classes.
 * BOXPLOT      Q1 - h*IQR, Q1, median, Q3, Q3 + h*IQR, max (quartiles R type
 *              7); when the upper fence reaches the maximum it is the top
 *              bound and there are 5 classes.
 * PERCENTILES  one bound per percentile (R type 7), the maximum appended when
 *              above the last one (a last percentile below 100).
 * MAXBREAKS    the k-1 widest gaps between consecutive distinct values, cut at
 *              their midpoints; of equal gaps the higher one is taken first.
 * HEADTAIL     bounds are the mean of the data, then the mean of the values
 *              above it, and so on until the head has one distinct value (or
 *              its mean no longer changes); k comes from the data and p->k is
 *              ignored.
 * PRETTY       bounds are multiples of a 1-2-5 step d chosen from the range
 *              and k, from the one above floor(min/d)*d up to ceil(max/d)*d;
 *              out->k often differs from k.
 * The caller frees *out with bs_classes_free (also safe after an error). */
int bs_classify_ex(const double *v, size_t n, const bs_class_params *p,
                   bs_classes *out, bs_error *err);

/* bs_classify_ex with bs_class_params_init(m, k) and, for MANUAL, the
 * breaks[0..nbreaks) (k is then ignored). */
int bs_classify(const double *v, size_t n, bs_class_method m, int k,
                const double *breaks, size_t nbreaks, bs_classes *out,
                bs_error *err);

/* Pooled classes (mapclassify Pooled): classifies the concatenation of the
 * arrays v[i][0..n[i]), i < narrays, then applies those bounds to each array:
 * out[i] gets the common k and upper, and its own min, counts, missing and
 * fit statistics. global (may be NULL) receives the classification of the
 * concatenation. Errors as bs_classify_ex, and for an array without values.
 * Every out[i] (and *global) is freed with bs_classes_free, also after an
 * error. */
int bs_classify_pooled(const double *const *v, const size_t *n,
                       size_t narrays, const bs_class_params *p,
                       bs_classes *out, bs_classes *global, bs_error *err);

void bs_classes_free(bs_classes *c);

/* Class index of v (0..k-1); -1 for NaN. Values below min go to class 0,
 * values above the last bound to class k-1. */
int bs_class_of(const bs_classes *c, double v);

/* Lower bound of class j for a legend: upper[j-1] for j > 0; for class 0 the
 * minimum of the data, or -INFINITY when upper[0] is below the minimum (an
 * open class, as mapclassify's legend shows it). */
double bs_class_lower(const bs_classes *c, int j);

#endif
