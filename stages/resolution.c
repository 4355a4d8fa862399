/*
 * resolution — enlarge pages whose text is too small for Tesseract (a phone
 * photo, a fax, a page saved at screen resolution) to the size it reads well.
 *
 * The resolution a file records says little: a phone photo says 72 dpi whatever
 * it shows, a 300-dpi scan reduced for e-mail keeps its 300. The text itself is
 * the ruler. Administrative notices are set in 13–14 pt (Decree 30/2020), and the
 * median height of the letter-sized blobs of ink on every fixture page, clean or
 * degraded, 200 or 300 dpi, is 0.09 of the page's dpi (27 px at 300 dpi, 18 px at
 * 200 dpi: the x-height letters, the most common ones). A page whose median is
 * well below the 200-dpi size is scaled up (linear interpolation, on grey) to
 * that size, and its dpi is set to the resolution the text then has, so later
 * stages and Tesseract are told the truth. Pages already at 200 dpi or more are
 * left exactly as they were.
 *
 * The words' boxes are in the coordinates of the image OCR saw, the enlarged one;
 * page width, height and dpi describe that image.
 */
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>

#include "stages.h"

/*
 * Median letter height in pixels: 18 at 200 dpi on every fixture page. Enlarging
 * to 200-dpi text read best: a 150-dpi phone photo scaled to 200-dpi text size
 * lost a tenth of its errors (CER 3.04 → 2.73%), while scaled to 300-dpi size it
 * went wrong (28%, Tesseract split the page differently); a notice reduced to
 * 100 dpi gained the same at ×2 and ×3. So TARGET_HEIGHT is the 200-dpi size,
 * and pages are touched only below MIN_HEIGHT (about 180 dpi), so that a true
 * 200-dpi page (18 px) is never resampled.
 */
#define TARGET_HEIGHT 18
#define MIN_HEIGHT 16
#define HEIGHT_PER_DPI (18.0 / 200.0)

/* Letter-sized blobs: taller than specks of noise, no wider than two letters'
 * height (ruling lines, merged words) nor thinner than a quarter (vertical rules),
 * and below a twentieth of the page (pictures, frames, the seal). */
#define MIN_BLOB_HEIGHT 3
#define MAX_ASPECT 2
#define MAX_PAGE_FRACTION 20
/* Fewer letters than this (a blank page, a photo, a sketch): no ruler; leave it. */
#define MIN_LETTERS 100

/* Enlarge at most this much (a thumbnail is not a page), and never beyond this
 * many pixels (nor the user's --max-megapixels). */
#define MAX_FACTOR 4.0
#define MAX_MEGAPIXELS 60.0

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/*
 * Binarising a whole 300-dpi page cost about 500 ms, a page halved first 40 ms
 * (since vt_binarise lost its copies: 70 and 22 ms). Halved, 300-dpi letters are
 * still 13–14 px and well measured; so the page is
 * measured halved first, and at full size only when the halved measure does not
 * clearly put it above MIN_HEIGHT (below CLEAR_HEIGHT, about 245 dpi), where
 * small letters need every pixel.
 */
#define CLEAR_HEIGHT 22

/* Median height of the letter-sized blobs of ink in the page image reduced
 * `reduction` (1 or 2) times, in the image's own pixels; 0 when there are too few
 * letters to tell; -1 when out of memory. The binarised page is the one deskew
 * measures on too (vt_page_binary): made here, it is not made again there. */
static int median_letter_height(vt_page *page, int reduction)
{
    PIX *binary = vt_page_binary(page, reduction);
    BOXA *blobs = binary ? pixConnCompBB(binary, 8) : NULL;
    l_int32 count = blobs ? boxaGetCount(blobs) : 0;
    int *heights = blobs ? malloc(((size_t)count + 1) * sizeof *heights) : NULL;
    int median = heights ? 0 : -1;
    size_t n = 0;
    l_int32 max_height = pixGetHeight(page->image) / reduction / MAX_PAGE_FRACTION;
    for (l_int32 i = 0; heights && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blobs, i, &x, &y, &w, &h);
        if (h >= MIN_BLOB_HEIGHT && h <= max_height && w <= MAX_ASPECT * h
            && 4 * w >= h)
            heights[n++] = h;
    }
    if (heights && n >= MIN_LETTERS) {
        qsort(heights, n, sizeof *heights, compare_ints);
        median = heights[n / 2] * reduction;
    }
    free(heights);
    boxaDestroy(&blobs);
    pixDestroy(&binary);
    return median;
}

