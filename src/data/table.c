/* table.c: text-cell tables from CSV and DBF files. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/number.h"
#include "buurtscan/table.h"

bs_table *bs_table_new(const char *path)
{
    bs_table *t = calloc(1, sizeof *t);

    if (!t)
        return NULL;
    t->path = strdup(path ? path : "");
    t->decimal = '.';
    if (!t->path) {
        free(t);
        return NULL;
    }
    return t;
}

void bs_table_free(bs_table *t)
{
    size_t c, r;

    if (!t)
        return;
    for (c = 0; c < t->ncols; c++) {
        if (t->cells && t->cells[c]) {
            for (r = 0; r < t->nrows; r++)
                free(t->cells[c][r]);
            free(t->cells[c]);
        }
        free(t->names[c]);
    }
    free(t->cells);
    free(t->names);
    free(t->lines);
    free(t->path);
    free(t);
}

long bs_table_add_column(bs_table *t, const char *name)
{
    char **names;
    char ***cells;
    size_t len;
    const char *s = name, *e;

    if (t->nrows > 0)
        return -1;
    names = realloc(t->names, (t->ncols + 1) * sizeof *names);
    if (!names)
        return -1;
    t->names = names;
    cells = realloc(t->cells, (t->ncols + 1) * sizeof *cells);
    if (!cells)
        return -1;
    t->cells = cells;
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    len = (size_t)(e - s);
    names[t->ncols] = malloc(len + 1);
    if (!names[t->ncols])
        return -1;
    memcpy(names[t->ncols], s, len);
    names[t->ncols][len] = '\0';
    cells[t->ncols] = NULL;
    return (long)t->ncols++;
}

long bs_table_add_row(bs_table *t, long line)
{
    size_t c;

    if (t->nrows == t->rows_cap) {
        size_t cap = t->rows_cap ? t->rows_cap * 2 : 64;
        long *lines = realloc(t->lines, cap * sizeof *lines);
        if (!lines)
            return -1;
        t->lines = lines;
        for (c = 0; c < t->ncols; c++) {
            char **col = realloc(t->cells[c], cap * sizeof *col);
            if (!col)
                return -1;
            t->cells[c] = col;
        }
        t->rows_cap = cap;
    }
    for (c = 0; c < t->ncols; c++)
        t->cells[c][t->nrows] = NULL;
    t->lines[t->nrows] = line;
    return (long)t->nrows++;
}

int bs_table_set(bs_table *t, size_t col, size_t row, const char *text,
                 size_t len)
{
    const char *s = text, *e = text + len;
    char *copy;

    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    free(t->cells[col][row]);
    t->cells[col][row] = NULL;
    if (e == s)
        return 0;
    copy = malloc((size_t)(e - s) + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, (size_t)(e - s));
    copy[e - s] = '\0';
    t->cells[col][row] = copy;
    return 0;
}

long bs_table_find(const bs_table *t, const char *name)
{
    size_t c, len;
    const char *s = name;

    while (isspace((unsigned char)*s))
        s++;
    len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    for (c = 0; c < t->ncols; c++)
        if (strlen(t->names[c]) == len && strncasecmp(t->names[c], s, len) == 0)
            return (long)c;
    return -1;
}

const char *bs_table_row_word(const bs_table *t)
{
    return t->by_record == BS_ROWS_FEATURE ? "feature"
           : t->by_record ? "record" : "line";
}

void bs_table_where(const bs_table *t, size_t row, char *buf, size_t n)
{
    if (t->by_record)
        snprintf(buf, n, "%s: %s %ld", t->path, bs_table_row_word(t),
                 t->lines[row]);
    else
        snprintf(buf, n, "%s:%ld", t->path, t->lines[row]);
}

int bs_table_column_numeric(const bs_table *t, size_t col, double *out,
                            bs_error *err)
{
    size_t r;

    for (r = 0; r < t->nrows; r++) {
        const char *cell = t->cells[col][r];
        if (bs_parse_number(cell, t->decimal, &out[r]) == BS_NUM_BAD) {
            char where[600];
            bs_table_where(t, r, where, sizeof where);
            return bs_error_set(err,
                "%s: column '%s' holds '%s', which is not a number",
                where, t->names[col], cell);
        }
    }
    return 0;
}
