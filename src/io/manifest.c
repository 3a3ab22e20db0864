/* manifest.c: manifest.json (manifest.h): SHA-256 with nettle, JSON with
 * json-c. The library versions are asked of the libraries themselves at
 * run time (cairo and pango only for their version strings), so the
 * manifest names the code that actually ran. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <cairo.h>
#include <geos_c.h>
#include <json-c/json.h>
#include <nettle/sha2.h>
#include <pango/pango.h>
#include <proj.h>
#include <xlsxwriter.h>
#include "buurtscan/inputfile.h"
#include "buurtscan/manifest.h"
#include "buurtscan/text.h"
#include "buurtscan/version.h"
#include "gdalmod.h"

/* The manifest's GDAL entry for a run that did not open GDAL. */
#define BS_GDAL_NOT_USED "not used in this run"

/* ---- hashing ------------------------------------------------------------ */

int bs_sha256_file(const char *path, char hex[BS_SHA256_HEX],
                   long long *size, bs_error *err)
{
    struct sha256_ctx ctx;
    unsigned char buf[65536], digest[SHA256_DIGEST_SIZE];
    FILE *f;
    long long total = 0;
    size_t got, i;

    if (bs_input_regular(path, err) != 0)
        return -1;
    f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, "%s: cannot read: %s", path, strerror(errno));
    sha256_init(&ctx);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        sha256_update(&ctx, got, buf);
        total += (long long)got;
    }
    if (ferror(f)) {
        fclose(f);
        return bs_error_set(err, "%s: cannot read: %s", path,
                            strerror(errno ? errno : EIO));
    }
    fclose(f);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    for (i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    if (size)
        *size = total;
    return 0;
}

/* ---- building ----------------------------------------------------------- */

static int kv_add(bs_manifest_kv **kv, size_t *n, const char *key,
                  const char *value)
{
    bs_manifest_kv *nk = realloc(*kv, (*n + 1) * sizeof *nk);

    if (!nk)
        return -1;
    *kv = nk;
    nk[*n].key = bs_text_dup(key);
    nk[*n].value = bs_text_dup(value ? value : "");
    if (!nk[*n].key || !nk[*n].value) {
        free(nk[*n].key);
        free(nk[*n].value);
        return -1;
    }
    (*n)++;
    return 0;
}

static void kv_free(bs_manifest_kv *kv, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(kv[i].key);
        free(kv[i].value);
    }
    free(kv);
}

static void files_free(bs_manifest_file *f, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(f[i].path);
    free(f);
}

void bs_manifest_free(bs_manifest *m)
{
    if (!m)
        return;
    free(m->version);
    free(m->commit);
    free(m->date);
    kv_free(m->libraries, m->nlibraries);
    kv_free(m->project, m->nproject);
    files_free(m->inputs, m->ninputs);
    files_free(m->outputs, m->noutputs);
    free(m);
}

static char *now_utc(void)
{
    time_t t = time(NULL);
    struct tm tm;
    char buf[32];

    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return bs_text_dup(buf);
}

/* The libraries whose versions can change a run's results or outputs.
 * GDAL is opened only by runs that read or write GeoPackage, GeoJSON or
 * FlatGeobuf (gdalmod.h): its version is filled in when the manifest is
 * written, if the run used it. */
static int add_libraries(bs_manifest *m)
{
    return kv_add(&m->libraries, &m->nlibraries, "PROJ", proj_info().version)
           || kv_add(&m->libraries, &m->nlibraries, "GEOS", GEOSversion())
           || kv_add(&m->libraries, &m->nlibraries, "GDAL", BS_GDAL_NOT_USED)
           || kv_add(&m->libraries, &m->nlibraries, "cairo",
                     cairo_version_string())
           || kv_add(&m->libraries, &m->nlibraries, "pango",
                     pango_version_string())
           || kv_add(&m->libraries, &m->nlibraries, "libxlsxwriter",
                     lxw_version());
}

bs_manifest *bs_manifest_new(void)
{
    bs_manifest *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    m->version = bs_text_dup(bs_version());
    m->commit = bs_text_dup(bs_git_commit());
    m->date = now_utc();
    if (!m->version || !m->commit || !m->date || add_libraries(m) != 0) {
        bs_manifest_free(m);
        return NULL;
    }
    return m;
}

