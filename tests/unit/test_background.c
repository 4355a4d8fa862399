/*
 * test_background.c — the background stage on the sample notice (200-dpi
 * greyscale) under made-up light: rows of a shadow (the paper's brightness falls
 * from 100% at one edge to `far` at the other) and whether the page must change.
 * A changed page must read like the evenly lit one under a single global
 * threshold, as Tesseract's Otsu reads it; an even page must stay exactly as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "engine.h"
#include "stages.h"

#define NOTICE VT_SOURCE_DIR "/fixtures/sample/notice.png"
#define DPI 200

static const struct {
    const char *what;
    float far;          /* brightness left at the far edge, 1 = no shadow */
    bool vertical;
    bool changes;
} rows[] = {
    {"evenly lit", 1.0f, false, false},
    {"a faint shadow is not worth touching", 0.9f, false, false},
    {"a phone's shadow across the page", 0.45f, false, true},
    {"a dark lower edge", 0.4f, true, true},
};

/* The notice with its brightness scaled down towards one edge. */
static PIX *shadowed(PIX *notice, float far, bool vertical)
{
    PIX *pix = pixCopy(NULL, notice);
    l_int32 w = pixGetWidth(pix), h = pixGetHeight(pix);
    for (l_int32 y = 0; y < h; y++)
        for (l_int32 x = 0; x < w; x++) {
            float t = vertical ? (float)y / (h - 1) : (float)x / (w - 1);
            l_uint32 v;
            pixGetPixel(pix, x, y, &v);
            pixSetPixel(pix, x, y, (l_uint32)(v * (1 - t * (1 - far))));
        }
    return pix;
}

/* How much of the even page's ink a global threshold finds in `pix` (1: all of
 * it, nothing else). */
static float ink_agreement(PIX *even, PIX *pix)
{
    PIX *a = pixConvertTo1(even, 128), *b = pixConvertTo1(pix, 128);
    l_float32 score = 0;
    assert_int_equal(pixCorrelationBinary(a, b, &score), 0);
    pixDestroy(&a);
    pixDestroy(&b);
    return score;
}

static void test_background_table(void **state)
{
    (void)state;
    PIX *notice = pixRead(NOTICE);
    assert_non_null(notice);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        PIX *before = shadowed(notice, rows[i].far, rows[i].vertical);
        vt_document *doc = vt_document_new("test");
        vt_page *page = vt_document_add_page(doc);
        page->image = pixCopy(NULL, before);
        page->width = pixGetWidth(before);
        page->height = pixGetHeight(before);
        page->dpi = DPI;
        vt_stage_context ctx = {0};
        assert_int_equal(vt_stage_background.run_page(doc, page, &ctx), VT_OK);
        l_int32 same = 0;
        pixEqual(page->image, before, &same);
        if (same == rows[i].changes)
            fail_msg("%s: the page %s", rows[i].what, same ? "stayed as it was" : "was changed");
        if (rows[i].changes) {
            float was = ink_agreement(notice, before), now = ink_agreement(notice, page->image);
            if (now < 0.9f || now < was + 0.05f)
                fail_msg("%s: ink agreement %.2f before, %.2f after", rows[i].what, was, now);
        }
        pixDestroy(&before);
        vt_document_free(doc);
    }
    pixDestroy(&notice);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_background_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
