/*
 * batch.c — process many inputs on N worker threads, delivering results in input
 * order.
 *
 * Each worker owns a session (and so its own Tesseract handle) and claims the next
 * input index under a mutex. When no input is left to start, an idle worker helps
 * with the pages of documents still running (the page board, engine.h), so one
 * long PDF at the end of a batch — or a batch of one — still uses every core.
 * Finished documents wait in a slot per input until the calling thread, the only
 * one that calls back into the user, has delivered everything before them: output
 * order is the input order whatever the number of jobs, so runs are reproducible.
 */
#include <pthread.h>
#include <stdlib.h>

#include "engine.h"
#include "ocr_threads.h"
#include "strbuf.h"

typedef struct batch {
    const vt_engine *engine;
    const char *const *paths;
    size_t count;
    size_t next_to_claim;
    vt_document **done;          /* one slot per input, filled by workers */
    bool *finished;
    size_t running;              /* documents claimed and not yet finished */
    pthread_mutex_t lock;
    pthread_cond_t progress;     /* a document finished */
    pthread_cond_t pages;        /* page work posted, or a page finished */
    vt_page_board board;
} batch;

static vt_document *failed_document(const char *path, const char *why)
{
    vt_document *doc = vt_document_new(path);
    if (doc) {
        vt_document_error_add(doc, NULL, 0, "%s", why);
        doc->failed = true;
    }
    return doc;
}

/* Under b->lock: wait for something to do. Returns an input index to start, or
 * count after claiming a page into *work and *page, or count with *work NULL when the
 * batch is over for this worker. */
static size_t next_task_locked(batch *b, vt_page_work **work, size_t *page)
{
    *work = NULL;
    for (;;) {
        if (b->next_to_claim < b->count) {
            b->running++;
            return b->next_to_claim++;
        }
        if (vt_page_board_claim_locked(&b->board, work, page) || b->running == 0)
            return b->count;
        pthread_cond_wait(&b->pages, &b->lock);
    }
}

static void *worker(void *arg)
{
    batch *b = arg;
    vt_session *session = NULL;
    char *err = NULL;
    vt_ocr_threads_enter();   /* our own thread: pages it helps with run on it alone */
    if (vt_session_new(b->engine, &session, &err) != VT_OK)
        session = NULL;
    else
        session->board = &b->board;
    for (;;) {
        vt_page_work *work;
        size_t page;
        pthread_mutex_lock(&b->lock);
        size_t index = next_task_locked(b, &work, &page);
        pthread_mutex_unlock(&b->lock);
        if (work) {
            vt_page_work_run(&b->board, session, work, page);
            continue;
        }
        if (index == b->count)
            break;
        vt_document *doc = session ? vt_process_file(session, b->paths[index])
                                   : failed_document(b->paths[index], err ? err : "out of memory");
        pthread_mutex_lock(&b->lock);
        b->done[index] = doc;
        b->finished[index] = true;
        b->running--;
        pthread_cond_broadcast(&b->progress);
        pthread_cond_broadcast(&b->pages);   /* idle workers may now be free to leave */
        pthread_mutex_unlock(&b->lock);
    }
    free(err);
    vt_session_free(session);
    return NULL;
}

/* Hand documents to the caller in input order as soon as each one's turn comes. */
static void deliver_in_order(batch *b, vt_batch_callback on_done, void *user)
{
    for (size_t i = 0; i < b->count; i++) {
        pthread_mutex_lock(&b->lock);
        while (!b->finished[i])
            pthread_cond_wait(&b->progress, &b->lock);
        vt_document *doc = b->done[i];
        b->done[i] = NULL;
        pthread_mutex_unlock(&b->lock);
        if (!doc)
            doc = failed_document(b->paths[i], "out of memory");
        on_done(i, doc, user);
    }
}

vt_status vt_batch_run(const vt_engine *engine, const char *const *paths, size_t count,
                       int jobs, vt_batch_callback on_done, void *user, char **errmsg)
{
    *errmsg = NULL;
    if (jobs < 1)
        jobs = 1;
    batch b = {.engine = engine, .paths = paths, .count = count};
    b.done = calloc(count ? count : 1, sizeof *b.done);
    b.finished = calloc(count ? count : 1, sizeof *b.finished);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!b.done || !b.finished || !threads) {
        free(b.done);
        free(b.finished);
        free(threads);
        *errmsg = vt_format("out of memory");
        return VT_ERROR;
    }
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.progress, NULL);
    pthread_cond_init(&b.pages, NULL);
    b.board = (vt_page_board){.lock = &b.lock, .changed = &b.pages};
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, &b) != 0)
            break;
    vt_status status = VT_OK;
    if (started == 0) {
        *errmsg = vt_format("cannot start a worker thread");
        status = VT_ERROR;
    } else {
        deliver_in_order(&b, on_done, user);
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&b.progress);
    pthread_cond_destroy(&b.pages);
    pthread_mutex_destroy(&b.lock);
    free(threads);
    free(b.done);
    free(b.finished);
    return status;
}
