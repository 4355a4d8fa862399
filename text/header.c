/*
 * header.c — header, recipients and signer of a notice (see header.h).
 *
 * The text is cut into lines, each trimmed of blanks and Markdown emphasis and
 * given a "compact" form: its letters without marks, lower-cased, and its digits,
 * nothing else ("CỘNG HOÀ XÃ HỘI…" and "CONG HOA XA HOI…" both give
 * "conghoaxahoi…"), with a map back to byte offsets. Fixed phrases are looked for
 * in that form with a few edits allowed, so lost marks, dropped spaces and a
 * misread letter do not hide them. Values are always copied from the text itself.
 *
 * The reading follows the order of the form, not the order of the lines, because
 * OCR may interleave the two header columns:
 *   1. the header: the first lines up to the type name (or "Kính gửi"), where each
 *      line is the national name, the motto, the number, the place-and-date line, a
 *      "V/v" summary, an upper-case line (issuer candidate) or something else;
 *      issuer lines precede "Số:" in their column, which keeps out upper-case
 *      stamp debris that lands after the header;
 *   2. the type line and the summary lines under it;
 *   3. "Kính gửi:" and its entries;
 *   4. "Nơi nhận:" and its "- …;" entries, then the signature block beside or
 *      under it; a processing slip ("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN") attached after
 *      the notice ends the search, so its own signer is not taken.
 */
#include "header.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "dates.h"
#include "docnum.h"
#include "strbuf.h"
#include "utf8.h"
#include "vnchar.h"
#include "wordscan.h"

/* Non-blank lines looked at for the header, and for "Kính gửi". */
#define HEADER_LINES 40
#define ADDRESS_LINES 60
/* Summary lines under the type name; role lines under the prefix lines. */
#define TITLE_LINES 4
#define ROLE_LINES 2
/* Lines looked at below the role for the signer's name. */
#define NAME_LOOKAHEAD 8
/* Bytes after "ngày" within which "tháng … năm" must come (blank template days
 * leave a run of spaces). */
#define DATE_WINDOW 96
/* A line is "in capitals" when at least 8 of every 10 of its letters are upper
 * case, and it has 2 or more: a line set in capitals can still hold the odd
 * letter OCR read in lower case, and a lone capital ("A") is not a heading. */
#define CAPS_MIN_LETTERS 2
#define CAPS_TENTHS 8
/* Word limits that tell a line's role by its length (words are space-separated,
 * so in Vietnamese they are syllables):
 * - a type line is at most 5 words: the longest type names have 3 ("BẢN THỎA
 *   THUẬN"), the rest is room for OCR splitting a word or adding a stray mark;
 * - a signer's name has 2 to 7: a Vietnamese name of 2 to 6 syllables, plus a
 *   leading academic title ("TS.");
 * - a line of more than 40 words is body text, never part of the summary under
 *   the type line;
 * - an issuer line (the authority's name, in capitals, at the top) has at most
 *   12: a longer line in capitals is not a name;
 * - a signer's role line ("KT. GIÁM ĐỐC", "PHÓ CHỦ TỊCH THƯỜNG TRỰC") has at
 *   most 10. */
#define TYPE_MAX_WORDS 5
#define NAME_MIN_WORDS 2
#define NAME_MAX_WORDS 7
#define TITLE_LINE_MAX_WORDS 40
#define ISSUER_MAX_WORDS 12
#define ROLE_MAX_WORDS 10
/* Without a "Nơi nhận" block, the head's signature is looked for in this many
 * non-blank lines at the end only: it closes the notice, and nothing else marks
 * where it starts. */
#define TAIL_SIGNATURE_LINES 15

typedef struct hline {
    size_t start, end;      /* trimmed text */
    const char *c;          /* compact form (not NUL-terminated) */
    const size_t *cm;       /* cm[i]: offset of the code point compact char i came from */
    size_t clen;
    unsigned upper, lower;  /* letter counts by case */
    unsigned words;
    bool bullet;            /* starts with "-", "+", "•", "–" */
} hline;

typedef struct doc {
    const char *text;
    size_t len;
    hline *lines;
    size_t n;
    char *cbuf;
    size_t *cmap;
} doc;

/* ---- characters and lines --------------------------------------------------- */

static bool is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

/* Markdown emphasis and heading marks that OCR-to-Markdown tools wrap lines in. */
static bool is_markup(char c)
{
    return c == '*' || c == '_' || c == '#' || c == '>';
}

static bool is_upper_cp(int32_t cp)
{
    return vt_scan_is_letter(cp) && !(cp >= 0x300 && cp <= 0x36F) && vt_scan_fold(cp) != cp;
}

static bool is_lower_cp(int32_t cp)
{
    return vt_scan_is_letter(cp) && !(cp >= 0x300 && cp <= 0x36F) && vt_scan_fold(cp) == cp;
}

/* The compact character for cp: a-z, 0-9, '?' for a letter outside the Vietnamese
 * alphabet, or 0 for what the compact form leaves out. */
static char compact_char(int32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (char)cp;
    if (cp < 0 || !vt_scan_is_letter(cp) || (cp >= 0x300 && cp <= 0x36F))
        return 0;
    int32_t b = vt_letter_strip(cp);
    if (b >= 'A' && b <= 'Z')
        b += 32;
    return b >= 'a' && b <= 'z' ? (char)b : '?';
}

