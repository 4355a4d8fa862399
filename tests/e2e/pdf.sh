#!/usr/bin/env bash
# pdf.sh — vanthu on the fixture PDFs: scanned pages read from their embedded images
# at native resolution, encryption with and without a user password, --pages,
# --ocr, and text layers used or re-OCRed according to their quality.
# usage: pdf.sh VANTHU VT_CER JSON_CHECK FIXTURES_DIR
set -u
vanthu=$1 cer=$2 json_check=$3 fx=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
field() {  # field FILE PATH: the values at PATH, e.g. pages[].dpi
  "$json_check" --get "$2" "$1"
}
page_text() {  # page_text TEXTFILE N (1-based) > out
  awk -v RS='\f' -v n="$2" 'NR == n { printf "%s", $0 }' "$1"
}

"$vanthu" -f json -o "$T/ccitt.json" "$fx/pdf/ccitt-200dpi-3pages.pdf"
check "CCITT PDF: valid record" "$json_check" "$T/ccitt.json"
check "CCITT PDF: three pages at the scan's 200 dpi" test "$(field "$T/ccitt.json" "pages[].dpi" | tr '\n' ' ')" = "200 200 200 "
"$vanthu" -q "$fx/pdf/ccitt-200dpi-3pages.pdf" > "$T/ccitt.txt"
page_text "$T/ccitt.txt" 2 > "$T/ccitt-p2.txt"
check "CCITT PDF: page 2 reads like its ground truth (CER <= 3%)" \
      "$cer" "$fx/scans/004-p2-p3-200.p1.gt.txt" "$T/ccitt-p2.txt" 3

"$vanthu" -f json -o "$T/jpeg.json" "$fx/pdf/jpeg-colour-300dpi-2pages.pdf"
check "JPEG PDF: two pages at 300 dpi" test "$(field "$T/jpeg.json" "pages[].dpi" | tr '\n' ' ')" = "300 300 "
"$vanthu" -q "$fx/pdf/owner-password-only.pdf" > "$T/owner.txt"
check "owner-password-only PDF opens" test $? = 0
"$vanthu" -q "$fx/pdf/jpeg-colour-300dpi-2pages.pdf" > "$T/plain.txt"
check "encryption changes nothing in the text" cmp -s "$T/owner.txt" "$T/plain.txt"
"$vanthu" "$fx/pdf/needs-password.pdf" 2> "$T/err"
check "PDF needing a password: exit 1" test $? = 1
check "PDF needing a password: said so, naming the file" \
      grep -q "needs-password.pdf: load_pdf: the PDF is encrypted and needs a password" "$T/err"

"$vanthu" -f json --pages 2-3 -o "$T/pages.json" "$fx/pdf/ccitt-200dpi-3pages.pdf"
check "--pages 2-3 keeps the input's page numbers" test "$(field "$T/pages.json" "pages[].number" | tr '\n' ' ')" = "2 3 "
"$vanthu" -q --pages 2 "$fx/pdf/ccitt-200dpi-3pages.pdf" > "$T/p2only.txt"
check "--pages 2 gives the same text as page 2 of the whole run" cmp -s "$T/p2only.txt" "$T/ccitt-p2.txt"

"$vanthu" -f json -o "$T/layer.json" "$fx/pdf/text-layer.pdf"
check "good text layer: used without OCR" sh -c "! grep -q '\"ocr\":' '$T/layer.json'"
# (--tone-style keep: the default would write the layer's "uỷ" as "ủy")
"$vanthu" -q --tone-style keep "$fx/pdf/text-layer.pdf" > "$T/layer.txt"
check "good text layer: text equals what was typeset" "$cer" "$fx/pdf/text-layer.gt.txt" "$T/layer.txt" 0
"$vanthu" -v -f json -o "$T/garbage.json" "$fx/pdf/garbage-text-layer.pdf" 2> "$T/err"
check "garbage text layer: re-OCRed" grep -q '"ocr":' "$T/garbage.json"
check "garbage text layer: the warning says why" grep -q "text layer ignored and the page OCRed" "$T/err"
"$vanthu" -f json --ocr always -o "$T/always.json" "$fx/pdf/text-layer.pdf"
check "--ocr always OCRs a good layer too" grep -q '"ocr":' "$T/always.json"
"$vanthu" -f json --ocr never -o "$T/never.json" "$fx/pdf/garbage-text-layer.pdf"
check "--ocr never keeps even a garbage layer" sh -c "! grep -q '\"ocr\":' '$T/never.json'"

check_summary
