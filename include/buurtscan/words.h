/* words.h: the fixed texts of every output in each language buurtscan
 * writes (nl, en), in one table: a key per text, the text per language.
 * Code asks for bs_word(KEY, lang) instead of testing the language itself;
 * a new language is a new column, a new text a new row (src/data/words.c).
 *
 * Texts that are printf formats have the same conversions, in the same
 * order, in every language (tests/data/test_words.c checks it).
 *
 * Data level: every layer may include it. */
#ifndef BUURTSCAN_WORDS_H
#define BUURTSCAN_WORDS_H

typedef enum bs_lang {
    BS_LANG_NL = 0,
    BS_LANG_EN,
    BS_LANG_COUNT
} bs_lang;

/* "nl" (also NULL, the default) or "en" into *out. Returns 0, or -1 for
 * any other name (*out unchanged). */
int bs_lang_parse(const char *name, bs_lang *out);

/* The language of name, Dutch for NULL and for any name it does not know
 * (for writers that have checked the language before). */
bs_lang bs_lang_of(const char *name);

/* "nl", "en"; NULL for a value that is not a bs_lang. */
const char *bs_lang_name(bs_lang l);

typedef enum bs_wordkey {
    /* numbers and dates */
    BS_W_DECIMAL_SIGN,        /* "," */
    BS_W_GROUP_SIGN,          /* "." */
    BS_W_JANUARY,             /* ... twelve months in order */
    BS_W_FEBRUARY, BS_W_MARCH, BS_W_APRIL, BS_W_MAY, BS_W_JUNE, BS_W_JULY,
    BS_W_AUGUST, BS_W_SEPTEMBER, BS_W_OCTOBER, BS_W_NOVEMBER, BS_W_DECEMBER,
    BS_W_YES, BS_W_NO, BS_W_AND,

    /* disclosure footnotes */
    BS_W_DISC_SECRET, BS_W_DISC_UNKNOWN,

    /* designation reasons (designate.c) */
    BS_W_DES_NEW, BS_W_DES_CONTINUES, BS_W_DES_KEEPS, BS_W_DES_DROPPED,
    BS_W_DES_NONE, BS_W_DES_RANK, BS_W_DES_CUT_TOP, BS_W_DES_OUTSIDE_TOP,
    BS_W_DES_KEEP_UNTIL, BS_W_DES_NO_SCORE, BS_W_DES_TIE, BS_W_DES_CONTRIB,

    /* quadrants of need against social base, in bs_quadrant order */
    BS_W_Q_HIGH_NEED_LOW_SUPPLY, BS_W_Q_HIGH_NEED_HIGH_SUPPLY,
    BS_W_Q_LOW_NEED_LOW_SUPPLY, BS_W_Q_LOW_NEED_HIGH_SUPPLY, BS_W_Q_UNKNOWN,

    /* typesetting */
    BS_W_DOC_PAGE_OF,         /* "pagina %d van %d" */
    BS_W_DOC_CONTINUED,       /* " (vervolg)" after a repeated heading */

    /* the report: words used in several sections */
    BS_W_AREA, BS_W_AREAS,    /* when the template names none */
    BS_W_SCORE, BS_W_CODE, BS_W_RANK, BS_W_DECILE, BS_W_INDICATOR,
    BS_W_MUNICIPALITY, BS_W_NETHERLANDS, BS_W_TOTAL,
    BS_W_NO_DATA, BS_W_TOO_SMALL_OR_SECRET,
    BS_W_NO_SCORE_SMALL, BS_W_NO_SCORE_DATA,
    BS_W_RANK_UNCERTAIN,      /* "Rang bij onzekerheid" */
    BS_W_P5_P95,
    BS_W_DIR_HIGH, BS_W_DIR_LOW,

    /* normalisations and aggregations, as the method section words them */
    BS_W_NORM_ZSCORE, BS_W_NORM_MINMAX, BS_W_NORM_RANK, BS_W_NORM_PERCENTILE,
    BS_W_NORM_EXPRANK, BS_W_NORM_GOALPOSTS, BS_W_NORM_DISTANCE, BS_W_NORM_NONE,
    BS_W_AGG_MEAN, BS_W_AGG_GEOMETRIC, BS_W_AGG_HARMONIC, BS_W_AGG_POWER,

    /* cover and method */
    BS_W_COVER,
    BS_W_DIRECTION, BS_W_WEIGHT, BS_W_NORMALISATION, BS_W_SOURCE, BS_W_YEAR,
    BS_W_H_INDICATORS, BS_W_H_DEFINITIONS, BS_W_H_HOW_SCORE,
    BS_W_H_MISSING, BS_W_H_UNCERTAINTY,
    BS_W_M_SCORE,             /* area, aggregation, domains sentence */
    BS_W_M_DOMAINS,
    BS_W_M_RANK,              /* areas, areas, nscored, n, areas */
    BS_W_M_COVERAGE,          /* area, share, count, area(s), has/have */
    BS_W_HAS, BS_W_HAVE,
    BS_W_M_SMALL,             /* Areas, population, count */
    BS_W_M_IMPUTED,
    BS_W_M_DISCLOSURE,        /* min count, rounding base, min denominator */
    BS_W_M_SECONDARY, BS_W_M_POINT,
    BS_W_M_UNCERTAINTY,       /* runs, low, high, normalisations, seed */
    BS_W_M_TOP_CHANCE,        /* top, area, top */

    /* overview and ranking */
    BS_W_R_CHANCE_TOP_N,      /* "Kans top %zu" */
    BS_W_R_BAR,               /* runs, nscored */
    BS_W_R_CAPTION,           /* "%s naar rang" */

    /* area profiles */
    BS_W_P_RANK_OF,           /* rank, nscored, decile */
    BS_W_P_INTERVAL,          /* p05, p95, median */
    BS_W_P_CHANCE_TOP,        /* top, chance */
    BS_W_P_COVERAGE,
    BS_W_P_NORMALISED, BS_W_P_POSITION,
    BS_W_P_SOCIAL_BASE, BS_W_P_NUMBER, BS_W_P_PER_1000,
    BS_W_H_HOW_TO_READ,
    BS_W_A_MAP, BS_W_A_NORMALISED, BS_W_A_POSITION, BS_W_A_UNCERTAINTY,
    BS_W_A_QUESTIONS,

    /* Plus-IKC designation */
    BS_W_CHANGE_CONTINUED, BS_W_CHANGE_NEW, BS_W_CHANGE_DROPPED,
    BS_W_D_CHANCE_TOP, BS_W_D_BEFORE, BS_W_D_NOW, BS_W_D_CHANGE,
    BS_W_D_RULE_TOP_KEEP,     /* top, rank */
    BS_W_D_RULE,              /* rule, designated, of */
    BS_W_H_CHANGES, BS_W_D_NO_PREVIOUS, BS_W_D_NO_CHANGES,

    /* appendix */
    BS_W_APP_CHUNK,           /* first, last, of */
    BS_W_APP_CHUNK1,          /* the one, of */

    /* the job's maps: sources, legends, subtitles */
    BS_W_J_SOURCE,            /* "Bron: " */
    BS_W_J_SOURCE_NONE,
    BS_W_J_NORM_ZSCORE,       /* the score's aggregation, per bs_norm order */
    BS_W_J_NORM_MINMAX, BS_W_J_NORM_RANK, BS_W_J_NORM_PERCENTILE,
    BS_W_J_NORM_EXPRANK, BS_W_J_NORM_GOALPOSTS, BS_W_J_NORM_DISTANCE,
    BS_W_J_NORM_NONE,
    BS_W_J_METHOD_QUANTILE,   /* classification methods, per bs_class_method */
    BS_W_J_METHOD_EQUAL, BS_W_J_METHOD_FISHER_JENKS, BS_W_J_METHOD_MANUAL,
    BS_W_J_METHOD_STDMEAN, BS_W_J_METHOD_BOXPLOT, BS_W_J_METHOD_PERCENTILES,
    BS_W_J_METHOD_MAXBREAKS, BS_W_J_METHOD_HEADTAIL, BS_W_J_METHOD_PRETTY,
    BS_W_J_SCORE, BS_W_J_RANK, BS_W_J_DECILE, BS_W_J_COVERAGE,
    BS_W_J_SCORE_SUBTITLE,    /* indicators, aggregation */
    BS_W_J_CLASSES,           /* classes, method, pooled */
    BS_W_J_POOLED,
    BS_W_J_IKC_CONTINUED, BS_W_J_IKC_NEW, BS_W_J_IKC_DROPPED, BS_W_J_IKC_NOT,
    BS_W_J_DESIGNATION_TITLE, /* designated, continued, new, dropped */
    BS_W_J_PRIORITIES_SUBTITLE,   /* need column, supply column */
    BS_W_J_PRIORITIES_LEGEND,

    /* the council progress report ([progress NAME], progress.h) */
    BS_W_PR_TITLE,            /* "Voortgangsrapportage %s" (the NAME) */
    BS_W_PR_TITLE_PERIOD,     /* title, period */
    BS_W_PR_COVER_AT,         /* "Stand %s" (period) */
    BS_W_PR_OVERVIEW, BS_W_PR_MONITORS, BS_W_PR_MONITOR, BS_W_PR_STOPLICHT,
    BS_W_PR_BASELINE, BS_W_PR_LATEST, BS_W_PR_TARGET, BS_W_PR_CHANGE,
    BS_W_PR_DEFINITION, BS_W_PR_NOTES, BS_W_PR_PROVISIONAL, BS_W_PR_PROV_MARK,
    BS_W_PR_PATH, BS_W_PR_DIRECTION, BS_W_PR_LOWER_BETTER, BS_W_PR_HIGHER_BETTER,
    BS_W_PR_TOLERANCE, BS_W_PR_BREAK,
    BS_W_PR_INTRO,            /* monitors, period */
    BS_W_PR_RULE,             /* the stoplicht rule in words */
    BS_W_PR_COUNT,            /* "%zu %s" (count, status word) */
    BS_W_PR_NO_VALUE_AT,      /* "geen waarde in of vóór %s" */
    BS_W_PR_NOT_YET,          /* a later value than the report's period exists */
    BS_W_PR_PP,               /* " procentpunt" after a pp change */
    BS_W_PR_ACTIONS, BS_W_PR_ACTIONS_INTRO, BS_W_PR_ACTION, BS_W_PR_OWNER,
    BS_W_PR_STATUS,
    BS_W_PR_APPENDIX, BS_W_PR_APPENDIX_INTRO, BS_W_PR_PERIOD, BS_W_PR_VALUE,
    BS_W_PR_SERIES, BS_W_PR_AREAS_CAPTION,   /* label */
    BS_W_PR_GREY_WHY,         /* "grijs: %s" */
    BS_W_PR_ILLUSTRATIVE,     /* beside a made-up target */
    /* issue 12: the report's method section lists the plausibility checks */
    BS_W_H_CHECKS,
    BS_W_M_CHECKS,            /* findings shown, findings in all */
    /* [spatial] (issue 15): cluster classes, in bs_lisa_class order, and
     * the Gi* classes in bs_gi_class order */
    BS_W_LISA_NOT_SIGNIFICANT, BS_W_LISA_HH, BS_W_LISA_LL, BS_W_LISA_LH,
    BS_W_LISA_HL, BS_W_LISA_ISLAND, BS_W_LISA_MISSING,
    BS_W_GI_NOT_SIGNIFICANT, BS_W_GI_HOT, BS_W_GI_COLD,
    BS_W_SP_LISA_TITLE,       /* label of the column */
    BS_W_SP_GI_TITLE,         /* label of the column */
    BS_W_SP_SUBTITLE,         /* weights, permutations, alpha, correction */
    BS_W_SP_GI_SUBTITLE,      /* weights, alpha, correction */
    BS_W_SP_FDR, BS_W_SP_NO_CORRECTION,
    BS_W_SP_LEGEND_LISA, BS_W_SP_LEGEND_GI,
    BS_W_SP_SCATTER_X, BS_W_SP_SCATTER_Y,
    BS_W_SP_SCATTER_TITLE,    /* Moran's I as text */
    BS_W_SP_RESULT,           /* label, I, E[I], p, permutations, n, areas */
    BS_W_SP_COUNTS,           /* HH, areas, LL, HL + LH, not significant */
    BS_W_SP_ISLANDS,          /* islands, areas */
    BS_W_SP_MEANS,            /* what the clusters mean and do not mean */
    BS_W_SP_TESTS_FDR, BS_W_SP_TESTS_PLAIN,  /* alpha (the plain: + n) */
    /* issue 14: the exports' column labels */
    BS_W_EXP_NAME, BS_W_EXP_COVERAGE, BS_W_EXP_STATUS,
    BS_W_EXP_NORMALISED, BS_W_EXP_CONTRIB, BS_W_EXP_FLAG,
    /* issue 14: the kind of area ([areas] level), singular and plural, in
     * BS_LEVEL_* order from gemeente */
    BS_W_LEVEL_GEMEENTE, BS_W_LEVEL_GEMEENTEN, BS_W_LEVEL_WIJK,
    BS_W_LEVEL_WIJKEN, BS_W_LEVEL_BUURT, BS_W_LEVEL_BUURTEN,
    BS_W_LEVEL_DORP, BS_W_LEVEL_DORPEN,
    /* area profiles: what the indicator table compares with (defect 9:
     * only what the project gives) */
    BS_W_P_COMPARE_BOTH, BS_W_P_COMPARE_MUNI, BS_W_P_COMPARE_NAT,

    BS_WORD_COUNT
} bs_wordkey;

/* The text of key in language l; "" for a key or language out of range
 * (never NULL). */
const char *bs_word(bs_wordkey key, bs_lang l);

#endif
