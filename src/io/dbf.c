/* dbf.c: the parts of reading a shapefile that do not depend on its shape
 * type: shapelib's error hook, the files beside the .shp, the .cpg and .prj,
 * and the .dbf attributes as a bs_table of UTF-8 text. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/crs.h"
#include "buurtscan/text.h"
#include "dbf.h"

/* ---- shapelib's errors ---- */

/* Per thread, so that reads in different threads do not mix messages. */
static _Thread_local char shp_msg[512];

static void hook_error(const char *message)
{
    if (!shp_msg[0])
        snprintf(shp_msg, sizeof shp_msg, "%s", message);
}

void bs_dbf_reason_clear(void)
{
    shp_msg[0] = '\0';
}

const char *bs_dbf_reason(const char *fallback)
{
    return shp_msg[0] ? shp_msg : fallback;
}

/* ---- reading from memory ---- */

/* shapelib reads a record at a time, seeking to it first: through stdio
 * that is two system calls per record (the seek drops stdio's buffer), and
 * they cost more than the reading itself for a national file (0.3 s for
 * the 32,844 English LSOAs, mostly in the kernel). These hooks map each
 * file into memory once and serve shapelib's reads from there. Read-only:
 * buurtscan never writes shapefiles. */
typedef struct mem_file {
    unsigned char *data;     /* the mapped file (NULL when empty) */
    size_t size, pos;
} mem_file;

static SAFile mem_open(const char *name, const char *access)
{
    mem_file *f;
    struct stat st;
    int fd;

    if (strpbrk(access, "wa+"))
        return NULL;
    /* O_NONBLOCK: a FIFO must not hang the open; fstat refuses it */
    if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(f = calloc(1, sizeof *f))) {
        close(fd);
        return NULL;
    }
    f->size = (size_t)st.st_size;
    if (f->size > 0) {
        void *m = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (m == MAP_FAILED) {
            close(fd);
            free(f);
            return NULL;
        }
        f->data = m;
    }
    close(fd);
    return (SAFile)f;
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    mem_file *f = (mem_file *)file;
    size_t left = f->pos < f->size ? f->size - f->pos : 0, n;

    if (size == 0)
        return 0;
    n = left / size < nmemb ? left / size : nmemb;
    if (n > 0)
        memcpy(p, f->data + f->pos, n * size);
    f->pos += n * size;
    return n;
}

static SAOffset mem_write(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    (void)p, (void)size, (void)nmemb, (void)file;
    return 0;
}

static SAOffset mem_seek(SAFile file, SAOffset offset, int whence)
{
    mem_file *f = (mem_file *)file;
    size_t base = whence == SEEK_CUR ? f->pos : whence == SEEK_END ? f->size : 0;

    f->pos = base + offset;
    return 0;
}

static SAOffset mem_tell(SAFile file)
{
    return ((mem_file *)file)->pos;
}

static int mem_flush(SAFile file)
{
    (void)file;
    return 0;
}

static int mem_close(SAFile file)
{
    mem_file *f = (mem_file *)file;

    if (f->data)
        munmap(f->data, f->size);
    free(f);
    return 0;
}

/* ---- the trio ---- */

int bs_dbf_trio_init(bs_dbf_trio *t, const char *path, bs_error *err)
{
    size_t len = strlen(path);

    memset(t, 0, sizeof *t);
    t->path = path;
    t->enc = BS_DBF_AUTO;
    SASetupDefaultHooks(&t->hooks);
    t->hooks.FOpen = mem_open;
    t->hooks.FRead = mem_read;
    t->hooks.FWrite = mem_write;
    t->hooks.FSeek = mem_seek;
    t->hooks.FTell = mem_tell;
    t->hooks.FFlush = mem_flush;
    t->hooks.FClose = mem_close;
    t->hooks.Error = hook_error;
    if (!(t->base = strdup(path)))
        return bs_error_set(err, "%s: out of memory", path);
    if (len >= 4 && strcasecmp(t->base + len - 4, ".shp") == 0)
        t->base[len - 4] = '\0';
    return 0;
}

void bs_dbf_trio_close(bs_dbf_trio *t)
{
    if (t->shp)
        SHPClose(t->shp);
    if (t->dbf)
        DBFClose(t->dbf);
    free(t->base);
    t->shp = NULL;
    t->dbf = NULL;
    t->base = NULL;
}

char *bs_dbf_sibling(const char *base, const char *ext, int *exists)
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

