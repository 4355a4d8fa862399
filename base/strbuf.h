/*
 * strbuf.h — a growable, always NUL-terminated string.
 *
 * Like curl's dynbuf: the first failed allocation marks the buffer failed and every
 * later append is a no-op, so a caller checks once at the end instead of after
 * every append.
 */
#ifndef VT_STRBUF_H
#define VT_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct vt_strbuf {
    char *data;     /* NULL until the first append */
    size_t len;
    size_t cap;
    bool failed;    /* an allocation failed; contents are incomplete */
} vt_strbuf;

void vt_strbuf_append(vt_strbuf *sb, const char *s, size_t len);
void vt_strbuf_puts(vt_strbuf *sb, const char *s);
void vt_strbuf_putc(vt_strbuf *sb, char c);
void vt_strbuf_printf(vt_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vt_strbuf_vprintf(vt_strbuf *sb, const char *fmt, va_list ap);
/* Hand the string to the caller (an empty string for an empty buffer); NULL if any
 * append failed. The buffer is reset either way. */
char *vt_strbuf_take(vt_strbuf *sb);
void vt_strbuf_free(vt_strbuf *sb);

/* printf into a fresh malloc'd string; NULL when out of memory. */
char *vt_vformat(const char *fmt, va_list ap);
char *vt_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* VT_STRBUF_H */
