/*
 * output.h — results a stage attaches to the document under its own key (the
 * receipt stamp, the seals, the notice's fields …), with their own free and
 * writers, so that neither the document model nor the writers know each one.
 *
 * A kind is a static `vt_output_kind` defined in the file that owns the result
 * (stages/receipt_stamp_output.c, …) and listed once, in record order, in
 * registry.c. The document holds at most one value per kind. Writers walk the
 * registered kinds: the JSON record calls each kind's `write_json` — also for a
 * kind no stage attached, so that the record always has the same members — and
 * the output check (output_check.c) asks each value for its strings. Adding an
 * output is therefore one file (its value, free, writers) plus its line in the
 * registry and its part of the schema.
 */
#ifndef VT_OUTPUT_H
#define VT_OUTPUT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#include "document.h"

/* Called with every string a value holds (`field` names it in messages). */
typedef void vt_string_visitor(void *arg, const char *s, const char *field, int page);

typedef struct vt_output_kind {
    const char *name;           /* for messages and docs: "receipt_stamp" */
    void (*free)(void *value);
    /* Add the kind's members to the JSON `record`; `value` is NULL when no stage
     * attached one (write what the schema says an absent result looks like).
     * Allocation failures set *ok to false (json_write.h). */
    void (*write_json)(const void *value, const vt_document *doc, json_object *record, bool *ok);
    /* Visit every string of `value` (never NULL here). */
    void (*each_string)(const void *value, vt_string_visitor *visit, void *arg);
} vt_output_kind;

typedef struct vt_output {
    const vt_output_kind *kind;
    void *value;                /* owned; freed with kind->free */
} vt_output;

/* The value of that kind, or NULL. Does not take doc->lock: a page stage that
 * may run beside others takes it around the call (vt_document_lock). */
void *vt_document_output(const vt_document *doc, const vt_output_kind *kind);

/* Attach `value` (taken over), replacing and freeing the one of the same kind;
 * NULL removes it. False when out of memory: the value is then freed. Does not
 * take doc->lock. */
bool vt_document_set_output(vt_document *doc, const vt_output_kind *kind, void *value);

/* Free every output (vt_document_free). */
void vt_document_free_outputs(vt_document *doc);

/* The registered kinds, in the order the JSON record lists them (registry.c). */
size_t vt_output_kind_count(void);
const vt_output_kind *vt_output_kind_at(size_t index);

#endif /* VT_OUTPUT_H */
