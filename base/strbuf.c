/*
 * strbuf.c — growable strings with sticky failure (see strbuf.h).
 */
#include "strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(vt_strbuf *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (extra > SIZE_MAX - sb->len - 1) {
        sb->failed = true;
        return false;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return true;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *grown = realloc(sb->data, cap);
    if (!grown) {
        sb->failed = true;
        return false;
    }
    sb->data = grown;
    sb->cap = cap;
    return true;
}

void vt_strbuf_append(vt_strbuf *sb, const char *s, size_t len)
{
    if (!reserve(sb, len))
        return;
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void vt_strbuf_puts(vt_strbuf *sb, const char *s)
{
    vt_strbuf_append(sb, s, strlen(s));
}

void vt_strbuf_putc(vt_strbuf *sb, char c)
{
    vt_strbuf_append(sb, &c, 1);
}

void vt_strbuf_vprintf(vt_strbuf *sb, const char *fmt, va_list ap)
{
    va_list probe;
    va_copy(probe, ap);
    int need = vsnprintf(NULL, 0, fmt, probe);
    va_end(probe);
    if (need < 0) {
        sb->failed = true;
        return;
    }
    if (!reserve(sb, (size_t)need))
        return;
    vsnprintf(sb->data + sb->len, (size_t)need + 1, fmt, ap);
    sb->len += (size_t)need;
}

void vt_strbuf_printf(vt_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vt_strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *vt_strbuf_take(vt_strbuf *sb)
{
    char *out = NULL;
    if (!sb->failed)
        out = sb->data ? sb->data : strdup("");
    else
        free(sb->data);
    *sb = (vt_strbuf){0};
    return out;
}

void vt_strbuf_free(vt_strbuf *sb)
{
    free(sb->data);
    *sb = (vt_strbuf){0};
}

char *vt_vformat(const char *fmt, va_list ap)
{
    vt_strbuf sb = {0};
    vt_strbuf_vprintf(&sb, fmt, ap);
    return vt_strbuf_take(&sb);
}

char *vt_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = vt_vformat(fmt, ap);
    va_end(ap);
    return out;
}
