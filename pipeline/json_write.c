/*
 * json_write.c — json-c helpers shared by the JSON writers (json_write.h).
 */
#include "json_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

/* json-c's add functions take ownership of `value` even when they fail, so a
 * NULL value (allocation failure) is the only thing to check. */
bool vt_json_add(json_object *obj, const char *key, json_object *value, bool *ok)
{
    if (!value || json_object_object_add(obj, key, value) != 0)
        *ok = false;
    return *ok;
}

bool vt_json_push(json_object *array, json_object *value, bool *ok)
{
    if (!value || json_object_array_add(array, value) != 0) {
        json_object_put(value);
        *ok = false;
    }
    return *ok;
}

void vt_json_add_null(json_object *obj, const char *key)
{
    json_object_object_add(obj, key, NULL);
}

json_object *vt_json_string(const char *s)
{
    size_t len = strlen(s);
    if (vt_utf8_valid(s, len))
        return json_object_new_string(s);
    vt_strbuf sb = {0};
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        if (vt_utf8_next(s, len, &pos) == VT_UTF8_INVALID)
            vt_strbuf_puts(&sb, "\xEF\xBF\xBD");
        else
            vt_strbuf_append(&sb, s + start, pos - start);
    }
    char *clean = vt_strbuf_take(&sb);
    json_object *obj = clean ? json_object_new_string(clean) : NULL;
    free(clean);
    return obj;
}

void vt_json_add_string_or_null(json_object *obj, const char *key, const char *value, bool *ok)
{
    if (value)
        vt_json_add(obj, key, vt_json_string(value), ok);
    else
        vt_json_add_null(obj, key);
}

json_object *vt_json_new_object(bool *ok)
{
    json_object *obj = json_object_new_object();
    if (!obj)
        *ok = false;
    return obj;
}

json_object *vt_json_new_array(bool *ok)
{
    json_object *arr = json_object_new_array();
    if (!arr)
        *ok = false;
    return arr;
}

/* One decimal place is plenty for milliseconds and confidences, and keeps the
 * output stable to read and diff. */
json_object *vt_json_rounded(double value)
{
    char text[32];
    snprintf(text, sizeof text, "%.1f", value);
    return json_object_new_double_s(round(value * 10.0) / 10.0, text);
}

/* Three places: enough to rank pages, stable across runs. */
json_object *vt_json_share(double value)
{
    char text[32];
    snprintf(text, sizeof text, "%.3f", value);
    return json_object_new_double_s(round(value * 1000.0) / 1000.0, text);
}

void vt_json_add_sureness(json_object *review, const char *key, bool present, vt_sureness sure,
                          bool *ok)
{
    if (!present)
        return;
    json_object *obj = vt_json_new_object(ok);
    if (!obj)
        return;
    vt_json_add(obj, "confidence", vt_json_share(sure.weighed ? sure.confidence : 0.5), ok);
    vt_json_add(obj, "needs_review", json_object_new_boolean(!sure.weighed || sure.needs_review),
                ok);
    vt_json_add(review, key, obj, ok);
}

json_object *vt_json_box(vt_box box, bool *ok)
{
    json_object *arr = vt_json_new_array(ok);
    if (!arr)
        return NULL;
    int v[4] = {box.x, box.y, box.w, box.h};
    for (int i = 0; i < 4; i++)
        vt_json_push(arr, json_object_new_int(v[i]), ok);
    return arr;
}
