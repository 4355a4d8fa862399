/*
 * pages.c — the --pages selection: "1-3,7,10-" means pages 1 to 3, 7, and 10 to
 * the end. Pages keep their numbers from the input, so page 7 is reported as
 * page 7 whatever else was selected.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "strbuf.h"

static bool parse_number(const char **p, int *out)
{
    if (**p < '0' || **p > '9')
        return false;
    char *end;
    errno = 0;
    long v = strtol(*p, &end, 10);
    if (errno || v < 1 || v > INT_MAX - 1)
        return false;
    *out = (int)v;
    *p = end;
    return true;
}

vt_status vt_parse_page_ranges(const char *spec, vt_page_range **out, size_t *n, char **errmsg)
{
    *out = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *c = spec; *c; c++)
        cap += *c == ',';
    vt_page_range *ranges = calloc(cap, sizeof *ranges);
    if (!ranges) {
        *errmsg = vt_format("out of memory");
        return VT_ERROR;
    }
    const char *p = spec;
    for (;;) {
        vt_page_range r;
        if (!parse_number(&p, &r.first))
            break;
        r.last = r.first;
        if (*p == '-') {
            p++;
            if (*p == ',' || *p == '\0')
                r.last = INT_MAX;
            else if (!parse_number(&p, &r.last) || r.last < r.first)
                break;
        }
        ranges[(*n)++] = r;
        if (*p == '\0') {
            *out = ranges;
            return VT_OK;
        }
        if (*p++ != ',')
            break;
    }
    free(ranges);
    *n = 0;
    *errmsg = vt_format("--pages '%s' is not a page list like 1-3,7,10- (pages count from 1)",
                        spec);
    return VT_ERROR;
}

bool vt_stage_context_page_selected(const vt_stage_context *ctx, int number)
{
    const vt_engine *engine = ctx->session->engine;
    if (!engine->page_ranges)
        return true;
    for (size_t i = 0; i < engine->n_page_ranges; i++)
        if (number >= engine->page_ranges[i].first && number <= engine->page_ranges[i].last)
            return true;
    return false;
}

bool vt_stage_context_add_selected_pages(vt_stage_context *ctx, vt_document *doc, int count)
{
    for (int number = 1; number <= count; number++) {
        if (!vt_stage_context_page_selected(ctx, number))
            continue;
        vt_page *page = vt_document_add_page(doc);
        if (!page)
            return false;
        page->number = number;
    }
    return true;
}
