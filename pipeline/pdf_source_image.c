/*
 * pdf_source_image.c — a scanned PDF page's own JPEG bytes, read with qpdf.
 *
 * Poppler (load_pdf.c) hands a page's image back decoded; written out again it
 * would be a second, bigger, lossless copy of a lossy image (a 2 MB JPEG scan
 * became 3.3 MB). The issue for archive outputs asks for the original bytes
 * where the input allows it: qpdf reads the image stream raw, and when it is
 * exactly what Poppler decoded for the OCR (one DCT image of the page's size,
 * grey or RGB, no mask, decode array or second filter) libharu embeds it as it
 * is. Anything else is refused here and the page is encoded from its pixels,
 * so a wrong guess costs size, never pixels. The size check also tells an
 * extracted scan from a page load_pdf rendered at 300 dpi (its size is the
 * page's, not the image's).
 */
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_source_image.h"

struct vt_pdf_source {
    qpdf_data qpdf;
};

vt_pdf_source *vt_pdf_source_open(const unsigned char *bytes, size_t size)
{
    vt_pdf_source *src = calloc(1, sizeof *src);
    if (!src)
        return NULL;
    src->qpdf = qpdf_init();
    if (!src->qpdf) {
        free(src);
        return NULL;
    }
    qpdf_silence_errors(src->qpdf);
    qpdf_set_suppress_warnings(src->qpdf, QPDF_TRUE);
    /* Resources a page inherits from its parents are copied onto it, so each
     * page's own dictionary says what it shows. */
    if ((qpdf_read_memory(src->qpdf, "input", (const char *)bytes, size, "") & QPDF_ERRORS)
        || (qpdf_push_inherited_attributes_to_page(src->qpdf) & QPDF_ERRORS)) {
        vt_pdf_source_close(src);
        return NULL;
    }
    return src;
}

void vt_pdf_source_close(vt_pdf_source *src)
{
    if (!src)
        return;
    qpdf_cleanup(&src->qpdf);
    free(src);
}

static bool name_is(qpdf_data q, qpdf_oh oh, const char *name)
{
    return qpdf_oh_is_name_and_equals(q, oh, name);
}

static bool int_is(qpdf_data q, qpdf_oh oh, int value)
{
    return qpdf_oh_is_integer(q, oh) && qpdf_oh_get_int_value_as_int(q, oh) == value;
}

/* The page's one XObject, when it has exactly one and it is an image. */
static qpdf_oh only_image(qpdf_data q, qpdf_oh page)
{
    qpdf_oh xobjects = qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, page, "/Resources"),
                                               "/XObject");
    if (!qpdf_oh_is_dictionary(q, xobjects))
        return 0;
    qpdf_oh found = 0;
    int count = 0;
    qpdf_oh_begin_dict_key_iter(q, xobjects);
    while (qpdf_oh_dict_more_keys(q)) {
        found = qpdf_oh_get_key(q, xobjects, qpdf_oh_dict_next_key(q));
        count++;
    }
    if (count != 1 || !qpdf_oh_is_stream(q, found))
        return 0;
    qpdf_oh dict = qpdf_oh_get_dict(q, found);
    return name_is(q, qpdf_oh_get_key(q, dict, "/Subtype"), "/Image") ? found : 0;
}

/* A plain JPEG whose decoded pixels are the image: one DCT filter, grey or
 * RGB, 8 bits, no decode array, mask or soft mask, and the expected size. */
static bool plain_jpeg(qpdf_data q, qpdf_oh image, int width, int height)
{
    qpdf_oh dict = qpdf_oh_get_dict(q, image);
    qpdf_oh filter = qpdf_oh_get_key(q, dict, "/Filter");
    if (qpdf_oh_is_array(q, filter) && qpdf_oh_get_array_n_items(q, filter) == 1)
        filter = qpdf_oh_get_array_item(q, filter, 0);
    qpdf_oh space = qpdf_oh_get_key(q, dict, "/ColorSpace");
    return name_is(q, filter, "/DCTDecode")
           && (name_is(q, space, "/DeviceGray") || name_is(q, space, "/DeviceRGB"))
           && int_is(q, qpdf_oh_get_key(q, dict, "/BitsPerComponent"), 8)
           && int_is(q, qpdf_oh_get_key(q, dict, "/Width"), width)
           && int_is(q, qpdf_oh_get_key(q, dict, "/Height"), height)
           && !qpdf_oh_has_key(q, dict, "/Decode") && !qpdf_oh_has_key(q, dict, "/Mask")
           && !qpdf_oh_has_key(q, dict, "/SMask") && !qpdf_oh_has_key(q, dict, "/DecodeParms");
}

bool vt_pdf_source_page_jpeg(vt_pdf_source *src, size_t index, int width, int height,
                             unsigned char **bytes, size_t *size)
{
    *bytes = NULL;
    *size = 0;
    if (!src)
        return false;
    qpdf_data q = src->qpdf;
    int pages = qpdf_get_num_pages(q);
    if (pages < 0 || index >= (size_t)pages) {
        while (qpdf_has_error(q))
            qpdf_get_error(q);
        return false;
    }
    qpdf_oh image = only_image(q, qpdf_get_page_n(q, index));
    bool ok = image && plain_jpeg(q, image, width, height)
              && !(qpdf_oh_get_stream_data(q, image, qpdf_dl_none, NULL, bytes, size)
                   & QPDF_ERRORS)
              && *bytes && *size > 0;
    if (!ok) {
        free(*bytes);
        *bytes = NULL;
        *size = 0;
    }
    /* Handles are kept until released; one page's worth at a time. */
    qpdf_oh_release_all(q);
    while (qpdf_has_error(q))
        qpdf_get_error(q);
    return ok;
}
