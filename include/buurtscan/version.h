/* version.h: which buurtscan this is, for --version, manifests and
 * programs that link the library. */
#ifndef BUURTSCAN_VERSION_H
#define BUURTSCAN_VERSION_H

/* The release, e.g. "0.1.0". */
const char *bs_version(void);

/* The git commit the library was built from (40 hex digits, with
 * "-dirty" when the work tree had changes), or "unknown" when it was not
 * built from a git checkout. */
const char *bs_git_commit(void);

#endif
