/*
 * test_margin_notes.c — which lines the margin_notes stage sets apart. Each case is
 * an A4 page at 300 dpi (2480 x 3508) holding four confident body lines (x 354 to
 * 2304, the decree's column) and a few extra lines, each in its own block, given as
 * "X Y WIDTH CONFIDENCE|words": words share the width evenly, unless a word is
 * preceded by "@X" (placed at X, 80 px wide); "word#NN" gives one word its own
 * confidence. The expected notes are the margin-note blocks' texts, lines joined by
 * " / ", blocks by " | "; `kept` lists texts that must stay in `text`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "stages.h"

#define LINE_HEIGHT 50

static const char *const body[] = {
    "354 800 1950 93|Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "354 870 1950 92|Ủy ban nhân dân tỉnh thông báo kết luận của đồng chí Chủ tịch như sau",
    "354 940 1950 94|các sở ban ngành và địa phương triển khai thực hiện đầy đủ các nhiệm vụ",
    "354 1010 1950 91|được giao bảo đảm đúng tiến độ và chất lượng theo yêu cầu của tỉnh",
};

typedef struct note_case {
    const char *name;
    const char *extra[6];
    const char *body_tail;      /* appended to body line 2 (words with @X), or NULL */
    const char *notes;
    const char *kept[4];
} note_case;

static const note_case cases[] = {
    {"garbage in the left margin", {"40 1200 250 35|%W1% 4s. Ẻ"}, NULL, "%W1% 4s. Ẻ", {NULL}},
    {"closing: recipients at the column's left edge, signer far below",
     {"354 1100 220 91|Nơi nhận:", "354 1160 260 88|- Như trên;", "354 1220 300 85|- Lưu: VT, KHTC.",
      "1500 1500 400 93|Nguyễn Văn An"},
     NULL, "", {"Nơi nhận:", "- Như trên;", "- Lưu: VT, KHTC.", "Nguyễn Văn An"}},
    {"page number centred at the bottom", {"1315 3300 25 95|2"}, NULL, "", {"\n2\n"}},
    {"page number centred in the top margin", {"1315 300 25 90|3"}, NULL, "", {"\n3\n"}},
    {"garbage inside the column (low confidence, no syllables)", {"900 1080 300 30|~;ị /⁄ `2"},
     NULL, "~;ị /⁄ `2", {NULL}},
    {"handwriting read well, above the header", {"470 100 440 80|Giao P.KHNV"}, NULL, "Giao P.KHNV",
     {NULL}},
    {"a confident word wholly in the right margin", {"2340 1500 120 91|ok"}, NULL, "ok", {NULL}},
    {"a garbage word at a body line's end, starting at the column edge", {NULL}, "@2319 ðƒ¿#33",
     "ðƒ¿", {"các sở ban ngành"}},
    {"a confident short line inside the column stays", {"354 1080 500 90|Như trên;"}, NULL, "",
     {"Như trên;"}},
    {"a garbled printed line, aligned with the list above it", {"354 1080 500 93|- Lưu: VT, KGVX.",
     "354 1130 200 48|NG.TH,TTTT:"}, NULL, "", {"NG.TH,TTTT:"}},
    {"a printed line whose spaces OCR lost (fused syllables)", {"600 1100 500 18|BanGiámđốc =-"},
     NULL, "", {"BanGiámđốc"}},
    {"a document number and a date, short and confident", {"354 1100 600 88|Số: 88/TB-SYT",
     "1300 1100 700 86|ngày 17/4/2025"}, NULL, "", {"Số: 88/TB-SYT", "ngày 17/4/2025"}},
    {"the notice's number line, read unsure inside a pen ring", {"437 1100 600 55|& Số: 2260/KIkSTTTL"},
     NULL, "", {"Số: 2260/KIkSTTTL"}},
};

static void add_words(vt_line *line, int x, int w, float confidence, char *spec)
{
    char *tokens[64];
    int n = 0;
    for (char *t = strtok(spec, " "); t && n < 64; t = strtok(NULL, " "))
        tokens[n++] = t;
    int words = 0;
    for (int i = 0; i < n; i++)
        words += tokens[i][0] != '@';
    int slot = words ? w / words : w, k = 0, at = -1;
    for (int i = 0; i < n; i++) {
        if (tokens[i][0] == '@') {
            at = atoi(tokens[i] + 1);
            continue;
        }
        char *hash = strchr(tokens[i], '#');
        float conf = confidence;
        if (hash) {
            *hash = '\0';
            conf = (float)atof(hash + 1);
        }
        vt_word *word = vt_line_add_word(line, tokens[i], strlen(tokens[i]));
        assert_non_null(word);
        word->confidence = conf;
        int y = line->box.y;
        word->box = at >= 0 ? (vt_box){at, y, 80, LINE_HEIGHT}
                            : (vt_box){x + k * slot, y, slot > 12 ? slot - 10 : slot, LINE_HEIGHT};
        at = -1;
        k++;
    }
    int right = 0;
    for (size_t i = 0; i < line->n_words; i++)
        if (line->words[i].box.x + line->words[i].box.w > right)
            right = line->words[i].box.x + line->words[i].box.w;
    line->box.x = line->words[0].box.x;
    line->box.w = right - line->box.x;
}

