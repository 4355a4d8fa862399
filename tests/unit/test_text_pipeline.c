/*
 * test_text_pipeline.c — the text path end to end inside the library: input kind
 * detection, load_text's page/block/line/word shape, the Unicode stage, and compose.
 * Tables of input → expected output; each row is one case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fields_output.h"
#include "strbuf.h"

typedef struct fixture {
    vt_engine *engine;
    vt_session *session;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *err = NULL;
    assert_non_null(f);
    assert_int_equal(vt_engine_new(NULL, &f->engine, &err), VT_OK);
    assert_int_equal(vt_session_new(f->engine, &f->session, &err), VT_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    vt_session_free(f->session);
    vt_engine_free(f->engine);
    free(f);
    return 0;
}

static vt_document *run_text(fixture *f, const char *text)
{
    vt_document *doc = vt_process_memory(f->session, "case", text, strlen(text), VT_INPUT_TEXT);
    assert_non_null(doc);
    return doc;
}

/* Unicode stage: every form of a Vietnamese letter comes out as NFC. */
static const struct { const char *in, *out; } unicode_cases[] = {
    {"plain ascii", "plain ascii\n"},
    {"e\xCC\x82\xCC\x81", "\xE1\xBA\xBF\n"},                 /* e + circumflex + acute -> ế */
    {"\xC3\xAA\xCC\x81n", "\xE1\xBA\xBFn\n"},               /* ê + acute (Windows-1258 style) */
    {"o\xCC\x9B\xCC\x80i", "\xE1\xBB\x9Di\n"},              /* o + horn + grave -> ời */
    {"a\xCC\xA3\xCC\x82", "\xE1\xBA\xAD\n"},                /* a + dot below + circumflex -> ậ */
    {"kh\xE1\xBA\xA9n", "kh\xE1\xBA\xA9n\n"},                /* already NFC: unchanged */
    /* NFC keeps hoà and hòa apart; the diacritics stage's default style unifies them */
    {"ho\xC3\xA0 h\xC3\xB2" "a", "h\xC3\xB2" "a h\xC3\xB2" "a\n"},
    {"Vi\xE2\x80\x8B\xE1\xBB\x87t", "Vi\xE1\xBB\x87t\n"},    /* zero-width space dropped */
    {"\xEF\xBB\xBFS\xE1\xBB\x91:", "S\xE1\xBB\x91:\n"},      /* leading BOM dropped */
    {"Inter\xC2\xAD" "net", "Internet\n"},                   /* soft hyphen dropped */
    {"\xC4\x90\xE1\xBA\xBEN", "\xC4\x90\xE1\xBA\xBEN\n"},    /* ĐẾN: Đ has no decomposition */
};

static void test_unicode_table(void **state)
{
    for (size_t i = 0; i < sizeof unicode_cases / sizeof unicode_cases[0]; i++) {
        vt_document *doc = run_text(*state, unicode_cases[i].in);
        assert_false(vt_document_failed(doc));
        if (strcmp(vt_document_text(doc), unicode_cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc),
                     unicode_cases[i].out);
        vt_document_free(doc);
    }
}

/* load_text + compose: the shape of the document and the composed text. */
static const struct {
    const char *in;
    size_t pages, blocks_on_page1, lines_on_page1;
    const char *text;
} shape_cases[] = {
    {"one line", 1, 1, 1, "one line\n"},
    {"a  b\tc\r\n", 1, 1, 1, "a b c\n"},
    {"l1\nl2\n\nl3", 1, 2, 3, "l1\nl2\n\nl3\n"},
    {"\n\n\nl1\n\n\n\nl2\n\n", 1, 2, 2, "l1\n\nl2\n"},
    {"p1\fp2\fp3", 3, 1, 1, "p1\n\fp2\n\fp3\n"},
    {"p1\f", 1, 1, 1, "p1\n"},
    {"   \n\t\n", 1, 0, 0, ""},
};

static size_t line_count(const vt_page *page)
{
    size_t n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        n += page->blocks[b].n_lines;
    return n;
}

static void test_text_shape_table(void **state)
{
    for (size_t i = 0; i < sizeof shape_cases / sizeof shape_cases[0]; i++) {
        vt_document *doc = run_text(*state, shape_cases[i].in);
        assert_false(vt_document_failed(doc));
        assert_int_equal(doc->n_pages, shape_cases[i].pages);
        assert_int_equal(doc->pages[0].n_blocks, shape_cases[i].blocks_on_page1);
        assert_int_equal(line_count(&doc->pages[0]), shape_cases[i].lines_on_page1);
        if (strcmp(vt_document_text(doc), shape_cases[i].text) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc),
                     shape_cases[i].text);
        for (size_t p = 0; p < doc->n_pages; p++)
            assert_int_equal(doc->pages[p].number, (int)p + 1);
        vt_document_free(doc);
    }
}

