/*
 * runner.c — run the enabled stages over one document, timing each.
 *
 * Document stages run once. Consecutive page stages run as a group, page by page:
 * the page's image is decoded from the page source just before the group and
 * released right after it, so memory holds one page image at a time whatever the
 * length of the document. The runner keeps no state between documents: everything
 * it learns goes into the document (timings, errors).
 */
#include <leptonica/allheaders.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include "engine.h"
#include "ocr_threads.h"
#include "output_check.h"
#include "progress.h"
#include "strbuf.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

const vt_options *vt_stage_context_options(const vt_stage_context *ctx)
{
    return &ctx->session->engine->options;
}

vt_status vt_stage_fail(vt_stage_context *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(ctx->error);
    ctx->error = vt_vformat(fmt, ap);
    va_end(ap);
    return VT_ERROR;
}

void vt_page_attach_image(vt_document *doc, vt_page *page, PIX *pix, int default_dpi)
{
    page->image = pix;
    page->width = (int)pixGetWidth(pix);
    page->height = (int)pixGetHeight(pix);
    /* Below 50 "dpi" a file records an aspect ratio or a placeholder, not a scan
     * resolution; Tesseract would size its text models wrongly from it. */
    int dpi = (int)pixGetXRes(pix);
    if (dpi < 50) {
        if (page->dpi == 0)
            vt_document_warn(doc, NULL, page->number,
                             "the image records no resolution; assuming %d dpi", default_dpi);
        dpi = default_dpi;
        pixSetResolution(pix, dpi, dpi);
    }
    page->dpi = dpi;
    vt_page_stored_as_is(page);
}

/* Call one stage (on the document, or on one page) and account for it. */
static vt_status call_stage(const vt_stage *stage, vt_session *session, vt_document *doc,
                            vt_page *page)
{
    vt_stage_context ctx = {.session = session};
    double start = now_ms();
    vt_status status = page ? stage->run_page(doc, page, &ctx) : stage->run(doc, &ctx);
    bool recorded = vt_document_add_timing(doc, stage->name, now_ms() - start);
    if (status != VT_OK)
        recorded = vt_document_error_add(doc, stage->name, page ? page->number : 0, "%s",
                                         ctx.error ? ctx.error : "failed (no reason given)")
                   && recorded;
    free(ctx.error);
    return recorded ? status : VT_ERROR;
}

/* Whether the document has what the stage's flags say it needs. */
static bool needs_met(const vt_stage *stage, const vt_document *doc)
{
    if ((stage->flags & VT_STAGE_NEEDS_IMAGES) && !vt_document_has_images(doc))
        return false;
    if ((stage->flags & VT_STAGE_NEEDS_WORDS) && !vt_document_has_words(doc))
        return false;
    if ((stage->flags & VT_STAGE_NEEDS_TEXT) && !doc->text)
        return false;
    return true;
}

static bool enabled(const vt_engine *engine, size_t i, const vt_document *doc)
{
    const vt_stage *stage = engine->stages[i];
    return !engine->skipped[i] && needs_met(stage, doc)
           && (!stage->applies || stage->applies(doc));
}

static vt_status load_page_image(vt_session *session, vt_document *doc, vt_page *page)
{
    char *error = NULL;
    double start = now_ms();
    PIX *pix = doc->page_source.load(doc->page_source.state, doc, (size_t)(page->number - 1),
                                     &error);
    /* Decoding is not a stage, but it is time spent outside OCR: account for it. */
    vt_document_add_timing(doc, "decode", now_ms() - start);
    if (!pix) {
        vt_document_error_add(doc, NULL, page->number, "%s",
                              error ? error : "cannot decode the page image");
        free(error);
        return VT_ERROR;
    }
    vt_page_attach_image(doc, page, pix, session->engine->options.default_dpi);
    return VT_OK;
}

/* A page of one colour (an empty PDF page, a white sheet, a lens cap): OCR would
 * spend its time on it and find nothing, and the cleaning stages measure
 * nonsense on it. 1 bpp pages are checked by counting, others on grey. */
