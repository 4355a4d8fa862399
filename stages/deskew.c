/*
 * deskew — straighten a page that went through the scanner or the camera a few
 * degrees askew.
 *
 * Tesseract finds text lines as horizontal runs of ink; on a page turned by a
 * degree or two neighbouring lines' letters share rows, line finding breaks lines
 * apart or merges them, and recognition suffers. Leptonica measures the skew on a
 * binarised copy: it shears the page over a range of angles and keeps the one
 * whose row sums are most contrasted (the text lines line up), first coarsely on
 * a reduced copy, then by binary search. When the angle is clear and large
 * enough to matter the page is rotated back (area mapping for grey and colour,
 * white brought in at the corners). A straight page, or one whose skew
 * Leptonica is not sure of, is left exactly as it was: rotating costs sharpness.
 */
#include <leptonica/allheaders.h>
#include <math.h>

#include "stages.h"

/*
 * Sweep ±SWEEP_RANGE degrees in SWEEP_STEP steps on a copy reduced SWEEP_REDUCTION
 * times, then search by bisection down to SEARCH_PRECISION on a copy reduced
 * SEARCH_REDUCTION times (Leptonica's defaults for pixFindSkew): at 300 dpi that
 * is 75 and 150 dpi, plenty to see text lines, and cheap.
 */
#define SWEEP_RANGE 7.0f
#define SWEEP_STEP 1.0f
#define SWEEP_REDUCTION 4
#define SEARCH_REDUCTION 2
#define SEARCH_PRECISION 0.01f

/*
 * Pages of HALVE_DPI and more are halved (area mapping) before binarisation and
 * searched with half the reductions: the same 75/150 dpi for the search, and the
 * binarisation, the costly part, runs on a quarter of the pixels (measured on a
 * 300-dpi page: 570 → 40 ms; the angle found moved by 0.02°).
 */
#define HALVE_DPI 250

/*
 * Below MIN_ANGLE degrees Tesseract reads the page as well straight as rotated
 * (a 0.2° skew moves a line by 7 px across an A4 page at 300 dpi, a fraction of
 * a line's height), while the interpolation of a rotation blurs every stroke.
 * MIN_CONFIDENCE is Leptonica's own measure (the best score over the mean one,
 * 0 when the search failed); Leptonica's pixDeskew uses the same 3.0.
 */
#define MIN_ANGLE 0.2f
#define MIN_CONFIDENCE 3.0f

/* Strict C17 has no M_PI. */
#define RADIANS_PER_DEGREE 0.017453292519943295f

/* The angle (degrees) that straightens the page and Leptonica's confidence in
 * it; false when the page could not be measured (out of memory). The binarised
 * page is usually the one resolution measured on (vt_page_binary), unless
 * orientation turned the page since. */
static bool measure_skew(vt_page *page, float *angle, float *confidence)
{
    *angle = 0;
    *confidence = 0;
    int halve = page->dpi >= HALVE_DPI && pixGetDepth(page->image) > 1 ? 2 : 1;
    PIX *binary = vt_page_binary(page, halve);
    if (!binary)
        return false;
    /* A page too small for the reductions (a thumbnail, a strip) has no lines to
     * measure; Leptonica then reports confidence 0 and the page stays. */
    l_int32 failed = pixFindSkewSweepAndSearch(binary, angle, confidence,
                                               SWEEP_REDUCTION / halve,
                                               SEARCH_REDUCTION / halve, SWEEP_RANGE,
                                               SWEEP_STEP, SEARCH_PRECISION);
    pixDestroy(&binary);
    if (failed)
        *confidence = 0;
    return true;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    if (!page->image)
        return VT_OK;
    float angle, confidence;
    if (!measure_skew(page, &angle, &confidence))
        return vt_stage_fail(ctx, "out of memory");
    if (confidence < MIN_CONFIDENCE || fabsf(angle) < MIN_ANGLE)
        return VT_OK;
    /* Area mapping keeps grey strokes smooth; it does not exist for 1 bpp, where
     * shearing moves whole pixels instead. Same size: the corners that turn out
     * are page margin. */
    l_int32 method = pixGetDepth(page->image) == 1 ? L_ROTATE_SHEAR : L_ROTATE_AREA_MAP;
    PIX *straight = pixRotate(page->image, angle * RADIANS_PER_DEGREE, method,
                              L_BRING_IN_WHITE, 0, 0);
    if (!straight)
        return vt_stage_fail(ctx, "out of memory");
    pixCopyResolution(straight, page->image);
    vt_page_rotated(page, angle * RADIANS_PER_DEGREE, page->width, page->height);
    vt_page_forget_binary(page);
    pixDestroy(&page->image);
    page->image = straight;
    page->width = pixGetWidth(straight);
    page->height = pixGetHeight(straight);
    return VT_OK;
}

const vt_stage vt_stage_deskew = {
    .name = "deskew",
    .summary = "straighten pages scanned a few degrees askew (Leptonica skew search; "
               "only when the angle is clear and above 0.2°)",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
