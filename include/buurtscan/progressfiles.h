/* progressfiles.h: the two CSV files a council progress report reads
 * ([progress NAME] actions = FILE and notes = FILE; progress.h).
 *
 *   actions:  action,owner,status,toelichting   one row per action (knop)
 *   notes:    monitor,text                      free text per monitor
 *
 * Column names are trimmed and case-insensitive; "actie", "eigenaar" /
 * "trekker" and "text" / "tekst" are accepted for action, owner and
 * toelichting / text; other columns are ignored. The delimiter (, ; tab)
 * and encoding are detected as by csv.h. Errors name the file and line:
 * "actions.csv:4: status 'geel': expected groen, oranje or rood".
 * Layer io: no analysis types (a status is BS_ACTION_*, numbered as
 * bs_status of monitor.h). */
#ifndef BUURTSCAN_PROGRESSFILES_H
#define BUURTSCAN_PROGRESSFILES_H

#include <stddef.h>
#include "buurtscan/error.h"

/* An action's status; the numbers are bs_status's (monitor.h). */
enum { BS_ACTION_GREEN = 1, BS_ACTION_ORANGE = 2, BS_ACTION_RED = 3 };

typedef struct bs_action_row {
    char *action;      /* never NULL or empty */
    char *owner;       /* NULL = not given */
    int status;        /* BS_ACTION_* */
    char *text;        /* toelichting; NULL = none */
    long line;         /* in the file */
} bs_action_row;

/* Reads an actions file into a new array (*out, *n rows; free with
 * bs_actions_free). Every row needs an action and a status: groen, oranje
 * or rood (also green, orange, red; any case). Errors: a missing column,
 * an empty action or status, an unknown status, an empty file (no rows),
 * each naming PATH:LINE. Returns 0 or -1 (*out NULL). */
int bs_actions_read(const char *path, bs_action_row **out, size_t *n,
                    bs_error *err);
void bs_actions_free(bs_action_row *rows, size_t n);

/* A status word for people, "groen"/"oranje"/"rood" of bs_actions_read's
 * vocabulary, into *status. Returns 0, or -1 for another word. */
int bs_action_status_parse(const char *word, int *status);

typedef struct bs_note_row {
    char *monitor;     /* as written */
    char *text;        /* never NULL or empty */
    long line;
} bs_note_row;

/* Reads a notes file (monitor,text) into a new array (free with
 * bs_note_rows_free). A row without a monitor, or with a monitor given
 * twice (naming both lines), is an error; a row without text is skipped.
 * Whether each monitor exists is the caller's check (it knows the names;
 * use the row's line in the message). Returns 0 or -1. */
int bs_note_rows_read(const char *path, bs_note_row **out, size_t *n,
                      bs_error *err);
void bs_note_rows_free(bs_note_row *rows, size_t n);

#endif