int bs_manifest_set_date(bs_manifest *m, const char *date, bs_error *err)
{
    char *d = bs_text_dup(date);

    if (!d)
        return bs_error_set(err, "manifest: out of memory");
    free(m->date);
    m->date = d;
    return 0;
}

void bs_manifest_set_seed(bs_manifest *m, unsigned long long seed)
{
    m->has_seed = 1;
    m->seed = seed;
}

int bs_manifest_add_setting(bs_manifest *m, const char *key,
                            const char *value, bs_error *err)
{
    size_t i;

    for (i = 0; i < m->nproject; i++)
        if (strcmp(m->project[i].key, key) == 0)
            return bs_error_set(err, "manifest: the setting '%s' is recorded "
                                "twice", key);
    if (kv_add(&m->project, &m->nproject, key, value) != 0)
        return bs_error_set(err, "manifest: out of memory");
    return 0;
}

static int add_file(bs_manifest_file **files, size_t *n, const char *path,
                    const char *name, bs_error *err)
{
    bs_manifest_file f, *nf;

    if (bs_sha256_file(path, f.sha256, &f.size, err) != 0)
        return -1;
    if (!(f.path = bs_text_dup(name ? name : path)))
        return bs_error_set(err, "%s: out of memory", path);
    if (!(nf = realloc(*files, (*n + 1) * sizeof *nf))) {
        free(f.path);
        return bs_error_set(err, "%s: out of memory", path);
    }
    *files = nf;
    nf[(*n)++] = f;
    return 0;
}

int bs_manifest_add_input(bs_manifest *m, const char *path, const char *name,
                          bs_error *err)
{
    return add_file(&m->inputs, &m->ninputs, path, name, err);
}

int bs_manifest_add_output(bs_manifest *m, const char *path, const char *name,
                           bs_error *err)
{
    return add_file(&m->outputs, &m->noutputs, path, name, err);
}

int bs_manifest_file_check(const bs_manifest_file *f, const char *path,
                           char *why, size_t n, bs_error *err)
{
    char hex[BS_SHA256_HEX];
    long long size;
    FILE *probe;

    if (bs_input_regular(path, err) != 0)
        return -1;
    if (!(probe = fopen(path, "rb"))) {
        if (errno != ENOENT)
            return bs_error_set(err, "%s: cannot read: %s", path,
                                strerror(errno));
        snprintf(why, n, "missing");
        return 1;
    }
    fclose(probe);
    if (bs_sha256_file(path, hex, &size, err) != 0)
        return -1;
    if (size != f->size) {
        snprintf(why, n, "size %lld bytes, recorded %lld", size, f->size);
        return 1;
    }
    if (strcmp(hex, f->sha256) != 0) {
        snprintf(why, n, "different content (sha256 %.12s..., recorded "
                 "%.12s...)", hex, f->sha256);
        return 1;
    }
    return 0;
}

/* ---- writing ------------------------------------------------------------ */

static json_object *kv_object(const bs_manifest_kv *kv, size_t n)
{
    json_object *o = json_object_new_object();
    size_t i;

    for (i = 0; o && i < n; i++)
        json_object_object_add(o, kv[i].key,
                               json_object_new_string(kv[i].value));
    return o;
}

static json_object *file_list(const bs_manifest_file *f, size_t n)
{
    json_object *a = json_object_new_array();
    size_t i;

    for (i = 0; a && i < n; i++) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "path", json_object_new_string(f[i].path));
        json_object_object_add(o, "size", json_object_new_int64(f[i].size));
        json_object_object_add(o, "sha256",
                               json_object_new_string(f[i].sha256));
        json_object_array_add(a, o);
    }
    return a;
}