/* Trim s[*a..*b) of blanks, no-break spaces and Markdown marks on both ends. */
static void trim(const char *s, size_t *a, size_t *b)
{
    for (;;) {
        if (*a < *b && (is_blank_byte(s[*a]) || is_markup(s[*a])))
            (*a)++;
        else if (*a + 1 < *b && (unsigned char)s[*a] == 0xC2 && (unsigned char)s[*a + 1] == 0xA0)
            *a += 2;
        else
            break;
    }
    for (;;) {
        if (*b > *a && (is_blank_byte(s[*b - 1]) || is_markup(s[*b - 1])))
            (*b)--;
        else if (*b >= *a + 2 && (unsigned char)s[*b - 2] == 0xC2 && (unsigned char)s[*b - 1] == 0xA0)
            *b -= 2;
        else
            break;
    }
}

static bool bullet_at(const char *s, size_t pos, size_t end, size_t *after)
{
    size_t next;
    int32_t cp = pos < end ? vt_scan_cp_at(s, end, pos, &next) : -1;
    if (cp == '-' || cp == '+' || cp == 0x2022 || cp == 0x2013 || cp == 0x2212) {
        *after = next;
        return true;
    }
    return false;
}

static void measure(doc *d, hline *l, size_t *cpos, size_t *mpos)
{
    const char *s = d->text;
    l->c = d->cbuf + *cpos;
    l->cm = d->cmap + *mpos;
    size_t p = l->start;
    bool in_word = false;
    while (p < l->end) {
        size_t at = p;
        int32_t cp = vt_utf8_next(s, l->end, &p);
        char c = compact_char(cp);
        if (c) {
            d->cbuf[(*cpos)++] = c;
            d->cmap[(*mpos)++] = at;
            l->clen++;
        }
        l->upper += is_upper_cp(cp);
        l->lower += is_lower_cp(cp);
        bool blank = cp == ' ' || cp == '\t' || cp == 0xA0;
        if (!blank && !in_word)
            l->words++;
        in_word = !blank;
    }
    d->cmap[(*mpos)++] = l->end;   /* sentinel: cm[clen] */
    size_t after;
    l->bullet = bullet_at(s, l->start, l->end, &after);
}

/* Lines end at "\n" and at the page break "\f". */
static int split_lines(doc *d)
{
    size_t n = 1;
    for (size_t i = 0; i < d->len; i++)
        n += d->text[i] == '\n' || d->text[i] == '\f';
    d->lines = calloc(n, sizeof *d->lines);
    d->cbuf = malloc(d->len + 1);
    d->cmap = malloc((d->len + n + 1) * sizeof *d->cmap);
    if (!d->lines || !d->cbuf || !d->cmap)
        return -1;
    size_t start = 0, cpos = 0, mpos = 0;
    for (size_t i = 0; i <= d->len; i++) {
        if (i < d->len && d->text[i] != '\n' && d->text[i] != '\f')
            continue;
        hline *l = &d->lines[d->n++];
        l->start = start;
        l->end = i;
        trim(d->text, &l->start, &l->end);
        measure(d, l, &cpos, &mpos);
        start = i + 1;
    }
    return 0;
}

static bool is_blank(const hline *l)
{
    return l->clen == 0;
}

/* The "in capitals" test of CAPS_TENTHS, on letter counts by case. */
static bool caps_share(unsigned up, unsigned low)
{
    return up >= CAPS_MIN_LETTERS && up * 10 >= (up + low) * CAPS_TENTHS;
}

static bool mostly_upper(const hline *l)
{
    return caps_share(l->upper, l->lower);
}

static bool mostly_upper_range(const char *s, size_t a, size_t b)
{
    unsigned up = 0, low = 0;
    while (a < b) {
        int32_t cp = vt_utf8_next(s, b, &a);
        up += is_upper_cp(cp);
        low += is_lower_cp(cp);
    }
    return caps_share(up, low);
}

/* ---- approximate phrase matching on the compact form --------------------------- */

#define MAX_PATTERN 40

/* Smallest edit distance between pat and a substring of s[0..n) (a prefix of s when
 * anchored), with that substring's bounds. Sellers' algorithm, one column at a time. */
static unsigned approx(const char *s, size_t n, const char *pat, bool anchored, size_t *mb, size_t *me)
{
    size_t m = strlen(pat);
    unsigned prev[MAX_PATTERN + 1], cur[MAX_PATTERN + 1];
    size_t ps[MAX_PATTERN + 1], cs[MAX_PATTERN + 1];
    for (size_t j = 0; j <= m; j++) {
        prev[j] = (unsigned)j;
        ps[j] = 0;
    }
    unsigned best = prev[m];
    *mb = *me = 0;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = anchored ? (unsigned)i : 0;
        cs[0] = anchored ? 0 : i;
        unsigned low = cur[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned v = prev[j - 1] + (s[i - 1] != pat[j - 1]);
            size_t st = ps[j - 1];
            if (prev[j] + 1 < v) {
                v = prev[j] + 1;
                st = ps[j];
            }
            if (cur[j - 1] + 1 < v) {
                v = cur[j - 1] + 1;
                st = cs[j - 1];
            }
            cur[j] = v;
            cs[j] = st;
            if (v < low)
                low = v;
        }
        if (cur[m] < best) {
            best = cur[m];
            *mb = cs[m];
            *me = i;
        }
        memcpy(prev, cur, sizeof cur);
        memcpy(ps, cs, sizeof cs);
        if (anchored && low > best)
            break;   /* every longer prefix only gets worse */
    }
    return best;
}

/* pat (compact) at the start of the line, within maxd edits; *end: compact index after. */
static bool starts_with(const hline *l, const char *pat, unsigned maxd, size_t *end)
{
    size_t b, e;
    if (l->clen == 0 || approx(l->c, l->clen, pat, true, &b, &e) > maxd)
        return false;
    if (end)
        *end = e;
    return true;
}

