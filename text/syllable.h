/*
 * syllable.h — the written Vietnamese syllable: parse, validate, canonical key.
 *
 * A syllable is (onset)(medial)nucleus(coda)+tone (field guide §5.2). The grammar
 * here is what the language model's lexicon is filtered by and what repair
 * candidates must satisfy: legal onsets and rhymes, the spelling alternations
 * (k/gh/ngh before i e ê; q only as qu), ă and â only before a coda, and stop codas
 * (-c -ch -p -t) only with sắc or nặng.
 *
 * Keys and tone placement. Open syllables in oa, oe, uy have two spellings: old
 * style "hòa, khỏe, thủy" and new style "hoà, khoẻ, thuỷ" (§5.4). NFC does not merge
 * them, so everything is compared in one canonical style: the tone goes where
 * the chosen style puts it. VT_TONE_STYLE_OLD is the default, because it is what
 * administrative and news text overwhelmingly uses.
 */
#ifndef VT_SYLLABLE_H
#define VT_SYLLABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vnchar.h"

#define VT_SYLLABLE_MAX_LETTERS 8
/* Bytes a rendered syllable or key can take, NUL included (3 bytes per letter). */
#define VT_SYLLABLE_MAX_BYTES 32

typedef enum vt_tone_style {
    VT_TONE_STYLE_OLD, /* hòa, khỏe, thủy */
    VT_TONE_STYLE_NEW, /* hoà, khoẻ, thuỷ */
} vt_tone_style;

typedef enum vt_case_shape {
    VT_CASE_LOWER, /* việt */
    VT_CASE_TITLE, /* Việt (and a single capital: Ý) */
    VT_CASE_UPPER, /* VIỆT */
} vt_case_shape;

/* A parsed syllable. letters[] are lower case without tone; the parts are
 * consecutive letter ranges, except that the nucleus may overlap the onset
 * "gi" whose i is also the vowel (gì, gìn, giếng). */
typedef struct vt_syllable {
    vt_letter letters[VT_SYLLABLE_MAX_LETTERS];
    uint8_t n_letters;
    uint8_t onset_end;     /* onset = [0, onset_end) */
    uint8_t medial_start;  /* medial = [medial_start, nucleus_start), o or u */
    uint8_t nucleus_start;
    uint8_t nucleus_end;   /* coda = [nucleus_end, n_letters) */
    vt_tone tone;
    vt_case_shape case_shape;
} vt_syllable;

/* Parse one syllable (exactly the `len` bytes at s, NFC). True when it is a legal
 * Vietnamese syllable; *out is then filled. Mixed case (ViỆt) is not legal. */
bool vt_syllable_parse(const char *s, size_t len, vt_syllable *out);

bool vt_syllable_valid(const char *s, size_t len);

/* Index of the letter that carries the tone in the given style. */
size_t vt_syllable_tone_position(const vt_syllable *syl, vt_tone_style style);

/* Write the syllable as UTF-8 into out (VT_SYLLABLE_MAX_BYTES), tone placed in the
 * given style, letters in the given case. Returns the byte length. */
size_t vt_syllable_render(const vt_syllable *syl, vt_tone_style style, vt_case_shape shape,
                          char *out);

/* The canonical key: lower case, tone in the given style. */
size_t vt_syllable_key(const vt_syllable *syl, vt_tone_style style, char *out);

/* The skeleton: lower-case ASCII base letters, every mark stripped, đ → d. All
 * repair candidates for a syllable share its skeleton. */
size_t vt_syllable_skeleton(const vt_syllable *syl, char *out);

/* The skeleton of any UTF-8 word (letters stripped and lower-cased, other code points
 * copied), for words that are not legal syllables (restore mode input "nguyen" is
 * legal, but "viet" is not). Returns 0 if it does not fit in cap bytes with the NUL. */
size_t vt_word_skeleton(const char *s, size_t len, char *out, size_t cap);

#endif /* VT_SYLLABLE_H */
