/*
 * dates.c — date expressions of Vietnamese notices to ISO 8601 (see dates.h).
 *
 * A recursive-descent parser tried at every word start. Each form begins with a
 * keyword ("từ", "ngày", "tháng", "năm", "quý", a time of day …) or, for bare
 * numeric dates and "N tháng đầu năm", with a number; a bare "d/m" without a year
 * is too ambiguous in running text ("133/186", "23/34") and is only accepted as
 * the start of a range or after a keyword.
 *
 * While parsing, each attempt records the edits that would write its date
 * canonically (spacing, repaired digits); they are kept only when the attempt
 * succeeds, and only vt_dates_canonicalize() applies them.
 */
#include "dates.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "strbuf.h"
#include "wordscan.h"

/* Years outside this window are counts or amounts, not dates ("năm 3000 người"). */
#define YEAR_MIN 1800
#define YEAR_MAX 2199
/* A blank line is the most a date may be split by (page and paragraph breaks in
 * OCR output put "ngày" and its number on different lines). */
#define GAP_MAX_NEWLINES 2
#define EDITS_PER_DATE 24
/* Room for the longest ISO value with any int (the compiler checks snprintf). */
#define ISO_MAX 96

typedef struct edit {
    size_t start, end;  /* replace text[start, end) ... */
    char text[8];       /* ... by this (a space, nothing, or repaired digits) */
} edit;

/* One parse attempt at one position: the text and the edits it would make. */
typedef struct attempt {
    const char *s;
    size_t len;
    edit edits[EDITS_PER_DATE];
    size_t nedits;
    unsigned flags;
} attempt;

/* A point in time as written: day precision or month precision. */
typedef struct point {
    int day, month, year; /* 0 when absent (year) or blank (day, month) */
    bool day_precision;
    unsigned flags;       /* VT_DATE_DAY_BLANK, VT_DATE_MONTH_BLANK */
    size_t start, end;
} point;

typedef struct number_field {
    int value;
    int ndigits;
    size_t start, end;
} number_field;

typedef struct edit_list {
    edit *items;
    size_t count, cap;
} edit_list;

typedef struct scan {
    const char *s;
    size_t len;
    const vt_date_anchor *anchor;
    vt_date_list *out;
    edit_list *edits; /* NULL unless canonicalising */
} scan;

/* ---------------------------------------------------------------- calendar */

bool vt_date_is_valid(int year, int month, int day)
{
    static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = days_in_month[month - 1] + (month == 2 && leap);
    return day <= last;
}

const char *vt_date_kind_name(vt_date_kind kind)
{
    static const char *const names[] = {"day",     "month",   "year",     "range",
                                        "partial", "quarter", "interval", "period"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

/* §4.3 rule 2: the anchor's year, or the year before when that would put the date
 * more than about ten months after the anchor (notices report past events and set
 * near deadlines). */
static int infer_year(const vt_date_anchor *anchor, int month, int day)
{
    int year = anchor->year;
    if (anchor->month > 0 && month > 0) {
        int months_after = month - anchor->month;
        if (months_after > 10 || (months_after == 10 && anchor->day > 0 && day > anchor->day))
            year--;
    }
    return year;
}

/* ------------------------------------------------------------ lexical bits */

static bool is_digit_at(const attempt *a, size_t pos)
{
    return pos < a->len && a->s[pos] >= '0' && a->s[pos] <= '9';
}

static bool letter_at(const attempt *a, size_t pos)
{
    size_t next;
    return pos < a->len && vt_scan_is_letter(vt_scan_cp_at(a->s, a->len, pos, &next));
}

static void add_edit(attempt *a, size_t start, size_t end, const char *text)
{
    /* More edits than this in one date means a pathological input; its canonical
     * form is then left partly as written, which is harmless. */
    if (a->nedits == EDITS_PER_DATE)
        return;
    edit *e = &a->edits[a->nedits++];
    e->start = start;
    e->end = end;
    size_t n = strlen(text);
    if (n >= sizeof e->text)
        n = sizeof e->text - 1;   /* replacements are a few digits or a space */
    memcpy(e->text, text, n);
    e->text[n] = '\0';
}

static size_t skip_hspace(const attempt *a, size_t pos)
{
    while (vt_scan_hspace(a->s, a->len, pos, &pos))
        ;
    return pos;
}

/* White space (at most one blank line) and Markdown emphasis between the words of
 * a date: OCR tools emit "tháng **10/2024**". */
static size_t skip_gap(const attempt *a, size_t pos)
{
    int newlines = 0;
    for (;;) {
        size_t next;
        if (vt_scan_hspace(a->s, a->len, pos, &next))
            pos = next;
        else if (pos < a->len && (a->s[pos] == '*' || a->s[pos] == '\r'))
            pos++;
        else if (pos < a->len && a->s[pos] == '\n' && newlines < GAP_MAX_NEWLINES) {
            newlines++;
            pos++;
        } else
            return pos;
    }
}

static bool gap_is_plain_spaces(const attempt *a, size_t from, size_t to)
{
    size_t pos = from;
    while (pos < to && vt_scan_hspace(a->s, a->len, pos, &pos))
        ;
    return pos == to;
}

/* Between a word and a number: exactly one space ("26tháng" -> "26 tháng"). Gaps
 * holding a line break or emphasis are layout and stay as they are. */
static void canon_word_gap(attempt *a, size_t from, size_t to)
{
    if (from == to)
        add_edit(a, from, to, " ");
    else if (gap_is_plain_spaces(a, from, to) && !(to - from == 1 && a->s[from] == ' '))
        add_edit(a, from, to, " ");
}

/* Skip a word gap and record its canonical form. */
static size_t word_gap(attempt *a, size_t from)
{
    size_t to = skip_gap(a, from);
    canon_word_gap(a, from, to);
    return to;
}

static bool keyword(attempt *a, size_t pos, const char *word, size_t *end)
{
    return vt_scan_word(a->s, a->len, pos, word, end);
}

/* One of the dashes that join the two ends of a range or period, with optional
 * horizontal space around it: "-", en dash, em dash. */
static bool range_dash(const attempt *a, size_t pos, size_t *end)
{
    pos = skip_hspace(a, pos);
    static const char *const dashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94"};
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        size_t n = strlen(dashes[i]);
        if (pos + n <= a->len && memcmp(a->s + pos, dashes[i], n) == 0) {
            *end = skip_hspace(a, pos + n);
            return true;
        }
    }
    return false;
}

/* OCR reads 0 as O/o and 1 as l/I/| (field guide §6.3). */
static int confusable_digit(char c)
{
    switch (c) {
    case 'O': case 'o':
        return 0;
    case 'l': case 'I': case '|':
        return 1;
    default:
        return -1;
    }
}

/* Up to max_digits digits at pos, reading OCR look-alikes as digits (at least one
 * real digit is required, and the caller's date must turn out valid). */
static bool read_number(attempt *a, size_t pos, int max_digits, number_field *f)
{
    int value = 0, ndigits = 0, real = 0;
    bool confused = false;
    size_t i = pos;
    while (i < a->len) {
        char c = a->s[i];
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
            real++;
        } else if ((d = confusable_digit(c)) >= 0) {
            confused = true;
        } else
            break;
        if (++ndigits > max_digits)
            return false;
        value = value * 10 + d;
        i++;
    }
    if (real == 0)
        return false;
    /* A look-alike directly followed by a letter is part of a word, not a digit. */
    if (confused && letter_at(a, i))
        return false;
    f->value = value;
    f->ndigits = ndigits;
    f->start = pos;
    f->end = i;
    if (confused) {
        /* ndigits <= max_digits <= 4: write them by hand, zero-padded. */
        char digits[8];
        int v = value;
        for (int k = ndigits - 1; k >= 0; k--, v /= 10)
            digits[k] = (char)('0' + v % 10);
        digits[ndigits] = '\0';
        add_edit(a, pos, i, digits);
        a->flags |= VT_DATE_REPAIRED;
    }
    return true;
}

