/*
 * lost_lines — read the lines of print Tesseract's layout analysis left out.
 *
 * Tesseract drops a short line now and then: the last line of a paragraph that
 * holds one word ("vụ…", "vị."), a header line standing alone ("Số: /TB-VP" on a
 * skewed page). Its ink is there and reads well on its own. So after OCR, the
 * page's ink is compared with the words read: what no word covers, inside the
 * text area, in clusters of the size of a line of print, is read as one line and
 * kept when it reads confidently as Vietnamese (most tokens syllables or
 * numbers). The line goes where it stands: after the last line of the block
 * above it, when it follows that block at line spacing, or as a block of its own
 * after it. Anything else left over (a rule, a scribble, a stamp's remains) stays
 * out: it reads as neither.
 */
#include <ctype.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_service.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "syllable.h"
#include "utf8.h"
#include "vnchar.h"

/* Line sizes in mm: 12–14 pt print is 3–5 mm from ascender to descender. */
#define LINE_MIN_MM 2.0
#define LINE_MAX_MM 8.0
#define WORD_MIN_MM 2.5
/* Letters and words of a line are closer than this. */
#define JOIN_MM 3.0
/* Around a read word, its ink's anti-aliased edge and marks out of its box. */
#define WORD_MARGIN_MM 0.6
#define PAD_MM 1.5
/* A lost line is print: read with confidence, mostly Vietnamese. */
#define MIN_CONFIDENCE 70.0f
/* A page with more unread clusters than this is noisy (pen, stamp debris): the
 * widest are read, the rest left (each read costs an OCR call). */
#define MAX_READS 8

/* The union of the page's text blocks: where print is. */
static vt_box text_area(const vt_page *page)
{
    vt_box area = {0};
    for (size_t b = 0; b < page->n_blocks; b++)
        if (page->blocks[b].kind == VT_BLOCK_TEXT)
            area = vt_box_union(area, page->blocks[b].box);
    return area;
}

/* The binarised page with every word OCR read (any block kind) erased, reduced
 * *reduction times: asked for halved, a 1-bit page comes back at full size. */
static PIX *unread_ink(vt_page *page, int *reduction)
{
    PIX *binary = vt_page_binary(page, *reduction);
    PIX *ink = binary ? pixCopy(NULL, binary) : NULL;
    pixDestroy(&binary);
    if (!ink)
        return NULL;
    *reduction = pixGetWidth(ink) * 3 / 2 < pixGetWidth(page->image) ? 2 : 1;
    int margin = (int)(WORD_MARGIN_MM * page->dpi / 25.4);
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            const vt_line *line = &page->blocks[b].lines[l];
            for (size_t w = 0; w < line->n_words; w++) {
                vt_box box = line->words[w].box;
                if (box.w > 0)
                    pixRasterop(ink, (box.x - margin) / *reduction,
                                (box.y - margin) / *reduction,
                                (box.w + 2 * margin) / *reduction + 1,
                                (box.h + 2 * margin) / *reduction + 1, PIX_CLR, NULL, 0, 0);
            }
        }
    return ink;
}

/* Whether a cluster lies, for a third of its area or more, on a line OCR read
 * (of any kind: text, stamp, note): ink that line's words left over (a mark, a
 * letter under a stamp), not a line of its own. */
static bool on_read_line(const vt_page *page, vt_box at)
{
    long area = (long)at.w * at.h;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            vt_box box = vt_words_box(page->blocks[b].lines[l].words,
                                      page->blocks[b].lines[l].n_words);
            vt_box common = vt_box_intersection(at, box);
            if (common.w > 0 && 3L * common.w * common.h >= area)
                return true;
        }
    return false;
}

/* Clusters of unread ink the size of a line of print, inside the text area, off
 * the lines OCR read and off a stamp left on the page, in page coordinates. */
