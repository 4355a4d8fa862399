/*
 * stamp_reader — read a receipt stamp's box several ways, and choose each field
 * by the readings' agreement.
 *
 * A stamp is a few short lines of 8–9 pt lettering (Decree 30/2020, Appendix
 * IV): the organisation (one to three lines), "Số:", "Ngày:", "Chuyển:", "Lưu hồ
 * sơ số:". Read as one block, its frame's rules and the big "ĐẾN" beside "Số:"
 * and "Ngày:" merge lines and turn into letters, and a numbering stamp's digit
 * face reads as letters ("1944" as "tòá4"). So the box is read three ways: as
 * it is; cleaned (stamp_layer: rules, "ĐẾN" and the dots of dotted zeros out)
 * and straightened (a stamp is set down by hand, a few degrees askew); and,
 * cut into lines at the rows without ink, each line from the top down to the
 * date again with the alphabet cut to digits and separators. The readings fail
 * differently; vt_stamp_vote keeps, for each field, the value most of them give
 * and says how sure that is. (Reading every line on its own with the full
 * alphabet was tried first: Tesseract reads a lone stamp line worse than the
 * block, "Số: 8514" as "%sa 85: ¡".)
 */
#include "stamp_reader.h"

#include <stdlib.h>
#include <string.h>

#include "stamp_layer.h"
#include "strbuf.h"

#define INK_CUT 160
/* Skew below this is left alone; above the limit the finder's answer is noise. */
#define MIN_SKEW_DEG 0.3f
#define MAX_SKEW_DEG 8.0f

typedef struct band {
    l_int32 y0, y1;             /* rows, inclusive */
} band;

void vt_stamp_reading_clear(vt_stamp_reading *r)
{
    free(r->plain_raw);
    vt_stamp_fields_free(&r->plain);
    free(r->raw);
    vt_stamp_fields_free(&r->fields);
    free(r->digits_number);
    free(r->digits_date);
    *r = (vt_stamp_reading){0};
}

/* The layer turned so its lines lie level; a new image (a copy when level). */
static PIX *straighten(PIX *grey)
{
    PIX *ink = pixThresholdToBinary(grey, INK_CUT);
    l_float32 angle = 0, conf = 0;
    if (ink && pixFindSkew(ink, &angle, &conf) != 0)
        angle = 0;
    pixDestroy(&ink);
    if (conf < 2.0f || (angle > -MIN_SKEW_DEG && angle < MIN_SKEW_DEG)
        || angle > MAX_SKEW_DEG || angle < -MAX_SKEW_DEG)
        return pixCopy(NULL, grey);
    return pixRotate(grey, angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                     0, 0);
}

/* Rows that hold lettering, as bands; marks that stand apart above their line
 * (a thin band) are joined to the line below. Returns the count, -1 on no
 * memory; *bands malloc'd. */
static int find_bands(PIX *grey, int dpi, band **bands)
{
    PIX *ink = pixThresholdToBinary(grey, INK_CUT);
    NUMA *rows = ink ? pixCountPixelsByRow(ink, NULL) : NULL;
    l_int32 h = pixGetHeight(grey), w = pixGetWidth(grey);
    band *out = malloc(sizeof *out * (size_t)(h / 2 + 1));
    pixDestroy(&ink);
    if (!rows || !out) {
        numaDestroy(&rows);
        free(out);
        return -1;
    }
    l_int32 min_ink = w / 100 > 2 ? w / 100 : 2, n = 0;
    for (l_int32 y = 0; y < h; y++) {
        l_int32 count;
        numaGetIValue(rows, y, &count);
        if (count < min_ink)
            continue;
        if (n && y - out[n - 1].y1 <= 2)
            out[n - 1].y1 = y;
        else
            out[n++] = (band){y, y};
    }
    numaDestroy(&rows);
    /* a line is at least 1 mm high; thinner bands are marks or specks */
    l_int32 min_h = dpi / 25 > 3 ? dpi / 25 : 3, kept = 0;
    for (int i = 0; i < n; i++) {
        bool thin = out[i].y1 - out[i].y0 + 1 < min_h;
        if (thin && i + 1 < n && out[i + 1].y0 - out[i].y1 <= min_h)
            out[i + 1].y0 = out[i].y0;      /* marks over the next line */
        else if (!thin)
            out[kept++] = out[i];
    }
    *bands = out;
    return kept;
}

