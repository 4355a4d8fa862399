/*
 * test_dates.c — the date parser as tables: text (and anchor) in, the dates that
 * must come out, written one per line as "raw|iso|kind|flags" (iso "-" when the
 * date is invalid; flags I inferred, M year missing, B blank day, N blank month,
 * X invalid, R repaired).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "strbuf.h"

#define NO_ANCHOR {0, 0, 0}

static const struct {
    const char *text;
    vt_date_anchor anchor;
    const char *want;
} find_cases[] = {
    /* the forms of the field guide's §4.2 table */
    {"Kiên Giang, ngày 17 tháng 4 năm 2025", NO_ANCHOR, "ngày 17 tháng 4 năm 2025|2025-04-17|day|"},
    {"Hà Nội, ngày 05 tháng 01 năm 2021", NO_ANCHOR, "ngày 05 tháng 01 năm 2021|2021-01-05|day|"},
    {"Ngày 09/10/2024, đồng chí", NO_ANCHOR, "Ngày 09/10/2024|2024-10-09|day|"},
    {"ngày 26/7/2020.", NO_ANCHOR, "ngày 26/7/2020|2020-07-26|day|"},
    {"từ 25-10-2020 và 24.3.2021", NO_ANCHOR,
     "25-10-2020|2020-10-25|day|\n24.3.2021|2021-03-24|day|"},
    {"ngày 21/4 họp", {2025, 4, 17}, "ngày 21/4|2025-04-21|day|I"},
    {"ngày 21/4 họp", NO_ANCHOR, "ngày 21/4|--04-21|day|M"},
    {"ngày 20/12 đã họp", {2025, 1, 10}, "ngày 20/12|2024-12-20|day|I"},
    {"Sáng 8.2, Ban cán sự", {2023, 0, 0}, "8.2|2023-02-08|day|I"},
    {"tháng 8/2023 và tháng 8 năm 2023", NO_ANCHOR,
     "tháng 8/2023|2023-08|month|\ntháng 8 năm 2023|2023-08|month|"},
    {"Trong tháng 4, rà soát", {2025, 4, 17}, "tháng 4|2025-04|month|I"},
    {"trong tháng **10/2024**.", NO_ANCHOR, "tháng **10/2024|2024-10|month|"},
    {"năm 2024; năm người; năm 20 người", NO_ANCHOR, "năm 2024|2024|year|"},
    /* a date glued to the one before it */
    {"17/4/2025ngày 26 tháng 7 năm 2020", NO_ANCHOR,
     "17/4/2025|2025-04-17|day|\nngày 26 tháng 7 năm 2020|2020-07-26|day|"},
    /* ISO 8601, as --dates iso writes days and ranges: read again the same */
    {"họp 2025-04-17, hạn 2026-05-16/2026-05-22", NO_ANCHOR,
     "2025-04-17|2025-04-17|day|\n2026-05-16/2026-05-22|2026-05-16/2026-05-22|range|"},
    {"2025-02-30 và 2025-04-17T10:00, mã 12-2025-04-17", NO_ANCHOR, "2025-02-30|-|day|X"},
    {"quý II/2025, quý II năm 2025, quý 2", {2025, 4, 17},
     "quý II/2025|2025-04/2025-06|quarter|\nquý II năm 2025|2025-04/2025-06|quarter|\n"
     "quý 2|2025-04/2025-06|quarter|I"},
    {"ông Trần Đức Quý, Phó Chủ tịch", NO_ANCHOR, ""},
    {"6 tháng đầu năm 2023, 3 tháng cuối năm 2024, 05 tháng đầu năm 2026", NO_ANCHOR,
     "6 tháng đầu năm 2023|2023-01/2023-06|interval|\n"
     "3 tháng cuối năm 2024|2024-10/2024-12|interval|\n"
     "05 tháng đầu năm 2026|2026-01/2026-05|interval|"},
    {"9 tháng đầu năm và", {2024, 10, 0}, "9 tháng đầu năm|2024-01/2024-09|interval|I"},
    {"sơ kết 06 tháng trong quý", NO_ANCHOR, ""},
    {"(27/02/1955 - 27/02/2025)", NO_ANCHOR, "27/02/1955 - 27/02/2025|1955-02-27/2025-02-27|range|"},
    {"(30/10/1963\xE2\x80\x93" "30/10/2023)", NO_ANCHOR,
     "30/10/1963\xE2\x80\x93" "30/10/2023|1963-10-30/2023-10-30|range|"},
    {"12/12 - 31/12/2020", NO_ANCHOR, "12/12 - 31/12/2020|2020-12-12/2020-12-31|range|"},
    {"từ ngày 16/5 đến ngày 22/5/2026;", NO_ANCHOR,
     "từ ngày 16/5 đến ngày 22/5/2026|2026-05-16/2026-05-22|range|"},
    {"từ ngày 28/12 đến ngày 3/1/2026", NO_ANCHOR,
     "từ ngày 28/12 đến ngày 3/1/2026|2025-12-28/2026-01-03|range|"},
    {"từ ngày 28/12/2025 đến ngày 03/01/2026", NO_ANCHOR,
     "từ ngày 28/12/2025 đến ngày 03/01/2026|2025-12-28/2026-01-03|range|"},
    {"từ tháng 3 đến hết tháng 5 năm 2025", NO_ANCHOR,
     "từ tháng 3 đến hết tháng 5 năm 2025|2025-03/2025-05|range|"},
    {"Lạng Sơn, ngày   tháng 10 năm 2024", NO_ANCHOR, "ngày   tháng 10 năm 2024|2024-10|partial|B"},
    {"ngày ... tháng ... năm 2024", NO_ANCHOR, "ngày ... tháng ... năm 2024|2024|partial|BN"},
    {"- Ngày, tháng, năm cho ý kiến", NO_ANCHOR, ""},
    {"năm học 2024-2025, giai đoạn 2021 - 2025, nhiệm kỳ 2020\xE2\x80\x93" "2025", NO_ANCHOR,
     "năm học 2024-2025|2024/2025|period|\ngiai đoạn 2021 - 2025|2021/2025|period|\n"
     "nhiệm kỳ 2020\xE2\x80\x93" "2025|2020/2025|period|"},
    {"Nghị quyết số 72-NQ/TW, ngày 09/9/2025 của", NO_ANCHOR, "ngày 09/9/2025|2025-09-09|day|"},
    {"Kế hoạch số 757/KH-SYT ngày\n\n01/3/2023 của", NO_ANCHOR, "ngày\n\n01/3/2023|2023-03-01|day|"},
    {"Ngày: 21/4/2025", NO_ANCHOR, "Ngày: 21/4/2025|2025-04-21|day|"},
    {"ngày 26tháng 7 năm 2020", NO_ANCHOR, "ngày 26tháng 7 năm 2020|2020-07-26|day|"},
    /* impossible dates are flagged, never moved */
    {"ngày 31/02/2024", NO_ANCHOR, "ngày 31/02/2024|-|day|X"},
    {"hạn 29/02/2023 và 29/02/2024", NO_ANCHOR, "29/02/2023|-|day|X\n29/02/2024|2024-02-29|day|"},
    {"ngày 31 tháng 4 năm 2025", NO_ANCHOR, "ngày 31 tháng 4 năm 2025|-|day|X"},
    /* OCR digit confusions: read through only when the date is valid */
    {"ngày 2l/4/2O25", NO_ANCHOR, "ngày 2l/4/2O25|2025-04-21|day|R"},
    {"ngày 3l/O2/2024", NO_ANCHOR, ""},
    {"năm 2 0 2 4.", NO_ANCHOR, "năm 2 0 2 4|2024|year|R"},
    {"ngày 21 / 4 / 2025", NO_ANCHOR, "ngày 21 / 4 / 2025|2025-04-21|day|"},
    /* numbers that are not dates */
    {"cung cấp 133/186 thủ tục, đứng thứ 3/20, 61.42 điểm, 3.787 công chức", NO_ANCHOR, ""},
    {"Luật số 15/2023/QH15 và Thông tư 13/2023/TT-BYT", NO_ANCHOR, ""},
    {"ngày 1/12/2020/QĐ", NO_ANCHOR, ""},
    {"Kỷ niệm 70 năm ngày Thầy thuốc", NO_ANCHOR, ""},
    /* malformed input */
    {"", NO_ANCHOR, ""},
    {"ngày", NO_ANCHOR, ""},
    {"ngày 99999999999999999999/4/2025", NO_ANCHOR, ""},
    {"ngày 17 tháng 4 năm 20251", NO_ANCHOR, "ngày 17 tháng 4|--04-17|day|M"},
    {"ngày 17 th\xC3", NO_ANCHOR, ""},
    {"\xFF\xFE ngày 1/2/2020 \xC3", NO_ANCHOR, "ngày 1/2/2020|2020-02-01|day|"},
    {"tháng 13/2024, tháng 0/2024", NO_ANCHOR, ""},
};

