/*
 * json.c — the JSON record of a document (schema: pipeline/output-schema.json).
 *
 * json-c does the escaping and number formatting; keys are stable because other
 * tools read them. This file writes what every document has (its text, pages,
 * words, repairs, margin notes, messages); the results stages attach beside the
 * text (document, dates, references, receipt_stamp, seals, attachments) write
 * their own members, through their output kind (output.h).
 */
#include <json-c/json.h>
#include <json-c/printbuf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "json_write.h"
#include "output.h"
#include "output_check.h"
#include "strbuf.h"

static json_object *quality_json(const vt_page *page, bool *ok)
{
    json_object *q = json_object_new_object();
    if (!q) {
        *ok = false;
        return NULL;
    }
    vt_json_add(q, "score", vt_json_share(page->quality.score), ok);
    vt_json_add(q, "low_confidence", vt_json_share(page->quality.low_confidence), ok);
    vt_json_add(q, "not_vietnamese", vt_json_share(page->quality.not_vietnamese), ok);
    vt_json_add(q, "words", json_object_new_int64((int64_t)page->quality.words), ok);
    vt_json_add(q, "below_minimum", json_object_new_boolean(page->quality.below_minimum), ok);
    return q;
}

static json_object *alternatives_json(const vt_word *word, bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr) {
        *ok = false;
        return NULL;
    }
    for (size_t i = 0; i < word->n_alternatives && *ok; i++) {
        const vt_alternative *alt = &word->alternatives[i];
        json_object *aj = json_object_new_object();
        if (!aj) {
            *ok = false;
            break;
        }
        vt_json_add(aj, "symbol", json_object_new_int((int)alt->symbol), ok);
        vt_json_add(aj, "text", json_object_new_string(alt->text), ok);
        vt_json_add(aj, "confidence", vt_json_rounded(alt->confidence), ok);
        vt_json_push(arr, aj, ok);
    }
    return arr;
}

static json_object *line_json(const vt_line *line, bool *ok)
{
    json_object *obj = json_object_new_object();
    json_object *words = json_object_new_array();
    if (!obj || !words) {
        json_object_put(obj);
        json_object_put(words);
        *ok = false;
        return NULL;
    }
    for (size_t w = 0; w < line->n_words && *ok; w++) {
        const vt_word *word = &line->words[w];
        if (word->text[0] == '\0')
            continue;   /* a dropped speck: it is listed in `repairs` */
        json_object *wj = json_object_new_object();
        if (!wj) {
            *ok = false;
            break;
        }
        vt_json_add(wj, "text", json_object_new_string(word->text), ok);
        if (word->box.w > 0)
            vt_json_add(wj, "box", vt_json_box(word->box, ok), ok);
        if (word->confidence >= 0)
            vt_json_add(wj, "confidence", vt_json_rounded(word->confidence), ok);
        if (word->n_alternatives > 0)
            vt_json_add(wj, "alternatives", alternatives_json(word, ok), ok);
        vt_json_push(words, wj, ok);
    }
    if (line->box.w > 0)
        vt_json_add(obj, "box", vt_json_box(line->box, ok), ok);
    vt_json_add(obj, "words", words, ok);
    return obj;
}

static const char *block_kind_name(vt_block_kind kind)
{
    switch (kind) {
    case VT_BLOCK_STAMP:       return "stamp";
    case VT_BLOCK_MARGIN_NOTE: return "margin_note";
    case VT_BLOCK_TEXT:        break;
    }
    return "text";
}

