/*
 * pdf_archive.h — PDF/A-2b metadata for the searchable PDF (pdf_archive.c).
 */
#ifndef VT_PDF_ARCHIVE_H
#define VT_PDF_ARCHIVE_H

#include <hpdf.h>
#include <stdbool.h>

/* Title, producer and dates in the information dictionary and as XMP, the sRGB
 * output intent and the file identifier. false when libharu or memory failed. */
bool vt_pdf_make_archival(HPDF_Doc pdf, const char *title);

#endif /* VT_PDF_ARCHIVE_H */
