/*
 * test_ocr_threads.c — the library keeps Tesseract to the calling thread without
 * OMP_THREAD_LIMIT in the environment (this test is registered without it), and
 * gives the caller's OpenMP setting back. Counted in threads, not time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <omp.h>
#include <stdlib.h>

#include "vanthu.h"

static int thread_count(void)
{
    DIR *dir = opendir("/proc/self/task");
    int n = 0;
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir)) != NULL;)
        n += e->d_name[0] != '.';
    closedir(dir);
    return n;
}

static void test_one_thread_per_page(void **state)
{
    (void)state;
    if (getenv("OMP_THREAD_LIMIT"))
        skip();     /* the environment already caps OpenMP: nothing to show */
    vt_engine *engine;
    vt_session *session;
    char *err = NULL;
    assert_int_equal(vt_engine_new(NULL, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    omp_set_max_active_levels(3);
    vt_document *doc = vt_process_file(session, VT_SOURCE_DIR "/fixtures/sample/notice.png");
    assert_non_null(doc);
    assert_false(vt_document_failed(doc));
    /* OpenMP starts its team threads on the first parallel region and keeps them:
     * any left now were started by Tesseract during OCR */
    assert_int_equal(thread_count(), 1);
    assert_int_equal(omp_get_max_active_levels(), 3);
    vt_document_free(doc);
    vt_session_free(session);
    vt_engine_free(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_thread_per_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
