/*
 * load_pdf — read a PDF: each page either carries a good text layer (used as is,
 * no OCR) or becomes an image for OCR.
 *
 * Office scanners write one image per page (CCITT bilevel, JBIG2, JPEG, Flate).
 * Such an image is taken out at its native resolution instead of re-rendering the
 * page, which would resample it and cost time; a bilevel one stays 1 bit. Other
 * pages are rendered at 300 dpi.
 * Existing text layers are judged (text/layer_quality.h): a scanner's garbage OCR
 * is replaced by ours, a real text layer saves the OCR entirely.
 *
 * Poppler through poppler-glib (see README for the measurement behind the choice).
 * A PDF encrypted with an owner password only opens as is; one that needs a user
 * password is refused with a message saying so.
 */
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "layer_quality.h"
#include "stages.h"
#include "strbuf.h"

#define RENDER_DPI 300
/* An image covering at least this share of the page is "the scan of the page". */
#define FULL_PAGE_SHARE 0.85

typedef struct pdf_source {
    GBytes *bytes;
    PopplerDocument *pdf;
    /* Poppler is not safe for one document on several threads, and pages of a
     * document may be decoded by several batch workers: one at a time here. */
    pthread_mutex_t lock;
} pdf_source;

static bool applies(const vt_document *doc)
{
    return doc->kind == VT_INPUT_PDF && doc->input != NULL;
}

static void destroy_source(void *state)
{
    pdf_source *src = state;
    if (src->pdf)
        g_object_unref(src->pdf);
    if (src->bytes)
        g_bytes_unref(src->bytes);
    pthread_mutex_destroy(&src->lock);
    free(src);
}

/* Cairo's ARGB32/RGB24 (native-endian 0xAARRGGBB words) to an 8-bit grey PIX when
 * the image is grey — scans usually are, and it quarters the memory — else RGB. */
static PIX *pix_from_surface(cairo_surface_t *surface)
{
    cairo_surface_flush(surface);
    int w = cairo_image_surface_get_width(surface);
    int h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    if (!data || w <= 0 || h <= 0)
        return NULL;
    bool grey = true;
    for (int y = 0; y < h && grey; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w && grey; x++) {
            uint32_t p = row[x];
            grey = ((p >> 16) & 0xFF) == ((p >> 8) & 0xFF) && ((p >> 8) & 0xFF) == (p & 0xFF);
        }
    }
    PIX *pix = pixCreate(w, h, grey ? 8 : 32);
    if (!pix)
        return NULL;
    l_uint32 *pdata = pixGetData(pix);
    l_int32 wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        l_uint32 *line = pdata + (size_t)y * (size_t)wpl;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            if (grey)
                SET_DATA_BYTE(line, x, p & 0xFF);
            else
                composeRGBPixel((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, line + x);
        }
    }
    return pix;
}

/* The page's only image, when it covers the page: its id and its resolution. */
static bool find_page_scan(PopplerPage *page, int *image_id, double *area_w, double *area_h)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    GList *mapping = poppler_page_get_image_mapping(page);
    bool found = false;
    if (mapping && !mapping->next) {
        PopplerImageMapping *m = mapping->data;
        double w = m->area.x2 - m->area.x1, h = m->area.y2 - m->area.y1;
        if (w > 0 && h > 0 && w * h >= FULL_PAGE_SHARE * pw * ph) {
            *image_id = m->image_id;
            *area_w = w;
            *area_h = h;
            found = true;
        }
    }
    poppler_page_free_image_mapping(mapping);
    return found;
}

/* A grey image whose every pixel is pure black or white: the 1-bit scan (CCITT,
 * JBIG2) Poppler hands back as 8 bits. */
static bool is_bilevel(PIX *grey)
{
    int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
    const l_uint32 *data = pixGetData(grey);
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (int x = 0; x < w; x++) {
            int v = GET_DATA_BYTE(line, x);
            if (v != 0 && v != 255)
                return false;
        }
    }
    return true;
}

/* A bilevel scan goes on as 1 bit, as it was stored: the pipeline then treats
 * it as the 1-bit page it is, and the searchable PDF keeps it 1-bit (CCITT G4)
 * instead of growing an 8-bit copy twice the input's size. */
static PIX *as_stored_depth(PIX *pix)
{
    if (pixGetDepth(pix) != 8 || !is_bilevel(pix))
        return pix;
    PIX *bits = pixThresholdToBinary(pix, 128);
    if (!bits)
        return pix;     /* out of memory: the 8-bit image still serves */
    pixDestroy(&pix);
    return bits;
}

