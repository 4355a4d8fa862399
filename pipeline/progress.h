/*
 * progress.h — report progress to the caller, who may cancel (progress.c).
 */
#ifndef VT_PROGRESS_H
#define VT_PROGRESS_H
#include <stdbool.h>

#include "document.h"
#include "vanthu.h"

/* Count a finished page (page_finished) and call options->progress with the
 * document's counts and how far the page under way is (0–1). True when the
 * document is cancelled (now or before); the "cancelled" error is then added,
 * once. Takes the document's lock when it has one. */
bool vt_progress_report(const vt_options *options, vt_document *doc, bool page_finished,
                        double page_fraction);
/* Whether the caller has cancelled the document. */
bool vt_progress_cancelled(vt_document *doc);

#endif /* VT_PROGRESS_H */
