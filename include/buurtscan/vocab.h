/* vocab.h: the named choices that the project file spells in words and the
 * analysis computes with: normalisations, ties, aggregations, imputation and
 * class methods. Each is an enum with a word table (bs_vocab), so the
 * project reader (io) can parse the words and analysis can use the enums
 * without either including the other.
 *
 * Data level: every layer may include it. */
#ifndef BUURTSCAN_VOCAB_H
#define BUURTSCAN_VOCAB_H

#include <stddef.h>

/* One word and the value it stands for. */
typedef struct bs_vocab_word {
    const char *word;
    int value;
} bs_vocab_word;

/* A vocabulary: its words, several of which may share a value (spellings).
 * The first word of each value is its canonical name. Matching is exact
 * (case-sensitive) unless nocase is set. */
typedef struct bs_vocab {
    const bs_vocab_word *words;
    size_t n;
    int nocase;
} bs_vocab;

/* Sets *out to the value of word in v. Returns 0, or -1 (*out unchanged)
 * for NULL or a word v does not hold. */
int bs_vocab_parse(const bs_vocab *v, const char *word, int *out);

/* The canonical word for value, or NULL when v has none. */
const char *bs_vocab_name(const bs_vocab *v, int value);

/* The canonical words of v as a list for people, "a, b or c", into
 * buf[n] (cut short when it does not fit). Returns buf. */
char *bs_vocab_list(const bs_vocab *v, char *buf, size_t n);

/* --- normalisation ------------------------------------------------------ */

typedef enum bs_norm {
    BS_NORM_ZSCORE,      /* (x - mean) / sd, sample sd (n-1) */
    BS_NORM_MINMAX,      /* (x - min) / (max - min), mapped onto [lo, hi] */
    BS_NORM_RANK,        /* rank, 1 = lowest need .. n */
    BS_NORM_PERCENTILE,  /* (rank - 1) / (n - 1), in [0, 1] */
    BS_NORM_EXPRANK,     /* English IMD exponential rank transform, (0, 100] */
    BS_NORM_GOALPOSTS,   /* clamp((x - lo) / (hi - lo), 0, 1) * scale */
    BS_NORM_DISTANCE,    /* COINr n_dist2ref: (x - min) / (ref - min) * scale */
    BS_NORM_NONE         /* x as it is (times -1 for direction -1) */
} bs_norm;

/* zscore z-score minmax min-max rank percentile exprank goalposts distance
 * none. */
extern const bs_vocab bs_norm_vocab;

/* bs_vocab_parse on bs_norm_vocab; -1 if unknown. */
int bs_norm_parse(const char *name, bs_norm *out);
/* The project-file word for m, as outputs name it ("zscore", "minmax"...);
 * "?" for a value that is not a bs_norm. */
const char *bs_norm_name(bs_norm m);

/* --- ties in ranks -------------------------------------------------------- */

typedef enum bs_ties {
    BS_TIES_AVERAGE,     /* tied values share the mean of their ranks */
    BS_TIES_MIN          /* tied values all get the lowest rank */
} bs_ties;

/* average min. */
extern const bs_vocab bs_ties_vocab;
int bs_ties_parse(const char *name, bs_ties *out);

/* --- aggregation ---------------------------------------------------------- */

typedef enum bs_agg {
    BS_AGG_MEAN,         /* sum w x / sum w */
    BS_AGG_GEOMETRIC,    /* exp(sum w ln x / sum w); values > 0 */
    BS_AGG_HARMONIC,     /* sum w / sum (w / x); values > 0 */
    BS_AGG_POWER         /* generalised mean (sum w x^p / sum w)^(1/p) */
} bs_agg;

/* An aggregation method; p is used by BS_AGG_POWER only: p = 1 is the
 * arithmetic, p = 0 the geometric (the limit) and p = -1 the harmonic mean,
 * computed by those methods exactly. Other p need values above 0 when
 * p < 0 and values of at least 0 when p > 0. */
typedef struct bs_agg_spec {
    bs_agg method;
    double p;
} bs_agg_spec;

/* mean arithmetic geometric harmonic generalised generalized power. */
extern const bs_vocab bs_agg_vocab;
int bs_agg_parse(const char *name, bs_agg *out);

/* --- imputation ----------------------------------------------------------- */

typedef enum bs_impute {
    BS_IMPUTE_MEAN,       /* mean of all present values (COINr i_mean) */
    BS_IMPUTE_MEDIAN,     /* median of all present values (i_median) */
    BS_IMPUTE_PARENT      /* mean over the areas of the same parent
                           * (i_mean_grp): keys sharing their first
                           * prefix_len characters, e.g. 8 for the wijk
                           * WK008001 of buurt codes BU00800101 */
} bs_impute;

/* mean median parent. */
extern const bs_vocab bs_impute_vocab;
int bs_impute_parse(const char *name, bs_impute *out);

/* --- class methods -------------------------------------------------------- */

typedef enum bs_class_method {
    BS_CLASS_QUANTILE,     /* linear interpolation, R type 7 */
    BS_CLASS_EQUAL,        /* equal interval */
    BS_CLASS_FISHER_JENKS, /* exact optimum (Fisher 1958), never sampled */
    BS_CLASS_MANUAL,       /* user breaks */
    BS_CLASS_STDMEAN,      /* mean + m * sample sd for each multiple m */
    BS_CLASS_BOXPLOT,      /* fence, Q1, median, Q3, fence, max */
    BS_CLASS_PERCENTILES,  /* given percentiles (linear interpolation) */
    BS_CLASS_MAXBREAKS,    /* midpoints of the k-1 widest gaps */
    BS_CLASS_HEADTAIL,     /* head/tail breaks (Jiang 2013); k from the data */
    BS_CLASS_PRETTY        /* round 1-2-5 steps covering the range (k a hint) */
} bs_class_method;

/* "quantile", "equal", "fisher-jenks" ("fisherjenks", "jenks"), "std-mean"
 * ("stdmean"), "boxplot", "percentiles", "max-breaks" ("maxbreaks",
 * "maximumbreaks"), "head-tail" ("headtail", "headtailbreaks"), "pretty"
 * ("prettybreaks"), "manual". */
extern const bs_vocab bs_class_method_vocab;

/* Parses a method name of bs_class_method_vocab. -1 if unknown. */
int bs_class_method_parse(const char *name, bs_class_method *out);

/* The canonical name of m (the first one bs_class_method_parse accepts);
 * "unknown" for a value that is not a method. */
const char *bs_class_method_name(bs_class_method m);

#endif
