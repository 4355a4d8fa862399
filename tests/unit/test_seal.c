/*
 * test_seal.c — the seal stage on fixture pages: a round red seal is found where
 * it was pressed and its ring text read (letters compared without marks: the
 * marks are the diacritics stage's to repair), and a page whose only red is the
 * rectangular ĐẾN stamp, or blue pen, has no seal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "engine.h"
#include "stages.h"
#include "syllable.h"

#define SCANS VT_SOURCE_DIR "/fixtures/scans/"

/* Pages, the seal's centre (mm, from the fixture's meta.json) and ring text
 * without marks; no text: no seal. */
static const struct {
    const char *image;
    double cx_mm, cy_mm;
    const char *skeleton;
} cases[] = {
    {"002-p3-300-seal.jpg", 126.5, 114.2, "so y te tinh kien giang"},
    {"004-p5-300-seal.jpg", 126.5, 103.2, "van phong ubnd tinh lang son"},
    {"002-p1-300-stamp.jpg", 0, 0, NULL},
    {"003-p1-300-handwriting.jpg", 0, 0, NULL},
};

typedef struct fixture {
    vt_engine *engine;
    vt_session *session;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *err = NULL;
    if (!f || vt_engine_new(NULL, &f->engine, &err) != VT_OK
        || vt_session_new(f->engine, &f->session, &err) != VT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    vt_session_free(f->session);
    vt_engine_free(f->engine);
    free(f);
    return 0;
}

/* The text's words, each reduced to its skeleton, joined by single spaces. */
static void skeleton_of(const char *text, char *out, size_t cap)
{
    out[0] = '\0';
    for (const char *p = text; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        char word[64];
        if (len && vt_word_skeleton(p, len, word, sizeof word)) {
            if (out[0])
                strncat(out, " ", cap - strlen(out) - 1);
            strncat(out, word, cap - strlen(out) - 1);
        }
        p += len;
    }
}

static void test_seal_table(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", SCANS, cases[i].image);
        vt_document *doc = vt_document_new(path);
        assert_non_null(doc);
        doc->kind = VT_INPUT_IMAGE;
        vt_page *page = vt_document_add_page(doc);
        page->image = pixRead(path);
        assert_non_null(page->image);
        page->width = pixGetWidth(page->image);
        page->height = pixGetHeight(page->image);
        page->dpi = 300;
        vt_stage_context ctx = {.session = f->session};
        assert_int_equal(vt_stage_seal.run_page(doc, page, &ctx), VT_OK);
        free(ctx.error);
        if (!cases[i].skeleton) {
            if (doc->n_seals != 0)
                fail_msg("%s: a seal where there is none", cases[i].image);
            vt_document_free(doc);
            continue;
        }
        assert_int_equal(doc->n_seals, 1);
        const vt_seal *seal = &doc->seals[0];
        double mm = 300 / 25.4;
        int cx = seal->box.x + seal->box.w / 2, cy = seal->box.y + seal->box.h / 2;
        assert_in_range(cx, (int)(cases[i].cx_mm * mm) - 10, (int)(cases[i].cx_mm * mm) + 10);
        assert_in_range(cy, (int)(cases[i].cy_mm * mm) - 10, (int)(cases[i].cy_mm * mm) + 10);
        assert_non_null(seal->text);
        char got[256];
        skeleton_of(seal->text, got, sizeof got);
        if (strcmp(got, cases[i].skeleton) != 0)
            fail_msg("%s: ring text '%s' (%s), want '%s'", cases[i].image, seal->text, got,
                     cases[i].skeleton);
        vt_document_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_seal_table, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
