/* check.c: the names of a project that another module owns, checked before
 * anything is read, at the lines the project reader recorded: palettes
 * (render/palette.c holds the ColorBrewer schemes). */
#include <string.h>
#include "buurtscan/limits.h"
#include "buurtscan/palette.h"
#include "internal.h"

/* "Blues BuGn ... Spectral": every scheme's name, for messages. */
static void palette_names(char *buf, size_t n)
{
    const char *const *nm = bs_palette_names();

    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++, nm = bs_palette_diverging_names())
        for (; *nm; nm++) {
            if (buf[0])
                strncat(buf, " ", n - strlen(buf) - 1);
            strncat(buf, *nm, n - strlen(buf) - 1);
        }
}

static int check_map(const bs_project *p, const bs_map_spec *d, bs_error *err)
{
    bs_palette_kind kind = BS_PALETTE_SEQUENTIAL;
    bs_rgb tmp[BS_CLASSES_MAX];

    if (d->centre_set) {
        bs_palette_info(d->palette.value, 5, &kind, NULL, NULL);
        if (kind != BS_PALETTE_DIVERGING)
            return bs_error_set(err, "%s:%ld: [map %s] centre goes with a "
                                "diverging palette (BrBG PiYG PRGn PuOr RdBu RdGy "
                                "RdYlBu RdYlGn Spectral), not %s", p->path, d->line,
                                d->name, d->palette.value);
    }
    /* methods whose number of classes follows from the data are checked
     * against the palette when the classes are known */
    if ((d->method == BS_CLASS_QUANTILE || d->method == BS_CLASS_EQUAL ||
         d->method == BS_CLASS_FISHER_JENKS || d->method == BS_CLASS_MAXBREAKS) &&
        bs_palette_get(d->palette.value, d->classes, tmp) != 0)
        return bs_error_set(err, "%s:%ld: palette %s has no %d-class version",
                            p->path, d->palette.line ? d->palette.line : d->line,
                            d->palette.value, d->classes);
    return 0;
}

int bs_job_check_names(const bs_project *p, bs_error *err)
{
    bs_rgb tmp[BS_CLASSES_MAX];
    size_t i;

    for (i = 0; i < p->nmaps; i++) {
        const bs_map_spec *d = &p->maps[i];
        if (bs_palette_get(d->palette.value, 5, tmp) != 0) {
            char names[800];
            palette_names(names, sizeof names);
            return bs_error_set(err, "%s:%ld: palette = '%s' is not a ColorBrewer "
                                "sequential or diverging scheme (known: %s)",
                                p->path, d->palette.line ? d->palette.line : d->line,
                                d->palette.value, names);
        }
    }
    for (i = 0; i < p->nmaps; i++)
        if (check_map(p, &p->maps[i], err) != 0)
            return -1;
    return 0;
}
