/*
 * test_page_geometry.c — the resolution, orientation and deskew stages on pages
 * with known answers, made from fixtures/sample/notice.png (a 200-dpi greyscale
 * notice): turned by quarter turns, rotated by small angles, reduced in size.
 * Each stage must bring the page back, and leave the good page itself exactly as
 * it was (same pixels, same size and dpi).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>

#include "engine.h"
#include "stage_test.h"
#include "stages.h"

#define NOTICE VT_SOURCE_DIR "/fixtures/sample/notice.png"
#define NOTICE_DPI 200
#define DEGREES 0.017453292519943295f

typedef struct fixture {
    vt_engine *engine;
    vt_session *session;
    PIX *notice;                /* 8 bpp, 200 dpi */
} fixture;

static int setup_with(void **state, const char *tessdata)
{
    fixture *f = calloc(1, sizeof *f);
    vt_options opt = {0};
    char *err = NULL;
    vt_engine *defaults = NULL;
    /* The engine's defaults, with another tessdata folder when asked. */
    if (vt_engine_new(NULL, &defaults, &err) != VT_OK)
        return -1;
    opt = defaults->options;
    opt.tessdata = tessdata ? tessdata : defaults->options.tessdata;
    if (vt_engine_new(&opt, &f->engine, &err) != VT_OK)
        return -1;
    vt_engine_free(defaults);
    if (vt_session_new(f->engine, &f->session, &err) != VT_OK)
        return -1;
    f->notice = pixRead(NOTICE);
    if (!f->notice || pixGetDepth(f->notice) != 8 || pixGetXRes(f->notice) != NOTICE_DPI)
        return -1;
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, NULL);
}

static int teardown(void **state)
{
    fixture *f = *state;
    pixDestroy(&f->notice);
    vt_session_free(f->session);
    vt_engine_free(f->engine);
    free(f);
    return 0;
}

/* A one-page document holding `pix` (taken over) at `dpi`. */
static vt_document *page_doc(PIX *pix, int dpi)
{
    return vt_stage_test_page_doc("test", pix, dpi);
}

static void run_stage(fixture *f, const vt_stage *stage, vt_document *doc, size_t page)
{
    vt_stage_test_run(f->session, stage, doc, page);
    const vt_page *p = &doc->pages[page];
    /* The page's numbers describe its image, whatever the stage did. */
    assert_int_equal(p->width, pixGetWidth(p->image));
    assert_int_equal(p->height, pixGetHeight(p->image));
}

/* Leptonica's skew of a page, measured independently of the stage (plain
 * threshold, full search). */
static float residual_skew(PIX *pix)
{
    PIX *binary = pixConvertTo1(pix, 160);
    assert_non_null(binary);
    l_float32 angle = 99, conf = 0;
    assert_int_equal(pixFindSkewSweepAndSearch(binary, &angle, &conf, 2, 1, 7, 1, 0.01f), 0);
    pixDestroy(&binary);
    assert_true(conf > 3);
    return angle;
}

/* How well two pages of the same size agree: the binary correlation of their ink
 * (1: identical). */
static float ink_correlation(PIX *a, PIX *b)
{
    PIX *ba = pixConvertTo1(a, 160), *bb = pixConvertTo1(b, 160);
    l_float32 score = 0;
    assert_int_equal(pixCorrelationBinary(ba, bb, &score), 0);
    pixDestroy(&ba);
    pixDestroy(&bb);
    return score;
}

/* ---- the good page is left exactly as it was ---------------------------------- */

static void test_good_page_untouched(void **state)
{
    fixture *f = *state;
    const vt_stage *stages[] = {&vt_stage_resolution, &vt_stage_orientation, &vt_stage_deskew};
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        vt_document *doc = page_doc(pixCopy(NULL, f->notice), NOTICE_DPI);
        run_stage(f, stages[i], doc, 0);
        l_int32 same = 0;
        pixEqual(doc->pages[0].image, f->notice, &same);
        if (!same)
            print_error("%s changed a good page\n", stages[i]->name);
        assert_true(same);
        assert_int_equal(doc->pages[0].dpi, NOTICE_DPI);
        assert_int_equal(doc->n_warnings, 0);
        vt_document_free(doc);
    }
}

/* ---- orientation ---------------------------------------------------------------- */

static const int quarter_turns[] = {1, 2, 3};

