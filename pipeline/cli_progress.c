/*
 * cli_progress.c — tell the user how a long run is going.
 *
 * On a terminal: one line redrawn in place with documents, pages, pages per
 * second and the time left. Elsewhere (a log file, CI): a plain line per finished
 * document, which greps and tails well. Nothing with --quiet. Single-input runs
 * stay silent unless something goes wrong.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void vt_progress_start(vt_progress *p, size_t total, int verbosity)
{
    *p = (vt_progress){.total = total, .started = seconds_now(), .last = seconds_now()};
    p->enabled = total > 1 && verbosity >= 1;
    p->tty = p->enabled && isatty(STDERR_FILENO);
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

void vt_progress_clear_line(const vt_progress *p)
{
    if (p->tty)
        fputs("\r\033[K", stderr);
}

void vt_progress_document(vt_progress *p, const char *source, size_t pages, bool failed)
{
    double now = seconds_now();
    double doc_seconds = now - p->last;
    p->last = now;
    p->done++;
    p->pages += pages;
    p->failed += failed;
    if (!p->enabled)
        return;
    double elapsed = now - p->started;
    if (!p->tty) {
        fprintf(stderr, "vanthu: [%zu/%zu] %s: %s, %zu page(s), %.1f s\n", p->done, p->total,
                source, failed ? "FAILED" : "done", pages, doc_seconds);
        return;
    }
    char eta[32] = "?";
    if (p->done > 0 && p->done < p->total)
        format_duration(elapsed / (double)p->done * (double)(p->total - p->done), eta, sizeof eta);
    else if (p->done == p->total)
        format_duration(elapsed, eta, sizeof eta);
    enum { WIDTH = 24 };
    int filled = (int)(WIDTH * p->done / p->total);
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r\033[K[%s] %zu/%zu docs, %zu pages, %.2f pages/s, %s %s%s", bar, p->done,
            p->total, p->pages, elapsed > 0 ? (double)p->pages / elapsed : 0.0,
            p->done == p->total ? "took" : "ETA", eta, p->failed ? ", some failed" : "");
    if (p->done == p->total)
        fputc('\n', stderr);
    fflush(stderr);
}
