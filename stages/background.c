/*
 * background — even out uneven light (a phone photo's shadow, a scanner's dark
 * edge) so that one threshold separates ink from paper everywhere.
 *
 * Tesseract binarises a page with one global Otsu threshold: where a shadow makes
 * the paper as dark as ink elsewhere, words drop out or fill in. Leptonica's
 * background normalisation estimates the paper's brightness tile by tile (from
 * the pixels that are not ink) and scales each pixel so the paper is one even
 * grey everywhere (Leptonica's default level, 200: Otsu needs the evenness, not
 * white). A page whose paper is already even is left exactly as it is: the
 * paper's brightness is measured first, and only a page where it varies by more
 * than UNEVEN_RANGE grey levels is changed. On the fixtures that is the phone
 * photo alone (paper 140–251); flatbed scans vary by at most 42, and only where a
 * colour stamp darkens a tile.
 */
#include <leptonica/allheaders.h>

#include "stages.h"

/* The paper map: tiles about this size (inches), pixels above PAPER_THRESHOLD
 * count as paper, a tile with fewer than PAPER_MIN_COUNT of them is filled in. */
#define TILE_INCHES 0.5
#define PAPER_THRESHOLD 100
#define PAPER_MIN_COUNT 50
#define UNEVEN_RANGE 60

/* The spread (max − min) of the paper's brightness over the page, or -1 when it
 * cannot be measured (out of memory, or a page with no paper to see). */
static int paper_range(PIX *image, int dpi)
{
    PIX *grey = pixGetDepth(image) == 32 ? pixConvertRGBToLuminance(image) : pixClone(image);
    l_int32 tile = (l_int32)(TILE_INCHES * dpi);
    PIX *map = NULL;
    if (!grey || pixGetBackgroundGrayMap(grey, NULL, tile, tile, PAPER_THRESHOLD,
                                         PAPER_MIN_COUNT, &map) != 0 || !map) {
        pixDestroy(&grey);
        return -1;
    }
    pixDestroy(&grey);
    l_int32 lo, hi;
    bool ok = pixGetRangeValues(map, 1, L_SELECT_MIN, &lo, &hi) == 0;
    pixDestroy(&map);
    return ok ? hi - lo : -1;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    /* 8 and 32 bpp only: a bilevel page has no light to even out. */
    if (!page->image || pixGetColormap(page->image)
        || (pixGetDepth(page->image) != 8 && pixGetDepth(page->image) != 32))
        return VT_OK;
    if (paper_range(page->image, page->dpi) <= UNEVEN_RANGE)
        return VT_OK;
    PIX *even = pixBackgroundNormSimple(page->image, NULL, NULL);
    if (!even)
        return vt_stage_fail(ctx, "out of memory");
    pixCopyResolution(even, page->image);
    pixDestroy(&page->image);
    page->image = even;
    return VT_OK;
}

const vt_stage vt_stage_background = {
    .name = "background",
    .summary = "even out uneven light (photo shadows, dark scan edges) when the paper's "
               "brightness varies across the page",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
