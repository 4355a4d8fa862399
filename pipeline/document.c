/*
 * document.c — allocation, growth and release of the document model.
 *
 * All arrays grow through vt_array_grow (base/array.h) so that every element starts
 * zeroed and an out-of-memory condition is reported, never ignored.
 */
#include "document.h"
#include "array.h"
#include "output.h"
#include "strbuf.h"

#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

vt_document *vt_document_new(const char *source)
{
    vt_document *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->source = strdup(source ? source : "(memory)");
    if (!doc->source) {
        free(doc);
        return NULL;
    }
    doc->started = monotonic_seconds();
    return doc;
}

vt_document *vt_document_finish_timing(vt_document *doc)
{
    if (doc)
        doc->seconds = monotonic_seconds() - doc->started;
    return doc;
}

vt_page *vt_document_add_page(vt_document *doc)
{
    if (!vt_array_grow((void **)&doc->pages, &doc->n_pages, &doc->cap_pages, sizeof *doc->pages))
        return NULL;
    vt_page *page = &doc->pages[doc->n_pages - 1];
    page->number = doc->n_pages > 1 ? doc->pages[doc->n_pages - 2].number + 1 : 1;
    page->mean_confidence = -1;
    page->quality.score = -1;
    return page;
}

vt_block *vt_page_add_block(vt_page *page)
{
    if (!vt_array_grow((void **)&page->blocks, &page->n_blocks, &page->cap_blocks,
                       sizeof *page->blocks))
        return NULL;
    return &page->blocks[page->n_blocks - 1];
}

vt_block *vt_page_insert_block(vt_page *page, size_t index)
{
    if (index > page->n_blocks || !vt_page_add_block(page))
        return NULL;
    vt_block *at = &page->blocks[index];
    memmove(at + 1, at, (page->n_blocks - 1 - index) * sizeof *at);
    *at = (vt_block){0};
    return at;
}

vt_line *vt_block_add_line(vt_block *block)
{
    if (!vt_array_grow((void **)&block->lines, &block->n_lines, &block->cap_lines,
                       sizeof *block->lines))
        return NULL;
    return &block->lines[block->n_lines - 1];
}

vt_word *vt_line_add_word(vt_line *line, const char *text, size_t len)
{
    char *copy = strndup(text, len);
    if (!copy)
        return NULL;
    if (!vt_array_grow((void **)&line->words, &line->n_words, &line->cap_words,
                       sizeof *line->words)) {
        free(copy);
        return NULL;
    }
    vt_word *word = &line->words[line->n_words - 1];
    word->text = copy;
    word->confidence = -1;
    return word;
}

vt_box vt_box_union(vt_box a, vt_box b)
{
    if (a.w == 0)
        return b;
    if (b.w == 0)
        return a;
    int left = a.x < b.x ? a.x : b.x, top = a.y < b.y ? a.y : b.y;
    int right = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int bottom = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (vt_box){left, top, right - left, bottom - top};
}

vt_box vt_box_intersection(vt_box a, vt_box b)
{
    int left = a.x > b.x ? a.x : b.x, top = a.y > b.y ? a.y : b.y;
    int right = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int bottom = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    if (a.w <= 0 || b.w <= 0 || right <= left || bottom <= top)
        return (vt_box){0};
    return (vt_box){left, top, right - left, bottom - top};
}

vt_box vt_words_box(const vt_word *words, size_t n)
{
    vt_box box = {0};
    for (size_t i = 0; i < n; i++)
        box = vt_box_union(box, words[i].box);
    return box;
}

bool vt_word_add_alternative(vt_word *word, unsigned symbol, const char *text, float confidence)
{
    size_t len = strlen(text);
    if (len == 0 || len >= sizeof word->alternatives->text)
        return true;    /* not a single symbol: nothing a repair could use */
    if (!vt_array_grow((void **)&word->alternatives, &word->n_alternatives,
                       &word->cap_alternatives, sizeof *word->alternatives))
        return false;
    vt_alternative *alt = &word->alternatives[word->n_alternatives - 1];
    alt->symbol = symbol;
    alt->confidence = confidence;
    memcpy(alt->text, text, len + 1);
    return true;
}

bool vt_word_set_text(vt_word *word, const char *text, size_t len)
{
    char *copy = strndup(text, len);
    if (!copy)
        return false;
    free(word->text);
    word->text = copy;
    return true;
}

