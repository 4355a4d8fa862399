/*
 * diacritics — repair Vietnamese tone and vowel marks that OCR got wrong, with the
 * syllable language model (models/vie-syllable.lm, text/diacritics.h).
 *
 * Works block by block: the lines of a block are one text, so a sentence wrapped
 * onto the next line keeps its 4-gram context across the wrap ("mua" / "sắm").
 * OCR word confidences go to the channel model, so a confident reading is hard to
 * overturn. A changed word keeps its former text (repaired_from) and the evidence
 * for the change; compose turns them into the JSON `repairs` with their place in the
 * text. The model is opened once per session (mmap, ~20 ms) and is read-only.
 *
 * --diacritics restore is for text typed without marks: every syllable's marks
 * are chosen by the model. --tone-style then writes every open oa/oe/uy syllable
 * in one style (hòa or hoà), so search finds one spelling; those rewrites are
 * repairs too, with score 0, since they change a spelling and not a reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "diacritics.h"
#include "fused.h"
#include "model_path.h"
#include "seal_output.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "strbuf.h"
#include "syllable.h"
#include "token.h"
#include "utf8.h"

static void close_model(void *lm)
{
    vt_lm_close(lm);
}

static vt_lm *session_model(vt_stage_context *ctx)
{
    vt_lm *lm = vt_stage_context_resource(ctx, &vt_stage_diacritics);
    if (lm)
        return lm;
    char *path = vt_model_path(vt_stage_context_options(ctx)->model_dir, "vie-syllable.lm");
    char *err = NULL;
    lm = path ? vt_lm_open(path, &err) : NULL;
    if (!lm) {
        vt_stage_fail(ctx, "cannot load the language model %s: %s (name its folder: vanthu "
                           "--model-dir DIR, $VANTHU_MODEL_DIR, the model_dir option; or "
                           "--skip diacritics)", path ? path : "", err ? err : "out of memory");
    } else if (!vt_stage_context_keep(ctx, &vt_stage_diacritics, lm, close_model)) {
        vt_lm_close(lm);
        lm = NULL;
        vt_stage_fail(ctx, "too many per-session resources");
    }
    free(path);
    free(err);
    return lm;
}

/* Give word `w` a new text (taken over). The first text is kept as repaired_from:
 * what OCR said, however many repairs follow. */
static void replace_text(vt_word *w, char *text)
{
    if (!w->repaired_from) {
        w->repaired_from = w->text;
        w->repaired_by = "diacritics";
    } else
        free(w->text);
    w->text = text;
}

/* Give word `w` (starting at byte `at` of the line) its repaired text. */
static bool apply_to_word(vt_word *w, size_t at, const vt_repair *r)
{
    size_t len = strlen(w->text);
    if (r->start < at || r->end > at + len)
        return true;          /* not inside one word: leave it */
    vt_strbuf sb = {0};
    vt_strbuf_append(&sb, w->text, r->start - at);
    vt_strbuf_puts(&sb, r->to);
    vt_strbuf_puts(&sb, w->text + (r->end - at));
    char *repaired = vt_strbuf_take(&sb);
    if (!repaired)
        return false;
    replace_text(w, repaired);
    w->repair_score += r->score;
    return true;
}