static bool contains(const hline *l, const char *pat, unsigned maxd, size_t *mb, size_t *me)
{
    return l->clen > 0 && approx(l->c, l->clen, pat, false, mb, me) <= maxd;
}

/* Byte offset just after compact character i of the line. */
static size_t after_compact(const doc *d, const hline *l, size_t i)
{
    size_t p = l->cm[i];
    vt_utf8_next(d->text, l->end, &p);
    return p;
}

/* ---- owned strings ---------------------------------------------------------- */

typedef struct strvec {
    char **items;
    size_t n, cap;
} strvec;

static int strvec_push(strvec *v, char *s)
{
    if (!s)
        return -1;
    if (!VT_ARRAY_RESERVE(v->items, v->cap, v->n, 1, 8)) {
        free(s);
        return -1;
    }
    v->items[v->n++] = s;
    return 0;
}

static void strvec_free(strvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}

/* Append text[a..b) with blank runs collapsed to one space and "**" dropped. */
static void append_clean(vt_strbuf *sb, const char *s, size_t a, size_t b)
{
    trim(s, &a, &b);
    bool space = false;
    for (size_t p = a; p < b; p++) {
        if (is_blank_byte(s[p])) {
            space = true;
            continue;
        }
        if (s[p] == '*' && p + 1 < b && s[p + 1] == '*') {
            p++;
            continue;
        }
        if (space && sb->len > 0)
            vt_strbuf_putc(sb, ' ');
        space = false;
        vt_strbuf_putc(sb, s[p]);
    }
}

static char *dup_clean(const char *s, size_t a, size_t b)
{
    vt_strbuf sb = {0};
    append_clean(&sb, s, a, b);
    return vt_strbuf_take(&sb);
}

/* ---- line kinds ---------------------------------------------------------------- */

/* The first word of s[pos..end) as a compact string into buf; *wend after it.
 * Returns the number of compact letters (the callers compare it with the length
 * of a short keyword, which buf always holds whole). */
static size_t word_compact(const char *s, size_t pos, size_t end, char *buf, size_t cap, size_t *wend)
{
    return vt_scan_word_map(s, end, pos, compact_char, buf, cap, wend);
}

static size_t skip_blanks(const char *s, size_t p, size_t end)
{
    return vt_scan_skip_blanks(s, end, p, is_markup);
}

/* "Số:" (or "Số 12/…", "Số /TB-…") but not "Sở Y tế", which has the same letters. */
static bool is_number_label(const doc *d, const hline *l)
{
    char w[8];
    size_t p;
    if (word_compact(d->text, l->start, l->end, w, sizeof w, &p) != 2 || strcmp(w, "so") != 0)
        return false;
    p = skip_blanks(d->text, p, l->end);
    return p < l->end && (d->text[p] == ':' || d->text[p] == '/' ||
                          (d->text[p] >= '0' && d->text[p] <= '9'));
}

/* The symbol after a "Số:" label that docnum's own-number search did not take (a
 * label OCR read as "So:" or "Sô:"). 1 found, 0 none, -1 no memory. */
static int number_after_label(const doc *d, const hline *l, vt_span *out)
{
    const char *s = d->text;
    char w[8];
    size_t p;
    word_compact(s, l->start, l->end, w, sizeof w, &p);
    p = skip_blanks(s, p, l->end);
    if (p < l->end && s[p] == ':')
        p = skip_blanks(s, p + 1, l->end);
    vt_docnum dn;
    int rc = vt_docnum_parse(s + p, l->end - p, &dn);
    if (rc == 1) {
        *out = (vt_span){p + dn.start, p + dn.end};
        vt_docnum_clear(&dn);
    }
    return rc;
}

/* A "V/v" summary line: V, a slash (or what OCR makes of it), v. */
static bool is_vv(const doc *d, const hline *l)
{
    const char *s = d->text + l->start;
    size_t n = l->end - l->start;
    if (n < 3 || (s[0] != 'V' && s[0] != 'v') || (s[2] != 'v' && s[2] != 'V'))
        return false;
    if (!strchr("/|\\lI1", s[1]))
        return false;
    return n == 3 || s[3] == ' ' || s[3] == '.' || s[3] == ':';
}

static const struct {
    const char *name, *compact;
} type_names[] = {
    /* Decree 30/2020 Art. 7 */
    {"NGHỊ QUYẾT", "nghiquyet"}, {"QUYẾT ĐỊNH", "quyetdinh"}, {"CHỈ THỊ", "chithi"},
    {"QUY CHẾ", "quyche"}, {"QUY ĐỊNH", "quydinh"}, {"THÔNG CÁO", "thongcao"},
    {"THÔNG BÁO", "thongbao"}, {"HƯỚNG DẪN", "huongdan"}, {"CHƯƠNG TRÌNH", "chuongtrinh"},
    {"KẾ HOẠCH", "kehoach"}, {"PHƯƠNG ÁN", "phuongan"}, {"ĐỀ ÁN", "dean"}, {"DỰ ÁN", "duan"},
    {"BÁO CÁO", "baocao"}, {"BIÊN BẢN", "bienban"}, {"TỜ TRÌNH", "totrinh"},
    {"HỢP ĐỒNG", "hopdong"}, {"CÔNG VĂN", "congvan"}, {"CÔNG ĐIỆN", "congdien"},
    {"BẢN GHI NHỚ", "banghinho"}, {"BẢN THỎA THUẬN", "banthoathuan"},
    {"GIẤY ỦY QUYỀN", "giayuyquyen"}, {"GIẤY MỜI", "giaymoi"},
    {"GIẤY GIỚI THIỆU", "giaygioithieu"}, {"GIẤY NGHỈ PHÉP", "giaynghiphep"},
    {"PHIẾU GỬI", "phieugui"}, {"PHIẾU CHUYỂN", "phieuchuyen"}, {"PHIẾU BÁO", "phieubao"},
    {"THƯ CÔNG", "thucong"},
    /* legal normative documents and Party documents (field guide §1.1, §2.3, §2.7) */
    {"NGHỊ ĐỊNH", "nghidinh"}, {"THÔNG TƯ", "thongtu"}, {"THÔNG TƯ LIÊN TỊCH", "thongtulientich"},
    {"LUẬT", "luat"}, {"PHÁP LỆNH", "phaplenh"}, {"LỆNH", "lenh"},
    {"KẾT LUẬN", "ketluan"}, {"THÔNG TRI", "thongtri"}, {"QUY TRÌNH", "quytrinh"},
};