static BOXA *line_sized_ink(const vt_page *page, PIX *ink, int reduction, vt_box area,
                            vt_box stamp)
{
    double mm = page->dpi / 25.4 / reduction;
    /* Specks and the dots of marks are not what a line is found by. */
    PIX *letters = pixSelectBySize(ink, 0, (l_int32)(LINE_MIN_MM * mm / 2), 8, L_SELECT_HEIGHT,
                                   L_SELECT_IF_GTE, NULL);
    int join = (int)(JOIN_MM * mm) | 1;
    PIX *joined = letters ? pixCloseSafeBrick(NULL, letters, join, 1) : NULL;
    BOXA *clusters = joined ? pixConnComp(joined, NULL, 8) : NULL;
    pixDestroy(&letters);
    pixDestroy(&joined);
    BOXA *lines = clusters ? boxaCreate(0) : NULL;
    for (l_int32 i = 0; lines && i < boxaGetCount(clusters); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(clusters, i, &x, &y, &w, &h);
        x *= reduction, y *= reduction, w *= reduction, h *= reduction;
        double hm = h / (mm * reduction), wm = w / (mm * reduction);
        bool inside = x >= area.x && y >= area.y && x + w <= area.x + area.w
                      && y + h <= area.y + area.h;
        if (hm >= LINE_MIN_MM && hm <= LINE_MAX_MM && wm >= WORD_MIN_MM && inside
            && !on_read_line(page, (vt_box){x, y, w, h})
            && vt_box_intersection(stamp, (vt_box){x, y, w, h}).w == 0)
            boxaAddBox(lines, boxCreate(x, y, w, h), L_INSERT);
    }
    boxaDestroy(&clusters);
    return lines;
}

/* Whether a reading is Vietnamese print: at least half its tokens (punctuation
 * around them aside) syllables or numbers. */
static bool reads_as_print(const char *text)
{
    int tokens = 0, good = 0;
    for (const char *p = text; *p;) {
        p += strspn(p, " \n");
        size_t len = strcspn(p, " \n");
        if (!len)
            break;
        size_t from = 0, to = len;
        while (from < to && ispunct((unsigned char)p[from]))
            from++;
        while (to > from && (ispunct((unsigned char)p[to - 1]) || (unsigned char)p[to - 1] >= 0x80)
               && !vt_syllable_valid(p + from, to - from))
            to--;                   /* trailing marks and "…" (bytes ≥ 0x80) */
        tokens++;
        good += to > from
                && (vt_syllable_valid(p + from, to - from) || isdigit((unsigned char)p[from]));
        p += len;
    }
    return tokens > 0 && 2 * good >= tokens;
}

/* Where the line goes: the text block above it (whose box ends over it and
 * overlaps it across), nearest first; -1 when there is none. */
static long block_above(const vt_page *page, vt_box at)
{
    long best = -1;
    int best_gap = 0;
    for (size_t b = 0; b < page->n_blocks; b++) {
        vt_box box = page->blocks[b].box;
        int gap = at.y - (box.y + box.h);
        bool across = box.x < at.x + at.w && at.x < box.x + box.w;
        if (page->blocks[b].kind == VT_BLOCK_TEXT && across && gap > -at.h / 2
            && (best < 0 || gap < best_gap)) {
            best = (long)b;
            best_gap = gap;
        }
    }
    return best;
}

/* The line's words, one per token, their boxes shared out along the line by
 * length (Tesseract read the line as a whole). */
static bool fill_line(vt_line *line, const char *text, vt_box at, float confidence)
{
    size_t total = 0;
    for (const char *p = text; *p; p++)
        total += *p != ' ' && *p != '\n';
    size_t done = 0;
    for (const char *p = text; *p;) {
        p += strspn(p, " \n");
        size_t len = strcspn(p, " \n");
        if (!len)
            break;
        vt_word *word = vt_line_add_word(line, p, len);
        if (!word)
            return false;
        int x0 = at.x + (int)((long)at.w * done / total);
        int x1 = at.x + (int)((long)at.w * (done + len) / total);
        word->box = (vt_box){x0, at.y, x1 - x0, at.h};
        word->confidence = confidence;
        done += len;
        p += len;
    }
    line->box = at;
    return true;
}

