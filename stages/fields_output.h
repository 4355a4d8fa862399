/*
 * fields_output.h — the facts of the notice the fields stage reads from the
 * final text, as a document output (JSON document, dates, references).
 * Offsets index doc->text.
 */
#ifndef VT_FIELDS_OUTPUT_H
#define VT_FIELDS_OUTPUT_H

#include "dates.h"
#include "docnum.h"
#include "header.h"
#include "output.h"

typedef struct vt_notice_fields {
    vt_date_list dates;         /* every date of the text */
    vt_docnum_list references;  /* the documents it cites */
    vt_docnum *number;          /* the notice's own "Số: …"; owned, NULL when absent */
    vt_header header;           /* issuer, place, type, title, recipients, signer */
    size_t document_date;       /* index in dates of the notice's own date; SIZE_MAX: none */
    vt_sureness number_sure, date_sure, issuer_sure, signer_sure;
} vt_notice_fields;

extern const vt_output_kind vt_fields_output;

/* A new, empty value (document_date SIZE_MAX); NULL when out of memory. */
vt_notice_fields *vt_notice_fields_new(void);
void vt_notice_fields_free(vt_notice_fields *fields);

/* The document's fields, or NULL before the fields stage. */
vt_notice_fields *vt_document_fields(const vt_document *doc);

#endif /* VT_FIELDS_OUTPUT_H */
