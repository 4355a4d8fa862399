/*
 * unicode — bring every word to NFC and drop invisible format characters.
 *
 * The same Vietnamese letter can arrive precomposed (ế), decomposed (e + ̂ + ́) or
 * half-composed (ê + ́, as Windows-1258 and some Word exports write it). Everything
 * after this stage compares strings, so all three must become one form: NFC, as
 * TCVN 6909:2001 and Decree 30 expect. Zero-width spaces, byte-order marks and soft
 * hyphens are invisible in print but break those comparisons, so they go too.
 * Tone-mark placement (hoà/hòa) is not a normalisation question; the diacritics
 * stage handles it.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "stages.h"

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static bool is_invisible_format(UChar32 c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF
        || c == 0x00AD;
}

/* NFC of one UTF-8 string, minus invisible format characters; NULL on failure. */
static char *normalize_utf8(const UNormalizer2 *nfc, const char *text)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len16 = 0;
    u_strFromUTF8WithSub(NULL, 0, &len16, text, -1, 0xFFFD, NULL, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    err = U_ZERO_ERROR;
    UChar *src = malloc(((size_t)len16 + 1) * sizeof *src);
    /* NFC never grows Vietnamese text, but other scripts can expand up to 3x. */
    int32_t cap = len16 * 3 + 1;
    UChar *dst = malloc((size_t)cap * sizeof *dst);
    char *out = NULL;
    if (src && dst) {
        u_strFromUTF8WithSub(src, len16 + 1, NULL, text, -1, 0xFFFD, NULL, &err);
        int32_t n = U_SUCCESS(err) ? unorm2_normalize(nfc, src, len16, dst, cap, &err) : 0;
        if (U_SUCCESS(err)) {
            int32_t kept = 0;
            for (int32_t i = 0; i < n;) {
                int32_t start = i;
                UChar32 c;
                U16_NEXT(dst, i, n, c);
                if (!is_invisible_format(c))
                    for (int32_t k = start; k < i; k++)
                        dst[kept++] = dst[k];
            }
            int32_t len8 = 0;
            u_strToUTF8(NULL, 0, &len8, dst, kept, &err);
            err = U_ZERO_ERROR;
            out = malloc((size_t)len8 + 1);
            if (out)
                u_strToUTF8(out, len8 + 1, NULL, dst, kept, &err);
            if (out && U_FAILURE(err)) {
                free(out);
                out = NULL;
            }
        }
    }
    free(src);
    free(dst);
    return out;
}

/* Alternatives are compared with the word's letters, so they need the same form. */
static vt_status normalize_alternatives(const UNormalizer2 *nfc, vt_word *word)
{
    for (size_t a = 0; a < word->n_alternatives; a++) {
        vt_alternative *alt = &word->alternatives[a];
        if (is_ascii(alt->text))
            continue;
        char *normal = normalize_utf8(nfc, alt->text);
        if (!normal)
            return VT_ERROR;
        /* NFC composes, so the result never outgrows the slot it came from. */
        if (strlen(normal) < sizeof alt->text)
            memcpy(alt->text, normal, strlen(normal) + 1);
        free(normal);
    }
    return VT_OK;
}

static vt_status normalize_line(const UNormalizer2 *nfc, vt_line *line, vt_stage_context *ctx)
{
    for (size_t w = 0; w < line->n_words; w++) {
        vt_word *word = &line->words[w];
        if (is_ascii(word->text))
            continue;   /* ASCII is already NFC and has no format characters */
        char *normal = normalize_utf8(nfc, word->text);
        if (!normal)
            return vt_stage_fail(ctx, "cannot normalise '%s' to NFC", word->text);
        free(word->text);
        word->text = normal;
        if (normalize_alternatives(nfc, word) != VT_OK)
            return vt_stage_fail(ctx, "out of memory");
    }
    return VT_OK;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return vt_stage_fail(ctx, "ICU has no NFC normaliser: %s", u_errorName(err));
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t b = 0; b < doc->pages[p].n_blocks; b++)
            for (size_t l = 0; l < doc->pages[p].blocks[b].n_lines; l++)
                if (normalize_line(nfc, &doc->pages[p].blocks[b].lines[l], ctx) != VT_OK)
                    return VT_ERROR;
    return VT_OK;
}

const vt_stage vt_stage_unicode = {
    .name = "unicode",
    .summary = "normalise text to NFC (ICU) and drop invisible format characters",
    .flags = VT_STAGE_NEEDS_WORDS,
    .run = run,
};
