/* number.c: text <-> number, the one parser every reader uses. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/number.h"
#include "buurtscan/words.h"

/* CBS and StatLine markers for "no value": unknown, secret, nil (in tables
 * where nil means not applicable) and the sentinel numbers of the KWB files. */
static const char *const missing_markers[] = {
    ".", "x", "X", "-", "?", "-99999999", "-99997", NULL
};

bs_num_status bs_parse_number(const char *text, char decimal, double *out)
{
    char buf[128];
    size_t len, i;
    const char *s, *e;
    char *end;

    *out = NAN;
    if (!text)
        return BS_NUM_MISSING;
    s = text;
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    len = (size_t)(e - s);
    if (len == 0)
        return BS_NUM_MISSING;
    if (len >= sizeof buf)
        return BS_NUM_BAD;
    memcpy(buf, s, len);
    buf[len] = '\0';
    for (i = 0; missing_markers[i]; i++)
        if (strcmp(buf, missing_markers[i]) == 0)
            return BS_NUM_MISSING;
    /* Only digits, sign, one decimal separator and an exponent are allowed:
     * strtod alone would accept "inf", "nan" and hex. */
    for (i = 0; i < len; i++) {
        char c = buf[i];
        if (c == decimal) {
            buf[i] = '.';
        } else if (c == '.' && decimal != '.') {
            return BS_NUM_BAD;
        } else if (!(isdigit((unsigned char)c) || c == '+' || c == '-' ||
                     c == 'e' || c == 'E')) {
            return BS_NUM_BAD;
        }
    }
    *out = strtod(buf, &end);
    if (*end != '\0' || end == buf || !isfinite(*out)) {
        *out = NAN;
        return BS_NUM_BAD;
    }
    return BS_NUM_OK;
}

char *bs_format_csv_number(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        if (n)
            buf[0] = '\0';
        return buf;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(buf, n, "%.10g", v);
    return buf;
}

char *bs_format_exact_number(double v, char *buf, size_t n)
{
    int prec;

    if (!isfinite(v)) {
        if (n)
            buf[0] = '\0';
        return buf;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    for (prec = 15; prec < 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return buf;
    }
    snprintf(buf, n, "%.17g", v);
    return buf;
}

char *bs_format_number(double v, int decimals, const char *language,
                       char *buf, size_t n)
{
    /* %f of DBL_MAX has 309 integer digits; with sign, point, 10 decimals
     * and a separator per 3 digits everything fits these sizes. */
    char raw[352], out[480];
    bs_lang lang = bs_lang_of(language);
    char dec = bs_word(BS_W_DECIMAL_SIGN, lang)[0];
    char grp = bs_word(BS_W_GROUP_SIGN, lang)[0];
    const char *p, *dot;
    size_t o = 0, intlen, i;

    if (!isfinite(v)) {
        snprintf(buf, n, ".");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 10)
        decimals = 10;
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    p = raw;
    if (*p == '-') {
        /* "-0,0" reads badly: drop the sign when every digit is zero */
        if (strspn(p + 1, "0.") != strlen(p + 1))
            out[o++] = '-';
        p++;
    }
    dot = strchr(p, '.');
    intlen = dot ? (size_t)(dot - p) : strlen(p);
    for (i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            out[o++] = grp;
        out[o++] = p[i];
    }
    if (dot) {
        out[o++] = dec;
        for (p = dot + 1; *p && o < sizeof out - 1; p++)
            out[o++] = *p;
    }
    out[o] = '\0';
    snprintf(buf, n, "%s", out);
    return buf;
}

int bs_parse_yesno(const char *text, int *out)
{
    static const struct { const char *word; int value; } words[] = {
        {"yes", 1}, {"ja", 1}, {"true", 1}, {"1", 1},
        {"no", 0}, {"nee", 0}, {"false", 0}, {"0", 0},
    };
    if (!text)
        return -1;
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == n && strncasecmp(text, words[i].word, n) == 0) {
            *out = words[i].value;
            return 0;
        }
    return -1;
}
