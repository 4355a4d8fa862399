/*
 * legacy.c — decode TCVN3, VNI-Windows and VIQR mojibake (see legacy.h).
 *
 * Everything works on "units": the code points of the text as legacy.h reads it
 * (UTF-8 where valid, Windows-1252 for stray bytes). A unit up to U+00FF is the
 * legacy byte of that number. The text is cut into tokens at white space, which
 * no decoder ever consumes or produces, so a converted text has the same tokens
 * in the same order as the original and detection can compare them pairwise.
 *
 * The code tables are written as letters (base, vowel mark, tone) and composed
 * with vnchar.h, so every decoded letter is a precomposed code point and a typo
 * in a table cannot produce a letter that does not exist.
 *
 * A word counts as a syllable when, stripped of the punctuation around it, it
 * parses (syllable.h) and carries its tone where the old or the new style puts
 * it: text decoded with the wrong table often parses but misplaces the tone
 * (VNI "Theá" read as TCVN3 gives "Theỏ"), real text never does.
 *
 * Detection thresholds, for TCVN3 and VNI, on the tokens a conversion changes:
 *   - at least 2 changed tokens, and at least 10% of all tokens: one word is not
 *     evidence (French "où" is VNI "ó"), while a legacy document changes some
 *     85% of its words, and a page may mix in Unicode headers or English;
 *   - at least 75% of changed tokens are syllables after conversion: legacy
 *     text reaches 97-100% (the rest are names and abbreviations);
 *   - (syllables after − syllables before) ≥ 40% of changed tokens: converting
 *     must be clearly better than the text as it is. Unicode Vietnamese is legal
 *     before and mostly not after (TCVN3 turns "báo" into "bỏo"), while the
 *     mojibake words that are legal as they stand ("mét" for "một") are 4-8%
 *     of a legacy text;
 *   - every unchanged syllable holding a letter beyond Latin-1 (ă, đ, ơ, ư, ạ,
 *     ế…) counts against that gain: TCVN3 or VNI bytes read as Windows-1252
 *     never give one, so each is a word typed in Unicode. In a short Unicode
 *     line with one misspelt word ("Pìi ngày 26 tháng 7 năm 2020": two changed,
 *     one legal before) the gain alone would pass; "năm" says otherwise;
 *   - TCVN3 only: at least one changed token holds a symbol Unicode Vietnamese
 *     never writes (« ¸ µ ®): TCVN3 spells most marked letters with them, and a
 *     reading that changes only Unicode letters turns garbage into words
 *     ("khãc DâA" → "khóc DÕA");
 *   - at least 50% of all tokens are syllables after conversion: a European
 *     text whose one frequent word converts well (Swedish "på" → TCVN3 "pồ",
 *     Romanian "în" → "ợn") stays far below, Vietnamese is at 85-95%.
 * When both pass, the larger gain wins. VIQR changes only letter runs that come
 * out as syllables; it needs the same 75% and 50% shares, at least 3 changed
 * tokens making 20% of all (VIQR marks most words), and at most one marked run
 * left alone for every three converted (English "it's", "we'll" never form a
 * syllable; "?" standing for lost letters in "mo?e" rarely does).
 *
 * Measured with these values: no detection on 2,500 Unicode Vietnamese corpus
 * files, 100,000 English and 142,000 European (fr de es pt it nl sv da pl ro tr
 * …) man-page lines and 5-line groups, each as UTF-8 and as Windows-1252 bytes;
 * of 34,000 corpus lines over 40 characters, encoded, all are detected except
 * those without marks (URLs) and 180 TCVN3, 190 VNI, 470 VIQR short bylines
 * ("Ông Salzberg nói.", "Nhật LinhTheo CNCB"); one VNI line was taken for TCVN3.
 */
#include "legacy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "syllable.h"
#include "utf8.h"
#include "vnchar.h"

#define MIN_CHANGED 2
#define MIN_CHANGED_SHARE 0.10
#define MIN_VALID_AFTER_SHARE 0.75
#define MIN_GAIN_SHARE 0.40
#define MIN_TEXT_VALID_SHARE 0.50
#define VIQR_MIN_CHANGED 3
#define VIQR_MIN_CHANGED_SHARE 0.20
#define VIQR_MAX_REJECTED_RATIO (1.0 / 3.0)
/* Detection looks at the first MiB: plenty of evidence, bounded time. */
#define DETECT_MAX_BYTES ((size_t)1 << 20)

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Reading units ---- */

