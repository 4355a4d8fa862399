/*
 * nfc.c — NFC through ICU's UTF-16 normaliser (see nfc.h). ASCII text, most of
 * what passes, is copied without the round trip.
 */
#include "nfc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "strbuf.h"

static char *copy_ascii(const char *s, size_t len, size_t *out_len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return NULL;
    char *copy = malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
        *out_len = len;
    }
    return copy;
}

char *vt_nfc(const char *s, size_t len, size_t *out_len, char **errmsg)
{
    char *ascii = copy_ascii(s, len, out_len);
    if (ascii != NULL)
        return ascii;
    if (len > INT32_MAX / 2) {
        *errmsg = vt_format("text of %zu bytes is too long to normalise", len);
        return NULL;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t cap16 = (int32_t)len + 1, len16 = 0, norm_len = 0, len8 = 0;
    UChar *src = malloc(sizeof(UChar) * (size_t)cap16);
    UChar *dst = malloc(sizeof(UChar) * (size_t)cap16 * 2);
    char *out = malloc(len * 3 + 4);
    if (src == NULL || dst == NULL || out == NULL) {
        err = U_MEMORY_ALLOCATION_ERROR;
    } else {
        u_strFromUTF8WithSub(src, cap16, &len16, s, (int32_t)len, 0xFFFD, NULL, &err);
        norm_len = U_SUCCESS(err) ? unorm2_normalize(nfc, src, len16, dst, cap16 * 2, &err) : 0;
        if (U_SUCCESS(err))
            u_strToUTF8(out, (int32_t)(len * 3 + 4), &len8, dst, norm_len, &err);
    }
    free(src);
    free(dst);
    if (U_FAILURE(err)) {
        free(out);
        *errmsg = vt_format("NFC normalisation failed: %s", u_errorName(err));
        return NULL;
    }
    out[len8] = '\0';
    *out_len = (size_t)len8;
    return out;
}
