/* manifest.h: manifest.json, the record that makes a run reproducible:
 * buurtscan's version and git commit, the versions of the libraries that
 * shape the results, the fully resolved project (every key with its value),
 * every input with its size and SHA-256, every output with its SHA-256, the
 * seed and the date. `buurtscan verify` reads it back, checks the inputs and
 * compares a fresh run's outputs.
 *
 * The file is JSON (written and parsed with json-c):
 *   { "buurtscan": { "version": "0.1.0", "commit": "..." },
 *     "date": "2024-06-30T12:00:00Z", "seed": 2024,
 *     "libraries": { "PROJ": "9.1.1", ... },
 *     "project": { "project.title": "...", "areas.file": "...", ... },
 *     "inputs": [ { "path": "...", "size": 1234, "sha256": "..." } ],
 *     "outputs": [ { "path": "...", "size": 99, "sha256": "..." } ] }
 * "seed" is null for a run without random numbers. */
#ifndef BUURTSCAN_MANIFEST_H
#define BUURTSCAN_MANIFEST_H

#include <stddef.h>
#include "buurtscan/error.h"

#define BS_SHA256_HEX 65          /* 64 hex digits and the NUL */

typedef struct bs_manifest_kv {
    char *key, *value;
} bs_manifest_kv;

typedef struct bs_manifest_file {
    char *path;                   /* as recorded (e.g. relative to the
                                   * project file or the output directory) */
    long long size;               /* bytes */
    char sha256[BS_SHA256_HEX];   /* lower-case hex */
} bs_manifest_file;

typedef struct bs_manifest {
    char *version, *commit;       /* buurtscan's */
    char *date;                   /* ISO 8601, e.g. 2024-06-30T12:00:00Z */
    int has_seed;
    unsigned long long seed;
    bs_manifest_kv *libraries;    /* name -> version, in order */
    size_t nlibraries;
    bs_manifest_kv *project;      /* "section.key" -> value, in order */
    size_t nproject;
    bs_manifest_file *inputs, *outputs;
    size_t ninputs, noutputs;
} bs_manifest;

/* SHA-256 of the file at path as 64 lower-case hex digits (with nettle),
 * and its size in bytes (size may be NULL). Errors: "PATH: cannot read:
 * REASON". */
int bs_sha256_file(const char *path, char hex[BS_SHA256_HEX],
                   long long *size, bs_error *err);

/* A new manifest with buurtscan's version and commit, the versions of
 * PROJ, GEOS (as GDAL uses it), GDAL, cairo, pango and libxlsxwriter, and
 * the current UTC time as its date. NULL when out of memory. */
bs_manifest *bs_manifest_new(void);
void bs_manifest_free(bs_manifest *m);

/* Replaces the date (e.g. the project's fixed date). */
int bs_manifest_set_date(bs_manifest *m, const char *date, bs_error *err);
void bs_manifest_set_seed(bs_manifest *m, unsigned long long seed);

/* Records a project setting; a key recorded twice is an error. */
int bs_manifest_add_setting(bs_manifest *m, const char *key,
                            const char *value, bs_error *err);

/* Hashes the file at path and records it under name (NULL: path) as an
 * input or an output. Errors as bs_sha256_file. */
int bs_manifest_add_input(bs_manifest *m, const char *path, const char *name,
                          bs_error *err);
int bs_manifest_add_output(bs_manifest *m, const char *path, const char *name,
                           bs_error *err);

/* Compares the file at path with what f records. Returns 0 when its size
 * and hash are the same, 1 when they differ or it is gone (why then says
 * how: "missing", "size 120 bytes, recorded 123", "different content
 * (sha256 ...)"), -1 when it cannot be read. */
int bs_manifest_file_check(const bs_manifest_file *f, const char *path,
                           char *why, size_t n, bs_error *err);

/* Writes m to path as pretty-printed JSON. */
int bs_manifest_write(const bs_manifest *m, const char *path, bs_error *err);

/* Reads path into *out (caller frees). Errors name the file and, for JSON
 * that does not parse, the line ("m.json:7: unexpected character"); for
 * JSON of the wrong shape, the member ("m.json: inputs[2]: 'sha256' is not
 * 64 hex digits", "m.json: no 'outputs' list"). */
int bs_manifest_read(const char *path, bs_manifest **out, bs_error *err);

#endif
