/*
 * page_binary.c — the binarised page that the measuring stages share.
 *
 * resolution and deskew both measure on vt_binarise's copy of the page, and on
 * most pages on the same copy (a 200-dpi page at full size, a 300-dpi page
 * halved); binarising is the costly part of both. The copies stay with the page
 * together with a reference to the image they were made from. A stage that
 * replaces page->image makes them stale, and the next request sees it by
 * comparing pointers: the reference keeps the old image alive, so a new image
 * can never be given its address and pass for it. Stages that replace the image
 * forget the copies at once (the old image is freed then, not at the next
 * request); the runner forgets them when the page stages are done.
 */
#include <leptonica/allheaders.h>

#include "binarise.h"
#include "document.h"

void vt_page_forget_binary(vt_page *page)
{
    pixDestroy(&page->binary.copy[0]);
    pixDestroy(&page->binary.copy[1]);
    pixDestroy(&page->binary.of);
}

PIX *vt_page_binary(vt_page *page, int reduction)
{
    if (page->binary.of != page->image)
        vt_page_forget_binary(page);
    PIX **copy = &page->binary.copy[reduction == 2];
    if (!*copy) {
        *copy = vt_binarise(page->image, reduction);
        if (!*copy)
            return NULL;
        if (!page->binary.of)
            page->binary.of = pixClone(page->image);
    }
    return pixClone(*copy);
}
