/*
 * test_runner.c — the stage runner and engine options, with fake stages: order,
 * applies(), --skip (unknown and required names), error capture, and that a
 * failing stage stops its document and nothing after it runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <leptonica/allheaders.h>

#include "engine.h"

/* Each fake stage appends its name as a word, so the text shows what ran. */
static vt_status append_name(vt_document *doc, const char *name)
{
    if (doc->n_pages == 0 && !vt_document_add_page(doc))
        return VT_ERROR;
    vt_page *page = &doc->pages[0];
    if (page->n_blocks == 0 && !vt_page_add_block(page))
        return VT_ERROR;
    vt_block *block = &page->blocks[0];
    if (block->n_lines == 0 && !vt_block_add_line(block))
        return VT_ERROR;
    return vt_line_add_word(&block->lines[0], name, strlen(name)) ? VT_OK : VT_ERROR;
}

static vt_status run_first(vt_document *doc, vt_stage_context *ctx)
{
    (void)ctx;
    return append_name(doc, "first");
}

static vt_status run_second(vt_document *doc, vt_stage_context *ctx)
{
    (void)ctx;
    return append_name(doc, "second");
}

static vt_status run_failing(vt_document *doc, vt_stage_context *ctx)
{
    append_name(doc, "failing");
    return vt_stage_fail(ctx, "page %d: broken on purpose", 1);
}

static bool never(const vt_document *doc)
{
    (void)doc;
    return false;
}

static vt_status run_compose(vt_document *doc, vt_stage_context *ctx)
{
    (void)ctx;
    size_t n = doc->n_pages ? doc->pages[0].blocks[0].lines[0].n_words : 0;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(doc->pages[0].blocks[0].lines[0].words[i].text) + 1;
    doc->text = calloc(len + 1, 1);
    for (size_t i = 0; i < n; i++) {
        strcat(doc->text, doc->pages[0].blocks[0].lines[0].words[i].text);
        strcat(doc->text, " ");
    }
    return VT_OK;
}

#define DOC_STAGE(var, nm, fl, app, fn) \
    static const vt_stage var = {.name = nm, .summary = "", .flags = fl, .applies = app, .run = fn}
DOC_STAGE(first, "first", VT_STAGE_REQUIRED, NULL, run_first);
DOC_STAGE(second, "second", 0, NULL, run_second);
DOC_STAGE(skipped_by_applies, "not_applicable", 0, never, run_second);
DOC_STAGE(failing, "failing", 0, NULL, run_failing);
DOC_STAGE(compose, "compose", VT_STAGE_REQUIRED, NULL, run_compose);

static const vt_stage *const chain[] = {&first, &skipped_by_applies, &second, &failing, &compose};

static const struct {
    const char *skip;              /* --skip value */
    vt_status engine_status;
    const char *engine_error;      /* substring */
    bool doc_failed;
    const char *text;              /* composed text when the document succeeds */
    size_t timings;
} cases[] = {
    {NULL, VT_OK, NULL, true, NULL, 3},                   /* failing stops before compose */
    {"failing", VT_OK, NULL, false, "first second ", 3},
    {"failing,second", VT_OK, NULL, false, "first ", 2},
    {",failing,,", VT_OK, NULL, false, "first second ", 3},
    {"nonesuch", VT_ERROR, "unknown stage 'nonesuch'", false, NULL, 0},
    {"failing,first", VT_ERROR, "stage 'first' cannot be skipped", false, NULL, 0},
};

static void test_runner_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_options opt;
        vt_options_init(&opt);
        opt.skip = cases[i].skip;
        vt_engine *engine = NULL;
        char *err = NULL;
        vt_status status = vt_engine_new_with_stages(&opt, chain, 5, &engine, &err);
        assert_int_equal(status, cases[i].engine_status);
        if (status != VT_OK) {
            assert_null(engine);
            if (!strstr(err, cases[i].engine_error))
                fail_msg("case %zu: error '%s' lacks '%s'", i, err, cases[i].engine_error);
            free(err);
            continue;
        }
        vt_session *session = NULL;
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_document *doc = vt_process_memory(session, "doc", "x", 1, VT_INPUT_TEXT);
        assert_int_equal(vt_document_failed(doc), cases[i].doc_failed);
        assert_int_equal(doc->n_timings, cases[i].timings);
        if (cases[i].doc_failed) {
            assert_int_equal(vt_document_error_count(doc), 1);
            assert_string_equal(vt_document_error(doc, 0), "doc: failing: page 1: broken on purpose");
            assert_string_equal(vt_document_text(doc), "");
        } else {
            assert_string_equal(vt_document_text(doc), cases[i].text);
        }
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