/* One band of the layer, a few rows of paper around it, read as `layout`. */
static char *read_band(vt_ocr *ocr, PIX *grey, band b, int dpi, vt_ocr_layout layout)
{
    l_int32 pad = 3, y0 = b.y0 > pad ? b.y0 - pad : 0;
    l_int32 y1 = b.y1 + pad < pixGetHeight(grey) ? b.y1 + pad : pixGetHeight(grey) - 1;
    BOX *box = boxCreate(0, y0, pixGetWidth(grey), y1 - y0 + 1);
    PIX *line = box ? pixClipRectangle(grey, box, NULL) : NULL;
    boxDestroy(&box);
    if (!line)
        return NULL;
    /* Stamp lettering is small: read at twice the size. */
    char *text = vt_ocr_read_part(ocr, line, dpi, 2.0f, layout, NULL);
    pixDestroy(&line);
    if (text) {
        size_t len = strlen(text);
        while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
            text[--len] = '\0';
    }
    return text;
}

/* The value of a digits-only reading: what follows the label's colon, else the
 * last word (the label itself reads as a digit or two). */
static const char *digits_value(const char *text)
{
    const char *colon = strrchr(text, ':');
    if (colon)
        return colon + 1;
    const char *space = strrchr(text, ' ');
    return space ? space + 1 : text;
}

/* Parse a digits-only reading as the number or the date by giving it its
 * label. */
static int parse_digits(const char *text, bool number, vt_stamp_reading *out)
{
    char *line = vt_format("%s%s", number ? "Số: " : "Ngày: ", digits_value(text));
    vt_stamp_fields f;
    int status = line ? vt_stamp_fields_parse(line, &f) : -1;
    free(line);
    if (status != 0)
        return -1;
    char **slot = number ? &out->digits_number : &out->digits_date;
    char **value = number ? &f.number : &f.date;
    if (!*slot) {
        *slot = *value;
        *value = NULL;
    }
    vt_stamp_fields_free(&f);
    return 0;
}

/* Read the lines again as digits, from the top, until one is a date: that is
 * the "Ngày:" line, and the line above it "Số:" (the form's order). Matching
 * the block reading's lines to the bands would not do: a frame remnant or a
 * pen stroke makes a band the block reading has no line for. */
static int read_digits(vt_ocr *ocr, PIX *grey, const band *bands, int n, int dpi,
                       vt_stamp_reading *out)
{
    char *above = NULL;
    int status = 0;
    for (int i = 0; status == 0 && i < n && !out->digits_date; i++) {
        char *digits = read_band(ocr, grey, bands[i], dpi, VT_OCR_DIGITS_LINE);
        if (digits && strchr(digits, '/'))
            status = parse_digits(digits, false, out);
        if (status == 0 && out->digits_date && above)
            status = parse_digits(above, true, out);
        free(above);
        above = digits;
    }
    free(above);
    return status;
}

/* A digits-only reading that is the word reading's number with digits before
 * it ("434" beside "34") has read the "Số:" label as a digit: the alphabet left
 * it nothing else to be. */
static void drop_label_digit(vt_stamp_reading *r)
{
    const char *readings[] = {r->fields.number, r->plain.number};
    for (size_t i = 0; i < 2 && r->digits_number; i++) {
        const char *words = readings[i], *digits = r->digits_number;
        size_t wn = words ? strlen(words) : 0, dn = strlen(digits);
        if (wn && dn > wn && strcmp(digits + dn - wn, words) == 0)
            memmove(r->digits_number, digits + dn - wn, wn + 1);
    }
}

/* Read `image` as one block at twice the size (stamp lettering is 8–9 pt) and
 * parse it: *raw NULL when it holds no text. 0, or -1 when memory ran out. */
static int read_block(vt_ocr *ocr, PIX *image, int dpi, char **raw, vt_stamp_fields *fields)
{
    *fields = (vt_stamp_fields){0};
    *raw = vt_ocr_read_part(ocr, image, dpi, 2.0f, VT_OCR_ONE_BLOCK, NULL);
    if (*raw && !(*raw)[strspn(*raw, " \n")]) {
        free(*raw);
        *raw = NULL;
    }
    if (*raw && vt_stamp_fields_parse(*raw, fields) != 0) {
        free(*raw);
        *raw = NULL;
        return -1;
    }
    return 0;
}

int vt_stamp_read(vt_ocr *ocr, PIX *layer, int dpi, vt_stamp_reading *out)
{
    *out = (vt_stamp_reading){0};
    if (read_block(ocr, layer, dpi, &out->plain_raw, &out->plain) != 0)
        return -1;
    PIX *clean = vt_stamp_layer_lines(layer, dpi);
    PIX *level = clean ? straighten(clean) : NULL;
    pixDestroy(&clean);
    band *bands = NULL;
    int n = level ? find_bands(level, dpi, &bands) : -1;
    int status = n < 0 ? -1 : read_block(ocr, level, dpi, &out->raw, &out->fields);
    if (status == 0 && out->raw)
        status = read_digits(ocr, level, bands, n, dpi, out);
    free(bands);
    pixDestroy(&level);
    if (status == 0)
        drop_label_digit(out);
    if (status != 0)
        vt_stamp_reading_clear(out);
    return status;
}

