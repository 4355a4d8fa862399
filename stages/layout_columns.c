/*
 * layout_columns — put two-column parts of a page back into reading order.
 *
 * A notice has two places where two independent columns share the same lines:
 * the header (issuing authority and number on the left, national name, motto and
 * date on the right) and the closing (recipients on the left, signature on the
 * right). Tesseract reads each visual line straight across, so it produces
 * "UBND TỈNH KIÊN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM". Here, a line with a
 * wide gap near the middle of the page is cut at the gap; a run of such lines,
 * with the lines beside them that sit in one half, is a two-column zone, and it
 * is rewritten as the left column top to bottom, then the right column. Lines that
 * cross the middle (title, body) end a zone. Works on word boxes only, so it needs
 * OCR input; text input passes through.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* A gap wider than this share of the page width, centred in the middle 40% of the
 * page, separates two columns; ordinary and justified word gaps are far smaller. */
#define MIN_GAP_SHARE 0.04
#define MIDDLE_LOW 0.30
#define MIDDLE_HIGH 0.70
/* A line "sits in one half" when it stays this share of the width off the middle. */
#define HALF_TOLERANCE 0.03
/* The left column's lines start in the left part of the page (its authority
 * lines are centred near a quarter of the width); a "left part" that starts
 * further right is a centred line (a title) or a right-column line, and its gap
 * is a blank or the space before a speck, not the gap between columns. */
#define LEFT_START_MAX 0.40
#define DEBRIS_CONFIDENCE 50

typedef enum side { SIDE_SPANS, SIDE_LEFT, SIDE_RIGHT, SIDE_SPLIT } side;

typedef struct line_ref {
    vt_line *line;
    size_t split;       /* SIDE_SPLIT: words [0, split) left, [split, n) right */
    side side;
} line_ref;

static bool applies(const vt_document *doc)
{
    for (size_t p = 0; p < doc->n_pages; p++)
        if (doc->pages[p].width > 0 && doc->pages[p].n_blocks > 0)
            return true;
    return false;
}

/* A mark OCR made of a rule or a speck in the gap between the columns ("__" at
 * 27%): no letter or digit and little (or unknown) confidence. It does not close
 * the gap. */
static bool is_gap_debris(const vt_word *word)
{
    for (const char *c = word->text; *c; c++)
        if ((unsigned char)*c >= 0x80 || isalnum((unsigned char)*c))
            return false;
    return word->confidence < DEBRIS_CONFIDENCE;
}

/* The line's extent without debris at its ends: a rule read as "=`......."
 * before a right-column line made it reach across the middle, and the
 * left column's "Số:" line below it fell out of the header. */
static vt_box core_extent(const vt_line *line)
{
    size_t first = 0, last = line->n_words;
    while (first < last && is_gap_debris(&line->words[first]))
        first++;
    while (last > first && is_gap_debris(&line->words[last - 1]))
        last--;
    return first < last ? vt_words_box(line->words + first, last - first) : line->box;
}

/* Where words [0, end) begin, debris before them left out. */
static int left_start(const vt_line *line, size_t end)
{
    size_t first = 0;
    while (first + 1 < end && is_gap_debris(&line->words[first]))
        first++;
    return line->words[first].box.x;
}

static side classify(const vt_page *page, const vt_line *line, size_t *split)
{
    double w = page->width, middle = w / 2, tolerance = HALF_TOLERANCE * w;
    size_t prev = 0;   /* the last word before i that is not debris */
    for (size_t i = 1; i < line->n_words; i++) {
        if (is_gap_debris(&line->words[i]))
            continue;
        const vt_box *a = &line->words[prev].box, *b = &line->words[i].box;
        double gap_start = a->x + a->w, gap_end = b->x, centre = (gap_start + gap_end) / 2;
        if (gap_end - gap_start > MIN_GAP_SHARE * w && centre > MIDDLE_LOW * w
            && centre < MIDDLE_HIGH * w && left_start(line, i) < LEFT_START_MAX * w) {
            *split = i;   /* debris in the gap goes with the left column */
            return SIDE_SPLIT;
        }
        prev = i;
    }
    if (line->n_words == 0 || line->box.w == 0)
        return SIDE_SPANS;
    vt_box core = core_extent(line);
    if (core.x + core.w < middle + tolerance)
        return SIDE_LEFT;
    if (core.x > middle - tolerance)
        return SIDE_RIGHT;
    return SIDE_SPANS;
}

/* Move words [from, to) of src onto a new line of block (ownership moves too). */
static bool move_words(vt_block *block, vt_line *src, size_t from, size_t to)
{
    if (from == to)
        return true;
    vt_line *line = vt_block_add_line(block);
    if (!line)
        return false;
    line->words = malloc((to - from) * sizeof *line->words);
    if (!line->words)
        return false;
    memcpy(line->words, src->words + from, (to - from) * sizeof *line->words);
    line->n_words = line->cap_words = to - from;
    for (size_t i = from; i < to; i++) {   /* the new line owns them now */
        src->words[i].text = NULL;
        src->words[i].alternatives = NULL;
        src->words[i].repaired_from = NULL;
    }
    line->box = vt_words_box(line->words, line->n_words);
    return true;
}

