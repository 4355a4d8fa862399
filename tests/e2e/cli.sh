#!/usr/bin/env bash
# cli.sh — the vanthu command as a user meets it: exit statuses, messages that name
# the file and the problem, outputs written whole or not at all.
#
# usage: cli.sh VANTHU JSON_CHECK SAMPLE_IMAGE
# Each row of the table below is: name | expected exit | text stderr must contain
# (empty: stderr must be empty) | arguments (word-split; @T expands to the
# scratch directory, @S to the sample image).
set -u
vanthu=$1 json_check=$2 sample=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

printf 'Thông báo số 88/TB-SYT\n\nNội dung.\n' > "$T/notice.txt"
printf '' > "$T/empty.png"
head -c 3000 /dev/urandom > "$T/random.png"
head -c 2000 "$sample" > "$T/truncated.png"
printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0' > "$T/huge.png"
head -c 64 /dev/zero >> "$T/huge.png"   # a header alone: 60000 x 60000 claimed, no pixels
printf '%%PDF-1.4\n%%%%EOF\n' > "$T/scan.pdf"
mkdir -p "$T/dir.png"

cases=$(cat <<'TABLE'
text input to stdout          | 0 |                                       | @T/notice.txt
stdin text                    | 0 |                                       | --input-kind text -
missing file                  | 1 | @T/missing.png: cannot open: No such  | @T/missing.png
empty file                    | 1 | @T/empty.png: file is empty           | @T/empty.png
random bytes named .png       | 1 | @T/random.png: not a PDF, nor a recog | @T/random.png
truncated png                 | 1 | @T/truncated.png: load_image: the PNG file is damaged or truncated | @T/truncated.png
header claims 60000x60000     | 1 | exceeds the limit                     | @T/huge.png
truncated pdf                 | 1 | @T/scan.pdf: load_pdf: cannot read the PDF | @T/scan.pdf
empty directory as input      | 1 | @T/dir.png: no PDF or image files     | @T/dir.png
one bad input, one good       | 1 | @T/missing.png: cannot open           | @T/missing.png @T/notice.txt
unknown option                | 2 | unknown option '--bogus'              | --bogus @T/notice.txt
bad format                    | 2 | unknown format 'xml'                  | -f xml @T/notice.txt
no input                      | 2 | no input given                        |
unknown stage                 | 2 | unknown stage 'nonesuch'              | --skip nonesuch @T/notice.txt
required stage                | 2 | stage 'compose' cannot be skipped     | --skip compose @T/notice.txt
missing language              | 2 | the OCR language 'xx' is not installed: no xx.traineddata in | --lang xx @S
help                          | 0 |                                       | --help
list stages                   | 0 |                                       | --list-stages
TABLE
)

. "$(dirname "$0")/check.sh"
while IFS='|' read -r name status expect args; do
  name=$(echo "$name" | xargs) status=$(echo "$status" | xargs) expect=$(echo "$expect" | sed 's/^ *//;s/ *$//')
  args=${args//@T/$T} args=${args//@S/$sample} expect=${expect//@T/$T}
  count=$((count + 1))
  # shellcheck disable=SC2086  # word splitting of the argument column is intended
  "$vanthu" $args < "$T/notice.txt" > "$T/out" 2> "$T/err"
  got=$?
  ok=1
  [ "$got" = "$status" ] || { echo "FAIL $name: exit $got, want $status"; ok=0; }
  if [ -n "$expect" ]; then
    grep -qF -- "$expect" "$T/err" || { echo "FAIL $name: stderr lacks '$expect':"; cat "$T/err"; ok=0; }
  elif [ -s "$T/err" ]; then
    echo "FAIL $name: unexpected stderr:"; cat "$T/err"; ok=0
  fi
  [ $ok = 1 ] && echo "ok   $name" || failures=$((failures + 1))
done <<< "$cases"

# Output files: a directory per input when there are several; nothing for a failed input.
"$vanthu" -q -o "$T/out-dir" "$T/notice.txt" "$T/missing.png" "$T/random.png" 2>/dev/null
check "-o DIR writes the good input" test -s "$T/out-dir/notice.txt"
check "-o DIR writes nothing for failed inputs" test "$(ls "$T/out-dir")" = "notice.txt"
check "no temporary files left" test -z "$(find "$T/out-dir" -name '*.tmp.*')"
check "text output is the input's text" grep -qx "Thông báo số 88/TB-SYT" "$T/out-dir/notice.txt"

mkdir -p "$T/other" && cp "$T/notice.txt" "$T/other/notice.txt"
"$vanthu" -q -o "$T/clash" "$T/notice.txt" "$T/other/notice.txt" 2> "$T/err"
check "same output name twice: exit 1" test $? = 1
check "same output name twice: the second is refused, naming it" grep -q "other/notice.txt: output .*clash/notice.txt already written" "$T/err"

"$vanthu" -f json -o "$T/one.json" "$T/notice.txt"
check "json record has the documented keys" "$json_check" "$T/one.json"
"$vanthu" -f json "$T/notice.txt" "$T/missing.png" > "$T/array.json" 2>/dev/null
check "json to stdout with several inputs is an array" "$json_check" "$T/array.json"
check "a failed input's record says ok: false" grep -q '"ok": false' "$T/array.json"
"$vanthu" -f jsonl -o "$T/all.jsonl" "$T/notice.txt" "$T/notice.txt"
check "jsonl: one valid record per line" "$json_check" --lines "$T/all.jsonl"
check "jsonl: two lines" test "$(wc -l < "$T/all.jsonl")" = 2

echo "keep" > "$T/kept.txt"
"$vanthu" -o "$T/kept.txt" "$T/random.png" 2>/dev/null
check "a failed run leaves an existing output untouched" grep -qx keep "$T/kept.txt"
"$vanthu" -o "$T/no-such-dir/x/out.txt" "$T/notice.txt" 2> "$T/err"
check "unwritable output: exit 1" test $? = 1
check "unwritable output: message names the path" grep -q "no-such-dir/x/out.txt" "$T/err"

"$vanthu" -j 1 -f jsonl "$T/notice.txt" "$T/missing.png" "$T/notice.txt" 2>/dev/null | grep -o '"source":"[^"]*"' > "$T/order1"
"$vanthu" -j 2 -f jsonl "$T/notice.txt" "$T/missing.png" "$T/notice.txt" 2>/dev/null | grep -o '"source":"[^"]*"' > "$T/order2"
check "--jobs keeps input order" cmp -s "$T/order1" "$T/order2"

check_summary