#define N_TYPES (sizeof type_names / sizeof type_names[0])

/* Edit distance between a[0..n) and b (n, strlen(b) <= MAX_PATTERN). */
static unsigned distance(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    unsigned row[MAX_PATTERN + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            unsigned up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            diag = up;
            row[j] = v;
        }
    }
    return row[m];
}

/* The canonical type name when the whole line is one: exactly, or one edit away from
 * a single name of six letters or more ("THONG BAQ"), never when two names are that
 * close ("thongao" could be THÔNG BÁO or THÔNG CÁO). */
static const char *type_of(const hline *l)
{
    if (!mostly_upper(l) || l->words > TYPE_MAX_WORDS || l->clen > MAX_PATTERN)
        return NULL;
    const char *near = NULL;
    int n_near = 0;
    for (size_t i = 0; i < N_TYPES; i++) {
        const char *t = type_names[i].compact;
        size_t tl = strlen(t);
        if (tl == l->clen && memcmp(t, l->c, tl) == 0)
            return type_names[i].name;
        if (tl >= 6 && distance(l->c, l->clen, t) <= 1) {
            near = type_names[i].name;
            n_near++;
        }
    }
    return n_near == 1 ? near : NULL;
}

/* An authority prefix at s[p]: "TM.", "KT.", "TL.", "TUQ.", "Q." (Party "T/M", "K/T",
 * "T/L"), then an upper-case word. Returns the canonical prefix; *after is where the
 * office text starts. The dot may be lost or read as "," or ":", except after "Q". */
static const char *prefix_at(const char *s, size_t p, size_t end, size_t *after)
{
    static const struct {
        const char *printed, *canon;
    } forms[] = {{"TUQ", "TUQ."}, {"TM", "TM."}, {"KT", "KT."}, {"TL", "TL."}, {"T/M", "TM."},
                 {"K/T", "KT."}, {"T/L", "TL."}, {"Q", "Q."}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t fl = strlen(forms[i].printed), q = p + fl, next;
        if (q > end || memcmp(s + p, forms[i].printed, fl) != 0)
            continue;
        bool punct = q < end && (s[q] == '.' || s[q] == ',' || s[q] == ':');
        if (punct)
            q++;
        else if (fl == 1 || q >= end || s[q] != ' ')
            continue;
        q = skip_blanks(s, q, end);
        if (q < end && is_upper_cp(vt_scan_cp_at(s, end, q, &next))) {
            *after = q;
            return forms[i].canon;
        }
    }
    return NULL;
}

static const char *line_prefix(const doc *d, const hline *l, size_t *after)
{
    return prefix_at(d->text, l->start, l->end, after);
}

/* A person's name: two to six words, each capitalised and made of letters, some in
 * lower case ("Bùi Thanh Nghiêm"); a leading academic title ("TS.") is allowed. */
static bool name_like(const doc *d, const hline *l)
{
    const char *s = d->text;
    if (l->bullet || l->lower == 0 || l->words < NAME_MIN_WORDS || l->words > NAME_MAX_WORDS)
        return false;
    size_t p = l->start, words = 0;
    while (p < l->end) {
        p = skip_blanks(s, p, l->end);
        if (p >= l->end)
            break;
        size_t next;
        if (!is_upper_cp(vt_scan_cp_at(s, l->end, p, &next)))
            return false;
        bool dot = false;
        while (p < l->end && s[p] != ' ' && s[p] != '\t') {
            int32_t cp = vt_scan_cp_at(s, l->end, p, &next);
            if (cp == '.' && words == 0)
                dot = true;
            else if (!vt_scan_is_letter(cp))
                return false;
            p = next;
        }
        words += !dot;
    }
    return words >= 2 && words <= 6;
}

/* ---- place and date ---------------------------------------------------------- */

/* Start of the run of place words that ends at s[end] (at most eight, letters and
 * an abbreviating dot only). An upper-case word before a capitalised one ends the
 * run: it is the other column ("SỞ Y TẾ Kiên Giang, …"). */
