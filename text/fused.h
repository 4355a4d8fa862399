/*
 * fused.h — two syllables OCR wrote as one word ("QUẢNGNINH" for "QUẢNG NINH").
 */
#ifndef VT_FUSED_H
#define VT_FUSED_H

#include <stddef.h>

#include "lm.h"

/* Where to put the space OCR dropped in s[0..len) (a byte offset inside it), or 0
 * when the word is to stay as it is. The word must be letters only, not itself a
 * syllable, and split into two legal, attested syllables of the same case whose
 * pair the model finds likely. */
size_t vt_fused_split(const vt_lm *lm, const char *s, size_t len);

#endif /* VT_FUSED_H */
