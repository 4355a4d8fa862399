#!/usr/bin/env bash
# bad.sh — one batch over the bad-input corpus (tests/bad/make_corpus.py, issue
# #16) with two good scans among it, as an archive job meets them: every bad
# input is reported once, on one line naming the file and the real cause; it
# gets no output file and leaves no temporary one; the good inputs are done; a
# folder that contains itself is walked once; memory stays bounded. Then write
# errors: standard output on a full disk, and -o over a file-size limit.
#
# usage: bad.sh VANTHU FIXTURES_DIR MAKE_CORPUS
set -u
vanthu=$1 fixtures=$2 make_corpus=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"

python3 "$make_corpus" "$T/c" "$fixtures" || { echo "FAIL cannot make the corpus"; exit 1; }
good1=$fixtures/sample/notice.png good2=$fixtures/scans/000-p1-300.png
# Text inputs are named on the command line: a folder walk takes .txt files only
# with --input-kind text. Still one batch, one vanthu process.
/usr/bin/time -f %M -o "$T/maxrss" "$vanthu" -q --page-timeout 120 -o "$T/out" \
  "$T/c/corpus" "$T/c"/text/*.txt "$good1" "$good2" > "$T/stdout" 2> "$T/err"
status=$?
check "batch: exit 1 (some inputs failed, the rest done)" test $status = 1

# The output file an input would have: its path below the argument it came
# from (a corpus file) or its file name (a text file named on the command
# line), extension replaced by .txt.
output_of() {
  local rel=${1#corpus/}
  [ "$rel" = "$1" ] && rel=${1##*/}
  echo "$T/out/${rel%.*}.txt"
}
n_fail=0 lines_ok=0 causes_ok=0 no_output=0 done_ok=0 n_done=0
while IFS=$'\t' read -r rel outcome pattern; do
  rel=$(printf '%b' "$rel")            # the non-UTF-8 name is written escaped
  path=$T/c/$rel out=$(output_of "$rel")
  if [ "$outcome" = fail ]; then
    n_fail=$((n_fail + 1))
    mine=$(grep -aF -- "$path: " "$T/err")
    if [ "$(printf '%s\n' "$mine" | grep -c .)" = 1 ]; then lines_ok=$((lines_ok + 1))
    else echo "  $rel: $(printf '%s\n' "$mine" | grep -c .) error lines, not 1"; fi
    if printf '%s\n' "$mine" | grep -qaF -- "$pattern"; then causes_ok=$((causes_ok + 1))
    else echo "  $rel: expected '$pattern', got: $mine"; fi
    if [ ! -e "$out" ]; then no_output=$((no_output + 1)); else echo "  $rel: has an output"; fi
  else
    n_done=$((n_done + 1))
    if [ -e "$out" ] && ! grep -qaF -- "$path: " "$T/err"; then done_ok=$((done_ok + 1))
    else echo "  $rel: not done"; fi
  fi
done < "$T/c/expect.tsv"
echo "  corpus: $((n_fail + n_done)) inputs, $n_fail bad, $n_done readable despite their oddity"
check "each bad input: exactly one error line naming it" test $lines_ok = $n_fail
check "each bad input: the real cause" test $causes_ok = $n_fail
check "no output file for a bad input" test $no_output = $n_fail
check "odd but readable inputs are done" test $done_ok = $n_done
check "stderr holds our error lines only (nothing printed by libpng, libjpeg, ...)" \
  test "$(grep -avc '^vanthu: ' "$T/err")" = 0
check "nothing else on stderr: one line per bad input" test "$(wc -l < "$T/err")" = $n_fail
check "no 'out of memory' for small inputs" test "$(grep -ac 'out of memory' "$T/err")" = 0
check "no temporary file left in the output folder" test -z "$(find "$T/out" -name '*.tmp.*')"
check "the good scans are done" test -s "$T/out/notice.txt" -a -s "$T/out/000-p1-300.txt"
check "the symlink loop walked once: nothing reached through loop/d/self" \
  test "$(grep -ac 'self/' "$T/err")" = 0 -a -z "$(find "$T/out" -path '*self*')"
check "the manifest lists each done input once" \
  test "$(cut -f1 "$T/out/.vanthu-manifest.tsv" | sort | uniq -d | wc -l)" = 0
maxrss=$(tail -1 "$T/maxrss")
echo "  peak memory: $((maxrss / 1024)) MB"
# AddressSanitizer's shadow memory and quarantine (256 MB) say nothing about
# vanthu's own use: the bound is checked on the plain build only.
if ldd "$vanthu" 2> /dev/null | grep -q libasan; then
  echo "  (peak memory not checked: sanitizer build)"
else
  check "peak memory under 500 MB" test "$maxrss" -lt 512000
fi

# Write errors.
"$vanthu" "$good1" > /dev/full 2> "$T/err"
check "stdout on a full disk: exit 1" test $? = 1
check "stdout on a full disk: said so" grep -q "cannot write to standard output: No space left" "$T/err"
mkdir "$T/small"
(ulimit -f 1; "$vanthu" -q -o "$T/small/notice.txt" "$good1" 2> "$T/err")
check "-o over ulimit -f: exit 1" test $? = 1
check "-o over ulimit -f: the file and the cause named" grep -q "small/notice.txt: cannot write the output file: File too large" "$T/err"
check "-o over ulimit -f: nothing partial left" test -z "$(ls -A "$T/small")"

check_summary
