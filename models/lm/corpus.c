/*
 * corpus.c — list corpus files with the held-out rule, read them normalised
 * (see corpus.h).
 */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "nfc.h"
#include "strbuf.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_txt_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* The sorted *.txt names of dir in *out (NULL when there are none). */
static bool list_names(const char *dir, char ***out, size_t *count, char **errmsg)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        *errmsg = vt_format("cannot open corpus folder %s: %s", dir, strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (!has_txt_suffix(e->d_name))
            continue;
        ok = VT_ARRAY_RESERVE(names, cap, n, 1, 64);
        if (ok && (names[n] = strdup(e->d_name)) != NULL)
            n++;
        else
            ok = false;
    }
    closedir(d);
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        *errmsg = vt_format("out of memory listing %s", dir);
        return false;
    }
    if (n > 0)
        qsort(names, n, sizeof *names, compare_names);
    *out = names;
    *count = n;
    return true;
}

bool vt_corpus_list(const char *dir, unsigned every, bool held_out, vt_corpus_files *files,
                    char **errmsg)
{
    size_t n = 0;
    char **names = NULL;
    if (!list_names(dir, &names, &n, errmsg))
        return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        bool is_held_out = every > 0 && i % every == every - 1;
        if (ok && is_held_out == held_out) {
            char **grown = realloc(files->paths, (files->count + 1) * sizeof *grown);
            char *path = vt_format("%s/%s", dir, names[i]);
            ok = grown != NULL && path != NULL;
            if (grown != NULL)
                files->paths = grown;
            if (ok)
                files->paths[files->count++] = path;
            else
                free(path);
        }
        free(names[i]);
    }
    free(names);
    if (!ok)
        *errmsg = vt_format("out of memory listing %s", dir);
    return ok;
}

void vt_corpus_files_free(vt_corpus_files *files)
{
    for (size_t i = 0; i < files->count; i++)
        free(files->paths[i]);
    free(files->paths);
    files->paths = NULL;
    files->count = 0;
}

static char *read_file(const char *path, size_t *len, char **errmsg)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        *errmsg = vt_format("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    vt_strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vt_strbuf_append(&sb, chunk, n);
    bool read_error = ferror(f);
    fclose(f);
    *len = sb.len;
    char *text = vt_strbuf_take(&sb);
    if (read_error || text == NULL) {
        free(text);
        *errmsg = vt_format("cannot read %s", path);
        return NULL;
    }
    return text;
}

char *vt_corpus_read(const char *path, size_t *len, char **errmsg)
{
    size_t raw_len = 0;
    char *raw = read_file(path, &raw_len, errmsg);
    if (raw == NULL)
        return NULL;
    /* skip the leading "# key = value" lines */
    size_t start = 0;
    while (start + 1 < raw_len && raw[start] == '#' && raw[start + 1] == ' ') {
        const char *nl = memchr(raw + start, '\n', raw_len - start);
        start = nl ? (size_t)(nl - raw) + 1 : raw_len;
    }
    char *text = vt_nfc(raw + start, raw_len - start, len, errmsg);
    free(raw);
    return text;
}
