/*
 * stage_test.c — see stage_test.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "stage_test.h"

int vt_stage_test_open(vt_stage_test *t)
{
    char *err = NULL;
    *t = (vt_stage_test){0};
    if (vt_engine_new(NULL, &t->engine, &err) == VT_OK
        && vt_session_new(t->engine, &t->session, &err) == VT_OK)
        return 0;
    print_error("%s\n", err ? err : "out of memory");
    free(err);
    vt_stage_test_close(t);
    return -1;
}

void vt_stage_test_close(vt_stage_test *t)
{
    vt_session_free(t->session);
    vt_engine_free(t->engine);
    *t = (vt_stage_test){0};
}

vt_document *vt_stage_test_page_doc(const char *name, PIX *pix, int dpi)
{
    vt_document *doc = vt_document_new(name);
    assert_non_null(doc);
    assert_non_null(pix);
    doc->kind = VT_INPUT_IMAGE;
    vt_page *page = vt_document_add_page(doc);
    assert_non_null(page);
    pixSetResolution(pix, dpi, dpi);
    page->image = pix;
    page->width = pixGetWidth(pix);
    page->height = pixGetHeight(pix);
    page->dpi = dpi;
    return doc;
}

void vt_stage_test_run(vt_session *session, const vt_stage *stage, vt_document *doc,
                       size_t page)
{
    vt_stage_context ctx = {.session = session};
    vt_status status = stage->run_page(doc, &doc->pages[page], &ctx);
    if (ctx.error)
        print_error("%s: %s\n", stage->name, ctx.error);
    free(ctx.error);
    assert_int_equal(status, VT_OK);
}