/* A four-digit year; OCR may space its digits ("2 0 2 4"). */
static bool read_year(attempt *a, size_t pos, number_field *f)
{
    size_t mark = a->nedits;
    unsigned flags = a->flags;
    number_field chunk;
    if (!read_number(a, pos, 4, &chunk))
        return false;
    int value = chunk.value, ndigits = chunk.ndigits;
    size_t end = chunk.end;
    bool spaced = false;
    while (ndigits < 4 && end + 1 < a->len && a->s[end] == ' ' && is_digit_at(a, end + 1)) {
        if (!read_number(a, end + 1, 4 - ndigits, &chunk))
            break;
        value = value * (chunk.ndigits == 1 ? 10 : chunk.ndigits == 2 ? 100 : 1000) + chunk.value;
        ndigits += chunk.ndigits;
        end = chunk.end;
        spaced = true;
    }
    if (ndigits != 4 || is_digit_at(a, end) || value < YEAR_MIN || value > YEAR_MAX) {
        a->nedits = mark;
        a->flags = flags;
        return false;
    }
    if (spaced) {
        a->nedits = mark; /* one edit for the whole spaced run */
        char digits[8];
        snprintf(digits, sizeof digits, "%04d", value);
        add_edit(a, pos, end, digits);
        a->flags |= VT_DATE_REPAIRED;
    }
    /* A year fused with the next word ("2024của") gets its space back. */
    if (letter_at(a, end))
        add_edit(a, end, end, " ");
    f->value = value;
    f->ndigits = 4;
    f->start = pos;
    f->end = end;
    return true;
}

/* ------------------------------------------------------------------ points */

/* After "d" of a numeric date: "/m" or "/m/yyyy" with one separator throughout.
 * Spaces are tolerated (and removed) only around "/": " - " joins a range and
 * "." never takes spaces. require_year rejects "d/m". */
