/*
 * line_specks — drop the specks Tesseract reads as punctuation at a line's ends.
 *
 * Dust, speckle, the ends of a stamp's frame and pen dots beside a line come out
 * of OCR as words with no letter and no digit: ". Căn cứ …", "_ Như vậy …",
 * "… văn thư; *", a line "¬ .". On the noisy 1-bit pages of ../shared/devset
 * they were a fifth of all character errors, and no confidence tells them apart
 * (a speck "." at 86%, a real recipient dash "-" at 44%). What tells them apart
 * is where print puts punctuation: it hangs on words, so a lone mark at the start
 * of a line is a speck, except a list dash or bullet before the entry; at the
 * end, only a closing mark after a word ("trường .", "Sở Lao động -" broken
 * before "Thương binh") is print. Inside a line only marks print never sets
 * alone (¡ ¬ ` _ „ ~ | \ ^ ¦ · *) go; a lone "-" or ":" there is print.
 *
 * A list dash misread as "~" or "~-" at a line's start is written as "-".
 * Dotted leaders of blanks ("………", five dots or more) are print and stay.
 * A dropped speck stays in its line with an empty text and what OCR read as
 * repaired_from, so compose records it as a repair (nothing OCR read is lost
 * unsaid) while no output shows it as a word. Runs on text input too, where
 * the same specks come from an earlier OCR.
 */
#include "line_specks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "stages.h"
#include "utf8.h"

#define LEADER_MIN_DOTS 5

/* Code points of a word, one by one: false at the end. */
static bool next_cp(const char *s, size_t len, size_t *pos, int32_t *cp)
{
    if (*pos >= len)
        return false;
    *cp = vt_utf8_next(s, len, pos);
    return true;
}

/* A word with something on it but no letter or digit: punctuation, symbols. */
static bool is_speck(const char *text)
{
    size_t len = strlen(text), pos = 0;
    int32_t cp;
    bool marks = false;
    while (next_cp(text, len, &pos, &cp)) {
        if (u_isalnum(cp))
            return false;
        if (cp != ' ' && cp != '\t')
            marks = true;
    }
    return marks;
}

/* Every code point of text is one of set's (UTF-8). */
static bool all_in(const char *text, const char *set)
{
    size_t len = strlen(text), pos = 0;
    int32_t cp;
    while (next_cp(text, len, &pos, &cp)) {
        char one[5] = {0};
        vt_utf8_encode(cp, one);
        if (!strstr(set, one))
            return false;
    }
    return len > 0;
}

static bool is_dotted_leader(const char *text)
{
    size_t dots = 0, len = strlen(text), pos = 0;
    int32_t cp;
    while (next_cp(text, len, &pos, &cp)) {
        if (cp == '.')
            dots++;
        else if (cp == 0x2026)      /* … */
            dots += 3;
        else
            return false;
    }
    return dots >= LEADER_MIN_DOTS;
}

static bool first_is_upper(const char *text)
{
    size_t pos = 0;
    return text[0] && u_isupper(vt_utf8_next(text, strlen(text), &pos));
}

static bool last_is_alnum(const char *text)
{
    size_t len = strlen(text), pos = 0;
    int32_t cp, last = 0;
    while (next_cp(text, len, &pos, &cp))
        last = cp;
    return u_isalnum(last);
}

/* A list entry's mark before its words: "- Như trên;", "+ …", "• …". */
static bool is_list_mark(const char *text)
{
    return strcmp(text, "-") == 0 || strcmp(text, "\u2013") == 0 || strcmp(text, "+") == 0
           || strcmp(text, "\u2022") == 0;
}

/* A closing mark print may set after a word with a space before it. */
static bool is_closing_mark(const char *text)
{
    return strcmp(text, "-") == 0 || strcmp(text, "\u2013") == 0 || strcmp(text, ".") == 0
           || strcmp(text, ":") == 0 || strcmp(text, ";") == 0;
}

