/*
 * fields — read the facts of the notice from its final text: every date
 * (JSON `dates`), the notice's own number and the documents it cites (`document`,
 * `references`).
 *
 * It runs last, on the text that will be printed, so every offset it records
 * points into that text. Yearless dates ("ngày 21/4", "Sáng 8.2") take their year
 * from the notice's own date (dates.h explains the rule). With --dates iso the
 * valid dates are then written into the text as ISO values and the offsets moved
 * with them. The header (issuer, place, type, title, recipients, signer) is read
 * by text/header.h from the same text.
 */
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "stages.h"

static bool applies(const vt_document *doc)
{
    return doc->text != NULL;
}

static void clear_fields(vt_document *doc)
{
    vt_date_list_free(&doc->dates);
    vt_docnum_list_free(&doc->references);
    if (doc->number) {
        vt_docnum_clear(doc->number);
        free(doc->number);
        doc->number = NULL;
    }
    vt_header_free(doc->header);
    free(doc->header);
    doc->header = NULL;
    doc->document_date = SIZE_MAX;
}

/* The header, and which of the dates is the notice's own ("Kiên Giang, ngày …"). */
static bool read_header(vt_document *doc, const char *text, size_t len)
{
    doc->header = calloc(1, sizeof *doc->header);
    if (!doc->header || vt_header_extract(text, len, doc->header) != 0)
        return false;
    vt_span span = doc->header->date_span;
    for (size_t i = 0; span.end > span.start && i < doc->dates.count; i++)
        if (doc->dates.items[i].start < span.end && doc->dates.items[i].end > span.start) {
            doc->document_date = i;
            break;
        }
    return true;
}

static bool find_number(vt_document *doc, const char *text, size_t len)
{
    vt_docnum own = {0};
    int found = vt_docnum_find_own(text, len, &own);
    if (found <= 0)
        return found == 0;
    doc->number = malloc(sizeof *doc->number);
    if (!doc->number) {
        vt_docnum_clear(&own);
        return false;
    }
    *doc->number = own;
    return true;
}

static void move_span(const vt_text_edits *edits, size_t *start, size_t *end)
{
    *start = vt_text_edits_map(edits, *start, false, NULL);
    *end = vt_text_edits_map(edits, *end, true, NULL);
}

/* A date --dates iso writes into the text: a whole calendar day or a range of
 * them. A month, a year or a yearless day stays as printed: "--05" or a bare
 * "2006" for "năm 2006" would read worse than the words, and JSON has the value. */
static bool rewritten_as_iso(const vt_date *d)
{
    return d->iso && !strchr(d->raw, '\f') && !(d->flags & VT_DATE_YEAR_MISSING)
           && (d->kind == VT_DATE_DAY || d->kind == VT_DATE_RANGE) && strcmp(d->raw, d->iso) != 0;
}

/* --dates iso: each such date's text becomes its ISO value, recorded in repairs
 * (the printed form is the repair's `from`); raw is then what the text holds. */
static bool rewrite_iso(vt_document *doc, const char **error)
{
    vt_text_edits edits = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < doc->dates.count; i++) {
        const vt_date *d = &doc->dates.items[i];
        if (rewritten_as_iso(d))
            ok = vt_text_edits_add(&edits, d->start, d->end, d->iso, strlen(d->iso));
    }
    if (ok) {
        vt_text_edits_settle(&edits);
        ok = vt_document_edit_text(doc, &edits, vt_stage_fields.name, error);
    }
    for (size_t i = 0; ok && i < doc->dates.count; i++) {
        vt_date *d = &doc->dates.items[i];
        if (rewritten_as_iso(d)) {
            char *iso = strdup(d->iso);
            ok = iso != NULL;
            free(ok ? d->raw : NULL);
            d->raw = ok ? iso : d->raw;
        }
        move_span(&edits, &d->start, &d->end);
    }
    for (size_t i = 0; ok && i < doc->references.count; i++)
        move_span(&edits, &doc->references.items[i].start, &doc->references.items[i].end);
    if (ok && doc->number)
        move_span(&edits, &doc->number->start, &doc->number->end);
    if (ok && doc->header) {
        vt_span *spans[] = {&doc->header->issuer_span, &doc->header->place_span,
                            &doc->header->date_span, &doc->header->number_span,
                            &doc->header->type_span, &doc->header->title_span};
        for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
            if (spans[i]->end > spans[i]->start)
                move_span(&edits, &spans[i]->start, &spans[i]->end);
    }
    vt_text_edits_free(&edits);
    return ok;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    clear_fields(doc);
    const char *text = doc->text;
    size_t len = strlen(text);
    vt_date_anchor anchor = {0};
    int anchored = vt_dates_guess_anchor(text, len, &anchor);
    bool ok = anchored >= 0 &&
              vt_dates_find(text, len, anchored ? &anchor : NULL, &doc->dates) == 0 &&
              find_number(doc, text, len) &&
              vt_docnum_find_references(text, len, anchored ? &anchor : NULL,
                                        &doc->references) == 0 &&
              read_header(doc, text, len);
    const char *error = "out of memory";
    if (ok && vt_stage_context_options(ctx)->dates == VT_DATES_ISO)
        ok = rewrite_iso(doc, &error);
    if (!ok) {
        clear_fields(doc);
        return vt_stage_fail(ctx, "%s", error);
    }
    return VT_OK;
}

const vt_stage vt_stage_fields = {
    .name = "fields",
    .summary = "find dates, the notice's number and the documents it cites (JSON dates, "
               "document, references)",
    .flags = 0,
    .applies = applies,
    .run = run,
};
