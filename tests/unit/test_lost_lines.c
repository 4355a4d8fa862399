/*
 * test_lost_lines.c — lost_lines after the ocr stage on fixture pages: a
 * paragraph's one-word last line that Tesseract's layout analysis drops
 * (001-p2-200: "vụ…" after "…giảm chi phí phục") is read and placed after the
 * line above it in the same block; a page Tesseract read whole gains nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "stage_test.h"
#include "stages.h"

#define SCANS VT_SOURCE_DIR "/fixtures/scans/"

static int setup(void **state)
{
    vt_stage_test *t = calloc(1, sizeof *t);
    if (!t || vt_stage_test_open(t) != 0)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    vt_stage_test_close(*state);
    free(*state);
    return 0;
}

/* The fixture page, OCRed. */
static vt_document *ocred(vt_stage_test *t, const char *name, int dpi)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", SCANS, name);
    vt_document *doc = vt_stage_test_page_doc(name, pixRead(path), dpi);
    vt_stage_test_run(t->session, &vt_stage_ocr, doc, 0);
    return doc;
}

static size_t count_words(const vt_page *page)
{
    size_t n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            n += page->blocks[b].lines[l].n_words;
    return n;
}

/* Where the line that ends with `last` is: false when no line does. */
static bool line_ending(const vt_page *page, const char *last, size_t *block_out,
                        size_t *line_out)
{
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            const vt_line *line = &page->blocks[b].lines[l];
            if (line->n_words && strcmp(line->words[line->n_words - 1].text, last) == 0) {
                *block_out = b;
                *line_out = l;
                return true;
            }
        }
    return false;
}

/* The line after `l` in block `b` starts with "vụ". */
static bool followed_by_vu(const vt_page *page, size_t b, size_t l)
{
    const vt_block *block = &page->blocks[b];
    return l + 1 < block->n_lines && block->lines[l + 1].n_words > 0
           && strncmp(block->lines[l + 1].words[0].text, "vụ", strlen("vụ")) == 0;
}

static void test_dropped_last_line_is_read_in_place(void **state)
{
    vt_stage_test *t = *state;
    vt_document *doc = ocred(t, "001-p2-200.png", 200);
    size_t b = 0, l = 0;
    assert_true(line_ending(&doc->pages[0], "phục", &b, &l));
    /* Tesseract dropped it: the test says nothing if a new Tesseract reads it. */
    if (followed_by_vu(&doc->pages[0], b, l))
        skip();
    size_t words = count_words(&doc->pages[0]);
    vt_stage_test_run(t->session, &vt_stage_lost_lines, doc, 0);
    assert_true(line_ending(&doc->pages[0], "phục", &b, &l));
    assert_true(followed_by_vu(&doc->pages[0], b, l));
    assert_int_equal(doc->pages[0].blocks[b].lines[l + 1].n_words, 1);
    assert_int_equal(count_words(&doc->pages[0]), words + 1);
    vt_document_free(doc);
}

static void test_page_read_whole_gains_nothing(void **state)
{
    vt_stage_test *t = *state;
    vt_document *doc = ocred(t, "002-p1-300.png", 300);
    size_t before = count_words(&doc->pages[0]), blocks = doc->pages[0].n_blocks;
    vt_stage_test_run(t->session, &vt_stage_lost_lines, doc, 0);
    assert_int_equal(count_words(&doc->pages[0]), before);
    assert_int_equal(doc->pages[0].n_blocks, blocks);
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dropped_last_line_is_read_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_read_whole_gains_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