size_t vt_page_word_count(const vt_page *page)
{
    size_t n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            n += page->blocks[b].lines[l].n_words;
    return n;
}

void vt_document_lock(vt_document *doc)
{
    if (doc->lock)
        pthread_mutex_lock(doc->lock);
}

void vt_document_unlock(vt_document *doc)
{
    if (doc->lock)
        pthread_mutex_unlock(doc->lock);
}

static bool add_timing_locked(vt_document *doc, const char *stage, double ms)
{
    for (size_t i = 0; i < doc->n_timings; i++)
        if (doc->timings[i].stage == stage || strcmp(doc->timings[i].stage, stage) == 0) {
            doc->timings[i].ms += ms;
            return true;
        }
    if (!vt_array_grow((void **)&doc->timings, &doc->n_timings, &doc->cap_timings,
                       sizeof *doc->timings))
        return false;
    doc->timings[doc->n_timings - 1] = (vt_timing){.stage = stage, .ms = ms};
    return true;
}

bool vt_document_add_timing(vt_document *doc, const char *stage, double ms)
{
    vt_document_lock(doc);
    bool ok = add_timing_locked(doc, stage, ms);
    vt_document_unlock(doc);
    return ok;
}

static char *format_display(const char *source, const char *stage, int page, const char *text)
{
    vt_strbuf sb = {0};
    vt_strbuf_printf(&sb, "%s: ", source);
    if (stage)
        vt_strbuf_printf(&sb, "%s: ", stage);
    if (page > 0)
        vt_strbuf_printf(&sb, "page %d: ", page);
    vt_strbuf_puts(&sb, text);
    return vt_strbuf_take(&sb);
}

static bool add_message(vt_document *doc, vt_message **list, size_t *count, size_t *cap,
                        const char *stage, int page, const char *fmt, va_list ap)
{
    char *text = vt_vformat(fmt, ap);
    if (!text)
        return false;
    char *display = format_display(doc->source, stage, page, text);
    vt_document_lock(doc);
    bool grown = display && vt_array_grow((void **)list, count, cap, sizeof **list);
    if (grown)
        (*list)[*count - 1] = (vt_message){.stage = stage, .page = page, .text = text,
                                           .display = display};
    vt_document_unlock(doc);
    if (!grown) {
        free(text);
        free(display);
    }
    return grown;
}

bool vt_document_error_add(vt_document *doc, const char *stage, int page, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = add_message(doc, &doc->errors, &doc->n_errors, &doc->cap_errors, stage, page,
                          fmt, ap);
    va_end(ap);
    return ok;
}

bool vt_document_warn(vt_document *doc, const char *stage, int page, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = add_message(doc, &doc->warnings, &doc->n_warnings, &doc->cap_warnings, stage,
                          page, fmt, ap);
    va_end(ap);
    return ok;
}

static void free_messages(vt_message *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].text);
        free(list[i].display);
    }
    free(list);
}

static void free_page(vt_page *page)
{
    for (size_t b = 0; b < page->n_blocks; b++) {
        vt_block *block = &page->blocks[b];
        for (size_t l = 0; l < block->n_lines; l++) {
            vt_line *line = &block->lines[l];
            for (size_t w = 0; w < line->n_words; w++) {
                free(line->words[w].text);
                free(line->words[w].alternatives);
                free(line->words[w].repaired_from);
            }
            free(line->words);
        }
        free(block->lines);
    }
    free(page->blocks);
    free(page->text);
    vt_page_forget_binary(page);
    if (page->image)
        pixDestroy(&page->image);
}

void vt_document_free(vt_document *doc)
{
    if (!doc)
        return;
    vt_document_clear_repairs(doc);
    free(doc->repairs);
    vt_document_free_outputs(doc);
    for (size_t p = 0; p < doc->n_pages; p++)
        free_page(&doc->pages[p]);
    free(doc->pages);
    if (doc->page_source.destroy)
        doc->page_source.destroy(doc->page_source.state);
    free(doc->input);
    free(doc->text);
    free(doc->timings);
    free_messages(doc->errors, doc->n_errors);
    free_messages(doc->warnings, doc->n_warnings);
    free(doc->source);
    free(doc);
}

const char *vt_input_kind_name(vt_input_kind kind)
{
    switch (kind) {
    case VT_INPUT_IMAGE: return "image";
    case VT_INPUT_PDF:   return "pdf";
    case VT_INPUT_TEXT:  return "text";
    case VT_INPUT_AUTO:  break;
    }
    return "auto";
}
