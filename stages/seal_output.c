/*
 * seal_output.c — the seals' value, their JSON member and their strings for
 * the output check (seal_output.h).
 */
#include "seal_output.h"

#include <stdlib.h>

#include "array.h"
#include "json_write.h"

static void free_value(void *value)
{
    vt_seal_list *list = value;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].text);
        free(list->items[i].raw);
    }
    free(list->items);
    free(list);
}

/* seals: an array, empty when none was found. */
static void write_json(const void *value, const vt_document *doc, json_object *record, bool *ok)
{
    (void)doc;
    const vt_seal_list *list = value;
    json_object *arr = vt_json_new_array(ok);
    for (size_t i = 0; arr && list && i < list->count && *ok; i++) {
        const vt_seal *seal = &list->items[i];
        json_object *sj = vt_json_new_object(ok);
        if (!sj)
            break;
        vt_json_add(sj, "page", json_object_new_int(seal->page), ok);
        vt_json_add(sj, "box", vt_json_box(seal->box, ok), ok);
        vt_json_add_string_or_null(sj, "text", seal->text, ok);
        vt_json_add_string_or_null(sj, "raw", seal->raw, ok);
        vt_json_push(arr, sj, ok);
    }
    vt_json_add(record, "seals", arr, ok);
}

static void each_string(const void *value, vt_string_visitor *visit, void *arg)
{
    const vt_seal_list *list = value;
    for (size_t i = 0; i < list->count; i++) {
        visit(arg, list->items[i].text, "a seal", list->items[i].page);
        visit(arg, list->items[i].raw, "a seal", list->items[i].page);
    }
}

const vt_output_kind vt_seal_output = {
    .name = "seals",
    .free = free_value,
    .write_json = write_json,
    .each_string = each_string,
};

vt_seal_list *vt_document_seals(const vt_document *doc)
{
    return vt_document_output(doc, &vt_seal_output);
}

/* The list, attached on first use; NULL when out of memory. The caller holds
 * the lock. */
static vt_seal_list *seal_list(vt_document *doc)
{
    vt_seal_list *list = vt_document_seals(doc);
    if (list)
        return list;
    list = calloc(1, sizeof *list);
    if (!list || !vt_document_set_output(doc, &vt_seal_output, list))
        return NULL;
    return list;
}

bool vt_document_add_seal(vt_document *doc, int page, vt_box box, char *text, char *raw)
{
    vt_document_lock(doc);
    vt_seal_list *list = seal_list(doc);
    bool ok = list && vt_array_grow((void **)&list->items, &list->count, &list->cap,
                                    sizeof *list->items);
    if (ok)
        list->items[list->count - 1] = (vt_seal){page, box, text, raw};
    vt_document_unlock(doc);
    if (!ok) {
        free(text);
        free(raw);
    }
    return ok;
}
