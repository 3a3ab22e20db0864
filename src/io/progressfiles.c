/* progressfiles.c: the actions and notes files of a council progress
 * report (progressfiles.h). */
#include "buurtscan/progressfiles.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buurtscan/csv.h"
#include "buurtscan/text.h"

/* The first of the names (NULL-terminated) that t has as a column, or -1
 * with an error naming the first name. */
static long column(const bs_table *t, const char *const *names,
                   const char *expected, bs_error *err)
{
    for (size_t k = 0; names[k]; k++) {
        long c = bs_table_find(t, names[k]);
        if (c >= 0)
            return c;
    }
    bs_error_set(err, "%s: no column '%s' (expected columns: %s)", t->path,
                 names[0], expected);
    return -1;
}

int bs_action_status_parse(const char *word, int *status)
{
    static const struct { const char *w; int s; } words[] = {
        {"groen", BS_ACTION_GREEN}, {"green", BS_ACTION_GREEN},
        {"oranje", BS_ACTION_ORANGE}, {"orange", BS_ACTION_ORANGE},
        {"rood", BS_ACTION_RED}, {"red", BS_ACTION_RED}};

    for (size_t k = 0; word && k < sizeof words / sizeof words[0]; k++)
        if (strcasecmp(word, words[k].w) == 0) {
            *status = words[k].s;
            return 0;
        }
    return -1;
}

void bs_actions_free(bs_action_row *rows, size_t n)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rows[i].action);
        free(rows[i].owner);
        free(rows[i].text);
    }
    free(rows);
}

/* A copy of a cell, NULL for an empty one; -1 when out of memory. */
static int dup_cell(const char *cell, char **out)
{
    *out = NULL;
    if (!cell || !*cell)
        return 0;
    return (*out = bs_text_dup(cell)) ? 0 : -1;
}

static const char *const action_names[] = {"action", "actie", NULL};
static const char *const owner_names[] = {"owner", "eigenaar", "trekker", NULL};
static const char *const status_names[] = {"status", NULL};
static const char *const text_names[] = {"toelichting", "text", "tekst", NULL};
#define ACTION_COLUMNS "action,owner,status,toelichting"

/* One row of the actions file into *a. */
static int action_row(const bs_table *t, size_t r, const long col[4],
                      bs_action_row *a, bs_error *err)
{
    char where[512];
    const char *st = t->cells[col[2]][r];

    bs_table_where(t, r, where, sizeof where);
    a->line = t->lines[r];
    if (!t->cells[col[0]][r])
        return bs_error_set(err, "%s: no action in this row", where);
    if (!st)
        return bs_error_set(err, "%s: no status for action '%s' (groen, "
                            "oranje or rood)", where, t->cells[col[0]][r]);
    if (bs_action_status_parse(st, &a->status) != 0)
        return bs_error_set(err, "%s: status '%s': expected groen, oranje or "
                            "rood", where, st);
    if (dup_cell(t->cells[col[0]][r], &a->action) != 0 ||
        dup_cell(t->cells[col[1]][r], &a->owner) != 0 ||
        dup_cell(t->cells[col[3]][r], &a->text) != 0)
        return bs_error_set(err, "%s: out of memory", where);
    return 0;
}

int bs_actions_read(const char *path, bs_action_row **out, size_t *n,
                    bs_error *err)
{
    bs_table *t = NULL;
    bs_action_row *rows = NULL;
    long col[4];
    size_t r = 0;
    int rc = -1;

    *out = NULL;
    *n = 0;
    if (bs_csv_read(path, NULL, &t, err) != 0)
        return -1;
    if ((col[0] = column(t, action_names, ACTION_COLUMNS, err)) < 0 ||
        (col[1] = column(t, owner_names, ACTION_COLUMNS, err)) < 0 ||
        (col[2] = column(t, status_names, ACTION_COLUMNS, err)) < 0 ||
        (col[3] = column(t, text_names, ACTION_COLUMNS, err)) < 0)
        goto done;
    if (t->nrows == 0) {
        bs_error_set(err, "%s: no actions (a header without rows)", path);
        goto done;
    }
    if (!(rows = calloc(t->nrows, sizeof *rows))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    for (r = 0; r < t->nrows; r++)
        if (action_row(t, r, col, &rows[r], err) != 0) {
            r++;
            goto done;
        }
    *out = rows;
    *n = t->nrows;
    rows = NULL;
    rc = 0;
done:
    bs_actions_free(rows, r);
    bs_table_free(t);
    return rc;
}

void bs_note_rows_free(bs_note_row *rows, size_t n)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rows[i].monitor);
        free(rows[i].text);
    }
    free(rows);
}

static const char *const monitor_names[] = {"monitor", NULL};
static const char *const note_names[] = {"text", "tekst", "toelichting", NULL};

int bs_note_rows_read(const char *path, bs_note_row **out, size_t *n,
                      bs_error *err)
{
    bs_table *t = NULL;
    bs_note_row *rows = NULL;
    long cm, ct;
    size_t k = 0;
    int rc = -1;

    *out = NULL;
    *n = 0;
    if (bs_csv_read(path, NULL, &t, err) != 0)
        return -1;
    if ((cm = column(t, monitor_names, "monitor,text", err)) < 0 ||
        (ct = column(t, note_names, "monitor,text", err)) < 0)
        goto done;
    if (!(rows = calloc(t->nrows + 1, sizeof *rows))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const char *m = t->cells[cm][r], *x = t->cells[ct][r];
        char where[512];
        bs_table_where(t, r, where, sizeof where);
        if (!m) {
            bs_error_set(err, "%s: no monitor in this row", where);
            goto done;
        }
        for (size_t j = 0; j < k; j++)
            if (strcasecmp(rows[j].monitor, m) == 0) {
                bs_error_set(err, "%s: monitor '%s' is given twice (also at "
                             "line %ld)", where, m, rows[j].line);
                goto done;
            }
        if (!x)
            continue;
        rows[k].line = t->lines[r];
        if (dup_cell(m, &rows[k].monitor) != 0 ||
            dup_cell(x, &rows[k].text) != 0) {
            k++;
            bs_error_set(err, "%s: out of memory", where);
            goto done;
        }
        k++;
    }
    *out = rows;
    *n = k;
    rows = NULL;
    rc = 0;
done:
    bs_note_rows_free(rows, k);
    bs_table_free(t);
    return rc;
}