/*
 * Pages that say they are below CLEAR_DPI (where halved letters fall under
 * CLEAR_HEIGHT: every 200-dpi fixture page) would be measured twice, halved and
 * then at full size. They are measured at full size first: a full-size height of
 * MIN_HEIGHT or more, or none (0), leaves the page alone whatever the halved
 * measure says, so the halved one is taken only when the full one asks for an
 * enlargement, and the rule above then decides between them. Same scale, same
 * dpi, on every page; the full-size copy is the one deskew uses at 200 dpi.
 */
#define CLEAR_DPI 245

/* The letter height that decides the page's enlargement (see CLEAR_HEIGHT and
 * CLEAR_DPI); -1 when out of memory. */
static int letter_height(vt_page *page)
{
    /* A bilevel page is never reduced: its one measure is both. */
    if (pixGetDepth(page->image) == 1)
        return median_letter_height(page, 1);
    int full = 0;
    if (page->dpi < CLEAR_DPI) {
        full = median_letter_height(page, 1);
        if (full <= 0 || full >= MIN_HEIGHT)
            return full;
    }
    int half = median_letter_height(page, 2);
    if (half < 0 || half >= CLEAR_HEIGHT)
        return half;
    return page->dpi < CLEAR_DPI ? full : median_letter_height(page, 1);
}

/* The enlargement for a page whose letters are `height` px: 1 when it needs none. */
static double scale_factor(const vt_page *page, int height, double max_megapixels)
{
    if (height <= 0 || height >= MIN_HEIGHT)
        return 1;
    double factor = fmin((double)TARGET_HEIGHT / height, MAX_FACTOR);
    double pixels = (double)pixGetWidth(page->image) * pixGetHeight(page->image);
    double limit = fmin(MAX_MEGAPIXELS, max_megapixels) * 1e6;
    if (pixels * factor * factor > limit)
        factor = sqrt(limit / pixels);
    return factor;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    if (!page->image)
        return VT_OK;
    int height = letter_height(page);
    if (height < 0)
        return vt_stage_fail(ctx, "out of memory");
    double max_mp = vt_stage_context_options(ctx)->max_megapixels;
    double factor = scale_factor(page, height, max_mp > 0 ? max_mp : MAX_MEGAPIXELS);
    if (factor <= 1)
        return VT_OK;
    /* Grey first: a 1-bpp page enlarged as 1 bpp would be replicated into
     * staircases; interpolated grey keeps the strokes' edges for Tesseract's own
     * binarisation. */
    PIX *grey = pixGetDepth(page->image) == 1 ? pixConvertTo8(page->image, 0)
                                              : pixClone(page->image);
    PIX *large = grey ? pixScale(grey, (float)factor, (float)factor) : NULL;
    pixDestroy(&grey);
    if (!large)
        return vt_stage_fail(ctx, "out of memory");
    /* The resolution the text now has, measured by the ruler above. */
    int dpi = (int)lround(height / HEIGHT_PER_DPI * factor);
    pixSetResolution(large, dpi, dpi);
    /* pixScale rounds the size; the measured ratio is what the pixels moved by. */
    vt_page_scaled(page, (double)pixGetWidth(large) / page->width);
    vt_page_forget_binary(page);
    pixDestroy(&page->image);
    page->image = large;
    page->width = pixGetWidth(large);
    page->height = pixGetHeight(large);
    page->dpi = dpi;
    return VT_OK;
}

const vt_stage vt_stage_resolution = {
    .name = "resolution",
    .summary = "enlarge pages whose text is small (phone photos, faxes, screen-resolution "
               "files) to 200-dpi text size, measured from the letters",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
