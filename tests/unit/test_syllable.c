/*
 * test_syllable.c — the syllable grammar and canonical keys, as tables: legal and
 * illegal spellings (each illegal row names the rule it breaks), the parts a
 * syllable splits into, and keys in both tone-placement styles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "syllable.h"

static const char *const legal[] = {
    "a", "ý", "việc", "nghiêng", "nguyễn", "khuếch", "quốc", "quý", "quyết", "qua", "gì",
    "gìn", "giếng", "giữa", "gia", "giúp", "hoà", "hòa", "hoặc", "khoẻ", "thuỷ", "thủy", "ủy",
    "uỷ", "khuya", "khuỷu", "thuở", "tuần", "khuấy", "ngoài", "xoáy", "oanh", "huỳnh", "xoong",
    "rượu", "yêu", "yên", "tiên", "bìa", "lụa", "lửa", "Việt", "VIỆT", "ĐẾN", "Đến", "UỶ", "kỹ",
    "ký", "kế", "ghế", "nghề", "sách", "sạch", "tháp", "ấp", "ăn", "ân", "ấy", "đẩy", "pin",
    "buýt", "ngoẵng", "oẳn", "nhé", "của",
};

static const struct {
    const char *text;
    const char *why;
} illegal[] = {
    {"", "empty"},
    {"viềt", "stop coda with huyền"},
    {"viêt", "stop coda without tone"},
    {"sach", "stop coda without tone"},
    {"ă", "ă needs a coda"},
    {"bâ", "â needs a coda"},
    {"ki", "fine"},
    {"ci", "c before i"},
    {"ke", "fine"},
    {"ge", "g before e"},
    {"nge", "ng before e"},
    {"gha", "gh before a"},
    {"nghă", "ngh before ă"},
    {"ka", "k before a"},
    {"qa", "q without u"},
    {"UBND", "no vowel"},
    {"viêtnam", "two syllables fused"},
    {"sổsách", "two syllables fused"},
    {"ViỆt", "mixed case"},
    {"việc1", "digit"},
    {"iên", "iê without onset"},
    {"tyên", "yê after an onset"},
    {"ya", "ya without medial"},
    {"oong", "fine"},
    {"tuyn", "fine"},
    {"tyt", "closed y without medial"},
    {"fa", "f onset"},
    {"ươ", "ươ needs a coda"},
    {"ia", "fine"},
    {"ốá", "two tones"},
    {"hoai" "n", "oai has no coda n"},
    {"quoa", "medial after qu"},
    {"bưa", "fine"},
    {"bư", "fine"},
    {"đ", "no vowel"},
    {"eu", "e takes no u"},
};

static void test_legal_syllables(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++)
        if (!vt_syllable_valid(legal[i], strlen(legal[i])))
            fail_msg("\"%s\" rejected", legal[i]);
}

static void test_illegal_syllables(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof illegal / sizeof illegal[0]; i++) {
        bool valid = vt_syllable_valid(illegal[i].text, strlen(illegal[i].text));
        bool expect_valid = strcmp(illegal[i].why, "fine") == 0;
        if (valid != expect_valid)
            fail_msg("\"%s\" %s (%s)", illegal[i].text, valid ? "accepted" : "rejected",
                     illegal[i].why);
    }
}

/* Parts written as onset|medial|nucleus|coda over the toneless letters. */
static const struct {
    const char *text;
    const char *parts;
    vt_tone tone;
} splits[] = {
    {"nghiêng", "ngh||iê|ng", VT_TONE_NGANG},
    {"quyết", "qu||yê|t", VT_TONE_SAC},
    {"hoàng", "h|o|a|ng", VT_TONE_HUYEN},
    {"ngoài", "ng|o|a|i", VT_TONE_HUYEN},
    {"thuở", "th|u|ơ|", VT_TONE_HOI},
    {"khuya", "kh|u|ya|", VT_TONE_NGANG},
    {"giữa", "gi||ưa|", VT_TONE_NGA},
    {"gìn", "gi||i|n", VT_TONE_HUYEN},
    {"ước", "||ươ|c", VT_TONE_SAC},
    {"ủy", "|u|y|", VT_TONE_HOI},
    {"tuổi", "t||uô|i", VT_TONE_HOI},
    {"ĐẾN", "đ||ê|n", VT_TONE_SAC},
};

