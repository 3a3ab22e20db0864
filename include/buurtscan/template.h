/* template.h: the report template (templates/report-nl.ini): which
 * sections the PDF report has, their titles and introductions, the three
 * scan questions, the caveat, the accent colour, the font, the logo.
 *
 * The reader only reads: names another module owns (the palette) and the
 * logo's content (a PNG) are checked by the report (bs_report_check,
 * report.h) in the load phase, which gets the file and line from here.
 *
 * Layer: io (the job reads templates in its load phase). */
#ifndef BUURTSCAN_TEMPLATE_H
#define BUURTSCAN_TEMPLATE_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/style.h"

/* The sections of the report, in the order they are printed. */
typedef enum bs_report_section {
    BS_SEC_COVER = 0,
    BS_SEC_CONTENTS,
    BS_SEC_METHOD,
    BS_SEC_OVERVIEW,
    BS_SEC_RANKING,
    BS_SEC_INDICATORS,
    BS_SEC_AREAS,
    BS_SEC_DESIGNATION,
    BS_SEC_CLUSTERS,          /* [spatial] (issue 15) */
    BS_SEC_APPENDIX,
    BS_SEC_COUNT
} bs_report_section;

/* The INI section name of s ("cover", "contents", ...); NULL for a value
 * that is not a section. */
const char *bs_report_section_name(bs_report_section s);

/* The key of scan question q (0, 1, 2) in [areas] and its column in
 * notes.csv: "aansluiten", "vragen", "ondersteunen"; NULL for another q. */
const char *bs_report_question_name(int q);

typedef struct bs_report_template {
    char *language;           /* "nl" or "en"; NULL = not given */
    char *font;               /* pango family list; NULL = the house font */
    int has_accent;           /* accent = was given; else the house accent */
    bs_colour accent;
    char *palette;            /* ColorBrewer scheme for indicator maps that
                                 have no [map] section; NULL = YlOrRd */
    char *palette_at;         /* "PATH:LINE" of palette =, for messages */
    char *logo;               /* PNG path (resolved against the template's
                                 directory), or NULL */
    unsigned char *logo_png;  /* its bytes, read when the cover is shown */
    size_t logo_size;
    char *area_singular;      /* "wijk": used in headers and sentences */
    char *area_plural;        /* "wijken" */
    struct {
        int show;
        char *title;
        char *intro;          /* paragraphs separated by "\n" in the file */
    } sec[BS_SEC_COUNT];
    char *question[3];        /* aansluiten, vragen, ondersteunen */
    char *caveat_title, *caveat;
} bs_report_template;

/* Every section on, no texts, no accent, font, palette or logo. */
void bs_report_template_init(bs_report_template *t);

/* Reads an INI template over t (start from bs_report_template_init; read
 * the stock templates/report-LANG.ini first, then a user's file). Sections
 * [report], [cover], [contents], [method], [overview], [ranking],
 * [indicators], [areas], [designation], [appendix], [caveat]; keys as in
 * templates/report-nl.ini. Indented lines continue a value; "\n" in a
 * value starts a new paragraph; switches take the words of bs_parse_yesno.
 * Unknown sections or keys, duplicate keys, bad colours or yes/no values
 * are errors "PATH:LINE: ...". When, after the file, a logo is named and
 * the cover is shown, the logo's bytes are read into logo_png (errors
 * "LOGO: cannot read the logo (a PNG file): ..."). */
int bs_report_template_read(const char *path, bs_report_template *t,
                            bs_error *err);
void bs_report_template_free(bs_report_template *t);

#endif
