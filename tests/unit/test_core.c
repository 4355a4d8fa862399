/*
 * test_core.c — the building blocks under every stage: strict UTF-8 decoding,
 * growable strings, and the document model's ownership and messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "strbuf.h"
#include "utf8.h"

/* bytes → the code points decoded, -1 for each rejected byte. */
static const struct {
    const char *bytes;
    size_t len;
    int32_t cps[6];
    size_t n;
} utf8_cases[] = {
    {"a", 1, {'a'}, 1},
    {"\xC4\x91", 2, {0x111}, 1},                       /* đ */
    {"\xE1\xBA\xBF", 3, {0x1EBF}, 1},                  /* ế */
    {"\xF0\x9F\x98\x80", 4, {0x1F600}, 1},
    {"\xC0\xAF", 2, {-1, -1}, 2},                      /* overlong '/' */
    {"\xED\xA0\x80", 3, {-1, -1, -1}, 3},              /* surrogate */
    {"\xE1\xBA", 2, {-1, -1}, 2},                      /* truncated */
    {"\xF4\x90\x80\x80", 4, {-1, -1, -1, -1}, 4},      /* above U+10FFFF */
    {"\xAB" "b", 2, {-1, 'b'}, 2},                     /* TCVN3 byte, then ASCII */
};

static void test_utf8_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        size_t pos = 0, n = 0;
        while (pos < utf8_cases[i].len) {
            int32_t cp = vt_utf8_next(utf8_cases[i].bytes, utf8_cases[i].len, &pos);
            assert_true(n < utf8_cases[i].n);
            if (cp != utf8_cases[i].cps[n])
                fail_msg("case %zu, code point %zu: got %d, want %d", i, n, cp,
                         utf8_cases[i].cps[n]);
            n++;
        }
        assert_int_equal(n, utf8_cases[i].n);
        bool valid = true;
        for (size_t k = 0; k < n; k++)
            valid = valid && utf8_cases[i].cps[k] >= 0;
        assert_int_equal(vt_utf8_valid(utf8_cases[i].bytes, utf8_cases[i].len), valid);
        if (valid && n == 1) {
            char out[4];
            assert_int_equal(vt_utf8_encode(utf8_cases[i].cps[0], out), utf8_cases[i].len);
            assert_memory_equal(out, utf8_cases[i].bytes, utf8_cases[i].len);
        }
    }
    char out[4];
    assert_int_equal(vt_utf8_encode(0xD800, out), 0);
    assert_int_equal(vt_utf8_encode(0x110000, out), 0);
}

static void test_strbuf(void **state)
{
    (void)state;
    vt_strbuf sb = {0};
    char *empty = vt_strbuf_take(&sb);
    assert_string_equal(empty, "");
    free(empty);
    for (int i = 0; i < 1000; i++)
        vt_strbuf_printf(&sb, "%d,", i % 10);
    vt_strbuf_puts(&sb, "đ");
    vt_strbuf_putc(&sb, '!');
    assert_int_equal(sb.len, 2000 + 3);
    char *s = vt_strbuf_take(&sb);
    assert_int_equal(strncmp(s, "0,1,2,", 6), 0);
    assert_string_equal(s + 2000, "đ!");
    assert_null(sb.data);
    free(s);
    sb.failed = true;                    /* a failed buffer yields nothing */
    vt_strbuf_puts(&sb, "lost");
    assert_null(vt_strbuf_take(&sb));
    char *f = vt_format("%s-%03d", "TB", 7);
    assert_string_equal(f, "TB-007");
    free(f);
}

static void test_document_tree_and_messages(void **state)
{
    (void)state;
    vt_document *doc = vt_document_new("scan.png");
    for (int p = 0; p < 3; p++) {
        vt_page *page = vt_document_add_page(doc);
        assert_int_equal(page->number, p + 1);
        assert_true(page->mean_confidence < 0);
        for (int b = 0; b < 5; b++) {
            vt_block *block = vt_page_add_block(page);
            vt_line *line = vt_block_add_line(block);
            for (int w = 0; w < 7; w++)
                assert_non_null(vt_line_add_word(line, "chữ dài", 5));  /* "chữ" only */
        }
    }
    assert_int_equal(doc->n_pages, 3);
    assert_int_equal(vt_page_word_count(&doc->pages[2]), 35);
    vt_word *word = &doc->pages[1].blocks[4].lines[0].words[6];
    assert_string_equal(word->text, "chữ");
    assert_true(word->confidence < 0);
    assert_true(vt_word_set_text(word, "khẩn", strlen("khẩn")));
    assert_string_equal(word->text, "khẩn");

    assert_true(vt_document_error_add(doc, "ocr", 2, "cannot read %s", "it"));
    assert_true(vt_document_warn(doc, NULL, 0, "no resolution"));
    assert_string_equal(doc->errors[0].display, "scan.png: ocr: page 2: cannot read it");
    assert_string_equal(doc->errors[0].text, "cannot read it");
    assert_string_equal(doc->warnings[0].display, "scan.png: no resolution");
    assert_true(vt_document_add_timing(doc, "ocr", 12.5));
    vt_document_free(doc);            /* ASan checks that everything is released */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_table),
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_document_tree_and_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
