/*
 * field_sureness — say how sure each extracted field is, from evidence a reader
 * of the page would use.
 *
 * Two kinds of evidence. The OCR words the value was read from: their lowest
 * confidence (a value is as weak as its weakest word; a text input has none,
 * and its fields are left unweighed). And the notice's own redundancy, which
 * Decree 30/2020 builds in: the type abbreviation in the number is the
 * initials of the type name (GM ↔ GIẤY MỜI, QĐ ↔ QUYẾT ĐỊNH, TTr ↔ TỜ TRÌNH),
 * and the issuing body's abbreviation after it is, as a rule, the initials of
 * the body's name (STC ↔ SỞ TÀI CHÍNH, SLĐTBXH ↔ SỞ LAO ĐỘNG - THƯƠNG BINH
 * VÀ XÃ HỘI). A number whose parts disagree with the header was misread in one
 * of them. The receipt stamp's date cannot be before the notice was signed,
 * and a registry stamps within days, not years.
 */
#include "field_sureness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receipt_stamp_output.h"
#include "utf8.h"
#include "vnchar.h"

/* Below this (Tesseract's 0–100) a word is a doubtful reading. */
#define DOUBTFUL_WORD 70.0f
/* A stamp dated this many days after the notice is not believed unchecked. */
#define STAMP_DAYS_AFTER 365

/* The lowest confidence (0–100) of the OCR words under doc->text[start, end);
 * < 0 when no word is (text input, or the span was written by a text stage). */
static float span_confidence(const vt_document *doc, size_t start, size_t end)
{
    float lowest = -1;
    for (size_t p = 0; p < doc->n_pages; p++) {
        const vt_page *page = &doc->pages[p];
        for (size_t b = 0; b < page->n_blocks; b++)
            for (size_t l = 0; l < page->blocks[b].n_lines; l++) {
                const vt_line *line = &page->blocks[b].lines[l];
                for (size_t w = 0; w < line->n_words; w++) {
                    const vt_word *word = &line->words[w];
                    if (!word->in_text || word->confidence < 0 || word->text_end <= start
                        || word->text_start >= end)
                        continue;
                    if (lowest < 0 || word->confidence < lowest)
                        lowest = word->confidence;
                }
            }
    }
    return lowest;
}

/* Sureness from the words under a span and whether the value agrees with the
 * rest of the notice. */
static vt_sureness weigh(float words, bool agrees)
{
    if (words < 0)
        return (vt_sureness){.weighed = false};
    float confidence = words / 100.0f * (agrees ? 1.0f : 0.5f);
    return (vt_sureness){.weighed = true, .confidence = confidence,
                         .needs_review = !agrees || words < DOUBTFUL_WORD};
}

/* The upper-case initials of the words of `name`, marks kept on Đ only, into
 * out[cap]: "SỞ TÀI CHÍNH" → "STC". The link word "VÀ", punctuation and what
 * does not start with a capital (OCR's debris at a line's ends: "1", ":",
 * "_-") have none. */
static void initials(const char *name, char *out, size_t cap)
{
    size_t n = 0, len = strlen(name);
    for (size_t pos = 0; pos < len && n + 3 < cap;) {
        while (pos < len && (name[pos] == ' ' || name[pos] == '-' || name[pos] == ','))
            pos++;
        size_t word = pos;
        while (pos < len && name[pos] != ' ' && name[pos] != '-' && name[pos] != ',')
            pos++;
        if (pos == word || (pos - word == 2 && strncmp(name + word, "VÀ", 2) == 0)
            || (pos - word == 3 && strncmp(name + word, "VÀ", 3) == 0))
            continue;
        size_t at = word;
        int32_t c = vt_utf8_next(name, len, &at);
        if (c == 0x110) {               /* Đ stays Đ, as the abbreviations write it */
            memcpy(out + n, "Đ", 2);
            n += 2;
        } else {
            int32_t base = vt_letter_strip(c);     /* "Ủ" → "U": initials drop marks */
            if (base >= 'A' && base <= 'Z')
                out[n++] = (char)base;
        }
    }
    out[n] = '\0';
}

