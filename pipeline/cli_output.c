/*
 * cli_output.c — write output files so that a crash or a full disk never leaves a
 * partial file behind: write a temporary file in the target's directory, flush it
 * to disk, then rename it over the target (atomic on POSIX file systems).
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

bool vt_cli_write_file_atomic(const char *path, const char *data, size_t size, char *error,
                              size_t error_size)
{
    size_t tmp_size = strlen(path) + 16;
    char *tmp = malloc(tmp_size);
    if (!tmp) {
        snprintf(error, error_size, "%s: out of memory", path);
        return false;
    }
    /* Same directory as the target: rename() cannot cross file systems. */
    snprintf(tmp, tmp_size, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot create the output file: %s", path,
                 strerror(errno));
        free(tmp);
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
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        snprintf(error, error_size, "%s: cannot write the output file: %s", path,
                 strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}
