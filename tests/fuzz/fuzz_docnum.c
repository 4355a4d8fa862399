/*
 * fuzz_docnum.c — libFuzzer harness for the document-number parser: parse the
 * input as one symbol, find the own number and every reference, and check spans.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_span(const char *text, size_t size, const vt_docnum *d)
{
    if (d->start > d->end || d->end > size || memcmp(text + d->start, d->raw, d->end - d->start))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    vt_docnum one;
    if (vt_docnum_parse(text, size, &one) == 1) {
        check_span(text, size, &one);
        vt_docnum_clear(&one);
    }
    if (vt_docnum_find_own(text, size, &one) == 1) {
        check_span(text, size, &one);
        vt_docnum_clear(&one);
    }
    vt_docnum_list refs;
    if (vt_docnum_find_references(text, size, NULL, &refs) == 0) {
        for (size_t i = 0; i < refs.count; i++)
            check_span(text, size, &refs.items[i]);
        vt_docnum_list_free(&refs);
    }
    return 0;
}
