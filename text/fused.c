/*
 * fused.c — two syllables OCR wrote as one word (see fused.h).
 *
 * Tesseract drops the space between two words now and then, most often in
 * capitals set with tight letter spacing (the header's "UBND TỈNH QUẢNGNINH").
 * Vietnamese writes every syllable apart, so a word of letters that breaks the
 * syllable grammar but reads as two attested syllables is those two, provided the
 * model finds the pair likely: P(second | first) at least 1%. Foreign names and
 * words typed without marks rarely pass that ("Hanoi" would be "ha" + "noi":
 * 10^-5.6, "Thanhpho" 10^-5.4), and the repair stage only proposes the split.
 */
#include "fused.h"

#include <string.h>

#include "syllable.h"
#include "utf8.h"
#include "vnchar.h"

#define MIN_PAIR_LOGPROB -2.0   /* log10 P(second | first) */

/* The model's id of s[0..len) as a syllable, with its case; VT_LM_UNK when it is
 * not a legal syllable the model has seen. */
static uint32_t syllable_id(const vt_lm *lm, const char *s, size_t len, vt_case_shape *shape)
{
    vt_syllable syl;
    char key[VT_SYLLABLE_MAX_BYTES];
    if (!vt_syllable_parse(s, len, &syl))
        return VT_LM_UNK;
    *shape = syl.case_shape;
    vt_syllable_key(&syl, vt_lm_tone_style(lm), key);
    return vt_lm_lookup(lm, key, strlen(key));
}

/* "QUẢNG"+"NINH", "quảng"+"ninh", "Quảng"+"ninh": one word's case, carried on. A
 * lone capital ("Ý" in "ÝKIẾN") parses as title case but may open capitals. */
static bool same_word_case(vt_case_shape first, size_t first_len, vt_case_shape second)
{
    bool lone_capital = first == VT_CASE_TITLE && first_len <= 3;   /* one letter, ≤ 3 bytes */
    return second == (first == VT_CASE_UPPER ? VT_CASE_UPPER : VT_CASE_LOWER)
           || (lone_capital && second == VT_CASE_UPPER);
}

static bool letters_only(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        vt_letter l;
        if (!vt_letter_decompose(vt_utf8_next(s, len, &pos), &l))
            return false;
    }
    return len > 0;
}

size_t vt_fused_split(const vt_lm *lm, const char *s, size_t len)
{
    vt_syllable whole;
    if (!letters_only(s, len) || vt_syllable_parse(s, len, &whole))
        return 0;
    size_t best = 0, pos = 0;
    double best_score = MIN_PAIR_LOGPROB;
    vt_utf8_next(s, len, &pos);   /* each part has at least one letter */
    while (pos < len) {
        vt_case_shape a_shape, b_shape;
        uint32_t a = syllable_id(lm, s, pos, &a_shape);
        uint32_t b = a == VT_LM_UNK ? VT_LM_UNK : syllable_id(lm, s + pos, len - pos, &b_shape);
        if (b != VT_LM_UNK && same_word_case(a_shape, pos, b_shape)) {
            vt_lm_state state;
            vt_lm_state_empty(&state);
            vt_lm_score(lm, &state, a, &state);
            double score = vt_lm_score(lm, &state, b, NULL);
            if (score >= best_score) {
                best_score = score;
                best = pos;
            }
        }
        vt_utf8_next(s, len, &pos);
    }
    return best;
}
