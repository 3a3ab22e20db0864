/* csv.c: reading statistics tables (CBS StatLine exports, KWB files, IMD ...).
 *
 * The whole file is read at once and decoded to UTF-8. libcsv then gets it
 * one physical line at a time: its state carries over between calls, so a
 * quoted field may still span lines, and every record knows the line it
 * starts on for messages. Cells are stored as text; numbers are parsed later
 * by bs_table_column_numeric, so here only the decimal separator is guessed. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/csv.h"
#include "buurtscan/text.h"

enum encoding { ENC_DETECT, ENC_UTF8, ENC_CP1252 };

struct reader {
    bs_table *t;
    bs_error *err;
    long line;          /* physical line being fed to libcsv (1-based) */
    long rec_line;      /* line on which the current record starts */
    size_t nfields;     /* fields seen so far in the current record */
    int in_record;      /* part of the current record has been fed */
    int header_done;
    int failed;         /* err is set; ignore further callbacks */
};

static int parse_encoding(const char *name, enum encoding *enc)
{
    if (!name) {
        *enc = ENC_DETECT;
    } else if (!strcasecmp(name, "UTF-8") || !strcasecmp(name, "UTF8")) {
        *enc = ENC_UTF8;
    } else if (!strcasecmp(name, "latin1") || !strcasecmp(name, "latin-1") ||
               !strcasecmp(name, "ISO-8859-1") ||
               !strcasecmp(name, "ISO8859-1") ||
               !strcasecmp(name, "cp1252") ||
               !strcasecmp(name, "windows-1252")) {
        /* Files labelled Latin-1 are nearly always CP1252 in practice (the
         * euro sign, curly quotes); CP1252 equals Latin-1 for all printable
         * Latin-1 characters, so one decoder serves both names. */
        *enc = ENC_CP1252;
    } else {
        return -1;
    }
    return 0;
}

static int read_all(const char *path, unsigned char **out, size_t *outlen,
                    bs_error *err)
{
    FILE *f;
    struct stat st;
    unsigned char *buf, *nb;
    size_t cap, len = 0, n;

    if (bs_input_regular(path, err) != 0)
        return -1;
    f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, "%s: cannot open: %s", path, strerror(errno));
    /* One extra byte so that the read which sees EOF needs no realloc. */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 1;
    else
        cap = 65536;
    buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return bs_error_set(err, "%s: out of memory", path);
    }
    for (;;) {
        if (len == cap) {
            nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return bs_error_set(err, "%s: out of memory", path);
            }
            buf = nb;
            cap *= 2;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        return bs_error_set(err, "%s: cannot read: %s", path, strerror(e));
    }
    fclose(f);
    *out = buf;
    *outlen = len;
    return 0;
}

/* The byte that ends lines: '\n' (also for "\r\n"), or '\r' in a file
 * with no '\n' at all (Excel's "CSV (Macintosh)"). */
static unsigned char line_end(const unsigned char *s, size_t n)
{
    return !memchr(s, '\n', n) && memchr(s, '\r', n) ? '\r' : '\n';
}

static long line_at(const unsigned char *s, size_t n, size_t off)
{
    unsigned char eol = line_end(s, n);
    long line = 1;
    size_t i;

    for (i = 0; i < off; i++)
        if (s[i] == eol)
            line++;
    return line;
}

/* Makes raw[0..n) UTF-8 text without BOM: *text points into raw or into a
 * new buffer returned in *owned (caller frees). */
static int decode(const char *path, enum encoding enc, unsigned char *raw,
                  size_t n, const unsigned char **text, size_t *len,
                  unsigned char **owned, bs_error *err)
{
    size_t bad;
    const unsigned char *nul;

    *owned = NULL;
    if (n >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) ||
                   (raw[0] == 0xFE && raw[1] == 0xFF)))
        return bs_error_set(err, "%s: file is UTF-16; save it as UTF-8 CSV",
                            path);
    /* A BOM is dropped even when CP1252 is forced: "ï»¿" at the start of a
     * header is never meant. */
    if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) {
        raw += 3;
        n -= 3;
    }
    nul = memchr(raw, '\0', n);
    if (nul)
        return bs_error_set(err, "%s:%ld: NUL byte: not a text file",
                            path, line_at(raw, n, (size_t)(nul - raw)));
    if (enc != ENC_CP1252) {
        bad = bs_text_utf8_check((const char *)raw, n);
        if (bad == n) {
            *text = raw;
            *len = n;
            return 0;
        }
        if (enc == ENC_UTF8)
            return bs_error_set(err,
                "%s:%ld: not valid UTF-8 (byte 0x%02X); is the file latin1 "
                "or cp1252?", path, line_at(raw, n, bad), raw[bad]);
    }
    *owned = (unsigned char *)bs_text_cp1252_to_utf8((const char *)raw, n,
                                                     len);
    if (!*owned)
        return bs_error_set(err, "%s: out of memory", path);
    *text = *owned;
    return 0;
}

