/*
 * fuzz_utf8.c — libFuzzer harness for the UTF-8 primitives and NFC: decoding
 * arbitrary bytes must agree with the validity check, each decoded code point
 * must encode back to the bytes it came from, and vt_nfc must return valid
 * UTF-8 that is already NFC (normalising twice changes nothing).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nfc.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode s code point by code point; true when no sequence was malformed. */
static bool decode_all(const char *s, size_t len)
{
    bool valid = true;
    for (size_t pos = 0; pos < len;) {
        size_t at = pos;
        int32_t cp = vt_utf8_next(s, len, &pos);
        if (pos <= at || pos > len)
            abort();    /* no progress, or read past the end */
        if (cp == VT_UTF8_INVALID) {
            if (pos != at + 1)
                abort();    /* documented: a bad sequence counts one byte */
            valid = false;
            continue;
        }
        char out[4];
        size_t n = vt_utf8_encode(cp, out);
        if (n != pos - at || memcmp(out, s + at, n) != 0)
            abort();    /* what was decoded encodes back to other bytes */
    }
    return valid;
}

/* vt_nfc(s) must be NUL-terminated valid UTF-8 and a fixed point of vt_nfc. */
static void check_nfc(const char *s, size_t len)
{
    size_t n = 0;
    char *err = NULL;
    char *once = vt_nfc(s, len, &n, &err);
    if (!once) {
        free(err);  /* out of memory or an ICU failure: reported, not a crash */
        return;
    }
    if (once[n] != '\0' || !vt_utf8_valid(once, n))
        abort();
    size_t m = 0;
    char *twice = vt_nfc(once, n, &m, &err);
    if (twice && (m != n || memcmp(once, twice, n) != 0))
        abort();    /* NFC is not idempotent */
    if (!twice)
        free(err);
    free(twice);
    free(once);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (decode_all(text, size) != vt_utf8_valid(text, size))
        abort();
    check_nfc(text, size);
    return 0;
}
