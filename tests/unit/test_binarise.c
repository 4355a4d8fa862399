/*
 * test_binarise.c — vt_binarise gives exactly what Leptonica's
 * pixOtsuThreshOnBackgroundNorm gives (it is that function without its copies),
 * for grey, colour, colormapped and bilevel pages, full size and halved; and
 * vt_page_binary shares one copy per page image and notices a replaced image.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "binarise.h"
#include "document.h"

#define NOTICE VT_SOURCE_DIR "/fixtures/sample/notice.png"

/* What vt_binarise did before: Leptonica's own function, on a grey copy. */
static PIX *reference(PIX *image, int reduction)
{
    if (pixGetDepth(image) == 1)
        return pixClone(image);
    PIX *grey = pixConvertTo8(image, 0);
    if (reduction == 2) {
        PIX *half = pixScaleAreaMap2(grey);
        pixDestroy(&grey);
        grey = half;
    }
    PIX *binary = pixOtsuThreshOnBackgroundNorm(grey, NULL, 10, 15, 100, 50, 255, 2, 2,
                                                0.1f, NULL);
    pixDestroy(&grey);
    return binary;
}

static void assert_same_as_reference(PIX *image, const char *what)
{
    for (int reduction = 1; reduction <= 2; reduction++) {
        PIX *got = vt_binarise(image, reduction);
        PIX *want = reference(image, reduction);
        assert_non_null(got);
        assert_non_null(want);
        l_int32 same = 0;
        pixEqual(got, want, &same);
        if (!same)
            print_error("%s, reduction %d: differs from pixOtsuThreshOnBackgroundNorm\n",
                        what, reduction);
        assert_true(same);
        pixDestroy(&got);
        pixDestroy(&want);
    }
}

static void test_same_as_leptonica(void **state)
{
    (void)state;
    PIX *grey = pixRead(NOTICE);
    assert_non_null(grey);
    assert_int_equal(pixGetDepth(grey), 8);
    /* A darker band across the page, so the background normalisation has work. */
    PIX *shaded = pixCopy(NULL, grey);
    assert_non_null(shaded);
    l_int32 w = pixGetWidth(shaded), h = pixGetHeight(shaded);
    BOX *band = boxCreate(0, h / 3, w, h / 4);
    PIX *dark = pixClipRectangle(shaded, band, NULL);
    assert_non_null(dark);
    assert_int_equal(pixMultConstantGray(dark, 0.7f), 0);
    assert_int_equal(pixRasterop(shaded, 0, h / 3, w, h / 4, PIX_SRC, dark, 0, 0), 0);
    PIX *colour = pixConvertTo32(shaded);
    PIX *mapped = pixConvertGrayToColormap(shaded);
    PIX *bilevel = pixConvertTo1(grey, 128);
    assert_true(colour && mapped && pixGetColormap(mapped) && bilevel);

    assert_same_as_reference(grey, "grey");
    assert_same_as_reference(shaded, "shaded grey");
    assert_same_as_reference(colour, "colour");
    assert_same_as_reference(mapped, "colormapped");
    assert_same_as_reference(bilevel, "bilevel");

    boxDestroy(&band);
    pixDestroy(&dark);
    pixDestroy(&bilevel);
    pixDestroy(&mapped);
    pixDestroy(&colour);
    pixDestroy(&shaded);
    pixDestroy(&grey);
}

static void assert_binarised(PIX *got, PIX *image, int reduction)
{
    PIX *want = vt_binarise(image, reduction);
    l_int32 same = 0;
    pixEqual(got, want, &same);
    assert_true(same);
    pixDestroy(&want);
}

static void test_page_binary_shared_and_renewed(void **state)
{
    (void)state;
    vt_document *doc = vt_document_new("test");
    vt_page *page = doc ? vt_document_add_page(doc) : NULL;
    assert_non_null(page);
    page->image = pixRead(NOTICE);
    assert_non_null(page->image);

    /* One copy per reduction, made once. */
    PIX *full = vt_page_binary(page, 1), *again = vt_page_binary(page, 1);
    PIX *half = vt_page_binary(page, 2);
    assert_true(full && half && full == again && half != full);
    assert_binarised(full, page->image, 1);
    assert_binarised(half, page->image, 2);
    pixDestroy(&again);

    /* A stage replaces the image without telling (as orientation does): the next
     * request binarises the new one. */
    PIX *turned = pixRotateOrth(page->image, 1);
    assert_non_null(turned);
    pixDestroy(&page->image);
    page->image = turned;
    PIX *renewed = vt_page_binary(page, 1);
    assert_true(renewed && renewed != full);
    assert_int_equal(pixGetWidth(renewed), pixGetWidth(turned));
    assert_binarised(renewed, turned, 1);

    /* Forgetting drops every reference the page held but the image itself. */
    vt_page_forget_binary(page);
    assert_int_equal(pixGetRefcount(page->image), 1);
    assert_int_equal(pixGetRefcount(renewed), 1);
    pixDestroy(&renewed);
    pixDestroy(&full);
    pixDestroy(&half);
    /* Copies still held when the document goes are freed with it. */
    PIX *left = vt_page_binary(page, 2);
    assert_non_null(left);
    pixDestroy(&left);
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_leptonica),
        cmocka_unit_test(test_page_binary_shared_and_renewed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
