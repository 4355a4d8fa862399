/*
 * stamp_text — take receipt-stamp debris and the processing slip out of the text.
 *
 * When the input is text that was OCRed elsewhere, or OCR read the stamp's ink
 * along with the page, the "ĐẾN" stamp's lines land in the header ("UNG TÂM Y TẾ
 * …", "ĐÁP", "Số: 0764", "Ngày: 21/4/2025", a "Chuyển:" label fused with the
 * title). They are not the notice's words: text/stamp_residue.h finds them by
 * the stamp's structure, this stage cuts them out and reports their fields in
 * JSON `receipt_stamp` (filling only what the image stage did not read). The
 * "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" slip stapled behind a notice is cut out the same
 * way and kept whole in JSON `attachments`. It runs on the composed text, after
 * compose, because the debris is recognised by lines, not by words.
 */
#include <stdlib.h>
#include <string.h>

#include "attachment_output.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "stamp_residue.h"

/* Move a field the text read into the stamp record, unless it already has one. */
static void take_field(char **field, char **from)
{
    if (!*field && *from) {
        *field = *from;
        *from = NULL;
    }
}

static bool report_stamp(vt_document *doc, vt_stamp_residue *r)
{
    vt_receipt_stamp *s = vt_document_receipt_stamp(doc);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (!s || !vt_document_set_output(doc, &vt_receipt_stamp_output, s))
            return false;
        s->page = vt_document_page_at(doc, r->ranges[0].start);
    }
    take_field(&s->org, &r->fields.org);
    take_field(&s->number, &r->fields.number);
    take_field(&s->date, &r->fields.date);
    take_field(&s->forwarded_to, &r->fields.forwarded_to);
    take_field(&s->raw, &r->raw);
    return true;
}

static bool report_slip(vt_document *doc, vt_slip *slip)
{
    vt_attachment *a = vt_document_add_attachment(doc);
    if (!a)
        return false;
    a->kind = "processing_slip";
    a->page = vt_document_page_at(doc, slip->start);
    a->title = slip->title;
    a->text = slip->raw;
    slip->title = slip->raw = NULL;
    return true;
}

/* Cut [start, end) and, when it sat between blank lines, one of them too: the
 * text keeps a single blank line where the debris was. */
static bool cut(vt_text_edits *edits, const char *text, size_t len, size_t start, size_t end)
{
    bool blank_after = end >= len || text[end] == '\n' || text[end] == '\f';
    while (blank_after && start >= 2 && text[start - 1] == '\n' && text[start - 2] == '\n')
        start--;
    return vt_text_edits_add(edits, start, end, "", 0);
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    const char *text = doc->text;
    size_t len = strlen(text);
    vt_stamp_residue residue = {0};
    vt_slip slip = {0};
    vt_text_edits edits = {0};
    bool ok = vt_stamp_residue_find(text, len, &residue) == 0 &&
              vt_slip_find(text, len, &slip) == 0;
    for (size_t i = 0; ok && residue.found && i < residue.n_ranges; i++)
        ok = cut(&edits, text, len, residue.ranges[i].start, residue.ranges[i].end);
    if (ok && slip.found)
        ok = cut(&edits, text, len, slip.start, slip.end);
    /* Fields are reported before the cut: page numbers are read from the old text. */
    if (ok && residue.found && residue.n_ranges)
        ok = report_stamp(doc, &residue);
    if (ok && slip.found)
        ok = report_slip(doc, &slip);
    const char *error = "out of memory";
    if (ok) {
        vt_text_edits_settle(&edits);
        ok = vt_document_edit_text(doc, &edits, NULL, &error);
    }
    vt_text_edits_free(&edits);
    vt_stamp_residue_free(&residue);
    vt_slip_free(&slip);
    return ok ? VT_OK : vt_stage_fail(ctx, "%s", error);
}

const vt_stage vt_stage_stamp_text = {
    .name = "stamp_text",
    .summary = "cut receipt-stamp debris and the processing slip out of the text (JSON "
               "receipt_stamp, attachments)",
    .flags = VT_STAGE_NEEDS_TEXT,
    .run = run,
};
