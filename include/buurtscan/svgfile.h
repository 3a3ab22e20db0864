/* svgfile.h: an SVG file as cairo writes it, through a stream.
 *
 * cairo names the page's group in an SVG after the surface's serial number
 * (<g id="surface201">), which counts every surface the process has made,
 * on any thread: the same picture would be written with other bytes after
 * other drawings, or while another thread draws. Written through here, the
 * group is always surface1 (the id is referred to nowhere), so that the
 * file depends on the picture alone. */
#ifndef BUURTSCAN_SVGFILE_H
#define BUURTSCAN_SVGFILE_H

#include "buurtscan/error.h"

typedef struct bs_svg_file bs_svg_file;

/* Creates path for writing; NULL with "PATH: cannot create the file: ..."
 * in err. */
bs_svg_file *bs_svg_open(const char *path, bs_error *err);

/* Writes the next n bytes of the SVG (for cairo's write function). Returns
 * 0, or -1 after a write error, which bs_svg_close reports. */
int bs_svg_write(bs_svg_file *f, const unsigned char *data, unsigned int n);

/* Closes and frees f (NULL: nothing). Returns 0, or -1 with "PATH: cannot
 * write the file: ..." when a write or the close failed (a partial file is
 * left for the caller to remove). */
int bs_svg_close(bs_svg_file *f, bs_error *err);

#endif
