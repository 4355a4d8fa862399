/*
 * fuzz_json.c — libFuzzer harness for the JSON writer (pipeline/json.c).
 *
 * The input is cut at NUL bytes into strings that become a document by hand:
 * its source name, its text (also page 1's text, split into words, with the
 * dates, references, own number and header the fields stage would read from
 * it), a warning, a repair and a receipt stamp. Whatever those bytes are, the
 * record must be valid UTF-8 that json-c parses whole; it says "ok": true with
 * the text unchanged when every string the writer may not repair was UTF-8, and
 * is a failure record ("ok": false, a json error) when one was not.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "docnum.h"
#include "document.h"
#include "fields_output.h"
#include "header.h"
#include "output.h"
#include "receipt_stamp_output.h"
#include "utf8.h"
#include "vanthu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { N_FIELDS = 6 };  /* source, text, warning, repair from, repair to, stamp raw */

typedef struct fields {
    char *s[N_FIELDS];
    bool all_utf8;      /* every string the writer refuses to repair is UTF-8 */
} fields;

/* The source name and messages may hold any bytes (file names from old
 * archives): the writer turns those into U+FFFD, so they never fail a record.
 * The repair's `to` is used only with a `from`. */
static bool must_be_utf8(const fields *f, int i)
{
    return i != 0 && i != 2 && (i != 4 || *f->s[3]);
}

/* Split the input at NUL bytes; missing fields are empty strings. */
static bool split(const uint8_t *data, size_t size, fields *f)
{
    f->all_utf8 = true;
    size_t at = 0;
    for (int i = 0; i < N_FIELDS; i++) {
        const uint8_t *nul = at < size ? memchr(data + at, '\0', size - at) : NULL;
        size_t len = at < size ? (nul ? (size_t)(nul - data) - at : size - at) : 0;
        f->s[i] = malloc(len + 1);
        if (!f->s[i])
            return false;
        if (len)
            memcpy(f->s[i], data + at, len);
        f->s[i][len] = '\0';
        at += len + 1;
    }
    for (int i = 0; i < N_FIELDS; i++)
        if (must_be_utf8(f, i) && !vt_utf8_valid(f->s[i], strlen(f->s[i])))
            f->all_utf8 = false;
    return true;
}

static void fields_free(fields *f)
{
    for (int i = 0; i < N_FIELDS; i++)
        free(f->s[i]);
}

/* Page 1: the text split at spaces and newlines into lines of words. */
static bool add_page(vt_document *doc, const char *text)
{
    vt_page *page = vt_document_add_page(doc);
    vt_block *block = page ? vt_page_add_block(page) : NULL;
    vt_line *line = block ? vt_block_add_line(block) : NULL;
    if (!line || !(page->text = strdup(text)))
        return false;
    page->mean_confidence = -1;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " \n");
        if (n && !vt_line_add_word(line, p, n))
            return false;
        p += n;
        if (*p == '\n' && !(line = vt_block_add_line(block)))
            return false;
        if (*p)
            p++;
    }
    return true;
}

/* What the fields stage reads from the text. */
static bool add_facts(vt_document *doc)
{
    size_t len = strlen(doc->text);
    vt_notice_fields *f = vt_notice_fields_new();
    if (!f || !vt_document_set_output(doc, &vt_fields_output, f))
        return false;
    if (vt_dates_find(doc->text, len, NULL, &f->dates) != 0
        || vt_docnum_find_references(doc->text, len, NULL, &f->references) != 0)
        return false;
    f->document_date = f->dates.count ? 0 : SIZE_MAX;
    vt_docnum own;
    if (vt_docnum_find_own(doc->text, len, &own) == 1) {
        if (!(f->number = malloc(sizeof *f->number))) {
            vt_docnum_clear(&own);
            return false;
        }
        *f->number = own;
    }
    return vt_header_extract(doc->text, len, &f->header) == 0;
}

static bool add_stamp(vt_document *doc, const char *raw)
{
    if (!*raw)
        return true;
    vt_receipt_stamp *stamp = calloc(1, sizeof *stamp);
    if (!stamp || !(stamp->raw = strdup(raw)) || !(stamp->forwarded_to = strdup(raw))) {
        vt_receipt_stamp_free(stamp);
        return false;
    }
    stamp->page = 1;
    return vt_document_offer_receipt_stamp(doc, stamp);
}

static vt_document *build(const fields *f)
{
    vt_document *doc = vt_document_new(f->s[0]);
    if (!doc)
        return NULL;
    doc->kind = VT_INPUT_TEXT;
    size_t len = strlen(f->s[1]);
    bool ok = (doc->text = strdup(f->s[1])) && add_page(doc, f->s[1])
              && vt_document_add_timing(doc, "compose", 1.25)
              && (!*f->s[2] || vt_document_warn(doc, "fuzz", 1, "%s", f->s[2]))
              && (!*f->s[3] || vt_document_add_repair(doc, "diacritics", f->s[3], f->s[4], 0,
                                                      len, 1, NULL))
              && add_stamp(doc, f->s[5]) && add_facts(doc);
    if (!ok) {
        vt_document_free(doc);
        return NULL;    /* out of memory */
    }
    return doc;
}

/* True when the record's last error comes from the json writer. */
static bool ends_with_json_error(json_object *root)
{
    json_object *errors = NULL, *stage = NULL;
    size_t n = json_object_object_get_ex(root, "errors", &errors) ? json_object_array_length(errors)
                                                                   : 0;
    json_object *last = n ? json_object_array_get_idx(errors, n - 1) : NULL;
    return last && json_object_object_get_ex(last, "stage", &stage)
           && strcmp(json_object_get_string(stage), "json") == 0;
}

/* The record parses whole, and says what the document's strings allow. */
static void check_record(const char *json, const vt_document *doc, bool all_utf8)
{
    size_t n = strlen(json);
    if (!vt_utf8_valid(json, n))
        abort();
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return;
    json_object *root = json_tokener_parse_ex(tok, json, (int)n);
    if (!root || json_tokener_get_error(tok) != json_tokener_success
        || json_tokener_get_parse_end(tok) != n)
        abort();    /* not JSON, or JSON followed by something else */
    json_object *ok = NULL, *text = NULL;
    if (!json_object_object_get_ex(root, "ok", &ok) || !json_object_object_get_ex(root, "text", &text))
        abort();
    bool said_ok = json_object_get_boolean(ok);
    if (said_ok != all_utf8)
        abort();    /* broken strings must give a failure record, good ones a real one */
    if (said_ok && strcmp(json_object_get_string(text), doc->text) != 0)
        abort();    /* the text did not survive the round trip */
    if (!said_ok && (!ends_with_json_error(root) || *json_object_get_string(text)))
        abort();    /* a failure record must say why and withhold the text */
    json_object_put(root);
    json_tokener_free(tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fields f = {{NULL}, true};
    vt_document *doc = split(data, size, &f) ? build(&f) : NULL;
    if (doc) {
        char *json = vt_document_json(doc, size && (data[0] & 1) ? VT_JSON_PRETTY : 0);
        if (json)   /* NULL: out of memory */
            check_record(json, doc, f.all_utf8);
        free(json);
        vt_document_free(doc);
    }
    fields_free(&f);
    return 0;
}
