/*
 * stamp_words — set apart the words OCR read from a receipt stamp whose ink is
 * still on the page.
 *
 * On a 1-bit scan the stamp's ink is as black as the print, so stamp_frame finds
 * the stamp by its frame and reads it, but cannot lift it off the page: OCR then
 * reads the stamp's lettering with the notice ("Số: 1532", "ĐẾN Ngày: …", "và
 * ký hiệu HS:" inside a title line). Inside the frame, what is the stamp's is
 * told by where it lies and what it says: a line lying wholly inside the frame is
 * the stamp's; in a line of the notice that crosses the frame, a word wholly
 * inside it is the stamp's when the stamp's own reading has it, or when OCR
 * could not read it (under 50%: print and stamp lettering on top of each other
 * read as neither). Those words move into a block of kind stamp, which JSON keeps
 * and the text leaves out. Runs after ocr, before layout.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "receipt_stamp_output.h"
#include "stages.h"

/* Below this confidence a word inside the frame is overprinted: neither print nor
 * stamp (measured on the 1-bit fixture: such words 0–45%, the notice's 89–97%). */
#define OVERPRINTED 50.0f

static bool inside(vt_box inner, vt_box outer)
{
    return inner.w > 0 && inner.x >= outer.x && inner.y >= outer.y
           && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/* Whether `word` is one of the whitespace-separated tokens of `raw`. */
static bool raw_has(const char *raw, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = raw; *p;) {
        p += strspn(p, " \t\n");
        size_t len = strcspn(p, " \t\n");
        if (len == n && n > 0 && memcmp(p, word, n) == 0)
            return true;
        p += len;
    }
    return false;
}

/* Move word `i` of `from` to the end of `to` (the word's memory moves with it). */
static bool move_word(vt_line *from, size_t i, vt_line *to)
{
    if (!vt_array_grow((void **)&to->words, &to->n_words, &to->cap_words, sizeof *to->words))
        return false;
    to->words[to->n_words - 1] = from->words[i];
    memmove(from->words + i, from->words + i + 1, (from->n_words - i - 1) * sizeof *from->words);
    from->n_words--;
    to->box = vt_words_box(to->words, to->n_words);
    from->box = vt_words_box(from->words, from->n_words);
    return true;
}

/* The stamp's words of one line of the notice, moved into `to`. */
static bool take_words(vt_line *line, vt_box frame, const char *raw, vt_line *to)
{
    bool whole = inside(line->box, frame);
    for (size_t i = 0; i < line->n_words;) {
        const vt_word *w = &line->words[i];
        bool stamp = whole
                     || (inside(w->box, frame)
                         && (w->confidence < OVERPRINTED || raw_has(raw, w->text)));
        if (!stamp)
            i++;
        else if (!move_word(line, i, to))
            return false;
    }
    return true;
}

/* Drop the lines a move emptied; their word arrays are empty and freed. */
static void drop_empty_lines(vt_block *block)
{
    size_t kept = 0;
    for (size_t i = 0; i < block->n_lines; i++) {
        if (block->lines[i].n_words == 0)
            free(block->lines[i].words);
        else
            block->lines[kept++] = block->lines[i];
    }
    block->n_lines = kept;
}

/* Drop the blocks a move emptied (the stamp's own, when nothing was the
 * stamp's). */
static void drop_empty_blocks(vt_page *page)
{
    size_t kept = 0;
    for (size_t b = 0; b < page->n_blocks; b++) {
        if (page->blocks[b].n_lines == 0)
            free(page->blocks[b].lines);
        else
            page->blocks[kept++] = page->blocks[b];
    }
    page->n_blocks = kept;
}

/* A block's box again from its lines, after words left it. */
static void rebox(vt_block *block)
{
    drop_empty_lines(block);
    block->box = (vt_box){0};
    for (size_t l = 0; l < block->n_lines; l++)
        block->box = vt_box_union(block->box, block->lines[l].box);
}

/* Move the stamp's words into a new block of kind stamp: a line per line of the
 * notice that gave words. */
static vt_status set_apart(vt_page *page, vt_box frame, const char *raw, vt_stage_context *ctx)
{
    size_t n_blocks = page->n_blocks;
    vt_block *stamp = vt_page_add_block(page);
    if (!stamp)
        return vt_stage_fail(ctx, "out of memory");
    stamp->kind = VT_BLOCK_STAMP;
    for (size_t b = 0; b < n_blocks; b++) {
        vt_block *block = &page->blocks[b];
        bool touched = false;
        for (size_t l = 0; block->kind == VT_BLOCK_TEXT && l < block->n_lines; l++) {
            if (vt_box_intersection(block->lines[l].box, frame).w == 0)
                continue;
            touched = true;
            vt_line *to = vt_block_add_line(stamp);
            /* vt_block_add_line may move stamp's lines, never the notice's. */
            if (!to || !take_words(&block->lines[l], frame, raw, to))
                return vt_stage_fail(ctx, "out of memory");
        }
        if (touched)
            rebox(block);
    }
    rebox(stamp);
    drop_empty_blocks(page);
    return VT_OK;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    /* Another page may offer an earlier stamp meanwhile: copy what is needed. */
    vt_document_lock(doc);
    const vt_receipt_stamp *s = vt_document_receipt_stamp(doc);
    bool here = s && s->page == page->number && s->ink_on_page && s->raw;
    vt_box frame = here ? s->box : (vt_box){0};
    char *raw = here ? strdup(s->raw) : NULL;
    vt_document_unlock(doc);
    if (!here)
        return VT_OK;
    if (!raw)
        return vt_stage_fail(ctx, "out of memory");
    vt_status status = set_apart(page, frame, raw, ctx);
    free(raw);
    return status;
}

const vt_stage vt_stage_stamp_words = {
    .name = "stamp_words",
    .summary = "set apart the words OCR read from a receipt stamp still on the page (1-bit "
               "scans): JSON blocks of kind stamp, not in the text",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
