/*
 * syllable.c — the Vietnamese syllable grammar (see syllable.h for the rules).
 *
 * Parsing works on the toneless, lower-case letters: split off the onset from a
 * table, then the rhyme = (medial)(nucleus)(coda) by trying the few ways the vowel
 * run can split (a medial o/u in front, a semivowel coda i y o u at the back) and
 * keeping the first one the nucleus table allows. The tables are the grammar;
 * the code only adds the spelling rules that tie parts together.
 */
#include "syllable.h"

#include <string.h>

#include "utf8.h"

/* Codas as bits, so a nucleus lists the codas it takes in one mask. */
enum {
    CODA_OPEN = 1 << 0,
    CODA_C = 1 << 1,
    CODA_CH = 1 << 2,
    CODA_M = 1 << 3,
    CODA_N = 1 << 4,
    CODA_NG = 1 << 5,
    CODA_NH = 1 << 6,
    CODA_P = 1 << 7,
    CODA_T = 1 << 8,
    CODA_I = 1 << 9,
    CODA_Y = 1 << 10,
    CODA_O = 1 << 11,
    CODA_U = 1 << 12,
};

#define CODA_STOPS (CODA_C | CODA_CH | CODA_P | CODA_T)

static const struct {
    const char *spelling;
    unsigned mask;
} codas[] = {
    {"c", CODA_C}, {"ch", CODA_CH}, {"m", CODA_M}, {"n", CODA_N}, {"ng", CODA_NG},
    {"nh", CODA_NH}, {"p", CODA_P}, {"t", CODA_T}, {"i", CODA_I}, {"y", CODA_Y},
    {"o", CODA_O}, {"u", CODA_U},
};

/* Which codas each nucleus takes. ă and â never end a syllable; the open
 * diphthongs ia ya ua ưa take no coda, their closed forms iê yê uô ươ need one. */
static const struct {
    const char *spelling;
    unsigned codas;
} nuclei[] = {
    {"a", CODA_OPEN | CODA_C | CODA_CH | CODA_M | CODA_N | CODA_NG | CODA_NH | CODA_P | CODA_T |
          CODA_I | CODA_Y | CODA_O | CODA_U},
    {"ă", CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T},
    {"â", CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_Y | CODA_U},
    {"e", CODA_OPEN | CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_O},
    {"ê", CODA_OPEN | CODA_CH | CODA_M | CODA_N | CODA_NH | CODA_P | CODA_T | CODA_U},
    {"i", CODA_OPEN | CODA_CH | CODA_M | CODA_N | CODA_NH | CODA_P | CODA_T | CODA_U},
    {"y", CODA_OPEN | CODA_CH | CODA_N | CODA_NH | CODA_P | CODA_T | CODA_U},
    {"o", CODA_OPEN | CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_I},
    {"oo", CODA_C | CODA_NG},
    {"ô", CODA_OPEN | CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_I},
    {"ơ", CODA_OPEN | CODA_M | CODA_N | CODA_P | CODA_T | CODA_I},
    {"u", CODA_OPEN | CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_I},
    {"ư", CODA_OPEN | CODA_C | CODA_M | CODA_N | CODA_NG | CODA_T | CODA_I | CODA_U},
    {"ia", CODA_OPEN},
    {"iê", CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_U},
    {"ya", CODA_OPEN},
    {"yê", CODA_M | CODA_N | CODA_NG | CODA_T | CODA_U},
    {"ua", CODA_OPEN},
    {"uô", CODA_C | CODA_M | CODA_N | CODA_NG | CODA_T | CODA_I},
    {"ưa", CODA_OPEN},
    {"ươ", CODA_C | CODA_M | CODA_N | CODA_NG | CODA_P | CODA_T | CODA_I | CODA_U},
};