static char *describe(const vt_date_list *list)
{
    vt_strbuf sb = {0};
    for (size_t i = 0; i < list->count; i++) {
        const vt_date *d = &list->items[i];
        unsigned f = d->flags;
        vt_strbuf_printf(&sb, "%s%s|%s|%s|%s%s%s%s%s%s", i ? "\n" : "", d->raw,
                         d->iso ? d->iso : "-", vt_date_kind_name(d->kind),
                         f & VT_DATE_YEAR_INFERRED ? "I" : "", f & VT_DATE_YEAR_MISSING ? "M" : "",
                         f & VT_DATE_DAY_BLANK ? "B" : "", f & VT_DATE_MONTH_BLANK ? "N" : "",
                         f & VT_DATE_INVALID ? "X" : "", f & VT_DATE_REPAIRED ? "R" : "");
    }
    char *s = vt_strbuf_take(&sb);
    return s;
}

static void test_find_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
        vt_date_list list;
        const vt_date_anchor *anchor = find_cases[i].anchor.year ? &find_cases[i].anchor : NULL;
        assert_int_equal(vt_dates_find(find_cases[i].text, strlen(find_cases[i].text), anchor, &list), 0);
        char *got = describe(&list);
        assert_non_null(got);
        if (strcmp(got, find_cases[i].want) != 0)
            fail_msg("case %zu (%s):\n got: %s\nwant: %s", i, find_cases[i].text, got,
                     find_cases[i].want);
        for (size_t k = 0; k < list.count; k++)
            assert_memory_equal(find_cases[i].text + list.items[k].start, list.items[k].raw,
                                list.items[k].end - list.items[k].start);
        free(got);
        vt_date_list_free(&list);
    }
}

