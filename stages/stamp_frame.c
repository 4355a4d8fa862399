/*
 * stamp_frame — find the "ĐẾN" receipt stamp on a greyscale or 1-bit page by its
 * frame, read its fields from its own box, and take its ink out of the page the
 * body is read from.
 *
 * Where colour is gone (a greyscale or bilevel scan, a stamp in black ink),
 * receipt_stamp cannot tell the stamp by its ink. Its form is still there: a
 * ruled rectangle of about 50 × 35 mm (Decree 30/2020, Appendix IV) in the upper
 * part of the page, whose sides are long straight strokes that print does not
 * make. Lines are found by morphology: a long opening along them, after a short
 * dilation across them so that a stamp set down a few degrees askew still gives
 * long unbroken runs. A rectangle of such lines of the stamp's size whose
 * content reads like a stamp (a number and a date, or one of them and a
 * routing) is the stamp; it is read as stamp_reader reads a stamp's box, each
 * field the value its readings agree on. Red or violet ink scanned in grey is
 * lighter than black print: when the frame is clearly lighter, the stamp's grey
 * is lifted out of the box, read on its own and whitened on the page, while the
 * print, also under it, stays. On a 1-bit page the ink is as black as the print: the box is read as it
 * is for the fields and the page is left alone (whitening the frame's lines cut
 * the print they cross: CER 3.19% → 3.47% on the 1-bit fixture); stamp_words
 * sets apart the words OCR then reads from it. Runs after deskew (the page is
 * upright and straight) and before ocr; a page whose stamp receipt_stamp already
 * read is left alone.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_service.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "stamp_reader.h"

/* The stamp sits in the upper part of the page; the rest is not searched. */
#define SEARCH_FRACTION 0.55
/* Dark enough to be ink of any colour on paper: red scans to grey 80–150. */
#define INK_GREY 180
/* A frame drawn at least this much lighter than black print is coloured ink
 * (measured: red (220, 30, 40) scans to 88; print to 0–40). */
#define LIGHT_INK 60
/* The grey of black print's core, for the cut between print and ink. */
#define PRINT_GREY 20

typedef struct frame {
    BOX *box;                   /* page coordinates; NULL when none was found */
    PIX *lines;                 /* 1 bpp, the box's size: the frame's line pixels */
} frame;

static void frame_clear(frame *f)
{
    boxDestroy(&f->box);
    pixDestroy(&f->lines);
}

/* Lines along one direction: dilated `across` pixels across them, then opened
 * `along` pixels along them. */
static PIX *lines_of(PIX *binary, bool horizontal, int along, int across)
{
    PIX *thick = horizontal ? pixDilateBrick(NULL, binary, 1, across)
                            : pixDilateBrick(NULL, binary, across, 1);
    PIX *lines = NULL;
    if (thick)
        lines = horizontal ? pixOpenCompBrick(NULL, thick, along, 1)
                           : pixOpenCompBrick(NULL, thick, 1, along);
    pixDestroy(&thick);
    return lines;
}

/* The share of a band of `lines` (rows y0..y1, columns x0..x1) that the lines
 * cross: columns with a line pixel for a horizontal side, rows for a vertical one. */
static double side_cover(PIX *lines, l_int32 x0, l_int32 y0, l_int32 x1, l_int32 y1,
                         bool horizontal)
{
    l_uint32 *data = pixGetData(lines);
    l_int32 wpl = pixGetWpl(lines), covered = 0;
    l_int32 outer0 = horizontal ? x0 : y0, outer1 = horizontal ? x1 : y1;
    l_int32 inner0 = horizontal ? y0 : x0, inner1 = horizontal ? y1 : x1;
    for (l_int32 a = outer0; a < outer1; a++) {
        bool hit = false;
        for (l_int32 b = inner0; b < inner1 && !hit; b++) {
            l_int32 x = horizontal ? a : b, y = horizontal ? b : a;
            hit = GET_DATA_BIT(data + y * wpl, x) != 0;
        }
        covered += hit;
    }
    return outer1 > outer0 ? (double)covered / (outer1 - outer0) : 0;
}

/*
 * A frame: each side covered by its lines along most of its length, in the fifth
 * of the box nearest it (a stamp askew by 3° moves its top line by 2.6 mm over
 * 50 mm, a tenth of its 35 mm height).
 */
static bool is_frame(PIX *h_lines, PIX *v_lines, l_int32 x, l_int32 y, l_int32 w, l_int32 h)
{
    const double min_cover = 0.6;
    l_int32 bh = h / 5, bw = w / 5;
    return side_cover(h_lines, x, y, x + w, y + bh, true) >= min_cover
           && side_cover(h_lines, x, y + h - bh, x + w, y + h, true) >= min_cover
           && side_cover(v_lines, x, y, x + bw, y + h, false) >= min_cover
           && side_cover(v_lines, x + w - bw, y, x + w, y + h, false) >= min_cover;
}

/* Stamp-sized (mm), wider than tall: a round seal's lines do not make a frame,
 * and a ruled table rarely has this size in the header. */
