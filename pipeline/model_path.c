/*
 * model_path.c — where the language model is, for a build and for an install
 * that may have been moved.
 *
 * In order: the model_dir option and $VANTHU_MODEL_DIR (named by the user, so
 * used even when wrong: the error then says so), the models installed with the
 * library (share/vanthu/models at the same place relative to the library file
 * as at install time, found from the library's own path at run time, so a
 * tree installed with --prefix and moved still works), the install prefix given
 * at configure time, and the source tree (a build not installed yet).
 */
#define _GNU_SOURCE     /* dladdr */
#include "model_path.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "vanthu.h"

/* The folder installed models would be in, seen from the file holding this code
 * (libvanthu.so, or a program linked with the static library); NULL if unknown. */
static char *beside_library(void)
{
    Dl_info info;
    if (!dladdr((const void *)vt_version, &info) || !info.dli_fname)
        return NULL;
    const char *slash = strrchr(info.dli_fname, '/');
    if (!slash)
        return NULL;
    return vt_format("%.*s/%s", (int)(slash - info.dli_fname), info.dli_fname,
                     VANTHU_LIB_TO_MODELS);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *vt_model_path(const char *model_dir, const char *file)
{
    const char *env = getenv("VANTHU_MODEL_DIR");
    if (model_dir && *model_dir)
        return vt_format("%s/%s", model_dir, file);
    if (env && *env)
        return vt_format("%s/%s", env, file);
    char *dirs[] = {beside_library(), strdup(VANTHU_INSTALLED_MODEL_DIR),
                    strdup(VANTHU_SOURCE_MODEL_DIR)};
    char *found = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char *path = dirs[i] && !found ? vt_format("%s/%s", dirs[i], file) : NULL;
        if (path && exists(path)) {
            /* "bin/../lib/../share/…" from $ORIGIN reads badly in messages */
            char *clean = realpath(path, NULL);
            found = clean ? clean : path;
            if (clean)
                free(path);
        } else
            free(path);
        free(dirs[i]);
    }
    return found ? found : vt_format("%s/%s", VANTHU_INSTALLED_MODEL_DIR, file);
}
