#!/usr/bin/env bash
# batch.sh — vanthu over folders as an archive job uses it: recursion and the
# mirrored output tree, the manifest (re-runs skip finished inputs, --force redoes
# them), shards whose union is the whole run (through GNU parallel), and a batch
# killed with SIGKILL half-way that, run again, ends byte-identical to a run that
# was never interrupted.
#
# usage: batch.sh VANTHU SAMPLE_IMAGE
set -u
vanthu=$1 sample=$2
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
# Permission checks mean nothing to root, so as root they run as nobody.
as_user() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
# nobody must be able to reach the binary (a clone inside a private folder may not).
user_checks=1
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$vanthu"; then
  user_checks=0
  echo "skip permission checks: user nobody cannot run $vanthu from here"
fi
same_tree() {  # same_tree A B: same files with the same bytes, manifest aside
  diff -r -x .vanthu-manifest.tsv "$1" "$2" > /dev/null
}

# An archive of text notices in nested folders, with files that are not inputs.
mkdir -p "$T/in/2024/10" "$T/in/2025" "$T/in/empty"
for i in 1 2 3 4 5 6 7 8 9; do
  printf 'Thông báo số %d/TB-SYT\n\nNội dung %d.\n' "$i" "$i" > "$T/in/2024/10/tb$i.txt"
done
printf 'Công văn 1\n' > "$T/in/2025/cv1.txt"
echo "not an input" > "$T/in/2025/notes.md"

"$vanthu" -q --input-kind text -o "$T/out" "$T/in"
check "directory: exit 0" test $? = 0
check "output tree mirrors the input tree" test -s "$T/out/2024/10/tb7.txt" -a -s "$T/out/2025/cv1.txt"
check "files that are not inputs are left alone" test ! -e "$T/out/2025/notes.txt"
check "manifest lists every input" test "$(wc -l < "$T/out/.vanthu-manifest.tsv")" = 10

"$vanthu" --input-kind text -o "$T/out" "$T/in" 2> "$T/err"
check "re-run skips finished inputs" grep -q "0 done, 10 skipped" "$T/err"
printf 'Thông báo đã sửa\n' > "$T/in/2024/10/tb2.txt"
"$vanthu" --input-kind text -o "$T/out" "$T/in" 2> "$T/err"
check "a changed input is done again" grep -q "1 done, 9 skipped" "$T/err"
check "its output is new" grep -q "đã sửa" "$T/out/2024/10/tb2.txt"
rm "$T/out/2025/cv1.txt"
printf 'edited by hand\n' > "$T/out/2024/10/tb7.txt"
"$vanthu" --input-kind text -o "$T/out" "$T/in" 2> "$T/err"
check "a deleted or edited output is written again" grep -q "2 done, 8 skipped" "$T/err"
check "the deleted output is back" test -s "$T/out/2025/cv1.txt"
check "the edited output is vanthu's again" test "$(cat "$T/out/2024/10/tb7.txt")" != "edited by hand"
"$vanthu" --force --input-kind text -o "$T/out" "$T/in" 2> "$T/err"
check "--force redoes everything" grep -q "10 done, 0 skipped" "$T/err"

# Where -o points.
a="$T/in/2025/cv1.txt" b="$T/in/2024/10/tb1.txt"
(cd "$T" && "$vanthu" -q --input-kind text -o - "$a" > "$T/stdout")
check "-o - is standard output" grep -q "Công văn 1" "$T/stdout"
check "-o - makes no file named -" test ! -e "$T/-"
"$vanthu" -q --input-kind text -f json -o "$T/new/deeper/" "$a"
check "-o DIR/ creates the folders and writes into them" test -s "$T/new/deeper/cv1.json"
"$vanthu" -q --input-kind text -o "$T/all.json" "$a" "$b" 2> "$T/err"
check "several inputs, -o FILE: usage error" test $? = 2
check "several inputs, -o FILE: the problem named" grep -q "all.json: several inputs write one file each into a folder" "$T/err"
check "several inputs, -o FILE: nothing made" test ! -e "$T/all.json"
echo x > "$T/exists.txt"
"$vanthu" -q --input-kind text -o "$T/exists.txt" "$a" "$b" 2> "$T/err"
check "several inputs, -o an existing file: usage error" test $? = 2
"$vanthu" -q --input-kind text -f jsonl -o "$T/all.jsonl" "$a" "$b"
check "several inputs, -f jsonl -o FILE: one file, one line each" test "$(wc -l < "$T/all.jsonl")" = 2
"$vanthu" --input-kind text "$a" "$b" > /dev/null 2> "$T/err"
check "without -o nothing is called skipped" grep -qx "vanthu: 2 done, 0 failed" "$T/err"

