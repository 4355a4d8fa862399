/*
 * pdf.c — the document as a searchable PDF: each page's stored image with
 * vanthu's final words laid over it as invisible text (render mode 3).
 *
 * The image is the one the input stored, not the cleaned one: a JPEG file's
 * bytes go in as they are (DCTDecode), and so does a scanned PDF page's JPEG
 * stream (pdf_source_image.c); a 1-bit page as CCITT G4, other pages
 * losslessly (Flate), each page at its own size in points from its dpi. The
 * words come from placed_text.h, so `pdftotext` gives the text output's lines
 * and words; their boxes are carried back through orientation, deskew and
 * enlargement (page->stored) onto that image. Stamp, seal and margin-note
 * words are left out of the layer: a search for the notice should not find
 * the receiving office's stamp. A PDF whose every page kept its own (good)
 * text layer is already searchable and is returned unchanged.
 *
 * libharu writes the PDF objects; the font is a glyph-less one built by
 * models/fonts/build-glyphless.py, every character half an em wide and
 * stretched (Tz) to its word's box. pdf_archive.c adds the PDF/A-2b parts.
 */
#include <hpdf.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fields_output.h"
#include "model_path.h"
#include "pdf_archive.h"
#include "pdf_source_image.h"
#include "placed_text.h"
#include "strbuf.h"
#include "utf8.h"
#include "vanthu.h"

#define FONT_FILE "fonts/vanthu-glyphless.ttf"
#define GLYPH_ADVANCE 0.5       /* of the font size: the font's one glyph */
#define POINTS_PER_INCH 72.0
#define QUARTER_TURN 1.5707963267948966  /* radians */
/* libharu refuses horizontal scaling outside 10–300 %. */
#define MIN_STRETCH 10.0
#define MAX_STRETCH 300.0

typedef struct pdf_writer {
    const vt_document *doc;
    HPDF_Doc pdf;
    HPDF_Font font;
    HPDF_FontDef font_def;
    vt_pdf_source *source;      /* a PDF input's own image streams, or NULL */
    char *error;                /* the first failure, malloc'd */
} pdf_writer;

static void fail(pdf_writer *w, char *message)
{
    if (!w->error)
        w->error = message ? message : strdup("out of memory");
    else
        free(message);
}

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    fail(user, vt_format("the PDF writer (libharu) failed: error 0x%04X, detail %u",
                         (unsigned)error, (unsigned)detail));
}

/* The sizes a PDF page can have, in points. */
#define MIN_PAGE_POINTS 3.0
#define MAX_PAGE_POINTS 14400.0

/* --- the page image ----------------------------------------------------- */

static bool input_is_jpeg(const vt_document *doc)
{
    l_int32 format = IFF_UNKNOWN;
    return doc->kind == VT_INPUT_IMAGE && doc->input
           && findFileFormatBuffer(doc->input, &format) == 0 && format == IFF_JFIF_JPEG;
}

/* Leptonica keeps 1-bit rows in 32-bit words, first pixel in the top bit: as
 * bytes in memory order that is the PDF's bit order only after a byte swap on
 * little-endian machines (pixEndianByteSwapNew does nothing on big-endian). */
static HPDF_Image bilevel_image(pdf_writer *w, PIX *pix)
{
    PIX *bytes = pixEndianByteSwapNew(pix);
    if (!bytes)
        return NULL;
    HPDF_Image image = HPDF_Image_LoadRaw1BitImageFromMem(
        w->pdf, (const HPDF_BYTE *)pixGetData(bytes), (HPDF_UINT)pixGetWidth(bytes),
        (HPDF_UINT)pixGetHeight(bytes), (HPDF_UINT)pixGetWpl(bytes) * 4, HPDF_FALSE, HPDF_TRUE);
    pixDestroy(&bytes);
    return image;
}

