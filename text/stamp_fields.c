/*
 * stamp_fields.c — fields of a receipt stamp from OCR text (see stamp_fields.h).
 *
 * Each line is folded to lower-case ASCII (marks and đ removed, through ICU's
 * canonical decomposition) to find its label; the value is taken from the
 * original line. Numbers are read digit by digit, so separators OCR confuses
 * ("21I4I2025", "21.4.2025", "21 / 4 / 2025") all give the same date, which is
 * kept only when it exists in the calendar.
 */
#include "stamp_fields.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "syllable.h"
#include "utf8.h"

/* Lower-case ASCII letters, digits and spaces of a UTF-8 line, marks dropped. */
static char *fold_to_ascii(const char *line, size_t len)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    char *out = malloc(len * 2 + 1);
    if (!out || U_FAILURE(err)) {
        free(out);
        return NULL;
    }
    size_t n = 0, pos = 0;
    while (pos < len) {
        int32_t c = vt_utf8_next(line, len, &pos);
        if (c == 0x111 || c == 0x110)
            c = 'd';
        else if (c >= 0x80) {
            UChar decomposed[8];
            int32_t dn = unorm2_getDecomposition(nfd, c, decomposed, 8, &err);
            c = (dn > 0 && decomposed[0] < 0x80) ? decomposed[0] : ' ';
            err = U_ZERO_ERROR;
        }
        out[n++] = (char)tolower(c);
    }
    out[n] = '\0';
    return out;
}

/* Skip what OCR puts before a label: spaces, dashes, stray marks ("= Số:"). */
static const char *skip_noise(const char *folded)
{
    while (*folded && !isalnum((unsigned char)*folded))
        folded++;
    return folded;
}

static bool starts_with_label(const char *folded, const char *label)
{
    folded = skip_noise(folded);
    return strncmp(folded, label, strlen(label)) == 0;
}

/* "Số:" or "Số 0764", but not "Sở Y tế" (which folds to the same letters). */
static bool is_number_label(const char *folded)
{
    if (!starts_with_label(folded, "so"))
        return false;
    const char *p = skip_noise(folded) + 2;
    while (*p == ' ' || *p == '.')
        p++;
    return *p == ':' || isdigit((unsigned char)*p);
}

/* Up to `max` numbers in a line, each a run of digits. */
static int read_numbers(const char *s, long *numbers, int max)
{
    int n = 0;
    while (*s && n < max) {
        if (isdigit((unsigned char)*s)) {
            char *end;
            numbers[n++] = strtol(s, &end, 10);
            s = end;
        } else {
            s++;
        }
    }
    return n;
}

int vt_iso_date(int day, int month, int year, char iso[11])
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1)
        return -1;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > days[month - 1] + (month == 2 && leap))
        return -1;
    char buf[32];   /* roomy: the compiler cannot see the ranges checked above */
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    memcpy(iso, buf, 11);
    return 0;
}

/* The text after the label's colon (or after the label), trimmed. */
/* A letter or digit: ASCII, or a Latin letter with marks (U+00C0–U+1FFF, the
 * Vietnamese ones among them; dashes and other punctuation start at U+2000). */
