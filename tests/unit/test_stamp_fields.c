/*
 * test_stamp_fields.c — receipt-stamp fields from OCR text: rows of stamp text as
 * OCR gives it (with its typical damage) and the fields that must come out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "stamp_fields.h"

static const struct {
    const char *text;
    const char *org, *number, *date, *forwarded;
    bool cut;                   /* debris cut from the org line's ends */
} cases[] = {
    {"TRUNG TÂM Y TẾ GIANG THÀNH\nSố: 0764\nĐẾN\nNgày: 21/4/2025\nChuyển: P. KHNV\nSố và ký hiệu HS:\n",
     "TRUNG TÂM Y TẾ GIANG THÀNH", "0764", "2025-04-21", "P. KHNV", false},
    /* marks lost, separators misread, the ĐẾN frame read as ĐÁP */
    {"SO Y TE TINH LANG SON\nĐÁP\nSo 1532\nNgay: 14I10I2024\nChuyen: Ban Giam doc\n",
     "SO Y TE TINH LANG SON", "1532", "2024-10-14", "Ban Giam doc", false},
    /* a date that does not exist is not invented; a lost slash leaves no date */
    {"BỆNH VIỆN\nSố: 12\nNgày: 31/02/2025\n", "BỆNH VIỆN", "12", NULL, NULL, false},
    /* slashes read as '1' or lost: kept only when exactly one reading is a date */
    {"BỆNH VIỆN\nNgày: 21142025\n", "BỆNH VIỆN", NULL, "2025-04-21", NULL, false},
    {"BỆNH VIỆN\nNgày: 14102024\n", "BỆNH VIỆN", NULL, "2024-10-14", NULL, false},
    {"BỆNH VIỆN\nNgày: 1112025\n", "BỆNH VIỆN", NULL, NULL, NULL, false},     /* 1/1, 11/2 or 1/12 */
    {"BỆNH VIỆN\nNgày: 181312024\n", "BỆNH VIỆN", NULL, "2024-03-18", NULL, false}, /* both slashes */
    {"BỆNH VIỆN\nNgày: 1512024\n", "BỆNH VIỆN", NULL, NULL, NULL, false},     /* 15/1 or 1/5 */
    /* one slash read and the other lost: no date. Joining the digits again would
     * also turn a misread digit into a wrong date ("15/312024" for 18/3/2024). */
    {"BỆNH VIỆN\nNgày: 2114/2025\n", "BỆNH VIỆN", NULL, NULL, NULL, false},
    /* print under the stamp read where its name is: not an organisation */
    {"tbúngvif\\ năwnB62iÿn\nSố: 1532\n", NULL, "1532", NULL, NULL, false},
    /* the frame's edge, print beside the stamp and a full stop are cut from the name */
    {"BỆNH VIỆN ĐA KHOA TỈNH.\nSố: 1532\n", "BỆNH VIỆN ĐA KHOA TỈNH", "1532", NULL, NULL, true},
    {"| UBND HUYỆN TIÊN DU |\nSo: 8\n", "UBND HUYỆN TIÊN DU", "8", NULL, NULL, true},
    {"x ÁN PHÒNG UBND TỈNH\n", "ÁN PHÒNG UBND TỈNH", NULL, NULL, NULL, true},
    {"PHÒNG LAO ĐỘNG - TB&XH HUYỆN\n", "PHÒNG LAO ĐỘNG - TB&XH HUYỆN", NULL, NULL, NULL, false},
    /* a name of two or three lines; a line of debris or a label ends it */
    {"TRUNG TÂM Y TẾ HUYỆN\nVỊ XUYÊN\nSố: 0213\n", "TRUNG TÂM Y TẾ HUYỆN VỊ XUYÊN", "0213", NULL,
     NULL, false},
    {"UBND HUYỆN\nPHÒNG NỘI VỤ\nĐẾN\nSố: 12\n", "UBND HUYỆN PHÒNG NỘI VỤ", "12", NULL, NULL, false},
    {"SỞ Y TẾ\nxx4 ¬ q\nBỆNH VIỆN\n", "SỞ Y TẾ", NULL, NULL, NULL, false},
    {"TRUNG TÂM Y TẾ HUYỆN VỊ\nXUYÊN\nSố: 0213\n", "TRUNG TÂM Y TẾ HUYỆN VỊ XUYÊN", "0213", NULL,
     NULL, false},
    {"BỆNH VIỆN ÐA KHOA\n", "BỆNH VIỆN ĐA KHOA", NULL, NULL, NULL, false},    /* Ð for Đ */
    /* debris before the label; the file reference's "số:" is not the number */
    {"BỆNH VIỆN\n1®: SỐ: 24\n", "BỆNH VIỆN", "24", NULL, NULL, false},
    /* the entry on the form's dotted leader, the frame's edge beside it */
    {"BỆNH VIỆN\nChuyển: -P.NV.......... _—_\n", "BỆNH VIỆN", NULL, NULL, "P.NV", false},
    {"BỆNH VIỆN\nChuyển: |\n", "BỆNH VIỆN", NULL, NULL, NULL, false},
    {"BỆNH VIỆN\nNgày: 13/12/2022\nhô sơ số: 12\n", "BỆNH VIỆN", NULL, "2022-12-13", NULL, false},
    /* noise before a label; an unreadable "Ngày" label with a full date after it */
    {"TRUNG TÂM Y TẾ\n= Số: 0213\ns.— =-j NRày: 13/2/2023\n", "TRUNG TÂM Y TẾ", "0213",
     "2023-02-13", NULL, false},
    /* "Sở" is an organisation, not the number label; the file line is not a number */
    {"SỞ Y TẾ\nSố và ký hiệu HS: 01.TCCB\nSố: 88\n", "SỞ Y TẾ", "88", NULL, NULL, false},
    /* the big ĐẾN read into the line beside it, with stray marks before it */
    {"TRUNG TÂM Y TẾ\nĐẾN Số: 0417\n| ĐẾN  Ngày: 18/3/2024\n", "TRUNG TÂM Y TẾ", "0417",
     "2024-03-18", NULL, false},
    /* pen strokes read as words before a label with its colon */
    {"TRUNG TÂM Y TẾ\nSố: 0417\nKon S Q.n Ngày: 18/3/2024\nx Chuyển: VP\n", "TRUNG TÂM Y TẾ",
     "0417", "2024-03-18", "VP", false},
    /* a label word without its colon inside a line is no label */
    {"Sở Ngày Mới\nSố: 7\n", "Sở Ngày Mới", "7", NULL, NULL, false},
    {"Lưu hồ sơ số: 15\n", NULL, NULL, NULL, NULL, false},
    {"", NULL, NULL, NULL, NULL, false},
};

