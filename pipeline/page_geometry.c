/*
 * page_geometry.c — where a page's current image lies on the image the input
 * stored.
 *
 * Orientation, deskew and resolution replace a page's image by a turned,
 * straightened or enlarged one, and OCR boxes are measured on that last image.
 * The archive PDF shows the stored image untouched (its JPEG bytes, its 1-bit
 * pixels), so the words of its text layer must be carried back: each stage that
 * moves pixels composes the inverse of its move into page->stored.from_current.
 * Coordinates are pixel edges (a pixel spans [x, x + 1)), so a box maps exactly.
 */
#include <math.h>

#include "document.h"

/* outer ∘ inner: first inner, then outer. */
static vt_affine compose(vt_affine outer, vt_affine inner)
{
    return (vt_affine){
        .a = outer.a * inner.a + outer.b * inner.d,
        .b = outer.a * inner.b + outer.b * inner.e,
        .c = outer.a * inner.c + outer.b * inner.f + outer.c,
        .d = outer.d * inner.a + outer.e * inner.d,
        .e = outer.d * inner.b + outer.e * inner.e,
        .f = outer.d * inner.c + outer.e * inner.f + outer.f,
    };
}


/* The new image's point (X, Y) was, before the change, at to_old(X, Y). */
static void moved(vt_page *page, vt_affine to_old)
{
    page->stored.from_current = compose(page->stored.from_current, to_old);
}

void vt_page_stored_as_is(vt_page *page)
{
    page->stored.width = page->width;
    page->stored.height = page->height;
    page->stored.dpi = page->dpi;
    page->stored.from_current = (vt_affine){.a = 1, .e = 1};
}

void vt_page_turned(vt_page *page, int quarters, int width, int height)
{
    quarters = ((quarters % 4) + 4) % 4;
    for (int i = 0; i < quarters; i++) {
        /* A clockwise quarter turn of w × h sends (x, y) to (h − y, x): the old
         * point of new (X, Y) is (Y, h − X). The next turn starts from h × w. */
        moved(page, (vt_affine){.a = 0, .b = 1, .c = 0, .d = -1, .e = 0, .f = height});
        int turned_width = height;
        height = width;
        width = turned_width;
    }
}

void vt_page_rotated(vt_page *page, double radians, int width, int height)
{
    /* Clockwise on screen (y down) by θ about the centre c: new = c + R(θ)(old − c)
     * with R(θ) = [cos −sin; sin cos]; the old point is c + R(−θ)(new − c). */
    double cx = width / 2.0, cy = height / 2.0, cs = cos(radians), sn = sin(radians);
    moved(page, (vt_affine){.a = cs, .b = sn, .c = cx - cs * cx - sn * cy,
                            .d = -sn, .e = cs, .f = cy + sn * cx - cs * cy});
}

void vt_page_scaled(vt_page *page, double factor)
{
    if (factor > 0)
        moved(page, (vt_affine){.a = 1 / factor, .e = 1 / factor});
}

void vt_page_point_on_stored(const vt_page *page, double x, double y, double *sx, double *sy)
{
    const vt_affine *m = &page->stored.from_current;
    *sx = m->a * x + m->b * y + m->c;
    *sy = m->d * x + m->e * y + m->f;
}
