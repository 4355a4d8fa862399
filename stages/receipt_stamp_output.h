/*
 * receipt_stamp_output.h — the "ĐẾN" receipt stamp as a document output (JSON
 * receipt_stamp). Found by receipt_stamp (its ink), stamp_frame (its frame on
 * grey and 1-bit pages) or stamp_text (its lines in OCR text); read by the
 * stages that keep its words out of the text.
 */
#ifndef VT_RECEIPT_STAMP_OUTPUT_H
#define VT_RECEIPT_STAMP_OUTPUT_H

#include "output.h"

/* The stamp a registry puts on incoming paper (Decree 30/2020, Appendix IV):
 * read from its own ink, never part of the text. */
typedef struct vt_receipt_stamp {
    int page;
    vt_box box;
    char *org;                  /* organisation line; owned, NULL when unread */
    char *number;               /* arrival number, digits only */
    char *date;                 /* ISO 8601, only when a valid calendar date was read */
    char *forwarded_to;         /* the "Chuyển:" entry */
    char *raw;                  /* everything OCR read in the stamp */
    vt_sureness org_sure, number_sure, date_sure, forwarded_sure;
    char **date_readings;       /* every date its readings gave (ISO, repeats kept),
                                 * for the fields stage to weigh against the
                                 * notice's own date; owned */
    size_t n_date_readings;
    bool ink_on_page;           /* its lettering is still on the page image (a 1-bit
                                 * scan): OCR reads it with the print */
} vt_receipt_stamp;

extern const vt_output_kind vt_receipt_stamp_output;

void vt_receipt_stamp_free(vt_receipt_stamp *stamp);

/* The document's stamp, or NULL. */
vt_receipt_stamp *vt_document_receipt_stamp(const vt_document *doc);

/* Offer a stamp found on a page (taken over): pages may finish in any order and
 * the stamp of the earliest page is the receipt, so it replaces the document's
 * stamp only when none is there or that one is from a later page. Takes the
 * lock. False when out of memory (the stamp is then freed). */
bool vt_document_offer_receipt_stamp(vt_document *doc, vt_receipt_stamp *stamp);

/* Whether the document already has a stamp from `page` or an earlier page. Takes
 * the lock. */
bool vt_document_has_receipt_stamp_by(vt_document *doc, int page);

#endif /* VT_RECEIPT_STAMP_OUTPUT_H */
