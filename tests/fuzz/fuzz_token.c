/*
 * fuzz_token.c — libFuzzer harness for the tokeniser (token.c), the token
 * stream with dates and document numbers as one token (token_stream.c) and the
 * keyword scanner (wordscan.c): on arbitrary bytes every token and match must
 * lie inside the input, in order, and the cursors must always move forward.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "token_stream.h"
#include "wordscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_token(const vt_token *tok, size_t size, size_t *last_end)
{
    if (tok->start < *last_end || tok->start >= tok->end || tok->end > size
        || tok->kind > VT_TOKEN_BREAK)
        abort();
    *last_end = tok->end;
}

static void check_tokens(const char *s, size_t size)
{
    size_t pos = 0, last_end = 0;
    vt_token tok;
    while (vt_token_next(s, size, &pos, &tok)) {
        check_token(&tok, size, &last_end);
        if (pos < tok.end || pos > size)
            abort();
    }
}

static void check_stream(const char *s, size_t size)
{
    vt_token_stream ts;
    if (!vt_token_stream_init(&ts, s, size))
        return;     /* out of memory */
    for (size_t i = 0; i < ts.n_units; i++)
        if (ts.units[i].start >= ts.units[i].end || ts.units[i].end > size
            || (i > 0 && ts.units[i].start < ts.units[i - 1].end))
            abort();    /* expressions must be sorted, inside, not overlapping */
    size_t last_end = 0;
    vt_token tok;
    while (vt_token_stream_next(&ts, &tok))
        check_token(&tok, size, &last_end);
    vt_token_stream_free(&ts);
}

static const char *const keywords[] = {"ngày", "tháng", "năm", "số", "kính gửi", "nơi nhận"};

static void check_scanner(const char *s, size_t size)
{
    for (size_t pos = 0; pos < size;) {
        size_t next = 0, end = 0;
        int32_t cp = vt_scan_cp_at(s, size, pos, &next);
        if (next <= pos || next > size)
            abort();
        if (cp >= 0 && vt_scan_cp_before(s, next) != cp)
            abort();    /* forward and backward decoding disagree */
        (void)vt_scan_fold(cp);
        (void)vt_scan_is_letter(cp);
        if (vt_scan_hspace(s, size, pos, &end) && (end <= pos || end > size))
            abort();
        if (vt_scan_word_start(s, pos))
            for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
                if (vt_scan_word(s, size, pos, keywords[k], &end) && (end <= pos || end > size))
                    abort();
        pos = next;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    check_tokens(text, size);
    check_stream(text, size);
    check_scanner(text, size);
    return 0;
}
