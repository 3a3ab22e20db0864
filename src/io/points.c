/* points.c: point layers from CSV files (coordinate columns, through
 * bs_csv_read) and point shapefiles (shapelib), reprojected through
 * bs_crs_transform.
 *
 * Both kinds of file end up as a bs_table of attributes plus x/y arrays;
 * keys are then checked (bs_keys_check_unique, as for every other keyed
 * table), and only then are coordinates parsed, so that every coordinate
 * message can name the point's key. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <shapefil.h>
#include "buurtscan/crs.h"
#include "buurtscan/join.h"
#include "buurtscan/number.h"
#include "buurtscan/points.h"

#define WGS84 "EPSG:4326"

void bs_pointset_free(bs_pointset *p)
{
    if (!p)
        return;
    free(p->path);
    free(p->x);
    free(p->y);
    free(p->key);
    free(p->name);
    free(p->kind);
    free(p->line);
    bs_table_free(p->attrs);
    free(p->crs);
    free(p);
}

void bs_pointset_where(const bs_pointset *p, size_t i, char *buf, size_t n)
{
    if (p->by_record)
        snprintf(buf, n, "%s: record %ld", p->path, p->line[i]);
    else
        snprintf(buf, n, "%s:%ld", p->path, p->line[i]);
}

/* ---- small helpers ---------------------------------------------------- */

static int ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), m = strlen(ext);

    return n >= m && strcasecmp(s + n - m, ext) == 0;
}

