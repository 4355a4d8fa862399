/*
 * normalise_bench.c — precision and recall of the date and document-number parsers
 * against the hand-labelled set in fixtures/labels.
 *
 *   normalise_bench [LABEL_DIR]      (default fixtures/labels)
 *
 * Two sets: the five seeds (seeds.tsv over seeds/NNN_*.txt, the anchor guessed from
 * each text as the pipeline does) and the hard cases (hard_cases.tsv, each row's
 * own text and anchor). An extracted item counts as correct when a label has the
 * same field, raw span, expected value and kind; each label matches once. Misses
 * and false hits are listed so a regression can be read off the output.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "docnum.h"
#include "strbuf.h"

enum { COL_MAX = 8 };

typedef struct row {
    char *cols[COL_MAX];
    size_t ncols;
    bool matched;
} row;

typedef struct table {
    row *rows;
    size_t count;
    char *data;
} table;

typedef struct score {
    size_t hits, extracted, labelled;
} score;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    vt_strbuf sb = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        vt_strbuf_append(&sb, buf, n);
    fclose(f);
    *len = sb.len;
    return vt_strbuf_take(&sb);
}

/* Tab-separated rows after the header line, split in place. */
static int read_table(const char *path, table *t)
{
    size_t len;
    memset(t, 0, sizeof *t);
    if (!(t->data = read_file(path, &len)))
        return -1;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += t->data[i] == '\n';
    t->rows = calloc(lines, sizeof *t->rows);
    if (!t->rows)
        return -1;
    char *save = NULL, *line = strtok_r(t->data, "\n", &save);
    for (bool header = true; line; line = strtok_r(NULL, "\n", &save), header = false) {
        if (header)
            continue;
        row *r = &t->rows[t->count++];
        char *p = line;
        while (r->ncols < COL_MAX) {
            r->cols[r->ncols++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
    }
    return 0;
}

static void free_table(table *t)
{
    free(t->rows);
    free(t->data);
}

/* The TSV writes a newline in a span as "\n" and a tab as "\t". */
static char *escape(const char *s)
{
    vt_strbuf sb = {0};
    for (; *s; s++) {
        if (*s == '\n')
            vt_strbuf_puts(&sb, "\\n");
        else if (*s == '\t')
            vt_strbuf_puts(&sb, "\\t");
        else
            vt_strbuf_putc(&sb, *s);
    }
    return vt_strbuf_take(&sb);
}

static char *unescape(const char *s)
{
    vt_strbuf sb = {0};
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            vt_strbuf_putc(&sb, '\n');
            s++;
        } else if (s[0] == '\\' && s[1] == 't') {
            vt_strbuf_putc(&sb, '\t');
            s++;
        } else
            vt_strbuf_putc(&sb, *s);
    }
    return vt_strbuf_take(&sb);
}

/* Column layout of the two files: where id, field, raw, expected and kind are. */
typedef struct layout {
    int id, field, raw, expected, kind;
} layout;

static score *score_for(const char *field, score *dates, score *numbers)
{
    return strcmp(field, "date") == 0 ? dates : numbers;
}

/* One extracted item: a hit if an unmatched label agrees on everything. */
static void judge(table *t, layout l, const char *id, const char *field, const char *raw,
                  const char *expected, const char *kind, score *dates, score *numbers)
{
    char *eraw = escape(raw);
    score *s = score_for(field, dates, numbers);
    s->extracted++;
    for (size_t i = 0; i < t->count; i++) {
        row *r = &t->rows[i];
        if (!r->matched && strcmp(r->cols[l.id], id) == 0 && strcmp(r->cols[l.field], field) == 0 &&
            strcmp(r->cols[l.raw], eraw) == 0 && strcmp(r->cols[l.expected], expected) == 0 &&
            strcmp(r->cols[l.kind], kind) == 0) {
            r->matched = true;
            s->hits++;
            free(eraw);
            return;
        }
    }
    printf("  false hit  %s %s '%s' -> %s (%s)\n", id, field, eraw, expected, kind);
    free(eraw);
}