int bs_dbf_open_shp(bs_dbf_trio *t, const char *file, int (*type_ok)(int),
                    const char *shapes, bs_error *err)
{
    int type;

    bs_dbf_reason_clear();
    if (!(t->shp = SHPOpenLL(file, "rb", &t->hooks)))
        return bs_error_set(err, "%s: cannot read: %s", t->path,
                            bs_dbf_reason("not a valid .shp/.shx"));
    SHPGetInfo(t->shp, &t->nrec, &type, NULL, NULL);
    if (!type_ok(type))
        return bs_error_set(err, "%s: the shapes are %s, not %s", t->path,
                            SHPTypeName(type), shapes);
    return 0;
}

int bs_dbf_bad_record(const bs_dbf_trio *t, unsigned long long size)
{
    int i;

    for (i = 0; i < t->nrec; i++) {
        unsigned long long end = (unsigned long long)t->shp->panRecOffset[i]
                                 + 8 + t->shp->panRecSize[i];
        if (t->shp->panRecOffset[i] < 100 || end > size)
            return i;
    }
    return -1;
}

int bs_dbf_check_count(const bs_dbf_trio *t, bs_error *err)
{
    if (DBFGetRecordCount(t->dbf) != t->nrec)
        return bs_error_set(err, "%s: the .shp has %d records but the .dbf "
                            "has %d", t->path, t->nrec,
                            DBFGetRecordCount(t->dbf));
    return 0;
}

/* ---- .cpg and .prj ---- */

/* A small text file whole, blanks and a UTF-8 byte order mark trimmed
 * (malloc'd); NULL with err set on failure. */
static char *slurp_trimmed(const char *path, bs_error *err)
{
    FILE *f;
    char *buf = NULL, *s, *e;
    size_t len = 0, cap = 0, got;

    if (bs_input_regular(path, err) != 0)
        return NULL;
    f = fopen(path, "rb");
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
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* The encoding a .cpg names. Compared without case, '-', '_' or blanks, so
 * "UTF-8", "utf8", "Windows-1252" and "ISO_8859-1" all match. 65001 is the
 * Windows code page number for UTF-8, which ArcGIS writes. */
static int cpg_encoding(const char *text, bs_dbf_encoding *enc)
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
            *enc = BS_DBF_UTF8;
            return 0;
        }
    for (i = 0; i < sizeof cp1252 / sizeof *cp1252; i++)
        if (strcasecmp(norm, cp1252[i]) == 0) {
            *enc = BS_DBF_CP1252;
            return 0;
        }
    return -1;
}

int bs_dbf_read_cpg(bs_dbf_trio *t, bs_error *err)
{
    int exists, rc = 0;
    char *path = bs_dbf_sibling(t->base, ".cpg", &exists), *text;

    t->enc = BS_DBF_AUTO;
    if (!path)
        return bs_error_set(err, "%s: out of memory", t->path);
    if (!exists) {
        free(path);
        return 0;
    }
    if (!(text = slurp_trimmed(path, err))) {
        free(path);
        return -1;
    }
    if (cpg_encoding(text, &t->enc) != 0)
        rc = bs_error_set(err, "%s: unknown code page '%.60s' (buurtscan "
                          "reads UTF-8 and Windows-1252/ISO-8859-1)", path,
                          text);
    free(text);
    free(path);
    return rc;
}

int bs_dbf_read_prj(const bs_dbf_trio *t, const char *override,
                    const char *override_name, const char *hint, char **crs,
                    bs_error *err)
{
    int exists;
    char *path, *text;

    *crs = NULL;
    if (override) {
        if (bs_crs_check(override, override_name, err) != 0)
            return -1;
        return (*crs = strdup(override)) ? 0
               : bs_error_set(err, "%s: out of memory", t->path);
    }
    if (!(path = bs_dbf_sibling(t->base, ".prj", &exists)))
        return bs_error_set(err, "%s: out of memory", t->path);
    if (!exists) {
        free(path);
        return bs_error_set(err, "%s: no .prj file; %s", t->path, hint);
    }
    if (!(text = slurp_trimmed(path, err))) {
        free(path);
        return -1;
    }
    if (!*text)
        bs_error_set(err, "%s: the file is empty; %s", path, hint);
    else if (bs_crs_check(text, path, err) == 0)
        *crs = text, text = NULL;
    free(text);
    free(path);
    return *crs ? 0 : -1;
}

/* ---- attributes ---- */

/* One .dbf being read into a table. */
typedef struct dbf_read {
    const bs_dbf_trio *t;
    const char *name;        /* for messages */
    const bs_diag *diag;
    bs_table *tab;
    int all_utf8;            /* BS_DBF_AUTO: no invalid UTF-8 seen so far */
} dbf_read;

