/*
 * json_write.h — the small json-c helpers every JSON writer shares (json.c and
 * the outputs stages attach, output.h).
 *
 * They follow one error rule: a helper that cannot allocate sets *ok to false and
 * the caller goes on building (later adds become no-ops), so a writer checks *ok
 * once at the end instead of after every member.
 */
#ifndef VT_JSON_WRITE_H
#define VT_JSON_WRITE_H

#include <json-c/json.h>
#include <stdbool.h>

#include "document.h"

/* Add `value` (taken over, even on failure) as obj[key]; a NULL value is an
 * allocation failure. Returns *ok. */
bool vt_json_add(json_object *obj, const char *key, json_object *value, bool *ok);
/* Append `value` (taken over) to `array`. Returns *ok. */
bool vt_json_push(json_object *array, json_object *value, bool *ok);
/* obj[key] = null, which json-c cannot fail to add. */
void vt_json_add_null(json_object *obj, const char *key);

/* A JSON string of `s`; bytes that are not UTF-8 (old archives' file names)
 * become U+FFFD, as JSON must hold UTF-8. NULL when out of memory. */
json_object *vt_json_string(const char *s);
/* obj[key] = the string, or null when `value` is NULL. */
void vt_json_add_string_or_null(json_object *obj, const char *key, const char *value, bool *ok);

json_object *vt_json_new_object(bool *ok);
json_object *vt_json_new_array(bool *ok);

/* A number with one decimal place (milliseconds, confidences 0–100). */
json_object *vt_json_rounded(double value);
/* A share 0–1, to three places. */
json_object *vt_json_share(double value);

/* review[key] = {"confidence": …, "needs_review": …} for a value that is present;
 * an unweighed one is written as 0.5, to be reviewed. */
void vt_json_add_sureness(json_object *review, const char *key, bool present, vt_sureness sure,
                          bool *ok);
/* [x, y, w, h]. */
json_object *vt_json_box(vt_box box, bool *ok);

#endif /* VT_JSON_WRITE_H */