/* Written onsets. p is loanword-only but common (pin); f j w z are left out. */
static const char *const onsets[] = {
    "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The toneless lower-case letters as UTF-8, with each letter's byte offset, so a
 * letter range compares against the tables with one memcmp. */
typedef struct spelled {
    char bytes[VT_SYLLABLE_MAX_BYTES];
    uint8_t offset[VT_SYLLABLE_MAX_LETTERS + 1];
} spelled;

static bool range_is(const spelled *sp, size_t from, size_t to, const char *text)
{
    size_t n = (size_t)(sp->offset[to] - sp->offset[from]);
    return strlen(text) == n && memcmp(sp->bytes + sp->offset[from], text, n) == 0;
}

static bool is_vowel(vt_letter l)
{
    return l.mark != VT_MARK_BAR && strchr("aeiouy", l.base) != NULL;
}

static bool is_plain(vt_letter l, char base)
{
    return l.base == base && l.mark == VT_MARK_NONE;
}

static unsigned coda_mask(const spelled *sp, size_t from, size_t to)
{
    if (from == to)
        return CODA_OPEN;
    for (size_t i = 0; i < COUNT(codas); i++)
        if (range_is(sp, from, to, codas[i].spelling))
            return codas[i].mask;
    return 0;
}

static int nucleus_index(const spelled *sp, size_t from, size_t to)
{
    for (size_t i = 0; i < COUNT(nuclei); i++)
        if (range_is(sp, from, to, nuclei[i].spelling))
            return (int)i;
    return -1;
}

/* i, e, ê (and y for k): the front vowels that select k, gh, ngh over c, g, ng. */
static bool is_front(vt_letter l, bool count_y)
{
    return is_plain(l, 'i') || is_plain(l, 'e') || (l.base == 'e' && l.mark == VT_MARK_CIRCUMFLEX) ||
           (count_y && is_plain(l, 'y'));
}

/* The rules that tie the onset to what follows it (k/c, gh/g, ngh/ng, iê/yê …). */
static bool onset_agrees(const vt_syllable *syl, const spelled *sp, bool merged_gi)
{
    size_t o = syl->onset_end;
    vt_letter next = syl->letters[syl->medial_start];
    bool front = is_front(next, false);

    if (merged_gi)
        return true;
    if (range_is(sp, 0, o, "k"))
        return is_front(next, true);
    if (range_is(sp, 0, o, "c") || range_is(sp, 0, o, "g") || range_is(sp, 0, o, "ng"))
        return !front && !is_plain(next, 'y');
    if (range_is(sp, 0, o, "gh") || range_is(sp, 0, o, "ngh"))
        return front;
    return true;
}

/* Nucleus-specific rules beyond the coda table. */
static bool rhyme_agrees(const vt_syllable *syl, const spelled *sp, int nucleus, bool merged_gi)
{
    const char *n = nuclei[nucleus].spelling;
    bool has_onset = syl->onset_end > 0;
    bool has_medial = syl->medial_start < syl->nucleus_start;
    bool onset_qu = has_onset && range_is(sp, 0, syl->onset_end, "qu");
    bool open = syl->nucleus_end == syl->n_letters;

    if (has_medial) {
        /* the medial is o before a ă e, u elsewhere, and never after qu */
        vt_letter m = syl->letters[syl->medial_start];
        bool before_a_e = !strcmp(n, "a") || !strcmp(n, "ă") || !strcmp(n, "e");
        bool before_u_set = !strcmp(n, "â") || !strcmp(n, "ê") || !strcmp(n, "y") ||
                            !strcmp(n, "ya") || !strcmp(n, "yê") || !strcmp(n, "ơ");
        if (onset_qu || merged_gi)
            return false;
        if (is_plain(m, 'o') ? !before_a_e : !before_u_set)
            return false;
    }
    if (!strcmp(n, "iê") && !has_onset)
        return false; /* spelled yê without an onset: yên, yêu */
    if (!strcmp(n, "yê") && has_onset && !has_medial && !onset_qu)
        return false; /* spelled iê after an onset: tiên */
    if (!strcmp(n, "ya") && !has_medial)
        return false; /* only in uya: khuya */
    if (!strcmp(n, "y") && !open && !has_medial && !onset_qu)
        return false; /* closed y only in uy-: tuýt, quỳnh */
    return true;
}

static bool tone_agrees(const vt_syllable *syl, unsigned coda)
{
    if (coda & CODA_STOPS)
        return syl->tone == VT_TONE_SAC || syl->tone == VT_TONE_NANG;
    return true;
}

/* Split letters [rhyme, n) into medial, nucleus and coda; true on a legal split. */
static bool parse_rhyme(vt_syllable *syl, const spelled *sp, size_t rhyme, bool merged_gi)
{
    size_t n = syl->n_letters;
    size_t vowels_end = rhyme;
    while (vowels_end < n && is_vowel(syl->letters[vowels_end]))
        vowels_end++;
    if (vowels_end == rhyme)
        return false;
    unsigned consonant_coda = coda_mask(sp, vowels_end, n);
    if (consonant_coda == 0)
        return false;

    for (int medial = 0; medial <= 1; medial++) {
        for (int semivowel = 0; semivowel <= 1; semivowel++) {
            size_t ns = rhyme + (size_t)medial;
            size_t ne = vowels_end - (size_t)semivowel;
            if (ns >= ne)
                continue;
            if (medial && !is_plain(syl->letters[rhyme], 'o') && !is_plain(syl->letters[rhyme], 'u'))
                continue;
            if (semivowel && consonant_coda != CODA_OPEN)
                continue;
            unsigned coda = semivowel ? coda_mask(sp, ne, vowels_end) : consonant_coda;
            int nucleus = nucleus_index(sp, ns, ne);
            if (nucleus < 0 || coda == 0 || !(nuclei[nucleus].codas & coda))
                continue;
            syl->medial_start = (uint8_t)rhyme;
            syl->nucleus_start = (uint8_t)ns;
            syl->nucleus_end = (uint8_t)ne;
            if (rhyme_agrees(syl, sp, nucleus, merged_gi) && onset_agrees(syl, sp, merged_gi) &&
                tone_agrees(syl, coda))
                return true;
        }
    }
    return false;
}

static bool parse_onset_and_rhyme(vt_syllable *syl, const spelled *sp)
{
    size_t n = syl->n_letters;
    size_t c = 0;
    while (c < n && !is_vowel(syl->letters[c]))
        c++;
    /* qu and gi take a vowel letter into the onset */
    if (range_is(sp, 0, c, "q")) {
        if (c + 1 >= n || !is_plain(syl->letters[c], 'u'))
            return false;
        syl->onset_end = (uint8_t)(c + 1);
        return parse_rhyme(syl, sp, c + 1, false);
    }
    if (range_is(sp, 0, c, "g") && c < n && is_plain(syl->letters[c], 'i')) {
        syl->onset_end = 2;
        if (n > 2 && parse_rhyme(syl, sp, 2, false))
            return true;
        /* the i of gi doubles as the vowel: gì, gìn, giếng */
        syl->onset_end = 2;
        return parse_rhyme(syl, sp, 1, true);
    }
    bool known = c == 0;
    for (size_t i = 0; i < COUNT(onsets) && !known; i++)
        known = range_is(sp, 0, c, onsets[i]);
    if (!known)
        return false;
    syl->onset_end = (uint8_t)c;
    return parse_rhyme(syl, sp, c, false);
}

/* Decode into letters; false on a non-letter, more than one tone or mixed case. */
static bool decode_letters(const char *s, size_t len, vt_syllable *syl, spelled *sp)
{
    size_t pos = 0, uppers = 0;
    bool first_upper = false;
    syl->n_letters = 0;
    syl->tone = VT_TONE_NGANG;
    sp->offset[0] = 0;
    while (pos < len) {
        vt_letter l;
        int32_t cp = vt_utf8_next(s, len, &pos);
        if (syl->n_letters == VT_SYLLABLE_MAX_LETTERS || !vt_letter_decompose(cp, &l))
            return false;
        if (l.tone != VT_TONE_NGANG) {
            if (syl->tone != VT_TONE_NGANG)
                return false;
            syl->tone = l.tone;
        }
        if (l.upper) {
            uppers++;
            first_upper |= syl->n_letters == 0;
        }
        l.tone = VT_TONE_NGANG;
        l.upper = false;
        size_t at = sp->offset[syl->n_letters];
        at += vt_utf8_encode(vt_letter_compose(l), sp->bytes + at);
        syl->letters[syl->n_letters++] = l;
        sp->offset[syl->n_letters] = (uint8_t)at;
    }
    if (syl->n_letters == 0)
        return false;
    if (uppers == 0)
        syl->case_shape = VT_CASE_LOWER;
    else if (uppers == 1 && first_upper)
        syl->case_shape = VT_CASE_TITLE;
    else if (uppers == syl->n_letters)
        syl->case_shape = VT_CASE_UPPER;
    else
        return false;
    return true;
}

bool vt_syllable_parse(const char *s, size_t len, vt_syllable *out)
{
    vt_syllable syl;
    spelled sp;
    memset(&syl, 0, sizeof syl);
    if (!decode_letters(s, len, &syl, &sp) || !parse_onset_and_rhyme(&syl, &sp))
        return false;
    *out = syl;
    return true;
}

bool vt_syllable_valid(const char *s, size_t len)
{
    vt_syllable syl;
    return vt_syllable_parse(s, len, &syl);
}

size_t vt_syllable_tone_position(const vt_syllable *syl, vt_tone_style style)
{
    size_t ns = syl->nucleus_start, ne = syl->nucleus_end;
    if (ne - ns == 2) {
        /* ia ya ua ưa carry it on the first letter, iê yê uô ươ oo on the second */
        vt_letter second = syl->letters[ns + 1];
        return is_plain(second, 'a') ? ns : ns + 1;
    }
    /* The one point where the styles differ: open oa, oe, uy (hòa / hoà). */
    bool has_medial = syl->medial_start < ns;
    bool open = ne == syl->n_letters;
    vt_letter v = syl->letters[ns];
    if (style == VT_TONE_STYLE_OLD && has_medial && open &&
        (is_plain(v, 'a') || is_plain(v, 'e') || is_plain(v, 'y')))
        return syl->medial_start;
    return ns;
}

size_t vt_syllable_render(const vt_syllable *syl, vt_tone_style style, vt_case_shape shape,
                          char *out)
{
    size_t toned = vt_syllable_tone_position(syl, style);
    size_t len = 0;
    for (size_t i = 0; i < syl->n_letters; i++) {
        vt_letter l = syl->letters[i];
        if (i == toned)
            l.tone = syl->tone;
        l.upper = shape == VT_CASE_UPPER || (shape == VT_CASE_TITLE && i == 0);
        len += vt_utf8_encode(vt_letter_compose(l), out + len);
    }
    out[len] = '\0';
    return len;
}

size_t vt_syllable_key(const vt_syllable *syl, vt_tone_style style, char *out)
{
    return vt_syllable_render(syl, style, VT_CASE_LOWER, out);
}

size_t vt_syllable_skeleton(const vt_syllable *syl, char *out)
{
    size_t i;
    for (i = 0; i < syl->n_letters; i++)
        out[i] = syl->letters[i].base;
    out[i] = '\0';
    return i;
}

size_t vt_word_skeleton(const char *s, size_t len, char *out, size_t cap)
{
    size_t pos = 0, n = 0;
    while (pos < len) {
        int32_t cp = vt_letter_lower(vt_letter_strip(vt_utf8_next(s, len, &pos)));
        char buf[4];
        size_t k = cp < 0 ? 0 : vt_utf8_encode(cp, buf);
        if (n + k + 1 > cap)
            return 0;
        memcpy(out + n, buf, k);
        n += k;
    }
    if (n + 1 > cap)
        return 0;
    out[n] = '\0';
    return n;
}
