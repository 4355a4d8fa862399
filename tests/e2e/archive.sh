#!/usr/bin/env bash
# archive.sh — the archive outputs: one OCR pass writes text, ALTO and hOCR for
# every fixture scan and PDF; ALTO validates against the ALTO 4.4 schema, hOCR
# is well-formed XHTML, and both hold exactly the text output's lines (the
# words of text blocks joined per line), with stamps and notes tagged apart.
# Then the several outputs of an input are all-or-nothing: over a file-size
# limit none is left (nor a temporary), the manifest does not count the input,
# and a re-run redoes it; a re-run after success skips it.
# usage: archive.sh VANTHU FIXTURES SCHEMA_DIR CHECKER
set -u
vanthu=$1 fixtures=$2 schemas=$3 checker=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"

"$vanthu" -q -j 2 -f text,alto,hocr -o "$T/out/" "$fixtures/scans" "$fixtures/pdf/ccitt-200dpi-3pages.pdf" \
  "$fixtures/pdf/jpeg-colour-300dpi-2pages.pdf" "$fixtures/pdf/text-layer.pdf" 2> "$T/err"
check "one pass writes every input's outputs" test $? -eq 0
n_txt=$(find "$T/out" -name '*.txt' | wc -l)
check "text outputs for every input ($n_txt)" test "$n_txt" -ge 30
for xml in "$T"/out/*.xml; do
  check "$(basename "$xml") validates against ALTO 4.4" \
    xmllint --noout --nonet --schema "$schemas/alto-4-4.xsd" "$xml"
done
for hocr in "$T"/out/*.hocr; do
  check "$(basename "$hocr") is well-formed XHTML" xmllint --noout --nonet "$hocr"
done
check "ALTO and hOCR lines are the text's lines" python3 "$checker" "$T/out"
# On 1-bit pages the stamp is read as words and set apart; on colour pages its ink
# is gone before OCR (its fields are in JSON receipt_stamp).
check "ALTO tags the 1-bit page's stamp apart" grep -q 'TAGREFS="TAG_STAMP"' "$T/out/000-p1-300-stamp-bilevel.xml"
check "ALTO tags handwriting apart" grep -q 'TAGREFS="TAG_NOTE"' "$T/out/003-p1-300-handwriting.xml"
check "hOCR sets the stamp apart" grep -q 'x_kind stamp' "$T/out/000-p1-300-stamp-bilevel.hocr"

# All or nothing: a 40 KiB file-size limit (bash counts KiB) lets the text through but not the
# ALTO, so neither may be left, and nothing counts the input as done.
sample="$fixtures/sample/notice.png"
(ulimit -f 40; "$vanthu" -q -f text,alto -o "$T/lim/" "$sample" 2> "$T/lim.err")
check "an output that cannot be written fails the input" test $? -eq 1
check "the failure names the file" grep -q "notice.xml" "$T/lim.err"
check "no output is left of a half-written input" test -z "$(find "$T/lim" -type f ! -name '.vanthu-manifest.tsv')"
check "the manifest does not count it" test ! -s "$T/lim/.vanthu-manifest.tsv"
"$vanthu" -f text,alto -o "$T/lim/" "$sample" 2> "$T/redo.err"
check "a re-run writes both" test -s "$T/lim/notice.txt" -a -s "$T/lim/notice.xml"
before=$(stat -c %i "$T/lim/notice.txt" "$T/lim/notice.xml")
"$vanthu" -f text,alto -o "$T/lim/" "$sample" 2> "$T/skip.err"
check "a further re-run skips the finished input" test "$(stat -c %i "$T/lim/notice.txt" "$T/lim/notice.xml")" = "$before"
rm "$T/lim/notice.xml"
"$vanthu" -f text,alto -o "$T/lim/" "$sample" 2> "$T/again.err"
check "a deleted output is written again" test -s "$T/lim/notice.xml"

"$vanthu" -f text,alto "$sample" > /dev/null 2> "$T/usage.err"
check "several formats without -o is a usage error" test $? -eq 2
check "it says to name a folder" grep -q "name a folder" "$T/usage.err"
"$vanthu" -f alto -o "$T/one.xml" "$sample"
check "-f alto -o FILE writes one ALTO file" xmllint --noout --nonet --schema "$schemas/alto-4-4.xsd" "$T/one.xml"
check_summary
