/*
 * bench.c — vt-bench-diacritics: measure diacritic restoration and repair on the
 * held-out corpus split (the files the trainer never saw; corpus.h has the rule).
 *
 *   vt-bench-diacritics MODEL DIR... [--max-bytes N]
 *
 * 1. Restoration: strip every mark, restore, syllable accuracy.
 * 2. OCR-noise repair: corrupt 5% of syllables with the confusions Tesseract
 *    makes (field guide §6.1), repair, share fixed and share of correct syllables
 *    changed.
 * 3. Speed: repair-mode MB/s over clean text, model load time.
 * Syllables are compared by canonical key, so hòa and hoà count as equal, and
 * restoration also as written: the same bytes, capitals and tone place kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "diacritics.h"
#include "strbuf.h"
#include "token.h"
#include "utf8.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint64_t next_random(uint64_t *state) /* xorshift64: fixed seed, same run every time */
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Canonical keys of the syllable tokens of a line ("" for other tokens). */
static size_t line_keys(const char *s, size_t len, char (*keys)[VT_SYLLABLE_MAX_BYTES], size_t cap)
{
    size_t pos = 0, n = 0;
    vt_token tok;
    while (n < cap && vt_token_next(s, len, &pos, &tok)) {
        vt_syllable syl;
        keys[n][0] = '\0';
        size_t tl = tok.end - tok.start;
        if (tok.kind == VT_TOKEN_SYLLABLE && vt_syllable_parse(s + tok.start, tl, &syl))
            vt_syllable_key(&syl, VT_TONE_STYLE_OLD, keys[n]);
        else /* keep other tokens comparable: their text */
            snprintf(keys[n], VT_SYLLABLE_MAX_BYTES, "#%.*s", (int)(tl < 30 ? tl : 30), s + tok.start);
        n++;
    }
    return n;
}

static char *strip_marks(const char *s, size_t len)
{
    vt_strbuf sb = {0};
    size_t pos = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = vt_utf8_next(s, len, &pos);
        char buf[4];
        if (cp < 0)
            vt_strbuf_append(&sb, s + at, pos - at);
        else
            vt_strbuf_append(&sb, buf, vt_utf8_encode(vt_letter_strip(cp), buf));
    }
    return vt_strbuf_take(&sb);
}

/* One realistic OCR diacritic error for a syllable, or false if none applies. */
static bool corrupt(const vt_syllable *in, uint64_t *rng, vt_syllable *out)
{
    bool circumflex = false;
    for (size_t i = 0; i < in->n_letters; i++)
        circumflex |= in->letters[i].mark == VT_MARK_CIRCUMFLEX;
    vt_tone options[8];
    int n = 0;
    vt_tone t = in->tone;
    if (circumflex && t == VT_TONE_SAC) { options[n++] = VT_TONE_HOI; options[n++] = VT_TONE_HUYEN; }
    if (circumflex && t == VT_TONE_HOI) options[n++] = VT_TONE_SAC;
    if (circumflex && t == VT_TONE_HUYEN) options[n++] = VT_TONE_SAC;
    if (t == VT_TONE_NANG) options[n++] = VT_TONE_NGANG;  /* lost dot below */
    if (t == VT_TONE_NGANG) options[n++] = VT_TONE_NANG;  /* spurious dot */
    if (t == VT_TONE_HOI) options[n++] = VT_TONE_NGA;
    if (t == VT_TONE_NGA) options[n++] = VT_TONE_HOI;
    if (in->case_shape != VT_CASE_LOWER && t != VT_TONE_NGANG) options[n++] = VT_TONE_NGANG;
    if (n == 0)
        return false;
    *out = *in;
    out->tone = options[next_random(rng) % (uint64_t)n];
    return true;
}

typedef struct figures {
    size_t restore_total, restore_correct;
    size_t written_correct, written_case, written_style; /* as written; of the rest: case only, tone place only */
    size_t noise_injected, noise_fixed, clean_total, clean_changed;
    double repair_bytes, repair_seconds;
} figures;

