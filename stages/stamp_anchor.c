/*
 * stamp_anchor — find a receipt stamp that neither its ink nor its frame gave
 * away, by the labels its face prints, and read it from its box.
 *
 * On a grey or 1-bit page a stamp pressed over print, or with a faded or broken
 * frame, has no colour and no closed rectangle to find it by; and a colour
 * stamp filled in with pen may not read as stamp ink. Its face still prints the
 * same labels (Decree 30/2020, Appendix IV): a tall "ĐẾN", "Số:", "Ngày:" before
 * a date, "Chuyển:", "Lưu hồ sơ số:", one under the other at its left edge. OCR
 * reads them with the page, mangled ("Chuy€n:", "`EN") but recognisable by their
 * bare letters. Two kinds of label close together, in a stamp-sized area, are
 * the stamp: its box is laid around them (the organisation's one to three lines
 * above, the dotted entries to the right), read as stamp_reader reads any
 * stamp's box, and recorded when it reads like a stamp (a number and a date, or
 * one of them and a routing). Its lettering stays on the page; stamp_words then
 * sets its words apart. "Số:" alone is not a label here: the notice's own
 * number line starts with it. Runs after ocr, before stamp_words.
 */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_service.h"
#include "receipt_stamp_output.h"
#include "stages.h"
#include "stamp_anchor.h"
#include "stamp_reader.h"
#include "syllable.h"

#define MM_PER_INCH 25.4
/* The labels of one stamp lie within its face: Decree 30 draws it 50 × 35 mm;
 * stamps in use run to about 70 × 40. */
#define LABEL_SPAN_DOWN_MM 32.0
#define LABEL_SPAN_ACROSS_MM 45.0
#define STAMP_MAX_WIDTH_MM 75.0
#define STAMP_MIN_WIDTH_MM 45.0
/* Above its first label line: the organisation, one to three lines; its frame's
 * top rule is looked for that far up, and when none is seen the face is taken
 * to start ORG_ABOVE_MM up. */
#define FRAME_SEARCH_MM 15.0
#define ORG_ABOVE_MM 10.0
/* A row of the frame's top rule: dark over this share of the face's width, in
 * runs this long on average. */
#define RULE_SHARE 0.25
#define RULE_RUN_MM 3.0
#define MARGIN_MM 2.5
/* "ĐẾN" is set at two to three times the labels' height. */
#define TALL_WORD 1.6

typedef enum label_kind {
    LABEL_DEN, LABEL_NGAY, LABEL_CHUYEN, LABEL_LUU, LABEL_KINDS
} label_kind;

typedef struct label {
    label_kind kind;
    vt_box box;         /* the label's word */
    vt_box line;        /* the words of its line from the label on */
} label;

/* The word's letters, bare and lower case ("Chuyển:" → "chuyen"); other
 * characters dropped. */
static void bare_letters(const char *text, char *out, size_t cap)
{
    char skeleton[64];
    size_t n = vt_word_skeleton(text, strlen(text), skeleton, sizeof skeleton);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (skeleton[i] >= 'a' && skeleton[i] <= 'z')
            out[k++] = skeleton[i];
    out[k] = '\0';
}

/* At most one letter inserted, dropped or changed (OCR's "chuyn", "chuyén"). */
static bool near(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb) {
        int diff = 0;
        for (size_t i = 0; i < la; i++)
            diff += a[i] != b[i];
        return diff <= 1;
    }
    if (la + 1 != lb && lb + 1 != la)
        return false;
    const char *s = la < lb ? a : b, *l = la < lb ? b : a;
    size_t i = 0, j = 0;
    bool skipped = false;
    while (i < strlen(s) && j < strlen(l)) {
        if (s[i] == l[j]) {
            i++, j++;
        } else if (!skipped) {
            skipped = true;
            j++;
        } else {
            return false;
        }
    }
    return true;
}

