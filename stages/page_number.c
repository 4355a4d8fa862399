/*
 * page_number — read the page number Tesseract's layout analysis left out.
 *
 * Decree 30/2020 numbers every page after the first with a lone number in the
 * middle of the top margin. Tesseract's page segmentation drops such a lone small
 * blob on many pages although it reads it well on its own (on the fixtures: the
 * numbers of three straightened pages were gone, and plain tesseract lost three
 * others). So when nothing was recognised in the top margin, this stage looks for
 * a small cluster of letter-sized ink in its middle, reads just that as one line,
 * and keeps it only when it reads as a number: anything else there (a scribble,
 * dust, stamp debris) is left alone.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "binarise.h"
#include "ocr_service.h"
#include "stages.h"

/* Sizes in mm at the page's resolution. A 13–14 pt digit is about 3.3 mm tall. */
#define DIGIT_MIN_MM 1.5
#define DIGIT_MAX_MM 8.0
#define NUMBER_MAX_WIDTH_MM 15.0
#define PAD_MM 5.0
/* A page number has at most three digits and is the only thing read there.
 * Tesseract's confidence in one lone digit swings (the same "2" at 9% as scanned
 * and 96% at twice the size), so the bar is low; the place and the size of the
 * ink and the digits-only reading carry the decision. */
#define MAX_DIGITS 3
#define MIN_CONFIDENCE 20

/* The page's topmost line with words but `skip`, or NULL. */
static vt_line *top_line(vt_page *page, const vt_line *skip)
{
    vt_line *top = NULL;
    int top_y = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            vt_line *line = &page->blocks[b].lines[l];
            vt_box box = vt_words_box(line->words, line->n_words);
            if (box.w > 0 && line != skip && (!top || box.y < top_y)) {
                top = line;
                top_y = box.y;
            }
        }
    return top;
}

/* Tesseract's own failed reading of the number: the page's top line is one short
 * word it has little confidence in, in the middle third (003-p3's "3" read as
 * "c" at 0%). NULL when the top line is anything else. */
static vt_line *misread_number(vt_page *page, int page_width)
{
    vt_line *top = top_line(page, NULL);
    if (!top || top->n_words != 1)
        return NULL;
    const vt_word *word = &top->words[0];
    int centre = word->box.x + word->box.w / 2;
    bool middle = centre > page_width / 3 && centre < 2 * page_width / 3;
    return middle && strlen(word->text) <= MAX_DIGITS + 1 && word->confidence < MIN_CONFIDENCE
               ? top
               : NULL;
}

/* The box (page coordinates) around the letter-sized ink in `band`, when there
 * is a little of it and nothing else of that size; NULL otherwise. */
static BOX *number_ink(PIX *page_image, BOX *band, int dpi)
{
    double mm = dpi / 25.4;
    PIX *clip = pixClipRectangle(page_image, band, NULL);
    PIX *binary = clip ? vt_binarise(clip, 1) : NULL;
    BOXA *blobs = binary ? pixConnComp(binary, NULL, 8) : NULL;
    pixDestroy(&clip);
    pixDestroy(&binary);
    BOX *ink = NULL;
    int n = 0;
    for (l_int32 i = 0; blobs && i < boxaGetCount(blobs); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blobs, i, &x, &y, &w, &h);
        if (h < DIGIT_MIN_MM * mm)
            continue;                 /* specks and noise */
        n++;
        BOX *blob = boxCreate(x, y, w, h);
        BOX *grown = ink ? boxBoundingRegion(ink, blob) : boxCopy(blob);
        boxDestroy(&blob);
        boxDestroy(&ink);
        ink = grown;
        if (h > DIGIT_MAX_MM * mm || n > MAX_DIGITS)
            break;
    }
    boxaDestroy(&blobs);
    l_int32 x, y, w, h;
    if (!ink || n > MAX_DIGITS || boxGetGeometry(ink, &x, &y, &w, &h) != 0
        || h > DIGIT_MAX_MM * mm || w > NUMBER_MAX_WIDTH_MM * mm) {
        boxDestroy(&ink);
        return NULL;
    }
    l_int32 bx, by;
    boxGetGeometry(band, &bx, &by, NULL, NULL);
    boxSetGeometry(ink, bx + x, by + y, w, h);
    return ink;
}

