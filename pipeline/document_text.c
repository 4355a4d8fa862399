/*
 * document_text.c — the composed text of a document and what is anchored in it.
 *
 * After compose, a few stages work on doc->text itself rather than on words: removing
 * receipt-stamp debris OCR mixed into the header, writing dates and document
 * numbers canonically. Offsets recorded before such an edit (repairs) must follow
 * the text, and the page texts must stay the pieces of doc->text between form
 * feeds, so every text edit goes through vt_document_edit_text().
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "document.h"
#include "strbuf.h"

bool vt_document_add_repair(vt_document *doc, const char *stage, const char *from,
                            const char *to, size_t start, size_t end, int page,
                            const double *score)
{
    char *from_copy = strdup(from);
    char *to_copy = strdup(to);
    if (!from_copy || !to_copy ||
        !vt_array_grow((void **)&doc->repairs, &doc->n_repairs, &doc->cap_repairs,
                       sizeof *doc->repairs)) {
        free(from_copy);
        free(to_copy);
        return false;
    }
    doc->repairs[doc->n_repairs - 1] = (vt_repair_record){
        .from = from_copy, .to = to_copy, .start = start, .end = end, .page = page,
        .score = score ? *score : 0.0, .has_score = score != NULL, .stage = stage};
    return true;
}

void vt_document_clear_repairs(vt_document *doc)
{
    for (size_t i = 0; i < doc->n_repairs; i++) {
        free(doc->repairs[i].from);
        free(doc->repairs[i].to);
    }
    doc->n_repairs = 0;
}

int vt_document_page_at(const vt_document *doc, size_t offset)
{
    if (!doc->text || doc->n_pages == 0)
        return 0;
    size_t page = 0;
    for (size_t i = 0; i < offset && doc->text[i]; i++)
        page += doc->text[i] == '\f';
    return page < doc->n_pages ? doc->pages[page].number : doc->pages[doc->n_pages - 1].number;
}

static size_t count_page_breaks(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\f';
    return n;
}

/* Page i's text is the piece of `text` after the i-th form feed. */
static bool cut_pages(vt_document *doc, const char *text, char **pieces)
{
    const char *p = text;
    for (size_t i = 0; i < doc->n_pages; i++) {
        const char *end = strchr(p, '\f');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        pieces[i] = strndup(p, n);
        if (!pieces[i])
            return false;
        p = end ? end + 1 : p + n;
    }
    return true;
}

/* Whether an earlier repair's text and an edit's range meet: they share bytes,
 * or the edit inserts inside the repair. */
static bool touches(const vt_repair_record *r, const vt_text_edit *e)
{
    if (e->start == e->end)
        return r->start < e->start && e->start < r->end;
    return r->start < e->end && e->start < r->end;
}

/* Move the repairs recorded so far through the edits; drop those an edit touched
 * (`merged` marks the ones record_edits already folded into a new repair). */
static void remap_repairs(vt_document *doc, const vt_text_edits *edits, const bool *merged)
{
    size_t kept = 0;
    for (size_t i = 0; i < doc->n_repairs; i++) {
        vt_repair_record r = doc->repairs[i];
        bool inside_start, inside_end;
        size_t start = vt_text_edits_map(edits, r.start, false, &inside_start);
        size_t end = vt_text_edits_map(edits, r.end, true, &inside_end);
        /* A repair of no width (a speck line_specks dropped) stays one, also
         * inside text a cut removed, where it moves to the cut's place: what OCR
         * read there is then still said. A repair whose text an edit removed goes. */
        if (r.start == r.end && !(merged && merged[i])) {
            r.start = r.end = start;
            doc->repairs[kept++] = r;
            continue;
        }
        if ((merged && merged[i]) || inside_start || inside_end || end <= start) {
            free(r.from);
            free(r.to);
            continue;
        }
        r.start = start;
        r.end = end;
        doc->repairs[kept++] = r;
    }
    doc->n_repairs = kept;
}

/* Move every word's place in the text through the edits. A word an edit
 * replaced in part keeps the whole replacement (a date respaced inside it); one
 * an edit removed (stamp debris taken out of the header) is in the text no more.
 * compose wrote the words in document order, so their places only grow and one
 * walk over the edits serves them all (a long PDF has many of both). */
static void remap_word_spans(vt_document *doc, const vt_text_edits *edits)
{
    vt_text_edits_cursor starts = {0}, ends = {0};
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t b = 0; b < doc->pages[p].n_blocks; b++)
            for (size_t l = 0; l < doc->pages[p].blocks[b].n_lines; l++) {
                vt_line *line = &doc->pages[p].blocks[b].lines[l];
                for (size_t w = 0; w < line->n_words; w++) {
                    vt_word *word = &line->words[w];
                    if (!word->in_text)
                        continue;
                    word->text_start = vt_text_edits_map_from(edits, &starts, word->text_start,
                                                              false, NULL);
                    word->text_end = vt_text_edits_map_from(edits, &ends, word->text_end, true,
                                                            NULL);
                    word->in_text = word->text_end > word->text_start;
                }
            }
}