/* libharu writes a stream's /Filter only for what it compresses itself, and
 * it compresses only when the document is saved: every page's samples would
 * wait uncompressed until then (26 MB for a 300-dpi colour A4, so a 1000-page
 * scan would not fit). The samples are compressed here, page by page, and the
 * key is written by the dictionary's write hook. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

static HPDF_Image flate_image(pdf_writer *w, const unsigned char *samples, size_t size,
                              int width, int height, bool grey)
{
    uLongf packed_size = compressBound((uLong)size);
    unsigned char *packed = malloc(packed_size);
    if (!packed || compress2(packed, &packed_size, samples, (uLong)size, Z_DEFAULT_COMPRESSION)
                       != Z_OK) {
        free(packed);
        return NULL;
    }
    HPDF_Dict image = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    HPDF_STATUS rc = image ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (image) {
        image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;    /* what DrawImage accepts */
        image->write_fn = write_flate_filter;
        rc += HPDF_Dict_AddName(image, "Type", "XObject");
        rc += HPDF_Dict_AddName(image, "Subtype", "Image");
        rc += HPDF_Dict_AddNumber(image, "Width", width);
        rc += HPDF_Dict_AddNumber(image, "Height", height);
        rc += HPDF_Dict_AddName(image, "ColorSpace", grey ? "DeviceGray" : "DeviceRGB");
        rc += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
        rc += HPDF_Stream_Write(image->stream, packed, (HPDF_UINT)packed_size);
    }
    free(packed);
    return rc == HPDF_OK ? image : NULL;
}

/* 8-bit grey or 32-bit RGB as packed samples, written with Flate. */
static HPDF_Image sampled_image(pdf_writer *w, PIX *pix)
{
    int width = pixGetWidth(pix), height = pixGetHeight(pix);
    bool grey = pixGetDepth(pix) == 8;
    size_t channels = grey ? 1 : 3;
    size_t size = (size_t)width * (size_t)height * channels;
    unsigned char *samples = malloc(size);
    if (!samples)
        return NULL;
    unsigned char *out = samples;
    for (int y = 0; y < height; y++) {
        const l_uint32 *line = pixGetData(pix) + (size_t)y * (size_t)pixGetWpl(pix);
        for (int x = 0; x < width; x++) {
            if (grey) {
                *out++ = (unsigned char)GET_DATA_BYTE(line, x);
            } else {
                l_int32 r, g, b;
                extractRGBValues(line[x], &r, &g, &b);
                *out++ = (unsigned char)r;
                *out++ = (unsigned char)g;
                *out++ = (unsigned char)b;
            }
        }
    }
    HPDF_Image image = flate_image(w, samples, size, width, height, grey);
    free(samples);
    return image;
}

/* The stored image of the page, decoded again from the input (one page at a
 * time, as the runner does). */
static HPDF_Image page_image(pdf_writer *w, const vt_page *page)
{
    const vt_document *doc = w->doc;
    if (input_is_jpeg(doc))
        return HPDF_LoadJpegImageFromMem(w->pdf, doc->input, (HPDF_UINT)doc->input_size);
    unsigned char *jpeg;
    size_t jpeg_size;
    if (vt_pdf_source_page_jpeg(w->source, (size_t)(page->number - 1), page->stored.width,
                                page->stored.height, &jpeg, &jpeg_size)) {
        HPDF_Image image = HPDF_LoadJpegImageFromMem(w->pdf, jpeg, (HPDF_UINT)jpeg_size);
        free(jpeg);     /* libharu keeps its own copy */
        return image;
    }
    PIX *pix = NULL;
    if (doc->page_source.load) {
        char *error = NULL;
        pix = doc->page_source.load(doc->page_source.state, doc, (size_t)(page->number - 1),
                                    &error);
        if (!pix) {
            fail(w, vt_format("page %d: %s", page->number,
                              error ? error : "cannot decode the page image"));
            free(error);
            return NULL;
        }
    } else if (page->image) {
        pix = pixClone(page->image);    /* a caller's pixels, kept by the page */
    } else {
        fail(w, vt_format("page %d: no image to put in the PDF", page->number));
        return NULL;
    }
    HPDF_Image image = NULL;
    if (pixGetWidth(pix) != page->stored.width || pixGetHeight(pix) != page->stored.height)
        fail(w, vt_format("page %d: the image decoded again is %d x %d, not %d x %d",
                          page->number, pixGetWidth(pix), pixGetHeight(pix),
                          page->stored.width, page->stored.height));
    else if (pixGetDepth(pix) == 1)
        image = bilevel_image(w, pix);
    else if (pixGetDepth(pix) == 8 || pixGetDepth(pix) == 32)
        image = sampled_image(w, pix);
    else
        fail(w, vt_format("page %d: a %d-bit image cannot go into the PDF", page->number,
                          pixGetDepth(pix)));
    pixDestroy(&pix);
    return image;
}

/* --- the text layer ----------------------------------------------------- */

/* The word as the font can show it: a character the font lacks (it would
 * show .notdef, which PDF/A forbids) becomes U+FFFD. `chars` counts them. */
