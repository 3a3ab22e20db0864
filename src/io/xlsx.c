/* xlsx.c: Excel workbooks of typed tables (xlsx.h) with libxlsxwriter.
 *
 * libxlsxwriter prints its own complaints to stderr, which a library must
 * not do, so everything it would complain about (sheet names, row counts,
 * text lengths, an unwritable path) is checked here first. Rows are written
 * in order in constant-memory mode: a national table does not sit in
 * memory twice. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>
#include "buurtscan/text.h"
#include "buurtscan/xlsx.h"

#define MAX_CELL_TEXT 32767      /* characters Excel holds in a cell */
#define MAX_WIDTH 60.0           /* column width limit, in characters */

struct bs_xlsx {
    char *path;
    lxw_workbook *wb;
    lxw_format *head, *dot;
    lxw_format *fixed[16];       /* "0", "0.0", ... "0.000000000000000" */
};

int bs_xlsx_create(const char *path, long long created, bs_xlsx **out,
                   bs_error *err)
{
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
    lxw_doc_properties props = { 0 };
    bs_xlsx *x;
    FILE *probe;
    struct stat st;
    int existed = stat(path, &st) == 0;

    *out = NULL;
    if (existed && !S_ISREG(st.st_mode))
        return bs_error_set(err, "%s: cannot write: not a regular file", path);
    /* libxlsxwriter would only find out (and print) when closing */
    if (!(probe = fopen(path, existed ? "ab" : "wb")))
        return bs_error_set(err, "%s: cannot write: %s", path,
                            strerror(errno));
    fclose(probe);
    if (!existed)
        remove(path);
    if (!(x = calloc(1, sizeof *x)) || !(x->path = bs_text_dup(path))
        || !(x->wb = workbook_new_opt(path, &opt))) {
        if (x)
            free(x->path);
        free(x);
        return bs_error_set(err, "%s: out of memory", path);
    }
    props.created = created > 0 ? (time_t)created : time(NULL);
    workbook_set_properties(x->wb, &props);
    if (!(x->head = workbook_add_format(x->wb))
        || !(x->dot = workbook_add_format(x->wb))) {
        bs_xlsx_discard(x);
        return bs_error_set(err, "%s: out of memory", path);
    }
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    format_set_align(x->dot, LXW_ALIGN_RIGHT);
    *out = x;
    return 0;
}

void bs_xlsx_discard(bs_xlsx *x)
{
    if (!x)
        return;
    lxw_workbook_free(x->wb);
    free(x->path);
    free(x);
}

int bs_xlsx_close(bs_xlsx *x, bs_error *err)
{
    lxw_error e = workbook_close(x->wb);
    int rc = 0;

    if (e != LXW_NO_ERROR) {
        rc = bs_error_set(err, "%s: cannot write: %s", x->path,
                          lxw_strerror(e));
        remove(x->path);
    }
    free(x->path);
    free(x);
    return rc;
}

/* The number format for a column: fixed decimals, or NULL for General. */
static lxw_format *number_format(bs_xlsx *x, int decimals)
{
    char code[24];

    if (decimals < 0)
        return NULL;
    if (decimals > 15)
        decimals = 15;
    if (!x->fixed[decimals] && (x->fixed[decimals] = workbook_add_format(x->wb))) {
        snprintf(code, sizeof code, "0%s%.*s", decimals ? "." : "", decimals,
                 "000000000000000");
        format_set_num_format(x->fixed[decimals], code);
    }
    return x->fixed[decimals];
}

/* Characters (not bytes) of UTF-8 text. */
static size_t chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Everything libxlsxwriter would refuse, as our own error. */
static int check_sheet(bs_xlsx *x, const bs_typed_table *t, const char *where,
                       bs_error *err)
{
    lxw_error e;
    size_t c, r;

    if (bs_typed_table_check(t, err) != 0)
        return -1;
    if ((e = workbook_validate_sheet_name(x->wb, t->name)) != LXW_NO_ERROR)
        return bs_error_set(err, "%s: %s", where, lxw_strerror(e));
    if (t->ncols > LXW_COL_MAX)
        return bs_error_set(err, "%s: %zu columns; a sheet holds %d", where,
                            t->ncols, LXW_COL_MAX);
    if (t->nrows + 40 > LXW_ROW_MAX)
        return bs_error_set(err, "%s: %zu rows; a sheet holds %d", where,
                            t->nrows, LXW_ROW_MAX);
    for (c = 0; c < t->ncols; c++) {
        const bs_typed_column *col = &t->cols[c];
        const char *label = col->label ? col->label : col->name;
        if (chars(label) > MAX_CELL_TEXT)
            return bs_error_set(err, "%s: the label of column '%s' is longer "
                                "than a cell holds", where, col->name);
        if (col->type != BS_COL_TEXT)
            continue;
        for (r = 0; r < t->nrows; r++)
            if (col->text[r] && chars(col->text[r]) > MAX_CELL_TEXT)
                return bs_error_set(err, "%s: row %zu, column '%s': the text "
                                    "is longer than a cell holds (%d "
                                    "characters)", where, r + 1, col->name,
                                    MAX_CELL_TEXT);
    }
    return 0;
}

