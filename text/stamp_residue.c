/*
 * stamp_residue.c — the ĐẾN stamp's debris and the processing slip in OCR text
 * (see stamp_residue.h).
 *
 * Stamp: every line of the header zone is classified by its first word folded to
 * ASCII ("Số", "Ngày", a misread "Chuyển", the file label, a lone "ĐẾN"-like word)
 * and by the shape of its value (bare integer, numeric date, nothing). Members
 * that lie close together form a group; a group is the stamp only when it has a
 * strong member (bare-integer number or full numeric date) and either three
 * different kinds of label or both strong members ("close": at most one other
 * non-blank line between two members). The upper-case organisation line above it
 * (or among its lines), and a short "…:" label right under it, are taken along;
 * other lines among the members stay. Labels are matched with an edit distance on
 * letters without marks, since stamp ink is read badly. The header zone is the
 * page up to its second body-length line (at most half of it): a bare number and
 * a date deep in the body are not a stamp.
 *
 * Slip: a line (or two lines) that reads "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" within a
 * small edit distance, up to the end of its page.
 */
#include "stamp_residue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "strbuf.h"
#include "utf8.h"
#include "vnchar.h"
#include "wordscan.h"

enum {
    FOLD_CAP = 128,       /* folded prefixes: labels and titles are short */
    NORM_CAP = 512,       /* normalised lines compared for duplicates */
    LONG_LINE_WORDS = 20, /* a body line, not a header or title line */
    ZONE_MIN_LINES = 25,  /* the header zone spans at least this many non-blank lines */
    DUP_WINDOW = 12,      /* lines around a fused label searched for its duplicate */
    STRAGGLER_LINES = 8,  /* non-blank lines after a stamp searched for its weak labels */
};

/* ---- letters and folding ---------------------------------------------------- */

static bool is_combining(int32_t cp) { return cp >= 0x300 && cp <= 0x36F; }
static bool is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }
static bool is_blank_byte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* c is one of the bytes of set (never the terminating NUL, unlike strchr). */
static bool in_set(char c, const char *set) { return c != '\0' && strchr(set, c) != NULL; }

/* Lower-case ASCII base of a letter ("Ấ" -> 'a', "Đ" -> 'd'); 0 for a combining
 * mark (dropped); '?' for a letter outside the Vietnamese alphabet. */
static char base_of(int32_t cp)
{
    if (is_combining(cp))
        return 0;
    int32_t b = vt_letter_strip(cp);
    if (b >= 'A' && b <= 'Z')
        return (char)(b + 32);
    return (b >= 'a' && b <= 'z') ? (char)b : '?';
}

static bool is_upper_letter(int32_t cp)
{
    vt_letter l;
    if (vt_letter_decompose(cp, &l))
        return l.upper;
    return vt_scan_fold(cp) != cp;
}

static bool is_lower_letter(int32_t cp)
{
    vt_letter l;
    if (vt_letter_decompose(cp, &l))
        return !l.upper;
    return vt_scan_is_letter(cp) && !is_combining(cp) && vt_scan_fold(cp) == cp;
}

/*
 * s[a, b) as lower-case ASCII: letters reduced to their base, runs of white space
 * to one space. With letters_only, digits and punctuation count as spaces too.
 * Stops (setting *truncated) when buf is full.
 */
