/*
 * fuzz_legacy.c — libFuzzer harness for the legacy encoding decoder: detect the
 * encoding of arbitrary bytes (VIQR allowed when the first byte is odd), convert
 * them from every encoding, and check that each output is valid UTF-8 of the
 * stated length, keeps the input's line breaks, and that VT_LEGACY_NONE copies
 * valid UTF-8 unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "legacy.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t count_newlines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    vt_legacy_encoding found = vt_legacy_detect(text, size, size > 0 && (data[0] & 1));
    if (found > VT_LEGACY_VIQR)
        abort();
    size_t newlines = count_newlines(text, size);
    for (int e = VT_LEGACY_NONE; e <= VT_LEGACY_VIQR; e++) {
        size_t n = 0;
        char *out = vt_legacy_to_unicode(text, size, (vt_legacy_encoding)e, &n);
        if (!out)
            continue;   /* out of memory */
        if (out[n] != '\0' || !vt_utf8_valid(out, n) || count_newlines(out, n) != newlines)
            abort();
        if (e == VT_LEGACY_NONE && vt_utf8_valid(text, size) && (n != size || memcmp(out, text, n)))
            abort();
        free(out);
        vt_legacy_score sc = vt_legacy_measure(text, size, (vt_legacy_encoding)e);
        if (sc.changed > sc.words || sc.valid_after > sc.changed || sc.valid_before > sc.changed
            || sc.valid_words > sc.words)
            abort();
    }
    return 0;
}
