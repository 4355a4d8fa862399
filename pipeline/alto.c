/*
 * alto.c — the document as ALTO 4.4 XML, the page-text format libraries and
 * archives exchange.
 *
 * The words are the document's final text placed on the page (placed_text.h),
 * so a String's CONTENT is what the text output says: the TextLine CONTENTs of a
 * page joined with spaces are its text lines. Receipt stamps, seals and margin
 * notes come after the text blocks as blocks of their own, tagged (TAGREFS) with
 * a LayoutTag a reader can leave out. Positions are pixels of the page image as
 * vanthu read it. libxml2's writer does the escaping and the encoding.
 */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "placed_text.h"
#include "xml_output.h"

#define ALTO_NS "http://www.loc.gov/standards/alto/ns-v4#"
#define ALTO_SCHEMA ALTO_NS " http://www.loc.gov/alto/v4/alto-4-4.xsd"

static const char *block_tag(vt_block_kind kind)
{
    switch (kind) {
    case VT_BLOCK_STAMP:       return "TAG_STAMP";
    case VT_BLOCK_MARGIN_NOTE: return "TAG_NOTE";
    case VT_BLOCK_TEXT:        break;
    }
    return NULL;
}

/* HPOS VPOS WIDTH HEIGHT, when the box has geometry (ALTO makes them optional). */
static void write_box(vt_xml *x, vt_box box)
{
    if (box.w <= 0 || box.h <= 0)
        return;
    vt_xml_attr_int(x, "HPOS", box.x);
    vt_xml_attr_int(x, "VPOS", box.y);
    vt_xml_attr_int(x, "WIDTH", box.w);
    vt_xml_attr_int(x, "HEIGHT", box.h);
}

static void write_description(vt_xml *x, const vt_document *doc)
{
    vt_xml_start(x, "Description");
    vt_xml_element(x, "MeasurementUnit", "pixel");
    vt_xml_start(x, "sourceImageInformation");
    vt_xml_element(x, "fileName", doc->source ? doc->source : "");
    vt_xml_end(x);
    vt_xml_start(x, "OCRProcessing");
    vt_xml_attr(x, "ID", "OCR_0");
    vt_xml_start(x, "ocrProcessingStep");
    vt_xml_element(x, "processingStepDescription",
                   "vanthu: image cleaning, Tesseract OCR (vie), layout, Vietnamese text repair");
    vt_xml_start(x, "processingSoftware");
    vt_xml_element(x, "softwareName", "vanthu");
    vt_xml_element(x, "softwareVersion", vt_version());
    vt_xml_end(x);
    vt_xml_end(x);
    vt_xml_end(x);
    vt_xml_end(x);
}

static void write_tags(vt_xml *x)
{
    vt_xml_start(x, "Tags");
    vt_xml_start(x, "LayoutTag");
    vt_xml_attr(x, "ID", "TAG_STAMP");
    vt_xml_attr(x, "LABEL", "stamp");
    vt_xml_attr(x, "DESCRIPTION", "receipt stamp or seal: not part of the notice's text");
    vt_xml_end(x);
    vt_xml_start(x, "LayoutTag");
    vt_xml_attr(x, "ID", "TAG_NOTE");
    vt_xml_attr(x, "LABEL", "margin-note");
    vt_xml_attr(x, "DESCRIPTION", "handwriting or a note added on the page: not part of the "
                                  "notice's text");
    vt_xml_end(x);
    vt_xml_end(x);
}

static void write_line(vt_xml *x, const vt_placed_page *pp, const vt_placed_line *line,
                       const char *id)
{
    vt_xml_start(x, "TextLine");
    vt_xml_attr(x, "ID", id);
    write_box(x, line->box);
    for (size_t w = 0; w < line->n_words; w++) {
        const vt_placed_word *word = &pp->words[line->first_word + w];
        if (w > 0) {
            vt_xml_start(x, "SP");
            vt_xml_end(x);
        }
        vt_xml_start(x, "String");
        vt_xml_attr_text(x, "CONTENT", word->text, word->len);
        write_box(x, word->box);
        if (word->confidence >= 0)
            vt_xml_attr_fixed(x, "WC", word->confidence / 100.0, 2);
        vt_xml_end(x);
    }
    vt_xml_end(x);
}

static void write_page(vt_xml *x, const vt_page *page, const vt_placed_page *pp)
{
    char id[64];
    vt_xml_start(x, "Page");
    snprintf(id, sizeof id, "P%d", page->number);
    vt_xml_attr(x, "ID", id);
    vt_xml_attr_int(x, "PHYSICAL_IMG_NR", page->number);
    if (page->width > 0 && page->height > 0) {
        vt_xml_attr_int(x, "WIDTH", page->width);
        vt_xml_attr_int(x, "HEIGHT", page->height);
    }
    vt_xml_start(x, "PrintSpace");
    if (page->width > 0 && page->height > 0)
        write_box(x, (vt_box){0, 0, page->width, page->height});
    for (size_t b = 0; b < pp->n_blocks; b++) {
        const vt_placed_block *block = &pp->blocks[b];
        vt_xml_start(x, "TextBlock");
        snprintf(id, sizeof id, "P%d_B%zu", page->number, b + 1);
        vt_xml_attr(x, "ID", id);
        write_box(x, block->box);
        if (block_tag(block->kind))
            vt_xml_attr(x, "TAGREFS", block_tag(block->kind));
        for (size_t l = 0; l < block->n_lines; l++) {
            snprintf(id, sizeof id, "P%d_B%zu_L%zu", page->number, b + 1, l + 1);
            write_line(x, pp, &pp->lines[block->first_line + l], id);
        }
        vt_xml_end(x);
    }
    vt_xml_end(x);
    vt_xml_end(x);
}

typedef struct page_writer {
    vt_xml *x;
    const vt_document *doc;
} page_writer;

static bool write_placed_page(void *user, size_t index, const vt_placed_page *pp)
{
    page_writer *pw = user;
    write_page(pw->x, &pw->doc->pages[index], pp);
    return !pw->x->failed;
}

char *vt_document_alto(const vt_document *doc)
{
    vt_xml x;
    if (!vt_xml_open(&x))
        return NULL;
    vt_xml_start(&x, "alto");
    vt_xml_attr(&x, "xmlns", ALTO_NS);
    vt_xml_attr(&x, "xmlns:xlink", "http://www.w3.org/1999/xlink");
    vt_xml_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    vt_xml_attr(&x, "xsi:schemaLocation", ALTO_SCHEMA);
    vt_xml_attr(&x, "SCHEMAVERSION", "4.4");
    write_description(&x, doc);
    write_tags(&x);
    vt_xml_start(&x, "Layout");
    page_writer pw = {.x = &x, .doc = doc};
    if (!vt_place_each_page(doc, write_placed_page, &pw))
        x.failed = true;
    vt_xml_end(&x);
    vt_xml_end(&x);
    return vt_xml_close(&x);
}
