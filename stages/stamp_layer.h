/*
 * stamp_layer.h — a receipt stamp's box made ready for reading its lines.
 */
#ifndef VT_STAMP_LAYER_H
#define VT_STAMP_LAYER_H

#include <leptonica/allheaders.h>

/* A copy of `layer` (8 bpp, dark ink on white, the stamp's box upright) with the
 * frame's rules and the large "ĐẾN" letters painted white, so that what is left
 * is the stamp's lines of small lettering; `dpi` is the layer's. NULL when
 * memory ran out. */
PIX *vt_stamp_layer_lines(PIX *layer, int dpi);

#endif /* VT_STAMP_LAYER_H */
