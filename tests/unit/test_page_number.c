/*
 * test_page_number.c — the page_number stage on made-up pages: a white 200-dpi
 * page with the sample notice's text lower down, stood for in the document model
 * by one recognised line, and marks drawn in the top margin. Rows: what is in the
 * margin, and which number (if any) the page must start with afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "engine.h"
#include "stage_test.h"
#include "stages.h"

#define NOTICE VT_SOURCE_DIR "/fixtures/sample/notice.png"
#define DPI 200
#define PAGE_W 1654           /* A4 at 200 dpi */
#define PAGE_H 2339
#define BODY_Y 500            /* where the notice's text is pasted */

typedef struct fixture {
    vt_stage_test t;
    PIX *notice;
    L_BMF *font;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || vt_stage_test_open(&f->t) != 0)
        return -1;
    f->notice = pixRead(NOTICE);
    /* Leptonica's built-in bitmap font: its digits are about 4.5 mm tall at 200
     * dpi, a page number's size; Tesseract reads all but its "7" and "8". */
    f->font = bmfCreate(NULL, 12);
    if (!f->notice || !f->font)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    bmfDestroy(&f->font);
    pixDestroy(&f->notice);
    vt_stage_test_close(&f->t);
    free(f);
    return 0;
}

typedef struct margin_mark {
    const char *text;         /* drawn with the bitmap font; NULL: a rule line */
    int x;                    /* left edge, pixels */
} margin_mark;

static const struct {
    const char *what;
    size_t n_marks;
    margin_mark marks[2];
    const char *misread;      /* a low-confidence top line OCR made of the number */
    const char *first_word;   /* the page's first word afterwards */
} rows[] = {
    {"a number in the middle of the top margin", 1, {{"4", 820}}, NULL, "4"},
    {"two digits", 1, {{"12", 810}}, NULL, "12"},
    {"OCR read the number as a letter", 1, {{"3", 820}}, "c", "3"},
    {"a number in the left third is no page number", 1, {{"7", 200}}, NULL, "body"},
    {"letters are no page number", 1, {{"Xin", 800}}, NULL, "body"},
    {"a number beside a rule line is something else", 2, {{"7", 820}, {NULL, 600}}, NULL, "body"},
    {"nothing in the margin", 0, {{NULL, 0}}, NULL, "body"},
};

/* The made-up page: the notice's text from BODY_Y down, the marks above it. */
static PIX *make_page(const fixture *f, const margin_mark *marks, size_t n)
{
    PIX *page = pixCreate(PAGE_W, PAGE_H, 8);
    pixSetAllArbitrary(page, 255);
    l_int32 w = pixGetWidth(f->notice), h = pixGetHeight(f->notice);
    pixRasterop(page, 0, BODY_Y, w < PAGE_W ? w : PAGE_W, h < PAGE_H - BODY_Y ? h : PAGE_H - BODY_Y,
                PIX_SRC, f->notice, 0, 0);
    for (size_t i = 0; i < n; i++) {
        if (marks[i].text)
            pixSetTextline(page, f->font, marks[i].text, 0x0, marks[i].x, 200, NULL, NULL);
        else
            pixRasterop(page, marks[i].x, 190, 500, 6, PIX_SET | PIX_DST, NULL, 0, 0);
    }
    pixSetResolution(page, DPI, DPI);
    return page;
}

static vt_document *page_doc(PIX *pix, const char *misread)
{
    vt_document *doc = vt_stage_test_page_doc("test", pix, DPI);
    vt_page *page = &doc->pages[0];
    if (misread) {
        vt_line *line = vt_block_add_line(vt_page_add_block(page));
        vt_word *word = vt_line_add_word(line, misread, strlen(misread));
        word->box = (vt_box){818, 172, 30, 36};
        word->confidence = 0;
    }
    vt_line *line = vt_block_add_line(vt_page_add_block(page));
    vt_word *word = vt_line_add_word(line, "body", 4);
    word->box = (vt_box){150, BODY_Y + 40, 1200, 40};
    word->confidence = 95;
    return doc;
}

static void test_page_number_table(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        vt_document *doc = page_doc(make_page(f, rows[i].marks, rows[i].n_marks), rows[i].misread);
        vt_stage_test_run(f->t.session, &vt_stage_page_number, doc, 0);
        const vt_page *p = &doc->pages[0];
        const char *first = p->blocks[0].lines[0].words[0].text;
        /* a misreading that stays is not a number: look past it */
        if (rows[i].misread && strcmp(first, rows[i].misread) == 0)
            first = p->blocks[1].lines[0].words[0].text;
        if (strcmp(first, rows[i].first_word) != 0)
            fail_msg("%s: the page starts with '%s', want '%s'", rows[i].what, first,
                     rows[i].first_word);
        size_t words = vt_page_word_count(p);
        size_t want = 1 + (rows[i].misread != NULL) + (strcmp(rows[i].first_word, "body") != 0
                                                       && !rows[i].misread);
        if (words != want)
            fail_msg("%s: %zu words on the page, want %zu", rows[i].what, words, want);
        vt_document_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_page_number_table, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
