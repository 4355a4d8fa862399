/*
 * fuzz_syllable.c — libFuzzer harness for the syllable parser: parse the input
 * as one syllable and each token of it, and check that a legal syllable renders
 * (in both tone styles and every case) to valid UTF-8 within
 * VT_SYLLABLE_MAX_BYTES that parses back to the same key, and that the word
 * skeleton respects its capacity.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "syllable.h"
#include "token.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rendering(const vt_syllable *syl, vt_tone_style style)
{
    char key[VT_SYLLABLE_MAX_BYTES], out[VT_SYLLABLE_MAX_BYTES], again[VT_SYLLABLE_MAX_BYTES];
    size_t k = vt_syllable_key(syl, style, key);
    if (k >= VT_SYLLABLE_MAX_BYTES || !vt_utf8_valid(key, k))
        abort();
    if (vt_syllable_tone_position(syl, style) >= syl->n_letters)
        abort();
    for (int shape = VT_CASE_LOWER; shape <= VT_CASE_UPPER; shape++) {
        size_t n = vt_syllable_render(syl, style, (vt_case_shape)shape, out);
        vt_syllable back;
        if (n >= VT_SYLLABLE_MAX_BYTES || !vt_utf8_valid(out, n) || !vt_syllable_parse(out, n, &back))
            abort();    /* a legal syllable rendered must stay legal */
        size_t m = vt_syllable_key(&back, style, again);
        if (m != k || memcmp(key, again, k) != 0)
            abort();    /* rendering lost or changed a mark */
    }
}

static void check_one(const char *s, size_t len)
{
    vt_syllable syl;
    if (vt_syllable_parse(s, len, &syl)) {
        if (syl.n_letters == 0 || syl.n_letters > VT_SYLLABLE_MAX_LETTERS
            || syl.nucleus_start >= syl.nucleus_end || syl.nucleus_end > syl.n_letters)
            abort();
        check_rendering(&syl, VT_TONE_STYLE_OLD);
        check_rendering(&syl, VT_TONE_STYLE_NEW);
        char skeleton[VT_SYLLABLE_MAX_BYTES];
        if (vt_syllable_skeleton(&syl, skeleton) >= VT_SYLLABLE_MAX_BYTES)
            abort();
    }
    char small[8];
    size_t n = vt_word_skeleton(s, len, small, sizeof small);
    if (n >= sizeof small || (n > 0 && small[n] != '\0'))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    check_one(text, size);
    size_t pos = 0;
    vt_token tok;
    while (vt_token_next(text, size, &pos, &tok))
        check_one(text + tok.start, tok.end - tok.start);
    return 0;
}
