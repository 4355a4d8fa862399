/*
 * cli.c — the vanthu program: parse arguments, run the batch, write outputs,
 * report problems, and turn the outcome into an exit status.
 *
 * Exit status: 0 every input done, 1 some input failed (the others are still
 * done), 2 usage error (nothing was processed).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void vt_cli_print_help(FILE *out)
{
    fputs(
"Usage: vanthu [OPTIONS] INPUT...\n"
"Read scanned Vietnamese administrative notices and print their clean text.\n"
"\n"
"INPUT is an image (PNG, JPEG, TIFF with any number of pages, GIF, BMP, PNM,\n"
"WebP, JPEG 2000), a UTF-8 text file that was already OCRed (its text is cleaned\n"
"by the text stages only), or '-' for standard input.\n"
"\n"
"Output:\n"
"  -o, --output PATH       write to PATH instead of standard output; with several\n"
"                          inputs (text or json) PATH is a directory, created if\n"
"                          needed, with one NAME.txt / NAME.json per input; with\n"
"                          jsonl it is one file with a line per input\n"
"  -f, --format FORMAT     text (default), json (one record per input, documented\n"
"                          in pipeline/output-schema.json) or jsonl (one record per\n"
"                          line, for streaming into other tools)\n"
"\n"
"Pipeline:\n"
"      --input-kind KIND   auto (default: from the file's bytes), image, pdf, text\n"
"      --skip STAGE[,...]  turn stages off, e.g. for ablations\n"
"      --list-stages       list the stages in the order they run, and exit\n"
"      --lang LANG         Tesseract language(s), default vie (e.g. vie+eng)\n"
"      --tessdata DIR      folder holding LANG.traineddata\n"
"      --dpi N             resolution to assume for images that record none\n"
"                          (default 300)\n"
"      --pages LIST        read only these pages, e.g. 1-3,7,10- (pages keep their\n"
"                          numbers in the output)\n"
"      --ocr MODE          PDFs: auto (default) uses a page's text layer when it is\n"
"                          good Vietnamese and OCRs the rest; always ignores text\n"
"                          layers; never uses text layers only\n"
"  -j, --jobs N            process N inputs at a time (default 1); OCR itself runs\n"
"                          single-threaded, so use up to one job per core\n"
"      --page-timeout S    give up on a page after S seconds of OCR (default 600,\n"
"                          0 for no limit); the input is reported as failed\n"
"      --max-megapixels M  refuse page images larger than M megapixels before\n"
"                          decoding them (default 300)\n"
"\n"
"Messages:\n"
"  -q, --quiet             print nothing but errors\n"
"  -v, --verbose           also print warnings and a line per input with timings\n"
"      --version           print the version and exit\n"
"  -h, --help              print this help and exit\n"
"\n"
"Several inputs printed to standard output are separated by a form feed (text)\n"
"or form a JSON array (json).\n"
"\n"
"Exit status: 0 all inputs done; 1 some input failed (each failure is reported\n"
"on standard error naming the file, and the other inputs are still done);\n"
"2 usage error.\n"
"\n"
"Examples:\n"
"  vanthu scan.png                      print the text of one scan\n"
"  vanthu -f json -o out.json scan.tif  the JSON record of a multipage TIFF\n"
"  vanthu -j 2 -o texts/ *.png          one .txt per scan, two at a time\n"
"  vanthu --input-kind text notice.txt  clean text that was OCRed elsewhere\n",
        out);
}

typedef struct run_state {
    const vt_cli_args *args;
    bool output_is_dir;
    FILE *stream;              /* where records go when not writing per-input files */
    size_t emitted;            /* records written to the stream so far */
    size_t failed;
    size_t buffer_size;        /* open_memstream's size, valid until fclose */
    bool progress;             /* a live "[k/n] name" line on a terminal */
    char **written;            /* output files written so far (-o DIR) */
    size_t n_written;
} run_state;

/* Two inputs with the same file name in different folders would write the same
 * output file; the second is refused rather than silently replacing the first. */