static char *showable(pdf_writer *w, const char *s, size_t len, bool trailing_space,
                      size_t *chars)
{
    vt_strbuf out = {0};
    *chars = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = vt_utf8_next(s, len, &pos);
        if (cp <= 0 || cp > 0xFFFF || HPDF_TTFontDef_GetGlyphid(w->font_def, (HPDF_UINT16)cp) == 0)
            cp = 0xFFFD;
        char bytes[4];
        vt_strbuf_append(&out, bytes, vt_utf8_encode(cp, bytes));
        ++*chars;
    }
    if (trailing_space) {
        vt_strbuf_putc(&out, ' ');
        ++*chars;
    }
    return vt_strbuf_take(&out);
}

/* Where a line goes on the page: its baseline's start in points, and the
 * matrix that draws the line's own pixels (x along it from its left end, y up
 * from its baseline) there. Quarter turns carry over exactly; a straightened
 * page's small angle does not: Poppler's text extraction breaks slanted words
 * apart ("SƠ N"), so the line is laid along the nearest axis from its start,
 * and its far end lands up to sin(angle) of its length off the print. */
typedef struct line_frame {
    double a, b, c, d, e, f;    /* PDF matrix [a b c d e f] */
} line_frame;

static void point_on_page(const vt_page *page, double k, double page_height, double x, double y,
                          double *px, double *py)
{
    double sx, sy;
    vt_page_point_on_stored(page, x, y, &sx, &sy);
    *px = k * sx;
    *py = page_height - k * sy;
}

static line_frame line_frame_of(const vt_page *page, double k, double page_height, vt_box line)
{
    double base = (double)line.y + line.h;
    double ox, oy, ex, ey;
    point_on_page(page, k, page_height, line.x, base, &ox, &oy);
    point_on_page(page, k, page_height, (double)line.x + line.w, base, &ex, &ey);
    double dx = ex - ox, dy = ey - oy;
    double scale = sqrt(dx * dx + dy * dy) / line.w;
    long quarter = lround(atan2(dy, dx) / QUARTER_TURN);
    static const int cosine[4] = {1, 0, -1, 0}, sine[4] = {0, 1, 0, -1};
    int q = (int)(((quarter % 4) + 4) % 4);
    double ux = cosine[q], uy = sine[q];
    /* Up from the baseline is the direction a quarter turn anticlockwise. */
    return (line_frame){scale * ux, scale * uy, -scale * uy, scale * ux, ox, oy};
}

/* One line: every word at its box, stretched to reach the next word's start
 * with a space after it, so copy-paste and pdftotext give the line with its
 * spaces. All words of a line share its baseline and size: readers group a
 * line by them. */
static void show_line(pdf_writer *w, HPDF_Page pdf_page, const vt_page *page, double k,
                      double page_height, const vt_placed_page *pp, const vt_placed_line *line)
{
    double size = line->box.h;
    if (line->box.w <= 0 || size <= 0)
        return;
    line_frame m = line_frame_of(page, k, page_height, line->box);
    HPDF_Page_GSave(pdf_page);
    HPDF_Page_Concat(pdf_page, (HPDF_REAL)m.a, (HPDF_REAL)m.b, (HPDF_REAL)m.c, (HPDF_REAL)m.d,
                     (HPDF_REAL)m.e, (HPDF_REAL)m.f);
    HPDF_Page_BeginText(pdf_page);
    HPDF_Page_SetTextRenderingMode(pdf_page, HPDF_INVISIBLE);
    HPDF_Page_SetFontAndSize(pdf_page, w->font, (HPDF_REAL)size);
    for (size_t i = 0; i < line->n_words && !w->error; i++) {
        const vt_placed_word *word = &pp->words[line->first_word + i];
        if (word->box.w == 0 || word->len == 0)
            continue;
        double x0 = word->box.x, x1 = (double)word->box.x + word->box.w;
        const vt_placed_word *next = i + 1 < line->n_words ? word + 1 : NULL;
        bool spaced = next && next->box.w > 0 && next->box.x > word->box.x;
        if (spaced)
            x1 = next->box.x;
        size_t chars;
        char *text = showable(w, word->text, word->len, spaced, &chars);
        if (!text) {
            fail(w, NULL);
            break;
        }
        double stretch = 100.0 * (x1 - x0) / ((double)chars * GLYPH_ADVANCE * size);
        stretch = stretch < MIN_STRETCH ? MIN_STRETCH : stretch > MAX_STRETCH ? MAX_STRETCH
                                                                             : stretch;
        /* Hundredths are plenty; libharu would print five decimals per word. */
        HPDF_Page_SetHorizontalScalling(pdf_page, (HPDF_REAL)(round(stretch * 100) / 100));
        HPDF_Page_TextOut(pdf_page, (HPDF_REAL)(x0 - line->box.x), 0, text);
        free(text);
    }
    HPDF_Page_EndText(pdf_page);
    HPDF_Page_GRestore(pdf_page);
}