/* Input kind detection and refusal: bytes → kind, or an error naming the problem. */
static const struct {
    const char *name;
    const char *bytes;
    size_t size;
    vt_input_kind kind;
    const char *error;           /* substring of the error, or NULL when it must load */
} kind_cases[] = {
    {"a.txt", "Th\xC3\xB4ng b\xC3\xA1o", 10, VT_INPUT_TEXT, NULL},
    {"a.dat", "plain utf8", 10, VT_INPUT_TEXT, NULL},
    {"a.png", "\x89PNG\r\n\x1a\n\0\0", 10, VT_INPUT_IMAGE, "damaged"},
    {"a.jpg", "\xff\xd8\xff\xe0\0\0", 6, VT_INPUT_IMAGE, "damaged"},
    {"a.tif", "II*\0\x08\0\0\0", 8, VT_INPUT_IMAGE, "damaged"},
    {"a.pdf", "%PDF-1.4\n", 9, VT_INPUT_PDF, "a.pdf: load_pdf: cannot read the PDF"},
    {"a.bin", "\x00\x01\x02\xff\xfe", 5, VT_INPUT_AUTO, "not a PDF, nor a recognised image"},
    /* TCVN3 bytes are converted (a NUL is read as a space and no longer stops
     * the detection); bytes no encoding explains are refused */
    {"a.txt", "TCVN3 Th\xabng b\xb8o", 16, VT_INPUT_TEXT, NULL},
    {"a.txt", "bad \xc3\x28 utf8", 11, VT_INPUT_TEXT, "not valid UTF-8 (first bad byte at offset 4)"},
    {"empty.png", "", 0, VT_INPUT_TEXT, "file is empty"},
    {"u16.txt", "\xff\xfeT\0\xf4\0n\0g\0", 10, VT_INPUT_TEXT, NULL},
    {"u16.txt", "\xff\xfeT\0\0\xd8n\0", 8, VT_INPUT_TEXT, "broken surrogate pair"},
};

static void test_kind_table(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof kind_cases / sizeof kind_cases[0]; i++) {
        vt_document *doc = vt_process_memory(f->session, kind_cases[i].name, kind_cases[i].bytes,
                                             kind_cases[i].size, VT_INPUT_AUTO);
        assert_non_null(doc);
        if (doc->kind != kind_cases[i].kind)
            fail_msg("case %zu (%s): kind %s, want %s", i, kind_cases[i].name,
                     vt_input_kind_name(doc->kind), vt_input_kind_name(kind_cases[i].kind));
        if (!kind_cases[i].error) {
            assert_false(vt_document_failed(doc));
        } else {
            assert_true(vt_document_failed(doc));
            assert_int_equal(vt_document_error_count(doc), 1);
            const char *msg = vt_document_error(doc, 0);
            if (!strstr(msg, kind_cases[i].error) || strncmp(msg, kind_cases[i].name,
                                                             strlen(kind_cases[i].name)) != 0)
                fail_msg("case %zu: error '%s' should name the input and say '%s'", i, msg,
                         kind_cases[i].error);
            assert_string_equal(vt_document_text(doc), "");
        }
        vt_document_free(doc);
    }
}

static void test_missing_file_is_named(void **state)
{
    fixture *f = *state;
    vt_document *doc = vt_process_file(f->session, "/nonexistent/scan.png");
    assert_true(vt_document_failed(doc));
    assert_string_equal(vt_document_error(doc, 0),
                        "/nonexistent/scan.png: cannot open: No such file or directory");
    vt_document_free(doc);
}

/* The diacritics stage on text input: OCR mark errors the model is sure of are
 * fixed and listed, correct text passes through untouched. */
