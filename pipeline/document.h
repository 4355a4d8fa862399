/*
 * document.h — the document model every stage reads and writes.
 *
 * document → pages → blocks → lines → words. Each word keeps its box and
 * confidence so that geometry-aware stages (layout, stamps, diacritic repair) see
 * more than a string. Ownership and mutation rules are in pipeline/README.md.
 */
#ifndef VT_DOCUMENT_H
#define VT_DOCUMENT_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "text_edit.h"
#include "vanthu.h"

struct Pix;

typedef struct vt_box {
    int x, y, w, h;             /* pixels in the page image; w == 0: no geometry */
} vt_box;

/* How sure a read value is: `confidence` 0–1, and whether it could be wrong
 * (`needs_review`). A value read once, by a reader that weighs no second
 * reading, is left unweighed (weighed false): written as 0.5, to be reviewed. */
typedef struct vt_sureness {
    bool weighed;
    float confidence;
    bool needs_review;
} vt_sureness;

/* Another reading Tesseract considered for one symbol of a word ("ẩ" where it
 * printed "ấ"): the evidence a repair stage needs to change a letter. */
typedef struct vt_alternative {
    unsigned symbol;            /* index of the symbol in the word, from 0 */
    float confidence;           /* 0–100 */
    char text[12];              /* the alternative symbol, UTF-8 (NFC after unicode) */
} vt_alternative;

typedef struct vt_word {
    char *text;                 /* NFC UTF-8, owned */
    vt_box box;
    float confidence;           /* 0–100; < 0: unknown (text input) */
    vt_alternative *alternatives;   /* owned; OCR input only */
    size_t n_alternatives, cap_alternatives;
    char *repaired_from;        /* owned: the text before a repair stage changed it */
    double repair_score;        /* the repair's evidence (log10), when repaired */
    const char *repaired_by;    /* static name of the stage that repaired it, when repaired */
    /* Where the word is in doc->text: set by compose, carried through every text
     * edit, so the archive outputs can put the final text at the words' boxes. */
    size_t text_start, text_end;    /* bytes of doc->text */
    bool in_text;               /* false: set apart (stamp, note) or edited away */
} vt_word;

/* A change a repair stage made, located in the document's text: a word the
 * diacritics stage changed (placed by compose), or an expression a text stage
 * rewrote (a date's spacing, a document number's symbol). */
typedef struct vt_repair_record {
    char *from, *to;            /* owned */
    size_t start, end;          /* bytes of doc->text */
    int page;
    double score;               /* the evidence (log10), when the stage has one */
    bool has_score;
    const char *stage;          /* static stage name */
} vt_repair_record;

typedef struct vt_line {
    vt_word *words;
    size_t n_words, cap_words;
    vt_box box;
} vt_line;

typedef enum vt_block_kind {
    VT_BLOCK_TEXT = 0,          /* part of the notice */
    VT_BLOCK_STAMP,             /* receipt stamp or seal: kept out of `text` */
    VT_BLOCK_MARGIN_NOTE,       /* handwriting and scribbles: kept out of `text` */
} vt_block_kind;

typedef struct vt_block {
    vt_line *lines;
    size_t n_lines, cap_lines;
    vt_box box;
    vt_block_kind kind;
} vt_block;

/* An affine map of page-image pixels: (x, y) → (a·x + b·y + c, d·x + e·y + f). */
typedef struct vt_affine {
    double a, b, c, d, e, f;
} vt_affine;

typedef struct vt_page {
    int number;                 /* 1-based, as in the input (--pages keeps numbers) */
    int width, height, dpi;
    struct Pix *image;          /* owned; loaded from the page source while page
                                 * stages run, NULL otherwise (and for text input) */
    struct {                    /* owned: binarised copies of `image` that the
                                 * measuring stages share (vt_page_binary) */
        struct Pix *of;         /* a reference to the image they were made from */
        struct Pix *copy[2];    /* full size and halved; NULL until asked for */
    } binary;
    vt_block *blocks;
    size_t n_blocks, cap_blocks;
    double mean_confidence;     /* < 0: unknown */
    struct {                    /* set by page_quality (stages/page_quality.c) */
        double score;           /* 0–1: mean confidence × share of possible words;
                                 * < 0: not measured */
        double low_confidence;  /* share of words with confidence below 50 */
        double not_vietnamese;  /* share of words no Vietnamese spelling allows */
        size_t words;           /* words measured */
        bool below_minimum;     /* score < --min-quality */
    } quality;
    /* The image as the input stored it, and where the current image's pixels lie
     * on it: turning, straightening and enlarging a page move every box, and
     * the archive PDF lays the words over the stored image (page_geometry.c). */
    struct {
        int width, height, dpi; /* 0: no image attached yet */
        vt_affine from_current; /* current-image point → stored-image point */
    } stored;
    bool from_text_layer;       /* words came from the input's own text (a PDF layer):
                                 * no image is decoded and page stages skip the page */
    bool blank;                 /* a single colour: nothing to read, page stages skip it */
    char *text;                 /* composed by the compose stage */
} vt_page;

typedef struct vt_timing {
    const char *stage;          /* static stage name */
    double ms;
} vt_timing;

typedef struct vt_message {
    const char *stage;          /* static stage name, or NULL (input handling) */
    int page;                   /* 0: the whole document */
    char *text;                 /* owned: the problem alone */
    char *display;              /* owned: "source: stage: page N: text", as users see it */
} vt_message;

/*
 * Where page images come from. Loading stages describe the pages and leave the
 * pixels in the input (a TIFF, a PDF): the runner decodes one page at a time just
 * before the page stages and releases it after them, so a 200-page colour scan
 * never sits in memory whole.
 */
