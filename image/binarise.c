/*
 * binarise.c — the 1-bpp copy of a page that the image stages (resolution, deskew)
 * measure on.
 *
 * Otsu on a background-normalised copy, with Leptonica's recommended parameters:
 * shadows and grey paper do not turn into ink, as a global threshold would make
 * them. This is pixOtsuThreshOnBackgroundNorm() taken apart, with the same result
 * bit for bit but without its full-page copies: that function converts the page
 * with a copy even when it is 8 bpp already, and thresholds through
 * pixOtsuAdaptiveThreshold() with a single tile, which copies the normalised page
 * twice more (once to take a histogram, once as "the tile") and pastes the result
 * into a third image. On this machine every new page-sized image costs its page
 * faults; without them a 200-dpi page binarises in 26 ms instead of 80–90, a
 * 300-dpi page in 70 ms instead of 210 (halved pages: 8 and 22 ms, as before).
 */
#include "binarise.h"

#include <leptonica/allheaders.h>

#define NORM_TILE_W 10
#define NORM_TILE_H 15
#define NORM_THRESH 100
#define NORM_MINCOUNT 50
#define NORM_BGVAL 255
#define NORM_SMOOTH 2
#define NORM_SCOREFRACT 0.1f

/* `image` as 8-bpp grey, reduced `reduction` times: a clone when it already is
 * plain grey at full size (nothing below writes to it). */
static PIX *grey_view(PIX *image, int reduction)
{
    PIX *grey = pixGetDepth(image) == 8 && !pixGetColormap(image) ? pixClone(image)
                                                                  : pixConvertTo8(image, 0);
    if (grey && reduction == 2) {
        PIX *half = pixScaleAreaMap2(grey);
        pixDestroy(&grey);
        grey = half;
    }
    return grey;
}

/* The global threshold pixOtsuThreshOnBackgroundNorm finds on the normalised page
 * (Leptonica's modified Otsu on the whole page's histogram); -1 on failure. */
static l_int32 split_threshold(PIX *normalised)
{
    NUMA *histogram = pixGetGrayHistogram(normalised, 1);
    l_int32 threshold = -1;
    if (!histogram || numaSplitDistribution(histogram, NORM_SCOREFRACT, &threshold, NULL,
                                            NULL, NULL, NULL, NULL) != 0)
        threshold = -1;
    numaDestroy(&histogram);
    return threshold;
}

PIX *vt_binarise(PIX *image, int reduction)
{
    if (pixGetDepth(image) == 1)
        return pixClone(image);
    PIX *grey = grey_view(image, reduction);
    PIX *normalised = grey ? pixBackgroundNorm(grey, NULL, NULL, NORM_TILE_W, NORM_TILE_H,
                                               NORM_THRESH, NORM_MINCOUNT, NORM_BGVAL,
                                               NORM_SMOOTH, NORM_SMOOTH)
                           : NULL;
    pixDestroy(&grey);
    l_int32 threshold = normalised ? split_threshold(normalised) : -1;
    PIX *binary = threshold >= 0 ? pixThresholdToBinary(normalised, threshold) : NULL;
    pixDestroy(&normalised);
    return binary;
}
