/* style.c: the reader of map styles (fonts, sizes, colours, line widths)
 * such as templates/style.ini; the house style it starts from is render's
 * (housestyle.c).
 *
 * Keys are a table of (name, type, offset into bs_style), so a key is
 * added in one place. inih is given a line reader of our own: it counts
 * lines, so that every error names its line (the packaged inih does not
 * pass line numbers to the handler). */
#include "buurtscan/style.h"
#include "buurtscan/inireader.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/number.h"

/* --- keys ---------------------------------------------------------------- */

typedef enum ktype { K_TEXT, K_NUM, K_COLOUR, K_YESNO } ktype;

typedef struct key {
    const char *name;
    ktype type;
    size_t off, size;             /* size: K_TEXT buffer */
    double lo, hi;                /* K_NUM range */
} key;

#define TEXT(n) {#n, K_TEXT, offsetof(bs_style, n), sizeof(((bs_style *)0)->n), 0, 0}
#define NUM(n, lo, hi) {#n, K_NUM, offsetof(bs_style, n), 0, lo, hi}
#define COLOUR(n) {#n, K_COLOUR, offsetof(bs_style, n), 0, 0, 0}
#define YESNO(n) {#n, K_YESNO, offsetof(bs_style, n), 0, 0, 0}

static const key keys[] = {
    TEXT(font),
    NUM(title_size, 4, 72), NUM(subtitle_size, 4, 72),
    NUM(legend_title_size, 4, 72), NUM(legend_size, 4, 72),
    NUM(scale_size, 4, 72), NUM(north_size, 4, 72), NUM(source_size, 4, 72),
    NUM(min_size, 4, 72), NUM(panel_title_size, 4, 72),
    NUM(label_size, 6.5, 72), NUM(label_min_size, 6.5, 72),
    COLOUR(text_colour), COLOUR(subtle_colour), COLOUR(source_colour),
    COLOUR(outline_colour), COLOUR(hatch_colour), COLOUR(context_colour),
    COLOUR(context_outline_colour), COLOUR(highlight_colour),
    COLOUR(leader_colour), COLOUR(halo_colour), COLOUR(inset_colour),
    NUM(outline_width, 0, 10), NUM(hatch_width, 0.01, 10),
    NUM(context_outline_width, 0, 10), NUM(highlight_width, 0.01, 10),
    NUM(leader_width, 0.01, 10), NUM(halo_width, 0, 10),
    NUM(hatch_step, 0.5, 20), NUM(fade, 0, 1), YESNO(halo),
    NUM(inset_size, 10, 200),
    TEXT(nodata_text), TEXT(secret_text),
};

/* --- parsing ------------------------------------------------------------- */

typedef struct parse {
    bs_style *s;
    bs_ini ini;                   /* lines and the first error */
} parse;

/* Keeps the first error with its line; returns 0 (inih's "bad line"). */
#define fail(ps, ...) bs_ini_fail(&(ps)->ini, __VA_ARGS__)

int bs_colour_parse(const char *v, bs_colour *c)
{
    unsigned x[3];

    if (strlen(v) != 7 || v[0] != '#')
        return -1;
    for (int i = 1; i < 7; i++)
        if (!isxdigit((unsigned char)v[i]))
            return -1;
    if (sscanf(v + 1, "%2x%2x%2x", &x[0], &x[1], &x[2]) != 3)
        return -1;
    c->r = x[0] / 255.0;
    c->g = x[1] / 255.0;
    c->b = x[2] / 255.0;
    return 0;
}

static int handler(void *ud, const char *section, const char *name,
                   const char *value)
{
    parse *ps = ud;
    const key *k = NULL;
    char *base = (char *)ps->s;

    if (*section && strcasecmp(section, "style") != 0)
        return fail(ps, "unknown section [%s] (style keys stand at the top or "
                    "in [style])", section);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcasecmp(keys[i].name, name) == 0)
            k = &keys[i];
    if (!k)
        return fail(ps, "unknown key '%s'", name);
    switch (k->type) {
    case K_TEXT:
        if (strlen(value) >= k->size)
            return fail(ps, "%s: '%s' is too long", name, value);
        if (strcmp(k->name, "font") == 0 && !*value)
            return fail(ps, "%s: no font family given", name);
        memcpy(base + k->off, value, strlen(value) + 1);
        break;
    case K_NUM: {
        double d;
        if (bs_parse_number(value, '.', &d) != BS_NUM_OK)
            return fail(ps, "%s = '%s' is not a number", name, value);
        if (d < k->lo || d > k->hi)
            return fail(ps, "%s = '%s' is out of range (%g to %g)", name, value,
                        k->lo, k->hi);
        memcpy(base + k->off, &d, sizeof d);
        break;
    }
    case K_COLOUR: {
        bs_colour c;
        if (bs_colour_parse(value, &c) != 0)
            return fail(ps, "%s = '%s' is not a colour #rrggbb", name, value);
        memcpy(base + k->off, &c, sizeof c);
        break;
    }
    case K_YESNO: {
        int b;
        if (bs_parse_yesno(value, &b) != 0)
            return fail(ps, "%s = '%s' is not yes or no", name, value);
        memcpy(base + k->off, &b, sizeof b);
        break;
    }
    }
    return 1;
}

int bs_style_parse(const char *text, const char *name, bs_style *s,
                   bs_error *err)
{
    parse ps;

    memset(&ps, 0, sizeof ps);
    ps.s = s;
    ps.ini.name = name ? name : "style";
    return bs_ini_parse(&ps.ini, NULL, text ? text : "", handler, &ps, err);
}

int bs_style_read(const char *path, bs_style *s, bs_error *err)
{
    parse ps;

    memset(&ps, 0, sizeof ps);
    ps.s = s;
    ps.ini.name = path;
    return bs_ini_parse(&ps.ini, path, NULL, handler, &ps, err);
}
