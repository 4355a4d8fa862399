/*
 * fuzz_dates.c — libFuzzer harness for the date parser: find, canonicalise and
 * rewrite arbitrary bytes (anchor taken from the first bytes), and check that
 * every span lies inside the input and matches its raw copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    vt_date_anchor anchor = {0, 0, 0};
    if (size >= 3)
        anchor = (vt_date_anchor){1900 + data[0] % 200, data[1] % 13, data[2] % 32};
    vt_date_list list;
    if (vt_dates_find(text, size, size >= 3 ? &anchor : NULL, &list) == 0) {
        for (size_t i = 0; i < list.count; i++) {
            const vt_date *d = &list.items[i];
            if (d->start > d->end || d->end > size || memcmp(text + d->start, d->raw, d->end - d->start))
                abort();
        }
        vt_date_list_free(&list);
    }
    free(vt_dates_canonicalize(text, size, NULL));
    free(vt_dates_rewrite_iso(text, size, &anchor, NULL));
    vt_date_anchor guessed;
    (void)vt_dates_guess_anchor(text, size, &guessed);
    return 0;
}