static void test_orientation_turns_pages_upright(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof quarter_turns / sizeof quarter_turns[0]; i++) {
        vt_document *doc = page_doc(pixRotateOrth(f->notice, quarter_turns[i]), NOTICE_DPI);
        run_stage(f, &vt_stage_orientation, doc, 0);
        l_int32 same = 0;
        pixEqual(doc->pages[0].image, f->notice, &same);
        if (!same)
            print_error("page turned %d × 90° clockwise not set upright\n", quarter_turns[i]);
        assert_true(same);
        assert_int_equal(doc->pages[0].width, pixGetWidth(f->notice));
        assert_int_equal(doc->pages[0].height, pixGetHeight(f->notice));
        vt_document_free(doc);
    }
}

/* Seven lines of the notice, the first cut through: too few letters for the
 * shape counts to judge either way (measured: |up|, |left| ≤ 2.5 at every turn),
 * while OSD is sure (16–17). */
static PIX *short_band(const fixture *f)
{
    BOX *band = boxCreate(0, 600, pixGetWidth(f->notice), 300);
    PIX *pix = pixClipRectangle(f->notice, band, NULL);
    boxDestroy(&band);
    assert_non_null(pix);
    return pix;
}

static void test_orientation_asks_osd_when_counts_are_unsure(void **state)
{
    fixture *f = *state;
    PIX *band = short_band(f);
    vt_document *doc = page_doc(pixRotateOrth(band, 1), NOTICE_DPI);
    run_stage(f, &vt_stage_orientation, doc, 0);
    l_int32 same = 0;
    pixEqual(doc->pages[0].image, band, &same);
    assert_true(same);
    assert_int_equal(doc->n_warnings, 0);
    pixDestroy(&band);
    vt_document_free(doc);
}

/* A page added to `doc` holding `pix` (taken over). */
static void add_page(vt_document *doc, PIX *pix)
{
    vt_page *page = vt_document_add_page(doc);
    assert_non_null(page);
    page->image = pix;
    page->width = pixGetWidth(pix);
    page->height = pixGetHeight(pix);
    page->dpi = NOTICE_DPI;
}

/* Without osd.traineddata the counts still turn the pages they are sure of; a
 * page only OSD could judge stays as it is, and the document says why, once. */
static void test_orientation_without_osd_warns_once(void **state)
{
    fixture *f = *state;
    PIX *band = short_band(f);
    vt_document *doc = page_doc(pixRotateOrth(f->notice, 2), NOTICE_DPI);
    add_page(doc, pixRotateOrth(band, 1));
    add_page(doc, pixRotateOrth(band, 3));
    PIX *unsure1 = pixCopy(NULL, doc->pages[1].image), *unsure2 = pixCopy(NULL, doc->pages[2].image);
    for (size_t i = 0; i < doc->n_pages; i++)
        run_stage(f, &vt_stage_orientation, doc, i);
    l_int32 same0 = 0, same1 = 0, same2 = 0;
    pixEqual(doc->pages[0].image, f->notice, &same0);
    pixEqual(doc->pages[1].image, unsure1, &same1);
    pixEqual(doc->pages[2].image, unsure2, &same2);
    assert_true(same0 && same1 && same2);
    assert_int_equal(doc->n_warnings, 1);
    assert_string_equal(doc->warnings[0].stage, "orientation");
    assert_non_null(strstr(doc->warnings[0].text, "osd.traineddata"));
    assert_int_equal(doc->n_errors, 0);
    pixDestroy(&unsure1);
    pixDestroy(&unsure2);
    pixDestroy(&band);
    vt_document_free(doc);
}

/* ---- deskew --------------------------------------------------------------------- */

static const float skews[] = {1.5f, -1.5f, 3.0f, -3.0f};

static void test_deskew_straightens(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof skews / sizeof skews[0]; i++) {
        PIX *skewed = pixRotate(f->notice, skews[i] * DEGREES, L_ROTATE_AREA_MAP,
                                L_BRING_IN_WHITE, 0, 0);
        assert_non_null(skewed);
        float before = ink_correlation(skewed, f->notice);
        assert_true(fabsf(residual_skew(skewed) + skews[i]) < 0.1f);   /* the ruler works */
        vt_document *doc = page_doc(skewed, NOTICE_DPI);
        run_stage(f, &vt_stage_deskew, doc, 0);
        float residual = residual_skew(doc->pages[0].image);
        float after = ink_correlation(doc->pages[0].image, f->notice);
        if (fabsf(residual) > 0.2f || after < before + 0.2f)
            print_error("skew %+.1f°: %+.2f° left; correlation %.2f → %.2f\n", skews[i],
                        residual, before, after);
        assert_true(fabsf(residual) <= 0.2f);
        assert_true(after >= before + 0.2f);
        assert_int_equal(doc->pages[0].dpi, NOTICE_DPI);
        vt_document_free(doc);
    }
}

