/*
 * test_docnum.c — document numbers as tables: a symbol as printed or as OCR
 * damaged it, and "normalized|family|type|number|issuer|year|flags" (flags: R
 * repaired, B blank number; "" when the text must not parse as a symbol).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "docnum.h"
#include "strbuf.h"

static const struct {
    const char *text, *want;
} parse_cases[] = {
    /* the shapes of §2.1 */
    {"88/TB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|"},
    {"447/GM-UBND", "447/GM-UBND|admin|GM|447|UBND|0|"},
    {"12/TTr-UBND", "12/TTr-UBND|admin|TTr|12|UBND|0|"},
    {"7/CTr-SYT", "7/CTr-SYT|admin|CTr|7|SYT|0|"},
    {"3/QyĐ-UBND", "3/QyĐ-UBND|admin|QyĐ|3|UBND|0|"},
    {"1906/SGDĐT-CTrTT", "1906/SGDĐT-CTrTT|letter|-|1906|SGDĐT-CTrTT|0|"},
    {"3523/BYT-KH-TC ngày", "3523/BYT-KH-TC|letter|-|3523|BYT-KH-TC|0|"},
    {"15/2023/QH15", "15/2023/QH15|law|-|15|QH15|2023|"},
    {"13/2023/TT-BYT,", "13/2023/TT-BYT|normative|TT|13|BYT|2023|"},
    {"30/2020/NĐ-CP", "30/2020/NĐ-CP|normative|NĐ|30|CP|2020|"},
    {"18/2020/QĐ-TTg", "18/2020/QĐ-TTg|normative|QĐ|18|TTg|2020|"},
    {"72-NQ/TW", "72-NQ/TW|party|NQ|72|TW|0|"},
    {"36-HD/VPTW", "36-HD/VPTW|party|HD|36|VPTW|0|"},
    {"5-QĐi/TW", "5-QĐi/TW|party|QĐi|5|TW|0|"},
    {"72/NQ-TW", "72/NQ-TW|admin|NQ|72|TW|0|"},
    {"07/SY-UBND", "07/SY-UBND|copy|SY|07|UBND|0|"},
    {"12/TrS-SYT", "12/TrS-SYT|copy|TrS|12|SYT|0|"},
    {"/TB-UBND", "/TB-UBND|admin|TB||UBND|0|B"},
    /* OCR repairs the grammar and the table make certain */
    {"115 JCV-PA83", "115/CV-PA83|letter|-|115|CV-PA83|0|R"},
    {"88lTB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"88|TB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"88ITB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"88 1TB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"88/ TB-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"88 / TB - SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"4869/UBND-\nSYT", "4869/UBND-SYT|letter|-|4869|UBND-SYT|0|R"},
    {"88/1B-SYT", "88/TB-SYT|admin|TB|88|SYT|0|R"},
    {"15/Q4-UBND", "15/QĐ-UBND|admin|QĐ|15|UBND|0|R"},
    {"15/QD-UBND", "15/QĐ-UBND|admin|QĐ|15|UBND|0|R"},
    {"20/QYĐ-UBND", "20/QyĐ-UBND|admin|QyĐ|20|UBND|0|R"},
    {"30/2020/N4-CP", "30/2020/NĐ-CP|normative|NĐ|30|CP|2020|R"},
    {"2O5/TB-SYT", "205/TB-SYT|admin|TB|205|SYT|0|R"},
    {"5/HD-UBND", "5/HD-UBND|admin|HD|5|UBND|0|"}, /* HD is itself a type: no Đ */
    {"1987/TB:STC", "1987/TB-STC|admin|TB|1987|STC|0|R"},   /* a hyphen read as a colon */
    {"1987/TB: STC", ""},       /* spaced: a colon before the text, not in the symbol */
    /* not certain, or not a symbol at all */
    {"881TB-SYT", ""},
    {"88/1B-8/1", ""}, /* the issuer needs an allowlist */
    {"88/TB", ""},
    {"/TB", ""},
    {"09/10/2024", ""},
    {"2021-2025", ""},
    {"133/186", ""},
    {"COVID-19", ""},
    {"1234567/TB-SYT", ""},
    {"3/Giao việc", ""},
    {"", ""},
    {"88/Q\xC4", ""},
    {"88/QĐ-UBND\xC4", "88/QĐ-UBND|admin|QĐ|88|UBND|0|"},
};

