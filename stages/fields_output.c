/*
 * fields_output.c — the notice's fields: their value, their three JSON members
 * (document, dates, references) and their strings for the output check
 * (fields_output.h).
 */
#include "fields_output.h"

#include <stdint.h>
#include <stdlib.h>

#include "json_write.h"

vt_notice_fields *vt_notice_fields_new(void)
{
    vt_notice_fields *f = calloc(1, sizeof *f);
    if (f)
        f->document_date = SIZE_MAX;
    return f;
}

void vt_notice_fields_free(vt_notice_fields *f)
{
    if (!f)
        return;
    vt_date_list_free(&f->dates);
    vt_docnum_list_free(&f->references);
    if (f->number) {
        vt_docnum_clear(f->number);
        free(f->number);
    }
    vt_header_free(&f->header);
    free(f);
}

static void free_value(void *value)
{
    vt_notice_fields_free(value);
}

static json_object *date_flags_json(unsigned flags, bool *ok)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        {VT_DATE_YEAR_INFERRED, "year_inferred"}, {VT_DATE_YEAR_MISSING, "year_missing"},
        {VT_DATE_DAY_BLANK, "day_blank"},         {VT_DATE_MONTH_BLANK, "month_blank"},
        {VT_DATE_INVALID, "invalid"},             {VT_DATE_REPAIRED, "repaired"},
    };
    json_object *arr = vt_json_new_array(ok);
    for (size_t i = 0; arr && i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            vt_json_push(arr, json_object_new_string(names[i].name), ok);
    return arr;
}

static json_object *date_json(const vt_date *d, bool *ok)
{
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return NULL;
    vt_json_add(obj, "raw", vt_json_string(d->raw), ok);
    vt_json_add_string_or_null(obj, "iso", d->iso, ok);
    vt_json_add(obj, "start", json_object_new_int64((int64_t)d->start), ok);
    vt_json_add(obj, "end", json_object_new_int64((int64_t)d->end), ok);
    vt_json_add(obj, "kind", json_object_new_string(vt_date_kind_name(d->kind)), ok);
    vt_json_add(obj, "flags", date_flags_json(d->flags, ok), ok);
    return obj;
}

static json_object *docnum_json(const vt_docnum *d, bool *ok)
{
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return NULL;
    vt_json_add(obj, "raw", vt_json_string(d->raw), ok);
    vt_json_add(obj, "normalized", vt_json_string(d->normalized), ok);
    vt_json_add_string_or_null(obj, "number", d->number && d->number[0] ? d->number : NULL, ok);
    vt_json_add_string_or_null(obj, "type", d->type, ok);
    vt_json_add_string_or_null(obj, "issuer", d->issuer && d->issuer[0] ? d->issuer : NULL, ok);
    if (d->year > 0)
        vt_json_add(obj, "year", json_object_new_int(d->year), ok);
    else
        vt_json_add_null(obj, "year");
    vt_json_add(obj, "family", json_object_new_string(vt_docnum_family_name(d->family)), ok);
    vt_json_add_string_or_null(obj, "date", d->date_iso, ok);
    vt_json_add_string_or_null(obj, "date_raw", d->date_raw, ok);
    vt_json_add(obj, "repaired", json_object_new_boolean((d->flags & VT_DOCNUM_REPAIRED) != 0),
                ok);
    vt_json_add(obj, "start", json_object_new_int64((int64_t)d->start), ok);
    vt_json_add(obj, "end", json_object_new_int64((int64_t)d->end), ok);
    return obj;
}

static json_object *string_array_json(char *const *items, size_t count, bool *ok)
{
    json_object *arr = vt_json_new_array(ok);
    for (size_t i = 0; arr && i < count && *ok; i++)
        vt_json_push(arr, vt_json_string(items[i]), ok);
    return arr;
}

static json_object *signer_json(const vt_signer *s, bool *ok)
{
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return NULL;
    vt_json_add_string_or_null(obj, "prefix", s->prefix, ok);
    vt_json_add_string_or_null(obj, "authority", s->authority, ok);
    vt_json_add_string_or_null(obj, "role", s->role, ok);
    vt_json_add_string_or_null(obj, "name", s->name, ok);
    return obj;
}

/* The header of the notice. Every key is present; null (or empty) when the text
 * does not hold that part. */
