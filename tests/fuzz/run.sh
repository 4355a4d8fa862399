#!/bin/sh
# run.sh SECONDS — build the libFuzzer harnesses with clang straight from the
# sources (no CMake needed) and fuzz every parser and stage that takes outside
# bytes, SECONDS (default 60) in total, shared among the targets by weight.
#
# The library is compiled once into an ASan+UBSan archive in the work directory
# (objects are rebuilt only when a source or header changed); each harness
# tests/fuzz/fuzz_<target>.c is linked against it. Each target first replays its
# committed corpus tests/fuzz/corpus/<target>/ (seeds and the reproducers of
# crashes fixed, as plain inputs), then fuzzes with that corpus, the seed
# notices one line per file (text targets) and what earlier runs found. Prints
# each target's executions ("Done N runs") and exits non-zero if any target
# crashes, leaks or trips a sanitizer, naming the reproducer it left.
#
# Environment: CC (clang), VT_FUZZ_DIR (work directory), VT_FUZZ_JOBS (parallel
# compiles, default 2), VT_FUZZ_TARGETS (a space-separated subset to run).
set -eu
total=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${VT_FUZZ_DIR:-${TMPDIR:-/tmp}/vanthu-fuzz}
jobs=${VT_FUZZ_JOBS:-2}
cc=${CC:-clang}
mkdir -p "$work/obj"

# target:weight — the loader target decodes images and opens PDFs: slower per
# input, so it gets a bigger share than a pure text parser.
all_targets="dates:1 docnum:1 legacy:1 utf8:1 token:1 syllable:1 diacritics:2 stamp:1
header:1 layer:1 json:1 process:3"
targets=${VT_FUZZ_TARGETS:-$(for t in $all_targets; do printf '%s ' "${t%%:*}"; done)}

pkgs="tesseract lept icu-uc icu-i18n json-c poppler-glib libxml-2.0 lcms2 zlib libqpdf"
pkg_cflags=$(pkg-config --cflags $pkgs)
pkg_libs="$(pkg-config --libs $pkgs) -lhpdf -lgomp -lpthread -lm"  # libharu has no .pc
text_libs="$(pkg-config --libs icu-uc icu-i18n) -lgomp -lm"   # base/ and text/ need ICU only
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
text_includes="-I$root/base -I$root/text"
includes_all="$text_includes -I$root/pipeline -I$root/stages -I$root/image"
cflags="-std=c17 -g -O1 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror -D_POSIX_C_SOURCE=200809L $pkg_cflags"
defines="-DVANTHU_BUILDING -DVANTHU_TESSDATA_DIR=\"\" -DVANTHU_VERSION_STRING=\"fuzz\"
-DVANTHU_INSTALLED_MODEL_DIR=\"$root/models\" -DVANTHU_LIB_TO_MODELS=\"../models\"
-DVANTHU_SOURCE_MODEL_DIR=\"$root/models\""