/* The text block that spans the line's middle and overlaps it across: the line
 * was dropped from inside it. -1 when there is none. */
static long block_around(const vt_page *page, vt_box at)
{
    int middle = at.y + at.h / 2;
    for (size_t b = 0; b < page->n_blocks; b++) {
        vt_box box = page->blocks[b].box;
        if (page->blocks[b].kind == VT_BLOCK_TEXT && box.y < middle && middle < box.y + box.h
            && box.x < at.x + at.w && at.x < box.x + box.w)
            return (long)b;
    }
    return -1;
}

/* A new line in `block`, among its lines in the order of their tops. */
static vt_line *add_line_at(vt_block *block, int top)
{
    if (!vt_block_add_line(block))
        return NULL;
    size_t at = block->n_lines - 1;
    while (at > 0 && block->lines[at - 1].box.y > top)
        at--;
    vt_line added = block->lines[block->n_lines - 1];
    memmove(block->lines + at + 1, block->lines + at,
            (block->n_lines - 1 - at) * sizeof *block->lines);
    block->lines[at] = added;
    return &block->lines[at];
}

/* Whether a line ends inside a sentence and is written in lower case: its last
 * word ends with no . : ; ! ? and it has more lower-case letters than capitals. */
static bool mid_sentence(const vt_line *line)
{
    if (line->n_words == 0)
        return false;
    const char *last = line->words[line->n_words - 1].text;
    size_t n = strlen(last);
    if (n && strchr(".:;!?", last[n - 1]))
        return false;
    int lower = 0, upper = 0;
    for (size_t w = 0; w < line->n_words; w++) {
        const char *t = line->words[w].text;
        size_t len = strlen(t), pos = 0;
        while (pos < len) {
            int32_t cp = vt_utf8_next(t, len, &pos);
            lower += vt_letter_upper(cp) != cp;
            upper += vt_letter_lower(cp) != cp;
        }
    }
    return lower > upper;
}

/*
 * A word read on its own has no lower-case letters beside it to size it by, and
 * Tesseract then takes v, x, o, s, c, u for capitals ("vị." read "VỊ."). A lost
 * line that continues a lower-case sentence is written in lower case when its
 * capitals spell a syllable; an abbreviation (UBND) is no syllable and stays.
 */
static void continue_case(char *text)
{
    for (char *p = text; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        size_t from = 0, to = len;
        while (to > from && ispunct((unsigned char)p[to - 1]))
            to--;
        bool capitals = to > from + 1 && vt_syllable_valid(p, to);
        for (size_t pos = 0; capitals && pos < to;) {
            int32_t cp = vt_utf8_next(p, to, &pos);
            capitals = vt_letter_lower(cp) != cp;
        }
        /* Lower and upper case of a Vietnamese letter have the same length. */
        for (size_t pos = 0; capitals && pos < to;) {
            size_t at = pos;
            int32_t cp = vt_utf8_next(p, to, &pos);
            vt_utf8_encode(vt_letter_lower(cp), p + at);
        }
        p += len;
    }
}

/* Put the line where it stands: inside the block it was dropped from; after the
 * last line of the block above when it continues it (at most a line's height
 * below); else as a block of its own after that block. */
static bool place_line(vt_page *page, char *text, vt_box at, float confidence)
{
    long around = block_around(page, at), above = block_above(page, at);
    vt_block *block = around >= 0 ? &page->blocks[around] : NULL;
    if (!block && above >= 0) {
        vt_box box = page->blocks[above].box;
        if (at.y - (box.y + box.h) <= at.h)
            block = &page->blocks[above];
    }
    if (!block) {
        block = vt_page_insert_block(page, (size_t)(above + 1));
        if (!block)
            return false;
        block->kind = VT_BLOCK_TEXT;
    }
    vt_line *line = add_line_at(block, at.y);
    if (!line)
        return false;
    size_t index = (size_t)(line - block->lines);
    if (index > 0 && mid_sentence(&block->lines[index - 1]))
        continue_case(text);
    if (!fill_line(line, text, at, confidence))
        return false;
    block->box = vt_box_union(block->box, at);
    return true;
}