static size_t fold_span(const char *s, size_t a, size_t b, bool letters_only, char *buf,
                        size_t cap, bool *truncated)
{
    size_t n = 0, pos = a;
    *truncated = false;
    while (pos < b) {
        int32_t cp = vt_utf8_next(s, b, &pos);
        char c;
        if (vt_scan_is_letter(cp)) {
            if (!(c = base_of(cp)))
                continue;
        } else if (cp > ' ' && cp < 0x7F && !letters_only) {
            c = (char)cp;
        } else {
            c = ' ';
        }
        if (c == ' ' && (n == 0 || buf[n - 1] == ' '))
            continue;
        if (n + 1 >= cap) {
            *truncated = true;
            break;
        }
        buf[n++] = c;
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return n;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* prefix followed by the end or a space: whole words only. */
static bool starts_with_words(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

/* Levenshtein distance of two short ASCII strings (b at most FOLD_CAP bytes). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), row[FOLD_CAP + 1];
    if (nb > FOLD_CAP)
        return SIZE_MAX;
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* The letters starting at s[pos] (folded into buf) and the position after them;
 * returns the number of letters, 0 when s[pos] is not a letter. */
static size_t first_word(const char *s, size_t pos, size_t b, char *buf, size_t cap, size_t *end)
{
    return vt_scan_word_map(s, b, pos, base_of, buf, cap, end);
}

static size_t skip_blanks(const char *s, size_t pos, size_t b)
{
    return vt_scan_skip_blanks(s, b, pos, is_blank_byte);
}

static unsigned count_words(const char *s, size_t a, size_t b)
{
    unsigned words = 0;
    bool in_word = false;
    for (size_t i = a; i < b; i++) {
        bool blank = is_blank_byte(s[i]);
        if (!blank && !in_word)
            words++;
        in_word = !blank;
    }
    return words;
}

/* ---- values ----------------------------------------------------------------- */

typedef enum value_shape {
    V_EMPTY,     /* nothing, or the form's dots */
    V_INTEGER,   /* one run of digits */
    V_DATE_FULL, /* d/m/yyyy (or yy) that exists */
    V_DATE_PART, /* d/m, or d/m/y that does not exist */
    V_OTHER,
} value_shape;

/* OCR's misreadings of digits and separators in a value. A thin stroke (l, I, |)
 * is a 1, or with slash_strokes a slash: "21/4I2025" is 21/4/2025. */
static char unconfuse(char c, bool slash_strokes)
{
    if (c == 'O' || c == 'o')
        return '0';
    if (c == 'l' || c == 'I' || c == '|')
        return slash_strokes ? '/' : '1';
    return (c == '.' || c == '-') ? '/' : c;
}

/*
 * The value s[v, b) as digits and '/' only ("21 / 4.2O25" -> "21/4/2025"), into
 * t[cap]; OCR's O and l read as digits (the value must hold a real digit). Returns
 * false for anything else: letters, two numbers side by side without separator.
 */
static bool numeric_value_read(const char *s, size_t v, size_t b, char *t, size_t cap,
                               bool slash_strokes)
{
    while (b > v && in_set(s[b - 1], ". _,;"))
        b--;
    while (v < b && in_set(s[v], ". _"))
        v++;
    size_t n = 0;
    bool digit = false, pending_space = false;
    for (size_t i = v; i < b; i++) {
        if (s[i] == ' ') {
            pending_space = n > 0;
            continue;
        }
        char c = unconfuse(s[i], slash_strokes);
        if (!(is_digit(c) || c == '/') || n + 1 >= cap)
            return false;
        /* a space is allowed only next to a separator: "21 / 4 / 2025" */
        if (pending_space && c != '/' && t[n - 1] != '/')
            return false;
        pending_space = false;
        digit |= is_digit(s[i]);
        t[n++] = c;
    }
    t[n] = '\0';
    return digit || n == 0;
}

static bool numeric_value(const char *s, size_t v, size_t b, char *t, size_t cap)
{
    return numeric_value_read(s, v, b, t, cap, false);
}

static value_shape shape_of_digits(const char *t);

/* The value as digits and slashes, and its shape; a thin stroke counts as a slash
 * when only that reading makes a full date ("21/4I2025": a six-digit year is no
 * reading at all). */
static value_shape read_value(const char *s, size_t v, size_t b, char *t, size_t cap)
{
    if (!numeric_value(s, v, b, t, cap))
        return V_OTHER;
    value_shape shape = shape_of_digits(t);
    char slashed[40];
    if (shape != V_DATE_FULL && numeric_value_read(s, v, b, slashed, sizeof slashed, true)
        && shape_of_digits(slashed) == V_DATE_FULL && strlen(slashed) < cap) {
        strcpy(t, slashed);
        return V_DATE_FULL;
    }
    return shape;
}

static value_shape value_shape_of(const char *s, size_t v, size_t b)
{
    char t[40];
    return read_value(s, v, b, t, sizeof t);
}

static value_shape shape_of_digits(const char *t)
{
    if (!t[0])
        return V_EMPTY;
    long part[3];
    size_t k = 0;
    for (const char *p = t; *p;) {
        if (!is_digit(*p) || k == 3 || strspn(p, "0123456789") > 9)
            return V_OTHER;
        char *end;
        part[k++] = strtol(p, &end, 10);
        p = end;
        if (*p == '/' && *++p == '\0')
            return V_OTHER;
    }
    if (k == 1)
        return V_INTEGER;
    if (k == 2)
        return (part[0] >= 1 && part[0] <= 31 && part[1] >= 1 && part[1] <= 12) ? V_DATE_PART
                                                                               : V_OTHER;
    char iso[11];
    long year = part[2] < 100 ? 2000 + part[2] : part[2];
    if (year > 9999)
        return V_OTHER;
    return vt_iso_date((int)part[0], (int)part[1], (int)year, iso) == 0 ? V_DATE_FULL
                                                                         : V_DATE_PART;
}

/* ---- lines ------------------------------------------------------------------- */

typedef enum line_kind {
    K_BLANK,
    K_OTHER,
    K_NUMBER,  /* "Số: 0764" (strong) or "Số: ....." */
    K_DATE,    /* "Ngày: 21/4/2025" (strong) or a partial / empty date */
    K_DEN,     /* the big "ĐẾN" */
    K_FORWARD, /* "Chuyển:", possibly misread, possibly fused with the next line */
    K_FILE,    /* "Số và ký hiệu HS:", "Lưu hồ sơ số:", "Giờ:" */
} line_kind;

typedef enum role {
    R_KEEP,
    R_WHOLE,  /* the whole line is residue */
    R_PREFIX, /* only the label before `value` */
} role;

typedef struct line {
    size_t start, end, next; /* content [start, end) without "\n"; start of next line */
    size_t a, b;             /* content without surrounding blanks and markup */
    size_t value;            /* labels: where the value starts (b when empty) */
    line_kind kind;
    bool strong;             /* a bare integer number or a full numeric date */
    bool upper_name;         /* could be the stamp's organisation line */
    bool short_label;        /* a short "…:" line: a stamp label OCR could not read */
    unsigned words;
    role role;
    bool org, forward_value; /* the stamp's org line; its "Chuyển" value is a field */
} line;

static bool is_markup_byte(char c)
{
    return is_blank_byte(c) || in_set(c, "*#>|_=~`");
}

static void trim_line(const char *s, line *ln)
{
    size_t a = ln->start, b = ln->end;
    while (a < b) {
        size_t next;
        if (is_markup_byte(s[a]))
            a++;
        else if (vt_scan_hspace(s, b, a, &next))
            a = next;
        else
            break;
    }
    while (b > a && is_markup_byte(s[b - 1]))
        b--;
    ln->a = a;
    ln->b = b;
}

/*
 * A word that is OCR's reading of the stamp's big "ĐẾN": 2–4 upper-case letters
 * whose bases are within edit distance 1 of "DEN". With `relaxed`, distance 2 is
 * enough when two of the glyph's features survived: the bar of Đ, the acute tone
 * of Ế, the final N ("ĐÁP" keeps the first two).
 */
static bool den_like(const char *s, size_t a, size_t b, bool relaxed)
{
    char base[8];
    size_t n = 0, pos = a;
    bool bar = false, acute = false;
    while (pos < b) {
        int32_t cp = vt_utf8_next(s, b, &pos);
        vt_letter l;
        if (!vt_letter_decompose(cp, &l) || !l.upper || n == 4)
            return false;
        bar |= n == 0 && l.mark == VT_MARK_BAR;
        acute |= l.tone == VT_TONE_SAC;
        base[n++] = l.base;
    }
    base[n] = '\0';
    if (n < 2)
        return false;
    size_t d = edit_distance(base, "den");
    int features = bar + acute + (base[n - 1] == 'n');
    return d <= 1 || (relaxed && d == 2 && features >= 2);
}

/* Titles and marks of the notice itself that look like an organisation line. */
static const char *const not_org_prefix[] = {
    "thong bao", "quyet dinh", "nghi quyet", "chi thi", "quy che", "quy dinh", "thong cao",
    "huong dan", "chuong trinh", "ke hoach", "phuong an", "de an", "du an", "bao cao",
    "bien ban", "to trinh", "hop dong", "cong van", "cong dien", "ban ghi nho",
    "ban thoa thuan", "giay uy quyen", "giay moi", "giay gioi thieu", "giay nghi phep",
    "phieu gui", "phieu chuyen", "phieu bao", "phieu giai quyet", "thu cong", "sao y",
    "trich sao", "sao luc", "ban sao", "cong hoa xa hoi", "doc lap tu do", "hoa toc",
    "thuong khan", "khan", "toi mat", "tuyet mat", "mat", "du thao", "noi nhan",
};

/* Upper-case words without digits (no lower-case letter at all): maybe "TRUNG TÂM
 * Y TẾ …" or its cut-off "UNG TÂM Y TẾ …". */
static bool upper_name(const char *s, size_t a, size_t b)
{
    if (b - a > 160 || count_words(s, a, b) < 2)
        return false;
    unsigned letters = 0, others = 0;
    for (size_t pos = a; pos < b;) {
        int32_t cp = vt_utf8_next(s, b, &pos);
        if (is_digit(cp) || is_lower_letter(cp))
            return false;
        if (is_upper_letter(cp))
            letters++;
        else if (cp != ' ' && !is_combining(cp))
            others++;
    }
    if (letters < 4 || others * 4 > letters)
        return false;
    char fold[FOLD_CAP];
    bool truncated;
    fold_span(s, a, b, true, fold, sizeof fold, &truncated);
    for (size_t i = 0; i < sizeof not_org_prefix / sizeof *not_org_prefix; i++)
        if (starts_with_words(fold, not_org_prefix[i]))
            return false;
    return true;
}

/* Labels of the notice's own that can stand alone on a line ending in ":". */
static const char *const notice_labels[] = {"kinh gui", "noi nhan", "can cu", "dong kinh gui"};

/* "nhiều nhất:": one to four words and a colon (the form's dots may follow). */
static bool short_label(const char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == '.' || s[b - 1] == ' '))
        b--;
    if (b == a || s[b - 1] != ':' || b - a > 48)
        return false;
    unsigned words = count_words(s, a, b - 1);
    if (words < 1 || words > 4)
        return false;
    for (size_t i = a; i < b; i++)
        if (is_digit(s[i]))
            return false;
    char fold[FOLD_CAP];
    bool truncated;
    if (!fold_span(s, a, b - 1, true, fold, sizeof fold, &truncated))
        return false;
    for (size_t i = 0; i < sizeof notice_labels / sizeof *notice_labels; i++)
        if (starts_with_words(fold, notice_labels[i]))
            return false;
    return true;
}

static bool set_kind(line *ln, line_kind kind, bool strong, size_t value)
{
    ln->kind = kind;
    ln->strong = strong;
    ln->value = value;
    return true;
}

/* Classify s[p, ln->b) as one of the stamp's labels. */
static bool classify_label(const char *s, size_t p, line *ln)
{
    char fold[FOLD_CAP], word[16];
    bool truncated;
    size_t b = ln->b;
    fold_span(s, p, b, true, fold, 40, &truncated);
    if ((starts_with(fold, "so va ky hieu") || starts_with(fold, "so ky hieu ho so")
         || starts_with(fold, "luu ho so")) && b - p <= 80)
        return set_kind(ln, K_FILE, false, b);

    size_t wend, letters = first_word(s, p, b, word, sizeof word, &wend);
    size_t after = skip_blanks(s, wend, b);
    char second[8];
    size_t second_end;
    if ((strcmp(word, "so") == 0 || strcmp(word, "ngay") == 0)
        && first_word(s, after, b, second, sizeof second, &second_end) == 3
        && strcmp(second, "den") == 0)  /* e-office stamps: "Số đến:", "Ngày đến:" */
        after = skip_blanks(s, second_end, b);
    if (after < b && s[after] == '.' && letters <= 4)  /* "Số.:" */
        after = skip_blanks(s, after + 1, b);
    bool colon = after < b && s[after] == ':';
    size_t v = colon ? skip_blanks(s, after + 1, b) : after;
    value_shape shape = value_shape_of(s, v, b);

    if (strcmp(word, "so") == 0 && (colon || (v < b && is_digit(s[v])))) {
        char t[40];
        if (shape == V_INTEGER && numeric_value(s, v, b, t, sizeof t) && strlen(t) <= 7)
            return set_kind(ln, K_NUMBER, true, v);
        if (shape == V_EMPTY)
            return set_kind(ln, K_NUMBER, false, v);
        return false;
    }
    if (strcmp(word, "ngay") == 0) {
        if (shape == V_DATE_FULL)
            return set_kind(ln, K_DATE, true, v);
        if (shape == V_EMPTY || shape == V_DATE_PART || (shape == V_INTEGER && colon))
            return set_kind(ln, K_DATE, false, v);
        return false;
    }
    /* "NRày: 13/2/2023": a misread "Ngày" counts only before a full date */
    if (colon && letters >= 3 && letters <= 6 && edit_distance(word, "ngay") <= 2
        && shape == V_DATE_FULL)
        return set_kind(ln, K_DATE, true, v);
    if (strcmp(word, "gio") == 0 && colon && b - v <= 12)
        return set_kind(ln, K_FILE, false, v);
    if (colon && letters >= 3 && letters <= 8 && edit_distance(word, "chuyen") <= 2)
        return set_kind(ln, K_FORWARD, false, v);
    return false;
}

static void classify(const char *s, line *ln)
{
    ln->kind = K_BLANK;
    if (ln->a == ln->b)
        return;
    ln->kind = K_OTHER;
    ln->words = count_words(s, ln->a, ln->b);
    char word[16];
    size_t wend;
    size_t letters = first_word(s, ln->a, ln->b, word, sizeof word, &wend);
    if (letters > 0 && wend == ln->b && den_like(s, ln->a, wend, true)) {
        ln->kind = K_DEN;
        return;
    }
    if (classify_label(s, ln->a, ln))
        return;
    /* "ĐẾN  Số: 0764": the box and a label read as one line */
    if (letters > 0 && wend < ln->b && den_like(s, ln->a, wend, false)
        && classify_label(s, skip_blanks(s, wend, ln->b), ln))
        return;
    /* "4 Số: 0764": the stamp's frame read as a stray character or two */
    size_t stray = ln->a;
    while (stray < ln->b && !is_blank_byte(s[stray]))
        stray++;
    if (letters == 0 && stray - ln->a <= 2 && stray < ln->b
        && classify_label(s, skip_blanks(s, stray, ln->b), ln))
        return;
    ln->upper_name = upper_name(s, ln->a, ln->b);
    ln->short_label = short_label(s, ln->a, ln->b);
}

/* The lines of s[from, to) ("\n"-separated; to is a page end). NULL on no memory. */
static line *split_lines(const char *s, size_t from, size_t to, size_t *count)
{
    size_t n = 1;
    for (size_t i = from; i < to; i++)
        n += s[i] == '\n';
    line *lines = calloc(n, sizeof *lines);
    if (!lines)
        return NULL;
    size_t pos = from;
    for (size_t i = 0; i < n; i++) {
        const char *nl = memchr(s + pos, '\n', to - pos);
        size_t end = nl ? (size_t)(nl - s) : to;
        lines[i].start = pos;
        lines[i].end = end;
        lines[i].next = nl ? end + 1 : end;
        trim_line(s, &lines[i]);
        classify(s, &lines[i]);
        pos = lines[i].next;
    }
    *count = n;
    return lines;
}

static size_t page_end(const char *s, size_t len, size_t from)
{
    const char *ff = memchr(s + from, '\f', len - from);
    return ff ? (size_t)(ff - s) : len;
}

/* ---- the processing slip ----------------------------------------------------- */

typedef struct slip_span {
    size_t start, end;            /* title line to page end */
    size_t title_a, title_b;      /* the title line */
    size_t more_a, more_b;        /* its second line, when it was read as two */
    size_t num_a, num_b;          /* num_a == num_b: no number line */
} slip_span;

static const char slip_title[] = "phieu giai quyet van ban den";

static bool slip_title_fold(const char *fold, size_t n)
{
    return n >= 20 && n <= 36 && edit_distance(fold, slip_title) <= 3;
}

/* The slip title at lines[i], alone or continued on the next line ("PHIẾU GIẢI
 * QUYẾT" / "VĂN BẢN ĐẾN"); sets *last to its last line. */
static bool slip_title_at(const char *s, const line *lines, size_t n, size_t i, size_t *last)
{
    char fold[FOLD_CAP], more[FOLD_CAP];
    bool truncated;
    size_t fn = fold_span(s, lines[i].a, lines[i].b, true, fold, 48, &truncated);
    if (truncated || fn == 0)
        return false;
    *last = i;
    if (slip_title_fold(fold, fn))
        return true;
    if (fn < 8 || fn >= 24 || i + 1 >= n || lines[i + 1].kind == K_BLANK)
        return false;
    size_t mn = fold_span(s, lines[i + 1].a, lines[i + 1].b, true, more, 32, &truncated);
    if (truncated)
        return false;
    fold[fn] = ' ';
    memcpy(fold + fn + 1, more, mn + 1);
    *last = i + 1;
    return slip_title_fold(fold, fn + 1 + mn);
}

/* The "Số: 88/TB-SYT … ngày …" line naming the incoming document, among the first
 * non-blank lines after the title. */
static void slip_number_line(const char *s, const line *lines, size_t n, size_t from,
                             slip_span *out)
{
    for (size_t i = from, seen = 0; i < n && seen < 4; i++) {
        if (lines[i].kind == K_BLANK)
            continue;
        seen++;
        char word[16];
        size_t wend;
        first_word(s, lines[i].a, lines[i].b, word, sizeof word, &wend);
        if (strcmp(word, "so") == 0 && wend < lines[i].b) {
            out->num_a = lines[i].a;
            out->num_b = lines[i].b;
            return;
        }
    }
}

/* 1 found, 0 none, -1 no memory. */
static int locate_slip(const char *s, size_t len, slip_span *out)
{
    for (size_t from = 0; from <= len;) {
        size_t to = page_end(s, len, from), n;
        line *lines = split_lines(s, from, to, &n);
        if (!lines)
            return -1;
        for (size_t i = 0, last; i < n; i++) {
            if (lines[i].kind == K_BLANK || !slip_title_at(s, lines, n, i, &last))
                continue;
            *out = (slip_span){.start = lines[i].start, .end = to, .title_a = lines[i].a,
                               .title_b = lines[i].b};
            if (last != i)
                out->more_a = lines[last].a, out->more_b = lines[last].b;
            slip_number_line(s, lines, n, last + 1, out);
            free(lines);
            return 1;
        }
        free(lines);
        from = to + 1;
    }
    return 0;
}

static char *copy_span(const char *s, size_t a, size_t b)
{
    char *out = malloc(b - a + 1);
    if (out) {
        memcpy(out, s + a, b - a);
        out[b - a] = '\0';
    }
    return out;
}

int vt_slip_find(const char *text, size_t len, vt_slip *out)
{
    *out = (vt_slip){0};
    if (!text)
        text = "", len = 0;
    slip_span span;
    int rc = locate_slip(text, len, &span);
    if (rc <= 0)
        return rc;
    size_t raw_end = span.end;
    while (raw_end > span.start && in_set(text[raw_end - 1], " \t\r\n"))
        raw_end--;
    vt_strbuf title = {0};
    vt_strbuf_append(&title, text + span.title_a, span.title_b - span.title_a);
    if (span.more_b > span.more_a) {
        vt_strbuf_putc(&title, ' ');
        vt_strbuf_append(&title, text + span.more_a, span.more_b - span.more_a);
    }
    out->title = vt_strbuf_take(&title);
    out->raw = copy_span(text, span.start, raw_end);
    if (span.num_b > span.num_a)
        out->number_line = copy_span(text, span.num_a, span.num_b);
    if (!out->title || !out->raw || (span.num_b > span.num_a && !out->number_line)) {
        vt_slip_free(out);
        return -1;
    }
    out->found = true;
    out->start = span.start;
    out->end = span.end;
    return 0;
}

void vt_slip_free(vt_slip *s)
{
    free(s->title);
    free(s->number_line);
    free(s->raw);
    *s = (vt_slip){0};
}

/* ---- the header zone ---------------------------------------------------------- */

/*
 * Lines [0, returned index) of the page are its header zone: it ends before the second line
 * long enough to be body text (the first may be a long title), at the slip, and
 * after at most half the page's non-blank lines (never fewer than ZONE_MIN_LINES),
 * since the registry stamps the upper part of the first page.
 */
static size_t zone_end(const line *lines, size_t n, size_t slip_start)
{
    size_t nonblank = 0;
    for (size_t i = 0; i < n; i++)
        nonblank += lines[i].kind != K_BLANK;
    size_t cap = nonblank / 2 > ZONE_MIN_LINES ? nonblank / 2 : ZONE_MIN_LINES;
    size_t seen = 0, long_lines = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].start >= slip_start)
            return i;
        if (lines[i].kind == K_BLANK)
            continue;
        if (lines[i].words >= LONG_LINE_WORDS && ++long_lines == 2)
            return i;
        if (++seen > cap)
            return i;
    }
    return n;
}

