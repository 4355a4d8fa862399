/*
 * output_check.c — the last word before a document leaves the library: every
 * string an output carries (text, words, repairs, fields, stamp, seals) is
 * well-formed UTF-8.
 *
 * The stages are written to keep that invariant, so a failure here is a bug in
 * vanthu, not in the input. It is still checked on every document because the
 * cost is one pass over memory already in cache, and the alternative — a text
 * file or JSON record with broken bytes in it — breaks every tool downstream
 * without saying where. A document that fails the check is failed with an error
 * naming the field, and its text is withheld.
 */
#include "output_check.h"

#include <stdio.h>
#include <string.h>

#include "output.h"
#include "utf8.h"

typedef struct checker {
    const char *field;   /* the first field found broken; NULL: all well */
    int page;
} checker;

static void check(checker *c, const char *s, const char *field, int page)
{
    if (c->field || !s || vt_utf8_valid(s, strlen(s)))
        return;
    c->field = field;
    c->page = page;
}

static void check_page(checker *c, const vt_page *page)
{
    check(c, page->text, "page text", page->number);
    for (size_t b = 0; b < page->n_blocks && !c->field; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            const vt_line *line = &page->blocks[b].lines[l];
            for (size_t w = 0; w < line->n_words; w++) {
                const vt_word *word = &line->words[w];
                check(c, word->text, "a word's text", page->number);
                check(c, word->repaired_from, "a word's text before repair", page->number);
                for (size_t a = 0; a < word->n_alternatives; a++) {
                    const vt_alternative *alt = &word->alternatives[a];
                    /* a fixed array: valid only if it is also terminated */
                    if (!memchr(alt->text, '\0', sizeof alt->text))
                        check(c, "\xFF", "a word's alternative reading", page->number);
                    else
                        check(c, alt->text, "a word's alternative reading", page->number);
                }
            }
        }
}

static void visit(void *arg, const char *s, const char *field, int page)
{
    check(arg, s, field, page);
}

static void check_fields(checker *c, const vt_document *doc)
{
    for (size_t i = 0; i < doc->n_repairs; i++) {
        check(c, doc->repairs[i].from, "a repair", doc->repairs[i].page);
        check(c, doc->repairs[i].to, "a repair", doc->repairs[i].page);
    }
    /* In record order, so the first broken string named is the first one a
     * reader of the JSON would meet. */
    for (size_t k = 0; k < vt_output_kind_count() && !c->field; k++) {
        const vt_output_kind *kind = vt_output_kind_at(k);
        const void *value = vt_document_output(doc, kind);
        if (value)
            kind->each_string(value, visit, c);
    }
}

const char *vt_document_broken_string(const vt_document *doc, int *page)
{
    checker c = {0};
    check(&c, doc->text, "the text", 0);
    for (size_t p = 0; p < doc->n_pages && !c.field; p++)
        check_page(&c, &doc->pages[p]);
    if (!c.field)
        check_fields(&c, doc);
    if (page)
        *page = c.page;
    return c.field;
}

bool vt_document_check_output(vt_document *doc)
{
    int page = 0;
    const char *field = vt_document_broken_string(doc, &page);
    if (!field)
        return true;
    vt_document_error_add(doc, "output", page,
                          "%s is not valid UTF-8 (a bug in vanthu: please report it with this "
                          "file); the document's text is withheld",
                          field);
    doc->failed = true;
    return false;
}
