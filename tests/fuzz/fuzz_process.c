/*
 * fuzz_process.c — libFuzzer harness for the image and PDF loaders (and the
 * text path behind them), through the public vt_process_memory with
 * VT_OCR_NEVER, the kind decided from the bytes.
 *
 * VT_OCR_NEVER keeps PDF pages on their text layers, but an image input still
 * goes to the ocr stage (it is required), and Tesseract on fuzzed pixels would
 * take seconds per input. So the engine is the registry's with every page stage
 * left out and the ocr stage replaced by a stand-in that only checks what the
 * runner decoded: an image Tesseract could read (1, 8, 24 or 32 bits per pixel,
 * no colour map, not empty). Pages stay small (max_megapixels) so one input
 * decodes in milliseconds.
 *
 * Whatever the bytes, the result is a document (never NULL but for memory),
 * its text is valid UTF-8, its JSON record parses, its ALTO and hOCR are
 * well-formed XML, and its searchable PDF (when it has pages to show) opens in
 * Poppler with one page per page of the document.
 */
#include <json-c/json.h>
#include <leptonica/allheaders.h>
#include <libxml/parser.h>
#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "stage.h"
#include "utf8.h"
#include "vanthu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
/* A PDF Poppler opens, with the document's pages. No PDF (the document failed,
 * or a page has no image to show) is fine when the reason is given. */
static void check_pdf(const vt_document *doc)
{
    size_t size = 0;
    char *error = NULL;
    unsigned char *pdf = vt_document_pdf(doc, getenv("VT_FUZZ_MODEL_DIR"), &size, &error);
    if (!pdf) {
        if (!error)
            return;     /* out of memory */
        free(error);
        return;
    }
    GBytes *bytes = g_bytes_new_take(pdf, size);
    PopplerDocument *opened = poppler_document_new_from_bytes(bytes, NULL, NULL);
    if (!opened || (size_t)poppler_document_get_n_pages(opened) != vt_document_page_count(doc))
        abort();
    g_object_unref(opened);
    g_bytes_unref(bytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STAGES 64

static vt_engine *engine;
static vt_session *session;

/* The stand-in for ocr: the decoded page must be one Tesseract accepts. */
static vt_status check_decoded(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)doc;
    (void)ctx;
    if (!page->image)
        return VT_OK;   /* a PDF page read from its text layer */
    int d = pixGetDepth(page->image);
    if ((d != 1 && d != 8 && d != 24 && d != 32) || pixGetColormap(page->image)
        || pixGetWidth(page->image) <= 0 || pixGetHeight(page->image) <= 0)
        abort();
    return VT_OK;
}

static bool has_images(const vt_document *doc)
{
    return vt_document_has_images(doc);
}

static const vt_stage decode_check = {
    .name = "decode_check",
    .summary = "fuzzing stand-in for ocr: check the decoded page image",
    .applies = has_images,
    .run_page = check_decoded,
};

/* The registry's document stages, with decode_check where ocr was. */
static size_t stage_list(const vt_stage **out)
{
    const vt_stage *const *all = vt_registry_stages();
    size_t n = 0;
    for (size_t i = 0; i < vt_registry_count() && n < MAX_STAGES; i++) {
        if (strcmp(all[i]->name, "ocr") == 0)
            out[n++] = &decode_check;
        else if (all[i]->run)
            out[n++] = all[i];
    }
    return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const vt_stage *stages[MAX_STAGES];
    size_t n = stage_list(stages);
    vt_quiet_dependencies();
    vt_options opt;
    vt_options_init(&opt);
    opt.ocr = VT_OCR_NEVER;
    opt.max_megapixels = 0.25;
    opt.model_dir = getenv("VT_FUZZ_MODEL_DIR");
    char *err = NULL;
    if (vt_engine_new_with_stages(&opt, stages, n, &engine, &err) != VT_OK
        || vt_session_new(engine, &session, &err) != VT_OK) {
        fprintf(stderr, "fuzz_process: %s\n", err ? err : "cannot start");   /* a harness: */
        exit(1);                                                             /* it may stop */
    }
    return 0;
}

static void check_json(const vt_document *doc)
{
    char *json = vt_document_json(doc, 0);
    if (!json)
        return;     /* out of memory */
    size_t n = strlen(json);
    json_object *root = vt_utf8_valid(json, n) ? json_tokener_parse(json) : NULL;
    if (!root)
        abort();
    json_object_put(root);
    free(json);
}

/* A document libxml2 parses without a single error (no network, no DTD). */
static void check_xml(char *xml)
{
    if (!xml)
        return;     /* out of memory */
    xmlDocPtr parsed = xmlReadMemory(xml, (int)strlen(xml), "fuzz.xml", "UTF-8",
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!parsed)
        abort();
    xmlFreeDoc(parsed);
    free(xml);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vt_document *doc = vt_process_memory(session, "fuzz", data, size, VT_INPUT_AUTO);
    if (!doc)
        return 0;   /* out of memory */
    const char *text = vt_document_text(doc);
    if (!text || !vt_utf8_valid(text, strlen(text)))
        abort();
    for (size_t i = 0; i < vt_document_error_count(doc); i++)
        if (!vt_document_error(doc, i))
            abort();
    check_json(doc);
    check_xml(vt_document_alto(doc));
    check_xml(vt_document_hocr(doc));
    check_pdf(doc);
    vt_document_free(doc);
    return 0;
}
