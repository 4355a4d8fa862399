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
# Measured (bench/accuracy): clean pages 0.0–2.2%, degraded 0.0–1.6%, stamped
# 4.3–10.0% (stamp and seal ink read as text until the image-cleaning stages land).
case "$kind" in
  clean)    bound=3 ;;
  degraded) bound=3 ;;
  stamped)  bound=12 ;;
  *)        echo "scan.sh: unknown fixture kind '$kind'" >&2; exit 2 ;;
esac
out=$(mktemp)
trap 'rm -f "$out" "$out.page"' EXIT
"$vanthu" -q "$image" > "$out"
# Pages are separated by form feeds; take page PAGE_INDEX (0-based).
awk -v RS='\f' -v n="$page" 'NR == n + 1 { printf "%s", $0 }' "$out" > "$out.page"
"$cer" "$truth" "$out.page" "$bound"
