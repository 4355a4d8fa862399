/*
 * test_cli_args.c — command-line parsing: each row is an argv and what it must
 * parse to, or the usage error it must give (exit 2 in the program).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cli.h"

#define MAX_ARGS 12

typedef struct expect {
    bool ok;
    const char *error;             /* substring of the usage error */
    vt_cli_action action;
    vt_output_format format;
    const char *formats;           /* the -f list as parsed, e.g. "alto,json"; NULL: format alone */
    vt_input_kind kind;
    int jobs;
    int verbosity;
    size_t n_inputs;
    const char *output, *skip, *lang, *tessdata;
} expect;

static const struct {
    const char *argv[MAX_ARGS];
    expect want;
} cases[] = {
    {{"vanthu", "a.png"}, {.ok = true, .jobs = 1, .verbosity = 1, .n_inputs = 1, .lang = "vie"}},
    {{"vanthu", "-f", "json", "-o", "out.json", "a.png", "b.png"},
     {.ok = true, .format = VT_FORMAT_JSON, .jobs = 1, .verbosity = 1, .n_inputs = 2,
      .output = "out.json", .lang = "vie"}},
    {{"vanthu", "--format=jsonl", "-j", "2", "-q", "-"},
     {.ok = true, .format = VT_FORMAT_JSONL, .jobs = 2, .verbosity = 0, .n_inputs = 1,
      .lang = "vie"}},
    {{"vanthu", "--input-kind", "text", "--skip", "unicode", "--lang", "vie+eng",
      "--tessdata", "/td", "-v", "x.txt"},
     {.ok = true, .kind = VT_INPUT_TEXT, .jobs = 1, .verbosity = 2, .n_inputs = 1,
      .skip = "unicode", .lang = "vie+eng", .tessdata = "/td"}},
    /* options may follow inputs; after "--" everything is an input */
    {{"vanthu", "a.png", "-q"}, {.ok = true, .jobs = 1, .verbosity = 0, .n_inputs = 1, .lang = "vie"}},
    {{"vanthu", "a.png", "--", "-q"}, {.ok = true, .jobs = 1, .verbosity = 1, .n_inputs = 2, .lang = "vie"}},
    {{"vanthu", "--", "-odd-name.png"}, {.ok = true, .jobs = 1, .verbosity = 1, .n_inputs = 1, .lang = "vie"}},
    {{"vanthu", "--help"}, {.ok = true, .action = VT_ACTION_HELP, .jobs = 1, .verbosity = 1, .lang = "vie"}},
    {{"vanthu", "--version"}, {.ok = true, .action = VT_ACTION_VERSION, .jobs = 1, .verbosity = 1, .lang = "vie"}},
    {{"vanthu", "--list-stages"}, {.ok = true, .action = VT_ACTION_LIST_STAGES, .jobs = 1, .verbosity = 1, .lang = "vie"}},
    {{"vanthu"}, {.error = "no input given"}},
    {{"vanthu", "--frobnicate", "a.png"}, {.error = "unknown option '--frobnicate'"}},
    {{"vanthu", "-x", "a.png"}, {.error = "unknown option '-x'"}},
    /* a typo gets one suggestion; an option of another program gets none */
    {{"vanthu", "--fromat", "json", "a.png"}, {.error = "unknown option '--fromat'; did you mean '--format'?"}},
    {{"vanthu", "--outptu=x", "a.png"}, {.error = "unknown option '--outptu=x'; did you mean '--output'?"}},
    {{"vanthu", "-l", "vie", "--tesdata", "/t", "a.png"}, {.error = "did you mean '--tessdata'?"}},
    {{"vanthu", "-f", "xml", "a.png"}, {.error = "unknown format 'xml'"}},
    /* -f lists: each format once, in the order given; jsonl only alone */
    {{"vanthu", "-f", "alto,json,text", "-o", "out/", "a.png"},
     {.ok = true, .format = VT_FORMAT_ALTO, .formats = "alto,json,text", .jobs = 1, .verbosity = 1,
      .n_inputs = 1, .output = "out/", .lang = "vie"}},
    {{"vanthu", "-f", "pdf,json,text", "-o", "out/", "a.pdf"},
     {.ok = true, .format = VT_FORMAT_PDF, .formats = "pdf,json,text", .jobs = 1, .verbosity = 1,
      .n_inputs = 1, .output = "out/", .lang = "vie"}},
    {{"vanthu", "-f", "hocr,hocr", "a.png"},
     {.ok = true, .format = VT_FORMAT_HOCR, .formats = "hocr", .jobs = 1, .verbosity = 1,
      .n_inputs = 1, .lang = "vie"}},
    {{"vanthu", "-f", "json", "-f", "text", "a.png"},
     {.ok = true, .format = VT_FORMAT_TEXT, .formats = "text", .jobs = 1, .verbosity = 1,
      .n_inputs = 1, .lang = "vie"}},
    {{"vanthu", "-f", "json,", "a.png"}, {.error = "unknown format ''"}},
    {{"vanthu", "-f", "text,pdfx", "a.png"}, {.error = "unknown format 'pdfx'"}},
    {{"vanthu", "-f", "json,jsonl", "a.png"}, {.error = "jsonl is one stream of records"}},
    {{"vanthu", "-j", "0", "a.png"}, {.error = "--jobs wants a number"}},
    {{"vanthu", "-j", "2x", "a.png"}, {.error = "--jobs wants a number"}},
    {{"vanthu", "--input-kind", "word", "a"}, {.error = "unknown input kind 'word'"}},
    {{"vanthu", "--dpi", "5", "a"}, {.error = "--dpi wants a resolution"}},
    {{"vanthu", "a.png", "-o"}, {.error = "option '-o' needs a value"}},
    {{"vanthu", "-o"}, {.error = "option '-o' needs a value"}},
    {{"vanthu", "--diacritics", "fix", "a"}, {.error = "unknown diacritics mode 'fix'"}},
    {{"vanthu", "--tone-style", "modern", "a"}, {.error = "unknown tone style 'modern'"}},
    {{"vanthu", "--dates", "us", "a"}, {.error = "unknown dates mode 'us'"}},
    {{"vanthu", "--encoding", "latin1", "a"}, {.error = "unknown encoding 'latin1'"}},
};

