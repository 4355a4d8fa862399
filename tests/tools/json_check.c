/*
 * json_check.c — check that a file holds vanthu JSON records of the documented
 * shape (pipeline/output-schema.json), for the end-to-end tests.
 *
 * usage: vt_json_check [--lines] FILE
 *   the file holds one record (or an array of them); with --lines, one record per
 *   line (jsonl). Exits 0 when every record has every required key with the
 *   right type, 1 otherwise, saying what is wrong.
 * usage: vt_json_check --get PATH FILE
 *   print the values at PATH in the record in FILE, one per line: keys joined by
 *   ".", "[]" for every element of an array ("pages[].number",
 *   "document.number.normalized"); strings bare, null (or a path through
 *   null) as "null", nothing for a key that is not there. Lets shell tests
 *   read one field without a JSON tool.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *key; json_type type; } record_keys[] = {
    {"source", json_type_string},   {"kind", json_type_string}, {"ok", json_type_boolean},
    {"text", json_type_string},     {"pages", json_type_array}, {"timings_ms", json_type_object},
    {"errors", json_type_array},    {"warnings", json_type_array},
    {"document", json_type_object}, {"dates", json_type_array},
    {"references", json_type_array}, {"repairs", json_type_array},
    {"attachments", json_type_array}, {"margin_notes", json_type_array},
};

static const struct { const char *key; json_type type; bool nullable; } page_keys[] = {
    {"number", json_type_int, false},   {"text", json_type_string, false},
    {"width", json_type_int, false},    {"height", json_type_int, false},
    {"dpi", json_type_int, true},       {"mean_confidence", json_type_double, true},
    {"quality", json_type_object, true}, {"blocks", json_type_array, false},
};

static bool has_type(json_object *value, json_type type, bool nullable)
{
    if (!value)
        return nullable;
    if (type == json_type_double)   /* json-c types 80.0 as double, 80 as int */
        return json_object_is_type(value, json_type_double)
            || json_object_is_type(value, json_type_int);
    return json_object_is_type(value, type);
}

static bool check_record(json_object *rec, const char *where)
{
    bool ok = true;
    if (!json_object_is_type(rec, json_type_object)) {
        fprintf(stderr, "%s: not a JSON object\n", where);
        return false;
    }
    for (size_t i = 0; i < sizeof record_keys / sizeof record_keys[0]; i++) {
        json_object *v;
        if (!json_object_object_get_ex(rec, record_keys[i].key, &v)
            || !has_type(v, record_keys[i].type, false)) {
            fprintf(stderr, "%s: key '%s' missing or of the wrong type\n", where,
                    record_keys[i].key);
            ok = false;
        }
    }
    json_object *pages;
    if (!json_object_object_get_ex(rec, "pages", &pages) || !json_object_is_type(pages, json_type_array))
        return false;
    for (size_t p = 0; p < json_object_array_length(pages); p++) {
        json_object *page = json_object_array_get_idx(pages, p);
        for (size_t i = 0; i < sizeof page_keys / sizeof page_keys[0]; i++) {
            json_object *v = NULL;
            if (!json_object_object_get_ex(page, page_keys[i].key, &v)
                || !has_type(v, page_keys[i].type, page_keys[i].nullable)) {
                fprintf(stderr, "%s: page %zu: key '%s' missing or of the wrong type\n", where,
                        p + 1, page_keys[i].key);
                ok = false;
            }
        }
    }
    return ok;
}

static void print_path(json_object *value, const char *path)
{
    if (*path == '\0') {
        if (!value)
            puts("null");
        else if (json_object_is_type(value, json_type_string))
            puts(json_object_get_string(value));
        else
            puts(json_object_to_json_string_ext(value, JSON_C_TO_STRING_PLAIN |
                                                           JSON_C_TO_STRING_NOSLASHESCAPE));
        return;
    }
    if (!value) {   /* a path through null is null; a missing key prints nothing */
        puts("null");
        return;
    }
    if (*path == '.')
        path++;
    if (strncmp(path, "[]", 2) == 0) {
        for (size_t i = 0; value && json_object_is_type(value, json_type_array) &&
                           i < json_object_array_length(value); i++)
            print_path(json_object_array_get_idx(value, i), path + 2);
        return;
    }
    size_t n = strcspn(path, ".[");
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)n, path);
    json_object *child = NULL;
    if (json_object_object_get_ex(value, key, &child))
        print_path(child, path + n);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--get") == 0) {
        json_object *root = json_object_from_file(argv[3]);
        if (!root) {
            fprintf(stderr, "%s: not valid JSON\n", argv[3]);
            return 1;
        }
        print_path(root, argv[2]);
        json_object_put(root);
        return 0;
    }
    bool lines = argc == 3 && strcmp(argv[1], "--lines") == 0;
    if (argc != 2 && !lines) {
        fprintf(stderr, "usage: vt_json_check [--lines] FILE | --get PATH FILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    bool ok = true;
    size_t records = 0;
    if (lines) {
        FILE *f = fopen(path, "r");
        if (!f) {
            perror(path);
            return 1;
        }
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, f) > 0) {
            json_object *rec = json_tokener_parse(line);
            char where[64];
            snprintf(where, sizeof where, "%s: line %zu", path, records + 1);
            if (!rec)
                fprintf(stderr, "%s: not valid JSON\n", where);
            ok = rec && check_record(rec, where) && ok;
            json_object_put(rec);
            records++;
        }
        free(line);
        fclose(f);
    } else {
        json_object *root = json_object_from_file(path);
        if (!root) {
            fprintf(stderr, "%s: not valid JSON\n", path);
            return 1;
        }
        if (json_object_is_type(root, json_type_array)) {
            for (size_t i = 0; i < json_object_array_length(root); i++, records++)
                ok = check_record(json_object_array_get_idx(root, i), path) && ok;
        } else {
            ok = check_record(root, path);
            records = 1;
        }
        json_object_put(root);
    }
    printf("%zu record(s) %s\n", records, ok ? "valid" : "INVALID");
    return ok && records > 0 ? 0 : 1;
}
