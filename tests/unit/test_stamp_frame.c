/*
 * test_stamp_frame.c — the receipt stamp where colour is gone: stamp_frame on
 * greyscale pages (the stamped fixture page in grey, a page without a stamp, a
 * ruled box that is not a stamp), and stamp_words on word tables (which words of
 * a 1-bit page's OCR are the stamp's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "receipt_stamp_output.h"
#include "stage_test.h"
#include "stages.h"

#define STAMPED_GREY VT_SOURCE_DIR "/fixtures/scans/002-p1-300-stamp-grey.png"
#define PLAIN VT_SOURCE_DIR "/fixtures/scans/002-p1-300.png"

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

/* Pixels of the box with a grey in [lo, hi]. */
static l_int32 count_grey(PIX *pix, vt_box b, l_uint32 lo, l_uint32 hi)
{
    l_int32 n = 0;
    for (int y = b.y; y < b.y + b.h; y++)
        for (int x = b.x; x < b.x + b.w; x++) {
            l_uint32 g;
            pixGetPixel(pix, x, y, &g);
            n += g >= lo && g <= hi;
        }
    return n;
}

/* The grey stamp (red ink scanned to grey 88 over black print): found, read, and
 * its grey gone from the page while the black print under it stays. */
static void test_grey_stamp_found_read_and_lifted(void **state)
{
    vt_stage_test *t = *state;
    PIX *page = pixRead(STAMPED_GREY);
    assert_non_null(page);
    PIX *before = pixCopy(NULL, page);
    vt_document *doc = vt_stage_test_page_doc("test", page, 300);
    vt_stage_test_run(t->session, &vt_stage_stamp_frame, doc, 0);
    const vt_receipt_stamp *s = vt_document_receipt_stamp(doc);
    assert_non_null(s);
    assert_string_equal(s->number, "0764");
    assert_string_equal(s->date, "2025-04-21");
    assert_false(s->ink_on_page);
    /* The recorded box: 50 × 35 mm at 300 dpi is 591 × 413 pixels. */
    assert_in_range(s->box.w, 560, 660);
    assert_in_range(s->box.h, 390, 470);
    l_int32 ink_before = count_grey(before, s->box, 70, 110);
    l_int32 ink_after = count_grey(doc->pages[0].image, s->box, 70, 110);
    l_int32 print_before = count_grey(before, s->box, 0, 30);
    l_int32 print_after = count_grey(doc->pages[0].image, s->box, 0, 30);
    assert_true(ink_before > 10000);
    assert_true(ink_after < ink_before / 20);
    assert_int_equal(print_after, print_before);
    pixDestroy(&before);
    vt_document_free(doc);
}

/* A page without a stamp, and the same page with a ruled box of the stamp's size
 * drawn over blank header space (a frame that says nothing of a stamp): no stamp,
 * and the page is not touched. */
static void test_no_stamp_no_change(void **state)
{
    vt_stage_test *t = *state;
    for (int framed = 0; framed <= 1; framed++) {
        PIX *page = pixRead(PLAIN);
        assert_non_null(page);
        if (framed) {
            BOX *box = boxCreate(1500, 900, 600, 420);
            assert_int_equal(pixRenderBox(page, box, 5, L_SET_PIXELS), 0);
            boxDestroy(&box);
        }
        PIX *before = pixCopy(NULL, page);
        vt_document *doc = vt_stage_test_page_doc("test", page, 300);
        vt_stage_test_run(t->session, &vt_stage_stamp_frame, doc, 0);
        assert_null(vt_document_receipt_stamp(doc));
        l_int32 same = 0;
        pixEqual(doc->pages[0].image, before, &same);
        assert_true(same);
        pixDestroy(&before);
        vt_document_free(doc);
    }
}

/* ---- stamp_words: which words of a 1-bit page's OCR are the stamp's ------------ */

/* The stamp's frame at (1000, 400), 600 × 400; what the stamp's own reading said. */
#define FRAME_X 1000
#define FRAME_Y 400
#define STAMP_RAW "BỆNH VIỆN\nSố: 1532\nNgày: 14/10/2024\nSố và ký hiệu HS:\n"

typedef struct word_row {
    const char *text;
    int x, w;
    float confidence;
} word_row;

/* Lines of words (a NULL text ends a line; a line's row is its y, 60 apart from
 * y = 300) and the page text that must remain. */
