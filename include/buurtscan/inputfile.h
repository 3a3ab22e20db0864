/* inputfile.h: what buurtscan reads is a regular file. A FIFO would block
 * the run forever, a device such as /dev/zero would never end, and a
 * directory has no content: each is refused before it is opened, naming
 * the file and what it is. */
#ifndef BUURTSCAN_INPUTFILE_H
#define BUURTSCAN_INPUTFILE_H

#include "buurtscan/error.h"

/* 0 when path is a regular file (or a link to one), or when it does not
 * exist or cannot be examined (the caller's own open then says why); -1
 * with "PATH: not a regular file (a FIFO)" (a device, a directory, a
 * socket) otherwise. */
int bs_input_regular(const char *path, bs_error *err);

#endif
