/*
 * json.c — the JSON record of a document (schema: pipeline/output-schema.json).
 *
 * json-c does the escaping and number formatting; keys are stable because other
 * tools read them. Later stages add their own top-level keys (document, dates,
 * references, receipt_stamp, margin_notes, repairs) here, next to the ones below.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "header.h"
#include "output_check.h"
#include "strbuf.h"
#include "utf8.h"

/* json-c's add functions take ownership of `value` even when they fail, so a
 * NULL value (allocation failure) is the only thing to check; add() records it. */
static bool add(json_object *obj, const char *key, json_object *value, bool *ok)
{
    if (!value || json_object_object_add(obj, key, value) != 0)
        *ok = false;
    return *ok;
}

static bool push(json_object *array, json_object *value, bool *ok)
{
    if (!value || json_object_array_add(array, value) != 0) {
        json_object_put(value);
        *ok = false;
    }
    return *ok;
}

/* File names and messages quoting them may hold bytes that are not UTF-8 (old
 * archives); JSON must not, so such bytes become U+FFFD. */
static json_object *utf8_string(const char *s)
{
    size_t len = strlen(s);
    if (vt_utf8_valid(s, len))
        return json_object_new_string(s);
    vt_strbuf sb = {0};
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        if (vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            vt_strbuf_puts(&sb, "\xEF\xBF\xBD");
        else
            vt_strbuf_append(&sb, s + start, pos - start);
    }
    char *clean = vt_strbuf_take(&sb);
    json_object *obj = clean ? json_object_new_string(clean) : NULL;
    free(clean);
    return obj;
}

/* One decimal place is plenty for milliseconds and confidences, and keeps the
 * output stable to read and diff. */
static json_object *rounded(double value)
{
    char text[32];
    snprintf(text, sizeof text, "%.1f", value);
    return json_object_new_double_s(round(value * 10.0) / 10.0, text);
}

/* Shares 0–1, to three places: enough to rank pages, stable across runs. */
static json_object *share(double value)
{
    char text[32];
    snprintf(text, sizeof text, "%.3f", value);
    return json_object_new_double_s(round(value * 1000.0) / 1000.0, text);
}

static json_object *quality_json(const vt_page *page, bool *ok)
{
    json_object *q = json_object_new_object();
    if (!q) {
        *ok = false;
        return NULL;
    }
    add(q, "score", share(page->quality.score), ok);
    add(q, "low_confidence", share(page->quality.low_confidence), ok);
    add(q, "not_vietnamese", share(page->quality.not_vietnamese), ok);
    add(q, "words", json_object_new_int64((int64_t)page->quality.words), ok);
    add(q, "below_minimum", json_object_new_boolean(page->quality.below_minimum), ok);
    return q;
}