static bool has_date_shape(const char *text)
{
    int digits = 0, seps = 0;
    for (const char *p = text; *p; p++) {
        digits += *p >= '0' && *p <= '9';
        seps += *p == '/' || *p == '.' || *p == '-';
    }
    return digits >= 3 && seps >= 1;
}

static int median_height(const vt_page *page)
{
    int *h = NULL;
    size_t n = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            n += page->blocks[b].lines[l].n_words;
    if (n == 0 || !(h = malloc(n * sizeof *h)))
        return 0;
    size_t k = 0;
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++)
            for (size_t w = 0; w < page->blocks[b].lines[l].n_words; w++)
                h[k++] = page->blocks[b].lines[l].words[w].box.h;
    /* a partial selection would do; pages have a few hundred words */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && h[j - 1] > h[j]; j--) {
            int t = h[j];
            h[j] = h[j - 1];
            h[j - 1] = t;
        }
    int m = h[n / 2];
    free(h);
    return m;
}

/* The label word `i` of `line` is, if any. */
static bool label_at(const vt_line *line, size_t i, int median_h, label_kind *kind)
{
    const vt_word *w = &line->words[i];
    char bare[64], next[64] = "", after[64] = "";
    bare_letters(w->text, bare, sizeof bare);
    if (i + 1 < line->n_words)
        bare_letters(line->words[i + 1].text, next, sizeof next);
    if (i + 2 < line->n_words)
        bare_letters(line->words[i + 2].text, after, sizeof after);
    if ((!strcmp(bare, "den") || !strcmp(bare, "en")) && median_h > 0
        && w->box.h >= TALL_WORD * median_h)
        *kind = LABEL_DEN;
    /* Capitalised, as the label is printed: "chuyên môn" in a sentence is not
     * it, nor "HUYỆN" one letter away. */
    else if (w->text[0] == 'C' && !strncmp(bare, "ch", 2) && strlen(bare) >= 5
             && near(bare, "chuyen"))
        *kind = LABEL_CHUYEN;
    else if ((!strcmp(bare, "luu") && !strcmp(next, "ho"))
             || (!strcmp(bare, "ho") && !strcmp(next, "so") && !strcmp(after, "so")))
        *kind = LABEL_LUU;
    /* "Ngày:" with its colon, or capitalised before a date: the notice's own
     * "ngày 25/10/2017" is neither. */
    else if (!strcmp(bare, "ngay") && i + 1 < line->n_words
             && (strchr(w->text, ':') || w->text[0] == 'N')
             && has_date_shape(line->words[i + 1].text))
        *kind = LABEL_NGAY;
    else
        return false;
    return true;
}

/* Every label on the page; *n of them, malloc'd (NULL when none or no memory). */
static label *find_labels(const vt_page *page, size_t *n)
{
    int median_h = median_height(page);
    label *labels = NULL;
    size_t count = 0, cap = 0;
    for (size_t b = 0; b < page->n_blocks; b++) {
        const vt_block *block = &page->blocks[b];
        for (size_t l = 0; block->kind == VT_BLOCK_TEXT && l < block->n_lines; l++) {
            const vt_line *line = &block->lines[l];
            for (size_t i = 0; i < line->n_words; i++) {
                label_kind kind;
                if (!label_at(line, i, median_h, &kind))
                    continue;
                if (count == cap) {
                    cap = cap ? 2 * cap : 8;
                    label *grown = realloc(labels, cap * sizeof *labels);
                    if (!grown) {
                        free(labels);
                        *n = 0;
                        return NULL;
                    }
                    labels = grown;
                }
                labels[count++] = (label){.kind = kind, .box = line->words[i].box,
                                          .line = vt_words_box(line->words + i, line->n_words - i)};
            }
        }
    }
    *n = count;
    return labels;
}

static int mm(const vt_page *page, double millimetres)
{
    return (int)(millimetres * (page->dpi > 0 ? page->dpi : 300) / MM_PER_INCH + 0.5);
}

/* The labels that lie with labels[seed] on one stamp face: below or beside it
 * within the face's span. A bit per label kind. */
