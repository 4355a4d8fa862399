/*
 * test_ink_dropout.c — coloured ink goes, black print stays. Each case paints a
 * white RGB page with a black print bar, a grey print bar and a stroke of one ink
 * colour crossing the black bar (where they overlap the colours multiply, as ink
 * on ink does), runs the stage, and reads four spots of the result: the ink alone
 * must be near paper white, the print under the ink and the print alone dark, the
 * grey print unchanged in brightness.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include "engine.h"
#include "stages.h"

enum { WIDTH = 400, HEIGHT = 200 };
#define PRINT 20        /* black print's channel value */
#define GREY_PRINT 110  /* a grey (faded or light) print bar */

typedef struct ink_case {
    const char *name;
    int r, g, b;
    int ink_at_least;           /* the ink alone after the stage */
    int under_at_most;          /* black print under the ink */
} ink_case;

static const ink_case cases[] = {
    {"red stamp", 200, 30, 40, 240, 60},
    {"dark red seal", 160, 20, 20, 240, 60},
    {"violet stamp", 110, 40, 150, 240, 60},
    {"blue ballpoint", 40, 60, 160, 240, 60},
    {"light blue pen", 90, 120, 210, 240, 60},
};

static void fill(PIX *pix, int x0, int y0, int x1, int y1, int r, int g, int b, bool multiply)
{
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            l_int32 pr = 255, pg = 255, pb = 255;
            if (multiply)
                pixGetRGBPixel(pix, x, y, &pr, &pg, &pb);
            pixSetRGBPixel(pix, x, y, pr * r / 255, pg * g / 255, pb * b / 255);
        }
}

/* The page after the stage, kept by the stage that runs after it (the runner frees
 * the page image when the page's stages are done). */
static PIX *result;

static vt_status keep_image(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    (void)ctx;
    pixDestroy(&result);
    result = pixCopy(NULL, page->image);
    return VT_OK;
}

static PIX *run_dropout(PIX *page_image)
{
    static const vt_stage keep = {.name = "keep", .summary = "", .run_page = keep_image};
    const vt_stage *const stages[] = {&vt_stage_ink_dropout, &keep};
    vt_engine *engine;
    vt_session *session;
    char *err;
    assert_int_equal(vt_engine_new_with_stages(NULL, stages, 2, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    vt_document *doc = vt_document_new("page");
    doc->kind = VT_INPUT_IMAGE;
    vt_page *page = vt_document_add_page(doc);
    page->width = WIDTH;
    page->height = HEIGHT;
    page->dpi = 300;
    page->image = page_image;   /* the document owns it now */
    assert_int_equal(vt_run_document(session, doc), VT_OK);
    vt_document_free(doc);
    vt_session_free(session);
    vt_engine_free(engine);
    PIX *out = result;
    result = NULL;
    assert_non_null(out);
    return out;
}

static int grey_at(PIX *pix, int x, int y)
{
    l_uint32 v;
    pixGetPixel(pix, x, y, &v);
    return (int)v;
}

static void test_ink_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ink_case *c = &cases[i];
        PIX *page = pixCreate(WIDTH, HEIGHT, 32);
        pixSetAll(page);
        fill(page, 20, 40, 380, 60, PRINT, PRINT, PRINT, false);
        fill(page, 20, 140, 380, 160, GREY_PRINT, GREY_PRINT, GREY_PRINT, false);
        fill(page, 150, 20, 250, 100, c->r, c->g, c->b, true);
        PIX *out = run_dropout(page);
        assert_int_equal(pixGetDepth(out), 8);
        int ink = grey_at(out, 200, 80), under = grey_at(out, 200, 50);
        int print = grey_at(out, 50, 50), grey = grey_at(out, 50, 150), paper = grey_at(out, 50, 120);
        if (ink < c->ink_at_least || under > c->under_at_most || print > PRINT + 5
            || abs(grey - GREY_PRINT) > 5 || paper < 250)
            fail_msg("%s: ink %d (want >= %d), print under it %d (want <= %d), print %d, "
                     "grey print %d, paper %d", c->name, ink, c->ink_at_least, under,
                     c->under_at_most, print, grey, paper);
        pixDestroy(&out);
    }
}

/* A page without real colour (a speck of it below the stage's threshold) is left
 * exactly as it was. */
static void test_colourless_page_untouched(void **state)
{
    (void)state;
    PIX *page = pixCreate(WIDTH, HEIGHT, 32);
    pixSetAll(page);
    fill(page, 20, 40, 380, 60, PRINT, PRINT, PRINT, false);
    fill(page, 100, 100, 102, 102, 200, 30, 40, false);
    PIX *before = pixCopy(NULL, page);
    PIX *out = run_dropout(page);
    l_int32 same = 0;
    pixEqual(before, out, &same);
    assert_true(same);
    pixDestroy(&before);
    pixDestroy(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ink_table),
        cmocka_unit_test(test_colourless_page_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
