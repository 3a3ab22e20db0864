/* vocab.c: the word tables of the named choices (see vocab.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/vocab.h"

#define VOCAB(words) {words, sizeof words / sizeof words[0], 0}

int bs_vocab_parse(const bs_vocab *v, const char *word, int *out)
{
    if (!v || !word)
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        const char *w = v->words[i].word;
        if (v->nocase ? strcasecmp(word, w) == 0 : strcmp(word, w) == 0) {
            *out = v->words[i].value;
            return 0;
        }
    }
    return -1;
}

const char *bs_vocab_name(const bs_vocab *v, int value)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->words[i].value == value)
            return v->words[i].word;
    return NULL;
}

char *bs_vocab_list(const bs_vocab *v, char *buf, size_t n)
{
    size_t i, k = 0, ncanon = 0, len = 0;

    for (i = 0; i < v->n; i++)
        if (bs_vocab_name(v, v->words[i].value) == v->words[i].word)
            ncanon++;
    if (n)
        buf[0] = '\0';
    for (i = 0; i < v->n && len < n; i++) {
        const char *w = v->words[i].word;
        if (bs_vocab_name(v, v->words[i].value) != w)
            continue;           /* another spelling of a value already listed */
        k++;
        int m = snprintf(buf + len, n - len, "%s%s",
                         k == 1 ? "" : k == ncanon ? " or " : ", ", w);
        if (m < 0)
            break;
        len += (size_t)m;
    }
    return buf;
}

/* The first word of each value is its canonical name. */
static const bs_vocab_word norm_words[] = {
    {"zscore", BS_NORM_ZSCORE},
    {"z-score", BS_NORM_ZSCORE},
    {"minmax", BS_NORM_MINMAX},
    {"min-max", BS_NORM_MINMAX},
    {"rank", BS_NORM_RANK},
    {"percentile", BS_NORM_PERCENTILE},
    {"exprank", BS_NORM_EXPRANK},
    {"goalposts", BS_NORM_GOALPOSTS},
    {"distance", BS_NORM_DISTANCE},
    {"none", BS_NORM_NONE},
};
const bs_vocab bs_norm_vocab = VOCAB(norm_words);

static const bs_vocab_word ties_words[] = {
    {"average", BS_TIES_AVERAGE},
    {"min", BS_TIES_MIN},
};
const bs_vocab bs_ties_vocab = VOCAB(ties_words);

static const bs_vocab_word agg_words[] = {
    {"mean", BS_AGG_MEAN},
    {"arithmetic", BS_AGG_MEAN},
    {"geometric", BS_AGG_GEOMETRIC},
    {"harmonic", BS_AGG_HARMONIC},
    {"generalised", BS_AGG_POWER},
    {"generalized", BS_AGG_POWER},
    {"power", BS_AGG_POWER},
};
const bs_vocab bs_agg_vocab = VOCAB(agg_words);

static const bs_vocab_word impute_words[] = {
    {"mean", BS_IMPUTE_MEAN},
    {"median", BS_IMPUTE_MEDIAN},
    {"parent", BS_IMPUTE_PARENT},
};
const bs_vocab bs_impute_vocab = VOCAB(impute_words);

static const bs_vocab_word method_words[] = {
    {"quantile", BS_CLASS_QUANTILE},
    {"equal", BS_CLASS_EQUAL},
    {"fisher-jenks", BS_CLASS_FISHER_JENKS},
    {"fisherjenks", BS_CLASS_FISHER_JENKS},
    {"jenks", BS_CLASS_FISHER_JENKS},
    {"std-mean", BS_CLASS_STDMEAN},
    {"stdmean", BS_CLASS_STDMEAN},
    {"boxplot", BS_CLASS_BOXPLOT},
    {"percentiles", BS_CLASS_PERCENTILES},
    {"max-breaks", BS_CLASS_MAXBREAKS},
    {"maxbreaks", BS_CLASS_MAXBREAKS},
    {"maximumbreaks", BS_CLASS_MAXBREAKS},
    {"head-tail", BS_CLASS_HEADTAIL},
    {"headtail", BS_CLASS_HEADTAIL},
    {"headtailbreaks", BS_CLASS_HEADTAIL},
    {"pretty", BS_CLASS_PRETTY},
    {"prettybreaks", BS_CLASS_PRETTY},
    {"manual", BS_CLASS_MANUAL},
};
const bs_vocab bs_class_method_vocab = VOCAB(method_words);

/* Typed front doors: the enums are int-sized, but are set through an int so
 * no enum object is written through a pointer of another type. */
#define TYPED_PARSE(fn, type, vocab)                                         \
    int fn(const char *name, type *out)                                      \
    {                                                                        \
        int v;                                                               \
        if (bs_vocab_parse(&vocab, name, &v) != 0)                           \
            return -1;                                                       \
        *out = (type)v;                                                      \
        return 0;                                                            \
    }

TYPED_PARSE(bs_norm_parse, bs_norm, bs_norm_vocab)
TYPED_PARSE(bs_ties_parse, bs_ties, bs_ties_vocab)
TYPED_PARSE(bs_agg_parse, bs_agg, bs_agg_vocab)
TYPED_PARSE(bs_impute_parse, bs_impute, bs_impute_vocab)
TYPED_PARSE(bs_class_method_parse, bs_class_method, bs_class_method_vocab)

const char *bs_norm_name(bs_norm m)
{
    const char *s = bs_vocab_name(&bs_norm_vocab, (int)m);
    return s ? s : "?";
}

const char *bs_class_method_name(bs_class_method m)
{
    const char *s = bs_vocab_name(&bs_class_method_vocab, (int)m);
    return s ? s : "unknown";
}
