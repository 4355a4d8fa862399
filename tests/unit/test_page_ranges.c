/*
 * test_page_ranges.c — the --pages syntax: each row is a spec and the pages of a
 * 12-page input it selects (or the error it must give).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const struct {
    const char *spec;
    const char *selected;          /* '1' per selected page of 12; NULL: a usage error */
} cases[] = {
    {"1", "100000000000"},
    {"1-3,7", "111000100000"},
    {"10-", "000000000111"},
    {"2,2,2", "010000000000"},
    {"12-12", "000000000001"},
    {"1-3,5-6,11-", "111011000011"},
    {"", NULL},
    {"0", NULL},
    {"3-1", NULL},
    {"1,,2", NULL},
    {"a", NULL},
    {"1-2-3", NULL},
    {"-3", NULL},
    {"1,", NULL},
    {"99999999999", NULL},
};

static void test_page_ranges_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vt_options opt;
        vt_options_init(&opt);
        opt.pages = cases[i].spec;
        vt_engine *engine = NULL;
        char *err = NULL;
        vt_status status = vt_engine_new(&opt, &engine, &err);
        if (!cases[i].selected) {
            if (status == VT_OK)
                fail_msg("case %zu ('%s'): accepted, want an error", i, cases[i].spec);
            assert_non_null(strstr(err, "is not a page list"));
            free(err);
            continue;
        }
        assert_int_equal(status, VT_OK);
        vt_session *session;
        assert_int_equal(vt_session_new(engine, &session, &err), VT_OK);
        vt_stage_context ctx = {.session = session};
        char got[13] = {0};
        for (int p = 1; p <= 12; p++)
            got[p - 1] = vt_stage_context_page_selected(&ctx, p) ? '1' : '0';
        if (strcmp(got, cases[i].selected) != 0)
            fail_msg("case %zu ('%s'): selects %s, want %s", i, cases[i].spec, got,
                     cases[i].selected);
        vt_session_free(session);
        vt_engine_free(engine);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_ranges_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
