/* project_internal.h: the project file's schema and the reader's state,
 * shared by the files of the project reader; not public API.
 *
 * The schema is a table of sections, each with a table of keys. A key is
 * one row: its name, type, where its value goes (offset and size of the
 * field in the section's struct), range or vocabulary, default and one line
 * of help. Parsing, defaults, duplicate and unknown keys, required keys,
 * freeing and the key reference all come from the rows:
 *   project.c         reading: sections, lines, keys, defaults, freeing
 *   project_value.c   a value by its row's type
 *   project_schema.c  the tables, and the parsers of the few special keys
 *   project_check.c   rules that span keys or sections */
#ifndef BUURTSCAN_IO_PROJECT_INTERNAL_H
#define BUURTSCAN_IO_PROJECT_INTERNAL_H

#include <stddef.h>
#include "buurtscan/inireader.h"
#include "buurtscan/project.h"
#include "buurtscan/vocab.h"

typedef enum bs_pj_type {
    KT_TEXT,     /* bs_setting */
    KT_PATH,     /* bs_setting, resolved against the project file's folder */
    KT_WORD,     /* bs_setting holding one of vocab's words */
    KT_NUM,      /* double in [lo, hi] */
    KT_INT,      /* whole number in [lo, hi]: int or size_t (by size) */
    KT_YESNO,    /* int 0 or 1 (bs_parse_yesno) */
    KT_ENUM,     /* int-sized enum: the value of one of vocab's words */
    KT_CHAR,     /* char: the value of one of vocab's words */
    KT_LIST,     /* double * with its size_t count at count_off: numbers
                  * in [lo, hi], strictly increasing */
    KT_PAIR,     /* double[2]: two increasing numbers, low and high */
    KT_CUSTOM    /* fn parses the value into the field */
} bs_pj_type;

/* Flags of a key. */
enum {
    K_CONTINUES = 1,   /* a text that may go on on an indented next line */
    K_NAME = 2,        /* defaults to the section's NAME */
    K_FREE = 4         /* KT_CUSTOM: the field is a pointer to free */
};

typedef struct bs_pj_reader bs_pj_reader;
typedef struct bs_pj_key bs_pj_key;

/* Parses value for key k into field (KT_CUSTOM), or checks a value that the
 * type has already stored (other types). Returns 1, or 0 after bs_pj_fail. */
typedef int (*bs_pj_fn)(bs_pj_reader *r, const bs_pj_key *k, void *field,
                      const char *value);

struct bs_pj_key {
    const char *name;        /* lower case */
    bs_pj_type type;
    size_t off;              /* of the field in the section's struct */
    size_t size;             /* of the field */
    double lo, hi;           /* KT_NUM, KT_INT, KT_LIST, KT_PAIR */
    const char *alias;       /* another spelling (normalize), or NULL */
    const bs_vocab *vocab;   /* KT_WORD, KT_ENUM, KT_CHAR */
    const char *use;         /* the choices in messages ("use ..."); NULL:
                              * the vocabulary's words */
    bs_pj_fn fn;
    size_t count_off;        /* KT_LIST: offset of the size_t count */
    size_t set_off;          /* offset + 1 of an int set to 1 when the key is
                              * given (0 = none) */
    size_t line_off;         /* offset + 1 of a long set to its line (0 = none) */
    unsigned flags;          /* K_* */
    const char *need;        /* required: "[S] needs KEY = <need>"; NULL =
                              * optional */
    const char *def;         /* the default, as it would be written (a number
                              * may lie outside the range to mean "not
                              * given"; "nan" for no value); NULL = none */
    const char *help;        /* one line, for people */
};

typedef struct bs_pj_section {
    const char *kind;        /* "indicator" */
    int named;               /* [kind NAME], any number; else at most one */
    size_t size;             /* named: one spec; plain: 0 (keys are offsets
                              * into bs_project itself) */
    size_t array_off;        /* named: the spec array in bs_project */
    size_t count_off;        /* named: its size_t count */
    size_t name_off;         /* named: char *name in the spec */
    size_t line_off;         /* offset + 1 of the section's long line (0 =
                              * none: [project]) */
    const bs_pj_key *keys;
    size_t nkeys;
    const char *help;
} bs_pj_section;

/* The sections, in the order of the "known sections" message. */
extern const bs_pj_section bs_pj_sections[];
extern const size_t bs_pj_nsections;

#define BS_PJ_MAX_KEYS 40       /* most keys of one section */

struct bs_pj_reader {
    bs_ini ini;              /* the line being parsed (ini.line, ini.indented) */
    const char *path;
    bs_project *p;
    int failed;              /* err holds a message */
    bs_error *err;
    char **headers;          /* normalised "kind name" of every section */
    long *header_line;
    size_t nheaders;
    const bs_pj_section *sec;  /* the section being filled, or NULL */
    void *spec;              /* its struct (bs_project for plain sections) */
    long seen[BS_PJ_MAX_KEYS];  /* line each key of sec was given on, 0 = not */
    const bs_pj_key *last_key; /* for continuation lines */
    long last_key_line;
};

/* Records "PATH:LINE: message" as the error (the first one only).
 * Returns 0, what an inih handler returns for a bad line. */
int bs_pj_fail(bs_pj_reader *r, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The field of key k in spec. */
void *bs_pj_field(void *spec, const bs_pj_key *k);

/* Parses value into k's field of spec, by k's type (project_value.c); line
 * is the line it came from (0 for a default). Returns 1, or 0 after
 * bs_pj_fail. */
int bs_pj_value(bs_pj_reader *r, const bs_pj_key *k, void *spec, const char *value,
             long line);

/* A whole number in [k->lo, k->hi] for a KT_CUSTOM parser, with the
 * messages of KT_INT. Returns 1, or 0 after bs_pj_fail. */
int bs_pj_whole(bs_pj_reader *r, const bs_pj_key *k, const char *value, double *out);

/* Frees what k's field owns (project_value.c). */
void bs_pj_value_free(const bs_pj_key *k, void *spec);

/* The choices of k for messages ("zscore, minmax ... or none") into buf. */
const char *bs_pj_choices(const bs_pj_key *k, char *buf, size_t n);

/* Sets s to a copy of value from line (0 = default). 0, or -1 when out of
 * memory (s unchanged). */
int bs_pj_setting(bs_setting *s, const char *value, long line);

/* Paths in the project file are relative to the project file. malloc'd. */
char *bs_pj_resolve(const bs_project *p, const char *value);

/* Every spec of section s in p: calls fn(r, s, spec) for each; stops at the
 * first that returns 0. Returns 1 or 0. */
int bs_pj_each(bs_pj_reader *r, const bs_pj_section *s,
            int (*fn)(bs_pj_reader *r, const bs_pj_section *s, void *spec));

/* The name of a named spec ("" for a plain section) and its line. */
const char *bs_pj_spec_name(const bs_pj_section *s, const void *spec);
long bs_pj_spec_line(const bs_pj_section *s, const void *spec);

/* The whole-project checks and the defaults that follow from other keys
 * (project_check.c), after every line is read. Returns 1 or 0. */
int bs_pj_check(bs_pj_reader *r);

#endif
