/*
 * document_text.c — the composed text of a document and what is anchored in it.
 *
 * After emit, a few stages work on doc->text itself rather than on words: removing
 * receipt-stamp debris OCR mixed into the header, writing dates and document
 * numbers canonically. Offsets recorded before such an edit (repairs) must follow
 * the text, and the page texts must stay the pieces of doc->text between form
 * feeds, so every text edit goes through vt_document_edit_text().
 */
#include <stdlib.h>
#include <string.h>

#include "document.h"

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

/* Move the repairs recorded so far through the edits; drop those an edit touched. */
static void remap_repairs(vt_document *doc, const vt_text_edits *edits)
{
    size_t kept = 0;
    for (size_t i = 0; i < doc->n_repairs; i++) {
        vt_repair_record r = doc->repairs[i];
        bool inside_start, inside_end;
        size_t start = vt_text_edits_map(edits, r.start, false, &inside_start);
        size_t end = vt_text_edits_map(edits, r.end, true, &inside_end);
        if (inside_start || inside_end || end <= start) {
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

/* Each edit of a stage is a repair of its own, placed in the new text. */
static bool record_edits(vt_document *doc, const vt_text_edits *edits, const char *stage,
                         const char *old_text)
{
    for (size_t i = 0; i < edits->count; i++) {
        const vt_text_edit *e = &edits->items[i];
        char *from = strndup(old_text + e->start, e->end - e->start);
        if (!from)
            return false;
        size_t start = vt_text_edits_map(edits, e->start, false, NULL);
        bool ok = vt_document_add_repair(doc, stage, from, e->text, start, start + e->text_len,
                                         vt_document_page_at(doc, start), NULL);
        free(from);
        if (!ok)
            return false;
    }
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
    /* Nothing below can fail except recording the edits, which leaves the old
     * repairs valid for the new text anyway. */
    char *old_text = doc->text;
    doc->text = text;
    for (size_t i = 0; i < doc->n_pages; i++) {
        free(doc->pages[i].text);
        doc->pages[i].text = pieces[i];
    }
    free(pieces);
    remap_repairs(doc, edits);
    ok = !stage || record_edits(doc, edits, stage, old_text);
    free(old_text);
    if (doc->n_repairs > 1)
        qsort(doc->repairs, doc->n_repairs, sizeof *doc->repairs, by_start);
    return ok;
}
