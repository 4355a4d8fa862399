/*
 * diacritics.h — repair or restore Vietnamese tone and vowel marks with the
 * syllable language model.
 *
 * A pure function over one piece of text (a line or a sentence at a time works
 * best): every syllable may become any attested syllable with the same base
 * letters (all tone and vowel-mark variants, d/đ), and a beam search over each
 * sentence picks the sequence that the 4-gram model and a channel model like
 * best. The channel model makes keeping the input cheap and changing it
 * expensive, more so the more confident the OCR was; in restore mode the input
 * carries no marks, so all variants compete freely. Numbers, codes (88/TB-SYT),
 * abbreviations, foreign words, e-mails and URLs are never touched; case is kept
 * (ĐỀN → ĐẾN, Y → Ý). Replacements are written in the model's tone style.
 */
#ifndef VT_DIACRITICS_H
#define VT_DIACRITICS_H

#include <stdbool.h>
#include <stddef.h>

#include "lm.h"

typedef enum vt_diacritics_mode {
    VT_DIACRITICS_REPAIR,  /* OCR output: change only what the evidence demands */
    VT_DIACRITICS_RESTORE, /* text without marks: choose every syllable's marks */
} vt_diacritics_mode;

/* OCR confidence (0..1) of the words in bytes [start, end) of the input. */
typedef struct vt_span_confidence {
    size_t start, end;
    float confidence;
} vt_span_confidence;

/* Another reading OCR considered for one letter: bytes [start, end) of the input
 * (one letter) could also be `text`, with this confidence (0..1). Tesseract's
 * per-symbol alternatives: "tinh" with ỉ considered for the i makes "tỉnh" a
 * cheaper change than the other variants of "tinh". */
typedef struct vt_letter_hint {
    size_t start, end;
    char text[12];
    float confidence;
} vt_letter_hint;

typedef struct vt_repair {
    size_t start, end; /* bytes of the input that were replaced */
    char from[VT_SYLLABLE_MAX_BYTES];
    char to[VT_SYLLABLE_MAX_BYTES];
    double score;      /* log10 evidence for the change (> 0), context included */
} vt_repair;

typedef struct vt_diacritics_result {
    char *text; /* the repaired text, NUL-terminated */
    size_t len;
    vt_repair *repairs;
    size_t n_repairs;
} vt_diacritics_result;

/* Repair or restore text[0..len) (UTF-8, NFC). confidences (sorted by start, may
 * be NULL) give OCR word confidences. On success fills *out (free it with
 * vt_diacritics_result_free); false with a malloc'd *errmsg otherwise. */
bool vt_diacritics_apply(const vt_lm *lm, vt_diacritics_mode mode, const char *text, size_t len,
                         const vt_span_confidence *confidences, size_t n_confidences,
                         vt_diacritics_result *out, char **errmsg);

/* The same, with OCR's letter alternatives (sorted by start, may be NULL): a
 * syllable they spell is a cheaper change, and one with other base letters
 * becomes a candidate at all. */
bool vt_diacritics_apply_ocr(const vt_lm *lm, vt_diacritics_mode mode, const char *text,
                             size_t len, const vt_span_confidence *confidences,
                             size_t n_confidences, const vt_letter_hint *hints, size_t n_hints,
                             vt_diacritics_result *out, char **errmsg);

void vt_diacritics_result_free(vt_diacritics_result *result);

#endif /* VT_DIACRITICS_H */
