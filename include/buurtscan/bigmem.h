/* bigmem.h: large arrays in transparent huge pages.
 *
 * Memory written for the first time costs a page fault per 4 KB page. On
 * the virtual machine buurtscan is benchmarked on, 64 MB take 0.2 s of CPU
 * that way and 0.006 s in 2 MB pages (bench/floor); the England map wrote
 * some 160 MB of fresh pages. Data level: every layer may include it. */
#ifndef BUURTSCAN_BIGMEM_H
#define BUURTSCAN_BIGMEM_H

#include <stddef.h>

/* Allocations from this size up go into huge pages. */
#define BS_BIG_MIN ((size_t)4 << 20)

/* As malloc(n) (n = 0 gives a valid pointer too), the block released by
 * free() and resizable by realloc(); a block of BS_BIG_MIN bytes or more
 * starts on a 2 MB boundary and asks the kernel for transparent huge pages
 * (where it has none, or declines, the pages are the usual ones). NULL
 * when out of memory. */
void *bs_big_alloc(size_t n);

#endif