static unsigned gather(const vt_page *page, const label *labels, size_t n, size_t seed,
                       bool *member)
{
    unsigned kinds = 0;
    for (size_t i = 0; i < n; i++) {
        int dy = labels[i].box.y - labels[seed].box.y;
        int dx = abs(labels[i].box.x - labels[seed].box.x);
        member[i] = dy >= 0 && dy <= mm(page, LABEL_SPAN_DOWN_MM)
                    && dx <= mm(page, LABEL_SPAN_ACROSS_MM);
        if (member[i])
            kinds |= 1u << labels[i].kind;
    }
    return kinds;
}

static int kinds_in(unsigned bits)
{
    int n = 0;
    for (; bits; bits &= bits - 1)
        n++;
    return n;
}

/* The right end of the face: the farthest end of a line that starts inside it
 * and ends within a stamp's width (the organisation's longest line may reach
 * past the dotted entries). */
static int widest_line_end(const vt_page *page, int left, int top, int right, int bottom)
{
    int limit = left + mm(page, STAMP_MAX_WIDTH_MM);
    for (size_t b = 0; b < page->n_blocks; b++)
        for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
            vt_box box = page->blocks[b].lines[l].box;
            int end = box.x + box.w;
            if (box.x >= left && box.x < right && box.y >= top && box.y + box.h <= bottom
                && end > right && end <= limit)
                right = end;
        }
    return right;
}

/* The stamp's face around its labels: from the leftmost label, across the
 * dotted entries (no wider than a stamp), from the organisation's lines above
 * the first label to below the last. */
static vt_box face_of(const vt_page *page, const label *labels, size_t n, const bool *member,
                      int *labels_top)
{
    int left = page->width, top = page->height, right = 0, bottom = 0;
    for (size_t i = 0; i < n; i++) {
        if (!member[i])
            continue;
        const vt_box *b = &labels[i].box;
        left = b->x < left ? b->x : left;
        top = b->y < top ? b->y : top;
        bottom = b->y + b->h > bottom ? b->y + b->h : bottom;
    }
    for (size_t i = 0; i < n; i++) {
        const vt_box *l = &labels[i].line;
        int r = l->x + l->w;
        if (member[i] && r > right && r - left <= mm(page, STAMP_MAX_WIDTH_MM))
            right = r;
    }
    *labels_top = top;
    if (right - left < mm(page, STAMP_MIN_WIDTH_MM))
        right = left + mm(page, STAMP_MIN_WIDTH_MM);
    left -= mm(page, MARGIN_MM);
    top -= mm(page, ORG_ABOVE_MM);
    bottom += mm(page, MARGIN_MM);
    right = widest_line_end(page, left, top, right, bottom) + mm(page, MARGIN_MM);
    left = left < 0 ? 0 : left;
    top = top < 0 ? 0 : top;
    right = right > page->width ? page->width : right;
    bottom = bottom > page->height ? page->height : bottom;
    return (vt_box){left, top, right - left, bottom - top};
}

bool vt_stamp_anchor_find(const vt_page *page, vt_box *box, int *labels_top)
{
    size_t n;
    label *labels = find_labels(page, &n);
    bool *member = n ? calloc(n, sizeof *member) : NULL;
    bool found = false;
    int best = 1;
    for (size_t seed = 0; member && seed < n; seed++) {
        int kinds = kinds_in(gather(page, labels, n, seed, member));
        if (kinds > best) {     /* two kinds at least; the most wins */
            best = kinds;
            *box = face_of(page, labels, n, member, labels_top);
            found = box->w > 0 && box->h > 0;
        }
    }
    free(member);
    free(labels);
    return found;
}

/* Whether row y of `bits` (1 bpp) is a rule: dark over a good share of the
 * width in long runs. A worn rule breaks into dashes, but each is millimetres
 * long; a row through print crosses a stroke every fraction of a millimetre. */
