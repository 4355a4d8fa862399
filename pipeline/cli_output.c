/*
 * cli_output.c — write output files so that a crash or a full disk never leaves a
 * partial file behind: write a temporary file in the target's directory, flush it
 * to disk, then rename it over the target (atomic on POSIX file systems). The
 * several outputs of one input are all written before any is renamed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static bool write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= (size_t)n;
    }
    return true;
}

/* The temporary file beside `path` holding `data`, written and synced; its name
 * in *tmp (malloc'd). false with a message naming `path`. */
static bool write_temporary(const char *path, const char *data, size_t size, char **tmp,
                            char *error, size_t error_size)
{
    size_t tmp_size = strlen(path) + 16;
    *tmp = malloc(tmp_size);
    if (!*tmp) {
        snprintf(error, error_size, "%s: out of memory", path);
        return false;
    }
    /* Same directory as the target: rename() cannot cross file systems. */
    snprintf(*tmp, tmp_size, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot create the output file: %s", path,
                 strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return false;
    }
    bool ok = write_all(fd, data, size) && fsync(fd) == 0;
    int saved = errno;
    /* mkstemp creates 0600; output is meant to be read by other tools and users. */
    fchmod(fd, 0644);
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        snprintf(error, error_size, "%s: cannot write the output file: %s", path,
                 strerror(saved));
        unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
    }
    return ok;
}

bool vt_cli_write_files_atomic(const char *const *paths, const char *const *data,
                               const size_t *sizes, size_t n, char *error, size_t error_size)
{
    char **tmps = calloc(n ? n : 1, sizeof *tmps);
    if (!tmps) {
        snprintf(error, error_size, "%s: out of memory", n ? paths[0] : "output");
        return false;
    }
    /* Every file is complete on disk before any takes its name: a full disk or a
     * failed write on the last one leaves none of them behind. */
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = write_temporary(paths[i], data[i], sizes[i], &tmps[i], error, error_size);
    for (size_t i = 0; ok && i < n; i++)
        if (rename(tmps[i], paths[i]) != 0) {
            snprintf(error, error_size, "%s: cannot write the output file: %s", paths[i],
                     strerror(errno));
            ok = false;
        } else {
            free(tmps[i]);
            tmps[i] = NULL;
        }
    for (size_t i = 0; i < n; i++) {
        if (tmps[i])
            unlink(tmps[i]);
        free(tmps[i]);
    }
    free(tmps);
    return ok;
}

bool vt_cli_write_file_atomic(const char *path, const char *data, size_t size, char *error,
                              size_t error_size)
{
    return vt_cli_write_files_atomic(&path, &data, &size, 1, error, error_size);
}