/* Byte span of code point number `index` in s; false when s is shorter. */
static bool symbol_span(const char *s, unsigned index, size_t *start, size_t *end)
{
    size_t len = strlen(s), pos = 0;
    for (unsigned i = 0; pos < len; i++) {
        size_t at = pos;
        if (vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            return false;
        if (i == index) {
            *start = at;
            *end = pos;
            return true;
        }
    }
    return false;
}

/* OCR's per-symbol alternatives of a word, as letter hints at offset `at`. */
static bool add_hints(const vt_word *word, size_t at, vt_letter_hint **hints, size_t *n,
                      size_t *cap)
{
    for (size_t a = 0; a < word->n_alternatives; a++) {
        const vt_alternative *alt = &word->alternatives[a];
        size_t start, end;
        if (!symbol_span(word->text, alt->symbol, &start, &end))
            continue;
        if (!VT_ARRAY_RESERVE(*hints, *cap, *n, 1, 16))
            return false;
        vt_letter_hint *h = &(*hints)[(*n)++];
        *h = (vt_letter_hint){.start = at + start, .end = at + end,
                              .confidence = alt->confidence / 100.0f};
        snprintf(h->text, sizeof h->text, "%s", alt->text);
    }
    return true;
}

static int hint_order(const void *x, const void *y)
{
    const vt_letter_hint *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The words of a block in reading order, with where each starts in its text. */
typedef struct block_words {
    vt_word **words;
    size_t *starts;
    size_t n;
} block_words;

/* A block's text: words joined by spaces, lines by newlines (the repair reads a
 * sentence across a line wrap), with confidences and OCR letter hints. */
static char *block_text(vt_block *block, vt_diacritics_mode mode, block_words *bw,
                        vt_span_confidence *conf, size_t *n_conf, vt_letter_hint **hints,
                        size_t *n_hints)
{
    vt_strbuf sb = {0};
    size_t cap_hints = 0;
    bool ok = true;
    for (size_t l = 0; l < block->n_lines && ok; l++)
        for (size_t i = 0; i < block->lines[l].n_words && ok; i++) {
            vt_word *word = &block->lines[l].words[i];
            if (bw->n > 0)
                vt_strbuf_putc(&sb, i == 0 ? '\n' : ' ');
            bw->words[bw->n] = word;
            bw->starts[bw->n++] = sb.len;
            vt_strbuf_puts(&sb, word->text);
            if (word->confidence >= 0)
                conf[(*n_conf)++] = (vt_span_confidence){sb.len - strlen(word->text), sb.len,
                                                         word->confidence / 100.0f};
            if (mode == VT_DIACRITICS_REPAIR)
                ok = add_hints(word, bw->starts[bw->n - 1], hints, n_hints, &cap_hints);
        }
    if (*n_hints > 1)
        qsort(*hints, *n_hints, sizeof **hints, hint_order);
    char *text = vt_strbuf_take(&sb);
    vt_strbuf_free(&sb);
    if (!ok) {
        free(text);
        return NULL;
    }
    return text;
}

static vt_status repair_block(const vt_lm *lm, vt_diacritics_mode mode, vt_block *block,
                              vt_stage_context *ctx)
{
    size_t n_words = 0;
    for (size_t l = 0; l < block->n_lines; l++)
        n_words += block->lines[l].n_words;
    if (n_words == 0)
        return VT_OK;
    block_words bw = {malloc(n_words * sizeof *bw.words), malloc(n_words * sizeof *bw.starts), 0};
    vt_span_confidence *conf = malloc(n_words * sizeof *conf);
    size_t n_conf = 0, n_hints = 0;
    vt_letter_hint *hints = NULL;
    char *text = bw.words && bw.starts && conf
                     ? block_text(block, mode, &bw, conf, &n_conf, &hints, &n_hints)
                     : NULL;
    vt_diacritics_result result = {0};
    char *err = NULL;
    bool ok = text && vt_diacritics_apply_ocr(lm, mode, text, strlen(text), n_conf ? conf : NULL,
                                              n_conf, hints, n_hints, &result, &err);
    /* Repairs come in text order and index the block text as it was. Applied last
     * first, a repair never moves the bytes an earlier one of the same word
     * ("bo/nganh" → "bộ/ngành") points at. */
    for (size_t r = result.n_repairs, w = bw.n ? bw.n - 1 : 0; ok && r-- > 0;) {
        while (w > 0 && bw.starts[w] > result.repairs[r].start)
            w--;
        ok = apply_to_word(bw.words[w], bw.starts[w], &result.repairs[r]);
    }
    vt_status status = ok ? VT_OK : vt_stage_fail(ctx, "%s", err ? err : "out of memory");
    vt_diacritics_result_free(&result);
    free(err);
    free(text);
    free(bw.words);
    free(bw.starts);
    free(conf);
    free(hints);
    return status;
}

/* The word with the space OCR dropped between two syllables put back
 * ("QUẢNGNINH," → "QUẢNG NINH,"); NULL when it needs none (or memory ran out:
 * *failed). The word stays one word in the model, its text now two. */
static char *unfused(const vt_lm *lm, const char *text, bool *failed)
{
    size_t len = strlen(text), pos = 0, copied = 0;
    vt_strbuf sb = {0};
    vt_token tok;
    while (vt_token_next(text, len, &pos, &tok)) {
        size_t split = tok.kind == VT_TOKEN_WORD
                           ? vt_fused_split(lm, text + tok.start, tok.end - tok.start)
                           : 0;
        if (split == 0)
            continue;
        vt_strbuf_append(&sb, text + copied, tok.start + split - copied);
        vt_strbuf_putc(&sb, ' ');
        copied = tok.start + split;
    }
    if (copied == 0) {
        vt_strbuf_free(&sb);
        return NULL;
    }
    vt_strbuf_append(&sb, text + copied, len - copied);
    char *result = vt_strbuf_take(&sb);
    *failed = result == NULL;
    return result;
}

static bool unfuse_block(const vt_lm *lm, vt_block *block)
{
    for (size_t l = 0; l < block->n_lines; l++)
        for (size_t i = 0; i < block->lines[l].n_words; i++) {
            vt_word *w = &block->lines[l].words[i];
            bool failed = false;
            char *text = unfused(lm, w->text, &failed);
            if (failed)
                return false;
            if (text)
                replace_text(w, text);
        }
    return true;
}

/* The word with its open oa/oe/uy syllables written in `style`; NULL when it
 * needs no change (or memory ran out: *failed). */
static char *restyled(const char *text, vt_tone_style style, bool *failed)
{
    size_t len = strlen(text), pos = 0, copied = 0;
    vt_strbuf sb = {0};
    bool changed = false;
    vt_token tok;
    while (vt_token_next(text, len, &pos, &tok)) {
        vt_syllable syl;
        char out[VT_SYLLABLE_MAX_BYTES];
        if (tok.kind != VT_TOKEN_SYLLABLE ||
            !vt_syllable_parse(text + tok.start, tok.end - tok.start, &syl))
            continue;
        size_t n = vt_syllable_render(&syl, style, syl.case_shape, out);
        if (n == tok.end - tok.start && memcmp(out, text + tok.start, n) == 0)
            continue;
        vt_strbuf_append(&sb, text + copied, tok.start - copied);
        vt_strbuf_append(&sb, out, n);
        copied = tok.end;
        changed = true;
    }
    if (!changed) {
        vt_strbuf_free(&sb);
        return NULL;
    }
    vt_strbuf_append(&sb, text + copied, len - copied);
    char *result = vt_strbuf_take(&sb);
    *failed = result == NULL;
    return result;
}

static bool restyle_line(vt_line *line, vt_tone_style style)
{
    for (size_t i = 0; i < line->n_words; i++) {
        vt_word *w = &line->words[i];
        bool failed = false;
        char *text = restyled(w->text, style, &failed);
        if (failed)
            return false;
        if (text)
            replace_text(w, text);
    }
    return true;
}

/* Repair a name held outside the text (*name replaced; kept in JSON only, so no
 * repair record): a seal's ring text, read off a curve, and the receipt stamp's
 * organisation, read off small and often faded ink, have the marks likeliest
 * to go wrong ("UBND TÍNH LẠNG SƠN", "KIẾM SOÁT BỆNH TÂT"); the model repairs
 * them like a line of the text. */
static vt_status repair_name(const vt_lm *lm, char **name, vt_stage_context *ctx)
{
    if (!*name)
        return VT_OK;
    vt_diacritics_result result;
    char *error = NULL;
    if (!vt_diacritics_apply(lm, VT_DIACRITICS_REPAIR, *name, strlen(*name), NULL, 0, &result,
                             &error)) {
        vt_status status = vt_stage_fail(ctx, "%s", error ? error : "out of memory");
        free(error);
        return status;
    }
    free(*name);
    *name = result.text;
    result.text = NULL;
    vt_diacritics_result_free(&result);
    return VT_OK;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    const vt_options *opt = vt_stage_context_options(ctx);
    if (opt->diacritics == VT_MARKS_OFF)
        return VT_OK;
    vt_diacritics_mode mode =
        opt->diacritics == VT_MARKS_RESTORE ? VT_DIACRITICS_RESTORE : VT_DIACRITICS_REPAIR;
    bool restyle = opt->tone_style != VT_TONE_KEEP;
    vt_tone_style style = opt->tone_style == VT_TONE_NEW ? VT_TONE_STYLE_NEW : VT_TONE_STYLE_OLD;
    vt_lm *lm = session_model(ctx);
    if (!lm)
        return VT_ERROR;
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t b = 0; b < doc->pages[p].n_blocks; b++) {
            vt_block *block = &doc->pages[p].blocks[b];
            if (block->kind != VT_BLOCK_TEXT)
                continue;
            if (mode == VT_DIACRITICS_REPAIR && !unfuse_block(lm, block))
                return vt_stage_fail(ctx, "out of memory");
            if (repair_block(lm, mode, block, ctx) != VT_OK)
                return VT_ERROR;
            for (size_t l = 0; l < block->n_lines && restyle; l++)
                if (!restyle_line(&block->lines[l], style))
                    return vt_stage_fail(ctx, "out of memory");
        }
    if (mode != VT_DIACRITICS_REPAIR)
        return VT_OK;
    vt_receipt_stamp *stamp = vt_document_receipt_stamp(doc);
    if (stamp && repair_name(lm, &stamp->org, ctx) != VT_OK)
        return VT_ERROR;
    vt_seal_list *seals = vt_document_seals(doc);
    for (size_t i = 0; seals && i < seals->count; i++)
        if (repair_name(lm, &seals->items[i].text, ctx) != VT_OK)
            return VT_ERROR;
    return VT_OK;
}

const vt_stage vt_stage_diacritics = {
    .name = "diacritics",
    .summary = "repair tone and vowel marks OCR got wrong, with the syllable language "
               "model (JSON repairs)",
    .flags = VT_STAGE_NEEDS_WORDS,
    .run = run,
};
