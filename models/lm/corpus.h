/*
 * corpus.h — the training corpus as files: which ones train, which are held out.
 *
 * The split rule is fixed so the trainer and the benchmark agree without talking:
 * in each corpus folder the *.txt files are sorted by name (byte order) and every
 * `every`-th one (index % every == every - 1, so with every = 10 the 10th, 20th,
 * …) is held out; the trainer never reads those.
 */
#ifndef VT_CORPUS_H
#define VT_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vt_corpus_files {
    char **paths; /* malloc'd, sorted */
    size_t count;
} vt_corpus_files;

/* Append the training (held_out false) or held-out (true) *.txt files of dir to
 * *files. every = 0 holds nothing out. False with *errmsg on a failure. */
bool vt_corpus_list(const char *dir, unsigned every, bool held_out, vt_corpus_files *files,
                    char **errmsg);
void vt_corpus_files_free(vt_corpus_files *files);

/* A file's text, NFC, without the "# key = value" metadata lines the news files
 * start with. NUL-terminated, length in *len; NULL with *errmsg on failure. */
char *vt_corpus_read(const char *path, size_t *len, char **errmsg);

#endif /* VT_CORPUS_H */
