/*
 * languages.c — check, before any page, that every OCR language asked for is
 * installed.
 *
 * Left to Tesseract, a missing language shows up only when the first page is
 * read, after Tesseract has printed "Error opening data file … TESSDATA_PREFIX"
 * on the caller's stderr. Looking for the files first lets vt_engine_new fail at
 * once with one message naming the folder searched and the package to install.
 * The folders are the ones Tesseract itself reads: the tessdata option, else
 * $TESSDATA_PREFIX, else the folder found at configure time (Debian's
 * /usr/share/tesseract-ocr/5/tessdata); each also with "tessdata/" under it, as
 * older installs lay it out.
 */
#include "languages.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

#ifndef VANTHU_TESSDATA_DIR
#define VANTHU_TESSDATA_DIR ""
#endif

static bool is_file(const char *dir, const char *sub, const char *lang, size_t len)
{
    char *path = vt_format("%s%s/%.*s.traineddata", dir, sub, (int)len, lang);
    bool found = path && access(path, R_OK) == 0;
    free(path);
    return found;
}

/* Letters, digits, "_" and "-" ("vie", "chi_sim"), and "/" for Tesseract's
 * script models ("script/Latin"); no ".", so no way out of the folder. */
static bool plausible_name(const char *lang, size_t len)
{
    if (len == 0 || len > 64)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = lang[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '-' || c == '/'))
            return false;
    }
    return true;
}

vt_status vt_check_languages(const char *langs, const char *tessdata, char **errmsg)
{
    const char *env = getenv("TESSDATA_PREFIX");
    const char *dir = tessdata && *tessdata ? tessdata : env && *env ? env : VANTHU_TESSDATA_DIR;
    for (const char *p = langs; *p;) {
        size_t len = strcspn(p, "+");
        if (!plausible_name(p, len)) {
            *errmsg = vt_format("'%.*s' is not an OCR language name (use Tesseract's, e.g. "
                                "vie or vie+eng)", (int)len, p);
            return VT_ERROR;
        }
        /* with no folder known, Tesseract's own default is all there is to try */
        if (*dir && !is_file(dir, "", p, len) && !is_file(dir, "/tessdata", p, len)) {
            *errmsg = vt_format("the OCR language '%.*s' is not installed: no %.*s.traineddata "
                                "in %s (install it with apt-get install tesseract-ocr-%.*s, or "
                                "name the folder that holds it: vanthu --tessdata DIR, the "
                                "tessdata option in the library)",
                                (int)len, p, (int)len, p, dir, (int)len, p);
            return VT_ERROR;
        }
        p += len;
        if (*p == '+')
            p++;
    }
    return VT_OK;
}