static bool pix_is_blank(PIX *pix)
{
    if (pixGetDepth(pix) == 1) {
        l_int32 count = 0;
        pixCountPixels(pix, &count, NULL);
        return count == 0 || (l_int64)count == (l_int64)pixGetWidth(pix) * pixGetHeight(pix);
    }
    PIX *grey = pixConvertTo8(pix, 0);
    l_int32 lo = 0, hi = 255;
    bool blank = grey && pixGetExtremeValue(grey, 1, L_SELECT_MIN, NULL, NULL, NULL, &lo) == 0
                 && pixGetExtremeValue(grey, 1, L_SELECT_MAX, NULL, NULL, NULL, &hi) == 0
                 && lo == hi;
    pixDestroy(&grey);
    return blank;
}

/* Decode the page if its image lives in the page source, run the group's stages
 * on it, and release the image again. */
static vt_status run_one_page(vt_session *session, vt_document *doc, vt_page *page,
                              size_t first, size_t last)
{
    const vt_engine *engine = session->engine;
    if (vt_progress_cancelled(doc))
        return VT_ERROR;        /* the error is already there */
    if (page->from_text_layer || page->blank)
        return vt_progress_report(&engine->options, doc, true, 0) ? VT_ERROR : VT_OK;
    bool loaded = false;
    if (!page->image && doc->page_source.load) {
        if (load_page_image(session, doc, page) != VT_OK)
            return VT_ERROR;
        loaded = true;
    }
    vt_status status = VT_OK;
    page->blank = page->image && pix_is_blank(page->image);
    for (size_t i = first; i < last && status == VT_OK && !page->blank; i++) {
        if (!enabled(engine, i, doc))
            continue;
        status = call_stage(engine->stages[i], session, doc, page);
        /* A stage that repaints the image in place would leave the copies stale,
         * and one that replaces it would keep the old image alive through them. */
        if (engine->stages[i]->flags & VT_STAGE_CHANGES_IMAGE)
            vt_page_forget_binary(page);
    }
    /* The binarised copies serve page stages only. */
    vt_page_forget_binary(page);
    if (loaded)
        pixDestroy(&page->image);
    if (status == VT_OK && vt_progress_report(&engine->options, doc, true, 0))
        status = VT_ERROR;
    return status;
}

static void unlink_open_work(vt_page_board *board, vt_page_work *work)
{
    for (vt_page_work **w = &board->open; *w; w = &(*w)->next_open)
        if (*w == work) {
            *w = work->next_open;
            return;
        }
}

bool vt_page_board_claim_locked(vt_page_board *board, vt_page_work **work, size_t *page)
{
    vt_page_work *w = board->open;
    if (!w)
        return false;
    *work = w;
    *page = w->next++;
    if (w->next == w->doc->n_pages)
        unlink_open_work(board, w);     /* nothing left to claim */
    return true;
}

void vt_page_work_run(vt_page_board *board, vt_session *session, vt_page_work *work, size_t page)
{
    vt_status status = run_one_page(session, work->doc, &work->doc->pages[page], work->first,
                                    work->last);
    pthread_mutex_lock(board->lock);
    work->finished++;
    if (status != VT_OK && !work->failed) {
        /* Give up the pages nobody has claimed yet: the document has failed. */
        work->failed = true;
        work->finished += work->doc->n_pages - work->next;
        work->next = work->doc->n_pages;
        unlink_open_work(board, work);
    }
    pthread_cond_broadcast(board->changed);
    pthread_mutex_unlock(board->lock);
}

static int by_page(const void *a, const void *b)
{
    const vt_message *x = a, *y = b;
    return (x->page > y->page) - (x->page < y->page);
}

/* Threads finish pages in any order; messages are put back in page order so the
 * output does not depend on timing. */
static void sort_messages(vt_document *doc)
{
    if (doc->n_warnings > 1)
        qsort(doc->warnings, doc->n_warnings, sizeof *doc->warnings, by_page);
    if (doc->n_errors > 1)
        qsort(doc->errors, doc->n_errors, sizeof *doc->errors, by_page);
}

