/*
 * text_edit.c — replacement lists over a text (see text_edit.h).
 */
#include "text_edit.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "strbuf.h"

bool vt_text_edits_add(vt_text_edits *edits, size_t start, size_t end, const char *text,
                       size_t len)
{
    if (end < start)
        return true;   /* nothing sensible to do; callers never mean this */
    if (!VT_ARRAY_RESERVE(edits->items, edits->cap, edits->count, 1, 8))
        return false;
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    edits->items[edits->count++] = (vt_text_edit){start, end, copy, len};
    return true;
}

static int by_position(const void *x, const void *y)
{
    const vt_text_edit *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

void vt_text_edits_settle(vt_text_edits *edits)
{
    if (edits->count > 1)
        qsort(edits->items, edits->count, sizeof *edits->items, by_position);
    size_t kept = 0, reach = 0;
    for (size_t i = 0; i < edits->count; i++) {
        vt_text_edit *e = &edits->items[i];
        bool overlaps = kept > 0 && e->start < reach;
        if (overlaps) {
            free(e->text);
            continue;
        }
        reach = e->end;
        edits->items[kept++] = *e;
    }
    edits->count = kept;
}

char *vt_text_edits_apply(const vt_text_edits *edits, const char *text, size_t len,
                          size_t *out_len)
{
    vt_strbuf sb = {0};
    size_t pos = 0;
    for (size_t i = 0; i < edits->count; i++) {
        const vt_text_edit *e = &edits->items[i];
        if (e->start < pos || e->end > len)
            continue;   /* not settled, or out of range: leave that text alone */
        vt_strbuf_append(&sb, text + pos, e->start - pos);
        vt_strbuf_append(&sb, e->text, e->text_len);
        pos = e->end;
    }
    vt_strbuf_append(&sb, text + pos, len - pos);
    size_t n = sb.len;
    char *out = vt_strbuf_take(&sb);
    if (out && out_len)
        *out_len = n;
    return out;
}

size_t vt_text_edits_map_from(const vt_text_edits *edits, vt_text_edits_cursor *cursor,
                              size_t pos, bool is_end, bool *in_edit)
{
    /* Signed shift: replacements may be longer or shorter than what they replace. */
    if (in_edit)
        *in_edit = false;
    for (; cursor->next < edits->count; cursor->next++) {
        const vt_text_edit *e = &edits->items[cursor->next];
        bool after = is_end ? pos >= e->end : pos >= e->end && pos > e->start;
        if (e->start == e->end)   /* insertion: moves offsets at or after it */
            after = is_end ? pos >= e->start : pos > e->start;
        if (after) {
            cursor->shift += (long long)e->text_len - (long long)(e->end - e->start);
            continue;
        }
        if (pos > e->start && pos < e->end) {
            if (in_edit)
                *in_edit = true;
            return (size_t)((long long)e->start + cursor->shift) + (is_end ? e->text_len : 0);
        }
        break;   /* edits are sorted: the rest lie after pos */
    }
    return (size_t)((long long)pos + cursor->shift);
}

size_t vt_text_edits_map(const vt_text_edits *edits, size_t pos, bool is_end, bool *in_edit)
{
    vt_text_edits_cursor cursor = {0};
    return vt_text_edits_map_from(edits, &cursor, pos, is_end, in_edit);
}

void vt_text_edits_free(vt_text_edits *edits)
{
    for (size_t i = 0; i < edits->count; i++)
        free(edits->items[i].text);
    free(edits->items);
    *edits = (vt_text_edits){0};
}
