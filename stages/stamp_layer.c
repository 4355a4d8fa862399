/*
 * stamp_layer — take the frame and the big "ĐẾN" out of a receipt stamp's box
 * before its lettering is read.
 *
 * Read as one block, a stamp's box gives Tesseract two things it cannot place:
 * the frame's rules, which it reads as dashes or as letters where they touch the
 * organisation's line ("—_—", "tUIND"), and "ĐẾN", drawn two lines high beside
 * "Số:" and "Ngày:", which makes one text line of two ("Đ N Ngày 13/7"). Both are
 * told by form alone, so it works on any ink: rules are long thin runs (found by
 * an opening along them after a small dilation across, so a stamp set down a few
 * degrees askew still gives unbroken runs); "ĐẾN" is the set of glyphs far taller
 * than the lettering's median, with their marks, which sit in the box they span.
 * A third thing it misreads is cleared too: the dot inside a dotted zero (a
 * numbering stamp's face), which it takes for a 9.
 */
#include "stamp_layer.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Darker than this is ink in the layer. */
#define INK_CUT 160
/* A rule runs at least this share of the box's side: the frame's sides run
 * nearly all of it, a tall letter's stem ("Đ" of "ĐẾN" is a fifth of the box's
 * height) far less. */
#define RULE_SHARE_ALONG 0.35
#define RULE_SHARE_UP 0.5
/* A glyph this many times the lettering's median height is one of "ĐẾN"'s. */
#define BIG_GLYPH 2.2

/* The rules: long runs along either axis, dilated to cover their fringes. */
static PIX *rules_of(PIX *ink)
{
    l_int32 w = pixGetWidth(ink), h = pixGetHeight(ink);
    /* a frame set down 2° askew drifts 6 px over a third of a 470 px box */
    l_int32 across = 9;
    PIX *hthick = pixDilateBrick(NULL, ink, 1, across);
    PIX *vthick = pixDilateBrick(NULL, ink, across, 1);
    l_int32 along = (l_int32)(RULE_SHARE_ALONG * w) | 1, up = (l_int32)(RULE_SHARE_UP * h) | 1;
    PIX *hrules = hthick ? pixOpenBrick(NULL, hthick, along, 1) : NULL;
    PIX *vrules = vthick ? pixOpenBrick(NULL, vthick, 1, up) : NULL;
    PIX *rules = hrules && vrules ? pixOr(NULL, hrules, vrules) : NULL;
    pixDestroy(&hthick);
    pixDestroy(&vthick);
    pixDestroy(&hrules);
    pixDestroy(&vrules);
    if (rules)
        pixDilateBrick(rules, rules, 3, 3);
    return rules;
}

static int compare_ints(const void *a, const void *b)
{
    return *(const l_int32 *)a - *(const l_int32 *)b;
}

/* The median height of the glyphs at least `min_h` tall; 0 when there are none. */
static l_int32 median_height(BOXA *glyphs, l_int32 min_h)
{
    l_int32 n = boxaGetCount(glyphs), kept = 0;
    l_int32 *heights = malloc(sizeof *heights * (size_t)(n ? n : 1));
    if (!heights)
        return 0;
    for (l_int32 i = 0; i < n; i++) {
        l_int32 w, h;
        boxaGetBoxGeometry(glyphs, i, NULL, NULL, &w, &h);
        if (h >= min_h)
            heights[kept++] = h;
    }
    qsort(heights, (size_t)kept, sizeof *heights, compare_ints);
    l_int32 median = kept ? heights[kept / 2] : 0;
    free(heights);
    return median;
}

/* Whether a glyph could be one of "ĐẾN"'s: a letter's shape, not a thin stroke
 * (a frame remnant, a pen line) and well inside the box. */
static bool letter_shaped(l_int32 w, l_int32 h, l_int32 median, l_int32 bw, l_int32 bh)
{
    return 2 * w >= median && w < bw / 3 && h < 2 * bh / 3;
}

/* Paint white the big "ĐẾN" glyphs of `out` and the marks over them. The tallest
 * letters are "ĐẾN"'s when they stand far above the lettering's median (the
 * three are as tall as each other, and the word is short). Its marks (the
 * circumflex and acute of Ế) are the small glyphs just above it; the
 * organisation's letters there are of the median's height and stay. */
