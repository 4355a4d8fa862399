/*
 * cli.c — the vanthu program: parse arguments, run the batch, write outputs,
 * report problems, and turn the outcome into an exit status.
 *
 * Exit status: 0 every input done, 1 some input failed (the others are still
 * done), 2 usage error (nothing was processed).
 */
#include <errno.h>
#include <signal.h>
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
"INPUT is a PDF (scanned, or with a text layer), an image (PNG, JPEG, TIFF with\n"
"any number of pages, GIF, BMP, PNM, WebP, JPEG 2000), a UTF-8 text file that\n"
"was already OCRed (cleaned by the text stages only), '-' for standard input,\n"
"a directory (searched recursively for PDFs and images), or @LIST, a file\n"
"naming one input per line. Options may come before or after the inputs; '--'\n"
"ends the options (for file names that start with '-').\n"
"\n"
"Output:\n"
"  -o, --output PATH       write to PATH instead of standard output; with several\n"
"                          inputs (text or json) PATH is a directory, created if\n"
"                          needed, mirroring the input tree with one NAME.txt /\n"
"                          NAME.json per input; with jsonl it is one file with a\n"
"                          line per input\n"
"  -f, --format FORMAT     text (default), json (one record per input, documented\n"
"                          in pipeline/output-schema.json), jsonl (one record per\n"
"                          line, for streaming into other tools), alto (ALTO 4.4\n"
"                          XML: the text's words at their boxes, stamps and notes\n"
"                          tagged apart), hocr (hOCR 1.2) or pdf (the scan made\n"
"                          searchable: each page's image as stored, the clean\n"
"                          words as invisible text, PDF/A-2b); several joined by\n"
"                          commas (-f pdf,json,text) come from one OCR pass and\n"
"                          need -o DIR: DIR/NAME.pdf, .txt, .json, .xml, .hocr,\n"
"                          written all or none\n"
"\n"
"Pipeline:\n"
"      --input-kind KIND   auto (default: from the file's bytes), image, pdf, text\n"
"      --skip STAGE[,...]  turn stages off, e.g. for ablations\n"
"      --list-stages       list the stages in the order they run, and exit\n"
"  -l, --lang LANG         Tesseract language(s), default vie (e.g. vie+eng)\n"
"      --tessdata DIR      folder holding LANG.traineddata\n"
"      --model-dir DIR     folder holding vie-syllable.lm (default: $VANTHU_MODEL_DIR,\n"
"                          else the one installed with vanthu)\n"
"      --dpi N             resolution to assume for images that record none\n"
"                          (default 300)\n"
"      --pages LIST        read only these pages, e.g. 1-3,7,10- (pages keep their\n"
"                          numbers in the output)\n"
"      --ocr MODE          PDFs: auto (default) uses a page's text layer when it is\n"
"                          good Vietnamese and OCRs the rest; always ignores text\n"
"                          layers; never uses text layers only\n"
"      --diacritics MODE   repair (default) fixes the tone and vowel marks OCR got\n"
"                          wrong, using the syllable language model; restore puts\n"
"                          every mark back on text typed without any (\"Thong bao\"\n"
"                          -> \"Thông báo\"); off leaves them as read\n"
"      --tone-style STYLE  old (default) writes oa, oe, uy syllables hòa, khỏe,\n"
"                          thủy, as most official text does; new writes hoà,\n"
"                          khoẻ, thuỷ; keep leaves them as printed\n"
"      --encoding ENC      text inputs and PDF text layers: auto (default) reads\n"
"                          UTF-8 and recognises the old TCVN3 (ABC) and VNI font\n"
"                          encodings (\"Th«ng b¸o\", \"Thoâng baùo\") and converts\n"
"                          them; utf8 converts nothing; tcvn3, vni or viqr\n"
"                          (\"Vie^.t Nam\", never guessed) force one\n"
"      --dates MODE        keep (default) writes dates as printed, with canonical\n"
"                          spacing (\"26tháng 7\" -> \"26 tháng 7\"); iso rewrites\n"
"                          every whole valid day or range in the text as ISO 8601\n"
"                          (2020-07-26; months and years stay as printed), each\n"
"                          listed in JSON `repairs`; JSON `dates` has the ISO value\n"
"                          of every date either way\n"
"      --min-quality Q     mark pages whose reading quality (0-1: mean confidence\n"
"                          times the share of words possible in Vietnamese; JSON\n"
"                          pages[].quality) is below Q, with a warning (-v\n"
"                          shows it); the pages are kept\n"
"  -j, --jobs N            process N inputs at a time (default 1); OCR itself runs\n"
"                          single-threaded, so use up to one job per core\n"
"      --page-timeout S    give up on a page after S seconds of OCR (default 600,\n"
"                          0 for no limit); the input is reported as failed\n"
"      --max-megapixels M  refuse page images larger than M megapixels before\n"
"                          decoding them (default 300)\n"
"\n"
"Batches (with -o DIR):\n"
"      --force             redo inputs that DIR/.vanthu-manifest.tsv records as\n"
"                          done; without it a re-run (after a crash, or when new\n"
"                          files arrive) does only what is new or changed\n"
"      --shard K/N         process only the K-th of N slices of the inputs (by a\n"
"                          hash of their names), so N machines can share an archive\n"
"\n"
"Messages:\n"
"  -q, --quiet             print nothing but errors\n"
"  -v, --verbose           also print warnings\n"
"      --progress WHEN     auto (default): a line redrawn in place on a terminal\n"
"                          (pages done, pages/s, time left), and without one a\n"
"                          line per finished input when there are several;\n"
"                          always: the live line even into a file; never: none\n"
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
"  vanthu -j 2 -o texts/ archive/       one .txt per scan, two at a time\n"
"  vanthu --input-kind text notice.txt  clean text that was OCRed elsewhere\n",
        out);
}