static int destroyed;
static void count_destroy(void *p)
{
    (void)p;
    destroyed++;
}

static vt_status run_keeper(vt_document *doc, vt_stage_context *ctx)
{
    static const int key = 0;
    (void)doc;
    if (!vt_stage_context_resource(ctx, &key))
        assert_true(vt_stage_context_keep(ctx, &key, (void *)&key, count_destroy));
    return VT_OK;
}

static void test_session_resources_live_until_session_ends(void **state)
{
    (void)state;
    DOC_STAGE(keeper, "keeper", 0, NULL, run_keeper);
    static const vt_stage *const one[] = {&keeper};
    vt_engine *engine;
    vt_session *session;
    char *err;
    assert_int_equal(vt_engine_new_with_stages(NULL, one, 1, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    destroyed = 0;
    for (int i = 0; i < 3; i++)
        vt_document_free(vt_process_memory(session, "d", "x", 1, VT_INPUT_TEXT));
    assert_int_equal(destroyed, 0);
    vt_session_free(session);
    assert_int_equal(destroyed, 1);      /* kept once, freed once */
    vt_engine_free(engine);
}

static void test_engine_rejects_bad_options(void **state)
{
    (void)state;
    vt_options opt;
    vt_options_init(&opt);
    opt.default_dpi = 5;
    vt_engine *engine;
    char *err;
    assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_ERROR);
    assert_non_null(strstr(err, "out of range"));
    free(err);
    vt_options_init(&opt);
    opt.lang = "";
    assert_int_equal(vt_engine_new(&opt, &engine, &err), VT_ERROR);
    free(err);
}

/* Page stages: a fake source of 4 pages, the third of which cannot be decoded
 * when `broken` is set. The stage checks that exactly its page is loaded. */
typedef struct source_log {
    int loads, calls;
    bool broken;
    unsigned blank;             /* bit i: page i+1 comes back of one colour */
} source_log;

static PIX *fake_load(void *state, const vt_document *doc, size_t index, char **error)
{
    source_log *log = state;
    (void)doc;
    if (log->broken && index == 2) {
        *error = strdup("cannot decode the image: damaged");
        return NULL;
    }
    log->loads++;
    PIX *pix = pixCreate(10 + (int)index, 10, 8);
    if (!(log->blank >> index & 1))
        pixSetPixel(pix, 0, 0, 255);    /* not blank: the runner skips one-colour pages */
    pixSetResolution(pix, 300, 300);
    return pix;
}

static source_log *current_log;

static vt_status run_check_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)ctx;
    assert_non_null(page->image);
    assert_int_equal(pixGetWidth(page->image), 10 + page->number - 1);
    assert_int_equal(page->dpi, 300);
    for (size_t i = 0; i < doc->n_pages; i++)   /* one page image in memory at a time */
        if (&doc->pages[i] != page)
            assert_null(doc->pages[i].image);
    current_log->calls++;
    return VT_OK;
}

static vt_status run_describe(vt_document *doc, vt_stage_context *ctx)
{
    (void)ctx;
    for (int i = 0; i < 4; i++)
        assert_non_null(vt_document_add_page(doc));
    doc->page_source = (vt_page_source){.state = current_log, .load = fake_load};
    return VT_OK;
}

