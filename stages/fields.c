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

#include "field_sureness.h"
#include "fields_output.h"
#include "stages.h"

/* The header, and which of the dates is the notice's own ("Kiên Giang, ngày …"). */
static bool read_header(vt_notice_fields *f, const char *text, size_t len)
{
    if (vt_header_extract(text, len, &f->header) != 0)
        return false;
    vt_span span = f->header.date_span;
    for (size_t i = 0; span.end > span.start && i < f->dates.count; i++)
        if (f->dates.items[i].start < span.end && f->dates.items[i].end > span.start) {
            f->document_date = i;
            break;
        }
    return true;
}

static bool find_number(vt_notice_fields *f, const char *text, size_t len)
{
    vt_docnum own = {0};
    int found = vt_docnum_find_own(text, len, &own);
    if (found <= 0)
        return found == 0;
    f->number = malloc(sizeof *f->number);
    if (!f->number) {
        vt_docnum_clear(&own);
        return false;
    }
    *f->number = own;
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
static bool rewrite_iso(vt_document *doc, vt_notice_fields *f, const char **error)
{
    vt_text_edits edits = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < f->dates.count; i++) {
        const vt_date *d = &f->dates.items[i];
        if (rewritten_as_iso(d))
            ok = vt_text_edits_add(&edits, d->start, d->end, d->iso, strlen(d->iso));
    }
    if (ok) {
        vt_text_edits_settle(&edits);
        ok = vt_document_edit_text(doc, &edits, vt_stage_fields.name, error);
    }
    for (size_t i = 0; ok && i < f->dates.count; i++) {
        vt_date *d = &f->dates.items[i];
        if (rewritten_as_iso(d)) {
            char *iso = strdup(d->iso);
            ok = iso != NULL;
            free(ok ? d->raw : NULL);
            d->raw = ok ? iso : d->raw;
        }
        move_span(&edits, &d->start, &d->end);
    }
    for (size_t i = 0; ok && i < f->references.count; i++)
        move_span(&edits, &f->references.items[i].start, &f->references.items[i].end);
    if (ok && f->number)
        move_span(&edits, &f->number->start, &f->number->end);
    if (ok) {
        vt_span *spans[] = {&f->header.issuer_span, &f->header.place_span,
                            &f->header.date_span,   &f->header.number_span,
                            &f->header.type_span,   &f->header.title_span};
        for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
            if (spans[i]->end > spans[i]->start)
                move_span(&edits, &spans[i]->start, &spans[i]->end);
    }
    vt_text_edits_free(&edits);
    return ok;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    /* Read afresh: facts of an earlier run over the text would point into it. */
    vt_document_set_output(doc, &vt_fields_output, NULL);
    vt_notice_fields *f = vt_notice_fields_new();
    const char *text = doc->text;
    size_t len = strlen(text);
    vt_date_anchor anchor = {0};
    int anchored = vt_dates_guess_anchor(text, len, &anchor);
    bool ok = f && anchored >= 0 &&
              vt_dates_find(text, len, anchored ? &anchor : NULL, &f->dates) == 0 &&
              find_number(f, text, len) &&
              vt_docnum_find_references(text, len, anchored ? &anchor : NULL,
                                        &f->references) == 0 &&
              read_header(f, text, len);
    const char *error = "out of memory";
    if (ok && vt_stage_context_options(ctx)->dates == VT_DATES_ISO)
        ok = rewrite_iso(doc, f, &error);
    if (!ok) {
        vt_notice_fields_free(f);
        return vt_stage_fail(ctx, "%s", error);
    }
    vt_fields_weigh(doc, f);
    if (!vt_document_set_output(doc, &vt_fields_output, f))
        return vt_stage_fail(ctx, "out of memory");
    return VT_OK;
}

const vt_stage vt_stage_fields = {
    .name = "fields",
    .summary = "find dates, the notice's number and the documents it cites (JSON dates, "
               "document, references)",
    .flags = VT_STAGE_NEEDS_TEXT,
    .run = run,
};
