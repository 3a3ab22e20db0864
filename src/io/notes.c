/* notes.c: the notes of the area conversations, notes.csv (notes.h). */
#include "buurtscan/notes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/csv.h"
#include "buurtscan/template.h"
#include "buurtscan/text.h"

/* Keys compare trimmed and case-insensitively, as everywhere. */
static int key_eq(const char *a, const char *b)
{
    size_t la, lb;

    while (isspace((unsigned char)*a)) a++;
    while (isspace((unsigned char)*b)) b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1])) la--;
    while (lb && isspace((unsigned char)b[lb - 1])) lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

void bs_report_notes_free(char **notes, size_t n)
{
    if (!notes)
        return;
    for (size_t i = 0; i < 3 * n; i++)
        free(notes[i]);
    free(notes);
}

int bs_report_notes_read(const char *path, const char *const *keys, size_t n,
                         char ***out, bs_error *err)
{
    bs_table *t = NULL;
    long col[3], kc, *seen = NULL;
    char **notes = NULL;
    int rc = -1;

    *out = NULL;
    if (bs_csv_read(path, NULL, &t, err) != 0)
        return -1;
    kc = bs_table_find(t, "code");
    if (kc < 0) {
        bs_error_set(err, "%s: no column 'code' (the area code)", path);
        goto done;
    }
    for (int q = 0; q < 3; q++) {
        col[q] = bs_table_find(t, bs_report_question_name(q));
        if (col[q] < 0) {
            bs_error_set(err, "%s: no column '%s' (columns: code, aansluiten, "
                         "vragen, ondersteunen)", path,
                         bs_report_question_name(q));
            goto done;
        }
    }
    notes = calloc(3 * n + 1, sizeof *notes);
    seen = calloc(n + 1, sizeof *seen);
    if (!notes || !seen) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const char *code = t->cells[kc][r];
        char where[512];
        size_t i;
        bs_table_where(t, r, where, sizeof where);
        if (!code) {
            bs_error_set(err, "%s: no code in this row", where);
            goto done;
        }
        for (i = 0; i < n; i++)
            if (keys[i] && key_eq(keys[i], code))
                break;
        if (i == n) {
            bs_error_set(err, "%s: unknown area code '%s'", where, code);
            goto done;
        }
        if (seen[i]) {
            bs_error_set(err, "%s: area code '%s' is given twice (also at "
                         "line %ld)", where, code, seen[i]);
            goto done;
        }
        seen[i] = t->lines[r];
        for (int q = 0; q < 3; q++) {
            const char *v = t->cells[col[q]][r];
            if (v && *v && !(notes[3 * i + q] = bs_text_dup(v))) {
                bs_error_set(err, "%s: out of memory", path);
                goto done;
            }
        }
    }
    *out = notes;
    notes = NULL;
    rc = 0;
done:
    bs_report_notes_free(notes, n);
    free(seen);
    bs_table_free(t);
    return rc;
}
