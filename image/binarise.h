/*
 * binarise.h — the 1-bpp copy of a page image that the image stages measure on.
 */
#ifndef VT_BINARISE_H
#define VT_BINARISE_H

struct Pix;

/* A new 1-bpp copy of `image` (any depth), black ink on white, reduced `reduction`
 * times (1, or 2 by area mapping before thresholding); NULL when out of memory.
 * A 1-bpp image is never reduced: the result is a clone. */
struct Pix *vt_binarise(struct Pix *image, int reduction);

#endif /* VT_BINARISE_H */