static size_t place_start(const char *s, size_t line_start, size_t end)
{
    size_t start = end, p = end;
    int words = 0;
    bool last_upper = false;
    while (words < 8) {
        while (p > line_start && (s[p - 1] == ' ' || s[p - 1] == '\t'))
            p--;
        size_t we = p;
        while (p > line_start && s[p - 1] != ' ' && s[p - 1] != '\t')
            p--;
        if (p == we)
            break;
        bool letters = true;
        for (size_t q = p; q < we;) {
            int32_t cp = vt_utf8_next(s, we, &q);
            if (!vt_scan_is_letter(cp) && !(cp == '.' && q == we))
                letters = false;
        }
        size_t next;
        if (!letters || !is_upper_cp(vt_scan_cp_at(s, we, p, &next)))
            break;
        bool upper = mostly_upper_range(s, p, we);
        if (words > 0 && upper && !last_upper)
            break;
        last_upper = upper;
        start = p;
        words++;
    }
    return start;
}

/* "‹place›, ngày … tháng … năm …" in the line: fills place and date spans. The
 * comma may be lost when the place is there. */
static bool find_place_date(const doc *d, const hline *l, vt_span *place, vt_span *date)
{
    const char *s = d->text;
    for (size_t p = l->start; p < l->end; p++) {
        if (!vt_scan_word_start(s, p) || p == l->start)
            continue;
        char w[8];
        size_t wend;
        if (word_compact(s, p, l->end, w, sizeof w, &wend) != 4 || strcmp(w, "ngay") != 0)
            continue;
        /* "tháng" and "năm" must follow closely, as words */
        bool thang = false, nam = false;
        size_t window = l->end - wend > DATE_WINDOW ? wend + DATE_WINDOW : l->end;
        for (size_t q = wend; q < window; q++) {
            char v[8];
            size_t ve;
            if (!vt_scan_word_start(s, q) || !vt_scan_is_letter(vt_scan_cp_at(s, window, q, &ve)))
                continue;
            word_compact(s, q, window, v, sizeof v, &ve);
            thang |= strcmp(v, "thang") == 0;
            nam |= thang && strcmp(v, "nam") == 0;
            q = ve - 1;
        }
        if (!nam)
            continue;
        size_t c = p;
        while (c > l->start && (s[c - 1] == ' ' || s[c - 1] == '\t'))
            c--;
        bool comma = c > l->start && s[c - 1] == ',';
        size_t pe = comma ? c - 1 : c;
        size_t ps = place_start(s, l->start, pe);
        if (ps == pe)
            continue;
        while (pe > ps && s[pe - 1] == ' ')
            pe--;
        *place = (vt_span){ps, pe};
        size_t de = l->end;
        vt_date_list list;
        if (vt_dates_find(s + p, l->end - p, NULL, &list) == 0) {
            if (list.count > 0 && list.items[0].start == 0)
                de = p + list.items[0].end;
            vt_date_list_free(&list);
        }
        while (de > p && (s[de - 1] == '.' || s[de - 1] == ' '))
            de--;
        *date = (vt_span){p, de};
        return true;
    }
    return false;
}

/* ---- the parts ------------------------------------------------------------------ */

typedef struct candidate {
    size_t line, start, end;
} candidate;

typedef struct reading {
    vt_header *h;
    strvec issuer, recipients;
    size_t header_end;   /* first line after the header, title, V/v and Kính gửi */
    size_t limit;        /* lines from here on are not the notice's */
    size_t date_line;    /* the place-and-date line when it came after the type
                          * line (read out of order); 0: none there */
} reading;

static size_t next_nonblank(const doc *d, size_t i)
{
    while (i < d->n && is_blank(&d->lines[i]))
        i++;
    return i;
}

/* An entry of a "Kính gửi" or "Nơi nhận" list: s[a..b) without the bullet and the
 * closing ";", "." or ",". */
static void append_entry(vt_strbuf *sb, const char *s, size_t a, size_t b)
{
    size_t after;
    trim(s, &a, &b);
    if (bullet_at(s, a, b, &after))
        a = after;
    append_clean(sb, s, a, b);
}

static int push_entry(strvec *v, vt_strbuf *sb)
{
    if (!sb->data || sb->len == 0) {
        vt_strbuf_free(sb);
        return 0;
    }
    while (sb->len > 0 && strchr(";.,: ", sb->data[sb->len - 1]))
        sb->data[--sb->len] = '\0';
    return strvec_push(v, vt_strbuf_take(sb));
}

/* A bulleted list from line i on: bullet lines, and lines that wrap the previous
 * entry. Upper-case lines, prefix lines and names are the signature block beside
 * the list and are stepped over. Ends at a blank line before a non-bullet line, at
 * the "Lưu: …." entry that closes a Nơi nhận list, or at other text after an entry
 * closed by ".". */
static int read_list(const doc *d, size_t i, size_t limit, strvec *out, size_t *end)
{
    vt_strbuf sb = {0};
    bool open = false;   /* the last line was an entry that may wrap onto this one */
    size_t after, le;
    for (; i < limit; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l)) {
            size_t j = next_nonblank(d, i);
            if ((out->n > 0 || sb.len > 0) && (j >= limit || !d->lines[j].bullet))
                break;
            open = false;
            i = j - 1;   /* j > i: step over the blank run at once */
            continue;
        }
        if (l->bullet) {
            if (push_entry(out, &sb) < 0)
                return -1;
            append_entry(&sb, d->text, l->start, l->end);
            open = d->text[l->end - 1] != '.';
            if (!open && starts_with(l, "luu", 0, &le)) {
                i++;
                break;
            }
            continue;
        }
        if (line_prefix(d, l, &after) || mostly_upper(l) || name_like(d, l))
            continue;
        if (!open)
            break;
        vt_strbuf_putc(&sb, ' ');
        append_clean(&sb, d->text, l->start, l->end);
        open = d->text[l->end - 1] != '.';
    }
    *end = i;
    return push_entry(out, &sb);
}

