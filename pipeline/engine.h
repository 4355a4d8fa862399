/*
 * engine.h — internals of vt_engine and vt_session (public side: vanthu.h).
 */
#ifndef VT_ENGINE_H
#define VT_ENGINE_H

#include <stdbool.h>

#include "stage.h"

#define VT_MAX_RESOURCES 8

typedef struct vt_page_range {
    int first, last;              /* 1-based, inclusive; last == INT_MAX: to the end */
} vt_page_range;

struct vt_engine {
    vt_options options;           /* strings below are owned copies */
    char *lang, *tessdata, *skip, *pages;
    vt_page_range *page_ranges;   /* NULL: every page */
    size_t n_page_ranges;
    const vt_stage *const *stages;  /* run order; the registry unless a test swaps it */
    size_t n_stages;
    bool *skipped;                /* one flag per stage */
};

/* An engine over a given stage list (the tests use this to run fake stages). */
vt_status vt_engine_new_with_stages(const vt_options *options, const vt_stage *const *stages,
                                    size_t n_stages, vt_engine **out, char **errmsg);

typedef struct vt_resource {
    const void *key;
    void *value;
    void (*destroy)(void *value);
} vt_resource;

struct vt_session {
    const vt_engine *engine;
    vt_resource resources[VT_MAX_RESOURCES];
    size_t n_resources;
};

struct vt_stage_context {
    vt_session *session;
    char *error;                  /* set by vt_stage_fail, owned */
};

/* The stage registry (registry.c), in run order. */
size_t vt_registry_count(void);
const vt_stage *const *vt_registry_stages(void);

/* Parse "1-3,7,10-" into ranges; VT_ERROR with a message on bad syntax. */
vt_status vt_parse_page_ranges(const char *spec, vt_page_range **out, size_t *n, char **errmsg);

/* Run every enabled stage on the document (runner.c). Returns VT_ERROR when a
 * stage failed; the error is already recorded in the document. */
vt_status vt_run_document(vt_session *session, vt_document *doc);

/* Fill doc->input from a file or stdin ("-"); false with an error recorded in doc. */
bool vt_input_read_file(vt_document *doc, const char *path);
/* Decide doc->kind from the requested kind, the bytes and the name. */
void vt_input_detect_kind(vt_document *doc, vt_input_kind requested);
/* Refuse what no stage can load (empty, unknown, not yet supported), with a message. */
bool vt_input_check(vt_document *doc);

#endif /* VT_ENGINE_H */