/* Windows-1252 0x80–0x9F; its five holes keep their C1 code points. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* The unit at s[*pos] (pos < len); advances *pos. */
static int32_t unit_next(const char *s, size_t len, size_t *pos)
{
    size_t start = *pos;
    int32_t cp = vt_utf8_next(s, len, pos);
    if (cp != VT_UTF8_INVALID)
        return cp;
    unsigned char b = (unsigned char)s[start];
    *pos = start + 1;
    return b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
}

static int32_t unit_at(const char *s, size_t len, size_t pos, size_t *next)
{
    *next = pos;
    return unit_next(s, len, next);
}

/* True for a unit no legacy byte can stand for: such a token is real Unicode. */
static bool is_foreign(int32_t cp)
{
    if (cp < 0x100)
        return false;
    for (size_t i = 0; i < COUNT(cp1252_high); i++)
        if (cp1252_high[i] == cp)
            return false;
    return true;
}

static bool is_hspace(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0;
}

static bool is_line_break(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
}

static bool is_space(int32_t cp)
{
    return is_hspace(cp) || is_line_break(cp);
}

static bool is_ascii_letter(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* End of the token starting at pos (a non-space unit). */
static size_t token_end(const char *s, size_t len, size_t pos)
{
    while (pos < len) {
        size_t next;
        if (is_space(unit_at(s, len, pos, &next)))
            break;
        pos = next;
    }
    return pos;
}

static bool token_is_foreign(const char *s, size_t len, size_t start, size_t end)
{
    for (size_t p = start; p < end;)
        if (is_foreign(unit_next(s, len, &p)))
            return true;
    return false;
}

static void put_cp(vt_strbuf *out, int32_t cp)
{
    char buf[4];
    vt_strbuf_append(out, buf, vt_utf8_encode(cp, buf));
}

static void put_units(vt_strbuf *out, const char *s, size_t len, size_t start, size_t end)
{
    for (size_t p = start; p < end;)
        put_cp(out, unit_next(s, len, &p));
}

static bool letter(char base, vt_vowel_mark mark, vt_tone tone, bool upper, vt_letter *out)
{
    *out = (vt_letter){base, mark, tone, upper};
    return true;
}

/* A legal syllable with its tone where one of the two styles puts it: mojibake
 * decoded with the wrong table often parses but misplaces the tone ("Theỏ"). */
static bool is_syllable(const char *s, size_t len)
{
    vt_syllable syl;
    if (!vt_syllable_parse(s, len, &syl))
        return false;
    static const vt_tone_style styles[] = {VT_TONE_STYLE_OLD, VT_TONE_STYLE_NEW};
    for (size_t i = 0; i < COUNT(styles); i++) {
        char buf[VT_SYLLABLE_MAX_BYTES];
        size_t n = vt_syllable_render(&syl, styles[i], syl.case_shape, buf);
        if (n == len && memcmp(buf, s, len) == 0)
            return true;
    }
    return false;
}

/* ---- TCVN3 (VN3) ---- */

/* The toned vowels, in the order huyền, hỏi, ngã, sắc, nặng. */
static const vt_tone tone_order[5] = {VT_TONE_HUYEN, VT_TONE_HOI, VT_TONE_NGA, VT_TONE_SAC,
                                      VT_TONE_NANG};

static const struct {
    char base;
    vt_vowel_mark mark;
    unsigned char bytes[5];
} tcvn3_toned[] = {
    {'a', VT_MARK_NONE, {0xB5, 0xB6, 0xB7, 0xB8, 0xB9}},
    {'a', VT_MARK_BREVE, {0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
    {'a', VT_MARK_CIRCUMFLEX, {0xC7, 0xC8, 0xC9, 0xCA, 0xCB}},
    {'e', VT_MARK_NONE, {0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
    {'e', VT_MARK_CIRCUMFLEX, {0xD2, 0xD3, 0xD4, 0xD5, 0xD6}},
    {'i', VT_MARK_NONE, {0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
    {'o', VT_MARK_NONE, {0xDF, 0xE1, 0xE2, 0xE3, 0xE4}},
    {'o', VT_MARK_CIRCUMFLEX, {0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
    {'o', VT_MARK_HORN, {0xEA, 0xEB, 0xEC, 0xED, 0xEE}},
    {'u', VT_MARK_NONE, {0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
    {'u', VT_MARK_HORN, {0xF5, 0xF6, 0xF7, 0xF8, 0xF9}},
    {'y', VT_MARK_NONE, {0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
};

/* The untoned marked letters: capitals at 0xA1–0xA7, small at 0xA8–0xAE. */
static const struct {
    char base;
    vt_vowel_mark mark;
} tcvn3_marked[7] = {
    {'a', VT_MARK_BREVE}, {'a', VT_MARK_CIRCUMFLEX}, {'e', VT_MARK_CIRCUMFLEX},
    {'o', VT_MARK_CIRCUMFLEX}, {'o', VT_MARK_HORN}, {'u', VT_MARK_HORN}, {'d', VT_MARK_BAR},
};

static bool tcvn3_letter(int32_t cp, vt_letter *out)
{
    if (cp >= 0xA1 && cp <= 0xAE) {
        int i = (int)(cp - 0xA1) % 7;
        return letter(tcvn3_marked[i].base, tcvn3_marked[i].mark, VT_TONE_NGANG, cp <= 0xA7, out);
    }
    if (cp < 0xB5 || cp > 0xFE)
        return false;
    for (size_t r = 0; r < COUNT(tcvn3_toned); r++)
        for (size_t t = 0; t < 5; t++)
            if (tcvn3_toned[r].bytes[t] == cp)
                return letter(tcvn3_toned[r].base, tcvn3_toned[r].mark, tone_order[t], false, out);
    return false;
}

typedef struct case_stats {
    unsigned upper, lower, legacy_lower;
} case_stats;

static case_stats tcvn3_case_stats(const char *s, size_t len, size_t start, size_t end)
{
    case_stats st = {0, 0, 0};
    for (size_t p = start; p < end;) {
        int32_t cp = unit_next(s, len, &p);
        vt_letter l;
        if (cp >= 'A' && cp <= 'Z')
            st.upper++;
        else if (cp >= 'a' && cp <= 'z')
            st.lower++;
        else if (tcvn3_letter(cp, &l) && l.upper)
            st.upper++;
        else if (tcvn3_letter(cp, &l))
            st.legacy_lower++;
    }
    return st;
}

/* An upper-case word: ASCII capitals and no small ASCII letter. */
static bool is_shouting(case_stats st)
{
    return st.upper >= 2 && st.lower == 0;
}

/* What decides the case of a line's small legacy letters. */
typedef struct line_case {
    bool has_small;    /* a small ASCII letter somewhere on the line */
    bool caps_font;    /* an upper-case word with a small legacy letter ("QUYÕT") */
} line_case;

static line_case tcvn3_line_case(const char *s, size_t len, size_t pos)
{
    line_case lc = {false, false};
    while (pos < len) {
        size_t next;
        int32_t cp = unit_at(s, len, pos, &next);
        if (is_line_break(cp))
            break;
        if (is_space(cp)) {
            pos = next;
            continue;
        }
        size_t end = token_end(s, len, pos);
        case_stats st = tcvn3_case_stats(s, len, pos, end);
        lc.has_small |= st.lower > 0;
        lc.caps_font |= is_shouting(st) && st.legacy_lower > 0;
        pos = end;
    }
    return lc;
}

/* Small legacy letters are capitals (drawn by a capitals font) in an upper-case
 * word, and in a word with one capital and no small ASCII letter on a line that
 * has no small ASCII letter and shows the capitals font elsewhere ("Uû BAN
 * NH©N"). Body text has small ASCII letters; "Sè: /TB-UBND" shows no font. */
static void tcvn3_token(const char *s, size_t len, size_t start, size_t end, line_case lc,
                        vt_strbuf *out)
{
    case_stats st = tcvn3_case_stats(s, len, start, end);
    bool upper = st.legacy_lower > 0 && st.lower == 0
                 && (st.upper >= 2 || (!lc.has_small && lc.caps_font));
    for (size_t p = start; p < end;) {
        int32_t cp = unit_next(s, len, &p);
        vt_letter l;
        if (tcvn3_letter(cp, &l)) {
            l.upper = l.upper || upper;
            cp = vt_letter_compose(l);
        }
        put_cp(out, cp);
    }
}

/* ---- VNI-Windows ---- */

/* Modifier bytes (small forms; capitals are 0x20 lower): a tone alone, or a
 * circumflex or breve with a tone. */
static const struct {
    unsigned char byte;
    vt_vowel_mark mark;
    vt_tone tone;
} vni_modifiers[] = {
    {0xF9, VT_MARK_NONE, VT_TONE_SAC},        {0xF8, VT_MARK_NONE, VT_TONE_HUYEN},
    {0xFB, VT_MARK_NONE, VT_TONE_HOI},        {0xF5, VT_MARK_NONE, VT_TONE_NGA},
    {0xEF, VT_MARK_NONE, VT_TONE_NANG},       {0xE2, VT_MARK_CIRCUMFLEX, VT_TONE_NGANG},
    {0xE1, VT_MARK_CIRCUMFLEX, VT_TONE_SAC},  {0xE0, VT_MARK_CIRCUMFLEX, VT_TONE_HUYEN},
    {0xE5, VT_MARK_CIRCUMFLEX, VT_TONE_HOI},  {0xE3, VT_MARK_CIRCUMFLEX, VT_TONE_NGA},
    {0xE4, VT_MARK_CIRCUMFLEX, VT_TONE_NANG}, {0xEA, VT_MARK_BREVE, VT_TONE_NGANG},
    {0xE9, VT_MARK_BREVE, VT_TONE_SAC},       {0xE8, VT_MARK_BREVE, VT_TONE_HUYEN},
    {0xFA, VT_MARK_BREVE, VT_TONE_HOI},       {0xFC, VT_MARK_BREVE, VT_TONE_NGA},
    {0xEB, VT_MARK_BREVE, VT_TONE_NANG},
};

/* Letters that are one byte: ơ ư (which also take tone modifiers), đ, the toned
 * i and ỵ. */
static const struct {
    unsigned char byte;
    char base;
    vt_vowel_mark mark;
    vt_tone tone;
} vni_single[] = {
    {0xF4, 'o', VT_MARK_HORN, VT_TONE_NGANG}, {0xF6, 'u', VT_MARK_HORN, VT_TONE_NGANG},
    {0xF1, 'd', VT_MARK_BAR, VT_TONE_NGANG},  {0xED, 'i', VT_MARK_NONE, VT_TONE_SAC},
    {0xEC, 'i', VT_MARK_NONE, VT_TONE_HUYEN}, {0xE6, 'i', VT_MARK_NONE, VT_TONE_HOI},
    {0xF3, 'i', VT_MARK_NONE, VT_TONE_NGA},   {0xF2, 'i', VT_MARK_NONE, VT_TONE_NANG},
    {0xEE, 'y', VT_MARK_NONE, VT_TONE_NANG},
};

/* Small form of a Latin-1 capital À–Þ (not ×); other units unchanged. */
static int32_t latin1_lower(int32_t cp)
{
    return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 ? cp + 0x20 : cp;
}

static bool vni_single_letter(int32_t cp, vt_letter *out)
{
    int32_t lower = latin1_lower(cp);
    for (size_t i = 0; i < COUNT(vni_single); i++)
        if (vni_single[i].byte == lower)
            return letter(vni_single[i].base, vni_single[i].mark, vni_single[i].tone, lower != cp,
                          out);
    return false;
}

/* A letter that takes a modifier: a e o u y, or the single-byte ơ ư. */
static bool vni_base(int32_t cp, vt_letter *out)
{
    if (is_ascii_letter(cp) && strchr("aeouyAEOUY", (int)cp))
        return vt_letter_decompose(cp, out);
    return vni_single_letter(cp, out) && out->mark == VT_MARK_HORN;
}

/* base + modifier as one code point, or 0 when the pair is not a VNI letter. The
 * modifier's case is ignored ("Uûy" is as common as "UÛY"); the base's counts. */
static int32_t vni_combine(vt_letter base, int32_t modifier)
{
    int32_t m = latin1_lower(modifier);
    for (size_t i = 0; i < COUNT(vni_modifiers); i++) {
        if (vni_modifiers[i].byte != m)
            continue;
        vt_vowel_mark mark = vni_modifiers[i].mark;
        vt_tone tone = vni_modifiers[i].tone;
        if (mark == VT_MARK_CIRCUMFLEX && !strchr("aeo", base.base))
            return 0;
        if (mark == VT_MARK_BREVE && base.base != 'a')
            return 0;
        if (mark != VT_MARK_NONE && base.mark != VT_MARK_NONE)
            return 0;
        if (base.base == 'y' && tone == VT_TONE_NANG)   /* ỵ is its own byte */
            return 0;
        if (mark != VT_MARK_NONE)
            base.mark = mark;
        base.tone = tone;
        return vt_letter_compose(base);
    }
    return 0;
}

static void vni_token(const char *s, size_t len, size_t start, size_t end, vt_strbuf *out)
{
    size_t p = start;
    while (p < end) {
        size_t q;
        int32_t cp = unit_at(s, len, p, &q);
        vt_letter l;
        if (q < end && vni_base(cp, &l)) {
            size_t r;
            int32_t combined = vni_combine(l, unit_at(s, len, q, &r));
            if (combined) {
                put_cp(out, combined);
                p = r;
                continue;
            }
        }
        put_cp(out, vni_single_letter(cp, &l) ? vt_letter_compose(l) : cp);
        p = q;
    }
}

/* ---- VIQR ---- */

#define VIQR_MAX_LETTERS 12

static bool viqr_is_symbol(int32_t cp)
{
    return cp > 0 && cp < 0x80 && strchr("(^+*'`?~.", (int)cp);
}

static bool viqr_vowel_mark(int32_t cp, char base, vt_vowel_mark *mark)
{
    if (cp == '(' && base == 'a')
        *mark = VT_MARK_BREVE;
    else if (cp == '^' && strchr("aeo", base))
        *mark = VT_MARK_CIRCUMFLEX;
    else if ((cp == '+' || cp == '*') && strchr("ou", base))
        *mark = VT_MARK_HORN;
    else
        return false;
    return true;
}

static bool viqr_tone_symbol(int32_t cp, vt_tone *tone)
{
    static const char symbols[] = "`?~'.";
    static const vt_tone tones[] = {VT_TONE_HUYEN, VT_TONE_HOI, VT_TONE_NGA, VT_TONE_SAC,
                                    VT_TONE_NANG};
    for (size_t i = 0; i < 5; i++)
        if (cp == symbols[i]) {
            *tone = tones[i];
            return true;
        }
    return false;
}

/* "." and "?" double as punctuation. As a tone they are followed by a letter, by
 * light punctuation, or (at the token's end) by a lower-case word on the line. */
static bool viqr_dot_is_tone(const char *s, size_t len, size_t after, size_t end)
{
    size_t next;
    if (after < end) {
        int32_t cp = unit_at(s, len, after, &next);
        return is_ascii_letter(cp) || (cp > 0 && cp < 0x80 && strchr(",;:)\"", (int)cp));
    }
    size_t p = after;
    while (p < len) {
        int32_t cp = unit_at(s, len, p, &next);
        if (!is_hspace(cp))
            return cp >= 'a' && cp <= 'z';
        p = next;
    }
    return false;
}

/* Marks following a vowel at *p (inside [.., end)): a vowel mark, then a tone. */
static bool viqr_read_marks(const char *s, size_t len, size_t *p, size_t end, vt_letter *l)
{
    bool marked = false;
    size_t next;
    vt_vowel_mark mark;
    if (*p < end && viqr_vowel_mark(unit_at(s, len, *p, &next), l->base, &mark)) {
        l->mark = mark;
        *p = next;
        marked = true;
    }
    int32_t cp;
    vt_tone tone;
    if (*p < end && viqr_tone_symbol(cp = unit_at(s, len, *p, &next), &tone)
        && ((cp != '.' && cp != '?') || viqr_dot_is_tone(s, len, next, end))) {
        l->tone = tone;
        *p = next;
        marked = true;
    }
    return marked;
}

/* Compose letters[0..n) into buf (VT_SYLLABLE_MAX_BYTES); 0 when one has no code
 * point or the run is too long to be a syllable. */
static size_t viqr_compose(const vt_letter *letters, size_t n, char *buf)
{
    size_t used = 0;
    if (n > VT_SYLLABLE_MAX_LETTERS)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int32_t cp = vt_letter_compose(letters[i]);
        if (cp == 0)
            return 0;
        used += vt_utf8_encode(cp, buf + used);
    }
    buf[used] = '\0';
    return used;
}

/* One run of letters with their marks, from start (an ASCII letter): emitted
 * decoded when it carried a mark and decodes to a legal syllable, else as it
 * was. Returns the end of the run. */
static size_t viqr_run(const char *s, size_t len, size_t start, size_t end, vt_strbuf *out,
                       size_t *rejected)
{
    vt_letter letters[VIQR_MAX_LETTERS];
    size_t n = 0, p = start, next;
    bool marked = false;
    int32_t cp;
    while (p < end && is_ascii_letter(cp = unit_at(s, len, p, &next))) {
        vt_letter l;
        vt_letter_decompose(cp, &l);
        p = next;
        if (n == 0 && l.base == 'd' && p < end && (unit_at(s, len, p, &next) | 0x20) == 'd') {
            l.mark = VT_MARK_BAR;   /* dd, DD, Dd: đ, only as the onset */
            p = next;
            marked = true;
        } else if (strchr("aeiouy", l.base)) {
            marked |= viqr_read_marks(s, len, &p, end, &l);
        }
        if (n < VIQR_MAX_LETTERS)
            letters[n] = l;
        n++;
    }
    char buf[VT_SYLLABLE_MAX_BYTES];
    size_t used = marked && n <= VIQR_MAX_LETTERS ? viqr_compose(letters, n, buf) : 0;
    if (used > 0 && is_syllable(buf, used)) {
        vt_strbuf_append(out, buf, used);
    } else {
        *rejected += marked;
        put_units(out, s, len, start, p);
    }
    return p;
}

static void viqr_token(const char *s, size_t len, size_t start, size_t end, vt_strbuf *out,
                       size_t *rejected)
{
    size_t p = start;
    while (p < end) {
        size_t q, r;
        int32_t cp = unit_at(s, len, p, &q);
        if (cp == '\\' && q < end && viqr_is_symbol(unit_at(s, len, q, &r))) {
            put_units(out, s, len, q, r);   /* an escaped mark is itself */
            p = r;
        } else if (is_ascii_letter(cp)) {
            p = viqr_run(s, len, p, end, out, rejected);
        } else {
            put_cp(out, cp);
            p = q;
        }
    }
}

/* ---- Conversion ---- */

static char *convert(const char *s, size_t len, vt_legacy_encoding enc, size_t *out_len,
                     size_t *rejected)
{
    vt_strbuf out = {0};
    size_t pos = 0, ignored = 0;
    bool line_start = true;
    line_case lc = {false, false};   /* TCVN3: the current line's case evidence */
    if (!rejected)
        rejected = &ignored;
    while (pos < len && !out.failed) {
        size_t next;
        int32_t cp = unit_at(s, len, pos, &next);
        if (is_space(cp)) {
            put_cp(&out, cp);
            line_start = line_start || is_line_break(cp);
            pos = next;
            continue;
        }
        size_t end = token_end(s, len, pos);
        if (enc == VT_LEGACY_TCVN3 && line_start)
            lc = tcvn3_line_case(s, len, pos);
        line_start = false;
        if (enc == VT_LEGACY_NONE || token_is_foreign(s, len, pos, end))
            put_units(&out, s, len, pos, end);
        else if (enc == VT_LEGACY_TCVN3)
            tcvn3_token(s, len, pos, end, lc, &out);
        else if (enc == VT_LEGACY_VNI)
            vni_token(s, len, pos, end, &out);
        else
            viqr_token(s, len, pos, end, &out, rejected);
        pos = end;
    }
    size_t n = out.len;
    char *result = vt_strbuf_take(&out);
    if (result && out_len)
        *out_len = n;
    return result;
}

char *vt_legacy_to_unicode(const char *text, size_t len, vt_legacy_encoding enc, size_t *out_len)
{
    if (!text)
        len = 0;
    return convert(text ? text : "", len, enc, out_len, NULL);
}

const char *vt_legacy_name(vt_legacy_encoding enc)
{
    switch (enc) {
    case VT_LEGACY_TCVN3:
        return "tcvn3";
    case VT_LEGACY_VNI:
        return "vni";
    case VT_LEGACY_VIQR:
        return "viqr";
    default:
        return "none";
    }
}

/* ---- Scoring ---- */

/* The next white-space separated word of UTF-8 text s at or after *pos. */
static bool next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t p = *pos, next;
    while (p < len && is_space(unit_at(s, len, p, &next)))
        p = next;
    if (p >= len)
        return false;
    *start = p;
    *end = *pos = token_end(s, len, p);
    return true;
}

/* Punctuation that may surround a word ("(ngày", "tỉnh;", "«Oui»"). Anything
 * else in a word (symbols, controls, digits) keeps it from being a syllable. */
static bool is_edge_punctuation(int32_t cp)
{
    if (cp > 0x20 && cp < 0x7F)
        return !is_ascii_letter(cp) && !(cp >= '0' && cp <= '9');
    switch (cp) {
    case 0xAB: case 0xBB: case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201C:
    case 0x201D: case 0x2026:
        return true;
    default:
        return false;
    }
}

/* Whether the word has a letter, and whether it is a legal syllable once the
 * punctuation around it is trimmed. */
static bool word_is_syllable(const char *s, size_t len, bool *has_letter)
{
    size_t start = 0, end = 0, p = 0;
    bool inside = false;
    *has_letter = false;
    while (p < len) {
        size_t at = p;
        int32_t cp = vt_utf8_next(s, len, &p);
        vt_letter l;
        *has_letter = *has_letter || vt_letter_decompose(cp, &l);
        if (is_edge_punctuation(cp))
            continue;
        if (!inside)
            start = at;
        inside = true;
        end = p;
    }
    return *has_letter && inside && is_syllable(s + start, end - start);
}

/* Whether the word holds a Vietnamese letter above U+00FF. */
static bool beyond_latin1(const char *s, size_t len)
{
    for (size_t p = 0; p < len;) {
        int32_t cp = vt_utf8_next(s, len, &p);
        vt_letter l;
        if (cp > 0xFF && vt_letter_decompose(cp, &l))
            return true;
    }
    return false;
}

/* Whether the word holds a non-ASCII character that is no Vietnamese letter. */
static bool has_non_letter_symbol(const char *s, size_t len)
{
    for (size_t p = 0; p < len;) {
        int32_t cp = vt_utf8_next(s, len, &p);
        vt_letter l;
        if (cp > 0x7F && !vt_letter_decompose(cp, &l))
            return true;
    }
    return false;
}

/* Compare the words of the text as it is (before) and converted (after). */
static void compare_words(const char *before, size_t blen, const char *after, size_t alen,
                          vt_legacy_score *sc)
{
    size_t pb = 0, pa = 0, sb, eb, sa, ea;
    while (next_word(before, blen, &pb, &sb, &eb) && next_word(after, alen, &pa, &sa, &ea)) {
        bool letter_after, letter_before;
        bool valid_after = word_is_syllable(after + sa, ea - sa, &letter_after);
        if (!letter_after)
            continue;
        sc->words++;
        sc->valid_words += valid_after;
        if (eb - sb == ea - sa && memcmp(before + sb, after + sa, ea - sa) == 0) {
            sc->unicode_only += valid_after && beyond_latin1(after + sa, ea - sa);
            continue;
        }
        sc->changed++;
        sc->symbol_words += has_non_letter_symbol(before + sb, eb - sb);
        sc->valid_after += valid_after;
        sc->valid_before += word_is_syllable(before + sb, eb - sb, &letter_before);
    }
}

static bool score_accepted(const vt_legacy_score *sc, vt_legacy_encoding enc)
{
    double changed = (double)sc->changed, words = (double)sc->words;
    if ((double)sc->valid_words < MIN_TEXT_VALID_SHARE * words
        || (double)sc->valid_after < MIN_VALID_AFTER_SHARE * changed)
        return false;
    if (enc == VT_LEGACY_VIQR)
        return sc->changed >= VIQR_MIN_CHANGED && changed >= VIQR_MIN_CHANGED_SHARE * words
               && (double)sc->rejected <= VIQR_MAX_REJECTED_RATIO * changed;
    /* TCVN3 writes most marked letters as symbols (« ¸ µ ®): a reading with
     * none of them changed only Unicode letters ("khãc DâA" → "khóc DÕA"). */
    if (enc == VT_LEGACY_TCVN3 && sc->symbol_words == 0)
        return false;
    return sc->changed >= MIN_CHANGED && changed >= MIN_CHANGED_SHARE * words
           && (double)sc->valid_after - (double)sc->valid_before - (double)sc->unicode_only
                  >= MIN_GAIN_SHARE * changed;
}

/* Score enc against `before`, the text as it is (the VT_LEGACY_NONE reading). */
static bool measure_against(const char *text, size_t len, const char *before, size_t blen,
                            vt_legacy_encoding enc, vt_legacy_score *sc)
{
    *sc = (vt_legacy_score){0};
    size_t alen = 0;
    char *after = convert(text, len, enc, &alen, &sc->rejected);
    if (!after)
        return false;
    compare_words(before, blen, after, alen, sc);
    free(after);
    sc->accepted = score_accepted(sc, enc);
    return true;
}

vt_legacy_score vt_legacy_measure(const char *text, size_t len, vt_legacy_encoding enc)
{
    vt_legacy_score sc = {0};
    if (!text || enc == VT_LEGACY_NONE)
        return sc;
    size_t blen = 0;
    char *before = convert(text, len, VT_LEGACY_NONE, &blen, NULL);
    if (before && !measure_against(text, len, before, blen, enc, &sc))
        sc = (vt_legacy_score){0};
    free(before);
    return sc;
}

/* A prefix of at most DETECT_MAX_BYTES, cut after white space when possible. */
static size_t detect_prefix(const char *text, size_t len)
{
    if (len <= DETECT_MAX_BYTES)
        return len;
    for (size_t n = DETECT_MAX_BYTES; n > DETECT_MAX_BYTES / 2; n--)
        if (text[n - 1] == ' ' || text[n - 1] == '\n')
            return n;
    return DETECT_MAX_BYTES;
}

static bool has_high_byte(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0x80)
            return true;
    return false;
}

static bool has_viqr_symbol(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (viqr_is_symbol((unsigned char)text[i]))
            return true;
    return false;
}

vt_legacy_encoding vt_legacy_detect(const char *text, size_t len, bool allow_viqr)
{
    if (!text)
        return VT_LEGACY_NONE;
    len = detect_prefix(text, len);
    bool high = has_high_byte(text, len);
    bool viqr = allow_viqr && has_viqr_symbol(text, len);
    if (!high && !viqr)
        return VT_LEGACY_NONE;   /* plain ASCII without VIQR marks: nothing to do */
    size_t blen = 0;
    char *before = convert(text, len, VT_LEGACY_NONE, &blen, NULL);
    if (!before)
        return VT_LEGACY_NONE;
    vt_legacy_encoding best = VT_LEGACY_NONE;
    double best_gain = 0;
    static const vt_legacy_encoding eight_bit[] = {VT_LEGACY_TCVN3, VT_LEGACY_VNI};
    for (size_t i = 0; high && i < COUNT(eight_bit); i++) {
        vt_legacy_score sc;
        if (!measure_against(text, len, before, blen, eight_bit[i], &sc) || !sc.accepted)
            continue;
        double gain = (double)sc.valid_after - (double)sc.valid_before;
        if (gain > best_gain) {
            best = eight_bit[i];
            best_gain = gain;
        }
    }
    vt_legacy_score sc;
    if (best == VT_LEGACY_NONE && viqr
        && measure_against(text, len, before, blen, VT_LEGACY_VIQR, &sc) && sc.accepted)
        best = VT_LEGACY_VIQR;
    free(before);
    return best;
}