# @LIST, shards.
find "$T/in" -name '*.txt' | sort > "$T/list"
"$vanthu" -q --input-kind text -o "$T/whole" "@$T/list"
check "@LIST: one output per listed file" test "$(find "$T/whole" -name '*.txt' | wc -l)" = 10
if command -v parallel > /dev/null; then
  parallel --will-cite -j 3 "$vanthu" -q --input-kind text --shard {}/3 -o "$T/shards" "@$T/list" ::: 1 2 3
  check "3 shards through GNU parallel: union equals a single run" same_tree "$T/whole" "$T/shards"
  for k in 1 2 3; do
    "$vanthu" -q --input-kind text --shard $k/3 -f jsonl "@$T/list" | grep -o '"source":"[^"]*"'
  done | sort > "$T/shard-sources"
  check "shards are disjoint and cover all inputs" test "$(sort -u "$T/shard-sources" | wc -l)" = 10 -a "$(wc -l < "$T/shard-sources")" = 10
else
  echo "FAIL GNU parallel is not installed (setup.sh installs it)"; failures=$((failures + 1))
fi

# Bad inputs in a batch: each reported by name, the rest done, exit 1.
mkdir -p "$T/bad/locked"
cp "$T/in/2025/cv1.txt" "$T/bad/good.txt"
: > "$T/bad/zero.pdf"
head -c 4096 /dev/urandom > "$T/bad/random.pdf"
printf '%%PDF-1.7\n1 0 obj\n<< /Type /Catalog' > "$T/bad/truncated.pdf"
cp "$T/in/2025/cv1.txt" "$T/bad/locked/hidden.txt"
chmod 000 "$T/bad/locked"
latin1=$(printf '%s/t\xean-c\xf3-d\xe1u.txt' "$T")   # a file name in Latin-1 bytes, not UTF-8
cp "$T/in/2025/cv1.txt" "$latin1"
"$vanthu" -q -o "$T/bad-out" "$T/bad" "$T/bad/good.txt" "$latin1" 2> "$T/err"
status=$?
check "bad inputs: exit 1" test $status = 1
check "zero-byte file named" grep -q "zero.pdf: file is empty" "$T/err"
check "random bytes named .pdf named" grep -q "random.pdf: not a PDF" "$T/err"
check "truncated PDF named" grep -q "truncated.pdf: load_pdf: cannot read the PDF" "$T/err"
chmod 755 "$T"
chmod -R a+rwX "$T/bad" && chmod 000 "$T/bad/locked"
if [ $user_checks = 1 ]; then
  as_user "$vanthu" -q -o "$T/bad-out-user" "$T/bad" 2> "$T/err-user"
  check "unreadable directory named" grep -q "bad/locked: cannot read the directory: Permission denied" "$T/err-user"
fi
check "good input still done" test -s "$T/bad-out/good.txt"
check "non-UTF-8 file name still done" test "$(find "$T/bad-out" -name 't*d*.txt' | wc -l)" = 1
check "no output for failed inputs" test ! -e "$T/bad-out/zero.txt" -a ! -e "$T/bad-out/random.txt"
chmod 700 "$T/bad/locked"

mkdir -p "$T/ro"
chmod 555 "$T/ro"
[ $user_checks = 1 ] && {
as_user "$vanthu" -q -o "$T/ro/out" "$T/bad/good.txt" "$T/in/2025/cv1.txt" 2> "$T/err"
check "output folder not writable: exit 1" test $? = 1
check "output folder not writable: named with the reason" grep -q "ro/out: cannot create the output directory: Permission denied" "$T/err"
mkdir -p "$T/ro2/out" && chmod 555 "$T/ro2/out"
as_user "$vanthu" -q -o "$T/ro2/out" "$T/bad/good.txt" "$T/in/2025/cv1.txt" 2> "$T/err"
check "existing output folder not writable: named" grep -q "ro2/out/.vanthu-manifest.tsv: cannot write the manifest: Permission denied" "$T/err"
}

# SIGKILL half-way, then run again: the outputs equal an uninterrupted run's.
mkdir -p "$T/scans"
for i in 1 2 3 4 5; do cp "$sample" "$T/scans/page$i.png"; done
"$vanthu" -q -o "$T/clean-run" "$T/scans"
"$vanthu" -q -o "$T/killed-run" "$T/scans" &
pid=$!
for _ in $(seq 1 600); do   # wait until two outputs exist, then kill without warning
  [ "$(find "$T/killed-run" -name '*.txt' 2>/dev/null | wc -l)" -ge 2 ] && break
  sleep 0.05
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
done_before=$(find "$T/killed-run" -name 'page*.txt' | wc -l)
check "the kill came half-way" test "$done_before" -ge 1 -a "$done_before" -lt 5
"$vanthu" -o "$T/killed-run" "$T/scans" 2> "$T/err"
check "the re-run finishes the rest only" grep -q "skipped (already done)" "$T/err"
check "no temporary files left behind" test -z "$(find "$T/killed-run" -name '*.tmp.*')"
check "outputs byte-identical to an uninterrupted run" same_tree "$T/clean-run" "$T/killed-run"

check_summary
