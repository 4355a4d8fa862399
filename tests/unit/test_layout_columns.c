/*
 * test_layout_columns.c — two-column zones are read column by column. Each case is
 * a page of lines drawn as text: words at their x positions (page width 1000,
 * each character 10 px, one space 10 px); the expected text is what compose writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "stages.h"

/* "@x" before a word places it at x; otherwise it follows the last word. */
typedef struct layout_case {
    const char *lines[8];
    const char *want;
    const char *stamp_lines[2];     /* a block of kind stamp after the text's */
} layout_case;

static const layout_case cases[] = {
    {   /* the header: two columns on the same lines, then the title */
        {"@100 UBND TỈNH @600 CỘNG HÒA XÃ HỘI", "@120 SỞ Y TẾ @620 Độc lập - Tự do",
         "@110 Số: 88/TB-SYT @610 Kiên Giang, ngày 17", "@440 THÔNG BÁO",
         "@100 Body text that crosses the middle of the page here"},
        "UBND TỈNH\nSỞ Y TẾ\nSố: 88/TB-SYT\n\nCỘNG HÒA XÃ HỘI\nĐộc lập - Tự do\n"
        "Kiên Giang, ngày 17\n\nTHÔNG BÁO\nBody text that crosses the middle of the page here\n", {NULL}},
    {   /* the closing: recipients left, signature right, left lines continue below */
        {"@100 Body text that crosses the middle of the page here", "@100 Nơi nhận: @650 KT. GIÁM ĐỐC",
         "@100 - Như trên; @650 PHÓ GIÁM ĐỐC", "@100 - Lưu: VT.", "@680 Nguyễn Văn A"},
        "Body text that crosses the middle of the page here\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn A\n", {NULL}},
    {   /* justified body lines have wide gaps too, but not this wide: untouched */
        {"@100 một   hai   ba   bốn   năm   sáu   bảy   tám   chín   mười   mười một",
         "@100 Số @200 liệu"},
        "một hai ba bốn năm sáu bảy tám chín mười mười một\nSố liệu\n", {NULL}},
    {   /* a rule OCR read as "__" (no letters, confidence 0) does not close the gap */
        {"@260 UBND TỈNH @390 __ @430 CỘNG HÒA", "@260 SỞ Y TẾ @430 Độc lập", "@440 THÔNG BÁO"},
        "UBND TỈNH __\nSỞ Y TẾ\n\nCỘNG HÒA\nĐộc lập\n\nTHÔNG BÁO\n", {NULL}},
    {   /* a rule read as debris before a right-column line does not make it span:
         * the left column's number line below it stays in the header */
        {"@100 UBND TỈNH @600 CỘNG HÒA", "@120 SỞ Y TẾ @620 Độc lập",
         "@470 =`....... @600 Kiên Giang, ngày 17", "@110 Số: 88/TB-SYT", "@440 THÔNG BÁO"},
        "UBND TỈNH\nSỞ Y TẾ\nSố: 88/TB-SYT\n\nCỘNG HÒA\nĐộc lập\n=`....... Kiên Giang, ngày 17\n\n"
        "THÔNG BÁO\n", {NULL}},
    {   /* a centred title with a mark far to its right ends the header; it is
         * no left-column line, and a right-column date's blank is no column gap */
        {"@100 UBND TỈNH @600 CỘNG HÒA", "@120 SỞ Y TẾ @620 Độc lập",
         "@560 Gia Lai, ngày @730 tháng 5", "@110 Số: 88/TB-SYT", "@440 THÔNG BÁO @690 ĐẾN"},
        "UBND TỈNH\nSỞ Y TẾ\nSố: 88/TB-SYT\n\nCỘNG HÒA\nĐộc lập\nGia Lai, ngày tháng 5\n\n"
        "THÔNG BÁO ĐẾN\n",
        {NULL}},
    {   /* a gap at the left edge is not a column gap */
        {"@100 1. @350 Mục một crosses the middle of the page", "@100 Body text across the middle"},
        "1. Mục một crosses the middle of the page\nBody text across the middle\n", {NULL}},
    {   /* a stamp's words set apart stay apart, also beside a two-column zone */
        {"@100 UBND TỈNH @600 CỘNG HÒA XÃ HỘI", "@120 SỞ Y TẾ @620 Độc lập - Tự do"},
        "UBND TỈNH\nSỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI\nĐộc lập - Tự do\n",
        {"@300 Số: 34", "@610 Ngày: 18/11/2021"}},
};

static void add_line(vt_block *block, const char *spec)
{
    vt_line *line = vt_block_add_line(block);
    int x = 0;
    char buf[256];
    strcpy(buf, spec);
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
        if (tok[0] == '@') {
            x = atoi(tok + 1);
            continue;
        }
        vt_word *w = vt_line_add_word(line, tok, strlen(tok));
        int width = 10 * (int)strlen(tok);
        w->box = (vt_box){x, 100, width, 20};
        x += width + 10;
    }
    vt_box *first = &line->words[0].box, *last = &line->words[line->n_words - 1].box;
    line->box = (vt_box){first->x, 100, last->x + last->w - first->x, 20};
}


static void test_layout_table(void **state)
{
    (void)state;
    static const vt_stage *const stages[] = {&vt_stage_layout_columns, &vt_stage_compose};
    vt_engine *engine;
    vt_session *session;
    char *err;
    assert_int_equal(vt_engine_new_with_stages(NULL, stages, 2, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_document *doc = vt_document_new("page");
        vt_page *page = vt_document_add_page(doc);
        page->width = 1000;
        page->height = 1400;
        vt_block *block = vt_page_add_block(page);
        for (int l = 0; l < 8 && cases[i].lines[l]; l++)
            add_line(block, cases[i].lines[l]);
        if (cases[i].stamp_lines[0]) {
            vt_block *stamp = vt_page_add_block(page);
            stamp->kind = VT_BLOCK_STAMP;
            for (int l = 0; l < 2 && cases[i].stamp_lines[l]; l++)
                add_line(stamp, cases[i].stamp_lines[l]);
        }
        doc->kind = VT_INPUT_IMAGE;
        assert_int_equal(vt_run_document(session, doc), VT_OK);
        if (strcmp(doc->text, cases[i].want) != 0)
            fail_msg("case %zu:\n--- got\n%s--- want\n%s", i, doc->text, cases[i].want);
        vt_document_free(doc);
    }
    vt_session_free(session);
    vt_engine_free(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
