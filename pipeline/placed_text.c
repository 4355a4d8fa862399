/*
 * placed_text.c — lay a page's final text over the OCR words' boxes
 * (placed_text.h says why the text, not the words, leads).
 *
 * A token of the text covers bytes of doc->text; every word whose place in the
 * text overlaps them lends the token the matching share of its box, cut across
 * its width by characters ("ngày12" respaced into "ngày 12" gives each part its
 * own slice; "115 /CV" joined into one token takes both boxes). A token no word
 * covers (text a stage inserted) sits between its neighbours on the line.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "placed_text.h"

typedef struct word_ref {
    const vt_word *word;
} word_ref;

static int by_text_start(const void *x, const void *y)
{
    const vt_word *a = ((const word_ref *)x)->word, *b = ((const word_ref *)y)->word;
    return a->text_start < b->text_start ? -1 : a->text_start > b->text_start;
}

/* Characters (not bytes) in s[a, b): boxes are cut by characters, and a
 * Vietnamese letter takes one to three bytes. */
static size_t count_chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The slice of `word`'s box under doc->text[a, b) (a part of the word's span). */
static vt_box word_slice(const char *text, const vt_word *word, size_t a, size_t b)
{
    vt_box box = word->box;
    size_t total = count_chars(text, word->text_start, word->text_end);
    if (box.w == 0 || total == 0)
        return box;
    size_t before = count_chars(text, word->text_start, a);
    size_t inside = count_chars(text, a, b);
    int x0 = box.x + (int)((long long)box.w * (long long)before / (long long)total);
    int x1 = box.x + (int)((long long)box.w * (long long)(before + inside) / (long long)total);
    box.x = x0;
    box.w = x1 > x0 ? x1 - x0 : 1;
    return box;
}

typedef struct placer {
    const char *doc_text;
    size_t base;              /* offset of the page's text in doc->text */
    word_ref *refs;           /* the page's words in the text, by text_start */
    size_t n_refs;
    size_t next_ref;          /* refs before it end before the token under way */
    vt_placed_page *out;
} placer;

/* Box and confidence of the token at doc->text[a, b). */
static void place_token(placer *pl, size_t a, size_t b, vt_placed_word *pw)
{
    while (pl->next_ref < pl->n_refs && pl->refs[pl->next_ref].word->text_end <= a)
        pl->next_ref++;
    pw->box = (vt_box){0};
    pw->confidence = -1;
    for (size_t i = pl->next_ref; i < pl->n_refs; i++) {
        const vt_word *w = pl->refs[i].word;
        if (w->text_start >= b)
            break;
        if (w->text_end <= a)
            continue;
        size_t from = w->text_start > a ? w->text_start : a;
        size_t to = w->text_end < b ? w->text_end : b;
        pw->box = vt_box_union(pw->box, word_slice(pl->doc_text, w, from, to));
        if (w->confidence >= 0 && (pw->confidence < 0 || w->confidence < pw->confidence))
            pw->confidence = w->confidence;
    }
}

/* A token nothing lies under takes the room between its placed neighbours, or
 * a width by characters beside the one it has. */
static void place_orphans(vt_placed_word *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (words[i].box.w)
            continue;
        const vt_placed_word *prev = NULL, *next = NULL;
        for (size_t j = i; j-- > 0;)
            if (words[j].box.w) { prev = &words[j]; break; }
        for (size_t j = i + 1; j < n; j++)
            if (words[j].box.w) { next = &words[j]; break; }
        if (!prev && !next)
            return;                          /* a line with no geometry at all */
        const vt_placed_word *ref = prev ? prev : next;
        size_t ref_chars = count_chars(ref->text, 0, ref->len);
        int char_w = ref->box.w / (int)(ref_chars ? ref_chars : 1);
        int width = char_w * (int)count_chars(words[i].text, 0, words[i].len);
        vt_box box = {.y = ref->box.y, .h = ref->box.h, .w = width > 0 ? width : 1};
        if (prev && next && next->box.x > prev->box.x + prev->box.w) {
            box.x = prev->box.x + prev->box.w;
            box.w = next->box.x - box.x;
        } else {
            box.x = prev ? prev->box.x + prev->box.w + char_w : next->box.x - char_w - box.w;
        }
        if (box.x < 0)
            box.x = 0;
        words[i].box = box;
    }
}

static bool add_block(vt_placed_page *out, vt_block_kind kind)
{
    if (!VT_ARRAY_GROW(out->blocks, out->n_blocks, out->cap_blocks))
        return false;
    out->blocks[out->n_blocks - 1] = (vt_placed_block){.first_line = out->n_lines, .kind = kind};
    return true;
}

static bool add_line(vt_placed_page *out)
{
    if (!VT_ARRAY_GROW(out->lines, out->n_lines, out->cap_lines))
        return false;
    out->lines[out->n_lines - 1] = (vt_placed_line){.first_word = out->n_words};
    out->blocks[out->n_blocks - 1].n_lines++;
    return true;
}

