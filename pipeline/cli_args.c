/*
 * cli_args.c — parse the vanthu command line into vt_cli_args.
 *
 * getopt_long does the work; this file only validates values so that every
 * mistake is a usage error (exit 2) with a message saying what was wrong, before
 * any input is touched.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum long_only_option {
    OPT_INPUT_KIND = 256,
    OPT_SKIP,
    OPT_TESSDATA,
    OPT_MODEL_DIR,
    OPT_LIST_STAGES,
    OPT_VERSION,
    OPT_DPI,
    OPT_PAGES,
    OPT_OCR,
    OPT_PAGE_TIMEOUT,
    OPT_MAX_MEGAPIXELS,
    OPT_SHARD,
    OPT_FORCE,
    OPT_DATES,
    OPT_DIACRITICS,
    OPT_TONE_STYLE,
    OPT_ENCODING,
    OPT_PROGRESS,
    OPT_MIN_QUALITY,
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"input-kind", required_argument, NULL, OPT_INPUT_KIND},
    {"skip", required_argument, NULL, OPT_SKIP},
    {"list-stages", no_argument, NULL, OPT_LIST_STAGES},
    {"lang", required_argument, NULL, 'l'},
    {"tessdata", required_argument, NULL, OPT_TESSDATA},
    {"model-dir", required_argument, NULL, OPT_MODEL_DIR},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"pages", required_argument, NULL, OPT_PAGES},
    {"ocr", required_argument, NULL, OPT_OCR},
    {"page-timeout", required_argument, NULL, OPT_PAGE_TIMEOUT},
    {"max-megapixels", required_argument, NULL, OPT_MAX_MEGAPIXELS},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"force", no_argument, NULL, OPT_FORCE},
    {"dates", required_argument, NULL, OPT_DATES},
    {"diacritics", required_argument, NULL, OPT_DIACRITICS},
    {"tone-style", required_argument, NULL, OPT_TONE_STYLE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"progress", required_argument, NULL, OPT_PROGRESS},
    {"min-quality", required_argument, NULL, OPT_MIN_QUALITY},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static bool parse_int(const char *s, int min, int max, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

/* A word naming one of a few choices (--format, --ocr, --input-kind). */
typedef struct choice {
    const char *name;
    int value;
} choice;

static const choice formats[] = {
    {"text", VT_FORMAT_TEXT}, {"json", VT_FORMAT_JSON}, {"jsonl", VT_FORMAT_JSONL},
    {"alto", VT_FORMAT_ALTO}, {"hocr", VT_FORMAT_HOCR}, {"pdf", VT_FORMAT_PDF},
    {NULL, 0},
};
static const choice ocr_modes[] = {
    {"auto", VT_OCR_AUTO}, {"always", VT_OCR_ALWAYS}, {"never", VT_OCR_NEVER}, {NULL, 0},
};
static const choice progress_modes[] = {
    {"auto", VT_PROGRESS_AUTO}, {"always", VT_PROGRESS_ALWAYS}, {"never", VT_PROGRESS_NEVER},
    {NULL, 0},
};
static const choice dates_modes[] = {
    {"keep", VT_DATES_KEEP}, {"iso", VT_DATES_ISO}, {NULL, 0},
};
static const choice marks_modes[] = {
    {"repair", VT_MARKS_REPAIR}, {"restore", VT_MARKS_RESTORE}, {"off", VT_MARKS_OFF}, {NULL, 0},
};
static const choice tone_styles[] = {
    {"old", VT_TONE_OLD}, {"new", VT_TONE_NEW}, {"keep", VT_TONE_KEEP}, {NULL, 0},
};
static const choice encodings[] = {
    {"auto", VT_ENCODING_AUTO}, {"utf8", VT_ENCODING_UTF8}, {"tcvn3", VT_ENCODING_TCVN3},
    {"vni", VT_ENCODING_VNI},   {"viqr", VT_ENCODING_VIQR}, {NULL, 0},
};
static const choice input_kinds[] = {
    {"auto", VT_INPUT_AUTO}, {"image", VT_INPUT_IMAGE}, {"pdf", VT_INPUT_PDF},
    {"text", VT_INPUT_TEXT}, {NULL, 0},
};

