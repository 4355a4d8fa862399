/*
 * test_vnchar.c — the letter algebra. Rows: a code point and its parts; then the
 * whole alphabet round-trips (decompose → compose) in both cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vnchar.h"

static const struct {
    int32_t cp;
    char base;
    vt_vowel_mark mark;
    vt_tone tone;
    bool upper;
} decompositions[] = {
    {'a', 'a', VT_MARK_NONE, VT_TONE_NGANG, false},
    {'Q', 'q', VT_MARK_NONE, VT_TONE_NGANG, true},
    {0x1EA5 /* ấ */, 'a', VT_MARK_CIRCUMFLEX, VT_TONE_SAC, false},
    {0x1EA9 /* ẩ */, 'a', VT_MARK_CIRCUMFLEX, VT_TONE_HOI, false},
    {0x1EB6 /* Ặ */, 'a', VT_MARK_BREVE, VT_TONE_NANG, true},
    {0x00C0 /* À */, 'a', VT_MARK_NONE, VT_TONE_HUYEN, true},
    {0x1EC0 /* Ề */, 'e', VT_MARK_CIRCUMFLEX, VT_TONE_HUYEN, true},
    {0x0129 /* ĩ */, 'i', VT_MARK_NONE, VT_TONE_NGA, false},
    {0x00D5 /* Õ */, 'o', VT_MARK_NONE, VT_TONE_NGA, true},
    {0x1EE3 /* ợ */, 'o', VT_MARK_HORN, VT_TONE_NANG, false},
    {0x01AF /* Ư */, 'u', VT_MARK_HORN, VT_TONE_NGANG, true},
    {0x1EEE /* Ữ */, 'u', VT_MARK_HORN, VT_TONE_NGA, true},
    {0x00DD /* Ý */, 'y', VT_MARK_NONE, VT_TONE_SAC, true},
    {0x1EF5 /* ỵ */, 'y', VT_MARK_NONE, VT_TONE_NANG, false},
    {0x0111 /* đ */, 'd', VT_MARK_BAR, VT_TONE_NGANG, false},
    {0x0110 /* Đ */, 'd', VT_MARK_BAR, VT_TONE_NGANG, true},
};

static const int32_t not_letters[] = {
    '0', ' ', '-', 0x00D7 /* × */, 0x00F7 /* ÷ */, 0x00F6 /* ö */, 0x00E4 /* ä */,
    0x0301 /* combining acute */, 0x1EFA, 0x1E9F, 0x0100 /* Ā */, 0x01A2, -1,
};

static void test_decompose_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decompositions / sizeof decompositions[0]; i++) {
        vt_letter l;
        assert_true(vt_letter_decompose(decompositions[i].cp, &l));
        if (l.base != decompositions[i].base || l.mark != decompositions[i].mark ||
            l.tone != decompositions[i].tone || l.upper != decompositions[i].upper)
            fail_msg("U+%04X decomposed to %c/%d/%d/%d", (unsigned)decompositions[i].cp, l.base,
                     l.mark, l.tone, l.upper);
        assert_int_equal(vt_letter_compose(l), decompositions[i].cp);
    }
    for (size_t i = 0; i < sizeof not_letters / sizeof not_letters[0]; i++) {
        vt_letter l;
        if (vt_letter_decompose(not_letters[i], &l))
            fail_msg("U+%04X taken for a letter", (unsigned)not_letters[i]);
    }
}

/* Marks Vietnamese never writes fold to the base letter; its own letters stay. */
static const struct {
    int32_t cp, folded;
} unforeign[] = {
    {0x0178 /* Ÿ */, 'Y'}, {0x00FF /* ÿ */, 'y'}, {0x00F6 /* ö */, 'o'}, {0x00C7 /* Ç */, 'C'},
    {0x00F1 /* ñ */, 'n'}, {0x010D /* č */, 'c'}, {0x0101 /* ā */, 'a'}, {0x00C5 /* Å */, 'A'},
    {0x00C1 /* Á */, 0x00C1}, {0x0103 /* ă */, 0x0103}, {0x0111 /* đ */, 0x0111},
    {0x0169 /* ũ */, 0x0169}, {0x00DF /* ß */, 0x00DF}, {0x00C6 /* Æ */, 0x00C6},
    {0x1EA5 /* ấ */, 0x1EA5}, {'x', 'x'}, {0x0180, 0x0180},
};

