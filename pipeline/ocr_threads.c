/*
 * ocr_threads.c — one thread per page inside Tesseract, whatever the environment.
 *
 * Tesseract's LSTM runs its matrix products in OpenMP teams of four
 * (`num_threads(4)`). vanthu already runs one page per core; four more threads per
 * page oversubscribe the cores and made a page 4.6 times slower on two cores.
 * OMP_THREAD_LIMIT would cap them, but OpenMP reads it only from the environment
 * when its runtime loads, before the caller's main, so a library cannot set it.
 * What a library can set is the calling thread's max-active-levels: at 0 no
 * parallel region is active, and each runs on the thread that meets it. In
 * libgomp (GCC 12) that setting belongs to the thread, so the caller's own
 * OpenMP code on other threads is untouched, and the caller's value on this
 * thread is put back when vanthu returns.
 */
#include "ocr_threads.h"

#include <omp.h>

int vt_ocr_threads_enter(void)
{
    int saved = omp_get_max_active_levels();
    omp_set_max_active_levels(0);
    return saved;
}

void vt_ocr_threads_leave(int saved)
{
    omp_set_max_active_levels(saved);
}
