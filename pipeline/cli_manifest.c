/*
 * cli_manifest.c — what a batch has already finished, so that a re-run (after a
 * crash, a kill, or new files arriving) does only the rest.
 *
 * The manifest is DIR/.vanthu-manifest.tsv in the output directory, one line per
 * finished input: its relative name, a hash of its content and a hash of the
 * options that shape the output. A line is appended (and synced) only after the
 * output file has been renamed into place, so a line always means a complete
 * output; an input whose content or options changed is simply not matched and is
 * done again. A torn last line from a crash is ignored.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define MANIFEST_NAME ".vanthu-manifest.tsv"

static char *manifest_path(const char *dir)
{
    size_t n = strlen(dir) + sizeof MANIFEST_NAME + 1;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%s", dir, MANIFEST_NAME);
    return path;
}

static bool add_entry(vt_manifest *m, const char *name, uint64_t content, uint64_t options)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        vt_manifest_entry *grown = realloc(m->entries, cap * sizeof *grown);
        if (!grown)
            return false;
        m->entries = grown;
        m->cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return false;
    m->entries[m->n++] = (vt_manifest_entry){.name = copy, .content = content, .options = options};
    return true;
}

/* Parse "name\tcontent\toptions\n"; false for a torn or foreign line. */
static bool parse_line(char *line, char **name, uint64_t *content, uint64_t *options)
{
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    char *end = tab2 ? strchr(tab2 + 1, '\n') : NULL;
    if (!end)
        return false;
    *tab1 = *tab2 = *end = '\0';
    char *e1, *e2;
    *content = strtoull(tab1 + 1, &e1, 16);
    *options = strtoull(tab2 + 1, &e2, 16);
    *name = line;
    return *e1 == '\0' && *e2 == '\0' && e1 != tab1 + 1 && e2 != tab2 + 1;
}

bool vt_manifest_open(vt_manifest *m, const char *dir, char *error, size_t error_size)
{
    *m = (vt_manifest){0};
    m->path = manifest_path(dir);
    if (!m->path) {
        snprintf(error, error_size, "out of memory");
        return false;
    }
    FILE *f = fopen(m->path, "r");
    bool torn = false;
    if (f) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, f)) > 0) {
            char *name;
            uint64_t content, options;
            torn = line[len - 1] != '\n';
            if (parse_line(line, &name, &content, &options) && !add_entry(m, name, content, options))
                break;
        }
        free(line);
        fclose(f);
    }
    m->file = fopen(m->path, "a");
    if (!m->file) {
        snprintf(error, error_size, "%s: cannot write the manifest: %s", m->path, strerror(errno));
        vt_manifest_close(m);
        return false;
    }
    if (torn)
        fputc('\n', m->file);   /* end the torn line so the next entry starts clean */
    return true;
}

bool vt_manifest_has(const vt_manifest *m, const char *name, uint64_t content, uint64_t options)
{
    /* Latest line wins: an input redone with --force appends a newer line. */
    for (size_t i = m->n; i-- > 0;)
        if (strcmp(m->entries[i].name, name) == 0)
            return m->entries[i].content == content && m->entries[i].options == options;
    return false;
}

bool vt_manifest_record(vt_manifest *m, const char *name, uint64_t content, uint64_t options)
{
    if (fprintf(m->file, "%s\t%016" PRIx64 "\t%016" PRIx64 "\n", name, content, options) < 0
        || fflush(m->file) != 0 || fsync(fileno(m->file)) != 0)
        return false;
    return add_entry(m, name, content, options);
}

void vt_manifest_close(vt_manifest *m)
{
    if (m->file)
        fclose(m->file);
    for (size_t i = 0; i < m->n; i++)
        free(m->entries[i].name);
    free(m->entries);
    free(m->path);
    *m = (vt_manifest){0};
}

bool vt_hash_file(const char *path, uint64_t *hash)
{
    FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
    if (!f)
        return false;
    uint64_t h = VT_FNV_OFFSET;
    unsigned char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        h = vt_fnv1a64(buf, got, h);
    bool ok = !ferror(f);
    fclose(f);
    *hash = h;
    return ok;
}