static void test_unforeign_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof unforeign / sizeof unforeign[0]; i++)
        if (vt_letter_unforeign(unforeign[i].cp) != unforeign[i].folded)
            fail_msg("U+%04X folded to U+%04X", (unsigned)unforeign[i].cp,
                     (unsigned)vt_letter_unforeign(unforeign[i].cp));
}

/* Every (vowel, mark, tone) and đ exists in both cases and round-trips: 134
 * letters with marks plus the plain vowels. */
static void test_alphabet_round_trip(void **state)
{
    (void)state;
    static const struct { char base; vt_vowel_mark mark; } vowels[] = {
        {'a', VT_MARK_NONE}, {'a', VT_MARK_BREVE}, {'a', VT_MARK_CIRCUMFLEX}, {'e', VT_MARK_NONE},
        {'e', VT_MARK_CIRCUMFLEX}, {'i', VT_MARK_NONE}, {'o', VT_MARK_NONE},
        {'o', VT_MARK_CIRCUMFLEX}, {'o', VT_MARK_HORN}, {'u', VT_MARK_NONE}, {'u', VT_MARK_HORN},
        {'y', VT_MARK_NONE},
    };
    int marked = 0;
    for (size_t v = 0; v < sizeof vowels / sizeof vowels[0]; v++)
        for (int t = 0; t < VT_TONE_COUNT; t++)
            for (int up = 0; up <= 1; up++) {
                vt_letter in = {vowels[v].base, vowels[v].mark, (vt_tone)t, up == 1}, out;
                int32_t cp = vt_letter_compose(in);
                assert_int_not_equal(cp, 0);
                assert_true(vt_letter_decompose(cp, &out));
                assert_true(out.base == in.base && out.mark == in.mark && out.tone == in.tone &&
                            out.upper == in.upper);
                marked += cp > 0x7F;
                assert_int_equal(vt_letter_strip(cp), up ? in.base - 32 : in.base);
            }
    assert_int_equal(marked + 2 /* đ Đ */, 134);
}

static void test_impossible_letters(void **state)
{
    (void)state;
    assert_int_equal(vt_letter_compose((vt_letter){'e', VT_MARK_HORN, VT_TONE_NGANG, false}), 0);
    assert_int_equal(vt_letter_compose((vt_letter){'d', VT_MARK_BAR, VT_TONE_SAC, false}), 0);
    assert_int_equal(vt_letter_compose((vt_letter){'b', VT_MARK_NONE, VT_TONE_NANG, false}), 0);
    assert_int_equal(vt_letter_compose((vt_letter){'1', VT_MARK_NONE, VT_TONE_NGANG, false}), 0);
}

static void test_case_and_strip(void **state)
{
    (void)state;
    assert_int_equal(vt_letter_upper(0x1EAD /* ậ */), 0x1EAC);
    assert_int_equal(vt_letter_lower(0x0110 /* Đ */), 0x0111);
    assert_int_equal(vt_letter_lower('X'), 'x');
    assert_int_equal(vt_letter_upper(0x00F6 /* ö: not ours */), 0x00F6);
    assert_int_equal(vt_letter_strip(0x0110), 'D');
    assert_int_equal(vt_letter_strip(0x1EF1 /* ự */), 'u');
    assert_int_equal(vt_letter_strip('-'), '-');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decompose_table),
        cmocka_unit_test(test_alphabet_round_trip),
        cmocka_unit_test(test_impossible_letters),
        cmocka_unit_test(test_case_and_strip),
        cmocka_unit_test(test_unforeign_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