static json_object *box_json(vt_box box, bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr) {
        *ok = false;
        return NULL;
    }
    int v[4] = {box.x, box.y, box.w, box.h};
    for (int i = 0; i < 4; i++)
        push(arr, json_object_new_int(v[i]), ok);
    return arr;
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
        add(aj, "symbol", json_object_new_int((int)alt->symbol), ok);
        add(aj, "text", json_object_new_string(alt->text), ok);
        add(aj, "confidence", rounded(alt->confidence), ok);
        push(arr, aj, ok);
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
        json_object *wj = json_object_new_object();
        if (!wj) {
            *ok = false;
            break;
        }
        add(wj, "text", json_object_new_string(word->text), ok);
        if (word->box.w > 0)
            add(wj, "box", box_json(word->box, ok), ok);
        if (word->confidence >= 0)
            add(wj, "confidence", rounded(word->confidence), ok);
        if (word->n_alternatives > 0)
            add(wj, "alternatives", alternatives_json(word, ok), ok);
        push(words, wj, ok);
    }
    if (line->box.w > 0)
        add(obj, "box", box_json(line->box, ok), ok);
    add(obj, "words", words, ok);
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
    add(obj, "number", json_object_new_int(page->number), ok);
    add(obj, "text", json_object_new_string(page->text ? page->text : ""), ok);
    add(obj, "width", json_object_new_int(page->width), ok);
    add(obj, "height", json_object_new_int(page->height), ok);
    /* json-c represents null as a NULL pointer, so nulls are added without add()'s
     * allocation check. */
    if (page->dpi > 0)
        add(obj, "dpi", json_object_new_int(page->dpi), ok);
    else
        json_object_object_add(obj, "dpi", NULL);
    if (page->mean_confidence >= 0)
        add(obj, "mean_confidence", rounded(page->mean_confidence), ok);
    else
        json_object_object_add(obj, "mean_confidence", NULL);
    if (page->quality.score >= 0)
        add(obj, "quality", quality_json(page, ok), ok);
    else
        json_object_object_add(obj, "quality", NULL);
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
        add(bj, "kind", json_object_new_string(block_kind_name(block->kind)), ok);
        if (block->box.w > 0)
            add(bj, "box", box_json(block->box, ok), ok);
        for (size_t l = 0; l < block->n_lines && *ok; l++)
            push(lines, line_json(&block->lines[l], ok), ok);
        add(bj, "lines", lines, ok);
        push(blocks, bj, ok);
    }
    add(obj, "blocks", blocks, ok);
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
            add(m, "stage", json_object_new_string(list[i].stage), ok);
        else
            json_object_object_add(m, "stage", NULL);
        if (list[i].page > 0)
            add(m, "page", json_object_new_int(list[i].page), ok);
        else
            json_object_object_add(m, "page", NULL);
        add(m, "message", utf8_string(list[i].text), ok);
        push(arr, m, ok);
    }
    return arr;
}

static void add_string_or_null(json_object *obj, const char *key, const char *value, bool *ok)
{
    if (value)
        add(obj, key, utf8_string(value), ok);
    else
        json_object_object_add(obj, key, NULL);
}

static json_object *receipt_stamp_json(const vt_receipt_stamp *stamp, bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        *ok = false;
        return NULL;
    }
    add_string_or_null(obj, "org", stamp->org, ok);
    add_string_or_null(obj, "number", stamp->number, ok);
    add_string_or_null(obj, "date", stamp->date, ok);
    add_string_or_null(obj, "forwarded_to", stamp->forwarded_to, ok);
    add_string_or_null(obj, "raw", stamp->raw, ok);
    add(obj, "page", json_object_new_int(stamp->page), ok);
    add(obj, "box", box_json(stamp->box, ok), ok);
    return obj;
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
    add(obj, "page", json_object_new_int(page->number), ok);
    add(obj, "text", utf8_string(text), ok);
    add(obj, "box", box_json(block->box, ok), ok);
    if (known)
        add(obj, "confidence", rounded(sum / known), ok);
    else
        json_object_object_add(obj, "confidence", NULL);
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
                push(arr, margin_note_json(&doc->pages[p], &doc->pages[p].blocks[b], ok), ok);
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
        add(rj, "from", utf8_string(r->from), ok);
        add(rj, "to", utf8_string(r->to), ok);
        add(rj, "start", json_object_new_int64((int64_t)r->start), ok);
        add(rj, "end", json_object_new_int64((int64_t)r->end), ok);
        add(rj, "page", json_object_new_int(r->page), ok);
        add(rj, "stage", json_object_new_string(r->stage), ok);
        if (r->has_score)
            add(rj, "score", rounded(r->score), ok);
        else
            json_object_object_add(rj, "score", NULL);
        push(arr, rj, ok);
    }
    return arr;
}

static json_object *new_array_or_fail(bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr)
        *ok = false;
    return arr;
}

static json_object *date_flags_json(unsigned flags, bool *ok)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        {VT_DATE_YEAR_INFERRED, "year_inferred"}, {VT_DATE_YEAR_MISSING, "year_missing"},
        {VT_DATE_DAY_BLANK, "day_blank"},         {VT_DATE_MONTH_BLANK, "month_blank"},
        {VT_DATE_INVALID, "invalid"},             {VT_DATE_REPAIRED, "repaired"},
    };
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            push(arr, json_object_new_string(names[i].name), ok);
    return arr;
}