static bool stamp_sized(double w, double h)
{
    return w > 35 && w < 80 && h > 20 && h < 60 && w > 1.1 * h;
}

/* The largest stamp-sized frame in a binary picture of the upper page at `dpi`,
 * in that picture's coordinates; the lines that make it in *lines_out. */
static BOX *largest_frame(PIX *binary, int dpi, PIX **lines_out)
{
    double mm = dpi / 25.4;
    int across = (int)(1.0 * mm) | 1;
    PIX *h_lines = lines_of(binary, true, (int)(15 * mm), across);
    PIX *v_lines = lines_of(binary, false, (int)(10 * mm), across);
    PIX *lines = h_lines && v_lines ? pixOr(NULL, h_lines, v_lines) : NULL;
    /* Join sides that stop short of each other at a corner. */
    int close = (int)(2 * mm) | 1;
    PIX *joined = lines ? pixCloseSafeBrick(NULL, lines, close, close) : NULL;
    BOXA *blobs = joined ? pixConnComp(joined, NULL, 8) : NULL;
    BOX *best = NULL;
    for (l_int32 i = 0; blobs && i < boxaGetCount(blobs); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blobs, i, &x, &y, &w, &h);
        if (!stamp_sized(w / mm, h / mm) || !is_frame(h_lines, v_lines, x, y, w, h))
            continue;
        l_int32 bw = 0, bh = 0;
        if (best)
            boxGetGeometry(best, NULL, NULL, &bw, &bh);
        if (w * h > bw * bh) {
            boxDestroy(&best);
            best = boxCreate(x, y, w, h);
        }
    }
    boxaDestroy(&blobs);
    pixDestroy(&joined);
    pixDestroy(&h_lines);
    pixDestroy(&v_lines);
    *lines_out = lines;
    return best;
}

/* The upper page as 1 bpp (ink: darker than INK_GREY), halved at 200 dpi and more
 * (lines are long: half the resolution finds them as well, four times faster).
 * Halving takes the darkest of each 2 × 2 pixels before the threshold, which is
 * the same as setting a halved pixel when any of its four is ink, without a
 * full-size binary copy. */
static PIX *upper_ink(PIX *grey, int dpi, int *factor)
{
    *factor = dpi >= 200 ? 2 : 1;
    PIX *small = *factor == 2 ? pixScaleGrayMinMax(grey, 2, 2, L_CHOOSE_MIN) : pixClone(grey);
    l_int32 h = (l_int32)(pixGetHeight(grey) * SEARCH_FRACTION) / *factor;
    BOX *upper = small ? boxCreate(0, 0, pixGetWidth(small), h) : NULL;
    PIX *top = upper ? pixClipRectangle(small, upper, NULL) : NULL;
    PIX *binary = top ? pixConvertTo1(top, INK_GREY) : NULL;
    boxDestroy(&upper);
    pixDestroy(&top);
    pixDestroy(&small);
    return binary;
}

/* Find the frame on an 8 bpp page; f->box NULL when there is none. 0, or -1 when
 * memory ran out. */
static int find_frame(PIX *grey, int dpi, frame *f)
{
    *f = (frame){0};
    int factor;
    PIX *binary = upper_ink(grey, dpi, &factor);
    if (!binary)
        return -1;
    PIX *lines = NULL;
    BOX *found = largest_frame(binary, dpi / factor, &lines);
    pixDestroy(&binary);
    if (!lines)
        return -1;
    if (found) {
        l_int32 x, y, bw, bh;
        boxGetGeometry(found, &x, &y, &bw, &bh);
        BOX *small = found;
        found = boxCreate(x * factor, y * factor, bw * factor, bh * factor);
        PIX *clip = pixClipRectangle(lines, small, NULL);
        f->lines = clip ? pixExpandReplicate(clip, factor) : NULL;
        pixDestroy(&clip);
        boxDestroy(&small);
        f->box = found;
        if (!found || !f->lines) {
            frame_clear(f);
            pixDestroy(&lines);
            return -1;
        }
    }
    pixDestroy(&lines);
    return 0;
}

/* The grey the frame is drawn in: the median of the dark pixels on its lines (0
 * on a 1-bit page). */
static int frame_grey(PIX *box_grey, PIX *lines)
{
    l_int32 counts[256] = {0}, total = 0;
    l_int32 w = pixGetWidth(box_grey), h = pixGetHeight(box_grey);
    for (l_int32 y = 0; y < h && y < pixGetHeight(lines); y++)
        for (l_int32 x = 0; x < w && x < pixGetWidth(lines); x++) {
            l_uint32 g;
            pixGetPixel(box_grey, x, y, &g);
            l_uint32 on;
            pixGetPixel(lines, x, y, &on);
            if (on && g < INK_GREY) {
                counts[g]++;
                total++;
            }
        }
    l_int32 seen = 0;
    for (int g = 0; g < 256; g++) {
        seen += counts[g];
        if (2 * seen >= total && total > 0)
            return g;
    }
    return 0;
}

