/*
 * ink.h — red and violet stamp ink on a colour page, for the stages that find
 * what was stamped on it (receipt_stamp, seal).
 */
#ifndef VT_INK_H
#define VT_INK_H

#include <leptonica/allheaders.h>

/* Above this a pixel is stamp ink (see vt_inkness). */
#define VT_INK_MARGIN 50

/* How far a pixel is from grey towards red or violet: red over green, and red or
 * blue over the other. */
l_int32 vt_inkness(l_int32 r, l_int32 g, l_int32 b);

/* 1 bpp mask of the stamp-coloured pixels of a 32 bpp page; NULL when memory ran
 * out. */
PIX *vt_ink_mask(PIX *page);

#endif /* VT_INK_H */
