/*
 * binarise.c — the 1-bpp copy of a page that the image stages (resolution, deskew)
 * measure on.
 *
 * Otsu on a background-normalised copy, with Leptonica's recommended parameters:
 * shadows and grey paper do not turn into ink, as a global threshold would make
 * them. Binarising is the costly part of those measurements (about 500 ms on a
 * 300-dpi page), so callers may ask for the page halved first (about 40 ms);
 * letters and text lines are still well measured at 150 dpi.
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

PIX *vt_binarise(PIX *image, int reduction)
{
    if (pixGetDepth(image) == 1)
        return pixClone(image);
    PIX *grey = pixConvertTo8(image, 0);
    if (grey && reduction == 2) {
        PIX *half = pixScaleAreaMap2(grey);
        pixDestroy(&grey);
        grey = half;
    }
    if (!grey)
        return NULL;
    PIX *binary = pixOtsuThreshOnBackgroundNorm(grey, NULL, NORM_TILE_W, NORM_TILE_H,
                                                NORM_THRESH, NORM_MINCOUNT, NORM_BGVAL,
                                                NORM_SMOOTH, NORM_SMOOTH, NORM_SCOREFRACT,
                                                NULL);
    pixDestroy(&grey);
    return binary;
}