typedef struct run_state {
    const vt_cli_args *args;
    const vt_input_list *inputs; /* what the batch runs, in order */
    bool output_is_dir;
    FILE *stream;              /* where records go when not writing per-input files */
    size_t emitted;            /* records written to the stream so far */
    size_t failed;
    size_t buffer_size;        /* open_memstream's size, valid until fclose */
    vt_progress *progress;     /* owned by the caller: the engine reports into it */
    vt_manifest manifest;      /* with -o DIR */
    uint64_t options_hash;
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

/* DIR/NAME.ext, where NAME is the input's relative name without its extension;
 * the folders on the way are created. */
static char *output_path_in_dir(const char *dir, const char *name, const char *ext)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot > (slash ? slash + 1 : name) ? (size_t)(dot - name) : strlen(name);
    size_t size = strlen(dir) + stem + strlen(ext) + 3;
    char *path = malloc(size);
    if (!path)
        return NULL;
    snprintf(path, size, "%s/%.*s%s", dir, (int)stem, name, ext);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(path, 0777);      /* EEXIST is fine; a real failure shows at the write */
        *p = '/';
    }
    return path;
}

/* One format of the document, *size bytes (a PDF holds NULs); NULL with a
 * malloc'd *error, or with none when out of memory. */
static char *render(const vt_cli_args *args, const vt_document *doc, vt_output_format format,
                    size_t *size, char **error)
{
    char *out = NULL;
    *error = NULL;
    switch (format) {
    case VT_FORMAT_JSON:  out = vt_document_json(doc, VT_JSON_PRETTY); break;
    case VT_FORMAT_JSONL: out = vt_document_json(doc, 0); break;
    case VT_FORMAT_ALTO:  out = vt_document_alto(doc); break;
    case VT_FORMAT_HOCR:  out = vt_document_hocr(doc); break;
    case VT_FORMAT_PDF:
        return (char *)vt_document_pdf(doc, args->options.model_dir, size, error);
    case VT_FORMAT_TEXT:
    case VT_FORMAT_COUNT: out = strdup(vt_document_text(doc)); break;
    }
    *size = out ? strlen(out) : 0;
    return out;
}

/* The file name ending of each format's output in a folder. */
static const char *format_extension(vt_output_format format)
{
    switch (format) {
    case VT_FORMAT_JSON:
    case VT_FORMAT_JSONL: return ".json";
    case VT_FORMAT_ALTO:  return ".xml";
    case VT_FORMAT_HOCR:  return ".hocr";
    case VT_FORMAT_PDF:   return ".pdf";
    case VT_FORMAT_TEXT:
    case VT_FORMAT_COUNT: break;
    }
    return ".txt";
}