static bool parse_choice(const char *s, const choice *choices, int *out)
{
    for (const choice *c = choices; c->name; c++)
        if (strcmp(s, c->name) == 0) {
            *out = c->value;
            return true;
        }
    return false;
}

#define USAGE_ERROR(...) (snprintf(error, error_size, __VA_ARGS__), false)

/* -f json or -f alto,json,text: each format once; a later -f replaces an earlier. */
static bool parse_formats(const char *value, vt_cli_args *args, char *error, size_t error_size)
{
    args->n_formats = 0;
    for (const char *p = value;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[16];
        int v;
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
        if (n >= sizeof name || !parse_choice(name, formats, &v))
            return USAGE_ERROR("unknown format '%.*s' (use text, json, jsonl, alto or hocr, or "
                               "several joined by commas)", (int)n, p);
        bool seen = false;
        for (size_t i = 0; i < args->n_formats; i++)
            seen = seen || args->formats[i] == (vt_output_format)v;
        if (!seen)
            args->formats[args->n_formats++] = (vt_output_format)v;
        if (!comma)
            break;
        p = comma + 1;
    }
    for (size_t i = 0; args->n_formats > 1 && i < args->n_formats; i++)
        if (args->formats[i] == VT_FORMAT_JSONL)
            return USAGE_ERROR("jsonl is one stream of records and cannot be combined with other "
                               "formats (use json for a file per input)");
    args->format = args->formats[0];
    return true;
}

static bool apply_option(int c, const char *value, vt_cli_args *args, char *error,
                         size_t error_size)
{
    int v;
    switch (c) {
    case 'o': args->output = strcmp(value, "-") == 0 ? NULL : value; return true; /* - is stdout */
    case 'f': return parse_formats(value, args, error, error_size);
    case OPT_INPUT_KIND:
        if (!parse_choice(value, input_kinds, &v))
            return USAGE_ERROR("unknown input kind '%s' (use auto, image, pdf or text)", value);
        args->options.input_kind = (vt_input_kind)v;
        return true;
    case OPT_SKIP: args->options.skip = value; return true;
    case OPT_PAGES: args->options.pages = value; return true;
    case OPT_OCR:
        if (!parse_choice(value, ocr_modes, &v))
            return USAGE_ERROR("unknown OCR mode '%s' (use auto, always or never)", value);
        args->options.ocr = (vt_ocr_mode)v;
        return true;
    case OPT_DATES:
        if (!parse_choice(value, dates_modes, &v))
            return USAGE_ERROR("unknown dates mode '%s' (use keep or iso)", value);
        args->options.dates = (vt_dates_mode)v;
        return true;
    case OPT_DIACRITICS:
        if (!parse_choice(value, marks_modes, &v))
            return USAGE_ERROR("unknown diacritics mode '%s' (use repair, restore or off)", value);
        args->options.diacritics = (vt_marks_mode)v;
        return true;
    case OPT_TONE_STYLE:
        if (!parse_choice(value, tone_styles, &v))
            return USAGE_ERROR("unknown tone style '%s' (use old, new or keep)", value);
        args->options.tone_style = (vt_tone_placement)v;
        return true;
    case OPT_ENCODING:
        if (!parse_choice(value, encodings, &v))
            return USAGE_ERROR("unknown encoding '%s' (use auto, utf8, tcvn3, vni or viqr)", value);
        args->options.encoding = (vt_text_encoding)v;
        return true;
    case 'l': args->options.lang = value; return true;
    case OPT_TESSDATA: args->options.tessdata = value; return true;
    case OPT_MODEL_DIR: args->options.model_dir = value; return true;
    case OPT_DPI:
        return parse_int(value, 10, 2400, &args->options.default_dpi)
            || USAGE_ERROR("--dpi wants a resolution from 10 to 2400, not '%s'", value);
    case OPT_MIN_QUALITY:
        return parse_double(value, 0, 1, &args->options.min_quality)
            || USAGE_ERROR("--min-quality wants a score from 0 to 1, e.g. 0.9, not '%s'", value);
    case OPT_PAGE_TIMEOUT:
        return parse_double(value, 0, 86400, &args->options.page_timeout)
            || USAGE_ERROR("--page-timeout wants seconds from 0 (no limit) to 86400, not '%s'",
                           value);
    case OPT_MAX_MEGAPIXELS:
        return parse_double(value, 0.01, 100000, &args->options.max_megapixels)
            || USAGE_ERROR("--max-megapixels wants a number from 0.01 to 100000, not '%s'", value);
    case OPT_SHARD: {
        int k, n, used = 0;
        if (sscanf(value, "%d/%d%n", &k, &n, &used) != 2 || value[used] != '\0' || n < 1
            || k < 1 || k > n)
            return USAGE_ERROR("--shard wants K/N with 1 <= K <= N, e.g. 2/8, not '%s'", value);
        args->shard_index = k;
        args->shard_count = n;
        return true;
    }
    case OPT_FORCE: args->force = true; return true;
    case 'j':
        return parse_int(value, 1, 256, &args->jobs)
            || USAGE_ERROR("--jobs wants a number from 1 to 256, not '%s'", value);
    case 'q': args->verbosity = 0; return true;
    case 'v': args->verbosity = 2; return true;
    case OPT_PROGRESS:
        if (!parse_choice(value, progress_modes, &v))
            return USAGE_ERROR("unknown progress mode '%s' (use auto, always or never)", value);
        args->progress = (vt_progress_mode)v;
        return true;
    case OPT_VERSION: args->action = VT_ACTION_VERSION; return true;
    case OPT_LIST_STAGES: args->action = VT_ACTION_LIST_STAGES; return true;
    case 'h': args->action = VT_ACTION_HELP; return true;
    default: return false;
    }
}

