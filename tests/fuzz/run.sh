#!/bin/sh
# run.sh SECONDS — build the libFuzzer harnesses with clang straight from the
# sources (no CMake needed) and run each for SECONDS (default 60), one worker each,
# seeded with the labelled fixtures. Exits non-zero if a fuzzer finds a crash,
# leak or sanitizer report; the reproducer is left in the work directory.
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${VT_FUZZ_DIR:-${TMPDIR:-/tmp}/vanthu-fuzz}
mkdir -p "$work"
cc=${CC:-clang}
flags="-std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -D_POSIX_C_SOURCE=200809L -I$root/text -I$root/pipeline"
common="$root/text/dates.c $root/text/text_edit.c $root/text/wordscan.c $root/text/utf8.c $root/pipeline/strbuf.c"

# Seed corpus: the seed notices, one line per file, so mutations start from real text.
corpus="$work/corpus"
mkdir -p "$corpus"
if [ -d "$root/fixtures/labels/seeds" ]; then
    i=0
    for f in "$root"/fixtures/labels/seeds/*.txt; do
        while IFS= read -r line; do
            [ -n "$line" ] || continue
            i=$((i + 1))
            printf '%s\n' "$line" >"$corpus/seed-$i"
        done <"$f"
    done
fi

status=0
for name in dates docnum legacy; do
    case $name in
        docnum) extra="$root/text/docnum.c" ;;
        legacy) extra="$root/text/legacy.c $root/text/syllable.c $root/text/vnchar.c" ;;
        *) extra="" ;;
    esac
    $cc $flags $common $extra "$here/fuzz_$name.c" -o "$work/fuzz_$name"
    mkdir -p "$work/corpus_$name"
    if [ "$name" = legacy ]; then   # the seeds are Unicode: add mojibake to mutate
        printf 'Th\253ng b\270o k\325t lu\313n c\361a Vi\326t Nam\n' >"$work/corpus_legacy/tcvn3"
        printf 'Tho\342ng ba\371o Vie\344t Nam \321OA\330N\n' >"$work/corpus_legacy/vni"
        printf "Co^.ng ho\140a xa~ ho^.i DDa\140 Na(~ng ba'o\n" >"$work/corpus_legacy/viqr"
    fi
    echo "fuzz_$name: ${seconds}s"
    if ! (cd "$work" && "./fuzz_$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
            "corpus_$name" "$corpus" >"$work/fuzz_$name.log" 2>&1); then
        echo "fuzz_$name FAILED; see $work/fuzz_$name.log" >&2
        tail -40 "$work/fuzz_$name.log" >&2
        status=1
    else
        tail -1 "$work/fuzz_$name.log"
    fi
done
exit $status
