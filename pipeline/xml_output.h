/*
 * xml_output.h — libxml2's text writer behind a sticky failure flag, for the
 * XML outputs (ALTO, hOCR): a writer reads as the document it writes, and one
 * check at the end says whether all of it was written.
 */
#ifndef VT_XML_OUTPUT_H
#define VT_XML_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

struct _xmlBuffer;
struct _xmlTextWriter;

typedef struct vt_xml {
    struct _xmlBuffer *buffer;
    struct _xmlTextWriter *writer;
    bool failed;                /* a call failed (memory): the output is dropped */
} vt_xml;

/* A UTF-8 document with its XML declaration, indented. false when out of memory. */
bool vt_xml_open(vt_xml *x);
/* With `doctype` set, the DOCTYPE line first: name, public and system ids. */
bool vt_xml_open_with_doctype(vt_xml *x, const char *name, const char *public_id,
                              const char *system_id);
/* No XML declaration; the processing instruction `pi_target pi_text` first
 * (an XMP packet's header: XMP inside a PDF has no declaration). */
bool vt_xml_open_after_pi(vt_xml *x, const char *pi_target, const char *pi_text);
/* A processing instruction where the writer is. */
void vt_xml_pi(vt_xml *x, const char *target, const char *text);
void vt_xml_start(vt_xml *x, const char *element);
void vt_xml_end(vt_xml *x);
/* <element>text</element> */
void vt_xml_element(vt_xml *x, const char *element, const char *text);
void vt_xml_text(vt_xml *x, const char *text, size_t len);
void vt_xml_attr(vt_xml *x, const char *name, const char *value);
void vt_xml_attr_text(vt_xml *x, const char *name, const char *value, size_t len);
void vt_xml_attr_int(vt_xml *x, const char *name, long value);
void vt_xml_attr_fixed(vt_xml *x, const char *name, double value, int decimals);
/* The document (malloc'd), or NULL when anything failed; frees the writer. */
char *vt_xml_close(vt_xml *x);

#endif /* VT_XML_OUTPUT_H */