static const struct { const char *in, *out; size_t repairs; } diacritics_cases[] = {
    {"KẾ HOẠCH VÀ THỜI GIẠN THỰC HIỆN", "KẾ HOẠCH VÀ THỜI GIAN THỰC HIỆN\n", 1},
    {"Y kiến kết luận chỉ đạo của Giám đốc Sở Y tế", "Ý kiến kết luận chỉ đạo của Giám đốc Sở Y tế\n", 1},
    {"Sở Y tế đã chủ động rà soát, tham mưu kiện toàn về tổ chức bộ máy của ngành theo đúng "
     "quy định phù hợp với điều kiện thực tiễn của địa phương, đảm bảo tinh gọn đầu mối, nâng "
     "cao hiệu lực, hiệu quả hoạt động.",
     "Sở Y tế đã chủ động rà soát, tham mưu kiện toàn về tổ chức bộ máy của ngành theo đúng "
     "quy định phù hợp với điều kiện thực tiễn của địa phương, đảm bảo tinh gọn đầu mối, nâng "
     "cao hiệu lực, hiệu quả hoạt động.\n", 0},
    {"Số: 88/TB-SYT ngày 17/4/2025, UBND, BHYT, email vanthu@example.vn",
     "Số: 88/TB-SYT ngày 17/4/2025, UBND, BHYT, email vanthu@example.vn\n", 0},
};

static void test_diacritics_table(void **state)
{
    for (size_t i = 0; i < sizeof diacritics_cases / sizeof diacritics_cases[0]; i++) {
        vt_document *doc = run_text(*state, diacritics_cases[i].in);
        assert_false(vt_document_failed(doc));
        if (strcmp(vt_document_text(doc), diacritics_cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc),
                     diacritics_cases[i].out);
        assert_int_equal(doc->n_repairs, diacritics_cases[i].repairs);
        for (size_t r = 0; r < doc->n_repairs; r++)   /* offsets point at the new word */
            assert_memory_equal(doc->text + doc->repairs[r].start, doc->repairs[r].to,
                                doc->repairs[r].end - doc->repairs[r].start);
        vt_document_free(doc);
    }
}

/* Text stages after compose: the text is rewritten, the facts read from it. `facts`
 * lists the dates ("D iso") and numbers ("N normalized", "R normalized" for a
 * reference) found, one per line, each of which must sit at its offsets. */
static const struct { const char *in, *out, *facts; size_t repairs; } normalise_cases[] = {
    {"Số: 115 JCV-PA83\n", "Số: 115/CV-PA83\n", "N 115/CV-PA83\n", 1},
    {"Kiên Giang, ngày 26tháng 7 năm 2020\n", "Kiên Giang, ngày 26 tháng 7 năm 2020\n",
     "D 2020-07-26\n", 1},
    {"Hà Nội, ngày 31/02/2025\n", "Hà Nội, ngày 31/02/2025\n", "D -\n", 0},
    {"Căn cứ Công văn số 4869/UBND-\nSYT ngày 21 / 4/2025 của UBND tỉnh\n",
     "Căn cứ Công văn số 4869/UBND-SYT ngày 21/4/2025 của UBND tỉnh\n",
     "R 4869/UBND-SYT\nD 2025-04-21\n", 2},
    {"Số: /TB-UBND\nHà Nội, ngày   tháng 10 năm 2024\n",
     "Số: /TB-UBND\nHà Nội, ngày tháng 10 năm 2024\n", "N /TB-UBND\nD 2024-10\n", 0},
    {"Sáng 8.2 họp\n\nHà Nội, ngày 05 tháng 01 năm 2023\n",
     "Sáng 8.2 họp\n\nHà Nội, ngày 05 tháng 01 năm 2023\n", "D 2023-02-08\nD 2023-01-05\n", 0},
    {"Có 20 người tham dự năm nay.\n", "Có 20 người tham dự năm nay.\n", "", 0},
    {"Trang 1\fngày 3 tháng 4 năm 2025\n", "Trang 1\n\fngày 3 tháng 4 năm 2025\n",
     "D 2025-04-03\n", 0},
};

static void put_fact(vt_strbuf *sb, const vt_document *doc, char tag, const char *value,
                     size_t start, size_t end, const char *raw)
{
    vt_strbuf_printf(sb, "%c %s\n", tag, value ? value : "-");
    if (end > strlen(doc->text) || strlen(raw) != end - start ||
        memcmp(doc->text + start, raw, end - start) != 0)
        fail_msg("'%s' is not at [%zu, %zu) of the text", raw, start, end);
}

