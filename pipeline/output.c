/*
 * output.c — the document's keyed outputs (output.h).
 *
 * A handful of kinds at most, so a short array searched in order is simpler
 * and faster than any map.
 */
#include "output.h"

#include <stdlib.h>

#include "array.h"

void *vt_document_output(const vt_document *doc, const vt_output_kind *kind)
{
    for (size_t i = 0; i < doc->n_outputs; i++)
        if (doc->outputs[i].kind == kind)
            return doc->outputs[i].value;
    return NULL;
}

bool vt_document_set_output(vt_document *doc, const vt_output_kind *kind, void *value)
{
    for (size_t i = 0; i < doc->n_outputs; i++)
        if (doc->outputs[i].kind == kind) {
            if (doc->outputs[i].value != value)
                kind->free(doc->outputs[i].value);
            doc->outputs[i].value = value;
            return true;
        }
    if (!value)
        return true;
    if (!vt_array_grow((void **)&doc->outputs, &doc->n_outputs, &doc->cap_outputs,
                       sizeof *doc->outputs)) {
        kind->free(value);
        return false;
    }
    doc->outputs[doc->n_outputs - 1] = (vt_output){kind, value};
    return true;
}

void vt_document_free_outputs(vt_document *doc)
{
    for (size_t i = 0; i < doc->n_outputs; i++)
        if (doc->outputs[i].value)
            doc->outputs[i].kind->free(doc->outputs[i].value);
    free(doc->outputs);
    doc->outputs = NULL;
    doc->n_outputs = doc->cap_outputs = 0;
}
