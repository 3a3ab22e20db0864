/* testutil.h: small helpers shared by the Check suites. */
#ifndef BS_TESTUTIL_H
#define BS_TESTUTIL_H

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

#endif