/* DIR/NAME.ext of each format; false when out of memory (nothing left allocated). */
static bool output_paths(const vt_cli_args *args, const vt_input *input, char **paths)
{
    for (size_t f = 0; f < args->n_formats; f++) {
        paths[f] = output_path_in_dir(args->output, input->name, format_extension(args->formats[f]));
        if (!paths[f]) {
            while (f-- > 0)
                free(paths[f]);
            return false;
        }
    }
    return true;
}

static void report(const run_state *st, const vt_document *doc)
{
    if (vt_document_error_count(doc) > 0 || st->args->verbosity >= 2)
        vt_progress_clear_line(st->progress);
    for (size_t i = 0; i < vt_document_error_count(doc); i++)
        fprintf(stderr, "vanthu: %s\n", vt_document_error(doc, i));
    if (st->args->verbosity >= 2)
        for (size_t i = 0; i < vt_document_warning_count(doc); i++)
            fprintf(stderr, "vanthu: warning: %s\n", vt_document_warning(doc, i));
}

static bool write_to_stream(run_state *st, const char *record, size_t size)
{
    FILE *out = st->stream;
    vt_output_format format = st->args->format;
    bool several = st->inputs->n > 1;
    if (format == VT_FORMAT_TEXT && st->emitted > 0)
        fputc('\f', out);
    if (format == VT_FORMAT_JSON && several)
        fputs(st->emitted == 0 ? "[\n" : ",\n", out);
    fwrite(record, 1, size, out);
    if (format != VT_FORMAT_TEXT && format != VT_FORMAT_PDF)
        fputc('\n', out);
    st->emitted++;
    return !ferror(out);
}

/* Every output of one input, or none: the manifest records the input only once
 * all of them are in place. */
static bool write_to_dir(run_state *st, const vt_input *input, char *const *records,
                         const size_t *sizes)
{
    const vt_cli_args *args = st->args;
    char *paths[VT_FORMAT_COUNT];
    if (!output_paths(args, input, paths)) {
        fprintf(stderr, "vanthu: %s: out of memory\n", input->path);
        return false;
    }
    size_t claimed = 0;
    const char *refused = NULL;
    for (; claimed < args->n_formats && !refused; claimed++)
        refused = claim_output(st, paths[claimed]);
    if (refused) {
        fprintf(stderr, "vanthu: %s: output %s %s\n", input->path, paths[claimed - 1], refused);
        for (size_t f = claimed - 1; f < args->n_formats; f++)
            free(paths[f]);         /* the ones before are owned by st->written now */
        return false;
    }
    char error[512];
    if (!vt_cli_write_files_atomic((const char *const *)paths, (const char *const *)records, sizes,
                                   args->n_formats, error, sizeof error)) {
        fprintf(stderr, "vanthu: %s: %s\n", input->path, error);
        return false;
    }
    uint64_t content, output = VT_FNV_OFFSET;
    for (size_t f = 0; f < args->n_formats; f++)
        output = vt_fnv1a64(records[f], sizes[f], output);
    if (vt_hash_file(input->path, &content)
        && !vt_manifest_record(&st->manifest, input->name, content, st->options_hash, output))
        fprintf(stderr, "vanthu: %s: cannot update the manifest: %s\n", st->manifest.path,
                strerror(errno));
    return true;
}

static void free_strings(char **strings, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(strings[i]);
}

/* All formats of the document; false (none kept) with the reason on stderr. */
static bool render_all(const vt_cli_args *args, const vt_input *input, const vt_document *doc,
                       char **records, size_t *sizes)
{
    for (size_t f = 0; f < args->n_formats; f++) {
        char *error = NULL;
        records[f] = render(args, doc, args->formats[f], &sizes[f], &error);
        if (!records[f]) {
            fprintf(stderr, "vanthu: %s: %s\n", input->path,
                    error ? error : "out of memory writing the output");
            free(error);
            free_strings(records, f);
            return false;
        }
    }
    return true;
}

