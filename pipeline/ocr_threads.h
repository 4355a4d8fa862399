/*
 * ocr_threads.h — keep Tesseract's OpenMP teams off while vanthu runs (ocr_threads.c).
 */
#ifndef VT_OCR_THREADS_H
#define VT_OCR_THREADS_H

/* Make OpenMP parallel regions met on this thread run on it alone; returns the
 * setting to give back to vt_ocr_threads_leave. */
int vt_ocr_threads_enter(void);
void vt_ocr_threads_leave(int saved);

#endif /* VT_OCR_THREADS_H */
