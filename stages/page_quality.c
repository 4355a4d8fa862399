/*
 * page_quality — how well each page was read, as one number a quality gate can use.
 *
 * Tesseract's mean confidence moves little between a clean and a ruined page:
 * the LSTM stays sure of most words it reads, and a page is spoiled by the tail
 * of words it is unsure of and by the shapes it makes up. So the measure looks
 * at that tail and at the words themselves:
 *
 *   low_confidence  share of the page's words read with a confidence below 50;
 *   not_vietnamese  share of its words that no Vietnamese spelling allows: a
 *                   letter Vietnamese does not write, or letters with Vietnamese
 *                   marks that form no legal syllable ("EIỆNH", "Kön"). Words
 *                   of plain ASCII letters (UBND, TB, English) are not counted
 *                   against the page: notices are full of abbreviations.
 *   score           Tesseract's mean confidence of the page (0–1; 1 for text
 *                   without confidences) times the share of words that are not
 *                   impossible: 1 is a page read cleanly. On the devset it ranked
 *                   pages by character error rate (Spearman -0.80) better than the
 *                   mean confidence alone (-0.77), the average of the body's word
 *                   confidences with impossible words as 0 (-0.74) or the share
 *                   of unsure words (-0.71): Tesseract's mean also sees the
 *                   debris outside the body, which comes with damage.
 *
 * The words are the body's as read (before diacritics repair), stamp, seal and
 * margin-note blocks left out: their debris says nothing about the print. With
 * --min-quality Q a page scoring below Q is marked (JSON `quality.below_minimum`)
 * and named in a warning; it is not dropped, since a poor reading is still
 * better than none for search.
 */
#include <string.h>

#include "stages.h"
#include "syllable.h"
#include "utf8.h"
#include "vnchar.h"

#define LOW_CONFIDENCE 50.0

/* The word as OCR read it. */
static const char *reading(const vt_word *w)
{
    return w->repaired_from ? w->repaired_from : w->text;
}

typedef enum word_look { WORD_NONE, WORD_OK, WORD_ODD } word_look;

/* Judge a word by its letter runs (a word may hold several: "hòa-bình", "CV-PA83"). */
static word_look judge(const char *s)
{
    size_t len = strlen(s), pos = 0, run = 0;
    bool any = false, odd = false, foreign = false, marked = false;
    while (pos <= len) {
        size_t at = pos;
        int32_t cp = pos < len ? vt_utf8_next(s, len, &pos) : 0;
        vt_letter letter;
        bool is_letter = cp > 0 && vt_letter_decompose(cp, &letter);
        bool is_digit = cp >= '0' && cp <= '9';
        if (is_letter) {
            marked = marked || cp >= 0x80;
        } else if (cp >= 0x80 && vt_letter_unforeign(cp) != cp) {
            foreign = true;           /* a Latin letter with a mark Vietnamese never writes */
            is_letter = true;
        }
        if (is_letter || is_digit)
            any = true;
        if (!is_letter) {
            /* a run of letters ends: legal when plain ASCII or a Vietnamese syllable */
            if (at > run && (foreign || (marked && !vt_syllable_valid(s + run, at - run))))
                odd = true;
            run = pos;
            foreign = marked = false;
        }
        if (at == len)
            break;
    }
    return !any ? WORD_NONE : odd ? WORD_ODD : WORD_OK;
}

static bool counted_block(const vt_block *b)
{
    return b->kind == VT_BLOCK_TEXT;
}

static void measure(vt_page *page)
{
    size_t words = 0, low = 0, odd = 0;
    for (size_t b = 0; b < page->n_blocks; b++) {
        if (!counted_block(&page->blocks[b]))
            continue;
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            const vt_line *line = &page->blocks[b].lines[l];
            for (size_t i = 0; i < line->n_words; i++) {
                const vt_word *w = &line->words[i];
                word_look look = judge(reading(w));
                if (look == WORD_NONE)
                    continue;   /* punctuation alone says nothing of the reading */
                bool unsure = w->confidence >= 0 && w->confidence < LOW_CONFIDENCE;
                words++;
                low += unsure;
                odd += look == WORD_ODD;
            }
        }
    }
    page->quality.words = words;
    if (words == 0) {
        page->quality.score = -1;
        return;
    }
    page->quality.low_confidence = (double)low / (double)words;
    page->quality.not_vietnamese = (double)odd / (double)words;
    double confidence = page->mean_confidence >= 0 ? page->mean_confidence / 100.0 : 1.0;
    page->quality.score = confidence * (1.0 - page->quality.not_vietnamese);
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    double minimum = vt_stage_context_options(ctx)->min_quality;
    for (size_t p = 0; p < doc->n_pages; p++) {
        vt_page *page = &doc->pages[p];
        measure(page);
        if (minimum > 0 && page->quality.score >= 0 && page->quality.score < minimum) {
            page->quality.below_minimum = true;
            vt_document_warn(doc, vt_stage_page_quality.name, page->number,
                             "read poorly: quality %.2f is below --min-quality %.2f "
                             "(%.0f%% of words unsure, %.0f%% not Vietnamese)",
                             page->quality.score, minimum, 100 * page->quality.low_confidence,
                             100 * page->quality.not_vietnamese);
        }
    }
    return VT_OK;
}

const vt_stage vt_stage_page_quality = {
    .name = "page_quality",
    .summary = "measure how well each page was read (unsure and impossible words)",
    .flags = 0,
    .run = run,
};
