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

#include "seal_output.h"
#include "stage_test.h"
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

static int setup(void **state)
{
    vt_stage_test *t = calloc(1, sizeof *t);
    if (!t || vt_stage_test_open(t) != 0)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    vt_stage_test_close(*state);
    free(*state);
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
    vt_stage_test *t = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", SCANS, cases[i].image);
        vt_document *doc = vt_stage_test_page_doc(path, pixRead(path), 300);
        vt_stage_test_run(t->session, &vt_stage_seal, doc, 0);
        const vt_seal_list *seals = vt_document_seals(doc);
        size_t n_seals = seals ? seals->count : 0;
        if (!cases[i].skeleton) {
            if (n_seals != 0)
                fail_msg("%s: a seal where there is none", cases[i].image);
            vt_document_free(doc);
            continue;
        }
        assert_int_equal(n_seals, 1);
        const vt_seal *seal = &seals->items[0];
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
