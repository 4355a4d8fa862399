#!/usr/bin/env bash
# stamp.sh — on every fixture page with a receipt stamp (MANIFEST.tsv notes say
# "ĐẾN stamp ...: ORG, NUMBER, YYYY-MM-DD", whatever the page's kind), vanthu
# reports the stamp's number and date in JSON receipt_stamp, and no stamp text
# leaks into the page text, on colour scans (read from the stamp's ink),
# greyscale and 1-bit ones (found by its frame); pages with only a seal report no
# receipt stamp, and a seal's ring text (meta.json) is read into JSON seals.
# usage: stamp.sh VANTHU SCANS_DIR
set -u
vanthu=$1 scans=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
while IFS=$'\t' read -r image page truth dpi kind notes; do
  [ "$kind" = stamped ] || [ "$kind" = stamped-grey ] || [[ "$notes" == *"ĐẾN stamp"* ]] || continue
  "$vanthu" -q -f jsonl "$scans/$image" > "$T/out.json"
  if [[ "$notes" == *"ĐẾN stamp"* ]]; then
    fields=${notes##*: }                       # "ORG, NUMBER, DATE"
    number=$(echo "$fields" | awk -F', ' '{print $(NF-1)}')
    date=$(echo "$fields" | awk -F', ' '{print $NF}')
    check "$image: receipt number $number" grep -q "\"number\":\"$number\"" "$T/out.json"
    check "$image: receipt date $date" grep -q "\"date\":\"$date\"" "$T/out.json"
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
