#!/usr/bin/env bash
# kill.sh — a batch killed with SIGKILL at a random moment, then the same
# command again (the manifest makes it go on where the killed run died), five
# times: the outputs must be byte-identical to one clean run's, with no
# temporary file left (issue #16). The moments are printed, and the seed can
# be given (VT_KILL_SEED) to replay a failure.
#
# usage: kill.sh VANTHU FIXTURES_DIR
set -u
vanthu=$1 fixtures=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
RANDOM=${VT_KILL_SEED:-$$}
echo "  seed ${VT_KILL_SEED:-$$}"

mkdir -p "$T/in/a" "$T/in/b"
cp "$fixtures/sample/notice.png" "$T/in/a/notice.png"
cp "$fixtures/scans/000-p1-300.png" "$T/in/a/000.png"
cp "$fixtures/scans/001-p2-200.png" "$T/in/b/001.png"
cp "$fixtures/scans/003-p2-200.png" "$T/in/b/003.png"
cp "$fixtures/scans/002-p1-150-photo.jpg" "$T/in/b/002.jpg"
cp "$fixtures/scans/001-p2-200-bilevel.tif" "$T/in/b/001-bilevel.tif"

start=$(date +%s.%N)
"$vanthu" -q -o "$T/clean" "$T/in"
check "clean run: exit 0" test $? = 0
clean_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "  clean run: ${clean_s} s"

# Five trials, each from an empty output folder: kill at a moment between
# 0.05 s and the clean run's length (anywhere in the batch, including inside a
# write or a manifest update), then the same command again.
clean_ms=$(printf '%.0f' "$(echo "$clean_s * 1000" | bc)")
identical=0 tidy=0 resumed=0
for trial in 1 2 3 4 5; do
  ms=$(( (RANDOM * 32768 + RANDOM) % clean_ms + 50 ))
  rm -rf "$T/killed"
  "$vanthu" -q -o "$T/killed" "$T/in" 2> /dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -KILL $pid 2> /dev/null && how=killed || how="finished before"
  wait $pid 2> /dev/null
  before=$(find "$T/killed" -name '*.txt' 2> /dev/null | wc -l)
  "$vanthu" -q -o "$T/killed" "$T/in" && resumed=$((resumed + 1))
  [ -z "$(find "$T/killed" -name '*.tmp.*')" ] && tidy=$((tidy + 1))
  same=no
  diff -r -x .vanthu-manifest.tsv "$T/clean" "$T/killed" > /dev/null && same=yes && identical=$((identical + 1))
  echo "  trial $trial: $how at ${ms} ms with $before of 6 outputs; after the re-run identical: $same"
done
check "every re-run after a kill: exit 0" test $resumed = 5
check "no temporary file left behind" test $tidy = 5
check "outputs byte-identical to the clean run, 5 trials of 5" test $identical = 5

check_summary
