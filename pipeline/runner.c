/*
 * runner.c — run the enabled stages over one document, timing each.
 *
 * The runner keeps no state between documents: everything it learns goes into the
 * document (timings, errors), so documents can run on any thread in any order.
 */
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

static vt_status run_stage(const vt_stage *stage, vt_session *session, vt_document *doc)
{
    vt_stage_context ctx = {.session = session};
    double start = now_ms();
    vt_status status = stage->run(doc, &ctx);
    double elapsed = now_ms() - start;
    bool recorded = vt_document_add_timing(doc, stage->name, elapsed);
    if (status != VT_OK) {
        recorded = vt_document_error_add(doc, stage->name, 0, "%s",
                                         ctx.error ? ctx.error : "failed (no reason given)")
                   && recorded;
    }
    free(ctx.error);
    return recorded ? status : VT_ERROR;
}

vt_status vt_run_document(vt_session *session, vt_document *doc)
{
    const vt_engine *engine = session->engine;
    for (size_t i = 0; i < engine->n_stages; i++) {
        const vt_stage *stage = engine->stages[i];
        if (engine->skipped[i])
            continue;
        if (stage->applies && !stage->applies(doc))
            continue;
        if (run_stage(stage, session, doc) != VT_OK) {
            doc->failed = true;
            return VT_ERROR;
        }
    }
    return VT_OK;
}