static const char *claim_output(run_state *st, char *path)
{
    for (size_t i = 0; i < st->n_written; i++)
        if (strcmp(st->written[i], path) == 0)
            return "already written for an earlier input with the same name";
    char **grown = realloc(st->written, (st->n_written + 1) * sizeof *grown);
    if (!grown)
        return "out of memory";
    st->written = grown;
    st->written[st->n_written++] = path;
    return NULL;
}

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0)
        return "stdin";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* DIR/NAME.ext, where NAME is the input's file name without its extension. */
static char *output_path_in_dir(const char *dir, const char *input, const char *ext)
{
    const char *name = base_name(input);
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    size_t size = strlen(dir) + stem + strlen(ext) + 3;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/%.*s%s", dir, (int)stem, name, ext);
    return path;
}

static char *render(const vt_document *doc, vt_output_format format)
{
    switch (format) {
    case VT_FORMAT_JSON:  return vt_document_json(doc, VT_JSON_PRETTY);
    case VT_FORMAT_JSONL: return vt_document_json(doc, 0);
    case VT_FORMAT_TEXT:  break;
    }
    return strdup(vt_document_text(doc));
}

static void report(const run_state *st, const vt_document *doc)
{
    for (size_t i = 0; i < vt_document_error_count(doc); i++)
        fprintf(stderr, "vanthu: %s\n", vt_document_error(doc, i));
    if (st->args->verbosity >= 2) {
        for (size_t i = 0; i < vt_document_warning_count(doc); i++)
            fprintf(stderr, "vanthu: warning: %s\n", vt_document_warning(doc, i));
        fprintf(stderr, "vanthu: %s: %s, %zu page(s)\n", vt_document_source(doc),
                vt_document_failed(doc) ? "failed" : "done", vt_document_page_count(doc));
    }
}

static bool write_to_stream(run_state *st, const char *record)
{
    FILE *out = st->stream;
    vt_output_format format = st->args->format;
    bool several = st->args->n_inputs > 1;
    if (format == VT_FORMAT_TEXT && st->emitted > 0)
        fputc('\f', out);
    if (format == VT_FORMAT_JSON && several)
        fputs(st->emitted == 0 ? "[\n" : ",\n", out);
    fputs(record, out);
    if (format != VT_FORMAT_TEXT)
        fputc('\n', out);
    st->emitted++;
    return !ferror(out);
}

static void show_progress(const run_state *st, size_t index, const vt_document *doc)
{
    /* \r and erase-line keep it to one line that the next update overwrites. */
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", index + 1, st->args->n_inputs,
            vt_document_source(doc));
    if (index + 1 == st->args->n_inputs)
        fputc('\n', stderr);
    fflush(stderr);
}

