/*
 * load_image — describe the pages of an image input (Leptonica) and decode each
 * one when the page stages need it.
 *
 * Every format Leptonica reads is accepted; a TIFF may hold many pages. Only the
 * headers are read here: each page's pixel count is checked before anything is
 * decoded, so a small file that claims a gigantic image (a decompression bomb) is
 * refused instead of exhausting memory, and the pixels are decoded one page at a
 * time later (see the page source in pipeline/README.md). Colour is kept: the
 * image-cleaning stages need the ink colours.
 */
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"
#include "strbuf.h"

static bool applies(const vt_document *doc)
{
    return doc->kind == VT_INPUT_IMAGE && doc->input != NULL;
}

static bool is_tiff(l_int32 format)
{
    return format == IFF_TIFF || format == IFF_TIFF_G3 || format == IFF_TIFF_G4
        || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG
        || format == IFF_TIFF_PACKBITS;
}

/* Tesseract reads 1, 8, 24 and 32 bpp images without a colour map. */
static PIX *make_ocr_ready(PIX *pix)
{
    if (pixGetColormap(pix))
        return pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    if (pixGetDepth(pix) == 16)
        return pixConvert16To8(pix, L_MS_BYTE);
    if (pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4)
        return pixConvertTo8(pix, 0);
    return pixClone(pix);
}

static PIX *load_page(void *state, const vt_document *doc, size_t index, char **error)
{
    (void)state;
    l_int32 format = IFF_UNKNOWN;
    findFileFormatBuffer(doc->input, &format);
    PIX *decoded = is_tiff(format) ? pixReadMemTiff(doc->input, doc->input_size, (l_int32)index)
                                   : pixReadMem(doc->input, doc->input_size);
    if (!decoded) {
        *error = vt_format("cannot decode the image: the file is damaged or truncated");
        return NULL;
    }
    PIX *ready = make_ocr_ready(decoded);
    pixDestroy(&decoded);
    if (!ready)
        *error = vt_format("cannot convert the image to a depth Tesseract reads");
    return ready;
}

/* Fewer pixels than this on a side cannot hold a line of text; Tesseract and the
 * cleaning stages fail on such images in ways that say nothing (one reported
 * "out of memory" for a 1x1 image), so they are refused here, by size. */
#define MIN_SIDE 8

/* The default limit, 300 megapixels, is twice an A0 sheet at 300 dpi. */
static vt_status check_pixels(vt_stage_context *ctx, size_t page, l_int32 w, l_int32 h)
{
    if (w < MIN_SIDE || h < MIN_SIDE)
        return vt_stage_fail(ctx, "page %zu: image of %d\u00d7%d pixels is too small to read",
                             page, w, h);
    double limit = vt_stage_context_options(ctx)->max_megapixels;
    if ((double)w * (double)h > limit * 1e6)
        return vt_stage_fail(ctx, "page %zu: image of %d x %d pixels exceeds the limit of %g "
                                  "megapixels (--max-megapixels)", page, w, h, limit);
    return VT_OK;
}

static l_int32 count_tiff_pages(const vt_document *doc)
{
    FILE *fp = fopenReadFromMemory(doc->input, doc->input_size);
    l_int32 n = 0;
    if (fp) {
        if (tiffGetCount(fp, &n) != 0)
            n = 0;
        fclose(fp);
    }
    return n;
}

