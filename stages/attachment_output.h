/*
 * attachment_output.h — text that belongs to the paper but not to the notice,
 * as a document output (JSON attachments): the processing slip ("PHIẾU GIẢI
 * QUYẾT VĂN BẢN ĐẾN") stapled behind it, cut out of the text by stamp_text.
 */
#ifndef VT_ATTACHMENT_OUTPUT_H
#define VT_ATTACHMENT_OUTPUT_H

#include "output.h"

typedef struct vt_attachment {
    const char *kind;           /* static: "processing_slip" */
    char *title;                /* owned */
    char *text;                 /* owned: as cut out of the document text */
    int page;
} vt_attachment;

typedef struct vt_attachment_list {
    vt_attachment *items;
    size_t count, cap;
} vt_attachment_list;

extern const vt_output_kind vt_attachment_output;

/* The document's attachments, or NULL when there are none. */
vt_attachment_list *vt_document_attachments(const vt_document *doc);

/* A new, zeroed attachment at the end of the list (attached on first use); NULL
 * when out of memory. Valid until the next add. */
vt_attachment *vt_document_add_attachment(vt_document *doc);

#endif /* VT_ATTACHMENT_OUTPUT_H */