static PIX *extract_scan(PopplerPage *page, int image_id, double area_w)
{
    cairo_surface_t *surface = poppler_page_get_image(page, image_id);
    if (!surface)
        return NULL;
    PIX *pix = pix_from_surface(surface);
    if (pix)
        pix = as_stored_depth(pix);
    if (pix) {
        /* Points are 1/72 inch: pixels across the image's area give its resolution. */
        int dpi = (int)(cairo_image_surface_get_width(surface) * 72.0 / area_w + 0.5);
        pixSetResolution(pix, dpi, dpi);
    }
    cairo_surface_destroy(surface);
    return pix;
}

static PIX *render_page(PopplerPage *page)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    int w = (int)(pw * RENDER_DPI / 72.0 + 0.5), h = (int)(ph * RENDER_DPI / 72.0 + 0.5);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, RENDER_DPI / 72.0, RENDER_DPI / 72.0);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    PIX *pix = pix_from_surface(surface);
    cairo_surface_destroy(surface);
    if (pix)
        pixSetResolution(pix, RENDER_DPI, RENDER_DPI);
    return pix;
}

static PIX *load_page_locked(pdf_source *src, size_t index, char **error)
{
    PopplerPage *page = poppler_document_get_page(src->pdf, (int)index);
    if (!page) {
        *error = vt_format("cannot open the page");
        return NULL;
    }
    int image_id;
    double area_w, area_h;
    PIX *pix = find_page_scan(page, &image_id, &area_w, &area_h)
                   ? extract_scan(page, image_id, area_w) : NULL;
    if (!pix)
        pix = render_page(page);
    g_object_unref(page);
    if (!pix)
        *error = vt_format("cannot render the page (out of memory?)");
    return pix;
}

static PIX *load_page(void *state, const vt_document *doc, size_t index, char **error)
{
    pdf_source *src = state;
    (void)doc;
    pthread_mutex_lock(&src->lock);
    PIX *pix = load_page_locked(src, index, error);
    pthread_mutex_unlock(&src->lock);
    return pix;
}

/* Fill a page from its text layer: lines become lines, words words. Boxes are not
 * kept yet (the layer's geometry is in points, the model's in pixels). */
