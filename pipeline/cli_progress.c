/*
 * cli_progress.c — tell the user how a long run is going.
 *
 * On a terminal: one line redrawn in place from the first second, fed by the
 * library's page callback, so a single 40-page PDF shows "page 3/40" while it is
 * read, not only when it is done. The time left is counted in pages, not
 * documents: one thick PDF among letters would make a document count lie. Pages
 * of documents not opened yet are guessed from the average of those that are.
 *
 * Elsewhere (a log file, CI): a plain line per finished document with its own
 * time and page count, which greps and tails well. Nothing with --quiet or
 * --progress=never.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "cli.h"

/* Redraws closer together than this only flicker and cost a write each. */
#define REDRAW_SECONDS 0.25

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void vt_progress_init(vt_progress *p)
{
    *p = (vt_progress){0};
    pthread_mutex_init(&p->lock, NULL);
}

void vt_progress_free(vt_progress *p)
{
    for (size_t i = 0; i < p->n_active; i++)
        free(p->active[i].source);
    free(p->active);
    pthread_mutex_destroy(&p->lock);
}

static void format_duration(double s, char *out, size_t size)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else if (t >= 60)
        snprintf(out, size, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(out, size, "%lds", t);
}

/* Columns to stay within: a line longer than the terminal wraps, and "\r" then
 * redraws only its last row. */
static size_t terminal_columns(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

/* Cut `line` to at most `columns` - 1 characters, on a UTF-8 boundary. */
static void fit_line(char *line, size_t columns)
{
    size_t chars = 0;
    for (char *c = line; *c; c++)
        if (((unsigned char)*c & 0xC0) != 0x80 && ++chars == columns) {
            *c = '\0';
            return;
        }
}

/* Pages finished (fractions of the pages under way included) and the pages the
 * whole run is expected to have; *exact says no guess went into the total. */
static void count_pages(const vt_progress *p, double *done, double *expected, bool *exact)
{
    double known = (double)p->pages;
    size_t docs_known = p->done;
    *done = (double)p->pages;
    for (size_t i = 0; i < p->n_active; i++) {
        const vt_progress_doc *d = &p->active[i];
        *done += (double)d->pages_done
               + (d->pages_done < d->pages_total ? d->page_fraction : 0.0);
        if (d->pages_total > 0) {
            known += (double)d->pages_total;
            docs_known++;
        }
    }
    size_t unknown = p->total > docs_known ? p->total - docs_known : 0;
    double per_doc = docs_known > 0 ? known / (double)docs_known : 1.0;
    *expected = known + (double)unknown * per_doc;
    *exact = unknown == 0;
}

static void compose(const vt_progress *p, double now, char *line, size_t size)
{
    double done, expected;
    bool exact;
    count_pages(p, &done, &expected, &exact);
    double elapsed = now - p->started;
    double rate = elapsed > 0 ? done / elapsed : 0;
    char eta[32] = "?";
    bool over = p->done == p->total;
    if (over)
        format_duration(elapsed, eta, sizeof eta);
    else if (rate > 0 && done >= 0.05)   /* too early, the rate means nothing */
        format_duration((expected - done) / rate, eta, sizeof eta);
    const char *when = over ? "took" : "ETA";
    const char *failed = p->failed ? ", some failed" : "";
    if (p->total == 1) {
        const vt_progress_doc *d = p->n_active ? &p->active[0] : NULL;
        if (!over && (!d || d->pages_total == 0)) {
            snprintf(line, size, "vanthu: opening the document");
            return;
        }
        size_t page = d ? d->pages_done + (d->pages_done < d->pages_total) : (size_t)done;
        size_t pages = d ? d->pages_total : (size_t)expected;
        snprintf(line, size, "vanthu: page %zu/%zu, %.2f pages/s, %s %s%s", page, pages, rate,
                 when, eta, failed);
        return;
    }
    enum { WIDTH = 20 };
    char bar[WIDTH + 1];
    int filled = expected > 0 ? (int)(WIDTH * done / expected) : 0;
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    snprintf(line, size, "[%s] %zu/%zu docs, %.0f/%s%.0f pages, %.2f pages/s, %s %s%s", bar,
             p->done, p->total, done, exact ? "" : "~", expected, rate, when, eta, failed);
}

/* Under the lock. */
static void draw_locked(vt_progress *p, bool force)
{
    double now = seconds_now();
    if (!p->live || (!force && now - p->last_draw < REDRAW_SECONDS))
        return;
    p->last_draw = now;
    char line[512];
    compose(p, now, line, sizeof line);
    fit_line(line, terminal_columns());
    fprintf(stderr, "\r\033[K%s", line);
    p->drawn = true;
    if (p->done == p->total) {
        fputc('\n', stderr);
        p->drawn = false;
    }
    fflush(stderr);
}

void vt_progress_start(vt_progress *p, size_t total, vt_progress_mode mode, int verbosity)
{
    pthread_mutex_lock(&p->lock);
    p->total = total;
    p->started = seconds_now();
    bool on = verbosity >= 1 && mode != VT_PROGRESS_NEVER && total > 0;
    p->live = on && (mode == VT_PROGRESS_ALWAYS || isatty(STDERR_FILENO));
    /* One document's own line would repeat the summary: logs get lines for batches. */
    p->log = on && !p->live && total > 1;
    draw_locked(p, true);     /* from the first second, before any page is read */
    pthread_mutex_unlock(&p->lock);
}

static vt_progress_doc *find_locked(vt_progress *p, const char *source, bool create)
{
    for (size_t i = 0; i < p->n_active; i++)
        if (strcmp(p->active[i].source, source) == 0)
            return &p->active[i];
    if (!create)
        return NULL;
    if (!VT_ARRAY_RESERVE(p->active, p->cap_active, p->n_active, 1, 8))
        return NULL;    /* the line goes on without this document's pages */
    char *copy = strdup(source);
    if (!copy)
        return NULL;
    p->active[p->n_active] = (vt_progress_doc){.source = copy};
    return &p->active[p->n_active++];
}

bool vt_progress_on_pages(const vt_progress_info *info, void *user)
{
    vt_progress *p = user;
    pthread_mutex_lock(&p->lock);
    if (p->live) {
        vt_progress_doc *d = find_locked(p, info->source, true);
        if (d) {
            d->pages_done = info->pages_done;
            d->pages_total = info->pages_total;
            d->page_fraction = info->page_fraction;
        }
        draw_locked(p, false);
    }
    pthread_mutex_unlock(&p->lock);
    return false;
}

void vt_progress_clear_line(vt_progress *p)
{
    pthread_mutex_lock(&p->lock);
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = false;
    }
    pthread_mutex_unlock(&p->lock);
}

void vt_progress_document(vt_progress *p, const char *source, size_t pages, double seconds,
                          bool failed)
{
    pthread_mutex_lock(&p->lock);
    vt_progress_doc *d = find_locked(p, source, false);
    if (d) {
        free(d->source);
        *d = p->active[--p->n_active];
    }
    p->done++;
    p->pages += pages;
    p->failed += failed;
    if (p->log)
        fprintf(stderr, "vanthu: [%zu/%zu] %s: %s, %zu page(s), %.1f s\n", p->done, p->total,
                source, failed ? "FAILED" : "done", pages, seconds);
    draw_locked(p, true);
    pthread_mutex_unlock(&p->lock);
}
