/*
 * ink.h — red and violet stamp ink on a colour page, for the stages that find
 * what was stamped on it (receipt_stamp, seal).
 */
#ifndef VT_INK_H
#define VT_INK_H

#include <leptonica/allheaders.h>

/* The pixel as a soft ink layer's grey (0 black … 255 white), for the seal's
 * ring: dark in proportion to how far red is above green and blue, paper, print
 * and pen white. Edge pixels JPEG and anti-aliasing left half-coloured fall
 * under the mask's threshold; here they keep a grey that Tesseract's own
 * thresholding weighs with their neighbours. */
l_int32 vt_ink_grey(l_int32 r, l_int32 g, l_int32 b);

/* 1 bpp mask of the stamp-coloured pixels of a 32 bpp page; NULL when memory ran
 * out. */
PIX *vt_ink_mask(PIX *page);

/* The coloured ink (stamp or pen) in `box` of a 32 bpp page as an 8 bpp layer,
 * dark on white, print and paper white, faded ink stretched to full dark; NULL
 * when memory ran out. */
PIX *vt_ink_layer(PIX *page, BOX *box);

#endif /* VT_INK_H */
