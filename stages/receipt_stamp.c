/*
 * receipt_stamp — find the registry's "ĐẾN" stamp on a colour scan, read its
 * fields from its own ink, and keep them out of the text.
 *
 * The stamp is pre-engraved red or violet ink (Decree 30/2020, Appendix IV,
 * 50 × 35 mm) put in the upper part of page 1. Its ink is separated by colour
 * (ink.h: hue and chroma); strokes are merged into blobs; a blob the size of the
 * stamp in the upper half of a page is it. Only the ink inside that box is read
 * (as black on white), so the print under the stamp does not mix into its
 * fields, and the ink_dropout stage after this one removes it from the page the
 * body text is read from. The box is read from a soft ink layer with the
 * strokes' full resolution (ink.h), several ways (stamp_reader), and each field
 * is the value the readings agree on, with how sure that is (JSON
 * receipt_stamp.review). A round seal is not the stamp: its box is square. This
 * stage runs before the page is turned upright (ink_dropout must come first, and
 * orientation after it), so a page fed sideways is recognised here by its shape
 * and its stamp read turned.
 * Greyscale scans (no colour left) are left to stamp_text, which finds the stamp
 * in the OCR text.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "ink.h"
#include "ocr_service.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "stamp_reader.h"

/* Where the stamp is and how its lettering lies: quarter turns clockwise that set
 * it upright (0 on an upright page). */
typedef struct stamp_place {
    BOX *box;
    int quads;
} stamp_place;

/* Is a blob of w × h (mm) at centre (cx, cy) the stamp, on a page of pw × ph?
 * Upright: stamp-sized, wider than tall (a round seal's box is square), in the
 * upper half. A page fed sideways is landscape and the stamp on it stands on end,
 * on the side the page's top went to: the right when it was turned clockwise
 * (three quarter turns set it upright), the left when counter-clockwise (one). */
static int stamp_quads(double w, double h, double cx, double cy, double pw, double ph)
{
    bool long_side = w > 35 && w < 75, short_side = h > 20 && h < 55;
    if (long_side && short_side && w > 1.15 * h && cy < ph / 2)
        return 0;
    bool on_end = h > 35 && h < 75 && w > 20 && w < 55 && h > 1.15 * w;
    if (on_end && pw > ph)
        return cx > pw / 2 ? 3 : 1;
    return -1;
}

/* The largest stamp-sized blob; place->box NULL when there is none. */
static void find_stamp(PIX *mask, int dpi, stamp_place *place)
{
    double mm = dpi / 25.4;
    /* Close the gaps between strokes and letters so the frame and its text become
     * one blob. A faded or unevenly inked frame breaks into pieces several mm
     * apart (a 2 mm closing left the stamp in three parts on most independently
     * made scans); 5 mm joins them and still keeps a seal, set further off, apart. */
    int close = (int)(5 * mm) | 1;
    PIX *merged = pixCloseBrick(NULL, mask, close, close);
    BOXA *blobs = merged ? pixConnComp(merged, NULL, 8) : NULL;
    pixDestroy(&merged);
    double pw = pixGetWidth(mask) / mm, ph = pixGetHeight(mask) / mm;
    int best_area = 0;
    *place = (stamp_place){NULL, 0};
    for (l_int32 i = 0; blobs && i < boxaGetCount(blobs); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blobs, i, &x, &y, &w, &h);
        int quads = stamp_quads(w / mm, h / mm, (x + w / 2.0) / mm, (y + h / 2.0) / mm, pw, ph);
        if (quads >= 0 && w * h > best_area) {
            boxDestroy(&place->box);
            *place = (stamp_place){boxCreate(x, y, w, h), quads};
            best_area = w * h;
        }
    }
    boxaDestroy(&blobs);
}

/* Read one layer (consumed), turned upright by `quads`. 0, or -1 when memory ran
 * out. A layer Tesseract gives no text for is an empty reading, not an error. */
static int read_layer(vt_ocr *ocr, PIX *layer, int quads, int dpi, vt_stamp_reading *out)
{
    *out = (vt_stamp_reading){0};
    if (layer && quads) {
        PIX *upright = pixRotateOrth(layer, quads);
        pixDestroy(&layer);
        layer = upright;
    }
    int status = layer ? vt_stamp_read(ocr, layer, dpi, out) : -1;
    pixDestroy(&layer);
    return status;
}

static vt_status record(vt_document *doc, vt_page *page, BOX *box, vt_stamp_reading *reading,
                        vt_stage_context *ctx)
{
    vt_receipt_stamp *stamp = calloc(1, sizeof *stamp);
    if (!stamp)
        return vt_stage_fail(ctx, "out of memory");
    l_int32 x, y, w, h;
    boxGetGeometry(box, &x, &y, &w, &h);
    *stamp = (vt_receipt_stamp){.page = page->number, .box = {x, y, w, h}};
    if (vt_stamp_vote(reading, 1, stamp) != 0) {
        vt_receipt_stamp_free(stamp);
        return vt_stage_fail(ctx, "out of memory");
    }
    if (!vt_document_offer_receipt_stamp(doc, stamp))
        return vt_stage_fail(ctx, "out of memory");
    return VT_OK;
}

/* Read the stamp from its soft ink layer and record what its readings agree
 * on. (A second layer, the hard ink mask, read the same way, changed no field
 * on the devset's stamps and doubled the stage's time: 291 against 165 ms a
 * page.) */
static vt_status read_and_record(vt_document *doc, vt_page *page, const stamp_place *place,
                                 vt_stage_context *ctx)
{
    vt_ocr *ocr = vt_ocr_session(ctx);
    if (!ocr)
        return VT_ERROR;
    vt_stamp_reading reading = {0};
    vt_status status = VT_OK;
    if (read_layer(ocr, vt_ink_layer(page->image, place->box), place->quads, page->dpi,
                   &reading) != 0)
        status = vt_stage_fail(ctx, "out of memory");
    else if (reading.raw || reading.plain_raw)
        status = record(doc, page, place->box, &reading, ctx);
    vt_stamp_reading_clear(&reading);
    return status;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image || pixGetDepth(page->image) != 32)
        return VT_OK;
    PIX *mask = vt_ink_mask(page->image);
    if (!mask)
        return vt_stage_fail(ctx, "out of memory");
    stamp_place place;
    find_stamp(mask, page->dpi, &place);
    vt_status status = VT_OK;
    if (place.box) {
        status = read_and_record(doc, page, &place, ctx);
        boxDestroy(&place.box);
    }
    pixDestroy(&mask);
    return status;
}

const vt_stage vt_stage_receipt_stamp = {
    .name = "receipt_stamp",
    .summary = "find the red/violet ĐẾN receipt stamp, read its number, date and routing "
               "from its own ink (JSON receipt_stamp)",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