/* Levenshtein distance with adjacent transpositions counted as one edit
 * ("fromat" is one slip from "format"), over the short names of options. */
static size_t edit_distance(const char *a, size_t la, const char *b)
{
    enum { MAX = 32 };
    size_t lb = strlen(b);
    if (la >= MAX || lb >= MAX)
        return MAX;
    size_t d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* The long option an unknown "--word[=value]" was most likely meant to be, or
 * NULL when none is close: at most one edit per three letters, so a typo gets a
 * suggestion and an option from another program does not. */
static const char *closest_option(const char *arg)
{
    const char *word = arg + strspn(arg, "-");
    size_t len = strcspn(word, "=");
    const char *best = NULL;
    size_t best_distance = len / 3 + 1;
    for (const struct option *o = long_options; o->name; o++) {
        size_t d = edit_distance(word, len, o->name);
        if (d < best_distance) {
            best = o->name;
            best_distance = d;
        }
    }
    return best;
}

bool vt_cli_parse(int argc, char **argv, vt_cli_args *args, char *error, size_t error_size)
{
    *args = (vt_cli_args){.format = VT_FORMAT_TEXT, .formats = {VT_FORMAT_TEXT}, .n_formats = 1,
                          .jobs = 1, .verbosity = 1,
                          .shard_index = 1, .shard_count = 1};
    vt_options_init(&args->options);
    error[0] = '\0';
    /* getopt keeps its position in globals; reset them so parsing can run twice
     * (the unit tests do). Options may follow inputs (GNU order, as users type
     * "vanthu scan.pdf -f json"); "--" ends options for names starting with '-'.
     * The leading ':' reports a missing value apart from an unknown option. */
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:j:l:qvh", long_options, NULL)) != -1) {
        if (c == '?') {
            if (optopt)
                return USAGE_ERROR("unknown option '-%c'", optopt);
            const char *arg = argv[optind - 1], *near = closest_option(arg);
            if (near)
                return USAGE_ERROR("unknown option '%s'; did you mean '--%s'?", arg, near);
            return USAGE_ERROR("unknown option '%s'", arg);
        }
        if (c == ':')
            return USAGE_ERROR("option '%s' needs a value", argv[optind - 1]);
        if (!apply_option(c, optarg, args, error, error_size))
            return false;
    }
    size_t n = (size_t)(argc - optind);
    if (args->action == VT_ACTION_RUN && n == 0)
        return USAGE_ERROR("no input given (a file, a folder, @LIST, or '-' for standard input)");
    args->inputs = calloc(n ? n : 1, sizeof *args->inputs);
    if (!args->inputs)
        return USAGE_ERROR("out of memory");
    for (size_t i = 0; i < n; i++)
        args->inputs[i] = argv[optind + (int)i];
    args->n_inputs = n;
    return true;
}

void vt_cli_args_free(vt_cli_args *args)
{
    free(args->inputs);
    args->inputs = NULL;
    args->n_inputs = 0;
}