/* ---- stamp groups ------------------------------------------------------------- */

/* The kinds after K_OTHER are the stamp's labels. */
static bool is_member(const line *ln) { return ln->kind > K_OTHER; }

static unsigned kind_bit(const line *ln) { return 1u << ln->kind; }

/* Several labels, one of them strong: three kinds, or the number and the date. */
static bool group_is_stamp(const line *lines, size_t first, size_t last)
{
    unsigned kinds = 0;
    bool strong_number = false, strong_date = false;
    for (size_t i = first; i <= last; i++) {
        if (!is_member(&lines[i]))
            continue;
        kinds |= kind_bit(&lines[i]);
        strong_number |= lines[i].kind == K_NUMBER && lines[i].strong;
        strong_date |= lines[i].kind == K_DATE && lines[i].strong;
    }
    int distinct = __builtin_popcount(kinds);
    return (strong_number || strong_date) && (distinct >= 3 || (strong_number && strong_date));
}

/* Case-folded letters and digits of s[a, b), words separated by one space; false
 * when it does not fit. */
static bool normalise(const char *s, size_t a, size_t b, char *buf, size_t *n)
{
    size_t k = 0;
    for (size_t pos = a; pos < b;) {
        int32_t cp = vt_utf8_next(s, b, &pos);
        if (vt_scan_is_letter(cp) || is_digit(cp)) {
            if (k + 4 >= NORM_CAP)
                return false;
            k += vt_utf8_encode(vt_scan_fold(cp), buf + k);
        } else if (k > 0 && buf[k - 1] != ' ') {
            buf[k++] = ' ';
        }
        if (k >= NORM_CAP - 1)
            return false;
    }
    while (k > 0 && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
    *n = k;
    return true;
}

/* True when text[v, b) of lines[i] repeats a nearby line, or contains one or is
 * contained in one (at least 12 bytes): the title line OCR read twice, once fused
 * with the stamp label above it. */
static bool duplicates_nearby(const char *s, const line *lines, size_t n, size_t i, size_t v)
{
    char mine[NORM_CAP], other[NORM_CAP];
    size_t mn, on;
    if (!normalise(s, v, lines[i].b, mine, &mn) || mn == 0)
        return false;
    size_t lo = i > DUP_WINDOW ? i - DUP_WINDOW : 0;
    size_t hi = i + DUP_WINDOW < n ? i + DUP_WINDOW : n - 1;
    for (size_t j = lo; j <= hi; j++) {
        if (j == i || lines[j].kind == K_BLANK || !normalise(s, lines[j].a, lines[j].b, other, &on))
            continue;
        if (mn == on ? strcmp(mine, other) == 0
                     : (mn < on ? mn >= 12 && strstr(other, mine) : on >= 12 && strstr(mine, other)))
            return true;
    }
    return false;
}

/* Whole "Chuyển: P.TH" line, or only the label of "nuyễn: ‹title line›": a value
 * longer than a routing note is the notice's own line that OCR fused with it,
 * however well the label itself was read. */
static void decide_forward(const char *s, line *lines, size_t n, size_t i)
{
    line *ln = &lines[i];
    ln->role = R_WHOLE;
    if (ln->value >= ln->b || duplicates_nearby(s, lines, n, i, ln->value))
        return;
    bool short_value = count_words(s, ln->value, ln->b) <= 4 && ln->b - ln->value <= 40;
    if (short_value)
        ln->forward_value = true;
    else
        ln->role = R_PREFIX;
}

static size_t prev_nonblank(const line *lines, size_t i, size_t lo)
{
    while (i > lo && lines[i - 1].kind == K_BLANK)
        i--;
    return i > lo ? i - 1 : SIZE_MAX;
}

static size_t next_nonblank(const line *lines, size_t i, size_t hi)
{
    for (i++; i < hi; i++)
        if (lines[i].kind != K_BLANK)
            return i;
    return SIZE_MAX;
}

/* Mark the residue of the accepted group [first, last] of the zone [0, zend) of
 * the page's n lines. */
static void mark_group(const char *s, line *lines, size_t n, size_t zend, size_t first,
                       size_t last)
{
    bool org = false;
    for (size_t i = first; i <= last; i++) {
        line *ln = &lines[i];
        if (ln->kind == K_FORWARD)
            decide_forward(s, lines, n, i);
        else if (is_member(ln) || ln->short_label)
            ln->role = R_WHOLE;
        else if (ln->upper_name && !org)
            ln->role = R_WHOLE, ln->org = org = true;
    }
    /* the org line tops the stamp; a long name wraps onto a second line */
    size_t before = prev_nonblank(lines, first, 0);
    if (!org && before != SIZE_MAX && lines[before].upper_name && lines[before].role == R_KEEP) {
        lines[before].role = R_WHOLE, lines[before].org = true;
        line *above = before > 0 ? &lines[before - 1] : NULL;
        if (above && above->upper_name && above->role == R_KEEP)
            above->role = R_WHOLE, above->org = true;
    }
    size_t after = next_nonblank(lines, last, zend);
    if (after != SIZE_MAX && lines[after].short_label)
        lines[after].role = R_WHOLE;
}

/*
 * Once a stamp is certain, its weak labels further down (Chuyển, the file label)
 * are taken too: OCR reads the stamp and the header column beside it row by row,
 * so the national name, motto, place, date and title can come between them.
 */
static void mark_stragglers(const char *s, line *lines, size_t n, size_t zend, size_t last)
{
    size_t seen = 0;
    for (size_t j = last + 1; j < zend && seen < STRAGGLER_LINES; j++) {
        line *ln = &lines[j];
        if (ln->kind == K_BLANK)
            continue;
        seen++;
        if (ln->role != R_KEEP)
            continue;
        if (ln->kind == K_FORWARD)
            decide_forward(s, lines, n, j);
        else if (ln->kind == K_FILE)
            ln->role = R_WHOLE;
    }
}

/* Members closer than two non-member lines form a group; mark every stamp group. */
static bool mark_stamps(const char *s, line *lines, size_t n, size_t zend)
{
    bool any = false;
    for (size_t i = 0; i < zend;) {
        if (!is_member(&lines[i])) {
            i++;
            continue;
        }
        size_t last = i, gap = 0;
        for (size_t j = i + 1; j < zend && gap <= 1; j++) {
            if (lines[j].kind == K_BLANK)
                continue;
            if (is_member(&lines[j]))
                last = j, gap = 0;
            else
                gap++;
        }
        if (group_is_stamp(lines, i, last)) {
            mark_group(s, lines, n, zend, i, last);
            mark_stragglers(s, lines, n, zend, last);
            any = true;
        }
        i = last + 1;
    }
    return any;
}

/* ---- the result ------------------------------------------------------------------ */

/* Append [start, end), merged with the previous range when they touch. */
static bool add_range(vt_stamp_residue *out, size_t *cap, size_t start, size_t end)
{
    size_t n = out->n_ranges;
    if (n > 0 && out->ranges[n - 1].end == start) {
        out->ranges[n - 1].end = end;
        return true;
    }
    if (!VT_ARRAY_RESERVE(out->ranges, *cap, n, 1, 4))
        return false;
    out->ranges[out->n_ranges++] = (vt_residue_range){start, end};
    return true;
}

/* Ranges of the marked lines; a run of blank lines between two whole residue lines
 * goes too (each run is looked at once: OCR text can hold long runs). */
static bool collect_ranges(const line *lines, size_t zend, vt_stamp_residue *out)
{
    size_t cap = 0;
    for (size_t i = 0; i < zend;) {
        const line *ln = &lines[i];
        if (ln->kind == K_BLANK) {
            size_t j = i;
            while (j < zend && lines[j].kind == K_BLANK)
                j++;
            bool between = i > 0 && j < zend && lines[i - 1].role == R_WHOLE
                           && lines[j].role == R_WHOLE;
            if (between && !add_range(out, &cap, ln->start, lines[j - 1].next))
                return false;
            i = j;
            continue;
        }
        size_t end = ln->role == R_PREFIX ? ln->value : ln->next;
        if (ln->role != R_KEEP && !add_range(out, &cap, ln->start, end))
            return false;
        i++;
    }
    return true;
}

static void put_line(vt_strbuf *sb, const char *label, const char *p, size_t n)
{
    if (sb->len > 0)
        vt_strbuf_putc(sb, '\n');
    vt_strbuf_puts(sb, label);
    vt_strbuf_append(sb, p, n);
}

/* The removed text, one line per residue line. */
static void build_raw(const char *s, const line *lines, size_t zend, vt_strbuf *sb)
{
    for (size_t i = 0; i < zend; i++) {
        size_t b = lines[i].role == R_PREFIX ? lines[i].value : lines[i].b;
        while (b > lines[i].a && is_blank_byte(s[b - 1]))
            b--;
        if (lines[i].role != R_KEEP && lines[i].kind != K_BLANK)
            put_line(sb, "", s + lines[i].a, b - lines[i].a);
    }
}

/*
 * What vt_stamp_fields_parse is given: the org line first (it takes the first
 * line that is not a label as the organisation), then each readable field under
 * its canonical label, so misread labels and the "ĐẾN" word cannot pass for the
 * organisation and OCR's O/l in numbers are read as digits.
 */
static void build_parse_text(const char *s, const line *lines, size_t zend, vt_strbuf *sb)
{
    for (size_t i = 0; i < zend; i++)  /* a wrapped org name on one line */
        if (lines[i].org) {
            if (sb->len > 0)
                vt_strbuf_putc(sb, ' ');
            vt_strbuf_append(sb, s + lines[i].a, lines[i].b - lines[i].a);
        }
    for (size_t i = 0; i < zend; i++) {
        const line *ln = &lines[i];
        char t[40];
        if (ln->role == R_KEEP)
            continue;
        if ((ln->kind == K_NUMBER || ln->kind == K_DATE) && ln->value < ln->b
            && read_value(s, ln->value, ln->b, t, sizeof t) != V_OTHER)
            put_line(sb, ln->kind == K_NUMBER ? "Số: " : "Ngày: ", t, strlen(t));
        else if (ln->kind == K_FORWARD && ln->forward_value)
            put_line(sb, "Chuyển: ", s + ln->value, ln->b - ln->value);
    }
}

static int fill_result(const char *s, const line *lines, size_t zend, vt_stamp_residue *out)
{
    vt_strbuf raw = {0}, parse = {0};
    build_raw(s, lines, zend, &raw);
    build_parse_text(s, lines, zend, &parse);
    out->raw = vt_strbuf_take(&raw);
    char *parse_text = vt_strbuf_take(&parse);
    int rc = (out->raw && parse_text && collect_ranges(lines, zend, out)
              && vt_stamp_fields_parse(parse_text, &out->fields) == 0) ? 0 : -1;
    free(parse_text);
    return rc;
}

/* Non-blank lines that start before byte pos. */
static size_t nonblank_before(const line *lines, size_t n, size_t pos)
{
    size_t count = 0;
    for (size_t i = 0; i < n && lines[i].start < pos; i++)
        count += lines[i].kind != K_BLANK;
    return count;
}

int vt_stamp_residue_find(const char *text, size_t len, vt_stamp_residue *out)
{
    *out = (vt_stamp_residue){0};
    if (!text)
        text = "", len = 0;
    slip_span slip;
    int has_slip = locate_slip(text, len, &slip);
    if (has_slip < 0)
        return -1;
    size_t from = 0, to = page_end(text, len, 0), n;
    size_t slip_start = has_slip ? slip.start : SIZE_MAX;
    line *lines = split_lines(text, from, to, &n);
    if (!lines)
        return -1;
    /* A slip at the top of the first page is its own sheet: the notice follows it. */
    if (has_slip && slip.start < to && slip.end < len && nonblank_before(lines, n, slip.start) <= 8) {
        free(lines);
        from = slip.end + 1;
        to = page_end(text, len, from);
        slip_start = SIZE_MAX;
        if (!(lines = split_lines(text, from, to, &n)))
            return -1;
    }
    size_t zend = zone_end(lines, n, slip_start);
    int rc = 0;
    if (mark_stamps(text, lines, n, zend)) {
        rc = fill_result(text, lines, zend, out);
        out->found = rc == 0;
        if (rc != 0)
            vt_stamp_residue_free(out);
    }
    free(lines);
    return rc;
}

void vt_stamp_residue_free(vt_stamp_residue *r)
{
    free(r->ranges);
    free(r->raw);
    vt_stamp_fields_free(&r->fields);
    *r = (vt_stamp_residue){0};
}

char *vt_residue_cut(const char *text, size_t len, const vt_residue_range *ranges, size_t n,
                     size_t *out_len)
{
    vt_strbuf sb = {0};
    size_t pos = 0;
    if (!text)
        text = "", len = 0;
    for (size_t i = 0; i < n; i++) {
        if (ranges[i].start < pos || ranges[i].end > len || ranges[i].end < ranges[i].start)
            break;  /* not sorted or out of the text: keep the rest as it is */
        vt_strbuf_append(&sb, text + pos, ranges[i].start - pos);
        pos = ranges[i].end;
    }
    vt_strbuf_append(&sb, text + pos, len - pos);
    size_t n_out = sb.len;
    char *out = vt_strbuf_take(&sb);
    if (out && out_len)
        *out_len = n_out;
    return out;
}
