/* text.h: the one place that checks and converts text encodings. CSV files
 * and DBF attributes are both made UTF-8 through here. */
#ifndef BUURTSCAN_TEXT_H
#define BUURTSCAN_TEXT_H

#include <stdarg.h>
#include <stddef.h>

/* Whether the C string s is plain ASCII (no byte above 0x7F). */
int bs_text_is_ascii(const char *s);

/* Offset of the first byte of s[0..n) that does not start a well-formed
 * UTF-8 sequence within n, or n if all of it is valid. Strict: overlong
 * forms, surrogates and code points above U+10FFFF are invalid. */
size_t bs_text_utf8_check(const char *s, size_t n);

/* Whether the C string s is valid UTF-8 (as bs_text_utf8_check). */
int bs_text_utf8_valid(const char *s);

/* s[0..n) read as Windows-1252, as UTF-8: malloc'd and NUL-terminated, its
 * length in *outlen (outlen may be NULL); NULL when out of memory. The
 * five bytes 1252 leaves unassigned become the C1 control of the same value,
 * so every byte decodes. Above 0x9F 1252 equals ISO-8859-1, so this decodes
 * Latin-1 too (files labelled Latin-1 nearly always hold 1252 text). */
char *bs_text_cp1252_to_utf8(const char *s, size_t n, size_t *outlen);

/* s[0..n) with each byte that is not part of valid UTF-8 replaced by U+FFFD:
 * malloc'd and NUL-terminated, its length in *outlen (may be NULL); NULL
 * when out of memory. */
char *bs_text_utf8_repair(const char *s, size_t n, size_t *outlen);

/* A copy of s (malloc'd), or NULL for NULL or when out of memory. */
char *bs_text_dup(const char *s);

/* printf into a new string (malloc'd); NULL when out of memory. */
char *bs_text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (ap is used up, as by vsnprintf). */
char *bs_text_vprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

#endif
