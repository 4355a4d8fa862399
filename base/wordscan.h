/*
 * wordscan.h — small cursor helpers for finding Vietnamese keywords in UTF-8 text.
 *
 * The date and document-number parsers look for a handful of fixed words ("ngày",
 * "tháng", "Số", …) in any letter case, at word boundaries, in text that may hold
 * invalid UTF-8. These helpers fold case for the Latin letters Vietnamese uses
 * without needing ICU, so the parsers stay pure functions that a fuzzer can build
 * from two source files.
 */
#ifndef VT_WORDSCAN_H
#define VT_WORDSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lower-case of a letter in the Latin blocks Vietnamese uses (ASCII, Latin-1,
 * Latin Extended-A/B, Latin Extended Additional); other code points unchanged. */
int32_t vt_scan_fold(int32_t cp);

/* True for a letter of those blocks or a combining mark (part of a word). */
bool vt_scan_is_letter(int32_t cp);

/* Code point at s[pos] (pos < len) and the position after it in *next; -1 for a
 * malformed byte, which then counts as one byte. */
int32_t vt_scan_cp_at(const char *s, size_t len, size_t pos, size_t *next);

/* Code point that ends just before s[pos]; -1 at the start or on a malformed byte. */
int32_t vt_scan_cp_before(const char *s, size_t pos);

/* True when s[pos] starts a word: the previous code point is not a letter or digit. */
bool vt_scan_word_start(const char *s, size_t pos);

/* Match `word` (lower-case UTF-8, may contain single spaces matching one or more
 * blanks) at s[pos] in any letter case, not followed by a letter. On success sets
 * *end past the match and returns true. */
bool vt_scan_word(const char *s, size_t len, size_t pos, const char *word, size_t *end);

/* True for horizontal white space at s[pos] (space, tab, no-break space); *next
 * is set past it. */
bool vt_scan_hspace(const char *s, size_t len, size_t pos, size_t *next);

/* The run of letters (vt_scan_is_letter) starting at s[pos], each letter put
 * through `map` into buf: map's character is stored, 0 leaves the letter out (a
 * combining mark, say). buf (cap >= 1) is NUL-terminated and keeps at most cap - 1
 * characters; *end is set past the run. Returns how many letters `map` kept,
 * counting those that did not fit; 0 when s[pos] is not a letter. */
size_t vt_scan_word_map(const char *s, size_t len, size_t pos, char (*map)(int32_t cp),
                        char *buf, size_t cap, size_t *end);

/* The position after the horizontal white space (vt_scan_hspace) and the bytes
 * `also` accepts (NULL: none) that start at s[pos]. */
size_t vt_scan_skip_blanks(const char *s, size_t len, size_t pos, bool (*also)(char c));

#endif /* VT_WORDSCAN_H */
