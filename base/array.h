/*
 * array.h — growth of the plain C arrays everything here keeps as (items, count, cap).
 *
 * One place doubles capacities, checks the size multiplication for overflow and
 * reports out of memory, instead of each array hand-rolling the same realloc dance.
 * On failure nothing changes: the array keeps its old block, count and capacity,
 * so the caller can free it as usual.
 */
#ifndef VT_ARRAY_H
#define VT_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Make room for `extra` more elements of `elem` bytes after the first `count` of
 * *items: the capacity *cap doubles (starting from `first` when it is 0) until
 * count + extra fit. The new room is not initialised and `count` is the caller's
 * to update. false on overflow or when memory runs out (*items, *cap unchanged). */
bool vt_array_reserve(void **items, size_t *cap, size_t count, size_t extra, size_t elem,
                      size_t first);

/* Append one zeroed element: room as vt_array_reserve (first capacity 4), then
 * (*count)++, so the new element is (*items)[*count - 1]. false when out of memory
 * (nothing changed). */
bool vt_array_grow(void **items, size_t *count, size_t *cap, size_t elem);

/* Typed spellings: `items` is the array lvalue itself (T *), so the element size
 * cannot be given wrong. The cast to void ** is the one every caller would
 * otherwise write by hand. */
#define VT_ARRAY_RESERVE(items, cap, count, extra, first) \
    vt_array_reserve((void **)&(items), &(cap), (count), (extra), sizeof *(items), (first))
#define VT_ARRAY_GROW(items, count, cap) \
    vt_array_grow((void **)&(items), &(count), &(cap), sizeof *(items))

#endif /* VT_ARRAY_H */
