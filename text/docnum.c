/*
 * docnum.c — "số, ký hiệu" grammar, table and OCR repair (see docnum.h).
 *
 *   core      := NUM sep ( YEAR "/" groups | groups )     admin, công văn, normative
 *              | NUM "-" TYPE "/" groups                   Party
 *   groups    := group ( "-" group )*
 *   group     := (A-Z | Đ) (letter | digit)*
 *
 * A symbol is read into a fixed-size `symbol` first (no allocation while parsing),
 * then copied out. Each repair is a rule of the grammar or the official table,
 * never of a particular document: see the comments at each one.
 */
#include "docnum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "strbuf.h"
#include "wordscan.h"

#define MAX_GROUPS 8
#define GROUP_BYTES 32
#define NUMBER_DIGITS 6

typedef struct symbol {
    char number[NUMBER_DIGITS + 2];
    int year;
    char groups[MAX_GROUPS][GROUP_BYTES];
    size_t ngroups;
    bool has_type; /* groups[0] is the type abbreviation */
    vt_docnum_family family;
    unsigned flags;
    size_t start, end;
} symbol;

/* Issuer groups already read with certainty in the same text (§2.4: "the issuer
 * group matches an allowlist"); used to read a garbled issuer. */
typedef struct allowlist {
    char (*items)[GROUP_BYTES];
    size_t count, cap;
} allowlist;

/* Decree 30/2020, Appendix III §I: the 27 official abbreviations. */
static const char *const admin_types[] = {
    "NQ", "QĐ", "CT", "QC",  "QyĐ", "TC",  "TB",  "HD",  "CTr", "KH", "PA", "ĐA", "DA", "BC",
    "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB",
};
/* Same appendix: bản sao y, bản trích sao, bản sao lục. */
static const char *const copy_types[] = {"SY", "TrS", "SL"};
/* Legal normative documents (§2.3): nghị định, thông tư (liên tịch), quyết định,
 * nghị quyết (liên tịch), chỉ thị, lệnh, consolidated text. */
static const char *const normative_types[] = {"NĐ", "TT", "TTLT", "QĐ", "NQ", "NQLT", "CT", "L", "VBHN"};
/* Party documents (Quy định 66-QĐ/TW, §2.7). */
static const char *const party_types[] = {"NQ", "CT", "QĐi", "QC", "KL", "TB", "HD", "CV",
                                          "BC", "QĐ", "KH", "CTr", "TT", "QTr"};

typedef struct type_table {
    const char *const *items;
    size_t count;
} type_table;

#define TABLE(a) ((type_table){a, sizeof a / sizeof a[0]})

/* ------------------------------------------------------------ characters */

static bool is_upper_start(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return false;
    if (s[pos] >= 'A' && s[pos] <= 'Z')
        return true;
    return pos + 1 < len && (unsigned char)s[pos] == 0xC4 && (unsigned char)s[pos + 1] == 0x90;
}

/* Bytes of one symbol character at pos (ASCII letter or digit, Đ, đ); 0 if none. */
static size_t symbol_char(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return 0;
    char c = s[pos];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return 1;
    if (pos + 1 < len && (unsigned char)c == 0xC4 &&
        ((unsigned char)s[pos + 1] == 0x90 || (unsigned char)s[pos + 1] == 0x91))
        return 2;
    return 0;
}

static bool letter_follows(const char *s, size_t len, size_t pos)
{
    size_t next;
    return pos < len && vt_scan_is_letter(vt_scan_cp_at(s, len, pos, &next));
}

static size_t skip_hspace(const char *s, size_t len, size_t pos)
{
    while (vt_scan_hspace(s, len, pos, &pos))
        ;
    return pos;
}

/* -------------------------------------------------------------- the table */

static bool in_table(type_table t, const char *abbr)
{
    for (size_t i = 0; i < t.count; i++)
        if (strcmp(t.items[i], abbr) == 0)
            return true;
    return false;
}

bool vt_docnum_is_admin_type(const char *abbr)
{
    return abbr && (in_table(TABLE(admin_types), abbr) || in_table(TABLE(copy_types), abbr));
}

