/*
 * attachment_output.c — the attachments' value, their JSON member and their
 * strings for the output check (attachment_output.h).
 */
#include "attachment_output.h"

#include <stdlib.h>

#include "array.h"
#include "json_write.h"

static void free_value(void *value)
{
    vt_attachment_list *list = value;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].title);
        free(list->items[i].text);
    }
    free(list->items);
    free(list);
}

/* attachments: an array, empty when there are none. */
static void write_json(const void *value, const vt_document *doc, json_object *record, bool *ok)
{
    (void)doc;
    const vt_attachment_list *list = value;
    json_object *arr = vt_json_new_array(ok);
    for (size_t i = 0; arr && list && i < list->count && *ok; i++) {
        const vt_attachment *a = &list->items[i];
        json_object *aj = vt_json_new_object(ok);
        if (!aj)
            break;
        vt_json_add(aj, "kind", json_object_new_string(a->kind), ok);
        vt_json_add_string_or_null(aj, "title", a->title, ok);
        vt_json_add(aj, "page", json_object_new_int(a->page), ok);
        vt_json_add(aj, "text", vt_json_string(a->text ? a->text : ""), ok);
        vt_json_push(arr, aj, ok);
    }
    vt_json_add(record, "attachments", arr, ok);
}

static void each_string(const void *value, vt_string_visitor *visit, void *arg)
{
    const vt_attachment_list *list = value;
    for (size_t i = 0; i < list->count; i++) {
        visit(arg, list->items[i].title, "an attachment", list->items[i].page);
        visit(arg, list->items[i].text, "an attachment", list->items[i].page);
    }
}

const vt_output_kind vt_attachment_output = {
    .name = "attachments",
    .free = free_value,
    .write_json = write_json,
    .each_string = each_string,
};

vt_attachment_list *vt_document_attachments(const vt_document *doc)
{
    return vt_document_output(doc, &vt_attachment_output);
}

vt_attachment *vt_document_add_attachment(vt_document *doc)
{
    vt_attachment_list *list = vt_document_attachments(doc);
    if (!list) {
        list = calloc(1, sizeof *list);
        if (!list || !vt_document_set_output(doc, &vt_attachment_output, list))
            return NULL;
    }
    if (!vt_array_grow((void **)&list->items, &list->count, &list->cap, sizeof *list->items))
        return NULL;
    return &list->items[list->count - 1];
}
