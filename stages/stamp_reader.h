/*
 * stamp_reader.h — read a receipt stamp's box line by line.
 */
#ifndef VT_STAMP_READER_H
#define VT_STAMP_READER_H

#include <leptonica/allheaders.h>

#include "ocr_service.h"
#include "receipt_stamp_output.h"
#include "stamp_fields.h"

/* One reading of a stamp's box; every member owned, NULL when not read. */
typedef struct vt_stamp_reading {
    char *plain_raw;            /* the box read as it is, one block */
    vt_stamp_fields plain;      /* parsed from plain_raw */
    char *raw;                  /* the cleaned box read as one block */
    vt_stamp_fields fields;     /* parsed from raw */
    char *digits_number;        /* the "Số:" line read as digits only */
    char *digits_date;          /* the "Ngày:" line read as digits only, ISO */
} vt_stamp_reading;

/* Read `layer` (8 bpp, ink dark on white, the stamp's box upright; not taken)
 * as it is; then with its frame and big "ĐẾN" taken out and straightened; and
 * its lines, from the top down to the date, again as digits only. 0, or -1 when
 * memory ran out (out cleared). A box with no lettering is an empty reading. */
int vt_stamp_read(vt_ocr *ocr, PIX *layer, int dpi, vt_stamp_reading *out);

void vt_stamp_reading_clear(vt_stamp_reading *reading);

/* Choose each of the stamp's fields from `n` readings (at most 4) by agreement,
 * with how sure it is, and join their text into stamp->raw. Chosen values move
 * into `stamp`; the rest stay with the readings. 0, or -1 when memory ran out. */
int vt_stamp_vote(vt_stamp_reading *readings, int n, vt_receipt_stamp *stamp);

/* Whether a box read as a stamp reads like one: a number and a date, or one of
 * them and a routing. A box that is not a stamp rarely gives both. */
bool vt_stamp_reads_like_one(const vt_receipt_stamp *stamp);

#endif /* VT_STAMP_READER_H */