static char *describe(const vt_docnum *d)
{
    return vt_format("%s|%s|%s|%s|%s|%d|%s%s", d->normalized, vt_docnum_family_name(d->family),
                     d->type ? d->type : "-", d->number, d->issuer, d->year,
                     d->flags & VT_DOCNUM_REPAIRED ? "R" : "",
                     d->flags & VT_DOCNUM_NUMBER_BLANK ? "B" : "");
}

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        vt_docnum d;
        const char *t = parse_cases[i].text;
        int r = vt_docnum_parse(t, strlen(t), &d);
        assert_true(r >= 0);
        char *got = r ? describe(&d) : strdup("");
        assert_non_null(got);
        if (strcmp(got, parse_cases[i].want) != 0)
            fail_msg("case %zu (%s):\n got: %s\nwant: %s", i, t, got, parse_cases[i].want);
        if (r)
            assert_memory_equal(t + d.start, d.raw, d.end - d.start);
        free(got);
        vt_docnum_clear(&d);
    }
}

static const struct {
    const char *text, *own, *refs;
} find_cases[] = {
    {"theo Công văn số 4869/UBND-\nSYT ngày 26/7/2020 của Sở", "",
     "4869/UBND-SYT|ngày 26/7/2020|2020-07-26"},
    {"Nghị quyết số 72-NQ/TW, ngày 09/9/2025 của Bộ Chính trị", "", "72-NQ/TW|ngày 09/9/2025|2025-09-09"},
    {"theo GM số 447/GM-UBND và TB số 567/TB-UBND;", "", "447/GM-UBND||\n567/TB-UBND||"},
    /* the own number is not a reference; the slip's garbled copy of it is, read
     * through the issuer the header printed */
    {"\nSố: 88/TB-SYT\n\nKiên Giang, ngày 17 tháng 4 năm 2025\nSố: 0764\n"
     "PHIẾU GIẢI QUYẾT\nSố: 88/1B-8/1.....ngày, 17 tháng 11 năm 2025",
     "88/TB-SYT", "88/TB-SYT||"},
    {"\n\nSố: /TB-UBND\n\nLạng Sơn, ngày tháng 10 năm 2024", "/TB-UBND", ""},
    {"Số: ....../TB-VP", "/TB-VP", ""},
    {"Số: 0764\nNgày: 21/4/2025", "", ""},
    /* a speck or a stamp's edge read before the label */
    {"N XƯƠNG\n. Số: 50/QĐ-UBND\n", "50/QĐ-UBND", ""},
    {"| Số: 12/TB-SYT\n", "12/TB-SYT", ""},
    {"", "", ""},
};

static void test_find_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
        const char *t = find_cases[i].text;
        vt_docnum own;
        int r = vt_docnum_find_own(t, strlen(t), &own);
        assert_true(r >= 0);
        assert_string_equal(r ? own.normalized : "", find_cases[i].own);
        vt_docnum_clear(&own);

        vt_docnum_list list;
        assert_int_equal(vt_docnum_find_references(t, strlen(t), NULL, &list), 0);
        vt_strbuf sb = {0};
        for (size_t k = 0; k < list.count; k++) {
            const vt_docnum *d = &list.items[k];
            vt_strbuf_printf(&sb, "%s%s|%s|%s", k ? "\n" : "", d->normalized,
                             d->date_raw ? d->date_raw : "", d->date_iso ? d->date_iso : "");
        }
        char *got = vt_strbuf_take(&sb);
        assert_non_null(got);
        if (strcmp(got, find_cases[i].refs) != 0)
            fail_msg("case %zu:\n got: %s\nwant: %s", i, got, find_cases[i].refs);
        free(got);
        vt_docnum_list_free(&list);
    }
}

static void test_official_table(void **state)
{
    (void)state;
    static const char *const official[] = {"NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH",
                                           "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT",
                                           "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL"};
    for (size_t i = 0; i < sizeof official / sizeof official[0]; i++)
        assert_true(vt_docnum_is_admin_type(official[i]));
    assert_false(vt_docnum_is_admin_type("CV")); /* công văn has no abbreviation */
    assert_false(vt_docnum_is_admin_type("QYĐ"));
    assert_false(vt_docnum_is_admin_type(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_official_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
