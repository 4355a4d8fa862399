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
    {"CỘNG HÒA XÃ HỘI CHỦ NGHỈA VIỆT NAM", VT_DIACRITICS_REPAIR, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
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

static void test_empty_input(void **state)
{
    vt_diacritics_result r;
    char *err = NULL;
    assert_true(vt_diacritics_apply(*state, VT_DIACRITICS_REPAIR, "", 0, NULL, 0, &r, &err));
    assert_string_equal(r.text, "");
    assert_int_equal(r.n_repairs, 0);
    vt_diacritics_result_free(&r);
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
        cmocka_unit_test(test_empty_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