/* Could OCR have read table letter `want` as `got`? Case (QYĐ for QyĐ), Đ without
 * its bar, and the digit look-alikes of §2.5/§6.3: 0 O, 1 T/I/L, 8 S/B, 4 Đ, 5 S. */
static bool type_char_fits(int32_t got, int32_t want)
{
    if (got == want || vt_scan_fold(got) == vt_scan_fold(want))
        return true;
    int32_t w = vt_scan_fold(want);
    switch (got) {
    case 'D': case 'd':
        return w == 0x111;
    case '0':
        return w == 'o';
    case '1':
        return w == 't' || w == 'i' || w == 'l';
    case '8':
        return w == 's' || w == 'b';
    case '4':
        return w == 0x111;
    case '5':
        return w == 's';
    default:
        return false;
    }
}

static bool fits(const char *got, const char *want, bool (*char_fits)(int32_t, int32_t))
{
    size_t gl = strlen(got), wl = strlen(want), g = 0, w = 0;
    while (g < gl && w < wl) {
        size_t gn, wn;
        int32_t a = vt_scan_cp_at(got, gl, g, &gn);
        int32_t b = vt_scan_cp_at(want, wl, w, &wn);
        if (!char_fits(a, b))
            return false;
        g = gn;
        w = wn;
    }
    return g == gl && w == wl;
}

/* The table entry `group` is, exactly or as the single entry its OCR damage fits.
 * NULL when none or more than one fits: then nothing is certain. */
static const char *table_match(type_table t, const char *group, bool *repaired)
{
    *repaired = false;
    for (size_t i = 0; i < t.count; i++)
        if (strcmp(t.items[i], group) == 0)
            return t.items[i];
    const char *found = NULL;
    for (size_t i = 0; i < t.count; i++) {
        if (fits(group, t.items[i], type_char_fits)) {
            if (found)
                return NULL;
            found = t.items[i];
        }
    }
    *repaired = found != NULL;
    return found;
}

/* ----------------------------------------------------------------- groups */

/* A group at pos. In the type slot a leading digit is allowed (OCR: "1B" for TB);
 * elsewhere a group starts with a capital, as abbreviations of names do. */
static bool read_group(const char *s, size_t len, size_t pos, bool type_slot, char *out,
                       size_t *end)
{
    if (!is_upper_start(s, len, pos) && !(type_slot && pos < len && s[pos] >= '0' && s[pos] <= '9'))
        return false;
    size_t p = pos, n;
    while ((n = symbol_char(s, len, p)) > 0) {
        if (p + n - pos >= GROUP_BYTES)
            return false;
        p += n;
    }
    if (letter_follows(s, len, p)) /* "UBNDtỉnh": the group runs into a word */
        return false;
    memcpy(out, s + pos, p - pos);
    out[p - pos] = '\0';
    *end = p;
    return true;
}

static bool all_upper(const char *g)
{
    for (; *g; g++)
        if (*g >= 'a' && *g <= 'z')
            return false;
    return true;
}

/* The "-" between groups, at pos. Plain "-", or OCR's variants: spaces around it
 * ("TB - SYT", taken only before an all-capital group, so prose after a dash is
 * not swallowed) and a hyphen ending a line ("4869/UBND-\nSYT"). */
