/*
 * test_binarise.c — vt_binarise gives exactly what Leptonica's
 * pixOtsuThreshOnBackgroundNorm gives (it is that function without its copies),
 * for grey, colour, colormapped and bilevel pages, full size and halved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "binarise.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_leptonica),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
