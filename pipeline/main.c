/*
 * main.c — the vanthu executable.
 *
 * Tesseract parallelises inside a page with OpenMP. On a small machine running
 * several pages at once that oversubscribes the cores and made one page 4x
 * slower, and OpenMP reads its thread limit only from the environment when the
 * runtime loads, before main. So the program re-executes itself once with
 * OMP_THREAD_LIMIT=1 unless the caller already chose a value.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

int main(int argc, char **argv)
{
    if (!getenv("OMP_THREAD_LIMIT") && setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
        execv("/proc/self/exe", argv);   /* returns only on failure: run as we are */
    return vt_cli_main(argc, argv);
}
