/*
 * languages.h — are the OCR languages asked for installed? (languages.c)
 */
#ifndef VT_LANGUAGES_H
#define VT_LANGUAGES_H

#include "vanthu.h"

/* VT_OK when every language of "vie+eng" has its traineddata file in the folder
 * Tesseract will read; else VT_ERROR with a malloc'd message in *errmsg. */
vt_status vt_check_languages(const char *langs, const char *tessdata, char **errmsg);

#endif /* VT_LANGUAGES_H */
