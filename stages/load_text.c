/*
 * load_text — turn already-OCRed text into the document model.
 *
 * Text input runs the same text stages as OCR output, so it is shaped the same
 * way: a form feed starts a page, a blank line ends a block, a newline ends a line
 * and white space separates words. There is no geometry and no confidence.
 * Text typed with the old TCVN3 or VNI fonts (not UTF-8, or UTF-8 that reads
 * "Th«ng b¸o") is converted to Unicode first (text/legacy.h, --encoding), with a
 * warning saying so.
 */
#include <stdlib.h>
#include <string.h>

#include "stages.h"
#include "utf8.h"

static bool applies(const vt_document *doc)
{
    return doc->kind == VT_INPUT_TEXT && doc->input != NULL;
}

/* Where the first malformed UTF-8 sequence starts, or len when there is none. */
static size_t first_invalid_utf8(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        if (vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            return start;
    }
    return len;
}

typedef struct text_builder {
    vt_document *doc;
    vt_page *page;
    vt_block *block;
    vt_line *line;
} text_builder;

static bool start_page(text_builder *tb)
{
    tb->page = vt_document_add_page(tb->doc);
    tb->block = NULL;
    tb->line = NULL;
    return tb->page != NULL;
}

static bool add_word(text_builder *tb, const char *word, size_t len)
{
    if (!tb->block && !(tb->block = vt_page_add_block(tb->page)))
        return false;
    if (!tb->line && !(tb->line = vt_block_add_line(tb->block)))
        return false;
    return vt_line_add_word(tb->line, word, len) != NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\r';
}

/* One physical line: words go on the current line; an empty line ends the block. */
static bool add_text_line(text_builder *tb, const char *s, size_t len)
{
    size_t i = 0;
    bool any = false;
    while (i < len) {
        while (i < len && is_space(s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_space(s[i]))
            i++;
        if (i > start) {
            if (!add_word(tb, s + start, i - start))
                return false;
            any = true;
        }
    }
    if (!any)
        tb->block = NULL;       /* blank line: the next word opens a new block */
    tb->line = NULL;
    return true;
}

/* Replace doc->input by its Unicode conversion when it is in a legacy encoding. */
static vt_status decode_legacy(vt_document *doc, vt_stage_context *ctx)
{
    const char *s = (const char *)doc->input;
    vt_legacy_encoding enc = vt_stage_text_encoding(ctx, s, doc->input_size);
    if (enc == VT_LEGACY_NONE)
        return VT_OK;
    size_t n;
    char *converted = vt_legacy_to_unicode(s, doc->input_size, enc, &n);
    if (!converted)
        return vt_stage_fail(ctx, "out of memory");
    free(doc->input);
    doc->input = (unsigned char *)converted;
    doc->input_size = n;
    vt_document_warn(doc, vt_stage_load_text.name, 0, "text in the %s encoding, converted to "
                     "Unicode", vt_legacy_name(enc));
    return VT_OK;
}

/* Windows tools ("Unicode" in Notepad) save UTF-16 with a byte-order mark; the
 * mark says the encoding, so it is converted to UTF-8 rather than refused as
 * invalid UTF-8. An unpaired surrogate is refused: the file is damaged. */
static vt_status decode_utf16(vt_document *doc, vt_stage_context *ctx)
{
    const unsigned char *d = doc->input;
    size_t n = doc->input_size;
    bool le = n >= 2 && d[0] == 0xFF && d[1] == 0xFE, be = n >= 2 && d[0] == 0xFE && d[1] == 0xFF;
    if (!le && !be)
        return VT_OK;
    if (n % 2)
        return vt_stage_fail(ctx, "UTF-16 text (byte-order mark) of an odd number of bytes: "
                                  "the file is truncated");
    char *out = malloc(n / 2 * 3 + 1);   /* a 2-byte unit gives at most 3 UTF-8 bytes */
    if (!out)
        return vt_stage_fail(ctx, "out of memory");
    size_t len = 0;
    for (size_t i = 2; i < n; i += 2) {
        int32_t cp = le ? d[i] | d[i + 1] << 8 : d[i] << 8 | d[i + 1];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n) {
            int32_t lo = le ? d[i + 2] | d[i + 3] << 8 : d[i + 2] << 8 | d[i + 3];
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (cp >= 0xD800 && cp < 0xE000) {
            free(out);
            return vt_stage_fail(ctx, "UTF-16 text with a broken surrogate pair at offset %zu",
                                 i);
        }
        len += vt_utf8_encode(cp, out + len);
    }
    free(doc->input);
    doc->input = (unsigned char *)out;
    doc->input_size = len;
    vt_document_warn(doc, vt_stage_load_text.name, 0, "text in UTF-16 (%s), converted to UTF-8",
                     le ? "little-endian" : "big-endian");
    return VT_OK;
}

/* A NUL byte ends every C string the later stages and callers use, so the text
 * after it would vanish silently; it is never meant as text (a padded export,
 * a damaged copy), and a space keeps the words on either side apart. */
static void replace_nul_bytes(vt_document *doc)
{
    size_t count = 0;
    for (size_t i = 0; i < doc->input_size; i++)
        if (doc->input[i] == '\0') {
            doc->input[i] = ' ';
            count++;
        }
    if (count > 0)
        vt_document_warn(doc, vt_stage_load_text.name, 0, "%zu NUL byte(s) in the text, read "
                         "as spaces", count);
}

/* The document model costs ~75 bytes of memory per byte of text (a word record
 * per word, its string, the composed texts); 4 MiB is some 2000 pages of
 * notices and stays near 300 MB. A larger "text" (a 10 MB log on one line) is
 * refused rather than allowed to exhaust memory. */
#define MAX_TEXT_BYTES ((size_t)4 << 20)

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    if (doc->input_size > MAX_TEXT_BYTES)
        return vt_stage_fail(ctx, "text of %zu bytes is larger than the %zu MiB read as one "
                                  "document; split the file", doc->input_size,
                             MAX_TEXT_BYTES >> 20);
    if (decode_utf16(doc, ctx) != VT_OK)
        return VT_ERROR;
    replace_nul_bytes(doc);
    if (decode_legacy(doc, ctx) != VT_OK)
        return VT_ERROR;
    const char *s = (const char *)doc->input;
    size_t len = doc->input_size;
    size_t bad = first_invalid_utf8(s, len);
    if (bad < len)
        return vt_stage_fail(ctx, "not valid UTF-8 (first bad byte at offset %zu) and not "
                                  "recognised as TCVN3 or VNI; convert the file to UTF-8 first "
                                  "(e.g. iconv), or name its encoding with --encoding", bad);
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;  /* a byte-order mark is not text */
        len -= 3;
    }
    text_builder tb = {.doc = doc};
    if (!start_page(&tb))
        return vt_stage_fail(ctx, "out of memory");
    size_t i = 0;
    while (i <= len) {
        size_t end = i;
        while (end < len && s[end] != '\n' && s[end] != '\f')
            end++;
        if (!add_text_line(&tb, s + i, end - i))
            return vt_stage_fail(ctx, "out of memory");
        if (end < len && s[end] == '\f' && end + 1 < len && !start_page(&tb))
            return vt_stage_fail(ctx, "out of memory");
        i = end + 1;
    }
    free(doc->input);
    doc->input = NULL;
    return VT_OK;
}

const vt_stage vt_stage_load_text = {
    .name = "load_text",
    .summary = "read UTF-8 text (already OCRed) into pages, blocks, lines and words",
    .flags = VT_STAGE_REQUIRED,
    .applies = applies,
    .run = run,
};
