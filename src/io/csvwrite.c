/* csvwrite.c: writing CSV files in the plain and the Dutch-Excel dialect
 * (csvwrite.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "buurtscan/csvwrite.h"
#include "buurtscan/number.h"
#include "buurtscan/text.h"

struct bs_csvw {
    FILE *f;
    char *path;
    bs_csv_dialect d;
    char sep;
    int at_start;          /* no field in the current row yet */
};

static const char *const names[] = { "plain", "excel-nl" };

int bs_csv_dialect_parse(const char *text, bs_csv_dialect *out)
{
    size_t i, n;

    if (!text)
        return -1;
    while (*text == ' ' || *text == '\t')
        text++;
    n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    for (i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(text, names[i], n) == 0) {
            *out = (bs_csv_dialect)i;
            return 0;
        }
    return -1;
}

const char *bs_csv_dialect_name(bs_csv_dialect d)
{
    return names[d == BS_CSV_EXCEL_NL];
}

bs_csvw *bs_csvw_open(const char *path, bs_csv_dialect d, bs_error *err)
{
    bs_csvw *w = calloc(1, sizeof *w);

    if (!w || !(w->path = bs_text_dup(path))) {
        free(w);
        bs_error_set(err, "%s: out of memory", path);
        return NULL;
    }
    if (!(w->f = fopen(path, "wb"))) {
        bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        free(w->path);
        free(w);
        return NULL;
    }
    w->d = d;
    w->sep = d == BS_CSV_EXCEL_NL ? ';' : ',';
    w->at_start = 1;
    if (d == BS_CSV_EXCEL_NL)
        fputs("\xEF\xBB\xBF", w->f);
    return w;
}

static void field_start(bs_csvw *w)
{
    if (!w->at_start)
        putc_unlocked(w->sep, w->f);
    w->at_start = 0;
}

void bs_csvw_text(bs_csvw *w, const char *s)
{
    char special[5] = { w->sep, '"', '\r', '\n', '\0' };

    field_start(w);
    if (!s)
        return;
    if (!strpbrk(s, special)) {
        fputs(s, w->f);
        return;
    }
    putc_unlocked('"', w->f);
    for (; *s; s++) {
        if (*s == '"')
            putc_unlocked('"', w->f);
        putc_unlocked(*s, w->f);
    }
    putc_unlocked('"', w->f);
}

void bs_csvw_quoted(bs_csvw *w, const char *s)
{
    field_start(w);
    putc_unlocked('"', w->f);
    for (; s && *s; s++) {
        if (*s == '"')
            putc_unlocked('"', w->f);
        putc_unlocked(*s, w->f);
    }
    putc_unlocked('"', w->f);
}

void bs_csvw_num(bs_csvw *w, double v)
{
    char buf[64], *dot;

    field_start(w);
    bs_format_csv_number(v, buf, sizeof buf);
    if (w->d == BS_CSV_EXCEL_NL && (dot = strchr(buf, '.')))
        *dot = ',';
    fputs(buf, w->f);
}

void bs_csvw_int(bs_csvw *w, long long v)
{
    field_start(w);
    fprintf(w->f, "%lld", v);
}

void bs_csvw_end_row(bs_csvw *w)
{
    fputs(w->d == BS_CSV_EXCEL_NL ? "\r\n" : "\n", w->f);
    w->at_start = 1;
}

int bs_csvw_close(bs_csvw *w, bs_error *err)
{
    int bad = ferror(w->f), rc = 0;

    struct stat st;

    if (fclose(w->f) != 0 || bad) {
        rc = bs_error_set(err, "%s: write error: %s", w->path,
                          strerror(errno ? errno : EIO));
        /* a half-written file goes; a device written to stays */
        if (stat(w->path, &st) == 0 && S_ISREG(st.st_mode))
            remove(w->path);
    }
    free(w->path);
    free(w);
    return rc;
}

int bs_csv_write_table(const char *path, const bs_typed_table *t,
                       bs_csv_dialect d, bs_error *err)
{
    bs_csvw *w;
    size_t r, c;

    if (bs_typed_table_check(t, err) != 0 || !(w = bs_csvw_open(path, d, err)))
        return -1;
    for (c = 0; c < t->ncols; c++)
        bs_csvw_text(w, t->cols[c].name);
    bs_csvw_end_row(w);
    for (r = 0; r < t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            const bs_typed_column *col = &t->cols[c];
            if (bs_typed_cell_suppressed(col, r))
                bs_csvw_text(w, ".");
            else if (col->type == BS_COL_TEXT)
                bs_csvw_text(w, col->text[r]);
            else if (col->type == BS_COL_INTEGER && !isnan(col->num[r]))
                bs_csvw_int(w, (long long)col->num[r]);
            else
                bs_csvw_num(w, col->num[r]);
        }
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}