static json_object *date_json(const vt_date *d, bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        *ok = false;
        return NULL;
    }
    add(obj, "raw", utf8_string(d->raw), ok);
    add_string_or_null(obj, "iso", d->iso, ok);
    add(obj, "start", json_object_new_int64((int64_t)d->start), ok);
    add(obj, "end", json_object_new_int64((int64_t)d->end), ok);
    add(obj, "kind", json_object_new_string(vt_date_kind_name(d->kind)), ok);
    add(obj, "flags", date_flags_json(d->flags, ok), ok);
    return obj;
}

static json_object *dates_json(const vt_document *doc, bool *ok)
{
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < doc->dates.count && *ok; i++)
        push(arr, date_json(&doc->dates.items[i], ok), ok);
    return arr;
}

static json_object *docnum_json(const vt_docnum *d, bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        *ok = false;
        return NULL;
    }
    add(obj, "raw", utf8_string(d->raw), ok);
    add(obj, "normalized", utf8_string(d->normalized), ok);
    add_string_or_null(obj, "number", d->number && d->number[0] ? d->number : NULL, ok);
    add_string_or_null(obj, "type", d->type, ok);
    add_string_or_null(obj, "issuer", d->issuer && d->issuer[0] ? d->issuer : NULL, ok);
    if (d->year > 0)
        add(obj, "year", json_object_new_int(d->year), ok);
    else
        json_object_object_add(obj, "year", NULL);
    add(obj, "family", json_object_new_string(vt_docnum_family_name(d->family)), ok);
    add_string_or_null(obj, "date", d->date_iso, ok);
    add_string_or_null(obj, "date_raw", d->date_raw, ok);
    add(obj, "repaired", json_object_new_boolean((d->flags & VT_DOCNUM_REPAIRED) != 0), ok);
    add(obj, "start", json_object_new_int64((int64_t)d->start), ok);
    add(obj, "end", json_object_new_int64((int64_t)d->end), ok);
    return obj;
}

static json_object *references_json(const vt_document *doc, bool *ok)
{
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < doc->references.count && *ok; i++)
        push(arr, docnum_json(&doc->references.items[i], ok), ok);
    return arr;
}

static json_object *seals_json(const vt_document *doc, bool *ok)
{
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < doc->n_seals && *ok; i++) {
        const vt_seal *seal = &doc->seals[i];
        json_object *sj = json_object_new_object();
        if (!sj) {
            *ok = false;
            break;
        }
        add(sj, "page", json_object_new_int(seal->page), ok);
        add(sj, "box", box_json(seal->box, ok), ok);
        add_string_or_null(sj, "text", seal->text, ok);
        add_string_or_null(sj, "raw", seal->raw, ok);
        push(arr, sj, ok);
    }
    return arr;
}

static json_object *attachments_json(const vt_document *doc, bool *ok)
{
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < doc->n_attachments && *ok; i++) {
        const vt_attachment *a = &doc->attachments[i];
        json_object *aj = json_object_new_object();
        if (!aj) {
            *ok = false;
            break;
        }
        add(aj, "kind", json_object_new_string(a->kind), ok);
        add_string_or_null(aj, "title", a->title, ok);
        add(aj, "page", json_object_new_int(a->page), ok);
        add(aj, "text", utf8_string(a->text ? a->text : ""), ok);
        push(arr, aj, ok);
    }
    return arr;
}

static json_object *string_array_json(char *const *items, size_t count, bool *ok)
{
    json_object *arr = new_array_or_fail(ok);
    for (size_t i = 0; arr && i < count && *ok; i++)
        push(arr, utf8_string(items[i]), ok);
    return arr;
}

static json_object *signer_json(const vt_signer *s, bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        *ok = false;
        return NULL;
    }
    add_string_or_null(obj, "prefix", s->prefix, ok);
    add_string_or_null(obj, "authority", s->authority, ok);
    add_string_or_null(obj, "role", s->role, ok);
    add_string_or_null(obj, "name", s->name, ok);
    return obj;
}

/* The header of the notice. Every key is present; null (or empty) when the text
 * does not hold that part. */
