/*
 * header.h — the header and closing fields of one notice, read from its text.
 *
 * Decree 30/2020 (Appendix I) fixes where each element of an administrative
 * document sits: the issuing authority and "Số: …" in the left column, the
 * national name, motto and "‹place›, ngày … tháng … năm …" in the right one, then
 * the type name ("THÔNG BÁO") with the summary (trích yếu) under it, or, for a
 * công văn, a "V/v …" line under the number; "Kính gửi:" above the body;
 * "Nơi nhận:" and the signature block (TM./KT./TL./TUQ./Q., position, name) at the
 * end. This module reads those elements from OCR text, where the two header
 * columns may come out as separate lines in any interleaving (or side by side on
 * one line), marks may be lost ("CONG HOA XA HOI…"), Markdown emphasis may wrap
 * lines ("**TL. GIÁM ĐỐC**") and foreign lines (a receipt stamp, a processing slip)
 * may sit between the parts. Keywords are matched on the letters without marks,
 * with a small edit-distance tolerance on the long fixed phrases.
 *
 * Pure: no global state, safe from any thread. Offsets are byte offsets into the
 * text given.
 */
#ifndef VT_HEADER_H
#define VT_HEADER_H

#include <stdbool.h>
#include <stddef.h>

/* A byte range of the text; start == end means absent. */
typedef struct vt_span {
    size_t start, end;
} vt_span;

typedef struct vt_signer {
    char *prefix;     /* the signer's own authority prefix, canonical: "TM.", "KT.", "TL.",
                       * "TUQ.", "Q." (Party "K/T" gives "KT."); NULL when the head signs */
    char *authority;  /* every prefix line as printed, top-down, joined by " / ":
                       * "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG"; NULL when none */
    char *role;       /* the signer's own position, the line(s) under the prefix lines:
                       * "PHÓ CHÁNH VĂN PHÒNG"; for a lone "Q. GIÁM ĐỐC", "GIÁM ĐỐC" */
    char *name;       /* "Hoàng Xuân Đông" */
} vt_signer;

typedef struct vt_header {
    char **issuer;            /* authority lines top-down: "UBND TỈNH KIÊN GIANG", "SỞ Y TẾ" */
    size_t n_issuer;
    vt_span issuer_span;      /* first to last issuer line (may cover interleaved lines) */
    char *place;              /* "Kiên Giang" of "Kiên Giang, ngày 17 tháng 4 năm 2025" */
    vt_span place_span;
    vt_span date_span;        /* "ngày 17 tháng 4 năm 2025" (parse it with dates.h) */
    vt_span number_span;      /* the symbol of the own "Số: …" line (parse with docnum.h) */
    char *type;               /* canonical type name: "THÔNG BÁO", "QUYẾT ĐỊNH", …;
                               * "CÔNG VĂN" for a "V/v" letter without a type line */
    vt_span type_span;        /* the type line as printed; absent for an implied CÔNG VĂN */
    char *title;              /* trích yếu: the line(s) under the type name joined by one
                               * space, or the "V/v …" text as printed (prefix kept) */
    vt_span title_span;
    char **recipients;        /* "Kính gửi" entries first, then "Nơi nhận" entries; each
                               * without its dash and closing ";" or "." */
    size_t n_recipients;
    size_t n_addressees;      /* how many of recipients came from "Kính gửi" */
    vt_signer signer;
    bool has_national_name;   /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (either spelling) */
    bool has_motto;           /* "Độc lập - Tự do - Hạnh phúc" */
} vt_header;

/* Read the fields of one notice from text[0..len). *out is overwritten; fields not
 * found are NULL (or 0 / an empty span). Returns 0, or -1 when memory ran out (then
 * *out is empty). Release with vt_header_free. */
int vt_header_extract(const char *text, size_t len, vt_header *out);

/* Free every field and zero *h; safe on a zeroed or already freed header. */
void vt_header_free(vt_header *h);

#endif /* VT_HEADER_H */
