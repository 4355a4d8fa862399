/*
 * ocr_service.h — Tesseract as a service of the session: the one place that
 * holds a Tesseract handle, its page segmentation mode and its settings.
 *
 * Stages ask for readings (a whole page into words, a part of a page into text,
 * a page's orientation) and get vanthu's own types back; none of them sees
 * Tesseract, and none has to put a mode back after use. Handles are loaded on
 * first use (`vie` takes a while) and kept per session (Tesseract is not safe to
 * share between threads).
 */
#ifndef VT_OCR_SERVICE_H
#define VT_OCR_SERVICE_H

#include <stdbool.h>

#include "stage.h"

struct Pix;

/* How a part of a page is laid out, for vt_ocr_read_part. */
typedef enum vt_ocr_layout {
    VT_OCR_ONE_LINE,            /* a single line of text */
    VT_OCR_ONE_BLOCK,           /* a single block of lines (a stamp's) */
    VT_OCR_DIGITS_LINE,         /* a single line read as digits and the separators
                                 * of numbers and dates only (0-9 / . - :) */
} vt_ocr_layout;

/* Recognise the page's image (at page->dpi) with automatic page segmentation,
 * as the tesseract command does, and add its paragraphs, lines and words with
 * boxes, confidences and each symbol's alternative readings; sets
 * page->mean_confidence. The caller's --page-timeout and progress callback
 * apply. VT_ERROR after vt_stage_fail. */
vt_status vt_ocr_read_page(vt_stage_context *ctx, vt_document *doc, vt_page *page);

/* The session's reader for parts of a page, loaded on first use; NULL (with the
 * stage failed on ctx) when the language cannot be loaded. A stage asks for it
 * before its first reading, so a missing language fails the stage that needs it. */
typedef struct vt_ocr vt_ocr;
vt_ocr *vt_ocr_session(vt_stage_context *ctx);

/* Read a part of a page (`image`, at `dpi`) laid out as `layout`. `scale`
 * enlarges it first, as if scanned at scale × dpi: small lettering (a stamp's, a
 * lone word or digit) is a small image for Tesseract's models, which read it
 * better at twice the size. The text (malloc'd; NULL when there is none or
 * memory ran out) and, unless `confidence` is NULL, Tesseract's mean confidence
 * in it (0–100). */
char *vt_ocr_read_part(vt_ocr *ocr, struct Pix *image, int dpi, float scale,
                       vt_ocr_layout layout, float *confidence);

/* Tesseract's orientation detection (OSD) on `image` at `dpi`: *degrees the
 * page's rotation from upright and *confidence the detector's. Returns 1 when it
 * judged, 0 when there was nothing to judge by (a blank page, a photo) or
 * osd.traineddata is not installed (*available false then), -1 after
 * vt_stage_fail. */
int vt_ocr_detect_orientation(vt_stage_context *ctx, struct Pix *image, int dpi, int *degrees,
                              float *confidence, bool *available);

/* The Tesseract version, for --version. */
const char *vt_ocr_engine_version(void);

#endif /* VT_OCR_SERVICE_H */