/* The most frequent of ',' ';' '\t' outside quotes on the header line (the
 * first line that is not blank); ties go to the earlier one, none to ','. */
static char detect_delimiter(const unsigned char *s, size_t n,
                             unsigned char eol)
{
    static const char cand[3] = { ',', ';', '\t' };
    size_t count[3] = { 0, 0, 0 }, i, best = 0;
    int quoted = 0, content = 0, k;

    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '"') {
            quoted = !quoted;
            content = 1;
        } else if (quoted) {
            continue;
        } else if (c == eol) {
            if (content)
                break;
        } else if (c != ' ' && c != '\r') {
            content = 1;
            for (k = 0; k < 3; k++)
                if (c == (unsigned char)cand[k])
                    count[k]++;
        }
    }
    for (k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = (size_t)k;
    return cand[best];
}

/* Whether libcsv would skip this line outright: only blanks and line ends
 * (it skips spaces and tabs before a record, unless tab is the delimiter). */
static int is_blank(const unsigned char *s, size_t n, char delim)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c != ' ' && c != '\r' && c != '\n' &&
            !(c == '\t' && delim != '\t'))
            return 0;
    }
    return 1;
}

static void on_field(void *s, size_t len, void *data)
{
    struct reader *r = data;
    bs_table *t = r->t;

    if (r->failed)
        return;
    if (!r->header_done) {
        /* CSV_APPEND_NULL makes s a C string */
        if (bs_table_add_column(t, s ? (const char *)s : "") < 0)
            goto oom;
    } else {
        if (r->nfields == 0 && bs_table_add_row(t, r->rec_line) < 0)
            goto oom;
        /* Extra fields are only counted: the row is rejected at its end. */
        if (r->nfields < t->ncols && len > 0 &&
            bs_table_set(t, r->nfields, t->nrows - 1, s, len) < 0)
            goto oom;
    }
    r->nfields++;
    return;
oom:
    r->failed = 1;
    bs_error_set(r->err, "%s:%ld: out of memory", t->path, r->rec_line);
}

static void check_header(struct reader *r)
{
    const bs_table *t = r->t;
    size_t i, j;

    for (i = 0; i < t->ncols; i++) {
        if (t->names[i][0] == '\0') {
            r->failed = 1;
            bs_error_set(r->err, "%s:%ld: column %zu of the header has no name",
                         t->path, r->rec_line, i + 1);
            return;
        }
        for (j = 0; j < i; j++) {
            if (strcasecmp(t->names[i], t->names[j]) == 0) {
                r->failed = 1;
                bs_error_set(r->err,
                    "%s:%ld: duplicate column name '%s' (columns %zu and %zu)",
                    t->path, r->rec_line, t->names[i], j + 1, i + 1);
                return;
            }
        }
    }
}

static void on_record(int c, void *data)
{
    struct reader *r = data;

    (void)c;
    if (r->failed)
        return;
    if (!r->header_done) {
        r->header_done = 1;
        check_header(r);
    } else if (r->nfields != r->t->ncols) {
        r->failed = 1;
        bs_error_set(r->err, "%s:%ld: row has %zu fields, the header has %zu",
                     r->t->path, r->rec_line, r->nfields, r->t->ncols);
    }
    r->nfields = 0;
    r->in_record = 0;
}

/* ^-?[0-9]+SEP[0-9]+$ */
static int is_decimal_with(const char *s, char sep)
{
    const char *p = s;

    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p++ != sep)
        return 0;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

/* ',' only when some cell reads as a decimal comma number and none as a
 * decimal point number; a ',' delimiter rules a decimal comma out. */
