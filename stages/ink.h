/*
 * ink.h — red and violet stamp ink on a colour page, for the stages that find
 * what was stamped on it (receipt_stamp, seal).
 */
#ifndef VT_INK_H
#define VT_INK_H

#include <leptonica/allheaders.h>
#include <stdbool.h>

/* The pixel as a soft ink layer's grey (0 black … 255 white): dark in proportion
 * to its colour when its hue is a stamp's, paper, print and pen white. Edge pixels JPEG and anti-aliasing left
 * half-coloured fall under the mask's threshold; here they keep a grey that
 * Tesseract's own thresholding weighs with their neighbours. */
l_int32 vt_ink_grey(l_int32 r, l_int32 g, l_int32 b);

/* Whether a pixel is stamp ink: coloured enough, of a red to violet hue. */
bool vt_ink_is_stamp(l_int32 r, l_int32 g, l_int32 b);

/* 1 bpp mask of the stamp-coloured pixels of a 32 bpp page; NULL when memory ran
 * out. */
PIX *vt_ink_mask(PIX *page);

/* The coloured ink (stamp or pen) in `box` of a 32 bpp page as an 8 bpp layer,
 * dark on white, print and paper white, faded ink stretched to full dark; NULL
 * when memory ran out. */
PIX *vt_ink_layer(PIX *page, BOX *box);

#endif /* VT_INK_H */
