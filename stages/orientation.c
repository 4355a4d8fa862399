/*
 * orientation — turn a page that was scanned sideways or upside down (90°, 180°,
 * 270°) upright before OCR.
 *
 * Tesseract reads horizontal lines only: a page fed in turned is read as noise.
 * Two judges, the cheap one first: Leptonica's counts of letter shapes (30 ms)
 * decide most pages, upright or turned; when they are unsure, Tesseract's
 * orientation detector (OSD, `osd.traineddata`, Debian package
 * tesseract-ocr-osd, 300–600 ms) tells by how much the text is turned and how
 * sure it is. The page is rotated with pixRotateOrth (exact: no resampling) only
 * when a judge is sure, so an upright page is never touched. Without
 * osd.traineddata the stage warns once per document when a page needed OSD and
 * passes that page unchanged: a missing optional model must not cost the user
 * the document.
 *
 * One OSD handle per session, created when a page first needs it.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_service.h"
#include "stages.h"

/*
 * OSD's confidence is the margin between the best and the second-best
 * orientation. Measured on the 19 fixture pages (clean, degraded, stamped; 200
 * and 300 dpi) each turned 0/90/180/270°: every detection was right, and the
 * lowest confidence of a right detection was 11.6; at a third of the resolution
 * wrong answers appeared with confidences up to 1.0. 7 is also Tesseract's own
 * default (min_orientation_margin). Below it the page is left as it is.
 */
#define MIN_CONFIDENCE 7.0f

/*
 * OSD cost about 400 ms on a 300-dpi A4 page and 300 ms on the same page reduced
 * to 200 dpi, with the same right answers and confidences (11.8 lowest); at
 * 150 dpi the confidences halved. So pages above OSD_DPI are looked at reduced
 * to it; the rotation is then applied to the full page.
 */
#define OSD_DPI 200

/* Warn unless the document already carries this stage's warning (pages of one
 * document may run on several threads, hence the lock). */
static void warn_once(vt_document *doc, int page)
{
    vt_document_lock(doc);
    bool warned = false;
    for (size_t i = 0; i < doc->n_warnings && !warned; i++)
        warned = doc->warnings[i].stage
                 && strcmp(doc->warnings[i].stage, vt_stage_orientation.name) == 0;
    vt_document_unlock(doc);
    if (!warned)
        vt_document_warn(doc, vt_stage_orientation.name, page,
                         "osd.traineddata is missing: turned pages are not set upright "
                         "(apt-get install tesseract-ocr-osd)");
}

/*
 * Most pages need no OSD at all. Leptonica's orientation test (counts of
 * ascenders against descenders by hit-miss transforms, on a binarised page at
 * 150–200 dpi) costs about 30 ms where OSD costs 300–600 ms, and gives two
 * confidences: `up` (positive: upright, negative: upside down) and `left` (its
 * sign tells which way a sideways page is turned). They are counted on the
 * page's shared binarised copy (vt_page_binary), halved above 200 dpi. Measured
 * on the 29 fixture pages each turned 0/90/180/270° (116 views): every view the
 * rule below decided was decided right; upright pages say up 12–30 with
 * |left| ≤ 5, pages turned 90° or 270° say |left| 12–30, upside-down pages say
 * up −16 to −31. Marks over Vietnamese vowels do not confuse it: upside down
 * they count as descenders, which is what they then are. So a view at least
 * COUNTS_SURE in one direction and COUNTS_RATIO times the other is decided by
 * the counts; the rest (a short page, a photo, a page of tables) goes to OSD.
 * A short page (a last page of a few lines and a signature) says up 7–9 with
 * |left| ≤ 2.7: up at least UPRIGHT_SHORT with |left| under a third of it is
 * upright too (OSD took 0.6–0.8 s on those pages to say so). 7 of the 116 views
 * were left to OSD, all of the two short seal pages.
 */
#define COUNTS_SURE 10.0f
#define COUNTS_RATIO 3.0f
#define UPRIGHT_SHORT 6.0f

static l_float32 magnitude(l_float32 x)
{
    return x < 0 ? -x : x;
}

/* Clockwise quarter turns that make the page upright, from the counts; false when
 * they are not sure. */
