/*
 * margin_notes — set handwriting and scribbles apart from the printed notice.
 *
 * Incoming paper carries blue-pen notes: a leader's instruction in the top margin,
 * initials and a date beside the body, a tick, a signed "ok". On colour scans
 * ink_dropout fades them, but on greyscale scans (and where the pen was dark)
 * Tesseract reads them as lines like "%W1% 4s. Ẻ" in the middle of the text. Print
 * follows the decree's layout and the pen does not, so lines are judged by where
 * they lie and by what they read as:
 *
 *  (a) geometry: the main text column is estimated from the confident Vietnamese
 *      lines; words wholly in the left or right margin, lines wholly above or below
 *      the column, and short lines far from every other line are notes — unless
 *      they read as confident Vietnamese or are a lone centred page number;
 *  (b) content: a line that is mostly not Vietnamese syllables and has a low OCR
 *      confidence is a note wherever it lies.
 *
 * Notes move, with their words, into blocks of kind VT_BLOCK_MARGIN_NOTE (one per
 * source block), which compose leaves out of `text` and the JSON lists as
 * margin_notes. Needs word boxes, so text input passes through.
 */
#include <stdlib.h>
#include <string.h>

#include "stages.h"
#include "syllable.h"
#include "token.h"
#include "utf8.h"

/* A line is "confident Vietnamese" at or above this mean word confidence with at
 * least half its letter tokens legal syllables; only such lines with at least
 * COLUMN_SYLLABLES syllables define the text column (a handwritten "Đ/c Hùng" read
 * well must not widen it). */
#define CONFIDENT 70.0
#define COLUMN_SYLLABLES 3
#define MIN_COLUMN_LINES 3
/* Rule (b): below this mean confidence, with under half the tokens syllables. */
#define LOW_CONFIDENCE 60.0
/* Slack around the column, as a share of the page width / height, for OCR box
 * noise (skew needs none: the column is the envelope of the skewed lines). The
 * right margin is only 15 mm, so the side slack is small. */
#define SLACK_X 0.01
#define SLACK_Y 0.015
/* "Short" and "far": at most this many words, farther than this many median line
 * heights from any other line. */
#define SHORT_WORDS 3
#define FAR_LINES 3.0
/* A lone page number: digits only, at most this many bytes, its centre within this
 * share of the column width from the column's centre. */
#define PAGE_NUMBER_BYTES 4
#define CENTRED_SHARE 0.15
/* Alignment with a neighbour: edges within this share of the page width, lines
 * within this many line heights. */
#define ALIGN_SHARE 0.006
#define ALIGN_LINES 3.0

typedef struct line_info {
    size_t block, line;
    vt_box box;
    vt_box core;            /* the confident words only: what defines the column */
    double confidence;      /* mean word confidence; < 0: unknown */
    int syllables, others, numbers;
    bool note;              /* the whole line is a note */
} line_info;

typedef struct column {
    int left, right, top, bottom;
    bool known;
} column;

static bool applies(const vt_document *doc)
{
    for (size_t p = 0; p < doc->n_pages; p++)
        if (doc->pages[p].width > 0 && doc->pages[p].n_blocks > 0)
            return true;
    return false;
}

/* The number of syllables a fused word splits into ("BanGiámđốc": 3, as OCR
 * reads words whose spaces it lost), or 0 when it does not split into legal
 * syllables. Fewest syllables wins; a syllable has at most 7 letters. */
