/*
 * utf8.c — strict UTF-8 decoding and encoding (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), so invalid input is caught, not passed on.
 */
#include "utf8.h"

int32_t vt_utf8_next(const char *s, size_t len, size_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t left = len - *pos;
    unsigned char c = p[0];
    int32_t cp;
    size_t n;
    if (c < 0x80) {
        *pos += 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        *pos += 1;
        return VT_UTF8_INVALID;
    }
    if (left < n) {
        *pos += 1;
        return VT_UTF8_INVALID;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *pos += 1;
            return VT_UTF8_INVALID;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    static const int32_t min_for_length[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *pos += 1;
        return VT_UTF8_INVALID;
    }
    *pos += n;
    return cp;
}

size_t vt_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool vt_utf8_valid(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len)
        if (vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            return false;
    return true;
}
