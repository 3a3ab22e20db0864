/* error.h: error and warning reporting for the buurtscan library.
 *
 * A fallible function returns int (0 = ok, -1 = error) and fills a bs_error.
 * Messages name where the problem is, in one of three shapes:
 *   "FILE:LINE: message"        text inputs (CSV, project file)
 *   "FILE: record N: message"   shapefile/DBF records (1-based)
 *   "FILE: message"             whole-file problems
 * The CLI prints them as "buurtscan: <message>". The library never prints
 * and never exits. */
#ifndef BUURTSCAN_ERROR_H
#define BUURTSCAN_ERROR_H

#include <stdarg.h>

#define BS_ERROR_MAX 1024

typedef struct bs_error {
    char msg[BS_ERROR_MAX];
} bs_error;

/* Formats a message into e (e may be NULL). Always returns -1, so that a
 * caller can write `return bs_error_set(err, "%s:%ld: ...", ...);`. */
int bs_error_set(bs_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Where warnings go (a file with no geometry, unmatched keys, ...).
 * warn may be NULL: warnings are then dropped. */
typedef struct bs_diag {
    void (*warn)(void *ud, const char *msg);
    void *ud;
} bs_diag;

/* Formats a warning and hands it to d->warn (d may be NULL). */
void bs_warn(const bs_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
