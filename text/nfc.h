/*
 * nfc.h — Unicode NFC normalisation of UTF-8 text (ICU).
 *
 * The letter algebra understands precomposed letters only, and corpus files
 * and Word exports mix in combining marks (field guide §5.5); the trainer and the
 * benchmark normalise everything they read with this.
 */
#ifndef VT_NFC_H
#define VT_NFC_H

#include <stddef.h>

/* A malloc'd NUL-terminated NFC copy of s[0..len) (length in *out_len), or NULL
 * with a malloc'd message in *errmsg. Ill-formed UTF-8 becomes U+FFFD. */
char *vt_nfc(const char *s, size_t len, size_t *out_len, char **errmsg);

#endif /* VT_NFC_H */
