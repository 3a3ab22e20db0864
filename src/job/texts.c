/* texts.c: the texts the outputs share: the date (for people and for
 * PDF metadata), the source lines, and how a normalisation and a
 * classification method are named on the maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buurtscan/words.h"
#include "internal.h"

int bs_job_texts(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
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
    /* the short date of the map furniture: day first in Dutch, ISO in
     * English */
    if (bs_lang_of(p->language.value) == BS_LANG_NL)
        snprintf(j->date, sizeof j->date, "%02d-%02d-%04d", dd, mo, y);
    else
        snprintf(j->date, sizeof j->date, "%04d-%02d-%02d", y, mo, dd);

    {
        unsigned char *all = malloc(j->ndata + 1);
        if (!all)
            return bs_error_set(err, "%s: out of memory", p->path);
        memset(all, 1, j->ndata + 1);
        /* data that only [monitor]s use are not the scan's sources */
        for (size_t d = 0; j->monitor_only && d < j->ndata; d++)
            all[d] = !j->monitor_only[d];
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
    bs_lang l = bs_lang_of(p->language.value);
    const char *head = bs_word(BS_W_J_SOURCE, l);
    size_t d, e, len = 64;
    char *s;

    if (p->areas.source.value)
        len += strlen(p->areas.source.value) + 2;
    for (d = 0; d < p->ndata; d++)
        if (p->data[d].source.value)
            len += strlen(p->data[d].source.value) + 2;
    s = malloc(len + strlen(head) + strlen(bs_word(BS_W_J_SOURCE_NONE, l)) + 1);
    if (!s)
        return NULL;
    strcpy(s, head);
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
    if (strcmp(s, head) == 0)
        strcat(s, bs_word(BS_W_J_SOURCE_NONE, l));
    return s;
}

const char *bs_job_norm_text(bs_norm m, const char *language)
{
    return bs_word((bs_wordkey)(BS_W_J_NORM_ZSCORE + (int)m), bs_lang_of(language));
}

const char *bs_job_method_text(bs_class_method m, const char *language)
{
    return bs_word((bs_wordkey)(BS_W_J_METHOD_QUANTILE + (int)m),
                   bs_lang_of(language));
}
