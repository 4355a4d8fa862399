/*
 * docnum.h — the "số, ký hiệu" of Vietnamese documents: parse, repair, find.
 *
 * Shapes (field guide §2.1): administrative "88/TB-SYT", công văn (no type)
 * "3523/BYT-KH-TC", normative "13/2023/TT-BYT", laws and resolutions of the
 * National Assembly "15/2023/QH15", Party "72-NQ/TW", copies "07/SY-UBND", and the
 * template's blank number "Số: /TB-UBND". Types are checked against the official
 * table of Decree 30/2020 Appendix III plus the normative and Party types.
 *
 * OCR damage is repaired only where grammar and table leave one reading: a
 * character that cannot start a symbol group standing where the grammar needs
 * "/" ("115 JCV-PA83", "88lTB-SYT"), spaces inside the symbol, a hyphen at a line
 * end, digits in the type slot when exactly one official type fits ("1B" -> TB,
 * "Q4" -> QĐ), D for Đ and case ("QD" -> QĐ, "QYĐ" -> QyĐ), and an issuer group
 * garbled into digits and slashes when exactly one issuer already seen in the
 * same text fits it ("8/1" -> SYT). The raw text is always kept.
 */
#ifndef VT_DOCNUM_H
#define VT_DOCNUM_H

#include <stdbool.h>
#include <stddef.h>

#include "dates.h"

typedef enum vt_docnum_family {
    VT_DOCNUM_ADMIN,     /* N/TYPE-ISSUER */
    VT_DOCNUM_LETTER,    /* công văn: N/ISSUER-UNIT, no type */
    VT_DOCNUM_NORMATIVE, /* N/YYYY/TYPE-ISSUER */
    VT_DOCNUM_LAW,       /* N/YYYY/QHk */
    VT_DOCNUM_PARTY,     /* N-TYPE/ISSUER */
    VT_DOCNUM_COPY,      /* N/SY-…, N/TrS-…, N/SL-… */
} vt_docnum_family;

enum {
    VT_DOCNUM_REPAIRED = 1u << 0,     /* normalized differs from raw beyond spacing */
    VT_DOCNUM_NUMBER_BLANK = 1u << 1, /* template left the number empty */
};

typedef struct vt_docnum {
    char *raw;        /* as in the text */
    char *normalized; /* canonical symbol, e.g. "88/TB-SYT", "/TB-UBND" */
    char *number;     /* digits; "" when blank */
    char *type;       /* type abbreviation; NULL for công văn and laws */
    char *issuer;     /* the groups after the type, joined by "-" */
    int year;         /* year in a normative symbol, else the attached date's, else 0 */
    vt_docnum_family family;
    unsigned flags;   /* VT_DOCNUM_* */
    size_t start, end; /* byte span of raw */
    char *date_raw;   /* "ngày …" right after the symbol (the cited document's date) */
    char *date_iso;   /* its ISO value; both NULL when there is none */
} vt_docnum;

typedef struct vt_docnum_list {
    vt_docnum *items;
    size_t count, cap;
} vt_docnum_list;

/* Parse one symbol at the start of s ("88/TB-SYT", "115 JCV-PA83"); trailing text
 * is ignored (out->end says how far it reached). Returns 1 and fills *out, 0 when
 * s does not start with a symbol, -1 when memory ran out. */
int vt_docnum_parse(const char *s, size_t len, vt_docnum *out);

/* The notice's own number: the first "Số: …" at the start of a line that holds a
 * symbol (a blank number is allowed there). 1 found, 0 none, -1 no memory. */
int vt_docnum_find_own(const char *text, size_t len, vt_docnum *out);

/* Every symbol in the text except the notice's own number, in order, each with the
 * "ngày …" that directly follows it. anchor (may be NULL) gives yearless dates a
 * year. *out must be zeroed. 0, or -1 when memory ran out (then *out is empty). */
int vt_docnum_find_references(const char *text, size_t len, const vt_date_anchor *anchor,
                              vt_docnum_list *out);

void vt_docnum_clear(vt_docnum *d);
void vt_docnum_list_free(vt_docnum_list *list);

/* "admin", "letter", "normative", "law", "party", "copy". */
const char *vt_docnum_family_name(vt_docnum_family family);

/* True when abbr (UTF-8, exact case) is in the official table of administrative
 * document types or copy forms (Decree 30/2020, Appendix III). */
bool vt_docnum_is_admin_type(const char *abbr);

#endif /* VT_DOCNUM_H */