/* Rewrite the zone refs[first, last) as a left-column block and a right-column block. */
static bool emit_zone(vt_page *out, line_ref *refs, size_t first, size_t last)
{
    for (int pass = 0; pass < 2; pass++) {
        side want = pass == 0 ? SIDE_LEFT : SIDE_RIGHT;
        vt_block *block = vt_page_add_block(out);
        if (!block)
            return false;
        for (size_t i = first; i < last; i++) {
            line_ref *r = &refs[i];
            size_t n = r->line->n_words;
            bool ok = true;
            if (r->side == SIDE_SPLIT)
                ok = want == SIDE_LEFT ? move_words(block, r->line, 0, r->split)
                                       : move_words(block, r->line, r->split, n);
            else if (r->side == want)
                ok = move_words(block, r->line, 0, n);
            if (!ok)
                return false;
        }
    }
    return true;
}

/* Zones: maximal runs of one-sided or split lines that hold at least one split
 * line. Marks zone_end[first] = last for each zone [first, last). */
static void find_zones(const line_ref *refs, size_t n, size_t *zone_end)
{
    for (size_t i = 0; i < n;) {
        if (refs[i].side != SIDE_SPLIT) {
            i++;
            continue;
        }
        size_t first = i, last = i;
        while (first > 0 && refs[first - 1].side != SIDE_SPANS)
            first--;
        while (last < n && refs[last].side != SIDE_SPANS)
            last++;
        zone_end[first] = last;
        i = last;
    }
}

static vt_status reorder_page(vt_page *page, vt_stage_context *ctx)
{
    size_t n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        n += page->blocks[b].n_lines;
    line_ref *refs = calloc(n ? n : 1, sizeof *refs);
    size_t *block_of = calloc(n ? n : 1, sizeof *block_of);
    if (!refs || !block_of) {
        free(refs);
        free(block_of);
        return vt_stage_fail(ctx, "out of memory");
    }
    size_t k = 0;
    bool any_split = false;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++, k++) {
            refs[k].line = &page->blocks[b].lines[l];
            /* A block set apart (a stamp's words, on a 1-bit page) is no column of
             * the notice: as a line across the page it ends a zone and keeps its
             * block and kind, where in a zone it was emitted as text. */
            refs[k].side = page->blocks[b].kind == VT_BLOCK_TEXT
                               ? classify(page, refs[k].line, &refs[k].split)
                               : SIDE_SPANS;
            block_of[k] = b;
            any_split = any_split || refs[k].side == SIDE_SPLIT;
        }
    vt_status status = VT_OK;
    size_t *zone_end = any_split ? calloc(n, sizeof *zone_end) : NULL;
    if (any_split && !zone_end)
        status = vt_stage_fail(ctx, "out of memory");
    if (zone_end) {
        find_zones(refs, n, zone_end);
        /* Build the new blocks in a scratch page, then swap them in. */
        vt_page out = {0};
        vt_block *current = NULL;
        bool ok = true;
        for (size_t i = 0; i < n && ok;) {
            if (zone_end[i] > i) {
                ok = emit_zone(&out, refs, i, zone_end[i]);
                current = NULL;
                i = zone_end[i];
                continue;
            }
            if (!current || block_of[i] != block_of[i - 1])
                ok = (current = vt_page_add_block(&out)) != NULL;
            if (ok) {
                current->kind = page->blocks[block_of[i]].kind;
                ok = move_words(current, refs[i].line, 0, refs[i].line->n_words);
            }
            i++;
        }
        if (!ok)
            status = vt_stage_fail(ctx, "out of memory");
        /* Release the old containers and whatever words were not moved (none,
         * unless memory ran out half-way). */
        for (size_t b = 0; b < page->n_blocks; b++) {
            for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
                vt_line *line = &page->blocks[b].lines[l];
                for (size_t w = 0; w < line->n_words; w++) {
                    free(line->words[w].text);
                    free(line->words[w].alternatives);
                    free(line->words[w].repaired_from);
                }
                free(line->words);
            }
            free(page->blocks[b].lines);
        }
        free(page->blocks);
        page->blocks = out.blocks;
        page->n_blocks = out.n_blocks;
        page->cap_blocks = out.cap_blocks;
        free(zone_end);
    }
    free(refs);
    free(block_of);
    return status;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    for (size_t p = 0; p < doc->n_pages; p++)
        if (doc->pages[p].width > 0 && reorder_page(&doc->pages[p], ctx) != VT_OK)
            return VT_ERROR;
    return VT_OK;
}

const vt_stage vt_stage_layout_columns = {
    .name = "layout_columns",
    .summary = "read two-column parts (header, recipients and signature) column by column",
    .flags = 0,
    .applies = applies,
    .run = run,
};