/* s decoded per enc into *conv (malloc'd), or *conv = NULL when s is kept
 * as it is (ASCII, valid UTF-8, or undecided: BS_DBF_AUTO); -1 when out of
 * memory. */
static int decode(bs_dbf_encoding enc, const char *s, char **conv)
{
    *conv = NULL;
    if (enc == BS_DBF_CP1252 && !bs_text_is_ascii(s))
        *conv = bs_text_cp1252_to_utf8(s, strlen(s), NULL);
    else if (enc == BS_DBF_UTF8 && !bs_text_utf8_valid(s))
        *conv = bs_text_utf8_repair(s, strlen(s), NULL);
    else
        return 0;
    return *conv ? 0 : -1;
}

/* Stores a cell, decoded per the .cpg; in BS_DBF_AUTO the raw bytes are
 * stored and all_utf8 cleared if they are not UTF-8 (decided per file
 * afterwards, so that one file is never decoded two ways). */
static int set_cell(dbf_read *d, size_t col, size_t row, const char *s,
                    bs_error *err)
{
    char *conv;
    int rc;

    if (decode(d->t->enc, s, &conv) != 0)
        return bs_error_set(err, "%s: out of memory", d->name);
    if (conv && d->t->enc == BS_DBF_UTF8)
        bs_warn(d->diag, "%s: record %zu: field '%s' is not valid UTF-8 "
                "although the .cpg says so; bad bytes replaced", d->name,
                row + 1, d->tab->names[col]);
    if (d->t->enc == BS_DBF_AUTO && d->all_utf8 && !bs_text_utf8_valid(s))
        d->all_utf8 = 0;
    if (conv)
        s = conv;
    rc = bs_table_set(d->tab, col, row, s, strlen(s));
    free(conv);
    return rc == 0 ? 0 : bs_error_set(err, "%s: out of memory", d->name);
}

/* Recodes every non-ASCII name and cell from CP1252 after the fact. */
static int recode_cp1252(bs_table *t)
{
    size_t c, row;
    char *s;

    for (c = 0; c < t->ncols; c++) {
        if (decode(BS_DBF_CP1252, t->names[c], &s) != 0)
            return -1;
        if (s) {
            free(t->names[c]);
            t->names[c] = s;
        }
        for (row = 0; row < t->nrows; row++) {
            if (!t->cells[c][row])
                continue;
            if (decode(BS_DBF_CP1252, t->cells[c][row], &s) != 0)
                return -1;
            if (s) {
                free(t->cells[c][row]);
                t->cells[c][row] = s;
            }
        }
    }
    return 0;
}

static int read_names(dbf_read *d, int nf, bs_error *err)
{
    int f;

    for (f = 0; f < nf; f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = "";
        char *conv;
        long c = -1;

        DBFGetFieldInfo(d->t->dbf, f, name, NULL, NULL);
        if (decode(d->t->enc, name, &conv) == 0)
            c = bs_table_add_column(d->tab, conv ? conv : name);
        if (d->t->enc == BS_DBF_AUTO && !bs_text_utf8_valid(name))
            d->all_utf8 = 0;
        free(conv);
        if (c < 0)
            return bs_error_set(err, "%s: out of memory", d->name);
    }
    return 0;
}

int bs_dbf_read_table(const bs_dbf_trio *t, const char *name,
                      const bs_diag *diag, bs_table **out, bs_error *err)
{
    dbf_read d = { t, name, diag, NULL, 1 };
    int nf = DBFGetFieldCount(t->dbf), f, i;

    if (!(d.tab = *out = bs_table_new(name)))
        return bs_error_set(err, "%s: out of memory", name);
    d.tab->by_record = 1;
    d.tab->decimal = '.';
    if (read_names(&d, nf, err) != 0)
        return -1;
    for (i = 0; i < t->nrec; i++) {
        if (bs_table_add_row(d.tab, i + 1) < 0)
            return bs_error_set(err, "%s: out of memory", name);
        for (f = 0; f < nf; f++) {
            const char *s;
            if (DBFIsAttributeNULL(t->dbf, i, f))
                continue;
            bs_dbf_reason_clear();
            if (!(s = DBFReadStringAttribute(t->dbf, i, f)))
                return bs_error_set(err, "%s: record %d: cannot read field "
                                    "'%s': %s", name, i + 1, d.tab->names[f],
                                    bs_dbf_reason("read error"));
            if (set_cell(&d, (size_t)f, (size_t)i, s, err) != 0)
                return -1;
        }
    }
    if (t->enc == BS_DBF_AUTO && !d.all_utf8 && recode_cp1252(d.tab) != 0)
        return bs_error_set(err, "%s: out of memory", name);
    return 0;
}
