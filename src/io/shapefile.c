/* shapefile.c: reading polygon shapefiles (.shp/.shx/.dbf/.prj/.cpg) into a
 * bs_areas with shapelib. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <shapefil.h>
#include "buurtscan/crs.h"
#include "buurtscan/shapefile.h"

/* shapelib reports problems through SAHooks.Error(const char *), which has
 * no user pointer; without a hook it prints to stderr. The hook keeps the
 * first message of the current call here, per thread, so that reads in
 * different threads do not mix messages. */
static _Thread_local char shp_msg[512];

static void shp_hook_error(const char *message)
{
    if (!shp_msg[0])
        snprintf(shp_msg, sizeof shp_msg, "%s", message);
}

static const char *shp_reason(const char *fallback)
{
    return shp_msg[0] ? shp_msg : fallback;
}

typedef enum { ENC_AUTO, ENC_UTF8, ENC_CP1252 } shp_encoding;

/* Everything one read needs; freed by shp_close. */
typedef struct shp_reader {
    const char *path;
    const bs_diag *diag;
    char *base;              /* path without ".shp" */
    char *shp_path, *dbf_path;
    SAHooks hooks;
    SHPHandle shp;
    DBFHandle dbf;
    int nrec;
    shp_encoding enc;
    bs_areas *a;
    size_t rings_cap, pts_cap;
} shp_reader;

/* ---- files beside the .shp ---- */

/* base + ext, trying ".ext" and then ".EXT" as shapelib does; returns the
 * first that exists, or the lower-case name if neither does. */
static char *sibling(const char *base, const char *ext, int *exists)
{
    size_t n = strlen(base) + strlen(ext) + 1, i;
    char *p = malloc(n);
    struct stat st;

    *exists = 0;
    if (!p)
        return NULL;
    snprintf(p, n, "%s%s", base, ext);
    if (stat(p, &st) == 0) {
        *exists = 1;
        return p;
    }
    for (i = strlen(base); p[i]; i++)
        if (p[i] >= 'a' && p[i] <= 'z')
            p[i] = (char)(p[i] - 'a' + 'A');
    if (stat(p, &st) == 0) {
        *exists = 1;
        return p;
    }
    snprintf(p, n, "%s%s", base, ext);
    return p;
}

/* Reads a small text file whole; NULL with err set on failure. */
static char *slurp(const char *path, bs_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (!f) {
        bs_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    do {
        if (cap - len < 4096) {
            char *nb;
            if (cap >= (1u << 20)) {
                bs_error_set(err, "%s: too large for a .prj/.cpg file", path);
                goto fail;
            }
            cap = cap ? cap * 2 : 8192;
            nb = realloc(buf, cap + 1);
            if (!nb) {
                bs_error_set(err, "%s: out of memory", path);
                goto fail;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        bs_error_set(err, "%s: read error", path);
        goto fail;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* Trims blanks and a UTF-8 byte order mark, in place; returns the start. */
static char *trim(char *s)
{
    char *e;

    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB
        && (unsigned char)s[2] == 0xBF)
        s += 3;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'
                     || e[-1] == '\n'))
        e--;
    *e = '\0';
    return s;
}

/* ---- text encodings ---- */

/* Length of the valid UTF-8 sequence at s (strict: no overlong forms, no
 * surrogates, at most U+10FFFF), or 0 if it is not valid. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        unsigned hi = s[0] == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        unsigned lo = s[0] == 0xF0 ? 0x90 : 0x80;
        unsigned hi = s[0] == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80
               && (s[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

static int utf8_valid(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k;

    while (*u) {
        if (!(k = utf8_seq(u)))
            return 0;
        u += k;
    }
    return 1;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 control
 * of the same value, as Windows does. Above 0x9F it equals Latin-1. Files
 * labelled ISO-8859-1 are decoded the same way: in practice they hold 1252
 * text, and C1 controls never occur in real attribute data. */
static const unsigned short cp1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* CP1252 to UTF-8, malloc'd; NULL on out of memory. */
static char *cp1252_to_utf8(const char *s)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    const unsigned char *u = (const unsigned char *)s;

    if (!out)
        return NULL;
    for (; *u; u++)
        o = put_utf8(o, *u >= 0x80 && *u < 0xA0 ? cp1252_80[*u - 0x80] : *u);
    *o = '\0';
    return out;
}

/* Invalid bytes replaced by U+FFFD, malloc'd; NULL on out of memory. */
static char *utf8_repair(const char *s)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    const unsigned char *u = (const unsigned char *)s;
    size_t k;

    if (!out)
        return NULL;
    while (*u) {
        if ((k = utf8_seq(u))) {
            memcpy(o, u, k);
            o += k;
            u += k;
        } else {
            o = put_utf8(o, 0xFFFD);
            u++;
        }
    }
    *o = '\0';
    return out;
}