/* "Kính gửi: X" on one line, or "Kính gửi:" with one line or a bulleted list under it. */
static int read_addressees(const doc *d, reading *r, size_t kg, size_t label_end)
{
    const hline *l = &d->lines[kg];
    const char *s = d->text;
    size_t p = skip_blanks(s, after_compact(d, l, label_end - 1), l->end);
    if (p < l->end && s[p] == ':')
        p = skip_blanks(s, p + 1, l->end);
    size_t end = kg + 1;
    if (p < l->end) {
        vt_strbuf sb = {0};
        append_entry(&sb, s, p, l->end);
        if (push_entry(&r->recipients, &sb) < 0)
            return -1;
    } else {
        size_t j = next_nonblank(d, kg + 1);
        if (j < r->limit && !d->lines[j].bullet) {
            vt_strbuf sb = {0};
            append_entry(&sb, s, d->lines[j].start, d->lines[j].end);
            if (push_entry(&r->recipients, &sb) < 0)
                return -1;
            end = j + 1;
        }
    }
    size_t j = next_nonblank(d, end);
    if (j < r->limit && d->lines[j].bullet && read_list(d, j, r->limit, &r->recipients, &end) < 0)
        return -1;
    r->h->n_addressees = r->recipients.n;
    if (end > r->header_end)
        r->header_end = end;
    return 0;
}

/* The summary under the type line: up to TITLE_LINES lines, after any blank lines,
 * up to the next blank line; a change from lower to upper case ends it too. */
/* The place-and-date line read out of order, just under the type line (a
 * right-column line OCR's layout put after the title block's first line, "THÔNG
 * BÁO\nBình Định, ngày 6 tháng 10 năm 2025"): looked for in the two non-blank
 * lines after the type. 0, or -1 when memory ran out. */
static int place_date_after(const doc *d, reading *r, size_t t)
{
    vt_header *h = r->h;
    for (size_t i = next_nonblank(d, t + 1), k = 0; i < r->limit && k < 2;
         i = next_nonblank(d, i + 1), k++) {
        if (find_place_date(d, &d->lines[i], &h->place_span, &h->date_span)) {
            h->place = dup_clean(d->text, h->place_span.start, h->place_span.end);
            if (!h->place)
                return -1;
            r->date_line = i;
            if (i + 1 > r->header_end)
                r->header_end = i + 1;
            return 0;
        }
    }
    return 0;
}

static int read_title(const doc *d, reading *r, size_t t)
{
    size_t i = next_nonblank(d, t + 1);
    if (r->date_line && i == r->date_line)
        i = next_nonblank(d, i + 1);
    size_t first = i, last = i;
    vt_strbuf sb = {0};
    size_t after, le;
    for (; i < r->limit && i - first < TITLE_LINES; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l) || l->bullet || line_prefix(d, l, &after) || starts_with(l, "kinhgui", 1, &le) ||
            starts_with(l, "cancu", 0, &le) || type_of(l) ||
            l->words > TITLE_LINE_MAX_WORDS)
            break;
        if (i > first && mostly_upper(l) && !mostly_upper(&d->lines[first]))
            break;
        if (sb.len)
            vt_strbuf_putc(&sb, ' ');
        append_clean(&sb, d->text, l->start, l->end);
        last = i;
    }
    if (i == first)
        return 0;
    if (!(r->h->title = vt_strbuf_take(&sb)))
        return -1;
    r->h->title_span = (vt_span){d->lines[first].start, d->lines[last].end};
    if (i > r->header_end)
        r->header_end = i;
    return 0;
}

/* "V/v …" and its wrapped lines (lower-case text that is no other header element;
 * right-column lines interleaved with it are stepped over). */
static int read_vv(const doc *d, reading *r, size_t v, const bool *header_line)
{
    vt_strbuf sb = {0};
    size_t last = v, le;
    append_clean(&sb, d->text, d->lines[v].start, d->lines[v].end);
    for (size_t i = v + 1, taken = 0; i < r->limit && taken < 3; i++) {
        const hline *l = &d->lines[i];
        if (header_line[i])
            continue;
        if (is_blank(l) || l->bullet || mostly_upper(l) || starts_with(l, "kinhgui", 1, &le) ||
            type_of(l))
            break;
        vt_strbuf_putc(&sb, ' ');
        append_clean(&sb, d->text, l->start, l->end);
        last = i;
        taken++;
    }
    if (!(r->h->title = vt_strbuf_take(&sb)))
        return -1;
    r->h->title_span = (vt_span){d->lines[v].start, d->lines[last].end};
    if (last + 1 > r->header_end)
        r->header_end = last + 1;
    return 0;
}

