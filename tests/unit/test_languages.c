/*
 * test_languages.c — vt_check_languages on a scratch tessdata folder: a language
 * is there (in the folder or its tessdata/), is missing (the message names it and
 * the folder), or is no language name at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "languages.h"
#include "strbuf.h"

static const struct {
    const char *langs;
    const char *error;      /* NULL: found; else a piece of the message */
} cases[] = {
    {"xyz", NULL},
    {"qqq", NULL},                              /* under tessdata/ */
    {"xyz+qqq", NULL},
    {"abc", "the OCR language 'abc' is not installed: no abc.traineddata in "},
    {"xyz+abc", "'abc' is not installed"},
    {"xyz+", NULL},                             /* a trailing "+" names nothing more */
    {"../etc/passwd", "is not an OCR language name"},
    {"", NULL},
};

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static void test_languages_table(void **state)
{
    (void)state;
    char dir[] = "/tmp/vt-tessdata-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *xyz = vt_format("%s/xyz.traineddata", dir);
    char *sub = vt_format("%s/tessdata", dir);
    char *qqq = vt_format("%s/tessdata/qqq.traineddata", dir);
    touch(xyz);
    assert_int_equal(mkdir(sub, 0700), 0);
    touch(qqq);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *err = NULL;
        vt_status st = vt_check_languages(cases[i].langs, dir, &err);
        if (!cases[i].error && st != VT_OK)
            fail_msg("case %zu (%s): %s", i, cases[i].langs, err);
        if (cases[i].error && (st == VT_OK || !strstr(err, cases[i].error)))
            fail_msg("case %zu (%s): got '%s', want '%s'", i, cases[i].langs,
                     err ? err : "ok", cases[i].error);
        if (cases[i].error && strstr(cases[i].error, "not installed"))
            assert_non_null(strstr(err, dir));  /* the folder searched is named */
        free(err);
    }
    unlink(qqq);
    rmdir(sub);
    unlink(xyz);
    rmdir(dir);
    free(qqq);
    free(sub);
    free(xyz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
