/*
 * pixels.c — vt_process_pixels: run the pipeline on an image already in memory as
 * raw pixels, for programs that decode or capture images themselves.
 */
#include <leptonica/allheaders.h>
#include <string.h>

#include "engine.h"

static PIX *pix_from_raw(const uint8_t *pixels, int width, int height, int channels, int stride)
{
    PIX *pix = pixCreate(width, height, channels == 1 ? 8 : 32);
    if (!pix)
        return NULL;
    l_uint32 *data = pixGetData(pix);
    l_int32 wpl = pixGetWpl(pix);
    for (int y = 0; y < height; y++) {
        const uint8_t *row = pixels + (size_t)y * (size_t)stride;
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (int x = 0; x < width; x++) {
            if (channels == 1) {
                SET_DATA_BYTE(line, x, row[x]);
            } else {
                const uint8_t *px = row + (size_t)x * (size_t)channels;
                composeRGBPixel(px[0], px[1], px[2], line + x);
            }
        }
    }
    return pix;
}

static vt_document *process_pixels(vt_session *session, const char *name, const uint8_t *pixels,
                                   int width, int height, int channels, int stride, int dpi)
{
    vt_document *doc = vt_document_new(name);
    if (!doc)
        return NULL;
    doc->kind = VT_INPUT_IMAGE;
    if (!pixels || width <= 0 || height <= 0 || (channels != 1 && channels != 3 && channels != 4)
        || stride < width * channels) {
        vt_document_error_add(doc, NULL, 0, "invalid pixel buffer (%d x %d, %d channels, "
                              "stride %d)", width, height, channels, stride);
        doc->failed = true;
        return doc;
    }
    PIX *pix = pix_from_raw(pixels, width, height, channels, stride);
    vt_page *page = pix ? vt_document_add_page(doc) : NULL;
    if (!page) {
        pixDestroy(&pix);
        vt_document_error_add(doc, NULL, 0, "out of memory");
        doc->failed = true;
        return doc;
    }
    page->image = pix;
    page->width = width;
    page->height = height;
    page->dpi = dpi > 0 ? dpi : session->engine->options.default_dpi;
    pixSetResolution(pix, page->dpi, page->dpi);
    vt_page_stored_as_is(page);
    if (vt_run_document(session, doc) != VT_OK)
        doc->failed = true;
    return doc;
}

vt_document *vt_process_pixels(vt_session *session, const char *name, const uint8_t *pixels,
                               int width, int height, int channels, int stride, int dpi)
{
    return vt_document_finish_timing(
        process_pixels(session, name, pixels, width, height, channels, stride, dpi));
}