static int fused_syllables(const char *s, size_t len)
{
    enum { MAX_CHARS = 48, MAX_SYLLABLE_CHARS = 7 };
    size_t at[MAX_CHARS + 1];
    int best[MAX_CHARS + 1];
    size_t n = 0, pos = 0;
    at[0] = 0;
    while (pos < len) {
        if (n == MAX_CHARS || vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            return 0;
        at[++n] = pos;
    }
    best[0] = 0;
    for (size_t i = 1; i <= n; i++) {
        best[i] = -1;
        for (size_t j = i > MAX_SYLLABLE_CHARS ? i - MAX_SYLLABLE_CHARS : 0; j < i; j++)
            if (best[j] >= 0 && (best[i] < 0 || best[j] + 1 < best[i])
                && vt_syllable_valid(s + at[j], at[i] - at[j]))
                best[i] = best[j] + 1;
    }
    return best[n] > 1 ? best[n] : 0;
}

/* Count the kinds of tokens in one word's text. */
static void count_tokens(const char *text, line_info *info)
{
    size_t len = strlen(text), pos = 0;
    vt_token tok;
    while (vt_token_next(text, len, &pos, &tok)) {
        int fused = tok.kind == VT_TOKEN_WORD ? fused_syllables(text + tok.start, tok.end - tok.start) : 0;
        if (tok.kind == VT_TOKEN_SYLLABLE)
            info->syllables++;
        else if (fused)
            info->syllables += fused;
        else if (tok.kind == VT_TOKEN_NUMBER)
            info->numbers++;
        else if (tok.kind != VT_TOKEN_BREAK)
            info->others++;
    }
}

static void measure_line(const vt_line *line, line_info *info)
{
    double sum = 0;
    int known = 0;
    for (size_t w = 0; w < line->n_words; w++) {
        count_tokens(line->words[w].text, info);
        if (line->words[w].confidence >= 0) {
            sum += line->words[w].confidence;
            known++;
        }
        if (line->words[w].confidence >= CONFIDENT)
            info->core = vt_box_union(info->core, line->words[w].box);
    }
    info->confidence = known ? sum / known : -1;
    info->box = line->box.w > 0 ? line->box : vt_words_box(line->words, line->n_words);
}

static bool page_number(const vt_page *page, const vt_line *line, const line_info *l,
                        const column *c);

static bool mostly_syllables(const line_info *l)
{
    return l->syllables > 0 && l->syllables >= l->others;
}

static bool confident_vietnamese(const line_info *l)
{
    return l->confidence >= CONFIDENT && mostly_syllables(l);
}

/* Print that may stand alone outside the body: a signer's name, a centred page
 * number. A one-syllable "ok" or initials do not qualify. */
/* Whether the word holds a letter or digit (ASCII, or any code point past it). */
static bool has_content(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return true;
    return false;
}

/* The notice's number line, "Số: 2260/KH-STTTT", whatever OCR made of the
 * symbol: print, even where a pen ring or a stamp over it makes OCR unsure
 * (rule (b) took "& Số: 2260/KIkSTTTL" for a note, and the notice lost its
 * number). Marks before the label are skipped. */
static bool number_line(const vt_line *line)
{
    size_t i = 0;
    while (i < line->n_words && !has_content(line->words[i].text))
        i++;
    if (i + 1 >= line->n_words)
        return false;
    const char *label = line->words[i].text, *symbol = line->words[i + 1].text;
    char bare[16];
    size_t n = vt_word_skeleton(label, strlen(label), bare, sizeof bare);
    return n >= 3 && !strncmp(bare, "so:", 3) && symbol[0] >= '0' && symbol[0] <= '9'
           && strchr(symbol, '/');
}

static bool protected_line(const vt_page *page, const vt_line *line, const line_info *l,
                           const column *c)
{
    return (confident_vietnamese(l) && l->syllables >= 2) || page_number(page, line, l, c)
           || number_line(line);
}

/* The text column: the extent of the confident words of the confident Vietnamese
 * lines (a pen stroke read into a body line's end is not confident). */
static column estimate_column(const line_info *lines, size_t n)
{
    vt_box extent = {0};
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        const line_info *l = &lines[i];
        if (l->core.w == 0 || !confident_vietnamese(l) || l->syllables < COLUMN_SYLLABLES)
            continue;
        extent = vt_box_union(extent, l->core);
        count++;
    }
    return (column){.left = extent.x, .right = extent.x + extent.w, .top = extent.y,
                    .bottom = extent.y + extent.h, .known = count >= MIN_COLUMN_LINES};
}

static bool page_number(const vt_page *page, const vt_line *line, const line_info *l,
                        const column *c)
{
    if (line->n_words != 1 || l->numbers != 1 || l->syllables + l->others != 0
        || strlen(line->words[0].text) > PAGE_NUMBER_BYTES)
        return false;
    double centre = l->box.x + l->box.w / 2.0;
    double mid = c->known ? (c->left + c->right) / 2.0 : page->width / 2.0;
    double width = c->known ? c->right - c->left : page->width;
    return centre > mid - CENTRED_SHARE * width && centre < mid + CENTRED_SHARE * width;
}

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median line height; 0 when no line has a box. */
static int median_height(const line_info *lines, size_t n, int *scratch)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].box.w > 0)
            scratch[k++] = lines[i].box.h;
    if (k == 0)
        return 0;
    qsort(scratch, k, sizeof *scratch, compare_int);
    return scratch[k / 2];
}

/* Vertical distance from line i to the nearest other line that is not a note. */
static int nearest_gap(const line_info *lines, size_t n, size_t i)
{
    int best = -1;
    const vt_box *a = &lines[i].box;
    for (size_t j = 0; j < n; j++) {
        const vt_box *b = &lines[j].box;
        if (j == i || lines[j].note || b->w == 0)
            continue;
        int gap = b->y >= a->y + a->h ? b->y - (a->y + a->h)
                : a->y >= b->y + b->h ? a->y - (b->y + b->h) : 0;
        if (best < 0 || gap < best)
            best = gap;
    }
    return best;
}

