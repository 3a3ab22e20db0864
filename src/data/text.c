/* text.c: UTF-8 validation and repair, Windows-1252 to UTF-8. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/text.h"

/* Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 control
 * of the same value, as Windows does. Above 0x9F it equals Latin-1. */
static const unsigned short cp1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Length of the well-formed UTF-8 sequence at s[0..n) (n >= 1), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        unsigned hi = s[0] == 0xED ? 0x9F : 0xBF;
        return n >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80
               ? 3 : 0;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        unsigned lo = s[0] == 0xF0 ? 0x90 : 0x80;
        unsigned hi = s[0] == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80
               && (s[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

static unsigned char *put_utf8(unsigned char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *o++ = (unsigned char)(0xC0 | cp >> 6);
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (unsigned char)(0xE0 | cp >> 12);
        *o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    return o;
}

int bs_text_is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

size_t bs_text_utf8_check(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, k;

    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if (!(k = utf8_seq(u + i, n - i)))
            return i;
        i += k;
    }
    return n;
}

int bs_text_utf8_valid(const char *s)
{
    size_t n = strlen(s);

    return bs_text_utf8_check(s, n) == n;
}

/* Both conversions write at most three bytes per byte read. */
char *bs_text_cp1252_to_utf8(const char *s, size_t n, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char *out = malloc(n * 3 + 1), *o = out;
    size_t i;

    if (!out)
        return NULL;
    for (i = 0; i < n; i++)
        o = put_utf8(o, u[i] >= 0x80 && u[i] < 0xA0 ? cp1252_80[u[i] - 0x80]
                                                    : u[i]);
    *o = '\0';
    if (outlen)
        *outlen = (size_t)(o - out);
    return (char *)out;
}

char *bs_text_utf8_repair(const char *s, size_t n, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char *out = malloc(n * 3 + 1), *o = out;
    size_t i = 0, k;

    if (!out)
        return NULL;
    while (i < n) {
        if ((k = utf8_seq(u + i, n - i))) {
            memcpy(o, u + i, k);
            o += k;
            i += k;
        } else {
            o = put_utf8(o, 0xFFFD);
            i++;
        }
    }
    *o = '\0';
    if (outlen)
        *outlen = (size_t)(o - out);
    return (char *)out;
}

char *bs_text_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

char *bs_text_vprintf(const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    char *s;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0 || !(s = malloc((size_t)n + 1)))
        return NULL;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *bs_text_printf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = bs_text_vprintf(fmt, ap);
    va_end(ap);
    return s;
}