static bool numeric_tail(attempt *a, const number_field *day, bool require_year, point *pt)
{
    size_t mark = a->nedits;
    size_t pos = day->end;
    /* "-" and "." must touch both numbers; "/" may be spaced ("21 / 4"). */
    size_t sep_at = skip_hspace(a, pos);
    if (sep_at >= a->len || a->s[sep_at] != '/')
        sep_at = pos;
    if (sep_at >= a->len || (a->s[sep_at] != '/' && a->s[sep_at] != '-' && a->s[sep_at] != '.'))
        goto fail;
    char sep = a->s[sep_at];
    size_t month_at = sep == '/' ? skip_hspace(a, sep_at + 1) : sep_at + 1;
    if (sep_at > pos)
        add_edit(a, pos, sep_at, "");
    if (month_at > sep_at + 1)
        add_edit(a, sep_at + 1, month_at, "");
    number_field month;
    if (!read_number(a, month_at, 2, &month))
        goto fail;
    pt->day = day->value;
    pt->month = month.value;
    pt->year = 0;
    pt->day_precision = true;
    pt->end = month.end;

    size_t sep2 = sep == '/' ? skip_hspace(a, month.end) : month.end;
    size_t year_at = sep == '/' ? skip_hspace(a, sep2 + 1) : sep2 + 1;
    /* A separator followed by a digit must lead to a year; "8.2." ends a sentence. */
    if (sep2 < a->len && a->s[sep2] == sep && is_digit_at(a, year_at)) {
        number_field year;
        if (sep2 > month.end)
            add_edit(a, month.end, sep2, "");
        if (year_at > sep2 + 1)
            add_edit(a, sep2 + 1, year_at, "");
        /* "21/4/25" or "1.2.3": a third part that is not a year is no date. */
        if (!read_year(a, year_at, &year))
            goto fail;
        if (year.end < a->len && a->s[year.end] == '/')
            goto fail; /* "13/12/2023/…" belongs to a document number */
        pt->year = year.value;
        pt->end = year.end;
        return true;
    }
    if (require_year)
        goto fail;
    /* "d/m" must end the number: not "3/20kg", "8.2.1", "1/2/" */
    if (is_digit_at(a, month.end) || letter_at(a, month.end) ||
        (month.end < a->len && a->s[month.end] == '/'))
        goto fail;
    if (month.end + 1 < a->len && a->s[month.end] == sep && is_digit_at(a, month.end + 1))
        goto fail;
    return true;
fail:
    a->nedits = mark;
    return false;
}

/* "m[/yyyy]" or "m năm yyyy" after "tháng" (pos after the keyword). */
static bool month_after_thang(attempt *a, size_t pos, point *pt)
{
    size_t mark = a->nedits;
    size_t at = word_gap(a, pos);
    number_field month;
    if (!read_number(a, at, 2, &month) || month.value < 1 || month.value > 12 ||
        is_digit_at(a, month.end)) {
        a->nedits = mark;
        return false;
    }
    pt->month = month.value;
    pt->year = 0;
    pt->day_precision = false;
    pt->end = month.end;

    size_t after = month.end;
    size_t sep_at = skip_hspace(a, after);
    if (sep_at < a->len && (a->s[sep_at] == '/' || ((a->s[sep_at] == '-' || a->s[sep_at] == '.') && sep_at == after))) {
        size_t year_at = a->s[sep_at] == '/' ? skip_hspace(a, sep_at + 1) : sep_at + 1;
        size_t mark2 = a->nedits;
        number_field year;
        if (sep_at > after)
            add_edit(a, after, sep_at, "");
        if (year_at > sep_at + 1)
            add_edit(a, sep_at + 1, year_at, "");
        if (read_year(a, year_at, &year)) {
            pt->year = year.value;
            pt->end = year.end;
            return true;
        }
        a->nedits = mark2;
    }
    size_t mark3 = a->nedits;
    size_t nam_at = word_gap(a, after);
    size_t nam_end;
    if (keyword(a, nam_at, "năm", &nam_end)) {
        number_field year;
        size_t year_at = word_gap(a, nam_end);
        if (read_year(a, year_at, &year)) {
            pt->year = year.value;
            pt->end = year.end;
            return true;
        }
    }
    a->nedits = mark3;
    if (letter_at(a, after)) { /* "tháng 4là": not a month */
        a->nedits = mark;
        return false;
    }
    return true;
}

/* Template blanks: spaces, dots, ellipses, underscores and commas. */
static size_t skip_blank(const attempt *a, size_t pos)
{
    for (;;) {
        size_t next;
        if (vt_scan_hspace(a->s, a->len, pos, &next))
            pos = next;
        else if (pos < a->len && (a->s[pos] == '.' || a->s[pos] == '_' || a->s[pos] == ','))
            pos++;
        else if (pos + 3 <= a->len && memcmp(a->s + pos, "\xE2\x80\xA6", 3) == 0)
            pos += 3;
        else
            return pos;
    }
}

/* "ngày   tháng 10 năm 2024" (day left blank) or "ngày … tháng … năm 2024". */
static bool blank_day(attempt *a, size_t after_ngay, point *pt)
{
    size_t end;
    size_t at = skip_blank(a, after_ngay);
    if (!keyword(a, at, "tháng", &end))
        return false;
    at = skip_blank(a, end);
    pt->flags |= VT_DATE_DAY_BLANK;
    pt->day = 0;
    pt->month = 0;
    pt->day_precision = true;
    if (is_digit_at(a, at)) {
        number_field month;
        if (!read_number(a, at, 2, &month) || month.value < 1 || month.value > 12)
            return false;
        pt->month = month.value;
        at = skip_hspace(a, month.end);
    } else
        pt->flags |= VT_DATE_MONTH_BLANK;
    if (!keyword(a, at, "năm", &end))
        return false;
    number_field year;
    if (!read_year(a, skip_hspace(a, end), &year))
        return false;
    pt->year = year.value;
    pt->end = year.end;
    return true;
}