static char detect_decimal(const bs_table *t, char delim)
{
    size_t c, r;
    int comma = 0;

    if (delim == ',')
        return '.';
    for (c = 0; c < t->ncols; c++) {
        for (r = 0; r < t->nrows; r++) {
            const char *s = t->cells[c][r];
            if (!s)
                continue;
            if (is_decimal_with(s, '.'))
                return '.';
            if (!comma && is_decimal_with(s, ','))
                comma = 1;
        }
    }
    return comma ? ',' : '.';
}

static int parse(const char *path, const unsigned char *text, size_t len,
                 char delim, struct reader *r)
{
    struct csv_parser p;
    size_t pos = 0;
    unsigned char eol = line_end(text, len);
    int rc;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return bs_error_set(r->err, "%s: out of memory", path);
    csv_set_delim(&p, (unsigned char)delim);
    while (pos < len && !r->failed) {
        const unsigned char *e = memchr(text + pos, eol, len - pos);
        size_t end = e ? (size_t)(e - text) + 1 : len;

        r->line++;
        if (!r->in_record && !is_blank(text + pos, end - pos, delim)) {
            r->in_record = 1;
            r->rec_line = r->line;
        }
        if (csv_parse(&p, text + pos, end - pos, on_field, on_record, r) !=
            end - pos) {
            r->failed = 1;
            if (csv_error(&p) == CSV_EPARSE)
                bs_error_set(r->err, "%s:%ld: malformed quoting (quotes must "
                             "enclose a whole field; a quote inside one is "
                             "written twice)",
                             path, r->line);
            else
                bs_error_set(r->err, "%s:%ld: %s", path, r->line,
                             csv_strerror(csv_error(&p)));
        }
        pos = end;
    }
    if (!r->failed) {
        /* csv_fini returns -1 and leaves the reason in csv_error */
        if (csv_fini(&p, on_field, on_record, r) != 0 && !r->failed) {
            rc = csv_error(&p);
            r->failed = 1;
            if (rc == CSV_EPARSE)
                bs_error_set(r->err, "%s:%ld: quoted field is not closed",
                             path, r->rec_line);
            else
                bs_error_set(r->err, "%s: %s", path, csv_strerror(rc));
        }
    }
    csv_free(&p);
    if (r->failed)
        return -1;
    if (!r->header_done)
        return bs_error_set(r->err, "%s: empty file", path);
    return 0;
}

int bs_csv_read(const char *path, const bs_csv_options *opt, bs_table **out,
                bs_error *err)
{
    static const bs_csv_options detect = { 0, 0, NULL };
    struct reader r;
    enum encoding enc;
    unsigned char *raw = NULL, *owned = NULL;
    const unsigned char *text = NULL;
    size_t rawlen = 0, len = 0;
    char delim;
    int rc = -1;

    *out = NULL;
    if (!opt)
        opt = &detect;
    if (parse_encoding(opt->encoding, &enc) != 0)
        return bs_error_set(err, "%s: unknown encoding '%s' (use UTF-8, "
                            "latin1 or cp1252)", path, opt->encoding);
    if (opt->decimal != 0 && opt->decimal != '.' && opt->decimal != ',')
        return bs_error_set(err, "%s: decimal separator must be '.' or ','",
                            path);
    if (opt->delimiter == '"' || opt->delimiter == '\n' ||
        opt->delimiter == '\r')
        return bs_error_set(err, "%s: a quote or line end cannot be the "
                            "delimiter", path);
    if (read_all(path, &raw, &rawlen, err) != 0)
        return -1;
    if (decode(path, enc, raw, rawlen, &text, &len, &owned, err) != 0)
        goto done;
    delim = opt->delimiter ? opt->delimiter
                           : detect_delimiter(text, len, line_end(text, len));

    memset(&r, 0, sizeof r);
    r.err = err;
    r.t = bs_table_new(path);
    if (!r.t) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    if (parse(path, text, len, delim, &r) != 0) {
        bs_table_free(r.t);
        goto done;
    }
    r.t->decimal = opt->decimal ? opt->decimal : detect_decimal(r.t, delim);
    r.t->by_record = 0;
    *out = r.t;
    rc = 0;
done:
    free(owned);
    free(raw);
    return rc;
}
