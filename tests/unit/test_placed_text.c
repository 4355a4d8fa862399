/*
 * test_placed_text.c — the final text laid over the words' boxes: a table of
 * pages (words with boxes, then an edit of the composed text, as the text stages
 * make) → the placed lines, each word written "text@x+w".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placed_text.h"
#include "engine.h"
#include "stages.h"
#include "strbuf.h"

#define MAX_WORDS 8

typedef struct word_spec {
    const char *text;
    int x, w;                    /* y 0, height 20; w == 0 ends the list */
    int line;                    /* line of the block, from 0 */
    vt_block_kind kind;          /* its block: one block per kind used */
} word_spec;

static const struct {
    const char *name;
    word_spec words[MAX_WORDS];
    const char *edit_from, *edit_to;   /* replace the first edit_from in the text */
    const char *want;                  /* lines joined by " / ", blocks by " | " */
} cases[] = {
    {"words as read", {{"Số:", 10, 30, 0, 0}, {"88/TB", 50, 60, 0, 0}, {"SỞ", 10, 20, 1, 0}},
     NULL, NULL, "Số:@10+30 88/TB@50+60 / SỞ@10+20"},
    {"a join takes both boxes", {{"115", 10, 30, 0, 0}, {"/CV", 45, 30, 0, 0}},
     "115 /CV", "115/CV", "115/CV@10+65"},
    {"a split shares the box by characters", {{"ngày12", 100, 60, 0, 0}},
     "ngày12", "ngày 12", "ngày@100+34 12@142+18"},   /* the new space takes its share */
    {"a removed word is gone", {{"ĐẾN", 10, 30, 0, 0}, {"Kính", 50, 40, 0, 0}},
     "ĐẾN ", "", "Kính@50+40"},
    {"blank lines separate blocks; set-apart blocks follow",
     {{"Nơi", 10, 30, 0, 0}, {"SỐ", 300, 30, 0, VT_BLOCK_STAMP}, {"nhận:", 50, 50, 1, 0}},
     NULL, NULL, "Nơi@10+30 / nhận:@50+50 | stamp: SỐ@300+30"},
};

static vt_line *line_of(vt_page *page, vt_block_kind kind, int line)
{
    vt_block *block = NULL;
    for (size_t b = 0; b < page->n_blocks; b++)
        if (page->blocks[b].kind == kind)
            block = &page->blocks[b];
    if (!block) {
        block = vt_page_add_block(page);
        block->kind = kind;
    }
    while ((int)block->n_lines <= line)
        vt_block_add_line(block);
    return &block->lines[line];
}

static vt_document *make_doc(size_t c)
{
    vt_document *doc = vt_document_new("case");
    vt_page *page = vt_document_add_page(doc);
    page->width = 1000;
    page->height = 1000;
    for (const word_spec *s = cases[c].words; s < cases[c].words + MAX_WORDS && s->w; s++) {
        vt_word *word = vt_line_add_word(line_of(page, s->kind, s->line), s->text, strlen(s->text));
        word->box = (vt_box){s->x, 0, s->w, 20};
        word->confidence = 90;
    }
    vt_stage_context ctx = {0};
    assert_int_equal(vt_stage_compose.run(doc, &ctx), VT_OK);
    if (cases[c].edit_from) {
        const char *at = strstr(doc->text, cases[c].edit_from);
        assert_non_null(at);
        vt_text_edits edits = {0};
        size_t start = (size_t)(at - doc->text);
        vt_text_edits_add(&edits, start, start + strlen(cases[c].edit_from), cases[c].edit_to,
                          strlen(cases[c].edit_to));
        const char *error;
        assert_true(vt_document_edit_text(doc, &edits, "test", &error));
        vt_text_edits_free(&edits);
    }
    return doc;
}

static char *render(const vt_placed_page *pp)
{
    vt_strbuf sb = {0};
    vt_strbuf_puts(&sb, "");
    for (size_t b = 0; b < pp->n_blocks; b++) {
        const vt_placed_block *block = &pp->blocks[b];
        vt_strbuf_puts(&sb, b ? " | " : "");
        vt_strbuf_puts(&sb, block->kind == VT_BLOCK_STAMP ? "stamp: " : "");
        for (size_t l = 0; l < block->n_lines; l++) {
            const vt_placed_line *line = &pp->lines[block->first_line + l];
            vt_strbuf_puts(&sb, l ? " / " : "");
            for (size_t w = 0; w < line->n_words; w++) {
                const vt_placed_word *word = &pp->words[line->first_word + w];
                char box[48];
                snprintf(box, sizeof box, "@%d+%d", word->box.x, word->box.w);
                vt_strbuf_puts(&sb, w ? " " : "");
                vt_strbuf_append(&sb, word->text, word->len);
                vt_strbuf_puts(&sb, box);
            }
        }
    }
    return vt_strbuf_take(&sb);
}

static void test_placement_table(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        vt_document *doc = make_doc(c);
        vt_placed_page pp;
        assert_true(vt_place_page_text(doc, 0, &pp));
        char *got = render(&pp);
        if (strcmp(got, cases[c].want) != 0)
            fail_msg("%s: got '%s', want '%s'", cases[c].name, got, cases[c].want);
        free(got);
        vt_placed_page_free(&pp);
        vt_document_free(doc);
    }
}

/* Every text line of every page is a placed line, on a document of two pages. */
static void test_second_page_offsets(void **state)
{
    (void)state;
    vt_document *doc = vt_document_new("two");
    for (int p = 0; p < 2; p++) {
        vt_page *page = vt_document_add_page(doc);
        vt_block *block = vt_page_add_block(page);
        vt_line *line = vt_block_add_line(block);
        vt_word *w = vt_line_add_word(line, p ? "hai" : "một", p ? 3 : 4);
        w->box = (vt_box){100 * (p + 1), 5, 30, 20};
        w->confidence = 50;
    }
    vt_stage_context ctx = {0};
    assert_int_equal(vt_stage_compose.run(doc, &ctx), VT_OK);
    vt_placed_page pp;
    assert_true(vt_place_page_text(doc, 1, &pp));
    assert_int_equal(pp.n_words, 1);
    assert_int_equal(pp.words[0].box.x, 200);
    assert_true(pp.words[0].confidence == 50);
    vt_placed_page_free(&pp);
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placement_table),
        cmocka_unit_test(test_second_page_offsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
