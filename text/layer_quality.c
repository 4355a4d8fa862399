/*
 * layer_quality.c — judge a text layer (see layer_quality.h for why).
 *
 * Thresholds, from what Vietnamese text looks like: in the project's corpora
 * about 50-60% of syllables carry a mark, and administrative text is almost all
 * letters of the alphabet. A layer is good when at least 25% of words carry a
 * Vietnamese mark, at least 85% are clean words, and under 2% of the characters
 * are stray symbols; a page with fewer than 10 words has too little evidence and
 * is re-OCRed.
 */
#include "layer_quality.h"

#include "utf8.h"

#define MIN_WORDS 10
#define MIN_DIACRITIC_SHARE 0.25
#define MIN_CLEAN_SHARE 0.85
#define MAX_SYMBOL_SHARE 0.02

/* Vietnamese letters outside ASCII: Latin-1 vowels with marks, ă đ ĩ ũ ơ ư and the
 * Latin Extended Additional block U+1EA0–U+1EF9. */
static bool is_vietnamese_mark_letter(int32_t c)
{
    switch (c) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC8: case 0xC9: case 0xCA: case 0xCC:
    case 0xCD: case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD9: case 0xDA: case 0xDD:
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE8: case 0xE9: case 0xEA: case 0xEC:
    case 0xED: case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF9: case 0xFA: case 0xFD:
    case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129: case 0x168:
    case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
        return true;
    default:
        return c >= 0x1EA0 && c <= 0x1EF9;
    }
}

static bool is_ascii_letter(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0;
}

/* Punctuation that legitimately surrounds or joins words in notices. */
static bool is_word_punctuation(int32_t c)
{
    switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')':
    case '"': case '\'': case '-': case '/': case '%': case '*': case '[': case ']':
    case 0x2013: case 0x2014: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x2026:
        return true;
    default:
        return false;
    }
}

typedef struct word_state {
    bool has_letter, has_mark, dirty;
} word_state;

static void close_word(vt_layer_quality *q, word_state *w, size_t *marked, size_t *clean)
{
    if (w->has_letter) {
        q->words++;
        *marked += w->has_mark;
        *clean += !w->dirty;
    }
    *w = (word_state){0};
}

vt_layer_quality vt_layer_quality_measure(const char *text, size_t len)
{
    vt_layer_quality q = {0};
    size_t marked = 0, clean = 0, symbols = 0, chars = 0, pos = 0;
    word_state w = {0};
    while (pos < len) {
        int32_t c = vt_utf8_next(text, len, &pos);
        if (is_space(c)) {
            close_word(&q, &w, &marked, &clean);
            continue;
        }
        chars++;
        if (is_ascii_letter(c)) {
            w.has_letter = true;
        } else if (is_vietnamese_mark_letter(c)) {
            w.has_letter = w.has_mark = true;
        } else if (is_digit(c)) {
            w.dirty = w.dirty || w.has_letter;   /* "Hcok1" is not a word; "88/TB" is fine */
        } else if (!is_word_punctuation(c)) {
            w.dirty = true;
            symbols++;
        }
    }
    close_word(&q, &w, &marked, &clean);
    if (q.words > 0) {
        q.diacritic_share = (double)marked / (double)q.words;
        q.clean_share = (double)clean / (double)q.words;
    }
    q.symbol_share = chars ? (double)symbols / (double)chars : 0.0;
    q.good = q.words >= MIN_WORDS && q.diacritic_share >= MIN_DIACRITIC_SHARE
             && q.clean_share >= MIN_CLEAN_SHARE && q.symbol_share <= MAX_SYMBOL_SHARE;
    return q;
}
