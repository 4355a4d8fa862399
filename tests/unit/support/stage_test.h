/*
 * stage_test.h — what the unit tests of page stages share: an engine and session
 * with the default options, a one-page document around an image, and running one
 * stage on one page (a stage that fails fails the test, with its message).
 */
#ifndef VT_STAGE_TEST_H
#define VT_STAGE_TEST_H

#include <stddef.h>

#include "engine.h"
#include "stage.h"

struct Pix;

typedef struct vt_stage_test {
    vt_engine *engine;
    vt_session *session;
} vt_stage_test;

/* The default engine and a session on it; 0, or -1 (nothing left to free). */
int vt_stage_test_open(vt_stage_test *t);
void vt_stage_test_close(vt_stage_test *t);

/* A one-page image document named `name` holding `pix` (taken over) at `dpi`. */
vt_document *vt_stage_test_page_doc(const char *name, struct Pix *pix, int dpi);

/* Run `stage` with `session` on page `page` of `doc`; the test fails unless it
 * returns VT_OK. */
void vt_stage_test_run(vt_session *session, const vt_stage *stage, vt_document *doc,
                       size_t page);

#endif /* VT_STAGE_TEST_H */