/* "ngày d tháng m [năm y]", "ngày d/m[/y]", "Ngày: d/m/y", blank template days. */
static bool day_after_ngay(attempt *a, size_t pos, point *pt)
{
    size_t mark = a->nedits;
    size_t after;
    if (!keyword(a, pos, "ngày", &after))
        return false;
    pt->start = pos;
    pt->flags = 0;
    if (blank_day(a, after, pt))
        return true;
    pt->flags = 0;
    a->nedits = mark;

    size_t at = skip_gap(a, after);
    if (at < a->len && (a->s[at] == ':' || a->s[at] == ','))
        at = skip_gap(a, at + 1); /* "Ngày: 21/4/2025" (stamps), "ngày, 17 tháng …" */
    else
        canon_word_gap(a, after, at);
    number_field day;
    if (!read_number(a, at, 2, &day))
        goto fail;
    size_t thang_at = skip_gap(a, day.end);
    size_t thang_end;
    if (keyword(a, thang_at, "tháng", &thang_end)) {
        canon_word_gap(a, day.end, thang_at);
        if (!month_after_thang(a, thang_end, pt))
            goto fail;
        pt->day = day.value;
        pt->day_precision = true;
        return true;
    }
    if (numeric_tail(a, &day, false, pt))
        return true;
fail:
    a->nedits = mark;
    return false;
}

/* A bare "d/m/yyyy" (or "d/m" when the year may come from elsewhere). */
static bool numeric_point(attempt *a, size_t pos, bool require_year, point *pt)
{
    number_field day;
    if (!read_number(a, pos, 2, &day))
        return false;
    pt->start = pos;
    pt->flags = 0;
    return numeric_tail(a, &day, require_year, pt);
}

/* "tháng m[/yyyy]" as a point. */
static bool month_point(attempt *a, size_t pos, point *pt)
{
    size_t end;
    if (!keyword(a, pos, "tháng", &end))
        return false;
    pt->start = pos;
    pt->flags = 0;
    return month_after_thang(a, end, pt);
}

/* Any point a range end may be. */
static bool range_point(attempt *a, size_t pos, point *pt)
{
    size_t mark = a->nedits;
    if (day_after_ngay(a, pos, pt) || month_point(a, pos, pt))
        return true;
    a->nedits = mark;
    if (numeric_point(a, pos, false, pt))
        return true;
    a->nedits = mark;
    return false;
}

/* ------------------------------------------------------------------ output */

static void point_iso(const point *pt, char *buf, size_t size)
{
    if (pt->day_precision && !(pt->flags & VT_DATE_DAY_BLANK)) {
        if (pt->year)
            snprintf(buf, size, "%04d-%02d-%02d", pt->year, pt->month, pt->day);
        else
            snprintf(buf, size, "--%02d-%02d", pt->month, pt->day);
    } else if (pt->flags & VT_DATE_MONTH_BLANK)
        snprintf(buf, size, "%04d", pt->year);
    else if (pt->year)
        snprintf(buf, size, "%04d-%02d", pt->year, pt->month);
    else
        snprintf(buf, size, "--%02d", pt->month);
}

static bool point_valid(const point *pt)
{
    if (pt->flags & VT_DATE_MONTH_BLANK)
        return true;
    if (pt->month < 1 || pt->month > 12)
        return false;
    if (!pt->day_precision || (pt->flags & VT_DATE_DAY_BLANK))
        return true;
    /* Without a year, 29/2 is accepted: some year has it. */
    return vt_date_is_valid(pt->year ? pt->year : 2000, pt->month, pt->day);
}

/* Give a yearless point the anchor's year; flags what happened. */
static unsigned settle_year(const scan *sc, point *pt)
{
    if (pt->year)
        return 0;
    if (!sc->anchor || sc->anchor->year <= 0)
        return VT_DATE_YEAR_MISSING;
    pt->year = infer_year(sc->anchor, pt->month, pt->day);
    return VT_DATE_YEAR_INFERRED;
}

static bool point_after(const point *a, const point *b)
{
    if (a->month != b->month)
        return a->month > b->month;
    return a->day_precision && a->day > b->day;
}

/* "từ ngày 28/12 đến ngày 3/1/2026": the end's year is carried back, minus one
 * when the start would otherwise come after the end. */
static void carry_year(point *from, point *to)
{
    if (!from->year && to->year) {
        from->year = to->year;
        if (point_after(from, to))
            from->year--;
    } else if (from->year && !to->year) {
        to->year = from->year;
        if (point_after(from, to))
            to->year++;
    }
}

static int push(scan *sc, attempt *a, vt_date_kind kind, size_t start, size_t end,
                const char *iso, unsigned flags)
{
    vt_date_list *list = sc->out;
    if (!VT_ARRAY_RESERVE(list->items, list->cap, list->count, 1, 16))
        return -1;
    vt_date *d = &list->items[list->count];
    d->raw = malloc(end - start + 1);
    d->iso = iso ? strdup(iso) : NULL;
    if (!d->raw || (iso && !d->iso)) {
        free(d->raw);
        free(d->iso);
        return -1;
    }
    memcpy(d->raw, sc->s + start, end - start);
    d->raw[end - start] = '\0';
    d->start = start;
    d->end = end;
    d->kind = kind;
    d->flags = flags | a->flags;
    list->count++;

    if (sc->edits && a->nedits) {
        edit_list *el = sc->edits;
        if (!VT_ARRAY_RESERVE(el->items, el->cap, el->count, a->nedits, 2 * a->nedits))
            return -1;
        memcpy(el->items + el->count, a->edits, a->nedits * sizeof *a->edits);
        el->count += a->nedits;
    }
    return 1;
}

