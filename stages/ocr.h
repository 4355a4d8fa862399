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

#endif /* VT_OCR_H */