int bs_manifest_write(const bs_manifest *m, const char *path, bs_error *err)
{
    json_object *root = json_object_new_object(), *who, *libs;
    const char *text, *gdal;
    FILE *f;
    int bad;

    if (!root)
        return bs_error_set(err, "%s: out of memory", path);
    who = json_object_new_object();
    json_object_object_add(who, "version", json_object_new_string(m->version));
    json_object_object_add(who, "commit", json_object_new_string(m->commit));
    json_object_object_add(root, "buurtscan", who);
    json_object_object_add(root, "date", json_object_new_string(m->date));
    json_object_object_add(root, "seed", m->has_seed
                           ? json_object_new_uint64(m->seed) : NULL);
    libs = kv_object(m->libraries, m->nlibraries);
    gdal = bs_gdal_module_gdal_version();
    if (gdal && json_object_object_get_ex(libs, "GDAL", NULL))
        json_object_object_add(libs, "GDAL", json_object_new_string(gdal));
    json_object_object_add(root, "libraries", libs);
    json_object_object_add(root, "project", kv_object(m->project, m->nproject));
    json_object_object_add(root, "inputs", file_list(m->inputs, m->ninputs));
    json_object_object_add(root, "outputs",
                           file_list(m->outputs, m->noutputs));
    text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY
                                          | JSON_C_TO_STRING_SPACED
                                          | JSON_C_TO_STRING_NOSLASHESCAPE);
    if (!text || !(f = fopen(path, "w"))) {
        int e = errno;
        json_object_put(root);
        return bs_error_set(err, "%s: cannot write: %s", path,
                            text ? strerror(e) : "out of memory");
    }
    fputs(text, f);
    fputc('\n', f);
    json_object_put(root);
    bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(path);
        return bs_error_set(err, "%s: cannot write: %s", path,
                            strerror(errno ? errno : EIO));
    }
    return 0;
}

/* ---- reading ------------------------------------------------------------ */

/* member `name` of o as a string, or NULL with err set. */
static const char *get_string(json_object *o, const char *name,
                              const char *path, const char *where,
                              bs_error *err)
{
    json_object *v;

    if (!json_object_object_get_ex(o, name, &v)
        || !json_object_is_type(v, json_type_string)) {
        bs_error_set(err, "%s: %s%s'%s' is not a string", path, where,
                     *where ? ": " : "", name);
        return NULL;
    }
    return json_object_get_string(v);
}

