/*
 * stamp_anchor.h — where a receipt stamp lies on a page, told by its printed
 * labels among the words OCR read (stamp_anchor.c).
 */
#ifndef VT_STAMP_ANCHOR_H
#define VT_STAMP_ANCHOR_H

#include <stdbool.h>

#include "document.h"

/* The box of the stamp whose labels (the tall "ĐẾN", "Ngày:" before a date,
 * "Chuyển:", "Lưu hồ sơ") the page's words show, two kinds or more close
 * together, and the top row of its first label (the organisation's lines lie
 * above it); false when they do not. */
bool vt_stamp_anchor_find(const vt_page *page, vt_box *box, int *labels_top);

#endif /* VT_STAMP_ANCHOR_H */