static bool is_word_char(int32_t cp)
{
    return (cp < 0x80 && isalnum((int)cp)) || (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
}

static bool has_word_char(const char *s, size_t len)
{
    for (size_t pos = 0; pos < len;)
        if (is_word_char(vt_utf8_next(s, len, &pos)))
            return true;
    return false;
}

/* Trim what is not a letter or digit off the start of a token, and the form's
 * dotted leader off its end ("-P.NV.........." → "P.NV"; "P." stays). */
static void trim_token(const char **start, const char **end)
{
    while (*start < *end) {
        size_t pos = 0;
        if (is_word_char(vt_utf8_next(*start, (size_t)(*end - *start), &pos)))
            break;
        *start += pos;
    }
    const char *e = *end;
    while (e > *start && e[-1] == '.')
        e--;
    if (*end - e >= 2)
        *end = e;       /* a leader of dots; a single one ends an abbreviation */
}

/* The entry after "Label:": its tokens that hold a letter or digit, trimmed
 * (the form's dots and the frame's edge read as "|" or "_—_" dropped). */
static char *value_after_colon(const char *line, size_t len)
{
    const char *colon = memchr(line, ':', len);
    const char *v = colon ? colon + 1 : line;
    const char *end = line + len;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    while (v < end) {
        while (v < end && (*v == ' ' || *v == '\t'))
            v++;
        const char *t = v;
        while (v < end && *v != ' ' && *v != '\t')
            v++;
        const char *ts = t, *te = v;
        if (ts == te || !has_word_char(ts, (size_t)(te - ts)))
            continue;
        trim_token(&ts, &te);
        if (te > ts) {
            if (n)
                out[n++] = ' ';
            memcpy(out + n, ts, (size_t)(te - ts));
            n += (size_t)(te - ts);
        }
    }
    while (n > 0 && out[n - 1] == '.')
        n--;    /* the value's last dot, as before */
    out[n] = '\0';
    if (n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static char *digits_of(const char *s)
{
    char buf[32];
    size_t n = 0;
    for (; *s && n + 1 < sizeof buf; s++)
        if (isdigit((unsigned char)*s))
            buf[n++] = *s;
        else if (n > 0)
            break;            /* the first run of digits is the number */
    buf[n] = '\0';
    return n ? strdup(buf) : NULL;
}

/*
 * A date OCR ran together: its slashes read as '1' or lost ("21/4/2025" as
 * "21142025", "18/3/2024" as "181312024"). With the year as the last four digits,
 * the rest must be a day, an optional '1' that was a slash, a month and another
 * optional '1'; the date is kept only when exactly one such reading is a real
 * date, so nothing is guessed.
 */
static bool date_from_digit_run(const char *digits, char iso[11])
{
    size_t n = strlen(digits);
    if (n < 6 || n > 10)
        return false;
    int year = atoi(digits + n - 4);
    int found = 0;
    char candidate[11];
    for (size_t day_len = 1; day_len <= 2; day_len++)
        for (size_t sep1 = 0; sep1 <= 1; sep1++)
            for (size_t sep2 = 0; sep2 <= 1; sep2++) {
                size_t rest = n - 4 - sep2;
                if (day_len + sep1 >= rest || (sep1 && digits[day_len] != '1')
                    || (sep2 && digits[rest] != '1'))
                    continue;
                size_t month_len = rest - day_len - sep1;
                if (month_len > 2)
                    continue;
                char d[3] = {0}, m[3] = {0};
                memcpy(d, digits, day_len);
                memcpy(m, digits + day_len + sep1, month_len);
                if (vt_iso_date(atoi(d), atoi(m), year, candidate) == 0
                    && (found == 0 || strcmp(candidate, iso) != 0)) {
                    memcpy(iso, candidate, 11);
                    found++;
                }
            }
    return found == 1;
}

/* A day/month/year in the line, however OCR separated (or merged) its parts. */
static bool read_date(const char *folded, char iso[11])
{
    long num[3];
    int n = read_numbers(folded, num, 3);
    if (n == 3)
        return vt_iso_date((int)num[0], (int)num[1], (int)num[2], iso) == 0;
    if (n == 1) {
        char *digits = digits_of(folded);
        bool ok = digits && date_from_digit_run(digits, iso);
        free(digits);
        return ok;
    }
    return false;
}

/* The byte offset in `line` of its `chars`-th character: fold_to_ascii writes one
 * folded byte per step of vt_utf8_next, so folded offsets count those steps. */
static size_t line_offset(const char *line, size_t len, size_t chars)
{
    size_t pos = 0;
    for (size_t i = 0; i < chars && pos < len; i++)
        vt_utf8_next(line, len, &pos);
    return pos;
}

/* Where a "Ngày:" or "Chuyển:" label with its colon starts after other words in
 * the line, or NULL. Pen strokes and the form's frame across the stamp are read as
 * letters before the label ("Kon S Q.n Ngày: 18/3/2024"); the colon makes the
 * label certain there. "Số:" is left out: "Lưu hồ sơ số:" ends with it. */
/* "Số:" inside a line counts with a number after it ("1®: Số: 24"), not as the
 * end of "Lưu hồ sơ số:" (the file reference, whose "Lưu" OCR may lose). */
static bool number_label_at(const char *folded, const char *p)
{
    const char *after = p + 2;
    while (*after == ' ')
        after++;
    if (*after != ':')
        return false;
    after++;
    while (*after == ' ')
        after++;
    size_t before = (size_t)(p - folded);
    bool after_so = before >= 3 && strncmp(p - 3, "so ", 3) == 0;
    return isdigit((unsigned char)*after) && !after_so;
}

static const char *label_inside(const char *folded)
{
    static const char *const labels[] = {"ngay", "chuyen", "so"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        size_t n = strlen(labels[i]);
        for (const char *p = strstr(folded + 1, labels[i]); p; p = strstr(p + 1, labels[i])) {
            const char *after = p + n;
            while (*after == ' ')
                after++;
            if (isalnum((unsigned char)p[-1]) || *after != ':')
                continue;
            if (strcmp(labels[i], "so") != 0 || number_label_at(folded, p))
                return p;
        }
    }
    return NULL;
}

static bool starts_with_known_label(const char *folded)
{
    return starts_with_label(folded, "ngay") || starts_with_label(folded, "chuyen")
           || starts_with_label(folded, "luu ho so") || is_number_label(folded)
           || starts_with_label(folded, "so va ky hieu");
}

static bool reads_as_name(const char *s);

/* Icelandic Ð ð, which OCR reads for Vietnamese Đ đ (same shape; "ÐA KHOA"):
 * no Vietnamese name has them. Same byte length, in place. */
static void eth_to_dyet(char *s)
{
    for (; *s; s++)
        if ((unsigned char)s[0] == 0xC3 && ((unsigned char)s[1] == 0x90 || (unsigned char)s[1] == 0xB0)) {
            s[0] = (char)0xC4;
            s[1] = (unsigned char)s[1] == 0x90 ? (char)0x90 : (char)0x91;
            s++;
        }
}

/* Where the organisation's name stands while the lines are read: its lines so
 * far (0: none yet), or ORG_CLOSED once another line came. */
#define ORG_CLOSED (-1)
#define ORG_MAX_LINES 3

/* Append a further line of the name ("TRUNG TÂM Y TẾ HUYỆN" / "VỊ XUYÊN"). */
static void extend_org(vt_stamp_fields *out, const char *line, size_t len)
{
    size_t have = strlen(out->org);
    char *longer = realloc(out->org, have + 1 + len + 1);
    if (!longer)
        return;                 /* the first lines stay the name */
    longer[have] = ' ';
    memcpy(longer + have + 1, line, len);
    longer[have + 1 + len] = '\0';
    out->org = longer;
}

/* The number of code points in s[0..len). */
static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t pos = 0; pos < len; n++)
        vt_utf8_next(s, len, &pos);
    return n;
}

/* An unlabelled line: the name's first line, or its next one while the name is
 * open and the line reads as words of a name: two words, or one of four letters
 * or more ("XUYÊN"; a lone short word there is the big "ĐẾN" misread, "ĐÁP");
 * anything else closes it. */
static void read_org_line(const char *line, size_t len, vt_stamp_fields *out, int *org)
{
    if (*org == 0) {
        out->org = strndup(line, len);
        *org = out->org ? 1 : ORG_CLOSED;
        return;
    }
    while (len && line[len - 1] == ' ')
        len--;
    char *copy = *org > 0 && *org < ORG_MAX_LINES ? strndup(line, len) : NULL;
    if (copy && (strchr(copy, ' ') || code_points(copy, len) >= 4) && reads_as_name(copy)
        && reads_as_name(out->org)) {
        extend_org(out, line, len);
        (*org)++;
    } else
        *org = ORG_CLOSED;
    free(copy);
}

static void read_line(const char *line, size_t len, const char *folded, vt_stamp_fields *out,
                      int *org)
{
    char iso[11];
    const char *label = skip_noise(folded);
    if (strncmp(label, "den ", 4) == 0 && label[4 + strspn(label + 4, " ")]) {
        /* The form's big "ĐẾN" stands left of the "Số:" and "Ngày:" lines, and OCR
         * often reads it into one of them ("ĐẾN Số: 0417"): read the rest. */
        size_t skip = (size_t)(label - folded) + 4 + strspn(label + 4, " ");
        size_t at = line_offset(line, len, skip);
        read_line(line + at, len - at, folded + skip, out, org);
        return;
    }
    const char *inside = *label && !starts_with_known_label(folded) ? label_inside(label) : NULL;
    if (inside) {
        size_t skip = (size_t)(inside - folded);
        size_t at = line_offset(line, len, skip);
        read_line(line + at, len - at, folded + skip, out, org);
        return;
    }
    bool blank = strspn(folded, " ") == strlen(folded);
    bool labelled = starts_with_known_label(folded) || starts_with_label(folded, "den");
    if (labelled && *org > 0)
        *org = ORG_CLOSED;
    if (starts_with_label(folded, "ngay")) {
        if (!out->date && read_date(folded, iso))
            out->date = strdup(iso);
    } else if (starts_with_label(folded, "so va ky hieu") || starts_with_label(folded, "luu ho so")) {
        /* the file reference: not one of the fields read here */
    } else if (is_number_label(folded)) {
        if (!out->number)
            out->number = digits_of(folded);
    } else if (starts_with_label(folded, "chuyen")) {
        if (!out->forwarded_to)
            out->forwarded_to = value_after_colon(line, len);
    } else if (!blank && !labelled && *org != ORG_CLOSED) {
        read_org_line(line, len, out, org);
    }
}

/* An organisation's name is words: at least half its tokens (punctuation around
 * them aside) Vietnamese syllables. Print read through the stamp where its name
 * should be ("tbúngvif năwnB62iÿn" on a 1-bit page) is not a name. */
static bool reads_as_name(const char *s)
{
    int tokens = 0, syllables = 0;
    for (const char *p = s; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        size_t from = 0, to = len;
        while (from < to && ispunct((unsigned char)p[from]))
            from++;
        while (to > from && ispunct((unsigned char)p[to - 1]))
            to--;
        tokens++;
        syllables += to > from && vt_syllable_valid(p + from, to - from);
        p += len;
    }
    return tokens > 0 && 2 * syllables >= tokens;
}

/* An abbreviation a body's name is written with: two or more capitals (UBND,
 * HĐND, TB&XH, P.NV). */
static bool is_abbreviation(const char *s, size_t len)
{
    size_t capitals = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t c = vt_utf8_next(s, len, &pos);
        if ((c >= 'A' && c <= 'Z') || c == 0x110)
            capitals++;
        else if (c != '&' && c != '.')
            return false;
    }
    return capitals >= 2;
}