static bool rule_row(PIX *bits, int y, int min_run)
{
    const l_uint32 *line = pixGetData(bits) + (size_t)y * (size_t)pixGetWpl(bits);
    int w = pixGetWidth(bits), dark = 0, runs = 0;
    for (int x = 0; x < w; x++)
        if (GET_DATA_BIT(line, x)) {
            dark++;
            runs += x == 0 || !GET_DATA_BIT(line, x - 1);
        }
    return dark >= RULE_SHARE * w && runs > 0 && dark / runs >= min_run;
}

/* Move the face's top up or down to its frame's top rule, when one is seen
 * above the labels: the organisation runs to one, two or three lines, and a
 * guessed top either cuts it or takes in the print above (the notice's own
 * "Số:" line read as the stamp's). The lowest such row is the rule's bottom
 * edge. */
static void fit_top(const vt_page *page, vt_box *face, int labels_top)
{
    int y0 = labels_top - mm(page, FRAME_SEARCH_MM), y1 = labels_top - mm(page, 1.0);
    y0 = y0 < 0 ? 0 : y0;
    if (y1 <= y0)
        return;
    BOX *clip = boxCreate(face->x, y0, face->w, y1 - y0);
    PIX *part = clip ? pixClipRectangle(page->image, clip, NULL) : NULL;
    PIX *bits = part ? pixConvertTo1(part, 160) : NULL;
    boxDestroy(&clip);
    pixDestroy(&part);
    if (!bits)
        return;     /* out of memory: the guessed top serves */
    for (int y = pixGetHeight(bits) - 1; y >= 0; y--)
        if (rule_row(bits, y, mm(page, RULE_RUN_MM))) {
            int bottom = face->y + face->h;
            face->y = y0 + y;
            face->h = bottom - face->y;
            break;
        }
    pixDestroy(&bits);
}

/* Read the face's box from the page and record it when it reads like a stamp.
 * 0, or -1 when memory ran out. */
static int read_face(vt_document *doc, vt_page *page, vt_box face, vt_ocr *ocr)
{
    BOX *clip = boxCreate(face.x, face.y, face.w, face.h);
    PIX *part = clip ? pixClipRectangle(page->image, clip, NULL) : NULL;
    boxDestroy(&clip);
    PIX *layer = part ? pixConvertTo8(part, 0) : NULL;
    pixDestroy(&part);
    vt_stamp_reading reading = {0};
    bool ok = layer && vt_stamp_read(ocr, layer, page->dpi, &reading) == 0;
    pixDestroy(&layer);
    vt_receipt_stamp *stamp = ok ? calloc(1, sizeof *stamp) : NULL;
    ok = stamp != NULL;
    if (ok) {
        *stamp = (vt_receipt_stamp){.page = page->number, .box = face, .ink_on_page = true};
        ok = vt_stamp_vote(&reading, 1, stamp) == 0;
    }
    vt_stamp_reading_clear(&reading);
    if (ok && vt_stamp_reads_like_one(stamp))
        return vt_document_offer_receipt_stamp(doc, stamp) ? 0 : -1;
    vt_receipt_stamp_free(stamp);
    return ok ? 0 : -1;
}

static vt_status run_page(vt_document *doc, vt_page *page, vt_stage_context *ctx)
{
    vt_box face;
    int labels_top;
    if (!page->image || vt_document_has_receipt_stamp_by(doc, page->number)
        || !vt_stamp_anchor_find(page, &face, &labels_top))
        return VT_OK;
    fit_top(page, &face, labels_top);
    vt_ocr *ocr = vt_ocr_session(ctx);
    if (!ocr)
        return VT_ERROR;
    return read_face(doc, page, face, ocr) == 0 ? VT_OK : vt_stage_fail(ctx, "out of memory");
}

const vt_stage vt_stage_stamp_anchor = {
    .name = "stamp_anchor",
    .summary = "find a receipt stamp by the labels on its face (ĐẾN, Ngày, Chuyển, Lưu hồ sơ) "
               "where neither its ink nor its frame showed it, and read it from its box",
    .flags = VT_STAGE_NEEDS_IMAGES,
    .run_page = run_page,
};
