/*
 * ink.h — red and violet stamp ink on a colour page, for the stages that find
 * what was stamped on it (receipt_stamp, seal).
 */
#ifndef VT_INK_H
#define VT_INK_H

#include <leptonica/allheaders.h>

/* The pixel as a soft ink layer's grey (0 black … 255 white): full dark a little
 * above the mask's threshold, paper well below it. Edge pixels JPEG and
 * anti-aliasing left half-coloured fall under the mask's threshold; here they
 * keep a grey that Tesseract's own thresholding weighs with their neighbours. */
l_int32 vt_ink_grey(l_int32 r, l_int32 g, l_int32 b);

/* 1 bpp mask of the stamp-coloured pixels of a 32 bpp page; NULL when memory ran
 * out. */
PIX *vt_ink_mask(PIX *page);

#endif /* VT_INK_H */
