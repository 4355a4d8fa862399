/*
 * progress.c — the caller's progress callback, and cancelling through it.
 *
 * The runner reports when a document's pages are known and after each page;
 * the OCR stage reports from inside Tesseract (its monitor calls back a few
 * times a second), so even one long page moves. The callback's answer is the
 * only way to cancel: the first "true" fails the document with "cancelled",
 * later pages are not started, and Tesseract stops at its next check. Pages of
 * one document may run on several threads: the counts are kept under the
 * document's lock, but the callback is called without it (it may be slow).
 */
#include "progress.h"

#include <pthread.h>

#include "engine.h"

static void lock(vt_document *doc)
{
    if (doc->lock)
        pthread_mutex_lock(doc->lock);
}

static void unlock(vt_document *doc)
{
    if (doc->lock)
        pthread_mutex_unlock(doc->lock);
}

bool vt_progress_report(const vt_options *options, vt_document *doc, bool page_finished,
                        double page_fraction)
{
    lock(doc);
    doc->pages_done += page_finished;
    vt_progress_info info = {.source = doc->source, .pages_done = doc->pages_done,
                             .pages_total = doc->n_pages, .page_fraction = page_fraction};
    bool was_cancelled = doc->cancelled;
    unlock(doc);
    if (was_cancelled || !options->progress)
        return was_cancelled;
    if (!options->progress(&info, options->progress_user))
        return false;
    lock(doc);
    bool first = !doc->cancelled;
    doc->cancelled = true;
    unlock(doc);
    if (first)
        vt_document_error_add(doc, NULL, 0, "cancelled");
    return true;
}

bool vt_progress_cancelled(vt_document *doc)
{
    lock(doc);
    bool cancelled = doc->cancelled;
    unlock(doc);
    return cancelled;
}
