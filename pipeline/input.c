/*
 * input.c — read an input into memory and decide what kind it is.
 *
 * Kind comes from the bytes first (image and PDF signatures), because scanners and
 * users name files carelessly; only then from a .txt name or from the content
 * being valid UTF-8 text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "engine.h"
#include "utf8.h"

/* Inputs larger than this are refused before reading: no notice is 1 GiB. */
#define VT_MAX_INPUT_BYTES ((size_t)1 << 30)

static bool read_stream(vt_document *doc, FILE *in, const char *label)
{
    size_t cap = 1 << 16, size = 0;
    unsigned char *data = malloc(cap);
    if (!data)
        return vt_document_error_add(doc, NULL, 0, "out of memory reading %s", label), false;
    for (;;) {
        if (size == cap) {
            if (cap >= VT_MAX_INPUT_BYTES) {
                free(data);
                vt_document_error_add(doc, NULL, 0, "input larger than %zu bytes",
                                      VT_MAX_INPUT_BYTES);
                return false;
            }
            if (!VT_ARRAY_RESERVE(data, cap, size, 1, 1 << 16)) {
                free(data);
                vt_document_error_add(doc, NULL, 0, "out of memory reading %s", label);
                return false;
            }
        }
        size_t got = fread(data + size, 1, cap - size, in);
        size += got;
        if (got == 0)
            break;
    }
    if (ferror(in)) {
        int err = errno;
        free(data);
        vt_document_error_add(doc, NULL, 0, "cannot read: %s", strerror(err));
        return false;
    }
    doc->input = data;
    doc->input_size = size;
    return true;
}

bool vt_input_read_file(vt_document *doc, const char *path)
{
    if (strcmp(path, "-") == 0)
        return read_stream(doc, stdin, "standard input");
    struct stat st;
    if (stat(path, &st) != 0) {
        vt_document_error_add(doc, NULL, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        vt_document_error_add(doc, NULL, 0, "is a directory, not a file");
        return false;
    }
    FILE *in = fopen(path, "rb");
    if (!in) {
        vt_document_error_add(doc, NULL, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    bool ok = read_stream(doc, in, path);
    fclose(in);
    return ok;
}

static bool starts_with(const unsigned char *data, size_t size, const char *magic, size_t len)
{
    return size >= len && memcmp(data, magic, len) == 0;
}

/* Signatures of the formats Leptonica reads (PNG, JPEG, TIFF, GIF, BMP, PNM, WebP, JP2). */
static bool looks_like_image(const unsigned char *d, size_t n)
{
    return starts_with(d, n, "\x89PNG\r\n\x1a\n", 8) || starts_with(d, n, "\xff\xd8\xff", 3)
        || starts_with(d, n, "II*\0", 4) || starts_with(d, n, "MM\0*", 4)
        || starts_with(d, n, "GIF8", 4) || starts_with(d, n, "BM", 2)
        || (n >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6')
        || (starts_with(d, n, "RIFF", 4) && n >= 12 && memcmp(d + 8, "WEBP", 4) == 0)
        || starts_with(d, n, "\0\0\0\x0cjP  ", 8) || starts_with(d, n, "\xff\x4f\xff\x51", 4);
}

static bool has_text_suffix(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && strcasecmp(dot, ".txt") == 0;
}

void vt_input_detect_kind(vt_document *doc, vt_input_kind requested)
{
    if (requested != VT_INPUT_AUTO) {
        doc->kind = requested;
        return;
    }
    const unsigned char *d = doc->input;
    size_t n = doc->input_size;
    if (starts_with(d, n, "%PDF-", 5))
        doc->kind = VT_INPUT_PDF;
    else if (looks_like_image(d, n))
        doc->kind = VT_INPUT_IMAGE;
    else if (has_text_suffix(doc->source) || vt_utf8_valid((const char *)d, n))
        doc->kind = VT_INPUT_TEXT;
    else
        doc->kind = VT_INPUT_AUTO;   /* unknown: the load stages report it */
}

bool vt_input_check(vt_document *doc)
{
    if (doc->input_size == 0)
        return vt_document_error_add(doc, NULL, 0, "file is empty"), false;
    switch (doc->kind) {
    case VT_INPUT_IMAGE:
    case VT_INPUT_TEXT:
    case VT_INPUT_PDF:
        return true;
    case VT_INPUT_AUTO:
        break;
    }
    vt_document_error_add(doc, NULL, 0,
                          "not a PDF, nor a recognised image (PNG, JPEG, TIFF, GIF, BMP, PNM, "
                          "WebP, JPEG 2000), nor UTF-8 text; use --input-kind to force one");
    return false;
}
