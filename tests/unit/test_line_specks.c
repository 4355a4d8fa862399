/*
 * test_line_specks.c — which words of a line the line_specks stage drops: a
 * table of lines as OCR read them (words split at spaces) → the line as it is
 * left (emptied words gone), and how many words it changed (each keeps what OCR
 * read as repaired_from, for the repair record).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "line_specks.h"
#include "strbuf.h"

static const struct {
    const char *ocr, *left;
    size_t changed;
} cases[] = {
    /* specks before a line */
    {". Căn cứ Nghị định số 30/2020/NĐ-CP", "Căn cứ Nghị định số 30/2020/NĐ-CP", 1},
    {"_ „ Theo đề nghị của Trưởng phòng", "Theo đề nghị của Trưởng phòng", 2},
    {":\\ Ngày: 12/6/2023", "Ngày: 12/6/2023", 1},
    /* a list entry's mark is print; a dash read as a tilde is written as one */
    {"- Như Điều 3;", "- Như Điều 3;", 0},
    {"+ Sở Tài chính;", "+ Sở Tài chính;", 0},
    {"~ Giám đốc Sở (b/c);", "- Giám đốc Sở (b/c);", 1},
    {"~- Lưu: VT, VP.", "- Lưu: VT, VP.", 1},
    {"* Lưu ý: hồ sơ nộp trước ngày 15", "* Lưu ý: hồ sơ nộp trước ngày 15", 0},
    {"* các đơn vị", "các đơn vị", 1},
    /* after the last word: a closing mark after a word is print, debris is not */
    {"của Sở Lao động -", "của Sở Lao động -", 0},
    {"tiêu chí về môi trường .", "tiêu chí về môi trường .", 0},
    {"văn thư; *", "văn thư;", 1},
    {"- Như Điều 3: .", "- Như Điều 3:", 1},
    {"- Lưu: VT,VP. —-", "- Lưu: VT,VP.", 1},
    {"Độc lập - Tự do - Hạnh phúc '", "Độc lập - Tự do - Hạnh phúc", 1},
    {"thi hành Quyết định này ./.", "thi hành Quyết định này ./.", 0},
    /* a line of specks alone goes whole */
    {"“—. ...", "", 2},
    {"¬ .", "", 2},
    /* inside a line only marks print never sets alone go */
    {"sẽ chính thức diễn ¡ ra vào ngày 10/6 - 11/6/2021", "sẽ chính thức diễn ra vào ngày 10/6 - 11/6/2021", 1},
    {"Kính gửi : Sở Y tế", "Kính gửi : Sở Y tế", 0},
    {"địa phương | số 77/2015/QH13", "địa phương số 77/2015/QH13", 1},
    /* dotted leaders of a blank are print */
    {"Kính gửi: ..........", "Kính gửi: ..........", 0},
    {"……… Số: /TB-UBND", "……… Số: /TB-UBND", 0},
    /* letters and digits are never specks */
    {"F * ,", "F", 2},
    {"2", "2", 0},
};

static void free_line(vt_line *line)
{
    for (size_t w = 0; w < line->n_words; w++) {
        free(line->words[w].text);
        free(line->words[w].alternatives);
        free(line->words[w].repaired_from);
    }
    free(line->words);
}

static void test_line_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_line line = {0};
        char *ocr = strdup(cases[i].ocr);
        assert_non_null(ocr);
        for (char *t = strtok(ocr, " "); t; t = strtok(NULL, " "))
            assert_non_null(vt_line_add_word(&line, t, strlen(t)));
        free(ocr);
        assert_true(vt_line_specks_drop(&line));
        vt_strbuf sb = {0};
        vt_strbuf_puts(&sb, "");
        size_t changed = 0;
        for (size_t w = 0; w < line.n_words; w++) {
            changed += line.words[w].repaired_from != NULL;
            if (line.words[w].repaired_from)
                assert_string_equal(line.words[w].repaired_by, "line_specks");
            if (!line.words[w].text[0])
                continue;
            if (sb.len)
                vt_strbuf_putc(&sb, ' ');
            vt_strbuf_puts(&sb, line.words[w].text);
        }
        char *left = vt_strbuf_take(&sb);
        if (strcmp(left, cases[i].left) != 0 || changed != cases[i].changed)
            fail_msg("\"%s\": left \"%s\" with %zu changed, expected \"%s\" with %zu",
                     cases[i].ocr, left, changed, cases[i].left, cases[i].changed);
        free(left);
        free_line(&line);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
