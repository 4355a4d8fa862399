/*
 * seal — find an organisation's round red seal on a colour page and read the
 * ring of text around it (JSON `seals`).
 *
 * The seal (Decree 99/2016) is a red disc 30–45 mm across: an outer circle, the
 * organisation's name running clockwise around the rim between it and an inner
 * circle, and a star marking where the name starts and ends. Tesseract reads
 * straight lines only, so the ring is unrolled: every column of a strip is one
 * angle, every row one radius, outer rim on top, which sets each letter upright
 * whatever way the seal was pressed. The strip starts in the widest gap of the
 * ring (no word is cut in two), the circles are erased from it (they would be
 * full-width rules), and the text read from it is turned round to start after
 * the star. Like receipt_stamp it reads the ink by colour, before ink_dropout
 * makes it vanish from the page the body is read from.
 */
#include <leptonica/allheaders.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ink.h"
#include "ocr_service.h"
#include "seal_output.h"
#include "stages.h"

/* The text band between the two circles, as fractions of the outer radius
 * (measured on Decree 99 seal drawings: text from 0.68 to 0.94). */
#define BAND_OUTER 0.96
#define BAND_INNER 0.64
/* Of the angles round the rim, the share the outer circle's ink must reach. */
#define MIN_RIM_COVER 0.7
#define ANGLES 360
/* The ring text is spaced wide round the rim: the strip is drawn at this share
 * of its length, which halves the OCR and did not change a reading. */
#define HSCALE 0.8
#define PI 3.14159265358979323846  /* strict C17 has no M_PI */

typedef struct ring {
    double cx, cy, radius;      /* page pixels */
} ring;

static bool mask_at(PIX *mask, double x, double y)
{
    l_int32 ix = (l_int32)lround(x), iy = (l_int32)lround(y);
    if (ix < 0 || iy < 0 || ix >= pixGetWidth(mask) || iy >= pixGetHeight(mask))
        return false;
    return GET_DATA_BIT(pixGetData(mask) + iy * pixGetWpl(mask), ix) != 0;
}

/* For each degree, whether the mask has ink between radii r0 and r1 (fractions
 * of the ring's radius) at that angle. Returns how many degrees do. */
static int inked_angles(PIX *mask, const ring *rg, double r0, double r1, bool inked[ANGLES])
{
    int count = 0;
    for (int a = 0; a < ANGLES; a++) {
        double th = a * PI / 180, c = cos(th), s = sin(th);
        inked[a] = false;
        for (double r = r0 * rg->radius; r <= r1 * rg->radius && !inked[a]; r += 1)
            inked[a] = mask_at(mask, rg->cx + r * c, rg->cy + r * s);
        count += inked[a];
    }
    return count;
}

/* A round blob 28–50 mm across whose rim is a drawn circle. */
static bool is_seal(PIX *mask, l_int32 w, l_int32 h, const ring *rg, double mm)
{
    if (w < 28 * mm || w > 50 * mm || w > 1.18 * h || h > 1.18 * w)
        return false;
    bool inked[ANGLES];
    return inked_angles(mask, rg, 0.93, 1.0, inked) >= MIN_RIM_COVER * ANGLES;
}

/* The box of the full-resolution ink inside a blob found at half resolution (a
 * pixel or two off there moves the unrolled letters enough to change a reading).
 * Takes `blob` over; false when it holds no ink. */
static bool exact_box(PIX *mask, BOX *blob, l_int32 *x, l_int32 *y, l_int32 *w, l_int32 *h)
{
    BOX *exact = NULL;
    bool ok = blob && pixClipBoxToForeground(mask, blob, NULL, &exact) == 0 && exact;
    if (ok)
        boxGetGeometry(exact, x, y, w, h);
    boxDestroy(&exact);
    boxDestroy(&blob);
    return ok;
}

/* The seals on a page's ink mask. *n set; NULL with *n 0 when there are none or
 * memory ran out (*failed then). */
