/*
 * ocr_service.c — Tesseract for the stages (ocr_service.h): the session's
 * handles, whole-page recognition into words, readings of parts of a page, and
 * orientation detection.
 *
 * Tesseract's other readings of each symbol are kept with the word: they are the
 * evidence the diacritic repair needs to change a letter. Pages are read with
 * PSM_AUTO, as the tesseract command does, so results are comparable with it;
 * a part read in another mode puts PSM_AUTO back before it returns, so no
 * caller depends on what the one before it did.
 */
#include "ocr_service.h"

#include <leptonica/allheaders.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "progress.h"

/* The keys of the session's resources (vt_stage_context_resource). */
static const char page_reader_key, part_reader_key, orientation_key;

static void destroy_handle(void *handle)
{
    TessBaseAPIEnd(handle);
    TessBaseAPIDelete(handle);
}

/* The session's handle for the notice's language(s); NULL after vt_stage_fail. */
static TessBaseAPI *session_handle(vt_stage_context *ctx)
{
    TessBaseAPI *api = vt_stage_context_resource(ctx, &page_reader_key);
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
    if (!vt_stage_context_keep(ctx, &page_reader_key, api, destroy_handle)) {
        destroy_handle(api);
        vt_stage_fail(ctx, "too many per-session resources");
        return NULL;
    }
    return api;
}

/* The reader of parts: the page reader's handle, whose mode each reading sets
 * and puts back. */
struct vt_ocr {
    TessBaseAPI *api;
};

static void destroy_reader(void *resource)
{
    free(resource);     /* the handle itself is the session's page reader */
}

vt_ocr *vt_ocr_session(vt_stage_context *ctx)
{
    vt_ocr *ocr = vt_stage_context_resource(ctx, &part_reader_key);
    if (ocr)
        return ocr;
    TessBaseAPI *api = session_handle(ctx);
    if (!api)
        return NULL;
    ocr = malloc(sizeof *ocr);
    if (!ocr) {
        vt_stage_fail(ctx, "out of memory");
        return NULL;
    }
    ocr->api = api;
    if (!vt_stage_context_keep(ctx, &part_reader_key, ocr, destroy_reader)) {
        free(ocr);
        vt_stage_fail(ctx, "too many per-session resources");
        return NULL;
    }
    return ocr;
}

char *vt_ocr_read_part(vt_ocr *ocr, PIX *image, int dpi, float scale, vt_ocr_layout layout,
                       float *confidence)
{
    TessBaseAPI *api = ocr->api;
    PIX *scaled = scale == 1.0f ? pixClone(image) : pixScale(image, scale, scale);
    if (!scaled)
        return NULL;
    TessBaseAPISetPageSegMode(api, layout == VT_OCR_ONE_BLOCK ? PSM_SINGLE_BLOCK : PSM_SINGLE_LINE);
    /* A numbering stamp's digit face reads as letters to a model of words ("1944"
     * as "tòá4"); with the alphabet cut to what numbers and dates are made of,
     * the same strokes can only be digits. */
    if (layout == VT_OCR_DIGITS_LINE)
        TessBaseAPISetVariable(api, "tessedit_char_whitelist", "0123456789/.-:");
    TessBaseAPISetImage2(api, scaled);
    TessBaseAPISetSourceResolution(api, (int)(scale * dpi));
    char *text = TessBaseAPIGetUTF8Text(api);
    if (confidence)
        *confidence = (float)TessBaseAPIMeanTextConf(api);
    char *copy = text ? strdup(text) : NULL;
    TessDeleteText(text);
    TessBaseAPIClear(api);
    TessBaseAPISetPageSegMode(api, PSM_AUTO);   /* what pages are read with */
    if (layout == VT_OCR_DIGITS_LINE)
        TessBaseAPISetVariable(api, "tessedit_char_whitelist", "");
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

vt_status vt_ocr_read_page(vt_stage_context *ctx, vt_document *doc, vt_page *page)
{
    TessBaseAPI *api = session_handle(ctx);
    if (!api)
        return VT_ERROR;
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
    TessBaseAPIClear(api);
    return VT_OK;
}

/* Orientation detection has its own handle: it loads "osd", not the notice's
 * language. Its `api` is NULL when osd.traineddata is missing. */
typedef struct osd_handle {
    TessBaseAPI *api;
} osd_handle;

static void destroy_osd(void *resource)
{
    osd_handle *handle = resource;
    if (handle->api)
        destroy_handle(handle->api);
    free(handle);
}

/* Loading "osd" fails only when the file is missing or unreadable. */
static TessBaseAPI *load_osd(const vt_options *opt)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return NULL;
    /* Tesseract reports a missing model on its debug output; a library must not
     * print, and the caller says it in a warning instead. */
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, opt->tessdata, "osd") != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY);
    return api;
}

static osd_handle *session_osd(vt_stage_context *ctx)
{
    osd_handle *handle = vt_stage_context_resource(ctx, &orientation_key);
    if (handle)
        return handle;
    handle = calloc(1, sizeof *handle);
    if (!handle) {
        vt_stage_fail(ctx, "out of memory");
        return NULL;
    }
    handle->api = load_osd(vt_stage_context_options(ctx));
    if (!vt_stage_context_keep(ctx, &orientation_key, handle, destroy_osd)) {
        destroy_osd(handle);
        vt_stage_fail(ctx, "too many per-session resources");
        return NULL;
    }
    return handle;
}

int vt_ocr_detect_orientation(vt_stage_context *ctx, PIX *image, int dpi, int *degrees,
                              float *confidence, bool *available)
{
    *degrees = 0;
    *confidence = 0;
    osd_handle *handle = session_osd(ctx);
    if (!handle)
        return -1;
    *available = handle->api != NULL;
    if (!handle->api)
        return 0;
    TessBaseAPISetImage2(handle->api, image);
    TessBaseAPISetSourceResolution(handle->api, dpi);
    float script_confidence = 0;
    const char *script = NULL;
    int judged = TessBaseAPIDetectOrientationScript(handle->api, degrees, confidence, &script,
                                                    &script_confidence);
    TessBaseAPIClear(handle->api);
    return judged ? 1 : 0;
}

const char *vt_ocr_engine_version(void)
{
    return TessVersion();
}
