/*
 * ocr — recognise each page image with Tesseract and fill blocks, lines and words
 * with their boxes and confidences.
 *
 * One Tesseract handle per session (Tesseract is not safe to share between
 * threads), created on first use because loading `vie` takes a while. Page
 * segmentation is PSM_AUTO, as the tesseract command uses, so results are
 * comparable with it. The page image is released after recognition: nothing later
 * needs it, and a 300-dpi colour page holds about 35 MB.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "stages.h"

static bool applies(const vt_document *doc)
{
    return vt_document_has_images(doc);
}

static void destroy_handle(void *handle)
{
    TessBaseAPIEnd(handle);
    TessBaseAPIDelete(handle);
}

static TessBaseAPI *session_handle(vt_stage_context *ctx)
{
    TessBaseAPI *api = vt_stage_context_resource(ctx, &vt_stage_ocr);
    if (api)
        return api;
    const vt_options *opt = vt_stage_context_options(ctx);
    api = TessBaseAPICreate();
    if (!api) {
        vt_stage_fail(ctx, "out of memory creating the Tesseract engine");
        return NULL;
    }
    /* Tesseract writes warnings ("Estimating resolution…") to stderr; a library must
     * not, so they go nowhere. Real failures still come back as return codes. */
    if (TessBaseAPIInit4(api, opt->tessdata, opt->lang, OEM_LSTM_ONLY, NULL, 0, NULL, NULL, 0,
                         0) != 0) {
        TessBaseAPIDelete(api);
        vt_stage_fail(ctx, "cannot load the Tesseract language '%s' from %s; install it "
                           "(apt-get install tesseract-ocr-%s) or pass --tessdata DIR",
                      opt->lang, opt->tessdata ? opt->tessdata : "the default tessdata folder",
                      opt->lang);
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    if (!vt_stage_context_keep(ctx, &vt_stage_ocr, api, destroy_handle)) {
        destroy_handle(api);
        vt_stage_fail(ctx, "too many per-session resources");
        return NULL;
    }
    return api;
}

static vt_box iterator_box(TessPageIterator *it, TessPageIteratorLevel level)
{
    int left, top, right, bottom;
    if (!TessPageIteratorBoundingBox(it, level, &left, &top, &right, &bottom))
        return (vt_box){0};
    return (vt_box){.x = left, .y = top, .w = right - left, .h = bottom - top};
}

/* Walk Tesseract's result word by word, opening a block at each paragraph start and
 * a line at each text-line start. */
static bool collect_words(TessBaseAPI *api, vt_page *page)
{
    TessResultIterator *ri = TessBaseAPIGetIterator(api);
    if (!ri)
        return true;    /* nothing recognised: an empty page is not an error */
    TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
    vt_block *block = NULL;
    vt_line *line = NULL;
    bool ok = true;
    do {
        char *text = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
        if (!text)
            continue;
        if (*text) {
            if (!block || TessPageIteratorIsAtBeginningOf(pi, RIL_PARA)) {
                ok = (block = vt_page_add_block(page)) != NULL;
                if (ok)
                    block->box = iterator_box(pi, RIL_PARA);
                line = NULL;
            }
            if (ok && (!line || TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))) {
                ok = (line = vt_block_add_line(block)) != NULL;
                if (ok)
                    line->box = iterator_box(pi, RIL_TEXTLINE);
            }
            vt_word *word = ok ? vt_line_add_word(line, text, strlen(text)) : NULL;
            if (word) {
                word->box = iterator_box(pi, RIL_WORD);
                word->confidence = TessResultIteratorConfidence(ri, RIL_WORD);
            }
            ok = word != NULL;
        }
        TessDeleteText(text);
    } while (ok && TessResultIteratorNext(ri, RIL_WORD));
    TessResultIteratorDelete(ri);
    return ok;
}

static vt_status recognise_page(TessBaseAPI *api, vt_document *doc, vt_page *page,
                                vt_stage_context *ctx)
{
    TessBaseAPISetImage2(api, page->image);
    TessBaseAPISetSourceResolution(api, page->dpi);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        TessBaseAPIClear(api);
        return vt_stage_fail(ctx, "page %d: Tesseract could not recognise the page",
                             page->number);
    }
    if (!collect_words(api, page)) {
        TessBaseAPIClear(api);
        return vt_stage_fail(ctx, "out of memory");
    }
    page->mean_confidence = vt_page_word_count(page) ? TessBaseAPIMeanTextConf(api) : -1;
    if (vt_page_word_count(page) == 0)
        vt_document_warn(doc, vt_stage_ocr.name, page->number, "no text found on the page");
    TessBaseAPIClear(api);
    pixDestroy(&page->image);
    return VT_OK;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    TessBaseAPI *api = session_handle(ctx);
    if (!api)
        return VT_ERROR;
    for (size_t i = 0; i < doc->n_pages; i++) {
        vt_page *page = &doc->pages[i];
        if (page->image && recognise_page(api, doc, page, ctx) != VT_OK)
            return VT_ERROR;
    }
    return VT_OK;
}

const vt_stage vt_stage_ocr = {
    .name = "ocr",
    .summary = "recognise page images with Tesseract (words, boxes, confidences)",
    .flags = VT_STAGE_REQUIRED,
    .applies = applies,
    .run = run,
};
