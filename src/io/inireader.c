/* inireader.c: a line-counting front end to inih (see inireader.h). */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/inireader.h"

static void record(bs_ini *r, long line, const char *fmt, va_list ap)
{
    if (r->err_line)
        return;
    r->err_line = line;
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
}

int bs_ini_fail(bs_ini *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, r->line, fmt, ap);
    va_end(ap);
    return 0;
}

int bs_ini_fail_at(bs_ini *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, line, fmt, ap);
    va_end(ap);
    return 0;
}

/* inih's reader: one whole line per call, or NULL to stop. */
static char *next_line(char *str, int num, void *stream)
{
    bs_ini *r = stream;
    size_t len;
    char *s;

    if (r->err_line)
        return NULL;
    if (r->f) {
        if (!fgets(str, num, r->f))
            return NULL;
    } else {
        int n = 0;
        if (!*r->p)
            return NULL;
        while (n < num - 1 && r->p[n] && (n == 0 || r->p[n - 1] != '\n'))
            n++;
        memcpy(str, r->p, (size_t)n);
        str[n] = '\0';
        r->p += n;
    }
    r->line++;
    len = strlen(str);
    if (len == (size_t)num - 1 && str[len - 1] != '\n' &&
        (r->f ? !feof(r->f) : *r->p != '\0')) {
        bs_ini_fail(r, "line longer than %d characters", num - 2);
        return NULL;
    }
    s = str;
    if (r->line == 1 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    r->indented = *s == ' ' || *s == '\t';
    if (r->on_line && !r->on_line(r, s, r->ud))
        return NULL;
    return str;
}

int bs_ini_parse(bs_ini *r, const char *path, const char *text, ini_handler h,
                 void *hud, bs_error *err)
{
    const char *name = r->name ? r->name : path;
    int rc;

    r->line = 0;
    r->indented = 0;
    r->err_line = 0;
    r->msg[0] = '\0';
    r->f = NULL;
    r->p = text;
    if (!text) {
        if (bs_input_regular(path, err) != 0)
            return -1;
        r->f = fopen(path, "r");
        if (!r->f)
            return bs_error_set(err, "%s: cannot open: %s", name, strerror(errno));
    }
    rc = ini_parse_stream(next_line, r, h, hud);
    if (r->f) {
        if (!r->err_line && ferror(r->f))
            bs_ini_fail(r, "read error");
        fclose(r->f);
        r->f = NULL;
    }
    /* inih reports the first bad line, ours or its own (no '=') */
    if (r->err_line && (rc <= 0 || r->err_line <= rc))
        return bs_error_set(err, "%s:%ld: %s", name, r->err_line, r->msg);
    if (rc > 0)
        return bs_error_set(err, "%s:%d: expected 'key = value' or '[section]'",
                            name, rc);
    if (rc < 0)
        return bs_error_set(err, "%s: cannot read", name);
    return 0;
}