static const struct {
    const char *text, *canonical, *iso;
} rewrite_cases[] = {
    {"ngày 26tháng 7 năm 2020", "ngày 26 tháng 7 năm 2020", "2020-07-26"},
    {"ngày26/7/2020", "ngày 26/7/2020", "2020-07-26"},
    {"ngày  21 / 4/2025.", "ngày 21/4/2025.", "2025-04-21."},
    {"năm 2 0 2 4.", "năm 2024.", "2024."},
    {"ngày 2l/4/2O25", "ngày 21/4/2025", "2025-04-21"},
    {"ngày 3l/O2/2024", "ngày 3l/O2/2024", "ngày 3l/O2/2024"},
    {"ngày 31/02/2024", "ngày 31/02/2024", "ngày 31/02/2024"},
    {"Hà Nội, ngày 05 tháng 01 năm 2021", "Hà Nội, ngày 05 tháng 01 năm 2021", "Hà Nội, 2021-01-05"},
    {"ngày\n\n01/3/2023 của", "ngày\n\n01/3/2023 của", "2023-03-01 của"},
    {"không có ngày nào", "không có ngày nào", "không có ngày nào"},
    {"", "", ""},
};

static void test_rewrite_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rewrite_cases / sizeof rewrite_cases[0]; i++) {
        const char *t = rewrite_cases[i].text;
        size_t n = 0;
        char *canonical = vt_dates_canonicalize(t, strlen(t), &n);
        char *iso = vt_dates_rewrite_iso(t, strlen(t), NULL, NULL);
        assert_non_null(canonical);
        assert_non_null(iso);
        assert_int_equal(n, strlen(canonical));
        if (strcmp(canonical, rewrite_cases[i].canonical) || strcmp(iso, rewrite_cases[i].iso))
            fail_msg("case %zu: canonical '%s' iso '%s'", i, canonical, iso);
        free(canonical);
        free(iso);
    }
}

static const struct {
    const char *text;
    int found;
    vt_date_anchor want;
} anchor_cases[] = {
    {"Số: 88/TB-SYT\nKiên Giang, ngày 17 tháng 4 năm 2025\nNgày 15 tháng 4", 1, {2025, 4, 17}},
    {"Số: /TB-UBND\nLạng Sơn, ngày tháng 10 năm 2024\n", 1, {2024, 10, 0}},
    /* a citation's date is not the header date */
    {"Thông tư 13/2023/TT-BYT, ngày 29/6/2023 và năm 2022", 1, {2023, 6, 29}},
    {"Sáng 8.2, làm việc về nhiệm vụ năm 2023", 1, {2023, 0, 0}},
    {"không có năm", 0, {0, 0, 0}},
};

static void test_guess_anchor_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof anchor_cases / sizeof anchor_cases[0]; i++) {
        vt_date_anchor a;
        const char *t = anchor_cases[i].text;
        assert_int_equal(vt_dates_guess_anchor(t, strlen(t), &a), anchor_cases[i].found);
        assert_int_equal(a.year, anchor_cases[i].want.year);
        assert_int_equal(a.month, anchor_cases[i].want.month);
        assert_int_equal(a.day, anchor_cases[i].want.day);
    }
}

static void test_calendar(void **state)
{
    (void)state;
    assert_true(vt_date_is_valid(2024, 2, 29));
    assert_false(vt_date_is_valid(2025, 2, 29));
    assert_false(vt_date_is_valid(1900, 2, 29));
    assert_true(vt_date_is_valid(2000, 2, 29));
    assert_false(vt_date_is_valid(2025, 4, 31));
    assert_false(vt_date_is_valid(2025, 13, 1));
    assert_false(vt_date_is_valid(2025, 1, 0));
}

/* A megabyte of dates: linear time, every one found. */
static void test_large_input(void **state)
{
    (void)state;
    const char *unit = "ngày 1/1/2020 ";
    size_t n = 80000, ul = strlen(unit);
    char *text = malloc(n * ul);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * ul, unit, ul);
    vt_date_list list;
    assert_int_equal(vt_dates_find(text, n * ul, NULL, &list), 0);
    assert_int_equal(list.count, n);
    vt_date_list_free(&list);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_rewrite_table),
        cmocka_unit_test(test_guess_anchor_table),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_large_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