/* Corrupt ~5% of the syllables of a line; marks which token indexes changed. */
static char *add_noise(const char *s, size_t len, uint64_t *rng, bool *hit, size_t cap, size_t *injected)
{
    vt_strbuf sb = {0};
    size_t pos = 0, copied = 0, n = 0;
    vt_token tok;
    while (n < cap && vt_token_next(s, len, &pos, &tok)) {
        vt_syllable syl, bad;
        hit[n] = false;
        if (tok.kind == VT_TOKEN_SYLLABLE && next_random(rng) % 100 < 5 &&
            vt_syllable_parse(s + tok.start, tok.end - tok.start, &syl) && corrupt(&syl, rng, &bad)) {
            char text[VT_SYLLABLE_MAX_BYTES];
            vt_syllable_render(&bad, VT_TONE_STYLE_OLD, syl.case_shape, text);
            vt_strbuf_append(&sb, s + copied, tok.start - copied);
            vt_strbuf_puts(&sb, text);
            copied = tok.end;
            hit[n] = true;
            (*injected)++;
        }
        n++;
    }
    vt_strbuf_append(&sb, s + copied, len - copied);
    return vt_strbuf_take(&sb);
}

#define MAX_TOKENS 4096

/* Lower-case canonical key of one syllable token, or "" if it is none. */
static void folded_key(const char *s, size_t len, char key[VT_SYLLABLE_MAX_BYTES])
{
    vt_syllable syl;
    key[0] = '\0';
    if (vt_syllable_parse(s, len, &syl)) {
        syl.case_shape = VT_CASE_LOWER;
        vt_syllable_key(&syl, VT_TONE_STYLE_OLD, key);
    }
}

/* The "as written": a restored syllable counts only if its bytes equal
 * the original's (capitals and the tone's place kept). A miss is put down to
 * case alone or to the tone's place alone when the rest agrees. */
static void compare_as_written(const char *want, size_t want_len, const char *got, size_t got_len, figures *f)
{
    size_t pw = 0, pg = 0;
    vt_token tw, tg;
    while (vt_token_next(want, want_len, &pw, &tw) && vt_token_next(got, got_len, &pg, &tg)) {
        if (tw.kind != VT_TOKEN_SYLLABLE)
            continue;
        size_t lw = tw.end - tw.start, lg = tg.end - tg.start;
        const char *a = want + tw.start, *b = got + tg.start;
        if (lw == lg && memcmp(a, b, lw) == 0) {
            f->written_correct++;
            continue;
        }
        vt_syllable sa, sb;
        char ka[VT_SYLLABLE_MAX_BYTES], kb[VT_SYLLABLE_MAX_BYTES];
        if (!vt_syllable_parse(a, lw, &sa) || !vt_syllable_parse(b, lg, &sb))
            continue;
        vt_syllable_key(&sa, VT_TONE_STYLE_OLD, ka);
        vt_syllable_key(&sb, VT_TONE_STYLE_OLD, kb);
        if (strcmp(ka, kb) == 0) {
            f->written_style++;
            continue;
        }
        folded_key(a, lw, ka);
        folded_key(b, lg, kb);
        if (strcmp(ka, kb) == 0)
            f->written_case++;
        if (getenv("VT_BENCH_SHOW") != NULL)
            fprintf(stderr, "%.*s -> %.*s\n", (int)lw, a, (int)lg, b);
    }
}

