/*
 * main.c — the vanthu executable: everything is in the CLI layer (cli.c) and the
 * library. (Tesseract's OpenMP threads are kept off by the library itself,
 * pipeline/ocr_threads.c, so no environment variable is needed here.)
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return vt_cli_main(argc, argv);
}
