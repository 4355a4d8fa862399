/*
 * legacy.h — find and undo the pre-Unicode Vietnamese 8-bit encodings.
 *
 * Archives still hold notices typed with the legacy font encodings, and they reach
 * us as mojibake: a .txt file in the 8-bit encoding (not valid UTF-8), or a PDF
 * text layer whose legacy font had no Unicode map, so each byte came out as the
 * Windows-1252 character of the same number ("Th«ng b¸o" for "Thông báo").
 * Both forms are read the same way: valid UTF-8 sequences are code points, every
 * byte that is not part of one is its Windows-1252 character, and any code point
 * up to U+00FF (or a Windows-1252 character) stands for the byte of that number.
 *
 *   TCVN3  TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime): one byte per letter,
 *          "Th«ng b¸o", "ViÖt Nam".
 *   VNI    VNI-Windows: a base letter plus a modifier byte for the marks,
 *          "Thoâng baùo", "Vieät Nam"; ơ ư đ and the toned i are single bytes.
 *   VIQR   RFC 1456 ASCII quoting, "tho^ng ba'o", "Vie^.t Nam", "DDa`" (opt-in).
 *
 * Detection converts the text with each candidate and keeps one only when the
 * words it changes clearly become Vietnamese syllables (syllable.h) where they
 * were not before; see legacy.c for the thresholds and their reasons. Texts with
 * fewer than two changed words are never converted (too little evidence): call
 * vt_legacy_to_unicode directly when the encoding is known from elsewhere (a
 * PDF font name such as ".VnTime" or "VNI-Times").
 *
 * Not covered:
 *  - TCVN3 capitals with a tone. The ABC fonts have none; documents switch to a
 *    separate capitals font (.VnTimeH) that draws the lower-case bytes as
 *    capitals. Those bytes decode as lower case, except inside an upper-case word
 *    ("VIÖT" → "VIỆT") and in a word with a single capital on a line without
 *    small ASCII letters that has such a word ("Uû BAN NH©N" → "UỶ BAN NHÂN"). Small ASCII typed in a capitals
 *    font stays small. The VN1 capitals that full TCVN 5712 puts in C0 controls and in
 *    free VN3 slots (0x80–0x9F, 0xAF, 0xBA, 0xC0–0xC5, …) are not decoded: VN3
 *    text does not use them, and reading them would turn Latin-1 "à" into "Ổ".
 *    The VN1 combining tone marks 0xB0–0xB4 are not decoded either (° ± ² ³ ´).
 *  - A PDF extractor that dropped the soft hyphen (0xAD, TCVN3 "ư") or turned it
 *    into "-" loses that letter.
 *  - Text mixing Unicode and a legacy encoding is converted as a whole, except
 *    that a word holding a character outside Windows-1252 (ệ, ư, →) is never
 *    touched: call per span when fonts are known to differ.
 *  - VIQR: only syllables that come out legal are converted; a "." or "?" at a
 *    word's end is a tone only before a lower-case word on the same line (else it
 *    is punctuation, so a sentence-final "vu." stays); "\" escapes a mark.
 *
 * Output: NFC UTF-8. Decoded letters are emitted precomposed; everything else is
 * copied (bytes that are not valid UTF-8 as their Windows-1252 characters), so
 * the output is always valid UTF-8. All functions are pure and thread-safe, and
 * never read beyond `len` (the text need not be NUL-terminated).
 */
#ifndef VT_LEGACY_H
#define VT_LEGACY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum vt_legacy_encoding {
    VT_LEGACY_NONE,
    VT_LEGACY_TCVN3,
    VT_LEGACY_VNI,
    VT_LEGACY_VIQR,
} vt_legacy_encoding;

/* Which legacy encoding text[0..len) is in, or VT_LEGACY_NONE. VIQR is considered
 * only when allow_viqr (ASCII text with quotes and question marks can look like
 * it). Also VT_LEGACY_NONE when memory runs out. */
vt_legacy_encoding vt_legacy_detect(const char *text, size_t len, bool allow_viqr);

/* text[0..len) decoded from enc into a malloc'd NUL-terminated NFC UTF-8 string
 * (length in *out_len, which may be NULL; the string holds NULs the input held).
 * VT_LEGACY_NONE only repairs: valid UTF-8 is copied, other bytes are read as
 * Windows-1252. NULL when out of memory. */
char *vt_legacy_to_unicode(const char *text, size_t len, vt_legacy_encoding enc, size_t *out_len);

/* "tcvn3", "vni", "viqr" or "none". */
const char *vt_legacy_name(vt_legacy_encoding enc);

/* What detection measures for one encoding, for logs and tests. Words are
 * white-space separated tokens with a letter, judged after trimming the
 * punctuation around them. */
typedef struct vt_legacy_score {
    size_t words;        /* tokens with a letter after conversion */
    size_t valid_words;  /* of those, the legal syllables (changed or not) */
    size_t changed;      /* of those, the tokens the conversion changed */
    size_t valid_before; /* changed tokens that were legal syllables before */
    size_t valid_after;  /* changed tokens that are legal syllables after */
    size_t symbol_words; /* changed tokens holding a non-ASCII character that is no
                          * Vietnamese letter before conversion (« ¸ µ Ö …) */
    size_t unicode_only; /* unchanged legal syllables with a letter no legacy byte
                          * read as Windows-1252 can give (ă, đ, ơ, ư, ạ, ế…) */
    size_t rejected;     /* VIQR only: marked letter runs left alone (not a syllable) */
    bool accepted;       /* the score passes the thresholds for this encoding */
} vt_legacy_score;

/* The score of converting text[0..len) from enc (all zero for VT_LEGACY_NONE or
 * when out of memory). */
vt_legacy_score vt_legacy_measure(const char *text, size_t len, vt_legacy_encoding enc);

#endif /* VT_LEGACY_H */
