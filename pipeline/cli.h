/*
 * cli.h — the vanthu command line: argument parsing (cli_args.c), output files
 * (cli_output.c) and the program itself (cli.c). It sees only the public API.
 */
#ifndef VT_CLI_H
#define VT_CLI_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vanthu.h"

enum { VT_EXIT_OK = 0, VT_EXIT_INPUT_FAILED = 1, VT_EXIT_USAGE = 2 };

typedef enum vt_output_format {
    VT_FORMAT_TEXT,
    VT_FORMAT_JSON,
    VT_FORMAT_JSONL,
    VT_FORMAT_ALTO,
    VT_FORMAT_HOCR,
    VT_FORMAT_PDF,
    VT_FORMAT_COUNT
} vt_output_format;

typedef enum vt_cli_action {
    VT_ACTION_RUN,
    VT_ACTION_HELP,
    VT_ACTION_VERSION,
    VT_ACTION_LIST_STAGES,
} vt_cli_action;

/* --progress: a live line on a terminal (auto), on any stderr (always), or none. */
typedef enum vt_progress_mode {
    VT_PROGRESS_AUTO,
    VT_PROGRESS_ALWAYS,
    VT_PROGRESS_NEVER,
} vt_progress_mode;

typedef struct vt_cli_args {
    vt_cli_action action;
    const char *output;          /* -o: NULL for stdout */
    vt_output_format format;     /* the first (often the only) of formats */
    vt_output_format formats[VT_FORMAT_COUNT];  /* -f a,b,c: each once, as given */
    size_t n_formats;
    vt_options options;          /* strings point into argv */
    int jobs;
    int verbosity;               /* 0 quiet, 1 normal, 2 verbose */
    vt_progress_mode progress;
    const char **inputs;         /* owned array of pointers into argv */
    size_t n_inputs;
    int shard_index, shard_count;  /* --shard K/N; 1/1 by default */
    bool force;                  /* --force: redo inputs the manifest says are done */
} vt_cli_args;

/* One document to process: where to read it, and its name relative to the
 * argument it came from (for mirroring the input tree under -o DIR). */
typedef struct vt_input {
    char *path;
    char *name;
} vt_input;

typedef struct vt_input_list {
    vt_input *items;
    size_t n, cap;
} vt_input_list;

/* Expand files, '-', @LIST files and directories (recursively, sorted, scans only;
 * .txt too when `text_too`) into `out`. Problems (an unreadable directory or list)
 * are reported on `err`, naming the path, and counted in the return value; the
 * rest is still expanded. */
size_t vt_cli_expand_inputs(const char *const *args, size_t n, bool text_too, vt_input_list *out,
                            FILE *err);
void vt_input_list_free(vt_input_list *list);
/* Keep the inputs of shard k of n (1 <= k <= n), chosen by a hash of the name. */
void vt_input_list_shard(vt_input_list *list, int k, int n);

#define VT_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t vt_fnv1a64(const void *data, size_t len, uint64_t hash);

/* The batch manifest in an output directory (cli_manifest.c). */
typedef struct vt_manifest_entry {
    char *name;
    uint64_t content, options, output;
    bool has_output;             /* false on lines written before output hashes */
} vt_manifest_entry;

typedef struct vt_manifest {
    char *path;
    FILE *file;                  /* open for appending */
    vt_manifest_entry *entries;
    size_t n, cap;
} vt_manifest;

bool vt_manifest_open(vt_manifest *m, const char *dir, char *error, size_t error_size);
/* Whether `name` was finished with this content and options and its outputs at
 * output_paths are still the ones written. */
bool vt_manifest_has(const vt_manifest *m, const char *name, uint64_t content, uint64_t options,
                     const char *const *output_paths, size_t n_outputs);
bool vt_manifest_record(vt_manifest *m, const char *name, uint64_t content, uint64_t options,
                        uint64_t output);
void vt_manifest_close(vt_manifest *m);
/* FNV-1a 64 of a file's bytes: change detection, not security. */
bool vt_hash_file(const char *path, uint64_t *hash);
/* The same over several files one after the other (one file: vt_hash_file). */
bool vt_hash_files(const char *const *paths, size_t n, uint64_t *hash);

/* Progress of a run (cli_progress.c). The library reports pages from worker
 * threads, the run reports finished documents from its own: a lock keeps the
 * counts and the drawn line whole. */
typedef struct vt_progress_doc {
    char *source;                /* owned copy */
    size_t pages_done, pages_total;
    double page_fraction;
} vt_progress_doc;

typedef struct vt_progress {
    pthread_mutex_t lock;
    size_t total, done, failed;  /* documents */
    size_t pages;                /* pages of the finished documents */
    vt_progress_doc *active;     /* documents under way that have reported */
    size_t n_active, cap_active;
    double started, last_draw;   /* monotonic seconds */
    bool live;                   /* a line redrawn in place */
    bool log;                    /* a line per finished document */
    bool drawn;                  /* the live line is on screen */
} vt_progress;

void vt_progress_init(vt_progress *p);
void vt_progress_free(vt_progress *p);
void vt_progress_start(vt_progress *p, size_t total, vt_progress_mode mode, int verbosity);
/* The library's vt_progress_fn; `user` is the vt_progress. Never cancels. */
bool vt_progress_on_pages(const vt_progress_info *info, void *user);
/* Erase the live line before printing a message of its own. */
void vt_progress_clear_line(vt_progress *p);
void vt_progress_document(vt_progress *p, const char *source, size_t pages, double seconds,
                          bool failed);

/* Parse argv. On a usage error returns false and writes a one-line message into
 * `error`; never prints or exits. Free with vt_cli_args_free. */
bool vt_cli_parse(int argc, char **argv, vt_cli_args *args, char *error, size_t error_size);
void vt_cli_args_free(vt_cli_args *args);

void vt_cli_print_help(FILE *out);

/* Write `data` to `path` through a temporary file in the same directory and a
 * rename, so the path holds either the old content or the complete new one. */
bool vt_cli_write_file_atomic(const char *path, const char *data, size_t size, char *error,
                              size_t error_size);

/* The several outputs of one input: every one written to a temporary file
 * first, then each renamed into place; on any failure none is left behind
 * (neither temporary nor, for the failed one, partial). */
bool vt_cli_write_files_atomic(const char *const *paths, const char *const *data,
                               const size_t *sizes, size_t n, char *error, size_t error_size);

/* The whole program; returns the exit status. */
int vt_cli_main(int argc, char **argv);

#endif /* VT_CLI_H */