static bool group_hyphen(const char *s, size_t len, size_t pos, size_t *next, bool *spaced)
{
    size_t p = skip_hspace(s, len, pos);
    if (p >= len || s[p] != '-')
        return false;
    *spaced = p > pos;
    size_t q = p + 1, newlines = 0;
    while (q < len && (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r')) {
        newlines += s[q] == '\n';
        q++;
    }
    if (newlines > 1)
        return false;
    *spaced = *spaced || q > p + 1;
    *next = q;
    return true;
}

/* How OCR writes an issuer's letters as non-letters (§6.3: S as 8, T as 1, Y as /). */
static bool issuer_char_fits(int32_t got, int32_t want)
{
    if (got == want)
        return true;
    switch (got) {
    case '8':
        return want == 'S' || want == 'B';
    case '5':
        return want == 'S';
    case '1':
        return want == 'T' || want == 'I' || want == 'L';
    case '7':
        return want == 'T';
    case '/':
        return want == 'Y' || want == 'I';
    case '|':
        return want == 'I';
    case '0':
        return want == 'O';
    case '4':
        return want == 0x110;
    case '6':
        return want == 'G';
    case '2':
        return want == 'Z';
    default:
        return false;
    }
}

/* An issuer group garbled into digits and slashes ("8/1"), read as the single
 * issuer of the allowlist it fits. */
static bool garbled_issuer(const char *s, size_t len, size_t pos, const allowlist *al, char *out,
                           size_t *end)
{
    if (!al || al->count == 0)
        return false;
    size_t p = pos, n;
    bool damaged = false;
    while (p < len && p - pos < GROUP_BYTES - 2) {
        if ((n = symbol_char(s, len, p)) > 0) {
            damaged = damaged || (s[p] >= '0' && s[p] <= '9');
            p += n;
        } else if (s[p] == '/' || s[p] == '|') {
            damaged = true;
            p++;
        } else
            break;
    }
    if (!damaged || p == pos || letter_follows(s, len, p))
        return false;
    char run[GROUP_BYTES];
    memcpy(run, s + pos, p - pos);
    run[p - pos] = '\0';
    const char *found = NULL;
    for (size_t i = 0; i < al->count; i++) {
        if (fits(run, al->items[i], issuer_char_fits) && (!found || strcmp(found, al->items[i]))) {
            if (found)
                return false;
            found = al->items[i];
        }
    }
    if (!found)
        return false;
    snprintf(out, GROUP_BYTES, "%s", found);
    *end = p;
    return true;
}

/* A hyphen OCR read as a colon, between two groups with no space ("1987/TB:STC"):
 * a colon never joins a symbol's groups, and "Số: 12/TB" puts its colon before
 * the number, not inside it. Only before a group of capitals. */
static bool colon_for_hyphen(const char *s, size_t len, size_t pos, size_t *next,
                             unsigned *flags)
{
    if (pos + 1 >= len || s[pos] != ':')
        return false;
    char probe[GROUP_BYTES];
    size_t end;
    if (!read_group(s, len, pos + 1, false, probe, &end) || !all_upper(probe))
        return false;
    *next = pos + 1;
    *flags |= VT_DOCNUM_REPAIRED;
    return true;
}

/* A group hyphen at pos that really joins a group: after a spaced hyphen only an
 * all-capital group counts. */
static bool joins_group(const char *s, size_t len, size_t pos, size_t *next, unsigned *flags)
{
    bool spaced;
    if (!group_hyphen(s, len, pos, next, &spaced))
        return colon_for_hyphen(s, len, pos, next, flags);
    if (!spaced)
        return true;
    char probe[GROUP_BYTES];
    size_t end;
    if (!read_group(s, len, *next, false, probe, &end) || !all_upper(probe))
        return false;
    *flags |= VT_DOCNUM_REPAIRED;
    return true;
}

/* Issuer groups from pos (just after a "-" or "/"), appended to sym. */
static void read_issuer_groups(const char *s, size_t len, size_t pos, const allowlist *al, symbol *sym)
{
    size_t p = pos, end;
    while (sym->ngroups < MAX_GROUPS) {
        char *g = sym->groups[sym->ngroups];
        if (read_group(s, len, p, false, g, &end)) {
            sym->ngroups++;
        } else if (garbled_issuer(s, len, p, al, g, &end)) {
            sym->ngroups++;
            sym->flags |= VT_DOCNUM_REPAIRED;
        } else
            break;
        sym->end = end;
        if (!joins_group(s, len, end, &p, &sym->flags))
            break;
    }
}

/* --------------------------------------------------------------- symbols */

/* The number: digits, with O read as 0 between or after digits (§2.5). */
static bool read_number(const char *s, size_t len, size_t pos, symbol *sym, size_t *end)
{
    size_t p = pos, n = 0;
    if (p >= len || s[p] < '0' || s[p] > '9')
        return false;
    while (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == 'O' || s[p] == 'o')) {
        if (s[p] == 'O' || s[p] == 'o') {
            /* only where a letter cannot be: followed by a digit or "/" */
            if (p + 1 >= len || !((s[p + 1] >= '0' && s[p + 1] <= '9') || s[p + 1] == '/'))
                break;
            sym->flags |= VT_DOCNUM_REPAIRED;
        }
        if (n == NUMBER_DIGITS)
            return false;
        sym->number[n++] = (s[p] >= '0' && s[p] <= '9') ? s[p] : '0';
        p++;
    }
    sym->number[n] = '\0';
    *end = p;
    return true;
}

