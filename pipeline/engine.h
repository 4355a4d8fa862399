/*
 * engine.h — internals of vt_engine and vt_session (public side: vanthu.h).
 */
#ifndef VT_ENGINE_H
#define VT_ENGINE_H

#include <pthread.h>
#include <stdbool.h>

#include "stage.h"

#define VT_MAX_RESOURCES 8

typedef struct vt_page_range {
    int first, last;              /* 1-based, inclusive; last == INT_MAX: to the end */
} vt_page_range;

struct vt_engine {
    vt_options options;           /* strings below are owned copies */
    char *lang, *tessdata, *skip, *pages, *model_dir;
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

/*
 * Pages of one document that several threads may work on (runner.c, batch.c). The
 * thread that runs the document posts its page group on the board; batch workers
 * with no document left to start take pages from it. A page is claimed and
 * finished under the board's lock, and nobody touches a work item after finishing
 * its last claimed page: the owner frees it once every page is finished.
 */
typedef struct vt_page_work {
    vt_document *doc;
    size_t first, last;          /* the page stages to run: engine->stages[first, last) */
    size_t next;                 /* next page index to claim */
    size_t finished;             /* pages done, or given up after a failure */
    bool failed;
    struct vt_page_work *next_open;
} vt_page_work;

typedef struct vt_page_board {
    pthread_mutex_t *lock;       /* the batch's lock */
    pthread_cond_t *changed;     /* signalled when work is posted or a page finishes */
    vt_page_work *open;          /* works with pages left to claim */
} vt_page_board;

/* Under board->lock: claim a page of any open work; false when there is none. */
bool vt_page_board_claim_locked(vt_page_board *board, vt_page_work **work, size_t *page);
/* Run the claimed page with this thread's session, then mark it finished. */
void vt_page_work_run(vt_page_board *board, vt_session *session, vt_page_work *work, size_t page);

struct vt_session {
    const vt_engine *engine;
    vt_page_board *board;         /* set by the batch: other workers may help with pages */
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
