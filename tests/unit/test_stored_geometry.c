/*
 * test_stored_geometry.c — boxes carried back to the stored image through the
 * moves the page stages make (page_geometry.c). Each row marks a square on a
 * blank image, moves the image with the Leptonica call the stage uses, finds the
 * square on the moved image, and maps that box back: it must land on the mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "document.h"

#define RADIANS_PER_DEGREE 0.017453292519943295

typedef enum { TURN, ROTATE, SCALE } move_kind;

typedef struct move {
    move_kind kind;
    double amount;              /* quarters, degrees, or factor */
} move;

typedef struct row {
    int width, height;
    vt_box mark;
    move moves[3];
    int n_moves;
    double slack;               /* pixels the mapped box may be off by */
} row;

static const row rows[] = {
    {400, 300, {50, 40, 20, 10}, {{TURN, 1}}, 1, 0},
    {400, 300, {50, 40, 20, 10}, {{TURN, 2}}, 1, 0},
    {400, 300, {50, 40, 20, 10}, {{TURN, 3}}, 1, 0},
    {400, 300, {300, 200, 30, 12}, {{ROTATE, 2.5}}, 1, 2},
    {400, 300, {300, 200, 30, 12}, {{ROTATE, -4}}, 1, 2},
    {400, 300, {50, 40, 20, 10}, {{SCALE, 2}}, 1, 1},
    {400, 300, {310, 60, 24, 14}, {{TURN, 1}, {ROTATE, 3}, {SCALE, 1.5}}, 3, 3},
};

static PIX *moved_image(vt_page *page, PIX *pix, move m)
{
    PIX *out = NULL;
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    switch (m.kind) {
    case TURN:
        out = pixRotateOrth(pix, (int)m.amount);
        vt_page_turned(page, (int)m.amount, w, h);
        break;
    case ROTATE:
        out = pixRotate(pix, (float)(m.amount * RADIANS_PER_DEGREE), L_ROTATE_AREA_MAP,
                        L_BRING_IN_WHITE, 0, 0);
        vt_page_rotated(page, m.amount * RADIANS_PER_DEGREE, w, h);
        break;
    case SCALE:
        out = pixScale(pix, (float)m.amount, (float)m.amount);
        vt_page_scaled(page, (double)pixGetWidth(out) / w);
        break;
    }
    pixDestroy(&pix);
    return out;
}

/* The box of the dark pixels (a rotated square's corners grey out: take < 128). */
static vt_box dark_box(PIX *pix)
{
    PIX *dark = pixThresholdToBinary(pix, 128);
    BOX *box = NULL;
    pixClipBoxToForeground(dark, NULL, NULL, &box);
    vt_box out = {0, 0, 0, 0};
    if (box)
        boxGetGeometry(box, &out.x, &out.y, &out.w, &out.h);
    boxDestroy(&box);
    pixDestroy(&dark);
    return out;
}

/* The smallest upright box holding the four corners of `box` mapped back. */
static void box_on_stored(const vt_page *page, vt_box box, double *x0, double *y0, double *x1,
                          double *y1)
{
    const double xs[2] = {box.x, (double)box.x + box.w}, ys[2] = {box.y, (double)box.y + box.h};
    *x0 = *y0 = INFINITY;
    *x1 = *y1 = -INFINITY;
    for (int i = 0; i < 4; i++) {
        double x, y;
        vt_page_point_on_stored(page, xs[i & 1], ys[i >> 1], &x, &y);
        *x0 = fmin(*x0, x);
        *y0 = fmin(*y0, y);
        *x1 = fmax(*x1, x);
        *y1 = fmax(*y1, y);
    }
}

static void test_boxes_come_back(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        PIX *pix = pixCreate(r->width, r->height, 8);
        pixSetAllArbitrary(pix, 255);
        pixRasterop(pix, r->mark.x, r->mark.y, r->mark.w, r->mark.h, PIX_CLR, NULL, 0, 0);
        vt_page page = {.width = r->width, .height = r->height, .dpi = 300};
        vt_page_stored_as_is(&page);
        for (int m = 0; m < r->n_moves; m++)
            pix = moved_image(&page, pix, r->moves[m]);
        vt_box seen = dark_box(pix);
        double x0, y0, x1, y1;
        box_on_stored(&page, seen, &x0, &y0, &x1, &y1);
        /* A rotated box's upright hull is larger than the mark: compare centres
         * and require the hull to hold the mark. */
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        double mx = r->mark.x + r->mark.w / 2.0, my = r->mark.y + r->mark.h / 2.0;
        if (fabs(cx - mx) > r->slack + 0.5 || fabs(cy - my) > r->slack + 0.5
            || x0 > r->mark.x + r->slack || x1 < r->mark.x + r->mark.w - r->slack)
            fail_msg("row %zu: mark (%d,%d %dx%d) came back as (%.1f,%.1f)-(%.1f,%.1f)", i,
                     r->mark.x, r->mark.y, r->mark.w, r->mark.h, x0, y0, x1, y1);
        assert_int_equal(page.stored.width, r->width);
        pixDestroy(&pix);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boxes_come_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
