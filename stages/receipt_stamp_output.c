/*
 * receipt_stamp_output.c — the receipt stamp's value, its JSON member and its
 * strings for the output check (receipt_stamp_output.h).
 */
#include "receipt_stamp_output.h"

#include <stdlib.h>

#include "json_write.h"

void vt_receipt_stamp_free(vt_receipt_stamp *stamp)
{
    if (!stamp)
        return;
    free(stamp->org);
    free(stamp->number);
    free(stamp->date);
    free(stamp->forwarded_to);
    free(stamp->raw);
    for (size_t i = 0; i < stamp->n_date_readings; i++)
        free(stamp->date_readings[i]);
    free(stamp->date_readings);
    free(stamp);
}

static void free_value(void *value)
{
    vt_receipt_stamp_free(value);
}

/* receipt_stamp: the object, or null when no stamp was found. */
static void write_json(const void *value, const vt_document *doc, json_object *record, bool *ok)
{
    (void)doc;
    const vt_receipt_stamp *stamp = value;
    if (!stamp) {
        vt_json_add_null(record, "receipt_stamp");
        return;
    }
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return;
    vt_json_add_string_or_null(obj, "org", stamp->org, ok);
    vt_json_add_string_or_null(obj, "number", stamp->number, ok);
    vt_json_add_string_or_null(obj, "date", stamp->date, ok);
    vt_json_add_string_or_null(obj, "forwarded_to", stamp->forwarded_to, ok);
    vt_json_add_string_or_null(obj, "raw", stamp->raw, ok);
    vt_json_add(obj, "page", json_object_new_int(stamp->page), ok);
    vt_json_add(obj, "box", vt_json_box(stamp->box, ok), ok);
    json_object *review = vt_json_new_object(ok);
    if (review) {
        vt_json_add_sureness(review, "org", stamp->org != NULL, stamp->org_sure, ok);
        vt_json_add_sureness(review, "number", stamp->number != NULL, stamp->number_sure, ok);
        vt_json_add_sureness(review, "date", stamp->date != NULL, stamp->date_sure, ok);
        vt_json_add_sureness(review, "forwarded_to", stamp->forwarded_to != NULL,
                             stamp->forwarded_sure, ok);
        vt_json_add(obj, "review", review, ok);
    }
    vt_json_add(record, "receipt_stamp", obj, ok);
}

static void each_string(const void *value, vt_string_visitor *visit, void *arg)
{
    const vt_receipt_stamp *s = value;
    const char *parts[] = {s->org, s->number, s->date, s->forwarded_to, s->raw};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        visit(arg, parts[i], "the receipt stamp", s->page);
}

const vt_output_kind vt_receipt_stamp_output = {
    .name = "receipt_stamp",
    .free = free_value,
    .write_json = write_json,
    .each_string = each_string,
};

vt_receipt_stamp *vt_document_receipt_stamp(const vt_document *doc)
{
    return vt_document_output(doc, &vt_receipt_stamp_output);
}

bool vt_document_offer_receipt_stamp(vt_document *doc, vt_receipt_stamp *stamp)
{
    vt_document_lock(doc);
    const vt_receipt_stamp *held = vt_document_receipt_stamp(doc);
    bool ok = true;
    if (!held || stamp->page < held->page)
        ok = vt_document_set_output(doc, &vt_receipt_stamp_output, stamp);
    else
        vt_receipt_stamp_free(stamp);
    vt_document_unlock(doc);
    return ok;
}

bool vt_document_has_receipt_stamp_by(vt_document *doc, int page)
{
    vt_document_lock(doc);
    const vt_receipt_stamp *held = vt_document_receipt_stamp(doc);
    bool has = held && held->page <= page;
    vt_document_unlock(doc);
    return has;
}