static bool turns_by_counts(l_float32 up, l_float32 left, int *turns)
{
    if (up >= UPRIGHT_SHORT && COUNTS_RATIO * magnitude(left) <= up) {
        *turns = 0;
        return true;
    }
    if (up <= -COUNTS_SURE && COUNTS_RATIO * magnitude(left) <= -up) {
        *turns = 2;
        return true;
    }
    if (magnitude(left) >= COUNTS_SURE && COUNTS_RATIO * magnitude(up) <= magnitude(left)) {
        /* Measured: a page turned one quarter clockwise says left < 0. */
        *turns = left < 0 ? 3 : 1;
        return true;
    }
    return false;
}

/* The counts' verdict on the page: true with *turns set when they are sure. */
static bool counted_turns(vt_page *page, int *turns)
{
    /* The page's shared binarised copy, halved above 200 dpi (a 1-bpp page comes
     * back whole: it is halved here, rank 1, a pixel set if any of its four was). */
    bool halve = page->dpi > OSD_DPI;
    PIX *binary = vt_page_binary(page, halve ? 2 : 1);
    if (binary && halve && pixGetWidth(binary) == pixGetWidth(page->image)) {
        PIX *half = pixReduceRankBinary2(binary, 1, NULL);
        pixDestroy(&binary);
        binary = half;
    }
    l_float32 up = 0, left = 0;
    bool sure = binary && pixOrientDetect(binary, &up, &left, 0, 0) == 0
                && turns_by_counts(up, left, turns);
    pixDestroy(&binary);
    return sure;
}

/* The copy OSD looks at: the page itself, or reduced to OSD_DPI. */
static PIX *osd_view(const vt_page *page, int *dpi)
{
    *dpi = page->dpi;
    if (page->dpi <= OSD_DPI)
        return pixClone(page->image);
    float factor = (float)OSD_DPI / (float)page->dpi;
    *dpi = OSD_DPI;
    /* pixScale smooths while it reduces (area mapping), so thin strokes survive. */
    return pixScale(page->image, factor, factor);
}

/*
 * Clockwise quarter turns that make the page upright: 0 when it is, or when OSD
 * is not sure. OSD reports the angle by which the text was turned clockwise
 * (measured: a page turned with pixRotateOrth(pix, q) comes back as q × 90).
 */
static int upright_turns(vt_stage_context *ctx, const vt_page *page, int *turns,
                         bool *available)
{
    *turns = 0;
    int dpi;
    PIX *view = osd_view(page, &dpi);
    if (!view) {
        vt_stage_fail(ctx, "out of memory");
        return -1;
    }
    int degrees = 0;
    float confidence = 0;
    /* 0 means "no text to judge by" (a blank page, a photo): leave it. */
    int judged = vt_ocr_detect_orientation(ctx, view, dpi, &degrees, &confidence, available);
    pixDestroy(&view);
    if (judged > 0 && confidence >= MIN_CONFIDENCE && degrees % 90 == 0)
        *turns = (4 - degrees / 90 % 4) % 4;
    return judged < 0 ? -1 : 0;
}

/* Replace the page's image by itself turned `turns` quarters clockwise. */
static vt_status turn_page(vt_page *page, int turns, vt_stage_context *ctx)
{
    PIX *upright = pixRotateOrth(page->image, turns);
    if (!upright)
        return vt_stage_fail(ctx, "out of memory");
    pixCopyResolution(upright, page->image);
    vt_page_turned(page, turns, page->width, page->height);
    pixDestroy(&page->image);
    page->image = upright;
    page->width = pixGetWidth(upright);
    page->height = pixGetHeight(upright);
    return VT_OK;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image)
        return VT_OK;
    int turns = 0;
    if (counted_turns(page, &turns))
        return turns ? turn_page(page, turns, ctx) : VT_OK;
    /* OSD is loaded (and its absence warned about) only when a page needs it. */
    bool available = true;
    if (upright_turns(ctx, page, &turns, &available) != 0)
        return VT_ERROR;
    if (!available) {
        warn_once(doc, page->number);
        return VT_OK;
    }
    return turns ? turn_page(page, turns, ctx) : VT_OK;
}

const vt_stage vt_stage_orientation = {
    .name = "orientation",
    .summary = "turn pages scanned sideways or upside down upright (Leptonica's "
               "letter-shape counts; Tesseract OSD when they are unsure; only when sure)",
    .flags = VT_STAGE_NEEDS_IMAGES | VT_STAGE_CHANGES_IMAGE,
    .run_page = run_page,
};
