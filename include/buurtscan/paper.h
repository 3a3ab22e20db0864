/* paper.h: paper sizes for maps, by name ("A4 landscape").
 *
 * Data level: the project reader parses the name, the renderer lays pages
 * out on it. */
#ifndef BUURTSCAN_PAPER_H
#define BUURTSCAN_PAPER_H

typedef struct bs_paper {
    double width_mm, height_mm;   /* after orientation */
} bs_paper;

/* Parses "A4", "A3 landscape", "a4 portrait" (default portrait; words in
 * any order and case, one size and at most one orientation).
 * Returns 0 or -1 for an unknown size or word. */
int bs_paper_parse(const char *text, bs_paper *out);

#endif
