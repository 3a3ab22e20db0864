/* testutil.h: small helpers shared by the Check suites. */
#ifndef BS_TESTUTIL_H
#define BS_TESTUTIL_H

#include <check.h>
#include <stddef.h>

/* Path under ../shared/data (env BS_SHARED), e.g. bs_test_shared("data/x.csv").
 * Returns a static buffer (overwritten by the next call). */
const char *bs_test_shared(const char *rel);
/* Path under the source tree (env BS_SRCDIR). Static buffer. */
const char *bs_test_src(const char *rel);
/* A fresh empty temporary directory (mkdtemp). Static buffer per call: copy it. */
char *bs_test_tmpdir(void);
/* Writes text to dir/name; returns the full path (malloc'd). */
char *bs_test_write(const char *dir, const char *name, const char *text);
/* Removes a directory tree (best effort). */
void bs_test_rmtree(const char *dir);
/* Runs the CLI (env BS_BIN) with argv (NULL-terminated, without argv[0]) in
 * working directory cwd (NULL = current); captures stderr into err[errn].
 * Returns the exit status (or -1 if it did not exit normally). */
int bs_test_run_cli(const char *cwd, const char *const *argv, char *err,
                    size_t errn);
/* Reads a whole file (malloc'd, NUL-terminated) or NULL. */
char *bs_test_slurp(const char *path);
/* Number of entries in a directory other than . and ..; -1 if it is absent. */
int bs_test_count_entries(const char *dir);

/* dir/name in a static buffer (overwritten by the next call). */
const char *bs_test_path(const char *dir, const char *name);

/* Runs `buurtscan -q run ini -o dir/out` in dir; aborts the test with the
 * CLI's message when it does not exit 0. Returns dir/out (static buffer). */
const char *bs_test_run_project(const char *ini, const char *dir);

/* A CSV file read whole: header names and cells as text. Quotes ("a, b")
 * and CRLF line ends are understood; doubled quotes inside quotes are not
 * (no output of ours or file in ../shared needs them). */
typedef struct bs_test_csv {
    int nrows, ncols;
    char **head;          /* ncols */
    char ***cell;         /* nrows x ncols */
    char *text;
} bs_test_csv;

/* Reads path (aborts the test when it cannot). */
void bs_test_csv_read(const char *path, bs_test_csv *c);
void bs_test_csv_free(bs_test_csv *c);
/* Column index by name (aborts when absent). */
int bs_test_csv_col(const bs_test_csv *c, const char *name);
/* Row index whose first cell is key (aborts when absent). */
int bs_test_csv_row(const bs_test_csv *c, const char *key);
/* The cell as a number; NaN for an empty cell or ".". */
double bs_test_csv_num(const bs_test_csv *c, int row, const char *col);

/* Output of a shell command made as printf makes text (malloc'd), or NULL
 * when it cannot start or does not exit 0. */
char *bs_test_cmd(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A PDF's page count (pdfinfo); fails the test when pdfinfo fails. */
int bs_test_pdf_pages(const char *path);
/* The text of one page (pdftotext -layout, malloc'd); fails the test when
 * pdftotext fails. */
char *bs_test_page_text(const char *path, int page);
/* A PDF's outline entries in reading order, from qpdf --json (pretty
 * printed: the indent of a key gives the depth; keys are sorted, so
 * "title" closes an entry); fails the test when qpdf fails. */
typedef struct bs_test_outline {
    int depth;                /* 1 for the top level */
    int page;
    char title[256];
} bs_test_outline;
int bs_test_pdf_outline(const char *path, bs_test_outline *out, int max);

/* Runs suite s, each test in a child process unless fork is 0, prints
 * Check's summary and returns what main returns: EXIT_SUCCESS when every
 * test passed, else EXIT_FAILURE. */
int bs_test_run_suite(Suite *s, int fork);

/* The test case "national" of s (created and added on first use): cases on
 * the national NL or English data, tagged "national". meson runs them in
 * the suite "national" (CK_INCLUDE_TAGS) and leaves them out of "unit"
 * (CK_EXCLUDE_TAGS). */
TCase *bs_test_national(Suite *s);

#endif
