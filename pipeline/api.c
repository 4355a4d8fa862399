/*
 * api.c — the public entry points: options, engine, session, processing, and
 * read access to a finished document.
 */
#include "engine.h"
#include "legacy.h"

#include <leptonica/allheaders.h>
#include <libxml/parser.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "languages.h"
#include "strbuf.h"

const char *vt_version(void)
{
    return VANTHU_VERSION_STRING;
}

void vt_quiet_dependencies(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
}

static void defaults(vt_options *o)
{
    *o = (vt_options){
        .size = sizeof *o,
        .lang = "vie",
        .tessdata = NULL,
        .skip = NULL,
        .pages = NULL,
        .input_kind = VT_INPUT_AUTO,
        .ocr = VT_OCR_AUTO,
        .default_dpi = 300,
        .max_megapixels = 300,
        .page_timeout = 600,
        .dates = VT_DATES_KEEP,
        .diacritics = VT_MARKS_REPAIR,
        .tone_style = VT_TONE_OLD,
        .encoding = VT_ENCODING_AUTO,
        .model_dir = NULL,
        .progress = NULL,
        .progress_user = NULL,
    };
}

/* Write no more than the caller's struct holds: a program built against an
 * older header has a smaller vt_options. */
void vt_options_init_sized(vt_options *options, size_t size)
{
    vt_options full;
    defaults(&full);
    if (size > sizeof full)
        size = sizeof full;
    if (size < sizeof full.size)
        return;
    full.size = size;
    memcpy(options, &full, size);
}

/* The caller's options over the defaults, as far as its size reaches. */
static vt_status complete_options(const vt_options *given, vt_options *out, char **errmsg)
{
    defaults(out);
    if (!given)
        return VT_OK;
    if (given->size < offsetof(vt_options, lang) + sizeof given->lang || given->size > sizeof *out) {
        *errmsg = vt_format("the options were not set up with vt_options_init (size %zu; this "
                            "vanthu knows sizes up to %zu)", given->size, sizeof *out);
        return VT_ERROR;
    }
    memcpy(out, given, given->size);
    out->size = sizeof *out;
    return VT_OK;
}

static char *dup_or_null(const char *s, bool *ok)
{
    if (!s)
        return NULL;
    char *copy = strdup(s);
    if (!copy)
        *ok = false;
    return copy;
}

static int find_stage(const vt_engine *engine, const char *name)
{
    for (size_t i = 0; i < engine->n_stages; i++)
        if (strcmp(engine->stages[i]->name, name) == 0)
            return (int)i;
    return -1;
}