static char *facts_of(const vt_document *doc)
{
    const vt_notice_fields *facts = vt_document_fields(doc);
    assert_non_null(facts);
    vt_strbuf sb = {0};
    if (facts->number)
        put_fact(&sb, doc, 'N', facts->number->normalized, facts->number->start, facts->number->end,
                 facts->number->raw);
    for (size_t i = 0; i < facts->references.count; i++) {
        const vt_docnum *r = &facts->references.items[i];
        put_fact(&sb, doc, 'R', r->normalized, r->start, r->end, r->raw);
    }
    for (size_t i = 0; i < facts->dates.count; i++) {
        const vt_date *d = &facts->dates.items[i];
        put_fact(&sb, doc, 'D', d->iso, d->start, d->end, d->raw);
    }
    return vt_strbuf_take(&sb);
}

static void test_normalise_table(void **state)
{
    for (size_t i = 0; i < sizeof normalise_cases / sizeof normalise_cases[0]; i++) {
        vt_document *doc = run_text(*state, normalise_cases[i].in);
        assert_false(vt_document_failed(doc));
        if (strcmp(vt_document_text(doc), normalise_cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc),
                     normalise_cases[i].out);
        char *facts = facts_of(doc);
        assert_non_null(facts);
        if (strcmp(facts, normalise_cases[i].facts) != 0)
            fail_msg("case %zu: facts '%s', want '%s'", i, facts, normalise_cases[i].facts);
        free(facts);
        size_t repairs = 0;
        for (size_t r = 0; r < doc->n_repairs; r++) {
            const vt_repair_record *rec = &doc->repairs[r];
            repairs += strcmp(rec->stage, "canonical_forms") == 0;
            assert_memory_equal(doc->text + rec->start, rec->to, rec->end - rec->start);
        }
        if (repairs != normalise_cases[i].repairs)
            fail_msg("case %zu: %zu canonical_forms repairs, want %zu", i, repairs,
                     normalise_cases[i].repairs);
        vt_document_free(doc);
    }
}

/* --dates iso: valid dates become ISO in the text, and the offsets follow. */
static void test_dates_iso_rewrites_and_moves_offsets(void **state)
{
    (void)state;
    vt_options opt;
    vt_options_init(&opt);
    opt.dates = VT_DATES_ISO;
    vt_engine *engine;
    vt_session *session;
    char *err = NULL;
    assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    const char *in = "Số: 12/TB-UBND\nHà Nội, ngày 26tháng 7 năm 2020\n"
                     "Theo Công văn số 7/SYT-KH ngày 31/02/2020 và ngày 3/8/2020.\n";
    vt_document *doc = vt_process_memory(session, "iso", in, strlen(in), VT_INPUT_TEXT);
    assert_non_null(doc);
    assert_string_equal(vt_document_text(doc),
                        "Số: 12/TB-UBND\nHà Nội, 2020-07-26\n"
                        "Theo Công văn số 7/SYT-KH ngày 31/02/2020 và 2020-08-03.\n");
    const vt_notice_fields *facts = vt_document_fields(doc);
    assert_non_null(facts);
    assert_int_equal(facts->dates.count, 3);
    for (size_t i = 0; i < facts->dates.count; i++) {
        const vt_date *d = &facts->dates.items[i];
        const char *shown = d->iso ? d->iso : d->raw;
        assert_memory_equal(doc->text + d->start, shown, strlen(shown));
        assert_int_equal(d->end - d->start, strlen(shown));
    }
    assert_memory_equal(doc->text + facts->references.items[0].start, "7/SYT-KH", 8);
    vt_document_free(doc);
    vt_session_free(session);
    vt_engine_free(engine);
}

/* --diacritics and --tone-style: each row runs its own engine. */
static const struct {
    vt_marks_mode marks;
    vt_tone_placement tone;
    const char *in, *out;
} marks_cases[] = {
    {VT_MARKS_REPAIR, VT_TONE_OLD, "Hoà bình, sức khoẻ, Uỷ ban, khân cấp",
     "Hòa bình, sức khỏe, Ủy ban, khẩn cấp\n"},
    {VT_MARKS_REPAIR, VT_TONE_NEW, "Hòa bình, sức khỏe, Ủy ban, khân cấp",
     "Hoà bình, sức khoẻ, Uỷ ban, khẩn cấp\n"},
    {VT_MARKS_REPAIR, VT_TONE_KEEP, "Hoà bình, sức khỏe", "Hoà bình, sức khỏe\n"},
    {VT_MARKS_OFF, VT_TONE_OLD, "Hoà bình, khân cấp", "Hoà bình, khân cấp\n"},
    {VT_MARKS_RESTORE, VT_TONE_OLD, "Thong bao ket luan cua Giam doc So Y te",
     "Thông báo kết luận của Giám đốc Sở Y tế\n"},
    {VT_MARKS_RESTORE, VT_TONE_OLD, "Cong van 88/TB-SYT cua UBND tinh",
     "Công văn 88/TB-SYT của UBND tỉnh\n"},
    /* two repairs in one word: each must land on its own syllable's bytes */
    {VT_MARKS_RESTORE, VT_TONE_OLD, "cua cac bo/nganh, dac biet",
     "của các bộ/ngành, đặc biệt\n"},
};

