/* bigmem.c: large arrays in transparent huge pages (see bigmem.h). */
#include "buurtscan/bigmem.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *bs_big_alloc(size_t n)
{
    void *p = NULL;

    /* no object may be larger than PTRDIFF_MAX (malloc refuses it too);
     * refused here, before any allocator sees a size that wraps */
    if (n > (size_t)PTRDIFF_MAX)
        return NULL;
    if (n < BS_BIG_MIN)
        return malloc(n ? n : 1);
    if (posix_memalign(&p, HUGE_PAGE, n) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    /* whole huge pages only: the block's last one may be shared */
    madvise(p, n / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
#endif
    return p;
}