typedef struct vt_page_source {
    void *state;                /* owned by the source */
    /* Decode the page numbered `index + 1` in the input. NULL and a malloc'd
     * *error on failure. */
    struct Pix *(*load)(void *state, const vt_document *doc, size_t index, char **error);
    void (*destroy)(void *state);
} vt_page_source;

/* A result a stage attaches under its own key (output.h). */
struct vt_output;

struct vt_document {
    char *source;               /* file name, "-", or caller-given name */
    double started;             /* monotonic seconds at vt_document_new */
    double seconds;             /* wall time of the processing, once it is over */
    vt_input_kind kind;
    unsigned char *input;       /* raw input bytes, owned; freed once no page needs them */
    size_t input_size;
    vt_page_source page_source; /* load == NULL: pages carry their images, or none */
    vt_page *pages;
    size_t n_pages, cap_pages;
    char *text;                 /* composed by compose; NULL before */
    bool failed;                /* a stage or the input failed; see errors */
    vt_repair_record *repairs;  /* filled by compose and text stages */
    size_t n_repairs, cap_repairs;
    /* What stages found beside the text (the receipt stamp, seals, the notice's
     * fields …), each under its own kind: output.h. */
    struct vt_output *outputs;
    size_t n_outputs, cap_outputs;
    vt_timing *timings;
    size_t n_timings, cap_timings;
    vt_message *errors;
    size_t n_errors, cap_errors;
    vt_message *warnings;
    size_t n_warnings, cap_warnings;
    size_t pages_done;          /* for progress reports (progress.c) */
    bool cancelled;             /* the caller's progress callback said stop */
    /* Set while several threads run page stages of this document at once: the
     * message and timing functions below take it. Owned by whoever set it. */
    pthread_mutex_t *lock;
};

vt_document *vt_document_new(const char *source);
/* The add functions return the new, zeroed element, or NULL when out of memory.
 * The pointer is valid until the next add to the same array. */
vt_page *vt_document_add_page(vt_document *doc);   /* numbered after the last page */
vt_block *vt_page_add_block(vt_page *page);
/* A new, zeroed block at position `index` (<= n_blocks); the ones after it move up. */
vt_block *vt_page_insert_block(vt_page *page, size_t index);
vt_line *vt_block_add_line(vt_block *block);
vt_word *vt_line_add_word(vt_line *line, const char *text, size_t len);

/* The page image binarised by vt_binarise (binarise.h), reduced `reduction` (1 or 2)
 * times: made once per image and shared by the stages that measure on it. A new
 * reference the caller destroys; NULL when out of memory. A page image replaced
 * since is noticed; a stage that replaces it calls vt_page_forget_binary all the
 * same, so the old image is freed at once, and one that changes its pixels in
 * place must call it. */
struct Pix *vt_page_binary(vt_page *page, int reduction);
void vt_page_forget_binary(vt_page *page);

bool vt_word_add_alternative(vt_word *word, unsigned symbol, const char *text, float confidence);

/* The page's image is the stored one (its size and dpi as they are now). */
void vt_page_stored_as_is(vt_page *page);
/* Record on the page that its image was replaced by one turned `quarters`
 * clockwise (pixRotateOrth), rotated by `radians` clockwise about its centre
 * at the same size (pixRotate), or scaled by `factor` (pixScale). `width` and
 * `height` are the image's size before the change. */
void vt_page_turned(vt_page *page, int quarters, int width, int height);
void vt_page_rotated(vt_page *page, double radians, int width, int height);
void vt_page_scaled(vt_page *page, double factor);
/* A point of the current image on the stored image. */
void vt_page_point_on_stored(const vt_page *page, double x, double y, double *sx, double *sy);

/* The smallest box holding a and b; a box without geometry (w == 0) adds nothing. */
vt_box vt_box_union(vt_box a, vt_box b);
/* Where a and b overlap; w == 0 when they do not (or either has no geometry). */
vt_box vt_box_intersection(vt_box a, vt_box b);
/* The union of the words' boxes. */
vt_box vt_words_box(const vt_word *words, size_t n);

/* Replace a word's text (the old string is freed). */
bool vt_word_set_text(vt_word *word, const char *text, size_t len);

/* Take doc->lock when it is set (pages of the document run on several threads). */
void vt_document_lock(vt_document *doc);
void vt_document_unlock(vt_document *doc);

/* Add `ms` to the stage's time (page stages run once per page). */
bool vt_document_add_timing(vt_document *doc, const char *stage, double ms);
/* Record the document's own wall time, as processing returns it; returns doc. */
vt_document *vt_document_finish_timing(vt_document *doc);
bool vt_document_error_add(vt_document *doc, const char *stage, int page, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool vt_document_warn(vt_document *doc, const char *stage, int page, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Record a repair (from and to are copied). false when out of memory. */
bool vt_document_add_repair(vt_document *doc, const char *stage, const char *from,
                            const char *to, size_t start, size_t end, int page,
                            const double *score);
void vt_document_clear_repairs(vt_document *doc);

/*
 * Apply settled edits to doc->text after compose: page texts are re-cut from it,
 * repairs are moved with the text (those whose text an edit touched are
 * dropped), and with `stage` set each edit is itself recorded as a repair by that
 * stage. Edits must not add or remove page breaks ("\f"). false with *error
 * (static) when they do or memory ran out; the document is then unchanged.
 */
bool vt_document_edit_text(vt_document *doc, const vt_text_edits *edits, const char *stage,
                           const char **error);

/* The page (number) whose text holds byte `offset` of doc->text. */
int vt_document_page_at(const vt_document *doc, size_t offset);

/* Words on a page, for stages that walk them all. */
size_t vt_page_word_count(const vt_page *page);

const char *vt_input_kind_name(vt_input_kind kind);

#endif /* VT_DOCUMENT_H */
