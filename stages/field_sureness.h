/*
 * field_sureness.h — how sure the notice's extracted fields are (JSON
 * document.review), and whether the receipt stamp's date fits the notice's.
 */
#ifndef VT_FIELD_SURENESS_H
#define VT_FIELD_SURENESS_H

#include "fields_output.h"

/* Weigh f's number, date, issuer and signer against the OCR words under them in
 * doc->text and against each other; and flag the receipt stamp's date when it is
 * before the notice's date or years after it. Takes the lock for the stamp. */
void vt_fields_weigh(vt_document *doc, vt_notice_fields *f);

#endif /* VT_FIELD_SURENESS_H */
