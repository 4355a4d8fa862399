/*
 * ocr — recognise each page image and fill blocks, lines and words with their
 * boxes, confidences and alternative readings.
 *
 * The reading itself is the OCR service's (pipeline/ocr_service.h), which owns
 * the Tesseract handle; this stage decides which pages are read and says so
 * when a page gave no text. A page stage: the runner hands it one decoded page
 * at a time.
 */
#include "ocr_service.h"
#include "stages.h"

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image)
        return VT_OK;       /* a page that came with text (a PDF text layer) */
    if (vt_ocr_read_page(ctx, doc, page) != VT_OK)
        return VT_ERROR;
    if (vt_page_word_count(page) == 0)
        vt_document_warn(doc, vt_stage_ocr.name, page->number, "no text found on the page");
    return VT_OK;
}

const vt_stage vt_stage_ocr = {
    .name = "ocr",
    .summary = "recognise page images with Tesseract (words, boxes, confidences)",
    .flags = VT_STAGE_REQUIRED | VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