static bool is_page_number(const char *text)
{
    size_t n = strspn(text, "0123456789");
    return n > 0 && n <= MAX_DIGITS && text[0] != '0' && text[n + strspn(text + n, " \n")] == '\0';
}

/* Read the clip as one line at `scale`; the number's text (owned) when it is one. */
static char *read_line_as_number(vt_ocr *ocr, PIX *clip, float scale, int dpi,
                                 float *confidence)
{
    char *text = vt_ocr_read_part(ocr, clip, dpi, scale, VT_OCR_ONE_LINE, confidence);
    char *number = NULL;
    if (text && is_page_number(text) && *confidence >= MIN_CONFIDENCE)
        number = strndup(text, strspn(text, "0123456789"));
    free(text);
    return number;
}

/* Read the ink with a margin around it. One digit is a small image for
 * Tesseract's models and its reading of it is fickle (a 200-dpi "3" came back as
 * "K", a "5" read at twice the size as "°"): as scanned, then at twice the size. */
static char *read_number(vt_ocr *ocr, PIX *page_image, BOX *ink, int dpi, float *confidence)
{
    l_int32 pad = (l_int32)(PAD_MM * dpi / 25.4);
    BOX *padded = boxAdjustSides(NULL, ink, -pad, pad, -pad, pad);
    PIX *clip = padded ? pixClipRectangle(page_image, padded, NULL) : NULL;
    boxDestroy(&padded);
    if (!clip)
        return NULL;
    char *number = read_line_as_number(ocr, clip, 1.0f, dpi, confidence);
    if (!number)
        number = read_line_as_number(ocr, clip, 2.0f, dpi, confidence);
    pixDestroy(&clip);
    return number;
}

/* The number becomes the page's first block, where it stands in reading order. */
static bool add_number_block(vt_page *page, const char *number, BOX *ink, float confidence)
{
    vt_block *block = vt_page_insert_block(page, 0);
    vt_line *line = block ? vt_block_add_line(block) : NULL;
    vt_word *word = line ? vt_line_add_word(line, number, strlen(number)) : NULL;
    if (!word)
        return false;
    l_int32 x, y, w, h;
    boxGetGeometry(ink, &x, &y, &w, &h);
    word->box = line->box = block->box = (vt_box){x, y, w, h};
    word->confidence = confidence;
    return true;
}

/* Put the number in the text: over Tesseract's misreading of it, or as the page's
 * first block. */
static bool place_number(vt_page *page, vt_line *misread_line, const char *number, BOX *ink,
                         float confidence)
{
    vt_word *misread = misread_line ? &misread_line->words[0] : NULL;
    l_int32 x, y, w, h;
    boxGetGeometry(ink, &x, &y, &w, &h);
    vt_box at = {x, y, w, h};
    bool same_place = misread && vt_box_union(misread->box, at).w < misread->box.w + w;
    if (!same_place)
        return add_number_block(page, number, ink, confidence);
    if (!vt_word_set_text(misread, number, strlen(number)))
        return false;
    misread->confidence = confidence;
    misread->n_alternatives = 0;   /* they were of the misreading */
    return true;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    if (!page->image)
        return VT_OK;
    double mm = page->dpi / 25.4;
    int width = pixGetWidth(page->image);
    vt_line *misread = misread_number(page, width);
    vt_line *first = top_line(page, misread);
    int top = first ? vt_words_box(first->words, first->n_words).y : -1;
    /* Room above the text for a number and the gap under it, or nothing to do. */
    if (top < (DIGIT_MAX_MM + PAD_MM) * mm)
        return VT_OK;
    BOX *band = boxCreate(width / 3, 0, width / 3, top - (int)mm);
    BOX *ink = band ? number_ink(page->image, band, page->dpi) : NULL;
    boxDestroy(&band);
    if (!ink)
        return VT_OK;
    vt_status status = VT_OK;
    vt_ocr *ocr = vt_ocr_session(ctx);
    float confidence = 0;
    char *number = ocr ? read_number(ocr, page->image, ink, page->dpi, &confidence) : NULL;
    if (!ocr)
        status = VT_ERROR;
    else if (number && !place_number(page, misread, number, ink, confidence))
        status = vt_stage_fail(ctx, "out of memory");
    free(number);
    boxDestroy(&ink);
    return status;
}

const vt_stage vt_stage_page_number = {
    .name = "page_number",
    .summary = "read the page number in the top margin when Tesseract's layout analysis "
               "left it out",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