/* The value most candidates give, taken from its slot (NULL when none gives
 * one). Two readings that agree, of layers and alphabets that fail differently,
 * are rarely both wrong; one reading alone, or readings that disagree, could be:
 * confidence = agreeing / max(readings, 2), to be reviewed unless at least two
 * agree and none disagrees. Ties go to the earlier candidate. */
static char *vote(char **candidates[], int n, vt_sureness *sure)
{
    int best = -1, best_support = 0, given = 0;
    for (int i = 0; i < n; i++) {
        if (!*candidates[i])
            continue;
        given++;
        int support = 0;
        for (int j = 0; j < n; j++)
            support += *candidates[j] && strcmp(*candidates[i], *candidates[j]) == 0;
        if (support > best_support) {
            best = i;
            best_support = support;
        }
    }
    *sure = (vt_sureness){.weighed = true};
    if (best < 0)
        return NULL;
    sure->confidence = (float)best_support / (float)(given > 2 ? given : 2);
    sure->needs_review = best_support < 2 || best_support < given;
    char *chosen = *candidates[best];
    *candidates[best] = NULL;
    return chosen;
}

/* Whether every word of a name is a syllable or an abbreviation: a name with
 * a word of neither was misread somewhere. */
static bool all_name_words(const char *name)
{
    for (const char *p = name; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len && !vt_stamp_name_word(p, len))
            return false;
        p += len;
    }
    return true;
}

/* Copy every date the readings gave into stamp->date_readings. */
static bool keep_dates(char **dates[], int n, vt_receipt_stamp *stamp)
{
    stamp->date_readings = calloc((size_t)n, sizeof *stamp->date_readings);
    if (!stamp->date_readings)
        return false;
    for (int i = 0; i < n; i++)
        if (*dates[i]) {
            char *copy = strdup(*dates[i]);
            if (!copy)
                return false;
            stamp->date_readings[stamp->n_date_readings++] = copy;
        }
    return true;
}

enum { MAX_READINGS = 4, MAX_CANDIDATES = 3 * MAX_READINGS };

int vt_stamp_vote(vt_stamp_reading *readings, int n, vt_receipt_stamp *stamp)
{
    char **numbers[MAX_CANDIDATES], **dates[MAX_CANDIDATES];
    char **orgs[MAX_CANDIDATES], **routes[MAX_CANDIDATES];
    int k = 0, m = 0;
    n = n < MAX_READINGS ? n : MAX_READINGS;
    /* digits-only readings first, then the cleaned block's, then the plain one's */
    /* the last reading first: callers put the softest, fullest layer last */
    for (int i = n - 1; i >= 0; i--, k++) {
        numbers[k] = &readings[i].digits_number;
        dates[k] = &readings[i].digits_date;
    }
    for (int i = n - 1; i >= 0; i--, k++, m++) {
        numbers[k] = &readings[i].fields.number;
        dates[k] = &readings[i].fields.date;
        orgs[m] = &readings[i].fields.org;
        routes[m] = &readings[i].fields.forwarded_to;
    }
    for (int i = n - 1; i >= 0; i--, k++, m++) {
        numbers[k] = &readings[i].plain.number;
        dates[k] = &readings[i].plain.date;
        orgs[m] = &readings[i].plain.org;
        routes[m] = &readings[i].plain.forwarded_to;
    }
    stamp->number = vote(numbers, k, &stamp->number_sure);
    if (!keep_dates(dates, k, stamp))
        return -1;
    stamp->date = vote(dates, k, &stamp->date_sure);
    stamp->org = vote(orgs, m, &stamp->org_sure);
    bool cut = false;
    for (int i = 0; i < n; i++)
        cut = cut || readings[i].fields.org_cut || readings[i].plain.org_cut;
    if (stamp->org && (cut || !all_name_words(stamp->org)))
        stamp->org_sure.needs_review = true;
    stamp->forwarded_to = vote(routes, m, &stamp->forwarded_sure);
    vt_strbuf raw = {0};
    for (int i = 0; i < n; i++) {
        vt_strbuf_puts(&raw, readings[i].plain_raw ? readings[i].plain_raw : "");
        vt_strbuf_puts(&raw, readings[i].raw ? readings[i].raw : "");
    }
    stamp->raw = vt_strbuf_take(&raw);
    return stamp->raw ? 0 : -1;     /* on failure the caller frees the stamp */
}

bool vt_stamp_reads_like_one(const vt_receipt_stamp *stamp)
{
    int read = (stamp->number != NULL) + (stamp->date != NULL);
    return read == 2 || (read == 1 && stamp->forwarded_to != NULL);
}
