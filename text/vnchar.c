/*
 * vnchar.c — Vietnamese letters to (base, vowel mark, tone, case) and back.
 *
 * The whole alphabet is one table: the 12 lower-case vowel letters (and đ) in rows,
 * the six tones in columns. Upper case is derived, not tabulated: in every Unicode
 * block the Vietnamese letters live in, the capital sits at a fixed distance from
 * the small letter (Latin-1: 0x20 below; Latin Extended-A/B and Latin Extended
 * Additional: the even code point just below the odd small one).
 */
#include "vnchar.h"

#include <stddef.h>

typedef struct letter_row {
    char base;
    vt_vowel_mark mark;
    int32_t forms[VT_TONE_COUNT]; /* ngang, huyền, sắc, hỏi, ngã, nặng; 0 = none */
} letter_row;

static const letter_row letter_rows[] = {
    {'a', VT_MARK_NONE,       {0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}},
    {'a', VT_MARK_BREVE,      {0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}},
    {'a', VT_MARK_CIRCUMFLEX, {0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}},
    {'e', VT_MARK_NONE,       {0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}},
    {'e', VT_MARK_CIRCUMFLEX, {0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}},
    {'i', VT_MARK_NONE,       {0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}},
    {'o', VT_MARK_NONE,       {0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}},
    {'o', VT_MARK_CIRCUMFLEX, {0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}},
    {'o', VT_MARK_HORN,       {0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}},
    {'u', VT_MARK_NONE,       {0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}},
    {'u', VT_MARK_HORN,       {0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}},
    {'y', VT_MARK_NONE,       {0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}},
    {'d', VT_MARK_BAR,        {0x0111, 0, 0, 0, 0, 0}},
};

#define LETTER_ROW_COUNT (sizeof letter_rows / sizeof letter_rows[0])

static bool is_ascii_lower(int32_t cp) { return cp >= 'a' && cp <= 'z'; }
static bool is_ascii_upper(int32_t cp) { return cp >= 'A' && cp <= 'Z'; }

/* Small letter → capital, for the small letters that appear in letter_rows. */
static int32_t upper_of_small(int32_t cp)
{
    if (cp < 0x80)
        return is_ascii_lower(cp) ? cp - 0x20 : cp;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
        return cp - 0x20;
    return cp - 1; /* Latin Extended-A/B and Extended Additional pairs */
}

/* Find the (row, tone) of a small letter with marks; false when it is not one. */
static bool find_small(int32_t cp, size_t *row, vt_tone *tone)
{
    for (size_t r = 0; r < LETTER_ROW_COUNT; r++)
        for (int t = 0; t < VT_TONE_COUNT; t++)
            if (letter_rows[r].forms[t] == cp) {
                *row = r;
                *tone = (vt_tone)t;
                return true;
            }
    return false;
}

bool vt_letter_decompose(int32_t cp, vt_letter *out)
{
    if (is_ascii_lower(cp) || is_ascii_upper(cp)) {
        *out = (vt_letter){(char)(cp | 0x20), VT_MARK_NONE, VT_TONE_NGANG, is_ascii_upper(cp)};
        return true;
    }
    if (cp < 0xC0)
        return false;
    size_t row;
    vt_tone tone;
    if (find_small(cp, &row, &tone)) {
        *out = (vt_letter){letter_rows[row].base, letter_rows[row].mark, tone, false};
        return true;
    }
    /* A capital is the small letter one step up; check the round trip so that a
     * neighbouring non-Vietnamese code point is not mistaken for a capital. */
    int32_t small = cp < 0x100 ? cp + 0x20 : cp + 1;
    if (find_small(small, &row, &tone) && upper_of_small(small) == cp) {
        *out = (vt_letter){letter_rows[row].base, letter_rows[row].mark, tone, true};
        return true;
    }
    return false;
}

int32_t vt_letter_compose(vt_letter letter)
{
    if (letter.base < 'a' || letter.base > 'z' || letter.tone >= VT_TONE_COUNT)
        return 0;
    int32_t small = 0;
    if (letter.mark == VT_MARK_NONE && letter.tone == VT_TONE_NGANG) {
        small = letter.base;
    } else {
        for (size_t r = 0; r < LETTER_ROW_COUNT; r++)
            if (letter_rows[r].base == letter.base && letter_rows[r].mark == letter.mark) {
                small = letter_rows[r].forms[letter.tone];
                break;
            }
    }
    if (small == 0)
        return 0;
    return letter.upper ? upper_of_small(small) : small;
}

int32_t vt_letter_strip(int32_t cp)
{
    vt_letter l;
    if (!vt_letter_decompose(cp, &l))
        return cp;
    return l.upper ? l.base - 0x20 : l.base;
}

int32_t vt_letter_unforeign(int32_t cp)
{
    /* Base letters of U+00C0..U+017F by NFD ('.' none: Æ, ×, ß, Đ-like, ligatures);
     * the Vietnamese letters in the range are caught by vt_letter_decompose first. */
    static const char base[] =
        "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y"
        "AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLl."
        "...NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.";
    vt_letter l;
    if (cp < 0xC0 || cp > 0x17F || vt_letter_decompose(cp, &l) || base[cp - 0xC0] == '.')
        return cp;
    return (unsigned char)base[cp - 0xC0];
}

int32_t vt_letter_lower(int32_t cp)
{
    vt_letter l;
    if (!vt_letter_decompose(cp, &l) || !l.upper)
        return cp;
    l.upper = false;
    return vt_letter_compose(l);
}

int32_t vt_letter_upper(int32_t cp)
{
    vt_letter l;
    if (!vt_letter_decompose(cp, &l) || l.upper)
        return cp;
    l.upper = true;
    return vt_letter_compose(l);
}
