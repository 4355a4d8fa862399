/*
 * fuzz_layer.c — libFuzzer harness for the PDF text-layer quality check
 * (layer_quality.c): on arbitrary bytes the measures must be finite shares in
 * [0, 1], and a layer without words must never be judged good.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "layer_quality.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_share(double x)
{
    return isfinite(x) && x >= 0.0 && x <= 1.0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vt_layer_quality q = vt_layer_quality_measure((const char *)data, size);
    if (!is_share(q.diacritic_share) || !is_share(q.clean_share) || !is_share(q.symbol_share))
        abort();
    if (q.words == 0 && q.good)
        abort();
    return 0;
}
