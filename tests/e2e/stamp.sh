#!/usr/bin/env bash
# stamp.sh — on every fixture page with a receipt stamp (MANIFEST.tsv notes say
# "ĐẾN stamp ...: ORG, NUMBER, YYYY-MM-DD", whatever the page's kind), vanthu
# reports the stamp's number and date in JSON receipt_stamp — exactly, or else
# flagged receipt_stamp.review.*.needs_review (a wrong value must carry its
# warning; a missing one fails) — and no stamp text leaks into the page text, on colour scans (read from the stamp's ink),
# greyscale and 1-bit ones (found by its frame); pages with only a seal report no
# receipt stamp, and a seal's ring text (meta.json) is read into JSON seals.
# usage: stamp.sh VANTHU JSON_CHECK SCANS_DIR
set -u
vanthu=$1 json_check=$2 scans=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
# exact_or_flagged FIELD WANT: receipt_stamp.FIELD is WANT, or is some value
# flagged for review.
exact_or_flagged() {
  local got flag
  got=$("$json_check" --get "receipt_stamp.$1" "$T/out.json")
  flag=$("$json_check" --get "receipt_stamp.review.$1.needs_review" "$T/out.json")
  [ "$got" = "$2" ] && return 0
  [ -n "$got" ] && [ "$got" != null ] && [ "$flag" = true ] && { echo "     ($1 '$got' flagged for review)"; return 0; }
  echo "     ($1 '$got', review '$flag')"
  return 1
}
while IFS=$'\t' read -r image page truth dpi kind notes; do
  [ "$kind" = stamped ] || [ "$kind" = stamped-grey ] || [[ "$notes" == *"ĐẾN stamp"* ]] || continue
  "$vanthu" -q -f jsonl "$scans/$image" > "$T/out.json"
  if [[ "$notes" == *"ĐẾN stamp"* ]]; then
    fields=${notes##*: }                       # "ORG, NUMBER, DATE"
    number=$(echo "$fields" | awk -F', ' '{print $(NF-1)}')
    date=$(echo "$fields" | awk -F', ' '{print $NF}')
    check "$image: receipt number $number" exact_or_flagged number "$number"
    check "$image: receipt date $date" exact_or_flagged date "$date"
    text=$(grep -o '"text":"[^"]*' "$T/out.json" | head -n1)
    check "$image: the stamp's number is not in the text" test "${text/$number/}" = "$text"
    check "$image: the stamp's labels are not in the text" sh -c "! echo '$text' | grep -q -e 'Chuyển:' -e 'Ngày: '"
  else
    check "$image: a seal is not a receipt stamp" grep -q '"receipt_stamp":null' "$T/out.json"
  fi
  # A seal's ring text (meta.json "seal": {"text": "NAME ★", ...}) is in JSON seals.
  seal=$(grep -o '"seal": {"text": "[^"]*' "$scans/${image%.*}.meta.json" | sed 's/.*"text": "//; s/ ★$//')
  if [ -n "$seal" ]; then
    check "$image: seal text '$seal'" grep -q "\"seals\":\[{[^}]*\"text\":\"$seal\"" "$T/out.json"
  fi
done < "$scans/MANIFEST.tsv"
check_summary