/* Options that only set a value in vt_options. */
static const struct {
    const char *argv[MAX_ARGS];
    vt_marks_mode marks;
    vt_tone_placement tone;
    vt_dates_mode dates;
} value_cases[] = {
    {{"vanthu", "a"}, VT_MARKS_REPAIR, VT_TONE_OLD, VT_DATES_KEEP},
    {{"vanthu", "--diacritics", "restore", "a"}, VT_MARKS_RESTORE, VT_TONE_OLD, VT_DATES_KEEP},
    {{"vanthu", "--diacritics=off", "--tone-style", "new", "a"}, VT_MARKS_OFF, VT_TONE_NEW,
     VT_DATES_KEEP},
    {{"vanthu", "a", "--tone-style", "keep", "--dates", "iso"}, VT_MARKS_REPAIR, VT_TONE_KEEP,
     VT_DATES_ISO},
};

static void test_value_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof value_cases / sizeof value_cases[0]; i++) {
        int argc = 0;
        char *argv[MAX_ARGS + 1] = {0};
        while (argc < MAX_ARGS && value_cases[i].argv[argc]) {
            argv[argc] = (char *)value_cases[i].argv[argc];
            argc++;
        }
        vt_cli_args args;
        char error[256];
        if (!vt_cli_parse(argc, argv, &args, error, sizeof error))
            fail_msg("case %zu: %s", i, error);
        assert_int_equal(args.options.diacritics, value_cases[i].marks);
        assert_int_equal(args.options.tone_style, value_cases[i].tone);
        assert_int_equal(args.options.dates, value_cases[i].dates);
        vt_cli_args_free(&args);
    }
}

static void check_string(size_t i, const char *field, const char *got, const char *want)
{
    if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
        fail_msg("case %zu: %s is '%s', want '%s'", i, field, got ? got : "(null)",
                 want ? want : "(null)");
}

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int argc = 0;
        char *argv[MAX_ARGS + 1] = {0};
        while (argc < MAX_ARGS && cases[i].argv[argc]) {
            argv[argc] = (char *)cases[i].argv[argc];
            argc++;
        }
        vt_cli_args args;
        char error[256];
        bool ok = vt_cli_parse(argc, argv, &args, error, sizeof error);
        const expect *w = &cases[i].want;
        if (ok != w->ok)
            fail_msg("case %zu: parse %s (%s)", i, ok ? "succeeded" : "failed", error);
        if (!ok) {
            if (!strstr(error, w->error))
                fail_msg("case %zu: error '%s' lacks '%s'", i, error, w->error);
            vt_cli_args_free(&args);
            continue;
        }
        assert_int_equal(args.action, w->action);
        assert_int_equal(args.format, w->format);
        if (w->formats) {
            static const char *const names[] = {"text", "json", "jsonl", "alto", "hocr", "pdf"};
            char list[64] = "";
            for (size_t f = 0; f < args.n_formats; f++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", f ? "," : "",
                         names[args.formats[f]]);
            check_string(i, "formats", list, w->formats);
        }
        assert_int_equal(args.options.input_kind, w->kind);
        assert_int_equal(args.jobs, w->jobs);
        assert_int_equal(args.verbosity, w->verbosity);
        assert_int_equal(args.n_inputs, w->n_inputs);
        check_string(i, "output", args.output, w->output);
        check_string(i, "skip", args.options.skip, w->skip);
        check_string(i, "lang", args.options.lang, w->lang);
        check_string(i, "tessdata", args.options.tessdata, w->tessdata);
        vt_cli_args_free(&args);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_value_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
