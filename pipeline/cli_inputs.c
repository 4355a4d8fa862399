/*
 * cli_inputs.c — turn the command line's INPUT arguments into the list of
 * documents to process.
 *
 * A file is taken as given; '-' is standard input; @LIST reads one path per line;
 * a directory is walked recursively for scans (by extension: archives hold other
 * files too), in sorted order so every run and every shard sees the same list.
 * Each input carries a relative name — its path below the directory argument, or
 * its file name — from which the output tree under -o DIR is mirrored.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "cli.h"

static bool push(vt_input_list *list, const char *path, const char *name)
{
    if (!VT_ARRAY_RESERVE(list->items, list->cap, list->n, 1, 64))
        return false;
    char *p = strdup(path), *n = strdup(name);
    if (!p || !n) {
        free(p);
        free(n);
        return false;
    }
    list->items[list->n++] = (vt_input){.path = p, .name = n};
    return true;
}

static bool is_scan_name(const char *name, bool text_too)
{
    static const char *const suffixes[] = {
        ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".pnm",
        ".pbm", ".pgm", ".ppm", ".webp", ".jp2",
    };
    const char *dot = strrchr(name, '.');
    if (!dot)
        return false;
    if (text_too && strcasecmp(dot, ".txt") == 0)
        return true;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (strcasecmp(dot, suffixes[i]) == 0)
            return true;
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory or file already met in this walk, by device and inode. */
typedef struct seen_id {
    dev_t dev;
    ino_t ino;
} seen_id;

typedef struct walk {
    vt_input_list *list;
    bool text_too;
    FILE *err;
    size_t problems;
    seen_id *seen;
    size_t n_seen, cap_seen;
} walk;

/* Mark st's file as met; false when it was met before (or memory ran out, when
 * it is skipped too: walking on without the record could loop). A symlink back
 * up the tree (d/self -> ..) or a second link to a file would otherwise walk the
 * same folder again and again until the path grew too long, and do the same
 * file many times. A linear search is fine: archives hold thousands of entries. */
static bool first_visit(walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
            return false;
    if (!VT_ARRAY_RESERVE(w->seen, w->cap_seen, w->n_seen, 1, 64))
        return false;
    w->seen[w->n_seen++] = (seen_id){st->st_dev, st->st_ino};
    return true;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s", a, *a ? "/" : "", b);
    return out;
}

/* Read a directory's entry names, sorted; NULL (and errno) when it cannot be read. */
static char **sorted_entries(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!VT_ARRAY_RESERVE(names, cap, n, 1, 32))
            break;
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static void walk_directory(walk *w, const char *dir, const char *rel)
{
    size_t n = 0;
    char **names = sorted_entries(dir, &n);
    if (!names) {
        fprintf(w->err, "vanthu: %s: cannot read the directory: %s\n", dir, strerror(errno));
        w->problems++;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]), *name = join(rel, names[i]);
        struct stat st;
        if (path && name && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && first_visit(w, &st))
                walk_directory(w, path, name);
            else if (S_ISREG(st.st_mode) && is_scan_name(names[i], w->text_too)
                     && first_visit(w, &st) && !push(w->list, path, name))
                w->problems++;
        }
        free(path);
        free(name);
        free(names[i]);
    }
    free(names);
}

static void read_list_file(walk *w, const char *list_path)
{
    FILE *f = fopen(list_path, "r");
    if (!f) {
        fprintf(w->err, "vanthu: %s: cannot read the input list: %s\n", list_path, strerror(errno));
        w->problems++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        const char *slash = strrchr(line, '/');
        if (!push(w->list, line, slash ? slash + 1 : line))
            w->problems++;
    }
    free(line);
    fclose(f);
}

size_t vt_cli_expand_inputs(const char *const *args, size_t n, bool text_too, vt_input_list *out,
                            FILE *err)
{
    walk w = {.list = out, .text_too = text_too, .err = err};
    for (size_t i = 0; i < n; i++) {
        const char *arg = args[i];
        struct stat st;
        if (arg[0] == '@' && arg[1]) {
            read_list_file(&w, arg + 1);
        } else if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t before = out->n, problems = w.problems;
            if (!first_visit(&w, &st))
                continue;       /* the same folder named twice is walked once */
            walk_directory(&w, arg, "");
            if (out->n == before && w.problems == problems) {
                fprintf(err, "vanthu: %s: no PDF or image files in this directory\n", arg);
                w.problems++;
            }
        } else {
            const char *slash = strrchr(arg, '/');
            if (!push(out, arg, strcmp(arg, "-") == 0 ? "stdin" : slash ? slash + 1 : arg))
                w.problems++;
        }
    }
    free(w.seen);
    return w.problems;
}

void vt_input_list_free(vt_input_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].path);
        free(list->items[i].name);
    }
    free(list->items);
    *list = (vt_input_list){0};
}

uint64_t vt_fnv1a64(const void *data, size_t len, uint64_t hash)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        hash ^= p[i];
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

void vt_input_list_shard(vt_input_list *list, int k, int n)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->n; i++) {
        /* By name, not position: machines that list the archive differently still
         * agree on which shard owns which file. */
        const char *name = list->items[i].name;
        uint64_t h = vt_fnv1a64(name, strlen(name), VT_FNV_OFFSET);
        if ((int)(h % (uint64_t)n) == k - 1) {
            list->items[kept++] = list->items[i];
        } else {
            free(list->items[i].path);
            free(list->items[i].name);
        }
    }
    list->n = kept;
}
