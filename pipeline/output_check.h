/*
 * output_check.h — the UTF-8 invariant every output relies on (output_check.c).
 */
#ifndef VT_OUTPUT_CHECK_H
#define VT_OUTPUT_CHECK_H
#include <stdbool.h>

#include "document.h"

/* The first string the outputs would carry that is not well-formed UTF-8, named
 * for a message ("a word's text"), and its page (0: the whole document) in *page
 * when page is not NULL; NULL when every string is well-formed. */
const char *vt_document_broken_string(const vt_document *doc, int *page);

/* The runner's last step: false, with the document failed and an error added
 * (stage "output"), when vt_document_broken_string finds a string. */
bool vt_document_check_output(vt_document *doc);

#endif /* VT_OUTPUT_CHECK_H */
