/*
 * pixel_check.c — whether a rendered PDF page shows the input image exactly.
 *
 *   vt_pixel_check INPUT PAGE RENDERED   (PAGE: 1-based, for multipage TIFF)
 *   vt_pixel_check INPUT                 prints "WIDTH HEIGHT DEPTH" of page 1
 *
 * Both images are decoded with Leptonica and compared at the input's depth
 * class: 1-bit and grey inputs as 8-bit grey, colour as RGB. Prints the size
 * and the count of differing pixels; exit 0 only when the sizes match and no
 * pixel differs.
 */
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>

static PIX *read_page(const char *path, int page)
{
    l_int32 format = IFF_UNKNOWN;
    findFileFormat(path, &format);
    bool tiff = format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3
                || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS;
    PIX *pix = tiff ? pixReadTiff(path, page - 1) : pixRead(path);
    PIX *plain = pix ? pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC) : NULL;
    pixDestroy(&pix);
    return plain;
}

static PIX *as(PIX *pix, bool colour)
{
    return colour ? pixConvertTo32(pix) : pixConvertTo8(pix, 0);
}

int main(int argc, char **argv)
{
    setMsgSeverity(L_SEVERITY_NONE);
    if (argc == 2) {
        PIX *pix = read_page(argv[1], 1);
        if (!pix)
            return 2;
        printf("%d %d %d\n", pixGetWidth(pix), pixGetHeight(pix), pixGetDepth(pix));
        pixDestroy(&pix);
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: vt_pixel_check INPUT PAGE RENDERED\n");
        return 2;
    }
    PIX *in = read_page(argv[1], atoi(argv[2])), *out = read_page(argv[3], 1);
    if (!in || !out) {
        fprintf(stderr, "vt_pixel_check: cannot read %s\n", in ? argv[3] : argv[1]);
        return 2;
    }
    bool colour = pixGetDepth(in) == 32;
    PIX *a = as(in, colour), *b = as(out, colour);
    int w = pixGetWidth(a), h = pixGetHeight(a);
    long differing = -1;
    if (w == (int)pixGetWidth(b) && h == (int)pixGetHeight(b)) {
        differing = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                l_uint32 p, q;
                pixGetPixel(a, x, y, &p);
                pixGetPixel(b, x, y, &q);
                /* RGB words carry an unused low byte (alpha) that may differ. */
                differing += colour ? (p >> 8) != (q >> 8) : p != q;
            }
    }
    printf("%s page %s: %dx%d, rendered %dx%d, %ld pixels differ\n", argv[1], argv[2], w, h,
           pixGetWidth(b), pixGetHeight(b), differing);
    pixDestroy(&a);
    pixDestroy(&b);
    pixDestroy(&in);
    pixDestroy(&out);
    return differing == 0 ? 0 : 1;
}