/* Mark every stage named in the comma-separated list as skipped. */
static vt_status parse_skip_list(vt_engine *engine, const char *list, char **errmsg)
{
    const char *p = list;
    while (p && *p) {
        size_t len = strcspn(p, ",");
        if (len > 0) {
            char name[64];
            if (len >= sizeof name) {
                *errmsg = vt_format("unknown stage '%.*s' in --skip", (int)len, p);
                return VT_ERROR;
            }
            memcpy(name, p, len);
            name[len] = '\0';
            int index = find_stage(engine, name);
            if (index < 0) {
                *errmsg = vt_format("unknown stage '%s' in --skip (--list-stages names them)",
                                    name);
                return VT_ERROR;
            }
            if (engine->stages[index]->flags & VT_STAGE_REQUIRED) {
                *errmsg = vt_format("stage '%s' cannot be skipped: the pipeline needs it", name);
                return VT_ERROR;
            }
            engine->skipped[index] = true;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return VT_OK;
}

/* Whether this engine can ever run Tesseract: a text-only engine needs no
 * language installed. */
static bool may_ocr(const vt_engine *engine)
{
    int ocr = find_stage(engine, "ocr");
    return ocr >= 0 && !engine->skipped[ocr] && engine->options.ocr != VT_OCR_NEVER
           && engine->options.input_kind != VT_INPUT_TEXT;
}

vt_status vt_engine_new(const vt_options *options, vt_engine **out, char **errmsg)
{
    return vt_engine_new_with_stages(options, vt_registry_stages(), vt_registry_count(), out,
                                     errmsg);
}

vt_status vt_engine_new_with_stages(const vt_options *options, const vt_stage *const *stages,
                                    size_t n_stages, vt_engine **out, char **errmsg)
{
    *out = NULL;
    *errmsg = NULL;
    /* libxml2 (the ALTO and hOCR writers) sets up its global tables here, on the
     * thread making the engine, not lazily inside concurrent sessions. */
    xmlInitParser();
    vt_options complete;
    if (complete_options(options, &complete, errmsg) != VT_OK)
        return VT_ERROR;
    options = &complete;
    if (options->default_dpi < 10 || options->default_dpi > 2400) {
        *errmsg = vt_format("default resolution %d dpi is out of range (10–2400)",
                            options->default_dpi);
        return VT_ERROR;
    }
    if (!(options->max_megapixels > 0) || !(options->page_timeout >= 0)) {
        *errmsg = vt_format("the pixel limit must be positive and the page time limit not negative");
        return VT_ERROR;
    }
    if (options->ocr < VT_OCR_AUTO || options->ocr > VT_OCR_NEVER) {
        *errmsg = vt_format("unknown OCR mode %d", (int)options->ocr);
        return VT_ERROR;
    }
    if (options->dates < VT_DATES_KEEP || options->dates > VT_DATES_ISO) {
        *errmsg = vt_format("unknown dates mode %d", (int)options->dates);
        return VT_ERROR;
    }
    if (options->diacritics < VT_MARKS_REPAIR || options->diacritics > VT_MARKS_OFF ||
        options->tone_style < VT_TONE_OLD || options->tone_style > VT_TONE_KEEP) {
        *errmsg = vt_format("unknown diacritics mode %d or tone style %d",
                            (int)options->diacritics, (int)options->tone_style);
        return VT_ERROR;
    }
    if (options->encoding < VT_ENCODING_AUTO || options->encoding > VT_ENCODING_VIQR) {
        *errmsg = vt_format("unknown text encoding %d", (int)options->encoding);
        return VT_ERROR;
    }
    if (!options->lang || !*options->lang) {
        *errmsg = vt_format("no OCR language given");
        return VT_ERROR;
    }
    vt_engine *engine = calloc(1, sizeof *engine);
    if (!engine) {
        *errmsg = vt_format("out of memory");
        return VT_ERROR;
    }
    bool ok = true;
    engine->stages = stages;
    engine->n_stages = n_stages;
    engine->skipped = calloc(n_stages ? n_stages : 1, sizeof *engine->skipped);
    ok = engine->skipped != NULL;
    engine->options = *options;
    engine->lang = dup_or_null(options->lang, &ok);
    engine->tessdata = dup_or_null(options->tessdata, &ok);
    engine->skip = dup_or_null(options->skip, &ok);
    engine->pages = dup_or_null(options->pages, &ok);
    engine->model_dir = dup_or_null(options->model_dir, &ok);
    engine->options.lang = engine->lang;
    engine->options.tessdata = engine->tessdata;
    engine->options.skip = engine->skip;
    engine->options.pages = engine->pages;
    engine->options.model_dir = engine->model_dir;
    if (!ok) {
        vt_engine_free(engine);
        *errmsg = vt_format("out of memory");
        return VT_ERROR;
    }
    if (parse_skip_list(engine, engine->skip, errmsg) != VT_OK
        || (engine->pages && vt_parse_page_ranges(engine->pages, &engine->page_ranges,
                                                  &engine->n_page_ranges, errmsg) != VT_OK)
        || (may_ocr(engine) && vt_check_languages(engine->lang, engine->tessdata, errmsg) != VT_OK)) {
        vt_engine_free(engine);
        return VT_ERROR;
    }
    *out = engine;
    return VT_OK;
}

void vt_engine_free(vt_engine *engine)
{
    if (!engine)
        return;
    free(engine->lang);
    free(engine->tessdata);
    free(engine->skip);
    free(engine->pages);
    free(engine->model_dir);
    free(engine->page_ranges);
    free(engine->skipped);
    free(engine);
}

vt_status vt_session_new(const vt_engine *engine, vt_session **out, char **errmsg)
{
    *errmsg = NULL;
    *out = calloc(1, sizeof **out);
    if (!*out) {
        *errmsg = vt_format("out of memory");
        return VT_ERROR;
    }
    (*out)->engine = engine;
    return VT_OK;
}

void vt_session_free(vt_session *session)
{
    if (!session)
        return;
    /* Release in reverse order of creation, in case one resource refers to another. */
    for (size_t i = session->n_resources; i-- > 0;)
        if (session->resources[i].destroy)
            session->resources[i].destroy(session->resources[i].value);
    free(session);
}

void *vt_stage_context_resource(vt_stage_context *ctx, const void *key)
{
    vt_session *session = ctx->session;
    for (size_t i = 0; i < session->n_resources; i++)
        if (session->resources[i].key == key)
            return session->resources[i].value;
    return NULL;
}

bool vt_stage_context_keep(vt_stage_context *ctx, const void *key, void *resource,
                           void (*destroy)(void *resource))
{
    vt_session *session = ctx->session;
    if (session->n_resources == VT_MAX_RESOURCES)
        return false;
    session->resources[session->n_resources++] =
        (vt_resource){.key = key, .value = resource, .destroy = destroy};
    return true;
}

/* Run the pipeline on a document whose input is already attached. */
static vt_document *run(vt_session *session, vt_document *doc, vt_input_kind kind)
{
    vt_input_detect_kind(doc, kind);
    if (!vt_input_check(doc)) {
        doc->failed = true;
        return doc;
    }
    vt_run_document(session, doc);
    return doc;
}

static vt_document *process_file(vt_session *session, const char *path)
{
    vt_document *doc = vt_document_new(path);
    if (!doc)
        return NULL;
    if (!vt_input_read_file(doc, path)) {
        doc->failed = true;
        return doc;
    }
    return run(session, doc, session->engine->options.input_kind);
}

static vt_document *process_memory(vt_session *session, const char *name, const void *data,
                                   size_t size, vt_input_kind kind)
{
    vt_document *doc = vt_document_new(name);
    if (!doc)
        return NULL;
    doc->input = malloc(size ? size : 1);
    if (!doc->input) {
        vt_document_free(doc);
        return NULL;
    }
    if (size)
        memcpy(doc->input, data, size);
    doc->input_size = size;
    return run(session, doc, kind);
}

/* The public entry points stamp the document's own time on the way out, whichever
 * return the work took. */
vt_document *vt_process_file(vt_session *session, const char *path)
{
    return vt_document_finish_timing(process_file(session, path));
}

vt_document *vt_process_memory(vt_session *session, const char *name, const void *data,
                               size_t size, vt_input_kind kind)
{
    return vt_document_finish_timing(process_memory(session, name, data, size, kind));
}

double vt_document_seconds(const vt_document *doc)
{
    return doc->seconds;
}

const char *vt_document_source(const vt_document *doc)
{
    return doc->source;
}

const char *vt_document_text(const vt_document *doc)
{
    return doc->text && !doc->failed ? doc->text : "";
}

size_t vt_document_page_count(const vt_document *doc)
{
    return doc->n_pages;
}

bool vt_document_failed(const vt_document *doc)
{
    return doc->failed;
}

size_t vt_document_error_count(const vt_document *doc)
{
    return doc->n_errors;
}

const char *vt_document_error(const vt_document *doc, size_t index)
{
    return index < doc->n_errors ? doc->errors[index].display : NULL;
}

size_t vt_document_warning_count(const vt_document *doc)
{
    return doc->n_warnings;
}

const char *vt_document_warning(const vt_document *doc, size_t index)
{
    return index < doc->n_warnings ? doc->warnings[index].display : NULL;
}

bool vt_document_has_images(const vt_document *doc)
{
    if (doc->page_source.load && doc->n_pages > 0)
        return true;
    for (size_t i = 0; i < doc->n_pages; i++)
        if (doc->pages[i].image)
            return true;
    return false;
}

vt_legacy_encoding vt_stage_text_encoding(const vt_stage_context *ctx, const char *text,
                                          size_t len)
{
    switch (vt_stage_context_options(ctx)->encoding) {
    case VT_ENCODING_AUTO:  return vt_legacy_detect(text, len, false);
    case VT_ENCODING_TCVN3: return VT_LEGACY_TCVN3;
    case VT_ENCODING_VNI:   return VT_LEGACY_VNI;
    case VT_ENCODING_VIQR:  return VT_LEGACY_VIQR;
    case VT_ENCODING_UTF8:  break;
    }
    return VT_LEGACY_NONE;
}

bool vt_document_has_words(const vt_document *doc)
{
    for (size_t i = 0; i < doc->n_pages; i++)
        if (vt_page_word_count(&doc->pages[i]) > 0)
            return true;
    return false;
}