static void on_document(size_t index, vt_document *doc, void *user)
{
    run_state *st = user;
    if (st->progress && vt_document_failed(doc))
        fputs("\r\033[K", stderr);   /* the error goes on a line of its own */
    report(st, doc);
    bool ok = !vt_document_failed(doc);
    /* A failed input gets no output file: nothing partial is ever written. In a
     * JSON stream its record (with "ok": false and the errors) still tells
     * downstream tools what happened. */
    bool emit = ok || (st->stream && st->args->format != VT_FORMAT_TEXT);
    char *record = emit ? render(doc, st->args->format) : NULL;
    if (emit && !record) {
        fprintf(stderr, "vanthu: %s: out of memory writing the output\n", vt_document_source(doc));
        ok = false;
    } else if (record && st->output_is_dir) {
        const char *ext = st->args->format == VT_FORMAT_TEXT ? ".txt" : ".json";
        char *path = output_path_in_dir(st->args->output, vt_document_source(doc), ext);
        const char *refused = path ? claim_output(st, path) : "out of memory";
        char error[512];
        if (refused) {
            fprintf(stderr, "vanthu: %s: output %s %s\n", vt_document_source(doc),
                    path ? path : "", refused);
            free(path);
            ok = false;
        } else if (!vt_cli_write_file_atomic(path, record, strlen(record), error, sizeof error)) {
            fprintf(stderr, "vanthu: %s: %s\n", vt_document_source(doc), error);
            ok = false;
        }
    } else if (record && !write_to_stream(st, record)) {
        fprintf(stderr, "vanthu: %s: cannot write the output: %s\n", vt_document_source(doc),
                strerror(errno));
        ok = false;
    }
    free(record);
    if (!ok)
        st->failed++;
    if (st->progress)
        show_progress(st, index, doc);
    vt_document_free(doc);
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Decide where records go; open the stream or create the directory. */
static bool prepare_output(run_state *st, char **tmp_path)
{
    const vt_cli_args *args = st->args;
    *tmp_path = NULL;
    if (!args->output) {
        st->stream = stdout;
        return true;
    }
    bool several = args->n_inputs > 1 && args->format != VT_FORMAT_JSONL;
    if (several || (args->format != VT_FORMAT_JSONL && is_directory(args->output))) {
        if (mkdir(args->output, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "vanthu: %s: cannot create the output directory: %s\n",
                    args->output, strerror(errno));
            return false;
        }
        if (!is_directory(args->output)) {
            fprintf(stderr, "vanthu: %s: with several inputs, -o must name a directory\n",
                    args->output);
            return false;
        }
        st->output_is_dir = true;
        return true;
    }
    /* One output file: collect it in memory, then write it atomically at the end. */
    st->stream = open_memstream(tmp_path, &st->buffer_size);
    if (!st->stream) {
        fprintf(stderr, "vanthu: out of memory\n");
        return false;
    }
    return true;
}

static int run_inputs(const vt_cli_args *args, const vt_engine *engine)
{
    run_state st = {.args = args,
                    .progress = args->n_inputs > 1 && args->verbosity == 1 && isatty(STDERR_FILENO)};
    char *buffer = NULL;
    if (!prepare_output(&st, &buffer))
        return VT_EXIT_INPUT_FAILED;
    char *err = NULL;
    vt_status status = vt_batch_run(engine, args->inputs, args->n_inputs, args->jobs,
                                    on_document, &st, &err);
    if (status != VT_OK) {
        fprintf(stderr, "vanthu: %s\n", err);
        free(err);
        st.failed = args->n_inputs;
    }
    if (st.stream && args->format == VT_FORMAT_JSON && args->n_inputs > 1 && st.emitted > 0)
        fputs("]\n", st.stream);
    if (st.stream == stdout) {
        if (fflush(stdout) != 0) {
            fprintf(stderr, "vanthu: cannot write to standard output: %s\n", strerror(errno));
            st.failed++;
        }
    } else if (st.stream) {
        fclose(st.stream);
        char error[512];
        if (st.emitted > 0
            && !vt_cli_write_file_atomic(args->output, buffer, strlen(buffer), error, sizeof error)) {
            fprintf(stderr, "vanthu: %s\n", error);
            st.failed = args->n_inputs;
        }
        free(buffer);
    }
    for (size_t i = 0; i < st.n_written; i++)
        free(st.written[i]);
    free(st.written);
    if (args->n_inputs > 1 && args->verbosity >= 1)
        fprintf(stderr, "vanthu: %zu input(s): %zu done, %zu failed\n", args->n_inputs,
                args->n_inputs - st.failed, st.failed);
    return st.failed ? VT_EXIT_INPUT_FAILED : VT_EXIT_OK;
}

int vt_cli_main(int argc, char **argv)
{
    vt_cli_args args;
    char error[512];
    vt_quiet_dependencies();
    if (!vt_cli_parse(argc, argv, &args, error, sizeof error)) {
        fprintf(stderr, "vanthu: %s\nTry 'vanthu --help' for more information.\n", error);
        vt_cli_args_free(&args);
        return VT_EXIT_USAGE;
    }
    int status = VT_EXIT_OK;
    if (args.action == VT_ACTION_HELP) {
        vt_cli_print_help(stdout);
    } else if (args.action == VT_ACTION_VERSION) {
        printf("vanthu %s\n", vt_version());
    } else if (args.action == VT_ACTION_LIST_STAGES) {
        for (size_t i = 0; i < vt_stage_count(); i++)
            printf("%-12s %s\n", vt_stage_name(i), vt_stage_summary(i));
    } else {
        vt_engine *engine = NULL;
        char *err = NULL;
        if (vt_engine_new(&args.options, &engine, &err) != VT_OK) {
            fprintf(stderr, "vanthu: %s\n", err);
            free(err);
            status = VT_EXIT_USAGE;
        } else {
            status = run_inputs(&args, engine);
            vt_engine_free(engine);
        }
    }
    vt_cli_args_free(&args);
    return status;
}