/* The header lines: see the file comment, step 1. */
static int read_header(const doc *d, reading *r)
{
    vt_header *h = r->h;
    const char *s = d->text;
    int rc = -1;
    bool *header_line = calloc(d->n + 1, sizeof *header_line);
    candidate *cand = malloc((d->n + 1) * sizeof *cand);
    size_t n_cand = 0, number_line = SIZE_MAX, first_other = SIZE_MAX, vv = SIZE_MAX;
    size_t type_line = SIZE_MAX, i, seen = 0, le;
    if (!header_line || !cand)
        goto done;

    vt_docnum own;
    int found = vt_docnum_find_own(s, d->len, &own);
    if (found < 0)
        goto done;
    vt_span number = found ? (vt_span){own.start, own.end} : (vt_span){0, 0};
    vt_docnum_clear(&own);

    for (i = 0; i < r->limit; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l))
            continue;
        size_t after;
        if (++seen > HEADER_LINES || starts_with(l, "kinhgui", 1, &le) || starts_with(l, "cancu", 0, &le) ||
            starts_with(l, "noinhan", 1, &le) || line_prefix(d, l, &after))
            break;
        const char *type = type_of(l);
        if (type) {
            h->type = strdup(type);
            if (!h->type)
                goto done;
            h->type_span = (vt_span){l->start, l->end};
            type_line = i;
            r->header_end = i + 1;
            break;
        }
        bool known = starts_with(l, "phieugiaiquyet", 2, &le);
        size_t frag_end = l->end, mb, me;
        if (contains(l, "conghoaxahoichunghiavietnam", 4, &mb, &me)) {
            h->has_national_name = known = true;
            frag_end = l->cm[mb];
        }
        if (contains(l, "dangcongsanvietnam", 3, &mb, &me)) {
            known = true;
            frag_end = l->cm[mb] < frag_end ? l->cm[mb] : frag_end;
        }
        if (contains(l, "doclaptudohanhphuc", 3, &mb, &me)) {
            h->has_motto = known = true;
            frag_end = l->cm[mb] < frag_end ? l->cm[mb] : frag_end;
        }
        if (frag_end < l->end && frag_end > l->start && mostly_upper_range(s, l->start, frag_end))
            cand[n_cand++] = (candidate){i, l->start, frag_end};
        bool own_here = number.end > number.start && number.start >= l->start && number.start <= l->end;
        if (own_here || is_number_label(d, l)) {
            known = true;
            int got = own_here ? 1 : 0;
            if (number_line == SIZE_MAX && !own_here && (got = number_after_label(d, l, &number)) < 0)
                goto done;
            if (number_line == SIZE_MAX && got == 1) {
                number_line = i;
                h->number_span = number;
            }
        }
        if (h->date_span.end == 0 && find_place_date(d, l, &h->place_span, &h->date_span)) {
            known = true;
            h->place = dup_clean(s, h->place_span.start, h->place_span.end);
            if (!h->place)
                goto done;
        }
        if (!known && vv == SIZE_MAX && is_vv(d, l)) {
            vv = i;
            r->header_end = i + 1;
            continue;
        }
        header_line[i] = known;
        if (known)
            r->header_end = i + 1;
        if (!known && mostly_upper(l) && l->words <= ISSUER_MAX_WORDS)
            cand[n_cand++] = (candidate){i, l->start, l->end};
        else if (!known && first_other == SIZE_MAX)
            first_other = i;
    }

    /* Issuer lines sit above "Số:" in their column; without a number line, the
     * header is what comes before the first line of another kind. */
    size_t bound = number_line != SIZE_MAX ? number_line : first_other;
    for (size_t k = 0; k < n_cand && cand[k].line < bound; k++) {
        if (cand[k].line + 1 > r->header_end)
            r->header_end = cand[k].line + 1;
        if (strvec_push(&r->issuer, dup_clean(s, cand[k].start, cand[k].end)) < 0)
            goto done;
        if (k == 0)
            h->issuer_span.start = cand[k].start;
        h->issuer_span.end = cand[k].end;
    }
    if (h->date_span.end == 0 && type_line != SIZE_MAX && place_date_after(d, r, type_line) < 0)
        goto done;
    if (type_line != SIZE_MAX && read_title(d, r, type_line) < 0)
        goto done;
    if (vv != SIZE_MAX && !h->title && read_vv(d, r, vv, header_line) < 0)
        goto done;
    if (vv != SIZE_MAX && !h->type && !(h->type = strdup("CÔNG VĂN")))
        goto done;
    rc = 0;
done:
    free(header_line);
    free(cand);
    return rc;
}

/* The first "Kính gửi" among the first lines. */
static int find_addressees(const doc *d, reading *r)
{
    size_t seen = 0, le;
    for (size_t i = 0; i < r->limit && seen < ADDRESS_LINES; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l))
            continue;
        seen++;
        if (starts_with(l, "kinhgui", 1, &le))
            return read_addressees(d, r, i, le);
    }
    return 0;
}

/* The signature block from line i (a prefix line, or the role line when the head
 * signs); label_end: where the text starts on a "Nơi nhận: KT. …" line. */
static int read_signature(const doc *d, reading *r, size_t i, size_t from_pos)
{
    vt_signer *sg = &r->h->signer;
    const char *s = d->text;
    vt_strbuf auth = {0}, role = {0};
    const char *canon = NULL;
    size_t after = 0, last_after = 0, last_line = i, le;
    for (size_t pos = from_pos; i < r->limit; i++, pos = 0) {
        const hline *l = &d->lines[i];
        if (!pos && (is_blank(l) || l->bullet || starts_with(l, "noinhan", 1, &le)))
            continue;
        const char *pre = prefix_at(s, pos ? pos : l->start, l->end, &after);
        if (!pre)
            break;
        canon = pre;
        if (auth.len)
            vt_strbuf_puts(&auth, " / ");
        append_clean(&auth, s, pos ? pos : l->start, l->end);
        last_after = after;
        last_line = i;
    }
    int roles = 0;
    for (; i < r->limit && roles < ROLE_LINES; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l) || l->bullet || starts_with(l, "noinhan", 1, &le))
            continue;
        if (!mostly_upper(l) || l->words > ROLE_MAX_WORDS)
            break;
        if (roles++)
            vt_strbuf_putc(&role, ' ');
        append_clean(&role, s, l->start, l->end);
    }
    if (roles == 0 && canon)
        append_clean(&role, s, last_after, d->lines[last_line].end);
    for (int k = 0; i < r->limit && k < NAME_LOOKAHEAD; i++) {
        const hline *l = &d->lines[i];
        if (is_blank(l) || l->bullet)
            continue;
        k++;
        if (name_like(d, l)) {
            if (!(sg->name = dup_clean(s, l->start, l->end)))
                goto fail;
            break;
        }
    }
    if (auth.failed || role.failed || (canon && !(sg->prefix = strdup(canon))))
        goto fail;
    if (auth.len && !(sg->authority = vt_strbuf_take(&auth)))
        goto fail;
    if (role.len && !(sg->role = vt_strbuf_take(&role)))
        goto fail;
    vt_strbuf_free(&auth);
    vt_strbuf_free(&role);
    return 0;