/* Emit one point. Repaired digits count only when the date they make is valid. */
static int push_point(scan *sc, attempt *a, point *pt, size_t start, bool flag_invalid)
{
    unsigned flags = pt->flags;
    if (pt->flags & VT_DATE_DAY_BLANK) {
        if (pt->year == 0)
            return 0;
        char iso[ISO_MAX];
        point_iso(pt, iso, sizeof iso);
        return push(sc, a, VT_DATE_PARTIAL, start, pt->end, iso, flags);
    }
    bool valid = point_valid(pt);
    if (!valid && (!flag_invalid || (a->flags & VT_DATE_REPAIRED)))
        return 0;
    if (valid)
        flags |= settle_year(sc, pt);
    char iso[ISO_MAX];
    point_iso(pt, iso, sizeof iso);
    valid = valid && point_valid(pt);
    return push(sc, a, pt->day_precision ? VT_DATE_DAY : VT_DATE_MONTH, start, pt->end,
                valid ? iso : NULL, valid ? flags : flags | VT_DATE_INVALID);
}

static int push_range(scan *sc, attempt *a, point *from, point *to, size_t start)
{
    unsigned flags = 0;
    carry_year(from, to);
    if (!from->year) {
        flags |= settle_year(sc, from);
        carry_year(from, to);
        if (flags & VT_DATE_YEAR_MISSING)
            flags |= settle_year(sc, to);
    }
    bool valid = point_valid(from) && point_valid(to);
    if (!valid && (a->flags & VT_DATE_REPAIRED))
        return 0;
    char iso[2 * ISO_MAX + 1], one[ISO_MAX], two[ISO_MAX];
    point_iso(from, one, sizeof one);
    point_iso(to, two, sizeof two);
    snprintf(iso, sizeof iso, "%s/%s", one, two);
    return push(sc, a, VT_DATE_RANGE, start, to->end, valid ? iso : NULL,
                valid ? flags : flags | VT_DATE_INVALID);
}

/* ------------------------------------------------------------------- forms */

/* After a day: " - d/m/yyyy" or " - ngày …" makes it a range. */
static bool dash_range_end(attempt *a, const point *from, point *to)
{
    size_t mark = a->nedits;
    size_t at;
    if (!from->day_precision || (from->flags & VT_DATE_DAY_BLANK) ||
        !range_dash(a, from->end, &at))
        return false;
    bool parsed = day_after_ngay(a, at, to);
    if (!parsed) {
        a->nedits = mark;
        parsed = numeric_point(a, at, true, to);
    }
    if (parsed && to->day_precision && !(to->flags & VT_DATE_DAY_BLANK) && (to->year || from->year))
        return true;
    a->nedits = mark;
    return false;
}

/* "từ ngày 16/5 đến ngày 22/5/2026", "từ tháng 3 đến hết tháng 5 năm 2025". */
static int form_from_to(scan *sc, attempt *a, size_t pos)
{
    size_t at;
    if (!keyword(a, pos, "từ", &at))
        return 0;
    point from = {0}, to = {0};
    at = word_gap(a, at);
    if (!range_point(a, at, &from))
        return 0;
    size_t end;
    at = skip_gap(a, from.end);
    if (!keyword(a, at, "đến", &end) && !keyword(a, at, "tới", &end))
        return 0;
    at = skip_gap(a, end);
    if (keyword(a, at, "hết", &end))
        at = skip_gap(a, end);
    if (!range_point(a, at, &to) || to.day_precision != from.day_precision ||
        ((from.flags | to.flags) & VT_DATE_DAY_BLANK))
        return 0;
    return push_range(sc, a, &from, &to, pos);
}

static int form_ngay(scan *sc, attempt *a, size_t pos)
{
    point pt = {0}, to = {0};
    if (!day_after_ngay(a, pos, &pt))
        return 0;
    if (dash_range_end(a, &pt, &to))
        return push_range(sc, a, &pt, &to, pos);
    /* Under "ngày" a wrong day is still a date: flag it rather than drop it. */
    return push_point(sc, a, &pt, pos, true);
}

static int form_thang(scan *sc, attempt *a, size_t pos)
{
    point pt = {0};
    if (!month_point(a, pos, &pt))
        return 0;
    return push_point(sc, a, &pt, pos, false);
}

/* A second year after a dash: "2024-2025", "2019 - 2022", "2023 – 2025". */
static bool period_end(attempt *a, const number_field *first, number_field *second)
{
    size_t at;
    size_t mark = a->nedits;
    if (range_dash(a, first->end, &at) && read_year(a, at, second) &&
        second->value > first->value)
        return true;
    a->nedits = mark;
    return false;
}

static int push_years(scan *sc, attempt *a, size_t start, const number_field *y1,
                      const number_field *y2)
{
    char iso[ISO_MAX];
    if (y2) {
        snprintf(iso, sizeof iso, "%04d/%04d", y1->value, y2->value);
        return push(sc, a, VT_DATE_PERIOD, start, y2->end, iso, 0);
    }
    snprintf(iso, sizeof iso, "%04d", y1->value);
    return push(sc, a, VT_DATE_YEAR, start, y1->end, iso, 0);
}

/* "năm 2024", "năm 2024-2025", "năm học 2024-2025". "năm" is also the numeral
 * five ("năm người"), so only a four-digit year in range makes it a date. */
