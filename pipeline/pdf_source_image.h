/*
 * pdf_source_image.h — a scanned PDF page's own JPEG bytes, for the searchable
 * PDF (pdf_source_image.c).
 */
#ifndef VT_PDF_SOURCE_IMAGE_H
#define VT_PDF_SOURCE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vt_pdf_source vt_pdf_source;

/* The input PDF opened for reading its pages' image streams (an owner-password
 * file decrypted), or NULL when qpdf cannot read it: the pages are then
 * encoded again. `bytes` must outlive the source. */
vt_pdf_source *vt_pdf_source_open(const unsigned char *bytes, size_t size);
void vt_pdf_source_close(vt_pdf_source *src);

/* The JPEG stream of page `index` (0-based) as stored, when the page shows one
 * image only and it is a plain DCT-encoded grey or RGB image of width x height
 * pixels, drawn as it is (no mask, no decode array): those bytes decode to the
 * very pixels the OCR read. *bytes is malloc'd. false otherwise (no error:
 * the page is then encoded from its pixels). */
bool vt_pdf_source_page_jpeg(vt_pdf_source *src, size_t index, int width, int height,
                             unsigned char **bytes, size_t *size);

#endif /* VT_PDF_SOURCE_IMAGE_H */
