/*
 * fuzz_stamp.c — libFuzzer harness for the receipt-stamp residue finder, the
 * processing-slip finder and the stamp field parser (stamp_residue.c,
 * stamp_fields.c): on arbitrary bytes every range must lie inside the input,
 * sorted and apart, cutting them must remove exactly their bytes, and the fields
 * must have their documented shapes (digits only, an ISO date) and be valid
 * UTF-8 whenever the input is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stamp_fields.h"
#include "stamp_residue.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_string(const char *s, bool utf8_input)
{
    if (s && utf8_input && !vt_utf8_valid(s, strlen(s)))
        abort();
}

static void check_fields(const vt_stamp_fields *f, bool utf8_input)
{
    check_string(f->org, utf8_input);
    check_string(f->forwarded_to, utf8_input);
    for (const char *p = f->number; p && *p; p++)
        if (*p < '0' || *p > '9')
            abort();
    if (f->date && (strlen(f->date) != 10 || f->date[4] != '-' || f->date[7] != '-'))
        abort();
}

static void check_residue(const char *text, size_t size, bool utf8_input)
{
    vt_stamp_residue r;
    if (vt_stamp_residue_find(text, size, &r) != 0)
        return;     /* out of memory */
    size_t removed = 0;
    for (size_t i = 0; i < r.n_ranges; i++) {
        const vt_residue_range *g = &r.ranges[i];
        if (g->start >= g->end || g->end > size || (i > 0 && g->start <= r.ranges[i - 1].end))
            abort();    /* out of order, overlapping, touching or outside */
        removed += g->end - g->start;
    }
    if (r.found) {
        if (!r.raw)
            abort();
        check_string(r.raw, utf8_input);
        check_fields(&r.fields, utf8_input);
    }
    size_t n = 0;
    char *cut = vt_residue_cut(text, size, r.ranges, r.n_ranges, &n);
    if (cut && (n != size - removed || cut[n] != '\0'))
        abort();
    free(cut);
    vt_stamp_residue_free(&r);
}

static void check_slip(const char *text, size_t size, bool utf8_input)
{
    vt_slip s;
    if (vt_slip_find(text, size, &s) != 0)
        return;
    if (s.found) {
        if (s.start > s.end || s.end > size || !s.title || !s.raw)
            abort();
        check_string(s.title, utf8_input);
        check_string(s.number_line, utf8_input);
        check_string(s.raw, utf8_input);
    }
    vt_slip_free(&s);
}

/* The field parser reads a C string: the input up to its first NUL. */
static void check_stamp_fields(const uint8_t *data, size_t size, bool utf8_input)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return;
    memcpy(copy, data, size);
    copy[size] = '\0';
    vt_stamp_fields f;
    if (vt_stamp_fields_parse(copy, &f) == 0) {
        check_fields(&f, utf8_input);
        vt_stamp_fields_free(&f);
    }
    free(copy);
    if (size >= 3) {
        char iso[11];
        if (vt_iso_date(data[0] - 100, data[1] - 100, 1900 + data[2] * 2, iso) == 0
            && strlen(iso) != 10)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    bool utf8_input = vt_utf8_valid(text, size) && !memchr(text, '\0', size);
    check_residue(text, size, utf8_input);
    check_slip(text, size, utf8_input);
    check_stamp_fields(data, size, utf8_input);
    return 0;
}
