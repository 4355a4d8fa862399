/*
 * pdf_archive.c — what makes the searchable PDF an archive file (PDF/A-2b):
 * the document information, the same facts as XMP metadata, an sRGB output
 * intent and a file identifier (pdf_archive.h).
 *
 * libharu 2.3 writes PDF/A-1 metadata only, puts the title into its XMP without
 * escaping it, and its output-intent helper misspells /DestOutputProfile; so the
 * XMP is written here with libxml2 (escaped, part 2 conformance B) and the
 * output intent with libharu's object calls. The sRGB profile comes from
 * Little CMS, which builds it in memory: no profile file to find at run time.
 */
#include <hpdf.h>
#include <lcms2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_archive.h"
#include "strbuf.h"
#include "vanthu.h"
#include "xml_output.h"

/* The moment the file says it was made: now, or $SOURCE_DATE_EPOCH when set
 * (the reproducible-builds convention: the same input gives the same bytes). */
static struct tm creation_time(void)
{
    time_t t = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end = NULL;
        long long v = strtoll(epoch, &end, 10);
        if (end && *end == '\0' && v >= 0)
            t = (time_t)v;
    }
    struct tm utc;
    gmtime_r(&t, &utc);
    return utc;
}

static void write_xmp_description(vt_xml *x, const char *ns_prefix, const char *ns_uri)
{
    vt_xml_start(x, "rdf:Description");
    vt_xml_attr(x, "rdf:about", "");
    char *attr = vt_format("xmlns:%s", ns_prefix);
    if (!attr)
        x->failed = true;
    else
        vt_xml_attr(x, attr, ns_uri);
    free(attr);
}

/* XMP for PDF/A: the identification (part 2, conformance B) and the values the
 * document information dictionary also holds, which a validator compares. */
static char *xmp_packet(const char *title, const char *producer, const char *iso_date)
{
    vt_xml x;
    if (!vt_xml_open_after_pi(&x, "xpacket", "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\""))
        return NULL;
    vt_xml_start(&x, "x:xmpmeta");
    vt_xml_attr(&x, "xmlns:x", "adobe:ns:meta/");
    vt_xml_start(&x, "rdf:RDF");
    vt_xml_attr(&x, "xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

    write_xmp_description(&x, "pdfaid", "http://www.aiim.org/pdfa/ns/id/");
    vt_xml_element(&x, "pdfaid:part", "2");
    vt_xml_element(&x, "pdfaid:conformance", "B");
    vt_xml_end(&x);

    write_xmp_description(&x, "dc", "http://purl.org/dc/elements/1.1/");
    vt_xml_element(&x, "dc:format", "application/pdf");
    vt_xml_start(&x, "dc:title");
    vt_xml_start(&x, "rdf:Alt");
    vt_xml_start(&x, "rdf:li");
    vt_xml_attr(&x, "xml:lang", "x-default");
    vt_xml_text(&x, title, strlen(title));
    vt_xml_end(&x);
    vt_xml_end(&x);
    vt_xml_end(&x);
    vt_xml_end(&x);

    write_xmp_description(&x, "xmp", "http://ns.adobe.com/xap/1.0/");
    vt_xml_element(&x, "xmp:CreateDate", iso_date);
    vt_xml_element(&x, "xmp:ModifyDate", iso_date);
    vt_xml_element(&x, "xmp:CreatorTool", producer);
    vt_xml_end(&x);

    write_xmp_description(&x, "pdf", "http://ns.adobe.com/pdf/1.3/");
    vt_xml_element(&x, "pdf:Producer", producer);
    vt_xml_end(&x);

    vt_xml_end(&x);     /* rdf:RDF */
    vt_xml_end(&x);     /* x:xmpmeta */
    vt_xml_pi(&x, "xpacket", "end=\"w\"");
    return vt_xml_close(&x);
}

static bool add_metadata_stream(HPDF_Doc pdf, const char *xmp)
{
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!stream)
        return false;
    /* PDF/A: the metadata stays readable without decoding (no Filter). */
    stream->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_STATUS rc = HPDF_Dict_AddName(stream, "Type", "Metadata");
    rc += HPDF_Dict_AddName(stream, "Subtype", "XML");
    rc += HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp));
    rc += HPDF_Dict_Add(pdf->catalog, "Metadata", stream);
    return rc == HPDF_OK;
}

static bool add_srgb_output_intent(HPDF_Doc pdf)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    /* Little CMS makes a version 4.3 profile; PDF/A-2 names ICC.1:2004-10,
     * version 4.2, which has the same tags. (Version 2 has no parametric
     * curves: its tone curves become 8.5 KB of tables, in every PDF.) */
    if (srgb)
        cmsSetProfileVersion(srgb, 4.2);
    cmsUInt32Number size = 0;
    void *bytes = NULL;
    bool ok = srgb && cmsSaveProfileToMem(srgb, NULL, &size) && size > 0
              && (bytes = malloc(size)) && cmsSaveProfileToMem(srgb, bytes, &size);
    if (srgb)
        cmsCloseProfile(srgb);
    HPDF_Dict profile = ok ? HPDF_DictStream_New(pdf->mmgr, pdf->xref) : NULL;
    HPDF_Dict intent = profile ? HPDF_Dict_New(pdf->mmgr) : NULL;
    HPDF_Array intents = intent ? HPDF_Array_New(pdf->mmgr) : NULL;
    ok = intents != NULL;
    if (ok) {
        const char *name = "sRGB IEC61966-2.1";
        profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        HPDF_STATUS rc = HPDF_Dict_AddNumber(profile, "N", 3);
        rc += HPDF_Stream_Write(profile->stream, bytes, size);
        rc += HPDF_Xref_Add(pdf->xref, intent);
        rc += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
        rc += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
        rc += HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                            HPDF_String_New(pdf->mmgr, name, NULL));
        rc += HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, name, NULL));
        rc += HPDF_Dict_Add(intent, "DestOutputProfile", profile);
        rc += HPDF_Array_Add(intents, intent);
        rc += HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
        ok = rc == HPDF_OK;
    }
    free(bytes);
    return ok;
}

bool vt_pdf_make_archival(HPDF_Doc pdf, const char *title)
{
    struct tm t = creation_time();
    HPDF_Date date = {.year = t.tm_year + 1900, .month = t.tm_mon + 1, .day = t.tm_mday,
                      .hour = t.tm_hour, .minutes = t.tm_min, .seconds = t.tm_sec,
                      .ind = '+'};  /* +00'00': libharu writes 'Z' as Z00'00' */
    char iso[80];
    snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
             date.hour, date.minutes, date.seconds);
    char *producer = vt_format("vanthu %s (libharu %s)", vt_version(), HPDF_GetVersion());
    char *xmp = producer ? xmp_packet(title, producer, iso) : NULL;
    bool ok = xmp != NULL;
    ok = ok && HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title) == HPDF_OK;
    ok = ok && HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, producer) == HPDF_OK;
    ok = ok && HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, producer) == HPDF_OK;
    ok = ok && HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date) == HPDF_OK;
    ok = ok && HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date) == HPDF_OK;
    ok = ok && add_metadata_stream(pdf, xmp);
    ok = ok && add_srgb_output_intent(pdf);
    ok = ok && HPDF_PDFA_GenerateID(pdf) == HPDF_OK;
    free(xmp);
    free(producer);
    return ok;
}
