/*
 * token.h — split a line of text into syllables and everything else.
 *
 * Diacritic repair touches only Vietnamese syllables; numbers, document numbers
 * (88/TB-SYT), abbreviations (UBND), foreign words, e-mails and URLs must pass
 * through untouched, and the language model sees them as class tokens so the
 * context around them survives. Tokens carry byte offsets into the input; nothing
 * is allocated.
 */
#ifndef VT_TOKEN_H
#define VT_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum vt_token_kind {
    VT_TOKEN_SYLLABLE, /* a legal Vietnamese syllable: việc, UBND is not */
    VT_TOKEN_WORD,     /* other letters: abbreviations, foreign words, fused syllables */
    VT_TOKEN_NUMBER,   /* digits with . , / : separators: 1.000, 3,5, 24/11/2015 */
    VT_TOKEN_CODE,     /* letters mixed with digits or joined by / - .: 88/TB-SYT,
                          NĐ-CP, TP.HCM; e-mails; URLs */
    VT_TOKEN_PUNCT,    /* one punctuation or symbol character inside a sentence */
    VT_TOKEN_BREAK,    /* a sentence boundary: newline . ! ? ; : … */
} vt_token_kind;

typedef struct vt_token {
    vt_token_kind kind;
    size_t start, end; /* bytes [start, end) of the input */
} vt_token;

/* The next token at or after *pos in s[0..len); spaces are skipped. Returns false
 * at the end of the text; otherwise fills *tok and moves *pos past it. */
bool vt_token_next(const char *s, size_t len, size_t *pos, vt_token *tok);

#endif /* VT_TOKEN_H */
