/*
 * receipt_stamp — find the registry's "ĐẾN" stamp on a colour scan, read its
 * fields from its own ink, and keep them out of the text.
 *
 * The stamp is pre-engraved red or violet ink (Decree 30/2020, Appendix IV,
 * 50 × 35 mm) put in the upper part of page 1. Its ink is separated by colour;
 * strokes are merged into blobs; a blob the size of the stamp in the upper half of
 * a page is it. Only the ink inside that box is OCRed (as black on white), so the
 * print under the stamp does not mix into its fields, and the ink_dropout stage
 * after this one removes it from the page the body text is read from. A round
 * seal is not the stamp: its box is square. This stage runs before the page is
 * turned upright (ink_dropout must come first, and orientation after it), so a
 * page fed sideways is recognised here by its shape and its stamp read turned.
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
#include "stamp_fields.h"

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
     * one blob: about 2 mm at the page's resolution. */
    int close = (int)(2 * mm) | 1;
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

/* The stamp's ink as a hard layer: black where the mask is set, white elsewhere. */
static PIX *mask_layer(PIX *mask, BOX *box)
{
    PIX *clip = pixClipRectangle(mask, box, NULL);
    PIX *grey = clip ? pixConvert1To8(NULL, clip, 255, 0) : NULL;
    pixDestroy(&clip);
    return grey;
}

/* The stamp's ink as a soft layer: darker the more a pixel has the ink's colour.
 * Edge pixels JPEG and anti-aliasing left half-coloured fall under the mask's
 * threshold and thin every stroke; here they keep a grey that Tesseract's own
 * thresholding weighs with their neighbours. */
static PIX *soft_layer(PIX *page, BOX *box)
{
    PIX *clip = pixClipRectangle(page, box, NULL);
    PIX *grey = clip ? pixCreate(pixGetWidth(clip), pixGetHeight(clip), 8) : NULL;
    if (!grey) {
        pixDestroy(&clip);
        return NULL;
    }
    l_uint32 *src = pixGetData(clip), *dst = pixGetData(grey);
    l_int32 swpl = pixGetWpl(clip), dwpl = pixGetWpl(grey);
    for (l_int32 y = 0; y < pixGetHeight(clip); y++)
        for (l_int32 x = 0; x < pixGetWidth(clip); x++) {
            l_int32 r, g, b;
            extractRGBValues(src[y * swpl + x], &r, &g, &b);
            SET_DATA_BYTE(dst + y * dwpl, x, vt_ink_grey(r, g, b));
        }
    pixDestroy(&clip);
    return grey;
}

/* One OCR reading of the stamp and the fields parsed from it; both owned. */
typedef struct stamp_reading {
    char *raw;
    vt_stamp_fields fields;
} stamp_reading;

static void stamp_reading_clear(stamp_reading *r)
{
    free(r->raw);
    vt_stamp_fields_free(&r->fields);
    *r = (stamp_reading){0};
}

/* Read one layer (consumed), turned upright by `quads`. 0, or -1 when memory ran out. A layer Tesseract
 * gives no text for is an empty reading, not an error. */
static int read_stamp(vt_ocr *ocr, PIX *layer, int quads, int dpi, stamp_reading *out)
{
    *out = (stamp_reading){0};
    if (layer && quads) {
        PIX *upright = pixRotateOrth(layer, quads);
        pixDestroy(&layer);
        layer = upright;
    }
    if (!layer)
        return -1;
    /* Stamp lettering is 8–9 pt: read at twice the size; the stamp is a small
     * block of short lines. */
    out->raw = vt_ocr_read_part(ocr, layer, dpi, 2.0f, VT_OCR_ONE_BLOCK, NULL);
    pixDestroy(&layer);
    if (out->raw && vt_stamp_fields_parse(out->raw, &out->fields) != 0) {
        stamp_reading_clear(out);
        return -1;
    }
    return 0;
}

/* The number and date are what the desk needs from the stamp. */
static int fields_read(const stamp_reading *r)
{
    return (r->fields.number != NULL) + (r->fields.date != NULL);
}

/* Read the hard ink mask first; when the number or the date did not come out of
 * it, read the soft layer too and keep whichever reading has more of them. The
 * two layers fail on different pages (thinned strokes against faint JPEG
 * fringes), and the second OCR costs only on the pages that need it. */
static int read_best(vt_ocr *ocr, PIX *page, PIX *mask, const stamp_place *place,
                     int dpi, stamp_reading *best)
{
    if (read_stamp(ocr, mask_layer(mask, place->box), place->quads, dpi, best) != 0)
        return -1;
    if (fields_read(best) == 2)
        return 0;
    stamp_reading soft;
    if (read_stamp(ocr, soft_layer(page, place->box), place->quads, dpi, &soft) != 0) {
        stamp_reading_clear(best);
        return -1;
    }
    if (fields_read(&soft) > fields_read(best)) {
        stamp_reading_clear(best);
        *best = soft;
    } else {
        stamp_reading_clear(&soft);
    }
    return 0;
}

static vt_status record(vt_document *doc, vt_page *page, BOX *box, stamp_reading *reading,
                        vt_stage_context *ctx)
{
    vt_receipt_stamp *stamp = calloc(1, sizeof *stamp);
    if (!stamp) {
        stamp_reading_clear(reading);
        return vt_stage_fail(ctx, "out of memory");
    }
    l_int32 x, y, w, h;
    boxGetGeometry(box, &x, &y, &w, &h);
    vt_stamp_fields *f = &reading->fields;
    *stamp = (vt_receipt_stamp){.page = page->number, .box = {x, y, w, h}, .org = f->org,
                                .number = f->number, .date = f->date,
                                .forwarded_to = f->forwarded_to, .raw = reading->raw};
    *reading = (stamp_reading){0};   /* the stamp owns them now */
    if (!vt_document_offer_receipt_stamp(doc, stamp))
        return vt_stage_fail(ctx, "out of memory");
    return VT_OK;
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
        vt_ocr *ocr = vt_ocr_session(ctx);
        stamp_reading reading;
        if (!ocr)
            status = VT_ERROR;
        else if (read_best(ocr, page->image, mask, &place, page->dpi, &reading) != 0)
            status = vt_stage_fail(ctx, "out of memory");
        else if (reading.raw)
            status = record(doc, page, place.box, &reading, ctx);
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