/* ---- resolution ----------------------------------------------------------------- */

typedef struct small_case {
    float scale;                /* of the 200-dpi notice */
    int tagged_dpi;             /* what the file would say */
} small_case;

static const small_case small_cases[] = {
    {0.5f, 100},                /* a 100-dpi scan, honestly tagged */
    {0.5f, 72},                 /* the same, tagged like a screen image */
    {0.6f, 300},                /* a 300-dpi scan reduced for e-mail, tag kept */
};

static void test_resolution_enlarges_small_text(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof small_cases / sizeof small_cases[0]; i++) {
        const small_case *c = &small_cases[i];
        PIX *small = pixScale(f->notice, c->scale, c->scale);
        assert_non_null(small);
        int small_w = pixGetWidth(small);
        vt_document *doc = page_doc(small, c->tagged_dpi);
        run_stage(f, &vt_stage_resolution, doc, 0);
        const vt_page *page = &doc->pages[0];
        /* Back near the 200-dpi size: within 15% of the original width, and the
         * dpi says so. */
        double ratio = (double)page->width / pixGetWidth(f->notice);
        if (ratio < 0.85 || ratio > 1.15 || page->dpi < 170 || page->dpi > 230)
            print_error("scale %.2f tagged %d: %d px wide (from %d), %d dpi\n", c->scale,
                        c->tagged_dpi, page->width, small_w, page->dpi);
        assert_true(ratio >= 0.85 && ratio <= 1.15);
        assert_true(page->dpi >= 170 && page->dpi <= 230);
        assert_int_equal((int)pixGetXRes(page->image), page->dpi);
        vt_document_free(doc);
    }
}

/* A blank page has no letters to measure: left alone. */
static void test_resolution_leaves_blank_page(void **state)
{
    fixture *f = *state;
    PIX *blank = pixCreate(400, 560, 8);
    pixSetAll(blank);
    vt_document *doc = page_doc(blank, 72);
    run_stage(f, &vt_stage_resolution, doc, 0);
    assert_int_equal(doc->pages[0].width, 400);
    assert_int_equal(doc->pages[0].dpi, 72);
    vt_document_free(doc);
}

/* ---- a tessdata folder without osd.traineddata ---------------------------------- */

static char empty_tessdata[] = "/tmp/vt_no_osd_XXXXXX";
static char vie_link[sizeof empty_tessdata + 32];

/* The folder holds vie (the engine checks the language is there) but no osd. */
static int setup_without_osd(void **state)
{
    static const char *const installed[] = {
        "/usr/share/tesseract-ocr/5/tessdata/vie.traineddata",
        "/usr/share/tesseract-ocr/4.00/tessdata/vie.traineddata",
        "/usr/share/tessdata/vie.traineddata",
    };
    const char *vie = NULL;
    for (size_t i = 0; i < sizeof installed / sizeof installed[0] && !vie; i++)
        vie = access(installed[i], R_OK) == 0 ? installed[i] : NULL;
    if (!vie || !mkdtemp(empty_tessdata))
        return -1;
    snprintf(vie_link, sizeof vie_link, "%s/vie.traineddata", empty_tessdata);
    if (symlink(vie, vie_link) != 0)
        return -1;
    return setup_with(state, empty_tessdata);
}

static int teardown_without_osd(void **state)
{
    int rc = teardown(state);
    unlink(vie_link);
    rmdir(empty_tessdata);
    return rc;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good_page_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_orientation_turns_pages_upright, setup, teardown),
        cmocka_unit_test_setup_teardown(test_orientation_asks_osd_when_counts_are_unsure, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_orientation_without_osd_warns_once,
                                        setup_without_osd, teardown_without_osd),
        cmocka_unit_test_setup_teardown(test_deskew_straightens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolution_enlarges_small_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolution_leaves_blank_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