static bool is_year_at(const char *s, size_t len, size_t pos, int *year)
{
    if (pos + 5 > len || s[pos + 4] != '/')
        return false;
    int y = 0;
    for (size_t i = 0; i < 4; i++) {
        if (s[pos + i] < '0' || s[pos + i] > '9')
            return false;
        y = y * 10 + (s[pos + i] - '0');
    }
    if (y < 1945 || y > 2099)
        return false;
    *year = y;
    return true;
}

/* "QH15": the National Assembly with its legislature number. */
static bool is_assembly(const char *g)
{
    if (g[0] != 'Q' || g[1] != 'H' || !g[2])
        return false;
    for (const char *p = g + 2; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Where the grammar needs "/" after the number. A character that cannot start a
 * group (J is no Vietnamese letter, | no letter, l is lower case) standing there
 * is the slash misread. I and 1 can: they count only when the group after them is
 * an official type and would not be one with them. */
static bool number_slash(const char *s, size_t len, size_t pos, size_t *after, unsigned *flags)
{
    size_t q = skip_hspace(s, len, pos);
    if (q < len && s[q] == '/') {
        *after = skip_hspace(s, len, q + 1);
        if (q > pos || *after > q + 1)
            *flags |= VT_DOCNUM_REPAIRED;
        return true;
    }
    if (q >= len)
        return false;
    if (s[q] == 'J' || s[q] == '|' || s[q] == 'l') {
        size_t r = skip_hspace(s, len, q + 1);
        if (!is_upper_start(s, len, r))
            return false;
        *after = r;
        *flags |= VT_DOCNUM_REPAIRED;
        return true;
    }
    if (s[q] == 'I' || (s[q] == '1' && q > pos)) {
        char with[GROUP_BYTES], without[GROUP_BYTES];
        size_t e1, e2;
        if (!read_group(s, len, q + 1, false, without, &e2) ||
            !in_table(TABLE(admin_types), without))
            return false;
        if (read_group(s, len, q, true, with, &e1) && in_table(TABLE(admin_types), with))
            return false;
        *after = q + 1;
        *flags |= VT_DOCNUM_REPAIRED;
        return true;
    }
    return false;
}

/* "72-NQ/TW": number, hyphen, a Party type, slash, issuer. */
static bool party_symbol(const char *s, size_t len, size_t pos, const allowlist *al, symbol *sym)
{
    char type[GROUP_BYTES];
    size_t end;
    bool repaired;
    if (pos >= len || s[pos] != '-' || !read_group(s, len, pos + 1, false, type, &end) ||
        end >= len || s[end] != '/')
        return false;
    const char *t = table_match(TABLE(party_types), type, &repaired);
    if (!t)
        return false;
    snprintf(sym->groups[0], GROUP_BYTES, "%s", t);
    sym->ngroups = 1;
    sym->has_type = true;
    sym->family = VT_DOCNUM_PARTY;
    if (repaired)
        sym->flags |= VT_DOCNUM_REPAIRED;
    read_issuer_groups(s, len, end + 1, al, sym);
    return sym->ngroups >= 2;
}

/* After "N/": a typed symbol, a copy, or a công văn. */
static bool slash_symbol(const char *s, size_t len, size_t pos, const allowlist *al, symbol *sym)
{
    int year;
    if (is_year_at(s, len, pos, &year)) {
        sym->year = year;
        read_issuer_groups(s, len, pos + 5, al, sym);
        if (sym->ngroups == 1 && is_assembly(sym->groups[0])) {
            sym->family = VT_DOCNUM_LAW;
            return true;
        }
        if (sym->ngroups < 2)
            return false;
        bool repaired;
        const char *t = table_match(TABLE(normative_types), sym->groups[0], &repaired);
        if (t) {
            snprintf(sym->groups[0], GROUP_BYTES, "%s", t);
            sym->flags |= repaired ? VT_DOCNUM_REPAIRED : 0;
        }
        sym->has_type = true;
        sym->family = VT_DOCNUM_NORMATIVE;
        return true;
    }
    char first[GROUP_BYTES];
    size_t end;
    if (!read_group(s, len, pos, true, first, &end))
        return false;
    bool repaired = false;
    const char *t = table_match(TABLE(admin_types), first, &repaired);
    vt_docnum_family family = VT_DOCNUM_ADMIN;
    if (!t && (t = table_match(TABLE(copy_types), first, &repaired)) != NULL)
        family = VT_DOCNUM_COPY;
    if (t) {
        /* A repaired type needs an issuer after it to be sure it is a type slot. */
        snprintf(sym->groups[0], GROUP_BYTES, "%s", t);
        sym->ngroups = 1;
        sym->has_type = true;
        sym->family = family;
        sym->end = end;
        if (repaired)
            sym->flags |= VT_DOCNUM_REPAIRED;
        size_t next;
        if (joins_group(s, len, end, &next, &sym->flags))
            read_issuer_groups(s, len, next, al, sym);
        return sym->ngroups >= 2;
    }
    /* Công văn: issuer and unit, no type; a digit cannot start its first group. */
    if (!is_upper_start(s, len, pos))
        return false;
    sym->family = VT_DOCNUM_LETTER;
    read_issuer_groups(s, len, pos, al, sym);
    return sym->ngroups >= 2;
}

/* A whole symbol at pos; blank_ok accepts a missing number ("Số: /TB-UBND"). */
static bool parse_symbol(const char *s, size_t len, size_t pos, bool blank_ok, const allowlist *al,
                         symbol *sym)
{
    memset(sym, 0, sizeof *sym);
    sym->start = pos;
    size_t after_number, after_slash;
    if (blank_ok && pos < len && s[pos] == '/') {
        sym->flags |= VT_DOCNUM_NUMBER_BLANK;
        after_number = pos;
    } else if (!read_number(s, len, pos, sym, &after_number))
        return false;
    if (!(sym->flags & VT_DOCNUM_NUMBER_BLANK) && party_symbol(s, len, after_number, al, sym))
        return true;
    sym->ngroups = 0;
    sym->has_type = false;
    if (!number_slash(s, len, after_number, &after_slash, &sym->flags))
        return false;
    if (!slash_symbol(s, len, after_slash, al, sym))
        return false;
    /* a blank number belongs to a template header, whose symbol has a type */
    return !(sym->flags & VT_DOCNUM_NUMBER_BLANK) || sym->has_type;
}

/* ----------------------------------------------------------------- output */

static void join_groups(vt_strbuf *sb, const symbol *sym, size_t from)
{
    for (size_t i = from; i < sym->ngroups; i++) {
        if (i > from)
            vt_strbuf_putc(sb, '-');
        vt_strbuf_puts(sb, sym->groups[i]);
    }
}

static char *normalized_form(const symbol *sym)
{
    vt_strbuf sb = {0};
    vt_strbuf_puts(&sb, sym->number);
    if (sym->family == VT_DOCNUM_PARTY) {
        vt_strbuf_printf(&sb, "-%s/", sym->groups[0]);
        join_groups(&sb, sym, 1);
    } else {
        vt_strbuf_putc(&sb, '/');
        if (sym->year)
            vt_strbuf_printf(&sb, "%04d/", sym->year);
        join_groups(&sb, sym, 0);
    }
    return vt_strbuf_take(&sb);
}

static char *issuer_of(const symbol *sym)
{
    vt_strbuf sb = {0};
    join_groups(&sb, sym, sym->has_type ? 1 : 0);
    return vt_strbuf_take(&sb);
}

void vt_docnum_clear(vt_docnum *d)
{
    if (!d)
        return;
    free(d->raw);
    free(d->normalized);
    free(d->number);
    free(d->type);
    free(d->issuer);
    free(d->date_raw);
    free(d->date_iso);
    memset(d, 0, sizeof *d);
}

static int export_symbol(const char *s, const symbol *sym, vt_docnum *out)
{
    memset(out, 0, sizeof *out);
    out->raw = strndup(s + sym->start, sym->end - sym->start);
    out->normalized = normalized_form(sym);
    out->number = strdup(sym->number);
    out->type = sym->has_type ? strdup(sym->groups[0]) : NULL;
    out->issuer = issuer_of(sym);
    if (!out->raw || !out->normalized || !out->number || (sym->has_type && !out->type) || !out->issuer) {
        vt_docnum_clear(out);
        return -1;
    }
    out->year = sym->year;
    out->family = sym->family;
    out->flags = sym->flags;
    out->start = sym->start;
    out->end = sym->end;
    return 0;
}

int vt_docnum_parse(const char *s, size_t len, vt_docnum *out)
{
    symbol sym;
    memset(out, 0, sizeof *out);
    if (!s || !parse_symbol(s, len, 0, true, NULL, &sym))
        return 0;
    return export_symbol(s, &sym, out) < 0 ? -1 : 1;
}

const char *vt_docnum_family_name(vt_docnum_family family)
{
    static const char *const names[] = {"admin", "letter", "normative", "law", "party", "copy"};
    return (unsigned)family < sizeof names / sizeof names[0] ? names[family] : "unknown";
}

/* -------------------------------------------------------------- searching */

/* "Số:" (or "Số", "số …") and template blanks before a number; returns where the
 * number (or its blank) starts. */
static bool after_so_label(const char *s, size_t len, size_t pos, size_t *number_at)
{
    size_t end;
    if (!vt_scan_word(s, len, pos, "số", &end))
        return false;
    end = skip_hspace(s, len, end);
    if (end < len && s[end] == ':')
        end++;
    while (end < len && (s[end] == ' ' || s[end] == '\t' || s[end] == '.' || s[end] == '_'))
        end++;
    *number_at = end;
    return true;
}

/* What may stand before "Số:" at a line's start: spaces, Markdown marks, and
 * the specks and rules OCR reads from a stamp's edge or dirt (". Số:", "| Số:"). */
static bool before_own_label(char c)
{
    return c == ' ' || c == '\t' || c == '*' || c == '#' || c == '.' || c == '|' || c == ','
           || c == '_';
}

/* The own number: "Số:" opening a line. */
static bool find_own_symbol(const char *text, size_t len, symbol *sym)
{
    size_t line = 0;
    while (line < len) {
        size_t p = line;
        while (p < len && before_own_label(text[p]))
            p++;
        size_t at;
        if (after_so_label(text, len, p, &at) && parse_symbol(text, len, at, true, NULL, sym))
            return true;
        const char *nl = memchr(text + line, '\n', len - line);
        if (!nl)
            break;
        line = (size_t)(nl - text) + 1;
    }
    return false;
}

static bool number_start(const char *text, size_t pos)
{
    int32_t prev = vt_scan_cp_before(text, pos);
    return vt_scan_word_start(text, pos) && prev != '/' && prev != '-' && prev != '.' && prev != ',';
}

typedef struct symbol_list {
    symbol *items;
    size_t count, cap;
} symbol_list;

static int push_symbol(symbol_list *list, const symbol *sym)
{
    if (!VT_ARRAY_RESERVE(list->items, list->cap, list->count, 1, 16))
        return -1;
    list->items[list->count++] = *sym;
    return 0;
}

/* Every symbol in the text, left to right, without overlaps. */
static int scan_symbols(const char *text, size_t len, const allowlist *al, symbol_list *out)
{
    size_t pos = 0;
    while (pos < len) {
        symbol sym;
        size_t at;
        bool found = false;
        if (text[pos] >= '0' && text[pos] <= '9' && number_start(text, pos))
            found = parse_symbol(text, len, pos, false, al, &sym);
        else if (vt_scan_word_start(text, pos) && after_so_label(text, len, pos, &at) && at < len &&
                 text[at] == '/')
            found = parse_symbol(text, len, at, true, al, &sym);
        if (found) {
            if (push_symbol(out, &sym) < 0)
                return -1;
            pos = sym.end;
            continue;
        }
        pos++;
    }
    return 0;
}

static int allow(allowlist *al, const symbol *sym)
{
    for (size_t i = sym->has_type ? 1 : 0; i < sym->ngroups; i++) {
        if (!VT_ARRAY_RESERVE(al->items, al->cap, al->count, 1, 16))
            return -1;
        memcpy(al->items[al->count++], sym->groups[i], GROUP_BYTES);
    }
    return 0;
}

/* The date that directly follows a cited symbol: ", ngày 09/9/2025", " ngày …".
 * Symbols come in text order, so *cursor walks the date list once overall. */
static const vt_date *date_after(const char *text, size_t len, size_t end, const vt_date_list *dates,
                                 size_t *cursor)
{
    size_t p = skip_hspace(text, len, end);
    if (p < len && text[p] == ',')
        p = skip_hspace(text, len, p + 1);
    while (*cursor < dates->count && dates->items[*cursor].start < p)
        (*cursor)++;
    size_t kw;
    if (*cursor < dates->count && dates->items[*cursor].start == p &&
        vt_scan_word(text, len, p, "ngày", &kw))
        return &dates->items[*cursor];
    return NULL;
}

static int export_reference(const char *text, size_t len, const symbol *sym,
                            const vt_date_list *dates, size_t *cursor, vt_docnum *out)
{
    if (export_symbol(text, sym, out) < 0)
        return -1;
    const vt_date *d = date_after(text, len, sym->end, dates, cursor);
    if (d) {
        out->date_raw = strdup(d->raw);
        out->date_iso = d->iso ? strdup(d->iso) : NULL;
        if (!out->date_raw || (d->iso && !out->date_iso)) {
            vt_docnum_clear(out);
            return -1;
        }
        if (!out->year && d->iso && d->iso[0] != '-')
            out->year = atoi(d->iso);
    }
    return 0;
}

int vt_docnum_find_own(const char *text, size_t len, vt_docnum *out)
{
    symbol sym;
    memset(out, 0, sizeof *out);
    if (!text || !find_own_symbol(text, len, &sym))
        return 0;
    return export_symbol(text, &sym, out) < 0 ? -1 : 1;
}

void vt_docnum_list_free(vt_docnum_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        vt_docnum_clear(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* Two passes: the first reads the symbols that need no allowlist; their issuers
 * (and the own number's) then let the second read issuers OCR garbled. */
int vt_docnum_find_references(const char *text, size_t len, const vt_date_anchor *anchor,
                              vt_docnum_list *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return len ? -1 : 0;
    int rc = -1;
    symbol own;
    bool has_own = find_own_symbol(text, len, &own);
    symbol_list first = {0}, second = {0};
    allowlist al = {0};
    vt_date_list dates = {0};
    if (scan_symbols(text, len, NULL, &first) < 0 || (has_own && allow(&al, &own) < 0))
        goto done;
    for (size_t i = 0; i < first.count; i++)
        if (allow(&al, &first.items[i]) < 0)
            goto done;
    if (scan_symbols(text, len, &al, &second) < 0 || vt_dates_find(text, len, anchor, &dates) < 0)
        goto done;
    size_t cursor = 0;
    for (size_t i = 0; i < second.count; i++) {
        const symbol *sym = &second.items[i];
        if (has_own && sym->start == own.start)
            continue;
        if (!VT_ARRAY_RESERVE(out->items, out->cap, out->count, 1, 16))
            goto done;
        if (export_reference(text, len, sym, &dates, &cursor, &out->items[out->count]) < 0)
            goto done;
        out->count++;
    }
    rc = 0;
done:
    if (rc < 0)
        vt_docnum_list_free(out);
    free(first.items);
    free(second.items);
    free(al.items);
    vt_date_list_free(&dates);
    return rc;
}