static json_object *document_fields_json(const vt_document *doc, bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        *ok = false;
        return NULL;
    }
    static const vt_header empty = {0};
    const vt_header *h = doc->header ? doc->header : &empty;
    if (h->n_issuer)
        add(obj, "issuer", string_array_json(h->issuer, h->n_issuer, ok), ok);
    else
        json_object_object_add(obj, "issuer", NULL);
    if (doc->number)
        add(obj, "number", docnum_json(doc->number, ok), ok);
    else
        json_object_object_add(obj, "number", NULL);
    add_string_or_null(obj, "place", h->place, ok);
    if (doc->document_date < doc->dates.count)
        add(obj, "date", date_json(&doc->dates.items[doc->document_date], ok), ok);
    else
        json_object_object_add(obj, "date", NULL);
    add_string_or_null(obj, "type", h->type, ok);
    add_string_or_null(obj, "title", h->title, ok);
    add(obj, "recipients", string_array_json(h->recipients, h->n_recipients, ok), ok);
    add(obj, "addressees", json_object_new_int64((int64_t)h->n_addressees), ok);
    bool has_signer = h->signer.prefix || h->signer.authority || h->signer.role || h->signer.name;
    if (has_signer)
        add(obj, "signer", signer_json(&h->signer, ok), ok);
    else
        json_object_object_add(obj, "signer", NULL);
    add(obj, "national_name", json_object_new_boolean(h->has_national_name), ok);
    add(obj, "motto", json_object_new_boolean(h->has_motto), ok);
    return obj;
}

static json_object *document_json(const vt_document *doc, bool *ok)
{
    json_object *root = json_object_new_object();
    json_object *pages = json_object_new_array();
    json_object *timings = json_object_new_object();
    if (!root || !pages || !timings) {
        json_object_put(root);
        json_object_put(pages);
        json_object_put(timings);
        *ok = false;
        return NULL;
    }
    add(root, "source", utf8_string(doc->source), ok);
    add(root, "kind", json_object_new_string(vt_input_kind_name(doc->kind)), ok);
    add(root, "ok", json_object_new_boolean(!doc->failed), ok);
    add(root, "text", json_object_new_string(doc->text && !doc->failed ? doc->text : ""), ok);
    for (size_t p = 0; p < doc->n_pages && *ok; p++)
        push(pages, page_json(&doc->pages[p], ok), ok);
    add(root, "pages", pages, ok);
    for (size_t t = 0; t < doc->n_timings && *ok; t++)
        add(timings, doc->timings[t].stage, rounded(doc->timings[t].ms), ok);
    add(root, "timings_ms", timings, ok);
    /* What every document has first, then what stages found beside the text:
     * the notice's facts, then what was stamped, sealed or stapled onto it. */
    add(root, "repairs", repairs_json(doc, ok), ok);
    add(root, "margin_notes", margin_notes_json(doc, ok), ok);
    add(root, "document", document_fields_json(doc, ok), ok);
    add(root, "dates", dates_json(doc, ok), ok);
    add(root, "references", references_json(doc, ok), ok);
    if (doc->receipt_stamp)
        add(root, "receipt_stamp", receipt_stamp_json(doc->receipt_stamp, ok), ok);
    else
        json_object_object_add(root, "receipt_stamp", NULL);
    add(root, "seals", seals_json(doc, ok), ok);
    add(root, "attachments", attachments_json(doc, ok), ok);
    add(root, "errors", messages_json(doc->errors, doc->n_errors, ok), ok);
    add(root, "warnings", messages_json(doc->warnings, doc->n_warnings, ok), ok);
    add(root, "vanthu_version", json_object_new_string(vt_version()), ok);
    return root;
}

/* The record of a document whose strings are not all UTF-8 (a vanthu bug, see
 * output_check.c): its source, its errors and one more naming the field, and
 * nothing read from it — a tool downstream gets a failure it can act on, never
 * bytes it cannot parse. */
static json_object *refused_json(const vt_document *doc, const char *field, int page, bool *ok)
{
    vt_document shown = {.source = doc->source, .kind = doc->kind, .failed = true,
                         .document_date = SIZE_MAX, .timings = doc->timings,
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