static ring *find_seals(PIX *mask, int dpi, int *n, bool *failed)
{
    double mm = dpi / 25.4;
    /* Blobs are looked for at half the resolution (a seal is 400 pixels wide at
     * 300 dpi: a quarter of the work, the same blobs), its strokes merged by
     * closing 2 mm gaps; the rim is then checked on the full mask. */
    PIX *half = pixReduceRankBinary2(mask, 1, NULL);
    int close = (int)(mm) | 1;
    PIX *merged = half ? pixCloseSafeBrick(NULL, half, close, close) : NULL;
    BOXA *small = merged ? pixConnComp(merged, NULL, 8) : NULL;
    BOXA *blobs = small ? boxaTransform(small, 0, 0, 2.0, 2.0) : NULL;
    boxaDestroy(&small);
    pixDestroy(&half);
    pixDestroy(&merged);
    *n = 0;
    *failed = !blobs;
    l_int32 count = blobs ? boxaGetCount(blobs) : 0;
    ring *rings = count ? calloc((size_t)count, sizeof *rings) : NULL;
    *failed = *failed || (count && !rings);
    for (l_int32 i = 0; rings && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blobs, i, NULL, NULL, &w, &h);
        if (w < 25 * mm || w > 55 * mm)
            continue;               /* far from a seal's size: not worth measuring */
        if (!exact_box(mask, boxaGetBox(blobs, i, L_CLONE), &x, &y, &w, &h))
            continue;
        ring rg = {x + w / 2.0, y + h / 2.0, (w + h) / 4.0};
        if (is_seal(mask, w, h, &rg, mm))
            rings[(*n)++] = rg;
    }
    boxaDestroy(&blobs);
    if (*n == 0) {
        free(rings);
        rings = NULL;
    }
    return rings;
}

/* The middle of the widest run of degrees with no ink in the text band (the
 * runs may wrap round 360°), in radians; a seal with no gap starts at the bottom. */
static double widest_gap(PIX *mask, const ring *rg)
{
    bool inked[ANGLES];
    inked_angles(mask, rg, BAND_INNER, BAND_OUTER, inked);
    int best_len = 0, best_mid = 90;
    for (int start = 0; start < ANGLES; start++) {
        if (inked[start] || !inked[(start + ANGLES - 1) % ANGLES])
            continue;               /* not the first empty degree of a run */
        int len = 0;
        while (len < ANGLES && !inked[(start + len) % ANGLES])
            len++;
        if (len > best_len) {
            best_len = len;
            best_mid = (start + len / 2) % ANGLES;
        }
    }
    return best_mid * PI / 180;
}

/* The ring unrolled `turns` times round from angle `start`, clockwise: 8 bpp, dark
 * where the ink is, a soft layer (see receipt_stamp) so fringe pixels keep some
 * grey. */
static PIX *unroll(PIX *page, const ring *rg, double start, int turns)
{
    double outer = BAND_OUTER * rg->radius, inner = BAND_INNER * rg->radius;
    l_int32 turn = (l_int32)(PI * (outer + inner) * HSCALE), h = (l_int32)(outer - inner);
    l_int32 w = turns * turn;
    PIX *strip = pixCreate(w, h, 8);
    if (!strip)
        return NULL;
    l_int32 pw = pixGetWidth(page), ph = pixGetHeight(page);
    for (l_int32 y = 0; y < h; y++)
        for (l_int32 x = 0; x < w; x++) {
            double th = start + 2 * PI * x / turn, r = outer - y;
            l_int32 sx = (l_int32)lround(rg->cx + r * cos(th));
            l_int32 sy = (l_int32)lround(rg->cy + r * sin(th));
            l_int32 grey = 255;     /* paper outside the page */
            if (sx >= 0 && sy >= 0 && sx < pw && sy < ph) {
                l_int32 red, green, blue;
                extractRGBValues(pixGetData(page)[sy * pixGetWpl(page) + sx], &red, &green,
                                 &blue);
                grey = vt_ink_grey(red, green, blue);
            }
            SET_DATA_BYTE(pixGetData(strip) + y * pixGetWpl(strip), x, grey);
        }
    return strip;
}

/* Erase rows that are ink along most of the strip: the circles, where the band's
 * edge grazes them. Letters never fill a row. */
static void erase_rules(PIX *strip)
{
    l_int32 w = pixGetWidth(strip), h = pixGetHeight(strip), wpl = pixGetWpl(strip);
    l_uint32 *data = pixGetData(strip);
    for (l_int32 y = 0; y < h; y++) {
        l_int32 dark = 0;
        for (l_int32 x = 0; x < w; x++)
            dark += GET_DATA_BYTE(data + y * wpl, x) < 128;
        if (2 * dark > w)
            for (l_int32 x = 0; x < w; x++)
                SET_DATA_BYTE(data + y * wpl, x, 255);
    }
}