static void test_page_stages_run_page_by_page(void **state)
{
    (void)state;
    DOC_STAGE(describe, "describe", VT_STAGE_REQUIRED, NULL, run_describe);
    static const vt_stage check = {.name = "check", .summary = "", .run_page = run_check_page};
    static const vt_stage check2 = {.name = "check2", .summary = "", .run_page = run_check_page};
    static const vt_stage *const pages[] = {&describe, &check, &check2};
    for (int broken = 0; broken < 2; broken++) {
        source_log log = {.broken = broken};
        current_log = &log;
        vt_engine *engine;
        vt_session *session;
        char *err;
        assert_int_equal(vt_engine_new_with_stages(NULL, pages, 3, &engine, &err), VT_OK);
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_document *doc = vt_process_memory(session, "scan.tif", "x", 1, VT_INPUT_TEXT);
        /* Each page decoded once for both stages; the broken page stops the document. */
        assert_int_equal(log.loads, broken ? 2 : 4);
        assert_int_equal(log.calls, broken ? 4 : 8);
        assert_int_equal(vt_document_failed(doc), broken);
        if (broken)
            assert_string_equal(vt_document_error(doc, 0),
                                "scan.tif: page 3: cannot decode the image: damaged");
        /* one entry per stage, summed over pages, and one for decoding */
        assert_int_equal(doc->n_timings, 4);
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

/* A blank page is not given to the page stages: among others it is a warning,
 * and a document of blank pages only fails, saying so. */
static void test_blank_pages_skipped(void **state)
{
    (void)state;
    DOC_STAGE(describe, "describe", VT_STAGE_REQUIRED, NULL, run_describe);
    static const vt_stage check = {.name = "check", .summary = "", .run_page = run_check_page};
    static const vt_stage *const pages[] = {&describe, &check};
    static const unsigned blank[] = {0x2, 0xF};
    for (int k = 0; k < 2; k++) {
        source_log log = {.blank = blank[k]};
        current_log = &log;
        vt_engine *engine;
        vt_session *session;
        char *err;
        assert_int_equal(vt_engine_new_with_stages(NULL, pages, 2, &engine, &err), VT_OK);
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_document *doc = vt_process_memory(session, "scan.tif", "x", 1, VT_INPUT_TEXT);
        assert_int_equal(log.loads, 4);
        assert_int_equal(log.calls, k == 0 ? 3 : 0);
        assert_int_equal(vt_document_failed(doc), k == 1);
        if (k == 0) {
            assert_int_equal(vt_document_warning_count(doc), 1);
            assert_string_equal(vt_document_warning(doc, 0),
                                "scan.tif: page 2: the page is blank (a single colour); not read");
        } else {
            assert_string_equal(vt_document_error(doc, 0), "scan.tif: all 4 pages are blank (a "
                                "single colour): nothing to read");
        }
        vt_document_free(doc);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

/* Page work shared between batch workers: every page runs exactly once, on any
 * thread, and messages come back in page order. */
static int page_runs[16];
static pthread_mutex_t page_runs_lock = PTHREAD_MUTEX_INITIALIZER;

static vt_status run_describe16(vt_document *doc, vt_stage_context *ctx)
{
    (void)ctx;
    static source_log log;
    for (int i = 0; i < 16; i++)
        assert_non_null(vt_document_add_page(doc));
    doc->page_source = (vt_page_source){.state = &log, .load = fake_load};
    return VT_OK;
}

static vt_status run_count_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&page_runs_lock);
    page_runs[page->number - 1]++;
    pthread_mutex_unlock(&page_runs_lock);
    struct timespec pause = {0, 2000000};   /* long enough for the other worker to join */
    nanosleep(&pause, NULL);
    vt_document_warn(doc, "count", page->number, "seen");
    return VT_OK;
}

static vt_document *delivered;
static void keep_document(size_t index, vt_document *doc, void *user)
{
    (void)index;
    (void)user;
    delivered = doc;
}

static void test_batch_shares_pages_between_workers(void **state)
{
    (void)state;
    DOC_STAGE(describe, "describe", VT_STAGE_REQUIRED, NULL, run_describe16);
    static const vt_stage count = {.name = "count", .summary = "", .run_page = run_count_page};
    static const vt_stage *const stages[] = {&describe, &count};
    char path[] = "/tmp/vt-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "x", 1), 1);
    close(fd);
    vt_engine *engine;
    char *err;
    assert_int_equal(vt_engine_new_with_stages(NULL, stages, 2, &engine, &err), VT_OK);
    const char *paths[] = {path};
    memset(page_runs, 0, sizeof page_runs);
    assert_int_equal(vt_batch_run(engine, paths, 1, 2, keep_document, NULL, &err), VT_OK);
    assert_false(vt_document_failed(delivered));
    for (int i = 0; i < 16; i++)
        assert_int_equal(page_runs[i], 1);
    assert_int_equal(delivered->n_warnings, 16);
    for (int i = 0; i < 16; i++)
        assert_int_equal(delivered->warnings[i].page, i + 1);
    assert_null(delivered->lock);
    vt_document_free(delivered);
    vt_engine_free(engine);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runner_table),
        cmocka_unit_test(test_session_resources_live_until_session_ends),
        cmocka_unit_test(test_engine_rejects_bad_options),
        cmocka_unit_test(test_page_stages_run_page_by_page),
        cmocka_unit_test(test_batch_shares_pages_between_workers),
        cmocka_unit_test(test_blank_pages_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