static void test_marks_options_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof marks_cases / sizeof marks_cases[0]; i++) {
        vt_options opt;
        vt_options_init(&opt);
        opt.diacritics = marks_cases[i].marks;
        opt.tone_style = marks_cases[i].tone;
        vt_engine *engine;
        vt_session *session;
        char *err = NULL;
        assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_OK);
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        const char *in = marks_cases[i].in;
        vt_document *doc = vt_process_memory(session, "marks", in, strlen(in), VT_INPUT_TEXT);
        assert_non_null(doc);
        if (strcmp(vt_document_text(doc), marks_cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc), marks_cases[i].out);
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

/* --encoding: legacy font encodings are converted before anything else. */
static const struct {
    vt_text_encoding encoding;
    const char *in, *out;
    bool failed;
} encoding_cases[] = {
    /* TCVN3 bytes (not UTF-8), VNI as a PDF layer would decode it (UTF-8 mojibake) */
    {VT_ENCODING_AUTO, "Th\xABng b\xB8o k\xD5t lu\xCBn c\xF1" "a Gi\xB8m \xAE\xE8\x63",
     "Thông báo kết luận của Giám đốc\n", false},
    {VT_ENCODING_AUTO, "Thoâng baùo keát luaän cuûa Giaùm ñoác", "Thông báo kết luận của Giám đốc\n",
     false},
    {VT_ENCODING_UTF8, "Thoâng baùo keát luaän", "Thoâng baùo keát luaän\n", false},
    {VT_ENCODING_AUTO, "Thông báo kết luận", "Thông báo kết luận\n", false},
    {VT_ENCODING_VIQR, "Tho^ng ba'o ke^'t lua^.n", "Thông báo kết luận\n", false},
    /* not UTF-8 and not a legacy encoding either: a clear error */
    /* (FF FF: FF FE would be a UTF-16 byte-order mark, and convert) */
    {VT_ENCODING_AUTO, "\xFF\xFF\x00x", "", true},
};

static void test_encoding_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof encoding_cases / sizeof encoding_cases[0]; i++) {
        vt_options opt;
        vt_options_init(&opt);
        opt.encoding = encoding_cases[i].encoding;
        vt_engine *engine;
        vt_session *session;
        char *err = NULL;
        assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_OK);
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        const char *in = encoding_cases[i].in;
        size_t len = strlen(in) + (encoding_cases[i].failed ? 2 : 0);
        vt_document *doc = vt_process_memory(session, "enc", in, len, VT_INPUT_TEXT);
        assert_non_null(doc);
        if (vt_document_failed(doc) != encoding_cases[i].failed)
            fail_msg("case %zu: failed is %d", i, vt_document_failed(doc));
        if (strcmp(vt_document_text(doc), encoding_cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, vt_document_text(doc),
                     encoding_cases[i].out);
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

static void test_timings_name_the_stages_that_ran(void **state)
{
    vt_document *doc = run_text(*state, "x");
    static const char *const ran[] = {"load_text", "unicode",    "line_specks",
                                      "diacritics", "page_quality", "compose",
                                      "stamp_text", "canonical_forms", "fields"};
    assert_int_equal(doc->n_timings, sizeof ran / sizeof ran[0]);
    for (size_t i = 0; i < sizeof ran / sizeof ran[0]; i++)
        assert_string_equal(doc->timings[i].stage, ran[i]);
    vt_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unicode_table),
        cmocka_unit_test(test_text_shape_table),
        cmocka_unit_test(test_kind_table),
        cmocka_unit_test(test_missing_file_is_named),
        cmocka_unit_test(test_timings_name_the_stages_that_ran),
        cmocka_unit_test(test_diacritics_table),
        cmocka_unit_test(test_normalise_table),
        cmocka_unit_test(test_marks_options_table),
        cmocka_unit_test(test_encoding_table),
        cmocka_unit_test(test_dates_iso_rewrites_and_moves_offsets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