bool vt_stamp_name_word(const char *s, size_t len)
{
    return vt_syllable_valid(s, len) || is_abbreviation(s, len);
}

/* Cut from a name the tokens at either end that are neither a syllable nor an
 * abbreviation: the frame's edge and print beside the stamp, read as "|", "_",
 * "x" ("| UBND HUYỆN TIÊN DU |"). In place; whether anything was cut. */
static bool trim_name(char *name)
{
    size_t len = strlen(name), start = 0, end = len;
    while (start < end) {
        size_t from = start + strspn(name + start, " ");
        size_t to = from + strcspn(name + from, " ");
        if (to > end)
            to = end;
        if (from < to && vt_stamp_name_word(name + from, to - from))
            break;
        start = to;
    }
    while (end > start) {
        size_t to = end;
        while (to > start && name[to - 1] == ' ')
            to--;
        size_t from = to;
        while (from > start && name[from - 1] != ' ')
            from--;
        /* a full stop or comma after the last word is the print's, not the name's */
        size_t word_end = to;
        while (word_end > from && (name[word_end - 1] == '.' || name[word_end - 1] == ','))
            word_end--;
        if (from < word_end && vt_stamp_name_word(name + from, word_end - from)) {
            end = word_end;
            break;
        }
        end = from;
    }
    start += strspn(name + start, " ");
    bool cut = start > 0 || end < len;
    memmove(name, name + start, end > start ? end - start : 0);
    name[end > start ? end - start : 0] = '\0';
    return cut;
}

