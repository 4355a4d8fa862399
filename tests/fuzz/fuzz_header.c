/*
 * fuzz_header.c — libFuzzer harness for the header and closing fields of a
 * notice (header.c): on arbitrary bytes every span must lie inside the input
 * (on character boundaries when it is UTF-8), every string must be valid UTF-8
 * whenever the input is, and the recipient counts must agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool on_boundary(const char *s, size_t len, size_t at)
{
    return at == len || ((unsigned char)s[at] & 0xC0) != 0x80;
}

static void check_span(const char *s, size_t len, vt_span span, bool utf8_input)
{
    if (span.start > span.end || span.end > len)
        abort();
    if (utf8_input && span.end > span.start
        && (!on_boundary(s, len, span.start) || !on_boundary(s, len, span.end)))
        abort();
}

static void check_string(const char *s, bool utf8_input)
{
    if (s && utf8_input && !vt_utf8_valid(s, strlen(s)))
        abort();
}

static void check_strings(char *const *items, size_t n, bool utf8_input)
{
    for (size_t i = 0; i < n; i++) {
        if (!items[i])
            abort();
        check_string(items[i], utf8_input);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    bool utf8_input = vt_utf8_valid(text, size) && !memchr(text, '\0', size);
    vt_header h;
    if (vt_header_extract(text, size, &h) != 0)
        return 0;   /* out of memory */
    const vt_span spans[] = {h.issuer_span, h.place_span, h.date_span,
                             h.number_span, h.type_span, h.title_span};
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
        check_span(text, size, spans[i], utf8_input);
    check_strings(h.issuer, h.n_issuer, utf8_input);
    check_strings(h.recipients, h.n_recipients, utf8_input);
    if (h.n_addressees > h.n_recipients)
        abort();
    const char *strings[] = {h.place, h.type, h.title, h.signer.prefix,
                             h.signer.authority, h.signer.role, h.signer.name};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        check_string(strings[i], utf8_input);
    vt_header_free(&h);
    vt_header_free(&h);     /* documented as safe on a freed header */
    return 0;
}
