/*
 * hocr.c — the document as hOCR 1.2 (XHTML), the page-text format of the OCR
 * tool chain (hocr-tools, hocr-pdf, search indexers).
 *
 * Same words as the text output, placed on the page (placed_text.h): an
 * ocr_carea / ocr_par per text block, an ocr_line per text line, an ocrx_word
 * per word with its bbox and x_wconf. Receipt stamps, seals and margin notes are
 * ocr_textfloat areas (hOCR's class for text outside the main flow) with the
 * property x_kind naming which, so a reader after the notice's text leaves them
 * out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "placed_text.h"
#include "xml_output.h"

static const char *set_apart_kind(vt_block_kind kind)
{
    return kind == VT_BLOCK_STAMP ? "stamp" : kind == VT_BLOCK_MARGIN_NOTE ? "margin-note" : NULL;
}

/* "bbox x0 y0 x1 y1" and what follows it, in an hOCR title. */
static void title_with_box(char *title, size_t size, vt_box box, const char *more)
{
    if (box.w > 0 && box.h > 0)
        snprintf(title, size, "bbox %d %d %d %d%s%s", box.x, box.y, box.x + box.w, box.y + box.h,
                 more[0] ? "; " : "", more);
    else
        snprintf(title, size, "%s", more);
}

static void write_word(vt_xml *x, const vt_placed_word *word, const char *id)
{
    char conf[32] = "", title[128];
    if (word->confidence >= 0)
        snprintf(conf, sizeof conf, "x_wconf %d", (int)(word->confidence + 0.5f));
    title_with_box(title, sizeof title, word->box, conf);
    vt_xml_start(x, "span");
    vt_xml_attr(x, "class", "ocrx_word");
    vt_xml_attr(x, "id", id);
    if (title[0])
        vt_xml_attr(x, "title", title);
    vt_xml_text(x, word->text, word->len);
    vt_xml_end(x);
}

static void write_block(vt_xml *x, const vt_page *page, const vt_placed_page *pp, size_t b)
{
    const vt_placed_block *block = &pp->blocks[b];
    const char *kind = set_apart_kind(block->kind);
    char id[64], title[160], more[64] = "";
    if (kind)
        snprintf(more, sizeof more, "x_kind %s", kind);
    vt_xml_start(x, "div");
    vt_xml_attr(x, "class", kind ? "ocr_textfloat" : "ocr_carea");
    snprintf(id, sizeof id, "block_%d_%zu", page->number, b + 1);
    vt_xml_attr(x, "id", id);
    title_with_box(title, sizeof title, block->box, more);
    if (title[0])
        vt_xml_attr(x, "title", title);
    vt_xml_start(x, "p");
    vt_xml_attr(x, "class", "ocr_par");
    snprintf(id, sizeof id, "par_%d_%zu", page->number, b + 1);
    vt_xml_attr(x, "id", id);
    vt_xml_attr(x, "lang", "vi");
    for (size_t l = 0; l < block->n_lines; l++) {
        const vt_placed_line *line = &pp->lines[block->first_line + l];
        vt_xml_start(x, "span");
        vt_xml_attr(x, "class", "ocr_line");
        snprintf(id, sizeof id, "line_%d_%zu_%zu", page->number, b + 1, l + 1);
        vt_xml_attr(x, "id", id);
        title_with_box(title, sizeof title, line->box, "");
        if (title[0])
            vt_xml_attr(x, "title", title);
        for (size_t w = 0; w < line->n_words; w++) {
            if (w > 0)
                vt_xml_text(x, " ", 1);
            snprintf(id, sizeof id, "word_%d_%zu", page->number, line->first_word + w + 1);
            write_word(x, &pp->words[line->first_word + w], id);
        }
        vt_xml_end(x);
    }
    vt_xml_end(x);
    vt_xml_end(x);
}

static void write_page(vt_xml *x, const vt_document *doc, size_t p, const vt_placed_page *pp)
{
    const vt_page *page = &doc->pages[p];
    char id[32], title[1200], name[1024];
    /* The image name goes in quotes; a quote or backslash in it would end them. */
    snprintf(name, sizeof name, "%s", doc->source ? doc->source : "");
    for (char *c = name; *c; c++)
        if (*c == '"' || *c == '\\')
            *c = '_';
    snprintf(title, sizeof title, "image \"%s\"; bbox 0 0 %d %d; ppageno %d; scan_res %d %d", name,
             page->width, page->height, page->number - 1, page->dpi, page->dpi);
    vt_xml_start(x, "div");
    vt_xml_attr(x, "class", "ocr_page");
    snprintf(id, sizeof id, "page_%d", page->number);
    vt_xml_attr(x, "id", id);
    vt_xml_attr(x, "title", title);
    for (size_t b = 0; b < pp->n_blocks; b++)
        write_block(x, page, pp, b);
    vt_xml_end(x);
}

static void write_head(vt_xml *x, const vt_document *doc)
{
    char system[64];
    snprintf(system, sizeof system, "vanthu %s", vt_version());
    vt_xml_start(x, "head");
    vt_xml_element(x, "title", doc->source ? doc->source : "");
    vt_xml_start(x, "meta");
    vt_xml_attr(x, "http-equiv", "Content-Type");
    vt_xml_attr(x, "content", "text/html; charset=utf-8");
    vt_xml_end(x);
    vt_xml_start(x, "meta");
    vt_xml_attr(x, "name", "ocr-system");
    vt_xml_attr(x, "content", system);
    vt_xml_end(x);
    vt_xml_start(x, "meta");
    vt_xml_attr(x, "name", "ocr-capabilities");
    vt_xml_attr(x, "content", "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocr_textfloat "
                              "ocrp_wconf ocrp_lang");
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
    write_page(pw->x, pw->doc, index, pp);
    return !pw->x->failed;
}

char *vt_document_hocr(const vt_document *doc)
{
    vt_xml x;
    if (!vt_xml_open_with_doctype(&x, "html", "-//W3C//DTD XHTML 1.0 Transitional//EN",
                                  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"))
        return NULL;
    vt_xml_start(&x, "html");
    vt_xml_attr(&x, "xmlns", "http://www.w3.org/1999/xhtml");
    vt_xml_attr(&x, "xml:lang", "vi");
    vt_xml_attr(&x, "lang", "vi");
    write_head(&x, doc);
    vt_xml_start(&x, "body");
    page_writer pw = {.x = &x, .doc = doc};
    if (!vt_place_each_page(doc, write_placed_page, &pw))
        x.failed = true;
    vt_xml_end(&x);
    vt_xml_end(&x);
    return vt_xml_close(&x);
}