static int form_nam(scan *sc, attempt *a, size_t pos)
{
    size_t at;
    bool school_year = keyword(a, pos, "năm học", &at);
    if (!school_year && !keyword(a, pos, "năm", &at))
        return 0;
    number_field y1, y2;
    if (!read_year(a, word_gap(a, at), &y1))
        return 0;
    bool two = period_end(a, &y1, &y2);
    if (school_year && !two)
        return 0;
    return push_years(sc, a, pos, &y1, two ? &y2 : NULL);
}

/* "giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025", "niên khóa 2024-2025". */
static int form_period(scan *sc, attempt *a, size_t pos)
{
    static const char *const words[] = {"giai đoạn", "nhiệm kỳ", "niên khóa", "niên khoá"};
    size_t at = 0;
    bool found = false;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !found; i++)
        found = keyword(a, pos, words[i], &at);
    number_field y1, y2;
    if (!found || !read_year(a, word_gap(a, at), &y1) || !period_end(a, &y1, &y2))
        return 0;
    return push_years(sc, a, pos, &y1, &y2);
}

static int roman_quarter(const attempt *a, size_t pos, size_t *end)
{
    static const char *const numerals[] = {"IV", "III", "II", "I"};
    static const int values[] = {4, 3, 2, 1};
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(numerals[i]);
        if (pos + n <= a->len && memcmp(a->s + pos, numerals[i], n) == 0) {
            *end = pos + n;
            return values[i];
        }
    }
    if (pos < a->len && a->s[pos] >= '1' && a->s[pos] <= '4') {
        *end = pos + 1;
        return a->s[pos] - '0';
    }
    return 0;
}

/* "quý II/2025", "quý II năm 2025", "quý 2", "quý IV" (year from the anchor). */
static int form_quarter(scan *sc, attempt *a, size_t pos)
{
    size_t at, end;
    if (!keyword(a, pos, "quý", &at))
        return 0;
    at = word_gap(a, at);
    int q = roman_quarter(a, at, &end);
    if (!q || letter_at(a, end) || is_digit_at(a, end))
        return 0;
    int year = 0;
    unsigned flags = 0;
    number_field y;
    size_t nam_end, mark = a->nedits;
    bool explicit_year = end < a->len && a->s[end] == '/' && read_year(a, end + 1, &y);
    if (!explicit_year) {
        a->nedits = mark;
        explicit_year = keyword(a, word_gap(a, end), "năm", &nam_end) &&
                        read_year(a, word_gap(a, nam_end), &y);
    }
    if (explicit_year) {
        year = y.value;
        end = y.end;
    } else {
        a->nedits = mark;
        if (sc->anchor && sc->anchor->year > 0) {
            year = sc->anchor->year;
            flags = VT_DATE_YEAR_INFERRED;
        } else
            flags = VT_DATE_YEAR_MISSING;
    }
    char iso[ISO_MAX];
    if (year)
        snprintf(iso, sizeof iso, "%04d-%02d/%04d-%02d", year, q * 3 - 2, year, q * 3);
    else
        snprintf(iso, sizeof iso, "--%02d/--%02d", q * 3 - 2, q * 3);
    return push(sc, a, VT_DATE_QUARTER, pos, end, iso, flags);
}

/* The interval of "N tháng đầu năm [y]" (first N months) or "… cuối năm" (last N). */
static int push_interval(scan *sc, attempt *a, size_t start, size_t after_nam, int months, bool first)
{
    number_field y;
    int year = 0;
    unsigned flags = 0;
    size_t end = after_nam, mark = a->nedits;
    if (read_year(a, word_gap(a, after_nam), &y)) {
        year = y.value;
        end = y.end;
    } else {
        a->nedits = mark;
        if (sc->anchor && sc->anchor->year > 0) {
            year = sc->anchor->year;
            flags = VT_DATE_YEAR_INFERRED;
        } else
            flags = VT_DATE_YEAR_MISSING;
    }
    int m1 = first ? 1 : 13 - months, m2 = first ? months : 12;
    char iso[ISO_MAX];
    if (year)
        snprintf(iso, sizeof iso, "%04d-%02d/%04d-%02d", year, m1, year, m2);
    else
        snprintf(iso, sizeof iso, "--%02d/--%02d", m1, m2);
    return push(sc, a, VT_DATE_INTERVAL, start, end, iso, flags);
}

/* "9 tháng đầu năm 2024", "6 tháng cuối năm", "05 tháng đầu năm 2026". */
static int form_months_of_year(scan *sc, attempt *a, size_t pos)
{
    number_field n;
    size_t at, end;
    if (!is_digit_at(a, pos) || !read_number(a, pos, 2, &n) || n.value < 1 || n.value > 12 ||
        (a->flags & VT_DATE_REPAIRED))
        return 0;
    if (!keyword(a, word_gap(a, n.end), "tháng", &end))
        return 0;
    at = word_gap(a, end);
    bool first = keyword(a, at, "đầu", &end);
    if (!first && !keyword(a, at, "cuối", &end))
        return 0;
    if (!keyword(a, word_gap(a, end), "năm", &end))
        return 0;
    return push_interval(sc, a, pos, end, n.value, first);
}

/* "nửa đầu năm 2025", "nửa cuối năm". */
static int form_half(scan *sc, attempt *a, size_t pos)
{
    size_t end;
    bool first = keyword(a, pos, "nửa đầu năm", &end);
    if (!first && !keyword(a, pos, "nửa cuối năm", &end))
        return 0;
    return push_interval(sc, a, pos, end, 6, first);
}