/* Read the clip as one line at `scale`: the text (owned) when it reads as print
 * with confidence, NULL otherwise. */
static char *read_as_print(vt_ocr *ocr, PIX *clip, float scale, int dpi, float *confidence)
{
    char *text = vt_ocr_read_part(ocr, clip, dpi, scale, VT_OCR_ONE_LINE, confidence);
    if (text)
        text[strcspn(text, "\n")] = '\0';
    if (text && (*confidence < MIN_CONFIDENCE || !reads_as_print(text))) {
        free(text);
        text = NULL;
    }
    return text;
}

/* Read one cluster, as scanned and then at twice the size (a line of one short
 * word is a small image for Tesseract's models: a 200-dpi "vị." read empty at
 * twice the size, a "vụ…" better), and place it when it is print. false when
 * memory ran out. */
static bool read_cluster(vt_page *page, vt_ocr *ocr, BOX *cluster)
{
    l_int32 pad = (l_int32)(PAD_MM * page->dpi / 25.4);
    BOX *padded = boxAdjustSides(NULL, cluster, -pad, pad, -pad, pad);
    PIX *clip = padded ? pixClipRectangle(page->image, padded, NULL) : NULL;
    boxDestroy(&padded);
    if (!clip)
        return false;
    float confidence = 0;
    char *text = read_as_print(ocr, clip, 1.0f, page->dpi, &confidence);
    if (!text)
        text = read_as_print(ocr, clip, 2.0f, page->dpi, &confidence);
    pixDestroy(&clip);
    bool ok = true;
    if (text) {
        l_int32 x, y, w, h;
        boxGetGeometry(cluster, &x, &y, &w, &h);
        ok = place_line(page, text, (vt_box){x, y, w, h}, confidence);
    }
    free(text);
    return ok;
}

/* The receipt stamp's box on this page, when its ink is still there (1-bit
 * scans): what OCR left of it is no lost print. {0} otherwise. */
static vt_box stamp_on_page(vt_document *doc, const vt_page *page)
{
    vt_document_lock(doc);
    const vt_receipt_stamp *s = vt_document_receipt_stamp(doc);
    vt_box box = s && s->page == page->number && s->ink_on_page ? s->box : (vt_box){0};
    vt_document_unlock(doc);
    return box;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    vt_box area = text_area(page);
    if (!page->image || area.w == 0)
        return VT_OK;
    /* The measuring stages' copy: halved above 250 dpi, where lines are still
     * 15 pixels tall. */
    int reduction = page->dpi >= 250 ? 2 : 1;
    PIX *ink = unread_ink(page, &reduction);
    BOXA *clusters = ink ? line_sized_ink(page, ink, reduction, area, stamp_on_page(doc, page))
                         : NULL;
    pixDestroy(&ink);
    if (!clusters)
        return vt_stage_fail(ctx, "out of memory");
    l_int32 n = boxaGetCount(clusters);
    if (n > MAX_READS) {
        BOXA *widest = boxaSort(clusters, L_SORT_BY_WIDTH, L_SORT_DECREASING, NULL);
        boxaDestroy(&clusters);
        clusters = widest;
        n = widest ? MAX_READS : 0;
    }
    vt_ocr *ocr = n ? vt_ocr_session(ctx) : NULL;
    vt_status status = !clusters ? vt_stage_fail(ctx, "out of memory")
                       : n && !ocr ? VT_ERROR : VT_OK;
    for (l_int32 i = 0; status == VT_OK && i < n; i++) {
        BOX *cluster = boxaGetBox(clusters, i, L_CLONE);
        if (!read_cluster(page, ocr, cluster))
            status = vt_stage_fail(ctx, "out of memory");
        boxDestroy(&cluster);
    }
    boxaDestroy(&clusters);
    return status;
}

const vt_stage vt_stage_lost_lines = {
    .name = "lost_lines",
    .summary = "read the short lines of print Tesseract's layout analysis left out (a "
               "paragraph's one-word last line), where no word covers ink",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
