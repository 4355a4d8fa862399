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

static bool enabled(const vt_engine *engine, size_t i, const vt_document *doc)
{
    const vt_stage *stage = engine->stages[i];
    return !engine->skipped[i] && (!stage->applies || stage->applies(doc));
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

/* Run stages [first, last) — all page stages — page by page. */
static vt_status run_page_group(vt_session *session, vt_document *doc, size_t first, size_t last)
{
    const vt_engine *engine = session->engine;
    bool any = false;
    for (size_t i = first; i < last; i++)
        any = any || enabled(engine, i, doc);
    if (!any)
        return VT_OK;       /* no page stage wants the pages: do not decode them */
    for (size_t p = 0; p < doc->n_pages; p++) {
        vt_page *page = &doc->pages[p];
        bool loaded = false;
        if (!page->image && doc->page_source.load) {
            if (load_page_image(session, doc, page) != VT_OK)
                return VT_ERROR;
            loaded = true;
        }
        vt_status status = VT_OK;
        for (size_t i = first; i < last && status == VT_OK; i++)
            if (enabled(engine, i, doc))
                status = call_stage(engine->stages[i], session, doc, page);
        if (loaded)
            pixDestroy(&page->image);
        if (status != VT_OK)
            return VT_ERROR;
    }
    return VT_OK;
}

vt_status vt_run_document(vt_session *session, vt_document *doc)
{
    const vt_engine *engine = session->engine;
    size_t i = 0;
    while (i < engine->n_stages) {
        vt_status status = VT_OK;
        if (engine->stages[i]->run_page) {
            size_t last = i;
            while (last < engine->n_stages && engine->stages[last]->run_page)
                last++;
            status = run_page_group(session, doc, i, last);
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
    return VT_OK;
}
