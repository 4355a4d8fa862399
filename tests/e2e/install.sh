#!/usr/bin/env bash
# install.sh — vanthu as a user installs it: `cmake --install` into a prefix that
# is then moved, and the Debian package from cpack installed into a scratch root.
# Both must run the bundled sample with the source tree out of the picture, and
# carry the model, the PDF's font, the schema, the man page and the bash completion.
# usage: install.sh BUILD_DIR SAMPLE_IMAGE
set -u
build=$1 sample=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"

cmake --install "$build" --prefix "$T/first" > /dev/null
mv "$T/first" "$T/moved"      # an install must not remember where it was put
P=$T/moved
unset VANTHU_MODEL_DIR LD_LIBRARY_PATH
check "installed program starts (runpath to its library)" eval '"$P/bin/vanthu" --version > /dev/null'
"$P/bin/vanthu" --version > "$T/version"
check "the model is the installed one, found beside the library" \
  grep -q "^model: $P/share/vanthu/models/vie-syllable.lm (format" "$T/version"
"$P/bin/vanthu" "$sample" > "$T/sample.txt" 2> "$T/sample.err"
check "installed program reads the sample" grep -q "Số:" "$T/sample.txt"
check "the JSON schema is installed" grep -q '"\$schema"' "$P/share/vanthu/output-schema.json"
"$P/bin/vanthu" -q -f pdf -o "$T/sample.pdf" "$sample" 2> "$T/pdf.err"
check "installed program writes a PDF (its text-layer font found beside the library)" \
  bash -c "pdffonts '$T/sample.pdf' | grep -q VanthuGlyphless"
man=$P/share/man/man1/vanthu.1
check "the man page is installed" test -s "$man"
missing=""
for option in $("$P/bin/vanthu" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  grep -qF -- "${option//-/\\-}" "$man" || missing="$missing $option"
done
check "the man page describes every option of --help${missing:+ (missing:$missing)}" test -z "$missing"

# Bash completion, as bash calls it.
completion=$P/share/bash-completion/completions/vanthu
complete_words() {  # complete_words WORD... : COMPREPLY for the last word, one per line
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vanthu; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$completion" "$@"
}
check "completion: options from --help" grep -qx -- "--format" <(complete_words "$P/bin/vanthu" --for)
check "completion: values of --progress" \
  test "$(complete_words "$P/bin/vanthu" --progress a | sort | tr '\n' ' ')" = "always auto "
check "completion: stage names for --skip" grep -qx "diacritics" <(complete_words "$P/bin/vanthu" --skip dia)
# The fixed value lists in the completion are the program's: each one is accepted.
for pair in "--format json" "--input-kind pdf" "--ocr never" "--diacritics off" "--tone-style keep" \
            "--encoding viqr" "--dates iso" "--progress never"; do
  set -- $pair
  for value in $(complete_words "$P/bin/vanthu" "$1" ""); do
    "$P/bin/vanthu" "$1" "$value" --list-stages > /dev/null 2>&1 \
      || { echo "FAIL completion offers $1 $value, which vanthu refuses"; failures=$((failures + 1)); }
  done
done

# pkg-config: a program that only includes vanthu.h gets only vanthu's path.
cflags=$(PKG_CONFIG_PATH="$(dirname "$(find "$P" -name vanthu.pc)")" pkg-config --cflags vanthu)
only_own() {  # one -I flag, naming the installed include folder
  set -- $cflags
  [ $# = 1 ] && [ "$(realpath "${1#-I}")" = "$P/include" ]
}
check "pkg-config --cflags is vanthu's include path alone ($cflags)" only_own

# The Debian package, installed into a scratch root (its library dependencies are
# the machine's, so dpkg is told not to look for them there).
if command -v dpkg > /dev/null && [ "$(id -u)" = 0 ]; then
  cpack -G DEB -B "$T/pkg" --config "$build/CPackConfig.cmake" > "$T/cpack.log" 2>&1
  deb=$(ls "$T"/pkg/vanthu_*.deb 2> /dev/null | head -n1)
  check "cpack -G DEB makes a package" test -n "$deb"
  R=$T/root
  mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" && : > "$R/var/lib/dpkg/status"
  dpkg --root="$R" --force-depends --force-script-chrootless -i "$deb" > "$T/dpkg.log" 2>&1
  check "dpkg -i installs it" grep -q "^ii  vanthu" <(dpkg --root="$R" -l vanthu 2>/dev/null)
  check "the package declares the OCR language" \
    grep -q "tesseract-ocr-vie" <(dpkg-deb -f "$deb" Depends)
  "$R/usr/bin/vanthu" "$sample" > "$T/deb.txt" 2>&1
  check "the packaged program reads the sample" grep -q "Số:" "$T/deb.txt"
  check "the packaged program uses the packaged model" \
    grep -q "^model: $R/usr/share/vanthu/models/" <("$R/usr/bin/vanthu" --version)
else
  echo "skip the Debian package (needs dpkg and root)"
fi

check_summary