static void on_document(size_t index, vt_document *doc, void *user)
{
    run_state *st = user;
    const vt_input *input = &st->inputs->items[index];
    report(st, doc);
    bool ok = !vt_document_failed(doc);
    /* A failed input gets no output file: nothing partial is ever written. In a
     * JSON stream its record (with "ok": false and the errors) still tells
     * downstream tools what happened. */
    bool emit = ok || (st->stream && (st->args->format == VT_FORMAT_JSON
                                      || st->args->format == VT_FORMAT_JSONL));
    char *records[VT_FORMAT_COUNT] = {0};
    size_t sizes[VT_FORMAT_COUNT] = {0};
    bool rendered = emit && render_all(st->args, input, doc, records, sizes);
    if (emit && !rendered) {
        ok = false;
    } else if (rendered && st->output_is_dir) {
        ok = write_to_dir(st, input, records, sizes) && ok;
    } else if (rendered && !write_to_stream(st, records[0], sizes[0])) {
        fprintf(stderr, "vanthu: %s: cannot write the output: %s\n", input->path, strerror(errno));
        ok = false;
    }
    if (rendered)
        free_strings(records, st->args->n_formats);
    if (!ok)
        st->failed++;
    vt_progress_document(st->progress, input->path, vt_document_page_count(doc),
                         vt_document_seconds(doc), !ok);
    vt_document_free(doc);
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with_slash(const char *path)
{
    size_t n = strlen(path);
    return n > 0 && path[n - 1] == '/';
}

/* A name like "all.json": what a user types for one file, never for a folder. */
static bool looks_like_file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot && dot[1] != '\0' && strcmp(dot, "..") != 0 && dot != (slash ? slash + 1 : path);
}

/* Several documents, or a folder or list that may hold several, go to a
 * folder under -o, and so does anything with -o DIR/; jsonl always goes to one
 * file. */
static bool wants_output_dir(const vt_cli_args *args, const vt_input_list *inputs)
{
    if (ends_with_slash(args->output))
        return true;
    if (args->format == VT_FORMAT_JSONL)
        return false;
    if (args->n_formats > 1 || inputs->n > 1 || is_directory(args->output))
        return true;
    for (size_t i = 0; i < args->n_inputs; i++)
        if (args->inputs[i][0] == '@' || (strcmp(args->inputs[i], "-") != 0 && is_directory(args->inputs[i])))
            return true;
    return false;
}

/* mkdir -p: a missing parent is made too, an existing folder is fine. */
static bool make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return false;
    bool ok = true;
    for (char *p = copy + 1; ok && (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
        *p = '/';
    }
    ok = ok && (mkdir(copy, 0777) == 0 || errno == EEXIST);
    int saved = errno;
    free(copy);
    errno = saved;
    return ok;
}

/* Decide where records go; open the stream or create the directory. Returns an
 * exit status: a -o that cannot hold what the command asks for is a usage error. */
static int prepare_output(run_state *st, char **buffer)
{
    const vt_cli_args *args = st->args;
    *buffer = NULL;
    /* XML documents cannot follow one another in one file, and several formats
     * cannot share one: those need a file per input and format, in a folder. */
    bool one_document_per_file = args->format == VT_FORMAT_ALTO || args->format == VT_FORMAT_HOCR
                                 || args->format == VT_FORMAT_PDF;
    if (!args->output && (args->n_formats > 1 || (one_document_per_file && st->inputs->n > 1))) {
        fprintf(stderr, "vanthu: %s write a file per input%s; name a folder with -o (e.g. -o out/)\n",
                args->n_formats > 1 ? "several formats" : "alto, hocr and pdf",
                args->n_formats > 1 ? " and format" : "");
        return VT_EXIT_USAGE;
    }
    if (!args->output) {
        st->stream = stdout;
        return VT_EXIT_OK;
    }
    if (wants_output_dir(args, st->inputs)) {
        struct stat info;
        bool exists = stat(args->output, &info) == 0;
        if ((exists && !S_ISDIR(info.st_mode))
            || (!exists && !ends_with_slash(args->output) && looks_like_file_name(args->output))) {
            fprintf(stderr,
                    "vanthu: -o %s: %s write one file each into a folder; name a "
                    "folder (e.g. -o out/)%s\n",
                    args->output, args->n_formats > 1 ? "several formats" : "several inputs",
                    args->n_formats > 1 ? "" : ", or use -f jsonl for one file of all records");
            return VT_EXIT_USAGE;
        }
        if (!make_dirs(args->output) || !is_directory(args->output)) {
            fprintf(stderr, "vanthu: %s: cannot create the output directory: %s\n", args->output,
                    strerror(errno));
            return VT_EXIT_INPUT_FAILED;
        }
        char error[512];
        if (!vt_manifest_open(&st->manifest, args->output, error, sizeof error)) {
            fprintf(stderr, "vanthu: %s\n", error);
            return VT_EXIT_INPUT_FAILED;
        }
        st->output_is_dir = true;
        return VT_EXIT_OK;
    }
    /* One output file: collect it in memory, then write it atomically at the end. */
    st->stream = open_memstream(buffer, &st->buffer_size);
    if (!st->stream) {
        fprintf(stderr, "vanthu: out of memory\n");
        return VT_EXIT_INPUT_FAILED;
    }
    return VT_EXIT_OK;
}