/* The encoding a .cpg names. Compared without case, '-', '_' or blanks, so
 * "UTF-8", "utf8", "Windows-1252" and "ISO_8859-1" all match. 65001 is the
 * Windows code page number for UTF-8, which ArcGIS writes. */
static int cpg_encoding(const char *text, shp_encoding *enc)
{
    static const char *const utf8[] = { "UTF8", "65001" };
    static const char *const cp1252[] = {
        "1252", "CP1252", "WINDOWS1252", "ANSI1252", "ISO88591", "88591",
        "LATIN1",
    };
    char norm[32];
    size_t i, n = 0;

    for (; *text; text++) {
        if (*text == '-' || *text == '_' || *text == ' ')
            continue;
        if (n + 1 >= sizeof norm)
            return -1;
        norm[n++] = *text;
    }
    norm[n] = '\0';
    for (i = 0; i < sizeof utf8 / sizeof *utf8; i++)
        if (strcasecmp(norm, utf8[i]) == 0) {
            *enc = ENC_UTF8;
            return 0;
        }
    for (i = 0; i < sizeof cp1252 / sizeof *cp1252; i++)
        if (strcasecmp(norm, cp1252[i]) == 0) {
            *enc = ENC_CP1252;
            return 0;
        }
    return -1;
}

static int read_cpg(shp_reader *r, bs_error *err)
{
    int exists;
    char *path = sibling(r->base, ".cpg", &exists), *text, *t;
    int rc = 0;

    if (!path)
        return bs_error_set(err, "%s: out of memory", r->path);
    r->enc = ENC_AUTO;
    if (!exists) {
        free(path);
        return 0;
    }
    if (!(text = slurp(path, err))) {
        free(path);
        return -1;
    }
    t = trim(text);
    if (cpg_encoding(t, &r->enc) != 0)
        rc = bs_error_set(err, "%s: unknown code page '%.60s' (buurtscan reads "
                          "UTF-8 and Windows-1252/ISO-8859-1)", path, t);
    free(text);
    free(path);
    return rc;
}

/* ---- CRS ---- */

