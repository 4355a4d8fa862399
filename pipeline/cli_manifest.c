/*
 * cli_manifest.c — what a batch has already finished, so that a re-run (after a
 * crash, a kill, or new files arriving) does only the rest.
 *
 * The manifest is DIR/.vanthu-manifest.tsv in the output directory, one line per
 * finished input: its relative name, a hash of its content, a hash of the
 * options that shape the output and a hash of the output written. A line is
 * appended (and synced) only after the output file has been renamed into place,
 * so a line always means a complete output; an input whose content or options
 * changed is simply not matched and is done again, and so is one whose output
 * file has since been deleted or changed: the disk, not the manifest, says what
 * is there. A torn last line from a crash is ignored; lines of older versions
 * (no output hash) only need the output to exist.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
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

static bool add_entry(vt_manifest *m, const char *name, const vt_manifest_entry *e)
{
    if (!VT_ARRAY_RESERVE(m->entries, m->cap, m->n, 1, 64))
        return false;
    char *copy = strdup(name);
    if (!copy)
        return false;
    m->entries[m->n] = *e;
    m->entries[m->n++].name = copy;
    return true;
}

static bool parse_hex(const char *s, uint64_t *out)
{
    char *end;
    *out = strtoull(s, &end, 16);
    return end != s && *end == '\0';
}

/* Parse "name\tcontent\toptions[\toutput]\n"; false for a torn or foreign line. */
static bool parse_line(char *line, char **name, vt_manifest_entry *e)
{
    char *end = strchr(line, '\n');
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (!end || !tab2 || tab2 > end)
        return false;
    *end = '\0';
    char *tab3 = strchr(tab2 + 1, '\t');
    *tab1 = *tab2 = '\0';
    if (tab3)
        *tab3 = '\0';
    *name = line;
    *e = (vt_manifest_entry){.has_output = tab3 != NULL};
    return parse_hex(tab1 + 1, &e->content) && parse_hex(tab2 + 1, &e->options)
           && (!tab3 || parse_hex(tab3 + 1, &e->output));
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
            vt_manifest_entry e;
            torn = line[len - 1] != '\n';
            if (parse_line(line, &name, &e) && !add_entry(m, name, &e))
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

bool vt_manifest_has(const vt_manifest *m, const char *name, uint64_t content, uint64_t options,
                     const char *const *output_paths, size_t n_outputs)
{
    /* Latest line wins: an input redone with --force appends a newer line. */
    for (size_t i = m->n; i-- > 0;) {
        const vt_manifest_entry *e = &m->entries[i];
        if (strcmp(e->name, name) != 0)
            continue;
        if (e->content != content || e->options != options)
            return false;
        uint64_t output;
        struct stat st;
        if (!e->has_output)
            return n_outputs == 1 && stat(output_paths[0], &st) == 0;
        return vt_hash_files(output_paths, n_outputs, &output) && output == e->output;
    }
    return false;
}

bool vt_manifest_record(vt_manifest *m, const char *name, uint64_t content, uint64_t options,
                        uint64_t output)
{
    if (fprintf(m->file, "%s\t%016" PRIx64 "\t%016" PRIx64 "\t%016" PRIx64 "\n", name, content,
                options, output) < 0
        || fflush(m->file) != 0 || fsync(fileno(m->file)) != 0)
        return false;
    vt_manifest_entry e = {.content = content, .options = options, .output = output,
                           .has_output = true};
    return add_entry(m, name, &e);
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

static bool hash_more(const char *path, uint64_t *hash)
{
    FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
    if (!f)
        return false;
    uint64_t h = *hash;
    unsigned char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        h = vt_fnv1a64(buf, got, h);
    bool ok = !ferror(f);
    fclose(f);
    *hash = h;
    return ok;
}

bool vt_hash_file(const char *path, uint64_t *hash)
{
    *hash = VT_FNV_OFFSET;
    return hash_more(path, hash);
}

bool vt_hash_files(const char *const *paths, size_t n, uint64_t *hash)
{
    *hash = VT_FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        if (!hash_more(paths[i], hash))
            return false;
    return true;
}