/* 1 bpp: where the box shows the stamp's lighter ink, away from black print.
 * Print's anti-aliased edges are as grey as the ink; two pixels around every
 * print pixel are not ink. */
static PIX *light_ink(PIX *box_grey, int cut)
{
    PIX *print = pixThresholdToBinary(box_grey, cut);
    PIX *near_print = print ? pixDilateBrick(NULL, print, 5, 5) : NULL;
    PIX *ink = pixThresholdToBinary(box_grey, INK_GREY);
    bool ok = near_print && ink && pixSubtract(ink, ink, near_print) == ink;
    pixDestroy(&print);
    pixDestroy(&near_print);
    if (!ok)
        pixDestroy(&ink);
    return ink;
}

/* What a stamp says: an arrival number and date, or one of them and a routing. A
 * ruled box of the header that is not the stamp says neither. */
/* The stamp's ink in the framed box, when it is lighter than print: 1 bpp, the
 * box's size; NULL (with *ok still true) when it is as dark as print. */
static PIX *separable_ink(PIX *page, PIX *box_grey, PIX *lines, bool *ok)
{
    int ink_grey = frame_grey(box_grey, lines);
    *ok = true;
    if (ink_grey < LIGHT_INK || pixGetDepth(page) != 8)
        return NULL;
    /* Between the print's core and the ink's: darker is print. */
    PIX *ink = light_ink(box_grey, (ink_grey + PRINT_GREY) / 2);
    *ok = ink != NULL;
    return ink;
}

/* Record the stamp (taken over) and, when its ink could be told from the print,
 * take that ink off the page. */
static int record(vt_document *doc, vt_page *page, vt_receipt_stamp *stamp, PIX *ink)
{
    stamp->ink_on_page = ink == NULL;
    if (!vt_document_offer_receipt_stamp(doc, stamp))
        return -1;
    if (ink) {
        /* ink is set only on an 8-bpp page (separable_ink): paper is 255 */
        pixPaintThroughMask(page->image, ink, stamp->box.x, stamp->box.y, 255);
        vt_page_forget_binary(page);    /* its pixels changed in place */
    }
    return 0;
}

/* Read the framed box and, when it is the stamp, record it. 0, or -1 when memory
 * ran out. The box is read from the stamp's own ink when it can be told from the
 * print, and as it is otherwise. */
static int take_stamp(vt_document *doc, vt_page *page, PIX *grey, frame *f,
                      vt_ocr *ocr)
{
    PIX *box_grey = pixClipRectangle(grey, f->box, NULL);
    bool ok = box_grey != NULL;
    PIX *ink = ok ? separable_ink(page->image, box_grey, f->lines, &ok) : NULL;
    PIX *layer = !ok ? NULL : ink ? pixConvert1To8(NULL, ink, 255, 0) : pixClone(box_grey);
    ok = ok && layer;
    pixDestroy(&box_grey);
    vt_stamp_reading reading = {0};
    if (ok && vt_stamp_read(ocr, layer, page->dpi, &reading) != 0)
        ok = false;
    pixDestroy(&layer);
    vt_receipt_stamp *stamp = ok ? calloc(1, sizeof *stamp) : NULL;
    ok = stamp != NULL;
    if (ok) {
        l_int32 x, y, w, h;
        boxGetGeometry(f->box, &x, &y, &w, &h);
        *stamp = (vt_receipt_stamp){.page = page->number, .box = {x, y, w, h}};
        ok = vt_stamp_vote(&reading, 1, stamp) == 0;
    }
    vt_stamp_reading_clear(&reading);
    int status = ok ? 0 : -1;
    if (ok && vt_stamp_reads_like_one(stamp))
        status = record(doc, page, stamp, ink);
    else
        vt_receipt_stamp_free(stamp);
    pixDestroy(&ink);
    return status;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image || vt_document_has_receipt_stamp_by(doc, page->number))
        return VT_OK;
    /* An 8-bpp page is read as it is (a converted copy cost 36 ms a page). */
    PIX *grey = pixGetDepth(page->image) == 8 && !pixGetColormap(page->image)
                    ? pixClone(page->image)
                    : pixConvertTo8(page->image, 0);
    frame f;
    if (!grey || find_frame(grey, page->dpi, &f) != 0) {
        pixDestroy(&grey);
        return vt_stage_fail(ctx, "out of memory");
    }
    vt_status status = VT_OK;
    if (f.box) {
        vt_ocr *ocr = vt_ocr_session(ctx);
        if (!ocr)
            status = VT_ERROR;
        else if (take_stamp(doc, page, grey, &f, ocr) != 0)
            status = vt_stage_fail(ctx, "out of memory");
    }
    frame_clear(&f);
    pixDestroy(&grey);
    return status;
}

const vt_stage vt_stage_stamp_frame = {
    .name = "stamp_frame",
    .summary = "find the ĐẾN receipt stamp on greyscale or 1-bit pages by its ruled frame, "
               "read it on its own and take it off the page",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
