/*
 * wordscan.c — keyword matching at word boundaries (see wordscan.h).
 *
 * Case folding is table-free: the Vietnamese letters sit in blocks where upper and
 * lower case follow fixed patterns (Latin-1 +0x20, Latin Extended-A and Extended
 * Additional in even/odd pairs), which is all the parsers need.
 */
#include "wordscan.h"

#include "utf8.h"

int32_t vt_scan_fold(int32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    /* Latin Extended-A: Ă ă, Đ đ, Ĩ ĩ, Ũ ũ … pair as even upper, odd lower here. */
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0)
        return cp + 1;
    if (cp == 0x1A0 || cp == 0x1AF) /* Ơ, Ư */
        return cp + 1;
    if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 0)
        return cp + 1;
    return cp;
}

bool vt_scan_is_letter(int32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
        return true;
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    return (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x300 && cp <= 0x36F);
}

int32_t vt_scan_cp_at(const char *s, size_t len, size_t pos, size_t *next)
{
    size_t p = pos;
    int32_t cp = vt_utf8_next(s, len, &p);
    *next = p;
    return cp;
}

int32_t vt_scan_cp_before(const char *s, size_t pos)
{
    if (pos == 0)
        return -1;
    /* Step back over at most three continuation bytes to the lead byte. */
    size_t start = pos - 1;
    for (int i = 0; i < 3 && start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80; i++)
        start--;
    size_t p = start;
    int32_t cp = vt_utf8_next(s, pos, &p);
    return p == pos ? cp : -1;
}

bool vt_scan_word_start(const char *s, size_t pos)
{
    int32_t prev = vt_scan_cp_before(s, pos);
    return !(vt_scan_is_letter(prev) || (prev >= '0' && prev <= '9'));
}

bool vt_scan_hspace(const char *s, size_t len, size_t pos, size_t *next)
{
    if (pos >= len)
        return false;
    if (s[pos] == ' ' || s[pos] == '\t') {
        *next = pos + 1;
        return true;
    }
    if (pos + 1 < len && (unsigned char)s[pos] == 0xC2 && (unsigned char)s[pos + 1] == 0xA0) {
        *next = pos + 2;
        return true;
    }
    return false;
}

bool vt_scan_word(const char *s, size_t len, size_t pos, const char *word, size_t *end)
{
    size_t wlen = 0;
    while (word[wlen])
        wlen++;
    size_t p = pos, w = 0;
    while (w < wlen) {
        if (p >= len)
            return false;
        if (word[w] == ' ') {
            size_t q;
            if (!vt_scan_hspace(s, len, p, &q))
                return false;
            while (vt_scan_hspace(s, len, q, &q))
                ;
            p = q;
            w++;
            continue;
        }
        size_t pn, wn;
        int32_t a = vt_scan_cp_at(s, len, p, &pn);
        int32_t b = vt_scan_cp_at(word, wlen, w, &wn);
        if (a < 0 || vt_scan_fold(a) != b)
            return false;
        p = pn;
        w = wn;
    }
    if (p < len) {
        size_t q;
        if (vt_scan_is_letter(vt_scan_cp_at(s, len, p, &q)))
            return false;
    }
    *end = p;
    return true;
}

size_t vt_scan_word_map(const char *s, size_t len, size_t pos, char (*map)(int32_t cp),
                        char *buf, size_t cap, size_t *end)
{
    size_t n = 0, kept = 0;
    while (pos < len) {
        size_t next;
        int32_t cp = vt_scan_cp_at(s, len, pos, &next);
        if (!vt_scan_is_letter(cp))
            break;
        char c = map(cp);
        if (c) {
            kept++;
            if (n + 1 < cap)
                buf[n++] = c;
        }
        pos = next;
    }
    buf[n] = '\0';
    *end = pos;
    return kept;
}

size_t vt_scan_skip_blanks(const char *s, size_t len, size_t pos, bool (*also)(char c))
{
    size_t next;
    while (pos < len) {
        if (vt_scan_hspace(s, len, pos, &next))
            pos = next;
        else if (also && also(s[pos]))
            pos++;
        else
            break;
    }
    return pos;
}
