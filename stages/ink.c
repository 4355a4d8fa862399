/*
 * ink.c — red and violet stamp ink on a colour page.
 *
 * Stamp and seal ink is pre-engraved red or violet (Decree 30/2020); black print
 * has no colour and blue pen lies between them on the hue circle. A pixel is
 * told by its chroma (brightest minus darkest channel) and its hue: stamp ink is
 * red (hue 330°–30°) to violet (245°–330°); ballpoint blue is 200°–245°.
 * Measured on independently made scans: faded red at (172, 117, 124) is hue 352°
 * chroma 55; a bluish violet at (131, 113, 178) is hue 257° chroma 65; blue pen
 * sits at 220°–240°. An older rule, "red clearly above green", missed both the
 * faded red and every bluish violet (red only 18 above green).
 */
#include "ink.h"

#include <stdbool.h>
#include <stdlib.h>

/* Above this chroma a pixel of a stamp hue is ink; JPEG's chroma noise round
 * black print stays under 20–30. */
#define INK_CHROMA 36
/* Stamp hues, degrees: from violet through magenta and red to orange-red. */
#define HUE_FROM 245
#define HUE_TO 30

static l_int32 max3(l_int32 a, l_int32 b, l_int32 c)
{
    return a > b ? (a > c ? a : c) : (b > c ? b : c);
}

static l_int32 min3(l_int32 a, l_int32 b, l_int32 c)
{
    return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

/* Hue in degrees 0–359 of a pixel with chroma > 0. */
static l_int32 hue_of(l_int32 r, l_int32 g, l_int32 b, l_int32 hi, l_int32 chroma)
{
    l_int32 h;
    if (hi == r)
        h = 60 * (g - b) / chroma;
    else if (hi == g)
        h = 120 + 60 * (b - r) / chroma;
    else
        h = 240 + 60 * (r - g) / chroma;
    return (h + 360) % 360;
}

/* The pixel's chroma when its hue is a stamp's, else 0. */
static l_int32 stamp_chroma(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 hi = max3(r, g, b), chroma = hi - min3(r, g, b);
    if (chroma == 0)
        return 0;
    l_int32 hue = hue_of(r, g, b, hi, chroma);
    return hue >= HUE_FROM || hue <= HUE_TO ? chroma : 0;
}

/* How far a pixel is from grey towards red or violet: red over green, and red or
 * blue over the other. A narrower measure than the mask's (bluish violet scores
 * low), kept for the seal's ring, whose reading is tuned to it. */
static l_int32 redness(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 hue = r - b > b - g ? r - b : b - g;
    return r - g < hue ? r - g : hue;
}

l_int32 vt_ink_grey(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 dark = (redness(r, g, b) - 10) * 255 / 60;
    return 255 - (dark < 0 ? 0 : dark > 255 ? 255 : dark);
}

/* Whether a pixel is stamp ink: coloured enough, of a red to violet hue. */
static bool is_stamp_ink(l_int32 r, l_int32 g, l_int32 b)
{
    return stamp_chroma(r, g, b) > INK_CHROMA;
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
            if (is_stamp_ink(r, g, b))
                SET_DATA_BIT(dst + y * dwpl, x);
        }
    return mask;
}

/* How much of a pixel's darkness is coloured ink: none below a chroma of 15
 * (paper, print and JPEG's noise round print), all above 45. */
static l_int32 ink_share(l_int32 r, l_int32 g, l_int32 b)
{
    l_int32 chroma = max3(r, g, b) - min3(r, g, b);
    return chroma <= 15 ? 0 : chroma >= 45 ? 256 : (chroma - 15) * 256 / 30;
}

PIX *vt_ink_layer(PIX *page, BOX *box)
{
    PIX *clip = pixClipRectangle(page, box, NULL);
    l_int32 w = clip ? pixGetWidth(clip) : 0, h = clip ? pixGetHeight(clip) : 0;
    PIX *grey = clip ? pixCreate(w, h, 8) : NULL;
    l_int32 *dark = grey ? malloc(sizeof *dark * (size_t)w * (size_t)h) : NULL;
    if (!dark) {
        pixDestroy(&clip);
        pixDestroy(&grey);
        return NULL;
    }
    /* JPEG keeps colour at half resolution: chroma tells where the ink is, but
     * blurred; the darkest channel carries the strokes' full-resolution shape. */
    l_uint32 *src = pixGetData(clip);
    l_int32 swpl = pixGetWpl(clip), hist[256] = {0}, inked = 0;
    for (l_int32 y = 0; y < h; y++)
        for (l_int32 x = 0; x < w; x++) {
            l_int32 r, g, b;
            extractRGBValues(src[y * swpl + x], &r, &g, &b);
            l_int32 d = (255 - min3(r, g, b)) * ink_share(r, g, b) / 256;
            dark[y * w + x] = d;
            if (d > 20) {
                hist[d]++;
                inked++;
            }
        }
    /* Faded ink is stretched so its strokes are as dark as fresh ink's: the 90th
     * percentile of the inked pixels becomes black. */
    l_int32 full = 255;
    for (l_int32 d = 255, seen = 0; d > 20 && inked; d--) {
        seen += hist[d];
        if (10 * seen >= inked) {
            full = d;
            break;
        }
    }
    l_uint32 *dst = pixGetData(grey);
    l_int32 dwpl = pixGetWpl(grey);
    for (l_int32 y = 0; y < h; y++)
        for (l_int32 x = 0; x < w; x++) {
            l_int32 d = dark[y * w + x] * 255 / full;
            SET_DATA_BYTE(dst + y * dwpl, x, 255 - (d > 255 ? 255 : d));
        }
    free(dark);
    pixDestroy(&clip);
    return grey;
}
