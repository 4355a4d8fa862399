/*
 * load_image — decode an image input into pages (Leptonica).
 *
 * Every format Leptonica reads is accepted; a TIFF may hold many pages. The pixel
 * count is checked from the header before decoding, so a small file that claims a
 * gigantic image (a decompression bomb) is refused instead of exhausting memory.
 * Colour is kept: the image-cleaning stages need the ink colours.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include "stages.h"

/* 300 megapixels: an A0 sheet at 300 dpi is 140 MP; nothing legitimate is larger. */
#define VT_MAX_PIXELS 300000000.0

static bool applies(const vt_document *doc)
{
    return doc->kind == VT_INPUT_IMAGE && doc->input != NULL;
}

/* Tesseract reads 1, 8, 24 and 32 bpp images without a colour map. */
static PIX *make_ocr_ready(PIX *pix)
{
    PIX *out = NULL;
    if (pixGetColormap(pix))
        out = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else if (pixGetDepth(pix) == 16)
        out = pixConvert16To8(pix, L_MS_BYTE);
    else if (pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4)
        out = pixConvertTo8(pix, 0);
    else
        return pixClone(pix);
    return out;
}

static vt_status add_page(vt_document *doc, vt_stage_context *ctx, PIX *decoded)
{
    int number = (int)doc->n_pages + 1;
    PIX *pix = make_ocr_ready(decoded);
    if (!pix)
        return vt_stage_fail(ctx, "page %d: cannot convert the image to a readable depth", number);
    vt_page *page = vt_document_add_page(doc);
    if (!page) {
        pixDestroy(&pix);
        return vt_stage_fail(ctx, "out of memory");
    }
    page->image = pix;
    page->width = (int)pixGetWidth(pix);
    page->height = (int)pixGetHeight(pix);
    /* Below 50 "dpi" the file records an aspect ratio or a placeholder, not a scan
     * resolution; Tesseract would size its text models wrongly from it. */
    int dpi = (int)pixGetXRes(pix);
    if (dpi < 50) {
        dpi = vt_stage_context_options(ctx)->default_dpi;
        vt_document_warn(doc, vt_stage_load_image.name, number,
                         "the image records no resolution; assuming %d dpi", dpi);
    }
    page->dpi = dpi;
    return VT_OK;
}

static vt_status check_size(vt_document *doc, vt_stage_context *ctx)
{
    l_int32 format, w, h, bps, spp, iscmap;
    if (pixReadHeaderMem(doc->input, doc->input_size, &format, &w, &h, &bps, &spp, &iscmap))
        return vt_stage_fail(ctx, "cannot read the image header: the file is damaged or "
                                  "not an image");
    if ((double)w * (double)h > VT_MAX_PIXELS)
        return vt_stage_fail(ctx, "image of %d x %d pixels exceeds the limit of %.0f "
                                  "megapixels", w, h, VT_MAX_PIXELS / 1e6);
    return VT_OK;
}

static vt_status load_tiff(vt_document *doc, vt_stage_context *ctx)
{
    PIXA *pixa = pixaReadMemMultipageTiff(doc->input, doc->input_size);
    if (!pixa || pixaGetCount(pixa) == 0) {
        pixaDestroy(&pixa);
        return vt_stage_fail(ctx, "cannot decode the TIFF image: the file is damaged");
    }
    vt_status status = VT_OK;
    for (l_int32 i = 0; i < pixaGetCount(pixa) && status == VT_OK; i++) {
        PIX *pix = pixaGetPix(pixa, i, L_CLONE);
        status = add_page(doc, ctx, pix);
        pixDestroy(&pix);
    }
    pixaDestroy(&pixa);
    return status;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    if (check_size(doc, ctx) != VT_OK)
        return VT_ERROR;
    l_int32 format = IFF_UNKNOWN;
    findFileFormatBuffer(doc->input, &format);
    vt_status status;
    if (format == IFF_TIFF || format == IFF_TIFF_G3 || format == IFF_TIFF_G4
        || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG
        || format == IFF_TIFF_PACKBITS) {
        status = load_tiff(doc, ctx);
    } else {
        PIX *pix = pixReadMem(doc->input, doc->input_size);
        if (!pix)
            return vt_stage_fail(ctx, "cannot decode the image: the file is damaged or "
                                      "truncated");
        status = add_page(doc, ctx, pix);
        pixDestroy(&pix);
    }
    if (status == VT_OK) {
        /* The pixels now live in the pages; the encoded bytes are no longer needed. */
        free(doc->input);
        doc->input = NULL;
    }
    return status;
}

const vt_stage vt_stage_load_image = {
    .name = "load_image",
    .summary = "decode PNG, JPEG, TIFF (all pages), GIF, BMP, PNM, WebP, JPEG 2000",
    .flags = VT_STAGE_REQUIRED,
    .applies = applies,
    .run = run,
};