static json_object *page_json(const vt_page *page, bool *ok)
{
    json_object *obj = json_object_new_object();
    json_object *blocks = json_object_new_array();
    if (!obj || !blocks) {
        json_object_put(obj);
        json_object_put(blocks);
        *ok = false;
        return NULL;
    }
    vt_json_add(obj, "number", json_object_new_int(page->number), ok);
    vt_json_add(obj, "text", json_object_new_string(page->text ? page->text : ""), ok);
    vt_json_add(obj, "width", json_object_new_int(page->width), ok);
    vt_json_add(obj, "height", json_object_new_int(page->height), ok);
    /* json-c represents null as a NULL pointer, so nulls are added without vt_json_add()'s
     * allocation check. */
    if (page->dpi > 0)
        vt_json_add(obj, "dpi", json_object_new_int(page->dpi), ok);
    else
        vt_json_add_null(obj, "dpi");
    if (page->mean_confidence >= 0)
        vt_json_add(obj, "mean_confidence", vt_json_rounded(page->mean_confidence), ok);
    else
        vt_json_add_null(obj, "mean_confidence");
    if (page->quality.score >= 0)
        vt_json_add(obj, "quality", quality_json(page, ok), ok);
    else
        vt_json_add_null(obj, "quality");
    for (size_t b = 0; b < page->n_blocks && *ok; b++) {
        const vt_block *block = &page->blocks[b];
        json_object *bj = json_object_new_object();
        json_object *lines = json_object_new_array();
        if (!bj || !lines) {
            json_object_put(bj);
            json_object_put(lines);
            *ok = false;
            break;
        }
        vt_json_add(bj, "kind", json_object_new_string(block_kind_name(block->kind)), ok);
        if (block->box.w > 0)
            vt_json_add(bj, "box", vt_json_box(block->box, ok), ok);
        for (size_t l = 0; l < block->n_lines && *ok; l++)
            vt_json_push(lines, line_json(&block->lines[l], ok), ok);
        vt_json_add(bj, "lines", lines, ok);
        vt_json_push(blocks, bj, ok);
    }
    vt_json_add(obj, "blocks", blocks, ok);
    return obj;
}

static json_object *messages_json(const vt_message *list, size_t count, bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr) {
        *ok = false;
        return NULL;
    }
    for (size_t i = 0; i < count && *ok; i++) {
        json_object *m = json_object_new_object();
        if (!m) {
            *ok = false;
            break;
        }
        if (list[i].stage)
            vt_json_add(m, "stage", json_object_new_string(list[i].stage), ok);
        else
            vt_json_add_null(m, "stage");
        if (list[i].page > 0)
            vt_json_add(m, "page", json_object_new_int(list[i].page), ok);
        else
            vt_json_add_null(m, "page");
        vt_json_add(m, "message", vt_json_string(list[i].text), ok);
        vt_json_push(arr, m, ok);
    }
    return arr;
}

/* A margin note's text: its words joined by spaces, its lines by newlines. */
static char *note_text(const vt_block *block)
{
    vt_strbuf sb = {0};
    for (size_t l = 0; l < block->n_lines; l++) {
        if (l > 0)
            vt_strbuf_putc(&sb, '\n');
        for (size_t w = 0; w < block->lines[l].n_words; w++) {
            if (w > 0)
                vt_strbuf_putc(&sb, ' ');
            vt_strbuf_puts(&sb, block->lines[l].words[w].text);
        }
    }
    return vt_strbuf_take(&sb);
}

static json_object *margin_note_json(const vt_page *page, const vt_block *block, bool *ok)
{
    json_object *obj = json_object_new_object();
    char *text = note_text(block);
    if (!obj || !text) {
        json_object_put(obj);
        free(text);
        *ok = false;
        return NULL;
    }
    double sum = 0;
    size_t known = 0;
    for (size_t l = 0; l < block->n_lines; l++)
        for (size_t w = 0; w < block->lines[l].n_words; w++)
            if (block->lines[l].words[w].confidence >= 0) {
                sum += block->lines[l].words[w].confidence;
                known++;
            }
    vt_json_add(obj, "page", json_object_new_int(page->number), ok);
    vt_json_add(obj, "text", vt_json_string(text), ok);
    vt_json_add(obj, "box", vt_json_box(block->box, ok), ok);
    if (known)
        vt_json_add(obj, "confidence", vt_json_rounded(sum / known), ok);
    else
        vt_json_add_null(obj, "confidence");
    free(text);
    return obj;
}

