/*
 * utf8.h — the few UTF-8 primitives the text stages share.
 *
 * Stages keep text as UTF-8 (the document model's encoding) and decode code points
 * on the fly; ICU is used where real Unicode algorithms are needed (normalisation).
 */
#ifndef VT_UTF8_H
#define VT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VT_UTF8_INVALID (-1)

/* Decode the code point at s[*pos] (s has `len` bytes) and advance *pos past it.
 * Returns VT_UTF8_INVALID (and advances by one byte) on a malformed, overlong or
 * surrogate sequence. */
int32_t vt_utf8_next(const char *s, size_t len, size_t *pos);

/* Encode cp into out (at least 4 bytes); returns the byte count, 0 if cp is invalid. */
size_t vt_utf8_encode(int32_t cp, char *out);

/* True when the whole buffer is well-formed UTF-8. */
bool vt_utf8_valid(const char *s, size_t len);

#endif /* VT_UTF8_H */