/* One edit as a repair. An edit over text an earlier repair wrote (an ISO date
 * over a date canonical_forms respaced) takes that repair in: the record spans both,
 * and its `from` is the text as it was before either, so undoing the repairs
 * still gives back what the page said. */
typedef struct pending_repair {
    char *from, *to;
    size_t start, end;     /* in the new text */
} pending_repair;

static bool prepare_repair(const vt_document *doc, const vt_text_edits *edits, size_t index,
                           const char *old_text, bool *merged, pending_repair *out)
{
    const vt_text_edit *e = &edits->items[index];
    size_t start = e->start, end = e->end;
    for (size_t i = 0; i < doc->n_repairs; i++)
        if (touches(&doc->repairs[i], e)) {
            merged[i] = true;
            start = doc->repairs[i].start < start ? doc->repairs[i].start : start;
            end = doc->repairs[i].end > end ? doc->repairs[i].end : end;
        }
    vt_strbuf from = {0}, to = {0};
    vt_strbuf_puts(&from, "");
    size_t at = start;
    for (size_t i = 0; i < doc->n_repairs; i++) {   /* repairs are sorted by start */
        const vt_repair_record *r = &doc->repairs[i];
        if (!merged[i] || r->start < at || r->end > end)
            continue;
        vt_strbuf_append(&from, old_text + at, r->start - at);
        vt_strbuf_puts(&from, r->from);
        at = r->end;
    }
    vt_strbuf_append(&from, old_text + at, end - at);
    vt_strbuf_append(&to, old_text + start, e->start - start);
    vt_strbuf_append(&to, e->text, e->text_len);
    vt_strbuf_append(&to, old_text + e->end, end - e->end);
    out->from = vt_strbuf_take(&from);
    out->to = vt_strbuf_take(&to);
    if (!out->to)
        out->to = strdup("");
    out->start = vt_text_edits_map(edits, start, false, NULL);
    out->end = out->start + (out->to ? strlen(out->to) : 0);
    return out->from && out->to;
}

static void free_pending(pending_repair *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].from);
        free(p[i].to);
    }
    free(p);
}

/* Each edit of a stage is a repair of its own, placed in the new text. */
static bool record_edits(vt_document *doc, const pending_repair *p, size_t n, const char *stage)
{
    for (size_t i = 0; i < n; i++)
        if (!vt_document_add_repair(doc, stage, p[i].from, p[i].to, p[i].start, p[i].end,
                                    vt_document_page_at(doc, p[i].start), NULL))
            return false;
    return true;
}

static int by_start(const void *x, const void *y)
{
    const vt_repair_record *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

bool vt_document_edit_text(vt_document *doc, const vt_text_edits *edits, const char *stage,
                           const char **error)
{
    *error = "out of memory";
    if (!doc->text || edits->count == 0)
        return true;
    size_t old_len = strlen(doc->text);
    size_t new_len;
    char *text = vt_text_edits_apply(edits, doc->text, old_len, &new_len);
    if (!text)
        return false;
    if (count_page_breaks(text, new_len) != count_page_breaks(doc->text, old_len)) {
        free(text);
        *error = "internal error: a text edit crossed a page break";
        return false;
    }
    char **pieces = calloc(doc->n_pages ? doc->n_pages : 1, sizeof *pieces);
    bool ok = pieces && cut_pages(doc, text, pieces);
    if (!ok) {
        for (size_t i = 0; pieces && i < doc->n_pages; i++)
            free(pieces[i]);
        free(pieces);
        free(text);
        return false;
    }
    bool *merged = calloc(doc->n_repairs + 1, sizeof *merged);
    pending_repair *pending = stage ? calloc(edits->count, sizeof *pending) : NULL;
    ok = merged && (!stage || pending);
    for (size_t i = 0; ok && stage && i < edits->count; i++)
        ok = prepare_repair(doc, edits, i, doc->text, merged, &pending[i]);
    if (!ok) {
        for (size_t i = 0; i < doc->n_pages; i++)
            free(pieces[i]);
        free(pieces);
        free(text);
        free(merged);
        free_pending(pending, stage ? edits->count : 0);
        return false;
    }
    /* Nothing below can fail except recording the edits, which leaves the old
     * repairs valid for the new text anyway. */
    char *old_text = doc->text;
    doc->text = text;
    for (size_t i = 0; i < doc->n_pages; i++) {
        free(doc->pages[i].text);
        doc->pages[i].text = pieces[i];
    }
    free(pieces);
    remap_repairs(doc, edits, stage ? merged : NULL);
    remap_word_spans(doc, edits);
    ok = !stage || record_edits(doc, pending, edits->count, stage);
    free(merged);
    free_pending(pending, stage ? edits->count : 0);
    free(old_text);
    if (doc->n_repairs > 1)
        qsort(doc->repairs, doc->n_repairs, sizeof *doc->repairs, by_start);
    return ok;
}