/* Every block the margin_notes stage set apart, page by page. */
static json_object *margin_notes_json(const vt_document *doc, bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr) {
        *ok = false;
        return NULL;
    }
    for (size_t p = 0; p < doc->n_pages && *ok; p++)
        for (size_t b = 0; b < doc->pages[p].n_blocks && *ok; b++)
            if (doc->pages[p].blocks[b].kind == VT_BLOCK_MARGIN_NOTE)
                vt_json_push(arr, margin_note_json(&doc->pages[p], &doc->pages[p].blocks[b], ok), ok);
    return arr;
}

static json_object *repairs_json(const vt_document *doc, bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr) {
        *ok = false;
        return NULL;
    }
    for (size_t i = 0; i < doc->n_repairs && *ok; i++) {
        const vt_repair_record *r = &doc->repairs[i];
        json_object *rj = json_object_new_object();
        if (!rj) {
            *ok = false;
            break;
        }
        vt_json_add(rj, "from", vt_json_string(r->from), ok);
        vt_json_add(rj, "to", vt_json_string(r->to), ok);
        vt_json_add(rj, "start", json_object_new_int64((int64_t)r->start), ok);
        vt_json_add(rj, "end", json_object_new_int64((int64_t)r->end), ok);
        vt_json_add(rj, "page", json_object_new_int(r->page), ok);
        vt_json_add(rj, "stage", json_object_new_string(r->stage), ok);
        if (r->has_score)
            vt_json_add(rj, "score", vt_json_rounded(r->score), ok);
        else
            vt_json_add_null(rj, "score");
        vt_json_push(arr, rj, ok);
    }
    return arr;
}

/* --- the pages, one at a time --------------------------------------------
 *
 * A page's words are most of a record (about 60 KB of JSON a page, ten times
 * that as a json-c tree). The "pages" member is therefore an empty array with
 * its own serializer, which builds one page's tree, prints it and frees it
 * before the next: a 1000-page record never holds more than one page's tree.
 * The layout is json-c's own for arrays, so the bytes are what a full tree
 * gives. */

static void indent(struct printbuf *pb, int level, int flags)
{
    if (flags & JSON_C_TO_STRING_PRETTY)
        printbuf_memset(pb, -1, ' ', level * 2);
}

/* The page's JSON, printed at `level`: its own newlines get the indent. */
static bool append_page(struct printbuf *pb, const vt_page *page, int level, int flags)
{
    bool ok = true;
    json_object *pj = page_json(page, &ok);
    const char *s = ok && pj ? json_object_to_json_string_ext(pj, flags) : NULL;
    if (s) {
        for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
            printbuf_memappend(pb, s, (int)(nl - s + 1));
            indent(pb, level, flags);
        }
        printbuf_memappend(pb, s, (int)strlen(s));
    }
    json_object_put(pj);
    return s != NULL;
}

/* What the serializer prints: the pages, not the document, whose record may be
 * a stack copy gone by the time the tree is printed (refused_json). */
typedef struct page_list {
    const vt_page *pages;
    size_t n_pages;
} page_list;

static void free_page_list(json_object *jso, void *userdata)
{
    (void)jso;
    free(userdata);
}

static int pages_to_json(json_object *jso, struct printbuf *pb, int level, int flags)
{
    const page_list *list = json_object_get_userdata(jso);
    bool pretty = flags & JSON_C_TO_STRING_PRETTY;
    bool spaced = (flags & JSON_C_TO_STRING_SPACED) && !pretty;
    printbuf_strappend(pb, "[");
    if (pretty)
        printbuf_strappend(pb, "\n");
    for (size_t p = 0; p < list->n_pages; p++) {
        if (p > 0) {
            printbuf_strappend(pb, ",");
            if (pretty)
                printbuf_strappend(pb, "\n");
        }
        if (spaced)
            printbuf_strappend(pb, " ");
        indent(pb, level + 1, flags);
        if (!append_page(pb, &list->pages[p], level + 1, flags))
            return -1;      /* out of memory: json-c then gives no string at all */
    }
    if (pretty) {
        if (list->n_pages > 0)
            printbuf_strappend(pb, "\n");
        indent(pb, level, flags);
    }
    return spaced ? printbuf_strappend(pb, " ]") : printbuf_strappend(pb, "]");
}