static bool near(double a, double b, double tolerance)
{
    return a - b <= tolerance && b - a <= tolerance;
}

/* Print is aligned: a line shares its left edge (lists, paragraphs), right edge
 * (justified body) or centre (headers, signature) with a line near it. Pen notes
 * do not, so a garbled printed line ("NG.TH,TTTT:" for "NC, TH, TT TT;") is kept. */
static bool aligned(const vt_page *page, const line_info *lines, size_t n, size_t i,
                    int line_height)
{
    const vt_box *a = &lines[i].box;
    double tolerance = ALIGN_SHARE * page->width, reach = ALIGN_LINES * line_height;
    for (size_t j = 0; j < n; j++) {
        const vt_box *b = &lines[j].box;
        if (j == i || b->w == 0 || lines[j].note || !near(a->y, b->y, reach))
            continue;
        /* Every speck is centred on some full-width body line: centres count only
         * between lines that are both narrower than half the page. */
        bool narrow = 2 * a->w < page->width && 2 * b->w < page->width;
        if (near(a->x, b->x, tolerance) || near(a->x + a->w, b->x + b->w, tolerance)
            || (narrow && near(a->x + a->w / 2.0, b->x + b->w / 2.0, tolerance)))
            return true;
    }
    return false;
}

/* Whole-line rules: (a) above the column, short and far; (b) garbage. Nothing is
 * judged "below the column": the last recipients ("- Lưu: VT.") and the signer's
 * name often lie below every long line. */
static void judge_lines(const vt_page *page, line_info *lines, size_t n, const column *c,
                        int line_height)
{
    double slack_y = SLACK_Y * page->height;
    for (size_t i = 0; i < n; i++) {
        line_info *l = &lines[i];
        const vt_line *line = &page->blocks[l->block].lines[l->line];
        if (l->box.w == 0 || page_number(page, line, l, c))
            continue;     /* a page number may read as anything but stays */
        if (l->confidence >= 0 && l->confidence < LOW_CONFIDENCE && !mostly_syllables(l)
            && l->syllables + l->others > 0 && !aligned(page, lines, n, i, line_height)
            && !number_line(line))
            l->note = true;     /* (b) */
        else if (c->known && l->box.y + l->box.h < c->top - slack_y
                 && !protected_line(page, line, l, c))
            l->note = true;     /* (a) above the column: the top margin */
    }
    /* Short and far, judged against the lines that remain. */
    for (size_t i = 0; i < n && line_height > 0; i++) {
        line_info *l = &lines[i];
        const vt_line *line = &page->blocks[l->block].lines[l->line];
        if (l->note || l->box.w == 0 || line->n_words > SHORT_WORDS
            || protected_line(page, line, l, c))
            continue;
        int gap = nearest_gap(lines, n, i);
        l->note = gap > FAR_LINES * line_height;
    }
}

/* The note block collecting lines of source block `src`, made on first use.
 * Returns its index, or SIZE_MAX when out of memory. */
static size_t note_block(vt_page *page, size_t *note_of, size_t src)
{
    if (note_of[src] != SIZE_MAX)
        return note_of[src];
    vt_block *block = vt_page_add_block(page);    /* may move page->blocks */
    if (!block)
        return SIZE_MAX;
    block->kind = VT_BLOCK_MARGIN_NOTE;
    note_of[src] = page->n_blocks - 1;
    return note_of[src];
}

/* Move words [from, to) of line (block b, line l) onto a new line of note block
 * `nb`; they leave the source line, which keeps the rest. */
static bool move_words(vt_page *page, size_t b, size_t l, size_t nb, size_t from, size_t to)
{
    vt_line *note = vt_block_add_line(&page->blocks[nb]);
    if (!note)
        return false;
    vt_line *src = &page->blocks[b].lines[l];
    size_t count = to - from;
    note->words = malloc(count * sizeof *note->words);
    if (!note->words)
        return false;
    memcpy(note->words, src->words + from, count * sizeof *note->words);
    note->n_words = note->cap_words = count;
    note->box = vt_words_box(note->words, count);
    /* Ownership moved: close the gap in the source line. */
    memmove(src->words + from, src->words + to, (src->n_words - to) * sizeof *src->words);
    src->n_words -= count;
    src->box = vt_words_box(src->words, src->n_words);
    vt_block *nblock = &page->blocks[nb];
    nblock->box = vt_box_union(nblock->box, note->box);
    return true;
}

