/*
 * vanthu.h — the public interface of libvanthu.
 *
 * Turn a scanned Vietnamese administrative notice (image, text, later PDF) into
 * clean text and a JSON record. Typical use:
 *
 *     vt_options opt;
 *     vt_options_init(&opt);
 *     vt_engine *engine; char *err;
 *     if (vt_engine_new(&opt, &engine, &err) != VT_OK) { puts(err); free(err); ... }
 *     vt_session *session;                    // one per thread
 *     vt_session_new(engine, &session, &err);
 *     vt_document *doc = vt_process_file(session, "scan.png");
 *     if (vt_document_failed(doc)) fputs(vt_document_error(doc, 0), stderr);
 *     else puts(vt_document_text(doc));
 *     vt_document_free(doc); vt_session_free(session); vt_engine_free(engine);
 *
 * Threads: an engine is immutable and may be shared; a session and the documents it
 * produces belong to one thread at a time. Nothing in the library prints or exits;
 * errors come back as messages.
 */
#ifndef VANTHU_H
#define VANTHU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(VANTHU_BUILDING)
#define VT_API __attribute__((visibility("default")))
#else
#define VT_API
#endif

typedef enum vt_status {
    VT_OK = 0,
    VT_ERROR = 1,      /* the operation failed; a message says why */
} vt_status;

typedef enum vt_input_kind {
    VT_INPUT_AUTO = 0, /* decide from the bytes (and a .txt name) */
    VT_INPUT_IMAGE,
    VT_INPUT_PDF,
    VT_INPUT_TEXT,
} vt_input_kind;

typedef enum vt_ocr_mode {
    VT_OCR_AUTO = 0,   /* OCR pages without a good text layer (default) */
    VT_OCR_ALWAYS,     /* OCR every page, ignoring text layers */
    VT_OCR_NEVER,      /* use text layers only; pages without one come out empty */
} vt_ocr_mode;

typedef enum vt_dates_mode {
    VT_DATES_KEEP = 0, /* dates stay as written (spacing made canonical) (default) */
    VT_DATES_ISO,      /* valid dates are rewritten in the text as ISO 8601 */
} vt_dates_mode;

typedef enum vt_marks_mode {
    VT_MARKS_REPAIR = 0, /* fix the tone and vowel marks OCR got wrong (default) */
    VT_MARKS_RESTORE,    /* the text has no marks at all: put every one back */
    VT_MARKS_OFF,        /* leave marks as read */
} vt_marks_mode;

/* Where the tone goes in open oa, oe, uy syllables: "hòa, khỏe, thủy" (old, the
 * style of most administrative text) or "hoà, khoẻ, thuỷ" (new). */
typedef enum vt_tone_placement {
    VT_TONE_OLD = 0,     /* every such syllable written hòa (default) */
    VT_TONE_NEW,         /* every such syllable written hoà */
    VT_TONE_KEEP,        /* as printed; only repaired syllables take the old style */
} vt_tone_placement;

/* The encoding of text inputs and PDF text layers. Old Vietnamese fonts stored
 * TCVN3 (ABC) or VNI bytes; they show up as "Th«ng b¸o" or "Thoâng baùo". */
typedef enum vt_text_encoding {
    VT_ENCODING_AUTO = 0, /* UTF-8, or TCVN3/VNI when the text reads as one (default) */
    VT_ENCODING_UTF8,     /* UTF-8 only: nothing is converted */
    VT_ENCODING_TCVN3,
    VT_ENCODING_VNI,
    VT_ENCODING_VIQR,     /* "Vie^.t Nam": never guessed, only when asked */
} vt_text_encoding;

/* Where a document has got to, for a progress display. */
typedef struct vt_progress_info {
    const char *source;      /* the document, as named to vt_process_* */
    size_t pages_done;       /* pages finished so far */
    size_t pages_total;      /* pages to read (after --pages); 0 until known */
    double page_fraction;    /* 0–1: how far OCR has got in the page under way */
} vt_progress_info;

/*
 * Called on the thread running the document: when its pages are known, after
 * each page, and while Tesseract reads a page (a few times a second). With
 * vt_batch_run or several sessions it is called from several threads at once.
 * Return true to cancel the document: it fails with the error "cancelled",
 * between pages or inside OCR at Tesseract's next check; other documents go on.
 */
typedef bool (*vt_progress_fn)(const vt_progress_info *progress, void *user);

/*
 * Set up with vt_options_init, then change what you need. `size` lets the
 * struct grow: a program built against an older vanthu.h passes its smaller
 * size, and the fields it does not know keep their defaults. Strings are
 * copied by vt_engine_new; they need not outlive the call.
 */
typedef struct vt_options {
    size_t size;             /* sizeof(vt_options) as the caller was compiled: set by init */
    const char *lang;        /* Tesseract language(s), default "vie" */
    const char *tessdata;    /* directory of *.traineddata; NULL: Tesseract's default */
    const char *skip;        /* comma-separated stage names to turn off; NULL: none */
    const char *pages;       /* pages to read, e.g. "1-3,7,10-"; NULL: all */
    vt_input_kind input_kind;
    vt_ocr_mode ocr;
    int default_dpi;         /* used when an image carries no resolution; default 300 */
    double max_megapixels;   /* refuse larger page images before decoding; default 300 */
    double page_timeout;     /* seconds of OCR per page before giving up; default 600, 0: none */
    vt_dates_mode dates;     /* how dates appear in the text; JSON `dates` has both forms */
    vt_marks_mode diacritics;   /* what the diacritics stage does; default repair */
    vt_tone_placement tone_style; /* default VT_TONE_OLD */
    vt_text_encoding encoding;    /* default VT_ENCODING_AUTO */
    const char *model_dir;   /* folder of vie-syllable.lm; NULL: $VANTHU_MODEL_DIR, else
                              * the models installed with the library (share/vanthu/models
                              * beside its lib folder), else the build's source tree */
    vt_progress_fn progress; /* NULL: none */
    void *progress_user;     /* handed to progress */
    double min_quality;      /* 0–1: pages whose quality score is below it are marked
                              * (JSON pages[].quality.below_minimum, a warning);
                              * default 0, none */
} vt_options;