static bool write_page(void *user, size_t index, const vt_placed_page *pp)
{
    pdf_writer *w = user;
    const vt_page *page = &w->doc->pages[index];
    if (page->stored.width <= 0 || page->stored.dpi <= 0) {
        fail(w, vt_format("page %d: no stored image to put in the PDF (%s)", page->number,
                          page->from_text_layer ? "its words came from the input's text layer"
                                                : "it was not decoded"));
        return false;
    }
    double k = POINTS_PER_INCH / page->stored.dpi;
    double width = page->stored.width * k, height = page->stored.height * k;
    /* PDF readers take pages of 3 to 14 400 units a side (ISO 32000-1, Annex C);
     * libharu refuses others, and leaks the page it began. A resolution the
     * file records wrongly (1 dpi, 60 000 dpi) makes such a page. */
    if (width < MIN_PAGE_POINTS || height < MIN_PAGE_POINTS || width > MAX_PAGE_POINTS
        || height > MAX_PAGE_POINTS) {
        fail(w, vt_format("page %d: %d × %d pixels at %d dpi is %.0f × %.0f pt, outside the "
                          "3-14400 pt a PDF page can be (is the image's resolution right? "
                          "--dpi sets one for images that record none)",
                          page->number, page->stored.width, page->stored.height,
                          page->stored.dpi, width, height));
        return false;
    }
    HPDF_Image image = page_image(w, page);
    if (!image || w->error)
        return fail(w, NULL), false;
    HPDF_Page pdf_page = HPDF_AddPage(w->pdf);
    HPDF_Page_SetWidth(pdf_page, (HPDF_REAL)width);
    HPDF_Page_SetHeight(pdf_page, (HPDF_REAL)height);
    HPDF_Page_DrawImage(pdf_page, image, 0, 0, (HPDF_REAL)width, (HPDF_REAL)height);
    for (size_t b = 0; b < pp->n_blocks && !w->error; b++) {
        const vt_placed_block *block = &pp->blocks[b];
        if (block->kind != VT_BLOCK_TEXT)
            continue;
        for (size_t l = 0; l < block->n_lines && !w->error; l++)
            show_line(w, pdf_page, page, k, height, pp, &pp->lines[block->first_line + l]);
    }
    return w->error == NULL;
}

/* --- the document ------------------------------------------------------- */

static bool every_page_from_text_layer(const vt_document *doc)
{
    for (size_t i = 0; i < doc->n_pages; i++)
        if (!doc->pages[i].from_text_layer)
            return false;
    return doc->n_pages > 0;
}

/* The notice's title (trích yếu), else its type, else the file's name. */
static const char *document_title(const vt_document *doc)
{
    const vt_notice_fields *fields = vt_document_fields(doc);
    if (fields && fields->header.title && *fields->header.title)
        return fields->header.title;
    if (fields && fields->header.type && *fields->header.type)
        return fields->header.type;
    const char *slash = doc->source ? strrchr(doc->source, '/') : NULL;
    return slash ? slash + 1 : doc->source ? doc->source : "";
}

/* libharu 2.3 gives a Type 0 font with Identity-H a ToUnicode map written as
 * an encoding CMap (begincidrange), which readers reject ("Invalid
 * 'begincidrange' operator") and PDF/A validators flag. The codes it shows are
 * the characters themselves (UTF-16 code units of the BMP), so the right map is
 * the identity, as bfranges of one high byte each (a range may only vary in its
 * last byte); surrogates are no characters. */