/* Run both parsers on one text and judge what they find. want_* select fields. */
static void extract(table *t, layout l, const char *id, const char *text, size_t len,
                    const vt_date_anchor *anchor, const char *only_field, score *dates, score *numbers)
{
    bool all = only_field == NULL;
    if (all || strcmp(only_field, "date") == 0) {
        vt_date_list list;
        if (vt_dates_find(text, len, anchor, &list) == 0) {
            for (size_t i = 0; i < list.count; i++) {
                const vt_date *d = &list.items[i];
                judge(t, l, id, "date", d->raw, d->iso ? d->iso : "-", vt_date_kind_name(d->kind),
                      dates, numbers);
            }
            vt_date_list_free(&list);
        }
    }
    if (all || strcmp(only_field, "number") == 0) {
        vt_docnum own;
        if (vt_docnum_find_own(text, len, &own) == 1) {
            judge(t, l, id, "number", own.raw, own.normalized, vt_docnum_family_name(own.family),
                  dates, numbers);
            vt_docnum_clear(&own);
        }
    }
    if (all || strcmp(only_field, "reference") == 0) {
        vt_docnum_list refs;
        if (vt_docnum_find_references(text, len, anchor, &refs) == 0) {
            for (size_t i = 0; i < refs.count; i++) {
                const vt_docnum *d = &refs.items[i];
                judge(t, l, id, "reference", d->raw, d->normalized, vt_docnum_family_name(d->family),
                      dates, numbers);
            }
            vt_docnum_list_free(&refs);
        }
    }
}

/* Labels never matched are misses; rows with raw "-" only say "nothing here". */
static void count_labels(table *t, layout l, score *dates, score *numbers)
{
    for (size_t i = 0; i < t->count; i++) {
        row *r = &t->rows[i];
        if (strcmp(r->cols[l.raw], "-") == 0)
            continue;
        score_for(r->cols[l.field], dates, numbers)->labelled++;
        if (!r->matched)
            printf("  missed     %s %s '%s' -> %s (%s)\n", r->cols[l.id], r->cols[l.field],
                   r->cols[l.raw], r->cols[l.expected], r->cols[l.kind]);
    }
}

static void report(const char *set, const char *what, const score *s)
{
    double p = s->extracted ? 100.0 * (double)s->hits / (double)s->extracted : 100.0;
    double r = s->labelled ? 100.0 * (double)s->hits / (double)s->labelled : 100.0;
    printf("%-6s %-17s precision %6.2f%% (%zu/%zu)  recall %6.2f%% (%zu/%zu)\n", set, what, p,
           s->hits, s->extracted, r, s->hits, s->labelled);
}

static int bench_seeds(const char *dir)
{
    char path[4096];
    table t;
    snprintf(path, sizeof path, "%s/seeds.tsv", dir);
    if (read_table(path, &t) < 0 || t.count == 0 || t.rows[0].ncols < 5) {
        fprintf(stderr, "normalise_bench: cannot read %s\n", path);
        return -1;
    }
    layout l = {0, 1, 2, 3, 4};
    score dates = {0}, numbers = {0};
    snprintf(path, sizeof path, "%s/seeds", dir);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "normalise_bench: cannot open %s\n", path);
        free_table(&t);
        return -1;
    }
    printf("seeds:\n");
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 8 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        char id[4] = {e->d_name[0], e->d_name[1], e->d_name[2], '\0'};
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        size_t len;
        char *text = read_file(file, &len);
        if (!text)
            continue;
        vt_date_anchor anchor;
        int found = vt_dates_guess_anchor(text, len, &anchor);
        extract(&t, l, id, text, len, found == 1 ? &anchor : NULL, NULL, &dates, &numbers);
        free(text);
    }
    closedir(d);
    count_labels(&t, l, &dates, &numbers);
    report("seeds", "dates", &dates);
    report("seeds", "document numbers", &numbers);
    free_table(&t);
    return 0;
}

static bool parse_anchor(const char *s, vt_date_anchor *a)
{
    memset(a, 0, sizeof *a);
    return sscanf(s, "%d-%d-%d", &a->year, &a->month, &a->day) >= 1;
}

static int bench_hard(const char *dir)
{
    char path[4096];
    table t;
    snprintf(path, sizeof path, "%s/hard_cases.tsv", dir);
    if (read_table(path, &t) < 0 || t.count == 0 || t.rows[0].ncols < 7) {
        fprintf(stderr, "normalise_bench: cannot read %s\n", path);
        return -1;
    }
    layout l = {0, 2, 4, 5, 6};
    score dates = {0}, numbers = {0};
    printf("hard cases:\n");
    for (size_t i = 0; i < t.count; i++) {
        /* each case once: its first row carries the text */
        if (i > 0 && strcmp(t.rows[i].cols[0], t.rows[i - 1].cols[0]) == 0)
            continue;
        row *r = &t.rows[i];
        char *text = unescape(r->cols[3]);
        if (!text)
            continue;
        vt_date_anchor anchor;
        bool has_anchor = parse_anchor(r->cols[1], &anchor);
        extract(&t, l, r->cols[0], text, strlen(text), has_anchor ? &anchor : NULL, r->cols[2],
                &dates, &numbers);
        free(text);
    }
    count_labels(&t, l, &dates, &numbers);
    report("hard", "dates", &dates);
    report("hard", "document numbers", &numbers);
    free_table(&t);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "fixtures/labels";
    int rc = bench_seeds(dir);
    rc |= bench_hard(dir);
    return rc ? 1 : 0;
}
