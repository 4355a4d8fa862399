/*
 * version_report.c — what `vanthu --version` prints: vanthu's own version, the
 * versions of the libraries it runs on, and which language model it would load.
 *
 * A bug report is only reproducible with all of these: Tesseract and Leptonica
 * change what OCR reads, ICU how text is normalised, Poppler how a PDF renders,
 * and the model file decides every diacritic. The versions are asked of the
 * libraries actually loaded, not the headers compiled against, since a Debian
 * upgrade changes the former under an unchanged binary.
 */
#include "vanthu.h"

#include <json-c/json.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uversion.h>

#include "lm_format.h"
#include "model_path.h"
#include "ocr_service.h"
#include "strbuf.h"

/* One line about the model file: its header read, not the whole model loaded,
 * so --version stays instant; the checksum shown is the one the loader checks
 * the payload against. */
static void describe_model(vt_strbuf *out, const char *model_dir)
{
    char *path = vt_model_path(model_dir, "vie-syllable.lm");
    if (!path) {
        vt_strbuf_puts(out, "model: (out of memory)\n");
        return;
    }
    FILE *f = fopen(path, "rb");
    vt_lm_header h;
    if (!f) {
        vt_strbuf_printf(out, "model: %s (missing)\n", path);
    } else if (fread(&h, sizeof h, 1, f) != 1 || memcmp(h.magic, VT_LM_MAGIC, 8) != 0) {
        vt_strbuf_printf(out, "model: %s (not a vanthu language model)\n", path);
    } else {
        vt_strbuf_printf(out,
                          "model: %s (format %u, %u-gram, %u syllables, %llu training "
                          "tokens, checksum %016llx)\n",
                          path, h.version, (unsigned)VT_LM_ORDER, h.n_grams[0],
                          (unsigned long long)h.n_tokens, (unsigned long long)h.checksum);
    }
    if (f)
        fclose(f);
    free(path);
}

char *vt_version_report(const char *model_dir)
{
    vt_strbuf out = {0};
    vt_strbuf_printf(&out, "vanthu %s\n", vt_version());
    vt_strbuf_printf(&out, "tesseract %s\n", vt_ocr_engine_version());
    char *lept = getLeptonicaVersion();   /* "leptonica-1.82.0", malloc'd */
    const char *lept_number = lept && strncmp(lept, "leptonica-", 10) == 0 ? lept + 10 : lept;
    vt_strbuf_printf(&out, "leptonica %s\n", lept_number ? lept_number : "?");
    free(lept);
    UVersionInfo icu;
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_versionToString(icu, icu_text);
    vt_strbuf_printf(&out, "icu %s\n", icu_text);
    vt_strbuf_printf(&out, "poppler %s\n", poppler_get_version());
    vt_strbuf_printf(&out, "json-c %s\n", json_c_version());
    describe_model(&out, model_dir);
    return vt_strbuf_take(&out);
}
