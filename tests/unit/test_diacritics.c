/*
 * test_diacritics.c — repair and restore with the committed model
 * (models/vie-syllable.lm). Rows: input, mode, expected output. Correct text,
 * codes, numbers, abbreviations and e-mails must come back byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diacritics.h"
#include "fused.h"

static const struct {
    const char *input;
    vt_diacritics_mode mode;
    const char *expected;
} rows[] = {
    /* already correct: nothing changes */
    {"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị "
     "của Giám đốc Sở Y tế tại Tờ trình số 88/TB-SYT, Ủy ban nhân dân tỉnh quyết định "
     "ban hành quy định về công tác văn thư. Các cơ quan, đơn vị có trách nhiệm thực hiện "
     "nghiêm túc thông báo này và báo cáo kết quả về UBND tỉnh trước ngày 30/6/2020.",
     VT_DIACRITICS_REPAIR, NULL},
    {"Liên hệ vanthu@soyte.gov.vn, BHYT, Covid-19, TP.HCM, 1.000 đồng.", VT_DIACRITICS_REPAIR, NULL},
    /* OCR diacritic errors, case kept */
    {"tổ chức thực hiện viềc này", VT_DIACRITICS_REPAIR, "tổ chức thực hiện việc này"},
    {"Giải quyet công việc", VT_DIACRITICS_REPAIR, "Giải quyết công việc"},
    /* one vowel written twice with two readings of its marks */
    {"không kếể đến các đơn vị", VT_DIACRITICS_REPAIR, "không kể đến các đơn vị"},
    {"thực hiện nhiệmm vụ được giao", VT_DIACRITICS_REPAIR, NULL},
    {"CỘNG HÒA XÃ HỘI CHỦ NGHỈA VIỆT NAM", VT_DIACRITICS_REPAIR, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    /* a mark Vietnamese never writes is a misread one; a foreign name keeps its own */
    {"trực thuộc Sở Ÿ tế", VT_DIACRITICS_REPAIR, "trực thuộc Sở Y tế"},
    {"Công ty Müller", VT_DIACRITICS_REPAIR, NULL},
    /* a line wrap inside a sentence keeps the context across it; a full stop or a
     * capital after the break starts a new sentence */
    {"các nhiệm vụ như mua\nsám, đấu thầu", VT_DIACRITICS_REPAIR, "các nhiệm vụ như mua\nsắm, đấu thầu"},
    {"các nhiệm vụ như mua.\nsám, đấu thầu", VT_DIACRITICS_REPAIR, NULL},
    {"các nhiệm vụ như mua\nSám, đấu thầu", VT_DIACRITICS_REPAIR, NULL},
    /* restore: no marks at all */
    {"Cong hoa xa hoi chu nghia Viet Nam", VT_DIACRITICS_RESTORE, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
    {"DOC LAP - TU DO - HANH PHUC", VT_DIACRITICS_RESTORE, "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"},
};

static void test_repair_table(void **state)
{
    const vt_lm *lm = *state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        vt_diacritics_result r;
        char *err = NULL;
        const char *in = rows[i].input;
        assert_true(vt_diacritics_apply(lm, rows[i].mode, in, strlen(in), NULL, 0, &r, &err));
        const char *want = rows[i].expected ? rows[i].expected : in;
        if (strcmp(r.text, want) != 0)
            fail_msg("row %zu: got \"%s\"", i, r.text);
        if (rows[i].expected == NULL)
            assert_int_equal(r.n_repairs, 0);
        for (size_t k = 0; k < r.n_repairs; k++) { /* each repair points at its input */
            assert_true(r.repairs[k].end <= strlen(in) && r.repairs[k].start < r.repairs[k].end);
            assert_memory_equal(in + r.repairs[k].start, r.repairs[k].from,
                                r.repairs[k].end - r.repairs[k].start);
            assert_true(r.repairs[k].score > 0);
        }
        vt_diacritics_result_free(&r);
    }
}

/* A confident OCR word is kept where a doubtful one would be changed. */
static void test_confidence_matters(void **state)
{
    const vt_lm *lm = *state;
    const char *in = "tổ chức thực hiện viềc này";
    vt_diacritics_result r;
    char *err = NULL;
    vt_span_confidence doubtful = {0, strlen(in), 0.1f};
    assert_true(vt_diacritics_apply(lm, VT_DIACRITICS_REPAIR, in, strlen(in), &doubtful, 1, &r, &err));
    assert_int_equal(r.n_repairs, 1);
    assert_string_equal(r.repairs[0].from, "viềc");
    assert_string_equal(r.repairs[0].to, "việc");
    vt_diacritics_result_free(&r);
}