typedef struct vt_engine vt_engine;
typedef struct vt_session vt_session;
typedef struct vt_document vt_document;

VT_API const char *vt_version(void);
/* Several lines, "name version" each: vanthu, Tesseract, Leptonica, ICU, Poppler
 * and json-c as loaded at run time, then the language model that model_dir (as
 * in vt_options; NULL for the default search) leads to, with its format,
 * size and checksum. For bug reports and --version. malloc'd; NULL when out of
 * memory. */
VT_API char *vt_version_report(const char *model_dir);

/* Process-wide: stop Leptonica printing its own error messages on stderr (vanthu
 * reports every failure itself, naming the input). Call once, before any thread
 * starts; the vanthu command does. */
VT_API void vt_quiet_dependencies(void);
/* Fill *options with the defaults (see vt_options); use the macro, which passes
 * the size your program was compiled with. */
VT_API void vt_options_init_sized(vt_options *options, size_t size);
#define vt_options_init(options) vt_options_init_sized((options), sizeof *(options))

/* On error, *errmsg receives a malloc'd message (free it) and *out is NULL. */
VT_API vt_status vt_engine_new(const vt_options *options, vt_engine **out, char **errmsg);
VT_API void vt_engine_free(vt_engine *engine);
VT_API vt_status vt_session_new(const vt_engine *engine, vt_session **out, char **errmsg);
VT_API void vt_session_free(vt_session *session);

/* The stages, in the order they run (for --list-stages and --skip). */
VT_API size_t vt_stage_count(void);
VT_API const char *vt_stage_name(size_t index);
VT_API const char *vt_stage_summary(size_t index);

/*
 * Run the pipeline. These return NULL only when memory runs out; any other failure
 * (unreadable file, bad image, OCR error) gives a document that reports it through
 * vt_document_failed / vt_document_error. "-" reads standard input.
 */
VT_API vt_document *vt_process_file(vt_session *session, const char *path);
VT_API vt_document *vt_process_memory(vt_session *session, const char *name,
                                      const void *data, size_t size, vt_input_kind kind);
/* Raw pixels: 1 (grey), 3 (RGB) or 4 (RGBA) bytes per pixel, rows `stride` bytes apart. */
VT_API vt_document *vt_process_pixels(vt_session *session, const char *name,
                                      const uint8_t *pixels, int width, int height,
                                      int channels, int stride, int dpi);

/* Strings returned by the vt_document_* accessors belong to the document: valid
 * until vt_document_free, never to be freed by the caller. */
VT_API const char *vt_document_source(const vt_document *doc);
VT_API const char *vt_document_text(const vt_document *doc);   /* "" when failed */
VT_API size_t vt_document_page_count(const vt_document *doc);
/* Wall-clock seconds vt_process_* spent on this document (pages shared with
 * other workers included). */
VT_API double vt_document_seconds(const vt_document *doc);
VT_API bool vt_document_failed(const vt_document *doc);
VT_API size_t vt_document_error_count(const vt_document *doc);
VT_API const char *vt_document_error(const vt_document *doc, size_t index);
VT_API size_t vt_document_warning_count(const vt_document *doc);
VT_API const char *vt_document_warning(const vt_document *doc, size_t index);

enum { VT_JSON_PRETTY = 1 << 0 };
/* The documented JSON record (pipeline/output-schema.json); malloc'd (the caller
 * frees it), NULL when out of memory. */
VT_API char *vt_document_json(const vt_document *doc, unsigned flags);
/* The pages as ALTO 4.4 XML / hOCR 1.2 XHTML: the words of vt_document_text (a
 * line of it per TextLine / ocr_line) at their places on the page image, with
 * confidences; receipt stamps, seals and margin notes as blocks of their own,
 * tagged so readers can leave them out. malloc'd, NULL when out of memory. */
VT_API char *vt_document_alto(const vt_document *doc);
VT_API char *vt_document_hocr(const vt_document *doc);
/* The pages as a searchable PDF/A-2b: each page's stored image (a JPEG file's
 * own bytes, 1-bit pages as CCITT G4, others lossless) with the words of
 * vt_document_text as invisible text at their places, stamps and margin notes
 * left out. A PDF whose every page kept its own text layer comes back as it
 * was. `model_dir` as in vt_options (the text-layer font is found there).
 * malloc'd bytes and *size; NULL with a malloc'd *error. */
VT_API unsigned char *vt_document_pdf(const vt_document *doc, const char *model_dir,
                                      size_t *size, char **error);
VT_API void vt_document_free(vt_document *doc);

/*
 * Batch: process `count` inputs with `jobs` worker threads, each with its own
 * session. `on_done` is called on the calling thread, once per input, in input
 * order, and takes ownership of the document. Returns VT_ERROR (with *errmsg) only
 * when the workers cannot start; per-input failures are in the documents.
 */
typedef void (*vt_batch_callback)(size_t index, vt_document *doc, void *user);
VT_API vt_status vt_batch_run(const vt_engine *engine, const char *const *paths, size_t count,
                              int jobs, vt_batch_callback on_done, void *user, char **errmsg);

#ifdef __cplusplus
}
#endif
#endif /* VANTHU_H */
