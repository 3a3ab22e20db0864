/* texts.c: the texts the outputs share: the date (for people and for
 * PDF metadata), the source lines, and how a normalisation and a
 * classification method are named on the maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"

int bs_job_texts(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    int nl = strcmp(p->language.value, "en") != 0;
    int y, mo, dd;

    if (p->date.value) {
        sscanf(p->date.value, "%d-%d-%d", &y, &mo, &dd);
    } else {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        y = tm.tm_year + 1900;
        mo = tm.tm_mon + 1;
        dd = tm.tm_mday;
    }
    snprintf(j->iso_date, sizeof j->iso_date, "%04d-%02d-%02dT00:00:00", y, mo, dd);
    if (nl)
        snprintf(j->date, sizeof j->date, "%02d-%02d-%04d", dd, mo, y);
    else
        snprintf(j->date, sizeof j->date, "%04d-%02d-%02d", y, mo, dd);

    {
        unsigned char *all = malloc(j->ndata + 1);
        if (!all)
            return bs_error_set(err, "%s: out of memory", p->path);
        memset(all, 1, j->ndata + 1);
        j->source = bs_job_source(j, all);
        free(all);
    }
    return j->source ? 0 : bs_error_set(err, "%s: out of memory", p->path);
}

/* The source line for a map: the areas' source, then the source of every
 * data file that the mapped values come from (uses[d] != 0), each once. */
char *bs_job_source(const bs_job *j, const unsigned char *uses)
{
    const bs_project *p = j->p;
    int nl = strcmp(p->language.value, "en") != 0;
    size_t d, e, len = 64;
    char *s;

    if (p->areas.source.value)
        len += strlen(p->areas.source.value) + 2;
    for (d = 0; d < p->ndata; d++)
        if (p->data[d].source.value)
            len += strlen(p->data[d].source.value) + 2;
    s = malloc(len + 80);
    if (!s)
        return NULL;
    strcpy(s, nl ? "Bron: " : "Source: ");
    if (p->areas.source.value)
        strcat(s, p->areas.source.value);
    for (d = 0; d < p->ndata; d++) {
        const char *src = p->data[d].source.value;
        int dup = 0;
        if (!src || !uses[d])
            continue;
        if (p->areas.source.value && strcmp(p->areas.source.value, src) == 0)
            dup = 1;
        for (e = 0; e < d; e++)
            if (uses[e] && p->data[e].source.value &&
                strcmp(p->data[e].source.value, src) == 0)
                dup = 1;
        if (dup)
            continue;
        if (s[strlen(s) - 1] != ' ')
            strcat(s, "; ");
        strcat(s, src);
    }
    if (strcmp(s, "Bron: ") == 0 || strcmp(s, "Source: ") == 0)
        strcat(s, nl ? "niet opgegeven (zet source = in [areas] en [data])"
                     : "not given (set source = in [areas] and [data])");
    return s;
}

const char *bs_job_norm_text(bs_norm m, int nl)
{
    switch (m) {
    case BS_NORM_ZSCORE: return nl ? "gewogen gemiddelde z-score" : "weighted mean z-score";
    case BS_NORM_MINMAX: return nl ? "gewogen gemiddelde, min-max 0-1" : "weighted mean, min-max 0-1";
    case BS_NORM_RANK: return nl ? "gewogen gemiddelde rang" : "weighted mean rank";
    case BS_NORM_PERCENTILE: return nl ? "gewogen gemiddeld percentiel" : "weighted mean percentile";
    case BS_NORM_EXPRANK: return nl ? "gewogen gemiddelde exponentiële rang (0-100)"
                                    : "weighted mean exponential rank (0-100)";
    case BS_NORM_GOALPOSTS: return nl ? "gewogen gemiddelde, doelpalen" : "weighted mean, goalposts";
    case BS_NORM_DISTANCE: return nl ? "gewogen gemiddelde afstand tot referentie"
                                     : "weighted mean distance to reference";
    case BS_NORM_NONE: return nl ? "gewogen gemiddelde van de ruwe waarden"
                                 : "weighted mean of raw values";
    }
    return "";
}

const char *bs_job_method_text(bs_class_method m, int nl)
{
    switch (m) {
    case BS_CLASS_QUANTILE: return nl ? "kwantielen" : "quantiles";
    case BS_CLASS_EQUAL: return nl ? "gelijke intervallen" : "equal intervals";
    case BS_CLASS_FISHER_JENKS: return nl ? "natuurlijke grenzen (Fisher-Jenks)"
                                          : "natural breaks (Fisher-Jenks)";
    case BS_CLASS_MANUAL: return nl ? "vaste grenzen" : "fixed breaks";
    case BS_CLASS_STDMEAN: return nl ? "standaarddeviaties rond het gemiddelde"
                                     : "standard deviations about the mean";
    case BS_CLASS_BOXPLOT: return nl ? "boxplot" : "box plot";
    case BS_CLASS_PERCENTILES: return nl ? "percentielen" : "percentiles";
    case BS_CLASS_MAXBREAKS: return nl ? "grootste sprongen" : "maximum breaks";
    case BS_CLASS_HEADTAIL: return "head/tail";
    case BS_CLASS_PRETTY: return nl ? "ronde grenzen" : "pretty breaks";
    }
    return "";
}
