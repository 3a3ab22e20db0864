/* version.c: the release and the git commit, fixed at build time. */
#include "buurtscan/version.h"
#include "bs_vcs.h"

const char *bs_version(void)
{
    return BS_VERSION;
}

const char *bs_git_commit(void)
{
    return BS_GIT_COMMIT;
}
