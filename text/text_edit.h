/*
 * text_edit.h — a list of replacements in a text, applied in one pass, with the
 * map that carries offsets from the old text to the new one.
 *
 * Text-level stages (stamp residue removal, date and number normalisation, ISO
 * rewriting) change the composed text after offsets into it have been recorded
 * (repairs, dates, references). Expressing every change as an edit list keeps one
 * rule for all of them: edits are applied left to right, an edit overlapping an
 * earlier one is dropped, and any offset can be mapped through the list.
 */
#ifndef VT_TEXT_EDIT_H
#define VT_TEXT_EDIT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vt_text_edit {
    size_t start, end;   /* replace old text[start, end) ... */
    char *text;          /* ... by this (owned; "" deletes) */
    size_t text_len;
} vt_text_edit;

typedef struct vt_text_edits {
    vt_text_edit *items;
    size_t count, cap;
} vt_text_edits;

/* Add a replacement of [start, end) by text[0..len). false when out of memory. */
bool vt_text_edits_add(vt_text_edits *edits, size_t start, size_t end, const char *text,
                       size_t len);

/* Sort by position and drop every edit that overlaps one kept before it. */
void vt_text_edits_settle(vt_text_edits *edits);

/* The text with the (settled) edits applied: malloc'd, NUL-terminated, length in
 * *out_len when not NULL; NULL when out of memory. */
char *vt_text_edits_apply(const vt_text_edits *edits, const char *text, size_t len,
                          size_t *out_len);

/* Where old offset `pos` lands in the new text. An offset inside a replaced span
 * moves to the start of its replacement (or its end when `is_end`); *in_edit
 * (may be NULL) says whether it was strictly inside an edited span. */
size_t vt_text_edits_map(const vt_text_edits *edits, size_t pos, bool is_end, bool *in_edit);

/* The same for many offsets in increasing order (the words of a document):
 * the cursor keeps the edits already passed, so mapping them all is one walk,
 * not one per offset. Start with {0}; use one cursor for starts (is_end false)
 * and another for ends, each fed offsets that never decrease. */
typedef struct vt_text_edits_cursor {
    size_t next;          /* the first edit not yet wholly before the offsets */
    long long shift;      /* what the edits before it moved offsets by */
} vt_text_edits_cursor;
size_t vt_text_edits_map_from(const vt_text_edits *edits, vt_text_edits_cursor *cursor,
                              size_t pos, bool is_end, bool *in_edit);

void vt_text_edits_free(vt_text_edits *edits);

#endif /* VT_TEXT_EDIT_H */
