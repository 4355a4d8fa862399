/*
 * test_output_check.c — a document with one broken string, wherever it is, never
 * reaches an output: the runner's check fails it naming the field, and the JSON
 * writer refuses it with a record that is itself valid. Each row breaks one
 * string of a document the text path really produced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fields_output.h"
#include "output_check.h"
#include "utf8.h"

/* A notice with a header, a number, a date, a repair and a reference. */
static const char notice[] =
    "UBND TỈNH KIÊN GIANG\n"
    "SỞ Y TẾ\n"
    "Số: 115 JCV-PA83\n"
    "Kiên Giang, ngày 26tháng 7 năm 2020\n"
    "THÔNG BÁO\n"
    "Kết luận theo Công văn số 88/TB-SYT ngày 17/4/2025\n"
    "Kính gửi: Các phòng chức năng\n";

static char *doc_text(vt_document *d) { return d->text; }
static char *page_text(vt_document *d) { return d->pages[0].text; }
static char *word_text(vt_document *d) { return d->pages[0].blocks[0].lines[0].words[0].text; }
static char *repair_to(vt_document *d) { return d->n_repairs ? d->repairs[0].to : NULL; }
static char *date_raw(vt_document *d)
{
    vt_notice_fields *f = vt_document_fields(d);
    return f && f->dates.count ? f->dates.items[0].raw : NULL;
}
static char *number_raw(vt_document *d)
{
    vt_notice_fields *f = vt_document_fields(d);
    return f && f->number ? f->number->raw : NULL;
}
static char *reference(vt_document *d)
{
    vt_notice_fields *f = vt_document_fields(d);
    return f && f->references.count ? f->references.items[0].normalized : NULL;
}
static char *issuer(vt_document *d)
{
    vt_notice_fields *f = vt_document_fields(d);
    return f && f->header.n_issuer ? f->header.issuer[0] : NULL;
}
static char *recipient(vt_document *d)
{
    vt_notice_fields *f = vt_document_fields(d);
    return f && f->header.n_recipients ? f->header.recipients[0] : NULL;
}

static const struct {
    char *(*pick)(vt_document *);
    const char *field;      /* as the error names it */
} broken_cases[] = {
    {doc_text, "the text"},
    {page_text, "page text"},
    {word_text, "a word's text"},
    {repair_to, "a repair"},
    {date_raw, "a date"},
    {number_raw, "the document number"},
    {reference, "a reference"},
    {issuer, "the issuer"},
    {recipient, "a recipient"},
};

static vt_document *process(vt_session *session)
{
    vt_document *doc = vt_process_memory(session, "notice", notice, strlen(notice),
                                         VT_INPUT_TEXT);
    assert_non_null(doc);
    assert_false(vt_document_failed(doc));
    return doc;
}

/* The record must parse, be UTF-8, say "ok": false and end its errors with the
 * writer's own, naming the field. */
static void assert_refused(const char *json, const char *field)
{
    assert_non_null(json);
    assert_true(vt_utf8_valid(json, strlen(json)));
    json_object *root = json_tokener_parse(json);
    assert_non_null(root);
    json_object *ok, *errors, *text;
    assert_true(json_object_object_get_ex(root, "ok", &ok));
    assert_false(json_object_get_boolean(ok));
    assert_true(json_object_object_get_ex(root, "text", &text));
    assert_string_equal(json_object_get_string(text), "");
    assert_true(json_object_object_get_ex(root, "errors", &errors));
    size_t n = json_object_array_length(errors);
    assert_true(n >= 1);
    json_object *last = json_object_array_get_idx(errors, n - 1), *stage, *message;
    assert_true(json_object_object_get_ex(last, "stage", &stage));
    assert_string_equal(json_object_get_string(stage), "json");
    assert_true(json_object_object_get_ex(last, "message", &message));
    assert_non_null(strstr(json_object_get_string(message), field));
    json_object_put(root);
}

static void test_broken_string_table(void **state)
{
    (void)state;
    vt_engine *engine;
    vt_session *session;
    char *err = NULL;
    assert_int_equal(vt_engine_new(NULL, &engine, &err), VT_OK);
    assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
    for (size_t i = 0; i < sizeof broken_cases / sizeof broken_cases[0]; i++) {
        vt_document *doc = process(session);
        assert_null(vt_document_broken_string(doc, NULL));
        char *s = broken_cases[i].pick(doc);
        if (!s || !*s)
            fail_msg("case %zu (%s): the notice did not produce the field", i,
                     broken_cases[i].field);
        s[strlen(s) - 1] = '\xC3';    /* a lead byte with nothing after it */
        const char *found = vt_document_broken_string(doc, NULL);
        if (!found || strcmp(found, broken_cases[i].field) != 0)
            fail_msg("case %zu: found '%s', want '%s'", i, found ? found : "(nothing)",
                     broken_cases[i].field);
        char *json = vt_document_json(doc, 0);
        assert_refused(json, broken_cases[i].field);
        free(json);
        assert_false(vt_document_check_output(doc));
        assert_true(vt_document_failed(doc));
        vt_document_free(doc);
    }
    vt_session_free(session);
    vt_engine_free(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_string_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
