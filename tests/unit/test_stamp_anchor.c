/*
 * test_stamp_anchor.c — a receipt stamp found by the labels on its face among a
 * page's OCR words (vt_stamp_anchor_find), on hand-made pages: a table of
 * words (text and box) → found or not, and what the face must and must not hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "stamp_anchor.h"

#define DPI 200         /* 7.87 px a millimetre */

typedef struct word_spec {
    const char *text;
    int x, y, w, h;     /* words of one line share y */
} word_spec;

#define MAX_WORDS 16
#define END {NULL, 0, 0, 0, 0}
#define AREA(x, y, w, h) {NULL, x, y, w, h}
#define NONE AREA(0, 0, 0, 0)

static const struct {
    const char *name;
    word_spec words[MAX_WORDS];     /* ended by a NULL text */
    bool found;
    word_spec inside, outside;      /* boxes the face must hold / must not touch */
} cases[] = {
    {"a stamp's face over a gap",
     {{"Số:", 230, 250, 40, 30}, {"1078/QĐ-SYT", 280, 250, 200, 30},
      {"ĐẾN", 230, 440, 150, 60}, {"Số:", 400, 440, 40, 24}, {"0", 450, 440, 20, 24},
      {"Ngày:", 400, 468, 60, 24}, {"10/12/2024", 470, 468, 160, 24},
      {"Chuyển:", 230, 497, 80, 30}, {"PNV.........", 320, 497, 350, 30},
      {"Lưu", 230, 540, 40, 20}, {"hồ", 280, 540, 25, 20}, {"sơ", 310, 540, 25, 20},
      {"số:", 340, 540, 30, 20}, {"...........", 380, 540, 300, 20}, END},
     true, AREA(230, 440, 440, 120), AREA(230, 250, 250, 30)},
    {"labels as OCR mangles them",
     {{"`EN", 230, 440, 150, 60}, {"Chuy€n:", 230, 497, 80, 30}, {"P1", 320, 497, 30, 30},
      END},
     true, AREA(230, 440, 120, 87), NONE},
    {"a sentence's chuyên môn and ngày 25/10/2017 are no labels",
     {{"phòng", 200, 900, 80, 30}, {"chuyên", 290, 900, 90, 30}, {"môn", 390, 900, 60, 30},
      {"ngày", 460, 900, 60, 30}, {"25/10/2017", 530, 900, 150, 30},
      {"Chuyển", 200, 940, 90, 30}, {"giao", 300, 940, 60, 30}, END},
     false, NONE, NONE},
    {"HUYỆN is no Chuyển",
     {{"HUYỆN", 230, 400, 90, 30}, {"Ngày:", 230, 440, 60, 24}, {"10/12/2024", 300, 440, 160, 24},
      END},
     false, NONE, NONE},
    {"one label alone",
     {{"Chuyển:", 230, 497, 80, 30}, {"P.KHNV", 320, 497, 90, 30}, END},
     false, NONE, NONE},
    {"labels too far apart for one stamp",
     {{"ĐẾN", 230, 300, 150, 60}, {"Lưu", 230, 1000, 40, 20}, {"hồ", 280, 1000, 25, 20},
      {"sơ", 310, 1000, 25, 20}, END},
     false, NONE, NONE},
    {"a big word that is not tall enough is no ĐẾN",
     {{"ĐẾN", 230, 440, 60, 34}, {"Chuyển:", 230, 497, 80, 30}, END},
     false, NONE, NONE},
};

static bool holds(vt_box outer, word_spec in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w
           && in.y + in.h <= outer.y + outer.h;
}

static bool touches(vt_box a, word_spec b)
{
    return b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* A page of the case's words, plus a paragraph of body words 30 px high far
 * below, so the median word height is the body's. */
static vt_document *page_of(const word_spec *words)
{
    vt_document *doc = vt_document_new("test");
    assert_non_null(doc);
    vt_page *page = vt_document_add_page(doc);
    assert_non_null(page);
    page->width = 1654;
    page->height = 2339;
    page->dpi = DPI;
    vt_block *block = vt_page_add_block(page);
    assert_non_null(block);
    vt_line *line = NULL;
    int line_y = -1;
    for (size_t i = 0; words[i].text; i++) {
        if (!line || words[i].y != line_y) {
            line = vt_block_add_line(block);
            assert_non_null(line);
            line_y = words[i].y;
        }
        vt_word *w = vt_line_add_word(line, words[i].text, strlen(words[i].text));
        assert_non_null(w);
        w->box = (vt_box){words[i].x, words[i].y, words[i].w, words[i].h};
        w->confidence = 90;
        line->box = vt_words_box(line->words, line->n_words);
    }
    for (int r = 0; r < 3; r++) {
        line = vt_block_add_line(block);
        assert_non_null(line);
        for (int k = 0; k < 10; k++) {
            vt_word *w = vt_line_add_word(line, "chữ", strlen("chữ"));
            assert_non_null(w);
            w->box = (vt_box){200 + 110 * k, 1600 + 45 * r, 90, 30};
            w->confidence = 95;
        }
        line->box = vt_words_box(line->words, line->n_words);
    }
    return doc;
}

static void test_anchor_table(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        vt_document *doc = page_of(cases[c].words);
        vt_box face = {0};
        int labels_top = -1;
        bool found = vt_stamp_anchor_find(&doc->pages[0], &face, &labels_top);
        if (found != cases[c].found)
            fail_msg("%s: found %d, want %d", cases[c].name, found, cases[c].found);
        if (found && cases[c].inside.w > 0 && !holds(face, cases[c].inside))
            fail_msg("%s: face %d,%d %dx%d does not hold the labels", cases[c].name, face.x,
                     face.y, face.w, face.h);
        if (found && touches(face, cases[c].outside))
            fail_msg("%s: face %d,%d %dx%d takes in the print above", cases[c].name, face.x,
                     face.y, face.w, face.h);
        vt_document_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchor_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