static bool replace_to_unicode(pdf_writer *w)
{
    vt_strbuf cmap = {0};
    vt_strbuf_puts(&cmap, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int high[256], n = 0;
    for (int h = 0; h < 256; h++)
        if (h < 0xD8 || h > 0xDF)
            high[n++] = h;
    for (int i = 0; i < n; i += 100) {
        int block = n - i < 100 ? n - i : 100;     /* at most 100 entries a block */
        vt_strbuf_printf(&cmap, "%d beginbfrange\n", block);
        for (int j = i; j < i + block; j++)
            vt_strbuf_printf(&cmap, "<%02X00> <%02XFF> <%02X00>\n", high[j], high[j], high[j]);
        vt_strbuf_puts(&cmap, "endbfrange\n");
    }
    vt_strbuf_puts(&cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    char *text = vt_strbuf_take(&cmap);
    HPDF_Dict stream = text ? HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref) : NULL;
    bool ok = stream != NULL;
    if (ok) {
        stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        ok = HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text))
                 == HPDF_OK
             && HPDF_Dict_Add(w->font, "ToUnicode", stream) == HPDF_OK;
    }
    free(text);
    return ok;
}

static bool load_font(pdf_writer *w, const char *model_dir)
{
    char *path = vt_model_path(model_dir, FONT_FILE);
    FILE *probe = path ? fopen(path, "rb") : NULL;
    if (!probe && path && model_dir && *model_dir) {
        /* A --model-dir holding only the language model: the installed font. */
        free(path);
        path = vt_model_path(NULL, FONT_FILE);
        probe = path ? fopen(path, "rb") : NULL;
    }
    if (!path)
        return fail(w, NULL), false;
    if (!probe) {
        fail(w, vt_format("cannot open the PDF text-layer font %s (rebuild it with "
                          "models/fonts/build-glyphless.py)", path));
        free(path);
        return false;
    }
    fclose(probe);
    const char *name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
    free(path);
    w->font = name ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
    w->font_def = name ? HPDF_GetFontDef(w->pdf, name) : NULL;
    return w->font && w->font_def && !w->error && replace_to_unicode(w);
}

static unsigned char *saved_bytes(pdf_writer *w, size_t *size)
{
    if (HPDF_SaveToStream(w->pdf) != HPDF_OK || w->error)
        return fail(w, NULL), NULL;
    HPDF_UINT32 n = HPDF_GetStreamSize(w->pdf);
    unsigned char *bytes = malloc(n ? n : 1);
    if (!bytes)
        return fail(w, NULL), NULL;
    HPDF_ResetStream(w->pdf);
    HPDF_UINT32 got = n;
    if (HPDF_ReadFromStream(w->pdf, bytes, &got) > HPDF_STREAM_EOF || got != n) {
        free(bytes);
        fail(w, strdup("cannot read back the PDF libharu wrote"));
        return NULL;
    }
    *size = n;
    return bytes;
}

static unsigned char *copy_input(const vt_document *doc, size_t *size)
{
    unsigned char *bytes = malloc(doc->input_size ? doc->input_size : 1);
    if (bytes) {
        memcpy(bytes, doc->input, doc->input_size);
        *size = doc->input_size;
    }
    return bytes;
}

unsigned char *vt_document_pdf(const vt_document *doc, const char *model_dir, size_t *size,
                               char **error)
{
    *size = 0;
    *error = NULL;
    if (doc->failed || doc->n_pages == 0) {
        *error = strdup("the document has no pages to write");
        return NULL;
    }
    if (doc->kind == VT_INPUT_PDF && doc->input && every_page_from_text_layer(doc)) {
        unsigned char *copy = copy_input(doc, size);
        if (!copy)
            *error = strdup("out of memory");
        return copy;
    }
    pdf_writer w = {.doc = doc};
    if (doc->kind == VT_INPUT_PDF && doc->input)
        w.source = vt_pdf_source_open(doc->input, doc->input_size);
    w.pdf = HPDF_New(on_hpdf_error, &w);
    unsigned char *bytes = NULL;
    if (!w.pdf) {
        fail(&w, NULL);
    } else {
        HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(w.pdf);
        /* The information dictionary's strings go through the current encoder:
         * UTF-8 in, UTF-16 with its byte-order mark out. */
        HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
        if (load_font(&w, model_dir) && vt_place_each_page(doc, write_page, &w) && !w.error
            && vt_pdf_make_archival(w.pdf, document_title(doc)))
            bytes = saved_bytes(&w, size);
        else
            fail(&w, strdup("cannot write the PDF (out of memory)"));
        HPDF_Free(w.pdf);
    }
    vt_pdf_source_close(w.source);
    if (!bytes) {
        *error = w.error;
        *size = 0;
    } else {
        free(w.error);
    }
    return bytes;
}
