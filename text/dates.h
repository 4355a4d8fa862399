/*
 * dates.h — find the date expressions of a Vietnamese notice and normalise them to
 * ISO 8601.
 *
 * Forms (field guide §4): "ngày 17 tháng 4 năm 2025", "ngày 09/10/2024", bare
 * "25-10-2020" / "24.3.2021", "tháng 8/2023", "tháng 8 năm 2023", "năm 2024",
 * "Sáng 8.2", "ngày 21/4" (year inferred from an anchor), ranges
 * ("27/02/1955 - 27/02/2025", "từ ngày 16/5 đến ngày 22/5/2026"), template dates
 * with a blank day ("ngày   tháng 10 năm 2024"), quarters ("quý II/2025"), the
 * first/last N months of a year ("9 tháng đầu năm 2024") and periods
 * ("năm học 2024-2025", "giai đoạn 2021 - 2025").
 *
 * A date that does not exist (31/02) is reported with VT_DATE_INVALID and no ISO
 * value, never moved to a nearby valid one. OCR digit confusions (O for 0, l/I/|
 * for 1, a year spelled "2 0 2 4") are read as digits only when the result is a
 * valid date. Offsets are byte offsets into the text given. All functions are
 * pure: no global state, safe from any thread.
 */
#ifndef VT_DATES_H
#define VT_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "text_edit.h"

typedef enum vt_date_kind {
    VT_DATE_DAY,      /* 2025-04-17 */
    VT_DATE_MONTH,    /* 2023-08 */
    VT_DATE_YEAR,     /* 2024 */
    VT_DATE_RANGE,    /* 2026-05-16/2026-05-22 (or month/month) */
    VT_DATE_PARTIAL,  /* template date with a blank day (and maybe month): 2024-10 */
    VT_DATE_QUARTER,  /* 2025-04/2025-06 */
    VT_DATE_INTERVAL, /* first/last N months of a year: 2024-01/2024-09 */
    VT_DATE_PERIOD,   /* span of years: 2024/2025 */
} vt_date_kind;

enum {
    VT_DATE_YEAR_INFERRED = 1u << 0, /* the year came from the anchor (§4.3 rule 2) */
    VT_DATE_YEAR_MISSING = 1u << 1,  /* no year and no anchor: ISO is "--MM-DD" / "--MM" */
    VT_DATE_DAY_BLANK = 1u << 2,     /* template left the day empty */
    VT_DATE_MONTH_BLANK = 1u << 3,   /* template left the month empty too */
    VT_DATE_INVALID = 1u << 4,       /* no such calendar date; iso is NULL */
    VT_DATE_REPAIRED = 1u << 5,      /* OCR digit confusions or spacing were read through */
};

/* The document's own date, used to give yearless dates a year. month and day are
 * 0 when unknown (a template date with a blank day has day 0). */
typedef struct vt_date_anchor {
    int year, month, day;
} vt_date_anchor;

typedef struct vt_date {
    char *raw;          /* the expression as it appears in the text */
    char *iso;          /* ISO 8601 (a date, or an interval "a/b"); NULL when invalid */
    size_t start, end;  /* byte span of raw in the text */
    vt_date_kind kind;
    unsigned flags;     /* VT_DATE_* bits */
} vt_date;

typedef struct vt_date_list {
    vt_date *items;
    size_t count;
    size_t cap;
} vt_date_list;

/* Find every date expression in text[0..len) in order of position. anchor may be
 * NULL. *out must be zeroed (or freed) before the call. Returns 0, or -1 when
 * memory ran out (then *out is empty). */
int vt_dates_find(const char *text, size_t len, const vt_date_anchor *anchor, vt_date_list *out);
void vt_date_list_free(vt_date_list *list);

/* "day", "month", "year", "range", "partial", "quarter", "interval", "period". */
const char *vt_date_kind_name(vt_date_kind kind);

/* The document's own year (and month/day when known): the header's "‹place›,
 * ngày … năm …" date when there is one, else the first expression with an explicit
 * year. Returns 1 when found, 0 when the text has no such date, -1 on no memory. */
int vt_dates_guess_anchor(const char *text, size_t len, vt_date_anchor *out);

/* A copy of text with the dates written canonically: one space between words and
 * numbers ("26tháng" -> "26 tháng"), no spaces around the separators inside a
 * numeric date ("21 / 4/2025" -> "21/4/2025"), OCR-confused digits and spaced
 * years repaired where the date is valid. Other text is untouched. Returns a
 * malloc'd NUL-terminated string (length in *out_len when not NULL), NULL on no
 * memory. Dates found in the result have the same ISO values as in the input. */
char *vt_dates_canonicalize(const char *text, size_t len, size_t *out_len);

/* The edits vt_dates_canonicalize() makes, for callers that must carry offsets
 * through them; appended to *out and settled. 0, or -1 when memory ran out. */
int vt_dates_canonical_edits(const char *text, size_t len, vt_text_edits *out);

/* A copy of text with every valid date expression replaced by its ISO value (for
 * "--dates iso"); invalid ones stay as written. NULL on no memory. */
char *vt_dates_rewrite_iso(const char *text, size_t len, const vt_date_anchor *anchor,
                           size_t *out_len);

/* True for a day that exists in the proleptic Gregorian calendar. */
bool vt_date_is_valid(int year, int month, int day);

#endif /* VT_DATES_H */