static void bench_line(const vt_lm *lm, const char *s, size_t len, uint64_t *rng, figures *f)
{
    static char want[MAX_TOKENS][VT_SYLLABLE_MAX_BYTES], got[MAX_TOKENS][VT_SYLLABLE_MAX_BYTES];
    static bool hit[MAX_TOKENS];
    size_t n = line_keys(s, len, want, MAX_TOKENS);
    vt_diacritics_result r;
    char *err = NULL;

    char *bare = strip_marks(s, len);
    if (bare != NULL && vt_diacritics_apply(lm, VT_DIACRITICS_RESTORE, bare, strlen(bare), NULL, 0, &r, &err)) {
        size_t m = line_keys(r.text, r.len, got, MAX_TOKENS);
        for (size_t i = 0; i < n; i++)
            if (want[i][0] != '#') {
                f->restore_total++;
                f->restore_correct += m == n && strcmp(want[i], got[i]) == 0;
            }
        if (m == n)
            compare_as_written(s, len, r.text, r.len, f);
        vt_diacritics_result_free(&r);
    }
    free(bare);
    free(err);
    err = NULL;

    size_t injected = 0;
    char *noisy = add_noise(s, len, rng, hit, MAX_TOKENS, &injected);
    double t0 = now();
    if (noisy != NULL && vt_diacritics_apply(lm, VT_DIACRITICS_REPAIR, noisy, strlen(noisy), NULL, 0, &r, &err)) {
        f->repair_seconds += now() - t0;
        f->repair_bytes += (double)strlen(noisy);
        size_t m = line_keys(r.text, r.len, got, MAX_TOKENS);
        for (size_t i = 0; i < n && m == n; i++) {
            if (want[i][0] == '#')
                continue;
            if (hit[i]) {
                f->noise_injected++;
                f->noise_fixed += strcmp(want[i], got[i]) == 0;
            } else {
                f->clean_total++;
                f->clean_changed += strcmp(want[i], got[i]) != 0;
            }
        }
        vt_diacritics_result_free(&r);
    }
    free(noisy);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: vt-bench-diacritics MODEL DIR... [--max-bytes N]\n");
        return 2;
    }
    size_t max_bytes = SIZE_MAX;
    vt_corpus_files files = {0};
    char *err = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--max-bytes") && i + 1 < argc)
            max_bytes = (size_t)strtoull(argv[++i], NULL, 10);
        else if (!vt_corpus_list(argv[i], 10, true, &files, &err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    }
    double t0 = now();
    vt_lm *lm = vt_lm_open(argv[1], &err);
    double load_ms = (now() - t0) * 1000;
    if (lm == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    figures f = {0};
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    size_t bytes = 0;
    for (size_t i = 0; i < files.count && bytes < max_bytes; i++) {
        size_t len;
        char *text = vt_corpus_read(files.paths[i], &len, &err);
        if (text == NULL) {
            fprintf(stderr, "%s\n", err);
            free(err);
            err = NULL;
            continue;
        }
        for (char *line = text, *nl; line < text + len; line = nl + 1) {
            nl = memchr(line, '\n', (size_t)(text + len - line));
            if (nl == NULL)
                nl = text + len;
            bench_line(lm, line, (size_t)(nl - line), &rng, &f);
        }
        bytes += len;
        free(text);
    }
    printf("held-out text:        %zu files, %.1f MB\n", files.count, (double)bytes / 1e6);
    printf("model load:           %.1f ms\n", load_ms);
    printf("restoration accuracy: %.2f%% of %zu syllables\n",
           100.0 * (double)f.restore_correct / (double)(f.restore_total ? f.restore_total : 1), f.restore_total);
    printf("  as written:         %.2f%% (of the misses: %zu capitals only, %zu tone place only)\n",
           100.0 * (double)f.written_correct / (double)(f.restore_total ? f.restore_total : 1),
           f.written_case, f.written_style);
    printf("noise repair:         %.1f%% of %zu injected errors fixed\n",
           100.0 * (double)f.noise_fixed / (double)(f.noise_injected ? f.noise_injected : 1), f.noise_injected);
    printf("false changes:        %.3f%% of %zu correct syllables\n",
           100.0 * (double)f.clean_changed / (double)(f.clean_total ? f.clean_total : 1), f.clean_total);
    printf("repair speed:         %.2f MB/s (one core)\n", f.repair_bytes / 1e6 / f.repair_seconds);
    vt_lm_close(lm);
    vt_corpus_files_free(&files);
    return 0;
}
