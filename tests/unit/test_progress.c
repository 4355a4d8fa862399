/*
 * test_progress.c — the progress-and-cancel callback and the options' size
 * field, through the public API on the bundled sample page. Rows: when the
 * callback says cancel, and what the document must then show.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu.h"

#define SAMPLE VT_SOURCE_DIR "/fixtures/sample/notice.png"

typedef struct watch {
    int cancel_at;          /* 0: never; 1: at the first report; 2: inside OCR */
    size_t calls, inside_ocr, last_done, last_total;
} watch;

static bool on_progress(const vt_progress_info *p, void *user)
{
    watch *w = user;
    w->calls++;
    w->last_done = p->pages_done;
    w->last_total = p->pages_total;
    assert_string_equal(p->source, SAMPLE);
    bool in_ocr = p->page_fraction > 0 && p->page_fraction < 1;
    w->inside_ocr += in_ocr;
    return (w->cancel_at == 1) || (w->cancel_at == 2 && in_ocr);
}

static const struct {
    int cancel_at;
    bool failed;
} cases[] = {
    {0, false},
    {1, true},
    {2, true},
};

static void test_progress_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        watch w = {.cancel_at = cases[i].cancel_at};
        vt_options opt;
        vt_options_init(&opt);
        opt.progress = on_progress;
        opt.progress_user = &w;
        vt_engine *engine;
        vt_session *session;
        char *err = NULL;
        assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_OK);
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_document *doc = vt_process_file(session, SAMPLE);
        assert_non_null(doc);
        if (vt_document_failed(doc) != cases[i].failed)
            fail_msg("case %zu: failed %d, want %d", i, vt_document_failed(doc), cases[i].failed);
        if (cases[i].failed) {
            bool said = false;
            for (size_t e = 0; e < vt_document_error_count(doc); e++)
                said = said || strstr(vt_document_error(doc, e), "cancelled");
            assert_true(said);
        } else {
            assert_int_equal(w.last_done, 1);       /* the one page, reported done */
            assert_int_equal(w.last_total, 1);
        }
        if (cases[i].cancel_at == 1)
            assert_int_equal(w.calls, 1);           /* nothing ran after the cancel */
        else
            assert_true(w.inside_ocr >= 1);         /* OCR itself reported */
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

/* A caller built against a header whose vt_options ended before model_dir: the
 * fields it does not know keep their defaults. A struct never initialised
 * (size 0) is refused with a message. */
static void test_options_size(void **state)
{
    (void)state;
    vt_options opt;
    memset(&opt, 0xAB, sizeof opt);
    vt_options_init_sized(&opt, offsetof(vt_options, model_dir));
    assert_int_equal(opt.size, offsetof(vt_options, model_dir));
    assert_string_equal(opt.lang, "vie");
    vt_engine *engine;
    char *err = NULL;
    assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_OK);
    vt_engine_free(engine);
    memset(&opt, 0, sizeof opt);
    assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_ERROR);
    assert_non_null(strstr(err, "vt_options_init"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_table),
        cmocka_unit_test(test_options_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
