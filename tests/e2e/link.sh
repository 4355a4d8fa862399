#!/usr/bin/env bash
# link.sh — install the library into a scratch prefix and build a program against
# it with pkg-config, as another project would; then run it.
# usage: link.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/$(gcc -print-multiarch)/pkgconfig"
# shellcheck disable=SC2046  # pkg-config output is meant to be word-split
cc -std=c17 -Wall -Wextra -Werror -o "$prefix/example" "$src/tests/e2e/link_example.c" \
   $(pkg-config --cflags --libs vanthu)
LD_LIBRARY_PATH="$(dirname "$(find "$prefix" -name 'libvanthu.so*' | head -n1)")" "$prefix/example"
echo "1 passed, 0 failed"
