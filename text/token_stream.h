/*
 * token_stream.h — tokens (token.h) with every date and document number made one
 * token, however it is spelt.
 *
 * The canonical_forms stage rewrites those expressions after the diacritics stage has
 * chosen its words ("26tháng 7" → "26 tháng 7", "115 JCV-PA83" → "115/CV-PA83",
 * with --dates iso "ngày 26 tháng 7 năm 2020" → "2020-07-26"). If the language
 * model saw their pieces, the words next to them would have one context in the
 * first run and another when the output is read again, and a repair could flip:
 * the output would not be stable. As one class token (a date is a number, a
 * symbol a code) they read the same in every spelling. The trainer reads the
 * corpus through the same stream, so the model's statistics match.
 */
#ifndef VT_TOKEN_STREAM_H
#define VT_TOKEN_STREAM_H
#include <stdbool.h>
#include <stddef.h>

#include "token.h"

typedef struct vt_expression {
    size_t start, end;
    vt_token_kind kind;     /* VT_TOKEN_NUMBER for a date, VT_TOKEN_CODE for a symbol */
} vt_expression;

typedef struct vt_token_stream {
    const char *s;
    size_t len, pos;
    vt_expression *units;   /* owned, sorted, not overlapping */
    size_t n_units, next;
} vt_token_stream;

/* Find the expressions of s[0..len); false when memory ran out. */
bool vt_token_stream_init(vt_token_stream *ts, const char *s, size_t len);
/* The next token, as vt_token_next, an expression as one token. */
bool vt_token_stream_next(vt_token_stream *ts, vt_token *tok);
void vt_token_stream_free(vt_token_stream *ts);

#endif /* VT_TOKEN_STREAM_H */