static bool words_from_layer(vt_page *page, const char *text)
{
    vt_block *block = NULL;
    const char *p = text;
    while (*p) {
        size_t line_len = strcspn(p, "\n");
        vt_line *line = NULL;
        for (size_t i = 0; i < line_len;) {
            while (i < line_len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
                i++;
            size_t start = i;
            while (i < line_len && p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
                i++;
            if (i == start)
                continue;
            if (!block && !(block = vt_page_add_block(page)))
                return false;
            if (!line && !(line = vt_block_add_line(block)))
                return false;
            if (!vt_line_add_word(line, p + start, i - start))
                return false;
        }
        if (!line)
            block = NULL;   /* an empty line ends the block */
        p += line_len + (p[line_len] == '\n');
    }
    return true;
}

/* Use a page's text layer when the mode and its quality allow; true if used. */
static vt_status try_text_layer(vt_document *doc, vt_page *page, PopplerPage *ppage,
                                vt_ocr_mode mode, vt_stage_context *ctx, bool *used)
{
    *used = false;
    if (mode == VT_OCR_ALWAYS)
        return VT_OK;
    char *layer = poppler_page_get_text(ppage);
    if (!layer)
        return VT_OK;
    char *text = layer;
    /* A layer typed in an old TCVN3/VNI font comes out as "Th«ng b¸o": convert
     * it before judging it, or it would be judged garbage and OCRed. */
    vt_legacy_encoding enc = vt_stage_text_encoding(ctx, layer, strlen(layer));
    if (enc != VT_LEGACY_NONE) {
        text = vt_legacy_to_unicode(layer, strlen(layer), enc, NULL);
        g_free(layer);
        if (!text)
            return vt_stage_fail(ctx, "out of memory");
        vt_document_warn(doc, vt_stage_load_pdf.name, page->number,
                         "text layer in the %s encoding, converted to Unicode",
                         vt_legacy_name(enc));
    }
    vt_layer_quality q = vt_layer_quality_measure(text, strlen(text));
    bool take = mode == VT_OCR_NEVER || q.good;
    if (take && !words_from_layer(page, text)) {
        if (enc != VT_LEGACY_NONE)
            free(text);
        else
            g_free(text);
        return vt_stage_fail(ctx, "out of memory");
    }
    page->from_text_layer = take;
    if (!take && q.words > 0)
        vt_document_warn(doc, vt_stage_load_pdf.name, page->number,
                         "text layer ignored and the page OCRed: %zu words, %.0f%% with "
                         "Vietnamese marks, %.0f%% clean", q.words, 100 * q.diacritic_share,
                         100 * q.clean_share);
    if (enc != VT_LEGACY_NONE)
        free(text);
    else
        g_free(text);
    *used = take;
    return VT_OK;
}

/* Whether a page shows nothing: no text, no image, and a thumbnail (9 dpi, ~1 ms)
 * of one colour. Such pages are marked blank here, so that a PDF of thousands
 * of empty pages is not rendered at 300 dpi and OCRed page after page
 * (minutes for nothing); vector drawings still show in the thumbnail. */
static bool page_looks_blank(PopplerPage *page)
{
    char *text = poppler_page_get_text(page);
    bool empty = !text || text[strspn(text, " \t\r\n\f")] == '\0';
    g_free(text);
    GList *mapping = empty ? poppler_page_get_image_mapping(page) : NULL;
    if (!empty || mapping) {
        poppler_page_free_image_mapping(mapping);
        return false;
    }
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    const double scale = 9 / 72.0;
    int w = (int)(pw * scale) + 1, h = (int)(ph * scale) + 1;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    bool blank = false;
    if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render_for_printing(page, cr);
        cairo_destroy(cr);
        cairo_surface_flush(surface);
        const unsigned char *data = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        uint32_t first = data ? *(const uint32_t *)data & 0xFFFFFF : 0;
        blank = data != NULL;
        for (int y = 0; y < h && blank; y++) {
            const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
            for (int x = 0; x < w && blank; x++)
                blank = (row[x] & 0xFFFFFF) == first;
        }
    }
    cairo_surface_destroy(surface);
    return blank;
}

static vt_status describe_pages(vt_document *doc, pdf_source *src, vt_stage_context *ctx)
{
    int n = poppler_document_get_n_pages(src->pdf);
    if (n <= 0)
        return vt_stage_fail(ctx, "the PDF has no pages");
    vt_ocr_mode mode = vt_stage_context_options(ctx)->ocr;
    for (int i = 0; i < n; i++) {
        if (!vt_stage_context_page_selected(ctx, i + 1))
            continue;
        PopplerPage *ppage = poppler_document_get_page(src->pdf, i);
        if (!ppage)
            return vt_stage_fail(ctx, "page %d: cannot open the page", i + 1);
        vt_page *page = vt_document_add_page(doc);
        bool used = false;
        vt_status status = page ? VT_OK : vt_stage_fail(ctx, "out of memory");
        if (page) {
            page->number = i + 1;
            status = try_text_layer(doc, page, ppage, mode, ctx, &used);
            page->blank = status == VT_OK && !used && page_looks_blank(ppage);
        }
        g_object_unref(ppage);
        if (status != VT_OK)
            return status;
    }
    if (doc->n_pages == 0)
        return vt_stage_fail(ctx, "--pages selects none of the %d page(s)", n);
    return VT_OK;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    pdf_source *src = calloc(1, sizeof *src);
    if (!src)
        return vt_stage_fail(ctx, "out of memory");
    pthread_mutex_init(&src->lock, NULL);
    /* The document owns the bytes and outlives the source: no copy needed. */
    src->bytes = g_bytes_new_static(doc->input, doc->input_size);
    GError *gerr = NULL;
    src->pdf = poppler_document_new_from_bytes(src->bytes, NULL, &gerr);
    if (!src->pdf) {
        bool locked = gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED;
        vt_status status = locked
            ? vt_stage_fail(ctx, "the PDF is encrypted and needs a password to open")
            : vt_stage_fail(ctx, "cannot read the PDF: %s", gerr ? gerr->message : "damaged file");
        g_clear_error(&gerr);
        destroy_source(src);
        return status;
    }
    doc->page_source = (vt_page_source){.state = src, .load = load_page, .destroy = destroy_source};
    return describe_pages(doc, src, ctx);
}

const vt_stage vt_stage_load_pdf = {
    .name = "load_pdf",
    .summary = "read PDFs (Poppler): good text layers as text, scanned pages as their "
               "embedded image at native resolution, others rendered at 300 dpi",
    .flags = VT_STAGE_REQUIRED,
    .applies = applies,
    .run = run,
};