/* Post the group on the board, work on it too, and wait for every page. */
static vt_status run_shared(vt_session *session, vt_document *doc, size_t first, size_t last)
{
    vt_page_board *board = session->board;
    pthread_mutex_t doc_lock;
    pthread_mutex_init(&doc_lock, NULL);
    doc->lock = &doc_lock;
    vt_page_work work = {.doc = doc, .first = first, .last = last};
    pthread_mutex_lock(board->lock);
    work.next_open = board->open;
    board->open = &work;
    pthread_cond_broadcast(board->changed);
    while (work.next < doc->n_pages) {
        size_t page = work.next++;
        if (work.next == doc->n_pages)
            unlink_open_work(board, &work);
        pthread_mutex_unlock(board->lock);
        vt_page_work_run(board, session, &work, page);
        pthread_mutex_lock(board->lock);
    }
    while (work.finished < doc->n_pages)
        pthread_cond_wait(board->changed, board->lock);
    pthread_mutex_unlock(board->lock);
    doc->lock = NULL;
    pthread_mutex_destroy(&doc_lock);
    sort_messages(doc);
    return work.failed ? VT_ERROR : VT_OK;
}

/* Run stages [first, last) — all page stages — page by page. */
static vt_status run_page_group(vt_session *session, vt_document *doc, size_t first, size_t last)
{
    const vt_engine *engine = session->engine;
    bool any = false;
    for (size_t i = first; i < last; i++)
        any = any || enabled(engine, i, doc);
    if (!any)
        return VT_OK;       /* no page stage wants the pages: do not decode them */
    if (vt_progress_report(&engine->options, doc, false, 0))
        return VT_ERROR;    /* the pages are known: say so, and hear a cancel */
    if (session->board && doc->n_pages > 1)
        return run_shared(session, doc, first, last);
    for (size_t p = 0; p < doc->n_pages; p++)
        if (run_one_page(session, doc, &doc->pages[p], first, last) != VT_OK)
            return VT_ERROR;
    return VT_OK;
}

/* Blank pages among others are a warning (the separator sheet of a scan batch);
 * a document with nothing but blank pages has nothing to read and fails, naming
 * why, rather than "succeeding" with an empty text. */
static vt_status check_blank_pages(vt_document *doc)
{
    size_t blank = 0;
    for (size_t p = 0; p < doc->n_pages; p++)
        blank += doc->pages[p].blank;
    if (blank == 0)
        return VT_OK;
    if (blank < doc->n_pages) {
        for (size_t p = 0; p < doc->n_pages; p++)
            if (doc->pages[p].blank)
                vt_document_warn(doc, NULL, doc->pages[p].number,
                                 "the page is blank (a single colour); not read");
        return VT_OK;
    }
    if (doc->n_pages == 1)
        vt_document_error_add(doc, NULL, 0, "the page is blank (a single colour): nothing "
                                            "to read");
    else
        vt_document_error_add(doc, NULL, 0, "all %zu pages are blank (a single colour): "
                                            "nothing to read", doc->n_pages);
    return VT_ERROR;
}

static vt_status run_stages(vt_session *session, vt_document *doc)
{
    const vt_engine *engine = session->engine;
    size_t i = 0;
    bool blank_checked = false;     /* once: later page groups see the same pages */
    while (i < engine->n_stages) {
        vt_status status = VT_OK;
        if (engine->stages[i]->run_page) {
            size_t last = i;
            while (last < engine->n_stages && engine->stages[last]->run_page)
                last++;
            status = run_page_group(session, doc, i, last);
            if (status == VT_OK && !blank_checked)
                status = check_blank_pages(doc);
            blank_checked = true;
            i = last;
        } else {
            if (enabled(engine, i, doc))
                status = call_stage(engine->stages[i], session, doc, NULL);
            i++;
        }
        if (status != VT_OK) {
            doc->failed = true;
            return VT_ERROR;
        }
    }
    return vt_document_check_output(doc) ? VT_OK : VT_ERROR;
}

vt_status vt_run_document(vt_session *session, vt_document *doc)
{
    int openmp = vt_ocr_threads_enter();
    vt_status status = run_stages(session, doc);
    vt_ocr_threads_leave(openmp);
    return status;
}
