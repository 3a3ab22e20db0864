/* paper.c: paper sizes by name (see paper.h). */
#include <ctype.h>
#include <stddef.h>
#include <strings.h>
#include "buurtscan/paper.h"

int bs_paper_parse(const char *text, bs_paper *out)
{
    static const struct { const char *name; double w, h; } sizes[] = {
        {"A4", 210, 297}, {"A3", 297, 420}, {"A2", 420, 594},
    };
    char word[16];
    const char *p = text;
    int size = -1, orient = -1;   /* orient: 0 portrait, 1 landscape */

    if (!p || !out)
        return -1;
    for (;;) {
        size_t n = 0;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        while (*p && !isspace((unsigned char)*p)) {
            if (n + 1 >= sizeof word)
                return -1;
            word[n++] = *p++;
        }
        word[n] = '\0';
        if (strcasecmp(word, "portrait") == 0 || strcasecmp(word, "landscape") == 0) {
            if (orient >= 0)
                return -1;
            orient = strcasecmp(word, "landscape") == 0;
            continue;
        }
        if (size >= 0)
            return -1;
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            if (strcasecmp(word, sizes[i].name) == 0)
                size = (int)i;
        if (size < 0)
            return -1;
    }
    if (size < 0)
        return -1;
    out->width_mm = orient == 1 ? sizes[size].h : sizes[size].w;
    out->height_mm = orient == 1 ? sizes[size].w : sizes[size].h;
    return 0;
}
