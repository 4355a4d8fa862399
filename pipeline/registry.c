/*
 * registry.c — the one ordered list of stages.
 *
 * Order matters: loading fills pages, OCR fills words from images, text stages
 * rewrite words, compose writes the text, and the text stages after it edit that
 * text (through vt_document_edit_text) and read facts from it. A new stage is
 * added here and nowhere else.
 *
 * receipt_stamp and seal read stamp ink by its colour, so they run before
 * ink_dropout makes it vanish. The page-geometry stages run after ink_dropout (stamps and pen gone, less to
 * mislead them) and in this order: resolution first, because orientation
 * detection and the skew search need letters of a readable size (OSD's answers
 * went wrong at a third of 300 dpi); orientation before deskew, because the skew
 * search sees only near-horizontal lines. background comes before all three, so
 * they measure letters and lines on evenly lit paper. stamp_frame comes after
 * them (a straight, upright page: the stamp's frame is then level) and before
 * ocr, whose page must no longer hold the stamp. page_number right
 * after ocr reads what Tesseract's layout analysis dropped, before layout and
 * margin_notes look at the top margin; stamp_anchor, which finds a stamp by the
 * labels among those words when neither ink nor frame showed it, right before
 * stamp_words, which sets a stamp's words apart; stamp_words before layout, which must
 * not take a stamp's words for a header column; lost_lines after both, so that
 * neither a page number nor a stamp's words look lost. page_quality comes after
 * the layout stages (stamp and margin-note blocks are set apart, so their debris
 * is not counted) and reads the words as OCR left them (repairs keep the reading).
 */
#include "attachment_output.h"
#include "engine.h"
#include "fields_output.h"
#include "output.h"
#include "receipt_stamp_output.h"
#include "seal_output.h"
#include "stages.h"

static const vt_stage *const registry[] = {
    &vt_stage_load_image,
    &vt_stage_load_text,
    &vt_stage_load_pdf,
    &vt_stage_receipt_stamp,
    &vt_stage_seal,
    &vt_stage_ink_dropout,
    &vt_stage_background,
    &vt_stage_resolution,
    &vt_stage_orientation,
    &vt_stage_deskew,
    &vt_stage_stamp_frame,
    &vt_stage_ocr,
    &vt_stage_page_number,
    &vt_stage_stamp_anchor,
    &vt_stage_stamp_words,
    &vt_stage_lost_lines,
    &vt_stage_layout_columns,
    &vt_stage_margin_notes,
    &vt_stage_unicode,
    &vt_stage_line_specks,
    &vt_stage_diacritics,
    &vt_stage_page_quality,
    &vt_stage_compose,
    &vt_stage_stamp_text,
    &vt_stage_canonical_forms,
    &vt_stage_fields,
};

/* The outputs stages attach beside the text (output.h), in the order the JSON
 * record lists their members: the notice's own facts first, then what was
 * stamped, sealed or stapled onto it. A new output is added here. */
static const vt_output_kind *const outputs[] = {
    &vt_fields_output,          /* document, dates, references */
    &vt_receipt_stamp_output,   /* receipt_stamp */
    &vt_seal_output,            /* seals */
    &vt_attachment_output,      /* attachments */
};

size_t vt_output_kind_count(void)
{
    return sizeof outputs / sizeof outputs[0];
}

const vt_output_kind *vt_output_kind_at(size_t index)
{
    return index < vt_output_kind_count() ? outputs[index] : NULL;
}

size_t vt_registry_count(void)
{
    return sizeof registry / sizeof registry[0];
}

const vt_stage *const *vt_registry_stages(void)
{
    return registry;
}

size_t vt_stage_count(void)
{
    return vt_registry_count();
}

const char *vt_stage_name(size_t index)
{
    return index < vt_registry_count() ? registry[index]->name : NULL;
}

const char *vt_stage_summary(size_t index)
{
    return index < vt_registry_count() ? registry[index]->summary : NULL;
}
