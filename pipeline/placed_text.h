/*
 * placed_text.h — a page's final text laid over the page: its lines and words,
 * each with a box and a confidence, for the outputs that carry geometry (ALTO,
 * hOCR, a PDF text layer).
 *
 * The words of the document model are what OCR read and the repair stages
 * fixed; the text after compose is what users get, and text stages still edit
 * it (stamp debris out, "26tháng 7" respaced, "115 /CV" joined). An archive
 * output must say exactly what the text output says, so it is built from the
 * text, not from the words: every line of the page's text is a line here, every
 * space-separated token a word, and each takes its box from the OCR words whose
 * place in the text (vt_word.text_start/end) it covers. Blocks set apart as
 * stamps or margin notes follow the text blocks, with their own words.
 */
#ifndef VT_PLACED_TEXT_H
#define VT_PLACED_TEXT_H

#include "document.h"

typedef struct vt_placed_word {
    const char *text;           /* not NUL-terminated: `len` bytes */
    size_t len;
    vt_box box;                 /* w == 0: no geometry (text input, or nothing under it) */
    float confidence;           /* 0–100; < 0: unknown */
} vt_placed_word;

typedef struct vt_placed_line {
    size_t first_word, n_words; /* in vt_placed_page.words */
    vt_box box;
} vt_placed_line;

typedef struct vt_placed_block {
    size_t first_line, n_lines; /* in vt_placed_page.lines */
    vt_box box;
    vt_block_kind kind;         /* VT_BLOCK_TEXT blocks hold the page's text */
} vt_placed_block;

typedef struct vt_placed_page {
    vt_placed_word *words;
    size_t n_words, cap_words;
    vt_placed_line *lines;
    size_t n_lines, cap_lines;
    vt_placed_block *blocks;
    size_t n_blocks, cap_blocks;
} vt_placed_page;

/* Place the text of doc->pages[index] (after compose). Strings point into the
 * document, valid while it is unchanged. false when out of memory. */
bool vt_place_page_text(const vt_document *doc, size_t index, vt_placed_page *out);

/* Place every page in turn and hand each to `write` (index into doc->pages),
 * one page held at a time, without measuring the earlier pages' text again for
 * each. Stops at the first false from `write`; false then, or when out of memory. */
typedef bool (*vt_placed_page_fn)(void *user, size_t index, const vt_placed_page *page);
bool vt_place_each_page(const vt_document *doc, vt_placed_page_fn write, void *user);
void vt_placed_page_free(vt_placed_page *page);

#endif /* VT_PLACED_TEXT_H */