static void clear_big_word(PIX *out, PIX *ink, int dpi)
{
    BOXA *glyphs = pixConnComp(ink, NULL, 8);
    if (!glyphs)
        return;
    l_int32 bw = pixGetWidth(ink), bh = pixGetHeight(ink), n = boxaGetCount(glyphs);
    l_int32 median = median_height(glyphs, dpi / 25 > 3 ? dpi / 25 : 3), tallest = 0, t = -1;
    for (l_int32 i = 0; i < n; i++) {
        l_int32 w, h;
        boxaGetBoxGeometry(glyphs, i, NULL, NULL, &w, &h);
        if (letter_shaped(w, h, median, bw, bh) && h > tallest) {
            tallest = h;
            t = i;
        }
    }
    bool *big = calloc(n > 0 ? (size_t)n : 1, sizeof *big);
    l_int32 x0 = 0, y0 = 0, x1 = -1, y1 = 0;
    if (big && t >= 0 && median && tallest >= BIG_GLYPH * median) {
        l_int32 tw;
        boxaGetBoxGeometry(glyphs, t, &x0, &y0, &tw, NULL);
        x1 = x0 + tw;
        y1 = y0 + tallest;
        big[t] = true;
        /* grow the word from its tallest letter: letters as tall, on its line,
         * at most half a letter's height from it */
        for (bool grew = true; grew;) {
            grew = false;
            for (l_int32 i = 0; i < n; i++) {
                l_int32 x, y, w, h;
                boxaGetBoxGeometry(glyphs, i, &x, &y, &w, &h);
                if (big[i] || !letter_shaped(w, h, median, bw, bh) || 4 * h < 3 * tallest)
                    continue;
                l_int32 overlap = (y + h < y1 ? y + h : y1) - (y > y0 ? y : y0);
                l_int32 gap = x > x1 ? x - x1 : x0 > x + w ? x0 - (x + w) : 0;
                if (2 * overlap < h || 2 * gap > tallest)
                    continue;
                big[i] = grew = true;
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x + w > x1 ? x + w : x1;
                y1 = y + h > y1 ? y + h : y1;
            }
        }
    }
    if (big && x1 >= 0 && 2 * (x1 - x0) <= bw) {
        l_int32 top = y0 - (y1 - y0) / 2;
        for (l_int32 i = 0; i < n; i++) {
            BOX *box = boxaGetBox(glyphs, i, L_CLONE);
            l_int32 x, y, w, h;
            boxGetGeometry(box, &x, &y, &w, &h);
            bool mark = h < median && x >= x0 && x + w <= x1 && y >= top && y + h <= y1;
            if (big[i] || mark)
                pixSetInRect(out, box);     /* all bits set: white at 8 bpp */
            boxDestroy(&box);
        }
    }
    free(big);
    boxaDestroy(&glyphs);
}

/* Paint white what lies inside a glyph's hole: the dot of a dotted zero, which
 * Tesseract reads as 9 ("2922" for 2022, "9458" for 0458) — a numbering stamp's
 * monospace face and many typewriter faces draw their zero so. No letter or
 * digit otherwise holds a separate mark inside its counter. */
static bool clear_dots_in_holes(PIX *out, PIX *ink)
{
    PIX *holes = pixHolesByFilling(ink, 4);
    PIX *inside = holes ? pixHolesByFilling(holes, 4) : NULL;
    bool ok = inside != NULL;
    if (ok)
        pixPaintThroughMask(out, inside, 0, 0, 255);
    pixDestroy(&holes);
    pixDestroy(&inside);
    return ok;
}

PIX *vt_stamp_layer_lines(PIX *layer, int dpi)
{
    PIX *out = pixCopy(NULL, layer);
    PIX *ink = out ? pixThresholdToBinary(layer, INK_CUT) : NULL;
    PIX *rules = ink ? rules_of(ink) : NULL;
    if (!rules) {
        pixDestroy(&out);
        pixDestroy(&ink);
        return NULL;
    }
    pixPaintThroughMask(out, rules, 0, 0, 255);
    pixSubtract(ink, ink, rules);
    clear_big_word(out, ink, dpi);
    if (!clear_dots_in_holes(out, ink)) {
        pixDestroy(&out);
        pixDestroy(&ink);
        pixDestroy(&rules);
        return NULL;
    }
    pixDestroy(&ink);
    pixDestroy(&rules);
    return out;
}