static json_object *pages_json(const vt_document *doc, bool *ok)
{
    json_object *pages = json_object_new_array();
    page_list *list = malloc(sizeof *list);
    if (!pages || !list) {
        json_object_put(pages);
        free(list);
        *ok = false;
        return NULL;
    }
    *list = (page_list){.pages = doc->pages, .n_pages = doc->n_pages};
    json_object_set_serializer(pages, pages_to_json, list, free_page_list);
    return pages;
}

static json_object *document_json(const vt_document *doc, bool *ok)
{
    json_object *root = json_object_new_object();
    json_object *timings = json_object_new_object();
    if (!root || !timings) {
        json_object_put(root);
        json_object_put(timings);
        *ok = false;
        return NULL;
    }
    vt_json_add(root, "source", vt_json_string(doc->source), ok);
    vt_json_add(root, "kind", json_object_new_string(vt_input_kind_name(doc->kind)), ok);
    vt_json_add(root, "ok", json_object_new_boolean(!doc->failed), ok);
    vt_json_add(root, "text", json_object_new_string(doc->text && !doc->failed ? doc->text : ""), ok);
    vt_json_add(root, "pages", pages_json(doc, ok), ok);
    for (size_t t = 0; t < doc->n_timings && *ok; t++)
        vt_json_add(timings, doc->timings[t].stage, vt_json_rounded(doc->timings[t].ms), ok);
    vt_json_add(root, "timings_ms", timings, ok);
    vt_json_add(root, "repairs", repairs_json(doc, ok), ok);
    vt_json_add(root, "margin_notes", margin_notes_json(doc, ok), ok);
    /* The stages' own results (output.h), each writing its members. */
    for (size_t k = 0; k < vt_output_kind_count() && *ok; k++) {
        const vt_output_kind *kind = vt_output_kind_at(k);
        kind->write_json(vt_document_output(doc, kind), doc, root, ok);
    }
    vt_json_add(root, "errors", messages_json(doc->errors, doc->n_errors, ok), ok);
    vt_json_add(root, "warnings", messages_json(doc->warnings, doc->n_warnings, ok), ok);
    vt_json_add(root, "vanthu_version", json_object_new_string(vt_version()), ok);
    return root;
}

/* The record of a document whose strings are not all UTF-8 (a vanthu bug, see
 * output_check.c): its source, its errors and one more naming the field, and
 * nothing read from it — a tool downstream gets a failure it can act on, never
 * bytes it cannot parse. */
static json_object *refused_json(const vt_document *doc, const char *field, int page, bool *ok)
{
    vt_document shown = {.source = doc->source, .kind = doc->kind, .failed = true,
                         .timings = doc->timings,
                         .n_timings = doc->n_timings, .warnings = doc->warnings,
                         .n_warnings = doc->n_warnings};
    shown.errors = calloc(doc->n_errors + 1, sizeof *shown.errors);
    if (!shown.errors) {
        *ok = false;
        return NULL;
    }
    if (doc->n_errors)
        memcpy(shown.errors, doc->errors, doc->n_errors * sizeof *doc->errors);
    char *text = vt_format("%s is not valid UTF-8 (a bug in vanthu: please report it with "
                           "this file); the record is withheld", field);
    shown.errors[doc->n_errors] = (vt_message){.stage = "json", .page = page, .text = text};
    shown.n_errors = doc->n_errors + 1;
    json_object *root = text ? document_json(&shown, ok) : NULL;
    *ok = *ok && text;
    free(text);
    free(shown.errors);
    return root;
}

char *vt_document_json(const vt_document *doc, unsigned flags)
{
    bool ok = true;
    int page = 0;
    const char *broken = vt_document_broken_string(doc, &page);
    json_object *root = broken ? refused_json(doc, broken, page, &ok) : document_json(doc, &ok);
    char *out = NULL;
    if (root && ok) {
        int style = JSON_C_TO_STRING_NOSLASHESCAPE
                    | ((flags & VT_JSON_PRETTY) ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                                                : JSON_C_TO_STRING_PLAIN);
        const char *s = json_object_to_json_string_ext(root, style);
        out = s ? strdup(s) : NULL;
    }
    json_object_put(root);
    return out;
}
