/*
 * cer.c — character error rate of a text against its ground truth, for the
 * end-to-end tests (which must not depend on ../shared/eval/ocreval.py).
 *
 * Both texts are compared as code points after folding every run of white space
 * to one space, as ocreval.py does; NFC is assumed (vanthu emits NFC and the
 * fixtures' ground truth is NFC).
 *
 * usage: vt_cer REF HYP [MAX_PERCENT]   prints "CER 1.23%"; with MAX_PERCENT,
 * exits 1 when the rate is above it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "utf8.h"

typedef struct codepoints {
    int32_t *cp;
    size_t n;
} codepoints;

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (!VT_ARRAY_RESERVE(data, cap, len, 4096, 65536)) {
            free(data);
            fclose(f);
            return NULL;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *size = len;
    return data;
}

static bool is_space_cp(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
        || c == 0xA0;
}

static codepoints fold(const char *s, size_t len)
{
    codepoints out = {malloc((len + 1) * sizeof(int32_t)), 0};
    if (!out.cp)
        return out;
    size_t pos = 0;
    bool pending_space = false;
    while (pos < len) {
        int32_t c = vt_utf8_next(s, len, &pos);
        if (is_space_cp(c)) {
            pending_space = out.n > 0;
            continue;
        }
        if (pending_space)
            out.cp[out.n++] = ' ';
        pending_space = false;
        out.cp[out.n++] = c;
    }
    return out;
}

static size_t levenshtein(const codepoints *a, const codepoints *b)
{
    size_t *row = malloc((b->n + 1) * sizeof *row);
    if (!row)
        return SIZE_MAX;
    for (size_t j = 0; j <= b->n; j++)
        row[j] = j;
    for (size_t i = 1; i <= a->n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b->n; j++) {
            size_t up = row[j];
            size_t best = diag + (a->cp[i - 1] != b->cp[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[b->n];
    free(row);
    return d;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: vt_cer REF HYP [MAX_PERCENT]\n");
        return 2;
    }
    size_t ref_len = 0, hyp_len = 0;
    char *ref = slurp(argv[1], &ref_len);
    char *hyp = slurp(argv[2], &hyp_len);
    if (!ref || !hyp) {
        fprintf(stderr, "vt_cer: cannot read %s\n", ref ? argv[2] : argv[1]);
        free(ref);
        free(hyp);
        return 2;
    }
    codepoints a = fold(ref, ref_len), b = fold(hyp, hyp_len);
    size_t d = levenshtein(&a, &b);
    double cer = a.n ? 100.0 * (double)d / (double)a.n : (b.n ? 100.0 : 0.0);
    printf("CER %.2f%% (%zu edits / %zu chars)\n", cer, d, a.n);
    int status = 0;
    if (argc == 4 && cer > atof(argv[3])) {
        fprintf(stderr, "vt_cer: %s: CER %.2f%% is above the bound %s%%\n", argv[2], cer, argv[3]);
        status = 1;
    }
    free(a.cp);
    free(b.cp);
    free(ref);
    free(hyp);
    return status;
}
