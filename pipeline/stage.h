/*
 * stage.h — the interface every filter implements (contract: pipeline/README.md).
 */
#ifndef VT_STAGE_H
#define VT_STAGE_H

#include <stdbool.h>

#include "document.h"
#include "legacy.h"

typedef struct vt_stage_context vt_stage_context;

/* What a stage needs and does. The runner reads them: a stage whose needs the
 * document does not meet is not called (OCR on text input), so a stage states
 * them here rather than in an `applies` of its own. */
enum vt_stage_flags {
    VT_STAGE_REQUIRED = 1 << 0,      /* the pipeline cannot run without it: not skippable */
    VT_STAGE_NEEDS_IMAGES = 1 << 1,  /* runs only when some page has an image to read */
    VT_STAGE_NEEDS_WORDS = 1 << 2,   /* runs only when some page has words */
    VT_STAGE_NEEDS_TEXT = 1 << 3,    /* runs only once the text is composed */
    /* Replaces or repaints page->image: the runner drops the page's binarised
     * copies after it, so no later stage measures on the image before it. */
    VT_STAGE_CHANGES_IMAGE = 1 << 4,
};

typedef struct vt_stage {
    const char *name;             /* stable: --skip, timings_ms, messages */
    const char *summary;          /* one line for --list-stages */
    unsigned flags;
    /* A test no flag expresses (the loaders' input kind); NULL: the flags decide. */
    bool (*applies)(const vt_document *doc);
    /* Exactly one of these is set. A document stage sees the whole document once;
     * a page stage is called per page, with the page's image loaded. */
    vt_status (*run)(vt_document *doc, vt_stage_context *ctx);
    vt_status (*run_page)(vt_document *doc, vt_page *page, vt_stage_context *ctx);
} vt_stage;

/* The options the engine was created with (read-only, shared across threads). */
const vt_options *vt_stage_context_options(const vt_stage_context *ctx);

/* Whether the user asked for this page (--pages); numbers are 1-based. */
bool vt_stage_context_page_selected(const vt_stage_context *ctx, int number);

/* Add the pages of an input of `count` pages that --pages selects, numbered as in
 * the input. False when out of memory. */
bool vt_stage_context_add_selected_pages(vt_stage_context *ctx, vt_document *doc, int count);

/* Record why the stage failed; returns VT_ERROR so a stage can `return vt_stage_fail(...)`. */
vt_status vt_stage_fail(vt_stage_context *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Per-session resources (a Tesseract handle, a loaded model): the session keeps one
 * pointer per key (use the stage's own vt_stage as the key) and calls `destroy` on
 * it when the session ends.
 */
void *vt_stage_context_resource(vt_stage_context *ctx, const void *key);
bool vt_stage_context_keep(vt_stage_context *ctx, const void *key, void *resource,
                           void (*destroy)(void *resource));

/* Give a page its decoded image: sets width, height and dpi (from the image, or
 * `default_dpi` with a warning when it records none). Takes ownership of `pix`. */
void vt_page_attach_image(vt_document *doc, vt_page *page, struct Pix *pix, int default_dpi);

/* The legacy encoding a text input or text layer is in, by --encoding: detected
 * (auto), forced, or none (utf8). */
vt_legacy_encoding vt_stage_text_encoding(const vt_stage_context *ctx, const char *text,
                                          size_t len);

/* Page-level helpers shared by several stages. */
bool vt_document_has_images(const vt_document *doc);
bool vt_document_has_words(const vt_document *doc);

#endif /* VT_STAGE_H */
