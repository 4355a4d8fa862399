/*
 * token.c — the tokeniser (see token.h).
 *
 * Text is cut at spaces into chunks; inside a chunk the "core" is a run of
 * letters and digits with single joiners between them (/ - . , _ & ' ’ :), so
 * 88/TB-SYT, 1.000 and TP.HCM stay whole while "nhau." loses its full stop. A core
 * whose parts are all legal syllables (Hà-Nội, nhau,tiếp) is split back into them,
 * because a joiner between syllables is a typo or a style, not a code.
 */
#include "token.h"

#include <string.h>

#include "syllable.h"
#include "utf8.h"
#include "vnchar.h"

typedef enum char_class { CH_SPACE, CH_NEWLINE, CH_LETTER, CH_DIGIT, CH_JOINER, CH_STOP, CH_OTHER } char_class;

static char_class classify(int32_t cp)
{
    vt_letter l;
    if (cp == '\n')
        return CH_NEWLINE;
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
        (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 || cp == 0xFEFF)
        return CH_SPACE;
    if (cp >= '0' && cp <= '9')
        return CH_DIGIT;
    if (cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == 0x2026)
        return cp == '.' || cp == ':' ? CH_JOINER : CH_STOP;
    if (cp == '/' || cp == '-' || cp == ',' || cp == '_' || cp == '&' || cp == '\'' || cp == 0x2019)
        return CH_JOINER;
    if (vt_letter_decompose(cp, &l))
        return CH_LETTER;
    /* Other letters (ö, ß, combining marks) stay inside words so a foreign word or
     * decomposed text is one token, not a spray of symbols. */
    if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
        !(cp >= 0x3000 && cp <= 0x303F) && cp != 0xFFFD)
        return CH_LETTER;
    return CH_OTHER;
}

static bool is_sentence_end(int32_t cp)
{
    return cp == '\n' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == 0x2026;
}

static int32_t peek(const char *s, size_t len, size_t pos, size_t *next)
{
    *next = pos;
    return vt_utf8_next(s, len, next);
}

static bool starts_with_nocase(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != prefix[i])
            return false;
    }
    return true;
}

/* End of a URL (up to a space, minus trailing punctuation) starting at pos. */
static size_t url_end(const char *s, size_t len, size_t pos)
{
    size_t end = pos, next;
    while (end < len && classify(peek(s, len, end, &next)) != CH_SPACE &&
           classify(peek(s, len, end, &next)) != CH_NEWLINE)
        end = next;
    while (end > pos && strchr(".,;:!?)\"'", s[end - 1]) != NULL)
        end--;
    return end;
}

/* End of an e-mail address starting at pos, or pos when there is none. */
static size_t email_end(const char *s, size_t len, size_t pos)
{
    size_t end = pos;
    bool at = false;
    while (end < len) {
        unsigned char c = (unsigned char)s[end];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr("._-+%@", c) != NULL;
        if (!ok || c == 0)
            break;
        at |= c == '@';
        end++;
    }
    while (end > pos && (s[end - 1] == '.' || s[end - 1] == '-'))
        end--;
    if (!at || s[pos] == '@' || s[end - 1] == '@')
        return pos;
    return end;
}

typedef struct core_info {
    size_t end;
    size_t first_part_end; /* end of the first joiner-free part */
    bool letters, digits, joined;
    bool only_number_joiners; /* every joiner is . , / : (1.000, 24/11/2015, 10:30) */
} core_info;

/* The run of letters/digits with single joiners between them, starting at pos. */
static core_info scan_core(const char *s, size_t len, size_t pos)
{
    core_info c = {pos, 0, false, false, false, true};
    size_t at = pos, next;
    while (at < len) {
        int32_t cp = peek(s, len, at, &next);
        char_class k = classify(cp);
        if (k == CH_LETTER || k == CH_DIGIT) {
            c.letters |= k == CH_LETTER;
            c.digits |= k == CH_DIGIT;
            at = next;
            c.end = at;
            continue;
        }
        if (k != CH_JOINER || next >= len)
            break;
        size_t after;
        char_class k2 = classify(peek(s, len, next, &after));
        if (k2 != CH_LETTER && k2 != CH_DIGIT)
            break;
        if (!c.joined)
            c.first_part_end = at;
        c.joined = true;
        c.only_number_joiners &= cp == '.' || cp == ',' || cp == '/' || cp == ':';
        at = next;
    }
    if (!c.joined)
        c.first_part_end = c.end;
    return c;
}

/* True when every joiner-separated part of s[pos, end) is a legal syllable. */
static bool parts_are_syllables(const char *s, size_t pos, size_t end)
{
    size_t part = pos, at = pos, next;
    while (at <= end) {
        bool boundary = at == end;
        if (!boundary) {
            int32_t cp = peek(s, end, at, &next);
            boundary = classify(cp) == CH_JOINER;
        }
        if (boundary) {
            if (!vt_syllable_valid(s + part, at - part))
                return false;
            if (at == end)
                return true;
            part = next;
            at = next;
        } else {
            at = next;
        }
    }
    return true;
}

static vt_token_kind classify_core(const char *s, size_t pos, const core_info *c, size_t *end)
{
    *end = c->end;
    if (!c->letters)
        return c->only_number_joiners ? VT_TOKEN_NUMBER : VT_TOKEN_CODE;
    if (c->digits)
        return VT_TOKEN_CODE;
    if (!c->joined)
        return vt_syllable_valid(s + pos, c->end - pos) ? VT_TOKEN_SYLLABLE : VT_TOKEN_WORD;
    if (parts_are_syllables(s, pos, c->end)) {
        *end = c->first_part_end;
        return VT_TOKEN_SYLLABLE;
    }
    return VT_TOKEN_CODE;
}

bool vt_token_next(const char *s, size_t len, size_t *pos, vt_token *tok)
{
    size_t at = *pos, next;
    int32_t cp = 0;
    while (at < len && classify(cp = peek(s, len, at, &next)) == CH_SPACE)
        at = next;
    if (at >= len) {
        *pos = len;
        return false;
    }
    tok->start = at;
    char_class k = classify(cp);
    if (starts_with_nocase(s + at, len - at, "http://") || starts_with_nocase(s + at, len - at, "https://") ||
        starts_with_nocase(s + at, len - at, "www.")) {
        tok->kind = VT_TOKEN_CODE;
        tok->end = url_end(s, len, at);
    } else if (k == CH_LETTER || k == CH_DIGIT) {
        size_t email = email_end(s, len, at);
        if (email > at) {
            tok->kind = VT_TOKEN_CODE;
            tok->end = email;
        } else {
            core_info c = scan_core(s, len, at);
            tok->kind = classify_core(s, at, &c, &tok->end);
        }
    } else {
        tok->kind = is_sentence_end(cp) ? VT_TOKEN_BREAK : VT_TOKEN_PUNCT;
        tok->end = next;
    }
    *pos = tok->end;
    return true;
}
