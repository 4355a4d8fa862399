/*
 * stages.h — the built-in stages. Each is defined in its own file in stages/;
 * their order is set in pipeline/registry.c.
 */
#ifndef VT_STAGES_H
#define VT_STAGES_H

#include "stage.h"

extern const vt_stage vt_stage_load_image;   /* stages/load_image.c */
extern const vt_stage vt_stage_load_text;    /* stages/load_text.c */
extern const vt_stage vt_stage_load_pdf;     /* stages/load_pdf.c */
extern const vt_stage vt_stage_receipt_stamp; /* stages/receipt_stamp.c */
extern const vt_stage vt_stage_seal;         /* stages/seal.c */
extern const vt_stage vt_stage_ink_dropout;  /* stages/ink_dropout.c */
extern const vt_stage vt_stage_background;   /* stages/background.c */
extern const vt_stage vt_stage_resolution;   /* stages/resolution.c */
extern const vt_stage vt_stage_orientation;  /* stages/orientation.c */
extern const vt_stage vt_stage_deskew;       /* stages/deskew.c */
extern const vt_stage vt_stage_stamp_frame;  /* stages/stamp_frame.c */
extern const vt_stage vt_stage_ocr;          /* stages/ocr.c */
extern const vt_stage vt_stage_page_number;  /* stages/page_number.c */
extern const vt_stage vt_stage_stamp_anchor; /* stages/stamp_anchor.c */
extern const vt_stage vt_stage_stamp_words;  /* stages/stamp_words.c */
extern const vt_stage vt_stage_lost_lines;   /* stages/lost_lines.c */
extern const vt_stage vt_stage_layout_columns; /* stages/layout_columns.c */
extern const vt_stage vt_stage_margin_notes;  /* stages/margin_notes.c */
extern const vt_stage vt_stage_unicode;      /* stages/unicode.c */
extern const vt_stage vt_stage_line_specks;  /* stages/line_specks.c */
extern const vt_stage vt_stage_diacritics;   /* stages/diacritics.c */
extern const vt_stage vt_stage_page_quality; /* stages/page_quality.c */
extern const vt_stage vt_stage_compose;      /* stages/compose.c */
extern const vt_stage vt_stage_stamp_text;   /* stages/stamp_text.c */
extern const vt_stage vt_stage_canonical_forms; /* stages/canonical_forms.c */
extern const vt_stage vt_stage_fields;       /* stages/fields.c */

#endif /* VT_STAGES_H */