static int read_crs(shp_reader *r, const char *crs_override, bs_error *err)
{
    int exists;
    char *path, *text, *t;

    if (crs_override) {
        if (bs_crs_check(crs_override, "[areas] crs", err) != 0)
            return -1;
        return (r->a->crs = strdup(crs_override)) ? 0
               : bs_error_set(err, "%s: out of memory", r->path);
    }
    if (!(path = sibling(r->base, ".prj", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists) {
        free(path);
        return bs_error_set(err, "%s: no .prj file; set crs = ... in [areas]",
                            r->path);
    }
    if (!(text = slurp(path, err))) {
        free(path);
        return -1;
    }
    t = trim(text);
    if (!*t) {
        bs_error_set(err, "%s: the file is empty; set crs = ... in [areas]",
                     path);
    } else if (bs_crs_check(t, path, err) == 0) {
        r->a->crs = strdup(t);
        if (!r->a->crs)
            bs_error_set(err, "%s: out of memory", path);
    }
    free(text);
    free(path);
    return r->a->crs ? 0 : -1;
}

/* ---- geometry ---- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 64;
    void *np;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    if (!(np = realloc(*p, n * size)))
        return -1;
    *p = np;
    *cap = n;
    return 0;
}

/* x and y share one capacity. */
static int grow_points(shp_reader *r, size_t need)
{
    bs_areas *a = r->a;
    size_t cap = r->pts_cap;
    double *ny;

    if (need <= cap)
        return 0;
    if (grow((void **)&a->x, &cap, need, sizeof *a->x) != 0)
        return -1;
    if (!(ny = realloc(a->y, cap * sizeof *ny)))
        return -1;
    a->y = ny;
    r->pts_cap = cap;
    return 0;
}

/* The .shx gives each record's offset and length; a .shp cut short would
 * make shapelib read past its end, so check them all before reading. */
static int check_truncation(shp_reader *r, bs_error *err)
{
    struct stat st;
    int i;

    if (stat(r->shp_path, &st) != 0)
        return bs_error_set(err, "%s: %s", r->shp_path, strerror(errno));
    for (i = 0; i < r->nrec; i++) {
        unsigned long long end = (unsigned long long)r->shp->panRecOffset[i]
                                 + 8 + r->shp->panRecSize[i];
        if (r->shp->panRecOffset[i] < 100)
            return bs_error_set(err, "%s: record %d: the .shx gives an "
                                "impossible offset (%u); the .shx is damaged",
                                r->path, i + 1, r->shp->panRecOffset[i]);
        if (end > (unsigned long long)st.st_size)
            return bs_error_set(err, "%s: record %d: the .shp is truncated "
                                "(the record ends at byte %llu, the file has "
                                "%lld bytes)", r->path, i + 1, end,
                                (long long)st.st_size);
    }
    return 0;
}

static int is_polygon(int type)
{
    return type == SHPT_POLYGON || type == SHPT_POLYGONZ
           || type == SHPT_POLYGONM;
}

/* Appends the rings of record i (0-based) to the area set. */
static int add_shape(shp_reader *r, int i, bs_error *err)
{
    bs_areas *a = r->a;
    SHPObject *o;
    int part, nparts;
    long rec = i + 1;

    a->record[i] = rec;
    a->ring_first[i] = a->nrings;
    shp_msg[0] = '\0';
    o = SHPReadObject(r->shp, i);
    if (!o)
        return bs_error_set(err, "%s: record %ld: cannot read the shape: %s",
                            r->path, rec, shp_reason("unknown error"));
    if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
        bs_warn(r->diag, "%s: record %ld: no geometry (null shape)", r->path,
                rec);
        SHPDestroyObject(o);
        return 0;
    }
    if (!is_polygon(o->nSHPType)) {
        bs_error_set(err, "%s: record %ld: a %s shape in a polygon shapefile",
                     r->path, rec, SHPTypeName(o->nSHPType));
        SHPDestroyObject(o);
        return -1;
    }
    nparts = o->nParts > 0 ? o->nParts : 1;
    for (part = 0; part < nparts; part++) {
        int p0 = o->nParts > 0 ? o->panPartStart[part] : 0;
        int p1 = part + 1 < o->nParts ? o->panPartStart[part + 1]
                                      : o->nVertices;
        int k;

        if (p0 < 0 || p1 < p0 || p1 > o->nVertices) {
            bs_error_set(err, "%s: record %ld: part %d has an impossible "
                         "point range (%d..%d of %d)", r->path, rec, part + 1,
                         p0, p1, o->nVertices);
            SHPDestroyObject(o);
            return -1;
        }
        for (k = p0; k < p1; k++)
            if (!isfinite(o->padfX[k]) || !isfinite(o->padfY[k])) {
                bs_error_set(err, "%s: record %ld: point %d is not a finite "
                             "number", r->path, rec, k + 1);
                SHPDestroyObject(o);
                return -1;
            }
        if (p1 - p0 < 3) {
            bs_warn(r->diag, "%s: record %ld: ring %d has %d point%s, fewer "
                    "than a polygon needs; dropped", r->path, rec, part + 1,
                    p1 - p0, p1 - p0 == 1 ? "" : "s");
            continue;
        }
        if (grow((void **)&a->pt_first, &r->rings_cap, a->nrings + 2,
                 sizeof *a->pt_first) != 0
            || grow_points(r, a->npts + (size_t)(p1 - p0)) != 0) {
            SHPDestroyObject(o);
            return bs_error_set(err, "%s: out of memory", r->path);
        }
        a->pt_first[a->nrings++] = a->npts;
        memcpy(a->x + a->npts, o->padfX + p0, (size_t)(p1 - p0) * sizeof *a->x);
        memcpy(a->y + a->npts, o->padfY + p0, (size_t)(p1 - p0) * sizeof *a->y);
        a->npts += (size_t)(p1 - p0);
        a->pt_first[a->nrings] = a->npts;
    }
    SHPDestroyObject(o);
    return 0;
}

/* The most points the records can hold, from their sizes in the .shx
 * (checked against the .shp already): a polygon record has 44 bytes of
 * type, box and counts before its part starts and 16 bytes per point. */
static size_t points_bound(const shp_reader *r)
{
    size_t total = 0;
    int i;

    for (i = 0; i < r->nrec; i++)
        if (r->shp->panRecSize[i] > 44)
            total += (r->shp->panRecSize[i] - 44) / 16;
    return total;
}

/* The points are reserved at their bound before reading: growing by
 * doubling would copy them several times over, which costs more than the
 * reading itself for a national file. The slack (Z and M values, counted
 * as points) is given back at the end. */
static int read_geometry(shp_reader *r, bs_error *err)
{
    bs_areas *a = r->a;
    size_t n = (size_t)r->nrec;
    int i;

    a->record = malloc((n ? n : 1) * sizeof *a->record);
    a->ring_first = malloc((n + 1) * sizeof *a->ring_first);
    if (!a->record || !a->ring_first
        || grow((void **)&a->pt_first, &r->rings_cap, n + 1,
                sizeof *a->pt_first)
        || grow_points(r, points_bound(r)) != 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    a->pt_first[0] = 0;
    for (i = 0; i < r->nrec; i++)
        if (add_shape(r, i, err) != 0)
            return -1;
    a->ring_first[n] = a->nrings;
    a->n = n;
    if (a->npts > 0 && a->npts < r->pts_cap) {
        double *nx = realloc(a->x, a->npts * sizeof *nx);
        double *ny;
        if (nx)
            a->x = nx;
        if ((ny = realloc(a->y, a->npts * sizeof *ny)))
            a->y = ny;
        r->pts_cap = a->npts;
    }
    return 0;
}

/* ---- attributes ---- */

/* Decodes per the .cpg and stores a cell; in ENC_AUTO the raw bytes are
 * stored and *all_utf8 cleared if they are not UTF-8 (decided per file
 * afterwards, so that one file is never decoded two ways). */
static int set_cell(shp_reader *r, size_t col, size_t row, const char *s,
                    int *all_utf8, bs_error *err)
{
    bs_table *t = r->a->attrs;
    char *conv = NULL;
    int recode = 0, rc;

    if (r->enc == ENC_CP1252 && !is_ascii(s)) {
        recode = 1;
        conv = cp1252_to_utf8(s);
    } else if (r->enc == ENC_UTF8 && !utf8_valid(s)) {
        recode = 1;
        conv = utf8_repair(s);
        bs_warn(r->diag, "%s: record %zu: field '%s' is not valid UTF-8 "
                "although the .cpg says so; bad bytes replaced", r->dbf_path,
                row + 1, t->names[col]);
    } else if (r->enc == ENC_AUTO && *all_utf8 && !utf8_valid(s)) {
        *all_utf8 = 0;
    }
    if (recode && !conv)
        return bs_error_set(err, "%s: out of memory", r->dbf_path);
    if (conv)
        s = conv;
    rc = bs_table_set(t, col, row, s, strlen(s));
    free(conv);
    return rc == 0 ? 0 : bs_error_set(err, "%s: out of memory", r->dbf_path);
}

/* Recodes every non-ASCII name and cell from CP1252 after the fact. */
static int recode_cp1252(bs_table *t)
{
    size_t c, row;

    for (c = 0; c < t->ncols; c++) {
        char *s;
        if (!is_ascii(t->names[c])) {
            if (!(s = cp1252_to_utf8(t->names[c])))
                return -1;
            free(t->names[c]);
            t->names[c] = s;
        }
        for (row = 0; row < t->nrows; row++) {
            char *cell = t->cells[c][row];
            if (cell && !is_ascii(cell)) {
                if (!(s = cp1252_to_utf8(cell)))
                    return -1;
                free(cell);
                t->cells[c][row] = s;
            }
        }
    }
    return 0;
}

static int read_attributes(shp_reader *r, bs_error *err)
{
    bs_table *t;
    int nf = DBFGetFieldCount(r->dbf), f, i, all_utf8 = 1;

    if (!(t = r->a->attrs = bs_table_new(r->dbf_path)))
        return bs_error_set(err, "%s: out of memory", r->dbf_path);
    t->by_record = 1;
    t->decimal = '.';
    for (f = 0; f < nf; f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = "";
        char *conv = NULL;
        long c;

        DBFGetFieldInfo(r->dbf, f, name, NULL, NULL);
        if (r->enc == ENC_CP1252 && !is_ascii(name))
            c = (conv = cp1252_to_utf8(name)) ? bs_table_add_column(t, conv)
                                               : -1;
        else if (r->enc == ENC_UTF8 && !utf8_valid(name))
            c = (conv = utf8_repair(name)) ? bs_table_add_column(t, conv) : -1;
        else
            c = bs_table_add_column(t, name);
        if (r->enc == ENC_AUTO && !utf8_valid(name))
            all_utf8 = 0;
        free(conv);
        if (c < 0)
            return bs_error_set(err, "%s: out of memory", r->dbf_path);
    }
    for (i = 0; i < r->nrec; i++) {
        if (bs_table_add_row(t, i + 1) < 0)
            return bs_error_set(err, "%s: out of memory", r->dbf_path);
        for (f = 0; f < nf; f++) {
            const char *s;
            if (DBFIsAttributeNULL(r->dbf, i, f))
                continue;
            shp_msg[0] = '\0';
            if (!(s = DBFReadStringAttribute(r->dbf, i, f)))
                return bs_error_set(err, "%s: record %d: cannot read field "
                                    "'%s': %s", r->dbf_path, i + 1,
                                    t->names[f], shp_reason("read error"));
            if (set_cell(r, (size_t)f, (size_t)i, s, &all_utf8, err) != 0)
                return -1;
        }
    }
    if (r->enc == ENC_AUTO && !all_utf8 && recode_cp1252(t) != 0)
        return bs_error_set(err, "%s: out of memory", r->dbf_path);
    return 0;
}

/* ---- the whole read ---- */

static void shp_close(shp_reader *r)
{
    if (r->shp)
        SHPClose(r->shp);
    if (r->dbf)
        DBFClose(r->dbf);
    free(r->base);
    free(r->shp_path);
    free(r->dbf_path);
}

static int open_files(shp_reader *r, bs_error *err)
{
    size_t len = strlen(r->path);
    int exists, shp_type;
    char *shx_path;

    if (!(r->base = strdup(r->path)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (len >= 4 && strcasecmp(r->base + len - 4, ".shp") == 0)
        r->base[len - 4] = '\0';
    if (!(r->shp_path = sibling(r->base, ".shp", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists)
        return bs_error_set(err, "%s: cannot open: %s", r->path,
                            strerror(ENOENT));
    if (!(shx_path = sibling(r->base, ".shx", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists) {
        bs_error_set(err, "%s: not found; a shapefile needs its .shx and "
                     ".dbf beside the .shp", shx_path);
        free(shx_path);
        return -1;
    }
    free(shx_path);
    if (!(r->dbf_path = sibling(r->base, ".dbf", &exists)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!exists)
        return bs_error_set(err, "%s: not found; a shapefile needs its .shx "
                            "and .dbf beside the .shp", r->dbf_path);

    SASetupDefaultHooks(&r->hooks);
    r->hooks.Error = shp_hook_error;
    shp_msg[0] = '\0';
    if (!(r->shp = SHPOpenLL(r->shp_path, "rb", &r->hooks)))
        return bs_error_set(err, "%s: cannot read: %s", r->path,
                            shp_reason("not a valid .shp/.shx"));
    SHPGetInfo(r->shp, &r->nrec, &shp_type, NULL, NULL);
    if (!is_polygon(shp_type))
        return bs_error_set(err, "%s: the shapes are %s, not polygons",
                            r->path, SHPTypeName(shp_type));
    if (check_truncation(r, err) != 0)
        return -1;
    shp_msg[0] = '\0';
    if (!(r->dbf = DBFOpenLL(r->dbf_path, "rb", &r->hooks)))
        return bs_error_set(err, "%s: cannot read: %s", r->dbf_path,
                            shp_reason("not a valid .dbf"));
    if (DBFGetRecordCount(r->dbf) != r->nrec)
        return bs_error_set(err, "%s: the .shp has %d records but the .dbf "
                            "has %d", r->path, r->nrec,
                            DBFGetRecordCount(r->dbf));
    return 0;
}

int bs_shapefile_read(const char *path, const char *crs_override,
                      bs_areas **out, const bs_diag *diag, bs_error *err)
{
    shp_reader r;
    int rc = -1;

    *out = NULL;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.diag = diag;
    if (!(r.a = calloc(1, sizeof *r.a)) || !(r.a->path = strdup(path))) {
        bs_error_set(err, "%s: out of memory", path);
        goto done;
    }
    if (open_files(&r, err) == 0 && read_cpg(&r, err) == 0
        && read_crs(&r, crs_override, err) == 0
        && read_geometry(&r, err) == 0 && read_attributes(&r, err) == 0)
        rc = 0;
done:
    shp_close(&r);
    if (rc == 0)
        *out = r.a;
    else
        bs_areas_free(r.a);
    return rc;
}
