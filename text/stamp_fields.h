/*
 * stamp_fields.h — read the fields of a "ĐẾN" receipt stamp from its OCR text.
 *
 * The stamp (Decree 30/2020, Appendix IV) has a fixed form: the receiving
 * organisation's name, a framed "ĐẾN", "Số:" (arrival number), "Ngày:" (arrival
 * date, usually handwritten d/m/yyyy), "Chuyển:" (where it was routed) and "Số và
 * ký hiệu HS:". Labels are found by their letters without marks, since OCR of
 * stamp ink drops and confuses diacritics.
 */
#ifndef VT_STAMP_FIELDS_H
#define VT_STAMP_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vt_stamp_fields {
    char *org;            /* each owned, NULL when not found */
    char *number;         /* digits only */
    char *date;           /* ISO 8601 yyyy-mm-dd, only for a valid calendar date */
    char *forwarded_to;
    bool org_cut;         /* debris was cut from the org line's ends: the name may
                           * have lost letters there too */
} vt_stamp_fields;

/* Parse OCR text of a stamp; fields that cannot be read stay NULL. Returns 0, or
 * -1 when memory ran out (then every field is NULL). */
int vt_stamp_fields_parse(const char *text, vt_stamp_fields *out);
void vt_stamp_fields_free(vt_stamp_fields *fields);

/* Whether s[0..len) can be a word of a body's name: a Vietnamese syllable or an
 * abbreviation of capitals ("UBND", "TB&XH"). */
bool vt_stamp_name_word(const char *s, size_t len);

/* A day/month/year triple, as a valid ISO date into iso[11]; 0 when valid. */
int vt_iso_date(int day, int month, int year, char iso[11]);

#endif /* VT_STAMP_FIELDS_H */