static const struct {
    word_row words[12];
    const char *kept;
} word_cases[] = {
    /* a line wholly inside the frame is the stamp's, whatever it says */
    {{{"Số:", 1100, 60, 95}, {"1532", 1170, 80, 97}, {NULL}}, ""},
    /* crossing the frame: inside it, the stamp's words and unreadable ones go */
    {{{"tỉnh", 700, 90, 97}, {"tại", 820, 60, 97}, {"tế", 1050, 40, 21}, {"và", 1100, 40, 95},
      {"hiệu", 1150, 70, 97}, {"buổi", 1300, 90, 96}, {NULL}},
     "tỉnh tại buổi"},
    /* a word partly outside the frame is the notice's, even unreadable */
    {{{"Phó", 800, 90, 96}, {"Chủ", 950, 100, 30}, {NULL}}, "Phó Chủ"},
    /* a line away from the frame is untouched, also words the stamp has */
    {{{"Số:", 100, 60, 95}, {"1532", 170, 80, 40}, {NULL}}, "Số: 1532"},
};

static vt_document *word_doc(size_t row)
{
    vt_document *doc = vt_document_new("test");
    assert_non_null(doc);
    doc->kind = VT_INPUT_IMAGE;
    vt_page *page = vt_document_add_page(doc);
    vt_block *block = vt_page_add_block(page);
    vt_line *line = vt_block_add_line(block);
    assert_non_null(line);
    /* rows 0 and 1 lie inside the frame's height, 2 on it, 3 far below */
    static const int ys[] = {500, 560, 420, 1400};
    for (const word_row *w = word_cases[row].words; w->text; w++) {
        vt_word *word = vt_line_add_word(line, w->text, strlen(w->text));
        assert_non_null(word);
        word->box = (vt_box){w->x, ys[row], w->w, 40};
        word->confidence = w->confidence;
    }
    line->box = vt_words_box(line->words, line->n_words);
    block->box = line->box;
    vt_receipt_stamp *stamp = calloc(1, sizeof *stamp);
    assert_non_null(stamp);
    *stamp = (vt_receipt_stamp){.page = 1,
                                .box = {FRAME_X, FRAME_Y, 600, 400},
                                .raw = strdup(STAMP_RAW),
                                .ink_on_page = true};
    assert_true(vt_document_offer_receipt_stamp(doc, stamp));
    return doc;
}

/* The words left in the page's text blocks, space-separated. */
static void kept_text(const vt_page *page, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; page->blocks[b].kind == VT_BLOCK_TEXT && l < page->blocks[b].n_lines;
             l++) {
            const vt_line *line = &page->blocks[b].lines[l];
            for (size_t i = 0; i < line->n_words; i++) {
                if (out[0])
                    strncat(out, " ", cap - strlen(out) - 1);
                strncat(out, line->words[i].text, cap - strlen(out) - 1);
            }
        }
}

static void test_stamp_words_table(void **state)
{
    vt_stage_test *t = *state;
    for (size_t i = 0; i < sizeof word_cases / sizeof word_cases[0]; i++) {
        vt_document *doc = word_doc(i);
        vt_stage_test_run(t->session, &vt_stage_stamp_words, doc, 0);
        char kept[256];
        kept_text(&doc->pages[0], kept, sizeof kept);
        if (strcmp(kept, word_cases[i].kept) != 0)
            fail_msg("case %zu: kept '%s', want '%s'", i, kept, word_cases[i].kept);
        /* What left the text is in one stamp block, and nowhere else. */
        size_t moved = 0, stamp_blocks = 0;
        const vt_page *page = &doc->pages[0];
        for (size_t b = 0; b < page->n_blocks; b++)
            if (page->blocks[b].kind == VT_BLOCK_STAMP) {
                stamp_blocks++;
                for (size_t l = 0; l < page->blocks[b].n_lines; l++)
                    moved += page->blocks[b].lines[l].n_words;
            }
        size_t total = 0;
        for (const word_row *w = word_cases[i].words; w->text; w++)
            total++;
        size_t left = kept[0] ? 1 : 0;
        for (const char *p = kept; *p; p++)
            left += *p == ' ';
        assert_int_equal(moved + left, total);
        assert_int_equal(stamp_blocks, moved ? 1 : 0);
        vt_document_free(doc);
    }
}

/* A stamp lifted off the page (ink_on_page false) leaves the words alone. */
static void test_stamp_words_only_when_ink_stayed(void **state)
{
    vt_stage_test *t = *state;
    vt_document *doc = word_doc(0);
    vt_document_receipt_stamp(doc)->ink_on_page = false;
    vt_stage_test_run(t->session, &vt_stage_stamp_words, doc, 0);
    char kept[256];
    kept_text(&doc->pages[0], kept, sizeof kept);
    assert_string_equal(kept, "Số: 1532");
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_grey_stamp_found_read_and_lifted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_stamp_no_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stamp_words_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stamp_words_only_when_ink_stayed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
