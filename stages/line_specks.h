/*
 * line_specks.h — the speck rules of the line_specks stage, for its unit test.
 */
#ifndef VT_LINE_SPECKS_H
#define VT_LINE_SPECKS_H

#include <stdbool.h>

#include "document.h"

/* Empty the words of `line` that are specks read as punctuation (see
 * line_specks.c; their OCR reading is kept as repaired_from), and write a dash
 * OCR read as "~" as "-". Returns false only when memory ran out (the line is
 * then partly trimmed, never broken). */
bool vt_line_specks_drop(vt_line *line);

#endif /* VT_LINE_SPECKS_H */