/* A word in the left or right margin: wholly outside the column, or a garbage
 * word (low confidence, no syllable or number) whose centre is outside it — pen
 * strokes start right at the column's edge. */
static bool in_side_margin(const vt_page *page, const column *c, const vt_word *word)
{
    const vt_box *box = &word->box;
    double slack = SLACK_X * page->width;
    if (box->w == 0)
        return false;
    if (box->x + box->w < c->left - slack || box->x > c->right + slack)
        return true;
    double centre = box->x + box->w / 2.0;
    if (centre > c->left && centre < c->right)
        return false;
    line_info tokens = {0};
    count_tokens(word->text, &tokens);
    return word->confidence >= 0 && word->confidence < LOW_CONFIDENCE && tokens.syllables == 0
        && tokens.numbers == 0;
}

/* Move out the note lines, and the words of other lines that lie wholly in the
 * left or right margin (a run at the start or end of the line). */
static bool move_notes(vt_page *page, const line_info *lines, size_t n, const column *c,
                       size_t *note_of)
{
    for (size_t i = 0; i < n; i++) {
        const line_info *info = &lines[i];
        size_t b = info->block, l = info->line;
        size_t count = page->blocks[b].lines[l].n_words;
        size_t from = 0, to = count;
        if (!info->note && c->known) {
            const vt_word *w = page->blocks[b].lines[l].words;
            size_t lead = 0, trail = 0;
            while (lead < count && in_side_margin(page, c, &w[lead]))
                lead++;
            while (lead == 0 && trail < count && in_side_margin(page, c, &w[count - 1 - trail]))
                trail++;
            from = lead > 0 ? 0 : count - trail;
            to = lead > 0 ? lead : count;
        } else if (!info->note) {
            continue;
        }
        if (from == to)
            continue;
        size_t nb = note_block(page, note_of, b);
        if (nb == SIZE_MAX || !move_words(page, b, l, nb, from, to))
            return false;
    }
    return true;
}

/* Drop lines left without words and text blocks left without lines. */
static void compact(vt_page *page)
{
    size_t kept_blocks = 0;
    for (size_t b = 0; b < page->n_blocks; b++) {
        vt_block *block = &page->blocks[b];
        size_t kept = 0;
        for (size_t l = 0; l < block->n_lines; l++) {
            if (block->lines[l].n_words == 0)
                free(block->lines[l].words);
            else
                block->lines[kept++] = block->lines[l];
        }
        block->n_lines = kept;
        if (kept == 0 && block->kind == VT_BLOCK_TEXT) {
            free(block->lines);
            continue;
        }
        page->blocks[kept_blocks++] = *block;
    }
    page->n_blocks = kept_blocks;
}

static vt_status mark_page(vt_page *page, vt_stage_context *ctx)
{
    size_t n = 0, n_blocks = page->n_blocks;
    for (size_t b = 0; b < n_blocks; b++)
        if (page->blocks[b].kind == VT_BLOCK_TEXT)
            n += page->blocks[b].n_lines;
    if (n == 0)
        return VT_OK;
    line_info *lines = calloc(n, sizeof *lines);
    int *scratch = calloc(n, sizeof *scratch);
    size_t *note_of = malloc(n_blocks * sizeof *note_of);
    bool ok = lines && scratch && note_of;
    if (ok) {
        size_t k = 0;
        for (size_t b = 0; b < n_blocks; b++) {
            note_of[b] = SIZE_MAX;
            for (size_t l = 0; page->blocks[b].kind == VT_BLOCK_TEXT && l < page->blocks[b].n_lines; l++, k++) {
                lines[k] = (line_info){.block = b, .line = l};
                measure_line(&page->blocks[b].lines[l], &lines[k]);
            }
        }
        column c = estimate_column(lines, n);
        judge_lines(page, lines, n, &c, median_height(lines, n, scratch));
        ok = move_notes(page, lines, n, &c, note_of);
        compact(page);
    }
    free(lines);
    free(scratch);
    free(note_of);
    return ok ? VT_OK : vt_stage_fail(ctx, "out of memory");
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    for (size_t p = 0; p < doc->n_pages; p++)
        if (doc->pages[p].width > 0 && mark_page(&doc->pages[p], ctx) != VT_OK)
            return VT_ERROR;
    return VT_OK;
}

const vt_stage vt_stage_margin_notes = {
    .name = "margin_notes",
    .summary = "set handwriting and scribbles in the margins apart from the text",
    .flags = 0,
    .applies = applies,
    .run = run,
};
