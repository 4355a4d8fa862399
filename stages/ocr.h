/*
 * ocr.h — the ocr stage's Tesseract handle, for the stages after it that read a
 * part of the page again (page_number): `vie` takes a while to load and a
 * session needs it once.
 */
#ifndef VT_OCR_H
#define VT_OCR_H

#include <tesseract/capi.h>

#include "stage.h"

/* The session's handle, loaded on first use; NULL (with the stage failed on ctx)
 * when the language cannot be loaded. Page segmentation is PSM_AUTO: a caller that
 * changes it sets it back. */
TessBaseAPI *vt_ocr_session_handle(vt_stage_context *ctx);

/* Read a part of a page (`image`, at `dpi`) with that handle in segmentation mode
 * `mode`, and set the handle back to PSM_AUTO. `scale` enlarges it first, as if
 * scanned at scale × dpi: small lettering (a stamp's, a lone word or digit) is a
 * small image for Tesseract's models, which read it better at twice the size.
 * The text (malloc'd; NULL when there is none or memory ran out) and, unless
 * `confidence` is NULL, Tesseract's mean confidence in it (0–100). */
char *vt_ocr_read_part(TessBaseAPI *api, struct Pix *image, int dpi, float scale,
                       TessPageSegMode mode, float *confidence);

#endif /* VT_OCR_H */
