/* inireader.h: the one front end to inih for buurtscan's INI files (the
 * project file, style files, report templates).
 *
 * The packaged inih does not pass line numbers to its handler and does not
 * report section headers. This reader hands inih one line at a time while
 * counting lines, so every message can name its line. It also strips a
 * UTF-8 BOM, notes whether a line is indented (inih reads an indented line
 * as the continuation of the value above), refuses lines longer than inih's
 * buffer instead of cutting them, and can show each line to the caller
 * first (on_line), which is how section headers are seen. */
#ifndef BUURTSCAN_INIREADER_H
#define BUURTSCAN_INIREADER_H

#include <ini.h>
#include <stdio.h>
#include "buurtscan/error.h"

typedef struct bs_ini {
    const char *name;          /* the file, for messages */
    long line;                 /* the line being parsed, 1-based */
    int indented;              /* it starts with a blank */
    long err_line;             /* the first error's line, 0 = none */
    char msg[BS_ERROR_MAX - 64];
    /* Optional: sees each line (without a BOM) before inih does; returns 0
     * to stop, after recording an error with bs_ini_fail. */
    int (*on_line)(struct bs_ini *r, const char *text, void *ud);
    void *ud;
    /* private */
    FILE *f;
    const char *p;
} bs_ini;

/* Records msg as the error of the current line unless an error is already
 * recorded. Returns 0, what an inih handler returns for a bad line. */
int bs_ini_fail(bs_ini *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* As bs_ini_fail for a given line (e.g. a section header seen earlier). */
int bs_ini_fail_at(bs_ini *r, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses the file `path` (text == NULL) or the string `text` (then path is
 * only r->name) with handler h(hud, section, key, value). r is zeroed
 * here apart from name, on_line and ud. Errors: "NAME: cannot open: ...",
 * the first recorded error "NAME:LINE: msg", or inih's own
 * "NAME:LINE: expected 'key = value' or '[section]'". */
int bs_ini_parse(bs_ini *r, const char *path, const char *text, ini_handler h,
                 void *hud, bs_error *err);

#endif