/* The capitals of an abbreviation: "TTr" → "TT", "QyĐ" → "QĐ". */
static void capitals(const char *code, char *out, size_t cap)
{
    size_t n = 0, len = strlen(code);
    for (size_t pos = 0; pos < len && n + 3 < cap;) {
        size_t at = pos;
        int32_t c = vt_utf8_next(code, len, &pos);
        if (c == 0x110 || (c >= 'A' && c <= 'Z')) {
            memcpy(out + n, code + at, pos - at);
            n += pos - at;
        }
    }
    out[n] = '\0';
}

/* What a cross-check found: the parts agree, it could not tell, or they
 * disagree. */
typedef enum check { CONFIRMED, UNKNOWN, CONTRADICTED } check;

/* The number's type abbreviation against the notice's type (a công văn has
 * none). */
static check type_check(const vt_docnum *number, const char *type)
{
    if (!type)
        return UNKNOWN;
    if (strcmp(type, "CÔNG VĂN") == 0)
        return number->type == NULL ? CONFIRMED : CONTRADICTED;
    if (!number->type)
        return CONTRADICTED;
    char want[32], got[32];
    initials(type, want, sizeof want);
    capitals(number->type, got, sizeof got);
    return strcmp(want, got) == 0 ? CONFIRMED : CONTRADICTED;
}

/* The issuer's abbreviation (its first group) against the issuing body (the
 * last issuer line): its initials, or the line starts with it ("UBND TỈNH …").
 * A body may be abbreviated otherwise (a ministry's "BYT", but also a hospital's
 * "BV" or "ĐKT"), so a mismatch is a doubt, not a contradiction, unless a
 * character or two differ: that is a misreading ("SLĐFBXH" for SLĐTBXH). */
static check issuer_check(const vt_docnum *number, const vt_header *h)
{
    if (!number->issuer || !number->issuer[0] || !h->n_issuer)
        return UNKNOWN;
    char group[64];
    size_t n = strcspn(number->issuer, "-");
    if (n >= sizeof group)
        return UNKNOWN;
    memcpy(group, number->issuer, n);
    group[n] = '\0';
    /* the body is the lines under the parent authority (a long name wraps) */
    char body[256] = "", want[64];
    for (size_t i = h->n_issuer > 1 ? 1 : 0, used = 0; i < h->n_issuer; i++) {
        int wrote = snprintf(body + used, sizeof body - used, "%s%s", used ? " " : "",
                             h->issuer[i]);
        if (wrote < 0 || (size_t)wrote >= sizeof body - used)
            break;
        used += (size_t)wrote;
    }
    initials(body, want, sizeof want);
    if (strcmp(group, want) == 0
        || (strncmp(body, group, n) == 0 && (body[n] == ' ' || body[n] == '\0')))
        return CONFIRMED;
    size_t wn = strlen(want), differ = 0;
    for (size_t i = 0; wn == n && i < n; i++)
        differ += group[i] != want[i];
    return wn == n && differ <= 2 ? CONTRADICTED : UNKNOWN;
}

/* The number: confirmed by both the type and the issuer, it stands whatever
 * OCR's confidence in the token (a symbol like "837/QĐ-SLĐTBXH" is no word of
 * Tesseract's dictionary and always scores low); contradicted, it is doubtful;
 * otherwise its words decide. */
static vt_sureness weigh_number(const vt_document *doc, const vt_docnum *number,
                                const vt_header *h)
{
    check type = type_check(number, h->type), issuer = issuer_check(number, h);
    float words = span_confidence(doc, number->start, number->end);
    if (type == CONTRADICTED || issuer == CONTRADICTED)
        return weigh(words < 0 ? 50 : words, false);
    if (type == CONFIRMED && issuer == CONFIRMED)
        return (vt_sureness){.weighed = true, .confidence = 0.95f,
                             .needs_review = (number->flags & VT_DOCNUM_REPAIRED) != 0};
    return weigh(words, true);
}

