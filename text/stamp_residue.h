/*
 * stamp_residue.h — find the text a receipt stamp and a processing slip leave in
 * the OCR text of a notice.
 *
 * A received paper notice carries the registry's "ĐẾN" stamp (field guide §3.1):
 * organisation line, a big "ĐẾN", "Số:" (arrival number), "Ngày:" (arrival date),
 * "Chuyển:" and "Số và ký hiệu HS:" / "Lưu hồ sơ số:". OCR reads the stamp as
 * ordinary lines mixed into the header, with its words damaged ("ĐÁP" for "ĐẾN",
 * "nuyễn:" for "Chuyển:", the organisation's left edge cut off) and sometimes fused
 * with the line underneath. It may also carry the processing slip "PHIẾU GIẢI
 * QUYẾT VĂN BẢN ĐẾN" (§3.2), a separate form that is not part of the notice.
 *
 * The stamp is recognised by its structure only, never by words of one document:
 * several stamp labels within a few lines of each other in the header zone, at
 * least one of them a bare-integer "Số:" or a "Ngày:" with a numeric date. The
 * result says which bytes to remove and what the stamp says; removing them is the
 * caller's job (vt_residue_cut).
 *
 * Text is UTF-8 (NFC) with "\n" between lines and "\f" between pages; nothing is
 * read at or past len. All functions are pure and thread-safe.
 */
#ifndef VT_STAMP_RESIDUE_H
#define VT_STAMP_RESIDUE_H

#include <stdbool.h>
#include <stddef.h>

#include "stamp_fields.h"

/* Bytes [start, end) of the text: whole lines with their "\n" (blank lines lying
 * between two residue lines included), or the label prefix of a line whose rest
 * is kept. */
typedef struct vt_residue_range {
    size_t start, end;
} vt_residue_range;

typedef struct vt_stamp_residue {
    bool found;
    vt_residue_range *ranges; /* in order, non-overlapping, non-touching */
    size_t n_ranges;
    vt_stamp_fields fields;   /* read from the residue with vt_stamp_fields_parse */
    char *raw;                /* the removed text: residue lines (trimmed) joined by "\n" */
} vt_stamp_residue;

typedef struct vt_slip {
    bool found;
    size_t start, end;  /* from the title line to the end of its page (or the text) */
    char *title;        /* the title line as OCR read it */
    char *number_line;  /* "Số: …" identifying the incoming document; NULL if absent */
    char *raw;          /* text[start, end) without trailing white space */
} vt_slip;

/*
 * Find the ĐẾN stamp's residue in the header zone of the notice's first page (the
 * page after a slip that opens the text). A "Chuyển:"-like label fused with the
 * line under it ("nuyễn: tại cuộc họp …") goes whole when the rest repeats a nearby
 * line (the title line read twice) or is a short routing value ("P.TH", also the
 * forwarded_to field); otherwise only the label goes and the rest stays.
 * *out is overwritten; found is false (and nothing allocated) when there is none.
 * Returns 0, or -1 when memory ran out (then *out is empty).
 */
int vt_stamp_residue_find(const char *text, size_t len, vt_stamp_residue *out);
void vt_stamp_residue_free(vt_stamp_residue *r);

/* Find the first processing slip. Same conventions as vt_stamp_residue_find. */
int vt_slip_find(const char *text, size_t len, vt_slip *out);
void vt_slip_free(vt_slip *s);

/* A NUL-terminated copy of text without the ranges (sorted, non-overlapping,
 * within len); its length in *out_len when not NULL. NULL on no memory. */
char *vt_residue_cut(const char *text, size_t len, const vt_residue_range *ranges, size_t n,
                     size_t *out_len);

#endif /* VT_STAMP_RESIDUE_H */
