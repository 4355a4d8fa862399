/*
 * test_layer_quality.c — which PDF text layers are good enough to skip OCR. Rows:
 * a layer's text and the verdict; the garbage examples are the kinds seen in real
 * archives (a scanner's diacritic-less OCR, legacy-font mojibake, symbol soup).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "layer_quality.h"

static const struct {
    const char *text;
    bool good;
} cases[] = {
    {"Sáng 8.2, Ban cán sự đảng UBND tỉnh có buổi làm việc với Đảng uỷ Sở Y tế về tình hình "
     "thực hiện nhiệm vụ năm 2023 theo Công văn số 88/TB-SYT.", true},
    {"Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
     "văn thư; xét đề nghị của Chánh Văn phòng,", true},
    /* a scanner's own OCR: every diacritic lost */
    {"UBND THANH PHO DA NANG CONG Hcok xA HQI CHiJ NGHiA VIVT NAM Doc lap Tu do Hanh phuc "
     "So 115/CV-PA83 Da Nang ngay 26 thang 7 nam 2020", false},
    /* TCVN3 text decoded as Latin-1 */
    {"Th«ng b¸o kÕt luËn cña Gi¸m ®èc Së Y tÕ t¹i cuéc häp giao ban víi c¸c c¬ quan, "
     "®¬n vÞ trùc thuéc Së", false},
    /* symbols from a font without a Unicode map */
    {"\xE2\x96\xA0\xE2\x96\xA1 \xEF\x82\xB7\xEF\x82\xB7\xEF\x82\xB7 \xE2\x96\xA0 \xEF\x82\xA7 ...", false},
    /* too little to judge */
    {"Trang 2", false},
    {"", false},
};

static void test_layer_quality_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_layer_quality q = vt_layer_quality_measure(cases[i].text, strlen(cases[i].text));
        if (q.good != cases[i].good)
            fail_msg("case %zu: judged %s (words %zu, marks %.2f, clean %.2f, symbols %.3f)", i,
                     q.good ? "good" : "garbage", q.words, q.diacritic_share, q.clean_share,
                     q.symbol_share);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_quality_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