static bool add_word(vt_placed_page *out, const char *text, size_t len)
{
    if (!VT_ARRAY_GROW(out->words, out->n_words, out->cap_words))
        return false;
    out->words[out->n_words - 1] = (vt_placed_word){.text = text, .len = len, .confidence = -1};
    out->lines[out->n_lines - 1].n_words++;
    return true;
}

/* Boxes of the line under way and of its block, from their words. */
static void close_line(vt_placed_page *out)
{
    vt_placed_line *line = &out->lines[out->n_lines - 1];
    place_orphans(out->words + line->first_word, line->n_words);
    for (size_t i = 0; i < line->n_words; i++)
        line->box = vt_box_union(line->box, out->words[line->first_word + i].box);
    vt_placed_block *block = &out->blocks[out->n_blocks - 1];
    block->box = vt_box_union(block->box, line->box);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

/* The text blocks: runs of non-blank lines, as compose writes them. */
static bool place_text_lines(placer *pl, const char *text)
{
    vt_placed_page *out = pl->out;
    bool in_block = false;
    for (const char *line = text; *line;) {
        const char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        size_t i = 0;
        while (i < n && is_space(line[i]))
            i++;
        if (i == n) {
            in_block = false;
        } else {
            if ((!in_block && !add_block(out, VT_BLOCK_TEXT)) || !add_line(out))
                return false;
            in_block = true;
            while (i < n) {
                size_t start = i;
                while (i < n && !is_space(line[i]))
                    i++;
                if (!add_word(out, line + start, i - start))
                    return false;
                size_t at = pl->base + (size_t)(line - text);
                place_token(pl, at + start, at + i, &out->words[out->n_words - 1]);
                while (i < n && is_space(line[i]))
                    i++;
            }
            close_line(out);
        }
        line += n + (eol != NULL);
    }
    return true;
}

/* Stamps and margin notes: not in the text, so their own words as read. */
static bool place_set_apart(const vt_page *page, vt_placed_page *out)
{
    for (size_t b = 0; b < page->n_blocks; b++) {
        const vt_block *block = &page->blocks[b];
        if (block->kind == VT_BLOCK_TEXT || vt_page_word_count(page) == 0)
            continue;
        bool opened = false;
        for (size_t l = 0; l < block->n_lines; l++) {
            const vt_line *line = &block->lines[l];
            bool line_opened = false;
            for (size_t w = 0; w < line->n_words; w++) {
                const vt_word *word = &line->words[w];
                if (!word->text[0])
                    continue;
                if ((!opened && !add_block(out, block->kind)) || (!line_opened && !add_line(out))
                    || !add_word(out, word->text, strlen(word->text)))
                    return false;
                opened = line_opened = true;
                out->words[out->n_words - 1].box = word->box;
                out->words[out->n_words - 1].confidence = word->confidence;
            }
            if (line_opened)
                close_line(out);
        }
    }
    return true;
}

static bool collect_words(const vt_page *page, word_ref **refs, size_t *n)
{
    size_t cap = 0;
    *refs = NULL;
    *n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            for (size_t w = 0; w < page->blocks[b].lines[l].n_words; w++) {
                const vt_word *word = &page->blocks[b].lines[l].words[w];
                if (!word->in_text)
                    continue;
                if (!vt_array_grow((void **)refs, n, &cap, sizeof **refs))
                    return false;
                (*refs)[*n - 1].word = word;
            }
    if (*n > 1)
        qsort(*refs, *n, sizeof **refs, by_text_start);
    return true;
}

/* Page `index`, whose text starts at byte `base` of doc->text. */
static bool place_page_at(const vt_document *doc, size_t index, size_t base, vt_placed_page *out)
{
    *out = (vt_placed_page){0};
    const vt_page *page = &doc->pages[index];
    placer pl = {.doc_text = doc->text ? doc->text : "", .base = base, .out = out};
    bool ok = collect_words(page, &pl.refs, &pl.n_refs)
              && (!page->text || !doc->text || place_text_lines(&pl, page->text))
              && place_set_apart(page, out);
    free(pl.refs);
    if (!ok)
        vt_placed_page_free(out);
    return ok;
}

/* Each page's text follows the ones before it and their "\f". */
static size_t next_page_base(const vt_document *doc, size_t index, size_t base)
{
    return base + strlen(doc->pages[index].text ? doc->pages[index].text : "") + 1;
}

bool vt_place_page_text(const vt_document *doc, size_t index, vt_placed_page *out)
{
    size_t base = 0;
    for (size_t i = 0; i < index; i++)
        base = next_page_base(doc, i, base);
    return place_page_at(doc, index, base, out);
}

bool vt_place_each_page(const vt_document *doc, vt_placed_page_fn write, void *user)
{
    size_t base = 0;
    for (size_t p = 0; p < doc->n_pages; p++) {
        vt_placed_page pp;
        if (!place_page_at(doc, p, base, &pp))
            return false;
        bool ok = write(user, p, &pp);
        vt_placed_page_free(&pp);
        if (!ok)
            return false;
        base = next_page_base(doc, p, base);
    }
    return true;
}

void vt_placed_page_free(vt_placed_page *page)
{
    free(page->words);
    free(page->lines);
    free(page->blocks);
    *page = (vt_placed_page){0};
}