/* "Sáng 8.2", "chiều 21/4": after a time of day, "d.m" is a date (§4.3 rule 4),
 * never a decimal (Vietnamese writes decimals with a comma). The date span starts
 * at the number; the time word is context. */
static int form_time_of_day(scan *sc, attempt *a, size_t pos)
{
    static const char *const words[] = {"sáng", "chiều", "tối", "trưa", "đêm", "hôm", "rạng sáng"};
    size_t at = 0;
    bool found = false;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !found; i++)
        found = keyword(a, pos, words[i], &at);
    if (!found)
        return 0;
    at = skip_hspace(a, at);
    point pt = {0};
    if (!is_digit_at(a, at) || !numeric_point(a, at, false, &pt))
        return 0;
    return push_point(sc, a, &pt, at, false);
}

/* Bare "25-10-2020", "24.3.2021", "27/02/1955 - 27/02/2025", "12/12 - 31/12/2020". */
static int form_numeric(scan *sc, attempt *a, size_t pos)
{
    int32_t prev = vt_scan_cp_before(a->s, pos);
    /* Inside a larger number or a document number ("15/2023/QH15", "1,34"). */
    if (!is_digit_at(a, pos) || prev == '/' || prev == '-' || prev == '.' || prev == ',')
        return 0;
    point from = {0}, to = {0};
    size_t mark = a->nedits;
    if (numeric_point(a, pos, false, &from) && dash_range_end(a, &from, &to))
        return push_range(sc, a, &from, &to, pos);
    a->nedits = mark;
    a->flags = 0;
    if (!numeric_point(a, pos, true, &from))
        return 0;
    return push_point(sc, a, &from, pos, true);
}

/* Exactly n ASCII digits at pos, not followed by another: OCR's look-alikes are
 * not read here, since only software writes ISO dates. */
static bool fixed_digits(const attempt *a, size_t pos, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit_at(a, pos + (size_t)i))
            return false;
        v = v * 10 + (a->s[pos + (size_t)i] - '0');
    }
    if (is_digit_at(a, pos + (size_t)n))
        return false;
    *value = v;
    return true;
}

/* "2025-04-17": a day as ISO 8601 writes it. */
static bool iso_point(attempt *a, size_t pos, point *pt)
{
    int year, month, day;
    if (!fixed_digits(a, pos, 4, &year) || pos + 10 > a->len || a->s[pos + 4] != '-'
        || !fixed_digits(a, pos + 5, 2, &month) || a->s[pos + 7] != '-'
        || !fixed_digits(a, pos + 8, 2, &day))
        return false;
    *pt = (point){.day = day, .month = month, .year = year, .day_precision = true,
                  .start = pos, .end = pos + 10};
    return true;
}

/* "2025-04-17" and "2026-05-16/2026-05-22", as --dates iso writes days and
 * ranges into the text, so that text read again gives the same dates. */
static int form_iso(scan *sc, attempt *a, size_t pos)
{
    int32_t prev = vt_scan_cp_before(a->s, pos);
    if (prev == '/' || prev == '-' || prev == '.' || prev == ',')
        return 0;
    point from, to;
    if (!iso_point(a, pos, &from))
        return 0;
    size_t end = from.end;
    if (end < a->len && a->s[end] == '/' && iso_point(a, end + 1, &to)) {
        end = to.end;
        if (end < a->len && (a->s[end] == '-' || a->s[end] == '/' || letter_at(a, end)))
            return 0;
        return push_range(sc, a, &from, &to, pos);
    }
    /* part of something longer: "2025-04-17-03", "2025-04-17/x", a time stamp */
    if (end < a->len && (a->s[end] == '-' || a->s[end] == '/' || letter_at(a, end)))
        return 0;
    return push_point(sc, a, &from, pos, true);
}

typedef int (*form_fn)(scan *, attempt *, size_t);

/* Try every form at pos, longest-reaching first: 1 and *end set when one matched,
 * 0 when none, -1 when memory ran out. */
static int try_forms(scan *sc, size_t pos, size_t *end)
{
    static const form_fn forms[] = {
        form_from_to, form_ngay,   form_months_of_year, form_iso, form_numeric, form_thang,
        form_nam,     form_period, form_quarter,        form_half,        form_time_of_day,
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        attempt a = {.s = sc->s, .len = sc->len};
        size_t before = sc->out->count;
        int r = forms[i](sc, &a, pos);
        if (r < 0)
            return -1;
        if (r > 0) {
            *end = sc->out->items[before].end;
            return 1;
        }
    }
    return 0;
}

static int scan_text(scan *sc)
{
    size_t pos = 0, date_end = SIZE_MAX;
    while (pos < sc->len) {
        size_t next;
        int32_t cp = vt_scan_cp_at(sc->s, sc->len, pos, &next);
        /* Right after a date a new word starts even with no space: OCR glues them
         * ("17/4/2025ngày 26 tháng 7"), and the space canonical_forms puts back would
         * otherwise make a second date appear only when the text is read again. */
        bool starts = vt_scan_word_start(sc->s, pos) || pos == date_end;
        if (starts && (vt_scan_is_letter(cp) || (cp >= '0' && cp <= '9'))) {
            size_t end;
            int r = try_forms(sc, pos, &end);
            if (r < 0)
                return -1;
            if (r > 0 && end > pos) {
                pos = date_end = end;
                continue;
            }
            /* No date here: skip the rest of this word or number. */
            while (next < sc->len) {
                size_t after;
                int32_t c = vt_scan_cp_at(sc->s, sc->len, next, &after);
                if (!vt_scan_is_letter(c) && !(c >= '0' && c <= '9'))
                    break;
                next = after;
            }
        }
        pos = next;
    }
    return 0;
}