static void check(size_t i, const char *what, const char *got, const char *want)
{
    if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
        fail_msg("case %zu: %s is '%s', want '%s'", i, what, got ? got : "(null)",
                 want ? want : "(null)");
}

static void test_stamp_fields_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_stamp_fields f;
        assert_int_equal(vt_stamp_fields_parse(cases[i].text, &f), 0);
        check(i, "org", f.org, cases[i].org);
        check(i, "number", f.number, cases[i].number);
        check(i, "date", f.date, cases[i].date);
        check(i, "forwarded_to", f.forwarded_to, cases[i].forwarded);
        if (f.org && f.org_cut != cases[i].cut)
            fail_msg("case %zu: org_cut is %d", i, f.org_cut);
        vt_stamp_fields_free(&f);
    }
}

static void test_iso_date_calendar(void **state)
{
    (void)state;
    char iso[11];
    assert_int_equal(vt_iso_date(29, 2, 2024, iso), 0);
    assert_string_equal(iso, "2024-02-29");
    assert_int_equal(vt_iso_date(29, 2, 2025, iso), -1);
    assert_int_equal(vt_iso_date(29, 2, 1900, iso), -1);
    assert_int_equal(vt_iso_date(29, 2, 2000, iso), 0);
    assert_int_equal(vt_iso_date(31, 4, 2025, iso), -1);
    assert_int_equal(vt_iso_date(0, 1, 2025, iso), -1);
    assert_int_equal(vt_iso_date(1, 13, 2025, iso), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamp_fields_table),
        cmocka_unit_test(test_iso_date_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