/* The options that shape an output: a manifest entry made under others is stale. */
static uint64_t hash_options(const vt_cli_args *args)
{
    const vt_options *o = &args->options;
    char text[1024];
    int formats = 0;   /* "-f json" hashes as it did before lists existed */
    for (size_t f = 0; f < args->n_formats; f++)
        formats = formats * 8 + (int)args->formats[f];
    snprintf(text, sizeof text, "%s|%d|%s|%s|%s|%s|%s|%d|%d|%d|%g|%d|%g", vt_version(),
             formats, o->lang ? o->lang : "", o->tessdata ? o->tessdata : "",
             o->model_dir ? o->model_dir : "",
             o->skip ? o->skip : "", o->pages ? o->pages : "", (int)o->input_kind, (int)o->ocr,
             o->default_dpi, o->max_megapixels, (int)o->encoding * 1000 + (int)o->dates * 100 +
             (int)o->diacritics * 10 + (int)o->tone_style, o->min_quality);
    return vt_fnv1a64(text, strlen(text), VT_FNV_OFFSET);
}

/* Drop the inputs the manifest records as done with the same content and options. */
static size_t skip_finished(run_state *st, vt_input_list *inputs)
{
    size_t kept = 0, skipped = 0;
    for (size_t i = 0; i < inputs->n; i++) {
        uint64_t content;
        vt_input *in = &inputs->items[i];
        char *outputs[VT_FORMAT_COUNT];
        bool named = st->manifest.n > 0 && output_paths(st->args, in, outputs);
        bool done = named && vt_hash_file(in->path, &content)
                    && vt_manifest_has(&st->manifest, in->name, content, st->options_hash,
                                       (const char *const *)outputs, st->args->n_formats);
        if (named)
            free_strings(outputs, st->args->n_formats);
        if (done) {
            free(in->path);
            free(in->name);
            skipped++;
            continue;
        }
        inputs->items[kept++] = *in;
    }
    inputs->n = kept;
    return skipped;
}

/* `buffer` is open_memstream's pointer: valid only after fclose. */
static void finish_stream(run_state *st, char **buffer)
{
    const vt_cli_args *args = st->args;
    if (st->stream && args->format == VT_FORMAT_JSON && st->inputs->n > 1 && st->emitted > 0)
        fputs("]\n", st->stream);
    if (st->stream == stdout) {
        if (fflush(stdout) != 0) {
            fprintf(stderr, "vanthu: cannot write to standard output: %s\n", strerror(errno));
            st->failed++;
        }
    } else if (st->stream) {
        fclose(st->stream);
        char error[512];
        if (st->emitted > 0
            && !vt_cli_write_file_atomic(args->output, *buffer, st->buffer_size, error, sizeof error)) {
            fprintf(stderr, "vanthu: %s\n", error);
            st->failed = st->inputs->n;
        }
    }
    free(*buffer);
    *buffer = NULL;
}