/* OCR's letter alternatives as evidence. Each row: a line read with high word
 * confidence, one alternative Tesseract considered for the letter at byte
 * `at`, and the output with and without that hint. */
static const struct {
    const char *input;
    size_t at, len;           /* the letter the alternative is for */
    const char *alternative;
    float confidence;
    const char *without, *with;
} hint_rows[] = {
    /* the alternative spells the syllable the context wants anyway: same result */
    {"Ủy ban nhân dân tinh Kiên Giang", 21, 1, "ỉ", 0.5f, "Ủy ban nhân dân tỉnh Kiên Giang",
     "Ủy ban nhân dân tỉnh Kiên Giang"},
    /* other base letters ("cáe" -> "cáo") are candidates only through a hint */
    {"gửi báo cáe về Sở Y tế", 14, 1, "o", 0.4f, NULL, "gửi báo cáo về Sở Y tế"},
    /* an alternative that spells no syllable, or a worse one, changes nothing */
    {"Ủy ban nhân dân tỉnh Kiên Giang", 21, 3, "q", 0.9f, NULL, NULL},
    {"Ủy ban nhân dân tỉnh Kiên Giang", 21, 3, "ị", 0.3f, NULL, NULL},
};

static char *repaired(const vt_lm *lm, const char *in, const vt_letter_hint *hint)
{
    vt_diacritics_result r;
    char *err = NULL;
    vt_span_confidence sure = {0, strlen(in), 0.97f};
    assert_true(vt_diacritics_apply_ocr(lm, VT_DIACRITICS_REPAIR, in, strlen(in), &sure, 1, hint,
                                        hint ? 1 : 0, &r, &err));
    char *text = strdup(r.text);
    vt_diacritics_result_free(&r);
    return text;
}

static void test_hint_table(void **state)
{
    for (size_t i = 0; i < sizeof hint_rows / sizeof hint_rows[0]; i++) {
        const char *in = hint_rows[i].input;
        vt_letter_hint hint = {.start = hint_rows[i].at, .end = hint_rows[i].at + hint_rows[i].len,
                               .confidence = hint_rows[i].confidence};
        snprintf(hint.text, sizeof hint.text, "%s", hint_rows[i].alternative);
        const char *want[2] = {hint_rows[i].without ? hint_rows[i].without : in,
                               hint_rows[i].with ? hint_rows[i].with : in};
        for (int h = 0; h < 2; h++) {
            char *got = repaired(*state, in, h ? &hint : NULL);
            if (strcmp(got, want[h]) != 0)
                fail_msg("row %zu %s hint: got '%s', want '%s'", i, h ? "with" : "without", got,
                         want[h]);
            free(got);
        }
    }
}

static void test_empty_input(void **state)
{
    vt_diacritics_result r;
    char *err = NULL;
    assert_true(vt_diacritics_apply(*state, VT_DIACRITICS_REPAIR, "", 0, NULL, 0, &r, &err));
    assert_string_equal(r.text, "");
    assert_int_equal(r.n_repairs, 0);
    vt_diacritics_result_free(&r);
}

/* Two syllables OCR ran together: where the space goes back ("" keeps the word). */
static const struct {
    const char *word, *first;
} fused[] = {
    {"QUẢNGNINH", "QUẢNG"},
    {"tổchức", "tổ"},
    {"Vănbản", "Văn"},
    {"ÝKIẾN", "Ý"},
    {"Hanoi", ""},          /* "ha" + "noi" is no likely pair */
    {"Thanhpho", ""},
    {"QUẢNGninh", ""},      /* the case changes inside the word */
    {"UBND", ""},
    {"Internet", ""},
    {"tổ", ""},             /* a syllable already */
    {"COVID-19", ""},       /* not letters only */
};

static void test_fused_table(void **state)
{
    for (size_t i = 0; i < sizeof fused / sizeof fused[0]; i++) {
        size_t split = vt_fused_split(*state, fused[i].word, strlen(fused[i].word));
        if (split != strlen(fused[i].first))
            fail_msg("%s: split after %zu bytes, want after '%s'", fused[i].word, split,
                     fused[i].first);
    }
}

static int setup(void **state)
{
    char *err = NULL;
    *state = vt_lm_open(VT_SOURCE_DIR "/models/vie-syllable.lm", &err);
    if (*state == NULL) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    vt_lm_close(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair_table),
        cmocka_unit_test(test_confidence_matters),
        cmocka_unit_test(test_hint_table),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_fused_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