/* ------------------------------------------------------------- public API */

void vt_date_list_free(vt_date_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].raw);
        free(list->items[i].iso);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

static int find(const char *text, size_t len, const vt_date_anchor *anchor, vt_date_list *out,
                edit_list *edits)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return len == 0 ? 0 : -1;
    scan sc = {.s = text, .len = len, .anchor = anchor, .out = out, .edits = edits};
    if (scan_text(&sc) < 0) {
        vt_date_list_free(out);
        return -1;
    }
    return 0;
}

int vt_dates_find(const char *text, size_t len, const vt_date_anchor *anchor, vt_date_list *out)
{
    return find(text, len, anchor, out, NULL);
}

/* The header date: "‹place›, ngày …" — the line holds only a place name (letters
 * and spaces, a few words) and a comma before "ngày". A citation such as
 * "Thông tư 13/2023/TT-BYT, ngày 29/6/2023" has digits there and is not one. */
static bool is_header_date(const char *text, const vt_date *d)
{
    if (d->kind != VT_DATE_DAY && d->kind != VT_DATE_PARTIAL)
        return false;
    size_t end;
    if (!vt_scan_word(text, d->end, d->start, "ngày", &end))
        return false;
    size_t p = d->start;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
        p--;
    if (p == 0 || text[p - 1] != ',')
        return false;
    size_t line = p - 1;
    int words = 1;
    while (line > 0 && text[line - 1] != '\n') {
        int32_t cp = vt_scan_cp_before(text, line);
        if (cp == ' ')
            words++;
        else if (!vt_scan_is_letter(cp))
            return false;
        line--;
        while (line > 0 && ((unsigned char)text[line] & 0xC0) == 0x80)
            line--;
    }
    return words <= 8;
}

static void anchor_from(const vt_date *d, vt_date_anchor *out)
{
    const char *iso = d->iso;
    memset(out, 0, sizeof *out);
    out->year = atoi(iso);
    bool has_month = d->kind == VT_DATE_DAY || d->kind == VT_DATE_MONTH ||
                     (d->kind == VT_DATE_PARTIAL && !(d->flags & VT_DATE_MONTH_BLANK));
    if (has_month && strlen(iso) >= 7)
        out->month = atoi(iso + 5);
    if (d->kind == VT_DATE_DAY && strlen(iso) >= 10)
        out->day = atoi(iso + 8);
}

int vt_dates_guess_anchor(const char *text, size_t len, vt_date_anchor *out)
{
    vt_date_list list;
    memset(out, 0, sizeof *out);
    if (vt_dates_find(text, len, NULL, &list) < 0)
        return -1;
    const vt_date *pick = NULL;
    for (size_t i = 0; i < list.count && !pick; i++)
        if (list.items[i].iso && is_header_date(text, &list.items[i]))
            pick = &list.items[i];
    for (size_t i = 0; i < list.count && !pick; i++)
        if (list.items[i].iso && !(list.items[i].flags & VT_DATE_YEAR_MISSING))
            pick = &list.items[i];
    if (pick)
        anchor_from(pick, out);
    vt_date_list_free(&list);
    return pick ? 1 : 0;
}

int vt_dates_canonical_edits(const char *text, size_t len, vt_text_edits *out)
{
    vt_date_list list;
    edit_list edits = {0};
    if (find(text, len, NULL, &list, &edits) < 0) {
        free(edits.items);
        return -1;
    }
    vt_date_list_free(&list);
    bool ok = true;
    for (size_t i = 0; ok && i < edits.count; i++) {
        const edit *e = &edits.items[i];
        ok = vt_text_edits_add(out, e->start, e->end, e->text, strlen(e->text));
    }
    free(edits.items);
    /* Dates do not overlap; edits of nested attempts may: the first one wins. */
    vt_text_edits_settle(out);
    return ok ? 0 : -1;
}

char *vt_dates_canonicalize(const char *text, size_t len, size_t *out_len)
{
    vt_text_edits edits = {0};
    char *result = NULL;
    if (vt_dates_canonical_edits(text, len, &edits) == 0)
        result = vt_text_edits_apply(&edits, text, len, out_len);
    vt_text_edits_free(&edits);
    return result;
}

char *vt_dates_rewrite_iso(const char *text, size_t len, const vt_date_anchor *anchor,
                           size_t *out_len)
{
    vt_date_list list;
    if (vt_dates_find(text, len, anchor, &list) < 0)
        return NULL;
    vt_strbuf sb = {0};
    size_t pos = 0;
    for (size_t i = 0; i < list.count; i++) {
        const vt_date *d = &list.items[i];
        if (!d->iso)
            continue;
        vt_strbuf_append(&sb, text + pos, d->start - pos);
        vt_strbuf_puts(&sb, d->iso);
        pos = d->end;
    }
    vt_strbuf_append(&sb, text + pos, len - pos);
    vt_date_list_free(&list);
    size_t n = sb.len;
    char *result = vt_strbuf_take(&sb);
    if (result && out_len)
        *out_len = n;
    return result;
}