static int run_inputs(const vt_cli_args *args, const vt_engine *engine, vt_progress *progress)
{
    vt_input_list inputs = {0};
    size_t problems = vt_cli_expand_inputs(args->inputs, args->n_inputs,
                                           args->options.input_kind == VT_INPUT_TEXT, &inputs, stderr);
    if (args->shard_count > 1)
        vt_input_list_shard(&inputs, args->shard_index, args->shard_count);
    run_state st = {.args = args, .inputs = &inputs, .options_hash = hash_options(args),
                    .progress = progress};
    char *buffer = NULL;
    int refused = prepare_output(&st, &buffer);
    if (refused != VT_EXIT_OK) {
        vt_input_list_free(&inputs);
        return refused;
    }
    size_t skipped = st.output_is_dir && !args->force ? skip_finished(&st, &inputs) : 0;
    size_t total = inputs.n;
    vt_progress_start(progress, total, args->progress, args->verbosity);
    const char **paths = calloc(total ? total : 1, sizeof *paths);
    char *err = NULL;
    vt_status status = VT_ERROR;
    if (paths) {
        for (size_t i = 0; i < total; i++)
            paths[i] = inputs.items[i].path;
        status = vt_batch_run(engine, paths, total, args->jobs, on_document, &st, &err);
    }
    if (status != VT_OK) {
        fprintf(stderr, "vanthu: %s\n", err ? err : "out of memory");
        st.failed = total;
    }
    free(err);
    free(paths);
    finish_stream(&st, &buffer);
    for (size_t i = 0; i < st.n_written; i++)
        free(st.written[i]);
    free(st.written);
    vt_manifest_close(&st.manifest);
    size_t failed = st.failed + problems;
    if ((total + skipped > 1 || problems) && args->verbosity >= 1) {
        if (st.output_is_dir)   /* only a folder's manifest can make an input skipped */
            fprintf(stderr, "vanthu: %zu done, %zu skipped (already done), %zu failed\n",
                    total - st.failed, skipped, failed);
        else
            fprintf(stderr, "vanthu: %zu done, %zu failed\n", total - st.failed, failed);
    }
    vt_input_list_free(&inputs);
    return failed ? VT_EXIT_INPUT_FAILED : VT_EXIT_OK;
}

int vt_cli_main(int argc, char **argv)
{
    vt_cli_args args;
    char error[512];
    vt_quiet_dependencies();
    /* Over a file-size limit (ulimit -f) write() would kill the process with
     * SIGXFSZ, leaving the temporary output behind; ignored, it fails with
     * EFBIG instead, which is reported with the file name and cleaned up. */
    signal(SIGXFSZ, SIG_IGN);
    if (!vt_cli_parse(argc, argv, &args, error, sizeof error)) {
        fprintf(stderr, "vanthu: %s\nTry 'vanthu --help' for more information.\n", error);
        vt_cli_args_free(&args);
        return VT_EXIT_USAGE;
    }
    int status = VT_EXIT_OK;
    if (args.action == VT_ACTION_HELP) {
        vt_cli_print_help(stdout);
    } else if (args.action == VT_ACTION_VERSION) {
        char *report = vt_version_report(args.options.model_dir);
        fputs(report ? report : "vanthu (out of memory)\n", stdout);
        free(report);
    } else if (args.action == VT_ACTION_LIST_STAGES) {
        int width = 0;    /* the longest name, so the summaries line up */
        for (size_t i = 0; i < vt_stage_count(); i++)
            if ((int)strlen(vt_stage_name(i)) > width)
                width = (int)strlen(vt_stage_name(i));
        for (size_t i = 0; i < vt_stage_count(); i++)
            printf("%-*s %s\n", width, vt_stage_name(i), vt_stage_summary(i));
    } else {
        vt_engine *engine = NULL;
        char *err = NULL;
        vt_progress progress;
        vt_progress_init(&progress);
        args.options.progress = vt_progress_on_pages;
        args.options.progress_user = &progress;
        if (vt_engine_new(&args.options, &engine, &err) != VT_OK) {
            fprintf(stderr, "vanthu: %s\n", err);
            free(err);
            status = VT_EXIT_USAGE;
        } else {
            status = run_inputs(&args, engine, &progress);
            vt_engine_free(engine);
        }
        vt_progress_free(&progress);
    }
    vt_cli_args_free(&args);
    return status;
}
