/*
 * ocr — recognise each page image with Tesseract and fill blocks, lines and words
 * with their boxes and confidences.
 *
 * Tesseract's other readings of each symbol are kept with the word: they are the
 * evidence the diacritic repair needs to change a letter.
 *
 * One Tesseract handle per session (Tesseract is not safe to share between
 * threads), created on first use because loading `vie` takes a while. Page
 * segmentation is PSM_AUTO, as the tesseract command uses, so results are
 * comparable with it. A page stage: the runner hands it one decoded page at a time.
 */
#include <leptonica/allheaders.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "ocr.h"
#include "progress.h"
#include "stages.h"

static void destroy_handle(void *handle)
{
    TessBaseAPIEnd(handle);
    TessBaseAPIDelete(handle);
}

TessBaseAPI *vt_ocr_session_handle(vt_stage_context *ctx)
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
                           "(apt-get install tesseract-ocr-%s) or name its folder (vanthu --tessdata DIR, "
                           "the tessdata option in the library)",
                      opt->lang, opt->tessdata ? opt->tessdata : "the default tessdata folder",
                      opt->lang);
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    /* Keep the LSTM's per-symbol alternatives for the repair stages: the text is
     * unchanged and it costs about 7% of recognition time (measured). */
    TessBaseAPISetVariable(api, "lstm_choice_mode", "2");
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    if (!vt_stage_context_keep(ctx, &vt_stage_ocr, api, destroy_handle)) {
        destroy_handle(api);
        vt_stage_fail(ctx, "too many per-session resources");
        return NULL;
    }
    return api;
}

char *vt_ocr_read_part(TessBaseAPI *api, PIX *image, int dpi, float scale,
                       TessPageSegMode mode, float *confidence)
{
    PIX *scaled = scale == 1.0f ? pixClone(image) : pixScale(image, scale, scale);
    if (!scaled)
        return NULL;
    TessBaseAPISetPageSegMode(api, mode);
    TessBaseAPISetImage2(api, scaled);
    TessBaseAPISetSourceResolution(api, (int)(scale * dpi));
    char *text = TessBaseAPIGetUTF8Text(api);
    if (confidence)
        *confidence = (float)TessBaseAPIMeanTextConf(api);
    char *copy = text ? strdup(text) : NULL;
    TessDeleteText(text);
    TessBaseAPIClear(api);
    TessBaseAPISetPageSegMode(api, PSM_AUTO);   /* what the ocr stage reads pages with */
    pixDestroy(&scaled);
    return copy;
}

static vt_box iterator_box(TessPageIterator *it, TessPageIteratorLevel level)
{
    int left, top, right, bottom;
    if (!TessPageIteratorBoundingBox(it, level, &left, &top, &right, &bottom))
        return (vt_box){0};
    return (vt_box){.x = left, .y = top, .w = right - left, .h = bottom - top};
}

/* An alternative below this confidence (0–100) is noise, not evidence. */
#define VT_MIN_ALTERNATIVE_CONFIDENCE 1.0f

/* Record the other readings Tesseract considered for the symbol under `ri`. */
static bool collect_alternatives(TessResultIterator *ri, vt_word *word, unsigned symbol)
{
    TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(ri);
    if (!ci)
        return true;
    char *chosen = TessResultIteratorGetUTF8Text(ri, RIL_SYMBOL);
    bool ok = true;
    do {
        const char *text = TessChoiceIteratorGetUTF8Text(ci);
        float confidence = TessChoiceIteratorConfidence(ci);
        if (text && confidence >= VT_MIN_ALTERNATIVE_CONFIDENCE
            && (!chosen || strcmp(text, chosen) != 0))
            ok = vt_word_add_alternative(word, symbol, text, confidence);
    } while (ok && TessChoiceIteratorNext(ci));
    TessDeleteText(chosen);
    TessChoiceIteratorDelete(ci);
    return ok;
}

typedef struct page_builder {
    vt_page *page;
    vt_block *block;
    vt_line *line;
    vt_word *word;          /* the word whose symbols are being read; NULL: skip them */
    unsigned symbol;
} page_builder;

/* At the first symbol of a word: open a block at each paragraph start and a line
 * at each text-line start, then add the word. */
