/*
 * vnchar.h — the algebra of Vietnamese letters on NFC code points.
 *
 * Every Vietnamese letter is a base letter (a e i o u y d … or any other ASCII
 * letter), at most one vowel mark (breve ă, circumflex â ê ô, horn ơ ư, or the bar
 * of đ), at most one tone and a case. Diacritic repair works in exactly these
 * terms ("same letters, other marks"), so the conversion both ways is one table.
 * Only precomposed (NFC) code points are understood; normalise input first.
 */
#ifndef VT_VNCHAR_H
#define VT_VNCHAR_H

#include <stdbool.h>
#include <stdint.h>

typedef enum vt_vowel_mark {
    VT_MARK_NONE,
    VT_MARK_BREVE,      /* ă */
    VT_MARK_CIRCUMFLEX, /* â ê ô */
    VT_MARK_HORN,       /* ơ ư */
    VT_MARK_BAR,        /* đ */
} vt_vowel_mark;

/* In the traditional order; the names are the Vietnamese ones. */
typedef enum vt_tone {
    VT_TONE_NGANG, /* no mark: a */
    VT_TONE_HUYEN, /* grave: à */
    VT_TONE_SAC,   /* acute: á */
    VT_TONE_HOI,   /* hook above: ả */
    VT_TONE_NGA,   /* tilde: ã */
    VT_TONE_NANG,  /* dot below: ạ */
    VT_TONE_COUNT
} vt_tone;

typedef struct vt_letter {
    char base;          /* lower-case ASCII letter */
    vt_vowel_mark mark;
    vt_tone tone;
    bool upper;
} vt_letter;

/* Split cp into its parts. False (and *out untouched) when cp is not an ASCII letter
 * or one of the 134 Vietnamese letters with marks. */
bool vt_letter_decompose(int32_t cp, vt_letter *out);

/* The code point for a letter, or 0 when no such letter exists (a tone on a
 * consonant, a horn on e, …). */
int32_t vt_letter_compose(vt_letter letter);

/* cp without tone and vowel mark, case kept (ấ→a, Đ→D); other code points unchanged. */
int32_t vt_letter_strip(int32_t cp);

/* A Latin letter with a mark Vietnamese never writes (Ÿ ö ç ñ ā č …) as its base
 * letter, case kept; other code points unchanged. OCR of Vietnamese produces them
 * only by misreading a mark. */
int32_t vt_letter_unforeign(int32_t cp);

/* Case mapping restricted to the Vietnamese alphabet; other code points unchanged. */
int32_t vt_letter_lower(int32_t cp);
int32_t vt_letter_upper(int32_t cp);

#endif /* VT_VNCHAR_H */