static vt_status describe_tiff(vt_document *doc, vt_stage_context *ctx)
{
    l_int32 n = count_tiff_pages(doc);
    if (n <= 0)
        return vt_stage_fail(ctx, "cannot read the TIFF image: the file is damaged");
    for (l_int32 i = 0; i < n; i++) {
        if (!vt_stage_context_page_selected(ctx, i + 1))
            continue;
        l_int32 w, h, bps, spp, res, cmap, format;
        if (readHeaderMemTiff(doc->input, doc->input_size, i, &w, &h, &bps, &spp, &res, &cmap,
                              &format))
            return vt_stage_fail(ctx, "page %d: cannot read the TIFF header: the file is damaged",
                                 i + 1);
        if (check_pixels(ctx, (size_t)i + 1, w, h) != VT_OK)
            return VT_ERROR;
        vt_page *page = vt_document_add_page(doc);
        if (!page)
            return vt_stage_fail(ctx, "out of memory");
        page->number = i + 1;
    }
    if (doc->n_pages == 0)
        return vt_stage_fail(ctx, "--pages selects none of the %d page(s)", n);
    return VT_OK;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Whether a PNG's chunks all fit in the file and IEND is reached. */
static bool png_complete(const unsigned char *d, size_t n)
{
    size_t pos = 8;
    while (pos + 12 <= n) {
        uint32_t len = be32(d + pos);
        if (len > n - pos - 12)
            return false;
        if (memcmp(d + pos + 4, "IEND", 4) == 0)
            return true;
        pos += 12 + (size_t)len;
    }
    return false;
}

/* Whether a JPEG's last scan (SOS, FF DA) is followed by its end (EOI, FF D9).
 * Neither marker can occur inside entropy-coded data (FF is stuffed there), and
 * an EXIF thumbnail's scan and end come before the main image's scan. */
static bool jpeg_complete(const unsigned char *d, size_t n)
{
    size_t last_sos = 0, last_eoi = 0;
    for (size_t i = 2; i + 1 < n; i++)
        if (d[i] == 0xFF && d[i + 1] == 0xDA)
            last_sos = i;
        else if (d[i] == 0xFF && d[i + 1] == 0xD9)
            last_eoi = i;
    return last_sos > 0 && last_eoi > last_sos;
}

/* libpng and libjpeg print their own complaints about a cut-off file on the
 * caller's stderr ("libpng error: read error", "Premature end of JPEG file")
 * before Leptonica returns; the structure is checked first so that a truncated
 * file gets one message of ours and is never decoded. */
static vt_status check_complete(vt_document *doc, vt_stage_context *ctx, l_int32 format)
{
    bool complete = format == IFF_PNG ? png_complete(doc->input, doc->input_size)
                  : format == IFF_JFIF_JPEG ? jpeg_complete(doc->input, doc->input_size)
                  : true;
    if (!complete)
        return vt_stage_fail(ctx, "the %s file is damaged or truncated (it ends before the "
                                  "image does)", format == IFF_PNG ? "PNG" : "JPEG");
    return VT_OK;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    l_int32 format = IFF_UNKNOWN, w, h, bps, spp, iscmap;
    findFileFormatBuffer(doc->input, &format);
    vt_status status;
    if (is_tiff(format)) {
        status = describe_tiff(doc, ctx);
    } else if (pixReadHeaderMem(doc->input, doc->input_size, &format, &w, &h, &bps, &spp,
                                &iscmap)) {
        status = vt_stage_fail(ctx, "cannot read the image header: the file is damaged or "
                                    "not an image");
    } else {
        /* The size first: a header claiming 60000 x 60000 is refused for what it
         * claims, whether or not the rest of the file is there. */
        status = check_pixels(ctx, 1, w, h);
        if (status == VT_OK)
            status = check_complete(doc, ctx, format);
        if (status == VT_OK && !vt_stage_context_add_selected_pages(ctx, doc, 1))
            status = vt_stage_fail(ctx, "out of memory");
        if (status == VT_OK && doc->n_pages == 0)
            status = vt_stage_fail(ctx, "--pages selects none of the 1 page(s)");
    }
    if (status == VT_OK)
        doc->page_source = (vt_page_source){.load = load_page};
    return status;
}

const vt_stage vt_stage_load_image = {
    .name = "load_image",
    .summary = "read PNG, JPEG, TIFF (all pages), GIF, BMP, PNM, WebP, JPEG 2000 headers; "
               "pages are decoded one at a time",
    .flags = VT_STAGE_REQUIRED,
    .applies = applies,
    .run = run,
};
