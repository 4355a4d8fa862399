/*
 * token_stream.c — tokens with dates and document numbers as one token each (see
 * token_stream.h). The parsers that find them are the ones the canonical_forms and
 * fields stages use, so what is one token here is exactly what they rewrite.
 */
#include "token_stream.h"

#include <stdlib.h>

#include "array.h"
#include "dates.h"
#include "docnum.h"

static bool add_unit(vt_expression **units, size_t *n, size_t *cap, size_t start, size_t end,
                     vt_token_kind kind)
{
    if (end <= start)
        return true;
    if (!VT_ARRAY_RESERVE(*units, *cap, *n, 1, 8))
        return false;
    (*units)[(*n)++] = (vt_expression){start, end, kind};
    return true;
}

static int by_start(const void *a, const void *b)
{
    const vt_expression *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Overlapping expressions (a symbol holding a date-like "10/2020") become one:
 * a code when either is. */
static size_t merge_overlaps(vt_expression *units, size_t n)
{
    if (n < 2)
        return n;
    qsort(units, n, sizeof *units, by_start);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && units[i].start < units[kept - 1].end) {
            vt_expression *last = &units[kept - 1];
            last->end = units[i].end > last->end ? units[i].end : last->end;
            if (units[i].kind == VT_TOKEN_CODE)
                last->kind = VT_TOKEN_CODE;
            continue;
        }
        units[kept++] = units[i];
    }
    return kept;
}

bool vt_token_stream_init(vt_token_stream *ts, const char *s, size_t len)
{
    *ts = (vt_token_stream){.s = s, .len = len};
    vt_date_list dates = {0};
    vt_docnum_list refs = {0};
    vt_docnum own = {0};
    size_t cap = 0;
    int found = vt_docnum_find_own(s, len, &own);
    bool ok = found >= 0 && vt_dates_find(s, len, NULL, &dates) == 0
              && vt_docnum_find_references(s, len, NULL, &refs) == 0;
    for (size_t i = 0; ok && i < dates.count; i++)
        ok = add_unit(&ts->units, &ts->n_units, &cap, dates.items[i].start, dates.items[i].end,
                      VT_TOKEN_NUMBER);
    for (size_t i = 0; ok && i < refs.count; i++)
        ok = add_unit(&ts->units, &ts->n_units, &cap, refs.items[i].start, refs.items[i].end,
                      VT_TOKEN_CODE);
    if (ok && found == 1)
        ok = add_unit(&ts->units, &ts->n_units, &cap, own.start, own.end, VT_TOKEN_CODE);
    vt_date_list_free(&dates);
    vt_docnum_list_free(&refs);
    vt_docnum_clear(&own);
    if (!ok) {
        vt_token_stream_free(ts);
        return false;
    }
    ts->n_units = merge_overlaps(ts->units, ts->n_units);
    return true;
}

bool vt_token_stream_next(vt_token_stream *ts, vt_token *tok)
{
    while (ts->next < ts->n_units && ts->units[ts->next].end <= ts->pos)
        ts->next++;
    const vt_expression *unit = ts->next < ts->n_units ? &ts->units[ts->next] : NULL;
    /* ordinary tokens stop at the next expression: the text before it is read
     * as if it ended there */
    size_t limit = unit && unit->start > ts->pos ? unit->start : ts->len;
    if (!unit || ts->pos < unit->start) {
        size_t p = ts->pos;
        if (vt_token_next(ts->s, limit, &p, tok)) {
            ts->pos = p;
            return true;
        }
        if (!unit)
            return false;
    }
    *tok = (vt_token){unit->kind, unit->start, unit->end};
    ts->pos = unit->end;
    ts->next++;
    return true;
}

void vt_token_stream_free(vt_token_stream *ts)
{
    free(ts->units);
    ts->units = NULL;
    ts->n_units = 0;
}