/* Days since 1970 of an ISO yyyy-mm-dd (a civil-date count; no time zones). */
static long iso_days(const char *iso)
{
    int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool full_iso_day(const char *s)
{
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

static bool plausible_stamp_date(const char *stamp_iso, long notice_day)
{
    if (!full_iso_day(stamp_iso))
        return false;
    long after = iso_days(stamp_iso) - notice_day;
    return after >= 0 && after <= STAMP_DAYS_AFTER;
}

/* The stamp's date chosen again among its readings, keeping only those not
 * before the notice's date and not years after it (a registry stamps what has
 * been signed, within days): "2095-12-05" beside "2025-12-05" is a 0 read as 9.
 * The value the most plausible readings give wins; the implausible ones count
 * as disagreeing. With no plausible reading, the date read stays, flagged. */
static void weigh_stamp_date(vt_receipt_stamp *stamp, long notice_day)
{
    size_t given = stamp->n_date_readings, best_support = 0;
    const char *best = NULL;
    for (size_t i = 0; i < given; i++) {
        const char *c = stamp->date_readings[i];
        if (!plausible_stamp_date(c, notice_day))
            continue;
        size_t support = 0;
        for (size_t j = 0; j < given; j++)
            support += strcmp(c, stamp->date_readings[j]) == 0;
        if (support > best_support) {
            best = c;
            best_support = support;
        }
    }
    if (!best) {
        if (stamp->date && !plausible_stamp_date(stamp->date, notice_day)) {
            float was = stamp->date_sure.weighed ? stamp->date_sure.confidence : 0.5f;
            stamp->date_sure = (vt_sureness){.weighed = true, .confidence = was * 0.25f,
                                             .needs_review = true};
        }
        return;
    }
    if (!stamp->date || strcmp(best, stamp->date) != 0) {
        char *copy = strdup(best);
        if (!copy)
            return;                 /* keep the date read; its sureness stands */
        free(stamp->date);
        stamp->date = copy;
    }
    stamp->date_sure = (vt_sureness){
        .weighed = true,
        .confidence = (float)best_support / (float)(given > 2 ? given : 2),
        .needs_review = best_support < 2 || best_support < given};
}

static void check_stamp_date(vt_document *doc, const char *notice_iso)
{
    vt_document_lock(doc);
    vt_receipt_stamp *stamp = vt_document_receipt_stamp(doc);
    if (stamp && full_iso_day(notice_iso))
        weigh_stamp_date(stamp, iso_days(notice_iso));
    vt_document_unlock(doc);
}

/* Where the signer's name is in the text: its last occurrence (the signature
 * block closes the notice). */
static float signer_confidence(const vt_document *doc, const char *name)
{
    const char *text = doc->text, *at = NULL;
    for (const char *p = strstr(text, name); p; p = strstr(p + 1, name))
        at = p;
    if (!at)
        return -1;
    size_t start = (size_t)(at - text);
    return span_confidence(doc, start, start + strlen(name));
}

void vt_fields_weigh(vt_document *doc, vt_notice_fields *f)
{
    const vt_header *h = &f->header;
    bool issuer_fits = !f->number || issuer_check(f->number, h) != CONTRADICTED;
    if (f->number)
        f->number_sure = weigh_number(doc, f->number, h);
    if (f->document_date < f->dates.count) {
        const vt_date *d = &f->dates.items[f->document_date];
        /* a month without its day: the day was left blank, or not read */
        bool whole_day = d->iso && strlen(d->iso) == 10;
        f->date_sure = weigh(span_confidence(doc, d->start, d->end), whole_day);
        if (d->iso)
            check_stamp_date(doc, d->iso);
    }
    if (h->n_issuer)
        f->issuer_sure = weigh(span_confidence(doc, h->issuer_span.start, h->issuer_span.end),
                               issuer_fits);
    if (h->signer.name)
        f->signer_sure = weigh(signer_confidence(doc, h->signer.name), true);
}
