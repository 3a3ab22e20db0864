/* scan.c: looking things up in a computed scan (scan.h). */
#include <strings.h>
#include "buurtscan/scan.h"

const bs_scan_map *bs_scan_map_of(const bs_scan *s, const char *column)
{
    for (size_t m = 0; m < s->nmaps; m++)
        if (s->maps[m].column && strcasecmp(s->maps[m].column, column) == 0)
            return &s->maps[m];
    return NULL;
}

size_t bs_scan_indicator_of(const bs_scan *s, const char *id)
{
    for (size_t k = 0; k < s->nind; k++)
        if (strcasecmp(s->ind[k].id, id) == 0)
            return k;
    return (size_t)-1;
}

size_t bs_scan_monitor_of(const bs_scan *s, const char *name)
{
    for (size_t m = 0; m < s->nmonitors; m++)
        if (strcasecmp(s->monitors[m].name, name) == 0)
            return m;
    return (size_t)-1;
}
