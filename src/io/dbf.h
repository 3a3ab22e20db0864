/* dbf.h: what the polygon reader (shapefile.c) and the point reader
 * (points.c) share of a shapefile: shapelib hooks that keep errors instead
 * of printing them, the files beside the .shp, the .cpg and .prj, and the
 * .dbf read into a bs_table. Not public API.
 *
 * The two readers word a missing or damaged .shx/.dbf differently, so the
 * opening is in steps and each reader says what went wrong itself. */
#ifndef BUURTSCAN_IO_DBF_H
#define BUURTSCAN_IO_DBF_H

#include <shapefil.h>
#include "buurtscan/error.h"
#include "buurtscan/table.h"

typedef enum bs_dbf_encoding {
    BS_DBF_AUTO,      /* no .cpg: UTF-8 if the whole .dbf is, else CP1252 */
    BS_DBF_UTF8,
    BS_DBF_CP1252     /* also ISO-8859-1 */
} bs_dbf_encoding;

/* The .shp/.shx/.dbf of one shapefile being read. */
typedef struct bs_dbf_trio {
    const char *path;        /* the .shp as given, for messages */
    char *base;              /* path without ".shp" */
    SAHooks hooks;           /* errors kept for bs_dbf_reason */
    SHPHandle shp;
    DBFHandle dbf;
    int nrec;                /* records in the .shp */
    bs_dbf_encoding enc;     /* set by bs_dbf_read_cpg */
} bs_dbf_trio;

/* Starts t for the shapefile at path (borrowed, must outlive t): base name
 * and hooks, nothing opened yet. bs_dbf_trio_close frees t, also after a
 * failure here or in any later step. */
int bs_dbf_trio_init(bs_dbf_trio *t, const char *path, bs_error *err);
void bs_dbf_trio_close(bs_dbf_trio *t);

/* shapelib reports through SAHooks.Error, which has no user pointer; the
 * hooks of a trio keep the first message since the last clear, per thread.
 * Clear before a shapelib call; after it fails, the reason is that message,
 * or fallback when shapelib gave none. */
void bs_dbf_reason_clear(void);
const char *bs_dbf_reason(const char *fallback);

/* base + ext, trying ".ext" and then ".EXT" as shapelib does (malloc'd,
 * NULL when out of memory): the first that exists with *exists = 1, or the
 * lower-case name with *exists = 0. */
char *bs_dbf_sibling(const char *base, const char *ext, int *exists);

/* Opens the .shp at file (with its .shx) and sets t->nrec. Errors: "PATH:
 * cannot read: REASON", and "PATH: the shapes are TYPE, not SHAPES" when
 * type_ok refuses the shape type. */
int bs_dbf_open_shp(bs_dbf_trio *t, const char *file, int (*type_ok)(int),
                    const char *shapes, bs_error *err);

/* The first record (0-based) whose offset in the .shx is impossible (before
 * the 100-byte header) or whose end lies beyond size bytes, or -1. A .shp
 * cut short would make shapelib read past its end: check before reading. */
int bs_dbf_bad_record(const bs_dbf_trio *t, unsigned long long size);

/* After the caller opened t->dbf with t->hooks: an error unless it has as
 * many records as the .shp. */
int bs_dbf_check_count(const bs_dbf_trio *t, bs_error *err);

/* Sets t->enc from the .cpg beside the .shp (BS_DBF_AUTO without one).
 * Error: a code page other than UTF-8 or Windows-1252/ISO-8859-1. */
int bs_dbf_read_cpg(bs_dbf_trio *t, bs_error *err);

/* The CRS into *crs (malloc'd; NULL on failure): override if not NULL,
 * checked with PROJ under the name override_name; else the .prj beside the
 * .shp. hint ends the messages for a missing or empty .prj ("give the
 * points a crs"). */
int bs_dbf_read_prj(const bs_dbf_trio *t, const char *override,
                    const char *override_name, const char *hint, char **crs,
                    bs_error *err);

/* The .dbf as a table of text (one row per record, by_record, decimal '.')
 * decoded to UTF-8 per t->enc; name is the table's path and starts its
 * messages. *out is set even on failure; the caller frees it. Invalid
 * UTF-8 in a file whose .cpg says UTF-8 is repaired, with a warning. */
int bs_dbf_read_table(const bs_dbf_trio *t, const char *name,
                      const bs_diag *diag, bs_table **out, bs_error *err);

#endif