fail:
    vt_strbuf_free(&auth);
    vt_strbuf_free(&role);
    return -1;
}

/* A role line when the head signs without a prefix: a short upper-case line with a
 * name below it. */
static bool role_with_name(const doc *d, size_t i, size_t limit)
{
    const hline *l = &d->lines[i];
    if (l->bullet || !mostly_upper(l) || l->words > 8 || type_of(l))
        return false;
    for (size_t j = i + 1, k = 0; j < limit && k < NAME_LOOKAHEAD; j++) {
        if (is_blank(&d->lines[j]) || d->lines[j].bullet)
            continue;
        if (name_like(d, &d->lines[j]))
            return true;
        if (!mostly_upper(&d->lines[j]) || ++k > 2)
            return false;
    }
    return false;
}

/* "Nơi nhận:" and its list, then the signature block beside or below it. */
static int read_closing(const doc *d, reading *r)
{
    size_t label = SIZE_MAX, label_pos = 0, le, after;
    for (size_t i = r->header_end; i < r->limit; i++) {
        const hline *l = &d->lines[i];
        if (!starts_with(l, "noinhan", 1, &le))
            continue;
        size_t p = skip_blanks(d->text, after_compact(d, l, le - 1), l->end);
        if (p < l->end && d->text[p] == ':')
            p = skip_blanks(d->text, p + 1, l->end);
        if (p < l->end && !prefix_at(d->text, p, l->end, &after) && !bullet_at(d->text, p, l->end, &after))
            continue;   /* a sentence that starts with these words */
        label = i;
        label_pos = p < l->end ? p : 0;
        break;
    }
    size_t from = label != SIZE_MAX ? label : r->header_end;
    if (label != SIZE_MAX) {
        size_t end;
        if (label_pos && bullet_at(d->text, label_pos, d->lines[label].end, &after)) {
            vt_strbuf sb = {0};
            append_entry(&sb, d->text, label_pos, d->lines[label].end);
            if (push_entry(&r->recipients, &sb) < 0)
                return -1;
        }
        if (read_list(d, label + 1, r->limit, &r->recipients, &end) < 0)
            return -1;
        if (label_pos && prefix_at(d->text, label_pos, d->lines[label].end, &after))
            return read_signature(d, r, label, label_pos);
    }
    for (size_t i = from; i < r->limit; i++)
        if (!is_blank(&d->lines[i]) && line_prefix(d, &d->lines[i], &after))
            return read_signature(d, r, i, 0);
    /* No prefix: the head signs. Without a Nơi nhận block, look only near the end. */
    size_t start = from;
    if (label == SIZE_MAX) {
        size_t k = 0;
        for (start = r->limit; start > from && k < TAIL_SIGNATURE_LINES; start--)
            k += !is_blank(&d->lines[start - 1]);
    }
    for (size_t i = start; i < r->limit; i++)
        if (!is_blank(&d->lines[i]) && role_with_name(d, i, r->limit))
            return read_signature(d, r, i, 0);
    return 0;
}

/* Where the notice ends: a processing slip attached after it (Appendix IV). */
static size_t notice_limit(const doc *d)
{
    size_t le;
    for (size_t i = 1; i < d->n; i++)
        if (mostly_upper(&d->lines[i]) && starts_with(&d->lines[i], "phieugiaiquyet", 2, &le))
            return i;
    return d->n;
}

static void take_vec(strvec *v, char ***items, size_t *n)
{
    *items = v->items;
    *n = v->n;
    memset(v, 0, sizeof *v);
}

int vt_header_extract(const char *text, size_t len, vt_header *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return 0;
    doc d = {.text = text, .len = len};
    reading r = {.h = out};
    int rc = -1;
    if (split_lines(&d) < 0)
        goto done;
    r.limit = notice_limit(&d);
    if (read_header(&d, &r) < 0 || find_addressees(&d, &r) < 0 || read_closing(&d, &r) < 0)
        goto done;
    take_vec(&r.issuer, &out->issuer, &out->n_issuer);
    take_vec(&r.recipients, &out->recipients, &out->n_recipients);
    rc = 0;
done:
    strvec_free(&r.issuer);
    strvec_free(&r.recipients);
    free(d.lines);
    free(d.cbuf);
    free(d.cmap);
    if (rc < 0)
        vt_header_free(out);
    return rc;
}

void vt_header_free(vt_header *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n_issuer; i++)
        free(h->issuer[i]);
    for (size_t i = 0; i < h->n_recipients; i++)
        free(h->recipients[i]);
    free(h->issuer);
    free(h->recipients);
    free(h->place);
    free(h->type);
    free(h->title);
    free(h->signer.prefix);
    free(h->signer.authority);
    free(h->signer.role);
    free(h->signer.name);
    memset(h, 0, sizeof *h);
}
