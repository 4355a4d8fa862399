/*
 * test_stamp_layer.c — a stamp's box made ready for reading (stamp_layer) and its
 * readings weighed (vt_stamp_vote), on drawn boxes and hand-made readings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "stamp_layer.h"
#include "stamp_reader.h"

#define DPI 200

/* A white 8 bpp box with dark rectangles painted in. */
static PIX *white_box(int w, int h)
{
    PIX *pix = pixCreate(w, h, 8);
    assert_non_null(pix);
    pixSetAll(pix);
    return pix;
}

static void paint(PIX *pix, int x, int y, int w, int h)
{
    BOX *box = boxCreate(x, y, w, h);
    pixClearInRect(pix, box);
    boxDestroy(&box);
}

/* A letter-like ring: a hollow w × h rectangle with strokes 3 px wide. */
static void ring(PIX *pix, int x, int y, int w, int h)
{
    paint(pix, x, y, w, 3);
    paint(pix, x, y + h - 3, w, 3);
    paint(pix, x, y, 3, h);
    paint(pix, x + w - 3, y, 3, h);
}

static bool dark_at(PIX *pix, int x, int y)
{
    l_uint32 v;
    pixGetPixel(pix, x, y, &v);
    return v < 128;
}

/* The frame's rules go, lettering inside it stays. */
static void test_frame_rules_go(void **state)
{
    (void)state;
    PIX *box = white_box(400, 200);
    ring(box, 2, 2, 396, 196);                  /* the frame */
    for (int i = 0; i < 8; i++)
        paint(box, 60 + 30 * i, 90, 10, 16);    /* a line of letters */
    PIX *out = vt_stamp_layer_lines(box, DPI);
    assert_non_null(out);
    assert_false(dark_at(out, 200, 3));         /* top rule */
    assert_false(dark_at(out, 3, 100));         /* left rule */
    assert_true(dark_at(out, 65, 98));          /* a letter */
    pixDestroy(&out);
    pixDestroy(&box);
}

/* Three letters far taller than the rest ("ĐẾN") go, with the mark over them;
 * the small lettering beside them stays. */
static void test_big_word_goes(void **state)
{
    (void)state;
    PIX *box = white_box(400, 200);
    for (int i = 0; i < 3; i++)
        paint(box, 20 + 30 * i, 80, 22, 44);    /* big letters */
    paint(box, 52, 66, 10, 6);                  /* the circumflex over the middle one */
    for (int i = 0; i < 12; i++) {
        paint(box, 140 + 20 * i, 60, 10, 16);   /* "Số: 1944" and "Ngày: …" lines */
        paint(box, 140 + 20 * i, 110, 10, 16);
    }
    PIX *out = vt_stamp_layer_lines(box, DPI);
    assert_non_null(out);
    assert_false(dark_at(out, 30, 100));
    assert_false(dark_at(out, 56, 68));
    assert_true(dark_at(out, 145, 65));
    assert_true(dark_at(out, 145, 115));
    pixDestroy(&out);
    pixDestroy(&box);
}

/* Nothing tall enough: nothing is taken for "ĐẾN". */
static void test_no_big_word(void **state)
{
    (void)state;
    PIX *box = white_box(400, 200);
    for (int i = 0; i < 12; i++)
        paint(box, 20 + 20 * i, 60, 10, 16);
    PIX *out = vt_stamp_layer_lines(box, DPI);
    assert_non_null(out);
    for (int i = 0; i < 12; i++)
        assert_true(dark_at(out, 25 + 20 * i, 65));
    pixDestroy(&out);
    pixDestroy(&box);
}

/* A dotted zero loses its dot (Tesseract reads it as 9); a plain ring, an "8"
 * (two counters, nothing inside) and a solid digit are untouched. */
static void test_dotted_zero(void **state)
{
    (void)state;
    PIX *box = white_box(300, 100);
    ring(box, 20, 30, 18, 28);
    paint(box, 27, 42, 4, 4);                   /* the dot */
    ring(box, 60, 30, 18, 28);                  /* a plain 0 */
    ring(box, 100, 30, 18, 15);
    ring(box, 100, 43, 18, 15);                 /* an 8 */
    paint(box, 140, 30, 4, 28);                 /* a 1 */
    PIX *out = vt_stamp_layer_lines(box, DPI);
    assert_non_null(out);
    assert_false(dark_at(out, 29, 44));
    assert_true(dark_at(out, 21, 40));
    assert_true(dark_at(out, 61, 40));
    assert_true(dark_at(out, 101, 40));
    assert_true(dark_at(out, 141, 40));
    pixDestroy(&out);
    pixDestroy(&box);
}

/* Readings as the reader makes them: each string owned. */
static void reading(vt_stamp_reading *r, const char *digits, const char *words, const char *plain)
{
    *r = (vt_stamp_reading){0};
    r->digits_number = digits ? strdup(digits) : NULL;
    r->fields.number = words ? strdup(words) : NULL;
    r->plain.number = plain ? strdup(plain) : NULL;
    r->raw = strdup("raw\n");
}

/* Agreement makes a value sure; one reading alone or a disagreement leaves it to
 * be reviewed; the value most readings give wins. */
static void test_vote_table(void **state)
{
    (void)state;
    static const struct {
        const char *a[3], *b[3];    /* digits, words, plain of two readings */
        const char *want;
        float confidence;
        bool review;
    } rows[] = {
        {{"0458", "0458", NULL}, {NULL, NULL, NULL}, "0458", 1.0f, false},
        {{"0458", NULL, NULL}, {NULL, NULL, NULL}, "0458", 0.5f, true},
        {{"0458", "9458", NULL}, {"0458", NULL, NULL}, "0458", 2.0f / 3, true},
        {{NULL, "2210", "2210"}, {"22109", "2210", NULL}, "2210", 0.75f, true},
        {{NULL, NULL, NULL}, {NULL, NULL, NULL}, NULL, 0, false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        vt_stamp_reading r[2];
        reading(&r[0], rows[i].a[0], rows[i].a[1], rows[i].a[2]);
        reading(&r[1], rows[i].b[0], rows[i].b[1], rows[i].b[2]);
        vt_receipt_stamp *stamp = calloc(1, sizeof *stamp);
        assert_non_null(stamp);
        assert_int_equal(vt_stamp_vote(r, 2, stamp), 0);
        if (rows[i].want) {
            assert_non_null(stamp->number);
            assert_string_equal(stamp->number, rows[i].want);
            assert_true(stamp->number_sure.confidence > rows[i].confidence - 0.01f
                        && stamp->number_sure.confidence < rows[i].confidence + 0.01f);
            assert_int_equal(stamp->number_sure.needs_review, rows[i].review);
        } else {
            assert_null(stamp->number);
        }
        assert_non_null(strstr(stamp->raw, "raw"));
        vt_receipt_stamp_free(stamp);   /* what the vote moved in is the stamp's */
        vt_stamp_reading_clear(&r[0]);
        vt_stamp_reading_clear(&r[1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_rules_go),
        cmocka_unit_test(test_big_word_goes),
        cmocka_unit_test(test_no_big_word),
        cmocka_unit_test(test_dotted_zero),
        cmocka_unit_test(test_vote_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
