/*
 * fuzz_diacritics.c — libFuzzer harness for diacritic repair and restore with
 * the committed syllable model (loaded once, from $VT_FUZZ_MODEL, which run.sh
 * sets to models/vie-syllable.lm).
 *
 * The first byte picks the mode and an OCR confidence for the whole text; the
 * rest is normalised to NFC (the function's contract) and repaired. The
 * invariants are those of tests/unit/test_properties.c: the output is valid
 * UTF-8 and NFC, every repair sits at its offsets in the input, replacing the
 * repaired spans gives exactly the output, and the digits, punctuation and
 * symbols of the input come out unchanged and in order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "diacritics.h"
#include "lm.h"
#include "nfc.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vt_lm *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("VT_FUZZ_MODEL");
    char *err = NULL;
    model = path ? vt_lm_open(path, &err) : NULL;
    if (!model) {   /* a harness, not library code: it may stop the process */
        fprintf(stderr, "fuzz_diacritics: cannot open $VT_FUZZ_MODEL (%s): %s\n",
                path ? path : "unset", err ? err : "not set");
        exit(1);
    }
    return 0;
}

/* Digits, punctuation and symbols: what a repair of letters must never touch
 * (the classes of test_properties.c). */
static bool is_kept_class(int32_t cp)
{
    switch (u_charType(cp)) {
    case U_DECIMAL_DIGIT_NUMBER: case U_OTHER_NUMBER: case U_LETTER_NUMBER:
    case U_CONNECTOR_PUNCTUATION: case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
    case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_CONTROL_CHAR:
        return true;
    default:
        return false;
    }
}

/* True when the kept characters of a and b are the same sequence. */
static bool same_kept(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0, j = 0;
    for (;;) {
        int32_t ca = -1, cb = -1;
        while (i < na && !is_kept_class(ca = vt_utf8_next(a, na, &i)))
            ca = -1;
        while (j < nb && !is_kept_class(cb = vt_utf8_next(b, nb, &j)))
            cb = -1;
        if (ca != cb)
            return false;
        if (ca < 0)
            return true;
    }
}

/* The repairs are in order, at their offsets, and account for every change. */
static void check_repairs(const char *in, size_t len, const vt_diacritics_result *r)
{
    size_t at = 0, out_at = 0;
    for (size_t k = 0; k < r->n_repairs; k++) {
        const vt_repair *p = &r->repairs[k];
        size_t from = strlen(p->from), to = strlen(p->to);
        if (p->start < at || p->start >= p->end || p->end > len || from != p->end - p->start
            || memcmp(in + p->start, p->from, from) != 0 || !(p->score > 0))
            abort();    /* a repair that does not point at its input */
        size_t same = p->start - at;
        if (out_at + same + to > r->len || memcmp(r->text + out_at, in + at, same) != 0
            || memcmp(r->text + out_at + same, p->to, to) != 0)
            abort();    /* the output changed outside the listed repairs */
        out_at += same + to;
        at = p->end;
    }
    if (r->len - out_at != len - at || memcmp(r->text + out_at, in + at, len - at) != 0)
        abort();
}

static bool is_nfc(const char *s, size_t len)
{
    size_t n = 0;
    char *err = NULL;
    char *nfc = vt_nfc(s, len, &n, &err);
    bool same = !nfc || (n == len && memcmp(nfc, s, len) == 0);   /* no memory: no verdict */
    free(nfc);
    free(err);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    vt_diacritics_mode mode = (data[0] & 1) ? VT_DIACRITICS_RESTORE : VT_DIACRITICS_REPAIR;
    size_t len = 0;
    char *err = NULL;
    char *text = vt_nfc((const char *)data + 1, size - 1, &len, &err);
    if (!text) {
        free(err);
        return 0;
    }
    vt_span_confidence whole = {0, len, (float)(data[0] >> 1) / 127.0f};
    vt_diacritics_result r;
    if (!vt_diacritics_apply(model, mode, text, len, (data[0] & 2) ? &whole : NULL, 1, &r, &err)) {
        free(err);
        free(text);
        return 0;
    }
    if (r.text[r.len] != '\0' || !vt_utf8_valid(r.text, r.len) || !is_nfc(r.text, r.len))
        abort();
    check_repairs(text, len, &r);
    if (!same_kept(text, len, r.text, r.len))
        abort();    /* a digit, punctuation mark, symbol or space changed or moved */
    vt_diacritics_result_free(&r);
    free(text);
    return 0;
}
