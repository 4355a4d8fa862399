/*
 * seal_output.h — the round seals found on the pages, as a document output
 * (JSON seals). Added by the seal stage, page by page; their ring text is
 * repaired by the diacritics stage.
 */
#ifndef VT_SEAL_OUTPUT_H
#define VT_SEAL_OUTPUT_H

#include "output.h"

/* An organisation's round seal (red, over the signature): its ring text. */
typedef struct vt_seal {
    int page;
    vt_box box;
    char *text;                 /* owned: the ring text read once round, from the
                                 * star that marks its start; NULL when unread */
    char *raw;                  /* owned: what OCR read on the unrolled ring */
} vt_seal;

typedef struct vt_seal_list {
    vt_seal *items;             /* in the order pages finished */
    size_t count, cap;
} vt_seal_list;

extern const vt_output_kind vt_seal_output;

/* The document's seals, or NULL when none was found. */
vt_seal_list *vt_document_seals(const vt_document *doc);

/* Add a seal (its strings taken over); false when out of memory (they are then
 * freed). Takes the lock. */
bool vt_document_add_seal(vt_document *doc, int page, vt_box box, char *text, char *raw);

#endif /* VT_SEAL_OUTPUT_H */