# ---- the library, as two instrumented archives ----
# The layers of pipeline/README.md: base/ and text/ make one archive, compiled
# with their own two folders only on the include path (as CMake does), and the
# text targets link that alone; the pipeline, stages and image code make the
# other, which the json and process targets link on top.
text_lib="$work/libvanthu_text_fuzz.a"
lib="$work/libvanthu_fuzz.a"
sources=$(ls "$root"/base/*.c "$root"/text/*.c "$root"/pipeline/*.c "$root"/stages/*.c \
             "$root"/image/*.c | grep -Ev '/pipeline/(main|cli[a-z_]*)\.c$')
stale=""
for src in $sources; do
    obj="$work/obj/$(basename "$(dirname "$src")")_$(basename "$src" .c).o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] \
        || [ -n "$(find "$root/base" "$root/pipeline" "$root/stages" "$root/image" "$root/text" \
                        -name '*.h' -newer "$obj" | head -1)" ]; then
        stale="$stale $src"
    fi
done
# Objects of files no longer in the tree (moved to another layer) would
# otherwise land in an archive; they are dropped.
for obj in "$work"/obj/*.o; do
    [ -f "$obj" ] || continue
    name=$(basename "$obj" .o)
    [ -f "$root/${name%%_*}/${name#*_}.c" ] || rm -f "$obj" "$lib" "$text_lib"
done
if [ -n "$stale" ]; then
    echo "compiling $(echo $stale | wc -w) library source(s) for fuzzing"
    export cc cflags defines san work text_includes includes_all
    # shellcheck disable=SC2016
    printf '%s\n' $stale | xargs -P "$jobs" -n 1 sh -c '
        dir=$(basename "$(dirname "$1")")
        obj="$work/obj/${dir}_$(basename "$1" .c).o"
        case $dir in base|text) flags="$text_includes $cflags" ;; *) flags="$includes_all $cflags" ;; esac
        $cc $flags $defines -fopenmp $san -fsanitize=fuzzer-no-link -c "$1" -o "$obj"' sh
    rm -f "$lib" "$text_lib"
fi
[ -f "$text_lib" ] || ar rcs "$text_lib" "$work"/obj/base_*.o "$work"/obj/text_*.o
[ -f "$lib" ] || ar rcs "$lib" "$work"/obj/pipeline_*.o "$work"/obj/stages_*.o "$work"/obj/image_*.o

# ---- seeds shared by the text targets: the seed notices, one line per file ----
lines="$work/seed-lines"
mkdir -p "$lines"
i=0
for f in "$root"/fixtures/labels/seeds/*.txt; do
    [ -f "$f" ] || continue
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        i=$((i + 1))
        printf '%s\n' "$line" >"$lines/seed-$i"
    done <"$f"
done

weight_of() {
    for t in $all_targets; do
        [ "${t%%:*}" = "$1" ] && { echo "${t#*:}"; return; }
    done
    echo 1
}
sum=0
for name in $targets; do sum=$((sum + $(weight_of "$name"))); done

# ---- build, replay, fuzz ----
status=0
export VT_FUZZ_MODEL="$root/models/vie-syllable.lm" VT_FUZZ_MODEL_DIR="$root/models"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for name in $targets; do
    exe="$work/fuzz_$name"
    case $name in
        json|process) link="$includes_all $cflags $san -fsanitize=fuzzer $here/fuzz_$name.c $lib $text_lib $pkg_libs" ;;
        *) link="$text_includes $cflags $san -fsanitize=fuzzer $here/fuzz_$name.c $text_lib $text_libs" ;;
    esac
    # shellcheck disable=SC2086
    if ! $cc $link -o "$exe"; then
        echo "fuzz_$name FAILED to build" >&2
        status=1
        continue
    fi
    seconds=$((total * $(weight_of "$name") / sum))
    [ "$seconds" -ge 1 ] || seconds=1
    log="$work/fuzz_$name.log"
    seeds="$here/corpus/$name"
    found="$work/corpus_$name"      # first directory: where libFuzzer adds inputs
    mkdir -p "$found"
    case $name in
        process) max_len=65536; extra="" ;;
        *) max_len=4096; extra="$lines" ;;
    esac
    echo "fuzz_$name: ${seconds}s"
    # The committed corpus alone first, each file once: the regression inputs.
    if [ -d "$seeds" ] && ! "$exe" -runs=1 "$seeds"/* >"$work/fuzz_$name.replay.log" 2>&1; then
        echo "fuzz_$name FAILED on its committed corpus; see $work/fuzz_$name.replay.log" >&2
        tail -40 "$work/fuzz_$name.replay.log" >&2
        status=1
        continue
    fi
    # shellcheck disable=SC2086
    if ! "$exe" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
            -artifact_prefix="$work/fuzz_$name-" -print_final_stats=0 \
            "$found" "$seeds" $extra >"$log" 2>&1; then
        echo "fuzz_$name FAILED; see $log" >&2
        tail -40 "$log" >&2
        grep -h 'Test unit written to' "$log" | sed "s/^.*written to /reproducer: /" >&2 || true
        status=1
    else
        runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
        echo "fuzz_$name: ${runs:-no 'Done' line} in ${seconds}s"
    fi
done
exit $status