static int is_hex64(const char *s)
{
    size_t i;

    for (i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[64] == '\0';
}

static int read_files(json_object *root, const char *list, const char *path,
                      bs_manifest_file **files, size_t *n, bs_error *err)
{
    json_object *a, *o, *size;
    size_t i, len;
    char where[64];

    if (!json_object_object_get_ex(root, list, &a)
        || !json_object_is_type(a, json_type_array))
        return bs_error_set(err, "%s: no '%s' list", path, list);
    len = json_object_array_length(a);
    if (len && !(*files = calloc(len, sizeof **files)))
        return bs_error_set(err, "%s: out of memory", path);
    for (i = 0; i < len; i++) {
        const char *p, *h;
        bs_manifest_file *f = &(*files)[i];

        snprintf(where, sizeof where, "%s[%zu]", list, i + 1);
        o = json_object_array_get_idx(a, i);
        if (!json_object_is_type(o, json_type_object))
            return bs_error_set(err, "%s: %s is not an object", path, where);
        if (!(p = get_string(o, "path", path, where, err))
            || !(h = get_string(o, "sha256", path, where, err)))
            return -1;
        if (!is_hex64(h))
            return bs_error_set(err, "%s: %s: 'sha256' is not 64 hex digits",
                                path, where);
        if (!json_object_object_get_ex(o, "size", &size)
            || !json_object_is_type(size, json_type_int)
            || json_object_get_int64(size) < 0)
            return bs_error_set(err, "%s: %s: 'size' is not a number of "
                                "bytes", path, where);
        if (!(f->path = bs_text_dup(p)))
            return bs_error_set(err, "%s: out of memory", path);
        f->size = json_object_get_int64(size);
        memcpy(f->sha256, h, BS_SHA256_HEX);
        *n = i + 1;
    }
    return 0;
}

static int read_kv(json_object *root, const char *name, const char *path,
                   bs_manifest_kv **kv, size_t *n, bs_error *err)
{
    json_object *o;

    if (!json_object_object_get_ex(root, name, &o)
        || !json_object_is_type(o, json_type_object))
        return bs_error_set(err, "%s: no '%s' object", path, name);
    json_object_object_foreach(o, key, val) {
        if (!json_object_is_type(val, json_type_string))
            return bs_error_set(err, "%s: %s: '%s' is not a string", path,
                                name, key);
        if (kv_add(kv, n, key, json_object_get_string(val)) != 0)
            return bs_error_set(err, "%s: out of memory", path);
    }
    return 0;
}

static int read_fields(json_object *root, const char *path, bs_manifest *m,
                       bs_error *err)
{
    json_object *who, *seed;
    const char *s;

    if (!json_object_is_type(root, json_type_object))
        return bs_error_set(err, "%s: not a manifest (no JSON object)", path);
    if (!json_object_object_get_ex(root, "buurtscan", &who)
        || !json_object_is_type(who, json_type_object))
        return bs_error_set(err, "%s: not a buurtscan manifest (no "
                            "'buurtscan' object)", path);
    if (!(s = get_string(who, "version", path, "buurtscan", err))
        || !(m->version = bs_text_dup(s))
        || !(s = get_string(who, "commit", path, "buurtscan", err))
        || !(m->commit = bs_text_dup(s))
        || !(s = get_string(root, "date", path, "", err))
        || !(m->date = bs_text_dup(s)))
        return -1;
    if (!json_object_object_get_ex(root, "seed", &seed))
        return bs_error_set(err, "%s: no 'seed' (null for none)", path);
    if (seed) {
        if (!json_object_is_type(seed, json_type_int)
            || (json_object_get_int64(seed) < 0
                && json_object_get_uint64(seed) == 0))
            return bs_error_set(err, "%s: 'seed' is not a whole number",
                                path);
        m->has_seed = 1;
        m->seed = json_object_get_uint64(seed);
    }
    return read_kv(root, "libraries", path, &m->libraries, &m->nlibraries,
                   err)
           || read_kv(root, "project", path, &m->project, &m->nproject, err)
           || read_files(root, "inputs", path, &m->inputs, &m->ninputs, err)
           || read_files(root, "outputs", path, &m->outputs, &m->noutputs,
                         err) ? -1 : 0;
}

/* The file whole (malloc'd, NUL-terminated); manifests are small. */
static char *slurp(const char *path, size_t *len, bs_error *err)
{
    FILE *f;
    struct stat st;
    char *buf = NULL;

    *len = 0;
    if (bs_input_regular(path, err) != 0)
        return NULL;
    f = fopen(path, "rb");
    if (!f) {
        bs_error_set(err, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
        bs_error_set(err, "%s: cannot read: not a regular file", path);
    else if (st.st_size > (64 << 20))
        bs_error_set(err, "%s: too large for a manifest", path);
    else if (!(buf = malloc((size_t)st.st_size + 1)))
        bs_error_set(err, "%s: out of memory", path);
    else if ((*len = fread(buf, 1, (size_t)st.st_size, f)),
             ferror(f)) {
        bs_error_set(err, "%s: cannot read: %s", path, strerror(EIO));
        free(buf);
        buf = NULL;
    } else {
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/* Parses text; on a syntax error names the line json-c stopped at. */
static json_object *parse(const char *text, size_t len, const char *path,
                          bs_error *err)
{
    json_tokener *tok = json_tokener_new();
    json_object *root;
    enum json_tokener_error e;
    size_t end, i;
    long line = 1;

    if (!tok) {
        bs_error_set(err, "%s: out of memory", path);
        return NULL;
    }
    root = json_tokener_parse_ex(tok, text, (int)len);
    e = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    if (e == json_tokener_success && end < len)
        while (end < len && strchr(" \t\r\n", text[end]))
            end++;
    if (e != json_tokener_success || !root || end < len) {
        for (i = 0; i < end && i < len; i++)
            line += text[i] == '\n';
        bs_error_set(err, "%s:%ld: %s", path, line,
                     e == json_tokener_continue ? "the JSON ends too soon"
                     : e != json_tokener_success ? json_tokener_error_desc(e)
                     : "text after the JSON");
        json_object_put(root);
        root = NULL;
    }
    json_tokener_free(tok);
    return root;
}

int bs_manifest_read(const char *path, bs_manifest **out, bs_error *err)
{
    size_t len;
    char *text;
    json_object *root;
    bs_manifest *m;
    int rc;

    *out = NULL;
    if (!(text = slurp(path, &len, err)))
        return -1;
    root = parse(text, len, path, err);
    free(text);
    if (!root)
        return -1;
    if (!(m = calloc(1, sizeof *m))) {
        json_object_put(root);
        return bs_error_set(err, "%s: out of memory", path);
    }
    rc = read_fields(root, path, m, err);
    json_object_put(root);
    if (rc != 0) {
        bs_manifest_free(m);
        return -1;
    }
    *out = m;
    return 0;
}
