/*
 * xml_output.c — libxml2's text writer behind a sticky failure flag
 * (xml_output.h).
 *
 * XML 1.0 cannot carry every character a text may hold: C0 controls other than
 * tab, newline and return are not allowed even escaped, so they are left out of
 * what is written (the text outputs never hold them either; this is the last
 * guard that keeps the XML well-formed whatever the input).
 */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_output.h"

static void check(vt_xml *x, int rc)
{
    if (rc < 0)
        x->failed = true;
}

static bool open_writer(vt_xml *x, bool declared)
{
    *x = (vt_xml){0};
    x->buffer = xmlBufferCreate();
    x->writer = x->buffer ? xmlNewTextWriterMemory(x->buffer, 0) : NULL;
    if (!x->writer) {
        if (x->buffer)
            xmlBufferFree(x->buffer);
        return false;
    }
    check(x, xmlTextWriterSetIndent(x->writer, 1));
    check(x, xmlTextWriterSetIndentString(x->writer, BAD_CAST " "));
    if (declared)
        check(x, xmlTextWriterStartDocument(x->writer, "1.0", "UTF-8", NULL));
    return true;
}

bool vt_xml_open(vt_xml *x)
{
    return open_writer(x, true);
}

bool vt_xml_open_after_pi(vt_xml *x, const char *pi_target, const char *pi_text)
{
    if (!open_writer(x, false))
        return false;
    vt_xml_pi(x, pi_target, pi_text);
    return true;
}

void vt_xml_pi(vt_xml *x, const char *target, const char *text)
{
    if (!x->failed)
        check(x, xmlTextWriterWritePI(x->writer, BAD_CAST target, BAD_CAST text));
}

bool vt_xml_open_with_doctype(vt_xml *x, const char *name, const char *public_id,
                              const char *system_id)
{
    if (!open_writer(x, true))
        return false;
    check(x, xmlTextWriterWriteDTD(x->writer, BAD_CAST name, BAD_CAST public_id,
                                   BAD_CAST system_id, NULL));
    return true;
}

/* `s[0..len)` without the characters XML 1.0 forbids; malloc'd, NUL-terminated. */
static char *xml_safe(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            continue;
        /* U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either. */
        if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF
            && ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
            i += 2;
            continue;
        }
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

void vt_xml_start(vt_xml *x, const char *element)
{
    if (!x->failed)
        check(x, xmlTextWriterStartElement(x->writer, BAD_CAST element));
}

void vt_xml_end(vt_xml *x)
{
    if (!x->failed)
        check(x, xmlTextWriterEndElement(x->writer));
}

void vt_xml_text(vt_xml *x, const char *text, size_t len)
{
    if (x->failed)
        return;
    char *safe = xml_safe(text, len);
    check(x, safe ? xmlTextWriterWriteString(x->writer, BAD_CAST safe) : -1);
    free(safe);
}

void vt_xml_element(vt_xml *x, const char *element, const char *text)
{
    vt_xml_start(x, element);
    vt_xml_text(x, text, strlen(text));
    vt_xml_end(x);
}

void vt_xml_attr_text(vt_xml *x, const char *name, const char *value, size_t len)
{
    if (x->failed)
        return;
    char *safe = xml_safe(value, len);
    check(x, safe ? xmlTextWriterWriteAttribute(x->writer, BAD_CAST name, BAD_CAST safe) : -1);
    free(safe);
}

void vt_xml_attr(vt_xml *x, const char *name, const char *value)
{
    vt_xml_attr_text(x, name, value, strlen(value));
}

void vt_xml_attr_int(vt_xml *x, const char *name, long value)
{
    char text[32];
    snprintf(text, sizeof text, "%ld", value);
    vt_xml_attr(x, name, text);
}

void vt_xml_attr_fixed(vt_xml *x, const char *name, double value, int decimals)
{
    char text[64];
    snprintf(text, sizeof text, "%.*f", decimals, value);
    vt_xml_attr(x, name, text);
}

char *vt_xml_close(vt_xml *x)
{
    char *out = NULL;
    if (!x->failed)
        check(x, xmlTextWriterEndDocument(x->writer));
    xmlFreeTextWriter(x->writer);   /* flushes into the buffer */
    if (!x->failed)
        out = strdup((const char *)xmlBufferContent(x->buffer));
    xmlBufferFree(x->buffer);
    *x = (vt_xml){0};
    return out;
}