static json_object *document_json(const vt_notice_fields *f, bool *ok)
{
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return NULL;
    const vt_header *h = &f->header;
    if (h->n_issuer)
        vt_json_add(obj, "issuer", string_array_json(h->issuer, h->n_issuer, ok), ok);
    else
        vt_json_add_null(obj, "issuer");
    if (f->number)
        vt_json_add(obj, "number", docnum_json(f->number, ok), ok);
    else
        vt_json_add_null(obj, "number");
    vt_json_add_string_or_null(obj, "place", h->place, ok);
    if (f->document_date < f->dates.count)
        vt_json_add(obj, "date", date_json(&f->dates.items[f->document_date], ok), ok);
    else
        vt_json_add_null(obj, "date");
    vt_json_add_string_or_null(obj, "type", h->type, ok);
    vt_json_add_string_or_null(obj, "title", h->title, ok);
    vt_json_add(obj, "recipients", string_array_json(h->recipients, h->n_recipients, ok), ok);
    vt_json_add(obj, "addressees", json_object_new_int64((int64_t)h->n_addressees), ok);
    bool has_signer = h->signer.prefix || h->signer.authority || h->signer.role || h->signer.name;
    if (has_signer)
        vt_json_add(obj, "signer", signer_json(&h->signer, ok), ok);
    else
        vt_json_add_null(obj, "signer");
    vt_json_add(obj, "national_name", json_object_new_boolean(h->has_national_name), ok);
    vt_json_add(obj, "motto", json_object_new_boolean(h->has_motto), ok);
    json_object *review = vt_json_new_object(ok);
    if (review) {
        vt_json_add_sureness(review, "issuer", h->n_issuer > 0, f->issuer_sure, ok);
        vt_json_add_sureness(review, "number", f->number != NULL, f->number_sure, ok);
        vt_json_add_sureness(review, "date", f->document_date < f->dates.count, f->date_sure, ok);
        vt_json_add_sureness(review, "signer", h->signer.name != NULL, f->signer_sure, ok);
        vt_json_add(obj, "review", review, ok);
    }
    return obj;
}

/* document (every key, null where unread), dates and references (arrays); an
 * absent value writes them as for a text with no facts in it. */
static void write_json(const void *value, const vt_document *doc, json_object *record, bool *ok)
{
    (void)doc;
    static const vt_notice_fields none = {.document_date = SIZE_MAX};
    const vt_notice_fields *f = value ? value : &none;
    vt_json_add(record, "document", document_json(f, ok), ok);
    json_object *dates = vt_json_new_array(ok);
    for (size_t i = 0; dates && i < f->dates.count && *ok; i++)
        vt_json_push(dates, date_json(&f->dates.items[i], ok), ok);
    vt_json_add(record, "dates", dates, ok);
    json_object *refs = vt_json_new_array(ok);
    for (size_t i = 0; refs && i < f->references.count && *ok; i++)
        vt_json_push(refs, docnum_json(&f->references.items[i], ok), ok);
    vt_json_add(record, "references", refs, ok);
}

static void visit_docnum(const vt_docnum *d, const char *field, vt_string_visitor *visit,
                         void *arg)
{
    const char *parts[] = {d->raw, d->normalized, d->number, d->type, d->issuer, d->date_raw,
                           d->date_iso};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        visit(arg, parts[i], field, 0);
}

static void each_string(const void *value, vt_string_visitor *visit, void *arg)
{
    const vt_notice_fields *f = value;
    for (size_t i = 0; i < f->dates.count; i++) {
        visit(arg, f->dates.items[i].raw, "a date", 0);
        visit(arg, f->dates.items[i].iso, "a date", 0);
    }
    for (size_t i = 0; i < f->references.count; i++)
        visit_docnum(&f->references.items[i], "a reference", visit, arg);
    if (f->number)
        visit_docnum(f->number, "the document number", visit, arg);
    const vt_header *h = &f->header;
    for (size_t i = 0; i < h->n_issuer; i++)
        visit(arg, h->issuer[i], "the issuer", 0);
    for (size_t i = 0; i < h->n_recipients; i++)
        visit(arg, h->recipients[i], "a recipient", 0);
    const char *parts[] = {h->place, h->type, h->title, h->signer.prefix, h->signer.authority,
                           h->signer.role, h->signer.name};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        visit(arg, parts[i], "a header field", 0);
}

const vt_output_kind vt_fields_output = {
    .name = "fields",
    .free = free_value,
    .write_json = write_json,
    .each_string = each_string,
};

vt_notice_fields *vt_document_fields(const vt_document *doc)
{
    return vt_document_output(doc, &vt_fields_output);
}
