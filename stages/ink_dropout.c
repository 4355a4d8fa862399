/*
 * ink_dropout — make coloured ink (red and purple stamps and seals, blue
 * handwriting and signatures) vanish before OCR, keeping the black print.
 *
 * Decree 30 prints notices in black; everything coloured on an incoming scan was
 * added later: the red seal, the red or violet "ĐẾN" stamp, blue pen. Scanners
 * have long removed such "dropout colours" by reading one colour channel; the
 * general form is to keep, for every pixel, its brightest channel: saturated ink
 * is bright in its own channel (red ink in R, blue in B, violet in both) and
 * turns light grey, while black print — also where it lies under the ink, which
 * only darkens it — stays dark in every channel. Dark ink is not bright in any
 * channel (a blue ballpoint is about (40, 60, 160)), so the pixel's saturation
 * (brightest minus darkest channel) is added on top: coloured strokes go to paper
 * white instead of mid-grey scribbles that Tesseract takes for a picture and drops
 * with the print lines under them, and grey print, having no saturation, keeps
 * its brightness. A page with no real colour is left untouched.
 */
#include <leptonica/allheaders.h>

#include "stages.h"

/* Colour measure: pixels whose channels differ by more than DIFF, ignoring the
 * near-black and near-white ones; a page is "coloured" above MIN_FRACTION. */
#define DARK 30
#define LIGHT 245
#define DIFF 60
#define MIN_FRACTION 0.0005f
/* Saturation below this is JPEG chroma noise around black print, not ink. */
#define CHROMA_NOISE 20

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    if (!page->image || pixGetDepth(page->image) != 32)
        return VT_OK;
    l_float32 pixel_fraction = 0, colour_fraction = 0;
    if (pixColorFraction(page->image, DARK, LIGHT, DIFF, 2, &pixel_fraction, &colour_fraction))
        return vt_stage_fail(ctx, "cannot measure the page's colours");
    if (pixel_fraction * colour_fraction < MIN_FRACTION)
        return VT_OK;
    PIX *grey = pixConvertRGBToGrayMinMax(page->image, L_CHOOSE_MAX);
    PIX *saturation = pixConvertRGBToGrayMinMax(page->image, L_CHOOSE_MAXDIFF);
    /* Both operations clip: to 0 for the noise floor, to 255 for the sum. */
    bool ok = grey && saturation && pixAddConstantGray(saturation, -CHROMA_NOISE) == 0
              && pixAddGray(grey, grey, saturation) == grey;
    pixDestroy(&saturation);
    if (!ok) {
        pixDestroy(&grey);
        return vt_stage_fail(ctx, "cannot separate the coloured ink");
    }
    pixCopyResolution(grey, page->image);
    pixDestroy(&page->image);
    page->image = grey;
    return VT_OK;
}

const vt_stage vt_stage_ink_dropout = {
    .name = "ink_dropout",
    .summary = "make red/purple stamps and seals and blue pen vanish before OCR, keeping "
               "black print (also under the ink)",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
