/*
 * ink.c — red and violet stamp ink on a colour page.
 *
 * Stamp and seal ink is pre-engraved red or violet (Decree 30/2020); black print
 * and blue pen are neither. Red has red clearly above green; violet also has blue
 * above green. Grey (print, paper) has all three alike.
 */
#include "ink.h"

/* Above this a pixel is stamp ink (see inkness). */
#define INK_MARGIN 50

/* How far a pixel is from grey towards red or violet: red over green, and red or
 * blue over the other. */
static l_int32 inkness(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 hue = r - b > b - g ? r - b : b - g;
    return r - g < hue ? r - g : hue;
}

/* From paper at 40 below INK_MARGIN to full dark at 20 above it. */
l_int32 vt_ink_grey(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 dark = (inkness(r, g, b) - (INK_MARGIN - 40)) * 255 / 60;
    return 255 - (dark < 0 ? 0 : dark > 255 ? 255 : dark);
}

PIX *vt_ink_mask(PIX *page)
{
    l_int32 w = pixGetWidth(page), h = pixGetHeight(page);
    PIX *mask = pixCreate(w, h, 1);
    if (!mask)
        return NULL;
    l_uint32 *src = pixGetData(page), *dst = pixGetData(mask);
    l_int32 swpl = pixGetWpl(page), dwpl = pixGetWpl(mask);
    for (l_int32 y = 0; y < h; y++)
        for (l_int32 x = 0; x < w; x++) {
            l_int32 r, g, b;
            extractRGBValues(src[y * swpl + x], &r, &g, &b);
            if (inkness(r, g, b) > INK_MARGIN)
                SET_DATA_BIT(dst + y * dwpl, x);
        }
    return mask;
}
