#!/usr/bin/env bash
# setup.sh — install what vanthu needs on Debian 12, build it, and optionally test.
#
#   ./setup.sh              install missing packages and build (build/vanthu)
#   ./setup.sh test         … then build and run the whole test suite twice: under
#                           ASan+UBSan (build-asan/) and as released (build/)
#
# Idempotent and quick when everything is there: apt is only called for packages
# that are missing, and cmake rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  cmake gcc pkg-config make
  libtesseract-dev libleptonica-dev libicu-dev libjson-c-dev libcmocka-dev libpoppler-glib-dev libxml2-dev
  libhpdf-dev liblcms2-dev zlib1g-dev libqpdf-dev
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd
)

# The tests also drive batches through GNU parallel, fuzz the parsers with clang,
# build the Debian package (cpack asks dpkg-shlibdeps for its dependencies), and
# validate the ALTO and hOCR outputs with xmllint, and read the PDFs back with
# Poppler's tools and qpdf.
[ "${1:-}" = "test" ] && packages+=(parallel clang libclang-rt-14-dev dpkg-dev libxml2-utils
                                    poppler-utils qpdf)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)

build() {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

build build

if [ "${1:-}" = "test" ]; then
  build build-asan -DVANTHU_SANITIZE=ON
  echo "setup: test suite under AddressSanitizer + UndefinedBehaviorSanitizer"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
  echo "setup: test suite, release build"
  ctest --test-dir build --output-on-failure -j "$jobs"
fi
