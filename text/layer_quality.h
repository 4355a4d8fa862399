/*
 * layer_quality.h — is a PDF's existing text layer good Vietnamese text, or the
 * garbage an office scanner's built-in OCR leaves behind?
 *
 * Garbage layers seen in real archives lose the diacritics ("UBND THANH PHO DA
 * NANG CONG Hcok xA HQI CHiJ NGHiA") or decode to symbols (legacy fonts without a
 * Unicode map). Two measures separate them from real text: how many words carry
 * a Vietnamese diacritic (real text: about half of all syllables) and how many
 * words are made only of letters of the Vietnamese alphabet.
 */
#ifndef VT_LAYER_QUALITY_H
#define VT_LAYER_QUALITY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vt_layer_quality {
    size_t words;              /* white-space separated tokens with a letter */
    double diacritic_share;    /* of those, the share with a Vietnamese non-ASCII letter */
    double clean_share;        /* the share made only of Vietnamese letters (+ edge punctuation) */
    double symbol_share;       /* non-letter, non-digit, non-punctuation code points, of all */
    bool good;                 /* usable without OCR */
} vt_layer_quality;

vt_layer_quality vt_layer_quality_measure(const char *text, size_t len);

#endif /* VT_LAYER_QUALITY_H */