static void spell(const vt_syllable *s, size_t from, size_t to, char *out)
{
    for (size_t i = from; i < to; i++) {
        vt_letter l = s->letters[i];
        char buf[4] = {0};
        int32_t cp = vt_letter_compose(l);
        if (cp < 0x80)
            buf[0] = (char)cp;
        else if (cp < 0x800) {
            buf[0] = (char)(0xC0 | (cp >> 6));
            buf[1] = (char)(0x80 | (cp & 0x3F));
        } else {
            buf[0] = (char)(0xE0 | (cp >> 12));
            buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[2] = (char)(0x80 | (cp & 0x3F));
        }
        strcat(out, buf);
    }
}

static void test_syllable_parts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
        vt_syllable s;
        char got[64] = "";
        assert_true(vt_syllable_parse(splits[i].text, strlen(splits[i].text), &s));
        spell(&s, 0, s.onset_end, got);
        strcat(got, "|");
        spell(&s, s.medial_start, s.nucleus_start, got);
        strcat(got, "|");
        spell(&s, s.nucleus_start, s.nucleus_end, got);
        strcat(got, "|");
        spell(&s, s.nucleus_end, s.n_letters, got);
        if (strcmp(got, splits[i].parts) != 0 || s.tone != splits[i].tone)
            fail_msg("\"%s\" split as %s tone %d", splits[i].text, got, s.tone);
    }
}

/* input → key in old style, key in new style, skeleton. */
static const struct {
    const char *text, *old_key, *new_key, *skeleton;
} keys[] = {
    {"hoà", "hòa", "hoà", "hoa"},
    {"hòa", "hòa", "hoà", "hoa"},
    {"KHOẺ", "khỏe", "khoẻ", "khoe"},
    {"Thuý", "thúy", "thuý", "thuy"},
    {"quý", "quý", "quý", "quy"},
    {"toàn", "toàn", "toàn", "toan"},
    {"tóan", "toán", "toán", "toan"},
    {"Đường", "đường", "đường", "duong"},
    {"bìa", "bìa", "bìa", "bia"},
    {"biển", "biển", "biển", "bien"},
    {"ủy", "ủy", "uỷ", "uy"},
    {"khuỷu", "khuỷu", "khuỷu", "khuyu"},
    {"ngoài", "ngoài", "ngoài", "ngoai"},
    {"gìn", "gìn", "gìn", "gin"},
};

static void test_keys_and_skeletons(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        vt_syllable s;
        char old_key[VT_SYLLABLE_MAX_BYTES], new_key[VT_SYLLABLE_MAX_BYTES], skel[VT_SYLLABLE_MAX_BYTES];
        assert_true(vt_syllable_parse(keys[i].text, strlen(keys[i].text), &s));
        vt_syllable_key(&s, VT_TONE_STYLE_OLD, old_key);
        vt_syllable_key(&s, VT_TONE_STYLE_NEW, new_key);
        vt_syllable_skeleton(&s, skel);
        if (strcmp(old_key, keys[i].old_key) || strcmp(new_key, keys[i].new_key) ||
            strcmp(skel, keys[i].skeleton))
            fail_msg("\"%s\": old %s new %s skeleton %s", keys[i].text, old_key, new_key, skel);
    }
}

static const struct {
    const char *text;
    vt_case_shape shape;
    const char *rendered; /* in old style */
} cases[] = {
    {"việt", VT_CASE_LOWER, "việt"},
    {"Việt", VT_CASE_TITLE, "Việt"},
    {"VIỆT", VT_CASE_UPPER, "VIỆT"},
    {"Ý", VT_CASE_TITLE, "Ý"},
    {"HOÀ", VT_CASE_UPPER, "HÒA"},
};

static void test_case_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_syllable s;
        char out[VT_SYLLABLE_MAX_BYTES];
        assert_true(vt_syllable_parse(cases[i].text, strlen(cases[i].text), &s));
        assert_int_equal(s.case_shape, cases[i].shape);
        vt_syllable_render(&s, VT_TONE_STYLE_OLD, s.case_shape, out);
        assert_string_equal(out, cases[i].rendered);
    }
}

static void test_word_skeleton(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(vt_word_skeleton("Nguyễn", strlen("Nguyễn"), out, sizeof out), 6);
    assert_string_equal(out, "nguyen");
    assert_int_equal(vt_word_skeleton("ĐBSCL", strlen("ĐBSCL"), out, sizeof out), 5);
    assert_string_equal(out, "dbscl");
    assert_int_equal(vt_word_skeleton("abcdefghijklmnopq", 17, out, sizeof out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legal_syllables),
        cmocka_unit_test(test_illegal_syllables),
        cmocka_unit_test(test_syllable_parts),
        cmocka_unit_test(test_keys_and_skeletons),
        cmocka_unit_test(test_case_shapes),
        cmocka_unit_test(test_word_skeleton),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
