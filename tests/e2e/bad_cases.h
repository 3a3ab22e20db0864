/* bad_cases.h: the bad-input cases, shared by e2e/test_bad_input.c and
 * job/test_validate_run.c. */
#ifndef BS_TEST_BAD_CASES_H
#define BS_TEST_BAD_CASES_H

#include <stddef.h>

/* GOOD_INI of bad_cases.c: 15 lines; appended text starts on line 16. */

typedef struct bs_bad_case {
    const char *name;
    void (*breakit)(const char *dir);
    const char *expect1;   /* substrings the message must hold */
    const char *expect2;
    int output;            /* breaks OUT (the output directory), not an
                              input: the run's -o OUT is a plain file */
} bs_bad_case;

extern const bs_bad_case bs_bad_cases[];
extern const size_t bs_bad_ncases;

/* A project dir (malloc'd path) with w.shp (Leeuwarden), d.csv (the
 * illustrative table) and a good project.ini; remove with bs_test_rmtree. */
char *bs_bad_make_project(void);

/* Replaces the first occurrence of `from` in dir/name by `to`. */
void bs_bad_edit(const char *dir, const char *name, const char *from,
                 const char *to);

/* Appends text to dir/name. */
void bs_bad_append(const char *dir, const char *name, const char *text);

#endif