/* Characters of the longest word of s (the header wraps between words). */
static size_t longest_word(const char *s)
{
    size_t best = 0, n = 0;

    for (; *s; s++) {
        if (*s == ' ') {
            n = 0;
            continue;
        }
        n += ((unsigned char)*s & 0xC0) != 0x80;
        if (n > best)
            best = n;
    }
    return best;
}

/* Column widths: the header's longest word, numbers at least 10, text as
 * wide as its widest cell; at most MAX_WIDTH. */
static void set_widths(bs_xlsx *x, lxw_worksheet *ws, const bs_typed_table *t)
{
    size_t c, r;

    for (c = 0; c < t->ncols; c++) {
        const bs_typed_column *col = &t->cols[c];
        double w = longest_word(col->label ? col->label : col->name) + 2;
        lxw_format *fmt = col->type == BS_COL_TEXT ? NULL
                          : number_format(x, col->decimals);

        if (col->type == BS_COL_TEXT) {
            for (r = 0; r < t->nrows; r++)
                if (col->text[r] && chars(col->text[r]) + 2 > w)
                    w = chars(col->text[r]) + 2;
        } else if (w < 10) {
            w = 10;
        }
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             w > MAX_WIDTH ? MAX_WIDTH : w, fmt);
    }
}

static lxw_error write_cell(bs_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
                            const bs_typed_column *col, lxw_col_t c, size_t r)
{
    if (bs_typed_cell_suppressed(col, r))
        return worksheet_write_string(ws, row, c, ".", x->dot);
    if (col->type == BS_COL_TEXT)
        return col->text[r] ? worksheet_write_string(ws, row, c, col->text[r],
                                                     NULL)
                            : LXW_NO_ERROR;
    if (!isfinite(col->num[r]))
        return LXW_NO_ERROR;
    return worksheet_write_number(ws, row, c, col->num[r],
                                  number_format(x, col->decimals));
}

/* The note's lines and the sign legend under the table, from row. */
static lxw_error write_notes(lxw_worksheet *ws, lxw_row_t row,
                             const char *note, const char *legend)
{
    lxw_error e = LXW_NO_ERROR;

    while (note && *note && e == LXW_NO_ERROR) {
        size_t n = strcspn(note, "\n");
        char *line = bs_text_printf("%.*s", (int)n, note);
        if (!line)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        e = worksheet_write_string(ws, row++, 0, line, NULL);
        free(line);
        note += n + (note[n] == '\n');
    }
    if (legend && e == LXW_NO_ERROR)
        e = worksheet_write_string(ws, row, 0, legend, NULL);
    return e;
}

int bs_xlsx_add_sheet(bs_xlsx *x, const bs_typed_table *t, const char *note,
                      const char *suppressed_note, bs_error *err)
{
    char where[700];
    lxw_worksheet *ws;
    lxw_error e = LXW_NO_ERROR;
    size_t c, r;
    int any_suppressed = 0;

    snprintf(where, sizeof where, "%s: sheet '%s'", x->path,
             t->name ? t->name : "");
    if (check_sheet(x, t, where, err) != 0)
        return -1;
    if (!(ws = workbook_add_worksheet(x->wb, t->name)))
        return bs_error_set(err, "%s: out of memory", where);
    set_widths(x, ws, t);
    worksheet_freeze_panes(ws, 1, 0);
    if (t->ncols > 0)
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows,
                             (lxw_col_t)(t->ncols - 1));
    for (c = 0; c < t->ncols && e == LXW_NO_ERROR; c++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)c,
                                   t->cols[c].label ? t->cols[c].label
                                                    : t->cols[c].name,
                                   x->head);
    for (r = 0; r < t->nrows && e == LXW_NO_ERROR; r++)
        for (c = 0; c < t->ncols && e == LXW_NO_ERROR; c++) {
            any_suppressed |= bs_typed_cell_suppressed(&t->cols[c], r);
            e = write_cell(x, ws, (lxw_row_t)(r + 1), &t->cols[c],
                           (lxw_col_t)c, r);
        }
    if (e == LXW_NO_ERROR)
        e = write_notes(ws, (lxw_row_t)(t->nrows + 2), note,
                        any_suppressed ? (suppressed_note ? suppressed_note
                                          : BS_XLSX_SUPPRESSED_NL) : NULL);
    if (e != LXW_NO_ERROR)
        return bs_error_set(err, "%s: %s", where, lxw_strerror(e));
    return 0;
}
