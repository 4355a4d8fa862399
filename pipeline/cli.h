/*
 * cli.h — the vanthu command line: argument parsing (cli_args.c), output files
 * (cli_output.c) and the program itself (cli.c). It sees only the public API.
 */
#ifndef VT_CLI_H
#define VT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "vanthu.h"

enum { VT_EXIT_OK = 0, VT_EXIT_INPUT_FAILED = 1, VT_EXIT_USAGE = 2 };

typedef enum vt_output_format { VT_FORMAT_TEXT, VT_FORMAT_JSON, VT_FORMAT_JSONL } vt_output_format;

typedef enum vt_cli_action {
    VT_ACTION_RUN,
    VT_ACTION_HELP,
    VT_ACTION_VERSION,
    VT_ACTION_LIST_STAGES,
} vt_cli_action;

typedef struct vt_cli_args {
    vt_cli_action action;
    const char *output;          /* -o: NULL for stdout */
    vt_output_format format;
    vt_options options;          /* strings point into argv */
    int jobs;
    int verbosity;               /* 0 quiet, 1 normal, 2 verbose */
    const char **inputs;         /* owned array of pointers into argv */
    size_t n_inputs;
} vt_cli_args;

/* Parse argv. On a usage error returns false and writes a one-line message into
 * `error`; never prints or exits. Free with vt_cli_args_free. */
bool vt_cli_parse(int argc, char **argv, vt_cli_args *args, char *error, size_t error_size);
void vt_cli_args_free(vt_cli_args *args);

void vt_cli_print_help(FILE *out);

/* Write `data` to `path` through a temporary file in the same directory and a
 * rename, so the path holds either the old content or the complete new one. */
bool vt_cli_write_file_atomic(const char *path, const char *data, size_t size, char *error,
                              size_t error_size);

/* The whole program; returns the exit status. */
int vt_cli_main(int argc, char **argv);

#endif /* VT_CLI_H */
