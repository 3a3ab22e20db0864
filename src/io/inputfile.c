/* inputfile.c: inputs are regular files (inputfile.h). */
#include <sys/stat.h>
#include "buurtscan/inputfile.h"

int bs_input_regular(const char *path, bs_error *err)
{
    struct stat st;
    const char *what;

    if (!path || stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 0;
    what = S_ISFIFO(st.st_mode) ? "a FIFO"
           : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
           : S_ISDIR(st.st_mode) ? "a directory"
           : S_ISSOCK(st.st_mode) ? "a socket" : "not a file";
    return bs_error_set(err, "%s: not a regular file (%s)", path, what);
}
