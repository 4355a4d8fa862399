#!/usr/bin/env bash
# scan.sh — OCR one fixture page with vanthu and bound its character error rate
# against the page's ground truth.
#
# usage: scan.sh VANTHU VT_CER IMAGE PAGE_INDEX GROUND_TRUTH KIND
# The bound depends on the kind of fixture and is set a little above what vanthu
# measured on these pages (bench/accuracy prints the figures), so that a real
# regression fails while machine-to-machine noise does not.
set -eu
vanthu=$1 cer=$2 image=$3 page=$4 truth=$5 kind=$6
# Measured (bench/accuracy, 2026-11-29): clean pages 0.00–0.26%, degraded
# 0.00–0.23%, stamped 0.00–0.93% (plain tesseract: up to 2.24%, 5.57% and 10.42%);
# blue-pen pages in colour 0.07–0.24% and in greyscale 0.73% (tesseract 2.72–5.98%
# and 2.86%); pages turned 90°/180° 0.00–0.07%, skewed 3° 0.14%, the phone photo
# 0.27%, bilevel 0.23% (tesseract 1.57%/82%, 92%, 3.12%, 0.32%); the greyscale
# stamped page 0.00% (tesseract 5.49%); the 1-bit stamped page, whose stamp lies
# over the date and title lines, 1.60% (tesseract 5.51%).
case "$kind" in
  clean)    bound=1 ;;
  degraded) bound=1 ;;
  stamped)  bound=2 ;;
  stamped-grey) bound=2 ;;
  stamped-bilevel) bound=3 ;;
  handwriting) bound=1 ;;
  handwriting-grey) bound=2 ;;
  rotated)  bound=1 ;;
  skewed)   bound=1 ;;
  photo)    bound=1 ;;
  bilevel)  bound=1 ;;
  *)        echo "scan.sh: unknown fixture kind '$kind'" >&2; exit 2 ;;
esac
out=$(mktemp)
trap 'rm -f "$out" "$out.page"' EXIT
"$vanthu" -q "$image" > "$out"
# Pages are separated by form feeds; take page PAGE_INDEX (0-based).
awk -v RS='\f' -v n="$page" 'NR == n + 1 { printf "%s", $0 }' "$out" > "$out.page"
"$cer" "$truth" "$out.page" "$bound"
