/*
 * compose — compose the clean text of each page and of the document from the words.
 *
 * This is the only place text is assembled, so every earlier stage can work on
 * words and geometry without worrying about spacing. Layout follows Tesseract's
 * plain-text output (a line per printed line, a blank line between blocks) so the
 * two can be compared directly; pages are separated by a form feed, as pdftotext
 * does. Blocks set apart as stamps or margin notes are not part of the text.
 */
#include <stdlib.h>
#include <string.h>

#include "stages.h"
#include "strbuf.h"

/* Where each repaired word lands in the document text: offset of the page's text
 * in it, and the page number. */
typedef struct repair_sink {
    vt_document *doc;
    size_t base;
    int page;
    bool failed;
} repair_sink;

/* Only the diacritics stage weighs its repairs; the others' records have no score. */
static void note_repair(repair_sink *rs, const vt_word *word, const char *to, size_t start,
                        size_t end)
{
    const char *stage = word->repaired_by ? word->repaired_by : "diacritics";
    double score = word->repair_score;
    bool scored = strcmp(stage, "diacritics") == 0;
    if (!vt_document_add_repair(rs->doc, stage, word->repaired_from, to, rs->base + start,
                                rs->base + end, rs->page, scored ? &score : NULL))
        rs->failed = true;
}

/* A word's text without the spaces OCR sometimes leaves at its ends ("c " for a
 * letter before a smudge): written with them, the text would hold two spaces
 * in a row, which no reader wants and the archive outputs' words cannot match. */
static const char *word_span(const vt_word *word, size_t *len)
{
    const char *s = word->text + strspn(word->text, " \t");
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

static bool word_is_blank(const vt_word *word)
{
    size_t len;
    word_span(word, &len);
    return len == 0;
}

/* A word a stage emptied (a speck line_specks dropped) is in the text as a
 * repair of no width where it stood, so what OCR read is never lost unsaid. */
static void note_emptied(vt_strbuf *sb, vt_line *line, repair_sink *rs)
{
    for (size_t w = 0; w < line->n_words; w++)
        if (line->words[w].repaired_from && word_is_blank(&line->words[w]))
            note_repair(rs, &line->words[w], "", sb->len, sb->len);
}

static void append_line(vt_strbuf *sb, vt_line *line, repair_sink *rs)
{
    bool first = true;
    for (size_t w = 0; w < line->n_words; w++) {
        size_t len;
        const char *text = word_span(&line->words[w], &len);
        if (len == 0) {
            if (line->words[w].repaired_from)
                note_repair(rs, &line->words[w], "", sb->len, sb->len);
            continue;
        }
        if (!first)
            vt_strbuf_putc(sb, ' ');
        size_t start = sb->len;
        vt_strbuf_append(sb, text, len);
        line->words[w].text_start = rs->base + start;
        line->words[w].text_end = rs->base + sb->len;
        line->words[w].in_text = true;
        if (line->words[w].repaired_from)
            note_repair(rs, &line->words[w], line->words[w].text, start, sb->len);
        first = false;
    }
}

/* A line whose words all became empty (a lone soft hyphen or zero-width space
 * the unicode stage dropped) is no line at all: writing it as an empty one would
 * turn into a block break when the text is read again. */
static bool line_has_text(const vt_line *line)
{
    for (size_t w = 0; w < line->n_words; w++)
        if (!word_is_blank(&line->words[w]))
            return true;
    return false;
}

static bool block_has_text(const vt_block *block)
{
    for (size_t l = 0; l < block->n_lines; l++)
        if (line_has_text(&block->lines[l]))
            return true;
    return false;
}

/* Words of set-apart blocks, and any a second compose leaves out, are in no text. */
static void forget_text_spans(vt_page *page)
{
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            for (size_t w = 0; w < page->blocks[b].lines[l].n_words; w++)
                page->blocks[b].lines[l].words[w].in_text = false;
}

static char *compose_page(vt_page *page, repair_sink *rs)
{
    vt_strbuf sb = {0};
    bool first_block = true;
    forget_text_spans(page);
    for (size_t b = 0; b < page->n_blocks; b++) {
        vt_block *block = &page->blocks[b];
        if (block->kind != VT_BLOCK_TEXT)
            continue;
        if (!block_has_text(block)) {
            for (size_t l = 0; l < block->n_lines; l++)
                note_emptied(&sb, &block->lines[l], rs);
            continue;
        }
        if (!first_block)
            vt_strbuf_putc(&sb, '\n');
        for (size_t l = 0; l < block->n_lines; l++) {
            if (!line_has_text(&block->lines[l])) {
                note_emptied(&sb, &block->lines[l], rs);
                continue;
            }
            append_line(&sb, &block->lines[l], rs);
            vt_strbuf_putc(&sb, '\n');
        }
        first_block = false;
    }
    return vt_strbuf_take(&sb);
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    vt_strbuf all = {0};
    vt_document_clear_repairs(doc);
    for (size_t p = 0; p < doc->n_pages; p++) {
        vt_page *page = &doc->pages[p];
        repair_sink rs = {.doc = doc, .base = all.len + (p > 0), .page = page->number};
        free(page->text);
        page->text = compose_page(page, &rs);
        if (!page->text || rs.failed) {
            vt_strbuf_free(&all);
            return vt_stage_fail(ctx, "out of memory");
        }
        if (p > 0)
            vt_strbuf_putc(&all, '\f');
        vt_strbuf_puts(&all, page->text);
    }
    free(doc->text);
    doc->text = vt_strbuf_take(&all);
    return doc->text ? VT_OK : vt_stage_fail(ctx, "out of memory");
}

const vt_stage vt_stage_compose = {
    .name = "compose",
    .summary = "compose page and document text from the words (stamps and notes left out)",
    .flags = VT_STAGE_REQUIRED,
    .run = run,
};