/* Whether a token is the star OCR read: with a '*' or '★' in it ("x*"), or
 * symbols only ("+", "#", "&"). Seal text is letters and digits. */
static bool is_star(const char *token, size_t len)
{
    bool symbols_only = true;
    for (size_t i = 0; i < len; i++) {
        if (token[i] == '*' || (i + 3 <= len && memcmp(token + i, "\xe2\x98\x85", 3) == 0))
            return true;
        symbols_only = symbols_only && ispunct((unsigned char)token[i]);
    }
    return symbols_only;
}

/* The whitespace-separated tokens of a reading, as offsets and lengths. */
typedef struct tokens {
    const char *at[64];
    size_t len[64];
    int n;
} tokens;

static void split(const char *raw, tokens *t)
{
    t->n = 0;
    for (const char *p = raw; *p && t->n < 64;) {
        p += strspn(p, " \n");
        size_t len = strcspn(p, " \n");
        if (len) {
            t->at[t->n] = p;
            t->len[t->n++] = len;
        }
        p += len;
    }
}

/* Tokens from..to-1 joined by spaces (malloc'd); NULL when there are none or
 * memory ran out (*failed then). */
static char *join(const tokens *t, int from, int to, bool *failed)
{
    size_t size = 1;
    for (int i = from; i < to; i++)
        size += t->len[i] + 1;
    if (size == 1)
        return NULL;
    char *out = malloc(size), *end = out;
    *failed = !out;
    for (int i = from; out && i < to; i++) {
        if (end > out)
            *end++ = ' ';
        memcpy(end, t->at[i], t->len[i]);
        end += t->len[i];
    }
    if (out)
        *end = '\0';
    return out;
}

/*
 * The ring text from a reading of the ring unrolled twice round: what stands
 * between the first two stars is the whole name once, wherever the unrolling
 * began (the word it began in is whole in the second turn). NULL when the reading
 * has fewer than two stars, or when memory ran out (*failed then).
 */
static char *between_stars(const char *raw, bool *failed)
{
    tokens t;
    split(raw, &t);
    int first = -1, second = -1;
    for (int i = 0; i < t.n && second < 0; i++)
        if (is_star(t.at[i], t.len[i])) {
            if (first < 0)
                first = i;
            else
                second = i;
        }
    return second > first + 1 ? join(&t, first + 1, second, failed) : NULL;
}

/* Unroll, read and record one seal. 0, or -1 when memory ran out. */
static int read_seal(vt_document *doc, vt_page *page, PIX *mask, const ring *rg,
                     vt_ocr *ocr)
{
    PIX *strip = unroll(page->image, rg, widest_gap(mask, rg), 2);
    if (!strip)
        return -1;
    erase_rules(strip);
    char *raw = vt_ocr_read_part(ocr, strip, page->dpi, 1.0f, VT_OCR_ONE_LINE, NULL);
    pixDestroy(&strip);
    bool failed = false;
    char *text = raw ? between_stars(raw, &failed) : NULL;
    if (failed) {
        free(raw);
        return -1;
    }
    l_int32 r = (l_int32)lround(rg->radius);
    vt_box box = {(int)lround(rg->cx) - r, (int)lround(rg->cy) - r, 2 * r, 2 * r};
    return vt_document_add_seal(doc, page->number, box, text, raw) ? 0 : -1;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    if (!page->image || pixGetDepth(page->image) != 32)
        return VT_OK;
    PIX *mask = vt_ink_mask(page->image);
    if (!mask)
        return vt_stage_fail(ctx, "out of memory");
    int n = 0;
    bool failed = false;
    ring *rings = find_seals(mask, page->dpi, &n, &failed);
    vt_ocr *ocr = n ? vt_ocr_session(ctx) : NULL;
    vt_status status = failed ? vt_stage_fail(ctx, "out of memory") : VT_OK;
    if (n && !ocr)
        status = VT_ERROR;
    for (int i = 0; status == VT_OK && ocr && i < n; i++)
        if (read_seal(doc, page, mask, &rings[i], ocr) != 0)
            status = vt_stage_fail(ctx, "out of memory");
    free(rings);
    pixDestroy(&mask);
    return status;
}

const vt_stage vt_stage_seal = {
    .name = "seal",
    .summary = "find round red seals on colour pages and read the organisation's name "
               "around the rim, unrolled into a line (JSON seals)",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