int vt_stamp_fields_parse(const char *text, vt_stamp_fields *out)
{
    *out = (vt_stamp_fields){0};
    int org = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        size_t start = 0;
        while (start < len && p[start] == ' ')
            start++;
        if (len > start) {
            char *folded = fold_to_ascii(p + start, len - start);
            if (!folded) {
                vt_stamp_fields_free(out);
                return -1;
            }
            read_line(p + start, len - start, folded, out, &org);
            free(folded);
        }
        p += len + (p[len] == '\n');
    }
    if (out->org) {
        eth_to_dyet(out->org);
        out->org_cut = trim_name(out->org);
    }
    if (out->org && !reads_as_name(out->org)) {
        free(out->org);
        out->org = NULL;
    }
    /* "Ngày" itself can be unreadable under the ink; the stamp holds no other date
     * than the arrival, so a line that is a full d/m/yyyy date is it. */
    for (const char *p = text; *p && !out->date;) {
        size_t len = strcspn(p, "\n");
        long num[3];
        char iso[11], *line = strndup(p, len);
        if (!line) {
            vt_stamp_fields_free(out);
            return -1;
        }
        if (strchr(line, '/') && read_numbers(line, num, 3) == 3 && num[2] >= 1900
            && vt_iso_date((int)num[0], (int)num[1], (int)num[2], iso) == 0)
            out->date = strdup(iso);
        free(line);
        p += len + (p[len] == '\n');
    }
    return 0;
}

void vt_stamp_fields_free(vt_stamp_fields *f)
{
    free(f->org);
    free(f->number);
    free(f->date);
    free(f->forwarded_to);
    *f = (vt_stamp_fields){0};
}