static bool start_word(page_builder *pb, TessResultIterator *ri, TessPageIterator *pi)
{
    pb->word = NULL;
    pb->symbol = 0;
    char *text = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
    /* Tesseract reports ruling lines (under the header, the title) as words of
     * white space; they carry no text. */
    if (!text || text[strspn(text, " \t\n\xC2\xA0")] == '\0') {
        TessDeleteText(text);
        return true;
    }
    bool ok = true;
    if (!pb->block || TessPageIteratorIsAtBeginningOf(pi, RIL_PARA)) {
        ok = (pb->block = vt_page_add_block(pb->page)) != NULL;
        if (ok)
            pb->block->box = iterator_box(pi, RIL_PARA);
        pb->line = NULL;
    }
    if (ok && (!pb->line || TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))) {
        ok = (pb->line = vt_block_add_line(pb->block)) != NULL;
        if (ok)
            pb->line->box = iterator_box(pi, RIL_TEXTLINE);
    }
    if (ok && (pb->word = vt_line_add_word(pb->line, text, strlen(text))) != NULL) {
        pb->word->box = iterator_box(pi, RIL_WORD);
        pb->word->confidence = TessResultIteratorConfidence(ri, RIL_WORD);
    }
    TessDeleteText(text);
    return ok && pb->word;
}

/* Walk Tesseract's result symbol by symbol: words, with their boxes and
 * confidences, and each symbol's alternatives. */
static bool collect_words(TessBaseAPI *api, vt_page *page)
{
    TessResultIterator *ri = TessBaseAPIGetIterator(api);
    if (!ri)
        return true;    /* nothing recognised: an empty page is not an error */
    TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
    page_builder pb = {.page = page};
    bool ok = true;
    do {
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD))
            ok = start_word(&pb, ri, pi);
        if (ok && pb.word)
            ok = collect_alternatives(ri, pb.word, pb.symbol++);
    } while (ok && TessResultIteratorNext(ri, RIL_SYMBOL));
    TessResultIteratorDelete(ri);
    return ok;
}

/* What Tesseract's monitor calls back into: the caller's progress callback. */
typedef struct ocr_watch {
    const vt_options *options;
    vt_document *doc;
    ETEXT_DESC *monitor;
} ocr_watch;

static bool watch_page(void *user, int words)
{
    (void)words;
    ocr_watch *w = user;
    double fraction = TessMonitorGetProgress(w->monitor) / 100.0;
    return vt_progress_report(w->options, w->doc, false, fraction < 0 ? 0 : fraction > 1 ? 1 : fraction);
}

static vt_status recognise_page(TessBaseAPI *api, vt_document *doc, vt_page *page,
                                vt_stage_context *ctx)
{
    TessBaseAPISetImage2(api, page->image);
    TessBaseAPISetSourceResolution(api, page->dpi);
    /* A monitor with a deadline is Tesseract's own way to stop a page that would
     * otherwise run for hours (noise, a photo, a decompression trick); its cancel
     * hook is where the caller's progress callback hears how far the page is. */
    const vt_options *opt = vt_stage_context_options(ctx);
    double timeout = opt->page_timeout;
    ETEXT_DESC *monitor = timeout > 0 || opt->progress ? TessMonitorCreate() : NULL;
    ocr_watch watch = {opt, doc, monitor};
    if (monitor && timeout > 0)
        TessMonitorSetDeadlineMSecs(monitor, timeout * 1000 > INT_MAX ? INT_MAX : (int)(timeout * 1000));
    if (monitor && opt->progress) {
        TessMonitorSetCancelFunc(monitor, watch_page);
        TessMonitorSetCancelThis(monitor, &watch);
    }
    int failed = TessBaseAPIRecognize(api, monitor);
    TessMonitorDelete(monitor);
    if (failed) {
        TessBaseAPIClear(api);
        if (vt_progress_cancelled(doc))
            return vt_stage_fail(ctx, "cancelled");
        return vt_stage_fail(ctx, "Tesseract stopped: the page took longer than the %g s limit "
                                  "(--page-timeout) or could not be read", timeout);
    }
    if (!collect_words(api, page)) {
        TessBaseAPIClear(api);
        return vt_stage_fail(ctx, "out of memory");
    }
    page->mean_confidence = vt_page_word_count(page) ? TessBaseAPIMeanTextConf(api) : -1;
    if (vt_page_word_count(page) == 0)
        vt_document_warn(doc, vt_stage_ocr.name, page->number, "no text found on the page");
    TessBaseAPIClear(api);
    return VT_OK;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image)
        return VT_OK;       /* a page that came with text (a PDF text layer) */
    TessBaseAPI *api = vt_ocr_session_handle(ctx);
    if (!api)
        return VT_ERROR;
    return recognise_page(api, doc, page, ctx);
}

const vt_stage vt_stage_ocr = {
    .name = "ocr",
    .summary = "recognise page images with Tesseract (words, boxes, confidences)",
    .flags = VT_STAGE_REQUIRED | VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
