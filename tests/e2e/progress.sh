#!/usr/bin/env bash
# progress.sh — what a user sees while vanthu works, and what --version tells.
# A terminal is made with script(1), so the live line is tested where it appears.
# usage: progress.sh VANTHU SAMPLE_IMAGE
set -u
vanthu=$1 sample=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
cp "$sample" "$T/a.png"
cp "$sample" "$T/b.png"

# On a terminal, a single input gets a live page line from the start.
script -qec "'$vanthu' '$T/a.png' > '$T/out.txt'" "$T/tty.log" > /dev/null
tr '\r' '\n' < "$T/tty.log" > "$T/tty.lines"
check "terminal: a line before any page is done" grep -q "opening the document" "$T/tty.lines"
check "terminal: pages done of total and the rate" grep -qE "page 1/1, [0-9.]+ pages/s" "$T/tty.lines"
check "terminal: the line ends with the time taken" grep -qE "took [0-9]+s" "$T/tty.lines"
check "terminal: the text still goes to stdout" test -s "$T/out.txt"

script -qec "'$vanthu' --progress=never '$T/a.png' > /dev/null" "$T/never.log" > /dev/null
# (script's log has its own header and footer lines, so look for ours.)
check "--progress=never: nothing drawn" test "$(grep -cE 'pages/s|opening' "$T/never.log")" = 0
script -qec "'$vanthu' -q '$T/a.png' > /dev/null" "$T/quiet.log" > /dev/null
check "--quiet: nothing drawn" test "$(grep -cE 'pages/s|opening' "$T/quiet.log")" = 0

# Several inputs on a terminal: documents and pages, with the expected total.
script -qec "'$vanthu' -o '$T/out' '$T/a.png' '$T/b.png'" "$T/batch.log" > /dev/null
tr '\r' '\n' < "$T/batch.log" > "$T/batch.lines"
check "terminal batch: documents and pages counted" grep -qE "2/2 docs, 2/2 pages" "$T/batch.lines"

# Without a terminal: one line per document with its own time and page count.
"$vanthu" -o "$T/log-out" "$T/a.png" "$T/b.png" 2> "$T/log.err"
check "log: one line per document" test "$(grep -c '^vanthu: \[[12]/2\]' "$T/log.err")" = 2
check "log: page count and own seconds" grep -qE "a.png: done, 1 page\(s\), [0-9]+\.[0-9] s" "$T/log.err"
check "log: no terminal control codes" test "$(grep -c $'\033' "$T/log.err")" = 0
"$vanthu" "$T/a.png" > /dev/null 2> "$T/single.err"
check "log: a single input prints nothing" test ! -s "$T/single.err"
"$vanthu" --progress=always "$T/a.png" > /dev/null 2> "$T/always.err"
check "--progress=always: the live line without a terminal" grep -q "pages/s" "$T/always.err"
"$vanthu" --progress=sometimes "$T/a.png" > /dev/null 2> "$T/bad.err"
check "--progress with an unknown value is a usage error" grep -q "unknown progress mode 'sometimes'" "$T/bad.err"

# --version names every library that changes a reading, and the model.
"$vanthu" --version > "$T/version"
for name in vanthu tesseract leptonica icu poppler json-c; do
  check "--version names $name" grep -qE "^$name [0-9]" "$T/version"
done
check "--version names the model, its format and checksum" \
  grep -qE "^model: .*vie-syllable.lm \(format [0-9]+, .*checksum [0-9a-f]{16}\)" "$T/version"
"$vanthu" --model-dir "$T" --version > "$T/version-missing"
check "--version says when the model is missing" grep -q "^model: $T/vie-syllable.lm (missing)" "$T/version-missing"

check_summary
