/*
 * test_page_quality.c — the page_quality stage: each row is a page's words (with
 * Tesseract's confidences) and what the stage must measure of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stage_test.h"
#include "stages.h"

typedef struct row {
    const char *words[8];        /* NULL-terminated */
    float confidence[8];
    double mean_confidence;      /* Tesseract's page mean; < 0 unknown */
    double min_quality;
    double score, low, not_vietnamese;
    size_t counted;
    bool below;
} row;

static const row rows[] = {
    /* clean Vietnamese, an abbreviation and a number: nothing is held against it */
    {{"Thông", "báo", "UBND", "số", "115/CV-PA83", NULL}, {96, 95, 90, 97, 91}, 94, 0,
     0.94, 0, 0, 5, false},
    /* marked letters that form no syllable, a letter Vietnamese never writes */
    {{"EIỆNH", "VIÊN", "ˆ.“w", "Kön", NULL}, {80, 90, 30, 60}, 70, 0,
     0.70 * 0.5, 0.25, 0.5, 4, false},
    /* punctuation alone is not a word */
    {{"-", "…", "Hà", "Nội", NULL}, {10, 10, 95, 95}, 90, 0, 0.90, 0, 0, 2, false},
    /* a marked page: kept, flagged */
    {{"khân", "trương", "xyzĕ", NULL}, {40, 45, 20}, 50, 0.6, 0.5 * (2.0 / 3.0), 1, 1.0 / 3.0, 3,
     true},
    /* text input: no confidences, only spelling counts */
    {{"Việt", "Nam", NULL}, {-1, -1}, -1, 0.9, 1.0, 0, 0, 2, false},
};

static vt_document *page_of(const row *r)
{
    vt_document *doc = vt_document_new("quality");
    vt_page *page = vt_document_add_page(doc);
    vt_line *line = vt_block_add_line(vt_page_add_block(page));
    for (size_t i = 0; r->words[i]; i++)
        vt_line_add_word(line, r->words[i], strlen(r->words[i]))->confidence = r->confidence[i];
    page->mean_confidence = r->mean_confidence;
    return doc;
}

static void test_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        vt_options options;
        vt_options_init(&options);
        options.min_quality = r->min_quality;
        vt_engine *engine = NULL;
        char *err = NULL;
        assert_int_equal(vt_engine_new(&options, &engine, &err), VT_OK);
        vt_session *session = NULL;
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_document *doc = page_of(r);
        vt_stage_context ctx = {.session = session};
        assert_int_equal(vt_stage_page_quality.run(doc, &ctx), VT_OK);
        const vt_page *page = &doc->pages[0];
        print_message("row %zu: score %.3f low %.3f odd %.3f\n", i, page->quality.score,
                      page->quality.low_confidence, page->quality.not_vietnamese);
        assert_int_equal(page->quality.words, r->counted);
        assert_true(fabs(page->quality.score - r->score) < 1e-6);
        assert_true(fabs(page->quality.low_confidence - r->low) < 1e-6);
        assert_true(fabs(page->quality.not_vietnamese - r->not_vietnamese) < 1e-6);
        assert_int_equal(page->quality.below_minimum, r->below);
        assert_int_equal(doc->n_warnings > 0, r->below);
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

/* Stamp and margin-note blocks say nothing about how the print was read. */
static void test_stamp_blocks_not_counted(void **state)
{
    (void)state;
    vt_stage_test t;
    assert_int_equal(vt_stage_test_open(&t), 0);
    vt_document *doc = page_of(&rows[0]);
    vt_block *stamp = vt_page_add_block(&doc->pages[0]);
    stamp->kind = VT_BLOCK_STAMP;
    vt_line_add_word(vt_block_add_line(stamp), "ĐẾNNX", 6)->confidence = 5;
    vt_stage_context ctx = {.session = t.session};
    assert_int_equal(vt_stage_page_quality.run(doc, &ctx), VT_OK);
    assert_int_equal(doc->pages[0].quality.words, 5);
    assert_true(doc->pages[0].quality.not_vietnamese == 0);
    vt_document_free(doc);
    vt_stage_test_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_stamp_blocks_not_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
