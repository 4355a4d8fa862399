#!/usr/bin/env bash
# review.sh — document.review on notice headers given as text (tests/e2e/review/
# cases.tsv): each row's header goes through vanthu --input-kind text and the
# value at the row's JSON path must be the expected one ("" when the field, and
# so its review entry, is absent). Every record must also have the documented
# shape.
# usage: review.sh VANTHU JSON_CHECK CASES
set -u
vanthu=$1 json_check=$2 cases=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
while IFS=$'\t' read -r name text path expected; do
  case $name in ''|'#'*) continue ;; esac
  printf '%b\n' "$text" > "$T/$name.txt"
  "$vanthu" -q --input-kind text -f json -o "$T/$name.json" "$T/$name.txt"
  check "$name: the record has the documented shape" "$json_check" "$T/$name.json"
  got=$("$json_check" --get "$path" "$T/$name.json")
  check "$name: $path is '$expected' (got '$got')" test "$got" = "$expected"
done < "$cases"
check_summary