/* A word with nothing left on it: blank, or a speck already dropped. */
static bool is_blank(const vt_word *word)
{
    return word->text[strspn(word->text, " \t")] == '\0';
}

/* Index of the next (step 1) or previous (step -1) word with text from i on;
 * SIZE_MAX when none. */
static size_t live_from(const vt_line *line, size_t i, int step)
{
    for (; i < line->n_words; i += (size_t)step)
        if (!is_blank(&line->words[i]))
            return i;
    return SIZE_MAX;
}

/* Give a word a new text, keeping what OCR read for the repair record compose
 * writes (an empty text is a dropped speck). */
static bool rewrite(vt_word *word, const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        return false;
    if (!word->repaired_from) {
        word->repaired_from = word->text;
        word->repaired_by = vt_stage_line_specks.name;
    } else {
        free(word->text);
    }
    word->text = copy;
    return true;
}

/* Decide the line's first words, one by one, until one is print. */
static bool trim_start(vt_line *line)
{
    for (size_t i = live_from(line, 0, 1); i != SIZE_MAX; i = live_from(line, i + 1, 1)) {
        const char *first = line->words[i].text;
        if (!is_speck(first))
            return true;
        size_t next = live_from(line, i + 1, 1);
        bool entry_follows = next != SIZE_MAX;
        if (is_dotted_leader(first) || (entry_follows && is_list_mark(first)))
            return true;
        if (entry_follows && strcmp(first, "*") == 0 && first_is_upper(line->words[next].text))
            return true;
        if (entry_follows && strchr(first, '~') && all_in(first, "~-"))
            return rewrite(&line->words[i], "-");
        if (!rewrite(&line->words[i], ""))
            return false;
    }
    return true;
}

static bool trim_end(vt_line *line)
{
    for (size_t i = live_from(line, line->n_words - 1, -1); i != SIZE_MAX;
         i = i == 0 ? SIZE_MAX : live_from(line, i - 1, -1)) {
        const char *last = line->words[i].text;
        if (!is_speck(last) || is_dotted_leader(last) || strcmp(last, "./.") == 0)
            return true;
        size_t prev = i == 0 ? SIZE_MAX : live_from(line, i - 1, -1);
        if (prev != SIZE_MAX && is_closing_mark(last) && last_is_alnum(line->words[prev].text))
            return true;
        if (!rewrite(&line->words[i], ""))
            return false;
    }
    return true;
}

static bool drop_inner_junk(vt_line *line)
{
    size_t first = live_from(line, 0, 1), last = live_from(line, line->n_words - 1, -1);
    if (first == SIZE_MAX)
        return true;
    for (size_t i = first + 1; i < last; i++)
        if (!is_blank(&line->words[i])
            && all_in(line->words[i].text, "\u00a1\u00bf\u00ac`_\u201e~|\\^\u00a6\u00b7*")
            && !rewrite(&line->words[i], ""))
            return false;
    return true;
}

bool vt_line_specks_drop(vt_line *line)
{
    if (line->n_words == 0)
        return true;
    return trim_start(line) && trim_end(line) && drop_inner_junk(line);
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    for (size_t p = 0; p < doc->n_pages; p++) {
        vt_page *page = &doc->pages[p];
        for (size_t b = 0; b < page->n_blocks; b++) {
            if (page->blocks[b].kind != VT_BLOCK_TEXT)
                continue;   /* a stamp's or a note's marks are theirs to read */
            for (size_t l = 0; l < page->blocks[b].n_lines; l++)
                if (!vt_line_specks_drop(&page->blocks[b].lines[l]))
                    return vt_stage_fail(ctx, "out of memory");
        }
    }
    return VT_OK;
}

const vt_stage vt_stage_line_specks = {
    .name = "line_specks",
    .summary = "drop specks read as lone punctuation at line ends (dust, frame ends, pen dots)",
    .flags = VT_STAGE_NEEDS_WORDS,
    .run = run,
};