/* "a, b, c" for messages: up to 30 names. */
static void column_list(const bs_table *t, char *buf, size_t n)
{
    size_t c, used = 0;

    buf[0] = '\0';
    for (c = 0; c < t->ncols && c < 30 && used + 1 < n; c++) {
        int k = snprintf(buf + used, n - used, "%s%s", c ? ", " : "",
                         t->names[c]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (t->ncols > 30 && used + 6 < n)
        snprintf(buf + used, n - used, ", ...");
    if (t->ncols == 0)
        snprintf(buf, n, "none");
}

/* Index of the column `name` plays role `role` in ("key", "x" ...). */
static int find_column(const bs_table *t, const char *path, const char *role,
                       const char *name, long *col, bs_error *err)
{
    char list[700];

    if ((*col = bs_table_find(t, name)) >= 0)
        return 0;
    column_list(t, list, sizeof list);
    return bs_error_set(err, "%s: the %s column '%s' is not in the file "
                        "(columns: %s)", path, role, name, list);
}

/* ---- the spec --------------------------------------------------------- */

static int check_spec(const bs_pointset_spec *s, int shp, bs_error *err)
{
    int xy = s->x || s->y, ll = s->lon || s->lat;

    if (!s->key || !*s->key)
        return bs_error_set(err, "%s: points need a key column", s->file);
    if (shp) {
        if (xy || ll)
            return bs_error_set(err, "%s: a shapefile's points come from its "
                                "geometry; leave out x/y/lon/lat", s->file);
        return 0;
    }
    if (xy && ll)
        return bs_error_set(err, "%s: give either x/y (with a crs) or "
                            "lon/lat, not both", s->file);
    if (!xy && !ll)
        return bs_error_set(err, "%s: points need coordinate columns: x and "
                            "y with a crs, or lon and lat", s->file);
    if (xy && (!s->x || !s->y))
        return bs_error_set(err, "%s: give both x and y columns", s->file);
    if (ll && (!s->lon || !s->lat))
        return bs_error_set(err, "%s: give both lon and lat columns",
                            s->file);
    if (xy && (!s->crs || !*s->crs))
        return bs_error_set(err, "%s: x/y columns need a crs (e.g. "
                            "EPSG:28992 for RD New)", s->file);
    if (ll && s->crs)
        return bs_error_set(err, "%s: lon/lat are WGS84 degrees (EPSG:4326); "
                            "crs is for x/y columns", s->file);
    return 0;
}

/* ---- shapefiles: the same hooks as shapefile.c ------------------------ */

/* shapelib reports through SAHooks.Error(const char *), which has no user
 * pointer; the hook keeps the first message of the current call here, per
 * thread. */
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

/* base + ext or base + EXT, whichever exists (malloc'd, NULL if neither or
 * out of memory; *oom tells which). */
static char *sibling(const char *base, const char *ext, int *oom)
{
    size_t n = strlen(base) + strlen(ext) + 1, i;
    char *p = malloc(n);
    struct stat st;

    *oom = !p;
    if (!p)
        return NULL;
    snprintf(p, n, "%s%s", base, ext);
    if (stat(p, &st) == 0)
        return p;
    for (i = strlen(base); p[i]; i++)
        if (p[i] >= 'a' && p[i] <= 'z')
            p[i] = (char)(p[i] - 'a' + 'A');
    if (stat(p, &st) == 0)
        return p;
    free(p);
    return NULL;
}

/* A small text file whole, blanks and a BOM trimmed (malloc'd). */
static char *slurp_trimmed(const char *path, bs_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf, *s, *e;
    long n;

    if (!f) {
        bs_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (1L << 20)
        || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        bs_error_set(err, "%s: cannot read (or larger than 1 MB)", path);
        return NULL;
    }
    if (!(buf = malloc((size_t)n + 1))) {
        fclose(f);
        bs_error_set(err, "%s: out of memory", path);
        return NULL;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        bs_error_set(err, "%s: read error", path);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    s = buf;
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
    memmove(buf, s, (size_t)(e - s) + 1);
    return buf;
}

/* ---- DBF text: .cpg and encodings, as shapefile.c decides them ------- */

typedef enum { ENC_AUTO, ENC_UTF8, ENC_CP1252 } dbf_encoding;

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

/* Windows-1252 0x80..0x9F (unassigned bytes map to the C1 control). */
static const unsigned short cp1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* CP1252 (bad = 0) or UTF-8 with bad bytes as U+FFFD (bad = 1) to UTF-8;
 * malloc'd, NULL when out of memory. */
static char *to_utf8(const char *s, int repair)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    const unsigned char *u = (const unsigned char *)s;

    if (!out)
        return NULL;
    while (*u) {
        unsigned cp;
        size_t k = repair ? utf8_seq(u) : 0;
        if (k) {
            memcpy(o, u, k);
            o += k;
            u += k;
            continue;
        }
        cp = repair ? 0xFFFD : *u >= 0x80 && *u < 0xA0 ? cp1252_80[*u - 0x80]
                                                       : *u;
        u++;
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
    }
    *o = '\0';
    return out;
}

/* The encoding a .cpg names, compared without case, '-', '_' or blanks. */
static int cpg_encoding(const char *text, dbf_encoding *enc)
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

/* Everything one shapefile read needs; freed by shp_close. */
typedef struct shp_reader {
    const char *path;
    const bs_diag *diag;
    char *base;           /* path without ".shp" */
    SAHooks hooks;
    SHPHandle shp;
    DBFHandle dbf;
    int nrec;
    dbf_encoding enc;
} shp_reader;

static void shp_close(shp_reader *r)
{
    if (r->shp)
        SHPClose(r->shp);
    if (r->dbf)
        DBFClose(r->dbf);
    free(r->base);
}

static int read_cpg(shp_reader *r, bs_error *err)
{
    int oom;
    char *path = sibling(r->base, ".cpg", &oom), *text;
    int rc = 0;

    r->enc = ENC_AUTO;
    if (oom)
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!path)
        return 0;
    if (!(text = slurp_trimmed(path, err))) {
        free(path);
        return -1;
    }
    if (cpg_encoding(text, &r->enc) != 0)
        rc = bs_error_set(err, "%s: unknown code page '%.60s' (buurtscan reads "
                          "UTF-8 and Windows-1252/ISO-8859-1)", path, text);
    free(text);
    free(path);
    return rc;
}

/* The CRS: the override, else the .prj. */
static int read_prj(shp_reader *r, const char *override, char **crs,
                    bs_error *err)
{
    int oom;
    char *path, *text;

    if (override) {
        if (bs_crs_check(override, r->path, err) != 0)
            return -1;
        return (*crs = strdup(override)) ? 0
               : bs_error_set(err, "%s: out of memory", r->path);
    }
    path = sibling(r->base, ".prj", &oom);
    if (oom)
        return bs_error_set(err, "%s: out of memory", r->path);
    if (!path)
        return bs_error_set(err, "%s: no .prj file; give the points a crs",
                            r->path);
    if (!(text = slurp_trimmed(path, err))) {
        free(path);
        return -1;
    }
    if (!*text)
        bs_error_set(err, "%s: the file is empty; give the points a crs", path);
    else if (bs_crs_check(text, path, err) == 0)
        *crs = text, text = NULL;
    free(text);
    free(path);
    return *crs ? 0 : -1;
}

static int is_point_type(int type)
{
    return type == SHPT_POINT || type == SHPT_POINTZ || type == SHPT_POINTM
           || type == SHPT_MULTIPOINT || type == SHPT_MULTIPOINTZ
           || type == SHPT_MULTIPOINTM;
}

static int open_shp(shp_reader *r, bs_error *err)
{
    size_t len = strlen(r->path);
    struct stat st;
    int type, i;

    if (!(r->base = strdup(r->path)))
        return bs_error_set(err, "%s: out of memory", r->path);
    if (len >= 4 && strcasecmp(r->base + len - 4, ".shp") == 0)
        r->base[len - 4] = '\0';
    if (stat(r->path, &st) != 0)
        return bs_error_set(err, "%s: cannot open: %s", r->path,
                            strerror(errno));
    SASetupDefaultHooks(&r->hooks);
    r->hooks.Error = shp_hook_error;
    shp_msg[0] = '\0';
    if (!(r->shp = SHPOpenLL(r->path, "rb", &r->hooks)))
        return bs_error_set(err, "%s: cannot read: %s", r->path,
                            shp_reason("not a valid .shp/.shx"));
    SHPGetInfo(r->shp, &r->nrec, &type, NULL, NULL);
    if (!is_point_type(type))
        return bs_error_set(err, "%s: the shapes are %s, not points", r->path,
                            SHPTypeName(type));
    /* A .shp cut short would make shapelib read past its end. */
    for (i = 0; i < r->nrec; i++) {
        unsigned long long end = (unsigned long long)r->shp->panRecOffset[i]
                                 + 8 + r->shp->panRecSize[i];
        if (r->shp->panRecOffset[i] < 100 || end > (unsigned long long)st.st_size)
            return bs_error_set(err, "%s: record %d: the .shp is truncated or "
                                "its .shx is damaged", r->path, i + 1);
    }
    shp_msg[0] = '\0';
    if (!(r->dbf = DBFOpenLL(r->path, "rb", &r->hooks)))
        return bs_error_set(err, "%s: cannot read the .dbf beside it: %s",
                            r->path, shp_reason("missing or not a valid .dbf"));
    if (DBFGetRecordCount(r->dbf) != r->nrec)
        return bs_error_set(err, "%s: the .shp has %d records but the .dbf "
                            "has %d", r->path, r->nrec,
                            DBFGetRecordCount(r->dbf));
    return 0;
}

/* Stores DBF text s in a cell, decoded per the .cpg; in ENC_AUTO the raw
 * bytes are kept and *all_utf8 cleared if they are not UTF-8 (the file is
 * recoded as a whole afterwards). */
static int set_dbf_cell(shp_reader *r, bs_table *t, size_t col, size_t row,
                        const char *s, int *all_utf8, bs_error *err)
{
    char *conv = NULL;
    int rc;

    if (r->enc == ENC_CP1252) {
        if (!(conv = to_utf8(s, 0)))
            return bs_error_set(err, "%s: out of memory", r->path);
    } else if (r->enc == ENC_UTF8 && !utf8_valid(s)) {
        if (!(conv = to_utf8(s, 1)))
            return bs_error_set(err, "%s: out of memory", r->path);
        bs_warn(r->diag, "%s: record %zu: field '%s' is not valid UTF-8 "
                "although the .cpg says so; bad bytes replaced", r->path,
                row + 1, t->names[col]);
    } else if (r->enc == ENC_AUTO && !utf8_valid(s)) {
        *all_utf8 = 0;
    }
    rc = bs_table_set(t, col, row, conv ? conv : s, strlen(conv ? conv : s));
    free(conv);
    return rc == 0 ? 0 : bs_error_set(err, "%s: out of memory", r->path);
}

static int recode_table(bs_table *t)
{
    size_t c, row;
    char *s;

    for (c = 0; c < t->ncols; c++) {
        if (!(s = to_utf8(t->names[c], 0)))
            return -1;
        free(t->names[c]);
        t->names[c] = s;
        for (row = 0; row < t->nrows; row++) {
            if (!t->cells[c][row])
                continue;
            if (!(s = to_utf8(t->cells[c][row], 0)))
                return -1;
            free(t->cells[c][row]);
            t->cells[c][row] = s;
        }
    }
    return 0;
}

static int read_dbf(shp_reader *r, bs_table **out, bs_error *err)
{
    bs_table *t = bs_table_new(r->path);
    int nf = DBFGetFieldCount(r->dbf), f, i, all_utf8 = 1;

    *out = t;
    if (!t)
        return bs_error_set(err, "%s: out of memory", r->path);
    t->by_record = 1;
    t->decimal = '.';
    for (f = 0; f < nf; f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = "";
        char *conv = NULL;
        long c;

        DBFGetFieldInfo(r->dbf, f, name, NULL, NULL);
        if (r->enc == ENC_CP1252 || (r->enc == ENC_UTF8 && !utf8_valid(name))) {
            if (!(conv = to_utf8(name, r->enc == ENC_UTF8)))
                return bs_error_set(err, "%s: out of memory", r->path);
        } else if (r->enc == ENC_AUTO && !utf8_valid(name)) {
            all_utf8 = 0;
        }
        c = bs_table_add_column(t, conv ? conv : name);
        free(conv);
        if (c < 0)
            return bs_error_set(err, "%s: out of memory", r->path);
    }
    for (i = 0; i < r->nrec; i++) {
        if (bs_table_add_row(t, i + 1) < 0)
            return bs_error_set(err, "%s: out of memory", r->path);
        for (f = 0; f < nf; f++) {
            const char *s;
            if (DBFIsAttributeNULL(r->dbf, i, f))
                continue;
            shp_msg[0] = '\0';
            if (!(s = DBFReadStringAttribute(r->dbf, i, f)))
                return bs_error_set(err, "%s: record %d: cannot read field "
                                    "'%s': %s", r->path, i + 1, t->names[f],
                                    shp_reason("read error"));
            if (set_dbf_cell(r, t, (size_t)f, (size_t)i, s, &all_utf8, err))
                return -1;
        }
    }
    if (r->enc == ENC_AUTO && !all_utf8 && recode_table(t) != 0)
        return bs_error_set(err, "%s: out of memory", r->path);
    return 0;
}

/* Geometry of every record into p->x/y; needs p->key for messages. */
static int read_shp_points(shp_reader *r, bs_pointset *p, bs_error *err)
{
    int i;

    for (i = 0; i < r->nrec; i++) {
        SHPObject *o;
        int k;

        shp_msg[0] = '\0';
        if (!(o = SHPReadObject(r->shp, i)))
            return bs_error_set(err, "%s: record %d: point '%s': cannot read "
                                "the shape: %s", r->path, i + 1, p->key[i],
                                shp_reason("unknown error"));
        k = o->nVertices;
        if (o->nSHPType == SHPT_NULL || k == 0) {
            SHPDestroyObject(o);
            return bs_error_set(err, "%s: record %d: point '%s' has no "
                                "geometry", r->path, i + 1, p->key[i]);
        }
        if (k > 1) {
            SHPDestroyObject(o);
            return bs_error_set(err, "%s: record %d: point '%s' is a multipoint "
                                "of %d points; one point per record, please",
                                r->path, i + 1, p->key[i], k);
        }
        p->x[i] = o->padfX[0];
        p->y[i] = o->padfY[0];
        SHPDestroyObject(o);
        if (!isfinite(p->x[i]) || !isfinite(p->y[i]))
            return bs_error_set(err, "%s: record %d: point '%s' has a "
                                "coordinate that is not a finite number",
                                r->path, i + 1, p->key[i]);
    }
    return 0;
}

/* ---- the points ------------------------------------------------------- */

/* Fills key/name/kind/line from the table; checks the keys. */
static int take_columns(bs_pointset *p, const bs_pointset_spec *s, bs_error *err)
{
    const bs_table *t = p->attrs;
    long kc, nc = -1, tc = -1;
    size_t i, n = t->nrows;

    if (find_column(t, p->path, "key", s->key, &kc, err) != 0
        || (s->name && find_column(t, p->path, "name", s->name, &nc, err))
        || (s->kind && find_column(t, p->path, "kind", s->kind, &tc, err)))
        return -1;
    if (bs_keys_check_unique(t, (size_t)kc, err) != 0)
        return -1;
    p->n = n;
    p->by_record = t->by_record;
    p->key = malloc((n ? n : 1) * sizeof *p->key);
    p->line = malloc((n ? n : 1) * sizeof *p->line);
    p->x = malloc((n ? n : 1) * sizeof *p->x);
    p->y = malloc((n ? n : 1) * sizeof *p->y);
    if (nc >= 0)
        p->name = malloc((n ? n : 1) * sizeof *p->name);
    if (tc >= 0)
        p->kind = malloc((n ? n : 1) * sizeof *p->kind);
    if (!p->key || !p->line || !p->x || !p->y || (nc >= 0 && !p->name)
        || (tc >= 0 && !p->kind))
        return bs_error_set(err, "%s: out of memory", p->path);
    for (i = 0; i < n; i++) {
        p->key[i] = t->cells[kc][i];
        p->line[i] = t->lines[i];
        if (p->name)
            p->name[i] = t->cells[nc][i];
        if (p->kind)
            p->kind[i] = t->cells[tc][i];
    }
    return 0;
}

/* Parses one coordinate column (role "x", "lat" ...) into v[n]. */
static int parse_coord(const bs_pointset *p, const char *role, const char *col,
                       double *v, bs_error *err)
{
    const bs_table *t = p->attrs;
    long c;
    size_t i;
    char where[600], label[300];

    if (find_column(t, p->path, role, col, &c, err) != 0)
        return -1;
    if (strcasecmp(t->names[c], role) == 0)
        snprintf(label, sizeof label, "%s", role);
    else
        snprintf(label, sizeof label, "%s (column '%s')", role, t->names[c]);
    for (i = 0; i < p->n; i++) {
        const char *cell = t->cells[c][i];
        bs_num_status st = bs_parse_number(cell, t->decimal, &v[i]);

        if (st == BS_NUM_OK)
            continue;
        bs_pointset_where(p, i, where, sizeof where);
        if (st == BS_NUM_MISSING)
            return bs_error_set(err, "%s: point '%s' has no %s", where,
                                p->key[i], label);
        return bs_error_set(err, "%s: point '%s': %s is '%s', which is not a "
                            "number", where, p->key[i], label, cell);
    }
    return 0;
}

/* lon in [-180, 180], lat in [-90, 90]: catches RD metres given as
 * lon/lat, the most likely mistake. */
static int check_degrees(const bs_pointset *p, bs_error *err)
{
    size_t i;
    char where[600], num[64];

    for (i = 0; i < p->n; i++) {
        int badlon = fabs(p->x[i]) > 180, badlat = fabs(p->y[i]) > 90;
        if (!badlon && !badlat)
            continue;
        bs_pointset_where(p, i, where, sizeof where);
        bs_format_csv_number(badlon ? p->x[i] : p->y[i], num, sizeof num);
        return bs_error_set(err, "%s: point '%s': %s %s is not between %s "
                            "(lon/lat are degrees; for RD New metres use x/y "
                            "with crs = EPSG:28992)", where, p->key[i],
                            badlon ? "lon" : "lat", num,
                            badlon ? "-180 and 180" : "-90 and 90");
    }
    return 0;
}

/* Reprojects copies, so that a failure leaves the points as read and the
 * first point PROJ could not transform can be named. */
static int reproject(bs_pointset *p, const char *to, bs_error *err)
{
    double *nx, *ny;
    size_t i;
    char *crs;

    if (!to || strcmp(p->crs, to) == 0)
        return 0;
    nx = malloc((p->n ? p->n : 1) * sizeof *nx);
    ny = malloc((p->n ? p->n : 1) * sizeof *ny);
    crs = strdup(to);
    if (!nx || !ny || !crs) {
        free(nx), free(ny), free(crs);
        return bs_error_set(err, "%s: out of memory", p->path);
    }
    memcpy(nx, p->x, p->n * sizeof *nx);
    memcpy(ny, p->y, p->n * sizeof *ny);
    if (bs_crs_transform(p->crs, to, nx, ny, p->n, err) != 0) {
        char msg[BS_ERROR_MAX], where[600], a[64], b[64];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        for (i = 0; i < p->n; i++)
            if (!isfinite(nx[i]) || !isfinite(ny[i]))
                break;
        if (i < p->n) {
            bs_pointset_where(p, i, where, sizeof where);
            bs_error_set(err, "%s: point '%s' (%s, %s) cannot be transformed: "
                         "%s", where, p->key[i],
                         bs_format_csv_number(p->x[i], a, sizeof a),
                         bs_format_csv_number(p->y[i], b, sizeof b), msg);
        } else {
            bs_error_set(err, "%s: %s", p->path, msg);
        }
        free(nx), free(ny), free(crs);
        return -1;
    }
    free(p->x);
    free(p->y);
    free(p->crs);
    p->x = nx;
    p->y = ny;
    p->crs = crs;
    return 0;
}

static int read_csv_points(const bs_pointset_spec *s, bs_pointset *p,
                           bs_error *err)
{
    int ll = s->lon != NULL;

    if (bs_csv_read(s->file, s->csv, &p->attrs, err) != 0)
        return -1;
    if (ll) {
        if (!(p->crs = strdup(WGS84)))
            return bs_error_set(err, "%s: out of memory", p->path);
    } else {
        if (bs_crs_check(s->crs, s->file, err) != 0)
            return -1;
        if (!(p->crs = strdup(s->crs)))
            return bs_error_set(err, "%s: out of memory", p->path);
    }
    if (take_columns(p, s, err) != 0
        || parse_coord(p, ll ? "lon" : "x", ll ? s->lon : s->x, p->x, err)
        || parse_coord(p, ll ? "lat" : "y", ll ? s->lat : s->y, p->y, err))
        return -1;
    return ll ? check_degrees(p, err) : 0;
}

static int read_shp_file(const bs_pointset_spec *s, bs_pointset *p,
                         const bs_diag *diag, bs_error *err)
{
    shp_reader r;
    int rc = -1;

    memset(&r, 0, sizeof r);
    r.path = s->file;
    r.diag = diag;
    if (open_shp(&r, err) == 0 && read_cpg(&r, err) == 0
        && read_prj(&r, s->crs, &p->crs, err) == 0
        && read_dbf(&r, &p->attrs, err) == 0 && take_columns(p, s, err) == 0
        && read_shp_points(&r, p, err) == 0)
        rc = 0;
    shp_close(&r);
    return rc;
}

int bs_pointset_read(const bs_pointset_spec *spec, const char *target_crs,
                   bs_pointset **out, const bs_diag *diag, bs_error *err)
{
    bs_pointset *p;
    int shp, rc;

    *out = NULL;
    if (!spec->file || !*spec->file)
        return bs_error_set(err, "points: no file given");
    shp = ends_with(spec->file, ".shp");
    if (!shp && !ends_with(spec->file, ".csv") && !ends_with(spec->file, ".txt")
        && !ends_with(spec->file, ".tsv"))
        return bs_error_set(err, "%s: unknown kind of point file (use .csv "
                            "or .shp)", spec->file);
    if (check_spec(spec, shp, err) != 0)
        return -1;
    if (!(p = calloc(1, sizeof *p)) || !(p->path = strdup(spec->file))) {
        free(p);
        return bs_error_set(err, "%s: out of memory", spec->file);
    }
    rc = shp ? read_shp_file(spec, p, diag, err)
             : read_csv_points(spec, p, err);
    if (rc == 0)
        rc = reproject(p, target_crs, err);
    if (rc != 0) {
        bs_pointset_free(p);
        return -1;
    }
    *out = p;
    return 0;
}