static void add_line(vt_page *page, const char *spec, const char *tail)
{
    int x, y, w;
    float conf;
    char buf[512];
    assert_int_equal(sscanf(spec, "%d %d %d %f|", &x, &y, &w, &conf), 4);
    vt_block *block = vt_page_add_block(page);
    vt_line *line = vt_block_add_line(block);
    line->box = (vt_box){x, y, w, LINE_HEIGHT};
    snprintf(buf, sizeof buf, "%s", strchr(spec, '|') + 1);
    add_words(line, x, w, conf, buf);
    if (tail) {
        snprintf(buf, sizeof buf, "%s", tail);
        add_words(line, x, w, conf, buf);
    }
    block->box = line->box;
}

/* The margin-note blocks' texts, as described at the top. */
static void notes_text(const vt_page *page, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t b = 0; b < page->n_blocks; b++) {
        const vt_block *block = &page->blocks[b];
        if (block->kind != VT_BLOCK_MARGIN_NOTE)
            continue;
        len += (size_t)snprintf(out + len, size - len, "%s", len ? " | " : "");
        for (size_t l = 0; l < block->n_lines; l++)
            for (size_t w = 0; w < block->lines[l].n_words; w++)
                len += (size_t)snprintf(out + len, size - len, "%s%s",
                                        w ? " " : l ? " / " : "", block->lines[l].words[w].text);
    }
}

/* Run margin_notes, then compose, on doc. */
static void run_margin_notes(vt_document *doc)
{
    static const vt_stage *const stages[] = {&vt_stage_margin_notes, &vt_stage_compose};
    vt_engine *engine;
    vt_session *session;
    char *err;
    assert_int_equal(vt_engine_new_with_stages(NULL, stages, 2, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    assert_int_equal(vt_run_document(session, doc), VT_OK);
    vt_session_free(session);
    vt_engine_free(engine);
}

static void test_margin_notes_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const note_case *c = &cases[i];
        vt_document *doc = vt_document_new("page");
        vt_page *page = vt_document_add_page(doc);
        page->width = 2480;
        page->height = 3508;
        page->dpi = 300;
        for (size_t l = 0; l < sizeof body / sizeof body[0]; l++)
            add_line(page, body[l], l == 2 ? c->body_tail : NULL);
        for (size_t l = 0; l < 6 && c->extra[l]; l++)
            add_line(page, c->extra[l], NULL);
        doc->kind = VT_INPUT_IMAGE;
        run_margin_notes(doc);
        char notes[1024];
        notes_text(&doc->pages[0], notes, sizeof notes);
        if (strcmp(notes, c->notes) != 0)
            fail_msg("%s: notes\n got: '%s'\nwant: '%s'", c->name, notes, c->notes);
        for (size_t k = 0; k < 4 && c->kept[k]; k++)
            if (!strstr(doc->text, c->kept[k]))
                fail_msg("%s: '%s' missing from the text:\n%s", c->name, c->kept[k], doc->text);
        for (size_t l = 0; l < sizeof body / sizeof body[0]; l++) {
            const char *text = strchr(body[l], '|') + 1;
            if (!strstr(doc->text, text))
                fail_msg("%s: body line %zu lost:\n%s", c->name, l, doc->text);
        }
        if (c->notes[0] && strstr(doc->text, c->notes))
            fail_msg("%s: the note is still in the text:\n%s", c->name, doc->text);
        vt_document_free(doc);
    }
}

/* Text input has no boxes: the stage does not apply and changes nothing. */
static void test_text_input_untouched(void **state)
{
    (void)state;
    vt_document *doc = vt_document_new("text");
    vt_page *page = vt_document_add_page(doc);
    vt_line *line = vt_block_add_line(vt_page_add_block(page));
    vt_word *w = vt_line_add_word(line, "%W1%", 4);
    w->confidence = -1;
    doc->kind = VT_INPUT_TEXT;
    run_margin_notes(doc);
    assert_string_equal(doc->text, "%W1%\n");
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_margin_notes_table),
        cmocka_unit_test(test_text_input_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
