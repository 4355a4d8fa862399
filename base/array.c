/*
 * array.c — capacity doubling for (items, count, cap) arrays (see array.h).
 */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool vt_array_reserve(void **items, size_t *cap, size_t count, size_t extra, size_t elem,
                      size_t first)
{
    if (extra > SIZE_MAX - count)
        return false;
    size_t need = count + extra;
    if (need <= *cap)
        return true;
    size_t new_cap = *cap ? *cap : (first ? first : 1);
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return false;
        new_cap *= 2;
    }
    if (elem && new_cap > SIZE_MAX / elem)
        return false;
    void *grown = realloc(*items, new_cap * elem);
    if (!grown)
        return false;
    *items = grown;
    *cap = new_cap;
    return true;
}

bool vt_array_grow(void **items, size_t *count, size_t *cap, size_t elem)
{
    if (!vt_array_reserve(items, cap, *count, 1, elem, 4))
        return false;
    memset((char *)*items + *count * elem, 0, elem);
    (*count)++;
    return true;
}
